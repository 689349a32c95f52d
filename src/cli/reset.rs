//! `kforge reset [HOST… | --inventory FILE]`: undo init/join on this node
//! (`--root`) or on hosts over SSH.

use super::GlobalArgs;
use crate::exit::ExitStatus;
use crate::node::{LocalNode, Node};
use crate::output::{write_table, Printer, Render};
use crate::reset::{self, HostReport, HostSpec, Outcome, Reach};
use anyhow::Result;
use clap::Args;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Args)]
#[command(
    after_help = "Exit status: 0 every node reset (or already clean), 1 a node failed or a reset was refused (quorum, no usable ledger), 2 usage error, no confirmation, or a --root that holds no node; 130/143 interrupted."
)]
pub struct ResetArgs {
    /// Hosts to reset over SSH (none: this node, under --root), and how to reach them.
    #[command(flatten)]
    pub ssh: super::hosts::HostArgs,
    /// Do not ask for confirmation (required without a terminal). -f/--force is kubeadm's spelling.
    #[arg(short, long, visible_alias = "force", visible_short_alias = 'f')]
    pub yes: bool,
    /// Inspect and list every action; change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// No final snapshot of the node's etcd member.
    #[arg(long)]
    pub no_backup: bool,
    /// Where final snapshots go, on this machine (under --root).
    #[arg(long, value_name = "DIR")]
    pub backup_dir: Option<PathBuf>,
    /// Reset even when removing the node's etcd member loses quorum, or no member answers.
    #[arg(long)]
    pub allow_quorum_loss: bool,
    /// Without a usable ledger (missing, empty, damaged): remove kubeadm's well-known files by name.
    #[arg(long)]
    pub ignore_ledger: bool,
    /// Also remove kforge's backups in /etc/kubernetes/tmp (upgrade backups hold a full etcd snapshot).
    #[arg(long)]
    pub cleanup_tmp_dir: bool,
    /// etcd request timeout.
    #[arg(long, default_value = "5s", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::milliseconds(100), time::Duration::HOUR))]
    pub etcd_timeout: time::Duration,
    /// How long etcd may take to stop after its manifest is moved away.
    #[arg(long, default_value = "1m", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::HOUR))]
    pub stop_timeout: time::Duration,
}

pub fn run(g: &GlobalArgs, p: &Printer, a: ResetArgs) -> Result<ExitStatus> {
    let local = LocalNode::new(g.root.clone());
    if !a.ssh.any() {
        if let Some(root) = &g.root {
            holds_a_node(&local, root)?;
        }
    }
    let specs: Vec<HostSpec> = if !a.ssh.any() {
        let label = match &g.root {
            Some(r) => format!("local ({})", r.display()),
            None => "local".into(),
        };
        vec![HostSpec {
            label,
            reach: Reach::Local(local.clone()),
        }]
    } else {
        let (list, ssh) = a.ssh.resolve(false, None)?;
        list.into_iter()
            .map(|h| HostSpec {
                label: h.spec.clone(),
                reach: Reach::Ssh(h.ssh_target(&ssh)),
            })
            .collect()
    };
    if !a.dry_run && !a.yes {
        let names: Vec<&str> = specs.iter().map(|s| s.label.as_str()).collect();
        super::confirm::ask(
            "",
            &format!(
                "Reset {}? This removes its etcd member, its etcd data and every file kforge wrote there.",
                names.join(", ")
            ),
            &format!("reset {}", names.join(", ")),
        )?;
    }
    let backup_dir = match &a.backup_dir {
        Some(d) => d.clone(),
        None => local.real_path(Path::new(crate::paths::RESET_BACKUP_DIR)),
    };
    let o = reset::Options {
        dry_run: a.dry_run,
        no_backup: a.no_backup,
        backup_dir,
        allow_quorum_loss: a.allow_quorum_loss,
        ignore_ledger: a.ignore_ledger,
        cleanup_tmp_dir: a.cleanup_tmp_dir,
        etcd_timeout: crate::values::to_std(a.etcd_timeout),
        stop_timeout: crate::values::to_std(a.stop_timeout),
        etcd_tls: None,
    };
    let labels: Vec<&str> = specs.iter().map(|s| s.label.as_str()).collect();
    let bars = p.spinners(&labels).map(|bars| {
        std::sync::Arc::new(crate::rollout::progress::Bars::new(bars))
            as std::sync::Arc<dyn crate::rollout::Progress>
    });
    // One reset at a time on this node, journaled there (a re-run after a
    // kill sees where it stopped; every step checks before it acts, so it
    // simply goes on).
    let kdir = Path::new(crate::paths::KUBERNETES_DIR);
    let live = !a.dry_run && local.exists(kdir)?;
    // SIGINT/SIGTERM handlers before the first action: a signal from here on
    // stops at the next step boundary with the node verified.
    crate::rollout::catch_interrupts()?;
    let _lock = match live {
        true => Some(kforge_fs::lock::exclusive(&local.real_path(kdir), "reset")?),
        false => None,
    };
    let journal = match live {
        false => None,
        true => {
            use crate::rollout::journal;
            let jnode: std::sync::Arc<dyn Node> = std::sync::Arc::new(local.clone());
            Some(std::sync::Arc::new(
                match journal::load(&local, reset::OPERATION)? {
                    Some(rec) => {
                        let at: Vec<String> = rec
                            .hosts
                            .iter()
                            .filter_map(|(h, r)| {
                                let last = r.steps.last()?;
                                let event = serde_json::to_value(last.event).ok()?;
                                Some(format!("{h}: step {} {}", last.step, event.as_str()?))
                            })
                            .collect();
                        p.status(format!(
                            "an earlier reset did not finish{}; going on from where it stopped",
                            if at.is_empty() {
                                String::new()
                            } else {
                                format!(" ({})", at.join(", "))
                            }
                        ));
                        reset::DeferredJournal::resume(
                            jnode.clone(),
                            journal::FileJournal::resume(jnode, rec),
                        )
                    }
                    None => reset::DeferredJournal::new(jnode),
                },
            ))
        }
    };
    let n = specs.len();
    let reports = reset::run(
        specs,
        local,
        o,
        bars,
        journal
            .clone()
            .map(|j| j as std::sync::Arc<dyn crate::rollout::Journal>),
    )?;
    let failed = reports
        .iter()
        .filter(|r| r.outcome == Outcome::Failed)
        .count();
    let (note, undone) = interrupted_note(&reports);
    p.emit(&ResetOut {
        dry_run: a.dry_run,
        hosts: reports,
    })?;
    if let Some(signal) = crate::interrupt::received() {
        // Everything this run changed was put back: nothing is left to resume.
        if let (true, Some(j)) = (undone, journal) {
            std::sync::Arc::try_unwrap(j)
                .map_err(|_| anyhow::anyhow!("the reset journal is still in use"))?
                .finish()?;
        }
        return Err(anyhow::anyhow!(crate::interrupt::Interrupted {
            signal,
            done: note,
        }));
    }
    if failed > 0 {
        p.error(format!(
            "{failed} of {n} node(s) could not be reset (see each line)"
        ));
        return Ok(ExitStatus::Failure);
    }
    if let Some(j) = journal {
        std::sync::Arc::try_unwrap(j)
            .map_err(|_| anyhow::anyhow!("the reset journal is still in use"))?
            .finish()?;
    }
    Ok(ExitStatus::Success)
}

/// What an interrupted run left, in one line that agrees with the report,
/// and whether nothing is left to resume (the moved manifests put back, or
/// the reset complete).
fn interrupted_note(reports: &[HostReport]) -> (String, bool) {
    // The signal came during the last step, which finished: nothing is left.
    if reports
        .iter()
        .all(|r| matches!(r.outcome, Outcome::Reset | Outcome::Clean))
    {
        return (
            "the step in flight was the last one and finished: the reset is complete".into(),
            true,
        );
    }
    let back: Vec<String> = reports
        .iter()
        .flat_map(|r| r.manifests_put_back.iter())
        .map(|p| p.display().to_string())
        .collect();
    let left: Vec<String> = reports
        .iter()
        .filter_map(|r| r.manifests_left_in.as_ref())
        .map(|p| p.display().to_string())
        .collect();
    if !left.is_empty() {
        return (format!(
            "the node is past its point of no return (its etcd member removed, or the only member's data emptied), so the moved manifests stay in {}; run `kforge reset` again to finish",
            left.join(", ")
        ), false);
    }
    if !back.is_empty() {
        return (format!(
            "the moved manifests were put back ({}): the etcd member was not removed and the node runs as before",
            back.join(", ")
        ), true);
    }
    (
        "the step in flight finished or was undone; the rest was not started (a re-run goes on from there)"
            .into(),
        false,
    )
}

/// A `--root` must hold a node: a typo must not read as "clean".
fn holds_a_node(local: &LocalNode, root: &Path) -> Result<()> {
    if !root.is_dir() {
        return Err(crate::exit::usage(format!(
            "--root {}: no such directory",
            root.display()
        )));
    }
    let dirs = [
        crate::paths::KUBERNETES_DIR,
        crate::paths::KUBELET_DIR,
        crate::paths::ETCD_DATA_DIR,
    ];
    for d in dirs {
        if local.exists(Path::new(d))? {
            return Ok(());
        }
    }
    Err(crate::exit::usage(format!(
        "--root {} holds no node: none of {} is there (a typo?)",
        root.display(),
        dirs.join(", ")
    )))
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ResetOut {
    dry_run: bool,
    hosts: Vec<HostReport>,
}

impl Render for ResetOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .hosts
            .iter()
            .map(|r| {
                vec![
                    r.host.clone(),
                    serde_json::to_value(r.outcome)
                        .ok()
                        .and_then(|v| v.as_str().map(String::from))
                        .unwrap_or_default(),
                    format!("{:.1}s", r.seconds),
                    r.error.clone().unwrap_or_else(|| {
                        r.backup
                            .as_ref()
                            .map(|b| format!("final snapshot: {}", b.display()))
                            .unwrap_or_else(|| "-".into())
                    }),
                ]
            })
            .collect();
        write_table(out, &["HOST", "RESULT", "TIME", "DETAIL"], &rows)?;
        for r in &self.hosts {
            writeln!(out, "\n{}:", r.host)?;
            for a in &r.actions {
                writeln!(out, "  - {a}")?;
            }
        }
        Ok(())
    }
}
