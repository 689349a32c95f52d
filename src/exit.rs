//! Process exit statuses and the error kinds that select them.
//!
//! Scripts (CI smoke tests, cron jobs) branch on these numbers, so they are a
//! public contract: 0 success, 1 the operation failed, 2 the user asked for
//! something invalid, 3 a health check ran and found a problem, 4 another
//! kforge run holds the lock.

use std::fmt;

/// What the process tells its caller when it exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// Everything asked for was done.
    Success,
    /// The operation was attempted and failed.
    Failure,
    /// The command line or a config file is invalid; nothing was attempted.
    Usage,
    /// Checks ran and found something unhealthy.
    Unhealthy,
    /// Another run holds the lock (e.g. a cron snapshot still running).
    Locked,
    /// A signal stopped the run after it undid or finished the step in
    /// flight: 128 + the signal number (130 SIGINT, 143 SIGTERM).
    Interrupted(crate::interrupt::Signal),
}

impl ExitStatus {
    pub fn code(self) -> u8 {
        match self {
            ExitStatus::Success => 0,
            ExitStatus::Failure => 1,
            ExitStatus::Usage => 2,
            ExitStatus::Unhealthy => 3,
            ExitStatus::Locked => 4,
            ExitStatus::Interrupted(s) => s.exit_code(),
        }
    }

    /// The status an error should end the process with: the most specific
    /// kind found anywhere in its cause chain, else `Failure`.
    pub fn for_error(err: &anyhow::Error) -> ExitStatus {
        for cause in err.chain() {
            if cause.downcast_ref::<UsageError>().is_some() {
                return ExitStatus::Usage;
            }
            if cause.downcast_ref::<Unhealthy>().is_some() {
                return ExitStatus::Unhealthy;
            }
            if cause.downcast_ref::<Locked>().is_some() {
                return ExitStatus::Locked;
            }
            if let Some(i) = cause.downcast_ref::<crate::interrupt::Interrupted>() {
                return ExitStatus::Interrupted(i.signal);
            }
        }
        ExitStatus::Failure
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(s: ExitStatus) -> Self {
        std::process::ExitCode::from(s.code())
    }
}

/// The user gave invalid input (flag, config file, argument). Exit 2.
#[derive(Debug)]
pub struct UsageError(pub String);

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for UsageError {}

/// Shorthand: `Err(usage(format!(...)))?`.
pub fn usage(msg: impl Into<String>) -> anyhow::Error {
    anyhow::Error::new(UsageError(msg.into()))
}

/// A check found the system unhealthy (the report was already printed). Exit 3.
#[derive(Debug)]
pub struct Unhealthy(pub String);

impl fmt::Display for Unhealthy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Unhealthy {}

/// Another process holds the lock we need. Exit 4.
#[derive(Debug)]
pub struct Locked(pub String);

impl fmt::Display for Locked {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}
impl std::error::Error for Locked {}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn codes_are_the_documented_contract() {
        assert_eq!(ExitStatus::Success.code(), 0);
        assert_eq!(ExitStatus::Failure.code(), 1);
        assert_eq!(ExitStatus::Usage.code(), 2);
        assert_eq!(ExitStatus::Unhealthy.code(), 3);
        assert_eq!(ExitStatus::Locked.code(), 4);
    }

    #[test]
    fn kind_is_found_anywhere_in_the_chain() {
        let e = Err::<(), _>(usage("bad flag"))
            .context("loading config")
            .unwrap_err();
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Usage);
        let e = anyhow::Error::new(Unhealthy("etcd down".into())).context("health");
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Unhealthy);
        let e = anyhow::Error::new(Locked("held".into()));
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Locked);
        let e = anyhow::anyhow!("disk full").context("writing");
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Failure);
    }
}
