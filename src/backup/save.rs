//! `snapshot save`: stream etcd's Maintenance.Snapshot to disk so that, at
//! any moment (kill -9 included), the final name holds either nothing or a
//! complete snapshot whose sha256 trailer and bbolt structure were verified.
//!
//! The bytes go to a hidden temporary file in the target directory while a
//! running SHA-256 is kept; after the stream ends the file is fsynced, the
//! trailer compared, the database opened and its status computed, and only
//! then is it renamed into place (without replacing anything unless forced)
//! and the directory fsynced. In cron mode (`--dir`) a lock file in the
//! directory keeps two runs from overlapping; each run also locks its own
//! temporary file, so leftovers of killed runs are told from live ones.

use super::metrics;
use super::naming::{self, Retention};
use super::retention;
use crate::etcd::client::{self, EtcdEndpoint};
use crate::exit::Locked;
use anyhow::{anyhow, bail, Context, Result};
use aws_lc_rs::digest;
use etcd_format::snapshot_file;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;
use time::OffsetDateTime;

/// Name of the lock file kept in the snapshot directory.
pub const LOCK_FILE: &str = ".kforge-snapshot.lock";
const TEMP_PREFIX: &str = ".kforge-snapshot-";
const TEMP_SUFFIX: &str = ".part";

/// Where the snapshot goes.
#[derive(Debug, Clone)]
pub enum Target {
    /// Exactly this file; an existing file is replaced only with `force`.
    File { path: PathBuf, force: bool },
    /// `DIR/PREFIX-NODE-<UTC timestamp>-rev<revision>.db`: the name its
    /// uploads get too (`naming::format_remote`).
    Dir {
        dir: PathBuf,
        prefix: String,
        node: String,
    },
}

impl Target {
    pub fn dir(&self) -> PathBuf {
        match self {
            Target::File { path, .. } => match path.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            },
            Target::Dir { dir, .. } => dir.clone(),
        }
    }
}

/// What a successful save reports (`-o json` prints it on one line).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Saved {
    pub file: PathBuf,
    #[serde(rename = "sizeBytes")]
    pub size: u64,
    pub revision: i64,
    pub hash: u32,
    pub total_key: u64,
    pub duration_seconds: f64,
    pub endpoint: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<PathBuf>,
    /// When the stream started (RFC 3339 UTC, ms); the time in the name.
    #[serde(serialize_with = "ser_time")]
    pub taken: OffsetDateTime,
    /// The etcd cluster and member the snapshot came from (`%x`).
    #[serde(serialize_with = "ser_id")]
    pub cluster_id: u64,
    #[serde(serialize_with = "ser_id")]
    pub member_id: u64,
    /// The sha256 trailer (= sha256 of the database), hex.
    pub db_sha256: String,
}

fn ser_time<S: serde::Serializer>(t: &OffsetDateTime, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&super::record::rfc3339_ms(*t))
}

fn ser_id<S: serde::Serializer>(id: &u64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&crate::etcd::ops::fmt_id(*id))
}

/// The cluster and member IDs in a response header (etcd fills them in
/// every response, `status` included).
fn header_ids(h: Option<&etcd_client::ResponseHeader>) -> (u64, u64) {
    h.map_or((0, 0), |h| (h.cluster_id(), h.member_id()))
}

/// Holds the directory's lock until dropped.
pub type DirLock = kforge_fs::lock::LockFile;

/// Fails unless `dir` is an existing directory ("no such directory", "not
/// a directory"), in one line naming it. Nothing is created: a typo in a
/// cron line must fail, not start a new backup tree.
pub fn check_dir(dir: &Path) -> Result<()> {
    match fs_err::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => bail!("snapshot directory {}: not a directory", dir.display()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!("snapshot directory {}: no such directory", dir.display())
        }
        Err(e) => Err(e).context("snapshot directory"),
    }
}

/// Takes the snapshot directory's lock (cron mode and prune: they name,
/// list and delete files in it), or fails with [`Locked`] (exit 4). The
/// directory must exist.
pub fn lock_dir(dir: &Path) -> Result<DirLock> {
    check_dir(dir)?;
    kforge_fs::lock::exclusive(&dir.join(LOCK_FILE), "snapshot run")
}

/// Removes temporary files left by runs that were killed. A run holds an
/// exclusive lock on its own temporary file while it lives, so a file
/// whose lock can be taken is a dead run's leftover; no directory lock is
/// needed.
pub fn remove_stale_temp_files(dir: &Path) -> Result<Vec<PathBuf>> {
    kforge_fs::lock::remove_stale(dir, TEMP_PREFIX, TEMP_SUFFIX)
}

/// Checks a FILE-mode target before any work: not a directory, and not an
/// existing file unless `force`.
pub fn check_file_target(path: &Path, force: bool) -> Result<()> {
    match fs_err::symlink_metadata(path) {
        Ok(m) if m.is_dir() || fs_err::metadata(path).is_ok_and(|m| m.is_dir()) => bail!(
            "{} is a directory; name a file to write (or use --dir DIR for timestamped names)",
            path.display()
        ),
        Ok(_) if !force => bail!(
            "{} exists already (pass --force to replace it)",
            path.display()
        ),
        _ => Ok(()),
    }
}

/// A new temporary file in `dir`, locked by this run (see
/// [`remove_stale_temp_files`]).
fn locked_temp_file(dir: &Path) -> Result<tempfile::NamedTempFile> {
    kforge_fs::lock::locked_temp_file(dir, TEMP_PREFIX, TEMP_SUFFIX)
}

/// Streams a snapshot from etcd and installs it as described in the module doc.
/// In cron mode, `retention` is applied after the snapshot is in place,
/// under the same directory lock (the new snapshot is never deleted).
pub async fn save(
    ep: &EtcdEndpoint,
    target: &Target,
    retention: Retention,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Saved> {
    let started = Instant::now();
    let dir = target.dir();
    // Every check that can fail without etcd comes before connecting.
    check_dir(&dir)?;
    // Cron mode names, lists and deletes files in its directory: one run at
    // a time. A FILE-mode save touches only its own temporary file and its
    // target, so it takes no directory lock and leaves no lock file.
    let _lock = match target {
        Target::Dir { .. } => Some(lock_dir(&dir)?),
        Target::File { path, force } => {
            check_file_target(path, *force)?;
            None
        }
    };
    // A missing, expired or mismatched TLS file: its name and the reason,
    // not the TLS stack's "transport error".
    crate::etcd::tls_check::check_client_files(ep, OffsetDateTime::now_utc())?;
    remove_stale_temp_files(&dir)?;
    let mut tmp = locked_temp_file(&dir)?;
    let tmp_path = tmp.path().to_path_buf();
    let (mut client, endpoint) = client::first_answering(ep).await?;
    tracing::info!(%endpoint, "taking the snapshot from this member");
    let (cluster_id, member_id) = match client.status().await {
        Ok(st) => header_ids(st.header()),
        Err(e) => bail!("{endpoint}: status: {}", client::explain(&e)),
    };
    let taken = OffsetDateTime::now_utc();

    let mut stream = client
        .snapshot()
        .await
        .map_err(|e| anyhow!("{endpoint}: starting the snapshot: {}", client::explain(&e)))?;
    let mut hasher = digest::Context::new(&digest::SHA256);
    // The last 32 bytes seen are held back: they may be the trailer.
    let mut tail: Vec<u8> = Vec::with_capacity(64);
    let mut size: u64 = 0;
    while let Some(msg) = stream.message().await.map_err(|e| {
        anyhow!(
            "{endpoint}: snapshot stream broke after {size} bytes: {}",
            client::explain(&e)
        )
    })? {
        let blob = msg.blob();
        if let Some(pb) = progress {
            if pb.length().is_none() || size == 0 {
                pb.set_length(size + blob.len() as u64 + msg.remaining_bytes());
            }
        }
        tmp.write_all(blob)
            .with_context(|| format!("writing {}", tmp_path.display()))?;
        size += blob.len() as u64;
        tail.extend_from_slice(blob);
        if tail.len() > 32 {
            let cut = tail.len() - 32;
            hasher.update(&tail[..cut]);
            tail.drain(..cut);
        }
        if let Some(pb) = progress {
            pb.set_position(size);
        }
    }
    tmp.as_file()
        .sync_all()
        .with_context(|| format!("fsync {}", tmp_path.display()))?;
    if !snapshot_file::has_trailer(size) || tail.len() != 32 {
        bail!("{endpoint}: the snapshot stream ended after {size} bytes without a sha256 trailer (truncated?)");
    }
    let computed = hasher.finish();
    if computed.as_ref() != tail.as_slice() {
        bail!("{endpoint}: the snapshot's sha256 trailer does not match its content; the stream was corrupted");
    }
    let status = snapshot_file::status_unverified(&tmp_path)
        .context("the snapshot etcd sent does not open as a database")?;

    let final_path = match target {
        Target::File { path, .. } => path.clone(),
        Target::Dir { dir, prefix, node } => dir.join(naming::format_remote(
            prefix,
            node,
            taken,
            status.revision,
            false,
        )),
    };
    let force = matches!(target, Target::File { force: true, .. });
    if force {
        tmp.persist(&final_path).map_err(|e| e.error)
    } else {
        tmp.persist_noclobber(&final_path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                std::io::Error::new(
                    e.error.kind(),
                    "it exists already (pass --force to replace it)",
                )
            } else {
                e.error
            }
        })
    }
    .with_context(|| format!("moving the snapshot into place as {}", final_path.display()))?;
    crate::node::fsync_dir(&dir)?;
    let deleted = match target {
        Target::Dir { dir, prefix, .. } => {
            let protect = final_path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned());
            retention::apply(dir, prefix, retention, protect.as_deref(), false)?
                .into_iter()
                .map(|n| dir.join(n))
                .collect()
        }
        Target::File { .. } => vec![],
    };
    Ok(Saved {
        file: final_path,
        size,
        revision: status.revision,
        hash: status.hash,
        total_key: status.total_key,
        duration_seconds: started.elapsed().as_secs_f64(),
        endpoint,
        deleted,
        taken,
        cluster_id,
        member_id,
        db_sha256: super::record::hex(computed.as_ref()),
    })
}

/// A whole `snapshot save` run: [`save`], then, when `metrics_file` is
/// given, the Prometheus textfile updated for success or failure (not for
/// a run refused by another run's lock: that is not a failed backup). A
/// metrics file that cannot be written is a warning (even with `-q`).
pub async fn run(
    ep: &EtcdEndpoint,
    target: &Target,
    retention: Retention,
    metrics_file: Option<&Path>,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Saved> {
    if let Some(m) = metrics_file {
        // Checked first, as the target is: not found out after a whole save.
        super::metrics::check_dir(m)?;
    }
    let attempt = OffsetDateTime::now_utc();
    let started = Instant::now();
    // A signal or the run's --timeout drops the save where it waits (a
    // stalled etcd stream included): its temporary file is removed and the
    // lock released, and the failure is recorded below like any other.
    let result = match crate::runtime::until_stopped(save(ep, target, retention, progress)).await {
        Ok(r) => r,
        Err(stop) => Err(anyhow::Error::new(stop)),
    };
    if let Some(m) = metrics_file {
        let locked = result
            .as_ref()
            .err()
            .is_some_and(|e| e.chain().any(|c| c.is::<Locked>()));
        if !locked {
            let run = metrics::RunMetrics {
                attempt_unix: attempt.unix_timestamp_nanos() as f64 / 1e9,
                success: result.is_ok(),
                size_bytes: result.as_ref().ok().map(|s| s.size),
                duration_seconds: started.elapsed().as_secs_f64(),
                revision: result.as_ref().ok().map(|s| s.revision),
            };
            // A warning, even with `-q`, not a failure: the snapshot is
            // taken, and its record and uploads still follow.
            if let Err(e) = metrics::write(m, &run) {
                crate::output::warn(format!("writing metrics file {}: {e:#}", m.display()));
            }
        }
    }
    result
}

/// What [`stream_snapshot`] streamed.
#[derive(Debug, Clone)]
pub struct Streamed {
    pub endpoint: String,
    pub size: u64,
    /// The member's revision when the stream started (a write racing the
    /// snapshot can make the snapshot's own revision higher).
    pub revision: i64,
    /// The member's revision after the stream ended (the snapshot's own
    /// lies between the two).
    pub revision_end: i64,
    pub cluster_id: u64,
    pub member_id: u64,
    /// The sha256 trailer (= sha256 of the database), hex.
    pub db_sha256: String,
}

/// Streams a snapshot from the first member that answers into `sink`,
/// blob by blob (trailer included), without writing anything locally; the
/// first call carries the revision of the stream's response header. The
/// sha256 trailer is checked at the end: `Err` when it is missing or does
/// not match, so a caller completes its uploads only on `Ok`. The gRPC
/// stream runs on a thread of its own, so `sink` may block.
pub fn stream_snapshot(
    ep: &EtcdEndpoint,
    mut sink: impl FnMut(i64, &[u8]) -> Result<()>,
) -> Result<Streamed> {
    crate::etcd::tls_check::check_client_files(ep, OffsetDateTime::now_utc())?;
    type Msg = Result<(i64, Vec<u8>)>;
    let (tx, rx) = std::sync::mpsc::sync_channel::<Msg>(8);
    let ep2 = ep.clone();
    let (etx, erx) = std::sync::mpsc::channel::<String>();
    let (itx, irx) = std::sync::mpsc::channel::<(u64, u64, i64)>();
    let reader = std::thread::spawn(move || {
        let rt = match crate::runtime::current_thread() {
            Ok(rt) => rt,
            Err(e) => {
                let _ = tx.send(Err(e));
                return;
            }
        };
        rt.block_on(async move {
            let (mut client, endpoint) = match client::first_answering(&ep2).await {
                Ok(x) => x,
                Err(e) => {
                    let _ = tx.send(Err(e));
                    return;
                }
            };
            let _ = etx.send(endpoint.clone());
            // etcd fills no revision into snapshot responses: take the
            // member's revision just before the stream starts.
            let st0 = client.status().await.ok();
            let h0 = st0.as_ref().and_then(|s| s.header());
            let rev0 = h0.map(|h| h.revision()).unwrap_or(0);
            let (cluster_id, member_id) = header_ids(h0);
            let mut stream = match client.snapshot().await {
                Ok(s) => s,
                Err(e) => {
                    let _ = tx.send(Err(anyhow!(
                        "{endpoint}: starting the snapshot: {}",
                        client::explain(&e)
                    )));
                    return;
                }
            };
            let mut size = 0u64;
            loop {
                match stream.message().await {
                    Ok(Some(msg)) => {
                        let rev = msg
                            .header()
                            .map(|h| h.revision())
                            .filter(|r| *r > 0)
                            .unwrap_or(rev0);
                        size += msg.blob().len() as u64;
                        if tx.send(Ok((rev, msg.blob().to_vec()))).is_err() {
                            return; // the consumer gave up
                        }
                    }
                    Ok(None) => {
                        let end = client
                            .status()
                            .await
                            .ok()
                            .and_then(|s| s.header().map(|h| h.revision()))
                            .unwrap_or(0);
                        let _ = itx.send((cluster_id, member_id, end));
                        return;
                    }
                    Err(e) => {
                        let _ = tx.send(Err(anyhow!(
                            "{endpoint}: snapshot stream broke after {size} bytes: {}",
                            client::explain(&e)
                        )));
                        return;
                    }
                }
            }
        })
    });
    let mut hasher = digest::Context::new(&digest::SHA256);
    let mut tail: Vec<u8> = Vec::with_capacity(64);
    let mut size = 0u64;
    let mut revision = None;
    let mut stopped = false;
    let result: Result<()> = (|| {
        loop {
            // A stalled stream must not outlive a signal or the deadline.
            let m = match rx.recv_timeout(std::time::Duration::from_millis(100)) {
                Ok(m) => m,
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                    if let Some(s) = crate::interrupt::stop() {
                        stopped = true;
                        return Err(anyhow::Error::new(s));
                    }
                    continue;
                }
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
            };
            if let Some(s) = crate::interrupt::stop() {
                stopped = true;
                return Err(anyhow::Error::new(s));
            }
            let (rev, blob) = m?;
            let r = *revision.get_or_insert(rev);
            sink(r, &blob)?;
            size += blob.len() as u64;
            tail.extend_from_slice(&blob);
            if tail.len() > 32 {
                let cut = tail.len() - 32;
                hasher.update(&tail[..cut]);
                tail.drain(..cut);
            }
        }
        Ok(())
    })();
    drop(rx);
    if !stopped {
        // (A stopped run leaves the reader where it waits; the process
        // ends soon.)
        let _ = reader.join();
    }
    result?;
    let endpoint = erx.try_recv().unwrap_or_default();
    if !snapshot_file::has_trailer(size) || tail.len() != 32 {
        bail!("{endpoint}: the snapshot stream ended after {size} bytes without a sha256 trailer (truncated?)");
    }
    if hasher.finish().as_ref() != tail.as_slice() {
        bail!("{endpoint}: the snapshot's sha256 trailer does not match its content; the stream was corrupted");
    }
    let (cluster_id, member_id, end) = irx.try_recv().unwrap_or((0, 0, 0));
    if cluster_id == 0 {
        bail!("{endpoint}: could not read the member's cluster ID (status)");
    }
    let revision = revision.unwrap_or(0);
    Ok(Streamed {
        endpoint,
        size,
        revision,
        revision_end: end.max(revision),
        cluster_id,
        member_id,
        db_sha256: super::record::hex(&tail),
    })
}
