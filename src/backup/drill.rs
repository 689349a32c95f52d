//! `snapshot drill`: prove that a backup restores.
//!
//! 1. fetch the snapshot (a file or an object on a target) and decrypt it;
//! 2. verify its sha256 trailer and read its status;
//! 3. restore it into a temporary data dir with `restore` (the same code as
//!    `snapshot restore`), then walk the restored database: its revision
//!    and its keys (every live key and the sha256 of its value) must match
//!    the snapshot's;
//! 4. with an etcd binary: boot it on the restored data dir on loopback
//!    ports, read every key back through the client API and compare;
//! 5. remove everything it made (the etcd process is stopped, the temporary
//!    directory deleted), on success and failure alike, and on SIGINT or
//!    SIGTERM. The etcd runs in its own process group with a parent-death
//!    signal (`crate::process`), so a SIGKILL of kforge stops it too; the
//!    temporary directory is locked while the drill lives, and the next
//!    drill in the same work dir removes one a killed drill left.
//!
//! Keys are read back in pages bounded by bytes (about 2 MiB) with
//! a receive limit as large as etcd's own client's, so large values pass.

use super::metrics::{self, Change};
use super::offsite;
use crate::remote::{self, crypt};
use anyhow::{anyhow, bail, Context, Result};
use aws_lc_rs::digest;
use etcd_format::bbolt::{Db, Value};
use etcd_format::mvcc;
use etcd_format::restore;
use etcd_format::snapshot_file::{self, TrailerState};
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// The live keys of a database: key -> sha256 of its value.
pub type KeySet = BTreeMap<Vec<u8>, [u8; 32]>;

/// Walks bucket `key` in revision order: the last revision of each key
/// wins, a tombstone (a revision key marked `t`) deletes it.
pub fn live_keys(path: &Path) -> Result<KeySet> {
    let f = fs_err::File::open(path)?.into_file();
    let db = Db::open(f).with_context(|| path.display().to_string())?;
    let Some(bucket) = db
        .bucket(&db.root(), mvcc::KEY_BUCKET)
        .with_context(|| path.display().to_string())?
    else {
        return Ok(KeySet::new());
    };
    let mut out = KeySet::new();
    db.for_each_kv(&bucket, |k, v| {
        if let Some(s) = crate::interrupt::stop() {
            return Err(anyhow::Error::new(s));
        }
        let Value::Data(v) = v else {
            return Ok(());
        };
        let kv = mvcc::key_value(v).ok_or_else(|| {
            anyhow!("a revision in bucket \"key\" does not decode as a key-value")
        })?;
        let rev = mvcc::revision_key(k).ok_or_else(|| {
            anyhow!(
                "bucket \"key\" holds a key of {} bytes, too short for a revision",
                k.len()
            )
        })?;
        let (key, value) = (kv.key, kv.value);
        if rev.tombstone {
            out.remove(key);
        } else {
            let h = digest::digest(&digest::SHA256, value);
            let mut a = [0u8; 32];
            a.copy_from_slice(h.as_ref());
            out.insert(key.to_vec(), a);
        }
        Ok::<(), anyhow::Error>(())
    })
    .with_context(|| path.display().to_string())?;
    Ok(out)
}

/// What a drill asks for.
pub struct Request<'a> {
    pub source: &'a str,
    pub options: &'a remote::Options,
    pub identity: Option<&'a crypt::Identity>,
    pub prefix: &'a str,
    pub node: &'a str,
    /// Which snapshots it may use (cluster, signature keys).
    pub trust: &'a super::catalog::Trust,
    pub etcd_binary: Option<&'a Path>,
    /// Where the temporary files go (the system temp dir by default).
    pub work_dir: &'a Path,
}

/// What a drill found (`-o json`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub source: String,
    /// Which snapshot was drilled and what vouched for it.
    pub snapshot: offsite::Chosen,
    #[serde(skip)]
    pub warnings: Vec<String>,
    pub encrypted: bool,
    pub fetched_bytes: u64,
    pub sha256: &'static str,
    pub revision: i64,
    pub total_key: u64,
    /// Live keys in the snapshot (what a client reads).
    pub keys: u64,
    pub restored_revision: i64,
    pub restored_keys: u64,
    /// The etcd binary that booted the restored data and served every key.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etcd: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etcd_keys_read: Option<u64>,
    pub duration_seconds: f64,
    /// RFC 3339, UTC.
    pub finished: String,
}

/// The drill's temporary directory in the work dir: `kforge-drill-XXXXXX`.
const WORK_PREFIX: &str = "kforge-drill-";

/// Whether a failure is the work dir running out of space (ENOSPC or
/// EDQUOT anywhere in its chain).
fn no_space(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            io.kind() == std::io::ErrorKind::StorageFull
                || io.kind() == std::io::ErrorKind::QuotaExceeded
                || matches!(io.raw_os_error(), Some(libc::ENOSPC | libc::EDQUOT))
        })
    }) || {
        let s = format!("{e:#}");
        s.contains("No space left on device") || s.contains("Disk quota exceeded")
    }
}

/// A free loopback port (bound, read, released).
fn free_port() -> Result<u16> {
    let l = std::net::TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(l.local_addr()?.port())
}

/// Runs a drill (module doc). Everything it made is gone when it returns.
/// A full work dir is named as such, not blamed on the backup.
pub fn drill(r: &Request, progress: Option<&indicatif::ProgressBar>) -> Result<Report> {
    run(r, progress).map_err(|e| {
        if no_space(&e) {
            e.context(format!(
                "no space in {} for the drill's decrypted copy and restored data (free some or pass --work-dir DIR)",
                r.work_dir.display()
            ))
        } else {
            e
        }
    })
}

fn run(r: &Request, progress: Option<&indicatif::ProgressBar>) -> Result<Report> {
    let started = Instant::now();
    // A killed drill's leftovers (its decrypted copy, its restored data)
    // go first; a live drill's directory is locked and stays.
    for p in kforge_fs::lock::remove_stale(r.work_dir, WORK_PREFIX, "")? {
        crate::output::warn(format!("removed {} (left by a killed drill)", p.display()));
    }
    let work = kforge_fs::lock::LockedTempDir::new(r.work_dir, WORK_PREFIX)?;
    let say = |m: &str| {
        if let Some(b) = progress {
            b.set_message(m.to_string());
        }
        tracing::info!("drill: {m}");
    };
    say("fetching");
    let fetched = offsite::fetch(
        r.source,
        r.options,
        r.identity,
        &offsite::Select {
            prefix: r.prefix,
            node: r.node,
            trust: r.trust,
        },
        work.path(),
        progress,
    )?;
    say("verifying the sha256 trailer");
    // The trailer first: a damaged file is named as such, whatever else
    // the damage breaks.
    let trailer =
        snapshot_file::verify_trailer(&fetched.path).with_context(|| fetched.source.to_string())?;
    match trailer {
        TrailerState::Valid => {}
        TrailerState::Absent => bail!(
            "{}: no sha256 trailer: not a complete `snapshot save` file (truncated?)",
            fetched.source
        ),
        TrailerState::Mismatch { .. } => bail!(
            "{}: corrupt: its sha256 trailer does not match its content",
            fetched.source
        ),
    }
    let status = snapshot_file::status_unverified(&fetched.path)
        .with_context(|| fetched.source.to_string())?;
    let expected = live_keys(&fetched.path)?;

    say("restoring into a temporary data dir");
    let peer_port = free_port()?;
    let peer_url = format!("http://127.0.0.1:{peer_port}");
    let data_dir = work.path().join("data");
    let cluster = restore::resolve_cluster(&restore::ClusterFlags {
        name: "drill".into(),
        initial_cluster: None,
        token: "kforge-drill".into(),
        advertise_peer_urls: peer_url.clone(),
    })
    .map_err(|e| anyhow!(e))?;
    let restored = restore::restore(
        &restore::Options {
            snapshot: fetched.path.clone(),
            data_dir: data_dir.clone(),
            wal_dir: None,
            cluster,
            skip_hash_check: false,
            bump_revision: None,
        },
        None,
    )
    .with_context(|| format!("{}: restore failed", fetched.source))?;
    let db = data_dir.join("member/snap/db");
    let rst = snapshot_file::status_unverified(&db)
        .with_context(|| format!("restored {}", db.display()))?;
    if rst.revision != status.revision {
        bail!(
            "{}: the restored database is at revision {}, the snapshot at {}",
            fetched.source,
            rst.revision,
            status.revision
        );
    }
    if let Some(s) = crate::interrupt::stop() {
        return Err(anyhow::Error::new(s));
    }
    let got = live_keys(&db)?;
    compare(&expected, &got, "the restored database").with_context(|| fetched.source.clone())?;
    drop(restored);

    let mut etcd_keys_read = None;
    if let Some(bin) = r.etcd_binary {
        say("booting etcd on the restored data");
        let n = boot_and_read(bin, &data_dir, peer_port, &expected, status.revision).with_context(
            || {
                format!(
                    "{}: etcd {} on the restored data",
                    fetched.source,
                    bin.display()
                )
            },
        )?;
        etcd_keys_read = Some(n);
    }
    let report = Report {
        source: fetched.source.clone(),
        snapshot: fetched.chosen.clone(),
        warnings: fetched.warnings.clone(),
        encrypted: fetched.encrypted,
        fetched_bytes: fetched.fetched_bytes,
        sha256: "valid",
        revision: status.revision,
        total_key: status.total_key,
        keys: expected.len() as u64,
        restored_revision: rst.revision,
        restored_keys: got.len() as u64,
        etcd: r.etcd_binary.map(|p| p.display().to_string()),
        etcd_keys_read,
        duration_seconds: started.elapsed().as_secs_f64(),
        finished: crate::output::rfc3339_ms(OffsetDateTime::now_utc()),
    };
    drop(fetched);
    work.close()
        .context("removing the drill's temporary directory")?;
    Ok(report)
}

/// Fails naming the first difference between two key sets.
fn compare(want: &KeySet, got: &KeySet, what: &str) -> Result<()> {
    if want == got {
        return Ok(());
    }
    for (k, h) in want {
        match got.get(k) {
            None => bail!("{what} lacks key {:?}", String::from_utf8_lossy(k)),
            Some(g) if g != h => bail!(
                "{what} holds another value for key {:?}",
                String::from_utf8_lossy(k)
            ),
            _ => {}
        }
    }
    for k in got.keys() {
        if !want.contains_key(k) {
            bail!(
                "{what} holds key {:?} the snapshot does not",
                String::from_utf8_lossy(k)
            );
        }
    }
    bail!("{what}: {} keys, the snapshot {}", got.len(), want.len())
}

/// Keys per page when reading the restored etcd back, at most.
const PAGE_KEYS: i64 = 1000;
/// Bytes per page, about (etcd's default request limit is 1.5 MiB a value).
const PAGE_BYTES: usize = 2 << 20;

/// Boots `bin` on `data_dir` (loopback only), reads every key back and
/// compares it with `want`; returns the keys read.
fn boot_and_read(
    bin: &Path,
    data_dir: &Path,
    peer_port: u16,
    want: &KeySet,
    revision: i64,
) -> Result<u64> {
    let client_port = free_port()?;
    let client_url = format!("http://127.0.0.1:{client_port}");
    let peer_url = format!("http://127.0.0.1:{peer_port}");
    let log_path = data_dir.parent().unwrap_or(data_dir).join("etcd.log");
    let log = fs_err::File::create(&log_path)?.into_file();
    let mut cmd = std::process::Command::new(bin);
    cmd.args(["--name", "drill", "--data-dir"])
        .arg(data_dir)
        .args([
            "--listen-client-urls",
            &client_url,
            "--advertise-client-urls",
            &client_url,
            "--listen-peer-urls",
            &peer_url,
            "--initial-advertise-peer-urls",
            &peer_url,
            "--initial-cluster",
            &format!("drill={peer_url}"),
            "--initial-cluster-token",
            "kforge-drill",
        ])
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    // Its own process group and a parent-death signal: stopped when this
    // returns, and by the kernel if kforge is killed.
    let child = crate::process::spawn(&mut cmd)
        .with_context(|| format!("cannot start {}", bin.display()))?;
    let mut child = crate::process::Guard::new(child, Duration::from_secs(5));
    let rt = crate::runtime::current_thread()?;
    let tail = |p: &Path| -> String {
        let t = fs_err::read_to_string(p).unwrap_or_default();
        t.lines().rev().take(3).collect::<Vec<_>>().join(" | ")
    };
    let result = rt
        .block_on(crate::runtime::until_stopped(async {
            let deadline = Instant::now() + Duration::from_secs(60);
            let client = loop {
                if let Ok(Some(st)) = child.child().try_wait() {
                    bail!("etcd exited ({st}) before serving: {}", tail(&log_path));
                }
                let attempt = async {
                    let mut c = etcd_client::Client::connect([client_url.as_str()], None).await?;
                    c.status().await?;
                    Ok::<_, etcd_client::Error>(c)
                };
                match tokio::time::timeout(Duration::from_secs(3), attempt).await {
                    Ok(Ok(c)) => break c,
                    _ if Instant::now() > deadline => {
                        bail!("etcd did not serve within 60s: {}", tail(&log_path))
                    }
                    _ => tokio::time::sleep(Duration::from_millis(200)).await,
                }
            };
            // Every key, in pages, at one revision. etcd's own client accepts
            // responses of any size (MaxCallRecvMsgSize = MaxInt32); so does
            // this one, and pages are bounded by bytes too: about PAGE_BYTES,
            // sized from the values seen so far.
            let mut kv = client
                .kv_client()
                .max_decoding_message_size(i32::MAX as usize);
            let mut read = 0u64;
            let mut from: Vec<u8> = vec![0];
            let mut at_rev = 0i64;
            let mut limit = PAGE_KEYS;
            loop {
                let mut opts = etcd_client::GetOptions::new()
                    .with_range(vec![0])
                    .with_limit(limit);
                if at_rev > 0 {
                    opts = opts.with_revision(at_rev);
                }
                let resp = kv
                    .get(from.clone(), Some(opts))
                    .await
                    .context("reading keys")?;
                if at_rev == 0 {
                    at_rev = resp.header().map(|h| h.revision()).unwrap_or(0);
                    if at_rev != revision {
                        bail!("etcd serves revision {at_rev}, the snapshot is at {revision}");
                    }
                }
                for kv in resp.kvs() {
                    let h = digest::digest(&digest::SHA256, kv.value());
                    match want.get(kv.key()) {
                        None => bail!(
                            "etcd serves key {:?} the snapshot does not hold",
                            String::from_utf8_lossy(kv.key())
                        ),
                        Some(w) if w.as_slice() != h.as_ref() => bail!(
                            "etcd serves another value for key {:?}",
                            String::from_utf8_lossy(kv.key())
                        ),
                        _ => read += 1,
                    }
                }
                let bytes: usize = resp
                    .kvs()
                    .iter()
                    .map(|kv| kv.key().len() + kv.value().len())
                    .sum();
                if !resp.kvs().is_empty() {
                    let avg = (bytes / resp.kvs().len()).max(1);
                    limit = ((PAGE_BYTES / avg) as i64).clamp(1, PAGE_KEYS);
                }
                match resp.kvs().last() {
                    Some(last) if resp.more() => {
                        from = last.key().to_vec();
                        from.push(0);
                    }
                    _ => break,
                }
            }
            if read != want.len() as u64 {
                bail!("etcd served {read} keys, the snapshot holds {}", want.len());
            }
            Ok(read)
        }))
        .map_err(anyhow::Error::new)
        .and_then(|r| r);
    drop(child);
    result
}

/// Writes the drill's metrics (a failure keeps the last success's values).
pub fn write_metrics(
    path: &Path,
    attempt: OffsetDateTime,
    result: &Result<Report>,
    duration: f64,
) -> Result<()> {
    let t = attempt.unix_timestamp_nanos() as f64 / 1e9;
    let mut c = vec![
        Change::Set(
            "kforge_snapshot_drill_last_attempt_timestamp_seconds".into(),
            format!("{t:.3}"),
        ),
        Change::Set(
            "kforge_snapshot_drill_last_attempt_success".into(),
            u8::from(result.is_ok()).to_string(),
        ),
    ];
    if let Ok(r) = result {
        c.push(Change::Set(
            "kforge_snapshot_drill_last_success_timestamp_seconds".into(),
            format!("{t:.3}"),
        ));
        c.push(Change::Set(
            "kforge_snapshot_drill_last_success_duration_seconds".into(),
            format!("{duration:.3}"),
        ));
        c.push(Change::Set(
            "kforge_snapshot_drill_last_success_keys".into(),
            r.keys.to_string(),
        ));
        c.push(Change::Set(
            "kforge_snapshot_drill_last_success_revision".into(),
            r.revision.to_string(),
        ));
    }
    metrics::update(path, &c)
}

/// The default work directory: `$TMPDIR` or /tmp.
pub fn default_work_dir() -> PathBuf {
    std::env::temp_dir()
}
