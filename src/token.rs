//! kubeadm bootstrap tokens (`[a-z0-9]{6}.[a-z0-9]{16}`) and the discovery
//! hash of a CA (`sha256:` + hex of the SHA-256 of its SubjectPublicKeyInfo).

use rand::Rng;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sha2::{Digest, Sha256};
use std::fmt;
use std::str::FromStr;

const ALPHABET: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";

#[derive(Clone, PartialEq, Eq)]
pub struct BootstrapToken {
    pub id: String,
    pub secret: String,
}

impl BootstrapToken {
    pub fn generate() -> Self {
        let mut rng = rand::rng();
        let mut pick = |n: usize| -> String {
            (0..n)
                .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
                .collect()
        };
        BootstrapToken {
            id: pick(6),
            secret: pick(16),
        }
    }
}

impl fmt::Display for BootstrapToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.id, self.secret)
    }
}

// The secret half never goes into logs.
impl fmt::Debug for BootstrapToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BootstrapToken({}.<redacted>)", self.id)
    }
}

impl FromStr for BootstrapToken {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let ok = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| ALPHABET.contains(&b));
        match s.split_once('.') {
            Some((id, secret)) if ok(id, 6) && ok(secret, 16) => Ok(BootstrapToken {
                id: id.to_string(),
                secret: secret.to_string(),
            }),
            _ => Err("invalid bootstrap token: expected the form [a-z0-9]{6}.[a-z0-9]{16}".into()),
        }
    }
}

impl<'de> Deserialize<'de> for BootstrapToken {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for BootstrapToken {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The token of a bootstrap-token Secret file `init` wrote, while it stays
/// valid for at least another hour.
pub fn read_token_secret(
    node: &dyn crate::node::Node,
    path: &std::path::Path,
    now: time::OffsetDateTime,
) -> anyhow::Result<Option<(BootstrapToken, time::OffsetDateTime)>> {
    let Some(text) = crate::node::read_string(node, path)? else {
        return Ok(None);
    };
    let field = |name: &str| {
        text.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name}:")))
            .map(|v| v.trim().trim_matches('"').to_string())
    };
    let (Some(id), Some(secret), Some(exp)) = (
        field("token-id"),
        field("token-secret"),
        field("expiration"),
    ) else {
        return Ok(None);
    };
    let Ok(token) = format!("{id}.{secret}").parse::<BootstrapToken>() else {
        return Ok(None);
    };
    let Ok(expires) =
        time::OffsetDateTime::parse(&exp, &time::format_description::well_known::Rfc3339)
    else {
        return Ok(None);
    };
    Ok((expires > now + time::Duration::hours(1)).then_some((token, expires)))
}

/// kforge's way to join nodes, run on this control-plane node (over SSH;
/// no bootstrap token needed): the line the closing message and
/// `token create --print-join-command` show beside kubeadm's.
pub fn kforge_join_line(root: Option<&std::path::Path>) -> String {
    let root = root
        .map(|r| format!(" --root {}", r.display()))
        .unwrap_or_default();
    format!("kforge join{root} [user@]HOST... [--control-plane]")
}

/// `sha256:<hex>` of a DER SubjectPublicKeyInfo, as `--discovery-token-ca-cert-hash` wants.
pub fn ca_public_key_hash(spki_der: &[u8]) -> String {
    let digest = Sha256::digest(spki_der);
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_tokens_parse_back() {
        for _ in 0..100 {
            let t = BootstrapToken::generate();
            assert_eq!(t.to_string().parse::<BootstrapToken>().unwrap(), t);
        }
    }

    #[test]
    fn rejects_malformed_tokens() {
        for bad in [
            "abcdef",
            "abcde.0123456789abcdef",
            "ABCDEF.0123456789abcdef",
            "abcdef.0123456789abcde",
        ] {
            assert!(bad.parse::<BootstrapToken>().is_err(), "{bad}");
        }
    }

    #[test]
    fn debug_redacts_the_secret() {
        let t: BootstrapToken = "abcdef.0123456789abcdef".parse().unwrap();
        assert!(!format!("{t:?}").contains("0123456789abcdef"));
    }
}
