//! The built-in STAND-IN for a control-plane component (kube-apiserver,
//! kube-controller-manager, kube-scheduler): there are no such binaries on
//! the machines kforge is tested and demonstrated on, so `kforge-dev
//! kubelet` runs `kforge-dev stand-in COMPONENT --manifest FILE` for their
//! static pods instead.
//!
//! A stand-in is the minimum the rest of kforge needs to see a component
//! run: it serves `/healthz`, `/livez`, `/readyz` and `/version` over HTTPS
//! on the manifest's port, with the manifest's serving certificate
//! (`--tls-cert-file`/`--tls-private-key-file`) or, like the real
//! controller-manager and scheduler without one, a self-signed certificate.
//! `/version` reports the manifest's image tag. The API server stand-in
//! also checks, on every `/readyz` and `/healthz`, that it reaches etcd with
//! the manifest's `--etcd-servers`/`--etcd-cafile`/`--etcd-certfile`/
//! `--etcd-keyfile` (etcd's `/health` over mTLS), and reports `[-]etcd`
//! when it does not. The API server stand-in also serves a small,
//! in-memory stand-in of the Kubernetes API ([`super::apiserver`]: its
//! module doc lists what it serves and how it simplifies), with client
//! certificates checked against the manifest's `--client-ca-file`.
//! Nothing else of the components exists: no controllers, no scheduling.
//!
//! Addresses: the manifest's `--bind-address`; when that is absent or the
//! wildcard, the `--advertise-address` and loopback (a test aid never
//! listens on every interface).

use crate::images::image_tag;
use anyhow::{anyhow, bail, Context, Result};
use kforge::components::{self, Component};
use kforge::node::{LocalNode, Node};
use kforge::staticpod::{self, Pod};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::{IpAddr, Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What `kforge-dev stand-in` was asked to serve.
pub struct Settings {
    pub component: &'static Component,
    /// The manifest, as a path on this machine (not mapped under the root).
    pub manifest: PathBuf,
    /// The node root host paths in the manifest are mapped under.
    pub root: Option<PathBuf>,
    /// Failure injection (a test aid): never report healthy.
    pub never_healthy: bool,
}

/// `/version` as the real components answer it; `compiler` says it is a stand-in.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionInfo {
    pub major: String,
    pub minor: String,
    pub git_version: String,
    pub git_commit: String,
    pub git_tree_state: String,
    pub build_date: String,
    pub go_version: String,
    pub compiler: String,
    pub platform: String,
}

impl VersionInfo {
    /// From an image tag such as `v1.32.0` (`_` in a tag stands for `+`).
    pub fn from_tag(tag: &str) -> VersionInfo {
        let git_version = tag.replace('_', "+");
        let mut parts = git_version
            .trim_start_matches('v')
            .split(['.', '-', '+'])
            .map(str::to_string);
        let major = parts.next().unwrap_or_default();
        let minor = parts.next().unwrap_or_default();
        VersionInfo {
            major,
            minor,
            git_version,
            git_commit: String::new(),
            git_tree_state: String::new(),
            build_date: String::new(),
            go_version: String::new(),
            compiler: "kforge-stand-in".into(),
            platform: format!("linux/{}", go_arch()),
        }
    }
}

fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// The value of `--name=value` in an argv.
fn flag<'a>(argv: &'a [String], name: &str) -> Option<&'a str> {
    let prefix = format!("--{name}=");
    argv.iter().find_map(|a| a.strip_prefix(prefix.as_str()))
}

/// Everything the stand-in serves, resolved from the manifest.
pub struct Plan {
    pub component: &'static Component,
    pub version: VersionInfo,
    pub addresses: Vec<IpAddr>,
    pub port: u16,
    /// (certificate, key) files; `None`: self-signed.
    pub tls_files: Option<(PathBuf, PathBuf)>,
    pub etcd: Option<EtcdCheck>,
    /// The API server stand-in's API settings (kube-apiserver only).
    pub api: Option<super::apiserver::Config>,
    pub never_healthy: bool,
}

/// The API server's etcd client settings (paths mapped under the root).
#[derive(Debug, Clone)]
pub struct EtcdCheck {
    pub servers: Vec<String>,
    pub ca: PathBuf,
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Resolves what to serve from the pod's manifest.
pub fn plan(s: &Settings, node: &dyn Node, pod: &Pod) -> Result<Plan> {
    let shown = s.manifest.display();
    let image = &pod.container()?.image;
    let name = super::images::image_name(image);
    if name != s.component.name {
        return Err(kforge::exit::usage(format!(
            "{shown}: image {image} is not {} (the stand-in serves the component its image names)",
            s.component.name
        )));
    }
    let tag = image_tag(image);
    let argv = staticpod::local_argv(node, pod)?;
    let probe = pod
        .http_probe("livenessProbe")
        .or_else(|| pod.http_probe("readinessProbe"));
    let port = match flag(&argv, "secure-port") {
        Some(p) => kforge::values::parse_port(p)
            .map_err(|e| kforge::exit::usage(format!("{shown}: --secure-port: {e}")))?,
        None => probe
            .as_ref()
            .map(|p| p.port)
            .unwrap_or(s.component.health.number),
    };
    let parse_ip = |what: &str, v: &str| -> Result<IpAddr> {
        v.parse()
            .map_err(|_| kforge::exit::usage(format!("{shown}: --{what}={v} is not an IP address")))
    };
    let mut addresses: Vec<IpAddr> = Vec::new();
    match flag(&argv, "bind-address") {
        Some(b) if !parse_ip("bind-address", b)?.is_unspecified() => {
            addresses.push(parse_ip("bind-address", b)?)
        }
        _ => {
            if let Some(a) = flag(&argv, "advertise-address") {
                addresses.push(parse_ip("advertise-address", a)?);
            }
            if let Some(h) = probe.as_ref().and_then(|p| p.host.as_deref()) {
                addresses.push(parse_ip("probe host", h)?);
            }
            addresses.push(IpAddr::V4(Ipv4Addr::LOCALHOST));
        }
    }
    addresses.dedup();
    let mut unique = Vec::new();
    for a in addresses {
        if !unique.contains(&a) {
            unique.push(a);
        }
    }
    let tls_files = match (
        flag(&argv, "tls-cert-file"),
        flag(&argv, "tls-private-key-file"),
    ) {
        (Some(c), Some(k)) => Some((PathBuf::from(c), PathBuf::from(k))),
        (None, None) if s.component.name != components::KUBE_APISERVER.name => None,
        _ => {
            return Err(kforge::exit::usage(format!(
                "{shown}: needs both --tls-cert-file and --tls-private-key-file"
            )))
        }
    };
    let etcd = if s.component.name == components::KUBE_APISERVER.name {
        let need = |f: &str| -> Result<String> {
            flag(&argv, f)
                .map(str::to_string)
                .ok_or_else(|| kforge::exit::usage(format!("{shown}: no --{f}")))
        };
        Some(EtcdCheck {
            servers: need("etcd-servers")?
                .split(',')
                .map(str::to_string)
                .collect(),
            ca: need("etcd-cafile")?.into(),
            cert: need("etcd-certfile")?.into(),
            key: need("etcd-keyfile")?.into(),
        })
    } else {
        None
    };
    let api = if s.component.name == components::KUBE_APISERVER.name {
        let first = unique
            .first()
            .copied()
            .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
        let address = flag(&argv, "advertise-address")
            .and_then(|a| a.parse::<IpAddr>().ok())
            .unwrap_or(first);
        Some(
            super::apiserver::Config::from_argv(
                &argv,
                kforge::values::host_port(&address.to_string(), port),
                port,
            )
            .map_err(|e| kforge::exit::usage(format!("{shown}: {e:#}")))?,
        )
    } else {
        None
    };
    Ok(Plan {
        component: s.component,
        version: VersionInfo::from_tag(tag),
        addresses: unique,
        port,
        tls_files,
        etcd,
        api,
        never_healthy: s.never_healthy,
    })
}

fn load_tls(
    files: &Option<(PathBuf, PathBuf)>,
) -> Result<(Vec<CertificateDer<'static>>, PrivateKeyDer<'static>)> {
    match files {
        Some((cert, key)) => {
            let certs = CertificateDer::pem_file_iter(cert)
                .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                .map_err(|e| anyhow!("{}: {e}", cert.display()))?;
            if certs.is_empty() {
                bail!("{}: no certificate", cert.display());
            }
            let key =
                PrivateKeyDer::from_pem_file(key).map_err(|e| anyhow!("{}: {e}", key.display()))?;
            Ok((certs, key))
        }
        None => {
            // Like the real components without --tls-cert-file: a
            // self-signed certificate for localhost, made at start.
            let ck = rcgen::generate_simple_self_signed(vec![
                "localhost".to_string(),
                "127.0.0.1".to_string(),
            ])
            .context("generating a self-signed serving certificate")?;
            let key = PrivateKeyDer::try_from(ck.signing_key.serialize_der())
                .map_err(|e| anyhow!("self-signed key: {e}"))?;
            Ok((vec![ck.cert.der().clone()], key))
        }
    }
}

/// The result of the last etcd check, reused for a second so a burst of
/// probes makes one connection.
struct EtcdState {
    check: EtcdCheck,
    last: Mutex<Option<(Instant, Result<(), String>)>>,
}

impl EtcdState {
    fn reachable(&self) -> Result<(), String> {
        let mut last = self.last.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((at, r)) = last.as_ref() {
            if at.elapsed() < Duration::from_secs(1) {
                return r.clone();
            }
        }
        let r = etcd_health(&self.check);
        *last = Some((Instant::now(), r.clone()));
        r
    }
}

/// etcd's `/health` on any of the servers, over mTLS with the API server's
/// etcd client certificate.
fn etcd_health(c: &EtcdCheck) -> Result<(), String> {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display()));
    let ca = ureq::tls::Certificate::from_pem(&read(&c.ca)?)
        .map_err(|e| format!("{}: {e}", c.ca.display()))?
        .to_owned();
    let cert = ureq::tls::Certificate::from_pem(&read(&c.cert)?)
        .map_err(|e| format!("{}: {e}", c.cert.display()))?
        .to_owned();
    let key = ureq::tls::PrivateKey::from_pem(&read(&c.key)?)
        .map_err(|e| format!("{}: {e}", c.key.display()))?
        .to_owned();
    let tls = ureq::tls::TlsConfig::builder()
        .unversioned_rustls_crypto_provider(kforge::runtime::crypto_provider())
        .root_certs(ureq::tls::RootCerts::new_with_certs(&[ca]))
        .client_cert(Some(ureq::tls::ClientCert::new_with_certs(&[cert], key)))
        .build();
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(Duration::from_secs(2)))
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into();
    let mut errors = Vec::new();
    for server in &c.servers {
        let url = format!("{}/health", server.trim_end_matches('/'));
        match agent.get(&url).call() {
            Ok(mut resp) => {
                let code = resp.status().as_u16();
                let body = resp.body_mut().read_to_string().unwrap_or_default();
                let healthy = serde_json::from_str::<serde_json::Value>(&body)
                    .ok()
                    .and_then(|v| {
                        v.get("health")
                            .and_then(|h| h.as_str())
                            .map(|h| h == "true")
                    })
                    .unwrap_or(false);
                if code == 200 && healthy {
                    return Ok(());
                }
                errors.push(format!("{url}: HTTP {code}: {}", body.trim()));
            }
            Err(e) => errors.push(format!("{url}: {e}")),
        }
    }
    Err(errors.join("; "))
}

struct Server {
    plan: Plan,
    etcd: Option<EtcdState>,
    api: Option<super::apiserver::ApiServer>,
}

/// The paths every stand-in answers to anyone, without authentication.
fn is_open_path(path: &str) -> bool {
    matches!(path, "/version" | "/healthz" | "/livez" | "/readyz")
}

impl Server {
    /// (status, content type, body) for a GET of `path`.
    fn respond(&self, path: &str, verbose: bool) -> (u16, &'static str, String) {
        let text = "text/plain; charset=utf-8";
        match path {
            "/version" => (
                200,
                "application/json",
                serde_json::to_string_pretty(&self.plan.version).unwrap_or_default(),
            ),
            "/healthz" | "/livez" | "/readyz" => {
                let kind = &path[1..];
                let mut checks: Vec<(&str, Result<(), String>)> = vec![("ping", Ok(()))];
                if self.plan.never_healthy {
                    checks.push((
                        "kforge-stand-in-injected-failure",
                        Err("made unhealthy by --unhealthy (a test aid)".into()),
                    ));
                }
                if kind != "livez" {
                    if let Some(e) = &self.etcd {
                        checks.push(("etcd", e.reachable()));
                    }
                }
                let ok = checks.iter().all(|(_, r)| r.is_ok());
                let mut body = String::new();
                if verbose || !ok {
                    for (name, r) in &checks {
                        match r {
                            Ok(()) => body.push_str(&format!("[+]{name} ok\n")),
                            Err(e) => {
                                tracing::warn!("{kind} check {name} failed: {e}");
                                body.push_str(&format!("[-]{name} failed: reason withheld\n"))
                            }
                        }
                    }
                    body.push_str(&format!(
                        "{kind} check {}\n",
                        if ok { "passed" } else { "failed" }
                    ));
                } else {
                    body.push_str("ok");
                }
                (if ok { 200 } else { 500 }, text, body)
            }
            _ => (
                404,
                text,
                format!(
                    "404 page not found: this is kforge's stand-in {}, which serves only /healthz, /livez, /readyz and /version\n",
                    self.plan.component.name
                ),
            ),
        }
    }

    fn handle(&self, tls: Arc<rustls::ServerConfig>, tcp: TcpStream) -> Result<()> {
        // API clients keep their connections open between requests, and
        // drop idle ones after 90s (Go's and hyper's default): the server
        // waits longer, so that it never closes one a client is reusing.
        let idle = if self.api.is_some() { 300 } else { 10 };
        tcp.set_read_timeout(Some(Duration::from_secs(idle)))?;
        tcp.set_write_timeout(Some(Duration::from_secs(10)))?;
        let conn = rustls::ServerConnection::new(tls)?;
        let mut conn = super::apiserver::http::Conn::new(rustls::StreamOwned::new(conn, tcp));
        while let Some(req) = conn.read_request()? {
            let keep = self.api.is_some() && req.keep_alive();
            let head = req.method == "HEAD";
            let (code, ctype, body) = match (&self.api, req.method.as_str()) {
                (_, "GET" | "HEAD") if is_open_path(&req.path) => {
                    self.respond(&req.path, req.query("verbose").is_some())
                }
                (Some(api), _) => {
                    let peer = conn.stream.conn.peer_certificates().map(|c| c.to_vec());
                    let a = api.handle(&req, peer.as_deref());
                    (a.code, "application/json", a.body.to_string())
                }
                (None, "GET" | "HEAD") => self.respond(&req.path, false),
                _ => (405, "text/plain", "method not allowed\n".into()),
            };
            conn.respond(code, ctype, if head { b"" } else { body.as_bytes() }, keep)?;
            if !keep {
                break;
            }
        }
        conn.stream.conn.send_close_notify();
        let _ = conn.stream.flush();
        Ok(())
    }
}

/// Reads an HTTP/1.1 request head; its (method, target), `None` when the
/// client closed the connection first.
pub(super) fn read_request_line(r: &mut impl Read) -> Result<Option<(String, String)>> {
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = r.read(&mut buf)?;
        if n == 0 {
            return Ok(None);
        }
        head.extend_from_slice(&buf[..n]);
        if head.len() > 16 * 1024 {
            bail!("request head too large");
        }
    }
    let head = String::from_utf8_lossy(&head);
    let mut words = head.lines().next().unwrap_or("").split_whitespace();
    let method = words.next().unwrap_or("").to_string();
    let target = words.next().unwrap_or("/").to_string();
    Ok(Some((method, target)))
}

/// The status line and headers of a response that closes the connection.
pub(super) fn response_head(code: u16, content_type: &str, len: usize) -> Vec<u8> {
    let reason = match code {
        200 => "OK",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    format!(
        "HTTP/1.1 {code} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\nConnection: close\r\n\r\n"
    )
    .into_bytes()
}

/// Serves until killed (the stand-in kubelet stops it with SIGTERM, which
/// ends the process: there is nothing to clean up).
pub fn run(s: &Settings, p: &kforge::output::Printer) -> Result<()> {
    let text = std::fs::read_to_string(&s.manifest)
        .with_context(|| format!("reading {}", s.manifest.display()))?;
    let pod = staticpod::parse(&text, &s.manifest.display().to_string())
        .map_err(|e| kforge::exit::usage(format!("{e:#}")))?;
    let node = LocalNode::new(s.root.clone());
    let plan = plan(s, &node, &pod)?;
    let (certs, key) = load_tls(&plan.tls_files)?;
    let provider = kforge::runtime::crypto_provider();
    let builder = rustls::ServerConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()?;
    let client_ca = plan.api.as_ref().and_then(|a| a.client_ca.clone());
    let builder = match &client_ca {
        // Client certificates are asked for and, when sent, verified
        // against the client CA; without one the client is anonymous or
        // brings a bearer token.
        Some(ca) => {
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(ca)
                .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                .map_err(|e| anyhow!("{}: {e}", ca.display()))?;
            for c in certs {
                roots.add(c).map_err(|e| anyhow!("{}: {e}", ca.display()))?;
            }
            let verifier = rustls::server::WebPkiClientVerifier::builder_with_provider(
                Arc::new(roots),
                provider,
            )
            .allow_unauthenticated()
            .build()
            .map_err(|e| anyhow!("{}: {e}", ca.display()))?;
            builder.with_client_cert_verifier(verifier)
        }
        None => builder.with_no_client_auth(),
    };
    let tls = Arc::new(
        builder
            .with_single_cert(certs, key)
            .context("the serving certificate and key do not match")?,
    );
    let mut listeners = Vec::new();
    for a in &plan.addresses {
        let l = TcpListener::bind((*a, plan.port)).with_context(|| {
            format!(
                "listening on {}",
                kforge::values::host_port(&a.to_string(), plan.port)
            )
        })?;
        listeners.push(l);
    }
    let cert_shown = match &plan.tls_files {
        Some((c, _)) => c.display().to_string(),
        None => "a self-signed certificate".into(),
    };
    let serves = if plan.api.is_some() {
        "/healthz, /livez, /readyz, /version and an in-memory stand-in API for tests, lost on restart"
    } else {
        "only /healthz, /livez, /readyz, /version"
    };
    p.status(format!(
        "kforge stand-in {} {} (NOT the real {}: {serves}){}: serving https://{} with {cert_shown}",
        plan.component.name,
        plan.version.git_version,
        plan.component.name,
        if plan.never_healthy {
            ", never healthy (--unhealthy)"
        } else {
            ""
        },
        plan.addresses
            .iter()
            .map(|a| kforge::values::host_port(&a.to_string(), plan.port))
            .collect::<Vec<_>>()
            .join(", https://"),
    ));
    let server = Arc::new(Server {
        etcd: plan.etcd.clone().map(|check| EtcdState {
            check,
            last: Mutex::new(None),
        }),
        api: plan.api.clone().map(super::apiserver::ApiServer::new),
        plan,
    });
    let mut threads = Vec::new();
    for l in listeners {
        let server = Arc::clone(&server);
        let tls = Arc::clone(&tls);
        threads.push(std::thread::spawn(move || {
            for conn in l.incoming() {
                let Ok(tcp) = conn else { continue };
                let server = Arc::clone(&server);
                let tls = Arc::clone(&tls);
                std::thread::spawn(move || {
                    if let Err(e) = server.handle(tls, tcp) {
                        tracing::debug!("connection: {e:#}");
                    }
                });
            }
        }));
    }
    for t in threads {
        let _ = t.join();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_info_from_image_tags() {
        let v = VersionInfo::from_tag("v1.32.0");
        assert_eq!((v.major.as_str(), v.minor.as_str()), ("1", "32"));
        assert_eq!(v.git_version, "v1.32.0");
        let v = VersionInfo::from_tag("v1.33.1_custom.1");
        assert_eq!(v.git_version, "v1.33.1+custom.1");
        assert_eq!(v.minor, "33");
    }
}
