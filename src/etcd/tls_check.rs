//! Checks the etcd client's TLS files before connecting. A missing,
//! unreadable, expired or mismatched file then fails in one line that names
//! the file and the reason ("expired on DATE", "does not match the
//! certificate", "no such file") instead of the TLS stack's "transport
//! error" or "BadCertificate" after a network round trip.

use super::client::EtcdEndpoint;
use crate::pki::inspect::CertInfo;
use crate::pki::keys;
use anyhow::{bail, Context, Result};
use std::path::Path;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Checks every TLS file `ep` names, as of `now`.
pub fn check_client_files(ep: &EtcdEndpoint, now: OffsetDateTime) -> Result<()> {
    if let Some(ca) = &ep.ca_file {
        let ca_cert = read_cert(ca, "CA certificate (--cacert)")?;
        check_dates(&ca_cert, ca, "CA certificate (--cacert)", now)?;
    }
    match (&ep.cert_file, &ep.key_file) {
        (Some(c), Some(k)) => {
            let what = "client certificate (--cert)";
            let cert = read_cert(c, what)?;
            check_dates(&cert, c, what, now)?;
            let text = read_text(k, "client key (--key)")?;
            let key = keys::load_private_key(&text)
                .with_context(|| format!("etcd client key (--key) {}", k.display()))?;
            if !cert.matches_key(&key) {
                bail!(
                    "etcd client key (--key) {} does not match the client certificate {}",
                    k.display(),
                    c.display()
                );
            }
        }
        (None, None) => {}
        (Some(c), None) => bail!(
            "etcd client certificate {} is given without its key: add --key",
            c.display()
        ),
        (None, Some(k)) => bail!(
            "etcd client key {} is given without its certificate: add --cert",
            k.display()
        ),
    }
    Ok(())
}

fn read_text(path: &Path, what: &str) -> Result<String> {
    match fs_err::read(path) {
        Ok(b) => String::from_utf8(b)
            .map_err(|_| anyhow::anyhow!("etcd {what} {}: not a PEM file", path.display())),
        // A path that is not there is a usage or config error (exit 2),
        // as `etcd status` says it; a bad file is a failure.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(crate::exit::usage(format!(
            "etcd {what} {}: no such file",
            path.display()
        ))),
        Err(e) => Err(anyhow::Error::from(e).context(format!("etcd {what}"))),
    }
}

fn read_cert(path: &Path, what: &str) -> Result<CertInfo> {
    let text = read_text(path, what)?;
    CertInfo::from_pem(&text).with_context(|| format!("etcd {what} {}", path.display()))
}

fn check_dates(cert: &CertInfo, path: &Path, what: &str, now: OffsetDateTime) -> Result<()> {
    let date = |t: OffsetDateTime| t.format(&Rfc3339).unwrap_or_else(|_| t.to_string());
    if now > cert.not_after {
        bail!(
            "etcd {what} {} expired on {}",
            path.display(),
            date(cert.not_after)
        );
    }
    if now < cert.not_before {
        bail!(
            "etcd {what} {} is not valid before {}",
            path.display(),
            date(cert.not_before)
        );
    }
    Ok(())
}
