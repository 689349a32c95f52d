//! `kforge reset` of a control-plane node of a real 3-member etcd cluster
//! (tests/support/cluster.rs: three `kforge init` roots on loopback, real
//! etcd 3.5 with mutual TLS from kforge's PKI).

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::cluster::Cluster;
use support::*;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn member_names(c: &Cluster, via: usize) -> Vec<String> {
    let m = json(&c.etcdctl(via).args(["member", "list", "-w", "json"]).ok());
    let mut names: Vec<String> = m["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["name"].as_str().unwrap_or("").to_string())
        .collect();
    names.sort();
    names
}

/// Every file under `root` (relative), skipping `skip`.
fn files(root: &Path) -> Vec<PathBuf> {
    files_under(root)
}

#[test]
fn reset_one_control_plane_of_three_leaves_a_healthy_cluster_and_a_clean_node() {
    let mut c = Cluster::start("127.0.15", &[]);
    for i in 0..50 {
        c.etcdctl(0)
            .args(["put", &format!("/registry/k{i}"), &format!("v{i}")])
            .ok();
    }
    let cp3 = c.nodes[2].root.clone();
    // A file kforge did not write, and one of its own edited by hand: kept.
    std::fs::write(cp3.join("etc/kubernetes/pki/operator-extra.crt"), "mine\n").unwrap();
    let cfg = cp3.join("var/lib/kubelet/config.yaml");
    let mut text = std::fs::read_to_string(&cfg).unwrap();
    text.push_str("# tuned by hand\n");
    std::fs::write(&cfg, &text).unwrap();
    let before = files(&cp3);
    let backups = c.dir.path().join("backups");

    // No terminal and no --yes: refused, nothing touched.
    let (_, e) = c.kforge(2).args(["reset"]).fails_with(2);
    assert!(e.contains("--yes"), "{e}");
    // The dry run lists every action and changes nothing.
    let out = json(&c.kforge(2).args(["reset", "--dry-run", "-o", "json"]).ok());
    let actions: Vec<&str> = out["hosts"][0]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(out["hosts"][0]["outcome"], "planned", "{out:#}");
    for want in [
        "would save a final snapshot of member cp3",
        "would remove etcd member cp3",
        "would move",
        "would remove etcd's data from",
        "would remove",
        "kept",
    ] {
        assert!(
            actions.iter().any(|a| a.contains(want)),
            "{want}: {actions:#?}"
        );
    }
    assert_eq!(files(&cp3), before);
    assert_eq!(member_names(&c, 0), ["cp1", "cp2", "cp3"]);

    let out = c
        .kforge(2)
        .args(["reset", "--yes", "-o", "json", "--backup-dir"])
        .arg(&backups)
        .output();
    assert!(
        out.0.status.success(),
        "{}\n--- cp3 etcd ---\n{}",
        out.1,
        c.log(2)
    );
    let r = json(&String::from_utf8_lossy(&out.0.stdout));
    let h = &r["hosts"][0];
    assert_eq!(h["outcome"], "reset", "{r:#}");
    // The cluster: two healthy members holding every key.
    assert_eq!(member_names(&c, 0), ["cp1", "cp2"]);
    let st = json(&c.kforge(0).args(["etcd", "status", "-o", "json"]).ok());
    assert_eq!(st["healthy"], true, "{st:#}");
    assert_eq!(st["members"].as_array().unwrap().len(), 2);
    for via in [0, 1] {
        let keys = c
            .etcdctl(via)
            .args(["get", "/registry/", "--prefix", "--keys-only"])
            .ok();
        assert_eq!(
            keys.lines().filter(|l| !l.is_empty()).count(),
            50,
            "via cp{}",
            via + 1
        );
    }
    // cp3's etcd learned it was removed and stopped by itself.
    assert!(wait_until(Duration::from_secs(15), || !c.nodes[2]
        .etcd
        .as_mut()
        .unwrap()
        .is_running()));
    // The final snapshot verifies and holds the keys.
    let snap = h["backup"].as_str().unwrap();
    let st = json(
        &kforge()
            .args(["snapshot", "status", "-o", "json", snap])
            .ok(),
    );
    assert!(st["totalKey"].as_u64().unwrap() >= 50, "{st:#}");
    // The node: no data, no manifest, only files kforge did not write.
    // Emptied, not removed: a data directory is often a mount point.
    assert_eq!(
        std::fs::read_dir(cp3.join("var/lib/etcd")).unwrap().count(),
        0
    );
    let left = files(&cp3);
    let mut foreign: Vec<PathBuf> = [
        "etc/kubernetes/pki/ca.crt",
        "etc/kubernetes/pki/ca.key",
        "etc/kubernetes/pki/front-proxy-ca.crt",
        "etc/kubernetes/pki/front-proxy-ca.key",
        "etc/kubernetes/pki/sa.key",
        "etc/kubernetes/pki/sa.pub",
        "etc/kubernetes/pki/etcd/ca.crt",
        "etc/kubernetes/pki/etcd/ca.key",
        "etc/kubernetes/pki/operator-extra.crt",
        "var/lib/kubelet/config.yaml",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    foreign.sort();
    let j = cp3.join("etc/kubernetes/tmp/kforge-journal/reset.json");
    assert!(
        !j.exists(),
        "{}",
        std::fs::read_to_string(&j).unwrap_or_default()
    );
    // kubeadm's files it kept are recorded, so that a re-run knows why
    // they are there (and the next init replaces the record).
    let ledger = cp3.join("etc/kubernetes/.kforge-ledger.json");
    let record = std::fs::read_to_string(&ledger).unwrap();
    assert!(
        record.contains("resetKept") && record.contains("/etc/kubernetes/pki/ca.key"),
        "{record}"
    );
    let mut with_record = foreign.clone();
    with_record.push(PathBuf::from("etc/kubernetes/.kforge-ledger.json"));
    with_record.sort();
    assert_eq!(left, with_record, "left on the node: {left:#?}");
    assert_eq!(std::fs::read_to_string(&cfg).unwrap(), text);
    let kept: Vec<&str> = h["kept"]
        .as_array()
        .unwrap()
        .iter()
        .map(|k| k.as_str().unwrap())
        .collect();
    assert_eq!(kept.len(), foreign.len(), "{kept:#?}");

    // A re-run is a no-op.
    let again = json(&c.kforge(2).args(["reset", "--yes", "-o", "json"]).ok());
    assert_eq!(again["hosts"][0]["outcome"], "clean", "{again:#}");
    assert_eq!(files(&cp3), left);
    assert_eq!(member_names(&c, 0), ["cp1", "cp2"]);

    // cp2 crashes: resetting cp1 would leave no healthy member: refused,
    // also with kubeadm's -f/--force, which only skips the confirmation.
    c.kill_etcd(1);
    let cp1_before = files(&c.nodes[0].root);
    for force in ["--yes", "-f", "--force"] {
        let (out, e) = c.kforge(0).args(["reset", force]).fails_with(1);
        assert!(e.contains("could not be reset"), "{force}: {e}");
        assert!(
            out.contains("refusing to reset")
                && out.contains("last healthy")
                && out.contains("--allow-quorum-loss"),
            "{force}: {out}"
        );
        // The refused run wrote no journal: the next run does not say an
        // earlier one "did not finish".
        assert!(!e.contains("did not finish"), "{force}: {e}");
        assert!(!c.nodes[0]
            .root
            .join("etc/kubernetes/tmp/kforge-journal/reset.json")
            .exists());
    }
    // Nothing of cp1 was touched.
    assert_eq!(files(&c.nodes[0].root), cp1_before);
    assert!(c.nodes[0].root.join("var/lib/etcd/member").is_dir());
}

/// SIGTERM once the member was removed (in `stop-pods`): the node cannot
/// go back, so the moved manifests stay aside and the last line says a
/// re-run finishes the reset, which it does.
#[test]
fn an_interrupt_after_the_member_was_removed_keeps_the_manifests_aside_and_a_rerun_finishes() {
    let c = Cluster::start("127.0.17", &[]);
    let cp3 = c.nodes[2].root.clone();
    let marks = tempdir();
    let mut run = c
        .kforge(2)
        .args(["reset", "--yes", "-o", "json", "--backup-dir"])
        .arg(c.dir.path().join("backups"))
        .env("KFORGE_TEST_PAUSE", "stop-pods:moved")
        .env("KFORGE_TEST_PAUSE_MARK", marks.path())
        .spawn(&c.dir.path().join("interrupted.log"));
    assert!(
        wait_until(Duration::from_secs(60), || files_under(marks.path()).len()
            == 1),
        "reset did not reach stop-pods:\n{}",
        run.log_text()
    );
    // SAFETY: sending a signal to the child we started.
    assert_eq!(
        unsafe { libc::kill(run.child.id() as i32, libc::SIGTERM) },
        0
    );
    let status = run.child.wait().unwrap();
    let log = run.log_text();
    assert_eq!(status.code(), Some(143), "{log}");
    let last = log.lines().last().unwrap_or_default();
    assert!(
        last.starts_with("error: interrupted by SIGTERM: the node is past its point of no return")
            && last.contains("kforge-reset-manifests")
            && last.contains("run `kforge reset` again to finish"),
        "{log}"
    );
    assert!(
        !cp3.join("etc/kubernetes/manifests/etcd.yaml").exists(),
        "{log}"
    );
    assert!(cp3
        .join("etc/kubernetes/tmp/kforge-reset-manifests/etcd.yaml")
        .is_file());
    assert_eq!(member_names(&c, 0), ["cp1", "cp2"]);
    // The re-run goes on from the journal and finishes.
    let (res, text) = c.kforge(2).args(["reset", "--yes", "-o", "json"]).output();
    assert!(res.status.success(), "{text}");
    assert!(text.contains("an earlier reset did not finish"), "{text}");
    let out = json(&String::from_utf8_lossy(&res.stdout));
    assert_eq!(out["hosts"][0]["outcome"], "reset", "{out:#}");
    assert!(files_under(&cp3.join("etc/kubernetes/tmp/kforge-reset-manifests")).is_empty());
    assert!(!cp3
        .join("etc/kubernetes/tmp/kforge-journal/reset.json")
        .exists());
    assert!(!cp3.join("var/lib/etcd/member").exists());
}

/// Over SSH on the namespace test bed: a worker joined by `kforge join`
/// (its files written through the ledger on the host) is reset from the
/// control-plane node; files the host had before are kept; a re-run is clean.
#[test]
fn reset_over_ssh_cleans_a_joined_worker_and_keeps_foreign_files() {
    use support::testbed::Testbed;
    let dir = tempdir();
    let root = dir.path().join("cp1");
    support::testbed::init_control_plane(&root, "v1.35", &[]);
    let tb = Testbed::up(&[Some("v1.35.0")]);
    let n = &tb.nodes[0];
    std::fs::write(n.etc_kubernetes().join("operator-notes.txt"), "mine\n").unwrap();
    tb.join(&root, "3s").arg("-q").arg(&n.addr).ok();
    assert!(n.var_lib_kubelet().join("config.yaml").exists());
    assert!(n.etc_kubernetes().join("kubelet.conf").exists());
    let reset = || {
        kforge()
            .args([
                "reset",
                "--yes",
                "-o",
                "json",
                "--ssh-timeout",
                "3s",
                "--root",
            ])
            .arg(&root)
            .args(tb.ssh_flags())
    };
    // The dry run over SSH lists the files and removes none.
    let plan = json(&reset().arg("--dry-run").arg(&n.addr).ok());
    assert_eq!(plan["hosts"][0]["outcome"], "planned", "{plan:#}");
    assert!(n.etc_kubernetes().join("kubelet.conf").exists());
    let out = json(&reset().arg(&n.addr).ok());
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "reset", "{out:#}");
    let actions = h["actions"].to_string();
    assert!(
        actions.contains("removed /etc/kubernetes/kubelet.conf"),
        "{out:#}"
    );
    assert!(
        actions.contains("removed /var/lib/kubelet/config.yaml"),
        "{out:#}"
    );
    let left: Vec<PathBuf> = files_under(&n.etc_kubernetes())
        .into_iter()
        .chain(files_under(&n.var_lib_kubelet()))
        .filter(|p| !p.starts_with(support::testbed::STANDIN_LOG))
        .collect();
    assert_eq!(left, [PathBuf::from("operator-notes.txt")], "{out:#}");
    assert!(
        h["kept"]
            .to_string()
            .contains("/etc/kubernetes/operator-notes.txt"),
        "{out:#}"
    );
    // The control-plane node kforge ran on is untouched.
    assert!(root.join("etc/kubernetes/pki/ca.crt").exists());
    let again = json(&reset().arg(&n.addr).ok());
    assert_eq!(again["hosts"][0]["outcome"], "clean", "{again:#}");
}

/// Over SSH on the namespace test bed: a stacked control plane joined by
/// `kforge join --control-plane` (3 members: this machine and two nodes,
/// each node's etcd run by a stand-in kubelet inside it) is reset from the
/// first control plane. Its member is removed through the others, its etcd
/// stops, its data and kforge's files (the cluster's CA keys among them)
/// leave the node, the two members left keep every key, and a re-run is clean.
#[test]
fn reset_over_ssh_removes_a_joined_control_plane_and_the_others_keep_quorum_and_data() {
    use support::testbed_cluster::{etcd_version, Cluster as Testbed3, ENDPOINTS};
    let _ports = fixed_port_lock();
    let etcd = etcd_dir("3.5.0").join("etcd");
    let c = Testbed3::up(0, &etcd, &etcd);
    let ctl = || support::etcd::node_etcdctl(&c.root, ENDPOINTS[0], "apiserver-etcd-client");
    for i in 0..20 {
        ctl().args(["put", &format!("/data/{i:02}"), "v"]).ok();
    }
    let n3 = &c.tb.nodes[1];
    assert!(n3.var_lib_etcd().join("member").is_dir());
    std::fs::write(n3.etc_kubernetes().join("operator-notes.txt"), "mine\n").unwrap();
    let reset = || {
        kforge()
            .args(["reset", "--yes", "-o", "json", "--ssh-timeout", "5s"])
            .arg("--backup-dir")
            .arg(c.dir.path())
            .arg("--root")
            .arg(&c.root)
            .args(c.tb.ssh_flags())
            .arg(&n3.addr)
    };
    let (res, text) = reset().output();
    assert!(res.status.success(), "{text}\n{}", c.logs());
    let out = json(&String::from_utf8_lossy(&res.stdout));
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "reset", "{out:#}");
    // The member is gone from the cluster, which keeps quorum and the data.
    let members = ctl().args(["member", "list"]).ok();
    assert_eq!(members.lines().count(), 2, "{members}");
    assert!(!members.contains("198.18.0.12"), "{members}");
    let keys = ctl()
        .args(["get", "/data/", "--prefix", "--keys-only"])
        .ok();
    assert_eq!(keys.lines().filter(|l| !l.is_empty()).count(), 20, "{keys}");
    for ep in &ENDPOINTS[..2] {
        assert!(
            etcd_version(&c.pki(), ep).is_some(),
            "{ep} stopped answering"
        );
    }
    // Its etcd stopped, its data and kforge's files left, the operator's stayed.
    assert!(
        wait_until(Duration::from_secs(30), || etcd_version(
            &c.pki(),
            ENDPOINTS[2]
        )
        .is_none()),
        "the reset member's etcd still answers"
    );
    assert!(!n3.var_lib_etcd().join("member").exists());
    for f in [
        "pki/ca.key",
        "pki/etcd/ca.key",
        "admin.conf",
        "manifests/etcd.yaml",
    ] {
        assert!(
            !n3.etc_kubernetes().join(f).exists(),
            "{f} left on the node"
        );
    }
    assert!(n3.etc_kubernetes().join("operator-notes.txt").exists());
    // The final snapshot of the member was taken before its removal.
    assert!(h["actions"].to_string().contains("snapshot"), "{out:#}");
    let again = json(&reset().ok());
    assert_eq!(again["hosts"][0]["outcome"], "clean", "{again:#}");
}
