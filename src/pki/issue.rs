//! Making certificates: one request type for CAs, serving and client
//! certificates (the table's rows, kubeconfig users and joined nodes all
//! become a [`CertRequest`]).

use super::inspect::CertInfo;
use super::table::Usage;
use anyhow::{Context, Result};
use rcgen::{
    BasicConstraints, CertificateParams, DistinguishedName, DnType, ExtendedKeyUsagePurpose, IsCa,
    Issuer, KeyPair, KeyUsagePurpose, SanType, SerialNumber,
};
use std::net::IpAddr;
use time::{Duration, OffsetDateTime};

/// kubeadm's validity periods (v1beta4 `caCertificateValidityPeriod` and
/// `certificateValidityPeriod` override them).
pub const CA_VALIDITY: Duration = Duration::days(3650);
pub const LEAF_VALIDITY: Duration = Duration::days(365);
/// kubeadm back-dates NotBefore so that nodes with slightly skewed clocks
/// accept a certificate at once.
pub const BACKDATE: Duration = Duration::minutes(5);

#[derive(Debug, Clone, Copy)]
pub struct Validity {
    pub ca: Duration,
    pub leaf: Duration,
}

impl Default for Validity {
    fn default() -> Self {
        Validity {
            ca: CA_VALIDITY,
            leaf: LEAF_VALIDITY,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CertRequest {
    pub common_name: String,
    pub organizations: Vec<String>,
    /// DNS names and IP addresses, as text; IPs are told apart by parsing.
    pub sans: Vec<String>,
    pub usages: Vec<Usage>,
    pub is_ca: bool,
}

/// A CA able to sign: its certificate and private key.
pub struct SigningCa {
    pub cert: CertInfo,
    pub key: KeyPair,
}

/// Signs `req` for `key`: self-signed when `ca` is `None`.
pub fn issue(
    req: &CertRequest,
    key: &KeyPair,
    ca: Option<&SigningCa>,
    validity: Validity,
    now: OffsetDateTime,
) -> Result<CertInfo> {
    let mut params = CertificateParams::default();
    let mut dn = DistinguishedName::new();
    for o in &req.organizations {
        dn.push(DnType::OrganizationName, o.as_str());
    }
    dn.push(DnType::CommonName, req.common_name.as_str());
    params.distinguished_name = dn;
    params.serial_number = Some(random_serial());
    params.not_before = now - BACKDATE;
    params.not_after = now
        + if req.is_ca {
            validity.ca
        } else {
            validity.leaf
        };
    params.use_authority_key_identifier_extension = ca.is_some();
    if req.is_ca {
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
            KeyUsagePurpose::KeyCertSign,
        ];
    } else {
        params.key_usages = vec![
            KeyUsagePurpose::DigitalSignature,
            KeyUsagePurpose::KeyEncipherment,
        ];
        params.extended_key_usages = req
            .usages
            .iter()
            .map(|u| match u {
                Usage::ServerAuth => ExtendedKeyUsagePurpose::ServerAuth,
                Usage::ClientAuth => ExtendedKeyUsagePurpose::ClientAuth,
            })
            .collect();
    }
    for san in &req.sans {
        params.subject_alt_names.push(match san.parse::<IpAddr>() {
            Ok(ip) => SanType::IpAddress(ip),
            Err(_) => SanType::DnsName(san.as_str().try_into().with_context(|| {
                format!("invalid DNS name {san:?} in subject alternative names")
            })?),
        });
    }
    let cert = match ca {
        None => params.self_signed(key),
        Some(ca) => {
            let issuer = Issuer::from_ca_cert_der(&ca.cert.der.clone().into(), &ca.key)
                .context("reading the signing CA")?;
            params.signed_by(key, &issuer)
        }
    }
    .with_context(|| format!("signing certificate {:?}", req.common_name))?;
    CertInfo::from_der(cert.der())
}

/// A positive random serial of 128 bits, like Go's crypto/rand serials.
fn random_serial() -> SerialNumber {
    let mut bytes: [u8; 16] = rand::random();
    bytes[0] &= 0x7f;
    if bytes[0] == 0 {
        bytes[0] = 1;
    }
    SerialNumber::from_slice(&bytes)
}
