//! `addon/kube-proxy`: kubeadm's kube-proxy objects for the cluster.
//!
//! Facts (kubeadm `phases/addons/proxy/manifests.go` and `proxy.go`,
//! `componentconfigs/kubeproxy.go`, `constants.go`):
//! - objects, in kubeadm's order: ConfigMap `kube-proxy` (label
//!   `app: kube-proxy`; keys `kubeconfig.conf` and `config.conf`),
//!   DaemonSet `kube-proxy`, ServiceAccount `kube-proxy`,
//!   ClusterRoleBinding `kubeadm:node-proxier` (ClusterRole
//!   `system:node-proxier`, the API server's own), Role and RoleBinding
//!   `kube-proxy` (`get` on the ConfigMap for the default bootstrap-token
//!   group), all namespaced ones in `kube-system`;
//! - `kubeconfig.conf` points at the control-plane endpoint with the pod's
//!   service-account CA and token;
//! - `config.conf` is the `KubeProxyConfiguration` from `--config`, or an
//!   empty one, with kubeadm's defaults filled into what is unset:
//!   `bindAddress` `0.0.0.0` (`::` when the advertise address is IPv6),
//!   `clusterCIDR` the pod subnet (when there is one),
//!   `clientConnection.kubeconfig` `/var/lib/kube-proxy/kubeconfig.conf`;
//!   keys sorted as Go's YAML writer sorts them; the ConfigMap is signed
//!   ([`super::COMPONENT_CONFIG_HASH_ANNOTATION`]) only when the config was
//!   not user-supplied;
//! - the image is `<imageRepository>/kube-proxy:<kubernetesVersion>`.
//!
//! kubeadm also appends the proxy variables of the machine it runs on
//! (every non-empty `*_proxy`, any case) to the container's env; that reads
//! the environment, so the caller passes them to [`objects_with_env`]
//! (`crate::manifests::proxy_env`), and this module stays pure.

use super::{
    binding, config_map, meta, role, string_map, ApiObject, BindingRow, RoleRow, RuleRow,
    SubjectRow, KUBE_SYSTEM, NODE_BOOTSTRAP_TOKEN_GROUP,
};
use crate::spec::ClusterSpec;
use anyhow::{bail, Result};
use k8s_openapi::api::apps::v1::{DaemonSet, DaemonSetSpec, DaemonSetUpdateStrategy};
use k8s_openapi::api::core::v1::{
    ConfigMapVolumeSource, Container, EnvVar, EnvVarSource, HostPathVolumeSource,
    ObjectFieldSelector, PodSpec, PodTemplateSpec, SecurityContext, ServiceAccount, Toleration,
    Volume, VolumeMount,
};
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, ObjectMeta};
use serde_json::{json, Value};
use std::collections::BTreeMap;

pub const NAME: &str = "kube-proxy";
/// `constants.KubeProxyConfigMapKey`.
pub const CONFIG_KEY: &str = "config.conf";
pub const KUBECONFIG_KEY: &str = "kubeconfig.conf";
/// Where the DaemonSet mounts the ConfigMap.
pub const CONFIG_DIR: &str = "/var/lib/kube-proxy";
/// `apiVersion` of the component config.
pub const CONFIG_API_VERSION: &str = crate::spec::load::KUBE_PROXY_API_VERSION;
pub const CONFIG_KIND: &str = "KubeProxyConfiguration";
/// `kubeproxyKubeConfigFileName`.
pub const DEFAULT_KUBECONFIG: &str = "/var/lib/kube-proxy/kubeconfig.conf";
/// `DefaultProxyBindAddressv4` / `v6`.
pub const DEFAULT_BIND_ADDRESS_V4: &str = "0.0.0.0";
pub const DEFAULT_BIND_ADDRESS_V6: &str = "::";
const SA_CA: &str = "/var/run/secrets/kubernetes.io/serviceaccount/ca.crt";
const SA_TOKEN: &str = "/var/run/secrets/kubernetes.io/serviceaccount/token";

pub const CONFIG_MAP_LABELS: &[(&str, &str)] = &[("app", "kube-proxy")];
pub const APP_LABEL: (&str, &str) = ("k8s-app", "kube-proxy");

pub const CLUSTER_ROLE_BINDING: BindingRow = BindingRow {
    namespace: None,
    name: "kubeadm:node-proxier",
    role_kind: "ClusterRole",
    role_name: "system:node-proxier",
    subjects: &[SubjectRow::ServiceAccount {
        namespace: KUBE_SYSTEM,
        name: NAME,
    }],
};

pub const ROLE: RoleRow = RoleRow {
    namespace: Some(KUBE_SYSTEM),
    name: NAME,
    rules: &[RuleRow {
        verbs: &["get"],
        api_groups: &[""],
        resources: &["configmaps"],
        resource_names: &[NAME],
    }],
};

pub const ROLE_BINDING: BindingRow = BindingRow {
    namespace: Some(KUBE_SYSTEM),
    name: NAME,
    role_kind: "Role",
    role_name: NAME,
    subjects: &[SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP)],
};

/// One volume of the DaemonSet and its mount in the container.
#[derive(Debug, Clone, Copy)]
pub struct VolumeRow {
    pub name: &'static str,
    /// `None`: the `kube-proxy` ConfigMap.
    pub host_path: Option<&'static str>,
    pub host_path_type: Option<&'static str>,
    pub mount_path: &'static str,
    pub read_only: Option<bool>,
}

pub const VOLUMES: &[VolumeRow] = &[
    VolumeRow {
        name: NAME,
        host_path: None,
        host_path_type: None,
        mount_path: CONFIG_DIR,
        read_only: None,
    },
    VolumeRow {
        name: "xtables-lock",
        host_path: Some("/run/xtables.lock"),
        host_path_type: Some("FileOrCreate"),
        mount_path: "/run/xtables.lock",
        read_only: Some(false),
    },
    VolumeRow {
        name: "lib-modules",
        host_path: Some("/lib/modules"),
        host_path_type: None,
        mount_path: "/lib/modules",
        read_only: Some(true),
    },
];

/// `https://host:port` of the API server as kube-proxy reaches it.
fn kubeconfig(server: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: {SA_CA}\n    server: {server}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: {SA_TOKEN}"
    )
}

/// The KubeProxyConfiguration document: the user's (from `--config`) or an
/// empty one, with kubeadm's defaults filled in where unset.
pub fn config(spec: &ClusterSpec) -> Result<Value> {
    let mut doc = spec
        .kube_proxy_config
        .clone()
        .unwrap_or_else(|| json!({"apiVersion": CONFIG_API_VERSION, "kind": CONFIG_KIND}));
    let Some(m) = doc.as_object_mut() else {
        bail!("{CONFIG_KIND} must be a mapping");
    };
    let unset = |v: Option<&Value>| v.is_none_or(|v| v.is_null() || v.as_str() == Some(""));
    if unset(m.get("bindAddress")) {
        let bind = if spec.advertise_address.is_ipv4() {
            DEFAULT_BIND_ADDRESS_V4
        } else {
            DEFAULT_BIND_ADDRESS_V6
        };
        m.insert("bindAddress".into(), bind.into());
    }
    if let Some(pods) = &spec.pod_subnet {
        if unset(m.get("clusterCIDR")) {
            m.insert("clusterCIDR".into(), pods.to_string().into());
        }
    }
    let conn = m.entry("clientConnection").or_insert_with(|| json!({}));
    if conn.is_null() {
        *conn = json!({});
    }
    let Some(conn) = conn.as_object_mut() else {
        bail!("{CONFIG_KIND}: clientConnection must be a mapping");
    };
    if unset(conn.get("kubeconfig")) {
        conn.insert("kubeconfig".into(), DEFAULT_KUBECONFIG.into());
    }
    Ok(crate::kubeadm_style::sort_keys(doc))
}

/// The `config.conf` text (no trailing newline, as kubeadm's `|-` block).
pub fn config_text(spec: &ClusterSpec) -> Result<String> {
    let text = serde_yaml_ng::to_string(&config(spec)?)?;
    Ok(text.trim_end_matches('\n').to_string())
}

/// `<imageRepository>/kube-proxy:<kubernetesVersion>`.
pub fn image(spec: &ClusterSpec) -> String {
    crate::manifests::image(
        &spec.image_repository,
        NAME,
        &spec.kubernetes_version.to_string(),
    )
}

fn daemon_set(spec: &ClusterSpec, proxy_env: &[(String, String)]) -> DaemonSet {
    let mut env = vec![EnvVar {
        name: "NODE_NAME".into(),
        value_from: Some(EnvVarSource {
            field_ref: Some(ObjectFieldSelector {
                field_path: "spec.nodeName".into(),
                api_version: None,
            }),
            ..Default::default()
        }),
        value: None,
    }];
    env.extend(proxy_env.iter().map(|(k, v)| EnvVar {
        name: k.clone(),
        value: Some(v.clone()),
        value_from: None,
    }));
    let labels = string_map(&[APP_LABEL]);
    let container = Container {
        name: NAME.into(),
        image: Some(image(spec)),
        image_pull_policy: Some("IfNotPresent".into()),
        command: Some(vec![
            "/usr/local/bin/kube-proxy".into(),
            format!("--config={CONFIG_DIR}/{CONFIG_KEY}"),
            "--hostname-override=$(NODE_NAME)".into(),
        ]),
        security_context: Some(SecurityContext {
            privileged: Some(true),
            ..Default::default()
        }),
        volume_mounts: Some(
            VOLUMES
                .iter()
                .map(|v| VolumeMount {
                    mount_path: v.mount_path.into(),
                    name: v.name.into(),
                    read_only: v.read_only,
                    ..Default::default()
                })
                .collect(),
        ),
        env: Some(env),
        ..Default::default()
    };
    let volumes = VOLUMES
        .iter()
        .map(|v| match v.host_path {
            None => Volume {
                name: v.name.into(),
                config_map: Some(ConfigMapVolumeSource {
                    name: NAME.into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            Some(path) => Volume {
                name: v.name.into(),
                host_path: Some(HostPathVolumeSource {
                    path: path.into(),
                    type_: v.host_path_type.map(str::to_string),
                }),
                ..Default::default()
            },
        })
        .collect();
    let mut metadata = meta(Some(KUBE_SYSTEM), NAME);
    metadata.labels = Some(labels.clone());
    DaemonSet {
        metadata,
        spec: Some(DaemonSetSpec {
            selector: LabelSelector {
                match_labels: Some(labels.clone()),
                match_expressions: None,
            },
            update_strategy: Some(DaemonSetUpdateStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: None,
            }),
            template: PodTemplateSpec {
                metadata: Some(ObjectMeta {
                    labels: Some(labels),
                    ..Default::default()
                }),
                spec: Some(PodSpec {
                    priority_class_name: Some("system-node-critical".into()),
                    containers: vec![container],
                    host_network: Some(true),
                    service_account_name: Some(NAME.into()),
                    volumes: Some(volumes),
                    tolerations: Some(vec![Toleration {
                        operator: Some("Exists".into()),
                        ..Default::default()
                    }]),
                    node_selector: Some(string_map(&[("kubernetes.io/os", "linux")])),
                    ..Default::default()
                }),
            },
            ..Default::default()
        }),
        status: None,
    }
}

/// kube-proxy's objects, in the order kubeadm creates them.
pub fn objects(spec: &ClusterSpec) -> Result<Vec<ApiObject>> {
    objects_with_env(spec, &[])
}

/// As [`objects`], with the machine's proxy variables appended to the
/// container's env after `NODE_NAME`, as kubeadm appends its own.
pub fn objects_with_env(
    spec: &ClusterSpec,
    proxy_env: &[(String, String)],
) -> Result<Vec<ApiObject>> {
    let data: BTreeMap<String, String> = string_map(&[
        (KUBECONFIG_KEY, &kubeconfig(&spec.control_plane_url())),
        (CONFIG_KEY, &config_text(spec)?),
    ]);
    let annotations = super::component_config_annotations(&data, spec.kube_proxy_config.is_some());
    Ok(vec![
        config_map(KUBE_SYSTEM, NAME, data, CONFIG_MAP_LABELS, annotations)?,
        ApiObject::new(&daemon_set(spec, proxy_env))?,
        ApiObject::new(&ServiceAccount {
            metadata: meta(Some(KUBE_SYSTEM), NAME),
            ..Default::default()
        })?,
        binding(&CLUSTER_ROLE_BINDING)?,
        role(&ROLE)?,
        binding(&ROLE_BINDING)?,
    ])
}
