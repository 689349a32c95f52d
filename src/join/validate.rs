//! Kubernetes' and SSH's rules for what an inventory or a host argument may
//! say, checked before any host is touched. Each type validates itself while
//! it is read, so a bad inventory value is a usage error at its
//! `file:line:column`.

use serde::{de, Deserialize, Deserializer, Serialize};
use std::net::{IpAddr, Ipv4Addr};

/// `[a-zA-Z0-9]([-a-zA-Z0-9_.]*[a-zA-Z0-9])?` of at most 63 characters
/// (a label name, a label value, a taint value).
fn qualified_name_part(s: &str, what: &str) -> Result<(), String> {
    if s.len() > 63 {
        return Err(format!("{what} {s:?} is longer than 63 characters"));
    }
    let ok_inner = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
    let first_last_ok = s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric());
    if s.is_empty() || !first_last_ok || !s.chars().all(ok_inner) {
        return Err(format!(
            "{what} {s:?} must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit"
        ));
    }
    Ok(())
}

/// A label (or taint) key: `[prefix/]name`, the prefix a DNS subdomain.
pub fn label_key(s: &str) -> Result<(), String> {
    let (prefix, name) = match s.rsplit_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, s),
    };
    if let Some(p) = prefix {
        crate::spec::load::validate_dns_subdomain(p)
            .map_err(|e| format!("key {s:?}: prefix {p:?}: {e}"))?;
    }
    qualified_name_part(name, "key name").map_err(|e| format!("key {s:?}: {e}"))
}

/// A label value: empty, or a qualified name part.
pub fn label_value(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Ok(());
    }
    qualified_name_part(s, "value")
}

pub const TAINT_EFFECTS: &[&str] = &["NoSchedule", "PreferNoSchedule", "NoExecute"];

pub fn taint_effect(s: &str) -> Result<(), String> {
    if TAINT_EFFECTS.contains(&s) {
        Ok(())
    } else {
        Err(format!(
            "taint effect {s:?} must be one of {}",
            TAINT_EFFECTS.join(", ")
        ))
    }
}

/// An address to connect to: an IP address or a DNS name, nothing more
/// (no user@, no :port, no dotted quad out of range).
pub fn address(s: &str) -> Result<(), String> {
    if s.parse::<IpAddr>().is_ok() {
        return Ok(());
    }
    if s.contains('@') {
        return Err(format!("address {s:?} contains a user: give it as user:"));
    }
    if s.contains(':') {
        return Err(format!(
            "address {s:?} is not an IP address or DNS name (give a port as port:)"
        ));
    }
    if !s.is_empty() && s.chars().all(|c| c.is_ascii_digit() || c == '.') {
        return s
            .parse::<Ipv4Addr>()
            .map(|_| ())
            .map_err(|_| format!("address {s:?} is not a valid IPv4 address"));
    }
    crate::spec::load::validate_dns_subdomain(&s.to_ascii_lowercase())
        .map_err(|e| format!("address {s:?} is not an IP address or DNS name: {e}"))
}

/// An SSH user name: what a POSIX login may be.
pub fn user(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 32
        && !s.starts_with('-')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if ok {
        Ok(())
    } else {
        Err(format!(
            "user {s:?} must be 1 to 32 letters, digits, '_', '-' or '.'"
        ))
    }
}

pub fn port(p: u16) -> Result<(), String> {
    if p == 0 {
        Err("port must be between 1 and 65535".into())
    } else {
        Ok(())
    }
}

/// Why an SSH private key file cannot be used as it is: it is
/// passphrase-protected (PEM `ENCRYPTED`, or an OpenSSH key with a cipher).
pub fn ssh_key_unusable(text: &str) -> Option<String> {
    if text.contains("ENCRYPTED") {
        return Some("it is passphrase-protected".into());
    }
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN OPENSSH PRIVATE KEY-----"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    if body.is_empty() {
        return None;
    }
    use base64::Engine;
    let raw = base64::engine::general_purpose::STANDARD
        .decode(body)
        .ok()?;
    // "openssh-key-v1\0", then the cipher name as a length-prefixed string.
    let rest = raw.strip_prefix(b"openssh-key-v1\0")?;
    let len = u32::from_be_bytes(rest.get(..4)?.try_into().ok()?) as usize;
    let cipher = rest.get(4..4 + len)?;
    (cipher != b"none").then(|| "it is passphrase-protected".into())
}

/// A string checked by `check` while it is read.
macro_rules! checked_string {
    ($name:ident, $check:expr) => {
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // Checked inside the visitor, so that the error carries the
                // value's own position (not its enclosing mapping's).
                struct V;
                impl de::Visitor<'_> for V {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str("a string")
                    }
                    fn visit_str<E: de::Error>(self, s: &str) -> Result<$name, E> {
                        $check(s).map_err(E::custom)?;
                        Ok($name(s.to_string()))
                    }
                }
                d.deserialize_str(V)
            }
        }
    };
}

checked_string!(LabelKey, label_key);
checked_string!(LabelValue, label_value);
checked_string!(TaintEffect, taint_effect);
checked_string!(Address, address);
checked_string!(User, user);

/// An SSH port, 1 to 65535.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Port(pub u16);
impl<'de> Deserialize<'de> for Port {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl de::Visitor<'_> for V {
            type Value = Port;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a port number")
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Port, E> {
                let p =
                    u16::try_from(n).map_err(|_| E::custom("port must be between 1 and 65535"))?;
                port(p).map_err(E::custom)?;
                Ok(Port(p))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Port, E> {
                u64::try_from(n)
                    .map_err(|_| E::custom("port must be between 1 and 65535"))
                    .and_then(|n| self.visit_u64(n))
            }
        }
        d.deserialize_u16(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kubernetes_label_and_taint_rules() {
        for ok in ["pool", "node.kubernetes.io/pool", "a_b.c-d", "x/Y9"] {
            assert!(label_key(ok).is_ok(), "{ok}");
        }
        for bad in [
            "bad key!",
            "",
            "-a",
            "a/",
            "/a",
            "Bad_Prefix/x",
            &"k".repeat(64),
        ] {
            assert!(label_key(bad).is_err(), "{bad}");
        }
        assert!(label_value("").is_ok() && label_value("gpu-1").is_ok());
        assert!(label_value("a,b=c").is_err());
        assert!(taint_effect("NoSchedule").is_ok());
        assert!(taint_effect("NoSchedul").is_err());
    }

    #[test]
    fn addresses_users_ports() {
        for ok in ["198.18.0.12", "fd00::5", "node1", "node-1.example.com"] {
            assert!(address(ok).is_ok(), "{ok}");
        }
        for bad in [
            "198.18.0.300",
            "198.18.0.12:22",
            "root@198.18.0.13",
            "",
            "a b",
        ] {
            assert!(address(bad).is_err(), "{bad}");
        }
        assert!(user("root").is_ok() && user("ci-bot.2").is_ok());
        assert!(user("").is_err() && user("a b").is_err() && user("-x").is_err());
        assert!(port(0).is_err() && port(22).is_ok());
    }
}
