//! The snapshot file given to restore: opened and checked before anything
//! is written.

use crate::bbolt::{self, Db};
use crate::snapshot_file;
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

/// An error found in the snapshot at `path`, kept as the cause of one
/// that names the file.
pub fn snapshot_error<E>(path: &Path, e: E) -> anyhow::Error
where
    E: std::error::Error + Send + Sync + 'static,
{
    anyhow::Error::new(e).context(format!("snapshot {}", path.display()))
}

/// Opens `path` and checks it is a whole bbolt database with (unless
/// `skip_hash_check`) a sha256 trailer. The checks run from the most basic
/// up, so that the message names the real cause: the file exists and is
/// readable, is a regular file, is not empty, starts with a bbolt header,
/// holds every page its header counts, and only then has a trailer.
pub fn open(path: &Path, skip_hash_check: bool) -> Result<Snapshot> {
    let shown = path.display();
    snapshot_file::require_file(path)?;
    let (file, size) = File::open(path)
        .and_then(|f| f.metadata().map(|m| (f, m.len())))
        .with_context(|| format!("cannot open snapshot {shown}"))?;
    if size == 0 {
        bail!("snapshot {shown} is empty (0 bytes)");
    }
    let has_trailer = snapshot_file::has_trailer(size);
    let body = if has_trailer {
        size - snapshot_file::TRAILER_SIZE
    } else {
        size
    };
    check_database(&file, path, body)?;
    if !has_trailer && !skip_hash_check {
        bail!(
            "snapshot {shown} has no sha256 trailer (a copy of member/snap/db?); pass --skip-hash-check to restore it anyway",
        );
    }
    Ok(Snapshot {
        file,
        size,
        body,
        has_trailer,
    })
}

/// The bbolt header, then that the file holds every page it counts.
fn check_database(file: &File, path: &Path, body: u64) -> Result<()> {
    let db =
        Db::open(file.try_clone().context("duplicating a file handle")?).map_err(|e| match e {
            bbolt::Error::TooSmall { .. } | bbolt::Error::BadMagic => anyhow::Error::new(e)
                .context(format!(
                    "snapshot {}: not an etcd snapshot (no bbolt header)",
                    path.display()
                )),
            bbolt::Error::TruncatedDb {
                pages,
                page_size,
                size,
            } => truncated(path, size, pages, page_size),
            e => snapshot_error(path, e),
        })?;
    if db.size() > body {
        return Err(truncated(path, body, db.meta().pgid, db.page_size()));
    }
    Ok(())
}

fn truncated(path: &Path, at: u64, pages: u64, page_size: u32) -> anyhow::Error {
    anyhow!(
        "snapshot {}: truncated at byte {at}: its header counts {pages} pages of {page_size} bytes",
        path.display()
    )
}
