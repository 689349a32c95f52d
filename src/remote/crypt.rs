//! age encryption at rest (X25519 recipients), as streams: plaintext goes
//! into an encrypting writer in front of the upload, so it never reaches the
//! target; downloads come out of a decrypting reader. The format is the
//! age v1 format, so `age -d -i KEY` decrypts kforge's files and kforge
//! reads files made by `age -r`.
//!
//! kforge only ever reads keys: identities (`--identity FILE`) and
//! recipients (`--encrypt-to`, `--recipients-file`). It never writes a key
//! anywhere, and certainly not next to a backup.

use anyhow::{anyhow, bail, Context, Result};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The file name suffix of an encrypted snapshot.
pub const SUFFIX: &str = ".age";
/// The first line of every age file.
pub const MAGIC: &[u8] = b"age-encryption.org/v1\n";

/// Whether `v` is an age private key (`AGE-SECRET-KEY-1…`, any case).
fn is_secret_key(v: &str) -> bool {
    v.trim()
        .get(..15)
        .is_some_and(|p| p.eq_ignore_ascii_case("AGE-SECRET-KEY-"))
}

/// Recipients to encrypt to.
#[derive(Clone, Default)]
pub struct Recipients(Vec<age::x25519::Recipient>);

impl std::fmt::Debug for Recipients {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Recipients({})", self.0.len())
    }
}

impl Recipients {
    /// From `--encrypt-to` values and `--recipients-file` files (one
    /// recipient a line; `#` comments and blank lines skipped). An invalid
    /// one is an error naming where it came from.
    pub fn parse(values: &[String], files: &[PathBuf]) -> Result<Recipients> {
        let mut out = Vec::new();
        for v in values {
            if is_secret_key(v) {
                bail!("--encrypt-to: that is an age identity (a private key), not a recipient; it is not repeated here. Give its public key (age-keygen -y FILE prints it) and keep the identity off this command line");
            }
            out.push(age::x25519::Recipient::from_str(v.trim()).map_err(|e| {
                anyhow!("--encrypt-to {v:?}: not an age X25519 recipient (age1…): {e}")
            })?);
        }
        for f in files {
            let text = fs_err::read_to_string(f).context("--recipients-file")?;
            let before = out.len();
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                if is_secret_key(line) {
                    bail!(
                        "--recipients-file {} line {}: an age identity (a private key), not a recipient; it is not repeated here. Put its public key there (age-keygen -y FILE)",
                        f.display(),
                        i + 1
                    );
                }
                out.push(age::x25519::Recipient::from_str(line).map_err(|e| {
                    anyhow!(
                        "--recipients-file {} line {}: not an age X25519 recipient (age1…): {e}",
                        f.display(),
                        i + 1
                    )
                })?);
            }
            if out.len() == before {
                bail!("--recipients-file {}: no recipient in it", f.display());
            }
        }
        Ok(Recipients(out))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// An encrypting writer in front of `w`; call `finish()` on it.
    pub fn encrypt<W: Write>(&self, w: W) -> Result<age::stream::StreamWriter<W>> {
        let enc = age::Encryptor::with_recipients(self.0.iter().map(|r| r as &dyn age::Recipient))
            .context("age")?;
        enc.wrap_output(w).context("writing the age header")
    }
}

/// The identities of `--identity FILE`.
pub struct Identity {
    path: PathBuf,
    ids: Vec<Box<dyn age::Identity + Send + Sync>>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Identity({}, redacted)", self.path.display())
    }
}

impl Identity {
    /// Reads an age identity file (`age-keygen` output). Errors are one line
    /// naming the file and never repeat its content. A passphrase-protected
    /// file is refused as such (kforge runs unattended: there is nobody to
    /// type the passphrase).
    pub fn load(path: &Path) -> Result<Identity> {
        let text = fs_err::read(path).context("--identity")?;
        if text.starts_with(MAGIC) || text.starts_with(b"-----BEGIN AGE ENCRYPTED FILE-----") {
            bail!(
                "--identity {}: a passphrase-protected (encrypted) identity file; kforge does not support those, as nobody is there to type the passphrase when it runs from a timer. Decrypt it into a file only root can read: age -d -o key.txt {}; chmod 600 key.txt",
                path.display(),
                path.display()
            );
        }
        let file = age::IdentityFile::from_buffer(&text[..])
            .with_context(|| format!("--identity {}: not an age identity file", path.display()))?;
        let ids = file
            .into_identities()
            .with_context(|| format!("--identity {}", path.display()))?;
        if ids.is_empty() {
            bail!("--identity {}: no age identity in it", path.display());
        }
        Ok(Identity {
            path: path.to_path_buf(),
            ids,
        })
    }

    /// A warning when the file is readable by group or others (ssh refuses
    /// such a private key; kforge uses it, and says so).
    pub fn permission_warning(&self) -> Option<String> {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs_err::metadata(&self.path).ok()?.permissions().mode();
        (mode & 0o077 != 0).then(|| {
            format!(
                "--identity {}: readable by group or others (mode {:04o}): anyone who can read it can decrypt every backup; chmod 600 {}",
                self.path.display(),
                mode & 0o7777,
                self.path.display()
            )
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

/// A decrypting reader over `r` (an age file named `what` in errors). A
/// wrong identity is one clear line.
pub fn decrypt<'a, R: Read + 'a>(
    r: R,
    identity: Option<&Identity>,
    what: &str,
) -> Result<Box<dyn Read + 'a>> {
    let Some(id) = identity else {
        bail!("{what} is encrypted (age): pass --identity FILE with a key it was encrypted to");
    };
    let dec = age::Decryptor::new_buffered(BufReader::with_capacity(1 << 20, r))
        .with_context(|| format!("{what}: not a readable age file"))?;
    let reader = dec
        .decrypt(id.ids.iter().map(|i| i.as_ref() as &dyn age::Identity))
        .map_err(|e| match e {
            age::DecryptError::NoMatchingKeys => anyhow!(
                "{what}: the identity in {} is not one it was encrypted to (wrong --identity)",
                id.path.display()
            ),
            e => anyhow::Error::new(e).context(format!("{what}: cannot decrypt")),
        })?;
    Ok(Box::new(reader))
}

/// Whether the stream starts with age's header line; the bytes read are
/// given back through the returned reader.
pub fn sniff<'a, R: Read + 'a>(r: R) -> std::io::Result<(bool, Box<dyn BufRead + 'a>)> {
    let mut br = BufReader::with_capacity(1 << 20, r);
    let head = br.fill_buf()?;
    let is_age = head.starts_with(MAGIC);
    Ok((is_age, Box::new(br)))
}

/// Whether a file on disk is an age file (by its first line).
pub fn is_age_file(path: &Path) -> std::io::Result<bool> {
    let mut f = fs_err::File::open(path)?;
    let mut head = [0u8; MAGIC.len()];
    let mut n = 0;
    while n < head.len() {
        match f.read(&mut head[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n == head.len() && head == MAGIC)
}

#[cfg(test)]
mod tests {
    use super::*;
    use age::secrecy::ExposeSecret;

    #[test]
    fn round_trip_and_wrong_identity() {
        let dir = tempfile::tempdir().unwrap();
        let k1 = age::x25519::Identity::generate();
        let k2 = age::x25519::Identity::generate();
        let f1 = dir.path().join("k1");
        let f2 = dir.path().join("k2");
        std::fs::write(&f1, k1.to_string().expose_secret()).unwrap();
        std::fs::write(&f2, k2.to_string().expose_secret()).unwrap();
        let r = Recipients::parse(&[k1.to_public().to_string()], &[]).unwrap();
        let mut w = r.encrypt(Vec::new()).unwrap();
        let plain: Vec<u8> = (0..300_000u32).map(|i| (i % 251) as u8).collect();
        w.write_all(&plain).unwrap();
        let ct = w.finish().unwrap();
        assert!(ct.starts_with(MAGIC));
        let id1 = Identity::load(&f1).unwrap();
        let mut out = Vec::new();
        decrypt(&ct[..], Some(&id1), "x")
            .unwrap()
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out, plain);
        let id2 = Identity::load(&f2).unwrap();
        let e = decrypt(&ct[..], Some(&id2), "x").err().unwrap().to_string();
        assert!(e.contains("wrong --identity"), "{e}");
        let e = decrypt(&ct[..], None, "x").err().unwrap().to_string();
        assert!(e.contains("pass --identity"), "{e}");
    }

    #[test]
    fn a_private_key_is_never_a_recipient_nor_repeated() {
        let k = age::x25519::Identity::generate();
        let secret = k.to_string().expose_secret().to_string();
        for v in [secret.clone(), secret.to_lowercase()] {
            let e = format!("{:#}", Recipients::parse(&[v], &[]).unwrap_err());
            assert!(e.contains("private key"), "{e}");
            assert!(
                !e.to_lowercase().contains(&secret.to_lowercase()[15..]),
                "{e}"
            );
        }
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r");
        std::fs::write(&f, format!("# keys\n{secret}\n")).unwrap();
        let e = format!("{:#}", Recipients::parse(&[], &[f]).unwrap_err());
        assert!(e.contains("line 2") && !e.contains(&secret[15..]), "{e}");
    }

    #[test]
    fn bad_recipients_name_their_source() {
        let e = Recipients::parse(&["age1nope".into()], &[]).unwrap_err();
        assert!(e.to_string().starts_with("--encrypt-to"), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("r");
        std::fs::write(&f, "# none\n\n").unwrap();
        let e = Recipients::parse(&[], &[f]).unwrap_err();
        assert!(e.to_string().contains("no recipient"), "{e}");
    }
}
