//! kubeadm's defaults, one constant each; `config print init-defaults` and
//! spec resolution both read them.

pub const SERVICE_SUBNET: &str = "10.96.0.0/12";
pub const DNS_DOMAIN: &str = "cluster.local";
pub const IMAGE_REPOSITORY: &str = "registry.k8s.io";
pub const CLUSTER_NAME: &str = "kubernetes";
pub const CRI_SOCKET: &str = "unix:///var/run/containerd/containerd.sock";
/// kube-apiserver's port from the component table.
pub const BIND_PORT: u16 = crate::components::APISERVER_HTTPS.number;
pub const CONTROL_PLANE_TAINT_KEY: &str = "node-role.kubernetes.io/control-plane";
pub const CONTROL_PLANE_TAINT_EFFECT: &str = "NoSchedule";
pub const BOOTSTRAP_TOKEN_TTL: time::Duration = time::Duration::hours(24);
pub const BOOTSTRAP_TOKEN_GROUP: &str = "system:bootstrappers:kubeadm:default-node-token";
