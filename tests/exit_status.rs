//! Exit statuses that are not about the command's own work: a closed
//! stdout (`kforge … | head -1`) exits 0 quietly, as ripgrep does
//! (issue 10 item 13).

use std::process::{Command, Stdio};

/// Runs kforge with stdout a pipe whose reader is already gone, so the
/// first write fails with EPIPE, deterministically.
fn with_closed_stdout(args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    Command::new(env!("CARGO_BIN_EXE_kforge"))
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn regression_broken_pipe_prints_error_and_exits_1() {
    for args in [
        &["config", "print", "init-defaults"][..],
        &["config", "print", "init-defaults", "-o", "json"],
        &["config", "print", "inventory"],
        &["completion", "bash"],
        &["--help"],
    ] {
        let out = with_closed_stdout(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(err.is_empty(), "{args:?}: stderr: {err}");
    }
}
