//! `kforge etcd status | members | defrag | compact | alarms | recover-space`:
//! etcdctl's day-2 runbooks with the node's certificates and endpoints
//! (from its etcd manifest), and the safety checks they lack.

use super::etcd_args::EtcdConnArgs;
use super::snapshot::human_size;
use super::GlobalArgs;
use crate::etcd::ops::{self, alarms, compact, defrag, members, status, Target};
use crate::exit::{usage, ExitStatus};
use crate::node::{LocalNode, Node};
use crate::output::{write_table, Printer, Render};
use crate::recover_space as recover;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Subcommand)]
pub enum EtcdCommand {
    /// Every member: versions, leader, raft term and indexes, DB size against the quota, alarms (exit 3 when unhealthy).
    Status(ConnOnly),
    /// List, remove or promote members (remove refuses to break quorum).
    Members(MembersArgs),
    /// Defragment one member at a time, followers first, the leader last.
    Defrag(DefragArgs),
    /// Compact the key history up to a revision (default: the current one).
    Compact(CompactArgs),
    /// List or disarm alarms (NOSPACE, CORRUPT).
    Alarms(AlarmsArgs),
    /// The NOSPACE runbook: snapshot, compact, defragment each member, disarm, check a write.
    RecoverSpace(RecoverArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Exit status: 0 healthy, 1 failed, 2 usage error, 3 unhealthy.")]
pub struct ConnOnly {
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MembersArgs {
    #[command(subcommand)]
    pub cmd: Option<MembersCommand>,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// List the members (the default).
    List(ConnOnly),
    /// Remove a member by name or ID; refuses to break quorum or remove the last healthy member.
    Remove(MemberArgs),
    /// Promote a learner that has caught up to a voting member.
    Promote(PromoteArgs),
}

#[derive(Debug, Args)]
pub struct MemberArgs {
    /// Member name or ID (hex, as `etcd members` prints it).
    #[arg(value_name = "NAME|ID")]
    pub member: String,
    /// Remove it even when the members left would not hold a healthy quorum.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
pub struct PromoteArgs {
    /// Member name or ID (hex, as `etcd members` prints it).
    #[arg(value_name = "NAME|ID")]
    pub member: String,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
pub struct DefragOpts {
    /// Hand leadership to a defragmented follower before the leader's turn.
    #[arg(long)]
    pub move_leader: bool,
    /// How long each member may take to be healthy again.
    #[arg(long, default_value = "2m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::HOUR))]
    pub health_timeout: time::Duration,
    /// How long one member's defragmentation may take.
    #[arg(long, default_value = "30m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::DAY))]
    pub defrag_timeout: time::Duration,
    /// Lock file that keeps two maintenance runs apart (default /etc/kubernetes/tmp/kforge-etcd-maintenance.lock).
    #[arg(long, value_name = "PATH")]
    pub lock_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 success, 1 failed, 2 usage error, 4 another maintenance run holds the lock."
)]
pub struct DefragArgs {
    /// Skip members with less reclaimable space (DB size minus size in use):
    /// a percentage of the member's DB size or a size (64MiB); 0 defragments every member.
    #[arg(long, default_value = "10%", value_name = "SIZE|PERCENT", value_parser = defrag::MinReclaim::parse)]
    pub min_reclaim: defrag::MinReclaim,
    #[command(flatten)]
    pub opts: DefragOpts,
    /// Write Prometheus textfile-collector metrics here (atomically), on success and failure.
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
pub struct CompactArgs {
    /// Compact up to this revision.
    #[arg(value_name = "REVISION", conflicts_with = "keep_revisions", value_parser = clap::value_parser!(i64).range(1..))]
    pub revision: Option<i64>,
    /// Keep the newest N revisions of history.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(0..))]
    pub keep_revisions: Option<i64>,
    /// How long the compaction may take.
    #[arg(long, default_value = "10m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::DAY))]
    pub timeout: time::Duration,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AlarmsArgs {
    #[command(subcommand)]
    pub cmd: Option<AlarmsCommand>,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Subcommand)]
pub enum AlarmsCommand {
    /// List the raised alarms (the default).
    List(ConnOnly),
    /// Disarm the raised alarms (fix the cause first: `recover-space` does both for NOSPACE).
    Disarm(ConnOnly),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 writable again, 1 failed, 2 usage error, 3 still not writable, 4 locked."
)]
pub struct RecoverArgs {
    /// Directory for the snapshot taken first (created if missing).
    #[arg(long, value_name = "DIR", required_unless_present = "no_snapshot")]
    pub snapshot_dir: Option<PathBuf>,
    /// Skip the snapshot (only when a recent one exists).
    #[arg(long, conflicts_with = "snapshot_dir")]
    pub no_snapshot: bool,
    #[command(flatten)]
    pub opts: DefragOpts,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

/// The cluster to talk to: `--endpoints`, else the node's etcd manifest;
/// TLS from the flags or the node's PKI (under --root). A `--root` that is
/// not there or a TLS file that cannot be read is a usage error (exit 2),
/// never "etcd is unhealthy": monitoring must not page for a typo.
fn target(g: &GlobalArgs, conn: &EtcdConnArgs) -> Result<Target> {
    if let Some(root) = &g.root {
        if !root.is_dir() {
            return Err(usage(format!(
                "--root {}: no such directory",
                root.display()
            )));
        }
    }
    let ep = conn.resolve(g.root.as_deref());
    let files = [
        ("--cacert", "CA certificate", &ep.ca_file, &conn.cacert),
        ("--cert", "client certificate", &ep.cert_file, &conn.cert),
        ("--key", "client key", &ep.key_file, &conn.key),
    ];
    for (flag, what, file, given) in files {
        let Some(f) = file else { continue };
        if let Err(e) = std::fs::File::open(f) {
            let hint = match given {
                Some(_) => format!("check {flag}"),
                None => "not a control-plane node? check --root, or give --endpoints with --cacert, --cert and --key".into(),
            };
            return Err(usage(format!(
                "{}: {e} (the etcd {what}; {hint})",
                f.display()
            )));
        }
    }
    let node = LocalNode::new(g.root.clone());
    Ok(Target::from_manifest(&node, ep, !conn.endpoints.is_empty()))
}

fn std_duration(d: time::Duration) -> Duration {
    crate::values::to_std(d)
}

/// Takes the maintenance lock (exit 4 when another run holds it).
fn maintenance_lock(g: &GlobalArgs, explicit: Option<&Path>) -> Result<kforge_fs::lock::LockFile> {
    let path = match explicit {
        Some(p) => p.to_path_buf(),
        None => {
            let node = LocalNode::new(g.root.clone());
            let kdir = Path::new(crate::paths::KUBERNETES_DIR);
            let lock = Path::new(crate::paths::ETCD_MAINTENANCE_LOCK);
            if node.exists(kdir)? {
                if let Some(parent) = lock.parent() {
                    node.create_dir_all(parent, 0o755)?;
                }
                node.real_path(lock)
            } else {
                std::env::temp_dir().join("kforge-etcd-maintenance.lock")
            }
        }
    };
    kforge_fs::lock::exclusive(&path, "etcd maintenance (defrag or recover-space)")
}

pub fn run(g: &GlobalArgs, p: &Printer, c: EtcdCommand) -> Result<ExitStatus> {
    let rt = crate::runtime::current_thread()?;
    match c {
        EtcdCommand::Status(a) => {
            let t = target(g, &a.conn)?;
            let r = rt.block_on(status::run(&t))?;
            p.emit(&r)?;
            if !r.healthy {
                p.error(format!("etcd is unhealthy: {}", r.problems.join("; ")));
                return Ok(ExitStatus::Unhealthy);
            }
            Ok(ExitStatus::Success)
        }
        EtcdCommand::Members(a) => match a.cmd {
            None => members_list(g, p, &rt, &a.conn),
            Some(MembersCommand::List(c)) => members_list(g, p, &rt, &c.conn),
            Some(MembersCommand::Remove(m)) => {
                let t = target(g, &m.conn)?;
                let r = rt.block_on(members::remove(&t, &m.member, m.force))?;
                if let Some(why) = &r.forced_past {
                    p.warn(format!("--force: removed although {why}"));
                }
                p.emit(&r)?;
                Ok(ExitStatus::Success)
            }
            Some(MembersCommand::Promote(m)) => {
                let t = target(g, &m.conn)?;
                p.emit(&rt.block_on(members::promote(&t, &m.member))?)?;
                Ok(ExitStatus::Success)
            }
        },
        EtcdCommand::Defrag(a) => defrag_cmd(g, p, &rt, a),
        EtcdCommand::Compact(a) => {
            let t = target(g, &a.conn)?;
            let upto = match (a.revision, a.keep_revisions) {
                (Some(r), None) => compact::Upto::Revision(r),
                (None, Some(n)) => compact::Upto::Keep(n),
                (None, None) => compact::Upto::Keep(0),
                _ => return Err(usage("give REVISION or --keep-revisions, not both")),
            };
            let sp = p.spinner("compacting");
            let r = rt.block_on(compact::run(&t, upto, std_duration(a.timeout)));
            if let Some(s) = sp {
                s.finish_and_clear();
            }
            p.emit(&r?)?;
            Ok(ExitStatus::Success)
        }
        EtcdCommand::Alarms(a) => match a.cmd {
            None => alarms_list(g, p, &rt, &a.conn),
            Some(AlarmsCommand::List(c)) => alarms_list(g, p, &rt, &c.conn),
            Some(AlarmsCommand::Disarm(c)) => {
                let t = target(g, &c.conn)?;
                let r = rt.block_on(alarms::disarm(&t, None))?;
                p.emit(&r)?;
                if !r.still_raised.is_empty() {
                    p.error("alarms were raised again right away: fix their cause first (for NOSPACE: kforge etcd recover-space)");
                    return Ok(ExitStatus::Failure);
                }
                Ok(ExitStatus::Success)
            }
        },
        EtcdCommand::RecoverSpace(a) => recover_cmd(g, p, &rt, a),
    }
}

fn members_list(
    g: &GlobalArgs,
    p: &Printer,
    rt: &tokio::runtime::Runtime,
    conn: &EtcdConnArgs,
) -> Result<ExitStatus> {
    let t = target(g, conn)?;
    let s = rt.block_on(ops::survey(&t))?;
    p.emit(&MembersOut(s))?;
    Ok(ExitStatus::Success)
}

fn alarms_list(
    g: &GlobalArgs,
    p: &Printer,
    rt: &tokio::runtime::Runtime,
    conn: &EtcdConnArgs,
) -> Result<ExitStatus> {
    let t = target(g, conn)?;
    p.emit(&rt.block_on(alarms::list(&t))?)?;
    Ok(ExitStatus::Success)
}

fn defrag_options(o: &DefragOpts, min_reclaim: defrag::MinReclaim) -> defrag::Options {
    defrag::Options {
        min_reclaim,
        move_leader: o.move_leader,
        health_timeout: std_duration(o.health_timeout),
        defrag_timeout: std_duration(o.defrag_timeout),
    }
}

fn defrag_cmd(
    g: &GlobalArgs,
    p: &Printer,
    rt: &tokio::runtime::Runtime,
    a: DefragArgs,
) -> Result<ExitStatus> {
    if let Some(m) = &a.metrics_file {
        crate::backup::metrics::check_dir(m)?;
    }
    // The runner's signal handling first: a second signal says what is left.
    crate::rollout::runner::catch_signals("etcd defrag", "kforge etcd defrag")?;
    let _lock = maintenance_lock(g, a.opts.lock_file.as_deref())?;
    let t = target(g, &a.conn)?;
    let o = defrag_options(&a.opts, a.min_reclaim);
    let attempt = time::OffsetDateTime::now_utc().unix_timestamp_nanos() as f64 / 1e9;
    let r = with_progress(p, "defragmenting", |say| {
        rt.block_on(defrag::run(&t, &o, say))
    });
    if let Some(m) = &a.metrics_file {
        defrag::metrics::write(m, attempt, r.as_ref().ok())
            .with_context(|| format!("writing metrics file {}", m.display()))?;
    }
    let r = r?;
    p.emit(&DefragOut(&r))?;
    if let Some(e) = crate::rollout::runner::interrupted(|| {
        "the member in flight finished its defragmentation; the others were not started".into()
    }) {
        return Err(e);
    }
    if r.failed() {
        p.error("defragmentation stopped at a failed member (see its line)");
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

fn recover_cmd(
    g: &GlobalArgs,
    p: &Printer,
    rt: &tokio::runtime::Runtime,
    a: RecoverArgs,
) -> Result<ExitStatus> {
    let snapshot = match (&a.snapshot_dir, a.no_snapshot) {
        (Some(d), false) => {
            // As `snapshot save --dir`: a typo in a cron line fails before
            // any work, never starts a new backup tree.
            crate::backup::save::check_dir(d)
                .map_err(|e| crate::exit::usage_from(e.context("--snapshot-dir")))?;
            Some(crate::backup::save::Target::Dir {
                dir: d.clone(),
                prefix: "etcd".into(),
                node: crate::backup::offsite::default_node_name(),
            })
        }
        (None, true) => None,
        _ => return Err(usage("give --snapshot-dir DIR or --no-snapshot")),
    };
    // Signals first: the first one stops between steps, saying where etcd
    // stands; a second one stops at once.
    crate::rollout::runner::catch_signals("etcd recover-space", "kforge etcd recover-space")?;
    let _lock = maintenance_lock(g, a.opts.lock_file.as_deref())?;
    let t = target(g, &a.conn)?;
    let o = recover::Options {
        snapshot,
        defrag: defrag_options(&a.opts, defrag::MinReclaim::Bytes(0)),
        compact_timeout: std_duration(a.opts.defrag_timeout),
    };
    let r = with_progress(p, "recovering space", |say| {
        rt.block_on(recover::run(&t, &o, say))
    });
    let r = r?;
    p.emit(&r)?;
    if !r.recovered {
        p.error(match &r.write_check.error {
            Some(e) => format!("etcd is not writable yet: {e}"),
            None => "etcd is not healthy yet (see kforge etcd status)".into(),
        });
        return Ok(ExitStatus::Unhealthy);
    }
    Ok(ExitStatus::Success)
}

/// Runs `f` with a progress line (a spinner on a terminal, else `-v` logs).
fn with_progress<T>(p: &Printer, what: &str, f: impl FnOnce(&(dyn Fn(&str) + Sync)) -> T) -> T {
    let sp = p.spinner(what);
    let say = |m: &str| match &sp {
        Some(s) => s.set_message(m.to_string()),
        None => tracing::info!("{m}"),
    };
    let r = f(&say);
    if let Some(s) = &sp {
        s.finish_and_clear();
    }
    r
}

fn yes_no(b: bool) -> String {
    if b { "true" } else { "false" }.into()
}

fn member_rows(s: &ops::Survey) -> Vec<Vec<String>> {
    s.members
        .iter()
        .map(|m| {
            let st = m.status.as_ref();
            let n = |f: fn(&ops::Stat) -> u64| st.map_or("-".into(), |s| f(s).to_string());
            vec![
                m.label(),
                crate::etcd::ops::fmt_id(m.id),
                m.endpoint.clone().unwrap_or_else(|| "-".into()),
                st.map_or("-".into(), |s| s.version.clone()),
                m.cluster_version.clone().unwrap_or_else(|| "-".into()),
                yes_no(m.is_leader()),
                yes_no(m.learner),
                n(|s| s.raft_term),
                n(|s| s.raft_index),
                n(|s| s.raft_applied_index),
                st.map_or("-".into(), |x| {
                    format!(
                        "{} ({:.0}% of {})",
                        human_size(x.db_size),
                        x.db_size as f64 * 100.0 / s.quota.max(1) as f64,
                        human_size(s.quota)
                    )
                }),
                st.map_or("-".into(), |x| human_size(x.db_size_in_use)),
                if m.alarms.is_empty() {
                    "-".into()
                } else {
                    m.alarms.join(",")
                },
                match (&m.error, st) {
                    (Some(e), _) => e.clone(),
                    (None, Some(x)) if ops::real_errors(&x.errors).next().is_some() => {
                        ops::real_errors(&x.errors)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("; ")
                    }
                    _ => "-".into(),
                },
            ]
        })
        .collect()
}

const MEMBER_HEADER: [&str; 14] = [
    "NAME", "ID", "ENDPOINT", "VERSION", "CLUSTER", "LEADER", "LEARNER", "TERM", "INDEX",
    "APPLIED", "DB SIZE", "IN USE", "ALARMS", "ERRORS",
];

impl Render for status::StatusReport {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        write_table(out, &MEMBER_HEADER, &member_rows(&self.survey))?;
        if self.healthy {
            writeln!(
                out,
                "\nhealthy: {} member(s), leader {}",
                self.survey.members.len(),
                self.survey.leader().map_or("-".into(), |m| m.label())
            )
        } else {
            writeln!(out, "\nUNHEALTHY:")?;
            for p in &self.problems {
                writeln!(out, "  - {p}")?;
            }
            Ok(())
        }
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct MembersOut(ops::Survey);

impl Render for MembersOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .0
            .members
            .iter()
            .map(|m| {
                vec![
                    crate::etcd::ops::fmt_id(m.id),
                    if m.client_urls.is_empty() {
                        "unstarted"
                    } else {
                        "started"
                    }
                    .into(),
                    m.label(),
                    m.peer_urls.join(","),
                    m.client_urls.join(","),
                    yes_no(m.learner),
                    if m.healthy() {
                        "healthy".into()
                    } else {
                        m.problems().join("; ")
                    },
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "ID",
                "STATUS",
                "NAME",
                "PEER ADDRS",
                "CLIENT ADDRS",
                "LEARNER",
                "HEALTH",
            ],
            &rows,
        )
    }
}

impl Render for members::Removed {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Removed etcd member {} ({}); {} voting member(s) left.",
            if self.name.is_empty() {
                "-"
            } else {
                &self.name
            },
            crate::etcd::ops::fmt_id(self.id),
            self.members_left
        )?;
        writeln!(out, "Next steps:")?;
        for s in &self.next_steps {
            writeln!(out, "  - {s}")?;
        }
        Ok(())
    }
}

impl Render for members::Promoted {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Promoted etcd member {} ({}) to a voting member.",
            self.name,
            crate::etcd::ops::fmt_id(self.id)
        )
    }
}

struct DefragOut<'a>(&'a defrag::Report);

impl Serialize for DefragOut<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Render for DefragOut<'_> {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .0
            .members
            .iter()
            .map(|m| {
                let outcome = serde_json::to_value(m.outcome)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                vec![
                    m.name.clone(),
                    yes_no(m.was_leader),
                    outcome,
                    human_size(m.db_size_before),
                    m.db_size_after.map_or("-".into(), human_size),
                    human_size(m.reclaimed_bytes),
                    format!("{:.2}s", m.defrag_seconds),
                    match (&m.leader_moved_to, &m.reason) {
                        (_, Some(r)) => r.clone(),
                        (Some(to), None) => format!("leadership moved to {to} first"),
                        _ => "-".into(),
                    },
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "MEMBER",
                "WAS LEADER",
                "RESULT",
                "BEFORE",
                "AFTER",
                "RECLAIMED",
                "STALL",
                "DETAIL",
            ],
            &rows,
        )?;
        writeln!(
            out,
            "\nreclaimed {} in {:.1}s (members with less than {} reclaimable are skipped)",
            human_size(self.0.reclaimed_bytes),
            self.0.seconds,
            self.0.min_reclaim
        )
    }
}

impl Render for compact::Compacted {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.already_compacted {
            writeln!(
                out,
                "History was already compacted past revision {} (current {}): nothing to do.",
                self.revision, self.current_revision
            )?;
        } else {
            writeln!(
                out,
                "Compacted to revision {} (current {}) in {:.2}s.",
                self.revision, self.current_revision, self.seconds
            )?;
        }
        let rows: Vec<Vec<String>> = self
            .members
            .iter()
            .map(|m| vec![m.member.clone(), human_size(m.before), human_size(m.after)])
            .collect();
        write_table(out, &["MEMBER", "IN USE BEFORE", "IN USE AFTER"], &rows)?;
        writeln!(
            out,
            "Run `kforge etcd defrag` to give the freed space back to the file system."
        )
    }
}

fn alarm_rows(a: &[ops::Alarm]) -> Vec<Vec<String>> {
    a.iter()
        .map(|a| {
            vec![
                a.member.clone(),
                crate::etcd::ops::fmt_id(a.member_id),
                a.alarm.clone(),
            ]
        })
        .collect()
}

impl Render for alarms::Alarms {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.alarms.is_empty() {
            return writeln!(out, "No alarms.");
        }
        write_table(out, &["MEMBER", "ID", "ALARM"], &alarm_rows(&self.alarms))
    }
}

impl Render for alarms::Disarmed {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if self.disarmed.is_empty() {
            writeln!(out, "No alarms to disarm.")?;
        } else {
            writeln!(out, "Disarmed:")?;
            write_table(out, &["MEMBER", "ID", "ALARM"], &alarm_rows(&self.disarmed))?;
        }
        if !self.still_raised.is_empty() {
            writeln!(out, "Raised again:")?;
            write_table(
                out,
                &["MEMBER", "ID", "ALARM"],
                &alarm_rows(&self.still_raised),
            )?;
        }
        Ok(())
    }
}

impl Render for recover::Recovered {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let total = |v: &[recover::SizeAt]| v.iter().map(|s| s.db_size).sum::<u64>();
        writeln!(
            out,
            "alarms before: {}",
            if self.alarms_before.is_empty() {
                "none".to_string()
            } else {
                self.alarms_before
                    .iter()
                    .map(|a| format!("{} on {}", a.alarm, a.member))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        )?;
        match &self.snapshot {
            Some(s) => writeln!(
                out,
                "1. snapshot: {} ({}, revision {})",
                s.file.display(),
                human_size(s.size),
                s.revision
            )?,
            None => writeln!(out, "1. snapshot: skipped (--no-snapshot)")?,
        }
        writeln!(
            out,
            "2. compact: to revision {}; freed {} in use",
            self.compact.revision,
            human_size(self.compact.freed_in_use_bytes)
        )?;
        writeln!(out, "3. defrag:")?;
        for m in &self.defrag.members {
            if m.outcome == defrag::Outcome::Skipped {
                writeln!(
                    out,
                    "   {}: skipped ({})",
                    m.name,
                    m.reason.clone().unwrap_or_default()
                )?;
                continue;
            }
            writeln!(
                out,
                "   {}: {} -> {} (reclaimed {}, stall {:.2}s)",
                m.name,
                human_size(m.db_size_before),
                m.db_size_after.map_or("-".into(), human_size),
                human_size(m.reclaimed_bytes),
                m.defrag_seconds
            )?;
        }
        writeln!(
            out,
            "4. disarm: {}",
            if self.disarmed.is_empty() {
                "no NOSPACE alarm".to_string()
            } else {
                self.disarmed
                    .iter()
                    .map(|a| format!("NOSPACE on {}", a.member))
                    .collect::<Vec<_>>()
                    .join(", ")
            }
        )?;
        writeln!(
            out,
            "5. write check: {}",
            if self.write_check.ok {
                "ok".to_string()
            } else {
                format!(
                    "FAILED: {}",
                    self.write_check.error.clone().unwrap_or_default()
                )
            }
        )?;
        writeln!(
            out,
            "\nDB size over all members: {} -> {} (quota {} each); {}",
            human_size(total(&self.before)),
            human_size(total(&self.after)),
            human_size(self.quota),
            if self.recovered {
                "recovered: writable, no alarms"
            } else {
                "NOT recovered"
            }
        )
    }
}
