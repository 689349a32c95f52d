//! Writing a node's files with a memory of what kforge wrote.
//!
//! Every file a plan writes goes through an [`Installer`]. It writes
//! atomically (through the node), never replaces a file kforge did not write
//! (or that someone edited since) unless forced, and keeps a ledger of the
//! SHA-256 of each file it wrote, so a re-run can tell its own files from an
//! operator's. It also records an outcome per file for the report.
//!
//! The replacement rule (one rule for every file init, join and renew
//! write): a file kforge wrote and nobody edited since is regenerated; a
//! file kforge did not write (or that was edited since) is replaced only
//! with `--force`, or when the user ignored the preflight check that guards
//! it (`--ignore-preflight-errors=FileAvailable--etc-kubernetes-...`, as in
//! kubeadm). Either way its old content is first copied to
//! `/etc/kubernetes/tmp/kforge-backup-<UTC time>/<path on the node>` (see
//! [`Installer::backup_dir`]), and the report names the backup. Backups are
//! kept out of `/etc/kubernetes/manifests`, where the kubelet would run them.
//!
//! The ledger rule: the ledger records a digest only for bytes kforge
//! produced as a whole file ([`Installer::install`]). An edit of an existing
//! file's content ([`Installer::patch`]: renewed kubeconfig credentials, a
//! restart annotation, restore's new data directory) keeps the file's
//! owner: kforge's file stays kforge's, an operator's file stays the
//! operator's and a later `init` still refuses to replace it.

use crate::node::Node;
use crate::paths;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What happened to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Did not exist; written.
    Created,
    /// Existed with exactly the wanted content.
    Unchanged,
    /// Existed, written by kforge and not edited since; regenerated.
    Replaced,
    /// Existed and was verified to fit (certificates, kubeconfigs).
    Reused,
    /// Present and managed outside kforge (external CA); verified only.
    External,
}

/// One line of a plan's report.
#[derive(Debug, Clone, Serialize)]
pub struct FileRecord {
    pub path: PathBuf,
    pub outcome: Outcome,
    pub mode: String,
    /// Where the replaced file's old content was kept (real path).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<PathBuf>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Ledger {
    /// Node path -> hex SHA-256 of what kforge last wrote there.
    files: BTreeMap<PathBuf, String>,
}

/// Which files the user allowed kforge to replace although kforge did not
/// write them (init: those whose ignored preflight check guards them).
type Allowed<'a> = Box<dyn Fn(&Path) -> bool + Send + Sync + 'a>;

pub struct Installer<'a> {
    node: &'a dyn Node,
    force: bool,
    allowed: Allowed<'a>,
    ledger: Mutex<Ledger>,
    records: Mutex<Vec<FileRecord>>,
    backup_dir: PathBuf,
}

impl<'a> Installer<'a> {
    /// `force`: replace files kforge did not write (kubeadm's
    /// `--ignore-preflight-errors` for the matching check, or `--force`).
    pub fn new(node: &'a dyn Node, force: bool) -> Result<Self> {
        let ledger_path = Path::new(paths::LEDGER);
        let ledger = match node.read(ledger_path)? {
            None => Ledger::default(),
            Some(b) => serde_json::from_slice(&b).with_context(|| {
                format!(
                    "{}: unreadable kforge ledger (remove it to start over)",
                    node.real_path(ledger_path).display()
                )
            })?,
        };
        let stamp = time::OffsetDateTime::now_utc()
            .format(&time::macros::format_description!(
                "[year][month][day]T[hour][minute][second]Z"
            ))
            .unwrap_or_default();
        Ok(Installer {
            node,
            force,
            allowed: Box::new(|_| false),
            ledger: Mutex::new(ledger),
            records: Mutex::new(Vec::new()),
            backup_dir: Path::new(paths::KUBERNETES_TMP).join(format!("kforge-backup-{stamp}")),
        })
    }

    /// Also allows replacing the files `allowed` says yes to (init: the
    /// files whose `FileAvailable-` preflight check the user ignored).
    pub fn allowing(mut self, allowed: impl Fn(&Path) -> bool + Send + Sync + 'a) -> Self {
        self.allowed = Box::new(allowed);
        self
    }

    /// `--force`: every file kforge did not write may be replaced (with a backup).
    pub fn forced(&self) -> bool {
        self.force
    }

    /// Whether a file kforge did not write may be replaced (with a backup).
    pub fn may_replace(&self, path: &Path) -> bool {
        self.force || (self.allowed)(path)
    }

    /// Where replaced files' old contents go (node path).
    pub fn backup_dir(&self) -> &Path {
        &self.backup_dir
    }

    /// Keeps a copy of `path` (if it exists) under [`Installer::backup_dir`]
    /// before a workflow changes it by other means than [`Installer::install`]
    /// (which keeps its own copies); returns the copy's node path. One run
    /// keeps one copy per file in one directory, however often it is asked.
    pub fn keep_copy(&self, path: &Path) -> Result<Option<PathBuf>> {
        match self.node.read(path)? {
            Some(current) => self.backup(path, &current).map(Some),
            None => Ok(None),
        }
    }

    /// Copies `path`'s current content under [`Installer::backup_dir`];
    /// returns the backup's node path. The first copy of a run is kept.
    fn backup(&self, path: &Path, current: &[u8]) -> Result<PathBuf> {
        let rel = path.strip_prefix("/").unwrap_or(path);
        let to = self.backup_dir.join(rel);
        if self.node.exists(&to)? {
            return Ok(to);
        }
        self.node
            .write_atomic(&to, current, 0o600)
            .with_context(|| {
                format!(
                    "keeping a backup of {} in {}",
                    self.node.real_path(path).display(),
                    self.node.real_path(&to).display()
                )
            })?;
        Ok(to)
    }

    pub fn node(&self) -> &'a dyn Node {
        self.node
    }

    /// Whether kforge wrote `path` and nobody changed it since.
    pub fn owns(&self, path: &Path) -> Result<bool> {
        let Some(current) = self.node.read(path)? else {
            return Ok(false);
        };
        Ok(self.ledger.lock().unwrap().files.get(path) == Some(&sha256_hex(&current)))
    }

    /// Writes `data` to `path` unless it is already there; refuses to replace
    /// a file kforge did not write unless forced.
    pub fn install(&self, path: &Path, data: &[u8], mode: u32) -> Result<Outcome> {
        self.install_allowing(path, data, mode, false)
    }

    /// As [`Installer::install`]; `replace_foreign` also allows replacing a
    /// file kforge did not write (the user ignored the preflight check that
    /// guards it, which in kubeadm means "overwrite").
    pub fn install_allowing(
        &self,
        path: &Path,
        data: &[u8],
        mode: u32,
        replace_foreign: bool,
    ) -> Result<Outcome> {
        let mut backup = None;
        let outcome = match self.node.read(path)? {
            None => Outcome::Created,
            Some(current) if current == data => Outcome::Unchanged,
            Some(current) => {
                let ours =
                    self.ledger.lock().unwrap().files.get(path) == Some(&sha256_hex(&current));
                if !ours {
                    if !replace_foreign && !self.may_replace(path) {
                        bail!(
                            "{} exists and was not written by kforge (or was edited since); \
                             refusing to replace it (move it away, or pass --force to replace it \
                             and keep a backup under {})",
                            self.node.real_path(path).display(),
                            self.node
                                .real_path(Path::new(paths::KUBERNETES_TMP))
                                .display()
                        );
                    }
                    backup = Some(self.backup(path, &current)?);
                }
                Outcome::Replaced
            }
        };
        if outcome != Outcome::Unchanged {
            self.node.write_atomic(path, data, mode)?;
        }
        self.ledger
            .lock()
            .unwrap()
            .files
            .insert(path.to_path_buf(), sha256_hex(data));
        self.records.lock().unwrap().push(FileRecord {
            path: self.node.real_path(path),
            outcome,
            mode: format!("{mode:04o}"),
            backup: backup.map(|b| self.node.real_path(&b)),
        });
        Ok(outcome)
    }

    /// Rewrites an existing file with an edit of its own content (a renewed
    /// client credential in a kubeconfig, a restart annotation in a
    /// manifest). The edit never changes who owns the file: a file kforge
    /// wrote stays kforge's (the ledger learns its new digest); a file
    /// someone else wrote or edited stays theirs, so a later `init` still
    /// refuses to replace it. The ledger only ever records bytes kforge
    /// produced as a whole file.
    pub fn patch(&self, path: &Path, data: &[u8], mode: u32) -> Result<Outcome> {
        let current = self.node.read(path)?;
        self.patch_of(path, current.as_deref(), data, mode)
    }

    /// As [`Installer::patch`], for a caller that moved the file aside
    /// first (restore --apply stops etcd that way): `before` is the content
    /// the edit started from, and decides ownership.
    pub fn patch_of(
        &self,
        path: &Path,
        before: Option<&[u8]>,
        data: &[u8],
        mode: u32,
    ) -> Result<Outcome> {
        let current = before;
        if self.node.read(path)?.as_deref() == Some(data) {
            self.note(path, Outcome::Unchanged, mode);
            return Ok(Outcome::Unchanged);
        }
        let mut ledger = self.ledger.lock().unwrap();
        let ours = current.is_some_and(|c| ledger.files.get(path) == Some(&sha256_hex(c)));
        self.node.write_atomic(path, data, mode)?;
        if ours {
            ledger.files.insert(path.to_path_buf(), sha256_hex(data));
        }
        drop(ledger);
        let outcome = if current.is_some() {
            Outcome::Replaced
        } else {
            Outcome::Created
        };
        self.note(path, outcome, mode);
        Ok(outcome)
    }

    /// Records an outcome for a file handled without writing it.
    pub fn note(&self, path: &Path, outcome: Outcome, mode: u32) {
        self.records.lock().unwrap().push(FileRecord {
            path: self.node.real_path(path),
            outcome,
            mode: format!("{mode:04o}"),
            backup: None,
        });
    }

    /// Saves the ledger; call once the plan is done (also after a failure, so
    /// what was written is remembered).
    pub fn save_ledger(&self) -> Result<()> {
        let ledger = self.ledger.lock().unwrap();
        let path = Path::new(paths::LEDGER);
        let current = self.node.read(path)?;
        // Nothing written and no ledger yet: create nothing.
        if ledger.files.is_empty() && current.is_none() {
            return Ok(());
        }
        let data = serde_json::to_vec_pretty(&*ledger)?;
        if current.as_deref() == Some(&data[..]) {
            return Ok(());
        }
        self.node.write_atomic(path, &data, 0o600)
    }

    pub fn records(&self) -> Vec<FileRecord> {
        self.records.lock().unwrap().clone()
    }
}

pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;

    #[test]
    fn refuses_foreign_files_but_regenerates_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let node = LocalNode::new(Some(dir.path().to_path_buf()));
        let p = Path::new("/etc/kubernetes/manifests/etcd.yaml");
        node.write_atomic(p, b"operator's", 0o600).unwrap();
        let inst = Installer::new(&node, false).unwrap();
        let err = inst.install(p, b"ours", 0o600).unwrap_err().to_string();
        assert!(err.contains("was not written by kforge"), "{err}");
        assert_eq!(node.read(p).unwrap().unwrap(), b"operator's");

        let q = Path::new("/etc/kubernetes/manifests/kube-scheduler.yaml");
        assert_eq!(inst.install(q, b"v1", 0o600).unwrap(), Outcome::Created);
        assert_eq!(inst.install(q, b"v1", 0o600).unwrap(), Outcome::Unchanged);
        assert_eq!(inst.install(q, b"v2", 0o600).unwrap(), Outcome::Replaced);
        inst.save_ledger().unwrap();

        // A new run remembers, and notices an edit.
        let inst = Installer::new(&node, false).unwrap();
        assert!(inst.owns(q).unwrap());
        node.write_atomic(q, b"edited", 0o600).unwrap();
        assert!(!inst.owns(q).unwrap());
        assert!(inst.install(q, b"v3", 0o600).is_err());
        let forced = Installer::new(&node, true).unwrap();
        assert_eq!(forced.install(q, b"v3", 0o600).unwrap(), Outcome::Replaced);
    }

    #[test]
    fn regression_patch_of_a_hand_edited_file_does_not_adopt_it() {
        let dir = tempfile::tempdir().unwrap();
        let node = LocalNode::new(Some(dir.path().to_path_buf()));
        let p = Path::new("/etc/kubernetes/manifests/kube-apiserver.yaml");
        let inst = Installer::new(&node, false).unwrap();
        inst.install(p, b"kforge's", 0o600).unwrap();
        inst.save_ledger().unwrap();
        node.write_atomic(p, b"kforge's + operator's flag", 0o600)
            .unwrap();

        let inst = Installer::new(&node, false).unwrap();
        inst.patch(p, b"kforge's + operator's flag + restart", 0o600)
            .unwrap();
        inst.save_ledger().unwrap();
        let inst = Installer::new(&node, false).unwrap();
        assert!(!inst.owns(p).unwrap(), "a patch adopted an edited file");
        assert!(inst.install(p, b"kforge's", 0o600).is_err());

        // kforge's own file stays kforge's through a patch.
        let q = Path::new("/etc/kubernetes/manifests/kube-scheduler.yaml");
        inst.install(q, b"v1", 0o600).unwrap();
        inst.patch(q, b"v1 + restart", 0o600).unwrap();
        assert!(inst.owns(q).unwrap());
        // And a file moved aside first is judged by what it was.
        node.remove(q).unwrap();
        inst.patch_of(q, Some(b"v1 + restart"), b"v1 + new dir", 0o600)
            .unwrap();
        assert!(inst.owns(q).unwrap());
    }
}
