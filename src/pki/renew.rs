//! Re-issuing a certificate from the same CA with the same subject, SANs
//! and key type (`certs renew`). Which certificates to renew, backups and
//! restarts are [`crate::certs`]'s job; this module only makes the new
//! certificate and writes a table row's files.

use super::expiry::Found;
use super::table::{CertSpec, Usage};
use super::{issue, keys, CertRequest, PkiSettings, CERT_MODE, KEY_MODE};
use crate::install::Installer;
use anyhow::{anyhow, Result};
use time::OffsetDateTime;

/// A renewed certificate and its new key.
pub struct Reissued {
    pub cert_pem: String,
    pub key_pem: String,
    pub not_after: OffsetDateTime,
}

/// A new certificate for `f` from its CA: same subject, SANs and key type,
/// the given usages, a new key and a new validity period.
pub fn reissue(
    inst: &Installer,
    s: &PkiSettings,
    f: &Found,
    usages: &[Usage],
    now: OffsetDateTime,
) -> Result<Reissued> {
    let ca_base =
        f.ca.ok_or_else(|| anyhow!("{}: a CA is not renewed in place", f.name))?;
    let ca = super::signing_ca(inst.node(), s, ca_base)?;
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
        usages: usages.to_vec(),
        is_ca: false,
    };
    let alg = keys::KeyAlgorithm::of_spki(&f.cert.spki_der).unwrap_or(s.keys.algorithm());
    let key = alg.generate()?;
    let cert = issue::issue(&req, &key, Some(&ca), s.validity, now)?;
    Ok(Reissued {
        key_pem: keys::private_key_pem(&key)?,
        not_after: cert.not_after,
        cert_pem: cert.pem,
    })
}

/// Writes a renewed table certificate and its key over the old ones.
pub fn install(inst: &Installer, s: &PkiSettings, spec: &CertSpec, r: &Reissued) -> Result<()> {
    inst.install_allowing(&s.key_path(spec.base), r.key_pem.as_bytes(), KEY_MODE, true)?;
    inst.install_allowing(
        &s.cert_path(spec.base),
        r.cert_pem.as_bytes(),
        CERT_MODE,
        true,
    )?;
    Ok(())
}
