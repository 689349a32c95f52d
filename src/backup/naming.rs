//! Names of the snapshots kforge saves in cron mode, and the retention
//! policy over them. Only files with this exact shape are ever considered
//! for deletion: `PREFIX-YYYYMMDDTHHMMSS.mmmZ-revN.db`.

use time::{
    format_description::FormatItem, macros::format_description, OffsetDateTime, PrimitiveDateTime,
};

/// UTC, to the millisecond so that two runs in one second never collide.
const STAMP: &[FormatItem<'static>] =
    format_description!("[year][month][day]T[hour][minute][second].[subsecond digits:3]Z");

/// A parsed snapshot file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotName {
    pub file_name: String,
    pub prefix: String,
    pub taken: OffsetDateTime,
    pub revision: i64,
}

/// `PREFIX-<UTC timestamp>-rev<revision>.db`.
pub fn format(prefix: &str, taken: OffsetDateTime, revision: i64) -> String {
    let stamp = taken
        .to_offset(time::UtcOffset::UTC)
        .format(STAMP)
        .expect("timestamp formats");
    format!("{prefix}-{stamp}-rev{revision}.db")
}

/// Parses a name made by [`format`] with this prefix; `None` for anything else.
pub fn parse(prefix: &str, file_name: &str) -> Option<SnapshotName> {
    let rest = file_name
        .strip_prefix(prefix)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (stamp, rev) = rest.split_once("-rev")?;
    if rev.is_empty() || !rev.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let taken = PrimitiveDateTime::parse(stamp, STAMP).ok()?.assume_utc();
    Some(SnapshotName {
        file_name: file_name.to_string(),
        prefix: prefix.to_string(),
        taken,
        revision: rev.parse().ok()?,
    })
}

/// A snapshot name kforge gave on an off-node target:
/// `PREFIX-NODE-<UTC timestamp>-rev<revision>.db`, plus `.age` when
/// encrypted. The node name keeps control planes sharing a bucket apart:
/// each one counts and prunes only its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteName {
    pub file_name: String,
    pub node: String,
    pub taken: OffsetDateTime,
    pub revision: i64,
    pub encrypted: bool,
}

impl RemoteName {
    /// As a [`SnapshotName`] (for the retention plan).
    pub fn as_snapshot_name(&self) -> SnapshotName {
        SnapshotName {
            file_name: self.file_name.clone(),
            prefix: String::new(),
            taken: self.taken,
            revision: self.revision,
        }
    }
}

/// Whether `node` can be part of a name: letters, digits, `.`, `_`, `-`.
pub fn valid_node_name(node: &str) -> bool {
    !node.is_empty()
        && node.len() <= 253
        && node
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_' || b == b'-')
}

/// `PREFIX-NODE-<UTC timestamp>-rev<revision>.db[.age]`.
pub fn format_remote(
    prefix: &str,
    node: &str,
    taken: OffsetDateTime,
    revision: i64,
    encrypted: bool,
) -> String {
    let base = format(&format!("{prefix}-{node}"), taken, revision);
    if encrypted {
        format!("{base}.age")
    } else {
        base
    }
}

/// Parses a name made by [`format_remote`] with this prefix, of any node;
/// `None` for anything else.
pub fn parse_remote(prefix: &str, file_name: &str) -> Option<RemoteName> {
    let (plain, encrypted) = match file_name.strip_suffix(".age") {
        Some(p) => (p, true),
        None => (file_name, false),
    };
    let rest = plain
        .strip_prefix(prefix)?
        .strip_prefix('-')?
        .strip_suffix(".db")?;
    let (head, rev) = rest.rsplit_once("-rev")?;
    // The timestamp has a fixed width: `YYYYMMDDTHHMMSS.mmmZ`.
    const STAMP_LEN: usize = 20;
    if head.len() < STAMP_LEN + 2 {
        return None;
    }
    let (node, stamp) = head.split_at(head.len() - STAMP_LEN);
    let node = node.strip_suffix('-')?;
    if !valid_node_name(node) {
        return None;
    }
    let n = parse(
        &format!("{prefix}-{node}"),
        &format!("{prefix}-{node}-{stamp}-rev{rev}.db"),
    )?;
    Some(RemoteName {
        file_name: file_name.to_string(),
        node: node.to_string(),
        taken: n.taken,
        revision: n.revision,
        encrypted,
    })
}

/// Either name kforge gives: [`format_remote`]'s (with the node; `--dir`
/// copies and uploads alike), or the older local `PREFIX-<time>-rev<N>.db`
/// of `save --dir` before it named the node (`node` empty). Listing,
/// retention and records read both; kforge writes only the first.
pub fn parse_any(prefix: &str, file_name: &str) -> Option<RemoteName> {
    parse_remote(prefix, file_name).or_else(|| {
        parse(prefix, file_name).map(|n| RemoteName {
            file_name: n.file_name,
            node: String::new(),
            taken: n.taken,
            revision: n.revision,
            encrypted: false,
        })
    })
}

/// How far in the future a snapshot's time may be (clock skew between
/// nodes) before it is distrusted: never the newest, never counted toward
/// `--keep`, never deleted.
pub const SKEW: time::Duration = time::Duration::minutes(10);

/// Which snapshots to keep.
#[derive(Debug, Clone, Copy, Default)]
pub struct Retention {
    /// Keep the newest N.
    pub keep: Option<usize>,
    /// Keep everything taken within this long before `now`.
    pub keep_within: Option<time::Duration>,
}

impl Retention {
    pub fn is_set(&self) -> bool {
        self.keep.is_some() || self.keep_within.is_some()
    }

    /// Splits `snaps` into (keep, delete). A snapshot is kept when any rule
    /// keeps it; `protect` (the newest verified snapshot) is always kept.
    /// With no rule set, nothing is deleted. A snapshot dated beyond `now`
    /// + [`SKEW`] is kept and not counted.
    pub fn plan<'a>(
        &self,
        snaps: &'a [SnapshotName],
        now: OffsetDateTime,
        protect: Option<&str>,
    ) -> (Vec<&'a SnapshotName>, Vec<&'a SnapshotName>) {
        let mut sorted: Vec<&SnapshotName> = snaps.iter().collect();
        sorted.sort_by(|a, b| b.taken.cmp(&a.taken).then(b.revision.cmp(&a.revision)));
        if !self.is_set() {
            return (sorted, vec![]);
        }
        let (mut keep, mut delete) = (vec![], vec![]);
        let mut i = 0;
        for s in sorted {
            if s.taken > now + SKEW {
                keep.push(s);
                continue;
            }
            i += 1;
            let i = i - 1;
            let by_count = self.keep.is_some_and(|n| i < n);
            let by_age = self.keep_within.is_some_and(|d| now - s.taken <= d);
            if by_count || by_age || protect == Some(s.file_name.as_str()) {
                keep.push(s);
            } else {
                delete.push(s);
            }
        }
        (keep, delete)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn names_round_trip_and_foreign_names_are_ignored() {
        let t = datetime!(2026-11-23 21:45:07.25 UTC);
        let n = format("etcd", t, 42);
        assert_eq!(n, "etcd-20261123T214507.250Z-rev42.db");
        let p = parse("etcd", &n).unwrap();
        assert_eq!((p.taken, p.revision), (t, 42));
        for foreign in [
            "etcd.db",
            "etcd-20261123T214507.250Z-rev42.db.bak",
            "etcd-20261123T214507.250Z-rev.db",
            "etcd-2026-11-23-rev42.db",
            "other-20261123T214507.250Z-rev42.db",
            "etcd-x-20261123T214507.250Z-rev42.db",
        ] {
            assert!(parse("etcd", foreign).is_none(), "{foreign}");
        }
    }

    #[test]
    fn remote_names_carry_the_node_and_round_trip() {
        let t = datetime!(2026-11-23 21:45:07.25 UTC);
        let n = format_remote("etcd", "cp-1.example", t, 42, true);
        assert_eq!(n, "etcd-cp-1.example-20261123T214507.250Z-rev42.db.age");
        let p = parse_remote("etcd", &n).unwrap();
        assert_eq!(
            (p.node.as_str(), p.taken, p.revision, p.encrypted),
            ("cp-1.example", t, 42, true)
        );
        let p = parse_remote("etcd", &format_remote("etcd", "cp1", t, 7, false)).unwrap();
        assert_eq!((p.node.as_str(), p.encrypted), ("cp1", false));
        for foreign in [
            "etcd-20261123T214507.250Z-rev42.db",
            "etcd-cp1-20261123T214507.250Z-rev42.db.bak",
            "etcd-cp1-20261123T214507.250Z-rev42.age",
            "other-cp1-20261123T214507.250Z-rev42.db",
            ".kforge-upload-1234.part",
        ] {
            assert!(parse_remote("etcd", foreign).is_none(), "{foreign}");
        }
    }

    #[test]
    fn both_name_styles_parse_and_the_old_one_has_no_node() {
        let t = datetime!(2026-11-23 21:45:07.25 UTC);
        let new = parse_any("etcd", "etcd-cp1-20261123T214507.250Z-rev42.db").unwrap();
        assert_eq!((new.node.as_str(), new.taken, new.revision), ("cp1", t, 42));
        let old = parse_any("etcd", "etcd-20261123T214507.250Z-rev42.db").unwrap();
        assert_eq!((old.node.as_str(), old.taken, old.revision), ("", t, 42));
        assert!(parse_any("etcd", "etcd-20261123T214507.250Z-rev42.db.bak").is_none());
        assert!(parse_any("etcd", "backup.db").is_none());
    }

    fn snaps(hours_ago: &[i64], now: OffsetDateTime) -> Vec<SnapshotName> {
        hours_ago
            .iter()
            .enumerate()
            .map(|(i, h)| {
                let t = now - time::Duration::hours(*h);
                let name = format("etcd", t, 100 - i as i64);
                parse("etcd", &name).unwrap()
            })
            .collect()
    }

    fn names(v: &[&SnapshotName]) -> Vec<i64> {
        v.iter().map(|s| s.revision).collect()
    }

    #[test]
    fn keep_n_newest() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let s = snaps(&[1, 2, 3, 4, 5], now);
        let (keep, del) = Retention {
            keep: Some(2),
            keep_within: None,
        }
        .plan(&s, now, None);
        assert_eq!(names(&keep), vec![100, 99]);
        assert_eq!(names(&del), vec![98, 97, 96]);
    }

    #[test]
    fn keep_within_and_count_combine_as_union() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let s = snaps(&[1, 2, 30, 50, 100], now);
        let r = Retention {
            keep: Some(1),
            keep_within: Some(time::Duration::hours(24)),
        };
        let (keep, del) = r.plan(&s, now, None);
        assert_eq!(names(&keep), vec![100, 99]);
        assert_eq!(names(&del), vec![98, 97, 96]);
    }

    #[test]
    fn the_protected_snapshot_survives_every_policy() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let s = snaps(&[100, 200, 300], now);
        // keep-within 1h keeps nothing, but the newest verified must stay.
        let r = Retention {
            keep: None,
            keep_within: Some(time::Duration::hours(1)),
        };
        let (keep, del) = r.plan(&s, now, Some(&s[0].file_name));
        assert_eq!(names(&keep), vec![100]);
        assert_eq!(names(&del), vec![99, 98]);
    }

    #[test]
    fn a_future_dated_snapshot_is_kept_but_never_counted() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let mut s = snaps(&[1, 2, 3], now);
        let future = format("etcd", now + time::Duration::days(3650), 1000);
        s.push(parse("etcd", &future).unwrap());
        let (keep, del) = Retention {
            keep: Some(2),
            keep_within: None,
        }
        .plan(&s, now, None);
        assert_eq!(names(&keep), vec![1000, 100, 99]);
        assert_eq!(names(&del), vec![98]);
    }

    #[test]
    fn no_rule_deletes_nothing() {
        let now = datetime!(2026-11-23 12:00 UTC);
        let s = snaps(&[1, 2], now);
        let (keep, del) = Retention::default().plan(&s, now, None);
        assert_eq!(keep.len(), 2);
        assert!(del.is_empty());
    }
}
