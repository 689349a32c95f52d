//! Every `-o json` result follows the output convention (README, "Output"):
//! a top-level object carrying the time it was produced (`generated`),
//! camelCase keys at every depth, durations as `…Seconds` floats, sizes as
//! `…Bytes` integers, times as RFC 3339 UTC with milliseconds, and no
//! whitespace left over from wrapped source lines.
//!
//! The commands come from the clap tree, so a new command cannot escape:
//! each one that takes `-o` is either run here (under `--root`, against a
//! node whose etcd is real and whose other components are the stand-ins)
//! or listed in `NO_RESULT` with the reason it prints no result document.

mod support;

use serde_json::Value;
use std::collections::BTreeSet;
use support::kubelet::{etcd_image_map, StandInKubelet};
use support::*;

/// Commands that take `-o` (it is a global flag) but print no result
/// document: what they print instead.
const NO_RESULT: &[(&str, &str)] = &[
    (
        "config print init-defaults",
        "a configuration document in kubeadm's own v1beta4 schema (input to init --config)",
    ),
    (
        "config print inventory",
        "an example inventory file (input to join --inventory)",
    ),
    ("completion", "a shell script"),
    (
        "generate-docs",
        "man pages and completion files, written to a directory",
    ),
    ("dev kubelet", "a long-running stand-in kubelet: logs only"),
    (
        "dev stand-in",
        "a long-running stand-in component: logs only",
    ),
    ("dev kubelet-binary", "writes a stand-in kubelet binary"),
    (
        "dev run-static-pod",
        "runs a static pod's command in the foreground (--print: the command line)",
    ),
];

/// Commands whose JSON result is not checked here, and why (each is
/// named in the report of the test; see the README's Output section).
const NEEDS_MORE_THAN_ONE_NODE: &[(&str, &str)] = &[
    (
        "etcd members promote",
        "needs a started learner (a second etcd member): tests/etcd_ops.rs; its result is {name, id} (and generated)",
    ),
];

#[test]
fn every_json_result_follows_the_output_convention() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let d = dir.path();
    let root = d.join("node");
    let mut checked: BTreeSet<String> = BTreeSet::new();
    let mut failures: Vec<String> = Vec::new();
    let mut run = |path: &str, cmd: Cmd, codes: &[i32]| -> Value {
        let (out, desc) = cmd.arg("-o").arg("json").output();
        checked.insert(path.to_string());
        if !codes.contains(&out.status.code().unwrap_or(-1)) {
            failures.push(format!("{path}: unexpected exit status\n{desc}"));
            return Value::Null;
        }
        let text = String::from_utf8_lossy(&out.stdout);
        let v: Value = match serde_json::from_str(&text) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!(
                    "{path}: stdout is not one JSON document ({e})\n{desc}"
                ));
                return Value::Null;
            }
        };
        for problem in convention_problems(&v) {
            failures.push(format!("{path}: {problem}"));
        }
        v
    };
    let r = |args: &[&str]| kforge().args(args).arg("--root").arg(&root);

    run("init", kforge().args(init_args(&root, "v1.31")), &[0]);
    let phase_root = d.join("phase").display().to_string();
    run(
        "init phase",
        kforge().args(["init", "phase", "certs", "all", "--root", &phase_root]),
        &[0],
    );
    let kubelet = StandInKubelet::start_with(&root, &etcd_image_map(), &[] as &[&str]);
    kubelet.wait_healthy("etcd,apiserver,controller-manager,scheduler");

    // The API phases and kforge token, through the stand-in API server.
    run(
        "init phase post-control-plane",
        r(&[
            "init",
            "phase",
            "post-control-plane",
            "--control-plane-timeout",
            "60s",
        ]),
        &[0],
    );
    run(
        "init phase addon",
        r(&["init", "phase", "addon", "--dry-run"]),
        &[0],
    );
    let created = run(
        "token create",
        r(&["token", "create", "--description", "x"]),
        &[0],
    );
    run("token list", r(&["token", "list"]), &[0]);
    let token = created["token"]
        .as_str()
        .unwrap_or("abcdef.0123456789abcdef")
        .to_string();
    run("token delete", r(&["token", "delete", &token]), &[0]);
    run("token generate", kforge().args(["token", "generate"]), &[0]);

    run("version", kforge().arg("version"), &[0]);
    run("health", r(&["health"]), &[0, 3]);
    run(
        "certs check-expiration",
        r(&["certs", "check-expiration"]),
        &[0],
    );
    run(
        "certs renew",
        r(&["certs", "renew", "admin.conf", "--no-restart"]),
        &[0],
    );

    // A join's report, of a host that refuses the connection (joins that
    // succeed need SSH hosts: tests/join.rs on the test bed).
    let key = d.join("id_ed25519");
    cmd("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&key)
        .ok();
    run(
        "join",
        r(&[
            "join",
            "127.0.0.1:1",
            "--ssh-key",
            &key.display().to_string(),
        ]),
        &[1],
    );

    run("etcd status", r(&["etcd", "status"]), &[0]);
    run("etcd members", r(&["etcd", "members"]), &[0]);
    support::etcd::node_etcdctl(&root, "https://127.0.0.1:2379", "apiserver-etcd-client")
        .args([
            "member",
            "add",
            "learner1",
            "--learner",
            "--peer-urls",
            "https://127.0.0.9:2380",
        ])
        .ok();
    // A learner that never started has no name: it is removed by its ID.
    let members = run("etcd members list", r(&["etcd", "members", "list"]), &[0]);
    let learner = members["members"]
        .as_array()
        .and_then(|m| m.iter().find(|m| m["learner"] == true))
        .and_then(|m| m["id"].as_str())
        .unwrap_or_else(|| panic!("no learner in {members:#}"))
        .to_string();
    run(
        "etcd members remove",
        r(&["etcd", "members", "remove", &learner]),
        &[0],
    );
    run("etcd alarms", r(&["etcd", "alarms"]), &[0]);
    run("etcd alarms list", r(&["etcd", "alarms", "list"]), &[0]);
    run("etcd alarms disarm", r(&["etcd", "alarms", "disarm"]), &[0]);
    run("etcd compact", r(&["etcd", "compact"]), &[0]);
    run("etcd defrag", r(&["etcd", "defrag"]), &[0]);
    let rs = d.join("recover-snapshots");
    std::fs::create_dir(&rs).unwrap();
    let rs_s = rs.display().to_string();
    run(
        "etcd recover-space",
        r(&["etcd", "recover-space", "--snapshot-dir", &rs_s]),
        &[0],
    );

    // Snapshots: a file, a directory (twice, for prune), and their readers.
    let file = d.join("one.db");
    let file_s = file.display().to_string();
    run("snapshot save", r(&["snapshot", "save", &file_s]), &[0]);
    let snaps = d.join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    let snaps_s = snaps.display().to_string();
    for _ in 0..2 {
        run(
            "snapshot save",
            r(&["snapshot", "save", "--dir", &snaps_s]),
            &[0],
        );
    }
    run(
        "snapshot status",
        kforge().args(["snapshot", "status", &file_s]),
        &[0],
    );
    let by_flag = run(
        "snapshot list",
        kforge().args(["snapshot", "list", "--dir", &snaps_s]),
        &[0],
    );
    assert_eq!(
        by_flag["snapshots"].as_array().map(Vec::len),
        Some(2),
        "{by_flag:#}"
    );
    run(
        "snapshot list",
        kforge().args(["snapshot", "list", &snaps_s]),
        &[0],
    );
    let etcd = etcd35("etcd").display().to_string();
    run(
        "snapshot drill",
        kforge().args(["snapshot", "drill", &file_s, "--etcd-binary", &etcd]),
        &[0],
    );
    let data = d.join("restored").display().to_string();
    run(
        "snapshot restore",
        kforge().args(["snapshot", "restore", &file_s, "--data-dir", &data]),
        &[0],
    );
    run(
        "snapshot prune",
        kforge().args(["snapshot", "prune", "--dir", &snaps_s, "--keep", "1"]),
        &[0],
    );

    run("upgrade plan", r(&["upgrade", "plan"]), &[0]);
    run(
        "upgrade apply",
        r(&["upgrade", "apply", "v1.32", "--dry-run"]),
        &[0],
    );
    // Last: the node goes (its etcd member first, while it runs).
    run("reset", r(&["reset", "--yes"]), &[0]);
    drop(kubelet);

    // Every `init phase …` prints init's one report type (phases::init::InitReport),
    // checked above with `init`, `init phase certs all`, an API phase and a dry run.
    for (path, _) in command_tree() {
        if path.len() > 2 && path[0] == "init" && path[1] == "phase" {
            checked.insert(path.join(" "));
        }
    }
    // Every command that takes -o was run above or says why not.
    let mut missing = Vec::new();
    for (path, cmd) in command_tree() {
        let takes_output = cmd.get_arguments().any(|a| a.get_id() == "output");
        let runs_alone =
            cmd.get_subcommands().next().is_none() || !cmd.is_subcommand_required_set();
        let name = path.join(" ");
        if path.is_empty() || !takes_output || !runs_alone {
            continue;
        }
        let excused = NO_RESULT
            .iter()
            .chain(NEEDS_MORE_THAN_ONE_NODE)
            .any(|(p, _)| *p == name);
        if !checked.contains(&name) && !excused {
            missing.push(name);
        }
    }
    assert!(
        missing.is_empty(),
        "commands taking -o whose JSON is neither checked here nor excused (NO_RESULT): {missing:?}"
    );
    assert!(
        failures.is_empty(),
        "JSON results break the output convention:\n{}",
        failures.join("\n")
    );
}

/// What in `v` (a whole result) breaks the convention; empty when nothing.
fn convention_problems(v: &Value) -> Vec<String> {
    let mut out = Vec::new();
    let Some(top) = v.as_object() else {
        return vec![format!("the result is not an object: {}", short(v))];
    };
    // A document in another tool's schema (kubeadm's
    // CertificateExpirationInfo) keeps that schema: camelCase keys only.
    let foreign = top.contains_key("apiVersion") && top.contains_key("kind");
    if !foreign {
        match top.get("generated").and_then(Value::as_str) {
            Some(t) if is_rfc3339_ms(t) => {}
            other => out.push(format!(
                "no production time: `generated` is {other:?}, not an RFC 3339 UTC time with milliseconds"
            )),
        }
    }
    walk(v, "", foreign, &mut out);
    out
}

fn walk(v: &Value, at: &str, foreign: bool, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                let here = format!("{at}.{k}");
                check_key(k, child, &here, foreign, out);
                walk(child, &here, foreign, out);
            }
        }
        Value::Array(a) => {
            for (i, child) in a.iter().enumerate() {
                walk(child, &format!("{at}[{i}]"), foreign, out);
            }
        }
        Value::String(s) if !foreign => check_string(s, at, out),
        _ => {}
    }
}

fn check_key(k: &str, v: &Value, at: &str, foreign: bool, out: &mut Vec<String>) {
    let camel = k.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && k.chars().all(|c| c.is_ascii_alphanumeric());
    if !camel {
        out.push(format!("{at}: key is not camelCase"));
    }
    if foreign {
        return;
    }
    for unit in ["Ms", "Millis", "Secs", "Nanos", "Micros"] {
        if k.ends_with(unit) {
            out.push(format!("{at}: durations are …Seconds, not …{unit}"));
        }
    }
    let lower = k.to_ascii_lowercase();
    if lower.ends_with("seconds") || lower.contains("duration") {
        if !k.ends_with("Seconds") || k == "seconds" {
            out.push(format!("{at}: a duration key is <what>Seconds"));
        }
        if !(v.is_f64() || v.is_null()) {
            out.push(format!("{at}: a duration is a float, got {}", short(v)));
        }
    }
    if lower.contains("size") || lower.contains("bytes") || lower == "quota" {
        if !k.ends_with("Bytes") || k == "bytes" {
            out.push(format!("{at}: a size key is <what>Bytes"));
        }
        if !(v.is_u64() || v.is_i64() || v.is_null()) {
            out.push(format!(
                "{at}: a size is an integer of bytes, got {}",
                short(v)
            ));
        }
    }
    if ["before", "after", "used", "size"].contains(&k) && v.is_number() {
        out.push(format!("{at}: a number without its unit in the key"));
    }
}

fn check_string(s: &str, at: &str, out: &mut Vec<String>) {
    if looks_like_time(s) && !is_rfc3339_ms(s) {
        out.push(format!(
            "{at}: time {s:?} is not RFC 3339 UTC with milliseconds (2026-12-07T04:38:11.250Z)"
        ));
    }
    if looks_like_human_size(s) {
        out.push(format!(
            "{at}: size {s:?} as text; sizes are …Bytes integers"
        ));
    }
    // A line that goes on indented is a wrapped source line, unless it is
    // a shell command's continuation (`… \`, as kubeadm prints join commands).
    let lines: Vec<&str> = s.split('\n').collect();
    for w in lines.windows(2) {
        if w[1].starts_with([' ', '\t']) && !w[0].ends_with('\\') {
            out.push(format!(
                "{at}: whitespace from a wrapped source line in {:?}",
                s.chars().take(120).collect::<String>()
            ));
            break;
        }
    }
}

/// `YYYY-MM-DD` followed by the end, `T`, `t` or a space and a digit.
fn looks_like_time(s: &str) -> bool {
    let b = s.as_bytes();
    let date = b.len() >= 10
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4] == b'-'
        && b[5..7].iter().all(u8::is_ascii_digit)
        && b[7] == b'-'
        && b[8..10].iter().all(u8::is_ascii_digit);
    date && (b.len() == 10
        || (matches!(b[10], b'T' | b't' | b' ') && b.get(11).is_some_and(u8::is_ascii_digit)))
}

/// Exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`, and a real time.
fn is_rfc3339_ms(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 24
        && b[10] == b'T'
        && b[19] == b'.'
        && b[20..23].iter().all(u8::is_ascii_digit)
        && b[23] == b'Z'
        && time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).is_ok()
}

/// `20.0 KiB`, `512 B`, `0 bytes`, `64MiB`.
fn looks_like_human_size(s: &str) -> bool {
    let t = s.trim();
    let num_end = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    if num_end == 0 || num_end == t.len() {
        return false;
    }
    let unit = t[num_end..].trim();
    [
        "B", "bytes", "KiB", "MiB", "GiB", "TiB", "KB", "MB", "GB", "kB",
    ]
    .contains(&unit)
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    s.chars().take(80).collect()
}

#[test]
fn the_checker_catches_what_the_convention_forbids() {
    let ok = serde_json::json!({
        "generated": "2026-12-07T04:38:11.250Z",
        "durationSeconds": 0.5,
        "sizeBytes": 20480,
        "items": [{"taken": "2026-12-07T04:38:11.000Z", "note": "one line"}],
    });
    assert_eq!(convention_problems(&ok), Vec::<String>::new());
    for (bad, why) in [
        (serde_json::json!([1, 2]), "not an object"),
        (serde_json::json!({"x": 1}), "no production time"),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11Z"}),
            "no production time",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "durationMs": 3}),
            "…Ms",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "seconds": 3.0}),
            "<what>Seconds",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "durationSeconds": 3}),
            "a float",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "dbSize": 3}),
            "<what>Bytes",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "before": 3}),
            "without its unit",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "min": "0 bytes"}),
            "as text",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "a_b": 1}),
            "camelCase",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "l": [{"t": "2026-12-07T04:38:11.123456789Z"}]}),
            "milliseconds",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "t": "2026-12-07 04:38:11 +00:00"}),
            "milliseconds",
        ),
        (
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "note": "run it as root\n                 and again"}),
            "wrapped",
        ),
    ] {
        let p = convention_problems(&bad);
        assert!(
            p.iter().any(|p| p.contains(why)),
            "{bad}: {p:?} lacks {why:?}"
        );
    }
    // kubeadm's own document keeps its schema, but not snake_case.
    let kubeadm = serde_json::json!({"kind": "CertificateExpirationInfo", "apiVersion": "output.kubeadm.k8s.io/v1alpha3", "certificates": [{"expirationDate": "2027-12-07T04:38:11Z", "residualTime": 3}]});
    assert_eq!(convention_problems(&kubeadm), Vec::<String>::new());
}
