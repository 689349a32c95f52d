//! The raft state a restored etcd member boots from: the first WAL segment
//! (`member/wal/0000000000000000-0000000000000000.wal`) and the raft
//! snapshot (`member/snap/<term>-<index>.snap`), byte for byte what
//! `etcdutl snapshot restore` 3.5 writes for the same members.
//!
//! Why byte for byte: the WAL names this member and the cluster (IDs that
//! every member of a restored cluster must agree on), and the raft snapshot
//! carries the v2 store, which etcd 3.4/3.5 load with Go's `encoding/json`
//! into a store whose event queue must keep its 1000 slots. Matching the
//! reference writer exactly leaves no room for "almost", and the
//! integration tests compare our files with etcdutl's.
//!
//! Why no protobuf crate: six small messages (`walpb.Record`, `Snapshot`,
//! `etcdserverpb.Metadata`, `raftpb.Entry`/`ConfChange`/`HardState`/
//! `ConfState`/`Snapshot`, `snappb.Snapshot`) of varints and byte strings.
//! Hand-encoding them in field order, as gogoproto does (every scalar
//! written, even zero; byte fields only when set), is a few lines; a code
//! generator and its `.proto` files would be most of this module.
//!
//! The WAL framing: each record is a little-endian u64 length whose top
//! byte, when the record is not a multiple of 8 bytes long, is `0x80 |
//! padding`, then the record, then the zero padding. Each record carries a
//! CRC-32C chained over the data of all records before it (a fresh WAL
//! starts with a CRC record of 0).

/// WAL record types (`walpb.Record.type`).
const METADATA_TYPE: u64 = 1;
const ENTRY_TYPE: u64 = 2;
const STATE_TYPE: u64 = 3;
const CRC_TYPE: u64 = 4;
const SNAPSHOT_TYPE: u64 = 5;
/// `raftpb.EntryType` of a configuration change.
const ENTRY_CONF_CHANGE: u64 = 1;
/// `raftpb.ConfChangeType` AddNode.
const CONF_CHANGE_ADD_NODE: u64 = 0;
/// The term of everything a restore writes.
pub const TERM: u64 = 1;
/// Slots of the v2 store's event history (etcd's `newEventHistory(1000)`).
pub const EVENT_HISTORY_CAPACITY: usize = 1000;

/// The name of the first WAL segment.
pub const WAL_FILE_NAME: &str = "0000000000000000-0000000000000000.wal";

/// A member of the restored cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub id: u64,
    pub name: String,
    /// Canonical and sorted, as etcd's `types.NewURLs` leaves them.
    pub peer_urls: Vec<String>,
}

impl Member {
    /// etcd's `types.ID.String()`: lower-case hex without leading zeros.
    pub fn id_hex(&self) -> String {
        format!("{:x}", self.id)
    }

    /// The member as etcd's `json.Marshal(Member)` writes it (members bucket
    /// value, conf change context).
    pub fn json(&self) -> String {
        let mut s = format!(
            "{{\"id\":{},\"peerURLs\":{}",
            self.id,
            urls_json(&self.peer_urls)
        );
        if !self.name.is_empty() {
            s.push_str(",\"name\":");
            s.push_str(&go_json_string(&self.name));
        }
        s.push('}');
        s
    }

    /// `RaftAttributes` as JSON (the v2 store's `raftAttributes` value).
    fn raft_attributes_json(&self) -> String {
        format!("{{\"peerURLs\":{}}}", urls_json(&self.peer_urls))
    }
}

fn urls_json(urls: &[String]) -> String {
    let quoted: Vec<String> = urls.iter().map(|u| go_json_string(u)).collect();
    format!("[{}]", quoted.join(","))
}

/// A JSON string as Go's `encoding/json` writes it: `<`, `>`, `&`, U+2028
/// and U+2029 escaped too, control characters as `\u00XX` except `\n`,
/// `\r`, `\t` (the Go 1.16 rules etcd 3.5 was built with).
pub fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------------------------------------------------------------------------
// Protobuf, as gogoproto marshals these messages

fn varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push(v as u8 | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

fn field_varint(buf: &mut Vec<u8>, field: u64, v: u64) {
    varint(buf, field << 3);
    varint(buf, v);
}

fn field_bytes(buf: &mut Vec<u8>, field: u64, data: &[u8]) {
    varint(buf, (field << 3) | 2);
    varint(buf, data.len() as u64);
    buf.extend_from_slice(data);
}

/// `raftpb.ConfState` with these voters.
fn conf_state(voters: &[u64]) -> Vec<u8> {
    let mut b = Vec::new();
    for &v in voters {
        field_varint(&mut b, 1, v);
    }
    field_varint(&mut b, 5, 0); // auto_leave: false
    b
}

/// `walpb.Snapshot`.
fn wal_snapshot(index: u64, term: u64, conf: Option<&[u8]>) -> Vec<u8> {
    let mut b = Vec::new();
    field_varint(&mut b, 1, index);
    field_varint(&mut b, 2, term);
    if let Some(c) = conf {
        field_bytes(&mut b, 3, c);
    }
    b
}

/// A raft `ConfChange` entry adding `m` at `index`.
fn add_node_entry(m: &Member, index: u64) -> Vec<u8> {
    let mut cc = Vec::new();
    field_varint(&mut cc, 1, 0); // ID
    field_varint(&mut cc, 2, CONF_CHANGE_ADD_NODE);
    field_varint(&mut cc, 3, m.id);
    field_bytes(&mut cc, 4, m.json().as_bytes());
    let mut e = Vec::new();
    field_varint(&mut e, 1, ENTRY_CONF_CHANGE);
    field_varint(&mut e, 2, TERM);
    field_varint(&mut e, 3, index);
    field_bytes(&mut e, 4, &cc);
    e
}

/// Frames WAL records with chained CRCs.
struct WalEncoder {
    buf: Vec<u8>,
    crc: u32,
}

impl WalEncoder {
    fn record(&mut self, kind: u64, data: Option<&[u8]>) {
        if let Some(d) = data {
            self.crc = crc32c::crc32c_append(self.crc, d);
        }
        let mut rec = Vec::new();
        field_varint(&mut rec, 1, kind);
        field_varint(&mut rec, 2, u64::from(self.crc));
        if let Some(d) = data {
            field_bytes(&mut rec, 3, d);
        }
        let pad = (8 - rec.len() % 8) % 8;
        let mut len = rec.len() as u64;
        if pad > 0 {
            len |= (0x80 | pad as u64) << 56;
        }
        self.buf.extend_from_slice(&len.to_le_bytes());
        self.buf.extend_from_slice(&rec);
        self.buf.resize(self.buf.len() + pad, 0);
    }
}

/// The records of the first WAL segment of member `local` (`members`
/// sorted by ID): CRC, metadata {local, cluster}, empty snapshot, one
/// AddNode entry per member (index 1..N, term 1), hard state {term 1, vote
/// the lowest ID, commit N}, snapshot {N, term 1, voters}.
pub fn wal_records(members: &[Member], local: u64, cluster_id: u64) -> Vec<u8> {
    let mut enc = WalEncoder {
        buf: Vec::new(),
        crc: 0,
    };
    enc.record(CRC_TYPE, None);
    let mut md = Vec::new();
    field_varint(&mut md, 1, local);
    field_varint(&mut md, 2, cluster_id);
    enc.record(METADATA_TYPE, Some(&md));
    enc.record(SNAPSHOT_TYPE, Some(&wal_snapshot(0, 0, None)));
    for (i, m) in members.iter().enumerate() {
        enc.record(ENTRY_TYPE, Some(&add_node_entry(m, i as u64 + 1)));
    }
    let commit = members.len() as u64;
    let mut hs = Vec::new();
    field_varint(&mut hs, 1, TERM);
    field_varint(&mut hs, 2, members.first().map_or(0, |m| m.id));
    field_varint(&mut hs, 3, commit);
    enc.record(STATE_TYPE, Some(&hs));
    let ids: Vec<u64> = members.iter().map(|m| m.id).collect();
    let conf = conf_state(&ids);
    enc.record(
        SNAPSHOT_TYPE,
        Some(&wal_snapshot(commit, TERM, Some(&conf))),
    );
    enc.buf
}

/// The name of the raft snapshot file: `<term>-<index>.snap` in hex.
pub fn snap_file_name(members: &[Member]) -> String {
    format!("{TERM:016x}-{:016x}.snap", members.len())
}

/// The raft snapshot file (`snappb.Snapshot`: CRC-32C, then the
/// `raftpb.Snapshot` whose data is the v2 store holding the members).
pub fn snap_file(members: &[Member]) -> Vec<u8> {
    let ids: Vec<u64> = members.iter().map(|m| m.id).collect();
    let mut md = Vec::new();
    field_bytes(&mut md, 1, &conf_state(&ids));
    field_varint(&mut md, 2, members.len() as u64);
    field_varint(&mut md, 3, TERM);
    let mut snap = Vec::new();
    field_bytes(&mut snap, 1, v2_store_json(members).as_bytes());
    field_bytes(&mut snap, 2, &md);
    let mut file = Vec::new();
    field_varint(&mut file, 1, u64::from(crc32c::crc32c(&snap)));
    field_bytes(&mut file, 2, &snap);
    file
}

/// One v2 store node as Go marshals `v2store.node`; `children` is `None`
/// for a key, `Some` (possibly empty) for a directory.
fn v2_node(path: &str, index: usize, value: &str, children: Option<&[(String, String)]>) -> String {
    let children = match children {
        None => "null".to_string(),
        Some(c) => {
            let items: Vec<String> = c
                .iter()
                .map(|(name, node)| format!("{}:{node}", go_json_string(name)))
                .collect();
            format!("{{{}}}", items.join(","))
        }
    };
    format!(
        "{{\"Path\":{},\"CreatedIndex\":{index},\"ModifiedIndex\":{index},\"ExpireTime\":\"0001-01-01T00:00:00Z\",\"Value\":{},\"Children\":{children}}}",
        go_json_string(path),
        go_json_string(value)
    )
}

/// The v2 store after adding `members` (sorted by ID) at indexes 1..N, as
/// `store.Save()` serializes it.
pub fn v2_store_json(members: &[Member]) -> String {
    let n = members.len();
    let mut member_nodes: Vec<(String, String)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            let dir = format!("/0/members/{}", m.id_hex());
            let attrs = v2_node(
                &format!("{dir}/raftAttributes"),
                i + 1,
                &m.raft_attributes_json(),
                None,
            );
            let node = v2_node(&dir, i + 1, "", Some(&[("raftAttributes".into(), attrs)]));
            (m.id_hex(), node)
        })
        .collect();
    // Go writes map keys in string order.
    member_nodes.sort_by(|a, b| a.0.cmp(&b.0));
    let members_dir = v2_node("/0/members", 1, "", Some(&member_nodes));
    let zero = v2_node("/0", 0, "", Some(&[("members".into(), members_dir)]));
    let one = v2_node("/1", 0, "", Some(&[]));
    let root = v2_node("/", 0, "", Some(&[("0".into(), zero), ("1".into(), one)]));
    let mut events: Vec<String> = members
        .iter()
        .enumerate()
        .map(|(i, m)| {
            format!(
                "{{\"action\":\"create\",\"node\":{{\"key\":{},\"value\":{},\"modifiedIndex\":{},\"createdIndex\":{}}}}}",
                go_json_string(&format!("/0/members/{}/raftAttributes", m.id_hex())),
                go_json_string(&m.raft_attributes_json()),
                i + 1,
                i + 1
            )
        })
        .collect();
    events.resize(EVENT_HISTORY_CAPACITY.max(n), "null".into());
    format!(
        "{{\"Root\":{root},\"WatcherHub\":{{\"EventHistory\":{{\"Queue\":{{\"Events\":[{}],\"Size\":{n},\"Front\":0,\"Back\":{back},\"Capacity\":{EVENT_HISTORY_CAPACITY}}},\"StartIndex\":1,\"LastIndex\":{n}}}}},\"CurrentIndex\":{n},\"Stats\":{{\"getsSuccess\":0,\"getsFail\":0,\"setsSuccess\":0,\"setsFail\":0,\"deleteSuccess\":0,\"deleteFail\":0,\"updateSuccess\":0,\"updateFail\":0,\"createSuccess\":{n},\"createFail\":0,\"compareAndSwapSuccess\":0,\"compareAndSwapFail\":0,\"compareAndDeleteSuccess\":0,\"compareAndDeleteFail\":0,\"expireCount\":0,\"watchers\":0}},\"CurrentVersion\":2}}",
        events.join(","),
        back = n % EVENT_HISTORY_CAPACITY,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: u64, name: &str, url: &str) -> Member {
        Member {
            id,
            name: name.into(),
            peer_urls: vec![url.into()],
        }
    }

    /// Reads `(field, varint or bytes)` pairs back.
    fn fields(mut b: &[u8]) -> Vec<(u64, Result<u64, Vec<u8>>)> {
        fn read_varint(b: &mut &[u8]) -> u64 {
            let mut v = 0u64;
            let mut shift = 0;
            loop {
                let c = b[0];
                *b = &b[1..];
                v |= u64::from(c & 0x7f) << shift;
                shift += 7;
                if c < 0x80 {
                    return v;
                }
            }
        }
        let mut out = Vec::new();
        while !b.is_empty() {
            let key = read_varint(&mut b);
            if key & 7 == 0 {
                out.push((key >> 3, Ok(read_varint(&mut b))));
            } else {
                let len = read_varint(&mut b) as usize;
                out.push((key >> 3, Err(b[..len].to_vec())));
                b = &b[len..];
            }
        }
        out
    }

    #[test]
    fn go_json_escapes() {
        assert_eq!(go_json_string("a\"b\\c"), r#""a\"b\\c""#);
        assert_eq!(
            go_json_string("<&>\n\u{1}\u{2028}é"),
            r#""\u003c\u0026\u003e\n\u0001\u2028é""#
        );
    }

    #[test]
    fn member_json_is_etcds() {
        // Captured from etcdutl 3.5 (members bucket of a restored snapshot).
        let x = m(3_610_563_971_166_432_746, "m2", "http://127.0.0.1:2381");
        assert_eq!(x.id_hex(), "321b4ccd5c32edea");
        assert_eq!(
            x.json(),
            r#"{"id":3610563971166432746,"peerURLs":["http://127.0.0.1:2381"],"name":"m2"}"#
        );
        assert_eq!(m(0xabc, "", "http://a:1").id_hex(), "abc");
    }

    #[test]
    fn wal_frames_are_aligned_and_crcs_chain() {
        let members = [m(1, "a", "http://a:1"), m(2, "b", "http://b:1")];
        let wal = wal_records(&members, 2, 99);
        let mut at = 0;
        let mut crc = 0u32;
        let mut kinds = Vec::new();
        while at < wal.len() {
            let len = u64::from_le_bytes(wal[at..at + 8].try_into().unwrap());
            let n = (len & ((1 << 56) - 1)) as usize;
            let pad = if len >> 63 == 1 {
                ((len >> 56) & 7) as usize
            } else {
                0
            };
            assert_eq!((n + pad) % 8, 0);
            let rec = fields(&wal[at + 8..at + 8 + n]);
            let kind = rec[0].1.clone().unwrap();
            if let Some((3, Err(data))) = rec.get(2) {
                crc = crc32c::crc32c_append(crc, data);
            }
            assert_eq!(rec[1], (2, Ok(u64::from(crc))));
            kinds.push(kind);
            at += 8 + n + pad;
        }
        assert_eq!(
            kinds,
            [
                CRC_TYPE,
                METADATA_TYPE,
                SNAPSHOT_TYPE,
                ENTRY_TYPE,
                ENTRY_TYPE,
                STATE_TYPE,
                SNAPSHOT_TYPE
            ]
        );
        // The first frames, as etcdutl 3.5 writes them: crc record, metadata.
        assert_eq!(
            &wal[..16],
            &[4, 0, 0, 0, 0, 0, 0, 0x84, 8, 4, 16, 0, 0, 0, 0, 0]
        );
    }

    #[test]
    fn snap_file_checks_out() {
        let members = [m(5, "a", "http://a:1")];
        assert_eq!(
            snap_file_name(&members),
            "0000000000000001-0000000000000001.snap"
        );
        let f = snap_file(&members);
        let top = fields(&f);
        let Err(data) = &top[1].1 else { panic!() };
        assert_eq!(top[0], (1, Ok(u64::from(crc32c::crc32c(data)))));
        let snap = fields(data);
        let Err(json) = &snap[0].1 else { panic!() };
        let v: serde_json::Value = serde_json::from_slice(json).unwrap();
        assert_eq!(v["CurrentIndex"], 1);
        assert_eq!(
            v["WatcherHub"]["EventHistory"]["Queue"]["Events"]
                .as_array()
                .unwrap()
                .len(),
            1000
        );
        assert_eq!(
            v["Root"]["Children"]["0"]["Children"]["members"]["Children"]["5"]["Children"]
                ["raftAttributes"]["Value"],
            r#"{"peerURLs":["http://a:1"]}"#
        );
    }
}
