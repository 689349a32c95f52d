//! Snapshots (insta) of the human output, not the JSON, of `kforge init`,
//! `health`, `certs check-expiration`, `upgrade plan` and `snapshot list`,
//! each run for real: a node initialized under `--root`, its etcd and
//! stand-in control plane run by the stand-in kubelet, snapshots saved from
//! a real etcd.
//!
//! What varies from run to run is filtered, by placeholders of the same
//! width where it sits inside a table (times, dates, residual times,
//! durations, sizes, free disk space, raft indexes, the member ID); the
//! rest is made not to vary: each command runs in its test's directory
//! with a relative `--root`, so no temporary path (of varying length)
//! shifts a table's columns; etcd runs on kubeadm's fixed ports, so its
//! member and cluster IDs (hashes of its peer URL) are the same every run;
//! snapshots are saved under a fixed host name (a UTS namespace, so this
//! needs root, as the test bed does), since it is part of their names.
//! Every test holds the fixed-port lock: `init`'s report names the API
//! server it could not reach.
//!
//! Review a changed snapshot by eye: `INSTA_UPDATE=always cargo test --test
//! human_output`, then `git diff tests/snapshots/`.

mod support;

use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;
use support::etcd::{Etcd, MemberFlags, Version};
use support::kubelet::{etcd_image_map, StandInKubelet};
use support::*;

/// Everything the pods of a node run by the stand-in kubelet serve.
const PODS: &str = "etcd,apiserver,controller-manager,scheduler";

/// The ports of kubeadm's control plane on one node: etcd, the API server,
/// the controller-manager, the scheduler and the kubelet's healthz.
const NODE_PORTS: [u16; 5] = [2379, 6443, 10257, 10259, 10248];

/// The command line, its exit status, stdout and stderr, for a snapshot.
fn transcript(line: &str, (out, _): (std::process::Output, String)) -> String {
    format!(
        "$ {line}\nexit status: {}\n--- stdout\n{}--- stderr\n{}",
        out.status.code().map_or("signal".into(), |c| c.to_string()),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    )
}

/// `kforge ARGS` run in `dir`, as a transcript.
fn run_in(dir: &Path, args: &[&str]) -> String {
    transcript(
        &format!("kforge {}", args.join(" ")),
        kforge().cwd(dir).args(args).output(),
    )
}

/// `path` as a regular expression matching it literally.
fn literal(path: &Path) -> String {
    let mut out = String::new();
    for c in path.display().to_string().chars() {
        if !c.is_ascii_alphanumeric() && c != '/' && c != '_' && c != '-' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Filters for what differs between two runs of any command here: the
/// test's directory (in case a path is printed whole), times, durations.
fn common_filters(dir: &Path) -> Vec<(String, String)> {
    let mut v = vec![(literal(dir), "[TESTDIR]".to_string())];
    v.extend(owned(&[
        // A bootstrap token, and hashes (CA pins, contents).
        (r"\b[a-z0-9]{6}\.[a-z0-9]{16}\b", "[TOKEN]"),
        (r"sha256:[0-9a-f]{64}", "sha256:[HASH]"),
        // RFC 3339 times and the timestamps in snapshot names, replaced by
        // placeholders of their width, so that tables stay aligned.
        (
            r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z",
            "YYYY-MM-DDThh:mm:ss.mmmZ",
        ),
        (
            r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z",
            "YYYY-MM-DDThh:mm:ssZ",
        ),
        (r"\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d+Z", "[TIME]"),
        (r"\b\d{8}T\d{6}\.\d{3}Z\b", "YYYYMMDDThhmmss.mmmZ"),
        // Durations a run measured ("in 0.02s").
        (r"\b\d+\.\d+s\b", "[DURATION]"),
    ]));
    v
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

/// Applies `filters` (in order) to a snapshot of `text` named `name`.
fn snapshot(name: &str, filters: Vec<(String, String)>, text: &str) {
    let mut settings = insta::Settings::clone_current();
    for (re, with) in filters {
        settings.add_filter(&re, with);
    }
    settings.bind(|| insta::assert_snapshot!(name, text));
}

/// `kforge init` of node `cp1` at `version` into `dir`/node (relative),
/// run in `dir`; its transcript.
fn init(dir: &Path, version: &str) -> String {
    run_in(
        dir,
        &[
            "init",
            "--root",
            "node",
            "--kubernetes-version",
            version,
            "--apiserver-advertise-address",
            "127.0.0.1",
            "--node-name",
            "cp1",
            "--token",
            "abcdef.0123456789abcdef",
        ],
    )
}

/// Whether nothing listens on 127.0.0.1:`port`.
fn refused(port: u16) -> bool {
    TcpStream::connect_timeout(&([127, 0, 0, 1], port).into(), Duration::from_millis(200)).is_err()
}

#[test]
fn init_prints_its_files_and_what_is_left_to_do() {
    let _ports = fixed_port_lock();
    assert!(
        NODE_PORTS.iter().all(|p| refused(*p)),
        "a control plane port is taken: init's report would differ"
    );
    let dir = tempdir();
    let text = init(dir.path(), "v1.31");
    assert!(text.contains("exit status: 0\n"), "{text}");
    snapshot("init", common_filters(dir.path()), &text);
}

#[test]
fn certs_check_expiration_prints_two_tables() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let done = init(dir.path(), "v1.33");
    assert!(done.contains("exit status: 0\n"), "{done}");
    let text = run_in(dir.path(), &["certs", "check-expiration", "--root", "node"]);
    let mut filters = common_filters(dir.path());
    filters.extend(owned(&[
        // "Dec 07, 2027 15:09 UTC", and the residual time after it
        // ("364d", "9y"), keeping their width (the columns stay aligned)
        // and the unit.
        (
            r"[A-Z][a-z]{2} \d{2}, \d{4} \d{2}:\d{2} UTC",
            "Mmm DD, YYYY hh:mm UTC",
        ),
        (r"(UTC  )\d\d\d([ydhms])\b", "${1}NNN$2"),
        (r"(UTC  )\d\d([ydhms])\b", "${1}NN$2"),
        (r"(UTC  )\d([ydhms])\b", "${1}N$2"),
    ]));
    snapshot("certs-check-expiration", filters, &text);
}

/// A v1.31 node whose stand-in kubelet runs real etcd 3.5.0 and the
/// stand-in API server, controller-manager and scheduler: `health` is all
/// ok and `upgrade plan` plans the hop to v1.32; with the kubelet stopped,
/// `health` fails (exit 3) and says what to look at.
#[test]
fn health_and_upgrade_plan_print_tables_and_hints() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let done = init(dir.path(), "v1.31");
    assert!(done.contains("exit status: 0\n"), "{done}");
    let root = dir.path().join("node");
    let mut kubelet = StandInKubelet::start_with(&root, &etcd_image_map(), &[] as &[&str]);
    kubelet.wait_healthy(PODS);

    let mut filters = common_filters(dir.path());
    filters.extend(owned(&[
        // etcd's member ID is a hash of its peer URL (fixed here), its
        // raft index and database size grow as the stand-ins talk to it.
        (r"leader [0-9a-f]+\b", "leader [MEMBER-ID]"),
        (r"raft index \d+", "raft index [N]"),
        (r"db [\d.]+ [KMG]?i?B of", "db [SIZE] of"),
        (r"\(\d+%\)", "([N]%)"),
        (r"valid for \d+[ydhms]\b", "valid for [LEFT]"),
        (r"in \d+ day\(s\)", "in [N] day(s)"),
        (
            r"[\d.]+ [KMGT]?i?B free, [\d.]+ [KMGT]?i?B needed",
            "[SIZE] free, [SIZE] needed",
        ),
    ]));

    let healthy = run_in(dir.path(), &["health", "--root", "node"]);
    assert!(healthy.contains("exit status: 0\n"), "{healthy}");
    let plan = run_in(dir.path(), &["upgrade", "plan", "--root", "node"]);
    assert!(plan.contains("exit status: 0\n"), "{plan}");

    // Every pod stops with the kubelet; wait until nothing answers.
    kubelet.stop();
    assert!(
        wait_until(Duration::from_secs(30), || NODE_PORTS
            .iter()
            .all(|p| refused(*p))),
        "the stand-in kubelet's pods still answer after it stopped:\n{}",
        kubelet.log_text()
    );
    let unhealthy = run_in(dir.path(), &["health", "--root", "node", "--timeout", "2s"]);
    assert!(unhealthy.contains("exit status: 3\n"), "{unhealthy}");

    snapshot("health", filters.clone(), &healthy);
    snapshot("upgrade-plan", filters.clone(), &plan);
    snapshot("health-unhealthy", filters, &unhealthy);
}

/// `kforge snapshot save --dir snaps` run on a host named `cp1` (the host
/// name is part of the snapshot's name), in `dir`.
fn save_as_cp1(dir: &Path, endpoint: &str) {
    let script = "hostname cp1 && exec \"$0\" \"$@\"";
    cmd("unshare")
        .args(["--uts", "sh", "-c", script])
        .arg(env!("CARGO_BIN_EXE_kforge"))
        .args([
            "snapshot",
            "save",
            "-q",
            "--dir",
            "snaps",
            "--endpoints",
            endpoint,
        ])
        .env("NO_COLOR", "1")
        .cwd(dir)
        .ok();
}

#[test]
fn snapshot_list_prints_a_table_newest_first() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    // etcd 3.5 on kubeadm's ports: its cluster ID is the same every run.
    let (client, peer) = ("http://127.0.0.1:2379", "http://127.0.0.1:2380");
    let member = MemberFlags {
        name: "cp1",
        client_url: client,
        peer_url: peer,
        initial_cluster: &format!("cp1={peer}"),
        token: None,
    };
    let mut etcd = Etcd::spawn(
        Version::V3_5,
        &member,
        &dir.path().join("etcd-data"),
        &dir.path().join("etcd.log"),
        &[],
    );
    assert!(etcd.wait_healthy(), "{}", etcd.proc.log_text());
    std::fs::create_dir(dir.path().join("snaps")).unwrap();
    etcd.fill("/registry/configmaps/default", 10, 100);
    save_as_cp1(dir.path(), client);
    etcd.fill("/registry/secrets/default", 20, 1000);
    save_as_cp1(dir.path(), client);
    // Not one of kforge's names: not listed.
    std::fs::write(dir.path().join("snaps/notes.txt"), "keep me").unwrap();
    let text = run_in(dir.path(), &["snapshot", "list", "snaps"]);
    assert!(text.contains("exit status: 0\n"), "{text}");
    assert_eq!(text.matches("etcd-cp1-").count(), 2, "{text}");
    // The sizes vary with when bbolt grew its file (20 or 28 KiB for the
    // same keys); the cluster ID does not (the same peer URL).
    let mut filters = common_filters(dir.path());
    filters.extend(owned(&[
        (r"\b\d\d\.\d KiB\b", "NN.N KiB"),
        (r"\b\d+\.\d [KMG]iB\b", "[SIZE]"),
    ]));
    snapshot("snapshot-list", filters, &text);
}
