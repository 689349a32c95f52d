//! `mark-control-plane`: the labels and taints that make a node a control
//! plane node.
//!
//! Facts (kubeadm `phases/markcontrolplane/markcontrolplane.go`,
//! `constants.go`, `util/config` `SetNodeRegistrationDynamicDefaults`):
//! - both labels are set to `""` (overwriting any other value);
//! - the taints are `nodeRegistration.taints`; when that is absent (nil) the
//!   default is `node-role.kubernetes.io/control-plane:NoSchedule` (no
//!   value); an explicit empty list means no taints. (The spec resolves this
//!   into `ClusterSpec::taints`.)
//! - the node's taints become the given ones followed by every existing one
//!   not among them;
//! - nothing "master" since 1.25 (label gone in 1.24, taint in 1.25).

use crate::spec::ClusterSpec;
use k8s_openapi::api::core::v1::{Node, NodeSpec, Taint};

/// `constants.LabelNodeRoleControlPlane`, also the default taint's key and
/// CoreDNS's toleration.
pub const CONTROL_PLANE_LABEL: &str = "node-role.kubernetes.io/control-plane";
/// `constants.LabelExcludeFromExternalLB`.
pub const EXCLUDE_FROM_EXTERNAL_LB_LABEL: &str =
    "node.kubernetes.io/exclude-from-external-load-balancers";

/// The labels kubeadm puts on a control-plane node, each with value `""`.
pub const LABELS: &[&str] = &[CONTROL_PLANE_LABEL, EXCLUDE_FROM_EXTERNAL_LB_LABEL];

/// `constants.ControlPlaneTaint`: key, value, effect.
pub const DEFAULT_TAINT: (&str, Option<&str>, &str) = (
    crate::spec::defaults::CONTROL_PLANE_TAINT_KEY,
    None,
    crate::spec::defaults::CONTROL_PLANE_TAINT_EFFECT,
);

/// kubeadm's default taint as a typed value.
pub fn default_taint() -> Taint {
    Taint {
        key: DEFAULT_TAINT.0.to_string(),
        value: DEFAULT_TAINT.1.map(str::to_string),
        effect: DEFAULT_TAINT.2.to_string(),
        time_added: None,
    }
}

/// The taints for this node: the spec's `nodeRegistration.taints` as
/// resolved (the default taint when the config had none; none for `[]`).
pub fn taints(spec: &ClusterSpec) -> Vec<Taint> {
    spec.taints
        .iter()
        .map(|t| Taint {
            key: t.key.clone(),
            value: t.value.clone().filter(|v| !v.is_empty()),
            effect: t.effect.clone(),
            time_added: None,
        })
        .collect()
}

fn same_taint(a: &Taint, b: &Taint) -> bool {
    a.key == b.key
        && a.effect == b.effect
        && a.value.as_deref().unwrap_or("") == b.value.as_deref().unwrap_or("")
}

/// Adds kubeadm's labels (value `""`) and the given taints to `node`,
/// keeping every other label and taint; true when anything changed (so a
/// re-run is a no-op). When a taint is missing the taints become the given
/// ones followed by the node's others, as kubeadm orders them.
pub fn mark(node: &mut Node, taints: &[Taint]) -> bool {
    let mut changed = false;
    let labels = node.metadata.labels.get_or_insert_with(Default::default);
    for l in LABELS {
        if labels.get(*l).map(String::as_str) != Some("") {
            labels.insert(l.to_string(), String::new());
            changed = true;
        }
    }
    let spec = node.spec.get_or_insert_with(NodeSpec::default);
    let existing = spec.taints.clone().unwrap_or_default();
    if taints
        .iter()
        .any(|t| !existing.iter().any(|e| same_taint(e, t)))
    {
        let mut all: Vec<Taint> = taints.to_vec();
        all.extend(
            existing
                .into_iter()
                .filter(|e| !taints.iter().any(|t| same_taint(e, t))),
        );
        spec.taints = Some(all);
        changed = true;
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn taint(key: &str, effect: &str) -> Taint {
        Taint {
            key: key.into(),
            effect: effect.into(),
            ..Default::default()
        }
    }

    #[test]
    fn marks_once_and_keeps_other_labels_and_taints() {
        let mut node = Node::default();
        node.metadata.labels = Some(super::super::string_map(&[
            ("kubernetes.io/hostname", "cp1"),
            (CONTROL_PLANE_LABEL, "yes"),
        ]));
        node.spec = Some(NodeSpec {
            taints: Some(vec![taint("example.com/x", "NoExecute")]),
            ..Default::default()
        });
        assert!(mark(&mut node, &[default_taint()]));
        let labels = node.metadata.labels.clone().unwrap();
        assert_eq!(labels["kubernetes.io/hostname"], "cp1");
        assert_eq!(labels[CONTROL_PLANE_LABEL], "");
        assert_eq!(labels[EXCLUDE_FROM_EXTERNAL_LB_LABEL], "");
        let t = node.spec.clone().unwrap().taints.unwrap();
        assert_eq!(
            t,
            vec![
                taint(CONTROL_PLANE_LABEL, "NoSchedule"),
                taint("example.com/x", "NoExecute")
            ]
        );
        let before = node.clone();
        assert!(!mark(&mut node, &[default_taint()]));
        assert_eq!(node, before);
    }

    #[test]
    fn no_taints_means_labels_only() {
        let mut node = Node::default();
        assert!(mark(&mut node, &[]));
        assert_eq!(node.spec.unwrap().taints, None);
    }
}
