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
    pub warnings: Vec<String>,
}

/// Reads and strictly parses a multi-document kubeadm config file.
pub fn read_config_file(path: &Path) -> Result<ConfigFile> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| usage(format!("{}: cannot read config file: {e}", path.display())))?;
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
                            ("certificateValidityPeriod", c.certificate_validity_period.is_some()),
                            ("caCertificateValidityPeriod", c.ca_certificate_validity_period.is_some()),
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
                    out.cluster = Some(c);
                }
            }
            ("kubelet.config.k8s.io", "KubeletConfiguration") => {
                let v: serde_json::Value = serde_yaml_ng::from_str(doc).map_err(err)?;
                out.kubelet = Some(v);
            }
            ("kubeproxy.config.k8s.io", "KubeProxyConfiguration") => out.warnings.push(format!(
                "{shown}:{first_line}: KubeProxyConfiguration ignored: kforge does not deploy kube-proxy"
            )),
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
    ignored("dns", cluster.dns.is_some(), &mut warnings);
    ignored("proxy", cluster.proxy.is_some(), &mut warnings);
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
        let (h, _) = super::split_host_port(ep);
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

/// Go durations as kubeadm writes them: `8760h0m0s`, `24h`, `90m`.
pub fn parse_duration(s: &str) -> Result<time::Duration, String> {
    let bad = || format!("invalid duration {s:?} (expected e.g. 8760h0m0s)");
    let mut total = 0f64;
    let mut num = String::new();
    let mut chars = s.trim().chars().peekable();
    if chars.peek().is_none() {
        return Err(bad());
    }
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() || c == '.' {
            num.push(c);
            continue;
        }
        let mut unit = c.to_string();
        if c == 'm' && chars.peek() == Some(&'s') {
            unit.push(chars.next().unwrap());
        }
        let n: f64 = num.parse().map_err(|_| bad())?;
        num.clear();
        total += n * match unit.as_str() {
            "h" => 3600.0,
            "m" => 60.0,
            "s" => 1.0,
            "ms" => 0.001,
            "d" => 86400.0,
            _ => return Err(bad()),
        };
    }
    if !num.is_empty() {
        return Err(bad());
    }
    Ok(time::Duration::seconds_f64(total))
}

fn parse_duration_opt(s: Option<&str>, field: &str) -> Result<Option<time::Duration>> {
    s.map(|s| parse_duration(s).map_err(|e| usage(format!("{field}: {e}"))))
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
    fn durations() {
        assert_eq!(
            parse_duration("8760h0m0s").unwrap(),
            time::Duration::days(365)
        );
        assert_eq!(parse_duration("90m").unwrap(), time::Duration::minutes(90));
        assert!(parse_duration("forever").is_err());
        assert!(parse_duration("10").is_err());
    }
}
