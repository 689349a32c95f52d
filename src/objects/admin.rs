//! The `kubeadm:cluster-admins` ClusterRoleBinding, which kubeadm (1.29+)
//! creates before any other object, when it first builds its API client
//! (`phases/kubeconfig` `EnsureAdminClusterRoleBindingImpl`): it gives the
//! group in admin.conf's certificate (`O=kubeadm:cluster-admins`) the
//! `cluster-admin` ClusterRole. Until it exists only super-admin.conf
//! (`O=system:masters`) has rights, which is why kubeadm creates it with
//! that credential when admin.conf is refused.

use super::{binding, ApiObject, BindingRow, SubjectRow};
use anyhow::Result;

/// The group admin.conf's client certificate carries (the kubeconfig and
/// certificate tables name it too).
pub const CLUSTER_ADMINS_GROUP: &str = "kubeadm:cluster-admins";

pub const CLUSTER_ADMINS_BINDING: BindingRow = BindingRow {
    namespace: None,
    name: "kubeadm:cluster-admins",
    role_kind: "ClusterRole",
    role_name: "cluster-admin",
    subjects: &[SubjectRow::Group(CLUSTER_ADMINS_GROUP)],
};

/// ClusterRoleBinding `kubeadm:cluster-admins` → ClusterRole `cluster-admin`.
pub fn cluster_admins_binding() -> Result<ApiObject> {
    binding(&CLUSTER_ADMINS_BINDING)
}
