//! `kforge health`: every component of a control-plane node checked at once,
//! each check with its own timeout, as data: a [`Check`] says what was
//! looked at, what was found, and (when something is wrong) the likely cause
//! and the next command to run. Addresses come from the node's manifests and
//! kubelet config, never from a second copy of the port numbers.

mod certs;
mod etcd;
pub mod http;
pub mod report;

use crate::node::Node;
use crate::pki::PkiSettings;
use serde::Serialize;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// What `--only` can name.
pub const TARGETS: &[&str] = &[
    "etcd",
    "apiserver",
    "controller-manager",
    "scheduler",
    "kubelet",
    "certs",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Skipped,
    Warn,
    /// The check could not run (e.g. permission denied reading the PKI):
    /// nothing is known about the component. Exit 1, not 3.
    Error,
    Fail,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Skipped => "skipped",
            Status::Warn => "warn",
            Status::Error => "ERROR",
            Status::Fail => "FAIL",
        }
    }
}

/// One check's result.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Check {
    /// `--only` target it belongs to.
    pub target: String,
    pub name: String,
    pub status: Status,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// How long the check (its target's batch of checks) took.
    pub duration_seconds: f64,
}

impl Check {
    pub fn new(
        target: &str,
        name: impl Into<String>,
        status: Status,
        message: impl Into<String>,
    ) -> Check {
        Check {
            target: target.to_string(),
            name: name.into(),
            status,
            message: message.into(),
            hint: None,
            duration_seconds: 0.0,
        }
    }
    /// A failed read: `Fail` when what was read is missing or broken,
    /// `Error` (could not check) when this user may not read it.
    pub fn read_failed(target: &str, name: impl Into<String>, e: &anyhow::Error) -> Check {
        if permission_denied(e) {
            Check::new(target, name, Status::Error, format!("{e:#}")).hint(
                "could not check: permission denied; run kforge health as root \
                 (it reads keys and kubeconfigs that only root may read)",
            )
        } else {
            Check::new(target, name, Status::Fail, format!("{e:#}"))
        }
    }

    pub fn hint(mut self, h: impl Into<String>) -> Check {
        // A check that could not run keeps its "why not" hint: the usual
        // fix for the component does not apply.
        if self.status == Status::Error && self.hint.is_some() {
            return self;
        }
        if self.status >= Status::Warn {
            self.hint = Some(h.into());
        }
        self
    }
}

/// What the checks need.
pub struct Settings<'a> {
    pub node: &'a dyn Node,
    pub pki: PkiSettings,
    pub only: Vec<String>,
    pub timeout: Duration,
    /// Certificates expiring sooner than this are a warning.
    pub warn_expiry: time::Duration,
    /// Where the etcd health check's client certificate is (healthcheck-client by default).
    pub etcd_client_cert: Option<(PathBuf, PathBuf)>,
}

impl Settings<'_> {
    fn wants(&self, target: &str) -> bool {
        self.only.is_empty() || self.only.iter().any(|o| o == target)
    }
}

/// Runs every selected check concurrently and returns them in a stable order.
pub fn run(s: &Settings) -> Vec<Check> {
    type Job<'a> = Box<dyn FnOnce() -> Vec<Check> + Send + 'a>;
    let mut jobs: Vec<(&str, Job)> = Vec::new();
    if s.wants("etcd") {
        jobs.push(("etcd", Box::new(|| etcd::checks(s))));
    }
    for (target, component) in [
        ("apiserver", crate::components::KUBE_APISERVER.name),
        (
            "controller-manager",
            crate::components::KUBE_CONTROLLER_MANAGER.name,
        ),
        ("scheduler", crate::components::KUBE_SCHEDULER.name),
    ] {
        if s.wants(target) {
            jobs.push((
                target,
                Box::new(move || http::static_pod_checks(s, target, component)),
            ));
        }
    }
    if s.wants("kubelet") {
        jobs.push(("kubelet", Box::new(|| http::kubelet_checks(s))));
    }
    if s.wants("certs") {
        jobs.push(("certs", Box::new(|| certs::checks(s))));
    }
    let mut results: Vec<Vec<Check>> = Vec::new();
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|(target, job)| {
                (
                    target,
                    scope.spawn(move || {
                        let started = Instant::now();
                        let mut checks = job();
                        let took = started.elapsed().as_secs_f64();
                        for c in &mut checks {
                            if c.duration_seconds == 0.0 {
                                c.duration_seconds = took;
                            }
                        }
                        checks
                    }),
                )
            })
            .collect();
        for (target, h) in handles {
            results.push(h.join().unwrap_or_else(|_| {
                vec![Check::new(
                    target,
                    "run",
                    Status::Fail,
                    "the check crashed (a bug in kforge)",
                )]
            }));
        }
    });
    results.into_iter().flatten().collect()
}

/// Whether anything in the error's chain is an I/O permission error.
pub fn permission_denied(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::PermissionDenied)
    })
}

/// The overall verdict: the worst status (skipped counts as ok).
pub fn verdict(checks: &[Check]) -> Status {
    checks
        .iter()
        .map(|c| {
            if c.status == Status::Skipped {
                Status::Ok
            } else {
                c.status
            }
        })
        .max()
        .unwrap_or(Status::Ok)
}
