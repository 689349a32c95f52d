//! Where things live on a node: kubeadm's well-known paths, one constant each.
//!
//! Every path here is the absolute path *on the node*. A [`crate::node::Node`]
//! maps it to the real location (under `--root` locally, as-is over SSH).

/// kubeadm's configuration directory.
pub const KUBERNETES_DIR: &str = "/etc/kubernetes";
/// Default certificates directory (`certificatesDir`, `--cert-dir`).
pub const PKI_DIR: &str = "/etc/kubernetes/pki";
/// The kubelet's static pod directory.
pub const MANIFESTS_DIR: &str = "/etc/kubernetes/manifests";
/// The kubelet's state directory.
pub const KUBELET_DIR: &str = "/var/lib/kubelet";
/// The kubelet configuration file kubeadm writes.
pub const KUBELET_CONFIG: &str = "/var/lib/kubelet/config.yaml";
/// The kubelet flags file the kubeadm systemd drop-in sources.
pub const KUBELET_FLAGS_ENV: &str = "/var/lib/kubelet/kubeadm-flags.env";
/// Default etcd data directory (`etcd.local.dataDir`).
pub const ETCD_DATA_DIR: &str = "/var/lib/etcd";
/// The record of files kforge wrote and their digests; it is what lets a
/// re-run tell its own files (safe to regenerate) from someone else's.
pub const LEDGER: &str = "/etc/kubernetes/.kforge-ledger.json";
/// The cluster-wide configuration `init` used, as a kubeadm v1beta4
/// ClusterConfiguration: what kubeadm uploads to the kubeadm-config
/// ConfigMap, kept on the node because kforge has no API server to upload it
/// to. `join --control-plane` reads it.
pub const CLUSTER_CONFIG: &str = "/etc/kubernetes/kforge-cluster-config.yaml";
/// Bootstrap token Secret written by `init` for `kubectl apply` once the
/// apiserver is up (kforge has no apiserver to upload it to itself).
pub const BOOTSTRAP_TOKEN_SECRET: &str = "/etc/kubernetes/bootstrap-token-secret.yaml";

/// kubeadm's temporary directory: manifests are moved here to stop their
/// static pods (`snapshot restore --apply` keeps etcd's original here).
pub const KUBERNETES_TMP: &str = "/etc/kubernetes/tmp";
/// Journals of in-flight changes to a live node (one fsynced JSON file per
/// kind of change), read by a re-run to finish or undo what a killed run
/// left half-done. See `restore_apply::journal`.
pub const KFORGE_JOURNAL_DIR: &str = "/etc/kubernetes/tmp/kforge-journal";

/// Environment variables that mirror flags, documented in `--help`.
pub mod env {
    /// Mirrors `--root`.
    pub const ROOT: &str = "KFORGE_ROOT";
    /// Log filter for `tracing` (e.g. `kforge=debug`); `-v` raises it too.
    pub const LOG: &str = "KFORGE_LOG";
}
