//! `upgrade apply` on the namespace test bed (needs root):
//! `cargo bench --bench upgrade`. Three stacked control planes (etcd
//! 3.5.0 -> 3.5.1 through the stand-in kubelet's image map, stand-in API
//! server, controller-manager and scheduler) plus 2 or 10 workers (kubelet
//! upgraded by a command). For each run: the wall time of the apply, the
//! time before the first component step (preflight, verified snapshot,
//! certificates), the sum of the waits for components to come back at
//! their new version (what a perfect tool could not avoid), and the longest
//! stall of a client writing every 10 ms, with etcd leadership moved away
//! before the leader restarts and without (`--no-leader-move`).
//! Under `cargo test` it does nothing.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;
use support::testbed_cluster::{Cluster, APPLY_V1_32, ENDPOINTS};

struct Run {
    wall: f64,
    prepare: f64,
    wait: f64,
    steps: f64,
    stall_ms: f64,
    writes: usize,
    failed: usize,
}

fn one(workers: usize, leader_move: bool) -> Run {
    let _ports = support::fixed_port_lock();
    let c = Cluster::up(
        workers,
        &support::etcd_dir("3.5.0").join("etcd"),
        &support::etcd_dir("3.5.1").join("etcd"),
    );
    let stop = Arc::new(AtomicBool::new(false));
    let rt = kforge::runtime::multi_thread(1).unwrap();
    let w = rt.spawn(support::writer::run(
        c.pki(),
        ENDPOINTS.iter().map(|e| e.to_string()).collect(),
        Duration::from_millis(500),
        stop.clone(),
    ));
    std::thread::sleep(Duration::from_secs(1));
    let mut args = APPLY_V1_32.to_vec();
    args.extend(["--max-unavailable", "5"]);
    if !leader_move {
        args.push("--no-leader-move");
    }
    let out = c.upgrade(&args).ok();
    stop.store(true, Ordering::Relaxed);
    let written = rt.block_on(w).unwrap();
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["outcome"], "upgraded", "{r:#}");
    let steps: f64 = r["steps"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["seconds"].as_f64())
        .sum();
    Run {
        wall: r["seconds"].as_f64().unwrap(),
        prepare: r["prepareSeconds"].as_f64().unwrap(),
        wait: r["waitSeconds"].as_f64().unwrap(),
        steps,
        stall_ms: written.longest_stall.as_secs_f64() * 1000.0,
        writes: written.acked.len(),
        failed: written.failed.len(),
    }
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    println!("| workers | leader moved | wall | before the first step | waits for components | all steps | wall / waits | longest write stall | writes (failed) |");
    println!("|---|---|---|---|---|---|---|---|---|");
    for (workers, leader_move) in [(2, true), (2, false), (10, true), (10, false)] {
        let r = one(workers, leader_move);
        println!(
            "| {workers} | {} | {:.1} s | {:.1} s | {:.1} s | {:.1} s | {:.2} | {:.0} ms | {} ({}) |",
            if leader_move { "yes" } else { "no" },
            r.wall,
            r.prepare,
            r.wait,
            r.steps,
            r.wall / r.wait.max(0.001),
            r.stall_ms,
            r.writes,
            r.failed
        );
    }
}
