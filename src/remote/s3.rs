//! S3 (and S3-compatible gateways) through `object_store`'s `aws` client.
//!
//! - Endpoint: `--s3-endpoint` or `AWS_ENDPOINT_URL`; an `http://` endpoint
//!   works, with a warning. Path-style addressing (`host/bucket/key`), which
//!   every gateway speaks. Region: `--s3-region`, `AWS_REGION`,
//!   `AWS_DEFAULT_REGION`, else `us-east-1`.
//! - TLS: the system roots plus `--s3-ca-file`; no verification only with
//!   `--s3-insecure-skip-verify`, by that name.
//! - Credentials, first found: `--s3-credentials-file` (the AWS shared
//!   credentials format), `AWS_ACCESS_KEY_ID`/`AWS_SECRET_ACCESS_KEY`
//!   (`AWS_SESSION_TOKEN`), the shared credentials file
//!   (`AWS_SHARED_CREDENTIALS_FILE` or `~/.aws/credentials`). The profile is
//!   `--s3-profile`, `AWS_PROFILE` or `default`. Never a command-line value.
//!   Then object_store's own providers: a web identity
//!   (`AWS_WEB_IDENTITY_TOKEN_FILE` + `AWS_ROLE_ARN`), container credentials
//!   (`AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` for ECS; EKS Pod Identity's
//!   `AWS_CONTAINER_CREDENTIALS_FULL_URI` with
//!   `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE`), and last the
//!   instance metadata service, only when it accepts a connection.
//! - Keys are the prefix exactly as typed (`ObjPath::parse`, never the
//!   percent-encoding `ObjPath::from`), so other S3 tools find them.
//! - Every PUT and part carries `x-amz-checksum-sha256` (the server checks
//!   the bytes); `--s3-sse` asks for SSE-S3 or SSE-KMS.
//! - A signal or the run's deadline (`crate::interrupt::stop`) ends an
//!   upload like any failure: the request is dropped, the multipart upload
//!   aborted.
//! - Upload: one object of up to [`PART_SIZE`] is one `PUT` with
//!   `If-None-Match: *` (create-only: the server refuses to replace). A
//!   larger one is a multipart upload of [`PART_SIZE`] parts, at most
//!   [`IN_FLIGHT`] parts at once; each request is retried with exponential
//!   backoff and has its own timeout, the whole upload has none. Completion
//!   is refused if the name exists meanwhile (object_store's multipart
//!   completion sends no precondition, so this check and names that are
//!   unique per run keep uploads create-only). Any failure aborts the
//!   multipart upload, so no parts are left behind and nothing partial
//!   ever becomes visible.
//! - A started multipart upload is recorded under
//!   `PREFIX/.kforge-unfinished-uploads/NAME` (its upload ID) until it
//!   completes or is aborted. A run cut off in between (kforge killed, the
//!   server down when the abort was sent) leaves the record, and the next
//!   upload of this node's snapshots to the target aborts that upload
//!   ([`Store::abort_unfinished`]).

use super::{check_name, Object, Store, Upload, PART_SIZE};
use anyhow::{anyhow, bail, Context, Result};
use bytes::{Bytes, BytesMut};
use futures::StreamExt;
use object_store::aws::{AmazonS3, AmazonS3Builder, AmazonS3ConfigKey};
use object_store::multipart::{MultipartStore, PartId};
use object_store::path::Path as ObjPath;
use object_store::{
    BackoffConfig, ClientOptions, ObjectStore, ObjectStoreExt, PutMode, PutOptions, PutPayload,
    RetryConfig,
};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::mpsc;

/// Where started multipart uploads are recorded, under the target's prefix.
const UNFINISHED_DIR: &str = ".kforge-unfinished-uploads";

/// Parts uploaded at once (memory: about `(IN_FLIGHT + 1) * PART_SIZE`).
pub const IN_FLIGHT: usize = 2;
/// Bytes handed from the writer to the upload task at a time.
const CHUNK: usize = 1 << 20;

/// The S3 flags.
#[derive(Debug, Clone, Default)]
pub struct S3Options {
    pub endpoint: Option<String>,
    pub region: Option<String>,
    pub ca_file: Option<PathBuf>,
    pub insecure_skip_verify: bool,
    pub credentials_file: Option<PathBuf>,
    pub profile: Option<String>,
    /// Retries per request (default 10).
    pub retries: Option<usize>,
    /// Server-side encryption the server applies at rest.
    pub sse: Option<Sse>,
}

/// S3 server-side encryption (on top of kforge's own age encryption).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sse {
    /// SSE-S3 (`AES256`): keys managed by the service.
    S3,
    /// SSE-KMS (`aws:kms`), with this key, else the bucket's default key.
    Kms(Option<String>),
}

/// Access key, secret and optional session token; never printed.
#[derive(Clone)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
    /// Where they came from, for messages.
    pub source: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Credentials(from {}, redacted)", self.source)
    }
}

/// Reads `profile` from a file in the AWS shared credentials format.
pub fn credentials_from_file(path: &Path, profile: &str) -> Result<Credentials> {
    let text = fs_err::read_to_string(path).context("S3 credentials file")?;
    let mut section = String::new();
    let (mut id, mut secret, mut token) = (None, None, None);
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = s.trim().trim_start_matches("profile ").trim().to_string();
            continue;
        }
        if section != profile {
            continue;
        }
        if let Some((k, v)) = line.split_once('=') {
            let v = v.trim().to_string();
            match k.trim() {
                "aws_access_key_id" => id = Some(v),
                "aws_secret_access_key" => secret = Some(v),
                "aws_session_token" => token = Some(v),
                _ => {}
            }
        }
    }
    match (id, secret) {
        (Some(i), Some(s)) if !i.is_empty() && !s.is_empty() => Ok(Credentials {
            access_key_id: i,
            secret_access_key: s,
            session_token: token,
            source: format!("{} [{profile}]", path.display()),
        }),
        _ => bail!(
            "S3 credentials file {}: profile [{profile}] has no aws_access_key_id and aws_secret_access_key",
            path.display()
        ),
    }
}

/// The environment variables of the credential sources object_store
/// resolves itself (web identity, container, instance metadata).
const CHAIN_ENV: &[&str] = &[
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_METADATA_ENDPOINT",
    "AWS_IMDSV1_FALLBACK",
];

/// The default instance metadata endpoint.
const IMDS: &str = "169.254.169.254:80";

/// The credentials, from the first source that has them (module doc):
/// `Some` for a key pair kforge read, `None` when object_store fetches
/// them itself (web identity, container, instance metadata).
pub fn resolve_credentials(o: &S3Options) -> Result<Option<Credentials>> {
    let profile = o
        .profile
        .clone()
        .or_else(|| std::env::var("AWS_PROFILE").ok().filter(|s| !s.is_empty()))
        .unwrap_or_else(|| "default".into());
    if let Some(f) = &o.credentials_file {
        return credentials_from_file(f, &profile).map(Some);
    }
    let env = |k: &str| std::env::var(k).ok().filter(|s| !s.is_empty());
    if let (Some(i), Some(s)) = (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        return Ok(Some(Credentials {
            access_key_id: i,
            secret_access_key: s,
            session_token: env("AWS_SESSION_TOKEN"),
            source: "AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY".into(),
        }));
    }
    let shared = env("AWS_SHARED_CREDENTIALS_FILE")
        .map(PathBuf::from)
        .or_else(|| env("HOME").map(|h| Path::new(&h).join(".aws/credentials")));
    if let Some(f) = shared.filter(|f| f.exists()) {
        return credentials_from_file(&f, &profile).map(Some);
    }
    if env("AWS_WEB_IDENTITY_TOKEN_FILE").is_some() && env("AWS_ROLE_ARN").is_some() {
        return Ok(None);
    }
    // ECS task roles; EKS Pod Identity (a full URI and its token file).
    if env("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_some()
        || (env("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
            && env("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE").is_some())
    {
        return Ok(None);
    }
    // The instance's role, last, and only where a metadata service answers
    // (elsewhere a missing credential would be minutes of retries).
    let imds_disabled =
        env("AWS_EC2_METADATA_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    if !imds_disabled && imds_reachable(env("AWS_METADATA_ENDPOINT").as_deref()) {
        return Ok(None);
    }
    bail!(
        "no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, write ~/.aws/credentials, pass --s3-credentials-file FILE, or run with a web identity (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN), a container role or an instance role"
    )
}

/// Whether the instance metadata service accepts a connection within a second.
fn imds_reachable(endpoint: Option<&str>) -> bool {
    use std::net::ToSocketAddrs;
    let hostport = endpoint
        .map(|e| {
            let e = e.trim_start_matches("http://").trim_end_matches('/');
            if e.contains(':') {
                e.to_string()
            } else {
                format!("{e}:80")
            }
        })
        .unwrap_or_else(|| IMDS.to_string());
    hostport
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .is_some_and(|a| std::net::TcpStream::connect_timeout(&a, Duration::from_secs(1)).is_ok())
}

/// One line for an object_store error: the HTTP status and S3 error code
/// or the TLS/connection cause, with a hint where the fix is obvious.
pub fn explain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cur {
        let s = c.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
        cur = c.source();
    }
    let all = parts.join(": ");
    let code = all
        .split("<Code>")
        .nth(1)
        .and_then(|r| r.split("</Code>").next())
        .or_else(|| {
            all.split("(code: ")
                .nth(1)
                .and_then(|r| r.split(')').next())
        })
        .map(str::to_string);
    let lower = all.to_lowercase();
    let hint = if lower.contains("unknownissuer")
        || lower.contains("unknown issuer")
        || lower.contains("certificate verify failed")
        || lower.contains("invalid peer certificate")
    {
        Some(
            "the server's TLS certificate is not trusted (pass its CA with --s3-ca-file)"
                .to_string(),
        )
    } else if matches!(
        code.as_deref(),
        Some("InvalidAccessKeyId" | "SignatureDoesNotMatch" | "AuthorizationHeaderMalformed")
    ) {
        Some(format!(
            "the credentials were refused ({}): check the access key and secret",
            code.as_deref().unwrap_or_default()
        ))
    } else if code.as_deref() == Some("AccessDenied")
        || lower.contains("403 forbidden")
        || lower.contains("access denied")
    {
        Some("access denied (403): the credentials lack permission for this operation".into())
    } else if code.as_deref() == Some("NoSuchBucket") {
        Some("no such bucket".into())
    } else if lower.contains("connection refused") || lower.contains("tcp connect error") {
        Some("connection refused (is the endpoint right and the server up?)".into())
    } else {
        code.map(|c| format!("S3 error {c}"))
    };
    // The innermost cause is the most specific; the outer ones repeat it.
    let last = parts.last().cloned().unwrap_or_default();
    let detail: String = last
        .split("<?xml")
        .next()
        .unwrap_or_default()
        .trim()
        .chars()
        .take(200)
        .collect();
    match hint {
        Some(h) => h,
        None => detail,
    }
}

fn err(url: &str, what: &str, e: object_store::Error) -> anyhow::Error {
    anyhow!("{url}: {what}: {}", explain(&e))
}

pub struct S3Store {
    rt: Arc<tokio::runtime::Runtime>,
    store: Arc<AmazonS3>,
    bucket: String,
    prefix: String,
    warnings: Vec<String>,
}

impl S3Store {
    pub fn open(bucket: &str, prefix: &str, o: &S3Options) -> Result<S3Store> {
        let mut warnings = Vec::new();
        let creds = resolve_credentials(o)?;
        let env = |k: &str| std::env::var(k).ok().filter(|s| !s.is_empty());
        let region = o
            .region
            .clone()
            .or_else(|| env("AWS_REGION"))
            .or_else(|| env("AWS_DEFAULT_REGION"))
            .unwrap_or_else(|| "us-east-1".into());
        let endpoint = o.endpoint.clone().or_else(|| env("AWS_ENDPOINT_URL"));
        let mut client = ClientOptions::new()
            .with_timeout(Duration::from_secs(300))
            .with_connect_timeout(Duration::from_secs(10));
        let mut b = AmazonS3Builder::new()
            .with_bucket_name(bucket)
            .with_region(region)
            .with_virtual_hosted_style_request(false)
            // x-amz-checksum-sha256 on every PUT and part: the server
            // checks the bytes it stored (beside SigV4's signed payload hash).
            .with_checksum_algorithm(object_store::aws::Checksum::SHA256)
            .with_retry(RetryConfig {
                backoff: BackoffConfig {
                    init_backoff: Duration::from_millis(200),
                    max_backoff: Duration::from_secs(15),
                    base: 2.0,
                },
                max_retries: o.retries.unwrap_or(10),
                retry_timeout: Duration::from_secs(600),
            });
        match creds {
            Some(c) => {
                b = b
                    .with_access_key_id(c.access_key_id)
                    .with_secret_access_key(c.secret_access_key);
                if let Some(t) = c.session_token {
                    b = b.with_token(t);
                }
            }
            None => {
                for k in CHAIN_ENV {
                    if let (Some(v), Ok(key)) = (env(k), k.to_ascii_lowercase().parse()) {
                        b = b.with_config(key, v);
                    }
                }
            }
        }
        let sse_key = || -> Result<AmazonS3ConfigKey> {
            "aws_server_side_encryption"
                .parse()
                .context("S3 server-side encryption")
        };
        b = match &o.sse {
            None => b,
            Some(Sse::S3) => b.with_config(sse_key()?, "AES256"),
            Some(Sse::Kms(None)) => b.with_config(sse_key()?, "aws:kms"),
            Some(Sse::Kms(Some(id))) => b.with_sse_kms_encryption(id.clone()),
        };
        if let Some(ep) = &endpoint {
            if let Some(rest) = ep.strip_prefix("http://") {
                warnings.push(format!(
                    "S3 endpoint {ep} is plain HTTP: requests are signed but not private; use https:// outside tests (host {rest})"
                ));
                client = client.with_allow_http(true);
            } else if !ep.starts_with("https://") {
                bail!("S3 endpoint {ep}: give a URL starting with https:// (or http://)");
            }
            b = b.with_endpoint(ep.trim_end_matches('/'));
        }
        if let Some(ca) = &o.ca_file {
            let pem = fs_err::read(ca).context("--s3-ca-file")?;
            let certs = object_store::Certificate::from_pem_bundle(&pem)
                .with_context(|| format!("--s3-ca-file {}: not PEM certificates", ca.display()))?;
            if certs.is_empty() {
                bail!("--s3-ca-file {}: no certificate in it", ca.display());
            }
            for c in certs {
                client = client.with_root_certificate(c);
            }
        }
        if o.insecure_skip_verify {
            warnings.push(
                "--s3-insecure-skip-verify: the S3 server's TLS certificate is NOT verified".into(),
            );
            client = client.with_allow_invalid_certificates(true);
        }
        let store = b
            .with_client_options(client)
            .build()
            .map_err(|e| anyhow!("s3://{bucket}: {}", explain(&e)))?;
        let rt = crate::runtime::multi_thread(2).context("starting the S3 client runtime")?;
        Ok(S3Store {
            rt: Arc::new(rt),
            store: Arc::new(store),
            bucket: bucket.to_string(),
            prefix: prefix.to_string(),
            warnings,
        })
    }

    /// `PREFIX/REST` as the literal object key: what the operator typed,
    /// never percent-encoded (`ObjPath::from` would store `é` as `%C3%A9`,
    /// and other S3 tools would not find it).
    fn literal(&self, rest: &str) -> Result<ObjPath> {
        let key = if self.prefix.is_empty() {
            rest.to_string()
        } else {
            format!("{}/{rest}", self.prefix)
        };
        ObjPath::parse(&key).with_context(|| format!("{}: invalid object key", self.url()))
    }

    fn key(&self, name: &str) -> Result<ObjPath> {
        check_name(name)?;
        self.literal(name)
    }

    /// The record of an unfinished multipart upload of `name`.
    fn unfinished_key(&self, name: &str) -> Result<ObjPath> {
        check_name(name)?;
        self.literal(&format!("{UNFINISHED_DIR}/{name}"))
    }

    fn unfinished_dir(&self) -> Result<ObjPath> {
        self.literal(UNFINISHED_DIR)
    }

    fn url_of(&self, name: &str) -> String {
        format!("{}/{name}", self.url())
    }
}

enum Msg {
    Data(Bytes),
    Finish,
}

struct S3Upload {
    tx: Option<mpsc::Sender<Msg>>,
    /// Filled up to [`CHUNK`], then copied out: a chunk never pins a
    /// larger allocation while its part is in flight.
    buf: BytesMut,
    task: Option<tokio::task::JoinHandle<Result<u64>>>,
    rt: Arc<tokio::runtime::Runtime>,
    written: u64,
}

impl S3Upload {
    fn send(&mut self, m: Msg) -> std::io::Result<()> {
        let tx = self
            .tx
            .as_ref()
            .ok_or_else(|| std::io::Error::other("upload already ended"))?;
        tx.blocking_send(m)
            .map_err(|_| std::io::Error::other("the S3 upload stopped (its error follows)"))
    }

    fn wait(&mut self) -> Result<u64> {
        let task = self.task.take().expect("waited once");
        self.rt.block_on(task).context("S3 upload task")?
    }
}

impl Write for S3Upload {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        let n = data.len().min(CHUNK - self.buf.len());
        self.buf.extend_from_slice(&data[..n]);
        self.written += n as u64;
        if self.buf.len() == CHUNK {
            let chunk = Bytes::copy_from_slice(&self.buf);
            self.buf.clear();
            self.send(Msg::Data(chunk))?;
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Upload for S3Upload {
    fn finish(mut self: Box<Self>) -> Result<u64> {
        let rest = Bytes::copy_from_slice(&self.buf);
        self.buf.clear();
        let sent = (|| {
            if !rest.is_empty() {
                self.send(Msg::Data(rest))?;
            }
            self.send(Msg::Finish)
        })();
        self.tx = None;
        let r = self.wait();
        match (sent, r) {
            (_, Err(e)) => Err(e),
            (Err(e), Ok(_)) => Err(e.into()),
            (Ok(()), Ok(n)) => Ok(n),
        }
    }
    fn abort(mut self: Box<Self>) -> Result<()> {
        self.tx = None; // the task sees the channel close without Finish
        match self.wait() {
            Err(e) if e.to_string().contains(ABORTED) => Ok(()),
            Err(e) => Err(e),
            Ok(_) => Ok(()),
        }
    }
}

const ABORTED: &str = "upload aborted";

async fn upload_task(
    store: Arc<AmazonS3>,
    path: ObjPath,
    record: ObjPath,
    url: String,
    mut rx: mpsc::Receiver<Msg>,
) -> Result<u64> {
    // Up to one part: one create-only PUT.
    let mut first: Vec<Bytes> = Vec::new();
    let mut first_len = 0usize;
    let finished = loop {
        match rx.recv().await {
            Some(Msg::Data(b)) => {
                first_len += b.len();
                first.push(b);
                if first_len > PART_SIZE {
                    break false;
                }
            }
            Some(Msg::Finish) => break true,
            None => bail!("{url}: {ABORTED}"),
        }
    };
    if finished {
        let payload = PutPayload::from_iter(first);
        // A signal or the run's deadline drops the request: nothing appears.
        crate::runtime::until_stopped(store.put_opts(
            &path,
            payload,
            PutOptions {
                mode: PutMode::Create,
                ..Default::default()
            },
        ))
        .await
        .with_context(|| url.to_string())?
        .map_err(|e| match e {
            object_store::Error::AlreadyExists { .. } => {
                anyhow!("{url}: an object of this name exists already; not replaced")
            }
            e => err(&url, "upload", e),
        })?;
        return Ok(first_len as u64);
    }
    if store.head(&path).await.is_ok() {
        bail!("{url}: an object of this name exists already; not replaced");
    }
    let id = store
        .create_multipart(&path)
        .await
        .map_err(|e| err(&url, "starting the multipart upload", e))?;
    let up = Multipart {
        store: &store,
        path: &path,
        record: &record,
        id: &id,
        url: &url,
    };
    if let Err(e) = store.put(&record, PutPayload::from(id.clone())).await {
        let e = err(&url, "recording the multipart upload", e);
        return Err(up.abort(e).await);
    }
    let mut total = first_len as u64;
    // A signal or the run's deadline drops the parts in flight (and the
    // rest of the upload); the upload is then aborted as on any failure.
    let outcome: Result<Vec<PartId>> = crate::runtime::until_stopped(async {
        // A part is the received chunks themselves (sliced at the part
        // boundary, never copied): memory stays at about (IN_FLIGHT + 1)
        // parts.
        let mut part: Vec<Bytes> = Vec::new();
        let mut part_len = 0usize;
        let mut parts: Vec<Option<PartId>> = Vec::new();
        let mut inflight = PartTasks::new();
        let mut pending: std::collections::VecDeque<Bytes> = first.into();
        let mut finished = false;
        loop {
            while let Some(mut b) = pending.pop_front() {
                while !b.is_empty() {
                    let take = (PART_SIZE - part_len).min(b.len());
                    part.push(b.split_to(take));
                    part_len += take;
                    if part_len == PART_SIZE {
                        let full = PutPayload::from_iter(std::mem::take(&mut part));
                        part_len = 0;
                        up.start_part(&mut inflight, &mut parts, full).await?;
                    }
                }
            }
            if finished {
                if part_len > 0 {
                    let last = PutPayload::from_iter(std::mem::take(&mut part));
                    up.start_part(&mut inflight, &mut parts, last).await?;
                }
                break;
            }
            match rx.recv().await {
                Some(Msg::Data(b)) => {
                    total += b.len() as u64;
                    pending.push_back(b);
                }
                Some(Msg::Finish) => finished = true,
                None => bail!("{url}: {ABORTED}"),
            }
        }
        while !inflight.is_empty() {
            up.join_part(&mut inflight, &mut parts).await?;
        }
        Ok(parts.into_iter().flatten().collect())
    })
    .await
    .unwrap_or_else(|s| Err(anyhow!("{url}: {s}")));
    let parts = match outcome {
        Ok(p) => p,
        Err(e) => return Err(up.abort(e).await),
    };
    if store.head(&path).await.is_ok() {
        let e = anyhow!("{url}: an object of this name appeared during the upload; not replaced");
        return Err(up.abort(e).await);
    }
    if let Err(e) = store.complete_multipart(&path, &id, parts).await {
        let e = err(&url, "completing the multipart upload", e);
        return Err(up.abort(e).await);
    }
    // A record left by a failed delete is removed by the next sweep (the
    // upload it names is complete: aborting it finds nothing).
    let _ = store.delete(&record).await;
    Ok(total)
}

/// One multipart upload in progress, and its record.
struct Multipart<'a> {
    store: &'a Arc<AmazonS3>,
    path: &'a ObjPath,
    record: &'a ObjPath,
    id: &'a String,
    url: &'a str,
}

type PartTasks = tokio::task::JoinSet<(usize, object_store::Result<PartId>)>;

impl Multipart<'_> {
    /// Starts the upload of the next part, once fewer than [`IN_FLIGHT`] are.
    async fn start_part(
        &self,
        set: &mut PartTasks,
        parts: &mut Vec<Option<PartId>>,
        data: PutPayload,
    ) -> Result<()> {
        while set.len() >= IN_FLIGHT {
            self.join_part(set, parts).await?;
        }
        let idx = parts.len();
        parts.push(None);
        let (s, p, i) = (self.store.clone(), self.path.clone(), self.id.clone());
        set.spawn(async move { (idx, s.put_part(&p, &i, idx, data).await) });
        Ok(())
    }

    /// Waits for one part upload and files its ID in `parts`.
    async fn join_part(&self, set: &mut PartTasks, parts: &mut [Option<PartId>]) -> Result<()> {
        match set.join_next().await {
            Some(Ok((i, Ok(id)))) => {
                parts[i] = Some(id);
                Ok(())
            }
            Some(Ok((_, Err(e)))) => Err(err(self.url, "uploading a part", e)),
            Some(Err(e)) => {
                Err(anyhow::Error::new(e).context(format!("{}: part upload task", self.url)))
            }
            None => Ok(()),
        }
    }

    /// Aborts the upload (and drops its record); the error says whether
    /// parts were left.
    async fn abort(&self, e: anyhow::Error) -> anyhow::Error {
        match self.store.abort_multipart(self.path, self.id).await {
            Ok(()) => {
                let _ = self.store.delete(self.record).await;
                anyhow!("{e:#} (multipart upload aborted)")
            }
            Err(a) => anyhow!(
                "{e:#}; aborting the multipart upload failed too ({}): the next upload of this node's snapshots to this target aborts it",
                explain(&a)
            ),
        }
    }
}

struct S3Reader {
    rx: mpsc::Receiver<std::io::Result<Bytes>>,
    cur: Bytes,
    _rt: Arc<tokio::runtime::Runtime>,
}

impl Read for S3Reader {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        while self.cur.is_empty() {
            match self.rx.blocking_recv() {
                Some(Ok(b)) => self.cur = b,
                Some(Err(e)) => return Err(e),
                None => return Ok(0),
            }
        }
        let n = out.len().min(self.cur.len());
        out[..n].copy_from_slice(&self.cur.split_to(n));
        Ok(n)
    }
}

impl Store for S3Store {
    fn url(&self) -> String {
        if self.prefix.is_empty() {
            format!("s3://{}", self.bucket)
        } else {
            format!("s3://{}/{}", self.bucket, self.prefix)
        }
    }

    fn warnings(&self) -> Vec<String> {
        self.warnings.clone()
    }

    fn put(&self, name: &str) -> Result<Box<dyn Upload>> {
        let path = self.key(name)?;
        let record = self.unfinished_key(name)?;
        let (tx, rx) = mpsc::channel(4);
        let task = self.rt.spawn(upload_task(
            self.store.clone(),
            path,
            record,
            self.url_of(name),
            rx,
        ));
        Ok(Box::new(S3Upload {
            tx: Some(tx),
            buf: BytesMut::with_capacity(CHUNK),
            task: Some(task),
            rt: self.rt.clone(),
            written: 0,
        }))
    }

    fn abort_unfinished(&self, mine: &dyn Fn(&str) -> bool) -> Result<Vec<String>> {
        let dir = self.unfinished_dir()?;
        let listed = self
            .rt
            .block_on(self.store.list_with_delimiter(Some(&dir)))
            .map_err(|e| err(&self.url(), "listing unfinished uploads", e))?;
        let mut lines = Vec::new();
        for m in listed.objects {
            let Some(name) = m.location.filename().map(str::to_string) else {
                continue;
            };
            if !mine(&name) {
                continue;
            }
            let url = self.url_of(&name);
            let id = self
                .rt
                .block_on(async { self.store.get(&m.location).await?.bytes().await })
                .map_err(|e| err(&url, "reading the record of an unfinished upload", e))?;
            let id = String::from_utf8_lossy(&id).trim().to_string();
            let path = self.key(&name)?;
            match self.rt.block_on(self.store.abort_multipart(&path, &id)) {
                // Gone already: completed, or aborted by the server.
                Ok(()) | Err(object_store::Error::NotFound { .. }) => {}
                Err(e) => {
                    lines.push(format!(
                        "{url}: could not abort the unfinished multipart upload an earlier run left ({}); the next upload tries again",
                        explain(&e)
                    ));
                    continue;
                }
            }
            self.rt
                .block_on(self.store.delete(&m.location))
                .map_err(|e| err(&url, "removing the record of an unfinished upload", e))?;
            lines.push(format!(
                "{url}: aborted the unfinished multipart upload an earlier run left"
            ));
        }
        Ok(lines)
    }

    fn list(&self) -> Result<Vec<Object>> {
        let prefix = (!self.prefix.is_empty())
            .then(|| ObjPath::parse(&self.prefix))
            .transpose()
            .with_context(|| format!("{}: invalid prefix", self.url()))?;
        let res = self
            .rt
            .block_on(self.store.list_with_delimiter(prefix.as_ref()))
            .map_err(|e| err(&self.url(), "listing", e))?;
        Ok(res
            .objects
            .into_iter()
            .filter_map(|m| {
                let name = m.location.filename()?.to_string();
                let modified =
                    time::OffsetDateTime::from_unix_timestamp(m.last_modified.timestamp()).ok();
                Some(Object {
                    name,
                    size: m.size,
                    modified,
                })
            })
            .collect())
    }

    fn get(&self, name: &str) -> Result<Box<dyn Read + Send>> {
        let path = self.key(name)?;
        let url = self.url_of(name);
        let got = self
            .rt
            .block_on(self.store.get(&path))
            .map_err(|e| match e {
                object_store::Error::NotFound { .. } => anyhow!("{url}: no such object"),
                e => err(&url, "download", e),
            })?;
        let (tx, rx) = mpsc::channel(4);
        self.rt.spawn(async move {
            let mut s = got.into_stream();
            while let Some(item) = s.next().await {
                let item = item.map_err(|e| {
                    std::io::Error::other(format!("{url}: download broke: {}", explain(&e)))
                });
                let stop = item.is_err();
                if tx.send(item).await.is_err() || stop {
                    return;
                }
            }
        });
        Ok(Box::new(S3Reader {
            rx,
            cur: Bytes::new(),
            _rt: self.rt.clone(),
        }))
    }

    fn delete(&self, name: &str) -> Result<()> {
        let path = self.key(name)?;
        self.rt
            .block_on(self.store.delete(&path))
            .map_err(|e| err(&self.url_of(name), "delete", e))
    }
}
