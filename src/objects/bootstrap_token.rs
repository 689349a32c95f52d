//! `bootstrap-token`: token Secrets, the RBAC that lets a bootstrap token
//! join a node, and the public `cluster-info` ConfigMap that token discovery
//! reads.
//!
//! Facts (kubeadm `apis/bootstraptoken/v1/utils.go`, `defaults.go`,
//! `phases/bootstraptoken/node/tlsbootstrap.go`,
//! `phases/bootstraptoken/clusterinfo/clusterinfo.go`,
//! `cmd/phases/init/bootstraptoken.go`; `k8s.io/cluster-bootstrap/token/api`
//! and `token/util`):
//! - Secret `kube-system/bootstrap-token-<id>`, type
//!   `bootstrap.kubernetes.io/token`, no labels or annotations; keys in
//!   [`SECRET_KEYS`]; `expiration` is UTC RFC 3339 in whole seconds and is
//!   absent for a token that never expires; one `usage-bootstrap-<u>: "true"`
//!   per usage; `auth-extra-groups` comma-joined when there are groups.
//! - Objects in the order the phase writes them: the get-nodes ClusterRole
//!   and binding, then the CSR bindings ([`RBAC_ROLES`], [`RBAC_BINDINGS`]),
//!   then cluster-info and its Role and RoleBinding.
//! - `cluster-info` holds one key, `kubeconfig`: admin.conf's cluster with
//!   the CA embedded, under the name `""`, and nothing else (no users, no
//!   contexts). The `jws-kubeconfig-<id>` signatures are added by the
//!   controller-manager's bootstrapsigner, never by kubeadm.

use super::{
    binding, config_map, meta, role, string_map, ApiObject, BindingRow, RoleRow, RuleRow,
    SubjectRow, KUBE_PUBLIC, KUBE_SYSTEM, NODES_GROUP, NODE_BOOTSTRAP_TOKEN_GROUP,
};
use crate::exit::usage;
use crate::token::BootstrapToken;
use anyhow::{anyhow, bail, Context, Result};
use k8s_openapi::api::core::v1::Secret;
use k8s_openapi::ByteString;
use std::collections::BTreeMap;
use time::OffsetDateTime;

pub const SECRET_PREFIX: &str = "bootstrap-token-";
pub const SECRET_TYPE: &str = "bootstrap.kubernetes.io/token";
pub const KEY_TOKEN_ID: &str = "token-id";
pub const KEY_TOKEN_SECRET: &str = "token-secret";
pub const KEY_EXPIRATION: &str = "expiration";
pub const KEY_DESCRIPTION: &str = "description";
pub const KEY_EXTRA_GROUPS: &str = "auth-extra-groups";
pub const USAGE_PREFIX: &str = "usage-bootstrap-";
/// Every key a kubeadm token Secret may hold, besides the usage keys.
pub const SECRET_KEYS: &[&str] = &[
    KEY_TOKEN_ID,
    KEY_TOKEN_SECRET,
    KEY_EXPIRATION,
    KEY_DESCRIPTION,
    KEY_EXTRA_GROUPS,
];
/// `KnownTokenUsages`, also kubeadm's default usages.
pub const KNOWN_USAGES: &[&str] = &["signing", "authentication"];
/// `DefaultTokenGroups`.
pub const DEFAULT_GROUPS: &[&str] = &[NODE_BOOTSTRAP_TOKEN_GROUP];
/// `DefaultTokenDuration`.
pub const DEFAULT_TTL: time::Duration = time::Duration::hours(24);
/// Every extra group must start so (`BootstrapGroupPattern`).
pub const GROUP_PREFIX: &str = "system:bootstrappers:";
/// `BootstrapGroupPattern`, for messages.
pub const GROUP_PATTERN: &str = r"\Asystem:bootstrappers:[a-z0-9:-]{0,255}[a-z0-9]\z";

/// One bootstrap token as kubeadm describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct TokenSpec {
    pub token: BootstrapToken,
    pub description: Option<String>,
    /// `None`: never expires.
    pub expires: Option<OffsetDateTime>,
    pub usages: Vec<String>,
    pub groups: Vec<String>,
}

impl TokenSpec {
    /// kubeadm's defaults: both usages, the default node-token group, no
    /// description, and the given expiry.
    pub fn new(token: BootstrapToken, expires: Option<OffsetDateTime>) -> TokenSpec {
        TokenSpec {
            token,
            description: None,
            expires,
            usages: KNOWN_USAGES.iter().map(|s| s.to_string()).collect(),
            groups: DEFAULT_GROUPS.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// kubeadm's checks: known usages only; groups only with the
    /// `authentication` usage, each matching [`GROUP_PATTERN`].
    pub fn validate(&self) -> Result<()> {
        validate_usages(&self.usages)?;
        validate_groups(&self.usages, &self.groups)
    }
}

/// Every usage must be one of [`KNOWN_USAGES`] (a usage error, exit 2).
pub fn validate_usages(usages: &[String]) -> Result<()> {
    for u in usages {
        if !KNOWN_USAGES.contains(&u.as_str()) {
            return Err(usage(format!(
                "invalid bootstrap token usage string: {u}, valid usage options: {}",
                KNOWN_USAGES.join(",")
            )));
        }
    }
    Ok(())
}

/// Groups need the `authentication` usage and must match [`GROUP_PATTERN`]
/// (a usage error, exit 2).
pub fn validate_groups(usages: &[String], groups: &[String]) -> Result<()> {
    if !groups.is_empty() && !usages.iter().any(|u| u == "authentication") {
        return Err(usage(
            "token groups cannot be specified unless --usages includes \"authentication\"",
        ));
    }
    for g in groups {
        if !valid_group(g) {
            return Err(usage(format!(
                "bootstrap group {g:?} is invalid (must match {GROUP_PATTERN})"
            )));
        }
    }
    Ok(())
}

fn valid_group(g: &str) -> bool {
    let Some(rest) = g.strip_prefix(GROUP_PREFIX) else {
        return false;
    };
    (1..=256).contains(&rest.len())
        && rest
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b':' || b == b'-')
        && rest
            .bytes()
            .last()
            .is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
}

/// Go's `time.RFC3339` of a UTC time: whole seconds, `Z`.
pub fn format_expiration(t: OffsetDateTime) -> String {
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// `kube-system/bootstrap-token-<id>` for a token (validated first).
pub fn token_secret(spec: &TokenSpec) -> Result<ApiObject> {
    spec.validate()?;
    let mut data: BTreeMap<String, ByteString> = BTreeMap::new();
    let mut put = |k: &str, v: &str| data.insert(k.to_string(), ByteString(v.as_bytes().to_vec()));
    put(KEY_TOKEN_ID, &spec.token.id);
    put(KEY_TOKEN_SECRET, &spec.token.secret);
    if let Some(d) = spec.description.as_deref().filter(|d| !d.is_empty()) {
        put(KEY_DESCRIPTION, d);
    }
    if let Some(t) = spec.expires {
        put(KEY_EXPIRATION, &format_expiration(t));
    }
    for u in &spec.usages {
        put(&format!("{USAGE_PREFIX}{u}"), "true");
    }
    if !spec.groups.is_empty() {
        put(KEY_EXTRA_GROUPS, &spec.groups.join(","));
    }
    ApiObject::new(&Secret {
        metadata: meta(
            Some(KUBE_SYSTEM),
            &format!("{SECRET_PREFIX}{}", spec.token.id),
        ),
        type_: Some(SECRET_TYPE.into()),
        data: Some(data),
        ..Default::default()
    })
}

/// A token Secret read back (`token list`), as kubeadm's
/// `BootstrapTokenFromSecret`: the name must be `bootstrap-token-<token-id>`;
/// usages are the `usage-bootstrap-*` keys whose value is `true`, sorted.
pub fn parse_token_secret(secret: &Secret) -> Result<TokenSpec> {
    let name = secret.metadata.name.as_deref().unwrap_or("");
    if let Some(t) = secret.type_.as_deref().filter(|t| *t != SECRET_TYPE) {
        bail!("secret {name:?} has type {t:?}, not {SECRET_TYPE}");
    }
    let mut data: BTreeMap<String, String> = BTreeMap::new();
    for (k, v) in secret.data.iter().flatten() {
        let v = String::from_utf8(v.0.clone())
            .map_err(|_| anyhow!("bootstrap token secret {name:?}: {k} is not UTF-8"))?;
        data.insert(k.clone(), v);
    }
    for (k, v) in secret.string_data.iter().flatten() {
        data.insert(k.clone(), v.clone());
    }
    let get = |k: &str| data.get(k).map(String::as_str).unwrap_or("");
    let id = get(KEY_TOKEN_ID);
    if id.is_empty() {
        bail!("bootstrap Token Secret has no token-id data: {name}");
    }
    if name != format!("{SECRET_PREFIX}{id}") {
        bail!(
            "bootstrap token name is not of the form '{SECRET_PREFIX}(token-id)'. Actual: {name:?}. Expected: \"{SECRET_PREFIX}{id}\""
        );
    }
    let secret_part = get(KEY_TOKEN_SECRET);
    if secret_part.is_empty() {
        bail!("bootstrap Token Secret has no token-secret data: {name}");
    }
    let token: BootstrapToken = format!("{id}.{secret_part}")
        .parse()
        .map_err(|e| anyhow!("bootstrap Token Secret is invalid and couldn't be parsed: {e}"))?;
    let expires = match get(KEY_EXPIRATION) {
        "" => None,
        s => Some(
            OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).with_context(
                || format!("can't parse expiration time of bootstrap token {name:?}"),
            )?,
        ),
    };
    let mut usages: Vec<String> = data
        .iter()
        .filter(|(_, v)| v.as_str() == "true")
        .filter_map(|(k, _)| k.strip_prefix(USAGE_PREFIX).map(str::to_string))
        .collect();
    usages.sort();
    let groups = match get(KEY_EXTRA_GROUPS) {
        "" => vec![],
        g => g.split(',').map(str::to_string).collect(),
    };
    Ok(TokenSpec {
        token,
        description: Some(get(KEY_DESCRIPTION).to_string()).filter(|d| !d.is_empty()),
        expires,
        usages,
        groups,
    })
}

/// `kubeadm:get-nodes` (`AllowBoostrapTokensToGetNodes`).
pub const RBAC_ROLES: &[RoleRow] = &[RoleRow {
    namespace: None,
    name: "kubeadm:get-nodes",
    rules: &[RuleRow {
        verbs: &["get"],
        api_groups: &[""],
        resources: &["nodes"],
        resource_names: &[],
    }],
}];

/// The ClusterRoleBindings, in the phase's order. The three ClusterRoles
/// named here besides `kubeadm:get-nodes` are the API server's own
/// bootstrap roles.
pub const RBAC_BINDINGS: &[BindingRow] = &[
    BindingRow {
        namespace: None,
        name: "kubeadm:get-nodes",
        role_kind: "ClusterRole",
        role_name: "kubeadm:get-nodes",
        subjects: &[SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP)],
    },
    // AllowBootstrapTokensToPostCSRs
    BindingRow {
        namespace: None,
        name: "kubeadm:kubelet-bootstrap",
        role_kind: "ClusterRole",
        role_name: "system:node-bootstrapper",
        subjects: &[SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP)],
    },
    // AutoApproveNodeBootstrapTokens
    BindingRow {
        namespace: None,
        name: "kubeadm:node-autoapprove-bootstrap",
        role_kind: "ClusterRole",
        role_name: "system:certificates.k8s.io:certificatesigningrequests:nodeclient",
        subjects: &[SubjectRow::Group(NODE_BOOTSTRAP_TOKEN_GROUP)],
    },
    // AutoApproveNodeCertificateRotation
    BindingRow {
        namespace: None,
        name: "kubeadm:node-autoapprove-certificate-rotation",
        role_kind: "ClusterRole",
        role_name: "system:certificates.k8s.io:certificatesigningrequests:selfnodeclient",
        subjects: &[SubjectRow::Group(NODES_GROUP)],
    },
];

/// The RBAC that lets bootstrap tokens join: get nodes, post CSRs, have
/// them approved, and rotate node client certificates.
pub fn rbac() -> Result<Vec<ApiObject>> {
    let mut out = Vec::new();
    for r in RBAC_ROLES {
        out.push(role(r)?);
    }
    for b in RBAC_BINDINGS {
        out.push(binding(b)?);
    }
    Ok(out)
}

pub const CLUSTER_INFO: &str = "cluster-info";
pub const CLUSTER_INFO_KEY: &str = "kubeconfig";

pub const CLUSTER_INFO_ROLE: RoleRow = RoleRow {
    namespace: Some(KUBE_PUBLIC),
    name: "kubeadm:bootstrap-signer-clusterinfo",
    rules: &[RuleRow {
        verbs: &["get"],
        api_groups: &[""],
        resources: &["configmaps"],
        resource_names: &[CLUSTER_INFO],
    }],
};

pub const CLUSTER_INFO_BINDING: BindingRow = BindingRow {
    namespace: Some(KUBE_PUBLIC),
    name: "kubeadm:bootstrap-signer-clusterinfo",
    role_kind: "Role",
    role_name: "kubeadm:bootstrap-signer-clusterinfo",
    // user.Anonymous
    subjects: &[SubjectRow::User("system:anonymous")],
};

/// The `kubeconfig` value of cluster-info, as client-go's `clientcmd.Write`
/// writes a Config holding only one cluster named `""` (keys sorted, the
/// empty lists as `null`).
pub fn cluster_info_kubeconfig(server_url: &str, ca_pem: &str) -> Result<String> {
    use base64::Engine;
    if !server_url.starts_with("https://") {
        bail!("cluster-info: the API server URL {server_url:?} is not https://");
    }
    let certs = pem::parse_many(ca_pem).context("cluster-info: the CA is not PEM")?;
    if certs.is_empty() || certs.iter().any(|p| p.tag() != "CERTIFICATE") {
        bail!("cluster-info: the CA must be PEM certificates only");
    }
    let ca = base64::engine::general_purpose::STANDARD.encode(ca_pem.as_bytes());
    Ok(format!(
        "apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: {ca}\n    server: {server_url}\n  name: \"\"\ncontexts: null\ncurrent-context: \"\"\nkind: Config\npreferences: {{}}\nusers: null\n"
    ))
}

/// `kube-public/cluster-info` (key `kubeconfig`), its Role and RoleBinding
/// (anonymous may `get` it).
pub fn cluster_info(server_url: &str, ca_pem: &str) -> Result<Vec<ApiObject>> {
    let kubeconfig = cluster_info_kubeconfig(server_url, ca_pem)?;
    Ok(vec![
        config_map(
            KUBE_PUBLIC,
            CLUSTER_INFO,
            string_map(&[(CLUSTER_INFO_KEY, &kubeconfig)]),
            &[],
            BTreeMap::new(),
        )?,
        role(&CLUSTER_INFO_ROLE)?,
        binding(&CLUSTER_INFO_BINDING)?,
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token() -> BootstrapToken {
        "abcdef.0123456789abcdef".parse().unwrap()
    }

    #[test]
    fn secret_round_trips() {
        let mut t = TokenSpec::new(
            token(),
            Some(time::macros::datetime!(2026-12-08 12:00:00.5 UTC)),
        );
        t.description = Some("for workers".into());
        let o = token_secret(&t).unwrap();
        assert_eq!(o.name, "bootstrap-token-abcdef");
        let s: Secret = o.typed().unwrap();
        let data = s.data.clone().unwrap();
        assert_eq!(data["expiration"].0, b"2026-12-08T12:00:00Z");
        let back = parse_token_secret(&s).unwrap();
        let mut want = t.clone();
        want.expires = Some(time::macros::datetime!(2026-12-08 12:00:00 UTC));
        want.usages.sort();
        assert_eq!(back, want);
    }

    #[test]
    fn never_expiring_tokens_have_no_expiration_key() {
        let o = token_secret(&TokenSpec::new(token(), None)).unwrap();
        let s: Secret = o.typed().unwrap();
        assert!(!s.data.unwrap().contains_key("expiration"));
    }

    #[test]
    fn usages_and_groups_are_checked_as_kubeadm() {
        let mut t = TokenSpec::new(token(), None);
        t.usages = vec!["signing".into(), "auth".into()];
        let e = token_secret(&t).unwrap_err().to_string();
        assert!(
            e.contains("invalid bootstrap token usage string: auth"),
            "{e}"
        );
        for bad in [
            "system:bootstrappers:",
            "system:bootstrappers:x-",
            "system:bootstrappers:UPPER",
            "system:nodes",
        ] {
            let mut t = TokenSpec::new(token(), None);
            t.groups = vec![bad.into()];
            assert!(t.validate().is_err(), "{bad}");
        }
        let long = format!("system:bootstrappers:{}", "a".repeat(256));
        assert!(valid_group(&long) && !valid_group(&format!("{long}a")));
        let mut t = TokenSpec::new(token(), None);
        t.usages = vec!["signing".into()];
        assert!(t.validate().is_err(), "groups without authentication");
        t.groups.clear();
        t.validate().unwrap();
    }

    #[test]
    fn a_misnamed_secret_is_refused() {
        let o = token_secret(&TokenSpec::new(token(), None)).unwrap();
        let mut s: Secret = o.typed().unwrap();
        s.metadata.name = Some("bootstrap-token-zzzzzz".into());
        assert!(parse_token_secret(&s).is_err());
    }
}
