//! A directory as a backup target (an NFS mount, a second disk): a
//! temporary file in the directory, fsync, then a rename that never
//! replaces an existing file, and an fsync of the directory.

use super::{check_name, Object, Store, Upload};
use anyhow::{bail, Context, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

const TEMP_PREFIX: &str = ".kforge-upload-";
const TEMP_SUFFIX: &str = ".part";

pub struct LocalStore {
    dir: PathBuf,
}

impl LocalStore {
    /// The directory must exist (a typo must not start a new tree).
    pub fn open(dir: &Path) -> Result<LocalStore> {
        match fs_err::metadata(dir) {
            Ok(m) if m.is_dir() => Ok(LocalStore {
                dir: dir.to_path_buf(),
            }),
            Ok(_) => bail!("{}: not a directory", dir.display()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!("{}: no such directory", dir.display())
            }
            Err(e) => Err(e.into()),
        }
    }
}

struct LocalUpload {
    tmp: tempfile::NamedTempFile,
    final_path: PathBuf,
    dir: PathBuf,
    written: u64,
}

impl Write for LocalUpload {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.tmp.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.tmp.flush()
    }
}

impl Upload for LocalUpload {
    fn finish(self: Box<Self>) -> Result<u64> {
        let this = *self;
        this.tmp
            .as_file()
            .sync_all()
            .with_context(|| format!("fsync {}", this.tmp.path().display()))?;
        this.tmp
            .persist_noclobber(&this.final_path)
            .map_err(|e| e.error)
            .with_context(|| this.final_path.display().to_string())?;
        crate::node::fsync_dir(&this.dir)?;
        Ok(this.written)
    }
    fn abort(self: Box<Self>) -> Result<()> {
        let path = self.tmp.path().to_path_buf();
        self.tmp
            .close()
            .with_context(|| format!("removing {}", path.display()))
    }
}

impl Store for LocalStore {
    fn url(&self) -> String {
        self.dir.display().to_string()
    }

    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        check_name(name)?;
        let final_path = self.dir.join(name);
        if fs_err::symlink_metadata(&final_path).is_ok() {
            bail!("{} exists already", final_path.display());
        }
        // Locked while this run lives: the next run removes it only if a
        // kill left it (see abort_unfinished).
        let tmp = kforge_fs::lock::locked_temp_file(&self.dir, TEMP_PREFIX, TEMP_SUFFIX)?;
        Ok(Box::new(LocalUpload {
            tmp,
            final_path,
            dir: self.dir.clone(),
            written: 0,
        }))
    }

    fn list(&self) -> Result<Vec<Object>> {
        let mut out = Vec::new();
        for e in fs_err::read_dir(&self.dir)? {
            let e = e?;
            let Ok(m) = e.metadata() else { continue };
            if !m.is_file() {
                continue;
            }
            out.push(Object {
                name: e.file_name().to_string_lossy().into_owned(),
                size: m.len(),
                modified: m.modified().ok().map(time::OffsetDateTime::from),
            });
        }
        Ok(out)
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        check_name(name)?;
        let p = self.dir.join(name);
        // fs_err: a read failing mid-download names the file too.
        Ok(Box::new(fs_err::File::open(&p)?))
    }

    fn delete(&self, name: &str) -> Result<()> {
        check_name(name)?;
        let p = self.dir.join(name);
        fs_err::remove_file(&p)?;
        Ok(crate::node::fsync_dir(&self.dir)?)
    }

    /// Removes the temporary files of uploads a killed run left: those no
    /// live run holds locked (a lock on NFS is the server's, so another
    /// node's upload in flight stays).
    fn abort_unfinished(&self, _mine: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
        Ok(
            kforge_fs::lock::remove_stale(&self.dir, TEMP_PREFIX, TEMP_SUFFIX)?
                .into_iter()
                .map(|p| format!("removed {} (left by a killed upload)", p.display()))
                .collect(),
        )
    }
}
