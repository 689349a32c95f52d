//! `kforge join`: join workers and control-plane nodes over SSH, from the
//! first control-plane node, many hosts at once, with a report per host.
//!
//! Runs on the rollout engine ([`crate::rollout`]) in two waves: control
//! planes one at a time (etcd's membership changes one member at a time and
//! allows one learner), then workers, `--concurrency` at a time. Each host's
//! steps (see [`steps`]): connect (host key verified) and learn the node
//! name, claim the name (unique in the batch and not this node's), look at
//! what is already there, preflight, write the files, then restart the
//! kubelet (worker) or add and promote the etcd member (control plane). A
//! host proceeds as soon as it is connected; there is no barrier. A host that
//! fails is rolled back (files it got removed, its etcd learner removed) and
//! never stops the others.
//!
//! A join is journaled ([`crate::rollout::journal::FileJournal`], `join`
//! on this node) under an exclusive lock: each host's inventory entry and
//! the events of the steps that change it. A host that could not be
//! finished or rolled back (its connection was lost mid-join) stays in the
//! journal, and the next join takes it up again (see [`unfinished`]).

pub mod cluster;
mod control_plane;
pub mod hosts;
pub mod record;
mod steps;
pub mod validate;
mod worker;

use crate::install::FileRecord;
use crate::node::{DryRunNode, Node, SshNode};
use crate::preflight::{self, CheckResult};
use crate::rollout::journal::{self, FileJournal};
use crate::rollout::runner::Operation;
use crate::rollout::{self, HostOutcome, OnFailure, Wave};
use anyhow::{Context, Result};
use cluster::Cluster;
use hosts::{Host, Role};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub ignore_preflight_errors: preflight::Ignore,
    pub dry_run: bool,
    pub tls_bootstrap: bool,
    pub concurrency: usize,
    /// How to reach the hosts (known_hosts, timeout, key passphrase or agent).
    pub ssh: crate::node::SshAccess,
    /// How long a new etcd member may take to catch up before promotion.
    pub promote_timeout: Duration,
    pub force: bool,
    /// On hosts already joined, only report files whose content differs
    /// from the inventory (label or taint drift); missing files are still
    /// written.
    pub no_update: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Joined,
    AlreadyJoined,
    /// Was joined, but missing files or stray temp files were fixed.
    Repaired,
    /// Was joined; files that differ from the inventory (labels, taints)
    /// were rewritten.
    Updated,
    /// Was joined; files differ from the inventory but `--no-update` kept them.
    Drifted,
    Planned,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostReport {
    pub host: String,
    pub address: String,
    pub node_name: Option<String>,
    pub role: Role,
    pub outcome: Outcome,
    pub steps: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub preflight: Vec<CheckResult>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub files: Vec<FileRecord>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// What a failed host's rollback could not undo.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub rollback_errors: Vec<String>,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
    /// When the host was done (RFC 3339): hosts finish on their own, not
    /// all at the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub finished_at: Option<String>,
}

/// The engine's progress hook: notes when each host is done, and hands
/// everything on to the progress lines (if any).
struct Finishing {
    lines: Option<Arc<dyn rollout::Progress>>,
    at: Mutex<HashMap<usize, String>>,
}

impl rollout::Progress for Finishing {
    fn step(&self, host: usize, msg: &str) {
        if let Some(p) = &self.lines {
            p.step(host, msg);
        }
    }
    fn done(&self, host: usize, msg: &str) {
        let now = crate::output::rfc3339_ms(time::OffsetDateTime::now_utc());
        self.at
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(host, now);
        if let Some(p) = &self.lines {
            p.done(host, msg);
        }
    }
}

/// Step log of one host, mirrored to its progress line.
pub(crate) struct Steps {
    idx: usize,
    /// The host as given, so that log lines name it.
    host: String,
    progress: Option<Arc<dyn rollout::Progress>>,
    pub(crate) list: Vec<String>,
}

impl Steps {
    pub(crate) fn add(&mut self, s: impl Into<String>) {
        let s = s.into();
        if let Some(p) = &self.progress {
            p.step(self.idx, &s);
        }
        tracing::info!("{}: {}", self.host, s);
        self.list.push(s);
    }
}

/// What every host of one join shares.
pub(crate) struct Shared {
    pub cluster: Arc<Cluster>,
    /// Keys generated ahead for workers' client certificates.
    pub keys: crate::pki::keys::KeyPool,
    pub o: Options,
    /// Node names claimed in this join, by host index: names given in the
    /// inventory or on the command line first, hostnames as hosts connect.
    names: Mutex<HashMap<String, usize>>,
    /// Names given to more than one host.
    given_twice: HashSet<String>,
    /// Names joined in earlier runs ([`record`]).
    joined: record::Record,
    /// The join's journal (not in a dry run).
    journal: Option<Arc<FileJournal<(), JournaledHost>>>,
}

/// The journal's operation name: `paths::KFORGE_JOURNAL_DIR/join.json`
/// (and its lock, `join.lock`).
pub const JOURNAL_OP: &str = "join";

/// What the join's journal keeps per host.
#[derive(Debug, Clone, Default, Serialize, serde::Deserialize)]
pub struct JournaledHost {
    /// The host as given, written before its first change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub host: Option<Host>,
    /// A later run finished it or rolled it back.
    #[serde(default)]
    pub resolved: bool,
}

/// A join, begun on this node ([`Operation`]): its lock and journal.
pub type JoinOperation = Operation<(), JournaledHost>;

/// Begins a join on this node (signals caught, lock `join.lock` taken,
/// an earlier run's journal loaded); `resume`: the command to show.
pub fn begin(root: Option<PathBuf>, resume: String) -> Result<JoinOperation> {
    let node: Arc<dyn crate::node::Node> = Arc::new(crate::node::LocalNode::new(root));
    Operation::begin(node, JOURNAL_OP, "join", resume)
}

/// The steps whose events are journaled: those that change a host.
const JOURNALED_STEPS: &[&str] = &["write-files", "restart-kubelet", "etcd-member"];

/// Hands the engine's failure and undo events of the steps that change a
/// host to the journal. Each journal write is an fsync on this node (about
/// 10 ms here, serialized): a host's entry, written before its first
/// change, already says it may be half done, so its start and finish
/// events are not written (a 20-host join saves ~100 fsyncs).
struct HostEvents(Arc<FileJournal<(), JournaledHost>>);

impl rollout::Journal for HostEvents {
    fn record(&self, host: &str, step: &str, event: rollout::Event) {
        use rollout::Event::{Finished, Started};
        if JOURNALED_STEPS.contains(&step) && !matches!(event, Started | Finished) {
            rollout::Journal::record(&*self.0, host, step, event);
        }
    }
}

fn journaled_host(h: &journal::HostRecord<JournaledHost>) -> Option<Host> {
    h.data.host.clone()
}

fn is_resolved(h: &journal::HostRecord<JournaledHost>) -> bool {
    h.data.resolved
}

fn same_host(a: &Host, b: &Host) -> bool {
    a.address == b.address && a.port == b.port
}

/// Hosts an earlier join could neither finish nor roll back (e.g. their
/// connection was lost mid-join), as its journal has them: the next join
/// takes them up again. `hosts`: those given now (not repeated); `op`:
/// the join begun (else, in a dry run, the journal is only read).
pub fn unfinished(
    cluster: &Cluster,
    op: Option<&JoinOperation>,
    hosts: &[Host],
) -> Result<Vec<Host>> {
    let rec = match op {
        Some(op) => op.previous().cloned(),
        None => journal::load(&cluster.local, JOURNAL_OP)?,
    };
    let Some(rec) = rec else {
        return Ok(vec![]);
    };
    let mut out: Vec<Host> = Vec::new();
    for h in rec.hosts.values().filter(|h| !is_resolved(h)) {
        let Some(host) = journaled_host(h) else {
            continue;
        };
        if !hosts.iter().chain(out.iter()).any(|x| same_host(x, &host)) {
            out.push(host);
        }
    }
    Ok(out)
}

impl Shared {
    /// Notes in the journal that `host` is about to be changed.
    pub(crate) fn journal_host(&self, host: &Host) -> Result<()> {
        match &self.journal {
            Some(j) => j.update_host(&host.spec, |h| h.host = Some(host.clone())),
            None => Ok(()),
        }
    }
}

impl Shared {
    /// Claims a node name for host `idx`, or says why it cannot have it.
    pub(crate) fn claim(&self, idx: usize, name: &str, address: &str) -> Result<()> {
        if let Some(why) = self.joined.refuses(name, address) {
            anyhow::bail!(why)
        }
        if self.given_twice.contains(name) {
            anyhow::bail!("node name {name:?} is used by more than one host in this join")
        }
        if name == self.cluster.local_node_name {
            anyhow::bail!("node name {name:?} is this control-plane node's name")
        }
        let mut names = self.names.lock().unwrap_or_else(|p| p.into_inner());
        let owner = *names.entry(name.to_string()).or_insert(idx);
        if owner != idx {
            anyhow::bail!("node name {name:?} is used by more than one host in this join")
        }
        Ok(())
    }
}

pub(crate) struct Connected {
    pub node: SshNode,
    pub name: String,
    pub hostname: String,
}

/// Where a control-plane host stands with etcd (found by its `state` step).
pub(crate) struct EtcdTarget {
    pub ip: std::net::IpAddr,
    pub peer_url: String,
    pub endpoint: crate::etcd::client::EtcdEndpoint,
    /// A learner of this host's that an interrupted join added and whose
    /// etcd runs: promote it instead of adding one.
    pub started_learner: Option<u64>,
}

/// One host's context on the rollout engine.
pub(crate) struct HostCtx {
    pub shared: Arc<Shared>,
    /// Position in the input (reports keep the input order).
    pub idx: usize,
    pub host: Host,
    pub conn: Option<Connected>,
    pub etcd: Option<EtcdTarget>,
    pub outcome: Outcome,
    /// Whether kforge's ledger was on the host before this run wrote files
    /// (if not, undoing the files removes it too).
    pub ledger_was_there: Option<bool>,
    /// The `state` step found the host joined to this cluster: the run
    /// compares its files with the desired state and repairs what differs.
    pub joined: bool,
    /// A joined host's repair or update line (the report's last line).
    pub summary: Option<String>,
    /// A control plane found not joined and being joined now: if it
    /// fails, it must keep none of the cluster's shared secrets.
    pub joining_control_plane: bool,
    pub log: Steps,
    pub report: HostReport,
}

impl rollout::Context for HostCtx {
    fn summary(&self, r: &rollout::HostReport) -> String {
        match r.outcome {
            HostOutcome::Failed | HostOutcome::NotRun => "failed".into(),
            _ => serde_json::to_value(self.outcome)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        }
    }
}

impl HostCtx {
    /// Runs `f` with the host's job (the host must be connected).
    pub(crate) fn with_job<R>(
        &mut self,
        f: impl FnOnce(&HostJob, &mut Steps, &mut HostReport) -> Result<R>,
    ) -> Result<R> {
        let c = self
            .conn
            .as_ref()
            .ok_or_else(|| anyhow::anyhow!("not connected"))?;
        let dry;
        let node: &dyn Node = if self.shared.o.dry_run {
            dry = DryRunNode::new(&c.node);
            &dry
        } else {
            &c.node
        };
        let job = HostJob {
            cluster: &self.shared.cluster,
            keys: &self.shared.keys,
            host: &self.host,
            node,
            real: &c.node,
            name: &c.name,
            hostname: &c.hostname,
            o: &self.shared.o,
            etcd: self.etcd.as_ref(),
            joined: self.joined,
        };
        f(&job, &mut self.log, &mut self.report)
    }
}

/// The order hosts run in (control planes, then workers), as indexes into
/// `hosts`; progress line N belongs to host `order(hosts)[N]`.
pub fn order(hosts: &[Host]) -> Vec<usize> {
    (0..hosts.len())
        .filter(|&i| hosts[i].role == Role::ControlPlane)
        .chain((0..hosts.len()).filter(|&i| hosts[i].role == Role::Worker))
        .collect()
}

/// Joins every host; never fails as a whole (see each host's report).
/// `progress`: one line per host, in [`order`].
pub fn run(
    cluster: Arc<Cluster>,
    hosts: &[Host],
    o: &Options,
    progress: Option<Arc<dyn rollout::Progress>>,
    op: Option<&mut JoinOperation>,
) -> Result<Vec<HostReport>> {
    let started = Instant::now();
    // Workers' client keys are generated on every core while the SSH
    // connections are being made (RSA generation dominates a large join).
    let workers = if o.tls_bootstrap || o.dry_run {
        0
    } else {
        hosts.iter().filter(|h| h.role == Role::Worker).count()
    };
    let keys = crate::pki::keys::KeyPool::prefill(cluster.spec.encryption_algorithm, workers);
    let mut names = HashMap::new();
    let mut given_twice = HashSet::new();
    for (i, h) in hosts.iter().enumerate() {
        if let Some(n) = &h.name {
            if names.insert(n.clone(), i).is_some() {
                given_twice.insert(n.clone());
            }
        }
    }
    let joined = record::Record::load(&cluster.local)?;
    // One join at a time on this node, journaled; an earlier run's
    // unfinished hosts are taken up again.
    let mut earlier: Vec<(Host, String)> = Vec::new();
    let journal = match op {
        None => None,
        Some(op) => {
            if let Some(rec) = op.previous() {
                for h in rec.hosts.values().filter(|h| !is_resolved(h)) {
                    if let Some(host) = journaled_host(h) {
                        let last = h
                            .steps
                            .last()
                            .map(|s| {
                                format!("its last step: {} {:?}", s.step, s.event).to_lowercase()
                            })
                            .unwrap_or_else(|| "that run ended while changing it".into());
                        earlier.push((host, last));
                    }
                }
            }
            Some(op.journal(|| ())?)
        }
    };
    let shared = Arc::new(Shared {
        journal: journal.clone(),
        joined,
        cluster,
        keys,
        o: o.clone(),
        names: Mutex::new(names),
        given_twice,
    });
    let order = order(hosts);
    let bars = progress;
    let mut cp = Wave {
        name: "control-plane",
        hosts: vec![],
        concurrency: 1,
        on_failure: OnFailure::Continue,
    };
    let mut wk = Wave {
        name: "workers",
        hosts: vec![],
        concurrency: o.concurrency,
        on_failure: OnFailure::Continue,
    };
    for (pos, &i) in order.iter().enumerate() {
        let h = &hosts[i];
        let ctx = HostCtx {
            shared: shared.clone(),
            idx: i,
            host: h.clone(),
            conn: None,
            etcd: None,
            outcome: Outcome::Joined,
            ledger_was_there: None,
            joined: false,
            summary: None,
            joining_control_plane: false,
            log: Steps {
                idx: pos,
                host: h.spec.clone(),
                progress: bars.clone(),
                list: vec![],
            },
            report: HostReport {
                host: h.spec.clone(),
                address: h.address.clone(),
                node_name: None,
                role: h.role,
                outcome: Outcome::Failed,
                steps: vec![],
                preflight: vec![],
                files: vec![],
                error: None,
                rollback_errors: vec![],
                seconds: 0.0,
                finished_at: None,
            },
        };
        let mut ctx = ctx;
        if let Some((_, last)) = earlier.iter().find(|(e, _)| same_host(e, h)) {
            ctx.log.add(format!(
                "an earlier join could not finish or roll back this host ({last}); taking it up again"
            ));
        }
        let plan = rollout::HostPlan {
            label: h.spec.clone(),
            ctx,
            steps: steps::for_role(h.role),
        };
        match h.role {
            Role::ControlPlane => cp.hosts.push(plan),
            Role::Worker => wk.hosts.push(plan),
        }
    }
    let events = journal
        .clone()
        .map(|j| Arc::new(HostEvents(j)) as Arc<dyn rollout::Journal>);
    let finishing = Arc::new(Finishing {
        lines: bars,
        at: Mutex::new(HashMap::new()),
    });
    let runs = rollout::run(
        vec![cp, wk],
        Some(finishing.clone() as Arc<dyn rollout::Progress>),
        events,
    )?;
    let finished_at = std::mem::take(&mut *finishing.at.lock().unwrap_or_else(|p| p.into_inner()));
    let mut newly = Vec::new();
    let mut reports: Vec<(usize, HostReport)> = runs
        .into_iter()
        .map(|run| {
            let mut ctx = run.ctx;
            let hostname = ctx.conn.as_ref().map(|c| c.hostname.clone());
            let mut r = ctx.report;
            r.finished_at = finished_at.get(&ctx.log.idx).cloned();
            r.steps = std::mem::take(&mut ctx.log.list);
            r.seconds = run.report.seconds;
            r.rollback_errors = run.report.rollback_errors;
            match run.report.outcome {
                HostOutcome::Failed | HostOutcome::NotRun => {
                    r.outcome = Outcome::Failed;
                    r.error = run.report.error;
                }
                HostOutcome::Completed | HostOutcome::Done => r.outcome = ctx.outcome,
            }
            if !matches!(r.outcome, Outcome::Failed | Outcome::Planned) {
                if let (Some(name), Some(hostname)) = (r.node_name.clone(), hostname) {
                    let holder = record::Holder {
                        address: r.address.clone(),
                        hostname,
                    };
                    newly.push((name, holder));
                }
            }
            (ctx.idx, r)
        })
        .collect();
    reports.sort_by_key(|(i, _)| *i);
    if !o.dry_run {
        remember(&shared, newly)?;
    }
    if let Some(j) = &journal {
        settle(&shared.cluster, j, hosts, &reports, &earlier)?;
    }
    tracing::info!("join finished in {:.1}s", started.elapsed().as_secs_f64());
    Ok(reports.into_iter().map(|(_, r)| r).collect())
}

/// Ends the journal when every host in it is settled: joined, or failed
/// and fully rolled back. A host left half done (its rollback failed, e.g.
/// the connection was lost) stays in it for the next join.
fn settle(
    cluster: &Cluster,
    j: &FileJournal<(), JournaledHost>,
    hosts: &[Host],
    reports: &[(usize, HostReport)],
    earlier: &[(Host, String)],
) -> Result<()> {
    let rec = j.record();
    let mut settled = Vec::new();
    let mut open = 0;
    for (label, h) in rec.hosts.iter().filter(|(_, h)| !is_resolved(h)) {
        let Some(host) = journaled_host(h) else {
            continue;
        };
        let report = reports
            .iter()
            .find(|(i, _)| same_host(&hosts[*i], &host))
            .map(|(_, r)| r);
        let was_open = earlier.iter().any(|(e, _)| same_host(e, &host));
        // A host left open by an earlier run is settled once this run
        // finished it, or got as far as writing and rolled back cleanly;
        // failing before that (unreachable again) leaves it open.
        let done = report.is_some_and(|r| {
            r.outcome != Outcome::Failed
                || (r.rollback_errors.is_empty() && (!was_open || !r.files.is_empty()))
        });
        if done {
            settled.push(label.clone());
        } else {
            open += 1;
        }
    }
    if let Some(e) = j.write_error() {
        anyhow::bail!("the join's journal could not be written: {e}");
    }
    if open == 0 {
        return cluster
            .local
            .remove(&journal::path(JOURNAL_OP))
            .context("removing the finished join's journal");
    }
    for label in settled {
        j.update_host(&label, |h| h.resolved = true)?;
    }
    Ok(())
}

/// Adds the names of hosts that are joined now to the cluster's record.
fn remember(shared: &Shared, newly: Vec<(String, record::Holder)>) -> Result<()> {
    let mut rec = record::Record::load(&shared.cluster.local)?;
    let mut changed = false;
    for (name, holder) in newly {
        if rec.nodes.get(&name) != Some(&holder) {
            rec.nodes.insert(name, holder);
            changed = true;
        }
    }
    if changed {
        rec.save(&shared.cluster.local)
            .context("the hosts' joins are done, but recording their node names failed")?;
    }
    Ok(())
}

/// Everything one host's join needs.
pub(crate) struct HostJob<'a> {
    pub cluster: &'a Cluster,
    /// Keys generated ahead for workers' client certificates.
    pub keys: &'a crate::pki::keys::KeyPool,
    pub host: &'a Host,
    /// Where writes go (a dry-run wrapper with --dry-run).
    pub node: &'a dyn Node,
    /// The host itself, for read-only checks (also in a dry run).
    pub real: &'a dyn Node,
    pub name: &'a str,
    pub hostname: &'a str,
    pub o: &'a Options,
    /// A control plane's etcd address and the cluster's etcd client.
    pub etcd: Option<&'a EtcdTarget>,
    /// Already joined to this cluster: converge instead of joining.
    pub joined: bool,
}

impl HostJob<'_> {
    /// Runs preflight on the host (read-only, also in a dry run); fails on
    /// errors not ignored.
    pub fn preflight(&self, steps: &mut Steps, report: &mut HostReport) -> Result<()> {
        let spec = &self.cluster.spec;
        let role = match self.host.role {
            Role::Worker => preflight::Role::Worker,
            Role::ControlPlane => preflight::Role::ControlPlane,
        };
        let ledger = match role {
            preflight::Role::ControlPlane => {
                Some(crate::install::Installer::new(self.real, false)?)
            }
            _ => None,
        };
        let target = preflight::Target {
            node: self.real,
            role,
            kubernetes_version: spec.kubernetes_version,
            cri_socket: &self.host.cri_socket,
            apiserver_port: spec.bind_port,
            etcd_data_dir: spec
                .local_etcd()
                .map(|e| std::path::Path::new(e.data_dir.as_str())),
            ipv4: preflight::uses_ipv4(spec),
            ledger: ledger.as_ref(),
            etcd_learner_running: self.etcd.is_some_and(|e| e.started_learner.is_some()),
        };
        let checks = preflight::check(&target, &self.o.ignore_preflight_errors)?;
        let fatal = preflight::fatal_summary(&checks);
        let warnings = checks.iter().filter(|c| !c.passed && !c.is_fatal()).count();
        report.preflight = checks;
        if let Some(fatal) = fatal {
            anyhow::bail!(
                "preflight: {fatal} (--ignore-preflight-errors=<name> makes a check non-fatal)"
            );
        }
        steps.add(format!("preflight passed ({warnings} warning(s))"));
        Ok(())
    }
}

/// Files a run writes or replaces (not those already in place).
pub(crate) fn changing(files: &[FileRecord]) -> impl Iterator<Item = &FileRecord> {
    use crate::install::Outcome as F;
    files
        .iter()
        .filter(|f| matches!(f.outcome, F::Created | F::Replaced))
}

/// A dry run's summary line: what would change, or that nothing would.
pub(crate) fn plan_line(files: &[FileRecord]) -> String {
    match changing(files).count() {
        0 => "nothing to do: every file is already in place".into(),
        n => format!("would write {n} file(s)"),
    }
}

/// Whether a file name is a temporary file of kforge's atomic writes
/// (`.<name>.kforge-<random>.tmp`), left behind by a run that was killed.
pub(crate) fn is_stray_temp(name: &str) -> bool {
    name.starts_with('.') && name.contains(".kforge-") && name.ends_with(".tmp")
}

/// Removes temporary files of killed runs under the directories a join
/// writes; returns their node paths (in a dry run: those it would remove).
pub(crate) fn remove_stray_temps(job: &HostJob) -> Result<Vec<PathBuf>> {
    let cert_dir = PathBuf::from(&job.cluster.spec.cert_dir);
    let dirs = [
        PathBuf::from(crate::paths::KUBERNETES_DIR),
        cert_dir.clone(),
        cert_dir.join("etcd"),
        PathBuf::from(crate::paths::MANIFESTS_DIR),
        PathBuf::from(crate::paths::KUBELET_DIR),
    ];
    let mut found = Vec::new();
    for d in dirs {
        for name in job.real.list_dir(&d)? {
            if is_stray_temp(&name) {
                let p = d.join(&name);
                job.node.remove(&p)?;
                found.push(p);
            }
        }
    }
    Ok(found)
}

/// Removes files a failed join created on the host; errors name each file.
pub(crate) fn roll_back(node: &dyn Node, records: &[FileRecord], steps: &mut Steps) -> Result<()> {
    let mut left = Vec::new();
    for r in records
        .iter()
        .filter(|r| r.outcome == crate::install::Outcome::Created)
    {
        match node.remove(&r.path) {
            Ok(()) => steps.add(format!("rolled back: removed {}", r.path.display())),
            Err(e) => {
                steps.add(format!(
                    "rollback could not remove {}: {e:#}",
                    r.path.display()
                ));
                left.push(r.path.display().to_string());
            }
        }
    }
    if !left.is_empty() {
        anyhow::bail!("could not remove {}", left.join(", "));
    }
    Ok(())
}
