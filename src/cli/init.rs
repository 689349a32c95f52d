//! `kforge init` and `kforge init phase <name> [<sub>]`.

use super::GlobalArgs;
use crate::exit::ExitStatus;
use crate::node::{DryRunNode, LocalNode, Node};
use crate::output::Printer;
use crate::phases::{self, init::InitContext, Selection};
use crate::pki::KeyAlgorithm;
use crate::spec::kubeadm_api::CidrList;
use crate::spec::load::{self, InitFlags};
use crate::token::BootstrapToken;
use crate::versions::KubeVersion;
use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use std::net::IpAddr;
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct InitArgs {
    #[command(subcommand)]
    pub phase: Option<InitSubcommand>,
    /// kubeadm config file (kubeadm.k8s.io/v1beta4 or v1beta3 InitConfiguration,
    /// ClusterConfiguration, optional KubeletConfiguration). Flags override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Kubernetes version of the control plane, e.g. v1.33.2, v1.33 (its newest patch), stable or
    /// stable-1.33 (from kforge's version table).
    #[arg(long, global = true, value_name = "VERSION")]
    pub kubernetes_version: Option<KubeVersion>,
    /// Stable address (host[:port]) of the control plane, e.g. a load balancer.
    #[arg(long, global = true, value_name = "HOST[:PORT]", value_parser = crate::values::parse_host_port_arg)]
    pub control_plane_endpoint: Option<String>,
    /// Address the API server advertises (default: the default-route interface's address).
    #[arg(long, global = true, value_name = "IP")]
    pub apiserver_advertise_address: Option<IpAddr>,
    /// Port the API server listens on.
    #[arg(long, global = true, value_name = "PORT", value_parser = crate::values::parse_port)]
    pub apiserver_bind_port: Option<u16>,
    /// Extra SANs (IPs or DNS names) for the API server certificate, comma-separated.
    #[arg(long, global = true, value_delimiter = ',', value_name = "SANS")]
    pub apiserver_cert_extra_sans: Vec<String>,
    /// Pod network CIDR; enables node CIDR allocation in the controller manager.
    #[arg(long, global = true, value_name = "CIDR")]
    pub pod_network_cidr: Option<CidrList>,
    /// Service CIDR (default 10.96.0.0/12).
    #[arg(long, global = true, value_name = "CIDR")]
    pub service_cidr: Option<CidrList>,
    /// Cluster DNS domain (default cluster.local).
    #[arg(long, global = true, value_name = "DOMAIN")]
    pub service_dns_domain: Option<String>,
    /// Node name (default: the hostname, lower-cased).
    #[arg(long, global = true, value_name = "NAME")]
    pub node_name: Option<String>,
    /// Certificates directory on the node (default /etc/kubernetes/pki).
    #[arg(long, global = true, value_name = "DIR")]
    pub cert_dir: Option<String>,
    /// Image registry for the control-plane images (default registry.k8s.io).
    #[arg(long, global = true, value_name = "REGISTRY")]
    pub image_repository: Option<String>,
    /// CRI socket the kubelet uses.
    #[arg(long, global = true, value_name = "URL")]
    pub cri_socket: Option<String>,
    /// Bootstrap token to print in the join command (default: generated).
    #[arg(long, global = true, value_name = "TOKEN")]
    pub token: Option<BootstrapToken>,
    /// Key algorithm: RSA-2048 (default), RSA-3072, RSA-4096, ECDSA-P256, ECDSA-P384.
    #[arg(long, global = true, value_name = "ALG")]
    pub encryption_algorithm: Option<KeyAlgorithm>,
    /// Preflight checks whose errors become warnings (comma-separated; `all` for every one).
    #[arg(long, global = true, value_delimiter = ',', value_name = "CHECKS", value_parser = crate::values::Candidates(crate::preflight::known_check_names), hide_possible_values = true)]
    pub ignore_preflight_errors: Vec<String>,
    /// Phases to skip (comma-separated).
    #[arg(long, global = true, value_delimiter = ',', value_name = "PHASES", value_parser = crate::values::Candidates(phase_names), hide_possible_values = true)]
    pub skip_phases: Vec<String>,
    /// Print the plan and the files that would be written; write nothing.
    #[arg(long, global = true)]
    pub dry_run: bool,
    /// Replace files kforge did not write (or that were edited since), keeping a backup of each.
    ///
    /// Certificates, keys, kubeconfigs, manifests and kubelet files that do not fit are
    /// replaced; each old file is first copied to
    /// /etc/kubernetes/tmp/kforge-backup-<UTC time>/<its path>. Without --force, kforge
    /// replaces such a file only when its FileAvailable-<path> preflight check is named in
    /// --ignore-preflight-errors (also keeping a backup), and otherwise refuses.
    #[arg(long, global = true)]
    pub force: bool,
    /// How long wait-control-plane waits for the API server (kubeadm's default 4m0s; under
    /// --root without this flag it asks once and, with no answer, puts the API phases off).
    #[arg(long, global = true, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::DAY))]
    pub control_plane_timeout: Option<time::Duration>,
}

/// `init phase <name> [<sub>]`. The phase and sub-phase words are clap
/// subcommands generated from the phase table (as kubeadm's are), so help,
/// man pages and completion offer certificate names after `phase certs`,
/// kubeconfig names after `phase kubeconfig`, and so on.
#[derive(Debug)]
pub enum InitSubcommand {
    /// Run one phase of init (see the list below).
    Phase {
        /// Phase name.
        name: String,
        /// Sub-phase (e.g. a certificate name); `all` or none runs the whole phase.
        sub: Option<String>,
    },
}

impl clap::FromArgMatches for InitSubcommand {
    fn from_arg_matches(m: &clap::ArgMatches) -> Result<Self, clap::Error> {
        let Some(("phase", pm)) = m.subcommand() else {
            return Err(clap::Error::new(clap::error::ErrorKind::InvalidSubcommand));
        };
        let Some((name, sm)) = pm.subcommand() else {
            return Err(clap::Error::new(clap::error::ErrorKind::MissingSubcommand));
        };
        Ok(InitSubcommand::Phase {
            name: name.to_string(),
            sub: sm.subcommand_name().map(String::from),
        })
    }
    fn update_from_arg_matches(&mut self, m: &clap::ArgMatches) -> Result<(), clap::Error> {
        *self = Self::from_arg_matches(m)?;
        Ok(())
    }
}

impl Subcommand for InitSubcommand {
    fn augment_subcommands(cmd: clap::Command) -> clap::Command {
        cmd.subcommand(phase_command())
    }
    fn augment_subcommands_for_update(cmd: clap::Command) -> clap::Command {
        Self::augment_subcommands(cmd)
    }
    fn has_subcommand(name: &str) -> bool {
        name == "phase"
    }
}

/// The phase names and `phase/sub` names, for `--skip-phases` completion.
fn phase_names() -> Vec<String> {
    let mut names = Vec::new();
    for p in &phases::init::phases() {
        names.push(p.name.to_string());
        for s in (p.subphases)() {
            if s.name != "all" {
                names.push(format!("{}/{}", p.name, s.name));
            }
        }
    }
    names
}

/// Help text from the table: its first letter upper-case, as clap's are.
fn about(help: &str) -> String {
    let mut c = help.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// `init phase`, with one subcommand per phase and, under it, one per
/// sub-phase, each with an example generated from its row.
fn phase_command() -> clap::Command {
    // Unknown words are taken as they are and refused by phases::validate,
    // whose message lists the phase's real sub-phases.
    let mut phase = clap::Command::new("phase")
        .about("Run one phase of init (see the list below)")
        .subcommand_required(true)
        .allow_external_subcommands(true)
        .disable_help_subcommand(true);
    for p in &phases::init::phases() {
        let subs = (p.subphases)();
        let mut examples = vec![format!("kforge init phase {}", p.name)];
        if let Some(s) = subs.iter().find(|s| s.name != "all") {
            examples.push(format!("kforge init phase {} {}", p.name, s.name));
        }
        let mut c = clap::Command::new(p.name)
            .allow_external_subcommands(!subs.is_empty())
            .disable_help_subcommand(true)
            .about(about(p.help))
            .after_long_help(example_block(&examples));
        for s in &subs {
            c = c.subcommand(
                clap::Command::new(s.name.clone())
                    .about(about(&s.help))
                    .after_long_help(example_block(&[format!(
                        "kforge init phase {} {}",
                        p.name, s.name
                    )])),
            );
        }
        phase = phase.subcommand(c);
    }
    let pcp = phases::api::POST_CONTROL_PLANE;
    phase.subcommand(
        clap::Command::new(pcp)
            .disable_help_subcommand(true)
            .about(
                "Every phase from wait-control-plane on (finishes a node whose API server was not up)",
            )
            .after_long_help(example_block(&[format!("kforge init phase {pcp}")])),
    )
}

fn example_block(lines: &[String]) -> String {
    let mut text = String::from("Examples:");
    for l in lines {
        text.push_str("\n  ");
        text.push_str(l);
    }
    text
}

/// The node's stored configuration (the cluster's part, then the node's
/// when there is one) as one kubeadm config, and how to name it.
fn stored_config(local: &LocalNode) -> Result<Option<(String, load::ConfigFile)>> {
    let cluster = std::path::Path::new(crate::paths::CLUSTER_CONFIG);
    let Some(mut text) = crate::node::read_string(local, cluster)? else {
        return Ok(None);
    };
    let mut shown = local.real_path(cluster).display().to_string();
    let node = std::path::Path::new(crate::paths::NODE_CONFIG);
    if let Some(n) = crate::node::read_string(local, node)? {
        text.push_str("\n---\n");
        text.push_str(&n);
        shown = format!("{shown} and {}", local.real_path(node).display());
    }
    let file = load::parse_config(std::path::Path::new(&shown), &text)?;
    Ok(Some((shown, file)))
}

/// Adds the phase list (generated from the tables) to `init`'s help.
pub fn decorate(cmd: clap::Command) -> clap::Command {
    let mut text =
        String::from("Phases, in order (run one with `kforge init phase <name> [<sub>]`):\n");
    for p in &phases::init::phases() {
        text.push_str(&format!("  {:<20} {}\n", p.name, p.help));
        for s in (p.subphases)() {
            text.push_str(&format!("    {:<18} {}\n", s.name, s.help));
        }
    }
    text.push_str(&format!(
        "  {:<20} {}\n",
        phases::api::POST_CONTROL_PLANE,
        "every phase from wait-control-plane on (finishes a node whose API server was not up)"
    ));
    cmd.after_long_help(text.clone())
        .mut_subcommand("phase", |c| c.after_long_help(text))
}

pub fn run(g: &GlobalArgs, printer: &Printer, a: InitArgs) -> Result<ExitStatus> {
    let flags = InitFlags {
        kubernetes_version: a.kubernetes_version,
        control_plane_endpoint: a.control_plane_endpoint,
        advertise_address: a.apiserver_advertise_address,
        bind_port: a.apiserver_bind_port,
        cert_extra_sans: a.apiserver_cert_extra_sans,
        pod_network_cidr: a.pod_network_cidr,
        service_cidr: a.service_cidr,
        service_dns_domain: a.service_dns_domain,
        node_name: a.node_name,
        cert_dir: a.cert_dir,
        image_repository: a.image_repository,
        ignore_preflight_errors: a.ignore_preflight_errors,
        skip_phases: a.skip_phases,
        cri_socket: a.cri_socket,
        token: a.token,
        encryption_algorithm: a.encryption_algorithm,
    };
    let local = LocalNode::new(g.root.clone());
    // A phase run alone takes the node's stored configuration as its defaults.
    let spec = match (&a.config, &a.phase) {
        (None, Some(_)) => match stored_config(&local)? {
            Some((shown, file)) => {
                printer.status(format!(
                    "[init] Using the node's stored configuration {shown} (flags override it)"
                ));
                load::resolve(Some(file), &flags).with_context(|| shown.clone())?
            }
            None => load::load(None, &flags)?,
        },
        _ => load::load(a.config.as_deref(), &flags)?,
    };
    // `kubernetesVersion: stable` in the config file: say what it meant.
    for line in crate::versions::take_resolved_labels() {
        printer.status(line);
    }
    for w in &spec.warnings {
        printer.warn(w);
    }
    let post_control_plane = matches!(&a.phase, Some(InitSubcommand::Phase { name, .. }) if name == phases::api::POST_CONTROL_PLANE);
    let mut selection = match a.phase {
        Some(InitSubcommand::Phase { name, sub }) if name == phases::api::POST_CONTROL_PLANE => {
            if let Some(sub) = sub {
                return Err(crate::exit::usage(format!(
                    "{name} has no sub-phases (got {sub:?})"
                )));
            }
            let all = phases::init::phases();
            let first = all
                .iter()
                .position(|p| p.name == phases::api::API_PHASES[0])
                .unwrap_or(0);
            Selection {
                only: None,
                skip: all[..first].iter().map(|p| p.name.to_string()).collect(),
            }
        }
        Some(InitSubcommand::Phase { name, sub }) => Selection {
            only: Some((name, sub)),
            skip: spec.skip_phases.clone(),
        },
        None => Selection {
            only: None,
            skip: spec.skip_phases.clone(),
        },
    };
    if selection.only.is_none() {
        for s in &spec.skip_phases {
            if !selection.skip.contains(s) {
                selection.skip.push(s.clone());
            }
        }
    }
    phases::validate(&phases::init::phases(), &selection)?;
    printer.status(format!(
        "[init] Using Kubernetes version: {}",
        spec.kubernetes_version
    ));

    let mut notes = Vec::new();
    let dry;
    let node: &dyn Node = if a.dry_run {
        dry = DryRunNode::new(&local);
        &dry
    } else {
        &local
    };
    let kept = phases::init::keep_etcd_data_dir(&spec, node)?;
    let spec = match kept {
        Some((kept, note)) => {
            printer.warn(format!("[etcd] {note}"));
            notes.push(format!("[etcd] {note}"));
            kept
        }
        None => spec,
    };
    let mut ctx = InitContext::new(&spec, node, a.force, selection.only.is_none(), printer)?;
    ctx.notes.extend(notes);
    ctx.api.timeout = a.control_plane_timeout;
    ctx.api.may_defer = selection.only.is_none() && !post_control_plane;
    ctx.api.skip = selection
        .skip
        .iter()
        .filter(|s| s.contains('/'))
        .cloned()
        .collect();
    let result = phases::run(&phases::init::phases(), &mut ctx, &selection);
    // Remember what was written even when a later phase failed.
    ctx.inst.save_ledger()?;
    let log = result?;
    // `--dry-run -o yaml` of API phases alone: the objects, as a YAML stream.
    let api_only = !log.ran.is_empty()
        && log.ran.iter().all(|r| {
            let name = r.split('/').next().unwrap_or_default();
            phases::api::API_PHASES.contains(&name) || name == "upload-config"
        });
    if a.dry_run && printer.format == crate::output::Format::Yaml && api_only {
        printer.out(crate::objects::to_yaml_stream(&ctx.api.dry_objects)?)?;
        return Ok(ExitStatus::Success);
    }
    let report = phases::init::InitReport {
        node: node.describe(),
        node_name: spec.node_name.clone(),
        kubernetes_version: spec.kubernetes_version.to_string(),
        dry_run: a.dry_run,
        phases: log,
        preflight: ctx.preflight,
        files: ctx.inst.records(),
        join: ctx.join,
        objects: ctx.api.objects,
        api_deferred: ctx.api.deferred,
        notes: ctx.notes,
        warnings: spec.warnings.clone(),
    };
    printer.emit(&report)?;
    Ok(ExitStatus::Success)
}
