//! `kforge reset [HOSTS… | --inventory FILE]`: undo `init`/`join` on a
//! node, locally (`--root`) or over SSH, as named steps on the rollout
//! engine, one host at a time (etcd membership changes one member at a time):
//!
//! | step | what |
//! |---|---|
//! | `connect` | SSH (host key verified); local: nothing |
//! | `inspect` | read the etcd manifest (member name, peer URL, data dir) and the ledger; plan |
//! | `etcd-member` | find this node's member through the cluster; refuse if removing it would lose quorum (or it is the last member) unless `--force`; final snapshot of it (unless `--no-backup`); remove it through the other members |
//! | `stop-pods` | move the control-plane manifests to `/etc/kubernetes/tmp/kforge-reset-manifests/` so the kubelet stops them; wait for etcd to stop answering |
//! | `etcd-data` | empty the member's data directory (only one that holds `member/`; the directory stays, it may be a mount point) |
//! | `stop-kubelet` | `systemctl stop kubelet` where systemd runs and a unit exists |
//! | `files` | remove every file kforge's ledger says it wrote and nobody edited since (the moved manifests too), then the ledger; list the other files and leave them |
//!
//! Idempotent: a node with no manifests, no member, no data and no ledger
//! is "clean" and nothing happens. `--dry-run` runs `connect` and
//! `inspect` for real and lists every action the other steps would take.

use crate::etcd::client::EtcdEndpoint;
use crate::etcd::ops::{self, Target};
use crate::install::Installer;
use crate::node::{LocalNode, Node};
use crate::paths;
use crate::rollout::{self, Flow, Step};
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Where `stop-pods` moves the control-plane manifests.
pub fn moved_manifests_dir() -> PathBuf {
    Path::new(paths::KUBERNETES_TMP).join("kforge-reset-manifests")
}

#[derive(Debug, Clone)]
pub struct Options {
    pub dry_run: bool,
    /// No final snapshot of the member's data.
    pub no_backup: bool,
    /// Where final snapshots go (a real path on the machine kforge runs on).
    pub backup_dir: PathBuf,
    /// Remove the member even when that loses quorum (or it is the last one).
    pub force: bool,
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
    /// Files kforge did not write (or that were edited since): left in place.
    pub kept: Vec<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
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

pub struct Ctx {
    label: String,
    reach: Option<Reach>,
    node: Option<Box<dyn Node>>,
    o: Arc<Options>,
    /// The node kforge runs on (its PKI reaches etcd for SSH hosts).
    local: LocalNode,
    etcd: Option<EtcdInfo>,
    /// Whether there was anything of kforge's on the node.
    found: bool,
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
        "connect"
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
        "inspect"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let node = c.node.take().ok_or_else(|| anyhow!("not connected"))?;
        let result = inspect(c, node.as_ref());
        c.node = Some(node);
        result
    }
}

fn inspect(c: &mut Ctx, node: &dyn Node) -> Result<Flow> {
    {
        let manifest = crate::staticpod::manifest_path("etcd");
        let moved = moved_manifests_dir().join(manifest.file_name().unwrap_or_default());
        // A re-run after `stop-pods` finds the manifest where it was moved.
        let text = match crate::node::read_string(node, &manifest)? {
            Some(t) => Some(t),
            None => crate::node::read_string(node, &moved)?,
        };
        let etcd = match text {
            None => None,
            Some(t) => {
                let pod =
                    crate::staticpod::parse(&t, &node.real_path(&manifest).display().to_string())?;
                let client_urls: Vec<String> = pod
                    .flag("advertise-client-urls")
                    .map(|u| u.split(',').map(str::to_string).collect())
                    .unwrap_or_default();
                let seeds = ops::seeds_from_pod(&pod);
                Some(EtcdInfo {
                    name: pod.flag("name"),
                    peer_url: pod
                        .flag("initial-advertise-peer-urls")
                        .and_then(|u| u.split(',').next().map(str::to_string)),
                    client_urls,
                    seeds,
                    data_dir: pod.flag("data-dir").map(PathBuf::from),
                })
            }
        };
        let inst = Installer::new(node, false)?;
        let ledger = inst.ledger_paths();
        let data = match etcd.as_ref().and_then(|e| e.data_dir.clone()) {
            Some(d) => node.exists(&d.join("member"))?,
            None => false,
        };
        c.found = etcd.is_some() || data || !ledger.is_empty();
        c.etcd = etcd;
        if !c.found {
            c.report.outcome = Outcome::Clean;
            c.report.actions.push(
                "nothing to do: no etcd manifest, no etcd data and no file kforge wrote".into(),
            );
            c.report.kept = foreign_files(node, &inst)?;
            for k in c.report.kept.clone() {
                c.report.actions.push(format!(
                    "kept {} (not written by kforge, or edited since)",
                    k.display()
                ));
            }
            return Ok(Flow::Done);
        }
        Ok(Flow::Next)
    }
}

struct EtcdMember;
impl Step<Ctx> for EtcdMember {
    fn name(&self) -> &'static str {
        "etcd-member"
    }
    fn run(&self, c: &mut Ctx) -> Result<Flow> {
        let Some(info) = c.etcd.clone() else {
            return Ok(Flow::Next);
        };
        let tls = match &c.o.etcd_tls {
            Some(t) => t.clone(),
            None => EtcdEndpoint::from_node_pki(
                &c.local,
                Path::new(paths::PKI_DIR),
                vec![],
                Some(c.o.etcd_timeout),
            ),
        };
        let t = Target {
            ep: EtcdEndpoint {
                endpoints: info.seeds.clone(),
                timeout: Some(c.o.etcd_timeout),
                ..tls
            },
            quota: ops::DEFAULT_QUOTA,
        };
        let rt = crate::runtime::current_thread()?;
        let survey = match rt.block_on(ops::survey(&t)) {
            Ok(s) => s,
            Err(e) => {
                // No member answers: the cluster is gone (or this was its
                // last member and it is down). Nothing to remove through.
                if !c.o.force {
                    bail!(
                        "no etcd member of this node's cluster answers ({e:#}); cannot check quorum or remove this node's member. \
                         --force resets the node anyway (its member, if any, stays in the cluster's list)"
                    );
                }
                c.act(
                    format!("etcd: no member answers ({e:#}); --force: going on without removing a member"),
                    format!("etcd: no member answers ({e:#}); --force: would go on without removing a member"),
                );
                return Ok(Flow::Next);
            }
        };
        let me = survey.members.iter().find(|m| {
            info.peer_url
                .as_ref()
                .is_some_and(|p| m.peer_urls.contains(p))
                || (info.peer_url.is_none() && info.name.as_deref() == Some(m.name.as_str()))
        });
        let Some(me) = me.cloned() else {
            c.act(
                "etcd: this node's member is not in the cluster (removed before)",
                "etcd: this node's member is not in the cluster (removed before): nothing to remove",
            );
            return Ok(Flow::Next);
        };
        if let Err(why) = ops::removal_check(&survey, me.id) {
            if !c.o.force {
                bail!("refusing to reset: {why} (--force resets anyway)");
            }
            c.act(
                format!("etcd: --force: going on although {why}"),
                format!("etcd: --force: would go on although {why}"),
            );
        }
        // The final snapshot, from this member while it still answers.
        if !c.o.no_backup {
            let file = c.o.backup_dir.join(format!(
                "{}-{}.db",
                me.label(),
                crate::restore_apply::target::stamp(time::OffsetDateTime::now_utc())
            ));
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
                    .block_on(crate::etcd::save::run(
                        &ep,
                        &crate::etcd::save::Target::File {
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
        let only_member = survey.voters().count() == 1 && !me.learner;
        if only_member {
            c.act(
                format!("etcd: {} was the cluster's last member (--force): not removed, its data goes with the node", me.label()),
                format!("etcd: {} is the cluster's last member (--force): would not remove it; its data would go with the node", me.label()),
            );
            return Ok(Flow::Next);
        }
        if !c.o.dry_run {
            rt.block_on(ops::remove_member(&t, &survey, me.id))?;
        }
        c.act(
            format!(
                "etcd: removed member {} ({:016x}) through the other members",
                me.label(),
                me.id
            ),
            format!(
                "would remove etcd member {} ({:016x}) through the other members",
                me.label(),
                me.id
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
            let node = c.node()?;
            let Some(data) = node.read(&path)? else {
                continue;
            };
            let to = to_dir.join(path.file_name().unwrap_or_default());
            if !c.o.dry_run {
                node.write_atomic(&to, &data, crate::staticpod::MANIFEST_MODE)?;
                node.remove(&path)?;
            }
            let (a, b) = (c.shown(&path), c.shown(&to));
            c.act(
                format!("moved {a} to {b} (the kubelet stops the pod)"),
                format!("would move {a} to {b} (the kubelet stops the pod)"),
            );
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
        let deadline = Instant::now() + c.o.stop_timeout;
        loop {
            let up = info
                .client_urls
                .iter()
                .any(|u| rt.block_on(ops::member_stat(&t, u)).is_ok());
            if !up {
                c.act("etcd stopped answering", "");
                break;
            }
            if Instant::now() > deadline {
                bail!(
                    "etcd at {} still answers {:?} after its manifest was moved away: is the kubelet running? \
                     Stop etcd, then run reset again (it goes on from here)",
                    info.client_urls.join(","),
                    c.o.stop_timeout
                );
            }
            if crate::rollout::interrupted() {
                bail!("interrupted while waiting for etcd to stop");
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        Ok(Flow::Next)
    }
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
        let result = remove_files(c, node.as_ref());
        c.node = Some(node);
        result?;
        Ok(Flow::Next)
    }
}

fn remove_files(c: &mut Ctx, node: &dyn Node) -> Result<()> {
    let inst = Installer::new(node, false)?;
    // Judged against the whole ledger, before entries are forgotten.
    c.report.kept = foreign_files(node, &inst)?;
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
        if !c.o.dry_run {
            node.remove(&here)?;
        }
        removed += 1;
        let shown = node.real_path(&here).display().to_string();
        c.act(format!("removed {shown}"), format!("would remove {shown}"));
    }
    if !c.o.dry_run {
        inst.save_ledger()?;
    }
    if removed == 0 {
        c.report.actions.push("no file kforge wrote is left".into());
    }
    for k in c.report.kept.clone() {
        c.report.actions.push(format!(
            "kept {} (not written by kforge, or edited since)",
            k.display()
        ));
    }
    Ok(())
}

/// Whether `data` (a moved copy) is what the ledger recorded for `path`.
fn owns_as(inst: &Installer, path: &Path, data: &[u8]) -> bool {
    inst.ledger_digest(path).as_deref() == Some(crate::install::sha256_hex(data).as_str())
}

/// Files in kforge's directories that the ledger does not own (a manifest
/// moved by `stop-pods` is judged by its original path): listed, kept.
fn foreign_files(node: &dyn Node, inst: &Installer) -> Result<Vec<PathBuf>> {
    let pki = Path::new(paths::PKI_DIR);
    let moved = moved_manifests_dir();
    let dirs = [
        PathBuf::from(paths::KUBERNETES_DIR),
        pki.to_path_buf(),
        pki.join("etcd"),
        PathBuf::from(paths::MANIFESTS_DIR),
        moved.clone(),
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
            let ours = if *d == moved {
                owns_as(inst, &Path::new(paths::MANIFESTS_DIR).join(&name), &data)
            } else {
                inst.owns(&p)?
            };
            if !ours {
                out.push(node.real_path(&p));
            }
        }
    }
    Ok(out)
}

/// One host to reset.
pub struct HostSpec {
    pub label: String,
    pub reach: Reach,
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
                found: false,
                report: HostReport {
                    host: h.label,
                    outcome: Outcome::Failed,
                    actions: vec![],
                    kept: vec![],
                    backup: None,
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
