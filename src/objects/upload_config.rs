//! `upload-config`: the cluster's configuration in ConfigMaps that joining
//! nodes and `kubeadm upgrade` read, and the Roles that let them.
//!
//! Facts (kubeadm `phases/uploadconfig/uploadconfig.go`,
//! `phases/kubelet/config.go`, `constants.go`):
//! - `kube-system/kubeadm-config`, one key `ClusterConfiguration`: the
//!   ClusterConfiguration only (no InitConfiguration: no tokens, no node
//!   registration), in the current API version (v1beta4 from 1.31); never
//!   signed. Role and RoleBinding `kubeadm:nodes-kubeadm-config`: `get` on
//!   that ConfigMap for the default bootstrap-token group, then the nodes.
//! - `kube-system/kubelet-config`, one key `kubelet`: the cluster-wide
//!   KubeletConfiguration (unversioned name from 1.24 on; every release
//!   kforge supports), signed with [`super::COMPONENT_CONFIG_HASH_ANNOTATION`]
//!   when it was not user-supplied. Role and RoleBinding
//!   `kubeadm:kubelet-config`: `get` on it for the nodes, then the default
//!   bootstrap-token group.

use super::{
    binding, config_map, role, string_map, ApiObject, BindingRow, RoleRow, RuleRow, SubjectRow,
    KUBE_SYSTEM, NODES_GROUP, NODE_BOOTSTRAP_TOKEN_GROUP,
};
use crate::spec::ClusterSpec;
use anyhow::{Context, Result};
use std::collections::BTreeMap;

/// One uploaded configuration: its ConfigMap, its key, and who may read it.
#[derive(Debug, Clone, Copy)]
pub struct UploadRow {
    pub config_map: &'static str,
    pub key: &'static str,
    pub role: RoleRow,
    pub binding: BindingRow,
}

pub const KUBEADM_CONFIG: UploadRow = UploadRow {
    config_map: "kubeadm-config",
    key: "ClusterConfiguration",
    role: RoleRow {
        namespace: Some(KUBE_SYSTEM),
        name: "kubeadm:nodes-kubeadm-config",
        rules: &[RuleRow {
            verbs: &["get"],
            api_groups: &[""],
            resources: &["configmaps"],
            resource_names: &["kubeadm-config"],
        }],
    },
    binding: BindingRow {
        namespace: Some(KUBE_SYSTEM),
        name: "kubeadm:nodes-kubeadm-config",
        role_kind: "Role",
        role_name: "kubeadm:nodes-kubeadm-config",
        subjects: &[
            SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP),
            SubjectRow::Group(NODES_GROUP),
        ],
    },
};

pub const KUBELET_CONFIG: UploadRow = UploadRow {
    config_map: "kubelet-config",
    key: "kubelet",
    role: RoleRow {
        namespace: Some(KUBE_SYSTEM),
        name: "kubeadm:kubelet-config",
        rules: &[RuleRow {
            verbs: &["get"],
            api_groups: &[""],
            resources: &["configmaps"],
            resource_names: &["kubelet-config"],
        }],
    },
    binding: BindingRow {
        namespace: Some(KUBE_SYSTEM),
        name: "kubeadm:kubelet-config",
        role_kind: "Role",
        role_name: "kubeadm:kubelet-config",
        subjects: &[
            SubjectRow::Group(NODES_GROUP),
            SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP),
        ],
    },
};

fn upload(
    row: &UploadRow,
    text: String,
    annotations: BTreeMap<String, String>,
) -> Result<Vec<ApiObject>> {
    let data = string_map(&[(row.key, &text)]);
    Ok(vec![
        config_map(KUBE_SYSTEM, row.config_map, data, &[], annotations)?,
        role(&row.role)?,
        binding(&row.binding)?,
    ])
}

/// `upload-config/kubeadm`: ConfigMap `kube-system/kubeadm-config` with the
/// spec's v1beta4 ClusterConfiguration (the one renderer that also writes
/// the node's `kforge-cluster-config.yaml`), its Role and RoleBinding.
pub fn kubeadm_config(spec: &ClusterSpec) -> Result<Vec<ApiObject>> {
    let text = crate::spec::print::cluster_configuration_document(spec);
    upload(&KUBEADM_CONFIG, text, BTreeMap::new())
}

/// `upload-config/kubelet`: ConfigMap `kube-system/kubelet-config` with the
/// KubeletConfiguration kforge writes to `/var/lib/kubelet/config.yaml`
/// (`crate::kubelet::config_yaml`), its Role and RoleBinding. Unsigned, as
/// kubeadm leaves a user-supplied config: a later `kubeadm upgrade` keeps
/// it as it is. [`kubelet_config_generated`] signs it.
pub fn kubelet_config(kubelet_config_yaml: &str) -> Result<Vec<ApiObject>> {
    kubelet_config_with(kubelet_config_yaml, true)
}

/// As [`kubelet_config`], for a KubeletConfiguration made from kubeadm's
/// defaults alone (no `KubeletConfiguration` in `--config`): signed with
/// kubeadm's component-config hash, as kubeadm signs the config it generated.
pub fn kubelet_config_generated(kubelet_config_yaml: &str) -> Result<Vec<ApiObject>> {
    kubelet_config_with(kubelet_config_yaml, false)
}

/// [`kubelet_config_generated`] when the spec's kubelet configuration is
/// kubeadm's defaults alone, else [`kubelet_config`] (a
/// `KubeletConfiguration` in `--config` makes it user-supplied, as in kubeadm).
pub fn kubelet_config_for(spec: &ClusterSpec, kubelet_config_yaml: &str) -> Result<Vec<ApiObject>> {
    kubelet_config_with(kubelet_config_yaml, spec.kubelet_config_overrides.is_some())
}

fn kubelet_config_with(yaml: &str, user_supplied: bool) -> Result<Vec<ApiObject>> {
    let doc: serde_json::Value =
        serde_yaml_ng::from_str(yaml).context("the kubelet configuration is not YAML")?;
    let kind = doc.get("kind").and_then(|k| k.as_str());
    anyhow::ensure!(
        kind == Some("KubeletConfiguration"),
        "the kubelet configuration has kind {kind:?}, not KubeletConfiguration"
    );
    let data = string_map(&[(KUBELET_CONFIG.key, yaml)]);
    let annotations = super::component_config_annotations(&data, user_supplied);
    upload(&KUBELET_CONFIG, yaml.to_string(), annotations)
}
