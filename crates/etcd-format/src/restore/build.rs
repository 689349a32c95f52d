//! The staged build of a new data directory: copy the database (hashing
//! it), rewrite it for the new cluster, write the WAL and the raft snapshot
//! file, fsync everything, and rename the build directories into place,
//! the WAL directory first so that a data dir never appears without its
//! WAL. See [`super::staging`] for why nothing half-made is ever left.

use super::copy::{copy_hashing, Ends};
use super::input::Snapshot;
use super::meta::{self, Rewritten};
use super::staging::{create_file, lock_dir, mkdir, split_target, sync, Staging};
use super::{HashCheck, Options};
use crate::{snapshot_file, wal};
use anyhow::{Context, Result};
use kforge_fs::fsync_dir;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// etcd preallocates WAL segments to this size (`wal.SegmentSizeBytes`).
pub const WAL_SEGMENT_BYTES: u64 = 64_000_000;

/// What the build did.
pub struct Built {
    pub sha256: HashCheck,
    pub rewritten: Rewritten,
    /// Build directories of killed earlier runs, removed.
    pub removed_stale: Vec<PathBuf>,
}

/// The build directories and the paths inside them.
struct Dirs {
    data: Staging,
    wal: Option<Staging>,
    member: PathBuf,
    snap: PathBuf,
    /// Where the WAL is written (inside `data` or `wal`).
    wal_dir: PathBuf,
}

/// Builds the data dir of `o` from the checked snapshot `s`.
pub fn build(o: &Options, s: &Snapshot, progress: Option<&dyn crate::Progress>) -> Result<Built> {
    // Lock the target's parent (and the WAL target's) for the whole run.
    let _locks = lock_targets(o)?;
    let mut removed_stale = Vec::new();
    let mut dirs = prepare(o, &mut removed_stale)?;
    let db_path = dirs.snap.join("db");
    let db_file = create_file(&db_path, 0o600)?;
    let sha256 = copy_db(o, s, &db_file, &db_path, progress)?;
    let rewritten = meta::rewrite(&db_file, &o.snapshot, &o.cluster, o.bump_revision)?;
    sync(&db_file, &db_path)?;
    drop(db_file);
    write_raft_state(&dirs, o)?;
    install(&mut dirs, o)?;
    Ok(Built {
        sha256,
        rewritten,
        removed_stale,
    })
}

/// Locks the parent of the data dir, and of the WAL dir when elsewhere.
fn lock_targets(o: &Options) -> Result<Vec<kforge_fs::lock::LockFile>> {
    let (data_parent, _) = split_target(&o.data_dir, "data dir")?;
    let mut locks = vec![lock_dir(&data_parent)?];
    if let Some(w) = &o.wal_dir {
        let (wal_parent, _) = split_target(w, "wal dir")?;
        fs_err::create_dir_all(&wal_parent)?;
        let same = fs_err::canonicalize(&wal_parent)? == fs_err::canonicalize(&data_parent)?;
        if !same {
            locks.push(lock_dir(&wal_parent)?);
        }
    }
    Ok(locks)
}

/// Creates the build directories and `member/`, `member/snap/` (and
/// `member/wal/` when the WAL stays inside) in them.
fn prepare(o: &Options, removed: &mut Vec<PathBuf>) -> Result<Dirs> {
    let data = Staging::new(&o.data_dir, "data dir", removed)?;
    let wal = match &o.wal_dir {
        Some(w) => Some(Staging::new(w, "wal dir", removed)?),
        None => None,
    };
    let member = data.path().join("member");
    let snap = member.join("snap");
    mkdir(&member)?;
    mkdir(&snap)?;
    let wal_dir = match &wal {
        Some(w) => w.path().to_path_buf(),
        None => {
            let d = member.join("wal");
            mkdir(&d)?;
            d
        }
    };
    Ok(Dirs {
        data,
        wal,
        member,
        snap,
        wal_dir,
    })
}

/// Copies the database, hashing on the way, and compares with the trailer.
fn copy_db(
    o: &Options,
    s: &Snapshot,
    db_file: &File,
    db_path: &Path,
    progress: Option<&dyn crate::Progress>,
) -> Result<HashCheck> {
    if let Some(pb) = progress {
        pb.set_length(s.body);
    }
    let ends = Ends {
        src: &s.file,
        src_path: &o.snapshot,
        dst: db_file,
        dst_path: db_path,
    };
    let check = s.has_trailer && !o.skip_hash_check;
    let Some(computed) = copy_hashing(&ends, s.body, check, progress)? else {
        return Ok(if s.has_trailer {
            HashCheck::Skipped
        } else {
            HashCheck::NoTrailer
        });
    };
    let mut stored = [0u8; 32];
    s.file
        .read_exact_at(&mut stored, s.body)
        .with_context(|| format!("reading the trailer of {}", o.snapshot.display()))?;
    if stored != computed {
        return Err(snapshot_file::Error::TrailerMismatch {
            path: o.snapshot.clone(),
            stored,
            computed,
        }
        .into());
    }
    Ok(HashCheck::Verified)
}

/// Writes the first WAL segment into `dir`, preallocated as etcd does.
fn write_wal(dir: &Path, o: &Options) -> Result<()> {
    let path = dir.join(wal::WAL_FILE_NAME);
    let f = create_file(&path, 0o600)?;
    // etcd preallocates segments; where the filesystem cannot, a short file
    // boots as well (the reader stops at the end of the records).
    // SAFETY: fallocate on an open descriptor we own; no memory involved.
    let r = unsafe { libc::fallocate(f.as_raw_fd(), 0, 0, WAL_SEGMENT_BYTES as libc::off_t) };
    if r != 0 {
        let e = io::Error::last_os_error();
        if !matches!(
            e.raw_os_error(),
            Some(libc::EOPNOTSUPP) | Some(libc::ENOSYS)
        ) {
            return Err(e).with_context(|| format!("preallocating {}", path.display()));
        }
    }
    let c = &o.cluster;
    let records = wal::wal_records(&c.members, c.local, c.id);
    f.write_all_at(&records, 0)
        .with_context(|| format!("writing {}", path.display()))?;
    sync(&f, &path)
}

/// The WAL and the raft snapshot file, then every directory fsynced.
fn write_raft_state(dirs: &Dirs, o: &Options) -> Result<()> {
    write_wal(&dirs.wal_dir, o)?;
    let members = &o.cluster.members;
    let snap_path = dirs.snap.join(wal::snap_file_name(members));
    let snap = create_file(&snap_path, 0o644)?;
    snap.write_all_at(&wal::snap_file(members), 0)
        .with_context(|| format!("writing {}", snap_path.display()))?;
    sync(&snap, &snap_path)?;
    for d in [&dirs.snap, &dirs.wal_dir, &dirs.member, dirs.data.path()] {
        fsync_dir(d)?;
    }
    Ok(())
}

/// Into place: the WAL directory first, so that a data dir never appears
/// without its WAL.
fn install(dirs: &mut Dirs, o: &Options) -> Result<()> {
    if let Some(w) = dirs.wal.as_mut() {
        w.install()?;
    }
    if let Err(e) = dirs.data.install() {
        if let Some(w) = &o.wal_dir {
            let _ = fs_err::remove_dir_all(w);
        }
        return Err(e);
    }
    Ok(())
}
