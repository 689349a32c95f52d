//! The one confirmation prompt of the commands that change a cluster
//! (`upgrade apply`, `reset`): asked on the terminal, answered `y`/`yes`;
//! without a terminal the command refuses (exit 2) unless `--yes` was given.

use crate::exit::usage;
use anyhow::Result;
use std::io::{IsTerminal, Write};

/// Shows `context` (may be empty), asks `question` with `[y/N]`, and fails
/// with a usage error (exit 2) unless the answer is yes. `what` names the
/// change in the refusal when there is no terminal to ask on.
pub fn ask(context: &str, question: &str, what: &str) -> Result<()> {
    if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
        return Err(usage(format!(
            "refusing to {what} without confirmation: pass --yes (there is no terminal to ask on), \
             or --dry-run to see what it would do"
        )));
    }
    let mut err = std::io::stderr();
    if !context.is_empty() {
        let _ = writeln!(err, "{}", context.trim_end());
    }
    let _ = write!(err, "{question} [y/N] ");
    let _ = err.flush();
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    if matches!(line.trim().to_ascii_lowercase().as_str(), "y" | "yes") {
        Ok(())
    } else {
        Err(usage("not confirmed: nothing was changed"))
    }
}
