//! Node-local truth: is a component up, healthy and at the version it
//! should be, asked of the component itself on its node (its health
//! endpoints and `/version`; for etcd the members' own status and
//! `/version`, from [`crate::etcd::ops::survey`], the one survey of etcd),
//! never of a mirror pod in the API server being restarted. Polled every
//! [`crate::wait::POLL`] by [`crate::wait::poll`] until a timeout; on
//! timeout the component's last log lines are shown where they can be found.

use crate::components::Component;
use crate::etcd::client::EtcdEndpoint;
use crate::etcd::ops;
use crate::health::http::{self, Tls};
use crate::node::Node;
use crate::staticpod::Pod;
use anyhow::{anyhow, Context, Result};
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// One request's timeout while polling.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(2);
/// Log lines shown on a timeout.
const LOG_LINES: usize = 15;

/// A node and how its loopback is reached: directly (this machine, under
/// `--root`), or with `curl` run on the node over SSH.
#[derive(Clone, Copy)]
pub struct Reach<'a> {
    pub node: &'a dyn Node,
    pub local: bool,
}

impl Reach<'_> {
    /// GET `url` on the node: (status, body) or a one-line reason.
    pub fn get(&self, url: &str, tls: &Tls) -> std::result::Result<(u16, String), String> {
        if self.local {
            return http::get(url, tls, REQUEST_TIMEOUT);
        }
        let secs = format!("{}", REQUEST_TIMEOUT.as_secs().max(1));
        let argv = [
            "curl",
            "-sS",
            "-k",
            "--max-time",
            &secs,
            "-w",
            "\n%{http_code}",
            url,
        ];
        let out = self.node.run(&argv).map_err(|e| format!("{e:#}"))?;
        if !out.success() {
            return Err(out.stderr.trim().to_string());
        }
        let (body, code) = out.stdout.rsplit_once('\n').unwrap_or(("", &out.stdout));
        let code = code
            .trim()
            .parse()
            .map_err(|_| "curl: no status".to_string())?;
        Ok((code, body.to_string()))
    }
}

impl Reach<'_> {
    /// GET every URL on the node; over SSH in one command (one round trip
    /// per poll instead of one per URL).
    pub fn get_many(&self, urls: &[String]) -> Vec<std::result::Result<(u16, String), String>> {
        if self.local {
            return urls.iter().map(|u| self.get(u, &Tls::Insecure)).collect();
        }
        const SCRIPT: &str = r#"for u in "$@"; do out=$(curl -sS -k --max-time 2 -w '\n%{http_code}' "$u" 2>&1); rc=$?; printf '%s' "$out" | base64 -w0; printf ' %s\n' "$rc"; done"#;
        let mut argv = vec!["sh", "-c", SCRIPT, "sh"];
        argv.extend(urls.iter().map(String::as_str));
        let out = match self.node.run(&argv) {
            Ok(o) => o,
            Err(e) => return urls.iter().map(|_| Err(format!("{e:#}"))).collect(),
        };
        let mut lines = out.stdout.lines();
        urls.iter()
            .map(|_| {
                let line = lines.next().ok_or("no answer from curl")?;
                let (b64, rc) = line.rsplit_once(' ').ok_or("bad answer from curl")?;
                use base64::Engine;
                let text = base64::engine::general_purpose::STANDARD
                    .decode(b64.trim())
                    .map(|b| String::from_utf8_lossy(&b).into_owned())
                    .unwrap_or_default();
                if rc.trim() != "0" {
                    return Err(text.trim().to_string());
                }
                let (body, code) = text.rsplit_once('\n').unwrap_or(("", &text));
                let code = code
                    .trim()
                    .parse()
                    .map_err(|_| "curl: no status".to_string())?;
                Ok((code, body.to_string()))
            })
            .collect()
    }
}

/// The URL of a probe of the pod (`livenessProbe`, `readinessProbe`).
pub fn probe_url(pod: &Pod, probe: &str) -> Option<String> {
    let p = pod.http_probe(probe)?;
    let scheme = match p.scheme {
        crate::components::Scheme::Https => "https",
        crate::components::Scheme::Http => "http",
    };
    Some(format!(
        "{scheme}://{}{}",
        crate::values::host_port(p.host.as_deref().unwrap_or("127.0.0.1"), p.port),
        p.path
    ))
}

/// `scheme://host:port` of a URL.
fn base(url: &str) -> &str {
    let after = url.find("://").map(|i| i + 3).unwrap_or(0);
    match url[after..].find('/') {
        Some(i) => &url[..after + i],
        None => url,
    }
}

/// What a component said about itself.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Observed {
    pub healthy: bool,
    /// The version it reports (`gitVersion`; etcd: `etcdserver`).
    pub version: Option<String>,
    /// etcd: `etcdcluster`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_version: Option<String>,
    /// Why it is not (yet) what was expected.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// A control-plane component's health endpoints and `/version`, once
/// (over SSH: all three in one command).
pub fn observe_component(r: Reach, pod: &Pod) -> Observed {
    let mut problems = Vec::new();
    let probes: Vec<String> = ["livenessProbe", "readinessProbe"]
        .iter()
        .filter_map(|p| probe_url(pod, p))
        .collect();
    let Some(b) = probes.first().map(|u| base(u).to_string()) else {
        return Observed {
            healthy: false,
            version: None,
            cluster_version: None,
            problem: Some("the manifest has no HTTP probe to ask".into()),
        };
    };
    let version_url = format!("{b}/version");
    let mut urls = probes.clone();
    urls.push(version_url.clone());
    let mut answers = r.get_many(&urls);
    let version_answer = answers.pop().unwrap_or_else(|| Err("no answer".into()));
    for (url, a) in probes.iter().zip(answers) {
        match a {
            Ok((200, _)) => {}
            Ok((code, body)) => problems.push(format!(
                "{url}: HTTP {code} {}",
                body.lines().next().unwrap_or("").trim()
            )),
            Err(e) => problems.push(format!("{url}: {e}")),
        }
    }
    let healthy = problems.is_empty();
    let mut version = None;
    match version_answer {
        Ok((200, body)) => {
            version = serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v.get("gitVersion")?.as_str().map(String::from));
            if version.is_none() {
                problems.push(format!("{version_url}: no gitVersion"));
            }
        }
        Ok((code, _)) => problems.push(format!("{version_url}: HTTP {code}")),
        Err(e) => problems.push(format!("{version_url}: {e}")),
    }
    Observed {
        healthy,
        version,
        cluster_version: None,
        problem: (!problems.is_empty()).then(|| problems.join("; ")),
    }
}

/// One etcd member's state, as it reports it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberState {
    pub name: String,
    pub id: String,
    pub client_url: String,
    pub server: Option<String>,
    pub cluster: Option<String>,
    pub is_learner: bool,
    pub is_leader: bool,
    pub leader: Option<String>,
    pub raft_index: u64,
    pub applied_index: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// The cluster's members, each asked for its own status and version.
pub struct EtcdView {
    pub members: Vec<MemberState>,
    pub alarms: Vec<String>,
}

/// The etcd cluster reached through `endpoints` (any member), with this
/// node's healthcheck-client certificate.
pub fn etcd_target(local: &dyn Node, pki_dir: &Path, endpoints: &[String]) -> ops::Target {
    ops::Target {
        ep: EtcdEndpoint::from_node_pki(local, pki_dir, endpoints.to_vec(), Some(REQUEST_TIMEOUT)),
        quota: ops::DEFAULT_QUOTA,
    }
}

/// The cluster's [`ops::survey`]: every member asked for its own status
/// and `/version`, concurrently.
pub fn etcd_survey(t: &ops::Target) -> Result<ops::Survey> {
    crate::runtime::current_thread()?
        .block_on(ops::survey(t))
        .context("etcd survey")
}

/// Every member of the cluster reached through `endpoints` (any member).
pub fn etcd_view(local: &dyn Node, pki_dir: &Path, endpoints: &[String]) -> Result<EtcdView> {
    let s = etcd_survey(&etcd_target(local, pki_dir, endpoints))?;
    Ok(EtcdView::of(&s))
}

impl EtcdView {
    /// What the upgrade reads of a survey.
    pub fn of(s: &ops::Survey) -> EtcdView {
        EtcdView {
            members: s.members.iter().map(MemberState::of).collect(),
            alarms: s
                .alarms
                .iter()
                .map(|a| format!("{} on member {}", a.alarm, a.member))
                .collect(),
        }
    }
}

impl MemberState {
    /// One member of a survey. Its problem: why it was not asked, no
    /// leader, the errors of its status (alarms are the cluster's, listed
    /// apart), no `/version` answer.
    pub fn of(m: &ops::Member) -> MemberState {
        let st = m.status.as_ref();
        let problem = match st {
            None => Some(m.error.clone().unwrap_or_else(|| "not asked".into())),
            Some(s) if s.leader == 0 => Some("no leader".into()),
            Some(s) => {
                let errors: Vec<&String> = ops::real_errors(&s.errors).collect();
                if !errors.is_empty() {
                    Some(
                        errors
                            .iter()
                            .map(|e| e.as_str())
                            .collect::<Vec<_>>()
                            .join("; "),
                    )
                } else if m.cluster_version.is_none() {
                    Some(format!(
                        "{}/version: no answer",
                        m.endpoint.as_deref().unwrap_or_default()
                    ))
                } else {
                    None
                }
            }
        };
        MemberState {
            name: m.label(),
            id: ops::fmt_id(m.id),
            client_url: m.client_urls.first().cloned().unwrap_or_default(),
            server: st.map(|s| s.version.clone()),
            cluster: m.cluster_version.clone(),
            is_learner: m.learner,
            is_leader: m.is_leader(),
            leader: st.filter(|s| s.leader != 0).map(|s| ops::fmt_id(s.leader)),
            raft_index: st.map_or(0, |s| s.raft_index),
            applied_index: st.map_or(0, |s| s.raft_applied_index),
            problem,
        }
    }
}

/// A timeout's error: the last observation and the log lines found.
pub fn timed_out(node: &dyn Node, c: &Component, waited: Duration, last: &str) -> anyhow::Error {
    let mut msg = format!(
        "{} on {} not ready after {}: {last}",
        c.name,
        node.describe(),
        crate::values::format_duration(time::Duration::seconds_f64(waited.as_secs_f64()))
    );
    // Where the (stand-in or real) kubelet keeps the container's log.
    let tails = crate::staticpod::log_tail(node, c.name, c.name, LOG_LINES).unwrap_or_default();
    if tails.is_empty() {
        msg.push_str(" (no log of it found under /var/log/pods)");
    }
    for (path, tail) in tails {
        msg.push_str(&format!("\nlast lines of {}:", path.display()));
        for l in tail.lines() {
            msg.push_str("\n  ");
            msg.push_str(l);
        }
    }
    anyhow!(msg)
}
