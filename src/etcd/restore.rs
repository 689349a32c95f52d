//! `snapshot restore`: turn a snapshot into the data directory of a new etcd
//! cluster, as `etcdutl snapshot restore` does, so that etcd 3.4 and 3.5
//! boot from it with every key, revision and lease intact.
//!
//! What is written (see `shared/notes/etcd-snapshot-format.md`):
//! - `member/snap/db`: the snapshot without its sha256 trailer, with the
//!   `members` bucket holding the new members, `members_removed` emptied,
//!   and `meta` saying `consistent_index` = N (the number of members, the
//!   index of the raft log the new cluster starts from) and `term` = 1. The
//!   other meta keys (etcd's old `confState` too) stay, as etcdutl leaves
//!   them. With `--bump-revision R --mark-compacted`, bucket `key` gains an
//!   empty entry at revision `latest + R` and `meta` schedules a compaction
//!   there, so that clients (Kubernetes watch caches) never see the revision
//!   go backwards and must relist.
//! - the WAL and the raft snapshot file ([`super::wal`]), byte for byte
//!   etcdutl's.
//!
//! Why it is fast and small: the database is streamed once (read, sha256,
//! write, in 1 MiB chunks, its writeback started as it goes), then edited
//! at the page level ([`super::bbolt_edit`]): a few pages copied above the
//! high-water mark and a new meta page. Memory does not grow with the
//! database. etcdutl copies the file, reads it back to hash it, then opens
//! it with bbolt several times, each open mapping the file and walking every
//! page to rebuild the freelist.
//!
//! Why nothing half-made can be left at the target: everything is built in
//! a hidden directory beside the target (`.<name>.kforge-restore-XXXX`),
//! fsynced file by file and directory by directory, and renamed into place
//! last. A failure removes it; a kill leaves only the hidden directory,
//! which the next restore into the same place removes. A lock on the parent
//! directory keeps two restores from racing.
//!
//! Member and cluster IDs are etcd's: a member's ID is the first 8 bytes of
//! sha1(its sorted peer URLs concatenated, then the cluster token); the
//! cluster's is the first 8 bytes of sha1(the sorted member IDs as 8-byte
//! big-endian numbers). Every member of a cluster restores the same file
//! with the same `--initial-cluster` and token, and they agree.
//!
//! The Kubernetes-aware mode ([`kube_target`], [`apply_manifest`]) reads
//! the member from kubeadm's `etcd.yaml`, restores into a new directory next
//! to the old one (which is kept), and with `--apply` points the manifest
//! at it the way kubeadm's documented procedure does by hand.

use super::bbolt::{self, Db};
use super::bbolt_edit::{self, Change};
use super::snapshot_file;
use super::wal::{self, Member};
use crate::exit::Locked;
use crate::node::{fsync_dir, LocalNode, Node};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeMap;
use std::fs::{self, File};
use std::io;
use std::os::unix::fs::{DirBuilderExt, FileExt, OpenOptionsExt, PermissionsExt};
use std::os::unix::io::AsRawFd;
use std::path::{Component, Path, PathBuf};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// etcdutl's defaults.
pub const DEFAULT_NAME: &str = "default";
pub const DEFAULT_TOKEN: &str = "etcd-cluster";
pub const DEFAULT_PEER_URLS: &str = "http://localhost:2380";
/// The bump the Kubernetes-aware mode applies unless told otherwise: far
/// more revisions than a cluster writes between a snapshot and its restore.
pub const KUBERNETES_BUMP: u64 = 1_000_000_000;
/// etcd preallocates WAL segments to this size (`wal.SegmentSizeBytes`).
pub const WAL_SEGMENT_BYTES: u64 = 64_000_000;
/// Bytes read, hashed and written at a time.
const COPY_CHUNK: usize = 1 << 20;
/// Chunks between the copy and the hashing thread (memory: this many MiB).
const COPY_BUFFERS: usize = 4;
/// Bytes written before their writeback is started (see [`copy_hashing`]).
const WRITEBACK_WINDOW: u64 = 16 << 20;
/// Bucket names and meta keys etcd uses.
const KEY_BUCKET: &[u8] = b"key";
const META_BUCKET: &[u8] = b"meta";
const MEMBERS_BUCKET: &[u8] = b"members";
const MEMBERS_REMOVED_BUCKET: &[u8] = b"members_removed";
const CONSISTENT_INDEX_KEY: &[u8] = b"consistent_index";
const TERM_KEY: &[u8] = b"term";
const SCHEDULED_COMPACT_KEY: &[u8] = b"scheduledCompactRev";
/// A revision key: 8-byte main revision, `_`, 8-byte sub revision.
const REVISION_LEN: usize = 17;
/// Marks our build directories beside the target.
const TEMP_MARK: &str = ".kforge-restore-";

// ---------------------------------------------------------------------------
// Membership

/// The flags that define the new cluster, as given (etcdutl's names).
#[derive(Debug, Clone)]
pub struct ClusterFlags {
    pub name: String,
    /// `--initial-cluster`; `None` means `<name>=<initial-advertise-peer-urls>`.
    pub initial_cluster: Option<String>,
    pub token: String,
    /// `--initial-advertise-peer-urls`, comma-separated.
    pub advertise_peer_urls: String,
}

/// The new cluster: its members sorted by ID, and which one is this member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub members: Vec<Member>,
    pub local: u64,
    pub id: u64,
    pub token: String,
}

impl Cluster {
    pub fn local(&self) -> &Member {
        self.members
            .iter()
            .find(|m| m.id == self.local)
            .expect("the local member is a member")
    }
}

/// A peer URL in the form etcd's `types.NewURLs` leaves it (scheme in lower
/// case), or why it is not acceptable. Stricter than Go's URL parser on
/// oddities (user info, query, fragment): a peer URL is `scheme://host:port`.
pub fn parse_peer_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(format!("{s:?} is not a URL (expected scheme://host:port)"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "unix" | "unixs") {
        return Err(format!(
            "{s:?}: URL scheme must be http, https, unix, or unixs"
        ));
    }
    if rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
        return Err(format!(
            "{s:?}: a peer URL is scheme://host:port, without path, query or user"
        ));
    }
    if scheme.starts_with("http") {
        let port = match rest.strip_prefix('[') {
            Some(v6) => v6.split_once("]:").map(|(_, p)| p),
            None => rest
                .split_once(':')
                .filter(|(_, p)| !p.contains(':'))
                .map(|(_, p)| p),
        };
        if !port.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
            return Err(format!(
                "{s:?}: URL address does not have the form \"host:port\""
            ));
        }
    }
    Ok(format!("{scheme}://{rest}"))
}

/// Go's `url.QueryUnescape` (etcd parses `--initial-cluster` as a query).
fn query_unescape(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("invalid escape in {s:?}"))?;
                out.push(hex);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("{s:?} is not UTF-8 once unescaped"))
}

fn sha1_prefix(data: &[u8]) -> u64 {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, data);
    let mut first = [0u8; 8];
    first.copy_from_slice(&d.as_ref()[..8]);
    u64::from_be_bytes(first)
}

/// etcd's member ID: sha1(sorted peer URLs concatenated + token).
pub fn member_id(sorted_urls: &[String], token: &str) -> u64 {
    let mut b = sorted_urls.concat().into_bytes();
    b.extend_from_slice(token.as_bytes());
    sha1_prefix(&b)
}

/// etcd's cluster ID: sha1(sorted member IDs, 8-byte big-endian each).
pub fn cluster_id(sorted_ids: &[u64]) -> u64 {
    let b: Vec<u8> = sorted_ids.iter().flat_map(|id| id.to_be_bytes()).collect();
    sha1_prefix(&b)
}

/// Checks the flags as etcdutl's `VerifyBootstrap` does and computes the
/// members; the error is a usage message.
pub fn resolve_cluster(f: &ClusterFlags) -> Result<Cluster, String> {
    if f.name.is_empty() {
        return Err("--name must not be empty".into());
    }
    let mut advertised = f
        .advertise_peer_urls
        .split(',')
        .map(parse_peer_url)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("--initial-advertise-peer-urls: {e}"))?;
    advertised.sort();
    let initial = match &f.initial_cluster {
        Some(s) => s.clone(),
        None => advertised
            .iter()
            .map(|u| format!("{}={u}", f.name))
            .collect::<Vec<_>>()
            .join(","),
    };
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for part in initial.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let k = query_unescape(k).map_err(|e| format!("--initial-cluster: {e}"))?;
        let v = query_unescape(v).map_err(|e| format!("--initial-cluster: {e}"))?;
        let url =
            parse_peer_url(&v).map_err(|e| format!("--initial-cluster: member {k:?}: {e}"))?;
        if k.is_empty() {
            return Err(format!("--initial-cluster: {part:?} has no member name"));
        }
        by_name.entry(k).or_default().push(url);
    }
    if by_name.is_empty() {
        return Err("--initial-cluster is empty".into());
    }
    let mut seen = std::collections::HashSet::new();
    for urls in by_name.values_mut() {
        urls.sort();
        for u in urls.iter() {
            if !seen.insert(u.clone()) {
                return Err(format!("--initial-cluster has the URL {u} twice"));
            }
        }
    }
    match by_name.get(&f.name) {
        None => {
            return Err(format!(
                "couldn't find local name {:?} in the initial cluster configuration ({initial})",
                f.name
            ))
        }
        Some(urls) if *urls != advertised => {
            return Err(format!(
                "--initial-cluster has {}={} but --initial-advertise-peer-urls is {}; they must be the same URLs",
                f.name,
                urls.join(","),
                advertised.join(",")
            ))
        }
        Some(_) => {}
    }
    if by_name.len() > wal::EVENT_HISTORY_CAPACITY {
        return Err(format!(
            "more than {} members in --initial-cluster",
            wal::EVENT_HISTORY_CAPACITY
        ));
    }
    let mut members: Vec<Member> = by_name
        .into_iter()
        .map(|(name, peer_urls)| Member {
            id: member_id(&peer_urls, &f.token),
            name,
            peer_urls,
        })
        .collect();
    members.sort_by_key(|m| m.id);
    if members.iter().any(|m| m.id == 0) {
        return Err("a member ID computed to 0, which raft cannot use; change the token".into());
    }
    if members.windows(2).any(|w| w[0].id == w[1].id) {
        return Err("two members have the same ID (same peer URLs)".into());
    }
    let ids: Vec<u64> = members.iter().map(|m| m.id).collect();
    let local = members
        .iter()
        .find(|m| m.name == f.name)
        .map(|m| m.id)
        .unwrap_or_default();
    Ok(Cluster {
        id: cluster_id(&ids),
        members,
        local,
        token: f.token.clone(),
    })
}

// ---------------------------------------------------------------------------
// The restore

/// A resolved restore.
#[derive(Debug, Clone)]
pub struct Options {
    pub snapshot: PathBuf,
    pub data_dir: PathBuf,
    /// A WAL directory outside the data dir (`--wal-dir`).
    pub wal_dir: Option<PathBuf>,
    pub cluster: Cluster,
    pub skip_hash_check: bool,
    /// `--bump-revision N --mark-compacted` (N > 0).
    pub bump_revision: Option<u64>,
}

/// One member in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MemberOut {
    pub name: String,
    pub id: String,
    #[serde(rename = "peerURLs")]
    pub peer_urls: Vec<String>,
}

/// How the snapshot's integrity was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HashCheck {
    /// The sha256 trailer matched.
    Verified,
    /// `--skip-hash-check` with a trailer present (not checked).
    Skipped,
    /// `--skip-hash-check` and the file has no trailer (a raw member/snap/db).
    NoTrailer,
}

/// What a restore did (`-o json` prints it).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Restored {
    pub snapshot: PathBuf,
    pub data_dir: PathBuf,
    pub wal_dir: PathBuf,
    pub name: String,
    pub member_id: String,
    pub cluster_id: String,
    pub initial_cluster_token: String,
    pub members: Vec<MemberOut>,
    pub sha256: HashCheck,
    /// Bytes of database copied.
    pub size: u64,
    /// The latest revision in the snapshot.
    pub revision: i64,
    /// With `--bump-revision`: the revision the restored etcd starts at,
    /// compacted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bumped_revision: Option<i64>,
    pub duration_seconds: f64,
    /// Build directories of killed earlier runs, removed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub removed_stale: Vec<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kubernetes: Option<KubernetesOut>,
}

/// The error for bad input: one line naming the file and the problem.
fn bad_input(path: &Path, e: &dyn std::error::Error) -> anyhow::Error {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        msg.push_str(": ");
        msg.push_str(&c.to_string());
        cur = c.source();
    }
    anyhow!("snapshot {}: {msg}", path.display())
}

/// The parent directory and final name of a target path.
fn split_target(path: &Path, what: &str) -> Result<(PathBuf, String)> {
    let name = match path.components().next_back() {
        Some(Component::Normal(n)) => n.to_string_lossy().into_owned(),
        _ => {
            return Err(crate::exit::usage(format!(
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
fn ensure_free(path: &Path, what: &str) -> Result<()> {
    match fs::read_dir(path) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            bail!("{what} {} exists and is not a directory", path.display())
        }
        Err(e) => Err(e).with_context(|| format!("reading {what} {}", path.display())),
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
fn lock_dir(dir: &Path) -> Result<File> {
    fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let lock = File::open(dir).with_context(|| format!("opening {}", dir.display()))?;
    match lock.try_lock() {
        Ok(()) => Ok(lock),
        Err(fs::TryLockError::WouldBlock) => Err(anyhow::Error::new(Locked(format!(
            "another kforge snapshot restore is writing in {}; not starting a second one",
            dir.display()
        )))),
        Err(fs::TryLockError::Error(e)) => {
            Err(e).with_context(|| format!("locking {}", dir.display()))
        }
    }
}

/// A build directory beside its target.
struct Staging {
    parent: PathBuf,
    target: PathBuf,
    build: Option<tempfile::TempDir>,
}

impl Staging {
    /// Removes build directories of killed runs for `target` and creates a
    /// new one (mode 0700) beside it. Call with the parent locked.
    fn new(target: &Path, what: &str, removed: &mut Vec<PathBuf>) -> Result<Staging> {
        let (parent, name) = split_target(target, what)?;
        ensure_free(target, what)?;
        let prefix = format!(".{name}{TEMP_MARK}");
        for entry in
            fs::read_dir(&parent).with_context(|| format!("listing {}", parent.display()))?
        {
            let entry = entry.with_context(|| format!("listing {}", parent.display()))?;
            if entry.file_name().to_string_lossy().starts_with(&prefix) {
                fs::remove_dir_all(entry.path())
                    .with_context(|| format!("removing stale {}", entry.path().display()))?;
                removed.push(entry.path());
            }
        }
        let build = tempfile::Builder::new()
            .prefix(&prefix)
            .tempdir_in(&parent)
            .with_context(|| format!("creating a build directory in {}", parent.display()))?;
        fs::set_permissions(build.path(), fs::Permissions::from_mode(0o700))
            .with_context(|| format!("setting mode of {}", build.path().display()))?;
        Ok(Staging {
            parent,
            target: target.to_path_buf(),
            build: Some(build),
        })
    }

    fn path(&self) -> &Path {
        self.build.as_ref().expect("not yet installed").path()
    }

    /// Renames the build directory to the target and makes that durable.
    fn install(&mut self) -> Result<()> {
        let build = self.build.take().expect("installed once");
        let from = build.keep();
        fs::rename(&from, &self.target)
            .with_context(|| format!("renaming {} to {}", from.display(), self.target.display()))
            .inspect_err(|_| {
                let _ = fs::remove_dir_all(&from);
            })?;
        fsync_dir(&self.parent)
    }
}

fn mkdir(path: &Path) -> Result<()> {
    fs::DirBuilder::new()
        .mode(0o700)
        .create(path)
        .with_context(|| format!("creating {}", path.display()))
}

fn create_file(path: &Path, mode: u32) -> Result<File> {
    let f = File::options()
        .read(true)
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    f.set_permissions(fs::Permissions::from_mode(mode))
        .with_context(|| format!("setting mode of {}", path.display()))?;
    Ok(f)
}

fn sync(f: &File, path: &Path) -> Result<()> {
    f.sync_all()
        .with_context(|| format!("fsync {}", path.display()))
}

/// Copies `len` bytes of `src` to `dst`, hashing them when asked; the
/// progress bar follows the bytes.
///
/// Why a thread for the hash: SHA-256 is most of the CPU time of a restore
/// and needs nothing but the bytes, so a second thread hashes each chunk
/// while the next one is read and written ([`COPY_BUFFERS`] chunks in
/// flight). Why aws-lc's SHA-256 and not the `sha2` crate's: its assembly
/// ran 2.3 times faster here.
///
/// Why the `sync_file_range` calls: the copy must be on disk before it is
/// renamed into place, and one fsync at the end would first let gigabytes
/// of dirty pages pile up and then wait for all of them. Starting the
/// writeback of each window as soon as it is written, and waiting for the
/// window before it, keeps the disk busy while the next window is read and
/// hashed, and keeps the dirty pages to two windows. (Advisory: where the
/// call fails, the final fsync does all the work.)
fn copy_hashing(
    src: &File,
    src_path: &Path,
    dst: &File,
    dst_path: &Path,
    len: u64,
    hash: bool,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Option<[u8; 32]>> {
    // SAFETY: advice about a descriptor we own; no memory involved.
    unsafe {
        libc::posix_fadvise(
            src.as_raw_fd(),
            0,
            len as libc::off_t,
            libc::POSIX_FADV_SEQUENTIAL,
        )
    };
    std::thread::scope(|scope| {
        let (to_hash, hash_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(COPY_BUFFERS);
        let (to_reuse, reuse_rx) = std::sync::mpsc::sync_channel::<Vec<u8>>(COPY_BUFFERS);
        let hasher = hash.then(|| {
            scope.spawn(move || {
                let mut ctx = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
                for buf in hash_rx {
                    ctx.update(&buf);
                    // Fails only once the copy has stopped; then nobody needs it.
                    let _ = to_reuse.send(buf);
                }
                let mut digest = [0u8; 32];
                digest.copy_from_slice(ctx.finish().as_ref());
                digest
            })
        });
        let buffers = if hash { COPY_BUFFERS } else { 1 };
        let mut spare: Vec<Vec<u8>> = (0..buffers)
            .map(|_| Vec::with_capacity(COPY_CHUNK))
            .collect();
        let mut offset = 0u64;
        // Writeback started for ..started, finished for ..done.
        let (mut started, mut done) = (0u64, 0u64);
        while offset < len {
            let mut buf = match spare.pop() {
                Some(b) => b,
                None => reuse_rx
                    .recv()
                    .map_err(|_| anyhow!("the hashing thread stopped"))?,
            };
            let n = (len - offset).min(COPY_CHUNK as u64) as usize;
            buf.resize(n, 0);
            src.read_exact_at(&mut buf, offset).map_err(|e| {
                if e.kind() == io::ErrorKind::UnexpectedEof {
                    anyhow!(
                        "snapshot {}: the file shrank to less than {} bytes while it was read",
                        src_path.display(),
                        offset + n as u64
                    )
                } else {
                    anyhow!(e).context(format!("reading {}", src_path.display()))
                }
            })?;
            dst.write_all_at(&buf, offset)
                .with_context(|| format!("writing {}", dst_path.display()))?;
            if hash {
                to_hash
                    .send(buf)
                    .map_err(|_| anyhow!("the hashing thread stopped"))?;
            } else {
                spare.push(buf);
            }
            offset += n as u64;
            if offset - started >= WRITEBACK_WINDOW || offset == len {
                let fd = dst.as_raw_fd();
                // SAFETY: as above. (A length of 0 would mean "to the end".)
                unsafe {
                    if started > done {
                        libc::sync_file_range(
                            fd,
                            done as libc::off64_t,
                            (started - done) as libc::off64_t,
                            libc::SYNC_FILE_RANGE_WAIT_BEFORE
                                | libc::SYNC_FILE_RANGE_WRITE
                                | libc::SYNC_FILE_RANGE_WAIT_AFTER,
                        );
                    }
                    libc::sync_file_range(
                        fd,
                        started as libc::off64_t,
                        (offset - started) as libc::off64_t,
                        libc::SYNC_FILE_RANGE_WRITE,
                    );
                }
                done = started;
                started = offset;
            }
            if let Some(pb) = progress {
                pb.set_position(offset);
            }
        }
        drop(to_hash);
        hasher
            .map(|h| h.join().map_err(|_| anyhow!("the hashing thread panicked")))
            .transpose()
    })
}

/// A revision key `main_sub` as etcd stores it.
fn revision_key(main: i64, sub: i64) -> Vec<u8> {
    let mut k = Vec::with_capacity(REVISION_LEN);
    k.extend_from_slice(&main.to_be_bytes());
    k.push(b'_');
    k.extend_from_slice(&sub.to_be_bytes());
    k
}

/// Writes the first WAL segment into `dir`, preallocated as etcd does.
fn write_wal(dir: &Path, cluster: &Cluster) -> Result<()> {
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
    let records = wal::wal_records(&cluster.members, cluster.local, cluster.id);
    f.write_all_at(&records, 0)
        .with_context(|| format!("writing {}", path.display()))?;
    sync(&f, &path)
}

/// Restores `o.snapshot` as described in the module doc.
pub fn restore(o: &Options, progress: Option<&indicatif::ProgressBar>) -> Result<Restored> {
    let started = Instant::now();
    if let Some(w) = &o.wal_dir {
        if w.starts_with(&o.data_dir) {
            return Err(crate::exit::usage(
                "--wal-dir must lie outside --data-dir (without it the WAL goes to DATA_DIR/member/wal)",
            ));
        }
    }
    let src_path = &o.snapshot;
    let src = File::open(src_path)
        .and_then(|f| f.metadata().map(|m| (f, m.len())))
        .map_err(|e| anyhow!("cannot open snapshot {}: {e}", src_path.display()));
    let (src, size) = src?;
    let has_trailer = snapshot_file::has_trailer(size);
    if !has_trailer && !o.skip_hash_check {
        bail!(
            "snapshot {} has no sha256 trailer (a copy of member/snap/db?); pass --skip-hash-check to restore it anyway",
            src_path.display()
        );
    }
    let body = if has_trailer {
        size - snapshot_file::TRAILER_SIZE
    } else {
        size
    };
    // Fail fast on what is not a bbolt file at all, before writing anything.
    {
        let src_db = Db::open(src.try_clone().context("duplicating a file handle")?)
            .map_err(|e| bad_input(src_path, &e))?;
        if src_db.size() > body {
            let e = bbolt::Error::TruncatedDb {
                pages: src_db.meta().pgid,
                page_size: src_db.page_size(),
                size: body,
            };
            return Err(bad_input(src_path, &e));
        }
    }

    // Lock the target's parent (and the WAL target's, when elsewhere) for
    // the whole run.
    let (data_parent, _) = split_target(&o.data_dir, "data dir")?;
    let mut locks = vec![lock_dir(&data_parent)?];
    if let Some(w) = &o.wal_dir {
        let (wal_parent, _) = split_target(w, "wal dir")?;
        fs::create_dir_all(&wal_parent)
            .with_context(|| format!("creating {}", wal_parent.display()))?;
        if fs::canonicalize(&wal_parent)? != fs::canonicalize(&data_parent)? {
            locks.push(lock_dir(&wal_parent)?);
        }
    }
    let mut removed_stale = Vec::new();
    let mut data = Staging::new(&o.data_dir, "data dir", &mut removed_stale)?;
    let mut wal_stage = match &o.wal_dir {
        Some(w) => Some(Staging::new(w, "wal dir", &mut removed_stale)?),
        None => None,
    };
    let member = data.path().join("member");
    let snap_dir = member.join("snap");
    mkdir(&member)?;
    mkdir(&snap_dir)?;
    let wal_dir = match &wal_stage {
        Some(w) => w.path().to_path_buf(),
        None => {
            let d = member.join("wal");
            mkdir(&d)?;
            d
        }
    };

    // 1. Copy, hashing on the way; compare with the trailer.
    let db_path = snap_dir.join("db");
    let db_file = create_file(&db_path, 0o600)?;
    if let Some(pb) = progress {
        pb.set_length(body);
    }
    let check = has_trailer && !o.skip_hash_check;
    let digest = copy_hashing(&src, src_path, &db_file, &db_path, body, check, progress)?;
    let sha256 = match digest {
        Some(computed) => {
            let mut stored = [0u8; 32];
            src.read_exact_at(&mut stored, body)
                .with_context(|| format!("reading the trailer of {}", src_path.display()))?;
            if stored != computed {
                return Err(snapshot_file::Error::TrailerMismatch {
                    path: src_path.clone(),
                    stored,
                    computed,
                }
                .into());
            }
            HashCheck::Verified
        }
        None if has_trailer => HashCheck::Skipped,
        None => HashCheck::NoTrailer,
    };

    // 2. Edit the copy: membership, meta, and the revision bump.
    let db = Db::open(db_file.try_clone()?).map_err(|e| bad_input(src_path, &e))?;
    for needed in [KEY_BUCKET, META_BUCKET] {
        if db
            .bucket(&db.root(), needed)
            .map_err(|e| bad_input(src_path, &e))?
            .is_none()
        {
            bail!(
                "snapshot {}: not an etcd database (it has no \"{}\" bucket)",
                src_path.display(),
                String::from_utf8_lossy(needed)
            );
        }
    }
    let last = bbolt_edit::last_key(&db, KEY_BUCKET).map_err(|e| bad_input(src_path, &e))?;
    let main = match &last {
        None => 0i64,
        Some(k) if k.len() >= REVISION_LEN => {
            i64::from_be_bytes(k[..8].try_into().unwrap_or_default())
        }
        Some(k) => bail!(
            "snapshot {}: bucket \"key\" holds a key of {} bytes, too short for a revision",
            src_path.display(),
            k.len()
        ),
    };
    let n = o.cluster.members.len() as u64;
    let members: Vec<bbolt_edit::Entry> = o
        .cluster
        .members
        .iter()
        .map(|m| (m.id_hex().into_bytes(), m.json().into_bytes()))
        .collect();
    let mut meta = vec![
        (CONSISTENT_INDEX_KEY.to_vec(), n.to_be_bytes().to_vec()),
        (TERM_KEY.to_vec(), wal::TERM.to_be_bytes().to_vec()),
    ];
    let mut changes: Vec<(&[u8], Change)> = vec![
        (MEMBERS_BUCKET, Change::Replace(members)),
        (MEMBERS_REMOVED_BUCKET, Change::Replace(Vec::new())),
    ];
    let bumped = match o.bump_revision {
        Some(bump) => {
            let to = i64::try_from(bump)
                .ok()
                .and_then(|b| main.checked_add(b))
                .ok_or_else(|| {
                    crate::exit::usage(format!(
                        "--bump-revision {bump} would take revision {main} past the largest revision etcd can hold"
                    ))
                })?;
            // etcdutl: an empty value at {latest + N, 0}, and a compaction
            // scheduled there.
            changes.push((
                KEY_BUCKET,
                Change::Append((revision_key(to, 0), Vec::new())),
            ));
            meta.push((SCHEDULED_COMPACT_KEY.to_vec(), revision_key(to, 0)));
            Some(to)
        }
        None => None,
    };
    changes.push((META_BUCKET, Change::Put(meta)));
    bbolt_edit::apply(&db, &db_file, &changes).map_err(|e| bad_input(src_path, &e))?;
    drop(db);
    sync(&db_file, &db_path)?;
    drop(db_file);

    // 3. The raft state.
    write_wal(&wal_dir, &o.cluster)?;
    let snap_path = snap_dir.join(wal::snap_file_name(&o.cluster.members));
    let snap = create_file(&snap_path, 0o644)?;
    snap.write_all_at(&wal::snap_file(&o.cluster.members), 0)
        .with_context(|| format!("writing {}", snap_path.display()))?;
    sync(&snap, &snap_path)?;
    for d in [&snap_dir, &wal_dir, &member, data.path()] {
        fsync_dir(d)?;
    }

    // 4. Into place: the WAL directory first, so that a data dir never
    // appears without its WAL.
    if let Some(w) = wal_stage.as_mut() {
        w.install()?;
    }
    if let Err(e) = data.install() {
        if let Some(w) = &o.wal_dir {
            let _ = fs::remove_dir_all(w);
        }
        return Err(e);
    }
    let local = o.cluster.local();
    Ok(Restored {
        snapshot: o.snapshot.clone(),
        data_dir: o.data_dir.clone(),
        wal_dir: o
            .wal_dir
            .clone()
            .unwrap_or_else(|| o.data_dir.join("member").join("wal")),
        name: local.name.clone(),
        member_id: local.id_hex(),
        cluster_id: format!("{:x}", o.cluster.id),
        initial_cluster_token: o.cluster.token.clone(),
        members: o
            .cluster
            .members
            .iter()
            .map(|m| MemberOut {
                name: m.name.clone(),
                id: m.id_hex(),
                peer_urls: m.peer_urls.clone(),
            })
            .collect(),
        sha256,
        size: body,
        revision: main,
        bumped_revision: bumped,
        duration_seconds: started.elapsed().as_secs_f64(),
        removed_stale,
        kubernetes: None,
    })
}

// ---------------------------------------------------------------------------
// Kubernetes-aware mode

/// The etcd static pod manifest kubeadm writes.
pub const ETCD_MANIFEST: &str = crate::paths::ETCD_MANIFEST;
/// Where manifests are moved to stop their pods (kubeadm's temp directory).
pub const KUBERNETES_TMP: &str = crate::paths::KUBERNETES_TMP;

/// What the manifest says about this member, and where the restore goes
/// (node paths).
#[derive(Debug, Clone)]
pub struct KubeTarget {
    pub manifest: PathBuf,
    pub flags: ClusterFlags,
    /// The data directory on the host (the hostPath mounted at `--data-dir`).
    pub old_data_dir: PathBuf,
    pub new_data_dir: PathBuf,
    /// The name of the hostPath volume holding the data directory.
    pub volume: String,
    /// `--listen-client-urls`, to tell when etcd has stopped.
    pub client_urls: Vec<String>,
    /// Other members named in the manifest's `--initial-cluster`.
    pub other_members: Vec<String>,
    pub stamp: String,
}

impl KubeTarget {
    /// Where `--apply` keeps the original manifest (node path), in kubeadm's
    /// temporary directory.
    pub fn manifest_backup(&self) -> PathBuf {
        Path::new(KUBERNETES_TMP)
            .join(format!("kforge-restore-{}", self.stamp))
            .join(crate::components::etcd_manifest_file!())
    }
}

/// What the Kubernetes-aware mode adds to the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesOut {
    pub manifest: PathBuf,
    pub old_data_dir: PathBuf,
    /// Whether `--bump-revision 1000000000 --mark-compacted` was applied by
    /// default.
    pub default_bump: bool,
    pub applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_backup: Option<PathBuf>,
    pub next_steps: Vec<String>,
}

/// `YYYYMMDDTHHMMSSZ`.
pub fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads the member's settings from `/etc/kubernetes/manifests/etcd.yaml`
/// and picks the new data directory next to the old one.
pub fn kube_target(node: &dyn Node, now: OffsetDateTime) -> Result<KubeTarget> {
    let pod = crate::staticpod::read(node, "etcd")?;
    let manifest = PathBuf::from(ETCD_MANIFEST);
    let shown = node.real_path(&manifest).display().to_string();
    let flag = |name: &str| -> Result<String> {
        pod.flag(name)
            .ok_or_else(|| anyhow!("{shown}: etcd has no --{name} flag"))
    };
    if pod.flag("wal-dir").is_some() {
        bail!("{shown}: etcd runs with --wal-dir; restore with --data-dir and --wal-dir instead");
    }
    let name = flag("name")?;
    let peer_urls = flag("initial-advertise-peer-urls")?;
    let data_dir = flag("data-dir")?;
    let token = pod
        .flag("initial-cluster-token")
        .unwrap_or_else(|| DEFAULT_TOKEN.to_string());
    // The data directory must be a hostPath volume mounted exactly at
    // --data-dir (kubeadm's layout): that is what gets repointed.
    let container = pod.container()?;
    let mount = container
        .volume_mounts
        .iter()
        .find(|m| Path::new(&m.mount_path) == Path::new(&data_dir))
        .ok_or_else(|| anyhow!("{shown}: no volume is mounted at --data-dir={data_dir}"))?;
    let host = pod
        .spec
        .volumes
        .iter()
        .find(|v| v.name == mount.name)
        .and_then(|v| v.host_path.as_ref())
        .ok_or_else(|| anyhow!("{shown}: volume {} is not a hostPath volume", mount.name))?;
    let old = PathBuf::from(&host.path);
    let (parent, base) = split_target(&old, "etcd data dir")?;
    let stamp = stamp(now);
    let other_members = pod
        .flag("initial-cluster")
        .unwrap_or_default()
        .split(',')
        .filter_map(|p| p.split_once('=').map(|(n, _)| n.to_string()))
        .filter(|n| *n != name)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    Ok(KubeTarget {
        manifest,
        flags: ClusterFlags {
            initial_cluster: None,
            name,
            token,
            advertise_peer_urls: peer_urls,
        },
        new_data_dir: parent.join(format!("{base}-restore-{stamp}")),
        old_data_dir: old,
        volume: mount.name.clone(),
        client_urls: pod
            .flag("listen-client-urls")
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        other_members,
        stamp,
    })
}

/// The manifest with `--data-dir`, the data volume's mount path and its
/// hostPath all set to `new_dir`.
pub fn rewrite_manifest(text: &str, shown: &str, volume: &str, new_dir: &Path) -> Result<String> {
    let new = new_dir.display().to_string();
    let mut doc: serde_json::Value =
        serde_yaml_ng::from_str(text).map_err(|e| anyhow!("{shown}: not valid YAML: {e}"))?;
    let bad = || anyhow!("{shown}: not an etcd pod manifest kforge can rewrite");
    let spec = doc.get_mut("spec").ok_or_else(bad)?;
    let mut flags = 0;
    let mut mounts = 0;
    {
        let c = spec
            .get_mut("containers")
            .and_then(|c| c.get_mut(0))
            .ok_or_else(bad)?;
        for list in ["command", "args"] {
            for a in c
                .get_mut(list)
                .and_then(|l| l.as_array_mut())
                .into_iter()
                .flatten()
            {
                if a.as_str().is_some_and(|s| s.starts_with("--data-dir=")) {
                    *a = format!("--data-dir={new}").into();
                    flags += 1;
                }
            }
        }
        for m in c
            .get_mut("volumeMounts")
            .and_then(|l| l.as_array_mut())
            .into_iter()
            .flatten()
        {
            if m.get("name").and_then(|n| n.as_str()) == Some(volume) {
                m["mountPath"] = new.clone().into();
                mounts += 1;
            }
        }
    }
    let mut volumes = 0;
    for v in spec
        .get_mut("volumes")
        .and_then(|l| l.as_array_mut())
        .into_iter()
        .flatten()
    {
        if v.get("name").and_then(|n| n.as_str()) == Some(volume) {
            let hp = v.get_mut("hostPath").ok_or_else(bad)?;
            hp["path"] = new.clone().into();
            volumes += 1;
        }
    }
    if (flags, mounts, volumes) != (1, 1, 1) {
        return Err(bad());
    }
    Ok(serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(
        doc,
    ))?)
}

/// The socket addresses a listen URL is reached at (wildcards as loopback).
fn dial_addrs(url: &str) -> Vec<std::net::SocketAddr> {
    use std::net::ToSocketAddrs;
    let Some((scheme, rest)) = url.trim().split_once("://") else {
        return vec![];
    };
    if scheme.starts_with("unix") {
        return vec![];
    }
    let rest = rest.split('/').next().unwrap_or_default();
    let rest = rest
        .replacen("0.0.0.0:", "127.0.0.1:", 1)
        .replacen("[::]:", "[::1]:", 1);
    rest.to_socket_addrs()
        .map(|a| a.collect())
        .unwrap_or_default()
}

/// Waits until nothing accepts connections on the client URLs.
fn wait_stopped(urls: &[String], timeout: Duration) -> Option<std::net::SocketAddr> {
    let addrs: Vec<_> = urls.iter().flat_map(|u| dial_addrs(u)).collect();
    let deadline = Instant::now() + timeout;
    loop {
        let listening = addrs
            .iter()
            .copied()
            .find(|a| std::net::TcpStream::connect_timeout(a, Duration::from_millis(500)).is_ok());
        match listening {
            None => return None,
            Some(a) if Instant::now() >= deadline => return Some(a),
            Some(_) => std::thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// `--apply`: stops etcd by moving its manifest out (kubeadm's way: the
/// kubelet stops a static pod whose manifest disappears), waits for it to
/// stop, and writes the manifest back pointing at the restored directory.
/// Returns where the original manifest was kept (real path).
pub fn apply_manifest(node: &LocalNode, t: &KubeTarget, stop_timeout: Duration) -> Result<PathBuf> {
    let manifest = node.real_path(&t.manifest);
    let shown = manifest.display().to_string();
    let text = fs::read_to_string(&manifest).with_context(|| format!("reading {shown}"))?;
    // Everything that can fail without touching the node comes first.
    let new_text = rewrite_manifest(&text, &shown, &t.volume, &t.new_data_dir)?;
    let inst = crate::install::Installer::new(node, false)?;
    let backup = node.real_path(&t.manifest_backup());
    let backup_dir = backup.parent().map(Path::to_path_buf).unwrap_or_default();
    let manifests_dir = manifest.parent().map(Path::to_path_buf).unwrap_or_default();
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(&backup_dir)
        .with_context(|| format!("creating {}", backup_dir.display()))?;
    fs::rename(&manifest, &backup)
        .with_context(|| format!("moving {shown} to {}", backup.display()))?;
    fsync_dir(&manifests_dir)?;
    fsync_dir(&backup_dir)?;
    let put_back = || -> Result<()> {
        fs::rename(&backup, &manifest)
            .with_context(|| format!("putting {shown} back from {}", backup.display()))?;
        fsync_dir(&manifests_dir)
    };
    if let Some(addr) = wait_stopped(&t.client_urls, stop_timeout) {
        put_back()?;
        bail!(
            "etcd still answers on {addr} {}s after its manifest was moved out; the manifest is back, unchanged. \
             The restored data is in {}; stop etcd and follow the next steps by hand",
            stop_timeout.as_secs(),
            node.real_path(&t.new_data_dir).display()
        );
    }
    let installed = inst
        .patch_of(
            &t.manifest,
            Some(text.as_bytes()),
            new_text.as_bytes(),
            crate::staticpod::MANIFEST_MODE,
        )
        .and_then(|_| inst.save_ledger());
    if let Err(e) = installed {
        // Whatever happened, etcd must not stay without a manifest.
        if !manifest.exists() {
            put_back()?;
        }
        return Err(e);
    }
    Ok(backup)
}

/// The steps left to the operator, with real paths.
pub fn next_steps(node: &LocalNode, t: &KubeTarget, applied: bool) -> Vec<String> {
    let manifest = node.real_path(&t.manifest).display().to_string();
    let tmp = node
        .real_path(Path::new(KUBERNETES_TMP))
        .display()
        .to_string();
    let new = t.new_data_dir.display().to_string();
    let old = node.real_path(&t.old_data_dir).display().to_string();
    let mut steps = Vec::new();
    if !applied {
        steps.push(format!(
            "Stop etcd (and with it the API server): mkdir -p {tmp} && mv {manifest} {tmp}/etcd.yaml"
        ));
        steps.push(format!(
            "In {tmp}/etcd.yaml set --data-dir={new}, and the mountPath of volume {vol} and its hostPath path to {new}",
            vol = t.volume
        ));
        steps.push(format!(
            "Start etcd from the restored data: mv {tmp}/etcd.yaml {manifest}"
        ));
        steps.push("(Or run this command again with --apply, which does the three steps above with a new restore.)".into());
    }
    steps.push("Wait until etcd and the API server are healthy: kforge health".into());
    steps.push(
        "Restart kube-controller-manager, kube-scheduler and the kubelets so that nothing acts on state newer than the snapshot"
            .into(),
    );
    if !t.other_members.is_empty() {
        steps.push(format!(
            "This node now runs a one-member etcd cluster; the other members ({}) must be reset and joined again",
            t.other_members.join(", ")
        ));
    }
    steps.push(format!(
        "The old data directory {old} is kept: remove it once the cluster is healthy"
    ));
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(name: &str, cluster: Option<&str>, urls: &str) -> ClusterFlags {
        ClusterFlags {
            name: name.into(),
            initial_cluster: cluster.map(str::to_string),
            token: "tok".into(),
            advertise_peer_urls: urls.into(),
        }
    }

    #[test]
    fn ids_match_etcdutl() {
        // etcdutl 3.5: --name m1 --initial-cluster m1=http://127.0.0.1:2380,m2=http://127.0.0.1:2381
        // --initial-advertise-peer-urls http://127.0.0.1:2380 --initial-cluster-token tok
        let c = resolve_cluster(&flags(
            "m1",
            Some("m1=http://127.0.0.1:2380,m2=http://127.0.0.1:2381"),
            "http://127.0.0.1:2380",
        ))
        .unwrap();
        let ids: Vec<String> = c.members.iter().map(Member::id_hex).collect();
        assert_eq!(ids, ["321b4ccd5c32edea", "71405583d3e2d5ce"]);
        assert_eq!(c.local().name, "m1");
        assert_eq!(format!("{:x}", c.id), "8d9fa1f3dd2c1d34");
        // etcd's well-known single-member defaults.
        let d = resolve_cluster(&ClusterFlags {
            name: DEFAULT_NAME.into(),
            initial_cluster: None,
            token: DEFAULT_TOKEN.into(),
            advertise_peer_urls: DEFAULT_PEER_URLS.into(),
        })
        .unwrap();
        assert_eq!(d.local().id_hex(), "8e9e05c52164694d");
        assert_eq!(format!("{:x}", d.id), "cdf818194e3a8c32");
    }

    #[test]
    fn flags_are_checked_like_etcdutl() {
        let err = |f: ClusterFlags| resolve_cluster(&f).unwrap_err();
        assert!(err(flags("x", Some("m1=http://a:1"), "http://a:1"))
            .contains("couldn't find local name"));
        assert!(err(flags("m1", Some("m1=http://a:1"), "http://b:1")).contains("must be the same"));
        assert!(err(flags(
            "m1",
            Some("m1=http://a:1,m2=http://a:1"),
            "http://a:1"
        ))
        .contains("twice"));
        assert!(err(flags("m1", Some("m1=http://a"), "http://a")).contains("host:port"));
        assert!(err(flags("m1", Some("m1=ftp://a:1"), "ftp://a:1")).contains("scheme"));
        assert!(err(flags("m1", Some("m1=http://a:1/x"), "http://a:1/x")).contains("without path"));
        assert!(err(flags("", None, "http://a:1")).contains("--name"));
        // Several URLs for one member, given in any order; escapes decoded.
        let c = resolve_cluster(&flags(
            "m 1",
            Some("m+1=http://b:1,m%201=HTTP://a:1"),
            "http://a:1,http://b:1",
        ))
        .unwrap();
        assert_eq!(c.local().peer_urls, ["http://a:1", "http://b:1"]);
        assert_eq!(
            parse_peer_url(" http://[::1]:2380 ").unwrap(),
            "http://[::1]:2380"
        );
        assert!(parse_peer_url("http://::1:2380").is_err());
    }

    #[test]
    fn stamps_are_utc() {
        let t = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        assert_eq!(stamp(t), "20231114T221320Z");
    }

    #[test]
    fn manifest_rewrite_moves_flag_mount_and_volume() {
        let text = r#"
apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.21-0
    command: [etcd, --data-dir=/var/lib/etcd, --name=cp1]
    volumeMounts:
    - {mountPath: /var/lib/etcd, name: etcd-data}
    - {mountPath: /etc/kubernetes/pki/etcd, name: etcd-certs}
  volumes:
  - hostPath: {path: /var/lib/etcd, type: DirectoryOrCreate}
    name: etcd-data
  - hostPath: {path: /etc/kubernetes/pki/etcd, type: DirectoryOrCreate}
    name: etcd-certs
"#;
        let out = rewrite_manifest(
            text,
            "etcd.yaml",
            "etcd-data",
            Path::new("/var/lib/etcd-restore-x"),
        )
        .unwrap();
        let pod = crate::staticpod::parse(&out, "etcd.yaml").unwrap();
        assert_eq!(
            pod.flag("data-dir").as_deref(),
            Some("/var/lib/etcd-restore-x")
        );
        assert_eq!(pod.flag("name").as_deref(), Some("cp1"));
        let c = pod.container().unwrap();
        assert_eq!(c.volume_mounts[0].mount_path, "/var/lib/etcd-restore-x");
        assert_eq!(c.volume_mounts[1].mount_path, "/etc/kubernetes/pki/etcd");
        let hp: Vec<&str> = pod
            .spec
            .volumes
            .iter()
            .map(|v| v.host_path.as_ref().unwrap().path.as_str())
            .collect();
        assert_eq!(hp, ["/var/lib/etcd-restore-x", "/etc/kubernetes/pki/etcd"]);
        assert!(rewrite_manifest(text, "etcd.yaml", "nope", Path::new("/x")).is_err());
    }

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
