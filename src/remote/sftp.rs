//! SFTP targets (`sftp://[user@]host[:port]/path`) over ssh2, connected
//! exactly as `join` connects (`node::ssh::SshNode::connect`): the host key
//! is checked against known_hosts first (a changed key is refused, an
//! unknown one accepted only with `--accept-new-host-keys`).
//!
//! An upload goes to a hidden temporary name in the target directory, is
//! fsynced (OpenSSH's fsync extension), closed, then renamed to its final
//! name. OpenSSH's SFTP rename links the new name and fails when it exists,
//! so a rename never replaces an object. A failed upload removes its
//! temporary file.

use super::{check_name, Object, Store, Upload};
use crate::node::{SshNode, SshTarget};
use anyhow::{bail, Context, Result};
use ssh2::{OpenFlags, OpenType, RenameFlags, Session, Sftp};
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

const TEMP_PREFIX: &str = ".kforge-upload-";
const TEMP_SUFFIX: &str = ".part";

/// The object name a temporary upload file is for:
/// `.kforge-upload-NAME.RANDOM.part`.
fn temp_for(file: &str) -> Option<&str> {
    let inner = file.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?;
    let (name, random) = inner.rsplit_once('.')?;
    (random.len() == 16 && random.bytes().all(|b| b.is_ascii_hexdigit())).then_some(name)
}

/// How to authenticate and trust the server (as `join`'s flags).
#[derive(Debug, Clone, Default)]
pub struct SftpOptions {
    /// Private key (default: the ssh-agent when `SSH_AUTH_SOCK` is set,
    /// else ~/.ssh/id_ed25519).
    pub key_file: Option<PathBuf>,
    /// known_hosts (default ~/.ssh/known_hosts).
    pub known_hosts: Option<PathBuf>,
    pub accept_new_host_keys: bool,
}

pub struct SftpStore {
    url: String,
    dir: PathBuf,
    // The session must outlive the SFTP channel.
    sftp: Arc<Sftp>,
    _sess: Arc<Session>,
}

impl SftpStore {
    pub fn open(
        user: Option<&str>,
        host: &str,
        port: u16,
        path: &str,
        o: &SftpOptions,
    ) -> Result<SftpStore> {
        let url = super::TargetUrl::Sftp {
            user: user.map(str::to_string),
            host: host.to_string(),
            port,
            path: path.to_string(),
        }
        .to_string();
        let home = PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/root".into()));
        let agent = o.key_file.is_none() && std::env::var_os("SSH_AUTH_SOCK").is_some();
        let t = SshTarget {
            address: host.to_string(),
            port,
            user: user
                .map(str::to_string)
                .unwrap_or_else(|| std::env::var("USER").unwrap_or_else(|_| "root".into())),
            key_file: o
                .key_file
                .clone()
                .unwrap_or_else(|| home.join(".ssh/id_ed25519")),
            access: crate::node::SshAccess {
                passphrase: None,
                agent,
                known_hosts: o
                    .known_hosts
                    .clone()
                    .unwrap_or_else(|| home.join(".ssh/known_hosts")),
                accept_new_host_keys: o.accept_new_host_keys,
                timeout: Duration::from_secs(30),
            },
            // A backup target is written as its SSH user, over SFTP.
            sudo: false,
        };
        let node = SshNode::connect(&t).with_context(|| url.to_string())?;
        let (sess, sftp) = node.into_sftp();
        let dir = PathBuf::from(path);
        match sftp.stat(&dir) {
            Ok(st) if st.is_dir() => {}
            Ok(_) => bail!("{url}: {path} is not a directory"),
            Err(e) => return Err(e).with_context(|| format!("{url}: {path}")),
        }
        Ok(SftpStore {
            url,
            dir,
            sftp: Arc::new(sftp),
            _sess: Arc::new(sess),
        })
    }
}

struct SftpUpload {
    file: Option<ssh2::File>,
    tmp: PathBuf,
    final_path: PathBuf,
    url: String,
    sftp: Arc<Sftp>,
    _sess: Arc<Session>,
    written: u64,
}

impl Write for SftpUpload {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let f = self
            .file
            .as_mut()
            .ok_or_else(|| std::io::Error::other("closed"))?;
        let n = f.write(buf)?;
        self.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Upload for SftpUpload {
    fn finish(mut self: Box<Self>) -> Result<u64> {
        let mut f = self.file.take().expect("open until finished");
        let done = (|| {
            f.fsync()
                .with_context(|| format!("{}: fsync {}", self.url, self.tmp.display()))?;
            f.close()
                .with_context(|| format!("{}: closing {}", self.url, self.tmp.display()))?;
            drop(f);
            self.sftp
                .rename(&self.tmp, &self.final_path, Some(RenameFlags::empty()))
                .with_context(|| {
                    format!(
                        "{}: renaming to {} (exists already?)",
                        self.url,
                        self.final_path.display()
                    )
                })
        })();
        if let Err(e) = done {
            let _ = self.sftp.unlink(&self.tmp);
            return Err(e);
        }
        Ok(self.written)
    }
    fn abort(mut self: Box<Self>) -> Result<()> {
        drop(self.file.take());
        self.sftp
            .unlink(&self.tmp)
            .with_context(|| format!("{}: removing {}", self.url, self.tmp.display()))
    }
}

struct SftpReader {
    file: ssh2::File,
    _sftp: Arc<Sftp>,
    _sess: Arc<Session>,
}

impl Read for SftpReader {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.file.read(buf)
    }
}

impl Store for SftpStore {
    fn url(&self) -> String {
        self.url.clone()
    }

    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        check_name(name)?;
        let final_path = self.dir.join(name);
        if self.sftp.lstat(&final_path).is_ok() {
            bail!("{}/{name}: exists already; not replaced", self.url);
        }
        // The name it is for is in the temporary name: the next upload of
        // this node's snapshots removes what a killed run left.
        let tmp = self.dir.join(format!(
            "{TEMP_PREFIX}{name}.{:016x}{TEMP_SUFFIX}",
            rand::random::<u64>()
        ));
        let file = self
            .sftp
            .open_mode(
                &tmp,
                OpenFlags::WRITE | OpenFlags::CREATE | OpenFlags::EXCLUSIVE,
                0o600,
                OpenType::File,
            )
            .with_context(|| format!("{}: creating {}", self.url, tmp.display()))?;
        Ok(Box::new(SftpUpload {
            file: Some(file),
            tmp,
            final_path,
            url: self.url.clone(),
            sftp: self.sftp.clone(),
            _sess: self._sess.clone(),
            written: 0,
        }))
    }

    fn list(&self) -> Result<Vec<Object>> {
        let entries = self
            .sftp
            .readdir(&self.dir)
            .with_context(|| format!("{}: listing", self.url))?;
        Ok(entries
            .into_iter()
            .filter(|(_, st)| st.is_file())
            .filter_map(|(p, st)| {
                Some(Object {
                    name: p.file_name()?.to_string_lossy().into_owned(),
                    size: st.size.unwrap_or(0),
                    modified: st
                        .mtime
                        .and_then(|t| time::OffsetDateTime::from_unix_timestamp(t as i64).ok()),
                })
            })
            .collect())
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        check_name(name)?;
        let p = self.dir.join(name);
        let file = self
            .sftp
            .open(&p)
            .with_context(|| format!("{}/{name}", self.url))?;
        Ok(Box::new(SftpReader {
            file,
            _sftp: self.sftp.clone(),
            _sess: self._sess.clone(),
        }))
    }

    fn delete(&self, name: &str) -> Result<()> {
        check_name(name)?;
        self.sftp
            .unlink(&self.dir.join(name))
            .with_context(|| format!("{}/{name}: delete", self.url))
    }

    /// Removes the temporary files of uploads of objects `mine` accepts
    /// (this node's: it runs one upload at a time) that a killed run left.
    fn abort_unfinished(&self, mine: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
        let entries = self
            .sftp
            .readdir(&self.dir)
            .with_context(|| format!("{}: listing", self.url))?;
        let mut lines = Vec::new();
        for (p, st) in entries {
            let Some(file) = p.file_name().map(|f| f.to_string_lossy().into_owned()) else {
                continue;
            };
            if !st.is_file() || !temp_for(&file).is_some_and(mine) {
                continue;
            }
            match self.sftp.unlink(&p) {
                Ok(()) => lines.push(format!(
                    "{}/{file}: removed (left by a killed upload)",
                    self.url
                )),
                Err(e) => lines.push(format!("{}/{file}: could not remove it: {e}", self.url)),
            }
        }
        Ok(lines)
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn temporary_names_carry_their_object() {
        let n = "etcd-cp1-20261201T120000.000Z-rev42.db.age";
        let t = format!(
            "{}{n}.{:016x}{}",
            super::TEMP_PREFIX,
            7u64,
            super::TEMP_SUFFIX
        );
        assert_eq!(super::temp_for(&t), Some(n));
        assert_eq!(super::temp_for(".kforge-upload-x.part"), None);
        assert_eq!(super::temp_for(n), None);
    }
}
