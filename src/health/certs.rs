//! Certificates: every one of the table and every kubeconfig client
//! certificate must chain to its CA and be in date; under 30 days is a warning.

use super::{Check, Settings, Status};
use crate::pki::expiry;
use time::OffsetDateTime;

const T: &str = "certs";

pub fn checks(s: &Settings) -> Vec<Check> {
    let now = OffsetDateTime::now_utc();
    let found = match crate::certs::scan(s.node, &s.pki) {
        Ok(f) => f,
        Err(e) => return vec![Check::read_failed(T, "read", &e)],
    };
    if found.is_empty() {
        return vec![Check::new(
            T,
            "present",
            Status::Fail,
            format!(
                "no certificates under {}",
                s.node.real_path(&s.pki.cert_dir).display()
            ),
        )
        .hint("create them: kforge init phase certs all")];
    }
    let mut out = Vec::new();
    for f in &found {
        let left = f.cert.remaining(now);
        let chain = match f.ca {
            None => f.cert.verify_signed_by(&f.cert).map_err(|e| e.to_string()),
            Some(ca) => expiry::ca_cert(s.node, &s.pki, ca)
                .map_err(|e| format!("{e:#}"))
                .and_then(|ca| f.cert.verify_signed_by(&ca).map_err(|e| e.to_string())),
        };
        let renew = if f.ca.is_none() {
            "a CA cannot be renewed in place: plan a CA rotation".to_string()
        } else if f.externally_managed {
            "externally managed: renew it with your CA".to_string()
        } else {
            format!("kforge certs renew {}", f.name)
        };
        let check = match chain {
            Err(e) => Check::new(
                T,
                &f.name,
                Status::Fail,
                format!("{}: {e}", f.path.display()),
            )
            .hint("re-issue it from the right CA: kforge certs renew".to_string()),
            Ok(()) if left.is_negative() => Check::new(
                T,
                &f.name,
                Status::Fail,
                format!("expired on {}", rfc3339(f.cert.not_after)),
            )
            .hint(renew),
            Ok(()) if now < f.cert.not_before => Check::new(
                T,
                &f.name,
                Status::Fail,
                format!(
                    "not valid before {} (clock skew?)",
                    rfc3339(f.cert.not_before)
                ),
            ),
            Ok(()) if left < s.warn_expiry => Check::new(
                T,
                &f.name,
                Status::Warn,
                format!(
                    "expires in {} ({})",
                    expiry::residual(left),
                    rfc3339(f.cert.not_after)
                ),
            )
            .hint(renew),
            Ok(()) => Check::new(
                T,
                &f.name,
                Status::Ok,
                format!("valid for {}", expiry::residual(left)),
            ),
        };
        out.push(check);
    }
    match crate::certs::missing(s.node, &s.pki) {
        Ok(missing) => out.extend(missing.into_iter().map(|m| {
            Check::new(
                T,
                &m.name,
                Status::Fail,
                format!("{} is missing", m.path.display()),
            )
            .hint(m.hint)
        })),
        Err(e) => out.push(Check::new(T, "read", Status::Fail, format!("{e:#}"))),
    }
    out
}

/// Dates in messages as everywhere else in kforge's output: RFC 3339, UTC.
fn rfc3339(t: time::OffsetDateTime) -> String {
    t.to_offset(time::UtcOffset::UTC)
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|_| t.to_string())
}
