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

/// The bug: a closed stdout printed an error and exited 1. The fix (and
/// ripgrep's behaviour): exit 0, quietly. (This test was once named
/// `…_prints_error_and_exits_1`, after the bug, while asserting the fix.)
#[test]
fn regression_broken_pipe_exits_0_quietly_instead_of_an_error_and_exit_1() {
    for args in [
        &["config", "print", "init-defaults"][..],
        &["config", "print", "init-defaults", "-o", "json"],
        &["config", "print", "inventory"],
        &["completion", "bash"],
        &["--help"],
    ] {
        // Each has something to write, so the closed pipe is really hit.
        let open = kforge().args(args).ok();
        assert!(!open.is_empty(), "{args:?} wrote nothing to an open stdout");
        let out = with_closed_stdout(args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {out:?}");
        assert!(err.is_empty(), "{args:?}: stderr: {err}");
    }
}

mod support;
use support::*;

/// A `--root` that is not there is a usage error (exit 2) naming the path,
/// never "etcd is unhealthy" (exit 3) or a failure (issue 22 item 2).
#[test]
fn regression_root_that_does_not_exist_is_exit_2_naming_it() {
    let missing = "/nonexistent-kforge-root";
    for args in [
        &["etcd", "status"][..],
        &["etcd", "members"],
        &["etcd", "defrag"],
        &["health"],
        &["certs", "check-expiration"],
        &["certs", "renew", "all"],
        &["snapshot", "save", "x.db"],
        &["upgrade", "plan"],
        &["reset", "-f"],
    ] {
        let (out, err) = kforge().args(args).args(["--root", missing]).fails_with(2);
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(
            err,
            format!("error: --root {missing}: no such directory (the node's root; give the directory init wrote into)\n"),
            "{args:?}"
        );
    }
    // A file where the root should be says so.
    let dir = tempdir();
    let file = dir.path().join("file");
    std::fs::write(&file, "").unwrap();
    let (_, err) = kforge()
        .args(["etcd", "status", "--root"])
        .arg(&file)
        .fails_with(2);
    assert!(err.contains(": not a directory"), "{err}");
}

/// etcdctl's variables are checked like their flags; a bad value names the
/// variable (issue 22 item 6).
#[test]
fn regression_etcdctl_dial_timeout_abc_is_exit_2_naming_the_variable() {
    let (_, err) = kforge()
        .args(["etcd", "status"])
        .env("ETCDCTL_DIAL_TIMEOUT", "abc")
        .fails_with(2);
    assert!(
        err.starts_with(
            "error: ETCDCTL_DIAL_TIMEOUT=abc: invalid value 'abc' for '--dial-timeout <DURATION>'"
        ),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let (_, err) = kforge()
        .args(["etcd", "members"])
        .env("ETCDCTL_ENDPOINTS", "not a url")
        .fails_with(2);
    assert!(
        err.starts_with("error: ETCDCTL_ENDPOINTS=not a url: "),
        "{err}"
    );
    // On the command line, the flag is named as usual.
    let (_, err) = kforge()
        .args(["etcd", "status", "--dial-timeout", "abc"])
        .fails_with(2);
    assert!(
        err.starts_with("error: invalid value 'abc' for '--dial-timeout"),
        "{err}"
    );
}

/// kubeadm's spellings: `reset -f`, `--certificate-renewal=true|false`,
/// `--kubernetes-version stable` (issue 22 item 6).
#[test]
fn kubeadm_habits_parse() {
    use clap::FromArgMatches;
    let parse = |words: &[&str]| {
        let m = kforge::cli::command()
            .try_get_matches_from(words)
            .unwrap_or_else(|e| panic!("{words:?}: {e}"));
        kforge::cli::Cli::from_arg_matches(&m).unwrap()
    };
    let dbg = |c: &kforge::cli::Cli| format!("{:?}", c.command);
    assert!(dbg(&parse(&["kforge", "reset", "-f"])).contains("yes: true"));
    for (v, want) in [
        ("--certificate-renewal=false", "Never"),
        ("--certificate-renewal=true", "Always"),
        ("--certificate-renewal", "Always"),
        ("--certificate-renewal=auto", "Auto"),
    ] {
        let c = parse(&["kforge", "upgrade", "apply", "v1.33.0", v]);
        assert!(
            dbg(&c).contains(&format!("certificate_renewal: {want}")),
            "{v}: {}",
            dbg(&c)
        );
    }
    let (_, err) = kforge()
        .args(["upgrade", "apply", "v1.33.0", "--certificate-renewal=maybe"])
        .fails_with(2);
    assert!(err.contains("'maybe'"), "{err}");
}

/// `--kubernetes-version stable` resolves from the version table and says
/// which version it meant.
#[test]
fn init_resolves_stable_and_says_to_what() {
    let dir = tempdir();
    let root = dir.path().join("n1");
    let newest = kforge::versions::newest().version;
    let (out, _) = kforge()
        .args(["init", "--root"])
        .arg(&root)
        .args([
            "--kubernetes-version",
            "stable",
            "--node-name",
            "cp1",
            "--apiserver-advertise-address",
            "127.0.0.1",
            "--dry-run",
            "-o",
            "json",
        ])
        .output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "Kubernetes version stable: {newest} (the newest release of kforge's version table)"
        )),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}\n{}\n{stderr}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(json["kubernetesVersion"], newest.to_string(), "{json:#}");
}

/// `-q` keeps preflight warnings and errors; a failed preflight ends with
/// one short summary line, not a repeat of every [ERROR] (item 4).
#[test]
fn regression_quiet_keeps_preflight_lines_and_failure_is_one_summary_line() {
    let conflicts = [
        "etc/kubernetes/admin.conf",
        "etc/kubernetes/manifests/kube-scheduler.yaml",
        "etc/kubernetes/pki/front-proxy-ca.crt",
        "var/lib/kubelet/config.yaml",
    ];
    // One root for both runs: a failed preflight writes nothing.
    let dir = tempdir();
    let root = dir.path();
    for f in conflicts {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, "operator's own\n").unwrap();
    }
    let run = |quiet: bool| {
        let mut args = init_args(root, "v1.33");
        if !quiet {
            args.retain(|a| a != "-q");
        }
        kforge().args(args).fails_with(1).1
    };
    let quiet = run(true);
    let loud = run(false);
    let checks = |err: &str| -> Vec<String> {
        err.lines()
            .filter(|l| l.starts_with("\t[ERROR ") || l.starts_with("\t[WARNING "))
            .map(String::from)
            .collect()
    };
    assert_eq!(
        checks(&quiet),
        checks(&loud),
        "-q dropped some:\n{quiet}\n---\n{loud}"
    );
    assert!(
        loud.contains("[preflight] Running pre-flight checks"),
        "{loud}"
    );
    assert!(
        !quiet.contains("[preflight] Running"),
        "-q keeps status lines:\n{quiet}"
    );
    let names: Vec<String> = conflicts
        .iter()
        .map(|f| format!("FileAvailable--{}", f.replace('/', "-")))
        .collect();
    for n in &names {
        assert!(
            checks(&quiet)
                .iter()
                .any(|l| l.starts_with(&format!("\t[ERROR {n}]: "))),
            "{n}:\n{quiet}"
        );
    }
    let last = quiet.lines().last().unwrap();
    let mut sorted = names.clone();
    sorted.sort();
    let listed: Vec<&str> = last
        .split("--ignore-preflight-errors=")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap()
        .split(',')
        .collect();
    let mut listed: Vec<String> = listed.into_iter().map(String::from).collect();
    listed.sort();
    assert_eq!(listed, sorted, "{last}");
    assert!(
        last.starts_with("error: error execution phase preflight: 4 preflight errors above; --ignore-preflight-errors=")
            && last.ends_with(" to proceed (or --force to replace them)"),
        "{last}"
    );
    assert_eq!(
        quiet.matches("[ERROR").count(),
        4,
        "errors repeated:\n{quiet}"
    );
}

/// A `--root` that exists but holds no control-plane node is a path error
/// too (exit 2, one line naming what is missing), never a failure or
/// "unhealthy": nothing was attempted.
#[test]
fn regression_root_that_holds_no_node_is_exit_2() {
    let dir = tempdir();
    let root = dir.path().join("empty");
    std::fs::create_dir(&root).unwrap();
    for (args, names) in [
        (&["etcd", "status"][..], "etc/kubernetes/pki/etcd/ca.crt"),
        (&["health"], "etc/kubernetes does not exist"),
        (
            &["certs", "check-expiration"],
            "etc/kubernetes/pki/ca.crt not found",
        ),
        (
            &["certs", "renew", "all"],
            "etc/kubernetes/pki/ca.crt not found",
        ),
        (
            &["snapshot", "save", "x.db"],
            "etc/kubernetes/pki/etcd/ca.crt: no such file",
        ),
        (&["reset", "-f"], "holds no node"),
    ] {
        let (out, err) = kforge().args(args).arg("--root").arg(&root).fails_with(2);
        assert!(out.is_empty(), "{args:?}: {out}");
        assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
        assert!(
            err.starts_with("error: ") && err.contains(names),
            "{args:?}: {err}"
        );
    }
}

/// `-q` keeps warnings that go through the log (not only the printer's):
/// a drill that clears a killed drill's leftovers says so even with -q
/// (issue 22 item 4).
#[test]
fn regression_quiet_keeps_logged_warnings() {
    use support::etcd::{Etcd, Version};
    let dir = tempdir();
    let etcd = Etcd::start(Version::V3_5, dir.path(), &[]);
    etcd.ctl().args(["put", "k", "v"]).ok();
    let snap = dir.path().join("snap.db");
    kforge()
        .args(["snapshot", "save", "-q", "--endpoints", &etcd.endpoint])
        .arg(&snap)
        .ok();
    drop(etcd);
    let work = dir.path().join("work");
    let stale = work.join("kforge-drill-killed");
    std::fs::create_dir_all(&stale).unwrap();
    let (out, _) = kforge()
        .args(["snapshot", "drill", "-q"])
        .arg(&snap)
        .arg("--etcd-binary")
        .arg(etcd35("etcd"))
        .arg("--work-dir")
        .arg(&work)
        .output();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "removed {} (left by a killed drill)",
            stale.display()
        )),
        "-q hid the warning: {err:?}"
    );
    assert!(!stale.exists());
}

/// `kubernetesVersion: stable-1.X` in a config file resolves the same way
/// (one resolver) and says so.
#[test]
fn init_config_file_version_label_resolves_and_says_to_what() {
    let dir = tempdir();
    let first = kforge::versions::RELEASES[0].version;
    let label = format!("stable-{}.{}", first.major, first.minor);
    let defaults = kforge().args(["config", "print", "init-defaults"]).ok();
    let cfg: String = defaults
        .lines()
        .map(|l| {
            if l.starts_with("kubernetesVersion:") {
                format!("kubernetesVersion: {label}\n")
            } else {
                format!("{l}\n")
            }
        })
        .collect();
    assert!(
        cfg.contains(&format!("kubernetesVersion: {label}\n")),
        "{cfg}"
    );
    let file = dir.path().join("kubeadm.yaml");
    std::fs::write(&file, cfg).unwrap();
    let (out, _) = kforge()
        .args(["init", "--dry-run", "-o", "json", "--root"])
        .arg(dir.path().join("n1"))
        .arg("--config")
        .arg(&file)
        .output();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "Kubernetes version {label}: {first} (the newest release of kforge's version table for that minor)"
        )),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["kubernetesVersion"], first.to_string());
}
