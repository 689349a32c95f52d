//! `kforge upgrade apply` on the multi-host test bed (network namespaces
//! with their own sshd, tests/support/testbed.rs): three stacked control
//! planes joined with `kforge join --control-plane`, each running the
//! stand-in kubelet (`kforge dev kubelet`, inside the node) which maps the
//! etcd image of v1.31 onto real etcd 3.4.23 and that of v1.32 onto real
//! etcd 3.5.1, so the upgrade is a real etcd minor upgrade, member by
//! member. Throughout, a client writes a key every 10 ms (every write must
//! be acknowledged after the client's retries, and every acknowledged write
//! read back), and a monitor checks that never more than one member is down
//! and that etcd's cluster version stays 3.4 while any member runs 3.4.

mod support;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::kubelet::{etcd_image, StandInKubelet};
use support::testbed::Testbed;
use support::*;

const ENDPOINTS: [&str; 3] = [
    "https://198.18.0.1:2379",
    "https://198.18.0.11:2379",
    "https://198.18.0.12:2379",
];

fn curl_version(pki: &Path, ep: &str) -> Option<serde_json::Value> {
    let (out, _) = cmd(tool("curl"))
        .args(["-sS", "--max-time", "1", "--cacert"])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join("etcd/healthcheck-client.crt"))
        .arg("--key")
        .arg(pki.join("etcd/healthcheck-client.key"))
        .arg(format!("{ep}/version"))
        .output();
    if !out.status.success() {
        return None;
    }
    serde_json::from_slice(&out.stdout).ok()
}

/// What the monitor saw.
#[derive(Default, Debug)]
struct Seen {
    max_down: usize,
    /// (servers, cluster) whenever some member ran 3.4 and the cluster
    /// version was not 3.4: must stay empty.
    early_moves: Vec<String>,
    cluster_versions: Vec<String>,
}

/// Writes a key every 10 ms until stopped; returns (acknowledged keys,
/// failed writes, longest stall between two acknowledgements).
async fn writer(pki: PathBuf, stop: Arc<AtomicBool>) -> (Vec<String>, Vec<String>, Duration) {
    let read = |f: &str| std::fs::read(pki.join(f)).unwrap();
    let tls = etcd_client::TlsOptions::new()
        .ca_certificate(etcd_client::Certificate::from_pem(read("etcd/ca.crt")))
        .identity(etcd_client::Identity::from_pem(
            read("apiserver-etcd-client.crt"),
            read("apiserver-etcd-client.key"),
        ));
    let opts = etcd_client::ConnectOptions::new()
        .with_tls(tls)
        .with_timeout(Duration::from_secs(2))
        .with_connect_timeout(Duration::from_secs(2));
    let mut c = etcd_client::Client::connect(ENDPOINTS, Some(opts))
        .await
        .unwrap();
    let (mut acked, mut failed) = (Vec::new(), Vec::new());
    let mut last = Instant::now();
    let mut stall = Duration::ZERO;
    let mut i = 0u64;
    while !stop.load(Ordering::Relaxed) {
        let key = format!("/writer/{i:08}");
        let t0 = Instant::now();
        let mut ok = false;
        // The client's normal retry: up to 10 s per write.
        while t0.elapsed() < Duration::from_secs(10) {
            if c.put(key.clone(), "v", None).await.is_ok() {
                ok = true;
                break;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        if ok {
            stall = stall.max(last.elapsed());
            last = Instant::now();
            acked.push(key);
        } else {
            failed.push(key);
        }
        i += 1;
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    (acked, failed, stall)
}

#[test]
fn rolling_minor_upgrade_of_three_stacked_control_planes_loses_no_write() {
    let _ports = fixed_port_lock();
    let tb = Testbed::up(&[Some("v1.31.0"), Some("v1.31.0")]);
    let dir = tempdir();
    let root = dir.path().join("cp1");
    kforge()
        .args(["init", "-q", "--root"])
        .arg(&root)
        .args([
            "--kubernetes-version",
            "v1.31",
            "--apiserver-advertise-address",
            "198.18.0.1",
            "--node-name",
            "cp1",
        ])
        .ok();
    let old = (etcd_image("v1.31"), etcd34());
    let new = (etcd_image("v1.32"), etcd_dir("3.5.1").join("etcd"));
    let local = StandInKubelet::start(&root, &[old.clone(), new.clone()]);
    local.wait_healthy("etcd,apiserver,controller-manager,scheduler");
    // The stand-in kubelet inside each node (its own /etc/kubernetes).
    let kforge_bin = env!("CARGO_BIN_EXE_kforge");
    for n in &tb.nodes {
        let script = format!(
            "setsid -f {kforge_bin} dev kubelet --root / --log-dir /var/lib/kubelet/pod-logs --image-binary {}={} --image-binary {}={} >/var/lib/kubelet/standin-kubelet.log 2>&1 </dev/null",
            old.0,
            old.1.display(),
            new.0,
            new.1.display()
        );
        tb.ssh(n, &script).ok();
    }
    let logs = || {
        tb.nodes
            .iter()
            .map(|n| {
                format!(
                    "--- {} stand-in kubelet ---\n{}",
                    n.name,
                    std::fs::read_to_string(n.var_lib_kubelet().join("standin-kubelet.log"))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (res, d) = kforge()
        .args([
            "join",
            "-o",
            "json",
            "--ssh-timeout",
            "5s",
            "--ignore-preflight-errors",
            "CRI",
            "--etcd-promote-timeout",
            "90s",
            "--root",
        ])
        .arg(&root)
        .args(tb.ssh_flags())
        .args(["--control-plane", "cp2=198.18.0.11", "cp3=198.18.0.12"])
        .output();
    assert!(res.status.success(), "{d}\n{}", logs());
    let pki = root.join("etc/kubernetes/pki");
    for ep in ENDPOINTS {
        assert!(
            wait_until(Duration::from_secs(30), || curl_version(&pki, ep)
                .is_some_and(|v| v["etcdserver"] == "3.4.23")),
            "{ep} is not etcd 3.4.23\n{}",
            logs()
        );
    }
    let upgrade = |args: &[&str]| {
        kforge()
            .arg("upgrade")
            .args(args)
            .arg("--root")
            .arg(&root)
            .args(tb.ssh_flags())
            .args(["--control-plane", "cp2=198.18.0.11", "cp3=198.18.0.12"])
    };
    // The plan: etcd 3.4 -> 3.5 moves the cluster version after the last member.
    let (out, d) = upgrade(&["plan", "v1.32", "-o", "json"]).output();
    assert!(out.status.success(), "{d}\n{}", logs());
    let plan: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(plan["etcd"]["minorChange"], true, "{plan:#}");
    let order = plan["etcd"]["order"].as_array().unwrap().clone();
    assert_eq!(order.len(), 3, "{plan:#}");
    let leader = plan["inventory"]["etcd"]["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["isLeader"] == true)
        .unwrap()["name"]
        .clone();
    assert_eq!(order[2], leader, "the leader goes last: {plan:#}");
    assert!(plan["pointOfNoReturn"]
        .as_str()
        .unwrap()
        .contains("cannot be rolled back by binary"));

    // The writer and the monitor, throughout the upgrade.
    let stop = Arc::new(AtomicBool::new(false));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(1)
        .enable_all()
        .build()
        .unwrap();
    let w = rt.spawn(writer(pki.clone(), stop.clone()));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let monitor = {
        let (stop, seen, pki) = (stop.clone(), seen.clone(), pki.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let v: Vec<Option<serde_json::Value>> =
                    ENDPOINTS.iter().map(|ep| curl_version(&pki, ep)).collect();
                let down = v.iter().filter(|x| x.is_none()).count();
                let servers: Vec<String> = v
                    .iter()
                    .flatten()
                    .map(|x| x["etcdserver"].as_str().unwrap_or("").to_string())
                    .collect();
                let clusters: Vec<String> = v
                    .iter()
                    .flatten()
                    .map(|x| x["etcdcluster"].as_str().unwrap_or("").to_string())
                    .collect();
                let mut s = seen.lock().unwrap();
                s.max_down = s.max_down.max(down);
                let any_34 = servers.iter().any(|x| x.starts_with("3.4"));
                if any_34 && clusters.iter().any(|c| !c.starts_with("3.4")) {
                    s.early_moves.push(format!("{servers:?} {clusters:?}"));
                }
                for c in clusters {
                    if !s.cluster_versions.contains(&c) {
                        s.cluster_versions.push(c);
                    }
                }
                drop(s);
                std::thread::sleep(Duration::from_millis(100));
            }
        })
    };
    std::thread::sleep(Duration::from_secs(1));
    let (out, d) = upgrade(&[
        "apply",
        "v1.32",
        "--yes",
        "-o",
        "json",
        "--ignore-preflight-errors",
        "CRI",
    ])
    .output();
    std::thread::sleep(Duration::from_secs(1));
    stop.store(true, Ordering::Relaxed);
    let (acked, failed, stall) = rt.block_on(w).unwrap();
    monitor.join().unwrap();
    assert!(out.status.success(), "{d}\n{}", logs());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outcome"], "upgraded", "{report:#}");

    // Every member runs 3.5.1; the cluster version moved to 3.5 only after the last one.
    for ep in ENDPOINTS {
        let v = curl_version(&pki, ep).unwrap();
        assert_eq!(v["etcdserver"], "3.5.1", "{ep}: {v}");
        assert_eq!(v["etcdcluster"], "3.5.0", "{ep}: {v}");
    }
    let seen = seen.lock().unwrap();
    assert!(seen.early_moves.is_empty(), "{seen:?}");
    assert!(
        seen.max_down <= 1,
        "more than one member down at once: {seen:?}"
    );
    // Every node's manifests are at v1.32.
    let manifests: Vec<PathBuf> = std::iter::once(root.join("etc/kubernetes"))
        .chain(tb.nodes.iter().map(|n| n.etc_kubernetes()))
        .collect();
    for m in &manifests {
        for (pod, want) in [
            ("etcd", new.0.clone()),
            (
                "kube-apiserver",
                "registry.k8s.io/kube-apiserver:v1.32.0".into(),
            ),
            (
                "kube-scheduler",
                "registry.k8s.io/kube-scheduler:v1.32.0".into(),
            ),
        ] {
            let text =
                std::fs::read_to_string(m.join("manifests").join(format!("{pod}.yaml"))).unwrap();
            assert!(
                text.contains(&format!("image: {want}")),
                "{}: {pod}",
                m.display()
            );
        }
    }
    // No write failed after the client's retries, and every acknowledged one is there.
    assert!(failed.is_empty(), "writes that failed: {failed:?}");
    let got = node_count(&pki);
    assert!(
        got >= acked.len(),
        "acknowledged {} writes, read back {got}",
        acked.len()
    );
    let last = acked.last().unwrap();
    let v = cmd(etcd35("etcdctl"))
        .args(["--endpoints", ENDPOINTS[2], "--cacert"])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join("apiserver-etcd-client.crt"))
        .arg("--key")
        .arg(pki.join("apiserver-etcd-client.key"))
        .args(["get", last, "--print-value-only"])
        .ok();
    assert_eq!(v.trim(), "v", "{last}");
    eprintln!(
        "upgrade: {} acknowledged writes, longest stall {:.0} ms, wall {:.1}s, waiting {:.1}s, cluster versions seen {:?}",
        acked.len(),
        stall.as_secs_f64() * 1000.0,
        report["seconds"].as_f64().unwrap_or(0.0),
        report["waitSeconds"].as_f64().unwrap_or(0.0),
        seen.cluster_versions
    );
}

/// How many `/writer/` keys etcd holds.
fn node_count(pki: &Path) -> usize {
    let out = cmd(etcd35("etcdctl"))
        .args(["--endpoints", ENDPOINTS[0], "--cacert"])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join("apiserver-etcd-client.crt"))
        .arg("--key")
        .arg(pki.join("apiserver-etcd-client.key"))
        .args([
            "get",
            "/writer/",
            "--prefix",
            "--count-only",
            "-w",
            "fields",
        ])
        .ok();
    out.lines()
        .find_map(|l| l.trim().strip_prefix("\"Count\" : "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no Count in {out}"))
}
