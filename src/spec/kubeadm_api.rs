//! kubeadm's own configuration documents (`kubeadm.k8s.io/v1beta3` and
//! `v1beta4`), as read from `--config`.
//!
//! Every struct denies unknown fields, so a typo is a usage error that names
//! the file, the line and the field. Fields kubeadm knows but kforge does not
//! act on are accepted and reported as ignored, never silently dropped.
//! Both versions share these types: v1beta3 writes `extraArgs` as a map and
//! v1beta4 as a list of `{name, value}`; either form is accepted in either
//! version. Fields that exist only in v1beta4 are refused in v1beta3 by
//! [`super::load`].

use crate::pki::KeyAlgorithm;
use crate::versions::KubeVersion;
use ipnet::IpNet;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use std::fmt;
use std::net::IpAddr;

pub const API_GROUP: &str = "kubeadm.k8s.io";
pub const V1BETA3: &str = "kubeadm.k8s.io/v1beta3";
pub const V1BETA4: &str = "kubeadm.k8s.io/v1beta4";

/// `apiVersion` and `kind`, read first to route a document.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TypeMeta {
    pub api_version: Option<String>,
    pub kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InitConfiguration {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub bootstrap_tokens: Vec<BootstrapToken>,
    #[serde(default)]
    pub node_registration: NodeRegistration,
    #[serde(default, rename = "localAPIEndpoint")]
    pub local_api_endpoint: ApiEndpoint,
    pub certificate_key: Option<String>,
    #[serde(default)]
    pub skip_phases: Vec<String>,
    // Known to kubeadm, not used by kforge.
    pub patches: Option<serde_yaml_ng::Value>,
    pub timeouts: Option<serde_yaml_ng::Value>,
    pub dry_run: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct NodeRegistration {
    pub name: Option<String>,
    pub cri_socket: Option<String>,
    /// `None`: kubeadm's default control-plane taint; `Some([])`: no taints.
    pub taints: Option<Vec<Taint>>,
    pub kubelet_extra_args: Option<ExtraArgs>,
    #[serde(default)]
    pub ignore_preflight_errors: Vec<String>,
    pub image_pull_policy: Option<String>,
    pub image_pull_serial: Option<bool>,
}

/// `ClusterConfiguration.dns`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct DnsAddon {
    pub disabled: Option<bool>,
    pub image_repository: Option<String>,
    pub image_tag: Option<String>,
}

/// `ClusterConfiguration.proxy`.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ProxyAddon {
    pub disabled: Option<bool>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Taint {
    pub key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    pub effect: String,
    #[serde(default, skip_serializing)]
    pub time_added: Option<serde_yaml_ng::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ApiEndpoint {
    pub advertise_address: Option<IpAddr>,
    pub bind_port: Option<u16>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct BootstrapToken {
    pub token: Option<crate::token::BootstrapToken>,
    pub description: Option<String>,
    pub ttl: Option<String>,
    pub expires: Option<String>,
    #[serde(default)]
    pub usages: Vec<String>,
    #[serde(default)]
    pub groups: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ClusterConfiguration {
    pub api_version: String,
    pub kind: String,
    pub etcd: Option<EtcdConfig>,
    #[serde(default)]
    pub networking: Networking,
    pub kubernetes_version: Option<KubeVersion>,
    pub control_plane_endpoint: Option<String>,
    #[serde(default)]
    pub api_server: ControlPlaneComponent,
    #[serde(default)]
    pub controller_manager: ControlPlaneComponent,
    #[serde(default)]
    pub scheduler: ControlPlaneComponent,
    pub certificates_dir: Option<String>,
    pub image_repository: Option<String>,
    pub cluster_name: Option<String>,
    /// v1beta4 only.
    pub encryption_algorithm: Option<KeyAlgorithm>,
    /// v1beta4 only, e.g. `8760h0m0s`.
    pub certificate_validity_period: Option<String>,
    /// v1beta4 only, e.g. `87600h0m0s`.
    pub ca_certificate_validity_period: Option<String>,
    /// The CoreDNS add-on: its image (v1beta3, v1beta4) and, v1beta4, `disabled`.
    pub dns: Option<DnsAddon>,
    /// The kube-proxy add-on (v1beta4): `disabled`.
    pub proxy: Option<ProxyAddon>,
    // Known to kubeadm, not used by kforge.
    pub feature_gates: Option<serde_yaml_ng::Value>,
    pub upgrade: Option<serde_yaml_ng::Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Networking {
    pub service_subnet: Option<CidrList>,
    pub pod_subnet: Option<CidrList>,
    pub dns_domain: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct EtcdConfig {
    pub local: Option<LocalEtcd>,
    pub external: Option<ExternalEtcd>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct LocalEtcd {
    pub image_repository: Option<String>,
    pub image_tag: Option<String>,
    pub data_dir: Option<String>,
    pub extra_args: Option<ExtraArgs>,
    pub extra_envs: Option<serde_yaml_ng::Value>,
    #[serde(default, rename = "serverCertSANs")]
    pub server_cert_sans: Vec<String>,
    #[serde(default, rename = "peerCertSANs")]
    pub peer_cert_sans: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ExternalEtcd {
    pub endpoints: Vec<String>,
    pub ca_file: String,
    pub cert_file: String,
    pub key_file: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ControlPlaneComponent {
    pub extra_args: Option<ExtraArgs>,
    #[serde(default)]
    pub extra_volumes: Vec<HostPathMount>,
    pub extra_envs: Option<serde_yaml_ng::Value>,
    /// apiServer only.
    #[serde(default, rename = "certSANs")]
    pub cert_sans: Vec<String>,
    /// apiServer only, v1beta3.
    pub timeout_for_control_plane: Option<String>,
}

#[derive(Debug, Clone, Deserialize, serde::Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct HostPathMount {
    pub name: String,
    pub host_path: String,
    pub mount_path: String,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub read_only: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_type: Option<String>,
}

/// Extra command-line arguments: a map (v1beta3) or a list of `{name, value}`
/// (v1beta4, where a name may repeat). Order is kept.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExtraArgs(pub Vec<(String, String)>);

impl std::ops::Deref for ExtraArgs {
    type Target = [(String, String)];
    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl<'de> Deserialize<'de> for ExtraArgs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct Arg {
            name: String,
            value: String,
        }
        impl<'de> Visitor<'de> for V {
            type Value = ExtraArgs;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a map of flag: value (v1beta3) or a list of {name, value} (v1beta4)")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> Result<ExtraArgs, A::Error> {
                let mut out = Vec::new();
                while let Some((k, v)) = m.next_entry::<String, String>()? {
                    out.push((k, v));
                }
                Ok(ExtraArgs(out))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut s: A) -> Result<ExtraArgs, A::Error> {
                let mut out = Vec::new();
                while let Some(a) = s.next_element::<Arg>()? {
                    out.push((a.name, a.value));
                }
                Ok(ExtraArgs(out))
            }
            fn visit_unit<E: de::Error>(self) -> Result<ExtraArgs, E> {
                Ok(ExtraArgs::default())
            }
        }
        d.deserialize_any(V)
    }
}

/// One CIDR or a comma-separated dual-stack pair, validated while parsing so
/// that the error carries the line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CidrList(pub Vec<IpNet>);

impl std::str::FromStr for CidrList {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let nets = s
            .split(',')
            .map(|p| {
                let p = p.trim();
                p.parse::<IpNet>()
                    .map_err(|_| format!("invalid CIDR {p:?} (expected e.g. 10.96.0.0/12)"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if nets.is_empty() || nets.len() > 2 {
            return Err(format!("{s:?}: expected one CIDR or an IPv4,IPv6 pair"));
        }
        if nets.len() == 2 && nets[0].addr().is_ipv4() == nets[1].addr().is_ipv4() {
            return Err(format!(
                "{s:?}: a dual-stack pair needs one IPv4 and one IPv6 CIDR"
            ));
        }
        Ok(CidrList(nets))
    }
}

impl fmt::Display for CidrList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|n| n.to_string()).collect();
        f.write_str(&parts.join(","))
    }
}

impl<'de> Deserialize<'de> for CidrList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(de::Error::custom)
    }
}
