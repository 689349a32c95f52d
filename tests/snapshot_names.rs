//! Issue 22, item 5: one naming scheme for snapshots. `save --dir` names a
//! local copy as its uploads (`PREFIX-NODE-<time>-rev<N>.db`); `snapshot
//! list DIR` and `snapshot list --dir DIR` list the same rows; names from
//! before the node was in them are still listed, verified and counted by
//! retention; and every "not a snapshot" message names the real cause.

mod support;

use std::path::Path;
use support::etcd::{Etcd, Version};
use support::*;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// A result without its production time (two runs differ only there).
fn without_time(mut v: serde_json::Value) -> serde_json::Value {
    v.as_object_mut().unwrap().remove("generated");
    v
}

fn names(list: &serde_json::Value) -> Vec<String> {
    list["snapshots"]
        .as_array()
        .unwrap_or_else(|| panic!("no snapshots list in {list:#}"))
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn list_dir_and_list_with_dir_flag_show_the_same_snapshots_old_names_too() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/k", 50, 100);
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    let saved = json(
        &kforge()
            .args(["snapshot", "save", "--node-name", "cp1", "--endpoints"])
            .arg(&etcd.endpoint)
            .arg("--dir")
            .arg(&snaps)
            .args(["-o", "json"])
            .ok(),
    );
    let new_name = Path::new(saved["file"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    let rev = saved["revision"].as_i64().unwrap();
    assert!(
        new_name.starts_with("etcd-cp1-") && new_name.ends_with(&format!("-rev{rev}.db")),
        "{new_name}"
    );
    assert!(snaps.join(format!("{new_name}.record.json")).is_file());
    // What `save --dir` wrote before names carried the node (older, no record).
    let old_name = format!("etcd-20261101T000000.000Z-rev{}.db", rev - 1);
    std::fs::copy(snaps.join(&new_name), snaps.join(&old_name)).unwrap();

    let by_flag = json(
        &kforge()
            .args(["snapshot", "list", "-o", "json", "--dir"])
            .arg(&snaps)
            .ok(),
    );
    let by_path = json(
        &kforge()
            .args(["snapshot", "list", "-o", "json"])
            .arg(&snaps)
            .ok(),
    );
    assert_eq!(
        without_time(by_flag.clone()),
        without_time(by_path),
        "{by_flag:#}"
    );
    assert_eq!(names(&by_flag), vec![new_name.clone(), old_name.clone()]);
    let rows = by_flag["snapshots"].as_array().unwrap();
    assert_eq!(rows[0]["node"], "cp1", "{by_flag:#}");
    assert_eq!(rows[0]["signature"], "none", "{by_flag:#}");
    assert!(rows[0]["clusterId"].is_string(), "{by_flag:#}");
    assert!(rows[1].get("node").is_none(), "{by_flag:#}");
    for r in rows {
        assert_eq!(r["verified"], true, "{r:#}");
        assert_eq!(r["checked"], "content", "{r:#}");
    }
    // The tables agree too, and show both.
    let t_flag = kforge()
        .args(["snapshot", "list", "--dir"])
        .arg(&snaps)
        .ok();
    let t_path = kforge().args(["snapshot", "list"]).arg(&snaps).ok();
    assert_eq!(t_flag, t_path);
    assert!(
        t_flag.contains(&new_name) && t_flag.contains(&old_name),
        "{t_flag}"
    );

    // Retention counts the old-style name: --keep 1 would delete it.
    let pruned = json(
        &kforge()
            .args([
                "snapshot",
                "prune",
                "--keep",
                "1",
                "--dry-run",
                "-o",
                "json",
                "--dir",
            ])
            .arg(&snaps)
            .ok(),
    );
    assert_eq!(
        pruned["deleted"],
        serde_json::json!([old_name]),
        "{pruned:#}"
    );

    // The hint of `status DIR` names a listing that works (the one above).
    let (_, err) = kforge()
        .args(["snapshot", "status"])
        .arg(&snaps)
        .fails_with(1);
    assert!(
        err.contains("is a directory") && err.contains("kforge snapshot list DIR"),
        "{err}"
    );
}

#[test]
fn not_a_snapshot_says_why_directory_missing_file_or_fifo() {
    let dir = tempdir();
    let d = dir.path();
    let fifo = d.join("pipe.db");
    cmd("mkfifo").arg(&fifo).ok();
    let missing = d.join("missing.db");
    let etcd = etcd35("etcd").display().to_string();
    let data = d.join("restored").display().to_string();
    for sub in ["status", "drill", "restore"] {
        let run = |p: &Path| {
            let mut c = kforge().args(["snapshot", sub]).arg(p);
            match sub {
                "drill" => c = c.args(["--etcd-binary", &etcd]),
                "restore" => c = c.args(["--data-dir", &data]),
                _ => {}
            }
            c.fails_with(1).1
        };
        let e = run(d);
        assert!(e.contains("is a directory"), "{sub} DIR: {e}");
        assert!(!e.contains("trailer"), "{sub} DIR: {e}");
        let e = run(&missing);
        assert!(
            e.contains("missing.db") && e.contains("No such file or directory"),
            "{sub} missing: {e}"
        );
        assert!(!e.contains("trailer"), "{sub} missing: {e}");
        // A FIFO is named, not read (a read would block).
        let e = run(&fifo);
        assert!(e.contains("FIFO"), "{sub} FIFO: {e}");
    }
}

#[test]
fn snapshot_list_with_nothing_to_list_names_the_dir_flag() {
    let (_, err) = kforge().args(["snapshot", "list"]).fails_with(2);
    assert!(err.contains("--dir DIR"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}
