//! Copy-on-write edits of a bbolt file at the page level: what
//! `snapshot restore` needs to rewrite etcd's `members`, `members_removed`
//! and `meta` buckets (and, for `--bump-revision`, to add one key after the
//! last one of bucket `key`) without loading the database.
//!
//! Why not a general bbolt writer: restore changes a few small buckets;
//! everything else in the file (gigabytes of `key` pages) must stay byte for
//! byte as etcd wrote it, and reading it into memory would make memory grow
//! with the database. So the edit touches only the pages on the way from
//! the root to what changes, reading one page (plus its overflow) at a time
//! through [`Db`], which checks every page it hands out.
//!
//! How (what a bbolt commit does): a page is never changed in place. Each
//! changed page is written above the high-water mark, its parent is copied
//! to point to it, and so on up to the root bucket; then a meta page with
//! `txid + 1` goes into the slot of the older meta, which makes it current.
//! The pages left behind are unreachable. etcd runs bbolt without a
//! persisted freelist, so bbolt finds them free when it opens the file; the
//! new meta always says "no freelist" ([`NO_FREELIST`]), which makes bbolt
//! rebuild the freelist the same way for a file that had one.
//!
//! Shapes handled, not just the one etcd writes today:
//! - the root bucket may be one leaf or a tree of branch pages; it is
//!   rewritten as one leaf (with overflow pages when it outgrows a page,
//!   which bbolt reads, and splits on its next write);
//! - a bucket whose content is replaced is written inline when its leaf fits
//!   in a quarter page (bbolt's own rule), else as one leaf page, whatever
//!   it was before (inline, one page or a tree);
//! - appending to a bucket with its own pages copies the rightmost path (a
//!   branch page per level and the last leaf); the branch keys stay right
//!   because the new key sorts after every other.
//!
//! Refused with a clear error: nested buckets inside the buckets we rewrite
//! (etcd has none), a root bucket holding plain values, buckets larger than
//! [`MAX_SMALL_BUCKET_BYTES`] where a small one is expected.

use crate::bbolt::{
    self, le_u16, le_u32, le_u64, Db, Meta, Value, BRANCH_PAGE, BUCKET_HEADER_SIZE,
    BUCKET_LEAF_FLAG, LEAF_PAGE, MAX_TREE_DEPTH, META_PAGE, NO_FREELIST, PAGE_HEADER_SIZE,
};
use std::collections::HashSet;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

/// Largest bucket read whole (keys plus values) where a small bucket is
/// expected (`meta`, an inline `key`): a few hundred bytes in etcd.
pub const MAX_SMALL_BUCKET_BYTES: usize = 8 << 20;
/// Most top-level buckets accepted (etcd has about a dozen).
pub const MAX_TOP_LEVEL_BUCKETS: usize = 4096;

/// Bytes of a branch or leaf element.
const ELEMENT_SIZE: usize = 16;

/// A key and its value.
pub type Entry = (Vec<u8>, Vec<u8>);

/// What to do to one top-level bucket (created empty first when missing).
#[derive(Debug, Clone)]
pub enum Change {
    /// Replace the whole content with these entries.
    Replace(Vec<Entry>),
    /// Insert or overwrite these keys; keep the others.
    Put(Vec<Entry>),
    /// Add a key that sorts after every key of the bucket.
    Append(Entry),
}

/// Errors of an edit. Each displays as one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error(transparent)]
    Db(#[from] bbolt::Error),
    #[error("I/O error writing the database at byte {offset}")]
    Write {
        offset: u64,
        #[source]
        source: io::Error,
    },
    #[error("corrupt database: page {pgid} {problem}")]
    Corrupt { pgid: u64, problem: String },
    #[error("corrupt database: bucket \"{bucket}\" {problem}")]
    CorruptBucket { bucket: String, problem: String },
    #[error("unsupported database: {0}")]
    Unsupported(String),
}

/// Shorthand for results of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn show(name: &[u8]) -> String {
    String::from_utf8_lossy(name).escape_debug().to_string()
}

/// The element count of a page (`bytes` starts at its page header).
fn page_count(bytes: &[u8]) -> std::result::Result<usize, String> {
    le_u16(bytes, 10)
        .map(usize::from)
        .ok_or_else(|| format!("is only {} bytes long", bytes.len()))
}

/// The `{root, sequence}` header of a bucket value.
fn bucket_header(value: &[u8]) -> std::result::Result<(u64, u64), String> {
    match (le_u64(value, 0), le_u64(value, 8)) {
        (Some(root), Some(sequence)) => Ok((root, sequence)),
        _ => Err("has a value shorter than a bucket header".into()),
    }
}

/// A leaf element as stored: flags, key, value.
type LeafElem<'a> = (u32, &'a [u8], &'a [u8]);

/// The elements of a leaf page (`bytes` starts at its page header), each
/// checked to lie inside `bytes`; the error says what is wrong.
fn parse_leaf(bytes: &[u8]) -> std::result::Result<Vec<LeafElem<'_>>, String> {
    if bytes.len() < PAGE_HEADER_SIZE {
        return Err(format!("is only {} bytes long", bytes.len()));
    }
    let count = page_count(bytes)?;
    if PAGE_HEADER_SIZE + count * ELEMENT_SIZE > bytes.len() {
        return Err(format!("claims {count} elements, more than fit in it"));
    }
    let mut out = Vec::with_capacity(count);
    for i in 0..count {
        let e = PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
        let field = |at: usize| {
            le_u32(bytes, e + at).ok_or_else(|| format!("has element {i} outside the page"))
        };
        let flags = field(0)?;
        let pos = u64::from(field(4)?);
        let ksize = u64::from(field(8)?);
        let vsize = u64::from(field(12)?);
        let start = e as u64 + pos;
        let end = start + ksize + vsize;
        if end > bytes.len() as u64 {
            return Err(format!("has element {i} pointing outside the page"));
        }
        let (start, kend, end) = (start as usize, (start + ksize) as usize, end as usize);
        out.push((flags, &bytes[start..kend], &bytes[kend..end]));
    }
    Ok(out)
}

/// The last element of a branch page: its key and child page.
fn last_branch(bytes: &[u8]) -> std::result::Result<(usize, u64), String> {
    let count = page_count(bytes)?;
    if count == 0 {
        return Err("is a branch page without children".into());
    }
    if PAGE_HEADER_SIZE + count * ELEMENT_SIZE > bytes.len() {
        return Err(format!("claims {count} elements, more than fit in it"));
    }
    let e = PAGE_HEADER_SIZE + (count - 1) * ELEMENT_SIZE;
    let child = le_u64(bytes, e + 8).ok_or("has its last element outside the page")?;
    Ok((e, child))
}

/// The children of a branch page, checked.
fn branch_children(bytes: &[u8]) -> std::result::Result<Vec<u64>, String> {
    let (last, _) = last_branch(bytes)?;
    (PAGE_HEADER_SIZE..=last)
        .step_by(ELEMENT_SIZE)
        .map(|e| le_u64(bytes, e + 8).ok_or_else(|| "has an element outside the page".into()))
        .collect()
}

/// Serializes a leaf node: page header (id 0, no overflow), elements, then
/// keys and values in order.
fn leaf_bytes<'a, I>(elems: I) -> Result<Vec<u8>>
where
    I: IntoIterator<Item = LeafElem<'a>>,
    I::IntoIter: ExactSizeIterator + Clone,
{
    let elems = elems.into_iter();
    let count = elems.len();
    let count16 = u16::try_from(count)
        .map_err(|_| Error::Unsupported(format!("a leaf of {count} elements (at most 65535)")))?;
    let data: usize = elems.clone().map(|(_, k, v)| k.len() + v.len()).sum();
    let mut b = vec![0u8; PAGE_HEADER_SIZE + count * ELEMENT_SIZE];
    b.reserve(data);
    b[8..10].copy_from_slice(&LEAF_PAGE.to_le_bytes());
    b[10..12].copy_from_slice(&count16.to_le_bytes());
    for (i, (flags, k, v)) in elems.enumerate() {
        let e = PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
        let too_big = || Error::Unsupported("a key or value of 4 GiB or more".into());
        let pos = u32::try_from(b.len() - e).map_err(|_| too_big())?;
        let ksize = u32::try_from(k.len()).map_err(|_| too_big())?;
        let vsize = u32::try_from(v.len()).map_err(|_| too_big())?;
        b[e..e + 4].copy_from_slice(&flags.to_le_bytes());
        b[e + 4..e + 8].copy_from_slice(&pos.to_le_bytes());
        b[e + 8..e + 12].copy_from_slice(&ksize.to_le_bytes());
        b[e + 12..e + 16].copy_from_slice(&vsize.to_le_bytes());
        b.extend_from_slice(k);
        b.extend_from_slice(v);
    }
    Ok(b)
}

/// A bucket value: `{root, sequence}` and, for an inline bucket, its leaf.
fn bucket_value(root: u64, sequence: u64, inline: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(BUCKET_HEADER_SIZE + inline.len());
    v.extend_from_slice(&root.to_le_bytes());
    v.extend_from_slice(&sequence.to_le_bytes());
    v.extend_from_slice(inline);
    v
}

/// An empty inline bucket, as bbolt's `CreateBucket` writes it.
fn empty_bucket() -> Vec<u8> {
    let mut page = vec![0u8; PAGE_HEADER_SIZE];
    page[8..10].copy_from_slice(&LEAF_PAGE.to_le_bytes());
    bucket_value(0, 0, &page)
}

/// The last key of top-level bucket `name`, `None` when the bucket is empty
/// or missing. Reads one page per level of its tree.
pub fn last_key(db: &Db<File>, name: &[u8]) -> Result<Option<Vec<u8>>> {
    let top = TopLevel::read(db)?;
    let Some((_, value)) = top.entries.iter().find(|(k, _)| k == name) else {
        return Ok(None);
    };
    let corrupt_bucket = |problem: String| Error::CorruptBucket {
        bucket: show(name),
        problem,
    };
    let (root, _) = bucket_header(value).map_err(corrupt_bucket)?;
    if root == 0 {
        let elems = parse_leaf(value.get(BUCKET_HEADER_SIZE..).unwrap_or_default())
            .map_err(|p| corrupt_bucket(format!("has an inline page that {p}")))?;
        return Ok(elems.last().map(|(_, k, _)| k.to_vec()));
    }
    let mut pgid = root;
    for depth in 0..=MAX_TREE_DEPTH {
        let page = load(db, pgid)?;
        let b = page.bytes();
        if page.flags() == LEAF_PAGE {
            let elems = parse_leaf(b).map_err(|problem| Error::Corrupt { pgid, problem })?;
            return match elems.last() {
                Some((_, k, _)) => Ok(Some(k.to_vec())),
                None if depth == 0 => Ok(None),
                None => Err(Error::Corrupt {
                    pgid,
                    problem: "is an empty leaf below a branch page".into(),
                }),
            };
        }
        pgid = last_branch(b)
            .map_err(|problem| Error::Corrupt { pgid, problem })?
            .1;
    }
    Err(corrupt_bucket(format!(
        "is more than {MAX_TREE_DEPTH} levels deep"
    )))
}

/// Reads branch or leaf page `pgid`, checked against the high-water mark.
fn load(db: &Db<File>, pgid: u64) -> Result<bbolt::Page> {
    let high_water = db.meta().pgid;
    let bad = |problem: String| Error::Corrupt { pgid, problem };
    if pgid < 2 || pgid >= high_water {
        return Err(bad(format!(
            "is referenced as a tree page but is not in 2..{high_water}"
        )));
    }
    let page = db.read_page(pgid)?;
    if page.id() != pgid {
        return Err(bad(format!("identifies itself as page {}", page.id())));
    }
    if page.flags() != BRANCH_PAGE && page.flags() != LEAF_PAGE {
        return Err(bad(format!(
            "has type 0x{:02x}, expected a branch or leaf page",
            page.flags()
        )));
    }
    if pgid + u64::from(page.overflow()) >= high_water {
        return Err(bad(format!(
            "claims {} overflow pages, running past the high-water mark ({high_water} pages)",
            page.overflow()
        )));
    }
    Ok(page)
}

/// The root bucket's entries (bucket names and raw bucket values), in
/// order, gathered from its leaf or tree.
struct TopLevel {
    entries: Vec<Entry>,
}

impl TopLevel {
    fn read(db: &Db<File>) -> Result<TopLevel> {
        let mut entries = Vec::new();
        let mut bytes = 0usize;
        let mut seen = HashSet::new();
        // Depth-first, children in order: (page, depth).
        let mut stack = vec![(db.meta().root, 0usize)];
        while let Some((pgid, depth)) = stack.pop() {
            if !seen.insert(pgid) {
                return Err(Error::Corrupt {
                    pgid,
                    problem: "is referenced twice in the root bucket's tree (a cycle)".into(),
                });
            }
            if depth > MAX_TREE_DEPTH {
                return Err(Error::Corrupt {
                    pgid,
                    problem: format!("lies more than {MAX_TREE_DEPTH} levels below the root"),
                });
            }
            let page = load(db, pgid)?;
            let b = page.bytes();
            if page.flags() == BRANCH_PAGE {
                let children =
                    branch_children(b).map_err(|problem| Error::Corrupt { pgid, problem })?;
                stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
                continue;
            }
            for (flags, k, v) in
                parse_leaf(b).map_err(|problem| Error::Corrupt { pgid, problem })?
            {
                if flags & BUCKET_LEAF_FLAG == 0 {
                    return Err(bbolt::Error::NotABucket { key: show(k) }.into());
                }
                if v.len() < BUCKET_HEADER_SIZE {
                    return Err(Error::CorruptBucket {
                        bucket: show(k),
                        problem: "has a value shorter than a bucket header".into(),
                    });
                }
                bytes += k.len() + v.len();
                if entries.len() >= MAX_TOP_LEVEL_BUCKETS || bytes > MAX_SMALL_BUCKET_BYTES {
                    return Err(Error::Unsupported(format!(
                        "more than {MAX_TOP_LEVEL_BUCKETS} top-level buckets or {MAX_SMALL_BUCKET_BYTES} bytes of them (not an etcd database?)"
                    )));
                }
                entries.push((k.to_vec(), v.to_vec()));
            }
        }
        if entries.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(Error::Corrupt {
                pgid: db.meta().root,
                problem: "(the root bucket) has keys out of order".into(),
            });
        }
        Ok(TopLevel { entries })
    }
}

/// What [`apply`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Applied {
    /// The new current meta.
    pub meta: Meta,
    /// Pages written above the old high-water mark.
    pub pages_written: u64,
}

/// Writes pages above the high-water mark.
struct Writer<'a> {
    out: &'a File,
    page_size: usize,
    next: u64,
    written: u64,
}

impl Writer<'_> {
    /// Writes a node (header included) as one page plus as many overflow
    /// pages as it needs; returns its page number.
    fn node(&mut self, mut bytes: Vec<u8>) -> Result<u64> {
        let pages = bytes.len().div_ceil(self.page_size).max(1);
        let overflow = u32::try_from(pages - 1)
            .map_err(|_| Error::Unsupported("a node of more than 2^32 pages".into()))?;
        bytes.resize(pages * self.page_size, 0);
        let pgid = self.next;
        bytes[0..8].copy_from_slice(&pgid.to_le_bytes());
        bytes[12..16].copy_from_slice(&overflow.to_le_bytes());
        self.write_at(&bytes, pgid)?;
        self.next += pages as u64;
        self.written += pages as u64;
        Ok(pgid)
    }

    fn write_at(&self, bytes: &[u8], pgid: u64) -> Result<()> {
        let offset = pgid * self.page_size as u64;
        self.out
            .write_all_at(bytes, offset)
            .map_err(|source| Error::Write { offset, source })
    }

    /// A bucket value holding `entries` (sorted, unique): inline when its
    /// leaf fits in a quarter page, else on a page of its own.
    fn bucket(&mut self, entries: &[Entry], sequence: u64) -> Result<Vec<u8>> {
        let leaf = leaf_bytes(entries.iter().map(|(k, v)| (0, &k[..], &v[..])))?;
        if leaf.len() <= self.page_size / 4 {
            Ok(bucket_value(0, sequence, &leaf))
        } else {
            let root = self.node(leaf)?;
            Ok(bucket_value(root, sequence, &[]))
        }
    }
}

/// Reads a whole bucket that is expected to be small; nested buckets and
/// sizes beyond [`MAX_SMALL_BUCKET_BYTES`] are refused.
fn read_small(db: &Db<File>, name: &[u8]) -> Result<Vec<Entry>> {
    let Some(bucket) = db.bucket(&db.root(), name)? else {
        return Ok(Vec::new());
    };
    let mut entries = Vec::new();
    let mut bytes = 0usize;
    db.for_each_kv(&bucket, |k, v| match v {
        Value::Data(v) => {
            bytes += k.len() + v.len();
            if bytes > MAX_SMALL_BUCKET_BYTES {
                return Err(Error::Unsupported(format!(
                    "bucket \"{}\" holds more than {MAX_SMALL_BUCKET_BYTES} bytes",
                    show(name)
                )));
            }
            entries.push((k.to_vec(), v.to_vec()));
            Ok(())
        }
        Value::Bucket(_) => Err(Error::Unsupported(format!(
            "bucket \"{}\" holds a nested bucket \"{}\"",
            show(name),
            show(k)
        ))),
    })?;
    Ok(entries)
}

/// Applies `changes` (at most one per bucket) to the database open as `db`,
/// writing through `out` (the same file, opened for writing). Nothing below
/// the old high-water mark changes except the older meta page, written last.
pub fn apply(db: &Db<File>, out: &File, changes: &[(&[u8], Change)]) -> Result<Applied> {
    let old = *db.meta();
    let mut names: Vec<&[u8]> = changes.iter().map(|(n, _)| *n).collect();
    names.sort();
    if names.windows(2).any(|w| w[0] == w[1]) {
        return Err(Error::Unsupported("two changes to one bucket".into()));
    }
    let mut top = TopLevel::read(db)?;
    let mut w = Writer {
        out,
        page_size: old.page_size as usize,
        next: old.pgid,
        written: 0,
    };
    for (name, change) in changes {
        let at = match top
            .entries
            .binary_search_by(|(k, _)| k.as_slice().cmp(name))
        {
            Ok(i) => i,
            Err(i) => {
                top.entries.insert(i, (name.to_vec(), empty_bucket()));
                i
            }
        };
        let value = &top.entries[at].1;
        let (root, sequence) = bucket_header(value).map_err(|problem| Error::CorruptBucket {
            bucket: show(name),
            problem,
        })?;
        let new_value = match change {
            Change::Replace(entries) => w.bucket(&sorted(entries.clone()), sequence)?,
            Change::Put(puts) => {
                let mut entries = read_small(db, name)?;
                for (k, v) in puts {
                    match entries.binary_search_by(|(e, _)| e.as_slice().cmp(k)) {
                        Ok(i) => entries[i].1 = v.clone(),
                        Err(i) => entries.insert(i, (k.clone(), v.clone())),
                    }
                }
                w.bucket(&entries, sequence)?
            }
            Change::Append((k, v)) if root == 0 => {
                let mut entries = read_small(db, name)?;
                check_after(name, entries.last().map(|(k, _)| &k[..]), k)?;
                entries.push((k.clone(), v.clone()));
                w.bucket(&entries, sequence)?
            }
            Change::Append((k, v)) => {
                let root = append_to_tree(db, &mut w, name, root, k, v)?;
                bucket_value(root, sequence, &[])
            }
        };
        top.entries[at].1 = new_value;
    }
    let root_leaf = leaf_bytes(
        top.entries
            .iter()
            .map(|(k, v)| (BUCKET_LEAF_FLAG, &k[..], &v[..])),
    )?;
    let root = w.node(root_leaf)?;
    let meta = Meta {
        root,
        freelist: NO_FREELIST,
        pgid: w.next,
        txid: old.txid + 1,
        ..old
    };
    // bbolt keeps the meta of transaction t in page t % 2.
    let slot = meta.txid % 2;
    let mut page = vec![0u8; w.page_size];
    page[0..8].copy_from_slice(&slot.to_le_bytes());
    page[8..10].copy_from_slice(&META_PAGE.to_le_bytes());
    page[PAGE_HEADER_SIZE..PAGE_HEADER_SIZE + bbolt::META_SIZE].copy_from_slice(&meta.to_bytes());
    w.write_at(&page, slot)?;
    Ok(Applied {
        meta,
        pages_written: w.written,
    })
}

fn sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.dedup_by(|a, b| a.0 == b.0);
    entries
}

fn check_after(bucket: &[u8], last: Option<&[u8]>, key: &[u8]) -> Result<()> {
    match last {
        Some(last) if last >= key => Err(Error::Unsupported(format!(
            "cannot append to bucket \"{}\": the new key does not sort after its last key",
            show(bucket)
        ))),
        _ => Ok(()),
    }
}

/// Appends `k`/`v` to the bucket tree rooted at page `root` by copying its
/// rightmost path; returns the new root page.
fn append_to_tree(
    db: &Db<File>,
    w: &mut Writer<'_>,
    name: &[u8],
    root: u64,
    k: &[u8],
    v: &[u8],
) -> Result<u64> {
    // The branch pages from the root down, each with the offset of its last
    // element.
    let mut path: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut pgid = root;
    loop {
        if path.len() > MAX_TREE_DEPTH {
            return Err(Error::CorruptBucket {
                bucket: show(name),
                problem: format!("is more than {MAX_TREE_DEPTH} levels deep"),
            });
        }
        let page = load(db, pgid)?;
        if page.flags() == BRANCH_PAGE {
            let (last, child) =
                last_branch(page.bytes()).map_err(|problem| Error::Corrupt { pgid, problem })?;
            path.push((page.bytes().to_vec(), last));
            pgid = child;
            continue;
        }
        let elems = parse_leaf(page.bytes()).map_err(|problem| Error::Corrupt { pgid, problem })?;
        if elems.is_empty() && !path.is_empty() {
            return Err(Error::Corrupt {
                pgid,
                problem: "is an empty leaf below a branch page".into(),
            });
        }
        check_after(name, elems.last().map(|(_, k, _)| *k), k)?;
        let n = elems.len();
        let leaf = leaf_bytes(
            elems
                .into_iter()
                .chain(std::iter::once((0, k, v)))
                .collect::<Vec<_>>(),
        )?;
        debug_assert_eq!(page_count(&leaf), Ok(n + 1));
        let mut child = w.node(leaf)?;
        while let Some((mut branch, last)) = path.pop() {
            branch[last + 8..last + 16].copy_from_slice(&child.to_le_bytes());
            // Keep the branch's own size: `node` recomputes the overflow.
            child = w.node(branch)?;
        }
        return Ok(child);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bbolt::Bucket;

    const PS: usize = 4096;

    #[test]
    fn regression_bbolt_edit_readers_were_unchecked_and_panicked_on_short_input() {
        // A page shorter than its header, and a bucket value shorter than
        // a bucket header: errors, never an index panic.
        for short in [&[][..], &[0u8; 4][..], &[0u8; 11][..]] {
            assert!(last_branch(short).is_err(), "{short:?}");
            assert!(branch_children(short).is_err(), "{short:?}");
            assert!(parse_leaf(short).is_err(), "{short:?}");
            assert!(bucket_header(short).is_err(), "{short:?}");
        }
        // A branch page whose count claims one element more than the
        // header: refused by the count check, not read past the end.
        let mut page = vec![0u8; PAGE_HEADER_SIZE + ELEMENT_SIZE - 1];
        page[10] = 1;
        assert!(last_branch(&page).is_err());
        assert_eq!(
            bucket_header(&[1, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0]),
            Ok((1, 2))
        );
    }

    /// Builds a database: meta pages, then the given pages (each a node
    /// from `leaf_bytes` or a hand-made branch), root at `root`.
    fn build(pages: Vec<Vec<u8>>, root: u64) -> tempfile::NamedTempFile {
        let mut file = vec![0u8; 2 * PS];
        for p in pages {
            let id = (file.len() / PS) as u64;
            let n = p.len().div_ceil(PS).max(1);
            let mut p = p;
            p.resize(n * PS, 0);
            p[0..8].copy_from_slice(&id.to_le_bytes());
            p[12..16].copy_from_slice(&((n - 1) as u32).to_le_bytes());
            file.extend_from_slice(&p);
        }
        let pgid = (file.len() / PS) as u64;
        for (slot, txid) in [(0u64, 4u64), (1, 3)] {
            let m = Meta {
                page_size: PS as u32,
                flags: 0,
                root,
                root_sequence: 0,
                freelist: NO_FREELIST,
                pgid,
                txid,
            };
            let off = slot as usize * PS;
            file[off..off + 8].copy_from_slice(&slot.to_le_bytes());
            file[off + 8..off + 10].copy_from_slice(&META_PAGE.to_le_bytes());
            file[off + 16..off + 80].copy_from_slice(&m.to_bytes());
        }
        let f = tempfile::NamedTempFile::new().unwrap();
        std::fs::write(f.path(), &file).unwrap();
        f
    }

    fn branch(children: &[(&[u8], u64)]) -> Vec<u8> {
        let mut b = vec![0u8; PAGE_HEADER_SIZE + children.len() * ELEMENT_SIZE];
        b[8..10].copy_from_slice(&BRANCH_PAGE.to_le_bytes());
        b[10..12].copy_from_slice(&(children.len() as u16).to_le_bytes());
        for (i, (k, pgid)) in children.iter().enumerate() {
            let e = PAGE_HEADER_SIZE + i * ELEMENT_SIZE;
            let pos = (b.len() - e) as u32;
            b[e..e + 4].copy_from_slice(&pos.to_le_bytes());
            b[e + 4..e + 8].copy_from_slice(&(k.len() as u32).to_le_bytes());
            b[e + 8..e + 16].copy_from_slice(&pgid.to_le_bytes());
            b.extend_from_slice(k);
        }
        b
    }

    fn leaf(entries: &[(&[u8], &[u8])]) -> Vec<u8> {
        leaf_bytes(entries.iter().map(|(k, v)| (0, *k, *v)).collect::<Vec<_>>()).unwrap()
    }

    fn inline(entries: &[(&[u8], &[u8])]) -> Vec<u8> {
        bucket_value(0, 7, &leaf(entries))
    }

    fn root_leaf(entries: &[(&[u8], Vec<u8>)]) -> Vec<u8> {
        leaf_bytes(
            entries
                .iter()
                .map(|(k, v)| (BUCKET_LEAF_FLAG, *k, &v[..]))
                .collect::<Vec<_>>(),
        )
        .unwrap()
    }

    fn dump(db: &Db<File>, b: &Bucket) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut out = Vec::new();
        db.for_each_kv(b, |k, v| {
            if let Value::Data(v) = v {
                out.push((k.to_vec(), v.to_vec()));
            }
            Ok::<(), bbolt::Error>(())
        })
        .unwrap();
        out
    }

    fn reopen(f: &tempfile::NamedTempFile) -> Db<File> {
        Db::open(File::open(f.path()).unwrap()).unwrap()
    }

    fn edit(f: &tempfile::NamedTempFile, changes: &[(&[u8], Change)]) -> Applied {
        let db = reopen(f);
        let out = File::options().write(true).open(f.path()).unwrap();
        apply(&db, &out, changes).unwrap()
    }

    fn rev(main: u64) -> Vec<u8> {
        let mut k = main.to_be_bytes().to_vec();
        k.push(b'_');
        k.extend_from_slice(&0u64.to_be_bytes());
        k
    }

    #[test]
    fn rewrites_inline_buckets_and_keeps_the_rest() {
        // Page 2: key bucket leaf; page 3: root leaf.
        let key_leaf = leaf(&[(&rev(1), b"a"), (&rev(2), b"b")]);
        let root = root_leaf(&[
            (b"key", bucket_value(2, 0, &[])),
            (b"members", inline(&[(b"1", b"old")])),
            (
                b"meta",
                inline(&[(b"consistent_index", &9u64.to_be_bytes()), (b"x", b"y")]),
            ),
        ]);
        let f = build(vec![key_leaf, root], 3);
        let applied = edit(
            &f,
            &[
                (
                    b"members",
                    Change::Replace(vec![(b"2".to_vec(), b"new".to_vec())]),
                ),
                (b"members_removed", Change::Replace(vec![])),
                (
                    b"meta",
                    Change::Put(vec![
                        (b"consistent_index".to_vec(), 1u64.to_be_bytes().to_vec()),
                        (b"term".to_vec(), 1u64.to_be_bytes().to_vec()),
                    ]),
                ),
                (b"key", Change::Append((rev(5), b"".to_vec()))),
            ],
        );
        assert_eq!(applied.meta.txid, 5);
        let db = reopen(&f);
        assert_eq!(db.meta_page(), 1);
        assert_eq!(db.meta().freelist, NO_FREELIST);
        assert_eq!(db.meta().pgid, applied.meta.pgid);
        let mut names = Vec::new();
        db.for_each_bucket(|n, _| {
            names.push(n.to_vec());
            Ok::<(), bbolt::Error>(())
        })
        .unwrap();
        assert_eq!(
            names,
            [&b"key"[..], b"members", b"members_removed", b"meta"]
        );
        let get = |n: &[u8]| dump(&db, &db.bucket(&db.root(), n).unwrap().unwrap());
        assert_eq!(get(b"members"), [(b"2".to_vec(), b"new".to_vec())]);
        assert_eq!(get(b"members_removed"), []);
        assert_eq!(
            get(b"meta"),
            [
                (b"consistent_index".to_vec(), 1u64.to_be_bytes().to_vec()),
                (b"term".to_vec(), 1u64.to_be_bytes().to_vec()),
                (b"x".to_vec(), b"y".to_vec()),
            ]
        );
        assert_eq!(
            db.bucket(&db.root(), b"members")
                .unwrap()
                .unwrap()
                .sequence(),
            7
        );
        let keys: Vec<_> = get(b"key").into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, [rev(1), rev(2), rev(5)]);
        assert_eq!(last_key(&db, b"key").unwrap(), Some(rev(5)));
        // The old pages are untouched: the previous meta still reads the old tree.
        let mut old = std::fs::read(f.path()).unwrap();
        old[PS + 16..PS + 80].copy_from_slice(&[0; 64]);
        std::fs::write(f.path(), &old).unwrap();
        let db = reopen(&f);
        assert_eq!(db.meta().txid, 4);
        let keys: Vec<_> = dump(&db, &db.bucket(&db.root(), b"key").unwrap().unwrap());
        assert_eq!(keys.len(), 2);
    }

    #[test]
    fn appends_through_branch_pages_and_flattens_a_branch_root() {
        // Page 2, 3: key leaves; page 4: key branch; pages 5, 6: root
        // leaves; page 7: root branch.
        let big = vec![b'v'; 1500];
        let l1 = leaf(&[(&rev(1), &big), (&rev(2), &big)]);
        let l2 = leaf(&[(&rev(3), &big), (&rev(4), &big)]);
        let kb = branch(&[(&rev(1), 2), (&rev(3), 3)]);
        let r1 = root_leaf(&[(b"key", bucket_value(4, 3, &[]))]);
        let r2 = root_leaf(&[(b"meta", inline(&[(b"a", b"1")]))]);
        let rb = branch(&[(b"key", 5), (b"meta", 6)]);
        let f = build(vec![l1, l2, kb, r1, r2, rb], 7);
        let db = reopen(&f);
        assert_eq!(last_key(&db, b"key").unwrap(), Some(rev(4)));
        assert_eq!(last_key(&db, b"nope").unwrap(), None);
        drop(db);
        let applied = edit(&f, &[(b"key", Change::Append((rev(9), big.clone())))]);
        // Leaf (2 pages: 3 x 1.5 KB + headers), branch, root leaf.
        assert_eq!(applied.pages_written, 4);
        let db = reopen(&f);
        let kb = db.bucket(&db.root(), b"key").unwrap().unwrap();
        assert_eq!(kb.sequence(), 3);
        let keys: Vec<_> = dump(&db, &kb).into_iter().map(|(k, _)| k).collect();
        assert_eq!(keys, [rev(1), rev(2), rev(3), rev(4), rev(9)]);
        let meta = db.bucket(&db.root(), b"meta").unwrap().unwrap();
        assert_eq!(dump(&db, &meta), [(b"a".to_vec(), b"1".to_vec())]);
        let root = db.read_page(db.meta().root).unwrap();
        assert_eq!((root.flags(), root.count()), (LEAF_PAGE, 2));
        // Appending a key that does not sort last is refused.
        drop(db);
        let db = reopen(&f);
        let out = File::options().write(true).open(f.path()).unwrap();
        let e = apply(&db, &out, &[(b"key", Change::Append((rev(3), vec![])))]).unwrap_err();
        assert!(e.to_string().contains("does not sort after"), "{e}");
    }

    #[test]
    fn large_replacements_get_their_own_page() {
        let root = root_leaf(&[(b"members", inline(&[]))]);
        let f = build(vec![root], 2);
        let many: Vec<Entry> = (0..100)
            .map(|i| (format!("{i:04}").into_bytes(), vec![b'x'; 100]))
            .collect();
        edit(&f, &[(b"members", Change::Replace(many.clone()))]);
        let db = reopen(&f);
        let b = db.bucket(&db.root(), b"members").unwrap().unwrap();
        assert!(b.root_page().is_some());
        assert_eq!(dump(&db, &b), many);
    }

    #[test]
    fn refuses_bad_shapes() {
        // A plain value in the root bucket.
        let root = leaf(&[(b"key", b"plain")]);
        let f = build(vec![root], 2);
        let db = reopen(&f);
        let e = last_key(&db, b"key").unwrap_err();
        assert!(e.to_string().contains("plain value"), "{e}");
        // A root branch pointing at itself.
        let rb = branch(&[(b"a", 2)]);
        let f = build(vec![rb], 2);
        let db = reopen(&f);
        let e = last_key(&db, b"a").unwrap_err();
        assert!(e.to_string().contains("cycle"), "{e}");
        // A child beyond the high-water mark.
        let rb = branch(&[(b"a", 99)]);
        let f = build(vec![rb], 2);
        let db = reopen(&f);
        let e = last_key(&db, b"a").unwrap_err();
        assert!(e.to_string().contains("page 99"), "{e}");
        // A nested bucket where a small plain one is expected.
        let nested = bucket_value(
            0,
            0,
            &leaf_bytes(vec![(BUCKET_LEAF_FLAG, &b"n"[..], &inline(&[])[..])]).unwrap(),
        );
        let root = root_leaf(&[(b"meta", nested)]);
        let f = build(vec![root], 2);
        let db = reopen(&f);
        let out = File::options().write(true).open(f.path()).unwrap();
        let e = apply(&db, &out, &[(b"meta", Change::Put(vec![]))]).unwrap_err();
        assert!(e.to_string().contains("nested bucket"), "{e}");
    }
}
