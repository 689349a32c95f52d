//! THE version table: which Kubernetes releases kforge supports and what
//! each one ships with (etcd, pause, CoreDNS), plus the version-skew rules.
//! Manifests, preflight, join and upgrade read these; nothing else hard-codes
//! a version.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A Kubernetes version `vMAJOR.MINOR.PATCH`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "v{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for KubeVersion {
    type Err = String;
    /// Accepts `v1.33.2`, `1.33.2` and `v1.33` (the table's newest patch of 1.33).
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid Kubernetes version {s:?} (expected e.g. v1.33.2)");
        let t = s.trim().strip_prefix('v').unwrap_or(s.trim());
        let parts: Vec<&str> = t.split('.').collect();
        let num = |p: &str| -> Result<u32, String> {
            if p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()) || p.len() > 6 {
                return Err(bad());
            }
            p.parse().map_err(|_| bad())
        };
        match parts.as_slice() {
            [maj, min, pat] => Ok(KubeVersion {
                major: num(maj)?,
                minor: num(min)?,
                patch: num(pat)?,
            }),
            [maj, min] => {
                let (major, minor) = (num(maj)?, num(min)?);
                let rel = find_release(major, minor).map_err(|e| e.to_string())?;
                Ok(rel.version)
            }
            _ => Err(bad()),
        }
    }
}

impl<'de> Deserialize<'de> for KubeVersion {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for KubeVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Which etcd flag names a manifest uses (etcd 3.6 renamed the experimental ones).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EtcdGeneration {
    /// etcd 3.5 and older: `--experimental-initial-corrupt-check`,
    /// `--experimental-watch-progress-notify-interval`.
    V3_5,
    /// etcd 3.6 and newer: `--feature-gates=InitialCorruptCheck=true`,
    /// `--watch-progress-notify-interval`.
    V3_6,
}

impl EtcdGeneration {
    /// From an etcd image tag such as `3.5.21-0` or `3.6.6-0`; tags that do
    /// not parse count as the newest generation, as kubeadm does.
    pub fn of_image_tag(tag: &str) -> EtcdGeneration {
        let mut it = tag.trim_start_matches('v').split(['.', '-']);
        let major: Option<u32> = it.next().and_then(|x| x.parse().ok());
        let minor: Option<u32> = it.next().and_then(|x| x.parse().ok());
        match (major, minor) {
            (Some(3), Some(m)) if m < 6 => EtcdGeneration::V3_5,
            (Some(maj), _) if maj < 3 => EtcdGeneration::V3_5,
            _ => EtcdGeneration::V3_6,
        }
    }
}

/// One supported Kubernetes minor release and what kubeadm does differently in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Release {
    /// The version `--kubernetes-version v1.MINOR` means (the `.0` release).
    pub version: KubeVersion,
    /// etcd image tag kubeadm uses by default (`registry.k8s.io/etcd:<tag>`).
    pub etcd_image_tag: &'static str,
    /// From 1.36 kubeadm writes etcd 3.6 flag names whatever the etcd image;
    /// before, it chose by the etcd image tag.
    pub etcd_flags_always_v3_6: bool,
    pub pause_version: &'static str,
    pub coredns_version: &'static str,
    /// kubeadm's NodeLocalCRISocket (1.34+): the CRI socket goes into
    /// `/var/lib/kubelet/instance-config.yaml` and `containerRuntimeEndpoint`
    /// instead of a `--container-runtime-endpoint` kubelet flag.
    pub node_local_cri_socket: bool,
    /// Whether kubeadm still passes `--pod-infra-container-image` (removed in 1.35).
    pub pod_infra_container_image_flag: bool,
    /// Static pods carry `creationTimestamp: null` (until 1.33).
    pub creation_timestamp_null: bool,
    /// Probes use the named container port `probe-port` (1.34+).
    pub named_probe_port: bool,
    /// kube-scheduler probes `/livez` and `/readyz` (1.32+) instead of `/healthz`.
    pub scheduler_livez_readyz: bool,
    /// kubelet.conf points at the local API server (ControlPlaneKubeletLocalMode, 1.33+).
    pub kubelet_conf_local: bool,
}

impl Release {
    /// Which etcd flag names to write for an etcd image tag.
    pub fn etcd_generation(&self, image_tag: &str) -> EtcdGeneration {
        if self.etcd_flags_always_v3_6 {
            EtcdGeneration::V3_6
        } else {
            EtcdGeneration::of_image_tag(image_tag)
        }
    }
}

const fn v(minor: u32) -> KubeVersion {
    KubeVersion {
        major: 1,
        minor,
        patch: 0,
    }
}

const fn release(
    minor: u32,
    etcd_image_tag: &'static str,
    pause_version: &'static str,
    coredns_version: &'static str,
) -> Release {
    Release {
        version: v(minor),
        etcd_image_tag,
        etcd_flags_always_v3_6: minor >= 36,
        pause_version,
        coredns_version,
        node_local_cri_socket: minor >= 34,
        pod_infra_container_image_flag: minor <= 34,
        creation_timestamp_null: minor <= 33,
        named_probe_port: minor >= 34,
        scheduler_livez_readyz: minor >= 32,
        kubelet_conf_local: minor >= 33,
    }
}

/// Oldest first. Source: kubeadm's constants (SupportedEtcdVersion,
/// PauseVersion, CoreDNSVersion) and `kubeadm config images list` of each
/// release's .0; the switches in [`release`] follow kubeadm's changelogs.
pub const RELEASES: &[Release] = &[
    release(31, "3.5.15-0", "3.10", "v1.11.3"),
    release(32, "3.5.16-0", "3.10", "v1.11.3"),
    release(33, "3.5.21-0", "3.10", "v1.12.0"),
    release(34, "3.6.4-0", "3.10.1", "v1.12.1"),
    release(35, "3.6.6-0", "3.10.1", "v1.13.1"),
    release(36, "3.6.8-0", "3.10.2", "v1.14.2"),
    release(37, "3.7.0-0", "3.10.2", "v1.14.6"),
];

#[derive(Debug, thiserror::Error)]
#[error("Kubernetes v{major}.{minor} is not supported: kforge supports v1.{oldest} to v1.{newest}")]
pub struct UnsupportedVersion {
    pub major: u32,
    pub minor: u32,
    pub oldest: u32,
    pub newest: u32,
}

/// The table row for a minor release.
pub fn find_release(major: u32, minor: u32) -> Result<&'static Release, UnsupportedVersion> {
    RELEASES
        .iter()
        .find(|r| r.version.major == major && r.version.minor == minor)
        .ok_or(UnsupportedVersion {
            major,
            minor,
            oldest: RELEASES[0].version.minor,
            newest: newest().version.minor,
        })
}

pub fn newest() -> &'static Release {
    RELEASES.last().expect("version table is not empty")
}

impl KubeVersion {
    pub fn release(&self) -> Result<&'static Release, UnsupportedVersion> {
        find_release(self.major, self.minor)
    }
}

/// The Kubernetes version-skew policy, as rules over minor versions.
pub mod skew {
    use super::KubeVersion;

    /// How many minors the kubelet may trail the apiserver.
    pub const KUBELET_MAX_TRAIL: u32 = 3;
    /// How many minors controller-manager and scheduler may trail the apiserver.
    pub const CONTROL_PLANE_MAX_TRAIL: u32 = 1;

    /// Whether a kubelet of version `kubelet` may talk to apiserver `apiserver`.
    pub fn kubelet_ok(kubelet: KubeVersion, apiserver: KubeVersion) -> Result<(), String> {
        if kubelet.major != apiserver.major {
            return Err(format!(
                "kubelet {kubelet} and control plane {apiserver} differ in major version"
            ));
        }
        if kubelet.minor > apiserver.minor {
            return Err(format!(
                "kubelet {kubelet} is newer than the control plane {apiserver}; a kubelet may never be newer than the API server"
            ));
        }
        if apiserver.minor - kubelet.minor > KUBELET_MAX_TRAIL {
            return Err(format!(
                "kubelet {kubelet} is more than {KUBELET_MAX_TRAIL} minor versions older than the control plane {apiserver}"
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_versions() {
        let v: KubeVersion = "v1.33.2".parse().unwrap();
        assert_eq!(v.to_string(), "v1.33.2");
        assert_eq!("1.33.2".parse::<KubeVersion>().unwrap(), v);
        assert_eq!("v1.33".parse::<KubeVersion>().unwrap().minor, 33);
        for bad in ["", "v1", "1.x.0", "v1.33.2.1", "latest", "v1.-1.0", "v1.99"] {
            assert!(bad.parse::<KubeVersion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn table_is_contiguous_oldest_first() {
        for w in RELEASES.windows(2) {
            assert_eq!(w[0].version.minor + 1, w[1].version.minor);
        }
        assert_eq!(RELEASES[0].version.minor, 31);
        assert!(newest().version.minor >= 35);
    }

    #[test]
    fn unsupported_version_names_the_range() {
        let e = "v1.30.0"
            .parse::<KubeVersion>()
            .unwrap()
            .release()
            .unwrap_err();
        assert!(e.to_string().contains("v1.31 to v1.3"), "{e}");
    }

    #[test]
    fn etcd_generation_follows_the_image_tag_until_1_36() {
        assert_eq!(
            EtcdGeneration::of_image_tag("3.5.21-0"),
            EtcdGeneration::V3_5
        );
        assert_eq!(
            EtcdGeneration::of_image_tag("3.6.6-0"),
            EtcdGeneration::V3_6
        );
        assert_eq!(EtcdGeneration::of_image_tag("custom"), EtcdGeneration::V3_6);
        let r35 = "v1.35".parse::<KubeVersion>().unwrap().release().unwrap();
        assert_eq!(r35.etcd_generation("3.5.21-0"), EtcdGeneration::V3_5);
        let r36 = "v1.36".parse::<KubeVersion>().unwrap().release().unwrap();
        assert_eq!(r36.etcd_generation("3.5.21-0"), EtcdGeneration::V3_6);
    }

    #[test]
    fn kubelet_skew() {
        let api: KubeVersion = "v1.35.0".parse().unwrap();
        assert!(skew::kubelet_ok("v1.32.0".parse().unwrap(), api).is_ok());
        assert!(skew::kubelet_ok("v1.31.0".parse().unwrap(), api).is_err());
        assert!(skew::kubelet_ok("v1.36.0".parse().unwrap(), api).is_err());
    }
}
