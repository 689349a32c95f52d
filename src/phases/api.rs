//! The init phases that write through the API server (issue 21), in
//! kubeadm's order: wait-control-plane, upload-config, mark-control-plane,
//! bootstrap-token, kubelet-finalize, addon. Objects come from
//! [`crate::objects`]; they are applied with [`crate::apiclient`].
//!
//! Under `--dry-run` nothing connects: every object is listed (and printed
//! as a YAML stream with `-o yaml` when only API phases ran). Under `--root`
//! with no API server answering, the whole `init` writes the node's files
//! and stops before these phases with one line naming the command that
//! finishes the cluster ([`POST_CONTROL_PLANE`]).

use super::init::InitContext;
use super::{wants, SubPhase};
use crate::apiclient::{self, ApiClient, Applied};
use crate::objects::{self, ApiObject};
use crate::paths;
use anyhow::{anyhow, bail, Result};
use k8s_openapi::api::core::v1::Node as NodeObject;
use serde::Serialize;
use std::path::Path;
use std::time::Duration;

/// The meta-phase that runs every phase from wait-control-plane on.
pub const POST_CONTROL_PLANE: &str = "post-control-plane";
/// The phases that talk to the API server (the ones [`POST_CONTROL_PLANE`] runs, with show-join-command).
pub const API_PHASES: &[&str] = &[
    "wait-control-plane",
    "upload-config",
    "mark-control-plane",
    "bootstrap-token",
    "kubelet-finalize",
    "addon",
];
/// kubeadm's default for `--control-plane-timeout` (its `ControlPlaneComponentHealthCheck`, 4m0s).
pub const CONTROL_PLANE_TIMEOUT: time::Duration = time::Duration::minutes(4);
/// How long the control-plane node's Node object may take to appear after the API server is live.
const NODE_REGISTRATION: Duration = Duration::from_secs(60);

/// One object written (or that would be).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ObjectRecord {
    pub phase: String,
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub namespace: Option<String>,
    pub name: String,
    pub result: Applied,
}

/// The API side of one init run.
#[derive(Default)]
pub struct ApiState {
    /// Connected after wait-control-plane.
    pub client: Option<ApiClient>,
    /// Why the API phases were put off (no API server under `--root`).
    pub deferred: Option<String>,
    /// A whole `init` under `--root` may put the API phases off when no API
    /// server answers; a phase run by name waits for it.
    pub may_defer: bool,
    /// `--control-plane-timeout` when given.
    pub timeout: Option<time::Duration>,
    /// Sub-phases named in `--skip-phases` (`addon/kube-proxy`).
    pub skip: Vec<String>,
    pub objects: Vec<ObjectRecord>,
    /// The objects of a dry run, for `-o yaml`.
    pub dry_objects: Vec<ApiObject>,
    /// The bootstrap token's objects exist in the cluster (this run or before).
    pub bootstrap_done: bool,
}

pub fn upload_config_subphases() -> Vec<SubPhase> {
    vec![
        sub(
            "kubeadm",
            "upload the ClusterConfiguration to the kubeadm-config ConfigMap",
        ),
        sub(
            "kubelet",
            "upload the kubelet configuration to the kubelet-config ConfigMap",
        ),
    ]
}

pub fn kubelet_finalize_subphases() -> Vec<SubPhase> {
    vec![sub(
        "enable-client-cert-rotation",
        "point kubelet.conf at the kubelet's rotated client certificate",
    )]
}

pub fn addon_subphases() -> Vec<SubPhase> {
    vec![
        sub("coredns", "install CoreDNS (the cluster DNS)"),
        sub("kube-proxy", "install kube-proxy"),
    ]
}

fn sub(name: &str, help: &str) -> SubPhase {
    SubPhase {
        name: name.into(),
        help: help.into(),
    }
}

impl InitContext<'_> {
    /// Whether sub-phase `phase/name` runs (asked for, and not skipped).
    fn wants_sub(&self, phase: &str, sub: Option<&str>, name: &str) -> bool {
        let path = format!("{phase}/{name}");
        wants(sub, name) && !self.api.skip.contains(&path)
    }

    /// The client (`Ok(None)`: a dry run, or the API phases were put off).
    /// A phase run by name, without wait-control-plane before it, connects
    /// here with kubeadm's admin rule ([`apiclient::admin_client`]).
    fn client(&mut self, _phase: &str) -> Result<Option<&ApiClient>> {
        if self.node().is_dry_run() || self.api.deferred.is_some() {
            return Ok(None);
        }
        if self.api.client.is_none() {
            let dir = Path::new(paths::KUBERNETES_DIR);
            self.api.client = Some(apiclient::admin_client(self.node(), dir)?);
        }
        Ok(self.api.client.as_ref())
    }

    /// Applies (or lists, in a dry run) `objects` for `phase`.
    fn apply_all(&mut self, phase: &str, objects: Vec<ApiObject>) -> Result<()> {
        for o in objects {
            let result = match self.client(phase)? {
                Some(c) => c.apply(&o)?,
                None => Applied::WouldApply,
            };
            self.say(phase, format!("{} {}", o.describe(), result.as_str()));
            self.api.objects.push(ObjectRecord {
                phase: phase.to_string(),
                kind: o.kind.clone(),
                namespace: o.namespace.clone(),
                name: o.name.clone(),
                result,
            });
            if result == Applied::WouldApply {
                self.api.dry_objects.push(o);
            }
        }
        Ok(())
    }

    /// Whether the API phases were put off; says so once per phase.
    fn deferred(&self, phase: &str) -> bool {
        if self.api.deferred.is_some() {
            self.say(
                phase,
                "Skipped: the API server did not answer (see the last line)",
            );
            return true;
        }
        false
    }
}

/// wait-control-plane: connect with admin.conf and wait for `/livez`.
/// Under `--root` without `--control-plane-timeout`, one try: nothing
/// answering puts the API phases off (the node's files are written).
pub fn wait_control_plane_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    const PHASE: &str = "wait-control-plane";
    if ctx.node().is_dry_run() {
        ctx.say(PHASE, "Would wait for the API server's /livez");
        return Ok(());
    }
    let node = ctx.node();
    let admin = Path::new(paths::KUBERNETES_DIR).join(crate::kubeconfig::ADMIN.file);
    let client = ApiClient::from_kubeconfig(node, &admin)?;
    let one_try = ctx.api.may_defer && node.root().is_some() && ctx.api.timeout.is_none();
    let timeout = ctx.api.timeout.unwrap_or(CONTROL_PLANE_TIMEOUT);
    if one_try {
        if let Err(e) = client.livez() {
            let root = node
                .root()
                .map(|r| r.display().to_string())
                .unwrap_or_default();
            ctx.api.deferred = Some(format!(
                "The API server at {} did not answer ({}); the node's files are written. Once it runs, finish the cluster with: kforge init phase {POST_CONTROL_PLANE} --root {root}",
                client.server,
                first_line(&e)
            ));
            ctx.say(
                PHASE,
                format!(
                    "The API server at {} did not answer: the API phases are put off",
                    client.server
                ),
            );
            return Ok(());
        }
    } else {
        ctx.say(
            PHASE,
            format!(
                "Waiting for the API server at {} to be live (up to {})",
                client.server,
                crate::values::format_duration(timeout)
            ),
        );
        let spinner = ctx
            .printer
            .spinner(format!("waiting for {}/livez", client.server));
        let took = client.wait_live(timeout);
        if let Some(s) = spinner {
            s.finish_and_clear();
        }
        let took = took?;
        ctx.say(
            PHASE,
            format!("The API server is live after {:.1}s", took.as_secs_f64()),
        );
    }
    let dir = Path::new(paths::KUBERNETES_DIR);
    let admin = apiclient::admin_client(node, dir)?;
    ctx.api.client = Some(admin);
    Ok(())
}

/// The first line of an error's cause chain, for one-line messages.
fn first_line(e: &anyhow::Error) -> String {
    let s = e.root_cause().to_string();
    s.lines().next().unwrap_or_default().to_string()
}

/// upload-config: kubeadm-config and kubelet-config, with their RBAC.
pub fn upload_config_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    const PHASE: &str = "upload-config";
    if ctx.deferred(PHASE) {
        return Ok(());
    }
    if ctx.wants_sub(PHASE, sub, "kubeadm") {
        let objs = objects::upload_config::kubeadm_config(ctx.spec)?;
        ctx.apply_all(PHASE, objs)?;
    }
    if ctx.wants_sub(PHASE, sub, "kubelet") {
        let yaml = super::init::kubelet_config_text(ctx)?;
        let objs = objects::upload_config::kubelet_config_for(ctx.spec, &yaml)?;
        ctx.apply_all(PHASE, objs)?;
    }
    Ok(())
}

/// mark-control-plane: kubeadm's labels and taints on this node's Node
/// (read, changed, written back with its resourceVersion: the kubelet owns
/// the rest of the object).
pub fn mark_control_plane_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    const PHASE: &str = "mark-control-plane";
    if ctx.deferred(PHASE) {
        return Ok(());
    }
    let name = ctx.spec.node_name.clone();
    let taints = objects::mark_control_plane::taints(ctx.spec);
    let Some(client) = ctx.client(PHASE)? else {
        // A dry run shows the labels and taints as the part of the Node it would set.
        let mut node = NodeObject::default();
        node.metadata.name = Some(name.clone());
        objects::mark_control_plane::mark(&mut node, &taints);
        let o = ApiObject::new(&node)?;
        ctx.say(PHASE, format!("Would label and taint Node {name}"));
        ctx.api.objects.push(ObjectRecord {
            phase: PHASE.into(),
            kind: o.kind.clone(),
            namespace: None,
            name,
            result: Applied::WouldApply,
        });
        ctx.api.dry_objects.push(o);
        return Ok(());
    };
    let start = std::time::Instant::now();
    let result = loop {
        let every = crate::wait::Every::new(
            Duration::from_millis(500),
            NODE_REGISTRATION.saturating_sub(start.elapsed()),
        );
        let found = crate::wait::until(every, || {
            Ok(client
                .get_typed::<NodeObject>(None, &name)?
                .ok_or_else(|| "not registered".to_string()))
        })?;
        let mut node = match found {
            Ok(node) => node,
            Err(crate::wait::Ended::TimedOut { .. }) => bail!(
                "Node {name} is not registered in the API server after {}s: is the kubelet running on this node with that name?",
                NODE_REGISTRATION.as_secs()
            ),
            Err(crate::wait::Ended::Interrupted(s)) => {
                return Err(crate::interrupt::Stop::Signal(s).into())
            }
        };
        if !objects::mark_control_plane::mark(&mut node, &taints) {
            break Applied::Unchanged;
        }
        match client.replace_typed(None, &name, &node) {
            Ok(_) => break Applied::Configured,
            Err(e) if apiclient::api_error(&e).is_some_and(apiclient::ApiError::is_conflict) => {
                continue
            }
            Err(e) => return Err(e),
        }
    };
    ctx.say(
        PHASE,
        format!(
            "Node {name}: control-plane label and taint {}",
            result.as_str()
        ),
    );
    ctx.api.objects.push(ObjectRecord {
        phase: PHASE.into(),
        kind: "Node".into(),
        namespace: None,
        name,
        result,
    });
    Ok(())
}

/// bootstrap-token: the token Secret, the RBAC that lets tokens join, and
/// kube-public/cluster-info.
pub fn bootstrap_token_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    const PHASE: &str = "bootstrap-token";
    if ctx.deferred(PHASE) {
        return Ok(());
    }
    let token = super::init::current_token(ctx)?;
    let mut spec = objects::bootstrap_token::TokenSpec::new(token.0.clone(), Some(token.1));
    spec.description = Some("The default bootstrap token generated by 'kforge init'.".into());
    let mut objs = vec![objects::bootstrap_token::token_secret(&spec)?];
    objs.extend(objects::bootstrap_token::rbac()?);
    let ca = ca_pem(ctx)?;
    objs.extend(objects::bootstrap_token::cluster_info(
        &ctx.spec.control_plane_url(),
        &ca,
    )?);
    ctx.apply_all(PHASE, objs)?;
    ctx.api.bootstrap_done = !ctx.node().is_dry_run();
    Ok(())
}

fn ca_pem(ctx: &InitContext) -> Result<String> {
    let node = ctx.inst.node();
    let path = ctx.pki.cert_path(crate::pki::table::CA.base);
    crate::node::read_string(node, &path)?.ok_or_else(|| {
        anyhow!(
            "{}: missing; run the certs phase first",
            node.real_path(&path).display()
        )
    })
}

/// kubelet-finalize/enable-client-cert-rotation: once the kubelet has a
/// rotated client certificate (`/var/lib/kubelet/pki/kubelet-client-current.pem`),
/// kubelet.conf points at it instead of embedding the one init issued, as
/// kubeadm does; until then there is nothing to do, and this says so.
pub fn kubelet_finalize_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    const PHASE: &str = "kubelet-finalize";
    if !ctx.wants_sub(PHASE, sub, "enable-client-cert-rotation") {
        return Ok(());
    }
    let node = ctx.node();
    let current = Path::new(paths::KUBELET_DIR).join("pki/kubelet-client-current.pem");
    if !node.exists(&current)? {
        ctx.say(
            PHASE,
            format!(
                "Nothing to do: {} does not exist (the kubelet has not rotated its client certificate; kubelet.conf keeps the one init issued)",
                node.real_path(&current).display()
            ),
        );
        return Ok(());
    }
    let changed = crate::kubeconfig::point_kubelet_at(&ctx.inst, &current)?;
    ctx.say(
        PHASE,
        format!(
            "{} kubelet.conf to use {} (the kubelet rotates it)",
            if changed { "Updated" } else { "Unchanged:" },
            current.display()
        ),
    );
    Ok(())
}

/// addon: CoreDNS and kube-proxy.
pub fn addon_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    const PHASE: &str = "addon";
    if ctx.deferred(PHASE) {
        return Ok(());
    }
    if ctx.wants_sub(PHASE, sub, "coredns") && ctx.spec.dns.disabled == Some(true) {
        ctx.note(
            PHASE,
            "Skipped CoreDNS: dns.disabled is true in the configuration".into(),
        );
    } else if ctx.wants_sub(PHASE, sub, "coredns") {
        let objs = objects::coredns::objects_keeping_replicas(ctx.spec, coredns_replicas(ctx)?)?;
        ctx.apply_all("addon/coredns", objs)?;
    }
    if ctx.wants_sub(PHASE, sub, "kube-proxy") && ctx.spec.proxy_disabled {
        ctx.note(
            PHASE,
            "Skipped kube-proxy: proxy.disabled is true in the configuration".into(),
        );
    } else if ctx.wants_sub(PHASE, sub, "kube-proxy") {
        let objs = objects::kube_proxy::objects_with_env(ctx.spec, &crate::manifests::proxy_env())?;
        ctx.apply_all("addon/kube-proxy", objs)?;
    }
    Ok(())
}

/// The replica count of a CoreDNS already deployed (kubeadm keeps it, so an
/// operator's scaling survives a re-run).
fn coredns_replicas(ctx: &mut InitContext) -> Result<Option<i32>> {
    let Some(client) = ctx.client("addon")? else {
        return Ok(None);
    };
    let found = client.get_typed::<k8s_openapi::api::apps::v1::Deployment>(
        Some(objects::KUBE_SYSTEM),
        objects::coredns::NAME,
    )?;
    Ok(found.and_then(|d| d.spec).and_then(|s| s.replicas))
}

/// Whether the cluster holds the bootstrap objects a kubeadm join needs
/// (kube-public/cluster-info), when this run did not write them.
pub fn bootstrap_objects_exist(ctx: &mut InitContext) -> bool {
    if ctx.api.bootstrap_done {
        return true;
    }
    let Ok(Some(client)) = ctx.client("show-join-command") else {
        return false;
    };
    let probe = ApiObject {
        api_version: "v1".into(),
        kind: "ConfigMap".into(),
        namespace: Some("kube-public".into()),
        name: "cluster-info".into(),
        body: serde_json::Value::Null,
    };
    client.get(&probe).ok().flatten().is_some()
}
