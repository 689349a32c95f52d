//! `kforge snapshot restore` against the real thing: snapshots taken by
//! etcdctl from real etcd 3.4 and 3.5 holding varied data (thousands of
//! keys over many pages, overwrites, deletes, a compaction, leases, large
//! values), restored by kforge, booted by real etcd 3.4 and 3.5 (all four
//! pairings) and compared key by key (value, create/mod revision, version,
//! lease) with what etcd held when the snapshot was taken; a three-member
//! cluster restored from one file; the revision bump; our WAL, raft
//! snapshot and database compared with `etcdutl snapshot restore`'s for the
//! same flags; every kind of bad input; a kill in the middle; and the
//! Kubernetes-aware mode on a `kforge init --root` node.
//!
//! A missing etcd, etcdctl or etcdutl fails the tests (see `support`).

mod support;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;
use support::etcd::{
    etcdutl_status, free_ports, node_etcdctl, run_static_pod, Etcd, MemberFlags, Version,
};
use support::*;

// ---------------------------------------------------------------------------
// Source snapshots, made once per test process

/// A snapshot and what etcd held when it was taken.
struct Source {
    snapshot: PathBuf,
    /// `kvs` of `etcdctl get --prefix "" -w json`.
    kvs: Value,
    revision: i64,
    /// Lease IDs granted and not revoked.
    leases: Vec<i64>,
}

/// Where the shared snapshots live: under cargo's per-target temp dir, one
/// directory per test process (earlier processes' are removed).
fn shared_dir() -> PathBuf {
    let base = Path::new(env!("CARGO_TARGET_TMPDIR"));
    let me = std::process::id();
    if let Ok(rd) = std::fs::read_dir(base) {
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if let Some(pid) = name.strip_prefix("snapshot-restore-") {
                if pid != me.to_string() && !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
    }
    let d = base.join(format!("snapshot-restore-{me}"));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn source(version: Version) -> &'static Source {
    static S34: OnceLock<Source> = OnceLock::new();
    static S35: OnceLock<Source> = OnceLock::new();
    let cell = match version {
        Version::V3_4 => &S34,
        Version::V3_5 => &S35,
    };
    cell.get_or_init(|| make_source(version))
}

fn rt() -> tokio::runtime::Runtime {
    kforge::runtime::current_thread().unwrap()
}

/// Writes the data the tests compare: 3000 keys in transactions (many
/// `key` pages, sub-revisions), overwrites, two leases (one revoked), large
/// values (overflow pages), a deleted prefix, a compaction, then more
/// history after it.
fn fill_varied(e: &Etcd) -> Vec<i64> {
    use etcd_client::{Client, CompactionOptions, PutOptions, Txn, TxnOp};
    rt().block_on(async {
        let mut c = Client::connect([e.endpoint.as_str()], None).await.unwrap();
        for chunk in 0..30 {
            let ops: Vec<TxnOp> = (0..100)
                .map(|i| {
                    let n = chunk * 100 + i;
                    TxnOp::put(
                        format!("/registry/pods/ns-{}/pod-{n:05}", n % 10),
                        format!("{{\"pod\":{n},\"spec\":\"{}\"}}", "s".repeat(n % 90)),
                        None,
                    )
                })
                .collect();
            c.txn(Txn::new().and_then(ops)).await.unwrap();
        }
        for i in 0..150 {
            c.put(
                format!("/registry/pods/ns-1/pod-{:05}", i * 10 + 1),
                format!("v2-{i}"),
                None,
            )
            .await
            .unwrap();
        }
        let kept = c.lease_grant(3600, None).await.unwrap().id();
        let revoked = c.lease_grant(3600, None).await.unwrap().id();
        for i in 0..20 {
            c.put(
                format!("/registry/leases/k{i:02}"),
                "held",
                Some(PutOptions::new().with_lease(kept)),
            )
            .await
            .unwrap();
            c.put(
                format!("/registry/gone/k{i:02}"),
                "x",
                Some(PutOptions::new().with_lease(revoked)),
            )
            .await
            .unwrap();
        }
        c.lease_revoke(revoked).await.unwrap();
        for i in 0..3u8 {
            c.put(
                format!("/registry/large/{i}"),
                vec![b'a' + i; 300_000],
                None,
            )
            .await
            .unwrap();
        }
        c.delete(
            "/registry/pods/ns-3/",
            Some(etcd_client::DeleteOptions::new().with_prefix()),
        )
        .await
        .unwrap();
        let rev = c.get("/", None).await.unwrap().header().unwrap().revision();
        c.compact(rev - 40, Some(CompactionOptions::new().with_physical()))
            .await
            .unwrap();
        for i in 0..100 {
            c.put(
                format!("/registry/events/e{i:03}"),
                format!("event {i}"),
                None,
            )
            .await
            .unwrap();
        }
        c.put("/registry/recreated", "one", None).await.unwrap();
        c.delete("/registry/recreated", None).await.unwrap();
        c.put("/registry/recreated", "two", None).await.unwrap();
        vec![kept]
    })
}

/// Everything etcd serves: the kvs and the header revision.
fn contents(e: &Etcd) -> (Value, i64) {
    let out = e.ctl().args(["get", "--prefix", "", "-w", "json"]).ok();
    let v: Value = serde_json::from_str(&out).unwrap();
    (v["kvs"].clone(), v["header"]["revision"].as_i64().unwrap())
}

fn lease_ids(e: &Etcd) -> Vec<i64> {
    let out = e.ctl().args(["lease", "list", "-w", "json"]).ok();
    let v: Value = serde_json::from_str(&out).unwrap();
    let mut ids: Vec<i64> = v["leases"]
        .as_array()
        .map(|a| a.iter().map(|l| l["id"].as_i64().unwrap()).collect())
        .unwrap_or_default();
    ids.sort();
    ids
}

fn make_source(version: Version) -> Source {
    let dir = shared_dir().join(format!("{version:?}"));
    std::fs::create_dir_all(&dir).unwrap();
    let etcd = Etcd::start(version, &dir, &[]);
    let leases = fill_varied(&etcd);
    let (kvs, revision) = contents(&etcd);
    assert!(
        kvs.as_array().unwrap().len() > 2500,
        "{version:?}: too few keys"
    );
    let snapshot = dir.join("snap.db");
    etcd.ctl().args(["snapshot", "save"]).arg(&snapshot).ok();
    // The shapes this file is meant to exercise are really there.
    let db = etcd_format::bbolt::Db::open(std::fs::File::open(&snapshot).unwrap()).unwrap();
    let key = db.bucket(&db.root(), b"key").unwrap().unwrap();
    let root = db
        .read_page(key.root_page().expect("bucket key has its own pages"))
        .unwrap();
    assert_eq!(
        root.flags(),
        etcd_format::bbolt::BRANCH_PAGE,
        "{version:?}: key bucket is one page"
    );
    Source {
        snapshot,
        kvs,
        revision,
        leases,
    }
}

// ---------------------------------------------------------------------------
// Restoring and booting

/// A member to restore and boot on free 127.0.0.1 ports.
struct Member {
    name: String,
    peer: String,
    client: String,
}

impl Member {
    fn new(name: &str) -> Member {
        let [p, c] = free_ports::<2>();
        Member {
            name: name.into(),
            peer: format!("http://127.0.0.1:{p}"),
            client: format!("http://127.0.0.1:{c}"),
        }
    }

    fn restore_flags(&self, initial_cluster: &str) -> Vec<String> {
        vec![
            "--name".into(),
            self.name.clone(),
            "--initial-advertise-peer-urls".into(),
            self.peer.clone(),
            "--initial-cluster".into(),
            initial_cluster.into(),
            "--initial-cluster-token".into(),
            "restore-test".into(),
        ]
    }

    /// Starts etcd on a restored data dir (the cluster flags are ignored by
    /// etcd when the WAL exists, but are given as an operator would).
    fn spawn(
        &self,
        version: Version,
        data_dir: &Path,
        log: &Path,
        initial_cluster: &str,
        extra: &[&str],
    ) -> Etcd {
        let member = MemberFlags {
            name: &self.name,
            client_url: &self.client,
            peer_url: &self.peer,
            initial_cluster,
            token: Some("restore-test"),
        };
        Etcd::spawn(version, &member, data_dir, log, extra)
    }

    fn boot(
        &self,
        version: Version,
        data_dir: &Path,
        log: &Path,
        initial_cluster: &str,
        extra: &[&str],
    ) -> Etcd {
        let mut e = self.spawn(version, data_dir, log, initial_cluster, extra);
        wait_healthy(&mut e);
        e
    }
}

fn wait_healthy(e: &mut Etcd) {
    let ok = e.wait_healthy();
    assert!(
        ok,
        "restored etcd {:?} did not become healthy:\n{}",
        e.version,
        e.proc.log_text()
    );
}

/// `kforge snapshot restore ... -o json`, expecting success.
fn kforge_restore(snapshot: &Path, data_dir: &Path, flags: &[String]) -> Value {
    let out = kforge()
        .args(["snapshot", "restore", "-o", "json"])
        .arg(snapshot)
        .arg("--data-dir")
        .arg(data_dir)
        .args(flags)
        .ok();
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("no JSON ({e}): {out}"))
}

fn etcdutl_restore(snapshot: &Path, data_dir: &Path, flags: &[String]) {
    cmd(etcd35("etcdutl"))
        .args(["snapshot", "restore"])
        .arg(snapshot)
        .arg("--data-dir")
        .arg(data_dir)
        .args(flags)
        .ok();
}

/// Our data dir against etcdutl's for the same flags: the same WAL and raft
/// snapshot bytes, and databases with the same content (etcdutl's hash
/// covers every key and value of every bucket).
fn assert_same_as_etcdutl(ours: &Path, theirs: &Path) {
    let wal = Path::new("member/wal/0000000000000000-0000000000000000.wal");
    assert_same_file(&ours.join(wal), &theirs.join(wal));
    let snaps = |d: &Path| -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(d.join("member/snap"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_name() != "db")
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        v.sort();
        v
    };
    let (sa, sb) = (snaps(ours), snaps(theirs));
    assert_eq!(
        sa.iter().map(|s| &s.0).collect::<Vec<_>>(),
        sb.iter().map(|s| &s.0).collect::<Vec<_>>()
    );
    assert!(sa == sb, ".snap differs from etcdutl's");
    let (da, db) = (
        etcdutl_status(&ours.join("member/snap/db")),
        etcdutl_status(&theirs.join("member/snap/db")),
    );
    assert_eq!(
        (&da["hash"], &da["revision"], &da["totalKey"]),
        (&db["hash"], &db["revision"], &db["totalKey"])
    );
    for (p, m) in [
        ("", 0o700),
        ("member", 0o700),
        ("member/snap", 0o700),
        ("member/wal", 0o700),
        ("member/snap/db", 0o600),
    ] {
        assert_eq!(mode(&ours.join(p)), m, "mode of {p}");
    }
}

/// Compares two (64 MB, preallocated) files a chunk at a time.
fn assert_same_file(a: &Path, b: &Path) {
    use std::io::Read;
    let (mut fa, mut fb) = (
        std::fs::File::open(a).unwrap(),
        std::fs::File::open(b).unwrap(),
    );
    assert_eq!(
        fa.metadata().unwrap().len(),
        fb.metadata().unwrap().len(),
        "{} and {} differ in size",
        a.display(),
        b.display()
    );
    let (mut ba, mut bb) = (vec![0u8; 1 << 20], vec![0u8; 1 << 20]);
    let mut at = 0;
    loop {
        let n = fa.read(&mut ba).unwrap();
        fb.read_exact(&mut bb[..n]).unwrap();
        assert!(
            ba[..n] == bb[..n],
            "{} differs from {} in the MiB at {at}",
            a.display(),
            b.display()
        );
        if n == 0 {
            return;
        }
        at += n;
    }
}

fn assert_same_data(src: &Source, e: &Etcd, what: &str) {
    let (kvs, _) = contents(e);
    let (want, got) = (src.kvs.as_array().unwrap(), kvs.as_array().unwrap());
    assert_eq!(got.len(), want.len(), "{what}: key count");
    for (g, w) in got.iter().zip(want) {
        assert_eq!(g, w, "{what}: key {} differs", w["key"]);
    }
    assert_eq!(lease_ids(e), src.leases, "{what}: leases");
}

/// The member and cluster IDs a booted member reports.
fn ids(e: &Etcd) -> (Vec<String>, String) {
    let v: Value =
        serde_json::from_str(&e.ctl().args(["member", "list", "-w", "json"]).ok()).unwrap();
    let mut members: Vec<String> = v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| format!("{:x}", m["ID"].as_u64().unwrap()))
        .collect();
    members.sort();
    (
        members,
        format!("{:x}", v["header"]["cluster_id"].as_u64().unwrap()),
    )
}

// ---------------------------------------------------------------------------
// The tests

#[test]
fn snapshots_of_34_and_35_restore_and_boot_on_34_and_35() {
    for src_version in Version::ALL {
        let src = source(src_version);
        for boot_version in Version::ALL {
            let what = format!("snapshot of {src_version:?} booted by {boot_version:?}");
            let dir = tempdir();
            let m = Member::new("s1");
            let cluster = format!("s1={}", m.peer);
            let data = dir.path().join("data");
            let report = kforge_restore(&src.snapshot, &data, &m.restore_flags(&cluster));
            assert_eq!(report["sha256"], "verified");
            assert_eq!(report["revision"], src.revision, "{what}");
            assert_eq!(report["members"].as_array().unwrap().len(), 1);
            if boot_version == Version::V3_5 {
                let theirs = dir.path().join("etcdutl");
                etcdutl_restore(&src.snapshot, &theirs, &m.restore_flags(&cluster));
                assert_same_as_etcdutl(&data, &theirs);
            }
            let e = m.boot(
                boot_version,
                &data,
                &dir.path().join("etcd.log"),
                &cluster,
                &[],
            );
            assert_same_data(src, &e, &what);
            let (members, cluster_id) = ids(&e);
            assert_eq!(members, [report["memberId"].as_str().unwrap()], "{what}");
            assert_eq!(cluster_id, report["clusterId"].as_str().unwrap(), "{what}");
            // The restored member takes writes and counts on from the old revision.
            let (_, rev) = contents(&e);
            assert_eq!(rev, src.revision, "{what}");
            e.ctl().args(["put", "/after/restore", "yes"]).ok();
            let (_, rev) = contents(&e);
            assert_eq!(rev, src.revision + 1, "{what}");
        }
    }
}

#[test]
fn three_members_restored_from_one_file_form_a_healthy_cluster() {
    let src = source(Version::V3_5);
    let dir = tempdir();
    let members: Vec<Member> = ["m1", "m2", "m3"].iter().map(|n| Member::new(n)).collect();
    let cluster = members
        .iter()
        .map(|m| format!("{}={}", m.name, m.peer))
        .collect::<Vec<_>>()
        .join(",");
    let mut reports = Vec::new();
    for m in &members {
        reports.push(kforge_restore(
            &src.snapshot,
            &dir.path().join(&m.name),
            &m.restore_flags(&cluster),
        ));
    }
    // Every member names the same three members and the same cluster.
    let all: Vec<&Value> = reports.iter().map(|r| &r["members"]).collect();
    assert!(all.iter().all(|m| *m == all[0]));
    assert!(reports
        .iter()
        .all(|r| r["clusterId"] == reports[0]["clusterId"]));
    // m1's files are etcdutl's, byte for byte.
    let theirs = dir.path().join("etcdutl-m1");
    etcdutl_restore(&src.snapshot, &theirs, &members[0].restore_flags(&cluster));
    assert_same_as_etcdutl(&dir.path().join("m1"), &theirs);
    // m3 runs etcd 3.4: a cluster being upgraded restores too.
    let mut etcds: Vec<Etcd> = members
        .iter()
        .map(|m| {
            let v = if m.name == "m3" {
                Version::V3_4
            } else {
                Version::V3_5
            };
            m.spawn(
                v,
                &dir.path().join(&m.name),
                &dir.path().join(format!("{}.log", m.name)),
                &cluster,
                &[],
            )
        })
        .collect();
    for e in &mut etcds {
        wait_healthy(e);
    }
    let status: Value = serde_json::from_str(
        &cmd(etcd35("etcdctl"))
            .args(["endpoint", "status", "-w", "json", "--endpoints"])
            .arg(
                members
                    .iter()
                    .map(|m| m.client.clone())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .ok(),
    )
    .unwrap();
    let leaders: Vec<u64> = status
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["Status"]["leader"].as_u64().unwrap())
        .collect();
    assert_eq!(leaders.len(), 3);
    assert!(
        leaders[0] != 0 && leaders.iter().all(|l| *l == leaders[0]),
        "no single leader: {status}"
    );
    let mut want_ids: Vec<String> = reports[0]["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    want_ids.sort();
    for (e, r) in etcds.iter().zip(&reports) {
        assert_eq!(
            ids(e),
            (
                want_ids.clone(),
                r["clusterId"].as_str().unwrap().to_string()
            )
        );
        assert_same_data(src, e, &format!("member {}", r["name"]));
    }
    // A write through one member is read back through another.
    etcds[2].ctl().args(["put", "/written/on", "m3"]).ok();
    let got = etcds[0]
        .ctl()
        .args(["get", "/written/on", "--print-value-only"])
        .ok();
    assert_eq!(got.trim(), "m3");
}

#[test]
fn bump_revision_moves_forward_and_compacts() {
    let src = source(Version::V3_4);
    for (boot_version, wal_dir) in [(Version::V3_5, true), (Version::V3_4, false)] {
        let what = format!("bumped, booted by {boot_version:?}");
        let dir = tempdir();
        let m = Member::new("s1");
        let cluster = format!("s1={}", m.peer);
        let data = dir.path().join("data");
        let wal = dir.path().join("wal");
        let mut flags = m.restore_flags(&cluster);
        flags.extend(["--bump-revision", "1000", "--mark-compacted"].map(String::from));
        if wal_dir {
            flags.extend(["--wal-dir".to_string(), wal.display().to_string()]);
        }
        let report = kforge_restore(&src.snapshot, &data, &flags);
        assert_eq!(report["bumpedRevision"], src.revision + 1000);
        let extra: Vec<String> = if wal_dir {
            assert!(wal.join("0000000000000000-0000000000000000.wal").is_file());
            assert!(!data.join("member/wal").exists());
            vec!["--wal-dir".into(), wal.display().to_string()]
        } else {
            vec![]
        };
        let extra: Vec<&str> = extra.iter().map(String::as_str).collect();
        let e = m.boot(
            boot_version,
            &data,
            &dir.path().join("etcd.log"),
            &cluster,
            &extra,
        );
        assert_same_data(src, &e, &what);
        let (_, rev) = contents(&e);
        assert!(rev >= src.revision + 1000, "{what}: revision {rev}");
        let (out, err) = e
            .ctl()
            .args([
                "get",
                "/registry/recreated",
                "--rev",
                &src.revision.to_string(),
            ])
            .fails_with(1);
        assert!(
            err.contains("compacted"),
            "{what}: reading the old revision: {out}{err}"
        );
        e.ctl().args(["put", "/after", "bump"]).ok();
        assert_eq!(contents(&e).1, rev + 1);
    }
}

/// Runs a restore that must fail with exit `code`; returns its stderr after
/// checking it is one `error:` line naming `names`, and that nothing was
/// left behind.
fn fails(args: &[&str], file: &Path, data: &Path, code: i32, names: &str) -> String {
    let (_, err) = kforge()
        .args(["snapshot", "restore"])
        .arg(file)
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .fails_with(code);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 1, "not one line: {err}");
    assert!(lines[0].starts_with("error: "), "{err}");
    assert!(lines[0].contains(names), "{err} does not name {names}");
    assert!(!err.contains("panicked"), "{err}");
    if code == 1 && !data.exists() {
        let parent = data.parent().unwrap();
        let left: Vec<_> = std::fs::read_dir(parent)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.contains("kforge-restore"))
            .collect();
        assert!(left.is_empty(), "left behind: {left:?}");
    }
    err
}

#[test]
fn bad_input_fails_with_one_line_and_writes_nothing() {
    let src = source(Version::V3_5);
    let dir = tempdir();
    let good = std::fs::read(&src.snapshot).unwrap();
    let body = good.len() - 32;
    let data = dir.path().join("out").join("data");
    std::fs::create_dir_all(data.parent().unwrap()).unwrap();
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let raw = write("raw.db", &good[..body]);
    let e = fails(&[], &raw, &data, 1, "raw.db");
    assert!(
        e.contains("no sha256 trailer") && e.contains("--skip-hash-check"),
        "{e}"
    );
    let mut flipped = good.clone();
    flipped[body / 2] ^= 1;
    let bad_trailer = write("flipped.db", &flipped);
    let e = fails(&[], &bad_trailer, &data, 1, "flipped.db");
    assert!(e.contains("sha256 trailer"), "{e}");
    let mut wrong = good.clone();
    wrong[body + 5] ^= 1;
    let e = fails(&[], &write("trailer.db", &wrong), &data, 1, "trailer.db");
    assert!(e.contains("sha256 trailer"), "{e}");
    // Truncated to a size that still looks like it has a trailer, and to half.
    let cut = write("cut.db", &good[..body / 2 / 512 * 512 + 32]);
    let e = fails(&[], &cut, &data, 1, "cut.db");
    assert!(e.contains("truncated"), "{e}");
    let e = fails(
        &["--skip-hash-check"],
        &write("half.db", &good[..body / 2]),
        &data,
        1,
        "half.db",
    );
    assert!(e.contains("truncated"), "{e}");
    let random: Vec<u8> = (0..40_992u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let e = fails(&[], &write("random.db", &random), &data, 1, "random.db");
    assert!(e.contains("not a bbolt database"), "{e}");
    let e = fails(
        &["--skip-hash-check"],
        &write("text.db", b"hello, etcd\n"),
        &data,
        1,
        "text.db",
    );
    assert!(e.contains("not a bbolt database"), "{e}");
    let e = fails(&[], &dir.path().join("absent.db"), &data, 1, "absent.db");
    assert!(e.contains("cannot open snapshot"), "{e}");
    // A bbolt file that is not etcd's: kforge's own test databases have no `key` bucket.
    let mut not_etcd = vec![0u8; 3 * 4096];
    for (page, txid) in [(0usize, 2u64), (1, 1)] {
        let m = etcd_format::bbolt::Meta {
            page_size: 4096,
            flags: 0,
            root: 2,
            root_sequence: 0,
            freelist: etcd_format::bbolt::NO_FREELIST,
            pgid: 3,
            txid,
        };
        let off = page * 4096;
        not_etcd[off..off + 8].copy_from_slice(&(page as u64).to_le_bytes());
        not_etcd[off + 8..off + 10].copy_from_slice(&etcd_format::bbolt::META_PAGE.to_le_bytes());
        not_etcd[off + 16..off + 80].copy_from_slice(&m.to_bytes());
    }
    not_etcd[2 * 4096..2 * 4096 + 8].copy_from_slice(&2u64.to_le_bytes());
    not_etcd[2 * 4096 + 8..2 * 4096 + 10]
        .copy_from_slice(&etcd_format::bbolt::LEAF_PAGE.to_le_bytes());
    let e = fails(
        &["--skip-hash-check"],
        &write("plain.db", &not_etcd),
        &data,
        1,
        "plain.db",
    );
    assert!(e.contains("not an etcd database"), "{e}");
    // A data dir in use.
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(data.join("keep"), b"x").unwrap();
    let e = fails(&[], &src.snapshot, &data, 1, &data.display().to_string());
    assert!(e.contains("not empty"), "{e}");
    assert_eq!(std::fs::read(data.join("keep")).unwrap(), b"x");
    std::fs::remove_dir_all(&data).unwrap();
    // Usage errors: exit 2, nothing attempted.
    let e = fails(
        &["--bump-revision", "5"],
        &src.snapshot,
        &data,
        2,
        "--mark-compacted",
    );
    assert!(e.contains("--bump-revision"), "{e}");
    fails(
        &["--mark-compacted"],
        &src.snapshot,
        &data,
        2,
        "--bump-revision",
    );
    let other = [
        "--name",
        "x",
        "--initial-cluster",
        "default=http://localhost:2380",
    ];
    fails(
        &other,
        &src.snapshot,
        &data,
        2,
        "couldn't find local name \"x\"",
    );
    fails(
        &["--initial-advertise-peer-urls", "http://a"],
        &src.snapshot,
        &data,
        2,
        "host:port",
    );
    let (_, err) = kforge()
        .args(["snapshot", "restore", "x.db", "--name", "a"])
        .fails_with(2);
    assert!(err.contains("need --data-dir"), "{err}");
    assert!(!data.exists());
    // An empty data dir is fine, and a raw member/snap/db restores with --skip-hash-check.
    std::fs::create_dir_all(&data).unwrap();
    let report = kforge_restore(&raw, &data, &["--skip-hash-check".into()]);
    assert_eq!(report["sha256"], "no-trailer");
    assert_eq!(report["revision"], src.revision);
    let again = dir.path().join("again");
    let report = kforge_restore(
        &data.join("member/snap/db"),
        &again,
        &["--skip-hash-check".into()],
    );
    assert_eq!(report["revision"], src.revision);
}

#[test]
fn a_killed_restore_leaves_no_data_dir() {
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.fill("/big", 96, 1 << 20);
    let snapshot = dir.path().join("big.db");
    etcd.ctl().args(["snapshot", "save"]).arg(&snapshot).ok();
    drop(etcd);
    let size = std::fs::metadata(&snapshot).unwrap().len();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let data = out.join("data");
    let mut killed_while_copying = false;
    for _attempt in 0..5 {
        let mut p = kforge()
            .args(["snapshot", "restore"])
            .arg(&snapshot)
            .arg("--data-dir")
            .arg(&data)
            .spawn(&dir.path().join("restore.log"));
        // Kill as soon as the copy is under way.
        let deadline = std::time::Instant::now() + Duration::from_secs(20);
        while std::time::Instant::now() < deadline && p.is_running() {
            let copying = std::fs::read_dir(&out).unwrap().flatten().any(|e| {
                let db = e.path().join("member/snap/db");
                std::fs::metadata(db).is_ok_and(|m| m.len() > 0 && m.len() < size - 32)
            });
            if copying {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        p.kill();
        let status = p.child.wait().unwrap();
        if status.code().is_none() {
            killed_while_copying = true;
            assert!(!data.exists(), "a killed restore left {}", data.display());
            break;
        }
        // It finished first: start over.
        let _ = std::fs::remove_dir_all(&data);
    }
    assert!(
        killed_while_copying,
        "the restore always finished before it could be killed"
    );
    let stale: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(stale.len(), 1, "{stale:?}");
    // The next restore cleans up after it and succeeds.
    let report = kforge_restore(&snapshot, &data, &[]);
    assert_eq!(report["removedStale"].as_array().unwrap().len(), 1);
    assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    assert!(
        std::fs::metadata(data.join("member/snap/db"))
            .unwrap()
            .len()
            >= size - 32
    );
}

// ---------------------------------------------------------------------------
// The Kubernetes-aware mode on a `kforge init --root` node

/// A node made by `kforge init --root`, its etcd run from the manifest (as
/// the kubelet would), 50 keys written and a snapshot saved.
struct KubeNode {
    dir: tempfile::TempDir,
    root: PathBuf,
    etcd: Proc,
    /// `etcdctl get --prefix "" -w json` when the snapshot was taken.
    before: Value,
    revision: i64,
    snapshot: PathBuf,
    manifest: PathBuf,
    /// The manifest's text as init wrote it.
    original: String,
    /// Last, so that it is released after etcd is killed (fields drop in order).
    _ports: std::fs::File,
}

impl KubeNode {
    fn start() -> KubeNode {
        let ports = fixed_port_lock();
        let dir = tempdir();
        let root = dir.path().join("node");
        kforge().args(init_args(&root, "v1.33")).ok();
        let mut n = KubeNode {
            _ports: ports,
            etcd: run_static_pod(&root, &dir.path().join("etcd1.log")),
            snapshot: dir.path().join("snap.db"),
            manifest: root.join("etc/kubernetes/manifests/etcd.yaml"),
            original: String::new(),
            before: Value::Null,
            revision: 0,
            root,
            dir,
        };
        assert!(
            n.wait_healthy(),
            "etcd from the manifest did not start:\n{}",
            n.etcd.log_text()
        );
        for i in 0..50 {
            n.ctl()
                .args([
                    "put",
                    &format!("/registry/configmaps/default/c{i:02}"),
                    &format!("v{i}"),
                ])
                .ok();
        }
        n.before = serde_json::from_str(&n.ctl().args(["get", "--prefix", "", "-w", "json"]).ok())
            .unwrap();
        n.revision = n.before["header"]["revision"].as_i64().unwrap();
        kforge()
            .args(["snapshot", "save", "-q", "--root"])
            .arg(&n.root)
            .arg(&n.snapshot)
            .ok();
        n.original = std::fs::read_to_string(&n.manifest).unwrap();
        n
    }

    fn ctl(&self) -> Cmd {
        etcd_ctl(&self.root)
    }

    fn wait_healthy(&self) -> bool {
        wait_until(Duration::from_secs(30), || {
            self.ctl()
                .args(["endpoint", "health"])
                .output()
                .0
                .status
                .success()
        })
    }

    /// `kforge snapshot restore --root ROOT SNAPSHOT` plus `args`.
    fn restore(&self, args: &[&str]) -> Cmd {
        kforge()
            .args(["snapshot", "restore"])
            .args(args)
            .arg("--root")
            .arg(&self.root)
            .arg(&self.snapshot)
    }

    fn journal(&self) -> PathBuf {
        self.root
            .join("etc/kubernetes/tmp/kforge-journal/restore-apply.json")
    }

    /// The `etcd-restore-*` directories in var/lib.
    fn copies(&self) -> Vec<PathBuf> {
        let mut v: Vec<PathBuf> = std::fs::read_dir(self.root.join("var/lib"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("etcd-restore-"))
            .map(|e| e.path())
            .collect();
        v.sort();
        v
    }
}

/// etcdctl against a node's etcd, with the node's certificates.
fn etcd_ctl(root: &Path) -> Cmd {
    node_etcdctl(root, "https://127.0.0.1:2379", "etcd/healthcheck-client")
}

#[test]
fn kubernetes_mode_restores_beside_etcd_and_apply_repoints_the_manifest() {
    let n = KubeNode::start();
    let dir = &n.dir;
    let (root, snapshot, manifest) = (n.root.clone(), n.snapshot.clone(), n.manifest.clone());
    let (before, revision, original) = (n.before.clone(), n.revision, n.original.clone());
    let mut etcd = n.etcd;
    let ctl = || etcd_ctl(&root);
    let run_etcd = |log: &str| run_static_pod(&root, &dir.path().join(log));

    // Without --apply: a new data dir beside the old one, the next steps, nothing else touched.
    let r: Value = serde_json::from_str(
        &kforge()
            .args(["snapshot", "restore", "-o", "json", "--root"])
            .arg(&root)
            .arg(&snapshot)
            .ok(),
    )
    .unwrap();
    let new_dir = PathBuf::from(r["dataDir"].as_str().unwrap());
    assert_eq!(new_dir.parent().unwrap(), root.join("var/lib"));
    assert!(
        new_dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("etcd-restore-"),
        "{r}"
    );
    assert!(new_dir.join("member/snap/db").is_file());
    assert_eq!(r["name"], "cp1");
    assert_eq!(r["initialClusterToken"], "etcd-cluster");
    assert_eq!(r["members"][0]["peerURLs"][0], "https://127.0.0.1:2380");
    assert_eq!(r["revision"], revision);
    assert_eq!(r["bumpedRevision"], revision + 1_000_000_000);
    assert_eq!(r["kubernetes"]["defaultBump"], true);
    assert_eq!(r["kubernetes"]["applied"], false);
    assert_eq!(
        r["kubernetes"]["oldDataDir"],
        root.join("var/lib/etcd").display().to_string()
    );
    let steps = r["kubernetes"]["nextSteps"].to_string();
    assert!(
        steps.contains("mv ") && steps.contains("--data-dir=/var/lib/etcd-restore-"),
        "{steps}"
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), original);
    // (Restores in the same second pick the same name: clear the way.)
    std::fs::remove_dir_all(&new_dir).unwrap();
    let table = kforge()
        .args(["snapshot", "restore", "--root"])
        .arg(&root)
        .arg(&snapshot)
        .ok();
    assert!(
        table.contains("Kubernetes-aware default") && table.contains("Next steps:"),
        "{table}"
    );
    std::fs::remove_dir_all(table.split_whitespace().nth(3).unwrap()).unwrap();

    // --apply while etcd does not stop: the manifest goes back unchanged.
    let (_, err) = kforge()
        .args([
            "snapshot",
            "restore",
            "--apply",
            "--stop-timeout",
            "1s",
            "--root",
        ])
        .arg(&root)
        .arg(&snapshot)
        .fails_with(1);
    assert!(
        err.contains("still answers") && err.contains("manifest is back"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), original);
    for e in std::fs::read_dir(root.join("var/lib")).unwrap().flatten() {
        if e.file_name().to_string_lossy().starts_with("etcd-restore-") {
            std::fs::remove_dir_all(e.path()).unwrap();
        }
    }

    // --apply, with this test standing in for the kubelet: etcd stops when its manifest leaves.
    let mut apply = kforge()
        .args(["snapshot", "restore", "--apply", "-o", "json", "--root"])
        .arg(&root)
        .arg(&snapshot)
        .spawn(&dir.path().join("apply.log"));
    assert!(
        wait_until(Duration::from_secs(60), || !manifest.exists()),
        "{}",
        apply.log_text()
    );
    etcd.kill();
    assert!(
        apply.child.wait().unwrap().success(),
        "{}",
        apply.log_text()
    );
    let log = apply.log_text();
    let r: Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    assert_eq!(r["kubernetes"]["applied"], true);
    let backup = PathBuf::from(r["kubernetes"]["manifestBackup"].as_str().unwrap());
    assert_eq!(std::fs::read_to_string(&backup).unwrap(), original);
    assert!(backup.starts_with(root.join("etc/kubernetes/tmp")));
    let new_dir = PathBuf::from(r["dataDir"].as_str().unwrap());
    let node_dir = format!("/{}", new_dir.strip_prefix(&root).unwrap().display());
    let pod = std::fs::read_to_string(&manifest).unwrap();
    assert!(pod.contains(&format!("--data-dir={node_dir}")), "{pod}");
    assert!(!pod.contains("/var/lib/etcd\n"), "{pod}");
    assert!(
        root.join("var/lib/etcd/member/snap/db").is_file(),
        "the old data dir is kept"
    );

    // etcd from the rewritten manifest serves the snapshot's data, bumped and compacted.
    let _etcd = run_etcd("etcd2.log");
    assert!(
        wait_until(Duration::from_secs(30), || ctl()
            .args(["endpoint", "health"])
            .output()
            .0
            .status
            .success()),
        "etcd from the restored manifest did not start:\n{}",
        std::fs::read_to_string(dir.path().join("etcd2.log")).unwrap_or_default()
    );
    let after: Value =
        serde_json::from_str(&ctl().args(["get", "--prefix", "", "-w", "json"]).ok()).unwrap();
    assert_eq!(after["kvs"], before["kvs"]);
    assert!(after["header"]["revision"].as_i64().unwrap() >= revision + 1_000_000_000);
    let (_, err) = ctl()
        .args(["get", "/registry", "--rev", &revision.to_string()])
        .fails_with(1);
    assert!(err.contains("compacted"), "{err}");
}

/// Starts `restore --apply` with a long stop timeout and waits until it has
/// moved the manifest out and is waiting for etcd (which keeps running:
/// there is no kubelet to stop it).
fn apply_waiting(n: &KubeNode, log: &str) -> Proc {
    let mut apply = n
        .restore(&["--apply", "--stop-timeout", "10m"])
        .spawn(&n.dir.path().join(log));
    assert!(
        wait_until(Duration::from_secs(120), || !n.manifest.exists()
            && n.journal().is_file()),
        "--apply did not move the manifest out:\n{}",
        apply.log_text()
    );
    assert!(apply.is_running(), "{}", apply.log_text());
    apply
}

/// A signal during the wait puts the original manifest back and closes the
/// journal before kforge exits 128 + signal, saying what it did.
fn signal_during_apply_puts_manifest_back(signal: i32, name: &str, code: i32) {
    let n = KubeNode::start();
    let mut apply = apply_waiting(&n, "apply.log");
    // SAFETY: sending a signal to the child we started.
    assert_eq!(unsafe { libc::kill(apply.child.id() as i32, signal) }, 0);
    let status = apply.child.wait().unwrap();
    let log = apply.log_text();
    assert_eq!(status.code(), Some(code), "{log}");
    assert_eq!(
        std::fs::read_to_string(&n.manifest).unwrap(),
        n.original,
        "{log}"
    );
    assert!(!n.journal().exists(), "journal left open:\n{log}");
    let last = log.lines().last().unwrap_or_default();
    assert!(
        last.starts_with(&format!("error: interrupted by {name}: put "))
            && last.contains("back unchanged"),
        "{log}"
    );
    // The undo is verified before kforge exits: etcd answers again.
    assert!(
        last.contains("verified: etcd answers again on 127.0.0.1:2379"),
        "{log}"
    );
    assert!(!log.contains("panicked"), "{log}");
    // The restored copy is kept, and etcd (never stopped) still serves.
    assert_eq!(n.copies().len(), 1, "{log}");
    assert!(n.wait_healthy());
}

#[test]
fn regression_restore_apply_sigterm_puts_manifest_back() {
    signal_during_apply_puts_manifest_back(libc::SIGTERM, "SIGTERM", 143);
}

#[test]
fn regression_restore_apply_sigint_puts_manifest_back() {
    signal_during_apply_puts_manifest_back(libc::SIGINT, "SIGINT", 130);
}

/// SIGKILL while etcd is stopping strands the manifest; a plain re-run
/// says where it is; a re-run with --apply finds the journal, undoes it,
/// then restores and applies, and the cleanup rule removes the killed
/// run's copy.
#[test]
fn regression_restore_apply_sigkill_then_rerun_finds_the_journal() {
    let mut n = KubeNode::start();
    let mut killed = apply_waiting(&n, "killed.log");
    killed.kill();
    assert!(!n.manifest.exists() && n.journal().is_file());
    let stranded = n.copies();
    assert_eq!(stranded.len(), 1);
    let record: Value =
        serde_json::from_str(&std::fs::read_to_string(n.journal()).unwrap()).unwrap();
    // The runner's journal format: the operation, then its typed data.
    assert_eq!(record["operation"], "restore-apply", "{record}");
    let journal = &record["data"];
    assert_eq!(journal["step"], "manifest-moved-out", "{journal}");
    let backup = journal["manifestBackup"].as_str().unwrap().to_string();
    assert!(
        backup.starts_with("/etc/kubernetes/tmp/kforge-restore-"),
        "{journal}"
    );
    assert_eq!(journal["oldDataDir"], "/var/lib/etcd");

    // A plain re-run: one line saying where the manifest went, nothing written.
    let (_, err) = n.restore(&[]).fails_with(1);
    let real_backup = n.root.join(backup.trim_start_matches('/'));
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("etcd's static pod manifest is missing")
            && err.contains(&real_backup.display().to_string())
            && err.contains("--apply"),
        "{err}"
    );
    assert_eq!(n.copies(), stranded);

    // --apply again, with this test standing in for the kubelet.
    let mut apply = n
        .restore(&["--apply", "-o", "json"])
        .spawn(&n.dir.path().join("apply.log"));
    assert!(
        wait_until(Duration::from_secs(120), || apply
            .log_text()
            .contains("Stopping etcd")
            && !n.manifest.exists()),
        "{}",
        apply.log_text()
    );
    n.etcd.kill();
    assert!(
        apply.child.wait().unwrap().success(),
        "{}",
        apply.log_text()
    );
    let log = apply.log_text();
    let r: Value = serde_json::from_str(log.lines().last().unwrap()).unwrap();
    let k = &r["kubernetes"];
    assert_eq!(k["settledJournal"]["resolution"], "undone", "{log}");
    assert!(log.contains("Found an interrupted"), "{log}");
    assert!(!n.journal().exists());
    let new_dir = PathBuf::from(r["dataDir"].as_str().unwrap());
    let pod = std::fs::read_to_string(&n.manifest).unwrap();
    let node_dir = format!("/{}", new_dir.strip_prefix(&n.root).unwrap().display());
    assert!(pod.contains(&format!("--data-dir={node_dir}")), "{pod}");
    // The cleanup rule: the killed run's copy is deleted, the live one kept.
    let actions: Vec<(String, String)> = k["restoreCopies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["path"].as_str().unwrap().into(),
                c["action"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        actions,
        [
            (stranded[0].display().to_string(), "deleted".to_string()),
            (new_dir.display().to_string(), "live".to_string())
        ],
        "{log}"
    );
    assert_eq!(n.copies(), [new_dir]);
    assert!(n.root.join("var/lib/etcd/member/snap/db").is_file());
    // etcd from the switched manifest serves the snapshot.
    n.etcd = run_static_pod(&n.root, &n.dir.path().join("etcd2.log"));
    assert!(n.wait_healthy(), "{}", n.etcd.log_text());
    let after: Value =
        serde_json::from_str(&n.ctl().args(["get", "--prefix", "", "-w", "json"]).ok()).unwrap();
    assert_eq!(after["kvs"], n.before["kvs"]);
}

// ---------------------------------------------------------------------------
// The real cause first (issue 10 item 10): what is wrong with the file is
// said before the missing trailer.

/// Restores `file` (without --skip-hash-check) expecting exit 1 and one
/// line naming the file and `cause`, with nothing written.
fn says_real_cause(file: &Path, cause: &str) {
    let dir = tempdir();
    let data = dir.path().join("data");
    let e = fails(&[], file, &data, 1, &file.display().to_string());
    assert!(e.contains(cause), "{e} does not say {cause:?}");
    assert!(!e.contains("sha256 trailer"), "{e}");
    assert!(!data.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn regression_restore_of_empty_file_says_empty() {
    let dir = tempdir();
    let f = dir.path().join("empty.db");
    std::fs::write(&f, b"").unwrap();
    says_real_cause(&f, "is empty (0 bytes)");
}

#[test]
fn regression_restore_of_directory_says_directory() {
    let dir = tempdir();
    says_real_cause(dir.path(), "is a directory");
}

#[test]
fn regression_restore_of_etc_passwd_says_not_a_snapshot() {
    says_real_cause(
        Path::new("/etc/passwd"),
        "not an etcd snapshot (no bbolt header)",
    );
}

#[test]
fn regression_restore_of_random_bytes_says_no_bbolt_header() {
    let dir = tempdir();
    let f = dir.path().join("random.db");
    // A size that does not look like it ends with a trailer.
    let random: Vec<u8> = (0..10_000u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    std::fs::write(&f, random).unwrap();
    says_real_cause(&f, "not an etcd snapshot (no bbolt header)");
}

#[test]
fn regression_restore_of_truncated_file_says_truncated() {
    let src = source(Version::V3_5);
    let good = std::fs::read(&src.snapshot).unwrap();
    let dir = tempdir();
    let f = dir.path().join("truncated.db");
    // Cut at a page boundary: no trailer-shaped size left.
    let cut = (good.len() - 32) / 2 / 4096 * 4096;
    std::fs::write(&f, &good[..cut]).unwrap();
    says_real_cause(&f, &format!("truncated at byte {cut}"));
}

/// Ports out of range in the cluster flags and bumps past the largest
/// revision: exit 2, one line, nothing created (not even the data dir's
/// parent), never a panic.
#[test]
fn regression_restore_flags_bad_ports_and_extreme_bump_exit_2() {
    let src = source(Version::V3_5);
    let dir = tempdir();
    let data = dir.path().join("parent").join("data");
    let url = |port: &str| format!("http://127.0.0.1:{port}");
    for port in ["0", "65536", "99999", "99999999999999999999999"] {
        let u = url(port);
        let e = fails(
            &["--initial-advertise-peer-urls", &u],
            &src.snapshot,
            &data,
            2,
            "--initial-advertise-peer-urls",
        );
        assert!(e.contains("out of range (1-65535)"), "{e}");
        let cluster = format!("default=http://localhost:2380,m2={u}");
        let e = fails(
            &["--initial-cluster", &cluster],
            &src.snapshot,
            &data,
            2,
            "--initial-cluster",
        );
        assert!(e.contains("out of range (1-65535)"), "{e}");
    }
    for bump in [i64::MAX as u64, u64::MAX, 1 << 63] {
        let e = fails(
            &["--bump-revision", &bump.to_string(), "--mark-compacted"],
            &src.snapshot,
            &data,
            2,
            "--bump-revision",
        );
        assert!(e.contains("largest revision etcd can hold"), "{e}");
    }
    assert!(
        !data.parent().unwrap().exists(),
        "work done before the check"
    );
}
