//! A node is a filesystem plus a command runner.
//!
//! Every phase talks to the machine it configures only through [`Node`], so the
//! same code runs on the local machine (optionally under a `--root` prefix, so
//! tests and demos need no root), over SSH, or as a dry run that records what
//! it would write. Atomic writes are implemented once per transport, here.

mod dry_run;
mod local;
mod ssh;

pub use dry_run::{DryRunNode, PlannedWrite};
pub use kforge_fs::{fsync_dir, write_atomic as write_atomic_local};
pub use local::LocalNode;
pub use ssh::{shell_quote, Passphrase, SshAccess, SshNode, SshTarget};

use anyhow::Result;
use std::path::{Path, PathBuf};

/// Output of a command run on a node.
#[derive(Debug, Clone)]
pub struct CommandOutput {
    pub status: i32,
    pub stdout: String,
    pub stderr: String,
}

impl CommandOutput {
    pub fn success(&self) -> bool {
        self.status == 0
    }
}

/// A file's permission bits and owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileMeta {
    /// Permission bits (`mode & 0o7777`).
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
}

/// What a node can do. Paths are absolute paths as seen on the node.
pub trait Node: Send + Sync {
    /// A short name for messages: `local`, `local (root ./node1)`, `node2 (198.18.0.12)`.
    fn describe(&self) -> String;
    /// Reads a file; `Ok(None)` when it does not exist.
    fn read(&self, path: &Path) -> Result<Option<Vec<u8>>>;
    /// Writes a file atomically (temp file in the same directory, fsync,
    /// rename, fsync the directory), creating parent directories (0755).
    fn write_atomic(&self, path: &Path, data: &[u8], mode: u32) -> Result<()>;
    /// Whether a file or directory exists.
    fn exists(&self, path: &Path) -> Result<bool>;
    /// A file's mode and owner (following symlinks); `Ok(None)` when it
    /// does not exist.
    fn meta(&self, path: &Path) -> Result<Option<FileMeta>>;
    /// Entries of a directory (names only); empty when it does not exist.
    fn list_dir(&self, path: &Path) -> Result<Vec<String>>;
    /// Removes a file; no error when it is already gone.
    fn remove(&self, path: &Path) -> Result<()>;
    /// Creates a directory and its parents with the given mode.
    fn create_dir_all(&self, path: &Path, mode: u32) -> Result<()>;
    /// Runs a program (argv[0] looked up in PATH) and collects its output.
    fn run(&self, argv: &[&str]) -> Result<CommandOutput>;
    /// Whether writes really happen (false for a dry run).
    fn is_dry_run(&self) -> bool {
        false
    }
    /// The prefix under which node paths live on this machine, if the node is
    /// local and prefixed (`--root`). Used only to print real paths.
    fn root(&self) -> Option<&Path> {
        None
    }
    /// Where a node path really is, for messages and for handing to local
    /// programs (e.g. `etcd --data-dir`).
    fn real_path(&self, path: &Path) -> PathBuf {
        path.to_path_buf()
    }
}

/// Reads a UTF-8 text file, naming the file on error.
pub fn read_string(node: &dyn Node, path: &Path) -> Result<Option<String>> {
    match node.read(path)? {
        None => Ok(None),
        Some(bytes) => String::from_utf8(bytes).map(Some).map_err(|_| {
            anyhow::anyhow!(
                "{}: not a text file (invalid UTF-8)",
                node.real_path(path).display()
            )
        }),
    }
}
