//! The upgrade plan: the path to the target version, the blockers (each
//! with its reason and fix), the point of no return, the ordered steps of
//! the next hop and the diff of every file they change. Read-only.

use super::inventory::{Inventory, NodeInventory};
use super::{edit, ClusterNode};
use crate::components;
use crate::join::hosts::Role;
use crate::versions::{self, skew, EtcdVersion, KubeVersion};
use serde::Serialize;

/// Why the upgrade cannot proceed (or what to watch), and the fix.
#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub what: String,
    pub reason: String,
    pub fix: String,
}

fn finding(what: impl Into<String>, reason: impl Into<String>, fix: impl Into<String>) -> Finding {
    Finding {
        what: what.into(),
        reason: reason.into(),
        fix: fix.into(),
    }
}

/// One hop of the path.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Hop {
    pub version: KubeVersion,
    /// etcd's image tag after this hop (unchanged when the current one is newer).
    pub etcd_image_tag: Option<String>,
    /// Whether the workers' kubelets are upgraded in this hop.
    pub workers: bool,
    pub command: String,
}

/// One step of the next hop, in order.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PlannedStep {
    pub phase: &'static str,
    pub node: String,
    pub component: &'static str,
    pub from: Option<String>,
    pub to: String,
}

/// A file that would change on a node: the diff from the current file to
/// the one written and, for a manifest (the three-way view), the operator's
/// edits carried over from the base and the conflicts settled.
#[derive(Debug, Clone, Default, Serialize)]
pub struct FileChange {
    pub node: String,
    pub path: String,
    pub diff: Vec<String>,
    /// The operator's edits (the current file against what kforge rendered
    /// last), kept in the new file.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub kept: Vec<String>,
    /// Conflicts settled by `--prefer-mine` / `--prefer-new`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resolved: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub current: Option<KubeVersion>,
    pub target: Option<KubeVersion>,
    pub hops: Vec<Hop>,
    /// etcd: (from, to) for the next hop, when its image changes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etcd: Option<EtcdChange>,
    pub point_of_no_return: String,
    pub steps: Vec<PlannedStep>,
    pub changes: Vec<FileChange>,
    pub blockers: Vec<Finding>,
    pub warnings: Vec<Finding>,
    pub inventory: Inventory,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EtcdChange {
    pub from: Vec<EtcdVersion>,
    pub to: EtcdVersion,
    pub image_tag: String,
    pub minor_change: bool,
    /// Members in upgrade order (followers first, the leader last).
    pub order: Vec<String>,
}

/// What the user asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// The target as given (resolved against the table and the versions running).
    pub target: Option<versions::Target>,
    /// `--etcd-image-tag`: the etcd image for the hop (pinned or custom).
    pub etcd_image_tag: Option<String>,
    /// The cluster configuration pins etcd's image tag (`etcd.local.imageTag`).
    pub pinned_etcd_tag: Option<String>,
    /// `--skip-workers`: leave the workers for a later hop.
    pub skip_workers: bool,
    /// `apply`: exactly one hop is allowed.
    pub apply: bool,
    /// Renew certificates expiring within this many days (for the plan's warnings).
    pub renew_within_days: Option<i64>,
    /// How a conflict between the operator's edits and the new render is settled.
    pub prefer: Option<edit::Prefer>,
}

/// The newest patch of an etcd minor kforge knows (from the version table).
pub fn newest_etcd_patch(major: u32, minor: u32) -> Option<u32> {
    versions::RELEASES
        .iter()
        .filter_map(|r| r.etcd_image_tag.parse::<EtcdVersion>().ok())
        .filter(|v| v.major == major && v.minor == minor)
        .map(|v| v.patch)
        .max()
}

/// The newest patch of a Kubernetes minor kforge knows (the table's `.0`,
/// or a newer one seen running).
fn newest_kube_patch(minor: u32, seen: &[KubeVersion]) -> Option<u32> {
    let table = versions::find_release(1, minor)
        .ok()
        .map(|r| r.version.patch);
    let seen = seen
        .iter()
        .filter(|v| v.minor == minor)
        .map(|v| v.patch)
        .max();
    table.into_iter().chain(seen).max()
}

/// The etcd members in upgrade order: followers first, the leader last.
pub fn etcd_order(inv: &Inventory) -> Vec<String> {
    let Some(e) = &inv.etcd else {
        return vec![];
    };
    let mut v: Vec<&super::probe::MemberState> = e.members.iter().collect();
    v.sort_by_key(|m| (m.is_leader, m.name.clone()));
    v.into_iter().map(|m| m.name.clone()).collect()
}

/// The node whose etcd is member `name`.
pub fn node_of_member<'a>(inv: &'a Inventory, name: &str) -> Option<&'a NodeInventory> {
    inv.nodes
        .iter()
        .find(|n| n.etcd_member.as_deref() == Some(name))
}

pub fn make(inv: Inventory, nodes: &[ClusterNode], req: &Request) -> Plan {
    let mut blockers = Vec::new();
    let mut warnings = Vec::new();
    for (host, why) in &inv.unreachable {
        blockers.push(finding(
            format!("host {host}"),
            format!("unreachable: {why}"),
            "check the address, SSH key and known_hosts, then re-run",
        ));
    }
    let apis = inv.apiservers();
    let current = apis.iter().min().copied();
    let newest_api = apis.iter().max().copied();
    // The state now: every component against the API servers.
    for n in &inv.nodes {
        for p in &n.static_pods {
            if let Some(problem) = &p.problem {
                blockers.push(finding(
                    format!("{} on {}", p.component, n.node),
                    problem.clone(),
                    "give the manifest an image tagged with its version, or re-create it (kforge init phase control-plane / etcd)",
                ));
            }
            if let Some(o) = &p.observed {
                if !o.healthy || o.problem.is_some() {
                    blockers.push(finding(
                        format!("{} on {}", p.component, n.node),
                        format!("not healthy: {}", o.problem.clone().unwrap_or_default()),
                        format!(
                            "fix it before upgrading (kforge health --only {})",
                            p.component.trim_start_matches("kube-")
                        ),
                    ));
                }
                if let (Some(img), Some(rep)) = (&p.version, &o.version) {
                    if img != rep && o.healthy {
                        warnings.push(finding(
                            format!("{} on {}", p.component, n.node),
                            format!("its image says {img} but it reports {rep}"),
                            "the kubelet may not have restarted it yet",
                        ));
                    }
                }
            }
            if p.component == components::ETCD.name {
                continue;
            }
            if let Some(v) = n.version_of(p.component) {
                if let Err(e) = skew::check(p.component, v, &apis) {
                    blockers.push(finding(
                        format!("{} on {}", p.component, n.node),
                        format!("skew violation now: {e}"),
                        "bring it within the version-skew policy first (or finish the interrupted upgrade: kforge upgrade apply <version>)",
                    ));
                }
            }
        }
        if let Some(k) = n.kubelet_version() {
            if let Err(e) = skew::check(components::KUBELET.name, k, &apis) {
                blockers.push(finding(
                    format!("kubelet on {}", n.node),
                    format!("skew violation now: {e}"),
                    "upgrade (or downgrade) that kubelet into the window first",
                ));
            }
        } else if let Some(why) = &n.kubelet_problem {
            warnings.push(finding(
                format!("kubelet on {}", n.node),
                format!("version unknown: {why}"),
                "its kubelet step will be skipped; install the kubelet or give --kubelet-binary",
            ));
        }
        if let Some(d) = &n.disk {
            if let Some(avail) = d.available_bytes {
                if avail < d.needed_bytes {
                    blockers.push(finding(
                        format!("disk on {}", n.node),
                        format!(
                            "{} has {avail} bytes free; the backups need {} bytes",
                            d.dir, d.needed_bytes
                        ),
                        format!(
                            "free space under {} (old runs are pruned by --keep-backups)",
                            d.dir
                        ),
                    ));
                }
            }
        }
        if let Some(days) = req.renew_within_days {
            for c in n.certificates.iter().filter(|c| c.days_left < days) {
                warnings.push(finding(
                    format!("certificate {} on {}", c.name, n.node),
                    format!("expires in {} day(s)", c.days_left),
                    "apply renews it (--certificate-renewal=auto)",
                ));
            }
        }
    }
    for c in &inv.health {
        if c.target == "kubelet" || c.target == "certs" {
            warnings.push(finding(
                format!("health {} {}", c.target, c.name),
                c.message.clone(),
                c.hint.clone().unwrap_or_default(),
            ));
        }
    }
    // etcd now.
    match &inv.etcd {
        None => {}
        Some(e) => {
            if let Some(p) = &e.problem {
                blockers.push(finding("etcd", p.clone(), "kforge health --only etcd"));
            }
            for m in &e.members {
                if m.is_learner {
                    blockers.push(finding(
                        format!("etcd member {}", m.name),
                        "is a learner",
                        "promote it or remove it first (kforge join --control-plane finishes a join)",
                    ));
                }
                if let Some(p) = &m.problem {
                    blockers.push(finding(
                        format!("etcd member {}", m.name),
                        format!("unhealthy: {p}"),
                        "every member must be healthy before an upgrade: kforge health --only etcd",
                    ));
                }
                if node_of_member(&inv, &m.name).is_none() {
                    blockers.push(finding(
                        format!("etcd member {}", m.name),
                        "runs on no node given to this command",
                        "give its control-plane host as HOST or in --inventory (role: control-plane)",
                    ));
                }
            }
            if !e.alarms.is_empty() {
                blockers.push(finding(
                    "etcd alarms",
                    e.alarms.join(", "),
                    "clear them first (NOSPACE: compact, defragment, etcdctl alarm disarm)",
                ));
            }
        }
    }
    let Some(current) = current else {
        blockers.push(finding(
            "kube-apiserver",
            "no API server version found on any control plane",
            "run on a control-plane node made by kforge init (--root for a staged one)",
        ));
        return Plan {
            current: None,
            target: req.target.map(|t| t.resolve(&[])),
            hops: vec![],
            etcd: None,
            point_of_no_return: "none".into(),
            steps: vec![],
            changes: vec![],
            blockers,
            warnings,
            inventory: inv,
        };
    };
    let target = match req.target {
        Some(t) => t.resolve(&apis),
        None => versions::find_release(current.major, current.minor + 1)
            .map(|r| {
                newest_kube_patch(r.version.minor, &apis)
                    .map_or(r.version, |patch| KubeVersion { patch, ..r.version })
            })
            .unwrap_or(current),
    };
    if let Err(e) = target.release() {
        // Beyond the table: one blocker, no hops towards releases kforge refuses.
        blockers.push(finding(
            format!("target {target}"),
            e.to_string(),
            "choose a supported version",
        ));
        return Plan {
            current: Some(current),
            target: Some(target),
            hops: vec![],
            etcd: None,
            point_of_no_return: "none".into(),
            steps: vec![],
            changes: vec![],
            blockers,
            warnings,
            inventory: inv,
        };
    }
    let seen: Vec<KubeVersion> = apis.clone();
    let hops_v = match skew::control_plane_hops(current, target, |m| newest_kube_patch(m, &seen)) {
        Ok(h) => h,
        Err(e) => {
            blockers.push(finding(
                format!("target {target}"),
                e,
                "choose a newer version",
            ));
            vec![]
        }
    };
    // A half-done earlier hop (API servers at two minors): finish it first.
    if let Some(newest) = newest_api {
        if newest.minor > current.minor && target.minor > newest.minor {
            blockers.push(finding(
                "control plane",
                format!("API servers run {current} and {newest}: an upgrade is half done"),
                format!("finish it first: kforge upgrade apply {newest}"),
            ));
        }
    }
    if req.apply {
        if let Err(e) = skew::control_plane_hop_ok(current, target) {
            blockers.push(finding(
                format!("target {target}"),
                e,
                format!("upgrade one minor at a time: kforge upgrade plan {target} lists the hops"),
            ));
        }
    }
    // Workers once at the end, when the kubelet window allows it.
    let worker_kubelets: Vec<KubeVersion> = inv
        .nodes
        .iter()
        .filter(|n| n.role == Role::Worker)
        .filter_map(|n| n.kubelet_version())
        .collect();
    let oldest_worker = worker_kubelets.iter().min().copied();
    let mut hops = Vec::new();
    for (i, h) in hops_v.iter().enumerate() {
        let last = i + 1 == hops_v.len();
        let next = hops_v.get(i + 1).copied();
        let workers = match (oldest_worker, next) {
            (None, _) => last,
            (_, None) => true,
            (Some(w), Some(n)) => !skew::workers_may_wait(w, n),
        };
        let workers = workers && !(req.skip_workers && req.apply && last);
        let etcd_tag = h.release().ok().map(|r| r.etcd_image_tag.to_string());
        hops.push(Hop {
            version: *h,
            etcd_image_tag: if last {
                req.etcd_image_tag.clone().or(etcd_tag)
            } else {
                etcd_tag
            },
            workers,
            command: format!(
                "kforge upgrade apply {h}{}",
                if workers { "" } else { " --skip-workers" }
            ),
        });
    }
    if req.apply && hops.len() > 1 {
        // Apply runs exactly one hop; the blocker above names why.
        hops.truncate(1);
    }
    // etcd for the next hop.
    let next = hops.first().cloned();
    let mut etcd_change = None;
    let mut point = "none: etcd's cluster version does not change in this hop".to_string();
    if let (Some(hop), Some(e)) = (&next, &inv.etcd) {
        let from = e.server_versions();
        let image_versions: Vec<EtcdVersion> = inv
            .control_planes()
            .filter_map(|n| {
                n.pod(components::ETCD.name)?
                    .version
                    .as_deref()?
                    .parse()
                    .ok()
            })
            .collect();
        if let Some(pin) = &req.pinned_etcd_tag {
            if req.etcd_image_tag.is_none() {
                blockers.push(finding(
                    "etcd image",
                    format!(
                        "the cluster configuration pins etcd's image tag to {pin}; kforge does not silently skip a pinned image"
                    ),
                    format!(
                        "give --etcd-image-tag {pin} to keep it, or --etcd-image-tag {} for {}'s default",
                        hop.etcd_image_tag.clone().unwrap_or_default(),
                        hop.version
                    ),
                ));
            }
        }
        if let Some(tag) = &hop.etcd_image_tag {
            match tag.parse::<EtcdVersion>() {
                Err(e) => blockers.push(finding(
                    "etcd image",
                    e,
                    "give --etcd-image-tag MAJOR.MINOR.PATCH[-N]",
                )),
                Ok(to) => {
                    let newest_image = image_versions.iter().max().copied();
                    let moves =
                        image_versions.iter().any(|v| *v < to) || from.iter().any(|v| *v < to);
                    if newest_image.is_some_and(|n| n > to) {
                        warnings.push(finding(
                            "etcd image",
                            format!("etcd already runs a newer image than {to}; it is kept (etcd is never downgraded)"),
                            "none needed",
                        ));
                    } else if moves {
                        if let Err(e) = skew::etcd_hop_ok(&from, to, newest_etcd_patch) {
                            blockers.push(finding("etcd", e, "upgrade etcd within its minor first: kforge upgrade apply <current version> --etcd-image-tag <newer patch>"));
                        }
                        let minor_change = from.iter().any(|v| v.minor < to.minor);
                        let order = etcd_order(&inv);
                        if minor_change {
                            point = format!(
                                "etcd's cluster version moves to {}.{} once the last member ({}) runs {to}; from then on etcd cannot be rolled back by binary: the way back is `kforge snapshot restore` of the snapshot taken before the upgrade",
                                to.major,
                                to.minor,
                                order.last().cloned().unwrap_or_default()
                            );
                        }
                        etcd_change = Some(EtcdChange {
                            from,
                            to,
                            image_tag: tag.clone(),
                            minor_change,
                            order,
                        });
                    }
                }
            }
        }
    }
    // Steps and diffs of the next hop.
    let mut steps = Vec::new();
    let mut changes = Vec::new();
    if let Some(hop) = &next {
        let tag = hop.version.to_string().replace('+', "_");
        if let Some(ec) = &etcd_change {
            for m in &ec.order {
                let node = node_of_member(&inv, m)
                    .map(|n| n.node.clone())
                    .unwrap_or_else(|| m.clone());
                let from = node_of_member(&inv, m)
                    .and_then(|n| n.pod(components::ETCD.name)?.version.clone());
                steps.push(PlannedStep {
                    phase: "etcd",
                    node,
                    component: components::ETCD.name,
                    from,
                    to: ec.to.to_string(),
                });
            }
        }
        for (phase, comps) in [
            ("kube-apiserver", &[components::KUBE_APISERVER][..]),
            (
                "controller-manager-scheduler",
                &[
                    components::KUBE_CONTROLLER_MANAGER,
                    components::KUBE_SCHEDULER,
                ][..],
            ),
        ] {
            for n in inv.control_planes() {
                for c in comps {
                    let from = n.pod(c.name).and_then(|p| p.version.clone());
                    if from.as_deref() == Some(tag.as_str()) {
                        continue;
                    }
                    steps.push(PlannedStep {
                        phase,
                        node: n.node.clone(),
                        component: c.name,
                        from,
                        to: hop.version.to_string(),
                    });
                }
            }
        }
        for (phase, role) in [
            ("control-plane-kubelets", Role::ControlPlane),
            ("workers", Role::Worker),
        ] {
            if role == Role::Worker && !hop.workers {
                continue;
            }
            for n in inv.nodes.iter().filter(|n| n.role == role) {
                if n.kubelet.is_none() || n.kubelet_version() == Some(hop.version) {
                    continue;
                }
                steps.push(PlannedStep {
                    phase,
                    node: n.node.clone(),
                    component: components::KUBELET.name,
                    from: n.kubelet.clone(),
                    to: hop.version.to_string(),
                });
            }
        }
        // The skew after this hop, for workers left behind.
        if !hop.workers {
            for n in inv.nodes.iter().filter(|n| n.role == Role::Worker) {
                if let Some(k) = n.kubelet_version() {
                    if let Err(e) = skew::check(components::KUBELET.name, k, &[hop.version]) {
                        blockers.push(finding(
                            format!("kubelet on {}", n.node),
                            format!("after {}: {e}", hop.version),
                            "upgrade the workers in this hop (without --skip-workers)",
                        ));
                    }
                }
            }
        }
        // Each manifest: the target rendered, the operator's edits merged on.
        let t = edit::Target {
            version: hop.version,
            etcd_tag: etcd_change.as_ref().map(|e| e.image_tag.as_str()),
            prefer: req.prefer,
        };
        for cn in nodes.iter().filter(|n| n.role == Role::ControlPlane) {
            for c in components::static_pods() {
                let path = crate::manifests::manifest_path(c);
                let Ok(Some(old)) = crate::node::read_string(&*cn.node, &path) else {
                    continue;
                };
                let shown = cn.node.real_path(&path).display().to_string();
                let merged = edit::local_of(nodes)
                    .ok_or_else(|| anyhow::anyhow!("no local node"))
                    .and_then(|local| edit::upgrade(local, &*cn.node, c, &old, &t));
                match merged {
                    Ok(u) => {
                        for x in &u.conflicts {
                            let (what, reason, fix) =
                                edit::conflict_finding(&cn.label, c, x, hop.version);
                            blockers.push(finding(what, reason, fix));
                        }
                        if u.changed(&old) {
                            changes.push(FileChange {
                                node: cn.label.clone(),
                                path: shown,
                                diff: edit::diff(&old, &u.text),
                                kept: u.kept,
                                resolved: u.resolved,
                                notes: u.notes,
                            });
                        }
                    }
                    Err(e) => blockers.push(finding(
                        format!("{} on {}", c.name, cn.label),
                        format!("cannot render and merge its manifest: {e:#}"),
                        "fix what the reason names, then re-run the plan",
                    )),
                }
            }
        }
        // The kubelet files of every node whose kubelet this hop upgrades.
        if let Ok(release) = crate::versions::find_release(hop.version.major, hop.version.minor) {
            for st in steps
                .iter()
                .filter(|s| s.component == components::KUBELET.name)
            {
                let Some(cn) = nodes.iter().find(|n| n.label == st.node) else {
                    continue;
                };
                let edits =
                    crate::kubelet::NodeFiles::read(&*cn.node).and_then(|f| f.for_release(release));
                match edits {
                    Ok(edits) => {
                        for (path, new) in edits {
                            let old = crate::node::read_string(&*cn.node, &path)
                                .ok()
                                .flatten()
                                .unwrap_or_default();
                            changes.push(FileChange {
                                node: cn.label.clone(),
                                path: cn.node.real_path(&path).display().to_string(),
                                diff: edit::diff(&old, &new),
                                ..Default::default()
                            });
                        }
                    }
                    Err(e) => blockers.push(finding(
                        format!("kubelet files on {}", cn.label),
                        format!("{e:#}"),
                        "put the file back in kubeadm's format, then re-run",
                    )),
                }
            }
        }
    }
    Plan {
        current: Some(current),
        target: Some(target),
        hops,
        etcd: etcd_change,
        point_of_no_return: point,
        steps,
        changes,
        blockers,
        warnings,
        inventory: inv,
    }
}

#[cfg(test)]
mod tests {
    use super::super::inventory::{Disk, StaticPod};
    use super::*;

    /// A one-node cluster whose control plane runs `version` (no etcd).
    fn inventory(version: &str, disk: Option<Disk>) -> Inventory {
        let pods = [
            components::KUBE_APISERVER,
            components::KUBE_CONTROLLER_MANAGER,
            components::KUBE_SCHEDULER,
        ]
        .iter()
        .map(|c| StaticPod {
            component: c.name,
            image: Some(format!("registry.k8s.io/{}:{version}", c.name)),
            version: Some(version.to_string()),
            observed: None,
            problem: None,
        })
        .collect();
        Inventory {
            nodes: vec![NodeInventory {
                node: "local".into(),
                role: Role::ControlPlane,
                etcd_member: None,
                static_pods: pods,
                kubelet: None,
                kubelet_problem: None,
                certificates: vec![],
                disk,
            }],
            etcd: None,
            health: vec![],
            unreachable: vec![],
        }
    }

    fn plan(version: &str, target: Option<&str>) -> Plan {
        let req = Request {
            target: target.map(|t| versions::Target::parse(t).unwrap()),
            ..Default::default()
        };
        make(inventory(version, None), &[], &req)
    }

    #[test]
    fn a_minor_word_is_its_newest_patch_and_a_node_already_there_has_nothing_to_do() {
        // v1.32 on v1.32.2: nothing to do, no downgrade.
        for word in ["v1.32", "1.32", "stable-1.32"] {
            let p = plan("v1.32.2", Some(word));
            assert_eq!(p.target.unwrap().to_string(), "v1.32.2", "{word}");
            assert!(p.hops.is_empty(), "{word}: {:?}", p.hops);
            assert!(p.blockers.is_empty(), "{word}: {:?}", p.blockers);
        }
        // From v1.31: one hop to the table's v1.32.
        let p = plan("v1.31.0", Some("v1.32"));
        assert_eq!(p.hops.len(), 1);
        assert_eq!(p.hops[0].version.to_string(), "v1.32.0");
        // stable: the table's newest, by one hop per minor.
        let p = plan("v1.35.0", Some("stable"));
        assert_eq!(p.target, Some(versions::newest().version));
        assert_eq!(
            p.hops.len() as u32,
            versions::newest().version.minor - 35,
            "{:?}",
            p.hops
        );
    }

    #[test]
    fn a_target_beyond_the_table_is_one_blocker_and_no_hops() {
        // The word is refused before a plan (Target::parse); a plan asked
        // for such a release anyway shows no hops towards it.
        let req = Request {
            target: Some(versions::Target::Exact(KubeVersion {
                major: 1,
                minor: 99,
                patch: 0,
            })),
            ..Default::default()
        };
        let p = make(inventory("v1.35.0", None), &[], &req);
        assert!(p.hops.is_empty(), "{:?}", p.hops);
        assert_eq!(p.blockers.len(), 1, "{:?}", p.blockers);
        assert!(p.blockers[0].reason.contains("not supported"));
        assert!(p.steps.is_empty());
    }

    #[test]
    fn too_little_disk_for_the_backups_is_a_blocker_naming_the_directory() {
        let disk = |avail: u64| {
            Some(Disk {
                dir: "/r/etc/kubernetes/tmp/kforge-upgrade".into(),
                available_bytes: Some(avail),
                needed_bytes: 40 << 20,
            })
        };
        let req = Request::default();
        let p = make(inventory("v1.31.0", disk(30 << 20)), &[], &req);
        let b: Vec<_> = p
            .blockers
            .iter()
            .filter(|b| b.what == "disk on local")
            .collect();
        assert_eq!(b.len(), 1, "{:?}", p.blockers);
        assert!(b[0].reason.contains("/r/etc/kubernetes/tmp/kforge-upgrade"));
        let p = make(inventory("v1.31.0", disk(50 << 20)), &[], &req);
        assert!(p.blockers.iter().all(|b| b.what != "disk on local"));
    }
}

#[cfg(test)]
mod make_tests;
