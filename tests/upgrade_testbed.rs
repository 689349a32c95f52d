//! `kforge upgrade apply` on the multi-host test bed (network namespaces
//! with their own sshd): three stacked control planes joined with `kforge
//! join --control-plane` plus two workers (tests/support/cluster.rs). The
//! stand-in kubelet on each control plane maps the etcd image of v1.31 onto
//! real etcd 3.4.23 and that of v1.32 onto real etcd 3.5.1, so the upgrade
//! is a real etcd minor upgrade, member by member. Throughout, a client
//! writes a key every 10 ms (every write must be acknowledged after the
//! client's retries, and every acknowledged write read back), and a monitor
//! checks that never more than one member is down and that etcd's cluster
//! version stays 3.4 while any member runs 3.4.

mod support;

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use support::testbed_cluster::{etcd_version, Cluster, APPLY_V1_32, ENDPOINTS};
use support::*;

/// What the monitor saw.
#[derive(Default, Debug)]
struct Seen {
    /// Rounds the monitor completed.
    samples: usize,
    max_down: usize,
    /// Moments some member ran 3.4 while the cluster version was not 3.4.
    early_moves: Vec<String>,
    cluster_versions: Vec<String>,
}

#[test]
fn rolling_minor_upgrade_of_three_stacked_control_planes_and_two_workers_loses_no_write() {
    let _ports = fixed_port_lock();
    let c = Cluster::up(2, &etcd34(), &etcd_dir("3.5.1").join("etcd"));
    let pki = c.pki();
    for ep in ENDPOINTS {
        assert_eq!(etcd_version(&pki, ep).unwrap()["etcdserver"], "3.4.23");
    }
    // The plan: etcd 3.4 -> 3.5 moves the cluster version after the last member.
    let (out, d) = c.upgrade(&["plan", "v1.32", "-o", "json"]).output();
    assert!(out.status.success(), "{d}\n{}", c.logs());
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
    assert_eq!(plan["hops"][0]["workers"], true, "{plan:#}");

    // The writer and the monitor, throughout the upgrade.
    let stop = Arc::new(AtomicBool::new(false));
    let rt = kforge::runtime::multi_thread(1).unwrap();
    let acked = Arc::new(AtomicUsize::new(0));
    let w = rt.spawn(support::writer::run_counting(
        pki.clone(),
        ENDPOINTS.iter().map(|e| e.to_string()).collect(),
        Duration::from_millis(500),
        stop.clone(),
        acked.clone(),
    ));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let monitor = {
        let (stop, seen, pki) = (stop.clone(), seen.clone(), pki.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let v: Vec<Option<serde_json::Value>> =
                    ENDPOINTS.iter().map(|ep| etcd_version(&pki, ep)).collect();
                let down = v.iter().filter(|x| x.is_none()).count();
                let field = |k: &str| -> Vec<String> {
                    v.iter()
                        .flatten()
                        .map(|x| x[k].as_str().unwrap_or("").to_string())
                        .collect()
                };
                let (servers, clusters) = (field("etcdserver"), field("etcdcluster"));
                let mut s = seen.lock().unwrap();
                s.samples += 1;
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
    // Both run before the upgrade starts and go on after it ends: waited
    // for (writes acknowledged, monitor rounds done), not slept on.
    let samples = || seen.lock().unwrap().samples;
    let running = |writes: usize, rounds: usize| {
        wait_until(Duration::from_secs(30), || {
            acked.load(Ordering::Relaxed) > writes && samples() > rounds
        })
    };
    assert!(
        running(10, 1),
        "the writer ({} writes) or the monitor ({} rounds) is not running",
        acked.load(Ordering::Relaxed),
        samples()
    );
    let writes_before = acked.load(Ordering::Relaxed);
    let (out, d) = c.upgrade(APPLY_V1_32).output();
    let writes_during = acked.load(Ordering::Relaxed) - writes_before;
    let (writes_after, rounds_after) = (acked.load(Ordering::Relaxed), samples());
    assert!(
        running(writes_after + 10, rounds_after + 1),
        "the writer or the monitor stopped during the upgrade"
    );
    stop.store(true, Ordering::Relaxed);
    let written = rt.block_on(w).unwrap();
    monitor.join().unwrap();
    assert!(out.status.success(), "{d}\n{}", c.logs());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["outcome"], "upgraded", "{report:#}");

    // Every member runs 3.5.1; the cluster version moved to 3.5 only after the last one.
    // (etcd's leader raises the cluster version on its own schedule, every
    // few seconds once every member runs 3.5: wait for it, bounded.)
    for ep in ENDPOINTS {
        let mut v = etcd_version(&pki, ep).unwrap();
        let deadline = std::time::Instant::now() + Duration::from_secs(30);
        while v["etcdcluster"] != "3.5.0" && std::time::Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(200));
            v = etcd_version(&pki, ep).unwrap();
        }
        assert_eq!(v["etcdserver"], "3.5.1", "{ep}: {v}");
        assert_eq!(v["etcdcluster"], "3.5.0", "{ep}: {v}");
    }
    let seen = seen.lock().unwrap();
    assert!(
        writes_during > 0,
        "no write was acknowledged during the upgrade"
    );
    // The monitor saw the cluster at 3.4 before the upgrade.
    assert!(
        seen.cluster_versions.iter().any(|v| v.starts_with("3.4")),
        "{seen:?}"
    );
    assert!(seen.early_moves.is_empty(), "{seen:?}");
    assert!(
        seen.max_down <= 1,
        "more than one member down at once: {seen:?}"
    );
    // Every control plane's manifests are at v1.32.
    let dirs: Vec<PathBuf> = std::iter::once(c.root.join("etc/kubernetes"))
        .chain(c.tb.nodes[..2].iter().map(|n| n.etc_kubernetes()))
        .collect();
    for m in &dirs {
        for (pod, want) in [
            ("etcd", c.new.0.clone()),
            (
                "kube-apiserver",
                "registry.k8s.io/kube-apiserver:v1.32.0".into(),
            ),
            (
                "kube-controller-manager",
                "registry.k8s.io/kube-controller-manager:v1.32.0".into(),
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
    // Every kubelet (the control planes' and the workers') answers v1.32.0;
    // the workers' drains were skipped (the stand-in API server serves no nodes) and say so.
    for n in &c.tb.nodes {
        let v = c.tb.ssh(n, "kubelet --version").ok();
        assert_eq!(v.trim(), "Kubernetes v1.32.0", "{}", n.name);
    }
    let steps = report["steps"].as_array().unwrap();
    for w in ["w1", "w2"] {
        let drain = steps
            .iter()
            .find(|s| s["node"] == w && s["step"] == "drain")
            .unwrap_or_else(|| panic!("no drain step for {w}: {report:#}"));
        assert_eq!(drain["outcome"], "skipped", "{drain}");
        assert!(drain["detail"]
            .as_str()
            .unwrap()
            .contains("no API server answered"));
        assert!(steps
            .iter()
            .any(|s| s["node"] == w && s["step"] == "kubelet" && s["outcome"] == "upgraded"));
    }
    // No write failed after the client's retries, and every acknowledged one is there.
    assert!(!written.acked.is_empty(), "the writer wrote nothing");
    assert!(
        written.failed.is_empty(),
        "writes that failed: {:?}",
        written.failed
    );
    let ctl = |ep: &str| {
        cmd(etcd35("etcdctl"))
            .args(["--endpoints", ep, "--cacert"])
            .arg(pki.join("etcd/ca.crt"))
            .arg("--cert")
            .arg(pki.join("apiserver-etcd-client.crt"))
            .arg("--key")
            .arg(pki.join("apiserver-etcd-client.key"))
    };
    let keys = ctl(ENDPOINTS[2])
        .args(["get", "/writer/", "--prefix", "--keys-only"])
        .ok();
    let stored: std::collections::HashSet<&str> =
        keys.lines().filter(|l| !l.trim().is_empty()).collect();
    let lost: Vec<&String> = written
        .acked
        .iter()
        .filter(|k| !stored.contains(k.as_str()))
        .collect();
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:?}");
    for s in steps {
        eprintln!(
            "  {} {} {} {:.2}s",
            s["node"],
            s["step"],
            s["outcome"],
            s["durationSeconds"].as_f64().unwrap_or(0.0)
        );
    }
    eprintln!(
        "prepare {:.1}s",
        report["prepareSeconds"].as_f64().unwrap_or(0.0)
    );
    eprintln!(
        "upgrade: {} acknowledged writes, longest stall {:.0} ms, wall {:.1}s, waiting {:.1}s, cluster versions seen {:?}",
        written.acked.len(),
        written.longest_stall.as_secs_f64() * 1000.0,
        report["durationSeconds"].as_f64().unwrap_or(0.0),
        report["waitSeconds"].as_f64().unwrap_or(0.0),
        seen.cluster_versions
    );
}
