//! Off-node backup targets: where a snapshot goes besides the node's own
//! disk, and the age encryption of what goes there.
//!
//! A target is named by a URL (`s3://bucket/prefix`,
//! `sftp://[user@]host[:port]/path`, or a plain directory path) and offers
//! one small synchronous interface, [`Store`]: a streaming, create-only
//! `put`, `list`, a streaming `get`, and `delete`. Names are flat (no `/`):
//! each target holds one folder of snapshots. A URL never carries a
//! secret: one with an S3 key pair or an SFTP password is refused, and
//! messages show it [`redact`]ed.
//!
//! - [`s3`]: `object_store` (its `aws` feature): SigV4, multipart upload in
//!   parts of [`PART_SIZE`] with per-request retries and backoff; a failed
//!   (or stopped: signal, `save --timeout`) upload aborts its multipart upload.
//! - [`sftp`]: ssh2, host key checked against known_hosts as `join` does;
//!   the bytes go to a temporary name, are fsynced, then renamed to a name
//!   that did not exist.
//! - [`local`]: a directory (an NFS mount, a USB disk): temporary file,
//!   fsync, rename without replacing.
//! - [`crypt`]: age (X25519) recipients and identities; encryption and
//!   decryption as streams.
//!
//! Memory stays bounded whatever the snapshot size: the bytes move in
//! chunks, and S3 keeps at most a few parts in flight.
//!
//! This module knows nothing of etcd: naming, retention and verification of
//! snapshots are `etcd::offsite`'s.

pub mod crypt;
pub mod local;
pub mod s3;
pub mod sftp;

use anyhow::{bail, Result};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Size of one S3 part, and of the chunks the other targets move.
pub const PART_SIZE: usize = 8 << 20;

/// A parsed target URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetUrl {
    S3 {
        bucket: String,
        /// Key prefix without leading or trailing `/` (may be empty).
        prefix: String,
    },
    Sftp {
        user: Option<String>,
        host: String,
        port: u16,
        /// Absolute directory on the server.
        path: String,
    },
    Local(PathBuf),
}

impl TargetUrl {
    /// Parses `s3://…`, `sftp://…` or a plain path. A URL with another
    /// scheme is refused (a typo must not become a local directory).
    ///
    /// A URL carrying a secret (an S3 key pair, an SFTP password) is
    /// refused, and no error repeats it: errors show the [`redact`]ed URL.
    pub fn parse(input: &str) -> Result<TargetUrl> {
        let shown = redact(input);
        let s = shown.as_str();
        if let Some(rest) = input.strip_prefix("s3://") {
            if rest.split('/').next().is_some_and(|a| a.contains('@')) {
                bail!(
                    "{s}: credentials in an S3 URL are not accepted (and not repeated here): use AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, --s3-credentials-file FILE or the machine's role"
                );
            }
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                bail!("{s}: no bucket (s3://BUCKET/PREFIX)");
            }
            if !bucket
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
            {
                bail!("{s}: bucket {bucket:?} is not a valid S3 bucket name");
            }
            let prefix = prefix.trim_matches('/').to_string();
            if prefix.split('/').any(|p| p == "." || p == "..") || prefix.contains("//") {
                bail!("{s}: the prefix must not hold '.', '..' or empty segments");
            }
            if prefix.chars().any(char::is_control) {
                bail!("{s}: the prefix must not hold control characters");
            }
            return Ok(TargetUrl::S3 {
                bucket: bucket.to_string(),
                prefix,
            });
        }
        if let Some(rest) = input.strip_prefix("sftp://") {
            let (authority, path) = match rest.find('/') {
                Some(i) => (&rest[..i], &rest[i..]),
                None => bail!("{s}: no path (sftp://[USER@]HOST[:PORT]/PATH)"),
            };
            let (user, hostport) = match authority.rsplit_once('@') {
                Some((u, _)) if u.contains(':') => bail!(
                    "{s}: a password in an sftp URL is not accepted (and not repeated here): kforge logs in with a key (--ssh-key FILE) or the ssh-agent"
                ),
                Some((u, h)) if !u.is_empty() => (Some(u.to_string()), h),
                Some(_) => bail!("{s}: empty user name"),
                None => (None, authority),
            };
            // The one host:port rule; a port, when given, is 1 to 65535.
            let (host, port) = crate::values::split_host_port(hostport)
                .map_err(|e| anyhow::anyhow!("{s}: {e}"))?;
            let port = port.unwrap_or(22);
            if host.is_empty() {
                bail!("{s}: no host");
            }
            let path = path.trim_end_matches('/');
            let path = if path.is_empty() { "/" } else { path };
            return Ok(TargetUrl::Sftp {
                user,
                host,
                port,
                path: path.to_string(),
            });
        }
        if let Some((scheme, _)) = s.split_once("://") {
            bail!("{s}: unknown scheme {scheme:?} (s3://, sftp:// or a directory path)");
        }
        if input.is_empty() {
            bail!("empty target");
        }
        Ok(TargetUrl::Local(PathBuf::from(input)))
    }

    /// Whether this is a URL rather than a local path.
    pub fn is_remote(&self) -> bool {
        !matches!(self, TargetUrl::Local(_))
    }

    /// Whether `s` names a remote target (`s3://`, `sftp://`).
    pub fn looks_remote(s: &str) -> bool {
        s.starts_with("s3://") || s.starts_with("sftp://")
    }
}

impl std::fmt::Display for TargetUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TargetUrl::S3 { bucket, prefix } if prefix.is_empty() => write!(f, "s3://{bucket}"),
            TargetUrl::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
            TargetUrl::Sftp {
                user,
                host,
                port,
                path,
            } => {
                write!(f, "sftp://")?;
                if let Some(u) = user {
                    write!(f, "{u}@")?;
                }
                if host.contains(':') {
                    write!(f, "[{host}]")?;
                } else {
                    write!(f, "{host}")?;
                }
                if *port != 22 {
                    write!(f, ":{port}")?;
                }
                write!(f, "{path}")
            }
            TargetUrl::Local(p) => write!(f, "{}", p.display()),
        }
    }
}

/// `url` fit to print: the user-info part of a `scheme://USERINFO@host/…`
/// URL is replaced by `***` when it may hold a secret (an S3 URL's, or a
/// `user:password`); a plain `user@` stays.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    match authority.rsplit_once('@') {
        Some((user, host)) if scheme == "s3" || user.contains(':') => {
            let keep = match user.split_once(':') {
                Some((u, _)) if scheme != "s3" => format!("{u}:"),
                _ => String::new(),
            };
            format!("{scheme}://{keep}***@{host}{tail}")
        }
        _ => url.to_string(),
    }
}

/// One object of a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Object {
    /// The name inside the target (no `/`).
    pub name: String,
    pub size: u64,
    pub modified: Option<OffsetDateTime>,
}

/// An upload in progress: write the bytes, then `finish` (the object
/// appears, whole, under its name) or `abort` (nothing appears).
pub trait Upload: Write + Send {
    /// Completes the upload; returns the bytes stored.
    fn finish(self: Box<Self>) -> Result<u64>;
    /// Drops the partial upload (aborts the multipart upload, removes the
    /// temporary file). Best effort: the error says what was left.
    fn abort(self: Box<Self>) -> Result<()>;
}

/// A backup target.
pub trait Store: Send {
    /// The target's URL, for messages.
    fn url(&self) -> String;
    /// Warnings about how the target is reached (plain HTTP, no TLS
    /// verification), for the caller to print once.
    fn warnings(&self) -> Vec<String> {
        vec![]
    }
    /// Starts a create-only upload of `name`: it fails rather than replace
    /// an existing object.
    fn put(&self, name: &str) -> Result<Box<dyn Upload>>;
    /// The objects directly under the target (not in sub-folders).
    fn list(&self) -> Result<Vec<Object>>;
    /// Streams one object.
    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>>;
    /// Deletes one object.
    fn delete(&self, name: &str) -> Result<()>;
    /// Aborts the uploads of objects `mine` accepts that an earlier run
    /// started and could neither finish nor abort (kforge killed, the
    /// server down); a line for each. Only S3 has such uploads.
    fn abort_unfinished(&self, mine: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
        let _ = mine;
        Ok(vec![])
    }
}

/// How to reach targets: the flags and files of the S3 and SFTP clients.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub s3: s3::S3Options,
    pub sftp: sftp::SftpOptions,
}

/// Opens the target named by `url`.
pub fn open(url: &TargetUrl, o: &Options) -> Result<Box<dyn Store>> {
    Ok(match url {
        TargetUrl::S3 { bucket, prefix } => Box::new(s3::S3Store::open(bucket, prefix, &o.s3)?),
        TargetUrl::Sftp {
            user,
            host,
            port,
            path,
        } => Box::new(sftp::SftpStore::open(
            user.as_deref(),
            host,
            *port,
            path,
            &o.sftp,
        )?),
        TargetUrl::Local(dir) => Box::new(local::LocalStore::open(dir)?),
    })
}

/// Copies `r` into `w` in [`PART_SIZE`]-bounded chunks; returns the bytes
/// copied.
pub fn copy_chunked(r: &mut dyn Read, w: &mut dyn Write) -> std::io::Result<u64> {
    let mut buf = vec![0u8; 1 << 20];
    let mut n = 0u64;
    loop {
        let k = match r.read(&mut buf) {
            Ok(0) => return Ok(n),
            Ok(k) => k,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        w.write_all(&buf[..k])?;
        n += k as u64;
    }
}

/// A file name is safe as an object name: no separators, not hidden-dot
/// tricks.
pub fn check_name(name: &str) -> Result<()> {
    if name.is_empty() || name.contains('/') || name == "." || name == ".." {
        bail!("invalid object name {name:?}");
    }
    Ok(())
}

/// The directory part of a local path target, for messages.
pub fn describe_local(p: &Path) -> String {
    p.display().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_and_print_back() {
        for (s, want) in [
            (
                "s3://backups/etcd/prod",
                TargetUrl::S3 {
                    bucket: "backups".into(),
                    prefix: "etcd/prod".into(),
                },
            ),
            (
                "s3://backups",
                TargetUrl::S3 {
                    bucket: "backups".into(),
                    prefix: "".into(),
                },
            ),
            (
                "sftp://backup@10.0.0.5:2222/srv/etcd",
                TargetUrl::Sftp {
                    user: Some("backup".into()),
                    host: "10.0.0.5".into(),
                    port: 2222,
                    path: "/srv/etcd".into(),
                },
            ),
            (
                "sftp://host/srv",
                TargetUrl::Sftp {
                    user: None,
                    host: "host".into(),
                    port: 22,
                    path: "/srv".into(),
                },
            ),
            ("/var/backups", TargetUrl::Local("/var/backups".into())),
        ] {
            let got = TargetUrl::parse(s).unwrap();
            assert_eq!(got, want, "{s}");
            assert_eq!(got.to_string(), s);
        }
        assert_eq!(
            TargetUrl::parse("s3://b/p/").unwrap().to_string(),
            "s3://b/p"
        );
    }

    #[test]
    fn secrets_in_urls_are_refused_and_never_repeated() {
        for (url, shown) in [
            ("s3://AKIDKEY:TOPSECRET@bucket/p", "s3://***@bucket/p"),
            ("s3://TOPSECRET@bucket", "s3://***@bucket"),
            (
                "sftp://backup:TOPSECRET@host:2222/srv",
                "sftp://backup:***@host:2222/srv",
            ),
            ("sftp://u:TOPSECRET@host", "sftp://u:***@host"),
        ] {
            assert_eq!(redact(url), shown);
            let e = format!("{:#}", TargetUrl::parse(url).unwrap_err());
            assert!(!e.contains("TOPSECRET"), "{e}");
            assert!(e.starts_with(shown), "{e}");
        }
        assert_eq!(redact("sftp://backup@host/x"), "sftp://backup@host/x");
        // Another scheme's error does not repeat it either.
        let e = TargetUrl::parse("https://k:TOPSECRET@h/x").unwrap_err();
        assert!(!e.to_string().contains("TOPSECRET"), "{e}");
    }

    #[test]
    fn bad_urls_are_one_line_errors() {
        for s in [
            "s3://",
            "s3:///x",
            "s3://Bad_Bucket/x",
            "s3://b/../x",
            "sftp://host",
            "sftp://host:0/x",
            "sftp://host:99999/x",
            "sftp://@host/x",
            "gs://b/x",
            "",
        ] {
            let e = TargetUrl::parse(s).unwrap_err().to_string();
            assert!(!e.contains('\n'), "{s}: {e}");
        }
    }
}
