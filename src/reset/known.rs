//! kubeadm's well-known files, by name, from the tables: what `reset
//! --ignore-ledger` removes when the ledger cannot say which files kforge
//! wrote (it is missing, empty or damaged), and what makes a node without a
//! ledger "not clean".
//!
//! Every row of the certificate table (certificate and key, CAs too), the
//! service-account key pair, every kubeconfig of the kubeconfig table and
//! the TLS-bootstrap one, every static pod manifest of the component table,
//! the kubelet files kubeadm writes, and kforge's own files in
//! `/etc/kubernetes` (the cluster configuration, the joined-node names, the
//! bootstrap token Secret, the rendered bases of upgrade's merge). Nothing else: an operator's file beside them is
//! never removed by name.

use crate::node::Node;
use crate::paths;
use crate::pki::table;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// Every well-known file's node path, in a stable order (certificates,
/// kubeconfigs, manifests, kubelet files, kforge's files).
pub fn files() -> Vec<PathBuf> {
    let pki = Path::new(paths::PKI_DIR);
    let mut out: Vec<PathBuf> = Vec::new();
    for spec in table::CERTS {
        out.push(spec.cert_path(pki));
        out.push(spec.key_path(pki));
    }
    out.push(pki.join(table::SA_KEY));
    out.push(pki.join(table::SA_PUB));
    out.extend(crate::kubeconfig::KUBECONFIGS.iter().map(|k| k.path()));
    out.push(PathBuf::from(paths::BOOTSTRAP_KUBELET_CONF));
    out.extend(crate::components::static_pods().filter_map(paths::manifest));
    for p in [
        paths::KUBELET_CONFIG,
        paths::KUBELET_FLAGS_ENV,
        paths::KUBELET_INSTANCE_CONFIG,
        paths::CLUSTER_CONFIG,
        paths::NODE_CONFIG,
        paths::JOINED_NODES,
        paths::BOOTSTRAP_TOKEN_SECRET,
    ] {
        out.push(PathBuf::from(p));
    }
    // What kforge last rendered per static pod (upgrade's merge base).
    out.extend(crate::components::static_pods().filter_map(paths::rendered));
    out
}

/// A static pod manifest `stop-pods` moved aside is found under `moved`.
fn aside(path: &Path, moved: &Path) -> Option<PathBuf> {
    path.starts_with(paths::MANIFESTS_DIR)
        .then(|| moved.join(path.file_name().unwrap_or_default()))
}

/// The well-known files present on the node: `(node path, where it is
/// now)`; a manifest that a killed reset moved aside is found there.
pub fn present(node: &dyn Node, moved: &Path) -> Result<Vec<(PathBuf, PathBuf)>> {
    let mut out = Vec::new();
    for p in files() {
        if node.exists(&p)? {
            out.push((p.clone(), p));
        } else if let Some(a) = aside(&p, moved) {
            if node.exists(&a)? {
                out.push((p, a));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_comes_from_the_tables_and_names_each_file_once() {
        let f = files();
        let mut dedup = f.clone();
        dedup.sort();
        dedup.dedup();
        assert_eq!(dedup.len(), f.len());
        for want in [
            "/etc/kubernetes/pki/ca.key",
            "/etc/kubernetes/pki/etcd/ca.key",
            "/etc/kubernetes/pki/sa.key",
            "/etc/kubernetes/super-admin.conf",
            "/etc/kubernetes/manifests/etcd.yaml",
            "/var/lib/kubelet/config.yaml",
        ] {
            assert!(f.contains(&PathBuf::from(want)), "{want} missing: {f:#?}");
        }
        // 10 rows x 2 + sa pair + 5 kubeconfigs + bootstrap + 4 manifests + 7
        // + the 4 manifests' rendered bases.
        assert_eq!(f.len(), 20 + 2 + 5 + 1 + 4 + 7 + 4, "{f:#?}");
    }
}
