//! THE preflight check library: kubeadm's checks that make sense for kforge,
//! with kubeadm's check names (so `--ignore-preflight-errors` takes the same
//! words), run on any [`Node`] – the machine kforge runs on for `init`, a
//! host over SSH for `join`. The [`Role`] chooses the checks; [`Ignore`] is
//! the one ignore rule.
//!
//! With `--root DIR` the node is a directory, not a machine (it is *staged*):
//! file checks look under DIR, and checks of the running host (user, CPUs,
//! memory, binaries, container runtime) become warnings or are skipped,
//! because a staged node legitimately differs from the machine that stages it.
//!
//! Listening ports are read from the node's `/proc/net/tcp` and `tcp6`
//! (through the node, so the same probe works locally and over SSH); a
//! staged node has none, and its ports are not checked.

mod ignore;
mod probe;
pub use probe::{dir_space, kubelet_version, DirSpace};

pub use ignore::Ignore;
pub use probe::find_binary;

use crate::components;
use crate::install::Installer;
use crate::node::Node;
use crate::paths;
use crate::spec::ClusterSpec;
use crate::versions::{skew, KubeVersion};
use anyhow::Result;
use serde::Serialize;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
}

#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub name: String,
    pub passed: bool,
    pub level: Level,
    /// What was found (for failures), or what was checked.
    pub message: String,
    /// Failed, but named in `--ignore-preflight-errors`.
    pub ignored: bool,
}

impl CheckResult {
    pub fn is_fatal(&self) -> bool {
        !self.passed && self.level == Level::Error && !self.ignored
    }
}

/// Free space a node's directories need: the files kforge writes are small,
/// so this only catches a full file system before a write fails half-way.
pub const MIN_FREE_KIB: u64 = 10 * 1024;

/// What the node is about to become; chooses the checks.
///
/// | check | control plane | worker | upgrade |
/// |---|---|---|---|
/// | IsPrivilegedUser | x | x | x |
/// | NumCPU, Mem | x | | |
/// | Port-N (component table) | every component's | kubelet's | |
/// | FileAvailable-- manifests, DirAvailable-- etcd data | x | | |
/// | DirWritable--, FreeSpace-- (/etc/kubernetes, /var/lib/kubelet, etcd data) | x | x | |
/// | Swap (warning), CRI | x | x | x |
/// | FileContent-- ip_forward, FileExisting-mount/nsenter, KubeletVersion | x | x | |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    ControlPlane,
    Worker,
    /// An existing node about to be upgraded in place.
    Upgrade,
}

/// The node to check and what it is to become.
pub struct Target<'a> {
    pub node: &'a dyn Node,
    pub role: Role,
    /// The control plane's Kubernetes version (the kubelet's skew is checked against it).
    pub kubernetes_version: KubeVersion,
    /// The kubelet's CRI endpoint on the node (`unix://…`).
    pub cri_socket: &'a str,
    /// The API server's port on this node (a control plane's configured bind port).
    pub apiserver_port: u16,
    /// The data directory of this node's stacked etcd, if it runs one.
    pub etcd_data_dir: Option<&'a Path>,
    /// Whether the cluster uses IPv4 (then ip_forward must be on).
    pub ipv4: bool,
    /// kforge's ledger on the node: files kforge wrote there earlier are not in the way.
    pub ledger: Option<&'a Installer<'a>>,
    /// This node's etcd already runs as a learner of the cluster being
    /// joined (an interrupted join started it; this run promotes it): its
    /// ports, manifest and data are that learner's, not in the way.
    pub etcd_learner_running: bool,
}

impl<'a> Target<'a> {
    /// The control-plane node `kforge init` sets up, from its spec.
    pub fn init(spec: &'a ClusterSpec, inst: &'a Installer<'a>) -> Target<'a> {
        Target {
            node: inst.node(),
            role: Role::ControlPlane,
            kubernetes_version: spec.kubernetes_version,
            cri_socket: &spec.cri_socket,
            apiserver_port: spec.bind_port,
            etcd_data_dir: spec.local_etcd().map(|e| Path::new(&e.data_dir)),
            ipv4: uses_ipv4(spec),
            ledger: Some(inst),
            etcd_learner_running: false,
        }
    }
}

/// Whether a cluster spec uses IPv4 (advertise address or a service subnet).
pub fn uses_ipv4(spec: &ClusterSpec) -> bool {
    spec.advertise_address.is_ipv4() || spec.service_subnets.iter().any(|n| n.addr().is_ipv4())
}

/// `init`'s preflight: every control-plane check on the local node.
pub fn run(spec: &ClusterSpec, inst: &Installer) -> Result<Vec<CheckResult>> {
    check(
        &Target::init(spec, inst),
        &Ignore::new(&spec.ignore_preflight_errors),
    )
}

/// The ports a node of this role will listen on, from the component table
/// (the API server's from the configuration, which may override the table's).
pub fn ports(role: Role, apiserver_port: u16, local_etcd: bool) -> Vec<u16> {
    let mut ports = Vec::new();
    if role == Role::ControlPlane {
        ports.extend([
            apiserver_port,
            components::KUBE_SCHEDULER.health_port(),
            components::KUBE_CONTROLLER_MANAGER.health_port(),
        ]);
    }
    if role != Role::Upgrade {
        ports.push(components::KUBELET_HTTPS.number);
    }
    if role == Role::ControlPlane && local_etcd {
        ports.push(components::ETCD_CLIENT.number);
        ports.push(components::ETCD_PEER.number);
    }
    ports
}

/// Every check name `--ignore-preflight-errors` can name on a node with the
/// default settings (completion offers them; any name is accepted): built
/// from the same tables and paths the checks below use, `all` first.
pub fn known_check_names() -> Vec<String> {
    let mut names: Vec<String> = [
        "all",
        "IsPrivilegedUser",
        "NumCPU",
        "Mem",
        "Swap",
        "CRI",
        "KubeletVersion",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let apiserver = components::APISERVER_HTTPS.number;
    for role in [Role::ControlPlane, Role::Worker] {
        for p in ports(role, apiserver, true) {
            names.push(format!("Port-{p}"));
        }
    }
    for comp in components::static_pods() {
        let path = Path::new(paths::MANIFESTS_DIR).join(comp.manifest.unwrap_or_default());
        names.push(path_check_name("FileAvailable-", &path));
    }
    let etcd = Path::new(paths::ETCD_DATA_DIR);
    names.push(path_check_name("DirAvailable-", etcd));
    for d in [
        Path::new(paths::KUBERNETES_DIR),
        Path::new(paths::KUBELET_DIR),
        etcd,
    ] {
        names.push(path_check_name("DirWritable-", d));
        names.push(path_check_name("FreeSpace-", d));
    }
    names.push(path_check_name("FileContent-", Path::new(IP_FORWARD)));
    for exe in REQUIRED_EXECUTABLES {
        names.push(format!("FileExisting-{exe}"));
    }
    names.dedup();
    names
}

/// Executables a new node needs (`FileExisting-<name>`).
const REQUIRED_EXECUTABLES: [&str; 2] = ["mount", "nsenter"];
const IP_FORWARD: &str = "/proc/sys/net/ipv4/ip_forward";

struct Ctx<'a> {
    ignore: &'a Ignore,
    staged: bool,
    out: Vec<CheckResult>,
}

type Found = std::result::Result<String, String>;

impl Ctx<'_> {
    fn push(&mut self, name: impl Into<String>, level: Level, result: Found) {
        let name = name.into();
        let (passed, message) = match result {
            Ok(m) => (true, m),
            Err(m) => (false, m),
        };
        let ignored = !passed && self.ignore.covers(&name);
        self.out.push(CheckResult {
            name,
            passed,
            level,
            message,
            ignored,
        });
    }

    /// Host checks are errors on a real node and warnings when staged.
    fn host_level(&self) -> Level {
        if self.staged {
            Level::Warning
        } else {
            Level::Error
        }
    }
}

/// kubeadm's check name for a path: `/etc/kubernetes/x.yaml` -> `-etc-kubernetes-x.yaml`.
pub fn path_check_name(prefix: &str, path: &Path) -> String {
    format!("{prefix}{}", path.display().to_string().replace('/', "-"))
}

/// Runs the role's checks on the node; returns them all, ignored failures
/// marked (callers decide what to do with fatal ones).
pub fn check(t: &Target, ignore: &Ignore) -> Result<Vec<CheckResult>> {
    let node = t.node;
    let cp = t.role == Role::ControlPlane;
    let mut c = Ctx {
        ignore,
        staged: node.root().is_some(),
        out: Vec::new(),
    };

    // The directories whose writability and free space are checked.
    let mut dirs = vec![
        Path::new(paths::KUBERNETES_DIR),
        Path::new(paths::KUBELET_DIR),
    ];
    if cp {
        dirs.extend(t.etcd_data_dir);
    }
    // A real node answers every probe in one round trip.
    let facts = if c.staged {
        None
    } else {
        Some(probe::Facts::gather(node, &dirs)?)
    };
    let facts = facts.as_ref();

    if !c.staged {
        c.push(
            "IsPrivilegedUser",
            Level::Error,
            probe::privileged(node, facts)?,
        );
        if cp {
            c.push("NumCPU", Level::Error, probe::cpus(node, facts)?);
            if let Some(r) = probe::memory(node, facts)? {
                c.push("Mem", Level::Error, r);
            }
        }
    }

    let ports = ports(t.role, t.apiserver_port, t.etcd_data_dir.is_some());
    if !ports.is_empty() {
        let listening = probe::listening_ports(node, facts)?;
        let level = c.host_level();
        for p in ports {
            let etcd_port = [components::ETCD_CLIENT.number, components::ETCD_PEER.number];
            let r = match &listening {
                _ if t.etcd_learner_running && etcd_port.contains(&p) => Ok(format!(
                    "port {p} is this node's etcd learner's (an interrupted join started it)"
                )),
                None if c.staged => Ok(format!(
                    "port {p} not checked: a staged node has no ports of its own"
                )),
                None => Err("cannot read /proc/net/tcp on the node".into()),
                Some(l) if l.contains(&p) => Err(format!("Port {p} is in use")),
                Some(_) => Ok(format!("port {p} is free")),
            };
            c.push(format!("Port-{p}"), level, r);
        }
    }

    if cp {
        // Manifests kforge would write: present and not ours means someone else's node.
        for comp in components::static_pods() {
            if comp.name == components::ETCD.name && t.etcd_data_dir.is_none() {
                continue;
            }
            let path = Path::new(paths::MANIFESTS_DIR).join(comp.manifest.unwrap_or_default());
            let owned = match t.ledger {
                Some(l) => l.owns(&path)?,
                None => false,
            };
            let r = if !node.exists(&path)? {
                Ok("absent".into())
            } else if t.etcd_learner_running && comp.name == components::ETCD.name {
                Ok("this node's etcd learner runs from it (an interrupted join wrote it)".into())
            } else if owned {
                Ok("written by kforge earlier; will be regenerated".into())
            } else {
                Err(format!(
                    "{} already exists",
                    node.real_path(&path).display()
                ))
            };
            c.push(path_check_name("FileAvailable-", &path), Level::Error, r);
        }
        if let Some(dir) = t.etcd_data_dir {
            let r = if node.list_dir(dir)?.is_empty() {
                Ok("empty or absent".into())
            } else if t.etcd_learner_running {
                Ok("holds this node's etcd learner's data".into())
            } else {
                Err(format!("{} is not empty", node.real_path(dir).display()))
            };
            c.push(path_check_name("DirAvailable-", dir), Level::Error, r);
        }
    }

    if !c.staged && t.role != Role::Upgrade {
        // A read-only or full file system fails mid-write otherwise.
        for d in probe::dir_space_probed(node, &dirs, facts)? {
            c.push(
                path_check_name("DirWritable-", &d.dir),
                Level::Error,
                if d.writable {
                    Ok(format!("{} is writable", d.dir.display()))
                } else {
                    Err(format!(
                        "{} is not writable (read-only file system?)",
                        d.dir.display()
                    ))
                },
            );
            let r = match d.avail_kib {
                Some(kib) if kib < MIN_FREE_KIB => Err(format!(
                    "{} has {} KiB free; at least {} KiB are needed",
                    d.dir.display(),
                    kib,
                    MIN_FREE_KIB
                )),
                Some(kib) => Ok(format!("{} MiB free", kib / 1024)),
                None => Ok("free space not known (no df)".into()),
            };
            c.push(path_check_name("FreeSpace-", &d.dir), Level::Error, r);
        }
    }

    match probe::read_file(node, facts, "/proc/swaps")? {
        Some(swaps) => {
            let active = swaps
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .count();
            c.push(
                "Swap",
                Level::Warning,
                if active == 0 { Ok("no swap".into()) } else { Err(format!("swap is on ({active} device(s)); the kubelet needs swap off or failSwapOn: false")) },
            );
        }
        None if !c.staged => c.push(
            "Swap",
            Level::Warning,
            Err("/proc/swaps is unreadable".into()),
        ),
        None => {}
    }

    let new_node = t.role != Role::Upgrade;
    if new_node && t.ipv4 {
        let p = Path::new(IP_FORWARD);
        let name = path_check_name("FileContent-", p);
        match probe::read_file(node, facts, IP_FORWARD)? {
            Some(v) => c.push(
                name,
                Level::Error,
                if v.trim() == "1" {
                    Ok("1".into())
                } else {
                    Err(format!("{} contents are not set to 1", p.display()))
                },
            ),
            None if !c.staged => c.push(
                name,
                Level::Error,
                Err(format!("{} does not exist", p.display())),
            ),
            None => {}
        }
    }

    if new_node {
        for exe in REQUIRED_EXECUTABLES {
            let level = c.host_level();
            let r = probe::binary(node, exe, facts)?;
            c.push(format!("FileExisting-{exe}"), level, r);
        }
    }

    if let Some(sock) = t.cri_socket.strip_prefix("unix://").or_else(|| {
        // A bare path is a socket path too.
        t.cri_socket.starts_with('/').then_some(t.cri_socket)
    }) {
        let level = c.host_level();
        let r = if node.exists(Path::new(sock))? {
            Ok(format!("{sock} present"))
        } else {
            Err(format!("container runtime socket {sock} not found: is containerd (or CRI-O) installed and running?"))
        };
        c.push("CRI", level, r);
    }

    if new_node {
        let level = c.host_level();
        let r = match probe::kubelet_version_probed(node, facts)? {
            Ok(v) => skew::kubelet_ok(v, t.kubernetes_version).map(|_| format!("kubelet {v}")),
            Err(e) => Err(e),
        };
        c.push("KubeletVersion", level, r);
    }

    Ok(c.out)
}

/// The one check a node that is already set up still needs before kforge
/// changes its files: that it can write them (the SSH user is root; kforge
/// does not use sudo).
pub fn check_privileged(node: &dyn Node, ignore: &Ignore) -> Result<Vec<CheckResult>> {
    let mut c = Ctx {
        ignore,
        staged: node.root().is_some(),
        out: Vec::new(),
    };
    if !c.staged {
        c.push(
            "IsPrivilegedUser",
            Level::Error,
            probe::privileged(node, None)?,
        );
    }
    Ok(c.out)
}

/// The fatal failures as one line, or `None` when none is fatal.
pub fn fatal_summary(checks: &[CheckResult]) -> Option<String> {
    let fatal: Vec<String> = checks
        .iter()
        .filter(|c| c.is_fatal())
        .map(|c| format!("[ERROR {}]: {}", c.name, c.message))
        .collect();
    (!fatal.is_empty()).then(|| fatal.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubeadm_style_names() {
        assert_eq!(
            path_check_name(
                "FileAvailable-",
                Path::new("/etc/kubernetes/manifests/etcd.yaml")
            ),
            "FileAvailable--etc-kubernetes-manifests-etcd.yaml"
        );
        assert_eq!(
            path_check_name("DirAvailable-", Path::new("/var/lib/etcd")),
            "DirAvailable--var-lib-etcd"
        );
    }

    #[test]
    fn the_role_chooses_the_ports_from_the_table() {
        let kubelet = components::KUBELET_HTTPS.number;
        assert_eq!(ports(Role::Worker, 6443, false), vec![kubelet]);
        assert!(ports(Role::Upgrade, 6443, true).is_empty());
        let cp = ports(Role::ControlPlane, 7443, true);
        assert!(cp.contains(&7443) && cp.contains(&kubelet));
        assert!(cp.contains(&components::ETCD_PEER.number));
        assert!(!ports(Role::ControlPlane, 6443, false).contains(&components::ETCD_CLIENT.number));
    }

    #[test]
    fn staged_node_checks_files_under_its_root_only() {
        let dir = tempfile::tempdir().unwrap();
        let node = crate::node::LocalNode::new(Some(dir.path().to_path_buf()));
        let inst = Installer::new(&node, false).unwrap();
        let m = Path::new(paths::MANIFESTS_DIR).join("kube-scheduler.yaml");
        node.write_atomic(&m, b"someone else's\n", 0o600).unwrap();
        let t = Target {
            node: &node,
            role: Role::ControlPlane,
            kubernetes_version: "v1.35.0".parse().unwrap(),
            cri_socket: "unix:///run/containerd/containerd.sock",
            apiserver_port: 6443,
            etcd_data_dir: None,
            ipv4: true,
            ledger: Some(&inst),
            etcd_learner_running: false,
        };
        let name = path_check_name("FileAvailable-", &m);
        let r = check(&t, &Ignore::default()).unwrap();
        let f = r.iter().find(|c| c.name == name).unwrap();
        assert!(f.is_fatal(), "{f:?}");
        // Host checks on a staged node are never fatal.
        assert!(
            r.iter().filter(|c| c.name != name).all(|c| !c.is_fatal()),
            "{r:#?}"
        );
        let r = check(&t, &Ignore::new([name.to_uppercase()])).unwrap();
        assert!(fatal_summary(&r).is_none(), "{r:#?}");
    }
}
