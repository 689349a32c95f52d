//! The etcd cluster a node belongs to, read from the node's own files so
//! that it works with etcd down (the day a restore is needed): the
//! metadata record that starts every WAL segment of the member's data
//! directory holds the member and cluster IDs. The data directory is the
//! `--data-dir` of etcd's static pod manifest under the root (kubeadm
//! mounts it at the same host path), else kubeadm's default.

use crate::node::{LocalNode, Node};
use anyhow::{anyhow, bail, Context, Result};
use std::io::Read;
use std::path::{Path, PathBuf};

/// WAL record type of `etcdserverpb.Metadata`.
const METADATA_TYPE: u64 = 1;

/// The node's etcd data directory (real path under `root`).
pub fn data_dir(root: Option<&Path>) -> PathBuf {
    let node = LocalNode::new(root.map(Path::to_path_buf));
    let dir = crate::staticpod::read(&node, crate::components::ETCD.name)
        .ok()
        .and_then(|p| p.flag("data-dir"))
        .unwrap_or_else(|| crate::paths::ETCD_DATA_DIR.into());
    node.real_path(Path::new(&dir))
}

/// (member ID, cluster ID) of the etcd member whose data lives under
/// `root`; one line naming the directory when it cannot be read.
pub fn ids(root: Option<&Path>) -> Result<(u64, u64)> {
    let dir = data_dir(root);
    let wal = dir.join("member").join("wal");
    let mut segs: Vec<PathBuf> = fs_err::read_dir(&wal)
        .context("the node's etcd data (pass --cluster-id ID where there is none)")?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "wal"))
        .collect();
    segs.sort();
    let Some(last) = segs.last() else {
        bail!("{}: no WAL segment (pass --cluster-id ID)", wal.display());
    };
    let mut head = Vec::new();
    fs_err::File::open(last).and_then(|f| f.take(64 << 10).read_to_end(&mut head))?;
    metadata(&head).ok_or_else(|| {
        anyhow!(
            "{}: no etcd metadata record at its start (pass --cluster-id ID)",
            last.display()
        )
    })
}

fn varint(b: &[u8], at: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    for shift in (0..64).step_by(7) {
        let x = *b.get(*at)?;
        *at += 1;
        v |= u64::from(x & 0x7f) << shift;
        if x & 0x80 == 0 {
            return Some(v);
        }
    }
    None
}

/// A protobuf field's value: a varint (`Ok`) or bytes (`Err`).
type Value<'a> = Result<u64, &'a [u8]>;

/// The fields of a protobuf message: (field number, value).
fn fields(b: &[u8]) -> Option<Vec<(u64, Value<'_>)>> {
    let mut at = 0;
    let mut out = Vec::new();
    while at < b.len() {
        let key = varint(b, &mut at)?;
        match key & 7 {
            0 => out.push((key >> 3, Ok(varint(b, &mut at)?))),
            2 => {
                let n = varint(b, &mut at)? as usize;
                let v = b.get(at..at.checked_add(n)?)?;
                at += n;
                out.push((key >> 3, Err(v)));
            }
            _ => return None,
        }
    }
    Some(out)
}

/// (NodeID, ClusterID) from the first metadata record of a WAL segment's
/// bytes (framing: little-endian u64 length, top byte `0x80 | padding`).
pub fn metadata(wal: &[u8]) -> Option<(u64, u64)> {
    let mut at = 0usize;
    for _ in 0..4 {
        let len = u64::from_le_bytes(wal.get(at..at + 8)?.try_into().ok()?);
        at += 8;
        let pad = if len >> 63 == 1 { (len >> 56) & 7 } else { 0 };
        let n = (len & ((1 << 56) - 1)) as usize;
        let rec = wal.get(at..at.checked_add(n)?)?;
        at += n + pad as usize;
        let f = fields(rec)?;
        let kind = f.iter().find(|(k, _)| *k == 1).and_then(|(_, v)| v.ok())?;
        if kind != METADATA_TYPE {
            continue;
        }
        let data = f.iter().find(|(k, _)| *k == 3).and_then(|(_, v)| v.err())?;
        let m = fields(data)?;
        let get = |k| m.iter().find(|(f, _)| *f == k).and_then(|(_, v)| v.ok());
        return Some((get(1)?, get(2)?));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metadata_of_a_wal_kforge_writes_is_read_back() {
        let m = etcd_format::wal::Member {
            id: 0x8e9e05c52164694d,
            name: "default".into(),
            peer_urls: vec!["http://localhost:2380".into()],
        };
        let wal = etcd_format::wal::wal_records(&[m], 0x8e9e05c52164694d, 0xcdf818194e3a8c32);
        assert_eq!(
            metadata(&wal),
            Some((0x8e9e05c52164694d, 0xcdf818194e3a8c32))
        );
        assert_eq!(metadata(&wal[..20]), None);
    }
}
