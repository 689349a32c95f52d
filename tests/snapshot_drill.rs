//! `kforge snapshot drill`: a good snapshot passes (restored, booted on real
//! etcd, every key read back); a flipped byte, a wrong age identity and a
//! truncated download each fail with one clear line and a failed metric.

mod support;

use std::path::Path;
use support::etcd::{Etcd, Version};
use support::s3::{age_key, Weed, ADMIN_KEY};
use support::*;

fn metric(path: &Path, name: &str) -> Option<String> {
    std::fs::read_to_string(path)
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")).map(str::to_string))
}

/// Runs a drill expected to fail; checks the one line and the metric.
fn fails(metrics: &Path, args: &[&str], extra: &[String], what: &str) {
    let (out, err) = kforge()
        .args(["snapshot", "drill"])
        .args(args)
        .args(extra)
        .arg("--metrics-file")
        .arg(metrics)
        .fails_with(1);
    assert!(out.is_empty(), "{out}");
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "one line expected:\n{err}");
    assert!(
        lines[0].contains("drill failed") && lines[0].contains(what),
        "{what:?}:\n{err}"
    );
    assert_eq!(
        metric(metrics, "kforge_snapshot_drill_last_attempt_success").as_deref(),
        Some("0")
    );
}

#[test]
fn a_good_snapshot_passes_and_broken_ones_fail_with_one_line_and_a_failed_metric() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/registry/pods", 3000, 200);
    etcd.fill("/registry/configmaps", 20, 50_000);
    etcd.ctl()
        .args(["del", "--prefix", "/registry/pods/0000001"])
        .ok();
    let snap = dir.path().join("snap.db");
    kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&snap)
        .ok();
    drop(etcd);
    let metrics = dir.path().join("drill.prom");
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();

    // Encrypted by Debian's age CLI; kforge decrypts, restores, boots etcd 3.5 on it.
    let (key, recipient) = age_key(dir.path(), "key.txt");
    let enc = dir.path().join("snap.db.age");
    cmd("age")
        .args(["-r", &recipient, "-o"])
        .arg(&enc)
        .arg(&snap)
        .ok();
    let etcd_bin = etcd35("etcd");
    let out = kforge()
        .args(["snapshot", "drill", "-o", "json"])
        .arg(&enc)
        .arg("--identity")
        .arg(&key)
        .arg("--etcd-binary")
        .arg(&etcd_bin)
        .arg("--work-dir")
        .arg(&work)
        .arg("--metrics-file")
        .arg(&metrics)
        .ok();
    let r: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(r["encrypted"], true);
    assert_eq!(r["sha256"], "valid");
    let keys = 3000 - 10 + 20; // pods 00000010..00000019 deleted
    assert_eq!(r["keys"], keys, "{out}");
    assert_eq!(r["etcdKeysRead"], keys);
    assert_eq!(r["restoredRevision"], r["revision"]);
    assert_eq!(
        metric(&metrics, "kforge_snapshot_drill_last_attempt_success").as_deref(),
        Some("1")
    );
    assert_eq!(
        metric(&metrics, "kforge_snapshot_drill_last_success_keys"),
        Some(keys.to_string())
    );
    let success_time = metric(
        &metrics,
        "kforge_snapshot_drill_last_success_timestamp_seconds",
    );
    // Everything cleaned up.
    assert!(files_under(&work).is_empty(), "{:?}", files_under(&work));
    assert_eq!(std::fs::read_dir(&work).unwrap().count(), 0);

    let w = ["--work-dir".to_string(), work.display().to_string()];
    // A flipped byte in the middle of the plain snapshot.
    let flipped = dir.path().join("flipped.db");
    let mut bytes = std::fs::read(&snap).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(&flipped, &bytes).unwrap();
    fails(
        &metrics,
        &[flipped.to_str().unwrap()],
        &w,
        "sha256 trailer does not match",
    );

    // A wrong identity.
    let (other, _) = age_key(dir.path(), "other.txt");
    fails(
        &metrics,
        &[enc.to_str().unwrap(), "--identity", other.to_str().unwrap()],
        &w,
        "wrong --identity",
    );
    // No identity for an encrypted file.
    fails(&metrics, &[enc.to_str().unwrap()], &w, "pass --identity");

    // A truncated download from S3: the object lost its tail.
    let weed = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = weed.credentials_file(ADMIN_KEY, "admin.creds");
    let cut = dir.path().join("cut.age");
    let enc_bytes = std::fs::read(&enc).unwrap();
    std::fs::write(&cut, &enc_bytes[..enc_bytes.len() - 70_000]).unwrap();
    let name = "etcd-cp1-20261201T120000.000Z-rev42.db.age";
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-T")
        .arg(&cut)
        .arg(format!("{}/backups/etcd/{name}", weed.http_endpoint))
        .output();
    assert!(o.status.success(), "{d}");
    let s3 = vec![
        "--s3-endpoint".to_string(),
        weed.endpoint.clone(),
        "--s3-ca-file".into(),
        weed.ca.display().to_string(),
        "--s3-credentials-file".into(),
        creds.display().to_string(),
        "--work-dir".into(),
        work.display().to_string(),
    ];
    // Named explicitly: a target URL uses only snapshots with a kforge
    // record, and this one (planted by curl) has none.
    let object = format!("s3://backups/etcd/{name}");
    fails(
        &metrics,
        &[
            &object,
            "--node-name",
            "cp1",
            "--identity",
            key.to_str().unwrap(),
        ],
        &s3,
        "truncated",
    );
    // The failures kept the last success's values.
    assert_eq!(
        metric(
            &metrics,
            "kforge_snapshot_drill_last_success_timestamp_seconds"
        ),
        success_time
    );
    assert_eq!(
        std::fs::read_dir(&work).unwrap().count(),
        0,
        "cleaned up after failures too"
    );
}
