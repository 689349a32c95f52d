//! What kforge can vouch for on a target: each kforge-named snapshot with
//! its record (and signature), checked against the name and the stored
//! size; which one is "this node's newest" for status, restore and drill;
//! and which ones retention may count and delete.
//!
//! The rules (the README's threat model rests on them):
//! - a snapshot is *vouched for* when its record exists, parses, and
//!   agrees with the name (node, time, revision) and the stored size;
//!   under `--verify-key` its record must also carry a valid signature;
//! - selection and retention see only vouched snapshots of one cluster:
//!   the one given (`--root`, `--cluster-id`, or the cluster a save just
//!   talked to), or else the only one there is; two clusters under one node
//!   name without either is refused as ambiguous, never guessed;
//! - a snapshot dated more than [`SKEW`] in the future is never the newest,
//!   never counted, never deleted, and is warned about;
//! - retention deletes only vouched snapshots of the cluster, never the
//!   newest of them.

use super::naming::{self, RemoteName, Retention, SnapshotName};
use super::record::{self, Record};
use super::signing::VerifyKeys;
use crate::remote::Store;
use anyhow::{bail, Context, Result};
use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use time::OffsetDateTime;

use naming::SKEW;

/// Which snapshots count: one cluster, and signed ones only when keys are given.
#[derive(Debug, Clone, Default)]
pub struct Trust {
    pub cluster: Option<u64>,
    pub verify: Option<VerifyKeys>,
}

/// The signature state of a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Signature {
    /// No `.sig` beside the record.
    Unsigned,
    /// A `.sig` is there, not checked (no `--verify-key`).
    Present,
    /// Checked with `--verify-key`: valid.
    Valid,
    /// Checked with `--verify-key`: not valid (why).
    Invalid(String),
}

/// One kforge-named snapshot on a target.
#[derive(Debug, Clone)]
pub struct Entry {
    pub name: RemoteName,
    pub size: u64,
    /// Whether a record sits beside it (agreeing or not).
    pub recorded: bool,
    /// The record, when it exists and agrees with the name and size.
    pub record: Option<Record>,
    /// Why there is no usable record.
    pub problem: Option<String>,
    pub signature: Signature,
}

impl Entry {
    /// The time used for ordering: the record's (it agrees with the name).
    pub fn taken(&self) -> OffsetDateTime {
        self.name.taken
    }

    /// The cluster, when vouched for.
    pub fn cluster(&self) -> Option<u64> {
        self.record.as_ref().and_then(|r| r.cluster().ok())
    }

    /// Why `trust` rejects this snapshot (cluster aside); `None` when it is
    /// vouched for.
    pub fn untrusted(&self, trust: &Trust) -> Option<String> {
        if self.record.is_none() {
            return Some(
                self.problem
                    .clone()
                    .unwrap_or_else(|| "no kforge record".into()),
            );
        }
        if trust.verify.is_some() {
            match &self.signature {
                Signature::Valid => {}
                Signature::Invalid(e) => return Some(format!("signature: {e}")),
                _ => return Some("not signed".into()),
            }
        }
        None
    }

    /// For a snapshot named explicitly (status, restore, drill of one
    /// object): `Err` (one line) when it must be refused under `trust`; a
    /// warning when it merely has no record and nothing demands one.
    pub fn admit(&self, trust: &Trust, shown: &str, warnings: &mut Vec<String>) -> Result<()> {
        if !self.recorded && trust.verify.is_none() && trust.cluster.is_none() {
            warnings.push(format!(
                "{shown} has no kforge record: its cluster and signature are not checked (only its name's revision)"
            ));
            return Ok(());
        }
        if let Some(why) = self.untrusted(trust) {
            bail!("{shown} cannot be vouched for ({why}): refused");
        }
        if let (Some(want), Some(got)) = (trust.cluster, self.cluster()) {
            if want != got {
                bail!("{shown} is a snapshot of etcd cluster {got:x}, not {want:x}: refused");
            }
        }
        Ok(())
    }

    /// Whether dated beyond `now` + [`SKEW`].
    pub fn future(&self, now: OffsetDateTime) -> bool {
        self.taken() > now + SKEW
    }
}

/// Reads at most [`record::MAX_RECORD_BYTES`] of a small object.
pub fn read_small(store: &dyn Store, name: &str) -> Result<Vec<u8>> {
    let mut v = Vec::new();
    store
        .get(name)?
        .take(record::MAX_RECORD_BYTES + 1)
        .read_to_end(&mut v)?;
    if v.len() as u64 > record::MAX_RECORD_BYTES {
        bail!("{name}: larger than a record can be");
    }
    Ok(v)
}

/// Checks one record (and signature) read from `store` against `n`.
pub fn check_entry(
    store: &dyn Store,
    n: RemoteName,
    size: u64,
    has_sig: bool,
    verify: Option<&VerifyKeys>,
) -> Entry {
    let rname = record::record_name(&n.file_name);
    let mut e = Entry {
        name: n,
        size,
        recorded: true,
        record: None,
        problem: None,
        signature: Signature::Unsigned,
    };
    let bytes = match read_small(store, &rname) {
        Ok(b) => b,
        Err(err) => {
            e.problem = Some(format!("record {rname} unreadable: {err:#}"));
            return e;
        }
    };
    match Record::from_bytes(&bytes).and_then(|r| r.check_against(&e.name, size).map(|_| r)) {
        Ok(r) => e.record = Some(r),
        Err(err) => {
            e.problem = Some(format!("record contradicts the object: {err:#}"));
            return e;
        }
    }
    if has_sig {
        e.signature = match verify {
            None => Signature::Present,
            Some(keys) => match read_small(store, &record::sig_name(&e.name.file_name))
                .and_then(|sig| keys.verify(&bytes, &sig))
            {
                Ok(()) => Signature::Valid,
                Err(err) => Signature::Invalid(crate::exit::one_line(&err)),
            },
        };
    }
    e
}

/// The kforge-named snapshots on `store` (of `node`, or every node's), each
/// with its record checked, newest first.
pub fn scan(
    store: &dyn Store,
    prefix: &str,
    node: Option<&str>,
    verify: Option<&VerifyKeys>,
) -> Result<Vec<Entry>> {
    let objects = store.list()?;
    let sizes: HashMap<&str, u64> = objects.iter().map(|o| (o.name.as_str(), o.size)).collect();
    let mut out: Vec<Entry> = objects
        .iter()
        .filter_map(|o| naming::parse_remote(prefix, &o.name).map(|n| (n, o.size)))
        .filter(|(n, _)| node.is_none_or(|want| n.node == want))
        .map(|(n, size)| {
            let rname = record::record_name(&n.file_name);
            if !sizes.contains_key(rname.as_str()) {
                return Entry {
                    name: n,
                    size,
                    recorded: false,
                    record: None,
                    problem: Some("no kforge record".into()),
                    signature: Signature::Unsigned,
                };
            }
            let has_sig = sizes.contains_key(record::sig_name(&n.file_name).as_str());
            check_entry(store, n, size, has_sig, verify)
        })
        .collect();
    sort_newest_first(&mut out);
    Ok(out)
}

/// Newest first by time, then revision.
pub fn sort_newest_first(v: &mut [Entry]) {
    v.sort_by(|a, b| {
        b.taken()
            .cmp(&a.taken())
            .then(b.name.revision.cmp(&a.name.revision))
    });
}

/// The cluster `entries` speak for under `trust`: the one given, or the
/// only one vouched for; `Err` when several clusters' snapshots are there
/// and none was given. `None` when nothing is vouched for.
pub fn cluster_of(entries: &[Entry], trust: &Trust, what: &str) -> Result<Option<u64>> {
    if let Some(c) = trust.cluster {
        return Ok(Some(c));
    }
    let clusters: BTreeSet<u64> = entries
        .iter()
        .filter(|e| e.untrusted(trust).is_none())
        .filter_map(|e| e.cluster())
        .collect();
    if clusters.len() > 1 {
        let ids: Vec<String> = clusters.iter().map(|c| format!("{c:x}")).collect();
        bail!(
            "{what}: snapshots of {} etcd clusters ({}) are there under this node name; pass --root (this node's cluster) or --cluster-id ID",
            clusters.len(),
            ids.join(", ")
        );
    }
    Ok(clusters.into_iter().next())
}

/// The entries `trust` accepts for `cluster`, not future-dated, newest
/// first; and a warning for each future-dated one.
pub fn candidates<'a>(
    entries: &'a [Entry],
    trust: &Trust,
    cluster: Option<u64>,
    now: OffsetDateTime,
    warnings: &mut Vec<String>,
) -> Vec<&'a Entry> {
    let mut out = Vec::new();
    for e in entries {
        if e.untrusted(trust).is_some() || e.cluster() != cluster || cluster.is_none() {
            continue;
        }
        if e.future(now) {
            warnings.push(format!(
                "{} is dated {} in the future (a clock ahead?): never taken as the newest, never counted or deleted by retention",
                e.name.file_name,
                fmt_ahead(e.taken() - now)
            ));
            continue;
        }
        out.push(e);
    }
    out
}

fn fmt_ahead(d: time::Duration) -> String {
    let s = d.whole_seconds();
    if s >= 86400 {
        format!("{}d", s / 86400)
    } else if s >= 3600 {
        format!("{}h", s / 3600)
    } else {
        format!("{}m", s / 60)
    }
}

/// "This node's newest snapshot" on a target: the newest vouched-for,
/// not future-dated snapshot of the cluster. `Err` (one line) when
/// ambiguous or when there is none, saying what was passed over.
pub fn newest<'a>(
    entries: &'a [Entry],
    trust: &Trust,
    target: &str,
    node: &str,
    warnings: &mut Vec<String>,
) -> Result<&'a Entry> {
    let cluster = cluster_of(entries, trust, target)?;
    let now = OffsetDateTime::now_utc();
    if let Some(e) = candidates(entries, trust, cluster, now, warnings)
        .into_iter()
        .next()
    {
        return Ok(e);
    }
    if entries.is_empty() {
        bail!("{target}: no kforge snapshot of node {node} there (name one: {target}/NAME)");
    }
    let passed: Vec<String> = entries
        .iter()
        .take(3)
        .map(|e| {
            let why = e.untrusted(trust).unwrap_or_else(|| {
                if e.future(now) {
                    "dated in the future".into()
                } else {
                    match (e.cluster(), cluster) {
                        (Some(c), _) => format!("cluster {c:x}"),
                        _ => "no cluster".into(),
                    }
                }
            });
            format!("{} ({why})", e.name.file_name)
        })
        .collect();
    bail!(
        "{target}: none of node {node}'s {} snapshot(s) there can be vouched for{}: {}",
        entries.len(),
        match cluster {
            Some(c) => format!(" as cluster {c:x}"),
            None => String::new(),
        },
        passed.join("; ")
    )
}

/// Which names retention deletes on a target: vouched-for snapshots of
/// the cluster, by the record's time and revision, never the newest of
/// them, never a future-dated one, never `protect`. Returns (newest kept,
/// names to delete, warnings).
pub fn retention_plan(
    entries: &[Entry],
    trust: &Trust,
    target: &str,
    policy: Retention,
    protect: Option<&str>,
) -> Result<(Option<String>, Vec<String>, Vec<String>)> {
    let mut warnings = Vec::new();
    let cluster = cluster_of(entries, trust, target)?;
    let now = OffsetDateTime::now_utc();
    let counted = candidates(entries, trust, cluster, now, &mut warnings);
    let unvouched = entries
        .iter()
        .filter(|e| e.untrusted(trust).is_some())
        .count();
    if unvouched > 0 {
        warnings.push(format!(
            "{target}: {unvouched} snapshot(s) of this node that kforge cannot vouch for (no record, a contradicting record{}) are neither counted nor deleted",
            if trust.verify.is_some() { ", unsigned" } else { "" }
        ));
    }
    let newest = counted.first().map(|e| e.name.file_name.clone());
    let names: Vec<SnapshotName> = counted.iter().map(|e| e.name.as_snapshot_name()).collect();
    let (_, delete) = policy.plan(&names, now, newest.as_deref());
    let delete = delete
        .into_iter()
        .filter(|s| protect != Some(s.file_name.as_str()))
        .map(|s| s.file_name.clone())
        .collect();
    Ok((newest, delete, warnings))
}

/// Writes `rec` (and, with `sign`, its signature) beside `object` on
/// `store`, create-only: the record after the snapshot, the signature
/// last.
pub fn store_record(
    store: &dyn Store,
    object: &str,
    rec: &Record,
    sign: Option<&super::signing::SignKey>,
) -> Result<()> {
    let bytes = rec.to_bytes();
    put_small(store, &record::record_name(object), &bytes)?;
    if let Some(k) = sign {
        put_small(store, &record::sig_name(object), &k.sign(&bytes)?)?;
    }
    Ok(())
}

fn put_small(store: &dyn Store, name: &str, data: &[u8]) -> Result<()> {
    let mut up = store.put(name)?;
    if let Err(e) = up.write_all(data).and_then(|_| up.flush()) {
        let _ = up.abort();
        return Err(e).with_context(|| format!("{}/{name}", store.url()));
    }
    up.finish()?;
    Ok(())
}

use std::io::Write;

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn entry(node: &str, t: OffsetDateTime, rev: i64, cluster: Option<&str>) -> Entry {
        let name = naming::format_remote("etcd", node, t, rev, true);
        let n = naming::parse_remote("etcd", &name).unwrap();
        Entry {
            record: cluster.map(|c| Record {
                kforge_record: record::FORMAT,
                name: name.trim_end_matches(".age").into(),
                cluster_id: c.into(),
                member_id: "1".into(),
                node: node.into(),
                revision: rev,
                revision_up_to: None,
                db_sha256: "00".repeat(32),
                size_bytes: 1,
                taken: record::rfc3339_ms(t),
            }),
            problem: cluster.is_none().then(|| "no kforge record".into()),
            recorded: cluster.is_some(),
            name: n,
            size: 1,
            signature: Signature::Unsigned,
        }
    }

    #[test]
    fn two_clusters_are_ambiguous_unless_one_is_named() {
        let now = OffsetDateTime::now_utc();
        let mut v = vec![
            entry("cp1", now - time::Duration::hours(1), 10, Some("a")),
            entry("cp1", now - time::Duration::hours(2), 900, Some("b")),
        ];
        sort_newest_first(&mut v);
        let mut w = vec![];
        let e = newest(&v, &Trust::default(), "t", "cp1", &mut w).unwrap_err();
        assert!(e.to_string().contains("2 etcd clusters (a, b)"), "{e}");
        let t = Trust {
            cluster: Some(0xb),
            verify: None,
        };
        assert_eq!(
            newest(&v, &t, "t", "cp1", &mut w).unwrap().name.revision,
            900
        );
    }

    #[test]
    fn future_and_unvouched_snapshots_are_never_newest_counted_or_deleted() {
        let now = OffsetDateTime::now_utc();
        let h = time::Duration::hours;
        let mut v = vec![
            entry("cp1", now + time::Duration::days(365), 5, Some("a")),
            entry("cp1", now - h(1), 4, None),
            entry("cp1", now - h(2), 3, Some("a")),
            entry("cp1", now - h(3), 2, Some("a")),
            entry("cp1", now - h(4), 1, Some("a")),
        ];
        sort_newest_first(&mut v);
        let mut w = vec![];
        assert_eq!(
            newest(&v, &Trust::default(), "t", "cp1", &mut w)
                .unwrap()
                .name
                .revision,
            3
        );
        assert!(w[0].contains("in the future"), "{w:?}");
        let policy = Retention {
            keep: Some(2),
            keep_within: None,
        };
        let (kept, del, w) = retention_plan(&v, &Trust::default(), "t", policy, None).unwrap();
        assert!(kept.unwrap().contains("-rev3.db"));
        assert_eq!(del.len(), 1, "{del:?}");
        assert!(del[0].contains("-rev1.db"));
        assert_eq!(w.len(), 2, "{w:?}");
        let _ = datetime!(2026-01-01 0:00 UTC);
    }
}
