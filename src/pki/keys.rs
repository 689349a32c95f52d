//! Private keys: generation, kubeadm's PEM encodings, loading.
//!
//! kubeadm writes RSA keys as PKCS#1 (`RSA PRIVATE KEY`) and ECDSA keys as
//! SEC1 (`EC PRIVATE KEY`); we write the same so tools and scripts that grep
//! for those headers keep working. Loading accepts PKCS#1, SEC1 and PKCS#8.

use anyhow::{anyhow, bail, Context, Result};
use aws_lc_rs::encoding::AsDer;
use rcgen::{KeyPair, RsaKeySize, SignatureAlgorithm};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// kubeadm's `encryptionAlgorithm`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum KeyAlgorithm {
    #[default]
    Rsa2048,
    Rsa3072,
    Rsa4096,
    EcdsaP256,
    EcdsaP384,
}

impl KeyAlgorithm {
    pub const ALL: [KeyAlgorithm; 5] = [
        KeyAlgorithm::Rsa2048,
        KeyAlgorithm::Rsa3072,
        KeyAlgorithm::Rsa4096,
        KeyAlgorithm::EcdsaP256,
        KeyAlgorithm::EcdsaP384,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Rsa2048 => "RSA-2048",
            KeyAlgorithm::Rsa3072 => "RSA-3072",
            KeyAlgorithm::Rsa4096 => "RSA-4096",
            KeyAlgorithm::EcdsaP256 => "ECDSA-P256",
            KeyAlgorithm::EcdsaP384 => "ECDSA-P384",
        }
    }

    fn signature_algorithm(self) -> &'static SignatureAlgorithm {
        match self {
            KeyAlgorithm::Rsa2048 | KeyAlgorithm::Rsa3072 | KeyAlgorithm::Rsa4096 => {
                &rcgen::PKCS_RSA_SHA256
            }
            KeyAlgorithm::EcdsaP256 => &rcgen::PKCS_ECDSA_P256_SHA256,
            KeyAlgorithm::EcdsaP384 => &rcgen::PKCS_ECDSA_P384_SHA384,
        }
    }

    /// Generates a fresh key pair.
    pub fn generate(self) -> Result<KeyPair> {
        let alg = self.signature_algorithm();
        let size = match self {
            KeyAlgorithm::Rsa2048 => Some(RsaKeySize::_2048),
            KeyAlgorithm::Rsa3072 => Some(RsaKeySize::_3072),
            KeyAlgorithm::Rsa4096 => Some(RsaKeySize::_4096),
            _ => None,
        };
        match size {
            Some(size) => KeyPair::generate_rsa_for(alg, size),
            None => KeyPair::generate_for(alg),
        }
        .with_context(|| format!("generating a {} key", self.as_str()))
    }
}

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for KeyAlgorithm {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        KeyAlgorithm::ALL
            .into_iter()
            .find(|a| a.as_str() == s)
            .ok_or_else(|| {
                format!("unknown encryption algorithm {s:?} (expected RSA-2048, RSA-3072, RSA-4096, ECDSA-P256 or ECDSA-P384)")
            })
    }
}

impl<'de> Deserialize<'de> for KeyAlgorithm {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d)?
            .parse()
            .map_err(serde::de::Error::custom)
    }
}

impl Serialize for KeyAlgorithm {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// PEM of a private key in kubeadm's encoding (PKCS#1 for RSA, SEC1 for ECDSA).
pub fn private_key_pem(key: &KeyPair) -> Result<String> {
    let pkcs8 = key.serialized_der();
    let (label, der) = if is_rsa(key) {
        ("RSA PRIVATE KEY", pkcs8_inner_key(pkcs8)?.to_vec())
    } else {
        let alg = if key.algorithm() == &rcgen::PKCS_ECDSA_P384_SHA384 {
            &aws_lc_rs::signature::ECDSA_P384_SHA384_ASN1_SIGNING
        } else {
            &aws_lc_rs::signature::ECDSA_P256_SHA256_ASN1_SIGNING
        };
        let ec = aws_lc_rs::signature::EcdsaKeyPair::from_pkcs8(alg, pkcs8)
            .context("re-encoding an ECDSA key")?;
        let sec1 = ec
            .private_key()
            .as_der()
            .context("re-encoding an ECDSA key")?;
        ("EC PRIVATE KEY", sec1.as_ref().to_vec())
    };
    Ok(pem_encode(label, &der))
}

/// PEM of the public key (`PUBLIC KEY`, SubjectPublicKeyInfo), as in `sa.pub`.
pub fn public_key_pem(key: &KeyPair) -> String {
    key.public_key_pem()
}

fn is_rsa(key: &KeyPair) -> bool {
    key.algorithm() == &rcgen::PKCS_RSA_SHA256
}

/// Loads a private key PEM (PKCS#1, SEC1 or PKCS#8; RSA or ECDSA).
pub fn load_private_key(pem_text: &str) -> Result<KeyPair> {
    let block = pem::parse(pem_text).context("not a PEM private key")?;
    let alg: &'static SignatureAlgorithm = match block.tag() {
        "RSA PRIVATE KEY" => &rcgen::PKCS_RSA_SHA256,
        "EC PRIVATE KEY" => ec_curve_of_sec1(block.contents())?,
        "PRIVATE KEY" => {
            return KeyPair::try_from(block.contents())
                .or_else(|_| {
                    KeyPair::from_pkcs8_der_and_sign_algo(
                        &block.contents().into(),
                        &rcgen::PKCS_RSA_SHA256,
                    )
                })
                .context("unreadable PKCS#8 private key");
        }
        other => bail!("expected a private key PEM block, found {other:?}"),
    };
    let der = rustls_pki_types::PrivateKeyDer::try_from(block.contents())
        .map_err(|e| anyhow!("unreadable private key: {e}"))?;
    KeyPair::from_der_and_sign_algo(&der, alg).context("unreadable private key")
}

/// Which curve a SEC1 key is on, from its named-curve parameter.
fn ec_curve_of_sec1(der: &[u8]) -> Result<&'static SignatureAlgorithm> {
    // OIDs as DER bytes: prime256v1 1.2.840.10045.3.1.7, secp384r1 1.3.132.0.34.
    const P256: &[u8] = &[0x06, 0x08, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07];
    const P384: &[u8] = &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x22];
    if der.windows(P256.len()).any(|w| w == P256) {
        Ok(&rcgen::PKCS_ECDSA_P256_SHA256)
    } else if der.windows(P384.len()).any(|w| w == P384) {
        Ok(&rcgen::PKCS_ECDSA_P384_SHA384)
    } else {
        bail!("unsupported EC curve (kforge supports P-256 and P-384)")
    }
}

/// The `privateKey` OCTET STRING of a PKCS#8 PrivateKeyInfo.
fn pkcs8_inner_key(der: &[u8]) -> Result<&[u8]> {
    let (tag, body, _) = der_tlv(der)?;
    if tag != 0x30 {
        bail!("PKCS#8: not a SEQUENCE");
    }
    let (_, _, rest) = der_tlv(body)?; // version INTEGER
    let (_, _, rest) = der_tlv(rest)?; // AlgorithmIdentifier
    let (tag, key, _) = der_tlv(rest)?;
    if tag != 0x04 {
        bail!("PKCS#8: privateKey is not an OCTET STRING");
    }
    Ok(key)
}

/// One DER tag-length-value: (tag, value, rest).
fn der_tlv(input: &[u8]) -> Result<(u8, &[u8], &[u8])> {
    let short = || anyhow!("truncated DER");
    let tag = *input.first().ok_or_else(short)?;
    let first = *input.get(1).ok_or_else(short)?;
    let (len, header) = if first < 0x80 {
        (first as usize, 2)
    } else {
        let n = (first & 0x7f) as usize;
        if n == 0 || n > 4 {
            bail!("unsupported DER length");
        }
        let bytes = input.get(2..2 + n).ok_or_else(short)?;
        (
            bytes.iter().fold(0usize, |a, b| (a << 8) | *b as usize),
            2 + n,
        )
    };
    let value = input.get(header..header + len).ok_or_else(short)?;
    Ok((tag, value, &input[header + len..]))
}

/// Base64 PEM with 64-column lines, as Go's encoding/pem writes it.
pub fn pem_encode(label: &str, der: &[u8]) -> String {
    pem::encode_config(
        &pem::Pem::new(label, der.to_vec()),
        pem::EncodeConfig::new().set_line_ending(pem::LineEnding::LF),
    )
}

/// Keys generated ahead of time on every core while earlier steps run:
/// RSA generation dominates `init`, and a node needs about sixteen keys.
/// Keys not taken are dropped; `take` generates inline when none is ready.
pub struct KeyPool {
    algorithm: KeyAlgorithm,
    ready: std::sync::Mutex<std::sync::mpsc::Receiver<KeyPair>>,
}

impl KeyPool {
    /// Starts generating `count` keys in background threads.
    pub fn prefill(algorithm: KeyAlgorithm, count: usize) -> KeyPool {
        let (tx, rx) = std::sync::mpsc::channel();
        let workers = std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
            .min(count.max(1));
        for w in 0..workers {
            let tx = tx.clone();
            let share = count / workers + usize::from(w < count % workers);
            std::thread::spawn(move || {
                for _ in 0..share {
                    match algorithm.generate() {
                        Ok(k) => {
                            if tx.send(k).is_err() {
                                return; // the pool was dropped
                            }
                        }
                        Err(_) => return, // `take` reports the error when it generates inline
                    }
                }
            });
        }
        KeyPool {
            algorithm,
            ready: std::sync::Mutex::new(rx),
        }
    }

    /// A pool that generates on demand only.
    pub fn empty(algorithm: KeyAlgorithm) -> KeyPool {
        KeyPool::prefill(algorithm, 0)
    }

    pub fn algorithm(&self) -> KeyAlgorithm {
        self.algorithm
    }

    /// The next key: one generated ahead when there is one (waiting for a
    /// worker still busy with it), else a fresh one.
    pub fn take(&self) -> Result<KeyPair> {
        match self.ready.lock().expect("key pool lock").recv() {
            Ok(k) => Ok(k),
            Err(_) => self.algorithm.generate(),
        }
    }
}

impl fmt::Debug for KeyPool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPool({})", self.algorithm)
    }
}

impl KeyAlgorithm {
    /// The algorithm of an existing public key (DER SubjectPublicKeyInfo),
    /// so a renewal keeps the key type the certificate had.
    pub fn of_spki(spki_der: &[u8]) -> Option<KeyAlgorithm> {
        use x509_parser::prelude::FromDer;
        use x509_parser::public_key::PublicKey;
        let (_, spki) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki_der).ok()?;
        match spki.parsed().ok()? {
            PublicKey::RSA(rsa) => match rsa.key_size() {
                0..=2048 => Some(KeyAlgorithm::Rsa2048),
                2049..=3072 => Some(KeyAlgorithm::Rsa3072),
                _ => Some(KeyAlgorithm::Rsa4096),
            },
            PublicKey::EC(point) => match point.key_size() {
                256 => Some(KeyAlgorithm::EcdsaP256),
                384 => Some(KeyAlgorithm::EcdsaP384),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_algorithm_round_trips_through_kubeadm_pem() {
        for alg in KeyAlgorithm::ALL {
            if alg == KeyAlgorithm::Rsa4096 || alg == KeyAlgorithm::Rsa3072 {
                continue; // slow; same code path as RSA-2048
            }
            let key = alg.generate().unwrap();
            let pem_text = private_key_pem(&key).unwrap();
            let want = if alg.as_str().starts_with("RSA") {
                "RSA PRIVATE KEY"
            } else {
                "EC PRIVATE KEY"
            };
            assert!(
                pem_text.starts_with(&format!("-----BEGIN {want}-----\n")),
                "{pem_text}"
            );
            let back = load_private_key(&pem_text).unwrap();
            assert_eq!(back.public_key_raw(), key.public_key_raw(), "{alg}");
        }
    }

    #[test]
    fn algorithm_names_parse() {
        for alg in KeyAlgorithm::ALL {
            assert_eq!(alg.as_str().parse::<KeyAlgorithm>().unwrap(), alg);
        }
        assert!("RSA-1024".parse::<KeyAlgorithm>().is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_panic() {
        assert!(load_private_key("not pem").is_err());
        assert!(load_private_key(
            "-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"
        )
        .is_err());
        assert!(pkcs8_inner_key(&[0x30, 0x82]).is_err());
    }
}
