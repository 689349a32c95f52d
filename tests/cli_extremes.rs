//! Every flag that takes a duration, port, count, CIDR or address, found by
//! walking the clap definition, gets its extreme values: each must end in
//! exit 2 with one `error:` line that names the flag, and never a panic
//! (issue 10 items 7 and 8). Config-file values get the same treatment.

mod support;

use support::*;

/// Values every flag of the kind must refuse, whatever its own range.
fn extremes(value_name: &str) -> Option<&'static [&'static str]> {
    Some(match value_name {
        "DURATION" => &[
            "-1",
            "-1s",
            "0",
            "99999999999999999999d",
            "999999999999999999999d",
            "9223372036854775807s",
            "300000000000000000h",
            "abc",
            "1x",
        ],
        // A token's --ttl: a duration, where kubeadm's bare 0 means "never expires".
        "TTL" => &[
            "-1",
            "-1s",
            "99999999999999999999d",
            "9223372036854775807s",
            "abc",
            "1x",
        ],
        "PORT" => &["0", "-1", "65536", "99999", "99999999999999999999", "abc"],
        "N" => &["-1", "99999999999999999999999", "abc", "1.5"],
        "HOST[:PORT]" => &[
            "lb:99999",
            "lb:abc",
            "lb:0",
            "10.0.0.1:70000",
            "[::1",
            "[::1]:0",
            "[::1]x",
            "::1::",
            ":6443",
        ],
        "CIDR" => &["10.0.0.0/33", "::1/129", "abc", "10.0.0.0/-1", "::1::/64"],
        "IP" => &["::1::", "999.0.0.1", "abc", "-1"],
        _ => return None,
    })
}

/// (command path, flag long name, value name) for every typed flag.
fn typed_flags() -> Vec<(Vec<String>, String, String)> {
    let mut out = Vec::new();
    for (path, cmd) in command_tree() {
        for a in cmd.get_arguments() {
            let (Some(long), Some(names)) = (a.get_long(), a.get_value_names()) else {
                continue;
            };
            let vn = names[0].to_string();
            if extremes(&vn).is_some() {
                out.push((path.clone(), long.to_string(), vn));
            }
        }
    }
    out
}

#[test]
fn regression_every_typed_flag_refuses_its_extreme_values_with_exit_2() {
    let flags = typed_flags();
    // The walk must find the flags the issue names, or it proves nothing.
    for expected in [
        "keep-within",
        "wait",
        "dial-timeout",
        "if-expiring-within",
        "control-plane-endpoint",
        "apiserver-bind-port",
        "ssh-port",
        "keep",
        "concurrency",
        "pod-network-cidr",
    ] {
        assert!(
            flags.iter().any(|(_, l, _)| l == expected),
            "--{expected} not found among {flags:?}"
        );
    }
    let mut failures = Vec::new();
    for (path, long, vn) in &flags {
        for v in extremes(vn).unwrap() {
            let mut argv = vec!["kforge".to_string()];
            argv.extend(path.iter().cloned());
            argv.push(format!("--{long}={v}"));
            // In process first: a value the parser accepted would run the
            // command for real, so the binary is only run on refused values.
            let parsed = std::panic::catch_unwind(|| {
                kforge::cli::command()
                    .try_get_matches_from(&argv)
                    .map(|_| ())
            });
            match parsed {
                Err(_) => {
                    failures.push(format!("{argv:?}: panicked while parsing"));
                    continue;
                }
                Ok(Ok(())) => {
                    failures.push(format!("{argv:?}: accepted"));
                    continue;
                }
                Ok(Err(_)) => {}
            }
            let (out, d) = kforge().args(&argv[1..]).output();
            let stderr = String::from_utf8_lossy(&out.stderr);
            let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
            if out.status.code() != Some(2)
                || stderr.contains("panicked")
                || errors.len() != 1
                || !errors[0].contains(&format!("--{long}"))
            {
                failures.push(d);
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn regression_etcd_endpoints_with_a_bad_port_are_usage_errors() {
    let flags = typed_flags_named("endpoints");
    assert!(!flags.is_empty());
    for path in flags {
        for v in [
            "https://127.0.0.1:99999",
            "https://[::1",
            "http://:0",
            "",
            "https://u@h:1",
        ] {
            let mut argv = vec!["kforge".to_string()];
            argv.extend(path.iter().cloned());
            argv.push(format!("--endpoints={v}"));
            assert!(
                kforge::cli::command().try_get_matches_from(&argv).is_err(),
                "{argv:?} accepted"
            );
            let (out, d) = kforge().args(&argv[1..]).output();
            assert_eq!(out.status.code(), Some(2), "{d}");
            assert!(
                String::from_utf8_lossy(&out.stderr).contains("--endpoints"),
                "{d}"
            );
        }
    }
}

/// Command paths that have the flag `--long`.
fn typed_flags_named(long: &str) -> Vec<Vec<String>> {
    fn walk(cmd: &clap::Command, long: &str, path: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
        if cmd.get_arguments().any(|a| a.get_long() == Some(long)) {
            out.push(path.clone());
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_string());
            walk(sub, long, path, out);
            path.pop();
        }
    }
    let mut cmd = kforge::cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, long, &mut Vec::new(), &mut out);
    out
}

#[test]
fn regression_control_plane_endpoint_with_a_bad_port_is_refused() {
    for ep in ["lb:99999", "lb:abc", "lb:0", "10.0.0.1:70000"] {
        let root = tempdir();
        let (_, err) = kforge()
            .args(["init", "--control-plane-endpoint", ep, "--root"])
            .arg(root.path())
            .fails_with(2);
        assert!(err.contains("--control-plane-endpoint"), "{err}");
        assert!(
            std::fs::read_dir(root.path()).unwrap().next().is_none(),
            "init wrote files for {ep}"
        );
    }
}

#[test]
fn regression_config_file_validity_periods_out_of_range_exit_2_with_location() {
    for (field, col) in [
        ("certificateValidityPeriod", 28),
        ("caCertificateValidityPeriod", 30),
    ] {
        for v in ["0s", "1s", "99999999999999999h", "9223372036854775807s"] {
            let root = tempdir();
            let cfg = root.path().join("kubeadm.yaml");
            std::fs::write(
                &cfg,
                format!("apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n{field}: {v}\n"),
            )
            .unwrap();
            let (_, err) = kforge()
                .args(["init", "--root"])
                .arg(root.path())
                .arg("--config")
                .arg(&cfg)
                .fails_with(2);
            assert!(!err.contains("panicked"), "{err}");
            let want = format!("{}:3:{col}: {field}: ", cfg.display());
            assert!(err.contains(&want), "{field}: {v}: want {want}\n{err}");
            assert!(err.contains("between 1h and 36500d"), "{err}");
        }
    }
}

#[test]
fn regression_keep_within_error_uses_the_help_format() {
    let dir = tempdir();
    let (_, err) = kforge()
        .args(["snapshot", "prune", "--keep-within", "0", "--dir"])
        .arg(dir.path())
        .fails_with(2);
    assert!(!err.contains("8760h0m0s"), "{err}");
    assert!(err.contains("7d"), "{err}");
    let (_, err) = kforge()
        .args(["snapshot", "prune", "--keep-within", "0s", "--dir"])
        .arg(dir.path())
        .fails_with(2);
    assert!(err.contains("between 1ms and 36500d"), "{err}");
}

#[test]
fn regression_kubelet_configuration_unknown_field_exits_2_with_location() {
    let root = tempdir();
    let cfg = root.path().join("kubeadm.yaml");
    std::fs::write(
        &cfg,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\n---\n\
         apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nmaxPodz: 200\n",
    )
    .unwrap();
    let (_, err) = kforge()
        .args(["init", "--root"])
        .arg(root.path())
        .arg("--config")
        .arg(&cfg)
        .fails_with(2);
    let want = format!(
        "{}:6:1: KubeletConfiguration: unknown field `maxPodz`",
        cfg.display()
    );
    assert!(err.contains(&want), "{err}");
    assert!(!root.path().join("var").exists(), "kubelet config written");
}
