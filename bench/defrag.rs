//! `kforge etcd defrag` against `etcdctl defrag --cluster` on a 3-member
//! TLS cluster (tests/support/cluster.rs) holding about `DEFRAG_MB` MiB
//! (default 300) of which half is reclaimable, under a steady write load
//! (one put every 10 ms through a client of every member):
//! `cargo bench --bench defrag` (or `DEFRAG_MB=500 cargo bench --bench defrag`).
//! Prints, for each tool, the longest write stall, the p99 put latency,
//! failed writes and the total time, and the ratios. Under `cargo test` it
//! does nothing.

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::cluster::Cluster;

fn rt() -> tokio::runtime::Runtime {
    kforge::runtime::current_thread().unwrap()
}

/// Writes `n` keys of 1 MiB (`round` picks the bytes), 4 writers at a time.
fn fill(c: &Cluster, n: usize, round: u8) {
    let endpoints: Vec<String> = c.nodes.iter().map(|x| x.endpoint()).collect();
    let pki = c.nodes[0].pki();
    std::thread::scope(|s| {
        for w in 0..4 {
            let (endpoints, pki) = (endpoints.clone(), pki.clone());
            s.spawn(move || {
                rt().block_on(async move {
                    let mut cl =
                        Cluster::client_with(&pki, &endpoints, Duration::from_secs(60)).await;
                    let v = vec![b'a' + round; 1 << 20];
                    for i in (w..n).step_by(4) {
                        cl.put(format!("/bench/{i:06}"), v.clone(), None)
                            .await
                            .unwrap();
                    }
                })
            });
        }
    });
}

struct Stats {
    lat: Vec<Duration>,
    failed: usize,
}

fn with_load(c: &Cluster, f: impl FnOnce()) -> (Stats, Duration) {
    let stop = Arc::new(AtomicBool::new(false));
    let endpoints: Vec<String> = c.nodes.iter().map(|x| x.endpoint()).collect();
    let pki = c.nodes[0].pki();
    let s = stop.clone();
    let h = std::thread::spawn(move || {
        rt().block_on(async move {
            let mut cl = Cluster::client_with(&pki, &endpoints, Duration::from_secs(120)).await;
            let mut st = Stats {
                lat: vec![],
                failed: 0,
            };
            let mut i = 0u64;
            while !s.load(Ordering::Relaxed) {
                let t0 = Instant::now();
                if cl
                    .put(format!("/load/{}", i % 100), format!("v{i}"), None)
                    .await
                    .is_err()
                {
                    st.failed += 1;
                }
                let took = t0.elapsed();
                st.lat.push(took);
                i += 1;
                tokio::time::sleep(Duration::from_millis(10).saturating_sub(took)).await;
            }
            st
        })
    });
    std::thread::sleep(Duration::from_secs(1));
    let t0 = Instant::now();
    f();
    let total = t0.elapsed();
    std::thread::sleep(Duration::from_millis(500));
    stop.store(true, Ordering::Relaxed);
    (h.join().unwrap(), total)
}

fn db_sizes(c: &Cluster) -> String {
    let out = c.kforge(0).args(["etcd", "status", "-o", "json"]).ok();
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            format!(
                "{} {:.0}/{:.0} MiB",
                m["name"].as_str().unwrap(),
                m["status"]["dbSize"].as_f64().unwrap() / 1048576.0,
                m["status"]["dbSizeInUse"].as_f64().unwrap() / 1048576.0
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn summary(name: &str, st: &Stats, total: Duration) -> (f64, f64) {
    let mut l = st.lat.clone();
    l.sort();
    let max = l.last().copied().unwrap_or_default().as_secs_f64();
    let p99 = l[(l.len() * 99 / 100).min(l.len() - 1)].as_secs_f64();
    println!(
        "| {name} | {:.3} s | {:.1} ms | {} | {} | {:.2} s |",
        max,
        p99 * 1000.0,
        l.len(),
        st.failed,
        total.as_secs_f64()
    );
    (max, total.as_secs_f64())
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let mb: usize = std::env::var("DEFRAG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(300);
    let keys = mb / 2;
    let c = Cluster::start("127.0.17", &[("quota-backend-bytes", "4294967296")]);
    let t0 = Instant::now();
    fill(&c, keys, 0);
    fill(&c, keys, 1);
    c.kforge(0).args(["etcd", "compact", "-q"]).ok();
    eprintln!(
        "filled in {:.0}s: {}",
        t0.elapsed().as_secs_f64(),
        db_sizes(&c)
    );
    println!("| tool ({mb} MiB, half reclaimable) | longest put stall | p99 put | puts | failed | total |\n|---|---|---|---|---|---|");
    // Each tool gets the same shape: the live half overwritten, compacted,
    // dirty pages flushed. DEFRAG_ORDER=etcdctl-first runs etcdctl first
    // (the first run after the big fill may meet more writeback).
    let etcdctl_first = std::env::var("DEFRAG_ORDER").is_ok_and(|v| v == "etcdctl-first");
    let mut round = 2u8;
    let mut refill = |c: &Cluster| {
        if round > 2 {
            fill(c, keys, round);
            c.kforge(0).args(["etcd", "compact", "-q"]).ok();
        }
        round += 1;
        support::cmd("sync").ok();
        std::thread::sleep(Duration::from_secs(2));
        eprintln!("ready: {}", db_sizes(c));
    };
    let mut run = |c: &Cluster, name: &str, f: &dyn Fn()| {
        refill(c);
        let (st, total) = with_load(c, f);
        summary(name, &st, total)
    };
    let etcdctl = || {
        c.etcdctl(0).args(["defrag", "--cluster"]).ok();
    };
    let e0 = if etcdctl_first {
        Some(run(&c, "etcdctl defrag --cluster", &etcdctl))
    } else {
        None
    };
    let k = run(&c, "kforge etcd defrag", &|| {
        c.kforge(0).args(["etcd", "defrag", "-q"]).ok();
    });
    let km = run(&c, "kforge etcd defrag --move-leader", &|| {
        c.kforge(0)
            .args(["etcd", "defrag", "-q", "--move-leader"])
            .ok();
    });
    let e = match e0 {
        Some(e) => e,
        None => run(&c, "etcdctl defrag --cluster", &etcdctl),
    };
    println!(
        "\nratios kforge/etcdctl: longest stall {:.2}, total time {:.2}; with --move-leader: {:.2}, {:.2}",
        k.0 / e.0,
        k.1 / e.1,
        km.0 / e.0,
        km.1 / e.1
    );
}
