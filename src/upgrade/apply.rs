//! `upgrade apply VERSION`: one hop of the plan, run on the rollout engine.
//!
//! Before anything changes: the plan has no blockers, the lock is taken
//! (a second apply exits 4), a fresh preflight passes on every node
//! (role Upgrade), a verified etcd snapshot is taken with `snapshot save`,
//! and certificates are renewed by policy. Then, in waves, each host one at
//! a time unless said otherwise:
//!
//! 1. `etcd`: member by member, followers first; a member that leads when
//!    its turn comes hands leadership to another member first
//!    (`move-etcd-leader`); the manifest is swapped for the target's render
//!    with the operator's edits merged on ([`edit`]); done when the member itself reports the new version, a
//!    leader, not a learner, its applied index caught up and no alarms.
//! 2. `kube-apiserver` on each control plane, then 3. `kube-controller-manager`
//!    and `kube-scheduler`: done when the component's own health endpoints
//!    answer and its `/version` says the target.
//! 4. control-plane kubelets, 5. workers `--max-unavailable` at a time
//!    (drain, kubelet, uncordon).
//!
//! Every swap goes through the [`crate::install::Installer`] (the ledger
//! keeps ownership) after a copy of the file is kept in the run's backup
//! directory. Every step is journaled before and after it runs
//! ([`FileJournal`]); steps are idempotent (a component already at the
//! target is only verified), so a re-run after a kill resumes where the
//! killed run stood, with the same backup directory and snapshot. A failed
//! step is undone on its host: the previous manifest back, verified healthy
//! at its old version; for etcd only while the cluster version is *proven*
//! not to have moved ([`rollback_proof`]; otherwise the new manifest stays
//! and `snapshot restore` of the pre-upgrade snapshot is named).
//!
//! It runs as a [`runner::Operation`]: signal handlers before the lock and
//! the plan; on the first SIGINT/SIGTERM the step in flight is finished (or
//! fails and is undone) and verified, nothing after it starts, and the
//! report (outcome `interrupted`) says where the cluster stands.

use super::backups;
use super::plan::Plan;
use super::probe::{self, Reach};
use super::{edit, ClusterNode};
use crate::components::{self, Component};
use crate::install::Installer;
use crate::join::hosts::Role;
use crate::node::Node;
use crate::rollout::journal::FileJournal;
use crate::rollout::runner::{self, Operation};
use crate::rollout::{self, Flow, HostOutcome, HostPlan, OnFailure, Step, Wave};
use crate::versions::{EtcdVersion, KubeVersion};
use anyhow::{anyhow, bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// `--certificate-renewal=auto` renews what expires within this many days.
pub const AUTO_RENEW_DAYS: i64 = 180;
/// The journal's operation name (`kforge-journal/upgrade-apply.json`).
pub const OPERATION: &str = "upgrade-apply";

/// What the journal keeps for the whole run. Every field defaults, so a
/// journal written before a field was added still loads.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RunRecord {
    pub target: Option<KubeVersion>,
    /// The control plane's version when the run started (a resumed run
    /// reports this, not where the killed run left it).
    pub from: Option<KubeVersion>,
    /// The run's backup directory (node path).
    pub backup_dir: Option<PathBuf>,
    /// The pre-upgrade snapshot (real path).
    pub snapshot: Option<String>,
    pub certificates_renewed: bool,
    /// Whether this hop upgrades the workers (as planned when it started).
    pub workers: bool,
}

/// What the journal keeps per host: what each step replaced (every field
/// defaults, as in [`RunRecord`]).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HostRecord {
    #[serde(default)]
    pub swaps: Vec<SwapRecord>,
    #[serde(default)]
    pub kubelet_files: Vec<KubeletFileRecord>,
    /// The kubelet binary replaced (node path; its copy is in the backups).
    pub kubelet_binary: Option<PathBuf>,
    /// The static pods of this host that load a certificate this run
    /// renewed: each is restarted at its step even when its manifest does
    /// not change (kubeadm's habit), then dropped from the list.
    #[serde(default, rename = "certificatesRenewedFor")]
    pub renewed_for: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SwapRecord {
    pub component: String,
    pub manifest: PathBuf,
    #[serde(default)]
    pub copy: Option<PathBuf>,
    /// The etcd server version the member reported before the swap.
    #[serde(default)]
    pub before: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct KubeletFileRecord {
    pub path: PathBuf,
    pub existed: bool,
}

/// `upgrade apply`, begun on this node ([`Operation`]).
pub type UpgradeOperation = Operation<RunRecord, HostRecord>;

/// Begins `upgrade apply` on the local node: signal handlers first, then
/// the lock (a second apply exits 4), then the journal of an interrupted
/// run. Taken before the plan is made, so a second run never judges a
/// cluster the first one is changing.
pub fn begin(local: Arc<dyn Node>, target: &str) -> Result<UpgradeOperation> {
    Operation::begin(
        local,
        OPERATION,
        "upgrade apply",
        format!("kforge upgrade apply {target}"),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Renewal {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub target: KubeVersion,
    pub component_timeout: Duration,
    pub renewal: Renewal,
    pub kubelet_command: Option<String>,
    pub kubelet_binary: Option<PathBuf>,
    pub max_unavailable: usize,
    pub keep_backups: usize,
    pub ignore: crate::preflight::Ignore,
    /// Do not move etcd leadership before restarting the leader (for comparison only).
    pub no_leader_move: bool,
    /// How a conflict between the operator's edits and the new render is settled.
    pub prefer: Option<edit::Prefer>,
}

/// What became of one step on one node: the report's `outcome` (JSON and
/// table), always one of these words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Moved to the target and verified there.
    Upgraded,
    /// At the target already; verified.
    Unchanged,
    /// Restarted (same version) for its renewed certificates; verified.
    Restarted,
    Skipped,
    /// A step that is no upgrade (drain, uncordon, leadership move) done.
    Done,
    Failed,
    /// Undone: the previous file back, verified healthy at its old version.
    RolledBack,
    RollbackFailed,
    /// etcd: a binary rollback not proven safe, so not attempted.
    RollbackRefused,
    /// Not started (an earlier failure or a signal).
    NotRun,
}

impl Outcome {
    /// The word in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Upgraded => "upgraded",
            Outcome::Unchanged => "unchanged",
            Outcome::Restarted => "restarted",
            Outcome::Skipped => "skipped",
            Outcome::Done => "done",
            Outcome::Failed => "failed",
            Outcome::RolledBack => "rolled-back",
            Outcome::RollbackFailed => "rollback-failed",
            Outcome::RollbackRefused => "rollback-refused",
            Outcome::NotRun => "not-run",
        }
    }

    /// The component is at the target and verified (changed or not).
    pub fn reached_target(self) -> bool {
        matches!(
            self,
            Outcome::Upgraded | Outcome::Unchanged | Outcome::Restarted
        )
    }
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the whole run ended: the report's `outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RunOutcome {
    Upgraded,
    NothingToDo,
    Failed,
    /// A signal stopped it after the step in flight.
    Interrupted,
}

impl RunOutcome {
    /// The word in the report.
    pub fn as_str(self) -> &'static str {
        match self {
            RunOutcome::Upgraded => "upgraded",
            RunOutcome::NothingToDo => "nothing-to-do",
            RunOutcome::Failed => "failed",
            RunOutcome::Interrupted => "interrupted",
        }
    }
}

impl std::fmt::Display for RunOutcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One step on one node, as reported.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StepLine {
    pub node: String,
    pub phase: &'static str,
    pub step: String,
    pub outcome: Outcome,
    pub detail: String,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub from: Option<KubeVersion>,
    pub target: KubeVersion,
    pub outcome: RunOutcome,
    pub resumed: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup_dir: Option<String>,
    pub steps: Vec<StepLine>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Where the cluster stands now.
    pub stands: String,
    /// What to run next.
    pub next: String,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
    /// Seconds spent waiting for components to come back (sum over steps).
    pub wait_seconds: f64,
    /// Seconds before the first component step (preflight, snapshot, certificates).
    pub prepare_seconds: f64,
}

/// What every host of the run shares.
struct Shared {
    o: Options,
    /// The run's backup directory (node path, the same on every node).
    run_dir: PathBuf,
    journal: Arc<FileJournal<RunRecord, HostRecord>>,
    local: Arc<dyn Node>,
    pki_dir: PathBuf,
    /// The control-plane image tag.
    tag: String,
    /// etcd's target (version, image tag), if its image changes.
    etcd: Option<(EtcdVersion, String)>,
    /// Client URLs of all etcd members (any reaches the cluster).
    etcd_endpoints: Vec<String>,
    /// Snapshot taken before the upgrade (real path), for messages.
    snapshot: Option<String>,
    /// admin.conf on this node (real path), for kubectl.
    admin_conf: PathBuf,
    wait: Mutex<f64>,
}

struct Ctx {
    sh: Arc<Shared>,
    n: ClusterNode,
    lines: Vec<StepLine>,
    started: Option<Instant>,
    /// etcd member name on this node.
    member: Option<String>,
    /// Node name, for kubectl (workers).
    node_name: Option<String>,
    drained: bool,
}

impl rollout::Context for Ctx {
    fn summary(&self, r: &rollout::HostReport) -> String {
        match r.outcome {
            HostOutcome::Failed => "failed (rolled back)".into(),
            HostOutcome::NotRun => "not run".into(),
            _ => self
                .lines
                .last()
                .map(|l| format!("{} {}", l.step, l.outcome))
                .unwrap_or_else(|| "done".into()),
        }
    }
}

impl Ctx {
    fn reach(&self) -> Reach<'_> {
        Reach {
            node: &*self.n.node,
            local: self.n.local,
        }
    }
    fn line(
        &mut self,
        phase: &'static str,
        step: &str,
        outcome: Outcome,
        detail: impl Into<String>,
    ) {
        let seconds = self
            .started
            .take()
            .map(|t| t.elapsed().as_secs_f64())
            .unwrap_or(0.0);
        self.lines.push(StepLine {
            node: self.n.label.clone(),
            phase,
            step: step.to_string(),
            outcome,
            detail: detail.into(),
            seconds,
        });
    }
    fn data(&self, f: impl FnOnce(&mut HostRecord)) -> Result<()> {
        self.sh.journal.update_host(&self.n.label, f)
    }
    /// What the journal holds for this host.
    fn recorded(&self) -> HostRecord {
        self.sh
            .journal
            .record()
            .hosts
            .get(&self.n.label)
            .map(|h| h.data.clone())
            .unwrap_or_default()
    }
    fn waited(&self, d: Duration) {
        *self.sh.wait.lock().unwrap_or_else(|p| p.into_inner()) += d.as_secs_f64();
    }
}

/// The manifest of `c` at this run's target, from `old`: rendered, then
/// merged (see [`edit`]); unsettled conflicts are an error.
fn target_manifest(
    sh: &Shared,
    node: &dyn Node,
    c: &Component,
    old: &str,
    shown: &str,
) -> Result<edit::Upgraded> {
    let t = edit::Target {
        version: sh.o.target,
        etcd_tag: sh.etcd.as_ref().map(|(_, tag)| tag.as_str()),
        prefer: sh.o.prefer,
    };
    let u = edit::upgrade(&*sh.local, node, c, old, &t)?;
    if !u.conflicts.is_empty() {
        return Err(edit::conflicts_error(shown, c, &u, sh.o.target));
    }
    Ok(u)
}

/// Swaps one static pod's manifest to the target and waits on the
/// component's own truth; undo puts the previous manifest back.
struct Swap {
    c: Component,
    phase: &'static str,
}

impl Swap {
    fn path(&self) -> PathBuf {
        crate::manifests::manifest_path(&self.c)
    }
}

impl Step<Ctx> for Swap {
    fn name(&self) -> &'static str {
        self.c.name
    }

    fn run(&self, ctx: &mut Ctx) -> Result<Flow> {
        ctx.started = Some(Instant::now());
        let path = self.path();
        let node = ctx.n.node.clone();
        let shown = node.real_path(&path).display().to_string();
        let old = crate::node::read_string(&*node, &path)?
            .ok_or_else(|| anyhow!("{shown}: static pod manifest not found"))?;
        let before = if self.c.name == components::ETCD.name {
            etcd_member_state(ctx)?.and_then(|m| m.server)
        } else {
            None
        };
        let up = target_manifest(&ctx.sh, &*node, &self.c, &old, &shown)?;
        let merged = up.changed(&old);
        // Renewed certificates restart the component even when its manifest
        // does not change (kubeadm's habit): the restart annotation changes
        // the pod, so the kubelet recreates it and it loads them.
        let restart_only = !merged && renewed_for(ctx, self.c.name);
        let new = if merged {
            Some(up.text.clone())
        } else if restart_only {
            Some(crate::staticpod::with_restart_annotation(
                &old,
                &shown,
                time::OffsetDateTime::now_utc(),
            )?)
        } else {
            None
        };
        let changed = new.is_some();
        // A manifest change that keeps etcd's image restarts the same version.
        let image_changed =
            merged && edit::image_of(&up.text, self.c.name) != edit::image_of(&old, self.c.name);
        let running = before;
        let before = running.clone().filter(|_| image_changed);
        let inst = backups::installer(&*node, &ctx.sh.run_dir)?;
        edit::keep_base(&inst, &self.c)?;
        if let Some(new) = &new {
            let copy = inst.keep_copy(&path)?;
            let record = SwapRecord {
                component: self.c.name.to_string(),
                manifest: path.clone(),
                copy,
                before: before.clone(),
            };
            ctx.data(|h| {
                h.swaps.retain(|s| s.component != record.component);
                h.swaps.push(record);
            })?;
            inst.patch(&path, new.as_bytes(), crate::manifests::MODE)?;
        }
        // The new render is the base of the next upgrade (also when the
        // file was already merged: a resumed run).
        edit::store_base(&inst, &self.c, &up.render)?;
        inst.save_ledger()?;
        let kept = edit::kept_summary(&up);
        let text = new.unwrap_or(old);
        let pod = crate::staticpod::parse(&text, &shown)?;
        let image = pod.container()?.image.clone();
        let t0 = Instant::now();
        let seen = if self.c.name == components::ETCD.name {
            // A swap made by a killed run is verified as an upgrade from the
            // version it recorded; an untouched member only has to be healthy.
            match (changed, journal_before(ctx, self.c.name)) {
                (true, _) if restart_only => wait_etcd(ctx, &image, running.as_deref(), false)?,
                (true, recorded) => {
                    let upgrading = image_changed || recorded.is_some();
                    wait_etcd(ctx, &image, recorded.or(before).as_deref(), upgrading)?
                }
                (false, Some(recorded)) => wait_etcd(ctx, &image, Some(&recorded), true)?,
                (false, None) => wait_etcd(ctx, &image, None, false)?,
            }
        } else {
            wait_component(ctx, &self.c, &ctx.sh.tag.replace('_', "+"), changed)?
        };
        ctx.waited(t0.elapsed());
        let (outcome, seen) = match (changed, restart_only) {
            (true, true) => {
                done_renewed_for(ctx, self.c.name)?;
                (
                    Outcome::Restarted,
                    format!("restarted for its renewed certificates: {seen}"),
                )
            }
            (true, false) => (Outcome::Upgraded, seen + &kept),
            (false, _) => (Outcome::Unchanged, seen + &kept),
        };
        ctx.line(self.phase, self.c.name, outcome, seen);
        Ok(Flow::Next)
    }

    fn undo(&self, ctx: &mut Ctx) -> Option<Result<()>> {
        Some(undo_swap(self, ctx))
    }
    /// A swap is a verified unit of its own: a signal after it keeps it.
    fn stays_on_interrupt(&self) -> bool {
        true
    }
}

fn renewed_for(ctx: &Ctx, component: &str) -> bool {
    ctx.recorded().renewed_for.iter().any(|p| p == component)
}

/// `component` was restarted: a resumed run does not restart it again.
fn done_renewed_for(ctx: &Ctx, component: &str) -> Result<()> {
    ctx.data(|h| h.renewed_for.retain(|p| p != component))
}

/// The `before` version recorded for a component in the journal (a resumed
/// run's swap happened in an earlier process).
fn journal_before(ctx: &Ctx, component: &str) -> Option<String> {
    ctx.recorded()
        .swaps
        .into_iter()
        .find(|s| s.component == component)?
        .before
}

/// Whether etcd's cluster version is *proven* not to have moved past the
/// minor a member ran before the swap (`from`), so that member may go back
/// by binary: a patch hop (the cluster version only ever names a minor), or
/// a member read after the swap reporting the old cluster version while
/// some member still runs the old minor (the cluster version moves only
/// once every member runs the new one). "Could not reach etcd" is no proof.
/// `Ok`: why the rollback is safe; `Err`: why it is not proven.
pub(crate) fn rollback_proof(
    from: Option<EtcdVersion>,
    to: EtcdVersion,
    view: std::result::Result<&probe::EtcdView, &String>,
) -> std::result::Result<String, String> {
    let minor = |v: EtcdVersion| (v.major, v.minor);
    let Some(from) = from else {
        return Err("the previous etcd version is unknown".into());
    };
    if minor(to) <= minor(from) {
        return Ok(format!(
            "{from} -> {to} is a patch hop: the cluster version stays {}.{}",
            from.major, from.minor
        ));
    }
    let view = view.map_err(|e| format!("no member answered after the swap: {e}"))?;
    let parsed = |v: &Option<String>| v.as_deref().and_then(|x| x.parse::<EtcdVersion>().ok());
    let mut reported = None;
    for m in &view.members {
        if let Some(c) = parsed(&m.cluster) {
            if minor(c) > minor(from) {
                return Err(format!(
                    "member {} reports cluster version {}.{}",
                    m.name, c.major, c.minor
                ));
            }
            reported.get_or_insert((m.name.clone(), c));
        }
    }
    let Some((reporter, c)) = reported else {
        return Err("no member reported the cluster version after the swap".into());
    };
    let Some(old) = view
        .members
        .iter()
        .find(|m| parsed(&m.server).is_some_and(|s| minor(s) <= minor(from)))
    else {
        return Err(format!(
            "member {reporter} reports cluster version {}.{}, but no member answered running etcd {}.{}: it may move at any moment",
            c.major, c.minor, from.major, from.minor
        ));
    };
    Ok(format!(
        "member {reporter} reports cluster version {}.{} and member {} still runs etcd {}",
        c.major,
        c.minor,
        old.name,
        old.server.clone().unwrap_or_default()
    ))
}

fn undo_swap(s: &Swap, ctx: &mut Ctx) -> Result<()> {
    ctx.started = Some(Instant::now());
    let path = s.path();
    let node = ctx.n.node.clone();
    let copy = backups::copy_of(&ctx.sh.run_dir, &path);
    let Some(original) = node.read(&copy)? else {
        // Nothing was replaced in this run (or a resumed one): nothing to undo.
        return Ok(());
    };
    let current = node.read(&path)?;
    if current.as_deref() == Some(&original[..]) {
        return Ok(());
    }
    if s.c.name == components::ETCD.name {
        if let Some((to, _)) = &ctx.sh.etcd {
            // The version the member ran before: the older of what it
            // reported before the swap and the previous manifest's image
            // tag (an image may run another binary than its tag says).
            let orig_text = String::from_utf8_lossy(&original).to_string();
            let tagged = edit::etcd_version_of(&orig_text);
            let reported = journal_before(ctx, s.c.name).and_then(|b| b.parse().ok());
            let from = tagged.into_iter().chain(reported).min();
            let view = etcd_view(&ctx.sh).map_err(|e| format!("{e:#}"));
            if let Err(why) = rollback_proof(from, *to, view.as_ref()) {
                let msg = format!(
                    "etcd member {} keeps the new manifest: a binary rollback needs proof that etcd's cluster version has not moved, and there is none ({why}); once a newer etcd migrated the data, the old one refuses it (\"cluster cannot be downgraded\"); the way back is the pre-upgrade snapshot: kforge snapshot restore {} --apply",
                    ctx.member.clone().unwrap_or_else(|| ctx.n.label.clone()),
                    ctx.sh.snapshot.clone().unwrap_or_else(|| "<pre-upgrade snapshot>".into())
                );
                ctx.line(s.phase, s.c.name, Outcome::RollbackRefused, msg.clone());
                bail!(msg);
            }
        }
    }
    let inst = backups::installer(&*node, &ctx.sh.run_dir)?;
    inst.patch(&path, &original, crate::manifests::MODE)?;
    inst.save_ledger()?;
    edit::restore_base(&*node, &ctx.sh.run_dir, &s.c)?;
    let shown = node.real_path(&path).display().to_string();
    let pod = crate::staticpod::parse(&String::from_utf8_lossy(&original), &shown)?;
    let image = pod.container()?.image.clone();
    let seen = if s.c.name == components::ETCD.name {
        let before = journal_before(ctx, s.c.name);
        wait_etcd(ctx, &image, None, false).map(|s| (s, before))
    } else {
        let v = super::inventory::tag_version(&image).unwrap_or_default();
        wait_component(ctx, &s.c, &v, true).map(|s| (s, None))
    };
    match seen {
        Ok((seen, _)) => {
            ctx.line(
                s.phase,
                s.c.name,
                Outcome::RolledBack,
                format!("previous manifest back, healthy: {seen}"),
            );
            Ok(())
        }
        Err(e) => {
            ctx.line(s.phase, s.c.name, Outcome::RollbackFailed, format!("{e:#}"));
            Err(e)
        }
    }
}

fn etcd_view(sh: &Shared) -> Result<probe::EtcdView> {
    probe::etcd_view(&*sh.local, &sh.pki_dir, &sh.etcd_endpoints)
}

fn etcd_member_state(ctx: &Ctx) -> Result<Option<probe::MemberState>> {
    let Some(name) = &ctx.member else {
        return Ok(None);
    };
    Ok(etcd_view(&ctx.sh)?
        .members
        .into_iter()
        .find(|m| &m.name == name))
}

/// Waits until this node's etcd member reports the image's version (or,
/// `upgrading` with a known previous version, any other version: an image
/// mapped to a differently numbered binary), a leader, not a learner, its
/// applied index caught up with the leader's index, and no alarms.
fn wait_etcd(ctx: &Ctx, image: &str, before: Option<&str>, upgrading: bool) -> Result<String> {
    let name = ctx
        .member
        .clone()
        .ok_or_else(|| anyhow!("{}: no etcd member name in etcd.yaml", ctx.n.label))?;
    let want = crate::image::ImageRef::parse(image)
        .tag
        .and_then(|t| t.parse::<EtcdVersion>().ok());
    let mut caught_up_to: Option<u64> = None;
    let sh = ctx.sh.clone();
    let node = ctx.n.node.clone();
    crate::wait::poll(
        sh.o.component_timeout,
        || {
            let view = match etcd_view(&sh) {
                Ok(v) => v,
                Err(e) => return Ok(Err(format!("{e:#}"))),
            };
            let Some(m) = view.members.iter().find(|m| m.name == name) else {
                return Ok(Err(format!("member {name} is not in the member list")));
            };
            if let Some(p) = &m.problem {
                return Ok(Err(format!("member {name}: {p}")));
            }
            if m.is_learner {
                return Ok(Err(format!("member {name} is a learner")));
            }
            let server = m.server.clone().unwrap_or_default();
            let version_ok = match (want, server.parse::<EtcdVersion>().ok()) {
                (Some(w), Some(s)) if s == w => true,
                (_, Some(s)) if upgrading => before
                    .and_then(|b| b.parse::<EtcdVersion>().ok())
                    .is_some_and(|b| s > b),
                (_, Some(s)) => before
                    .and_then(|b| b.parse::<EtcdVersion>().ok())
                    .is_none_or(|b| s == b),
                _ => false,
            };
            if !version_ok {
                return Ok(Err(format!(
                    "member {name} reports etcdserver {server:?}, waiting for {}",
                    want.map(|w| w.to_string())
                        .unwrap_or_else(|| image.to_string())
                )));
            }
            if !view.alarms.is_empty() {
                return Ok(Err(format!("alarms: {}", view.alarms.join(", "))));
            }
            let Some(leader) = view.members.iter().find(|l| l.is_leader) else {
                return Ok(Err("no leader yet".into()));
            };
            let target = *caught_up_to.get_or_insert(leader.raft_index);
            if m.applied_index < target {
                return Ok(Err(format!(
                    "member {name} applied index {} is behind the leader's {target}",
                    m.applied_index
                )));
            }
            let note = match want {
                Some(w) if server != w.to_string() => {
                    format!(" (the image says {w}; the binary it runs reports {server})")
                }
                _ => String::new(),
            };
            Ok(Ok(format!(
                "member {name}: etcdserver {server}, etcdcluster {}, leader {}, applied index {}{note}",
                m.cluster.clone().unwrap_or_default(),
                leader.name,
                m.applied_index
            )))
        },
        |waited, last| probe::timed_out(&*node, &components::ETCD, waited, last),
    )
}

/// Waits until the component's health endpoints answer 200 and its
/// `/version` says `want` (`v1.32.0`).
fn wait_component(ctx: &Ctx, c: &Component, want: &str, restarted: bool) -> Result<String> {
    let r = ctx.reach();
    // The manifest does not change while we wait: read it once.
    let pod = crate::staticpod::read(r.node, c.name)?;
    // Real controller-managers and schedulers serve /version only to
    // authenticated clients (their always-allowed paths are the health
    // ones). Then the version cannot be read anonymously, and the step is
    // done once the component was seen down (its restart) and is healthy
    // again; the report says the version was not verified.
    let mut saw_down = !restarted;
    crate::wait::poll(
        ctx.sh.o.component_timeout,
        || {
            let o = probe::observe_component(r, &pod);
            if !o.healthy {
                saw_down = true;
                return Ok(Err(o.problem.unwrap_or_else(|| "not healthy".into())));
            }
            let refused = o.problem.as_deref().is_some_and(|p| {
                p.contains("/version: HTTP 401") || p.contains("/version: HTTP 403")
            });
            match &o.version {
                Some(v) if v == want => Ok(Ok(format!("healthy, /version {v}"))),
                Some(v) => Ok(Err(format!(
                    "healthy but /version says {v}, waiting for {want}"
                ))),
                None if refused && saw_down => Ok(Ok(format!(
                    "healthy after its restart; version not verified: /version refuses anonymous clients ({})",
                    o.problem.unwrap_or_default()
                ))),
                None if refused => Ok(Err(
                    "healthy, /version refuses anonymous clients: waiting to see the restart".into(),
                )),
                None => Ok(Err(o.problem.unwrap_or_else(|| "no /version".into()))),
            }
        },
        |waited, last| probe::timed_out(r.node, c, waited, last),
    )
}

/// Moves etcd leadership away from this node's member if it leads now.
struct MoveLeader;

impl Step<Ctx> for MoveLeader {
    fn name(&self) -> &'static str {
        "move-etcd-leader"
    }
    fn stays_on_interrupt(&self) -> bool {
        true
    }
    fn run(&self, ctx: &mut Ctx) -> Result<Flow> {
        ctx.started = Some(Instant::now());
        if ctx.sh.etcd.is_none() || ctx.sh.o.no_leader_move {
            return Ok(Flow::Next);
        }
        let mut t = probe::etcd_target(&*ctx.sh.local, &ctx.sh.pki_dir, &ctx.sh.etcd_endpoints);
        // A leadership transfer may take longer than one status request.
        t.ep.timeout = Some(Duration::from_secs(5));
        let survey = probe::etcd_survey(&t)?;
        let Some(me) = survey
            .members
            .iter()
            .find(|m| Some(&m.name) == ctx.member.as_ref())
        else {
            return Ok(Flow::Next);
        };
        if !me.is_leader() {
            return Ok(Flow::Next);
        }
        let moved = crate::runtime::current_thread()?.block_on(crate::etcd::ops::move_leader(
            &t,
            &survey,
            me,
            ctx.sh.o.component_timeout,
            &|_| {},
        ))?;
        match moved {
            None => ctx.line(
                "etcd",
                self.name(),
                Outcome::Skipped,
                "no other healthy voting member",
            ),
            Some(to) => ctx.line(
                "etcd",
                self.name(),
                Outcome::Done,
                format!("leadership moved from {} to {}", me.label(), to.label()),
            ),
        }
        Ok(Flow::Next)
    }
}

/// The kubelet: its files for the target release, new binary (command
/// template or upload), restart, verify.
struct Kubelet {
    phase: &'static str,
}

fn kubelet_version(node: &dyn Node) -> Option<KubeVersion> {
    crate::preflight::kubelet_version(node).ok()?.ok()
}

/// The node's kubelet binary (node path): the one `kubelet --version` ran,
/// else `/usr/bin/kubelet`.
fn kubelet_path(node: &dyn Node) -> Result<PathBuf> {
    let found = match node.root() {
        Some(root) => crate::preflight::find_binary(node, "kubelet")
            .and_then(|real| Some(Path::new("/").join(real.strip_prefix(root).ok()?))),
        None => {
            let out = node.run(&["sh", "-c", "command -v kubelet"])?;
            Some(PathBuf::from(out.stdout.trim())).filter(|p| p.is_absolute())
        }
    };
    Ok(found.unwrap_or_else(|| PathBuf::from("/usr/bin/kubelet")))
}

/// Rewrites the kubelet files that change for `target` through `inst` (so
/// the ledger keeps their owner; copies kept in the run's backup directory,
/// each journaled first); their names, for the report.
fn rewrite_kubelet_files(ctx: &Ctx, inst: &Installer, target: KubeVersion) -> Result<Vec<String>> {
    let release = crate::versions::find_release(target.major, target.minor)?;
    let edits = crate::kubelet::NodeFiles::read(inst.node())?.for_release(release)?;
    if edits.is_empty() {
        return Ok(Vec::new());
    }
    let mut journaled = Vec::new();
    for (path, _) in &edits {
        let existed = inst.keep_copy(path)?.is_some();
        journaled.push(KubeletFileRecord {
            path: path.clone(),
            existed,
        });
    }
    ctx.data(|h| h.kubelet_files = journaled)?;
    let mut names = Vec::new();
    for (path, text) in &edits {
        inst.patch(path, text.as_bytes(), crate::kubelet::CONFIG_MODE)?;
        names.push(
            path.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        );
    }
    inst.save_ledger()?;
    Ok(names)
}

impl Step<Ctx> for Kubelet {
    fn name(&self) -> &'static str {
        "kubelet"
    }
    fn stays_on_interrupt(&self) -> bool {
        true
    }
    fn run(&self, ctx: &mut Ctx) -> Result<Flow> {
        ctx.started = Some(Instant::now());
        let node = ctx.n.node.clone();
        let target = ctx.sh.o.target;
        let Some(current) = kubelet_version(&*node) else {
            ctx.line(
                self.phase,
                "kubelet",
                Outcome::Skipped,
                "no kubelet binary on the node (kubelet --version failed)",
            );
            return Ok(Flow::Next);
        };
        let install = ctx.sh.o.kubelet_command.is_some() || ctx.sh.o.kubelet_binary.is_some();
        if current != target && !install {
            ctx.line(
                self.phase,
                "kubelet",
                Outcome::Skipped,
                format!("kubelet {current} not upgraded: give --kubelet-upgrade-command or --kubelet-binary"),
            );
            return Ok(Flow::Next);
        }
        // The files first: a kubelet of the new release may refuse the old
        // flags (1.35 no longer starts with --pod-infra-container-image).
        let inst = backups::installer(&*node, &ctx.sh.run_dir)?;
        let rewrote = rewrite_kubelet_files(ctx, &inst, target)?;
        if current == target && rewrote.is_empty() {
            ctx.line(
                self.phase,
                "kubelet",
                Outcome::Unchanged,
                format!("kubelet {current}"),
            );
            return Ok(Flow::Next);
        }
        let version = target.to_string();
        let bare = version.trim_start_matches('v').to_string();
        if current == target {
            // Only the files changed (a resumed run, or files left behind).
        } else if let Some(tpl) = &ctx.sh.o.kubelet_command {
            let cmd = tpl.replace("{version}", &bare);
            let out = node.run(&["sh", "-c", &cmd])?;
            if !out.success() {
                bail!("{cmd}: exit {}: {}", out.status, out.stderr.trim());
            }
        } else if let Some(bin) = &ctx.sh.o.kubelet_binary {
            let bytes = fs_err::read(bin).context("--kubelet-binary")?;
            let at = kubelet_path(&*node)?;
            inst.keep_copy(&at)?;
            ctx.data(|h| h.kubelet_binary = Some(at.clone()))?;
            node.write_atomic(&at, &bytes, 0o755)?;
        }
        let restarted = match crate::kubelet::restart(&*node)? {
            Ok(()) => "restarted".to_string(),
            Err(why) => format!("not restarted ({why})"),
        };
        let now = kubelet_version(&*node);
        if now != Some(target) {
            bail!(
                "kubelet --version says {} after the install, not {target}",
                now.map(|v| v.to_string())
                    .unwrap_or_else(|| "nothing".into())
            );
        }
        let files = if rewrote.is_empty() {
            String::new()
        } else {
            format!(", rewrote {}", rewrote.join(", "))
        };
        ctx.line(
            self.phase,
            "kubelet",
            Outcome::Upgraded,
            format!("kubelet {current} -> {target}{files}, {restarted}"),
        );
        Ok(Flow::Next)
    }
    fn undo(&self, ctx: &mut Ctx) -> Option<Result<()>> {
        let node = ctx.n.node.clone();
        let data = ctx.recorded();
        let binary = data.kubelet_binary;
        let files: Vec<(PathBuf, bool)> = data
            .kubelet_files
            .into_iter()
            .map(|f| (f.path, f.existed))
            .collect();
        if binary.is_none() && files.is_empty() {
            return None;
        }
        Some((|| {
            let inst = backups::installer(&*node, &ctx.sh.run_dir)?;
            let mut put_back = Vec::new();
            for (path, existed) in &files {
                let copy = backups::copy_of(&ctx.sh.run_dir, path);
                match (existed, node.read(&copy)?) {
                    (true, Some(old)) => {
                        inst.patch(path, &old, crate::kubelet::CONFIG_MODE)?;
                    }
                    (false, _) => {
                        if node.exists(path)? {
                            node.remove(path)?;
                        }
                    }
                    (true, None) => continue,
                }
                put_back.push(path.display().to_string());
            }
            if let Some(at) = &binary {
                let copy = backups::copy_of(&ctx.sh.run_dir, at);
                if let Some(old) = node.read(&copy)? {
                    node.write_atomic(at, &old, 0o755)?;
                    put_back.push(at.display().to_string());
                }
            }
            if put_back.is_empty() {
                return Ok(());
            }
            inst.save_ledger()?;
            let _ = crate::kubelet::restart(&*node)?;
            ctx.line(
                self.phase,
                "kubelet",
                Outcome::RolledBack,
                format!("previous {} back", put_back.join(", ")),
            );
            Ok(())
        })())
    }
}

/// `kubectl` with this node's admin.conf.
fn kubectl(sh: &Shared, args: &[&str]) -> Result<crate::node::CommandOutput> {
    let conf = sh.admin_conf.display().to_string();
    let mut argv = vec!["kubectl", "--kubeconfig", &conf];
    argv.extend_from_slice(args);
    sh.local.run(&argv)
}

/// Whether an API server serves the node object (not only its health
/// endpoints): only then can it be drained.
fn api_answers(sh: &Shared, node: &str) -> bool {
    kubectl(sh, &["get", "node", node, "--request-timeout=5s"])
        .map(|o| o.success())
        .unwrap_or(false)
}

fn worker_name(ctx: &Ctx) -> Result<String> {
    if let Some(n) = &ctx.n.name {
        return Ok(n.clone());
    }
    crate::spec::host::hostname_of(ctx.n.node.as_ref())
}

struct Drain;

impl Step<Ctx> for Drain {
    fn name(&self) -> &'static str {
        "drain"
    }
    fn run(&self, ctx: &mut Ctx) -> Result<Flow> {
        ctx.started = Some(Instant::now());
        let name = worker_name(ctx)?;
        ctx.node_name = Some(name.clone());
        if !api_answers(&ctx.sh, &name) {
            ctx.line("workers", "drain", Outcome::Skipped, format!("drain of {name} skipped: no API server answered (kubectl --kubeconfig {} get node {name})", ctx.sh.admin_conf.display()));
            return Ok(Flow::Next);
        }
        let timeout = format!("--timeout={}s", ctx.sh.o.component_timeout.as_secs());
        let out = kubectl(
            &ctx.sh,
            &[
                "drain",
                &name,
                "--ignore-daemonsets",
                "--delete-emptydir-data",
                &timeout,
            ],
        )?;
        if !out.success() {
            bail!("kubectl drain {name}: {}", out.stderr.trim());
        }
        ctx.drained = true;
        ctx.line("workers", "drain", Outcome::Done, format!("{name} drained"));
        Ok(Flow::Next)
    }
    fn undo(&self, ctx: &mut Ctx) -> Option<Result<()>> {
        if !ctx.drained {
            return None;
        }
        let name = ctx.node_name.clone()?;
        Some(kubectl(&ctx.sh, &["uncordon", &name]).and_then(|o| {
            if o.success() {
                Ok(())
            } else {
                Err(anyhow!("kubectl uncordon {name}: {}", o.stderr.trim()))
            }
        }))
    }
}

struct Uncordon;

impl Step<Ctx> for Uncordon {
    fn name(&self) -> &'static str {
        "uncordon"
    }
    fn stays_on_interrupt(&self) -> bool {
        true
    }
    fn run(&self, ctx: &mut Ctx) -> Result<Flow> {
        ctx.started = Some(Instant::now());
        if !ctx.drained {
            return Ok(Flow::Next);
        }
        let name = ctx.node_name.clone().unwrap_or_default();
        let out = kubectl(&ctx.sh, &["uncordon", &name])?;
        if !out.success() {
            bail!("kubectl uncordon {name}: {}", out.stderr.trim());
        }
        ctx.line(
            "workers",
            "uncordon",
            Outcome::Done,
            format!("{name} uncordoned"),
        );
        Ok(Flow::Next)
    }
}

/// Fresh preflight on every node (role Upgrade), all nodes at once; fails
/// on errors not ignored.
fn preflight(nodes: &[ClusterNode], o: &Options) -> Result<Vec<String>> {
    let one = |n: &ClusterNode| -> Result<String> {
        let inst = if n.role == Role::ControlPlane {
            Some(crate::install::Installer::new(&*n.node, false)?)
        } else {
            None
        };
        let t = crate::preflight::Target {
            node: &*n.node,
            role: crate::preflight::Role::Upgrade,
            kubernetes_version: o.target,
            cri_socket: crate::spec::defaults::CRI_SOCKET,
            apiserver_port: components::APISERVER_HTTPS.number,
            etcd_data_dir: None,
            ipv4: true,
            ledger: inst.as_ref(),
            etcd_learner_running: false,
        };
        let checks = crate::preflight::check(&t, &o.ignore)?;
        if let Some(fatal) = crate::preflight::fatal_summary(&checks) {
            bail!(
                "preflight on {}: {fatal} (--ignore-preflight-errors=<name> makes a check non-fatal)",
                n.label
            );
        }
        let warnings = checks.iter().filter(|c| !c.passed && !c.is_fatal()).count();
        Ok(format!(
            "preflight on {}: passed ({warnings} warning(s))",
            n.label
        ))
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = nodes.iter().map(|n| s.spawn(move || one(n))).collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(anyhow!("preflight crashed")))
            })
            .collect()
    })
}

/// Renews certificates on every control plane by policy (all at once); a
/// note per node, and the static pods that load what was renewed there.
#[allow(clippy::type_complexity)]
fn renew_certificates(
    nodes: &[ClusterNode],
    o: &Options,
    run_dir: &Path,
    pki: &crate::pki::PkiSettings,
) -> Result<Vec<(Option<String>, Vec<String>, String)>> {
    let within = match o.renewal {
        Renewal::Never => {
            return Ok(vec![(
                None,
                vec![],
                "certificate renewal: never (--certificate-renewal=never)".into(),
            )])
        }
        Renewal::Always => None,
        Renewal::Auto => Some(time::Duration::days(AUTO_RENEW_DAYS)),
    };
    let one = |n: &ClusterNode| -> Result<(Option<String>, Vec<String>, String)> {
        let inst = backups::installer(&*n.node, run_dir)?;
        let names = vec!["all".to_string()];
        let r = crate::certs::renew(
            &inst,
            pki,
            &crate::certs::RenewOptions {
                names: &names,
                within,
                restart: false,
                now: time::OffsetDateTime::now_utc(),
            },
        )
        .with_context(|| format!("renewing certificates on {}", n.label))?;
        inst.save_ledger()?;
        let note = if r.renewed.is_empty() {
            format!("certificates on {}: none due", n.label)
        } else {
            format!(
                "certificates on {}: renewed {} (each component that loads one restarts at its step, also when its manifest does not change)",
                n.label,
                r.renewed
                    .iter()
                    .map(|x| x.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            )
        };
        Ok((Some(n.label.clone()), r.uses_renewed, note))
    };
    std::thread::scope(|s| {
        let handles: Vec<_> = nodes
            .iter()
            .filter(|n| n.role == Role::ControlPlane)
            .map(|n| s.spawn(move || one(n)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err(anyhow!("renewal crashed"))))
            .collect()
    })
}

/// Makes the per-host progress lines (one per label), when stderr is a TTY.
pub type MakeProgress<'a> = dyn Fn(&[String]) -> Option<Arc<dyn rollout::Progress>> + 'a;

/// Runs one hop. `plan` must be the plan of exactly this hop, without
/// blockers; `op` is the begun operation (lock held, signals caught). A
/// signal before the first component step ends it with `Interrupted`
/// (nothing but the snapshot and renewed certificates changed, as the
/// message says); one during the component steps ends it with the report,
/// outcome `interrupted`.
pub fn run(
    op: &mut UpgradeOperation,
    nodes: Vec<ClusterNode>,
    plan: &Plan,
    o: Options,
    progress: &MakeProgress,
    status: &dyn Fn(&str),
) -> Result<Report> {
    let t0 = Instant::now();
    let local = nodes
        .iter()
        .find(|n| n.local)
        .map(|n| n.node.clone())
        .ok_or_else(|| anyhow!("no local node"))?;
    let target = o.target;
    let mut report = Report {
        from: plan.current,
        target,
        outcome: RunOutcome::Failed,
        resumed: false,
        snapshot: None,
        backup_dir: None,
        steps: vec![],
        notes: vec![],
        stands: String::new(),
        next: String::new(),
        seconds: 0.0,
        wait_seconds: 0.0,
        prepare_seconds: 0.0,
    };
    let previous = op.previous().map(|r| r.data.clone());
    if previous.is_none() && plan.steps.is_empty() {
        report.outcome = RunOutcome::NothingToDo;
        report.stands = format!(
            "every component is at {target} already and healthy (verified by the plan's inventory)"
        );
        report.next = "nothing".into();
        report.seconds = t0.elapsed().as_secs_f64();
        return Ok(report);
    }
    let (run_dir, workers_now) = match &previous {
        Some(rec) => {
            if rec.target != Some(target) {
                let t = rec.target.map(|t| t.to_string()).unwrap_or_default();
                return Err(crate::exit::usage(format!(
                    "an interrupted upgrade to {t} left its journal ({}); finish it first: kforge upgrade apply {t}",
                    local
                        .real_path(&crate::rollout::journal::path(OPERATION))
                        .display()
                )));
            }
            let dir = rec
                .backup_dir
                .clone()
                .ok_or_else(|| anyhow!("the journal has no backupDir"))?;
            report.resumed = true;
            report.snapshot = rec.snapshot.clone();
            // Where the run started, not where the killed run left it.
            report.from = rec.from.or(plan.current);
            (dir, rec.workers)
        }
        None => (
            backups::run_dir(&target.to_string()),
            plan.hops.first().is_some_and(|h| h.workers),
        ),
    };
    report.backup_dir = Some(local.real_path(&run_dir).display().to_string());
    if report.resumed {
        status(&format!(
            "resuming the interrupted upgrade to {target} from its journal"
        ));
    }
    let resumed = report.resumed;
    let untouched = move || {
        if resumed {
            "nothing more was changed than the interrupted run had; its journal is kept".to_string()
        } else {
            "nothing was changed on any node".to_string()
        }
    };
    // Fresh preflight (read-only).
    let checked = op.step("preflight", untouched, || preflight(&nodes, &o))?;
    report.notes.extend(checked);
    if let Some(e) = runner::interrupted(untouched) {
        return Err(e);
    }
    // From here on the run is journaled.
    let (from, backup_dir) = (plan.current, run_dir.clone());
    let journal = op.journal(|| RunRecord {
        target: Some(target),
        from,
        backup_dir: Some(backup_dir),
        snapshot: None,
        certificates_renewed: false,
        workers: workers_now,
    })?;
    // A verified snapshot, before anything changes.
    let pki = crate::spec::ClusterSpec::pki_settings_for_dir(Path::new(crate::paths::PKI_DIR));
    let etcd_endpoints: Vec<String> = plan
        .inventory
        .etcd
        .as_ref()
        .map(|e| {
            e.members
                .iter()
                .map(|m| m.client_url.clone())
                .filter(|u| !u.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let snapshot_ok = report
        .snapshot
        .as_deref()
        .is_some_and(|s| Path::new(s).is_file());
    if !snapshot_ok && !etcd_endpoints.is_empty() {
        let saved = op.step("snapshot", untouched, || {
            status("taking a verified etcd snapshot before anything changes");
            local.create_dir_all(&run_dir, 0o700)?;
            let file = local.real_path(&run_dir.join("etcd-snapshot.db"));
            let ep = crate::etcd::client::EtcdEndpoint::from_node_pki(
                &*local,
                &pki.cert_dir,
                etcd_endpoints.clone(),
                None,
            );
            let rt = crate::runtime::current_thread()?;
            rt.block_on(crate::backup::save::run(
                &ep,
                &crate::backup::save::Target::File {
                    path: file.clone(),
                    force: true,
                },
                Default::default(),
                None,
                None,
            ))
            .context("the pre-upgrade etcd snapshot")
        })?;
        let shown = saved.file.display().to_string();
        journal.update(|d| d.snapshot = Some(shown.clone()))?;
        report.notes.push(format!(
            "etcd snapshot {shown}: revision {}, {} keys, verified",
            saved.revision, saved.total_key
        ));
        report.snapshot = Some(shown);
    }
    let snap = report.snapshot.clone();
    let snapshot_taken = move |what: &str| match &snap {
        Some(s) => format!("{what}; the pre-upgrade snapshot {s} is taken and verified"),
        None => what.to_string(),
    };
    // Certificates, once per run.
    if !journal.record().data.certificates_renewed {
        let renewed = op.step(
            "certificates",
            || snapshot_taken("no component was changed"),
            || renew_certificates(&nodes, &o, &run_dir, &pki),
        )?;
        for (host, pods, note) in renewed {
            if let Some(h) = host.filter(|_| !pods.is_empty()) {
                journal.update_host(&h, |d| d.renewed_for = pods)?;
            }
            report.notes.push(note);
        }
        journal.update(|d| d.certificates_renewed = true)?;
    }
    if let Some(e) = runner::interrupted(|| {
        snapshot_taken("certificates were renewed by policy, no component was changed")
    }) {
        return Err(e);
    }
    let sh = Arc::new(Shared {
        run_dir: run_dir.clone(),
        journal: journal.clone(),
        local: local.clone(),
        pki_dir: pki.cert_dir.clone(),
        tag: target.to_string().replace('+', "_"),
        etcd: plan.etcd.as_ref().map(|e| (e.to, e.image_tag.clone())),
        etcd_endpoints,
        snapshot: report.snapshot.clone(),
        admin_conf: local.real_path(&crate::kubeconfig::ADMIN.path()),
        wait: Mutex::new(0.0),
        o: o.clone(),
    });
    // Waves.
    let member_of = |n: &ClusterNode| -> Option<String> {
        plan.inventory
            .nodes
            .iter()
            .find(|i| i.node == n.label)
            .and_then(|i| i.etcd_member.clone())
    };
    let ctx = |n: &ClusterNode| Ctx {
        sh: sh.clone(),
        n: n.clone(),
        lines: vec![],
        started: None,
        member: member_of(n),
        node_name: None,
        drained: false,
    };
    let cps: Vec<&ClusterNode> = nodes
        .iter()
        .filter(|n| n.role == Role::ControlPlane)
        .collect();
    let mut waves: Vec<Wave<Ctx>> = Vec::new();
    let mut labels = Vec::new();
    let mut wave = |name: &'static str,
                    hosts: Vec<HostPlan<Ctx>>,
                    concurrency: usize,
                    labels: &mut Vec<String>| {
        for h in &hosts {
            labels.push(format!("{name}: {}", h.label));
        }
        waves.push(Wave {
            name,
            hosts,
            concurrency,
            on_failure: OnFailure::Stop,
        });
    };
    // etcd's wave also runs when its image does not change: a resumed run
    // verifies what the killed one swapped; untouched members are only checked.
    let etcd_order = super::plan::etcd_order(&plan.inventory);
    if !etcd_order.is_empty() {
        let hosts = etcd_order
            .iter()
            .filter_map(|m| {
                nodes
                    .iter()
                    .find(|n| member_of(n).as_deref() == Some(m.as_str()))
            })
            .map(|n| HostPlan {
                label: n.label.clone(),
                ctx: ctx(n),
                steps: vec![
                    Arc::new(MoveLeader) as Arc<dyn Step<Ctx>>,
                    Arc::new(Swap {
                        c: components::ETCD,
                        phase: "etcd",
                    }),
                ],
            })
            .collect();
        wave("etcd", hosts, 1, &mut labels);
    }
    let swap_wave = |phase: &'static str, comps: &[Component]| -> Vec<HostPlan<Ctx>> {
        cps.iter()
            .map(|n| HostPlan {
                label: n.label.clone(),
                ctx: ctx(n),
                steps: comps
                    .iter()
                    .map(|c| Arc::new(Swap { c: *c, phase }) as Arc<dyn Step<Ctx>>)
                    .collect(),
            })
            .collect()
    };
    wave(
        "kube-apiserver",
        swap_wave("kube-apiserver", &[components::KUBE_APISERVER]),
        1,
        &mut labels,
    );
    wave(
        "controller-manager-scheduler",
        swap_wave(
            "controller-manager-scheduler",
            &[
                components::KUBE_CONTROLLER_MANAGER,
                components::KUBE_SCHEDULER,
            ],
        ),
        1,
        &mut labels,
    );
    let kubelets = |role: Role, phase: &'static str| -> Vec<HostPlan<Ctx>> {
        nodes
            .iter()
            .filter(|n| n.role == role)
            .map(|n| HostPlan {
                label: n.label.clone(),
                ctx: ctx(n),
                steps: if role == Role::Worker {
                    vec![
                        Arc::new(Drain) as Arc<dyn Step<Ctx>>,
                        Arc::new(Kubelet { phase }),
                        Arc::new(Uncordon),
                    ]
                } else {
                    vec![Arc::new(Kubelet { phase }) as Arc<dyn Step<Ctx>>]
                },
            })
            .collect()
    };
    wave(
        "control-plane-kubelets",
        kubelets(Role::ControlPlane, "control-plane-kubelets"),
        1,
        &mut labels,
    );
    if workers_now {
        wave(
            "workers",
            kubelets(Role::Worker, "workers"),
            o.max_unavailable,
            &mut labels,
        );
    } else {
        report.notes.push(
            "workers: not upgraded in this hop (the plan leaves them for a later one)".into(),
        );
    }
    let bars = progress(&labels);
    report.prepare_seconds = t0.elapsed().as_secs_f64();
    let jr: Arc<dyn rollout::Journal> = journal.clone();
    let runs = rollout::run(waves, bars, Some(jr))?;
    let mut failed = None;
    // Hosts a signal stopped before a step: (host, step).
    let mut stopped: Vec<(String, String)> = Vec::new();
    for run in runs {
        let mut lines = run.ctx.lines;
        match run.report.outcome {
            HostOutcome::Failed if run.report.interrupted => {
                let step = run
                    .report
                    .steps
                    .last()
                    .map(|s| s.name)
                    .unwrap_or("?")
                    .to_string();
                lines.push(StepLine {
                    node: run.label.clone(),
                    phase: run.wave,
                    step: step.clone(),
                    outcome: Outcome::NotRun,
                    detail: run.report.error.clone().unwrap_or_default(),
                    seconds: 0.0,
                });
                for e in &run.report.rollback_errors {
                    report
                        .notes
                        .push(format!("{}: rollback incomplete: {e}", run.label));
                }
                stopped.push((run.label.clone(), step));
            }
            HostOutcome::Failed => {
                let err = run.report.error.clone().unwrap_or_default();
                let step = run
                    .report
                    .steps
                    .iter()
                    .find(|s| s.outcome == rollout::StepOutcome::Failed)
                    .map(|s| s.name)
                    .unwrap_or("?");
                lines.insert(
                    0,
                    StepLine {
                        node: run.label.clone(),
                        phase: run.wave,
                        step: step.to_string(),
                        outcome: Outcome::Failed,
                        detail: err.clone(),
                        seconds: run.report.seconds,
                    },
                );
                let refused = lines.iter().any(|l| l.outcome == Outcome::RollbackRefused);
                for e in &run.report.rollback_errors {
                    let what = if refused {
                        "rollback refused"
                    } else {
                        "rollback incomplete"
                    };
                    report.notes.push(format!("{}: {what}: {e}", run.label));
                }
                failed.get_or_insert((run.label.clone(), run.wave, step.to_string(), err));
            }
            HostOutcome::NotRun => lines.push(StepLine {
                node: run.label.clone(),
                phase: run.wave,
                step: "-".into(),
                outcome: Outcome::NotRun,
                detail: run.report.error.clone().unwrap_or_default(),
                seconds: 0.0,
            }),
            _ => {}
        }
        report.steps.extend(lines);
    }
    report.wait_seconds = *sh.wait.lock().unwrap_or_else(|p| p.into_inner());
    drop(sh);
    let done: Vec<String> = report
        .steps
        .iter()
        .filter(|s| s.outcome.reached_target())
        .map(|s| format!("{} on {}", s.step, s.node))
        .collect();
    let done = if done.is_empty() {
        "none".to_string()
    } else {
        done.join(", ")
    };
    let refused = report
        .steps
        .iter()
        .any(|s| s.outcome == Outcome::RollbackRefused);
    let restore = format!(
        "kforge snapshot restore {} --apply",
        report
            .snapshot
            .clone()
            .unwrap_or_else(|| "<pre-upgrade snapshot>".into())
    );
    let signal = crate::interrupt::received();
    match (failed, signal) {
        (None, None) => {
            let changed = report.steps.iter().any(|s| s.outcome == Outcome::Upgraded);
            report.outcome = if changed || report.resumed {
                RunOutcome::Upgraded
            } else {
                RunOutcome::NothingToDo
            };
            for n in &nodes {
                match backups::prune(&*n.node, o.keep_backups, &run_dir) {
                    Ok(removed) if !removed.is_empty() => report.notes.push(format!(
                        "{}: removed {} old upgrade backup(s) (--keep-backups {})",
                        n.label,
                        removed.len(),
                        o.keep_backups
                    )),
                    Ok(_) => {}
                    Err(e) => report.notes.push(format!("{}: {e:#}", n.label)),
                }
            }
            edit::hop_landed(
                &*local,
                target,
                plan.etcd.as_ref().map(|e| e.image_tag.as_str()),
            )?;
            drop(journal);
            op.finish()?;
            report.stands = format!("every component given is at {target} (see each step)");
            report.next = "nothing: the upgrade is done".into();
        }
        (failed, Some(sig)) => {
            // Stopped by a signal: the step in flight finished, or failed
            // and was undone; each line above says which.
            report.outcome = RunOutcome::Interrupted;
            let mut what = Vec::new();
            if let Some((host, _, step, err)) = &failed {
                let rolled = report
                    .steps
                    .iter()
                    .any(|s| s.node == *host && s.outcome == Outcome::RolledBack);
                what.push(format!(
                    "{step} on {host} failed ({}) and {}",
                    err.lines().next().unwrap_or(""),
                    if rolled {
                        "its previous manifest is back and verified healthy"
                    } else if refused {
                        "the new etcd manifest stays (a binary rollback was not proven safe)"
                    } else {
                        "its rollback is incomplete (see the notes)"
                    }
                ));
            }
            if !stopped.is_empty() {
                what.push(format!(
                    "not started: {}",
                    stopped
                        .iter()
                        .map(|(h, s)| format!("{s} on {h}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
            }
            report.stands = format!(
                "stopped by {} after the step in flight; finished and verified at {target}: {done}{}",
                sig.name(),
                if what.is_empty() {
                    String::new()
                } else {
                    format!("; {}", what.join("; "))
                }
            );
            report.next = if refused {
                format!("fix the cause and re-run `kforge upgrade apply {target}` (it resumes with the new etcd), or go back to the pre-upgrade state: {restore}")
            } else {
                format!("re-run `kforge upgrade apply {target}`: it resumes from the journal (finished steps are only verified)")
            };
        }
        (Some((host, wave, step, err)), None) => {
            let rolled = report
                .steps
                .iter()
                .any(|s| s.node == host && s.outcome == Outcome::RolledBack);
            report.stands = format!(
                "{step} failed on {host} in the {wave} phase: {}{}; at {target} or verified: {done}; nothing later was started",
                err.lines().next().unwrap_or(""),
                if rolled {
                    " (its previous manifest is back and healthy)"
                } else if refused {
                    " (the new etcd manifest stays: a binary rollback was not proven safe)"
                } else {
                    ""
                },
            );
            report.next = if refused {
                format!(
                    "etcd is not rolled back by binary: either fix the cause and re-run `kforge upgrade apply {target}` (it resumes with the new etcd), or go back to the pre-upgrade state: {restore}"
                )
            } else {
                format!("fix the cause above, then re-run `kforge upgrade apply {target}`: it resumes from the journal (completed steps are only verified)")
            };
        }
    }
    report.seconds = t0.elapsed().as_secs_f64();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use probe::{EtcdView, MemberState};

    fn member(name: &str, server: &str, cluster: &str) -> MemberState {
        MemberState {
            name: name.into(),
            id: "1".into(),
            client_url: String::new(),
            server: Some(server.into()).filter(|s: &String| !s.is_empty()),
            cluster: Some(cluster.into()).filter(|s: &String| !s.is_empty()),
            is_learner: false,
            is_leader: false,
            leader: None,
            raft_index: 0,
            applied_index: 0,
            problem: None,
        }
    }

    fn v(s: &str) -> EtcdVersion {
        s.parse().unwrap()
    }

    #[test]
    fn a_binary_rollback_of_etcd_needs_proof_that_the_cluster_version_did_not_move() {
        let view = |ms: Vec<MemberState>| EtcdView {
            members: ms,
            alarms: vec![],
        };
        // A patch hop needs nothing read.
        let down = "connection refused".to_string();
        assert!(rollback_proof(Some(v("3.5.0")), v("3.5.1"), Err(&down)).is_ok());
        // A minor hop with no member answering: not proven (the issue's outage).
        let e = rollback_proof(Some(v("3.4.23")), v("3.5.16"), Err(&down)).unwrap_err();
        assert!(e.contains("no member answered"), "{e}");
        // The version before is unknown: not proven.
        assert!(rollback_proof(None, v("3.5.16"), Err(&down)).is_err());
        // Moved: refused.
        let moved = view(vec![
            member("a", "3.5.16", "3.5.0"),
            member("b", "3.5.16", "3.5.0"),
        ]);
        let e = rollback_proof(Some(v("3.4.23")), v("3.5.16"), Ok(&moved)).unwrap_err();
        assert!(e.contains("reports cluster version 3.5"), "{e}");
        // Not moved yet, but every member answering runs the new minor: it may move any moment.
        let last = view(vec![member("a", "3.5.16", "3.4.0"), member("b", "", "")]);
        let e = rollback_proof(Some(v("3.4.23")), v("3.5.16"), Ok(&last)).unwrap_err();
        assert!(e.contains("may move"), "{e}");
        // Not moved, and another member still runs 3.4: proven.
        let ok = view(vec![
            member("a", "3.5.16", "3.4.0"),
            member("b", "3.4.23", "3.4.0"),
        ]);
        let why = rollback_proof(Some(v("3.4.23")), v("3.5.16"), Ok(&ok)).unwrap();
        assert!(why.contains("member b still runs etcd 3.4.23"), "{why}");
    }

    #[test]
    fn outcomes_keep_the_words_of_the_report() {
        let all = [
            (Outcome::Upgraded, "upgraded"),
            (Outcome::Unchanged, "unchanged"),
            (Outcome::Restarted, "restarted"),
            (Outcome::Skipped, "skipped"),
            (Outcome::Done, "done"),
            (Outcome::Failed, "failed"),
            (Outcome::RolledBack, "rolled-back"),
            (Outcome::RollbackFailed, "rollback-failed"),
            (Outcome::RollbackRefused, "rollback-refused"),
            (Outcome::NotRun, "not-run"),
        ];
        for (o, word) in all {
            assert_eq!(serde_json::to_value(o).unwrap(), word);
            assert_eq!(o.to_string(), word);
            assert_eq!(serde_json::from_value::<Outcome>(word.into()).unwrap(), o);
            assert_eq!(
                o.reached_target(),
                matches!(word, "upgraded" | "unchanged" | "restarted"),
                "{word}"
            );
        }
        let runs = [
            (RunOutcome::Upgraded, "upgraded"),
            (RunOutcome::NothingToDo, "nothing-to-do"),
            (RunOutcome::Failed, "failed"),
            (RunOutcome::Interrupted, "interrupted"),
        ];
        for (o, word) in runs {
            assert_eq!(serde_json::to_value(o).unwrap(), word);
            assert_eq!(o.to_string(), word);
        }
    }

    #[test]
    fn journal_data_without_newer_fields_still_loads() {
        // A run record and a host record as an earlier build wrote them
        // (no `workers`, no `certificatesRenewed`, no kubelet fields).
        let run: RunRecord = serde_json::from_str(
            r#"{"target":"v1.32.0","backupDir":"/etc/kubernetes/tmp/kforge-upgrade/x"}"#,
        )
        .unwrap();
        assert_eq!(
            run.target.map(|v| v.to_string()).as_deref(),
            Some("v1.32.0")
        );
        assert!(!run.workers && !run.certificates_renewed && run.snapshot.is_none());
        let host: HostRecord = serde_json::from_str(
            r#"{"swaps":[{"component":"etcd","manifest":"/etc/kubernetes/manifests/etcd.yaml"}]}"#,
        )
        .unwrap();
        assert_eq!(host.swaps[0].component, "etcd");
        assert!(host.swaps[0].copy.is_none() && host.swaps[0].before.is_none());
        assert!(host.kubelet_files.is_empty() && host.renewed_for.is_empty());
        // And what is written reads back the same.
        let back: RunRecord = serde_json::from_value(serde_json::to_value(&run).unwrap()).unwrap();
        assert_eq!(back.backup_dir, run.backup_dir);
    }
}
