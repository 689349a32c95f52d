//! `certs renew`: re-issue certificates from the same CA with the same
//! subject, SANs and key type, keeping a backup of what is replaced; renew
//! the client certificates embedded in the control-plane kubeconfigs; and
//! (unlike kubeadm) restart the static pods that load them by re-writing
//! their manifests, which makes the kubelet recreate the pods.

use super::expiry::{self, Found, Location};
use super::{issue, keys, CertRequest, PkiSettings, CERT_MODE, KEY_MODE};
use crate::install::Installer;
use crate::node::read_string;
use crate::paths;
use anyhow::{anyhow, bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// The annotation whose change makes the kubelet restart a static pod.
pub const RESTART_ANNOTATION: &str = "kforge.io/restarted-at";

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Renewed {
    pub name: String,
    pub path: PathBuf,
    pub old_not_after: String,
    pub new_not_after: String,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewReport {
    pub renewed: Vec<Renewed>,
    /// Not due under `--if-expiring-within`.
    pub not_due: Vec<String>,
    pub backup_dir: Option<PathBuf>,
    pub restarted: Vec<String>,
    pub restart_skipped: Option<String>,
}

/// Names `certs renew` accepts: leaf certificates and the kubeconfigs with
/// embedded client certificates (CAs and the kubelet's rotating certificate
/// are not renewed here).
pub fn renewable(found: &[Found]) -> Vec<&Found> {
    found.iter().filter(|f| f.ca.is_some()).collect()
}

pub struct RenewOptions<'a> {
    pub names: &'a [String],
    pub within: Option<time::Duration>,
    pub restart: bool,
    pub now: OffsetDateTime,
}

pub fn renew(inst: &Installer, s: &PkiSettings, o: &RenewOptions) -> Result<RenewReport> {
    let node = inst.node();
    let found = expiry::scan(node, s)?;
    let candidates = renewable(&found);
    let all = o.names.iter().any(|n| n == "all");
    for n in o.names {
        if n != "all" && !candidates.iter().any(|f| &f.name == n) {
            let known: Vec<&str> = candidates.iter().map(|f| f.name.as_str()).collect();
            return Err(crate::exit::usage(format!(
                "no renewable certificate {n:?} on this node (one of: all, {})",
                known.join(", ")
            )));
        }
    }
    let selected: Vec<&Found> = candidates
        .into_iter()
        .filter(|f| all || o.names.contains(&f.name))
        .collect();
    if let Some(f) = selected.iter().find(|f| f.externally_managed) {
        bail!(
            "external CA mode: the key of CA {:?} is not on this node, so kforge cannot renew {}; \
             renew it with your CA and replace {}",
            f.ca.unwrap_or(super::table::CA.base),
            f.name,
            f.path.display()
        );
    }
    let (due, not_due): (Vec<&Found>, Vec<&Found>) = selected
        .into_iter()
        .partition(|f| o.within.is_none_or(|w| f.cert.remaining(o.now) < w));
    let mut report = RenewReport {
        renewed: vec![],
        not_due: not_due.iter().map(|f| f.name.clone()).collect(),
        backup_dir: None,
        restarted: vec![],
        restart_skipped: None,
    };
    if due.is_empty() {
        return Ok(report);
    }

    let stamp = o
        .now
        .format(&time::macros::format_description!(
            "[year][month][day]T[hour][minute][second]Z"
        ))
        .unwrap_or_default();
    let backup = Path::new(paths::KUBERNETES_TMP).join(format!("kforge-certs-backup-{stamp}"));
    let mut pods: BTreeSet<&'static str> = BTreeSet::new();
    for f in &due {
        let node_paths = node_files(s, f);
        for p in &node_paths {
            if let Some(bytes) = node.read(p)? {
                let rel = p.strip_prefix("/").unwrap_or(p);
                node.write_atomic(&backup.join(rel), &bytes, KEY_MODE)
                    .with_context(|| format!("backing up {}", node.real_path(p).display()))?;
            }
        }
        let ca = super::signing_ca(node, s, f.ca.expect("renewable certs have a CA"))?;
        let req = CertRequest {
            common_name: f.cert.common_name.clone(),
            organizations: f.cert.organizations.clone(),
            sans: f
                .cert
                .dns_names
                .iter()
                .cloned()
                .chain(f.cert.ip_addresses.iter().map(|ip| ip.to_string()))
                .collect(),
            usages: match &f.location {
                Location::Pki(spec) => spec.usages.to_vec(),
                Location::Kubeconfig(kc) => kc.request("").usages,
            },
            is_ca: false,
        };
        let alg = keys::KeyAlgorithm::of_spki(&f.cert.spki_der).unwrap_or(s.keys.algorithm());
        let key = alg.generate()?;
        let cert = issue::issue(&req, &key, Some(&ca), s.validity, o.now)?;
        let key_pem = keys::private_key_pem(&key)?;
        match &f.location {
            Location::Pki(spec) => {
                inst.install_allowing(&s.key_path(spec.base), key_pem.as_bytes(), KEY_MODE, true)?;
                inst.install_allowing(
                    &s.cert_path(spec.base),
                    cert.pem.as_bytes(),
                    CERT_MODE,
                    true,
                )?;
                pods.extend(spec.used_by.iter().copied());
            }
            Location::Kubeconfig(kc) => {
                let path = kc.path();
                let text = read_string(node, &path)?
                    .ok_or_else(|| anyhow!("{} vanished", f.path.display()))?;
                let updated = replace_client_credentials(&text, &cert.pem, &key_pem)
                    .with_context(|| f.path.display().to_string())?;
                inst.install_allowing(&path, updated.as_bytes(), crate::kubeconfig::MODE, true)?;
                pods.extend(kc.used_by.iter().copied());
            }
        }
        report.renewed.push(Renewed {
            name: f.name.clone(),
            path: f.path.clone(),
            old_not_after: f.cert.not_after.to_string(),
            new_not_after: cert.not_after.to_string(),
        });
    }
    report.backup_dir = Some(node.real_path(&backup));
    if !o.restart {
        report.restart_skipped = Some("--no-restart".into());
    } else {
        for pod in pods {
            if restart_static_pod(inst, pod, o.now)? {
                report.restarted.push(pod.to_string());
            }
        }
    }
    Ok(report)
}

/// The node paths a renewal replaces.
fn node_files(s: &PkiSettings, f: &Found) -> Vec<PathBuf> {
    match &f.location {
        Location::Pki(spec) => vec![s.cert_path(spec.base), s.key_path(spec.base)],
        Location::Kubeconfig(kc) => vec![kc.path()],
    }
}

/// Swaps the embedded client certificate and key of the first user.
fn replace_client_credentials(text: &str, cert_pem: &str, key_pem: &str) -> Result<String> {
    use base64::Engine;
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

/// Re-writes `/etc/kubernetes/manifests/<pod>.yaml` with a new restart
/// annotation. Returns false when the node has no such manifest.
pub fn restart_static_pod(inst: &Installer, pod: &str, now: OffsetDateTime) -> Result<bool> {
    let node = inst.node();
    let path = crate::staticpod::manifest_path(pod);
    let Some(text) = read_string(node, &path)? else {
        return Ok(false);
    };
    let mut doc: serde_json::Value = serde_yaml_ng::from_str(&text)
        .with_context(|| node.real_path(&path).display().to_string())?;
    let meta = doc
        .get_mut("metadata")
        .and_then(|m| m.as_object_mut())
        .ok_or_else(|| anyhow!("{}: no metadata", node.real_path(&path).display()))?;
    let annotations = meta
        .entry("annotations")
        .or_insert_with(|| serde_json::json!({}))
        .as_object_mut()
        .ok_or_else(|| {
            anyhow!(
                "{}: annotations is not a map",
                node.real_path(&path).display()
            )
        })?;
    annotations.insert(
        RESTART_ANNOTATION.into(),
        now.format(&time::format_description::well_known::Rfc3339)?
            .into(),
    );
    let out = serde_yaml_ng::to_string(&crate::manifests::sort_keys(doc))?;
    inst.install_allowing(&path, out.as_bytes(), crate::manifests::MODE, true)?;
    Ok(true)
}
