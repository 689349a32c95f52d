//! A rollout's journal on disk: every step event of every host, written
//! (atomically, fsynced, through a [`Node`]) before the engine goes on, so a
//! re-run after a kill, a lost connection or a power cut can see exactly
//! where each host stands and finish or undo it.
//!
//! One JSON file per kind of operation, `paths::KFORGE_JOURNAL_DIR/<op>.json`
//! on the node kforge runs on (`upgrade-apply.json`, `join.json`, …).
//! Workflows keep what they need to resume beside the events, typed: an
//! operation-wide `D` and a per-host `H` of their own (serde structs, no
//! string-keyed maps), changed with [`FileJournal::update`] and
//! [`FileJournal::update_host`], e.g. which manifest a host's backup copy is in. A run that ends cleanly removes the
//! file ([`FileJournal::finish`]); a run that finds one ([`load`]) resumes
//! from it with [`FileJournal::resume`].
//!
//! Two runs of one operation are kept apart by [`kforge_fs::lock`], not here.

use super::{Event, Journal};
use crate::node::Node;
use anyhow::{Context, Result};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// The file format's version, bumped on incompatible changes (2: typed data).
const FORMAT: u32 = 2;

/// What a workflow keeps in its journal (operation-wide or per host).
pub trait Data: Serialize + DeserializeOwned + Default + Clone + Send + 'static {}
impl<T: Serialize + DeserializeOwned + Default + Clone + Send + 'static> Data for T {}

/// Where operation `op`'s journal lives on a node.
pub fn path(op: &str) -> PathBuf {
    Path::new(crate::paths::KFORGE_JOURNAL_DIR).join(format!("{op}.json"))
}

/// What is on disk.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
#[serde(bound = "D: Data, H: Data")]
pub struct Record<D = (), H = ()> {
    pub format: u32,
    pub operation: String,
    /// RFC 3339, when the first run started.
    pub started: String,
    /// RFC 3339, the last write.
    pub updated: String,
    /// The process that wrote last (for messages only: it may be gone).
    pub pid: u32,
    /// Operation-wide data (e.g. the target version).
    #[serde(default)]
    pub data: D,
    #[serde(default)]
    pub hosts: BTreeMap<String, HostRecord<H>>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
#[serde(bound = "H: Data")]
pub struct HostRecord<H = ()> {
    #[serde(default)]
    pub steps: Vec<StepRecord>,
    #[serde(default)]
    pub data: H,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepRecord {
    pub step: String,
    pub event: Event,
    /// RFC 3339.
    pub at: String,
}

impl<D, H> Record<D, H> {
    /// A fresh record of operation `op` holding `data`, started now.
    pub fn new(op: &str, data: D) -> Self {
        let t = now();
        Record {
            format: FORMAT,
            operation: op.to_string(),
            started: t.clone(),
            updated: t,
            pid: std::process::id(),
            data,
            hosts: BTreeMap::new(),
        }
    }
}

impl<H> HostRecord<H> {
    /// The last event of `step`, if it ever started.
    pub fn last_event(&self, step: &str) -> Option<Event> {
        self.steps
            .iter()
            .rev()
            .find(|s| s.step == step)
            .map(|s| s.event)
    }

    /// Whether `step` finished (and was not undone since).
    pub fn finished(&self, step: &str) -> bool {
        self.last_event(step) == Some(Event::Finished)
    }

    /// The step that started and never ended: the run died (or lost the
    /// host) in the middle of it. Its effects are unknown; a re-run must
    /// check the host's actual state.
    pub fn in_flight(&self) -> Option<&str> {
        let last = self.steps.last()?;
        (last.event == Event::Started).then_some(last.step.as_str())
    }

    /// Steps whose last event is `Finished`, in the order they ran: what a
    /// re-run may have to undo.
    pub fn completed_steps(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for s in &self.steps {
            if !out.contains(&s.step.as_str()) && self.finished(&s.step) {
                out.push(&s.step);
            }
        }
        out
    }
}

/// Reads operation `op`'s journal, if a run left one. A file that cannot be
/// parsed is an error naming it (never silently ignored: it holds the only
/// record of a half-done change).
pub fn load<D: Data, H: Data>(node: &dyn Node, op: &str) -> Result<Option<Record<D, H>>> {
    let p = path(op);
    let Some(bytes) = node.read(&p)? else {
        return Ok(None);
    };
    // The format first: an older kforge's journal is named as such, not as damaged.
    #[derive(Deserialize)]
    struct Head {
        format: u32,
    }
    if let Ok(h) = serde_json::from_slice::<Head>(&bytes) {
        anyhow::ensure!(
            h.format == FORMAT,
            "{}: journal format {} is not {FORMAT} (written by another kforge version): finish or undo that run with the kforge that wrote it",
            node.real_path(&p).display(),
            h.format
        );
    }
    let rec: Record<D, H> = serde_json::from_slice(&bytes).with_context(|| {
        format!(
            "{}: not a kforge journal (or a damaged one); it records a change that did not finish, \
             move it away only once you checked the node by hand",
            node.real_path(&p).display()
        )
    })?;
    Ok(Some(rec))
}

/// A journal being written. Every change is on disk before the call returns.
pub struct FileJournal<D = (), H = ()> {
    node: Arc<dyn Node>,
    path: PathBuf,
    state: Mutex<State<D, H>>,
}

struct State<D, H> {
    record: Record<D, H>,
    /// The first write that failed (the engine's hook cannot return errors).
    error: Option<String>,
}

fn now() -> String {
    crate::output::rfc3339_ms(OffsetDateTime::now_utc())
}

impl<D: Data, H: Data> FileJournal<D, H> {
    /// Starts a new journal for `op`, replacing none: fails if one exists
    /// (a re-run must [`load`] and [`FileJournal::resume`] it instead).
    pub fn create(node: Arc<dyn Node>, op: &str, data: D) -> Result<Self> {
        let p = path(op);
        anyhow::ensure!(
            !node.exists(&p)?,
            "{}: an earlier kforge {op} did not finish; re-run it to resume, or check the node",
            node.real_path(&p).display()
        );
        let j = FileJournal::resume(node, Record::new(op, data));
        j.persist()?;
        Ok(j)
    }

    /// Goes on writing a journal a previous run left (from [`load`]).
    pub fn resume(node: Arc<dyn Node>, record: Record<D, H>) -> Self {
        FileJournal {
            path: path(&record.operation),
            node,
            state: Mutex::new(State {
                record,
                error: None,
            }),
        }
    }

    /// A copy of what is recorded.
    pub fn record(&self) -> Record<D, H> {
        self.lock().record.clone()
    }

    /// Changes the operation-wide data, and writes it.
    pub fn update(&self, f: impl FnOnce(&mut D)) -> Result<()> {
        f(&mut self.lock().record.data);
        self.persist()
    }

    /// Changes one host's data, and writes it.
    pub fn update_host(&self, host: &str, f: impl FnOnce(&mut H)) -> Result<()> {
        f(&mut self
            .lock()
            .record
            .hosts
            .entry(host.to_string())
            .or_default()
            .data);
        self.persist()
    }

    /// Where the journal is (real path), for messages.
    pub fn shown_path(&self) -> String {
        self.shown()
    }

    /// The first failed write, if any: a journal that could not be written
    /// is a failed run (the caller reports it; it must not claim a re-run
    /// can resume).
    pub fn write_error(&self) -> Option<String> {
        self.lock().error.clone()
    }

    /// Ends the journal: the operation finished (or was fully undone).
    pub fn finish(&self) -> Result<()> {
        if let Some(e) = self.write_error() {
            anyhow::bail!("the journal {} could not be written: {e}", self.shown());
        }
        self.node.remove(&self.path)
    }

    fn shown(&self) -> String {
        self.node.real_path(&self.path).display().to_string()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<D, H>> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Writes the whole record (small: events of a few steps per host).
    /// The lock is held while writing so the file never goes back in time.
    fn persist(&self) -> Result<()> {
        let mut st = self.lock();
        st.record.updated = now();
        st.record.pid = std::process::id();
        let bytes = serde_json::to_vec_pretty(&st.record)?;
        let r = self
            .node
            .write_atomic(&self.path, &bytes, 0o600)
            .with_context(|| format!("writing the journal {}", self.shown()));
        if let Err(e) = &r {
            st.error.get_or_insert_with(|| format!("{e:#}"));
        }
        r
    }
}

impl<D: Data + Sync, H: Data + Sync> Journal for FileJournal<D, H> {
    fn record(&self, host: &str, step: &str, event: Event) {
        {
            let mut st = self.lock();
            st.record
                .hosts
                .entry(host.to_string())
                .or_default()
                .steps
                .push(StepRecord {
                    step: step.to_string(),
                    event,
                    at: now(),
                });
        }
        // A failed write is kept in `error` by persist.
        let _ = self.persist();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;

    fn node(dir: &Path) -> Arc<dyn Node> {
        Arc::new(LocalNode::new(Some(dir.to_path_buf())))
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Op {
        target: String,
    }

    #[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
    struct Host {
        backup: Option<PathBuf>,
    }

    #[test]
    fn events_are_on_disk_and_a_rerun_sees_the_step_in_flight() {
        let dir = tempfile::tempdir().unwrap();
        let n = node(dir.path());
        let j: FileJournal<Op, Host> =
            FileJournal::create(n.clone(), "upgrade-apply", Op::default()).unwrap();
        j.update(|d| d.target = "v1.32.0".into()).unwrap();
        Journal::record(&j, "cp1", "etcd", Event::Started);
        Journal::record(&j, "cp1", "etcd", Event::Finished);
        j.update_host("cp1", |h| h.backup = Some("/x/etcd.yaml".into()))
            .unwrap();
        Journal::record(&j, "cp1", "kube-apiserver", Event::Started);
        drop(j); // killed here

        let rec: Record<Op, Host> = load(n.as_ref(), "upgrade-apply").unwrap().unwrap();
        assert_eq!(rec.data.target, "v1.32.0");
        let h = &rec.hosts["cp1"];
        assert!(h.finished("etcd"));
        assert_eq!(h.in_flight(), Some("kube-apiserver"));
        assert_eq!(h.completed_steps(), vec!["etcd"]);
        assert_eq!(h.data.backup.as_deref(), Some(Path::new("/x/etcd.yaml")));
        let file = dir
            .path()
            .join(path("upgrade-apply").strip_prefix("/").unwrap());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );

        // A second create refuses to overwrite the record; resume goes on.
        assert!(
            FileJournal::<Op, Host>::create(n.clone(), "upgrade-apply", Op::default()).is_err()
        );
        let j = FileJournal::resume(n.clone(), rec);
        Journal::record(&j, "cp1", "kube-apiserver", Event::Failed);
        Journal::record(&j, "cp1", "etcd", Event::Undone);
        let h = j.record().hosts["cp1"].clone();
        assert_eq!(h.in_flight(), None);
        assert!(!h.finished("etcd"));
        j.finish().unwrap();
        assert!(load::<Op, Host>(n.as_ref(), "upgrade-apply")
            .unwrap()
            .is_none());
        assert!(!file.exists());
    }

    #[test]
    fn a_damaged_journal_is_an_error_naming_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let n = node(dir.path());
        n.write_atomic(&path("join"), b"{not json", 0o600).unwrap();
        let err = format!("{:#}", load::<(), ()>(n.as_ref(), "join").unwrap_err());
        assert!(err.contains("kforge-journal/join.json"), "{err}");
        assert!(err.contains("not a kforge journal"), "{err}");
    }
}
