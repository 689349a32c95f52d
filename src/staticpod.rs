//! Reading static pod manifests back, and running one directly on this
//! machine without a container runtime.
//!
//! There is no kubelet here (nor in CI), so `kforge-dev run-static-pod`
//! stands in for it: it takes the pod's command line and its hostPath
//! volumes, maps every argument that names a path inside a mounted volume to
//! that volume's host path (under `--root`), creates `DirectoryOrCreate`
//! volumes, and execs the command. That is what the kubelet plus a container
//! runtime would do for these host-network pods, minus isolation; it proves
//! that the manifest's flags and certificates work with the real binary.

use crate::components::Scheme;
use crate::install::Installer;
use crate::node::Node;
use anyhow::{anyhow, bail, Context, Result};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// A container's HTTP probe (`httpGet`), its port resolved to a number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpProbe {
    /// `host`, when the probe names one (the kubelet uses the pod IP otherwise).
    pub host: Option<String>,
    pub path: String,
    pub port: u16,
    pub scheme: Scheme,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Pod {
    pub metadata: Metadata,
    pub spec: PodSpec,
    /// The whole document, for fields this type does not model (probes).
    #[serde(skip)]
    pub raw: serde_json::Value,
}

#[derive(Debug, Deserialize)]
pub struct Metadata {
    pub name: String,
    #[serde(default)]
    pub annotations: std::collections::BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSpec {
    pub containers: Vec<Container>,
    #[serde(default)]
    pub volumes: Vec<Volume>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Container {
    pub name: String,
    pub image: String,
    #[serde(default)]
    pub command: Vec<String>,
    #[serde(default)]
    pub args: Vec<String>,
    #[serde(default)]
    pub volume_mounts: Vec<VolumeMount>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct VolumeMount {
    pub name: String,
    pub mount_path: String,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Volume {
    pub name: String,
    pub host_path: Option<HostPath>,
}

#[derive(Debug, Deserialize)]
pub struct HostPath {
    pub path: String,
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
}

impl Pod {
    /// The component's container: the one named like the pod (kubeadm names
    /// both after the component), else the only one. Never taken by place,
    /// so a sidecar put first is not mistaken for the component.
    pub fn container(&self) -> Result<&Container> {
        let name = &self.metadata.name;
        self.spec
            .containers
            .iter()
            .find(|c| &c.name == name)
            .or(match self.spec.containers.as_slice() {
                [only] => Some(only),
                _ => None,
            })
            .ok_or_else(|| anyhow!("pod {name} has no container named {name}"))
    }

    /// The component's container as written (see [`Pod::container`]).
    pub fn raw_container(&self) -> Option<&serde_json::Value> {
        let list = self.raw.get("spec")?.get("containers")?.as_array()?;
        let name = self.container().ok()?.name.as_str();
        list.iter()
            .find(|c| c.get("name").and_then(|n| n.as_str()) == Some(name))
    }

    /// The container's command and args, as the container would see them.
    pub fn argv(&self) -> Result<Vec<String>> {
        let c = self.container()?;
        let argv: Vec<String> = c.command.iter().chain(&c.args).cloned().collect();
        if argv.is_empty() {
            bail!("container {} has no command", c.name);
        }
        Ok(argv)
    }

    /// The value of `--name=value` in the command line.
    pub fn flag(&self, name: &str) -> Option<String> {
        let prefix = format!("--{name}=");
        self.argv()
            .ok()?
            .iter()
            .find_map(|a| a.strip_prefix(&prefix).map(str::to_string))
    }

    /// The component container's `probe` (`livenessProbe`, `readinessProbe`,
    /// `startupProbe`) as an HTTP GET, a named port resolved through the
    /// container's ports. `None` when there is no such HTTP probe or its
    /// port does not fit.
    pub fn http_probe(&self, probe: &str) -> Option<HttpProbe> {
        let container = self.raw_container()?;
        let get = container.get(probe)?.get("httpGet")?;
        let port = match get.get("port")? {
            serde_json::Value::Number(n) => n.as_u64()?,
            serde_json::Value::String(name) => container
                .get("ports")?
                .as_array()?
                .iter()
                .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(name))?
                .get("containerPort")?
                .as_u64()?,
            _ => return None,
        };
        Some(HttpProbe {
            host: get.get("host").and_then(|h| h.as_str()).map(str::to_string),
            path: get
                .get("path")
                .and_then(|p| p.as_str())
                .unwrap_or("/")
                .to_string(),
            // A port that does not fit is no probe, not a truncated one.
            port: crate::values::port_from_u64(port).ok()?,
            scheme: match get.get("scheme").and_then(|s| s.as_str()) {
                Some("HTTPS") => Scheme::Https,
                _ => Scheme::Http,
            },
        })
    }

    /// (container path, host path, type) of each hostPath volume mount.
    fn mounts(&self) -> Result<Vec<(String, String, Option<String>)>> {
        let c = self.container()?;
        c.volume_mounts
            .iter()
            .map(|m| {
                let v = self
                    .spec
                    .volumes
                    .iter()
                    .find(|v| v.name == m.name)
                    .and_then(|v| v.host_path.as_ref())
                    .ok_or_else(|| anyhow!("volume mount {} has no hostPath volume", m.name))?;
                Ok((m.mount_path.clone(), v.path.clone(), v.kind.clone()))
            })
            .collect()
    }
}

/// Parses a static pod manifest, naming the file on error.
pub fn parse(text: &str, shown: &str) -> Result<Pod> {
    let raw: serde_json::Value =
        serde_yaml_ng::from_str(text).with_context(|| format!("{shown}: not valid YAML"))?;
    let mut pod: Pod = serde_json::from_value(raw.clone())
        .with_context(|| format!("{shown}: not a valid pod manifest"))?;
    pod.raw = raw;
    Ok(pod)
}

/// Where the static pod `name` lives: the component table's manifest, else
/// `/etc/kubernetes/manifests/<name>.yaml`.
pub fn manifest_path(name: &str) -> PathBuf {
    crate::components::find(name)
        .and_then(crate::paths::manifest)
        .unwrap_or_else(|| Path::new(crate::paths::MANIFESTS_DIR).join(format!("{name}.yaml")))
}

/// Reads the static pod `name`'s manifest from a node.
pub fn read(node: &dyn Node, name: &str) -> Result<Pod> {
    let path = manifest_path(name);
    let shown = node.real_path(&path).display().to_string();
    let text = crate::node::read_string(node, &path)?
        .ok_or_else(|| anyhow!("{shown}: static pod manifest not found"))?;
    parse(&text, &shown)
}

/// Static pod manifests are private to root, like kubeadm's.
pub const MANIFEST_MODE: u32 = 0o600;

/// The annotation whose change makes the kubelet restart a static pod.
pub const RESTART_ANNOTATION: &str = "kforge.io/restarted-at";

/// Re-writes the static pod `name`'s manifest with a new restart annotation,
/// which makes the kubelet recreate the pod. Returns false when the node has
/// no such manifest. The edit keeps the file's ownership (see
/// [`Installer::patch`]): restarting a hand-edited manifest does not make it
/// kforge's.
pub fn restart(inst: &Installer, name: &str, now: OffsetDateTime) -> Result<bool> {
    let node = inst.node();
    let path = manifest_path(name);
    let shown = node.real_path(&path).display().to_string();
    let Some(text) = crate::node::read_string(node, &path)? else {
        return Ok(false);
    };
    let out = with_restart_annotation(&text, &shown, now)?;
    inst.patch(&path, out.as_bytes(), MANIFEST_MODE)?;
    Ok(true)
}

/// `text` (a static pod manifest) with [`RESTART_ANNOTATION`] set to
/// `now`: the kubelet's hash of the pod changes, so it recreates the pod,
/// as kubeadm's upgrade does when it renewed a component's certificates.
/// Edited line by line, so the operator's comments and key order stay; a
/// layout the line edit cannot handle (flow-style metadata) is re-serialised
/// instead. Either way the result is checked by parsing it.
pub fn with_restart_annotation(text: &str, shown: &str, now: OffsetDateTime) -> Result<String> {
    let stamp = now.format(&time::format_description::well_known::Rfc3339)?;
    let has = |t: &str| -> bool {
        serde_yaml_ng::from_str::<serde_json::Value>(t)
            .ok()
            .and_then(|d| {
                d.get("metadata")?
                    .get("annotations")?
                    .get(RESTART_ANNOTATION)?
                    .as_str()
                    .map(|v| v == stamp)
            })
            .unwrap_or(false)
    };
    if let Some(edited) = annotate_lines(text, &stamp) {
        if has(&edited) {
            return Ok(edited);
        }
    }
    let mut doc: serde_json::Value = serde_yaml_ng::from_str(text).context(shown.to_string())?;
    let meta = doc
        .get_mut("metadata")
        .and_then(|m| m.as_object_mut())
        .ok_or_else(|| anyhow!("{shown}: no metadata"))?;
    let annotations = meta
        .entry("annotations")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .ok_or_else(|| anyhow!("{shown}: annotations is not a map"))?;
    annotations.insert(RESTART_ANNOTATION.into(), stamp.clone().into());
    Ok(serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(
        doc,
    ))?)
}

/// The line edit of [`with_restart_annotation`]: replaces the annotation's
/// value, or adds it under `metadata.annotations` (adding that map when
/// missing). `None` when `metadata:` is not a block at the top level.
fn annotate_lines(text: &str, stamp: &str) -> Option<String> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |l: &str| l.len() - l.trim_start().len();
    let meaningful = |l: &str| !l.trim().is_empty() && !l.trim_start().starts_with('#');
    let key_line = format!("{RESTART_ANNOTATION}: \"{stamp}\"");
    let meta = lines.iter().position(|l| l.trim_end() == "metadata:")?;
    // The block under metadata: the lines indented deeper than it.
    let end = (meta + 1..lines.len())
        .find(|&i| meaningful(lines[i]) && indent(lines[i]) == 0)
        .unwrap_or(lines.len());
    let child = (meta + 1..end)
        .find(|&i| meaningful(lines[i]))
        .map(|i| indent(lines[i]))?;
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let at = |i: usize, width: usize| -> bool { meaningful(lines[i]) && indent(lines[i]) == width };
    match (meta + 1..end)
        .find(|&i| at(i, child) && lines[i].trim_end().trim_start() == "annotations:")
    {
        Some(a) => {
            let inner = (a + 1..end)
                .find(|&i| meaningful(lines[i]))
                .map(|i| indent(lines[i]))
                .filter(|w| *w > child)?;
            let existing = (a + 1..end)
                .take_while(|&i| !meaningful(lines[i]) || indent(lines[i]) >= inner)
                .find(|&i| {
                    at(i, inner)
                        && lines[i]
                            .trim_start()
                            .starts_with(&format!("{RESTART_ANNOTATION}:"))
                });
            let line = format!("{}{key_line}", " ".repeat(inner));
            match existing {
                Some(i) => out[i] = line,
                None => out.insert(a + 1, line),
            }
        }
        None => {
            out.insert(meta + 1, format!("{}annotations:", " ".repeat(child)));
            out.insert(meta + 2, format!("{}{key_line}", " ".repeat(child * 2)));
        }
    }
    let mut joined = out.join("\n");
    if text.ends_with('\n') {
        joined.push('\n');
    }
    Some(joined)
}

/// The command line with container paths mapped to where they really are,
/// creating `DirectoryOrCreate` volumes on the way.
pub fn local_argv(node: &dyn Node, pod: &Pod) -> Result<Vec<String>> {
    let mounts = pod.mounts()?;
    for (_, host, kind) in &mounts {
        if kind.as_deref() == Some("DirectoryOrCreate") {
            let real = node.real_path(Path::new(host));
            fs_err::create_dir_all(&real)?;
        }
    }
    let map = |value: &str| -> String {
        for (inside, host, _) in &mounts {
            if let Ok(rest) = Path::new(value).strip_prefix(inside) {
                let host_path: PathBuf = Path::new(host).join(rest);
                return node.real_path(&host_path).display().to_string();
            }
        }
        value.to_string()
    };
    Ok(pod
        .argv()?
        .into_iter()
        .map(|arg| match arg.split_once('=') {
            Some((flag, value)) if flag.starts_with("--") && value.starts_with('/') => {
                format!("{flag}={}", map(value))
            }
            _ if arg.starts_with('/') => map(&arg),
            _ => arg,
        })
        .collect())
}

/// Where the kubelet writes container logs.
pub const POD_LOG_DIR: &str = "/var/log/pods";

/// The directory of a static pod's logs under [`POD_LOG_DIR`], as the
/// kubelet names it: `kube-system_<pod>-<node>_<uid>` (the mirror pod's
/// namespace and name, and the pod's UID).
pub fn pod_log_dir_name(pod: &str, node_name: &str, uid: &str) -> String {
    format!("{}{node_name}_{uid}", pod_log_dir_prefix(pod))
}

/// The namespace of static pods' mirror pods. (`objects::KUBE_SYSTEM`
/// names the same namespace for API objects; `objects` sits above this
/// module, so it cannot be read from there.)
const MIRROR_POD_NAMESPACE: &str = "kube-system";

/// What every log directory of static pod `pod` starts with, on any node.
fn pod_log_dir_prefix(pod: &str) -> String {
    format!("{MIRROR_POD_NAMESPACE}_{pod}-")
}

/// The last `lines` lines of a static pod container's log on a node, for
/// a report on a component that did not become healthy: the kubelet writes
/// `/var/log/pods/<namespace>_<pod>-<node>_<uid>/<container>/<n>.log`, and
/// the highest `n` of every matching pod directory is read. Empty when no
/// log is found.
pub fn log_tail(
    node: &dyn Node,
    pod: &str,
    container: &str,
    lines: usize,
) -> Result<Vec<(PathBuf, String)>> {
    let base = Path::new(POD_LOG_DIR);
    let prefix = pod_log_dir_prefix(pod);
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in node.list_dir(base)? {
        if !dir.starts_with(&prefix) {
            continue;
        }
        let cdir = base.join(&dir).join(container);
        let newest = node
            .list_dir(&cdir)?
            .into_iter()
            .filter_map(|f| f.strip_suffix(".log")?.parse::<u64>().ok())
            .max();
        if let Some(n) = newest {
            files.push(cdir.join(format!("{n}.log")));
        }
    }
    let mut out = Vec::new();
    for f in files {
        if let Some(bytes) = node.read(&f)? {
            let text = String::from_utf8_lossy(&bytes);
            let all: Vec<&str> = text.lines().collect();
            let tail = all[all.len().saturating_sub(lines)..].join("\n");
            out.push((node.real_path(&f), tail));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn annotation(text: &str) -> Option<String> {
        let d: serde_json::Value = serde_yaml_ng::from_str(text).unwrap();
        d["metadata"]["annotations"][RESTART_ANNOTATION]
            .as_str()
            .map(String::from)
    }

    #[test]
    fn the_restart_annotation_keeps_comments_and_order() {
        let t0 = time::macros::datetime!(2026-01-02 03:04:05 UTC);
        let t1 = time::macros::datetime!(2026-01-02 03:04:06 UTC);
        // No annotations yet (kubeadm's scheduler), with an operator's comment.
        let plain = "apiVersion: v1\nkind: Pod\nmetadata:\n  # mine\n  labels:\n    component: kube-scheduler\n  name: kube-scheduler\nspec:\n  containers: []\n";
        let once = with_restart_annotation(plain, "x", t0).unwrap();
        assert!(once.contains("  # mine\n"), "{once}");
        assert_eq!(annotation(&once).as_deref(), Some("2026-01-02T03:04:05Z"));
        // A second restart replaces the value, adds no second key.
        let twice = with_restart_annotation(&once, "x", t1).unwrap();
        assert_eq!(twice.matches(RESTART_ANNOTATION).count(), 1, "{twice}");
        assert_eq!(annotation(&twice).as_deref(), Some("2026-01-02T03:04:06Z"));
        assert!(twice.starts_with("apiVersion: v1\nkind: Pod\nmetadata:\n"));
        // Existing annotations (etcd's) stay, beside the new one.
        let etcd = "apiVersion: v1\nkind: Pod\nmetadata:\n  annotations:\n    kubeadm.kubernetes.io/etcd.advertise-client-urls: https://10.0.0.1:2379\n  name: etcd\nspec: {}\n";
        let out = with_restart_annotation(etcd, "x", t0).unwrap();
        assert!(out.contains("kubeadm.kubernetes.io/etcd.advertise-client-urls"));
        assert_eq!(annotation(&out).as_deref(), Some("2026-01-02T03:04:05Z"));
        // Flow-style metadata: re-serialised, still right.
        let flow = "apiVersion: v1\nkind: Pod\nmetadata: {name: x}\nspec: {}\n";
        let out = with_restart_annotation(flow, "x", t0).unwrap();
        assert_eq!(annotation(&out).as_deref(), Some("2026-01-02T03:04:05Z"));
    }

    #[test]
    fn log_tail_reads_the_real_kubelets_newest_log_of_each_pod_directory() {
        let dir = tempfile::tempdir().unwrap();
        let node = crate::node::LocalNode::new(Some(dir.path().to_path_buf()));
        let base = dir.path().join("var/log/pods");
        let etcd = base.join("kube-system_etcd-cp1_0123abcd/etcd");
        std::fs::create_dir_all(&etcd).unwrap();
        std::fs::write(etcd.join("0.log"), "old\n").unwrap();
        std::fs::write(etcd.join("2.log"), "a\nb\nc\nd\n").unwrap();
        std::fs::write(etcd.join("1.log.20261201-000000.gz"), "x").unwrap();
        let other = base.join("kube-system_etcd2-cp1_99/etcd");
        std::fs::create_dir_all(&other).unwrap();
        std::fs::write(other.join("0.log"), "not this pod\n").unwrap();
        let got = log_tail(&node, "etcd", "etcd", 2).unwrap();
        assert_eq!(got, vec![(etcd.join("2.log"), "c\nd".to_string())]);
        assert!(log_tail(&node, "kube-apiserver", "kube-apiserver", 5)
            .unwrap()
            .is_empty());
    }
}
