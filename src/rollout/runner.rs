//! THE runner of a journaled operation on this node (`join`, `upgrade
//! apply`, `reset`, …): one way to start, stop and end one.
//!
//! [`Operation::begin`], in this order:
//! 1. installs the SIGINT/SIGTERM handlers, before the operation does
//!    anything (a signal during the lock, the plan, a snapshot or a
//!    certificate renewal is seen, not fatal);
//! 2. takes the operation's lock, `KFORGE_JOURNAL_DIR/<name>.lock` (a
//!    second run exits 4);
//! 3. loads the journal an earlier run left, typed: `D` operation-wide, `H`
//!    per host (see [`journal`](super::journal)).
//!
//! Nothing is written until the workflow asks for [`Operation::journal`]
//! (a refused run writes no journal). Steps of the operation's own (a
//! snapshot, a renewal) run through [`Operation::step`]: the debug pause
//! point, then the step unless a signal came first; the engine does the same
//! for every host step. On the first signal the step in flight is finished
//! or undone and verified, then [`interrupted`] turns the outcome into
//! [`Interrupted`] (exit 130/143) with a line saying where things stand. A
//! second signal ends the process at once, saying which steps were in flight
//! and how to resume. A first signal before anything changed (planning, a
//! confirmation prompt: no step in flight, no journal) ends it at once.

use super::journal::{self, Data, FileJournal, Record};
use crate::interrupt::{Interrupted, Signal};
use crate::node::Node;
use anyhow::Result;
use kforge_fs::lock::LockFile;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// The host label of an operation's own steps (those not per host).
pub const HERE: &str = "local";

/// One journaled operation, begun: signals caught, lock held, journal loaded.
pub struct Operation<D: Data + Sync = (), H: Data + Sync = ()> {
    name: &'static str,
    node: Arc<dyn Node>,
    _lock: LockFile,
    previous: Option<Record<D, H>>,
    journal: Option<Arc<FileJournal<D, H>>>,
    /// Where the journal is once written (shared with the signal notice).
    journal_at: Arc<Mutex<Option<String>>>,
}

impl<D: Data + Sync, H: Data + Sync> Operation<D, H> {
    /// Begins operation `name` (its journal and lock file name, e.g.
    /// `upgrade-apply`) on `node` (this machine, under `--root`). `job`
    /// names it in messages (`upgrade apply`); `resume` is the command that
    /// finishes or undoes what an interrupted run left.
    pub fn begin(
        node: Arc<dyn Node>,
        name: &'static str,
        job: &'static str,
        resume: impl Into<String>,
    ) -> Result<Self> {
        let dir = Path::new(crate::paths::KFORGE_JOURNAL_DIR);
        Self::begin_locking(node, name, job, resume, &dir.join(format!("{name}.lock")))
    }

    /// As [`Operation::begin`], locking `lock` (a node path: an existing
    /// directory, or a file in one) instead of `<name>.lock`; e.g. `reset`,
    /// which removes the journal directory itself, would lock `/etc/kubernetes`.
    pub fn begin_locking(
        node: Arc<dyn Node>,
        name: &'static str,
        job: &'static str,
        resume: impl Into<String>,
        lock: &Path,
    ) -> Result<Self> {
        let journal_at = catch(job, resume.into(), true)?;
        let dir = Path::new(crate::paths::KFORGE_JOURNAL_DIR);
        if lock == dir || lock.parent() == Some(dir) {
            node.create_dir_all(dir, 0o700)?;
        }
        let lock = kforge_fs::lock::exclusive(&node.real_path(lock), job)?;
        let previous = journal::load(&*node, name)?;
        if previous.is_some() {
            *journal_at.lock().unwrap_or_else(|p| p.into_inner()) =
                Some(node.real_path(&journal::path(name)).display().to_string());
        }
        Ok(Operation {
            name,
            node,
            _lock: lock,
            previous,
            journal: None,
            journal_at,
        })
    }

    /// For a workflow that writes its journal itself (through
    /// [`Record::new`]): from now on a second signal names it.
    pub fn journal_written(&self) {
        *self.journal_at.lock().unwrap_or_else(|p| p.into_inner()) = Some(
            self.node
                .real_path(&journal::path(self.name))
                .display()
                .to_string(),
        );
    }

    /// What an earlier, unfinished run recorded.
    pub fn previous(&self) -> Option<&Record<D, H>> {
        self.previous.as_ref()
    }

    /// The journal: the earlier run's, resumed, else a new one holding
    /// `data()`. The first call writes it.
    pub fn journal(&mut self, data: impl FnOnce() -> D) -> Result<Arc<FileJournal<D, H>>> {
        if let Some(j) = &self.journal {
            return Ok(j.clone());
        }
        let j = Arc::new(match self.previous.clone() {
            Some(rec) => FileJournal::resume(self.node.clone(), rec),
            None => FileJournal::create(self.node.clone(), self.name, data())?,
        });
        *self.journal_at.lock().unwrap_or_else(|p| p.into_inner()) = Some(j.shown_path());
        self.journal = Some(j.clone());
        Ok(j)
    }

    /// Runs a step of the operation's own: its pause point, then `f`,
    /// unless a signal came first (then `Interrupted`, saying `before`:
    /// where things stand without it).
    pub fn step<T>(
        &self,
        name: &'static str,
        before: impl FnOnce() -> String,
        f: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        if crate::interrupt::received().is_some() {
            return Err(interrupted(before).expect("a signal was received"));
        }
        let _flying = super::flying(HERE, name);
        super::pause_point(HERE, name);
        match f() {
            // A step that stopped for the signal (a snapshot stream, a
            // fetch: see `interrupt::stop`) cleaned up after itself: the
            // node is as before it, and the run ends as interrupted.
            // A step that says itself where the node stands keeps its words.
            Err(e) if e.chain().any(|c| c.is::<crate::interrupt::Interrupted>()) => Err(e),
            Err(e) if crate::interrupt::received().is_some() => {
                tracing::debug!("step {name} stopped: {e:#}");
                Err(interrupted(before).unwrap_or(e))
            }
            r => r,
        }
    }

    /// Ends the operation: its journal is removed (nothing is left to resume).
    pub fn finish(&mut self) -> Result<()> {
        match self.journal.take() {
            Some(j) => j.finish(),
            None if self.previous.is_some() => self.node.remove(&journal::path(self.name)),
            None => Ok(()),
        }?;
        self.previous = None;
        *self.journal_at.lock().unwrap_or_else(|p| p.into_inner()) = None;
        Ok(())
    }
}

/// The signal handling of a run of `job` on its own (for operations that
/// keep their lock and journal elsewhere, e.g. `snapshot restore --apply`;
/// [`Operation::begin`] calls it first): from now on the first
/// SIGINT/SIGTERM only asks the run to stop after the step in flight (one
/// line says so), a second ends the process at once with a line naming
/// the steps in flight, the journal (once set in the returned slot) and
/// `resume`.
pub fn catch_signals(
    job: &'static str,
    resume: impl Into<String>,
) -> Result<Arc<Mutex<Option<String>>>> {
    catch(job, resume.into(), false)
}

/// `early_exit`: a first signal that comes while nothing was changed yet
/// (no step in flight, no journal written: planning, a confirmation
/// prompt) ends the process at once, as without the handlers.
fn catch(
    job: &'static str,
    resume: String,
    early_exit: bool,
) -> Result<Arc<Mutex<Option<String>>>> {
    super::catch_interrupts()?;
    let journal_at: Arc<Mutex<Option<String>>> = Arc::new(Mutex::new(None));
    let at = journal_at.clone();
    crate::interrupt::on_signal(move |sig, n| {
        let untouched =
            super::in_flight().is_empty() && at.lock().unwrap_or_else(|p| p.into_inner()).is_none();
        if early_exit && n == 1 && untouched {
            use std::io::Write;
            let mut e = std::io::stderr().lock();
            let _ = writeln!(
                e,
                "kforge {job}: {} received before any change: stopping (exit {})",
                sig.name(),
                sig.exit_code()
            );
            let _ = e.flush();
            std::process::exit(i32::from(sig.exit_code()));
        }
        Some(notice(job, &resume, &at, sig, n))
    });
    Ok(journal_at)
}

/// The one line a signal prints: on the first, what happens now; on the
/// second (the process ends right after it), what is left.
fn notice(
    job: &str,
    resume: &str,
    journal_at: &Mutex<Option<String>>,
    sig: Signal,
    n: usize,
) -> String {
    if n == 1 {
        return format!(
            "kforge {job}: {} received: finishing or undoing the step in flight and verifying it, then stopping (a second signal stops at once)",
            sig.name()
        );
    }
    let flying = super::in_flight();
    let journal = journal_at.lock().unwrap_or_else(|p| p.into_inner()).clone();
    let left = match (flying.is_empty(), &journal) {
        (true, None) => "nothing was changed yet".to_string(),
        (true, Some(j)) => format!(
            "no step was in flight; the journal {j} records the finished ones: `{resume}` goes on"
        ),
        (false, Some(j)) => format!(
            "{} in flight, neither finished nor undone; the journal {j} records it: `{resume}` finishes or undoes it",
            flying.join(", ")
        ),
        (false, None) => format!(
            "{} in flight, before anything was changed: `{resume}` starts again",
            flying.join(", ")
        ),
    };
    format!(
        "kforge {job}: stopped at once by a second {} (exit {}): {left}",
        sig.name(),
        sig.exit_code()
    )
}

/// The run's end under a signal: `Interrupted` (exit 130/143) with `done`,
/// the line saying where things stand; `None` when no signal came.
pub fn interrupted(done: impl FnOnce() -> String) -> Option<anyhow::Error> {
    crate::interrupt::received().map(|signal| {
        anyhow::Error::new(Interrupted {
            signal,
            done: done(),
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;

    #[test]
    fn the_lock_is_taken_the_journal_is_written_only_when_asked_and_finish_removes_it() {
        let dir = tempfile::tempdir().unwrap();
        let node: Arc<dyn Node> = Arc::new(LocalNode::new(Some(dir.path().to_path_buf())));
        let mut op: Operation<u32, ()> =
            Operation::begin(node.clone(), "test-op", "test op", "kforge test").unwrap();
        assert!(op.previous().is_none());
        // A second run of the same operation is locked out (exit 4).
        let second = Operation::<u32, ()>::begin(node.clone(), "test-op", "test op", "x");
        assert!(second.err().unwrap().is::<crate::exit::Locked>());
        let file = dir
            .path()
            .join(journal::path("test-op").strip_prefix("/").unwrap());
        assert!(!file.exists(), "begin wrote a journal");
        let j = op.journal(|| 7).unwrap();
        j.update(|d| *d += 1).unwrap();
        drop(j);
        assert!(file.exists());
        drop(op);
        // The next run sees the typed data, and finishing removes it.
        let mut op = Operation::<u32, ()>::begin(node, "test-op", "test op", "x").unwrap();
        assert_eq!(op.previous().unwrap().data, 8);
        op.finish().unwrap();
        assert!(!file.exists());
    }

    #[test]
    fn the_second_signal_says_what_is_in_flight_and_how_to_resume() {
        let at = Mutex::new(Some("/j.json".to_string()));
        let first = notice(
            "upgrade apply",
            "kforge upgrade apply v1.33.0",
            &at,
            Signal::Int,
            1,
        );
        assert!(
            first.contains("SIGINT received: finishing or undoing"),
            "{first}"
        );
        let _f = super::super::flying("cp1", "etcd");
        let second = notice(
            "upgrade apply",
            "kforge upgrade apply v1.33.0",
            &at,
            Signal::Term,
            2,
        );
        assert!(second.contains("second SIGTERM (exit 143)"), "{second}");
        assert!(second.contains("etcd on cp1 in flight"), "{second}");
        assert!(second.contains("/j.json"), "{second}");
        assert!(
            second.contains("`kforge upgrade apply v1.33.0`"),
            "{second}"
        );
    }
}
