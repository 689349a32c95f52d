//! The kubelet's files as kubeadm writes them: `/var/lib/kubelet/config.yaml`
//! (from `templates/kubelet-config.yaml`), `kubeadm-flags.env` and, from
//! Kubernetes 1.34, `instance-config.yaml`. Shared by `init` and `join`.

use crate::components;
use crate::paths;
use crate::pki;
use crate::spec::kubeadm_api::ExtraArgs;
use crate::versions::Release;
use anyhow::{Context, Result};
use ipnet::IpNet;
use serde_json::Value;
use std::path::{Path, PathBuf};

const TEMPLATE: &str = include_str!("../templates/kubelet-config.yaml");

pub const CONFIG_MODE: u32 = 0o644;
pub use paths::{KUBELET_INSTANCE_CONFIG as INSTANCE_CONFIG, RESOLVED_RESOLV_CONF};

/// What the kubelet files depend on.
#[derive(Debug, Clone)]
pub struct KubeletSettings<'a> {
    pub release: &'a Release,
    pub cert_dir: &'a Path,
    pub service_subnets: &'a [IpNet],
    pub dns_domain: &'a str,
    pub cri_socket: &'a str,
    pub image_repository: &'a str,
    pub node_name: &'a str,
    pub hostname: Option<&'a str>,
    pub extra_args: &'a ExtraArgs,
    pub systemd_resolved: bool,
    pub overrides: Option<&'a Value>,
}

/// The address a kubelet config's `/healthz` is served on: `healthzBindAddress`
/// (default 127.0.0.1) and `healthzPort` (default the component table's),
/// or why the port is invalid.
pub fn healthz_address(cfg: &Value) -> Result<(String, u16), String> {
    let host = cfg
        .get("healthzBindAddress")
        .and_then(|v| v.as_str())
        .unwrap_or("127.0.0.1");
    let port = cfg
        .get("healthzPort")
        .and_then(|v| v.as_u64())
        .unwrap_or(components::KUBELET_HEALTHZ.number.into());
    let port = crate::values::port_from_u64(port).map_err(|e| format!("healthzPort: {e}"))?;
    Ok((host.to_string(), port))
}

/// `/var/lib/kubelet/config.yaml`.
pub fn config_yaml(s: &KubeletSettings) -> Result<String> {
    let mut doc: Value =
        serde_yaml_ng::from_str(TEMPLATE).context("templates/kubelet-config.yaml")?;
    let dns = s
        .service_subnets
        .first()
        .and_then(|n| pki::nth_ip(n, 10))
        .map(|ip| ip.to_string())
        .unwrap_or_else(|| "10.96.0.10".into());
    doc["authentication"]["x509"]["clientCAFile"] = pki::table::CA
        .cert_path(s.cert_dir)
        .display()
        .to_string()
        .into();
    doc["clusterDNS"] = Value::Array(vec![dns.into()]);
    doc["clusterDomain"] = s.dns_domain.into();
    doc["healthzPort"] = components::KUBELET_HEALTHZ.number.into();
    doc["staticPodPath"] = paths::MANIFESTS_DIR.into();
    if s.release.node_local_cri_socket {
        doc["containerRuntimeEndpoint"] = s.cri_socket.into();
    }
    if s.systemd_resolved {
        doc["resolvConf"] = RESOLVED_RESOLV_CONF.into();
    }
    if let Some(o) = s.overrides {
        merge(&mut doc, o);
    }
    Ok(serde_yaml_ng::to_string(&doc)?)
}

/// Deep-merges `over` into `base` (objects merge, everything else replaces).
fn merge(base: &mut Value, over: &Value) {
    match (base, over) {
        (Value::Object(b), Value::Object(o)) => {
            for (k, v) in o {
                merge(b.entry(k.clone()).or_insert(Value::Null), v);
            }
        }
        (b, o) => *b = o.clone(),
    }
}

/// `/var/lib/kubelet/kubeadm-flags.env`: base flags for this release,
/// overridden by `kubeletExtraArgs`, sorted by name then value.
pub fn flags_env(s: &KubeletSettings) -> String {
    let mut base: Vec<(String, String)> = Vec::new();
    if !s.release.node_local_cri_socket {
        base.push(("container-runtime-endpoint".into(), s.cri_socket.into()));
    }
    if s.release.pod_infra_container_image_flag {
        base.push((
            "pod-infra-container-image".into(),
            format!("{}/pause:{}", s.image_repository, s.release.pause_version),
        ));
    }
    if s.hostname.is_some_and(|h| h != s.node_name) {
        base.push(("hostname-override".into(), s.node_name.into()));
    }
    let mut args = crate::kubeadm_style::merge_args(base, s.extra_args);
    args.sort();
    let joined: Vec<String> = args.iter().map(|(k, v)| format!("--{k}={v}")).collect();
    format!("KUBELET_KUBEADM_ARGS={}\n", go_quote(&joined.join(" ")))
}

/// `/var/lib/kubelet/instance-config.yaml` (1.34+).
pub fn instance_config(s: &KubeletSettings) -> Option<String> {
    s.release
        .node_local_cri_socket
        .then(|| format!("containerRuntimeEndpoint: {}\n", go_quote(s.cri_socket)))
}

/// Go's `%q` for the characters that can appear here.
fn go_quote(s: &str) -> String {
    serde_json::to_string(s).expect("string serializes")
}

/// The kubelet files of a node, in write order.
pub fn files(s: &KubeletSettings) -> Result<Vec<(PathBuf, String)>> {
    let mut out = vec![
        (PathBuf::from(paths::KUBELET_FLAGS_ENV), flags_env(s)),
        (PathBuf::from(paths::KUBELET_CONFIG), config_yaml(s)?),
    ];
    if let Some(ic) = instance_config(s) {
        out.push((PathBuf::from(INSTANCE_CONFIG), ic));
    }
    Ok(out)
}

/// Restarts the kubelet with systemd when the node runs systemd and has a
/// kubelet unit. `Ok(Err(reason))` says why it was skipped.
pub fn restart(node: &dyn crate::node::Node) -> Result<std::result::Result<(), String>> {
    if node.is_dry_run() {
        return Ok(Err("dry run".into()));
    }
    // systemd's own test for "booted with systemd" (sd_booted).
    if !node.exists(Path::new(paths::SYSTEMD_BOOTED))? {
        return Ok(Err("the node does not run systemd".into()));
    }
    if !node
        .run(&["systemctl", "cat", "kubelet.service"])?
        .success()
    {
        return Ok(Err("no kubelet.service unit is installed".into()));
    }
    let out = node.run(&["systemctl", "restart", "kubelet"])?;
    if !out.success() {
        anyhow::bail!(
            "{}: systemctl restart kubelet failed: {}",
            node.describe(),
            out.stderr.trim()
        );
    }
    Ok(Ok(()))
}
