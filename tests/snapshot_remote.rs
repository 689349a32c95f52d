//! Off-node snapshots: `snapshot save --upload`, and `list | status | prune |
//! restore` on URLs, against a real S3 server (SeaweedFS `weed mini`, HTTPS
//! from a test CA, SigV4 identities), real etcd, Debian's `age` and a real
//! sshd.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::etcd::{free_ports, Etcd, MemberFlags, Version};
use support::s3::{age_key, Weed, ADMIN_KEY, READER_KEY};
use support::*;

/// The flags that reach `weed` over HTTPS with `creds`.
fn s3_flags(w: &Weed, creds: &Path) -> Vec<String> {
    vec![
        "--s3-endpoint".into(),
        w.endpoint.clone(),
        "--s3-ca-file".into(),
        w.ca.display().to_string(),
        "--s3-credentials-file".into(),
        creds.display().to_string(),
    ]
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

/// One line on stderr (a trailing warning line aside) that says `what`.
fn one_line_error(stderr: &str, what: &[&str]) {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(lines.len(), 1, "one error line expected:\n{stderr}");
    for w in what {
        assert!(lines[0].contains(w), "{w:?} missing in:\n{stderr}");
    }
}

/// Downloads `bucket/key` with a signed curl request into `to`.
fn curl_get(w: &Weed, bucket: &str, key: &str, to: &Path) {
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-o")
        .arg(to)
        .arg(format!("{}/{bucket}/{key}", w.http_endpoint))
        .output();
    assert!(o.status.success(), "download failed\n{d}");
}

/// An S3 server with bucket `backups` and admin credentials, an age key,
/// and etcd holding `mib` 1 MB values under /registry/big.
struct Big {
    w: Weed,
    creds: PathBuf,
    key: PathBuf,
    recipient: String,
    etcd: Etcd,
}

fn big(dir: &Path, mib: usize) -> Big {
    let w = Weed::start(&dir.join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    let (key, recipient) = age_key(dir, "key.txt");
    let etcd = Etcd::start(Version::V3_5, dir, &["--quota-backend-bytes", "4294967296"]);
    etcd.fill("/registry/big", mib, 1_000_000);
    Big {
        w,
        creds,
        key,
        recipient,
        etcd,
    }
}

#[test]
fn a_200mb_snapshot_is_encrypted_uploaded_listed_verified_restored_and_booted() {
    let dir = tempdir();
    let Big {
        w,
        creds,
        key,
        recipient,
        etcd,
    } = big(dir.path(), 205);
    etcd.fill("/registry/small", 500, 100);
    let snaps = dir.path().join("snaps");
    std::fs::create_dir(&snaps).unwrap();
    let out = kforge()
        .args([
            "snapshot",
            "save",
            "-o",
            "json",
            "--endpoints",
            &etcd.endpoint,
        ])
        .arg("--dir")
        .arg(&snaps)
        .args([
            "--upload",
            "s3://backups/etcd/prod",
            "--encrypt-to",
            &recipient,
        ])
        .args(["--node-name", "cp1"])
        .args(s3_flags(&w, &creds))
        .ok();
    let saved = json(&out);
    let local = PathBuf::from(saved["file"].as_str().unwrap());
    assert!(saved["sizeBytes"].as_u64().unwrap() > 200_000_000, "{out}");
    let up = &saved["uploads"][0];
    assert_eq!(up["ok"], true, "{out}");
    assert_eq!(up["encrypted"], true);
    let name = up["name"].as_str().unwrap().to_string();
    assert!(
        name.starts_with("etcd-cp1-") && name.ends_with(".db.age"),
        "{name}"
    );
    // Exactly one object, complete, and its record; no multipart upload left open.
    let record = format!("etcd/prod/{}.record.json", name.trim_end_matches(".age"));
    assert_eq!(
        w.keys("backups", "etcd/prod/"),
        vec![format!("etcd/prod/{name}"), record]
    );
    assert_eq!(w.open_multipart_uploads("backups"), 0);

    // Debian's age decrypts it to the very bytes of the local snapshot.
    let got = dir.path().join("got.age");
    curl_get(&w, "backups", &format!("etcd/prod/{name}"), &got);
    let plain = dir.path().join("plain.db");
    cmd("age")
        .args(["-d", "-i"])
        .arg(&key)
        .arg("-o")
        .arg(&plain)
        .arg(&got)
        .ok();
    let sha = |p: &Path| {
        cmd("sha256sum")
            .arg(p)
            .ok()
            .split(' ')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(sha(&plain), sha(&local));
    std::fs::remove_file(&plain).unwrap();
    std::fs::remove_file(&got).unwrap();

    // Listed beside the local copy: size, revision, encrypted, verified.
    let rows = json(
        &kforge()
            .args([
                "snapshot",
                "list",
                "s3://backups/etcd/prod",
                "-o",
                "json",
                "--dir",
            ])
            .arg(&snaps)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    let rows = rows["snapshots"].as_array().unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    let remote = rows
        .iter()
        .find(|r| r["location"] == "s3://backups/etcd/prod")
        .unwrap();
    assert_eq!(remote["name"], name.as_str());
    assert_eq!(remote["node"], "cp1");
    assert_eq!(remote["encrypted"], true);
    assert_eq!(remote["revision"], saved["revision"]);
    assert!(remote["sizeBytes"].as_u64().unwrap() > saved["sizeBytes"].as_u64().unwrap());
    // What was checked, exactly: its record (cluster, size), not the content.
    assert_eq!(remote["checked"], "record");
    assert_eq!(remote["clusterId"], saved["clusterId"]);
    assert_eq!(remote["verified"], true);
    // The local copy and the upload share one name.
    assert_eq!(
        format!("{}.age", local.file_name().unwrap().to_string_lossy()),
        name
    );

    // status of the URL (this node's newest there) decrypts and verifies.
    let st = json(
        &kforge()
            .args([
                "snapshot",
                "status",
                "s3://backups/etcd/prod",
                "--node-name",
                "cp1",
            ])
            .arg("--identity")
            .arg(&key)
            .args(["-o", "json"])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(st["revision"], saved["revision"]);
    assert_eq!(st["hash"], saved["hash"]);
    assert_eq!(st["trailerValid"], true);

    // Restore from the object URL, boot real etcd on it, read the keys back.
    let [client, peer] = free_ports::<2>();
    let client_url = format!("http://127.0.0.1:{client}");
    let peer_url = format!("http://127.0.0.1:{peer}");
    let data = dir.path().join("restored");
    kforge()
        .args([
            "snapshot",
            "restore",
            &format!("s3://backups/etcd/prod/{name}"),
        ])
        .arg("--identity")
        .arg(&key)
        .arg("--data-dir")
        .arg(&data)
        .args(["--name", "r1", "--initial-advertise-peer-urls", &peer_url])
        .args(["--initial-cluster", &format!("r1={peer_url}")])
        .args(s3_flags(&w, &creds))
        .ok();
    // The fetched plaintext copy is gone.
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".kforge-fetch-")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    drop(etcd);
    let initial = format!("r1={peer_url}");
    let mut restored = Etcd::spawn(
        Version::V3_5,
        &MemberFlags {
            name: "r1",
            client_url: &client_url,
            peer_url: &peer_url,
            initial_cluster: &initial,
            token: None,
        },
        &data,
        &dir.path().join("restored.log"),
        &[],
    );
    assert!(restored.wait_healthy(), "{}", restored.proc.log_text());
    let count = restored
        .ctl()
        .args([
            "get",
            "/registry/",
            "--prefix",
            "--count-only",
            "-w",
            "fields",
        ])
        .ok();
    assert!(count.contains("\"Count\" : 705\n"), "{count}");
}

#[test]
fn wrong_credentials_and_an_untrusted_ca_are_one_line_and_exit_1_keeping_the_local_copy() {
    let dir = tempdir();
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let good = w.credentials_file(ADMIN_KEY, "admin.creds");
    let bad = w.credentials_file(("KFORGEADMIN", "not-the-secret"), "bad.creds");
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/k", 20, 10);
    for (i, (flags, what)) in [
        (
            s3_flags(&w, &bad),
            vec!["s3://backups/x", "credentials were refused"],
        ),
        (
            vec![
                "--s3-endpoint".to_string(),
                w.endpoint.clone(),
                "--s3-credentials-file".into(),
                good.display().to_string(),
            ],
            vec!["s3://backups/x", "not trusted", "--s3-ca-file"],
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let file = dir.path().join(format!("snap{i}.db"));
        let (_, err) = kforge()
            .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
            .arg(&file)
            .args(["--upload", "s3://backups/x", "--node-name", "cp1"])
            .args(flags)
            .args(["--s3-retries", "1"])
            .fails_with(1);
        one_line_error(&err, &what);
        assert!(
            err.contains(&file.display().to_string()),
            "names the kept copy: {err}"
        );
        // The local copy is intact.
        kforge().args(["snapshot", "status"]).arg(&file).ok();
    }
    assert!(w.keys("backups", "x/").is_empty());

    // A plain-HTTP endpoint works, with one warning.
    let file = dir.path().join("http.db");
    let (o, d) = kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&file)
        .args(["--upload", "s3://backups/x", "--node-name", "cp1"])
        .args(["--s3-endpoint", &w.http_endpoint, "--s3-credentials-file"])
        .arg(&good)
        .output();
    assert!(o.status.success(), "{d}");
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.matches("plain HTTP").count(), 1, "{d}");
    assert_eq!(
        w.keys("backups", "x/").len(),
        2,
        "the snapshot and its record"
    );

    // Credentials are never a flag value.
    let (_, err) = kforge()
        .args([
            "snapshot",
            "list",
            "s3://backups/x",
            "--s3-secret-access-key",
            "x",
        ])
        .fails_with(2);
    assert!(err.contains("--s3-secret-access-key"), "{err}");
}

#[test]
fn a_server_killed_mid_upload_leaves_no_partial_object_and_the_local_copy_intact_and_the_next_upload_aborts_it(
) {
    let dir = tempdir();
    let Big {
        mut w,
        creds,
        key,
        recipient,
        etcd,
    } = big(dir.path(), 160);
    let file = dir.path().join("snap.db");
    let log = dir.path().join("save.log");
    // The same target, key and node name for both saves.
    let mut upload: Vec<String> = ["--upload", "s3://backups/etcd", "--encrypt-to", &recipient]
        .iter()
        .map(|s| s.to_string())
        .collect();
    upload.extend(["--node-name".into(), "cp1".into()]);
    upload.extend(s3_flags(&w, &creds));
    let mut save = kforge()
        .args(["snapshot", "save", "--endpoints", &etcd.endpoint])
        .arg(&file)
        .args(&upload)
        .args(["--s3-retries", "2"])
        .spawn(&log);
    // Kill the server once the multipart upload is under way (and recorded).
    assert!(
        wait_until(Duration::from_secs(120), || w
            .open_multipart_uploads("backups")
            > 0
            && !w
                .keys("backups", "etcd/.kforge-unfinished-uploads/")
                .is_empty()),
        "no multipart upload started:\n{}",
        save.log_text()
    );
    w.stop();
    assert!(
        wait_until(Duration::from_secs(120), || !save.is_running()),
        "kforge still running"
    );
    let status = save.child.wait().unwrap();
    assert_eq!(status.code(), Some(1), "{}", save.log_text());
    let text = save.log_text();
    one_line_error(
        &text,
        &["upload to s3://backups/etcd failed", "local snapshot"],
    );
    // The local copy is whole.
    kforge().args(["snapshot", "status"]).arg(&file).ok();
    // Back up: no snapshot object (partial or not) under the prefix, only
    // the record of the multipart upload the failed abort left open.
    w.restart();
    let keys = w.keys("backups", "etcd/");
    assert_eq!(keys.len(), 1, "{keys:?}");
    assert!(
        keys[0].starts_with("etcd/.kforge-unfinished-uploads/etcd-cp1-"),
        "{keys:?}"
    );

    // A new upload aborts that upload (and drops its record), then works
    // and decrypts with age.
    let (res, text) = kforge()
        .args([
            "snapshot",
            "save",
            "-o",
            "json",
            "--endpoints",
            &etcd.endpoint,
        ])
        .arg(dir.path().join("snap2.db"))
        .args(&upload)
        .output();
    assert!(res.status.success(), "{text}");
    assert!(
        text.contains("aborted the unfinished multipart upload an earlier run left"),
        "{text}"
    );
    assert_eq!(w.open_multipart_uploads("backups"), 0);
    let out = String::from_utf8_lossy(&res.stdout).into_owned();
    let name = json(&out)["uploads"][0]["name"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        w.keys("backups", "etcd/"),
        vec![
            format!("etcd/{name}"),
            format!("etcd/{}.record.json", name.trim_end_matches(".age"))
        ]
    );
    let st = json(
        &kforge()
            .args([
                "snapshot",
                "status",
                &format!("s3://backups/etcd/{name}"),
                "-o",
                "json",
            ])
            .arg("--identity")
            .arg(&key)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(st["trailerValid"], true);
}

#[test]
fn retention_is_per_node_and_a_prune_without_delete_permission_is_reported() {
    let dir = tempdir();
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let admin = w.credentials_file(ADMIN_KEY, "admin.creds");
    let reader = w.credentials_file(READER_KEY, "reader.creds");
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/k", 10, 10);
    let save = |node: &str, extra: &[&str]| {
        kforge()
            .args([
                "snapshot",
                "save",
                "--no-local-copy",
                "--endpoints",
                &etcd.endpoint,
            ])
            .args(["--upload", "s3://backups/shared", "--node-name", node])
            .args(s3_flags(&w, &admin))
            .args(extra)
            .ok();
        // A new revision for the next snapshot.
        etcd.ctl().args(["put", "/tick", node]).ok();
    };
    // An object kforge did not name is never touched.
    let foreign = dir.path().join("notes.txt");
    std::fs::write(&foreign, "hands off").unwrap();
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-T")
        .arg(&foreign)
        .arg(format!("{}/backups/shared/etcd-notes.db", w.http_endpoint))
        .output();
    assert!(o.status.success(), "{d}");
    for _ in 0..3 {
        save("cp1", &[]);
        save("cp2", &[]);
    }
    let of = |node: &str| {
        w.keys("backups", "shared/")
            .into_iter()
            .filter(|k| k.starts_with(&format!("shared/etcd-{node}-")) && k.ends_with(".db"))
            .count()
    };
    assert_eq!((of("cp1"), of("cp2")), (3, 3));
    // cp1's save with --keep 1 prunes cp1 only.
    save("cp1", &["--keep", "1"]);
    assert_eq!((of("cp1"), of("cp2")), (1, 3));

    // A prune by credentials without delete permission fails loudly and counts.
    let metrics = dir.path().join("m.prom");
    let (out, err) = kforge()
        .args([
            "snapshot",
            "prune",
            "s3://backups/shared",
            "--keep",
            "1",
            "--node-name",
            "cp2",
        ])
        .arg("--metrics-file")
        .arg(&metrics)
        .args(s3_flags(&w, &reader))
        .fails_with(1);
    one_line_error(
        &err,
        &["s3://backups/shared", "could not delete 2", "access denied"],
    );
    assert!(out.contains("FAILED"), "{out}");
    let m = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        m.contains("kforge_snapshot_retention_failures_total{target=\"s3://backups/shared\"} 2\n"),
        "{m}"
    );
    assert_eq!(of("cp2"), 3);
    // With delete permission: cp2 down to its newest, cp1 and the foreign object untouched.
    let out = json(
        &kforge()
            .args([
                "snapshot",
                "prune",
                "s3://backups/shared",
                "--keep",
                "1",
                "--node-name",
                "cp2",
            ])
            .args(["-o", "json", "--metrics-file"])
            .arg(&metrics)
            .args(s3_flags(&w, &admin))
            .ok(),
    );
    assert_eq!(
        out["remote"][0]["deleted"].as_array().unwrap().len(),
        2,
        "{out}"
    );
    assert_eq!((of("cp1"), of("cp2")), (1, 1));
    assert!(w
        .keys("backups", "shared/")
        .contains(&"shared/etcd-notes.db".to_string()));
    let m = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        m.contains("kforge_snapshot_retention_deleted_total{target=\"s3://backups/shared\"} 2\n"),
        "{m}"
    );
    // --keep-within 1ms still keeps each node's newest.
    kforge()
        .args([
            "snapshot",
            "prune",
            "s3://backups/shared",
            "--keep-within",
            "1ms",
            "--node-name",
            "cp1",
        ])
        .args(s3_flags(&w, &admin))
        .ok();
    assert_eq!((of("cp1"), of("cp2")), (1, 1));
}
