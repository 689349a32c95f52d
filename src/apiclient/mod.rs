//! Talking to the API server (issue 21): a small blocking REST client on
//! ureq over rustls (aws-lc-rs, the one provider), built from a kubeconfig
//! on the node, with server-side apply under field manager
//! [`FIELD_MANAGER`] and kubeadm's rule for which admin credentials to use.
//! Objects are `k8s-openapi` types (or their JSON); paths come from the one
//! kinds table ([`kinds`]).
//!
//! Why not the `kube` crate: it was the first choice and worked, but it
//! brings a second YAML parser, a JSONPath engine, a datetime library and a
//! tower/hyper client stack kforge does not otherwise need: measured, it
//! made the release binary 4.5 MB larger (28.4 MB against 23.9 MB, over its 25 MiB budget) for six REST calls
//! (see the README's Dependencies). ureq is already kforge's HTTPS client.

pub mod kinds;

use crate::node::Node;
use crate::objects::ApiObject;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine as _;
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The field manager of every server-side apply kforge makes.
pub const FIELD_MANAGER: &str = "kforge";
/// How long one request may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one request may take in all.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// What an apply did to one object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Applied {
    Created,
    Configured,
    Unchanged,
    /// `--dry-run`: nothing was sent.
    WouldApply,
    Deleted,
}

impl Applied {
    pub fn as_str(self) -> &'static str {
        match self {
            Applied::Created => "created",
            Applied::Configured => "configured",
            Applied::Unchanged => "unchanged",
            Applied::WouldApply => "would be applied",
            Applied::Deleted => "deleted",
        }
    }
}

/// An API error the caller may act on (kubeadm's Forbidden and
/// AlreadyExists branches), kept as the error's source.
#[derive(Debug, thiserror::Error)]
#[error("{what}: {message} (HTTP {code}{reason})")]
pub struct ApiError {
    pub what: String,
    pub code: u16,
    pub message: String,
    reason: String,
}

impl ApiError {
    pub fn is_forbidden(&self) -> bool {
        self.code == 403
    }
    pub fn is_not_found(&self) -> bool {
        self.code == 404
    }
    pub fn is_already_exists(&self) -> bool {
        self.code == 409 && self.reason.contains("AlreadyExists")
    }
    pub fn is_conflict(&self) -> bool {
        self.code == 409 && !self.is_already_exists()
    }
}

/// The `ApiError` behind `e`, if any.
pub fn api_error(e: &anyhow::Error) -> Option<&ApiError> {
    e.chain().find_map(|c| c.downcast_ref::<ApiError>())
}

/// The error of a non-2xx answer: the server's `Status` when it sent one.
fn status_error(what: &str, code: u16, body: &str) -> anyhow::Error {
    let status: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let message = status["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| body.trim().lines().next().unwrap_or_default().to_string());
    let reason = status["reason"].as_str().unwrap_or_default();
    anyhow::Error::new(ApiError {
        what: what.to_string(),
        code,
        message,
        reason: if reason.is_empty() {
            String::new()
        } else {
            format!(", {reason}")
        },
    })
}

/// A transport error, by its deepest cause (rustls and io errors nest).
fn transport_error(what: &str, e: ureq::Error) -> anyhow::Error {
    let mut cause: &dyn std::error::Error = &e;
    while let Some(next) = cause.source() {
        cause = next;
    }
    anyhow!("{what}: {cause}")
}

/// What a kubeconfig says about its current context's cluster and user.
#[derive(Debug, Default)]
struct Target {
    server: String,
    ca_pem: Option<Vec<u8>>,
    insecure: bool,
    cert_pem: Option<Vec<u8>>,
    key_pem: Option<Vec<u8>>,
    token: Option<String>,
}

fn read_target(text: &str, shown: &Path) -> Result<Target> {
    let doc: serde_json::Value = serde_yaml_ng::from_str(text)
        .with_context(|| format!("{}: not a kubeconfig", shown.display()))?;
    let bad = |what: &str| anyhow!("{}: {what}", shown.display());
    let named = |list: &str, name: Option<&str>| -> Option<serde_json::Value> {
        let items = doc[list].as_array()?;
        match name {
            Some(n) => items.iter().find(|i| i["name"] == n).cloned(),
            None => items.first().cloned(),
        }
    };
    let context = named("contexts", doc["current-context"].as_str());
    let cluster_name = context
        .as_ref()
        .and_then(|c| c["context"]["cluster"].as_str().map(String::from));
    let user_name = context
        .as_ref()
        .and_then(|c| c["context"]["user"].as_str().map(String::from));
    let cluster = named("clusters", cluster_name.as_deref()).ok_or_else(|| bad("no cluster"))?;
    let user = named("users", user_name.as_deref()).unwrap_or_default();
    let c = &cluster["cluster"];
    let u = &user["user"];
    let data = |v: &serde_json::Value, what: &str| -> Result<Option<Vec<u8>>> {
        match v.as_str() {
            Some(b) => base64::engine::general_purpose::STANDARD
                .decode(b.trim())
                .map(Some)
                .map_err(|_| bad(&format!("{what} is not base64"))),
            None => Ok(None),
        }
    };
    let file = |v: &serde_json::Value, what: &str| -> Result<Option<Vec<u8>>> {
        match v.as_str() {
            Some(p) => fs_err::read(p)
                .map(Some)
                .with_context(|| format!("{}: {what}", shown.display())),
            None => Ok(None),
        }
    };
    let or_file = |d: Result<Option<Vec<u8>>>, f: &dyn Fn() -> Result<Option<Vec<u8>>>| match d? {
        Some(x) => Ok(Some(x)),
        None => f(),
    };
    let server = c["server"]
        .as_str()
        .ok_or_else(|| bad("its cluster has no server"))?
        .trim_end_matches('/')
        .to_string();
    Ok(Target {
        server,
        ca_pem: or_file(
            data(
                &c["certificate-authority-data"],
                "certificate-authority-data",
            ),
            &|| file(&c["certificate-authority"], "certificate-authority"),
        )?,
        insecure: c["insecure-skip-tls-verify"].as_bool().unwrap_or(false),
        cert_pem: or_file(
            data(&u["client-certificate-data"], "client-certificate-data"),
            &|| file(&u["client-certificate"], "client-certificate"),
        )?,
        key_pem: or_file(data(&u["client-key-data"], "client-key-data"), &|| {
            file(&u["client-key"], "client-key")
        })?,
        token: u["token"].as_str().map(String::from),
    })
}

/// A client of one API server, as one kubeconfig's user.
pub struct ApiClient {
    agent: ureq::Agent,
    token: Option<String>,
    /// The API server's URL, from the kubeconfig.
    pub server: String,
    /// The kubeconfig it was built from, as shown to the operator.
    pub kubeconfig: PathBuf,
}

/// One request's method.
#[derive(Debug, Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl ApiClient {
    /// From a kubeconfig file on `node` (under its root).
    pub fn from_kubeconfig(node: &dyn Node, path: &Path) -> Result<ApiClient> {
        let shown = node.real_path(path);
        let text = crate::node::read_string(node, path)?
            .ok_or_else(|| anyhow!("{}: not found", shown.display()))?;
        Self::from_kubeconfig_text(&text, &shown)
    }

    /// From a kubeconfig's text; `shown` names it in messages.
    pub fn from_kubeconfig_text(text: &str, shown: &Path) -> Result<ApiClient> {
        let t = read_target(text, shown)?;
        let pem_err = |what: &'static str| {
            move |e: ureq::Error| {
                anyhow::Error::new(e).context(format!("{}: {what}", shown.display()))
            }
        };
        let mut tls = ureq::tls::TlsConfig::builder()
            .provider(ureq::tls::TlsProvider::Rustls)
            .unversioned_rustls_crypto_provider(crate::runtime::crypto_provider());
        if t.insecure {
            tls = tls.disable_verification(true);
        } else if let Some(ca) = &t.ca_pem {
            let ca = ureq::tls::Certificate::from_pem(ca).map_err(pem_err("its CA"))?;
            tls = tls.root_certs(ureq::tls::RootCerts::new_with_certs(&[ca.to_owned()]));
        }
        if let (Some(cert), Some(key)) = (&t.cert_pem, &t.key_pem) {
            let cert = ureq::tls::Certificate::from_pem(cert)
                .map_err(pem_err("its client certificate"))?;
            let key = ureq::tls::PrivateKey::from_pem(key).map_err(pem_err("its client key"))?;
            tls = tls.client_cert(Some(ureq::tls::ClientCert::new_with_certs(
                &[cert.to_owned()],
                key.to_owned(),
            )));
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls.build())
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(REQUEST_TIMEOUT))
            .http_status_as_error(false)
            .proxy(None)
            .build()
            .into();
        Ok(ApiClient {
            agent,
            token: t.token,
            server: t.server,
            kubeconfig: shown.to_path_buf(),
        })
    }

    /// One request: (HTTP status, body).
    fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        what: &str,
    ) -> Result<(u16, String)> {
        let url = format!("{}{path}", self.server);
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let mut resp = match (method, body) {
            (Method::Get | Method::Delete, _) => {
                let mut r = match method {
                    Method::Get => self.agent.get(&url),
                    _ => self.agent.delete(&url),
                };
                r = r.header("Accept", "application/json");
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                r.call()
            }
            (m, body) => {
                let mut r = match m {
                    Method::Post => self.agent.post(&url),
                    Method::Put => self.agent.put(&url),
                    _ => self.agent.patch(&url),
                };
                r = r.header("Accept", "application/json");
                if let Some(a) = &auth {
                    r = r.header("Authorization", a);
                }
                let (ctype, bytes) = body.unwrap_or(("application/json", Vec::new()));
                r.header("Content-Type", ctype).send(&bytes[..])
            }
        }
        .map_err(|e| transport_error(&format!("{what} ({url})"), e))?;
        let code = resp.status().as_u16();
        let text = resp
            .body_mut()
            .read_to_string()
            .map_err(|e| transport_error(&format!("{what}: reading the answer"), e))?;
        Ok((code, text))
    }

    /// A request whose 2xx answer is JSON of type `T`; anything else is an [`ApiError`].
    fn json<T: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Option<(&str, Vec<u8>)>,
        what: &str,
    ) -> Result<T> {
        let (code, text) = self.call(method, path, body, what)?;
        if !(200..300).contains(&code) {
            return Err(status_error(what, code, &text));
        }
        serde_json::from_str(&text)
            .with_context(|| format!("{what}: an answer that is not the object"))
    }

    /// `GET /livez`: Ok when the API server says it is live.
    pub fn livez(&self) -> Result<()> {
        let what = format!("{}/livez", self.server);
        let (code, text) = self.call(Method::Get, "/livez", None, "the API server's /livez")?;
        if code != 200 || text.trim() != "ok" {
            bail!("{what} answered HTTP {code}: {:?}", text.trim());
        }
        Ok(())
    }

    /// Waits for `/livez` up to `timeout`, asking every 500 ms; stops early on
    /// a signal. The error names the last answer.
    pub fn wait_live(&self, timeout: time::Duration) -> Result<Duration> {
        use crate::wait::{self, Ended, Every};
        let start = Instant::now();
        let limit = crate::values::to_std(timeout);
        let mut last = None;
        let waited = wait::until(Every::new(Duration::from_millis(500), limit), || {
            Ok(self.livez().map_err(|e| {
                let why = format!("{e:#}");
                last = Some(e);
                why
            }))
        })?;
        match waited {
            Ok(()) => Ok(start.elapsed()),
            Err(Ended::TimedOut { last: why, .. }) => Err(last
                .unwrap_or_else(|| anyhow::anyhow!(why))
                .context(format!(
                    "the API server at {} was not live after {}",
                    self.server,
                    crate::values::format_duration(timeout)
                ))),
            Err(Ended::Interrupted(s)) => Err(crate::interrupt::Stop::Signal(s).into()),
        }
    }

    /// The stored object `o` names, if any.
    pub fn get(&self, o: &ApiObject) -> Result<Option<serde_json::Value>> {
        self.get_at(
            &kinds::object_path(o)?,
            &format!("reading {}", o.describe()),
        )
    }

    fn get_at<T: DeserializeOwned>(&self, path: &str, what: &str) -> Result<Option<T>> {
        match self.json(Method::Get, path, None, what) {
            Ok(v) => Ok(Some(v)),
            Err(e) if api_error(&e).is_some_and(ApiError::is_not_found) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// A typed object by kind, namespace and name (`None`: not there).
    pub fn get_typed<K: k8s_openapi::Resource + DeserializeOwned>(
        &self,
        namespace: Option<&str>,
        name: &str,
    ) -> Result<Option<K>> {
        let path = kinds::path(K::API_VERSION, K::KIND, namespace, Some(name))?;
        self.get_at(&path, &format!("reading {} {name}", K::KIND))
    }

    /// Replaces a typed object (PUT, with its resourceVersion: a stale one is
    /// an [`ApiError`] with [`ApiError::is_conflict`]).
    pub fn replace_typed<K>(&self, namespace: Option<&str>, name: &str, object: &K) -> Result<K>
    where
        K: k8s_openapi::Resource + Serialize + DeserializeOwned,
    {
        let path = kinds::path(K::API_VERSION, K::KIND, namespace, Some(name))?;
        let mut body = serde_json::to_value(object)?;
        body["apiVersion"] = K::API_VERSION.into();
        body["kind"] = K::KIND.into();
        self.json(
            Method::Put,
            &path,
            Some(("application/json", serde_json::to_vec(&body)?)),
            &format!("updating {} {name}", K::KIND),
        )
    }

    /// The items of a kind in a namespace, with a field selector.
    pub fn list_typed<K: k8s_openapi::Resource + DeserializeOwned>(
        &self,
        namespace: Option<&str>,
        field_selector: Option<&str>,
    ) -> Result<Vec<K>> {
        #[derive(serde::Deserialize)]
        struct List<K> {
            #[serde(default = "Vec::new")]
            items: Vec<K>,
        }
        let mut path = kinds::path(K::API_VERSION, K::KIND, namespace, None)?;
        if let Some(f) = field_selector {
            path.push_str(&format!("?fieldSelector={}", query_escape(f)));
        }
        let list: List<K> =
            self.json(Method::Get, &path, None, &format!("listing {}s", K::KIND))?;
        Ok(list.items)
    }

    /// Server-side apply of `o` (field manager `kforge`, forced, as kubeadm
    /// overwrites its own objects): created, configured, or unchanged (the
    /// server kept its resourceVersion).
    pub fn apply(&self, o: &ApiObject) -> Result<Applied> {
        let before = self.get(o)?;
        let rv =
            |v: &serde_json::Value| v["metadata"]["resourceVersion"].as_str().map(String::from);
        let path = format!(
            "{}?fieldManager={FIELD_MANAGER}&force=true",
            kinds::object_path(o)?
        );
        let after: serde_json::Value = self.json(
            Method::Patch,
            &path,
            Some(("application/apply-patch+yaml", serde_json::to_vec(&o.body)?)),
            &format!("applying {}", o.describe()),
        )?;
        Ok(match before {
            None => Applied::Created,
            Some(b) if rv(&b).is_some() && rv(&b) == rv(&after) => Applied::Unchanged,
            Some(_) => Applied::Configured,
        })
    }

    /// Creates `o`; an object of that name already there is `Ok(false)`.
    pub fn create(&self, o: &ApiObject) -> Result<bool> {
        let path = kinds::collection_path(o)?;
        let r: Result<serde_json::Value> = self.json(
            Method::Post,
            &path,
            Some(("application/json", serde_json::to_vec(&o.body)?)),
            &format!("creating {}", o.describe()),
        );
        match r {
            Ok(_) => Ok(true),
            Err(e) if api_error(&e).is_some_and(ApiError::is_already_exists) => Ok(false),
            Err(e) => Err(e),
        }
    }

    /// Deletes `o`; `Ok(false)` when it was not there.
    pub fn delete(&self, o: &ApiObject) -> Result<bool> {
        let r: Result<serde_json::Value> = self.json(
            Method::Delete,
            &kinds::object_path(o)?,
            None,
            &format!("deleting {}", o.describe()),
        );
        match r {
            Ok(_) => Ok(true),
            Err(e) if api_error(&e).is_some_and(ApiError::is_not_found) => Ok(false),
            Err(e) => Err(e),
        }
    }
}

/// Percent-encoding of a query value (field selectors: `type=…`, `a=b,c!=d`).
fn query_escape(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// kubeadm's rule for the admin client (from 1.29): `admin.conf`'s user is
/// in the `kubeadm:cluster-admins` group, which has rights only through the
/// ClusterRoleBinding of that name. Create it with admin.conf; when that is
/// forbidden (the binding is missing), create it with `super-admin.conf`
/// (group `system:masters`); then use admin.conf.
pub fn admin_client(node: &dyn Node, kubernetes_dir: &Path) -> Result<ApiClient> {
    let admin_path = kubernetes_dir.join(crate::kubeconfig::ADMIN.file);
    let admin = ApiClient::from_kubeconfig(node, &admin_path)?;
    let binding = crate::objects::admin::cluster_admins_binding()?;
    let e = match admin.create(&binding) {
        Ok(_) => return Ok(admin),
        Err(e) => e,
    };
    if !api_error(&e).is_some_and(ApiError::is_forbidden) {
        return Err(e);
    }
    let super_path = kubernetes_dir.join(crate::kubeconfig::SUPER_ADMIN.file);
    if !node.exists(&super_path)? {
        bail!(
            "the ClusterRoleBinding for the kubeadm:cluster-admins Group is missing but there is no {} to create it",
            node.real_path(&super_path).display()
        );
    }
    let sup = ApiClient::from_kubeconfig(node, &super_path)?;
    sup.create(&binding)
        .context("creating the kubeadm:cluster-admins ClusterRoleBinding with super-admin.conf")?;
    Ok(admin)
}
