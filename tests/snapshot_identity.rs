//! Off-node snapshots bound to their cluster and signed: the record beside
//! every snapshot, selection by cluster (`--root`, `--cluster-id`), content
//! checked against record and name, retention that junk, future-dated and
//! foreign snapshots cannot trick, and SSHSIG signatures that Debian's
//! `ssh-keygen -Y verify` checks (and that kforge checks when ssh-keygen
//! made them). Real SeaweedFS (`weed mini`), real etcd 3.5, real ssh-keygen.

mod support;

use std::path::{Path, PathBuf};
use support::etcd::{Etcd, Version};
use support::s3::{Weed, ADMIN_KEY};
use support::*;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn error_line(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(lines.len(), 1, "one error line expected:\n{stderr}");
    lines[0].to_string()
}

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

/// PUTs `from` as `bucket/key` with a signed curl request.
fn curl_put(w: &Weed, key: &str, from: &Path) {
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-T")
        .arg(from)
        .arg(format!("{}/backups/{key}", w.http_endpoint))
        .output();
    assert!(o.status.success(), "upload failed\n{d}");
}

fn curl_get(w: &Weed, key: &str, to: &Path) {
    let (o, d) = cmd("curl")
        .args(["-s", "-f", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user"])
        .arg(format!("{}:{}", ADMIN_KEY.0, ADMIN_KEY.1))
        .arg("-o")
        .arg(to)
        .arg(format!("{}/backups/{key}", w.http_endpoint))
        .output();
    assert!(o.status.success(), "download failed\n{d}");
}

/// The snapshot objects (not records) under `prefix` whose name starts with `start`.
fn snaps(w: &Weed, prefix: &str, start: &str) -> Vec<String> {
    let mut v: Vec<String> = w
        .keys("backups", prefix)
        .into_iter()
        .filter(|k| k.starts_with(&format!("{prefix}{start}")))
        .filter(|k| k.ends_with(".db") || k.ends_with(".db.age"))
        .collect();
    v.sort();
    v
}

/// A record rewritten for another name (same content claims otherwise).
fn renamed_record(rec: &str, name: &str, taken: &str, revision: Option<i64>) -> String {
    let mut r = json(rec);
    r["name"] = name.into();
    r["taken"] = taken.into();
    if let Some(n) = revision {
        r["revision"] = n.into();
    }
    format!("{}\n", serde_json::to_string(&r).unwrap())
}

#[test]
fn two_clusters_under_one_node_name_neither_prunes_nor_restores_the_other_and_junk_or_future_objects_never_count(
) {
    let dir = tempdir();
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    let da = dir.path().join("a");
    let db = dir.path().join("b");
    std::fs::create_dir_all(&da).unwrap();
    std::fs::create_dir_all(&db).unwrap();
    let a = Etcd::start(Version::V3_5, &da, &[]);
    let b = Etcd::start(Version::V3_5, &db, &[]);
    a.fill("/a", 5, 10);
    b.fill("/b", 40, 10);
    let url = "s3://backups/shared";
    let save = |e: &Etcd, extra: &[&str]| -> serde_json::Value {
        let out = kforge()
            .args(["snapshot", "save", "-o", "json", "--no-local-copy"])
            .args(["--endpoints", &e.endpoint, "--upload", url])
            .args(["--node-name", "cp1"])
            .args(s3_flags(&w, &creds))
            .args(extra)
            .ok();
        e.ctl().args(["put", "/tick", "x"]).ok();
        json(&out)
    };
    save(&a, &[]);
    save(&b, &[]);
    save(&a, &[]);
    let last_b = save(&b, &[]);
    assert_eq!(snaps(&w, "shared/", "etcd-cp1-").len(), 4);
    // Every snapshot has its record beside it.
    let name_b = last_b["uploads"][0]["name"].as_str().unwrap().to_string();
    let rec = dir.path().join("rec.json");
    curl_get(&w, &format!("shared/{name_b}.record.json"), &rec);
    let rec_b = json(&std::fs::read_to_string(&rec).unwrap());
    let cluster_b = rec_b["clusterId"].as_str().unwrap().to_string();
    assert_eq!(rec_b["node"], "cp1");
    assert_eq!(rec_b["revision"], last_b["revision"]);
    assert_eq!(rec_b["sizeBytes"], last_b["sizeBytes"]);

    // Junk under a kforge-style name (no record), and a real snapshot of A
    // re-uploaded with a name and record dated a year ahead.
    let junk = dir.path().join("junk");
    std::fs::write(&junk, "junk").unwrap();
    curl_put(&w, "shared/etcd-cp1-20200101T000000.000Z-rev7.db", &junk);
    let a_objs: Vec<String> = snaps(&w, "shared/", "etcd-cp1-")
        .into_iter()
        .filter(|k| !k.contains(&name_b))
        .collect();
    let a_obj = a_objs.last().unwrap().clone();
    let a_rec = dir.path().join("a.rec");
    curl_get(&w, &format!("{a_obj}.record.json"), &a_rec);
    let a_rev = json(&std::fs::read_to_string(&a_rec).unwrap())["revision"]
        .as_i64()
        .unwrap();
    let a_body = dir.path().join("a.db");
    curl_get(&w, &a_obj, &a_body);
    let future_year = time::OffsetDateTime::now_utc().year() + 1;
    let future = format!("etcd-cp1-{future_year}0101T000000.000Z-rev{a_rev}.db");
    curl_put(&w, &format!("shared/{future}"), &a_body);
    let frec = dir.path().join("future.rec");
    std::fs::write(
        &frec,
        renamed_record(
            &std::fs::read_to_string(&a_rec).unwrap(),
            &future,
            &format!("{future_year}-01-01T00:00:00.000Z"),
            None,
        ),
    )
    .unwrap();
    curl_put(&w, &format!("shared/{future}.record.json"), &frec);

    // Without --root or --cluster-id: ambiguous, refused.
    let (_, err) = kforge()
        .args(["snapshot", "status", url, "--node-name", "cp1"])
        .args(s3_flags(&w, &creds))
        .fails_with(1);
    let e = error_line(&err);
    assert!(
        e.contains("2 etcd clusters") && e.contains(&cluster_b),
        "{e}"
    );
    // Nor does a prune guess.
    kforge()
        .args([
            "snapshot",
            "prune",
            url,
            "--keep",
            "1",
            "--node-name",
            "cp1",
        ])
        .args(s3_flags(&w, &creds))
        .fails_with(1);
    assert_eq!(snaps(&w, "shared/", "etcd-cp1-").len(), 6);

    // A's save with --keep 1 prunes A's older snapshot only: B's, the junk
    // and the future-dated one stay, and the future one is warned about.
    let (o, d) = kforge()
        .args(["snapshot", "save", "-o", "json", "--no-local-copy"])
        .args(["--endpoints", &a.endpoint, "--upload", url])
        .args(["--node-name", "cp1", "--keep", "1"])
        .args(s3_flags(&w, &creds))
        .output();
    assert!(o.status.success(), "{d}");
    let err = String::from_utf8_lossy(&o.stderr);
    let last_a = json(&String::from_utf8_lossy(&o.stdout));
    assert!(err.contains("in the future"), "{err}");
    let deleted = last_a["uploads"][0]["deleted"].as_array().unwrap().clone();
    assert_eq!(deleted.len(), 2, "{last_a}");
    let left = snaps(&w, "shared/", "etcd-cp1-");
    let name_a = last_a["uploads"][0]["name"].as_str().unwrap().to_string();
    for must in [
        name_a.as_str(),
        name_b.as_str(),
        future.as_str(),
        "etcd-cp1-20200101T000000.000Z-rev7.db",
    ] {
        assert!(
            left.contains(&format!("shared/{must}")),
            "{must} gone: {left:?}"
        );
    }
    assert_eq!(left.len(), 5, "{left:?}");
    // The deleted snapshots' records went with them.
    for d in &deleted {
        let d = d.as_str().unwrap();
        assert!(!w
            .keys("backups", "shared/")
            .contains(&format!("shared/{d}.record.json")));
    }

    // --cluster-id picks B's newest, names it and its age.
    let st = json(
        &kforge()
            .args([
                "snapshot",
                "status",
                url,
                "--node-name",
                "cp1",
                "-o",
                "json",
            ])
            .args(["--cluster-id", &cluster_b])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(st["revision"], last_b["revision"], "{st}");
    assert_eq!(
        st["snapshot"]["object"],
        format!("{url}/{name_b}").as_str(),
        "{st}"
    );
    assert!(st["snapshot"]["ageSeconds"].as_f64().unwrap() >= 0.0);
    let table = kforge()
        .args(["snapshot", "status", url, "--node-name", "cp1"])
        .args(["--cluster-id", &cluster_b])
        .args(s3_flags(&w, &creds))
        .ok();
    assert!(
        table.contains(&format!("Snapshot {url}/{name_b} (taken ")),
        "{table}"
    );

    // --root R: the cluster of the node whose etcd data is under R (read
    // from its WAL, etcd need not run), here A's: never the future one.
    let root = dir.path().join("root-a");
    std::fs::create_dir_all(root.join("var/lib")).unwrap();
    std::os::unix::fs::symlink(&a.data_dir, root.join("var/lib/etcd")).unwrap();
    let st = json(
        &kforge()
            .args([
                "snapshot",
                "status",
                url,
                "--node-name",
                "cp1",
                "-o",
                "json",
            ])
            .arg("--root")
            .arg(&root)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(st["revision"], last_a["revision"], "{st}");
    assert_eq!(st["snapshot"]["object"], format!("{url}/{name_a}").as_str());

    // B's restore by cluster restores B's data, never A's.
    let data = dir.path().join("restored-b");
    let out = json(
        &kforge()
            .args([
                "snapshot",
                "restore",
                url,
                "--node-name",
                "cp1",
                "-o",
                "json",
            ])
            .args(["--cluster-id", &cluster_b])
            .arg("--data-dir")
            .arg(&data)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(out["revision"], last_b["revision"], "{out}");

    // list says what was checked: the junk is name-only and never verified.
    let rows = json(
        &kforge()
            .args(["snapshot", "list", url, "-o", "json"])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    let rows = rows["snapshots"].as_array().unwrap();
    let junk_row = rows
        .iter()
        .find(|r| r["name"] == "etcd-cp1-20200101T000000.000Z-rev7.db")
        .unwrap();
    assert_eq!(junk_row["checked"], "none");
    assert_eq!(junk_row["verified"], false);
    let b_row = rows.iter().find(|r| r["name"] == name_b.as_str()).unwrap();
    assert_eq!(b_row["checked"], "record");
    assert_eq!(b_row["clusterId"], cluster_b.as_str());
    assert_eq!(b_row["verified"], true);
    // list --verify downloads and checks each against its record.
    let rows = json(
        &kforge()
            .args(["snapshot", "list", url, "-o", "json", "--verify"])
            .args(["--cluster-id", &cluster_b])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    let b_row = rows["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == name_b.as_str())
        .unwrap()
        .clone();
    assert_eq!(b_row["checked"], "downloaded", "{b_row}");
    assert_eq!(b_row["verified"], true);

    // prune narrowed to B keeps B's newest and deletes B's older one only.
    let out = json(
        &kforge()
            .args([
                "snapshot",
                "prune",
                url,
                "--keep",
                "1",
                "--node-name",
                "cp1",
            ])
            .args(["--cluster-id", &cluster_b, "-o", "json"])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    assert_eq!(out["remote"][0]["keptNewest"], name_b.as_str(), "{out}");
    assert_eq!(out["remote"][0]["deleted"].as_array().unwrap().len(), 1);
    let left = snaps(&w, "shared/", "etcd-cp1-");
    assert_eq!(left.len(), 4, "{left:?}");
    for must in [name_a.as_str(), name_b.as_str(), future.as_str()] {
        assert!(left.contains(&format!("shared/{must}")), "{must}: {left:?}");
    }
}

/// etcd with a few keys, a directory target, and a saved (unencrypted)
/// snapshot there; returns the save's JSON.
fn saved_to_dir(dir: &Path, extra: &[&str]) -> (Etcd, PathBuf, serde_json::Value) {
    let etcd = Etcd::start(Version::V3_5, dir, &[]);
    etcd.fill("/k", 3, 10);
    let target = dir.join("target");
    std::fs::create_dir_all(&target).unwrap();
    let local = dir.join("local");
    std::fs::create_dir_all(&local).unwrap();
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
        .arg(&local)
        .arg("--upload")
        .arg(&target)
        .args(["--node-name", "cp1"])
        .args(extra)
        .ok();
    (etcd, target, json(&out))
}

#[test]
fn content_contradicting_its_name_or_record_is_refused_and_plaintext_is_not_used_under_identity() {
    let dir = tempdir();
    let metrics = dir.path().join("m.prom");
    let m = metrics.display().to_string();
    let (etcd, target, saved) = saved_to_dir(dir.path(), &["--metrics-file", &m]);
    let name = saved["uploads"][0]["name"].as_str().unwrap().to_string();
    let rev = saved["revision"].as_i64().unwrap();
    // One name, one time: the local copy is named as its upload.
    assert_eq!(
        Path::new(saved["file"].as_str().unwrap())
            .file_name()
            .unwrap()
            .to_string_lossy(),
        name
    );
    assert!(Path::new(&format!("{}.record.json", saved["file"].as_str().unwrap())).exists());
    let prom = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        prom.contains(&format!(
            "kforge_snapshot_remote_newest_verified_age_seconds{{target=\"{}\"}}",
            target.display()
        )),
        "{prom}"
    );
    let t = |n: &str| target.join(n).display().to_string();
    kforge().args(["snapshot", "status", &t(&name)]).ok();
    // An unencrypted object is never used silently under --identity.
    let (key, _) = support::s3::age_key(dir.path(), "age.txt");
    let (_, err) = kforge()
        .args(["snapshot", "drill", &t(&name)])
        .arg("--identity")
        .arg(&key)
        .fails_with(1);
    assert!(error_line(&err).contains("not encrypted"), "{err}");

    // The same bytes under a name claiming revision 3001, no record.
    let fake = name.replace(&format!("-rev{rev}.db"), "-rev3001.db");
    std::fs::copy(target.join(&name), target.join(&fake)).unwrap();
    let (_, err) = kforge()
        .args(["snapshot", "status", &t(&fake)])
        .fails_with(1);
    let e = error_line(&err);
    assert!(
        e.contains(&format!("revision {rev}")) && e.contains("name says 3001"),
        "{e}"
    );
    // ... and with a record agreeing with that name: the content still says otherwise.
    let rec = std::fs::read_to_string(target.join(format!("{name}.record.json"))).unwrap();
    let taken = json(&rec)["taken"].as_str().unwrap().to_string();
    std::fs::write(
        target.join(format!("{fake}.record.json")),
        renamed_record(&rec, &fake, &taken, Some(3001)),
    )
    .unwrap();
    for cmdline in [vec!["snapshot", "status"], vec!["snapshot", "drill"]] {
        let (_, err) = kforge().args(&cmdline).arg(t(&fake)).fails_with(1);
        let e = error_line(&err);
        assert!(
            e.contains("record says 3001") && e.contains("refused"),
            "{e}"
        );
    }
    let data = dir.path().join("r");
    let (_, err) = kforge()
        .args(["snapshot", "restore", &t(&fake), "--data-dir"])
        .arg(&data)
        .fails_with(1);
    assert!(error_line(&err).contains("record says 3001"), "{err}");
    assert!(!data.exists());

    // Another snapshot's bytes under this record: the sha256 disagrees.
    etcd.ctl().args(["put", "/more", "x"]).ok();
    let other = dir.path().join("other.db");
    etcd.save_with_etcdctl(&other);
    std::fs::remove_file(target.join(&name)).unwrap();
    std::fs::copy(&other, target.join(&name)).unwrap();
    let (_, err) = kforge()
        .args(["snapshot", "status", &t(&name)])
        .fails_with(1);
    let e = error_line(&err);
    assert!(e.contains("record says") && e.contains("refused"), "{e}");
}

fn ssh_keygen_pair(dir: &Path, name: &str) -> (PathBuf, String) {
    let key = dir.join(name);
    cmd("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-C", name, "-f"])
        .arg(&key)
        .ok();
    let public = std::fs::read_to_string(dir.join(format!("{name}.pub"))).unwrap();
    (key, public.trim().to_string())
}

#[test]
fn signatures_verify_with_ssh_keygen_both_ways_and_unsigned_plants_are_refused_under_verify_key() {
    let dir = tempdir();
    let w = Weed::start(&dir.path().join("weed"), &["backups"]);
    let creds = w.credentials_file(ADMIN_KEY, "admin.creds");
    let (key, public) = ssh_keygen_pair(dir.path(), "signer");
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/k", 3, 10);
    let local = dir.path().join("local");
    std::fs::create_dir_all(&local).unwrap();
    let url = "s3://backups/signed";
    let saved = json(
        &kforge()
            .args([
                "snapshot",
                "save",
                "-o",
                "json",
                "--endpoints",
                &etcd.endpoint,
            ])
            .arg("--dir")
            .arg(&local)
            .args(["--upload", url, "--node-name", "cp1", "--sign-key"])
            .arg(&key)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    let name = saved["uploads"][0]["name"].as_str().unwrap().to_string();
    let allowed = dir.path().join("allowed_signers");
    std::fs::write(&allowed, format!("backup@cp1 {public}\n")).unwrap();
    let fetched = dir.path().join("fetched");
    std::fs::create_dir_all(&fetched).unwrap();
    for side in [".record.json", ".record.json.sig"] {
        curl_get(
            &w,
            &format!("signed/{name}{side}"),
            &fetched.join(format!("{name}{side}")),
        );
    }
    // Debian's ssh-keygen verifies kforge's signature (the documented
    // command, as a shell runs it), on the upload and on the local copy.
    for d in [&fetched, &local] {
        let out = cmd("sh")
            .arg("-c")
            .arg(format!(
                "ssh-keygen -Y verify -n kforge-snapshot-record -f '{}' -I backup@cp1 -s '{rec}.sig' < '{rec}'",
                allowed.display(),
                rec = d.join(format!("{name}.record.json")).display()
            ))
            .ok();
        assert!(
            out.contains("Good \"kforge-snapshot-record\" signature"),
            "{out}"
        );
    }
    let pubfile = dir.path().join("signer.pub");
    let status = |extra: &[&str], key: Option<&Path>| {
        let mut c = kforge()
            .args(["snapshot", "status", "--node-name", "cp1", "-o", "json"])
            .args(extra)
            .args(s3_flags(&w, &creds));
        if let Some(k) = key {
            c = c.arg("--verify-key").arg(k);
        }
        c
    };
    let st = json(&status(&[url], Some(&allowed)).ok());
    assert_eq!(st["snapshot"]["signature"], "valid", "{st}");

    // A newer plant: real bytes, a consistent record, no signature.
    etcd.ctl().args(["put", "/planted", "x"]).ok();
    let out = json(
        &kforge()
            .args([
                "snapshot",
                "save",
                "-o",
                "json",
                "--endpoints",
                &etcd.endpoint,
            ])
            .args(["--upload", url, "--node-name", "cp1", "--no-local-copy"])
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    let plant = out["uploads"][0]["name"].as_str().unwrap().to_string();
    // Without --verify-key the newest is the plant; with it, the signed one.
    let st = json(&status(&[url], None).ok());
    assert!(st["snapshot"]["object"].as_str().unwrap().ends_with(&plant));
    let st = json(&status(&[url], Some(&pubfile)).ok());
    assert!(
        st["snapshot"]["object"].as_str().unwrap().ends_with(&name),
        "{st}"
    );
    // Named explicitly, the plant is refused by status, restore and drill.
    let obj = format!("{url}/{plant}");
    for sub in ["status", "drill"] {
        let (_, err) = kforge()
            .args(["snapshot", sub, &obj, "--verify-key"])
            .arg(&pubfile)
            .args(s3_flags(&w, &creds))
            .fails_with(1);
        let e = error_line(&err);
        assert!(e.contains("not signed") && e.contains("refused"), "{e}");
    }
    let (_, err) = kforge()
        .args(["snapshot", "restore", &obj, "--data-dir"])
        .arg(dir.path().join("r"))
        .arg("--verify-key")
        .arg(&pubfile)
        .args(s3_flags(&w, &creds))
        .fails_with(1);
    assert!(error_line(&err).contains("not signed"), "{err}");
    assert!(!dir.path().join("r").exists());
    // Signed by another key: refused too.
    let (other, _) = ssh_keygen_pair(dir.path(), "intruder");
    let rec = fetched.join(format!("{plant}.record.json"));
    curl_get(&w, &format!("signed/{plant}.record.json"), &rec);
    let sign_with = |k: &Path| {
        let _ = std::fs::remove_file(fetched.join(format!("{plant}.record.json.sig")));
        cmd("ssh-keygen")
            .args(["-q", "-Y", "sign", "-n", "kforge-snapshot-record", "-f"])
            .arg(k)
            .arg(&rec)
            .ok();
        curl_put(
            &w,
            &format!("signed/{plant}.record.json.sig"),
            &fetched.join(format!("{plant}.record.json.sig")),
        );
    };
    sign_with(&other);
    let (_, err) = status(&[&obj], Some(&pubfile)).fails_with(1);
    assert!(error_line(&err).contains("signature"), "{err}");
    // list shows which are signed, and what passed.
    let rows = json(
        &kforge()
            .args(["snapshot", "list", url, "-o", "json", "--verify-key"])
            .arg(&pubfile)
            .arg("--dir")
            .arg(&local)
            .args(s3_flags(&w, &creds))
            .ok(),
    );
    // The --dir copy: content checked, and its own signed record.
    let local_row = rows["snapshots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["location"] == local.display().to_string().as_str())
        .unwrap()
        .clone();
    assert_eq!(local_row["name"], name.as_str());
    assert_eq!(local_row["checked"], "content");
    assert_eq!(local_row["signature"], "valid", "{local_row}");
    assert_eq!(local_row["clusterId"], saved["clusterId"]);
    let sig_of = |n: &str| {
        let r = rows["snapshots"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == n && r["location"] == url)
            .unwrap()
            .clone();
        (r["signature"].clone(), r["verified"].clone())
    };
    assert_eq!(sig_of(&name), ("valid".into(), true.into()));
    assert_eq!(sig_of(&plant), ("invalid".into(), false.into()));
    // A record signed by ssh-keygen -Y sign with the right key is accepted
    // by kforge: the formats agree both ways.
    sign_with(&key);
    let st = json(&status(&[&obj], Some(&allowed)).ok());
    assert_eq!(st["snapshot"]["signature"], "valid", "{st}");
}
