//! The API of kforge's STAND-IN kube-apiserver (`kforge-dev stand-in
//! kube-apiserver`, run by `kforge-dev kubelet`): test scaffolding, so
//! that `kforge init`'s API phases and real `kubectl` have something to
//! talk to on machines without a kube-apiserver binary. Never a product
//! feature, and NOT a Kubernetes API server.
//!
//! What it serves, over the stand-in's HTTPS port (HTTP/1.1, JSON only):
//! - discovery, legacy format ([`resources`]): `/api`, `/api/v1`, `/apis`,
//!   `/apis/GROUP`, `/apis/GROUP/VERSION`; and a minimal OpenAPI v3
//!   (`/openapi/v3…`: PATCH operations with the `fieldValidation`
//!   parameter, no schemas) so that kubectl leaves validation to the
//!   server, which accepts any field (`fieldValidation` is ignored);
//! - for v1 ConfigMap, Secret, Node, ServiceAccount, Service, Namespace,
//!   rbac.authorization.k8s.io/v1 Role, RoleBinding, ClusterRole,
//!   ClusterRoleBinding and apps/v1 Deployment, DaemonSet, at their real
//!   paths: get, list (`labelSelector`, `fieldSelector` per [`select`]; all
//!   items at once, `limit` ignored), create (POST), update (PUT), patch,
//!   delete, deletecollection, each with `dryRun=All`;
//! - errors as the real server's `Status` objects ([`status`]);
//! - authentication and authorization ([`auth`], [`rbac`]).
//!
//! Documented simplifications:
//! - everything is in memory ([`store`]): LOST when the stand-in restarts;
//! - server-side apply (`application/apply-patch+yaml`, `fieldManager`
//!   required) merges the applied object into the stored one as a JSON
//!   merge patch (lists replaced, `null` removes), creating it when absent,
//!   after removing the fields the same manager applied last time and no
//!   longer applies (unless another manager's last apply has them); no
//!   field ownership beyond that, no conflicts (`force` is ignored), no
//!   `managedFields`;
//! - `application/strategic-merge-patch+json` drops its `$` directives and
//!   is then a merge patch (lists replaced, never merged by key);
//!   `application/json-patch+json` is RFC 6902's;
//! - responses are JSON: kubectl's Accept headers ask for aggregated
//!   discovery and server-side Tables first, and fall back to the legacy
//!   documents and client-side printing (NAME, AGE) when they get plain
//!   `application/json`; no protobuf, no watch, no OpenAPI v2 (404), no
//!   subresources (404), no controllers: nothing reconciles a Deployment,
//!   allocates a Service IP or fills a `status`.
//!
//! At start the store holds the namespaces `default`, `kube-system`,
//! `kube-public`, `kube-node-lease`, the bootstrap policy of [`rbac::seed`]
//! and, as the real server makes it, the `default/kubernetes` Service at
//! the first address of `--service-cluster-ip-range`.

pub mod auth;
pub mod http;
pub mod patch;
pub mod rbac;
pub mod resources;
pub mod select;
pub mod status;
pub mod store;

use auth::{Authn, User};
use rbac::{Attributes, Target};
use resources::Resource;
use rustls_pki_types::CertificateDer;
use select::Selector;
use serde_json::{json, Value};
use status::ApiError;
use std::path::PathBuf;
use std::sync::Mutex;
use store::{PatchKind, Store};

/// The API server's settings, from its manifest's flags.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--client-ca-file` (mapped under the root).
    pub client_ca: Option<PathBuf>,
    /// `--enable-bootstrap-token-auth=true`.
    pub bootstrap_tokens: bool,
    /// Not `--anonymous-auth=false`.
    pub anonymous: bool,
    /// `--authorization-mode` (the real server's default: AlwaysAllow).
    pub authorization_modes: Vec<String>,
    /// `--service-cluster-ip-range`'s first range.
    pub service_cidr: Option<ipnet::IpNet>,
    /// `host:port` for `/api`'s `serverAddressByClientCIDRs`.
    pub server_address: String,
    /// The secure port (the `kubernetes` Service's target port).
    pub port: u16,
}

impl Config {
    /// From the manifest's argv (host paths already mapped).
    pub fn from_argv(argv: &[String], server_address: String, port: u16) -> anyhow::Result<Config> {
        let flag = |name: &str| -> Option<&str> {
            let prefix = format!("--{name}=");
            argv.iter().find_map(|a| a.strip_prefix(prefix.as_str()))
        };
        let service_cidr = match flag("service-cluster-ip-range") {
            None => None,
            Some(v) => {
                let first = v.split(',').next().unwrap_or("");
                Some(first.parse::<ipnet::IpNet>().map_err(|_| {
                    kforge::exit::usage(format!("--service-cluster-ip-range={v}: not a CIDR"))
                })?)
            }
        };
        Ok(Config {
            client_ca: flag("client-ca-file").map(PathBuf::from),
            bootstrap_tokens: flag("enable-bootstrap-token-auth") == Some("true"),
            anonymous: flag("anonymous-auth") != Some("false"),
            authorization_modes: flag("authorization-mode")
                .unwrap_or("AlwaysAllow")
                .split(',')
                .map(|m| m.trim().to_string())
                .filter(|m| !m.is_empty())
                .collect(),
            service_cidr,
            server_address,
            port,
        })
    }
}

/// The stand-in's API: a store behind a lock, and who may do what.
pub struct ApiServer {
    cfg: Config,
    authn: Authn,
    store: Mutex<Store>,
}

/// An answer: HTTP code and JSON body.
pub struct Answer {
    pub code: u16,
    pub body: Value,
}

impl From<ApiError> for Answer {
    fn from(e: ApiError) -> Answer {
        Answer {
            code: e.code,
            body: e.status,
        }
    }
}

fn ok(code: u16, body: Value) -> Answer {
    Answer { code, body }
}

/// Where a resource path points.
enum Route {
    /// `/api`.
    ApiVersions,
    Discovery(Option<Value>),
    Collection {
        r: &'static Resource,
        ns: Option<String>,
    },
    Object {
        r: &'static Resource,
        ns: String,
        name: String,
        sub: String,
    },
    NotFound,
}

fn route(path: &str) -> Route {
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let (group, version, rest) = match segs.as_slice() {
        ["api"] => return Route::ApiVersions,
        ["api", v] => return Route::Discovery(resources::resource_list("", v)),
        ["apis"] => return Route::Discovery(Some(resources::api_group_list())),
        ["apis", g] => return Route::Discovery(resources::api_group(g)),
        ["apis", g, v] => return Route::Discovery(resources::resource_list(g, v)),
        ["openapi", "v3"] => return Route::Discovery(Some(resources::openapi_root())),
        ["openapi", "v3", "api", v] => {
            return Route::Discovery(resources::openapi_group_version("", v))
        }
        ["openapi", "v3", "apis", g, v] => {
            return Route::Discovery(resources::openapi_group_version(g, v))
        }
        ["api", v, rest @ ..] => ("", *v, rest),
        ["apis", g, v, rest @ ..] => (*g, *v, rest),
        _ => return Route::NotFound,
    };
    let find = |p: &str| resources::find(group, version, p);
    let obj = |r, ns: &str, name: &str, sub: &str| Route::Object {
        r,
        ns: ns.to_string(),
        name: name.to_string(),
        sub: sub.to_string(),
    };
    match rest {
        ["namespaces", ns, p, tail @ ..] if find(p).is_some_and(|r| r.namespaced) => {
            let r = find(p).expect("found");
            match tail {
                [] => Route::Collection {
                    r,
                    ns: Some(ns.to_string()),
                },
                [name] => obj(r, ns, name, ""),
                [name, sub] => obj(r, ns, name, sub),
                _ => Route::NotFound,
            }
        }
        [p] => match find(p) {
            Some(r) => Route::Collection { r, ns: None },
            None => Route::NotFound,
        },
        [p, name] => match find(p) {
            Some(r) if !r.namespaced => obj(r, "", name, ""),
            _ => Route::NotFound,
        },
        [p, name, sub] => match find(p) {
            Some(r) if !r.namespaced => obj(r, "", name, sub),
            _ => Route::NotFound,
        },
        _ => Route::NotFound,
    }
}

/// A request body as JSON (or YAML, which the apply content type is).
fn parse_body(req: &http::Request) -> Result<Value, ApiError> {
    let ctype = req.header("content-type").unwrap_or("application/json");
    let text = std::str::from_utf8(&req.body).map_err(|_| {
        status::bad_request(
            "the request body is not UTF-8 (the stand-in API server takes JSON or YAML only)",
        )
    })?;
    let parsed = if ctype.contains("yaml") {
        serde_yaml_ng::from_str::<Value>(text).map_err(|e| e.to_string())
    } else {
        serde_json::from_str::<Value>(text).map_err(|e| e.to_string())
    };
    parsed.map_err(|e| status::bad_request(format!("the request body could not be decoded: {e}")))
}

fn log(msg: String) {
    eprintln!("kforge stand-in kube-apiserver: {msg}");
}

impl ApiServer {
    pub fn new(cfg: Config) -> ApiServer {
        let mut store = Store::new();
        if let Some(ip) = cfg
            .service_cidr
            .as_ref()
            .and_then(kforge::pki::api_server_virtual_ip)
        {
            let svc = resources::find("", "v1", "services").expect("services");
            let _ = store.create(
                svc,
                "default",
                json!({
                    "metadata": {"name": "kubernetes", "labels": {"component": "apiserver", "provider": "kubernetes"}},
                    "spec": {
                        "type": "ClusterIP",
                        "clusterIP": ip.to_string(),
                        "clusterIPs": [ip.to_string()],
                        "ports": [{"name": "https", "port": 443, "protocol": "TCP", "targetPort": cfg.port}],
                        "sessionAffinity": "None",
                    }
                }),
            );
        }
        ApiServer {
            authn: Authn {
                bootstrap_tokens: cfg.bootstrap_tokens,
                anonymous: cfg.anonymous,
            },
            cfg,
            store: Mutex::new(store),
        }
    }

    pub fn config(&self) -> &Config {
        &self.cfg
    }

    fn store(&self) -> std::sync::MutexGuard<'_, Store> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers one API request; `peer`: the client's verified certificate chain.
    pub fn handle(&self, req: &http::Request, peer: Option<&[CertificateDer<'_>]>) -> Answer {
        let mut store = self.store();
        let user = match self
            .authn
            .authenticate(peer, req.header("authorization"), &store)
        {
            Ok(u) => u,
            Err(e) => {
                log(format!("{} {}: 401 Unauthorized", req.method, req.path));
                return e.into();
            }
        };
        let answer = self.serve(&mut store, &user, req);
        if req.method != "GET" || (answer.code >= 400 && answer.code != 404) {
            log(format!(
                "{} {} {}{}: {}{}",
                user.name,
                req.method,
                req.path,
                req.query("dryRun")
                    .map(|d| format!(" (dryRun={d})"))
                    .unwrap_or_default(),
                answer.code,
                answer.body["message"]
                    .as_str()
                    .map(|m| format!(" {m}"))
                    .unwrap_or_default()
            ));
        }
        answer
    }

    fn allowed(&self, store: &Store, user: &User, a: &Attributes) -> Result<(), ApiError> {
        if rbac::allows(&self.cfg.authorization_modes, store, user, a) {
            return Ok(());
        }
        let why = rbac::forbidden_reason(user, a);
        Err(match &a.target {
            Target::Path(_) => status::forbidden(None, "", &why),
            Target::Resource { resource, name, .. } => {
                status::forbidden(Some(resource), name, &why)
            }
        })
    }

    fn serve(&self, store: &mut Store, user: &User, req: &http::Request) -> Answer {
        match route(&req.path) {
            Route::ApiVersions => self
                .discovery(
                    store,
                    user,
                    req,
                    Some(resources::api_versions(&self.cfg.server_address)),
                )
                .unwrap_or_else(Answer::from),
            Route::Discovery(doc) => self
                .discovery(store, user, req, doc)
                .unwrap_or_else(Answer::from),
            Route::NotFound => {
                let verb = req.method.to_ascii_lowercase();
                let a = Attributes {
                    verb: &verb,
                    target: Target::Path(&req.raw_path),
                };
                if let Err(e) = self.allowed(store, user, &a) {
                    return e.into();
                }
                status::no_such_resource().into()
            }
            Route::Collection { r, ns } => self
                .collection(store, user, req, r, ns.as_deref())
                .unwrap_or_else(Answer::from),
            Route::Object { r, ns, name, sub } => {
                if !sub.is_empty() {
                    // Authorized as the real server would, then not served.
                    let verb = verb_of(&req.method);
                    let a = Attributes {
                        verb,
                        target: Target::Resource {
                            resource: r,
                            subresource: &sub,
                            namespace: &ns,
                            name: &name,
                        },
                    };
                    if let Err(e) = self.allowed(store, user, &a) {
                        return e.into();
                    }
                    return status::no_such_resource().into();
                }
                self.object(store, user, req, r, &ns, &name)
                    .unwrap_or_else(Answer::from)
            }
        }
    }

    fn discovery(
        &self,
        store: &Store,
        user: &User,
        req: &http::Request,
        doc: Option<Value>,
    ) -> Result<Answer, ApiError> {
        let a = Attributes {
            verb: "get",
            target: Target::Path(&req.raw_path),
        };
        self.allowed(store, user, &a)?;
        if req.method != "GET" {
            return Err(status::method_not_allowed(&req.method));
        }
        doc.map(|d| ok(200, d)).ok_or_else(status::no_such_resource)
    }

    fn collection(
        &self,
        store: &mut Store,
        user: &User,
        req: &http::Request,
        r: &'static Resource,
        ns: Option<&str>,
    ) -> Result<Answer, ApiError> {
        let verb = match req.method.as_str() {
            "GET" if watching(req) => "watch",
            "GET" => "list",
            "POST" => "create",
            "DELETE" => "deletecollection",
            _ => return Err(status::method_not_allowed(&req.method)),
        };
        let a = Attributes {
            verb,
            target: Target::Resource {
                resource: r,
                subresource: "",
                namespace: ns.unwrap_or(""),
                name: "",
            },
        };
        self.allowed(store, user, &a)?;
        if verb == "watch" {
            return Err(status::method_not_allowed(
                "watch: the stand-in API server has no watch",
            ));
        }
        if ns.is_none() && r.namespaced && verb != "list" {
            return Err(status::method_not_allowed(&format!(
                "{} of {} across all namespaces",
                req.method, r.plural
            )));
        }
        let labels = Selector::labels(req.query("labelSelector").unwrap_or(""))
            .map_err(status::bad_request)?;
        let fields = Selector::fields(req.query("fieldSelector").unwrap_or(""), r.kind)
            .map_err(status::bad_request)?;
        match verb {
            "list" => Ok(ok(200, store.list(r, ns, &labels, &fields))),
            "create" => {
                let body = parse_body(req)?;
                let ns = ns.unwrap_or("");
                if let Some(node) = user.node_name() {
                    restrict_node(r, node, body["metadata"]["name"].as_str().unwrap_or(""))?;
                }
                let created = self.write(store, req, |s| s.create(r, ns, body))?;
                Ok(ok(201, created))
            }
            _ => {
                let ns = ns.unwrap_or("");
                let mut deleted = Vec::new();
                let dry = dry_run(req)?;
                for obj in store.select(r, Some(ns), &labels, &fields) {
                    let name = obj["metadata"]["name"].as_str().unwrap_or("").to_string();
                    if !dry {
                        store.delete(r, ns, &name, &Value::Null)?;
                    }
                    deleted.push(obj);
                }
                Ok(ok(
                    200,
                    json!({
                        "kind": format!("{}List", r.kind),
                        "apiVersion": r.api_version(),
                        "metadata": {"resourceVersion": store.resource_version()},
                        "items": deleted,
                    }),
                ))
            }
        }
    }

    fn object(
        &self,
        store: &mut Store,
        user: &User,
        req: &http::Request,
        r: &'static Resource,
        ns: &str,
        name: &str,
    ) -> Result<Answer, ApiError> {
        let verb = verb_of(&req.method);
        if verb.is_empty() || (verb == "get" && watching(req)) {
            return Err(status::method_not_allowed(&req.method));
        }
        let a = Attributes {
            verb,
            target: Target::Resource {
                resource: r,
                subresource: "",
                namespace: ns,
                name,
            },
        };
        self.allowed(store, user, &a)?;
        if let Some(node) = user.node_name() {
            restrict_node(r, node, name)?;
        }
        match verb {
            "get" => Ok(ok(200, store.get(r, ns, name)?)),
            "update" => {
                let body = parse_body(req)?;
                let (o, created) = self.write(store, req, |s| s.update(r, ns, name, body))?;
                Ok(ok(if created { 201 } else { 200 }, o))
            }
            "patch" => {
                let ctype = req
                    .header("content-type")
                    .unwrap_or("")
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_string();
                let kind = match ctype.as_str() {
                    "application/apply-patch+yaml" => PatchKind::Apply,
                    "application/merge-patch+json" => PatchKind::Merge,
                    "application/strategic-merge-patch+json" => PatchKind::Strategic,
                    "application/json-patch+json" => PatchKind::Json,
                    other => {
                        return Err(status::unsupported_media_type(
                            other,
                            &[
                                "application/json-patch+json",
                                "application/merge-patch+json",
                                "application/strategic-merge-patch+json",
                                "application/apply-patch+yaml",
                            ],
                        ))
                    }
                };
                if kind == PatchKind::Apply && req.query("fieldManager").is_none_or(str::is_empty) {
                    return Err(status::invalid_options(
                        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch",
                    ));
                }
                let manager = req.query("fieldManager").unwrap_or("").to_string();
                let body = parse_body(req)?;
                let (o, created) =
                    self.write(store, req, |s| s.patch(r, ns, name, kind, &manager, body))?;
                Ok(ok(if created { 201 } else { 200 }, o))
            }
            _ => {
                let opts = if req.body.is_empty() {
                    Value::Null
                } else {
                    parse_body(req)?
                };
                let pre = opts["preconditions"].clone();
                let gone = self.write(store, req, |s| s.delete(r, ns, name, &pre))?;
                if r.kind == "Namespace" {
                    return Ok(ok(200, gone));
                }
                let uid = gone["metadata"]["uid"].as_str().unwrap_or("");
                Ok(ok(200, status::deleted(r, name, uid)))
            }
        }
    }

    /// Runs a write, on a copy of the store under `dryRun=All`.
    fn write<T>(
        &self,
        store: &mut Store,
        req: &http::Request,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        if dry_run(req)? {
            let mut copy = store.clone();
            f(&mut copy)
        } else {
            f(store)
        }
    }
}

fn watching(req: &http::Request) -> bool {
    matches!(req.query("watch"), Some("true" | "1"))
}

fn dry_run(req: &http::Request) -> Result<bool, ApiError> {
    match req.query("dryRun") {
        None | Some("") => Ok(false),
        Some("All") => Ok(true),
        Some(v) => Err(status::bad_request(format!(
            "invalid dryRun value {v:?}: the only valid value is \"All\""
        ))),
    }
}

/// The verb of a request on an object ("" when none).
fn verb_of(method: &str) -> &'static str {
    match method {
        "GET" | "HEAD" => "get",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => "delete",
        _ => "",
    }
}

/// The real NodeRestriction admission plugin: a node changes only its
/// own Node.
fn restrict_node(r: &Resource, node: &str, name: &str) -> Result<(), ApiError> {
    if r.group.is_empty() && r.plural == "nodes" && name != node {
        return Err(status::forbidden(
            Some(r),
            name,
            &format!("node {node:?} is not allowed to modify node {name:?}"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn server() -> ApiServer {
        let argv: Vec<String> = [
            "kube-apiserver",
            "--authorization-mode=Node,RBAC",
            "--enable-bootstrap-token-auth=true",
            "--service-cluster-ip-range=10.96.0.0/12",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        ApiServer::new(Config::from_argv(&argv, "127.0.0.1:6443".into(), 6443).unwrap())
    }

    fn req(method: &str, path: &str, ctype: &str, body: &str) -> http::Request {
        let (path, query) = path.split_once('?').unwrap_or((path, ""));
        http::Request {
            method: method.into(),
            path: path.into(),
            raw_path: path.into(),
            query: query
                .split('&')
                .filter(|q| !q.is_empty())
                .map(|q| {
                    let (k, v) = q.split_once('=').unwrap();
                    (k.to_string(), v.to_string())
                })
                .collect(),
            headers: vec![("content-type".into(), ctype.into())],
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn anonymous_users_are_refused_in_the_real_servers_words() {
        let s = server();
        let a = s.handle(
            &req(
                "GET",
                "/api/v1/namespaces/kube-public/configmaps/cluster-info",
                "",
                "",
            ),
            None,
        );
        assert_eq!(a.code, 403);
        assert_eq!(
            a.body["message"],
            "configmaps \"cluster-info\" is forbidden: User \"system:anonymous\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-public\""
        );
        let a = s.handle(&req("GET", "/apis", "", ""), None);
        assert_eq!(a.code, 403, "{}", a.body);
        let a = s.handle(&req("GET", "/api/v1/nodes", "", ""), Some(&[]));
        assert_eq!(a.code, 403);
        assert_eq!(
            a.body["message"],
            "nodes is forbidden: User \"system:anonymous\" cannot list resource \"nodes\" in API group \"\" at the cluster scope"
        );
    }

    #[test]
    fn routes() {
        assert!(matches!(
            route("/api/v1/namespaces/a/configmaps"),
            Route::Collection { ns: Some(_), .. }
        ));
        assert!(matches!(
            route("/api/v1/namespaces/a"),
            Route::Object { .. }
        ));
        assert!(matches!(
            route("/api/v1/namespaces/a/status"),
            Route::Object { .. }
        ));
        assert!(matches!(
            route("/api/v1/configmaps"),
            Route::Collection { ns: None, .. }
        ));
        assert!(matches!(route("/api/v1/configmaps/x"), Route::NotFound));
        assert!(matches!(
            route("/apis/apps/v1/namespaces/k/daemonsets/d"),
            Route::Object { .. }
        ));
        assert!(matches!(
            route("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:node"),
            Route::Object { .. }
        ));
        assert!(matches!(route("/apis/apps/v2"), Route::Discovery(None)));
        assert!(matches!(route("/metrics"), Route::NotFound));
    }

    #[test]
    fn the_kubernetes_service_is_there_at_start() {
        let s = server();
        let svc = resources::find("", "v1", "services").unwrap();
        let o = s.store().get(svc, "default", "kubernetes").unwrap();
        assert_eq!(o["spec"]["clusterIP"], "10.96.0.1");
    }
}
