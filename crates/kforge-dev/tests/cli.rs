//! The `kforge-dev` binary's command line (and, being an integration test,
//! what makes `cargo test --workspace` build the binary the root package's
//! tests run).

use std::process::Command;

fn kforge_dev(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kforge-dev"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn help_lists_the_stand_ins() {
    let out = kforge_dev(&["--help"]);
    assert!(out.status.success(), "{out:?}");
    let help = String::from_utf8(out.stdout).unwrap();
    for sub in ["kubelet", "stand-in", "kubelet-binary", "run-static-pod"] {
        assert!(
            help.contains(&format!("\n  {sub} ")),
            "{sub} missing:\n{help}"
        );
    }
    assert!(help.contains("Not for production"), "{help}");
}

#[test]
fn an_unknown_component_is_a_usage_error() {
    let out = kforge_dev(&["stand-in", "etcd", "--manifest", "/nonexistent"]);
    assert_eq!(out.status.code(), Some(2), "{out:?}");
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("no stand-in for \"etcd\""), "{err}");
}
