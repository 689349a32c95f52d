//! `kforge snapshot save | list | prune` against real etcd 3.4 and 3.5.

mod support;

use std::path::Path;
use std::time::Duration;
use support::etcd::{etcdutl_status, run_static_pod, Etcd, Version};
use support::*;

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
            saved["sizeBytes"].as_u64().unwrap(),
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
        for (k, theirs) in [
            ("hash", "hash"),
            ("revision", "revision"),
            ("totalKey", "totalKey"),
            ("totalSizeBytes", "totalSize"),
        ] {
            assert_eq!(ours[k], real[theirs], "{version:?} {k}");
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
    let _etcd = run_static_pod(&root, &dir.path().join("etcd.log"));
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
    // A FILE-mode save takes no directory lock (issue 10, item 16): nothing is left.
    assert_eq!(dir_names(dir.path()), Vec::<String>::new());
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

/// The second save starts while the first provably runs: the first is
/// stopped (SIGSTOP) mid-stream, with its lock held and its temporary file
/// there, until the second has been refused; then it goes on and wins.
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
    let lock = out.join(".kforge-snapshot.lock");
    let mut first = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .spawn(&dir.path().join("first.log"));
    assert!(
        wait_until(Duration::from_secs(30), || dir_names(&out)
            .iter()
            .any(|n| n.ends_with(".part"))),
        "the first save never started streaming:\n{}",
        first.log_text()
    );
    first.pause();
    // Stopped mid-stream: still running, its lock held, no final file yet.
    assert!(first.is_running(), "{}", first.log_text());
    assert!(flock_held(&lock), "the first save does not hold {lock:?}");
    let names = dir_names(&out);
    assert!(names.iter().any(|n| n.ends_with(".part")), "{names:?}");
    assert!(names.iter().all(|n| !n.ends_with(".db")), "{names:?}");
    let (_, err) = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&out)
        .args(["--endpoints", &etcd.endpoint])
        .fails_with(4);
    assert!(err.contains("another kforge snapshot run"), "{err}");
    first.resume();
    let status = first.child.wait().unwrap();
    assert!(status.success(), "{}", first.log_text());
    let names = dir_names(&out);
    let db: Vec<&String> = names.iter().filter(|n| n.ends_with(".db")).collect();
    assert_eq!(db.len(), 1, "{names:?}");
    assert!(names.iter().all(|n| !n.ends_with(".part")), "{names:?}");
    etcdutl_status(&out.join(db[0]));
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
    let list = list["snapshots"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["verified"], true);
    assert_eq!(list[1]["verified"], false);
    // prune never deletes the newest verified snapshot, even when the policy
    // keeps nothing (1ms: both are older; `--keep 0` is refused since issue 10,
    // item 7); --dry-run deletes nothing.
    let dry: serde_json::Value = serde_json::from_str(
        &kforge()
            .args([
                "snapshot",
                "prune",
                "--keep-within",
                "1ms",
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
            .filter(|n| n.starts_with("etcd-") && n.contains("-rev") && n.ends_with(".db"))
            .count(),
        2
    );
    kforge()
        .args(["snapshot", "prune", "--keep-within", "1ms", "--dir"])
        .arg(&out)
        .ok();
    let left: Vec<String> = dir_names(&out)
        .into_iter()
        .filter(|n| n.starts_with("etcd-") && n.contains("-rev") && n.ends_with(".db"))
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
    // A FILE-mode save takes no directory lock (issue 10, item 16): nothing is left.
    assert_eq!(dir_names(&small), Vec::<String>::new());
}

/// An endpoint nothing listens on: a run that gets this far would fail on it.
fn dead_endpoint() -> String {
    let [port] = support::etcd::free_ports::<1>();
    format!("http://127.0.0.1:{port}")
}

/// The one `error:` line of a failed run; fails when there are more lines.
fn one_error_line(err: &str) -> &str {
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "expected one line: {err}");
    lines[0]
}

#[test]
fn regression_a_typo_in_dir_succeeded_and_created_the_directory_and_a_lock_file() {
    let dir = tempdir();
    let typo = dir.path().join("typo");
    let ep = dead_endpoint();
    let runs: [&[&str]; 4] = [
        &["snapshot", "prune", "--keep", "1", "--dir"],
        &[
            "snapshot",
            "prune",
            "--dry-run",
            "--keep-within",
            "7d",
            "--dir",
        ],
        &["snapshot", "list", "--dir"],
        &["snapshot", "save", "--endpoints", &ep, "--dir"],
    ];
    for args in runs {
        let (_, err) = kforge().args(args).arg(&typo).fails_with(1);
        let line = one_error_line(&err);
        assert!(
            line.contains(&typo.display().to_string()) && line.contains("no such directory"),
            "{args:?}: {err}"
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
    // A file where the directory should be.
    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let (_, err) = kforge()
        .args(["snapshot", "prune", "--keep", "1", "--dir"])
        .arg(&file)
        .fails_with(1);
    assert!(one_error_line(&err).contains("not a directory"), "{err}");
    assert_eq!(dir_names(dir.path()), vec!["file".to_string()]);
}

#[test]
fn regression_keep_0_deleted_every_older_snapshot_and_keep_within_0s_was_accepted() {
    let dir = tempdir();
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    // Two snapshots by name (prune reads names and verifies; these verify not).
    for n in [
        "etcd-20261101T000000.000Z-rev1.db",
        "etcd-20261102T000000.000Z-rev2.db",
    ] {
        std::fs::write(out.join(n), "x").unwrap();
    }
    let ep = dead_endpoint();
    let zero_keeps: [(&[&str], &str); 5] = [
        (&["--keep", "0"], "must be a whole number between 1 and"),
        (&["--keep-within", "0s"], "must be between 1ms and"),
        (&["--keep-within", "0"], "'--keep-within <DURATION>'"),
        (&["--keep-within", "0h0m"], "must be between 1ms and"),
        (
            &["--keep", "2", "--keep-within", "0d"],
            "must be between 1ms and",
        ),
    ];
    for (flags, allowed) in zero_keeps {
        let (_, err) = kforge()
            .args(["snapshot", "prune", "--dir"])
            .arg(&out)
            .args(flags)
            .fails_with(2);
        assert!(one_error_line(&err).contains(allowed), "{flags:?}: {err}");
        let (_, err) = kforge()
            .args(["snapshot", "save", "--endpoints", &ep, "--dir"])
            .arg(&out)
            .args(flags)
            .fails_with(2);
        assert!(one_error_line(&err).contains(allowed), "{flags:?}: {err}");
    }
    assert_eq!(dir_names(&out).len(), 2, "{:?}", dir_names(&out));
    assert!(!out.join(".kforge-snapshot.lock").exists());
}

#[test]
fn regression_save_streamed_the_whole_snapshot_before_checking_the_target() {
    // The endpoint is dead: each error below can only come from a check
    // made before connecting.
    let dir = tempdir();
    let ep = dead_endpoint();
    let save = || {
        kforge().args([
            "snapshot",
            "save",
            "--dial-timeout",
            "2s",
            "--endpoints",
            &ep,
        ])
    };
    let existing = dir.path().join("s.db");
    std::fs::write(&existing, "precious").unwrap();
    let (_, err) = save().arg(&existing).fails_with(1);
    let line = one_error_line(&err);
    assert!(
        line.contains("exists already") && line.contains("--force"),
        "{err}"
    );
    assert!(!line.contains(&ep), "{err}");
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "precious");

    let subdir = dir.path().join("sub");
    std::fs::create_dir(&subdir).unwrap();
    for force in [false, true] {
        let mut c = save();
        if force {
            c = c.arg("--force");
        }
        let (_, err) = c.arg(&subdir).fails_with(1);
        let line = one_error_line(&err);
        assert!(line.contains("is a directory"), "force={force}: {err}");
    }
    assert_eq!(dir_names(&subdir), Vec::<String>::new());

    let missing = dir.path().join("missing").join("s.db");
    let (_, err) = save().arg(&missing).fails_with(1);
    assert!(one_error_line(&err).contains("no such directory"), "{err}");
    assert!(!dir.path().join("missing").exists());

    // A file where the directory should be.
    let (_, err) = save().arg(existing.join("s.db")).fails_with(1);
    assert!(one_error_line(&err).contains("not a directory"), "{err}");
    assert_eq!(
        dir_names(dir.path()),
        vec!["s.db".to_string(), "sub".to_string()]
    );
}

#[test]
fn regression_file_mode_save_left_a_lock_file_and_was_refused_beside_a_cron_run() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    kforge()
        .args(["snapshot", "save", "-q", "--endpoints", &etcd.endpoint])
        .arg(out.join("a.db"))
        .ok();
    assert_eq!(dir_names(&out), vec!["a.db".to_string()]);
    // A cron run holds the directory: a save of another file there goes ahead.
    let lock = std::fs::File::create(out.join(".kforge-snapshot.lock")).unwrap();
    lock.lock().unwrap();
    kforge()
        .args(["snapshot", "save", "-q", "--endpoints", &etcd.endpoint])
        .arg(out.join("b.db"))
        .ok();
    drop(lock);
    assert_eq!(
        dir_names(&out),
        vec![
            ".kforge-snapshot.lock".to_string(),
            "a.db".to_string(),
            "b.db".to_string()
        ]
    );
    etcdutl_status(&out.join("b.db"));
}

#[test]
fn regression_save_with_a_bad_client_cert_said_transport_error() {
    // Checked before connecting: the endpoint is dead, so a TLS or network
    // error would show the check did not run.
    let dir = tempdir();
    let ep = dead_endpoint().replace("http://", "https://");
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.33")).ok();
    let pki = root.join("etc/kubernetes/pki/etcd");
    let other = dir.path().join("other");
    kforge().args(init_args(&other, "v1.33")).ok();
    let other_pki = other.join("etc/kubernetes/pki/etcd");
    // An expired certificate and its own key.
    let key = rcgen::KeyPair::generate().unwrap();
    let mut params = rcgen::CertificateParams::new(vec!["client".to_string()]).unwrap();
    params.not_before = rcgen::date_time_ymd(2020, 1, 1);
    params.not_after = rcgen::date_time_ymd(2021, 3, 4);
    let expired = params.self_signed(&key).unwrap();
    let expired_crt = dir.path().join("expired.crt");
    let expired_key = dir.path().join("expired.key");
    std::fs::write(&expired_crt, expired.pem()).unwrap();
    std::fs::write(&expired_key, key.serialize_pem()).unwrap();
    let missing = dir.path().join("missing.key");
    let not_pem = dir.path().join("not-pem.crt");
    std::fs::write(&not_pem, "hello").unwrap();

    let ca = pki.join("ca.crt");
    let crt = pki.join("healthcheck-client.crt");
    let good_key = pki.join("healthcheck-client.key");
    let cases: [(&Path, &Path, &Path, &Path, &str); 5] = [
        (&ca, &crt, &missing, &missing, "no such file"),
        (
            &ca,
            &crt,
            &other_pki.join("healthcheck-client.key"),
            &other_pki.join("healthcheck-client.key"),
            "does not match",
        ),
        (
            &ca,
            &expired_crt,
            &expired_key,
            &expired_crt,
            "expired on 2021-03-04",
        ),
        (&missing, &crt, &good_key, &missing, "no such file"),
        (&ca, &not_pem, &good_key, &not_pem, "not a PEM certificate"),
    ];
    for (ca, cert, key, named, reason) in cases {
        let (_, err) = kforge()
            .args(["snapshot", "save", "--endpoints", &ep, "--cacert"])
            .arg(ca)
            .arg("--cert")
            .arg(cert)
            .arg("--key")
            .arg(key)
            .arg(dir.path().join("s.db"))
            // A file that is not there is a path error (issue 22 item 2).
            .fails_with(if reason == "no such file" { 2 } else { 1 });
        let line = one_error_line(&err);
        assert!(
            line.contains(&named.display().to_string()) && line.contains(reason),
            "expected {reason:?} naming {}: {err}",
            named.display()
        );
        assert!(!line.contains(&ep), "{err}");
    }
    assert!(!dir.path().join("s.db").exists());
}

/// The value of column `col` in the first row of a table.
fn table_cell(table: &str, col: &str) -> String {
    let mut lines = table.lines();
    let header = lines.next().unwrap();
    let row = lines.next().unwrap();
    let start = header
        .find(col)
        .unwrap_or_else(|| panic!("{col} in {table}"));
    let end = header[start + col.len()..]
        .find(|c: char| c != ' ')
        .map(|i| start + col.len() + i)
        .unwrap_or(row.len());
    row[start..end.min(row.len())].trim().to_string()
}

/// A size in the one style of snapshot output: "512 B" or "N.N KiB/MiB/GiB".
fn is_binary_size(s: &str) -> bool {
    match s.split_once(' ') {
        Some((n, "B")) => n.bytes().all(|b| b.is_ascii_digit()),
        Some((n, "KiB" | "MiB" | "GiB")) => n.split_once('.').is_some_and(|(i, d)| {
            !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()) && d.len() == 1
        }),
        _ => false,
    }
}

#[test]
fn regression_save_printed_the_hash_in_decimal_and_sizes_in_three_styles() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/x", 50, 1000);
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    let saved = kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint, "--dir"])
        .arg(&out)
        .ok();
    let file = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "db"))
        .unwrap();
    let status = kforge().args(["snapshot", "status"]).arg(&file).ok();
    let hash = table_cell(&status, "HASH");
    // etcdutl's table prints the hash in hex; so do status and save.
    let etcdutl = cmd(etcd35("etcdutl"))
        .args(["snapshot", "status", "-w", "table"])
        .arg(&file)
        .ok();
    assert!(
        etcdutl.contains(&format!("| {hash} |")),
        "{etcdutl}\n{status}"
    );
    assert!(saved.contains(&format!("hash {hash},")), "{saved}");
    // One size style: binary units.
    let size = table_cell(&status, "TOTAL SIZE");
    assert!(is_binary_size(&size), "{status}");
    let (_, rest) = saved.split_once(" (").unwrap();
    let saved_size = rest.split(',').next().unwrap();
    assert!(is_binary_size(saved_size), "{saved}");
    let list = kforge().args(["snapshot", "list", "--dir"]).arg(&out).ok();
    assert!(is_binary_size(&table_cell(&list, "SIZE")), "{list}");
    // JSON: exact numbers and RFC 3339 times.
    let list: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["snapshot", "list", "-o", "json", "--dir"])
            .arg(&out)
            .ok(),
    )
    .unwrap();
    let taken = list["snapshots"][0]["taken"].as_str().unwrap();
    assert!(
        time::OffsetDateTime::parse(taken, &time::format_description::well_known::Rfc3339).is_ok(),
        "{taken}"
    );
    assert!(list["snapshots"][0]["sizeBytes"].is_u64(), "{list}");
}

#[test]
fn regression_a_metrics_file_in_a_missing_directory_failed_only_after_the_save() {
    let dir = tempdir();
    let ep = dead_endpoint();
    let out = dir.path().join("backups");
    std::fs::create_dir_all(&out).unwrap();
    let metrics = dir.path().join("typo").join("kforge.prom");
    let (_, err) = kforge()
        .args(["snapshot", "save", "--endpoints", &ep, "--metrics-file"])
        .arg(&metrics)
        .arg("--dir")
        .arg(&out)
        .fails_with(1);
    let line = one_error_line(&err);
    assert!(
        line.contains(&metrics.display().to_string()) && line.contains("no such directory"),
        "{err}"
    );
    assert!(!line.contains(&ep), "{err}");
    assert_eq!(dir_names(&out), Vec::<String>::new());
}

#[test]
fn regression_a_metrics_file_that_could_not_be_written_was_silent_under_q() {
    // Issue 23: a cron run (`-q`) whose metrics write failed said nothing.
    // Each failed write (the save's, then the upload's) is a warning on
    // stderr even with -q; the snapshot, its record and the upload still
    // happen, and the run exits 0.
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    let out = dir.path().join("backups");
    let offsite = dir.path().join("offsite");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::create_dir_all(&offsite).unwrap();
    // A directory where the file goes: its directory exists (the check
    // before the save passes) but the atomic rename onto it fails, also
    // for root.
    let metrics = dir.path().join("kforge.prom");
    std::fs::create_dir(&metrics).unwrap();
    let (stdout, err) = kforge()
        .args(["snapshot", "save", "-q", "--dir"])
        .arg(&out)
        .arg("--upload")
        .arg(&offsite)
        .args(["--endpoints", &etcd.endpoint, "--metrics-file"])
        .arg(&metrics)
        .fails_with(0);
    assert_eq!(stdout, "", "-q prints no result table");
    let warnings: Vec<&str> = err.lines().filter(|l| l.starts_with("warning: ")).collect();
    assert_eq!(warnings.len(), 2, "the save's and the upload's:\n{err}");
    for w in &warnings {
        assert!(
            w.starts_with(&format!(
                "warning: writing metrics file {}: ",
                metrics.display()
            )),
            "{err}"
        );
    }
    assert!(!err.contains("error:"), "{err}");
    for d in [&out, &offsite] {
        let names = dir_names(d);
        let db: Vec<&String> = names.iter().filter(|n| n.ends_with(".db")).collect();
        assert_eq!(db.len(), 1, "{}: {names:?}", d.display());
        assert!(
            names.contains(&format!("{}.record.json", db[0])),
            "the record follows the snapshot: {names:?}"
        );
        etcdutl_status(&d.join(db[0]));
    }
}
