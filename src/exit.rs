//! Process exit statuses and the error kinds that select them.
//!
//! Scripts (CI smoke tests, cron jobs) branch on these numbers, so they are a
//! public contract: 0 success, 1 the operation failed, 2 the user asked for
//! something invalid, 3 a health check ran and found a problem, 4 another
//! kforge run holds the lock; 130/143 a signal stopped it after the step in
//! flight was undone or finished.
//!
//! A closed stdout (`kforge … | head -1`) is not a failure: like ripgrep,
//! kforge stops writing and exits 0 without an error line. Only stdout
//! counts; a broken pipe anywhere else (an SSH channel, a child process) is
//! an ordinary error.

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
    /// Every status, in code order (the help line and the tests walk it).
    pub const ALL: [ExitStatus; 5] = [
        ExitStatus::Success,
        ExitStatus::Failure,
        ExitStatus::Usage,
        ExitStatus::Unhealthy,
        ExitStatus::Locked,
    ];

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

    /// What the status means, as the help's exit-status line says it.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitStatus::Success => "success",
            ExitStatus::Failure => "failed",
            ExitStatus::Usage => "usage or config error",
            ExitStatus::Unhealthy => "unhealthy",
            ExitStatus::Locked => "locked by another run",
            ExitStatus::Interrupted(_) => {
                "interrupted by a signal (128 + its number: 130 SIGINT, 143 SIGTERM)"
            }
        }
    }

    /// `Exit status: 0 success, 1 failed, …` for the statuses a command can
    /// end with, generated so that help and code cannot disagree.
    pub fn help_line(statuses: &[ExitStatus]) -> String {
        let parts: Vec<String> = statuses
            .iter()
            .map(|s| format!("{} {}", s.code(), s.meaning()))
            .collect();
        format!("Exit status: {}.", parts.join(", "))
    }

    /// The status an error should end the process with: the most specific
    /// kind found anywhere in its cause chain, else `Failure`. (`Unhealthy`
    /// is never an error: `health` returns it as a value after its report.)
    pub fn for_error(err: &anyhow::Error) -> ExitStatus {
        for cause in err.chain() {
            if cause.downcast_ref::<UsageError>().is_some()
                || cause.is::<UsageOf>()
                || cause.downcast_ref::<etcd_format::BadInput>().is_some()
            {
                return ExitStatus::Usage;
            }
            if cause.downcast_ref::<Locked>().is_some() {
                return ExitStatus::Locked;
            }
            if cause.downcast_ref::<StdoutClosed>().is_some() {
                return ExitStatus::Success;
            }
            if let Some(i) = cause.downcast_ref::<crate::interrupt::Interrupted>() {
                return ExitStatus::Interrupted(i.signal);
            }
        }
        ExitStatus::Failure
    }
}

/// The exit-status table, as README.md's "Exit status" section, the end of
/// `kforge --help` and the EXIT STATUS section of `man kforge` show it: one
/// source (tests/docs.rs checks that the README carries exactly these rows).
pub const TABLE: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "the operation failed (one `error:` line: what failed, naming the file or host, then each cause after `: `)",
    ),
    ("2", "usage or configuration error; nothing was attempted"),
    ("3", "a health check ran and found a problem"),
    ("4", "another kforge run holds the lock"),
    (
        "130 / 143",
        "SIGINT / SIGTERM stopped a change to a live node after the step in flight was put back or finished and verified (`join`, `upgrade apply`, `reset`, `snapshot restore --apply`, `etcd defrag`); the journal lets a re-run settle it. A second signal stops at once (128 + its number) after one line naming what is left in flight",
    ),
];

/// [`TABLE`] as plain text for `--help`: a heading, then one entry per
/// code with its meaning wrapped at `width` columns under a hanging indent.
pub fn help_table(width: usize) -> String {
    let indent = TABLE.iter().map(|(c, _)| c.len()).max().unwrap_or(0) + 4;
    let mut out = String::from("Exit status:");
    for (code, meaning) in TABLE {
        let mut line = format!("  {code:<w$}", w = indent - 2);
        let mut col = indent;
        for word in meaning.split_whitespace() {
            if col > indent && col + 1 + word.len() > width {
                out.push('\n');
                out.push_str(line.trim_end());
                line = " ".repeat(indent);
                col = indent;
            }
            if col > indent {
                line.push(' ');
                col += 1;
            }
            line.push_str(word);
            col += word.len();
        }
        out.push('\n');
        out.push_str(line.trim_end());
    }
    out
}

/// [`TABLE`] as the Markdown table README.md carries.
pub fn markdown_table() -> String {
    let mut out = String::from("| code | meaning |\n|---|---|\n");
    for (code, meaning) in TABLE {
        out.push_str(&format!("| {code} | {meaning} |\n"));
    }
    out
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

/// An error found to be the user's (a bad file or value they named): exit
/// 2, its causes kept as `source()`s, not flattened into one string.
pub fn usage_from(err: anyhow::Error) -> anyhow::Error {
    anyhow::Error::new(UsageOf(err))
}

/// [`usage_from`]'s error: shows the outermost message of the error it
/// holds, and that error's causes as its own.
#[derive(Debug)]
struct UsageOf(anyhow::Error);

impl fmt::Display for UsageOf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}
impl std::error::Error for UsageOf {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.0.chain().nth(1)
    }
}

/// The reader of stdout went away (EPIPE). Exit 0, quietly.
#[derive(Debug)]
pub struct StdoutClosed;

impl fmt::Display for StdoutClosed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("stdout was closed by its reader")
    }
}
impl std::error::Error for StdoutClosed {}

/// The one `error:` line of an error: the outermost context (naming the
/// file or host) first, then each cause after ": ", as `{:#}` prints it,
/// but without a cause whose text is empty (some libraries' errors print
/// nothing; a line must not end in ": ") and without a cause that repeats
/// the one before it word for word.
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string();
        let s = s.trim();
        if !s.is_empty() && parts.last().is_none_or(|p| p != s) {
            parts.push(s.to_string());
        }
    }
    if parts.is_empty() {
        // Nothing said anything: still say that something failed.
        return "failed (no cause given)".to_string();
    }
    parts.join(": ")
}

/// Whether the error only says that stdout's reader went away.
pub fn is_stdout_closed(err: &anyhow::Error) -> bool {
    err.chain()
        .any(|c| c.downcast_ref::<StdoutClosed>().is_some())
}

/// Another process holds the lock we need. Exit 4. (Defined with the
/// locks, in `kforge_fs`.)
pub use kforge_fs::Locked;

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[derive(Debug)]
    struct Silent;
    impl fmt::Display for Silent {
        fn fmt(&self, _: &mut fmt::Formatter<'_>) -> fmt::Result {
            Ok(())
        }
    }
    impl std::error::Error for Silent {}

    #[test]
    fn one_line_names_the_context_first_and_never_ends_in_an_empty_cause() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = Err::<(), _>(io).context("reading /x").unwrap_err();
        assert_eq!(one_line(&e), "reading /x: No such file");
        assert_eq!(one_line(&e), format!("{e:#}"));
        let e = Err::<(), _>(Silent).context("writing /y").unwrap_err();
        assert_eq!(format!("{e:#}"), "writing /y: ", "what anyhow prints");
        assert_eq!(one_line(&e), "writing /y");
        let e = anyhow::Error::new(Silent);
        assert_eq!(one_line(&e), "failed (no cause given)");
        let e = anyhow::anyhow!("same").context("same").context("outer");
        assert_eq!(one_line(&e), "outer: same");
    }

    #[test]
    fn usage_from_keeps_the_causes_and_exits_2() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file");
        let e = usage_from(Err::<(), _>(io).context("--identity /x").unwrap_err());
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Usage);
        assert_eq!(one_line(&e), "--identity /x: No such file");
        assert!(e.chain().any(|c| c.is::<std::io::Error>()));
        let e = e.context("outer");
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Usage);
        assert_eq!(one_line(&e), "outer: --identity /x: No such file");
    }

    #[test]
    fn codes_are_the_documented_contract() {
        assert_eq!(ExitStatus::Success.code(), 0);
        assert_eq!(ExitStatus::Failure.code(), 1);
        assert_eq!(ExitStatus::Usage.code(), 2);
        assert_eq!(ExitStatus::Unhealthy.code(), 3);
        assert_eq!(ExitStatus::Locked.code(), 4);
    }

    #[test]
    fn all_lists_every_status_once_in_code_order() {
        let codes: Vec<u8> = ExitStatus::ALL.iter().map(|s| s.code()).collect();
        assert_eq!(codes, vec![0, 1, 2, 3, 4]);
    }

    #[test]
    fn help_line_is_generated_from_the_enum() {
        assert_eq!(
            ExitStatus::help_line(&ExitStatus::ALL),
            "Exit status: 0 success, 1 failed, 2 usage or config error, 3 unhealthy, 4 locked by another run."
        );
        assert_eq!(
            ExitStatus::help_line(&[ExitStatus::Success, ExitStatus::Unhealthy]),
            "Exit status: 0 success, 3 unhealthy."
        );
    }

    #[test]
    fn table_lists_every_status_and_the_signals() {
        let codes: Vec<&str> = TABLE.iter().map(|(c, _)| *c).collect();
        let mut want: Vec<String> = ExitStatus::ALL
            .iter()
            .map(|s| s.code().to_string())
            .collect();
        let int = crate::interrupt::Signal::Int;
        let term = crate::interrupt::Signal::Term;
        want.push(format!(
            "{} / {}",
            ExitStatus::Interrupted(int).code(),
            ExitStatus::Interrupted(term).code()
        ));
        assert_eq!(codes, want);
        let help = help_table(100);
        assert!(
            help.starts_with("Exit status:\n  0          success\n"),
            "{help}"
        );
        assert!(help.lines().all(|l| l.len() <= 100), "{help}");
        assert!(
            help.contains("\n  130 / 143  SIGINT / SIGTERM stopped"),
            "{help}"
        );
        let md = markdown_table();
        assert!(
            md.contains("| 4 | another kforge run holds the lock |\n"),
            "{md}"
        );
    }

    #[test]
    fn exit_code_conversion_keeps_the_number() {
        for s in ExitStatus::ALL {
            let code: std::process::ExitCode = s.into();
            assert_eq!(code, std::process::ExitCode::from(s.code()));
        }
    }

    #[test]
    fn kind_is_found_anywhere_in_the_chain() {
        let e = Err::<(), _>(usage("bad flag"))
            .context("loading config")
            .unwrap_err();
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Usage);
        let e = anyhow::Error::new(Locked("held".into()));
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Locked);
        let e = anyhow::Error::new(StdoutClosed).context("printing");
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Success);
        assert!(is_stdout_closed(&e));
        let e = anyhow::anyhow!("disk full").context("writing");
        assert_eq!(ExitStatus::for_error(&e), ExitStatus::Failure);
    }
}
