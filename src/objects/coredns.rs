//! `addon/coredns`: kubeadm's CoreDNS objects for the cluster's release.
//!
//! Facts (kubeadm `phases/addons/dns/manifests.go` and `dns.go`,
//! `constants.go` `GetDNSIP`, `images.GetDNSImage`):
//! - objects, in kubeadm's order: ConfigMap `coredns` (key `Corefile`),
//!   ClusterRole and ClusterRoleBinding `system:coredns`, ServiceAccount
//!   `coredns`, Deployment `coredns` (2 replicas), Service `kube-dns`, all in
//!   `kube-system`;
//! - the image is `<imageRepository>/coredns:<CoreDNS version>`, except that
//!   the default repository `registry.k8s.io` gets an extra `/coredns`; the
//!   version is the release's, from the version table;
//! - the Service's clusterIP is the 10th address of the first service CIDR;
//! - the Corefile's `cache 30` line gains a block that disables caching of
//!   the cluster's own zone from 1.32 on ([`CACHE_DISABLE_FROM`]);
//! - from 1.34 on the probes use the named container ports `liveness-probe`
//!   (8080) and `readiness-probe` (8181), which the container lists; before,
//!   the probes name the numbers and the container lists three ports
//!   ([`NAMED_PROBE_PORTS_FROM`]).
//!
//! kubeadm's Service template carries `resourceVersion: "0"` to force its
//! create-or-update; kforge applies server-side, where a resourceVersion is a
//! precondition, so it is left out.

use super::{
    binding, config_map, meta, role, string_map, ApiObject, BindingRow, RoleRow, RuleRow,
    SubjectRow, KUBE_SYSTEM,
};
use crate::spec::ClusterSpec;
use anyhow::{anyhow, Result};
use k8s_openapi::api::apps::v1::{
    Deployment, DeploymentSpec, DeploymentStrategy, RollingUpdateDeployment,
};
use k8s_openapi::api::core::v1::{
    Affinity, Capabilities, ConfigMapVolumeSource, Container, ContainerPort, HTTPGetAction,
    KeyToPath, PodAffinityTerm, PodAntiAffinity, PodSpec, PodTemplateSpec, Probe,
    ResourceRequirements, SecurityContext, Service, ServiceAccount, ServicePort, ServiceSpec,
    Toleration, Volume, VolumeMount, WeightedPodAffinityTerm,
};
use k8s_openapi::apimachinery::pkg::api::resource::Quantity;
use k8s_openapi::apimachinery::pkg::apis::meta::v1::{LabelSelector, LabelSelectorRequirement};
use k8s_openapi::apimachinery::pkg::util::intstr::IntOrString;
use std::collections::BTreeMap;
use std::net::IpAddr;

pub const NAME: &str = "coredns";
pub const SERVICE_NAME: &str = "kube-dns";
pub const CONFIG_MAP_KEY: &str = "Corefile";
/// The label every CoreDNS object and its selector carry.
pub const APP_LABEL: (&str, &str) = ("k8s-app", "kube-dns");
pub const REPLICAS: i32 = 2;
/// The service CIDR's address the DNS Service takes (`GetDNSIP`).
pub const SERVICE_IP_INDEX: u32 = 10;
/// The minor release from which the Corefile disables caching of the
/// cluster zone.
pub const CACHE_DISABLE_FROM: u32 = 32;
/// The minor release from which the probes use named ports.
pub const NAMED_PROBE_PORTS_FROM: u32 = 34;
/// The repository that gets an extra `/coredns` path element.
pub const DEFAULT_REPOSITORY: &str = crate::spec::defaults::IMAGE_REPOSITORY;

/// (name, port, protocol) of the container, the Service's ports being the
/// first three.
pub const PORTS: &[(&str, i32, &str)] = &[
    ("dns", 53, "UDP"),
    ("dns-tcp", 53, "TCP"),
    ("metrics", 9153, "TCP"),
];
/// (port name, number, path) of the liveness and readiness probes.
pub const LIVENESS: (&str, i32, &str) = ("liveness-probe", 8080, "/health");
pub const READINESS: (&str, i32, &str) = ("readiness-probe", 8181, "/ready");

pub const CLUSTER_ROLE: RoleRow = RoleRow {
    namespace: None,
    name: "system:coredns",
    rules: &[
        RuleRow {
            verbs: &["list", "watch"],
            api_groups: &[""],
            resources: &["endpoints", "services", "pods", "namespaces"],
            resource_names: &[],
        },
        RuleRow {
            verbs: &["list", "watch"],
            api_groups: &["discovery.k8s.io"],
            resources: &["endpointslices"],
            resource_names: &[],
        },
    ],
};

pub const CLUSTER_ROLE_BINDING: BindingRow = BindingRow {
    namespace: None,
    name: "system:coredns",
    role_kind: "ClusterRole",
    role_name: "system:coredns",
    subjects: &[SubjectRow::ServiceAccount {
        namespace: KUBE_SYSTEM,
        name: NAME,
    }],
};

/// The Service's labels and annotations.
pub const SERVICE_LABELS: &[(&str, &str)] = &[
    APP_LABEL,
    ("kubernetes.io/cluster-service", "true"),
    ("kubernetes.io/name", "CoreDNS"),
];
pub const SERVICE_ANNOTATIONS: &[(&str, &str)] = &[
    ("prometheus.io/port", "9153"),
    ("prometheus.io/scrape", "true"),
];

/// The Corefile for a DNS domain and release.
pub fn corefile(dns_domain: &str, minor: u32) -> String {
    let cache = if minor >= CACHE_DISABLE_FROM && !dns_domain.is_empty() {
        format!(
            "cache 30 {{\n       disable success {dns_domain}\n       disable denial {dns_domain}\n    }}"
        )
    } else {
        "cache 30".to_string()
    };
    format!(
        ".:53 {{\n    errors\n    health {{\n       lameduck 5s\n    }}\n    ready\n    kubernetes {dns_domain} in-addr.arpa ip6.arpa {{\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }}\n    prometheus :9153\n    forward . /etc/resolv.conf {{\n       max_concurrent 1000\n    }}\n    {cache}\n    loop\n    reload\n    loadbalance\n}}\n"
    )
}

/// `<repo>/coredns:<version>` (`registry.k8s.io/coredns/coredns:<version>` by
/// default), as kubeadm's `GetDNSImage`: the `dns.imageRepository` and
/// `dns.imageTag` of the configuration override the cluster's repository
/// and the version table's CoreDNS version.
pub fn image(spec: &ClusterSpec) -> String {
    let repo = spec
        .dns
        .image_repository
        .clone()
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| spec.image_repository.clone());
    let repo = if repo == DEFAULT_REPOSITORY {
        format!("{DEFAULT_REPOSITORY}/coredns")
    } else {
        repo
    };
    let tag = spec
        .dns
        .image_tag
        .as_deref()
        .filter(|t| !t.is_empty())
        .unwrap_or(spec.release.coredns_version);
    crate::manifests::image(&repo, "coredns", tag)
}

/// The DNS Service's address: the 10th of the first service CIDR.
pub fn service_ip(spec: &ClusterSpec) -> Result<IpAddr> {
    let net = spec
        .service_subnets
        .first()
        .ok_or_else(|| anyhow!("no service subnet to place the DNS Service in"))?;
    crate::pki::nth_ip(net, SERVICE_IP_INDEX).ok_or_else(|| {
        crate::exit::usage(format!(
            "service subnet {net} is too small for the DNS Service (it takes address {SERVICE_IP_INDEX})"
        ))
    })
}

fn app_labels() -> BTreeMap<String, String> {
    string_map(&[APP_LABEL])
}

fn port(name: &str, number: i32, protocol: &str) -> ContainerPort {
    ContainerPort {
        container_port: number,
        name: Some(name.into()),
        protocol: Some(protocol.into()),
        ..Default::default()
    }
}

fn http_probe(p: (&str, i32, &str), named: bool) -> HTTPGetAction {
    HTTPGetAction {
        path: Some(p.2.into()),
        port: if named {
            IntOrString::String(p.0.into())
        } else {
            IntOrString::Int(p.1)
        },
        scheme: Some("HTTP".into()),
        ..Default::default()
    }
}

fn deployment(spec: &ClusterSpec, replicas: i32) -> Deployment {
    let named = spec.release.version.minor >= NAMED_PROBE_PORTS_FROM;
    let mut ports: Vec<ContainerPort> = PORTS.iter().map(|p| port(p.0, p.1, p.2)).collect();
    if named {
        ports.push(port(LIVENESS.0, LIVENESS.1, "TCP"));
        ports.push(port(READINESS.0, READINESS.1, "TCP"));
    }
    let quantities = |pairs: &[(&str, &str)]| -> BTreeMap<String, Quantity> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), Quantity(v.to_string())))
            .collect()
    };
    let container = Container {
        name: NAME.into(),
        image: Some(image(spec)),
        image_pull_policy: Some("IfNotPresent".into()),
        resources: Some(ResourceRequirements {
            limits: Some(quantities(&[("memory", "170Mi")])),
            requests: Some(quantities(&[("cpu", "100m"), ("memory", "70Mi")])),
            ..Default::default()
        }),
        args: Some(vec!["-conf".into(), "/etc/coredns/Corefile".into()]),
        volume_mounts: Some(vec![VolumeMount {
            name: "config-volume".into(),
            mount_path: "/etc/coredns".into(),
            read_only: Some(true),
            ..Default::default()
        }]),
        ports: Some(ports),
        liveness_probe: Some(Probe {
            http_get: Some(http_probe(LIVENESS, named)),
            initial_delay_seconds: Some(60),
            timeout_seconds: Some(5),
            success_threshold: Some(1),
            failure_threshold: Some(5),
            ..Default::default()
        }),
        readiness_probe: Some(Probe {
            http_get: Some(http_probe(READINESS, named)),
            ..Default::default()
        }),
        security_context: Some(SecurityContext {
            allow_privilege_escalation: Some(false),
            capabilities: Some(Capabilities {
                add: Some(vec!["NET_BIND_SERVICE".into()]),
                drop: Some(vec!["ALL".into()]),
            }),
            read_only_root_filesystem: Some(true),
            ..Default::default()
        }),
        ..Default::default()
    };
    let pod = PodSpec {
        priority_class_name: Some("system-cluster-critical".into()),
        service_account_name: Some(NAME.into()),
        affinity: Some(Affinity {
            pod_anti_affinity: Some(PodAntiAffinity {
                preferred_during_scheduling_ignored_during_execution: Some(vec![
                    WeightedPodAffinityTerm {
                        weight: 100,
                        pod_affinity_term: PodAffinityTerm {
                            label_selector: Some(LabelSelector {
                                match_expressions: Some(vec![LabelSelectorRequirement {
                                    key: APP_LABEL.0.into(),
                                    operator: "In".into(),
                                    values: Some(vec![APP_LABEL.1.into()]),
                                }]),
                                match_labels: None,
                            }),
                            topology_key: "kubernetes.io/hostname".into(),
                            ..Default::default()
                        },
                    },
                ]),
                ..Default::default()
            }),
            ..Default::default()
        }),
        tolerations: Some(vec![
            Toleration {
                key: Some("CriticalAddonsOnly".into()),
                operator: Some("Exists".into()),
                ..Default::default()
            },
            Toleration {
                key: Some(super::mark_control_plane::CONTROL_PLANE_LABEL.into()),
                effect: Some("NoSchedule".into()),
                ..Default::default()
            },
        ]),
        node_selector: Some(string_map(&[("kubernetes.io/os", "linux")])),
        containers: vec![container],
        dns_policy: Some("Default".into()),
        volumes: Some(vec![Volume {
            name: "config-volume".into(),
            config_map: Some(ConfigMapVolumeSource {
                name: NAME.into(),
                items: Some(vec![KeyToPath {
                    key: CONFIG_MAP_KEY.into(),
                    path: CONFIG_MAP_KEY.into(),
                    mode: None,
                }]),
                ..Default::default()
            }),
            ..Default::default()
        }]),
        ..Default::default()
    };
    let mut metadata = meta(Some(KUBE_SYSTEM), NAME);
    metadata.labels = Some(app_labels());
    Deployment {
        metadata,
        spec: Some(DeploymentSpec {
            replicas: Some(replicas),
            strategy: Some(DeploymentStrategy {
                type_: Some("RollingUpdate".into()),
                rolling_update: Some(RollingUpdateDeployment {
                    max_unavailable: Some(IntOrString::Int(1)),
                    max_surge: None,
                }),
            }),
            selector: LabelSelector {
                match_labels: Some(app_labels()),
                match_expressions: None,
            },
            template: PodTemplateSpec {
                metadata: Some(k8s_openapi::apimachinery::pkg::apis::meta::v1::ObjectMeta {
                    labels: Some(app_labels()),
                    ..Default::default()
                }),
                spec: Some(pod),
            },
            ..Default::default()
        }),
        status: None,
    }
}

fn service(spec: &ClusterSpec) -> Result<Service> {
    let mut metadata = meta(Some(KUBE_SYSTEM), SERVICE_NAME);
    metadata.labels = Some(string_map(SERVICE_LABELS));
    metadata.annotations = Some(string_map(SERVICE_ANNOTATIONS));
    Ok(Service {
        metadata,
        spec: Some(ServiceSpec {
            cluster_ip: Some(service_ip(spec)?.to_string()),
            ports: Some(
                PORTS
                    .iter()
                    .map(|p| ServicePort {
                        name: Some(p.0.into()),
                        port: p.1,
                        protocol: Some(p.2.into()),
                        target_port: Some(IntOrString::Int(p.1)),
                        ..Default::default()
                    })
                    .collect(),
            ),
            selector: Some(app_labels()),
            ..Default::default()
        }),
        status: None,
    })
}

/// CoreDNS's objects, in the order kubeadm creates them.
pub fn objects(spec: &ClusterSpec) -> Result<Vec<ApiObject>> {
    objects_keeping_replicas(spec, None)
}

/// As [`objects`], keeping the replica count of a CoreDNS Deployment already
/// in the cluster (kubeadm's `deployedDNSReplicas`: it reads the Deployment
/// labelled `k8s-app=kube-dns` and keeps its `spec.replicas`); `None`: the
/// default, [`REPLICAS`].
pub fn objects_keeping_replicas(
    spec: &ClusterSpec,
    deployed_replicas: Option<i32>,
) -> Result<Vec<ApiObject>> {
    let minor = spec.release.version.minor;
    Ok(vec![
        config_map(
            KUBE_SYSTEM,
            NAME,
            string_map(&[(CONFIG_MAP_KEY, &corefile(&spec.dns_domain, minor))]),
            &[],
            BTreeMap::new(),
        )?,
        role(&CLUSTER_ROLE)?,
        binding(&CLUSTER_ROLE_BINDING)?,
        ApiObject::new(&ServiceAccount {
            metadata: meta(Some(KUBE_SYSTEM), NAME),
            ..Default::default()
        })?,
        ApiObject::new(&deployment(spec, deployed_replicas.unwrap_or(REPLICAS)))?,
        ApiObject::new(&service(spec)?)?,
    ])
}
