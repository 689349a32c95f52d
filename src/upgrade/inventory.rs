//! What runs where, asked of each node and component: the static pods'
//! images on every control plane, each kubelet's `--version`, each etcd
//! member's own `etcdserver` and `etcdcluster` versions and status, health
//! (the `health` checks on this node, each component's own endpoints on
//! the others), certificate expiry and free disk for the backups.

use super::probe::{self, EtcdView, Observed, Reach};
use super::ClusterNode;
use crate::components;
use crate::join::hosts::Role;
use crate::node::Node;
use crate::pki::PkiSettings;
use crate::versions::{EtcdVersion, KubeVersion};
use serde::Serialize;
use std::path::Path;
use time::OffsetDateTime;

/// One static pod on one node.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StaticPod {
    pub component: &'static str,
    pub image: Option<String>,
    /// The image's tag, when it is a version.
    pub version: Option<String>,
    /// What the component itself says (health, `/version`); etcd is in [`Inventory::etcd`].
    #[serde(skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CertExpiry {
    pub name: String,
    /// RFC 3339.
    pub not_after: String,
    pub days_left: i64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disk {
    pub dir: String,
    pub available_bytes: Option<u64>,
    /// What the backups of this run need there (etcd snapshot on this node,
    /// copies of the replaced files).
    pub needed_bytes: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeInventory {
    pub node: String,
    pub role: Role,
    /// etcd's `--name` on this node (stacked etcd).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etcd_member: Option<String>,
    pub static_pods: Vec<StaticPod>,
    /// `kubelet --version` on the node.
    pub kubelet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kubelet_problem: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<CertExpiry>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub disk: Option<Disk>,
}

impl NodeInventory {
    pub fn pod(&self, component: &str) -> Option<&StaticPod> {
        self.static_pods.iter().find(|p| p.component == component)
    }
    pub fn version_of(&self, component: &str) -> Option<KubeVersion> {
        self.pod(component)?.version.as_deref()?.parse().ok()
    }
    pub fn kubelet_version(&self) -> Option<KubeVersion> {
        self.kubelet.as_deref()?.parse().ok()
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EtcdInventory {
    pub members: Vec<probe::MemberState>,
    pub alarms: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl EtcdInventory {
    /// Each started member's server version.
    pub fn server_versions(&self) -> Vec<EtcdVersion> {
        self.members
            .iter()
            .filter_map(|m| m.server.as_deref()?.parse().ok())
            .collect()
    }
    /// The cluster version, as the members report it (the lowest).
    pub fn cluster_version(&self) -> Option<EtcdVersion> {
        self.members
            .iter()
            .filter_map(|m| m.cluster.as_deref()?.parse().ok())
            .min()
    }
    pub fn leader(&self) -> Option<&probe::MemberState> {
        self.members.iter().find(|m| m.is_leader)
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Inventory {
    pub nodes: Vec<NodeInventory>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub etcd: Option<EtcdInventory>,
    /// `kforge health` on this node (failed and warning checks only).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub health: Vec<crate::health::Check>,
    /// Hosts that could not be reached.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unreachable: Vec<(String, String)>,
}

impl Inventory {
    /// Every API server's version (from its image).
    pub fn apiservers(&self) -> Vec<KubeVersion> {
        self.nodes
            .iter()
            .filter_map(|n| n.version_of(components::KUBE_APISERVER.name))
            .collect()
    }
    pub fn control_planes(&self) -> impl Iterator<Item = &NodeInventory> {
        self.nodes.iter().filter(|n| n.role == Role::ControlPlane)
    }
}

/// The version a Kubernetes image tag names (`v1.32.0`), if any.
pub fn tag_version(image: &str) -> Option<String> {
    let tag = crate::image::ImageRef::parse(image).tag;
    let tag = tag?.replace('_', "+");
    tag.parse::<KubeVersion>()
        .ok()
        .filter(|_| tag.starts_with('v'))
        .map(|_| tag)
}

fn static_pods(r: Reach, with_health: bool) -> (Vec<StaticPod>, Option<String>) {
    let mut out = Vec::new();
    let mut etcd_name = None;
    for c in components::static_pods() {
        let pod = match crate::staticpod::read(r.node, c.name) {
            Ok(p) => p,
            Err(e) => {
                if c.name != components::ETCD.name
                    || r.node
                        .exists(Path::new(crate::paths::ETCD_MANIFEST))
                        .unwrap_or(false)
                {
                    out.push(StaticPod {
                        component: c.name,
                        image: None,
                        version: None,
                        observed: None,
                        problem: Some(format!("{e:#}")),
                    });
                }
                continue;
            }
        };
        let image = pod.container().ok().map(|c| c.image.clone());
        let version = if c.name == components::ETCD.name {
            etcd_name = pod.flag("name");
            image
                .as_deref()
                .and_then(|i| crate::image::ImageRef::parse(i).tag)
                .and_then(|t| t.parse::<EtcdVersion>().ok())
                .map(|v| v.to_string())
        } else {
            image.as_deref().and_then(tag_version)
        };
        let observed = (with_health && c.name != components::ETCD.name)
            .then(|| probe::observe_component(r, &pod));
        out.push(StaticPod {
            component: c.name,
            problem: version.is_none().then(|| {
                format!(
                    "image {:?} does not name a version",
                    image.clone().unwrap_or_default()
                )
            }),
            image,
            version,
            observed,
        });
    }
    (out, etcd_name)
}

/// kubeadm's certificates and kubeconfigs on a control plane, soonest first.
fn certificates(node: &dyn Node, pki: &PkiSettings, now: OffsetDateTime) -> Vec<CertExpiry> {
    let mut out: Vec<CertExpiry> = crate::certs::scan(node, pki)
        .unwrap_or_default()
        .into_iter()
        .map(|f| CertExpiry {
            days_left: (f.cert.not_after - now).whole_days(),
            name: f.name,
            not_after: crate::output::rfc3339_ms(f.cert.not_after),
        })
        .collect();
    out.sort_by_key(|c| c.days_left);
    out
}

/// Bytes the backups need on a node: the etcd database (snapshot, on the
/// node that takes it) and the files replaced.
fn disk(node: &dyn Node, snapshot_bytes: u64) -> Option<Disk> {
    let dir = Path::new(crate::paths::UPGRADE_BACKUPS);
    // The node's own path: mapped under a local --root (the command runs on
    // this machine), as is over SSH (it runs on the host).
    let measured = node.real_path(dir);
    let space = crate::preflight::dir_space(node, &[&measured]).ok()?;
    let s = space.first()?;
    Some(Disk {
        dir: node.real_path(dir).display().to_string(),
        available_bytes: s.avail_kib.map(|k| k * 1024),
        // Manifests and a kubelet config are a few KiB each; the etcd
        // snapshot is as large as the database, and it is written once.
        needed_bytes: snapshot_bytes + 64 * 1024,
    })
}

/// The size of the local etcd's database file, for the snapshot it needs.
fn etcd_db_bytes(node: &dyn Node) -> u64 {
    let Ok(pod) = crate::staticpod::read(node, components::ETCD.name) else {
        return 0;
    };
    let dir = pod
        .flag("data-dir")
        .unwrap_or_else(|| crate::paths::ETCD_DATA_DIR.into());
    let db = Path::new(&dir).join("member/snap/db");
    fs_err::metadata(node.real_path(&db))
        .map(|m| m.len())
        .unwrap_or(0)
}

/// Everything about the cluster an upgrade decides on.
pub fn gather(
    nodes: &[ClusterNode],
    unreachable: Vec<(String, String)>,
    pki: &PkiSettings,
    with_health: bool,
) -> Inventory {
    let now = OffsetDateTime::now_utc();
    let local = nodes.iter().find(|n| n.local).map(|n| n.node.clone());
    let per_node: Vec<NodeInventory> = std::thread::scope(|s| {
        let handles: Vec<_> = nodes
            .iter()
            .map(|n| {
                s.spawn(move || {
                    let r = Reach {
                        node: &*n.node,
                        local: n.local,
                    };
                    let cp = n.role == Role::ControlPlane;
                    let (pods, etcd_member) = if cp {
                        static_pods(r, with_health)
                    } else {
                        (vec![], None)
                    };
                    let (kubelet, kubelet_problem) =
                        match crate::preflight::kubelet_version(&*n.node) {
                            Ok(Ok(v)) => (Some(v.to_string()), None),
                            Ok(Err(e)) => (None, Some(e)),
                            Err(e) => (None, Some(format!("{e:#}"))),
                        };
                    let snapshot = if n.local { etcd_db_bytes(&*n.node) } else { 0 };
                    NodeInventory {
                        node: n.label.clone(),
                        role: n.role,
                        etcd_member,
                        static_pods: pods,
                        kubelet,
                        kubelet_problem,
                        certificates: if cp {
                            certificates(&*n.node, pki, now)
                        } else {
                            vec![]
                        },
                        disk: disk(&*n.node, snapshot),
                    }
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("inventory thread"))
            .collect()
    });
    let etcd = local.as_ref().and_then(|l| {
        let pod = crate::staticpod::read(&**l, components::ETCD.name).ok()?;
        let mut endpoints = vec![crate::etcd::client::local_client_url()];
        if let Some(adv) = pod.flag("advertise-client-urls") {
            endpoints.extend(adv.split(',').map(String::from));
        }
        endpoints.dedup();
        Some(match probe::etcd_view(&**l, &pki.cert_dir, &endpoints) {
            Ok(EtcdView { members, alarms }) => EtcdInventory {
                members,
                alarms,
                problem: None,
            },
            Err(e) => EtcdInventory {
                members: vec![],
                alarms: vec![],
                problem: Some(format!("{e:#}")),
            },
        })
    });
    let health = match (&local, with_health) {
        (Some(l), true) => {
            let s = crate::health::Settings {
                node: &**l,
                pki: pki.clone(),
                only: vec![],
                timeout: std::time::Duration::from_secs(3),
                warn_expiry: time::Duration::days(30),
                etcd_client_cert: None,
            };
            crate::health::run(&s)
                .into_iter()
                .filter(|c| c.status >= crate::health::Status::Warn)
                .collect()
        }
        _ => vec![],
    };
    Inventory {
        nodes: per_node,
        etcd,
        health,
        unreachable,
    }
}
