//! Connecting to etcd over mutual TLS with kubeadm's certificates.

use crate::node::Node;
use anyhow::{Context, Result};
use etcd_client::{Certificate, Client, ConnectOptions, Identity, TlsOptions};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Where and how to reach etcd.
#[derive(Debug, Clone, Default)]
pub struct EtcdEndpoint {
    pub endpoints: Vec<String>,
    pub ca_file: Option<PathBuf>,
    pub cert_file: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
    pub timeout: Option<Duration>,
}

impl EtcdEndpoint {
    /// The one place that assembles an etcd client from a node's PKI: the
    /// etcd CA and kubeadm's healthcheck-client certificate under `pki_dir`
    /// (a node path, mapped to where it really is), for `endpoints`.
    /// `health`, `join` and the etcd connection flags all start here.
    pub fn from_node_pki(
        node: &dyn Node,
        pki_dir: &Path,
        endpoints: Vec<String>,
        timeout: Option<Duration>,
    ) -> Self {
        let real = |p: PathBuf| node.real_path(&p);
        EtcdEndpoint {
            endpoints,
            ca_file: Some(real(crate::pki::table::ETCD_CA.cert_path(pki_dir))),
            cert_file: Some(real(
                crate::pki::table::ETCD_HEALTHCHECK_CLIENT.cert_path(pki_dir),
            )),
            key_file: Some(real(
                crate::pki::table::ETCD_HEALTHCHECK_CLIENT.key_path(pki_dir),
            )),
            timeout,
        }
    }

    /// kubeadm's layout on a control-plane node: local etcd on the client
    /// port, with the healthcheck-client certificate.
    pub fn kubeadm_default(node: &dyn Node, pki_dir: &Path) -> Self {
        Self::from_node_pki(node, pki_dir, vec![local_client_url()], None)
    }

    /// Another client certificate than healthcheck-client (already real paths).
    pub fn with_client_cert(mut self, cert: PathBuf, key: PathBuf) -> Self {
        self.cert_file = Some(cert);
        self.key_file = Some(key);
        self
    }
}

/// The local etcd's client URL on a kubeadm node.
pub fn local_client_url() -> String {
    format!(
        "https://127.0.0.1:{}",
        crate::components::ETCD_CLIENT.number
    )
}

fn read(path: &Path, what: &str) -> Result<Vec<u8>> {
    fs_err::read(path).with_context(|| format!("etcd {what}"))
}

/// Connects (lazily verifies) to the endpoints.
pub async fn connect(ep: &EtcdEndpoint) -> Result<Client> {
    let timeout = ep.timeout.unwrap_or(Duration::from_secs(5));
    let mut opts = ConnectOptions::new()
        .with_connect_timeout(timeout)
        .with_timeout(timeout);
    let uses_tls = ep.endpoints.iter().any(|e| e.starts_with("https://"));
    if uses_tls || ep.ca_file.is_some() {
        let mut tls = TlsOptions::new();
        if let Some(ca) = &ep.ca_file {
            tls = tls.ca_certificate(Certificate::from_pem(read(ca, "CA certificate")?));
        }
        match (&ep.cert_file, &ep.key_file) {
            (Some(c), Some(k)) => {
                tls = tls.identity(Identity::from_pem(
                    read(c, "client certificate")?,
                    read(k, "client key")?,
                ));
            }
            (None, None) => {}
            _ => anyhow::bail!("give both a client certificate and its key, or neither"),
        }
        opts = opts.with_tls(tls);
    }
    Client::connect(ep.endpoints.clone(), Some(opts))
        .await
        .with_context(|| format!("connecting to etcd at {}", ep.endpoints.join(",")))
}

/// One line for an etcd client error: the innermost cause (what actually
/// failed: "Connection refused", "invalid peer certificate: UnknownIssuer")
/// and the likely fix.
pub fn explain(err: &etcd_client::Error) -> String {
    let mut innermost = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(s) = source {
        // A cause without words would end the line in nothing.
        let text = s.to_string();
        if !text.trim().is_empty() {
            innermost = text;
        }
        source = s.source();
    }
    if let etcd_client::Error::GRpcStatus(status) = err {
        if std::error::Error::source(err).is_none() && !status.message().is_empty() {
            innermost = format!("{:?}: {}", status.code(), status.message());
        }
    }
    let lower = innermost.to_ascii_lowercase();
    let hint = if lower.contains("certificate")
        || lower.contains("tls")
        || lower.contains("handshake")
    {
        " (TLS failed: check --cacert, --cert and --key match this cluster)"
    } else if lower.contains("connection refused")
        || lower.contains("dns error")
        || lower.contains("connect error")
    {
        " (is etcd running and listening there?)"
    } else if lower.contains("deadline") || lower.contains("timeout") || lower.contains("timed out")
    {
        " (timed out: is the address reachable and etcd healthy?)"
    } else {
        ""
    };
    if innermost.trim().is_empty() {
        innermost = format!("{err:?}");
    }
    format!("{innermost}{hint}")
}

/// Connects to the first of `ep`'s endpoints that answers a Status call,
/// in order; the client and that endpoint. One line naming every endpoint
/// that did not answer, and why, when none does.
pub async fn first_answering(ep: &EtcdEndpoint) -> anyhow::Result<(etcd_client::Client, String)> {
    if ep.endpoints.is_empty() {
        anyhow::bail!("no etcd endpoint to ask (no member is known to answer)");
    }
    let mut failures = Vec::new();
    for e in &ep.endpoints {
        let one = EtcdEndpoint {
            endpoints: vec![e.clone()],
            ..ep.clone()
        };
        let attempt = async {
            let mut c = connect(&one).await?;
            c.status()
                .await
                .map_err(|err| anyhow::anyhow!(explain(&err)))?;
            Ok::<_, anyhow::Error>(c)
        };
        match attempt.await {
            Ok(c) => return Ok((c, e.clone())),
            Err(err) => failures.push(format!("{e}: {err:#}")),
        }
    }
    anyhow::bail!("no etcd member answered: {}", failures.join("; "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::LocalNode;

    #[test]
    fn no_endpoint_is_an_error_with_a_cause() {
        let rt = crate::runtime::current_thread().unwrap();
        let err = rt
            .block_on(first_answering(&EtcdEndpoint::default()))
            .err()
            .unwrap();
        let msg = format!("{err:#}");
        assert!(!msg.trim_end().ends_with(':'), "{msg}");
        assert!(msg.contains("no etcd endpoint to ask"), "{msg}");
    }

    #[test]
    fn one_builder_maps_the_node_pki_under_root() {
        let node = LocalNode::new(Some(PathBuf::from("/srv/r")));
        let ep = EtcdEndpoint::kubeadm_default(&node, Path::new("/etc/kubernetes/pki"));
        assert_eq!(ep.endpoints, vec![local_client_url()]);
        assert_eq!(
            ep.ca_file.as_deref(),
            Some(Path::new("/srv/r/etc/kubernetes/pki/etcd/ca.crt"))
        );
        assert_eq!(
            ep.key_file.as_deref(),
            Some(Path::new(
                "/srv/r/etc/kubernetes/pki/etcd/healthcheck-client.key"
            ))
        );
        let ep = ep.with_client_cert("/c.crt".into(), "/c.key".into());
        assert_eq!(ep.cert_file.as_deref(), Some(Path::new("/c.crt")));
    }
}
