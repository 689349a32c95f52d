//! Generated files for every supported Kubernetes release: each manifest is
//! a valid Kubernetes Pod with no field the Pod type does not know, and the
//! full output is pinned by snapshots (keys, serials and times filtered).

mod support;

use k8s_openapi::api::core::v1::Pod;
use kforge::versions::RELEASES;
use std::path::Path;
use support::*;

const MANIFESTS: &[&str] = &[
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
];

fn strict_pod(text: &str, what: &str) -> Pod {
    let mut unknown = Vec::new();
    let de = serde_yaml_ng::Deserializer::from_str(text);
    let pod: Pod = serde_ignored::deserialize(de, |path| unknown.push(path.to_string()))
        .unwrap_or_else(|e| panic!("{what}: not a Pod: {e}"));
    assert!(
        unknown.is_empty(),
        "{what}: fields unknown to the Pod type: {unknown:?}"
    );
    pod
}

#[test]
fn every_release_yields_valid_pods_with_nothing_unknown() {
    for rel in RELEASES {
        let dir = tempdir();
        let version = rel.version.to_string();
        kforge().args(init_args(dir.path(), &version)).ok();
        for m in MANIFESTS {
            let what = format!("{version} {m}.yaml");
            let text = std::fs::read_to_string(
                dir.path()
                    .join(format!("etc/kubernetes/manifests/{m}.yaml")),
            )
            .unwrap();
            let pod = strict_pod(&text, &what);
            let spec = pod.spec.expect("spec");
            let c = &spec.containers[0];
            assert_eq!(spec.host_network, Some(true), "{what}");
            assert_eq!(
                spec.priority_class_name.as_deref(),
                Some("system-node-critical"),
                "{what}"
            );
            assert_eq!(c.command.as_ref().unwrap()[0], *m, "{what}");
            // Flags are sorted, as kubeadm writes them.
            let flags = &c.command.as_ref().unwrap()[1..];
            let mut sorted = flags.to_vec();
            sorted.sort();
            assert_eq!(flags, &sorted[..], "{what}: flags not sorted");
            let probe = c
                .liveness_probe
                .as_ref()
                .unwrap()
                .http_get
                .as_ref()
                .unwrap();
            let port = match &probe.port {
                k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::Int(p) => *p,
                k8s_openapi::apimachinery::pkg::util::intstr::IntOrString::String(name) => {
                    assert!(rel.named_probe_port, "{what}: named port before 1.34");
                    c.ports
                        .as_ref()
                        .unwrap()
                        .iter()
                        .find(|p| p.name.as_deref() == Some(name))
                        .unwrap()
                        .container_port
                }
            };
            let want = kforge::components::find(m).unwrap().health_port() as i32;
            let want = if *m == "kube-apiserver" { 6443 } else { want };
            assert_eq!(port, want, "{what}: probe port");
            assert_eq!(pod.metadata.labels.as_ref().unwrap()["component"], *m);
            assert_eq!(
                text.contains("creationTimestamp: null"),
                rel.creation_timestamp_null,
                "{what}: creationTimestamp"
            );
        }
        let etcd =
            std::fs::read_to_string(dir.path().join("etc/kubernetes/manifests/etcd.yaml")).unwrap();
        assert!(
            etcd.contains(&format!(
                "image: registry.k8s.io/etcd:{}",
                rel.etcd_image_tag
            )),
            "{version}"
        );
        let new_flags = etcd.contains("--feature-gates=InitialCorruptCheck=true");
        assert_eq!(
            new_flags,
            !rel.etcd_image_tag.starts_with("3.5"),
            "{version}: etcd flag generation"
        );
        assert_eq!(
            etcd.contains("--experimental-initial-corrupt-check=true"),
            !new_flags,
            "{version}"
        );
    }
}

/// Everything init writes that is text, in one snapshot per release.
fn snapshot_text(root: &Path) -> String {
    let files = [
        "etc/kubernetes/manifests/etcd.yaml",
        "etc/kubernetes/manifests/kube-apiserver.yaml",
        "etc/kubernetes/manifests/kube-controller-manager.yaml",
        "etc/kubernetes/manifests/kube-scheduler.yaml",
        "var/lib/kubelet/config.yaml",
        "var/lib/kubelet/kubeadm-flags.env",
        "var/lib/kubelet/instance-config.yaml",
        "etc/kubernetes/admin.conf",
        "etc/kubernetes/kubelet.conf",
        "etc/kubernetes/bootstrap-token-secret.yaml",
    ];
    let mut out = String::new();
    for f in files {
        if let Ok(t) = std::fs::read_to_string(root.join(f)) {
            out.push_str(&format!("=== {f}\n{t}"));
        }
    }
    out
}

#[test]
fn generated_files_match_snapshots() {
    for version in ["v1.31", "v1.33", "v1.34", "v1.35", "v1.37"] {
        let dir = tempdir();
        kforge()
            .args(init_args(dir.path(), version))
            .args([
                "--pod-network-cidr",
                "10.244.0.0/16",
                "--token",
                "abcdef.0123456789abcdef",
            ])
            .ok();
        insta::with_settings!({filters => vec![
            (r"[A-Za-z0-9+/]{60,}={0,2}", "[BASE64]"),
            (r#"expiration: "[^"]+""#, "expiration: [TIME]"),
        ]}, {
            insta::assert_snapshot!(format!("init-{version}"), snapshot_text(dir.path()));
        });
    }
}
