//! Reading certificates back: subject, SANs, validity, chain and key checks.

use super::keys;
use anyhow::{anyhow, bail, Context, Result};
use rcgen::{KeyPair, PublicKeyData};
use std::net::IpAddr;
use time::OffsetDateTime;
use x509_parser::extensions::GeneralName;
use x509_parser::prelude::{FromDer, X509Certificate};

/// What kforge needs to know about a certificate.
#[derive(Debug, Clone)]
pub struct CertInfo {
    pub pem: String,
    pub der: Vec<u8>,
    pub common_name: String,
    pub organizations: Vec<String>,
    pub issuer_common_name: String,
    pub dns_names: Vec<String>,
    pub ip_addresses: Vec<IpAddr>,
    pub not_before: OffsetDateTime,
    pub not_after: OffsetDateTime,
    pub is_ca: bool,
    pub spki_der: Vec<u8>,
    pub serial_hex: String,
}

impl CertInfo {
    /// Parses the first certificate of a PEM file.
    pub fn from_pem(text: &str) -> Result<CertInfo> {
        let block = pem::parse(text).context("not a PEM certificate")?;
        if block.tag() != "CERTIFICATE" {
            bail!("expected a CERTIFICATE PEM block, found {:?}", block.tag());
        }
        let mut info = CertInfo::from_der(block.contents())?;
        info.pem = keys::pem_encode("CERTIFICATE", block.contents());
        Ok(info)
    }

    pub fn from_der(der: &[u8]) -> Result<CertInfo> {
        let (_, cert) = X509Certificate::from_der(der).context("not a valid X.509 certificate")?;
        let attr = |it: x509_parser::x509::X509Name<'_>, cn: bool| -> Vec<String> {
            let iter: Vec<_> = if cn {
                it.iter_common_name().collect()
            } else {
                it.iter_organization().collect()
            };
            iter.into_iter()
                .filter_map(|a| a.as_str().ok().map(str::to_string))
                .collect()
        };
        let mut dns_names = Vec::new();
        let mut ip_addresses = Vec::new();
        if let Ok(Some(san)) = cert.subject_alternative_name() {
            for name in &san.value.general_names {
                match name {
                    GeneralName::DNSName(d) => dns_names.push(d.to_string()),
                    GeneralName::IPAddress(b) => {
                        if let Ok(a) = <[u8; 4]>::try_from(*b) {
                            ip_addresses.push(IpAddr::from(a));
                        } else if let Ok(a) = <[u8; 16]>::try_from(*b) {
                            ip_addresses.push(IpAddr::from(a));
                        }
                    }
                    _ => {}
                }
            }
        }
        Ok(CertInfo {
            pem: keys::pem_encode("CERTIFICATE", der),
            der: der.to_vec(),
            common_name: attr(cert.subject().clone(), true)
                .into_iter()
                .next()
                .unwrap_or_default(),
            organizations: attr(cert.subject().clone(), false),
            issuer_common_name: attr(cert.issuer().clone(), true)
                .into_iter()
                .next()
                .unwrap_or_default(),
            dns_names,
            ip_addresses,
            not_before: cert.validity().not_before.to_datetime(),
            not_after: cert.validity().not_after.to_datetime(),
            is_ca: cert.is_ca(),
            spki_der: cert.public_key().raw.to_vec(),
            serial_hex: cert.raw_serial_as_string(),
        })
    }

    /// Checks the signature against `ca`'s public key.
    pub fn verify_signed_by(&self, ca: &CertInfo) -> Result<()> {
        let (_, cert) = X509Certificate::from_der(&self.der)?;
        let (_, ca_cert) = X509Certificate::from_der(&ca.der)?;
        cert.verify_signature(Some(ca_cert.public_key()))
            .map_err(|_| anyhow!("not signed by CA {:?}", ca.common_name))
    }

    /// Whether `key` is the private half of this certificate's public key.
    pub fn matches_key(&self, key: &KeyPair) -> bool {
        key.subject_public_key_info() == self.spki_der
    }

    /// Time left until expiry (negative once expired).
    pub fn remaining(&self, now: OffsetDateTime) -> time::Duration {
        self.not_after - now
    }

    /// Whether `now` is inside the validity window.
    pub fn check_validity(&self, now: OffsetDateTime) -> Result<()> {
        if now < self.not_before {
            bail!("not valid before {}", self.not_before);
        }
        if now > self.not_after {
            bail!("expired on {}", self.not_after);
        }
        Ok(())
    }

    /// Whether the certificate covers a SAN given as text (IP or DNS name).
    pub fn has_san(&self, san: &str) -> bool {
        match san.parse::<IpAddr>() {
            Ok(ip) => self.ip_addresses.contains(&ip),
            Err(_) => self.dns_names.iter().any(|d| d.eq_ignore_ascii_case(san)),
        }
    }
}
