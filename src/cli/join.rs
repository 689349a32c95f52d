//! `kforge join HOST... [--inventory FILE]`.

use super::GlobalArgs;
use crate::exit::{usage, ExitStatus};
use crate::join::{self, cluster::Cluster, HostReport, Outcome};
use crate::output::{write_table, Printer, Render};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::time::Duration;

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 every host joined (or was already), 1 some host failed (see its line), 2 usage error."
)]
pub struct JoinArgs {
    #[command(flatten)]
    pub ssh: super::hosts::HostArgs,
    /// Join every host as a control-plane node with stacked etcd.
    #[arg(long)]
    pub control_plane: bool,
    /// CRI socket of the hosts' kubelets.
    #[arg(long, value_name = "URL")]
    pub cri_socket: Option<String>,
    /// Hosts joined at the same time.
    #[arg(long, default_value_t = 10, value_name = "N", value_parser = crate::values::CountRange::new(1, 1000))]
    pub concurrency: usize,
    /// Preflight checks whose errors become warnings (comma-separated; `all` for every one).
    #[arg(long, value_delimiter = ',', value_name = "CHECKS")]
    pub ignore_preflight_errors: Vec<String>,
    /// Give workers a kubeadm-format bootstrap kubeconfig (TLS bootstrap) instead of a client certificate.
    #[arg(long)]
    pub tls_bootstrap: bool,
    /// Connect and check every host, print each host's plan, write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace files on the hosts that kforge did not write (or that were edited since), keeping
    /// each old file under /etc/kubernetes/tmp/kforge-backup-<UTC time>/ on that host.
    #[arg(long)]
    pub force: bool,
    /// On hosts joined before, only report files that differ from the
    /// inventory (changed labels or taints: result `drifted`, exit 0)
    /// instead of rewriting them; missing files are still written.
    #[arg(long)]
    pub no_update: bool,
    /// How long a new etcd member may take to start and catch up before it is promoted.
    #[arg(long, default_value = "3m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::DAY))]
    pub etcd_promote_timeout: time::Duration,
}

fn std_duration(d: time::Duration) -> Duration {
    Duration::from_secs_f64(d.as_seconds_f64().max(0.1))
}

pub fn run(g: &GlobalArgs, p: &Printer, a: JoinArgs) -> Result<ExitStatus> {
    if a.concurrency == 0 {
        return Err(usage("--concurrency must be at least 1"));
    }
    if a.etcd_promote_timeout <= time::Duration::ZERO {
        return Err(usage("--etcd-promote-timeout must be more than 0s"));
    }
    let (list, ssh) = a.ssh.resolve(a.control_plane, a.cri_socket.clone())?;
    let cluster = Cluster::load(g.root.as_deref())?;
    // One join at a time on this node, journaled (not in a dry run); the
    // signal handlers are in place from here on.
    let mut op = match a.dry_run {
        true => None,
        false => Some(join::begin(
            g.root.clone(),
            "kforge join (the same hosts)".into(),
        )?),
    };
    // Hosts an earlier join lost half-way are taken up again.
    let mut list = list;
    list.extend(join::unfinished(&cluster, op.as_ref(), &list)?);
    let opts = join::Options {
        ignore_preflight_errors: crate::preflight::Ignore::new(&a.ignore_preflight_errors),
        dry_run: a.dry_run,
        tls_bootstrap: a.tls_bootstrap,
        concurrency: a.concurrency,
        ssh,
        promote_timeout: std_duration(a.etcd_promote_timeout),
        force: a.force,
        no_update: a.no_update,
    };
    let labels: Vec<&str> = join::order(&list)
        .into_iter()
        .map(|i| list[i].spec.as_str())
        .collect();
    let bars = p.spinners(&labels).map(|bars| {
        std::sync::Arc::new(crate::rollout::progress::Bars::new(bars))
            as std::sync::Arc<dyn crate::rollout::Progress>
    });
    crate::rollout::catch_interrupts()?;
    let reports = join::run(
        std::sync::Arc::new(cluster),
        &list,
        &opts,
        bars,
        op.as_mut(),
    )?;
    let failed = reports
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .count();
    let out = JoinOut {
        dry_run: a.dry_run,
        hosts: reports,
    };
    p.emit(&out)?;
    if crate::interrupt::received().is_some() {
        // Where each host stands, one line each (also with -q and json).
        for r in &out.hosts {
            p.warn(format!("{}: {}", r.host, standing(r)));
        }
        let incomplete = out
            .hosts
            .iter()
            .filter(|r| !r.rollback_errors.is_empty())
            .count();
        let e = crate::rollout::runner::interrupted(|| {
            match incomplete {
            0 => format!(
                "every host finished or rolled back its current step; {failed} of {} host(s) did not join (see each line)",
                list.len()
            ),
            n => format!(
                "{n} host(s) could not be rolled back completely (see each line; a re-run of join takes them up); {failed} of {} host(s) did not join",
                list.len()
            ),
        }
        });
        return Err(e.expect("a signal was received"));
    }
    if failed > 0 {
        let what = if a.dry_run {
            "cannot be joined (dry run: nothing was written)"
        } else {
            "failed to join"
        };
        p.error(format!("{failed} of {} host(s) {what}", list.len()));
        return Ok(ExitStatus::Failure);
    }
    Ok(ExitStatus::Success)
}

/// Where a host stands after an interrupted join.
fn standing(r: &HostReport) -> String {
    let error = r.error.as_deref().unwrap_or("unknown error");
    match r.outcome {
        Outcome::Failed if error == "not run: interrupted" => "not started: untouched".to_string(),
        Outcome::Failed if !r.rollback_errors.is_empty() => format!(
            "stopped ({error}); rollback incomplete: {}; re-run join to finish or clean it",
            r.rollback_errors.join("; ")
        ),
        Outcome::Failed => format!("rolled back ({error}): nothing this run wrote is left"),
        Outcome::Planned => "planned (dry run): nothing written".to_string(),
        o => format!(
            "{} (finished before stopping)",
            serde_json::to_value(o)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default()
        ),
    }
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct JoinOut {
    dry_run: bool,
    hosts: Vec<HostReport>,
}

impl JoinOut {
    fn result(&self, r: &HostReport) -> String {
        match r.outcome {
            Outcome::Planned => "would-join".into(),
            o => serde_json::to_value(o)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default(),
        }
    }

    /// A dry run's plan of one host: what would change, or why nothing does.
    fn plan(r: &HostReport, out: &mut dyn Write) -> std::io::Result<()> {
        match r.outcome {
            Outcome::Failed => writeln!(
                out,
                "\n{}: cannot be joined: {}",
                r.host,
                r.error.as_deref().unwrap_or("unknown error")
            ),
            Outcome::AlreadyJoined
            | Outcome::Joined
            | Outcome::Repaired
            | Outcome::Updated
            | Outcome::Drifted => {
                writeln!(out, "\n{}: nothing to do (already joined)", r.host)
            }
            Outcome::Planned
                if r.steps
                    .iter()
                    .any(|s| s.starts_with("joined to this cluster before")) =>
            {
                // A host joined before: what the re-run would repair or update.
                writeln!(
                    out,
                    "\n{} is joined as {}; {}",
                    r.host,
                    r.node_name.as_deref().unwrap_or("-"),
                    r.steps.last().map(String::as_str).unwrap_or("")
                )
            }
            Outcome::Planned => {
                let files: Vec<_> = join::changing(&r.files).collect();
                let more: Vec<&str> = r
                    .steps
                    .iter()
                    .filter_map(|s| s.strip_prefix("would "))
                    .filter(|s| !s.starts_with("write "))
                    .collect();
                if files.is_empty() {
                    return writeln!(
                        out,
                        "\n{}: nothing to do: every file is already in place",
                        r.host
                    );
                }
                writeln!(
                    out,
                    "\n{} would join as {}:",
                    r.host,
                    r.node_name.as_deref().unwrap_or("-")
                )?;
                for f in files {
                    writeln!(out, "  - write {} ({})", f.path.display(), f.mode)?;
                }
                for s in more {
                    writeln!(out, "  - {s}")?;
                }
                Ok(())
            }
        }
    }
}

impl Render for JoinOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .hosts
            .iter()
            .map(|r| {
                let detail = match (&r.error, r.rollback_errors.is_empty()) {
                    (Some(e), true) => e.clone(),
                    (Some(e), false) => {
                        format!("{e} (rollback failed: {})", r.rollback_errors.join("; "))
                    }
                    (None, _) => r.steps.last().cloned().unwrap_or_default(),
                };
                vec![
                    r.host.clone(),
                    r.node_name.clone().unwrap_or_else(|| "-".into()),
                    format!("{:?}", r.role)
                        .to_lowercase()
                        .replace("controlplane", "control-plane"),
                    self.result(r),
                    format!("{:.1}s", r.seconds),
                    detail,
                ]
            })
            .collect();
        write_table(
            out,
            &["HOST", "NODE", "ROLE", "RESULT", "TIME", "DETAIL"],
            &rows,
        )?;
        if self.dry_run {
            for r in &self.hosts {
                Self::plan(r, out)?;
            }
        }
        Ok(())
    }
}
