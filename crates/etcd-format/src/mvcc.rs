//! etcd's key schema in its bbolt backend, decoded in this one place: the
//! bucket names, the revision keys of bucket `key`, and the
//! `mvccpb.KeyValue` each of them holds (etcd `server/storage/mvcc`,
//! `api/mvccpb/kv.proto`).
//!
//! A revision key is the 8-byte big-endian main revision, `_`, the 8-byte
//! big-endian sub revision, and for a deletion a trailing `t` (a
//! tombstone). The keys sort by revision, so the last key of bucket `key`
//! is the newest revision.

/// The bucket of MVCC revisions.
pub const KEY_BUCKET: &[u8] = b"key";
/// The bucket of backend metadata (consistent index, term, compaction).
pub const META_BUCKET: &[u8] = b"meta";
/// Cluster membership (v3 store) and members removed from it.
pub const MEMBERS_BUCKET: &[u8] = b"members";
pub const MEMBERS_REMOVED_BUCKET: &[u8] = b"members_removed";
/// Keys of bucket `meta`.
pub const CONSISTENT_INDEX_KEY: &[u8] = b"consistent_index";
pub const TERM_KEY: &[u8] = b"term";
pub const SCHEDULED_COMPACT_KEY: &[u8] = b"scheduledCompactRev";
/// etcd 3.6+: the storage version.
pub const STORAGE_VERSION_KEY: &[u8] = b"storageVersion";

/// Bytes of a revision key without its tombstone mark.
pub const REVISION_KEY_LEN: usize = 17;
const TOMBSTONE: u8 = b't';

/// A revision: the transaction's (main) and the change's within it (sub).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Revision {
    pub main: i64,
    pub sub: i64,
}

impl Revision {
    /// The key etcd stores this revision under (no tombstone mark).
    pub fn key(self) -> Vec<u8> {
        let mut k = Vec::with_capacity(REVISION_KEY_LEN);
        k.extend_from_slice(&self.main.to_be_bytes());
        k.push(b'_');
        k.extend_from_slice(&self.sub.to_be_bytes());
        k
    }
}

/// A key of bucket `key`, decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisionKey {
    pub revision: Revision,
    /// The revision deletes its key.
    pub tombstone: bool,
}

/// Decodes a key of bucket `key`; `None` when it is too short to be one.
/// etcd reads both halves (as etcdutl does), so fewer than 17 bytes is an
/// error even though only the main revision is used by most readers.
pub fn revision_key(k: &[u8]) -> Option<RevisionKey> {
    if k.len() < REVISION_KEY_LEN {
        return None;
    }
    let main = i64::from_be_bytes(k[..8].try_into().ok()?);
    let sub = i64::from_be_bytes(k[9..17].try_into().ok()?);
    Some(RevisionKey {
        revision: Revision { main, sub },
        tombstone: k.len() == REVISION_KEY_LEN + 1 && k[REVISION_KEY_LEN] == TOMBSTONE,
    })
}

/// An `mvccpb.KeyValue`: the value of a revision key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct KeyValue<'a> {
    pub key: &'a [u8],
    pub create_revision: i64,
    pub mod_revision: i64,
    pub version: i64,
    pub value: &'a [u8],
    pub lease: i64,
}

/// Decodes an `mvccpb.KeyValue` (protobuf; unknown fields skipped). `None`
/// when the bytes are not a well-formed message.
pub fn key_value(b: &[u8]) -> Option<KeyValue<'_>> {
    // Field numbers of kv.proto.
    const KEY: u64 = 1;
    const CREATE_REVISION: u64 = 2;
    const MOD_REVISION: u64 = 3;
    const VERSION: u64 = 4;
    const VALUE: u64 = 5;
    const LEASE: u64 = 6;
    // Protobuf wire types.
    const VARINT: u64 = 0;
    const FIXED64: u64 = 1;
    const LEN: u64 = 2;
    const FIXED32: u64 = 5;

    let mut kv = KeyValue::default();
    let mut i = 0;
    while i < b.len() {
        let tag = varint(b, &mut i)?;
        match tag & 7 {
            VARINT => {
                let v = varint(b, &mut i)? as i64;
                match tag >> 3 {
                    CREATE_REVISION => kv.create_revision = v,
                    MOD_REVISION => kv.mod_revision = v,
                    VERSION => kv.version = v,
                    LEASE => kv.lease = v,
                    _ => {}
                }
            }
            LEN => {
                let len = usize::try_from(varint(b, &mut i)?).ok()?;
                let end = i.checked_add(len).filter(|e| *e <= b.len())?;
                match tag >> 3 {
                    KEY => kv.key = &b[i..end],
                    VALUE => kv.value = &b[i..end],
                    _ => {}
                }
                i = end;
            }
            FIXED64 => i = i.checked_add(8).filter(|e| *e <= b.len())?,
            FIXED32 => i = i.checked_add(4).filter(|e| *e <= b.len())?,
            _ => return None,
        }
    }
    Some(kv)
}

/// A protobuf varint at `*i`, advancing `*i` past it.
fn varint(b: &[u8], i: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *b.get(*i)?;
        *i += 1;
        v |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn revision_keys_round_trip_and_mark_tombstones() {
        let r = Revision {
            main: 0x0102,
            sub: 7,
        };
        let mut k = r.key();
        assert_eq!(k.len(), REVISION_KEY_LEN);
        assert_eq!(k[8], b'_');
        assert_eq!(
            revision_key(&k),
            Some(RevisionKey {
                revision: r,
                tombstone: false
            })
        );
        k.push(b't');
        assert!(revision_key(&k).unwrap().tombstone);
        assert_eq!(revision_key(&k[..16]), None);
        // Keys sort by revision.
        assert!(Revision { main: 2, sub: 0 }.key() > Revision { main: 1, sub: 9 }.key());
    }

    /// Bytes of `mvccpb.KeyValue{key:"foo", create_revision:2, mod_revision:3,
    /// version:1, value:"bar", lease:300}` as Go's protobuf encodes them.
    const ENCODED: &[u8] = &[
        0x0a, 3, b'f', b'o', b'o', 0x10, 2, 0x18, 3, 0x20, 1, 0x2a, 3, b'b', b'a', b'r', 0x30,
        0xac, 0x02,
    ];

    #[test]
    fn key_values_decode_every_field() {
        assert_eq!(
            key_value(ENCODED),
            Some(KeyValue {
                key: b"foo",
                create_revision: 2,
                mod_revision: 3,
                version: 1,
                value: b"bar",
                lease: 300,
            })
        );
    }

    #[test]
    fn truncated_or_malformed_messages_are_refused() {
        for cut in 1..ENCODED.len() {
            // Every strict prefix that ends inside a field is refused;
            // prefixes that end between fields are shorter messages.
            let r = key_value(&ENCODED[..cut]);
            let between_fields = [5, 7, 9, 11, 16].contains(&cut);
            assert_eq!(r.is_some(), between_fields, "cut at {cut}: {r:?}");
        }
        // Wire type 7 does not exist.
        assert_eq!(key_value(&[0x0f]), None);
        // A length beyond the message.
        assert_eq!(key_value(&[0x0a, 9, b'x']), None);
    }
}
