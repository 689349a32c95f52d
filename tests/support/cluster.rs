//! A 3-member etcd cluster of three kforge control-plane nodes on loopback
//! addresses (`BASE.1`, `BASE.2`, `BASE.3`, kubeadm's ports): each node is
//! a `kforge init --root` directory with the shared CAs, whose etcd.yaml
//! (kforge-written; extraArgs only narrow the listen addresses and give
//! `--initial-cluster`) is run by `kforge-dev run-static-pod` with real etcd
//! 3.5 and mutual TLS. A file lock keeps these clusters one at a time.

use super::{etcd35, kforge, kforge_dev, tempdir, wait_until, Cmd, Proc};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub struct Node {
    pub name: String,
    pub addr: String,
    pub root: PathBuf,
    pub etcd: Option<Proc>,
}

impl Node {
    pub fn endpoint(&self) -> String {
        format!("https://{}:2379", self.addr)
    }
    pub fn pki(&self) -> PathBuf {
        self.root.join("etc/kubernetes/pki")
    }
}

pub struct Cluster {
    pub dir: tempfile::TempDir,
    pub nodes: Vec<Node>,
    _lock: File,
}

const SHARED: &[&str] = &[
    "ca.crt",
    "ca.key",
    "front-proxy-ca.crt",
    "front-proxy-ca.key",
    "sa.key",
    "sa.pub",
    "etcd/ca.crt",
    "etcd/ca.key",
];

impl Cluster {
    /// Three nodes cp1..cp3 on `base`.1..3 (e.g. "127.0.13"), etcd started
    /// and healthy. `extra`: more etcd flags (name, value) for every member.
    pub fn start(base: &str, extra: &[(&str, &str)]) -> Cluster {
        let lock =
            File::create(std::env::temp_dir().join("kforge-tests-etcd-cluster.lock")).unwrap();
        lock.lock().unwrap();
        let dir = tempdir();
        let initial: Vec<String> = (1..=3)
            .map(|i| format!("cp{i}=https://{base}.{i}:2380"))
            .collect();
        let mut nodes = Vec::new();
        for i in 1..=3 {
            let addr = format!("{base}.{i}");
            let root = dir.path().join(format!("cp{i}"));
            if i > 1 {
                let first = dir.path().join("cp1/etc/kubernetes/pki");
                for f in SHARED {
                    let to = root.join("etc/kubernetes/pki").join(f);
                    std::fs::create_dir_all(to.parent().unwrap()).unwrap();
                    std::fs::copy(first.join(f), to).unwrap();
                }
            }
            let mut args = format!(
                "    - name: listen-client-urls\n      value: https://{addr}:2379\n    - name: listen-metrics-urls\n      value: http://{addr}:2381\n    - name: initial-cluster\n      value: {}\n",
                initial.join(",")
            );
            for (k, v) in extra {
                args.push_str(&format!("    - name: {k}\n      value: \"{v}\"\n"));
            }
            let cfg = dir.path().join(format!("cp{i}.yaml"));
            std::fs::write(
                &cfg,
                format!(
                    "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: {addr}\nnodeRegistration:\n  name: cp{i}\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.0\nencryptionAlgorithm: ECDSA-P256\netcd:\n  local:\n    extraArgs:\n{args}"
                ),
            )
            .unwrap();
            kforge()
                .args(["init", "-q", "--root"])
                .arg(&root)
                .arg("--config")
                .arg(&cfg)
                .ok();
            nodes.push(Node {
                name: format!("cp{i}"),
                addr,
                root,
                etcd: None,
            });
        }
        let mut c = Cluster {
            dir,
            nodes,
            _lock: lock,
        };
        for i in 0..3 {
            c.start_etcd(i);
        }
        for i in 0..3 {
            c.wait_healthy(i);
        }
        c
    }

    /// Runs node `i`'s etcd from its manifest (as the kubelet would).
    pub fn start_etcd(&mut self, i: usize) {
        let n = &self.nodes[i];
        let log = self.dir.path().join(format!("{}-etcd.log", n.name));
        let p = kforge_dev()
            .args(["run-static-pod", "etcd", "--root"])
            .arg(&n.root)
            .arg("--binary")
            .arg(etcd35("etcd"))
            .spawn(&log);
        self.nodes[i].etcd = Some(p);
    }

    pub fn wait_healthy(&self, i: usize) {
        let ok = wait_until(Duration::from_secs(30), || {
            self.etcdctl(i)
                .args(["endpoint", "health"])
                .output()
                .0
                .status
                .success()
        });
        assert!(
            ok,
            "{} did not become healthy:\n{}",
            self.nodes[i].name,
            self.log(i)
        );
    }

    /// Kills node `i`'s etcd (a crash).
    pub fn kill_etcd(&mut self, i: usize) {
        if let Some(mut p) = self.nodes[i].etcd.take() {
            p.kill();
        }
    }

    pub fn log(&self, i: usize) -> String {
        std::fs::read_to_string(
            self.dir
                .path()
                .join(format!("{}-etcd.log", self.nodes[i].name)),
        )
        .unwrap_or_default()
    }

    /// etcdctl 3.5 at node `i`'s endpoint with its healthcheck-client certificate.
    pub fn etcdctl(&self, i: usize) -> Cmd {
        self.etcdctl_at(i, &self.nodes[i].endpoint())
    }

    /// etcdctl 3.5 with node `i`'s certificates, at `endpoints`.
    pub fn etcdctl_at(&self, i: usize, endpoints: &str) -> Cmd {
        let pki = self.nodes[i].pki();
        super::cmd(etcd35("etcdctl"))
            .args(["--endpoints", endpoints, "--dial-timeout", "3s", "--cacert"])
            .arg(pki.join("etcd/ca.crt"))
            .arg("--cert")
            .arg(pki.join("etcd/healthcheck-client.crt"))
            .arg("--key")
            .arg(pki.join("etcd/healthcheck-client.key"))
    }

    /// Every member's endpoint, comma-separated.
    pub fn endpoints(&self) -> String {
        self.nodes
            .iter()
            .map(|n| n.endpoint())
            .collect::<Vec<_>>()
            .join(",")
    }

    /// `kforge … --root <node i>`.
    pub fn kforge(&self, i: usize) -> Cmd {
        kforge().arg("--root").arg(&self.nodes[i].root)
    }

    /// An etcd client (Rust) of `endpoints` with node 0's certificates.
    pub async fn client(&self, endpoints: &[String], timeout: Duration) -> etcd_client::Client {
        Self::client_with(&self.nodes[0].pki(), endpoints, timeout).await
    }

    /// An etcd client of `endpoints` with the certificates under `pki`
    /// (made inside the runtime that uses it).
    pub async fn client_with(
        pki: &Path,
        endpoints: &[String],
        timeout: Duration,
    ) -> etcd_client::Client {
        let read = |p: &Path| std::fs::read(p).unwrap();
        let tls = etcd_client::TlsOptions::new()
            .ca_certificate(etcd_client::Certificate::from_pem(read(
                &pki.join("etcd/ca.crt"),
            )))
            .identity(etcd_client::Identity::from_pem(
                read(&pki.join("etcd/healthcheck-client.crt")),
                read(&pki.join("etcd/healthcheck-client.key")),
            ));
        let opts = etcd_client::ConnectOptions::new()
            .with_tls(tls)
            .with_connect_timeout(timeout)
            .with_timeout(timeout);
        etcd_client::Client::connect(endpoints, Some(opts))
            .await
            .unwrap()
    }
}
