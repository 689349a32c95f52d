//! A whole cluster on the namespace test bed for the upgrade test and
//! benchmark: this machine is the first control plane (`--root`, on the
//! bridge address 198.18.0.1), two nodes are joined as stacked control
//! planes with `kforge join --control-plane`, the rest as workers. Every
//! control plane runs the stand-in kubelet (`kforge-dev kubelet`; inside
//! the node for the joined ones), with the v1.31 and v1.32 etcd images
//! mapped onto the given real etcd binaries. Workers have the test bed's
//! stand-in `kubelet --version` script.

use super::kubelet::{etcd_image, StandInKubelet};
use super::testbed::Testbed;
use super::{kforge, wait_until, Cmd};
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const ENDPOINTS: [&str; 3] = [
    "https://198.18.0.1:2379",
    "https://198.18.0.11:2379",
    "https://198.18.0.12:2379",
];

/// Stamps the workers' stand-in `kubelet --version` with the new version
/// (the test bed's kubelet is a script; a real node would install a package).
pub const KUBELET_UPGRADE: &str =
    "sed -i 's/Kubernetes v[0-9.]*/Kubernetes v{version}/' /usr/local/bin/kubelet";

/// `upgrade apply` to v1.32 of the whole test bed (the words after `upgrade`).
pub const APPLY_V1_32: &[&str] = &[
    "apply",
    "v1.32",
    "--yes",
    "-o",
    "json",
    "--ignore-preflight-errors",
    "CRI",
    "--kubelet-upgrade-command",
    KUBELET_UPGRADE,
];

pub struct Cluster {
    // Dropped in this order: kubelets and nodes before the directories.
    pub local: StandInKubelet,
    pub tb: Testbed,
    pub root: PathBuf,
    pub dir: tempfile::TempDir,
    pub old: (String, PathBuf),
    pub new: (String, PathBuf),
}

/// `/version` of an etcd member over mTLS (curl), if it answers within 1 s.
pub fn etcd_version(pki: &Path, ep: &str) -> Option<serde_json::Value> {
    let (out, _) = super::cmd(super::tool("curl"))
        .args(["-sS", "--max-time", "1", "--cacert"])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join("etcd/healthcheck-client.crt"))
        .arg("--key")
        .arg(pki.join("etcd/healthcheck-client.key"))
        .arg(format!("{ep}/version"))
        .output();
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

impl Cluster {
    /// Nodes: cp1 (here), cp2, cp3 and `workers` workers, at v1.31, etcd
    /// from `old_etcd`; the v1.32 etcd image runs `new_etcd`.
    pub fn up(workers: usize, old_etcd: &Path, new_etcd: &Path) -> Cluster {
        let tb = Testbed::up(&vec![Some("v1.31.0"); 2 + workers]);
        let dir = super::tempdir();
        let root = dir.path().join("cp1");
        super::testbed::init_control_plane(&root, "v1.31", &[]);
        let old = (etcd_image("v1.31"), old_etcd.to_path_buf());
        let new = (etcd_image("v1.32"), new_etcd.to_path_buf());
        let local = StandInKubelet::start(&root, &[old.clone(), new.clone()]);
        local.wait_healthy("etcd,apiserver,controller-manager,scheduler");
        let kforge_dev = super::kforge_dev_path();
        let kforge_dev = kforge_dev.display();
        for n in &tb.nodes[..2] {
            let script = format!(
                "setsid -f {kforge_dev} kubelet --root / --log-dir /var/lib/kubelet/pod-logs --image-binary {}={} --image-binary {}={} >/var/lib/kubelet/{} 2>&1 </dev/null",
                old.0,
                old.1.display(),
                new.0,
                new.1.display(),
                super::testbed::STANDIN_LOG
            );
            tb.ssh(n, &script).ok();
        }
        let c = Cluster {
            local,
            tb,
            root,
            dir,
            old,
            new,
        };
        let (res, d) = c
            .join()
            .args(["--control-plane", "cp2=198.18.0.11", "cp3=198.18.0.12"])
            .output();
        assert!(res.status.success(), "{d}\n{}", c.logs());
        if workers > 0 {
            let ws = c.workers();
            let (res, d) = c.join().args(&ws).output();
            assert!(res.status.success(), "{d}");
        }
        let pki = c.pki();
        for ep in ENDPOINTS {
            assert!(
                wait_until(Duration::from_secs(30), || etcd_version(&pki, ep).is_some()),
                "{ep} does not answer\n{}",
                c.logs()
            );
        }
        c
    }

    fn join(&self) -> Cmd {
        self.tb
            .join(&self.root, "5s")
            .args(["-o", "json", "--etcd-promote-timeout", "90s"])
    }

    /// `wN=198.18.0.X` of every worker.
    pub fn workers(&self) -> Vec<String> {
        self.tb.nodes[2..]
            .iter()
            .enumerate()
            .map(|(i, n)| format!("w{}={}", i + 1, n.addr))
            .collect()
    }

    pub fn pki(&self) -> PathBuf {
        self.root.join("etc/kubernetes/pki")
    }

    /// `kforge upgrade ARGS --root … <ssh flags>` with every node as an
    /// inventory file (roles given).
    pub fn upgrade(&self, args: &[&str]) -> Cmd {
        let inv = self.dir.path().join("hosts.yaml");
        let mut text = String::from("apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n");
        text.push_str("- {name: cp2, address: 198.18.0.11, role: control-plane}\n");
        text.push_str("- {name: cp3, address: 198.18.0.12, role: control-plane}\n");
        for w in self.workers() {
            let (name, addr) = w.split_once('=').unwrap();
            text.push_str(&format!(
                "- {{name: {name}, address: {addr}, role: worker}}\n"
            ));
        }
        std::fs::write(&inv, text).unwrap();
        kforge()
            .arg("upgrade")
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .args(self.tb.ssh_flags())
            .arg("--inventory")
            .arg(inv)
    }

    /// The stand-in kubelets' logs of the joined control planes.
    pub fn logs(&self) -> String {
        Testbed::standin_logs(&self.tb.nodes[..2])
    }
}
