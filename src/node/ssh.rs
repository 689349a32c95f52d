//! A node reached over SSH (ssh2): SFTP for files, exec for commands.
//!
//! The host key is checked against a known_hosts file before anything else
//! happens: a changed key is always refused, an unknown one only accepted
//! with `accept_new` (OpenSSH's StrictHostKeyChecking=accept-new), which
//! then appends it to the file. Writes are atomic on the remote side: a
//! temporary file in the same directory, fsync (OpenSSH's fsync extension),
//! exact mode, then a POSIX rename over the target.

use super::{CommandOutput, Node};
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use ssh2::{
    CheckResult, ErrorCode, HostKeyType, KnownHostFileKind, OpenFlags, OpenType, RenameFlags,
    Session, Sftp,
};
use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

/// How to reach and trust hosts: what every host of one command shares.
#[derive(Debug, Clone)]
pub struct SshAccess {
    pub known_hosts: PathBuf,
    pub accept_new_host_keys: bool,
    /// Connect timeout, and how long a remote command may run.
    pub timeout: Duration,
    /// The key files' passphrase (read from a file, never a flag value).
    pub passphrase: Option<Passphrase>,
    /// Authenticate with the identities of the running ssh-agent
    /// (`SSH_AUTH_SOCK`) instead of the key file.
    pub agent: bool,
}

/// One host to reach: its address and login, and the shared [`SshAccess`].
#[derive(Debug, Clone)]
pub struct SshTarget {
    pub address: String,
    pub port: u16,
    pub user: String,
    pub key_file: PathBuf,
    /// Work as root through `sudo -n` (passwordless sudo) when the user is
    /// not root: files through commands instead of SFTP.
    pub sudo: bool,
    pub access: SshAccess,
}

struct Conn {
    sess: Session,
    sftp: Sftp,
}

pub struct SshNode {
    label: String,
    conn: Mutex<Conn>,
    /// Connect timeout, and how long a remote command may run.
    timeout: Duration,
    /// Files and commands through `sudo -n` ([`SshTarget::sudo`]).
    sudo: bool,
    /// The host key was unknown and recorded by this connection.
    pub accepted_new_key: bool,
}

/// A key passphrase; never printed.
#[derive(Clone)]
pub struct Passphrase(pub String);

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Passphrase(..)")
    }
}

/// Tries each identity of the ssh-agent at `SSH_AUTH_SOCK` in turn.
fn agent_auth(sess: &Session, user: &str, label: &str) -> Result<()> {
    let mut agent = sess
        .agent()
        .with_context(|| format!("{label}: cannot use the ssh-agent"))?;
    agent
        .connect()
        .with_context(|| format!("{label}: cannot connect to the ssh-agent (SSH_AUTH_SOCK)"))?;
    agent
        .list_identities()
        .with_context(|| format!("{label}: cannot list the ssh-agent's keys"))?;
    let ids = agent
        .identities()
        .with_context(|| format!("{label}: cannot list the ssh-agent's keys"))?;
    if ids.is_empty() {
        bail!("{label}: the ssh-agent holds no keys (ssh-add one, or give --ssh-key)");
    }
    for id in &ids {
        if agent.userauth(user, id).is_ok() && sess.authenticated() {
            let _ = agent.disconnect();
            return Ok(());
        }
    }
    let _ = agent.disconnect();
    bail!(
        "{label}: authentication as {user} failed with each of the ssh-agent's {} key(s)",
        ids.len()
    )
}

/// SFTP status "no such file".
const FX_NO_SUCH_FILE: i32 = 2;

fn is_not_found(e: &ssh2::Error) -> bool {
    matches!(e.code(), ErrorCode::SFTP(FX_NO_SUCH_FILE))
}

/// Serializes appends to a known_hosts file shared by parallel connections.
static KNOWN_HOSTS_LOCK: Mutex<()> = Mutex::new(());

fn key_type_name(t: HostKeyType) -> &'static str {
    match t {
        HostKeyType::Rsa => "ssh-rsa",
        HostKeyType::Dss => "ssh-dss",
        HostKeyType::Ecdsa256 => "ecdsa-sha2-nistp256",
        HostKeyType::Ecdsa384 => "ecdsa-sha2-nistp384",
        HostKeyType::Ecdsa521 => "ecdsa-sha2-nistp521",
        HostKeyType::Ed25519 => "ssh-ed25519",
        HostKeyType::Unknown => "unknown",
    }
}

/// `host` or `[host]:port`, as OpenSSH writes known_hosts entries.
fn known_hosts_name(host: &str, port: u16) -> String {
    if port == 22 {
        host.to_string()
    } else {
        format!("[{host}]:{port}")
    }
}

impl SshNode {
    /// Connects, verifies the host key, authenticates with the key file.
    pub fn connect(t: &SshTarget) -> Result<SshNode> {
        let label = format!(
            "{}@{}",
            t.user,
            crate::values::host_port(&t.address, t.port)
        );
        let addr = (t.address.as_str(), t.port)
            .to_socket_addrs()
            .with_context(|| format!("{label}: cannot resolve"))?
            .next()
            .ok_or_else(|| anyhow!("{label}: no address"))?;
        let a = &t.access;
        let tcp = TcpStream::connect_timeout(&addr, a.timeout)
            .with_context(|| format!("{label}: cannot connect"))?;
        let mut sess = Session::new().context("creating an SSH session")?;
        sess.set_tcp_stream(tcp);
        sess.set_timeout(a.timeout.as_millis().min(u32::MAX as u128) as u32);
        // Prefer ed25519 host keys: that is what a known_hosts file made by
        // OpenSSH has first, and what libssh2 otherwise does not ask for.
        sess.method_pref(
            ssh2::MethodType::HostKey,
            "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa",
        )
        .ok();
        sess.handshake()
            .with_context(|| format!("{label}: SSH handshake failed"))?;
        let accepted_new_key = verify_host_key(&sess, t, &label)?;
        if a.agent {
            agent_auth(&sess, &t.user, &label)?;
        } else {
            let pass = a.passphrase.as_ref().map(|p| p.0.as_str());
            sess.userauth_pubkey_file(&t.user, None, &t.key_file, pass)
                .with_context(|| {
                    format!(
                        "{label}: authentication with {} failed",
                        t.key_file.display()
                    )
                })?;
            if !sess.authenticated() {
                bail!(
                    "{label}: authentication with {} failed",
                    t.key_file.display()
                );
            }
        }
        let sftp = sess
            .sftp()
            .with_context(|| format!("{label}: cannot start SFTP"))?;
        let node = SshNode {
            label,
            conn: Mutex::new(Conn { sess, sftp }),
            timeout: a.timeout,
            sudo: t.sudo && t.user != "root",
            accepted_new_key,
        };
        if node.sudo {
            // Passwordless sudo, checked once: a password prompt would hang
            // every later command until its timeout.
            let c = node.conn.lock().unwrap();
            let out = node.exec_raw(&c, "sudo -n true", "sudo -n true")?;
            drop(c);
            if !out.success() {
                bail!(
                    "{}: --ssh-sudo: `sudo -n true` failed: {} (kforge needs passwordless sudo for {}: a NOPASSWD rule in sudoers, or connect as root)",
                    node.label,
                    out.stderr.trim(),
                    t.user
                );
            }
        }
        Ok(node)
    }

    /// The verified, authenticated session and its SFTP channel, for
    /// callers that stream files themselves (off-node backup targets).
    pub fn into_sftp(self) -> (Session, Sftp) {
        let c = self.conn.into_inner().unwrap_or_else(|p| p.into_inner());
        (c.sess, c.sftp)
    }

    fn err(&self, what: String) -> impl FnOnce(ssh2::Error) -> anyhow::Error + '_ {
        move |e| anyhow::Error::new(e).context(format!("{}: {what}", self.label))
    }
}

/// Checks the host key; `Ok(true)` when it was first seen and recorded now.
fn verify_host_key(sess: &Session, t: &SshTarget, label: &str) -> Result<bool> {
    let (key, kind) = sess
        .host_key()
        .ok_or_else(|| anyhow!("{label}: the server sent no host key"))?;
    let (address, port) = (t.address.as_str(), t.port);
    let t = &t.access;
    let mut kh = sess.known_hosts()?;
    if t.known_hosts.exists() {
        kh.read_file(&t.known_hosts, KnownHostFileKind::OpenSSH)
            .with_context(|| format!("reading known hosts {}", t.known_hosts.display()))?;
    }
    match kh.check_port(address, port, key) {
        CheckResult::Match => Ok(false),
        CheckResult::Mismatch => bail!(
            "{label}: HOST KEY CHANGED: the {} key it offers does not match {}; refusing to connect \
             (if the host was re-installed, remove its old entry: ssh-keygen -f {} -R {})",
            key_type_name(kind),
            t.known_hosts.display(),
            shell_quote(&t.known_hosts.to_string_lossy()),
            shell_quote(&known_hosts_name(address, port))
        ),
        CheckResult::NotFound if t.accept_new_host_keys => {
            let _g = KNOWN_HOSTS_LOCK.lock().unwrap_or_else(|p| p.into_inner());
            let mut text = fs_err::read_to_string(&t.known_hosts).unwrap_or_default();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(&format!(
                "{} {} {}\n",
                known_hosts_name(address, port),
                key_type_name(kind),
                base64::engine::general_purpose::STANDARD.encode(key)
            ));
            // Through a symlink to its target, keeping the file's mode (0600 when new).
            let real = fs_err::canonicalize(&t.known_hosts).unwrap_or_else(|_| t.known_hosts.clone());
            let mode = fs_err::metadata(&real)
                .map(|m| {
                    use std::os::unix::fs::PermissionsExt;
                    m.permissions().mode() & 0o7777
                })
                .unwrap_or(0o600);
            crate::node::write_atomic_local(&real, text.as_bytes(), mode)?;
            tracing::info!("{label}: added its {} host key to {}", key_type_name(kind), t.known_hosts.display());
            Ok(true)
        }
        CheckResult::NotFound => bail!(
            "{label}: host key not in {} (first contact: pass --accept-new-host-keys after checking the host is the right one)",
            t.known_hosts.display()
        ),
        CheckResult::Failure => bail!("{label}: host key check failed"),
    }
}

/// POSIX single-quoting for the remote shell.
pub fn shell_quote(s: &str) -> String {
    if !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"-_./=:,@+".contains(&b))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    }
}

impl Node for SshNode {
    fn describe(&self) -> String {
        self.label.clone()
    }

    fn read(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            let line = format!("[ -e {p} ] || exit {ABSENT}; exec cat -- {p}");
            return match self.sudo_sh(&c, &line, None)? {
                (0, out, _) => Ok(Some(out)),
                (ABSENT, _, _) => Ok(None),
                (_, _, err) => bail!(
                    "{}: reading {} (sudo): {}",
                    self.label,
                    path.display(),
                    err.trim()
                ),
            };
        }
        match c.sftp.open(path) {
            Ok(mut f) => {
                let mut buf = Vec::new();
                f.read_to_end(&mut buf)
                    .with_context(|| format!("{}: reading {}", self.label, path.display()))?;
                Ok(Some(buf))
            }
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(self.err(format!("opening {}", path.display()))(e)),
        }
    }

    fn write_atomic(&self, path: &Path, data: &[u8], mode: u32) -> Result<()> {
        let parent = path
            .parent()
            .ok_or_else(|| anyhow!("{}: no parent directory", path.display()))?;
        self.create_dir_all(parent, 0o755)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = parent.join(format!(".{name}.kforge-{:016x}.tmp", rand::random::<u64>()));
        let c = self.conn.lock().unwrap();
        if self.sudo {
            // umask 077: the bytes (a private key, maybe) are never readable
            // by others, before the exact mode is set.
            let (t, p) = (q(&tmp), q(path));
            let line = format!(
                "umask 077; if dd of={t} conv=fsync status=none && chmod {mode:o} {t} && mv -f -- {t} {p}; then exit 0; fi; rm -f -- {t}; exit 1"
            );
            self.sudo_ok(
                &c,
                &line,
                &format!("writing {}", path.display()),
                Some(data),
            )?;
            return Ok(());
        }
        let result = (|| -> Result<()> {
            let mut f = c
                .sftp
                .open_mode(
                    &tmp,
                    OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::EXCLUSIVE,
                    mode as i32,
                    OpenType::File,
                )
                .map_err(self.err(format!("creating {}", tmp.display())))?;
            f.write_all(data)
                .with_context(|| format!("{}: writing {}", self.label, tmp.display()))?;
            f.fsync()
                .map_err(self.err(format!("fsync {}", tmp.display())))?;
            f.setstat(ssh2::FileStat {
                size: None,
                uid: None,
                gid: None,
                perm: Some(mode),
                atime: None,
                mtime: None,
            })
            .map_err(self.err(format!("setting mode of {}", tmp.display())))?;
            drop(f);
            let renamed = c.sftp.rename(
                &tmp,
                path,
                Some(RenameFlags::OVERWRITE | RenameFlags::ATOMIC | RenameFlags::NATIVE),
            );
            if let Err(e) = renamed {
                // OpenSSH's sftp-server speaks SFTP v3, whose rename refuses
                // an existing target; rename(2) through `mv` replaces it
                // atomically (same directory, same file system).
                let line = format!(
                    "mv -f -- {} {}",
                    shell_quote(&tmp.to_string_lossy()),
                    shell_quote(&path.to_string_lossy())
                );
                let out = self.exec(&c, &line)?;
                if !out.success() {
                    bail!(
                        "{}: renaming into place: {}: {e}; {}",
                        self.label,
                        path.display(),
                        out.stderr.trim()
                    );
                }
            }
            Ok(())
        })();
        if result.is_err() {
            let _ = c.sftp.unlink(&tmp);
        }
        result
    }

    fn exists(&self, path: &Path) -> Result<bool> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            let line = format!("if [ -e {p} ] || [ -L {p} ]; then exit 0; fi; exit {ABSENT}");
            return match self.sudo_sh(&c, &line, None)? {
                (0, _, _) => Ok(true),
                (ABSENT, _, _) => Ok(false),
                (_, _, err) => bail!(
                    "{}: checking {} (sudo): {}",
                    self.label,
                    path.display(),
                    err.trim()
                ),
            };
        }
        match c.sftp.lstat(path) {
            Ok(_) => Ok(true),
            Err(e) if is_not_found(&e) => Ok(false),
            Err(e) => Err(self.err(format!("checking {}", path.display()))(e)),
        }
    }

    fn meta(&self, path: &Path) -> Result<Option<super::FileMeta>> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            let line = format!("[ -e {p} ] || exit {ABSENT}; exec stat -L -c '%a %u %g' -- {p}");
            let (status, out, err) = self.sudo_sh(&c, &line, None)?;
            if status == ABSENT {
                return Ok(None);
            }
            let text = String::from_utf8_lossy(&out);
            let f: Vec<&str> = text.split_whitespace().collect();
            let parsed = match f[..] {
                [m, u, g] if status == 0 => (|| {
                    Some(super::FileMeta {
                        mode: u32::from_str_radix(m, 8).ok()? & 0o7777,
                        uid: u.parse().ok()?,
                        gid: g.parse().ok()?,
                    })
                })(),
                _ => None,
            };
            return parsed.map(Some).ok_or_else(|| {
                anyhow!(
                    "{}: checking {} (sudo): {}{}",
                    self.label,
                    path.display(),
                    text.trim(),
                    err.trim()
                )
            });
        }
        match c.sftp.stat(path) {
            Ok(st) => Ok(Some(super::FileMeta {
                mode: st.perm.unwrap_or(0) & 0o7777,
                uid: st.uid.unwrap_or(u32::MAX),
                gid: st.gid.unwrap_or(u32::MAX),
            })),
            Err(e) if is_not_found(&e) => Ok(None),
            Err(e) => Err(self.err(format!("checking {}", path.display()))(e)),
        }
    }

    fn list_dir(&self, path: &Path) -> Result<Vec<String>> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            let line = format!("[ -e {p} ] || exit {ABSENT}; exec ls -A1 -- {p}/");
            return match self.sudo_sh(&c, &line, None)? {
                (0, out, _) => {
                    let mut names: Vec<String> = String::from_utf8_lossy(&out)
                        .lines()
                        .filter(|n| !n.is_empty())
                        .map(str::to_string)
                        .collect();
                    names.sort();
                    Ok(names)
                }
                (ABSENT, _, _) => Ok(vec![]),
                (_, _, err) => bail!(
                    "{}: listing {} (sudo): {}",
                    self.label,
                    path.display(),
                    err.trim()
                ),
            };
        }
        match c.sftp.readdir(path) {
            Ok(entries) => {
                let mut names: Vec<String> = entries
                    .into_iter()
                    .filter_map(|(p, _)| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                    .filter(|n| n != "." && n != "..")
                    .collect();
                names.sort();
                Ok(names)
            }
            Err(e) if is_not_found(&e) => Ok(vec![]),
            Err(e) => Err(self.err(format!("listing {}", path.display()))(e)),
        }
    }

    fn remove(&self, path: &Path) -> Result<()> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            // unlink(2), as SFTP's remove: never a directory.
            let line = format!("if [ -d {p} ] && [ ! -L {p} ]; then echo 'is a directory' >&2; exit 1; fi; exec rm -f -- {p}");
            self.sudo_ok(&c, &line, &format!("removing {}", path.display()), None)?;
            return Ok(());
        }
        match c.sftp.unlink(path) {
            Ok(()) => Ok(()),
            Err(e) if is_not_found(&e) => Ok(()),
            Err(e) => Err(self.err(format!("removing {}", path.display()))(e)),
        }
    }

    /// `mkdir -p -m MODE` over SFTP (no remote command): the missing
    /// directories are made top down, the last one with `mode`, the others
    /// 0755; an existing directory is left as it is.
    fn create_dir_all(&self, path: &Path, mode: u32) -> Result<()> {
        let c = self.conn.lock().unwrap();
        if self.sudo {
            let p = q(path);
            let line = format!(
                "[ -d {p} ] && exit 0; if [ -e {p} ]; then echo '{} is not a directory' >&2; exit 1; fi; umask 022; mkdir -p -- {p} && chmod {mode:o} {p}",
                path.display().to_string().replace('\'', "")
            );
            self.sudo_ok(&c, &line, &format!("mkdir -p {}", path.display()), None)?;
            return Ok(());
        }
        let mut missing = Vec::new();
        let mut p = path;
        loop {
            match c.sftp.stat(p) {
                Ok(st) if st.is_dir() => break,
                Ok(_) => bail!(
                    "{}: mkdir -p {}: {} is not a directory",
                    self.label,
                    path.display(),
                    p.display()
                ),
                Err(e) if is_not_found(&e) => {
                    missing.push(p);
                    match p.parent() {
                        Some(up) if !up.as_os_str().is_empty() => p = up,
                        _ => break,
                    }
                }
                Err(e) => return Err(self.err(format!("checking {}", p.display()))(e)),
            }
        }
        for d in missing.into_iter().rev() {
            let m = if d == path { mode } else { 0o755 };
            if let Err(e) = c.sftp.mkdir(d, m as i32) {
                // Made meanwhile by someone else: fine.
                if c.sftp.stat(d).is_ok_and(|st| st.is_dir()) {
                    continue;
                }
                return Err(self.err(format!("mkdir {}", d.display()))(e));
            }
            // The server's umask may have narrowed the mode.
            c.sftp
                .setstat(
                    d,
                    ssh2::FileStat {
                        size: None,
                        uid: None,
                        gid: None,
                        perm: Some(m),
                        atime: None,
                        mtime: None,
                    },
                )
                .map_err(self.err(format!("setting mode of {}", d.display())))?;
        }
        Ok(())
    }

    fn run(&self, argv: &[&str]) -> Result<CommandOutput> {
        let line: Vec<String> = argv.iter().map(|a| shell_quote(a)).collect();
        let c = self.conn.lock().unwrap();
        self.exec_limited(&c, &line.join(" "), self.sudo, None)
            .map(output)
    }
}

impl SshNode {
    /// Runs a shell command line on the connection (held locked by the caller).
    ///
    /// The command gets the node's timeout: it is killed on the remote side
    /// (with its process group, by coreutils' `timeout` where the host has
    /// it) and reported as timed out, never left running.
    fn exec(&self, c: &Conn, line: &str) -> Result<CommandOutput> {
        self.exec_limited(c, line, false, None).map(output)
    }

    /// Runs the shell command `line` (as root through `sudo -n` when
    /// `sudo`) with `stdin` as its input, killed on the remote side after
    /// the node's timeout (with its process group, by coreutils' `timeout`
    /// where the host has it) and then reported as timed out.
    fn exec_limited(
        &self,
        c: &Conn,
        line: &str,
        sudo: bool,
        stdin: Option<&[u8]>,
    ) -> Result<(i32, Vec<u8>, String)> {
        let secs = self.timeout.as_secs_f64().ceil().max(1.0) as u64;
        let q = shell_quote(line);
        let limited = format!(
            "if command -v timeout >/dev/null 2>&1; then exec timeout -k 1 {secs} sh -c {q}; else exec sh -c {q}; fi"
        );
        let wrapped = if sudo {
            format!("sudo -n -- sh -c {}", shell_quote(&limited))
        } else {
            limited
        };
        // Our side waits a little longer than the remote kill.
        let ms = |d: Duration| d.as_millis().min(u32::MAX as u128) as u32;
        c.sess
            .set_timeout(ms(self.timeout + Duration::from_secs(2)));
        let result = self.exec_io(c, &wrapped, line, stdin);
        c.sess.set_timeout(ms(self.timeout));
        let out = result?;
        if out.0 == TIMED_OUT {
            bail!(
                "{}: `{}{line}` did not finish within {secs}s (--ssh-timeout) and was killed",
                self.label,
                if sudo { "sudo " } else { "" }
            );
        }
        Ok(out)
    }

    fn exec_raw(&self, c: &Conn, wrapped: &str, line: &str) -> Result<CommandOutput> {
        self.exec_io(c, wrapped, line, None).map(output)
    }

    /// Runs `wrapped` with `stdin` (then EOF) as its input; its exit
    /// status, stdout as bytes, and stderr.
    fn exec_io(
        &self,
        c: &Conn,
        wrapped: &str,
        line: &str,
        stdin: Option<&[u8]>,
    ) -> Result<(i32, Vec<u8>, String)> {
        let mut ch = c
            .sess
            .channel_session()
            .map_err(self.err("opening a channel".into()))?;
        ch.exec(wrapped)
            .map_err(self.err(format!("running {line}")))?;
        if let Some(data) = stdin {
            ch.write_all(data)
                .with_context(|| format!("{}: sending input to {line}", self.label))?;
            ch.send_eof()
                .map_err(self.err(format!("ending input of {line}")))?;
        }
        let mut stdout = Vec::new();
        let mut stderr = String::new();
        ch.read_to_end(&mut stdout)
            .with_context(|| format!("{}: reading output of {line}", self.label))?;
        ch.stderr().read_to_string(&mut stderr).ok();
        ch.wait_close()
            .map_err(self.err(format!("finishing {line}")))?;
        let status = ch
            .exit_status()
            .map_err(self.err(format!("exit status of {line}")))?;
        Ok((status, stdout, stderr))
    }

    /// Runs the shell command `line` as root through `sudo -n`, with the
    /// node's timeout and `stdin` as its input.
    fn sudo_sh(
        &self,
        c: &Conn,
        line: &str,
        stdin: Option<&[u8]>,
    ) -> Result<(i32, Vec<u8>, String)> {
        self.exec_limited(c, line, true, stdin)
    }

    /// [`SshNode::sudo_sh`] that must succeed; its stdout.
    fn sudo_ok(&self, c: &Conn, line: &str, what: &str, stdin: Option<&[u8]>) -> Result<Vec<u8>> {
        let (status, out, err) = self.sudo_sh(c, line, stdin)?;
        if status != 0 {
            bail!("{}: {what} (sudo): {}", self.label, err.trim());
        }
        Ok(out)
    }
}

/// A command's exit status, stdout and stderr as a [`CommandOutput`].
fn output((status, stdout, stderr): (i32, Vec<u8>, String)) -> CommandOutput {
    CommandOutput {
        status,
        stdout: String::from_utf8_lossy(&stdout).into_owned(),
        stderr,
    }
}

/// Exit status the sudo-mode file commands use for "no such file".
const ABSENT: i32 = 3;

/// `path` quoted for the remote shell.
fn q(path: &Path) -> String {
    shell_quote(&path.to_string_lossy())
}

/// coreutils `timeout`'s exit status when it killed the command.
const TIMED_OUT: i32 = 124;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("/etc/kubernetes"), "/etc/kubernetes");
        assert_eq!(shell_quote("a b"), "'a b'");
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_quote(""), "''");
        assert_eq!(known_hosts_name("198.18.0.11", 22), "198.18.0.11");
        assert_eq!(known_hosts_name("198.18.0.11", 2222), "[198.18.0.11]:2222");
    }
}
