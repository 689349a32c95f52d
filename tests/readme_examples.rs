//! The README's examples are tested: every `kforge …` command in its `sh`
//! and `console` blocks parses with the current CLI, and every one not
//! marked as needing real machines runs, in README order, in a sandbox
//! (a node under `--root`/`KFORGE_ROOT` whose etcd is real and whose other
//! components are the stand-ins), and must succeed. A stale example fails.
//!
//! Marking, in the README itself: an example whose own comment says
//! "real machines" (or "runs until stopped": a foreground stand-in), or
//! every example after a comment line saying so in the same block, is only
//! parsed. The README's absolute paths are mapped into
//! the sandbox (`SANDBOX_PATHS`).

mod support;

use std::path::{Path, PathBuf};
use support::kubelet::{etcd_image_map, StandInKubelet};
use support::*;

/// One example: its command line (continuations joined) and where it is.
#[derive(Debug, Clone)]
struct Example {
    line: usize,
    /// The shell text as the README shows it (comment removed).
    shell: String,
    runs: bool,
    /// In a `console` block: the output the README shows after it.
    expected: Option<String>,
}

const README: &str = include_str!("../README.md");

/// The README's examples, in order.
fn examples() -> Vec<Example> {
    let mut out = Vec::new();
    let mut in_block = false;
    let mut shell_block = false;
    let mut console = false;
    let mut block_start = 0;
    let mut block_real = false;
    let mut pending: Option<(usize, String, bool)> = None;
    for (i, raw) in README.lines().enumerate() {
        let n = i + 1;
        if let Some(info) = raw.strip_prefix("```") {
            in_block = !in_block;
            shell_block = in_block && matches!(info.trim(), "sh" | "console");
            console = in_block && info.trim() == "console";
            block_start = out.len();
            block_real = false;
            continue;
        }
        if !in_block || !shell_block {
            continue;
        }
        let (code, comment) = split_comment(raw);
        let lower = comment.to_ascii_lowercase();
        let real = lower.contains("real machines") || lower.contains("runs until stopped");
        if code.trim().is_empty() {
            block_real |= real;
            continue;
        }
        if let Some((start, mut text, r)) = pending.take() {
            let cont = code.trim_end().ends_with('\\');
            text.push(' ');
            text.push_str(code.trim().trim_end_matches('\\').trim());
            let r = r || real;
            if cont {
                pending = Some((start, text, r));
            } else {
                out.push(Example {
                    line: start,
                    shell: text,
                    runs: !r,
                    expected: None,
                });
            }
            continue;
        }
        if console && !raw.starts_with("$ ") {
            // Output shown after the block's last command.
            if let Some(e) = out.get_mut(block_start..).and_then(|v| v.last_mut()) {
                let exp = e.expected.get_or_insert_with(String::new);
                exp.push_str(raw);
                exp.push('\n');
            }
            continue;
        }
        let code = code.trim();
        let code = code.strip_prefix("$ ").unwrap_or(code);
        if !code.starts_with("kforge ") {
            continue;
        }
        let r = real || block_real;
        let text = code.trim_end_matches('\\').trim().to_string();
        if code.ends_with('\\') {
            pending = Some((n, text, r));
        } else {
            out.push(Example {
                line: n,
                shell: text,
                runs: !r,
                expected: None,
            });
        }
    }
    out
}

/// Splits `# comment` off a shell line (a `#` outside quotes, after a blank).
fn split_comment(line: &str) -> (&str, &str) {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match (quote, c) {
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if prev.is_whitespace() => return (&line[..i], &line[i + 1..]),
            _ => {}
        }
        prev = c;
    }
    (line, "")
}

/// Shell words of one simple command (quotes removed; no expansion).
fn words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut any = false;
    for c in s.chars() {
        match (quote, c) {
            (None, '\'' | '"') => {
                quote = Some(c);
                any = true;
            }
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            (_, c) => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

/// The kforge commands in one example's shell text: each `&&`-, `|`- or
/// `;`-separated part that starts with `kforge`, without its redirection.
fn kforge_commands(shell: &str) -> Vec<Vec<String>> {
    shell
        .split("&&")
        .flat_map(|p| p.split(['|', ';']))
        .filter_map(|part| {
            let part = part.split(" >").next().unwrap_or(part);
            let part = part.split(" 2>").next().unwrap_or(part);
            let w = words(part);
            (w.first().map(String::as_str) == Some("kforge")).then_some(w)
        })
        .collect()
}

#[test]
fn the_readme_has_examples_and_the_parser_finds_them() {
    let ex = examples();
    assert!(ex.len() > 40, "{ex:#?}");
    let init = ex
        .iter()
        .find(|e| {
            e.shell
                .starts_with("kforge init --root ./node1 --kubernetes-version")
        })
        .expect("the init example");
    assert!(
        init.shell.contains("--pod-network-cidr 10.244.0.0/16"),
        "{init:?}"
    );
    let shown = ex
        .iter()
        .find(|e| e.expected.is_some())
        .expect("a console example with its output");
    assert!(shown.shell.contains("| jq"), "{shown:?}");
    assert!(
        ex.iter().any(|e| !e.runs),
        "no example is marked as needing real machines"
    );
    assert_eq!(
        split_comment("kforge a 'b # c' # d"),
        ("kforge a 'b # c' ", " d")
    );
    assert_eq!(
        kforge_commands("kforge x > a.yaml && kforge y --z 'q r' | jq ."),
        vec![
            vec!["kforge".to_string(), "x".into()],
            vec!["kforge".to_string(), "y".into(), "--z".into(), "q r".into()],
        ]
    );
}

#[test]
fn every_readme_example_parses_with_the_current_cli() {
    let mut bad = Vec::new();
    for e in examples() {
        for argv in kforge_commands(&e.shell) {
            if let Err(err) = kforge::cli::command().try_get_matches_from(&argv) {
                use clap::error::ErrorKind;
                if !matches!(
                    err.kind(),
                    ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
                ) {
                    bad.push(format!("README.md:{}: {}\n  {err}", e.line, e.shell));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "README examples the CLI refuses:\n{}",
        bad.join("\n")
    );
}

/// The README's absolute paths, mapped into the sandbox.
fn sandbox_paths(s: &Path) -> Vec<(String, String)> {
    let etcd = etcd35("etcd").display().to_string();
    let s = s.display().to_string();
    vec![
        ("/var/backups/etcd".into(), format!("{s}/backups")),
        (
            "/var/lib/prometheus/node-exporter".into(),
            format!("{s}/metrics"),
        ),
        ("/var/lib/node_exporter".into(), format!("{s}/metrics")),
        ("/var/lib/etcd-new".into(), format!("{s}/etcd-new")),
        ("/usr/local/bin/etcd".into(), etcd),
        ("/etc/bash_completion.d".into(), format!("{s}/completions")),
        (
            "member/snap/db".into(),
            format!("{s}/node/var/lib/etcd/member/snap/db"),
        ),
    ]
}

/// Whether an example restarts the node's components (the stand-in
/// kubelet brings them back): `restore --apply`, `certs renew` with its
/// restart.
fn restarts_components(shell: &str) -> bool {
    shell.contains("snapshot restore") && shell.contains("--apply")
        || shell.starts_with("kforge certs renew") && !shell.contains("--no-restart")
}

#[test]
fn every_runnable_readme_example_runs() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let s = dir.path().to_path_buf();
    let node = s.join("node");
    for d in ["backups", "metrics", "completions"] {
        std::fs::create_dir(s.join(d)).unwrap();
    }
    // The node the root-less examples act on (KFORGE_ROOT), at v1.31 so
    // that `upgrade plan` has a next minor.
    kforge().args(init_args(&node, "v1.31")).ok();
    let kubelet = StandInKubelet::start_with(&node, &etcd_image_map(), &[] as &[&str]);
    kubelet.wait_healthy("etcd,apiserver,controller-manager,scheduler");
    // `backup.db` of the restore and status examples.
    kforge()
        .args(["snapshot", "save", "--root"])
        .arg(&node)
        .arg(s.join("backup.db"))
        .ok();
    let bin_dir: PathBuf = Path::new(env!("CARGO_BIN_EXE_kforge"))
        .parent()
        .unwrap()
        .to_path_buf();
    let path = format!(
        "{}:{}",
        bin_dir.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // The README pipes JSON through jq: a missing jq fails here, by name.
    tool("jq");
    let map = sandbox_paths(&s);
    let mut ran = 0;
    let mut failed = Vec::new();
    for e in examples().into_iter().filter(|e| e.runs) {
        let mut shell = e.shell.clone();
        for (from, to) in &map {
            shell = shell.replace(from, to);
        }
        let (out, desc) = cmd("bash")
            .args(["-e", "-o", "pipefail", "-c", &shell])
            .env("PATH", &path)
            .env("KFORGE_ROOT", &node)
            .env("NO_COLOR", "1")
            .cwd(&s)
            .output();
        ran += 1;
        let stdout = String::from_utf8_lossy(&out.stdout);
        if !out.status.success() {
            failed.push(format!("README.md:{}: {}\n{desc}", e.line, e.shell));
        } else if e
            .expected
            .as_ref()
            .is_some_and(|exp| exp.trim() != stdout.trim())
        {
            failed.push(format!(
                "README.md:{}: {}\nthe README shows:\n{}\nit prints:\n{stdout}",
                e.line,
                e.shell,
                e.expected.as_deref().unwrap_or_default()
            ));
        } else if restarts_components(&e.shell) {
            // As a reader would: the next example once the node is back.
            kubelet.wait_healthy("etcd,apiserver,controller-manager,scheduler");
        }
    }
    drop(kubelet);
    let parsed_only: Vec<String> = examples()
        .into_iter()
        .filter(|e| !e.runs)
        .map(|e| format!("README.md:{}: {}", e.line, e.shell))
        .collect();
    eprintln!(
        "{ran} README examples ran; {} are marked (real machines, or runs until stopped) and only parsed:\n{}",
        parsed_only.len(),
        parsed_only.join("\n")
    );
    assert!(ran > 20, "only {ran} examples ran");
    assert!(
        failed.is_empty(),
        "README examples that fail:\n{}",
        failed.join("\n\n")
    );
}
