//! The record kforge keeps beside every snapshot it writes (the local copy
//! in `--dir` mode and every upload): which etcd cluster and member it came
//! from, the node, the revision, the sha256 of the database, the size and
//! when it was taken. It is a small JSON file named after the snapshot
//! (`NAME.db.record.json`, also for `NAME.db.age`), optionally signed
//! (`NAME.db.record.json.sig`, an SSHSIG, see [`super::signing`]).
//!
//! Selection, retention, status, restore and drill trust a snapshot only
//! as far as its record vouches for it: the record must agree with the
//! object's name and size, and, once fetched, with its content (size,
//! sha256 trailer, revision, member). The record is written after the
//! snapshot is complete, so a snapshot without a record is one kforge
//! cannot vouch for (another tool's, a crash between the two, a plant).

use super::naming::RemoteName;
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Suffix of a record beside its snapshot (`NAME.db` + this).
pub const RECORD_SUFFIX: &str = ".record.json";
/// Suffix of a record's signature (`NAME.db.record.json` + this).
pub const SIG_SUFFIX: &str = ".sig";
/// Format version written in every record.
pub const FORMAT: u32 = 1;
/// The largest record read (a record is a few hundred bytes).
pub const MAX_RECORD_BYTES: u64 = 64 << 10;

/// What kforge knows about one snapshot. JSON, camelCase; IDs as etcdctl
/// prints them (`%x`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Record {
    pub kforge_record: u32,
    /// The snapshot's name without `.age` (the local copy's and the uploads' name).
    pub name: String,
    pub cluster_id: String,
    pub member_id: String,
    pub node: String,
    /// The snapshot's revision (in `--no-local-copy` mode: the member's
    /// revision just before the stream started; see `revisionUpTo`).
    pub revision: i64,
    /// `--no-local-copy` only: the member's revision after the stream
    /// ended; the content's revision lies in `revision..=revisionUpTo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision_up_to: Option<i64>,
    /// sha256 of the database (the snapshot without its 32-byte trailer),
    /// which is also the trailer itself: `head -c -32 FILE | sha256sum`.
    pub db_sha256: String,
    /// The plaintext snapshot's size, trailer included.
    pub size_bytes: u64,
    /// When the snapshot was taken, RFC 3339 UTC, milliseconds.
    pub taken: String,
}

/// The etcd side of a record, as a save learns it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ids {
    pub cluster_id: u64,
    pub member_id: u64,
}

pub use crate::output::rfc3339_ms;

/// Parses an etcd ID as etcdctl prints it (`%x`), with or without `0x`.
pub fn parse_id(s: &str) -> Result<u64> {
    let h = s.trim().trim_start_matches("0x");
    if h.is_empty() || h.len() > 16 || !h.bytes().all(|b| b.is_ascii_hexdigit()) {
        bail!("{s:?} is not an etcd ID (hex, as etcdctl prints it)");
    }
    u64::from_str_radix(h, 16).with_context(|| format!("{s:?}"))
}

impl Record {
    /// The bytes stored (and signed): compact JSON and a newline.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = serde_json::to_vec(self).expect("a record serializes");
        v.push(b'\n');
        v
    }

    pub fn from_bytes(b: &[u8]) -> Result<Record> {
        let r: Record = serde_json::from_slice(b).context("not a kforge record")?;
        if r.kforge_record != FORMAT {
            bail!(
                "record format {} (this kforge reads {FORMAT})",
                r.kforge_record
            );
        }
        Ok(r)
    }

    pub fn cluster(&self) -> Result<u64> {
        parse_id(&self.cluster_id)
    }

    pub fn taken_at(&self) -> Result<OffsetDateTime> {
        OffsetDateTime::parse(&self.taken, &Rfc3339)
            .with_context(|| format!("record time {:?}", self.taken))
    }

    /// The trailer the content must end with.
    pub fn trailer(&self) -> Result<[u8; 32]> {
        let mut out = [0u8; 32];
        let h = self.db_sha256.as_bytes();
        if h.len() != 64 {
            bail!("record dbSha256 is not 64 hex digits");
        }
        for (i, o) in out.iter_mut().enumerate() {
            let s = std::str::from_utf8(&h[2 * i..2 * i + 2]).unwrap_or("zz");
            *o = u8::from_str_radix(s, 16).map_err(|_| anyhow!("record dbSha256 is not hex"))?;
        }
        Ok(out)
    }

    /// Whether a content revision agrees with the record.
    pub fn revision_matches(&self, content: i64) -> bool {
        match self.revision_up_to {
            None => content == self.revision,
            Some(hi) => (self.revision..=hi).contains(&content),
        }
    }

    /// Contradictions between the record and the object it sits beside
    /// (its parsed name and stored size); `Err` says which.
    pub fn check_against(&self, n: &RemoteName, stored_size: u64) -> Result<()> {
        let base = n.file_name.strip_suffix(".age").unwrap_or(&n.file_name);
        if self.name != base {
            bail!("the record names {}", self.name);
        }
        // An old-style local name (`PREFIX-<time>-rev<N>.db`) names no node.
        if !n.node.is_empty() && self.node != n.node {
            bail!("the record's node is {}", self.node);
        }
        if self.revision != n.revision {
            bail!("the record's revision is {}", self.revision);
        }
        if self.taken_at()? != n.taken {
            bail!("the record's time is {}", self.taken);
        }
        self.cluster()?;
        parse_id(&self.member_id)?;
        self.trailer()?;
        if !size_fits(self.size_bytes, stored_size, n.encrypted) {
            bail!(
                "the object holds {stored_size} bytes, the record says {} (plaintext){}",
                self.size_bytes,
                if n.encrypted { " before age" } else { "" }
            );
        }
        Ok(())
    }
}

/// Whether `stored` bytes can hold a `plain`-byte snapshot: equal when not
/// encrypted; for age, the payload (16-byte nonce, 64 KiB chunks each with a
/// 16-byte tag) plus a header of sane size.
pub fn size_fits(plain: u64, stored: u64, encrypted: bool) -> bool {
    if !encrypted {
        return plain == stored;
    }
    let chunks = plain.div_ceil(64 << 10).max(1);
    let payload = 16 + plain + 16 * chunks;
    stored
        .checked_sub(payload)
        .is_some_and(|header| (40..=(1 << 20)).contains(&header))
}

/// The record's name beside a snapshot object (`.age` dropped).
pub fn record_name(object: &str) -> String {
    format!(
        "{}{RECORD_SUFFIX}",
        object.strip_suffix(".age").unwrap_or(object)
    )
}

/// The signature's name beside a record.
pub fn sig_name(object: &str) -> String {
    format!("{}{SIG_SUFFIX}", record_name(object))
}

/// Lower-case hex.
pub fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn rec() -> Record {
        Record {
            kforge_record: FORMAT,
            name: "etcd-cp1-20261123T214507.250Z-rev42.db".into(),
            cluster_id: "cdf818194e3a8c32".into(),
            member_id: "8e9e05c52164694d".into(),
            node: "cp1".into(),
            revision: 42,
            revision_up_to: None,
            db_sha256: "ab".repeat(32),
            size_bytes: 20512,
            taken: rfc3339_ms(datetime!(2026-11-23 21:45:07.25 UTC)),
        }
    }

    #[test]
    fn records_round_trip_and_match_their_names() {
        let r = rec();
        assert_eq!(r.taken, "2026-11-23T21:45:07.250Z");
        let b = r.to_bytes();
        assert_eq!(Record::from_bytes(&b).unwrap(), r);
        assert!(String::from_utf8(b)
            .unwrap()
            .contains("\"clusterId\":\"cdf818194e3a8c32\""));
        let n = crate::backup::naming::parse_remote("etcd", &format!("{}.age", r.name)).unwrap();
        r.check_against(&n, 20512 + 16 + 16 + 200).unwrap();
        let plain = crate::backup::naming::parse_remote("etcd", &r.name).unwrap();
        r.check_against(&plain, 20512).unwrap();
        assert!(r.check_against(&plain, 20513).is_err());
        let other =
            crate::backup::naming::parse_remote("etcd", "etcd-cp1-20261123T214507.250Z-rev43.db")
                .unwrap();
        assert!(r.check_against(&other, 20512).is_err());
        assert_eq!(record_name("a.db.age"), "a.db.record.json");
        assert_eq!(sig_name("a.db"), "a.db.record.json.sig");
    }

    #[test]
    fn a_record_beside_an_old_style_name_is_checked_except_for_the_node() {
        // `save --dir` before names carried the node: `etcd-<time>-rev<N>.db`.
        let mut r = rec();
        r.name = "etcd-20261123T214507.250Z-rev42.db".into();
        let old = crate::backup::naming::parse_any("etcd", &r.name).unwrap();
        assert_eq!(old.node, "");
        r.check_against(&old, 20512).unwrap();
        // Everything the name does say is still checked.
        assert!(r.check_against(&old, 20513).is_err());
        let other =
            crate::backup::naming::parse_any("etcd", "etcd-20261123T214507.250Z-rev43.db").unwrap();
        assert!(r.check_against(&other, 20512).is_err());
        // A new-style name's node must match the record's.
        let elsewhere =
            crate::backup::naming::parse_any("etcd", "etcd-cp2-20261123T214507.250Z-rev42.db")
                .unwrap();
        assert!(rec().check_against(&elsewhere, 20512).is_err());
    }

    #[test]
    fn ids_parse_as_etcdctl_prints_them() {
        assert_eq!(parse_id("cdf818194e3a8c32").unwrap(), 0xcdf818194e3a8c32);
        assert_eq!(parse_id("1").unwrap(), 1);
        for bad in ["", "xyz", "11111111111111111"] {
            assert!(parse_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn age_sizes_fit_only_a_plausible_header() {
        let plain = 3 * 65536 + 5;
        let payload = 16 + plain + 16 * 4;
        assert!(size_fits(plain, payload + 200, true));
        assert!(!size_fits(plain, payload + 10, true));
        assert!(!size_fits(plain, payload - 1, true));
        assert!(!size_fits(plain, plain, true));
    }
}
