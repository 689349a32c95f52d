//! `kforge version`: what this binary is and what it supports, for bug
//! reports and fleet inventories (kubeadm's `version -o json` habit).

use crate::exit::ExitStatus;
use crate::output::{rfc3339_ms, Printer, Render};
use crate::versions::RELEASES;
use anyhow::Result;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    version: &'static str,
    /// Empty when built outside a git checkout (from a source tarball).
    git_commit: Option<&'static str>,
    git_tree_dirty: Option<bool>,
    build_date: String,
    target: &'static str,
    /// The oldest glibc the binary runs on; `None` for a build that was not
    /// made by scripts/release.sh (it links against the build host's glibc).
    glibc_floor: Option<&'static str>,
    /// The Kubernetes releases kforge can init, join and upgrade to, with the
    /// etcd each of them ships (the version table).
    kubernetes: Vec<Supported>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Supported {
    kubernetes_version: String,
    etcd_version: String,
}

fn non_empty(s: &'static str) -> Option<&'static str> {
    (!s.is_empty()).then_some(s)
}

pub fn info() -> VersionInfo {
    let epoch: i64 = env!("KFORGE_BUILD_EPOCH").parse().unwrap_or(0);
    let built = time::OffsetDateTime::from_unix_timestamp(epoch)
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    VersionInfo {
        version: env!("CARGO_PKG_VERSION"),
        git_commit: non_empty(env!("KFORGE_GIT_COMMIT")),
        git_tree_dirty: non_empty(env!("KFORGE_GIT_DIRTY")).map(|d| d == "true"),
        build_date: rfc3339_ms(built),
        target: env!("KFORGE_TARGET"),
        glibc_floor: non_empty(env!("KFORGE_GLIBC_FLOOR")),
        kubernetes: RELEASES
            .iter()
            .map(|r| Supported {
                kubernetes_version: format!("v{}.{}", r.version.major, r.version.minor),
                etcd_version: r.etcd_image_tag.to_string(),
            })
            .collect(),
    }
}

/// The one-line form `--version` prints after the name.
pub fn long_version() -> String {
    let i = info();
    let commit = match (i.git_commit, i.git_tree_dirty) {
        (Some(c), Some(true)) => format!(" ({}, dirty)", &c[..c.len().min(12)]),
        (Some(c), _) => format!(" ({})", &c[..c.len().min(12)]),
        _ => String::new(),
    };
    format!("{}{commit}", i.version)
}

impl Render for VersionInfo {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let first = self
            .kubernetes
            .first()
            .map(|s| s.kubernetes_version.as_str());
        let last = self
            .kubernetes
            .last()
            .map(|s| s.kubernetes_version.as_str());
        writeln!(out, "kforge       {}", self.version)?;
        writeln!(
            out,
            "git commit   {}{}",
            self.git_commit
                .unwrap_or("unknown (not built from a git checkout)"),
            if self.git_tree_dirty == Some(true) {
                " (dirty tree)"
            } else {
                ""
            }
        )?;
        writeln!(out, "built        {}", self.build_date)?;
        writeln!(out, "target       {}", self.target)?;
        writeln!(
            out,
            "glibc floor  {}",
            self.glibc_floor
                .unwrap_or("the build host's glibc (not a release build)")
        )?;
        writeln!(
            out,
            "kubernetes   {} to {}",
            first.unwrap_or("?"),
            last.unwrap_or("?")
        )?;
        let etcd: Vec<String> = self
            .kubernetes
            .iter()
            .map(|s| format!("{} ({})", s.etcd_version, s.kubernetes_version))
            .collect();
        writeln!(out, "etcd         {}", etcd.join(", "))
    }
}

pub fn run(printer: &Printer) -> Result<ExitStatus> {
    printer.emit(&info())?;
    Ok(ExitStatus::Success)
}

#[cfg(test)]
mod tests {
    #[test]
    fn version_info_names_the_whole_version_table() {
        let i = super::info();
        assert_eq!(i.kubernetes.len(), crate::versions::RELEASES.len());
        assert_eq!(i.version, env!("CARGO_PKG_VERSION"));
        assert!(i.build_date.ends_with('Z'), "{}", i.build_date);
        assert!(!i.target.is_empty());
    }
}
