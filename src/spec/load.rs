//! Reading `--config` files and merging them with flags and defaults.

use super::defaults as d;
use super::kubeadm_api::{self as api, CidrList, TypeMeta};
use super::{host, ClusterSpec, ComponentSpec, EtcdSpec, ExternalEtcd, LocalEtcd};
use crate::exit::usage;
use crate::pki::{KeyAlgorithm, Validity};
use crate::token::BootstrapToken;
use crate::versions::{self, KubeVersion};
use anyhow::{Context, Result};
use std::collections::BTreeSet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

/// What `init` flags can set; `None`/empty means "not given".
#[derive(Debug, Clone, Default)]
pub struct InitFlags {
    pub kubernetes_version: Option<KubeVersion>,
    pub control_plane_endpoint: Option<String>,
    pub advertise_address: Option<IpAddr>,
    pub bind_port: Option<u16>,
    pub cert_extra_sans: Vec<String>,
    pub pod_network_cidr: Option<CidrList>,
    pub service_cidr: Option<CidrList>,
    pub service_dns_domain: Option<String>,
    pub node_name: Option<String>,
    pub cert_dir: Option<String>,
    pub image_repository: Option<String>,
    pub ignore_preflight_errors: Vec<String>,
    pub skip_phases: Vec<String>,
    pub cri_socket: Option<String>,
    pub token: Option<BootstrapToken>,
    pub encryption_algorithm: Option<KeyAlgorithm>,
}

/// The documents of one `--config` file.
#[derive(Debug, Default)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub api_version: Option<String>,
    pub init: Option<api::InitConfiguration>,
    pub cluster: Option<api::ClusterConfiguration>,
    pub kubelet: Option<serde_json::Value>,
    /// A `kubeproxy.config.k8s.io/v1alpha1` `KubeProxyConfiguration`.
    pub kube_proxy: Option<serde_json::Value>,
    pub warnings: Vec<String>,
}

/// Reads and strictly parses a multi-document kubeadm config file.
pub fn read_config_file(path: &Path) -> Result<ConfigFile> {
    let text = fs_err::read_to_string(path)
        .context("cannot read the config file")
        .map_err(crate::exit::usage_from)?;
    parse_config(path, &text)
}

pub fn parse_config(path: &Path, text: &str) -> Result<ConfigFile> {
    let mut out = ConfigFile {
        path: path.to_path_buf(),
        ..Default::default()
    };
    let shown = path.display().to_string();
    for (first_line, doc) in split_documents(text) {
        if doc
            .trim()
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
        {
            continue;
        }
        let err = |e: serde_yaml_ng::Error| yaml_error(&shown, first_line, doc, e);
        let meta: TypeMeta = serde_yaml_ng::from_str(doc).map_err(err)?;
        let (Some(api_version), Some(kind)) = (meta.api_version.clone(), meta.kind.clone()) else {
            return Err(usage(format!(
                "{shown}:{}: document has no apiVersion and kind",
                first_line
            )));
        };
        let group = api_version.split('/').next().unwrap_or("");
        match (group, kind.as_str()) {
            (api::API_GROUP, k @ ("InitConfiguration" | "ClusterConfiguration")) => {
                if api_version != api::V1BETA3 && api_version != api::V1BETA4 {
                    return Err(usage(format!(
                        "{shown}:{first_line}: apiVersion {api_version:?} is not supported (use {} or {})",
                        api::V1BETA4,
                        api::V1BETA3
                    )));
                }
                if let Some(prev) = &out.api_version {
                    if *prev != api_version {
                        return Err(usage(format!(
                            "{shown}:{first_line}: mixes {prev} and {api_version} documents"
                        )));
                    }
                }
                out.api_version = Some(api_version.clone());
                if k == "InitConfiguration" {
                    let c: api::InitConfiguration = serde_yaml_ng::from_str(doc).map_err(err)?;
                    out.init = Some(c);
                } else {
                    let c: api::ClusterConfiguration = serde_yaml_ng::from_str(doc).map_err(err)?;
                    if api_version == api::V1BETA3 {
                        for (field, set) in [
                            ("encryptionAlgorithm", c.encryption_algorithm.is_some()),
                            (
                                "certificateValidityPeriod",
                                c.certificate_validity_period.is_some(),
                            ),
                            (
                                "caCertificateValidityPeriod",
                                c.ca_certificate_validity_period.is_some(),
                            ),
                        ] {
                            if set {
                                return Err(usage(format!(
                                    "{shown}:{}: field {field} is not part of {} (it was added in {})",
                                    first_line + line_of(doc, field),
                                    api::V1BETA3,
                                    api::V1BETA4
                                )));
                            }
                        }
                    }
                    for (field, value) in [
                        ("certificateValidityPeriod", &c.certificate_validity_period),
                        (
                            "caCertificateValidityPeriod",
                            &c.ca_certificate_validity_period,
                        ),
                    ] {
                        if let Some(v) = value {
                            if let Err(e) = VALIDITY_RANGE.parse(v) {
                                let (line, col) = value_position(doc, field);
                                return Err(usage(format!(
                                    "{shown}:{}:{col}: {field}: {e}",
                                    first_line + line
                                )));
                            }
                        }
                    }
                    if let Some(ep) = &c.control_plane_endpoint {
                        if let Err(e) = crate::values::split_host_port(ep) {
                            let (line, col) = value_position(doc, "controlPlaneEndpoint");
                            return Err(usage(format!(
                                "{shown}:{}:{col}: controlPlaneEndpoint: {e}",
                                first_line + line
                            )));
                        }
                    }
                    out.cluster = Some(c);
                }
            }
            ("kubelet.config.k8s.io", "KubeletConfiguration") => {
                let v: serde_json::Value = serde_yaml_ng::from_str(doc).map_err(err)?;
                check_fields(
                    &shown,
                    first_line,
                    doc,
                    &v,
                    "KubeletConfiguration",
                    KUBELET_CONFIGURATION_FIELDS,
                )?;
                out.kubelet = Some(v);
            }
            (KUBE_PROXY_GROUP, "KubeProxyConfiguration") => {
                if api_version != KUBE_PROXY_API_VERSION {
                    return Err(usage(format!(
                        "{shown}:{first_line}: KubeProxyConfiguration apiVersion {api_version:?} is not supported (use {KUBE_PROXY_API_VERSION})"
                    )));
                }
                let v: serde_json::Value = serde_yaml_ng::from_str(doc).map_err(err)?;
                check_fields(
                    &shown,
                    first_line,
                    doc,
                    &v,
                    "KubeProxyConfiguration",
                    KUBE_PROXY_CONFIGURATION_FIELDS,
                )?;
                out.kube_proxy = Some(v);
            }
            (api::API_GROUP, "JoinConfiguration") => out.warnings.push(format!(
                "{shown}:{first_line}: JoinConfiguration ignored by init"
            )),
            _ => {
                return Err(usage(format!(
                "{shown}:{first_line}: unknown document kind {kind:?} (apiVersion {api_version:?})"
            )))
            }
        }
    }
    if out.init.is_none() && out.cluster.is_none() {
        return Err(usage(format!(
            "{shown}: no InitConfiguration or ClusterConfiguration document found"
        )));
    }
    Ok(out)
}

/// The top-level fields of kubelet.config.k8s.io/v1beta1
/// `KubeletConfiguration` (besides apiVersion and kind), as the kubelet's
/// own API type lists them. A document naming any other field is refused,
/// since the kubelet would either ignore it or fail to start.
pub const KUBELET_CONFIGURATION_FIELDS: &[&str] = &[
    "enableServer",
    "staticPodPath",
    "podLogsDir",
    "syncFrequency",
    "fileCheckFrequency",
    "httpCheckFrequency",
    "staticPodURL",
    "staticPodURLHeader",
    "address",
    "port",
    "readOnlyPort",
    "tlsCertFile",
    "tlsPrivateKeyFile",
    "tlsCipherSuites",
    "tlsCurvePreferences",
    "tlsMinVersion",
    "rotateCertificates",
    "serverTLSBootstrap",
    "authentication",
    "authorization",
    "registryPullQPS",
    "registryBurst",
    "imagePullCredentialsVerificationPolicy",
    "preloadedImagesVerificationAllowlist",
    "eventRecordQPS",
    "eventBurst",
    "enableDebuggingHandlers",
    "enableContentionProfiling",
    "healthzPort",
    "healthzBindAddress",
    "oomScoreAdj",
    "clusterDomain",
    "clusterDNS",
    "streamingConnectionIdleTimeout",
    "nodeStatusUpdateFrequency",
    "nodeStatusReportFrequency",
    "nodeLeaseDurationSeconds",
    "imageMinimumGCAge",
    "imageMaximumGCAge",
    "imageGCHighThresholdPercent",
    "imageGCLowThresholdPercent",
    "volumeStatsAggPeriod",
    "kubeletCgroups",
    "systemCgroups",
    "cgroupRoot",
    "cgroupsPerQOS",
    "cgroupDriver",
    "cpuManagerPolicy",
    "singleProcessOOMKill",
    "cpuManagerPolicyOptions",
    "cpuManagerReconcilePeriod",
    "draManagerReconcilePeriod",
    "memoryManagerPolicy",
    "topologyManagerPolicy",
    "topologyManagerScope",
    "topologyManagerPolicyOptions",
    "qosReserved",
    "runtimeRequestTimeout",
    "hairpinMode",
    "maxPods",
    "podCIDR",
    "podPidsLimit",
    "resolvConf",
    "runOnce",
    "cpuCFSQuota",
    "cpuCFSQuotaPeriod",
    "nodeStatusMaxImages",
    "maxOpenFiles",
    "contentType",
    "kubeAPIQPS",
    "kubeAPIBurst",
    "serializeImagePulls",
    "maxParallelImagePulls",
    "evictionHard",
    "evictionSoft",
    "evictionSoftGracePeriod",
    "evictionPressureTransitionPeriod",
    "evictionMaxPodGracePeriod",
    "evictionMinimumReclaim",
    "mergeDefaultEvictionSettings",
    "podsPerCore",
    "enableControllerAttachDetach",
    "protectKernelDefaults",
    "makeIPTablesUtilChains",
    "iptablesMasqueradeBit",
    "iptablesDropBit",
    "featureGates",
    "failSwapOn",
    "memorySwap",
    "containerLogMaxSize",
    "containerLogMaxFiles",
    "containerLogMaxWorkers",
    "containerLogMonitorInterval",
    "configMapAndSecretChangeDetectionStrategy",
    "systemReserved",
    "kubeReserved",
    "reservedSystemCPUs",
    "showHiddenMetricsForVersion",
    "systemReservedCgroup",
    "kubeReservedCgroup",
    "enforceNodeAllocatable",
    "allowedUnsafeSysctls",
    "volumePluginDir",
    "providerID",
    "kernelMemcgNotification",
    "logging",
    "enableSystemLogHandler",
    "enableSystemLogQuery",
    "shutdownGracePeriod",
    "shutdownGracePeriodCriticalPods",
    "shutdownGracePeriodByPodPriority",
    "crashLoopBackOff",
    "reservedMemory",
    "enableProfilingHandler",
    "enableDebugFlagsHandler",
    "seccompDefault",
    "memoryThrottlingFactor",
    "memoryReservationPolicy",
    "registerWithTaints",
    "registerNode",
    "tracing",
    "localStorageCapacityIsolation",
    "containerRuntimeEndpoint",
    "imageServiceEndpoint",
    "failCgroupV1",
    "userNamespaces",
];

/// `kubeproxy.config.k8s.io`, the group of kube-proxy's component config.
pub const KUBE_PROXY_GROUP: &str = "kubeproxy.config.k8s.io";
/// The one version of it there is (Kubernetes 1.31 to 1.37).
pub const KUBE_PROXY_API_VERSION: &str = "kubeproxy.config.k8s.io/v1alpha1";

/// The top-level fields of `kubeproxy.config.k8s.io/v1alpha1`
/// `KubeProxyConfiguration` (besides apiVersion and kind), from kube-proxy's
/// own API type (`k8s.io/kube-proxy/config/v1alpha1`).
pub const KUBE_PROXY_CONFIGURATION_FIELDS: &[&str] = &[
    "featureGates",
    "clientConnection",
    "logging",
    "hostnameOverride",
    "bindAddress",
    "healthzBindAddress",
    "metricsBindAddress",
    "bindAddressHardFail",
    "enableProfiling",
    "showHiddenMetricsForVersion",
    "mode",
    "iptables",
    "ipvs",
    "nftables",
    "winkernel",
    "detectLocalMode",
    "detectLocal",
    "clusterCIDR",
    "nodePortAddresses",
    "oomScoreAdj",
    "conntrack",
    "configSyncPeriod",
    "portRange",
    "windowsRunAsService",
];

/// Refuses a component-config field its component does not know, at its
/// `file:line:column`, suggesting a known field when one is close.
fn check_fields(
    shown: &str,
    first_line: usize,
    doc: &str,
    v: &serde_json::Value,
    kind: &str,
    fields: &[&str],
) -> Result<()> {
    let Some(map) = v.as_object() else {
        return Err(usage(format!(
            "{shown}:{first_line}: {kind} must be a mapping"
        )));
    };
    for key in map.keys() {
        if key == "apiVersion" || key == "kind" || fields.contains(&key.as_str()) {
            continue;
        }
        let line = line_of(doc, key);
        let text = doc.lines().nth(line).unwrap_or("");
        let col = text.len() - text.trim_start().len() + 1;
        let near = fields
            .iter()
            .find(|f| f.eq_ignore_ascii_case(key) || edit_distance(f, key) <= 2);
        let hint = near
            .map(|f| format!(" (did you mean {f}?)"))
            .unwrap_or_default();
        return Err(usage(format!(
            "{shown}:{}:{col}: {kind}: unknown field `{key}`{hint}",
            first_line + line
        )));
    }
    Ok(())
}

/// Levenshtein distance, for "did you mean" hints.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Splits on `---` lines; yields (1-based line of the document's first line, text).
fn split_documents(text: &str) -> Vec<(usize, &str)> {
    let mut docs = Vec::new();
    let mut start = 0usize;
    let mut start_line = 1usize;
    let mut offset = 0usize;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            docs.push((start_line, &text[start..offset]));
            start = offset + line.len();
            start_line = i + 2;
        }
        offset += line.len();
    }
    docs.push((start_line, &text[start..]));
    docs
}

/// 0-based line within `doc` where `key:` first appears (0 if not found).
fn line_of(doc: &str, key: &str) -> usize {
    let needle = format!("{key}:");
    doc.lines()
        .position(|l| l.trim_start().starts_with(&needle))
        .unwrap_or(0)
}

/// 0-based line and 1-based column of `key:`'s value within `doc`.
fn value_position(doc: &str, key: &str) -> (usize, usize) {
    let line = line_of(doc, key);
    let text = doc.lines().nth(line).unwrap_or("");
    let col = text
        .find(&format!("{key}:"))
        .map(|i| {
            let after = i + key.len() + 1;
            after + (text[after..].len() - text[after..].trim_start().len()) + 1
        })
        .unwrap_or(1);
    (line, col)
}

/// `file:line:column: message`, with serde's own "at line" suffix removed.
///
/// For values our own parsers reject (CIDRs, IPs, versions), serde reports
/// the start of the enclosing mapping; the offending value is quoted in the
/// message, so the line holding it is found and its key named.
fn yaml_error(file: &str, first_line: usize, doc: &str, e: serde_yaml_ng::Error) -> anyhow::Error {
    let msg = e.to_string();
    let mut msg = match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg,
    };
    let Some(loc) = e.location() else {
        return usage(format!("{file}:{first_line}: {msg}"));
    };
    let (mut line, mut column) = (loc.line(), loc.column());
    let quoted = msg.split('"').nth(1).filter(|q| !q.is_empty());
    if let Some(value) = quoted {
        if let Some((i, text)) = doc
            .lines()
            .enumerate()
            .skip(line.saturating_sub(1))
            .find(|(_, l)| l.contains(value))
        {
            line = i + 1;
            column = text.len() - text.trim_start().len() + 1;
            if let Some((key, _)) = text.trim_start().trim_start_matches("- ").split_once(':') {
                if !msg.contains(key) {
                    // serde names the parent ("networking: ..."): make it "networking.serviceSubnet: ...".
                    msg = match msg.split_once(": ") {
                        Some((parent, rest)) if !parent.contains(' ') => {
                            format!("{parent}.{key}: {rest}")
                        }
                        _ => format!("{key}: {msg}"),
                    };
                }
            }
        }
    }
    usage(format!("{file}:{}:{column}: {msg}", first_line + line - 1))
}

/// Merges defaults, the config file and flags (flags win) and validates.
pub fn resolve(file: Option<ConfigFile>, flags: &InitFlags) -> Result<ClusterSpec> {
    let file = file.unwrap_or_default();
    let mut warnings = file.warnings.clone();
    let init = file.init.unwrap_or_default();
    let cluster = file.cluster.unwrap_or_default();
    let src = if file.path.as_os_str().is_empty() {
        "flags".to_string()
    } else {
        file.path.display().to_string()
    };

    let ignored = |name: &str, set: bool, warnings: &mut Vec<String>| {
        if set {
            warnings.push(format!("{src}: {name} is accepted but not used by kforge"));
        }
    };
    ignored("patches", init.patches.is_some(), &mut warnings);
    ignored("timeouts", init.timeouts.is_some(), &mut warnings);
    ignored(
        "featureGates",
        cluster.feature_gates.is_some(),
        &mut warnings,
    );
    ignored(
        "certificateKey",
        init.certificate_key.is_some(),
        &mut warnings,
    );

    let kubernetes_version = flags
        .kubernetes_version
        .or(cluster.kubernetes_version)
        .unwrap_or(versions::newest().version);
    let release = kubernetes_version
        .release()
        .map_err(|e| usage(e.to_string()))?;

    let node_name = match flags
        .node_name
        .clone()
        .or(init.node_registration.name.clone())
    {
        Some(n) => n,
        None => host::hostname()?,
    };
    validate_dns_subdomain(&node_name)
        .map_err(|e| usage(format!("node name {node_name:?}: {e}")))?;

    let advertise_address = match flags
        .advertise_address
        .or(init.local_api_endpoint.advertise_address)
    {
        Some(a) => a,
        None => host::default_route_address().map_err(|e| usage(e.to_string()))?,
    };
    if advertise_address.is_unspecified() {
        return Err(usage(format!(
            "advertise address {advertise_address} is unspecified; give the address other nodes reach this one on"
        )));
    }
    let bind_port = flags
        .bind_port
        .or(init.local_api_endpoint.bind_port)
        .unwrap_or(d::BIND_PORT);
    if bind_port == 0 {
        return Err(usage("apiserver bind port must be between 1 and 65535"));
    }

    let control_plane_endpoint = flags
        .control_plane_endpoint
        .clone()
        .or(cluster.control_plane_endpoint.clone())
        .filter(|s| !s.is_empty());
    if let Some(ep) = &control_plane_endpoint {
        let (h, _) = crate::values::split_host_port(ep)
            .map_err(|e| usage(format!("control-plane endpoint {e}")))?;
        if h.parse::<IpAddr>().is_err() && validate_dns_subdomain(&h).is_err() {
            return Err(usage(format!(
                "control-plane endpoint {ep:?}: expected host[:port] with an IP or DNS name"
            )));
        }
    }

    let service = flags
        .service_cidr
        .clone()
        .or(cluster.networking.service_subnet.clone())
        .unwrap_or_else(|| d::SERVICE_SUBNET.parse().expect("default is valid"));
    for net in &service.0 {
        let bits = if net.addr().is_ipv4() { 32 } else { 128 };
        // kubeadm: at most 2^20 service addresses.
        if bits - net.prefix_len() > 20 {
            return Err(usage(format!(
                "service subnet {net} is too large: its mask must be at least /{}",
                bits - 20
            )));
        }
    }
    let pod_subnet = flags
        .pod_network_cidr
        .clone()
        .or(cluster.networking.pod_subnet.clone());
    if let Some(pods) = &pod_subnet {
        for p in &pods.0 {
            for s in &service.0 {
                if p.contains(&s.network()) || s.contains(&p.network()) {
                    return Err(usage(format!("pod subnet {p} overlaps service subnet {s}")));
                }
            }
        }
    }
    let dns_domain = flags
        .service_dns_domain
        .clone()
        .or(cluster.networking.dns_domain.clone())
        .unwrap_or_else(|| d::DNS_DOMAIN.to_string());
    validate_dns_subdomain(&dns_domain)
        .map_err(|e| usage(format!("DNS domain {dns_domain:?}: {e}")))?;

    let cert_dir = flags
        .cert_dir
        .clone()
        .or(cluster.certificates_dir.clone())
        .unwrap_or_else(|| crate::paths::PKI_DIR.to_string());
    if !cert_dir.starts_with('/') {
        return Err(usage(format!(
            "certificates dir {cert_dir:?} must be an absolute path"
        )));
    }

    let etcd = match cluster.etcd.unwrap_or_default() {
        api::EtcdConfig {
            local: Some(_),
            external: Some(_),
        } => return Err(usage("etcd.local and etcd.external are mutually exclusive")),
        api::EtcdConfig {
            external: Some(x), ..
        } => {
            if x.endpoints.is_empty() {
                return Err(usage(
                    "etcd.external.endpoints must list at least one endpoint",
                ));
            }
            EtcdSpec::External(ExternalEtcd {
                endpoints: x.endpoints,
                ca_file: x.ca_file,
                cert_file: x.cert_file,
                key_file: x.key_file,
            })
        }
        api::EtcdConfig { local, .. } => {
            let l = local.unwrap_or_default();
            for san in l.server_cert_sans.iter().chain(&l.peer_cert_sans) {
                validate_san(san)?;
            }
            let data_dir = l
                .data_dir
                .unwrap_or_else(|| crate::paths::ETCD_DATA_DIR.to_string());
            if !data_dir.starts_with('/') {
                return Err(usage(format!(
                    "etcd.local.dataDir {data_dir:?} must be an absolute path"
                )));
            }
            EtcdSpec::Local(LocalEtcd {
                image_repository: l.image_repository,
                image_tag: l.image_tag,
                data_dir,
                extra_args: l.extra_args.unwrap_or_default(),
                server_cert_sans: l.server_cert_sans,
                peer_cert_sans: l.peer_cert_sans,
            })
        }
    };

    let mut api_server_cert_sans: Vec<String> = cluster
        .api_server
        .cert_sans
        .iter()
        .chain(&flags.cert_extra_sans)
        .map(|s| s.to_ascii_lowercase())
        .collect();
    api_server_cert_sans.dedup();
    for san in &api_server_cert_sans {
        validate_san(san)?;
    }

    let component = |c: api::ControlPlaneComponent| ComponentSpec {
        extra_args: c.extra_args.unwrap_or_default(),
        extra_volumes: c.extra_volumes,
    };

    let mut ignore: BTreeSet<String> = init
        .node_registration
        .ignore_preflight_errors
        .iter()
        .chain(&flags.ignore_preflight_errors)
        .map(|s| s.to_ascii_lowercase())
        .collect();
    ignore.remove("");

    let taints = init.node_registration.taints.clone().unwrap_or_else(|| {
        vec![api::Taint {
            key: d::CONTROL_PLANE_TAINT_KEY.into(),
            value: None,
            effect: d::CONTROL_PLANE_TAINT_EFFECT.into(),
            time_added: None,
        }]
    });

    let validity = Validity {
        ca: parse_duration_opt(
            cluster.ca_certificate_validity_period.as_deref(),
            "caCertificateValidityPeriod",
        )?
        .unwrap_or(crate::pki::issue::CA_VALIDITY),
        leaf: parse_duration_opt(
            cluster.certificate_validity_period.as_deref(),
            "certificateValidityPeriod",
        )?
        .unwrap_or(crate::pki::issue::LEAF_VALIDITY),
    };
    if validity.leaf > validity.ca {
        return Err(usage(
            "certificateValidityPeriod is longer than caCertificateValidityPeriod",
        ));
    }

    let bootstrap_token = flags
        .token
        .clone()
        .or_else(|| init.bootstrap_tokens.iter().find_map(|t| t.token.clone()));

    let mut skip_phases = init.skip_phases.clone();
    skip_phases.extend(flags.skip_phases.iter().cloned());

    let image_repository = flags
        .image_repository
        .clone()
        .or(cluster.image_repository.clone())
        .unwrap_or_else(|| d::IMAGE_REPOSITORY.to_string());

    Ok(ClusterSpec {
        node_name,
        cri_socket: flags
            .cri_socket
            .clone()
            .or(init.node_registration.cri_socket.clone())
            .unwrap_or_else(|| d::CRI_SOCKET.to_string()),
        taints,
        kubelet_extra_args: init
            .node_registration
            .kubelet_extra_args
            .clone()
            .unwrap_or_default(),
        ignore_preflight_errors: ignore,
        advertise_address,
        bind_port,
        kubernetes_version,
        release,
        control_plane_endpoint,
        service_subnets: service.0,
        pod_subnet,
        dns_domain,
        cert_dir: PathBuf::from(cert_dir),
        image_repository,
        cluster_name: cluster
            .cluster_name
            .clone()
            .unwrap_or_else(|| d::CLUSTER_NAME.to_string()),
        etcd,
        api_server: component(cluster.api_server),
        api_server_cert_sans,
        controller_manager: component(cluster.controller_manager),
        scheduler: component(cluster.scheduler),
        encryption_algorithm: flags
            .encryption_algorithm
            .or(cluster.encryption_algorithm)
            .unwrap_or_default(),
        validity,
        bootstrap_token,
        skip_phases,
        kubelet_config_overrides: file.kubelet,
        kube_proxy_config: file.kube_proxy,
        dns: cluster.dns.clone().unwrap_or_default(),
        proxy_disabled: cluster
            .proxy
            .as_ref()
            .and_then(|p| p.disabled)
            .unwrap_or(false),
        warnings,
    })
}

/// DNS-1123 subdomain: lower-case alphanumerics, '-' and '.', at most 253 characters.
pub fn validate_dns_subdomain(s: &str) -> Result<(), String> {
    if s.is_empty() || s.len() > 253 {
        return Err("must be 1 to 253 characters".into());
    }
    for label in s.split('.') {
        let ok = !label.is_empty()
            && label.len() <= 63
            && label
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !label.starts_with('-')
            && !label.ends_with('-');
        if !ok {
            return Err("must be a lower-case RFC 1123 subdomain (a-z, 0-9, '-', '.')".into());
        }
    }
    Ok(())
}

fn validate_san(san: &str) -> Result<()> {
    if san.parse::<IpAddr>().is_ok() {
        return Ok(());
    }
    let name = san.strip_prefix("*.").unwrap_or(san);
    validate_dns_subdomain(name).map_err(|e| {
        usage(format!(
            "certificate SAN {san:?} is neither an IP address nor a DNS name: {e}"
        ))
    })
}

/// Allowed certificate validity periods: at least an hour (a shorter one
/// issues certificates that expire before the node is up, and kforge would
/// renew them on every run), at most 100 years.
pub const VALIDITY_RANGE: crate::values::DurationRange =
    crate::values::DurationRange::new(time::Duration::HOUR, time::Duration::days(36500));

fn parse_duration_opt(s: Option<&str>, field: &str) -> Result<Option<time::Duration>> {
    s.map(|s| {
        VALIDITY_RANGE
            .parse(s)
            .map_err(|e| usage(format!("{field}: {e}")))
    })
    .transpose()
}

/// Reads an optional config file, then resolves.
pub fn load(config: Option<&Path>, flags: &InitFlags) -> Result<ClusterSpec> {
    let file = config.map(read_config_file).transpose()?;
    resolve(file, flags).context("invalid cluster configuration")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<ConfigFile> {
        parse_config(Path::new("kubeadm.yaml"), text)
    }

    #[test]
    fn unknown_field_names_file_line_and_field() {
        let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  nmae: x\n";
        let e = format!("{:#}", parse(text).unwrap_err());
        assert!(e.starts_with("kubeadm.yaml:7:"), "{e}");
        assert!(e.contains("nmae"), "{e}");
    }

    #[test]
    fn invalid_cidr_has_a_line() {
        let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnet: 10.244.0.0/99\n";
        let e = format!("{:#}", parse(text).unwrap_err());
        assert!(e.starts_with("kubeadm.yaml:4:"), "{e}");
        assert!(e.contains("invalid CIDR"), "{e}");
    }

    #[test]
    fn v1beta3_maps_and_v1beta4_lists_both_work() {
        let v3 = "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n    audit-log-maxage: \"7\"\n";
        let v4 = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\napiServer:\n  extraArgs:\n  - name: audit-log-maxage\n    value: \"7\"\n";
        for t in [v3, v4] {
            let c = parse(t).unwrap().cluster.unwrap();
            assert_eq!(
                c.api_server.extra_args.unwrap().0,
                vec![("audit-log-maxage".into(), "7".into())]
            );
        }
    }

    #[test]
    fn v1beta4_only_fields_are_refused_in_v1beta3() {
        let t = "apiVersion: kubeadm.k8s.io/v1beta3\nkind: ClusterConfiguration\nencryptionAlgorithm: ECDSA-P256\n";
        let e = format!("{:#}", parse(t).unwrap_err());
        assert!(
            e.contains("kubeadm.yaml:3:") && e.contains("encryptionAlgorithm"),
            "{e}"
        );
    }

    #[test]
    fn regression_certificate_validity_overflow_and_already_invalid_certs() {
        for v in ["0s", "1s", "59m", "99999999999999999h", "36501d", "forever"] {
            let t = format!(
                "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncertificateValidityPeriod: {v}\n"
            );
            let e = format!("{:#}", parse(&t).unwrap_err());
            assert!(
                e.starts_with("kubeadm.yaml:3:28: certificateValidityPeriod: "),
                "{v}: {e}"
            );
            let t = format!(
                "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncaCertificateValidityPeriod: {v}\n"
            );
            let e = format!("{:#}", parse(&t).unwrap_err());
            assert!(
                e.starts_with("kubeadm.yaml:3:30: caCertificateValidityPeriod: "),
                "{v}: {e}"
            );
            assert!(
                crate::exit::ExitStatus::for_error(&parse(&t).unwrap_err())
                    == crate::exit::ExitStatus::Usage
            );
        }
        let t = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncertificateValidityPeriod: 8760h0m0s\n";
        assert!(parse(t).is_ok());
    }

    #[test]
    fn regression_control_plane_endpoint_bad_port_in_config_file() {
        for v in ["lb:99999", "lb:abc", "lb:0", "10.0.0.1:70000"] {
            let t = format!(
                "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\ncontrolPlaneEndpoint: {v}\n"
            );
            let e = format!("{:#}", parse(&t).unwrap_err());
            assert!(
                e.starts_with("kubeadm.yaml:3:23: controlPlaneEndpoint: "),
                "{v}: {e}"
            );
        }
    }

    #[test]
    fn kube_proxy_configuration_is_read_and_checked() {
        let base = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\n";
        let ok = format!("{base}apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\n");
        let v = parse(&ok).unwrap().kube_proxy.unwrap();
        assert_eq!(v["mode"], "ipvs");
        let typo = ok.replace("mode: ipvs", "mdoe: ipvs");
        let e = format!("{:#}", parse(&typo).unwrap_err());
        assert!(
            e.starts_with("kubeadm.yaml:6:1: KubeProxyConfiguration: unknown field `mdoe` (did you mean mode?)"),
            "{e}"
        );
        let v2 = ok.replace("v1alpha1", "v1beta1");
        let err = parse(&v2).unwrap_err();
        let e = format!("{err:#}");
        assert!(
            e.starts_with("kubeadm.yaml:4: KubeProxyConfiguration apiVersion \"kubeproxy.config.k8s.io/v1beta1\" is not supported"),
            "{e}"
        );
        assert!(crate::exit::ExitStatus::for_error(&err) == crate::exit::ExitStatus::Usage);
    }

    #[test]
    fn regression_unknown_kubelet_configuration_field_is_copied_verbatim() {
        let t = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPodz: 200\n";
        let e = format!("{:#}", parse(t).unwrap_err());
        assert!(
            e.starts_with("kubeadm.yaml:6:1: KubeletConfiguration: unknown field `maxPodz`"),
            "{e}"
        );
        assert!(e.contains("did you mean maxPods?"), "{e}");
        let ok = t.replace("maxPodz", "maxPods");
        assert!(parse(&ok).unwrap().kubelet.is_some());
    }
}
