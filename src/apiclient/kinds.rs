//! The kinds kforge writes through the API server: one table of their
//! group, version, plural and scope (the API server's discovery facts for
//! these kinds, which do not change between releases).

use anyhow::{bail, Result};
use kube::api::{ApiResource, GroupVersionKind};

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
    /// `kube`'s description of the resource.
    pub fn resource(&self) -> ApiResource {
        let (group, version) = match self.api_version.split_once('/') {
            Some((g, v)) => (g, v),
            None => ("", self.api_version),
        };
        ApiResource::from_gvk_with_plural(
            &GroupVersionKind::gvk(group, version, self.kind),
            self.plural,
        )
    }
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
            let r = k.resource();
            assert_eq!(r.api_version, k.api_version);
        }
        assert!(find("v1", "Pod").is_err());
    }
}
