//! The one way kforge keeps two runs of the same job apart: an exclusive,
//! non-blocking `flock` on a file, held until the returned [`LockFile`] is
//! dropped (also when the process dies, so a killed run never leaves a lock
//! behind). A lock held by someone else is [`Locked`]: exit 4.

use crate::exit::Locked;
use anyhow::{Context, Result};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// Holds the lock until dropped.
#[derive(Debug)]
pub struct LockFile {
    _file: File,
    path: PathBuf,
}

impl LockFile {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// Locks `path`: an existing directory, or a file (created, mode 0600, if
/// missing; its parent must exist: a typo'd path is an error, not a new
/// directory). `job` names what holds it in the message of the one who
/// waits: "another kforge {job} holds {path}; not starting a second one".
pub fn exclusive(path: &Path, job: &str) -> Result<LockFile> {
    let file = if path.is_dir() {
        File::open(path)
    } else {
        use std::os::unix::fs::OpenOptionsExt;
        File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(path)
    }
    .with_context(|| format!("cannot open lock file {}", path.display()))?;
    match file.try_lock() {
        Ok(()) => Ok(LockFile {
            _file: file,
            path: path.to_path_buf(),
        }),
        Err(fs::TryLockError::WouldBlock) => Err(anyhow::Error::new(Locked(format!(
            "another kforge {job} holds {}; not starting a second one",
            path.display()
        )))),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("cannot lock {}", path.display()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_is_locked_and_the_first_is_released_on_drop() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("job.lock");
        let first = exclusive(&p, "upgrade apply").unwrap();
        let err = exclusive(&p, "upgrade apply").unwrap_err();
        assert!(err.is::<Locked>(), "{err:#}");
        assert_eq!(
            err.to_string(),
            format!(
                "another kforge upgrade apply holds {}; not starting a second one",
                p.display()
            )
        );
        drop(first);
        exclusive(&p, "upgrade apply").unwrap();
    }

    #[test]
    fn a_directory_can_be_locked_and_a_missing_parent_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let _l = exclusive(dir.path(), "snapshot restore").unwrap();
        assert!(exclusive(dir.path(), "snapshot restore")
            .unwrap_err()
            .is::<Locked>());
        let err = exclusive(&dir.path().join("typo/job.lock"), "x").unwrap_err();
        assert!(!err.is::<Locked>());
        assert!(!dir.path().join("typo").exists());
    }
}
