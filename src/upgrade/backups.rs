//! `upgrade apply`'s backup directories: one per run on each node under
//! [`crate::paths::UPGRADE_BACKUPS`], named `<UTC time>-<target>` so they
//! sort by age. Copies are made through the [`Installer`] (the first copy
//! of a file in a run is kept, so a resumed run still has the original);
//! after a successful run only the newest `keep` directories stay.

use crate::install::Installer;
use crate::node::Node;
use crate::paths;
use anyhow::Result;
use std::path::{Path, PathBuf};

/// A new run's directory name.
pub fn run_dir(target: &str) -> PathBuf {
    let stamp = time::OffsetDateTime::now_utc()
        .format(&time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    Path::new(paths::UPGRADE_BACKUPS).join(format!("{stamp}-{target}"))
}

/// An installer on `node` that keeps its copies in `dir`.
pub fn installer<'a>(node: &'a dyn Node, dir: &Path) -> Result<Installer<'a>> {
    Ok(Installer::new(node, false)?.with_backup_dir(dir.join("files")))
}

/// The copy of `path` this run kept, if any (node path).
pub fn copy_of(dir: &Path, path: &Path) -> PathBuf {
    dir.join("files")
        .join(path.strip_prefix("/").unwrap_or(path))
}

/// Removes all but the newest `keep` run directories (never `current`).
/// Returns what was removed (real paths).
pub fn prune(node: &dyn Node, keep: usize, current: &Path) -> Result<Vec<String>> {
    let base = Path::new(paths::UPGRADE_BACKUPS);
    let mut runs: Vec<String> = node.list_dir(base)?;
    runs.retain(|n| n.len() > 16 && n.as_bytes()[8] == b'T');
    runs.sort();
    let mut removed = Vec::new();
    let n = runs.len();
    for name in runs.into_iter().take(n.saturating_sub(keep)) {
        let dir = base.join(&name);
        if dir == current {
            continue;
        }
        let real = node.real_path(&dir).display().to_string();
        let out = node.run(&["rm", "-rf", "--", &real])?;
        if !out.success() {
            anyhow::bail!("removing old upgrade backup {real}: {}", out.stderr.trim());
        }
        removed.push(real);
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;

    #[test]
    fn only_the_newest_runs_are_kept_and_never_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        let node = LocalNode::new(Some(dir.path().to_path_buf()));
        let base = Path::new(paths::UPGRADE_BACKUPS);
        let names = [
            "20260101T000000Z-v1.32.0",
            "20260201T000000Z-v1.33.0",
            "20260301T000000Z-v1.34.0",
            "20260401T000000Z-v1.35.0",
        ];
        for n in names {
            node.write_atomic(&base.join(n).join("files/x"), b"x", 0o600)
                .unwrap();
        }
        node.write_atomic(&base.join("unrelated.txt"), b"x", 0o600)
            .unwrap();
        let removed = prune(&node, 2, &base.join(names[0])).unwrap();
        assert_eq!(removed.len(), 1, "{removed:?}");
        let left = node.list_dir(base).unwrap();
        assert!(left.contains(&names[0].to_string()));
        assert!(!left.contains(&names[1].to_string()));
        assert!(left.contains(&"unrelated.txt".to_string()));
    }
}
