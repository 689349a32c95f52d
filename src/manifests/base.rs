//! The base of the upgrade's three-way merge: what kforge last rendered for
//! each static pod, kept in [`crate::paths::RENDERED_DIR`]
//! (`/etc/kubernetes/.kforge-rendered/<manifest>`, 0600, the directory
//! 0700), next to the ledger. `init` and `join` store it with the manifest
//! they write; each `upgrade` hop stores its new render when it swaps the
//! manifest. The current manifest against this file is the operator's edits.
//! The files go through the [`Installer`], so the ledger knows them and
//! `reset` removes them.

use crate::components::Component;
use crate::install::Installer;
use crate::node::Node;
use anyhow::{anyhow, Result};
use std::path::{Path, PathBuf};

/// The base's path on the node.
pub fn path(c: &Component) -> PathBuf {
    crate::paths::rendered(c).expect("static pod component")
}

/// Stores `text` as what kforge rendered for `c` (the base).
pub fn store(inst: &Installer, c: &Component, text: &str) -> Result<()> {
    inst.node()
        .create_dir_all(Path::new(crate::paths::RENDERED_DIR), 0o700)?;
    // The base is kforge's own record: it replaces whatever is there.
    inst.install_allowing(&path(c), text.as_bytes(), super::MODE, true)?;
    Ok(())
}

/// The stored base of `c`, if this node has one.
pub fn read(node: &dyn Node, c: &Component) -> Result<Option<String>> {
    let p = path(c);
    match node.read(&p)? {
        None => Ok(None),
        Some(b) => String::from_utf8(b)
            .map(Some)
            .map_err(|_| anyhow!("{}: not UTF-8", node.real_path(&p).display())),
    }
}
