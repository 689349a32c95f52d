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

/// Version labels resolved so far in this process (`stable` is v1.35.2),
/// for the line that tells the operator which version a label meant.
static RESOLVED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The "LABEL is VERSION" lines of the labels resolved since the last call.
pub fn take_resolved_labels() -> Vec<String> {
    std::mem::take(&mut *RESOLVED.lock().unwrap_or_else(|e| e.into_inner()))
}

impl FromStr for KubeVersion {
    type Err = String;
    /// Accepts `v1.33.2`, `1.33.2`, `v1.33` (the table's newest patch of
    /// 1.33) and kubeadm's labels `stable`, `stable-1` and `stable-1.33`,
    /// resolved by [`Target`] (the one resolver of every version flag) from
    /// the version table; each resolved label is remembered for
    /// [`take_resolved_labels`].
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid Kubernetes version {s:?} (expected e.g. v1.33.2)");
        let lower = s.trim().to_ascii_lowercase();
        if lower.starts_with("stable") || lower.starts_with("latest") || lower.starts_with("ci/") {
            let v = Target::parse(s).map_err(|e| e.to_string())?.resolve(&[]);
            RESOLVED
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(format!(
                    "Kubernetes version {}: {v} (the newest release of kforge's version table{})",
                    s.trim(),
                    if lower.contains('.') {
                        " for that minor"
                    } else {
                        ""
                    }
                ));
            return Ok(v);
        }
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

/// An upgrade target as the operator writes it, resolved against the
/// version table (and the versions seen running) by [`Target::resolve`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `v1.33.2`, `1.33.2`: exactly this release.
    Exact(KubeVersion),
    /// `v1.33`, `1.33`, `stable-1.33`: the newest patch of that minor (the
    /// table's, or a newer one already running).
    Minor { major: u32, minor: u32 },
    /// `stable`, `stable-1`: the newest release in the table (kubeadm's
    /// labels, answered from the table instead of dl.k8s.io).
    Stable,
}

/// Why a word is not an upgrade target.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetError {
    /// Not a version or label at all (it may still be a host name).
    #[error("{0:?} is not a Kubernetes version (give v1.33, v1.33.2, stable or stable-1.33)")]
    NotAVersion(String),
    /// A label kforge cannot answer from its table.
    #[error("{0:?} is not a Kubernetes version kforge can resolve: kubeadm's `latest` labels include pre-releases; give v1.33, v1.33.2, stable or stable-1.33")]
    Unresolvable(String),
    /// Looks like a version but is malformed.
    #[error("{0}")]
    Invalid(String),
    /// A release beyond (or before) the version table.
    #[error("{0}")]
    Unsupported(String),
}

impl Target {
    /// Parses a target word; releases outside the version table are refused
    /// here, so a plan never shows hops towards them.
    pub fn parse(word: &str) -> Result<Target, TargetError> {
        let w = word.trim();
        let lower = w.to_ascii_lowercase();
        if lower == "stable" {
            return Ok(Target::Stable);
        }
        if let Some(rest) = lower.strip_prefix("stable-") {
            let t = rest.strip_prefix('v').unwrap_or(rest);
            return match t.split('.').collect::<Vec<_>>().as_slice() {
                [maj] if *maj == newest().version.major.to_string() => Ok(Target::Stable),
                [_, _] => Target::parse(t).and_then(|x| match x {
                    Target::Minor { .. } => Ok(x),
                    _ => Err(TargetError::NotAVersion(word.to_string())),
                }),
                [maj] if maj.bytes().all(|b| b.is_ascii_digit()) => {
                    Err(TargetError::Unsupported(format!(
                        "{word}: Kubernetes v{maj} is not supported: kforge supports v1.{} to v1.{}",
                        RELEASES[0].version.minor,
                        newest().version.minor
                    )))
                }
                _ => Err(TargetError::NotAVersion(word.to_string())),
            };
        }
        if lower == "latest" || lower.starts_with("latest-") || lower.starts_with("ci/") {
            return Err(TargetError::Unresolvable(word.to_string()));
        }
        let t = lower.strip_prefix('v').unwrap_or(&lower);
        if !t.starts_with(|c: char| c.is_ascii_digit()) {
            return Err(TargetError::NotAVersion(word.to_string()));
        }
        let parts: Vec<&str> = t.split('.').collect();
        let target = match parts.as_slice() {
            [_, _, _] => Target::Exact(w.parse().map_err(TargetError::Invalid)?),
            [maj, min] => {
                let num = |p: &str| p.parse::<u32>().ok().filter(|_| p.len() <= 6);
                match (num(maj), num(min)) {
                    (Some(major), Some(minor)) => Target::Minor { major, minor },
                    _ => {
                        return Err(TargetError::Invalid(format!(
                            "invalid Kubernetes version {word:?} (expected e.g. v1.33.2)"
                        )))
                    }
                }
            }
            _ => {
                return Err(TargetError::Invalid(format!(
                    "invalid Kubernetes version {word:?} (expected e.g. v1.33.2)"
                )))
            }
        };
        let (major, minor) = match target {
            Target::Exact(v) => (v.major, v.minor),
            Target::Minor { major, minor } => (major, minor),
            Target::Stable => return Ok(target),
        };
        find_release(major, minor).map_err(|e| TargetError::Unsupported(e.to_string()))?;
        Ok(target)
    }

    /// The release meant: `Minor` is the newest patch of that minor among
    /// the table's and those seen running (so on a node at v1.33.2, `v1.33`
    /// is v1.33.2: nothing to do, never a downgrade).
    pub fn resolve(self, seen: &[KubeVersion]) -> KubeVersion {
        let newest_of = |major: u32, minor: u32| {
            let table = find_release(major, minor).map(|r| r.version).ok();
            table
                .into_iter()
                .chain(
                    seen.iter()
                        .copied()
                        .filter(|v| v.major == major && v.minor == minor),
                )
                .max()
                .unwrap_or(KubeVersion {
                    major,
                    minor,
                    patch: 0,
                })
        };
        match self {
            Target::Exact(v) => v,
            Target::Minor { major, minor } => newest_of(major, minor),
            Target::Stable => {
                let v = newest().version;
                newest_of(v.major, v.minor)
            }
        }
    }
}

impl FromStr for Target {
    type Err = TargetError;
    fn from_str(s: &str) -> Result<Self, TargetError> {
        Target::parse(s)
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Exact(v) => write!(f, "{v}"),
            Target::Minor { major, minor } => write!(f, "v{major}.{minor}"),
            Target::Stable => f.write_str("stable"),
        }
    }
}

/// An etcd version `MAJOR.MINOR.PATCH`, from a server's `/version`
/// (`3.5.16`) or an image tag (`3.5.16-0`, `v3.6.4`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EtcdVersion {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl fmt::Display for EtcdVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl FromStr for EtcdVersion {
    type Err = String;
    /// `3.5.16`, `v3.5.16`, `3.5.16-0` (an image tag's build suffix is
    /// dropped); `3.5` means `3.5.0` (etcd's `etcdcluster` field).
    fn from_str(s: &str) -> Result<Self, String> {
        let bad = || format!("invalid etcd version {s:?} (expected e.g. 3.5.16 or 3.5.16-0)");
        let t = s.trim().trim_start_matches('v');
        let t = t.split(['-', '+']).next().unwrap_or_default();
        let nums: Vec<u32> = t
            .split('.')
            .map(|p| {
                if p.is_empty() || p.len() > 6 || !p.bytes().all(|b| b.is_ascii_digit()) {
                    Err(bad())
                } else {
                    p.parse().map_err(|_| bad())
                }
            })
            .collect::<Result<_, _>>()?;
        match nums.as_slice() {
            [major, minor, patch] => Ok(EtcdVersion {
                major: *major,
                minor: *minor,
                patch: *patch,
            }),
            [major, minor] => Ok(EtcdVersion {
                major: *major,
                minor: *minor,
                patch: 0,
            }),
            _ => Err(bad()),
        }
    }
}

impl Serialize for EtcdVersion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// THE version-skew and upgrade-order rules, as one table (the
/// Kubernetes version-skew policy and etcd's upgrade guides). `upgrade
/// plan`/`apply`, `join`'s preflight and the kubelet check read these;
/// nothing else states a skew limit.
pub mod skew {
    use super::{EtcdVersion, KubeVersion};

    const SKEW_POLICY: &str =
        "Kubernetes version-skew policy (kubernetes.io/releases/version-skew-policy)";

    /// How far a component's minor may be from the API servers' minors:
    /// at most `max_lead` newer than the OLDEST API server and at most
    /// `max_trail` older than the NEWEST one (so an HA cluster with API
    /// servers at two minors narrows the window, as the policy says).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Rule {
        pub component: &'static str,
        pub max_lead: u32,
        pub max_trail: u32,
        pub source: &'static str,
    }

    /// One row per component.
    pub const RULES: &[Rule] = &[
        // Newest and oldest API servers within one minor.
        Rule {
            component: "kube-apiserver",
            max_lead: 1,
            max_trail: 1,
            source: SKEW_POLICY,
        },
        // Never newer than any API server; at most one minor older.
        Rule {
            component: "kube-controller-manager",
            max_lead: 0,
            max_trail: 1,
            source: SKEW_POLICY,
        },
        Rule {
            component: "kube-scheduler",
            max_lead: 0,
            max_trail: 1,
            source: SKEW_POLICY,
        },
        // Never newer than the oldest API server; at most three minors older.
        Rule {
            component: "kubelet",
            max_lead: 0,
            max_trail: 3,
            source: SKEW_POLICY,
        },
        Rule {
            component: "kube-proxy",
            max_lead: 0,
            max_trail: 3,
            source: SKEW_POLICY,
        },
    ];

    /// kube-proxy stays within this many minors of the kubelet beside it.
    pub const KUBE_PROXY_KUBELET_MAX: u32 = 3;
    /// How many minors the kubelet may trail the API server (the table's row).
    pub const KUBELET_MAX_TRAIL: u32 = rule("kubelet").max_trail;
    /// How many minors controller-manager and scheduler may trail.
    pub const CONTROL_PLANE_MAX_TRAIL: u32 = rule("kube-controller-manager").max_trail;
    /// The control plane moves one minor per hop, no exceptions.
    pub const CONTROL_PLANE_MINORS_PER_HOP: u32 = 1;
    /// etcd moves one minor at a time.
    pub const ETCD_MINORS_PER_HOP: u32 = 1;

    /// The lowest patch of an etcd minor that may move to the next minor.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct EtcdMinimumPatch {
        /// (major, minor) upgraded from.
        pub from: (u32, u32),
        /// The minimum patch of `from` every member must run first.
        pub min_patch: u32,
        pub source: &'static str,
        /// Earlier, lower requirements (patch, source), kept for the record:
        /// a cluster meeting them but not `min_patch` is still refused.
        pub earlier: &'static [(u32, &'static str)],
    }

    /// etcd's minimum patches before a minor upgrade. The strictest current
    /// requirement applies.
    pub const ETCD_MINIMUM_PATCHES: &[EtcdMinimumPatch] = &[EtcdMinimumPatch {
        from: (3, 5),
        min_patch: 32,
        source: "etcd's current v3.6 upgrade guide (etcd-io/website content/en/docs/v3.6/upgrades/upgrade_3_6.md)",
        earlier: &[
            (
                26,
                "etcd blog, December 2025: \"zombie members\" (etcd#20967)",
            ),
            (
                24,
                "wrong membership in a snapshot sent to a new learner (etcd#20793)",
            ),
            (
                20,
                "learner promotion stored only in the v2 store (etcd#19557)",
            ),
        ],
    }];

    const fn rule(component: &str) -> Rule {
        let mut i = 0;
        while i < RULES.len() {
            if const_eq(RULES[i].component, component) {
                return RULES[i];
            }
            i += 1;
        }
        panic!("no skew rule for the component")
    }

    const fn const_eq(a: &str, b: &str) -> bool {
        let (a, b) = (a.as_bytes(), b.as_bytes());
        if a.len() != b.len() {
            return false;
        }
        let mut i = 0;
        while i < a.len() {
            if a[i] != b[i] {
                return false;
            }
            i += 1;
        }
        true
    }

    /// The row for a component, if it has one.
    pub fn rule_for(component: &str) -> Option<&'static Rule> {
        RULES.iter().find(|r| r.component == component)
    }

    /// Whether `component` at `v` may run beside API servers at `apiservers`
    /// (for an API server: the others and itself). One line on violation.
    pub fn check(
        component: &str,
        v: KubeVersion,
        apiservers: &[KubeVersion],
    ) -> Result<(), String> {
        let r = rule_for(component).ok_or_else(|| format!("no skew rule for {component}"))?;
        let (Some(oldest), Some(newest)) = (apiservers.iter().min(), apiservers.iter().max())
        else {
            return Ok(());
        };
        if v.major != oldest.major || v.major != newest.major {
            return Err(format!(
                "{component} {v} and the API server(s) differ in major version"
            ));
        }
        if v.minor > oldest.minor + r.max_lead {
            return Err(if r.max_lead == 0 {
                format!(
                    "{component} {v} is newer than the API server {oldest}; it may never be newer than any API server"
                )
            } else {
                format!(
                    "{component} {v} is more than {} minor version(s) newer than the API server {oldest}",
                    r.max_lead
                )
            });
        }
        if newest.minor > v.minor + r.max_trail {
            return Err(format!(
                "{component} {v} is more than {} minor version(s) older than the API server {newest}",
                r.max_trail
            ));
        }
        Ok(())
    }

    /// Whether a kubelet of version `kubelet` may talk to apiserver `apiserver`.
    pub fn kubelet_ok(kubelet: KubeVersion, apiserver: KubeVersion) -> Result<(), String> {
        check("kubelet", kubelet, &[apiserver])
    }

    /// kube-proxy against its own node's kubelet (both directions).
    pub fn kube_proxy_vs_kubelet(proxy: KubeVersion, kubelet: KubeVersion) -> Result<(), String> {
        if proxy.minor.abs_diff(kubelet.minor) > KUBE_PROXY_KUBELET_MAX {
            return Err(format!(
                "kube-proxy {proxy} is more than {KUBE_PROXY_KUBELET_MAX} minor versions from its kubelet {kubelet}"
            ));
        }
        Ok(())
    }

    /// The control plane's hops from `current` to `target`: a patch hop to
    /// the newest known patch of the current minor first (when
    /// `newest_patch(minor)` knows a newer one), then one hop per minor, each
    /// to the newest known patch of that minor, the last to `target`.
    pub fn control_plane_hops(
        current: KubeVersion,
        target: KubeVersion,
        newest_patch: impl Fn(u32) -> Option<u32>,
    ) -> Result<Vec<KubeVersion>, String> {
        if target.major != current.major {
            return Err(format!(
                "{current} -> {target}: the major version cannot change"
            ));
        }
        if target < current {
            return Err(format!(
                "{target} is older than the running control plane {current}; downgrades are not supported (restore a snapshot instead)"
            ));
        }
        let mut hops = Vec::new();
        if target.minor > current.minor {
            if let Some(p) = newest_patch(current.minor).filter(|p| *p > current.patch) {
                hops.push(KubeVersion {
                    patch: p,
                    ..current
                });
            }
        }
        let mut minor = current.minor;
        while minor + CONTROL_PLANE_MINORS_PER_HOP < target.minor {
            minor += CONTROL_PLANE_MINORS_PER_HOP;
            let patch = newest_patch(minor).unwrap_or(0);
            hops.push(KubeVersion {
                minor,
                patch,
                ..current
            });
        }
        if target != current {
            hops.push(target);
        }
        Ok(hops)
    }

    /// One hop of the control plane: refused unless it moves at most one minor.
    pub fn control_plane_hop_ok(from: KubeVersion, to: KubeVersion) -> Result<(), String> {
        if to.major != from.major || to < from {
            return Err(format!(
                "{from} -> {to}: only upgrades within major version {}",
                from.major
            ));
        }
        if to.minor > from.minor + CONTROL_PLANE_MINORS_PER_HOP {
            return Err(format!(
                "{from} -> {to} skips a minor version: the control plane moves one minor at a time (next: v{}.{})",
                from.major,
                from.minor + 1
            ));
        }
        Ok(())
    }

    /// Whether the workers' kubelets may stay at `kubelet` while the control
    /// plane goes to `apiserver` (then they are upgraded once, at the end).
    pub fn workers_may_wait(kubelet: KubeVersion, apiserver: KubeVersion) -> bool {
        check("kubelet", kubelet, &[apiserver]).is_ok()
    }

    /// etcd `members` (each member's server version) moving to `target`:
    /// one minor at a time, the newest patch of the old minor first, and the
    /// minimum patch of [`ETCD_MINIMUM_PATCHES`]. `newest_patch(major,
    /// minor)` is the newest patch kforge knows of. Err: the reason and
    /// the fix, one line.
    pub fn etcd_hop_ok(
        members: &[EtcdVersion],
        target: EtcdVersion,
        newest_patch: impl Fn(u32, u32) -> Option<u32>,
    ) -> Result<(), String> {
        for m in members {
            if target.major != m.major || target < *m {
                if target.major == m.major && target.minor == m.minor {
                    // A lower patch of the same minor: etcd allows it, kforge keeps the newer.
                    continue;
                }
                return Err(format!(
                    "etcd {m} -> {target}: etcd is never downgraded by binary (use `kforge snapshot restore`)"
                ));
            }
            if target.minor > m.minor + ETCD_MINORS_PER_HOP {
                return Err(format!(
                    "etcd {m} -> {target} skips a minor: etcd upgrades one minor at a time (first to {}.{}.x)",
                    m.major,
                    m.minor + 1
                ));
            }
            if target.minor == m.minor + 1 {
                if let Some(gate) = ETCD_MINIMUM_PATCHES
                    .iter()
                    .find(|g| g.from == (m.major, m.minor))
                {
                    if m.patch < gate.min_patch {
                        return Err(format!(
                            "etcd {m} -> {target}: every member must run {}.{}.{} or newer first ({})",
                            m.major, m.minor, gate.min_patch, gate.source
                        ));
                    }
                }
                if let Some(p) = newest_patch(m.major, m.minor).filter(|p| *p > m.patch) {
                    return Err(format!(
                        "etcd {m} -> {target}: reach the newest patch of {}.{} first ({}.{}.{p})",
                        m.major, m.minor, m.major, m.minor
                    ));
                }
            }
        }
        Ok(())
    }

    /// Whether a change of etcd's image needs the 3.5 -> 3.6 flag renames
    /// (they are applied with the image change, never apart).
    pub fn etcd_flags_change(from: EtcdVersion, to: EtcdVersion) -> bool {
        use super::EtcdGeneration as G;
        let gen = |v: EtcdVersion| G::of_image_tag(&v.to_string());
        gen(from) != gen(to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn target_words_resolve_from_the_table_and_refuse_what_it_does_not_hold() {
        let v = |s: &str| s.parse::<KubeVersion>().unwrap();
        let p = |s: &str| Target::parse(s);
        // vX.Y is the newest patch of X.Y: the table's, or one already running.
        assert_eq!(p("v1.32").unwrap().resolve(&[]), v("v1.32.0"));
        assert_eq!(p("1.32").unwrap().resolve(&[v("v1.32.2")]), v("v1.32.2"));
        assert_eq!(p("v1.32.1").unwrap().resolve(&[v("v1.32.2")]), v("v1.32.1"));
        // kubeadm's stable labels, from the table.
        let newest = newest().version;
        assert_eq!(p("stable").unwrap().resolve(&[]), newest);
        assert_eq!(p("stable-1").unwrap().resolve(&[]), newest);
        assert_eq!(p("stable-1.33").unwrap().resolve(&[]), v("v1.33.0"));
        assert_eq!(
            p("stable-1.33").unwrap().resolve(&[v("v1.33.4")]),
            v("v1.33.4")
        );
        // Beyond the table: refused as such.
        for w in ["v1.99.0", "v1.99", "1.30", "stable-1.99", "stable-2"] {
            let e = p(w).unwrap_err();
            assert!(matches!(e, TargetError::Unsupported(_)), "{w}: {e}");
            assert!(e.to_string().contains("not supported"), "{w}: {e}");
        }
        // Words that are no version.
        for w in ["latest", "latest-1.33", "ci/latest"] {
            let e = p(w).unwrap_err();
            assert!(
                e.to_string().contains("not a Kubernetes version"),
                "{w}: {e}"
            );
        }
        for w in ["cp2", "node-a", "stable-x"] {
            assert!(matches!(p(w), Err(TargetError::NotAVersion(_))), "{w}");
        }
        assert!(matches!(p("v1.x"), Err(TargetError::Invalid(_))));
        assert!(matches!(p("1.2.3.4"), Err(TargetError::Invalid(_))));
    }

    #[test]
    fn stable_labels_resolve_from_the_table() {
        let newest = super::newest().version;
        assert_eq!("stable".parse::<KubeVersion>().unwrap(), newest);
        assert_eq!("stable-1".parse::<KubeVersion>().unwrap(), newest);
        let first = super::RELEASES[0].version;
        let label = format!("stable-{}.{}", first.major, first.minor);
        assert_eq!(label.parse::<KubeVersion>().unwrap(), first);
        let notes = super::take_resolved_labels();
        assert!(
            notes.iter().any(|n| n == &format!(
                "Kubernetes version {label}: {first} (the newest release of kforge's version table for that minor)"
            )),
            "{notes:?}"
        );
        let e = "latest".parse::<KubeVersion>().unwrap_err();
        assert!(e.contains("pre-releases"), "{e}");
        assert!("stable-9.9".parse::<KubeVersion>().is_err());
    }

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

    fn k(s: &str) -> KubeVersion {
        s.parse().unwrap()
    }
    fn e(s: &str) -> EtcdVersion {
        s.parse().unwrap()
    }

    #[test]
    fn etcd_versions_parse_from_server_and_image_tags() {
        assert_eq!(e("3.5.16-0"), e("3.5.16"));
        assert_eq!(e("v3.6.4").to_string(), "3.6.4");
        assert_eq!(e("3.5").to_string(), "3.5.0");
        for bad in ["", "3", "x.5.1", "3.5.1.2", "latest"] {
            assert!(bad.parse::<EtcdVersion>().is_err(), "{bad}");
        }
    }

    #[test]
    fn apiservers_within_one_minor_of_each_other() {
        let api = [k("v1.33.0"), k("v1.34.1")];
        assert!(skew::check("kube-apiserver", k("v1.34.0"), &api).is_ok());
        assert!(skew::check("kube-apiserver", k("v1.33.5"), &api).is_ok());
        assert!(skew::check("kube-apiserver", k("v1.35.0"), &[k("v1.33.0")]).is_err());
        assert!(skew::check("kube-apiserver", k("v1.32.0"), &[k("v1.34.0")]).is_err());
    }

    #[test]
    fn controller_manager_and_scheduler_never_newer_than_any_apiserver_at_most_one_older() {
        for c in ["kube-controller-manager", "kube-scheduler"] {
            // Policy example: API servers at 1.30 and 1.29: only 1.29.
            let ha = [k("v1.30.0"), k("v1.29.0")];
            assert!(skew::check(c, k("v1.29.3"), &ha).is_ok(), "{c}");
            assert!(skew::check(c, k("v1.30.0"), &ha).is_err(), "{c}");
            assert!(skew::check(c, k("v1.28.0"), &ha).is_err(), "{c}");
            assert!(skew::check(c, k("v1.31.0"), &[k("v1.32.0")]).is_ok(), "{c}");
            assert!(
                skew::check(c, k("v1.30.0"), &[k("v1.32.0")]).is_err(),
                "{c}"
            );
        }
        assert_eq!(skew::CONTROL_PLANE_MAX_TRAIL, 1);
    }

    #[test]
    fn kubelet_and_kube_proxy_never_newer_than_oldest_apiserver_at_most_three_older() {
        for c in ["kubelet", "kube-proxy"] {
            // Policy example: API servers at 1.30 and 1.29: 1.29, 1.28, 1.27.
            let ha = [k("v1.30.0"), k("v1.29.0")];
            for ok in ["v1.29.0", "v1.28.0", "v1.27.9"] {
                assert!(skew::check(c, k(ok), &ha).is_ok(), "{c} {ok}");
            }
            for bad in ["v1.30.0", "v1.26.0"] {
                assert!(skew::check(c, k(bad), &ha).is_err(), "{c} {bad}");
            }
        }
        assert!(skew::kube_proxy_vs_kubelet(k("v1.31.0"), k("v1.34.0")).is_ok());
        assert!(skew::kube_proxy_vs_kubelet(k("v1.35.0"), k("v1.31.0")).is_err());
        assert!(skew::workers_may_wait(k("v1.31.0"), k("v1.34.0")));
        assert!(!skew::workers_may_wait(k("v1.31.0"), k("v1.35.0")));
    }

    #[test]
    fn control_plane_one_minor_per_hop_newest_patch_first() {
        let none = |_| None;
        assert_eq!(
            skew::control_plane_hops(k("v1.31.2"), k("v1.31.5"), none).unwrap(),
            vec![k("v1.31.5")]
        );
        assert_eq!(
            skew::control_plane_hops(k("v1.31.0"), k("v1.31.0"), none).unwrap(),
            vec![]
        );
        let known = |m: u32| match m {
            31 => Some(14),
            32 => Some(9),
            33 => Some(4),
            _ => None,
        };
        assert_eq!(
            skew::control_plane_hops(k("v1.31.2"), k("v1.34.1"), known).unwrap(),
            vec![k("v1.31.14"), k("v1.32.9"), k("v1.33.4"), k("v1.34.1")]
        );
        assert!(skew::control_plane_hops(k("v1.33.0"), k("v1.32.0"), none).is_err());
        assert!(skew::control_plane_hop_ok(k("v1.31.0"), k("v1.32.3")).is_ok());
        let e = skew::control_plane_hop_ok(k("v1.31.0"), k("v1.33.0")).unwrap_err();
        assert!(e.contains("one minor at a time"), "{e}");
    }

    #[test]
    fn etcd_one_minor_at_a_time_newest_patch_first_and_the_3_6_minimum_patch() {
        let none = |_, _| None;
        assert!(skew::etcd_hop_ok(&[e("3.5.0")], e("3.5.1"), none).is_ok());
        assert!(skew::etcd_hop_ok(&[e("3.4.23")], e("3.5.1"), none).is_ok());
        let skip = skew::etcd_hop_ok(&[e("3.4.23")], e("3.6.4"), none).unwrap_err();
        assert!(skip.contains("one minor at a time"), "{skip}");
        // 3.5 -> 3.6 needs the table's minimum patch on every member.
        let gate = &skew::ETCD_MINIMUM_PATCHES[0];
        assert_eq!((gate.from, gate.min_patch), ((3, 5), 32));
        assert!(gate.source.contains("upgrade_3_6"));
        assert!(gate
            .earlier
            .iter()
            .any(|(p, s)| *p == 26 && s.contains("December 2025")));
        let low = skew::etcd_hop_ok(&[e("3.5.32"), e("3.5.26")], e("3.6.4"), none).unwrap_err();
        assert!(low.contains("3.5.32 or newer"), "{low}");
        assert!(skew::etcd_hop_ok(&[e("3.5.32"), e("3.5.33")], e("3.6.4"), none).is_ok());
        // The newest known patch of the old minor first.
        let known = |_, m| (m == 5).then_some(40);
        let first = skew::etcd_hop_ok(&[e("3.5.32")], e("3.6.4"), known).unwrap_err();
        assert!(first.contains("3.5.40"), "{first}");
        assert!(skew::etcd_hop_ok(&[e("3.6.4")], e("3.5.32"), none).is_err());
    }

    #[test]
    fn etcd_flag_renames_go_with_the_3_6_image() {
        assert!(skew::etcd_flags_change(e("3.5.32"), e("3.6.4")));
        assert!(!skew::etcd_flags_change(e("3.5.0"), e("3.5.1")));
        assert!(!skew::etcd_flags_change(e("3.6.4"), e("3.6.6")));
    }
}
