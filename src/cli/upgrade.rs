//! `kforge upgrade plan [VERSION]` and `kforge upgrade apply VERSION`.

use super::hosts::HostArgs;
use super::GlobalArgs;
use crate::exit::{usage, ExitStatus};
use crate::output::{write_table, Printer, Render};
use crate::upgrade::{self, plan::Plan, RemoteHost};
use crate::versions::{Target, TargetError};
use anyhow::Result;
use clap::{Args, Subcommand, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum UpgradeCommand {
    /// Show the path to VERSION, what blocks it and what would change (read-only).
    Plan(Box<PlanArgs>),
    /// Upgrade the whole cluster to VERSION: etcd, API servers, controller-manager
    /// and scheduler, kubelets, workers; journaled, resumable, with rollback.
    Apply(Box<ApplyArgs>),
}

#[derive(Debug, Clone, Args)]
pub struct Common {
    #[command(flatten)]
    pub ssh: HostArgs,
    /// Every HOST is a control-plane node with stacked etcd (the inventory's
    /// `role:` says it per host).
    #[arg(long)]
    pub control_plane: bool,
    /// etcd image tag for this hop (a pinned or custom etcd; default: the version table's).
    #[arg(long, value_name = "TAG")]
    pub etcd_image_tag: Option<String>,
    /// Leave the workers' kubelets for a later hop (refused when they would
    /// fall out of the kubelet's 3-minor window).
    #[arg(long)]
    pub skip_workers: bool,
    /// Where your edit of a manifest and the new release's render change the
    /// same value differently, keep yours (default: such a conflict blocks).
    #[arg(long, conflicts_with = "prefer_new")]
    pub prefer_mine: bool,
    /// Where your edit of a manifest and the new release's render change the
    /// same value differently, take the new release's.
    #[arg(long)]
    pub prefer_new: bool,
}

impl Common {
    fn prefer(&self) -> Option<upgrade::edit::Prefer> {
        match (self.prefer_mine, self.prefer_new) {
            (true, _) => Some(upgrade::edit::Prefer::Mine),
            (_, true) => Some(upgrade::edit::Prefer::New),
            _ => None,
        }
    }
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 the upgrade can proceed (or nothing to do), 1 blockers (listed, each with its fix), 2 usage error."
)]
pub struct PlanArgs {
    /// Target version (default: the next minor after the running control plane):
    /// v1.33.2, v1.33 (its newest patch), stable or stable-1.33 (from kforge's
    /// version table). A first argument that is not a version is taken as a HOST.
    #[arg(id = "target", value_name = "VERSION")]
    pub version: Option<String>,
    #[command(flatten)]
    pub common: Common,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CertRenewal {
    /// Renew what expires within 180 days.
    Auto,
    /// Renew every certificate the upgrade touches (kubeadm's `true`).
    #[value(alias = "true")]
    Always,
    /// Renew nothing (kubeadm's `false`).
    #[value(alias = "false")]
    Never,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 upgraded (or nothing to do), 1 a step failed (rolled back; the report says where the cluster stands), 2 usage error or refused confirmation, 4 another upgrade is running."
)]
pub struct ApplyArgs {
    /// Target version: the next minor (or a patch of the current one); v1.33
    /// means its newest patch, stable and stable-1.33 come from kforge's version table.
    #[arg(id = "target", value_name = "VERSION", value_parser = parse_version)]
    pub version: Target,
    #[command(flatten)]
    pub common: Common,
    /// Do not ask for confirmation.
    #[arg(long, short = 'y')]
    pub yes: bool,
    /// Print the plan and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// How long each component may take to come back healthy at its new version.
    #[arg(long, default_value = "5m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::DAY))]
    pub component_timeout: time::Duration,
    /// Certificate renewal: auto renews what expires within 180 days; kubeadm's booleans
    /// work too (--certificate-renewal=true is always, =false is never; alone, always).
    #[arg(long, value_enum, default_value_t = CertRenewal::Auto, num_args = 0..=1, default_missing_value = "always", value_name = "WHEN")]
    pub certificate_renewal: CertRenewal,
    /// Install the new kubelet with this command on each node ({version} is
    /// replaced by e.g. 1.32.0), e.g. 'apt-get install -y kubelet={version}-*'.
    #[arg(long, value_name = "TEMPLATE", conflicts_with = "kubelet_binary")]
    pub kubelet_upgrade_command: Option<String>,
    /// Upload this kubelet binary to each node instead.
    #[arg(long, value_name = "FILE")]
    pub kubelet_binary: Option<PathBuf>,
    /// Workers upgraded (drained) at the same time.
    #[arg(long, default_value_t = 1, value_name = "N", value_parser = crate::values::CountRange::new(1, 1000))]
    pub max_unavailable: usize,
    /// Upgrade backup directories kept on each node (older ones are removed after a success).
    #[arg(long, default_value_t = 3, value_name = "N", value_parser = crate::values::CountRange::new(1, 100))]
    pub keep_backups: usize,
    /// Preflight checks whose errors become warnings (comma-separated; `all` for every one).
    #[arg(long, value_delimiter = ',', value_name = "CHECKS")]
    pub ignore_preflight_errors: Vec<String>,
    /// Restart the etcd leader without moving leadership away first (to measure the difference).
    #[arg(long)]
    pub no_leader_move: bool,
}

fn parse_version(s: &str) -> Result<Target, String> {
    Target::parse(s).map_err(|e| e.to_string())
}

/// Whether a first word that is no version names a host: an address, a
/// `user@host[:port]`, a dotted name, or a name that resolves.
fn is_host(word: &str) -> bool {
    use std::net::ToSocketAddrs;
    word.parse::<std::net::IpAddr>().is_ok()
        || word.contains(['@', ':', '.', '='])
        || (word, 22)
            .to_socket_addrs()
            .is_ok_and(|mut a| a.next().is_some())
}

/// The hosts of `--inventory` and `HOST…`, as the upgrade reaches them.
fn remote_hosts(c: &Common) -> Result<Vec<RemoteHost>> {
    if !c.ssh.any() {
        return Ok(vec![]);
    }
    let (list, ssh) = c.ssh.resolve(c.control_plane, None)?;
    Ok(list
        .iter()
        .map(|h| RemoteHost {
            label: h.spec.clone(),
            name: h.name.clone(),
            role: h.role,
            target: h.ssh_target(&ssh),
        })
        .collect())
}

/// The stored cluster configuration's pinned etcd image tag, if any.
fn pinned_etcd_tag(root: Option<&std::path::Path>) -> Result<Option<String>> {
    let cluster = crate::join::cluster::Cluster::load(root)?;
    Ok(cluster.spec.local_etcd().and_then(|l| l.image_tag.clone()))
}

pub fn make_plan(
    g: &GlobalArgs,
    p: &Printer,
    c: &Common,
    to: Option<Target>,
    apply: bool,
) -> Result<(Plan, Vec<upgrade::ClusterNode>)> {
    let hosts = remote_hosts(c)?;
    let pinned = pinned_etcd_tag(g.root.as_deref())?;
    let spinner = p.spinner("looking at every node and component");
    let (nodes, unreachable) = upgrade::connect(g.root.clone(), &hosts);
    let pki =
        crate::spec::ClusterSpec::pki_settings_for_dir(std::path::Path::new(crate::paths::PKI_DIR));
    let inv = upgrade::inventory::gather(&nodes, unreachable, &pki, true);
    if let Some(s) = spinner {
        s.finish_and_clear();
    }
    let req = upgrade::plan::Request {
        target: to,
        etcd_image_tag: c.etcd_image_tag.clone(),
        pinned_etcd_tag: pinned,
        skip_workers: c.skip_workers,
        apply,
        renew_within_days: Some(upgrade::apply::AUTO_RENEW_DAYS),
        prefer: c.prefer(),
    };
    Ok((upgrade::plan::make(inv, &nodes, &req), nodes))
}

pub fn plan(g: &GlobalArgs, p: &Printer, mut a: PlanArgs) -> Result<ExitStatus> {
    let mut to = None;
    if let Some(first) = a.version.take() {
        let addr = first.parse::<std::net::IpAddr>().is_ok() || first.contains(['@', ':']);
        match Target::parse(&first) {
            _ if addr => a.common.ssh.hosts.insert(0, first),
            Ok(v) => to = Some(v),
            Err(TargetError::NotAVersion(_)) if is_host(&first) => {
                a.common.ssh.hosts.insert(0, first)
            }
            Err(e) => return Err(usage(e.to_string())),
        }
    }
    if let Some(t) = &a.common.etcd_image_tag {
        t.parse::<crate::versions::EtcdVersion>()
            .map_err(|e| usage(format!("--etcd-image-tag: {e}")))?;
    }
    let (plan, _) = make_plan(g, p, &a.common, to, false)?;
    p.emit(&PlanOut(&plan))?;
    if !plan.blockers.is_empty() {
        p.error(format!(
            "{} blocker(s): the upgrade cannot proceed (each is listed with its fix)",
            plan.blockers.len()
        ));
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

#[derive(serde::Serialize)]
#[serde(transparent)]
pub struct PlanOut<'a>(pub &'a Plan);

impl Render for PlanOut<'_> {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        render_plan(self.0, out)
    }
}

pub fn render_plan(p: &Plan, out: &mut dyn Write) -> std::io::Result<()> {
    let v = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".into());
    writeln!(out, "INVENTORY")?;
    let mut rows = Vec::new();
    for n in &p.inventory.nodes {
        for sp in &n.static_pods {
            let health = match &sp.observed {
                Some(o) if o.healthy => format!("healthy, reports {}", v(&o.version)),
                Some(o) => format!("UNHEALTHY: {}", v(&o.problem)),
                None => sp.problem.clone().unwrap_or_default(),
            };
            rows.push(vec![
                n.node.clone(),
                sp.component.to_string(),
                v(&sp.version),
                health,
            ]);
        }
        rows.push(vec![
            n.node.clone(),
            "kubelet".into(),
            v(&n.kubelet),
            n.kubelet_problem.clone().unwrap_or_default(),
        ]);
    }
    if let Some(e) = &p.inventory.etcd {
        for m in &e.members {
            rows.push(vec![
                format!("etcd member {}", m.name),
                format!(
                    "etcd{}",
                    if m.is_leader {
                        " (leader)"
                    } else if m.is_learner {
                        " (learner)"
                    } else {
                        ""
                    }
                ),
                format!("server {} cluster {}", v(&m.server), v(&m.cluster)),
                m.problem
                    .clone()
                    .unwrap_or_else(|| format!("raft index {}", m.raft_index)),
            ]);
        }
    }
    write_table(out, &["NODE", "COMPONENT", "VERSION", "STATE"], &rows)?;
    for n in &p.inventory.nodes {
        if let Some(c) = n.certificates.first() {
            writeln!(
                out,
                "{}: soonest certificate expiry: {} in {} day(s)",
                n.node, c.name, c.days_left
            )?;
        }
        if let Some(d) = &n.disk {
            writeln!(
                out,
                "{}: backups in {}: {} free, {} needed",
                n.node,
                d.dir,
                d.available_bytes
                    .map(crate::output::human_size)
                    .unwrap_or_else(|| "?".into()),
                crate::output::human_size(d.needed_bytes)
            )?;
        }
    }
    writeln!(
        out,
        "\nPATH {} -> {}",
        p.current
            .map(|c| c.to_string())
            .unwrap_or_else(|| "?".into()),
        p.target
            .map(|c| c.to_string())
            .unwrap_or_else(|| "?".into())
    )?;
    if p.hops.is_empty() {
        writeln!(out, "  nothing to do")?;
    }
    for (i, h) in p.hops.iter().enumerate() {
        writeln!(
            out,
            "  {}. {} (etcd {}; workers {}): {}",
            i + 1,
            h.version,
            h.etcd_image_tag
                .clone()
                .unwrap_or_else(|| "unchanged".into()),
            if h.workers { "upgraded" } else { "later" },
            h.command
        )?;
    }
    writeln!(out, "Point of no return: {}", p.point_of_no_return)?;
    if !p.steps.is_empty() {
        writeln!(out, "\nSTEPS of the next hop")?;
        let rows: Vec<Vec<String>> = p
            .steps
            .iter()
            .enumerate()
            .map(|(i, s)| {
                vec![
                    (i + 1).to_string(),
                    s.phase.to_string(),
                    s.node.clone(),
                    s.component.to_string(),
                    format!("{} -> {}", v(&s.from), s.to),
                ]
            })
            .collect();
        write_table(out, &["#", "PHASE", "NODE", "COMPONENT", "CHANGE"], &rows)?;
    }
    for c in &p.changes {
        writeln!(out, "\n{}: {}", c.node, c.path)?;
        for l in &c.diff {
            writeln!(out, "  {l}")?;
        }
        for (title, list) in [
            (
                "your edits kept (current file vs. what kforge rendered last)",
                &c.kept,
            ),
            ("conflicts settled", &c.resolved),
            ("note", &c.notes),
        ] {
            if !list.is_empty() {
                writeln!(out, "  {title}:")?;
                for l in list {
                    writeln!(out, "    - {l}")?;
                }
            }
        }
    }
    for (title, list) in [("WARNINGS", &p.warnings), ("BLOCKERS", &p.blockers)] {
        if list.is_empty() {
            continue;
        }
        writeln!(out, "\n{title}")?;
        for f in list {
            writeln!(out, "- {}: {}\n  fix: {}", f.what, f.reason, f.fix)?;
        }
    }
    Ok(())
}

pub fn run(g: &GlobalArgs, p: &Printer, c: UpgradeCommand) -> Result<ExitStatus> {
    match c {
        UpgradeCommand::Plan(a) => plan(g, p, *a),
        UpgradeCommand::Apply(a) => apply(g, p, *a),
    }
}

pub fn apply(g: &GlobalArgs, p: &Printer, a: ApplyArgs) -> Result<ExitStatus> {
    if let Some(t) = &a.common.etcd_image_tag {
        t.parse::<crate::versions::EtcdVersion>()
            .map_err(|e| usage(format!("--etcd-image-tag: {e}")))?;
    }
    if let Some(b) = &a.kubelet_binary {
        if !b.is_file() {
            return Err(usage(format!(
                "--kubelet-binary {}: no such file",
                b.display()
            )));
        }
    }
    if let Some(t) = &a.kubelet_upgrade_command {
        if !t.contains("{version}") {
            return Err(usage(
                "--kubelet-upgrade-command: the template must contain {version}",
            ));
        }
    }
    // Signal handlers, the lock and an interrupted run's journal, before the
    // plan (a second run never judges a cluster the first one is changing).
    let mut op = if a.dry_run {
        None
    } else {
        Some(upgrade::apply::begin(
            std::sync::Arc::new(crate::node::LocalNode::new(g.root.clone())),
            &a.version.to_string(),
        )?)
    };
    let (mut plan, mut nodes) = make_plan(g, p, &a.common, Some(a.version), true)?;
    // Resuming a killed run: the component it was swapping may still be
    // restarting (etcd down, say). Finishing that step comes first, so its
    // health is waited for (up to --component-timeout) before the blockers
    // of the plan count.
    let resuming = op.as_ref().is_some_and(|o| o.previous().is_some());
    if resuming && !plan.blockers.is_empty() {
        p.status(format!(
            "an earlier apply did not finish: waiting up to {} for what it left restarting",
            crate::values::format_duration(a.component_timeout)
        ));
        let every = crate::wait::Every::new(
            std::time::Duration::from_millis(500),
            crate::values::to_std(a.component_timeout),
        );
        let mut first = true;
        // A timeout or a signal ends the wait with the plan as it stands.
        let _ = crate::wait::until(every, || {
            if !std::mem::take(&mut first) {
                (plan, nodes) = make_plan(g, p, &a.common, Some(a.version), true)?;
            }
            Ok(if plan.blockers.is_empty() {
                Ok(())
            } else {
                Err(format!("{} blocker(s)", plan.blockers.len()))
            })
        })?;
    }
    if a.dry_run {
        p.emit(&PlanOut(&plan))?;
        if !plan.blockers.is_empty() {
            p.error(format!(
                "{} blocker(s): apply would refuse",
                plan.blockers.len()
            ));
            return Ok(ExitStatus::Failure);
        }
        return Ok(ExitStatus::Success);
    }
    if !plan.blockers.is_empty() {
        p.emit(&PlanOut(&plan))?;
        p.error(format!(
            "{} blocker(s): nothing was changed (each is listed with its fix)",
            plan.blockers.len()
        ));
        return Ok(ExitStatus::Failure);
    }
    let Some(target) = plan.target else {
        return Err(anyhow::anyhow!("no target version could be resolved"));
    };
    if !a.yes {
        let mut out = Vec::new();
        render_plan(&plan, &mut out)?;
        super::confirm::ask(
            &String::from_utf8_lossy(&out),
            &format!(
                "Upgrade {} node(s) from {} to {}?",
                nodes.len(),
                plan.current.map(|v| v.to_string()).unwrap_or_default(),
                target
            ),
            "upgrade the whole cluster",
        )?;
    }
    let o = upgrade::apply::Options {
        target,
        component_timeout: crate::values::to_std(a.component_timeout),
        renewal: match a.certificate_renewal {
            CertRenewal::Auto => upgrade::apply::Renewal::Auto,
            CertRenewal::Always => upgrade::apply::Renewal::Always,
            CertRenewal::Never => upgrade::apply::Renewal::Never,
        },
        kubelet_command: a.kubelet_upgrade_command.clone(),
        kubelet_binary: a.kubelet_binary.clone(),
        max_unavailable: a.max_unavailable,
        keep_backups: a.keep_backups,
        ignore: crate::preflight::Ignore::new(&a.ignore_preflight_errors),
        no_leader_move: a.no_leader_move,
        prefer: a.common.prefer(),
    };
    let progress = |labels: &[String]| {
        p.spinners(labels).map(|bars| {
            std::sync::Arc::new(crate::rollout::progress::Bars::new(bars))
                as std::sync::Arc<dyn crate::rollout::Progress>
        })
    };
    let op = op.as_mut().ok_or_else(|| anyhow::anyhow!("not begun"))?;
    let report = upgrade::apply::run(op, nodes, &plan, o, &progress, &|m| p.status(m))?;
    p.emit(&ApplyOut(&report))?;
    // The last line says what the report says (never more).
    if let Some(e) =
        crate::rollout::runner::interrupted(|| format!("{}; next: {}", report.stands, report.next))
    {
        return Err(e);
    }
    if report.outcome == upgrade::apply::RunOutcome::Failed {
        p.error(format!("upgrade failed: {}", report.stands));
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

#[derive(serde::Serialize)]
#[serde(transparent)]
pub struct ApplyOut<'a>(pub &'a upgrade::apply::Report);

impl Render for ApplyOut<'_> {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let r = self.0;
        let rows: Vec<Vec<String>> = r
            .steps
            .iter()
            .map(|s| {
                vec![
                    s.node.clone(),
                    s.phase.to_string(),
                    s.step.clone(),
                    s.outcome.to_string(),
                    format!("{:.1}s", s.seconds),
                    s.detail.lines().next().unwrap_or("").to_string(),
                ]
            })
            .collect();
        write_table(
            out,
            &["NODE", "PHASE", "STEP", "RESULT", "TIME", "DETAIL"],
            &rows,
        )?;
        for s in r.steps.iter().filter(|s| s.detail.contains('\n')) {
            writeln!(out, "\n{} {}:\n{}", s.node, s.step, s.detail)?;
        }
        for n in &r.notes {
            writeln!(out, "- {n}")?;
        }
        if let Some(s) = &r.snapshot {
            writeln!(out, "Pre-upgrade snapshot: {s}")?;
        }
        if let Some(b) = &r.backup_dir {
            writeln!(out, "Backups of replaced files: {b}")?;
        }
        writeln!(
            out,
            "Result: {} ({} -> {}) in {:.1}s, {:.1}s of it waiting for components{}",
            r.outcome,
            r.from.map(|v| v.to_string()).unwrap_or_default(),
            r.target,
            r.seconds,
            r.wait_seconds,
            if r.resumed {
                ", resumed from the journal"
            } else {
                ""
            }
        )?;
        writeln!(out, "Where the cluster stands: {}", r.stands)?;
        writeln!(out, "Next: {}", r.next)
    }
}
