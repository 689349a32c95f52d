//! Where things live on a node: kubeadm's well-known paths, one constant each.
//!
//! Every path here is the absolute path *on the node*. A [`crate::node::Node`]
//! maps it to the real location (under `--root` locally, as-is over SSH).

// The two roots, as macros so the constants below are built from them with
// `concat!` (each path is spelled once).
macro_rules! kubernetes_dir {
    () => {
        "/etc/kubernetes"
    };
}
macro_rules! kubelet_dir {
    () => {
        "/var/lib/kubelet"
    };
}
macro_rules! manifests_dir {
    () => {
        concat!(kubernetes_dir!(), "/manifests")
    };
}

/// kubeadm's configuration directory.
pub const KUBERNETES_DIR: &str = kubernetes_dir!();
/// Default certificates directory (`certificatesDir`, `--cert-dir`).
pub const PKI_DIR: &str = concat!(kubernetes_dir!(), "/pki");
/// The kubelet's static pod directory.
pub const MANIFESTS_DIR: &str = manifests_dir!();
/// The etcd static pod manifest (file name from the component table).
pub const ETCD_MANIFEST: &str = concat!(
    manifests_dir!(),
    "/",
    crate::components::etcd_manifest_file!()
);
/// kubeadm's temporary directory: manifests moved aside to stop their pods,
/// backups of renewed certificates.
pub const KUBERNETES_TMP: &str = concat!(kubernetes_dir!(), "/tmp");
/// The kubeconfig the kubelet uses for TLS bootstrap (`join --tls-bootstrap`).
pub const BOOTSTRAP_KUBELET_CONF: &str = concat!(kubernetes_dir!(), "/bootstrap-kubelet.conf");
/// The kubelet's state directory.
pub const KUBELET_DIR: &str = kubelet_dir!();
/// The kubelet configuration file kubeadm writes.
pub const KUBELET_CONFIG: &str = concat!(kubelet_dir!(), "/config.yaml");
/// The kubelet flags file the kubeadm systemd drop-in sources.
pub const KUBELET_FLAGS_ENV: &str = concat!(kubelet_dir!(), "/kubeadm-flags.env");
/// The kubelet's instance configuration (Kubernetes 1.34+).
pub const KUBELET_INSTANCE_CONFIG: &str = concat!(kubelet_dir!(), "/instance-config.yaml");
/// Present when systemd-resolved manages DNS; kubeadm points the kubelet at it.
pub const RESOLVED_RESOLV_CONF: &str = "/run/systemd/resolve/resolv.conf";
/// Present when the machine booted with systemd (systemd's `sd_booted` test).
pub const SYSTEMD_BOOTED: &str = "/run/systemd/system";
/// Default etcd data directory (`etcd.local.dataDir`).
pub const ETCD_DATA_DIR: &str = "/var/lib/etcd";
/// The host's CA bundle, mounted into the API server and controller-manager.
pub const SSL_CERTS_DIR: &str = "/etc/ssl/certs";
/// CA bundle directories mounted into the apiserver and controller-manager
/// when they exist on the node (kubeadm's list since 1.31).
pub const CA_BUNDLE_DIRS: &[&str] = &[
    "/etc/pki/ca-trust",
    "/etc/pki/tls/certs",
    "/etc/ca-certificates",
    "/usr/share/ca-certificates",
    "/usr/local/share/ca-certificates",
];
/// The controller-manager's default `--flex-volume-plugin-dir`.
pub const FLEXVOLUME_DIR: &str = "/usr/libexec/kubernetes/kubelet-plugins/volume/exec";
/// The record of files kforge wrote and their digests; it is what lets a
/// re-run tell its own files (safe to regenerate) from someone else's.
pub const LEDGER: &str = concat!(kubernetes_dir!(), "/.kforge-ledger.json");
/// The cluster-wide configuration `init` used, as a kubeadm v1beta4
/// ClusterConfiguration: what kubeadm uploads to the kubeadm-config
/// ConfigMap, kept on the node because kforge has no API server to upload it
/// to. `join --control-plane` reads it.
pub const CLUSTER_CONFIG: &str = concat!(kubernetes_dir!(), "/kforge-cluster-config.yaml");
/// This node's part of the configuration `init` used (a kubeadm v1beta4
/// InitConfiguration: node name, API endpoint, CRI socket, taints; no
/// token): with [`CLUSTER_CONFIG`], the defaults of `init phase` run alone.
pub const NODE_CONFIG: &str = concat!(kubernetes_dir!(), "/kforge-node-config.yaml");
/// The node names `join` gave out, with the address each host was joined
/// at, kept on the first control-plane node (there is no API server to ask
/// which nodes exist): a name is never given to a second host.
pub const JOINED_NODES: &str = concat!(kubernetes_dir!(), "/kforge-joined-nodes.json");
/// Bootstrap token Secret written by `init` for `kubectl apply` once the
/// apiserver is up (kforge has no apiserver to upload it to itself).
pub const BOOTSTRAP_TOKEN_SECRET: &str = concat!(kubernetes_dir!(), "/bootstrap-token-secret.yaml");

/// A component's static pod manifest on the node (`None`: not a static pod).
pub fn manifest(c: &crate::components::Component) -> Option<std::path::PathBuf> {
    c.manifest
        .map(|m| std::path::Path::new(MANIFESTS_DIR).join(m))
}

/// What kforge last rendered for each static pod (the base of `upgrade`'s
/// three-way merge: the current file minus this is the operator's edits),
/// written at `init`, `join` and each `upgrade` hop, one file per manifest.
/// Outside the manifests directory, where the kubelet would run them.
pub const RENDERED_DIR: &str = concat!(kubernetes_dir!(), "/.kforge-rendered");

/// What kforge last rendered for a component's static pod (see [`RENDERED_DIR`]).
pub fn rendered(c: &crate::components::Component) -> Option<std::path::PathBuf> {
    c.manifest
        .map(|m| std::path::Path::new(RENDERED_DIR).join(m))
}

/// Journals of in-flight changes to a live node (one fsynced JSON file per
/// kind of change), read by a re-run to finish or undo what a killed run
/// left half-done. See `restore_apply::journal`.
pub const KFORGE_JOURNAL_DIR: &str = concat!(kubernetes_dir!(), "/tmp/kforge-journal");

/// `upgrade apply`'s backups on each node, one directory per run
/// (`<target>-<UTC time>/`): a copy of every file the run replaces (at its
/// node path under `files/`) and, on the node kforge runs on, the verified
/// etcd snapshot taken before anything changed. Only the newest runs are
/// kept (`--keep-backups`): they never pile up.
pub const UPGRADE_BACKUPS: &str = concat!(kubernetes_dir!(), "/tmp/kforge-upgrade");
/// The lock `etcd defrag` and `etcd recover-space` hold, so that two runs
/// (cron and a person) never defragment the same cluster at once.
pub const ETCD_MAINTENANCE_LOCK: &str =
    concat!(kubernetes_dir!(), "/tmp/kforge-etcd-maintenance.lock");

/// Where `reset` keeps the final snapshot of a node's etcd member.
pub const RESET_BACKUP_DIR: &str = "/var/lib/kforge-reset-backups";

/// Environment variables that mirror flags, documented in `--help`.
pub mod env {
    /// Mirrors `--root`.
    pub const ROOT: &str = "KFORGE_ROOT";
    /// Log filter for `tracing` (e.g. `kforge=debug`); `-v` raises it too.
    pub const LOG: &str = "KFORGE_LOG";
}

/// Scans `src/` for how often a fact is spelled out, so each table's tests
/// can check that its names and numbers are written once (in the table) and
/// everything else uses the row. Test modules (`#[cfg(test)]` to the end of
/// a file) may spell facts out and are not scanned.
#[cfg(test)]
pub(crate) mod source_scan {
    use std::path::{Path, PathBuf};

    /// `(path relative to the crate, code before its test module)`.
    pub fn sources() -> Vec<(String, String)> {
        fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
            for e in std::fs::read_dir(dir).unwrap() {
                let p = e.unwrap().path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "rs") {
                    out.push(p);
                }
            }
        }
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files = Vec::new();
        walk(&root.join("src"), &mut files);
        // The workspace's other crates: `crates/NAME/src/...`.
        for e in std::fs::read_dir(root.join("crates")).unwrap() {
            let src = e.unwrap().path().join("src");
            if src.is_dir() {
                walk(&src, &mut files);
            }
        }
        files.sort();
        files
            .into_iter()
            .map(|p| {
                let text = std::fs::read_to_string(&p).unwrap();
                // A file of tests only (`#![cfg(test)]`) has no code.
                let text = if text.contains("\n#![cfg(test)]") {
                    String::new()
                } else {
                    text
                };
                let code = match text.find("#[cfg(test)]") {
                    Some(i) => text[..i].to_string(),
                    None => text,
                };
                let rel = p.strip_prefix(root).unwrap().display().to_string();
                (rel, code)
            })
            .collect()
    }

    /// Files and counts where the string literal `"lit"` occurs.
    pub fn quoted(lit: &str) -> Vec<(String, usize)> {
        let q = format!("\"{lit}\"");
        sources()
            .into_iter()
            .map(|(f, code)| (f, code.matches(&q).count()))
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    /// Files and counts where `n` appears as a number in code (outside
    /// comments and string literals).
    pub fn number(n: u64) -> Vec<(String, usize)> {
        sources()
            .into_iter()
            .map(|(f, code)| {
                let count = code
                    .lines()
                    .map(|l| strip_strings(l.split("//").next().unwrap_or("")))
                    .map(|l| {
                        l.split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
                            .filter(|w| w.replace('_', "") == n.to_string())
                            .count()
                    })
                    .sum();
                (f, count)
            })
            .filter(|(_, n)| *n > 0)
            .collect()
    }

    fn strip_strings(line: &str) -> String {
        let mut out = String::new();
        let mut in_str = false;
        let mut escaped = false;
        for c in line.chars() {
            match (in_str, c) {
                (true, '\\') if !escaped => escaped = true,
                (true, '"') if !escaped => in_str = false,
                (true, _) => escaped = false,
                (false, '"') => in_str = true,
                (false, c) => out.push(c),
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::source_scan;

    #[test]
    fn well_known_paths_are_spelled_only_in_paths_rs() {
        let roots = [
            super::KUBERNETES_DIR,
            super::KUBELET_DIR,
            super::ETCD_DATA_DIR,
        ];
        for (file, code) in source_scan::sources() {
            if file == "src/paths.rs" {
                continue;
            }
            for root in roots {
                assert!(
                    !code.contains(&format!("\"{root}")),
                    "{file} spells a path under {root}: use crate::paths"
                );
            }
        }
    }
}
