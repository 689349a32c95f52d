//! etcd's on-disk formats, read and written without etcd: the bbolt
//! database ([`bbolt`] reads, [`bbolt_edit`] edits at the page level), the
//! key schema inside it ([`mvcc`]), the WAL and raft snapshot of a new
//! member ([`wal`]), the snapshot file and its status ([`snapshot_file`]),
//! and the physical restore that builds a data directory from a snapshot
//! ([`restore`]). Nothing here talks to a running etcd or knows about
//! Kubernetes; kforge's backup and restore workflows sit on top.
//!
//! Errors are `anyhow` chains; the two kinds a caller must tell apart carry
//! a type: [`BadInput`] (the snapshot or the options are wrong: kforge exits
//! 2) and [`kforge_fs::Locked`] (another restore holds the target: exit 4).

pub mod bbolt;
pub mod bbolt_edit;
pub mod mvcc;
pub mod restore;
pub mod snapshot_file;
pub mod wal;

use std::fmt;

/// The input is wrong (a flag, an option, a snapshot that cannot be
/// restored as asked), not the machine: retrying will not help.
#[derive(Debug)]
pub struct BadInput(pub String);

impl fmt::Display for BadInput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for BadInput {}

/// Shorthand: `Err(bad_input(format!(...)))`.
pub fn bad_input(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(BadInput(msg.into()))
}

/// A member or cluster ID as etcd and etcdctl print it (`%x`: lower-case
/// hex, no padding). The one formatter for IDs.
pub fn fmt_id(id: u64) -> String {
    format!("{id:x}")
}

/// Where a long copy reports how far it got (kforge draws a progress bar).
pub trait Progress {
    /// The total, once known.
    fn set_length(&self, total: u64);
    /// Done so far.
    fn set_position(&self, done: u64);
}
