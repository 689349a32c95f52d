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
use crate::node::Node;
use crate::paths;
use crate::pki::expiry::{self, Found, Location};
use crate::pki::renew as reissue;
use crate::pki::{table, PkiSettings};
use anyhow::{bail, Result};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

/// Every certificate of the node that exists: the table's, then the client
/// certificates embedded in the control-plane kubeconfigs. Fails when the
/// node is not a control plane (see [`require_control_plane`]).
pub fn scan(node: &dyn Node, s: &PkiSettings) -> Result<Vec<Found>> {
    require_control_plane(node, s)?;
    let mut found = expiry::scan_table(node, s)?;
    found.extend(kubeconfig::scan_embedded(node, s)?);
    Ok(found)
}

/// A control-plane node has the cluster CA certificate; without it (a typo
/// in `--root` or `--cert-dir`, a worker) there is nothing to check or
/// renew, and saying "nothing to do" would hide the mistake from cron.
pub fn require_control_plane(node: &dyn Node, s: &PkiSettings) -> Result<()> {
    let ca = s.cert_path(table::CA.base);
    if !node.exists(&ca)? {
        // A path error (exit 2): nothing was attempted.
        return Err(crate::exit::usage(format!(
            "not a control-plane node: {} not found (check --root and --cert-dir)",
            node.real_path(&ca).display()
        )));
    }
    Ok(())
}

/// A certificate the node should have and does not (kubeadm's `!MISSING!`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Missing {
    pub name: String,
    pub path: PathBuf,
    /// Base name of the signing CA (`None` for a CA).
    #[serde(skip)]
    pub ca: Option<&'static str>,
    /// How to create it.
    pub hint: String,
}

/// The certificates a control-plane node made by kubeadm or kforge must
/// have and that are absent: every row of the certificate table (etcd's
/// only with local etcd, i.e. when the node has an etcd manifest or etcd
/// CA), and the certificates embedded in admin.conf, controller-manager.conf
/// and scheduler.conf. super-admin.conf is optional: kubeadm writes it only
/// on the first control-plane node (and not before 1.29).
pub fn missing(node: &dyn Node, s: &PkiSettings) -> Result<Vec<Missing>> {
    let local_etcd = node.exists(Path::new(paths::ETCD_MANIFEST))?
        || node.exists(&s.cert_path(table::ETCD_CA.base))?;
    let mut out = Vec::new();
    for spec in table::CERTS {
        if spec.etcd_local_only && !local_etcd {
            continue;
        }
        let path = s.cert_path(spec.base);
        if !node.exists(&path)? {
            out.push(Missing {
                name: spec.name.to_string(),
                path: node.real_path(&path),
                ca: spec.ca,
                hint: format!("create it: kforge init phase certs {}", spec.name),
            });
        }
    }
    for kc in kubeconfig::renewable() {
        if *kc == kubeconfig::SUPER_ADMIN {
            continue;
        }
        let path = kc.path();
        if !node.exists(&path)? {
            out.push(Missing {
                name: kc.file.to_string(),
                path: node.real_path(&path),
                ca: Some(table::CA.base),
                hint: format!("create it: kforge init phase kubeconfig {}", kc.name),
            });
        }
    }
    Ok(out)
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
    /// The static pods that load a renewed certificate: restarted here, or
    /// (`upgrade apply`, `--no-restart`) left to the caller.
    pub uses_renewed: Vec<String>,
    pub restarted: Vec<String>,
    pub restart_skipped: Option<String>,
    /// Selected certificates that do not exist. kforge, like kubeadm, renews
    /// only existing certificates (a new one needs the cluster's
    /// configuration for its SANs: `init phase certs`), and reports these so
    /// the run fails.
    pub missing: Vec<Missing>,
}

/// Every name `certs renew` can take, from the tables (completion offers
/// them): `all`, the leaf certificates, the kubeconfigs with embedded client
/// certificates. Which of them a node has is [`renewable`]'s answer.
pub fn renew_names() -> Vec<String> {
    std::iter::once("all".to_string())
        .chain(
            table::CERTS
                .iter()
                .filter(|c| c.ca.is_some())
                .map(|c| c.name.to_string()),
        )
        .chain(kubeconfig::renewable().map(|k| k.file.to_string()))
        .collect()
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
    let absent: Vec<Missing> = missing(node, s)?
        .into_iter()
        .filter(|m| m.ca.is_some())
        .collect();
    let candidates = renewable(&found);
    let all = o.names.iter().any(|n| n == "all");
    for n in o.names {
        if n != "all"
            && !candidates.iter().any(|f| &f.name == n)
            && !absent.iter().any(|m| &m.name == n)
        {
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
        uses_renewed: vec![],
        restarted: vec![],
        restart_skipped: None,
        missing: absent
            .into_iter()
            .filter(|m| all || o.names.contains(&m.name))
            .collect(),
    };
    if due.is_empty() {
        return Ok(report);
    }

    let mut pods: BTreeSet<&'static str> = BTreeSet::new();
    for f in &due {
        for p in &node_files(s, f) {
            inst.keep_copy(p)?;
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
            old_not_after: crate::output::rfc3339_ms(f.cert.not_after),
            new_not_after: crate::output::rfc3339_ms(new.not_after),
        });
    }
    report.backup_dir = Some(node.real_path(inst.backup_dir()));
    report.uses_renewed = pods.iter().map(|p| p.to_string()).collect();
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
