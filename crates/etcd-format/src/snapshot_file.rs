//! `snapshot status` for etcd snapshot files, equal to what
//! `etcdutl snapshot status -w json` prints, and the check of the sha256
//! trailer that `Maintenance.Snapshot` appends.
//!
//! Why the numbers are computed exactly as etcdutl 3.5 does: operators
//! compare the hash printed by one tool with the other (before and after a
//! copy, on two members), so "close" is useless. etcdutl opens the file with
//! bbolt and:
//! - `hash`: CRC-32C over, for each top-level bucket in cursor order, its
//!   name, then each key and value of that bucket in cursor order (a nested
//!   bucket contributes its key only);
//! - `revision`: the main revision of the last key in bucket `key`;
//! - `totalKey`: the number of key/value pairs of all top-level buckets
//!   (not only user keys: leases, members, meta too);
//! - `totalSize`: high-water mark times page size, i.e. the file size
//!   without the trailer.
//!
//! etcdutl 3.6 also prints `version`, the storage version in bucket `meta`
//! (written by etcd 3.6+); 3.5 has no such field. We print it when the
//! snapshot has one, so 3.4/3.5 snapshots give 3.5's exact output.
//!
//! The trailer is checked with a streaming sha256 in constant memory; it is
//! not part of the JSON (etcdutl does not look at it) but `snapshot restore`
//! must refuse a snapshot whose trailer does not match.

use crate::bbolt::{self, Db, ReadAt, Value};
use aws_lc_rs::digest;
use serde::Serialize;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// Bytes of the sha256 trailer.
pub const TRAILER_SIZE: u64 = 32;

use crate::mvcc::{self, KEY_BUCKET, META_BUCKET, STORAGE_VERSION_KEY};

/// What `snapshot status` reports. Serializes as etcdutl's JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SnapshotStatus {
    pub hash: u32,
    pub revision: i64,
    pub total_key: u64,
    /// etcdutl's `totalSize`, named by the output convention.
    #[serde(rename = "totalSizeBytes")]
    pub total_size: u64,
    /// The storage version (etcd 3.6+ snapshots); absent from the JSON when
    /// `None`, as in etcdutl 3.5.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Whether the file ends with a sha256 trailer (`size % 512 == 32`).
    #[serde(skip)]
    pub has_trailer: bool,
    /// Whether the trailer matches; `None` without a trailer.
    #[serde(skip)]
    pub trailer_valid: Option<bool>,
}

/// The sha256 trailer of a snapshot file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrailerState {
    /// No trailer: a raw copy of `member/snap/db`, not a streamed snapshot.
    Absent,
    /// The trailer matches the body.
    Valid,
    /// The trailer does not match the body.
    Mismatch {
        stored: [u8; 32],
        computed: [u8; 32],
    },
}

/// Problems in a database's content (beyond bbolt's structure).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ContentError {
    #[error(transparent)]
    Db(#[from] bbolt::Error),
    /// A key of bucket `key` too short to be a revision.
    #[error("bucket \"key\" holds a key of {len} bytes, too short for a revision")]
    BadRevisionKey { len: usize },
}

/// Errors of [`status`] and [`verify_trailer`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("cannot open snapshot {}", .path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("snapshot {} is {what}, not a snapshot file{hint}", .path.display())]
    NotAFile {
        path: PathBuf,
        what: &'static str,
        hint: &'static str,
    },
    #[error("cannot read snapshot {}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("invalid snapshot {}", .path.display())]
    Content {
        path: PathBuf,
        #[source]
        source: ContentError,
    },
    #[error(
        "snapshot {} is corrupt: its sha256 trailer is {} but its content hashes to {}",
        .path.display(), hex(.stored), hex(.computed)
    )]
    TrailerMismatch {
        path: PathBuf,
        stored: [u8; 32],
        computed: [u8; 32],
    },
    #[error(
        "snapshot {} has no sha256 trailer (a copy of member/snap/db?); skip the hash check to use it",
        .path.display()
    )]
    TrailerMissing { path: PathBuf },
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|b| format!("{b:02x}")).collect()
}

impl TrailerState {
    /// Ok only for a valid trailer; `path` names the file in the error.
    pub fn ensure_valid(&self, path: &Path) -> Result<(), Error> {
        match *self {
            TrailerState::Valid => Ok(()),
            TrailerState::Absent => Err(Error::TrailerMissing {
                path: path.to_path_buf(),
            }),
            TrailerState::Mismatch { stored, computed } => Err(Error::TrailerMismatch {
                path: path.to_path_buf(),
                stored,
                computed,
            }),
        }
    }
}

/// Whether a file of `size` bytes ends with a sha256 trailer (etcd's rule:
/// a bbolt file is a whole number of 512-byte sectors).
pub fn has_trailer(size: u64) -> bool {
    size % 512 == TRAILER_SIZE
}

/// The status of the snapshot at `path`, as `etcdutl snapshot status`
/// computes it, plus the state of its trailer, in one pass over the file:
/// the sha256 is computed while the database is read.
pub fn status(path: &Path) -> Result<SnapshotStatus, Error> {
    status_checking(path, true).map(|(st, _)| st)
}

/// As [`status`], and also the state of the trailer ([`TrailerState::Absent`]
/// without one), so a caller can report a mismatch with both hashes.
pub fn status_and_trailer(path: &Path) -> Result<(SnapshotStatus, TrailerState), Error> {
    status_checking(path, true).map(|(st, t)| (st, t.unwrap_or(TrailerState::Absent)))
}

/// As [`status`], but without hashing the file (`trailer_valid` stays
/// `None`): what etcdutl does, and what a caller that already checked the
/// trailer wants.
pub fn status_unverified(path: &Path) -> Result<SnapshotStatus, Error> {
    status_checking(path, false).map(|(st, _)| st)
}

/// That `path` is a regular file, checked before it is opened: opening a
/// FIFO would block, and reading a directory fails with an error that names
/// neither the file nor the mistake. `status` and `restore` both start here.
pub fn require_file(path: &Path) -> Result<(), Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Open {
        path: path.to_path_buf(),
        source,
    })?;
    if meta.is_file() {
        return Ok(());
    }
    let (what, hint) = if meta.is_dir() {
        (
            "a directory",
            " (kforge snapshot list DIR lists the snapshots in it)",
        )
    } else {
        ("a special file (a FIFO, socket or device)", "")
    };
    Err(Error::NotAFile {
        path: path.to_path_buf(),
        what,
        hint,
    })
}

/// The status, and the trailer's state when it was checked (`None`: not
/// asked for, or no trailer).
fn status_checking(
    path: &Path,
    check: bool,
) -> Result<(SnapshotStatus, Option<TrailerState>), Error> {
    require_file(path)?;
    let file = File::open(path).map_err(|source| Error::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let content = |source: ContentError| Error::Content {
        path: path.to_path_buf(),
        source,
    };
    let size = file.metadata().map_err(read_err)?.len();
    let parse = || -> Result<SnapshotStatus, ContentError> {
        let db = Db::from_reader(&file)?;
        status_of_db(&db)
    };
    if !check || !has_trailer(size) {
        let mut st = parse().map_err(content)?;
        st.has_trailer = has_trailer(size);
        return Ok((st, None));
    }
    // One pass: a second thread reads the file front to back and hashes it
    // while this one walks the tree; the walk touches pages the reader has
    // just brought into the page cache (or soon will), so the disk is read
    // once and the time is that of the hash alone.
    let hash_file = reopen(&file).map_err(read_err)?;
    let stop = AtomicBool::new(false);
    let (parsed, trailer) = std::thread::scope(|s| {
        let hasher = s.spawn(|| check_trailer_sequential(&hash_file, size, &stop));
        let parsed = parse();
        if parsed.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        let trailer = match hasher.join() {
            Ok(t) => t,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        (parsed, trailer)
    });
    let mut st = parsed.map_err(content)?;
    let trailer = trailer.map_err(read_err)?;
    st.has_trailer = true;
    st.trailer_valid = trailer.map(|state| state == TrailerState::Valid);
    Ok((st, trailer))
}

/// A second open file description for the same file (its own offset and
/// readahead state, so the sequential reader is not disturbed by the tree
/// walk's jumps); the same description when /proc is not there.
fn reopen(file: &File) -> io::Result<File> {
    let fd = std::os::fd::AsRawFd::as_raw_fd(file);
    match File::open(format!("/proc/self/fd/{fd}")) {
        Ok(f) => Ok(f),
        Err(_) => file.try_clone(),
    }
}

/// The status of an open database (no trailer check: `has_trailer` is
/// false, `trailer_valid` `None`).
pub fn status_of_db<R: ReadAt>(db: &Db<R>) -> Result<SnapshotStatus, ContentError> {
    let mut crc = 0u32;
    let mut revision = 0i64;
    let mut total_key = 0u64;
    db.for_each_bucket(|name, bucket| {
        crc = crc32c::crc32c_append(crc, name);
        let is_key_bucket = name == KEY_BUCKET;
        db.for_each_kv(&bucket, |k, v| {
            crc = crc32c::crc32c_append(crc, k);
            if let Value::Data(v) = v {
                crc = crc32c::crc32c_append(crc, v);
            }
            if is_key_bucket {
                revision = main_revision(k)?;
            }
            total_key += 1;
            Ok::<(), ContentError>(())
        })
    })?;
    Ok(SnapshotStatus {
        hash: crc,
        revision,
        total_key,
        total_size: db.size(),
        version: storage_version(db)?,
        has_trailer: false,
        trailer_valid: None,
    })
}

/// The main revision of a `key` bucket key (big-endian, as etcd stores it;
/// etcdutl reinterprets the u64 as i64).
fn main_revision(key: &[u8]) -> Result<i64, ContentError> {
    mvcc::revision_key(key)
        .map(|r| r.revision.main)
        .ok_or(ContentError::BadRevisionKey { len: key.len() })
}

/// `meta`/`storageVersion` normalized as etcdutl 3.6 prints it
/// (`MAJOR.MINOR.PATCH`), `None` when absent or not a version.
fn storage_version<R: ReadAt>(db: &Db<R>) -> Result<Option<String>, bbolt::Error> {
    let Some(meta) = db.bucket(&db.root(), META_BUCKET)? else {
        return Ok(None);
    };
    let Some(raw) = db.get(&meta, STORAGE_VERSION_KEY)? else {
        return Ok(None);
    };
    Ok(std::str::from_utf8(&raw).ok().and_then(normalize_version))
}

/// "3.6.0", "v3.6", "3.6.0-alpha.0" -> "3.6.0", "3.6.0", "3.6.0-alpha.0".
fn normalize_version(s: &str) -> Option<String> {
    let s = s.strip_prefix('v').unwrap_or(s);
    let split = s.find(['-', '+']).unwrap_or(s.len());
    let (core, suffix) = s.split_at(split);
    let mut parts = Vec::new();
    for p in core.split('.') {
        if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        parts.push(p.parse::<u64>().ok()?);
    }
    if parts.len() > 3 || suffix == "-" || suffix == "+" {
        return None;
    }
    parts.resize(3, 0);
    Some(format!("{}.{}.{}{suffix}", parts[0], parts[1], parts[2]))
}

/// Checks the sha256 trailer of the snapshot at `path`, reading the body
/// once in fixed-size chunks.
pub fn verify_trailer(path: &Path) -> Result<TrailerState, Error> {
    let read_err = |source| Error::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = File::open(path).map_err(|source| Error::Open {
        path: path.to_path_buf(),
        source,
    })?;
    let size = file.metadata().map_err(read_err)?.len();
    check_trailer(&file, size).map_err(read_err)
}

fn check_trailer(file: &File, size: u64) -> io::Result<TrailerState> {
    if !has_trailer(size) {
        return Ok(TrailerState::Absent);
    }
    let never = AtomicBool::new(false);
    Ok(check_trailer_sequential(file, size, &never)?.unwrap_or(TrailerState::Absent))
}

/// Bytes read (and hashed) at a time: large enough that syscalls cost
/// nothing, small enough to stay in the CPU cache between the copy and
/// the hash.
const HASH_BLOCK: usize = 1 << 20;

/// Hashes the body of a file that has a trailer, front to back, and
/// compares the trailer. `None` when `stop` was set before the end.
/// SHA-256 is aws-lc's (the assembly OpenSSL uses, with the SHA
/// extensions where the CPU has them): as fast as `openssl dgst -sha256`.
fn check_trailer_sequential(
    file: &File,
    size: u64,
    stop: &AtomicBool,
) -> io::Result<Option<TrailerState>> {
    advise_sequential(file);
    let body = size - TRAILER_SIZE;
    let mut ctx = digest::Context::new(&digest::SHA256);
    let mut buf = vec![0u8; HASH_BLOCK];
    let mut offset = 0u64;
    while offset < body {
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        let want = (body - offset).min(buf.len() as u64) as usize;
        file.read_exact_at(&mut buf[..want], offset)?;
        ctx.update(&buf[..want]);
        offset += want as u64;
    }
    let mut stored = [0u8; 32];
    file.read_exact_at(&mut stored, body)?;
    let mut computed = [0u8; 32];
    computed.copy_from_slice(ctx.finish().as_ref());
    Ok(Some(if stored == computed {
        TrailerState::Valid
    } else {
        TrailerState::Mismatch { stored, computed }
    }))
}

/// Tells the kernel the file is read front to back (larger readahead).
fn advise_sequential(file: &File) {
    let fd = std::os::fd::AsRawFd::as_raw_fd(file);
    // SAFETY: a valid open descriptor; advice only, the result is ignored.
    unsafe {
        libc::posix_fadvise(fd, 0, 0, libc::POSIX_FADV_SEQUENTIAL);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailer_rule() {
        assert!(has_trailer(4096 * 6 + 32));
        assert!(!has_trailer(4096 * 6));
        assert!(!has_trailer(0));
    }

    #[test]
    fn versions_normalize_like_semver() {
        assert_eq!(normalize_version("3.6.0").as_deref(), Some("3.6.0"));
        assert_eq!(normalize_version("v3.6").as_deref(), Some("3.6.0"));
        assert_eq!(
            normalize_version("3.7.0-alpha.0").as_deref(),
            Some("3.7.0-alpha.0")
        );
        assert_eq!(normalize_version(""), None);
        assert_eq!(normalize_version("3.x"), None);
        assert_eq!(normalize_version("1.2.3.4"), None);
    }

    #[test]
    fn revision_keys() {
        let mut k = 0x0102i64.to_be_bytes().to_vec();
        k.push(b'_');
        k.extend_from_slice(&7u64.to_be_bytes());
        assert_eq!(main_revision(&k).unwrap(), 0x0102);
        k.push(b't');
        assert_eq!(main_revision(&k).unwrap(), 0x0102);
        assert!(matches!(
            main_revision(&k[..9]),
            Err(ContentError::BadRevisionKey { len: 9 })
        ));
    }
}
