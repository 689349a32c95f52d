//! `kforge init`'s API-server phases (issue 21) where no API server is
//! needed: putting them off under `--root`, `--dry-run` listings and YAML
//! streams, `--skip-phases` of sub-phases, and phases run alone taking the
//! node's stored configuration. The phases against the stand-in API
//! server, read back with real kubectl, are in tests/cluster_api.rs.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use support::*;

fn root_arg(root: &Path) -> [String; 2] {
    ["--root".into(), root.display().to_string()]
}

/// (phase, kind, namespace/name) of every object in an init report.
fn objects(report: &Value) -> BTreeSet<(String, String, String)> {
    report["objects"]
        .as_array()
        .expect("objects list")
        .iter()
        .map(|o| {
            let name = match o.get("namespace").and_then(Value::as_str) {
                Some(ns) => format!("{ns}/{}", o["name"].as_str().unwrap()),
                None => o["name"].as_str().unwrap().to_string(),
            };
            (
                o["phase"].as_str().unwrap().to_string(),
                o["kind"].as_str().unwrap().to_string(),
                name,
            )
        })
        .collect()
}

fn dry_run_json(root: &Path, extra: &[&str]) -> Value {
    let mut args = init_args(root, "v1.33");
    // One token for every run, so the runs' objects compare.
    args.extend(
        [
            "--dry-run",
            "-o",
            "json",
            "--token",
            "abcdef.0123456789abcdef",
        ]
        .map(String::from),
    );
    args.extend(extra.iter().map(|s| s.to_string()));
    serde_json::from_str(&kforge().args(args).ok()).expect("init -o json")
}

#[test]
fn without_an_api_server_init_writes_the_node_and_names_what_finishes_it() {
    let dir = tempdir();
    let root = dir.path();
    let mut args = init_args(root, "v1.33");
    args.retain(|a| a != "-q");
    let out = kforge().args(&args).ok();
    let last = out.lines().rev().find(|l| !l.trim().is_empty()).unwrap();
    assert!(
        last.contains(&format!(
            "kforge init phase post-control-plane --root {}",
            root.display()
        )),
        "last line: {last}\n{out}"
    );
    assert!(last.contains("did not answer"), "{last}");
    // The node's files are all there; the stored configuration has the node's part.
    let stored =
        std::fs::read_to_string(root.join("etc/kubernetes/kforge-cluster-config.yaml")).unwrap();
    assert!(stored.contains("kind: ClusterConfiguration"), "{stored}");
    let node =
        std::fs::read_to_string(root.join("etc/kubernetes/kforge-node-config.yaml")).unwrap();
    assert!(node.contains("kind: InitConfiguration"), "{node}");
    assert!(node.contains("name: cp1"), "{node}");
    assert!(node.contains("advertiseAddress: 127.0.0.1"), "{node}");
    assert!(
        !node.contains("token"),
        "the stored node config holds no token: {node}"
    );
    assert!(root
        .join("etc/kubernetes/manifests/kube-apiserver.yaml")
        .is_file());
    // The JSON report says the same, with no object written.
    let mut json_args = init_args(root, "v1.33");
    json_args.extend(["-o", "json"].map(String::from));
    let report: Value = serde_json::from_str(&kforge().args(json_args).ok()).unwrap();
    assert!(report["apiDeferred"]
        .as_str()
        .unwrap()
        .contains("post-control-plane"));
    assert_eq!(report["objects"].as_array().unwrap().len(), 0);
    // Run by name, the phase waits for the API server and fails when it does not come.
    let (_, err) = kforge()
        .args(["init", "phase", "post-control-plane"])
        .args(root_arg(root))
        .args(["--control-plane-timeout", "1s"])
        .fails_with(1);
    assert!(err.contains("was not live after 1s"), "{err}");
}

#[test]
fn skipping_an_addon_skips_exactly_its_objects() {
    let dir = tempdir();
    let all = objects(&dry_run_json(dir.path(), &[]));
    let no_proxy_report = dry_run_json(dir.path(), &["--skip-phases", "addon/kube-proxy"]);
    let no_proxy = objects(&no_proxy_report);
    let no_dns = objects(&dry_run_json(
        dir.path(),
        &["--skip-phases", "addon/coredns"],
    ));
    let of = |set: &BTreeSet<(String, String, String)>, phase: &str| {
        set.iter()
            .filter(|o| o.0 == phase)
            .cloned()
            .collect::<BTreeSet<_>>()
    };
    let proxy = of(&all, "addon/kube-proxy");
    let dns = of(&all, "addon/coredns");
    assert!(proxy
        .iter()
        .any(|o| o.1 == "DaemonSet" && o.2 == "kube-system/kube-proxy"));
    assert!(dns
        .iter()
        .any(|o| o.1 == "Deployment" && o.2 == "kube-system/coredns"));
    assert!(dns
        .iter()
        .any(|o| o.1 == "Service" && o.2 == "kube-system/kube-dns"));
    assert_eq!(
        all.difference(&no_proxy).cloned().collect::<BTreeSet<_>>(),
        proxy
    );
    assert_eq!(
        all.difference(&no_dns).cloned().collect::<BTreeSet<_>>(),
        dns
    );
    assert!(no_proxy.is_subset(&all) && no_dns.is_subset(&all));
    let skipped: Vec<&str> = no_proxy_report["phases"]["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(skipped, ["addon/kube-proxy"]);
    // A dry run writes nothing.
    assert!(
        files_under(dir.path()).is_empty(),
        "{:?}",
        files_under(dir.path())
    );
}

#[test]
fn unknown_sub_phases_in_skip_phases_are_usage_errors() {
    let dir = tempdir();
    for bad in ["addon/kube-dns", "certs/nothing", "nope/coredns"] {
        let mut args = init_args(dir.path(), "v1.33");
        args.extend(["--skip-phases".into(), bad.into()]);
        let (_, err) = kforge().args(args).fails_with(2);
        assert!(err.contains(bad), "{bad}: {err}");
        assert!(
            err.contains("addon/kube-proxy"),
            "lists the valid ones: {err}"
        );
    }
    assert!(files_under(dir.path()).is_empty());
}

#[test]
fn dry_run_yaml_of_an_api_phase_is_the_object_stream_and_changes_nothing() {
    let dir = tempdir();
    let root = dir.path();
    kforge().args(init_args(root, "v1.33")).ok();
    let before: Vec<_> = files_under(root)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| (std::fs::read(&p).unwrap(), p))
        .collect();
    let out = kforge()
        .args([
            "init",
            "phase",
            "bootstrap-token",
            "--dry-run",
            "-o",
            "yaml",
        ])
        .args(root_arg(root))
        .ok();
    let docs: Vec<Value> = out
        .split("\n---\n")
        .map(|d| d.trim_start_matches("---\n"))
        .filter(|d| !d.trim().is_empty())
        .map(|d| serde_yaml_ng::from_str(d).unwrap_or_else(|e| panic!("{e}: {d}")))
        .collect();
    let kinds: BTreeSet<(String, String)> = docs
        .iter()
        .map(|d| {
            (
                d["kind"].as_str().unwrap().to_string(),
                d["metadata"]["name"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    // The token in the stream is the node's (the one its token file records).
    let record =
        std::fs::read_to_string(root.join("etc/kubernetes/bootstrap-token-secret.yaml")).unwrap();
    let id = record
        .lines()
        .find_map(|l| l.trim().strip_prefix("token-id: "))
        .unwrap()
        .to_string();
    for want in [
        ("Secret", format!("bootstrap-token-{id}")),
        ("ConfigMap", "cluster-info".to_string()),
        (
            "ClusterRoleBinding",
            "kubeadm:kubelet-bootstrap".to_string(),
        ),
        (
            "ClusterRoleBinding",
            "kubeadm:node-autoapprove-bootstrap".to_string(),
        ),
    ] {
        assert!(
            kinds.contains(&(want.0.to_string(), want.1.clone())),
            "{want:?} not in {kinds:?}"
        );
    }
    let info = docs
        .iter()
        .find(|d| d["metadata"]["name"] == "cluster-info")
        .unwrap();
    assert_eq!(info["metadata"]["namespace"], "kube-public");
    let kubeconfig = info["data"]["kubeconfig"].as_str().unwrap();
    assert!(
        kubeconfig.contains("server: https://127.0.0.1:6443"),
        "{kubeconfig}"
    );
    let after: Vec<_> = files_under(root)
        .into_iter()
        .filter(|p| p.is_file())
        .map(|p| (std::fs::read(&p).unwrap(), p))
        .collect();
    assert!(before == after, "a dry run changed the node");
}

#[test]
fn a_phase_run_alone_takes_the_stored_configuration() {
    let dir = tempdir();
    let root = dir.path();
    let mut args = init_args(root, "v1.33");
    args.extend(["--service-cidr".into(), "10.112.0.0/12".into()]);
    kforge().args(args).ok();
    let manifest = root.join("etc/kubernetes/manifests/kube-apiserver.yaml");
    let before = std::fs::read_to_string(&manifest).unwrap();
    // No version, node name, address or CIDR flags: all from the node.
    let (out, d) = kforge()
        .args(["init", "phase", "control-plane", "apiserver"])
        .args(root_arg(root))
        .output();
    assert!(out.status.success(), "{d}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Using Kubernetes version: v1.33.0"), "{err}");
    assert!(err.contains("kforge-cluster-config.yaml"), "{err}");
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), before);
    // The CoreDNS Service takes the stored service CIDR's 10th address.
    let out = kforge()
        .args([
            "init",
            "phase",
            "addon",
            "coredns",
            "--dry-run",
            "-o",
            "yaml",
        ])
        .args(root_arg(root))
        .ok();
    assert!(out.contains("clusterIP: 10.112.0.10"), "{out}");
    // A flag still overrides it.
    let out = kforge()
        .args([
            "init",
            "phase",
            "addon",
            "coredns",
            "--dry-run",
            "-o",
            "yaml",
        ])
        .args(["--service-cidr", "10.200.0.0/16"])
        .args(root_arg(root))
        .ok();
    assert!(out.contains("clusterIP: 10.200.0.10"), "{out}");
}

#[test]
fn the_configurations_dns_and_proxy_switches_and_image_are_kubeadms() {
    let dir = tempdir();
    let root = dir.path().join("node");
    let config = dir.path().join("kubeadm.yaml");
    std::fs::write(
        &config,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.0\n\
         dns:\n  imageRepository: mirror.example.com/dns\n  imageTag: v1.12.9\nproxy:\n  disabled: true\n",
    )
    .unwrap();
    let mut args = init_args(&root, "v1.33");
    args.extend(["--config".into(), config.display().to_string()]);
    args.extend(["-o", "json", "--token", "abcdef.0123456789abcdef"].map(String::from));
    let report: Value = serde_json::from_str(&kforge().args(&args).ok()).unwrap();
    assert!(
        report["warnings"].to_string().find("dns").is_none(),
        "{}",
        report["warnings"]
    );
    // Under --root with no API server the objects are put off; the dry run shows them.
    let out = kforge()
        .args(["init", "phase", "addon", "--dry-run", "-o", "yaml"])
        .args(root_arg(&root))
        .ok();
    assert!(
        out.contains("image: mirror.example.com/dns/coredns:v1.12.9"),
        "{out}"
    );
    assert!(
        !out.contains("kube-proxy"),
        "proxy.disabled: no kube-proxy object\n{out}"
    );
    // dns.disabled, read back from the stored configuration, skips CoreDNS too.
    let stored = root.join("etc/kubernetes/kforge-cluster-config.yaml");
    let text = std::fs::read_to_string(&stored).unwrap();
    assert!(text.contains("disabled: true"), "{text}");
    std::fs::write(
        &config,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.33.0\n\
         dns:\n  disabled: true\n",
    )
    .unwrap();
    let (out, d) = kforge()
        .args([
            "init",
            "phase",
            "addon",
            "--dry-run",
            "-o",
            "yaml",
            "--config",
        ])
        .arg(&config)
        .args(root_arg(&root))
        .output();
    assert!(out.status.success(), "{d}");
    let yaml = String::from_utf8_lossy(&out.stdout);
    assert!(!yaml.contains("coredns"), "{yaml}");
    assert!(yaml.contains("kind: DaemonSet"), "{yaml}");
    assert!(d.contains("dns.disabled"), "{d}");
}

#[test]
fn a_dry_run_says_would_and_preflight_under_root_says_where_it_looked() {
    let dir = tempdir();
    let mut args = init_args(dir.path(), "v1.33");
    args.retain(|a| a != "-q");
    args.push("--dry-run".into());
    let (out, d) = kforge().args(&args).output();
    assert!(out.status.success(), "{d}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("Would write kubeconfig file \"admin.conf\""),
        "{err}"
    );
    assert!(
        !err.contains("] Wrote ") && !err.contains("] Replaced "),
        "{err}"
    );
    // Binaries are looked for in the staged node, and the message says so.
    let mount = err
        .lines()
        .find(|l| l.contains("FileExisting-mount"))
        .unwrap_or_else(|| panic!("no mount check: {err}"));
    assert!(
        mount.contains(&format!("not found under --root {}", dir.path().display())),
        "{mount}"
    );
    assert!(files_under(dir.path()).is_empty());
}
