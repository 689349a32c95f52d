//! `kforge init`: bootstrap a control-plane node in kubeadm's phases.

use super::{api, wants, Phase, PhaseLog, SubPhase};
use crate::install::{FileRecord, Installer, Outcome};
use crate::kubeconfig::{self, KUBECONFIGS};
use crate::kubelet::{self, KubeletSettings};
use crate::manifests::{self, EtcdMembership};
use crate::node::{read_string, Node};
use crate::output::{write_table, Printer, Render};
use crate::pki::{self, keys::KeyPool, PkiSettings, CERTS};
use crate::preflight::{self, CheckResult, Level};
use crate::spec::ClusterSpec;
use crate::token::{ca_public_key_hash, BootstrapToken};
use crate::{components, paths};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use time::OffsetDateTime;

/// Typed state shared by the init phases.
pub struct InitContext<'a> {
    pub spec: &'a ClusterSpec,
    pub inst: Installer<'a>,
    pub pki: PkiSettings,
    pub now: OffsetDateTime,
    pub printer: &'a Printer,
    pub preflight: Vec<CheckResult>,
    pub join: Option<JoinInfo>,
    pub notes: Vec<String>,
    /// The API phases' state (client, objects written, skipped sub-phases).
    pub api: super::api::ApiState,
    /// The bootstrap token of this run and when it expires, once chosen.
    token: Option<(BootstrapToken, OffsetDateTime)>,
}

impl<'a> InitContext<'a> {
    /// `prefill`: generate the keys a whole init needs in the background
    /// (not when running a single phase).
    pub fn new(
        spec: &'a ClusterSpec,
        node: &'a dyn Node,
        force: bool,
        prefill: bool,
        printer: &'a Printer,
    ) -> Result<Self> {
        let pki = spec.pki_settings();
        let missing = if prefill {
            missing_keys(node, spec, &pki)?
        } else {
            0
        };
        Ok(InitContext {
            spec,
            // The one replacement rule (install.rs): --force, or the ignored
            // FileAvailable- check that guards the file.
            inst: Installer::new(node, force)?.allowing(move |p: &Path| {
                preflight::Ignore::new(&spec.ignore_preflight_errors)
                    .covers(&preflight::path_check_name("FileAvailable-", p))
            }),
            pki: spec.pki_settings_with(KeyPool::prefill(spec.encryption_algorithm, missing)),
            now: OffsetDateTime::now_utc(),
            printer,
            preflight: Vec::new(),
            join: None,
            notes: Vec::new(),
            api: Default::default(),
            token: None,
        })
    }

    pub(super) fn node(&self) -> &'a dyn Node {
        self.inst.node()
    }

    pub(super) fn say(&self, phase: &str, msg: impl AsRef<str>) {
        self.printer.status(format!("[{phase}] {}", msg.as_ref()));
    }

    pub(super) fn note(&mut self, phase: &str, msg: String) {
        self.say(phase, &msg);
        self.notes.push(format!("[{phase}] {msg}"));
    }
}

/// The etcd data directory the node's existing etcd manifest points at, when
/// it differs from the configured one: after `snapshot restore --apply` the
/// manifest names the restored directory, and writing kubeadm's default
/// again would silently serve the old data. With the default `dataDir`,
/// init keeps the manifest's directory (and says so); with an explicit
/// `etcd.local.dataDir` that differs, it refuses rather than guess.
/// Returns the spec to use and the note to print.
pub fn keep_etcd_data_dir(
    spec: &ClusterSpec,
    node: &dyn Node,
) -> Result<Option<(ClusterSpec, String)>> {
    let Some(local) = spec.local_etcd() else {
        return Ok(None);
    };
    let path = Path::new(paths::ETCD_MANIFEST);
    if !node.exists(path)? {
        return Ok(None);
    }
    let shown = node.real_path(path).display().to_string();
    // An unreadable manifest is preflight's and the etcd phase's business.
    let Ok(pod) = crate::staticpod::read(node, components::ETCD.name) else {
        return Ok(None);
    };
    let Some(current) = pod.flag("data-dir") else {
        return Ok(None);
    };
    let norm = |s: &str| s.trim_end_matches('/').to_string();
    if norm(&current) == norm(&local.data_dir) || current.is_empty() {
        return Ok(None);
    }
    if norm(&local.data_dir) != paths::ETCD_DATA_DIR {
        bail!(
            "{shown} runs etcd with --data-dir={current}, but the configuration asks for              etcd.local.dataDir {}; kforge will not switch etcd to another data directory              (that would serve different data). Set etcd.local.dataDir to {current}, or move              {shown} away if you really mean to start over",
            local.data_dir
        );
    }
    let mut kept = spec.clone();
    if let crate::spec::EtcdSpec::Local(l) = &mut kept.etcd {
        l.data_dir = current.clone();
    }
    let note = format!(
        "keeping etcd's data directory {current} from the existing {shown}          (e.g. from `snapshot restore --apply`) instead of the default {};          set etcd.local.dataDir to choose another",
        paths::ETCD_DATA_DIR
    );
    Ok(Some((kept, note)))
}

/// How many keys a full init will generate: one per missing certificate,
/// the service-account key, one per missing kubeconfig.
fn missing_keys(node: &dyn Node, spec: &ClusterSpec, pki: &PkiSettings) -> Result<usize> {
    let mut n = 0;
    for c in CERTS {
        if (spec.local_etcd().is_some() || !c.etcd_local_only)
            && !node.exists(&pki.cert_path(c.base))?
        {
            n += 1;
        }
    }
    if !node.exists(&pki.cert_dir.join(pki::table::SA_KEY))? {
        n += 1;
    }
    for k in KUBECONFIGS {
        if !node.exists(&k.path())? {
            n += 1;
        }
    }
    Ok(n)
}

fn no_subphases() -> Vec<SubPhase> {
    Vec::new()
}

fn sub(name: &str, help: &str) -> SubPhase {
    SubPhase {
        name: name.to_string(),
        help: help.to_string(),
    }
}

fn cert_subphases() -> Vec<SubPhase> {
    let mut v: Vec<SubPhase> = CERTS.iter().map(|c| sub(c.name, c.help)).collect();
    v.push(sub(
        pki::table::SA_NAME,
        &format!(
            "service-account token signing key pair ({}, {})",
            pki::table::SA_KEY,
            pki::table::SA_PUB
        ),
    ));
    v.push(sub("all", "every certificate and key"));
    v
}

fn kubeconfig_subphases() -> Vec<SubPhase> {
    let mut v: Vec<SubPhase> = KUBECONFIGS.iter().map(|k| sub(k.name, k.help)).collect();
    v.push(sub("all", "every kubeconfig file"));
    v
}

fn control_plane_subphases() -> Vec<SubPhase> {
    let mut v: Vec<SubPhase> = components::static_pods()
        .filter(|c| *c != &components::ETCD)
        .map(|c| {
            sub(
                c.name.trim_start_matches("kube-"),
                &format!("static pod manifest for {}", c.name),
            )
        })
        .collect();
    v.push(sub("all", "every control-plane static pod manifest"));
    v
}

fn etcd_subphases() -> Vec<SubPhase> {
    vec![sub(
        "local",
        "static pod manifest for a local, single-member etcd",
    )]
}

/// The init workflow, in order.
pub fn phases<'a>() -> Vec<Phase<InitContext<'a>>> {
    vec![
        Phase {
            name: "preflight",
            help: "check the node is ready to become a control plane",
            subphases: no_subphases,
            run: preflight_phase,
        },
        Phase {
            name: "certs",
            help: "create the certificate authorities, certificates and keys",
            subphases: cert_subphases,
            run: certs_phase,
        },
        Phase {
            name: "kubeconfig",
            help: "write the kubeconfig files of the control plane and the admin",
            subphases: kubeconfig_subphases,
            run: kubeconfig_phase,
        },
        Phase {
            name: "etcd",
            help: "write the static pod manifest for local etcd",
            subphases: etcd_subphases,
            run: etcd_phase,
        },
        Phase {
            name: "control-plane",
            help: "write the static pod manifests of the control plane",
            subphases: control_plane_subphases,
            run: control_plane_phase,
        },
        Phase {
            name: "kubelet-start",
            help: "write the kubelet configuration and (re)start the kubelet",
            subphases: no_subphases,
            run: kubelet_start_phase,
        },
        Phase {
            name: "wait-control-plane",
            help: "wait for the API server to be live (--control-plane-timeout)",
            subphases: no_subphases,
            run: api::wait_control_plane_phase,
        },
        Phase {
            name: "upload-config",
            help: "store the cluster configuration on the node and upload it and the kubelet's to ConfigMaps",
            subphases: api::upload_config_subphases,
            run: upload_config_phase,
        },
        Phase {
            name: "mark-control-plane",
            help: "label and taint the node as a control plane",
            subphases: no_subphases,
            run: api::mark_control_plane_phase,
        },
        Phase {
            name: "bootstrap-token",
            help: "create the bootstrap token, the RBAC that lets tokens join, and cluster-info",
            subphases: no_subphases,
            run: api::bootstrap_token_phase,
        },
        Phase {
            name: "kubelet-finalize",
            help: "update the kubelet's settings after its TLS bootstrap",
            subphases: api::kubelet_finalize_subphases,
            run: api::kubelet_finalize_phase,
        },
        Phase {
            name: "addon",
            help: "install the CoreDNS and kube-proxy addons",
            subphases: api::addon_subphases,
            run: api::addon_phase,
        },
        Phase {
            name: "show-join-command",
            help: "print how to join more nodes",
            subphases: no_subphases,
            run: show_join_command_phase,
        },
    ]
}

fn preflight_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    ctx.say("preflight", "Running pre-flight checks");
    let mut results = preflight::run(ctx.spec, &ctx.inst)?;
    results.extend(conflicts(ctx)?);
    if ctx.inst.forced() {
        // --force: every file conflict becomes "replace it, keep a backup".
        for r in results.iter_mut() {
            if !r.passed && r.name.starts_with("FileAvailable-") {
                r.ignored = true;
            }
        }
    }
    for r in results.iter().filter(|r| !r.passed) {
        let tag = match (r.level, r.ignored) {
            (Level::Error, false) => "ERROR",
            _ => "WARNING",
        };
        // Warnings and errors: shown even with -q.
        ctx.printer
            .diag(format!("\t[{tag} {}]: {}", r.name, r.message));
    }
    let fatal: Vec<CheckResult> = results.iter().filter(|r| r.is_fatal()).cloned().collect();
    let names = fatal
        .iter()
        .map(|r| r.name.as_str())
        .collect::<Vec<_>>()
        .join(",");
    ctx.preflight = results;
    if !fatal.is_empty() {
        // One short line: the [ERROR …] lines above already say each one.
        let files = if fatal.iter().any(|r| r.name.starts_with("FileAvailable-")) {
            " (or --force to replace them)"
        } else {
            ""
        };
        let n = fatal.len();
        bail!(
            "{n} preflight error{} above; --ignore-preflight-errors={names} to proceed{files}",
            if n == 1 { "" } else { "s" }
        );
    }
    Ok(())
}

/// Every existing file init would write that does not fit, checked without
/// writing anything, so one preflight pass reports them all: certificates
/// and keys that do not match the configuration or their CA, kubeconfigs
/// made for another cluster or identity, and kubelet and cluster
/// configuration files kforge did not write. (Manifests are checked by
/// [`preflight::run`].) Each is a `FileAvailable-<path>` check: ignoring it,
/// or `--force`, replaces the file and keeps a backup (see install.rs).
fn conflicts(ctx: &InitContext) -> Result<Vec<CheckResult>> {
    let node = ctx.node();
    let spec = ctx.spec;
    let mut out = Vec::new();
    let mut push = |path: &Path, err: String| {
        let name = preflight::path_check_name("FileAvailable-", path);
        out.push(CheckResult {
            ignored: preflight::Ignore::new(&spec.ignore_preflight_errors).covers(&name),
            name,
            passed: false,
            level: Level::Error,
            message: err,
        });
    };
    let local_etcd = spec.local_etcd().is_some();
    for c in CERTS {
        if c.etcd_local_only && !local_etcd {
            continue;
        }
        if let Err(e) = pki::check_existing(node, &ctx.pki, c, ctx.now) {
            push(&ctx.pki.cert_path(c.base), format!("{e:#}"));
        }
    }
    if let Err(e) = pki::check_sa(node, &ctx.pki) {
        push(&ctx.pki.cert_dir.join(pki::table::SA_KEY), format!("{e:#}"));
    }
    for kc in KUBECONFIGS {
        if let Err(e) = kubeconfig::check_existing(node, spec, &ctx.pki, kc, ctx.now) {
            push(&kc.path(), format!("{e:#}"));
        }
    }
    let mut files = kubelet_files(ctx)?;
    files.push((
        Path::new(paths::CLUSTER_CONFIG).to_path_buf(),
        crate::spec::print::cluster_configuration(spec),
    ));
    files.push((
        Path::new(paths::NODE_CONFIG).to_path_buf(),
        crate::spec::print::node_configuration(spec),
    ));
    for (path, text) in files {
        match node.read(&path)? {
            Some(current) if current != text.as_bytes() && !ctx.inst.owns(&path)? => push(
                &path,
                format!(
                    "{} exists and was not written by kforge (or was edited since)",
                    node.real_path(&path).display()
                ),
            ),
            _ => {}
        }
    }
    Ok(out)
}

fn certs_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    let local_etcd = ctx.spec.local_etcd().is_some();
    for spec in CERTS {
        if !wants(sub, spec.name) || (spec.etcd_local_only && !local_etcd) {
            continue;
        }
        let outcome = pki::ensure_cert(&ctx.inst, &ctx.pki, spec, ctx.now)?;
        let verb = match outcome {
            Outcome::Created | Outcome::Replaced => "Generated",
            Outcome::External => "Verified the external",
            _ => "Using the existing",
        };
        ctx.say(
            "certs",
            format!("{verb} {:?} certificate and key", spec.base),
        );
    }
    if wants(sub, pki::table::SA_NAME) {
        let outcome = pki::ensure_sa(&ctx.inst, &ctx.pki)?;
        let verb = if outcome == Outcome::Created {
            "Generated"
        } else {
            "Using the existing"
        };
        ctx.say("certs", format!("{verb} \"sa\" key and public key"));
    }
    Ok(())
}

fn kubeconfig_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    for kc in KUBECONFIGS {
        if !wants(sub, kc.name) {
            continue;
        }
        let (outcome, warning) = kubeconfig::ensure(&ctx.inst, ctx.spec, &ctx.pki, kc, ctx.now)?;
        if let Some(w) = warning {
            ctx.printer.warn(&w);
            ctx.notes.push(format!("[kubeconfig] warning: {w}"));
        }
        let verb = if outcome == Outcome::Reused {
            "Using existing"
        } else {
            written(ctx, outcome)
        };
        ctx.say(
            "kubeconfig",
            format!("{verb} kubeconfig file {:?}", kc.file),
        );
    }
    Ok(())
}

fn etcd_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    let Some(local) = ctx.spec.local_etcd() else {
        ctx.note(
            "etcd",
            "external etcd configured: no local etcd manifest written".into(),
        );
        return Ok(());
    };
    let node = ctx.node();
    node.create_dir_all(Path::new(&local.data_dir), 0o700)?;
    node.create_dir_all(Path::new(paths::MANIFESTS_DIR), manifests::DIR_MODE)?;
    let text = manifests::etcd(ctx.spec, local, &EtcdMembership::new_cluster(ctx.spec))?;
    let path = manifests::manifest_path(&components::ETCD);
    let outcome = install_manifest(ctx, &components::ETCD, &text)?;
    ctx.say(
        "etcd",
        format!(
            "{} static pod manifest for local etcd: {:?}",
            written(ctx, outcome),
            node.real_path(&path)
        ),
    );
    Ok(())
}

fn control_plane_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    let node = ctx.node();
    node.create_dir_all(Path::new(paths::MANIFESTS_DIR), manifests::DIR_MODE)?;
    let exists = |p: &str| node.exists(Path::new(p)).unwrap_or(false);
    let external_ca = manifests::external_ca(node, &ctx.pki)?;
    for (comp, text) in manifests::control_plane(ctx.spec, &exists, external_ca)? {
        if !wants(sub, comp.name.trim_start_matches("kube-")) {
            continue;
        }
        let outcome = install_manifest(ctx, comp, &text)?;
        ctx.say(
            "control-plane",
            format!(
                "{} static pod manifest for {:?}",
                written(ctx, outcome),
                comp.name
            ),
        );
    }
    Ok(())
}

/// The progress verb for a file's outcome, matching the report's RESULT
/// column (a re-run says "Unchanged", never "Wrote", for a file it left alone).
/// In a dry run, the verb says what would happen, as the report's table does.
fn written(ctx: &InitContext, outcome: Outcome) -> &'static str {
    match (outcome, ctx.node().is_dry_run()) {
        (Outcome::Created, false) => "Wrote",
        (Outcome::Created, true) => "Would write",
        (Outcome::Replaced, false) => "Replaced",
        (Outcome::Replaced, true) => "Would replace",
        (Outcome::Unchanged, _) => "Unchanged",
        (Outcome::Reused, _) => "Using existing",
        (Outcome::External, _) => "Verified external",
    }
}

/// Writes a manifest; someone else's file is replaced only under the
/// installer's rule (its FileAvailable--... check ignored, or --force), with
/// a backup, as kubeadm replaces it when the check is ignored. What was
/// rendered is kept as the base of a later upgrade's merge.
fn install_manifest(ctx: &InitContext, c: &components::Component, text: &str) -> Result<Outcome> {
    let path = manifests::manifest_path(c);
    let outcome = ctx.inst.install(&path, text.as_bytes(), manifests::MODE)?;
    manifests::base::store(&ctx.inst, c, text)?;
    Ok(outcome)
}

/// Stores the cluster configuration on the node (kforge's own record, which
/// upgrade, join and `init phase` read), then uploads it and the kubelet's
/// to the cluster (see [`api::upload_config_phase`]).
fn upload_config_phase(ctx: &mut InitContext, sub: Option<&str>) -> Result<()> {
    store_cluster_config(ctx)?;
    api::upload_config_phase(ctx, sub)
}

fn store_cluster_config(ctx: &mut InitContext) -> Result<()> {
    for (path, text, what) in [
        (
            paths::CLUSTER_CONFIG,
            crate::spec::print::cluster_configuration(ctx.spec),
            "ClusterConfiguration",
        ),
        (
            paths::NODE_CONFIG,
            crate::spec::print::node_configuration(ctx.spec),
            "node's InitConfiguration",
        ),
    ] {
        ctx.inst.install(Path::new(path), text.as_bytes(), 0o600)?;
        ctx.say(
            "upload-config",
            format!(
                "Stored the {what} in {:?}",
                ctx.node().real_path(Path::new(path))
            ),
        );
    }
    Ok(())
}

/// The kubelet settings of this node.
pub fn kubelet_settings<'a>(
    spec: &'a ClusterSpec,
    node: &dyn Node,
    hostname: Option<&'a str>,
) -> KubeletSettings<'a> {
    KubeletSettings {
        release: spec.release,
        cert_dir: &spec.cert_dir,
        service_subnets: &spec.service_subnets,
        dns_domain: &spec.dns_domain,
        cri_socket: &spec.cri_socket,
        image_repository: &spec.image_repository,
        node_name: &spec.node_name,
        hostname,
        extra_args: &spec.kubelet_extra_args,
        systemd_resolved: node
            .exists(Path::new(kubelet::RESOLVED_RESOLV_CONF))
            .unwrap_or(false),
        overrides: spec.kubelet_config_overrides.as_ref(),
    }
}

/// The kubelet files init writes on this node.
fn kubelet_files(ctx: &InitContext) -> Result<Vec<(std::path::PathBuf, String)>> {
    let node = ctx.node();
    // The OS hostname matters only on a real node (--hostname-override).
    let hostname = if node.root().is_none() {
        crate::spec::host::hostname().ok()
    } else {
        None
    };
    kubelet::files(&kubelet_settings(ctx.spec, node, hostname.as_deref()))
}

fn kubelet_start_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    let node = ctx.node();
    node.create_dir_all(Path::new(paths::KUBELET_DIR), 0o700)?;
    for (path, text) in kubelet_files(ctx)? {
        let outcome = ctx
            .inst
            .install(&path, text.as_bytes(), kubelet::CONFIG_MODE)?;
        ctx.say(
            "kubelet-start",
            format!("{} {:?}", written(ctx, outcome), node.real_path(&path)),
        );
    }
    let restarted = if node.root().is_some() && !node.is_dry_run() {
        Err("--root is set, so this is not the machine's own kubelet".to_string())
    } else {
        kubelet::restart(node)?
    };
    match restarted {
        Ok(()) => ctx.say("kubelet-start", "Restarted the kubelet"),
        Err(r) => ctx.note(
            "kubelet-start",
            format!("Skipped restarting the kubelet: {r}"),
        ),
    }
    Ok(())
}

/// How to join more nodes.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct JoinInfo {
    pub api_server_endpoint: String,
    /// kforge's way: from this node, over SSH.
    pub kforge_command: String,
    pub token: String,
    pub token_expires: String,
    pub ca_cert_hash: String,
    /// kubeadm's way, only when the cluster holds the bootstrap objects it needs.
    pub kubeadm_worker_command: Option<String>,
    pub token_secret_file: String,
}

/// The KubeletConfiguration init writes to the node (what upload-config/kubelet uploads).
pub(super) fn kubelet_config_text(ctx: &InitContext) -> Result<String> {
    kubelet_files(ctx)?
        .into_iter()
        .find(|(p, _)| p == Path::new(paths::KUBELET_CONFIG))
        .map(|(_, t)| t)
        .ok_or_else(|| anyhow!("no kubelet configuration rendered (a kforge bug)"))
}

/// The bootstrap token of this run: the one in the node's token file while
/// it is valid (and is the one asked for), so re-runs are idempotent; else
/// `--token` or a new one, valid 24 h. The file (kforge's record, read by
/// `join --tls-bootstrap`) is written here.
pub(super) fn current_token(ctx: &mut InitContext) -> Result<(BootstrapToken, OffsetDateTime)> {
    if let Some(t) = &ctx.token {
        return Ok(t.clone());
    }
    let node = ctx.node();
    let secret_path = Path::new(paths::BOOTSTRAP_TOKEN_SECRET);
    let (token, expires) = match crate::token::read_token_secret(node, secret_path, ctx.now)? {
        Some(t)
            if ctx
                .spec
                .bootstrap_token
                .as_ref()
                .is_none_or(|want| *want == t.0) =>
        {
            t
        }
        _ => {
            let token = ctx
                .spec
                .bootstrap_token
                .clone()
                .unwrap_or_else(BootstrapToken::generate);
            (token, ctx.now + crate::spec::defaults::BOOTSTRAP_TOKEN_TTL)
        }
    };
    // RFC 3339 in whole seconds, as kubeadm writes a token's expiration.
    let expires_s = crate::objects::bootstrap_token::format_expiration(expires);
    let secret = token_secret(&token, &expires_s);
    ctx.inst.install(secret_path, secret.as_bytes(), 0o600)?;
    ctx.token = Some((token.clone(), expires));
    Ok((token, expires))
}

fn show_join_command_phase(ctx: &mut InitContext, _: Option<&str>) -> Result<()> {
    let node = ctx.node();
    let ca_path = ctx.pki.cert_path(pki::table::CA.base);
    let ca_text = read_string(node, &ca_path)?.ok_or_else(|| {
        anyhow!(
            "{}: missing; run the certs phase first",
            node.real_path(&ca_path).display()
        )
    })?;
    let ca = pki::CertInfo::from_pem(&ca_text)?;
    let hash = ca_public_key_hash(&ca.spki_der);
    let (token, expires) = current_token(ctx)?;
    let endpoint = ctx
        .spec
        .control_plane_url()
        .trim_start_matches("https://")
        .to_string();
    let kubeadm = api::bootstrap_objects_exist(ctx).then(|| {
        format!(
            "kubeadm join {endpoint} --token {token} \\\n\t--discovery-token-ca-cert-hash {hash}"
        )
    });
    let info = JoinInfo {
        kforge_command: crate::token::kforge_join_line(node.root()),
        kubeadm_worker_command: kubeadm,
        api_server_endpoint: endpoint,
        token: token.to_string(),
        token_expires: crate::output::rfc3339_ms(expires),
        ca_cert_hash: hash,
        token_secret_file: node
            .real_path(Path::new(paths::BOOTSTRAP_TOKEN_SECRET))
            .display()
            .to_string(),
    };
    ctx.join = Some(info);
    Ok(())
}

fn token_secret(token: &BootstrapToken, expires: &str) -> String {
    format!(
        "# kforge's record of the bootstrap token init made (the bootstrap-token phase\n\
         # creates this Secret in the cluster; `kforge join --tls-bootstrap` reads this file).\n\
         apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-{id}\n  namespace: kube-system\n\
         type: bootstrap.kubernetes.io/token\nstringData:\n  auth-extra-groups: {group}\n  expiration: \"{expires}\"\n\
         \x20 token-id: {id}\n  token-secret: {secret}\n  usage-bootstrap-authentication: \"true\"\n  usage-bootstrap-signing: \"true\"\n",
        id = token.id,
        secret = token.secret,
        group = crate::spec::defaults::BOOTSTRAP_TOKEN_GROUP,
    )
}

/// What `init` did, for `-o json|yaml` and the closing summary.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InitReport {
    pub node: String,
    pub node_name: String,
    pub kubernetes_version: String,
    pub dry_run: bool,
    pub phases: PhaseLog,
    pub preflight: Vec<CheckResult>,
    pub files: Vec<FileRecord>,
    pub join: Option<JoinInfo>,
    /// What the API phases wrote (or would, in a dry run).
    pub objects: Vec<api::ObjectRecord>,
    /// Set when the API phases were put off: the line naming what finishes the cluster.
    pub api_deferred: Option<String>,
    pub notes: Vec<String>,
    pub warnings: Vec<String>,
}

impl Render for InitReport {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        if !self.files.is_empty() {
            let rows: Vec<Vec<String>> = self
                .files
                .iter()
                .map(|f| {
                    let outcome = serde_json::to_value(f.outcome)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default();
                    vec![
                        f.path.display().to_string(),
                        f.mode.clone(),
                        if self.dry_run {
                            format!("would be {outcome}")
                        } else {
                            outcome
                        },
                    ]
                })
                .collect();
            write_table(out, &["FILE", "MODE", "RESULT"], &rows)?;
            for f in self.files.iter() {
                if let Some(b) = &f.backup {
                    writeln!(
                        out,
                        "kept the replaced {} as {}",
                        f.path.display(),
                        b.display()
                    )?;
                }
            }
        }
        if !self.objects.is_empty() {
            writeln!(out)?;
            let rows: Vec<Vec<String>> = self
                .objects
                .iter()
                .map(|o| {
                    vec![
                        o.kind.clone(),
                        match &o.namespace {
                            Some(ns) => format!("{ns}/{}", o.name),
                            None => o.name.clone(),
                        },
                        o.result.as_str().to_string(),
                    ]
                })
                .collect();
            write_table(out, &["OBJECT", "NAME", "RESULT"], &rows)?;
        }
        if self.dry_run {
            writeln!(out, "\nDry run: nothing was written.")?;
            return Ok(());
        }
        if let Some(j) = &self.join {
            let admin = self
                .files
                .iter()
                .find(|f| f.path.ends_with(kubeconfig::ADMIN.file))
                .map(|f| f.path.display().to_string());
            writeln!(out, "\nYour Kubernetes control-plane node is configured.")?;
            if let Some(a) = admin {
                writeln!(out, "\nTo use the cluster:\n\n  export KUBECONFIG={a}")?;
            }
            writeln!(
                out,
                "\nStill your job: install a Pod network (CNI) plugin; until one runs, nodes stay NotReady and CoreDNS does not start."
            )?;
            writeln!(
                out,
                "\nJoin more nodes from this node, over SSH:\n\n  {}",
                j.kforge_command
            )?;
            if let Some(k) = &j.kubeadm_worker_command {
                writeln!(
                    out,
                    "\nor with kubeadm, on each worker as root (token valid until {}):\n\n{k}",
                    j.token_expires
                )?;
            }
        }
        if let Some(d) = &self.api_deferred {
            writeln!(out, "\n{d}")?;
        }
        Ok(())
    }
}
