//! Joining 1, 5 and 20 workers on the namespace test bed (needs root):
//! `cargo bench --bench join`. Prints the median wall time of 3 runs each
//! and the 20-vs-1 ratio. Under `cargo test` it does nothing.

#[path = "../tests/support/mod.rs"]
mod support;

use std::time::Instant;
use support::testbed::Testbed;

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let dir = support::tempdir();
    let root = dir.path().join("cp1");
    support::kforge()
        .args(["init", "-q", "--root"])
        .arg(&root)
        .args([
            "--kubernetes-version",
            "v1.35",
            "--apiserver-advertise-address",
            "198.18.0.1",
            "--node-name",
            "cp1",
        ])
        .ok();
    let mut medians = Vec::new();
    println!("| workers | median of 3 | runs |\n|---|---|---|");
    for n in [1usize, 5, 20] {
        let mut times = Vec::new();
        for _ in 0..3 {
            let tb = Testbed::up(&vec![Some("v1.35.0"); n]);
            let hosts: Vec<String> = tb.nodes.iter().map(|x| x.addr.clone()).collect();
            let t0 = Instant::now();
            support::kforge()
                .args([
                    "join",
                    "-q",
                    "--concurrency",
                    "20",
                    "--ignore-preflight-errors",
                    "CRI",
                    "--root",
                ])
                .arg(&root)
                .args(tb.ssh_flags())
                .args(&hosts)
                .ok();
            times.push(t0.elapsed().as_secs_f64());
        }
        times.sort_by(|a, b| a.partial_cmp(b).unwrap());
        medians.push(times[1]);
        println!(
            "| {n} | {:.2} s | {} |",
            times[1],
            times
                .iter()
                .map(|t| format!("{t:.2}"))
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    println!(
        "\n20 workers took {:.2}x the time of 1 (target: at most 2x)",
        medians[2] / medians[0]
    );
}
