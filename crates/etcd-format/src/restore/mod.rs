//! `snapshot restore`: turn a snapshot into the data directory of a new etcd
//! cluster, as `etcdutl snapshot restore` does, so that etcd 3.4 and 3.5
//! boot from it with every key, revision and lease intact.
//!
//! What is written:
//! - `member/snap/db`: the snapshot without its sha256 trailer, rewritten
//!   for the new cluster ([`meta`]: membership, meta, revision bump);
//! - the WAL and the raft snapshot file ([`crate::wal`]), byte for
//!   byte etcdutl's.
//!
//! The files, one job each:
//! - [`input`]: the snapshot is checked before anything is written;
//! - [`membership`]: the new cluster's members and IDs from etcdutl's flags;
//! - [`copy`]: one pass that reads, hashes and writes the database;
//! - [`meta`]: the membership/meta rewrite of the copy;
//! - [`staging`] and [`build`]: the data dir built beside its target and
//!   renamed into place last.
//!
//! Why it is fast and small: the database is streamed once, then edited at
//! the page level: a few pages copied above the high-water mark and a new
//! meta page. Memory does not grow with the database. etcdutl copies the
//! file, reads it back to hash it, then opens it with bbolt several times,
//! each open mapping the file and walking every page to rebuild the
//! freelist.
//!
//! The Kubernetes-aware mode (reading the member from kubeadm's `etcd.yaml`
//! and, with `--apply`, repointing it) is a workflow over this module:
//! `restore_apply`, a layer above, which this module never imports.

mod build;
mod copy;
pub mod input;
pub mod membership;
pub mod meta;
pub mod staging;

pub use build::WAL_SEGMENT_BYTES;
pub use membership::{
    cluster_id, member_id, parse_peer_url, resolve_cluster, Cluster, ClusterFlags, DEFAULT_NAME,
    DEFAULT_PEER_URLS, DEFAULT_TOKEN,
};
pub use staging::split_target;

use anyhow::Result;
use serde::Serialize;
use std::path::PathBuf;
use std::time::Instant;

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
    #[serde(rename = "sizeBytes")]
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
}

/// Restores `o.snapshot` as described in the module doc.
pub fn restore(o: &Options, progress: Option<&dyn crate::Progress>) -> Result<Restored> {
    let started = Instant::now();
    if let Some(w) = &o.wal_dir {
        if w.starts_with(&o.data_dir) {
            return Err(crate::bad_input(
                "--wal-dir must lie outside --data-dir (without it the WAL goes to DATA_DIR/member/wal)",
            ));
        }
    }
    let snapshot = input::open(&o.snapshot, o.skip_hash_check)?;
    meta::check_bump(&snapshot.file, &o.snapshot, o.bump_revision)?;
    let built = build::build(o, &snapshot, progress)?;
    Ok(report(o, snapshot.body, built, started))
}

fn report(o: &Options, size: u64, built: build::Built, started: Instant) -> Restored {
    let local = o.cluster.local();
    let members = o
        .cluster
        .members
        .iter()
        .map(|m| MemberOut {
            name: m.name.clone(),
            id: m.id_hex(),
            peer_urls: m.peer_urls.clone(),
        })
        .collect();
    Restored {
        snapshot: o.snapshot.clone(),
        data_dir: o.data_dir.clone(),
        wal_dir: o
            .wal_dir
            .clone()
            .unwrap_or_else(|| o.data_dir.join("member").join("wal")),
        name: local.name.clone(),
        member_id: local.id_hex(),
        cluster_id: crate::fmt_id(o.cluster.id),
        initial_cluster_token: o.cluster.token.clone(),
        members,
        sha256: built.sha256,
        size,
        revision: built.rewritten.revision,
        bumped_revision: built.rewritten.bumped,
        duration_seconds: started.elapsed().as_secs_f64(),
        removed_stale: built.removed_stale,
    }
}
