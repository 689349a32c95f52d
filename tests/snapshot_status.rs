//! `snapshot status` against the real thing: snapshots saved from running
//! etcd 3.4 and 3.5 (and hand-built bbolt files for shapes etcd never
//! writes: 16 KiB/64 KiB pages, nested buckets), each compared field by
//! field, and byte for byte as JSON, with `etcdutl snapshot status -w json`
//! (etcdutl 3.5 reads snapshots of both versions). Then bad input: empty,
//! truncated, bit-flipped, random and text files, wrong trailers and
//! corrupt trees must give one clear error, never a panic or a hang.
//!
//! A missing etcd or etcdutl fails the tests (see `support`).

mod support;

use etcd_format::bbolt::{self, Db, Meta, Value, LEAF_PAGE, META_PAGE, NO_FREELIST};
use etcd_format::snapshot_file::{self, SnapshotStatus, TrailerState};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use support::etcd::{etcdutl_status_text as etcdutl_status, Etcd, Version};

// ---------------------------------------------------------------------------
// Comparing with etcdutl

/// Asserts that our status of `path` is etcdutl's, field by field and as
/// JSON text (`totalSize` is kforge's `totalSizeBytes`); returns ours.
fn assert_matches_etcdutl(path: &Path) -> SnapshotStatus {
    let ours = snapshot_file::status(path)
        .unwrap_or_else(|e| panic!("status of {}: {}", path.display(), chain(&e)));
    let theirs_text = etcdutl_status(path);
    eprintln!("etcdutl {}: {theirs_text}", path.display());
    let theirs: serde_json::Value = serde_json::from_str(&theirs_text)
        .unwrap_or_else(|e| panic!("etcdutl printed no JSON ({e}): {theirs_text}"));
    // The same fields in the same order; only etcdutl's `totalSize` is
    // named `totalSizeBytes` by kforge's output convention.
    let ours_text = serde_json::to_string(&ours).unwrap();
    assert!(ours_text.contains("\"totalSizeBytes\":"), "{ours_text}");
    let ours_text = ours_text.replacen("\"totalSizeBytes\":", "\"totalSize\":", 1);
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&ours_text).unwrap(),
        theirs,
        "status of {} differs from etcdutl's",
        path.display()
    );
    assert_eq!(ours_text, theirs_text);
    ours
}

/// An error and its causes on one line.
fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        s.push_str(": ");
        s.push_str(&c.to_string());
        cur = c.source();
    }
    s
}

/// The error of `status` on `path`, as one line.
fn status_error(path: &Path) -> String {
    match snapshot_file::status(path) {
        Ok(st) => panic!("expected an error for {}, got {st:?}", path.display()),
        Err(e) => chain(&e),
    }
}

// ---------------------------------------------------------------------------
// Real etcd

/// The data shapes loaded one after the other; a snapshot follows each.
#[derive(Debug, Clone, Copy)]
enum Stage {
    Fresh,
    ManySmallKeys,
    LargeValues,
    Deletes,
    Leases,
    Compacted,
}

const STAGES: [Stage; 6] = [
    Stage::Fresh,
    Stage::ManySmallKeys,
    Stage::LargeValues,
    Stage::Deletes,
    Stage::Leases,
    Stage::Compacted,
];

async fn load(client: &mut etcd_client::Client, stage: Stage) {
    use etcd_client::{CompactionOptions, DeleteOptions, PutOptions, Txn, TxnOp};
    let value = |i: usize, len: usize| -> Vec<u8> {
        (0..len)
            .map(|j| b'a' + ((i * 31 + j * 7) % 26) as u8)
            .collect()
    };
    match stage {
        Stage::Fresh => {}
        Stage::ManySmallKeys => {
            // 20,000 keys, 100 per transaction (one revision, sub revisions
            // 0..99), so bucket `key` spans hundreds of leaves under a
            // two-level branch.
            for chunk in 0..200 {
                let ops: Vec<TxnOp> = (0..100)
                    .map(|j| {
                        let i = chunk * 100 + j;
                        TxnOp::put(
                            format!("/registry/pods/ns-{}/pod-{i:05}", i % 37),
                            value(i, 100 + i % 300),
                            None,
                        )
                    })
                    .collect();
                client.txn(Txn::new().and_then(ops)).await.unwrap();
            }
            for i in 0..300 {
                client
                    .put(format!("/registry/configmaps/cm-{i}"), value(i, 50), None)
                    .await
                    .unwrap();
            }
        }
        Stage::LargeValues => {
            // Larger than a page: leaves with overflow pages.
            for (i, len) in [5_000, 20_000, 100_000, 1_000_000, 4_097]
                .into_iter()
                .enumerate()
            {
                client
                    .put(format!("/registry/secrets/big-{i}"), value(i, len), None)
                    .await
                    .unwrap();
            }
        }
        Stage::Deletes => {
            // Tombstones: a range delete and single deletes; overwrites.
            client
                .delete(
                    "/registry/pods/ns-3/",
                    Some(DeleteOptions::new().with_prefix()),
                )
                .await
                .unwrap();
            for i in (0..20_000).step_by(397) {
                client
                    .delete(format!("/registry/pods/ns-{}/pod-{i:05}", i % 37), None)
                    .await
                    .unwrap();
            }
            client
                .delete("/registry/secrets/big-3", None)
                .await
                .unwrap();
            for i in 0..200 {
                client
                    .put(
                        format!("/registry/configmaps/cm-{i}"),
                        value(i + 1, 80),
                        None,
                    )
                    .await
                    .unwrap();
            }
        }
        Stage::Leases => {
            let mut ids = Vec::new();
            for l in 0..20 {
                let id = client.lease_grant(3600, None).await.unwrap().id();
                ids.push(id);
                for k in 0..10 {
                    client
                        .put(
                            format!("/registry/leases/l{l}/k{k}"),
                            value(k, 30),
                            Some(PutOptions::new().with_lease(id)),
                        )
                        .await
                        .unwrap();
                }
            }
            for id in ids.iter().step_by(4) {
                client.lease_revoke(*id).await.unwrap();
            }
        }
        Stage::Compacted => {
            let rev = client
                .put("/registry/marker", "before-compaction", None)
                .await
                .unwrap()
                .header()
                .unwrap()
                .revision();
            client
                .compact(rev - 100, Some(CompactionOptions::new().with_physical()))
                .await
                .unwrap();
        }
    }
}

/// Runs etcd, loads every stage, checks each snapshot against etcdutl, then
/// the raw `member/snap/db` of the stopped server.
fn check_against_real_etcd(version: Version) {
    let dir = support::tempdir();
    let mut server = Etcd::start(version, dir.path(), &[]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    let mut client = rt
        .block_on(etcd_client::Client::connect(
            [server.endpoint.as_str()],
            None,
        ))
        .unwrap();
    let mut previous_revision = 0;
    for stage in STAGES {
        rt.block_on(load(&mut client, stage));
        let snap = dir.path().join(format!("{stage:?}.db"));
        server.save_with_etcdctl(&snap);
        let st = assert_matches_etcdutl(&snap);
        // The file is a streamed snapshot: body + valid sha256.
        assert!(st.has_trailer, "{stage:?}: no trailer");
        assert_eq!(st.trailer_valid, Some(true), "{stage:?}");
        assert_eq!(
            snapshot_file::verify_trailer(&snap).unwrap(),
            TrailerState::Valid
        );
        let size = std::fs::metadata(&snap).unwrap().len();
        assert_eq!(st.total_size + 32, size, "{stage:?}");
        assert!(st.revision >= previous_revision, "{stage:?}");
        previous_revision = st.revision;
        if matches!(stage, Stage::ManySmallKeys) {
            assert!(st.total_key > 20_000, "{stage:?}: {st:?}");
            assert!(st.revision > 500, "{stage:?}: {st:?}");
            // The `key` bucket is a real tree: a branch root over many leaves.
            let db = Db::open(std::fs::File::open(&snap).unwrap()).unwrap();
            let key = db.bucket(&db.root(), b"key").unwrap().unwrap();
            let root = db.read_page(key.root_page().unwrap()).unwrap();
            assert_eq!(root.flags(), bbolt::BRANCH_PAGE);
        }
        if matches!(stage, Stage::LargeValues) {
            assert!(has_overflow_page(&snap), "no overflow page in {stage:?}");
        }
    }
    // A raw copy of the backend: no trailer, usually larger than its pages.
    server.proc.kill();
    let raw = dir.path().join("raw.db");
    std::fs::copy(server.data_dir.join("member/snap/db"), &raw).unwrap();
    let st = assert_matches_etcdutl(&raw);
    assert!(!st.has_trailer);
    assert_eq!(st.trailer_valid, None);
    assert_eq!(
        snapshot_file::verify_trailer(&raw).unwrap(),
        TrailerState::Absent
    );
    let err = TrailerState::Absent
        .ensure_valid(&raw)
        .unwrap_err()
        .to_string();
    assert!(err.contains("has no sha256 trailer"), "{err}");
    assert!(st.revision >= previous_revision);
}

fn has_overflow_page(path: &Path) -> bool {
    let db = Db::open(std::fs::File::open(path).unwrap()).unwrap();
    (2..db.meta().pgid).any(|p| db.read_page(p).is_ok_and(|pg| pg.overflow() > 0))
}

#[test]
fn status_matches_etcdutl_for_etcd_3_4() {
    let etcdctl = PathBuf::from("/usr/bin/etcdctl");
    assert!(
        etcdctl.is_file(),
        "etcdctl 3.4 (/usr/bin/etcdctl, Debian etcd-client) is missing: run scripts/install-test-deps.sh"
    );
    check_against_real_etcd(Version::V3_4);
}

#[test]
fn status_matches_etcdutl_for_etcd_3_5() {
    check_against_real_etcd(Version::V3_5);
}

/// One small real snapshot (etcd 3.5, a few hundred keys) for the bad-input
/// tests.
fn small_real_snapshot(dir: &Path) -> PathBuf {
    let server = Etcd::start(Version::V3_5, dir, &[]);
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let mut c = etcd_client::Client::connect([server.endpoint.as_str()], None)
            .await
            .unwrap();
        for i in 0..300 {
            c.put(format!("/k/{i:04}"), format!("value-{i}").repeat(20), None)
                .await
                .unwrap();
        }
        c.put("/big", vec![b'x'; 50_000], None).await.unwrap();
    });
    let snap = dir.join("small.db");
    server.save_with_etcdctl(&snap);
    snap
}

#[test]
fn bad_real_snapshots_give_clear_errors() {
    let dir = support::tempdir();
    let snap = small_real_snapshot(dir.path());
    let good = std::fs::read(&snap).unwrap();
    let write = |name: &str, bytes: &[u8]| -> PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let st = assert_matches_etcdutl(&snap);
    let page_size = Db::open(std::fs::File::open(&snap).unwrap())
        .unwrap()
        .page_size() as usize;

    // Empty and tiny files.
    let e = status_error(&write("empty.db", b""));
    assert!(
        e.ends_with("not a bbolt database (the file is 0 bytes, too short for a meta page)"),
        "{e}"
    );
    let e = status_error(&write("tiny.db", &good[..50]));
    assert!(
        e.contains("not a bbolt database (the file is 50 bytes"),
        "{e}"
    );

    // Truncated: meta intact, pages missing.
    let body = good.len() - 32;
    for cut in [
        100,
        page_size + 50,
        2 * page_size,
        body / 2,
        body - page_size,
        body - 1,
    ] {
        let e = status_error(&write("cut.db", &good[..cut]));
        assert!(
            e.contains(&format!(
                "truncated: the meta page counts {} pages of {page_size} bytes but the file has only {cut} bytes",
                st.total_size / page_size as u64
            )),
            "cut at {cut}: {e}"
        );
    }
    // Cut inside the trailer: the body is whole, the trailer is gone.
    let cut = write("cut-trailer.db", &good[..good.len() - 1]);
    let st2 = snapshot_file::status(&cut).unwrap();
    assert!(!st2.has_trailer);
    assert_eq!(st2.hash, st.hash);
    let e = chain(
        &snapshot_file::verify_trailer(&cut)
            .unwrap()
            .ensure_valid(&cut)
            .unwrap_err(),
    );
    assert!(e.contains("has no sha256 trailer"), "{e}");

    // A bit flipped in meta 0 (the current one in a snapshot): bbolt falls
    // back to meta 1, and so do we.
    let mut flipped = good.clone();
    flipped[16 + 48] ^= 0x01; // meta 0's txid
    let p = write("flip-meta0.db", &flipped);
    let st0 = assert_matches_etcdutl(&p);
    assert_eq!(st0.hash, st.hash);
    let db = Db::open(std::fs::File::open(&p).unwrap()).unwrap();
    assert_eq!(db.meta_page(), 1);
    // Both flipped.
    flipped[page_size + 16 + 48] ^= 0x01;
    let e = status_error(&write("flip-both.db", &flipped));
    assert!(
        e.ends_with("meta pages are both invalid (checksum mismatch)"),
        "{e}"
    );
    // Magic of both flipped.
    let mut flipped = good.clone();
    flipped[16] ^= 0xff;
    flipped[page_size + 16] ^= 0xff;
    let e = status_error(&write("flip-magic.db", &flipped));
    assert!(e.ends_with("not a bbolt database (bad magic)"), "{e}");

    // Random bytes and text.
    let mut rng = XorShift(0x9e37_79b9_7f4a_7c15);
    let random: Vec<u8> = (0..65_536).map(|_| rng.next() as u8).collect();
    let e = status_error(&write("random.db", &random));
    assert!(e.ends_with("not a bbolt database (bad magic)"), "{e}");
    let text = "apiVersion: v1\nkind: Pod\n".repeat(2000);
    let e = status_error(&write("text.db", text.as_bytes()));
    assert!(e.ends_with("not a bbolt database (bad magic)"), "{e}");

    // A wrong trailer: the body still reads, the trailer check fails.
    let mut wrong = good.clone();
    let last = wrong.len() - 1;
    wrong[last] ^= 0x80;
    let p = write("wrong-trailer.db", &wrong);
    let stw = snapshot_file::status(&p).unwrap();
    assert_eq!(stw.hash, st.hash);
    assert_eq!(stw.trailer_valid, Some(false));
    let state = snapshot_file::verify_trailer(&p).unwrap();
    assert!(matches!(state, TrailerState::Mismatch { .. }), "{state:?}");
    let e = state.ensure_valid(&p).unwrap_err().to_string();
    assert!(e.contains("is corrupt: its sha256 trailer is"), "{e}");

    // A changed value byte: same structure, different hash, bad trailer.
    let mut changed = good.clone();
    let pos = find(&changed, b"value-7value-7").unwrap();
    changed[pos] = b'V';
    let p = write("changed-value.db", &changed);
    let stc = assert_matches_etcdutl(&p);
    assert_ne!(stc.hash, st.hash);
    assert_eq!(stc.trailer_valid, Some(false));

    // Missing file.
    let e = status_error(&dir.path().join("nope.db"));
    assert!(e.starts_with("cannot open snapshot"), "{e}");
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

// ---------------------------------------------------------------------------
// Hand-built databases

/// What goes under a key: bytes or a bucket.
#[derive(Clone)]
enum Item {
    Data(Vec<u8>),
    Bucket(Vec<(Vec<u8>, Item)>),
}

/// A minimal bbolt writer for tests: lays trees out bottom-up, children
/// before parents, inlining small buckets without sub-buckets as bbolt does.
struct Builder {
    page_size: usize,
    pages: Vec<u8>,
}

type Element = (Vec<u8>, u32, Vec<u8>);

impl Builder {
    fn new(page_size: usize) -> Builder {
        Builder {
            page_size,
            pages: vec![0; 2 * page_size],
        }
    }

    fn next_pgid(&self) -> u64 {
        (self.pages.len() / self.page_size) as u64
    }

    fn header(bytes: &mut [u8], id: u64, flags: u16, count: usize, overflow: u32) {
        bytes[0..8].copy_from_slice(&id.to_le_bytes());
        bytes[8..10].copy_from_slice(&flags.to_le_bytes());
        bytes[10..12].copy_from_slice(&(count as u16).to_le_bytes());
        bytes[12..16].copy_from_slice(&overflow.to_le_bytes());
    }

    /// Appends a page (with overflow pages as needed); returns its id.
    fn alloc(&mut self, mut bytes: Vec<u8>, flags: u16, count: usize) -> u64 {
        let id = self.next_pgid();
        let n = bytes.len().div_ceil(self.page_size).max(1);
        Self::header(&mut bytes, id, flags, count, (n - 1) as u32);
        bytes.resize(n * self.page_size, 0);
        self.pages.extend_from_slice(&bytes);
        id
    }

    fn leaf(elems: &[Element]) -> Vec<u8> {
        let mut b = vec![0u8; 16 + 16 * elems.len()];
        for (i, (k, flags, v)) in elems.iter().enumerate() {
            let at = 16 + 16 * i;
            let pos = (b.len() - at) as u32;
            b[at..at + 4].copy_from_slice(&flags.to_le_bytes());
            b[at + 4..at + 8].copy_from_slice(&pos.to_le_bytes());
            b[at + 8..at + 12].copy_from_slice(&(k.len() as u32).to_le_bytes());
            b[at + 12..at + 16].copy_from_slice(&(v.len() as u32).to_le_bytes());
            b.extend_from_slice(k);
            b.extend_from_slice(v);
        }
        b
    }

    fn branch(elems: &[(Vec<u8>, u64)]) -> Vec<u8> {
        let mut b = vec![0u8; 16 + 16 * elems.len()];
        for (i, (k, pgid)) in elems.iter().enumerate() {
            let at = 16 + 16 * i;
            let pos = (b.len() - at) as u32;
            b[at..at + 4].copy_from_slice(&pos.to_le_bytes());
            b[at + 4..at + 8].copy_from_slice(&(k.len() as u32).to_le_bytes());
            b[at + 8..at + 16].copy_from_slice(&pgid.to_le_bytes());
            b.extend_from_slice(k);
        }
        b
    }

    /// The value of a bucket holding `items` (sorted by key).
    fn bucket(&mut self, items: &[(Vec<u8>, Item)], sequence: u64) -> Vec<u8> {
        let has_sub = items.iter().any(|(_, i)| matches!(i, Item::Bucket(_)));
        let elems: Vec<Element> = items
            .iter()
            .map(|(k, item)| match item {
                Item::Data(v) => (k.clone(), 0, v.clone()),
                Item::Bucket(sub) => (k.clone(), 1, self.bucket(sub, 7)),
            })
            .collect();
        let mut value = vec![0u8; 16];
        value[8..16].copy_from_slice(&sequence.to_le_bytes());
        let mut leaf = Self::leaf(&elems);
        if !has_sub && 16 + leaf.len() <= self.page_size / 4 {
            Self::header(&mut leaf, 0, LEAF_PAGE, elems.len(), 0);
            value.extend_from_slice(&leaf);
        } else {
            let root = self.tree(elems);
            value[0..8].copy_from_slice(&root.to_le_bytes());
        }
        value
    }

    /// Leaves filled up to a page, then branch levels; returns the root.
    fn tree(&mut self, elems: Vec<Element>) -> u64 {
        let mut level: Vec<(Vec<u8>, u64)> = Vec::new();
        let mut cur: Vec<Element> = Vec::new();
        let mut size = 16;
        let flush = |b: &mut Builder, cur: &mut Vec<Element>, level: &mut Vec<(Vec<u8>, u64)>| {
            let first = cur.first().map(|e| e.0.clone()).unwrap_or_default();
            let id = b.alloc(Self::leaf(cur), LEAF_PAGE, cur.len());
            level.push((first, id));
            cur.clear();
        };
        for e in elems {
            let need = 16 + e.0.len() + e.2.len();
            if !cur.is_empty() && size + need > self.page_size {
                flush(self, &mut cur, &mut level);
                size = 16;
            }
            size += need;
            cur.push(e);
        }
        if !cur.is_empty() || level.is_empty() {
            flush(self, &mut cur, &mut level);
        }
        while level.len() > 1 {
            let mut up = Vec::new();
            let mut group: Vec<(Vec<u8>, u64)> = Vec::new();
            let mut size = 16;
            for e in level {
                let need = 16 + e.0.len();
                if group.len() >= 2 && size + need > self.page_size {
                    let id = self.alloc(Self::branch(&group), bbolt::BRANCH_PAGE, group.len());
                    up.push((group[0].0.clone(), id));
                    group.clear();
                    size = 16;
                }
                size += need;
                group.push(e);
            }
            let id = self.alloc(Self::branch(&group), bbolt::BRANCH_PAGE, group.len());
            up.push((group[0].0.clone(), id));
            level = up;
        }
        level[0].1
    }

    /// The whole file: the root bucket holding `top`, both meta pages valid
    /// (meta 0 current, as in a snapshot).
    fn finish(mut self, top: &[(Vec<u8>, Item)], txid: u64) -> Vec<u8> {
        let elems: Vec<Element> = top
            .iter()
            .map(|(k, item)| match item {
                Item::Bucket(sub) => (k.clone(), 1, self.bucket(sub, 0)),
                Item::Data(v) => (k.clone(), 0, v.clone()),
            })
            .collect();
        let root = self.tree(elems);
        let meta = Meta {
            page_size: self.page_size as u32,
            flags: 0,
            root,
            root_sequence: 0,
            freelist: NO_FREELIST,
            pgid: self.next_pgid(),
            txid,
        };
        for (page, txid) in [(0u64, txid), (1, txid - 1)] {
            let off = page as usize * self.page_size;
            Self::header(&mut self.pages[off..], page, META_PAGE, 0, 0);
            let m = Meta { txid, ..meta };
            self.pages[off + 16..off + 80].copy_from_slice(&m.to_bytes());
        }
        self.pages
    }
}

fn rev_key(main: u64, sub: u64) -> Vec<u8> {
    let mut k = main.to_be_bytes().to_vec();
    k.push(b'_');
    k.extend_from_slice(&sub.to_be_bytes());
    k
}

/// Every shape: inline, empty, multi-level, overflow, nested (inline and
/// paged) buckets, and a `key` bucket of revisions.
fn all_shapes(page_size: usize) -> Vec<(Vec<u8>, Item)> {
    let data = |s: &str| Item::Data(s.as_bytes().to_vec());
    let big = |n: usize, seed: u8| Item::Data((0..n).map(|i| seed.wrapping_add(i as u8)).collect());
    let many: Vec<(Vec<u8>, Item)> = (0..(page_size / 4).max(3000))
        .map(|i| {
            (
                format!("k{i:07}").into_bytes(),
                data(&format!("v{}", i * 7)),
            )
        })
        .collect();
    let revisions: Vec<(Vec<u8>, Item)> = (1..=500u64)
        .map(|r| (rev_key(r, r % 3), data(&format!("kv{r}"))))
        .collect();
    vec![
        (
            b"a-inline".to_vec(),
            Item::Bucket(vec![(b"x".to_vec(), data("1")), (b"y".to_vec(), data("2"))]),
        ),
        (b"b-empty".to_vec(), Item::Bucket(vec![])),
        (b"c-many".to_vec(), Item::Bucket(many.clone())),
        (
            b"d-big".to_vec(),
            Item::Bucket(vec![
                (b"one-page".to_vec(), big(page_size - 100, 1)),
                (b"two-pages".to_vec(), big(page_size + 1, 2)),
                (b"z-large".to_vec(), big(5 * page_size + 123, 3)),
            ]),
        ),
        (
            b"e-nested".to_vec(),
            Item::Bucket(vec![
                (
                    b"n1-inline".to_vec(),
                    Item::Bucket(vec![(b"q".to_vec(), data("r"))]),
                ),
                (b"n2-paged".to_vec(), Item::Bucket(many[..2000].to_vec())),
                (b"n3-value".to_vec(), data("plain")),
                (
                    b"n4-deep".to_vec(),
                    Item::Bucket(vec![(
                        b"deeper".to_vec(),
                        Item::Bucket(vec![(b"deepest".to_vec(), data("!"))]),
                    )]),
                ),
            ]),
        ),
        (b"key".to_vec(), Item::Bucket(revisions)),
        (
            b"meta".to_vec(),
            Item::Bucket(vec![(
                b"consistent_index".to_vec(),
                Item::Data(9u64.to_be_bytes().to_vec()),
            )]),
        ),
    ]
}

/// Counts every key, nested buckets included, through the public API.
fn walk_all<R: bbolt::ReadAt>(
    db: &Db<R>,
    bucket: &bbolt::Bucket,
    out: &mut Vec<Vec<u8>>,
) -> Result<(), bbolt::Error> {
    db.for_each_kv(bucket, |k, v| {
        out.push(k.to_vec());
        if let Value::Bucket(b) = v {
            walk_all(db, &b, out)?;
        }
        Ok::<(), bbolt::Error>(())
    })
}

#[test]
fn hand_built_databases_match_etcdutl_at_every_page_size() {
    let dir = support::tempdir();
    for page_size in [1024, 4096, 16_384, 65_536] {
        let shapes = all_shapes(page_size);
        let bytes = Builder::new(page_size).finish(&shapes, 10);
        let path = dir.path().join(format!("built-{page_size}.db"));
        std::fs::write(&path, &bytes).unwrap();
        let st = assert_matches_etcdutl(&path);
        assert_eq!(st.revision, 500);
        assert_eq!(st.total_size, bytes.len() as u64);

        let db = Db::from_reader(bytes.clone()).unwrap();
        assert_eq!(db.page_size() as usize, page_size);
        assert_eq!(db.meta().txid, 10);
        assert_eq!(db.meta().freelist_page(), None);
        // Names in cursor order; nested buckets walked; lookups.
        let mut names = Vec::new();
        db.for_each_bucket(|name, _| {
            names.push(String::from_utf8(name.to_vec()).unwrap());
            Ok::<(), bbolt::Error>(())
        })
        .unwrap();
        assert_eq!(
            names,
            ["a-inline", "b-empty", "c-many", "d-big", "e-nested", "key", "meta"]
        );
        let mut keys = Vec::new();
        walk_all(&db, &db.root(), &mut keys).unwrap();
        let many = (page_size / 4).max(3000);
        assert_eq!(
            keys.len(),
            7 + 2 + many + 3 + 4 + 1 + 2000 + 1 + 1 + 500 + 1
        );
        let root = db.root();
        let nested = db.bucket(&root, b"e-nested").unwrap().unwrap();
        assert!(db
            .bucket(&nested, b"n1-inline")
            .unwrap()
            .unwrap()
            .root_page()
            .is_none());
        let paged = db.bucket(&nested, b"n2-paged").unwrap().unwrap();
        assert!(paged.root_page().is_some());
        assert_eq!(
            db.get(&paged, b"k0001234").unwrap().as_deref(),
            Some(&b"v8638"[..])
        );
        assert_eq!(db.get(&paged, b"k0002000").unwrap(), None);
        assert_eq!(
            db.get(&nested, b"n3-value").unwrap().as_deref(),
            Some(&b"plain"[..])
        );
        assert_eq!(
            db.get(&nested, b"n1-inline").unwrap(),
            None,
            "a bucket is not a value"
        );
        let big = db.bucket(&root, b"d-big").unwrap().unwrap();
        let large = db.get(&big, b"z-large").unwrap().unwrap();
        assert_eq!(large.len(), 5 * page_size + 123);
        assert_eq!(large[1000], 3u8.wrapping_add(1000u32 as u8));
        let c = db.bucket(&root, b"c-many").unwrap().unwrap();
        let mut n = 0;
        let mut last = Vec::new();
        db.for_each_kv(&c, |k, _| {
            assert!(k > last.as_slice(), "keys out of order");
            last = k.to_vec();
            n += 1;
            Ok::<(), bbolt::Error>(())
        })
        .unwrap();
        assert_eq!(n, many);

        // With a trailer appended, the status is the same and the trailer valid.
        let mut with_trailer = bytes.clone();
        with_trailer.extend_from_slice(&Sha256::digest(&bytes));
        let path2 = dir.path().join(format!("built-{page_size}-trailer.db"));
        std::fs::write(&path2, &with_trailer).unwrap();
        let st2 = assert_matches_etcdutl(&path2);
        assert_eq!(
            (st2.hash, st2.has_trailer, st2.trailer_valid),
            (st.hash, true, Some(true))
        );
    }
}

#[test]
fn storage_version_is_reported_when_present() {
    let mut shapes = all_shapes(4096);
    let meta = shapes.iter_mut().find(|(k, _)| k == b"meta").unwrap();
    meta.1 = Item::Bucket(vec![(
        b"storageVersion".to_vec(),
        Item::Data(b"3.6.0".to_vec()),
    )]);
    let db = Db::from_reader(Builder::new(4096).finish(&shapes, 4)).unwrap();
    let st = snapshot_file::status_of_db(&db).unwrap();
    assert_eq!(st.version.as_deref(), Some("3.6.0"));
    let json = serde_json::to_string(&st).unwrap();
    assert!(json.ends_with(",\"version\":\"3.6.0\"}"), "{json}");
}

/// Offsets of every page with `flags` in a hand-built file.
fn pages_with_flags(bytes: &[u8], page_size: usize, flags: u16) -> Vec<usize> {
    (2..bytes.len() / page_size)
        .map(|p| p * page_size)
        .filter(|&off| u16::from_le_bytes([bytes[off + 8], bytes[off + 9]]) == flags)
        .filter(|&off| {
            u64::from_le_bytes(bytes[off..off + 8].try_into().unwrap()) == (off / page_size) as u64
        })
        .collect()
}

/// Opens and walks `bytes` completely; returns the error, one line.
fn walk_error(bytes: Vec<u8>) -> String {
    let result = Db::from_reader(bytes).and_then(|db| {
        let mut keys = Vec::new();
        walk_all(&db, &db.root(), &mut keys)?;
        snapshot_file::status_of_db(&db).map_err(|e| match e {
            snapshot_file::ContentError::Db(e) => e,
            other => panic!("{other}"),
        })?;
        Ok(keys.len())
    });
    match result {
        Ok(n) => panic!("expected an error, walked {n} keys"),
        Err(e) => chain(&e),
    }
}

#[test]
fn corrupt_trees_give_clear_errors() {
    let ps = 4096;
    let good = Builder::new(ps).finish(&all_shapes(ps), 10);
    let branch = pages_with_flags(&good, ps, bbolt::BRANCH_PAGE)[0];
    let branch_id = (branch / ps) as u64;
    let child_at = branch + 16 + 8; // pgid of the first element

    // A branch pointing at itself: a cycle.
    let mut b = good.clone();
    b[child_at..child_at + 8].copy_from_slice(&branch_id.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!("corrupt database: page {branch_id} is referenced twice in one tree (a cycle)")
    );

    // A child beyond the high-water mark.
    let hwm = (good.len() / ps) as u64;
    let mut b = good.clone();
    b[child_at..child_at + 8].copy_from_slice(&(hwm + 5).to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!(
            "corrupt database: page {} lies beyond the high-water mark ({hwm} pages)",
            hwm + 5
        )
    );

    // A child pointing at a meta page.
    let mut b = good.clone();
    b[child_at..child_at + 8].copy_from_slice(&1u64.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        "corrupt database: page 1 has type 0x04, expected a branch or leaf page"
    );

    // A page whose header names another page.
    let leaf = pages_with_flags(&good, ps, LEAF_PAGE)[3];
    let mut b = good.clone();
    b[leaf..leaf + 8].copy_from_slice(&99_999u64.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!(
            "corrupt database: page {} identifies itself as page 99999",
            leaf / ps
        )
    );

    // An element count larger than the page.
    let mut b = good.clone();
    b[leaf + 10..leaf + 12].copy_from_slice(&4000u16.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!(
            "corrupt database: page {} claims 4000 elements, more than fit in it",
            leaf / ps
        )
    );

    // A key position pointing outside the page.
    let mut b = good.clone();
    b[leaf + 16 + 4..leaf + 16 + 8].copy_from_slice(&u32::MAX.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!(
            "corrupt database: page {} has element 0 pointing outside the page",
            leaf / ps
        )
    );

    // Overflow running past the end.
    let mut b = good.clone();
    b[leaf + 12..leaf + 16].copy_from_slice(&1_000_000u32.to_le_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!("corrupt database: page {} claims 1000000 overflow pages, running past the high-water mark ({hwm} pages)", leaf / ps)
    );

    // The high-water mark beyond the file (meta checksum recomputed).
    let mut b = good.clone();
    let db = Db::from_reader(good.clone()).unwrap();
    let meta = Meta {
        pgid: hwm + 1,
        ..*db.meta()
    };
    b[16..80].copy_from_slice(&meta.to_bytes());
    let e = walk_error(b);
    assert_eq!(
        e,
        format!(
            "truncated: the meta page counts {} pages of 4096 bytes but the file has only {} bytes",
            hwm + 1,
            good.len()
        )
    );

    // A nested bucket whose root is its parent's page: the recursion is
    // bounded by the nesting limit, not endless.
    let shapes = vec![(
        b"p".to_vec(),
        Item::Bucket(vec![
            (
                b"child".to_vec(),
                Item::Bucket(vec![(b"x".to_vec(), Item::Data(vec![1; 3000]))]),
            ),
            (b"pad".to_vec(), Item::Data(vec![0; 2000])),
        ]),
    )];
    let good2 = Builder::new(ps).finish(&shapes, 3);
    let db = Db::from_reader(good2.clone()).unwrap();
    let p = db.bucket(&db.root(), b"p").unwrap().unwrap();
    let p_root = p.root_page().unwrap();
    let child_root = db
        .bucket(&p, b"child")
        .unwrap()
        .unwrap()
        .root_page()
        .unwrap();
    let mut b = good2.clone();
    // Element 0 of p's leaf is "child"; its value starts with the root pgid.
    let e0 = p_root as usize * ps + 16;
    let word = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().unwrap()) as usize;
    let value = e0 + word(e0 + 4) + word(e0 + 8);
    assert_eq!(b[value..value + 8], child_root.to_le_bytes());
    b[value..value + 8].copy_from_slice(&p_root.to_le_bytes());
    let e = walk_error(b);
    assert!(
        e == "corrupt database: buckets nested more than 64 deep"
            || e.starts_with("corrupt database: more elements than a file of"),
        "{e}"
    );

    // A top-level plain value: etcdutl refuses it too.
    let shapes = vec![(b"plain".to_vec(), Item::Data(b"v".to_vec()))];
    let e = walk_error(Builder::new(ps).finish(&shapes, 3));
    assert_eq!(
        e,
        "corrupt database: the root holds a plain value under key \"plain\", not a bucket"
    );
}

#[test]
fn a_file_that_shrinks_while_read_gives_a_truncation_error() {
    let dir = support::tempdir();
    let ps = 4096;
    let bytes = Builder::new(ps).finish(&all_shapes(ps), 10);
    let path = dir.path().join("shrinking.db");
    std::fs::write(&path, &bytes).unwrap();
    let db = Db::open(std::fs::File::open(&path).unwrap()).unwrap();
    let f = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
    f.set_len(3 * ps as u64).unwrap();
    let mut keys = Vec::new();
    let e = chain(&walk_all(&db, &db.root(), &mut keys).unwrap_err());
    assert!(
        e.starts_with("truncated: page ")
            && e.ends_with(&format!(
                "lies beyond the end of the file (size {})",
                3 * ps
            )),
        "{e}"
    );
}

/// Small databases of every shape, for fuzz seeds.
fn small_shapes() -> Vec<(Vec<u8>, Item)> {
    let data = |s: &str| Item::Data(s.as_bytes().to_vec());
    let keys: Vec<(Vec<u8>, Item)> = (0..60)
        .map(|i| (format!("k{i:03}").into_bytes(), data(&format!("value-{i}"))))
        .collect();
    vec![
        (
            b"a".to_vec(),
            Item::Bucket(vec![(b"x".to_vec(), data("1"))]),
        ),
        (b"b".to_vec(), Item::Bucket(keys)),
        (
            b"c".to_vec(),
            Item::Bucket(vec![(b"big".to_vec(), Item::Data(vec![7; 2500]))]),
        ),
        (
            b"d".to_vec(),
            Item::Bucket(vec![(
                b"in".to_vec(),
                Item::Bucket(vec![(b"q".to_vec(), data("r"))]),
            )]),
        ),
        (
            b"key".to_vec(),
            Item::Bucket(vec![(rev_key(5, 0), data("kv"))]),
        ),
    ]
}

/// The seed inputs of the `bbolt_open` fuzz target (hand-built databases and
/// a fresh etcd snapshot, each behind the options byte 1: repair meta
/// checksums) are valid databases. With `KFORGE_FUZZ_SEEDS=DIR` the seeds are
/// also written there for `cargo fuzz`.
#[test]
fn fuzz_seeds_are_valid_databases() {
    let tmp = support::tempdir();
    let out = std::env::var_os("KFORGE_FUZZ_SEEDS")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().join("seeds"));
    std::fs::create_dir_all(&out).unwrap();
    let mut written = Vec::new();
    let mut seed = |name: &str, db: &[u8]| {
        let mut b = vec![1u8];
        b.extend_from_slice(db);
        std::fs::write(out.join(name), &b).unwrap();
        written.push(b);
    };
    seed("built-1024", &Builder::new(1024).finish(&small_shapes(), 5));
    seed("built-4096", &Builder::new(4096).finish(&small_shapes(), 5));
    let dir = support::tempdir();
    let server = Etcd::start(Version::V3_5, dir.path(), &[]);
    let snap = dir.path().join("fresh.db");
    server.save_with_etcdctl(&snap);
    seed("etcd-fresh", &std::fs::read(&snap).unwrap());
    for b in &written {
        let body = &b[1..];
        let body = if snapshot_file::has_trailer(body.len() as u64) {
            &body[..body.len() - 32]
        } else {
            body
        };
        let db = Db::from_reader(body.to_vec()).expect("seed opens");
        let st = snapshot_file::status_of_db(&db).expect("seed walks");
        assert!(st.total_key > 0);
    }
}

// ---------------------------------------------------------------------------
// The CLI verifies by default (issue 10, item 9)

/// `kforge snapshot status ARGS FILE`, expecting exit `code`; (stdout, stderr).
fn cli_status(args: &[&str], file: &Path, code: i32) -> (String, String) {
    support::kforge()
        .args(["snapshot", "status"])
        .args(args)
        .arg(file)
        .fails_with(code)
}

#[test]
fn regression_status_accepted_a_flipped_byte_without_verify() {
    let dir = support::tempdir();
    let snap = small_real_snapshot(dir.path());
    let (out, _) = cli_status(&["-o", "json"], &snap, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["trailerValid"], true, "{out}");
    let mut bytes = std::fs::read(&snap).unwrap();
    // A value byte: the database still reads, only the hash can tell.
    let pos = find(&bytes, b"value-7value-7").unwrap();
    bytes[pos] = b'V';
    let flipped = dir.path().join("flipped.db");
    std::fs::write(&flipped, &bytes).unwrap();
    for args in [&[][..], &["--verify"][..], &["-o", "json"][..]] {
        let (out, err) = cli_status(args, &flipped, 1);
        assert!(
            out.is_empty(),
            "{args:?}: printed a status for a corrupt file: {out}"
        );
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(lines[0].contains(&flipped.display().to_string()), "{err}");
        assert!(
            lines[0].contains("is corrupt: its sha256 trailer is"),
            "{err}"
        );
    }
    // The fast path reads the database only, as etcdutl does.
    let (out, _) = cli_status(&["--no-verify", "-o", "json"], &flipped, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["trailerValid"].is_null(), "{out}");
    // A flipped trailer byte is caught the same way.
    let mut bytes = std::fs::read(&snap).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0x01;
    std::fs::write(&flipped, &bytes).unwrap();
    let (_, err) = cli_status(&[], &flipped, 1);
    assert!(err.contains("is corrupt"), "{err}");
}

#[test]
fn regression_status_accepted_a_file_without_trailer_even_with_verify() {
    let dir = support::tempdir();
    let snap = small_real_snapshot(dir.path());
    let bytes = std::fs::read(&snap).unwrap();
    let raw = dir.path().join("no-trailer.db");
    std::fs::write(&raw, &bytes[..bytes.len() - 32]).unwrap();
    for args in [&[][..], &["--verify"][..]] {
        let (out, err) = cli_status(args, &raw, 1);
        assert!(out.is_empty(), "{args:?}: {out}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{args:?}: {err}");
        assert!(lines[0].contains(&raw.display().to_string()), "{err}");
        assert!(lines[0].contains("has no sha256 trailer"), "{err}");
        assert!(lines[0].contains("--no-verify"), "{err}");
    }
    let (out, _) = cli_status(&["--no-verify"], &raw, 0);
    assert!(out.contains("absent"), "{out}");
    // --verify and --no-verify contradict each other.
    cli_status(&["--verify", "--no-verify"], &raw, 2);
}

/// `snapshot status DIR` (a cron job given the backup directory) said
/// "I/O error reading the database at byte 0" over three lines; a missing
/// file likewise took two. Each is one line naming the path and the cause.
#[test]
fn regression_a_directory_or_missing_file_is_one_line_naming_the_path() {
    let dir = support::tempdir();
    let missing = dir.path().join("typo.db");
    for (path, cause) in [
        (
            dir.path().to_path_buf(),
            "is a directory, not a snapshot file",
        ),
        (missing, "No such file or directory"),
    ] {
        let (out, err) = cli_status(&[], &path, 1);
        assert!(out.is_empty(), "{out}");
        let lines: Vec<&str> = err.lines().collect();
        assert_eq!(lines.len(), 1, "{err}");
        assert!(lines[0].contains(&path.display().to_string()), "{err}");
        assert!(lines[0].contains(cause), "{err}");
    }
    let (_, err) = cli_status(&[], dir.path(), 1);
    assert!(err.contains("kforge snapshot list"), "{err}");
}
