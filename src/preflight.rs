//! kubeadm's preflight checks that make sense for kforge, with kubeadm's
//! check names (so `--ignore-preflight-errors` takes the same words).
//!
//! With `--root DIR` the node is a directory, not this machine: file checks
//! look under DIR, and checks of the running host (user, CPUs, memory, ports,
//! binaries, container runtime) become warnings, because a staged node
//! legitimately differs from the machine that stages it.

use crate::components;
use crate::install::Installer;
use crate::node::{read_string, Node};
use crate::paths;
use crate::spec::ClusterSpec;
use anyhow::Result;
use serde::Serialize;
use std::net::{IpAddr, Ipv4Addr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};

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

struct Ctx<'a> {
    spec: &'a ClusterSpec,
    staged: bool,
    out: Vec<CheckResult>,
}

impl Ctx<'_> {
    fn push(&mut self, name: String, level: Level, result: std::result::Result<String, String>) {
        let (passed, message) = match result {
            Ok(m) => (true, m),
            Err(m) => (false, m),
        };
        let ignored = !passed && self.spec.ignores(&name);
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

/// Runs every check; returns them all (callers decide what is fatal).
pub fn run(spec: &ClusterSpec, inst: &Installer) -> Result<Vec<CheckResult>> {
    let node = inst.node();
    let mut c = Ctx {
        spec,
        staged: node.root().is_some(),
        out: Vec::new(),
    };

    if !c.staged {
        // SAFETY: geteuid has no preconditions.
        let euid = unsafe { libc::geteuid() };
        c.push(
            "IsPrivilegedUser".into(),
            Level::Error,
            if euid == 0 {
                Ok("running as root".into())
            } else {
                Err(
                    "user is not running as root (or use --root DIR to stage a node unprivileged)"
                        .into(),
                )
            },
        );
        let cpus = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1);
        c.push(
            "NumCPU".into(),
            Level::Error,
            if cpus >= 2 {
                Ok(format!("{cpus} CPUs"))
            } else {
                Err(format!(
                    "the number of available CPUs {cpus} is less than the required 2"
                ))
            },
        );
        if let Some(mb) = mem_total_mb() {
            c.push(
                "Mem".into(),
                Level::Error,
                if mb >= 1700 {
                    Ok(format!("{mb} MB"))
                } else {
                    Err(format!(
                        "the system RAM ({mb} MB) is less than the minimum 1700 MB"
                    ))
                },
            );
        }
    }

    // Ports this node's components will listen on.
    let ports = components::preflight_ports(true, spec.local_etcd().is_some(), spec.bind_port);
    let level = c.host_level();
    for p in ports {
        let r = port_free(p);
        c.push(format!("Port-{p}"), level, r);
    }

    // Manifests kforge would write: present and not ours means someone else's node.
    for comp in components::static_pods() {
        if comp.name == "etcd" && spec.local_etcd().is_none() {
            continue;
        }
        let path = Path::new(paths::MANIFESTS_DIR).join(comp.manifest.unwrap_or_default());
        let r = if !node.exists(&path)? {
            Ok("absent".into())
        } else if inst.owns(&path)? {
            Ok("written by kforge earlier; will be regenerated".into())
        } else {
            Err(format!(
                "{} already exists",
                node.real_path(&path).display()
            ))
        };
        c.push(path_check_name("FileAvailable-", &path), Level::Error, r);
    }

    if let Some(etcd) = spec.local_etcd() {
        let dir = Path::new(&etcd.data_dir);
        let entries = node.list_dir(dir)?;
        let r = if entries.is_empty() {
            Ok("empty or absent".into())
        } else {
            Err(format!("{} is not empty", node.real_path(dir).display()))
        };
        c.push(path_check_name("DirAvailable-", dir), Level::Error, r);
    }

    match read_string(node, Path::new("/proc/swaps"))? {
        Some(swaps) => {
            let active = swaps
                .lines()
                .skip(1)
                .filter(|l| !l.trim().is_empty())
                .count();
            c.push(
                "Swap".into(),
                Level::Warning,
                if active == 0 { Ok("no swap".into()) } else { Err(format!("swap is on ({active} device(s)); the kubelet needs swap off or failSwapOn: false")) },
            );
        }
        None if !c.staged => c.push(
            "Swap".into(),
            Level::Warning,
            Err("/proc/swaps is unreadable".into()),
        ),
        None => {}
    }

    let uses_v4 =
        spec.advertise_address.is_ipv4() || spec.service_subnets.iter().any(|n| n.addr().is_ipv4());
    if uses_v4 {
        let p = Path::new("/proc/sys/net/ipv4/ip_forward");
        match read_string(node, p)? {
            Some(v) => c.push(
                path_check_name("FileContent-", p),
                Level::Error,
                if v.trim() == "1" {
                    Ok("1".into())
                } else {
                    Err(format!("{} contents are not set to 1", p.display()))
                },
            ),
            None if !c.staged => c.push(
                path_check_name("FileContent-", p),
                Level::Error,
                Err(format!("{} does not exist", p.display())),
            ),
            None => {}
        }
    }

    for exe in ["mount", "nsenter"] {
        let found = find_binary(node, exe);
        let level = c.host_level();
        c.push(
            format!("FileExisting-{exe}"),
            level,
            found
                .map(|p| p.display().to_string())
                .ok_or_else(|| format!("{exe} not found in system path")),
        );
    }

    if let Some(sock) = spec.cri_socket.strip_prefix("unix://") {
        let level = c.host_level();
        let r = if node.exists(Path::new(sock))? {
            Ok(format!("{sock} present"))
        } else {
            Err(format!("container runtime socket {sock} not found: is containerd (or CRI-O) installed and running?"))
        };
        c.push("CRI".into(), level, r);
    }

    let kubelet = find_binary(node, "kubelet");
    let level = c.host_level();
    let r = match &kubelet {
        None => Err("kubelet not found in system path".to_string()),
        Some(path) => kubelet_version_check(path, spec),
    };
    c.push("KubeletVersion".into(), level, r);

    Ok(c.out)
}

fn kubelet_version_check(path: &Path, spec: &ClusterSpec) -> std::result::Result<String, String> {
    let out = std::process::Command::new(path)
        .arg("--version")
        .output()
        .map_err(|e| format!("running {} --version: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&out.stdout);
    let v = text
        .split_whitespace()
        .find_map(|w| w.parse::<crate::versions::KubeVersion>().ok())
        .ok_or_else(|| {
            format!(
                "cannot read a version from `{} --version`: {text:?}",
                path.display()
            )
        })?;
    crate::versions::skew::kubelet_ok(v, spec.kubernetes_version)?;
    Ok(format!("kubelet {v}"))
}

fn port_free(port: u16) -> std::result::Result<String, String> {
    let addr = SocketAddr::new(IpAddr::V4(Ipv4Addr::UNSPECIFIED), port);
    match TcpListener::bind(addr) {
        Ok(_) => Ok(format!("port {port} is free")),
        Err(e) if e.kind() == std::io::ErrorKind::AddrInUse => {
            Err(format!("Port {port} is in use"))
        }
        // Unprivileged users may not bind low ports; that is not "in use".
        Err(e) => Ok(format!("port {port} not checked: {e}")),
    }
}

fn mem_total_mb() -> Option<u64> {
    let info = std::fs::read_to_string("/proc/meminfo").ok()?;
    let kb: u64 = info
        .lines()
        .find(|l| l.starts_with("MemTotal:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()?;
    Some(kb / 1024)
}

/// Finds an executable on the node: PATH on the real machine, the usual
/// system directories under `--root`.
pub fn find_binary(node: &dyn Node, exe: &str) -> Option<PathBuf> {
    let dirs: Vec<PathBuf> = match node.root() {
        None => std::env::var_os("PATH")
            .map(|p| std::env::split_paths(&p).collect())
            .unwrap_or_default(),
        Some(_) => [
            "/usr/local/sbin",
            "/usr/local/bin",
            "/usr/sbin",
            "/usr/bin",
            "/sbin",
            "/bin",
        ]
        .iter()
        .map(|d| node.real_path(Path::new(d)))
        .collect(),
    };
    dirs.into_iter()
        .map(|d| d.join(exe))
        .find(|p| is_executable(p))
}

fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p)
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
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
}
