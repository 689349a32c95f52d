//! One place that decides how results reach the user: `-o table|json|yaml`,
//! quiet/verbose, and whether progress may draw (only when stderr is a TTY).
//!
//! Commands never print or build progress bars themselves: results go
//! through [`Printer::emit`] or [`Printer::out`] (stdout), human status and
//! warnings through [`Printer::status`] / [`Printer::warn`] (stderr), and
//! progress through the bars the printer hands out, which draw on stderr
//! only when it is a terminal and `-q` is not given (otherwise there is no
//! bar at all, so piped output and cron logs stay clean).

use anyhow::Result;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// Times in JSON/YAML results: RFC 3339, UTC, milliseconds
/// (`2026-12-07T04:38:11.250Z`). (`certs check-expiration` keeps kubeadm's
/// own whole seconds.)
pub fn rfc3339_ms(t: time::OffsetDateTime) -> String {
    const F: &[time::format_description::FormatItem<'static>] = time::macros::format_description!(
        "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
    );
    t.to_offset(time::UtcOffset::UTC)
        .format(F)
        .unwrap_or_default()
}

/// The one size style of tables and messages: binary units with one decimal
/// ("512 B", "53.2 KiB", "298.3 MiB"), as kubectl and etcd users read them.
/// JSON and YAML carry exact byte counts instead.
pub fn human_size(n: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = n as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{n} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    #[default]
    Table,
    Json,
    Yaml,
    /// JUnit XML, so CI systems show each check as a test case.
    // Only `health` offers it: its own `-o` lists it (cli::command); every
    // other command's help, value list and completion leave it out, and
    // refuse it before running (exit 2).
    #[value(hide = true)]
    Junit,
}

/// A warning on stderr, even with `-q`: what [`Printer::warn`] prints, for
/// code far below the command that has no printer (a stale temporary file
/// removed inside a download, a metrics file that could not be written
/// after the uploads). A warning depends on no setting of the printer
/// (`-q` and `-o` never hide it), so a process-wide function is the same
/// printer without threading it through every layer. Not `tracing`: its
/// level filter is the user's to change (`KFORGE_LOG`), a warning is not.
pub fn warn(msg: impl AsRef<str>) {
    eprintln!("warning: {}", msg.as_ref());
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
    /// Whether `-o json|yaml` adds the production time ([`GENERATED`]).
    /// Only documents in another tool's schema (kubeadm's
    /// `CertificateExpirationInfo`, with `apiVersion` and `kind`) say no.
    fn stamped(&self) -> bool {
        true
    }
}

/// The key under which every JSON/YAML result carries the time it was
/// produced (RFC 3339, UTC, milliseconds), added by [`Printer::emit`].
pub const GENERATED: &str = "generated";

/// A result with its production time first. `flatten` only takes structs
/// and maps, so a result that is not an object fails here instead of
/// reaching a script as a bare array.
#[derive(Serialize)]
struct Stamped<'a, T: Serialize> {
    generated: String,
    #[serde(flatten)]
    value: &'a T,
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
        // Rendered whole first, so that a closed stdout is told apart from
        // a failure to render.
        let mut out = Vec::new();
        let stamped = Stamped {
            generated: rfc3339_ms(time::OffsetDateTime::now_utc()),
            value,
        };
        match self.format {
            Format::Table => {
                if !self.quiet {
                    value.render_table(&mut out)?;
                }
            }
            // Pretty for people, one line for scripts and cron logs.
            Format::Json | Format::Yaml => self.write_data(&mut out, &stamped, value)?,
            Format::Junit => match value.render_junit(&mut out) {
                Some(r) => r?,
                None => {
                    return Err(crate::exit::usage(
                        "-o junit is only available for kforge health",
                    ))
                }
            },
        }
        write_stdout(&out)
    }

    /// JSON (pretty for people, one line for scripts and cron logs) or
    /// YAML of `value`, stamped unless it is another tool's document.
    fn write_data<T: Serialize + Render>(
        &self,
        out: &mut Vec<u8>,
        stamped: &Stamped<'_, T>,
        value: &T,
    ) -> Result<()> {
        fn write<S: Serialize>(format: Format, out: &mut Vec<u8>, v: &S) -> Result<()> {
            match format {
                Format::Yaml => write!(out, "{}", serde_yaml_ng::to_string(v)?)?,
                _ if std::io::stdout().is_terminal() => {
                    serde_json::to_writer_pretty(&mut *out, v)?;
                    writeln!(out)?;
                }
                _ => {
                    serde_json::to_writer(&mut *out, v)?;
                    writeln!(out)?;
                }
            }
            Ok(())
        }
        if value.stamped() {
            write(self.format, out, stamped)
        } else {
            write(self.format, out, value)
        }
    }

    /// Raw text on stdout (a generated file, a command line): no format
    /// applies, and `-q` does not hide it (it is the result).
    pub fn out(&self, text: impl AsRef<str>) -> Result<()> {
        write_stdout(text.as_ref().as_bytes())
    }

    /// A human progress line on stderr (suppressed by `-q` and for json/yaml
    /// on stdout, which scripts parse).
    pub fn status(&self, msg: impl AsRef<str>) {
        if !self.quiet {
            eprintln!("{}", msg.as_ref());
        }
    }

    /// A diagnostic line on stderr as it is (e.g. a preflight
    /// `[WARNING …]`/`[ERROR …]` line): warnings and errors, so even with `-q`.
    pub fn diag(&self, msg: impl AsRef<str>) {
        eprintln!("{}", msg.as_ref());
    }

    /// The summary of a result that is a failure (after the report was
    /// printed), as the `error:` line the exit status goes with; even with `-q`.
    pub fn error(&self, msg: impl AsRef<str>) {
        eprintln!("error: {}", msg.as_ref());
    }

    /// A warning on stderr, even with `-q` (see [`warn`]).
    pub fn warn(&self, msg: impl AsRef<str>) {
        warn(msg);
    }

    /// Whether progress bars may draw.
    pub fn progress_enabled(&self) -> bool {
        !self.quiet && std::io::stderr().is_terminal()
    }

    /// A byte-count progress bar on stderr (`{verb} 12 MiB/300 MiB …`), or
    /// `None` when progress may not draw. Set its length when known.
    pub fn progress_bytes(&self, verb: &str) -> Option<ProgressBar> {
        self.progress_enabled().then(|| {
            let pb = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
            pb.set_style(
                ProgressStyle::with_template(&format!(
                    "{{spinner}} {verb} {{bytes}}/{{total_bytes}} {{bytes_per_sec}} {{eta}}"
                ))
                .expect("static template"),
            );
            pb
        })
    }

    /// A ticking spinner with a message on stderr, or `None`.
    pub fn spinner(&self, msg: impl Into<String>) -> Option<ProgressBar> {
        self.progress_enabled().then(|| {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            pb.set_style(ProgressStyle::with_template("{spinner} {msg}").expect("static template"));
            pb.set_message(msg.into());
            pb.enable_steady_tick(TICK);
            pb
        })
    }

    /// One spinner line per name (e.g. per host), drawn together on
    /// stderr, or `None`.
    pub fn spinners<S: AsRef<str>>(&self, names: &[S]) -> Option<Vec<ProgressBar>> {
        self.progress_enabled().then(|| {
            let width = names
                .iter()
                .map(|n| n.as_ref().len())
                .max()
                .unwrap_or(0)
                .min(40);
            let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
            let style =
                ProgressStyle::with_template(&format!("{{spinner}} {{prefix:<{width}}} {{msg}}"))
                    .expect("static template");
            names
                .iter()
                .map(|n| {
                    let b = multi.add(ProgressBar::new_spinner());
                    b.set_style(style.clone());
                    b.set_prefix(n.as_ref().to_string());
                    b.enable_steady_tick(TICK);
                    b
                })
                .collect()
        })
    }

    /// Whether output may be coloured: a terminal, and `NO_COLOR` unset
    /// (<https://no-color.org>).
    pub fn color(&self) -> bool {
        color_allowed(
            std::env::var_os("NO_COLOR").as_deref(),
            std::io::stdout().is_terminal(),
        )
    }

    /// Whether stderr (logs, warnings, progress) may be coloured.
    pub fn stderr_color() -> bool {
        color_allowed(
            std::env::var_os("NO_COLOR").as_deref(),
            std::io::stderr().is_terminal(),
        )
    }
}

/// Writes to stdout; a reader that went away becomes [`StdoutClosed`].
fn write_stdout(bytes: &[u8]) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(crate::exit::StdoutClosed))
        }
        r => Ok(r?),
    }
}

const TICK: std::time::Duration = std::time::Duration::from_millis(120);

/// Colour only on a terminal, and never when `NO_COLOR` is set to anything
/// but the empty string.
pub fn color_allowed(no_color: Option<&std::ffi::OsStr>, terminal: bool) -> bool {
    terminal && no_color.is_none_or(|v| v.is_empty())
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

/// A progress bar as the `etcd_format` crate's progress sink.
pub struct BarProgress<'a>(pub &'a ProgressBar);

impl etcd_format::Progress for BarProgress<'_> {
    fn set_length(&self, total: u64) {
        self.0.set_length(total);
    }
    fn set_position(&self, done: u64) {
        self.0.set_position(done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_progress_when_quiet_or_not_a_terminal() {
        // Test runs have stderr captured (not a terminal): never a bar.
        let p = Printer::new(Format::Table, false, 0);
        if !std::io::stderr().is_terminal() {
            assert!(p.progress_bytes("saving").is_none());
            assert!(p.spinner("waiting").is_none());
            assert!(p.spinners(&["a", "b"]).is_none());
        }
        let q = Printer::new(Format::Table, true, 0);
        assert!(q.progress_bytes("saving").is_none());
        assert!(q.spinner("waiting").is_none());
    }

    #[test]
    fn results_are_stamped_objects_and_a_bare_array_is_refused() {
        #[derive(Serialize)]
        #[serde(rename_all = "camelCase")]
        struct R {
            size_bytes: u64,
        }
        let t = time::macros::datetime!(2026-12-07 04:38:11.25 UTC);
        let v = serde_json::to_value(Stamped {
            generated: rfc3339_ms(t),
            value: &R { size_bytes: 1 },
        })
        .unwrap();
        assert_eq!(
            v,
            serde_json::json!({"generated": "2026-12-07T04:38:11.250Z", "sizeBytes": 1})
        );
        let bare = serde_json::to_value(Stamped {
            generated: rfc3339_ms(t),
            value: &vec![1, 2],
        });
        assert!(bare.is_err(), "{bare:?}");
    }

    #[test]
    fn colour_only_on_a_terminal_and_never_with_no_color() {
        use std::ffi::OsStr;
        assert!(color_allowed(None, true));
        assert!(!color_allowed(None, false));
        assert!(!color_allowed(Some(OsStr::new("1")), true));
        assert!(color_allowed(Some(OsStr::new("")), true));
    }
}
