//! `kforge token create | list | delete | generate`: bootstrap tokens, as
//! kubeadm's `token` commands, through the API server.

use super::GlobalArgs;
use crate::apiclient::ApiClient;
use crate::exit::{usage, ExitStatus};
use crate::node::{LocalNode, Node};
use crate::objects::bootstrap_token::{self as bt, TokenSpec};
use crate::output::{rfc3339_ms, write_table, Printer, Render};
use crate::token::BootstrapToken;
use anyhow::{anyhow, Context, Result};
use clap::{Args, Subcommand};
use k8s_openapi::api::core::v1::Secret;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

// Where bootstrap-token Secrets live.
use crate::objects::KUBE_SYSTEM as NAMESPACE;
/// The longest `--ttl` taken (kubeadm has no limit; ten years is beyond any cluster CA).
const MAX_TTL: time::Duration = time::Duration::days(3650);

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Create a bootstrap token in the cluster (prints it; `--print-join-command` prints kubeadm's join line).
    Create(CreateArgs),
    /// List the cluster's bootstrap tokens.
    List(ClientArgs),
    /// Delete bootstrap tokens, by ID or whole token.
    Delete {
        #[command(flatten)]
        client: ClientArgs,
        /// Token IDs (`abcdef`) or tokens (`abcdef.0123456789abcdef`).
        #[arg(required = true, value_name = "TOKEN_OR_ID")]
        tokens: Vec<String>,
    },
    /// Print a new random token (nothing is created).
    Generate,
}

#[derive(Debug, Args)]
pub struct ClientArgs {
    /// Kubeconfig to reach the API server with (default /etc/kubernetes/admin.conf, under --root,
    /// with kubeadm's rule: super-admin.conf creates admin.conf's binding when it is missing).
    #[arg(long, value_name = "FILE")]
    pub kubeconfig: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CreateArgs {
    #[command(flatten)]
    client: ClientArgs,
    /// The token to create (default: a new random one).
    #[arg(value_name = "TOKEN")]
    token: Option<BootstrapToken>,
    /// How long the token is valid (default 24h); 0 never expires.
    #[arg(long, value_name = "TTL", value_parser = parse_ttl)]
    ttl: Option<time::Duration>,
    /// What the token may be used for (comma-separated): signing, authentication.
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "signing,authentication",
        value_name = "USAGES"
    )]
    usages: Vec<String>,
    /// Extra groups the token authenticates as (comma-separated; each system:bootstrappers:…).
    #[arg(long, value_delimiter = ',', default_value = crate::spec::defaults::BOOTSTRAP_TOKEN_GROUP, value_name = "GROUPS")]
    groups: Vec<String>,
    /// A human description of the token.
    #[arg(long, value_name = "TEXT")]
    description: Option<String>,
    /// Print the full `kubeadm join` line for workers instead of the token.
    #[arg(long)]
    print_join_command: bool,
}

/// `--ttl`: a duration up to [`MAX_TTL`], or kubeadm's bare `0` (never expires).
fn parse_ttl(s: &str) -> Result<time::Duration, String> {
    if s.trim() == "0" {
        return Ok(time::Duration::ZERO);
    }
    crate::values::DurationRange::new(time::Duration::ZERO, MAX_TTL).parse(s)
}

/// One token as `token list` shows it.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenRow {
    token: String,
    /// RFC 3339; absent: never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ttl_seconds: Option<f64>,
    usages: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<String>,
    groups: Vec<String>,
    #[serde(skip)]
    expires_at: Option<OffsetDateTime>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TokenList {
    tokens: Vec<TokenRow>,
    /// Secrets of the bootstrap-token type that do not parse, with why.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    invalid: Vec<String>,
}

impl Render for TokenList {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let now = OffsetDateTime::now_utc();
        let rows: Vec<Vec<String>> = self
            .tokens
            .iter()
            .map(|t| {
                let ttl = match t.expires_at {
                    None => "<forever>".to_string(),
                    Some(e) if e <= now => "<invalid>".to_string(),
                    Some(e) => crate::values::format_duration(time::Duration::seconds(
                        (e - now).whole_seconds(),
                    )),
                };
                vec![
                    t.token.clone(),
                    ttl,
                    t.expires.clone().unwrap_or_else(|| "<never>".into()),
                    t.usages.join(","),
                    t.description.clone().unwrap_or_else(|| "<none>".into()),
                    t.groups.join(","),
                ]
            })
            .collect();
        write_table(
            out,
            &[
                "TOKEN",
                "TTL",
                "EXPIRES",
                "USAGES",
                "DESCRIPTION",
                "EXTRA GROUPS",
            ],
            &rows,
        )?;
        for i in &self.invalid {
            writeln!(out, "skipped: {i}")?;
        }
        Ok(())
    }
}

/// `token create`'s result.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Created {
    token: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
    usages: Vec<String>,
    groups: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    kubeadm_join_command: Option<String>,
    kforge_join_command: String,
    #[serde(skip)]
    print_join_command: bool,
}

impl Render for Created {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        match (&self.kubeadm_join_command, self.print_join_command) {
            (Some(j), true) => writeln!(out, "{j}"),
            _ => writeln!(out, "{}", self.token),
        }
    }
}

/// `token generate`'s result: the token alone in a table, as kubeadm prints it.
#[derive(Debug, Serialize)]
pub struct Generated {
    token: String,
}

impl Render for Generated {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        writeln!(out, "{}", self.token)
    }
}

/// `token delete`'s result.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Deleted {
    deleted: Vec<String>,
}

impl Render for Deleted {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        for id in &self.deleted {
            writeln!(out, "bootstrap token {id:?} deleted")?;
        }
        Ok(())
    }
}

pub fn run(g: &GlobalArgs, printer: &Printer, cmd: TokenCommand) -> Result<ExitStatus> {
    match cmd {
        TokenCommand::Generate => {
            printer.emit(&Generated {
                token: BootstrapToken::generate().to_string(),
            })?;
            Ok(ExitStatus::Success)
        }
        TokenCommand::Create(a) => create(g, printer, a),
        TokenCommand::List(c) => list(g, printer, &c),
        TokenCommand::Delete { client, tokens } => delete(g, printer, &client, &tokens),
    }
}

/// The kubeconfig to use (checked before anything else) and the client.
fn client(g: &GlobalArgs, c: &ClientArgs) -> Result<(ApiClient, String)> {
    let node = LocalNode::new(g.root.clone());
    let default = Path::new(crate::paths::KUBERNETES_DIR).join(crate::kubeconfig::ADMIN.file);
    let (text, shown) = match &c.kubeconfig {
        Some(p) => (
            fs_err::read_to_string(p)
                .context("cannot read the kubeconfig")
                .map_err(crate::exit::usage_from)?,
            p.clone(),
        ),
        None => {
            let shown = node.real_path(&default);
            let text = crate::node::read_string(&node, &default)?.ok_or_else(|| {
                usage(format!(
                    "{}: not found (pass --kubeconfig, or --root for a staged node)",
                    shown.display()
                ))
            })?;
            // On the node, kubeadm's admin rule: admin.conf, made able to act
            // through super-admin.conf when its binding is not there yet.
            let dir = Path::new(crate::paths::KUBERNETES_DIR);
            return Ok((crate::apiclient::admin_client(&node, dir)?, text));
        }
    };
    let client = ApiClient::from_kubeconfig_text(&text, &shown).map_err(crate::exit::usage_from)?;
    Ok((client, text))
}

/// `sha256:…` of the CA in a kubeconfig (its first cluster's certificate-authority-data).
fn ca_hash_of(kubeconfig: &str, shown: &Path) -> Result<String> {
    use base64::Engine as _;
    let doc: serde_json::Value = serde_yaml_ng::from_str(kubeconfig)?;
    let data = doc
        .pointer("/clusters/0/cluster/certificate-authority-data")
        .and_then(|v| v.as_str())
        .ok_or_else(|| {
            anyhow!(
                "{}: no certificate-authority-data in its first cluster",
                shown.display()
            )
        })?;
    let pem = base64::engine::general_purpose::STANDARD
        .decode(data.trim())
        .with_context(|| {
            format!(
                "{}: certificate-authority-data is not base64",
                shown.display()
            )
        })?;
    let ca = crate::pki::CertInfo::from_pem(&String::from_utf8_lossy(&pem))?;
    Ok(crate::token::ca_public_key_hash(&ca.spki_der))
}

fn create(g: &GlobalArgs, printer: &Printer, a: CreateArgs) -> Result<ExitStatus> {
    let now = OffsetDateTime::now_utc();
    let token = a.token.unwrap_or_else(BootstrapToken::generate);
    let ttl = a.ttl.unwrap_or(crate::spec::defaults::BOOTSTRAP_TOKEN_TTL);
    let expires = (ttl > time::Duration::ZERO).then(|| now + ttl);
    let mut spec = TokenSpec::new(token.clone(), expires);
    spec.usages = a.usages.iter().map(|s| s.trim().to_string()).collect();
    spec.groups = a
        .groups
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    spec.description = a.description.clone();
    spec.validate().map_err(crate::exit::usage_from)?;
    let (client, kubeconfig) = client(g, &a.client)?;
    let join = if a.print_join_command {
        let hash = ca_hash_of(&kubeconfig, &client.kubeconfig)?;
        let endpoint = client.server.trim_start_matches("https://").to_string();
        Some(format!(
            "kubeadm join {endpoint} --token {token} --discovery-token-ca-cert-hash {hash}"
        ))
    } else {
        None
    };
    let secret = bt::token_secret(&spec)?;
    if !client.create(&secret)? {
        return Err(anyhow!(
            "bootstrap token {:?} already exists in the cluster (delete it first, or create another)",
            token.id
        ));
    }
    let kforge = crate::token::kforge_join_line(g.root.as_deref());
    if join.is_some() {
        printer.status(format!(
            "# or, from a control-plane node over SSH, no token needed: {kforge}"
        ));
    }
    printer.emit(&Created {
        token: token.to_string(),
        expires: expires.map(rfc3339_ms),
        usages: spec.usages,
        groups: spec.groups,
        kubeadm_join_command: join,
        kforge_join_command: kforge,
        print_join_command: a.print_join_command,
    })?;
    Ok(ExitStatus::Success)
}

fn list(g: &GlobalArgs, printer: &Printer, c: &ClientArgs) -> Result<ExitStatus> {
    let (client, _) = client(g, c)?;
    let secrets =
        client.list_typed::<Secret>(Some(NAMESPACE), Some(&format!("type={}", bt::SECRET_TYPE)))?;
    let mut tokens = Vec::new();
    let mut invalid = Vec::new();
    for s in secrets {
        let name = s.metadata.name.clone().unwrap_or_default();
        if s.type_.as_deref() != Some(bt::SECRET_TYPE) {
            continue;
        }
        match bt::parse_token_secret(&s) {
            Ok(t) => tokens.push(TokenRow {
                token: t.token.to_string(),
                expires: t.expires.map(rfc3339_ms),
                ttl_seconds: t
                    .expires
                    .map(|e| (e - OffsetDateTime::now_utc()).as_seconds_f64().max(0.0)),
                usages: t.usages,
                description: t.description,
                groups: t.groups,
                expires_at: t.expires,
            }),
            Err(e) => invalid.push(format!("{NAMESPACE}/{name}: {e:#}")),
        }
    }
    tokens.sort_by(|a, b| a.token.cmp(&b.token));
    printer.emit(&TokenList { tokens, invalid })?;
    Ok(ExitStatus::Success)
}

fn delete(
    g: &GlobalArgs,
    printer: &Printer,
    c: &ClientArgs,
    tokens: &[String],
) -> Result<ExitStatus> {
    // Every argument checked before anything is deleted.
    let mut ids = Vec::new();
    for t in tokens {
        let id = match t.split_once('.') {
            Some(_) => t
                .parse::<BootstrapToken>()
                .map_err(|e| usage(format!("{t:?}: {e}")))?
                .id
                .clone(),
            None if t.len() == 6
                && t.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) =>
            {
                t.clone()
            }
            None => {
                return Err(usage(format!(
                    "{t:?}: not a token ID ([a-z0-9]{{6}}) or token ([a-z0-9]{{6}}.[a-z0-9]{{16}})"
                )))
            }
        };
        ids.push(id);
    }
    let (client, _) = client(g, c)?;
    let mut deleted = Vec::new();
    for id in ids {
        let probe = crate::objects::ApiObject {
            api_version: "v1".into(),
            kind: "Secret".into(),
            namespace: Some(NAMESPACE.into()),
            name: format!("{}{id}", bt::SECRET_PREFIX),
            body: serde_json::Value::Null,
        };
        if !client.delete(&probe)? {
            return Err(anyhow!(
                "bootstrap token {id:?} not found in the cluster{}",
                if deleted.is_empty() {
                    String::new()
                } else {
                    format!(" (deleted before it: {})", deleted.join(", "))
                }
            ));
        }
        deleted.push(id);
    }
    printer.emit(&Deleted { deleted })?;
    Ok(ExitStatus::Success)
}
