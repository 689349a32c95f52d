//! `kforge snapshot save | status | list | prune | restore`.

use super::etcd_args::EtcdConnArgs;
use super::GlobalArgs;
use crate::etcd::restore;
use crate::etcd::{naming, retention, save, snapshot_file};
use crate::exit::{usage, ExitStatus};
use crate::output::{write_table, Printer, Render};
use crate::restore_apply;
use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum SnapshotCommand {
    /// Save a verified etcd snapshot (atomically; safe to run from cron).
    Save(SaveArgs),
    /// Show a snapshot's hash, revision, key count and size (same values as etcdutl).
    Status(StatusArgs),
    /// List the snapshots kforge saved in a directory.
    List(ListArgs),
    /// Delete old snapshots in a directory by a retention policy.
    Prune(PruneArgs),
    /// Restore a snapshot into a new data directory (as etcdutl), or, on a kubeadm node, next to etcd's.
    Restore(RestoreArgs),
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Keep the newest N snapshots (N >= 1: 0 would keep none by count).
    #[arg(long, value_name = "N", value_parser = crate::values::CountRange::new(1, 1_000_000))]
    pub keep: Option<usize>,
    /// Keep every snapshot taken within DURATION (more than 0, e.g. 7d, 36h).
    #[arg(long, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::MILLISECOND, time::Duration::days(36500)))]
    pub keep_within: Option<time::Duration>,
}

impl RetentionArgs {
    /// The policy (each value's range was checked while parsing: exit 2).
    fn policy(&self) -> Result<naming::Retention> {
        Ok(naming::Retention {
            keep: self.keep,
            keep_within: self.keep_within,
        })
    }
}

#[derive(Debug, Args)]
pub struct SaveArgs {
    /// Snapshot file to write (refuses to replace an existing one without --force).
    #[arg(
        value_name = "FILE",
        conflicts_with = "dir",
        required_unless_present = "dir"
    )]
    pub file: Option<PathBuf>,
    /// Cron mode: write DIR/PREFIX-<UTC time>-rev<revision>.db, lock DIR, apply retention.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// File name prefix in --dir mode.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// Replace FILE if it exists.
    #[arg(long)]
    pub force: bool,
    /// Write Prometheus textfile-collector metrics here (atomically), on success and failure.
    #[arg(long, value_name = "PATH")]
    pub metrics_file: Option<PathBuf>,
    #[command(flatten)]
    pub conn: EtcdConnArgs,
}

#[derive(Debug, Args)]
pub struct StatusArgs {
    /// Snapshot file (a `snapshot save` file or a raw member/snap/db).
    pub file: PathBuf,
    /// Do not check the sha256 trailer (faster; also reads a raw member/snap/db, which has none).
    #[arg(long, conflicts_with = "verify")]
    pub no_verify: bool,
    /// Check the sha256 trailer (the default; kept for scripts that pass it).
    #[arg(long)]
    pub verify: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Directory kforge saves snapshots in.
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// File name prefix.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    /// Do not check each file's trailer and structure (faster).
    #[arg(long)]
    pub no_verify: bool,
}

#[derive(Debug, Args)]
pub struct PruneArgs {
    /// Directory kforge saves snapshots in.
    #[arg(long, value_name = "DIR")]
    pub dir: PathBuf,
    /// File name prefix.
    #[arg(long, default_value = "etcd", value_name = "PREFIX")]
    pub name: String,
    #[command(flatten)]
    pub retention: RetentionArgs,
    /// Show what would be deleted; delete nothing.
    #[arg(long)]
    pub dry_run: bool,
}

pub fn run(g: &GlobalArgs, p: &Printer, c: SnapshotCommand) -> Result<ExitStatus> {
    match c {
        SnapshotCommand::Save(a) => save_cmd(g, p, a),
        SnapshotCommand::Status(a) => status_cmd(p, a),
        SnapshotCommand::List(a) => list_cmd(p, a),
        SnapshotCommand::Prune(a) => prune_cmd(p, a),
        SnapshotCommand::Restore(a) => restore_cmd(g, p, a),
    }
}

impl Render for save::Saved {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(
            out,
            "Saved {} ({}, revision {}, hash {:x}, {} keys) from {} in {:.2}s",
            self.file.display(),
            human_size(self.size),
            self.revision,
            self.hash,
            self.total_key,
            self.endpoint,
            self.duration_seconds
        )?;
        for d in &self.deleted {
            writeln!(out, "Deleted {} (retention)", d.display())?;
        }
        Ok(())
    }
}

fn save_cmd(g: &GlobalArgs, p: &Printer, a: SaveArgs) -> Result<ExitStatus> {
    let target = match (&a.file, &a.dir) {
        (Some(f), None) => {
            if a.retention.policy()?.is_set() {
                return Err(usage("--keep and --keep-within apply to --dir mode only"));
            }
            save::Target::File {
                path: f.clone(),
                force: a.force,
            }
        }
        (None, Some(d)) => {
            if a.name.is_empty() || a.name.contains('/') {
                return Err(usage("--name must be a non-empty file name prefix"));
            }
            save::Target::Dir {
                dir: d.clone(),
                prefix: a.name.clone(),
            }
        }
        _ => return Err(usage("give a FILE or --dir")),
    };
    let policy = a.retention.policy()?;
    let ep = a.conn.resolve(g.root.as_deref());
    let bar = p.progress_bytes("saving snapshot");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = rt.block_on(save::run(
        &ep,
        &target,
        policy,
        a.metrics_file.as_deref(),
        bar.as_ref(),
    ));
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    p.emit(&result?)?;
    Ok(ExitStatus::Success)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct StatusOut {
    #[serde(flatten)]
    status: snapshot_file::SnapshotStatus,
    has_trailer: bool,
    trailer_valid: Option<bool>,
}

impl Render for StatusOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let trailer = match (self.has_trailer, self.trailer_valid) {
            (false, _) => "absent".to_string(),
            (true, Some(true)) => "valid".to_string(),
            (true, Some(false)) => "MISMATCH".to_string(),
            (true, None) => "present (not checked: --no-verify)".to_string(),
        };
        let mut header = vec!["HASH", "REVISION", "TOTAL KEYS", "TOTAL SIZE"];
        let mut row = vec![
            format!("{:x}", self.status.hash),
            self.status.revision.to_string(),
            self.status.total_key.to_string(),
            human_size(self.status.total_size),
        ];
        if let Some(v) = &self.status.version {
            header.push("VERSION");
            row.push(v.clone());
        }
        header.push("SHA256 TRAILER");
        row.push(trailer);
        write_table(out, &header, &[row])
    }
}

fn status_cmd(p: &Printer, a: StatusArgs) -> Result<ExitStatus> {
    let status = if a.no_verify {
        snapshot_file::status_unverified(&a.file)?
    } else {
        let (st, trailer) = snapshot_file::status_and_trailer(&a.file)?;
        if trailer == snapshot_file::TrailerState::Absent {
            return Err(anyhow::anyhow!(
                "snapshot {} has no sha256 trailer, so it cannot be verified (a copy of member/snap/db?); pass --no-verify to read it anyway",
                a.file.display()
            ));
        }
        // A mismatch names the stored and the computed hash.
        trailer.ensure_valid(&a.file)?;
        st
    };
    let has_trailer = status.has_trailer;
    let trailer_valid = status.trailer_valid;
    p.emit(&StatusOut {
        status,
        has_trailer,
        trailer_valid,
    })?;
    Ok(ExitStatus::Success)
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct ListOut(Vec<retention::Listed>);

impl Render for ListOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .0
            .iter()
            .map(|e| {
                vec![
                    e.name.clone(),
                    e.taken.clone(),
                    e.revision.to_string(),
                    human_size(e.size),
                    match (&e.verified, &e.problem) {
                        (None, _) => "-".into(),
                        (Some(true), _) => "yes".into(),
                        (Some(false), Some(p)) => format!("NO: {p}"),
                        (Some(false), None) => "NO".into(),
                    },
                ]
            })
            .collect();
        write_table(
            out,
            &["NAME", "TAKEN (UTC)", "REVISION", "SIZE", "VERIFIED"],
            &rows,
        )
    }
}

fn list_cmd(p: &Printer, a: ListArgs) -> Result<ExitStatus> {
    p.emit(&ListOut(retention::list(&a.dir, &a.name, !a.no_verify)?))?;
    Ok(ExitStatus::Success)
}

impl Render for retention::Pruned {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let verb = if self.dry_run {
            "Would delete"
        } else {
            "Deleted"
        };
        for d in &self.deleted {
            writeln!(out, "{verb} {d}")?;
        }
        if self.deleted.is_empty() {
            writeln!(out, "Nothing to delete.")?;
        }
        if let Some(k) = &self.kept_newest_verified {
            writeln!(out, "Newest verified snapshot (always kept): {k}")?;
        }
        Ok(())
    }
}

fn prune_cmd(p: &Printer, a: PruneArgs) -> Result<ExitStatus> {
    let policy = a.retention.policy()?;
    if !policy.is_set() {
        return Err(usage("give --keep N and/or --keep-within DURATION"));
    }
    p.emit(&retention::prune(&a.dir, &a.name, policy, a.dry_run)?)?;
    Ok(ExitStatus::Success)
}

/// The one size style of snapshot output: binary units with one decimal
/// ("512 B", "53.2 KiB", "298.3 MiB"), as kubectl and etcd users read them.
/// JSON and YAML carry exact byte counts instead.
pub(crate) fn human_size(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[derive(Debug, Args)]
#[command(after_help = "\
Without --data-dir and the cluster flags, restore reads the member's name, peer URL, data directory and \
cluster token from etcd's static pod manifest (under --root), restores into a new directory next to the \
old one (which is kept) with --bump-revision 1000000000 --mark-compacted, and prints the next steps.")]
pub struct RestoreArgs {
    /// Snapshot file (from `snapshot save`, etcdctl or etcdutl; a raw member/snap/db needs --skip-hash-check).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Data directory to create (it must not exist, or be empty).
    #[arg(long, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// WAL directory, outside the data directory [default: DATA_DIR/member/wal].
    #[arg(long, value_name = "DIR")]
    pub wal_dir: Option<PathBuf>,
    /// Human-readable name of this member [default: default].
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// The members of the new cluster [default: NAME=<initial-advertise-peer-urls>].
    #[arg(long, value_name = "NAME=URL,...")]
    pub initial_cluster: Option<String>,
    /// Cluster token: the same on every member [default: etcd-cluster].
    #[arg(long, value_name = "TOKEN")]
    pub initial_cluster_token: Option<String>,
    /// This member's peer URLs, comma-separated [default: http://localhost:2380].
    #[arg(long, value_name = "URLS")]
    pub initial_advertise_peer_urls: Option<String>,
    /// Do not check the sha256 trailer (needed for a copy of member/snap/db, which has none).
    #[arg(long)]
    pub skip_hash_check: bool,
    /// Add N to the latest revision, so clients never see the revision go back (needs --mark-compacted).
    #[arg(long, value_name = "N")]
    pub bump_revision: Option<u64>,
    /// Mark the bumped revision compacted, so watchers relist (needs --bump-revision).
    #[arg(long)]
    pub mark_compacted: bool,
    /// Kubernetes-aware mode: also stop etcd (manifest moved out), point its manifest at the restored data, start it.
    #[arg(long)]
    pub apply: bool,
    /// With --apply: how long to wait for the kubelet to stop etcd.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::HOUR))]
    pub stop_timeout: time::Duration,
}

/// The report of a restore: the etcd part, and what the Kubernetes-aware
/// mode adds.
#[derive(Debug, Serialize)]
struct RestoreOut {
    #[serde(flatten)]
    restored: restore::Restored,
    #[serde(skip_serializing_if = "Option::is_none")]
    kubernetes: Option<restore_apply::KubernetesOut>,
}

impl Render for RestoreOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        render_restored(&self.restored, self.kubernetes.as_ref(), out)?;
        if let Some(k) = &self.kubernetes {
            render_kubernetes(&self.restored, k, out)?;
        }
        Ok(())
    }
}

fn render_restored(
    r: &restore::Restored,
    k: Option<&restore_apply::KubernetesOut>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let sha = match r.sha256 {
        restore::HashCheck::Verified => "sha256 verified",
        restore::HashCheck::Skipped => "sha256 not checked (--skip-hash-check)",
        restore::HashCheck::NoTrailer => "no sha256 trailer (--skip-hash-check)",
    };
    writeln!(
        out,
        "Restored {} into {} in {:.2}s ({}, revision {}, {})",
        r.snapshot.display(),
        r.data_dir.display(),
        r.duration_seconds,
        human_size(r.size),
        r.revision,
        sha
    )?;
    if let Some(to) = r.bumped_revision {
        let default = k.is_some_and(|k| k.default_bump);
        writeln!(
            out,
            "Revision bumped by {} to {to} and marked compacted{}",
            to - r.revision,
            if default {
                " (the Kubernetes-aware default: watchers relist instead of seeing the revision go back; --bump-revision 0 skips it)"
            } else {
                ""
            }
        )?;
    }
    if r.wal_dir != r.data_dir.join("member").join("wal") {
        writeln!(
            out,
            "WAL in {} (start etcd with --wal-dir)",
            r.wal_dir.display()
        )?;
    }
    writeln!(
        out,
        "Member {} ({}) of cluster {}, token {}:",
        r.name, r.member_id, r.cluster_id, r.initial_cluster_token
    )?;
    let rows: Vec<Vec<String>> = r
        .members
        .iter()
        .map(|m| vec![m.name.clone(), m.id.clone(), m.peer_urls.join(",")])
        .collect();
    write_table(out, &["NAME", "ID", "PEER URLS"], &rows)?;
    for s in &r.removed_stale {
        writeln!(
            out,
            "Removed {} (left by an interrupted restore)",
            s.display()
        )?;
    }
    Ok(())
}

fn render_kubernetes(
    r: &restore::Restored,
    k: &restore_apply::KubernetesOut,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    if let Some(b) = &k.manifest_backup {
        writeln!(
            out,
            "Applied: {} now uses {}; the original manifest is in {}",
            k.manifest.display(),
            r.data_dir.display(),
            b.display()
        )?;
    }
    if let Some(j) = &k.settled_journal {
        let what = match j.resolution {
            restore_apply::journal::Resolution::Undone => "undone (original manifest put back)",
            restore_apply::journal::Resolution::AlreadyUndone => "closed (manifest was in place)",
            restore_apply::journal::Resolution::Finished => "finished (new manifest was in place)",
        };
        writeln!(out, "Earlier interrupted --apply {what}: {}", j.found)?;
    }
    for c in &k.restore_copies {
        use restore_apply::copies::Action;
        let what = match c.action {
            Action::Live => "in use by etcd",
            Action::Previous => "kept (the data dir etcd used before)",
            Action::New => "new",
            Action::Deleted => "deleted (an older kforge restore copy)",
            Action::Kept => "kept (the next successful --apply deletes it)",
            Action::NotKforges => "left alone (not created by kforge)",
        };
        writeln!(out, "Restore copy {}: {what}", c.path.display())?;
    }
    writeln!(out, "Next steps:")?;
    for (i, s) in k.next_steps.iter().enumerate() {
        writeln!(out, "  {}. {s}", i + 1)?;
    }
    Ok(())
}

fn restore_cmd(g: &GlobalArgs, p: &Printer, a: RestoreArgs) -> Result<ExitStatus> {
    let kubernetes = a.data_dir.is_none();
    check_restore_mode(&a)?;
    let (bump, default_bump) = match (a.bump_revision, a.mark_compacted) {
        (None, false) if kubernetes => (Some(restore_apply::KUBERNETES_BUMP), true),
        (None | Some(0), false) => (None, false),
        (Some(n), true) if n > 0 => (Some(n), false),
        _ => {
            return Err(usage(
                "--bump-revision N (N > 0) and --mark-compacted go together",
            ))
        }
    };
    let stop_timeout = std::time::Duration::try_from(a.stop_timeout)
        .map_err(|_| usage("--stop-timeout must not be negative"))?;
    let bar = p.progress_bytes("restoring");
    let result = match &a.data_dir {
        None => {
            let node = crate::node::LocalNode::new(g.root.clone());
            let req = restore_apply::Request {
                snapshot: a.file.clone(),
                skip_hash_check: a.skip_hash_check,
                bump_revision: bump,
                default_bump,
                apply: a.apply,
                stop_timeout,
            };
            restore_apply::run(&node, &req, p, bar.as_ref()).map(|(r, k)| RestoreOut {
                restored: r,
                kubernetes: Some(k),
            })
        }
        Some(d) => plain_restore(&a, d, bump, bar.as_ref()).map(|r| RestoreOut {
            restored: r,
            kubernetes: None,
        }),
    };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    p.emit(&result?)?;
    Ok(ExitStatus::Success)
}

/// Cluster flags need `--data-dir`; `--apply` needs its absence.
fn check_restore_mode(a: &RestoreArgs) -> Result<()> {
    if a.data_dir.is_some() {
        if a.apply {
            return Err(usage(
                "--apply is for the Kubernetes-aware mode (without --data-dir)",
            ));
        }
        return Ok(());
    }
    let given: Vec<&str> = [
        ("--name", a.name.is_some()),
        ("--initial-cluster", a.initial_cluster.is_some()),
        ("--initial-cluster-token", a.initial_cluster_token.is_some()),
        (
            "--initial-advertise-peer-urls",
            a.initial_advertise_peer_urls.is_some(),
        ),
        ("--wal-dir", a.wal_dir.is_some()),
    ]
    .into_iter()
    .filter_map(|(flag, set)| set.then_some(flag))
    .collect();
    if !given.is_empty() {
        return Err(usage(format!(
            "{} need --data-dir (without it, restore reads the member from etcd's static pod manifest)",
            given.join(", ")
        )));
    }
    Ok(())
}

/// etcdutl's restore: everything from the flags.
fn plain_restore(
    a: &RestoreArgs,
    data_dir: &std::path::Path,
    bump: Option<u64>,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<restore::Restored> {
    let flags = restore::ClusterFlags {
        name: a
            .name
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_NAME.into()),
        initial_cluster: a.initial_cluster.clone(),
        token: a
            .initial_cluster_token
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_TOKEN.into()),
        advertise_peer_urls: a
            .initial_advertise_peer_urls
            .clone()
            .unwrap_or_else(|| restore::DEFAULT_PEER_URLS.into()),
    };
    let cluster = restore::resolve_cluster(&flags).map_err(usage)?;
    let opts = restore::Options {
        snapshot: a.file.clone(),
        data_dir: data_dir.to_path_buf(),
        wal_dir: a.wal_dir.clone(),
        cluster,
        skip_hash_check: a.skip_hash_check,
        bump_revision: bump,
    };
    restore::restore(&opts, progress)
}

#[cfg(test)]
mod tests {
    use super::human_size;

    #[test]
    fn sizes_use_binary_units_with_one_decimal() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(1023), "1023 B");
        assert_eq!(human_size(1024), "1.0 KiB");
        assert_eq!(human_size(54_477), "53.2 KiB");
        assert_eq!(human_size(312_800_000), "298.3 MiB");
        assert_eq!(human_size(3 << 30), "3.0 GiB");
    }
}
