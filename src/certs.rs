//! `kforge certs`: every certificate of a control-plane node, whether it
//! lives in the certificates directory (the PKI table) or is embedded in a
//! kubeconfig, for `certs check-expiration`, `certs renew` and `health`.
//!
//! This module sits above [`crate::pki`] and [`crate::kubeconfig`] so that
//! neither needs the other's renewal: pki re-issues certificates, kubeconfig
//! swaps its embedded credentials, and this module decides what to renew,
//! keeps a backup of every file it replaces and restarts the static pods
//! that load them (unlike kubeadm, which leaves restarts to the operator).

use crate::install::Installer;
use crate::kubeconfig;
use crate::paths;
use crate::pki::expiry::{self, Found, Location};
use crate::pki::renew as reissue;
use crate::pki::{PkiSettings, KEY_MODE};
use anyhow::{bail, Context, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Every certificate of the node that exists: the table's, then the client
/// certificates embedded in the control-plane kubeconfigs.
pub fn scan(node: &dyn crate::node::Node, s: &PkiSettings) -> Result<Vec<Found>> {
    let mut found = expiry::scan_table(node, s)?;
    found.extend(kubeconfig::scan_embedded(node, s)?);
    Ok(found)
}

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
    let found = scan(node, s)?;
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
            f.ca.unwrap_or(crate::pki::table::CA.base),
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
        for p in &node_files(s, f) {
            if let Some(bytes) = node.read(p)? {
                let rel = p.strip_prefix("/").unwrap_or(p);
                node.write_atomic(&backup.join(rel), &bytes, KEY_MODE)
                    .with_context(|| format!("backing up {}", node.real_path(p).display()))?;
            }
        }
        let new = match &f.location {
            Location::Pki(spec) => {
                let new = reissue::reissue(inst, s, f, spec.usages, o.now)?;
                reissue::install(inst, s, spec, &new)?;
                pods.extend(spec.used_by.iter().copied());
                new
            }
            Location::Kubeconfig(file) => {
                let kc = kubeconfig::find(file).expect("scanned from the kubeconfig table");
                let new = reissue::reissue(inst, s, f, &kc.request("").usages, o.now)?;
                kubeconfig::renew_credentials(inst, kc, &new.cert_pem, &new.key_pem)?;
                pods.extend(kc.used_by.iter().copied());
                new
            }
        };
        report.renewed.push(Renewed {
            name: f.name.clone(),
            path: f.path.clone(),
            old_not_after: f.cert.not_after.to_string(),
            new_not_after: new.not_after.to_string(),
        });
    }
    report.backup_dir = Some(node.real_path(&backup));
    if !o.restart {
        report.restart_skipped = Some("--no-restart".into());
    } else {
        for pod in pods {
            if crate::staticpod::restart(inst, pod, o.now)? {
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
        Location::Kubeconfig(file) => kubeconfig::find(file)
            .map(|kc| vec![kc.path()])
            .unwrap_or_default(),
    }
}
