//! Restore copies (`<data dir>-restore-<UTC stamp>` beside etcd's data
//! dir) and the rule that cleans them up.
//!
//! Every Kubernetes-aware restore makes a full copy; without a rule, each
//! attempt (an interrupted `--apply` too) leaves another one. The rule:
//! - kforge records each copy it creates in the ledger [`COPIES_FILE`] (in
//!   [`crate::paths::KFORGE_JOURNAL_DIR`]); only recorded copies are ever
//!   deleted; other directories that look like copies are reported and
//!   left alone;
//! - after a successful `--apply`, kforge keeps the copy the manifest now
//!   points at and the data dir it pointed at before (the previous one, to
//!   go back to by hand), and deletes every other recorded copy;
//! - a restore without `--apply` deletes nothing; it reports the copies and
//!   what the next successful `--apply` will do with them;
//! - the data dir etcd's manifest points at is never deleted, nor is
//!   anything that is not a directory named like a copy.

use crate::node::Node;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The ledger of restore copies kforge created, in the journal directory.
pub const COPIES_FILE: &str = "restore-copies.json";
/// What a copy's name adds to the data dir's: `-restore-<stamp>`.
pub const COPY_MARK: &str = "-restore-";

fn ledger_path() -> PathBuf {
    Path::new(crate::paths::KFORGE_JOURNAL_DIR).join(COPIES_FILE)
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Ledger {
    /// Node paths of the copies kforge created (and has not deleted).
    copies: Vec<PathBuf>,
}

fn read_ledger(node: &dyn Node) -> Result<Ledger> {
    let path = ledger_path();
    match node.read(&path)? {
        None => Ok(Ledger::default()),
        Some(b) => serde_json::from_slice(&b).with_context(|| {
            format!(
                "{}: not a kforge ledger of restore copies",
                node.real_path(&path).display()
            )
        }),
    }
}

fn write_ledger(node: &dyn Node, l: &Ledger) -> Result<()> {
    node.write_atomic(&ledger_path(), &serde_json::to_vec_pretty(l)?, 0o600)
}

/// Records that kforge created the copy `dir` (node path).
pub fn record(node: &dyn Node, dir: &Path) -> Result<()> {
    let mut l = read_ledger(node)?;
    if !l.copies.iter().any(|c| c == dir) {
        l.copies.push(dir.to_path_buf());
    }
    write_ledger(node, &l)
}

/// The data dir name a copy is named after: `etcd` for `etcd`,
/// `etcd-restore-20260101T000000Z` and (from older versions)
/// `etcd-restore-A-restore-B`.
pub fn base_name(name: &str) -> &str {
    match name.find(COPY_MARK) {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// What happens to one copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// etcd's manifest points at it: never deleted.
    Live,
    /// The manifest pointed at it before this `--apply`: kept.
    Previous,
    /// Made by this run.
    New,
    /// A copy kforge made earlier, deleted now.
    Deleted,
    /// A copy kforge made earlier; the next successful `--apply` deletes it.
    Kept,
    /// Not recorded as kforge's: never deleted.
    NotKforges,
}

/// One copy in the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CopyOut {
    /// Real path.
    pub path: PathBuf,
    pub action: Action,
}

/// The data dirs that matter to the rule (node paths).
pub struct Roles<'a> {
    pub live: &'a Path,
    pub previous: Option<&'a Path>,
    pub new: Option<&'a Path>,
    /// Whether recorded copies are deleted (after a successful `--apply`).
    pub delete: bool,
}

/// The rule, for copies `found` of which kforge recorded `recorded`.
pub fn plan(found: &[PathBuf], recorded: &[PathBuf], r: &Roles) -> Vec<(PathBuf, Action)> {
    found
        .iter()
        .map(|c| {
            let action = if c == r.live {
                Action::Live
            } else if Some(c.as_path()) == r.previous {
                Action::Previous
            } else if Some(c.as_path()) == r.new {
                Action::New
            } else if !recorded.contains(c) {
                Action::NotKforges
            } else if r.delete {
                Action::Deleted
            } else {
                Action::Kept
            };
            (c.clone(), action)
        })
        .collect()
}

/// Directories named like copies of `data_dir` beside it (node paths).
fn scan(node: &dyn Node, data_dir: &Path) -> Result<Vec<PathBuf>> {
    let Some(parent) = data_dir.parent() else {
        return Ok(vec![]);
    };
    let name = data_dir.file_name().unwrap_or_default().to_string_lossy();
    let prefix = format!("{}{COPY_MARK}", base_name(&name));
    let mut out = Vec::new();
    for n in node
        .list_dir(parent)?
        .into_iter()
        .filter(|n| n.starts_with(&prefix))
    {
        let p = parent.join(&n);
        let meta = fs_err::symlink_metadata(node.real_path(&p));
        if meta.is_ok_and(|m| m.is_dir()) {
            out.push(p);
        }
    }
    Ok(out)
}

/// Applies the rule to the copies beside `r.live` and reports each.
pub fn clean(node: &dyn Node, r: &Roles) -> Result<Vec<CopyOut>> {
    let mut ledger = read_ledger(node)?;
    let found = scan(node, r.live)?;
    let mut out = Vec::new();
    for (path, action) in plan(&found, &ledger.copies, r) {
        let real = node.real_path(&path);
        if action == Action::Deleted {
            fs_err::remove_dir_all(&real).context("removing an old restore copy")?;
            ledger.copies.retain(|c| *c != path);
        }
        out.push(CopyOut { path: real, action });
    }
    // Forget recorded copies that are gone.
    ledger.copies.retain(|c| node.exists(c).unwrap_or(true));
    write_ledger(node, &ledger)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_rule_keeps_live_previous_new_and_foreign_copies() {
        let p = |s: &str| PathBuf::from(format!("/var/lib/{s}"));
        let found = [
            p("etcd-restore-1"),
            p("etcd-restore-2"),
            p("etcd-restore-3"),
            p("etcd-restore-4"),
            p("etcd-restore-5"),
        ];
        let recorded = [
            p("etcd-restore-1"),
            p("etcd-restore-2"),
            p("etcd-restore-3"),
            p("etcd-restore-5"),
        ];
        let (live, prev) = (p("etcd-restore-3"), p("etcd-restore-2"));
        let applied = Roles {
            live: &live,
            previous: Some(&prev),
            new: None,
            delete: true,
        };
        let actions: Vec<Action> = plan(&found, &recorded, &applied)
            .into_iter()
            .map(|x| x.1)
            .collect();
        use Action::*;
        assert_eq!(actions, [Deleted, Previous, Live, NotKforges, Deleted]);
        let new = p("etcd-restore-5");
        let plain = Roles {
            live: &live,
            previous: None,
            new: Some(&new),
            delete: false,
        };
        let actions: Vec<Action> = plan(&found, &recorded, &plain)
            .into_iter()
            .map(|x| x.1)
            .collect();
        assert_eq!(actions, [Kept, Kept, Live, NotKforges, New]);
        assert_eq!(base_name("etcd-restore-20260101T000000Z"), "etcd");
        assert_eq!(base_name("etcd"), "etcd");
        assert_eq!(base_name("-restore-x"), "-restore-x");
    }

    #[test]
    fn clean_deletes_only_recorded_copies() {
        let d = tempfile::tempdir().unwrap();
        let node = crate::node::LocalNode::new(Some(d.path().to_path_buf()));
        let lib = d.path().join("var/lib");
        for n in [
            "etcd",
            "etcd-restore-a",
            "etcd-restore-b",
            "etcd-restore-c",
            "etcd-restore-x",
        ] {
            std::fs::create_dir_all(lib.join(n).join("member")).unwrap();
        }
        std::fs::write(lib.join("etcd-restore-f"), b"a file").unwrap();
        for n in ["etcd-restore-a", "etcd-restore-b", "etcd-restore-c"] {
            record(&node, &Path::new("/var/lib").join(n)).unwrap();
        }
        let (live, prev) = (
            PathBuf::from("/var/lib/etcd-restore-c"),
            PathBuf::from("/var/lib/etcd"),
        );
        let r = Roles {
            live: &live,
            previous: Some(&prev),
            new: None,
            delete: true,
        };
        let out = clean(&node, &r).unwrap();
        let got: Vec<(String, Action)> = out
            .iter()
            .map(|c| {
                (
                    c.path.file_name().unwrap().to_string_lossy().into_owned(),
                    c.action,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("etcd-restore-a".into(), Action::Deleted),
                ("etcd-restore-b".into(), Action::Deleted),
                ("etcd-restore-c".into(), Action::Live),
                ("etcd-restore-x".into(), Action::NotKforges),
            ]
        );
        assert!(lib.join("etcd/member").is_dir() && lib.join("etcd-restore-x").is_dir());
        assert!(!lib.join("etcd-restore-a").exists() && lib.join("etcd-restore-f").is_file());
        assert_eq!(
            read_ledger(&node).unwrap().copies,
            [PathBuf::from("/var/lib/etcd-restore-c")]
        );
    }
}
