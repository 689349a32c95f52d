//! Real `kubectl` (and `curl`) against a node's STAND-IN API server (the
//! one `kforge-dev kubelet` runs for the kube-apiserver manifest): a
//! kubeconfig of the node root (`admin.conf`, `super-admin.conf`, …), a
//! private HOME and discovery cache per test.

use super::kubelet::{etcd_image_map, StandInKubelet};
use super::{cmd, fixed_port_lock, init_args, kforge, tempdir, tool, wait_until, Cmd};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// One node made by `kforge init --root` (node name `cp1`, API server on
/// 127.0.0.1:6443, kubeadm's fixed ports, so one at a time: it holds
/// [`fixed_port_lock`]) and run by the stand-in kubelet with real etcd,
/// the stand-in API server answering. Dropped in field order: the
/// stand-in kubelet and its pods stop before the directory goes and the
/// ports are given back.
pub struct ApiNode {
    pub kubelet: StandInKubelet,
    /// The test's directory (the node root is `node` in it).
    pub dir: PathBuf,
    pub root: PathBuf,
    _dir: tempfile::TempDir,
    _ports: std::fs::File,
}

impl ApiNode {
    /// `kforge init` at Kubernetes `version` (`v1.31`: its etcd image maps
    /// onto the real etcd 3.5.0), then `kforge-dev kubelet`; returns once
    /// etcd and the API server are healthy.
    pub fn start(version: &str) -> ApiNode {
        let ports = fixed_port_lock();
        let dir = tempdir();
        let root = dir.path().join("node");
        kforge().args(init_args(&root, version)).ok();
        let kubelet = StandInKubelet::start(&root, &etcd_image_map());
        kubelet.wait_healthy("etcd,apiserver");
        ApiNode {
            kubelet,
            dir: dir.path().to_path_buf(),
            root,
            _dir: dir,
            _ports: ports,
        }
    }

    /// kubectl with the node's `etc/kubernetes/CONF` (`admin.conf`,
    /// `super-admin.conf`, `kubelet.conf`, …).
    pub fn kubectl(&self, conf: &str) -> Kubectl {
        Kubectl::new(&self.root, conf, &self.dir.join(format!("home-{conf}")))
    }

    /// The cluster CA (verifies the API server's serving certificate).
    pub fn ca(&self) -> PathBuf {
        self.root.join("etc/kubernetes/pki/ca.crt")
    }
}

pub struct Kubectl {
    pub kubeconfig: PathBuf,
    home: PathBuf,
}

impl Kubectl {
    /// kubectl with `ROOT/etc/kubernetes/CONF`; its HOME and cache under `home`.
    pub fn new(root: &Path, conf: &str, home: &Path) -> Kubectl {
        std::fs::create_dir_all(home).unwrap();
        Kubectl {
            kubeconfig: root.join("etc/kubernetes").join(conf),
            home: home.to_path_buf(),
        }
    }

    pub fn cmd(&self) -> Cmd {
        cmd(tool("kubectl"))
            .env("HOME", &self.home)
            .env("KUBECONFIG", &self.kubeconfig)
            .arg("--cache-dir")
            .arg(self.home.join("cache"))
            .args(["--request-timeout", "10s"])
    }

    /// Runs and expects success; stdout.
    pub fn ok<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd().args(args).ok()
    }

    /// `… -o json`, parsed.
    pub fn json<I, S>(&self, args: I) -> serde_json::Value
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        let out = self.cmd().args(args).args(["-o", "json"]).ok();
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// Runs and expects exit 1; stderr.
    pub fn fails<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd().args(args).fails_with(1).1
    }

    /// Waits (60s) until the API server answers this kubeconfig's user
    /// (`kubectl version`).
    pub fn wait_ready(&self) {
        let mut last = String::new();
        let ok = wait_until(Duration::from_secs(60), || {
            let (out, d) = self.cmd().arg("version").output();
            last = d;
            out.status.success()
        });
        assert!(ok, "the API server did not answer:\n{last}");
    }
}

/// An HTTPS request with curl, verified with `ca`: (HTTP code, body as
/// JSON). `bearer`: an `Authorization: Bearer` token; `method`/`body`
/// for writes (JSON).
pub fn curl_json(
    method: &str,
    url: &str,
    ca: &Path,
    bearer: Option<&str>,
    body: Option<&str>,
) -> (u16, serde_json::Value) {
    let mut c = cmd(tool("curl"))
        .args([
            "-sS",
            "--max-time",
            "10",
            "-w",
            "\n%{http_code}",
            "-X",
            method,
        ])
        .arg("--cacert")
        .arg(ca);
    if let Some(t) = bearer {
        c = c.args(["-H", &format!("Authorization: Bearer {t}")]);
    }
    if let Some(b) = body {
        c = c.args(["-H", "Content-Type: application/json", "--data-binary", b]);
    }
    let (out, d) = c.arg(url).output();
    assert!(out.status.success(), "{d}");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap();
    let json = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"));
    (code.trim().parse().unwrap(), json)
}
