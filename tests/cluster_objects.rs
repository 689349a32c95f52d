//! The API objects `kforge init` writes after the control plane starts
//! (issue 21), for every release in the version table, checked three ways:
//!
//! (a) against EXPECTED tables written here from kubeadm's source (names,
//!     namespaces, kinds, roleRefs and subjects, rules, ConfigMap keys and
//!     content, labels, taints, images, the DNS Service IP) — never from
//!     kforge's own tables, so a wrong table fails;
//! (b) with `kubernetes-validate --strict` (PyPI, pinned in
//!     scripts/install-test-deps.sh) against the schemas of the release's
//!     Kubernetes version, or the nearest older one the package carries;
//! (c) by deserialising each body into its `k8s-openapi` type with
//!     `serde_ignored` reporting no ignored field.
//!
//! Sources of the EXPECTED facts (kubernetes/kubernetes, cmd/kubeadm/app):
//! phases/uploadconfig/uploadconfig.go, phases/kubelet/config.go,
//! phases/markcontrolplane/markcontrolplane.go,
//! phases/bootstraptoken/{node/tlsbootstrap.go,clusterinfo/clusterinfo.go},
//! apis/bootstraptoken/v1/utils.go, phases/kubeconfig/kubeconfig.go,
//! phases/addons/dns/{manifests.go,dns.go}, phases/addons/proxy/{manifests.go,proxy.go},
//! componentconfigs/{kubeproxy.go,checksums.go}, constants/constants.go.

mod support;

use kforge::objects::{self, ApiObject};
use kforge::spec::ClusterSpec;
use serde_json::{json, Value};
use std::path::Path;
use support::*;

/// CoreDNS image tag kubeadm uses, per minor release: `constants.CoreDNSVersion`
/// of each release (1.31 and 1.32 v1.11.3, 1.33 v1.12.0; 1.34 v1.12.1 by
/// kubernetes#131151; 1.35 v1.13.1 by kubernetes#133968). For 1.36 and 1.37
/// no kubeadm constants.go was readable: those two rows repeat what
/// `kubeadm config images list` of those releases prints per the version
/// table's own note, and are the weakest facts here.
const EXPECTED_COREDNS_TAG: &[(u32, &str)] = &[
    (31, "v1.11.3"),
    (32, "v1.11.3"),
    (33, "v1.12.0"),
    (34, "v1.12.1"),
    (35, "v1.13.1"),
    (36, "v1.14.2"),
    (37, "v1.14.6"),
];

/// (kind, namespace, name) of each object, in kubeadm's order, per function.
type Ids = &'static [(&'static str, &'static str, &'static str)];

const EXPECTED_KUBEADM_CONFIG: Ids = &[
    ("ConfigMap", "kube-system", "kubeadm-config"),
    ("Role", "kube-system", "kubeadm:nodes-kubeadm-config"),
    ("RoleBinding", "kube-system", "kubeadm:nodes-kubeadm-config"),
];
const EXPECTED_KUBELET_CONFIG: Ids = &[
    ("ConfigMap", "kube-system", "kubelet-config"),
    ("Role", "kube-system", "kubeadm:kubelet-config"),
    ("RoleBinding", "kube-system", "kubeadm:kubelet-config"),
];
const EXPECTED_TOKEN_RBAC: Ids = &[
    ("ClusterRole", "", "kubeadm:get-nodes"),
    ("ClusterRoleBinding", "", "kubeadm:get-nodes"),
    ("ClusterRoleBinding", "", "kubeadm:kubelet-bootstrap"),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:node-autoapprove-bootstrap",
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:node-autoapprove-certificate-rotation",
    ),
];
const EXPECTED_CLUSTER_INFO: Ids = &[
    ("ConfigMap", "kube-public", "cluster-info"),
    (
        "Role",
        "kube-public",
        "kubeadm:bootstrap-signer-clusterinfo",
    ),
    (
        "RoleBinding",
        "kube-public",
        "kubeadm:bootstrap-signer-clusterinfo",
    ),
];
const EXPECTED_COREDNS: Ids = &[
    ("ConfigMap", "kube-system", "coredns"),
    ("ClusterRole", "", "system:coredns"),
    ("ClusterRoleBinding", "", "system:coredns"),
    ("ServiceAccount", "kube-system", "coredns"),
    ("Deployment", "kube-system", "coredns"),
    ("Service", "kube-system", "kube-dns"),
];
const EXPECTED_KUBE_PROXY: Ids = &[
    ("ConfigMap", "kube-system", "kube-proxy"),
    ("DaemonSet", "kube-system", "kube-proxy"),
    ("ServiceAccount", "kube-system", "kube-proxy"),
    ("ClusterRoleBinding", "", "kubeadm:node-proxier"),
    ("Role", "kube-system", "kube-proxy"),
    ("RoleBinding", "kube-system", "kube-proxy"),
];

const RBAC: &str = "rbac.authorization.k8s.io";
const BOOTSTRAPPERS: &str = "system:bootstrappers:kubeadm:default-node-token";

/// (binding kind, namespace, name) → (roleRef kind, roleRef name, subjects
/// as (kind, name, namespace)).
#[allow(clippy::type_complexity)]
const EXPECTED_BINDINGS: &[(&str, &str, &str, &str, &str, &[(&str, &str, &str)])] = &[
    (
        "RoleBinding",
        "kube-system",
        "kubeadm:nodes-kubeadm-config",
        "Role",
        "kubeadm:nodes-kubeadm-config",
        &[("Group", BOOTSTRAPPERS, ""), ("Group", "system:nodes", "")],
    ),
    (
        "RoleBinding",
        "kube-system",
        "kubeadm:kubelet-config",
        "Role",
        "kubeadm:kubelet-config",
        &[("Group", "system:nodes", ""), ("Group", BOOTSTRAPPERS, "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:get-nodes",
        "ClusterRole",
        "kubeadm:get-nodes",
        &[("Group", BOOTSTRAPPERS, "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:kubelet-bootstrap",
        "ClusterRole",
        "system:node-bootstrapper",
        &[("Group", BOOTSTRAPPERS, "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:node-autoapprove-bootstrap",
        "ClusterRole",
        "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
        &[("Group", BOOTSTRAPPERS, "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:node-autoapprove-certificate-rotation",
        "ClusterRole",
        "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
        &[("Group", "system:nodes", "")],
    ),
    (
        "RoleBinding",
        "kube-public",
        "kubeadm:bootstrap-signer-clusterinfo",
        "Role",
        "kubeadm:bootstrap-signer-clusterinfo",
        &[("User", "system:anonymous", "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "system:coredns",
        "ClusterRole",
        "system:coredns",
        &[("ServiceAccount", "coredns", "kube-system")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:node-proxier",
        "ClusterRole",
        "system:node-proxier",
        &[("ServiceAccount", "kube-proxy", "kube-system")],
    ),
    (
        "RoleBinding",
        "kube-system",
        "kube-proxy",
        "Role",
        "kube-proxy",
        &[("Group", BOOTSTRAPPERS, "")],
    ),
    (
        "ClusterRoleBinding",
        "",
        "kubeadm:cluster-admins",
        "ClusterRole",
        "cluster-admin",
        &[("Group", "kubeadm:cluster-admins", "")],
    ),
];

/// (role kind, namespace, name) → rules as JSON, as kubeadm writes them.
fn expected_rules() -> Vec<(&'static str, &'static str, &'static str, Value)> {
    let get_cm = |name: &str| json!([{"verbs": ["get"], "apiGroups": [""], "resources": ["configmaps"], "resourceNames": [name]}]);
    vec![
        (
            "Role",
            "kube-system",
            "kubeadm:nodes-kubeadm-config",
            get_cm("kubeadm-config"),
        ),
        (
            "Role",
            "kube-system",
            "kubeadm:kubelet-config",
            get_cm("kubelet-config"),
        ),
        (
            "ClusterRole",
            "",
            "kubeadm:get-nodes",
            json!([{"verbs": ["get"], "apiGroups": [""], "resources": ["nodes"]}]),
        ),
        (
            "Role",
            "kube-public",
            "kubeadm:bootstrap-signer-clusterinfo",
            get_cm("cluster-info"),
        ),
        (
            "ClusterRole",
            "",
            "system:coredns",
            json!([
                {"apiGroups": [""], "resources": ["endpoints", "services", "pods", "namespaces"], "verbs": ["list", "watch"]},
                {"apiGroups": ["discovery.k8s.io"], "resources": ["endpointslices"], "verbs": ["list", "watch"]}
            ]),
        ),
        ("Role", "kube-system", "kube-proxy", get_cm("kube-proxy")),
    ]
}

/// kubeadm's CoreDNS Corefile (manifests.go `CoreDNSConfigMap`, rendered
/// for `cluster.local`); `cache_block` from 1.32 (kubernetes#128359).
fn expected_corefile(cache_block: bool) -> String {
    let cache = if cache_block {
        "    cache 30 {\n       disable success cluster.local\n       disable denial cluster.local\n    }\n"
    } else {
        "    cache 30\n"
    };
    format!(
        ".:53 {{\n    errors\n    health {{\n       lameduck 5s\n    }}\n    ready\n    kubernetes cluster.local in-addr.arpa ip6.arpa {{\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }}\n    prometheus :9153\n    forward . /etc/resolv.conf {{\n       max_concurrent 1000\n    }}\n{cache}    loop\n    reload\n    loadbalance\n}}\n"
    )
}

/// kube-proxy's kubeconfig.conf (manifests.go `KubeProxyConfigMap19`).
fn expected_proxy_kubeconfig(server: &str) -> String {
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n- cluster:\n    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt\n    server: {server}\n  name: default\ncontexts:\n- context:\n    cluster: default\n    namespace: default\n    user: default\n  name: default\ncurrent-context: default\nusers:\n- name: default\n  user:\n    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token"
    )
}

const ADVERTISE: &str = "192.0.2.10";
const SERVER: &str = "https://192.0.2.10:6443";

fn spec_for(minor: u32, extra: &str) -> ClusterSpec {
    let text = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  name: cp1\nlocalAPIEndpoint:\n  advertiseAddress: {ADVERTISE}\n  bindPort: 6443\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.{minor}.2\nnetworking:\n  podSubnet: 10.244.0.0/16\n  serviceSubnet: 10.96.0.0/12\n  dnsDomain: cluster.local\n{extra}"
    );
    let file = kforge::spec::load::parse_config(Path::new("kubeadm.yaml"), &text).unwrap();
    kforge::spec::load::resolve(Some(file), &Default::default()).unwrap()
}

fn ca_pem() -> String {
    let ck = rcgen::generate_simple_self_signed(vec!["kubernetes".to_string()]).unwrap();
    ck.cert.pem()
}

fn kubelet_yaml(spec: &ClusterSpec) -> String {
    let s = kforge::kubelet::KubeletSettings {
        release: spec.release,
        cert_dir: &spec.cert_dir,
        service_subnets: &spec.service_subnets,
        dns_domain: &spec.dns_domain,
        cri_socket: &spec.cri_socket,
        image_repository: &spec.image_repository,
        node_name: &spec.node_name,
        hostname: None,
        extra_args: &spec.kubelet_extra_args,
        systemd_resolved: false,
        overrides: None,
    };
    kforge::kubelet::config_yaml(&s).unwrap()
}

fn token_spec() -> objects::bootstrap_token::TokenSpec {
    objects::bootstrap_token::TokenSpec::new(
        "abcdef.0123456789abcdef".parse().unwrap(),
        Some(time::macros::datetime!(2026-12-08 12:00:00 UTC)),
    )
}

/// Every object of a cluster, grouped by the function that made it.
struct All {
    kubeadm_config: Vec<ApiObject>,
    kubelet_config: Vec<ApiObject>,
    kubelet_config_generated: Vec<ApiObject>,
    token_secret: ApiObject,
    token_rbac: Vec<ApiObject>,
    cluster_info: Vec<ApiObject>,
    cluster_admins: ApiObject,
    coredns: Vec<ApiObject>,
    kube_proxy: Vec<ApiObject>,
    node: ApiObject,
    kubelet_yaml: String,
    ca_pem: String,
}

impl All {
    fn of(spec: &ClusterSpec) -> All {
        let kubelet_yaml = kubelet_yaml(spec);
        let ca = ca_pem();
        let mut node = k8s_openapi::api::core::v1::Node {
            metadata: objects::meta(None, &spec.node_name),
            ..Default::default()
        };
        let taints = objects::mark_control_plane::taints(spec);
        assert!(objects::mark_control_plane::mark(&mut node, &taints));
        All {
            kubeadm_config: objects::upload_config::kubeadm_config(spec).unwrap(),
            kubelet_config: objects::upload_config::kubelet_config(&kubelet_yaml).unwrap(),
            kubelet_config_generated: objects::upload_config::kubelet_config_generated(
                &kubelet_yaml,
            )
            .unwrap(),
            token_secret: objects::bootstrap_token::token_secret(&token_spec()).unwrap(),
            token_rbac: objects::bootstrap_token::rbac().unwrap(),
            cluster_info: objects::bootstrap_token::cluster_info(&spec.control_plane_url(), &ca)
                .unwrap(),
            cluster_admins: objects::cluster_admins_binding().unwrap(),
            coredns: objects::coredns::objects(spec).unwrap(),
            kube_proxy: objects::kube_proxy::objects(spec).unwrap(),
            node: ApiObject::new(&node).unwrap(),
            kubelet_yaml,
            ca_pem: ca,
        }
    }

    fn every(&self) -> Vec<&ApiObject> {
        let mut v: Vec<&ApiObject> = Vec::new();
        v.extend(&self.kubeadm_config);
        v.extend(&self.kubelet_config);
        v.extend(&self.kubelet_config_generated);
        v.push(&self.token_secret);
        v.extend(&self.token_rbac);
        v.extend(&self.cluster_info);
        v.push(&self.cluster_admins);
        v.extend(&self.coredns);
        v.extend(&self.kube_proxy);
        v.push(&self.node);
        v
    }
}

fn ids(objects: &[ApiObject]) -> Vec<(String, String, String)> {
    objects
        .iter()
        .map(|o| {
            assert_eq!(o.body["kind"], o.kind.as_str());
            assert_eq!(o.body["apiVersion"], o.api_version.as_str());
            assert_eq!(o.body["metadata"]["name"], o.name.as_str());
            (
                o.kind.clone(),
                o.namespace.clone().unwrap_or_default(),
                o.name.clone(),
            )
        })
        .collect()
}

fn want(ids: Ids) -> Vec<(String, String, String)> {
    ids.iter()
        .map(|(k, n, m)| (k.to_string(), n.to_string(), m.to_string()))
        .collect()
}

fn find<'a>(all: &[&'a ApiObject], kind: &str, ns: &str, name: &str) -> &'a ApiObject {
    all.iter()
        .find(|o| o.kind == kind && o.namespace.as_deref().unwrap_or("") == ns && o.name == name)
        .unwrap_or_else(|| panic!("no {kind} {ns}/{name}"))
}

fn data<'a>(o: &'a ApiObject, key: &str) -> &'a str {
    o.body["data"][key]
        .as_str()
        .unwrap_or_else(|| panic!("{}: no data key {key}", o.describe()))
}

fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn check_kubeadm_facts(minor: u32, spec: &ClusterSpec, all: &All) {
    let ctx = format!("v1.{minor}");
    // Names, namespaces, kinds, in kubeadm's order.
    for (got, expected) in [
        (&all.kubeadm_config, EXPECTED_KUBEADM_CONFIG),
        (&all.kubelet_config, EXPECTED_KUBELET_CONFIG),
        (&all.token_rbac, EXPECTED_TOKEN_RBAC),
        (&all.cluster_info, EXPECTED_CLUSTER_INFO),
        (&all.coredns, EXPECTED_COREDNS),
        (&all.kube_proxy, EXPECTED_KUBE_PROXY),
    ] {
        assert_eq!(ids(got), want(expected), "{ctx}");
    }
    let every = all.every();

    // roleRefs and subjects.
    for (kind, ns, name, ref_kind, ref_name, subjects) in EXPECTED_BINDINGS {
        let b = find(&every, kind, ns, name);
        assert_eq!(
            b.body["roleRef"],
            json!({"apiGroup": RBAC, "kind": ref_kind, "name": ref_name}),
            "{ctx} {}",
            b.describe()
        );
        let got: Vec<(String, String, String)> = b.body["subjects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| {
                let kind = s["kind"].as_str().unwrap().to_string();
                // Group and User subjects belong to the RBAC group (the API
                // server defaults it); ServiceAccounts to the core group.
                let group = if kind == "ServiceAccount" {
                    Value::Null
                } else {
                    json!(RBAC)
                };
                assert_eq!(s.get("apiGroup").cloned().unwrap_or(Value::Null), group);
                (
                    kind,
                    s["name"].as_str().unwrap().to_string(),
                    s["namespace"].as_str().unwrap_or("").to_string(),
                )
            })
            .collect();
        let want: Vec<(String, String, String)> = subjects
            .iter()
            .map(|(k, n, s)| (k.to_string(), n.to_string(), s.to_string()))
            .collect();
        assert_eq!(got, want, "{ctx} {}", b.describe());
    }
    // Rules.
    for (kind, ns, name, rules) in expected_rules() {
        let r = find(&every, kind, ns, name);
        assert_eq!(r.body["rules"], rules, "{ctx} {}", r.describe());
    }

    // upload-config: the keys and what they hold.
    let cm = &all.kubeadm_config[0];
    assert_eq!(
        cm.body["data"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["ClusterConfiguration"]
    );
    let cc: Value = serde_yaml_ng::from_str(data(cm, "ClusterConfiguration")).unwrap();
    assert_eq!(cc["apiVersion"], "kubeadm.k8s.io/v1beta4", "{ctx}");
    assert_eq!(cc["kind"], "ClusterConfiguration");
    assert_eq!(cc["kubernetesVersion"], format!("v1.{minor}.2"));
    assert_eq!(
        cc["networking"],
        json!({"dnsDomain": "cluster.local", "podSubnet": "10.244.0.0/16", "serviceSubnet": "10.96.0.0/12"})
    );
    for init_only in ["bootstrapTokens", "nodeRegistration", "localAPIEndpoint"] {
        assert!(cc.get(init_only).is_none(), "{init_only} uploaded");
    }
    // kforge (join --control-plane, init --config) reads it back strictly.
    kforge::spec::load::parse_config(
        Path::new("kubeadm-config"),
        data(cm, "ClusterConfiguration"),
    )
    .unwrap_or_else(|e| panic!("{ctx}: {e:#}"));
    assert!(
        !data(cm, "ClusterConfiguration").contains('#'),
        "comments uploaded"
    );
    assert!(cm.body["metadata"].get("annotations").is_none());
    let kc = &all.kubelet_config[0];
    assert_eq!(
        kc.body["data"]
            .as_object()
            .unwrap()
            .keys()
            .collect::<Vec<_>>(),
        ["kubelet"]
    );
    assert_eq!(data(kc, "kubelet"), all.kubelet_yaml);
    assert!(kc.body["metadata"].get("annotations").is_none());
    let signed = &all.kubelet_config_generated[0];
    assert_eq!(
        signed.body["metadata"]["annotations"],
        json!({"kubeadm.kubernetes.io/component-config.hash":
            format!("sha256:{}", sha256_hex(all.kubelet_yaml.as_bytes()))})
    );

    // mark-control-plane.
    assert_eq!(
        all.node.body["metadata"]["labels"],
        json!({"node-role.kubernetes.io/control-plane": "",
               "node.kubernetes.io/exclude-from-external-load-balancers": ""})
    );
    assert_eq!(
        all.node.body["spec"]["taints"],
        json!([{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}])
    );

    // bootstrap-token: the Secret.
    let s = &all.token_secret;
    assert_eq!(
        (s.namespace.as_deref(), s.name.as_str()),
        (Some("kube-system"), "bootstrap-token-abcdef")
    );
    assert_eq!(s.body["type"], "bootstrap.kubernetes.io/token");
    let decoded: std::collections::BTreeMap<String, String> = s.body["data"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            use base64::Engine;
            let raw = base64::engine::general_purpose::STANDARD
                .decode(v.as_str().unwrap())
                .unwrap();
            (k.clone(), String::from_utf8(raw).unwrap())
        })
        .collect();
    assert_eq!(
        decoded,
        [
            ("auth-extra-groups", BOOTSTRAPPERS),
            ("expiration", "2026-12-08T12:00:00Z"),
            ("token-id", "abcdef"),
            ("token-secret", "0123456789abcdef"),
            ("usage-bootstrap-authentication", "true"),
            ("usage-bootstrap-signing", "true"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
    );

    // cluster-info: clientcmd.Write of one cluster named "".
    {
        use base64::Engine;
        let ca_b64 = base64::engine::general_purpose::STANDARD.encode(all.ca_pem.as_bytes());
        let ci = &all.cluster_info[0];
        assert_eq!(
            ci.body["data"],
            json!({"kubeconfig": format!(
                "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca_b64}\n    server: {SERVER}\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {{}}\nusers: null\n"
            )})
        );
    }

    // CoreDNS.
    let corefile = find(&every, "ConfigMap", "kube-system", "coredns");
    assert_eq!(
        corefile.body["data"],
        json!({"Corefile": expected_corefile(minor >= 32)}),
        "{ctx}"
    );
    let tag = EXPECTED_COREDNS_TAG
        .iter()
        .find(|(m, _)| *m == minor)
        .unwrap_or_else(|| {
            panic!("{ctx}: no expected CoreDNS tag: add the release's kubeadm constant")
        })
        .1;
    let dep = find(&every, "Deployment", "kube-system", "coredns");
    let pod = &dep.body["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    assert_eq!(
        c["image"],
        format!("registry.k8s.io/coredns/coredns:{tag}"),
        "{ctx}"
    );
    assert_eq!(dep.body["spec"]["replicas"], 2);
    assert_eq!(
        dep.body["metadata"]["labels"],
        json!({"k8s-app": "kube-dns"})
    );
    assert_eq!(
        dep.body["spec"]["selector"],
        json!({"matchLabels": {"k8s-app": "kube-dns"}})
    );
    assert_eq!(pod["serviceAccountName"], "coredns");
    assert_eq!(pod["priorityClassName"], "system-cluster-critical");
    assert_eq!(pod["dnsPolicy"], "Default");
    assert_eq!(
        pod["tolerations"],
        json!([{"key": "CriticalAddonsOnly", "operator": "Exists"},
               {"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"}])
    );
    assert_eq!(pod["nodeSelector"], json!({"kubernetes.io/os": "linux"}));
    assert_eq!(c["args"], json!(["-conf", "/etc/coredns/Corefile"]));
    let named = minor >= 34; // kubernetes#131587
    let mut ports = vec![
        json!({"containerPort": 53, "name": "dns", "protocol": "UDP"}),
        json!({"containerPort": 53, "name": "dns-tcp", "protocol": "TCP"}),
        json!({"containerPort": 9153, "name": "metrics", "protocol": "TCP"}),
    ];
    if named {
        ports.push(json!({"containerPort": 8080, "name": "liveness-probe", "protocol": "TCP"}));
        ports.push(json!({"containerPort": 8181, "name": "readiness-probe", "protocol": "TCP"}));
    }
    assert_eq!(c["ports"], Value::Array(ports), "{ctx}");
    let (live, ready) = if named {
        (json!("liveness-probe"), json!("readiness-probe"))
    } else {
        (json!(8080), json!(8181))
    };
    assert_eq!(
        c["livenessProbe"],
        json!({"httpGet": {"path": "/health", "port": live, "scheme": "HTTP"},
               "initialDelaySeconds": 60, "timeoutSeconds": 5, "successThreshold": 1, "failureThreshold": 5}),
        "{ctx}"
    );
    assert_eq!(
        c["readinessProbe"],
        json!({"httpGet": {"path": "/ready", "port": ready, "scheme": "HTTP"}}),
        "{ctx}"
    );
    assert_eq!(
        c["securityContext"],
        json!({"allowPrivilegeEscalation": false,
               "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
               "readOnlyRootFilesystem": true})
    );
    assert_eq!(
        pod["volumes"],
        json!([{"name": "config-volume", "configMap": {"name": "coredns",
                "items": [{"key": "Corefile", "path": "Corefile"}]}}])
    );
    let svc = find(&every, "Service", "kube-system", "kube-dns");
    assert_eq!(svc.body["spec"]["clusterIP"], "10.96.0.10");
    assert_eq!(
        svc.body["metadata"]["labels"],
        json!({"k8s-app": "kube-dns", "kubernetes.io/cluster-service": "true", "kubernetes.io/name": "CoreDNS"})
    );
    assert_eq!(
        svc.body["metadata"]["annotations"],
        json!({"prometheus.io/port": "9153", "prometheus.io/scrape": "true"})
    );
    assert_eq!(
        svc.body["spec"]["ports"],
        json!([{"name": "dns", "port": 53, "protocol": "UDP", "targetPort": 53},
               {"name": "dns-tcp", "port": 53, "protocol": "TCP", "targetPort": 53},
               {"name": "metrics", "port": 9153, "protocol": "TCP", "targetPort": 9153}])
    );
    assert_eq!(svc.body["spec"]["selector"], json!({"k8s-app": "kube-dns"}));

    // kube-proxy.
    let pcm = &all.kube_proxy[0];
    assert_eq!(pcm.body["metadata"]["labels"], json!({"app": "kube-proxy"}));
    assert_eq!(
        data(pcm, "kubeconfig.conf"),
        expected_proxy_kubeconfig(SERVER)
    );
    let conf: Value = serde_yaml_ng::from_str(data(pcm, "config.conf")).unwrap();
    assert_eq!(
        conf,
        json!({"apiVersion": "kubeproxy.config.k8s.io/v1alpha1", "kind": "KubeProxyConfiguration",
               "bindAddress": "0.0.0.0", "clusterCIDR": "10.244.0.0/16",
               "clientConnection": {"kubeconfig": "/var/lib/kube-proxy/kubeconfig.conf"}}),
        "{ctx}"
    );
    let mut hashed = Vec::new();
    for key in ["config.conf", "kubeconfig.conf"] {
        hashed.extend_from_slice(data(pcm, key).as_bytes());
    }
    assert_eq!(
        pcm.body["metadata"]["annotations"],
        json!({"kubeadm.kubernetes.io/component-config.hash": format!("sha256:{}", sha256_hex(&hashed))})
    );
    let ds = find(&every, "DaemonSet", "kube-system", "kube-proxy");
    let pod = &ds.body["spec"]["template"]["spec"];
    let c = &pod["containers"][0];
    assert_eq!(
        c["image"],
        format!("registry.k8s.io/kube-proxy:{}", spec.kubernetes_version),
        "{ctx}"
    );
    assert_eq!(spec.kubernetes_version.to_string(), format!("v1.{minor}.2"));
    assert_eq!(
        c["command"],
        json!([
            "/usr/local/bin/kube-proxy",
            "--config=/var/lib/kube-proxy/config.conf",
            "--hostname-override=$(NODE_NAME)"
        ])
    );
    assert_eq!(c["securityContext"], json!({"privileged": true}));
    assert_eq!(
        c["env"],
        json!([{"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}}])
    );
    assert_eq!(
        c["volumeMounts"],
        json!([{"mountPath": "/var/lib/kube-proxy", "name": "kube-proxy"},
               {"mountPath": "/run/xtables.lock", "name": "xtables-lock", "readOnly": false},
               {"mountPath": "/lib/modules", "name": "lib-modules", "readOnly": true}])
    );
    assert_eq!(
        pod["volumes"],
        json!([{"name": "kube-proxy", "configMap": {"name": "kube-proxy"}},
               {"name": "xtables-lock", "hostPath": {"path": "/run/xtables.lock", "type": "FileOrCreate"}},
               {"name": "lib-modules", "hostPath": {"path": "/lib/modules"}}])
    );
    assert_eq!(pod["hostNetwork"], true);
    assert_eq!(pod["serviceAccountName"], "kube-proxy");
    assert_eq!(pod["priorityClassName"], "system-node-critical");
    assert_eq!(pod["tolerations"], json!([{"operator": "Exists"}]));
    assert_eq!(pod["nodeSelector"], json!({"kubernetes.io/os": "linux"}));
    assert_eq!(
        ds.body["spec"]["updateStrategy"],
        json!({"type": "RollingUpdate"})
    );
    assert_eq!(
        ds.body["spec"]["selector"],
        json!({"matchLabels": {"k8s-app": "kube-proxy"}})
    );
}

#[test]
fn every_release_matches_kubeadm() {
    for r in kforge::versions::RELEASES {
        let minor = r.version.minor;
        let spec = spec_for(minor, "");
        check_kubeadm_facts(minor, &spec, &All::of(&spec));
    }
}

#[test]
fn custom_repository_ipv6_service_cidr_and_a_user_kube_proxy_config() {
    let extra = "imageRepository: registry.example.com/k8s\n---\napiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\nmode: ipvs\nclusterCIDR: 10.200.0.0/16\n";
    let spec = spec_for(35, extra).clone();
    let dns = objects::coredns::objects(&spec).unwrap();
    let dep = dns.iter().find(|o| o.kind == "Deployment").unwrap();
    // A custom repository gets no extra /coredns (images.GetDNSImage).
    assert_eq!(
        dep.body["spec"]["template"]["spec"]["containers"][0]["image"],
        "registry.example.com/k8s/coredns:v1.13.1"
    );
    let proxy = objects::kube_proxy::objects(&spec).unwrap();
    let conf: Value = serde_yaml_ng::from_str(data(&proxy[0], "config.conf")).unwrap();
    // The user's values win; kubeadm's defaults fill the rest.
    assert_eq!(conf["mode"], "ipvs");
    assert_eq!(conf["clusterCIDR"], "10.200.0.0/16");
    assert_eq!(conf["bindAddress"], "0.0.0.0");
    // User-supplied: not signed.
    assert!(proxy[0].body["metadata"].get("annotations").is_none());
    assert_eq!(
        proxy[1].body["spec"]["template"]["spec"]["containers"][0]["image"],
        "registry.example.com/k8s/kube-proxy:v1.35.2"
    );

    // The kubelet-config ConfigMap is signed only when kubeadm's defaults
    // made it (componentconfigs.SignConfigMap when !IsUserSupplied).
    let hash = "kubeadm.kubernetes.io/component-config.hash";
    let plain = spec_for(35, "");
    let cm = &objects::upload_config::kubelet_config_for(&plain, &kubelet_yaml(&plain)).unwrap()[0];
    assert!(cm.body["metadata"]["annotations"].get(hash).is_some());
    let user = spec_for(
        35,
        "---\napiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPods: 50\n",
    );
    let cm = &objects::upload_config::kubelet_config_for(&user, &kubelet_yaml(&user)).unwrap()[0];
    assert!(cm.body["metadata"].get("annotations").is_none());

    // kubeadm appends the machine's *_proxy variables after NODE_NAME, and
    // keeps the replicas of a CoreDNS Deployment already there.
    let env = [("HTTPS_PROXY".to_string(), "http://proxy:3128".to_string())];
    let proxy = objects::kube_proxy::objects_with_env(&plain, &env).unwrap();
    assert_eq!(
        proxy[1].body["spec"]["template"]["spec"]["containers"][0]["env"],
        json!([{"name": "NODE_NAME", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
               {"name": "HTTPS_PROXY", "value": "http://proxy:3128"}])
    );
    let dns = objects::coredns::objects_keeping_replicas(&plain, Some(5)).unwrap();
    assert_eq!(dns[4].body["spec"]["replicas"], 5);

    // IPv6: the DNS Service's 10th address, and kube-proxy binds to ::.
    let text = "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  name: cp1\n  taints: []\nlocalAPIEndpoint:\n  advertiseAddress: fd00::10\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  serviceSubnet: fd00:10:96::/112,10.96.0.0/16\n";
    let file = kforge::spec::load::parse_config(Path::new("kubeadm.yaml"), text).unwrap();
    let spec = kforge::spec::load::resolve(Some(file), &Default::default()).unwrap();
    let dns = objects::coredns::objects(&spec).unwrap();
    let svc = dns.iter().find(|o| o.kind == "Service").unwrap();
    assert_eq!(svc.body["spec"]["clusterIP"], "fd00:10:96::a");
    let proxy = objects::kube_proxy::objects(&spec).unwrap();
    let conf: Value = serde_yaml_ng::from_str(data(&proxy[0], "config.conf")).unwrap();
    assert_eq!(conf["bindAddress"], "::");
    assert!(
        conf.get("clusterCIDR").is_none(),
        "no pod subnet, no clusterCIDR"
    );
    assert_eq!(
        data(&proxy[0], "kubeconfig.conf"),
        expected_proxy_kubeconfig("https://[fd00::10]:6443")
    );
    // taints: [] means no taints; the labels still go on.
    assert!(objects::mark_control_plane::taints(&spec).is_empty());
}

/// Deserialises `o` into `K`, failing on any field serde ignored.
fn strict<K: serde::de::DeserializeOwned>(o: &ApiObject) {
    let mut ignored = Vec::new();
    let _: K = serde_ignored::deserialize(o.body.clone(), |path| ignored.push(path.to_string()))
        .unwrap_or_else(|e| panic!("{}: {e}", o.describe()));
    assert!(ignored.is_empty(), "{}: ignored {ignored:?}", o.describe());
}

#[test]
fn every_object_deserialises_strictly_into_its_k8s_openapi_type() {
    use k8s_openapi::api::{apps::v1 as apps, core::v1 as core, rbac::v1 as rbac};
    for r in kforge::versions::RELEASES {
        let spec = spec_for(r.version.minor, "");
        let all = All::of(&spec);
        for o in all.every() {
            match o.kind.as_str() {
                "ConfigMap" => strict::<core::ConfigMap>(o),
                "Secret" => strict::<core::Secret>(o),
                "ServiceAccount" => strict::<core::ServiceAccount>(o),
                "Service" => strict::<core::Service>(o),
                "Node" => strict::<core::Node>(o),
                "Role" => strict::<rbac::Role>(o),
                "RoleBinding" => strict::<rbac::RoleBinding>(o),
                "ClusterRole" => strict::<rbac::ClusterRole>(o),
                "ClusterRoleBinding" => strict::<rbac::ClusterRoleBinding>(o),
                "Deployment" => strict::<apps::Deployment>(o),
                "DaemonSet" => strict::<apps::DaemonSet>(o),
                other => panic!("no k8s-openapi type listed for kind {other}"),
            }
        }
        // The token Secret also reads back through kforge's own parser.
        let s: k8s_openapi::api::core::v1::Secret = all.token_secret.typed().unwrap();
        let back = objects::bootstrap_token::parse_token_secret(&s).unwrap();
        let mut want = token_spec();
        want.usages.sort();
        assert_eq!(back, want);
    }
}

/// The Kubernetes versions kubernetes-validate carries schemas for.
fn validator_versions() -> Vec<(u32, u32)> {
    let python = tool("python3");
    let out = cmd(&python)
        .args([
            "-c",
            "import kubernetes_validate.utils as u; print(' '.join(u.all_versions()))",
        ])
        .ok();
    out.split_whitespace()
        .filter_map(|v| {
            let mut it = v.split('.');
            Some((it.next()?.parse().ok()?, it.next()?.parse().ok()?))
        })
        .collect()
}

#[test]
fn every_object_validates_with_kubernetes_validate_strict() {
    let validate = tool("kubernetes-validate");
    let versions = validator_versions();
    assert!(
        !versions.is_empty(),
        "kubernetes-validate carries no schemas"
    );
    let dir = tempdir();
    for r in kforge::versions::RELEASES {
        let (major, minor) = (r.version.major, r.version.minor);
        // The release's own schemas, or the nearest older ones it carries.
        let (vmaj, vmin) = versions
            .iter()
            .copied()
            .filter(|v| *v <= (major, minor))
            .max()
            .unwrap_or_else(|| {
                panic!(
                    "kubernetes-validate has no schema at or below v{major}.{minor}: {versions:?}"
                )
            });
        if (vmaj, vmin) != (major, minor) {
            eprintln!("v{major}.{minor}: validated against the nearest schemas kubernetes-validate carries, v{vmaj}.{vmin}");
        }
        let spec = spec_for(minor, "");
        let all = All::of(&spec);
        let objects: Vec<ApiObject> = all.every().into_iter().cloned().collect();
        let file = dir.path().join(format!("v1.{minor}.yaml"));
        std::fs::write(&file, objects::to_yaml_stream(&objects).unwrap()).unwrap();
        let out = cmd(&validate)
            .args(["--strict", "--no-warn", "-k"])
            .arg(format!("{vmaj}.{vmin}.0"))
            .arg(&file)
            .ok();
        let passed = out
            .lines()
            .filter(|l| l.starts_with("INFO ") && l.contains(" passed for resource "))
            .count();
        assert_eq!(passed, objects.len(), "v1.{minor}: {out}");
    }
}
