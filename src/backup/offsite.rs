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

use super::catalog::{self, Entry, Signature, Trust};
use super::metrics::{self, Change};
use super::naming::{self, Retention};
use super::record::{self, Record};
use super::signing::SignKey;
use super::vouch;
use crate::remote::{self, crypt, Store, TargetUrl};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;
use time::OffsetDateTime;

/// The node part of this machine's snapshot names: the first label of its
/// node name (`crate::spec::host`'s one rule), `node` when that is not a
/// valid name part.
pub fn default_node_name() -> String {
    let name = crate::spec::host::hostname().unwrap_or_default();
    let short = name.split('.').next().unwrap_or("").to_string();
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
    #[serde(rename = "sizeBytes", skip_serializing_if = "Option::is_none")]
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
    /// When the newest snapshot kforge vouches for on the target was
    /// taken (after this upload and retention), for the metrics.
    #[serde(skip)]
    pub newest_verified: Option<OffsetDateTime>,
}

impl Uploaded {
    /// One target's result of an upload attempt (retention not run yet).
    fn attempt(
        target: &str,
        name: &str,
        encrypted: bool,
        started: std::time::Instant,
        result: &Result<u64>,
        warnings: Vec<String>,
    ) -> Uploaded {
        Uploaded {
            target: target.to_string(),
            name: name.to_string(),
            ok: result.is_ok(),
            bytes: result.as_ref().ok().copied(),
            encrypted,
            duration_seconds: started.elapsed().as_secs_f64(),
            error: result.as_ref().err().map(|e| format!("{e:#}")),
            deleted: vec![],
            retention_error: None,
            warnings,
            newest_verified: None,
        }
    }
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
    /// `--sign-key`: each record is signed.
    pub sign: Option<&'a SignKey>,
}

/// The record of a snapshot saved from `ids` at `revision`.
#[allow(clippy::too_many_arguments)]
pub fn make_record(
    prefix: &str,
    node: &str,
    taken: OffsetDateTime,
    revision: i64,
    revision_end: Option<i64>,
    ids: record::Ids,
    db_sha256: &str,
    size: u64,
) -> Record {
    Record {
        kforge_record: record::FORMAT,
        name: naming::format_remote(prefix, node, taken, revision, false),
        cluster_id: crate::etcd::ops::fmt_id(ids.cluster_id),
        member_id: crate::etcd::ops::fmt_id(ids.member_id),
        node: node.to_string(),
        revision,
        revision_up_to: revision_end.filter(|e| *e > revision),
        db_sha256: db_sha256.to_string(),
        size_bytes: size,
        taken: record::rfc3339_ms(taken),
    }
}

/// Writes the record (and signature) of the local copy `file` beside it.
pub fn write_local_record(file: &Path, rec: &Record, sign: Option<&SignKey>) -> Result<()> {
    let dir = file
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let store = remote::local::LocalStore::open(dir)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    catalog::store_record(&store, &name, rec, sign)
}

/// Which snapshots a save's retention counts: those of the cluster it
/// saved from, signed by its key when it signs.
fn save_trust(plan: &UploadPlan, rec: &Record) -> Trust {
    Trust {
        cluster: rec.cluster().ok(),
        verify: plan.sign.map(|k| k.verify_keys()),
    }
}

/// Uploads the verified snapshot `local` (described by `rec`, whose name it
/// gets, plus `.age` when encrypted) and then its record to every target
/// in turn, then applies retention on each target the upload reached. One
/// target's failure never stops the others, and never touches `local`.
pub fn upload_saved(
    plan: &UploadPlan,
    local: &Path,
    rec: &Record,
    progress: Option<&indicatif::ProgressBar>,
) -> Vec<Uploaded> {
    let encrypted = !plan.recipients.is_empty();
    let name = object_name(rec, encrypted);
    let mut out = Vec::new();
    for url in plan.targets {
        let started = Instant::now();
        let target = url.to_string();
        let mut warnings = Vec::new();
        let attempt = (|| -> Result<u64> {
            let store = remote::open(url, plan.options)?;
            warnings = store.warnings();
            warnings.extend(abort_unfinished(store.as_ref(), plan)?);
            // fs_err: a read failing mid-upload names the file too.
            let f = fs_err::File::open(local)?;
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
            let n = upload_reader(store.as_ref(), &mut src, &name, plan.recipients)?;
            catalog::store_record(store.as_ref(), &name, rec, plan.sign)
                .with_context(|| format!("{target}/{name} uploaded, but not its record"))?;
            Ok(n)
        })();
        let mut u = Uploaded::attempt(&target, &name, encrypted, started, &attempt, warnings);
        apply_retention(&mut u, url, plan, rec);
        out.push(u);
    }
    record_metrics(plan.metrics_file, &out);
    out
}

/// The object name of a snapshot on targets.
fn object_name(rec: &Record, encrypted: bool) -> String {
    if encrypted {
        format!("{}.age", rec.name)
    } else {
        rec.name.clone()
    }
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
/// node's snapshots of the saved cluster only, never the one just
/// uploaded), and the newest snapshot kforge vouches for there.
fn apply_retention(u: &mut Uploaded, url: &TargetUrl, plan: &UploadPlan, rec: &Record) {
    if !u.ok {
        return;
    }
    let trust = save_trust(plan, rec);
    let sel = Select {
        prefix: plan.prefix,
        node: plan.node,
        trust: &trust,
    };
    let store = match remote::open(url, plan.options) {
        Ok(s) => s,
        Err(e) => {
            u.retention_error = Some(format!("{e:#}"));
            return;
        }
    };
    if plan.retention.is_set() {
        match prune_store(store.as_ref(), &sel, plan.retention, Some(&u.name), false) {
            Ok(p) => {
                // The newest retention counted is the newest verified one:
                // no second scan.
                u.newest_verified = p
                    .kept_newest
                    .as_deref()
                    .and_then(|n| naming::parse_remote(plan.prefix, n))
                    .map(|n| n.taken);
                u.deleted = p.deleted;
                u.retention_error = p.error;
                u.warnings.extend(p.warnings);
                return;
            }
            Err(e) => u.retention_error = Some(format!("{e:#}")),
        }
    }
    match newest_verified(store.as_ref(), &sel) {
        Ok(t) => u.newest_verified = t,
        Err(e) => u.warnings.push(format!("{}: {e:#}", u.target)),
    }
}

/// Per-target upload and retention metrics (a failure to write them is a
/// warning, even with `-q`, not fatal: the uploads happened).
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
            changes.extend(newest_verified_metrics(&u.target, u.newest_verified));
        }
        if let Err(e) = metrics::update(m, &changes) {
            crate::output::warn(format!("writing metrics file {}: {e:#}", m.display()));
        }
    }
}

/// What `prune` did on one target.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RemotePruned {
    pub target: String,
    pub node: String,
    pub dry_run: bool,
    /// The newest snapshot retention counted (never deleted).
    pub kept_newest: Option<String>,
    pub deleted: Vec<String>,
    /// Deletions that failed: the first reason and how many.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub failed: usize,
    /// Future-dated or unvouched snapshots left alone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
}

/// Applies `policy` to this node's snapshots of the trusted cluster on
/// `store` ([`catalog::retention_plan`]: only snapshots kforge vouches
/// for are counted or deleted, never the newest of them, never
/// `protect`). A snapshot's sidecars go with it. Failed deletions are
/// counted and the first reason kept; the others are still tried.
pub fn prune_store(
    store: &dyn Store,
    sel: &Select,
    policy: Retention,
    protect: Option<&str>,
    dry_run: bool,
) -> Result<RemotePruned> {
    let entries = catalog::scan(store, sel.prefix, Some(sel.node), sel.trust.verify.as_ref())?;
    let (newest, delete, warnings) =
        catalog::retention_plan(&entries, sel.trust, &store.url(), policy, protect)?;
    let mut out = RemotePruned {
        target: store.url(),
        node: sel.node.to_string(),
        dry_run,
        kept_newest: newest,
        deleted: vec![],
        error: None,
        failed: 0,
        warnings,
    };
    for name in delete {
        if dry_run {
            out.deleted.push(name);
            continue;
        }
        // The snapshot first: a record without its snapshot is inert.
        // Only vouched-for snapshots are deleted: each has its record, and
        // its signature when the entry says one is there.
        let signed = entries
            .iter()
            .find(|e| e.name.file_name == name)
            .is_some_and(|e| e.signature != Signature::Unsigned);
        let r = store.delete(&name).and_then(|_| {
            if signed {
                store.delete(&record::sig_name(&name))?;
            }
            store.delete(&record::record_name(&name))
        });
        match r {
            Ok(()) => out.deleted.push(name),
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
    pub size_bytes: u64,
    pub encrypted: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// What was checked: `record` (a record agrees with the name and size),
    /// `none` (name only), `contradicted`; `downloaded` after `--verify`.
    pub checked: String,
    /// `valid`, `invalid`, `present` (not checked: no --verify-key), `none`.
    pub signature: &'static str,
    /// Whether kforge vouches for it (record, and a valid signature under
    /// --verify-key; content too under --verify).
    pub verified: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

/// The kforge-named snapshots on the target (every node's unless `node`),
/// each with what was checked; with `download`, each vouched-for one is
/// fetched and its content checked against its record (needs `identity`
/// for encrypted ones).
pub fn list_store(
    store: &dyn Store,
    prefix: &str,
    node: Option<&str>,
    trust: &Trust,
    download: Option<(&Path, Option<&crypt::Identity>)>,
) -> Result<Vec<RemoteListed>> {
    let entries = catalog::scan(store, prefix, node, trust.verify.as_ref())?;
    let mut out = Vec::new();
    for e in entries {
        let mut problem = e.untrusted(trust);
        if problem.is_none() {
            if let (Some(want), Some(got)) = (trust.cluster, e.cluster()) {
                if want != got {
                    problem = Some(format!("cluster {got:x}, not {want:x}"));
                }
            }
        }
        let mut checked = match (&e.record, e.recorded) {
            (Some(_), _) => "record",
            (None, true) => "contradicted",
            (None, false) => "none",
        }
        .to_string();
        if let (Some((work, identity)), None, Some(rec)) = (download, &problem, &e.record) {
            let r = fetch_object(store, &e, rec, identity, work);
            match r {
                Ok(()) => checked = "downloaded".into(),
                Err(err) => problem = Some(format!("{err:#}")),
            }
        }
        out.push(RemoteListed {
            location: store.url(),
            name: e.name.file_name.clone(),
            node: e.name.node.clone(),
            taken: record::rfc3339_ms(e.name.taken),
            revision: e.name.revision,
            size_bytes: e.size,
            encrypted: e.name.encrypted,
            cluster_id: e.record.as_ref().map(|r| r.cluster_id.clone()),
            checked,
            signature: match &e.signature {
                Signature::Valid => "valid",
                Signature::Invalid(_) => "invalid",
                Signature::Present => "present",
                Signature::Unsigned => "none",
            },
            verified: problem.is_none() && e.record.is_some(),
            problem,
        });
    }
    Ok(out)
}

/// `list --verify`: downloads one object into `work` and checks its content
/// against its record; the copy is removed.
fn fetch_object(
    store: &dyn Store,
    e: &Entry,
    rec: &Record,
    identity: Option<&crypt::Identity>,
    work: &Path,
) -> Result<()> {
    let shown = format!("{}/{}", store.url(), e.name.file_name);
    let reader = store.get(&e.name.file_name)?;
    let d = download(reader, Some(e.size), &shown, identity, work, None)?;
    vouch::check(
        &d.path,
        d.plain,
        d.hashed,
        &vouch::Expect {
            shown: &shown,
            record: Some(rec),
            name_revision: Some(e.name.revision),
        },
    )
}

/// When the newest snapshot kforge vouches for on a target (this node's,
/// of `sel`'s cluster) was taken.
pub fn newest_verified(store: &dyn Store, sel: &Select) -> Result<Option<OffsetDateTime>> {
    let entries = catalog::scan(store, sel.prefix, Some(sel.node), sel.trust.verify.as_ref())?;
    let mut w = Vec::new();
    let Some(cluster) = catalog::cluster_of(&entries, sel.trust, &store.url())? else {
        return Ok(None);
    };
    let now = OffsetDateTime::now_utc();
    Ok(
        catalog::candidates(&entries, sel.trust, Some(cluster), now, &mut w)
            .first()
            .map(|e| e.taken()),
    )
}

/// `kforge_snapshot_remote_newest_verified_timestamp_seconds{target}` (alert
/// on `time() - it`) and `..._age_seconds` (its age when the run ended).
pub fn newest_verified_metrics(target: &str, t: Option<OffsetDateTime>) -> Vec<Change> {
    let Some(t) = t else { return vec![] };
    let now = OffsetDateTime::now_utc();
    let m = |n: &str| metrics::with_target(n, target);
    vec![
        Change::Set(
            m("kforge_snapshot_remote_newest_verified_timestamp_seconds"),
            format!("{:.3}", t.unix_timestamp_nanos() as f64 / 1e9),
        ),
        Change::Set(
            m("kforge_snapshot_remote_newest_verified_age_seconds"),
            format!("{:.3}", (now - t).as_seconds_f64().max(0.0)),
        ),
    ]
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
    /// Which object was used and what vouched for it.
    pub chosen: Chosen,
    /// Lines for the caller to print (an object without a record, a
    /// future-dated one passed over).
    pub warnings: Vec<String>,
}

/// The snapshot a status, restore or drill used (`-o json`: `snapshot`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Chosen {
    /// The object URL or file.
    pub object: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taken: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub age_seconds: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cluster_id: Option<String>,
    /// Whether a kforge record vouched for it (and its content agreed).
    pub record: bool,
    /// `valid`, `present` (not checked), `none`.
    pub signature: &'static str,
}

/// How a target's snapshots are narrowed and trusted: kforge's names with
/// `prefix` of `node`, and [`Trust`] (cluster, signature keys).
pub struct Select<'a> {
    pub prefix: &'a str,
    pub node: &'a str,
    pub trust: &'a Trust,
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

/// A download's plaintext copy in the work dir.
struct Downloaded {
    path: PathBuf,
    /// Removes the copy when dropped.
    tmp: tempfile::TempPath,
    /// Holds the copy's lock while this run lives (see [`kforge_fs::lock::remove_stale`]).
    lock: std::fs::File,
    /// Plaintext bytes written.
    plain: u64,
    /// sha256 of the database and the trailer (see [`vouch::TailHasher`]).
    hashed: Option<([u8; 32], Option<[u8; 32]>)>,
    encrypted: bool,
}

/// Streams `reader` (age-decrypted when it is an age file) into a new
/// locked 0600 file in `work_dir`, hashing on the way; stops at the next
/// chunk on SIGINT/SIGTERM (the copy is removed on every error path). A
/// killed run's copies there are removed first; a full disk is named as such.
fn download(
    reader: Box<dyn Read + Send>,
    expected: Option<u64>,
    shown: &str,
    identity: Option<&crypt::Identity>,
    work_dir: &Path,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Downloaded> {
    if let (Some(b), Some(len)) = (progress, expected) {
        b.set_length(len);
        b.set_position(0);
    }
    let mut counting = Counting {
        inner: crate::interrupt::Stoppable(reader),
        n: 0,
        bar: progress,
    };
    // Decrypted copies a killed run left (unlocked) go first.
    for p in kforge_fs::lock::remove_stale(work_dir, FETCH_PREFIX, FETCH_SUFFIX)? {
        crate::output::warn(format!("removed {} (left by a killed run)", p.display()));
    }
    let tmp = kforge_fs::lock::locked_temp_file(work_dir, FETCH_PREFIX, FETCH_SUFFIX)?;
    let (file, tmp_path) = tmp.into_parts();
    let mut out = vouch::TailHasher::new(NoSpace {
        inner: std::io::BufWriter::with_capacity(1 << 20, file),
        full: false,
    });
    let (is_age, mut head) = crypt::sniff(&mut counting).with_context(|| shown.to_string())?;
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
        let mut dec = crypt::decrypt(head, identity, shown)?;
        remote::copy_chunked(&mut dec, &mut out).map_err(|e| {
            full(out.inner.full, &e).unwrap_or_else(|| {
                anyhow::Error::new(e).context(format!(
                    "{shown}: download or decryption failed (truncated or corrupt?)"
                ))
            })
        })?;
    } else {
        remote::copy_chunked(&mut head, &mut out).map_err(|e| {
            full(out.inner.full, &e).unwrap_or_else(|| {
                anyhow::Error::new(e).context(format!("{shown}: download failed"))
            })
        })?;
        drop(head);
    }
    let plain = out.written;
    let (buf, digest, tail) = out.finish();
    let file = buf.inner.into_inner().map_err(|e| {
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
    Ok(Downloaded {
        path: tmp_path.to_path_buf(),
        tmp: tmp_path,
        lock: file,
        plain,
        hashed: Some((digest, tail)),
        encrypted,
    })
}

/// A local file's record (`FILE.record.json`, its `.sig`), checked against
/// `trust` as [`catalog::check_entry`] does for objects. Both name styles
/// ([`naming::parse_any`]); an old-style name counts only with a record.
pub fn local_entry(p: &Path, sel: &Select) -> Option<Entry> {
    let trust = sel.trust;
    let file_name = p.file_name()?.to_string_lossy().into_owned();
    let dir = p
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let n = naming::parse_any(sel.prefix, &file_name)?;
    let store = remote::local::LocalStore::open(dir).ok()?;
    let size = fs_err::metadata(p).ok()?.len();
    let rec = dir.join(record::record_name(&file_name));
    if !rec.exists() {
        // An old-style name without a record is just a file, as before
        // names carried the node.
        if n.node.is_empty() {
            return None;
        }
        return Some(Entry {
            name: n,
            size,
            recorded: false,
            record: None,
            problem: Some("no kforge record".into()),
            signature: catalog::Signature::Unsigned,
        });
    }
    let has_sig = dir.join(record::sig_name(&file_name)).exists();
    Some(catalog::check_entry(
        &store,
        n,
        size,
        has_sig,
        trust.verify.as_ref(),
    ))
}

/// Fetches `source` into a temporary file in `work_dir` (mode 0600),
/// decrypting when it is an age file; a local unencrypted file is used in
/// place. A target URL means this node's newest snapshot there that
/// kforge vouches for ([`catalog::newest`]). Refused, in one line: an
/// object its record or `sel.trust` does not vouch for, an unencrypted
/// object when `identity` is given, content contradicting the record or
/// the name (size, sha256, revision, member); a wrong or missing identity,
/// a broken or short download.
pub fn fetch(
    source: &str,
    options: &remote::Options,
    identity: Option<&crypt::Identity>,
    sel: &Select,
    work_dir: &Path,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<Fetched> {
    let mut warnings = Vec::new();
    let (reader, expected, shown, entry): (
        Box<dyn Read + Send>,
        Option<u64>,
        String,
        Option<Entry>,
    ) = match Source::parse(source)? {
        Source::File(p) => {
            let f = fs_err::File::open(&p)?;
            let shown = p.display().to_string();
            let entry = local_entry(&p, sel);
            admit(entry.as_ref(), sel.trust, &shown, &mut warnings)?;
            let len = f.metadata().ok().map(|m| m.len());
            if !crypt::is_age_file(&p).unwrap_or(false) {
                if identity.is_some() {
                    if entry.is_some() {
                        bail!("{shown} is not encrypted, but --identity was given: refused (drop --identity to use a plaintext snapshot)");
                    }
                    warnings.push(format!("{shown} is not encrypted; --identity is not used"));
                }
                let size = len.unwrap_or(0);
                let rec = entry.as_ref().and_then(|e| e.record.as_ref());
                vouch::check(
                    &p,
                    size,
                    None,
                    &vouch::Expect {
                        shown: &shown,
                        record: rec,
                        name_revision: entry.as_ref().map(|e| e.name.revision),
                    },
                )?;
                return Ok(Fetched {
                    chosen: chosen(&shown, entry.as_ref()),
                    path: p,
                    _tmp: None,
                    _lock: None,
                    source: source.to_string(),
                    encrypted: false,
                    fetched_bytes: size,
                    warnings,
                });
            }
            (Box::new(f), len, shown, entry)
        }
        Source::Object { target, name } => {
            let store = remote::open(&target, options)?;
            warnings.extend(store.warnings());
            let listing = store.list()?;
            let size = listing
                .iter()
                .find(|o| o.name == name)
                .map(|o| o.size)
                .ok_or_else(|| anyhow!("{target}/{name}: no such object"))?;
            let shown = format!("{target}/{name}");
            let entry = naming::parse_remote(sel.prefix, &name).map(|n| {
                let has = |x: String| listing.iter().any(|o| o.name == x);
                if !has(record::record_name(&name)) {
                    return Entry {
                        name: n,
                        size,
                        recorded: false,
                        record: None,
                        problem: Some("no kforge record".into()),
                        signature: catalog::Signature::Unsigned,
                    };
                }
                let has_sig = has(record::sig_name(&name));
                catalog::check_entry(store.as_ref(), n, size, has_sig, sel.trust.verify.as_ref())
            });
            admit(entry.as_ref(), sel.trust, &shown, &mut warnings)?;
            (store.get(&name)?, Some(size), shown, entry)
        }
        Source::Newest { target } => {
            let store = remote::open(&target, options)?;
            warnings.extend(store.warnings());
            let entries = catalog::scan(
                store.as_ref(),
                sel.prefix,
                Some(sel.node),
                sel.trust.verify.as_ref(),
            )?;
            let e = catalog::newest(
                &entries,
                sel.trust,
                &target.to_string(),
                sel.node,
                &mut warnings,
            )?
            .clone();
            let shown = format!("{target}/{}", e.name.file_name);
            (store.get(&e.name.file_name)?, Some(e.size), shown, Some(e))
        }
    };
    let Downloaded {
        path,
        tmp,
        lock,
        plain,
        hashed,
        encrypted,
    } = download(reader, expected, &shown, identity, work_dir, progress)?;
    if identity.is_some() && !encrypted {
        bail!("{shown} is not encrypted, but --identity was given: refused (an object planted in plaintext? drop --identity to use it)");
    }
    vouch::check(
        &path,
        plain,
        hashed,
        &vouch::Expect {
            shown: &shown,
            record: entry.as_ref().and_then(|e| e.record.as_ref()),
            name_revision: entry.as_ref().map(|e| e.name.revision),
        },
    )?;
    Ok(Fetched {
        chosen: chosen(&shown, entry.as_ref()),
        path,
        _tmp: Some(tmp),
        _lock: Some(lock),
        source: shown,
        encrypted,
        fetched_bytes: expected.unwrap_or(0),
        warnings,
    })
}

fn admit(e: Option<&Entry>, trust: &Trust, shown: &str, warnings: &mut Vec<String>) -> Result<()> {
    match e {
        Some(e) => e.admit(trust, shown, warnings),
        None if trust.verify.is_some() || trust.cluster.is_some() => bail!(
            "{shown} is not named by kforge and has no record, so it cannot be vouched for: refused"
        ),
        None => Ok(()),
    }
}

fn chosen(shown: &str, e: Option<&Entry>) -> Chosen {
    let now = OffsetDateTime::now_utc();
    Chosen {
        object: shown.to_string(),
        taken: e.map(|e| record::rfc3339_ms(e.taken())),
        age_seconds: e.map(|e| (now - e.taken()).as_seconds_f64()),
        cluster_id: e
            .and_then(|e| e.record.as_ref())
            .map(|r| r.cluster_id.clone()),
        record: e.is_some_and(|e| e.record.is_some()),
        signature: match e.map(|e| &e.signature) {
            Some(catalog::Signature::Valid) => "valid",
            Some(catalog::Signature::Present) => "present",
            _ => "none",
        },
    }
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
            self.fail(anyhow::Error::new(e).context(format!("{}: upload failed", self.url)));
        }
    }

    fn finish(&mut self) -> Result<u64> {
        if let Some(e) = &self.error {
            bail!("{e}");
        }
        if let Some(w) = self.age.take() {
            w.finish()
                .with_context(|| format!("{}: upload failed", self.url))?;
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
    ep: &crate::etcd::client::EtcdEndpoint,
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
                .map(|l| {
                    let failed = Err(anyhow!("{}", l.error.clone().unwrap_or_default()));
                    Uploaded::attempt(&l.url, &name, encrypted, l.started, &failed, vec![])
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
    let rec = make_record(
        plan.prefix,
        plan.node,
        taken,
        streamed.revision,
        Some(streamed.revision_end),
        record::Ids {
            cluster_id: streamed.cluster_id,
            member_id: streamed.member_id,
        },
        &streamed.db_sha256,
        streamed.size,
    );
    let mut out = Vec::new();
    for (leg, url) in legs.iter_mut().zip(plan.targets) {
        let r = leg.finish().and_then(|n| {
            let store = leg
                .store
                .as_deref()
                .ok_or_else(|| anyhow!("{}: upload never started", leg.url))?;
            catalog::store_record(store, &name, &rec, plan.sign)
                .with_context(|| format!("{}/{name} uploaded, but not its record", leg.url))?;
            Ok(n)
        });
        if r.is_err() {
            leg.fail(anyhow!("{}: upload failed", leg.url));
        }
        let warnings = std::mem::take(&mut leg.warnings);
        let mut u = Uploaded::attempt(&leg.url, &name, encrypted, leg.started, &r, warnings);
        apply_retention(&mut u, url, plan, &rec);
        out.push(u);
    }
    record_metrics(plan.metrics_file, &out);
    Ok((streamed, out))
}
