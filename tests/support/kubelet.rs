//! The test API for `kforge-dev kubelet`, the STAND-IN kubelet: start one
//! for a node root with an image → binary map ([`StandInKubelet::start`]),
//! read what it runs (its per-pod status files), wait for a pod to run, to
//! be recreated or to be healthy, and stop it. Dropping it stops it and
//! every pod it runs (SIGTERM, then SIGKILL; its pods die with it).

use super::{kforge, kforge_dev, wait_until, Proc};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// `registry.k8s.io/etcd:<tag>` of Kubernetes `version` (`v1.31`) per
/// src/versions.rs: the image `kforge init --kubernetes-version` writes.
pub fn etcd_image(version: &str) -> String {
    let v: kforge::versions::KubeVersion = version.parse().unwrap();
    format!(
        "registry.k8s.io/etcd:{}",
        v.release().unwrap().etcd_image_tag
    )
}

/// The etcd images of Kubernetes v1.31 and v1.32 (src/versions.rs) mapped
/// onto the real etcd 3.5.0 and 3.5.1 here: with it, a node initialized at
/// v1.31 runs etcd 3.5.0, and its upgrade to v1.32 really replaces etcd.
pub fn etcd_image_map() -> Vec<(String, PathBuf)> {
    vec![
        (etcd_image("v1.31"), super::etcd_dir("3.5.0").join("etcd")),
        (etcd_image("v1.32"), super::etcd_dir("3.5.1").join("etcd")),
    ]
}

/// `kubelet` and its flags (the words after `kforge-dev`): `--root` when
/// given, one `--image-binary IMAGE=PATH` per mapping, then `extra`.
pub fn kubelet_args<S: AsRef<str>, P: AsRef<Path>>(
    root: Option<&Path>,
    images: &[(S, P)],
    extra: &[&str],
) -> Vec<String> {
    let mut a: Vec<String> = vec!["kubelet".into()];
    if let Some(r) = root {
        a.push("--root".into());
        a.push(r.display().to_string());
    }
    for (image, binary) in images {
        a.push("--image-binary".into());
        a.push(format!("{}={}", image.as_ref(), binary.as_ref().display()));
    }
    a.extend(extra.iter().map(|s| s.to_string()));
    a
}

/// Where a stand-in kubelet started by [`StandInKubelet::start_on`] logs
/// its pods, inside the test-bed node (its own /var/lib/kubelet: the
/// machine's /var/log is shared by every node).
pub const TEST_BED_LOG_DIR: &str = "/var/lib/kubelet/kforge-stand-in/logs";

/// How to reach a test-bed node's shell (for a graceful stop).
struct Remote {
    ssh: Vec<String>,
}

pub struct StandInKubelet {
    /// The stand-in kubelet (or, on a test-bed node, the ssh client it runs under).
    pub proc: Proc,
    /// The node root (`--root`), for `kforge health --root` in [`StandInKubelet::wait_healthy`].
    pub root: PathBuf,
    /// Where its status files are, on this machine (`/var/lib/kubelet/kforge-stand-in` of the node).
    pub status_dir: PathBuf,
    /// Its `--log-dir`, on this machine (`/var/log/pods` of the node by default).
    pub log_dir: PathBuf,
    remote: Option<Remote>,
}

impl StandInKubelet {
    /// `kforge-dev kubelet --root ROOT --image-binary IMAGE=PATH …`, logging
    /// to ROOT/kforge-dev-kubelet.log; does not wait for any pod.
    pub fn start<S: AsRef<str>, P: AsRef<Path>>(root: &Path, images: &[(S, P)]) -> StandInKubelet {
        StandInKubelet::start_with(root, images, &[])
    }

    /// [`StandInKubelet::start`] with more flags (`--unhealthy …`, `--grace-period …`).
    pub fn start_with<S: AsRef<str>, P: AsRef<Path>>(
        root: &Path,
        images: &[(S, P)],
        extra: &[&str],
    ) -> StandInKubelet {
        let proc = kforge_dev()
            .args(kubelet_args(Some(root), images, extra))
            .spawn(&root.join("kforge-dev-kubelet.log"));
        StandInKubelet::from_proc(
            proc,
            root,
            root.join("var/lib/kubelet/kforge-stand-in"),
            root.join("var/log/pods"),
        )
    }

    /// A stand-in kubelet started some other way (e.g. inside a test-bed
    /// node, `kforge-dev` + [`kubelet_args`] under `nsenter`, with `--log-dir`
    /// in the node's own /var/lib/kubelet), with where its node's root,
    /// status files and logs are seen from this machine.
    pub fn from_proc(proc: Proc, root: &Path, status_dir: PathBuf, log_dir: PathBuf) -> Self {
        StandInKubelet {
            proc,
            root: root.to_path_buf(),
            status_dir,
            log_dir,
            remote: None,
        }
    }

    /// A stand-in kubelet on a test-bed node (its network, mount and PID
    /// namespaces), run over ssh with a terminal so that it dies with the
    /// ssh client (SIGHUP; its pods die with it). It watches the node's
    /// /etc/kubernetes/manifests; its pods log into [`TEST_BED_LOG_DIR`].
    /// Pids in its status files are the node's, not this machine's.
    /// Logs to `<node dir>/kforge-dev-kubelet.log`.
    pub fn start_on<S: AsRef<str>, P: AsRef<Path>>(
        tb: &super::testbed::Testbed,
        node: &super::testbed::TestNode,
        images: &[(S, P)],
        extra: &[&str],
    ) -> StandInKubelet {
        let mut flags = vec!["--log-dir", TEST_BED_LOG_DIR];
        flags.extend_from_slice(extra);
        let mut argv = vec![super::kforge_dev_path().display().to_string()];
        argv.extend(kubelet_args(None, images, &flags));
        let quoted: Vec<String> = argv.iter().map(|a| kforge::node::shell_quote(a)).collect();
        let ssh: Vec<String> = vec![
            "-i".into(),
            tb.key.display().to_string(),
            "-o".into(),
            format!("UserKnownHostsFile={}", tb.known_hosts.display()),
            "-o".into(),
            "StrictHostKeyChecking=yes".into(),
            "-o".into(),
            "BatchMode=yes".into(),
            "-o".into(),
            "ConnectTimeout=5".into(),
            format!("root@{}", node.addr),
        ];
        let proc = super::cmd("ssh")
            .arg("-tt")
            .args(&ssh)
            .arg(format!("exec {}", quoted.join(" ")))
            .spawn(&node.dir.join("kforge-dev-kubelet.log"));
        let status_dir = node.var_lib_kubelet().join("kforge-stand-in");
        let log_dir = node.var_lib_kubelet().join("kforge-stand-in/logs");
        StandInKubelet {
            proc,
            root: node.dir.clone(),
            status_dir,
            log_dir,
            remote: Some(Remote { ssh }),
        }
    }

    /// The stand-in kubelet's own pid (the node's, on a test-bed node), from
    /// its `kubelet.json`, once it runs.
    pub fn own_pid(&self) -> Option<u32> {
        let text = std::fs::read_to_string(self.status_dir.join("kubelet.json")).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["pid"].as_u64().map(|p| p as u32)
    }

    /// Sends `sig` to the stand-in kubelet (over ssh on a test-bed node).
    fn signal(&self, sig: i32) {
        match &self.remote {
            None => signal(self.proc.child.id(), sig),
            Some(r) => {
                if let Some(pid) = self.own_pid() {
                    let _ = super::cmd("ssh")
                        .args(&r.ssh)
                        .arg(format!("kill -{sig} {pid}"))
                        .output();
                }
            }
        }
    }

    pub fn log_text(&self) -> String {
        self.proc.log_text()
    }

    /// The pod's status file (see `kforge-dev kubelet --help`), if it has one.
    pub fn status(&self, pod: &str) -> Option<serde_json::Value> {
        let p = self.status_dir.join(format!("{pod}.json"));
        let text = std::fs::read_to_string(p).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The pid of the pod's running process.
    pub fn pid(&self, pod: &str) -> Option<u32> {
        let s = self.status(pod)?;
        if s["state"] != "Running" {
            return None;
        }
        s["pid"].as_u64().map(|p| p as u32)
    }

    /// Waits (30s) until the pod runs; its pid.
    pub fn wait_running(&self, pod: &str) -> u32 {
        let mut pid = None;
        assert!(
            wait_until(Duration::from_secs(30), || {
                pid = self.pid(pod);
                pid.is_some()
            }),
            "{pod} did not start: {:?}\n{}\n{}",
            self.status(pod),
            self.log_text(),
            self.pod_log(pod, pod)
        );
        pid.unwrap()
    }

    /// Waits (60s) until the pod runs as a process other than `old`; its pid.
    pub fn wait_recreated(&self, pod: &str, old: u32) -> u32 {
        let mut pid = None;
        assert!(
            wait_until(Duration::from_secs(60), || {
                pid = self.pid(pod).filter(|p| *p != old);
                pid.is_some()
            }),
            "{pod} was not recreated (old pid {old}): {:?}\n{}",
            self.status(pod),
            self.log_text()
        );
        pid.unwrap()
    }

    /// Waits (60s) until `kforge health --only TARGET` passes (`etcd`,
    /// `apiserver`, `controller-manager`, `scheduler`, comma-separated).
    pub fn wait_healthy(&self, targets: &str) {
        let mut last = String::new();
        assert!(
            self.remote.is_none(),
            "wait_healthy runs `kforge health --root`: local roots only"
        );
        let ok = wait_until(Duration::from_secs(60), || {
            let (out, d) = kforge()
                .args(["health", "--only", targets, "--root"])
                .arg(&self.root)
                .output();
            last = d;
            out.status.success()
        });
        assert!(
            ok,
            "{targets} did not become healthy:\n{last}\n{}",
            self.log_text()
        );
    }

    /// The container's log (`LOG_DIR/<pod>/<container>.log`).
    pub fn pod_log(&self, pod: &str, container: &str) -> String {
        // The real kubelet's layout: <ns>_<pod>-<node>_<uid>/<container>/0.log.
        let prefix = format!("kube-system_{pod}-");
        let Ok(dirs) = std::fs::read_dir(&self.log_dir) else {
            return String::new();
        };
        dirs.flatten()
            .filter(|d| d.file_name().to_string_lossy().starts_with(&prefix))
            .filter_map(|d| std::fs::read_to_string(d.path().join(container).join("0.log")).ok())
            .collect()
    }

    /// Waits up to `timeout` until the pod's status satisfies `f`; the status.
    pub fn wait_status(
        &self,
        pod: &str,
        timeout: Duration,
        mut f: impl FnMut(&serde_json::Value) -> bool,
    ) -> serde_json::Value {
        let mut last = None;
        let ok = wait_until(timeout, || {
            last = self.status(pod);
            last.as_ref().is_some_and(&mut f)
        });
        assert!(
            ok,
            "{pod}: status never as expected: {last:?}\n{}",
            self.log_text()
        );
        last.unwrap()
    }

    /// SIGTERM, and waits (30s) for the stand-in kubelet to exit; its exit code.
    pub fn stop(&mut self) -> Option<i32> {
        self.signal(libc::SIGTERM);
        let mut code = None;
        let exited = wait_until(Duration::from_secs(30), || {
            match self.proc.child.try_wait() {
                Ok(Some(s)) => {
                    code = s.code();
                    true
                }
                _ => false,
            }
        });
        assert!(
            exited,
            "the stand-in kubelet did not exit on SIGTERM:\n{}",
            self.log_text()
        );
        code
    }
}

/// Whether a process with this pid exists (a zombie counts as gone).
pub fn alive(pid: u32) -> bool {
    std::fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            let state = s.rsplit(')').next().unwrap_or("").split_whitespace().next();
            state != Some("Z") && state != Some("X")
        })
        .unwrap_or(false)
}

fn signal(pid: u32, sig: i32) {
    // SAFETY: kill(2) on a child this test started.
    unsafe {
        libc::kill(pid as libc::pid_t, sig);
    }
}

impl Drop for StandInKubelet {
    fn drop(&mut self) {
        if self.proc.is_running() {
            self.signal(libc::SIGTERM);
            wait_until(Duration::from_secs(15), || !self.proc.is_running());
        }
        // Proc's own drop SIGKILLs it if still running; its pods die with it.
    }
}
