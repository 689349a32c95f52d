//! Building a directory beside its target and renaming it into place last,
//! so that nothing half-made is ever found at the target.
//!
//! Everything is built in a hidden directory beside the target
//! (`.<name>.kforge-restore-XXXX`), fsynced file by file and directory by
//! directory, and renamed into place last. A failure removes it; a kill
//! leaves only the hidden directory, which the next restore into the same
//! place removes. A lock on the parent directory keeps two restores from
//! racing.

use anyhow::{bail, Context, Result};
use kforge_fs::fsync_dir;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};

/// Marks our build directories beside the target.
const TEMP_MARK: &str = ".kforge-restore-";

/// The parent directory and final name of a target path.
pub fn split_target(path: &Path, what: &str) -> Result<(PathBuf, String)> {
    let name = match path.components().next_back() {
        Some(Component::Normal(n)) => n.to_string_lossy().into_owned(),
        _ => {
            return Err(crate::bad_input(format!(
                "{what} {} must name a directory (not /, . or ..)",
                path.display()
            )))
        }
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    Ok((parent, name))
}

/// Fails unless `path` is absent or an empty directory.
pub fn ensure_free(path: &Path, what: &str) -> Result<()> {
    match fs_err::read_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            bail!("{what} {} exists and is not a directory", path.display())
        }
        Err(e) => Err(e).with_context(|| format!("reading the {what}")),
        Ok(mut entries) => {
            if entries.next().is_some() {
                bail!(
                    "{what} {} exists and is not empty; refusing to restore over it",
                    path.display()
                );
            }
            Ok(())
        }
    }
}

/// Locks directory `dir` (creating it) against other restores, or fails
/// with [`Locked`] (exit 4). The lock lasts as long as the returned file.
pub fn lock_dir(dir: &Path) -> Result<kforge_fs::lock::LockFile> {
    fs_err::create_dir_all(dir)?;
    kforge_fs::lock::exclusive(dir, "snapshot restore")
}

/// A build directory beside its target.
pub struct Staging {
    parent: PathBuf,
    target: PathBuf,
    build: Option<tempfile::TempDir>,
}

impl Staging {
    /// Removes build directories of killed runs for `target` and creates a
    /// new one (mode 0700) beside it. Call with the parent locked.
    pub fn new(target: &Path, what: &str, removed: &mut Vec<PathBuf>) -> Result<Staging> {
        let (parent, name) = split_target(target, what)?;
        ensure_free(target, what)?;
        let prefix = format!(".{name}{TEMP_MARK}");
        for entry in fs_err::read_dir(&parent)? {
            let entry = entry?;
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                fs_err::remove_dir_all(entry.path()).context("removing a stale build directory")?;
                removed.push(entry.path());
            }
        }
        let build = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .with_context(|| format!("creating a build directory in {}", parent.display()))?;
        fs_err::set_permissions(build.path(), fs::Permissions::from_mode(0o700))?;
        Ok(Staging {
            parent,
            target: target.to_path_buf(),
            build: Some(build),
        })
    }

    pub fn path(&self) -> &Path {
        self.build.as_ref().expect("not yet installed").path()
    }

    /// Renames the build directory to the target and makes that durable.
    pub fn install(&mut self) -> Result<()> {
        let build = self.build.take().expect("installed once");
        let from = build.keep();
        fs_err::rename(&from, &self.target).inspect_err(|_| {
            let _ = fs_err::remove_dir_all(&from);
        })?;
        Ok(fsync_dir(&self.parent)?)
    }
}

pub fn mkdir(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .mode(0o700)
        .create(path)
        .with_context(|| format!("creating {}", path.display()))
}

pub fn create_file(path: &Path, mode: u32) -> Result<File> {
    use fs_err::os::unix::fs::OpenOptionsExt;
    let f = fs_err::File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)?;
    f.set_permissions(fs::Permissions::from_mode(mode))?;
    Ok(f.into_file())
}

pub fn sync(f: &File, path: &Path) -> Result<()> {
    f.sync_all()
        .with_context(|| format!("fsync {}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_must_be_free() {
        let d = tempfile::tempdir().unwrap();
        assert!(ensure_free(&d.path().join("absent"), "data dir").is_ok());
        assert!(ensure_free(d.path(), "data dir").is_ok());
        fs::write(d.path().join("f"), b"x").unwrap();
        let e = ensure_free(d.path(), "data dir").unwrap_err().to_string();
        assert!(e.contains("not empty"), "{e}");
        let e = ensure_free(&d.path().join("f"), "data dir")
            .unwrap_err()
            .to_string();
        assert!(e.contains("not a directory"), "{e}");
        assert!(split_target(Path::new("/"), "data dir").is_err());
        assert_eq!(
            split_target(Path::new("x"), "data dir").unwrap(),
            (PathBuf::from("."), "x".to_string())
        );
    }
}
