//! `kforge snapshot save | list | prune` against real etcd 3.4 and 3.5.

mod support;

use std::path::Path;
use std::time::Duration;
use support::etcd::{Etcd, Version};
use support::*;

fn etcdutl_status(path: &Path) -> serde_json::Value {
    let out = cmd(etcd35("etcdutl"))
        .args(["snapshot", "status", "-w", "json"])
        .arg(path)
        .ok();
    serde_json::from_str(&out).unwrap()
}

fn dir_names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn saves_from_etcd_34_and_35_match_etcdutl() {
    for version in Version::ALL {
        let dir = tempdir();
        let etcd = Etcd::start(version, dir.path(), &[]);
        etcd.fill("/registry/small", 2000, 64);
        etcd.fill("/registry/large", 5, 100_000);
        etcd.ctl()
            .args(["del", "--prefix", "/registry/small/0000001"])
            .ok();
        let file = dir.path().join("snap.db");
        let json = kforge()
            .args([
                "snapshot",
                "save",
                "-o",
                "json",
                "--endpoints",
                &etcd.endpoint,
            ])
            .arg(&file)
            .ok();
        let saved: serde_json::Value = serde_json::from_str(&json).unwrap();
        let real = etcdutl_status(&file);
        assert_eq!(saved["revision"], real["revision"], "{version:?}");
        assert_eq!(saved["hash"], real["hash"], "{version:?}");
        assert_eq!(saved["totalKey"], real["totalKey"], "{version:?}");
        assert_eq!(saved["endpoint"], etcd.endpoint);
        assert_eq!(
            saved["size"].as_u64().unwrap(),
            std::fs::metadata(&file).unwrap().len()
        );
        assert_eq!(mode(&file), 0o600);
        // kforge's own status on the same file agrees with etcdutl's, field by field.
        let ours: serde_json::Value = serde_json::from_str(
            &kforge()
                .args(["snapshot", "status", "--verify", "-o", "json"])
                .arg(&file)
                .ok(),
        )
        .unwrap();
        for k in ["hash", "revision", "totalKey", "totalSize"] {
            assert_eq!(ours[k], real[k], "{version:?} {k}");
        }
        assert_eq!(ours["trailerValid"], true);
        // etcdctl's own snapshot of the same data has the same revision and key count.
        let theirs = dir.path().join("etcdctl.db");
        etcd.ctl().args(["snapshot", "save"]).arg(&theirs).ok();
        let t = etcdutl_status(&theirs);
        assert_eq!(
            (t["revision"].clone(), t["totalKey"].clone()),
            (real["revision"].clone(), real["totalKey"].clone())
        );
        assert_eq!(
            dir_names(dir.path())
                .iter()
                .filter(|n| n.contains(".part"))
                .count(),
            0
        );
    }
}

#[test]
fn saves_over_mtls_with_kubeadms_default_layout() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.33")).ok();
    let _etcd = kforge()
        .args(["dev", "run-static-pod", "etcd", "--root"])
        .arg(&root)
        .arg("--binary")
        .arg(etcd35("etcd"))
        .spawn(&dir.path().join("etcd.log"));
    let file = dir.path().join("s.db");
    let saved = wait_until(Duration::from_secs(20), || {
        kforge()
            .args(["snapshot", "save", "--root"])
            .arg(&root)
            .arg(&file)
            .output()
            .0
            .status
            .success()
    });
    assert!(
        saved,
        "no snapshot over mTLS with the healthcheck-client certificate"
    );
    assert_eq!(
        etcdutl_status(&file)["totalKey"].as_u64().map(|n| n > 0),
        Some(true)
    );
    // The wrong CA is a TLS failure naming the endpoint.
    let other = dir.path().join("other");
    kforge().args(init_args(&other, "v1.33")).ok();
    let pki = other.join("etc/kubernetes/pki/etcd");
    let (_, err) = kforge()
        .args(["snapshot", "save", "--endpoints", "https://127.0.0.1:2379"])
        .arg("--cacert")
        .arg(pki.join("ca.crt"))
        .arg("--cert")
        .arg(pki.join("healthcheck-client.crt"))
        .arg("--key")
        .arg(pki.join("healthcheck-client.key"))
        .arg(dir.path().join("bad.db"))
        .fails_with(1);
    assert!(
        err.contains("https://127.0.0.1:2379") && err.contains("TLS"),
        "{err}"
    );
    assert!(!dir.path().join("bad.db").exists());
}

#[test]
fn unreachable_endpoint_fails_cleanly() {
    let dir = tempdir();
    let [port] = support::etcd::free_ports::<1>();
    let ep = format!("http://127.0.0.1:{port}");
    let (_, err) = kforge()
        .args([
            "snapshot",
            "save",
            "--dial-timeout",
            "2s",
            "--endpoints",
            &ep,
        ])
        .arg(dir.path().join("s.db"))
        .fails_with(1);
    assert!(err.contains(&ep), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error:")).count(),
        1,
        "{err}"
    );
    assert_eq!(
        dir_names(dir.path()),
        vec![".kforge-snapshot.lock".to_string()]
    );
}

#[test]
fn an_existing_file_is_kept_unless_forced() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    let file = dir.path().join("s.db");
    std::fs::write(&file, "precious").unwrap();
    let (_, err) = kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&file)
        .fails_with(1);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
    kforge()
        .args(["snapshot", "save", "--force", "--endpoints", &etcd.endpoint])
        .arg(&file)
        .ok();
    etcdutl_status(&file);
}

#[test]
fn killed_mid_stream_leaves_no_final_file_and_the_next_run_cleans_up() {
    let dir = tempdir();
    let etcd = Etcd::start(
        Version::V3_5,
        dir.path(),
        &["--quota-backend-bytes", "4294967296"],
    );
    // ~150 MB so the stream is still running when we kill it.
    etcd.fill("/registry/big", 150, 1_000_000);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    let mut save = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .spawn(&dir.path().join("save.log"));
    let mid_stream = wait_until(Duration::from_secs(30), || {
        dir_names(&out).iter().any(|n| n.ends_with(".part"))
            && std::fs::read_dir(&out).unwrap().any(|e| {
                let e = e.unwrap();
                e.file_name().to_string_lossy().ends_with(".part")
                    && e.metadata().unwrap().len() > 1_000_000
            })
    });
    assert!(
        mid_stream,
        "save never started streaming:\n{}",
        save.log_text()
    );
    // SIGKILL: no chance to clean up.
    save.kill();
    let names = dir_names(&out);
    assert!(
        names.iter().all(|n| !n.ends_with(".db")),
        "a final name exists after a kill: {names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with(".part")),
        "expected the killed run's temp file: {names:?}"
    );
    // The next run removes the leftover and saves a verified snapshot.
    kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint, "-q"])
        .ok();
    let names = dir_names(&out);
    assert!(names.iter().all(|n| !n.ends_with(".part")), "{names:?}");
    let db: Vec<&String> = names.iter().filter(|n| n.ends_with(".db")).collect();
    assert_eq!(db.len(), 1, "{names:?}");
    etcdutl_status(&out.join(db[0]));
}

#[test]
fn a_second_run_in_the_same_directory_is_refused_with_its_own_exit_code() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    // Hold the directory's lock the way a running save does.
    let lock = std::fs::File::create(out.join(".kforge-snapshot.lock")).unwrap();
    lock.lock().unwrap();
    let metrics = dir.path().join("m.prom");
    let (_, err) = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint, "--metrics-file"])
        .arg(&metrics)
        .fails_with(4);
    assert!(err.contains("another kforge snapshot run"), "{err}");
    assert!(!metrics.exists(), "a lock conflict is not a failed backup");
    drop(lock);
    kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .ok();
}

#[test]
fn two_concurrent_saves_one_wins_one_exits_4() {
    let dir = tempdir();
    let etcd = Etcd::start(
        Version::V3_5,
        dir.path(),
        &["--quota-backend-bytes", "4294967296"],
    );
    etcd.fill("/registry/big", 100, 1_000_000);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    let mut first = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .spawn(&dir.path().join("first.log"));
    assert!(wait_until(Duration::from_secs(30), || dir_names(&out)
        .iter()
        .any(|n| n.ends_with(".part"))));
    kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .fails_with(4);
    let status = first.child.wait().unwrap();
    assert!(status.success(), "{}", first.log_text());
    assert_eq!(
        dir_names(&out)
            .iter()
            .filter(|n| n.ends_with(".db"))
            .count(),
        1
    );
}

#[test]
fn retention_deletes_only_its_own_old_files_and_metrics_follow() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_4, dir.path(), &[]);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    // Old snapshots with kforge's names (fixed timestamps in the past), plus foreign files.
    for name in [
        "etcd-20200101T000000.000Z-rev1.db",
        "etcd-20200102T000000.000Z-rev2.db",
        "etcd-20200103T000000.000Z-rev3.db",
    ] {
        std::fs::write(out.join(name), "old").unwrap();
    }
    for foreign in [
        "notes.txt",
        "etcd-manual.db",
        "other-20200101T000000.000Z-rev1.db",
    ] {
        std::fs::write(out.join(foreign), "keep me").unwrap();
    }
    let metrics = dir.path().join("kforge.prom");
    let json = kforge()
        .args(["snapshot", "save", "-o", "json", "--keep", "2", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint, "--metrics-file"])
        .arg(&metrics)
        .ok();
    let saved: serde_json::Value = serde_json::from_str(&json).unwrap();
    let deleted: Vec<String> = saved["deleted"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d.as_str().unwrap().to_string())
        .collect();
    assert_eq!(deleted.len(), 2, "{deleted:?}");
    let names = dir_names(&out);
    assert!(
        names.contains(&"etcd-20200103T000000.000Z-rev3.db".to_string()),
        "{names:?}"
    );
    for foreign in [
        "notes.txt",
        "etcd-manual.db",
        "other-20200101T000000.000Z-rev1.db",
    ] {
        assert!(
            names.contains(&foreign.to_string()),
            "{foreign} was touched: {names:?}"
        );
    }
    let m = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        m.contains("kforge_snapshot_last_attempt_success 1\n"),
        "{m}"
    );
    assert!(
        m.contains(&format!(
            "kforge_snapshot_last_success_revision {}\n",
            saved["revision"]
        )),
        "{m}"
    );
    // A failed run keeps the last success.
    let [port] = support::etcd::free_ports::<1>();
    kforge()
        .args(["snapshot", "save", "--dial-timeout", "1s", "--dir"])
        .arg(&out)
        .args([
            "--endpoints",
            &format!("http://127.0.0.1:{port}"),
            "--metrics-file",
        ])
        .arg(&metrics)
        .fails_with(1);
    let m2 = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        m2.contains("kforge_snapshot_last_attempt_success 0\n"),
        "{m2}"
    );
    assert!(
        m2.contains(&format!(
            "kforge_snapshot_last_success_revision {}\n",
            saved["revision"]
        )),
        "{m2}"
    );

    // list: our files, newest first, the fake old ones fail verification.
    let list: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["snapshot", "list", "-o", "json", "--dir"])
            .arg(&out)
            .ok(),
    )
    .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["verified"], true);
    assert_eq!(list[1]["verified"], false);
    // prune --keep 0 never deletes the newest verified snapshot; --dry-run deletes nothing.
    let dry: serde_json::Value = serde_json::from_str(
        &kforge()
            .args([
                "snapshot",
                "prune",
                "--keep",
                "0",
                "--dry-run",
                "-o",
                "json",
                "--dir",
            ])
            .arg(&out)
            .ok(),
    )
    .unwrap();
    assert_eq!(dry["deleted"].as_array().unwrap().len(), 1);
    assert_eq!(
        dir_names(&out)
            .iter()
            .filter(|n| n.starts_with("etcd-2"))
            .count(),
        2
    );
    kforge()
        .args(["snapshot", "prune", "--keep", "0", "--dir"])
        .arg(&out)
        .ok();
    let left: Vec<String> = dir_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("etcd-2"))
        .collect();
    assert_eq!(left.len(), 1);
    assert_eq!(left[0], list[0]["name"].as_str().unwrap());
}

#[test]
fn a_full_disk_fails_with_the_file_named_and_leaves_nothing() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/x", 20, 100_000);
    let small = dir.path().join("small");
    std::fs::create_dir_all(&small).unwrap();
    // A 512 KiB filesystem (root is needed to mount; CI and the dev machines run as root).
    cmd("mount")
        .args(["-t", "tmpfs", "-o", "size=512k", "kforge-test"])
        .arg(&small)
        .ok();
    struct Unmount(std::path::PathBuf);
    impl Drop for Unmount {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(&self.0).status();
        }
    }
    let _guard = Unmount(small.clone());
    let (_, err) = kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(small.join("s.db"))
        .fails_with(1);
    assert!(
        err.contains(&small.display().to_string()) && err.to_lowercase().contains("no space"),
        "{err}"
    );
    assert_eq!(dir_names(&small), vec![".kforge-snapshot.lock".to_string()]);
}
