//! Where the Kubernetes-aware restore goes: the member's settings read from
//! kubeadm's `etcd.yaml`, and a new data directory next to the old one.

use crate::node::Node;
use crate::staticpod::Pod;
use anyhow::{anyhow, bail, Result};
use etcd_format::restore::{split_target, ClusterFlags, DEFAULT_TOKEN};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// The file name of etcd's static pod manifest (from the component table).
pub fn manifest_file() -> &'static str {
    crate::components::ETCD
        .manifest
        .expect("etcd runs as a static pod")
}

/// The etcd static pod manifest kubeadm writes (node path).
pub fn etcd_manifest() -> PathBuf {
    Path::new(crate::paths::MANIFESTS_DIR).join(manifest_file())
}

/// The directory `--apply` keeps the original manifest in, in kubeadm's
/// temporary directory: `kforge-restore-<stamp>` (node path).
pub fn backup_dir(stamp: &str) -> PathBuf {
    Path::new(crate::paths::KUBERNETES_TMP).join(format!("{BACKUP_DIR_PREFIX}{stamp}"))
}

/// What the names of [`backup_dir`]s start with.
pub const BACKUP_DIR_PREFIX: &str = "kforge-restore-";

/// What the manifest says about this member, and where the restore goes
/// (node paths).
#[derive(Debug, Clone)]
pub struct KubeTarget {
    pub manifest: PathBuf,
    pub flags: ClusterFlags,
    /// The data directory on the host (the hostPath mounted at `--data-dir`).
    pub old_data_dir: PathBuf,
    pub new_data_dir: PathBuf,
    /// The name of the hostPath volume holding the data directory.
    pub volume: String,
    /// `--listen-client-urls`, to tell when etcd has stopped.
    pub client_urls: Vec<String>,
    /// Other members named in the manifest's `--initial-cluster`.
    pub other_members: Vec<String>,
    pub stamp: String,
}

impl KubeTarget {
    /// Where `--apply` keeps the original manifest (node path), in kubeadm's
    /// temporary directory.
    pub fn manifest_backup(&self) -> PathBuf {
        backup_dir(&self.stamp).join(manifest_file())
    }
}

/// `YYYYMMDDTHHMMSSZ`.
pub fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Reads the member's settings from etcd's static pod manifest and picks
/// the new data directory next to the old one.
pub fn kube_target(node: &dyn Node, now: OffsetDateTime) -> Result<KubeTarget> {
    let pod = crate::staticpod::read(node, crate::components::ETCD.name)?;
    let manifest = etcd_manifest();
    let shown = node.real_path(&manifest).display().to_string();
    let flag = |name: &str| -> Result<String> {
        pod.flag(name)
            .ok_or_else(|| anyhow!("{shown}: etcd has no --{name} flag"))
    };
    if pod.flag("wal-dir").is_some() {
        bail!("{shown}: etcd runs with --wal-dir; restore with --data-dir and --wal-dir instead");
    }
    let name = flag("name")?;
    let peer_urls = flag("initial-advertise-peer-urls")?;
    let data_dir = flag("data-dir")?;
    let token = pod
        .flag("initial-cluster-token")
        .unwrap_or_else(|| DEFAULT_TOKEN.to_string());
    let (volume, old) = data_volume(&pod, &shown, &data_dir)?;
    let (parent, base) = split_target(&old, "etcd data dir")?;
    let (new_data_dir, stamp) = free_copy_name(node, &parent, &base, &stamp(now))?;
    Ok(KubeTarget {
        manifest,
        other_members: other_members(&pod, &name),
        flags: ClusterFlags {
            initial_cluster: None,
            name,
            token,
            advertise_peer_urls: peer_urls,
        },
        new_data_dir,
        old_data_dir: old,
        volume,
        client_urls: pod
            .flag("listen-client-urls")
            .unwrap_or_default()
            .split(',')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect(),
        stamp,
    })
}

/// `<base>-restore-<stamp>` beside the data dir, with `-N` added to the
/// stamp when a restore in the same second took that name (or its manifest
/// backup directory). A copy of a copy is named after the original data
/// dir. Returns the path and the stamp used.
fn free_copy_name(
    node: &dyn Node,
    parent: &Path,
    base: &str,
    stamp: &str,
) -> Result<(PathBuf, String)> {
    let base = super::copies::base_name(base);
    let mut unique = stamp.to_string();
    for n in 1.. {
        let path = parent.join(format!("{base}{}{unique}", super::copies::COPY_MARK));
        let backup = backup_dir(&unique);
        if !node.exists(&path)? && !node.exists(&backup)? {
            return Ok((path, unique));
        }
        unique = format!("{stamp}-{n}");
    }
    unreachable!("an unbounded range")
}

/// The data directory must be a hostPath volume mounted exactly at
/// `--data-dir` (kubeadm's layout): that is what gets repointed. Returns
/// the volume's name and its host path.
fn data_volume(pod: &Pod, shown: &str, data_dir: &str) -> Result<(String, PathBuf)> {
    let container = pod.container()?;
    let mount = container
        .volume_mounts
        .iter()
        .find(|m| Path::new(&m.mount_path) == Path::new(data_dir))
        .ok_or_else(|| anyhow!("{shown}: no volume is mounted at --data-dir={data_dir}"))?;
    let host = pod
        .spec
        .volumes
        .iter()
        .find(|v| v.name == mount.name)
        .and_then(|v| v.host_path.as_ref())
        .ok_or_else(|| anyhow!("{shown}: volume {} is not a hostPath volume", mount.name))?;
    Ok((mount.name.clone(), PathBuf::from(&host.path)))
}

/// The other members named in the manifest's `--initial-cluster`.
fn other_members(pod: &Pod, name: &str) -> Vec<String> {
    pod.flag("initial-cluster")
        .unwrap_or_default()
        .split(',')
        .filter_map(|p| p.split_once('=').map(|(n, _)| n.to_string()))
        .filter(|n| n != name)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_are_utc() {
        let t = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        assert_eq!(stamp(t), "20231114T221320Z");
    }
}
