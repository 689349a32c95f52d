//! `kforge health`.

use super::GlobalArgs;
use crate::exit::{usage, ExitStatus};
use crate::health::{self, report::HealthReport, Status};
use crate::node::{LocalNode, Node};
use crate::output::Printer;
use anyhow::Result;
use clap::Args;
use std::path::Path;
use std::time::{Duration, Instant};

#[derive(Debug, Args)]
#[command(after_help = after_help())]
pub struct HealthArgs {
    /// Only these targets (comma-separated).
    #[arg(long, value_delimiter = ',', value_name = "TARGETS")]
    pub only: Vec<String>,
    /// Poll until healthy or until DURATION has passed (e.g. 2m), for CI smoke tests.
    #[arg(long, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::days(7)))]
    pub wait: Option<time::Duration>,
    /// Timeout of each check.
    #[arg(long, default_value = "5s", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::milliseconds(100), time::Duration::HOUR))]
    pub timeout: time::Duration,
    /// Warn about certificates expiring within DURATION.
    #[arg(long, default_value = "30d", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::ZERO, time::Duration::days(36500)))]
    pub warn_expiry: time::Duration,
    /// Certificates directory on the node.
    #[arg(long, default_value = crate::paths::PKI_DIR, value_name = "DIR")]
    pub cert_dir: String,
}

fn after_help() -> String {
    format!(
        "{}\n0: healthy, warnings allowed. 1: a check could not run (permission denied: run as root).\n\
         Targets: {}.",
        ExitStatus::help_line(&EXIT_STATUSES),
        health::TARGETS.join(", ")
    )
}

/// The statuses `kforge health` ends with.
const EXIT_STATUSES: [ExitStatus; 4] = [
    ExitStatus::Success,
    ExitStatus::Failure,
    ExitStatus::Usage,
    ExitStatus::Unhealthy,
];

/// The exit status for a verdict: the report says what was found, the
/// status only summarises it (no error travels for an unhealthy node).
pub fn exit_status(verdict: Status) -> ExitStatus {
    match verdict {
        Status::Fail => ExitStatus::Unhealthy,
        Status::Error => ExitStatus::Failure,
        Status::Ok | Status::Skipped | Status::Warn => ExitStatus::Success,
    }
}

pub fn run(g: &GlobalArgs, p: &Printer, a: HealthArgs) -> Result<ExitStatus> {
    for o in &a.only {
        if !health::TARGETS.contains(&o.as_str()) {
            return Err(usage(format!(
                "unknown target {o:?} in --only (one of: {})",
                health::TARGETS.join(", ")
            )));
        }
    }
    let node = LocalNode::new(g.root.clone());
    if !node.exists(Path::new(crate::paths::KUBERNETES_DIR))? {
        // A path error (exit 2), never "unhealthy": nothing was asked.
        return Err(usage(format!(
            "{} does not exist: this is not a control-plane node (or --root is wrong)",
            node.real_path(Path::new(crate::paths::KUBERNETES_DIR))
                .display()
        )));
    }
    let pki = crate::spec::ClusterSpec::pki_settings_for_dir(Path::new(&a.cert_dir));
    let settings = health::Settings {
        node: &node,
        pki,
        only: a.only.clone(),
        timeout: Duration::from_secs_f64(a.timeout.as_seconds_f64().max(0.1)),
        warn_expiry: a.warn_expiry,
        etcd_client_cert: None,
    };
    let deadline = a
        .wait
        .map(|w| Instant::now() + Duration::from_secs_f64(w.as_seconds_f64().max(0.0)));
    let bar = deadline.and_then(|_| p.spinner("checking"));
    let checks = loop {
        let mut checks = health::run(&settings);
        if a.only.is_empty() || a.only.iter().any(|o| o == "etcd") {
            checks.push(pending_restore_check(&node));
        }
        let verdict = health::verdict(&checks);
        match deadline {
            Some(d) if verdict == Status::Fail && Instant::now() < d => {
                let failing: Vec<String> = checks
                    .iter()
                    .filter(|c| c.status == Status::Fail)
                    .map(|c| format!("{} {}", c.target, c.name))
                    .collect();
                if let Some(pb) = &bar {
                    pb.set_message(format!("waiting for: {}", failing.join(", ")));
                }
                std::thread::sleep(
                    Duration::from_secs(2).min(d.saturating_duration_since(Instant::now())),
                );
            }
            _ => break checks,
        }
    };
    if let Some(pb) = bar {
        pb.finish_and_clear();
    }
    let status = health::verdict(&checks);
    let count = |s: Status| checks.iter().filter(|c| c.status == s).count();
    let (failed, unchecked) = (count(Status::Fail), count(Status::Error));
    let report = HealthReport {
        node: node.describe(),
        healthy: status <= Status::Warn,
        status,
        checks,
    };
    p.emit(&report)?;
    if failed > 0 {
        p.error(format!("{failed} check(s) failed"));
    }
    if unchecked > 0 {
        p.error(format!("{unchecked} check(s) could not run"));
    }
    Ok(exit_status(status))
}

/// A `snapshot restore --apply` that a signal or a crash cut short leaves a
/// journal: etcd's manifest may be aside, so the node is unhealthy until a
/// re-run of `--apply` settles it. (A workflow's journal, read here in the
/// cli layer so that the health domain does not import a workflow.)
fn pending_restore_check(node: &LocalNode) -> health::Check {
    let name = "restore-journal";
    match crate::restore_apply::pending_restore(node) {
        Ok(None) => health::Check::new("etcd", name, Status::Ok, "no restore in flight"),
        Ok(Some(pending)) => {
            health::Check::new("etcd", name, Status::Fail, pending.describe(node)).hint(
                "run `kforge snapshot restore --apply SNAPSHOT` again: it finishes or undoes the interrupted switch first",
            )
        }
        Err(e) => health::Check::read_failed("etcd", name, &e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_health_exit_status_is_a_value_not_an_error() {
        assert_eq!(exit_status(Status::Ok), ExitStatus::Success);
        assert_eq!(exit_status(Status::Warn), ExitStatus::Success);
        assert_eq!(exit_status(Status::Skipped), ExitStatus::Success);
        assert_eq!(exit_status(Status::Fail), ExitStatus::Unhealthy);
        assert_eq!(exit_status(Status::Error), ExitStatus::Failure);
    }

    #[test]
    fn help_names_every_exit_status_it_can_return() {
        let h = after_help();
        for s in [Status::Ok, Status::Fail, Status::Error] {
            let code = exit_status(s).code().to_string();
            assert!(h.contains(&format!("{code} ")), "{h}");
        }
    }
}
