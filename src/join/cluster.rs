//! What a join needs from the control-plane node kforge runs on (under
//! `--root`): the cluster CA, the API server address from admin.conf, the
//! cluster-wide kubelet configuration and the stored ClusterConfiguration.

use crate::kubeconfig;
use crate::node::{read_string, LocalNode, Node};
use crate::paths;
use crate::pki::{self, CertInfo, PkiSettings, SigningCa};
use crate::spec::load::{self, InitFlags};
use crate::spec::ClusterSpec;
use anyhow::{anyhow, Context, Result};
use std::net::IpAddr;
use std::path::Path;

pub struct Cluster {
    pub local: LocalNode,
    pub ca: SigningCa,
    /// https://host:port that joined kubelets talk to (admin.conf's server).
    pub server: String,
    pub cluster_name: String,
    /// The cluster-wide /var/lib/kubelet/config.yaml of this node.
    pub kubelet_config: serde_json::Value,
    /// The stored ClusterConfiguration (resolved for this node).
    pub spec: ClusterSpec,
    /// This control-plane node's own name.
    pub local_node_name: String,
    config_text: String,
}

impl Cluster {
    pub fn load(root: Option<&Path>) -> Result<Cluster> {
        let local = LocalNode::new(root.map(Path::to_path_buf));
        let cfg_path = Path::new(paths::CLUSTER_CONFIG);
        let shown = |p: &Path| local.real_path(p).display().to_string();
        let config_text = read_string(&local, cfg_path)?.ok_or_else(|| {
            anyhow!(
                "{} not found: run join on a control-plane node made by kforge init (or store the configuration with `kforge init phase upload-config --config kubeadm.yaml`)",
                shown(cfg_path)
            )
        })?;
        let admin_path = kubeconfig::ADMIN.path();
        let admin = read_string(&local, &admin_path)?
            .ok_or_else(|| anyhow!("{}: missing", shown(&admin_path)))?;
        let admin = kubeconfig::parse(&admin).with_context(|| shown(&admin_path))?;
        let cluster = admin
            .clusters
            .first()
            .ok_or_else(|| anyhow!("{}: no cluster", shown(&admin_path)))?;
        let kubelet_path = Path::new(paths::KUBELET_CONFIG);
        let kubelet_text = read_string(&local, kubelet_path)?
            .ok_or_else(|| anyhow!("{}: missing", shown(kubelet_path)))?;
        let kubelet_config: serde_json::Value =
            serde_yaml_ng::from_str(&kubelet_text).with_context(|| shown(kubelet_path))?;
        let kubelet_conf = kubeconfig::KUBELET.path();
        let local_node_name = read_string(&local, &kubelet_conf)?
            .and_then(|t| kubeconfig::parse(&t).ok())
            .and_then(|k| {
                k.users
                    .first()
                    .map(|u| u.name.trim_start_matches("system:node:").to_string())
            })
            .unwrap_or_default();
        let spec = Self::spec_for(
            &config_text,
            &shown(cfg_path),
            "join-placeholder",
            IpAddr::from([127, 0, 0, 1]),
        )?;
        let pki = pki_dir(&spec);
        let ca = pki::signing_ca(&local, &pki, pki::table::CA.base)?;
        Ok(Cluster {
            server: cluster.cluster.server.clone(),
            cluster_name: cluster.name.clone(),
            local,
            ca,
            kubelet_config,
            spec,
            local_node_name,
            config_text,
        })
    }

    /// The cluster spec as it applies to a joining control-plane node.
    pub fn spec_for_node(&self, name: &str, address: IpAddr) -> Result<ClusterSpec> {
        Self::spec_for(&self.config_text, paths::CLUSTER_CONFIG, name, address)
    }

    fn spec_for(text: &str, shown: &str, name: &str, address: IpAddr) -> Result<ClusterSpec> {
        let file = load::parse_config(Path::new(shown), text)?;
        let flags = InitFlags {
            node_name: Some(name.to_string()),
            advertise_address: Some(address),
            ..Default::default()
        };
        load::resolve(Some(file), &flags)
    }

    pub fn ca_cert(&self) -> &CertInfo {
        &self.ca.cert
    }
}

pub fn pki_dir(spec: &ClusterSpec) -> PkiSettings {
    ClusterSpec::pki_settings_for_dir(&spec.cert_dir)
}
