//! Copying the database out of the snapshot: read, sha256 and write in one
//! pass, its writeback started as it goes.
//!
//! Why a thread for the hash: SHA-256 is most of the CPU time of a restore
//! and needs nothing but the bytes, so a second thread hashes each chunk
//! while the next one is read and written ([`COPY_BUFFERS`] chunks in
//! flight). Why aws-lc's SHA-256 and not the `sha2` crate's: its assembly
//! ran 2.3 times faster here.
//!
//! Why the `sync_file_range` calls: the copy must be on disk before it is
//! renamed into place, and one fsync at the end would first let gigabytes
//! of dirty pages pile up and then wait for all of them. Starting the
//! writeback of each window as soon as it is written, and waiting for the
//! window before it, keeps the disk busy while the next window is read and
//! hashed, and keeps the dirty pages to two windows. (Advisory: where the
//! call fails, the final fsync does all the work.)

use anyhow::{anyhow, Context, Result};
use std::fs::File;
use std::io;
use std::os::unix::fs::FileExt;
use std::os::unix::io::AsRawFd;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};

/// Bytes read, hashed and written at a time.
const COPY_CHUNK: usize = 1 << 20;
/// Chunks between the copy and the hashing thread (memory: this many MiB).
const COPY_BUFFERS: usize = 4;
/// Bytes written before their writeback is started.
const WRITEBACK_WINDOW: u64 = 16 << 20;

/// The source and destination of one copy.
pub struct Ends<'a> {
    pub src: &'a File,
    pub src_path: &'a Path,
    pub dst: &'a File,
    pub dst_path: &'a Path,
}

/// Copies the first `len` bytes of `src` to `dst`, hashing them when asked;
/// the progress bar follows the bytes.
pub fn copy_hashing(
    ends: &Ends,
    len: u64,
    hash: bool,
    progress: Option<&dyn crate::Progress>,
) -> Result<Option<[u8; 32]>> {
    // SAFETY: advice about a descriptor we own; no memory involved.
    unsafe {
        libc::posix_fadvise(
            ends.src.as_raw_fd(),
            0,
            len as libc::off_t,
            libc::POSIX_FADV_SEQUENTIAL,
        )
    };
    std::thread::scope(|scope| {
        let (to_hash, hash_rx) = sync_channel::<Vec<u8>>(COPY_BUFFERS);
        let (to_reuse, reuse_rx) = sync_channel::<Vec<u8>>(COPY_BUFFERS);
        let hasher = hash.then(|| scope.spawn(move || hash_chunks(hash_rx, to_reuse)));
        let buffers = if hash { COPY_BUFFERS } else { 1 };
        let mut pool = Pool {
            spare: (0..buffers)
                .map(|_| Vec::with_capacity(COPY_CHUNK))
                .collect(),
            reuse: reuse_rx,
        };
        let to_hash = hash.then_some(to_hash);
        copy_loop(ends, len, &mut pool, to_hash, progress)?;
        hasher
            .map(|h| h.join().map_err(|_| anyhow!("the hashing thread panicked")))
            .transpose()
    })
}

/// The hashing thread: hashes each chunk and hands the buffer back.
fn hash_chunks(chunks: Receiver<Vec<u8>>, reuse: SyncSender<Vec<u8>>) -> [u8; 32] {
    let mut ctx = aws_lc_rs::digest::Context::new(&aws_lc_rs::digest::SHA256);
    for buf in chunks {
        ctx.update(&buf);
        // Fails only once the copy has stopped; then nobody needs it.
        let _ = reuse.send(buf);
    }
    let mut digest = [0u8; 32];
    digest.copy_from_slice(ctx.finish().as_ref());
    digest
}

/// Buffers not in use, and those the hashing thread hands back.
struct Pool {
    spare: Vec<Vec<u8>>,
    reuse: Receiver<Vec<u8>>,
}

impl Pool {
    fn take(&mut self) -> Result<Vec<u8>> {
        match self.spare.pop() {
            Some(b) => Ok(b),
            None => self
                .reuse
                .recv()
                .map_err(|_| anyhow!("the hashing thread stopped")),
        }
    }
}

fn copy_loop(
    ends: &Ends,
    len: u64,
    pool: &mut Pool,
    to_hash: Option<SyncSender<Vec<u8>>>,
    progress: Option<&dyn crate::Progress>,
) -> Result<()> {
    let mut offset = 0u64;
    let mut writeback = Writeback::default();
    while offset < len {
        let mut buf = pool.take()?;
        let n = (len - offset).min(COPY_CHUNK as u64) as usize;
        buf.resize(n, 0);
        read_chunk(ends, &mut buf, offset)?;
        ends.dst
            .write_all_at(&buf, offset)
            .with_context(|| format!("writing {}", ends.dst_path.display()))?;
        match &to_hash {
            Some(tx) => tx
                .send(buf)
                .map_err(|_| anyhow!("the hashing thread stopped"))?,
            None => pool.spare.push(buf),
        }
        offset += n as u64;
        writeback.written(ends.dst, offset, offset == len);
        if let Some(pb) = progress {
            pb.set_position(offset);
        }
    }
    Ok(())
}

fn read_chunk(ends: &Ends, buf: &mut [u8], offset: u64) -> Result<()> {
    ends.src.read_exact_at(buf, offset).map_err(|e| {
        if e.kind() == io::ErrorKind::UnexpectedEof {
            anyhow!(
                "snapshot {}: the file shrank to less than {} bytes while it was read",
                ends.src_path.display(),
                offset + buf.len() as u64
            )
        } else {
            anyhow!(e).context(format!("reading {}", ends.src_path.display()))
        }
    })
}

/// Writeback started for `..started`, finished for `..done`.
#[derive(Default)]
struct Writeback {
    started: u64,
    done: u64,
}

impl Writeback {
    /// Called after each write up to `offset`: once a window is full (or
    /// at the end), waits for the window before and starts this one.
    fn written(&mut self, dst: &File, offset: u64, last: bool) {
        if offset - self.started < WRITEBACK_WINDOW && !last {
            return;
        }
        let fd = dst.as_raw_fd();
        // SAFETY: advice about a descriptor we own; no memory involved.
        // (A length of 0 would mean "to the end".)
        unsafe {
            if self.started > self.done {
                libc::sync_file_range(
                    fd,
                    self.done as libc::off64_t,
                    (self.started - self.done) as libc::off64_t,
                    libc::SYNC_FILE_RANGE_WAIT_BEFORE
                        | libc::SYNC_FILE_RANGE_WRITE
                        | libc::SYNC_FILE_RANGE_WAIT_AFTER,
                );
            }
            libc::sync_file_range(
                fd,
                self.started as libc::off64_t,
                (offset - self.started) as libc::off64_t,
                libc::SYNC_FILE_RANGE_WRITE,
            );
        }
        self.done = self.started;
        self.started = offset;
    }
}
