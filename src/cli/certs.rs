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
    #[arg(required = true, value_name = "NAME")]
    pub names: Vec<String>,
    /// Renew only certificates expiring within DURATION (e.g. 30d); safe to run from cron.
    #[arg(long, value_name = "DURATION", value_parser = crate::spec::load::parse_duration)]
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
            let found = crate::certs::scan(&node, &pki)?;
            if found.is_empty() {
                anyhow::bail!(
                    "no certificates found under {}",
                    node_real(&node, &a.cert_dir)
                );
            }
            p.emit(&ExpiryTable(expiry::rows(
                &found,
                OffsetDateTime::now_utc(),
            )))?;
            Ok(ExitStatus::Success)
        }
        CertsCommand::Renew(a) => {
            if a.names.len() > 1 && a.names.iter().any(|n| n == "all") {
                return Err(usage("`all` renews everything; give it alone"));
            }
            let pki = crate::spec::ClusterSpec::pki_settings_for_dir(Path::new(&a.dir.cert_dir));
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
            p.emit(&RenewOut(result?))?;
            Ok(ExitStatus::Success)
        }
    }
}

fn node_real(node: &LocalNode, p: &str) -> String {
    use crate::node::Node;
    node.real_path(Path::new(p)).display().to_string()
}

#[derive(Serialize)]
#[serde(transparent)]
struct ExpiryTable(Vec<expiry::ExpiryRow>);

impl Render for ExpiryTable {
    fn render_table(&self, out: &mut dyn Write) -> std::io::Result<()> {
        let yes_no = |b: bool| if b { "yes" } else { "no" }.to_string();
        let leaves: Vec<Vec<String>> = self
            .0
            .iter()
            .filter(|r| !r.is_ca)
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.expires.clone(),
                    r.residual.clone(),
                    r.certificate_authority.clone(),
                    yes_no(r.externally_managed),
                ]
            })
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
            .0
            .iter()
            .filter(|r| r.is_ca)
            .map(|r| {
                vec![
                    r.name.clone(),
                    r.expires.clone(),
                    r.residual.clone(),
                    yes_no(r.externally_managed),
                ]
            })
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
