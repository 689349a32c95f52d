//! One way to wait for something: ask a check again and again, a fixed
//! interval apart, until it answers, the time runs out or (when the wait
//! is interruptible) SIGINT/SIGTERM arrives. Every wait of kforge goes
//! through [`until`] (or [`until_async`] inside a tokio task), so a timeout
//! always names the last thing seen and a signal is always noticed within
//! one interval.
//!
//! Whether a signal ends the wait is the caller's choice ([`OnSignal`]):
//! an upgrade step in flight must be finished or undone *and verified*
//! before kforge stops, so its waits keep going (a second signal ends the
//! process at once, see [`crate::interrupt`]); a wait with nothing to
//! finish (for an API server to come up, for etcd to stop) ends at once.

use crate::interrupt::{self, Signal};
use anyhow::Result;
use std::future::Future;
use std::time::{Duration, Instant};

/// How often [`poll`] asks.
pub const POLL: Duration = Duration::from_millis(100);

/// What a signal does to a wait.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnSignal {
    /// The wait ends with [`Ended::Interrupted`].
    Stop,
    /// The wait goes on (the work it verifies must not be left half done).
    KeepWaiting,
}

/// Why a wait ended without an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// The time ran out; `last` is why the check said "not yet" last.
    TimedOut { waited: Duration, last: String },
    /// A signal arrived (only with [`OnSignal::Stop`]).
    Interrupted(Signal),
}

/// How long and how often to wait.
#[derive(Debug, Clone, Copy)]
pub struct Every {
    pub interval: Duration,
    /// `None`: until the check answers (or a signal, with [`OnSignal::Stop`]).
    pub timeout: Option<Duration>,
    pub on_signal: OnSignal,
}

impl Every {
    /// Asks every `interval`, for at most `timeout`, ending on a signal.
    pub fn new(interval: Duration, timeout: Duration) -> Every {
        Every {
            interval,
            timeout: Some(timeout),
            on_signal: OnSignal::Stop,
        }
    }

    /// The same wait, going on through a signal.
    pub fn through_signals(self) -> Every {
        Every {
            on_signal: OnSignal::KeepWaiting,
            ..self
        }
    }

    fn signal(&self) -> Option<Signal> {
        match self.on_signal {
            OnSignal::Stop => interrupt::received(),
            OnSignal::KeepWaiting => None,
        }
    }

    fn timed_out(&self, t0: Instant) -> bool {
        self.timeout.is_some_and(|t| t0.elapsed() >= t)
    }
}

/// Calls `check` until it returns `Ok(Ok(_))`. `Ok(Err(why))` means "not
/// yet" (`why` is kept for the timeout); `Err` ends the wait at once. The
/// check runs at least once, even with a zero timeout.
pub fn until<T>(
    every: Every,
    mut check: impl FnMut() -> Result<std::result::Result<T, String>>,
) -> Result<std::result::Result<T, Ended>> {
    let t0 = Instant::now();
    loop {
        if let Some(s) = every.signal() {
            return Ok(Err(Ended::Interrupted(s)));
        }
        let last = match check()? {
            Ok(v) => return Ok(Ok(v)),
            Err(why) => why,
        };
        if every.timed_out(t0) {
            return Ok(Err(Ended::TimedOut {
                waited: t0.elapsed(),
                last,
            }));
        }
        match every.on_signal {
            OnSignal::Stop => {
                if let Some(s) = interrupt::sleep(every.interval) {
                    return Ok(Err(Ended::Interrupted(s)));
                }
            }
            OnSignal::KeepWaiting => std::thread::sleep(every.interval),
        }
    }
}

/// [`until`] inside a tokio task: the check is async and the pause is
/// tokio's (a signal is noticed within one interval).
pub async fn until_async<T, F, Fut>(
    every: Every,
    mut check: F,
) -> Result<std::result::Result<T, Ended>>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<std::result::Result<T, String>>>,
{
    let t0 = Instant::now();
    loop {
        if let Some(s) = every.signal() {
            return Ok(Err(Ended::Interrupted(s)));
        }
        let last = match check().await? {
            Ok(v) => return Ok(Ok(v)),
            Err(why) => why,
        };
        if every.timed_out(t0) {
            return Ok(Err(Ended::TimedOut {
                waited: t0.elapsed(),
                last,
            }));
        }
        tokio::time::sleep(every.interval).await;
    }
}

/// Polls `check` every [`POLL`] until it returns `Ok(Some(_))` or the
/// timeout passes (error from `on_timeout`, given the time waited and the
/// last reason). A signal does not end the wait: the step in flight is
/// finished or undone *and verified* before kforge stops (a second signal
/// ends the process at once).
pub fn poll<T>(
    timeout: Duration,
    check: impl FnMut() -> Result<std::result::Result<T, String>>,
    on_timeout: impl FnOnce(Duration, &str) -> anyhow::Error,
) -> Result<T> {
    match until(Every::new(POLL, timeout).through_signals(), check)? {
        Ok(v) => Ok(v),
        Err(Ended::TimedOut { waited, last }) => Err(on_timeout(waited, &last)),
        Err(Ended::Interrupted(s)) => Err(interrupt::Stop::Signal(s).into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_as_soon_as_the_check_does() {
        let mut n = 0;
        let r = until(
            Every::new(Duration::from_millis(1), Duration::from_secs(5)),
            || {
                n += 1;
                Ok(if n == 3 {
                    Ok(n)
                } else {
                    Err(format!("try {n}"))
                })
            },
        )
        .unwrap();
        assert_eq!(r, Ok(3));
    }

    #[test]
    fn a_timeout_names_the_last_reason_and_the_check_runs_at_least_once() {
        let mut n = 0;
        let r: std::result::Result<(), Ended> = until(Every::new(POLL, Duration::ZERO), || {
            n += 1;
            Ok(Err(format!("not yet ({n})")))
        })
        .unwrap();
        match r {
            Err(Ended::TimedOut { last, .. }) => assert_eq!(last, "not yet (1)"),
            other => panic!("{other:?}"),
        }
        let e = poll(
            Duration::from_millis(30),
            || Ok::<std::result::Result<(), String>, _>(Err("still down".into())),
            |waited, last| anyhow::anyhow!("after {}ms: {last}", waited.as_millis() / 10 * 10),
        )
        .unwrap_err();
        assert!(e.to_string().ends_with(": still down"), "{e}");
    }

    #[test]
    fn an_error_of_the_check_ends_the_wait_at_once() {
        let mut n = 0;
        let e = until::<()>(
            Every::new(Duration::from_millis(1), Duration::from_secs(5)),
            || {
                n += 1;
                anyhow::bail!("refused")
            },
        )
        .unwrap_err();
        assert_eq!((e.to_string(), n), ("refused".to_string(), 1));
    }

    #[test]
    fn the_async_wait_is_the_same_wait() {
        let rt = crate::runtime::current_thread().unwrap();
        let mut n = 0;
        let r = rt
            .block_on(until_async(
                Every::new(Duration::from_millis(1), Duration::from_millis(20)),
                || {
                    n += 1;
                    let k = n;
                    async move { Ok::<std::result::Result<u32, String>, _>(Err(format!("{k}"))) }
                },
            ))
            .unwrap();
        match r {
            Err(Ended::TimedOut { last, waited }) => {
                assert!(waited >= Duration::from_millis(20));
                assert_eq!(last, n.to_string());
            }
            other => panic!("{other:?}"),
        }
    }
}
