//! The new cluster's membership, computed from etcdutl's flags exactly as
//! etcd does, so that every member restored from the same file with the
//! same `--initial-cluster` and token agrees on every ID.
//!
//! A member's ID is the first 8 bytes of sha1(its sorted peer URLs
//! concatenated, then the cluster token); the cluster's is the first 8
//! bytes of sha1(the sorted member IDs as 8-byte big-endian numbers).

use crate::wal::{self, Member};
use std::collections::{BTreeMap, HashSet};

/// etcdutl's defaults.
pub const DEFAULT_NAME: &str = "default";
pub const DEFAULT_TOKEN: &str = "etcd-cluster";
pub const DEFAULT_PEER_URLS: &str = "http://localhost:2380";

/// The flags that define the new cluster, as given (etcdutl's names).
#[derive(Debug, Clone)]
pub struct ClusterFlags {
    pub name: String,
    /// `--initial-cluster`; `None` means `<name>=<initial-advertise-peer-urls>`.
    pub initial_cluster: Option<String>,
    pub token: String,
    /// `--initial-advertise-peer-urls`, comma-separated.
    pub advertise_peer_urls: String,
}

/// The new cluster: its members sorted by ID, and which one is this member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cluster {
    pub members: Vec<Member>,
    pub local: u64,
    pub id: u64,
    pub token: String,
}

impl Cluster {
    pub fn local(&self) -> &Member {
        self.members
            .iter()
            .find(|m| m.id == self.local)
            .expect("the local member is a member")
    }
}

/// A peer URL in the form etcd's `types.NewURLs` leaves it (scheme in lower
/// case), or why it is not acceptable. Stricter than Go's URL parser on
/// oddities (user info, query, fragment): a peer URL is `scheme://host:port`.
pub fn parse_peer_url(s: &str) -> Result<String, String> {
    let s = s.trim();
    let Some((scheme, rest)) = s.split_once("://") else {
        return Err(format!("{s:?} is not a URL (expected scheme://host:port)"));
    };
    let scheme = scheme.to_ascii_lowercase();
    if !matches!(scheme.as_str(), "http" | "https" | "unix" | "unixs") {
        return Err(format!(
            "{s:?}: URL scheme must be http, https, unix, or unixs"
        ));
    }
    if rest.is_empty() || rest.contains(['/', '?', '#', '@']) {
        return Err(format!(
            "{s:?}: a peer URL is scheme://host:port, without path, query or user"
        ));
    }
    if scheme.starts_with("http") {
        let port = match rest.strip_prefix('[') {
            Some(v6) => v6.split_once("]:").map(|(_, p)| p),
            None => rest
                .split_once(':')
                .filter(|(_, p)| !p.contains(':'))
                .map(|(_, p)| p),
        };
        let Some(port) = port.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        else {
            return Err(format!(
                "{s:?}: URL address does not have the form \"host:port\""
            ));
        };
        if !port.parse::<u16>().is_ok_and(|p| p > 0) {
            return Err(format!("{s:?}: port {port} is out of range (1-65535)"));
        }
    }
    Ok(format!("{scheme}://{rest}"))
}

/// Go's `url.QueryUnescape` (etcd parses `--initial-cluster` as a query).
fn query_unescape(s: &str) -> Result<String, String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' => {
                let hex = b
                    .get(i + 1..i + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                    .ok_or_else(|| format!("invalid escape in {s:?}"))?;
                out.push(hex);
                i += 2;
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8(out).map_err(|_| format!("{s:?} is not UTF-8 once unescaped"))
}

fn sha1_prefix(data: &[u8]) -> u64 {
    let d = aws_lc_rs::digest::digest(&aws_lc_rs::digest::SHA1_FOR_LEGACY_USE_ONLY, data);
    let mut first = [0u8; 8];
    first.copy_from_slice(&d.as_ref()[..8]);
    u64::from_be_bytes(first)
}

/// etcd's member ID: sha1(sorted peer URLs concatenated + token).
pub fn member_id(sorted_urls: &[String], token: &str) -> u64 {
    let mut b = sorted_urls.concat().into_bytes();
    b.extend_from_slice(token.as_bytes());
    sha1_prefix(&b)
}

/// etcd's cluster ID: sha1(sorted member IDs, 8-byte big-endian each).
pub fn cluster_id(sorted_ids: &[u64]) -> u64 {
    let b: Vec<u8> = sorted_ids.iter().flat_map(|id| id.to_be_bytes()).collect();
    sha1_prefix(&b)
}

/// `--initial-advertise-peer-urls`, parsed and sorted.
fn advertised_urls(f: &ClusterFlags) -> Result<Vec<String>, String> {
    let mut advertised = f
        .advertise_peer_urls
        .split(',')
        .map(parse_peer_url)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("--initial-advertise-peer-urls: {e}"))?;
    advertised.sort();
    Ok(advertised)
}

/// `--initial-cluster` as member name -> sorted peer URLs, each URL once.
fn parse_initial_cluster(initial: &str) -> Result<BTreeMap<String, Vec<String>>, String> {
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for part in initial.split(',').filter(|p| !p.is_empty()) {
        let (k, v) = part.split_once('=').unwrap_or((part, ""));
        let k = query_unescape(k).map_err(|e| format!("--initial-cluster: {e}"))?;
        let v = query_unescape(v).map_err(|e| format!("--initial-cluster: {e}"))?;
        let url =
            parse_peer_url(&v).map_err(|e| format!("--initial-cluster: member {k:?}: {e}"))?;
        if k.is_empty() {
            return Err(format!("--initial-cluster: {part:?} has no member name"));
        }
        by_name.entry(k).or_default().push(url);
    }
    if by_name.is_empty() {
        return Err("--initial-cluster is empty".into());
    }
    let mut seen = HashSet::new();
    for urls in by_name.values_mut() {
        urls.sort();
        for u in urls.iter() {
            if !seen.insert(u.clone()) {
                return Err(format!("--initial-cluster has the URL {u} twice"));
            }
        }
    }
    if by_name.len() > wal::EVENT_HISTORY_CAPACITY {
        return Err(format!(
            "more than {} members in --initial-cluster",
            wal::EVENT_HISTORY_CAPACITY
        ));
    }
    Ok(by_name)
}

/// The local member must be in the initial cluster with exactly the
/// advertised URLs.
fn check_local(
    f: &ClusterFlags,
    initial: &str,
    by_name: &BTreeMap<String, Vec<String>>,
    advertised: &[String],
) -> Result<(), String> {
    match by_name.get(&f.name) {
        None => Err(format!(
            "couldn't find local name {:?} in the initial cluster configuration ({initial})",
            f.name
        )),
        Some(urls) if urls != advertised => Err(format!(
            "--initial-cluster has {}={} but --initial-advertise-peer-urls is {}; they must be the same URLs",
            f.name,
            urls.join(","),
            advertised.join(",")
        )),
        Some(_) => Ok(()),
    }
}

/// Checks the flags as etcdutl's `VerifyBootstrap` does and computes the
/// members; the error is a usage message.
pub fn resolve_cluster(f: &ClusterFlags) -> Result<Cluster, String> {
    if f.name.is_empty() {
        return Err("--name must not be empty".into());
    }
    if f.initial_cluster.is_none() && f.name.contains([',', '=']) {
        return Err(format!(
            "--name {:?}: a name with ',' or '=' needs --initial-cluster, with them escaped there (%2C, %3D)",
            f.name
        ));
    }
    let advertised = advertised_urls(f)?;
    let initial = match &f.initial_cluster {
        Some(s) => s.clone(),
        None => advertised
            .iter()
            .map(|u| format!("{}={u}", f.name))
            .collect::<Vec<_>>()
            .join(","),
    };
    let by_name = parse_initial_cluster(&initial)?;
    check_local(f, &initial, &by_name, &advertised)?;
    let mut members: Vec<Member> = by_name
        .into_iter()
        .map(|(name, peer_urls)| Member {
            id: member_id(&peer_urls, &f.token),
            name,
            peer_urls,
        })
        .collect();
    members.sort_by_key(|m| m.id);
    if members.iter().any(|m| m.id == 0) {
        return Err("a member ID computed to 0, which raft cannot use; change the token".into());
    }
    if members.windows(2).any(|w| w[0].id == w[1].id) {
        return Err("two members have the same ID (same peer URLs)".into());
    }
    let ids: Vec<u64> = members.iter().map(|m| m.id).collect();
    let local = members
        .iter()
        .find(|m| m.name == f.name)
        .map(|m| m.id)
        .unwrap_or_default();
    Ok(Cluster {
        id: cluster_id(&ids),
        members,
        local,
        token: f.token.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flags(name: &str, cluster: Option<&str>, urls: &str) -> ClusterFlags {
        ClusterFlags {
            name: name.into(),
            initial_cluster: cluster.map(str::to_string),
            token: "tok".into(),
            advertise_peer_urls: urls.into(),
        }
    }

    #[test]
    fn ids_match_etcdutl() {
        // etcdutl 3.5: --name m1 --initial-cluster m1=http://127.0.0.1:2380,m2=http://127.0.0.1:2381
        // --initial-advertise-peer-urls http://127.0.0.1:2380 --initial-cluster-token tok
        let c = resolve_cluster(&flags(
            "m1",
            Some("m1=http://127.0.0.1:2380,m2=http://127.0.0.1:2381"),
            "http://127.0.0.1:2380",
        ))
        .unwrap();
        let ids: Vec<String> = c.members.iter().map(Member::id_hex).collect();
        assert_eq!(ids, ["321b4ccd5c32edea", "71405583d3e2d5ce"]);
        assert_eq!(c.local().name, "m1");
        assert_eq!(format!("{:x}", c.id), "8d9fa1f3dd2c1d34");
        // etcd's well-known single-member defaults.
        let d = resolve_cluster(&ClusterFlags {
            name: DEFAULT_NAME.into(),
            initial_cluster: None,
            token: DEFAULT_TOKEN.into(),
            advertise_peer_urls: DEFAULT_PEER_URLS.into(),
        })
        .unwrap();
        assert_eq!(d.local().id_hex(), "8e9e05c52164694d");
        assert_eq!(format!("{:x}", d.id), "cdf818194e3a8c32");
    }

    #[test]
    fn flags_are_checked_like_etcdutl() {
        let err = |f: ClusterFlags| resolve_cluster(&f).unwrap_err();
        assert!(err(flags("x", Some("m1=http://a:1"), "http://a:1"))
            .contains("couldn't find local name"));
        assert!(err(flags("m1", Some("m1=http://a:1"), "http://b:1")).contains("must be the same"));
        assert!(err(flags(
            "m1",
            Some("m1=http://a:1,m2=http://a:1"),
            "http://a:1"
        ))
        .contains("twice"));
        assert!(err(flags("m1", Some("m1=http://a"), "http://a")).contains("host:port"));
        assert!(err(flags("m1", Some("m1=ftp://a:1"), "ftp://a:1")).contains("scheme"));
        assert!(err(flags("m1", Some("m1=http://a:1/x"), "http://a:1/x")).contains("without path"));
        assert!(err(flags("", None, "http://a:1")).contains("--name"));
        assert!(err(flags("a=b", None, "http://a:1")).contains("--name \"a=b\""));
        let c = resolve_cluster(&flags("a=b", Some("a%3Db=http://a:1"), "http://a:1")).unwrap();
        assert_eq!(c.local().name, "a=b");
        // Several URLs for one member, given in any order; escapes decoded.
        let c = resolve_cluster(&flags(
            "m 1",
            Some("m+1=http://b:1,m%201=HTTP://a:1"),
            "http://a:1,http://b:1",
        ))
        .unwrap();
        assert_eq!(c.local().peer_urls, ["http://a:1", "http://b:1"]);
        assert_eq!(
            parse_peer_url(" http://[::1]:2380 ").unwrap(),
            "http://[::1]:2380"
        );
        assert!(parse_peer_url("http://::1:2380").is_err());
    }

    #[test]
    fn regression_peer_url_ports_out_of_range_are_refused() {
        for bad in [
            "http://a:0",
            "http://a:65536",
            "http://a:99999",
            "https://[::1]:70000",
            "http://a:99999999999999999999999",
        ] {
            let e = parse_peer_url(bad).unwrap_err();
            assert!(e.contains("out of range (1-65535)"), "{bad}: {e}");
        }
        assert!(parse_peer_url("http://a:65535").is_ok());
        assert!(parse_peer_url("http://a:1").is_ok());
    }
}
