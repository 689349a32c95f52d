//! THE rollout engine: run an ordered list of named steps on many hosts, in
//! waves, with bounded concurrency and a report per host. `join`, `upgrade`
//! and `reset` run on it; [`runner`] begins and ends such an operation.
//!
//! - A [`Step`] is one named unit of work on one host, over a per-host
//!   context `C` that the workflow defines (its connection, what it wrote, its
//!   own report). It may declare an [`Step::undo`].
//! - A host's steps run in order. A step returns [`Flow::Next`] to go on or
//!   [`Flow::Done`] when the host needs nothing more (e.g. already joined).
//!   When a step fails, the failed step and then every earlier one are undone
//!   in reverse order (an undo must cope with a partial run); undo errors are
//!   kept in the report beside the error.
//! - A [`Wave`] is a set of hosts run with at most `concurrency` at a time
//!   (control planes one at a time, then workers in batches of N). Waves run
//!   one after another. With [`OnFailure::Stop`], a failed host stops the
//!   rollout: hosts not yet started (in this wave and later ones) are
//!   reported [`HostOutcome::NotRun`]; hosts already running finish.
//! - Each host runs on its own blocking thread (SSH is blocking) as soon as a
//!   slot is free: there is no barrier between hosts of a wave.
//! - A [`Journal`] (optional) hears every step start, finish, failure and
//!   undo, so a later run can resume or roll back what an interrupted one left;
//!   [`journal::FileJournal`] keeps it on disk.
//! - [`Progress`] shows a line per host; [`progress::Bars`] draws them.
//! - After [`catch_interrupts`] (which [`runner::Operation::begin`] calls
//!   first thing), SIGINT/SIGTERM stop the rollout cleanly: the step in
//!   flight finishes (or fails and is undone), no step starts after it (the
//!   host fails "interrupted" and its earlier steps are undone, except those
//!   that say [`Step::stays_on_interrupt`]), hosts not started are reported
//!   not run. A second signal ends the process at once, naming the steps in
//!   flight ([`in_flight`]).
//! - [`pause_point`] (debug builds) holds a host at the start of every step
//!   (and where a workflow calls it mid-step) for the interruption tests.

pub mod journal;
pub mod progress;
pub mod runner;

use anyhow::Result;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::task::JoinSet;

/// What a step tells the engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Go on with the next step.
    Next,
    /// The host needs nothing more: skip the remaining steps.
    Done,
}

/// One named unit of work on one host.
pub trait Step<C>: Send + Sync {
    /// A short kebab-case name (`preflight`, `write-files`); journals key on it.
    fn name(&self) -> &'static str;
    fn run(&self, ctx: &mut C) -> Result<Flow>;
    /// Undoes what `run` did (also a partial run of a step that failed).
    /// `None`: the step changes nothing that needs undoing.
    fn undo(&self, _ctx: &mut C) -> Option<Result<()>> {
        None
    }
    /// Whether a finished step stays when the run is interrupted before the
    /// host's next step (each step of an upgrade is a verified unit of its
    /// own); `false`: it is undone with the rest of the host (a half-joined
    /// host is rolled back).
    fn stays_on_interrupt(&self) -> bool {
        false
    }
}

/// What happens to the rest of the rollout when a host fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnFailure {
    /// Other hosts go on (one host's failure never stops the others).
    Continue,
    /// Start no further host, in this wave or later ones.
    Stop,
}

/// One host's plan: its label (for messages), its context and its steps.
pub struct HostPlan<C> {
    pub label: String,
    pub ctx: C,
    pub steps: Vec<Arc<dyn Step<C>>>,
}

pub struct Wave<C> {
    pub name: &'static str,
    pub hosts: Vec<HostPlan<C>>,
    /// At most this many hosts at a time (at least 1).
    pub concurrency: usize,
    pub on_failure: OnFailure,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HostOutcome {
    /// Every step ran.
    Completed,
    /// A step said the host needed nothing more.
    Done,
    Failed,
    /// Not started: an earlier host failed under [`OnFailure::Stop`].
    NotRun,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepOutcome {
    Ran,
    /// Ran and said the host is done.
    Done,
    Failed,
    Undone,
    UndoFailed,
}

#[derive(Debug, Clone, Serialize)]
pub struct StepReport {
    pub name: &'static str,
    pub outcome: StepOutcome,
}

/// What happened on one host.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HostReport {
    pub outcome: HostOutcome,
    pub steps: Vec<StepReport>,
    /// The failed step's error (one line).
    pub error: Option<String>,
    /// Undos that failed: what may be left on the host.
    pub rollback_errors: Vec<String>,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
    /// A signal stopped the host before its next step (its `error` says
    /// which); the steps before it finished or were undone.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

/// A host's finished run: its report and its context back.
pub struct HostRun<C> {
    pub label: String,
    pub wave: &'static str,
    pub ctx: C,
    pub report: HostReport,
}

/// Step events, for a journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Event {
    Started,
    Finished,
    Failed,
    Undone,
    UndoFailed,
}

/// Hears every step event of every host (called from the hosts' threads).
pub trait Journal: Send + Sync {
    fn record(&self, host: &str, step: &str, event: Event);
}

/// A workflow's per-host context; says what the host's progress line ends with.
pub trait Context: Send + 'static {
    fn summary(&self, report: &HostReport) -> String {
        serde_json::to_value(report.outcome)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default()
    }
}

/// A line per host (index = the host's position over all waves).
pub trait Progress: Send + Sync {
    fn step(&self, host: usize, msg: &str);
    fn done(&self, host: usize, msg: &str);
}

/// From now on SIGINT and SIGTERM only ask the rollout to stop (through
/// the shared [`crate::interrupt`] flag): each host finishes its current
/// step (or fails it), is undone if it did not complete, and hosts not yet
/// started are not started. A second signal kills.
pub fn catch_interrupts() -> Result<()> {
    anyhow::Context::context(
        crate::interrupt::install(),
        "installing the SIGINT/SIGTERM handlers",
    )
}

/// Whether SIGINT or SIGTERM arrived since [`catch_interrupts`]. Long waits
/// inside a step should check it and fail the step.
pub fn interrupted() -> bool {
    crate::interrupt::received().is_some()
}

/// Steps running now, `host: step` (for the line a second signal prints).
static IN_FLIGHT: std::sync::Mutex<Vec<(String, String)>> = std::sync::Mutex::new(Vec::new());

fn in_flight_lock() -> std::sync::MutexGuard<'static, Vec<(String, String)>> {
    IN_FLIGHT.lock().unwrap_or_else(|p| p.into_inner())
}

/// Marks `step` on `host` in flight until the guard is dropped.
pub(crate) fn flying(host: &str, step: &str) -> Flying {
    in_flight_lock().push((host.to_string(), step.to_string()));
    Flying(host.to_string(), step.to_string())
}

pub(crate) struct Flying(String, String);

impl Drop for Flying {
    fn drop(&mut self) {
        let mut v = in_flight_lock();
        if let Some(i) = v.iter().position(|(h, s)| *h == self.0 && *s == self.1) {
            v.remove(i);
        }
    }
}

/// The steps in flight now (`step on host`), for messages.
pub fn in_flight() -> Vec<String> {
    in_flight_lock()
        .iter()
        .map(|(h, s)| format!("{s} on {h}"))
        .collect()
}

/// Test hook (debug builds only, for the interruption tests): with
/// `KFORGE_TEST_PAUSE=<point>[@<host>]` and `KFORGE_TEST_PAUSE_MARK=<dir>`,
/// a host reaching `<point>` (every step's name as the step starts, and
/// the mid-step points workflows call, e.g. join's `write-files:mid`)
/// creates `<dir>/<host>` (`/`, spaces and parentheses made `_`) and waits (at most a minute) for SIGINT/SIGTERM,
/// or for the test to remove the mark, then goes on, as a host busy in that
/// step when the signal came would.
pub fn pause_point(host: &str, point: &str) {
    if !cfg!(debug_assertions) || crate::interrupt::received().is_some() {
        return;
    }
    let Some(spec) = std::env::var_os("KFORGE_TEST_PAUSE") else {
        return;
    };
    let spec = spec.to_string_lossy();
    let (p, h) = match spec.split_once('@') {
        Some((p, h)) => (p, Some(h)),
        None => (&*spec, None),
    };
    if p != point || h.is_some_and(|h| h != host) {
        return;
    }
    // The mark is one file: a label such as `local (/srv/node)` holds a `/`.
    let file = host.replace(['/', ' ', '(', ')'], "_");
    let mark =
        std::env::var_os("KFORGE_TEST_PAUSE_MARK").map(|d| std::path::PathBuf::from(d).join(file));
    if let Some(m) = &mark {
        let _ = fs_err::write(m, point);
    }
    let end = Instant::now() + std::time::Duration::from_secs(60);
    while Instant::now() < end && mark.as_ref().is_none_or(|m| m.exists()) {
        if crate::interrupt::sleep(std::time::Duration::from_millis(50)).is_some() {
            return;
        }
    }
}

/// Runs a host's steps in order; undoes on failure.
fn run_host<C>(
    idx: usize,
    plan: &mut HostPlan<C>,
    progress: Option<&dyn Progress>,
    journal: Option<&dyn Journal>,
) -> HostReport {
    let t0 = Instant::now();
    let mut report = HostReport {
        outcome: HostOutcome::Completed,
        steps: Vec::new(),
        error: None,
        rollback_errors: Vec::new(),
        seconds: 0.0,
        interrupted: false,
    };
    let note = |step: &str, e: Event| {
        if let Some(j) = journal {
            j.record(&plan.label, step, e);
        }
    };
    let mut failed_at = None;
    let mut stopped = false;
    for (i, step) in plan.steps.iter().enumerate() {
        if let Some(p) = progress {
            p.step(idx, step.name());
        }
        if interrupted() {
            // Stopped between steps: nothing of this step ran.
            report.steps.push(StepReport {
                name: step.name(),
                outcome: StepOutcome::Failed,
            });
            report.outcome = HostOutcome::Failed;
            report.error = Some(format!("interrupted before step {}", step.name()));
            report.interrupted = true;
            failed_at = Some(i);
            stopped = true;
            break;
        }
        note(step.name(), Event::Started);
        let result = {
            let _flying = flying(&plan.label, step.name());
            pause_point(&plan.label, step.name());
            step.run(&mut plan.ctx)
        };
        match result {
            Ok(flow) => {
                note(step.name(), Event::Finished);
                let done = flow == Flow::Done;
                report.steps.push(StepReport {
                    name: step.name(),
                    outcome: if done {
                        StepOutcome::Done
                    } else {
                        StepOutcome::Ran
                    },
                });
                if done {
                    report.outcome = HostOutcome::Done;
                    break;
                }
            }
            Err(e) => {
                note(step.name(), Event::Failed);
                report.steps.push(StepReport {
                    name: step.name(),
                    outcome: StepOutcome::Failed,
                });
                report.outcome = HostOutcome::Failed;
                report.error = Some(one_line(&format!("{e:#}")));
                failed_at = Some(i);
                break;
            }
        }
    }
    if let Some(last) = failed_at {
        for i in (0..=last).rev() {
            let step = &plan.steps[i];
            if stopped && step.stays_on_interrupt() {
                continue;
            }
            let _flying = flying(&plan.label, &format!("undo of {}", step.name()));
            let Some(r) = step.undo(&mut plan.ctx) else {
                continue;
            };
            let outcome = match r {
                Ok(()) => {
                    note(step.name(), Event::Undone);
                    StepOutcome::Undone
                }
                Err(e) => {
                    note(step.name(), Event::UndoFailed);
                    report.rollback_errors.push(format!(
                        "{}: {}",
                        step.name(),
                        one_line(&format!("{e:#}"))
                    ));
                    StepOutcome::UndoFailed
                }
            };
            // The failed step keeps its `failed`; its undo is a report entry of its own.
            report.steps.push(StepReport {
                name: step.name(),
                outcome,
            });
        }
    }
    report.seconds = t0.elapsed().as_secs_f64();
    report
}

/// Errors are shown one line per host.
fn one_line(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

fn not_run<C>(
    idx: usize,
    plan: HostPlan<C>,
    wave: &'static str,
    progress: Option<&dyn Progress>,
    why: &str,
) -> HostRun<C> {
    if let Some(p) = progress {
        p.done(idx, "not run");
    }
    HostRun {
        label: plan.label,
        wave,
        ctx: plan.ctx,
        report: HostReport {
            outcome: HostOutcome::NotRun,
            steps: Vec::new(),
            error: Some(format!("not run: {why}")),
            rollback_errors: Vec::new(),
            seconds: 0.0,
            interrupted: false,
        },
    }
}

/// Keeps a finished host's run and gives its slot back; whether it failed.
fn collect<C>(
    (i, run): (usize, HostRun<C>),
    held: &mut HashMap<usize, OwnedSemaphorePermit>,
    out: &mut Vec<(usize, HostRun<C>)>,
) -> bool {
    held.remove(&i);
    let failed = run.report.outcome == HostOutcome::Failed;
    out.push((i, run));
    failed
}

/// Runs the waves in order; returns every host's run, in input order.
pub fn run<C: Context>(
    waves: Vec<Wave<C>>,
    progress: Option<Arc<dyn Progress>>,
    journal: Option<Arc<dyn Journal>>,
) -> Result<Vec<HostRun<C>>> {
    let rt = crate::runtime::current_thread()?;
    rt.block_on(run_waves(waves, progress, journal))
}

async fn run_waves<C: Context>(
    waves: Vec<Wave<C>>,
    progress: Option<Arc<dyn Progress>>,
    journal: Option<Arc<dyn Journal>>,
) -> Result<Vec<HostRun<C>>> {
    let mut out: Vec<(usize, HostRun<C>)> = Vec::new();
    let mut stopped = false;
    let mut idx = 0;
    for wave in waves {
        let slots = Arc::new(Semaphore::new(wave.concurrency.max(1)));
        // A host's slot is given back only once its result is collected here,
        // so a failure under `Stop` is seen before the next host can start.
        let mut held: HashMap<usize, OwnedSemaphorePermit> = HashMap::new();
        let mut set = JoinSet::new();
        let stop_on_failure = wave.on_failure == OnFailure::Stop;
        for plan in wave.hosts {
            let i = idx;
            idx += 1;
            let permit = loop {
                if stopped || interrupted() {
                    break None;
                }
                tokio::select! {
                    biased;
                    Some(done) = set.join_next(), if !set.is_empty() => {
                        stopped |= collect(done?, &mut held, &mut out) && stop_on_failure;
                    }
                    p = slots.clone().acquire_owned() => break Some(p?),
                }
            };
            let Some(permit) = permit else {
                let why = if interrupted() {
                    "interrupted"
                } else {
                    "an earlier host failed"
                };
                out.push((i, not_run(i, plan, wave.name, progress.as_deref(), why)));
                continue;
            };
            held.insert(i, permit);
            let (progress, journal, wave_name) = (progress.clone(), journal.clone(), wave.name);
            set.spawn_blocking(move || {
                let mut plan = plan;
                let report = run_host(i, &mut plan, progress.as_deref(), journal.as_deref());
                if let Some(p) = &progress {
                    p.done(i, &plan.ctx.summary(&report));
                }
                (
                    i,
                    HostRun {
                        label: plan.label,
                        wave: wave_name,
                        ctx: plan.ctx,
                        report,
                    },
                )
            });
        }
        while let Some(done) = set.join_next().await {
            stopped |= collect(done?, &mut held, &mut out) && stop_on_failure;
        }
    }
    out.sort_by_key(|(i, _)| *i);
    Ok(out.into_iter().map(|(_, r)| r).collect())
}

#[cfg(test)]
mod tests;
