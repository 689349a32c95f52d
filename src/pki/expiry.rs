//! What `certs check-expiration`, `certs renew` and `health` need to know
//! about a certificate of a node, each with its CA. This module scans the
//! certificate table's files; [`crate::kubeconfig::scan`] adds the client
//! certificates embedded in kubeconfigs, and [`crate::certs`] puts both
//! together.

use super::{table, CertInfo, PkiSettings, CERTS};
use crate::node::{read_string, Node};
use anyhow::{anyhow, Context, Result};
use std::path::PathBuf;
use time::OffsetDateTime;

/// Where a certificate lives.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// `<cert dir>/<base>.crt` of a table row.
    Pki(&'static table::CertSpec),
    /// The client certificate embedded in a kubeconfig (its table row's file name).
    Kubeconfig(&'static str),
}

/// One certificate found on the node.
#[derive(Debug, Clone)]
pub struct Found {
    pub name: String,
    pub location: Location,
    pub path: PathBuf,
    pub cert: CertInfo,
    /// Base name of the signing CA (`None` for a CA).
    pub ca: Option<&'static str>,
    /// The CA's key is absent: renewals must happen outside kforge.
    pub externally_managed: bool,
}

/// A row of `certs check-expiration`: a certificate found, or one the
/// node should have and does not (`missing`).
#[derive(Debug, Clone)]
pub struct ExpiryRow {
    pub name: String,
    pub path: PathBuf,
    /// `None` when missing.
    pub not_after: Option<OffsetDateTime>,
    pub residual_seconds: i64,
    /// The signing CA's row name (`ca`, `etcd-ca`, ...); empty for a CA.
    pub ca_name: String,
    pub externally_managed: bool,
    pub is_ca: bool,
    pub missing: bool,
}

/// RFC 3339 in UTC (`2036-11-28T20:15:00Z`): how dates appear in JSON/YAML.
pub fn rfc3339(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .replace_nanosecond(0)
        .unwrap_or(t)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// kubeadm's table date: `Nov 28, 2036 20:15 UTC`.
pub fn table_date(t: OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::macros::format_description!(
            "[month repr:short] [day], [year] [hour]:[minute] UTC"
        ))
        .unwrap_or_default()
}

/// `365d`, `9y`, `3h`, like kubeadm's residual time column; `<invalid>` once expired.
pub fn residual(d: time::Duration) -> String {
    let s = d.whole_seconds();
    if s <= 0 {
        return "<invalid>".into();
    }
    let days = s / 86_400;
    if days >= 365 * 2 {
        format!("{}y", days / 365)
    } else if days >= 1 {
        format!("{days}d")
    } else if s >= 3600 {
        format!("{}h", s / 3600)
    } else {
        format!("{}m", s / 60)
    }
}

/// Every certificate of the table that exists on the node (for the missing
/// ones see [`crate::certs::missing`]).
pub fn scan_table(node: &dyn Node, s: &PkiSettings) -> Result<Vec<Found>> {
    let mut out = Vec::new();
    let ca_key_present = |base: &str| node.exists(&s.key_path(base)).unwrap_or(false);
    for spec in CERTS {
        let path = s.cert_path(spec.base);
        let Some(text) = read_string(node, &path)? else {
            continue;
        };
        let cert = CertInfo::from_pem(&text)
            .with_context(|| node.real_path(&path).display().to_string())?;
        let signer = spec.ca.unwrap_or(spec.base);
        out.push(Found {
            name: spec.name.to_string(),
            location: Location::Pki(spec),
            path: node.real_path(&path),
            cert,
            ca: spec.ca,
            externally_managed: !ca_key_present(signer),
        });
    }
    Ok(out)
}

/// Loads a CA certificate by base name.
pub fn ca_cert(node: &dyn Node, s: &PkiSettings, base: &str) -> Result<CertInfo> {
    let path = s.cert_path(base);
    let text = read_string(node, &path)?.ok_or_else(|| {
        anyhow!(
            "{}: CA certificate missing",
            node.real_path(&path).display()
        )
    })?;
    CertInfo::from_pem(&text).with_context(|| node.real_path(&path).display().to_string())
}

/// The rows of `certs check-expiration`, found and missing, sorted by name
/// as kubeadm prints them.
pub fn rows(
    found: &[Found],
    missing: &[(String, PathBuf, Option<&'static str>)],
    now: OffsetDateTime,
) -> Vec<ExpiryRow> {
    let ca_name = |ca: Option<&'static str>| {
        ca.and_then(table::find)
            .map(|c| c.name.to_string())
            .unwrap_or_default()
    };
    let mut rows: Vec<ExpiryRow> = found
        .iter()
        .map(|f| {
            let left = f.cert.remaining(now);
            ExpiryRow {
                name: f.name.clone(),
                path: f.path.clone(),
                not_after: Some(f.cert.not_after),
                residual_seconds: left.whole_seconds(),
                ca_name: ca_name(f.ca),
                externally_managed: f.externally_managed,
                is_ca: f.ca.is_none(),
                missing: false,
            }
        })
        .chain(missing.iter().map(|(name, path, ca)| ExpiryRow {
            name: name.clone(),
            path: path.clone(),
            not_after: None,
            residual_seconds: 0,
            ca_name: ca_name(*ca),
            externally_managed: false,
            is_ca: ca.is_none(),
            missing: true,
        }))
        .collect();
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}
