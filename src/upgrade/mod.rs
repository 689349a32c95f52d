//! `kforge upgrade plan | apply`: the whole cluster to the next Kubernetes
//! minor (or patch) in the order the version-skew policy and etcd's upgrade
//! guide demand, health-gated on node-local truth, journaled, resumable,
//! with real rollback.
//!
//! - [`inventory`]: what runs where (static pod images on every control
//!   plane, each etcd member's `etcdserver`/`etcdcluster`, each kubelet's
//!   `--version`), health, certificate expiry, free disk.
//! - [`plan`]: the hops to the target (one control-plane minor per hop,
//!   workers once at the end when the kubelet window allows), the blockers
//!   (each with its reason and fix), the point of no return of etcd's
//!   cluster version, and the diff of every file that would change.
//! - [`apply`]: the plan run on the rollout engine: preflight, a verified
//!   snapshot, copies of every replaced file, then etcd member by member
//!   (leader last, after moving leadership away), each API server, then
//!   controller-manager and scheduler, control-plane kubelets, workers in
//!   batches.
//! - [`edit`]: each manifest rendered for the target from the stored cluster
//!   configuration (as `init` renders it), the operator's edits merged on.
//! - [`probe`]: waiting on a component's own endpoints.
//!
//! The version rules themselves live in [`crate::versions::skew`] only.

pub mod apply;
pub mod backups;
pub mod edit;
pub mod inventory;
pub mod plan;
pub mod probe;

use crate::join::hosts::Role;
use crate::node::{LocalNode, Node, SshNode, SshTarget};
use anyhow::Result;
use std::path::PathBuf;
use std::sync::Arc;

/// One node of the cluster, reached.
#[derive(Clone)]
pub struct ClusterNode {
    /// `local` for the node kforge runs on, else the host as given.
    pub label: String,
    pub role: Role,
    pub node: Arc<dyn Node>,
    /// This machine (under `--root`): its loopback is ours.
    pub local: bool,
    /// The node name the host was given (`name=` or the inventory's).
    pub name: Option<String>,
}

/// A host to reach over SSH.
#[derive(Debug, Clone)]
pub struct RemoteHost {
    pub label: String,
    pub name: Option<String>,
    pub role: Role,
    pub target: SshTarget,
}

/// The local control-plane node, then every host (connected in parallel);
/// a host that cannot be reached is an error naming it.
pub fn connect(
    root: Option<PathBuf>,
    hosts: &[RemoteHost],
) -> (Vec<ClusterNode>, Vec<(String, String)>) {
    let mut nodes = vec![ClusterNode {
        label: "local".into(),
        role: Role::ControlPlane,
        node: Arc::new(LocalNode::new(root)),
        local: true,
        name: None,
    }];
    let mut failed = Vec::new();
    let results: Vec<(usize, Result<SshNode>)> = std::thread::scope(|s| {
        let handles: Vec<_> = hosts
            .iter()
            .enumerate()
            .map(|(i, h)| s.spawn(move || (i, SshNode::connect(&h.target))))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("connect thread"))
            .collect()
    });
    for (i, r) in results {
        let h = &hosts[i];
        match r {
            Ok(n) => nodes.push(ClusterNode {
                label: h.label.clone(),
                role: h.role,
                node: Arc::new(n),
                local: false,
                name: h.name.clone(),
            }),
            Err(e) => failed.push((h.label.clone(), format!("{e:#}"))),
        }
    }
    (nodes, failed)
}
