//! Signatures over snapshot records: SSHSIG (OpenSSH's `ssh-keygen -Y
//! sign` format) made with an ed25519 key, by the `ssh-key` crate.
//!
//! What is signed is the record file's exact bytes, in the namespace
//! [`NAMESPACE`], so anyone can check a record without kforge:
//!
//! ```text
//! ssh-keygen -Y verify -n kforge-snapshot-record -f allowed_signers \
//!     -I backup@cp1 -s NAME.db.record.json.sig < NAME.db.record.json
//! ```
//!
//! The record carries the sha256 of the database, so a valid signature
//! vouches for the snapshot's content, cluster, member, node, revision and
//! time (see [`super::record`]).

use anyhow::{bail, Context, Result};
use ssh_key::{HashAlg, LineEnding, PrivateKey, PublicKey, SshSig};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// The SSHSIG namespace of kforge's record signatures.
pub const NAMESPACE: &str = "kforge-snapshot-record";

/// `--sign-key FILE`: an unencrypted OpenSSH ed25519 private key.
pub struct SignKey {
    key: PrivateKey,
}

impl SignKey {
    /// Loads and checks the key; the error is one line naming the file.
    /// `warn` receives a line when the file is readable by group or others.
    pub fn load(path: &Path, warn: &mut dyn FnMut(String)) -> Result<SignKey> {
        let shown = path.display();
        let meta = fs_err::metadata(path).context("--sign-key")?;
        if meta.permissions().mode() & 0o077 != 0 {
            warn(format!(
                "--sign-key {shown} is readable by others (mode {:o}); chmod 600 it",
                meta.permissions().mode() & 0o777
            ));
        }
        let text = fs_err::read_to_string(path).context("--sign-key")?;
        let key = PrivateKey::from_openssh(text.trim()).with_context(|| {
            format!("--sign-key {shown}: not an OpenSSH private key (make one with ssh-keygen -t ed25519)")
        })?;
        if key.is_encrypted() {
            bail!("--sign-key {shown}: the key is passphrase-protected, which kforge does not support (unattended runs): use a key without a passphrase, mode 0600");
        }
        if key.algorithm() != ssh_key::Algorithm::Ed25519 {
            bail!(
                "--sign-key {shown}: a {} key; kforge signs with ed25519 keys only (ssh-keygen -t ed25519)",
                key.algorithm()
            );
        }
        Ok(SignKey { key })
    }

    /// The armored SSHSIG of `msg` (what `ssh-keygen -Y sign` writes).
    pub fn sign(&self, msg: &[u8]) -> Result<Vec<u8>> {
        let sig = self
            .key
            .sign(NAMESPACE, HashAlg::Sha512, msg)
            .context("signing the record")?;
        let pem = sig
            .to_pem(LineEnding::LF)
            .context("encoding the signature")?;
        Ok(pem.into_bytes())
    }

    /// This key's public half as the only accepted key (a save's
    /// retention counts only what it could have signed).
    pub fn verify_keys(&self) -> VerifyKeys {
        VerifyKeys {
            keys: vec![self.key.public_key().clone()],
            shown: "--sign-key's public key".into(),
        }
    }

    /// The public key, as an OpenSSH line (for messages and tests).
    pub fn public(&self) -> String {
        self.key.public_key().to_openssh().unwrap_or_default()
    }
}

/// `--verify-key FILE`: the public keys whose signatures are accepted
/// (a `.pub` file, or an allowed-signers file as `ssh-keygen -Y verify`
/// reads it).
#[derive(Debug, Clone)]
pub struct VerifyKeys {
    keys: Vec<PublicKey>,
    shown: String,
}

impl VerifyKeys {
    pub fn load(path: &Path) -> Result<VerifyKeys> {
        let shown = path.display().to_string();
        let text = fs_err::read_to_string(path).context("--verify-key")?;
        let keys = parse_keys(&text).with_context(|| format!("--verify-key {shown}"))?;
        if keys.is_empty() {
            bail!("--verify-key {shown}: no public key in it (a .pub file or an allowed-signers file)");
        }
        Ok(VerifyKeys { keys, shown })
    }

    /// Whether `sig` (an armored SSHSIG) is a valid signature of `msg` by
    /// one of the keys, in kforge's namespace; `Err` says why not.
    pub fn verify(&self, msg: &[u8], sig: &[u8]) -> Result<()> {
        let sig = SshSig::from_pem(sig).context("not an SSH signature")?;
        if sig.namespace() != NAMESPACE {
            bail!(
                "signed for namespace {:?}, not {NAMESPACE:?}",
                sig.namespace()
            );
        }
        let Some(k) = self.keys.iter().find(|k| k.key_data() == sig.public_key()) else {
            bail!("signed by a key not in {}", self.shown);
        };
        k.verify(NAMESPACE, msg, &sig).context("bad signature")
    }
}

/// Public keys from a `.pub` file or an allowed-signers file
/// (`PRINCIPALS [OPTIONS] KEYTYPE BASE64 [COMMENT]`); keys whose
/// `namespaces="..."` option excludes kforge's are left out.
fn parse_keys(text: &str) -> Result<Vec<PublicKey>> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Ok(k) = PublicKey::from_openssh(line) {
            out.push(k);
            continue;
        }
        let words: Vec<&str> = line.split_whitespace().collect();
        let Some(at) = words
            .iter()
            .position(|w| w.starts_with("ssh-") || w.starts_with("ecdsa-") || w.starts_with("sk-"))
        else {
            bail!("line {}: no public key", i + 1);
        };
        let options = words[..at].get(1).copied().unwrap_or("");
        if options.contains("cert-authority") {
            bail!("line {}: cert-authority keys are not supported", i + 1);
        }
        if let Some(ns) = options.split("namespaces=\"").nth(1) {
            let ns = ns.split('"').next().unwrap_or("");
            if !ns.split(',').any(|n| n == NAMESPACE) {
                continue;
            }
        }
        let key = words[at..].join(" ");
        out.push(PublicKey::from_openssh(&key).with_context(|| format!("line {}", i + 1))?);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allowed_signers_lines_are_read_and_namespaces_honoured() {
        let k = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAICGSoXGLThHcSdWB7v8sqtDNZt5VE4G5WYB1T5bBxo8R";
        let keys = parse_keys(&format!(
            "# comment\nbackup@cp1 {k} c\nother namespaces=\"git\" {k}\nx namespaces=\"file,{NAMESPACE}\" {k}\n{k} plain\n"
        ))
        .unwrap();
        assert_eq!(keys.len(), 3);
        assert!(parse_keys("nothing here").is_err());
        assert!(parse_keys(&format!("ca cert-authority {k}")).is_err());
    }
}
