//! `kforge init`'s API-server phases and `kforge token` against the
//! STAND-IN API server that `kforge-dev kubelet` runs for the node's
//! kube-apiserver manifest (no real kube-apiserver binary can be had on
//! the build machines), with real etcd beside it; what kforge wrote is read
//! back with the REAL kubectl, curl and openssl.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::kubectl::{curl_json, ApiNode};
use support::*;

const API: &str = "https://127.0.0.1:6443";

fn root_args(n: &ApiNode) -> [String; 2] {
    ["--root".into(), n.root.display().to_string()]
}

/// `kforge init phase post-control-plane -o json` (init put the API phases
/// off: no API server ran when it wrote the node).
fn finish(n: &ApiNode) -> Value {
    let out = kforge()
        .args(["init", "phase", "post-control-plane", "-o", "json"])
        .args(root_args(n))
        .args(["--control-plane-timeout", "60s"])
        .ok();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
}

/// (kind, namespace/name) of a report's objects, with their results.
fn results(report: &Value) -> Vec<(String, String, String)> {
    report["objects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let name = match o.get("namespace").and_then(Value::as_str) {
                Some(ns) => format!("{ns}/{}", o["name"].as_str().unwrap()),
                None => o["name"].as_str().unwrap().to_string(),
            };
            (
                o["kind"].as_str().unwrap().to_string(),
                name,
                o["result"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

/// kubectl's resource name of a kind.
fn resource(kind: &str) -> String {
    kforge::apiclient::kinds::KINDS
        .iter()
        .find(|k| k.kind == kind)
        .map(|k| {
            let group = k.api_version.rsplit_once('/').map(|(g, _)| g);
            match group {
                Some(g) => format!("{}.{g}", k.plural),
                None => k.plural.to_string(),
            }
        })
        .unwrap_or_else(|| panic!("{kind} not in the kinds table"))
}

#[test]
fn every_phase_applies_through_the_stand_in_reruns_as_a_no_op_and_kubectl_reads_it() {
    let n = ApiNode::start("v1.31");
    let report = finish(&n);
    let made = results(&report);
    assert!(made.len() >= 25, "{made:?}");
    for (kind, name, result) in &made {
        let want = if kind == "Node" {
            "configured"
        } else {
            "created"
        };
        assert_eq!(result, want, "{kind} {name}");
    }
    // A re-run changes nothing.
    let again = results(&finish(&n));
    assert_eq!(again.len(), made.len());
    for (kind, name, result) in &again {
        assert_eq!(result, "unchanged", "{kind} {name} on a re-run");
    }
    // admin.conf has rights through kubeadm's binding, which kforge made.
    let k = n.kubectl("admin.conf");
    let crb = k.json(["get", "clusterrolebinding", "kubeadm:cluster-admins"]);
    assert_eq!(crb["roleRef"]["name"], "cluster-admin");
    assert_eq!(crb["subjects"][0]["name"], "kubeadm:cluster-admins");
    // Every object the report names is there for kubectl.
    for (kind, name, _) in &made {
        let mut args = vec!["get".to_string(), resource(kind)];
        match name.split_once('/') {
            Some((ns, name)) => args.extend(["-n".into(), ns.into(), name.into()]),
            None => args.push(name.clone()),
        }
        let got = k.json(&args);
        assert_eq!(got["kind"], kind.as_str(), "{args:?}");
    }
    // The facts a kubeadm join and the add-ons depend on, as kubectl reads them.
    let cfg = k.ok([
        "get",
        "cm",
        "-n",
        "kube-system",
        "kubeadm-config",
        "-o",
        "jsonpath={.data.ClusterConfiguration}",
    ]);
    assert!(cfg.contains("kubernetesVersion: v1.31.0"), "{cfg}");
    assert!(cfg.contains("kind: ClusterConfiguration"), "{cfg}");
    let node = k.json(["get", "node", "cp1"]);
    assert_eq!(
        node["metadata"]["labels"]["node-role.kubernetes.io/control-plane"],
        ""
    );
    let taints = node["spec"]["taints"].as_array().unwrap();
    assert!(
        taints
            .iter()
            .any(|t| t["key"] == "node-role.kubernetes.io/control-plane"
                && t["effect"] == "NoSchedule"),
        "{taints:?}"
    );
    let dns = k.json(["get", "svc", "-n", "kube-system", "kube-dns"]);
    assert_eq!(dns["spec"]["clusterIP"], "10.96.0.10");
    let image = k.ok([
        "get",
        "ds",
        "-n",
        "kube-system",
        "kube-proxy",
        "-o",
        "jsonpath={.spec.template.spec.containers[0].image}",
    ]);
    assert_eq!(image, "registry.k8s.io/kube-proxy:v1.31.0");
    // Anonymous users read cluster-info (kubeadm's discovery), nothing else.
    let (code, info) = curl_json(
        "GET",
        &format!("{API}/api/v1/namespaces/kube-public/configmaps/cluster-info"),
        &n.ca(),
        None,
        None,
    );
    assert_eq!(code, 200, "{info}");
    assert!(info["data"]["kubeconfig"]
        .as_str()
        .unwrap()
        .contains("server: https://127.0.0.1:6443"));
    let (code, _) = curl_json(
        "GET",
        &format!("{API}/api/v1/namespaces/kube-system/configmaps/kubeadm-config"),
        &n.ca(),
        None,
        None,
    );
    assert_eq!(code, 403);
    // The stand-in kubelet ran it all (its pods are stopped when n drops).
    assert!(n.kubelet.own_pid().is_some());
    drop(n);
}

/// `sha256:<hex>` of the CA's SubjectPublicKeyInfo, computed by openssl.
fn openssl_ca_hash(ca: &Path) -> String {
    let out = cmd("sh")
        .arg("-c")
        .arg(format!(
            "openssl x509 -noout -pubkey -in '{}' | openssl pkey -pubin -outform der | openssl dgst -sha256 -r",
            ca.display()
        ))
        .ok();
    format!("sha256:{}", out.split_whitespace().next().unwrap())
}

#[test]
fn tokens_round_trip_and_the_join_line_pins_the_ca_as_openssl_computes_it() {
    let n = ApiNode::start("v1.31");
    finish(&n);
    let k = n.kubectl("admin.conf");
    let base = || kforge().arg("token").args(root_args(&n));
    // create: a given token, a TTL, groups and a description.
    let token = "abcdef.0123456789abcdef";
    let out = kforge()
        .args([
            "token",
            "create",
            token,
            "--ttl",
            "2h",
            "--description",
            "rack 4",
        ])
        .args(root_args(&n))
        .ok();
    assert_eq!(out.trim(), token);
    let secret = k.json([
        "get",
        "secret",
        "-n",
        "kube-system",
        "bootstrap-token-abcdef",
    ]);
    assert_eq!(secret["type"], "bootstrap.kubernetes.io/token");
    // list shows it (and init's), in JSON too.
    let list: Value = serde_json::from_str(
        &kforge()
            .args(["token", "list", "-o", "json"])
            .args(root_args(&n))
            .ok(),
    )
    .unwrap();
    let tokens: Vec<&Value> = list["tokens"].as_array().unwrap().iter().collect();
    assert_eq!(tokens.len(), 2, "{list}");
    let mine = tokens.iter().find(|t| t["token"] == token).unwrap();
    assert_eq!(mine["description"], "rack 4");
    let ttl = mine["ttlSeconds"].as_f64().unwrap();
    assert!(ttl > 7000.0 && ttl <= 7200.0, "{ttl}");
    // The same token twice is refused; bad usages are usage errors.
    base().args(["create", token]).fails_with(1);
    base()
        .args(["create", "--usages", "signing,flying"])
        .fails_with(2);
    base().args(["create", "--ttl", "-5m"]).fails_with(2);
    // The join line: the kubeconfig's endpoint and the CA hash as openssl computes it.
    let join = base().args(["create", "--print-join-command"]).ok();
    let hash = openssl_ca_hash(&n.ca());
    assert!(
        join.starts_with("kubeadm join 127.0.0.1:6443 --token "),
        "{join}"
    );
    assert!(
        join.trim_end()
            .ends_with(&format!("--discovery-token-ca-cert-hash {hash}")),
        "{join} vs {hash}"
    );
    // The printed token is in the cluster and authenticates (a bootstrap
    // token reads kubeadm-config through kubeadm's RBAC).
    let printed = join.split_whitespace().nth(4).unwrap().to_string();
    let (code, _) = curl_json(
        "GET",
        &format!("{API}/api/v1/namespaces/kube-system/configmaps/kubeadm-config"),
        &n.ca(),
        Some(&printed),
        None,
    );
    assert_eq!(code, 200, "a new bootstrap token reads kubeadm-config");
    // delete by ID and by whole token; deleting again fails, a bad ID is a usage error.
    let id = printed.split('.').next().unwrap().to_string();
    base().args(["delete", "abcdef", &printed]).ok();
    let left: BTreeSet<String> = k.json(["get", "secrets", "-n", "kube-system"])["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    assert!(!left.contains("bootstrap-token-abcdef"), "{left:?}");
    assert!(!left.contains(&format!("bootstrap-token-{id}")), "{left:?}");
    assert_eq!(
        left.iter()
            .filter(|s| s.starts_with("bootstrap-token-"))
            .count(),
        1
    );
    base().args(["delete", "abcdef"]).fails_with(1);
    base().args(["delete", "ABC"]).fails_with(2);
    // generate only prints.
    let g = kforge().args(["token", "generate"]).ok();
    assert!(
        g.trim().parse::<kforge::token::BootstrapToken>().is_ok(),
        "{g}"
    );
    assert!(n.kubelet.own_pid().is_some());
    drop(n);
}
