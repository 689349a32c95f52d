//! `kforge snapshot save | status | list | prune | restore`.

use super::etcd_args::EtcdConnArgs;
use super::GlobalArgs;
use crate::etcd::restore;
use crate::etcd::{metrics, naming, save, snapshot_file};
use crate::exit::{usage, ExitStatus};
use crate::output::{write_table, Printer, Render};
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

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
    /// Keep the newest N snapshots.
    #[arg(long, value_name = "N", value_parser = crate::values::CountRange::new(0, 1_000_000))]
    pub keep: Option<usize>,
    /// Keep every snapshot taken within DURATION (e.g. 7d, 36h).
    #[arg(long, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::days(36500)))]
    pub keep_within: Option<time::Duration>,
}

impl RetentionArgs {
    fn policy(&self) -> naming::Retention {
        naming::Retention {
            keep: self.keep,
            keep_within: self.keep_within,
        }
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
    /// Also check the sha256 trailer (reads the whole file once more).
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
            "Saved {} ({} bytes, revision {}, hash {}, {} keys) from {} in {:.2}s",
            self.file.display(),
            self.size,
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
            if a.retention.policy().is_set() {
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
    let ep = a.conn.resolve(g.root.as_deref());
    let attempt = OffsetDateTime::now_utc();
    let started = std::time::Instant::now();
    let bar = p.progress_bytes("saving snapshot");
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    let result = rt
        .block_on(save::save(&ep, &target, bar.as_ref()))
        .and_then(|mut saved| {
            if let save::Target::Dir { dir, prefix } = &target {
                let protect = saved
                    .file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned());
                saved.deleted =
                    apply_retention(dir, prefix, a.retention.policy(), protect.as_deref(), false)?
                        .into_iter()
                        .map(|n| dir.join(n))
                        .collect();
            }
            Ok(saved)
        });
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    if let Some(m) = &a.metrics_file {
        let run = metrics::RunMetrics {
            attempt_unix: attempt.unix_timestamp_nanos() as f64 / 1e9,
            success: result.is_ok(),
            size_bytes: result.as_ref().ok().map(|s| s.size),
            duration_seconds: started.elapsed().as_secs_f64(),
            revision: result.as_ref().ok().map(|s| s.revision),
        };
        // A lock held by another run is not a failed backup.
        let locked = result
            .as_ref()
            .err()
            .is_some_and(|e| ExitStatus::for_error(e) == ExitStatus::Locked);
        if !locked {
            metrics::write(m, &run)
                .with_context(|| format!("writing metrics file {}", m.display()))?;
        }
    }
    let saved = result?;
    p.emit(&saved)?;
    Ok(ExitStatus::Success)
}

/// Deletes (or, for a dry run, lists) what the policy does not keep.
/// Returns the names deleted.
fn apply_retention(
    dir: &Path,
    prefix: &str,
    policy: naming::Retention,
    protect: Option<&str>,
    dry_run: bool,
) -> Result<Vec<String>> {
    let snaps = scan(dir, prefix)?;
    let (_, delete) = policy.plan(&snaps, OffsetDateTime::now_utc(), protect);
    let mut deleted = Vec::new();
    for s in delete {
        if !dry_run {
            let path = dir.join(&s.file_name);
            std::fs::remove_file(&path).with_context(|| format!("deleting {}", path.display()))?;
        }
        deleted.push(s.file_name.clone());
    }
    if !dry_run && !deleted.is_empty() {
        crate::node::fsync_dir(dir)?;
    }
    Ok(deleted)
}

/// Snapshot files kforge named in `dir`.
fn scan(dir: &Path, prefix: &str) -> Result<Vec<naming::SnapshotName>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        if let Some(n) = naming::parse(prefix, &entry.file_name().to_string_lossy()) {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                out.push(n);
            }
        }
    }
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.revision.cmp(&a.revision)));
    Ok(out)
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
            (true, None) => "present (not checked; --verify)".to_string(),
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
    let status = if a.verify {
        snapshot_file::status(&a.file)?
    } else {
        snapshot_file::status_unverified(&a.file)?
    };
    let has_trailer = status.has_trailer;
    let trailer_valid = status.trailer_valid;
    let out = StatusOut {
        status,
        has_trailer,
        trailer_valid,
    };
    p.emit(&out)?;
    if out.trailer_valid == Some(false) {
        p.error(format!(
            "{}: sha256 trailer does not match the content",
            a.file.display()
        ));
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

/// Whether a snapshot file is whole: valid trailer and a database that opens.
fn verify(path: &Path) -> std::result::Result<i64, String> {
    let st = snapshot_file::status(path).map_err(|e| format!("{:#}", anyhow::Error::new(e)))?;
    match (st.has_trailer, st.trailer_valid) {
        (true, Some(true)) => Ok(st.revision),
        (false, _) => Err("no sha256 trailer".into()),
        _ => Err("sha256 trailer mismatch".into()),
    }
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ListEntry {
    name: String,
    taken: String,
    revision: i64,
    size: u64,
    /// `None` with --no-verify.
    verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    problem: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(transparent)]
struct ListOut(Vec<ListEntry>);

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
    let mut entries = Vec::new();
    for s in scan(&a.dir, &a.name)? {
        let path = a.dir.join(&s.file_name);
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let (verified, problem) = if a.no_verify {
            (None, None)
        } else {
            match verify(&path) {
                Ok(_) => (Some(true), None),
                Err(e) => (Some(false), Some(e)),
            }
        };
        entries.push(ListEntry {
            name: s.file_name.clone(),
            taken: s
                .taken
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            revision: s.revision,
            size,
            verified,
            problem,
        });
    }
    p.emit(&ListOut(entries))?;
    Ok(ExitStatus::Success)
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct PruneOut {
    dry_run: bool,
    kept_newest_verified: Option<String>,
    deleted: Vec<String>,
}

impl Render for PruneOut {
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
    let policy = a.retention.policy();
    if !policy.is_set() {
        return Err(usage("give --keep N and/or --keep-within DURATION"));
    }
    let _lock = save::lock_dir(&a.dir)?;
    // The newest snapshot that verifies is never deleted, whatever the policy.
    let protect = scan(&a.dir, &a.name)?
        .into_iter()
        .find(|s| verify(&a.dir.join(&s.file_name)).is_ok())
        .map(|s| s.file_name);
    let deleted = apply_retention(&a.dir, &a.name, policy, protect.as_deref(), a.dry_run)?;
    p.emit(&PruneOut {
        dry_run: a.dry_run,
        kept_newest_verified: protect,
        deleted,
    })?;
    Ok(ExitStatus::Success)
}

fn human_size(n: u64) -> String {
    const UNITS: [&str; 5] = ["B", "kB", "MB", "GB", "TB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1000.0 && u < UNITS.len() - 1 {
        v /= 1000.0;
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

impl Render for restore::Restored {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let sha = match self.sha256 {
            restore::HashCheck::Verified => "sha256 verified",
            restore::HashCheck::Skipped => "sha256 not checked (--skip-hash-check)",
            restore::HashCheck::NoTrailer => "no sha256 trailer (--skip-hash-check)",
        };
        writeln!(
            out,
            "Restored {} into {} in {:.2}s ({}, revision {}, {})",
            self.snapshot.display(),
            self.data_dir.display(),
            self.duration_seconds,
            human_size(self.size),
            self.revision,
            sha
        )?;
        if let Some(to) = self.bumped_revision {
            let default = self.kubernetes.as_ref().is_some_and(|k| k.default_bump);
            writeln!(
                out,
                "Revision bumped by {} to {to} and marked compacted{}",
                to - self.revision,
                if default {
                    " (the Kubernetes-aware default: watchers relist instead of seeing the revision go back; --bump-revision 0 skips it)"
                } else {
                    ""
                }
            )?;
        }
        if self.wal_dir != self.data_dir.join("member").join("wal") {
            writeln!(
                out,
                "WAL in {} (start etcd with --wal-dir)",
                self.wal_dir.display()
            )?;
        }
        writeln!(
            out,
            "Member {} ({}) of cluster {}, token {}:",
            self.name, self.member_id, self.cluster_id, self.initial_cluster_token
        )?;
        let rows: Vec<Vec<String>> = self
            .members
            .iter()
            .map(|m| vec![m.name.clone(), m.id.clone(), m.peer_urls.join(",")])
            .collect();
        write_table(out, &["NAME", "ID", "PEER URLS"], &rows)?;
        for s in &self.removed_stale {
            writeln!(
                out,
                "Removed {} (left by an interrupted restore)",
                s.display()
            )?;
        }
        if let Some(k) = &self.kubernetes {
            if let Some(b) = &k.manifest_backup {
                writeln!(
                    out,
                    "Applied: {} now uses {}; the original manifest is in {}",
                    k.manifest.display(),
                    self.data_dir.display(),
                    b.display()
                )?;
            }
            writeln!(out, "Next steps:")?;
            for (i, s) in k.next_steps.iter().enumerate() {
                writeln!(out, "  {}. {s}", i + 1)?;
            }
        }
        Ok(())
    }
}

fn restore_cmd(g: &GlobalArgs, p: &Printer, a: RestoreArgs) -> Result<ExitStatus> {
    use crate::node::Node;
    let kubernetes = a.data_dir.is_none();
    if kubernetes {
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
    } else if a.apply {
        return Err(usage(
            "--apply is for the Kubernetes-aware mode (without --data-dir)",
        ));
    }
    let (bump, default_bump) = match (a.bump_revision, a.mark_compacted) {
        (None, false) if kubernetes => (Some(restore::KUBERNETES_BUMP), true),
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
    let node = crate::node::LocalNode::new(g.root.clone());
    let (cluster_flags, target, data_dir) = match &a.data_dir {
        None => {
            let t = restore::kube_target(&node, OffsetDateTime::now_utc()).context(
                "without --data-dir, restore works from etcd's static pod manifest (a kubeadm node)",
            )?;
            let data_dir = node.real_path(&t.new_data_dir);
            (t.flags.clone(), Some(t), data_dir)
        }
        Some(d) => {
            let name = a
                .name
                .clone()
                .unwrap_or_else(|| restore::DEFAULT_NAME.into());
            let flags = restore::ClusterFlags {
                name,
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
            (flags, None, d.clone())
        }
    };
    let cluster = restore::resolve_cluster(&cluster_flags).map_err(|e| match &target {
        Some(t) => anyhow::anyhow!("{}: {e}", node.real_path(&t.manifest).display()),
        None => usage(e),
    })?;
    let opts = restore::Options {
        snapshot: a.file.clone(),
        data_dir,
        wal_dir: a.wal_dir.clone(),
        cluster,
        skip_hash_check: a.skip_hash_check,
        bump_revision: bump,
    };
    let bar = p.progress_bytes("restoring");
    let result = restore::restore(&opts, bar.as_ref());
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let mut restored = result?;
    if let Some(t) = &target {
        let backup = if a.apply {
            p.status(format!(
                "Stopping etcd: moving {} to {}, then waiting up to {}s for etcd to stop",
                node.real_path(&t.manifest).display(),
                node.real_path(&t.manifest_backup()).display(),
                stop_timeout.as_secs()
            ));
            let b = restore::apply_manifest(&node, t, stop_timeout).with_context(|| {
                format!(
                    "the snapshot was restored into {}, but pointing etcd at it failed",
                    restored.data_dir.display()
                )
            })?;
            Some(b)
        } else {
            None
        };
        restored.kubernetes = Some(restore::KubernetesOut {
            manifest: node.real_path(&t.manifest),
            old_data_dir: node.real_path(&t.old_data_dir),
            default_bump,
            applied: a.apply,
            manifest_backup: backup,
            next_steps: restore::next_steps(&node, t, a.apply),
        });
    }
    p.emit(&restored)?;
    Ok(ExitStatus::Success)
}
