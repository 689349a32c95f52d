//! Renewed certificates restart the components that load them even when
//! their manifests do not change (kubeadm's habit), on `upgrade apply` and
//! on `certs renew`, seen by the stand-in kubelet (`kforge-dev kubelet`,
//! real etcd 3.5 for the etcd image): the pod is recreated as a new process.

mod support;

use support::kubelet::{etcd_image_map, StandInKubelet};
use support::*;

const PODS: &str = "etcd,apiserver,controller-manager,scheduler";

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn renewed_certificates_restart_etcd_although_its_manifest_does_not_change() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.31.0")).ok();
    let kubelet = StandInKubelet::start(&root, &etcd_image_map());
    kubelet.wait_healthy(PODS);
    let etcd_yaml = root.join("etc/kubernetes/manifests/etcd.yaml");
    let image = |t: &str| {
        t.lines()
            .find_map(|l| l.trim().strip_prefix("image: "))
            .unwrap()
            .to_string()
    };
    let before = std::fs::read_to_string(&etcd_yaml).unwrap();
    let pid = kubelet.wait_running("etcd");

    // A patch hop: etcd's image stays, its certificates are renewed: etcd
    // restarts anyway, and the step says so.
    let (res, text) = kforge()
        .args([
            "upgrade",
            "apply",
            "v1.31.5",
            "--yes",
            "--certificate-renewal",
            "always",
            "-o",
            "json",
            "--root",
        ])
        .arg(&root)
        .output();
    assert!(res.status.success(), "{text}\n{}", kubelet.log_text());
    let r = json(&String::from_utf8_lossy(&res.stdout));
    let etcd_step = r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == "etcd")
        .unwrap_or_else(|| panic!("{r:#}"));
    assert_eq!(etcd_step["outcome"], "restarted", "{r:#}");
    let after = std::fs::read_to_string(&etcd_yaml).unwrap();
    assert_eq!(image(&after), image(&before));
    let pid = kubelet.wait_recreated("etcd", pid);
    kubelet.wait_healthy(PODS);

    // `certs renew` of etcd's serving certificate restarts etcd too, and
    // keeps the operator's comment in its manifest.
    let commented = format!("# tuned by the operator\n{after}");
    std::fs::write(&etcd_yaml, &commented).unwrap();
    let out = kforge()
        .args(["certs", "renew", "etcd-server", "--root"])
        .arg(&root)
        .ok();
    assert!(out.contains("restarting etcd"), "{out}");
    kubelet.wait_recreated("etcd", pid);
    let renewed = std::fs::read_to_string(&etcd_yaml).unwrap();
    assert!(
        renewed.starts_with("# tuned by the operator\n"),
        "{renewed}"
    );
    kubelet.wait_healthy(PODS);
}
