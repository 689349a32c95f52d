//! The health report for people (table), scripts (json/yaml) and CI (JUnit XML).

use super::{Check, Status};
use crate::output::{write_table, Render};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthReport {
    pub node: String,
    pub healthy: bool,
    pub status: Status,
    pub checks: Vec<Check>,
}

impl Render for HealthReport {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let rows: Vec<Vec<String>> = self
            .checks
            .iter()
            .map(|c| {
                vec![
                    c.target.clone(),
                    c.name.clone(),
                    c.status.as_str().to_string(),
                    c.message.clone(),
                ]
            })
            .collect();
        write_table(out, &["TARGET", "CHECK", "STATUS", "DETAIL"], &rows)?;
        let hints: Vec<&Check> = self.checks.iter().filter(|c| c.hint.is_some()).collect();
        if !hints.is_empty() {
            writeln!(out)?;
            for c in hints {
                writeln!(
                    out,
                    "{} {}: {}",
                    c.target,
                    c.name,
                    c.hint.as_deref().unwrap_or_default()
                )?;
            }
        }
        writeln!(
            out,
            "\n{}: {}",
            self.node,
            match self.status {
                Status::Fail => "UNHEALTHY",
                Status::Error => "NOT CHECKED (could not run every check)",
                _ => "healthy",
            }
        )
    }

    fn render_junit(&self, out: &mut dyn Write) -> Option<std::io::Result<()>> {
        Some(junit(self, out))
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            // XML 1.0 forbids most control characters even escaped.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => o.push('?'),
            c => o.push(c),
        }
    }
    o
}

/// One testsuite per target, one testcase per check; warnings pass but are
/// reported in system-out, skipped checks are `<skipped/>`.
fn junit(r: &HealthReport, out: &mut dyn Write) -> std::io::Result<()> {
    let mut targets: Vec<&str> = r.checks.iter().map(|c| c.target.as_str()).collect();
    targets.dedup();
    let failures = r.checks.iter().filter(|c| c.status == Status::Fail).count();
    let count = |cs: &[&Check], st: Status| cs.iter().filter(|c| c.status == st).count();
    let all: Vec<&Check> = r.checks.iter().collect();
    let skipped = count(&all, Status::Skipped);
    let errors = count(&all, Status::Error);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="kforge health {}" tests="{}" failures="{failures}" errors="{errors}" skipped="{skipped}">"#,
        esc(&r.node),
        r.checks.len()
    )?;
    for t in targets {
        let cs: Vec<&Check> = r.checks.iter().filter(|c| c.target == t).collect();
        let secs: f64 = cs.iter().map(|c| c.duration_seconds).fold(0.0, f64::max);
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{}" failures="{}" errors="{}" skipped="{}" time="{secs:.3}">"#,
            esc(t),
            cs.len(),
            count(&cs, Status::Fail),
            count(&cs, Status::Error),
            count(&cs, Status::Skipped)
        )?;
        for c in cs {
            write!(
                out,
                r#"    <testcase classname="kforge.health.{}" name="{}" time="{:.3}">"#,
                esc(t),
                esc(&c.name),
                c.duration_seconds
            )?;
            let detail = match &c.hint {
                Some(h) => format!("{}\nhint: {h}", c.message),
                None => c.message.clone(),
            };
            match c.status {
                Status::Fail => write!(
                    out,
                    r#"<failure message="{}">{}</failure>"#,
                    esc(&c.message),
                    esc(&detail)
                )?,
                Status::Error => write!(
                    out,
                    r#"<error message="{}">{}</error>"#,
                    esc(&c.message),
                    esc(&detail)
                )?,
                Status::Skipped => write!(out, r#"<skipped message="{}"/>"#, esc(&c.message))?,
                Status::Warn => write!(out, "<system-out>warning: {}</system-out>", esc(&detail))?,
                Status::Ok => write!(out, "<system-out>{}</system-out>", esc(&c.message))?,
            }
            writeln!(out, "</testcase>")?;
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")
}
