//! `kforge certs check-expiration | renew`.

use super::GlobalArgs;
use crate::certs as renew;
use crate::exit::{usage, ExitStatus};
use crate::install::Installer;
use crate::node::LocalNode;
use crate::output::{write_table, Printer, Render};
use crate::pki::expiry;
use anyhow::Result;
use clap::{Args, Subcommand};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use time::OffsetDateTime;

#[derive(Debug, Subcommand)]
pub enum CertsCommand {
    /// Show when every certificate and kubeconfig client certificate expires (kubeadm's table).
    CheckExpiration(CertDirArgs),
    /// Re-issue certificates from the same CA (subject and SANs kept), then restart what uses them.
    Renew(RenewArgs),
}

#[derive(Debug, Args)]
pub struct CertDirArgs {
    /// Certificates directory on the node.
    #[arg(long, default_value = crate::paths::PKI_DIR, value_name = "DIR")]
    pub cert_dir: String,
}

#[derive(Debug, Args)]
#[command(after_help = "From cron: kforge certs renew all --if-expiring-within 30d")]
pub struct RenewArgs {
    /// `all`, or names from `certs check-expiration` (apiserver, etcd-server, admin.conf, ...).
    #[arg(required = true, value_name = "NAME", value_parser = crate::values::Candidates(crate::certs::renew_names), hide_possible_values = true)]
    pub names: Vec<String>,
    /// Renew only certificates expiring within DURATION (e.g. 30d); safe to run from cron.
    #[arg(long, value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::ZERO, time::Duration::days(36500)))]
    pub if_expiring_within: Option<time::Duration>,
    /// Do not restart the static pods that use the renewed certificates.
    #[arg(long)]
    pub no_restart: bool,
    #[command(flatten)]
    pub dir: CertDirArgs,
}

pub fn run(g: &GlobalArgs, p: &Printer, c: CertsCommand) -> Result<ExitStatus> {
    let node = LocalNode::new(g.root.clone());
    match c {
        CertsCommand::CheckExpiration(a) => {
            let pki = crate::spec::ClusterSpec::pki_settings_for_dir(Path::new(&a.cert_dir));
            let found = renew::scan(&node, &pki)?;
            let missing: Vec<_> = renew::missing(&node, &pki)?
                .into_iter()
                .map(|m| (m.name, m.path, m.ca))
                .collect();
            let rows = expiry::rows(&found, &missing, OffsetDateTime::now_utc());
            p.emit(&ExpirationInfo::new(rows))?;
            Ok(ExitStatus::Success)
        }
        CertsCommand::Renew(a) => {
            if a.names.len() > 1 && a.names.iter().any(|n| n == "all") {
                return Err(usage("`all` renews everything; give it alone"));
            }
            let pki = crate::spec::ClusterSpec::pki_settings_for_dir(Path::new(&a.dir.cert_dir));
            // Before anything is created (the ledger): a typo in --root must fail.
            renew::require_control_plane(&node, &pki)?;
            let inst = Installer::new(&node, false)?;
            let result = renew::renew(
                &inst,
                &pki,
                &renew::RenewOptions {
                    names: &a.names,
                    within: a.if_expiring_within,
                    restart: !a.no_restart,
                    now: OffsetDateTime::now_utc(),
                },
            );
            inst.save_ledger()?;
            let report = result?;
            p.emit(&RenewOut(report.clone()))?;
            if !report.missing.is_empty() {
                anyhow::bail!(
                    "{} certificate(s) missing: {}; kforge renews existing certificates only ({})",
                    report.missing.len(),
                    report
                        .missing
                        .iter()
                        .map(|m| m.path.display().to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    report
                        .missing
                        .iter()
                        .map(|m| m.hint.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                );
            }
            Ok(ExitStatus::Success)
        }
    }
}

/// kubeadm's `certs check-expiration -o json|yaml` document
/// (`output.kubeadm.k8s.io/v1alpha3`, kind `CertificateExpirationInfo`).
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ExpirationInfo {
    kind: &'static str,
    api_version: &'static str,
    certificates: Vec<CertificateOut>,
    certificate_authorities: Vec<CertificateOut>,
    #[serde(skip)]
    rows: Vec<expiry::ExpiryRow>,
}

/// One certificate in kubeadm's output API.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CertificateOut {
    name: String,
    /// RFC 3339, UTC; null when missing.
    expiration_date: Option<String>,
    /// Seconds until expiry (negative once expired).
    residual_time: i64,
    externally_managed: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    ca_name: String,
    missing: bool,
}

impl ExpirationInfo {
    fn new(rows: Vec<expiry::ExpiryRow>) -> Self {
        let out = |r: &expiry::ExpiryRow| CertificateOut {
            name: r.name.clone(),
            expiration_date: r.not_after.map(expiry::rfc3339),
            residual_time: r.residual_seconds,
            externally_managed: r.externally_managed,
            ca_name: r.ca_name.clone(),
            missing: r.missing,
        };
        ExpirationInfo {
            kind: "CertificateExpirationInfo",
            api_version: "output.kubeadm.k8s.io/v1alpha3",
            certificates: rows.iter().filter(|r| !r.is_ca).map(out).collect(),
            certificate_authorities: rows.iter().filter(|r| r.is_ca).map(out).collect(),
            rows,
        }
    }
}

impl Render for ExpirationInfo {
    /// kubeadm's document, as kubeadm prints it: no field of kforge's.
    fn stamped(&self) -> bool {
        false
    }
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        // kubeadm's row for a missing certificate: `!MISSING! <name>`, the rest blank.
        let row = |r: &expiry::ExpiryRow, ca_column: bool| {
            let mut v = if r.missing {
                vec![
                    format!("!MISSING! {}", r.name),
                    String::new(),
                    String::new(),
                ]
            } else {
                vec![
                    r.name.clone(),
                    r.not_after.map(expiry::table_date).unwrap_or_default(),
                    expiry::residual(time::Duration::seconds(r.residual_seconds)),
                ]
            };
            if ca_column {
                v.push(if r.missing {
                    String::new()
                } else {
                    r.ca_name.clone()
                });
            }
            v.push(if r.missing {
                String::new()
            } else {
                yes_no(r.externally_managed)
            });
            v
        };
        let leaves: Vec<Vec<String>> = self
            .rows
            .iter()
            .filter(|r| !r.is_ca)
            .map(|r| row(r, true))
            .collect();
        write_table(
            out,
            &[
                "CERTIFICATE",
                "EXPIRES",
                "RESIDUAL TIME",
                "CERTIFICATE AUTHORITY",
                "EXTERNALLY MANAGED",
            ],
            &leaves,
        )?;
        writeln!(out)?;
        let cas: Vec<Vec<String>> = self
            .rows
            .iter()
            .filter(|r| r.is_ca)
            .map(|r| row(r, false))
            .collect();
        write_table(
            out,
            &[
                "CERTIFICATE AUTHORITY",
                "EXPIRES",
                "RESIDUAL TIME",
                "EXTERNALLY MANAGED",
            ],
            &cas,
        )
    }
}

#[derive(Serialize)]
#[serde(transparent)]
struct RenewOut(renew::RenewReport);

impl Render for RenewOut {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let r = &self.0;
        for x in &r.renewed {
            writeln!(
                out,
                "renewed {} (was valid until {}, now until {})",
                x.name, x.old_not_after, x.new_not_after
            )?;
        }
        for n in &r.not_due {
            writeln!(out, "not due: {n}")?;
        }
        for m in &r.missing {
            writeln!(
                out,
                "!MISSING! {} ({}): {}",
                m.name,
                m.path.display(),
                m.hint
            )?;
        }
        if r.renewed.is_empty() {
            writeln!(out, "nothing renewed")?;
        }
        if let Some(b) = &r.backup_dir {
            writeln!(out, "previous files backed up in {}", b.display())?;
        }
        for p in &r.restarted {
            writeln!(
                out,
                "restarting {p} (manifest re-written; the kubelet recreates the pod)"
            )?;
        }
        if let Some(why) = &r.restart_skipped {
            writeln!(out, "static pods not restarted ({why}): restart them yourself so they load the new certificates")?;
        }
        Ok(())
    }
}
