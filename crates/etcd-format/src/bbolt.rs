//! A read-only walker for bbolt database files: etcd's backend
//! (`member/snap/db`) and the snapshots `Maintenance.Snapshot` streams.
//!
//! Why our own reader: `snapshot status` and `snapshot restore` only need to
//! read the B+tree in cursor order (and, for restore, to copy a few pages and
//! rewrite them), and the one Rust port of bbolt cannot open etcd snapshots as
//! published (see `shared/notes/etcd-snapshot-format.md`). Reading is the easy
//! part of bbolt; doing it ourselves keeps the input under our control.
//!
//! Why positioned reads and not mmap: a snapshot may be truncated or replaced
//! while we read it (a concurrent `snapshot save`, a full disk, an NFS
//! hiccup). With a mapping that is a SIGBUS that kills the process; with
//! `pread` it is a short read, reported as [`Error::TruncatedPage`].
//!
//! Why every offset is checked: the file is untrusted input. Every length and
//! position read from it is checked against the page or value that holds it,
//! every page number against the high-water mark and the file size, and
//! every traversal is bounded: a page met twice in one bucket's tree (a
//! cycle), a tree deeper than [`MAX_TREE_DEPTH`], buckets nested deeper than
//! [`MAX_BUCKET_NESTING`], or more elements than the file could hold (pages
//! that overlap) are errors, never a hang or a panic. A `cargo fuzz` target
//! (`fuzz/fuzz_targets/bbolt_open.rs`) feeds arbitrary bytes through all of it.
//!
//! Memory stays small whatever the file size: the walker holds one page per
//! nesting level (a page is `page_size` bytes, more only when it has
//! overflow pages, i.e. a value larger than a page), the child page numbers
//! of the branch pages on the current path, and four bytes per page of the
//! file to detect cycles (1 MiB for a 1 GiB database of 4 KiB pages).
//! Nothing is cached: each page is one `pread`, which the kernel's page
//! cache serves.
//!
//! # The format (as bbolt writes it on the little-endian machines etcd runs on)
//!
//! - The file is an array of pages of `page_size` bytes (the OS page size
//!   when the database was created; read from the meta page, never assumed).
//!   A page starts with a 16-byte header: `id: u64, flags: u16, count: u16,
//!   overflow: u32`; a page with `overflow = n` spans `n + 1` pages.
//! - Pages 0 and 1 are meta pages, written alternately: after the header,
//!   `magic: u32 (0xED0CDAED), version: u32 (2), page_size: u32, flags: u32,
//!   root: {pgid: u64, sequence: u64}, freelist: u64, pgid: u64 (high-water
//!   mark), txid: u64, checksum: u64` where the checksum is FNV-1a 64 of the
//!   56 bytes before it. The valid meta with the highest txid is current.
//!   etcd runs with `NoFreelistSync`: its freelist field is
//!   `0xFFFFFFFFFFFFFFFF` and no freelist is ever read here.
//! - A branch page holds `count` elements `{pos: u32, ksize: u32, pgid: u64}`,
//!   a leaf page `count` elements `{flags: u32, pos: u32, ksize: u32, vsize:
//!   u32}`; the key starts `pos` bytes after its element, the value right
//!   after the key. Keys are sorted, so an in-order walk is cursor order.
//! - A leaf element with flag `0x01` is a bucket: its value is `{root: u64,
//!   sequence: u64}`; `root == 0` means an inline bucket whose leaf page
//!   follows the 16-byte header inside the value. The meta's root is the
//!   bucket of buckets (etcd's `key`, `meta`, `members`, ...).

use std::cell::{Cell, RefCell};
use std::fmt;
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;

/// bbolt's magic number, the first field of a meta page.
pub const MAGIC: u32 = 0xED0C_DAED;
/// The only data file version bbolt has written.
pub const VERSION: u32 = 2;
/// Bytes of the header at the start of every page.
pub const PAGE_HEADER_SIZE: usize = 16;
/// Bytes of the meta fields after a meta page's header (checksum included).
pub const META_SIZE: usize = 64;
/// Bytes of the `{root, sequence}` header of a bucket value.
pub const BUCKET_HEADER_SIZE: usize = 16;
/// The freelist page number of a meta written with `NoFreelistSync`.
pub const NO_FREELIST: u64 = u64::MAX;
/// Page flag: a branch page.
pub const BRANCH_PAGE: u16 = 0x01;
/// Page flag: a leaf page.
pub const LEAF_PAGE: u16 = 0x02;
/// Page flag: a meta page.
pub const META_PAGE: u16 = 0x04;
/// Page flag: a freelist page.
pub const FREELIST_PAGE: u16 = 0x10;
/// Leaf element flag: the value is a bucket.
pub const BUCKET_LEAF_FLAG: u32 = 0x01;
/// Smallest page size accepted from a meta page.
pub const MIN_PAGE_SIZE: u32 = 1024;
/// Largest page size accepted from a meta page (bbolt uses the OS page size;
/// 64 KiB is the largest seen in practice).
pub const MAX_PAGE_SIZE: u32 = 1 << 20;
/// Levels of branch pages allowed above a leaf. A bbolt tree of a billion
/// keys is about six levels deep; more means a corrupt file.
pub const MAX_TREE_DEPTH: usize = 64;
/// Buckets nested inside buckets allowed (etcd uses one level).
pub const MAX_BUCKET_NESTING: u32 = 64;

/// Both branch and leaf elements are 16 bytes.
const ELEMENT_SIZE: usize = 16;
/// Offset of the checksum within the meta fields.
const META_CHECKSUM_OFFSET: usize = 56;

/// Where a structural problem was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageRef {
    /// A page of the file.
    Page(u64),
    /// The inline page of a bucket stored in a leaf of this page.
    InlineIn(u64),
}

impl fmt::Display for PageRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PageRef::Page(id) => write!(f, "page {id}"),
            PageRef::InlineIn(id) => write!(f, "an inline bucket in page {id}"),
        }
    }
}

/// What is wrong with a page (see [`Error::Corrupt`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The page number is not below the meta's high-water mark.
    BeyondHighWater { high_water: u64 },
    /// The page's overflow pages run past the high-water mark.
    OverflowBeyondHighWater { overflow: u32, high_water: u64 },
    /// The page header names another page.
    WrongId { found: u64 },
    /// Not a branch or leaf page where one was expected.
    UnexpectedType { flags: u16 },
    /// Shorter than a page header (inline pages only).
    TooShort { len: usize },
    /// More elements than fit in the page.
    TooManyElements { count: u16 },
    /// An element's key or value lies (partly) outside the page.
    ElementOutOfBounds { index: u16 },
    /// A branch page without children.
    EmptyBranch,
    /// A bucket value shorter than the bucket header.
    ShortBucketValue { index: u16 },
    /// Met a second time while walking one bucket's tree: a cycle.
    ReferencedTwice,
    /// More than [`MAX_TREE_DEPTH`] branch levels.
    TooDeep,
    /// The meta's root bucket page is not below the high-water mark.
    RootBeyondHighWater { root: u64, high_water: u64 },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::BeyondHighWater { high_water } => {
                write!(f, "lies beyond the high-water mark ({high_water} pages)")
            }
            Problem::OverflowBeyondHighWater {
                overflow,
                high_water,
            } => write!(
                f,
                "claims {overflow} overflow pages, running past the high-water mark ({high_water} pages)"
            ),
            Problem::WrongId { found } => write!(f, "identifies itself as page {found}"),
            Problem::UnexpectedType { flags } => {
                write!(f, "has type 0x{flags:02x}, expected a branch or leaf page")
            }
            Problem::TooShort { len } => write!(f, "is only {len} bytes long"),
            Problem::TooManyElements { count } => {
                write!(f, "claims {count} elements, more than fit in it")
            }
            Problem::ElementOutOfBounds { index } => {
                write!(f, "has element {index} pointing outside the page")
            }
            Problem::EmptyBranch => write!(f, "is a branch page without children"),
            Problem::ShortBucketValue { index } => write!(
                f,
                "has element {index}, a bucket whose value is shorter than a bucket header"
            ),
            Problem::ReferencedTwice => {
                write!(f, "is referenced twice in one tree (a cycle)")
            }
            Problem::TooDeep => write!(f, "lies more than {MAX_TREE_DEPTH} levels below its bucket's root"),
            Problem::RootBeyondHighWater { root, high_water } => write!(
                f,
                "names root page {root}, not below the high-water mark ({high_water} pages)"
            ),
        }
    }
}

/// Why a meta page is not usable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum MetaProblem {
    /// The page lies beyond the end of the file.
    Missing,
    /// The magic number is wrong.
    BadMagic,
    /// A data file version other than [`VERSION`].
    Version(u32),
    /// The FNV-1a checksum does not match the fields.
    Checksum,
    /// A page size outside [`MIN_PAGE_SIZE`]..=[`MAX_PAGE_SIZE`].
    PageSize(u32),
}

impl fmt::Display for MetaProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            MetaProblem::Missing => write!(f, "missing"),
            MetaProblem::BadMagic => write!(f, "bad magic"),
            MetaProblem::Version(v) => write!(f, "unsupported version {v}"),
            MetaProblem::Checksum => write!(f, "checksum mismatch"),
            MetaProblem::PageSize(s) => write!(f, "unsupported page size {s}"),
        }
    }
}

fn both_invalid(page0: &MetaProblem, page1: &MetaProblem) -> String {
    if page0 == page1 {
        format!("meta pages are both invalid ({page0})")
    } else {
        format!("meta pages are both invalid (page 0: {page0}; page 1: {page1})")
    }
}

/// Errors reading a bbolt database. Each displays as one line.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The operating system failed a read.
    #[error("I/O error reading the database at byte {offset}")]
    Io {
        offset: u64,
        #[source]
        source: io::Error,
    },
    /// The file is too short to hold a meta page.
    #[error("not a bbolt database (the file is {size} bytes, too short for a meta page)")]
    TooSmall { size: u64 },
    /// Neither meta page has bbolt's magic number.
    #[error("not a bbolt database (bad magic)")]
    BadMagic,
    /// Neither meta page is usable.
    #[error("{}", both_invalid(.page0, .page1))]
    InvalidMeta {
        page0: MetaProblem,
        page1: MetaProblem,
    },
    /// The file is shorter than the pages the meta page counts.
    #[error(
        "truncated: the meta page counts {pages} pages of {page_size} bytes but the file has only {size} bytes"
    )]
    TruncatedDb {
        pages: u64,
        page_size: u32,
        size: u64,
    },
    /// A page (or its overflow) lies beyond the end of the file, which can
    /// also mean the file shrank while it was being read.
    #[error("truncated: page {pgid} lies beyond the end of the file (size {size})")]
    TruncatedPage { pgid: u64, size: u64 },
    /// A structural problem in a page.
    #[error("corrupt database: {at} {problem}")]
    Corrupt { at: PageRef, problem: Problem },
    /// The root bucket holds a plain value where only buckets belong.
    #[error("corrupt database: the root holds a plain value under key \"{key}\", not a bucket")]
    NotABucket { key: String },
    /// A walk met more elements than a file of this size can hold: pages or
    /// inline buckets overlap.
    #[error(
        "corrupt database: more elements than a file of {size} bytes can hold (overlapping pages)"
    )]
    ElementBudget { size: u64 },
    /// Buckets nested deeper than [`MAX_BUCKET_NESTING`].
    #[error("corrupt database: buckets nested more than {MAX_BUCKET_NESTING} deep")]
    NestingTooDeep,
}

/// Shorthand for results of this module.
pub type Result<T, E = Error> = std::result::Result<T, E>;

fn corrupt(at: PageRef, problem: Problem) -> Error {
    Error::Corrupt { at, problem }
}

/// A source of bytes read at positions: a [`File`], or bytes in memory (for
/// tests and the fuzzer).
pub trait ReadAt {
    /// Reads up to `buf.len()` bytes at `offset`; returns how many were read,
    /// 0 at the end.
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize>;
    /// The current length in bytes.
    fn size(&self) -> io::Result<u64>;
}

impl ReadAt for File {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        FileExt::read_at(self, buf, offset)
    }
    fn size(&self) -> io::Result<u64> {
        Ok(self.metadata()?.len())
    }
}

impl ReadAt for [u8] {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        let Ok(start) = usize::try_from(offset) else {
            return Ok(0);
        };
        let src = self.get(start..).unwrap_or_default();
        let n = src.len().min(buf.len());
        buf[..n].copy_from_slice(&src[..n]);
        Ok(n)
    }
    fn size(&self) -> io::Result<u64> {
        Ok(self.len() as u64)
    }
}

impl ReadAt for Vec<u8> {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        self.as_slice().read_at(buf, offset)
    }
    fn size(&self) -> io::Result<u64> {
        Ok(self.len() as u64)
    }
}

impl<T: ReadAt + ?Sized> ReadAt for &T {
    fn read_at(&self, buf: &mut [u8], offset: u64) -> io::Result<usize> {
        (**self).read_at(buf, offset)
    }
    fn size(&self) -> io::Result<u64> {
        (**self).size()
    }
}

enum ReadFail {
    Eof,
    Io(io::Error),
}

/// Fills `buf` from `offset`; a short read is [`ReadFail::Eof`].
fn read_full<R: ReadAt + ?Sized>(
    src: &R,
    mut buf: &mut [u8],
    mut offset: u64,
) -> Result<(), ReadFail> {
    while !buf.is_empty() {
        match src.read_at(buf, offset) {
            Ok(0) => return Err(ReadFail::Eof),
            Ok(n) => {
                let n = n.min(buf.len());
                buf = &mut buf[n..];
                offset += n as u64;
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(ReadFail::Io(e)),
        }
    }
    Ok(())
}

// The one set of little-endian field readers for bbolt pages (also used by
// `bbolt_edit`): `None` when the field does not lie inside `b`.

pub(crate) fn le_u16(b: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        b.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(crate) fn le_u32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        b.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

pub(crate) fn le_u64(b: &[u8], at: usize) -> Option<u64> {
    Some(u64::from_le_bytes(
        b.get(at..at.checked_add(8)?)?.try_into().ok()?,
    ))
}

/// FNV-1a, 64 bits: the meta page checksum.
fn fnv1a64(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in data {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The 16-byte header of a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Header {
    id: u64,
    flags: u16,
    count: u16,
    overflow: u32,
}

impl Header {
    fn parse(b: &[u8]) -> Option<Header> {
        Some(Header {
            id: le_u64(b, 0)?,
            flags: le_u16(b, 8)?,
            count: le_u16(b, 10)?,
            overflow: le_u32(b, 12)?,
        })
    }
}

/// The fields of a meta page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meta {
    pub page_size: u32,
    pub flags: u32,
    /// Page number of the root bucket's root page.
    pub root: u64,
    /// The root bucket's sequence.
    pub root_sequence: u64,
    /// Page number of the freelist, [`NO_FREELIST`] when it is not synced.
    pub freelist: u64,
    /// The high-water mark: pages `0..pgid` are in use; the database's size
    /// is `pgid * page_size` (bbolt's `Tx.Size`).
    pub pgid: u64,
    /// The transaction that wrote this meta.
    pub txid: u64,
}

impl Meta {
    /// Parses and validates the 64 meta bytes that follow a meta page header.
    pub fn parse(b: &[u8]) -> Result<Meta, MetaProblem> {
        let b = b.get(..META_SIZE).ok_or(MetaProblem::Missing)?;
        let field = |at| le_u64(b, at).unwrap_or_default();
        if le_u32(b, 0) != Some(MAGIC) {
            return Err(MetaProblem::BadMagic);
        }
        let version = le_u32(b, 4).unwrap_or_default();
        if version != VERSION {
            return Err(MetaProblem::Version(version));
        }
        if field(META_CHECKSUM_OFFSET) != fnv1a64(&b[..META_CHECKSUM_OFFSET]) {
            return Err(MetaProblem::Checksum);
        }
        let page_size = le_u32(b, 8).unwrap_or_default();
        if !(MIN_PAGE_SIZE..=MAX_PAGE_SIZE).contains(&page_size) {
            return Err(MetaProblem::PageSize(page_size));
        }
        Ok(Meta {
            page_size,
            flags: le_u32(b, 12).unwrap_or_default(),
            root: field(16),
            root_sequence: field(24),
            freelist: field(32),
            pgid: field(40),
            txid: field(48),
        })
    }

    /// The 64 meta bytes, checksum included, as they follow a meta page
    /// header (a writer puts them in page `txid % 2`).
    pub fn to_bytes(&self) -> [u8; META_SIZE] {
        let mut b = [0u8; META_SIZE];
        b[0..4].copy_from_slice(&MAGIC.to_le_bytes());
        b[4..8].copy_from_slice(&VERSION.to_le_bytes());
        b[8..12].copy_from_slice(&self.page_size.to_le_bytes());
        b[12..16].copy_from_slice(&self.flags.to_le_bytes());
        b[16..24].copy_from_slice(&self.root.to_le_bytes());
        b[24..32].copy_from_slice(&self.root_sequence.to_le_bytes());
        b[32..40].copy_from_slice(&self.freelist.to_le_bytes());
        b[40..48].copy_from_slice(&self.pgid.to_le_bytes());
        b[48..56].copy_from_slice(&self.txid.to_le_bytes());
        let sum = fnv1a64(&b[..META_CHECKSUM_OFFSET]);
        b[56..64].copy_from_slice(&sum.to_le_bytes());
        b
    }

    /// The freelist page, `None` under `NoFreelistSync` (every etcd snapshot).
    pub fn freelist_page(&self) -> Option<u64> {
        (self.freelist != NO_FREELIST).then_some(self.freelist)
    }
}

/// A raw page as stored, overflow pages included.
#[derive(Debug, Clone)]
pub struct Page {
    header: Header,
    bytes: Vec<u8>,
}

impl Page {
    /// The page number in the header.
    pub fn id(&self) -> u64 {
        self.header.id
    }
    /// [`BRANCH_PAGE`], [`LEAF_PAGE`], [`META_PAGE`] or [`FREELIST_PAGE`].
    pub fn flags(&self) -> u16 {
        self.header.flags
    }
    /// Number of elements.
    pub fn count(&self) -> u16 {
        self.header.count
    }
    /// Number of overflow pages following this one.
    pub fn overflow(&self) -> u32 {
        self.header.overflow
    }
    /// All `(overflow + 1) * page_size` bytes, header included.
    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Root {
    Page(u64),
    Inline { page: Vec<u8>, parent: u64 },
}

/// A bucket: where its tree starts. Cheap to clone except for inline
/// buckets, which carry their (small) page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bucket {
    root: Root,
    sequence: u64,
}

impl Bucket {
    /// Parses a bucket value; `at` is the page holding it.
    fn parse(value: &[u8], at: PageRef, index: u16) -> Result<Bucket> {
        let short = || corrupt(at, Problem::ShortBucketValue { index });
        let root = le_u64(value, 0).ok_or_else(short)?;
        let sequence = le_u64(value, 8).ok_or_else(short)?;
        let root = if root == 0 {
            let parent = match at {
                PageRef::Page(id) | PageRef::InlineIn(id) => id,
            };
            Root::Inline {
                page: value[BUCKET_HEADER_SIZE..].to_vec(),
                parent,
            }
        } else {
            Root::Page(root)
        };
        Ok(Bucket { root, sequence })
    }

    /// The page number of the bucket's root page; `None` for an inline
    /// bucket, whose leaf is stored in its parent's page.
    pub fn root_page(&self) -> Option<u64> {
        match self.root {
            Root::Page(id) => Some(id),
            Root::Inline { .. } => None,
        }
    }

    /// The bucket's sequence (bbolt's `NextSequence` counter).
    pub fn sequence(&self) -> u64 {
        self.sequence
    }
}

/// A leaf value: plain bytes, or a nested bucket (bbolt's `ForEach` passes
/// `nil` as the value of those).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value<'a> {
    Data(&'a [u8]),
    Bucket(Bucket),
}

/// A bounds-checked view of a branch or leaf page.
struct View<'a> {
    bytes: &'a [u8],
    at: PageRef,
    header: Header,
}

impl<'a> View<'a> {
    fn new(bytes: &'a [u8], at: PageRef) -> Result<View<'a>> {
        let header = Header::parse(bytes)
            .ok_or_else(|| corrupt(at, Problem::TooShort { len: bytes.len() }))?;
        let need = PAGE_HEADER_SIZE + usize::from(header.count) * ELEMENT_SIZE;
        if need > bytes.len() {
            return Err(corrupt(
                at,
                Problem::TooManyElements {
                    count: header.count,
                },
            ));
        }
        Ok(View { bytes, at, header })
    }

    fn element(&self, index: u16) -> usize {
        PAGE_HEADER_SIZE + usize::from(index) * ELEMENT_SIZE
    }

    /// `len` bytes starting `pos` bytes after element `index`.
    fn slice(&self, index: u16, pos: u32, len: u64) -> Result<(usize, usize)> {
        let start = self.element(index) as u64 + u64::from(pos);
        let end = start + len;
        if end > self.bytes.len() as u64 {
            return Err(corrupt(self.at, Problem::ElementOutOfBounds { index }));
        }
        Ok((start as usize, end as usize))
    }

    fn branch(&self, index: u16) -> Result<(&'a [u8], u64)> {
        let e = self.element(index);
        let pos = le_u32(self.bytes, e).unwrap_or_default();
        let ksize = le_u32(self.bytes, e + 4).unwrap_or_default();
        let pgid = le_u64(self.bytes, e + 8).unwrap_or_default();
        let (k0, k1) = self.slice(index, pos, u64::from(ksize))?;
        Ok((&self.bytes[k0..k1], pgid))
    }

    fn leaf(&self, index: u16) -> Result<(u32, &'a [u8], &'a [u8])> {
        let e = self.element(index);
        let flags = le_u32(self.bytes, e).unwrap_or_default();
        let pos = le_u32(self.bytes, e + 4).unwrap_or_default();
        let ksize = le_u32(self.bytes, e + 8).unwrap_or_default();
        let vsize = le_u32(self.bytes, e + 12).unwrap_or_default();
        let (k0, k1) = self.slice(index, pos, u64::from(ksize) + u64::from(vsize))?;
        let kend = k0 + ksize as usize;
        Ok((flags, &self.bytes[k0..kend], &self.bytes[kend..k1]))
    }

    fn leaf_value(&self, index: u16) -> Result<(&'a [u8], Value<'a>)> {
        let (flags, key, value) = self.leaf(index)?;
        let value = if flags & BUCKET_LEAF_FLAG != 0 {
            Value::Bucket(Bucket::parse(value, self.at, index)?)
        } else {
            Value::Data(value)
        };
        Ok((key, value))
    }
}

/// A leaf element found by [`Db::seek`].
struct Found {
    flags: u32,
    value: Vec<u8>,
    at: PageRef,
    index: u16,
}

/// Walk state: the element budget of one outermost `for_each_*` call (and
/// the calls nested in its callbacks), and which tree walk last saw each
/// page (cycle detection within one bucket's tree).
#[derive(Debug, Default)]
struct Walk {
    /// Nesting level of `for_each_kv` calls.
    depth: Cell<u32>,
    /// Elements the current walk may still visit.
    budget: Cell<u64>,
    /// The id of the last tree walk begun.
    last_id: Cell<u32>,
    /// Per page, the id of the last tree walk that visited it.
    seen: RefCell<Vec<u32>>,
}

/// Leaves a nesting level when dropped (also on early return or panic).
struct Level<'a>(&'a Walk);

impl Drop for Level<'_> {
    fn drop(&mut self) {
        self.0.depth.set(self.0.depth.get().saturating_sub(1));
    }
}

/// An open bbolt database, read through positioned reads.
///
/// Not `Sync`: walks keep their cycle-detection state inside. Open one per
/// thread if needed; they share nothing.
pub struct Db<R = File> {
    src: R,
    size: u64,
    meta: Meta,
    meta_page: u64,
    walk: Walk,
}

impl<R> fmt::Debug for Db<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Db")
            .field("size", &self.size)
            .field("meta", &self.meta)
            .field("meta_page", &self.meta_page)
            .finish_non_exhaustive()
    }
}

impl Db<File> {
    /// Opens a database file: reads and validates its meta pages.
    pub fn open(file: File) -> Result<Db<File>> {
        Db::from_reader(file)
    }
}

impl<R: ReadAt> Db<R> {
    /// Opens a database from any positioned-read source.
    pub fn from_reader(src: R) -> Result<Db<R>> {
        let size = src
            .size()
            .map_err(|source| Error::Io { offset: 0, source })?;
        let header_and_meta = (PAGE_HEADER_SIZE + META_SIZE) as u64;
        if size < header_and_meta {
            return Err(Error::TooSmall { size });
        }
        let read_meta = |page_size: u64| -> Result<Result<Meta, MetaProblem>> {
            let mut buf = [0u8; PAGE_HEADER_SIZE + META_SIZE];
            match read_full(&src, &mut buf, page_size) {
                Ok(()) => Ok(Meta::parse(&buf[PAGE_HEADER_SIZE..])),
                Err(ReadFail::Eof) => Ok(Err(MetaProblem::Missing)),
                Err(ReadFail::Io(source)) => Err(Error::Io {
                    offset: page_size,
                    source,
                }),
            }
        };
        let meta0 = read_meta(0)?;
        // Meta 1 sits one page in. Meta 0 tells the page size; when it is
        // damaged, look where each plausible page size puts meta 1 (bbolt
        // tries only the OS page size).
        let meta1 = match meta0 {
            Ok(m) => match read_meta(u64::from(m.page_size))? {
                Ok(m1) if m1.page_size != m.page_size => Err(MetaProblem::PageSize(m1.page_size)),
                other => other,
            },
            Err(_) => {
                let mut found = None;
                // What sits where bbolt would look (the usual OS page size),
                // for the error message when nothing valid is found.
                let mut at_4096 = Err(MetaProblem::Missing);
                let mut size = MIN_PAGE_SIZE;
                while size <= MAX_PAGE_SIZE {
                    match read_meta(u64::from(size))? {
                        Ok(m) if m.page_size == size => {
                            found = Some(m);
                            break;
                        }
                        Ok(m) if size == 4096 => at_4096 = Err(MetaProblem::PageSize(m.page_size)),
                        Err(p) if size == 4096 => at_4096 = Err(p),
                        _ => {}
                    }
                    size *= 2;
                }
                match found {
                    Some(m) => Ok(m),
                    None => at_4096,
                }
            }
        };
        let (meta, meta_page) = match (meta0, meta1) {
            (Ok(m0), Ok(m1)) if m1.txid > m0.txid => (m1, 1),
            (Ok(m0), _) => (m0, 0),
            (Err(_), Ok(m1)) => (m1, 1),
            (Err(p0), Err(p1)) => {
                let not_bbolt =
                    |p: MetaProblem| matches!(p, MetaProblem::BadMagic | MetaProblem::Missing);
                return Err(if not_bbolt(p0) && not_bbolt(p1) {
                    Error::BadMagic
                } else {
                    Error::InvalidMeta {
                        page0: p0,
                        page1: p1,
                    }
                });
            }
        };
        let need = meta.pgid.checked_mul(u64::from(meta.page_size));
        if need.is_none_or(|need| need > size) {
            return Err(Error::TruncatedDb {
                pages: meta.pgid,
                page_size: meta.page_size,
                size,
            });
        }
        if meta.root >= meta.pgid {
            return Err(corrupt(
                PageRef::Page(meta_page),
                Problem::RootBeyondHighWater {
                    root: meta.root,
                    high_water: meta.pgid,
                },
            ));
        }
        Ok(Db {
            src,
            size,
            meta,
            meta_page,
            walk: Walk::default(),
        })
    }

    /// The page size, from the meta page.
    pub fn page_size(&self) -> u32 {
        self.meta.page_size
    }

    /// The current meta: the valid one with the highest txid.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Which meta page (0 or 1) is current.
    pub fn meta_page(&self) -> u64 {
        self.meta_page
    }

    /// The database's size: high-water mark times page size (bbolt's
    /// `Tx.Size`, etcdutl's `totalSize`). A snapshot's file is this plus a
    /// 32-byte sha256 trailer; a live `member/snap/db` is usually larger.
    pub fn size(&self) -> u64 {
        self.meta.pgid * u64::from(self.meta.page_size)
    }

    /// The file's size when it was opened.
    pub fn file_size(&self) -> u64 {
        self.size
    }

    /// Gives the source back.
    pub fn into_inner(self) -> R {
        self.src
    }

    /// The root bucket, whose entries are the top-level buckets.
    pub fn root(&self) -> Bucket {
        Bucket {
            root: Root::Page(self.meta.root),
            sequence: self.meta.root_sequence,
        }
    }

    fn read_exact(&self, buf: &mut [u8], offset: u64, pgid: u64) -> Result<()> {
        read_full(&self.src, buf, offset).map_err(|e| match e {
            ReadFail::Io(source) => Error::Io { offset, source },
            // The file may have shrunk since it was opened: report its size now.
            ReadFail::Eof => Error::TruncatedPage {
                pgid,
                size: self.src.size().unwrap_or(self.size),
            },
        })
    }

    /// Reads page `pgid` as stored, overflow pages included, without
    /// interpreting it (meta and freelist pages too): the raw material for
    /// copy-on-write edits.
    pub fn read_page(&self, pgid: u64) -> Result<Page> {
        let ps = u64::from(self.meta.page_size);
        let beyond = |pgid| Error::TruncatedPage {
            pgid,
            size: self.size,
        };
        let offset = pgid.checked_mul(ps).ok_or_else(|| beyond(pgid))?;
        if offset.checked_add(ps).is_none_or(|end| end > self.size) {
            return Err(beyond(pgid));
        }
        let mut bytes = vec![0u8; ps as usize];
        self.read_exact(&mut bytes, offset, pgid)?;
        let header = Header::parse(&bytes).ok_or_else(|| beyond(pgid))?;
        let last = pgid + u64::from(header.overflow);
        if (last + 1).checked_mul(ps).is_none_or(|end| end > self.size) {
            return Err(beyond(last));
        }
        if header.overflow > 0 {
            bytes.resize(((last - pgid + 1) * ps) as usize, 0);
            self.read_exact(&mut bytes[ps as usize..], offset + ps, pgid + 1)?;
        }
        Ok(Page { header, bytes })
    }

    /// Reads branch or leaf page `pgid` into `buf`, checking it against the
    /// high-water mark and, when `walk_id` is set, marking it (and its
    /// overflow) as seen by that walk.
    fn load_node(&self, pgid: u64, buf: &mut Vec<u8>, walk_id: Option<u32>) -> Result<Header> {
        let high_water = self.meta.pgid;
        let at = PageRef::Page(pgid);
        if pgid >= high_water {
            return Err(corrupt(at, Problem::BeyondHighWater { high_water }));
        }
        let ps = self.meta.page_size as usize;
        // pgid < high_water and high_water * ps <= size: no overflow.
        let offset = pgid * ps as u64;
        buf.clear();
        buf.resize(ps, 0);
        self.read_exact(buf, offset, pgid)?;
        let header =
            Header::parse(buf).ok_or_else(|| corrupt(at, Problem::TooShort { len: buf.len() }))?;
        if header.id != pgid {
            return Err(corrupt(at, Problem::WrongId { found: header.id }));
        }
        if header.flags != BRANCH_PAGE && header.flags != LEAF_PAGE {
            return Err(corrupt(
                at,
                Problem::UnexpectedType {
                    flags: header.flags,
                },
            ));
        }
        let last = pgid + u64::from(header.overflow);
        if last >= high_water {
            return Err(corrupt(
                at,
                Problem::OverflowBeyondHighWater {
                    overflow: header.overflow,
                    high_water,
                },
            ));
        }
        if let Some(id) = walk_id {
            let mut seen = self.walk.seen.borrow_mut();
            if seen.len() as u64 != high_water {
                seen.clear();
                seen.resize(high_water as usize, 0);
            }
            for p in pgid..=last {
                let mark = &mut seen[p as usize];
                if *mark == id {
                    return Err(corrupt(PageRef::Page(p), Problem::ReferencedTwice));
                }
                *mark = id;
            }
        }
        if header.overflow > 0 {
            // last < high_water, so this fits in the file.
            buf.resize((last - pgid + 1) as usize * ps, 0);
            self.read_exact(&mut buf[ps..], offset + ps as u64, pgid + 1)?;
        }
        Ok(header)
    }

    /// Enters one `for_each_kv` level and begins a new tree walk id.
    fn enter(&self) -> Result<(Level<'_>, u32)> {
        let w = &self.walk;
        let depth = w.depth.get();
        if depth >= MAX_BUCKET_NESTING {
            return Err(Error::NestingTooDeep);
        }
        if depth == 0 {
            // A legitimate full walk visits each element once, and each
            // element takes at least 16 bytes of the file (as does each 16
            // bytes of inline page copied); allow twice that.
            w.budget.set(self.size / 8 + 1024);
        }
        w.depth.set(depth + 1);
        let level = Level(w);
        let mut id = w.last_id.get().wrapping_add(1);
        if id == 0 {
            w.seen.borrow_mut().fill(0);
            id = 1;
        }
        w.last_id.set(id);
        Ok((level, id))
    }

    /// Charges `units` (an element, or 16 bytes of inline page copied) to
    /// the current walk.
    fn spend(&self, units: u64) -> Result<()> {
        let left = self.walk.budget.get();
        let left = left
            .checked_sub(units)
            .ok_or(Error::ElementBudget { size: self.size })?;
        self.walk.budget.set(left);
        Ok(())
    }

    fn visit_leaf<E, F>(&self, view: &View<'_>, f: &mut F) -> Result<(), E>
    where
        E: From<Error>,
        F: FnMut(&[u8], Value<'_>) -> Result<(), E>,
    {
        self.spend(u64::from(view.header.count))?;
        for i in 0..view.header.count {
            let (key, value) = view.leaf_value(i)?;
            if let Value::Bucket(Bucket {
                root: Root::Inline { page, .. },
                ..
            }) = &value
            {
                // Inline pages are copied: overlapping elements must not
                // make that quadratic.
                self.spend(page.len() as u64 / 16)?;
            }
            f(key, value)?;
        }
        Ok(())
    }

    /// Calls `f` for every key of `bucket`, in cursor (byte) order, with its
    /// value; nested buckets come as [`Value::Bucket`] and may be walked
    /// from inside `f`.
    ///
    /// Stops at the first error `f` returns. Each page of the bucket's tree
    /// is read once, when the walk reaches it; meeting one twice is
    /// [`Problem::ReferencedTwice`]. Calls nested in `f` share one budget
    /// with the outermost call: about twice the elements the file can hold,
    /// enough to walk everything once ([`Error::ElementBudget`]).
    pub fn for_each_kv<E, F>(&self, bucket: &Bucket, mut f: F) -> Result<(), E>
    where
        E: From<Error>,
        F: FnMut(&[u8], Value<'_>) -> Result<(), E>,
    {
        let (_level, id) = self.enter()?;
        let root = match &bucket.root {
            Root::Inline { page, parent } => {
                let view = View::new(page, PageRef::InlineIn(*parent))?;
                if view.header.flags != LEAF_PAGE {
                    return Err(corrupt(
                        view.at,
                        Problem::UnexpectedType {
                            flags: view.header.flags,
                        },
                    )
                    .into());
                }
                return self.visit_leaf(&view, &mut f);
            }
            Root::Page(root) => *root,
        };
        let mut buf = Vec::new();
        // The children of each branch page on the path, and the next to visit.
        let mut path: Vec<(Vec<u64>, usize)> = Vec::new();
        let mut next = Some(root);
        while let Some(pgid) = next {
            let header = self.load_node(pgid, &mut buf, Some(id))?;
            let view = View::new(&buf, PageRef::Page(pgid))?;
            if header.flags == BRANCH_PAGE {
                if path.len() >= MAX_TREE_DEPTH {
                    return Err(corrupt(view.at, Problem::TooDeep).into());
                }
                if header.count == 0 {
                    return Err(corrupt(view.at, Problem::EmptyBranch).into());
                }
                self.spend(u64::from(header.count))?;
                let children = (0..header.count)
                    .map(|i| view.branch(i).map(|(_, child)| child))
                    .collect::<Result<Vec<u64>>>()?;
                path.push((children, 0));
            } else {
                self.visit_leaf(&view, &mut f)?;
            }
            next = None;
            while let Some((children, i)) = path.last_mut() {
                if let Some(&child) = children.get(*i) {
                    *i += 1;
                    next = Some(child);
                    break;
                }
                path.pop();
            }
        }
        Ok(())
    }

    /// Calls `f` for every top-level bucket, in cursor order. A plain value
    /// in the root bucket is an error ([`Error::NotABucket`]), as it is for
    /// etcdutl.
    pub fn for_each_bucket<E, F>(&self, mut f: F) -> Result<(), E>
    where
        E: From<Error>,
        F: FnMut(&[u8], Bucket) -> Result<(), E>,
    {
        self.for_each_kv(&self.root(), |key, value| match value {
            Value::Bucket(b) => f(key, b),
            Value::Data(_) => Err(Error::NotABucket {
                key: String::from_utf8_lossy(key).escape_debug().to_string(),
            }
            .into()),
        })
    }

    /// Finds `key` in `bucket` by descending its tree (bbolt's `Get` /
    /// `Bucket`); returns the raw element.
    fn seek(&self, bucket: &Bucket, key: &[u8]) -> Result<Option<Found>> {
        let find_leaf = |view: &View<'_>| -> Result<Option<Found>> {
            for index in 0..view.header.count {
                let (flags, k, v) = view.leaf(index)?;
                if k == key {
                    return Ok(Some(Found {
                        flags,
                        value: v.to_vec(),
                        at: view.at,
                        index,
                    }));
                }
            }
            Ok(None)
        };
        let mut pgid = match &bucket.root {
            Root::Inline { page, parent } => {
                let view = View::new(page, PageRef::InlineIn(*parent))?;
                if view.header.flags != LEAF_PAGE {
                    let flags = view.header.flags;
                    return Err(corrupt(view.at, Problem::UnexpectedType { flags }));
                }
                return find_leaf(&view);
            }
            Root::Page(root) => *root,
        };
        let mut buf = Vec::new();
        for _ in 0..=MAX_TREE_DEPTH {
            let header = self.load_node(pgid, &mut buf, None)?;
            let view = View::new(&buf, PageRef::Page(pgid))?;
            if header.flags == LEAF_PAGE {
                return find_leaf(&view);
            }
            if header.count == 0 {
                return Err(corrupt(view.at, Problem::EmptyBranch));
            }
            // The last child whose first key is <= key (the first if none).
            let mut child = view.branch(0)?.1;
            for i in 1..header.count {
                let (k, c) = view.branch(i)?;
                if k > key {
                    break;
                }
                child = c;
            }
            pgid = child;
        }
        Err(corrupt(PageRef::Page(pgid), Problem::TooDeep))
    }

    /// The nested bucket `name` of `parent`; `None` when absent or a plain
    /// value.
    pub fn bucket(&self, parent: &Bucket, name: &[u8]) -> Result<Option<Bucket>> {
        match self.seek(parent, name)? {
            Some(f) if f.flags & BUCKET_LEAF_FLAG != 0 => {
                Ok(Some(Bucket::parse(&f.value, f.at, f.index)?))
            }
            _ => Ok(None),
        }
    }

    /// The value of `key` in `bucket`; `None` when absent or a bucket.
    pub fn get(&self, bucket: &Bucket, key: &[u8]) -> Result<Option<Vec<u8>>> {
        match self.seek(bucket, key)? {
            Some(f) if f.flags & BUCKET_LEAF_FLAG == 0 => Ok(Some(f.value)),
            _ => Ok(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(page_size: u32, txid: u64) -> Meta {
        Meta {
            page_size,
            flags: 0,
            root: 2,
            root_sequence: 0,
            freelist: NO_FREELIST,
            pgid: 3,
            txid,
        }
    }

    /// Two meta pages and an empty root leaf: the smallest database.
    fn empty_db(page_size: u32, txid0: u64, txid1: u64) -> Vec<u8> {
        let ps = page_size as usize;
        let mut b = vec![0u8; 3 * ps];
        for (page, txid) in [(0usize, txid0), (1, txid1)] {
            let off = page * ps;
            b[off..off + 8].copy_from_slice(&(page as u64).to_le_bytes());
            b[off + 8..off + 10].copy_from_slice(&META_PAGE.to_le_bytes());
            b[off + 16..off + 80].copy_from_slice(&meta(page_size, txid).to_bytes());
        }
        b[2 * ps..2 * ps + 8].copy_from_slice(&2u64.to_le_bytes());
        b[2 * ps + 8..2 * ps + 10].copy_from_slice(&LEAF_PAGE.to_le_bytes());
        b
    }

    #[test]
    fn fnv1a64_known_values() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn meta_round_trips_and_checks_its_checksum() {
        let m = meta(4096, 42);
        let mut b = m.to_bytes();
        assert_eq!(Meta::parse(&b), Ok(m));
        b[48] ^= 1;
        assert_eq!(Meta::parse(&b), Err(MetaProblem::Checksum));
        b[0] ^= 1;
        assert_eq!(Meta::parse(&b), Err(MetaProblem::BadMagic));
        assert_eq!(Meta::parse(&b[..10]), Err(MetaProblem::Missing));
        let mut v = meta(4096, 1).to_bytes();
        v[4] = 1;
        assert_eq!(Meta::parse(&v), Err(MetaProblem::Version(1)));
        let small = meta(512, 1).to_bytes();
        assert_eq!(Meta::parse(&small), Err(MetaProblem::PageSize(512)));
    }

    #[test]
    fn picks_the_valid_meta_with_the_highest_txid() {
        for page_size in [4096, 16_384, 65_536] {
            let db = Db::from_reader(empty_db(page_size, 7, 8)).unwrap();
            assert_eq!((db.meta_page(), db.meta().txid), (1, 8));
            assert_eq!(db.page_size(), page_size);
            assert_eq!(db.size(), 3 * u64::from(page_size));
            let db = Db::from_reader(empty_db(page_size, 9, 8)).unwrap();
            assert_eq!((db.meta_page(), db.meta().txid), (0, 9));
            // Meta 0 damaged: meta 1 is found at its page size.
            let mut b = empty_db(page_size, 9, 8);
            b[16 + 48] ^= 1;
            let db = Db::from_reader(b).unwrap();
            assert_eq!((db.meta_page(), db.meta().txid), (1, 8));
        }
    }

    #[test]
    fn errors_are_one_line() {
        let e = Db::from_reader(Vec::new()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "not a bbolt database (the file is 0 bytes, too short for a meta page)"
        );
        let e = Db::from_reader(vec![0u8; 8192]).unwrap_err();
        assert_eq!(e.to_string(), "not a bbolt database (bad magic)");
        let mut b = empty_db(4096, 1, 2);
        b[16 + 48] ^= 1;
        b[4096 + 16 + 48] ^= 1;
        let e = Db::from_reader(b).unwrap_err();
        assert_eq!(
            e.to_string(),
            "meta pages are both invalid (checksum mismatch)"
        );
        let mut b = empty_db(4096, 1, 2);
        b[16 + 4] = 3;
        b[4096 + 16 + 48] ^= 1;
        let e = Db::from_reader(b).unwrap_err();
        assert_eq!(
            e.to_string(),
            "meta pages are both invalid (page 0: unsupported version 3; page 1: checksum mismatch)"
        );
        let b = empty_db(4096, 1, 2);
        let e = Db::from_reader(b[..8192].to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "truncated: the meta page counts 3 pages of 4096 bytes but the file has only 8192 bytes"
        );
    }

    #[test]
    fn empty_root_walks_to_nothing() {
        let db = Db::from_reader(empty_db(4096, 1, 2)).unwrap();
        let mut n = 0;
        db.for_each_bucket(|_, _| {
            n += 1;
            Ok::<(), Error>(())
        })
        .unwrap();
        assert_eq!(n, 0);
        assert_eq!(db.bucket(&db.root(), b"key").unwrap(), None);
        let page = db.read_page(2).unwrap();
        assert_eq!((page.id(), page.flags(), page.count()), (2, LEAF_PAGE, 0));
        let meta_page = db.read_page(1).unwrap();
        assert_eq!(meta_page.flags(), META_PAGE);
        let e = db.read_page(3).unwrap_err();
        assert_eq!(
            e.to_string(),
            "truncated: page 3 lies beyond the end of the file (size 12288)"
        );
    }

    #[test]
    fn slices_read_at_any_offset() {
        let data = [1u8, 2, 3];
        let mut buf = [0u8; 4];
        assert_eq!(ReadAt::read_at(&data[..], &mut buf, 1).unwrap(), 2);
        assert_eq!(&buf[..2], &[2, 3]);
        assert_eq!(ReadAt::read_at(&data[..], &mut buf, 3).unwrap(), 0);
        assert_eq!(ReadAt::read_at(&data[..], &mut buf, u64::MAX).unwrap(), 0);
    }
}
