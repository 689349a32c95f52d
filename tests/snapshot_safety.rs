//! Off-node backups under hostile conditions (issue 18 items 5–10): signals
//! and SIGKILL during a drill and a throttled restore leave no etcd and no
//! plaintext; a stalled save ends at --timeout; a failed --no-local-copy run
//! is in the metrics; secrets are never printed; a drill reads big values
//! back through real etcd and names a full work dir; S3 keys are stored
//! literally (rclone finds them); the shipped units are bounded and hardened.

mod support;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use support::etcd::{Etcd, Version};
use support::s3::{age_key, Weed, ADMIN_KEY};
use support::*;

fn metric(path: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
}

fn signal(pid: u32, sig: &str) {
    cmd("kill")
        .args([&format!("-{sig}"), &pid.to_string()])
        .ok();
}

/// Whether `pid` runs (a zombie does not).
fn alive(pid: u32) -> bool {
    let st = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    let state = st.rsplit(')').next().unwrap_or("").trim().chars().next();
    !st.is_empty() && state != Some('Z')
}

/// The children of `pid` whose command name is `comm`.
fn children_named(pid: u32, comm: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for e in std::fs::read_dir("/proc").unwrap().flatten() {
        let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let st = std::fs::read_to_string(format!("/proc/{p}/stat")).unwrap_or_default();
        let Some((head, rest)) = st.rsplit_once(')') else {
            continue;
        };
        let name = head.split_once('(').map(|(_, n)| n).unwrap_or("");
        let ppid: u32 = rest
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        if ppid == pid && name == comm {
            out.push(p);
        }
    }
    out
}

/// Waits for a spawned kforge to exit; its exit code (or the signal).
fn wait_exit(p: &mut Proc, timeout: Duration) -> std::process::ExitStatus {
    let end = Instant::now() + timeout;
    loop {
        if let Some(st) = p.child.try_wait().unwrap() {
            return st;
        }
        assert!(
            Instant::now() < end,
            "kforge still runs after {timeout:?}:\n{}",
            p.log_text()
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// Entries of `dir` whose name starts with `prefix`.
fn named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .map(|e| e.path())
        .collect()
}

/// A snapshot of a real etcd 3.5 with `n` values of `size` bytes, and its
/// age-encrypted copy made by Debian's age: (plain, encrypted, identity).
fn snapshot(dir: &Path, n: usize, size: usize) -> (PathBuf, PathBuf, PathBuf) {
    let etcd = Etcd::start(Version::V3_5, dir, &[]);
    etcd.fill("/registry/secrets/default", n, size);
    let snap = dir.join("snap.db");
    kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&snap)
        .ok();
    drop(etcd);
    let (key, recipient) = age_key(dir, "key.txt");
    let enc = dir.join("snap.db.age");
    cmd("age")
        .args(["-r", &recipient, "-o"])
        .arg(&enc)
        .arg(&snap)
        .ok();
    (snap, enc, key)
}

#[test]
fn sigterm_or_sigkill_during_a_drill_leaves_no_etcd_and_no_plaintext() {
    let dir = tempdir();
    let (_, enc, key) = snapshot(dir.path(), 300, 200);
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let drill = |log: &str| {
        kforge()
            .args(["snapshot", "drill"])
            .arg(&enc)
            .arg("--identity")
            .arg(&key)
            .arg("--etcd-binary")
            .arg(etcd35("etcd"))
            .arg("--work-dir")
            .arg(&work)
            .spawn(&dir.path().join(log))
    };
    // The drill's etcd, frozen (polled every few ms: etcd takes far longer
    // to serve) so that the drill surely waits on it.
    let frozen_etcd = |p: &mut Proc| -> u32 {
        let pid = p.child.id();
        let end = Instant::now() + Duration::from_secs(60);
        let etcd = loop {
            if let Some(e) = children_named(pid, "etcd").first() {
                break *e;
            }
            assert!(
                Instant::now() < end && p.is_running(),
                "the drill started no etcd:\n{}",
                p.log_text()
            );
            std::thread::sleep(Duration::from_millis(5));
        };
        signal(etcd, "STOP");
        etcd
    };

    for (sig, code) in [("TERM", 143), ("INT", 130)] {
        let mut p = drill("drill.log");
        let etcd = frozen_etcd(&mut p);
        assert!(!named(&work, "kforge-drill-").is_empty());
        signal(p.child.id(), sig);
        let st = wait_exit(&mut p, Duration::from_secs(60));
        assert_eq!(st.code(), Some(code), "{}", p.log_text());
        assert!(
            p.log_text()
                .contains("stopped and its temporary files removed"),
            "{}",
            p.log_text()
        );
        assert!(
            wait_until(Duration::from_secs(10), || !alive(etcd)),
            "SIG{sig}: the drill's etcd {etcd} still runs"
        );
        assert_eq!(files_under(&work), Vec::<PathBuf>::new(), "SIG{sig}");
    }

    // SIGKILL: the kernel stops the drill's etcd (parent-death signal); the
    // next drill removes the plaintext the killed one left.
    let mut p = drill("killed.log");
    let etcd = frozen_etcd(&mut p);
    signal(p.child.id(), "KILL");
    wait_exit(&mut p, Duration::from_secs(10));
    assert!(
        wait_until(Duration::from_secs(10), || !alive(etcd)),
        "SIGKILL: the drill's etcd {etcd} still runs"
    );
    let left = named(&work, "kforge-drill-");
    assert_eq!(left.len(), 1, "the killed drill's directory stays");
    let mut p = drill("next.log");
    let st = wait_exit(&mut p, Duration::from_secs(120));
    assert!(st.success(), "{}", p.log_text());
    assert!(
        p.log_text().contains("left by a killed drill"),
        "{}",
        p.log_text()
    );
    assert_eq!(files_under(&work), Vec::<PathBuf>::new());
    assert!(!left[0].exists());
}

/// Copies `from` to `to` at about `bytes_per_sec`, then half-closes `to`.
fn slow_copy(mut from: std::net::TcpStream, mut to: std::net::TcpStream, bytes_per_sec: usize) {
    let mut buf = vec![0u8; 8192];
    loop {
        match from.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => {
                if to.write_all(&buf[..n]).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_secs_f64(n as f64 / bytes_per_sec as f64));
            }
        }
    }
    let _ = to.shutdown(std::net::Shutdown::Write);
}

/// A TCP proxy to `to` that moves bytes at about `bytes_per_sec` each
/// way: a slow link to S3.
fn throttling_proxy(to: String, bytes_per_sec: usize) -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(client) = c else { continue };
            let Ok(server) = std::net::TcpStream::connect(&to) else {
                continue;
            };
            let (c2, s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || slow_copy(c2, s2, bytes_per_sec));
            std::thread::spawn(move || slow_copy(server, client, bytes_per_sec));
        }
    });
    port
}

#[test]
fn sigterm_during_a_throttled_upload_aborts_it_and_keeps_the_local_snapshot() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    // About 14 MB: a multipart upload (8 MiB parts).
    etcd.fill("/registry/configmaps", 1400, 10_000);
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    let (_, recipient) = age_key(dir.path(), "key.txt");
    let upstream = w.http_endpoint.trim_start_matches("http://").to_string();
    let port = throttling_proxy(upstream, 1 << 20);
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    let mut p = kforge()
        .args(["snapshot", "save", "--dir"])
        .arg(&snaps)
        .args(["--upload", "s3://backups/etcd", "--encrypt-to", &recipient])
        .args(["--endpoints", &etcd.endpoint, "--s3-credentials-file"])
        .arg(&creds)
        .args(["--s3-endpoint", &format!("http://127.0.0.1:{port}")])
        .spawn(&dir.path().join("save.log"));
    assert!(
        wait_until(Duration::from_secs(60), || w
            .open_multipart_uploads("backups")
            > 0),
        "no multipart upload started:\n{}",
        p.log_text()
    );
    signal(p.child.id(), "TERM");
    let st = wait_exit(&mut p, Duration::from_secs(60));
    assert_eq!(st.code(), Some(143), "{}", p.log_text());
    assert_eq!(w.open_multipart_uploads("backups"), 0, "{}", p.log_text());
    let objects: Vec<String> = w
        .keys("backups", "etcd/")
        .into_iter()
        .filter(|k| k.ends_with(".age"))
        .collect();
    assert_eq!(objects, Vec::<String>::new());
    // The local snapshot was complete before the upload began: it stays.
    let local: Vec<PathBuf> = files_under(&snaps)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "db"))
        .collect();
    assert_eq!(local.len(), 1, "{local:?}");
    kforge()
        .args(["snapshot", "status"])
        .arg(snaps.join(&local[0]))
        .ok();
}

#[test]
fn sigterm_or_sigkill_during_a_throttled_restore_leaves_no_plaintext() {
    let dir = tempdir();
    let (snap, _, key) = snapshot(dir.path(), 3000, 1000);
    let recipient = cmd("age-keygen").arg("-y").arg(&key).ok();
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    // Upload it with kforge (a local target file is copied by save's
    // upload of an existing snapshot: save one from the snapshot's etcd is
    // not needed; a directory target would do, S3 is what is throttled).
    // Named with the snapshot's own revision: a name that contradicts the
    // content is refused before any byte is written (the identity checks).
    let status: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["snapshot", "status", "-o", "json"])
            .arg(&snap)
            .ok(),
    )
    .unwrap();
    let name = format!(
        "etcd-cp1-20261201T120000.000Z-rev{}.db.age",
        status["revision"].as_i64().unwrap()
    );
    let name = name.as_str();
    let enc = dir.path().join(name);
    cmd("age")
        .args(["-r", recipient.trim(), "-o"])
        .arg(&enc)
        .arg(&snap)
        .ok();
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-T")
        .arg(&enc)
        .arg(format!("{}/backups/etcd/{name}", w.http_endpoint))
        .output();
    assert!(o.status.success(), "{d}");
    let upstream = w.http_endpoint.trim_start_matches("http://").to_string();
    let port = throttling_proxy(upstream, 400 << 10);
    let out = dir.path().join("restored");
    std::fs::create_dir(&out).unwrap();
    let restore = |log: &str, endpoint: &str, data: &str| {
        kforge()
            .args(["snapshot", "restore"])
            .arg(format!("s3://backups/etcd/{name}"))
            .arg("--identity")
            .arg(&key)
            .arg("--data-dir")
            .arg(out.join(data))
            .args(["--s3-endpoint", endpoint, "--s3-credentials-file"])
            .arg(&creds)
            .spawn(&dir.path().join(log))
    };
    let slow = format!("http://127.0.0.1:{port}");
    // Waits until the decrypted copy has some bytes.
    let fetching = |p: &mut Proc| {
        assert!(
            wait_until(Duration::from_secs(60), || {
                named(&out, ".kforge-fetch-")
                    .iter()
                    .any(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 100_000))
            }),
            "no decrypted copy appeared:\n{}",
            p.log_text()
        );
        assert!(p.is_running(), "{}", p.log_text());
    };

    let mut p = restore("term.log", &slow, "data");
    fetching(&mut p);
    signal(p.child.id(), "TERM");
    let st = wait_exit(&mut p, Duration::from_secs(30));
    assert_eq!(st.code(), Some(143), "{}", p.log_text());
    assert_eq!(named(&out, ".kforge-fetch-"), Vec::<PathBuf>::new());
    assert!(!out.join("data").exists());

    // SIGKILL leaves the plaintext; the next run removes it.
    let mut p = restore("kill.log", &slow, "data");
    fetching(&mut p);
    signal(p.child.id(), "KILL");
    wait_exit(&mut p, Duration::from_secs(10));
    let left = named(&out, ".kforge-fetch-");
    assert_eq!(left.len(), 1);
    let mut p = restore("next.log", &w.http_endpoint, "data");
    let st = wait_exit(&mut p, Duration::from_secs(120));
    assert!(st.success(), "{}", p.log_text());
    assert!(
        p.log_text().contains("left by a killed run"),
        "{}",
        p.log_text()
    );
    assert!(!left[0].exists());
    assert_eq!(named(&out, ".kforge-fetch-"), Vec::<PathBuf>::new());
    assert!(out.join("data/member/snap/db").is_file());

    // `status URL` decrypts into TMPDIR: SIGTERM removes that copy too.
    let tmp = dir.path().join("tmp");
    std::fs::create_dir(&tmp).unwrap();
    let mut p = kforge()
        .args(["snapshot", "status"])
        .arg(format!("s3://backups/etcd/{name}"))
        .arg("--identity")
        .arg(&key)
        .args(["--s3-endpoint", &slow, "--s3-credentials-file"])
        .arg(&creds)
        .env("TMPDIR", &tmp)
        .spawn(&dir.path().join("status.log"));
    assert!(
        wait_until(Duration::from_secs(60), || {
            named(&tmp, ".kforge-fetch-")
                .iter()
                .any(|f| std::fs::metadata(f).is_ok_and(|m| m.len() > 100_000))
        }),
        "no decrypted copy appeared:\n{}",
        p.log_text()
    );
    signal(p.child.id(), "TERM");
    let st = wait_exit(&mut p, Duration::from_secs(30));
    assert_eq!(st.code(), Some(143), "{}", p.log_text());
    assert_eq!(files_under(&tmp), Vec::<PathBuf>::new());
}

#[test]
fn a_failed_no_local_copy_run_is_recorded_in_the_metrics() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 50, 100);
    let metrics = dir.path().join("snap.prom");
    let target = dir.path().join("offsite");
    let save = || {
        kforge()
            .args(["snapshot", "save", "--no-local-copy", "--upload"])
            .arg(&target)
            .args(["--endpoints", &etcd.endpoint, "--metrics-file"])
            .arg(&metrics)
    };
    // The target directory does not exist: every upload fails.
    save().fails_with(1);
    let label = format!("{{target=\"{}\"}}", target.display());
    assert_eq!(
        metric(&metrics, "kforge_snapshot_last_attempt_success").as_deref(),
        Some("0")
    );
    assert!(metric(&metrics, "kforge_snapshot_last_attempt_timestamp_seconds").is_some());
    assert_eq!(
        metric(
            &metrics,
            &format!("kforge_snapshot_upload_failures_total{label}")
        )
        .as_deref(),
        Some("1")
    );
    assert_eq!(
        metric(
            &metrics,
            &format!("kforge_snapshot_upload_last_attempt_success{label}")
        )
        .as_deref(),
        Some("0")
    );
    assert_eq!(
        metric(&metrics, "kforge_snapshot_last_success_timestamp_seconds"),
        None
    );

    std::fs::create_dir(&target).unwrap();
    save().ok();
    assert_eq!(
        metric(&metrics, "kforge_snapshot_last_attempt_success").as_deref(),
        Some("1")
    );
    assert!(metric(&metrics, "kforge_snapshot_last_success_revision").is_some());
    assert!(metric(&metrics, "kforge_snapshot_last_success_size_bytes").is_some());
    assert_eq!(
        metric(
            &metrics,
            &format!("kforge_snapshot_upload_failures_total{label}")
        )
        .as_deref(),
        Some("1")
    );
}

#[test]
fn a_stalled_save_ends_at_its_timeout_with_exit_1_metrics_and_nothing_left() {
    let dir = tempdir();
    let mut etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 50, 100);
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    let metrics = dir.path().join("snap.prom");
    let offsite = dir.path().join("offsite");
    std::fs::create_dir(&offsite).unwrap();
    let etcd_pid = etcd.proc.child.id();
    signal(etcd_pid, "STOP");
    let cases: [&[&str]; 2] = [
        &["--dir", snaps.to_str().unwrap()],
        &["--no-local-copy", "--upload", offsite.to_str().unwrap()],
    ];
    for (i, args) in cases.into_iter().enumerate() {
        let started = Instant::now();
        let mut p = kforge()
            .args(["snapshot", "save", "--timeout", "3s"])
            .args(args)
            .args(["--endpoints", &etcd.endpoint, "--metrics-file"])
            .arg(&metrics)
            .spawn(&dir.path().join(format!("save{i}.log")));
        let st = wait_exit(&mut p, Duration::from_secs(60));
        let took = started.elapsed();
        assert_eq!(st.code(), Some(1), "{}", p.log_text());
        assert!(took >= Duration::from_secs(3), "{took:?}");
        assert!(
            p.log_text().contains("timed out") && p.log_text().contains("3s"),
            "{}",
            p.log_text()
        );
        assert_eq!(
            metric(&metrics, "kforge_snapshot_last_attempt_success").as_deref(),
            Some("0"),
            "{args:?}"
        );
        // No temporary file left, and the lock is free: a second run is
        // not refused as locked (it times out the same way).
        let left: Vec<PathBuf> = files_under(&snaps)
            .into_iter()
            .chain(files_under(&offsite))
            .filter(|f| !f.ends_with(".kforge-snapshot.lock"))
            .collect();
        assert_eq!(left, Vec::<PathBuf>::new(), "{args:?}");
    }
    let (_, err) = kforge()
        .args(["snapshot", "save", "--timeout", "1s", "--dir"])
        .arg(&snaps)
        .args(["--endpoints", &etcd.endpoint])
        .fails_with(1);
    assert!(err.contains("timed out"), "{err}");
    signal(etcd_pid, "CONT");
    assert!(etcd.wait_healthy());
}

#[test]
fn secrets_are_refused_and_never_printed() {
    let dir = tempdir();
    let metrics = dir.path().join("m.prom");
    let secret = "TOPSECRET-0123456789";
    let check = |args: Vec<String>| {
        let (o, d) = kforge().arg("-vvv").args(&args).output();
        assert_eq!(o.status.code(), Some(2), "{d}");
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(!all.contains(secret), "secret printed:\n{d}");
        assert!(
            !std::fs::read_to_string(&metrics)
                .unwrap_or_default()
                .contains(secret),
            "secret in the metrics"
        );
        all
    };
    let s = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let m = metrics.display().to_string();
    for url in [
        format!("sftp://backup:{secret}@127.0.0.1/srv/etcd"),
        format!("s3://AKIDEXAMPLE:{secret}@backups/etcd"),
        format!("s3://{secret}@backups"),
    ] {
        let out = check(s(&[
            "snapshot",
            "save",
            "--no-local-copy",
            "--upload",
            &url,
            "--endpoints",
            "http://127.0.0.1:1",
            "--metrics-file",
            &m,
        ]));
        assert!(out.contains("not repeated"), "{out}");
        for cmdline in [
            s(&["snapshot", "list", &url]),
            s(&["snapshot", "status", &url]),
            s(&["snapshot", "drill", &format!("{url}/x.db.age")]),
            s(&["snapshot", "restore", &url, "--data-dir", "/nonexistent/d"]),
            s(&["snapshot", "prune", &url, "--keep", "1"]),
        ] {
            check(cmdline);
        }
    }
    // An age private key given as a recipient.
    let (key, _) = age_key(dir.path(), "key.txt");
    let id = std::fs::read_to_string(&key).unwrap();
    let private = id
        .lines()
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .unwrap()
        .to_string();
    let (o, d) = kforge()
        .args([
            "snapshot",
            "save",
            "--upload",
            "/tmp",
            "--encrypt-to",
            &private,
        ])
        .arg(dir.path().join("s.db"))
        .output();
    assert_eq!(o.status.code(), Some(2), "{d}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("private key"), "{d}");
    assert!(!err.contains(&private[15..]), "private key echoed:\n{d}");

    // A passphrase-protected identity: named as unsupported.
    let (_, recipient) = age_key(dir.path(), "other.txt");
    let protected = dir.path().join("protected.txt");
    cmd("age")
        .args(["-a", "-r", &recipient, "-o"])
        .arg(&protected)
        .arg(&key)
        .ok();
    let (_, err) = kforge()
        .args(["snapshot", "status", "s3://backups/etcd", "--identity"])
        .arg(&protected)
        .fails_with(2);
    assert!(err.contains("passphrase-protected"), "{err}");
    assert!(!err.contains("non-identity data"), "{err}");
}

#[test]
fn a_group_readable_identity_is_warned_about() {
    let dir = tempdir();
    let (_, enc, key) = snapshot(dir.path(), 20, 100);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (o, d) = kforge()
        .args(["snapshot", "status"])
        .arg(&enc)
        .arg("--identity")
        .arg(&key)
        .output();
    assert!(o.status.success(), "{d}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("readable by group or others"), "{d}");
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    let (o, d) = kforge()
        .args(["snapshot", "status"])
        .arg(&enc)
        .arg("--identity")
        .arg(&key)
        .output();
    assert!(o.status.success(), "{d}");
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("readable"),
        "{d}"
    );
}

#[test]
fn a_drill_reads_big_values_back_through_etcd_and_names_a_full_work_dir() {
    let dir = tempdir();
    // 700 values of 9 KB: one 1000-key page would be 6 MB, over a 4 MiB
    // gRPC receive limit.
    let (_, enc, key) = snapshot(dir.path(), 700, 9000);
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    let out = kforge()
        .args(["snapshot", "drill", "-o", "json"])
        .arg(&enc)
        .arg("--identity")
        .arg(&key)
        .arg("--etcd-binary")
        .arg(etcd35("etcd"))
        .arg("--work-dir")
        .arg(&work)
        .ok();
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["etcdKeysRead"], 700, "{out}");

    // A work dir on a full filesystem (a 512 KiB tmpfs in a private mount
    // namespace): the work dir is named, the backup not blamed.
    let script = format!(
        "mount -t tmpfs -o size=512k tmpfs '{w}' && exec '{k}' snapshot drill '{e}' --identity '{i}' --work-dir '{w}'",
        w = work.display(),
        k = env!("CARGO_BIN_EXE_kforge"),
        e = enc.display(),
        i = key.display()
    );
    let (o, d) = cmd("unshare").args(["-m", "sh", "-c", &script]).output();
    assert_eq!(o.status.code(), Some(1), "{d}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains(&format!("no space in {}", work.display())),
        "{d}"
    );
    assert!(!err.contains("download or decryption failed"), "{d}");
}

#[test]
fn s3_keys_are_stored_literally_checksummed_and_server_side_encrypted() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 100, 100);
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    let prefix = "etcd backups/prod é~#";
    let url = format!("s3://backups/{prefix}");
    let s3 = [
        "--s3-endpoint".to_string(),
        w.endpoint.clone(),
        "--s3-ca-file".into(),
        w.ca.display().to_string(),
        "--s3-credentials-file".into(),
        creds.display().to_string(),
    ];
    kforge()
        .args(["snapshot", "save", "--no-local-copy", "--upload", &url])
        .args(["--node-name", "cp1", "--s3-sse", "AES256"])
        .args(["--endpoints", &etcd.endpoint])
        .args(&s3)
        .ok();
    // The server's own listing has the key exactly as typed.
    let keys = w.keys("backups", "");
    let ours: Vec<&String> = keys
        .iter()
        .filter(|k| k.starts_with(&format!("{prefix}/etcd-cp1-")) && k.ends_with(".db"))
        .collect();
    assert_eq!(ours.len(), 1, "{keys:?}");
    // rclone finds it under the typed prefix.
    let listed = cmd(test_bin("rclone"))
        .args(["lsf", "--s3-provider", "Other", "--s3-endpoint"])
        .arg(&w.http_endpoint)
        .args([
            "--s3-access-key-id",
            ADMIN_KEY.0,
            "--s3-secret-access-key",
            ADMIN_KEY.1,
        ])
        .arg(format!(":s3:backups/{prefix}/"))
        .ok();
    let name = ours[0].rsplit('/').next().unwrap();
    assert!(listed.lines().any(|l| l == name), "rclone lsf:\n{listed}");
    // The server applied SSE-S3 (--s3-sse AES256); checked on a plain key.
    kforge()
        .args([
            "snapshot",
            "save",
            "--no-local-copy",
            "--upload",
            "s3://backups/sse",
        ])
        .args(["--node-name", "cp1", "--s3-sse", "AES256"])
        .args(["--endpoints", &etcd.endpoint])
        .args(&s3)
        .ok();
    let sse_key = w.keys("backups", "sse/").pop().unwrap();
    let (o, d) = cmd("curl")
        .args(["-s", "-I", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .args(["-H", "x-amz-checksum-mode: ENABLED"])
        .arg(format!("{}/backups/{sse_key}", w.http_endpoint))
        .output();
    let head = String::from_utf8_lossy(&o.stdout).to_lowercase();
    assert!(head.contains("x-amz-server-side-encryption: aes256"), "{d}");
    // The upload carried x-amz-checksum-sha256 (the server kept it): the
    // sha256 of the bytes stored.
    let got = dir.path().join("sse.db");
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-o")
        .arg(&got)
        .arg(format!("{}/backups/{sse_key}", w.http_endpoint))
        .output();
    assert!(o.status.success(), "{d}");
    let want = cmd("sh")
        .arg("-c")
        .arg(format!(
            "openssl dgst -sha256 -binary '{}' | base64",
            got.display()
        ))
        .ok();
    assert!(
        head.contains(&format!(
            "x-amz-checksum-sha256: {}",
            want.trim().to_lowercase()
        )),
        "{head}"
    );
    // And kforge reads it back from there.
    let out = kforge()
        .args(["snapshot", "list", &url, "-o", "json"])
        .args(&s3)
        .ok();
    assert!(out.contains(name), "{out}");
    kforge()
        .args(["snapshot", "status", &url, "--node-name", "cp1"])
        .args(&s3)
        .ok();
}

#[test]
fn the_shipped_units_are_bounded_hardened_and_verify() {
    let bin = env!("CARGO_BIN_EXE_kforge");
    let dir = tempdir();
    let mut units = Vec::new();
    for name in ["kforge-etcd-snapshot.service", "kforge-etcd-drill.service"] {
        let text = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("templates/systemd")
                .join(name),
        )
        .unwrap();
        for want in [
            "\nUMask=0077\n",
            "\nTimeoutStartSec=",
            "\nWants=network-online.target\n",
            "\nAfter=network-online.target\n",
            "\nNoNewPrivileges=yes\n",
            "\nProtectSystem=strict\n",
            "\nPrivateTmp=yes\n",
        ] {
            assert!(text.contains(want), "{name} lacks {want:?}");
        }
        // Exit 4 (locked: the previous run is wedged) must fail the unit.
        assert!(!text.contains("SuccessExitStatus"), "{name}");
        if name.contains("snapshot") {
            assert!(text.contains("--timeout "), "{name}");
        }
        let f = dir.path().join(name);
        std::fs::write(&f, text.replace("/usr/local/bin/kforge", bin)).unwrap();
        units.push(f);
    }
    let (o, d) = cmd("systemd-analyze")
        .args(["verify", "--man=no"])
        .args(&units)
        .output();
    assert!(o.status.success(), "{d}");
}

#[test]
fn a_killed_directory_upload_leaves_a_part_file_the_next_upload_removes() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 50, 100);
    let target = dir.path().join("offsite");
    std::fs::create_dir(&target).unwrap();
    // What a SIGKILLed upload leaves (nobody holds its lock), and the
    // temporary file of an upload in flight elsewhere (held by flock).
    let dead = target.join(".kforge-upload-a1b2c3.part");
    std::fs::write(&dead, b"half a snapshot").unwrap();
    let live = target.join(".kforge-upload-d4e5f6.part");
    std::fs::write(&live, b"in flight").unwrap();
    let mut holder = cmd("flock")
        .arg(&live)
        .args(["sleep", "300"])
        .spawn(&dir.path().join("flock.log"));
    // Held once a non-blocking flock of it fails.
    assert!(wait_until(Duration::from_secs(10), || {
        cmd("flock")
            .args(["-n"])
            .arg(&live)
            .arg("true")
            .output()
            .0
            .status
            .code()
            == Some(1)
    }));
    let out = kforge()
        .args(["snapshot", "save", "--no-local-copy", "--upload"])
        .arg(&target)
        .args(["--endpoints", &etcd.endpoint])
        .output();
    assert!(out.0.status.success(), "{}", out.1);
    assert!(out.1.contains("left by a killed upload"), "{}", out.1);
    assert!(!dead.exists());
    assert!(live.exists(), "a live upload's file was removed");
    holder.kill();
}

/// Serves one fixed JSON body over HTTP to every request that carries
/// `Authorization: <token>`; 403 to others. Counts the good requests.
fn credentials_endpoint(
    token: &'static str,
    body: String,
) -> (u16, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    let served = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = served.clone();
    std::thread::spawn(move || {
        for c in l.incoming() {
            let Ok(mut c) = c else { continue };
            let mut req = Vec::new();
            let mut buf = [0u8; 4096];
            while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                match c.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => req.extend_from_slice(&buf[..n]),
                }
            }
            let text = String::from_utf8_lossy(&req).to_lowercase();
            let ok = text.contains(&format!("authorization: {}", token.to_lowercase()));
            let (status, body) = if ok {
                count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                ("200 OK", body.clone())
            } else {
                ("403 Forbidden", String::new())
            };
            let _ = write!(
                c,
                "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    (port, served)
}

#[test]
fn s3_credentials_come_from_a_container_credentials_endpoint_when_no_key_is_given() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 20, 100);
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    // EKS Pod Identity: the agent's URI and the token file the pod gets.
    let token_file = dir.path().join("eks-token");
    std::fs::write(&token_file, "pod-identity-token").unwrap();
    let body = format!(
        r#"{{"AccessKeyId":"{}","SecretAccessKey":"{}","Token":"","Expiration":"2100-01-01T00:00:00Z"}}"#,
        ADMIN_KEY.0, ADMIN_KEY.1
    );
    let (port, served) = credentials_endpoint("pod-identity-token", body);
    let home = dir.path().join("home");
    std::fs::create_dir(&home).unwrap();
    let run = |full_uri: bool| {
        let mut c = kforge()
            .args([
                "snapshot",
                "save",
                "--no-local-copy",
                "--upload",
                "s3://backups/pod",
            ])
            .args(["--endpoints", &etcd.endpoint, "--s3-endpoint", &w.endpoint])
            .arg("--s3-ca-file")
            .arg(&w.ca)
            // No key pair anywhere, no instance metadata service.
            .env("HOME", &home)
            .env("AWS_ACCESS_KEY_ID", "")
            .env("AWS_SECRET_ACCESS_KEY", "")
            .env("AWS_SHARED_CREDENTIALS_FILE", dir.path().join("none"))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", &token_file);
        if full_uri {
            c = c.env(
                "AWS_CONTAINER_CREDENTIALS_FULL_URI",
                format!("http://127.0.0.1:{port}/v1/credentials"),
            );
        }
        c.output()
    };
    // Without the endpoint: one line naming every source.
    let (o, d) = run(false);
    assert_eq!(o.status.code(), Some(1), "{d}");
    assert!(d.contains("no S3 credentials"), "{d}");
    let (o, d) = run(true);
    assert!(o.status.success(), "{d}");
    assert!(served.load(std::sync::atomic::Ordering::SeqCst) >= 1);
    // The snapshot and its record.
    let keys = w.keys("backups", "pod/");
    assert_eq!(
        keys.iter().filter(|k| !k.contains(".record.json")).count(),
        1,
        "{keys:?}"
    );
}
