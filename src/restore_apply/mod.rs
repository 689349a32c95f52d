//! The Kubernetes-aware `snapshot restore` (a workflow over
//! [`etcd_format::restore`]): it reads the member from kubeadm's
//! `etcd.yaml`, restores into a new directory next to the old one (which is
//! kept), and with `--apply` points the manifest at it the way kubeadm's
//! documented procedure does by hand: manifest moved out, etcd stopped by
//! the kubelet, manifest written back.
//!
//! It lives above the etcd domain because it changes a live node through
//! static pods, the ledger and manifests, none of which `etcd` may import.
//!
//! - [`target`]: the member and the new data dir, read from `etcd.yaml`;
//! - [`manifest`]: the rewrite of `etcd.yaml` for the new data dir;
//! - `apply`: the switch, safe against SIGINT/SIGTERM ([`crate::interrupt`]);
//! - [`journal`]: the record of an in-flight switch that lets the next run
//!   finish or undo it; [`pending_restore`] is what `kforge health` (its
//!   cli layer, to keep the layering) can call to report one;
//! - [`copies`]: the ledger of restore copies and the cleanup rule.

mod apply;
pub mod copies;
pub mod journal;
pub mod manifest;
pub mod target;

pub use journal::{pending_restore, PendingRestore};
pub use target::{etcd_manifest, kube_target, stamp, KubeTarget};

use crate::interrupt::Interrupted;
use crate::node::{LocalNode, Node};
use crate::output::Printer;
use crate::rollout::runner::Operation;
use anyhow::{anyhow, Context, Result};
use etcd_format::restore::{self, Restored};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use time::OffsetDateTime;

/// The bump the Kubernetes-aware mode applies unless told otherwise: far
/// more revisions than a cluster writes between a snapshot and its restore.
pub const KUBERNETES_BUMP: u64 = 1_000_000_000;

/// A Kubernetes-aware restore, as asked for.
#[derive(Debug, Clone)]
pub struct Request {
    pub snapshot: PathBuf,
    pub skip_hash_check: bool,
    pub bump_revision: Option<u64>,
    /// Whether the bump is [`KUBERNETES_BUMP`] by default (for the report).
    pub default_bump: bool,
    pub apply: bool,
    /// With `apply`: how long to wait for the kubelet to stop etcd.
    pub stop_timeout: Duration,
}

/// A journal an earlier, interrupted `--apply` left, and what this run did
/// with it.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SettledJournal {
    pub found: String,
    pub resolution: journal::Resolution,
}

/// What the Kubernetes-aware mode adds to the report.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct KubernetesOut {
    pub manifest: PathBuf,
    pub old_data_dir: PathBuf,
    /// Whether `--bump-revision 1000000000 --mark-compacted` was applied by
    /// default.
    pub default_bump: bool,
    pub applied: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest_backup: Option<PathBuf>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub settled_journal: Option<SettledJournal>,
    /// The restore copies beside the data dir and what the cleanup rule
    /// did with each ([`copies`]).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub restore_copies: Vec<copies::CopyOut>,
    pub next_steps: Vec<String>,
}

/// Restores beside etcd's data dir and, with `apply`, repoints etcd.
pub fn run(
    node: &LocalNode,
    req: &Request,
    p: &Printer,
    progress: Option<&indicatif::ProgressBar>,
) -> Result<(Restored, KubernetesOut)> {
    let mut op = None;
    let mut settled = None;
    if req.apply {
        // The runner: signals caught before anything else (the restore
        // writes a copy of the data first), then one --apply at a time
        // (the journal directory locked: exit 4); a journal found under the
        // lock belongs to a run that died.
        let begun: Operation<journal::Journal> = Operation::begin_locking(
            Arc::new(node.clone()),
            journal::OPERATION,
            "snapshot restore --apply",
            format!("kforge snapshot restore {} --apply", req.snapshot.display()),
            Path::new(crate::paths::KFORGE_JOURNAL_DIR),
        )?;
        op = Some(begun);
        settled = settle_pending(node, p)?;
    }
    let t = read_target(node)?;
    if let (false, Some(pending)) = (req.apply, pending_restore(node)?) {
        p.warn(format!(
            "{}; the next `snapshot restore --apply` settles it",
            pending.describe(node)
        ));
    }
    let cluster = restore::resolve_cluster(&t.flags)
        .map_err(|e| anyhow!("{}: {e}", node.real_path(&t.manifest).display()))?;
    let opts = restore::Options {
        snapshot: req.snapshot.clone(),
        data_dir: node.real_path(&t.new_data_dir),
        wal_dir: None,
        cluster,
        skip_hash_check: req.skip_hash_check,
        bump_revision: req.bump_revision,
    };
    let restored = restore::restore(
        &opts,
        progress
            .map(crate::output::BarProgress)
            .as_ref()
            .map(|b| b as &dyn etcd_format::Progress),
    )?;
    copies::record(node, &t.new_data_dir)?;
    let backup = if req.apply {
        let op = op
            .as_ref()
            .ok_or_else(|| anyhow!("--apply without its lock"))?;
        Some(apply(op, node, &t, req, p, &restored)?)
    } else {
        None
    };
    let k = KubernetesOut {
        manifest: node.real_path(&t.manifest),
        old_data_dir: node.real_path(&t.old_data_dir),
        default_bump: req.default_bump,
        applied: req.apply,
        manifest_backup: backup,
        settled_journal: settled,
        restore_copies: copies::clean(node, &roles(&t, req.apply))?,
        next_steps: next_steps(node, &t, req.apply),
    };
    Ok((restored, k))
}

/// The cleanup rule's view of this run ([`copies`]).
fn roles(t: &KubeTarget, applied: bool) -> copies::Roles<'_> {
    copies::Roles {
        live: if applied {
            &t.new_data_dir
        } else {
            &t.old_data_dir
        },
        previous: applied.then_some(t.old_data_dir.as_path()),
        new: (!applied).then_some(t.new_data_dir.as_path()),
        delete: applied,
    }
}

/// The `--apply` step; an interruption stays one line (exit 130/143).
fn apply(
    op: &Operation<journal::Journal>,
    node: &LocalNode,
    t: &KubeTarget,
    req: &Request,
    p: &Printer,
    restored: &Restored,
) -> Result<PathBuf> {
    p.status(format!(
        "Stopping etcd: moving {} to {}, then waiting up to {}s for etcd to stop",
        node.real_path(&t.manifest).display(),
        node.real_path(&t.manifest_backup()).display(),
        req.stop_timeout.as_secs()
    ));
    // A second signal from here on names the journal and the step in flight.
    op.journal_written();
    let untouched = || {
        format!(
            "nothing was changed; the restored copy {} is kept (a later successful --apply removes it)",
            restored.data_dir.display()
        )
    };
    let switched = op.step("switch-manifest", untouched, || {
        apply::apply_manifest(node, t, req.stop_timeout)
    });
    let backup = switched.map_err(|e| {
        if e.downcast_ref::<Interrupted>().is_some() {
            return e;
        }
        e.context(format!(
            "the snapshot was restored into {}, but pointing etcd at it failed",
            restored.data_dir.display()
        ))
    })?;
    apply::finished_despite_signal(node, t)?;
    Ok(backup)
}

/// Finishes or undoes what an interrupted `--apply` left (see
/// [`journal`]), saying which.
fn settle_pending(node: &LocalNode, p: &Printer) -> Result<Option<SettledJournal>> {
    let Some(pending) = pending_restore(node)? else {
        return Ok(None);
    };
    let found = pending.describe(node);
    let resolution = journal::resolve(node, &pending)?;
    let done = match resolution {
        journal::Resolution::Undone => "undone: the original manifest is back in place",
        journal::Resolution::AlreadyUndone => {
            "nothing to put back: the original manifest was in place; journal closed"
        }
        journal::Resolution::Finished => "finished: the new manifest was in place; journal closed",
    };
    p.status(format!("Found {found}. {done}."));
    Ok(Some(SettledJournal { found, resolution }))
}

/// [`kube_target`], saying where the manifest went when it is missing.
fn read_target(node: &LocalNode) -> Result<KubeTarget> {
    let manifest = etcd_manifest();
    if !node.exists(&manifest)? {
        if let Some(where_) = where_is_the_manifest(node)? {
            anyhow::bail!(
                "{}: etcd's static pod manifest is missing: {where_}",
                node.real_path(&manifest).display()
            );
        }
    }
    kube_target(node, OffsetDateTime::now_utc()).context(
        "without --data-dir, restore works from etcd's static pod manifest (a kubeadm node)",
    )
}

/// Where an earlier `--apply` left etcd's manifest, if it did.
fn where_is_the_manifest(node: &LocalNode) -> Result<Option<String>> {
    if let Some(p) = pending_restore(node)? {
        return Ok(Some(format!(
            "{}. Run `kforge snapshot restore --apply` again to put it back and restore, or put it back by hand: mv {} {}",
            p.describe(node),
            node.real_path(&p.journal.manifest_backup).display(),
            node.real_path(&p.journal.manifest).display()
        )));
    }
    let tmp = Path::new(crate::paths::KUBERNETES_TMP);
    let kept: Vec<String> = node
        .list_dir(tmp)?
        .into_iter()
        .filter(|n| n.starts_with(target::BACKUP_DIR_PREFIX))
        .map(|n| tmp.join(n).join(target::manifest_file()))
        .filter(|m| node.exists(m).unwrap_or(false))
        .map(|m| node.real_path(&m).display().to_string())
        .collect();
    Ok((!kept.is_empty()).then(|| {
        format!(
            "earlier `kforge snapshot restore --apply` runs kept manifests in {}; put the right one back by hand",
            kept.join(", ")
        )
    }))
}

/// The steps left to the operator, with real paths.
pub fn next_steps(node: &LocalNode, t: &KubeTarget, applied: bool) -> Vec<String> {
    let mut steps = Vec::new();
    if !applied {
        steps.extend(manual_apply_steps(node, t));
    }
    steps.push("Wait until etcd and the API server are healthy: kforge health".into());
    steps.push(
        "Restart kube-controller-manager, kube-scheduler and the kubelets so that nothing acts on state newer than the snapshot"
            .into(),
    );
    if !t.other_members.is_empty() {
        steps.push(format!(
            "This node now runs a one-member etcd cluster; the other members ({}) must be reset and joined again",
            t.other_members.join(", ")
        ));
    }
    let old = node.real_path(&t.old_data_dir).display().to_string();
    steps.push(format!(
        "The old data directory {old} is kept: remove it once the cluster is healthy"
    ));
    steps
}

/// What `--apply` does, as commands for the operator.
fn manual_apply_steps(node: &LocalNode, t: &KubeTarget) -> Vec<String> {
    let manifest = node.real_path(&t.manifest).display().to_string();
    let tmp = node
        .real_path(Path::new(crate::paths::KUBERNETES_TMP))
        .display()
        .to_string();
    let new = t.new_data_dir.display().to_string();
    vec![
        format!(
            "Stop etcd (and with it the API server): mkdir -p {tmp} && mv {manifest} {tmp}/etcd.yaml"
        ),
        format!(
            "In {tmp}/etcd.yaml set --data-dir={new}, and the mountPath of volume {vol} and its hostPath path to {new}",
            vol = t.volume
        ),
        format!("Start etcd from the restored data: mv {tmp}/etcd.yaml {manifest}"),
        "(Or run this command again with --apply, which does the three steps above with a new restore.)".into(),
    ]
}
