//! The objects kubeadm writes through the API server once the control plane
//! runs (issue 21), built from kforge's tables as typed `k8s-openapi`
//! values and carried as [`ApiObject`]s to the API client
//! (`crate::apiclient`), to `--dry-run -o yaml`, and to the tests.
//!
//! One module per kubeadm phase; each fact (a name, a rule, a subject, a
//! key, an image) lives in one table of its module. This module holds what
//! they share: the row types of the RBAC tables and their builders, the
//! namespaces and groups every phase names, and kubeadm's component-config
//! signature.
//!
//! Everything here is a pure function of its arguments: no I/O, no clock.

pub mod admin;
pub mod bootstrap_token;
pub mod coredns;
pub mod kube_proxy;
pub mod mark_control_plane;
pub mod upload_config;

pub use admin::cluster_admins_binding;

use anyhow::{Context, Result};
use k8s_openapi::api::core::v1::ConfigMap;
use k8s_openapi::api::rbac::v1::{
    ClusterRole, ClusterRoleBinding, PolicyRule, Role, RoleBinding, RoleRef, Subject,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;
use std::collections::BTreeMap;

/// One object to apply: its type and identity, and its whole body as the
/// API server takes it (`apiVersion`, `kind`, `metadata`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct ApiObject {
    /// `v1`, `rbac.authorization.k8s.io/v1`, `apps/v1`.
    pub api_version: String,
    /// `ConfigMap`, `ClusterRoleBinding`, …
    pub kind: String,
    /// `None` for cluster-scoped kinds.
    pub namespace: Option<String>,
    pub name: String,
    /// The object as JSON, `apiVersion` and `kind` included.
    pub body: serde_json::Value,
}

impl ApiObject {
    /// From a typed `k8s-openapi` object (its `apiVersion` and `kind` are
    /// filled in from the type).
    pub fn new<K>(object: &K) -> Result<ApiObject>
    where
        K: k8s_openapi::Resource + k8s_openapi::Metadata<Ty = ObjectMeta> + Serialize,
    {
        let meta = object.metadata();
        let name = meta
            .name
            .clone()
            .context("an object without metadata.name (a kforge bug)")?;
        let mut body = serde_json::to_value(object)
            .with_context(|| format!("serialising {} {name}", K::KIND))?;
        if let Some(map) = body.as_object_mut() {
            map.insert("apiVersion".into(), K::API_VERSION.into());
            map.insert("kind".into(), K::KIND.into());
        }
        Ok(ApiObject {
            api_version: K::API_VERSION.to_string(),
            kind: K::KIND.to_string(),
            namespace: meta.namespace.clone(),
            name,
            body,
        })
    }

    /// `kind/name` or `kind/namespace/name`, for messages.
    pub fn describe(&self) -> String {
        match &self.namespace {
            Some(ns) => format!("{} {ns}/{}", self.kind, self.name),
            None => format!("{} {}", self.kind, self.name),
        }
    }

    /// The body back as its typed `k8s-openapi` value (for callers that
    /// inspect or edit an object, and for the tests).
    pub fn typed<K: serde::de::DeserializeOwned>(&self) -> Result<K> {
        serde_json::from_value(self.body.clone())
            .with_context(|| format!("{} as a typed object", self.describe()))
    }
}

/// A YAML stream (`---` between documents), as `--dry-run -o yaml` prints it.
pub fn to_yaml_stream(objects: &[ApiObject]) -> Result<String> {
    let mut out = String::new();
    for o in objects {
        out.push_str("---\n");
        out.push_str(&serde_yaml_ng::to_string(&o.body)?);
    }
    Ok(out)
}

/// Namespaces kubeadm writes into.
pub const KUBE_SYSTEM: &str = "kube-system";
pub const KUBE_PUBLIC: &str = "kube-public";

/// `rbac.authorization.k8s.io`, the API group of every roleRef, and of
/// Group and User subjects (the API server fills it in when kubeadm leaves
/// it empty; kforge writes it, so an apply matches what is stored).
pub const RBAC_GROUP: &str = "rbac.authorization.k8s.io";

/// The group every default kubeadm bootstrap token authenticates as.
pub const NODE_BOOTSTRAP_TOKEN_GROUP: &str = crate::spec::defaults::BOOTSTRAP_TOKEN_GROUP;
/// The group of every node's kubelet client certificate.
pub const NODES_GROUP: &str = "system:nodes";

/// The annotation kubeadm puts on a component-config ConfigMap it generated
/// from its defaults (not user-supplied), so a later `kubeadm upgrade` may
/// regenerate it (`constants.ComponentConfigHashAnnotationKey`).
pub const COMPONENT_CONFIG_HASH_ANNOTATION: &str = "kubeadm.kubernetes.io/component-config.hash";

/// kubeadm's `ChecksumForConfigMap`: `sha256:<hex>` of the data values in
/// the order of their sorted keys (keys themselves not hashed), then the
/// binary values likewise (kforge writes none).
pub fn component_config_hash(data: &BTreeMap<String, String>) -> String {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    // A BTreeMap iterates in sorted key order, as Go's sort.Strings.
    for v in data.values() {
        h.update(v.as_bytes());
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// One rule of a Role or ClusterRole table.
#[derive(Debug, Clone, Copy)]
pub struct RuleRow {
    pub verbs: &'static [&'static str],
    pub api_groups: &'static [&'static str],
    pub resources: &'static [&'static str],
    /// Empty: every object of the resources.
    pub resource_names: &'static [&'static str],
}

/// A Role (with a namespace) or ClusterRole (without).
#[derive(Debug, Clone, Copy)]
pub struct RoleRow {
    pub namespace: Option<&'static str>,
    pub name: &'static str,
    pub rules: &'static [RuleRow],
}

/// Who a binding grants to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SubjectRow {
    Group(&'static str),
    User(&'static str),
    ServiceAccount {
        namespace: &'static str,
        name: &'static str,
    },
}

/// A RoleBinding (with a namespace) or ClusterRoleBinding (without).
#[derive(Debug, Clone, Copy)]
pub struct BindingRow {
    pub namespace: Option<&'static str>,
    pub name: &'static str,
    /// `Role` or `ClusterRole`.
    pub role_kind: &'static str,
    pub role_name: &'static str,
    pub subjects: &'static [SubjectRow],
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

/// `metadata` with a name and, for namespaced kinds, a namespace.
pub fn meta(namespace: Option<&str>, name: &str) -> ObjectMeta {
    ObjectMeta {
        name: Some(name.to_string()),
        namespace: namespace.map(str::to_string),
        ..Default::default()
    }
}

/// `BTreeMap` of string pairs (labels, annotations, data).
pub fn string_map(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn rules(rows: &[RuleRow]) -> Vec<PolicyRule> {
    rows.iter()
        .map(|r| PolicyRule {
            verbs: strings(r.verbs),
            api_groups: Some(strings(r.api_groups)),
            resources: Some(strings(r.resources)),
            resource_names: (!r.resource_names.is_empty()).then(|| strings(r.resource_names)),
            non_resource_urls: None,
        })
        .collect()
}

fn subject(s: &SubjectRow) -> Subject {
    match *s {
        SubjectRow::Group(name) => Subject {
            kind: "Group".into(),
            name: name.into(),
            api_group: Some(RBAC_GROUP.into()),
            namespace: None,
        },
        SubjectRow::User(name) => Subject {
            kind: "User".into(),
            name: name.into(),
            api_group: Some(RBAC_GROUP.into()),
            namespace: None,
        },
        SubjectRow::ServiceAccount { namespace, name } => Subject {
            kind: "ServiceAccount".into(),
            name: name.into(),
            api_group: None,
            namespace: Some(namespace.into()),
        },
    }
}

/// The Role or ClusterRole of a row.
pub fn role(row: &RoleRow) -> Result<ApiObject> {
    match row.namespace {
        Some(_) => ApiObject::new(&Role {
            metadata: meta(row.namespace, row.name),
            rules: Some(rules(row.rules)),
        }),
        None => ApiObject::new(&ClusterRole {
            metadata: meta(None, row.name),
            rules: Some(rules(row.rules)),
            aggregation_rule: None,
        }),
    }
}

/// The RoleBinding or ClusterRoleBinding of a row.
pub fn binding(row: &BindingRow) -> Result<ApiObject> {
    let role_ref = RoleRef {
        api_group: RBAC_GROUP.into(),
        kind: row.role_kind.into(),
        name: row.role_name.into(),
    };
    let subjects = Some(row.subjects.iter().map(subject).collect());
    match row.namespace {
        Some(_) => ApiObject::new(&RoleBinding {
            metadata: meta(row.namespace, row.name),
            role_ref,
            subjects,
        }),
        None => ApiObject::new(&ClusterRoleBinding {
            metadata: meta(None, row.name),
            role_ref,
            subjects,
        }),
    }
}

/// A ConfigMap with string data.
pub fn config_map(
    namespace: &str,
    name: &str,
    data: BTreeMap<String, String>,
    labels: &[(&str, &str)],
    annotations: BTreeMap<String, String>,
) -> Result<ApiObject> {
    let mut metadata = meta(Some(namespace), name);
    if !labels.is_empty() {
        metadata.labels = Some(string_map(labels));
    }
    if !annotations.is_empty() {
        metadata.annotations = Some(annotations);
    }
    ApiObject::new(&ConfigMap {
        metadata,
        data: Some(data),
        ..Default::default()
    })
}

/// The annotations of a component-config ConfigMap: kubeadm's signature
/// when kubeadm (here kforge) generated the config, none when the user
/// supplied it.
pub fn component_config_annotations(
    data: &BTreeMap<String, String>,
    user_supplied: bool,
) -> BTreeMap<String, String> {
    let mut a = BTreeMap::new();
    if !user_supplied {
        a.insert(
            COMPONENT_CONFIG_HASH_ANNOTATION.to_string(),
            component_config_hash(data),
        );
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_covers_values_in_key_order_and_not_the_keys() {
        let a = string_map(&[("b", "2"), ("a", "1")]);
        let b = string_map(&[("x", "1"), ("y", "2")]);
        assert_eq!(component_config_hash(&a), component_config_hash(&b));
        // sha256("12")
        assert_eq!(
            component_config_hash(&a),
            "sha256:6b51d431df5d7f141cbececcf79edf3dd861c3b4069f0b11661a3eefacbba918"
        );
    }

    #[test]
    fn bindings_are_namespaced_or_cluster_wide_by_row() {
        let row = BindingRow {
            namespace: None,
            name: "n",
            role_kind: "ClusterRole",
            role_name: "r",
            subjects: &[SubjectRow::Group("g")],
        };
        assert_eq!(binding(&row).unwrap().kind, "ClusterRoleBinding");
        let row = BindingRow {
            namespace: Some(KUBE_SYSTEM),
            ..row
        };
        let b = binding(&row).unwrap();
        assert_eq!(
            (b.kind.as_str(), b.namespace.as_deref()),
            ("RoleBinding", Some(KUBE_SYSTEM))
        );
    }
}
