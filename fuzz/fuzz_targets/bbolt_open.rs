//! Arbitrary bytes through the bbolt reader: open, a full walk (nested
//! buckets included), lookups, raw page reads and the snapshot status.
//! Whatever the input, this must return: no panic, no hang, no read out of
//! bounds, no allocation beyond the input's own size.
//!
//! The first input byte holds options. With bit 0 set, the meta checksums
//! are recomputed before opening: random bytes almost never carry a valid
//! FNV-1a checksum, and without this the fuzzer would never get past the
//! meta pages to the trees.
//!
//! Run: `cargo +nightly fuzz run bbolt_open -- -max_len=65536`
//! (seeds: `KFORGE_FUZZ_SEEDS=fuzz/corpus/bbolt_open cargo test --test
//! snapshot_status write_fuzz_seeds -- --ignored`).
#![no_main]

use etcd_format::bbolt::{Bucket, Db, Error, Value};
use etcd_format::mvcc::{KEY_BUCKET, MEMBERS_BUCKET, META_BUCKET};
use etcd_format::snapshot_file::status_of_db;
use libfuzzer_sys::fuzz_target;

fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Rewrites the checksum of the meta at `offset` (header included).
fn repair(bytes: &mut [u8], offset: usize) {
    let Some(meta) = bytes.get_mut(offset + 16..offset + 80) else {
        return;
    };
    let sum = fnv1a64(&meta[..56]);
    meta[56..64].copy_from_slice(&sum.to_le_bytes());
}

fn repair_meta_checksums(bytes: &mut [u8]) {
    repair(bytes, 0);
    let page_size = bytes
        .get(24..28)
        .map(|b| u32::from_le_bytes(b.try_into().unwrap()) as usize)
        .unwrap_or(4096);
    repair(bytes, page_size.clamp(1, 1 << 20));
    repair(bytes, 4096);
}

fn walk(db: &Db<Vec<u8>>, bucket: &Bucket, keys: &mut usize) -> Result<(), Error> {
    db.for_each_kv(bucket, |_, v| {
        *keys += 1;
        if let Value::Bucket(b) = v {
            walk(db, &b, keys)?;
        }
        Ok::<(), Error>(())
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&options, rest)) = data.split_first() else {
        return;
    };
    let mut bytes = rest.to_vec();
    if options & 1 != 0 {
        repair_meta_checksums(&mut bytes);
    }
    let Ok(db) = Db::from_reader(bytes) else {
        return;
    };
    let root = db.root();
    let mut keys = 0;
    let _ = walk(&db, &root, &mut keys);
    let _ = status_of_db(&db);
    for name in [KEY_BUCKET, META_BUCKET, MEMBERS_BUCKET] {
        if let Ok(Some(b)) = db.bucket(&root, name) {
            let _ = db.get(&b, b"consistent_index");
            let _ = walk(&db, &b, &mut keys);
        }
    }
    for pgid in [0, 1, db.meta().root, db.meta().pgid.saturating_sub(1)] {
        let _ = db.read_page(pgid);
    }
});
