//! The one way kforge keeps two runs of the same job apart: an exclusive,
//! non-blocking `flock` on a file, held until the returned [`LockFile`] is
//! dropped (also when the process dies, so a killed run never leaves a lock
//! behind). A lock held by someone else is [`Locked`]: exit 4.

use crate::Locked;
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
        fs_err::File::open(path)
    } else {
        use fs_err::os::unix::fs::OpenOptionsExt;
        fs_err::File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(path)
    }
    .context("cannot open the lock file")?
    .into_file();
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

/// A new temporary file `DIR/PREFIX<random>SUFFIX` (mode 0600), locked by
/// this process while it lives, so that [`remove_stale`] tells a killed
/// run's leftover (unlocked) from a live run's file.
pub fn locked_temp_file(dir: &Path, prefix: &str, suffix: &str) -> Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    loop {
        let tmp = tempfile::Builder::new()
            .prefix(prefix)
            .suffix(suffix)
            .permissions(fs::Permissions::from_mode(0o600))
            .tempfile_in(dir)
            .with_context(|| format!("cannot write in {}", dir.display()))?;
        tmp.as_file()
            .lock()
            .with_context(|| format!("cannot lock {}", tmp.path().display()))?;
        // Another run's sweep may have taken the lock and removed the file
        // between its creation and our lock: then make another.
        let ours = tmp.as_file().metadata()?.ino();
        if fs_err::metadata(tmp.path()).is_ok_and(|m| m.ino() == ours) {
            return Ok(tmp);
        }
    }
}

/// The lock file inside a [`LockedTempDir`] (the directory itself stays
/// free for the locks of the work done in it).
const DIR_LOCK: &str = ".kforge-lock";

/// A temporary directory `DIR/PREFIX<random>` (mode 0700), locked like
/// [`locked_temp_file`] through a lock file inside it; removed with its
/// content when dropped.
pub struct LockedTempDir {
    dir: tempfile::TempDir,
    _lock: File,
}

impl LockedTempDir {
    pub fn new(parent: &Path, prefix: &str) -> Result<LockedTempDir> {
        use std::os::unix::fs::MetadataExt;
        loop {
            let dir = tempfile::Builder::new()
                .prefix(prefix)
                .tempdir_in(parent)
                .with_context(|| {
                    format!("cannot make a temporary directory in {}", parent.display())
                })?;
            let lock_path = dir.path().join(DIR_LOCK);
            // A sweep may remove the new directory before its lock is
            // taken: then make another.
            let f = match fs_err::File::create(&lock_path) {
                Ok(f) => f.into_file(),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(e.into()),
            };
            f.lock()
                .with_context(|| format!("cannot lock {}", lock_path.display()))?;
            let ours = f.metadata()?.ino();
            if fs_err::metadata(&lock_path).is_ok_and(|m| m.ino() == ours) {
                return Ok(LockedTempDir { dir, _lock: f });
            }
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Removes the directory now, reporting a failure.
    pub fn close(self) -> std::io::Result<()> {
        self.dir.close()
    }
}

/// Removes what killed runs left in `dir`: files (or directories) named
/// `PREFIX…SUFFIX` that no live process holds locked (see
/// [`locked_temp_file`], [`LockedTempDir`]). Returns what it removed.
pub fn remove_stale(dir: &Path, prefix: &str, suffix: &str) -> Result<Vec<PathBuf>> {
    let mut removed = Vec::new();
    for entry in fs_err::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !(name.starts_with(prefix) && name.ends_with(suffix)) {
            continue;
        }
        let path = entry.path();
        let Ok(m) = fs_err::symlink_metadata(&path) else {
            continue; // gone meanwhile
        };
        let is_dir = m.is_dir();
        let lock = if is_dir {
            path.join(DIR_LOCK)
        } else {
            path.clone()
        };
        match fs_err::File::open(&lock) {
            // A live run's.
            Ok(f) if f.try_lock().is_err() => continue,
            Ok(_) => {}
            // A directory whose run died before it took its lock.
            Err(_) if is_dir => {}
            Err(_) => continue, // gone meanwhile
        }
        if is_dir {
            fs_err::remove_dir_all(&path)
        } else {
            fs_err::remove_file(&path)
        }?;
        removed.push(path);
    }
    Ok(removed)
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
    fn stale_temp_files_and_dirs_go_and_live_ones_stay() {
        let dir = tempfile::tempdir().unwrap();
        let live = locked_temp_file(dir.path(), ".x-", ".part").unwrap();
        let live_dir = LockedTempDir::new(dir.path(), ".x-d").unwrap();
        std::fs::write(dir.path().join(".x-dead.part"), b"plain").unwrap();
        std::fs::create_dir(dir.path().join(".x-deaddir.part")).unwrap();
        std::fs::write(dir.path().join(".x-deaddir.part/f"), b"plain").unwrap();
        std::fs::write(dir.path().join("other.part"), b"keep").unwrap();
        let mut gone = remove_stale(dir.path(), ".x-", ".part").unwrap();
        gone.sort();
        assert_eq!(
            gone,
            vec![
                dir.path().join(".x-dead.part"),
                dir.path().join(".x-deaddir.part")
            ]
        );
        assert!(live.path().exists() && dir.path().join("other.part").exists());
        assert!(remove_stale(dir.path(), ".x-d", "").unwrap().is_empty());
        assert!(live_dir.path().exists());
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
