//! `kforge reset [HOSTS… | --inventory FILE]`: undo `init`/`join` on a
//! node, locally (`--root`) or over SSH, as named steps on the rollout
//! engine, one host at a time (etcd membership changes one member at a time):
//!
//! | step | what |
//! |---|---|
//! | `connect` | SSH (host key verified); local: nothing |
//! | `inspect` | read the etcd manifest (member name, peer URL, data dir) and the ledger; refuse a node whose ledger is missing, empty or damaged unless `--ignore-ledger` (then list kubeadm's well-known files it will remove by name) |
//! | `etcd-check` | find this node's member through the cluster; refuse if removing it would lose quorum unless `--allow-quorum-loss`; the only member of a one-member cluster is not removed (the cluster goes with the node, as with kubeadm) |
//! | `etcd-member` | final snapshot of the member (unless `--no-backup`); remove it through the other members |
//! | `stop-pods` | move the control-plane manifests to `/etc/kubernetes/tmp/kforge-reset-manifests/` so the kubelet stops them; wait for etcd to stop answering. Undone (the manifests put back) on a failure or a signal while the member is still in the cluster and its data still there |
//! | `etcd-data` | empty the member's data directory (only one that holds `member/`; the directory stays, it may be a mount point) |
//! | `stop-kubelet` | `systemctl stop kubelet` where systemd runs and a unit exists |
//! | `files` | remove every file kforge's ledger says it wrote and nobody edited since (the moved manifests too), then the ledger, or with `--ignore-ledger` kubeadm's well-known files by name ([`known`]); list the other files and leave them; kforge's own journals, locks and backups ([`leftovers`]) |
//!
//! The first three steps change nothing: a run refused there writes no
//! journal ([`DeferredJournal`]). Idempotent: a node with no manifests, no
//! member, no data, no ledger and none of kubeadm's files (but those an
//! earlier reset kept and recorded) is "clean" and nothing happens.
//! `--dry-run` runs `connect`, `inspect` and `etcd-check` for real and
//! lists every action the other steps would take.

pub mod known;
pub mod leftovers;

use crate::etcd::client::EtcdEndpoint;
use crate::etcd::ops::{self, Member, Survey, Target};
use crate::install::Installer;
use crate::node::{LocalNode, Node};
use crate::paths;
use crate::rollout::journal::FileJournal;
use crate::rollout::{self, Event, Flow, Step};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Where `stop-pods` moves the control-plane manifests.
pub fn moved_manifests_dir() -> PathBuf {
    Path::new(paths::KUBERNETES_TMP).join("kforge-reset-manifests")
}

/// The steps that only look: a run that stops in one of them changed
/// nothing and leaves no journal.
pub const READ_ONLY_STEPS: &[&str] = &["connect", "inspect", "etcd-check"];

#[derive(Debug, Clone)]
pub struct Options {
    pub dry_run: bool,
    /// No final snapshot of the member's data.
    pub no_backup: bool,
    /// Where final snapshots go (a real path on the machine kforge runs on).
    pub backup_dir: PathBuf,
    /// Remove the member even when that loses quorum (or no member answers).
    pub allow_quorum_loss: bool,
    /// The ledger is missing, empty or damaged: remove kubeadm's
    /// well-known files by name instead.
    pub ignore_ledger: bool,
    /// Also remove kforge's backups in `/etc/kubernetes/tmp`.
    pub cleanup_tmp_dir: bool,
    /// etcd request timeout.
    pub etcd_timeout: Duration,
    /// How long to wait for the local etcd to stop after its manifest moved.
    pub stop_timeout: Duration,
    /// TLS files for etcd (on the machine kforge runs on): the CA and a client pair.
    pub etcd_tls: Option<EtcdEndpoint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Reset,
    /// Nothing of kforge's was left on the node.
    Clean,
    Planned,
    Failed,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostReport {
    pub host: String,
    pub outcome: Outcome,
    /// What was done (or, in a dry run, would be), in order.
    pub actions: Vec<String>,
    /// Files kforge did not write (or that were edited since), and kforge's
    /// own backups, locks and restore copies it keeps: left in place.
    pub kept: Vec<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<PathBuf>,
    /// Manifests `stop-pods` had moved and put back after a failure or a
    /// signal (the etcd member was still in the cluster).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub manifests_put_back: Vec<PathBuf>,
    /// Where the moved manifests stay after a failure or a signal once the
    /// member was removed (a re-run finishes the reset).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifests_left_in: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
}

/// How a host is reached.
pub enum Reach {
    Local(LocalNode),
    Ssh(crate::node::SshTarget),
}

/// The etcd member a control-plane node runs, as its manifest says.
#[derive(Debug, Clone)]
struct EtcdInfo {
    name: Option<String>,
    peer_url: Option<String>,
    client_urls: Vec<String>,
    /// Seeds for the member list: its own client URLs, then every
    /// `--initial-cluster` peer's host at the client port.
    seeds: Vec<String>,
    data_dir: Option<PathBuf>,
}

/// What the node's ledger can tell.
#[derive(Debug, Clone, PartialEq)]
enum LedgerState {
    /// It lists files kforge wrote.
    Usable,
    Missing,
    /// It lists nothing (and no earlier reset wrote it).
    Empty,
    /// What an earlier reset left: the files it kept (node paths).
    ResetRecord(Vec<PathBuf>),
    Damaged(String),
}

/// The ledger field an earlier reset's record keeps the kept files in.
const RESET_KEPT: &str = "resetKept";

fn ledger_state(node: &dyn Node) -> Result<LedgerState> {
    let Some(bytes) = node.read(Path::new(paths::LEDGER))? else {
        return Ok(LedgerState::Missing);
    };
    let v: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Ok(LedgerState::Damaged(e.to_string())),
    };
    let Some(files) = v.get("files").and_then(|f| f.as_object()) else {
        return Ok(LedgerState::Damaged("no \"files\" map".into()));
    };
    if !files.is_empty() {
        return Ok(LedgerState::Usable);
    }
    Ok(match v.get(RESET_KEPT).and_then(|k| k.as_array()) {
        Some(kept) => LedgerState::ResetRecord(
            kept.iter()
                .filter_map(|p| p.as_str().map(PathBuf::from))
                .collect(),
        ),
        None => LedgerState::Empty,
    })
}

pub struct Ctx {
    label: String,
    reach: Option<Reach>,
    node: Option<Box<dyn Node>>,
    o: Arc<Options>,
    /// The node kforge runs on (its PKI reaches etcd for SSH hosts).
    local: LocalNode,
    etcd: Option<EtcdInfo>,
    ledger: LedgerState,
    /// Whether there was anything of kforge's on the node.
    found: bool,
    /// What `etcd-check` found: the cluster and this node's member.
    target: Option<Target>,
    survey: Option<Survey>,
    me: Option<Member>,
    /// This node's member is the only voting member: not removed.
    only_member: bool,
    /// Past this, the node cannot go back to running as it was: the member
    /// was removed (or is not in the cluster), or its data was emptied.
    no_way_back: bool,
    /// Manifests moved aside: (node path, where it is now).
    moved: Vec<(PathBuf, PathBuf)>,
    report: HostReport,
}

impl rollout::Context for Ctx {
    fn summary(&self, r: &rollout::HostReport) -> String {
        match r.outcome {
            rollout::HostOutcome::Failed | rollout::HostOutcome::NotRun => "failed".into(),
            _ => serde_json::to_value(self.report.outcome)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        }
    }
}

impl Ctx {
    fn node(&self) -> Result<&dyn Node> {
        self.node.as_deref().ok_or_else(|| anyhow!("not connected"))
    }
    fn act(&mut self, done: impl Into<String>, planned: impl Into<String>) {
        let line = if self.o.dry_run {
            planned.into()
        } else {
            done.into()
        };
        if line.is_empty() {
            return;
        }
        tracing::info!("{}: {line}", self.label);
        self.report.actions.push(line);
    }
    fn shown(&self, p: &Path) -> String {
        self.node
            .as_deref()
            .map(|n| n.real_path(p).display().to_string())
            .unwrap_or_else(|| p.display().to_string())
    }
}

struct Connect;
impl Step<Ctx> for Connect {
    fn name(&self) -> &'static str {
        READ_ONLY_STEPS[0]
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let node: Box<dyn Node> = match c.reach.take() {
            Some(Reach::Local(n)) => Box::new(n),
            Some(Reach::Ssh(t)) => Box::new(crate::node::SshNode::connect(&t)?),
            None => bail!("no way to reach the host"),
        };
        c.node = Some(node);
        Ok(Flow::Next)
    }
}

struct Inspect;
impl Step<Ctx> for Inspect {
    fn name(&self) -> &'static str {
        READ_ONLY_STEPS[1]
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let node = c.node.take().ok_or_else(|| anyhow!("not connected"))?;
        let result = inspect(c, node.as_ref());
        c.node = Some(node);
        result
    }
}

fn etcd_info(node: &dyn Node) -> Result<Option<EtcdInfo>> {
    let manifest = crate::staticpod::manifest_path("etcd");
    let moved = moved_manifests_dir().join(manifest.file_name().unwrap_or_default());
    // A re-run after `stop-pods` finds the manifest where it was moved.
    let text = match crate::node::read_string(node, &manifest)? {
        Some(t) => Some(t),
        None => crate::node::read_string(node, &moved)?,
    };
    let Some(t) = text else {
        return Ok(None);
    };
    let pod = crate::staticpod::parse(&t, &node.real_path(&manifest).display().to_string())?;
    let client_urls: Vec<String> = pod
        .flag("advertise-client-urls")
        .map(|u| u.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    Ok(Some(EtcdInfo {
        name: pod.flag("name"),
        peer_url: pod
            .flag("initial-advertise-peer-urls")
            .and_then(|u| u.split(',').next().map(str::to_string)),
        client_urls,
        seeds: ops::seeds_from_pod(&pod),
        data_dir: pod.flag("data-dir").map(PathBuf::from),
    }))
}

fn inspect(c: &mut Ctx, node: &dyn Node) -> Result<Flow> {
    let etcd = etcd_info(node)?;
    let ledger = ledger_state(node)?;
    let data = match etcd.as_ref().and_then(|e| e.data_dir.clone()) {
        Some(d) => node.exists(&d.join("member"))?,
        None => false,
    };
    let known = known::present(node, &moved_manifests_dir())?;
    let recorded: &[PathBuf] = match &ledger {
        LedgerState::ResetRecord(k) => k,
        _ => &[],
    };
    // kubeadm's files that no earlier reset kept on purpose.
    let unexplained: Vec<&(PathBuf, PathBuf)> = known
        .iter()
        .filter(|(p, _)| !recorded.contains(p))
        .collect();
    let usable = ledger == LedgerState::Usable;
    // (The etcd manifest is one of kubeadm's files, in place or moved aside.)
    let needs_ledger = data || !unexplained.is_empty();
    // kforge's journals, locks and (with --cleanup-tmp-dir) backups alone
    // are worth a run too; kept ones are only listed.
    let leftover = leftovers::find(node, c.o.cleanup_tmp_dir)?;
    c.found = needs_ledger || usable || leftover.iter().any(|l| l.remove);
    c.etcd = etcd;
    c.ledger = ledger.clone();
    if !c.found {
        c.report.outcome = Outcome::Clean;
        c.report.actions.push(
            "nothing to do: no etcd manifest, no etcd data, no kubeadm file and no file kforge wrote"
                .into(),
        );
        let kept = foreign_files(node, None)?;
        note_kept(c, node, &kept);
        note_leftovers(c, node, &leftover);
        return Ok(Flow::Done);
    }
    if !usable && needs_ledger {
        let why = match &ledger {
            LedgerState::Missing => "is missing".to_string(),
            LedgerState::Empty => "lists no file".to_string(),
            LedgerState::ResetRecord(_) => {
                "only records an earlier reset (kubeadm's files came back since)".to_string()
            }
            LedgerState::Damaged(e) => format!("cannot be read ({e})"),
            LedgerState::Usable => "lists files".to_string(),
        };
        let list: Vec<String> = unexplained
            .iter()
            .map(|(_, here)| node.real_path(here).display().to_string())
            .collect();
        let ledger_path = node
            .real_path(Path::new(paths::LEDGER))
            .display()
            .to_string();
        if !c.o.ignore_ledger {
            bail!(
                "refusing to reset: the kforge ledger {ledger_path} {why}, so kforge cannot tell the files it wrote from anyone else's. \
                 `kforge reset --ignore-ledger` removes kubeadm's {} well-known file(s) by name (see them with --dry-run --ignore-ledger){}{}",
                list.len(),
                if list.is_empty() { "" } else { ": " },
                list.join(", ")
            );
        }
        c.report.actions.push(format!(
            "--ignore-ledger: the ledger {ledger_path} {why}; kubeadm's well-known files {} by name in step files: {}",
            if c.o.dry_run { "would be removed" } else { "are removed" },
            if list.is_empty() { "none".to_string() } else { list.join(", ") }
        ));
    }
    Ok(Flow::Next)
}

impl Ctx {
    /// The cluster as this node's etcd manifest names it.
    fn etcd_target(&self, info: &EtcdInfo) -> Target {
        let tls = match &self.o.etcd_tls {
            Some(t) => t.clone(),
            None => EtcdEndpoint::from_node_pki(
                &self.local,
                Path::new(paths::PKI_DIR),
                vec![],
                Some(self.o.etcd_timeout),
            ),
        };
        Target {
            ep: EtcdEndpoint {
                endpoints: info.seeds.clone(),
                timeout: Some(self.o.etcd_timeout),
                ..tls
            },
            quota: ops::DEFAULT_QUOTA,
        }
    }
}

/// Finds this node's member and decides whether it may go; changes nothing.
struct EtcdCheck;
impl Step<Ctx> for EtcdCheck {
    fn name(&self) -> &'static str {
        READ_ONLY_STEPS[2]
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let Some(info) = c.etcd.clone() else {
            return Ok(Flow::Next);
        };
        let t = c.etcd_target(&info);
        let rt = crate::runtime::current_thread()?;
        let survey = match rt.block_on(ops::survey(&t)) {
            Ok(s) => s,
            Err(e) => {
                // No member answers: the cluster is gone (or this was its
                // last member and it is down). Nothing to remove through.
                // An earlier reset that got past `etcd-data` (its member
                // removed, or the only one) left the manifest aside and the
                // data gone: the re-run it asked for goes on.
                let node = c.node()?;
                let aside = !node.exists(&crate::staticpod::manifest_path("etcd"))?;
                let emptied = match &info.data_dir {
                    Some(d) => !node.exists(&d.join("member"))?,
                    None => false,
                };
                if aside && emptied {
                    c.no_way_back = true;
                    c.act(
                        "etcd: no member answers; an earlier reset moved this node's etcd manifest aside and emptied its data: nothing to remove",
                        "etcd: no member answers; an earlier reset moved this node's etcd manifest aside and emptied its data: nothing to remove",
                    );
                    return Ok(Flow::Next);
                }
                if !c.o.allow_quorum_loss {
                    bail!(
                        "no etcd member of this node's cluster answers ({e:#}); cannot check quorum or remove this node's member. \
                         --allow-quorum-loss resets the node anyway (its member, if any, stays in the cluster's list)"
                    );
                }
                c.act(
                    format!("etcd: no member answers ({e:#}); --allow-quorum-loss: going on without removing a member"),
                    format!("etcd: no member answers ({e:#}); --allow-quorum-loss: would go on without removing a member"),
                );
                return Ok(Flow::Next);
            }
        };
        let me = survey
            .members
            .iter()
            .find(|m| {
                info.peer_url
                    .as_ref()
                    .is_some_and(|p| m.peer_urls.contains(p))
                    || (info.peer_url.is_none() && info.name.as_deref() == Some(m.name.as_str()))
            })
            .cloned();
        let Some(me) = me else {
            c.no_way_back = true;
            c.act(
                "etcd: this node's member is not in the cluster (removed before)",
                "etcd: this node's member is not in the cluster (removed before): nothing to remove",
            );
            return Ok(Flow::Next);
        };
        let only = survey.voters().count() == 1 && !me.learner;
        if only {
            // kubeadm resets the last control plane too: the cluster goes
            // with the node, after its final snapshot.
            c.act(
                "",
                format!(
                    "etcd: {} is the cluster's only member: it is not removed; the cluster goes with the node{}",
                    me.label(),
                    if c.o.no_backup { " (--no-backup: no final snapshot)" } else { " after its final snapshot" }
                ),
            );
        } else if let Err(why) = ops::removal_check(&survey, me.id) {
            if !c.o.allow_quorum_loss {
                bail!(
                    "refusing to reset: {why} (--allow-quorum-loss resets anyway; -f/--force only skips the confirmation)"
                );
            }
            c.act(
                format!("etcd: --allow-quorum-loss: going on although {why}"),
                format!("etcd: --allow-quorum-loss: would go on although {why}"),
            );
        }
        c.only_member = only;
        c.target = Some(t);
        c.survey = Some(survey);
        c.me = Some(me);
        Ok(Flow::Next)
    }
}

/// The final snapshot, then the member's removal.
struct EtcdMember;
impl Step<Ctx> for EtcdMember {
    fn name(&self) -> &'static str {
        "etcd-member"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let (Some(t), Some(survey), Some(me)) = (c.target.clone(), c.survey.clone(), c.me.clone())
        else {
            return Ok(Flow::Next);
        };
        let rt = crate::runtime::current_thread()?;
        // The final snapshot, from this member while it still answers.
        if !c.o.no_backup {
            // A re-run within the same second (after an interrupt) keeps
            // the first run's snapshot and takes the next free name.
            let stem = format!(
                "{}-{}",
                me.label(),
                crate::restore_apply::target::stamp(time::OffsetDateTime::now_utc())
            );
            let file = (1..)
                .map(|n| match n {
                    1 => c.o.backup_dir.join(format!("{stem}.db")),
                    n => c.o.backup_dir.join(format!("{stem}-{n}.db")),
                })
                .find(|f| !f.exists())
                .unwrap_or_default();
            if c.o.dry_run {
                c.report.actions.push(format!(
                    "would save a final snapshot of member {} to {}",
                    me.label(),
                    file.display()
                ));
            } else {
                let source: Vec<String> = if me.healthy() {
                    me.endpoint.iter().cloned().collect()
                } else {
                    survey.healthy_urls()
                };
                fs_err::create_dir_all(&c.o.backup_dir)?;
                let ep = EtcdEndpoint {
                    endpoints: source,
                    ..t.ep.clone()
                };
                let saved = rt
                    .block_on(crate::backup::save::run(
                        &ep,
                        &crate::backup::save::Target::File {
                            path: file.clone(),
                            force: false,
                        },
                        Default::default(),
                        None,
                        None,
                    ))
                    .context("final snapshot (--no-backup skips it)")?;
                c.act(
                    format!(
                        "saved a final snapshot ({} bytes, revision {}) from {} to {}",
                        saved.size,
                        saved.revision,
                        saved.endpoint,
                        file.display()
                    ),
                    "",
                );
                c.report.backup = Some(file);
            }
        }
        if c.only_member {
            // Its data is still there: until `etcd-data`, putting the
            // manifests back brings the cluster back as it was.
            c.act(
                format!("etcd: {} was the cluster's only member: not removed, the cluster goes with the node", me.label()),
                format!("etcd: {} is the cluster's only member: would not remove it; the cluster would go with the node", me.label()),
            );
            return Ok(Flow::Next);
        }
        if !c.o.dry_run {
            if let Some(sig) = crate::interrupt::received() {
                bail!(
                    "interrupted by {} before the etcd member was removed: nothing on the node changed",
                    sig.name()
                );
            }
            rt.block_on(ops::remove_member(&t, &survey, me.id))?;
            c.no_way_back = true;
        }
        c.act(
            format!(
                "etcd: removed member {} ({}) through the other members",
                me.label(),
                crate::etcd::ops::fmt_id(me.id)
            ),
            format!(
                "would remove etcd member {} ({}) through the other members",
                me.label(),
                crate::etcd::ops::fmt_id(me.id)
            ),
        );
        Ok(Flow::Next)
    }
}

struct StopPods;
impl Step<Ctx> for StopPods {
    fn name(&self) -> &'static str {
        "stop-pods"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let to_dir = moved_manifests_dir();
        for comp in crate::components::static_pods() {
            let Some(path) = paths::manifest(comp) else {
                continue;
            };
            let to = to_dir.join(path.file_name().unwrap_or_default());
            let node = c.node()?;
            let Some(data) = node.read(&path)? else {
                // Moved by an earlier run that was killed: ours to put back too.
                if !c.o.dry_run && node.exists(&to)? {
                    c.moved.push((path, to));
                }
                continue;
            };
            if !c.o.dry_run {
                node.write_atomic(&to, &data, crate::staticpod::MANIFEST_MODE)?;
                node.remove(&path)?;
                c.moved.push((path.clone(), to.clone()));
            }
            let (a, b) = (c.shown(&path), c.shown(&to));
            c.act(
                format!("moved {a} to {b} (the kubelet stops the pod)"),
                format!("would move {a} to {b} (the kubelet stops the pod)"),
            );
        }
        if !c.moved.is_empty() {
            crate::rollout::pause_point(&c.label, "stop-pods:moved");
        }
        // etcd must be down before its data goes: wait for its client URL.
        let Some(info) = c.etcd.clone() else {
            return Ok(Flow::Next);
        };
        if c.o.dry_run || info.client_urls.is_empty() {
            return Ok(Flow::Next);
        }
        let tls = c.o.etcd_tls.clone().unwrap_or_else(|| {
            EtcdEndpoint::from_node_pki(
                &c.local,
                Path::new(paths::PKI_DIR),
                vec![],
                Some(Duration::from_secs(2)),
            )
        });
        let t = Target {
            ep: EtcdEndpoint {
                endpoints: info.client_urls.clone(),
                timeout: Some(Duration::from_secs(2)),
                ..tls
            },
            quota: ops::DEFAULT_QUOTA,
        };
        let rt = crate::runtime::current_thread()?;
        let every = crate::wait::Every::new(Duration::from_millis(200), c.o.stop_timeout);
        let stopped = crate::wait::until(every, || {
            let up = info
                .client_urls
                .iter()
                .any(|u| rt.block_on(ops::member_stat(&t, u)).is_ok());
            Ok(if up {
                Err("answers".to_string())
            } else {
                Ok(())
            })
        })?;
        match stopped {
            Ok(()) => c.act("etcd stopped answering", ""),
            Err(crate::wait::Ended::TimedOut { .. }) => bail!(
                "etcd at {} still answers {:?} after its manifest was moved away: is the kubelet running? \
                 Stop etcd, then run reset again (it goes on from here)",
                info.client_urls.join(","),
                c.o.stop_timeout
            ),
            Err(crate::wait::Ended::Interrupted(sig)) => bail!(
                "interrupted by {} while waiting for etcd to stop",
                sig.name()
            ),
        }
        Ok(Flow::Next)
    }

    /// Puts the moved manifests back while the node can still run as it
    /// did (its member in the cluster, its data there); past that, says
    /// where they are and that a re-run finishes the reset.
    fn undo(&self, c: &mut Ctx) -> Option<Result<()>> {
        if c.moved.is_empty() {
            return None;
        }
        if c.no_way_back {
            let dir = c.shown(&moved_manifests_dir());
            let why = if c.only_member {
                "this node's etcd member was the cluster's only one and its data is emptied"
            } else {
                "this node's etcd member is no longer in the cluster"
            };
            c.report.actions.push(format!(
                "kept the control-plane manifests in {dir}: {why}, so its pods cannot come back; run `kforge reset` again to finish"
            ));
            c.report.manifests_left_in = Some(PathBuf::from(dir));
            return None;
        }
        Some(put_back(c))
    }
}

fn put_back(c: &mut Ctx) -> Result<()> {
    let moved = std::mem::take(&mut c.moved);
    for (path, aside) in moved {
        let node = c.node()?;
        let Some(data) = node.read(&aside)? else {
            continue;
        };
        // A manifest written there since stays (the kubelet runs it).
        if !node.exists(&path)? {
            node.write_atomic(&path, &data, crate::staticpod::MANIFEST_MODE)?;
        }
        node.remove(&aside)?;
        let shown = c.shown(&path);
        c.report.actions.push(format!(
            "put {shown} back (the etcd member was not removed: the kubelet runs the pod again)"
        ));
        c.report.manifests_put_back.push(PathBuf::from(shown));
    }
    Ok(())
}

struct EtcdData;
impl Step<Ctx> for EtcdData {
    fn name(&self) -> &'static str {
        "etcd-data"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let Some(dir) = c.etcd.as_ref().and_then(|e| e.data_dir.clone()) else {
            return Ok(Flow::Next);
        };
        let node = c.node()?;
        // Only a directory that holds etcd's data, never `/` or a parent.
        if dir.components().count() < 2 || !node.exists(&dir.join("member"))? {
            return Ok(Flow::Next);
        }
        let real = node.real_path(&dir);
        c.no_way_back |= !c.o.dry_run;
        let node = c.node()?;
        // Its contents, not the directory: it is often a mount point (a
        // disk of its own for etcd), which cannot be removed (as kubeadm
        // reset, which cleans the directory too).
        if !c.o.dry_run {
            let shown = real.display().to_string();
            let out = node.run(&["find", &shown, "-mindepth", "1", "-delete"])?;
            if !out.success() {
                bail!("emptying {shown}: {}", out.stderr.trim());
            }
        }
        c.act(
            format!(
                "removed etcd's data from {} (the directory stays)",
                real.display()
            ),
            format!(
                "would remove etcd's data from {} (the directory stays)",
                real.display()
            ),
        );
        Ok(Flow::Next)
    }
}

struct StopKubelet;
impl Step<Ctx> for StopKubelet {
    fn name(&self) -> &'static str {
        "stop-kubelet"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let node = c.node()?;
        let systemd = node.root().is_none() && node.exists(Path::new(paths::SYSTEMD_BOOTED))?;
        if !systemd {
            c.report
                .actions
                .push("kubelet: not stopped (the node does not run systemd, or --root)".into());
            return Ok(Flow::Next);
        }
        if !node
            .run(&["systemctl", "cat", "kubelet.service"])?
            .success()
        {
            c.report
                .actions
                .push("kubelet: no kubelet.service unit".into());
            return Ok(Flow::Next);
        }
        if !c.o.dry_run {
            let out = node.run(&["systemctl", "stop", "kubelet"])?;
            if !out.success() {
                bail!("systemctl stop kubelet: {}", out.stderr.trim());
            }
        }
        c.act(
            "stopped the kubelet (systemctl stop kubelet)",
            "would stop the kubelet (systemctl stop kubelet)",
        );
        Ok(Flow::Next)
    }
}

struct Files;
impl Step<Ctx> for Files {
    fn name(&self) -> &'static str {
        "files"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let node = c.node.take().ok_or_else(|| anyhow!("not connected"))?;
        let result =
            remove_files(c, node.as_ref()).and_then(|()| remove_leftovers(c, node.as_ref()));
        c.node = Some(node);
        result?;
        Ok(Flow::Next)
    }
}

/// Removes `here` (where the file at node path `path` is now) and says so.
fn remove_one(c: &mut Ctx, node: &dyn Node, here: &Path, why: &str) -> Result<()> {
    if !c.o.dry_run {
        node.remove(here)?;
    }
    let shown = node.real_path(here).display().to_string();
    c.act(
        format!("removed {shown}{why}"),
        format!("would remove {shown}{why}"),
    );
    Ok(())
}

fn remove_files(c: &mut Ctx, node: &dyn Node) -> Result<()> {
    if c.ledger != LedgerState::Usable {
        // --ignore-ledger (inspect refused otherwise): kubeadm's files by name.
        let known_files = known::files();
        let moved = moved_manifests_dir();
        // A manifest moved aside is judged by the path it was moved from.
        let by_name = |p: &Path, _: &[u8]| {
            let from = match p.strip_prefix(&moved) {
                Ok(name) => Path::new(paths::MANIFESTS_DIR).join(name),
                Err(_) => p.to_path_buf(),
            };
            known_files.contains(&from)
        };
        let mut kept = foreign_files(node, Some(&by_name))?;
        let mut removed = 0usize;
        for (_, here) in known::present(node, &moved_manifests_dir())? {
            remove_one(
                c,
                node,
                &here,
                " (kubeadm's well-known file, --ignore-ledger)",
            )?;
            removed += 1;
        }
        if node.exists(Path::new(paths::LEDGER))? {
            remove_one(c, node, Path::new(paths::LEDGER), " (the ledger)")?;
        }
        if removed == 0 {
            c.report
                .actions
                .push("none of kubeadm's well-known files is left".into());
        }
        kept.sort();
        finish_kept(c, node, kept)?;
        return Ok(());
    }
    let inst = Installer::new(node, false)?;
    // Judged against the whole ledger, before entries are forgotten.
    let kept = foreign_files(
        node,
        Some(&|p: &Path, data: &[u8]| {
            let moved = moved_manifests_dir();
            if p.starts_with(&moved) {
                owns_as(
                    &inst,
                    &Path::new(paths::MANIFESTS_DIR).join(p.file_name().unwrap_or_default()),
                    data,
                )
            } else {
                inst.ledger_digest(p).as_deref() == Some(crate::install::sha256_hex(data).as_str())
            }
        }),
    )?;
    let moved = moved_manifests_dir();
    let mut removed = 0usize;
    for path in inst.ledger_paths() {
        // A manifest `stop-pods` moved away is judged by its ledger entry.
        let aside = moved.join(path.file_name().unwrap_or_default());
        let here = if path.starts_with(paths::MANIFESTS_DIR)
            && !node.exists(&path)?
            && node.exists(&aside)?
        {
            aside
        } else {
            path.clone()
        };
        let Some(data) = node.read(&here)? else {
            inst.forget(&path);
            continue;
        };
        let ours = inst.owns(&path)? || (here != path && owns_as(&inst, &path, &data));
        // Either way the ledger forgets it: a file edited since kforge wrote
        // it is the operator's now (kept, and listed below).
        inst.forget(&path);
        if !ours {
            continue;
        }
        remove_one(c, node, &here, "")?;
        removed += 1;
    }
    if !c.o.dry_run {
        inst.save_ledger()?;
    }
    if removed == 0 {
        c.report.actions.push("no file kforge wrote is left".into());
    }
    finish_kept(c, node, kept)
}

/// Lists the kept files and, when any of kubeadm's files is among them,
/// records them in a ledger of their own, so that a re-run knows they were
/// kept on purpose and says "clean" (the next `init` replaces that record).
fn finish_kept(c: &mut Ctx, node: &dyn Node, kept: Vec<PathBuf>) -> Result<()> {
    let known = known::files();
    let moved = moved_manifests_dir();
    // A manifest kept aside is recorded by the path it came from.
    let record: Vec<PathBuf> = kept
        .iter()
        .map(|p| match p.strip_prefix(&moved) {
            Ok(name) => Path::new(paths::MANIFESTS_DIR).join(name),
            Err(_) => p.clone(),
        })
        .filter(|p| known.contains(p))
        .collect();
    if !c.o.dry_run && !record.is_empty() {
        let doc = serde_json::json!({
            "files": {},
            RESET_KEPT: record,
        });
        node.write_atomic(
            Path::new(paths::LEDGER),
            &serde_json::to_vec_pretty(&doc)?,
            0o600,
        )?;
    }
    note_kept(c, node, &kept);
    Ok(())
}

fn note_kept(c: &mut Ctx, node: &dyn Node, kept: &[PathBuf]) {
    for k in kept {
        let real = node.real_path(k);
        c.report.actions.push(format!(
            "kept {} (not written by kforge, or edited since)",
            real.display()
        ));
        c.report.kept.push(real);
    }
}

/// kforge's journals, locks and backups ([`leftovers`]).
fn remove_leftovers(c: &mut Ctx, node: &dyn Node) -> Result<()> {
    let found = leftovers::find(node, c.o.cleanup_tmp_dir)?;
    for l in found.iter().filter(|l| l.remove) {
        let shown = node.real_path(&l.path).display().to_string();
        if !c.o.dry_run {
            leftovers::remove(node, l)?;
        }
        c.act(
            format!("removed {shown} ({})", l.what),
            format!("would remove {shown} ({})", l.what),
        );
    }
    note_leftovers(c, node, &found);
    Ok(())
}

/// Lists the leftovers that stay, with their paths and why.
fn note_leftovers(c: &mut Ctx, node: &dyn Node, found: &[leftovers::Leftover]) {
    for l in found.iter().filter(|l| !l.remove) {
        let shown = node.real_path(&l.path).display().to_string();
        c.report.actions.push(format!(
            "kept {shown} ({}; {})",
            l.what,
            l.why_kept.clone().unwrap_or_default()
        ));
        c.report.kept.push(PathBuf::from(shown));
    }
}

/// Whether `data` (a moved copy) is what the ledger recorded for `path`.
fn owns_as(inst: &Installer, path: &Path, data: &[u8]) -> bool {
    inst.ledger_digest(path).as_deref() == Some(crate::install::sha256_hex(data).as_str())
}

type Ours<'a> = &'a dyn Fn(&Path, &[u8]) -> bool;

/// Files in kforge's directories that are not `ours` (None: none is),
/// node paths, sorted: listed, kept. The ledger is never listed.
fn foreign_files(node: &dyn Node, ours: Option<Ours>) -> Result<Vec<PathBuf>> {
    let pki = Path::new(paths::PKI_DIR);
    let dirs = [
        PathBuf::from(paths::KUBERNETES_DIR),
        pki.to_path_buf(),
        pki.join("etcd"),
        PathBuf::from(paths::MANIFESTS_DIR),
        moved_manifests_dir(),
        PathBuf::from(paths::KUBELET_DIR),
    ];
    let mut out = Vec::new();
    for d in &dirs {
        for name in node.list_dir(d)? {
            let p = d.join(&name);
            if p == Path::new(paths::LEDGER) {
                continue;
            }
            // Directories do not read as files.
            let Ok(Some(data)) = node.read(&p) else {
                continue;
            };
            if !ours.is_some_and(|f| f(&p, &data)) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// One host to reset.
pub struct HostSpec {
    pub label: String,
    pub reach: Reach,
}

/// The reset's journal, written from the first step that changes
/// something on: a run refused in a step of [`READ_ONLY_STEPS`] leaves
/// none, so the next run does not say an earlier one "did not finish".
pub struct DeferredJournal {
    node: Arc<dyn Node>,
    state: Mutex<Deferred>,
}

struct Deferred {
    journal: Option<FileJournal>,
    pending: Vec<(String, String, Event)>,
    error: Option<String>,
}

/// The operation's name in the journal directory.
pub const OPERATION: &str = "reset";

impl DeferredJournal {
    /// A new run: nothing is written until a changing step starts.
    pub fn new(node: Arc<dyn Node>) -> Self {
        DeferredJournal {
            node,
            state: Mutex::new(Deferred {
                journal: None,
                pending: vec![],
                error: None,
            }),
        }
    }
    /// Goes on with the journal an earlier run left.
    pub fn resume(node: Arc<dyn Node>, j: FileJournal) -> Self {
        DeferredJournal {
            node,
            state: Mutex::new(Deferred {
                journal: Some(j),
                pending: vec![],
                error: None,
            }),
        }
    }
    /// Ends the journal (the reset finished): removes it if one was written.
    pub fn finish(self) -> Result<()> {
        let st = self.state.into_inner().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = st.error {
            bail!("the reset journal could not be written: {e}");
        }
        match st.journal {
            Some(j) => j.finish(),
            None => Ok(()),
        }
    }
}

impl rollout::Journal for DeferredJournal {
    fn record(&self, host: &str, step: &str, event: Event) {
        let mut st = self.state.lock().unwrap_or_else(|p| p.into_inner());
        if st.journal.is_none() {
            if READ_ONLY_STEPS.contains(&step) {
                st.pending.push((host.into(), step.into(), event));
                return;
            }
            match FileJournal::create(self.node.clone(), OPERATION, ()) {
                Ok(j) => {
                    for (h, s, e) in std::mem::take(&mut st.pending) {
                        rollout::Journal::record(&j, &h, &s, e);
                    }
                    st.journal = Some(j);
                }
                Err(e) => {
                    st.error.get_or_insert_with(|| format!("{e:#}"));
                    return;
                }
            }
        }
        if let Some(j) = &st.journal {
            rollout::Journal::record(j, host, step, event);
        }
    }
}

/// Resets every host, one at a time; stops at the first failure.
pub fn run(
    hosts: Vec<HostSpec>,
    local: LocalNode,
    o: Options,
    progress: Option<Arc<dyn rollout::Progress>>,
    journal: Option<Arc<dyn rollout::Journal>>,
) -> Result<Vec<HostReport>> {
    let o = Arc::new(o);
    let steps: Vec<Arc<dyn Step<Ctx>>> = vec![
        Arc::new(Connect),
        Arc::new(Inspect),
        Arc::new(EtcdCheck),
        Arc::new(EtcdMember),
        Arc::new(StopPods),
        Arc::new(EtcdData),
        Arc::new(StopKubelet),
        Arc::new(Files),
    ];
    let plans = hosts
        .into_iter()
        .map(|h| rollout::HostPlan {
            label: h.label.clone(),
            ctx: Ctx {
                label: h.label.clone(),
                reach: Some(h.reach),
                node: None,
                o: o.clone(),
                local: local.clone(),
                etcd: None,
                ledger: LedgerState::Missing,
                found: false,
                target: None,
                survey: None,
                me: None,
                only_member: false,
                no_way_back: false,
                moved: vec![],
                report: HostReport {
                    host: h.label,
                    outcome: Outcome::Failed,
                    actions: vec![],
                    kept: vec![],
                    backup: None,
                    manifests_put_back: vec![],
                    manifests_left_in: None,
                    error: None,
                    seconds: 0.0,
                },
            },
            steps: steps.clone(),
        })
        .collect();
    let wave = rollout::Wave {
        name: "reset",
        hosts: plans,
        concurrency: 1,
        on_failure: rollout::OnFailure::Stop,
    };
    let runs = rollout::run(vec![wave], progress, journal)?;
    Ok(runs
        .into_iter()
        .map(|run| {
            let mut r = run.ctx.report;
            r.seconds = run.report.seconds;
            match run.report.outcome {
                rollout::HostOutcome::Failed | rollout::HostOutcome::NotRun => {
                    r.outcome = Outcome::Failed;
                    r.error = run.report.error;
                    if !run.report.rollback_errors.is_empty() {
                        r.error = Some(format!(
                            "{}; undoing failed: {}",
                            r.error.unwrap_or_default(),
                            run.report.rollback_errors.join("; ")
                        ));
                    }
                }
                rollout::HostOutcome::Done => {}
                rollout::HostOutcome::Completed => {
                    r.outcome = if o.dry_run {
                        Outcome::Planned
                    } else {
                        Outcome::Reset
                    };
                }
            }
            r
        })
        .collect())
}
