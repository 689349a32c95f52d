//! `kforge-dev kubelet`: a STAND-IN kubelet for tests and demos, on
//! machines without a kubelet or container runtime.
//!
//! Like the real kubelet it watches the node's static pod directory
//! (`staticPodPath` of `/var/lib/kubelet/config.yaml`, default
//! `/etc/kubernetes/manifests`, under `--root`; polled every 100 ms, files
//! starting with `.` ignored), serves `/healthz` where that config says
//! (`healthzBindAddress:healthzPort`) when the node has one, runs every pod it finds, recreates a pod
//! whose manifest changed (the old process is stopped and has exited
//! before the new one starts), stops a pod whose manifest is gone, and
//! restarts a pod that exited, with a back-off (1s doubling to 10s; the
//! real kubelet's CrashLoopBackOff goes from 10s to 5m).
//!
//! What runs a pod, by its first container's image:
//! - an image mapped with `--image-binary IMAGE=PATH`: PATH as a plain
//!   process with the container's command line, every path inside a
//!   hostPath volume mapped under the root ([`kforge::staticpod::local_argv`]);
//! - kube-apiserver, kube-controller-manager, kube-scheduler images: the
//!   built-in stand-in of that component ([`standin`]), run as the child
//!   process `kforge-dev stand-in COMPONENT --manifest COPY`;
//! - anything else waits with a message (as a real pod waits on an image
//!   that cannot be pulled).
//!
//! No isolation, no resources, no probes: a process per pod, in its own
//! process group, killed (SIGKILL) if the stand-in kubelet dies. On SIGTERM
//! or SIGINT every pod gets SIGTERM, then SIGKILL after `--grace-period`.
//!
//! Like the real kubelet, it registers its Node with the API server once
//! that answers, with kubelet.conf's credentials ([`register`]; again
//! whenever the Node is gone, since the stand-in API server forgets
//! everything when it restarts).
//!
//! Stand-in details that are not kubelet facts:
//! - each container's stdout and stderr go, appended, to
//!   `LOG_DIR/<pod>/<container>.log` (default `/var/log/pods` under the
//!   root; the real kubelet writes `/var/log/pods/<ns>_<pod>_<uid>/<container>/<n>.log`),
//!   with a `==== kforge stand-in kubelet: … ====` line at each start and exit;
//! - a status file per pod, `/var/lib/kubelet/kforge-stand-in/<pod>.json`
//!   under the root ([`PodStatus`]: pid, image, start time, restarts, log
//!   path), removed with the pod; `kubelet.json` there names the stand-in
//!   kubelet's own pid while it runs.

use crate::{images, register, standin};

use anyhow::{Context, Result};
use images::{ImageMap, Unhealthy};
use kforge::interrupt;
use kforge::node::{LocalNode, Node};
use kforge::process::terminate;
use kforge::staticpod::{self, Pod};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use time::OffsetDateTime;

/// Where the real kubelet keeps container logs; the stand-in's default log directory.
pub use kforge::staticpod::POD_LOG_DIR;

/// The UID in the stand-in's pod log directory names, where the real
/// kubelet puts the static pod's UID (a hash of its manifest).
const STAND_IN_UID: &str = "kforge-stand-in";
/// How often the manifests directory and the processes are looked at.
pub const POLL: Duration = Duration::from_millis(100);
/// Back-off before restarting a pod that exited: 1s, 2s, 4s, 8s, then 10s.
pub const BACKOFF_START: Duration = Duration::from_secs(1);
pub const BACKOFF_MAX: Duration = Duration::from_secs(10);
/// A pod that ran this long before exiting starts its back-off afresh.
pub const BACKOFF_RESET: Duration = Duration::from_secs(20);

/// The stand-in kubelet's state directory on the node (under the root):
/// per-pod status files and the manifest copies the stand-ins serve from.
pub fn status_dir() -> PathBuf {
    Path::new(kforge::paths::KUBELET_DIR).join("kforge-stand-in")
}

/// The status file of pod `pod` (a node path).
pub fn status_path(pod: &str) -> PathBuf {
    status_dir().join(format!("{pod}.json"))
}

/// What a stand-in kubelet was asked to do.
pub struct Settings {
    pub root: Option<PathBuf>,
    pub images: ImageMap,
    pub unhealthy: Vec<Unhealthy>,
    /// Where container logs go (a node path, under the root); default
    /// [`POD_LOG_DIR`].
    pub log_dir: Option<PathBuf>,
    /// SIGTERM to SIGKILL when stopping a pod.
    pub grace: Duration,
    /// The kforge binary (runs the built-in stand-ins).
    pub self_exe: PathBuf,
}

/// A pod's state, as in `kubectl get pods` (reason where it has one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PodState {
    Running,
    /// Exited; restarts after its back-off (`nextStartAt`).
    CrashLoopBackOff,
    /// Nothing can run it (no binary for its image, invalid manifest).
    Waiting,
}

/// `/var/lib/kubelet/kforge-stand-in/<pod>.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PodStatus {
    pub pod: String,
    /// The manifest file it runs from (a node path: under `--root`).
    pub manifest: PathBuf,
    pub container: String,
    pub image: String,
    /// `binary` (an `--image-binary` mapping), `stand-in` (built in) or `none`.
    pub runner: String,
    pub state: PodState,
    pub pid: Option<u32>,
    /// When the current process started (RFC 3339).
    pub started_at: Option<String>,
    /// Restarts after an exit since the manifest last changed.
    pub restarts: u32,
    /// How the last process ended (`exit code 1`, `signal 9`).
    pub last_exit: Option<String>,
    pub next_start_at: Option<String>,
    pub message: Option<String>,
    /// The command line it runs (first word the real program).
    pub command: Vec<String>,
    /// The container's log file (a node path: under `--root`).
    pub log: PathBuf,
}

/// `/var/lib/kubelet/kforge-stand-in/kubelet.json`: the stand-in kubelet itself.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeletStatus {
    pub pid: u32,
    pub started_at: String,
    /// The static pod directory it watches (a node path).
    pub manifests: PathBuf,
}

fn rfc3339(t: OffsetDateTime) -> String {
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn now() -> OffsetDateTime {
    OffsetDateTime::now_utc()
}

/// How a pod is run.
#[derive(Debug, Clone)]
enum Runner {
    Binary(Vec<String>),
    StandIn(Vec<String>),
    None(String),
}

/// One manifest file and what runs from it.
struct PodRun {
    doc: serde_json::Value,
    /// `status.log` on this machine.
    log: PathBuf,
    status: PodStatus,
    runner: Runner,
    child: Option<Child>,
    started: Option<Instant>,
    crashes: u32,
    next_start: Option<Instant>,
}

/// A running stand-in kubelet.
pub struct Kubelet<'a> {
    _lock: kforge_fs::lock::LockFile,
    s: Settings,
    node: LocalNode,
    /// This machine's node name (the pods' log directories carry it).
    node_name: String,
    /// The static pod directory: as the node sees it, and on this machine.
    static_pod_path: PathBuf,
    manifests: PathBuf,
    status_dir: PathBuf,
    /// A node path.
    log_dir: PathBuf,
    pods: BTreeMap<PathBuf, PodRun>,
    /// Files already reported as unreadable, so the log is not flooded.
    warned: BTreeMap<PathBuf, String>,
    p: &'a kforge::output::Printer,
}

impl<'a> Kubelet<'a> {
    pub fn new(s: Settings, p: &'a kforge::output::Printer) -> Result<Kubelet<'a>> {
        let node = LocalNode::new(s.root.clone());
        let config = kubelet_config(&node, p);
        let static_pod_path = config
            .as_ref()
            .and_then(|c| c.get("staticPodPath"))
            .and_then(|v| v.as_str())
            .unwrap_or(kforge::paths::MANIFESTS_DIR)
            .to_string();
        let manifests = node.real_path(Path::new(&static_pod_path));
        if let Some(cfg) = &config {
            serve_healthz(cfg, p);
        }
        let status_dir = node.real_path(&status_dir());
        let log_dir = s
            .log_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from(POD_LOG_DIR));
        for m in &s.images.0 {
            if !m.binary.is_file() {
                return Err(kforge::exit::usage(format!(
                    "--image-binary {}={}: no such file",
                    m.image,
                    m.binary.display()
                )));
            }
        }
        fs::create_dir_all(&status_dir)
            .with_context(|| format!("creating {}", status_dir.display()))?;
        // One stand-in kubelet per node: a second one would fight over the pods.
        let lock = kforge_fs::lock::exclusive(&status_dir, "stand-in kubelet")?;
        // What a killed earlier run left describes pods that no longer run.
        for e in fs::read_dir(&status_dir)?.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".json") || name.ends_with(".manifest.yaml") {
                let _ = fs::remove_file(e.path());
            }
        }
        // As the real kubelet: the name it registers under, else the host's
        // node name.
        let node_name = match register::node_name(&node) {
            Some(n) => n,
            None => kforge::spec::host::hostname()?,
        };
        Ok(Kubelet {
            _lock: lock,
            s,
            node,
            node_name,
            static_pod_path: PathBuf::from(static_pod_path),
            manifests,
            status_dir,
            log_dir,
            pods: BTreeMap::new(),
            warned: BTreeMap::new(),
            p,
        })
    }

    fn say(&self, msg: impl AsRef<str>) {
        self.p.status(format!("stand-in kubelet: {}", msg.as_ref()));
    }

    /// Runs until SIGTERM or SIGINT, then stops every pod.
    pub fn run(&mut self) -> Result<kforge::interrupt::Signal> {
        interrupt::install().context("installing signal handlers")?;
        let me = KubeletStatus {
            pid: std::process::id(),
            started_at: rfc3339(now()),
            manifests: self.static_pod_path.clone(),
        };
        write_real(
            &self.status_dir.join("kubelet.json"),
            &serde_json::to_vec_pretty(&me)?,
            0o644,
        )?;
        self.say(format!(
            "watching {} (a stand-in for tests and demos, not the real kubelet)",
            self.manifests.display()
        ));
        register::spawn(self.s.root.clone(), self.p.clone());
        let signal = loop {
            if let Some(sig) = interrupt::received() {
                break sig;
            }
            self.sync();
            if let Some(sig) = interrupt::sleep(POLL) {
                break sig;
            }
        };
        self.say(format!("{}: stopping every pod", signal.name()));
        self.stop_all();
        let _ = fs::remove_file(self.status_dir.join("kubelet.json"));
        Ok(signal)
    }

    /// One pass: manifests read, pods created, recreated, stopped, restarted.
    pub fn sync(&mut self) {
        let found = self.scan();
        let gone: Vec<PathBuf> = self
            .pods
            .keys()
            .filter(|f| !found.contains_key(*f))
            .cloned()
            .collect();
        for file in gone {
            if let Some(mut pod) = self.pods.remove(&file) {
                self.say(format!("{}: manifest removed, stopping", pod.status.pod));
                self.stop(&mut pod);
                let _ = fs::remove_file(self.status_dir.join(format!("{}.json", pod.status.pod)));
            }
        }
        for (file, doc) in found {
            let changed = self.pods.get(&file).is_none_or(|p| p.doc != doc);
            if changed {
                let old = self.pods.remove(&file);
                let pod = self.create(&file, doc);
                if let Some(mut old) = old {
                    self.say(format!("{}: manifest changed, recreating", old.status.pod));
                    self.stop(&mut old);
                    if old.status.pod != pod.status.pod {
                        let _ = fs::remove_file(
                            self.status_dir.join(format!("{}.json", old.status.pod)),
                        );
                    }
                }
                self.pods.insert(file.clone(), pod);
            }
            let Some(mut pod) = self.pods.remove(&file) else {
                continue;
            };
            self.tend(&mut pod);
            self.pods.insert(file, pod);
        }
    }

    /// The manifest files and their parsed contents (unparseable ones as
    /// `Null`, so a fix is a change).
    fn scan(&mut self) -> BTreeMap<PathBuf, serde_json::Value> {
        let mut out = BTreeMap::new();
        let Ok(rd) = fs::read_dir(&self.manifests) else {
            return out;
        };
        for e in rd.flatten() {
            let name = e.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = e.path();
            if !path.is_file() {
                continue;
            }
            let doc = match fs::read_to_string(&path)
                .map_err(|e| e.to_string())
                .and_then(|t| {
                    serde_yaml_ng::from_str::<serde_json::Value>(&t).map_err(|e| e.to_string())
                }) {
                Ok(d) => {
                    self.warned.remove(&path);
                    d
                }
                Err(e) => {
                    if self.warned.get(&path) != Some(&e) {
                        self.p
                            .warn(format!("stand-in kubelet: {}: {e}", path.display()));
                        self.warned.insert(path.clone(), e);
                    }
                    serde_json::Value::Null
                }
            };
            out.insert(path, doc);
        }
        out
    }

    /// A pod for a new or changed manifest; not started yet.
    fn create(&self, file: &Path, doc: serde_json::Value) -> PodRun {
        let stem = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let parsed = serde_json::from_value::<Pod>(doc.clone())
            .map_err(|e| format!("not a valid pod manifest: {e}"))
            .map(|mut p| {
                p.raw = doc.clone();
                p
            });
        let pod_name = parsed
            .as_ref()
            .map(|p| p.metadata.name.clone())
            .ok()
            .filter(|n| !n.is_empty() && !n.contains('/') && !n.starts_with('.'))
            .unwrap_or(stem);
        let (container, image) = parsed
            .as_ref()
            .ok()
            .and_then(|p| p.container().ok())
            .map(|c| (c.name.clone(), c.image.clone()))
            .unwrap_or_else(|| (pod_name.clone(), String::new()));
        let runner = match &parsed {
            Err(e) => Runner::None(e.clone()),
            Ok(pod) => self.runner(file, &pod_name, pod),
        };
        let (runner_name, command, message) = match &runner {
            Runner::Binary(a) => ("binary", a.clone(), None),
            Runner::StandIn(a) => ("stand-in", a.clone(), None),
            Runner::None(why) => ("none", vec![], Some(why.clone())),
        };
        if let Some(why) = &message {
            self.p
                .warn(format!("stand-in kubelet: {pod_name}: cannot run: {why}"));
        }
        let log = self
            .log_dir
            .join(kforge::staticpod::pod_log_dir_name(
                &pod_name,
                &self.node_name,
                STAND_IN_UID,
            ))
            .join(&container)
            .join("0.log");
        let manifest = self
            .static_pod_path
            .join(file.file_name().unwrap_or_default());
        PodRun {
            doc,
            log: self.node.real_path(&log),
            status: PodStatus {
                pod: pod_name,
                manifest,
                container,
                image,
                runner: runner_name.into(),
                state: PodState::Waiting,
                pid: None,
                started_at: None,
                restarts: 0,
                last_exit: None,
                next_start_at: None,
                message,
                command,
                log,
            },
            runner,
            child: None,
            started: None,
            crashes: 0,
            next_start: Some(Instant::now()),
        }
    }

    /// What runs `pod`, from its image.
    fn runner(&self, file: &Path, pod_name: &str, pod: &Pod) -> Runner {
        let image = match pod.container() {
            Ok(c) => c.image.clone(),
            Err(e) => return Runner::None(format!("{e:#}")),
        };
        if let Some(binary) = self.s.images.binary_for(&image) {
            return match staticpod::local_argv(&self.node, pod) {
                Ok(mut argv) => {
                    argv[0] = binary.display().to_string();
                    Runner::Binary(argv)
                }
                Err(e) => Runner::None(format!("{e:#}")),
            };
        }
        if let Some(c) = images::stand_in_for(&image) {
            // The stand-in reads the manifest exactly as this pass saw it.
            let copy = self.status_dir.join(format!("{pod_name}.manifest.yaml"));
            let text = match fs::read(file) {
                Ok(t) => t,
                Err(e) => return Runner::None(format!("{}: {e}", file.display())),
            };
            if let Err(e) = write_real(&copy, &text, 0o600) {
                return Runner::None(format!("{e:#}"));
            }
            let mut argv = vec![self.s.self_exe.display().to_string()];
            if let Some(root) = &self.s.root {
                argv.push("--root".into());
                argv.push(root.display().to_string());
            }
            argv.extend([
                "stand-in".into(),
                c.name.to_string(),
                "--manifest".into(),
                copy.display().to_string(),
            ]);
            if self.s.unhealthy.iter().any(|u| u.matches(&image)) {
                argv.push("--never-healthy".into());
            }
            return Runner::StandIn(argv);
        }
        Runner::None(format!(
            "no --image-binary for image {image:?} and no built-in stand-in for it"
        ))
    }

    /// Notices an exit, starts a pod whose back-off has passed.
    fn tend(&self, pod: &mut PodRun) {
        if let Some(child) = pod.child.as_mut() {
            match child.try_wait() {
                Ok(None) => return,
                Ok(Some(status)) => {
                    let how = describe_exit(status);
                    let ran = pod.started.map(|s| s.elapsed()).unwrap_or_default();
                    if ran >= BACKOFF_RESET {
                        pod.crashes = 0;
                    }
                    pod.crashes += 1;
                    let delay = backoff(pod.crashes);
                    log_line(
                        &pod.log,
                        &format!("exited ({how}); restarting in {}s", delay.as_secs()),
                    );
                    self.say(format!(
                        "{}: pid {} exited ({how}); back-off {}s",
                        pod.status.pod,
                        child.id(),
                        delay.as_secs()
                    ));
                    pod.child = None;
                    pod.next_start = Some(Instant::now() + delay);
                    pod.status.state = PodState::CrashLoopBackOff;
                    pod.status.pid = None;
                    pod.status.last_exit = Some(how);
                    pod.status.next_start_at = Some(rfc3339(
                        now() + time::Duration::try_from(delay).unwrap_or_default(),
                    ));
                    self.write_status(&pod.status);
                }
                Err(e) => {
                    self.p
                        .warn(format!("stand-in kubelet: {}: {e}", pod.status.pod));
                    return;
                }
            }
        }
        let due = pod.next_start.is_some_and(|t| Instant::now() >= t);
        if !due {
            return;
        }
        pod.next_start = None;
        let argv = match &pod.runner {
            Runner::Binary(a) | Runner::StandIn(a) => a.clone(),
            Runner::None(_) => {
                self.write_status(&pod.status);
                return;
            }
        };
        let restart = pod.status.last_exit.is_some();
        if restart {
            pod.status.restarts += 1;
        }
        match spawn(&argv, &pod.log, pod.status.restarts) {
            Ok(child) => {
                self.say(format!(
                    "{}: started pid {} ({}{})",
                    pod.status.pod,
                    child.id(),
                    argv[0],
                    if restart {
                        format!(", restart {}", pod.status.restarts)
                    } else {
                        String::new()
                    }
                ));
                pod.status.pid = Some(child.id());
                pod.status.state = PodState::Running;
                pod.status.started_at = Some(rfc3339(now()));
                pod.status.next_start_at = None;
                pod.status.message = None;
                pod.started = Some(Instant::now());
                pod.child = Some(child);
            }
            Err(e) => {
                pod.crashes += 1;
                let delay = backoff(pod.crashes);
                let msg = format!("{e:#}");
                self.p
                    .warn(format!("stand-in kubelet: {}: {msg}", pod.status.pod));
                log_line(&pod.log, &format!("cannot start: {msg}"));
                pod.next_start = Some(Instant::now() + delay);
                pod.status.state = PodState::CrashLoopBackOff;
                pod.status.last_exit = Some(format!("cannot start: {msg}"));
                pod.status.message = Some(msg);
            }
        }
        self.write_status(&pod.status);
    }

    fn write_status(&self, st: &PodStatus) {
        let path = self.status_dir.join(format!("{}.json", st.pod));
        let body = serde_json::to_vec_pretty(st).unwrap_or_default();
        if let Err(e) = write_real(&path, &body, 0o644) {
            self.p.warn(format!("stand-in kubelet: {e:#}"));
        }
    }

    /// SIGTERM, then SIGKILL after the grace period; waits for the exit.
    fn stop(&self, pod: &mut PodRun) {
        if let Some(mut child) = pod.child.take() {
            let pid = child.id();
            terminate(&mut [&mut child], self.s.grace);
            log_line(&pod.log, &format!("stopped pid {pid}"));
            self.say(format!("{}: stopped pid {pid}", pod.status.pod));
        }
    }

    fn stop_all(&mut self) {
        let mut pods: Vec<PodRun> = std::mem::take(&mut self.pods).into_values().collect();
        let mut children: Vec<&mut Child> =
            pods.iter_mut().filter_map(|p| p.child.as_mut()).collect();
        terminate(&mut children, self.s.grace);
        for pod in &mut pods {
            if let Some(c) = pod.child.take() {
                log_line(&pod.log, &format!("stopped pid {}", c.id()));
            }
            let _ = fs::remove_file(self.status_dir.join(format!("{}.json", pod.status.pod)));
        }
    }
}

/// Writes a file by its path on this machine, atomically.
fn write_real(path: &Path, data: &[u8], mode: u32) -> Result<()> {
    LocalNode::new(None).write_atomic(path, data, mode)
}

/// The node's kubelet config (`/var/lib/kubelet/config.yaml`), if it has
/// a readable one: the stand-in takes `staticPodPath` and the healthz
/// address from it, as the kubelet does.
fn kubelet_config(node: &LocalNode, p: &kforge::output::Printer) -> Option<serde_json::Value> {
    let path = Path::new(kforge::paths::KUBELET_CONFIG);
    let text = match kforge::node::read_string(node, path) {
        Ok(t) => t?,
        Err(e) => {
            p.warn(format!("stand-in kubelet: {e:#}"));
            return None;
        }
    };
    match serde_yaml_ng::from_str(&text) {
        Ok(v) => Some(v),
        Err(e) => {
            p.warn(format!(
                "stand-in kubelet: {}: {e}; using the defaults",
                node.real_path(path).display()
            ));
            None
        }
    }
}

/// Serves `/healthz` (plain HTTP, `ok`) where the kubelet config says, on
/// a thread that lives as long as the process. A taken port is a warning:
/// several stand-in kubelets may share a machine.
fn serve_healthz(cfg: &serde_json::Value, p: &kforge::output::Printer) {
    let (host, port) = match kforge::kubelet::healthz_address(cfg) {
        Ok(a) => a,
        Err(e) => {
            p.warn(format!(
                "stand-in kubelet: kubelet config: {e}; not serving /healthz"
            ));
            return;
        }
    };
    let shown = kforge::values::host_port(&host, port);
    let listener = match std::net::TcpListener::bind(shown.as_str()) {
        Ok(l) => l,
        Err(e) => {
            p.warn(format!(
                "stand-in kubelet: not serving /healthz on {shown}: {e}"
            ));
            return;
        }
    };
    p.status(format!("stand-in kubelet: serving http://{shown}/healthz"));
    std::thread::spawn(move || {
        for conn in listener.incoming() {
            let Ok(mut tcp) = conn else { continue };
            std::thread::spawn(move || {
                let _ = tcp.set_read_timeout(Some(Duration::from_secs(5)));
                let Ok(Some((_, target))) = standin::read_request_line(&mut tcp) else {
                    return;
                };
                let (code, body) = if target.split('?').next() == Some("/healthz") {
                    (200, "ok")
                } else {
                    (404, "404 page not found\n")
                };
                let mut out = standin::response_head(code, "text/plain; charset=utf-8", body.len());
                out.extend_from_slice(body.as_bytes());
                let _ = tcp.write_all(&out);
            });
        }
    });
}

fn backoff(crashes: u32) -> Duration {
    let shift = crashes.saturating_sub(1).min(8);
    (BACKOFF_START * (1u32 << shift)).min(BACKOFF_MAX)
}

fn describe_exit(s: std::process::ExitStatus) -> String {
    match (s.code(), s.signal()) {
        (Some(c), _) => format!("exit code {c}"),
        (None, Some(sig)) => format!("signal {sig}"),
        _ => "unknown".into(),
    }
}

/// One `==== kforge stand-in kubelet: … ====` line in a container log.
fn log_line(log: &Path, msg: &str) {
    if let Ok(mut f) = OpenOptions::new().create(true).append(true).open(log) {
        let _ = writeln!(
            f,
            "==== kforge stand-in kubelet {}: {msg} ====",
            rfc3339(now())
        );
    }
}

/// Starts `argv` in its own process group, stdout and stderr appended to
/// `log`, killed by the kernel if this process dies.
fn spawn(argv: &[String], log: &Path, restarts: u32) -> Result<Child> {
    if let Some(dir) = log.parent() {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    log_line(
        log,
        &format!("starting (restart {restarts}): {}", argv.join(" ")),
    );
    let out: File = OpenOptions::new()
        .create(true)
        .append(true)
        .open(log)
        .with_context(|| format!("opening {}", log.display()))?;
    let mut cmd = Command::new(&argv[0]);
    cmd.args(&argv[1..])
        .stdin(Stdio::null())
        .stdout(out.try_clone()?)
        .stderr(out);
    kforge::process::spawn(&mut cmd).with_context(|| format!("starting {}", argv[0]))
}

/// Reads a pod's status file on a node, if the stand-in kubelet runs it.
pub fn read_status(node: &dyn Node, pod: &str) -> Result<Option<PodStatus>> {
    let path = status_path(pod);
    match kforge::node::read_string(node, &path)? {
        None => Ok(None),
        Some(t) => Ok(Some(serde_json::from_str(&t).with_context(|| {
            format!(
                "{}: not a stand-in kubelet status file",
                node.real_path(&path).display()
            )
        })?)),
    }
}

/// The script `kforge-dev kubelet-binary` writes: a STAND-IN `kubelet`
/// that only answers `--version` (`Kubernetes v1.32.0`), for tests of code
/// that installs and checks kubelet binaries.
pub fn fake_kubelet_script(version: &kforge::versions::KubeVersion) -> String {
    format!(
        "#!/bin/sh\n\
         # STAND-IN kubelet written by `kforge-dev kubelet-binary`: not a kubelet,\n\
         # it only answers --version (for tests and demos).\n\
         case \"$1\" in\n  \
           --version) echo \"Kubernetes {version}\" ;;\n  \
           *) echo \"stand-in kubelet {version}: only --version is supported\" >&2; exit 1 ;;\n\
         esac\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_one_second_to_ten() {
        let secs: Vec<u64> = (1..=7).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(secs, [1, 2, 4, 8, 10, 10, 10]);
        assert_eq!(backoff(1000), BACKOFF_MAX);
    }

    #[test]
    fn fake_kubelet_prints_the_version() {
        let v: kforge::versions::KubeVersion = "v1.32.0".parse().unwrap();
        let s = fake_kubelet_script(&v);
        assert!(s.starts_with("#!/bin/sh\n"));
        assert!(s.contains("echo \"Kubernetes v1.32.0\""), "{s}");
    }
}
