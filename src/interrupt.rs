//! SIGINT and SIGTERM for commands that change a live node.
//!
//! A command that moves a file aside (a static pod manifest, to stop its
//! pod) must never exit with the file still aside: etcd and the API server
//! would stay down. So while such a change is in flight, the signals only
//! set a flag ([`install`]); long waits poll it ([`sleep`], [`received`])
//! and return early, and the caller undoes the step in flight (a
//! [`kforge_fs::MovedAside`] puts its file back, also when dropped on any error path)
//! before ending with [`Interrupted`] (exit 128 + the signal number: 130
//! for SIGINT, 143 for SIGTERM). A second signal ends the process at once
//! (exit 128 + its number) after one line saying what is left half done
//! ([`on_signal`]): an operator can always get out, and the caller's
//! journal tells the next run where it stopped.
//!
//! Commands that only read, fetch or stream (`snapshot drill`, `status
//! URL`, `restore URL`, `save`) use the same flag through [`stop`], which
//! also reports a run's deadline (`save --timeout`, [`set_deadline`]): their
//! loops and waits poll it ([`Stoppable`] readers, `runtime::until_stopped`
//! for async waits) and return an error, and their guards clean up on the
//! way out (temporary files, child processes, uploads).
//!
//! A leaf module: used by the snapshot commands above, the stand-in
//! kubelet and [`crate::rollout::runner`], the one user of [`on_signal`].

use std::fmt;
use std::io;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// A signal that asks kforge to stop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signal {
    Int,
    Term,
}

impl Signal {
    pub fn number(self) -> i32 {
        match self {
            Signal::Int => libc::SIGINT,
            Signal::Term => libc::SIGTERM,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Signal::Int => "SIGINT",
            Signal::Term => "SIGTERM",
        }
    }

    /// The shell's convention: 128 + the signal number.
    pub fn exit_code(self) -> u8 {
        128 + self.number() as u8
    }

    fn from_number(n: usize) -> Option<Signal> {
        match n as i32 {
            libc::SIGINT => Some(Signal::Int),
            libc::SIGTERM => Some(Signal::Term),
            _ => None,
        }
    }
}

struct Flags {
    /// The number of the first signal received (0: none).
    which: Arc<AtomicUsize>,
}

static FLAGS: OnceLock<Flags> = OnceLock::new();

/// What to say when a signal arrives: called with the signal and how many
/// have arrived (1, 2, …); the line it returns goes to stderr.
type Notice = Box<dyn Fn(Signal, usize) -> Option<String> + Send + Sync>;

static NOTICE: Mutex<Option<Notice>> = Mutex::new(None);

/// Sets what is said on each signal (the first: what kforge does now; the
/// second, just before the process ends: what is left half done).
pub fn on_signal(f: impl Fn(Signal, usize) -> Option<String> + Send + Sync + 'static) {
    *NOTICE.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(f));
}

fn notice(sig: Signal, n: usize) {
    let line = NOTICE
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .as_ref()
        .and_then(|f| f(sig, n));
    if let Some(line) = line {
        use std::io::Write;
        let mut e = io::stderr().lock();
        let _ = writeln!(e, "{line}");
        let _ = e.flush();
    }
}

fn register() -> io::Result<Flags> {
    let which = Arc::new(AtomicUsize::new(0));
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // The flag is set in the handler itself, before any thread runs on.
        signal_hook::flag::register_usize(sig, Arc::clone(&which), sig as usize)?;
    }
    // The first signal only sets the flag (and says so); the second ends
    // the process at once, after saying what is left.
    let mut signals = signal_hook::iterator::Signals::new([libc::SIGINT, libc::SIGTERM])?;
    std::thread::Builder::new()
        .name("kforge-signals".into())
        .spawn(move || {
            let mut count = 0;
            for n in signals.forever() {
                let Some(sig) = Signal::from_number(n as usize) else {
                    continue;
                };
                count += 1;
                notice(sig, count);
                if count >= 2 {
                    std::process::exit(i32::from(sig.exit_code()));
                }
            }
        })?;
    Ok(Flags { which })
}

/// From now on SIGINT and SIGTERM set a flag instead of ending the
/// process; a second one ends it at once (exit 128 + its number) after the
/// line [`on_signal`] gives. Safe to call more than once.
pub fn install() -> io::Result<()> {
    static INSTALL: Mutex<()> = Mutex::new(());
    let _one_at_a_time = INSTALL.lock().unwrap_or_else(|p| p.into_inner());
    if FLAGS.get().is_none() {
        let _ = FLAGS.set(register()?);
    }
    Ok(())
}

/// The first signal received since [`install`], if any.
pub fn received() -> Option<Signal> {
    let flags = FLAGS.get()?;
    Signal::from_number(flags.which.load(Ordering::SeqCst))
}

/// Sleeps for `d`, returning early with the signal if one arrives.
pub fn sleep(d: Duration) -> Option<Signal> {
    let end = Instant::now() + d;
    loop {
        if let Some(s) = received() {
            return Some(s);
        }
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return None;
        }
        std::thread::sleep(left.min(Duration::from_millis(50)));
    }
}

/// The time limit of a bounded run (`snapshot save --timeout`): when it
/// started and how long it may take.
static DEADLINE: OnceLock<(Instant, Duration)> = OnceLock::new();

/// Bounds this run to `limit` from now (the first call wins).
pub fn set_deadline(limit: Duration) {
    let _ = DEADLINE.set((Instant::now(), limit));
}

/// Why a run should stop early: a signal, or its time limit passed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    Signal(Signal),
    TimedOut(Duration),
}

impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stop::Signal(s) => write!(f, "interrupted by {}", s.name()),
            Stop::TimedOut(d) => write!(
                f,
                "timed out: the run took longer than its limit of {} (--timeout)",
                crate::values::format_duration(time::Duration::try_from(*d).unwrap_or_default())
            ),
        }
    }
}

impl std::error::Error for Stop {}

/// Whether the run should stop now, and why. Long loops and waits poll
/// it (cheap: two atomic loads and a clock read).
pub fn stop() -> Option<Stop> {
    if let Some(s) = received() {
        return Some(Stop::Signal(s));
    }
    let (start, limit) = DEADLINE.get()?;
    (start.elapsed() >= *limit).then_some(Stop::TimedOut(*limit))
}

/// A reader that fails once [`stop`] says so: a copy through it ends at
/// the next chunk after a signal or the deadline, and the caller's error
/// path cleans up.
pub struct Stoppable<R>(pub R);

impl<R: io::Read> io::Read for Stoppable<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if let Some(s) = stop() {
            return Err(io::Error::other(s));
        }
        self.0.read(buf)
    }
}

/// The run stopped on a signal after undoing (or finishing) the step in
/// flight; `done` says which, for the one line the operator sees.
#[derive(Debug)]
pub struct Interrupted {
    pub signal: Signal,
    pub done: String,
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "interrupted by {}: {}", self.signal.name(), self.done)
    }
}

impl std::error::Error for Interrupted {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_shell() {
        assert_eq!(Signal::Int.exit_code(), 130);
        assert_eq!(Signal::Term.exit_code(), 143);
        assert_eq!(Signal::from_number(15), Some(Signal::Term));
        assert_eq!(Signal::from_number(9), None);
        let e = anyhow::Error::new(Interrupted {
            signal: Signal::Term,
            done: "put it back".into(),
        });
        let status = crate::exit::ExitStatus::for_error(&e);
        assert_eq!(status, crate::exit::ExitStatus::Interrupted(Signal::Term));
        assert_eq!(status.code(), 143);
        assert_eq!(e.to_string(), "interrupted by SIGTERM: put it back");
    }
}
