//! Man pages and completion scripts, generated from the clap definition;
//! the checked-in copies under man/ and completions/ are tested for staleness.
//!
//! The pages are written here rather than by clap_mangen, so that they read
//! like hand-written ones: a SYNOPSIS with the command as it is typed
//! (`kforge etcd members list [OPTIONS]`, never the page name), the global
//! options under their own heading, the examples in an EXAMPLES section set
//! verbatim (`.EX`/`.EE`: no fill, no hyphenation, every character escaped so
//! that a pasted line runs), the exit statuses from [`crate::exit::TABLE`],
//! and SEE ALSO naming only pages that are generated.

use crate::exit::ExitStatus;
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::path::Path;

pub fn generate(out: &Path) -> Result<ExitStatus> {
    let man_dir = out.join("man");
    let comp_dir = out.join("completions");
    fs_err::create_dir_all(&man_dir)?;
    fs_err::create_dir_all(&comp_dir)?;
    for (name, page) in man_pages() {
        crate::node::write_atomic_local(
            &man_dir.join(format!("{name}.1")),
            page.as_bytes(),
            0o644,
        )?;
    }
    for (shell, file) in [
        (clap_complete::Shell::Bash, "kforge.bash"),
        (clap_complete::Shell::Zsh, "_kforge"),
        (clap_complete::Shell::Fish, "kforge.fish"),
    ] {
        let mut script = Vec::new();
        super::completion_script(shell, &mut script);
        crate::node::write_atomic_local(&comp_dir.join(file), &script, 0o644)
            .with_context(|| format!("writing {shell} completions"))?;
    }
    Ok(ExitStatus::Success)
}

/// Every man page, as (page name, roff text): `kforge` and one page per
/// visible command, at every level.
pub fn man_pages() -> Vec<(String, String)> {
    // The crate's version only: `--version`'s git commit would make the
    // checked-in pages stale at every commit.
    let mut cmd = super::command().long_version(env!("CARGO_PKG_VERSION"));
    cmd.build();
    let mut pages = Vec::new();
    walk(&cmd, &[], &mut pages);
    pages
}

fn walk(cmd: &clap::Command, path: &[&str], pages: &mut Vec<(String, String)>) {
    pages.push((page_name(path), page(cmd, path)));
    for sub in visible_subcommands(cmd) {
        let mut p = path.to_vec();
        p.push(sub.get_name());
        walk(sub, &p, pages);
    }
}

fn visible_subcommands(cmd: &clap::Command) -> impl Iterator<Item = &clap::Command> {
    cmd.get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
}

/// `kforge-etcd-members-list` for `["etcd", "members", "list"]`.
pub fn page_name(path: &[&str]) -> String {
    std::iter::once("kforge")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join("-")
}

/// Text for roff's filled paragraphs: backslashes, hyphens (else minus signs
/// turn into hyphens that break copied flags), quotes, and control
/// characters at the start of a line escaped.
pub fn roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.starts_with('.') || line.starts_with('\'') {
            out.push_str("\\&");
        }
        for c in line.chars() {
            match c {
                '\\' => out.push_str("\\e"),
                '-' => out.push_str("\\-"),
                '\'' => out.push_str("\\(aq"),
                '`' => out.push_str("\\(ga"),
                '~' => out.push_str("\\(ti"),
                '^' => out.push_str("\\(ha"),
                '"' => out.push_str("\\(dq"),
                c => out.push(c),
            }
        }
    }
    out
}

/// A block set as it is: no fill, no hyphenation, no adjustment.
fn verbatim(text: &str) -> String {
    format!(".EX\n{}\n.EE\n", roff(text.trim_end_matches('\n')))
}

fn page(cmd: &clap::Command, path: &[&str]) -> String {
    let name = page_name(path);
    let shown = std::iter::once("kforge")
        .chain(path.iter().copied())
        .collect::<Vec<_>>()
        .join(" ");
    // Never hyphenate (groff's man macros reset hyphenation from HY at
    // every heading and paragraph) or justify: words are flags and paths.
    let mut s = String::from(".nr HY 0\n");
    let _ = writeln!(
        s,
        ".TH \"{}\" 1 \"\" \"kforge {}\" \"kforge manual\"",
        name.to_uppercase(),
        env!("CARGO_PKG_VERSION")
    );
    s.push_str(".nh\n.ad l\n");
    let about = cmd.get_about().map(|a| a.to_string()).unwrap_or_default();
    let _ = writeln!(
        s,
        ".SH NAME\n{} \\- {}",
        roff(&name),
        roff(about.trim_end_matches('.'))
    );

    s.push_str(".SH SYNOPSIS\n");
    let usage = cmd.clone().render_usage().to_string();
    let usage = usage.trim().strip_prefix("Usage:").unwrap_or(&usage).trim();
    for line in usage.lines() {
        let line = line.trim();
        let line = line.strip_prefix(&shown).unwrap_or(line);
        let _ = writeln!(s, ".B {}\n{}\n.br", roff(&shown), roff(line.trim()));
    }

    s.push_str(".SH DESCRIPTION\n");
    let long = cmd
        .get_long_about()
        .or(cmd.get_about())
        .map(|a| a.to_string())
        .unwrap_or_default();
    for para in long.split("\n\n") {
        let _ = writeln!(s, ".PP\n{}", roff(para.trim()));
    }
    let (extra, examples) = split_examples(cmd);
    if !extra.trim().is_empty() {
        s.push_str(&verbatim(extra.trim_end()));
    }

    let (global, own): (Vec<&clap::Arg>, Vec<&clap::Arg>) = cmd
        .get_arguments()
        .filter(|a| !a.is_hide_set())
        .partition(|a| a.get_help_heading() == Some(super::GLOBAL_OPTIONS));
    let positionals: Vec<&clap::Arg> = own.iter().copied().filter(|a| a.is_positional()).collect();
    let options: Vec<&clap::Arg> = own.iter().copied().filter(|a| !a.is_positional()).collect();
    if !positionals.is_empty() {
        s.push_str(".SH ARGUMENTS\n");
        for a in positionals {
            write_arg(&mut s, a);
        }
    }
    if !options.is_empty() {
        s.push_str(".SH OPTIONS\n");
        for a in options {
            write_arg(&mut s, a);
        }
    }
    if !global.is_empty() {
        s.push_str(".SH GLOBAL OPTIONS\n");
        for a in global {
            write_arg(&mut s, a);
        }
    }

    let subs: Vec<&clap::Command> = visible_subcommands(cmd).collect();
    if !subs.is_empty() {
        s.push_str(".SH COMMANDS\n");
        for sub in &subs {
            let mut p = path.to_vec();
            p.push(sub.get_name());
            let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
            let _ = writeln!(
                s,
                ".TP\n\\fB{}\\fR\n{} See \\fB\\%{}\\fR(1).",
                roff(sub.get_name()),
                roff(about.trim()),
                roff(&page_name(&p))
            );
        }
    }

    if path.is_empty() {
        s.push_str(".SH EXIT STATUS\n");
        for (code, meaning) in crate::exit::TABLE {
            let _ = writeln!(s, ".TP\n\\fB{}\\fR\n{}", roff(code), roff(meaning));
        }
    }

    if !examples.is_empty() {
        s.push_str(".SH EXAMPLES\n");
        s.push_str(&verbatim(&examples.join("\n")));
    }

    let mut see = Vec::new();
    if !path.is_empty() {
        see.push(page_name(&path[..path.len() - 1]));
    }
    for sub in &subs {
        let mut p = path.to_vec();
        p.push(sub.get_name());
        see.push(page_name(&p));
    }
    if !see.is_empty() {
        let refs: Vec<String> = see
            .iter()
            .map(|n| format!("\\fB\\%{}\\fR(1)", roff(n)))
            .collect();
        let _ = writeln!(s, ".SH SEE ALSO\n{}", refs.join(",\n"));
    }
    s
}

/// The command's after-help text without its examples, and the example
/// lines (as the long help shows them, `\` continuations included).
fn split_examples(cmd: &clap::Command) -> (String, Vec<String>) {
    let text = cmd
        .get_after_long_help()
        .or(cmd.get_after_help())
        .map(|t| t.to_string())
        .unwrap_or_default();
    match text.split_once("Examples:\n") {
        Some((extra, ex)) => (
            extra.to_string(),
            ex.lines()
                .map(|l| l.strip_prefix("  ").unwrap_or(l).to_string())
                .collect(),
        ),
        None => (text, Vec::new()),
    }
}

fn write_arg(s: &mut String, a: &clap::Arg) {
    let mut head = Vec::new();
    if let Some(c) = a.get_short() {
        head.push(format!("\\fB\\-{}\\fR", roff(&c.to_string())));
    }
    if let Some(l) = a.get_long() {
        head.push(format!("\\fB\\-\\-{}\\fR", roff(l)));
    }
    let takes_value = a.get_num_args().is_some_and(|n| n.takes_values()) || a.is_positional();
    let mut line = head.join(", ");
    if takes_value {
        let names: Vec<String> = a
            .get_value_names()
            .map(|v| v.iter().map(|n| n.to_string()).collect())
            .unwrap_or_else(|| vec![a.get_id().to_string().to_uppercase()]);
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&format!("\\fI{}\\fR", roff(&names.join(" "))));
    }
    let help = a
        .get_long_help()
        .or(a.get_help())
        .map(|h| h.to_string())
        .unwrap_or_default();
    let _ = writeln!(s, ".TP\n{line}");
    let paras: Vec<&str> = help.split("\n\n").collect();
    for (i, p) in paras.iter().enumerate() {
        if i > 0 {
            s.push_str(".IP\n");
        }
        let _ = writeln!(s, "{}", roff(p.trim()));
    }
    let mut notes = Vec::new();
    let values: Vec<String> = a
        .get_possible_values()
        .iter()
        .filter(|v| !v.is_hide_set())
        .map(|v| v.get_name().to_string())
        .collect();
    if !values.is_empty() && !a.is_hide_possible_values_set() {
        notes.push(format!("Values: {}.", values.join(", ")));
    }
    let defaults: Vec<String> = a
        .get_default_values()
        .iter()
        .map(|d| d.to_string_lossy().into_owned())
        .collect();
    if !defaults.is_empty() && !a.is_hide_default_value_set() {
        notes.push(format!("Default: {}.", defaults.join(",")));
    }
    if let Some(env) = a.get_env() {
        if !a.is_hide_env_set() {
            notes.push(format!("Environment: {}.", env.to_string_lossy()));
        }
    }
    if !notes.is_empty() {
        let _ = writeln!(s, ".IP\n{}", roff(&notes.join(" ")));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roff_escapes_what_groff_would_change() {
        assert_eq!(roff("--root"), "\\-\\-root");
        assert_eq!(roff("a\\b 'c' `d`"), "a\\eb \\(aqc\\(aq \\(gad\\(ga");
        assert_eq!(roff(".x\n'y"), "\\&.x\n\\&\\(aqy");
    }

    #[test]
    fn pages_have_real_synopsis_and_no_help_page() {
        let pages = man_pages();
        let names: Vec<&str> = pages.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"kforge-etcd-members-list"), "{names:?}");
        assert!(!names.iter().any(|n| n.ends_with("-help")), "{names:?}");
        assert!(!names.contains(&"kforge-generate-docs"), "{names:?}");
        let list = &pages
            .iter()
            .find(|(n, _)| n == "kforge-etcd-members-list")
            .unwrap()
            .1;
        assert!(
            list.contains(".SH SYNOPSIS\n.B kforge etcd members list\n[OPTIONS]\n"),
            "{list}"
        );
        assert!(list.contains(".SH GLOBAL OPTIONS\n"), "{list}");
        assert!(
            list.contains(".SH EXAMPLES\n.EX\nkforge etcd members list \\-o yaml\n.EE\n"),
            "{list}"
        );
        assert!(
            list.contains(".SH SEE ALSO\n\\fB\\%kforge\\-etcd\\-members\\fR(1)\n"),
            "{list}"
        );
    }
}
