//! Node-local truth: is a component up, healthy and at the version it
//! should be, asked of the component itself on its node (its health
//! endpoints and `/version`; for etcd also its member status), never of a
//! mirror pod in the API server being restarted. Polled every
//! [`POLL`] until a timeout; on timeout the component's last log lines
//! are shown where they can be found.

use crate::components::Component;
use crate::etcd::client::{self, EtcdEndpoint};
use crate::health::http::{self, Tls};
use crate::node::Node;
use crate::staticpod::Pod;
use anyhow::{anyhow, Result};
use serde::Serialize;
use std::path::Path;
use std::time::{Duration, Instant};

/// How often readiness is polled.
pub const POLL: Duration = Duration::from_millis(100);
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

/// etcd's `/version` of one member (over mTLS with the node's
/// healthcheck-client certificate): (etcdserver, etcdcluster).
pub fn etcd_version(
    local: &dyn Node,
    pki_dir: &Path,
    client_url: &str,
) -> std::result::Result<(String, String), String> {
    let ep = EtcdEndpoint::from_node_pki(local, pki_dir, vec![client_url.to_string()], None);
    let read = |p: &Option<std::path::PathBuf>| -> std::result::Result<Vec<u8>, String> {
        let p = p.as_ref().ok_or("no TLS file")?;
        std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()))
    };
    let tls = Tls::Mutual {
        ca: read(&ep.ca_file)?,
        cert: read(&ep.cert_file)?,
        key: read(&ep.key_file)?,
    };
    let url = format!("{}/version", client_url.trim_end_matches('/'));
    match http::get(&url, &tls, REQUEST_TIMEOUT)? {
        (200, body) => {
            let v: serde_json::Value =
                serde_json::from_str(&body).map_err(|e| format!("{url}: {e}"))?;
            let s = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Ok((s("etcdserver"), s("etcdcluster")))
        }
        (code, body) => Err(format!("{url}: HTTP {code} {}", body.trim())),
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

/// Every member of the cluster reached through `endpoints` (any member).
pub fn etcd_view(local: &dyn Node, pki_dir: &Path, endpoints: &[String]) -> Result<EtcdView> {
    crate::runtime::current_thread()?.block_on(async {
        let ep =
            EtcdEndpoint::from_node_pki(local, pki_dir, endpoints.to_vec(), Some(REQUEST_TIMEOUT));
        let mut c = client::connect(&ep).await?;
        let list = c
            .member_list()
            .await
            .map_err(|e| anyhow!("etcd member list: {}", client::explain(&e)))?;
        let alarms = match c
            .alarm(
                etcd_client::AlarmAction::Get,
                etcd_client::AlarmType::None,
                None,
            )
            .await
        {
            Ok(a) => a
                .alarms()
                .iter()
                .map(|m| format!("{:?} on member {:x}", m.alarm(), m.member_id()))
                .collect(),
            Err(e) => vec![format!("alarms unknown: {}", client::explain(&e))],
        };
        let mut members = Vec::new();
        for m in list.members() {
            let url = m.client_urls().first().cloned().unwrap_or_default();
            let mut st = MemberState {
                // A member added but never started has no name yet.
                name: if m.name().is_empty() {
                    format!("{:x}", m.id())
                } else {
                    m.name().to_string()
                },
                id: crate::etcd::ops::fmt_id(m.id()),
                client_url: url.clone(),
                server: None,
                cluster: None,
                is_learner: m.is_learner(),
                is_leader: false,
                leader: None,
                raft_index: 0,
                applied_index: 0,
                problem: None,
            };
            if url.is_empty() {
                st.problem = Some("not started (no client URL)".into());
                members.push(st);
                continue;
            }
            let one = EtcdEndpoint::from_node_pki(
                local,
                pki_dir,
                vec![url.clone()],
                Some(REQUEST_TIMEOUT),
            );
            match client::connect(&one).await {
                Ok(mut mc) => match mc.status().await {
                    Ok(s) => {
                        st.leader = (s.leader() != 0).then(|| crate::etcd::ops::fmt_id(s.leader()));
                        st.is_leader = s.leader() == m.id();
                        st.raft_index = s.raft_index();
                        st.applied_index = s.raft_applied_index();
                        st.server = Some(s.version().to_string());
                        if s.leader() == 0 {
                            st.problem = Some("no leader".into());
                        }
                    }
                    Err(e) => st.problem = Some(format!("{url}: {}", client::explain(&e))),
                },
                Err(e) => st.problem = Some(format!("{url}: {e:#}")),
            }
            if st.problem.is_none() {
                match etcd_version(local, pki_dir, &url) {
                    Ok((server, cluster)) => {
                        st.server = Some(server);
                        st.cluster = Some(cluster);
                    }
                    Err(e) => st.problem = Some(e),
                }
            }
            members.push(st);
        }
        Ok(EtcdView { members, alarms })
    })
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

/// Polls `check` every [`POLL`] until it returns `Ok(Some(_))` or the
/// timeout passes (error from `timeout`). A signal does not end the wait:
/// the step in flight is finished or undone *and verified* before kforge
/// stops (a second signal ends the process at once).
pub fn poll<T>(
    timeout: Duration,
    mut check: impl FnMut() -> Result<std::result::Result<T, String>>,
    on_timeout: impl FnOnce(Duration, &str) -> anyhow::Error,
) -> Result<T> {
    let t0 = Instant::now();
    loop {
        let last = match check()? {
            Ok(v) => return Ok(v),
            Err(why) => why,
        };
        if t0.elapsed() >= timeout {
            return Err(on_timeout(t0.elapsed(), &last));
        }
        std::thread::sleep(POLL);
    }
}
