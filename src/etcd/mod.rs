//! etcd: client connections and day-2 operations on a running cluster (its
//! on-disk formats are the `etcd_format` crate, backups [`crate::backup`]).

pub mod client;
pub mod node_cluster;
pub mod ops;
pub mod tls_check;
