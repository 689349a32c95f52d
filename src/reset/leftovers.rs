//! kforge's own files in kubeadm's temporary directory
//! (`/etc/kubernetes/tmp/kforge-*`), which the ledger does not list: what
//! `reset` removes and what it keeps, always with their paths.
//!
//! | what | where | reset |
//! |---|---|---|
//! | journals of other operations | `kforge-journal/*.json` | removed (they describe a node that is going away) |
//! | locks | `kforge-journal/*.lock`, `kforge-etcd-maintenance.lock` | removed, unless a running kforge holds one (kept, listed) |
//! | the record of restore copies | `kforge-journal/restore-copies.json` | kept with the copies it lists (full copies of etcd's data, listed) |
//! | backups | `kforge-upgrade/<run>/` (the pre-upgrade etcd snapshot: every Secret), `kforge-backup-*/`, `kforge-restore-*/` | kept and listed, like kubeadm's `/etc/kubernetes/tmp`; removed with `--cleanup-tmp-dir` |
//!
//! The reset's own journal and its moved manifests are the reset's business
//! (`rollout::journal`, the `files` step), not this module's.

use crate::node::Node;
use crate::paths;
use anyhow::{bail, Result};
use std::path::{Path, PathBuf};

/// What every kforge entry of kubeadm's temporary directory is named like.
const PREFIX: &str = "kforge-";
/// The lock of `etcd defrag | recover-space` is a file of its own.
const LOCK_SUFFIX: &str = ".lock";
/// The reset's own journal (removed when the reset ends).
const OWN_JOURNAL: &str = "reset.json";

/// One leftover and what happens to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Leftover {
    /// Node path.
    pub path: PathBuf,
    pub what: &'static str,
    /// Removed (or, in a dry run, would be); else kept.
    pub remove: bool,
    /// Why it is kept.
    pub why_kept: Option<String>,
}

/// Whether a running process holds the lock `path` (`flock -n`; a node
/// without `flock` cannot tell, and the lock is kept).
fn lock_state(node: &dyn Node, path: &Path) -> Result<Option<String>> {
    let real = node.real_path(path).display().to_string();
    match node.run(&["flock", "-n", &real, "true"]) {
        Ok(out) if out.success() => Ok(None),
        Ok(_) => Ok(Some("held by a running kforge".into())),
        Err(e) => Ok(Some(format!("cannot tell whether it is held: {e:#}"))),
    }
}

/// Restore copies recorded in `restore-copies.json` that still exist.
fn restore_copies(node: &dyn Node, record: &Path) -> Result<Vec<PathBuf>> {
    #[derive(serde::Deserialize)]
    struct Copies {
        #[serde(default)]
        copies: Vec<PathBuf>,
    }
    let Some(bytes) = node.read(record)? else {
        return Ok(vec![]);
    };
    let Ok(c) = serde_json::from_slice::<Copies>(&bytes) else {
        return Ok(vec![]);
    };
    let mut out = Vec::new();
    for d in c.copies {
        if node.exists(&d)? {
            out.push(d);
        }
    }
    Ok(out)
}

/// kforge's leftovers on the node and what happens to each.
pub fn find(node: &dyn Node, cleanup_tmp_dir: bool) -> Result<Vec<Leftover>> {
    let tmp = Path::new(paths::KUBERNETES_TMP);
    let journals = Path::new(paths::KFORGE_JOURNAL_DIR);
    let moved = super::moved_manifests_dir();
    let mut out = Vec::new();
    let mut names = node.list_dir(tmp)?;
    names.sort();
    for name in names.into_iter().filter(|n| n.starts_with(PREFIX)) {
        let path = tmp.join(&name);
        if path == journals || path == moved {
            continue;
        }
        if name.ends_with(LOCK_SUFFIX) {
            let why = lock_state(node, &path)?;
            out.push(Leftover {
                remove: why.is_none(),
                why_kept: why,
                path,
                what: "lock",
            });
            continue;
        }
        let what = if path.starts_with(paths::UPGRADE_BACKUPS) {
            "upgrade backups (each run's replaced files and its pre-upgrade etcd snapshot, which holds every Secret)"
        } else {
            "backup"
        };
        out.push(Leftover {
            path,
            what,
            remove: cleanup_tmp_dir,
            why_kept: (!cleanup_tmp_dir).then(|| "--cleanup-tmp-dir removes it".into()),
        });
    }
    let mut names = node.list_dir(journals)?;
    names.sort();
    for name in names {
        let path = journals.join(&name);
        if name == OWN_JOURNAL {
            continue;
        }
        if name.ends_with(LOCK_SUFFIX) {
            let why = lock_state(node, &path)?;
            out.push(Leftover {
                remove: why.is_none(),
                why_kept: why,
                path,
                what: "lock",
            });
        } else if name == crate::restore_apply::copies::COPIES_FILE {
            let copies = restore_copies(node, &path)?;
            for c in &copies {
                out.push(Leftover {
                    path: c.clone(),
                    what: "restore copy (a full copy of etcd's data made by `snapshot restore`)",
                    remove: false,
                    why_kept: Some("remove it by hand once it is not needed".into()),
                });
            }
            out.push(Leftover {
                path,
                what: "record of restore copies",
                remove: copies.is_empty(),
                why_kept: (!copies.is_empty()).then(|| "it lists the copies above".into()),
            });
        } else {
            out.push(Leftover {
                path,
                what: "journal of an unfinished kforge operation",
                remove: true,
                why_kept: None,
            });
        }
    }
    Ok(out)
}

/// Removes a leftover (a file, or a directory with its contents).
pub fn remove(node: &dyn Node, l: &Leftover) -> Result<()> {
    let real = node.real_path(&l.path).display().to_string();
    // Never anything outside kubeadm's temporary directory.
    if !l.path.starts_with(paths::KUBERNETES_TMP) {
        bail!("{real}: not in kforge's part of {}", paths::KUBERNETES_TMP);
    }
    let out = node.run(&["rm", "-rf", "--", &real])?;
    if !out.success() {
        bail!("removing {real}: {}", out.stderr.trim());
    }
    Ok(())
}
