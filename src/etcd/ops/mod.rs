//! Day-2 operations on a running etcd cluster: `kforge etcd status`,
//! `members`, `defrag`, `compact` and `alarms` (`recover-space`, which
//! takes a snapshot first, is [`crate::recover_space`], above backups).
//!
//! Every operation starts from a [`Survey`]: the member list (asked of the
//! first endpoint that answers: the node's manifest gives it, or
//! `--endpoints`), then each started member's own Status over its own client
//! URL, concurrently, plus the cluster's alarms. The survey is what the
//! safety rules read: a member is removed only when the members left keep a
//! quorum of healthy voters ([`removal_check`]); defragmentation goes one
//! member at a time, followers first, and waits for the member to be
//! healthy again before the next one.

pub mod alarms;
pub mod compact;
pub mod defrag;
pub mod leader;
pub mod members;
pub mod status;

pub use leader::move_leader;

use super::client::{self, EtcdEndpoint};
use crate::wait;
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use std::time::Duration;

/// etcd's default backend quota when the manifest sets none (2 GiB).
pub const DEFAULT_QUOTA: u64 = 2 * 1024 * 1024 * 1024;
/// Applied index may trail the raft index by this much in a healthy member.
pub const MAX_APPLY_LAG: u64 = 5000;

/// Where the cluster is, as the node's etcd manifest says (or `--endpoints`).
#[derive(Debug, Clone)]
pub struct Target {
    /// Seeds for the member list; TLS files and timeout for every member.
    pub ep: EtcdEndpoint,
    /// The backend quota (`--quota-backend-bytes` of the manifest, else etcd's default).
    pub quota: u64,
}

/// Where to ask for the member list, from an etcd manifest: the member's
/// own `--advertise-client-urls`, then every `--initial-cluster` peer's
/// host at etcd's client port (so a survey works while the local member is
/// down).
pub fn seeds_from_pod(pod: &crate::staticpod::Pod) -> Vec<String> {
    let mut seeds: Vec<String> = pod
        .flag("advertise-client-urls")
        .map(|u| {
            u.split(',')
                .filter(|u| !u.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    if let Some(ic) = pod.flag("initial-cluster") {
        for (_, url) in ic.split(',').filter_map(|kv| kv.split_once('=')) {
            let host = url
                .split("://")
                .nth(1)
                .and_then(|hp| crate::values::split_host_port(hp).ok())
                .map(|(h, _)| h);
            if let Some(h) = host {
                let u = format!(
                    "https://{}",
                    crate::values::host_port(&h, crate::components::ETCD_CLIENT.number)
                );
                if !seeds.contains(&u) {
                    seeds.push(u);
                }
            }
        }
    }
    seeds
}

impl Target {
    /// The endpoints and quota the node's etcd manifest gives
    /// ([`seeds_from_pod`]), else kubeadm's local URL.
    /// `ep` carries the TLS files (`EtcdEndpoint::from_node_pki`) and is
    /// kept when it already names endpoints (`--endpoints`).
    pub fn from_manifest(
        node: &dyn crate::node::Node,
        mut ep: EtcdEndpoint,
        given: bool,
    ) -> Target {
        let pod = crate::staticpod::read(node, "etcd").ok();
        if !given {
            if let Some(seeds) = pod.as_ref().map(seeds_from_pod).filter(|s| !s.is_empty()) {
                ep.endpoints = seeds;
            }
        }
        let quota = pod
            .as_ref()
            .and_then(|p| p.flag("quota-backend-bytes"))
            .and_then(|q| q.parse::<u64>().ok())
            .filter(|q| *q > 0)
            .unwrap_or(DEFAULT_QUOTA);
        Target { ep, quota }
    }

    /// The same TLS settings for one member's client URL.
    pub fn member_ep(&self, url: &str) -> EtcdEndpoint {
        EtcdEndpoint {
            endpoints: vec![url.to_string()],
            ..self.ep.clone()
        }
    }

    /// As [`Target::member_ep`], with a longer request timeout (defrag and
    /// compaction of a large database take minutes).
    pub fn member_ep_long(&self, url: &str, timeout: Duration) -> EtcdEndpoint {
        EtcdEndpoint {
            endpoints: vec![url.to_string()],
            timeout: Some(timeout.max(self.ep.timeout.unwrap_or(Duration::from_secs(5)))),
            ..self.ep.clone()
        }
    }
}

/// A member's Status answer.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Stat {
    pub version: String,
    #[serde(rename = "dbSizeBytes")]
    pub db_size: u64,
    #[serde(rename = "dbSizeInUseBytes")]
    pub db_size_in_use: u64,
    #[serde(serialize_with = "hex_id")]
    pub leader: u64,
    pub raft_term: u64,
    pub raft_index: u64,
    pub raft_applied_index: u64,
    pub is_learner: bool,
    pub errors: Vec<String>,
    /// The revision in the response header.
    pub revision: i64,
}

/// One member, as the member list and its own Status describe it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Member {
    pub name: String,
    #[serde(serialize_with = "hex_id")]
    pub id: u64,
    pub peer_urls: Vec<String>,
    pub client_urls: Vec<String>,
    pub learner: bool,
    /// The client URL its Status was asked at.
    pub endpoint: Option<String>,
    pub status: Option<Stat>,
    /// `etcdcluster` of the member's `/version` (the cluster version it runs at).
    pub cluster_version: Option<String>,
    /// Why it could not be asked (not started, unreachable, TLS).
    pub error: Option<String>,
    /// Alarms raised on this member (`NOSPACE`, `CORRUPT`).
    pub alarms: Vec<String>,
}

/// A member or cluster ID as etcdctl prints it (`fmt.Sprintf("%x", id)`:
/// lower-case hex, no padding), in tables, messages and JSON alike. The one
/// formatter for IDs: every site calls it.
pub fn fmt_id(id: u64) -> String {
    format!("{id:x}")
}

/// Serde: an ID as [`fmt_id`] prints it, a string (JSON numbers above 2^53
/// lose precision in many readers).
pub fn hex_id<S: serde::Serializer>(id: &u64, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(&fmt_id(*id))
}

/// Status errors that are not alarms: etcd also reports every raised alarm
/// there (`memberID:… alarm:NOSPACE`), which the survey lists as alarms.
pub fn real_errors(errors: &[String]) -> impl Iterator<Item = &String> {
    errors.iter().filter(|e| !e.contains(" alarm:"))
}

impl Member {
    /// Name, else the hex ID (a member added but never started has no name).
    pub fn label(&self) -> String {
        if self.name.is_empty() {
            fmt_id(self.id)
        } else {
            self.name.clone()
        }
    }

    /// A learner added but never started: no name, no client URL, no data.
    /// Defragmentation and `recover-space` skip it (and say so).
    pub fn unstarted_learner(&self) -> bool {
        self.learner && self.client_urls.is_empty()
    }

    /// Answers, has a leader, reports no errors and keeps up applying.
    /// Alarms do not count here (the survey reports them separately).
    pub fn healthy(&self) -> bool {
        self.status.as_ref().is_some_and(|s| {
            s.leader != 0
                && real_errors(&s.errors).next().is_none()
                && s.raft_index.saturating_sub(s.raft_applied_index) <= MAX_APPLY_LAG
        })
    }

    /// Why the member is not healthy (empty: it is).
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        match (&self.status, &self.error) {
            (None, Some(e)) => out.push(e.clone()),
            (None, None) => out.push("not asked".into()),
            (Some(s), _) => {
                if s.leader == 0 {
                    out.push("no leader".into());
                }
                out.extend(real_errors(&s.errors).cloned());
                let lag = s.raft_index.saturating_sub(s.raft_applied_index);
                if lag > MAX_APPLY_LAG {
                    out.push(format!("applied index trails the raft index by {lag}"));
                }
            }
        }
        out.extend(self.alarms.iter().map(|a| format!("alarm {a}")));
        out
    }

    pub fn is_leader(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.leader == self.id)
    }

    pub fn db_size(&self) -> u64 {
        self.status.as_ref().map_or(0, |s| s.db_size)
    }

    /// Space a defragmentation would give back: DB size minus size in use.
    pub fn reclaimable(&self) -> u64 {
        self.status
            .as_ref()
            .map_or(0, |s| s.db_size.saturating_sub(s.db_size_in_use))
    }
}

/// An alarm as the cluster lists it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alarm {
    #[serde(serialize_with = "hex_id")]
    pub member_id: u64,
    pub member: String,
    pub alarm: String,
}

/// The cluster at one moment.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Survey {
    #[serde(serialize_with = "hex_id")]
    pub cluster_id: u64,
    /// The endpoint the member list came from.
    pub asked: String,
    pub members: Vec<Member>,
    pub alarms: Vec<Alarm>,
    #[serde(rename = "quotaBytes")]
    pub quota: u64,
}

impl Survey {
    pub fn leader(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.is_leader())
    }

    pub fn voters(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| !m.learner)
    }

    /// Client URLs of members that answered, for a client that may use any.
    pub fn healthy_urls(&self) -> Vec<String> {
        self.members
            .iter()
            .filter(|m| m.healthy())
            .filter_map(|m| m.endpoint.clone())
            .collect()
    }

    /// Finds a member by name, or by ID in hex (as etcdctl prints it) or decimal.
    pub fn find(&self, name_or_id: &str) -> Result<&Member> {
        let by_name: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| m.name == name_or_id)
            .collect();
        match by_name.len() {
            1 => return Ok(by_name[0]),
            0 => {}
            _ => bail!("{name_or_id:?} names more than one member: give its ID"),
        }
        let id = u64::from_str_radix(name_or_id.trim_start_matches("0x"), 16)
            .ok()
            .filter(|id| self.members.iter().any(|m| m.id == *id))
            .or_else(|| name_or_id.parse::<u64>().ok());
        id.and_then(|id| self.members.iter().find(|m| m.id == id))
            .ok_or_else(|| {
                let unstarted: Vec<String> = self
                    .members
                    .iter()
                    .filter(|m| m.name.is_empty())
                    .map(|m| {
                        format!(
                            "{} ({}{})",
                            fmt_id(m.id),
                            if m.learner { "learner, " } else { "" },
                            m.peer_urls.join(",")
                        )
                    })
                    .collect();
                anyhow!(
                    "no etcd member {name_or_id:?}; members: {}{}",
                    self.members
                        .iter()
                        .map(|m| format!("{} ({})", m.label(), fmt_id(m.id)))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if unstarted.is_empty() {
                        String::new()
                    } else {
                        format!(
                            ". A member that never started has no name yet: give its ID: {}",
                            unstarted.join(", ")
                        )
                    }
                )
            })
    }
}

/// The first of `urls` that answers, with this target's TLS (see
/// [`client::first_answering`]).
pub async fn connect_any(t: &Target, urls: &[String]) -> Result<(etcd_client::Client, String)> {
    client::first_answering(&EtcdEndpoint {
        endpoints: urls.to_vec(),
        ..t.ep.clone()
    })
    .await
}

fn stat_of(s: &etcd_client::StatusResponse) -> Stat {
    Stat {
        version: s.version().to_string(),
        db_size: s.db_size().max(0) as u64,
        db_size_in_use: s.raft_used_db_size().max(0) as u64,
        leader: s.leader(),
        raft_term: s.raft_term(),
        raft_index: s.raft_index(),
        raft_applied_index: s.raft_applied_index(),
        is_learner: s.is_learner(),
        errors: s.errors().to_vec(),
        revision: s.header().map_or(0, |h| h.revision()),
    }
}

/// Asks one member for its Status at its own client URL.
pub async fn member_stat(t: &Target, url: &str) -> Result<Stat> {
    let mut c = client::connect(&t.member_ep(url)).await?;
    let s = c
        .status()
        .await
        .map_err(|e| anyhow!("{url}: {}", client::explain(&e)))?;
    Ok(stat_of(&s))
}

/// Takes a survey of the cluster (see the module doc).
pub async fn survey(t: &Target) -> Result<Survey> {
    let (mut c, asked) = connect_any(t, &t.ep.endpoints).await?;
    let list = c
        .member_list()
        .await
        .map_err(|e| anyhow!("{asked}: listing members: {}", client::explain(&e)))?;
    let cluster_id = list.header().map_or(0, |h| h.cluster_id());
    let mut members: Vec<Member> = list
        .members()
        .iter()
        .map(|m| Member {
            name: m.name().to_string(),
            id: m.id(),
            peer_urls: m.peer_urls().to_vec(),
            client_urls: m.client_urls().to_vec(),
            learner: m.is_learner(),
            endpoint: m.client_urls().first().cloned(),
            status: None,
            cluster_version: None,
            error: m
                .client_urls()
                .is_empty()
                .then(|| "not started (no client URL yet)".to_string()),
            alarms: vec![],
        })
        .collect();
    let mut set = tokio::task::JoinSet::new();
    for (i, m) in members.iter().enumerate() {
        let Some(url) = m.endpoint.clone() else {
            continue;
        };
        let t = t.clone();
        set.spawn(async move {
            let st = member_stat(&t, &url).await;
            let cv = match &st {
                Ok(_) => cluster_version(&t.ep, &url).await,
                Err(_) => None,
            };
            (i, st, cv)
        });
    }
    while let Some(done) = set.join_next().await {
        let (i, st, cv) = done?;
        match st {
            Ok(s) => members[i].status = Some(s),
            Err(e) => members[i].error = Some(format!("{e:#}")),
        }
        members[i].cluster_version = cv;
    }
    // Every member reports the cluster's alarms among its Status errors
    // (`memberID:<decimal> alarm:NOSPACE`); reading them there keeps a
    // survey read-only (an Alarm request is a raft proposal, even a GET).
    let mut raised: std::collections::BTreeSet<(u64, String)> = Default::default();
    for m in &members {
        for e in m.status.iter().flat_map(|s| s.errors.iter()) {
            if let Some(a) = parse_alarm(e) {
                raised.insert(a);
            }
        }
    }
    let alarms: Vec<Alarm> = raised
        .into_iter()
        .map(|(id, alarm)| Alarm {
            member_id: id,
            member: members
                .iter()
                .find(|m| m.id == id)
                .map(Member::label)
                .unwrap_or_else(|| fmt_id(id)),
            alarm,
        })
        .collect();
    for a in &alarms {
        if let Some(m) = members.iter_mut().find(|m| m.id == a.member_id) {
            m.alarms.push(a.alarm.clone());
        }
    }
    members.sort_by_key(|m| m.label());
    Ok(Survey {
        cluster_id,
        asked,
        members,
        alarms,
        quota: t.quota,
    })
}

/// An alarm as a Status error states it: `memberID:<decimal> alarm:NOSPACE`.
pub fn parse_alarm(e: &str) -> Option<(u64, String)> {
    let rest = e.trim().strip_prefix("memberID:")?;
    let (id, alarm) = rest.split_once(" alarm:")?;
    Some((id.trim().parse().ok()?, alarm.trim().to_string()))
}

/// The cluster version a member reports at `/version` (`etcdcluster`),
/// fetched over the same mutual TLS; `None` when it cannot be read.
async fn cluster_version(ep: &EtcdEndpoint, url: &str) -> Option<String> {
    let (ca, cert, key) = (
        ep.ca_file.clone(),
        ep.cert_file.clone(),
        ep.key_file.clone(),
    );
    let url = format!("{}/version", url.trim_end_matches('/'));
    let timeout = ep.timeout.unwrap_or(Duration::from_secs(5));
    tokio::task::spawn_blocking(move || -> Option<String> {
        use ureq::tls::{Certificate, ClientCert, PrivateKey, RootCerts, TlsConfig};
        let mut tls = TlsConfig::builder()
            .unversioned_rustls_crypto_provider(crate::runtime::crypto_provider());
        if let Some(ca) = ca {
            let pem = fs_err::read(ca).ok()?;
            tls = tls.root_certs(RootCerts::new_with_certs(&[
                Certificate::from_pem(&pem).ok()?
            ]));
        }
        if let (Some(c), Some(k)) = (cert, key) {
            let c = Certificate::from_pem(&fs_err::read(c).ok()?).ok()?;
            let k = PrivateKey::from_pem(&fs_err::read(k).ok()?).ok()?;
            tls = tls.client_cert(Some(ClientCert::new_with_certs(&[c], k)));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls.build())
            .timeout_global(Some(timeout))
            .proxy(None)
            .build()
            .into();
        let body = agent
            .get(&url)
            .call()
            .ok()?
            .body_mut()
            .read_to_string()
            .ok()?;
        let v: serde_json::Value = serde_json::from_str(&body).ok()?;
        v.get("etcdcluster")?.as_str().map(str::to_string)
    })
    .await
    .ok()
    .flatten()
}

/// Whether removing `target` keeps a quorum of healthy voters: `Ok(())`, or
/// why not. A learner never counts toward the quorum, so removing one is
/// always safe.
pub fn removal_check(s: &Survey, target: u64) -> std::result::Result<(), String> {
    let Some(m) = s.members.iter().find(|m| m.id == target) else {
        return Err(format!("member {} is not in the cluster", fmt_id(target)));
    };
    if m.learner {
        return Ok(());
    }
    let remaining: Vec<&Member> = s.voters().filter(|v| v.id != target).collect();
    if remaining.is_empty() {
        return Err(format!(
            "{} is the cluster's last voting member: removing it destroys the cluster",
            m.label()
        ));
    }
    let healthy = remaining.iter().filter(|v| v.healthy()).count();
    let quorum = remaining.len() / 2 + 1;
    if healthy == 0 {
        return Err(format!(
            "{} is the last healthy member: none of the other {} would be left to serve",
            m.label(),
            remaining.len()
        ));
    }
    if healthy < quorum {
        let sick: Vec<String> = remaining
            .iter()
            .filter(|v| !v.healthy())
            .map(|v| v.label())
            .collect();
        return Err(format!(
            "removing {} would leave {} voting member(s) of which {healthy} healthy, below the quorum of {quorum} (unhealthy: {})",
            m.label(),
            remaining.len(),
            sick.join(", ")
        ));
    }
    Ok(())
}

/// Removes `id` through the healthy members other than it. etcd refuses a
/// membership change ("unhealthy cluster") until every member has been
/// connected for a few seconds (e.g. just after a start or a restart), so
/// that answer is retried for a while.
pub async fn remove_member(t: &Target, s: &Survey, id: u64) -> Result<()> {
    let urls: Vec<String> = s
        .members
        .iter()
        .filter(|m| m.id != id && m.healthy())
        .filter_map(|m| m.endpoint.clone())
        .collect();
    if urls.is_empty() {
        bail!(
            "no healthy member other than {} to remove it through",
            fmt_id(id)
        );
    }
    let (c, via) = connect_any(t, &urls).await?;
    let every = wait::Every::new(Duration::from_millis(500), Duration::from_secs(30));
    let removed = wait::until_async(every, || {
        let mut c = c.clone();
        let via = via.clone();
        async move {
            match c.member_remove(id).await {
                Ok(_) => Ok(Ok(())),
                Err(e) if e.to_string().contains("unhealthy cluster") => {
                    Ok(Err(client::explain(&e)))
                }
                Err(e) => bail!(
                    "{via}: removing member {}: {}",
                    fmt_id(id),
                    client::explain(&e)
                ),
            }
        }
    })
    .await?;
    match removed {
        Ok(()) => Ok(()),
        Err(wait::Ended::TimedOut { last, .. }) => {
            bail!("{via}: removing member {}: {last}", fmt_id(id))
        }
        Err(wait::Ended::Interrupted(sig)) => bail!(
            "interrupted by {} before member {} was removed",
            sig.name(),
            fmt_id(id)
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(name: &str, id: u64, healthy: bool, learner: bool) -> Member {
        Member {
            name: name.into(),
            id,
            peer_urls: vec![],
            client_urls: vec![format!("https://{name}:2379")],
            learner,
            endpoint: Some(format!("https://{name}:2379")),
            status: healthy.then(|| Stat {
                version: "3.5.1".into(),
                db_size: 100,
                db_size_in_use: 50,
                leader: 1,
                raft_term: 2,
                raft_index: 10,
                raft_applied_index: 10,
                is_learner: learner,
                errors: vec![],
                revision: 1,
            }),
            cluster_version: None,
            error: (!healthy).then(|| "unreachable".into()),
            alarms: vec![],
        }
    }

    fn survey(members: Vec<Member>) -> Survey {
        Survey {
            cluster_id: 1,
            asked: "x".into(),
            members,
            alarms: vec![],
            quota: DEFAULT_QUOTA,
        }
    }

    #[test]
    fn removal_keeps_a_healthy_quorum_or_is_refused() {
        // 3 healthy: removing any leaves 2 of 2.
        let s = survey(vec![
            member("a", 1, true, false),
            member("b", 2, true, false),
            member("c", 3, true, false),
        ]);
        assert!(removal_check(&s, 3).is_ok());
        // c is down: removing c (unreachable) leaves a and b healthy.
        let s = survey(vec![
            member("a", 1, true, false),
            member("b", 2, true, false),
            member("c", 3, false, false),
        ]);
        assert!(removal_check(&s, 3).is_ok());
        // ... but removing b leaves a (healthy) and c (down): 1 of 2 < quorum 2.
        let e = removal_check(&s, 2).unwrap_err();
        assert!(
            e.contains("below the quorum of 2") && e.contains("unhealthy: c"),
            "{e}"
        );
        // The last member, and the last healthy one.
        assert!(removal_check(&survey(vec![member("a", 1, true, false)]), 1)
            .unwrap_err()
            .contains("last voting member"));
        let s = survey(vec![
            member("a", 1, true, false),
            member("b", 2, false, false),
        ]);
        assert!(removal_check(&s, 1).unwrap_err().contains("last healthy"));
        // A learner never counts.
        let s = survey(vec![
            member("a", 1, true, false),
            member("l", 9, false, true),
        ]);
        assert!(removal_check(&s, 9).is_ok());
    }

    #[test]
    fn alarms_are_read_from_status_errors() {
        assert_eq!(
            parse_alarm("memberID:15806016865222795357 alarm:NOSPACE "),
            Some((15806016865222795357, "NOSPACE".into()))
        );
        assert_eq!(parse_alarm("some other error"), None);
    }

    #[test]
    fn members_are_found_by_name_or_hex_or_decimal_id() {
        let s = survey(vec![
            member("a", 0x8e9e05c52164694d, true, false),
            member("b", 2, true, false),
        ]);
        assert_eq!(s.find("a").unwrap().name, "a");
        assert_eq!(s.find("8e9e05c52164694d").unwrap().name, "a");
        assert_eq!(
            s.find(&0x8e9e05c52164694du64.to_string()).unwrap().name,
            "a"
        );
        assert_eq!(s.find("2").unwrap().name, "b");
        assert!(s.find("zz").unwrap_err().to_string().contains("members: a"));
    }
}
