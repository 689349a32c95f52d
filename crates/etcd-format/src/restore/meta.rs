//! Rewriting the copied database for the new cluster: the `members` bucket
//! holds the new members, `members_removed` is emptied, and `meta` says
//! `consistent_index` = N (the number of members, the index of the raft log
//! the new cluster starts from) and `term` = 1. The other meta keys (etcd's
//! old `confState` too) stay, as etcdutl leaves them.
//!
//! With `--bump-revision R --mark-compacted`, bucket `key` gains an empty
//! entry at revision `latest + R` and `meta` schedules a compaction there,
//! so that clients (Kubernetes watch caches) never see the revision go
//! backwards and must relist.
//!
//! The edit is at the page level ([`crate::bbolt_edit`]): a few pages
//! copied above the high-water mark and a new meta page.

use super::input::snapshot_error;
use super::membership::Cluster;
use crate::bbolt::Db;
use crate::bbolt_edit::{self, Change, Entry};
use crate::wal;
use anyhow::{bail, Result};
use std::fs::File;
use std::path::Path;

use crate::mvcc::{
    self, Revision, CONSISTENT_INDEX_KEY, KEY_BUCKET, MEMBERS_BUCKET, MEMBERS_REMOVED_BUCKET,
    META_BUCKET, SCHEDULED_COMPACT_KEY, TERM_KEY,
};

/// What the rewrite found and did.
pub struct Rewritten {
    /// The latest revision in the snapshot.
    pub revision: i64,
    /// With a bump: the revision the restored etcd starts at.
    pub bumped: Option<i64>,
}

/// Rewrites the database in `db_file` (copied from `src_path`, which errors
/// name) for `cluster`, bumping the revision by `bump`.
pub fn rewrite(
    db_file: &File,
    src_path: &Path,
    cluster: &Cluster,
    bump: Option<u64>,
) -> Result<Rewritten> {
    let db = Db::open(db_file.try_clone()?).map_err(|e| snapshot_error(src_path, e))?;
    let revision = latest_revision(&db, src_path)?;
    let mut meta = vec![
        (
            CONSISTENT_INDEX_KEY.to_vec(),
            (cluster.members.len() as u64).to_be_bytes().to_vec(),
        ),
        (TERM_KEY.to_vec(), wal::TERM.to_be_bytes().to_vec()),
    ];
    let mut changes: Vec<(&[u8], Change)> = vec![
        (MEMBERS_BUCKET, Change::Replace(member_entries(cluster))),
        (MEMBERS_REMOVED_BUCKET, Change::Replace(Vec::new())),
    ];
    let bumped = match bump {
        Some(by) => {
            let to = bumped_revision(revision, by)?;
            // etcdutl: an empty value at {latest + N, 0}, and a compaction
            // scheduled there.
            changes.push((
                KEY_BUCKET,
                Change::Append((Revision { main: to, sub: 0 }.key(), Vec::new())),
            ));
            meta.push((
                SCHEDULED_COMPACT_KEY.to_vec(),
                Revision { main: to, sub: 0 }.key(),
            ));
            Some(to)
        }
        None => None,
    };
    changes.push((META_BUCKET, Change::Put(meta)));
    bbolt_edit::apply(&db, db_file, &changes).map_err(|e| snapshot_error(src_path, e))?;
    Ok(Rewritten { revision, bumped })
}

fn member_entries(cluster: &Cluster) -> Vec<Entry> {
    cluster
        .members
        .iter()
        .map(|m| (m.id_hex().into_bytes(), m.json().into_bytes()))
        .collect()
}

/// `revision + by`, or a usage error when etcd cannot hold it.
pub fn bumped_revision(revision: i64, by: u64) -> Result<i64> {
    i64::try_from(by)
        .ok()
        .and_then(|b| revision.checked_add(b))
        .ok_or_else(|| {
            crate::bad_input(format!(
                "--bump-revision {by} would take revision {revision} past the largest revision etcd can hold ({})",
                i64::MAX
            ))
        })
}

/// Checks, before anything is written, that the snapshot in `file` is
/// etcd's and that `bump` keeps its revision within what etcd can hold.
pub fn check_bump(file: &File, src_path: &Path, bump: Option<u64>) -> Result<()> {
    let Some(by) = bump else {
        return Ok(());
    };
    let db = Db::open(file.try_clone()?).map_err(|e| snapshot_error(src_path, e))?;
    bumped_revision(latest_revision(&db, src_path)?, by).map(|_| ())
}

/// Checks the database is etcd's and returns its latest revision.
fn latest_revision(db: &Db, src_path: &Path) -> Result<i64> {
    for needed in [KEY_BUCKET, META_BUCKET] {
        if db
            .bucket(&db.root(), needed)
            .map_err(|e| snapshot_error(src_path, e))?
            .is_none()
        {
            bail!(
                "snapshot {}: not an etcd database (it has no \"{}\" bucket)",
                src_path.display(),
                String::from_utf8_lossy(needed)
            );
        }
    }
    let last = bbolt_edit::last_key(db, KEY_BUCKET).map_err(|e| snapshot_error(src_path, e))?;
    match &last {
        None => Ok(0),
        Some(k) => match mvcc::revision_key(k) {
            Some(r) => Ok(r.revision.main),
            None => bail!(
                "snapshot {}: bucket \"key\" holds a key of {} bytes, too short for a revision",
                src_path.display(),
                k.len()
            ),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bump_past_the_largest_revision_is_a_usage_error() {
        assert_eq!(bumped_revision(10, 5).unwrap(), 15);
        assert_eq!(bumped_revision(0, i64::MAX as u64).unwrap(), i64::MAX);
        for (rev, by) in [(1, i64::MAX as u64), (0, u64::MAX), (5, 1u64 << 63)] {
            let e = bumped_revision(rev, by).unwrap_err();
            assert_eq!(
                e.downcast_ref::<crate::BadInput>().map(|b| b.0.as_str()),
                Some(e.to_string().as_str())
            );
            assert!(e.to_string().contains("--bump-revision"), "{e}");
        }
    }
}
