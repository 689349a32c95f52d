//! The STAND-IN kubelet registers its Node with the API server, as a real
//! kubelet does once the API server answers: with the kubelet's own
//! credentials (`/etc/kubernetes/kubelet.conf` under the root: its
//! server, CA and client certificate, embedded or as files), under the
//! name of that certificate's CN `system:node:NAME`, with the labels the
//! kubelet sets itself (`kubernetes.io/hostname`, `kubernetes.io/os`,
//! `kubernetes.io/arch` and their `beta.` forms) and an annotation naming
//! the stand-in. No status, no heartbeats, no leases.
//!
//! It runs on its own thread, never in the pod loop's way: every second
//! it reads kubelet.conf again, GETs its Node and creates it when
//! absent. The real kubelet registers once; this one registers again
//! when its Node is gone, because the stand-in API server keeps objects
//! in memory and loses them when it restarts (a real one keeps them in
//! etcd).

use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use kforge::node::{LocalNode, Node};
use kforge::output::Printer;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

/// How often the Node is looked at (a GET of one object).
pub const EVERY: Duration = Duration::from_secs(1);

/// The annotation that says who registered the Node.
pub const ANNOTATION: &str = "kforge.io/stand-in";

/// The API server, the CA and the client credentials of a kubeconfig.
struct Creds {
    server: String,
    ca_pem: Vec<u8>,
    cert_pem: Vec<u8>,
    key_pem: Vec<u8>,
    node_name: String,
}

/// `data` (base64) or `file` (a node path) of a kubeconfig entry.
fn data_or_file(node: &LocalNode, entry: &Value, data: &str, file: &str) -> Result<Vec<u8>> {
    if let Some(d) = entry[data].as_str() {
        return base64::engine::general_purpose::STANDARD
            .decode(d.trim())
            .with_context(|| format!("{data}: invalid base64"));
    }
    if let Some(f) = entry[file].as_str() {
        return node
            .read(Path::new(f))?
            .ok_or_else(|| anyhow!("{file}: {f}: no such file"));
    }
    bail!("neither {data} nor {file}")
}

/// The node's name as its kubelet knows it: kubelet.conf's
/// `system:node:NAME`, `None` before that file exists (or when unusable).
pub fn node_name(node: &LocalNode) -> Option<String> {
    read_creds(node).ok().flatten().map(|c| c.node_name)
}

fn read_creds(node: &LocalNode) -> Result<Option<Creds>> {
    let path = kforge::kubeconfig::KUBELET.path();
    let Some(text) = kforge::node::read_string(node, &path)? else {
        return Ok(None);
    };
    let shown = node.real_path(&path).display().to_string();
    let doc: Value =
        serde_yaml_ng::from_str(&text).with_context(|| format!("{shown}: not YAML"))?;
    let cluster = &doc["clusters"][0]["cluster"];
    let user = &doc["users"][0]["user"];
    let server = cluster["server"]
        .as_str()
        .ok_or_else(|| anyhow!("{shown}: no cluster server"))?
        .to_string();
    let ca_pem = data_or_file(
        node,
        cluster,
        "certificate-authority-data",
        "certificate-authority",
    )
    .with_context(|| format!("{shown}: cluster"))?;
    let cert_pem = data_or_file(node, user, "client-certificate-data", "client-certificate")
        .with_context(|| format!("{shown}: user"))?;
    let key_pem = data_or_file(node, user, "client-key-data", "client-key")
        .with_context(|| format!("{shown}: user"))?;
    let cert = kforge::pki::inspect::CertInfo::from_pem(&String::from_utf8_lossy(&cert_pem))
        .with_context(|| format!("{shown}: the client certificate"))?;
    let node_name = cert
        .common_name
        .strip_prefix("system:node:")
        .filter(|n| !n.is_empty())
        .ok_or_else(|| {
            anyhow!(
                "{shown}: the client certificate's CN is {:?}, not system:node:NAME",
                cert.common_name
            )
        })?
        .to_string();
    Ok(Some(Creds {
        server,
        ca_pem,
        cert_pem,
        key_pem,
        node_name,
    }))
}

fn agent(c: &Creds) -> Result<ureq::Agent> {
    let ca = ureq::tls::Certificate::from_pem(&c.ca_pem)
        .map_err(|e| anyhow!("the CA: {e}"))?
        .to_owned();
    let cert = ureq::tls::Certificate::from_pem(&c.cert_pem)
        .map_err(|e| anyhow!("the client certificate: {e}"))?
        .to_owned();
    let key = ureq::tls::PrivateKey::from_pem(&c.key_pem)
        .map_err(|e| anyhow!("the client key: {e}"))?
        .to_owned();
    let tls = ureq::tls::TlsConfig::builder()
        .unversioned_rustls_crypto_provider(kforge::runtime::crypto_provider())
        .root_certs(ureq::tls::RootCerts::new_with_certs(&[ca]))
        .client_cert(Some(ureq::tls::ClientCert::new_with_certs(&[cert], key)))
        .build();
    Ok(ureq::Agent::config_builder()
        .tls_config(tls)
        .timeout_global(Some(Duration::from_secs(5)))
        .http_status_as_error(false)
        .proxy(None)
        .build()
        .into())
}

fn go_arch() -> &'static str {
    match std::env::consts::ARCH {
        "x86_64" => "amd64",
        "aarch64" => "arm64",
        other => other,
    }
}

/// The Node the stand-in kubelet registers.
pub fn node_object(name: &str) -> Value {
    json!({
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": {
            "name": name,
            "labels": {
                "beta.kubernetes.io/arch": go_arch(),
                "beta.kubernetes.io/os": "linux",
                "kubernetes.io/arch": go_arch(),
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": "linux",
            },
            "annotations": {
                ANNOTATION: "registered by kforge-dev kubelet, a stand-in kubelet for tests and demos",
            },
        },
        "spec": {},
    })
}

/// What one look found.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    NoKubeconfig,
    Present(String),
    Registered(String),
}

fn once(node: &LocalNode) -> Result<Outcome> {
    let Some(c) = read_creds(node)? else {
        return Ok(Outcome::NoKubeconfig);
    };
    let agent = agent(&c)?;
    let base = c.server.trim_end_matches('/');
    let url = format!("{base}/api/v1/nodes/{}", c.node_name);
    let mut resp = agent.get(&url).call().map_err(|e| anyhow!("{url}: {e}"))?;
    match resp.status().as_u16() {
        200 => return Ok(Outcome::Present(c.node_name)),
        404 => {}
        code => {
            let body = resp.body_mut().read_to_string().unwrap_or_default();
            bail!("GET {url}: HTTP {code}: {}", body.trim());
        }
    }
    let url = format!("{base}/api/v1/nodes");
    let mut resp = agent
        .post(&url)
        .header("Content-Type", "application/json")
        .send(node_object(&c.node_name).to_string())
        .map_err(|e| anyhow!("{url}: {e}"))?;
    match resp.status().as_u16() {
        201 => Ok(Outcome::Registered(c.node_name)),
        409 => Ok(Outcome::Present(c.node_name)),
        code => {
            let body = resp.body_mut().read_to_string().unwrap_or_default();
            bail!("POST {url}: HTTP {code}: {}", body.trim())
        }
    }
}

/// Starts the registration thread (it lives as long as the process).
pub fn spawn(root: Option<std::path::PathBuf>, p: Printer) {
    std::thread::spawn(move || {
        let node = LocalNode::new(root);
        let mut last_error = String::new();
        loop {
            match once(&node) {
                Ok(Outcome::Registered(name)) => {
                    p.status(format!(
                        "stand-in kubelet: registered Node {name} with the API server"
                    ));
                    last_error.clear();
                }
                Ok(_) => last_error.clear(),
                Err(e) => {
                    // Said once per distinct error: the API server is
                    // often simply not up yet.
                    let msg = format!("{e:#}");
                    if msg != last_error {
                        p.status(format!("stand-in kubelet: Node registration: {msg}"));
                        last_error = msg;
                    }
                }
            }
            std::thread::sleep(EVERY);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_node_carries_the_kubelets_own_labels_and_names_the_stand_in() {
        let n = node_object("cp1");
        assert_eq!(n["metadata"]["labels"]["kubernetes.io/hostname"], "cp1");
        assert_eq!(n["metadata"]["labels"]["kubernetes.io/os"], "linux");
        assert!(n["metadata"]["annotations"][ANNOTATION]
            .as_str()
            .unwrap()
            .contains("stand-in"));
    }

    #[test]
    fn no_kubeconfig_is_not_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let node = LocalNode::new(Some(dir.path().to_path_buf()));
        assert_eq!(once(&node).unwrap(), Outcome::NoKubeconfig);
    }
}
