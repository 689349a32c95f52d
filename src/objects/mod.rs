//! The objects kubeadm writes through the API server once the control plane
//! runs (issue 21), built from kforge's tables as typed `k8s-openapi`
//! values and carried as [`ApiObject`]s to the API client
//! (`crate::apiclient`), to `--dry-run -o yaml`, and to the tests.
//!
//! One module per kubeadm phase; each fact (a name, a rule, a subject, a
//! key, an image) lives in one table of its module.

use anyhow::{Context, Result};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta;
use serde::Serialize;

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
