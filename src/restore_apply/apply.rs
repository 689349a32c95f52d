//! `--apply`: stops etcd by moving its manifest out (kubeadm's way: the
//! kubelet stops a static pod whose manifest disappears), waits for it to
//! stop, and writes the manifest back pointing at the restored directory.
//!
//! Interruptions (see [`crate::interrupt`] and [`super::journal`]):
//! - a journal is written before the manifest moves, and closed once the
//!   change is complete or undone;
//! - SIGINT or SIGTERM while etcd is stopping (the original manifest aside,
//!   the new one not yet written) puts the original manifest back, closes
//!   the journal, waits to see etcd answer again (restarted on its old
//!   data) and exits 130/143 saying whether it did;
//! - a signal once the new manifest is in place finishes the switch (it is
//!   complete: etcd starts from the restored copy), closes the journal and
//!   exits 130/143 saying so; undoing then would mean stopping etcd again;
//! - any error before the new manifest is in place puts the original back.

use super::journal::{Journal, Step};
use super::manifest::rewrite_manifest;
use super::target::KubeTarget;
use crate::interrupt::{self, Interrupted, Signal};
use crate::node::{LocalNode, Node};
use crate::wait;
use anyhow::{anyhow, bail, Context, Result};
use kforge_fs::MovedAside;
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// The socket addresses a listen URL is reached at (wildcards as loopback).
fn dial_addrs(url: &str) -> Vec<SocketAddr> {
    let Some((scheme, rest)) = url.trim().split_once("://") else {
        return vec![];
    };
    if scheme.starts_with("unix") {
        return vec![];
    }
    let rest = rest.split('/').next().unwrap_or_default();
    let rest = rest
        .replacen("0.0.0.0:", "127.0.0.1:", 1)
        .replacen("[::]:", "[::1]:", 1);
    rest.to_socket_addrs()
        .map(|a| a.collect())
        .unwrap_or_default()
}

/// How the wait for etcd to stop ended.
enum Waited {
    Stopped,
    StillAnswering(SocketAddr),
    Interrupted(Signal),
}

/// Waits until nothing accepts connections on the client URLs, or a
/// signal arrives.
fn wait_stopped(urls: &[String], timeout: Duration) -> Waited {
    let addrs: Vec<_> = urls.iter().flat_map(|u| dial_addrs(u)).collect();
    // (No deadline when the timeout is too large to add.)
    let every = wait::Every {
        timeout: Instant::now().checked_add(timeout).map(|_| timeout),
        ..wait::Every::new(Duration::from_millis(200), timeout)
    };
    let listening = || {
        addrs
            .iter()
            .copied()
            .find(|a| TcpStream::connect_timeout(a, Duration::from_millis(500)).is_ok())
    };
    let mut seen = None;
    let waited = wait::until(every, || {
        seen = listening();
        Ok(seen.map_or(Ok(()), |a| Err(a.to_string())))
    });
    match waited {
        Ok(Ok(())) => Waited::Stopped,
        Ok(Err(wait::Ended::Interrupted(s))) => Waited::Interrupted(s),
        // The check never fails; a timeout saw an address answering.
        Ok(Err(wait::Ended::TimedOut { .. })) | Err(_) => match seen {
            Some(a) => Waited::StillAnswering(a),
            None => Waited::Stopped,
        },
    }
}

/// How long an undone `--apply` waits to see etcd answer again.
const VERIFY_TIMEOUT: Duration = Duration::from_secs(120);

/// Waits until etcd accepts connections on a client URL again (the kubelet
/// restarted it from the manifest put back); says what was seen.
fn wait_answering(urls: &[String], timeout: Duration) -> String {
    let addrs: Vec<_> = urls.iter().flat_map(|u| dial_addrs(u)).collect();
    // The undo is verified to the end: a signal does not cut it short.
    let every = wait::Every::new(Duration::from_millis(200), timeout).through_signals();
    let up = wait::until(every, || {
        Ok(addrs
            .iter()
            .copied()
            .find(|a| TcpStream::connect_timeout(a, Duration::from_millis(500)).is_ok())
            .ok_or_else(String::new))
    });
    match up {
        Ok(Ok(a)) => format!("verified: etcd answers again on {a}"),
        _ => format!(
            "but etcd did not answer again on {} within {}s: check that the kubelet restarts it",
            urls.join(", "),
            timeout.as_secs()
        ),
    }
}

/// Moves the manifest out, waits for etcd to stop and installs the
/// rewritten manifest. Returns where the original manifest was kept (real
/// path).
pub fn apply_manifest(node: &LocalNode, t: &KubeTarget, stop_timeout: Duration) -> Result<PathBuf> {
    let manifest = node.real_path(&t.manifest);
    let shown = manifest.display().to_string();
    let text = fs_err::read_to_string(&manifest)?;
    // Everything that can fail without touching the node comes first.
    let new_text = rewrite_manifest(&text, &shown, &t.volume, &t.new_data_dir)?;
    let inst = crate::install::Installer::new(node, false)?;
    let backup = node.real_path(&t.manifest_backup());
    interrupt::install().context("installing the SIGINT/SIGTERM handlers")?;
    if let Some(signal) = interrupt::received() {
        return Err(interrupted(signal, "nothing was changed".into()));
    }
    let mut journal = Journal::new(
        &t.manifest,
        &t.manifest_backup(),
        &t.old_data_dir,
        &t.new_data_dir,
    );
    journal.write(node)?;
    let mut moved = match MovedAside::move_aside(&manifest, &backup) {
        Ok(m) => m,
        Err(e) => {
            Journal::close(node)?;
            return Err(e).with_context(|| format!("moving {shown} to {}", backup.display()));
        }
    };
    if let Err(e) = stop_etcd(node, t, stop_timeout) {
        moved
            .put_back()
            .with_context(|| format!("putting {shown} back from {}", backup.display()))?;
        Journal::close(node)?;
        if let Some(i) = e.downcast_ref::<Interrupted>() {
            // Undone; and verified: etcd answers again (a second signal
            // ends this wait, and the process, at once).
            let seen = wait_answering(&t.client_urls, stop_timeout.min(VERIFY_TIMEOUT));
            return Err(interrupted(i.signal, format!("{}; {seen}", i.done)));
        }
        return Err(e);
    }
    // The edit keeps the file's ownership: a hand-edited etcd.yaml is
    // repointed without being adopted into the ledger.
    let installed = inst.patch_of(
        &t.manifest,
        Some(text.as_bytes()),
        new_text.as_bytes(),
        crate::staticpod::MANIFEST_MODE,
    );
    if let Err(e) = installed {
        // Whatever happened, etcd must not stay without a manifest.
        moved.put_back()?;
        Journal::close(node)?;
        return Err(e);
    }
    moved.keep();
    journal.step = Step::NewManifestInPlace;
    journal.write(node)?;
    inst.save_ledger()?;
    Journal::close(node)?;
    Ok(backup)
}

/// Waits for etcd to stop; the error says what happens to the manifest
/// (the caller puts it back).
fn stop_etcd(node: &LocalNode, t: &KubeTarget, stop_timeout: Duration) -> Result<()> {
    let manifest = node.real_path(&t.manifest);
    let new = node.real_path(&t.new_data_dir);
    match wait_stopped(&t.client_urls, stop_timeout) {
        Waited::Stopped => Ok(()),
        Waited::StillAnswering(addr) => bail!(
            "etcd still answers on {addr} {}s after its manifest was moved out; the manifest is back, unchanged. \
             The restored data is in {}; stop etcd and follow the next steps by hand",
            stop_timeout.as_secs(),
            new.display()
        ),
        Waited::Interrupted(signal) => Err(interrupted(
            signal,
            format!(
                "put {} back unchanged, so etcd restarts on its data in {}; the restored copy {} is kept (a later successful --apply removes it)",
                manifest.display(),
                node.real_path(&t.old_data_dir).display(),
                new.display()
            ),
        )),
    }
}

fn interrupted(signal: Signal, done: String) -> anyhow::Error {
    anyhow!(Interrupted { signal, done })
}

/// After a successful switch: if a signal arrived meanwhile, the switch
/// was finished rather than undone; say so and exit 130/143.
pub fn finished_despite_signal(node: &LocalNode, t: &KubeTarget) -> Result<()> {
    match interrupt::received() {
        None => Ok(()),
        Some(signal) => Err(interrupted(
            signal,
            format!(
                "the switch had completed, so it was finished: {} now uses {} (the original manifest is in {})",
                node.real_path(&t.manifest).display(),
                node.real_path(&t.new_data_dir).display(),
                node.real_path(&t.manifest_backup()).display()
            ),
        )),
    }
}
