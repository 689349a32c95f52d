//! How the checks look at a node: everything goes through [`Node`], so a
//! probe works the same on this machine and over SSH. A staged node
//! (`--root`) has no processes of its own: binaries are looked for under
//! its root and run here.

use crate::node::{read_string, Node};
use crate::versions::KubeVersion;
use anyhow::Result;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

type Found = std::result::Result<String, String>;

pub(super) fn privileged(node: &dyn Node) -> Result<Found> {
    let out = node.run(&["id", "-u"])?;
    Ok(match out.stdout.trim() {
        "0" => Ok("running as root".into()),
        _ if !out.success() => Err(format!(
            "cannot tell the user (`id -u`: {})",
            out.stderr.trim()
        )),
        uid => Err(format!(
            "user is not running as root (uid {uid}): connect as root (join), or use --root DIR to stage a node unprivileged (init)"
        )),
    })
}

pub(super) fn cpus(node: &dyn Node) -> Result<Found> {
    let out = node.run(&["nproc"])?;
    let Ok(cpus) = out.stdout.trim().parse::<usize>() else {
        return Ok(Err(format!(
            "cannot count the CPUs (`nproc`: {:?})",
            out.stdout.trim()
        )));
    };
    Ok(if cpus >= 2 {
        Ok(format!("{cpus} CPUs"))
    } else {
        Err(format!(
            "the number of available CPUs {cpus} is less than the required 2"
        ))
    })
}

/// `None` when /proc/meminfo cannot be read (no check then, as before).
pub(super) fn memory(node: &dyn Node) -> Result<Option<Found>> {
    let Some(info) = read_string(node, Path::new("/proc/meminfo"))? else {
        return Ok(None);
    };
    let kb = info
        .lines()
        .find(|l| l.starts_with("MemTotal:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok());
    Ok(kb.map(|kb| {
        let mb = kb / 1024;
        if mb >= 1700 {
            Ok(format!("{mb} MB"))
        } else {
            Err(format!(
                "the system RAM ({mb} MB) is less than the minimum 1700 MB"
            ))
        }
    }))
}

/// Ports in LISTEN state, from the node's /proc/net/tcp and tcp6; `None`
/// when neither can be read.
pub(super) fn listening_ports(node: &dyn Node) -> Result<Option<BTreeSet<u16>>> {
    let mut ports = BTreeSet::new();
    let mut read_any = false;
    for f in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Some(text) = read_string(node, Path::new(f))? else {
            continue;
        };
        read_any = true;
        ports.extend(parse_proc_net_tcp(&text));
    }
    Ok(read_any.then_some(ports))
}

/// Local ports of the sockets in state 0A (LISTEN) of a /proc/net/tcp table.
fn parse_proc_net_tcp(text: &str) -> impl Iterator<Item = u16> + '_ {
    text.lines().skip(1).filter_map(|line| {
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.len() > 3 && cols[3] == "0A" {
            cols[1]
                .rsplit(':')
                .next()
                .and_then(|p| u16::from_str_radix(p, 16).ok())
        } else {
            None
        }
    })
}

/// What a directory's file system offers: writable, and KiB available.
pub struct DirSpace {
    pub dir: PathBuf,
    /// The directory, or its nearest existing ancestor, is writable.
    pub writable: bool,
    pub avail_kib: Option<u64>,
}

/// Writability and free space for each directory (or its nearest existing
/// ancestor, for one not made yet), in one command on the node.
pub fn dir_space(node: &dyn Node, dirs: &[&Path]) -> Result<Vec<DirSpace>> {
    const SCRIPT: &str = r#"for d in "$@"; do e=$d; while [ ! -e "$e" ]; do e=$(dirname "$e"); done; if [ -w "$e" ]; then w=1; else w=0; fi; a=$(df -Pk "$e" 2>/dev/null | awk 'NR==2{print $4}'); echo "$w ${a:--} $d"; done"#;
    let mut argv = vec!["sh", "-c", SCRIPT, "sh"];
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    argv.extend(names.iter().map(String::as_str));
    let out = node.run(&argv)?;
    Ok(out
        .stdout
        .lines()
        .filter_map(|l| {
            let mut f = l.splitn(3, ' ');
            let w = f.next()?;
            let a = f.next()?;
            let d = f.next()?;
            Some(DirSpace {
                dir: PathBuf::from(d),
                writable: w == "1",
                avail_kib: a.parse().ok(),
            })
        })
        .collect())
}

/// Where an executable is on the node, or why it is not found.
pub(super) fn binary(node: &dyn Node, exe: &str) -> Result<Found> {
    if node.root().is_some() {
        return Ok(find_binary(node, exe)
            .map(|p| p.display().to_string())
            .ok_or_else(|| format!("{exe} not found in system path")));
    }
    let out = node.run(&["sh", "-c", &format!("command -v {exe}")])?;
    Ok(if out.success() && !out.stdout.trim().is_empty() {
        Ok(out.stdout.trim().to_string())
    } else {
        Err(format!("{exe} not found in system path"))
    })
}

/// The kubelet's version on the node, or why there is none.
pub fn kubelet_version(node: &dyn Node) -> Result<std::result::Result<KubeVersion, String>> {
    let (ran, text) = if node.root().is_some() {
        let Some(path) = find_binary(node, "kubelet") else {
            return Ok(Err("kubelet not found in system path".into()));
        };
        match std::process::Command::new(&path).arg("--version").output() {
            Ok(o) => (true, String::from_utf8_lossy(&o.stdout).into_owned()),
            Err(e) => return Ok(Err(format!("running {} --version: {e}", path.display()))),
        }
    } else {
        let out = node.run(&[
            "sh",
            "-c",
            "command -v kubelet >/dev/null && kubelet --version",
        ])?;
        (out.success(), out.stdout)
    };
    if !ran || text.trim().is_empty() {
        return Ok(Err("kubelet not found in system path".into()));
    }
    Ok(text
        .split_whitespace()
        .find_map(|w| w.parse::<KubeVersion>().ok())
        .ok_or_else(|| {
            format!(
                "cannot read a version from `kubelet --version`: {:?}",
                text.trim()
            )
        }))
}

/// Finds an executable of a local node: PATH on this machine, the usual
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
    fn listening_sockets_only() {
        let t = "  sl  local_address rem_address   st tx_queue\n\
                   0: 00000000:19FF 00000000:0000 0A 00000000:00000000\n\
                   1: 0100007F:0050 0100007F:9C40 01 00000000:00000000\n";
        assert_eq!(parse_proc_net_tcp(t).collect::<Vec<_>>(), vec![0x19FF]);
    }
}
