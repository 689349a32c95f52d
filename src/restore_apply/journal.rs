//! The journal of an in-flight `snapshot restore --apply`.
//!
//! `--apply` stops etcd by moving its manifest aside, so a run that dies in
//! the middle (SIGKILL, power loss, a closed SSH session) would leave etcd
//! and the API server down with nobody knowing where the manifest went. So
//! before the manifest moves, the run writes (atomically, fsynced) one JSON
//! file, `restore-apply.json` in [`crate::paths::KFORGE_JOURNAL_DIR`], saying
//! where the manifest goes and which data dirs are involved; it updates the
//! step once the new manifest is in place, and removes the file once the
//! change is complete or undone.
//!
//! A file found there belongs to a run that did not finish (a live run
//! holds the lock on the directory). [`pending_restore`] reads it (for
//! `kforge health`, for a plain `snapshot restore` that finds the manifest
//! missing); [`resolve`] settles it, which the next `--apply` does first:
//! - step `manifest-moved-out` (etcd stopped or stopping, the new manifest
//!   not yet written): **undone**, the original manifest is put back, so
//!   etcd restarts on the data it had. The restored copy stays on disk and
//!   falls under the cleanup rule of [`super::copies`].
//! - step `new-manifest-in-place`: **finished**, the switch had completed;
//!   the journal is closed.

use crate::node::{fsync_dir, Node};
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// The operation's name: its journal is `restore-apply.json` in the journal
/// directory, in [`crate::rollout::journal`]'s format (this record is its
/// typed data).
pub const OPERATION: &str = "restore-apply";

/// The journal's node path.
pub fn journal_path() -> PathBuf {
    crate::rollout::journal::path(OPERATION)
}

/// How far the change got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Step {
    /// The original manifest is (being) moved aside; etcd is stopping.
    #[default]
    ManifestMovedOut,
    /// The manifest pointing at the restored copy is in place.
    NewManifestInPlace,
}

/// One in-flight change. Paths are node paths.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Journal {
    pub step: Step,
    /// The process that wrote it, and when it started the change (RFC 3339).
    pub pid: u32,
    pub started: String,
    pub manifest: PathBuf,
    /// Where the original manifest is kept while etcd is stopped.
    pub manifest_backup: PathBuf,
    /// The data dir etcd used before (kept).
    pub old_data_dir: PathBuf,
    /// The restored copy the new manifest points at.
    pub new_data_dir: PathBuf,
}

impl Journal {
    pub fn new(manifest: &Path, backup: &Path, old: &Path, new: &Path) -> Journal {
        Journal {
            step: Step::ManifestMovedOut,
            pid: std::process::id(),
            started: OffsetDateTime::now_utc()
                .format(&time::format_description::well_known::Rfc3339)
                .unwrap_or_default(),
            manifest: manifest.to_path_buf(),
            manifest_backup: backup.to_path_buf(),
            old_data_dir: old.to_path_buf(),
            new_data_dir: new.to_path_buf(),
        }
    }

    /// Writes the journal (atomically, fsynced, mode 0600).
    pub fn write(&self, node: &dyn Node) -> Result<()> {
        let record: crate::rollout::journal::Record<Journal> =
            crate::rollout::journal::Record::new(OPERATION, self.clone());
        let data = serde_json::to_vec_pretty(&record)?;
        node.write_atomic(&journal_path(), &data, 0o600)
    }

    /// Removes the journal: the change is complete or undone.
    pub fn close(node: &dyn Node) -> Result<()> {
        let real = node.real_path(&journal_path());
        match fs_err::remove_file(&real) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(e) => return Err(e.into()),
        }
        Ok(fsync_dir(real.parent().unwrap_or(Path::new("/")))?)
    }
}

/// A journal left by a run that did not finish, and what is on disk now.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PendingRestore {
    pub journal: Journal,
    /// Real path of the journal file.
    pub journal_file: PathBuf,
    pub manifest_present: bool,
    pub backup_present: bool,
}

impl PendingRestore {
    /// One line for the operator: what was left, and where the manifest is.
    pub fn describe(&self, node: &dyn Node) -> String {
        let j = &self.journal;
        let manifest = node.real_path(&j.manifest);
        let backup = node.real_path(&j.manifest_backup);
        let where_ = match (self.manifest_present, self.backup_present) {
            (false, true) => format!(
                "etcd's manifest is not in place: it was moved to {}",
                backup.display()
            ),
            (true, _) => format!("etcd's manifest {} is in place", manifest.display()),
            (false, false) => format!(
                "etcd's manifest is neither in {} nor in {}",
                manifest.display(),
                backup.display()
            ),
        };
        format!(
            "an interrupted `kforge snapshot restore --apply` (pid {}, started {}, step {}) left the journal {}; {where_}",
            j.pid,
            j.started,
            serde_json::to_value(j.step).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default(),
            self.journal_file.display()
        )
    }
}

/// The journal of an unfinished `--apply` on this node, if there is one.
/// (`kforge health` can report it.)
pub fn pending_restore(node: &dyn Node) -> Result<Option<PendingRestore>> {
    let journal_file = node.real_path(&journal_path());
    let Some(record) = crate::rollout::journal::load::<Journal, ()>(node, OPERATION)? else {
        return Ok(None);
    };
    let journal = record.data;
    Ok(Some(PendingRestore {
        manifest_present: node.exists(&journal.manifest)?,
        backup_present: node.exists(&journal.manifest_backup)?,
        journal,
        journal_file,
    }))
}

/// What [`resolve`] did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Resolution {
    /// The original manifest was put back.
    Undone,
    /// The original manifest was already back (nothing had moved, or an
    /// operator put it back); the journal was closed.
    AlreadyUndone,
    /// The switch had completed; the journal was closed.
    Finished,
}

/// Settles a pending journal (see the module doc) and closes it. Call with
/// the journal directory locked.
pub fn resolve(node: &dyn Node, p: &PendingRestore) -> Result<Resolution> {
    let j = &p.journal;
    let r = match (j.step, p.manifest_present, p.backup_present) {
        (Step::NewManifestInPlace, true, _) => Resolution::Finished,
        (_, true, _) => Resolution::AlreadyUndone,
        (_, false, true) => {
            let (from, to) = (
                node.real_path(&j.manifest_backup),
                node.real_path(&j.manifest),
            );
            let dir = to.parent().unwrap_or(Path::new("/"));
            fs_err::create_dir_all(dir)?;
            fs_err::rename(&from, &to).context("putting the manifest back")?;
            fsync_dir(dir)?;
            Resolution::Undone
        }
        (_, false, false) => bail!(
            "{}; put a manifest back by hand, then remove {}",
            p.describe(node),
            p.journal_file.display()
        ),
    };
    Journal::close(node)?;
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;
    use std::fs;

    fn setup() -> (tempfile::TempDir, LocalNode, Journal) {
        let d = tempfile::tempdir().unwrap();
        let node = LocalNode::new(Some(d.path().to_path_buf()));
        let j = Journal::new(
            Path::new("/etc/kubernetes/manifests/etcd.yaml"),
            Path::new("/etc/kubernetes/tmp/kforge-restore-x/etcd.yaml"),
            Path::new("/var/lib/etcd"),
            Path::new("/var/lib/etcd-restore-x"),
        );
        (d, node, j)
    }

    #[test]
    fn a_journal_with_the_manifest_aside_is_undone() {
        let (d, node, j) = setup();
        assert!(pending_restore(&node).unwrap().is_none());
        node.write_atomic(&j.manifest_backup, b"pod", 0o600)
            .unwrap();
        j.write(&node).unwrap();
        let p = pending_restore(&node).unwrap().unwrap();
        assert_eq!(p.journal, j);
        assert!(!p.manifest_present && p.backup_present);
        assert!(p.describe(&node).contains("kforge-restore-x/etcd.yaml"));
        assert_eq!(resolve(&node, &p).unwrap(), Resolution::Undone);
        let m = d.path().join("etc/kubernetes/manifests/etcd.yaml");
        assert_eq!(fs::read(m).unwrap(), b"pod");
        assert!(pending_restore(&node).unwrap().is_none());
    }

    #[test]
    fn a_journal_after_the_switch_is_finished() {
        let (_d, node, mut j) = setup();
        j.step = Step::NewManifestInPlace;
        node.write_atomic(&j.manifest, b"new", 0o600).unwrap();
        node.write_atomic(&j.manifest_backup, b"old", 0o600)
            .unwrap();
        j.write(&node).unwrap();
        let p = pending_restore(&node).unwrap().unwrap();
        assert_eq!(resolve(&node, &p).unwrap(), Resolution::Finished);
        assert_eq!(node.read(&j.manifest).unwrap().unwrap(), b"new");
        // Nothing to put back and nothing in place: refused, journal kept.
        j.step = Step::ManifestMovedOut;
        node.remove(&j.manifest).unwrap();
        node.remove(&j.manifest_backup).unwrap();
        j.write(&node).unwrap();
        let p = pending_restore(&node).unwrap().unwrap();
        assert!(resolve(&node, &p)
            .unwrap_err()
            .to_string()
            .contains("by hand"));
        assert!(pending_restore(&node).unwrap().is_some());
    }
}
