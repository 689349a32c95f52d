//! etcd: client connections, snapshots and their on-disk formats.

pub mod bbolt;
pub mod bbolt_edit;
pub mod catalog;
pub mod client;
pub mod drill;
pub mod metrics;
pub mod naming;
pub mod node_cluster;
pub mod offsite;
pub mod ops;
pub mod record;
pub mod restore;
pub mod retention;
pub mod save;
pub mod signing;
pub mod snapshot_file;
pub mod tls_check;
pub mod vouch;
pub mod wal;
