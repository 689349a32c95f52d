//! The kinds kforge writes through the API server: one table of their
//! group, version, plural and scope (the API server's discovery facts for
//! these kinds, which do not change between releases).

use crate::objects::ApiObject;
use anyhow::{bail, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Kind {
    /// `v1`, `rbac.authorization.k8s.io/v1`, `apps/v1`.
    pub api_version: &'static str,
    pub kind: &'static str,
    pub plural: &'static str,
    pub namespaced: bool,
}

const RBAC: &str = "rbac.authorization.k8s.io/v1";

pub const KINDS: &[Kind] = &[
    Kind {
        api_version: "v1",
        kind: "ConfigMap",
        plural: "configmaps",
        namespaced: true,
    },
    Kind {
        api_version: "v1",
        kind: "Secret",
        plural: "secrets",
        namespaced: true,
    },
    Kind {
        api_version: "v1",
        kind: "ServiceAccount",
        plural: "serviceaccounts",
        namespaced: true,
    },
    Kind {
        api_version: "v1",
        kind: "Service",
        plural: "services",
        namespaced: true,
    },
    Kind {
        api_version: "v1",
        kind: "Node",
        plural: "nodes",
        namespaced: false,
    },
    Kind {
        api_version: "v1",
        kind: "Namespace",
        plural: "namespaces",
        namespaced: false,
    },
    Kind {
        api_version: RBAC,
        kind: "Role",
        plural: "roles",
        namespaced: true,
    },
    Kind {
        api_version: RBAC,
        kind: "RoleBinding",
        plural: "rolebindings",
        namespaced: true,
    },
    Kind {
        api_version: RBAC,
        kind: "ClusterRole",
        plural: "clusterroles",
        namespaced: false,
    },
    Kind {
        api_version: RBAC,
        kind: "ClusterRoleBinding",
        plural: "clusterrolebindings",
        namespaced: false,
    },
    Kind {
        api_version: "apps/v1",
        kind: "Deployment",
        plural: "deployments",
        namespaced: true,
    },
    Kind {
        api_version: "apps/v1",
        kind: "DaemonSet",
        plural: "daemonsets",
        namespaced: true,
    },
];

/// The table's row for `api_version`/`kind`.
pub fn find(api_version: &str, kind: &str) -> Result<&'static Kind> {
    match KINDS
        .iter()
        .find(|k| k.api_version == api_version && k.kind == kind)
    {
        Some(k) => Ok(k),
        None => bail!("{api_version} {kind}: not a kind kforge writes (a kforge bug)"),
    }
}

impl Kind {
    /// `/api/v1` or `/apis/GROUP/VERSION`.
    pub fn prefix(&self) -> String {
        match self.api_version.split_once('/') {
            Some(_) => format!("/apis/{}", self.api_version),
            None => format!("/api/{}", self.api_version),
        }
    }
}

/// The REST path of a kind's collection (`name: None`) or of one object.
pub fn path(
    api_version: &str,
    kind: &str,
    namespace: Option<&str>,
    name: Option<&str>,
) -> Result<String> {
    let k = find(api_version, kind)?;
    let mut p = k.prefix();
    match (namespace, k.namespaced) {
        (Some(ns), true) => p.push_str(&format!("/namespaces/{ns}")),
        (None, false) => {}
        (None, true) => bail!("{kind}: a namespaced kind without a namespace (a kforge bug)"),
        (Some(_), false) => bail!("{kind}: a cluster-scoped kind with a namespace (a kforge bug)"),
    }
    p.push('/');
    p.push_str(k.plural);
    if let Some(n) = name {
        p.push('/');
        p.push_str(n);
    }
    Ok(p)
}

/// The path of `o` itself.
pub fn object_path(o: &ApiObject) -> Result<String> {
    path(
        &o.api_version,
        &o.kind,
        o.namespace.as_deref(),
        Some(&o.name),
    )
}

/// The path of the collection `o` is created in.
pub fn collection_path(o: &ApiObject) -> Result<String> {
    path(&o.api_version, &o.kind, o.namespace.as_deref(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_once_and_plural_lowercase() {
        let mut seen = std::collections::BTreeSet::new();
        for k in KINDS {
            assert!(seen.insert((k.api_version, k.kind)), "{k:?} twice");
            assert_eq!(k.plural, k.plural.to_lowercase());
            assert!(k.plural.starts_with(&k.kind.to_lowercase()[..3]), "{k:?}");
            assert!(k.prefix().starts_with("/api"));
        }
        assert!(find("v1", "Pod").is_err());
        assert_eq!(
            path("v1", "ConfigMap", Some("kube-public"), Some("cluster-info")).unwrap(),
            "/api/v1/namespaces/kube-public/configmaps/cluster-info"
        );
        assert_eq!(
            path(
                "rbac.authorization.k8s.io/v1",
                "ClusterRoleBinding",
                None,
                Some("x")
            )
            .unwrap(),
            "/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/x"
        );
        assert!(path("v1", "Node", Some("ns"), Some("x")).is_err());
    }
}
