//! THE kubeconfig table and rendering: admin.conf, super-admin.conf,
//! kubelet.conf, controller-manager.conf, scheduler.conf, with kubeadm's
//! identities and server URLs. Keys are written in kubeadm's (alphabetical)
//! order with the CA, client certificate and key embedded.

use crate::components;
use crate::install::{Installer, Outcome};
use crate::node::Node;
use crate::pki::expiry::{Found, Location};
use crate::pki::table::{Usage, CA};
use crate::pki::{self, keys, CertInfo, CertRequest, PkiSettings};
use crate::spec::ClusterSpec;
use anyhow::{anyhow, bail, Context, Result};
use base64::Engine;
use serde::Deserialize;
use serde_json::json;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Which API server address a kubeconfig points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Server {
    /// `controlPlaneEndpoint` when set, else this node's advertise address.
    ControlPlaneEndpoint,
    /// This node's own API server.
    Local,
    /// Local where the release has kubeadm's ControlPlaneKubeletLocalMode
    /// on (see [`crate::versions::Release::kubelet_conf_local`]), else the
    /// control-plane endpoint.
    KubeletLocalMode,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UserName {
    Fixed(&'static str),
    /// `system:node:<node name>`.
    Node,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KubeconfigSpec {
    /// Phase sub-name (`init phase kubeconfig admin`).
    pub name: &'static str,
    pub file: &'static str,
    pub user: UserName,
    pub organizations: &'static [&'static str],
    pub server: Server,
    /// Static pods that load this kubeconfig (restarted after a renewal).
    pub used_by: &'static [&'static str],
    pub help: &'static str,
}

pub const ADMIN: KubeconfigSpec = KubeconfigSpec {
    name: "admin",
    file: "admin.conf",
    user: UserName::Fixed("kubernetes-admin"),
    organizations: &["kubeadm:cluster-admins"],
    server: Server::ControlPlaneEndpoint,
    used_by: &[],
    help: "kubeconfig for the cluster administrator (group kubeadm:cluster-admins)",
};

pub const SUPER_ADMIN: KubeconfigSpec = KubeconfigSpec {
    name: "super-admin",
    file: "super-admin.conf",
    user: UserName::Fixed("kubernetes-super-admin"),
    organizations: &["system:masters"],
    server: Server::ControlPlaneEndpoint,
    used_by: &[],
    help: "break-glass kubeconfig in system:masters (bypasses RBAC)",
};

pub const KUBELET: KubeconfigSpec = KubeconfigSpec {
    name: "kubelet",
    file: "kubelet.conf",
    user: UserName::Node,
    organizations: &["system:nodes"],
    server: Server::KubeletLocalMode,
    used_by: &[],
    help: "kubeconfig the kubelet uses to register the node",
};

pub const CONTROLLER_MANAGER: KubeconfigSpec = KubeconfigSpec {
    name: "controller-manager",
    file: "controller-manager.conf",
    user: UserName::Fixed("system:kube-controller-manager"),
    organizations: &[],
    server: Server::Local,
    used_by: &[components::KUBE_CONTROLLER_MANAGER.name],
    help: "kubeconfig for the controller manager",
};

pub const SCHEDULER: KubeconfigSpec = KubeconfigSpec {
    name: "scheduler",
    file: "scheduler.conf",
    user: UserName::Fixed("system:kube-scheduler"),
    organizations: &[],
    server: Server::Local,
    used_by: &[components::KUBE_SCHEDULER.name],
    help: "kubeconfig for the scheduler",
};

/// Every row, in the order init writes them.
pub const KUBECONFIGS: &[KubeconfigSpec] =
    &[ADMIN, SUPER_ADMIN, KUBELET, CONTROLLER_MANAGER, SCHEDULER];

pub const MODE: u32 = 0o600;

impl KubeconfigSpec {
    pub fn path(&self) -> PathBuf {
        Path::new(crate::paths::KUBERNETES_DIR).join(self.file)
    }

    pub fn user_name(&self, node_name: &str) -> String {
        match self.user {
            UserName::Fixed(u) => u.to_string(),
            UserName::Node => format!("system:node:{node_name}"),
        }
    }

    pub fn server_url(&self, spec: &ClusterSpec) -> String {
        match self.server {
            Server::ControlPlaneEndpoint => spec.control_plane_url(),
            Server::Local => spec.local_api_url(),
            Server::KubeletLocalMode if spec.release.kubelet_conf_local => spec.local_api_url(),
            Server::KubeletLocalMode => spec.control_plane_url(),
        }
    }

    pub fn request(&self, node_name: &str) -> CertRequest {
        CertRequest {
            common_name: self.user_name(node_name),
            organizations: self.organizations.iter().map(|s| s.to_string()).collect(),
            sans: vec![],
            usages: vec![Usage::ClientAuth],
            is_ca: false,
        }
    }
}

pub fn find(name: &str) -> Option<&'static KubeconfigSpec> {
    KUBECONFIGS
        .iter()
        .find(|k| k.name == name || k.file == name)
}

/// Renders a kubeconfig with embedded credentials.
pub fn render(
    cluster_name: &str,
    server: &str,
    ca_pem: &str,
    user: &str,
    cert_pem: &str,
    key_pem: &str,
) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let context = format!("{user}@{cluster_name}");
    let doc = json!({
        "apiVersion": "v1",
        "clusters": [{
            "cluster": {"certificate-authority-data": b64(ca_pem), "server": server},
            "name": cluster_name,
        }],
        "contexts": [{
            "context": {"cluster": cluster_name, "user": user},
            "name": context,
        }],
        "current-context": context,
        "kind": "Config",
        "preferences": {},
        "users": [{
            "name": user,
            "user": {"client-certificate-data": b64(cert_pem), "client-key-data": b64(key_pem)},
        }],
    });
    serde_yaml_ng::to_string(&doc).expect("kubeconfig serializes")
}

/// The parts of a kubeconfig kforge reads back.
#[derive(Debug, Deserialize)]
pub struct Parsed {
    pub clusters: Vec<NamedCluster>,
    #[serde(default)]
    pub users: Vec<NamedUser>,
    #[serde(rename = "current-context", default)]
    pub current_context: String,
}

#[derive(Debug, Deserialize)]
pub struct NamedCluster {
    pub name: String,
    pub cluster: ClusterEntry,
}

#[derive(Debug, Deserialize)]
pub struct ClusterEntry {
    pub server: String,
    #[serde(rename = "certificate-authority-data", default)]
    pub ca_data: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct NamedUser {
    pub name: String,
    pub user: UserEntry,
}

#[derive(Debug, Deserialize)]
pub struct UserEntry {
    #[serde(rename = "client-certificate-data", default)]
    pub cert_data: Option<String>,
    #[serde(rename = "client-key-data", default)]
    pub key_data: Option<String>,
    #[serde(rename = "client-certificate", default)]
    pub cert_file: Option<String>,
}

/// Parses a kubeconfig; errors name what is wrong in kubeconfig terms, never
/// this crate's type names.
pub fn parse(text: &str) -> Result<Parsed> {
    let doc: serde_json::Value = serde_yaml_ng::from_str(text).context("not valid YAML")?;
    if !doc.is_object() {
        bail!("not a kubeconfig: expected a YAML mapping with clusters, contexts and users");
    }
    serde_json::from_value(doc).map_err(|e| {
        // serde says "expected struct NamedCluster": say what a reader knows.
        let msg = e.to_string();
        let msg = match msg.find("expected struct ") {
            Some(i) => format!("{}expected a mapping", &msg[..i]),
            None => msg,
        };
        anyhow!("not a valid kubeconfig: {msg}")
    })
}

pub fn decode_b64(s: &str) -> Result<String> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .context("invalid base64")?;
    String::from_utf8(bytes).context("not text")
}

impl Parsed {
    /// The embedded client certificate of the first user, if any.
    pub fn client_cert(&self) -> Result<Option<CertInfo>> {
        match self.users.first().and_then(|u| u.user.cert_data.as_deref()) {
            None => Ok(None),
            Some(d) => Ok(Some(CertInfo::from_pem(&decode_b64(d)?)?)),
        }
    }
}

/// The client certificates embedded in the control-plane kubeconfigs that
/// exist on the node (`certs check-expiration`, `certs renew`, `health`).
/// kubelet.conf is left out: the kubelet rotates its own certificate.
pub fn scan_embedded(node: &dyn Node, s: &PkiSettings) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    let ca_key_present = node.exists(&s.key_path(CA.base))?;
    for kc in renewable() {
        let path = kc.path();
        let Some(text) = crate::node::read_string(node, &path)? else {
            continue;
        };
        let shown = node.real_path(&path);
        let parsed = parse(&text).with_context(|| shown.display().to_string())?;
        let Some(cert) = parsed
            .client_cert()
            .with_context(|| shown.display().to_string())?
        else {
            continue;
        };
        out.push(Found {
            name: kc.file.to_string(),
            location: Location::Kubeconfig(kc.file),
            path: shown,
            cert,
            ca: Some(CA.base),
            externally_managed: !ca_key_present,
        });
    }
    Ok(out)
}

/// The kubeconfigs whose embedded client certificate `certs` checks and
/// renews (every row but kubelet.conf, which the kubelet rotates itself).
pub fn renewable() -> impl Iterator<Item = &'static KubeconfigSpec> {
    KUBECONFIGS.iter().filter(|k| **k != KUBELET)
}

/// Renews a kubeconfig's embedded credentials in place: swaps the client
/// certificate and key of its first user and keeps everything else. The
/// file's ownership is unchanged (see [`Installer::patch`]).
pub fn renew_credentials(
    inst: &Installer,
    kc: &KubeconfigSpec,
    cert_pem: &str,
    key_pem: &str,
) -> Result<()> {
    let node = inst.node();
    let path = kc.path();
    let shown = node.real_path(&path).display().to_string();
    let text = crate::node::read_string(node, &path)?.ok_or_else(|| anyhow!("{shown} vanished"))?;
    let updated =
        replace_client_credentials(&text, cert_pem, key_pem).with_context(|| shown.clone())?;
    inst.patch(&path, updated.as_bytes(), MODE)?;
    Ok(())
}

/// kubelet-finalize's edit (kubeadm's enable-client-cert-rotation): the
/// first user of kubelet.conf uses the kubelet's rotated certificate file
/// `pem` (certificate and key in one file) instead of embedded data.
/// `Ok(false)`: it already did. Ownership is unchanged ([`Installer::patch`]).
pub fn point_kubelet_at(inst: &Installer, pem: &Path) -> Result<bool> {
    let node = inst.node();
    let path = KUBELET.path();
    let shown = node.real_path(&path).display().to_string();
    let text = crate::node::read_string(node, &path)?
        .ok_or_else(|| anyhow!("{shown}: not found; run the kubeconfig phase first"))?;
    let mut doc: serde_json::Value = serde_yaml_ng::from_str(&text)
        .with_context(|| format!("{shown}: not a valid kubeconfig"))?;
    let user = doc
        .pointer_mut("/users/0/user")
        .and_then(|u| u.as_object_mut())
        .ok_or_else(|| anyhow!("{shown}: no user entry"))?;
    let file = pem.display().to_string();
    if user.get("client-certificate").and_then(|v| v.as_str()) == Some(file.as_str())
        && user.get("client-key").and_then(|v| v.as_str()) == Some(file.as_str())
        && !user.contains_key("client-certificate-data")
    {
        return Ok(false);
    }
    user.remove("client-certificate-data");
    user.remove("client-key-data");
    user.insert("client-certificate".into(), file.clone().into());
    user.insert("client-key".into(), file.into());
    inst.patch(&path, serde_yaml_ng::to_string(&doc)?.as_bytes(), MODE)?;
    Ok(true)
}

/// Swaps the embedded client certificate and key of the first user.
fn replace_client_credentials(text: &str, cert_pem: &str, key_pem: &str) -> Result<String> {
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s.as_bytes());
    let mut doc: serde_json::Value =
        serde_yaml_ng::from_str(text).context("not a valid kubeconfig")?;
    let user = doc
        .pointer_mut("/users/0/user")
        .and_then(|u| u.as_object_mut())
        .ok_or_else(|| anyhow!("kubeconfig has no user entry"))?;
    user.insert("client-certificate-data".into(), b64(cert_pem).into());
    user.insert("client-key-data".into(), b64(key_pem).into());
    Ok(serde_yaml_ng::to_string(&doc)?)
}

/// Writes one kubeconfig, or verifies and reuses an existing one. An
/// existing one that does not fit is an error, unless the installer may
/// replace it ([`Installer::may_replace`]: `--force`). The second value is
/// a warning for the caller to show (a reused file names another server).
pub fn ensure(
    inst: &Installer,
    spec: &ClusterSpec,
    pki_settings: &PkiSettings,
    kc: &KubeconfigSpec,
    now: OffsetDateTime,
) -> Result<(Outcome, Option<String>)> {
    let node = inst.node();
    let path = kc.path();
    let server = kc.server_url(spec);
    match check_existing(node, spec, pki_settings, kc, now) {
        Ok(Some((outcome, existing_server))) => {
            let warning = (existing_server != server).then(|| {
                format!(
                    "{}: server is {existing_server} (kforge would write {server}); keeping it",
                    node.real_path(&path).display()
                )
            });
            inst.note(&path, outcome, MODE);
            return Ok((outcome, warning));
        }
        Ok(None) => {}
        Err(_) if inst.may_replace(&path) => {}
        Err(e) => return Err(e),
    }
    let signing = pki::signing_ca(node, pki_settings, CA.base)?;
    let key = pki_settings.keys.take()?;
    let cert = pki::issue::issue(
        &kc.request(&spec.node_name),
        &key,
        Some(&signing),
        pki_settings.validity,
        now,
    )?;
    let text = render(
        &spec.cluster_name,
        &server,
        &signing.cert.pem,
        &kc.user_name(&spec.node_name),
        &cert.pem,
        &keys::private_key_pem(&key)?,
    );
    Ok((inst.install(&path, text.as_bytes(), MODE)?, None))
}

/// What [`ensure`] would find, without writing: `Ok(None)` when the file is
/// absent, `Ok(Some((Reused, its server)))` when it fits the cluster CA and
/// the identity, `Err` saying what is wrong. With no cluster CA yet (init
/// will create one), an existing kubeconfig was made for another cluster.
pub fn check_existing(
    node: &dyn Node,
    spec: &ClusterSpec,
    pki_settings: &PkiSettings,
    kc: &KubeconfigSpec,
    now: OffsetDateTime,
) -> Result<Option<(Outcome, String)>> {
    let path = kc.path();
    let shown = node.real_path(&path).display().to_string();
    let Some(text) = crate::node::read_string(node, &path)? else {
        return Ok(None);
    };
    let parsed = parse(&text).with_context(|| shown.clone())?;
    let ca = pki::load(node, pki_settings, CA.base)?.ok_or_else(|| {
        anyhow!(
            "a kubeconfig file {shown} exists already but the cluster CA {} does not: \
             it was made for another cluster; move it away to have kforge write a new one",
            node.real_path(&pki_settings.cert_path(CA.base)).display()
        )
    })?;
    let cluster = parsed
        .clusters
        .first()
        .ok_or_else(|| anyhow!("{shown}: has no cluster entry"))?;
    let ca_in_file = cluster
        .cluster
        .ca_data
        .as_deref()
        .map(decode_b64)
        .transpose()
        .with_context(|| shown.clone())?
        .unwrap_or_default();
    if ca_in_file.trim() != ca.cert.pem.trim() {
        bail!("a kubeconfig file {shown} exists already but has got the wrong CA cert; move it away to have kforge write a new one");
    }
    if let Some(cert) = parsed.client_cert().with_context(|| shown.clone())? {
        pki::verify_existing(&cert, Some(&ca.cert), &kc.request(&spec.node_name), now)
            .with_context(|| format!("{shown}: embedded client certificate"))?;
    }
    Ok(Some((Outcome::Reused, cluster.cluster.server.clone())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_parse_errors_name_no_internal_types() {
        for text in [
            "junk\n",
            "clusters:\n- 5\n",
            "clusters: []\nusers:\n- name: x\n  user: 3\n",
        ] {
            let e = format!("{:#}", parse(text).unwrap_err());
            assert!(
                !e.contains("struct") && !e.contains("Named"),
                "{text:?}: {e}"
            );
        }
    }

    #[test]
    fn file_names_are_unique_and_written_only_in_the_table() {
        use crate::paths::source_scan;
        let mut seen = std::collections::HashSet::new();
        for kc in KUBECONFIGS {
            assert!(seen.insert(kc.file), "{}", kc.file);
            assert!(seen.insert(kc.name), "{}", kc.name);
            assert_eq!(
                source_scan::quoted(kc.file),
                vec![("src/kubeconfig.rs".to_string(), 1)],
                "{}: use kubeconfig::{{ROW}}.path() instead of the literal",
                kc.file
            );
        }
    }
}
