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
    format_flags_env(&args)
}

const FLAGS_VAR: &str = "KUBELET_KUBEADM_ARGS=";

/// The `kubeadm-flags.env` line for `args`, in their order.
fn format_flags_env(args: &[(String, String)]) -> String {
    let joined: Vec<String> = args.iter().map(|(k, v)| format!("--{k}={v}")).collect();
    format!("{FLAGS_VAR}{}\n", go_quote(&joined.join(" ")))
}

/// The flags of a `kubeadm-flags.env` (kubeadm's format: one
/// `KUBELET_KUBEADM_ARGS="--k=v ..."` line), or why it cannot be read.
fn parse_flags_env(text: &str) -> Result<Vec<(String, String)>, String> {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let [line] = lines[..] else {
        return Err(format!(
            "expected one {FLAGS_VAR}\"...\" line, found {} lines",
            lines.len()
        ));
    };
    let value = line
        .strip_prefix(FLAGS_VAR)
        .ok_or_else(|| format!("expected {FLAGS_VAR}\"...\", found {line:?}"))?;
    let value = if value.starts_with('"') {
        serde_json::from_str::<String>(value).map_err(|e| format!("bad quoting: {e}"))?
    } else {
        value.to_string()
    };
    value
        .split_whitespace()
        .map(|a| {
            let a = a
                .strip_prefix("--")
                .ok_or_else(|| format!("{a:?} is not a --flag"))?;
            let (k, v) = a.split_once('=').unwrap_or((a, ""));
            Ok((k.to_string(), v.to_string()))
        })
        .collect()
}

/// A node's kubelet files as found (`None`: absent).
#[derive(Debug, Clone, Default)]
pub struct NodeFiles {
    pub flags_env: Option<String>,
    pub config: Option<String>,
    pub instance_config: Option<String>,
}

impl NodeFiles {
    pub fn read(node: &dyn crate::node::Node) -> Result<Self> {
        let get = |p: &str| crate::node::read_string(node, Path::new(p));
        Ok(NodeFiles {
            flags_env: get(paths::KUBELET_FLAGS_ENV)?,
            config: get(paths::KUBELET_CONFIG)?,
            instance_config: get(INSTANCE_CONFIG)?,
        })
    }

    /// The files that change when this node's kubelet moves to `target`,
    /// with their new content: what kubeadm would write for that release,
    /// applied as edits so every other flag and setting stays:
    /// - from 1.34 the CRI socket moves from `--container-runtime-endpoint`
    ///   into `containerRuntimeEndpoint` and `instance-config.yaml`;
    /// - `--pod-infra-container-image` goes from 1.35 (the kubelet no longer
    ///   starts with it), and names the release's pause image before.
    ///
    /// Empty when the files already fit `target` (or the node has none).
    pub fn for_release(&self, target: &Release) -> Result<Vec<(PathBuf, String)>> {
        let mut out = Vec::new();
        let Some(env) = &self.flags_env else {
            return Ok(out);
        };
        let mut args = parse_flags_env(env)
            .map_err(|e| anyhow::anyhow!("{}: {e}", paths::KUBELET_FLAGS_ENV))?;
        let before = args.clone();
        if target.node_local_cri_socket {
            if let Some(i) = args
                .iter()
                .position(|(k, _)| k == "container-runtime-endpoint")
            {
                let (_, socket) = args.remove(i);
                if let Some(config) = &self.config {
                    if let Some(new) =
                        with_top_level_key(config, "containerRuntimeEndpoint", &socket)?
                    {
                        out.push((PathBuf::from(paths::KUBELET_CONFIG), new));
                    }
                }
                if self.instance_config.is_none() {
                    out.push((
                        PathBuf::from(INSTANCE_CONFIG),
                        format!("containerRuntimeEndpoint: {}\n", go_quote(&socket)),
                    ));
                }
            }
        }
        if let Some(i) = args
            .iter()
            .position(|(k, _)| k == "pod-infra-container-image")
        {
            if !target.pod_infra_container_image_flag {
                args.remove(i);
            } else if let Some((repo, _)) = args[i].1.rsplit_once("/pause:") {
                args[i].1 = format!("{repo}/pause:{}", target.pause_version);
            }
        }
        if args != before {
            out.insert(
                0,
                (
                    PathBuf::from(paths::KUBELET_FLAGS_ENV),
                    format_flags_env(&args),
                ),
            );
        }
        Ok(out)
    }
}

/// `yaml` with top-level `key: value` appended when the document has no
/// such key (`None`: it has one already). Appending keeps the operator's
/// comments and layout; the result is parsed back to prove it holds.
fn with_top_level_key(yaml: &str, key: &str, value: &str) -> Result<Option<String>> {
    let doc: Value = serde_yaml_ng::from_str(yaml)
        .with_context(|| format!("{}: not YAML", paths::KUBELET_CONFIG))?;
    if !doc.is_object() {
        anyhow::bail!("{}: not a YAML mapping", paths::KUBELET_CONFIG);
    }
    if doc.get(key).is_some() {
        return Ok(None);
    }
    let mut new = yaml.to_string();
    if !new.is_empty() && !new.ends_with('\n') {
        new.push('\n');
    }
    new.push_str(&format!("{key}: {}\n", go_quote(value)));
    let back: Value = serde_yaml_ng::from_str(&new).ok().unwrap_or(Value::Null);
    if back.get(key).and_then(|v| v.as_str()) != Some(value) {
        anyhow::bail!(
            "{}: cannot add {key} to it by appending a line; set {key}: {value} by hand",
            paths::KUBELET_CONFIG
        );
    }
    Ok(Some(new))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::versions::find_release;

    fn files(env: &str, config: &str) -> NodeFiles {
        NodeFiles {
            flags_env: Some(env.into()),
            config: Some(config.into()),
            instance_config: None,
        }
    }

    const ENV_133: &str = "KUBELET_KUBEADM_ARGS=\"--container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=198.18.0.11 --pod-infra-container-image=registry.k8s.io/pause:3.10\"\n";
    const CONFIG: &str =
        "# the operator's comment\nkind: KubeletConfiguration\nclusterDomain: cluster.local\n";

    #[test]
    fn to_1_34_moves_the_cri_socket_and_retags_pause_keeping_other_flags_and_comments() {
        let out = files(ENV_133, CONFIG)
            .for_release(find_release(1, 34).unwrap())
            .unwrap();
        let by: BTreeMapLike = out.into_iter().collect();
        assert_eq!(
            by[&PathBuf::from(paths::KUBELET_FLAGS_ENV)],
            "KUBELET_KUBEADM_ARGS=\"--node-ip=198.18.0.11 --pod-infra-container-image=registry.k8s.io/pause:3.10.1\"\n"
        );
        let config = &by[&PathBuf::from(paths::KUBELET_CONFIG)];
        assert!(config.starts_with("# the operator's comment\n"), "{config}");
        assert!(
            config.ends_with(
                "containerRuntimeEndpoint: \"unix:///run/containerd/containerd.sock\"\n"
            ),
            "{config}"
        );
        assert_eq!(
            by[&PathBuf::from(INSTANCE_CONFIG)],
            "containerRuntimeEndpoint: \"unix:///run/containerd/containerd.sock\"\n"
        );
    }

    type BTreeMapLike = std::collections::BTreeMap<PathBuf, String>;

    #[test]
    fn to_1_35_drops_the_pause_flag_and_a_second_pass_changes_nothing() {
        let r = find_release(1, 35).unwrap();
        let out = files(ENV_133, CONFIG).for_release(r).unwrap();
        let by: BTreeMapLike = out.into_iter().collect();
        let env = &by[&PathBuf::from(paths::KUBELET_FLAGS_ENV)];
        assert_eq!(env, "KUBELET_KUBEADM_ARGS=\"--node-ip=198.18.0.11\"\n");
        let again = NodeFiles {
            flags_env: Some(env.clone()),
            config: Some(by[&PathBuf::from(paths::KUBELET_CONFIG)].clone()),
            instance_config: Some(by[&PathBuf::from(INSTANCE_CONFIG)].clone()),
        };
        assert!(again.for_release(r).unwrap().is_empty());
    }

    #[test]
    fn a_patch_or_same_era_upgrade_changes_nothing() {
        let out = files(ENV_133, CONFIG)
            .for_release(find_release(1, 33).unwrap())
            .unwrap();
        assert!(out.is_empty(), "{out:?}");
    }

    #[test]
    fn an_existing_endpoint_in_the_config_is_kept() {
        let config = format!("{CONFIG}containerRuntimeEndpoint: unix:///run/crio/crio.sock\n");
        let out = files(ENV_133, &config)
            .for_release(find_release(1, 34).unwrap())
            .unwrap();
        assert!(
            out.iter()
                .all(|(p, _)| p != Path::new(paths::KUBELET_CONFIG)),
            "{out:?}"
        );
    }

    #[test]
    fn generated_flags_parse_back_and_unreadable_files_are_errors_naming_the_file() {
        let args = vec![
            ("a".to_string(), "1".to_string()),
            ("b".to_string(), "unix:///x".to_string()),
        ];
        assert_eq!(parse_flags_env(&format_flags_env(&args)).unwrap(), args);
        for bad in ["KUBELET_KUBEADM_ARGS=\"x\"\n", "OTHER=1\n", "A=1\nB=2\n"] {
            let e = files(bad, CONFIG)
                .for_release(find_release(1, 35).unwrap())
                .unwrap_err();
            assert!(e.to_string().contains(paths::KUBELET_FLAGS_ENV), "{e}");
        }
        let e = files(ENV_133, "- a list\n")
            .for_release(find_release(1, 34).unwrap())
            .unwrap_err();
        assert!(e.to_string().contains("not a YAML mapping"), "{e}");
    }
}
