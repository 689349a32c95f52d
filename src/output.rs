//! One place that decides how results reach the user: `-o table|json|yaml`,
//! quiet/verbose, and whether progress may draw (only when stderr is a TTY).

use anyhow::Result;
use serde::Serialize;
use std::io::{IsTerminal, Write};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
    /// JUnit XML (health only), so CI systems show each check as a test case.
    Junit,
}

#[derive(Debug, Clone)]
pub struct Printer {
    pub format: Format,
    pub quiet: bool,
    pub verbose: u8,
}

/// Something that can print itself for humans.
pub trait Render {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()>;
    /// JUnit XML, for results that are a list of checks; `None` elsewhere.
    fn render_junit(&self, _out: &mut dyn Write) -> Option<std::io::Result<()>> {
        None
    }
}

impl Printer {
    pub fn new(format: Format, quiet: bool, verbose: u8) -> Self {
        Printer {
            format,
            quiet,
            verbose,
        }
    }

    /// Prints a result in the chosen format on stdout.
    pub fn emit<T: Serialize + Render>(&self, value: &T) -> Result<()> {
        let stdout = std::io::stdout();
        let mut out = stdout.lock();
        match self.format {
            Format::Table => {
                if !self.quiet {
                    value.render_table(&mut out)?;
                }
            }
            // Pretty for people, one line for scripts and cron logs.
            Format::Json if std::io::stdout().is_terminal() => {
                serde_json::to_writer_pretty(&mut out, value)?;
                writeln!(out)?;
            }
            Format::Json => {
                serde_json::to_writer(&mut out, value)?;
                writeln!(out)?;
            }
            Format::Yaml => write!(out, "{}", serde_yaml_ng::to_string(value)?)?,
            Format::Junit => match value.render_junit(&mut out) {
                Some(r) => r?,
                None => {
                    return Err(crate::exit::usage(
                        "-o junit is only available for kforge health",
                    ))
                }
            },
        }
        out.flush()?;
        Ok(())
    }

    /// A human progress line on stderr (suppressed by `-q` and for json/yaml
    /// on stdout, which scripts parse).
    pub fn status(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A warning on stderr, even with `-q`.
    pub fn warn(&self, msg: impl AsRef<str>) {
        eprintln!("warning: {}", msg.as_ref());
    }

    /// Whether progress bars may draw.
    pub fn progress_enabled(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    pub fn color(&self) -> bool {
        std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
    }
}

/// Left-aligned columns separated by two spaces, like kubectl.
pub fn write_table(
    out: &mut dyn Write,
    header: &[&str],
    rows: &[Vec<String>],
) -> std::io::Result<()> {
    let mut widths: Vec<usize> = header.iter().map(|h| h.len()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate() {
            if i < widths.len() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
    }
    let line = |out: &mut dyn Write, cells: Vec<&str>| -> std::io::Result<()> {
        let n = cells.len();
        let mut s = String::new();
        for (i, c) in cells.into_iter().enumerate() {
            s.push_str(c);
            if i + 1 < n {
                s.push_str(&" ".repeat(widths[i] - c.chars().count() + 2));
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, header.to_vec())?;
    for r in rows {
        line(out, r.iter().map(String::as_str).collect())?;
    }
    Ok(())
}
