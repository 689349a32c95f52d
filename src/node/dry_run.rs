//! A node that reads from another node but only records what it would write.
//!
//! Later phases of a dry run see the files earlier phases "wrote", so the plan
//! printed is the plan a real run would follow.

use super::{CommandOutput, Node};
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One write a dry run would have made.
#[derive(Debug, Clone, Serialize)]
pub struct PlannedWrite {
    pub path: PathBuf,
    pub mode: u32,
    pub size: usize,
}

pub struct DryRunNode<'a> {
    inner: &'a dyn Node,
    written: Mutex<BTreeMap<PathBuf, (Vec<u8>, u32)>>,
    removed: Mutex<Vec<PathBuf>>,
}

impl<'a> DryRunNode<'a> {
    pub fn new(inner: &'a dyn Node) -> Self {
        DryRunNode {
            inner,
            written: Mutex::new(BTreeMap::new()),
            removed: Mutex::new(Vec::new()),
        }
    }

    /// Every write recorded, in path order.
    pub fn planned_writes(&self) -> Vec<PlannedWrite> {
        self.written
            .lock()
            .unwrap()
            .iter()
            .map(|(p, (d, m))| PlannedWrite {
                path: p.clone(),
                mode: *m,
                size: d.len(),
            })
            .collect()
    }
}

impl Node for DryRunNode<'_> {
    fn describe(&self) -> String {
        format!("{} (dry run)", self.inner.describe())
    }
    fn read(&self, path: &Path) -> Result<Option<Vec<u8>>> {
        if let Some((d, _)) = self.written.lock().unwrap().get(path) {
            return Ok(Some(d.clone()));
        }
        if self.removed.lock().unwrap().iter().any(|p| p == path) {
            return Ok(None);
        }
        self.inner.read(path)
    }
    fn write_atomic(&self, path: &Path, data: &[u8], mode: u32) -> Result<()> {
        self.written
            .lock()
            .unwrap()
            .insert(path.to_path_buf(), (data.to_vec(), mode));
        Ok(())
    }
    fn exists(&self, path: &Path) -> Result<bool> {
        if self.written.lock().unwrap().contains_key(path) {
            return Ok(true);
        }
        self.inner.exists(path)
    }
    fn meta(&self, path: &Path) -> Result<Option<super::FileMeta>> {
        if let Some((_, mode)) = self.written.lock().unwrap().get(path) {
            // Written by this (planned) run: as the run would leave it.
            let real = self.inner.meta(path)?;
            return Ok(Some(super::FileMeta {
                mode: *mode,
                uid: real.map_or(0, |m| m.uid),
                gid: real.map_or(0, |m| m.gid),
            }));
        }
        if self.removed.lock().unwrap().iter().any(|p| p == path) {
            return Ok(None);
        }
        self.inner.meta(path)
    }

    fn list_dir(&self, path: &Path) -> Result<Vec<String>> {
        let mut names = self.inner.list_dir(path)?;
        for p in self.written.lock().unwrap().keys() {
            if p.parent() == Some(path) {
                if let Some(n) = p.file_name() {
                    names.push(n.to_string_lossy().into_owned());
                }
            }
        }
        names.sort();
        names.dedup();
        Ok(names)
    }
    fn remove(&self, path: &Path) -> Result<()> {
        self.written.lock().unwrap().remove(path);
        self.removed.lock().unwrap().push(path.to_path_buf());
        Ok(())
    }
    fn create_dir_all(&self, _path: &Path, _mode: u32) -> Result<()> {
        Ok(())
    }
    fn run(&self, argv: &[&str]) -> Result<CommandOutput> {
        Ok(CommandOutput {
            status: 0,
            stdout: String::new(),
            stderr: format!("dry run: would run {}", argv.join(" ")),
        })
    }
    fn is_dry_run(&self) -> bool {
        true
    }
    fn root(&self) -> Option<&Path> {
        self.inner.root()
    }
    fn real_path(&self, path: &Path) -> PathBuf {
        self.inner.real_path(path)
    }
}
