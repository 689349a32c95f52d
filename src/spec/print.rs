//! `kforge config print init-defaults`, from `templates/init-defaults.yaml`
//! and the default constants (so the printed defaults cannot drift).

use super::defaults as d;

const TEMPLATE: &str = include_str!("../../templates/init-defaults.yaml");

pub fn init_defaults() -> String {
    let newest = crate::versions::newest().version;
    [
        ("{token_group}", d::BOOTSTRAP_TOKEN_GROUP.to_string()),
        ("{token_ttl}", go_duration(d::BOOTSTRAP_TOKEN_TTL)),
        ("{bind_port}", d::BIND_PORT.to_string()),
        ("{cri_socket}", d::CRI_SOCKET.to_string()),
        ("{cert_dir}", crate::paths::PKI_DIR.to_string()),
        ("{cluster_name}", d::CLUSTER_NAME.to_string()),
        ("{etcd_data_dir}", crate::paths::ETCD_DATA_DIR.to_string()),
        ("{image_repository}", d::IMAGE_REPOSITORY.to_string()),
        ("{kubernetes_version}", newest.to_string()),
        ("{dns_domain}", d::DNS_DOMAIN.to_string()),
        ("{service_subnet}", d::SERVICE_SUBNET.to_string()),
    ]
    .iter()
    .fold(TEMPLATE.to_string(), |t, (k, v)| t.replace(k, v))
}

/// A Go duration string for whole seconds (`8760h0m0s`).
fn go_duration(d: time::Duration) -> String {
    let s = d.whole_seconds();
    format!("{}h{}m{}s", s / 3600, (s % 3600) / 60, s % 60)
}

fn args_list(a: &super::kubeadm_api::ExtraArgs) -> serde_json::Value {
    serde_json::Value::Array(
        a.0.iter()
            .map(|(k, v)| serde_json::json!({"name": k, "value": v}))
            .collect(),
    )
}

fn component(c: &super::ComponentSpec, sans: Option<&[String]>) -> serde_json::Value {
    let mut m = serde_json::Map::new();
    if !c.extra_args.0.is_empty() {
        m.insert("extraArgs".into(), args_list(&c.extra_args));
    }
    if !c.extra_volumes.is_empty() {
        m.insert(
            "extraVolumes".into(),
            serde_json::to_value(&c.extra_volumes).unwrap_or_default(),
        );
    }
    if let Some(s) = sans.filter(|s| !s.is_empty()) {
        m.insert("certSANs".into(), serde_json::json!(s));
    }
    serde_json::Value::Object(m)
}

/// This node's part of what init used, as a v1beta4 InitConfiguration
/// (its name, API endpoint, CRI socket and taints; never the token), stored
/// beside the cluster's part so `init phase` run alone takes both as its
/// defaults ([`crate::paths::NODE_CONFIG`]).
pub fn node_configuration(spec: &super::ClusterSpec) -> String {
    use serde_json::json;
    let node = json!({
        "apiVersion": super::kubeadm_api::V1BETA4,
        "kind": "InitConfiguration",
        "nodeRegistration": {
            "name": spec.node_name,
            "criSocket": spec.cri_socket,
            "taints": spec.taints,
        },
        "localAPIEndpoint": {
            "advertiseAddress": spec.advertise_address.to_string(),
            "bindPort": spec.bind_port,
        },
    });
    format!(
        "# This node's part of the configuration kforge init used (kforge init phase reads it\n# with kforge-cluster-config.yaml; flags override both).\n{}",
        serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(node)).expect("serializes")
    )
}

/// The cluster-wide part of a spec as a v1beta4 ClusterConfiguration that
/// `--config` reads back (written by `init phase upload-config`).
pub fn cluster_configuration(spec: &super::ClusterSpec) -> String {
    format!(
        "# The cluster-wide configuration kforge init used (kubeadm keeps it in the kubeadm-config\n# ConfigMap). kforge join --control-plane reads it; kforge init --config accepts it.\n{}",
        cluster_configuration_document(spec)
    )
}

/// The same ClusterConfiguration as a bare YAML document: what the
/// `kubeadm-config` ConfigMap holds under `ClusterConfiguration`.
pub fn cluster_configuration_document(spec: &super::ClusterSpec) -> String {
    use serde_json::json;
    let etcd = match &spec.etcd {
        super::EtcdSpec::Local(l) => {
            let mut m = serde_json::Map::new();
            m.insert("dataDir".into(), l.data_dir.clone().into());
            if !l.extra_args.0.is_empty() {
                m.insert("extraArgs".into(), args_list(&l.extra_args));
            }
            if let Some(r) = &l.image_repository {
                m.insert("imageRepository".into(), r.clone().into());
            }
            if let Some(t) = &l.image_tag {
                m.insert("imageTag".into(), t.clone().into());
            }
            if !l.server_cert_sans.is_empty() {
                m.insert("serverCertSANs".into(), json!(l.server_cert_sans));
            }
            if !l.peer_cert_sans.is_empty() {
                m.insert("peerCertSANs".into(), json!(l.peer_cert_sans));
            }
            json!({ "local": m })
        }
        super::EtcdSpec::External(x) => json!({"external": {
            "endpoints": x.endpoints, "caFile": x.ca_file, "certFile": x.cert_file, "keyFile": x.key_file}}),
    };
    let mut networking = serde_json::Map::new();
    networking.insert("dnsDomain".into(), spec.dns_domain.clone().into());
    networking.insert(
        "serviceSubnet".into(),
        spec.service_subnets
            .iter()
            .map(|n| n.to_string())
            .collect::<Vec<_>>()
            .join(",")
            .into(),
    );
    if let Some(p) = &spec.pod_subnet {
        networking.insert("podSubnet".into(), p.to_string().into());
    }
    let mut doc = json!({
        "apiVersion": super::kubeadm_api::V1BETA4,
        "kind": "ClusterConfiguration",
        "kubernetesVersion": spec.kubernetes_version.to_string(),
        "clusterName": spec.cluster_name,
        "certificatesDir": spec.cert_dir.display().to_string(),
        "imageRepository": spec.image_repository,
        "encryptionAlgorithm": spec.encryption_algorithm.as_str(),
        "certificateValidityPeriod": go_duration(spec.validity.leaf),
        "caCertificateValidityPeriod": go_duration(spec.validity.ca),
        "networking": networking,
        "etcd": etcd,
        "apiServer": component(&spec.api_server, Some(&spec.api_server_cert_sans)),
        "controllerManager": component(&spec.controller_manager, None),
        "scheduler": component(&spec.scheduler, None),
    });
    if let Some(ep) = &spec.control_plane_endpoint {
        doc["controlPlaneEndpoint"] = ep.clone().into();
    }
    let mut dns = serde_json::Map::new();
    if let Some(d) = spec.dns.disabled {
        dns.insert("disabled".into(), d.into());
    }
    if let Some(r) = &spec.dns.image_repository {
        dns.insert("imageRepository".into(), r.clone().into());
    }
    if let Some(t) = &spec.dns.image_tag {
        dns.insert("imageTag".into(), t.clone().into());
    }
    if !dns.is_empty() {
        doc["dns"] = dns.into();
    }
    if spec.proxy_disabled {
        doc["proxy"] = json!({ "disabled": true });
    }
    serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(doc)).expect("serializes")
}

#[cfg(test)]
mod tests {
    #[test]
    fn defaults_parse_back_strictly() {
        let text = super::init_defaults();
        assert!(
            !text.contains('{') || text.contains("{}"),
            "unreplaced placeholder:\n{text}"
        );
        let f =
            crate::spec::load::parse_config(std::path::Path::new("defaults.yaml"), &text).unwrap();
        assert!(f.init.is_some() && f.cluster.is_some());
    }
}
