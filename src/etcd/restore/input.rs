//! The snapshot file given to restore: opened and checked before anything
//! is written.

use crate::etcd::bbolt::{self, Db};
use crate::etcd::snapshot_file;
use anyhow::{anyhow, bail, Context, Result};
use std::fs::File;
use std::path::Path;

/// An opened snapshot that passed the checks.
pub struct Snapshot {
    pub file: File,
    /// Size of the whole file.
    pub size: u64,
    /// Bytes of database (the file without its trailer).
    pub body: u64,
    pub has_trailer: bool,
}

/// The error for bad input: one line naming the file and the problem.
pub fn bad_input(path: &Path, e: &dyn std::error::Error) -> anyhow::Error {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cur = c.source();
    }
    anyhow!("snapshot {}: {msg}", path.display())
}

/// Opens `path` and checks it is a whole bbolt database with (unless
/// `skip_hash_check`) a sha256 trailer.
pub fn open(path: &Path, skip_hash_check: bool) -> Result<Snapshot> {
    let (file, size) = File::open(path)
        .and_then(|f| f.metadata().map(|m| (f, m.len())))
        .map_err(|e| anyhow!("cannot open snapshot {}: {e}", path.display()))?;
    let has_trailer = snapshot_file::has_trailer(size);
    if !has_trailer && !skip_hash_check {
        bail!(
            "snapshot {} has no sha256 trailer (a copy of member/snap/db?); pass --skip-hash-check to restore it anyway",
            path.display()
        );
    }
    let body = if has_trailer {
        size - snapshot_file::TRAILER_SIZE
    } else {
        size
    };
    // Fail fast on what is not a bbolt file at all, before writing anything.
    let db = Db::open(file.try_clone().context("duplicating a file handle")?)
        .map_err(|e| bad_input(path, &e))?;
    if db.size() > body {
        let e = bbolt::Error::TruncatedDb {
            pages: db.meta().pgid,
            page_size: db.page_size(),
            size: body,
        };
        return Err(bad_input(path, &e));
    }
    Ok(Snapshot {
        file,
        size,
        body,
        has_trailer,
    })
}
