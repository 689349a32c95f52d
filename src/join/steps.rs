//! A join's steps on the rollout engine, in order:
//!
//! | step | worker | control plane | undo |
//! |---|---|---|---|
//! | `connect` | SSH (host key verified), learn the hostname; a non-root SSH user is refused | same | – |
//! | `node-name` | claim the node name: unique in this join and not recorded for another host ([`super::record`]) | same | – |
//! | `state` | joined to this cluster before? (then the run converges: files compared, missing or drifted ones written, no preflight) | etcd member and set up? (then done); a never-started learner of an interrupted join is removed | control plane: remove this cluster's shared secrets from the host |
//! | `preflight` | worker checks | control-plane checks | – |
//! | `write-files` | CA, kubelet.conf, kubelet config and flags | shared CAs, certs, kubeconfigs, manifests | remove the files it created |
//! | last | `restart-kubelet` | `etcd-member`: add learner, etcd.yaml, promote | (the member step removes its learner itself) |

use super::{control_plane, worker, Connected, HostCtx, Outcome};
use crate::node::SshNode;
use crate::paths;
use crate::rollout::{Flow, Step};
use anyhow::Result;
use std::path::Path;
use std::sync::Arc;

use super::hosts::Role;

pub(super) fn for_role(role: Role) -> Vec<Arc<dyn Step<HostCtx>>> {
    let mut steps: Vec<Arc<dyn Step<HostCtx>>> = vec![Arc::new(Connect), Arc::new(NodeName)];
    match role {
        Role::Worker => steps.extend([
            Arc::new(WorkerState) as Arc<dyn Step<HostCtx>>,
            Arc::new(Preflight),
            Arc::new(WorkerFiles),
            Arc::new(RestartKubelet),
        ]),
        Role::ControlPlane => steps.extend([
            Arc::new(ControlPlaneState) as Arc<dyn Step<HostCtx>>,
            Arc::new(Preflight),
            Arc::new(ControlPlaneFiles),
            Arc::new(EtcdMember),
        ]),
    }
    steps
        .into_iter()
        .map(|s| Arc::new(Timed(s)) as Arc<dyn Step<HostCtx>>)
        .collect()
}

/// A step that logs how long it took (`-vv`), for finding where a join's
/// time goes.
struct Timed(Arc<dyn Step<HostCtx>>);
impl Step<HostCtx> for Timed {
    fn name(&self) -> &'static str {
        self.0.name()
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let t0 = std::time::Instant::now();
        let r = self.0.run(c);
        tracing::debug!(
            "{}: step {} took {:.3}s",
            c.host.spec,
            self.0.name(),
            t0.elapsed().as_secs_f64()
        );
        r
    }
    fn undo(&self, c: &mut HostCtx) -> Option<Result<()>> {
        self.0.undo(c)
    }
}

struct Connect;
impl Step<HostCtx> for Connect {
    fn name(&self) -> &'static str {
        "connect"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let (h, o) = (&c.host, &c.shared.o);
        let node = SshNode::connect(&h.ssh_target(&o.ssh))?;
        use crate::node::Node;
        let hostname = crate::spec::host::hostname_of(&node)?;
        let name = match &h.name {
            Some(n) => n.clone(),
            None => {
                crate::spec::load::validate_dns_subdomain(&hostname).map_err(|e| {
                    anyhow::anyhow!(
                        "{}: hostname {hostname:?} is not a valid node name ({e}); give one with name=",
                        node.describe()
                    )
                })?;
                hostname.clone()
            }
        };
        // Another user than root cannot read or write the node's files
        // (unless --ssh-sudo, which runs `id -u` as root too): said once,
        // before anything is read.
        if h.user != "root" {
            let checks = crate::preflight::check_privileged(&node, &o.ignore_preflight_errors)?;
            if let Some(f) = crate::preflight::fatal_summary(&checks) {
                c.report.preflight = checks;
                anyhow::bail!(
                    "preflight: {f} (--ignore-preflight-errors=<name> makes a check non-fatal)"
                );
            }
        }
        c.report.node_name = Some(name.clone());
        let key = if node.accepted_new_key {
            "new host key accepted and recorded"
        } else {
            "host key verified"
        };
        c.log.add(format!(
            "connected as {} ({key}); node name {name}",
            node.describe()
        ));
        c.conn = Some(Connected {
            node,
            name,
            hostname,
        });
        Ok(Flow::Next)
    }
}

struct NodeName;
impl Step<HostCtx> for NodeName {
    fn name(&self) -> &'static str {
        "node-name"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let name = c.conn.as_ref().map(|c| c.name.clone()).unwrap_or_default();
        c.shared.claim(c.idx, &name, &c.host.address)?;
        Ok(Flow::Next)
    }
}

struct Preflight;
impl Step<HostCtx> for Preflight {
    fn name(&self) -> &'static str {
        "preflight"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        // A host joined before runs its kubelet: the checks for a fresh
        // node (ports free, files absent) do not apply to it.
        if !c.joined {
            c.with_job(|job, steps, report| job.preflight(steps, report))?;
        }
        Ok(Flow::Next)
    }
}

/// Before a `write-files` step: notes whether kforge's ledger is there yet.
fn note_ledger(c: &mut HostCtx) -> Result<()> {
    c.shared.journal_host(&c.host)?;
    let there = c.with_job(|job, _, _| job.real.exists(Path::new(paths::LEDGER)))?;
    c.ledger_was_there = Some(there);
    Ok(())
}

/// Undo of a `write-files` step: remove what it created, and the ledger if
/// this run made it (not in a dry run).
fn remove_created(c: &mut HostCtx) -> Option<Result<()>> {
    if c.shared.o.dry_run || c.ledger_was_there.is_none() {
        return None;
    }
    let drop_ledger = c.ledger_was_there == Some(false);
    Some(c.with_job(|job, steps, report| {
        let files = super::roll_back(job.real, &report.files, steps);
        if drop_ledger {
            job.real.remove(Path::new(paths::LEDGER))?;
            steps.add(format!("rolled back: removed {}", paths::LEDGER));
        }
        files
    }))
}

struct WorkerState;
impl Step<HostCtx> for WorkerState {
    fn name(&self) -> &'static str {
        "state"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let Some(real) = c.with_job(|job, steps, _| worker::state(job, steps))? else {
            return Ok(Flow::Next);
        };
        c.joined = true;
        // A host joined before keeps the name its kubelet.conf names.
        if let (Some(real), Some(conn)) = (real, c.conn.as_mut()) {
            if real != conn.name {
                c.log.add(format!(
                    "already joined as {real}, not {}: keeping the name {real}",
                    conn.name
                ));
                conn.name = real.clone();
                c.report.node_name = Some(real);
            }
        }
        Ok(Flow::Next)
    }
}

struct WorkerFiles;
impl Step<HostCtx> for WorkerFiles {
    fn name(&self) -> &'static str {
        "write-files"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        note_ledger(c)?;
        let ch = c.with_job(worker::write)?;
        if c.joined {
            return Ok(converged(c, &ch));
        }
        Ok(planned_or_next(c))
    }
    fn undo(&self, c: &mut HostCtx) -> Option<Result<()>> {
        remove_created(c)
    }
}

/// The outcome of a host joined before: nothing to do, repaired, updated
/// or drifted; the kubelet restarts only where files changed.
fn converged(c: &mut HostCtx, ch: &worker::Changes) -> Flow {
    if ch.is_empty() {
        c.outcome = Outcome::AlreadyJoined;
        c.log
            .add("already joined to this cluster: every file in place");
        return Flow::Done;
    }
    let list = |v: &[String]| v.join(", ");
    let mut parts = Vec::new();
    let dry = c.shared.o.dry_run;
    if !ch.written.is_empty() {
        let verb = if dry { "would write" } else { "wrote" };
        parts.push(format!("{verb} missing {}", list(&ch.written)));
    }
    if !ch.temps.is_empty() {
        let verb = if dry { "would remove" } else { "removed" };
        parts.push(format!("{verb} stray temp file(s) {}", list(&ch.temps)));
    }
    if !ch.fixed.is_empty() {
        let verb = if dry { "would fix" } else { "fixed" };
        parts.push(format!("{verb} {}", list(&ch.fixed)));
    }
    if !ch.updated.is_empty() {
        let verb = if dry { "would rewrite" } else { "rewrote" };
        parts.push(format!(
            "{verb} {} (differed from the inventory: labels, taints or settings)",
            list(&ch.updated)
        ));
    }
    let fixed = !ch.written.is_empty() || !ch.temps.is_empty() || !ch.fixed.is_empty();
    if !ch.drift.is_empty() {
        parts.push(format!(
            "drift: {} differ(s) from the inventory (labels, taints or settings); not changed (--no-update)",
            list(&ch.drift)
        ));
    }
    let head = if fixed {
        "repaired"
    } else if !ch.updated.is_empty() {
        "updated"
    } else {
        "drift"
    };
    let line = if head == "drift" {
        parts.join("; ")
    } else {
        format!("{head}: {}", parts.join("; "))
    };
    c.outcome = if dry {
        Outcome::Planned
    } else if fixed {
        Outcome::Repaired
    } else if !ch.updated.is_empty() {
        Outcome::Updated
    } else {
        Outcome::Drifted
    };
    c.log.add(line.clone());
    if dry || (ch.written.is_empty() && ch.updated.is_empty() && ch.fixed.is_empty()) {
        return Flow::Done;
    }
    c.summary = Some(line);
    Flow::Next
}

/// In a dry run the plan ends after the files.
fn planned_or_next(c: &mut HostCtx) -> Flow {
    if c.shared.o.dry_run {
        c.outcome = Outcome::Planned;
        Flow::Done
    } else {
        Flow::Next
    }
}

struct RestartKubelet;
impl Step<HostCtx> for RestartKubelet {
    fn name(&self) -> &'static str {
        "restart-kubelet"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let summary = c.summary.take();
        c.with_job(|job, steps, _| {
            let what = match crate::kubelet::restart(job.node)? {
                Ok(()) => "restarted the kubelet".to_string(),
                Err(why) => format!("did not restart the kubelet: {why}"),
            };
            // A converged host's last line says what was fixed.
            match summary {
                Some(s) => steps.add(format!("{s}; {what}")),
                None => steps.add(what),
            }
            Ok(())
        })?;
        Ok(Flow::Next)
    }
}

struct ControlPlaneState;
impl Step<HostCtx> for ControlPlaneState {
    fn name(&self) -> &'static str {
        "state"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        let (target, joined) = c.with_job(|job, steps, _| control_plane::state(job, steps))?;
        c.etcd = Some(target);
        if joined {
            c.outcome = Outcome::AlreadyJoined;
            return Ok(Flow::Done);
        }
        c.joining_control_plane = !c.shared.o.dry_run;
        Ok(Flow::Next)
    }
    /// A control plane that fails to join keeps none of the cluster's
    /// shared secrets, also those an earlier run left.
    fn undo(&self, c: &mut HostCtx) -> Option<Result<()>> {
        if !c.joining_control_plane {
            return None;
        }
        Some(c.with_job(|job, steps, _| control_plane::remove_shared_secrets(job, steps)))
    }
}

struct ControlPlaneFiles;
impl Step<HostCtx> for ControlPlaneFiles {
    fn name(&self) -> &'static str {
        "write-files"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        note_ledger(c)?;
        c.with_job(control_plane::write)?;
        Ok(planned_or_next(c))
    }
    fn undo(&self, c: &mut HostCtx) -> Option<Result<()>> {
        remove_created(c)
    }
}

struct EtcdMember;
impl Step<HostCtx> for EtcdMember {
    fn name(&self) -> &'static str {
        "etcd-member"
    }
    fn run(&self, c: &mut HostCtx) -> Result<Flow> {
        c.with_job(control_plane::member)?;
        Ok(Flow::Next)
    }
}
