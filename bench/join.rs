//! Joining workers on the namespace test bed (needs root):
//! `cargo bench --bench join`. Under `cargo test` it does nothing.
//!
//! 1. 1, 5 and 20 workers: the median wall time of 3 runs each, and the
//!    20-vs-1 ratio (target: at most 2x).
//! 2. 20 healthy workers with and without a blackholed 21st host (its
//!    replies are dropped by a blackhole route inside its namespace, so a
//!    connection to it hangs until `--ssh-timeout`): when the last healthy
//!    host finished (from its `finishedAt`), against the same run without
//!    that host. The healthy hosts must not wait for its timeout.
//!
//! `KFORGE_BENCH_BIN=/path/to/kforge` times another build of kforge (for
//! before/after figures); `KFORGE_BENCH_RUNS=N` changes the 3 runs,
//! `KFORGE_BENCH_SIZES=1,20` the sizes, `KFORGE_BENCH_ALG=ECDSA-P256` the
//! cluster's key algorithm (RSA-2048: the workers' key generation, CPU-bound
//! on this machine, dominates a large join), `KFORGE_BENCH_NO_BLACKHOLE=1`
//! skips part 2 and `KFORGE_BENCH_TRACE=1` prints each join's `-vv` log
//! (with each step's time).

#[path = "../tests/support/mod.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::time::Instant;
use support::testbed::Testbed;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Longer than a healthy join here: a healthy host that waited for the
/// blackholed one would finish after it.
const TIMEOUT_S: u64 = 15;

fn kforge() -> support::Cmd {
    match std::env::var_os("KFORGE_BENCH_BIN") {
        Some(bin) => support::cmd(bin).env("NO_COLOR", "1"),
        None => support::kforge(),
    }
}

/// One join: wall seconds, and seconds from the start until the last host
/// that is not `skip` finished (`None` when the build reports no `finishedAt`).
fn join(root: &Path, tb: &Testbed, hosts: &[String], skip: Option<&str>) -> (f64, Option<f64>) {
    let start = OffsetDateTime::now_utc();
    let t0 = Instant::now();
    let trace = std::env::var_os("KFORGE_BENCH_TRACE").is_some();
    let (out, d) = kforge()
        .args([
            "join",
            if trace { "-vv" } else { "-q" },
            "-o",
            "json",
            "--concurrency",
            "21",
            "--ssh-timeout",
            &format!("{TIMEOUT_S}s"),
            "--ignore-preflight-errors",
            "CRI",
            "--root",
        ])
        .arg(root)
        .args(tb.ssh_flags())
        .args(hosts)
        .output();
    let wall = t0.elapsed().as_secs_f64();
    if trace {
        eprintln!("{}", String::from_utf8_lossy(&out.stderr));
    }
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {d}"));
    let mut last: Option<f64> = None;
    for h in v["hosts"].as_array().unwrap() {
        if Some(h["host"].as_str().unwrap()) == skip {
            assert_eq!(h["outcome"], "failed", "{h:#}");
            continue;
        }
        assert_eq!(h["outcome"], "joined", "{h:#}");
        let Some(at) = h["finishedAt"].as_str() else {
            return (wall, None);
        };
        let at = OffsetDateTime::parse(at, &Rfc3339).unwrap();
        let s = (at - start).as_seconds_f64();
        last = Some(last.map_or(s, |l: f64| l.max(s)));
    }
    (wall, last)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn list(v: &[f64]) -> String {
    v.iter()
        .map(|t| format!("{t:.2}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let runs: usize = std::env::var("KFORGE_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3);
    // Workers' RSA keys are generated here; ECDSA-P256 shows the transport.
    let alg = std::env::var("KFORGE_BENCH_ALG").unwrap_or_else(|_| "RSA-2048".into());
    let dir = support::tempdir();
    let root: PathBuf = dir.path().join("cp1");
    support::testbed::init_control_plane(&root, "v1.35", &["--encryption-algorithm", &alg]);
    println!("key algorithm {alg}\n");
    let mut medians = Vec::new();
    println!("| workers | median of {runs} | runs |\n|---|---|---|");
    let sizes: Vec<usize> = std::env::var("KFORGE_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.parse().ok()).collect())
        .unwrap_or_else(|| vec![1, 5, 20]);
    for &n in &sizes {
        let mut times = Vec::new();
        for _ in 0..runs {
            let tb = Testbed::up(&vec![Some("v1.35.0"); n]);
            let hosts: Vec<String> = tb.nodes.iter().map(|x| x.addr.clone()).collect();
            times.push(join(&root, &tb, &hosts, None).0);
        }
        let m = median(times.clone());
        medians.push(m);
        println!("| {n} | {m:.2} s | {} |", list(&times));
    }
    if let (Some(first), Some(last)) = (medians.first(), medians.last()) {
        println!(
            "\n{} workers took {:.2}x the time of {} (target for 20 vs 1: at most 2x)\n",
            sizes.last().unwrap(),
            last / first,
            sizes[0]
        );
    }
    if std::env::var_os("KFORGE_BENCH_NO_BLACKHOLE").is_some() {
        return;
    }

    // 20 healthy workers, with and without a blackholed host among them.
    println!("| 20 healthy workers | wall (median) | last healthy host done (median) | runs (wall / last healthy) |\n|---|---|---|---|");
    for blackholed in [false, true] {
        let (mut walls, mut lasts) = (Vec::new(), Vec::new());
        for _ in 0..runs {
            let tb = Testbed::up(&vec![Some("v1.35.0"); 21]);
            let mut hosts: Vec<String> = tb.nodes.iter().map(|x| x.addr.clone()).collect();
            let dark = tb.nodes[10].addr.clone();
            if blackholed {
                tb.nodes[10].blackhole();
            } else {
                hosts.retain(|h| *h != dark);
            }
            let (wall, last) = join(&root, &tb, &hosts, blackholed.then_some(dark.as_str()));
            walls.push(wall);
            lasts.extend(last);
        }
        let what = if blackholed {
            format!("+ 1 blackholed (timeout {TIMEOUT_S}s)")
        } else {
            "alone".into()
        };
        let last = if lasts.is_empty() {
            "n/a".into()
        } else {
            format!("{:.2} s", median(lasts.clone()))
        };
        println!(
            "| {what} | {:.2} s | {last} | {} / {} |",
            median(walls.clone()),
            list(&walls),
            list(&lasts)
        );
    }
}
