//! `kforge etcd defrag`: one member at a time, followers first and the
//! leader last, waiting for each member to be healthy again before the next.
//!
//! A member blocks its reads and writes while it defragments, so doing them
//! one by one (unlike `etcdctl defrag --cluster`, which goes down the list
//! without looking) keeps a quorum serving throughout; with
//! `--move-leader`, leadership is handed to an already defragmented
//! follower before the leader's turn, so the member that orders every write
//! never stalls. Members whose reclaimable space (DB size minus size in
//! use) is under `--min-reclaim` are skipped.

use super::{client, member_stat, Member, Survey, Target};
use crate::wait::{self, Ended, Every};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use std::time::{Duration, Instant};

/// When a member is worth defragmenting.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MinReclaim {
    /// At least this share of the member's DB size (10% by default).
    Percent(f64),
    Bytes(u64),
}

impl Default for MinReclaim {
    fn default() -> Self {
        MinReclaim::Percent(10.0)
    }
}

impl MinReclaim {
    /// `10%`, `0`, `64MiB`, `500MB`, bytes.
    pub fn parse(s: &str) -> std::result::Result<MinReclaim, String> {
        if let Some(p) = s.trim().strip_suffix('%') {
            return match p.trim().parse::<f64>() {
                Ok(v) if (0.0..=100.0).contains(&v) => Ok(MinReclaim::Percent(v)),
                _ => Err(format!(
                    "invalid --min-reclaim {s:?}: a percentage is between 0% and 100%"
                )),
            };
        }
        crate::values::parse_size(s)
            .map(MinReclaim::Bytes)
            .map_err(|e| format!("{e}, or a percentage of the DB size (10%)"))
    }

    /// The least reclaimable space worth a defragmentation of a `db_size` DB.
    pub fn threshold(&self, db_size: u64) -> u64 {
        match self {
            MinReclaim::Percent(p) => (db_size as f64 * p / 100.0).ceil() as u64,
            MinReclaim::Bytes(b) => *b,
        }
    }

    pub fn describe(&self) -> String {
        match self {
            MinReclaim::Percent(p) => format!("{p}% of the DB size"),
            MinReclaim::Bytes(b) => crate::output::human_size(*b),
        }
    }

    /// The bytes, when given in bytes (`-o json`: `minReclaimBytes`).
    pub fn bytes(&self) -> Option<u64> {
        match self {
            MinReclaim::Bytes(b) => Some(*b),
            MinReclaim::Percent(_) => None,
        }
    }

    /// The percentage, when given so (`-o json`: `minReclaimPercent`).
    pub fn percent(&self) -> Option<f64> {
        match self {
            MinReclaim::Percent(p) => Some(*p),
            MinReclaim::Bytes(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Options {
    pub min_reclaim: MinReclaim,
    pub move_leader: bool,
    /// How long a member may take to be healthy again (and a leader move to finish).
    pub health_timeout: Duration,
    /// Request timeout of one member's defragmentation.
    pub defrag_timeout: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Defragmented,
    Skipped,
    Failed,
    /// Not reached: an earlier member failed or the run was interrupted.
    NotRun,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberResult {
    pub name: String,
    #[serde(serialize_with = "super::hex_id")]
    pub id: u64,
    pub endpoint: String,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    pub was_leader: bool,
    /// Led the cluster when its turn came (leadership can move meanwhile).
    pub leader_at_its_turn: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leader_moved_to: Option<String>,
    #[serde(rename = "dbSizeBeforeBytes")]
    pub db_size_before: u64,
    #[serde(rename = "dbSizeInUseBeforeBytes")]
    pub db_size_in_use_before: u64,
    #[serde(rename = "dbSizeAfterBytes", skip_serializing_if = "Option::is_none")]
    pub db_size_after: Option<u64>,
    pub reclaimed_bytes: u64,
    /// The defragmentation itself (the member's stall).
    pub defrag_seconds: f64,
    /// Defragmentation plus the wait for the member's health.
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub members: Vec<MemberResult>,
    pub reclaimed_bytes: u64,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
    /// `--min-reclaim` as given (`64MiB`, `10%`), for the table.
    #[serde(skip)]
    pub min_reclaim: String,
    /// `--min-reclaim` in bytes, when given in bytes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_reclaim_bytes: Option<u64>,
    /// `--min-reclaim` as a percentage of each member's database, when given so.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_reclaim_percent: Option<f64>,
}

impl Report {
    pub fn failed(&self) -> bool {
        self.members
            .iter()
            .any(|m| matches!(m.outcome, Outcome::Failed | Outcome::NotRun))
    }
}

/// Why an unstarted learner is skipped.
pub const UNSTARTED: &str =
    "a learner that never started: it holds no data (start it, or remove it by ID)";

/// Followers (learners first) by name, then the leader. Learners that
/// never started are not in it (they hold no data).
pub fn order(s: &Survey) -> Vec<Member> {
    let mut out: Vec<Member> = s
        .members
        .iter()
        .filter(|m| !m.is_leader() && !m.unstarted_learner())
        .cloned()
        .collect();
    out.sort_by_key(|m| (!m.learner, m.label()));
    out.extend(s.members.iter().filter(|m| m.is_leader()).cloned());
    out
}

/// Refuses to start while a member is unhealthy (alarms aside: NOSPACE is
/// what defragmentation fixes): taking another member away for a while
/// could then cost the quorum. A learner that never started does not count:
/// it holds no data and no vote (a failed join leaves one).
pub fn check_all_healthy(s: &Survey) -> Result<()> {
    let sick: Vec<String> = s
        .members
        .iter()
        .filter(|m| !m.healthy() && !m.unstarted_learner())
        .map(|m| {
            let p: Vec<String> = m
                .problems()
                .into_iter()
                .filter(|p| !p.starts_with("alarm "))
                .collect();
            format!("{} ({})", m.label(), p.join("; "))
        })
        .collect();
    if !sick.is_empty() {
        bail!(
            "not defragmenting while a member is unhealthy: {}; fix or remove it first (kforge etcd status)",
            sick.join(", ")
        );
    }
    Ok(())
}

/// Defragments the cluster as the module doc says. `progress` hears a line
/// per step. Fails as a whole only when it cannot start; a member's failure
/// ends the run and is in the report.
pub async fn run(t: &Target, o: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Report> {
    let started = Instant::now();
    let s = super::survey(t).await?;
    check_all_healthy(&s)?;
    let plan = order(&s);
    let mut results: Vec<MemberResult> = s
        .members
        .iter()
        .filter(|m| m.unstarted_learner())
        .map(|m| {
            let why = UNSTARTED.to_string();
            progress(&format!("{}: skipped ({why})", m.label()));
            MemberResult {
                name: m.label(),
                id: m.id,
                endpoint: String::new(),
                outcome: Outcome::Skipped,
                reason: Some(why),
                was_leader: false,
                leader_at_its_turn: false,
                leader_moved_to: None,
                db_size_before: 0,
                db_size_in_use_before: 0,
                db_size_after: None,
                reclaimed_bytes: 0,
                defrag_seconds: 0.0,
                seconds: 0.0,
            }
        })
        .collect();
    let mut stop: Option<String> = None;
    for m in &plan {
        let endpoint = m.endpoint.clone().unwrap_or_default();
        let st = m.status.clone().expect("healthy members have a status");
        let mut r = MemberResult {
            name: m.label(),
            id: m.id,
            endpoint: endpoint.clone(),
            outcome: Outcome::NotRun,
            reason: None,
            was_leader: m.is_leader(),
            leader_at_its_turn: false,
            leader_moved_to: None,
            db_size_before: st.db_size,
            db_size_in_use_before: st.db_size_in_use,
            db_size_after: None,
            reclaimed_bytes: 0,
            defrag_seconds: 0.0,
            seconds: 0.0,
        };
        if let Some(why) = &stop {
            r.reason = Some(why.clone());
            results.push(r);
            continue;
        }
        if let Some(sig) = crate::interrupt::received() {
            let why = format!("interrupted by {}", sig.name());
            r.reason = Some(why.clone());
            stop = Some(why);
            results.push(r);
            continue;
        }
        // Sizes as of now: a member defragmented earlier in this run has
        // not changed, but the cluster kept writing meanwhile.
        let now = member_stat(t, &endpoint).await.unwrap_or(st);
        r.db_size_before = now.db_size;
        r.db_size_in_use_before = now.db_size_in_use;
        let reclaimable = now.db_size.saturating_sub(now.db_size_in_use);
        let threshold = o.min_reclaim.threshold(now.db_size);
        if reclaimable < threshold {
            r.outcome = Outcome::Skipped;
            r.reason = Some(format!(
                "reclaimable {reclaimable} bytes is under --min-reclaim ({threshold} bytes)"
            ));
            progress(&format!(
                "{}: skipped ({reclaimable} bytes reclaimable)",
                r.name
            ));
            results.push(r);
            continue;
        }
        let t0 = Instant::now();
        match defrag_member(t, o, &s, m, &endpoint, &mut r, progress).await {
            Ok(()) => r.outcome = Outcome::Defragmented,
            Err(e) => {
                r.outcome = Outcome::Failed;
                r.reason = Some(format!("{e:#}"));
                stop = Some(format!("{} failed", r.name));
            }
        }
        r.seconds = t0.elapsed().as_secs_f64();
        results.push(r);
    }
    Ok(Report {
        reclaimed_bytes: results.iter().map(|r| r.reclaimed_bytes).sum(),
        members: results,
        seconds: started.elapsed().as_secs_f64(),
        min_reclaim: o.min_reclaim.describe(),
        min_reclaim_bytes: o.min_reclaim.bytes(),
        min_reclaim_percent: o.min_reclaim.percent(),
    })
}

async fn defrag_member(
    t: &Target,
    o: &Options,
    s: &Survey,
    m: &Member,
    endpoint: &str,
    r: &mut MemberResult,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<()> {
    let name = m.label();
    r.leader_at_its_turn = member_stat(t, endpoint).await?.leader == m.id;
    if o.move_leader && r.leader_at_its_turn {
        if let Some(to) = super::move_leader(t, s, m, o.health_timeout, progress).await? {
            r.leader_moved_to = Some(to.label());
        }
    }
    progress(&format!(
        "{name}: defragmenting ({} bytes)",
        r.db_size_before
    ));
    let mut c = client::connect(&t.member_ep_long(endpoint, o.defrag_timeout)).await?;
    let t0 = Instant::now();
    c.defragment()
        .await
        .map_err(|e| anyhow!("{endpoint}: defragment: {}", client::explain(&e)))?;
    r.defrag_seconds = t0.elapsed().as_secs_f64();
    progress(&format!("{name}: waiting for it to be healthy"));
    let after = wait_healthy(t, s, endpoint, o.health_timeout).await?;
    r.db_size_after = Some(after.db_size);
    r.reclaimed_bytes = r.db_size_before.saturating_sub(after.db_size);
    Ok(())
}

/// Polls `endpoint` until the member answers with a leader, has applied
/// what the leader committed (within a small lag), and every other started
/// member answers too; returns its status.
pub async fn wait_healthy(
    t: &Target,
    s: &Survey,
    endpoint: &str,
    timeout: Duration,
) -> Result<super::Stat> {
    let every = Every::new(Duration::from_millis(100), timeout).through_signals();
    let healthy = wait::until_async(every, || async {
        Ok(match member_stat(t, endpoint).await {
            Ok(st) if st.leader != 0 && super::real_errors(&st.errors).next().is_none() => {
                let leader_index = match s
                    .members
                    .iter()
                    .find(|m| m.id == st.leader)
                    .and_then(|m| m.endpoint.clone())
                {
                    Some(u) if u != endpoint => member_stat(t, &u).await.map(|l| l.raft_index).ok(),
                    _ => Some(st.raft_index),
                };
                match leader_index {
                    Some(li) if st.raft_applied_index + 100 >= li => Ok(st),
                    Some(li) => Err(format!(
                        "applied {} of the leader's {li}",
                        st.raft_applied_index
                    )),
                    None => Err("the leader does not answer".into()),
                }
            }
            Ok(st) if st.leader == 0 => Err("no leader".into()),
            Ok(st) => Err(super::real_errors(&st.errors)
                .cloned()
                .collect::<Vec<_>>()
                .join("; ")),
            Err(e) => Err(format!("{e:#}")),
        })
    })
    .await?;
    match healthy {
        Ok(st) => Ok(st),
        Err(Ended::TimedOut { last, .. }) => {
            bail!("{endpoint} was not healthy within {timeout:?} after defragmenting: {last}")
        }
        Err(Ended::Interrupted(sig)) => Err(crate::interrupt::Stop::Signal(sig).into()),
    }
}

/// Prometheus textfile metrics of a defrag run (written atomically; a
/// failed run keeps the last success's values, as snapshot save does).
pub mod metrics {
    use super::Report;
    use std::collections::BTreeMap;
    use std::path::Path;

    const HELP: &[(&str, &str)] = &[
        (
            "kforge_etcd_defrag_last_attempt_timestamp_seconds",
            "Unix time of the last defrag attempt.",
        ),
        (
            "kforge_etcd_defrag_last_attempt_success",
            "1 if the last defrag attempt succeeded, else 0.",
        ),
        (
            "kforge_etcd_defrag_last_success_timestamp_seconds",
            "Unix time of the last successful defrag.",
        ),
        (
            "kforge_etcd_defrag_last_success_duration_seconds",
            "Duration of the last successful defrag.",
        ),
        (
            "kforge_etcd_defrag_last_success_reclaimed_bytes",
            "Bytes reclaimed by the last successful defrag, per member.",
        ),
        (
            "kforge_etcd_defrag_last_success_db_size_bytes",
            "DB size after the last successful defrag, per member.",
        ),
    ];

    pub fn render(old: &str, attempt_unix: f64, report: Option<&Report>) -> String {
        let mut values: BTreeMap<String, String> = old
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.rsplit_once(' '))
            .map(|(k, v)| (k.to_string(), v.trim().to_string()))
            .collect();
        let ok = report.is_some_and(|r| !r.failed());
        values.insert(HELP[0].0.into(), format!("{attempt_unix:.3}"));
        values.insert(HELP[1].0.into(), u8::from(ok).to_string());
        if let (true, Some(r)) = (ok, report) {
            values.retain(|k, _| !k.contains('{'));
            values.insert(HELP[2].0.into(), format!("{attempt_unix:.3}"));
            values.insert(HELP[3].0.into(), format!("{:.3}", r.seconds));
            for m in &r.members {
                let label = format!("{{member=\"{}\"}}", m.name.replace(['"', '\\'], "_"));
                values.insert(
                    format!("{}{label}", HELP[4].0),
                    m.reclaimed_bytes.to_string(),
                );
                let size = m.db_size_after.unwrap_or(m.db_size_before);
                values.insert(format!("{}{label}", HELP[5].0), size.to_string());
            }
        }
        let mut out = String::new();
        for (name, help) in HELP {
            let series: Vec<(&String, &String)> = values
                .iter()
                .filter(|(k, _)| k.as_str() == *name || k.starts_with(&format!("{name}{{")))
                .collect();
            if series.is_empty() {
                continue;
            }
            out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} gauge\n"));
            for (k, v) in series {
                out.push_str(&format!("{k} {v}\n"));
            }
        }
        out
    }

    pub fn write(path: &Path, attempt_unix: f64, report: Option<&Report>) -> anyhow::Result<()> {
        let old = fs_err::read_to_string(path).unwrap_or_default();
        crate::node::write_atomic_local(path, render(&old, attempt_unix, report).as_bytes(), 0o644)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_reclaim_takes_a_percentage_or_a_size() {
        assert_eq!(MinReclaim::parse("10%"), Ok(MinReclaim::Percent(10.0)));
        assert_eq!(MinReclaim::parse("0"), Ok(MinReclaim::Bytes(0)));
        assert_eq!(MinReclaim::parse("64MiB"), Ok(MinReclaim::Bytes(64 << 20)));
        assert!(MinReclaim::parse("120%").is_err());
        assert!(MinReclaim::parse("lots").is_err());
        assert_eq!(MinReclaim::Percent(10.0).threshold(1000), 100);
        assert_eq!(MinReclaim::default().threshold(0), 0);
    }

    #[test]
    fn metrics_keep_the_last_success_on_failure() {
        let r = Report {
            members: vec![MemberResult {
                name: "cp1".into(),
                id: 1,
                endpoint: "e".into(),
                outcome: Outcome::Defragmented,
                reason: None,
                was_leader: false,
                leader_at_its_turn: false,
                leader_moved_to: None,
                db_size_before: 100,
                db_size_in_use_before: 40,
                db_size_after: Some(45),
                reclaimed_bytes: 55,
                defrag_seconds: 0.1,
                seconds: 0.2,
            }],
            reclaimed_bytes: 55,
            seconds: 1.5,
            min_reclaim: "x".into(),
            min_reclaim_bytes: None,
            min_reclaim_percent: Some(10.0),
        };
        let t1 = metrics::render("", 1000.0, Some(&r));
        assert!(
            t1.contains("kforge_etcd_defrag_last_success_reclaimed_bytes{member=\"cp1\"} 55\n"),
            "{t1}"
        );
        let t2 = metrics::render(&t1, 2000.0, None);
        assert!(
            t2.contains("kforge_etcd_defrag_last_attempt_success 0\n"),
            "{t2}"
        );
        assert!(
            t2.contains("kforge_etcd_defrag_last_success_timestamp_seconds 1000.000\n"),
            "{t2}"
        );
        assert!(t2.contains("{member=\"cp1\"} 55\n"), "{t2}");
    }
}
