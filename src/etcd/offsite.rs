//! Snapshots on off-node targets (`crate::remote`): uploading a verified
//! snapshot (encrypted while it streams), listing and pruning what kforge
//! named there, and fetching one back (decrypted) for status, restore and
//! drills.
//!
//! Names on a target carry the node name
//! (`PREFIX-NODE-<UTC time>-rev<N>.db[.age]`, [`naming::format_remote`]), so
//! two control planes sharing a bucket never count or prune each other's
//! snapshots. Retention applies per target, only to names kforge made for
//! this node, and never deletes the newest one. Every object kforge names is
//! complete and verified: the snapshot's sha256 trailer and structure are
//! checked before its upload starts, and an upload becomes visible only
//! when it completes.

use super::metrics::{self, Change};
use super::naming::{self, RemoteName, Retention};
use crate::remote::{self, crypt, Store, TargetUrl};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// This machine's node name: the kernel's host name (short form).
pub fn default_node_name() -> String {
    let raw = std::fs::read_to_string("/proc/sys/kernel/hostname").unwrap_or_default();
    let short = raw.trim().split('.').next().unwrap_or("").to_string();
    if naming::valid_node_name(&short) {
        short
    } else {
        "node".into()
    }
}

/// A reader that counts bytes and moves a progress bar.
struct Counting<'a, R> {
    inner: R,
    n: u64,
    bar: Option<&'a indicatif::ProgressBar>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n += k as u64;
        if let Some(b) = self.bar {
            b.set_position(self.n);
        }
        Ok(k)
    }
}

/// Streams `src` to `store` as `name`, through age when `recipients` is
/// not empty. Any failure aborts the upload (nothing appears under
/// `name`). Returns the bytes stored.
pub fn upload_reader(
    store: &dyn Store,
    src: &mut dyn Read,
    name: &str,
    recipients: &crypt::Recipients,
) -> Result<u64> {
    let mut up = store.put(name)?;
    let copied: Result<()> = (|| {
        if recipients.is_empty() {
            remote::copy_chunked(src, &mut up)?;
        } else {
            let mut w = recipients.encrypt(&mut up)?;
            remote::copy_chunked(src, &mut w)?;
            w.finish()?;
        }
        up.flush()?;
        Ok(())
    })();
    match copied {
        Ok(()) => up.finish(),
        Err(e) => match up.abort() {
            // Nothing left behind; the copy's error says why.
            Ok(()) => Err(e.context(format!("{}/{name}", store.url()))),
            // The transport's own error says why, and what was left.
            Err(a) => Err(a),
        },
    }
}

/// What happened on one target after a save.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Uploaded {
    pub target: String,
    pub name: String,
    pub ok: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bytes: Option<u64>,
    pub encrypted: bool,
    pub duration_seconds: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retention_error: Option<String>,
    #[serde(skip)]
    pub warnings: Vec<String>,
}

/// What to upload and where.
pub struct UploadPlan<'a> {
    pub targets: &'a [TargetUrl],
    pub options: &'a remote::Options,
    pub recipients: &'a crypt::Recipients,
    pub prefix: &'a str,
    pub node: &'a str,
    pub retention: Retention,
    pub metrics_file: Option<&'a Path>,
}

/// Uploads the verified snapshot `local` (taken at `taken`, at `revision`)
/// to every target in turn, then applies retention on each target the
/// upload reached. One target's failure never stops the others, and never
/// touches `local`.
pub fn upload_saved(
    plan: &UploadPlan,
    local: &Path,
    taken: OffsetDateTime,
    revision: i64,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<Uploaded> {
    let encrypted = !plan.recipients.is_empty();
    let name = naming::format_remote(plan.prefix, plan.node, taken, revision, encrypted);
    let mut out = Vec::new();
    for url in plan.targets {
        let started = Instant::now();
        let target = url.to_string();
        let mut warnings = Vec::new();
        let attempt = (|| -> Result<u64> {
            let store = remote::open(url, plan.options)?;
            warnings = store.warnings();
            warnings.extend(abort_unfinished(store.as_ref(), plan)?);
            let f = std::fs::File::open(local)
                .with_context(|| format!("opening {}", local.display()))?;
            if let Some(b) = progress {
                b.set_length(f.metadata().map(|m| m.len()).unwrap_or(0));
                b.set_position(0);
                b.set_message(format!("uploading to {target}"));
            }
            let mut src = Counting {
                inner: crate::interrupt::Stoppable(f),
                n: 0,
                bar: progress,
            };
            upload_reader(store.as_ref(), &mut src, &name, plan.recipients)
        })();
        let duration = started.elapsed().as_secs_f64();
        let mut u = Uploaded {
            target: target.clone(),
            name: name.clone(),
            ok: attempt.is_ok(),
            bytes: attempt.as_ref().ok().copied(),
            encrypted,
            duration_seconds: duration,
            error: attempt.as_ref().err().map(|e| format!("{e:#}")),
            deleted: vec![],
            retention_error: None,
            warnings,
        };
        apply_retention(&mut u, url, plan);
        out.push(u);
    }
    record_metrics(plan.metrics_file, &out);
    out
}

/// Aborts the uploads of this node's snapshots that an earlier run left
/// unfinished on `store` (see [`remote::Store::abort_unfinished`]); a line
/// for each, for the report. Other nodes' uploads (in progress, maybe) are
/// never touched, and this node runs one save at a time (the lock).
fn abort_unfinished(store: &dyn remote::Store, plan: &UploadPlan) -> Result<Vec<String>> {
    store.abort_unfinished(&|name| {
        naming::parse_remote(plan.prefix, name).is_some_and(|n| n.node == plan.node)
    })
}

/// After a successful upload, the plan's retention on that target (this
/// node's names only, never the one just uploaded).
fn apply_retention(u: &mut Uploaded, url: &TargetUrl, plan: &UploadPlan) {
    if !u.ok || !plan.retention.is_set() {
        return;
    }
    match remote::open(url, plan.options).and_then(|s| {
        prune_store(
            s.as_ref(),
            plan.prefix,
            plan.node,
            plan.retention,
            Some(&u.name),
            false,
        )
    }) {
        Ok(p) => {
            u.deleted = p.deleted;
            u.retention_error = p.error;
        }
        Err(e) => u.retention_error = Some(format!("{e:#}")),
    }
}

/// Per-target upload and retention metrics (a failure to write them is
/// logged, not fatal: the uploads happened).
pub fn record_metrics(metrics_file: Option<&Path>, out: &[Uploaded]) {
    if let Some(m) = metrics_file {
        let now = OffsetDateTime::now_utc().unix_timestamp_nanos() as f64 / 1e9;
        let mut changes = Vec::new();
        for u in out {
            let t = |n: &str| metrics::with_target(n, &u.target);
            changes.push(Change::Set(
                t("kforge_snapshot_upload_last_attempt_success"),
                u8::from(u.ok).to_string(),
            ));
            if u.ok {
                changes.push(Change::Set(
                    t("kforge_snapshot_upload_last_success_timestamp_seconds"),
                    format!("{now:.3}"),
                ));
                changes.push(Change::Set(
                    t("kforge_snapshot_upload_last_success_bytes"),
                    u.bytes.unwrap_or(0).to_string(),
                ));
                changes.push(Change::Set(
                    t("kforge_snapshot_upload_last_success_duration_seconds"),
                    format!("{:.3}", u.duration_seconds),
                ));
                changes.push(Change::Add(t("kforge_snapshot_upload_failures_total"), 0));
            } else {
                changes.push(Change::Add(t("kforge_snapshot_upload_failures_total"), 1));
            }
            changes.push(Change::Add(
                t("kforge_snapshot_retention_deleted_total"),
                u.deleted.len() as u64,
            ));
            changes.push(Change::Add(
                t("kforge_snapshot_retention_failures_total"),
                u64::from(u.retention_error.is_some()),
            ));
        }
        if let Err(e) = metrics::update(m, &changes) {
            tracing::warn!("writing metrics file {}: {e:#}", m.display());
        }
    }
}

/// The kforge-named snapshots on a target, newest first; `node` limits
/// them to one node.
pub fn scan_store(
    store: &dyn Store,
    prefix: &str,
    node: Option<&str>,
) -> Result<Vec<(RemoteName, u64)>> {
    let mut v: Vec<(RemoteName, u64)> = store
        .list()?
        .into_iter()
        .filter_map(|o| naming::parse_remote(prefix, &o.name).map(|n| (n, o.size)))
        .filter(|(n, _)| node.is_none_or(|want| n.node == want))
        .collect();
    v.sort_by(|(a, _), (b, _)| b.taken.cmp(&a.taken).then(b.revision.cmp(&a.revision)));
    Ok(v)
}

/// What `prune` did on one target.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemotePruned {
    pub target: String,
    pub node: String,
    pub dry_run: bool,
    pub kept_newest: Option<String>,
    pub deleted: Vec<String>,
    /// Deletions that failed: the first reason and how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub failed: usize,
}

/// Applies `policy` to this node's snapshots on `store`, keeping the
/// newest (and `protect`) whatever the policy says. Failed deletions are
/// counted and the first reason kept; the others are still tried.
pub fn prune_store(
    store: &dyn Store,
    prefix: &str,
    node: &str,
    policy: Retention,
    protect: Option<&str>,
    dry_run: bool,
) -> Result<RemotePruned> {
    let snaps = scan_store(store, prefix, Some(node))?;
    let newest = snaps.first().map(|(n, _)| n.file_name.clone());
    let names: Vec<naming::SnapshotName> =
        snaps.iter().map(|(n, _)| n.as_snapshot_name()).collect();
    let (_, delete) = policy.plan(&names, OffsetDateTime::now_utc(), newest.as_deref());
    let mut out = RemotePruned {
        target: store.url(),
        node: node.to_string(),
        dry_run,
        kept_newest: newest.clone(),
        deleted: vec![],
        error: None,
        failed: 0,
    };
    for s in delete {
        if protect == Some(s.file_name.as_str()) {
            continue;
        }
        if dry_run {
            out.deleted.push(s.file_name.clone());
            continue;
        }
        match store.delete(&s.file_name) {
            Ok(()) => out.deleted.push(s.file_name.clone()),
            Err(e) => {
                out.failed += 1;
                if out.error.is_none() {
                    out.error = Some(format!("{e:#}"));
                }
            }
        }
    }
    if let Some(e) = &out.error {
        out.error = Some(format!(
            "retention could not delete {} snapshot(s): {e}",
            out.failed
        ));
    }
    Ok(out)
}

/// One remote row of `snapshot list`.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemoteListed {
    pub location: String,
    pub name: String,
    pub node: String,
    pub taken: String,
    pub revision: i64,
    pub size: u64,
    pub encrypted: bool,
    /// kforge verified the snapshot before the upload started, and the
    /// object became visible only when the upload completed.
    pub verified: &'static str,
}

/// The kforge-named snapshots on the target, every node's unless `node`.
pub fn list_store(
    store: &dyn Store,
    prefix: &str,
    node: Option<&str>,
) -> Result<Vec<RemoteListed>> {
    Ok(scan_store(store, prefix, node)?
        .into_iter()
        .map(|(n, size)| RemoteListed {
            location: store.url(),
            name: n.file_name,
            node: n.node,
            taken: n.taken.format(&Rfc3339).unwrap_or_default(),
            revision: n.revision,
            size,
            encrypted: n.encrypted,
            verified: "before upload",
        })
        .collect())
}

/// A snapshot fetched (and decrypted) into a private temporary file.
pub struct Fetched {
    /// The plaintext snapshot (removed when dropped, unless it is the
    /// caller's own unencrypted local file).
    pub path: PathBuf,
    _tmp: Option<tempfile::TempPath>,
    /// Holds the copy's lock (a live run's copy is never swept).
    _lock: Option<std::fs::File>,
    /// What the user named (URL or path), for messages.
    pub source: String,
    pub encrypted: bool,
    /// Bytes read from the source.
    pub fetched_bytes: u64,
}

/// Where a source points: a local file, or an object on a target.
pub enum Source {
    File(PathBuf),
    Object {
        target: TargetUrl,
        name: String,
    },
    /// A target: its newest snapshot of `node`.
    Newest {
        target: TargetUrl,
    },
}

impl Source {
    /// `s3://b/p/NAME` and `sftp://h/dir/NAME` name an object when NAME
    /// ends in `.db` or `.db.age`; otherwise the URL is a target and the
    /// newest kforge snapshot of the node there is meant. Anything else is
    /// a local file.
    pub fn parse(s: &str) -> Result<Source> {
        if !TargetUrl::looks_remote(s) {
            return Ok(Source::File(PathBuf::from(s)));
        }
        let trimmed = s.trim_end_matches('/');
        if let Some((dir, last)) = trimmed.rsplit_once('/') {
            if (last.ends_with(".db") || last.ends_with(".db.age")) && !dir.ends_with('/') {
                let target = TargetUrl::parse(dir)?;
                return Ok(Source::Object {
                    target,
                    name: last.to_string(),
                });
            }
        }
        Ok(Source::Newest {
            target: TargetUrl::parse(s)?,
        })
    }
}

/// The decrypted copy of a fetch: `WORK_DIR/.kforge-fetch-XXXXXX.db`.
const FETCH_PREFIX: &str = ".kforge-fetch-";
const FETCH_SUFFIX: &str = ".db";

/// A writer that remembers whether the disk was full (the copy's error
/// may be the reader's or the writer's).
struct NoSpace<W> {
    inner: W,
    full: bool,
}

impl<W: Write> Write for NoSpace<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.inner.write(buf).inspect_err(|e| {
            self.full |= e.kind() == std::io::ErrorKind::StorageFull;
        })
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush().inspect_err(|e| {
            self.full |= e.kind() == std::io::ErrorKind::StorageFull;
        })
    }
}

/// Fetches `source` into a temporary file in `work_dir` (mode 0600),
/// decrypting when it is an age file; a local unencrypted file is used in
/// place. Fails with one line on a wrong or missing identity, a broken or
/// short download.
pub fn fetch(
    source: &str,
    options: &remote::Options,
    identity: Option<&crypt::Identity>,
    prefix: &str,
    node: &str,
    work_dir: &Path,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Fetched> {
    let (reader, expected, shown): (Box<dyn Read>, Option<u64>, String) =
        match Source::parse(source)? {
            Source::File(p) => {
                let f = std::fs::File::open(&p).map_err(|e| anyhow!("{}: {e}", p.display()))?;
                if !crypt::is_age_file(&p).unwrap_or(false) {
                    return Ok(Fetched {
                        path: p,
                        _tmp: None,
                        _lock: None,
                        source: source.to_string(),
                        encrypted: false,
                        fetched_bytes: f.metadata().map(|m| m.len()).unwrap_or(0),
                    });
                }
                let len = f.metadata().ok().map(|m| m.len());
                (Box::new(f), len, p.display().to_string())
            }
            Source::Object { target, name } => {
                let store = remote::open(&target, options)?;
                for w in store.warnings() {
                    tracing::warn!("{w}");
                }
                let size = store
                    .list()?
                    .into_iter()
                    .find(|o| o.name == name)
                    .map(|o| o.size)
                    .ok_or_else(|| anyhow!("{target}/{name}: no such object"))?;
                (store.get(&name)?, Some(size), format!("{target}/{name}"))
            }
            Source::Newest { target } => {
                let store = remote::open(&target, options)?;
                let Some((n, size)) = scan_store(store.as_ref(), prefix, Some(node))?
                    .into_iter()
                    .next()
                else {
                    bail!(
                    "{target}: no kforge snapshot of node {node} there (name one: {target}/NAME)"
                );
                };
                let name = n.file_name;
                (store.get(&name)?, Some(size), format!("{target}/{name}"))
            }
        };
    if let (Some(b), Some(len)) = (progress, expected) {
        b.set_length(len);
        b.set_position(0);
    }
    let mut counting = Counting {
        // Stops at the next chunk on SIGINT/SIGTERM: the error path below
        // removes the plaintext written so far.
        inner: crate::interrupt::Stoppable(reader),
        n: 0,
        bar: progress,
    };
    // Decrypted copies a killed run left (unlocked) go first.
    for p in crate::lock::remove_stale(work_dir, FETCH_PREFIX, FETCH_SUFFIX)? {
        tracing::warn!("removed {} (left by a killed run)", p.display());
    }
    let tmp = crate::lock::locked_temp_file(work_dir, FETCH_PREFIX, FETCH_SUFFIX)?;
    let (file, tmp_path) = tmp.into_parts();
    let mut out = NoSpace {
        inner: std::io::BufWriter::with_capacity(1 << 20, file),
        full: false,
    };
    let (is_age, mut head) = crypt::sniff(&mut counting).map_err(|e| anyhow!("{shown}: {e}"))?;
    let encrypted = is_age || shown.ends_with(".age");
    let full = |was_full: bool, e: &std::io::Error| {
        (was_full || e.kind() == std::io::ErrorKind::StorageFull).then(|| {
            anyhow!(
                "no space in {} for the decrypted copy of {shown}: {e}",
                work_dir.display()
            )
        })
    };
    if encrypted {
        let mut dec = crypt::decrypt(head, identity, &shown)?;
        remote::copy_chunked(&mut dec, &mut out).map_err(|e| {
            full(out.full, &e).unwrap_or_else(|| {
                anyhow!("{shown}: download or decryption failed (truncated or corrupt?): {e}")
            })
        })?;
    } else {
        remote::copy_chunked(&mut head, &mut out).map_err(|e| {
            full(out.full, &e).unwrap_or_else(|| anyhow!("{shown}: download failed: {e}"))
        })?;
        drop(head);
    }
    let file = out.inner.into_inner().map_err(|e| {
        full(false, e.error())
            .unwrap_or_else(|| anyhow!("writing {}: {}", tmp_path.display(), e.error()))
    })?;
    file.sync_all().ok();
    let got = counting.n;
    if let Some(want) = expected {
        if got != want {
            bail!("{shown}: download ended after {got} of {want} bytes (truncated)");
        }
    }
    Ok(Fetched {
        path: tmp_path.to_path_buf(),
        _tmp: Some(tmp_path),
        _lock: Some(file),
        source: shown,
        encrypted,
        fetched_bytes: got,
    })
}

/// An upload shared between an encrypting writer in front of it and the
/// code that finishes or aborts it.
#[derive(Clone)]
struct Shared(std::sync::Arc<std::sync::Mutex<Option<Box<dyn remote::Upload>>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let mut g = self.0.lock().unwrap_or_else(|p| p.into_inner());
        match g.as_mut() {
            Some(u) => u.write(buf),
            None => Err(std::io::Error::other("upload ended")),
        }
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Shared {
    fn take(&self) -> Option<Box<dyn remote::Upload>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).take()
    }
}

/// One target of a streaming upload.
struct Leg {
    url: String,
    store: Option<Box<dyn Store>>,
    shared: Option<Shared>,
    age: Option<age::stream::StreamWriter<Shared>>,
    error: Option<String>,
    warnings: Vec<String>,
    started: std::time::Instant,
}

impl Leg {
    fn fail(&mut self, e: anyhow::Error) {
        if self.error.is_none() {
            self.error = Some(format!("{e:#}"));
        }
        self.age = None;
        if let Some(up) = self.shared.take().and_then(|s| s.take()) {
            if let Err(a) = up.abort() {
                self.error = Some(format!("{}; {a:#}", self.error.take().unwrap_or_default()));
            }
        }
    }

    fn write(&mut self, blob: &[u8]) {
        if self.error.is_some() {
            return;
        }
        let r = match (&mut self.age, &mut self.shared) {
            (Some(w), _) => w.write_all(blob),
            (None, Some(s)) => s.write_all(blob),
            _ => Ok(()),
        };
        if let Err(e) = r {
            self.fail(anyhow!("{}: upload failed: {e}", self.url));
        }
    }

    fn finish(&mut self) -> Result<u64> {
        if let Some(e) = &self.error {
            bail!("{e}");
        }
        if let Some(w) = self.age.take() {
            w.finish()
                .map_err(|e| anyhow!("{}: upload failed: {e}", self.url))?;
        }
        let up = self
            .shared
            .take()
            .and_then(|s| s.take())
            .ok_or_else(|| anyhow!("{}: upload never started", self.url))?;
        up.finish()
    }
}

/// `save --no-local-copy`: streams the snapshot from etcd straight through
/// age to every target; nothing is written on the node. Each upload is
/// completed only after the stream's sha256 trailer matched; otherwise
/// (and on any failure) it is aborted. Names carry the revision of the
/// stream's response header. Retention and metrics as [`upload_saved`].
pub fn stream_upload(
    ep: &super::client::EtcdEndpoint,
    plan: &UploadPlan,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(super::save::Streamed, Vec<Uploaded>)> {
    let encrypted = !plan.recipients.is_empty();
    let taken = OffsetDateTime::now_utc();
    let mut legs: Vec<Leg> = plan
        .targets
        .iter()
        .map(|u| Leg {
            url: u.to_string(),
            store: None,
            shared: None,
            age: None,
            error: None,
            warnings: vec![],
            started: Instant::now(),
        })
        .collect();
    let mut name = String::new();
    let mut sent = 0u64;
    let streamed = super::save::stream_snapshot(ep, |rev, blob| {
        if name.is_empty() {
            name = naming::format_remote(plan.prefix, plan.node, taken, rev, encrypted);
            for (leg, url) in legs.iter_mut().zip(plan.targets) {
                let opened = remote::open(url, plan.options).and_then(|s| {
                    let aborted = abort_unfinished(s.as_ref(), plan)?;
                    let up = s.put(&name)?;
                    Ok((s, up, aborted))
                });
                match opened {
                    Ok((s, up, aborted)) => {
                        leg.warnings = s.warnings();
                        leg.warnings.extend(aborted);
                        leg.store = Some(s);
                        let shared = Shared(std::sync::Arc::new(std::sync::Mutex::new(Some(up))));
                        if encrypted {
                            match plan.recipients.encrypt(shared.clone()) {
                                Ok(w) => leg.age = Some(w),
                                Err(e) => leg.error = Some(format!("{e:#}")),
                            }
                        }
                        leg.shared = Some(shared);
                    }
                    Err(e) => leg.error = Some(format!("{e:#}")),
                }
            }
        }
        for leg in legs.iter_mut() {
            leg.write(blob);
        }
        sent += blob.len() as u64;
        if let Some(b) = progress {
            b.set_position(sent);
        }
        if legs.iter().all(|l| l.error.is_some()) {
            bail!("every upload failed");
        }
        Ok(())
    });
    let streamed = match streamed {
        Ok(s) => s,
        Err(e) => {
            for leg in legs.iter_mut() {
                leg.fail(anyhow!("{}: not uploaded: {e:#}", leg.url));
            }
            // Every leg failed: counted per target, and said why.
            let failed: Vec<Uploaded> = legs
                .iter()
                .map(|l| Uploaded {
                    target: l.url.clone(),
                    name: name.clone(),
                    ok: false,
                    bytes: None,
                    encrypted,
                    duration_seconds: l.started.elapsed().as_secs_f64(),
                    error: l.error.clone(),
                    deleted: vec![],
                    retention_error: None,
                    warnings: vec![],
                })
                .collect();
            record_metrics(plan.metrics_file, &failed);
            let why: Vec<String> = legs.iter().filter_map(|l| l.error.clone()).collect();
            if why.is_empty() {
                return Err(e);
            }
            bail!("{}", why.join("; "));
        }
    };
    let mut out = Vec::new();
    for (leg, url) in legs.iter_mut().zip(plan.targets) {
        let r = leg.finish();
        if r.is_err() {
            leg.fail(anyhow!("{}: upload failed", leg.url));
        }
        let mut u = Uploaded {
            target: leg.url.clone(),
            name: name.clone(),
            ok: r.is_ok(),
            bytes: r.as_ref().ok().copied(),
            encrypted,
            duration_seconds: leg.started.elapsed().as_secs_f64(),
            error: r.as_ref().err().map(|e| format!("{e:#}")),
            deleted: vec![],
            retention_error: None,
            warnings: std::mem::take(&mut leg.warnings),
        };
        apply_retention(&mut u, url, plan);
        out.push(u);
    }
    record_metrics(plan.metrics_file, &out);
    Ok((streamed, out))
}
