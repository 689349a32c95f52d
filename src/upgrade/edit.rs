//! The manifest an upgrade writes: render, then merge.
//!
//! 1. The target release is rendered from the cluster configuration stored
//!    on the node kforge runs on ([`crate::paths::CLUSTER_CONFIG`], moved to
//!    each hop's version when the hop lands, see [`hop_landed`]) by the same
//!    code `init` uses ([`crate::manifests`]). Node-specific values (the
//!    node's name, address, API server port, etcd membership) are read from
//!    the node's base, else its current manifests.
//! 2. The base is what kforge rendered last for that node and component
//!    ([`crate::manifests::base`]). A node made by a kforge that kept no
//!    base gets a stand-in: the render of the release the component runs
//!    now (its image's version; for etcd the node's API server's) from the
//!    same stored configuration; the plan says so.
//! 3. The operator's edits (the current file against the base) are merged
//!    onto the new render by key ([`crate::manifests::merge`]); a true
//!    conflict is a blocker until `--prefer-mine`/`--prefer-new` (or the
//!    stored configuration) settles it. Crossing etcd 3.5 -> 3.6, the
//!    renamed flags are renamed in the base and the current file first, so
//!    an edit of the old name lands on the new one.
//! 4. The operator's comments are carried over ([`crate::manifests::comments`]).

use super::ClusterNode;
use crate::components::{self, Component};
use crate::install::Installer;
use crate::manifests::merge::{self, Conflict};
use crate::manifests::{self, base, EtcdMembership, ETCD_3_6_RENAMES};
use crate::node::Node;
use crate::spec::load::{self, InitFlags};
use crate::spec::{ClusterSpec, EtcdSpec};
use crate::versions::{EtcdGeneration, EtcdVersion, KubeVersion};
use anyhow::{anyhow, bail, Context, Result};
use serde_json::Value;
use std::net::IpAddr;
use std::path::Path;

use crate::image::ImageRef;
pub use crate::manifests::merge::Prefer;

/// The container of `component` in a manifest (found by name, never by place).
fn container<'a>(doc: &'a Value, component: &str) -> Option<&'a Value> {
    doc.get("spec")?
        .get("containers")?
        .as_array()?
        .iter()
        .find(|c| c.get("name").and_then(Value::as_str) == Some(component))
}

fn container_mut<'a>(doc: &'a mut Value, component: &str) -> Option<&'a mut Value> {
    doc.get_mut("spec")?
        .get_mut("containers")?
        .as_array_mut()?
        .iter_mut()
        .find(|c| c.get("name").and_then(Value::as_str) == Some(component))
}

/// The image of the component's container in a manifest.
pub fn image_of(text: &str, component: &str) -> Option<String> {
    let doc: Value = serde_yaml_ng::from_str(text).ok()?;
    container(&doc, component)?
        .get("image")?
        .as_str()
        .map(String::from)
}

/// The etcd version an etcd manifest's image says.
pub fn etcd_version_of(text: &str) -> Option<EtcdVersion> {
    let image = image_of(text, components::ETCD.name)?;
    ImageRef::parse(&image).tag?.parse().ok()
}

/// The cluster configuration stored on the node kforge runs on.
pub struct StoredConfig {
    text: String,
    shown: String,
}

impl StoredConfig {
    pub fn read(local: &dyn Node) -> Result<StoredConfig> {
        let path = Path::new(crate::paths::CLUSTER_CONFIG);
        let shown = local.real_path(path).display().to_string();
        let text = crate::node::read_string(local, path)?.ok_or_else(|| {
            anyhow!("{shown} not found: upgrade renders the manifests from the cluster configuration init stored (store it with `kforge init phase upload-config --config kubeadm.yaml`)")
        })?;
        Ok(StoredConfig { text, shown })
    }

    /// The spec of one node at `version` (`None`: the stored version).
    fn spec(&self, version: Option<KubeVersion>, n: &NodeFacts) -> Result<ClusterSpec> {
        let file = load::parse_config(Path::new(&self.shown), &self.text)?;
        let flags = InitFlags {
            kubernetes_version: version,
            node_name: Some(n.name.clone()),
            advertise_address: Some(n.address),
            bind_port: n.bind_port,
            ..Default::default()
        };
        load::resolve(Some(file), &flags).with_context(|| self.shown.clone())
    }

    /// The version the stored configuration says.
    fn version(&self) -> Option<KubeVersion> {
        let doc: Value = serde_yaml_ng::from_str(&self.text).ok()?;
        doc.get("kubernetesVersion")?.as_str()?.parse().ok()
    }
}

/// What a node's manifests need beyond the cluster configuration, read from
/// its base (else its current manifest).
struct NodeFacts {
    name: String,
    address: IpAddr,
    bind_port: Option<u16>,
    membership: Option<EtcdMembership>,
}

/// The flags of the component's container in a manifest.
fn flags_of(text: &str, component: &str) -> Vec<(String, String)> {
    let Ok(doc) = serde_yaml_ng::from_str::<Value>(text) else {
        return vec![];
    };
    let Some(c) = container(&doc, component) else {
        return vec![];
    };
    ["command", "args"]
        .iter()
        .filter_map(|k| c.get(*k)?.as_array())
        .flatten()
        .filter_map(|w| {
            let (k, v) = w.as_str()?.strip_prefix("--")?.split_once('=')?;
            Some((k.to_string(), v.to_string()))
        })
        .collect()
}

/// The base of `c` on the node, else its current manifest (for node facts).
fn reference(node: &dyn Node, c: &Component) -> Result<Option<String>> {
    match base::read(node, c)? {
        Some(t) => Ok(Some(t)),
        None => crate::node::read_string(node, &manifests::manifest_path(c)),
    }
}

fn host_of(url: &str) -> Option<IpAddr> {
    let (_, host, _) = manifests::probes::split_url(url)?;
    host.trim_matches(['[', ']']).parse().ok()
}

fn node_facts(node: &dyn Node, shown: &str) -> Result<NodeFacts> {
    let etcd = reference(node, &components::ETCD)?
        .map(|t| flags_of(&t, components::ETCD.name))
        .unwrap_or_default();
    let api = reference(node, &components::KUBE_APISERVER)?
        .map(|t| flags_of(&t, components::KUBE_APISERVER.name))
        .unwrap_or_default();
    let get =
        |f: &[(String, String)], k: &str| f.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    let address = get(&api, "advertise-address")
        .and_then(|a| a.parse().ok())
        .or_else(|| get(&etcd, "advertise-client-urls").and_then(|u| host_of(&u)))
        .ok_or_else(|| {
            anyhow!("{shown}: cannot tell this node's address (no --advertise-address in kube-apiserver.yaml, no --advertise-client-urls in etcd.yaml)")
        })?;
    let membership = get(&etcd, "initial-cluster").map(|ic| EtcdMembership {
        initial_cluster: ic
            .split(',')
            .filter_map(|m| m.split_once('='))
            .map(|(n, u)| (n.to_string(), u.to_string()))
            .collect(),
        existing: get(&etcd, "initial-cluster-state").as_deref() == Some("existing"),
    });
    Ok(NodeFacts {
        name: get(&etcd, "name").unwrap_or_else(|| "node".into()),
        address,
        bind_port: get(&api, "secure-port").and_then(|p| p.parse().ok()),
        membership,
    })
}

/// Renders `c` for one node with `spec`, as `init` (and `join`) would.
fn render(node: &dyn Node, spec: &ClusterSpec, c: &Component, n: &NodeFacts) -> Result<String> {
    let exists = |p: &str| node.exists(Path::new(p)).unwrap_or(false);
    match c.name {
        "etcd" => {
            let local = spec
                .local_etcd()
                .ok_or_else(|| anyhow!("the stored cluster configuration has no local etcd"))?;
            let m = n
                .membership
                .clone()
                .unwrap_or_else(|| EtcdMembership::new_cluster(spec));
            manifests::etcd(spec, local, &m)
        }
        "kube-apiserver" => manifests::kube_apiserver(spec, &exists),
        "kube-controller-manager" => {
            let pki = ClusterSpec::pki_settings_for_dir(&spec.cert_dir);
            let external = manifests::external_ca(node, &pki)?;
            manifests::kube_controller_manager(spec, &exists, external)
        }
        "kube-scheduler" => manifests::kube_scheduler(spec),
        other => bail!("{other}: not a static pod kforge renders"),
    }
}

/// `spec` running etcd `tag`.
fn with_etcd_tag(mut spec: ClusterSpec, tag: Option<&str>) -> ClusterSpec {
    if let (EtcdSpec::Local(l), Some(t)) = (&mut spec.etcd, tag) {
        l.image_tag = Some(t.to_string());
    }
    spec
}

/// One static pod at the target, merged.
#[derive(Debug, Clone)]
pub struct Upgraded {
    /// The file to write (the current text when nothing changes).
    pub text: String,
    /// The new render: the base of the next upgrade.
    pub render: String,
    /// The operator's edits carried over.
    pub kept: Vec<String>,
    /// Conflicts settled by `--prefer-mine`/`--prefer-new`.
    pub resolved: Vec<String>,
    /// True conflicts: the file cannot be written until they are settled.
    pub conflicts: Vec<Conflict>,
    /// Notes: no stored base (what stood in), comments that could not be placed.
    pub notes: Vec<String>,
}

impl Upgraded {
    pub fn changed(&self, current: &str) -> bool {
        self.text != current
    }
}

/// `; kept your edits: ...` for a step's report line (empty when none).
pub fn kept_summary(u: &Upgraded) -> String {
    let all: Vec<&str> = u
        .kept
        .iter()
        .chain(&u.resolved)
        .map(String::as_str)
        .collect();
    if all.is_empty() {
        String::new()
    } else {
        format!("; kept your edits: {}", all.join("; "))
    }
}

/// What an upgrade of one hop renders and merges on one node.
#[derive(Debug, Clone, Copy)]
pub struct Target<'a> {
    pub version: KubeVersion,
    /// etcd's image tag for the hop; `None`: the one it runs now.
    pub etcd_tag: Option<&'a str>,
    pub prefer: Option<Prefer>,
}

/// The manifest of `c` on `node` at the target: rendered, merged, with the
/// operator's comments. `local` holds the stored cluster configuration.
pub fn upgrade(
    local: &dyn Node,
    node: &dyn Node,
    c: &Component,
    current: &str,
    t: &Target,
) -> Result<Upgraded> {
    let shown = node
        .real_path(&manifests::manifest_path(c))
        .display()
        .to_string();
    let config = StoredConfig::read(local)?;
    let facts = node_facts(node, &shown)?;
    let mine: Value =
        serde_yaml_ng::from_str(current).with_context(|| format!("{shown}: not valid YAML"))?;
    if container(&mine, c.name).is_none() {
        bail!(
            "{shown}: no container named {:?}: kforge finds the component's container by its name",
            c.name
        );
    }
    let is_etcd = c.name == components::ETCD.name;
    // etcd's tag: the hop's, never older than the one it runs.
    let running_tag = if is_etcd {
        image_of(current, c.name).and_then(|i| ImageRef::parse(&i).tag.map(String::from))
    } else {
        None
    };
    let etcd_tag = match (t.etcd_tag, running_tag.as_deref()) {
        (Some(to), Some(now)) => match (to.parse::<EtcdVersion>(), now.parse::<EtcdVersion>()) {
            (Ok(a), Ok(b)) if a < b => Some(now),
            _ => Some(to),
        },
        (to, now) => to.or(now),
    };
    let spec = with_etcd_tag(config.spec(Some(t.version), &facts)?, etcd_tag);
    let render_text = render(node, &spec, c, &facts)?;
    let mut notes = Vec::new();
    let base_text = match base::read(node, c)? {
        Some(b) => b,
        None => {
            // No stored base: the render of what runs now stands in.
            let api_now = crate::node::read_string(
                node,
                &manifests::manifest_path(&components::KUBE_APISERVER),
            )?
            .and_then(|t| image_of(&t, components::KUBE_APISERVER.name));
            let own = if is_etcd {
                api_now
            } else {
                image_of(current, c.name)
            };
            let now = own
                .and_then(|i| super::inventory::tag_version(&i))
                .and_then(|v| v.parse::<KubeVersion>().ok())
                .or_else(|| config.version());
            let spec = with_etcd_tag(config.spec(now, &facts)?, running_tag.as_deref());
            notes.push(format!(
                "no stored base ({}): kforge's render of {} from the stored configuration stands in for what kforge wrote",
                node.real_path(&base::path(c)).display(),
                now.map(|v| v.to_string()).unwrap_or_else(|| "the stored version".into())
            ));
            render(node, &spec, c, &facts)?
        }
    };
    let mut base_doc: Value = serde_yaml_ng::from_str(&base_text).with_context(|| {
        format!(
            "{}: not valid YAML (remove it: the render of the running release then stands in)",
            node.real_path(&base::path(c)).display()
        )
    })?;
    let mut mine = mine;
    let new_doc: Value = serde_yaml_ng::from_str(&render_text)?;
    // The operator's lines, under the names the merged file uses (for comments).
    let mut lines_of_mine = current.to_string();
    if is_etcd
        && spec.local_etcd().map(|l| {
            spec.release
                .etcd_generation(manifests::etcd_image_tag(&spec, l))
        }) == Some(EtcdGeneration::V3_6)
    {
        rename_3_6_in(&mut base_doc, c.name);
        rename_3_6_in(&mut mine, c.name);
        lines_of_mine = rename_3_6_lines(current);
    }
    let mut m = merge::merge(&base_doc, &mine, &new_doc, t.prefer);
    // kforge's own restart stamp (certs renew) is not an edit worth naming.
    m.kept
        .retain(|k| !k.contains(crate::staticpod::RESTART_ANNOTATION));
    let current_doc: Value = serde_yaml_ng::from_str(current)?;
    let text = if m.doc == current_doc {
        current.to_string()
    } else {
        let plain = serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(m.doc.clone()))?;
        match manifests::comments::carry(&lines_of_mine, &plain) {
            Some(t) => t,
            None => {
                notes.push(
                    "the operator's comments could not be placed in the merged file and were left out (the old file is kept in the run's backups)".into(),
                );
                plain
            }
        }
    };
    Ok(Upgraded {
        text,
        render: render_text,
        kept: m.kept,
        resolved: m.resolved,
        conflicts: m.conflicts,
        notes,
    })
}

/// Renames the etcd 3.5 flags of the component's container to their 3.6
/// names (a feature gate joins an existing `--feature-gates`).
fn rename_3_6_in(doc: &mut Value, component: &str) {
    let Some(c) = container_mut(doc, component) else {
        return;
    };
    for list in ["command", "args"] {
        if let Some(Value::Array(argv)) = c.get_mut(list) {
            rename_3_6(argv);
        }
    }
}

/// The text with each `- --<3.5 name>=value` line under its 3.6 name (so an
/// operator's comment on it finds the renamed line).
fn rename_3_6_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.split_inclusive('\n') {
        let mut l = line.to_string();
        for r in ETCD_3_6_RENAMES {
            let old = format!("--{}=", r.v3_5);
            if let Some(i) = l.find(&old) {
                let rest = &l[i + old.len()..];
                let end = rest.find([' ', '\t', '\n']).unwrap_or(rest.len());
                let value = &rest[..end];
                l = format!(
                    "{}--{}={}{}",
                    &l[..i],
                    r.v3_6,
                    r.to_3_6(value),
                    &rest[end..]
                );
            }
        }
        out.push_str(&l);
    }
    out
}

fn rename_3_6(argv: &mut Vec<Value>) {
    let mut args: Vec<String> = argv
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    for r in ETCD_3_6_RENAMES {
        let old = format!("--{}=", r.v3_5);
        let Some(i) = args.iter().position(|a| a.starts_with(&old)) else {
            continue;
        };
        let value = args.remove(i)[old.len()..].to_string();
        let new_value = r.to_3_6(&value);
        let new = format!("--{}=", r.v3_6);
        match args.iter().position(|a| a.starts_with(&new)) {
            Some(j) if r.gate.is_some() => {
                let merged = format!("{},{new_value}", &args[j][new.len()..]);
                args[j] = format!("{new}{merged}");
            }
            Some(j) => args[j] = format!("{new}{new_value}"),
            None => args.push(format!("{new}{new_value}")),
        }
    }
    *argv = args.into_iter().map(Value::from).collect();
}

/// A conflict as a plan blocker's (what, reason, fix).
pub fn conflict_finding(
    node: &str,
    c: &Component,
    x: &Conflict,
    target: KubeVersion,
) -> (String, String, String) {
    let side = |v: &Option<String>| {
        v.as_deref()
            .map(|s| format!("{s:?}"))
            .unwrap_or_else(|| "(absent)".into())
    };
    let config_key = match c.name {
        "etcd" => "etcd.local.extraArgs / extraVolumes",
        "kube-apiserver" => "apiServer.extraArgs / extraVolumes",
        "kube-controller-manager" => "controllerManager.extraArgs / extraVolumes",
        _ => "scheduler.extraArgs / extraVolumes",
    };
    (
        format!("{} on {node}: {}", c.name, x.what),
        format!(
            "edited on both sides: yours {}, {target} renders {} (kforge rendered {} before)",
            side(&x.mine),
            side(&x.new),
            side(&x.base)
        ),
        format!(
            "--prefer-mine keeps yours, --prefer-new takes {target}'s; or put the value you want in {} ({config_key}) and re-run",
            crate::paths::CLUSTER_CONFIG
        ),
    )
}

/// The error `apply` stops with when conflicts were not settled.
pub fn conflicts_error(
    shown: &str,
    c: &Component,
    u: &Upgraded,
    target: KubeVersion,
) -> anyhow::Error {
    let lines: Vec<String> = u
        .conflicts
        .iter()
        .map(|x| {
            let (what, reason, _) = conflict_finding("this node", c, x, target);
            format!("{what}: {reason}")
        })
        .collect();
    anyhow!(
        "{shown}: {} conflict(s) between your edits and {target}: {}; re-run with --prefer-mine or --prefer-new, or set the value in {}",
        lines.len(),
        lines.join("; "),
        crate::paths::CLUSTER_CONFIG
    )
}

/// Keeps a copy of the node's base in the run's backups (`inst`'s
/// directory) for [`restore_base`]; before the manifest changes.
pub fn keep_base(inst: &Installer, c: &Component) -> Result<()> {
    inst.keep_copy(&base::path(c)).map(|_| ())
}

/// Stores the new render as the base (after [`keep_base`]).
pub fn store_base(inst: &Installer, c: &Component, render: &str) -> Result<()> {
    base::store(inst, c, render)
}

/// Puts back the base a rolled-back swap replaced (removes it when the
/// node had none).
pub fn restore_base(node: &dyn Node, run_dir: &Path, c: &Component) -> Result<()> {
    let path = base::path(c);
    let inst = super::backups::installer(node, run_dir)?;
    match node.read(&super::backups::copy_of(run_dir, &path))? {
        Some(old) => {
            inst.install_allowing(&path, &old, manifests::MODE, true)?;
        }
        None => {
            if node.exists(&path)? {
                node.remove(&path)?;
                inst.forget(&path);
            }
        }
    }
    inst.save_ledger()
}

/// After a hop landed: the stored cluster configuration says its version
/// (and its etcd image tag, where the configuration pins one), so the next
/// hop renders from it. Comments are kept; the file keeps its owner.
pub fn hop_landed(local: &dyn Node, to: KubeVersion, etcd_tag: Option<&str>) -> Result<()> {
    let config = StoredConfig::read(local)?;
    let mut doc: Value = serde_yaml_ng::from_str(&config.text)
        .with_context(|| format!("{}: not valid YAML", config.shown))?;
    let obj = doc
        .as_object_mut()
        .ok_or_else(|| anyhow!("{}: not a ClusterConfiguration", config.shown))?;
    obj.insert("kubernetesVersion".into(), to.to_string().into());
    if let (Some(tag), Some(Value::Object(l))) = (
        etcd_tag,
        obj.get_mut("etcd").and_then(|e| e.get_mut("local")),
    ) {
        if l.contains_key("imageTag") {
            l.insert("imageTag".into(), tag.into());
        }
    }
    let plain = serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(doc))?;
    let text = manifests::comments::carry(&config.text, &plain).unwrap_or(plain);
    if text == config.text {
        return Ok(());
    }
    let inst = Installer::new(local, false)?;
    inst.patch(
        Path::new(crate::paths::CLUSTER_CONFIG),
        text.as_bytes(),
        0o600,
    )?;
    inst.save_ledger()
}

/// The local node of a run (the stored configuration is there).
pub fn local_of(nodes: &[ClusterNode]) -> Option<&dyn Node> {
    nodes.iter().find(|n| n.local).map(|n| &*n.node)
}

/// A minimal line diff (`-` old, `+` new) of two texts, for the plan.
pub fn diff(old: &str, new: &str) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Longest common subsequence; manifests are small.
    let mut l = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || l[i + 1][j] >= l[i][j + 1]) {
            out.push(format!("-{}", a[i]));
            i += 1;
        } else {
            out.push(format!("+{}", b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A node staged under a temporary root as `init` leaves it at
    /// `version`: the stored configuration, etcd.yaml and its base.
    fn staged(version: &str) -> (tempfile::TempDir, crate::node::LocalNode) {
        let dir = tempfile::tempdir().unwrap();
        let node = crate::node::LocalNode::new(Some(dir.path().to_path_buf()));
        let flags = InitFlags {
            kubernetes_version: Some(version.parse().unwrap()),
            node_name: Some("cp1".into()),
            advertise_address: Some(IpAddr::from([127, 0, 0, 1])),
            ..Default::default()
        };
        let spec = load::resolve(None, &flags).unwrap();
        let config = crate::spec::print::cluster_configuration(&spec);
        node.write_atomic(
            Path::new(crate::paths::CLUSTER_CONFIG),
            config.as_bytes(),
            0o600,
        )
        .unwrap();
        let etcd = manifests::etcd(
            &spec,
            spec.local_etcd().unwrap(),
            &EtcdMembership::new_cluster(&spec),
        )
        .unwrap();
        {
            let inst = Installer::new(&node, false).unwrap();
            inst.install(
                &manifests::manifest_path(&components::ETCD),
                etcd.as_bytes(),
                manifests::MODE,
            )
            .unwrap();
            base::store(&inst, &components::ETCD, &etcd).unwrap();
            inst.save_ledger().unwrap();
        }
        (dir, node)
    }

    /// etcd 3.5 -> 3.6 (v1.33 -> v1.34's default etcd): the release's
    /// render brings the new flag names and the named probe port; the
    /// operator's value of a renamed flag lands on the new name; and the
    /// stored configuration then says v1.34 with its comment kept.
    #[test]
    fn crossing_to_etcd_3_6_moves_an_operators_value_to_the_renamed_flag() {
        let (_dir, node) = staged("v1.33");
        let path = manifests::manifest_path(&components::ETCD);
        let current = crate::node::read_string(&node, &path)
            .unwrap()
            .unwrap()
            .replace(
                "--experimental-watch-progress-notify-interval=5s",
                "--experimental-watch-progress-notify-interval=10s # operator",
            );
        let t = Target {
            version: "v1.34.0".parse().unwrap(),
            etcd_tag: Some("3.6.4-0"),
            prefer: None,
        };
        let u = upgrade(&node, &node, &components::ETCD, &current, &t).unwrap();
        assert!(u.conflicts.is_empty(), "{:?}", u.conflicts);
        assert!(
            u.text
                .contains("- --watch-progress-notify-interval=10s # operator\n"),
            "{}",
            u.text
        );
        assert!(u
            .text
            .contains("- --feature-gates=InitialCorruptCheck=true\n"));
        assert!(!u.text.contains("experimental"), "{}", u.text);
        assert!(u.text.contains("image: registry.k8s.io/etcd:3.6.4-0\n"));
        assert!(u.text.contains("port: probe-port\n"), "{}", u.text);
        assert_eq!(
            u.kept,
            ["container etcd: flag --watch-progress-notify-interval=10s (kforge rendered 5s)"]
        );
        // An older etcd tag than the one running is never rendered.
        let back = Target {
            etcd_tag: Some("3.5.0-0"),
            ..t
        };
        let v = upgrade(&node, &node, &components::ETCD, &u.text, &back).unwrap();
        assert!(v.text.contains("etcd:3.6.4-0"), "{}", v.text);
        hop_landed(&node, t.version, Some("3.6.4-0")).unwrap();
        let stored = crate::node::read_string(&node, Path::new(crate::paths::CLUSTER_CONFIG))
            .unwrap()
            .unwrap();
        assert!(stored.contains("kubernetesVersion: v1.34.0\n"), "{stored}");
        assert!(
            stored.starts_with("# The cluster-wide configuration"),
            "{stored}"
        );
    }

    #[test]
    fn etcd_3_6_renames_carry_an_operators_value_to_the_new_name() {
        let mut argv: Vec<Value> = [
            "etcd",
            "--data-dir=/var/lib/etcd",
            "--experimental-initial-corrupt-check=true",
            "--experimental-watch-progress-notify-interval=10s",
            "--feature-gates=Foo=true",
        ]
        .iter()
        .map(|s| Value::from(*s))
        .collect();
        rename_3_6(&mut argv);
        assert_eq!(
            argv,
            vec![
                "etcd",
                "--data-dir=/var/lib/etcd",
                "--feature-gates=Foo=true,InitialCorruptCheck=true",
                "--watch-progress-notify-interval=10s"
            ]
        );
    }
}
