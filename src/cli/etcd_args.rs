//! Connection flags shared by every command that talks to etcd, with
//! etcdctl's environment variables.

use crate::etcd::client::EtcdEndpoint;
use crate::node::LocalNode;
use clap::builder::TypedValueParser;
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, Args)]
pub struct EtcdConnArgs {
    /// etcd endpoints, comma-separated. Default on a control-plane node:
    /// https://127.0.0.1:2379 with kubeadm's healthcheck-client certificate (under --root).
    #[arg(
        long,
        env = "ETCDCTL_ENDPOINTS",
        value_delimiter = ',',
        value_name = "URLS",
        value_parser = crate::values::parse_endpoint_url
    )]
    pub endpoints: Vec<String>,
    /// CA certificate that signs etcd's serving certificate.
    #[arg(long, env = "ETCDCTL_CACERT", value_name = "FILE")]
    pub cacert: Option<PathBuf>,
    /// Client certificate.
    #[arg(long, env = "ETCDCTL_CERT", value_name = "FILE")]
    pub cert: Option<PathBuf>,
    /// Client private key.
    #[arg(long, env = "ETCDCTL_KEY", value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Connection and request timeout, e.g. 5s.
    #[arg(long, env = "ETCDCTL_DIAL_TIMEOUT", default_value = "5s", value_name = "DURATION", value_parser = DIAL_TIMEOUT.map(crate::values::to_std))]
    pub dial_timeout: Duration,
}

const DIAL_TIMEOUT: crate::values::DurationRange =
    crate::values::DurationRange::new(time::Duration::milliseconds(100), time::Duration::HOUR);

impl EtcdConnArgs {
    /// The endpoint to use: the flags, else kubeadm's layout under `root`.
    pub fn resolve(&self, root: Option<&Path>) -> EtcdEndpoint {
        let mut ep = if self.endpoints.is_empty() {
            let node = LocalNode::new(root.map(Path::to_path_buf));
            EtcdEndpoint::kubeadm_default(&node, Path::new(crate::paths::PKI_DIR))
        } else {
            EtcdEndpoint {
                endpoints: self.endpoints.clone(),
                ..Default::default()
            }
        };
        if self.cacert.is_some() {
            ep.ca_file = self.cacert.clone();
        }
        if self.cert.is_some() {
            ep.cert_file = self.cert.clone();
        }
        if self.key.is_some() {
            ep.key_file = self.key.clone();
        }
        ep.timeout = Some(self.dial_timeout);
        ep
    }
}
