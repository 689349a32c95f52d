//! The checked-in man pages and completion scripts are generated from the
//! clap definition; this fails when they are stale.
//! Regenerate with: cargo run -- generate-docs --out .
//!
//! Every example a user may copy (the `Examples:` of each command's long
//! help, and each `kforge` line of README.md's code blocks) must parse with
//! the current command line.

mod support;

use support::*;

#[test]
fn man_pages_and_completions_are_up_to_date() {
    let dir = tempdir();
    kforge()
        .args(["generate-docs", "--out"])
        .arg(dir.path())
        .ok();
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for sub in ["man", "completions"] {
        let fresh = files_under(&dir.path().join(sub));
        let checked_in = files_under(&repo.join(sub));
        assert_eq!(
            fresh, checked_in,
            "{sub}/ has different files; run `cargo run -- generate-docs --out .`"
        );
        for f in fresh {
            let a = std::fs::read(dir.path().join(sub).join(&f)).unwrap();
            let b = std::fs::read(repo.join(sub).join(&f)).unwrap();
            assert!(
                a == b,
                "{sub}/{} is stale; run `cargo run -- generate-docs --out .`",
                f.display()
            );
        }
    }
}

#[test]
fn every_subcommand_has_help() {
    fn walk(cmd: &clap::Command, path: &str) {
        for sub in cmd.get_subcommands() {
            let p = format!("{path} {}", sub.get_name());
            assert!(sub.get_about().is_some(), "`{p}` has no help text");
            walk(sub, &p);
        }
    }
    walk(&kforge::cli::command(), "kforge");
}

/// Words of one command line as a POSIX shell splits them (quotes and
/// backslashes; no expansion), cut at the first redirection, pipe or list
/// operator, with `#` comments removed.
fn shell_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for q in chars.by_ref() {
                    if q == '\'' {
                        break;
                    }
                    cur.push(q);
                }
            }
            '"' => {
                in_word = true;
                while let Some(q) = chars.next() {
                    match q {
                        '"' => break,
                        '\\' => cur.extend(chars.next()),
                        _ => cur.push(q),
                    }
                }
            }
            '\\' => {
                in_word = true;
                cur.extend(chars.next());
            }
            '#' if !in_word => break,
            '|' | ';' | '&' | '>' | '<' if !in_word || cur.chars().all(|d| d.is_ascii_digit()) => {
                if in_word && cur.chars().all(|d| d.is_ascii_digit()) {
                    cur.clear(); // `2>&1`: the fd number is not a word
                    in_word = false;
                }
                break;
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut cur));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    if in_word {
        words.push(cur);
    }
    words
}

/// Command lines in `text` that run kforge: continuation lines (ending in
/// `\`) joined, each `&&`/`;`-separated part that starts with `kforge` (or
/// a path ending in `/kforge`) taken from there.
fn kforge_command_lines(text: &str) -> Vec<String> {
    let mut joined = Vec::new();
    let mut pending = String::new();
    for line in text.lines() {
        let l = line.trim();
        if let Some(head) = l.strip_suffix('\\') {
            pending.push_str(head);
            pending.push(' ');
            continue;
        }
        pending.push_str(l);
        joined.push(std::mem::take(&mut pending));
    }
    let mut out = Vec::new();
    for line in joined {
        if line.starts_with('#') {
            continue;
        }
        for part in line.split("&&").flat_map(|p| p.split(';')) {
            let words: Vec<&str> = part.split_whitespace().collect();
            let Some(i) = words.iter().position(|w| {
                let w = w.rsplit('=').next().unwrap_or(w);
                w == "kforge" || w.ends_with("/kforge")
            }) else {
                continue;
            };
            // Only lines where kforge is the command (first word, after a
            // prompt, `sudo`, a unit's `ExecStart=` or a cron schedule).
            let before = &words[..i];
            let is_command = before.is_empty()
                || before == ["$"]
                || before == ["sudo"]
                || words[i].contains('=')
                || before
                    .iter()
                    .all(|w| *w == "*" || w.chars().all(|c| c.is_ascii_digit()) || *w == "root");
            if !is_command {
                continue;
            }
            let rest = part[part.find(words[i]).unwrap() + words[i].len()..].to_string();
            out.push(format!("kforge{rest}"));
        }
    }
    out
}

fn parses(example: &str) -> Result<(), String> {
    use clap::FromArgMatches;
    let words = shell_words(example);
    let m = kforge::cli::command()
        .try_get_matches_from(&words)
        .map_err(|e| format!("{example}\n  words: {words:?}\n  {e}"))?;
    kforge::cli::Cli::from_arg_matches(&m).map_err(|e| format!("{example}\n  {e}"))?;
    Ok(())
}

/// Every command path, from the built clap tree (hidden commands and the
/// generated `help` left out).
fn command_paths() -> Vec<Vec<String>> {
    command_tree()
        .into_iter()
        .filter(|(_, c)| !c.is_hide_set())
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn regression_help_examples_missing_or_broken_mid_command() {
    let mut failures = Vec::new();
    for path in command_paths() {
        let help = kforge().args(&path).arg("--help").ok();
        let examples = kforge_command_lines(&help);
        let shown = format!("kforge {}", path.join(" "));
        if examples.is_empty() {
            failures.push(format!("{shown} --help has no example"));
            continue;
        }
        // The long help ends with an example (the last non-empty line is one,
        // or the continuation of one).
        let last = help
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        if !last.starts_with("  ") {
            failures.push(format!(
                "{shown} --help does not end with an example: {last:?}"
            ));
        }
        for e in &examples {
            if let Err(err) = parses(e) {
                failures.push(format!("{shown} --help: {err}"));
            }
            // A subcommand's examples run that command family.
            if let Some(top) = path.first() {
                if e.split_whitespace().nth(1) != Some(top.as_str()) {
                    failures.push(format!("{shown} --help: example runs another command: {e}"));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn readme_examples_parse_with_the_current_cli() {
    let readme =
        std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let mut blocks = String::new();
    let mut inside = false;
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            inside = !inside;
            continue;
        }
        if inside {
            blocks.push_str(line);
            blocks.push('\n');
        }
    }
    let examples = kforge_command_lines(&blocks);
    assert!(
        examples.len() >= 20,
        "only {} README examples found: {examples:#?}",
        examples.len()
    );
    let failures: Vec<String> = examples.iter().filter_map(|e| parses(e).err()).collect();
    assert!(failures.is_empty(), "README.md:\n{}", failures.join("\n"));
}

#[test]
fn shell_splitting_of_examples() {
    assert_eq!(
        shell_words("kforge a 'b c' \"d e\" f\\ g # comment"),
        ["kforge", "a", "b c", "d e", "f g"]
    );
    assert_eq!(
        shell_words("kforge x -o json 2>&1 | logger"),
        ["kforge", "x", "-o", "json"]
    );
    assert_eq!(shell_words("kforge x > out.yaml"), ["kforge", "x"]);
    assert_eq!(
        kforge_command_lines("kforge a \\\n  --b c\nkforge x > f && kforge y\n17 * * * * root /usr/bin/kforge z\nExecStart=/usr/local/bin/kforge w\n# kforge no\necho kforge no"),
        ["kforge a  --b c", "kforge x > f ", "kforge y", "kforge z", "kforge w"]
    );
}

/// Each checked-in page, rendered by `man -l` at 60 columns as a reader
/// sees it: every example line survives intact (no fill, no hyphenation,
/// ASCII hyphens and quotes), the SYNOPSIS names the command as typed, and
/// every SEE ALSO target is a page that exists (issue 22 item 7).
#[test]
fn man_pages_render_examples_verbatim_and_link_only_existing_pages() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let man_dir = repo.join("man");
    let mut failures = Vec::new();
    let mut checked = 0;
    for words in command_paths() {
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let path = words.join(" ");
        let examples: &[&str] = kforge::cli::EXAMPLES
            .iter()
            .find(|(p, _)| *p == path)
            .map(|(_, e)| *e)
            .unwrap_or(&[]);
        let name = std::iter::once("kforge")
            .chain(words.iter().copied())
            .collect::<Vec<_>>()
            .join("-");
        let file = man_dir.join(format!("{name}.1"));
        let out = std::process::Command::new("man")
            .arg("-l")
            .arg(&file)
            .env("MANWIDTH", "60")
            .env("LC_ALL", "C.UTF-8")
            .env("MANPAGER", "cat")
            .env("PAGER", "cat")
            .output()
            .expect("man (man-db) is needed: scripts/install-test-deps.sh installs it");
        assert!(out.status.success(), "man -l {}: {out:?}", file.display());
        let text = String::from_utf8(out.stdout).unwrap();
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        // The examples as `--help` shows them (the table's, or generated).
        let help = kforge().args(&words).arg("--help").ok();
        let shown_examples: Vec<&str> = help
            .split("\nExamples:\n")
            .nth(1)
            .map(|e| e.lines().collect())
            .unwrap_or_default();
        if shown_examples.is_empty() {
            failures.push(format!("{name}: no examples in --help"));
        }
        for e in examples.iter().chain(shown_examples.iter()) {
            for line in e.lines() {
                if !lines.contains(&line.trim()) {
                    failures.push(format!("{name}: example line not intact: {line:?}"));
                }
            }
        }
        let synopsis = lines
            .iter()
            .skip_while(|l| **l != "SYNOPSIS")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        let shown = std::iter::once("kforge")
            .chain(words.iter().copied())
            .collect::<Vec<_>>()
            .join(" ");
        if !synopsis.starts_with(&format!("{shown} ")) && synopsis != shown {
            failures.push(format!("{name}: SYNOPSIS is {synopsis:?}"));
        }
        if !text.contains("GLOBAL OPTIONS") {
            failures.push(format!("{name}: no GLOBAL OPTIONS section"));
        }
        let see_also: String = text
            .split("SEE ALSO")
            .nth(1)
            .map(|s| s.split("\n\n").next().unwrap_or("").to_string())
            .unwrap_or_default();
        for target in see_also
            .split([',', ' ', '\n'])
            .filter(|w| w.ends_with("(1)"))
        {
            let page = target.trim_end_matches("(1)");
            if !man_dir.join(format!("{page}.1")).is_file() {
                failures.push(format!("{name}: SEE ALSO {target} does not exist"));
            }
        }
        checked += 1;
    }
    assert_eq!(
        checked,
        files_under(&man_dir).len(),
        "a page for every visible command, and no other page"
    );
    assert!(
        !man_dir.join("kforge-help.1").exists() && !man_dir.join("kforge-generate-docs.1").exists()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The README's exit-status table is the code's (one table: `kforge --help`
/// and `man kforge` are generated from it), 130/143 included.
#[test]
fn exit_status_table_is_the_same_in_readme_help_and_man() {
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(repo.join("README.md")).unwrap();
    assert!(
        readme.contains(&kforge::exit::markdown_table()),
        "README.md's exit-status table differs from kforge::exit::TABLE:\n{}",
        kforge::exit::markdown_table()
    );
    let help = kforge().arg("--help").ok();
    assert!(help.contains(&kforge::exit::help_table(100)), "{help}");
    assert!(help.contains("\n  130 / 143  SIGINT / SIGTERM"), "{help}");
    let man = std::fs::read_to_string(repo.join("man/kforge.1")).unwrap();
    assert!(
        man.contains(".SH EXIT STATUS\n.TP\n\\fB0\\fR\nsuccess\n"),
        "{man}"
    );
    assert!(man.contains("\\fB130 / 143\\fR\nSIGINT / SIGTERM"), "{man}");
}

/// Every `--help` puts the global options under their own heading, after
/// the command's own options (issue 22 item 8).
#[test]
fn global_options_have_their_own_heading_in_every_help() {
    let mut failures = Vec::new();
    for path in command_paths() {
        let help = kforge().args(&path).arg("--help").ok();
        let Some((own, global)) = help.split_once("\nGlobal Options:\n") else {
            failures.push(format!(
                "kforge {} --help: no Global Options heading",
                path.join(" ")
            ));
            continue;
        };
        for flag in ["--root <DIR>", "--output <OUTPUT>", "--verbose", "--quiet"] {
            if own.contains(flag) || !global.contains(flag) {
                failures.push(format!(
                    "kforge {} --help: {flag} not under Global Options",
                    path.join(" ")
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// `-o junit` is offered by `health` alone: its help lists it, no other
/// help does, and elsewhere it is a usage error naming the formats (item 3).
#[test]
fn junit_is_offered_and_accepted_only_by_health() {
    let mut failures = Vec::new();
    for path in command_paths() {
        let help = kforge().args(&path).arg("--help").ok();
        let lists = help.contains("junit");
        if path.first().map(String::as_str) == Some("health") {
            if !help.contains("- junit") {
                failures.push(format!("health --help does not list junit:\n{help}"));
            }
        } else if lists {
            failures.push(format!("kforge {} --help mentions junit", path.join(" ")));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    for args in [
        &["etcd", "status", "-o", "junit"][..],
        &["-o", "junit", "certs", "check-expiration"],
        &["config", "print", "init-defaults", "--output=junit"],
        &["version", "-o", "junit"],
    ] {
        let (out, err) = kforge().args(args).fails_with(2);
        assert!(out.is_empty(), "{args:?}: {out}");
        let shown = args
            .iter()
            .filter(|a| !a.starts_with('-') && **a != "junit")
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(
            err.trim_end(),
            format!(
                "error: -o junit: `kforge {shown}` takes -o table, json or yaml (junit is only for kforge health)"
            ),
            "{args:?}"
        );
    }
}

/// The bash completion script offers no hidden command, and the values the
/// tables define where they are arguments (item 8).
#[test]
fn completions_leave_hidden_commands_out_and_offer_table_values() {
    let script = kforge().args(["completion", "bash"]).ok();
    let top = bash_candidates(&script, "kforge");
    for c in ["init", "etcd", "snapshot", "health", "completion"] {
        assert!(top.contains(&c.to_string()), "{top:?}");
    }
    assert!(!top.contains(&"generate-docs".to_string()), "{top:?}");
    assert!(
        !script.contains("generate-docs"),
        "hidden command in the script"
    );
    let health_o = script
        .split("kforge__subcmd__health)")
        .nth(1)
        .and_then(|s| s.split("--output)").nth(1))
        .and_then(|s| s.split("compgen -W \"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert_eq!(health_o, "table json yaml junit");
    let etcd_o = script
        .split("kforge__subcmd__etcd__subcmd__status)")
        .nth(1)
        .and_then(|s| s.split("--output)").nth(1))
        .and_then(|s| s.split("compgen -W \"").nth(1))
        .and_then(|s| s.split('"').next())
        .unwrap();
    assert_eq!(etcd_o, "table json yaml");
}

/// The words `compgen -W` offers for the command whose case label is
/// `label` in clap_complete's bash script.
fn bash_candidates(script: &str, label: &str) -> Vec<String> {
    let body = script
        .split(&format!("\n        {label})\n"))
        .nth(1)
        .unwrap_or_else(|| panic!("no case {label} in the script"));
    let opts = body
        .split("opts=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap();
    opts.split_whitespace().map(String::from).collect()
}

/// Completion candidates come from the tables: certificate names after
/// `init phase certs` and for `certs renew`, kubeconfig names after `init
/// phase kubeconfig`, phase names after `init phase` and for
/// `--skip-phases`, preflight check names for `--ignore-preflight-errors`.
#[test]
fn completions_offer_certificate_kubeconfig_phase_and_check_names() {
    let script = kforge().args(["completion", "bash"]).ok();
    let phase = bash_candidates(&script, "kforge__subcmd__init__subcmd__phase");
    for p in ["preflight", "certs", "kubeconfig", "control-plane"] {
        assert!(phase.contains(&p.to_string()), "{phase:?}");
    }
    assert!(!phase.contains(&"apiserver".to_string()), "{phase:?}");
    let certs = bash_candidates(
        &script,
        "kforge__subcmd__init__subcmd__phase__subcmd__certs",
    );
    for c in [
        "all",
        "ca",
        "apiserver",
        "etcd-server",
        "front-proxy-client",
        "sa",
    ] {
        assert!(certs.contains(&c.to_string()), "{certs:?}");
    }
    assert!(!certs.contains(&"kubeconfig".to_string()), "{certs:?}");
    let kc = bash_candidates(
        &script,
        "kforge__subcmd__init__subcmd__phase__subcmd__kubeconfig",
    );
    for k in [
        "all",
        "admin",
        "super-admin",
        "kubelet",
        "controller-manager",
        "scheduler",
    ] {
        assert!(kc.contains(&k.to_string()), "{kc:?}");
    }
    let renew = bash_candidates(&script, "kforge__subcmd__certs__subcmd__renew");
    for n in [
        "all",
        "apiserver",
        "etcd-server",
        "admin.conf",
        "scheduler.conf",
    ] {
        assert!(renew.contains(&n.to_string()), "{renew:?}");
    }
    assert!(
        !renew.contains(&"ca".to_string()),
        "CAs are not renewed: {renew:?}"
    );
    let value_list = |label: &str, flag: &str| -> Vec<String> {
        script
            .split(&format!("\n        {label})\n"))
            .nth(1)
            .and_then(|s| s.split(&format!("\n                {flag})\n")).nth(1))
            .and_then(|s| s.split("compgen -W \"").nth(1))
            .and_then(|s| s.split('"').next())
            .unwrap_or_else(|| panic!("no {flag} values under {label}"))
            .split_whitespace()
            .map(String::from)
            .collect()
    };
    let skip = value_list("kforge__subcmd__init", "--skip-phases");
    assert_eq!(
        skip.first().map(String::as_str),
        Some("preflight"),
        "{skip:?}"
    );
    assert!(skip.contains(&"show-join-command".to_string()), "{skip:?}");
    let ignore = value_list("kforge__subcmd__init", "--ignore-preflight-errors");
    for n in [
        "all",
        "Swap",
        "CRI",
        "Port-6443",
        "Port-10250",
        "FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml",
        "DirAvailable--var-lib-etcd",
        "FileExisting-nsenter",
    ] {
        assert!(ignore.contains(&n.to_string()), "{n}: {ignore:?}");
    }
}

/// The completion list of preflight checks names every check a staged
/// `init` runs (it is built from the same tables).
#[test]
fn every_preflight_check_of_a_staged_init_is_a_completion_candidate() {
    let dir = tempdir();
    let root = dir.path().join("n1");
    let mut args = init_args(&root, "v1.33");
    args.extend(["--dry-run".into(), "-o".into(), "json".into()]);
    let out = kforge().args(args).ok();
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    let known = kforge::preflight::known_check_names();
    let checks = report["preflight"].as_array().expect("preflight results");
    assert!(checks.len() > 5, "{report:#}");
    for c in checks {
        let name = c["name"].as_str().unwrap();
        assert!(
            known.iter().any(|k| k == name),
            "{name} is not offered: {known:?}"
        );
    }
}

/// Every example of every `--help`, once, in help order, with whether it is
/// marked as needing real machines.
fn help_examples() -> Vec<(String, bool)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for path in command_paths() {
        let help = kforge().args(&path).arg("--help").ok();
        let Some(block) = help.split("\nExamples:\n").nth(1) else {
            continue;
        };
        let mut pending = String::new();
        for line in block.lines() {
            let l = line.trim();
            if let Some(head) = l.strip_suffix('\\') {
                pending.push_str(head);
                pending.push(' ');
                continue;
            }
            pending.push_str(l);
            let e = std::mem::take(&mut pending);
            if e.is_empty() || !seen.insert(e.clone()) {
                continue;
            }
            let comment = e.split_once(" #").map(|(_, c)| c).unwrap_or("");
            let real = comment.contains(kforge::cli::REAL_MACHINE);
            out.push((e, real));
        }
    }
    out
}

/// Examples that fail because of a known kforge bug, each with the bug: the
/// test requires them to keep failing, so fixing the bug fails the test
/// until its entry is removed here (empty: every one works).
const KNOWN_BROKEN: &[(&str, &str)] = &[];

/// Issue 22 item 9: every `--help` example runs, except those marked as
/// needing real machines. Each runs as written (redirections and comments
/// dropped), in a fresh working directory, with `KFORGE_ROOT` (the `--root`
/// of every command) set to a node made by `kforge init` with its
/// defaults; `init` itself gets an empty root; the API server's phases run
/// on a node whose stand-in kubelet runs real etcd and the stand-in API
/// server; `etcd`, `snapshot` and `reset` examples run against a real
/// three-member etcd cluster started from the nodes' own manifests, with
/// `snap.db` and `backup.db` saved from it.
#[test]
fn every_help_example_runs_or_is_marked_as_needing_real_machines() {
    use support::cluster::Cluster;
    let examples = help_examples();
    let runnable: Vec<&String> = examples
        .iter()
        .filter(|(_, r)| !r)
        .map(|(e, _)| e)
        .collect();
    let marked = examples.len() - runnable.len();
    assert!(
        runnable.len() >= 40,
        "only {} runnable examples: {runnable:#?}",
        runnable.len()
    );
    assert!(marked > 0);

    let dir = tempdir();
    let node = dir.path().join("node");
    kforge().args(["init", "-q", "--root"]).arg(&node).ok();
    let cluster = std::cell::OnceCell::new();
    let api_node = std::cell::OnceCell::new();
    let api_phase = |e: &str| {
        let w = shell_words(e);
        w.get(1).map(String::as_str) == Some("init")
            && w.get(2).map(String::as_str) == Some("phase")
            && w.get(3).is_some_and(|p| {
                p == kforge::phases::api::POST_CONTROL_PLANE
                    || p == "show-join-command"
                    || kforge::phases::api::API_PHASES.contains(&p.as_str())
            })
    };
    let etcd_env = || -> &Cluster {
        cluster.get_or_init(|| {
            let c = Cluster::start("127.0.23", &[]);
            let work = c.dir.path();
            c.kforge(0)
                .args(["snapshot", "save", "-q"])
                .arg(work.join("snap.db"))
                .envs(etcdctl_env(&c.nodes[0]))
                .ok();
            std::fs::copy(work.join("snap.db"), work.join("backup.db")).unwrap();
            c
        })
    };
    // `members remove` and `reset` (of cp1, through the other members)
    // change the cluster: last.
    let mut order: Vec<&String> = runnable.clone();
    // Tokens are created before they are listed and deleted.
    order.sort_by_key(|e| {
        (
            e.starts_with("kforge reset"),
            e.contains("members remove"),
            e.starts_with("kforge token delete"),
            e.starts_with("kforge token list"),
        )
    });
    let mut failures = Vec::new();
    for (i, e) in order.iter().enumerate() {
        let words = shell_words(e);
        let family = words.get(1).map(String::as_str).unwrap_or("");
        let sub = words.get(2).map(String::as_str).unwrap_or("");
        let work = dir.path().join(format!("ex{i}"));
        std::fs::create_dir_all(&work).unwrap();
        // The test cluster's members listen on their own addresses only
        // (kubeadm's etcd also listens on 127.0.0.1): name cp1's, as etcdctl
        // users do.
        let mut endpoints = None;
        let (root, cwd) = match (family, sub) {
            // The API server's phases: a node whose stand-in kubelet runs
            // real etcd and the stand-in API server.
            ("init", "phase") | ("token", _) if family == "token" || api_phase(e) => {
                let n = api_node.get_or_init(|| {
                    let n = support::kubectl::ApiNode::start("v1.31");
                    // Finish the cluster first (init under --root put the
                    // API phases off): its RBAC lets admin.conf work.
                    kforge()
                        .args(["init", "phase", "post-control-plane", "-q", "--root"])
                        .arg(&n.root)
                        .args(["--control-plane-timeout", "60s"])
                        .ok();
                    n
                });
                (n.root.clone(), work.clone())
            }
            ("init", "phase") => (node.clone(), work.clone()),
            ("init", _) => (work.join("fresh"), work.clone()),
            ("etcd", _) | ("snapshot", _) | ("reset", _) => {
                let c = etcd_env();
                endpoints = Some(etcdctl_env(&c.nodes[0]));
                (c.nodes[0].root.clone(), c.dir.path().to_path_buf())
            }
            _ => (node.clone(), work.clone()),
        };
        if family == "init" || e.contains("kubeadm.yaml") {
            let defaults = kforge().args(["config", "print", "init-defaults"]).ok();
            std::fs::write(cwd.join("kubeadm.yaml"), defaults).unwrap();
        }
        if e.contains("--root ./node1") && !e.starts_with("kforge init") {
            kforge()
                .args(["init", "-q", "--root"])
                .arg(cwd.join("node1"))
                .ok();
        }
        if e.starts_with("kforge token delete") {
            // The tokens it deletes exist first.
            for w in words[3..].iter().filter(|w| !w.starts_with('-')) {
                let id = w.split('.').next().unwrap();
                let _ = kforge()
                    .args([
                        "token",
                        "create",
                        &format!("{id}.0123456789abcdef"),
                        "--root",
                    ])
                    .arg(&root)
                    .output();
            }
        }
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_kforge"));
        cmd.args(&words[1..])
            .current_dir(&cwd)
            .env("KFORGE_ROOT", &root)
            .env("NO_COLOR", "1")
            .stdin(std::process::Stdio::null());
        if let Some(env) = &endpoints {
            cmd.envs(env.clone());
        }
        let out = cmd.output().unwrap();
        if KNOWN_BROKEN.iter().any(|(k, _)| k == e) {
            if out.status.success() {
                failures.push(format!("{e}: works now; remove it from KNOWN_BROKEN"));
            }
            continue;
        }
        if !out.status.success() {
            failures.push(format!(
                "{e}\n  exit {:?}, root {}\n  {}\n  {}",
                out.status.code(),
                root.display(),
                String::from_utf8_lossy(&out.stderr).trim(),
                String::from_utf8_lossy(&out.stdout).trim()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} runnable examples failed:\n{}",
        failures.len(),
        runnable.len(),
        failures.join("\n")
    );
}

/// etcdctl's variables for a test cluster node: its endpoint and its
/// healthcheck-client certificate.
fn etcdctl_env(n: &support::cluster::Node) -> Vec<(String, String)> {
    let pki = n.pki();
    let p = |f: &str| pki.join(f).display().to_string();
    vec![
        ("ETCDCTL_ENDPOINTS".into(), n.endpoint()),
        ("ETCDCTL_CACERT".into(), p("etcd/ca.crt")),
        ("ETCDCTL_CERT".into(), p("etcd/healthcheck-client.crt")),
        ("ETCDCTL_KEY".into(), p("etcd/healthcheck-client.key")),
    ]
}

/// README ("Re-running is safe"): re-running `init` with another node name
/// refuses in preflight for the certificates and kubeconfig that carry the
/// name, even kforge's own, writing nothing; `--force` replaces them and
/// backs each up (issue 22 item 9).
#[test]
fn readme_rerun_with_another_node_name_refuses_then_force_replaces() {
    let dir = tempdir();
    let root = dir.path().join("n1");
    let args = |name: &str| {
        let mut a = init_args(&root, "v1.33");
        let i = a.iter().position(|w| w == "--node-name").unwrap();
        a[i + 1] = name.to_string();
        a
    };
    kforge().args(args("cp1")).ok();
    let snapshot = |root: &std::path::Path| -> Vec<(std::path::PathBuf, Vec<u8>)> {
        files_under(root)
            .into_iter()
            .map(|f| {
                let b = std::fs::read(root.join(&f)).unwrap();
                (f, b)
            })
            .collect()
    };
    let before = snapshot(&root);
    let (_, err) = kforge().args(args("cp2")).fails_with(1);
    let last = err.lines().last().unwrap();
    assert_eq!(
        last,
        "error: error execution phase preflight: 4 preflight errors above; \
         --ignore-preflight-errors=FileAvailable--etc-kubernetes-pki-apiserver.crt,\
         FileAvailable--etc-kubernetes-pki-etcd-server.crt,FileAvailable--etc-kubernetes-pki-etcd-peer.crt,\
         FileAvailable--etc-kubernetes-kubelet.conf to proceed (or --force to replace them)",
        "{err}"
    );
    assert!(snapshot(&root) == before, "a refused re-run wrote files");
    kforge().args(args("cp2")).arg("--force").ok();
    let server = std::fs::read(root.join("etc/kubernetes/pki/etcd/server.crt")).unwrap();
    let old = &before
        .iter()
        .find(|(f, _)| f.ends_with("etc/kubernetes/pki/etcd/server.crt"))
        .unwrap()
        .1;
    assert!(&server != old, "etcd/server.crt was not replaced");
    // A re-run with the same inputs reuses everything.
    let again = snapshot(&root);
    kforge().args(args("cp2")).ok();
    let after: Vec<_> = snapshot(&root)
        .into_iter()
        .filter(|(f, _)| !f.starts_with("etc/kubernetes/tmp"))
        .collect();
    let again: Vec<_> = again
        .into_iter()
        .filter(|(f, _)| !f.starts_with("etc/kubernetes/tmp"))
        .collect();
    let changed: Vec<_> = after
        .iter()
        .filter(|(f, b)| again.iter().any(|(g, c)| g == f && c != b))
        .map(|(f, _)| f.clone())
        .collect();
    assert!(
        changed
            .iter()
            .all(|f| !f.to_string_lossy().contains("pki/")),
        "certificates changed on a same-input re-run: {changed:?}"
    );
}

/// `kforge --help` names every `snapshot` subcommand, and the metrics
/// files in help examples sit where the shipped units and cron file put
/// them (issue 22 item 9).
#[test]
fn snapshot_summary_names_every_subcommand_and_metrics_paths_match_the_templates() {
    let help = kforge().arg("--help").ok();
    let line = help
        .lines()
        .find(|l| l.trim_start().starts_with("snapshot "))
        .unwrap();
    for sub in ["save", "status", "list", "prune", "drill", "restore"] {
        assert!(line.to_lowercase().contains(sub), "{line}");
    }
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut template_dirs = std::collections::BTreeSet::new();
    for f in files_under(&repo.join("templates")) {
        let text = std::fs::read_to_string(repo.join("templates").join(&f)).unwrap();
        let words: Vec<&str> = text.split_whitespace().collect();
        for pair in words.windows(2).filter(|p| p[0] == "--metrics-file") {
            template_dirs.insert(
                std::path::Path::new(pair[1])
                    .parent()
                    .unwrap()
                    .to_path_buf(),
            );
        }
    }
    assert_eq!(template_dirs.len(), 1, "{template_dirs:?}");
    let mut seen = 0;
    for (e, _) in help_examples() {
        let words = shell_words(&e);
        if let Some(i) = words.iter().position(|w| w == "--metrics-file") {
            let p = std::path::Path::new(&words[i + 1]);
            assert!(
                template_dirs.contains(p.parent().unwrap()),
                "{e}: not in {template_dirs:?}"
            );
            seen += 1;
        }
    }
    assert!(seen >= 3, "{seen}");
}
