//! kubeadm's PKI: the certificate table, issuing, loading and verifying.
//!
//! Re-running is safe: an existing certificate is reused when its key
//! matches, its chain verifies, it is in date and it carries the subject and
//! SANs the configuration asks for; otherwise kforge stops with an error that
//! names the file and what is wrong, and never replaces it. A CA certificate
//! without its key is external-CA mode: kforge only verifies.

pub mod expiry;
pub mod inspect;
pub mod issue;
pub mod keys;
pub mod renew;
pub mod table;

pub use inspect::CertInfo;
pub use issue::{CertRequest, SigningCa, Validity};
pub use keys::KeyAlgorithm;
pub use table::{CertSpec, CERTS};

use crate::install::{Installer, Outcome};
use crate::node::{read_string, Node};
use anyhow::{anyhow, bail, Context, Result};
use ipnet::IpNet;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use table::{CommonName, SanRule};
use time::OffsetDateTime;

/// File modes kubeadm uses.
pub const KEY_MODE: u32 = 0o600;
pub const CERT_MODE: u32 = 0o644;

/// Everything the table's SAN rules and names need from the cluster spec.
#[derive(Debug, Clone)]
pub struct PkiSettings {
    /// Certificates directory as seen on the node.
    pub cert_dir: PathBuf,
    /// Where new keys come from (kubeadm's `encryptionAlgorithm`).
    pub keys: std::sync::Arc<keys::KeyPool>,
    pub validity: Validity,
    pub node_name: String,
    pub advertise_address: IpAddr,
    pub dns_domain: String,
    pub service_subnets: Vec<IpNet>,
    pub control_plane_endpoint_host: Option<String>,
    pub api_server_cert_sans: Vec<String>,
    pub etcd_server_cert_sans: Vec<String>,
    pub etcd_peer_cert_sans: Vec<String>,
}

impl PkiSettings {
    pub fn cert_path(&self, base: &str) -> PathBuf {
        table::cert_file(&self.cert_dir, base)
    }
    pub fn key_path(&self, base: &str) -> PathBuf {
        table::key_file(&self.cert_dir, base)
    }

    /// The certificate `spec` should be, for this cluster and node.
    pub fn request(&self, spec: &CertSpec) -> CertRequest {
        CertRequest {
            common_name: match spec.cn {
                CommonName::Fixed(cn) => cn.to_string(),
                CommonName::NodeName => self.node_name.clone(),
            },
            organizations: spec.organizations.iter().map(|s| s.to_string()).collect(),
            sans: self.sans(spec.sans),
            usages: spec.usages.to_vec(),
            is_ca: spec.is_ca(),
        }
    }

    fn sans(&self, rule: SanRule) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let etcd = |extra: &[String]| {
            let mut v = vec![
                self.node_name.clone(),
                "localhost".to_string(),
                self.advertise_address.to_string(),
                "127.0.0.1".to_string(),
                "::1".to_string(),
            ];
            v.extend(extra.iter().cloned());
            v
        };
        match rule {
            SanRule::None => {}
            SanRule::ApiServer => {
                out.push(self.node_name.clone());
                out.extend(
                    ["kubernetes", "kubernetes.default", "kubernetes.default.svc"]
                        .map(String::from),
                );
                out.push(format!("kubernetes.default.svc.{}", self.dns_domain));
                // kubeadm: only the primary (first) service subnet's
                // `kubernetes` Service IP, also when dual-stack.
                out.extend(
                    self.service_subnets
                        .first()
                        .and_then(api_server_virtual_ip)
                        .map(|ip| ip.to_string()),
                );
                out.push(self.advertise_address.to_string());
                out.extend(self.control_plane_endpoint_host.iter().cloned());
                out.extend(self.api_server_cert_sans.iter().cloned());
            }
            SanRule::EtcdServer => out = etcd(&self.etcd_server_cert_sans),
            SanRule::EtcdPeer => out = etcd(&self.etcd_peer_cert_sans),
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|s| seen.insert(normalize_san(s)));
        out
    }
}

fn normalize_san(s: &str) -> String {
    match s.parse::<IpAddr>() {
        Ok(ip) => ip.to_string(),
        Err(_) => s.to_ascii_lowercase(),
    }
}

/// The `kubernetes` Service's ClusterIP: the subnet's network address + 1
/// (kubeadm's `GetAPIServerVirtualIP`), for IPv4 and IPv6 alike. `None`
/// when the subnet has no second address.
pub fn api_server_virtual_ip(net: &IpNet) -> Option<IpAddr> {
    nth_ip(net, 1)
}

/// The n-th address of a subnet (n = 10 is the cluster DNS address).
pub fn nth_ip(net: &IpNet, n: u32) -> Option<IpAddr> {
    match net.network() {
        IpAddr::V4(a) => u32::from(a)
            .checked_add(n)
            .map(|x| IpAddr::from(std::net::Ipv4Addr::from(x)))
            .filter(|ip| net.contains(ip)),
        IpAddr::V6(a) => u128::from(a)
            .checked_add(n as u128)
            .map(|x| IpAddr::from(std::net::Ipv6Addr::from(x)))
            .filter(|ip| net.contains(ip)),
    }
}

/// A certificate and, when present, its private key, read from the node.
pub struct LoadedCert {
    pub cert: CertInfo,
    pub key: Option<rcgen::KeyPair>,
}

/// Reads `<base>.crt` and `<base>.key`. `Ok(None)` when the certificate is absent.
pub fn load(node: &dyn Node, s: &PkiSettings, base: &str) -> Result<Option<LoadedCert>> {
    let cert_path = s.cert_path(base);
    let key_path = s.key_path(base);
    let Some(text) = read_string(node, &cert_path)? else {
        if node.exists(&key_path)? {
            bail!(
                "{}: private key present but its certificate {} is missing",
                node.real_path(&key_path).display(),
                node.real_path(&cert_path).display()
            );
        }
        return Ok(None);
    };
    let cert = CertInfo::from_pem(&text)
        .with_context(|| node.real_path(&cert_path).display().to_string())?;
    let key = match read_string(node, &key_path)? {
        None => None,
        Some(k) => Some(
            keys::load_private_key(&k)
                .with_context(|| node.real_path(&key_path).display().to_string())?,
        ),
    };
    if let Some(k) = &key {
        if !cert.matches_key(k) {
            bail!(
                "{}: private key does not belong to certificate {}",
                node.real_path(&key_path).display(),
                node.real_path(&cert_path).display()
            );
        }
    }
    Ok(Some(LoadedCert { cert, key }))
}

/// Loads the CA that signs `spec`, able to sign (its key present).
pub fn signing_ca(node: &dyn Node, s: &PkiSettings, ca_base: &str) -> Result<SigningCa> {
    let ca = load(node, s, ca_base)?.ok_or_else(|| {
        anyhow!(
            "CA certificate {} is missing: create it first (kforge init phase certs {})",
            node.real_path(&s.cert_path(ca_base)).display(),
            table::find(ca_base).map(|c| c.name).unwrap_or(ca_base)
        )
    })?;
    let key = ca.key.ok_or_else(|| {
        anyhow!(
            "external CA mode: {} is present without {}, so kforge cannot sign with it; \
             provide the certificates it would sign yourself",
            node.real_path(&s.cert_path(ca_base)).display(),
            node.real_path(&s.key_path(ca_base)).display()
        )
    })?;
    Ok(SigningCa { cert: ca.cert, key })
}

/// Makes sure `spec`'s certificate exists and is right; creates it if
/// absent. An existing certificate that does not fit is an error, unless
/// the installer may replace it ([`Installer::may_replace`]: `--force`).
pub fn ensure_cert(
    inst: &Installer,
    s: &PkiSettings,
    spec: &CertSpec,
    now: OffsetDateTime,
) -> Result<Outcome> {
    let node = inst.node();
    let cert_path = s.cert_path(spec.base);
    match check_existing(node, s, spec, now) {
        Ok(Some(outcome)) => {
            inst.note(&cert_path, outcome, CERT_MODE);
            return Ok(outcome);
        }
        Ok(None) => {}
        Err(_) if inst.may_replace(&cert_path) => {}
        Err(e) => return Err(e),
    }
    let req = s.request(spec);
    let ca = match spec.ca {
        None => None,
        Some(ca_base) => Some(signing_ca(node, s, ca_base)?),
    };
    let key = s.keys.take()?;
    let cert = issue::issue(&req, &key, ca.as_ref(), s.validity, now)?;
    inst.install(
        &s.key_path(spec.base),
        keys::private_key_pem(&key)?.as_bytes(),
        KEY_MODE,
    )?;
    inst.install(&cert_path, cert.pem.as_bytes(), CERT_MODE)
}

/// What `ensure_cert` would find, without writing: `Ok(None)` when the
/// certificate is absent (it will be created), `Ok(Some(outcome))` when the
/// existing one fits (reused, or verified external CA), `Err` naming the
/// file and what is wrong when it does not. Init's preflight runs this for
/// every row so it reports every conflict at once, before writing anything.
pub fn check_existing(
    node: &dyn Node,
    s: &PkiSettings,
    spec: &CertSpec,
    now: OffsetDateTime,
) -> Result<Option<Outcome>> {
    let cert_path = s.cert_path(spec.base);
    let req = s.request(spec);
    let shown = node.real_path(&cert_path);
    if let Some(existing) = load(node, s, spec.base)? {
        let ca = match spec.ca {
            None => None,
            Some(ca_base) => Some(load(node, s, ca_base)?.ok_or_else(|| {
                anyhow!(
                    "{} exists but its CA {} is missing",
                    shown.display(),
                    node.real_path(&s.cert_path(ca_base)).display()
                )
            })?),
        };
        verify_existing(&existing.cert, ca.as_ref().map(|c| &c.cert), &req, now).with_context(
            || {
                format!(
                    "existing certificate {} does not match the configuration; \
                     move it and its key away to have kforge create a new one",
                    shown.display()
                )
            },
        )?;
        let outcome = if existing.key.is_none() {
            if spec.is_ca() {
                Outcome::External
            } else {
                bail!(
                    "{}: certificate present but its key {} is missing",
                    shown.display(),
                    node.real_path(&s.key_path(spec.base)).display()
                );
            }
        } else {
            Outcome::Reused
        };
        return Ok(Some(outcome));
    }
    Ok(None)
}

/// Checks an existing certificate against what the configuration asks for.
pub fn verify_existing(
    cert: &CertInfo,
    ca: Option<&CertInfo>,
    req: &CertRequest,
    now: OffsetDateTime,
) -> Result<()> {
    cert.check_validity(now)?;
    match ca {
        None => {
            if !cert.is_ca {
                bail!("is not a CA certificate");
            }
            cert.verify_signed_by(cert)
                .map_err(|_| anyhow!("is not self-signed"))?;
        }
        Some(ca) => {
            cert.verify_signed_by(ca)?;
            ca.check_validity(now).context("its CA")?;
        }
    }
    if cert.common_name != req.common_name {
        bail!(
            "subject CN is {:?}, expected {:?}",
            cert.common_name,
            req.common_name
        );
    }
    let missing: Vec<&str> = req
        .sans
        .iter()
        .filter(|s| !cert.has_san(s))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        bail!("missing subject alternative names: {}", missing.join(", "));
    }
    Ok(())
}

/// Makes sure the service-account key pair exists (`sa.key`, `sa.pub`).
pub fn ensure_sa(inst: &Installer, s: &PkiSettings) -> Result<Outcome> {
    let node = inst.node();
    let key_path = s.cert_dir.join(table::SA_KEY);
    let pub_path = s.cert_dir.join(table::SA_PUB);
    match check_sa(node, s) {
        Ok(Some(outcome)) => {
            if outcome == Outcome::Reused {
                inst.note(&key_path, outcome, KEY_MODE);
            }
            inst.note(&pub_path, outcome, KEY_MODE);
            return Ok(outcome);
        }
        Ok(None) => {}
        Err(_) if inst.may_replace(&key_path) => {}
        Err(e) => return Err(e),
    }
    let key = s.keys.take()?;
    inst.install(&key_path, keys::private_key_pem(&key)?.as_bytes(), KEY_MODE)?;
    // kubeadm writes sa.pub through its key writer: 0600 too.
    inst.install(&pub_path, keys::public_key_pem(&key).as_bytes(), KEY_MODE)
}

/// As [`check_existing`], for the service-account key pair.
pub fn check_sa(node: &dyn Node, s: &PkiSettings) -> Result<Option<Outcome>> {
    let key_path = s.cert_dir.join(table::SA_KEY);
    let pub_path = s.cert_dir.join(table::SA_PUB);
    match (read_string(node, &key_path)?, read_string(node, &pub_path)?) {
        (Some(k), Some(p)) => {
            let key = keys::load_private_key(&k)
                .with_context(|| node.real_path(&key_path).display().to_string())?;
            if pem_body(&p) != pem_body(&keys::public_key_pem(&key)) {
                bail!(
                    "{} does not hold the public half of {}",
                    node.real_path(&pub_path).display(),
                    node.real_path(&key_path).display()
                );
            }
            Ok(Some(Outcome::Reused))
        }
        // Like kubeadm: a public key alone means the signing key lives elsewhere.
        (None, Some(_)) => Ok(Some(Outcome::External)),
        (Some(_), None) => bail!(
            "{} exists without {}",
            node.real_path(&key_path).display(),
            node.real_path(&pub_path).display()
        ),
        (None, None) => Ok(None),
    }
}

fn pem_body(p: &str) -> String {
    p.split_whitespace().collect()
}

/// The file paths of a table row, for messages and reports.
pub fn files_of(s: &PkiSettings, spec: &CertSpec) -> [PathBuf; 2] {
    [s.cert_path(spec.base), s.key_path(spec.base)]
}

/// Whether a path is below the certificates directory (for reports).
pub fn is_pki_path(s: &PkiSettings, p: &Path) -> bool {
    p.starts_with(&s.cert_dir)
}
