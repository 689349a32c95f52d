//! `kforge snapshot save | status | list | prune`.

use super::etcd_args::EtcdConnArgs;
use super::GlobalArgs;
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
}

#[derive(Debug, Args)]
pub struct RetentionArgs {
    /// Keep the newest N snapshots.
    #[arg(long, value_name = "N")]
    pub keep: Option<usize>,
    /// Keep every snapshot taken within DURATION (e.g. 7d, 36h).
    #[arg(long, value_name = "DURATION", value_parser = crate::spec::load::parse_duration)]
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
#[command(after_help = "Cron mode: kforge snapshot save --dir /var/backups/etcd --keep 48 --metrics-file /var/lib/node_exporter/kforge.prom")]
pub struct SaveArgs {
    /// Snapshot file to write (refuses to replace an existing one without --force).
    #[arg(value_name = "FILE", conflicts_with = "dir", required_unless_present = "dir")]
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
            save::Target::File { path: f.clone(), force: a.force }
        }
        (None, Some(d)) => {
            if a.name.is_empty() || a.name.contains('/') {
                return Err(usage("--name must be a non-empty file name prefix"));
            }
            save::Target::Dir { dir: d.clone(), prefix: a.name.clone() }
        }
        _ => return Err(usage("give a FILE or --dir")),
    };
    let ep = a.conn.resolve(g.root.as_deref());
    let attempt = OffsetDateTime::now_utc();
    let started = std::time::Instant::now();
    let bar = p.progress_enabled().then(|| {
        let pb = indicatif::ProgressBar::new(0);
        pb.set_style(
            indicatif::ProgressStyle::with_template("{spinner} saving snapshot {bytes}/{total_bytes} {bytes_per_sec} {eta}")
                .expect("template"),
        );
        pb
    });
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    let result = rt.block_on(save::save(&ep, &target, bar.as_ref())).and_then(|mut saved| {
        if let save::Target::Dir { dir, prefix } = &target {
            let protect = saved.file.file_name().map(|n| n.to_string_lossy().into_owned());
            saved.deleted = apply_retention(dir, prefix, a.retention.policy(), protect.as_deref(), false)?
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
        let locked = result.as_ref().err().is_some_and(|e| ExitStatus::for_error(e) == ExitStatus::Locked);
        if !locked {
            metrics::write(m, &run).with_context(|| format!("writing metrics file {}", m.display()))?;
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
    let status = snapshot_file::status(&a.file)?;
    let has_trailer = status.has_trailer;
    let trailer_valid = if a.verify && has_trailer {
        Some(matches!(snapshot_file::verify_trailer(&a.file)?, snapshot_file::TrailerState::Valid))
    } else {
        None
    };
    let out = StatusOut { status, has_trailer, trailer_valid };
    p.emit(&out)?;
    if out.trailer_valid == Some(false) {
        return Err(anyhow::anyhow!("{}: sha256 trailer does not match the content", a.file.display()));
    }
    Ok(ExitStatus::Success)
}

/// Whether a snapshot file is whole: valid trailer and a database that opens.
fn verify(path: &Path) -> std::result::Result<i64, String> {
    match snapshot_file::verify_trailer(path) {
        Ok(snapshot_file::TrailerState::Valid) => {}
        Ok(snapshot_file::TrailerState::Absent) => return Err("no sha256 trailer".into()),
        Ok(snapshot_file::TrailerState::Mismatch { .. }) => return Err("sha256 trailer mismatch".into()),
        Err(e) => return Err(format!("{e:#}")),
    }
    snapshot_file::status(path).map(|s| s.revision).map_err(|e| format!("{:#}", anyhow::Error::new(e)))
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
        write_table(out, &["NAME", "TAKEN (UTC)", "REVISION", "SIZE", "VERIFIED"], &rows)
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
        let verb = if self.dry_run { "Would delete" } else { "Deleted" };
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
