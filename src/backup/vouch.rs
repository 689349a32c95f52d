//! The content of a fetched snapshot against what its record and name
//! claim: plaintext size, sha256 (computed while the bytes arrive, and
//! compared with the trailer and the record), revision and member. Any
//! contradiction is one line naming the object, and the caller refuses it
//! (exit 1).

use super::record::{self, Record};
use anyhow::{bail, Context, Result};
use aws_lc_rs::digest;
use etcd_format::snapshot_file;
use std::io::Write;
use std::path::Path;

/// A writer that hashes everything but the last 32 bytes (the trailer),
/// which it keeps.
pub struct TailHasher<W> {
    pub inner: W,
    hasher: digest::Context,
    tail: Vec<u8>,
    pub written: u64,
}

impl<W: Write> TailHasher<W> {
    pub fn new(inner: W) -> Self {
        TailHasher {
            inner,
            hasher: digest::Context::new(&digest::SHA256),
            tail: Vec::with_capacity(64),
            written: 0,
        }
    }

    /// (sha256 of all but the last 32 bytes, the last 32 bytes).
    pub fn finish(self) -> (W, [u8; 32], Option<[u8; 32]>) {
        let d = self.hasher.finish();
        let mut h = [0u8; 32];
        h.copy_from_slice(d.as_ref());
        let tail = <[u8; 32]>::try_from(self.tail.as_slice()).ok();
        (self.inner, h, tail)
    }
}

impl<W: Write> Write for TailHasher<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.written += n as u64;
        let b = &buf[..n];
        if b.len() >= 32 {
            self.hasher.update(&self.tail);
            self.hasher.update(&b[..b.len() - 32]);
            self.tail.clear();
            self.tail.extend_from_slice(&b[b.len() - 32..]);
        } else {
            self.tail.extend_from_slice(b);
            if self.tail.len() > 32 {
                let cut = self.tail.len() - 32;
                self.hasher.update(&self.tail[..cut]);
                self.tail.drain(..cut);
            }
        }
        Ok(n)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// What the content must agree with.
pub struct Expect<'a> {
    pub shown: &'a str,
    pub record: Option<&'a Record>,
    /// The revision in the object's name, when kforge named it.
    pub name_revision: Option<i64>,
}

/// Checks the plaintext at `path` (`size` bytes; `hashed`: the sha256 of
/// all but its last 32 bytes and those bytes, when computed on the way in)
/// against `e`.
pub fn check(
    path: &Path,
    size: u64,
    hashed: Option<([u8; 32], Option<[u8; 32]>)>,
    e: &Expect,
) -> Result<()> {
    let shown = e.shown;
    if let Some(r) = e.record {
        if size != r.size_bytes {
            bail!(
                "{shown}: the content is {size} bytes, its record says {}: refused",
                r.size_bytes
            );
        }
        let want = r.trailer()?;
        let (digest, tail) = match hashed {
            Some(h) => h,
            None => {
                // Read in place (a local file): the trailer check is the caller's.
                let st = snapshot_file::verify_trailer(path).with_context(|| shown.to_string())?;
                if st != snapshot_file::TrailerState::Valid {
                    bail!("{shown}: the sha256 trailer does not match the content: refused");
                }
                // A valid trailer is the sha256 of the database.
                let t = last32(path)?;
                (t, Some(t))
            }
        };
        if tail != Some(digest) {
            bail!("{shown}: the sha256 trailer does not match the content: refused");
        }
        if digest != want {
            bail!(
                "{shown}: the content's sha256 is {}, its record says {}: refused",
                record::hex(&digest),
                r.db_sha256
            );
        }
    }
    if e.record.is_none() && e.name_revision.is_none() {
        return Ok(());
    }
    let st = snapshot_file::status_unverified(path).with_context(|| shown.to_string())?;
    if let Some(r) = e.record {
        if !r.revision_matches(st.revision) {
            bail!(
                "{shown}: the content is at revision {}, its record says {}: refused",
                st.revision,
                r.revision
            );
        }
        check_member(path, &r.member_id, shown)?;
    } else if let Some(n) = e.name_revision {
        if st.revision != n {
            bail!(
                "{shown}: the content is at revision {}, its name says {n}: refused",
                st.revision
            );
        }
    }
    Ok(())
}

fn last32(path: &Path) -> Result<[u8; 32]> {
    use fs_err::os::unix::fs::FileExt;
    // fs_err: the open, the metadata and the read each name the file.
    let f = fs_err::File::open(path)?;
    let len = f.metadata()?.len();
    let mut b = [0u8; 32];
    if len >= 32 {
        f.read_exact_at(&mut b, len - 32)?;
    }
    Ok(b)
}

/// The record's member must be a member in the snapshot's own membership
/// (bucket `members`, keyed by the ID in hex).
fn check_member(path: &Path, member_id: &str, shown: &str) -> Result<()> {
    use etcd_format::bbolt::Db;
    let f = fs_err::File::open(path)?.into_file();
    let found = (|| -> std::result::Result<bool, etcd_format::bbolt::Error> {
        let db = Db::open(f)?;
        let Some(b) = db.bucket(&db.root(), b"members")? else {
            return Ok(false);
        };
        Ok(db.get(&b, member_id.as_bytes())?.is_some())
    })()
    .with_context(|| shown.to_string())?;
    if !found {
        bail!("{shown}: its record names member {member_id}, which is not a member in the snapshot: refused");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tail_hasher_hashes_all_but_the_last_32_bytes_in_any_chunking() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 7) as u8).collect();
        let want = digest::digest(&digest::SHA256, &data[..data.len() - 32]);
        for chunk in [1, 5, 31, 32, 33, 1000, 5000] {
            let mut t = TailHasher::new(Vec::new());
            for c in data.chunks(chunk) {
                t.write_all(c).unwrap();
            }
            let (out, h, tail) = t.finish();
            assert_eq!(out, data);
            assert_eq!(&h[..], want.as_ref(), "{chunk}");
            assert_eq!(&tail.unwrap()[..], &data[data.len() - 32..]);
        }
    }
}
