//! The local machine, optionally under a `--root` prefix.

use super::{CommandOutput, Node};
use anyhow::{Context, Result};
use std::fs;
use std::io::ErrorKind;
use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::path::{Component, Path, PathBuf};
use std::process::Command;

/// The machine kforge runs on. With `root`, node path `/etc/kubernetes/x`
/// is `root/etc/kubernetes/x`.
#[derive(Debug, Clone)]
pub struct LocalNode {
    root: Option<PathBuf>,
}

impl LocalNode {
    pub fn new(root: Option<PathBuf>) -> Self {
        LocalNode { root }
    }

    fn map(&self, path: &Path) -> PathBuf {
        match &self.root {
            None => path.to_path_buf(),
            Some(root) => {
                let rel: PathBuf = path
                    .components()
                    .filter(|c| matches!(c, Component::Normal(_)))
                    .collect();
                root.join(rel)
            }
        }
    }
}

impl Node for LocalNode {
    fn describe(&self) -> String {
        match &self.root {
            None => "local".to_string(),
            Some(r) => format!("local (root {})", r.display()),
        }
    }

    fn read(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        let real = self.map(path);
        match fs_err::read(&real) {
            Ok(b) => Ok(Some(b)),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn write_atomic(&self, path: &Path, data: &[u8], mode: u32) -> Result<()> {
        kforge_fs::write_atomic(&self.map(path), data, mode)
    }

    fn exists(&self, path: &Path) -> Result<bool> {
        let real = self.map(path);
        real.try_exists()
            .with_context(|| format!("checking {}", real.display()))
    }

    fn meta(&self, path: &Path) -> Result<Option<super::FileMeta>> {
        use std::os::unix::fs::MetadataExt;
        let real = self.map(path);
        match fs_err::metadata(&real) {
            Ok(m) => Ok(Some(super::FileMeta {
                mode: m.mode() & 0o7777,
                uid: m.uid(),
                gid: m.gid(),
            })),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    fn list_dir(&self, path: &Path) -> Result<Vec<String>> {
        let real = self.map(path);
        let entries = match fs_err::read_dir(&real) {
            Ok(e) => e,
            Err(e) if e.kind() == ErrorKind::NotFound => return Ok(vec![]),
            Err(e) => return Err(e.into()),
        };
        let mut names = Vec::new();
        for entry in entries {
            let entry = entry?;
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    fn remove(&self, path: &Path) -> Result<()> {
        let real = self.map(path);
        match fs_err::remove_file(&real) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn create_dir_all(&self, path: &Path, mode: u32) -> Result<()> {
        let real = self.map(path);
        fs::DirBuilder::new()
            .recursive(true)
            .mode(mode)
            .create(&real)
            .with_context(|| format!("creating directory {}", real.display()))?;
        Ok(fs_err::set_permissions(
            &real,
            fs::Permissions::from_mode(mode),
        )?)
    }

    fn run(&self, argv: &[&str]) -> Result<CommandOutput> {
        let (prog, args) = argv.split_first().context("empty command")?;
        let out = Command::new(prog)
            .args(args)
            .output()
            .with_context(|| format!("running {}", argv.join(" ")))?;
        Ok(CommandOutput {
            status: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        })
    }

    fn root(&self) -> Option<&Path> {
        self.root.as_deref()
    }

    fn real_path(&self, path: &Path) -> PathBuf {
        self.map(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_prefix_maps_absolute_paths_and_ignores_dotdot() {
        let n = LocalNode::new(Some(PathBuf::from("/tmp/r")));
        assert_eq!(
            n.real_path(Path::new("/etc/kubernetes/pki/ca.crt")),
            PathBuf::from("/tmp/r/etc/kubernetes/pki/ca.crt")
        );
        assert_eq!(
            n.real_path(Path::new("/etc/../../x")),
            PathBuf::from("/tmp/r/etc/x")
        );
    }
}
