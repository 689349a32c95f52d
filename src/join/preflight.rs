//! Checks on a host before it joins, with kubeadm's check names.

use super::hosts::{Host, Role};
use crate::components;
use crate::node::{read_string, Node};
use crate::preflight::{CheckResult, Level};
use crate::versions::{skew, KubeVersion};
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::Path;

fn result(
    name: &str,
    level: Level,
    r: std::result::Result<String, String>,
    ignore: &BTreeSet<String>,
) -> CheckResult {
    let (passed, message) = match r {
        Ok(m) => (true, m),
        Err(m) => (false, m),
    };
    let ignored =
        !passed && (ignore.contains("all") || ignore.contains(&name.to_ascii_lowercase()));
    CheckResult {
        name: name.to_string(),
        passed,
        level,
        message,
        ignored,
    }
}

/// Ports in LISTEN state, from /proc/net/tcp and tcp6 of the host.
fn listening_ports(node: &dyn Node) -> Result<BTreeSet<u16>> {
    let mut ports = BTreeSet::new();
    for f in ["/proc/net/tcp", "/proc/net/tcp6"] {
        if let Some(text) = read_string(node, Path::new(f))? {
            for line in text.lines().skip(1) {
                let cols: Vec<&str> = line.split_whitespace().collect();
                if cols.len() > 3 && cols[3] == "0A" {
                    if let Some(port) = cols[1]
                        .rsplit(':')
                        .next()
                        .and_then(|p| u16::from_str_radix(p, 16).ok())
                    {
                        ports.insert(port);
                    }
                }
            }
        }
    }
    Ok(ports)
}

/// The kubelet's version on the host, or why there is none.
fn kubelet_version(node: &dyn Node) -> Result<std::result::Result<KubeVersion, String>> {
    let out = node.run(&["sh", "-c", "command -v kubelet && kubelet --version"])?;
    if !out.success() || out.stdout.trim().is_empty() {
        return Ok(Err("kubelet not found in the host's PATH".into()));
    }
    Ok(out
        .stdout
        .split_whitespace()
        .find_map(|w| w.parse::<KubeVersion>().ok())
        .ok_or_else(|| {
            format!(
                "cannot read a version from `kubelet --version`: {:?}",
                out.stdout.trim()
            )
        }))
}

pub fn run(
    node: &dyn Node,
    host: &Host,
    control_plane: KubeVersion,
    ignore: &BTreeSet<String>,
) -> Result<Vec<CheckResult>> {
    let mut out = Vec::new();
    out.push(result(
        "KubeletVersion",
        Level::Error,
        match kubelet_version(node)? {
            Ok(v) => skew::kubelet_ok(v, control_plane).map(|_| format!("kubelet {v}")),
            Err(e) => Err(e),
        },
        ignore,
    ));
    let sock = host
        .cri_socket
        .strip_prefix("unix://")
        .unwrap_or(&host.cri_socket);
    out.push(result(
        "CRI",
        Level::Error,
        if node.exists(Path::new(sock))? {
            Ok(format!("{sock} present"))
        } else {
            Err(format!("container runtime socket {sock} not found: is containerd (or CRI-O) installed and running?"))
        },
        ignore,
    ));
    let swaps = read_string(node, Path::new("/proc/swaps"))?.unwrap_or_default();
    let active = swaps
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .count();
    out.push(result(
        "Swap",
        Level::Warning,
        if active == 0 {
            Ok("no swap".into())
        } else {
            Err(format!("swap is on ({active} device(s))"))
        },
        ignore,
    ));
    let listening = listening_ports(node)?;
    let control_plane = host.role == Role::ControlPlane;
    let ports = components::preflight_ports(
        control_plane,
        control_plane,
        components::APISERVER_HTTPS.number,
    );
    for p in ports {
        out.push(result(
            &format!("Port-{p}"),
            Level::Error,
            if listening.contains(&p) {
                Err(format!("Port {p} is in use"))
            } else {
                Ok(format!("port {p} is free"))
            },
            ignore,
        ));
    }
    if host.role == Role::ControlPlane {
        let dir = Path::new(crate::paths::ETCD_DATA_DIR);
        out.push(result(
            &crate::preflight::path_check_name("DirAvailable-", dir),
            Level::Error,
            if node.list_dir(dir)?.is_empty() {
                Ok("empty".into())
            } else {
                Err(format!("{} is not empty", dir.display()))
            },
            ignore,
        ));
    }
    Ok(out)
}
