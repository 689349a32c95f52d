//! etcd: every member reachable over mTLS, a leader, applying what it
//! commits, no alarms, room under the quota; and the metrics port the
//! kubelet probes.

use super::{http, Check, Settings, Status};
use crate::etcd::client::{self, EtcdEndpoint};
use crate::staticpod::Pod;

const T: &str = "etcd";
/// etcd's default backend quota when the manifest sets none.
const DEFAULT_QUOTA: u64 = 2 * 1024 * 1024 * 1024;
/// Applied index may trail the committed index by this much before we say
/// the member is not keeping up.
const MAX_APPLY_LAG: u64 = 5000;

fn unreachable_hint() -> &'static str {
    "is /etc/kubernetes/manifests/etcd.yaml present and the etcd container running (crictl ps -a --name etcd)? \
     is its data disk full (df -h /var/lib/etcd)? did its certificates expire (kforge certs check-expiration)?"
}

pub fn checks(s: &Settings) -> Vec<Check> {
    let mut out = Vec::new();
    let pod = match crate::staticpod::read(s.node, "etcd") {
        Ok(p) => {
            out.push(Check::new(T, "manifest", Status::Ok, "present and valid"));
            p
        }
        Err(e) => {
            out.push(
                Check::read_failed(T, "manifest", &e).hint("re-create it: kforge init phase etcd"),
            );
            return out;
        }
    };
    out.extend(probe_checks(s, &pod));
    let rt = match crate::runtime::current_thread() {
        Ok(rt) => rt,
        Err(e) => {
            out.push(Check::new(
                T,
                "client",
                Status::Fail,
                format!("cannot start a runtime: {e}"),
            ));
            return out;
        }
    };
    out.extend(rt.block_on(member_checks(s, &pod)));
    out
}

/// The kubelet's liveness probe of etcd, at the manifest's address.
fn probe_checks(s: &Settings, pod: &Pod) -> Vec<Check> {
    let Some(get) = pod
        .raw_container()
        .and_then(|c| c.pointer("/livenessProbe/httpGet"))
    else {
        return vec![];
    };
    let host = get
        .get("host")
        .and_then(|v| v.as_str())
        .unwrap_or("127.0.0.1");
    let path = get
        .get("path")
        .and_then(|v| v.as_str())
        .unwrap_or("/health");
    // The probe's port is named (1.34+) or a number; etcd's metrics URL is authoritative.
    let metrics = pod.flag("listen-metrics-urls").unwrap_or_default();
    let base = match metrics.split(',').next().filter(|u| !u.is_empty()) {
        Some(u) => u.trim_end_matches('/').to_string(),
        None => format!(
            "http://{}",
            crate::values::host_port(host, crate::components::ETCD_METRICS.number)
        ),
    };
    let url = format!("{base}{path}");
    match http::get(&url, &http::Tls::Insecure, s.timeout) {
        Ok((200, _)) => vec![Check::new(T, "probe", Status::Ok, format!("{url}: 200"))],
        Ok((404, _)) => {
            // etcd before 3.5.11 has /health but not /livez and /readyz.
            let fallback = format!("{base}/health");
            match http::get(&fallback, &http::Tls::Insecure, s.timeout) {
                Ok((200, _)) => vec![Check::new(
                    T,
                    "probe",
                    Status::Warn,
                    format!("{url}: 404, {fallback}: 200; this etcd predates {path}, which kubeadm's probe uses"),
                )
                .hint("run the etcd image the manifest names (etcd 3.5.11 or newer)")],
                Ok((code, body)) => vec![Check::new(T, "probe", Status::Fail, format!("{fallback}: HTTP {code}: {}", body.trim()))
                    .hint(unreachable_hint())],
                Err(e) => vec![Check::new(T, "probe", Status::Fail, format!("{fallback}: {e}")).hint(unreachable_hint())],
            }
        }
        Ok((code, body)) => vec![Check::new(
            T,
            "probe",
            Status::Fail,
            format!("{url}: HTTP {code}: {}", body.trim()),
        )
        .hint(unreachable_hint())],
        Err(e) => {
            vec![Check::new(T, "probe", Status::Fail, format!("{url}: {e}"))
                .hint(unreachable_hint())]
        }
    }
}

fn endpoint(s: &Settings, url: &str) -> EtcdEndpoint {
    let ep = EtcdEndpoint::from_node_pki(
        s.node,
        &s.pki.cert_dir,
        vec![url.to_string()],
        Some(s.timeout),
    );
    match s.etcd_client_cert.clone() {
        Some((cert, key)) => ep.with_client_cert(cert, key),
        None => ep,
    }
}

async fn member_checks(s: &Settings<'_>, pod: &Pod) -> Vec<Check> {
    let mut out = Vec::new();
    let first = pod
        .flag("advertise-client-urls")
        .and_then(|u| u.split(',').next().map(str::to_string))
        .unwrap_or_else(client::local_client_url);
    let quota = pod
        .flag("quota-backend-bytes")
        .and_then(|q| q.parse::<u64>().ok())
        .filter(|q| *q > 0)
        .unwrap_or(DEFAULT_QUOTA);

    let mut c = match client::connect(&endpoint(s, &first)).await {
        Ok(c) => c,
        Err(e) if super::permission_denied(&e) => {
            out.push(Check::read_failed(T, "reachable", &e));
            return out;
        }
        Err(e) => {
            out.push(
                Check::new(T, "reachable", Status::Fail, format!("{first}: {e:#}"))
                    .hint(unreachable_hint()),
            );
            return out;
        }
    };
    let members = match c.member_list().await {
        Ok(m) => m,
        Err(e) => {
            out.push(
                Check::new(
                    T,
                    "reachable",
                    Status::Fail,
                    format!("{first}: {}", client::explain(&e)),
                )
                .hint(unreachable_hint()),
            );
            return out;
        }
    };
    let members: Vec<(String, String)> = members
        .members()
        .iter()
        .map(|m| {
            let url = m.client_urls().first().cloned().unwrap_or_default();
            (
                if m.name().is_empty() {
                    format!("{:x}", m.id())
                } else {
                    m.name().to_string()
                },
                url,
            )
        })
        .collect();
    let started = members.iter().filter(|(_, u)| !u.is_empty()).count();
    out.push(Check::new(
        T,
        "members",
        if started == members.len() {
            Status::Ok
        } else {
            Status::Warn
        },
        format!(
            "{} member(s), {} started: {}",
            members.len(),
            started,
            members
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    ));
    for (name, url) in members.iter().filter(|(_, u)| !u.is_empty()) {
        let check = |status, msg: String| Check::new(T, format!("member {name}"), status, msg);
        let mut mc = match client::connect(&endpoint(s, url)).await {
            Ok(c) => c,
            Err(e) => {
                out.push(check(Status::Fail, format!("{url}: {e:#}")).hint(unreachable_hint()));
                continue;
            }
        };
        let st = match mc.status().await {
            Ok(st) => st,
            Err(e) => {
                out.push(
                    check(Status::Fail, format!("{url}: {}", client::explain(&e)))
                        .hint(unreachable_hint()),
                );
                continue;
            }
        };
        let mut problems = Vec::new();
        if st.leader() == 0 {
            problems.push("no leader".to_string());
        }
        let lag = st.raft_index().saturating_sub(st.raft_applied_index());
        if lag > MAX_APPLY_LAG {
            problems.push(format!("applied index trails the raft index by {lag}"));
        }
        let used = st.db_size() as u64;
        let pct = used as f64 * 100.0 / quota as f64;
        let summary = format!(
            "{url}: leader {:x}, raft index {}, db {} of {} quota ({pct:.0}%)",
            st.leader(),
            st.raft_index(),
            crate::output::human_size(used),
            crate::output::human_size(quota)
        );
        if !problems.is_empty() {
            out.push(check(Status::Fail, format!("{summary}; {}", problems.join("; "))).hint(
                "a member without a leader cannot serve writes: check that a quorum of members is running and can reach each other on port 2380",
            ));
        } else if pct > 80.0 {
            out.push(check(Status::Warn, summary).hint(
                "the database is close to its quota: compact and defragment (etcdctl compact <rev>; etcdctl defrag) or raise --quota-backend-bytes",
            ));
        } else {
            out.push(check(Status::Ok, summary));
        }
    }
    match c
        .alarm(
            etcd_client::AlarmAction::Get,
            etcd_client::AlarmType::None,
            None,
        )
        .await
    {
        Ok(a) if a.alarms().is_empty() => out.push(Check::new(T, "alarms", Status::Ok, "none")),
        Ok(a) => {
            let list: Vec<String> = a
                .alarms()
                .iter()
                .map(|m| format!("{:?} on member {:x}", m.alarm(), m.member_id()))
                .collect();
            let nospace = list.iter().any(|l| l.contains("Nospace"));
            out.push(Check::new(T, "alarms", Status::Fail, list.join(", ")).hint(if nospace {
                "NOSPACE: etcd is read-only. Compact and defragment (etcdctl compact <rev>; etcdctl defrag), \
                 then disarm: etcdctl alarm disarm"
            } else {
                "CORRUPT: stop writing, take a snapshot of a healthy member and restore the corrupt one (kforge snapshot restore)"
            }));
        }
        Err(e) => out.push(Check::new(T, "alarms", Status::Fail, client::explain(&e))),
    }
    out
}
