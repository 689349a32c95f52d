//! Static pod manifests for etcd and the control plane, as kubeadm writes
//! them for the chosen Kubernetes release: the shared skeleton comes from
//! `templates/static-pod.yaml`; flags, probes, resources and volumes are
//! built here from the component table, the version table and the spec.
//! Keys come out sorted and flags sorted by name, as kubeadm's serializer
//! and `ArgumentsToCommand` produce them.

pub mod base;
pub mod comments;
pub mod merge;
pub mod probes;

use crate::components::{self, Component, Scheme};
use crate::kubeconfig::{self, KubeconfigSpec};
use crate::paths;
use crate::pki::table::{self, CertSpec};
use crate::spec::kubeadm_api::{ExtraArgs, HostPathMount};
use crate::spec::{ClusterSpec, LocalEtcd};
use crate::values::host_port;
use crate::versions::EtcdGeneration;
use anyhow::{Context, Result};
use probes::{Probe, ProbeKind};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SKELETON: &str = include_str!("../../templates/static-pod.yaml");

/// Static pod manifests are private to root, like kubeadm's.
pub const MODE: u32 = crate::staticpod::MANIFEST_MODE;
/// kubeadm creates the manifests directory 0700.
pub const DIR_MODE: u32 = 0o700;

/// A hostPath volume and its mount.
#[derive(Debug, Clone)]
struct Volume {
    name: String,
    host_path: String,
    mount_path: String,
    kind: &'static str,
    read_only: bool,
}

/// A volume mounted at the same path inside the pod as on the host.
fn vol(name: &str, path: &str, kind: &'static str, read_only: bool) -> Volume {
    Volume {
        name: name.to_string(),
        host_path: path.to_string(),
        mount_path: path.to_string(),
        kind,
        read_only,
    }
}

/// Where a static pod file lives.
pub fn manifest_path(c: &Component) -> PathBuf {
    paths::manifest(c).expect("static pod component")
}

/// Cluster membership written into etcd's flags.
#[derive(Debug, Clone)]
pub struct EtcdMembership {
    /// `name=peerURL` for every member (this one included).
    pub initial_cluster: Vec<(String, String)>,
    /// `--initial-cluster-state=existing` (joining a running cluster).
    pub existing: bool,
}

impl EtcdMembership {
    /// A new single-member cluster of this node.
    pub fn new_cluster(spec: &ClusterSpec) -> Self {
        EtcdMembership {
            initial_cluster: vec![(spec.node_name.clone(), etcd_peer_url(spec))],
            existing: false,
        }
    }
}

fn url(scheme: &str, host: &str, port: u16) -> String {
    format!("{scheme}://{}", host_port(host, port))
}

fn loopback(spec: &ClusterSpec) -> &'static str {
    if spec.advertise_address.is_ipv6() {
        "::1"
    } else {
        "127.0.0.1"
    }
}

pub fn etcd_client_url(spec: &ClusterSpec) -> String {
    url(
        "https",
        &spec.advertise_address.to_string(),
        components::ETCD_CLIENT.number,
    )
}

pub fn etcd_peer_url(spec: &ClusterSpec) -> String {
    url(
        "https",
        &spec.advertise_address.to_string(),
        components::ETCD_PEER.number,
    )
}

/// A file in the certificates directory, as a flag value.
fn cert(spec: &ClusterSpec, file: &str) -> String {
    spec.cert_dir.join(file).display().to_string()
}

/// A table row's certificate, as a flag value.
fn cert_crt(spec: &ClusterSpec, row: &CertSpec) -> String {
    pki_files(spec, row)[0].clone()
}

/// A table row's private key, as a flag value.
fn cert_key(spec: &ClusterSpec, row: &CertSpec) -> String {
    pki_files(spec, row)[1].clone()
}

fn pki_files(spec: &ClusterSpec, row: &CertSpec) -> [String; 2] {
    [row.cert_path(&spec.cert_dir), row.key_path(&spec.cert_dir)].map(|p| p.display().to_string())
}

/// `<repo>/<name>:<tag>`, with `+` in the tag turned into `_` as kubeadm does.
pub fn image(repo: &str, name: &str, tag: &str) -> String {
    format!("{repo}/{name}:{}", tag.replace('+', "_"))
}

/// `<imageRepository>/<component>:<kubernetesVersion>`.
fn control_plane_image(spec: &ClusterSpec, c: &Component) -> String {
    image(
        &spec.image_repository,
        c.name,
        &spec.kubernetes_version.to_string(),
    )
}

/// The etcd image tag this spec runs.
pub fn etcd_image_tag<'a>(spec: &'a ClusterSpec, local: &'a LocalEtcd) -> &'a str {
    local
        .image_tag
        .as_deref()
        .unwrap_or(spec.release.etcd_image_tag)
}

/// etcd flags kubeadm writes whose names changed in etcd 3.6 (the old
/// names are gone in 3.7): written by generation at init, renamed together
/// with the image by `upgrade`.
pub struct EtcdRename {
    /// The 3.5 flag name.
    pub v3_5: &'static str,
    /// The 3.6 flag name.
    pub v3_6: &'static str,
    /// A feature gate the 3.5 flag became (`--feature-gates=<gate>=<value>`).
    pub gate: Option<&'static str>,
    /// kubeadm's value.
    pub default: &'static str,
}

impl EtcdRename {
    /// The 3.6 flag's value for a 3.5 value.
    pub fn to_3_6(&self, value: &str) -> String {
        match self.gate {
            Some(g) => format!("{g}={value}"),
            None => value.to_string(),
        }
    }
}

pub const ETCD_3_6_RENAMES: &[EtcdRename] = &[
    EtcdRename {
        v3_5: "experimental-initial-corrupt-check",
        v3_6: "feature-gates",
        gate: Some("InitialCorruptCheck"),
        default: "true",
    },
    EtcdRename {
        v3_5: "experimental-watch-progress-notify-interval",
        v3_6: "watch-progress-notify-interval",
        gate: None,
        default: "5s",
    },
];

/// etcd's command line (without the leading `etcd`), as in the manifest.
pub fn etcd_args(
    spec: &ClusterSpec,
    local: &LocalEtcd,
    m: &EtcdMembership,
) -> Vec<(String, String)> {
    let adv = spec.advertise_address.to_string();
    let lh = loopback(spec);
    let mut a: Vec<(&str, String)> = vec![
        ("advertise-client-urls", etcd_client_url(spec)),
        ("cert-file", cert_crt(spec, &table::ETCD_SERVER)),
        ("client-cert-auth", "true".into()),
        ("data-dir", local.data_dir.clone()),
        ("initial-advertise-peer-urls", etcd_peer_url(spec)),
        (
            "initial-cluster",
            m.initial_cluster
                .iter()
                .map(|(n, u)| format!("{n}={u}"))
                .collect::<Vec<_>>()
                .join(","),
        ),
        ("key-file", cert_key(spec, &table::ETCD_SERVER)),
        (
            "listen-client-urls",
            format!(
                "{},{}",
                url("https", lh, components::ETCD_CLIENT.number),
                etcd_client_url(spec)
            ),
        ),
        (
            "listen-metrics-urls",
            url("http", lh, components::ETCD_METRICS.number),
        ),
        (
            "listen-peer-urls",
            url("https", &adv, components::ETCD_PEER.number),
        ),
        ("name", spec.node_name.clone()),
        ("peer-cert-file", cert_crt(spec, &table::ETCD_PEER)),
        ("peer-client-cert-auth", "true".into()),
        ("peer-key-file", cert_key(spec, &table::ETCD_PEER)),
        ("peer-trusted-ca-file", cert_crt(spec, &table::ETCD_CA)),
        ("snapshot-count", "10000".into()),
        ("trusted-ca-file", cert_crt(spec, &table::ETCD_CA)),
    ];
    let gen = spec.release.etcd_generation(etcd_image_tag(spec, local));
    for r in ETCD_3_6_RENAMES {
        a.push(match gen {
            EtcdGeneration::V3_5 => (r.v3_5, r.default.to_string()),
            EtcdGeneration::V3_6 => (r.v3_6, r.to_3_6(r.default)),
        });
    }
    if m.existing {
        a.push(("initial-cluster-state", "existing".into()));
    }
    sorted_args(a, &local.extra_args)
}

/// kubeadm's `ArgumentsToCommand`: extra args replace defaults of the same
/// name, then everything is sorted by name and value.
fn sorted_args(defaults: Vec<(&str, String)>, extra: &ExtraArgs) -> Vec<(String, String)> {
    let defaults = defaults
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    let mut all = crate::kubeadm_style::merge_args(defaults, extra);
    all.sort();
    all
}

fn command(binary: &str, args: &[(String, String)]) -> Vec<String> {
    std::iter::once(binary.to_string())
        .chain(args.iter().map(|(k, v)| format!("--{k}={v}")))
        .collect()
}

/// The value of a flag in an argument list.
pub fn arg<'a>(args: &'a [(String, String)], name: &str) -> Option<&'a str> {
    args.iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// etcd.yaml.
pub fn etcd(spec: &ClusterSpec, local: &LocalEtcd, m: &EtcdMembership) -> Result<String> {
    let args = etcd_args(spec, local, m);
    let c = &components::ETCD;
    // The probe follows --listen-metrics-urls (its first URL), as kubeadm does.
    let metrics = arg(&args, "listen-metrics-urls").unwrap_or_default();
    let (scheme, host, port) = probes::split_url(metrics.split(',').next().unwrap_or_default())
        .unwrap_or((
            Scheme::Http,
            loopback(spec).to_string(),
            components::ETCD_METRICS.number,
        ));
    let probe = |kind, path: &str| Probe::new(kind, &host, path, port, scheme);
    let repo = local
        .image_repository
        .as_deref()
        .unwrap_or(&spec.image_repository);
    let certs_dir = format!("{}/etcd", spec.cert_dir.display());
    let mut annotations = BTreeMap::new();
    annotations.insert(
        "kubeadm.kubernetes.io/etcd.advertise-client-urls".to_string(),
        etcd_client_url(spec),
    );
    render(
        spec,
        Pod {
            component: c,
            image: image(repo, c.name, etcd_image_tag(spec, local)),
            command: command(c.name, &args),
            annotations,
            liveness: probe(ProbeKind::Liveness, "/livez"),
            readiness: Some(probe(ProbeKind::Readiness, "/readyz")),
            startup: probe(ProbeKind::Startup, "/readyz"),
            // kubeadm keeps etcd's mounts in source order (data, then certs).
            mounts_sorted: false,
            volumes: vec![
                vol("etcd-data", &local.data_dir, "DirectoryOrCreate", false),
                vol("etcd-certs", &certs_dir, "DirectoryOrCreate", false),
            ],
            env: vec![],
        },
    )
}

/// The volumes every component that checks TLS chains gets: k8s-certs,
/// ca-certs and the CA bundle directories present on the node.
fn ca_volumes(spec: &ClusterSpec, exists: &dyn Fn(&str) -> bool) -> Vec<Volume> {
    let mut v = vec![
        vol(
            "k8s-certs",
            &spec.cert_dir.display().to_string(),
            "DirectoryOrCreate",
            true,
        ),
        vol("ca-certs", paths::SSL_CERTS_DIR, "DirectoryOrCreate", true),
    ];
    for dir in paths::CA_BUNDLE_DIRS {
        if exists(dir) {
            v.push(vol(
                &dir[1..].replace('/', "-"),
                dir,
                "DirectoryOrCreate",
                true,
            ));
        }
    }
    v
}

/// User extraVolumes replace defaults of the same name and are added last.
fn with_extra(mut v: Vec<Volume>, extra: &[HostPathMount]) -> Vec<Volume> {
    for e in extra {
        v.retain(|x| x.name != e.name);
        v.push(Volume {
            name: e.name.clone(),
            host_path: e.host_path.clone(),
            mount_path: e.mount_path.clone(),
            kind: match e.path_type.as_deref() {
                Some("DirectoryOrCreate") => "DirectoryOrCreate",
                Some("Directory") => "Directory",
                Some("FileOrCreate") => "FileOrCreate",
                Some("File") => "File",
                Some("Socket") => "Socket",
                _ => "",
            },
            read_only: e.read_only,
        });
    }
    v
}

/// `*_proxy` variables of kforge's own environment, as kubeadm passes its own.
pub fn proxy_env() -> Vec<(String, String)> {
    let mut env: Vec<(String, String)> = std::env::vars()
        .filter(|(k, v)| k.to_ascii_lowercase().ends_with("_proxy") && !v.is_empty())
        .collect();
    env.sort();
    env
}

fn kubeconfig_path(kc: &KubeconfigSpec) -> String {
    kc.path().display().to_string()
}

/// kube-apiserver's flags.
pub fn apiserver_args(spec: &ClusterSpec) -> Vec<(String, String)> {
    let mut a: Vec<(&str, String)> = vec![
        ("advertise-address", spec.advertise_address.to_string()),
        ("allow-privileged", "true".into()),
        ("authorization-mode", "Node,RBAC".into()),
        ("client-ca-file", cert_crt(spec, &table::CA)),
        ("enable-admission-plugins", "NodeRestriction".into()),
        ("enable-bootstrap-token-auth", "true".into()),
        (
            "kubelet-client-certificate",
            cert_crt(spec, &table::APISERVER_KUBELET_CLIENT),
        ),
        (
            "kubelet-client-key",
            cert_key(spec, &table::APISERVER_KUBELET_CLIENT),
        ),
        (
            "kubelet-preferred-address-types",
            "InternalIP,ExternalIP,Hostname".into(),
        ),
        (
            "proxy-client-cert-file",
            cert_crt(spec, &table::FRONT_PROXY_CLIENT),
        ),
        (
            "proxy-client-key-file",
            cert_key(spec, &table::FRONT_PROXY_CLIENT),
        ),
        (
            "requestheader-allowed-names",
            table::FRONT_PROXY_CLIENT
                .fixed_cn()
                .unwrap_or_default()
                .into(),
        ),
        (
            "requestheader-client-ca-file",
            cert_crt(spec, &table::FRONT_PROXY_CA),
        ),
        (
            "requestheader-extra-headers-prefix",
            "X-Remote-Extra-".into(),
        ),
        ("requestheader-group-headers", "X-Remote-Group".into()),
        ("requestheader-username-headers", "X-Remote-User".into()),
        ("secure-port", spec.bind_port.to_string()),
        (
            "service-account-issuer",
            format!("https://kubernetes.default.svc.{}", spec.dns_domain),
        ),
        ("service-account-key-file", cert(spec, table::SA_PUB)),
        (
            "service-account-signing-key-file",
            cert(spec, table::SA_KEY),
        ),
        (
            "service-cluster-ip-range",
            spec.service_subnets
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ),
        ("tls-cert-file", cert_crt(spec, &table::APISERVER)),
        ("tls-private-key-file", cert_key(spec, &table::APISERVER)),
    ];
    match &spec.etcd {
        crate::spec::EtcdSpec::Local(_) => {
            a.push(("etcd-cafile", cert_crt(spec, &table::ETCD_CA)));
            a.push((
                "etcd-certfile",
                cert_crt(spec, &table::APISERVER_ETCD_CLIENT),
            ));
            a.push((
                "etcd-keyfile",
                cert_key(spec, &table::APISERVER_ETCD_CLIENT),
            ));
            a.push((
                "etcd-servers",
                url("https", loopback(spec), components::ETCD_CLIENT.number),
            ));
        }
        crate::spec::EtcdSpec::External(x) => {
            a.push(("etcd-servers", x.endpoints.join(",")));
            for (k, v) in [
                ("etcd-cafile", &x.ca_file),
                ("etcd-certfile", &x.cert_file),
                ("etcd-keyfile", &x.key_file),
            ] {
                if !v.is_empty() {
                    a.push((k, v.clone()));
                }
            }
        }
    }
    sorted_args(a, &spec.api_server.extra_args)
}

/// kube-apiserver.yaml.
pub fn kube_apiserver(spec: &ClusterSpec, exists: &dyn Fn(&str) -> bool) -> Result<String> {
    let c = &components::KUBE_APISERVER;
    let adv = spec.advertise_address;
    let host = if adv.is_unspecified() {
        String::new()
    } else {
        adv.to_string()
    };
    let probe = |kind, path: &str| Probe::new(kind, &host, path, spec.bind_port, c.health_scheme);
    let mut annotations = BTreeMap::new();
    annotations.insert(
        "kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint".to_string(),
        host_port(&adv.to_string(), spec.bind_port),
    );
    let mut volumes = ca_volumes(spec, exists);
    if let crate::spec::EtcdSpec::External(x) = &spec.etcd {
        let mut i = 0;
        for f in [&x.ca_file, &x.cert_file, &x.key_file] {
            let Some(dir) = Path::new(f).parent().map(|d| d.display().to_string()) else {
                continue;
            };
            let covered = dir.is_empty()
                || Path::new(&dir).starts_with(&spec.cert_dir)
                || volumes.iter().any(|v| v.host_path == dir);
            if !covered {
                volumes.push(vol(
                    &format!("etcd-certs-{i}"),
                    &dir,
                    "DirectoryOrCreate",
                    true,
                ));
                i += 1;
            }
        }
    }
    render(
        spec,
        Pod {
            component: c,
            image: control_plane_image(spec, c),
            command: command(c.name, &apiserver_args(spec)),
            annotations,
            liveness: probe(ProbeKind::Liveness, c.livez),
            readiness: c.readyz.map(|p| probe(ProbeKind::Readiness, p)),
            startup: probe(ProbeKind::Startup, c.livez),
            mounts_sorted: true,
            volumes: with_extra(volumes, &spec.api_server.extra_volumes),
            env: proxy_env(),
        },
    )
}

/// kube-controller-manager's flags.
pub fn controller_manager_args(spec: &ClusterSpec, external_ca: bool) -> Vec<(String, String)> {
    let kc = kubeconfig_path(&kubeconfig::CONTROLLER_MANAGER);
    let signing = |f: String| if external_ca { String::new() } else { f };
    let mut a: Vec<(&str, String)> = vec![
        ("authentication-kubeconfig", kc.clone()),
        ("authorization-kubeconfig", kc.clone()),
        ("bind-address", "127.0.0.1".into()),
        ("client-ca-file", cert_crt(spec, &table::CA)),
        ("cluster-name", spec.cluster_name.clone()),
        (
            "cluster-signing-cert-file",
            signing(cert_crt(spec, &table::CA)),
        ),
        (
            "cluster-signing-key-file",
            signing(cert_key(spec, &table::CA)),
        ),
        ("controllers", "*,bootstrapsigner,tokencleaner".into()),
        ("kubeconfig", kc),
        ("leader-elect", "true".into()),
        (
            "requestheader-client-ca-file",
            cert_crt(spec, &table::FRONT_PROXY_CA),
        ),
        ("root-ca-file", cert_crt(spec, &table::CA)),
        (
            "service-account-private-key-file",
            cert(spec, table::SA_KEY),
        ),
        ("use-service-account-credentials", "true".into()),
    ];
    if let Some(pods) = &spec.pod_subnet {
        a.push(("allocate-node-cidrs", "true".into()));
        a.push(("cluster-cidr", pods.to_string()));
        a.push((
            "service-cluster-ip-range",
            spec.service_subnets
                .iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(","),
        ));
    }
    sorted_args(a, &spec.controller_manager.extra_args)
}

/// kube-controller-manager.yaml.
pub fn kube_controller_manager(
    spec: &ClusterSpec,
    exists: &dyn Fn(&str) -> bool,
    external_ca: bool,
) -> Result<String> {
    let c = &components::KUBE_CONTROLLER_MANAGER;
    let args = controller_manager_args(spec, external_ca);
    let host = probe_host(arg(&args, "bind-address"));
    let probe = |kind, path: &str| Probe::new(kind, &host, path, c.health_port(), c.health_scheme);
    let flex = arg(&args, "flex-volume-plugin-dir")
        .unwrap_or(paths::FLEXVOLUME_DIR)
        .to_string();
    let mut volumes = ca_volumes(spec, exists);
    volumes.push(vol("flexvolume-dir", &flex, "DirectoryOrCreate", false));
    volumes.push(vol(
        "kubeconfig",
        &kubeconfig_path(&kubeconfig::CONTROLLER_MANAGER),
        "FileOrCreate",
        true,
    ));
    render(
        spec,
        Pod {
            component: c,
            image: control_plane_image(spec, c),
            command: command(c.name, &args),
            annotations: BTreeMap::new(),
            liveness: probe(ProbeKind::Liveness, c.livez),
            readiness: None,
            startup: probe(ProbeKind::Startup, c.livez),
            mounts_sorted: true,
            volumes: with_extra(volumes, &spec.controller_manager.extra_volumes),
            env: proxy_env(),
        },
    )
}

fn probe_host(bind: Option<&str>) -> String {
    match bind {
        Some("0.0.0.0") | Some("::") => String::new(),
        Some(h) => h.to_string(),
        None => "127.0.0.1".to_string(),
    }
}

/// kube-scheduler's flags.
pub fn scheduler_args(spec: &ClusterSpec) -> Vec<(String, String)> {
    let sc = kubeconfig_path(&kubeconfig::SCHEDULER);
    let a: Vec<(&str, String)> = vec![
        ("authentication-kubeconfig", sc.clone()),
        ("authorization-kubeconfig", sc.clone()),
        ("bind-address", "127.0.0.1".into()),
        ("kubeconfig", sc),
        ("leader-elect", "true".into()),
    ];
    sorted_args(a, &spec.scheduler.extra_args)
}

/// kube-scheduler.yaml.
pub fn kube_scheduler(spec: &ClusterSpec) -> Result<String> {
    let c = &components::KUBE_SCHEDULER;
    let args = scheduler_args(spec);
    let host = probe_host(arg(&args, "bind-address"));
    let probe = |kind, path: &str| Probe::new(kind, &host, path, c.health_port(), c.health_scheme);
    // Before 1.32 the scheduler was probed on /healthz with no readiness probe.
    let (live, ready) = if spec.release.scheduler_livez_readyz {
        (c.livez, c.readyz)
    } else {
        ("/healthz", None)
    };
    render(
        spec,
        Pod {
            component: c,
            image: control_plane_image(spec, c),
            command: command(c.name, &args),
            annotations: BTreeMap::new(),
            liveness: probe(ProbeKind::Liveness, live),
            readiness: ready.map(|p| probe(ProbeKind::Readiness, p)),
            startup: probe(ProbeKind::Startup, live),
            mounts_sorted: true,
            volumes: with_extra(
                vec![vol(
                    "kubeconfig",
                    &kubeconfig_path(&kubeconfig::SCHEDULER),
                    "FileOrCreate",
                    true,
                )],
                &spec.scheduler.extra_volumes,
            ),
            env: proxy_env(),
        },
    )
}

struct Pod<'a> {
    component: &'a Component,
    image: String,
    command: Vec<String>,
    annotations: BTreeMap<String, String>,
    liveness: Probe,
    readiness: Option<Probe>,
    startup: Probe,
    mounts_sorted: bool,
    volumes: Vec<Volume>,
    env: Vec<(String, String)>,
}

fn render(spec: &ClusterSpec, pod: Pod) -> Result<String> {
    let mut doc: Value = serde_yaml_ng::from_str(SKELETON).context("templates/static-pod.yaml")?;
    let name = pod.component.name;
    let rel = spec.release;
    {
        let meta = doc["metadata"]
            .as_object_mut()
            .context("skeleton metadata")?;
        meta.insert("name".into(), name.into());
        meta["labels"]["component"] = name.into();
        if !pod.annotations.is_empty() {
            meta.insert("annotations".into(), json!(pod.annotations));
        }
        if !rel.creation_timestamp_null {
            meta.remove("creationTimestamp");
        }
    }
    let probe_port = pod.liveness.port;
    let probe_json = |p: &Probe| p.to_json(rel.named_probe_port);
    let mut volumes: Vec<&Volume> = pod.volumes.iter().collect();
    let mut mounts: Vec<&Volume> = pod.volumes.iter().collect();
    volumes.sort_by(|a, b| a.name.cmp(&b.name));
    if pod.mounts_sorted {
        mounts.sort_by(|a, b| a.name.cmp(&b.name));
    }
    let container = doc["spec"]["containers"][0]
        .as_object_mut()
        .context("skeleton container")?;
    container.insert("name".into(), name.into());
    container.insert("image".into(), pod.image.into());
    container.insert("command".into(), json!(pod.command));
    container.insert("livenessProbe".into(), probe_json(&pod.liveness));
    if let Some(r) = &pod.readiness {
        container.insert("readinessProbe".into(), probe_json(r));
    }
    container.insert("startupProbe".into(), probe_json(&pod.startup));
    if rel.named_probe_port {
        container.insert(
            "ports".into(),
            json!([{"containerPort": probe_port, "name": probes::PROBE_PORT_NAME, "protocol": "TCP"}]),
        );
    }
    let mut requests = Map::new();
    let (cpu, memory) = pod.component.requests;
    requests.insert("cpu".into(), cpu.into());
    if let Some(m) = memory {
        requests.insert("memory".into(), m.into());
    }
    container.insert("resources".into(), json!({ "requests": requests }));
    if !pod.env.is_empty() {
        container.insert(
            "env".into(),
            Value::Array(
                pod.env
                    .iter()
                    .map(|(k, v)| json!({"name": k, "value": v}))
                    .collect(),
            ),
        );
    }
    container.insert(
        "volumeMounts".into(),
        Value::Array(
            mounts
                .iter()
                .map(|v| {
                    let mut m = Map::new();
                    m.insert("mountPath".into(), v.mount_path.clone().into());
                    m.insert("name".into(), v.name.clone().into());
                    if v.read_only {
                        m.insert("readOnly".into(), true.into());
                    }
                    Value::Object(m)
                })
                .collect(),
        ),
    );
    doc["spec"]["volumes"] = Value::Array(
        volumes
            .iter()
            .map(|v| {
                let mut hp = Map::new();
                hp.insert("path".into(), v.host_path.clone().into());
                if !v.kind.is_empty() {
                    hp.insert("type".into(), v.kind.into());
                }
                json!({"hostPath": hp, "name": v.name})
            })
            .collect(),
    );
    Ok(serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(
        doc,
    ))?)
}

/// Whether the node's cluster CA is external (its certificate without its
/// key): the controller-manager then signs nothing.
pub fn external_ca(node: &dyn crate::node::Node, pki: &crate::pki::PkiSettings) -> Result<bool> {
    Ok(node.exists(&pki.cert_path(table::CA.base))?
        && !node.exists(&pki.key_path(table::CA.base))?)
}

/// Every control-plane manifest of a node, in write order.
pub fn control_plane(
    spec: &ClusterSpec,
    exists: &dyn Fn(&str) -> bool,
    external_ca: bool,
) -> Result<Vec<(&'static Component, String)>> {
    Ok(vec![
        (&components::KUBE_APISERVER, kube_apiserver(spec, exists)?),
        (
            &components::KUBE_CONTROLLER_MANAGER,
            kube_controller_manager(spec, exists, external_ca)?,
        ),
        (&components::KUBE_SCHEDULER, kube_scheduler(spec)?),
    ])
}
