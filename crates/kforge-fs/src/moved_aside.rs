//! A file moved aside for the length of a risky change, put back by its
//! guard on every path out (an error, or a signal that makes the caller
//! return), unless the change is kept.

use crate::fsync_dir;
use std::fs;
use std::io;
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

fn parent(p: &Path) -> &Path {
    match p.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// A file moved aside; put back when dropped unless [`MovedAside::keep`]
/// was called, so that no error path (nor a signal that makes the caller
/// return) leaves it aside.
#[derive(Debug)]
pub struct MovedAside {
    original: PathBuf,
    aside: PathBuf,
    armed: bool,
}

impl MovedAside {
    /// Renames `original` to `aside` (creating its directory, mode 0700)
    /// and makes the rename durable. Refuses to replace a file already at `aside`.
    pub fn move_aside(original: &Path, aside: &Path) -> io::Result<MovedAside> {
        if aside.exists() {
            return Err(io::Error::new(
                io::ErrorKind::AlreadyExists,
                format!("{} already exists", aside.display()),
            ));
        }
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(parent(aside))?;
        fs_err::rename(original, aside)?;
        let moved = MovedAside {
            original: original.to_path_buf(),
            aside: aside.to_path_buf(),
            armed: true,
        };
        fsync_dir(parent(original))?;
        fsync_dir(parent(aside))?;
        Ok(moved)
    }

    pub fn aside(&self) -> &Path {
        &self.aside
    }

    /// Puts the file back unless something is at the original path by now
    /// (a replacement was written: that one stays). Returns whether it
    /// moved the file back.
    pub fn put_back(&mut self) -> io::Result<bool> {
        self.armed = false;
        if self.original.exists() || !self.aside.exists() {
            return Ok(false);
        }
        fs_err::rename(&self.aside, &self.original)?;
        fsync_dir(parent(&self.original))?;
        Ok(true)
    }

    /// The change stays: the file is not put back.
    pub fn keep(mut self) {
        self.armed = false;
    }
}

impl Drop for MovedAside {
    fn drop(&mut self) {
        if self.armed {
            let _ = self.put_back();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moved_aside_goes_back_on_drop_and_stays_when_kept() {
        let d = tempfile::tempdir().unwrap();
        let (orig, aside) = (d.path().join("etcd.yaml"), d.path().join("tmp/x/etcd.yaml"));
        fs::write(&orig, b"pod").unwrap();
        {
            let m = MovedAside::move_aside(&orig, &aside).unwrap();
            assert!(!orig.exists() && m.aside().exists());
        }
        assert_eq!(fs::read(&orig).unwrap(), b"pod");
        let m = MovedAside::move_aside(&orig, &aside).unwrap();
        m.keep();
        assert!(!orig.exists() && aside.exists());
        // A replacement at the original path is never overwritten.
        let mut m = MovedAside {
            original: orig.clone(),
            aside: aside.clone(),
            armed: true,
        };
        fs::write(&orig, b"new").unwrap();
        assert!(!m.put_back().unwrap());
        assert_eq!(fs::read(&orig).unwrap(), b"new");
    }
}
