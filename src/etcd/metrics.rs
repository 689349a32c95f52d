//! Prometheus textfile-collector metrics for snapshot runs. A failed run
//! keeps the last success's values, so an alert on
//! `time() - kforge_snapshot_last_success_timestamp_seconds` fires when
//! backups silently stop.

use anyhow::Result;
use std::collections::BTreeMap;
use std::path::Path;

/// What one run reports.
#[derive(Debug, Clone)]
pub struct RunMetrics {
    pub attempt_unix: f64,
    pub success: bool,
    pub size_bytes: Option<u64>,
    pub duration_seconds: f64,
    pub revision: Option<i64>,
}

const METRICS: &[(&str, &str)] = &[
    (
        "kforge_snapshot_last_attempt_timestamp_seconds",
        "Unix time of the last snapshot attempt.",
    ),
    (
        "kforge_snapshot_last_attempt_success",
        "1 if the last snapshot attempt succeeded, else 0.",
    ),
    (
        "kforge_snapshot_last_success_timestamp_seconds",
        "Unix time of the last successful snapshot.",
    ),
    (
        "kforge_snapshot_last_success_size_bytes",
        "Size of the last successful snapshot.",
    ),
    (
        "kforge_snapshot_last_success_duration_seconds",
        "Duration of the last successful snapshot.",
    ),
    (
        "kforge_snapshot_last_success_revision",
        "etcd revision in the last successful snapshot.",
    ),
];

/// Reads the values of a metrics file we wrote before (missing or
/// unreadable: none).
fn previous(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once(' '))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

/// The file's new text after `run`.
pub fn render(old: &str, run: &RunMetrics) -> String {
    let mut values = previous(old);
    let mut set = |k: &str, v: String| {
        values.insert(k.to_string(), v);
    };
    set(
        "kforge_snapshot_last_attempt_timestamp_seconds",
        format!("{:.3}", run.attempt_unix),
    );
    set(
        "kforge_snapshot_last_attempt_success",
        u8::from(run.success).to_string(),
    );
    if run.success {
        set(
            "kforge_snapshot_last_success_timestamp_seconds",
            format!("{:.3}", run.attempt_unix),
        );
        set(
            "kforge_snapshot_last_success_duration_seconds",
            format!("{:.3}", run.duration_seconds),
        );
        if let Some(s) = run.size_bytes {
            set("kforge_snapshot_last_success_size_bytes", s.to_string());
        }
        if let Some(r) = run.revision {
            set("kforge_snapshot_last_success_revision", r.to_string());
        }
    }
    let mut out = String::new();
    for (name, help) in METRICS {
        if let Some(v) = values.get(*name) {
            out.push_str(&format!(
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {v}\n"
            ));
        }
    }
    out
}

/// Updates the metrics file atomically.
pub fn write(path: &Path, run: &RunMetrics) -> Result<()> {
    let old = std::fs::read_to_string(path).unwrap_or_default();
    crate::node::write_atomic_local(path, render(&old, run).as_bytes(), 0o644)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_keeps_the_last_success() {
        let ok = RunMetrics {
            attempt_unix: 1000.0,
            success: true,
            size_bytes: Some(4096),
            duration_seconds: 1.5,
            revision: Some(7),
        };
        let t1 = render("", &ok);
        assert!(
            t1.contains("kforge_snapshot_last_success_timestamp_seconds 1000.000\n"),
            "{t1}"
        );
        let failed = RunMetrics {
            attempt_unix: 2000.0,
            success: false,
            size_bytes: None,
            duration_seconds: 0.1,
            revision: None,
        };
        let t2 = render(&t1, &failed);
        assert!(
            t2.contains("kforge_snapshot_last_attempt_success 0\n"),
            "{t2}"
        );
        assert!(
            t2.contains("kforge_snapshot_last_attempt_timestamp_seconds 2000.000\n"),
            "{t2}"
        );
        assert!(
            t2.contains("kforge_snapshot_last_success_timestamp_seconds 1000.000\n"),
            "{t2}"
        );
        assert!(
            t2.contains("kforge_snapshot_last_success_revision 7\n"),
            "{t2}"
        );
        assert_eq!(t2.matches("# TYPE").count(), 6);
    }
}
