//! The test API for `kforge dev kubelet`, the STAND-IN kubelet: start one
//! for a node root with an image → binary map ([`StandInKubelet::start`]),
//! read what it runs (its per-pod status files), wait for a pod to run, to
//! be recreated or to be healthy, and stop it. Dropping it stops it and
//! every pod it runs (SIGTERM, then SIGKILL; its pods die with it).

use super::{kforge, wait_until, Proc};
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

pub struct StandInKubelet {
    pub proc: Proc,
    pub root: PathBuf,
}

impl StandInKubelet {
    /// `kforge dev kubelet --root ROOT --image-binary IMAGE=PATH …`, logging
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
        let mut c = kforge().args(["dev", "kubelet", "--root"]).arg(root);
        for (image, binary) in images {
            c = c.arg("--image-binary").arg(format!(
                "{}={}",
                image.as_ref(),
                binary.as_ref().display()
            ));
        }
        let proc = c.args(extra).spawn(&root.join("kforge-dev-kubelet.log"));
        StandInKubelet {
            proc,
            root: root.to_path_buf(),
        }
    }

    pub fn log_text(&self) -> String {
        self.proc.log_text()
    }

    /// The pod's status file (see `kforge dev kubelet --help`), if it has one.
    pub fn status(&self, pod: &str) -> Option<serde_json::Value> {
        let p = self
            .root
            .join("var/lib/kubelet/kforge-stand-in")
            .join(format!("{pod}.json"));
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

    /// The container's log (`/var/log/pods/<pod>/<container>.log` under the root).
    pub fn pod_log(&self, pod: &str, container: &str) -> String {
        std::fs::read_to_string(
            self.root
                .join("var/log/pods")
                .join(pod)
                .join(format!("{container}.log")),
        )
        .unwrap_or_default()
    }

    /// SIGTERM, and waits (30s) for the stand-in kubelet to exit; its exit code.
    pub fn stop(&mut self) -> Option<i32> {
        signal(self.proc.child.id(), libc::SIGTERM);
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
            signal(self.proc.child.id(), libc::SIGTERM);
            wait_until(Duration::from_secs(15), || !self.proc.is_running());
        }
        // Proc's own drop SIGKILLs it if still running; its pods die with it.
    }
}
