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

/// Files and command outputs of a node, gathered in one round trip (one
/// `sh -c` on the node) instead of a command or read per check: over SSH
/// each command is a channel, a shell and a process on the remote side.
/// `None` for a staged node, whose probes look under its root instead.
#[derive(Debug, Default)]
pub(super) struct Facts {
    /// Section name -> (exit status, output).
    sections: std::collections::HashMap<String, (i32, String)>,
}

/// Files the checks read, gathered with the commands.
const FACT_FILES: &[&str] = &[
    "/proc/net/tcp",
    "/proc/net/tcp6",
    "/proc/swaps",
    "/proc/meminfo",
    "/proc/sys/net/ipv4/ip_forward",
];

/// Begin/end markers around each probe's output; `$1` of `e` is the
/// section, `$2` its exit status.
const FACTS_PRELUDE: &str = r#"s() { printf '@@kforge-begin %s\n' "$1"; }; e() { printf '\n@@kforge-end %s %s\n' "$1" "$2"; }; "#;

impl Facts {
    /// Runs every probe on the node in one command; `dirs` are the
    /// directories whose writability and free space are checked.
    pub(super) fn gather(node: &dyn Node, dirs: &[&Path]) -> Result<Facts> {
        let mut script = String::from(FACTS_PRELUDE);
        script.push_str("s uid; id -u 2>&1; e uid $?; ");
        script.push_str("s nproc; nproc 2>&1; e nproc $?; ");
        for f in FACT_FILES {
            script.push_str(&format!("s file:{f}; cat {f} 2>/dev/null; e file:{f} $?; "));
        }
        for exe in ["mount", "nsenter"] {
            script.push_str(&format!(
                "s which:{exe}; command -v {exe}; e which:{exe} $?; "
            ));
        }
        script.push_str(
            "s kubelet; command -v kubelet >/dev/null && kubelet --version 2>/dev/null; e kubelet $?; ",
        );
        script.push_str(&format!("s dirs; {DIR_SPACE}; e dirs $?"));
        let mut argv = vec!["sh", "-c", script.as_str(), "sh"];
        let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        argv.extend(names.iter().map(String::as_str));
        let out = node.run(&argv)?;
        Ok(Facts::parse(&out.stdout))
    }

    fn parse(text: &str) -> Facts {
        let mut facts = Facts::default();
        let mut current: Option<(String, Vec<&str>)> = None;
        for line in text.lines() {
            if let Some(name) = line.strip_prefix("@@kforge-begin ") {
                current = Some((name.to_string(), Vec::new()));
            } else if let Some(rest) = line.strip_prefix("@@kforge-end ") {
                let Some((name, mut lines)) = current.take() else {
                    continue;
                };
                let rc = rest
                    .rsplit(' ')
                    .next()
                    .and_then(|r| r.parse().ok())
                    .unwrap_or(-1);
                // The end marker starts with a newline of its own.
                if lines.last() == Some(&"") {
                    lines.pop();
                }
                let mut body = lines.join("\n");
                if !body.is_empty() {
                    body.push('\n');
                }
                facts.sections.insert(name, (rc, body));
            } else if let Some((_, lines)) = current.as_mut() {
                lines.push(line);
            }
        }
        facts
    }

    fn get(&self, name: &str) -> Option<&(i32, String)> {
        self.sections.get(name)
    }
}

/// A probe's command output: from the facts when gathered, else run on the node.
fn output(
    node: &dyn Node,
    facts: Option<&Facts>,
    name: &str,
    argv: &[&str],
) -> Result<(bool, String, String)> {
    if let Some((rc, text)) = facts.and_then(|f| f.get(name)) {
        return Ok((*rc == 0, text.clone(), text.clone()));
    }
    if facts.is_some() {
        anyhow::bail!("{}: the preflight probes gave no {name:?}", node.describe());
    }
    let out = node.run(argv)?;
    Ok((out.success(), out.stdout, out.stderr))
}

/// A file the checks read: from the facts when gathered, else read from the node.
pub(super) fn read_file(
    node: &dyn Node,
    facts: Option<&Facts>,
    path: &str,
) -> Result<Option<String>> {
    if let Some((rc, text)) = facts.and_then(|f| f.get(&format!("file:{path}"))) {
        return Ok((*rc == 0).then(|| text.clone()));
    }
    read_string(node, Path::new(path))
}

pub(super) fn privileged(node: &dyn Node, facts: Option<&Facts>) -> Result<Found> {
    let (ok, stdout, stderr) = output(node, facts, "uid", &["id", "-u"])?;
    Ok(match stdout.trim() {
        "0" => Ok("running as root".into()),
        _ if !ok => Err(format!(
            "cannot tell the user (`id -u`: {})",
            stderr.trim()
        )),
        uid => Err(format!(
            "user is not running as root (uid {uid}): kforge writes the node's files as the SSH user; connect as root (join: --ssh-user root or the inventory's user:), give --ssh-sudo to work through passwordless sudo, or use --root DIR to stage a node unprivileged (init)"
        )),
    })
}

pub(super) fn cpus(node: &dyn Node, facts: Option<&Facts>) -> Result<Found> {
    let (_, stdout, _) = output(node, facts, "nproc", &["nproc"])?;
    let Ok(cpus) = stdout.trim().parse::<usize>() else {
        return Ok(Err(format!(
            "cannot count the CPUs (`nproc`: {:?})",
            stdout.trim()
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
pub(super) fn memory(node: &dyn Node, facts: Option<&Facts>) -> Result<Option<Found>> {
    let Some(info) = read_file(node, facts, "/proc/meminfo")? else {
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
pub(super) fn listening_ports(
    node: &dyn Node,
    facts: Option<&Facts>,
) -> Result<Option<BTreeSet<u16>>> {
    let mut ports = BTreeSet::new();
    let mut read_any = false;
    for f in ["/proc/net/tcp", "/proc/net/tcp6"] {
        let Some(text) = read_file(node, facts, f)? else {
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
/// Writability and free space of each directory given as an argument.
const DIR_SPACE: &str = r#"for d in "$@"; do x=$d; while [ ! -e "$x" ]; do x=$(dirname "$x"); done; if [ -w "$x" ]; then w=1; else w=0; fi; a=$(df -Pk "$x" 2>/dev/null | awk 'NR==2{print $4}'); echo "$w ${a:--} $d"; done"#;

pub fn dir_space(node: &dyn Node, dirs: &[&Path]) -> Result<Vec<DirSpace>> {
    dir_space_probed(node, dirs, None)
}

/// As [`dir_space`], from the facts probed in one round trip when given.
pub(super) fn dir_space_probed(
    node: &dyn Node,
    dirs: &[&Path],
    facts: Option<&Facts>,
) -> Result<Vec<DirSpace>> {
    let names: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
    let mut argv = vec!["sh", "-c", DIR_SPACE, "sh"];
    argv.extend(names.iter().map(String::as_str));
    let (_, stdout, _) = output(node, facts, "dirs", &argv)?;
    Ok(stdout
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
pub(super) fn binary(node: &dyn Node, exe: &str, facts: Option<&Facts>) -> Result<Found> {
    if let Some(root) = node.root() {
        return Ok(find_binary(node, exe)
            .map(|p| p.display().to_string())
            .ok_or_else(|| not_under_root(exe, root)));
    }
    let line = format!("command -v {exe}");
    let (ok, stdout, _) = output(node, facts, &format!("which:{exe}"), &["sh", "-c", &line])?;
    Ok(if ok && !stdout.trim().is_empty() {
        Ok(stdout.trim().to_string())
    } else {
        Err(format!("{exe} not found in system path"))
    })
}

/// The kubelet's version on the node, or why there is none.
pub fn kubelet_version(node: &dyn Node) -> Result<std::result::Result<KubeVersion, String>> {
    kubelet_version_probed(node, None)
}

/// As [`kubelet_version`], from the facts probed in one round trip when given.
pub(super) fn kubelet_version_probed(
    node: &dyn Node,
    facts: Option<&Facts>,
) -> Result<std::result::Result<KubeVersion, String>> {
    let (ran, text) = if node.root().is_some() {
        let Some(path) = find_binary(node, "kubelet") else {
            return Ok(Err(not_under_root(
                "kubelet",
                node.root().unwrap_or(Path::new("/")),
            )));
        };
        match std::process::Command::new(&path).arg("--version").output() {
            Ok(o) => (true, String::from_utf8_lossy(&o.stdout).into_owned()),
            Err(e) => return Ok(Err(format!("running {} --version: {e}", path.display()))),
        }
    } else {
        let (ok, stdout, _) = output(
            node,
            facts,
            "kubelet",
            &[
                "sh",
                "-c",
                "command -v kubelet >/dev/null && kubelet --version",
            ],
        )?;
        (ok, stdout)
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
/// Under `--root`, binaries are looked for in the staged node's system
/// directories, not in this machine's: say so, or "not found" misleads.
fn not_under_root(exe: &str, root: &Path) -> String {
    format!(
        "{exe} not found under --root {} (looked in {}/{{usr/local/sbin,usr/local/bin,usr/sbin,usr/bin,sbin,bin}})",
        root.display(),
        root.display().to_string().trim_end_matches('/')
    )
}

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
    fs_err::metadata(p)
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

    #[test]
    fn facts_of_one_round_trip_are_split_by_their_markers() {
        let text = "@@kforge-begin uid\n0\n\n@@kforge-end uid 0\n\
                    @@kforge-begin file:/proc/swaps\n\n@@kforge-end file:/proc/swaps 1\n\
                    @@kforge-begin which:mount\n/usr/bin/mount\n@@kforge-end which:mount 0\n\
                    @@kforge-begin dirs\nno newline\n@@kforge-end dirs 0\n";
        let f = Facts::parse(text);
        assert_eq!(f.get("uid"), Some(&(0, "0\n".to_string())));
        assert_eq!(f.get("file:/proc/swaps"), Some(&(1, String::new())));
        assert_eq!(f.get("dirs"), Some(&(0, "no newline\n".to_string())));
        // The whole script runs on a local node too.
        let node = crate::node::LocalNode::new(None);
        let f = Facts::gather(&node, &[Path::new("/tmp/kforge-no-such-dir/x")]).unwrap();
        assert_eq!(f.get("nproc").unwrap().0, 0);
        assert!(f.get("file:/proc/meminfo").unwrap().1.contains("MemTotal"));
        let d =
            dir_space_probed(&node, &[Path::new("/tmp/kforge-no-such-dir/x")], Some(&f)).unwrap();
        assert_eq!(d.len(), 1);
        assert!(d[0].writable && d[0].avail_kib.is_some());
    }
}
