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

/// Per-target metrics of uploads and remote retention (label `target`),
/// and of restore drills.
const MORE: &[(&str, &str, &str)] = &[
    (
        "kforge_snapshot_upload_last_attempt_success",
        "gauge",
        "1 if the last upload to this target succeeded, else 0.",
    ),
    (
        "kforge_snapshot_upload_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the last successful upload to this target.",
    ),
    (
        "kforge_snapshot_upload_last_success_bytes",
        "gauge",
        "Bytes stored by the last successful upload to this target.",
    ),
    (
        "kforge_snapshot_upload_last_success_duration_seconds",
        "gauge",
        "Duration of the last successful upload to this target.",
    ),
    (
        "kforge_snapshot_upload_failures_total",
        "counter",
        "Uploads to this target that failed.",
    ),
    (
        "kforge_snapshot_retention_deleted_total",
        "counter",
        "Snapshots retention deleted on this target.",
    ),
    (
        "kforge_snapshot_retention_failures_total",
        "counter",
        "Deletions retention attempted on this target that failed (e.g. no delete permission).",
    ),
    (
        "kforge_snapshot_remote_newest_verified_timestamp_seconds",
        "gauge",
        "Time the newest snapshot of this node that kforge vouches for on this target was taken (record checked; alert on time() minus this).",
    ),
    (
        "kforge_snapshot_remote_newest_verified_age_seconds",
        "gauge",
        "Age of the newest snapshot of this node that kforge vouches for on this target, when the last run ended.",
    ),
    (
        "kforge_snapshot_drill_last_attempt_timestamp_seconds",
        "gauge",
        "Unix time of the last restore drill.",
    ),
    (
        "kforge_snapshot_drill_last_attempt_success",
        "gauge",
        "1 if the last restore drill succeeded, else 0.",
    ),
    (
        "kforge_snapshot_drill_last_success_timestamp_seconds",
        "gauge",
        "Unix time of the last successful restore drill.",
    ),
    (
        "kforge_snapshot_drill_last_success_duration_seconds",
        "gauge",
        "Duration of the last successful restore drill.",
    ),
    (
        "kforge_snapshot_drill_last_success_keys",
        "gauge",
        "Keys read back by the last successful restore drill.",
    ),
    (
        "kforge_snapshot_drill_last_success_revision",
        "gauge",
        "Revision of the snapshot of the last successful restore drill.",
    ),
];

/// The values of a metrics file we wrote before, keyed by the metric name
/// with its labels (missing or unreadable: none).
fn previous(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.rsplit_once(' '))
        .map(|(k, v)| (k.to_string(), v.trim().to_string()))
        .collect()
}

/// A metric name with a `target` label, escaped as the text format says.
pub fn with_target(name: &str, target: &str) -> String {
    let v = target
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n");
    format!("{name}{{target=\"{v}\"}}")
}

fn base_name(key: &str) -> &str {
    key.split('{').next().unwrap_or(key)
}

/// The text for `values`: every metric kforge knows, with HELP and TYPE
/// once, its series sorted by label.
fn render_values(values: &BTreeMap<String, String>) -> String {
    let mut out = String::new();
    let defs = METRICS
        .iter()
        .map(|(n, h)| (*n, "gauge", *h))
        .chain(MORE.iter().copied());
    for (name, kind, help) in defs {
        let series: Vec<(&String, &String)> = values
            .iter()
            .filter(|(k, _)| base_name(k) == name)
            .collect();
        if series.is_empty() {
            continue;
        }
        out.push_str(&format!("# HELP {name} {help}\n# TYPE {name} {kind}\n"));
        for (k, v) in series {
            out.push_str(&format!("{k} {v}\n"));
        }
    }
    out
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
    render_values(&values)
}

/// Updates the metrics file atomically.
pub fn write(path: &Path, run: &RunMetrics) -> Result<()> {
    // A bare file name has an empty parent; name the directory it is in.
    let path = &std::path::absolute(path)?;
    let old = fs_err::read_to_string(path).unwrap_or_default();
    crate::node::write_atomic_local(path, render(&old, run).as_bytes(), 0o644)
}

/// One change to a metrics file: set a gauge or add to a counter.
#[derive(Debug, Clone)]
pub enum Change {
    Set(String, String),
    Add(String, u64),
}

/// Applies `changes` to the metrics file atomically (other series kept).
pub fn update(path: &Path, changes: &[Change]) -> Result<()> {
    let path = &std::path::absolute(path)?;
    let old = fs_err::read_to_string(path).unwrap_or_default();
    let mut values = previous(&old);
    for c in changes {
        match c {
            Change::Set(k, v) => {
                values.insert(k.clone(), v.clone());
            }
            Change::Add(k, n) => {
                let cur: u64 = values.get(k).and_then(|v| v.parse().ok()).unwrap_or(0);
                values.insert(k.clone(), (cur + n).to_string());
            }
        }
    }
    crate::node::write_atomic_local(path, render_values(&values).as_bytes(), 0o644)
}

/// Fails unless the metrics file's directory exists (checked before the
/// work, not found out after it).
pub fn check_dir(m: &Path) -> Result<()> {
    let parent = match m.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !parent.is_dir() {
        anyhow::bail!(
            "metrics file {}: no such directory {}",
            m.display(),
            parent.display()
        );
    }
    Ok(())
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

    #[test]
    fn target_series_keep_their_labels_and_counters_add() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("m.prom");
        let k = with_target("kforge_snapshot_retention_failures_total", "s3://b/p");
        update(&f, &[Change::Add(k.clone(), 2)]).unwrap();
        update(&f, &[Change::Add(k.clone(), 1)]).unwrap();
        let t = std::fs::read_to_string(&f).unwrap();
        assert!(
            t.contains("kforge_snapshot_retention_failures_total{target=\"s3://b/p\"} 3\n"),
            "{t}"
        );
        assert!(t.contains("# TYPE kforge_snapshot_retention_failures_total counter\n"));
        // A snapshot run keeps the target series.
        let ok = RunMetrics {
            attempt_unix: 1.0,
            success: true,
            size_bytes: None,
            duration_seconds: 1.0,
            revision: None,
        };
        assert!(render(&t, &ok).contains("{target=\"s3://b/p\"} 3\n"));
    }
}
