//! `kforge etcd recover-space`: the runbook for "mvcc: database space
//! exceeded" (the NOSPACE alarm) in one command, each step reported with
//! what it freed:
//!
//! 1. a snapshot first ([`crate::backup::save::run`], verified, atomic);
//! 2. compact to the current revision (physically);
//! 3. defragment every member one at a time, followers first, leader last
//!    ([`crate::etcd::ops::defrag`]), waiting for each to be healthy again;
//! 4. disarm the NOSPACE alarms (only now: disarmed earlier, the alarm would
//!    come back with the next write while the file is still over its quota);
//! 5. check that a write goes through (a test key, deleted again).

use crate::backup::save;
use crate::etcd::client;
use crate::etcd::ops::{self as ops, compact, connect_any, defrag, Target};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::time::{Duration, Instant};

pub struct Options {
    /// Where the snapshot goes; `None`: no snapshot (`--no-snapshot`).
    pub snapshot: Option<save::Target>,
    pub defrag: defrag::Options,
    pub compact_timeout: Duration,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SizeAt {
    pub member: String,
    #[serde(rename = "dbSizeBytes")]
    pub db_size: u64,
    #[serde(rename = "dbSizeInUseBytes")]
    pub db_size_in_use: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct WriteCheck {
    pub key: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Recovered {
    #[serde(rename = "quotaBytes")]
    pub quota: u64,
    pub before: Vec<SizeAt>,
    pub alarms_before: Vec<ops::Alarm>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<save::Saved>,
    pub compact: compact::Compacted,
    pub defrag: defrag::Report,
    pub disarmed: Vec<ops::Alarm>,
    pub write_check: WriteCheck,
    pub after: Vec<SizeAt>,
    /// Writable again, no alarm left, every member healthy.
    pub recovered: bool,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
}

/// The key the write check puts and deletes.
pub const CHECK_KEY: &str = "/kforge.io/recover-space-check";

fn sizes(s: &ops::Survey) -> Vec<SizeAt> {
    s.members
        .iter()
        .map(|m| SizeAt {
            member: m.label(),
            db_size: m.status.as_ref().map_or(0, |s| s.db_size),
            db_size_in_use: m.status.as_ref().map_or(0, |s| s.db_size_in_use),
        })
        .collect()
}

/// Between steps: a SIGINT/SIGTERM (handlers installed by the command)
/// ends the run here, saying where etcd stands (exit 130/143).
fn stop_here(stands: &str) -> Result<()> {
    match crate::interrupt::received() {
        Some(signal) => Err(anyhow::Error::new(crate::interrupt::Interrupted {
            signal,
            done: stands.to_string(),
        })),
        None => Ok(()),
    }
}

pub async fn run(t: &Target, o: &Options, progress: &(dyn Fn(&str) + Sync)) -> Result<Recovered> {
    let started = Instant::now();
    let s = ops::survey(t).await?;
    defrag::check_all_healthy(&s)?;
    let before = sizes(&s);
    let alarms_before = s.alarms.clone();
    let snapshot = match &o.snapshot {
        None => None,
        Some(target) => {
            progress("taking a snapshot first");
            let ep = crate::etcd::client::EtcdEndpoint {
                endpoints: s.healthy_urls(),
                ..t.ep.clone()
            };
            Some(
                save::run(&ep, target, Default::default(), None, None)
                    .await
                    .context("step 1 (snapshot): nothing was changed")?,
            )
        }
    };
    stop_here("nothing was changed (the snapshot, if asked for, is kept)")?;
    progress("compacting to the current revision");
    let compacted = compact::run(t, compact::Upto::Keep(0), o.compact_timeout)
        .await
        .context("step 2 (compact)")?;
    stop_here("compacted, not defragmented; the NOSPACE alarm stays armed (re-run `kforge etcd recover-space`)")?;
    let report = defrag::run(t, &o.defrag, progress)
        .await
        .context("step 3 (defrag)")?;
    if report.failed() {
        let why: Vec<String> = report
            .members
            .iter()
            .filter_map(|m| m.reason.as_ref().map(|r| format!("{}: {r}", m.name)))
            .collect();
        bail!(
            "step 3 (defrag) failed: {}; the alarms are left armed",
            why.join("; ")
        );
    }
    stop_here(
        "compacted and defragmented; the NOSPACE alarm stays armed (`kforge etcd alarms disarm`)",
    )?;
    progress("disarming NOSPACE");
    let disarmed = ops::alarms::disarm(t, Some("NOSPACE"))
        .await
        .context("step 4 (disarm)")?;
    progress("checking that writes go through");
    let write_check = write_check(t).await;
    let after_survey = ops::survey(t).await?;
    let recovered = write_check.ok
        && after_survey.alarms.is_empty()
        && after_survey
            .members
            .iter()
            .all(|m| m.healthy() || m.unstarted_learner());
    Ok(Recovered {
        quota: t.quota,
        before,
        alarms_before,
        snapshot,
        compact: compacted,
        defrag: report,
        disarmed: disarmed.disarmed,
        write_check,
        after: sizes(&after_survey),
        recovered,
        seconds: started.elapsed().as_secs_f64(),
    })
}

async fn write_check(t: &Target) -> WriteCheck {
    let key = CHECK_KEY.to_string();
    let result = async {
        let s = ops::survey(t).await?;
        let (mut c, via) = connect_any(t, &s.healthy_urls()).await?;
        let value = time::OffsetDateTime::now_utc().unix_timestamp().to_string();
        c.put(key.as_str(), value, None)
            .await
            .map_err(|e| anyhow!("{via}: put {key}: {}", client::explain(&e)))?;
        c.delete(key.as_str(), None)
            .await
            .map_err(|e| anyhow!("{via}: delete {key}: {}", client::explain(&e)))?;
        Ok::<_, anyhow::Error>(())
    }
    .await;
    WriteCheck {
        ok: result.is_ok(),
        error: result.err().map(|e| {
            let msg = format!("{e:#}");
            if msg.contains("space exceeded") {
                format!("{msg}: the live data alone is over the quota; raise --quota-backend-bytes in etcd.yaml")
            } else {
                msg
            }
        }),
        key,
    }
}
