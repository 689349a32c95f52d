//! `kforge etcd status | members | defrag | compact | alarms | recover-space`
//! against a real 3-member etcd 3.5 cluster with mutual TLS from kforge's
//! own PKI (tests/support/cluster.rs), compared with etcdctl.

mod support;

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::cluster::Cluster;
use support::*;

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

fn rt() -> tokio::runtime::Runtime {
    kforge::runtime::current_thread().unwrap()
}

/// Writes `n` keys of `size` bytes, `rounds` times over (history to compact).
fn fill(c: &Cluster, n: usize, size: usize, rounds: usize) {
    rt().block_on(async {
        let mut cl = c
            .client(&[c.nodes[0].endpoint()], Duration::from_secs(20))
            .await;
        for r in 0..rounds {
            let v = vec![b'a' + r as u8; size];
            for i in 0..n {
                cl.put(format!("/fill/{i:05}"), v.clone(), None)
                    .await
                    .unwrap();
            }
        }
    });
}

struct LoadStats {
    /// Puts etcd acknowledged: (key, value, when).
    acked: Vec<(String, String, Instant)>,
    failed: Vec<String>,
    longest: Duration,
}

impl LoadStats {
    /// Writes acknowledged between `from` and `from + span`.
    fn acked_within(&self, from: Instant, span: Duration) -> usize {
        self.acked
            .iter()
            .filter(|(_, _, t)| *t > from && *t <= from + span)
            .count()
    }
}

/// One put every 10 ms through a client of every member, until stopped;
/// each to a key of its own (`/load/NNNNNNNN`), so that every acknowledged
/// write can be looked for afterwards.
struct Load {
    stop: Arc<AtomicBool>,
    /// Acknowledged puts so far.
    acked: Arc<AtomicUsize>,
    handle: std::thread::JoinHandle<LoadStats>,
}

impl Load {
    /// Starts the load and waits until etcd acknowledged its first writes.
    fn start(c: &Cluster) -> Load {
        let stop = Arc::new(AtomicBool::new(false));
        let acked = Arc::new(AtomicUsize::new(0));
        let endpoints: Vec<String> = c.nodes.iter().map(|n| n.endpoint()).collect();
        let pki = c.nodes[0].pki();
        let (s, count) = (stop.clone(), acked.clone());
        let handle = std::thread::spawn(move || {
            rt().block_on(async move {
                let mut cl = Cluster::client_with(&pki, &endpoints, Duration::from_secs(30)).await;
                let mut st = LoadStats {
                    acked: vec![],
                    failed: vec![],
                    longest: Duration::ZERO,
                };
                let mut i = 0u64;
                while !s.load(Ordering::Relaxed) {
                    let t0 = Instant::now();
                    let (key, value) = (format!("/load/{i:08}"), format!("v{i}"));
                    match cl.put(key.as_str(), value.as_str(), None).await {
                        Ok(_) => {
                            st.acked.push((key, value, Instant::now()));
                            count.fetch_add(1, Ordering::Relaxed);
                        }
                        Err(e) => st.failed.push(format!("put {i}: {e}")),
                    }
                    let took = t0.elapsed();
                    st.longest = st.longest.max(took);
                    i += 1;
                    tokio::time::sleep(Duration::from_millis(10).saturating_sub(took)).await;
                }
                st
            })
        });
        let load = Load {
            stop,
            acked,
            handle,
        };
        load.wait_for_more(0);
        load
    }

    fn acked(&self) -> usize {
        self.acked.load(Ordering::Relaxed)
    }

    /// Waits (up to 30 s) until more than `n` puts are acknowledged, plus
    /// ten: the load runs (not sleeps on a fixed time).
    fn wait_for_more(&self, n: usize) {
        assert!(
            wait_until(Duration::from_secs(30), || self.acked() > n + 10
                || self.handle.is_finished()),
            "the load acknowledged {} writes in 30s (waited for more than {})",
            self.acked(),
            n + 10
        );
        assert!(!self.handle.is_finished(), "the load stopped by itself");
    }

    fn finish(self) -> LoadStats {
        self.stop.store(true, Ordering::Relaxed);
        self.handle.join().unwrap()
    }
}

/// Every acknowledged write of `load` is in the cluster (read through
/// member `node`'s etcdctl), with its value.
fn assert_every_ack_stored(c: &Cluster, node: usize, load: &LoadStats) {
    assert!(!load.acked.is_empty(), "the load wrote nothing");
    let out = c
        .etcdctl(node)
        .args(["get", "/load/", "--prefix", "-w", "json"])
        .ok();
    let v = json(&out);
    let b64 = |x: &serde_json::Value| {
        let raw = base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            x.as_str().unwrap(),
        )
        .unwrap();
        String::from_utf8(raw).unwrap()
    };
    let stored: std::collections::HashMap<String, String> = v["kvs"]
        .as_array()
        .map(|kvs| {
            kvs.iter()
                .map(|kv| (b64(&kv["key"]), b64(&kv["value"])))
                .collect()
        })
        .unwrap_or_default();
    let lost: Vec<(&String, &String)> = load
        .acked
        .iter()
        .filter(|(k, val, _)| stored.get(k) != Some(val))
        .map(|(k, val, _)| (k, val))
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {} acknowledged writes are not stored, first: {:?}",
        lost.len(),
        load.acked.len(),
        lost.iter().take(3).collect::<Vec<_>>()
    );
}

#[test]
fn status_agrees_with_etcdctl_and_members_remove_keeps_quorum() {
    let mut c = Cluster::start("127.0.13", &[]);
    c.etcdctl(0).args(["put", "/registry/a", "1"]).ok();

    // Compared when etcdctl sees the same before and after ours (nothing
    // moved in between: a fresh cluster still settles its version).
    let status_all = || {
        json(
            &c.etcdctl_at(0, &c.endpoints())
                .args(["endpoint", "status", "-w", "json"])
                .ok(),
        )
    };
    let (out, theirs) = (0..10)
        .find_map(|_| {
            let before = status_all();
            let out = json(&c.kforge(0).args(["etcd", "status", "-o", "json"]).ok());
            let after = status_all();
            if before == after {
                Some((out, after))
            } else {
                std::thread::sleep(Duration::from_millis(500));
                None
            }
        })
        .expect("the cluster kept changing");
    assert_eq!(out["healthy"], true, "{out:#}");
    let ours = out["members"].as_array().unwrap();
    assert_eq!(ours.len(), 3);
    for t in theirs.as_array().unwrap() {
        let ep = t["Endpoint"].as_str().unwrap();
        let s = &t["Status"];
        let m = ours
            .iter()
            .find(|m| m["endpoint"] == ep)
            .unwrap_or_else(|| panic!("{ep} missing in {out:#}"));
        let hex = |v: &serde_json::Value| format!("{:x}", v.as_u64().unwrap());
        assert_eq!(m["id"], hex(&s["header"]["member_id"]), "{m:#}\n{s:#}");
        assert_eq!(m["status"]["leader"], hex(&s["leader"]), "{m:#}\n{s:#}");
        for (ours, theirs) in [
            ("raftTerm", "raftTerm"),
            ("raftIndex", "raftIndex"),
            ("raftAppliedIndex", "raftAppliedIndex"),
            ("dbSizeBytes", "dbSize"),
            ("dbSizeInUseBytes", "dbSizeInUse"),
            ("version", "version"),
        ] {
            assert_eq!(m["status"][ours], s[theirs], "{ours} of {ep}: {m:#}\n{s:#}");
        }
        assert_eq!(
            m["learner"],
            s.get("isLearner").cloned().unwrap_or(false.into())
        );
        assert_eq!(m["clusterVersion"], "3.5.0", "{m:#}");
    }
    assert_eq!(
        out["clusterId"],
        format!(
            "{:x}",
            theirs[0]["Status"]["header"]["cluster_id"]
                .as_u64()
                .unwrap()
        )
    );
    let table = c.kforge(1).args(["etcd", "status"]).ok();
    for h in [
        "NAME",
        "LEADER",
        "LEARNER",
        "TERM",
        "APPLIED",
        "DB SIZE",
        "IN USE",
        "ALARMS",
        "healthy: 3 member(s)",
    ] {
        assert!(table.contains(h), "{table}");
    }
    let yaml = c
        .kforge(2)
        .args(["etcd", "members", "list", "-o", "yaml"])
        .ok();
    assert!(yaml.contains("name: cp3"), "{yaml}");

    // A learner that never started: listed, unhealthy, not promotable, removable.
    assert!(wait_until(Duration::from_secs(20), || c
        .etcdctl(0)
        .args([
            "member",
            "add",
            "cp4",
            "--learner",
            "--peer-urls",
            "https://127.0.13.4:2380"
        ])
        .output()
        .0
        .status
        .success()));
    let (stdout, stderr) = c.kforge(0).args(["etcd", "status"]).fails_with(3);
    assert!(stderr.contains("not started"), "{stdout}\n{stderr}");
    let list = json(&c.kforge(0).args(["etcd", "members", "-o", "json"]).ok());
    let learner = list["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["learner"] == true)
        .unwrap_or_else(|| panic!("{list:#}"))
        .clone();
    assert_eq!(learner["peerUrls"][0], "https://127.0.13.4:2380");
    let lid = learner["id"].as_str().unwrap();
    let table = c.kforge(0).args(["etcd", "members"]).ok();
    assert!(
        table.contains("unstarted") && table.contains(lid),
        "{table}"
    );
    let (_, e) = c
        .kforge(0)
        .args(["etcd", "members", "promote", lid])
        .fails_with(1);
    assert!(e.contains("promoting"), "{e}");
    c.kforge(0).args(["etcd", "members", "remove", lid]).ok();
    c.kforge(0).args(["etcd", "status"]).ok();

    // cp3 crashes: status says so (exit 3), naming it.
    c.kill_etcd(2);
    let (stdout, stderr) = c.kforge(0).args(["etcd", "status"]).fails_with(3);
    assert!(stderr.contains("cp3"), "{stdout}\n{stderr}");
    assert!(stdout.contains("UNHEALTHY"), "{stdout}");

    // Removing a healthy member now would leave cp1 + dead cp3: refused.
    let (_, stderr) = c
        .kforge(0)
        .args(["etcd", "members", "remove", "cp2"])
        .fails_with(1);
    assert!(
        stderr.contains("refusing to remove etcd member cp2") && stderr.contains("quorum"),
        "{stderr}"
    );
    let members = json(&c.etcdctl(0).args(["member", "list", "-w", "json"]).ok());
    assert_eq!(members["members"].as_array().unwrap().len(), 3);

    // The unreachable member can be removed, by ID too; next steps name reset.
    let id = ours.iter().find(|m| m["name"] == "cp3").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let out = c.kforge(0).args(["etcd", "members", "remove", &id]).ok();
    assert!(
        out.contains("Removed etcd member cp3") && out.contains("kforge reset 127.0.13.3"),
        "{out}"
    );
    let members = json(&c.etcdctl(0).args(["member", "list", "-w", "json"]).ok());
    assert_eq!(
        members["members"].as_array().unwrap().len(),
        2,
        "{members:#}"
    );
    let out = json(&c.kforge(1).args(["etcd", "status", "-o", "json"]).ok());
    assert_eq!(out["healthy"], true, "{out:#}");
    // Removing a member that is not there, or promoting a voter: one clear line.
    let (_, e) = c
        .kforge(0)
        .args(["etcd", "members", "remove", "cp3"])
        .fails_with(1);
    assert!(e.contains("no etcd member \"cp3\""), "{e}");
    let (_, e) = c
        .kforge(0)
        .args(["etcd", "members", "promote", "cp2"])
        .fails_with(1);
    assert!(e.contains("already a voting member"), "{e}");
}

#[test]
fn defrag_one_member_at_a_time_under_write_load_loses_no_write() {
    let c = Cluster::start("127.0.14", &[]);
    // ~24 MiB of live data written three times: two thirds is history.
    fill(&c, 240, 100 * 1024, 3);
    c.kforge(0).args(["etcd", "compact"]).ok();
    let metrics = c.dir.path().join("defrag.prom");

    // A second run while the lock is held exits 4 and touches nothing.
    let lock_path = c.nodes[0]
        .root
        .join("etc/kubernetes/tmp/kforge-etcd-maintenance.lock");
    std::fs::create_dir_all(lock_path.parent().unwrap()).unwrap();
    let held = std::fs::File::create(&lock_path).unwrap();
    held.lock().unwrap();
    let (_, e) = c.kforge(0).args(["etcd", "defrag"]).fails_with(4);
    assert!(e.contains("another kforge etcd maintenance"), "{e}");
    drop(held);

    // The load runs before, during and after the defrag (it wrote while
    // the defrag ran, and goes on writing after it returned).
    let load = Load::start(&c);
    let t0 = Instant::now();
    let out = c
        .kforge(0)
        .args(["etcd", "defrag", "-o", "json", "--metrics-file"])
        .arg(&metrics)
        .ok();
    let kforge_total = t0.elapsed();
    load.wait_for_more(load.acked());
    let ours = load.finish();
    let out = json(&out);
    assert!(
        ours.acked_within(t0, kforge_total) > 0,
        "no write was acknowledged while kforge etcd defrag ran ({kforge_total:?})"
    );
    assert!(
        ours.failed.is_empty(),
        "{} failed writes during kforge etcd defrag, first: {:?}",
        ours.failed.len(),
        ours.failed.iter().take(3).collect::<Vec<_>>()
    );
    assert_every_ack_stored(&c, 1, &ours);
    let members = out["members"].as_array().unwrap();
    assert_eq!(members.len(), 3, "{out:#}");
    for m in members {
        assert_eq!(m["outcome"], "defragmented", "{out:#}");
        assert!(m["reclaimedBytes"].as_u64().unwrap() > 10 << 20, "{out:#}");
    }
    // Followers first, the leader last.
    assert_eq!(members[2]["wasLeader"], true, "{out:#}");
    assert!(
        members[..2].iter().all(|m| m["wasLeader"] == false),
        "{out:#}"
    );
    let prom = std::fs::read_to_string(&metrics).unwrap();
    assert!(
        prom.contains("kforge_etcd_defrag_last_attempt_success 1\n"),
        "{prom}"
    );
    assert!(
        prom.contains("kforge_etcd_defrag_last_success_reclaimed_bytes{member=\"cp1\"}"),
        "{prom}"
    );
    // The cluster is healthy and holds every key.
    c.kforge(1).args(["etcd", "status"]).ok();
    let keys = c
        .etcdctl(2)
        .args(["get", "/fill/", "--prefix", "--keys-only"])
        .ok();
    assert_eq!(keys.lines().filter(|l| !l.is_empty()).count(), 240);
    // Nothing left to reclaim: a second run skips every member.
    let again = json(&c.kforge(0).args(["etcd", "defrag", "-o", "json"]).ok());
    assert!(
        again["members"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["outcome"] == "skipped"),
        "{again:#}"
    );

    // --move-leader: leadership goes to a defragmented follower before the
    // leader's turn. (Not under the write load: etcd drops proposals a
    // follower forwards while leadership is in transfer, and such a put
    // times out; see the README.)
    fill(&c, 240, 100 * 1024, 2);
    c.kforge(0).args(["etcd", "compact"]).ok();
    let leader_before = json(&c.kforge(0).args(["etcd", "status", "-o", "json"]).ok())["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["status"]["leader"] == m["id"])
        .map(|m| m["name"].as_str().unwrap().to_string())
        .unwrap();
    let moved = json(
        &c.kforge(1)
            .args(["etcd", "defrag", "--move-leader", "-o", "json"])
            .ok(),
    );
    let last = &moved["members"][2];
    assert_eq!(last["name"], leader_before.as_str(), "{moved:#}");
    // Whoever led when its turn came handed leadership over first
    // (leadership may also have moved by itself meanwhile).
    for m in moved["members"].as_array().unwrap() {
        if m["leaderAtItsTurn"] == true {
            let to = m["leaderMovedTo"]
                .as_str()
                .unwrap_or_else(|| panic!("{moved:#}"));
            assert_ne!(to, m["name"].as_str().unwrap(), "{moved:#}");
        }
    }
    for m in moved["members"].as_array().unwrap() {
        assert_eq!(m["outcome"], "defragmented", "{moved:#}");
    }
    c.kforge(2).args(["etcd", "status"]).ok();

    // The same data again, defragmented by etcdctl defrag --cluster under the same load.
    fill(&c, 240, 100 * 1024, 2);
    c.kforge(0).args(["etcd", "compact"]).ok();
    let load = Load::start(&c);
    let t0 = Instant::now();
    c.etcdctl(0).args(["defrag", "--cluster"]).ok();
    let etcdctl_total = t0.elapsed();
    load.wait_for_more(load.acked());
    let theirs = load.finish();
    assert!(
        theirs.acked_within(t0, etcdctl_total) > 0,
        "no write was acknowledged while etcdctl defrag --cluster ran ({etcdctl_total:?})"
    );
    eprintln!(
        "defrag under a put every 10ms: kforge longest write stall {:?} ({} puts, {} failed, total {:?}); \
         etcdctl defrag --cluster longest stall {:?} ({} puts, {} failed, total {:?})",
        ours.longest,
        ours.acked.len(),
        ours.failed.len(),
        kforge_total,
        theirs.longest,
        theirs.acked.len(),
        theirs.failed.len(),
        etcdctl_total
    );
}

#[test]
fn nospace_is_recovered_by_recover_space() {
    let c = Cluster::start("127.0.16", &[("quota-backend-bytes", "8388608")]);
    // A failed join leaves a learner that never started: recover-space
    // must not refuse because of it (it holds no data), and say so.
    // etcd refuses membership changes for a few seconds after a start.
    assert!(wait_until(Duration::from_secs(30), || c
        .etcdctl(0)
        .args([
            "member",
            "add",
            "cp4",
            "--learner",
            "--peer-urls",
            "https://127.0.16.4:2380",
        ])
        .output()
        .0
        .status
        .success()));
    // Overwrite a few keys until etcd raises NOSPACE.
    let raised = rt().block_on(async {
        let mut cl = c
            .client(&[c.nodes[0].endpoint()], Duration::from_secs(20))
            .await;
        let v = vec![b'x'; 256 * 1024];
        for i in 0..400 {
            if let Err(e) = cl.put(format!("/big/{}", i % 4), v.clone(), None).await {
                return e.to_string();
            }
        }
        String::new()
    });
    assert!(
        raised.contains("database space exceeded"),
        "no NOSPACE: {raised:?}"
    );
    let alarms = json(&c.kforge(0).args(["etcd", "alarms", "-o", "json"]).ok());
    assert!(
        alarms["alarms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["alarm"] == "NOSPACE"),
        "{alarms:#}"
    );
    let (out, _) = c.kforge(1).args(["etcd", "status"]).fails_with(3);
    assert!(out.contains("NOSPACE"), "{out}");
    // Disarming alone does not help: the database is still over its quota.
    let snapdir = c.dir.path().join("snaps");
    // A --snapshot-dir that does not exist is a usage error (nothing created).
    let (_, err) = c
        .kforge(0)
        .args(["etcd", "recover-space", "--snapshot-dir"])
        .arg(&snapdir)
        .fails_with(2);
    assert!(err.contains("no such directory"), "{err}");
    assert!(!snapdir.exists());
    std::fs::create_dir(&snapdir).unwrap();
    let out = c
        .kforge(0)
        .args(["etcd", "recover-space", "-o", "json", "--snapshot-dir"])
        .arg(&snapdir)
        .ok();
    let r = json(&out);
    assert_eq!(r["recovered"], true, "{r:#}");
    assert_eq!(r["writeCheck"]["ok"], true, "{r:#}");
    assert!(!r["disarmed"].as_array().unwrap().is_empty(), "{r:#}");
    let (mut defragmented, mut skipped) = (0, 0);
    for m in r["defrag"]["members"].as_array().unwrap() {
        if m["outcome"] == "skipped" {
            assert!(
                m["reason"].as_str().unwrap().contains("never started"),
                "{r:#}"
            );
            skipped += 1;
            continue;
        }
        assert_eq!(m["outcome"], "defragmented", "{r:#}");
        assert!(m["dbSizeAfterBytes"].as_u64().unwrap() < 8 << 20, "{r:#}");
        defragmented += 1;
    }
    assert_eq!((defragmented, skipped), (3, 1), "{r:#}");
    // `defrag` alone skips it too, and says why.
    let d = json(
        &c.kforge(0)
            .args(["etcd", "defrag", "--min-reclaim", "0", "-o", "json"])
            .ok(),
    );
    let skipped: Vec<&serde_json::Value> = d["members"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["outcome"] == "skipped")
        .collect();
    assert_eq!(skipped.len(), 1, "{d:#}");
    assert!(
        skipped[0]["reason"]
            .as_str()
            .unwrap()
            .contains("never started"),
        "{d:#}"
    );
    // The learner has no name yet: `members remove cp4` says to give its ID,
    // which works.
    let (_, e) = c
        .kforge(0)
        .args(["etcd", "members", "remove", "cp4"])
        .fails_with(1);
    let list = json(&c.kforge(0).args(["etcd", "members", "-o", "json"]).ok());
    let lid = list["members"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["learner"] == true)
        .unwrap_or_else(|| panic!("{list:#}"))["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        e.contains("never started has no name yet: give its ID") && e.contains(&lid),
        "{e}"
    );
    c.kforge(0).args(["etcd", "members", "remove", &lid]).ok();
    // The snapshot taken first verifies.
    let snap = r["snapshot"]["file"].as_str().unwrap();
    kforge().args(["snapshot", "status", snap]).ok();
    // Alarm gone, writes work, the check key is gone.
    let alarms = json(
        &c.kforge(0)
            .args(["etcd", "alarms", "list", "-o", "json"])
            .ok(),
    );
    assert!(
        alarms["alarms"].as_array().unwrap().is_empty(),
        "{alarms:#}"
    );
    c.etcdctl(2).args(["put", "/after", "ok"]).ok();
    let left = c
        .etcdctl(0)
        .args(["get", "/kforge.io/", "--prefix", "--keys-only"])
        .ok();
    assert!(left.trim().is_empty(), "{left}");
    c.kforge(2).args(["etcd", "status"]).ok();
}

/// A typo in `--root` or a TLS path is a usage error (exit 2), never
/// "etcd is unhealthy" (exit 3): monitoring must not page for it.
#[test]
fn config_and_path_errors_exit_2_not_3() {
    let (_, e) = kforge()
        .args(["etcd", "status", "--root", "/nonexistent"])
        .fails_with(2);
    assert!(e.contains("--root /nonexistent: no such directory"), "{e}");
    let dir = tempdir();
    let (_, e) = kforge()
        .args(["etcd", "status", "--root"])
        .arg(dir.path())
        .fails_with(2);
    assert!(
        e.contains("etc/kubernetes/pki/etcd/ca.crt") && e.contains("--root"),
        "{e}"
    );
    let (_, e) = kforge()
        .args([
            "etcd",
            "defrag",
            "--endpoints",
            "https://127.0.0.1:1",
            "--cacert",
            "/nonexistent/ca.crt",
        ])
        .fails_with(2);
    assert!(
        e.contains("/nonexistent/ca.crt") && e.contains("--cacert"),
        "{e}"
    );
    for cmd in [&["members"][..], &["alarms"], &["compact"]] {
        let (_, e) = kforge()
            .args(["etcd"])
            .args(cmd)
            .args(["--root", "/nonexistent"])
            .fails_with(2);
        assert!(e.contains("no such directory"), "{cmd:?}: {e}");
    }
}
