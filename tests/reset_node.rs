//! `kforge reset` of a one-node cluster run by the stand-in kubelet (`kforge-dev
//! kubelet`, real etcd 3.5 for the etcd image), after a real `upgrade
//! apply`: the refusal without a ledger, an interrupt while the pods stop,
//! the only etcd member reset with `--yes` after its final snapshot, and
//! kforge's own upgrade backups listed, then removed.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::etcd::node_etcdctl;
use support::kubelet::{etcd_image_map, StandInKubelet};
use support::*;

const PODS: &str = "etcd,apiserver,controller-manager,scheduler";

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn etcdctl(root: &Path) -> Cmd {
    node_etcdctl(root, "https://127.0.0.1:2379", "apiserver-etcd-client")
}

fn keys(root: &Path) -> usize {
    etcdctl(root)
        .args(["get", "/data/", "--prefix", "--keys-only"])
        .ok()
        .lines()
        .filter(|l| !l.is_empty())
        .count()
}

#[test]
fn a_root_that_holds_no_node_is_a_usage_error_not_clean() {
    let dir = tempdir();
    let (_, e) = kforge()
        .args(["reset", "--yes", "--root"])
        .arg(dir.path().join("typo"))
        .fails_with(2);
    assert!(e.contains("no such directory"), "{e}");
    let (_, e) = kforge()
        .args(["reset", "--yes", "--root"])
        .arg(dir.path())
        .fails_with(2);
    assert!(e.contains("holds no node"), "{e}");
    assert!(files_under(dir.path()).is_empty());
}

#[test]
fn a_single_node_after_an_upgrade_without_ledger_then_interrupted_then_reset_with_yes() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.31")).ok();
    let kubelet = StandInKubelet::start(&root, &etcd_image_map());
    kubelet.wait_healthy(PODS);
    for i in 0..20 {
        etcdctl(&root)
            .args(["put", &format!("/data/{i:02}"), "v"])
            .ok();
    }
    // A real upgrade leaves its backups: the pre-upgrade etcd snapshot.
    kforge()
        .args(["upgrade", "apply", "v1.32", "--yes", "-q", "--root"])
        .arg(&root)
        .ok();
    kubelet.wait_healthy(PODS);
    let upgrade_dir = root.join("etc/kubernetes/tmp/kforge-upgrade");
    let runs: Vec<PathBuf> = std::fs::read_dir(&upgrade_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(runs.len(), 1);
    assert!(runs[0].join("etcd-snapshot.db").is_file());
    let journal = root.join("etc/kubernetes/tmp/kforge-journal/reset.json");
    let reset = || {
        kforge()
            .args(["reset", "--yes", "--backup-dir"])
            .arg(dir.path().join("final"))
            .arg("--root")
            .arg(&root)
    };

    // 1. Without the ledger: refused like a damaged one, with the way
    // forward and kubeadm's files named; nothing changes, no journal.
    let ledger = root.join("etc/kubernetes/.kforge-ledger.json");
    let saved_ledger = dir.path().join("ledger.json");
    std::fs::rename(&ledger, &saved_ledger).unwrap();
    let before = files_under(&root.join("etc/kubernetes"));
    let (out, _) = reset().fails_with(1);
    assert!(
        out.contains("refusing to reset")
            && out.contains(".kforge-ledger.json is missing")
            && out.contains("--ignore-ledger")
            && out.contains("pki/ca.key")
            && out.contains("pki/etcd/ca.key")
            && out.contains("super-admin.conf"),
        "{out}"
    );
    assert_eq!(files_under(&root.join("etc/kubernetes")), before);
    assert!(!journal.exists());
    assert_eq!(keys(&root), 20);

    // 2. SIGINT while the pods stop (the etcd member is the cluster's only
    // one: not removed): the moved manifests are put back, and say so.
    std::fs::rename(&saved_ledger, &ledger).unwrap();
    let marks = tempdir();
    let mut run = reset()
        .env("KFORGE_TEST_PAUSE", "stop-pods:moved")
        .env("KFORGE_TEST_PAUSE_MARK", marks.path())
        .spawn(&dir.path().join("interrupted.log"));
    assert!(
        wait_until(Duration::from_secs(60), || files_under(marks.path()).len()
            == 1),
        "reset did not reach stop-pods:\n{}",
        run.log_text()
    );
    assert!(!root.join("etc/kubernetes/manifests/etcd.yaml").exists());
    // SAFETY: sending a signal to the child we started.
    assert_eq!(
        unsafe { libc::kill(run.child.id() as i32, libc::SIGINT) },
        0
    );
    let status = run.child.wait().unwrap();
    let log = run.log_text();
    assert_eq!(status.code(), Some(130), "{log}");
    let last = log.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: interrupted by SIGINT: the moved manifests were put back"),
        "{log}"
    );
    for m in [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ] {
        assert!(
            root.join(format!("etc/kubernetes/manifests/{m}.yaml"))
                .is_file(),
            "{m} not put back:\n{log}"
        );
    }
    assert!(files_under(&root.join("etc/kubernetes/tmp/kforge-reset-manifests")).is_empty());
    kubelet.wait_healthy(PODS);
    assert_eq!(keys(&root), 20);
    assert!(!journal.exists(), "{log}");

    // 3. --ignore-ledger (the ledger gone again): the only member resets
    // with --yes after its final snapshot; kubeadm's files go by name;
    // kforge's upgrade backups are listed as kept, its lock removed.
    std::fs::remove_file(&ledger).unwrap();
    let lock = root.join("etc/kubernetes/tmp/kforge-journal/upgrade-apply.lock");
    assert!(lock.exists());
    let (res, text) = reset().args(["--ignore-ledger", "-o", "json"]).output();
    assert!(res.status.success(), "{text}\n{}", kubelet.log_text());
    let r = json(&String::from_utf8_lossy(&res.stdout));
    let h = &r["hosts"][0];
    assert_eq!(h["outcome"], "reset", "{r:#}");
    let actions = h["actions"].to_string();
    assert!(actions.contains("cluster's only member"), "{r:#}");
    let snap = h["backup"].as_str().unwrap();
    let st = json(
        &kforge()
            .args(["snapshot", "status", "-o", "json", snap])
            .ok(),
    );
    assert!(st["totalKey"].as_u64().unwrap() >= 20, "{st:#}");
    let kept: Vec<&str> = h["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert!(
        kept.contains(&upgrade_dir.display().to_string().as_str()),
        "{r:#}"
    );
    assert!(actions.contains("pre-upgrade etcd snapshot"), "{r:#}");
    // The manifests it moved aside and then removed are not "kept".
    assert!(
        !kept.iter().any(|k| k.contains("kforge-reset-manifests")),
        "{r:#}"
    );
    assert!(!lock.exists(), "{r:#}");
    for f in [
        "pki/ca.key",
        "pki/etcd/ca.key",
        "super-admin.conf",
        "manifests/etcd.yaml",
        "kforge-cluster-config.yaml",
    ] {
        assert!(!root.join("etc/kubernetes").join(f).exists(), "{f} left");
    }
    assert!(!root.join("var/lib/etcd/member").exists());
    assert!(!journal.exists());
    let left: Vec<PathBuf> = files_under(&root.join("etc/kubernetes"))
        .into_iter()
        .filter(|p| !p.starts_with("tmp/kforge-upgrade"))
        .collect();
    assert!(left.is_empty(), "{left:#?}");

    // 4. A re-run is clean and lists the backups; --cleanup-tmp-dir removes them.
    let again = json(&reset().args(["-o", "json"]).ok());
    assert_eq!(again["hosts"][0]["outcome"], "clean", "{again:#}");
    assert!(again["hosts"][0]["kept"]
        .to_string()
        .contains("kforge-upgrade"));
    let clean = json(&reset().args(["--cleanup-tmp-dir", "-o", "json"]).ok());
    assert_eq!(clean["hosts"][0]["outcome"], "reset", "{clean:#}");
    assert!(!upgrade_dir.exists(), "{clean:#}");
}

/// The steps of a local reset (`fn name` of each step in src/reset/mod.rs),
/// in order, and the first one past which the node cannot run as it was
/// (the only member's data emptied).
const RESET_STEPS: [&str; 8] = [
    "connect",
    "inspect",
    "etcd-check",
    "etcd-member",
    "stop-pods",
    "etcd-data",
    "stop-kubelet",
    "files",
];
const NO_WAY_BACK_FROM: usize = 5;

/// SIGINT (even steps) or SIGTERM (odd steps) while a reset of a one-member
/// node is held at each step: kforge exits 130/143 with a last line that
/// names the signal; before the data goes the node is whole (manifests in
/// place, etcd answering with its data), after it the line says a re-run
/// finishes; no temporary file is left; the re-run resets the node.
#[test]
fn sigint_and_sigterm_at_each_step_of_a_reset_leave_a_whole_node_or_a_rerun_that_finishes() {
    let _ports = fixed_port_lock();
    for (i, step) in RESET_STEPS.iter().enumerate() {
        let (signal, name, code) = if i % 2 == 0 {
            (libc::SIGINT, "SIGINT", 130)
        } else {
            (libc::SIGTERM, "SIGTERM", 143)
        };
        let dir = tempdir();
        let root = dir.path().join("node");
        kforge().args(init_args(&root, "v1.31")).ok();
        let kubelet = StandInKubelet::start(&root, &etcd_image_map());
        kubelet.wait_healthy(PODS);
        for k in 0..20 {
            etcdctl(&root)
                .args(["put", &format!("/data/{k:02}"), "v"])
                .ok();
        }
        let manifests = root.join("etc/kubernetes/manifests");
        let before = files_under(&manifests);
        assert_eq!(before.len(), 4, "{before:?}");
        let reset = || {
            kforge()
                .args(["reset", "--yes", "--backup-dir"])
                .arg(dir.path().join("final"))
                .arg("--root")
                .arg(&root)
        };
        let marks = tempdir();
        let mut run = reset()
            .env(
                "KFORGE_TEST_PAUSE",
                format!("{step}@local ({})", root.display()),
            )
            .env("KFORGE_TEST_PAUSE_MARK", marks.path())
            .spawn(&dir.path().join("interrupted.log"));
        assert!(
            wait_until(Duration::from_secs(60), || files_under(marks.path()).len()
                == 1),
            "{step}: never paused:\n{}",
            run.log_text()
        );
        // SAFETY: sending a signal to the child we started.
        assert_eq!(unsafe { libc::kill(run.child.id() as i32, signal) }, 0);
        let status = run.child.wait().unwrap();
        let log = run.log_text();
        let what = format!("{name} in {step}:\n{log}");
        assert_eq!(status.code(), Some(code), "{what}");
        let last = log.lines().last().unwrap_or_default();
        assert!(
            last.starts_with(&format!("error: interrupted by {name}: ")),
            "{what}"
        );
        let tmp: Vec<PathBuf> = files_under(&root)
            .into_iter()
            .filter(|p| {
                // kforge's atomic writes: `.<name>.<random>.tmp` (etcd's own
                // `wal/0.tmp` is not one).
                let f = p.file_name().unwrap_or_default().to_string_lossy();
                f.starts_with('.') && f.ends_with(".tmp")
            })
            .collect();
        assert!(tmp.is_empty(), "{tmp:?}\n{what}");
        if i < NO_WAY_BACK_FROM {
            assert_eq!(files_under(&manifests), before, "{what}");
            assert!(
                files_under(&root.join("etc/kubernetes/tmp/kforge-reset-manifests")).is_empty(),
                "{what}"
            );
            assert!(!last.contains("again to finish"), "{what}");
            kubelet.wait_healthy(PODS);
            assert_eq!(keys(&root), 20, "{what}");
        } else if *step == "files" {
            // The signal came during the last step, which finished.
            assert!(last.contains("the reset is complete"), "{what}");
            assert!(
                files_under(&root.join("etc/kubernetes")).is_empty(),
                "{what}"
            );
        } else {
            assert!(
                last.contains("run `kforge reset` again to finish"),
                "{what}"
            );
            // The only member was never removed: no line may say it was.
            assert!(!last.contains("already removed"), "{what}");
            assert!(!root.join("var/lib/etcd/member").exists(), "{what}");
        }
        // The re-run finishes: nothing of the node is left.
        let (res, text) = reset().output();
        assert!(res.status.success(), "{step}: {text}");
        let left = files_under(&root.join("etc/kubernetes"));
        assert!(left.is_empty(), "{step}: {left:#?}\n{text}");
        assert!(!root.join("var/lib/etcd/member").exists(), "{step}");
        drop(kubelet);
        assert!(
            wait_until(Duration::from_secs(30), || std::net::TcpListener::bind((
                "127.0.0.1",
                2379
            ))
            .is_ok()),
            "{step}: etcd still holds 2379"
        );
    }
}
