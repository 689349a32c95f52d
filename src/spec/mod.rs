//! The cluster spec: kubeadm-style config files and flags, merged over
//! kubeadm's defaults and validated into one [`ClusterSpec`] that every plan
//! reads. Parsing (what the user typed) is strict; resolving (hostname,
//! default route) touches the machine only after parsing succeeded.

pub mod defaults;
pub mod host;
pub mod kubeadm_api;
pub mod load;
pub mod print;

use crate::pki::{KeyAlgorithm, PkiSettings, Validity};
use crate::token::BootstrapToken;
use crate::versions::{KubeVersion, Release};
use ipnet::IpNet;
use kubeadm_api::{CidrList, ExtraArgs, HostPathMount, Taint};
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::PathBuf;

/// Local (stacked) or external etcd.
#[derive(Debug, Clone)]
pub enum EtcdSpec {
    Local(LocalEtcd),
    External(ExternalEtcd),
}

#[derive(Debug, Clone)]
pub struct LocalEtcd {
    pub image_repository: Option<String>,
    pub image_tag: Option<String>,
    pub data_dir: String,
    pub extra_args: ExtraArgs,
    pub server_cert_sans: Vec<String>,
    pub peer_cert_sans: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ExternalEtcd {
    pub endpoints: Vec<String>,
    pub ca_file: String,
    pub cert_file: String,
    pub key_file: String,
}

/// Extra flags and volumes for one control-plane component.
#[derive(Debug, Clone, Default)]
pub struct ComponentSpec {
    pub extra_args: ExtraArgs,
    pub extra_volumes: Vec<HostPathMount>,
}

/// Everything `init` needs to know, resolved and validated.
#[derive(Debug, Clone)]
pub struct ClusterSpec {
    pub node_name: String,
    pub cri_socket: String,
    pub taints: Vec<Taint>,
    pub kubelet_extra_args: ExtraArgs,
    /// Lower-cased check names, or `all`.
    pub ignore_preflight_errors: BTreeSet<String>,
    pub advertise_address: IpAddr,
    pub bind_port: u16,
    pub kubernetes_version: KubeVersion,
    pub release: &'static Release,
    pub control_plane_endpoint: Option<String>,
    pub service_subnets: Vec<IpNet>,
    pub pod_subnet: Option<CidrList>,
    pub dns_domain: String,
    pub cert_dir: PathBuf,
    pub image_repository: String,
    pub cluster_name: String,
    pub etcd: EtcdSpec,
    pub api_server: ComponentSpec,
    pub api_server_cert_sans: Vec<String>,
    pub controller_manager: ComponentSpec,
    pub scheduler: ComponentSpec,
    pub encryption_algorithm: KeyAlgorithm,
    pub validity: Validity,
    pub bootstrap_token: Option<BootstrapToken>,
    pub skip_phases: Vec<String>,
    /// Fields of a `KubeletConfiguration` document given with `--config`,
    /// laid over the generated kubelet config.
    pub kubelet_config_overrides: Option<serde_json::Value>,
    /// A `KubeProxyConfiguration` document given with `--config` (its
    /// top-level fields checked); kubeadm's defaults are filled into it by
    /// `objects::kube_proxy`.
    pub kube_proxy_config: Option<serde_json::Value>,
    /// `dns` of the ClusterConfiguration: `disabled` skips `addon/coredns`,
    /// the image fields override the version table's CoreDNS image.
    pub dns: kubeadm_api::DnsAddon,
    /// `proxy.disabled` skips `addon/kube-proxy`.
    pub proxy_disabled: bool,
    /// Things the user asked for that kforge accepted but does not act on.
    pub warnings: Vec<String>,
}

impl ClusterSpec {
    /// `host:port` clients outside this node use to reach the API server.
    pub fn control_plane_url(&self) -> String {
        match &self.control_plane_endpoint {
            // Validated when the spec was resolved; the text is kept as given otherwise.
            Some(ep) => format!(
                "https://{}",
                crate::values::with_default_port(ep, self.bind_port).unwrap_or_else(|_| ep.clone())
            ),
            None => self.local_api_url(),
        }
    }

    /// This node's own API server.
    pub fn local_api_url(&self) -> String {
        format!(
            "https://{}",
            crate::values::host_port(&self.advertise_address.to_string(), self.bind_port)
        )
    }

    /// The control-plane endpoint's host part (a SAN of the apiserver cert).
    pub fn control_plane_endpoint_host(&self) -> Option<String> {
        self.control_plane_endpoint.as_deref().map(|ep| {
            crate::values::split_host_port(ep).map_or_else(|_| ep.to_string(), |(h, _)| h)
        })
    }

    pub fn local_etcd(&self) -> Option<&LocalEtcd> {
        match &self.etcd {
            EtcdSpec::Local(l) => Some(l),
            EtcdSpec::External(_) => None,
        }
    }

    /// PKI settings for reading an existing node's certificates (health,
    /// certs): only the directory and the validity matter there.
    pub fn pki_settings_for_dir(cert_dir: &std::path::Path) -> PkiSettings {
        PkiSettings {
            cert_dir: cert_dir.to_path_buf(),
            keys: std::sync::Arc::new(crate::pki::keys::KeyPool::empty(Default::default())),
            validity: Default::default(),
            node_name: String::new(),
            advertise_address: std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST),
            dns_domain: String::new(),
            service_subnets: vec![],
            control_plane_endpoint_host: None,
            api_server_cert_sans: vec![],
            etcd_server_cert_sans: vec![],
            etcd_peer_cert_sans: vec![],
        }
    }

    /// PKI settings generating keys on demand.
    pub fn pki_settings(&self) -> PkiSettings {
        self.pki_settings_with(crate::pki::keys::KeyPool::empty(self.encryption_algorithm))
    }

    /// PKI settings taking keys from `keys`.
    pub fn pki_settings_with(&self, keys: crate::pki::keys::KeyPool) -> PkiSettings {
        let (server, peer) = match &self.etcd {
            EtcdSpec::Local(l) => (l.server_cert_sans.clone(), l.peer_cert_sans.clone()),
            EtcdSpec::External(_) => (vec![], vec![]),
        };
        PkiSettings {
            cert_dir: self.cert_dir.clone(),
            keys: std::sync::Arc::new(keys),
            validity: self.validity,
            node_name: self.node_name.clone(),
            advertise_address: self.advertise_address,
            dns_domain: self.dns_domain.clone(),
            service_subnets: self.service_subnets.clone(),
            control_plane_endpoint_host: self.control_plane_endpoint_host(),
            api_server_cert_sans: self.api_server_cert_sans.clone(),
            etcd_server_cert_sans: server,
            etcd_peer_cert_sans: peer,
        }
    }
}
