//! Talking to the API server (issue 21): the `kube` client over rustls
//! (aws-lc-rs, the one provider), built from a kubeconfig on the node, with
//! server-side apply under field manager [`FIELD_MANAGER`] and kubeadm's
//! rule for which admin credentials to use.
//!
//! Calls are blocking: each client owns a one-thread runtime and drives its
//! requests on it, as the rest of kforge does with etcd.

pub mod kinds;

use crate::node::Node;
use crate::objects::ApiObject;
use anyhow::{anyhow, bail, Context, Result};
use kube::api::{Api, DeleteParams, DynamicObject, Patch, PatchParams, PostParams};
use kube::config::{KubeConfigOptions, Kubeconfig};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The field manager of every server-side apply kforge makes.
pub const FIELD_MANAGER: &str = "kforge";
/// How long one request may take to connect.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one request may wait for its answer.
const READ_TIMEOUT: Duration = Duration::from_secs(30);

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
}

/// The `ApiError` behind `e`, if any.
pub fn api_error(e: &anyhow::Error) -> Option<&ApiError> {
    e.chain().find_map(|c| c.downcast_ref::<ApiError>())
}

fn api_err(what: impl Into<String>, e: kube::Error) -> anyhow::Error {
    match e {
        kube::Error::Api(s) => anyhow::Error::new(ApiError {
            what: what.into(),
            code: s.code,
            message: s.message.clone(),
            reason: if s.reason.is_empty() {
                String::new()
            } else {
                format!(", {}", s.reason)
            },
        }),
        other => anyhow::Error::new(other).context(what.into()),
    }
}

/// A client of one API server, as one kubeconfig's user.
pub struct ApiClient {
    client: kube::Client,
    rt: tokio::runtime::Runtime,
    /// The API server's URL, from the kubeconfig.
    pub server: String,
    /// The kubeconfig it was built from, as shown to the operator.
    pub kubeconfig: PathBuf,
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
        crate::runtime::install_crypto_provider();
        let kc = Kubeconfig::from_yaml(text)
            .with_context(|| format!("{}: not a kubeconfig", shown.display()))?;
        let rt = crate::runtime::current_thread()?;
        let (client, server) = rt.block_on(async {
            let mut config =
                kube::Config::from_custom_kubeconfig(kc, &KubeConfigOptions::default())
                    .await
                    .with_context(|| format!("{}: unusable kubeconfig", shown.display()))?;
            config.connect_timeout = Some(CONNECT_TIMEOUT);
            config.read_timeout = Some(READ_TIMEOUT);
            let server = config.cluster_url.to_string();
            let client = kube::Client::try_from(config)
                .with_context(|| format!("{}: cannot build a client", shown.display()))?;
            anyhow::Ok((client, server))
        })?;
        Ok(ApiClient {
            client,
            rt,
            server: server.trim_end_matches('/').to_string(),
            kubeconfig: shown.to_path_buf(),
        })
    }

    /// Runs an async call to completion.
    pub fn block_on<F: std::future::Future>(&self, f: F) -> F::Output {
        self.rt.block_on(f)
    }

    /// The underlying client (for typed calls with [`ApiClient::block_on`]).
    pub fn kube(&self) -> kube::Client {
        self.client.clone()
    }

    /// `GET /livez`: Ok when the API server says it is live.
    pub fn livez(&self) -> Result<()> {
        let req = http::Request::get("/livez")
            .body(Vec::new())
            .context("building /livez")?;
        let text = self
            .block_on(self.client.request_text(req))
            .map_err(|e| api_err(format!("{}/livez", self.server), e))?;
        if text.trim() != "ok" {
            bail!("{}/livez answered {:?}", self.server, text.trim());
        }
        Ok(())
    }

    /// Waits for `/livez` up to `timeout`, asking every 500 ms; stops early on
    /// a signal. The error names the last answer.
    pub fn wait_live(&self, timeout: time::Duration) -> Result<Duration> {
        let start = Instant::now();
        let limit = crate::values::to_std(timeout);
        loop {
            let err = match self.livez() {
                Ok(()) => return Ok(start.elapsed()),
                Err(e) => e,
            };
            if start.elapsed() >= limit {
                return Err(err.context(format!(
                    "the API server at {} was not live after {}",
                    self.server,
                    crate::values::format_duration(timeout)
                )));
            }
            if let Some(s) = crate::interrupt::sleep(Duration::from_millis(500)) {
                return Err(crate::interrupt::Stop::Signal(s).into());
            }
        }
    }

    fn dynamic(&self, o: &ApiObject) -> Result<Api<DynamicObject>> {
        let kind = kinds::find(&o.api_version, &o.kind)?;
        let ar = kind.resource();
        Ok(match (&o.namespace, kind.namespaced) {
            (Some(ns), true) => Api::namespaced_with(self.client.clone(), ns, &ar),
            (None, false) => Api::all_with(self.client.clone(), &ar),
            (None, true) => bail!("{}: a namespaced kind without a namespace", o.describe()),
            (Some(_), false) => bail!("{}: a cluster-scoped kind with a namespace", o.describe()),
        })
    }

    /// The stored object, if any.
    pub fn get(&self, o: &ApiObject) -> Result<Option<DynamicObject>> {
        let api = self.dynamic(o)?;
        self.block_on(api.get_opt(&o.name))
            .map_err(|e| api_err(format!("reading {}", o.describe()), e))
    }

    /// Server-side apply of `o` (field manager `kforge`, forced, as kubeadm
    /// overwrites its own objects): created, configured, or unchanged (the
    /// server kept its resourceVersion).
    pub fn apply(&self, o: &ApiObject) -> Result<Applied> {
        let api = self.dynamic(o)?;
        let before = self.get(o)?.and_then(|d| d.metadata.resource_version);
        let pp = PatchParams::apply(FIELD_MANAGER).force();
        let after = self
            .block_on(api.patch(&o.name, &pp, &Patch::Apply(&o.body)))
            .map_err(|e| api_err(format!("applying {}", o.describe()), e))?;
        Ok(match before {
            None => Applied::Created,
            Some(rv) if Some(&rv) == after.metadata.resource_version.as_ref() => Applied::Unchanged,
            Some(_) => Applied::Configured,
        })
    }

    /// Creates `o`; an object of that name already there is `Ok(false)`.
    pub fn create(&self, o: &ApiObject) -> Result<bool> {
        let api = self.dynamic(o)?;
        let obj: DynamicObject = serde_json::from_value(o.body.clone())
            .with_context(|| format!("{}: not an object", o.describe()))?;
        match self.block_on(api.create(&PostParams::default(), &obj)) {
            Ok(_) => Ok(true),
            Err(e) => {
                let e = api_err(format!("creating {}", o.describe()), e);
                match api_error(&e) {
                    Some(a) if a.is_already_exists() => Ok(false),
                    _ => Err(e),
                }
            }
        }
    }

    /// Deletes `o`; `Ok(false)` when it was not there.
    pub fn delete(&self, o: &ApiObject) -> Result<bool> {
        let api = self.dynamic(o)?;
        match self.block_on(api.delete(&o.name, &DeleteParams::default())) {
            Ok(_) => Ok(true),
            Err(e) => {
                let e = api_err(format!("deleting {}", o.describe()), e);
                match api_error(&e) {
                    Some(a) if a.is_not_found() => Ok(false),
                    _ => Err(e),
                }
            }
        }
    }

    /// A typed API of a namespaced kind in `ns`.
    pub fn typed<K>(&self, ns: &str) -> Api<K>
    where
        K: kube::Resource<DynamicType = (), Scope = k8s_openapi::NamespaceResourceScope>,
    {
        Api::namespaced(self.client.clone(), ns)
    }

    /// A typed API of a cluster-scoped kind.
    pub fn typed_cluster<K>(&self) -> Api<K>
    where
        K: kube::Resource<DynamicType = (), Scope = k8s_openapi::ClusterResourceScope>,
    {
        Api::all(self.client.clone())
    }

    /// Maps a `kube` error to kforge's, naming what was being done.
    pub fn error(what: impl Into<String>, e: kube::Error) -> anyhow::Error {
        api_err(what, e)
    }
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
