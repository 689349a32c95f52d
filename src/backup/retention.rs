//! The snapshots kforge keeps in a directory (cron mode): finding them,
//! checking that each is whole, and deleting what a retention policy does
//! not keep. The newest snapshot that verifies is never deleted.

use super::naming::{self, Retention, SnapshotName};
use super::save;
use anyhow::Result;
use etcd_format::snapshot_file;
use serde::Serialize;
use std::path::Path;
use time::OffsetDateTime;

/// Snapshot files kforge named in `dir` with `prefix`, newest first:
/// `PREFIX-NODE-<time>-rev<N>.db` (the name its uploads share; any node:
/// the directory is the node's own, whatever `--node-name` said), and the
/// older `PREFIX-<time>-rev<N>.db`.
pub fn scan(dir: &Path, prefix: &str) -> Result<Vec<SnapshotName>> {
    let mut out = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let parsed = naming::parse_any(prefix, &name)
            .filter(|n| !n.encrypted)
            .map(|n| n.as_snapshot_name());
        if let Some(n) = parsed {
            if entry.file_type().map(|t| t.is_file()).unwrap_or(false) {
                out.push(n);
            }
        }
    }
    out.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.revision.cmp(&a.revision)));
    Ok(out)
}

/// Whether a snapshot file is whole: a valid trailer and a database that
/// opens. `Err` says why not.
pub fn verify(path: &Path) -> std::result::Result<i64, String> {
    let st = snapshot_file::status(path).map_err(|e| format!("{:#}", anyhow::Error::new(e)))?;
    match (st.has_trailer, st.trailer_valid) {
        (true, Some(true)) => Ok(st.revision),
        (false, _) => Err("no sha256 trailer".into()),
        _ => Err("sha256 trailer mismatch".into()),
    }
}

/// Deletes (or, for a dry run, only lists) what `policy` does not keep,
/// never `protect`. Returns the names deleted. Call with the directory's
/// lock held.
pub fn apply(
    dir: &Path,
    prefix: &str,
    policy: Retention,
    protect: Option<&str>,
    dry_run: bool,
) -> Result<Vec<String>> {
    let snaps = scan(dir, prefix)?;
    let (_, delete) = policy.plan(&snaps, OffsetDateTime::now_utc(), protect);
    let mut deleted = Vec::new();
    for s in delete {
        if !dry_run {
            let path = dir.join(&s.file_name);
            fs_err::remove_file(&path)?;
            // Its record and signature go with it (the snapshot first: a
            // record without its snapshot is inert).
            for side in [
                super::record::sig_name(&s.file_name),
                super::record::record_name(&s.file_name),
            ] {
                match fs_err::remove_file(dir.join(&side)) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e.into()),
                    _ => {}
                }
            }
        }
        deleted.push(s.file_name.clone());
    }
    if !dry_run && !deleted.is_empty() {
        crate::node::fsync_dir(dir)?;
    }
    Ok(deleted)
}

/// What `snapshot prune` did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pruned {
    pub dry_run: bool,
    pub kept_newest_verified: Option<String>,
    pub deleted: Vec<String>,
}

/// `snapshot prune`: under the directory's lock, applies `policy`, keeping
/// the newest snapshot that verifies whatever the policy says.
pub fn prune(dir: &Path, prefix: &str, policy: Retention, dry_run: bool) -> Result<Pruned> {
    let _lock = save::lock_dir(dir)?;
    let ahead = OffsetDateTime::now_utc() + naming::SKEW;
    let protect = scan(dir, prefix)?
        .into_iter()
        .filter(|s| s.taken <= ahead)
        .find(|s| verify(&dir.join(&s.file_name)).is_ok())
        .map(|s| s.file_name);
    let deleted = apply(dir, prefix, policy, protect.as_deref(), dry_run)?;
    Ok(Pruned {
        dry_run,
        kept_newest_verified: protect,
        deleted,
    })
}

/// One row of `snapshot list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    pub name: String,
    /// RFC 3339, UTC, milliseconds.
    pub taken: String,
    pub revision: i64,
    pub size_bytes: u64,
    /// `None` when not checked.
    pub verified: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// `snapshot list`: the snapshots in `dir`, newest first, each verified
/// when `check` is set. The directory must exist.
pub fn list(dir: &Path, prefix: &str, check: bool) -> Result<Vec<Listed>> {
    save::check_dir(dir)?;
    let mut entries = Vec::new();
    for s in scan(dir, prefix)? {
        let path = dir.join(&s.file_name);
        let size = fs_err::metadata(&path).map(|m| m.len()).unwrap_or(0);
        let (verified, problem) = if check {
            match verify(&path) {
                Ok(_) => (Some(true), None),
                Err(e) => (Some(false), Some(e)),
            }
        } else {
            (None, None)
        };
        entries.push(Listed {
            name: s.file_name.clone(),
            taken: crate::output::rfc3339_ms(s.taken),
            revision: s.revision,
            size_bytes: size,
            verified,
            problem,
        });
    }
    Ok(entries)
}
