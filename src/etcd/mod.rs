//! etcd: client connections, snapshots and their on-disk formats.

pub mod client;
