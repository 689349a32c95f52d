//! `kforge join`: join workers and control-plane nodes over SSH, from the
//! first control-plane node, many hosts at once, with a report per host.
//!
//! Two passes over the hosts, each with bounded concurrency: first connect
//! (host keys verified) and learn every node's name, so duplicate names are
//! refused before anything is written; then join. A host that fails is
//! rolled back (files it got removed, its etcd learner removed) and never
//! stops the others. Control-plane joins change etcd's membership one at a
//! time (etcd allows one learner), workers go fully in parallel.

pub mod cluster;
mod control_plane;
pub mod hosts;
mod preflight;
mod worker;

use crate::install::FileRecord;
use crate::node::{DryRunNode, Node, SshNode, SshTarget};
use crate::preflight::CheckResult;
use anyhow::Result;
use cluster::Cluster;
use hosts::{Host, Role};
use serde::Serialize;
use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

#[derive(Debug, Clone)]
pub struct Options {
    pub ignore_preflight_errors: BTreeSet<String>,
    pub dry_run: bool,
    pub tls_bootstrap: bool,
    pub concurrency: usize,
    pub known_hosts: PathBuf,
    pub accept_new_host_keys: bool,
    pub ssh_timeout: Duration,
    /// How long a new etcd member may take to catch up before promotion.
    pub promote_timeout: Duration,
    pub force: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Joined,
    AlreadyJoined,
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
    pub seconds: f64,
}

/// Progress of one host, shown on a TTY.
pub trait Progress: Sync {
    fn step(&self, host: usize, msg: &str);
    fn done(&self, host: usize, msg: &str);
}

/// Step log of one host, mirrored to the progress display.
pub(crate) struct Steps<'a> {
    idx: usize,
    progress: Option<&'a dyn Progress>,
    pub(crate) list: Vec<String>,
}

impl Steps<'_> {
    pub(crate) fn add(&mut self, s: impl Into<String>) {
        let s = s.into();
        if let Some(p) = self.progress {
            p.step(self.idx, &s);
        }
        tracing::info!("{}", s);
        self.list.push(s);
    }
}

/// Runs `f` over `items` with at most `n` at a time; results in input order.
fn bounded<T: Sync, R: Send>(items: &[T], n: usize, f: impl Fn(usize, &T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..n.max(1).min(items.len().max(1)) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                if i >= items.len() {
                    break;
                }
                let r = f(i, &items[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every item ran"))
        .collect()
}

struct Connected {
    node: SshNode,
    name: String,
    hostname: String,
}

fn connect(h: &Host, o: &Options) -> Result<Connected> {
    let node = SshNode::connect(&SshTarget {
        address: h.address.clone(),
        port: h.port,
        user: h.user.clone(),
        key_file: h.key.clone(),
        known_hosts: o.known_hosts.clone(),
        accept_new_host_keys: o.accept_new_host_keys,
        timeout: o.ssh_timeout,
    })?;
    let out = node.run(&["hostname"])?;
    let hostname = out.stdout.trim().to_ascii_lowercase();
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
    Ok(Connected {
        node,
        name,
        hostname,
    })
}

/// Joins every host; never fails as a whole (see each host's report).
pub fn run(
    cluster: &Cluster,
    hosts: &[Host],
    o: &Options,
    progress: Option<&dyn Progress>,
) -> Vec<HostReport> {
    let started = Instant::now();
    // Workers' client keys are generated on every core while the SSH
    // connections are being made (RSA generation dominates a large join).
    let workers = if o.tls_bootstrap || o.dry_run {
        0
    } else {
        hosts.iter().filter(|h| h.role == Role::Worker).count()
    };
    let keys = crate::pki::keys::KeyPool::prefill(cluster.spec.encryption_algorithm, workers);
    let connected = bounded(hosts, o.concurrency, |i, h| {
        if let Some(p) = progress {
            p.step(i, "connecting");
        }
        connect(h, o)
    });
    // Node names must be unique in the batch and differ from this node's.
    let mut count: HashMap<String, usize> = HashMap::new();
    for c in connected.iter().flatten() {
        *count.entry(c.name.clone()).or_default() += 1;
    }
    let cp_lock = Mutex::new(());
    let work: Vec<(usize, &Host, Result<Connected>)> = hosts
        .iter()
        .zip(connected)
        .enumerate()
        .map(|(i, (h, c))| {
            let c = c.and_then(|c| {
                if count[&c.name] > 1 {
                    anyhow::bail!(
                        "node name {:?} is used by more than one host in this join",
                        c.name
                    )
                }
                if c.name == cluster.local_node_name {
                    anyhow::bail!("node name {:?} is this control-plane node's name", c.name)
                }
                Ok(c)
            });
            (i, h, c)
        })
        .collect();
    let reports = bounded(&work, o.concurrency, |_, (i, h, c)| {
        let t0 = Instant::now();
        let mut steps = Steps {
            idx: *i,
            progress,
            list: vec![],
        };
        let mut report = HostReport {
            host: h.spec.clone(),
            address: h.address.clone(),
            node_name: None,
            role: h.role,
            outcome: Outcome::Failed,
            steps: vec![],
            preflight: vec![],
            files: vec![],
            error: None,
            seconds: 0.0,
        };
        let result = match c {
            Err(e) => Err(anyhow::anyhow!("{e:#}")),
            Ok(c) => {
                report.node_name = Some(c.name.clone());
                steps.add(format!(
                    "connected as {} (host key verified); node name {}",
                    c.node.describe(),
                    c.name
                ));
                let dry;
                let node: &dyn Node = if o.dry_run {
                    dry = DryRunNode::new(&c.node);
                    &dry
                } else {
                    &c.node
                };
                let job = HostJob {
                    cluster,
                    keys: &keys,
                    host: h,
                    node,
                    real: &c.node,
                    name: &c.name,
                    hostname: &c.hostname,
                    o,
                };
                match h.role {
                    Role::Worker => worker::join(&job, &mut steps, &mut report),
                    Role::ControlPlane => {
                        control_plane::join(&job, &mut steps, &mut report, &cp_lock)
                    }
                }
            }
        };
        match result {
            Ok(outcome) => report.outcome = outcome,
            Err(e) => {
                report.outcome = Outcome::Failed;
                report.error = Some(format!("{e:#}"));
            }
        }
        report.steps = steps.list;
        report.seconds = t0.elapsed().as_secs_f64();
        if let Some(p) = progress {
            p.done(*i, &format!("{:?}", report.outcome));
        }
        report
    });
    tracing::info!("join finished in {:.1}s", started.elapsed().as_secs_f64());
    reports
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
}

impl HostJob<'_> {
    /// Runs preflight; fails on errors not ignored.
    pub fn preflight(&self, steps: &mut Steps, report: &mut HostReport) -> Result<()> {
        let checks = preflight::run(
            self.real,
            self.host,
            self.cluster.spec.kubernetes_version,
            &self.o.ignore_preflight_errors,
        )?;
        let fatal: Vec<String> = checks
            .iter()
            .filter(|c| c.is_fatal())
            .map(|c| format!("[ERROR {}]: {}", c.name, c.message))
            .collect();
        let warnings = checks.iter().filter(|c| !c.passed && !c.is_fatal()).count();
        report.preflight = checks;
        if !fatal.is_empty() {
            anyhow::bail!(
                "preflight: {} (--ignore-preflight-errors=<name> makes a check non-fatal)",
                fatal.join("; ")
            );
        }
        steps.add(format!("preflight passed ({warnings} warning(s))"));
        Ok(())
    }
}

/// Removes files a failed join created on the host.
pub(crate) fn roll_back(node: &dyn Node, records: &[FileRecord], steps: &mut Steps) {
    for r in records
        .iter()
        .filter(|r| r.outcome == crate::install::Outcome::Created)
    {
        match node.remove(&r.path) {
            Ok(()) => steps.add(format!("rolled back: removed {}", r.path.display())),
            Err(e) => steps.add(format!(
                "rollback could not remove {}: {e:#}",
                r.path.display()
            )),
        }
    }
}
