//! A multi-host test bed on this machine (see shared/notes/testbed.md):
//! each node is a network namespace on a bridge in 198.18.0.0/24 running its
//! own sshd in private mount/UTS/PID namespaces, where /etc/kubernetes,
//! /var/lib/kubelet, /var/lib/etcd, /root and /usr/local/bin are the node's
//! own directories. kforge runs in the root namespace and reaches the nodes
//! over SSH exactly as it would reach real machines.
//!
//! Needs root. Only one test bed runs at a time (a file lock), since they
//! share the address range. Everything is torn down on drop, also on panic.

use super::{cmd, wait_until};
use std::fs::File;
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

const BRIDGE: &str = "kfbr0";
/// This machine on the bridge: the first control plane of every test bed cluster.
pub const CONTROL_PLANE_ADDR: &str = "198.18.0.1";
const BRIDGE_PREFIX: &str = "/24";
/// What a node's stand-in kubelet (or etcd runner) logs to, in its /var/lib/kubelet.
pub const STANDIN_LOG: &str = "standin-kubelet.log";
/// A user without root rights on every node (uid 4242, no sudo), who logs
/// in with the bed's key like root.
pub const TEST_USER: &str = "kfuser";
/// A second non-root user, without sudo rights.
pub const TEST_USER_NO_SUDO: &str = "kfnosudo";
const GUARDED: &[&str] = &["/etc/kubernetes", "/var/lib/kubelet", "/var/lib/etcd"];

pub struct TestNode {
    pub name: String,
    pub ns: String,
    pub addr: String,
    /// The node's own directories live under here.
    pub dir: PathBuf,
    launcher: Option<Child>,
}

/// `kforge init` of the first control plane into `root`: node `cp1` at
/// `version`, advertising [`CONTROL_PLANE_ADDR`], with `extra` flags.
pub fn init_control_plane(root: &Path, version: &str, extra: &[&str]) {
    super::kforge()
        .args(["init", "-q", "--root"])
        .arg(root)
        .args([
            "--kubernetes-version",
            version,
            "--apiserver-advertise-address",
            CONTROL_PLANE_ADDR,
            "--node-name",
            "cp1",
        ])
        .args(extra)
        .ok();
}

impl TestNode {
    /// What its stand-in kubelet (or etcd runner) logged so far.
    pub fn standin_log(&self) -> String {
        std::fs::read_to_string(self.var_lib_kubelet().join(STANDIN_LOG)).unwrap_or_default()
    }

    /// Where the node's /etc/kubernetes really is.
    pub fn etc_kubernetes(&self) -> PathBuf {
        self.dir.join("etc-kubernetes")
    }
    pub fn var_lib_kubelet(&self) -> PathBuf {
        self.dir.join("var-lib-kubelet")
    }
    pub fn var_lib_etcd(&self) -> PathBuf {
        self.dir.join("var-lib-etcd")
    }
    pub fn bin(&self) -> PathBuf {
        self.dir.join("bin")
    }
    /// Drops every reply the node sends to the bridge address (a blackhole
    /// route inside its namespace): a connection to it hangs, as to a host
    /// behind a firewall that drops packets.
    pub fn blackhole(&self) {
        sh(&[
            "ip",
            "netns",
            "exec",
            &self.ns,
            "ip",
            "route",
            "add",
            "blackhole",
            "198.18.0.1/32",
        ]);
    }
    /// Cuts every SSH connection to the node (kills its sshd sessions and
    /// their sftp-servers; the listening sshd stays, so later connections work).
    pub fn drop_connections(&self) {
        let Ok(out) = Command::new("ip")
            .args(["netns", "pids", &self.ns])
            .output()
        else {
            return;
        };
        for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            let cmdline = std::fs::read(format!("/proc/{pid}/cmdline"))
                .map(|b| String::from_utf8_lossy(&b).replace('\0', " "))
                .unwrap_or_default();
            // The listener runs with -D; its launcher is unshare.
            if cmdline.contains("sshd") && !cmdline.contains(" -D ")
                || cmdline.contains("sftp-server")
            {
                sh_quiet(&["kill", "-KILL", pid]);
            }
        }
    }
    /// Kills the node's sshd and everything started on it (a "crash").
    pub fn crash(&mut self) {
        kill_ns(&self.ns);
        if let Some(mut c) = self.launcher.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

pub struct Testbed {
    pub dir: tempfile::TempDir,
    pub nodes: Vec<TestNode>,
    /// Client key authorized on every node.
    pub key: PathBuf,
    /// known_hosts naming every node's host key.
    pub known_hosts: PathBuf,
    created: Vec<PathBuf>,
    guarded: Vec<PathBuf>,
    _lock: File,
}

fn sh(args: &[&str]) {
    let out = Command::new(args[0])
        .args(&args[1..])
        .output()
        .unwrap_or_else(|e| panic!("{args:?}: {e}"));
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn sh_quiet(args: &[&str]) {
    let _ = Command::new(args[0])
        .args(&args[1..])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
}

fn kill_ns(ns: &str) {
    if let Ok(out) = Command::new("ip").args(["netns", "pids", ns]).output() {
        for pid in String::from_utf8_lossy(&out.stdout).split_whitespace() {
            sh_quiet(&["kill", "-KILL", pid]);
        }
    }
}

fn ns_name(i: usize) -> String {
    format!("kfnode{i}")
}

/// Removes what a crashed earlier run may have left.
fn clean_leftovers() {
    if let Ok(out) = Command::new("ip").args(["netns", "list"]).output() {
        for line in String::from_utf8_lossy(&out.stdout).lines() {
            let ns = line.split_whitespace().next().unwrap_or("");
            if ns.starts_with("kfnode") {
                kill_ns(ns);
                sh_quiet(&["ip", "netns", "del", ns]);
            }
        }
    }
    sh_quiet(&["ip", "link", "del", BRIDGE]);
}

/// What a node's stand-in `kubelet --version` prints; `None`: no kubelet at all.
pub type KubeletVersion = Option<&'static str>;

impl Testbed {
    /// Brings up `kubelets.len()` nodes named node1..nodeN.
    pub fn up(kubelets: &[KubeletVersion]) -> Testbed {
        let lock = File::create(std::env::temp_dir().join("kforge-tests-testbed.lock")).unwrap();
        lock.lock().unwrap();
        super::tool("sshd");
        super::tool("ip");
        clean_leftovers();
        // Under /root? No: a root-only temp dir is enough, StrictModes is off.
        let dir = tempfile::Builder::new()
            .prefix("kforge-testbed-")
            .tempdir()
            .unwrap();
        let bed = dir.path().to_path_buf();
        let mut tb = Testbed {
            key: bed.join("id_ed25519"),
            known_hosts: bed.join("known_hosts"),
            dir,
            nodes: vec![],
            created: vec![],
            guarded: vec![],
            _lock: lock,
        };
        for p in GUARDED.iter().chain(["/run/sshd"].iter()) {
            let p = Path::new(p);
            if !p.exists() {
                std::fs::create_dir_all(p).unwrap();
                tb.created.push(p.to_path_buf());
            }
        }
        // Read-only guards: a mistake in a test cannot write the machine's real paths.
        for p in GUARDED {
            sh(&["mount", "--bind", p, p]);
            sh(&["mount", "-o", "remount,bind,ro", p]);
            tb.guarded.push(PathBuf::from(p));
        }
        sh(&[
            "ssh-keygen",
            "-q",
            "-t",
            "ed25519",
            "-N",
            "",
            "-f",
            tb.key.to_str().unwrap(),
        ]);
        std::fs::copy(bed.join("id_ed25519.pub"), bed.join("authorized_keys")).unwrap();
        sh(&["ip", "link", "add", BRIDGE, "type", "bridge"]);
        let bridge_addr = format!("{CONTROL_PLANE_ADDR}{BRIDGE_PREFIX}");
        sh(&["ip", "addr", "add", &bridge_addr, "dev", BRIDGE]);
        sh(&["ip", "link", "set", BRIDGE, "up"]);

        let mut hosts = String::from("127.0.0.1 localhost\n");
        for i in 1..=kubelets.len() {
            hosts.push_str(&format!("198.18.0.{} node{i}\n", 10 + i));
        }
        std::fs::write(bed.join("hosts"), &hosts).unwrap();
        // A non-root user on every node (the nodes' own /etc/passwd).
        let mut passwd = std::fs::read_to_string("/etc/passwd").unwrap();
        passwd.push_str(&format!(
            "{TEST_USER}:x:4242:4242:kforge test user:/root:/bin/sh\n\
             {TEST_USER_NO_SUDO}:x:4243:4243:kforge test user without sudo:/root:/bin/sh\n"
        ));
        std::fs::write(bed.join("passwd"), passwd).unwrap();
        // Their shadow entries (no password): sudo's PAM account check
        // refuses a user that has none.
        let mut shadow = std::fs::read_to_string("/etc/shadow").unwrap_or_default();
        for u in [TEST_USER, TEST_USER_NO_SUDO] {
            shadow.push_str(&format!("{u}:*:20000:0:99999:7:::\n"));
        }
        std::fs::write(bed.join("shadow"), shadow).unwrap();
        sh(&["chmod", "0640", bed.join("shadow").to_str().unwrap()]);
        // The nodes' own /etc/sudoers.d: passwordless sudo for TEST_USER only.
        super::tool("sudo");
        let sudoers = bed.join("sudoers.d");
        std::fs::create_dir_all(&sudoers).unwrap();
        let rule = sudoers.join("kforge-test");
        std::fs::write(&rule, format!("{TEST_USER} ALL=(ALL:ALL) NOPASSWD: ALL\n")).unwrap();
        sh(&["chmod", "0440", rule.to_str().unwrap()]);
        let mut known = String::new();
        for (idx, kubelet) in kubelets.iter().enumerate() {
            let i = idx + 1;
            let name = format!("node{i}");
            let ns = ns_name(i);
            let addr = format!("198.18.0.{}", 10 + i);
            let nd = bed.join(&name);
            for sub in [
                "etc-kubernetes",
                "var-lib-kubelet",
                "var-lib-etcd",
                "home",
                "bin",
            ] {
                std::fs::create_dir_all(nd.join(sub)).unwrap();
            }
            if let Some(version) = kubelet {
                let script = format!(
                    "#!/bin/sh\n# STAND-IN kubelet: there is no kubelet binary on these machines.\n\
                     # It only answers --version, so that join's preflight has something to check.\n\
                     case \"$1\" in --version) echo \"Kubernetes {version}\";; *) echo 'stand-in kubelet: only --version' >&2; exit 1;; esac\n"
                );
                let p = nd.join("bin/kubelet");
                std::fs::write(&p, script).unwrap();
                sh(&["chmod", "755", p.to_str().unwrap()]);
            }
            let hostkey = nd.join("ssh_host_ed25519_key");
            sh(&[
                "ssh-keygen",
                "-q",
                "-t",
                "ed25519",
                "-N",
                "",
                "-f",
                hostkey.to_str().unwrap(),
            ]);
            let pubkey = std::fs::read_to_string(nd.join("ssh_host_ed25519_key.pub")).unwrap();
            let mut parts = pubkey.split_whitespace();
            known.push_str(&format!(
                "{addr} {} {}\n",
                parts.next().unwrap(),
                parts.next().unwrap()
            ));
            std::fs::write(
                nd.join("sshd_config"),
                format!(
                    "Port 22\nListenAddress {addr}\nHostKey {}\nPidFile {}\nAuthorizedKeysFile {}\n\
                     PermitRootLogin prohibit-password\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                     UsePAM no\nUseDNS no\nStrictModes no\nMaxStartups 100:30:200\nSubsystem sftp /usr/lib/openssh/sftp-server\n",
                    hostkey.display(),
                    nd.join("sshd.pid").display(),
                    bed.join("authorized_keys").display()
                ),
            )
            .unwrap();
            sh(&["ip", "netns", "add", &ns]);
            let veth = format!("kfv{i}");
            sh(&[
                "ip",
                "link",
                "add",
                &veth,
                "type",
                "veth",
                "peer",
                "name",
                &format!("kfp{i}"),
            ]);
            sh(&["ip", "link", "set", &format!("kfp{i}"), "netns", &ns]);
            sh(&[
                "ip",
                "netns",
                "exec",
                &ns,
                "ip",
                "link",
                "set",
                &format!("kfp{i}"),
                "name",
                "eth0",
            ]);
            sh(&["ip", "link", "set", &veth, "master", BRIDGE, "up"]);
            sh(&[
                "ip",
                "netns",
                "exec",
                &ns,
                "ip",
                "addr",
                "add",
                &format!("{addr}/24"),
                "dev",
                "eth0",
            ]);
            sh(&[
                "ip", "netns", "exec", &ns, "ip", "link", "set", "eth0", "up",
            ]);
            sh(&["ip", "netns", "exec", &ns, "ip", "link", "set", "lo", "up"]);
            // As on a prepared Kubernetes node (a new namespace starts with 0);
            // join's preflight checks it.
            sh(&[
                "ip",
                "netns",
                "exec",
                &ns,
                "sh",
                "-c",
                "echo 1 > /proc/sys/net/ipv4/ip_forward",
            ]);
            let script = format!(
                "set -e; hostname {name}; \
                 mount --bind {d}/etc-kubernetes /etc/kubernetes; \
                 mount --bind {d}/var-lib-kubelet /var/lib/kubelet; \
                 mount --bind {d}/var-lib-etcd /var/lib/etcd; \
                 mount --bind {bed}/hosts /etc/hosts; \
                 mount --bind {bed}/passwd /etc/passwd; \
                 mount --bind {bed}/shadow /etc/shadow; \
                 mount --bind {bed}/sudoers.d /etc/sudoers.d; \
                 mount --bind {d}/home /root; \
                 mount --bind {d}/bin /usr/local/bin; \
                 exec /usr/sbin/sshd -D -e -f {d}/sshd_config",
                d = nd.display(),
                bed = bed.display()
            );
            let log = File::create(nd.join("sshd.log")).unwrap();
            let launcher = Command::new("ip")
                .args([
                    "netns",
                    "exec",
                    &ns,
                    "unshare",
                    "--mount",
                    "--propagation",
                    "private",
                    "--uts",
                    "--pid",
                    "--fork",
                    "--kill-child",
                    "--mount-proc",
                    "sh",
                    "-c",
                    &script,
                ])
                .stdin(Stdio::null())
                .stdout(log.try_clone().unwrap())
                .stderr(log)
                .spawn()
                .unwrap();
            tb.nodes.push(TestNode {
                name,
                ns,
                addr,
                dir: nd,
                launcher: Some(launcher),
            });
        }
        std::fs::write(&tb.known_hosts, known).unwrap();
        for n in &tb.nodes {
            let up = wait_until(Duration::from_secs(15), || {
                TcpStream::connect_timeout(
                    &format!("{}:22", n.addr).parse().unwrap(),
                    Duration::from_millis(300),
                )
                .is_ok()
            });
            assert!(
                up,
                "sshd on {} did not start:\n{}",
                n.name,
                std::fs::read_to_string(n.dir.join("sshd.log")).unwrap_or_default()
            );
        }
        tb
    }

    /// Runs a shell command on a node with the system's ssh client.
    pub fn ssh(&self, node: &TestNode, command: &str) -> super::Cmd {
        cmd("ssh")
            .arg("-i")
            .arg(&self.key)
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", self.known_hosts.display()))
            .args([
                "-o",
                "StrictHostKeyChecking=yes",
                "-o",
                "BatchMode=yes",
                "-o",
                "ConnectTimeout=5",
            ])
            .arg(format!("root@{}", node.addr))
            .arg(command)
    }

    /// `kforge join` flags that reach this bed's nodes.
    /// `kforge join` from the control plane at `root` to these nodes:
    /// their SSH flags, `ssh_timeout`, and no container runtime check
    /// (the nodes have none).
    pub fn join(&self, root: &Path, ssh_timeout: &str) -> super::Cmd {
        super::kforge()
            .args([
                "join",
                "--ssh-timeout",
                ssh_timeout,
                "--ignore-preflight-errors",
                "CRI",
                "--root",
            ])
            .arg(root)
            .args(self.ssh_flags())
    }

    /// Starts a STAND-IN etcd runner in node `n`: once the shell test
    /// `[ until ]` holds, it runs the node's etcd.yaml with the real etcd
    /// copied to the node's /usr/local/bin.
    pub fn standin_etcd(&self, n: &TestNode, until: &str) {
        std::fs::copy(super::etcd35("etcd"), n.bin().join("etcd")).unwrap();
        let kforge_dev = super::kforge_dev_path();
        let kforge_dev = kforge_dev.display();
        self.ssh(
            n,
            &format!(
                "setsid -f sh -c 'until [ {until} ]; do sleep 0.2; done; exec {kforge_dev} run-static-pod etcd --binary /usr/local/bin/etcd' >/var/lib/kubelet/{STANDIN_LOG} 2>&1 </dev/null"
            ),
        )
        .ok();
    }

    /// The stand-in logs of `nodes`, for failure messages.
    pub fn standin_logs(nodes: &[TestNode]) -> String {
        nodes
            .iter()
            .map(|n| format!("--- {} stand-in kubelet ---\n{}", n.name, n.standin_log()))
            .collect::<Vec<_>>()
            .join("\n")
    }

    pub fn ssh_flags(&self) -> Vec<String> {
        vec![
            "--ssh-key".into(),
            self.key.display().to_string(),
            "--known-hosts".into(),
            self.known_hosts.display().to_string(),
        ]
    }
}

impl Drop for Testbed {
    fn drop(&mut self) {
        for n in &mut self.nodes {
            n.crash();
            sh_quiet(&["ip", "netns", "del", &n.ns]);
        }
        for i in 1..=self.nodes.len() {
            sh_quiet(&["ip", "link", "del", &format!("kfv{i}")]);
        }
        sh_quiet(&["ip", "link", "del", BRIDGE]);
        // This machine reaps slowly; the guards can only go once nothing uses them.
        for p in self.guarded.iter().rev() {
            let gone = wait_until(Duration::from_secs(10), || {
                Command::new("umount")
                    .arg(p)
                    .status()
                    .map(|s| s.success())
                    .unwrap_or(false)
            });
            if !gone {
                eprintln!("warning: could not unmount the guard on {}", p.display());
            }
        }
        for p in self.created.iter().rev() {
            let _ = std::fs::remove_dir(p);
        }
    }
}
