//! Who is asking, honestly minimal: a client certificate verified (by the
//! TLS handshake) against the manifest's `--client-ca-file` (user = CN,
//! groups = O), a bootstrap token (`Authorization: Bearer ID.SECRET`,
//! with `--enable-bootstrap-token-auth=true`), otherwise anonymous
//! (unless `--anonymous-auth=false`). Every authenticated user is also in
//! `system:authenticated`, as with the real server.
//!
//! Differences from the real server: a client certificate the CA did not
//! sign fails the TLS handshake (the real server completes it and answers
//! 401); no service-account tokens, no other token or proxy
//! authenticators.

use super::resources;
use super::status::{self, ApiError};
use super::store::Store;
use base64::Engine;
use rustls_pki_types::CertificateDer;

/// An authenticated (or anonymous) user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub name: String,
    pub groups: Vec<String>,
}

pub const ANONYMOUS: &str = "system:anonymous";
pub const UNAUTHENTICATED: &str = "system:unauthenticated";
pub const AUTHENTICATED: &str = "system:authenticated";
pub const MASTERS: &str = "system:masters";
pub const BOOTSTRAPPERS: &str = "system:bootstrappers";
pub const NODES: &str = "system:nodes";
pub const NODE_PREFIX: &str = "system:node:";

impl User {
    fn authenticated(name: String, mut groups: Vec<String>) -> User {
        if !groups.iter().any(|g| g == AUTHENTICATED) {
            groups.push(AUTHENTICATED.into());
        }
        User { name, groups }
    }

    pub fn anonymous() -> User {
        User {
            name: ANONYMOUS.into(),
            groups: vec![UNAUTHENTICATED.into()],
        }
    }

    pub fn in_group(&self, g: &str) -> bool {
        self.groups.iter().any(|x| x == g)
    }

    /// NAME of a node's identity: user `system:node:NAME` in `system:nodes`.
    pub fn node_name(&self) -> Option<&str> {
        self.name
            .strip_prefix(NODE_PREFIX)
            .filter(|n| !n.is_empty() && self.in_group(NODES))
    }
}

/// What authentication accepts (from the manifest's flags).
#[derive(Debug, Clone)]
pub struct Authn {
    pub bootstrap_tokens: bool,
    pub anonymous: bool,
}

impl Authn {
    /// The request's user: its verified client certificate's, its bearer
    /// token's, or anonymous; a bearer token that is not a valid bootstrap
    /// token is 401, as with the real server.
    pub fn authenticate(
        &self,
        peer: Option<&[CertificateDer<'_>]>,
        authorization: Option<&str>,
        store: &Store,
    ) -> Result<User, ApiError> {
        if let Some(leaf) = peer.and_then(|c| c.first()) {
            let info = kforge::pki::inspect::CertInfo::from_der(leaf.as_ref())
                .map_err(|_| status::unauthorized())?;
            if info.common_name.is_empty() {
                return Err(status::unauthorized());
            }
            return Ok(User::authenticated(info.common_name, info.organizations));
        }
        // Only a bearer token is a credential here (no basic auth, as in
        // the real server since 1.19): other schemes leave the request
        // anonymous, as there.
        if let Some(token) = authorization.and_then(|a| a.strip_prefix("Bearer ")) {
            if !self.bootstrap_tokens {
                return Err(status::unauthorized());
            }
            return bootstrap_user(token.trim(), store).ok_or_else(status::unauthorized);
        }
        if self.anonymous {
            Ok(User::anonymous())
        } else {
            Err(status::unauthorized())
        }
    }
}

/// The user of a valid bootstrap token, per the real bootstrap token
/// authenticator: the `kube-system/bootstrap-token-ID` Secret of type
/// `bootstrap.kubernetes.io/token` with that `token-secret`,
/// `usage-bootstrap-authentication: "true"` and an `expiration` (if any)
/// in the future. User `system:bootstrap:ID`, groups `system:bootstrappers`
/// and the Secret's `auth-extra-groups`.
fn bootstrap_user(token: &str, store: &Store) -> Option<User> {
    let (id, secret) = token.split_once('.')?;
    let lower_alnum = |s: &str, n: usize| {
        s.len() == n
            && s.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
    };
    if !lower_alnum(id, 6) || !lower_alnum(secret, 16) {
        return None;
    }
    let r = resources::find("", "v1", "secrets")?;
    let s = store
        .get(r, "kube-system", &format!("bootstrap-token-{id}"))
        .ok()?;
    if s["type"] != "bootstrap.kubernetes.io/token" {
        return None;
    }
    let data = |k: &str| -> Option<String> {
        let b = s["data"][k].as_str()?;
        let bytes = base64::engine::general_purpose::STANDARD.decode(b).ok()?;
        String::from_utf8(bytes).ok()
    };
    if data("token-secret")? != secret || data("usage-bootstrap-authentication")? != "true" {
        return None;
    }
    if let Some(exp) = data("expiration") {
        let at = time::OffsetDateTime::parse(&exp, &time::format_description::well_known::Rfc3339)
            .ok()?;
        if at <= time::OffsetDateTime::now_utc() {
            return None;
        }
    }
    let mut groups = vec![BOOTSTRAPPERS.to_string()];
    if let Some(extra) = data("auth-extra-groups") {
        for g in extra.split(',').map(str::trim).filter(|g| !g.is_empty()) {
            if !g.starts_with("system:bootstrappers:") {
                return None;
            }
            groups.push(g.to_string());
        }
    }
    Some(User::authenticated(
        format!("system:bootstrap:{id}"),
        groups,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn token_secret(id: &str, secret: &str, expiration: &str) -> serde_json::Value {
        let b = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        json!({
            "metadata": {"name": format!("bootstrap-token-{id}")},
            "type": "bootstrap.kubernetes.io/token",
            "data": {
                "token-id": b(id), "token-secret": b(secret), "expiration": b(expiration),
                "usage-bootstrap-authentication": b("true"),
                "auth-extra-groups": b("system:bootstrappers:kubeadm:default-node-token"),
            }
        })
    }

    #[test]
    fn bootstrap_tokens_authenticate_until_they_expire() {
        let mut s = Store::new();
        let r = resources::find("", "v1", "secrets").unwrap();
        s.create(
            r,
            "kube-system",
            token_secret("abcdef", "0123456789abcdef", "2999-01-01T00:00:00Z"),
        )
        .unwrap();
        s.create(
            r,
            "kube-system",
            token_secret("zzzzzz", "0123456789abcdef", "2000-01-01T00:00:00Z"),
        )
        .unwrap();
        let a = Authn {
            bootstrap_tokens: true,
            anonymous: true,
        };
        let u = a
            .authenticate(None, Some("Bearer abcdef.0123456789abcdef"), &s)
            .unwrap();
        assert_eq!(u.name, "system:bootstrap:abcdef");
        assert_eq!(
            u.groups,
            [
                "system:bootstrappers",
                "system:bootstrappers:kubeadm:default-node-token",
                "system:authenticated"
            ]
        );
        for bad in [
            "Bearer zzzzzz.0123456789abcdef",
            "Bearer abcdef.0123456789abcdeX",
            "Bearer nope",
        ] {
            let e = a.authenticate(None, Some(bad), &s).unwrap_err();
            assert_eq!((e.code, e.message()), (401, "Unauthorized"), "{bad}");
        }
        assert_eq!(a.authenticate(None, None, &s).unwrap(), User::anonymous());
        assert_eq!(
            a.authenticate(None, Some("Basic eDp5"), &s).unwrap(),
            User::anonymous()
        );
        let strict = Authn {
            bootstrap_tokens: false,
            anonymous: false,
        };
        assert_eq!(strict.authenticate(None, None, &s).unwrap_err().code, 401);
        assert_eq!(
            strict
                .authenticate(None, Some("Bearer abcdef.0123456789abcdef"), &s)
                .unwrap_err()
                .code,
            401
        );
    }
}
