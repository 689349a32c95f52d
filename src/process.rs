//! The one way kforge starts a long-lived helper process (the drill's etcd,
//! the stand-in kubelet's pods) and stops it again.
//!
//! A child is started in a process group of its own (so a stop reaches
//! whatever it forks, and a terminal's Ctrl-C reaches only kforge, which
//! then stops it in order) with a parent-death signal: the kernel kills it
//! when the thread that started it dies, even by SIGKILL. Start children
//! from a thread that lives as long as they should (the main thread).

use std::os::unix::process::CommandExt;
use std::process::{Child, Command};
use std::time::{Duration, Instant};

/// Starts `cmd` in its own process group, killed by the kernel if this
/// process dies.
pub fn spawn(cmd: &mut Command) -> std::io::Result<Child> {
    let parent = std::process::id();
    cmd.process_group(0);
    // SAFETY: only async-signal-safe calls (prctl, getppid, _exit) between
    // fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
            // The parent died before the prctl: nobody would stop us.
            if libc::getppid() as u32 != parent {
                libc::_exit(1);
            }
            Ok(())
        });
    }
    cmd.spawn()
}

/// Signals the process group the child leads.
pub fn signal_group(pid: u32, sig: i32) {
    if let Ok(pid) = libc::pid_t::try_from(pid) {
        // SAFETY: kill(2) with a negative pid signals that process group.
        unsafe {
            libc::kill(-pid, sig);
        }
    }
}

/// Sends SIGTERM to each child's process group, waits up to `grace` for
/// all of them, then SIGKILLs the rest and reaps them.
pub fn terminate(children: &mut [&mut Child], grace: Duration) {
    for c in children.iter() {
        signal_group(c.id(), libc::SIGTERM);
    }
    let end = Instant::now() + grace;
    loop {
        let mut running = 0;
        for c in children.iter_mut() {
            if matches!(c.try_wait(), Ok(None)) {
                running += 1;
            }
        }
        if running == 0 || Instant::now() >= end {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    for c in children.iter_mut() {
        if matches!(c.try_wait(), Ok(None)) {
            signal_group(c.id(), libc::SIGKILL);
        }
        let _ = c.wait();
    }
}

/// A child started by [`spawn`] that is stopped ([`terminate`]) when
/// dropped: on success, on every error path, and when a signal makes the
/// caller return.
pub struct Guard {
    child: Child,
    grace: Duration,
}

impl Guard {
    pub fn new(child: Child, grace: Duration) -> Guard {
        Guard { child, grace }
    }

    pub fn child(&mut self) -> &mut Child {
        &mut self.child
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        terminate(&mut [&mut self.child], self.grace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_guard_stops_the_whole_group() {
        let dir = tempfile::tempdir().unwrap();
        let pidfile = dir.path().join("grandchild");
        // The shell forks a grandchild that ignores nothing: the group stop
        // must reach it too.
        let child = spawn(
            Command::new("sh")
                .arg("-c")
                .arg(format!("sleep 300 & echo $! > {}; wait", pidfile.display())),
        )
        .unwrap();
        let g = Guard::new(child, Duration::from_secs(2));
        let end = Instant::now() + Duration::from_secs(10);
        let grandchild: i32 = loop {
            if let Some(p) = std::fs::read_to_string(&pidfile)
                .ok()
                .and_then(|s| s.trim().parse().ok())
            {
                break p;
            }
            assert!(Instant::now() < end, "no grandchild");
            std::thread::sleep(Duration::from_millis(10));
        };
        drop(g);
        // Reaped by init eventually; gone or a zombie at once.
        let end = Instant::now() + Duration::from_secs(10);
        loop {
            let st =
                std::fs::read_to_string(format!("/proc/{grandchild}/stat")).unwrap_or_default();
            let state = st.rsplit(')').next().unwrap_or("").trim().chars().next();
            if st.is_empty() || state == Some('Z') {
                break;
            }
            assert!(Instant::now() < end, "grandchild {grandchild} still runs");
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}
