//! `kforge join` on a real multi-host test bed: network namespaces with
//! their own sshd (tests/support/testbed.rs). The nodes have no kubelet:
//! a stand-in script answers `kubelet --version`, and for control-plane
//! joins a stand-in runs the node's etcd from the manifest kforge wrote
//! (real etcd, inside the node), so the stacked etcd cluster is real.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::testbed::{TestNode, Testbed};
use support::*;

fn control_plane(version: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let root = dir.path().join("cp1");
    support::testbed::init_control_plane(&root, version, &[]);
    (dir, root)
}

fn join(tb: &Testbed, root: &Path) -> Cmd {
    tb.join(root, "3s").args(["-o", "json"])
}

fn by_host<'a>(out: &'a serde_json::Value, host: &str) -> &'a serde_json::Value {
    out["hosts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["host"] == host)
        .unwrap_or_else(|| panic!("no {host} in {out:#}"))
}

#[test]
fn workers_join_in_parallel_failures_stay_isolated_and_reruns_skip() {
    let (_d, root) = control_plane("v1.35");
    let good = Some("v1.35.0");
    let tb = Testbed::up(&[good, good, good, good, good, None, Some("v1.36.0"), good]);
    // node8's key in known_hosts is replaced by another key: a changed host key.
    let other = tb.dir.path().join("other_key");
    cmd("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "", "-f"])
        .arg(&other)
        .ok();
    let other_pub = std::fs::read_to_string(other.with_extension("pub")).unwrap();
    let known = std::fs::read_to_string(&tb.known_hosts).unwrap();
    let known: String = known
        .lines()
        .map(|l| {
            if l.starts_with("198.18.0.18 ") {
                format!("198.18.0.18 {}", other_pub.trim())
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&tb.known_hosts, known + "\n").unwrap();

    let hosts: Vec<String> = tb
        .nodes
        .iter()
        .map(|n| n.addr.clone())
        .chain(["198.18.0.99".to_string()])
        .collect();
    let (stdout, stderr) = join(&tb, &root).args(&hosts).fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert!(
        stderr.contains("3 of 9") || stderr.contains("4 of 9"),
        "{stderr}"
    );
    for n in &tb.nodes[..5] {
        let h = by_host(&out, &n.addr);
        assert_eq!(h["outcome"], "joined", "{h:#}");
        assert_eq!(h["nodeName"], n.name.as_str());
        check_worker_files(&root, n);
    }
    let fail = |addr: &str, want: &str| {
        let h = by_host(&out, addr);
        assert_eq!(h["outcome"], "failed", "{h:#}");
        let e = h["error"].as_str().unwrap();
        assert!(e.contains(want), "{addr}: {e}");
        assert_eq!(e.lines().count(), 1, "one line per failure: {e}");
    };
    fail("198.18.0.16", "kubelet not found");
    fail("198.18.0.17", "newer than the API server");
    fail("198.18.0.18", "HOST KEY CHANGED");
    let changed = by_host(&out, "198.18.0.18")["error"].as_str().unwrap();
    assert!(
        changed.contains(&format!(
            "ssh-keygen -f {} -R 198.18.0.18",
            tb.known_hosts.display()
        )),
        "the hint names the known_hosts file: {changed}"
    );
    fail("198.18.0.99", "198.18.0.99");
    for n in &tb.nodes[5..] {
        assert!(
            files_under(&n.etc_kubernetes()).is_empty(),
            "{} got files: {:?}",
            n.name,
            files_under(&n.etc_kubernetes())
        );
    }
    // Re-running skips what joined.
    let hosts: Vec<String> = tb.nodes[..5].iter().map(|n| n.addr.clone()).collect();
    let out: serde_json::Value = serde_json::from_str(&join(&tb, &root).args(&hosts).ok()).unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "already-joined", "{h:#}");
    }
}

fn check_worker_files(root: &Path, n: &TestNode) {
    let kubelet_conf = n.etc_kubernetes().join("kubelet.conf");
    assert_eq!(mode(&kubelet_conf), 0o600);
    let v: serde_json::Value = serde_json::from_str(
        &cmd(tool("kubectl"))
            .args(["config", "view", "--raw", "-o", "json", "--kubeconfig"])
            .arg(&kubelet_conf)
            .ok(),
    )
    .unwrap();
    assert_eq!(v["users"][0]["name"], format!("system:node:{}", n.name));
    assert_eq!(
        v["clusters"][0]["cluster"]["server"],
        "https://198.18.0.1:6443"
    );
    use base64::Engine;
    let pem = base64::engine::general_purpose::STANDARD
        .decode(
            v["users"][0]["user"]["client-certificate-data"]
                .as_str()
                .unwrap(),
        )
        .unwrap();
    let cert = n.dir.join("client.crt");
    std::fs::write(&cert, &pem).unwrap();
    let ok = cmd(tool("openssl"))
        .arg("verify")
        .arg("-CAfile")
        .arg(root.join("etc/kubernetes/pki/ca.crt"))
        .arg(&cert)
        .ok();
    assert!(ok.contains(": OK"), "{ok}");
    let subject = cmd(tool("openssl"))
        .args(["x509", "-noout", "-subject", "-in"])
        .arg(&cert)
        .ok();
    assert!(
        subject.contains(&format!("O = system:nodes, CN = system:node:{}", n.name)),
        "{subject}"
    );
    assert_eq!(
        std::fs::read(n.etc_kubernetes().join("pki/ca.crt")).unwrap(),
        std::fs::read(root.join("etc/kubernetes/pki/ca.crt")).unwrap()
    );
    assert!(n.var_lib_kubelet().join("config.yaml").exists());
    assert!(n.var_lib_kubelet().join("kubeadm-flags.env").exists());
}

#[test]
fn three_control_planes_form_a_real_etcd_cluster_holding_the_old_data() {
    let _ports = fixed_port_lock();
    let (d, root) = control_plane("v1.33");
    let tb = Testbed::up(&[Some("v1.33.0"), Some("v1.33.0")]);
    // The first control plane's etcd, on the bridge address in the root namespace.
    let _etcd1 = support::etcd::run_static_pod(&root, &d.path().join("etcd1.log"));
    let pki = root.join("etc/kubernetes/pki");
    let ctl = |endpoint: &str| {
        cmd(etcd35("etcdctl"))
            .args(["--endpoints", endpoint, "--dial-timeout", "3s", "--cacert"])
            .arg(pki.join("etcd/ca.crt"))
            .arg("--cert")
            .arg(pki.join("apiserver-etcd-client.crt"))
            .arg("--key")
            .arg(pki.join("apiserver-etcd-client.key"))
    };
    assert!(wait_until(Duration::from_secs(20), || ctl(
        "https://198.18.0.1:2379"
    )
    .args(["endpoint", "health"])
    .output()
    .0
    .status
    .success()));
    ctl("https://198.18.0.1:2379")
        .args(["put", "/registry/before-join", "kept"])
        .ok();
    // STAND-IN kubelet on each node: waits for etcd.yaml and runs it (real etcd, inside the
    // node). The node's /root is its own, so etcd is copied into the node's /usr/local/bin.
    for n in &tb.nodes {
        tb.standin_etcd(n, "-f /etc/kubernetes/manifests/etcd.yaml");
    }
    let logs = || Testbed::standin_logs(&tb.nodes);
    let (res, d) = join(&tb, &root)
        .args([
            "--control-plane",
            "--etcd-promote-timeout",
            "60s",
            "198.18.0.11",
            "198.18.0.12",
        ])
        .output();
    assert!(res.status.success(), "{d}\n{}", logs());
    let out: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "joined", "{h:#}");
    }
    let members: serde_json::Value = serde_json::from_str(
        &ctl("https://198.18.0.1:2379")
            .args(["member", "list", "-w", "json"])
            .ok(),
    )
    .unwrap();
    let members = members["members"].as_array().unwrap();
    assert_eq!(members.len(), 3, "{members:#?}");
    assert!(
        members
            .iter()
            .all(|m| m.get("isLearner").is_none_or(|l| l == false)),
        "{members:#?}"
    );
    for ep in [
        "https://198.18.0.1:2379",
        "https://198.18.0.11:2379",
        "https://198.18.0.12:2379",
    ] {
        ctl(ep).args(["endpoint", "health"]).ok();
        let v = ctl(ep)
            .args(["get", "/registry/before-join", "--print-value-only"])
            .ok();
        assert_eq!(v.trim(), "kept", "{ep}");
    }
    // Each new control plane has its own serving certificates and the shared CAs.
    for n in &tb.nodes {
        let text = cmd(tool("openssl"))
            .args(["x509", "-noout", "-text", "-in"])
            .arg(n.etc_kubernetes().join("pki/apiserver.crt"))
            .ok();
        assert!(text.contains(&format!("IP Address:{}", n.addr)), "{text}");
        assert_eq!(
            std::fs::read(n.etc_kubernetes().join("pki/etcd/ca.key")).unwrap(),
            std::fs::read(pki.join("etcd/ca.key")).unwrap()
        );
        assert!(n
            .etc_kubernetes()
            .join("manifests/kube-apiserver.yaml")
            .exists());
        let m = std::fs::read_to_string(n.etc_kubernetes().join("manifests/etcd.yaml")).unwrap();
        assert!(m.contains("--initial-cluster-state=existing"), "{m}");
    }
    // Re-running skips both.
    let out: serde_json::Value = serde_json::from_str(
        &join(&tb, &root)
            .args(["--control-plane", "198.18.0.11", "198.18.0.12"])
            .ok(),
    )
    .unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "already-joined", "{h:#}");
    }
}

#[test]
fn dry_run_inventory_and_first_contact() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.34.2"), Some("v1.35.0")]);
    let inv = tb.dir.path().join("inventory.yaml");
    std::fs::write(
        &inv,
        format!(
            "apiVersion: kforge.io/v1alpha1\nkind: Inventory\ndefaults:\n  key: {}\nhosts:\n- name: w1\n  address: 198.18.0.11\n  labels:\n    pool: a\n- address: 198.18.0.12\n  taints:\n  - key: dedicated\n    value: db\n    effect: NoSchedule\n",
            tb.key.display()
        ),
    )
    .unwrap();
    // First contact with an empty known_hosts: refused without --accept-new-host-keys.
    let empty = tb.dir.path().join("new_known_hosts");
    let base = |kh: &Path| {
        kforge()
            .args([
                "join",
                "-o",
                "json",
                "--ignore-preflight-errors",
                "CRI",
                "--root",
            ])
            .arg(&root)
            .arg("--inventory")
            .arg(&inv)
            .arg("--known-hosts")
            .arg(kh)
    };
    let (stdout, _) = base(&empty).fails_with(1);
    assert!(stdout.contains("--accept-new-host-keys"), "{stdout}");
    // Dry run with first-contact acceptance: plans, records the keys, writes nothing on the nodes.
    let out: serde_json::Value = serde_json::from_str(
        &base(&empty)
            .args(["--dry-run", "--accept-new-host-keys"])
            .ok(),
    )
    .unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "planned", "{h:#}");
        assert!(!h["files"].as_array().unwrap().is_empty());
    }
    assert_eq!(std::fs::read_to_string(&empty).unwrap().lines().count(), 2);
    for n in &tb.nodes {
        assert!(
            files_under(&n.etc_kubernetes()).is_empty(),
            "dry run wrote on {}",
            n.name
        );
    }
    // The real run uses the recorded keys; labels and taints reach the kubelet flags.
    let out: serde_json::Value = serde_json::from_str(&base(&empty).ok()).unwrap();
    assert_eq!(by_host(&out, "w1")["outcome"], "joined");
    let flags1 =
        std::fs::read_to_string(tb.nodes[0].var_lib_kubelet().join("kubeadm-flags.env")).unwrap();
    assert!(
        flags1.contains("--node-labels=pool=a") && flags1.contains("--hostname-override=w1"),
        "{flags1}"
    );
    let flags2 =
        std::fs::read_to_string(tb.nodes[1].var_lib_kubelet().join("kubeadm-flags.env")).unwrap();
    assert!(
        flags2.contains("--register-with-taints=dedicated=db:NoSchedule"),
        "{flags2}"
    );
    assert!(
        !flags2.contains("hostname-override"),
        "node2's name is its hostname: {flags2}"
    );
    // --tls-bootstrap: a kubeadm bootstrap kubeconfig with init's token, no client certificate.
    let out: serde_json::Value = serde_json::from_str(
        &join(&tb, &root)
            .args(["--tls-bootstrap", "198.18.0.13"])
            .ok(),
    )
    .unwrap();
    assert_eq!(out["hosts"][0]["outcome"], "joined", "{out:#}");
    let n3 = &tb.nodes[2];
    assert!(!n3.etc_kubernetes().join("kubelet.conf").exists());
    let boot = n3.etc_kubernetes().join("bootstrap-kubelet.conf");
    assert_eq!(mode(&boot), 0o600);
    let v: serde_json::Value = serde_json::from_str(
        &cmd(tool("kubectl"))
            .args(["config", "view", "--raw", "-o", "json", "--kubeconfig"])
            .arg(&boot)
            .ok(),
    )
    .unwrap();
    assert_eq!(v["users"][0]["name"], "tls-bootstrap-token-user");
    let secret =
        std::fs::read_to_string(root.join("etc/kubernetes/bootstrap-token-secret.yaml")).unwrap();
    let token = v["users"][0]["user"]["token"].as_str().unwrap();
    assert!(
        secret.contains(&format!("token-id: {}", &token[..6])),
        "{secret}"
    );
    let example = kforge().args(["config", "print", "inventory"]).ok();
    assert!(example.contains("kind: Inventory"));
}

#[test]
fn regression_bad_inventory_and_flags_are_usage_errors_before_any_connection() {
    // No test bed: nothing may be contacted, so nothing needs to listen.
    let (_d, root) = control_plane("v1.35");
    let dir = tempdir();
    let key = dir.path().join("id_ed25519");
    std::fs::write(&key, "not read before the checks\n").unwrap();
    let base = || {
        let mut c = kforge();
        c = c
            .args(["join", "--root"])
            .arg(&root)
            .arg("--ssh-key")
            .arg(&key);
        c
    };
    let inv = dir.path().join("inventory.yaml");
    std::fs::write(
        &inv,
        "apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- address: 198.18.0.11\n  taints:\n  - key: dedicated\n    effect: NoSchedul\n",
    )
    .unwrap();
    let (_, err) = base().arg("--inventory").arg(&inv).fails_with(2);
    assert!(err.contains("inventory.yaml:7:"), "{err}");
    assert!(err.contains("NoSchedul"), "{err}");
    std::fs::write(
        &inv,
        "apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- address: 198.18.0.11\n  labels:\n    bad key!: a,b=c\n",
    )
    .unwrap();
    let (_, err) = base().arg("--inventory").arg(&inv).fails_with(2);
    assert!(err.contains("inventory.yaml:6:"), "{err}");
    for addr in ["198.18.0.300", "198.18.0.12:22", "root@198.18.0.13"] {
        std::fs::write(
            &inv,
            format!("apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- address: 198.18.0.11\n- address: {addr}\n"),
        )
        .unwrap();
        let (_, err) = base().arg("--inventory").arg(&inv).fails_with(2);
        assert!(err.contains("inventory.yaml:5:"), "{addr}: {err}");
    }
    let (_, err) = base().args(["198.18.0.300"]).fails_with(2);
    assert!(err.contains("198.18.0.300"), "{err}");
    let (_, err) = base()
        .args(["--ssh-timeout", "0s", "198.18.0.11"])
        .fails_with(2);
    assert!(err.contains("--ssh-timeout"), "{err}");
    let (_, err) = kforge()
        .args(["join", "--root"])
        .arg(&root)
        .arg("--ssh-key")
        .arg(dir.path().join("missing_key"))
        .args(["198.18.0.11", "198.18.0.12"])
        .fails_with(2);
    assert_eq!(err.matches("missing_key").count(), 1, "{err}");
    // A passphrase-protected key is one clear usage error, not "Unsupported private key format".
    let locked = dir.path().join("locked_key");
    cmd("ssh-keygen")
        .args(["-q", "-t", "ed25519", "-N", "secret", "-f"])
        .arg(&locked)
        .ok();
    let (_, err) = kforge()
        .args(["join", "--root"])
        .arg(&root)
        .arg("--ssh-key")
        .arg(&locked)
        .arg("198.18.0.11")
        .fails_with(2);
    assert!(err.contains("passphrase-protected"), "{err}");
}

#[test]
fn regression_dry_run_says_would_join_and_lists_the_real_plan() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0"), None]);
    // node1 joined for real first: its dry run has nothing to do.
    join(&tb, &root).arg("198.18.0.11").ok();
    let dry = || tb.join(&root, "3s").arg("--dry-run");
    let out = dry().args(["198.18.0.11", "198.18.0.12"]).ok();
    assert!(out.contains("198.18.0.12 would join as node2:"), "{out}");
    assert!(
        out.contains("  - write /etc/kubernetes/kubelet.conf (0600)"),
        "{out}"
    );
    assert!(out.contains("  - restart the kubelet"), "{out}");
    assert!(
        out.contains("198.18.0.11: nothing to do (already joined)"),
        "{out}"
    );
    assert!(out.contains("would-join"), "{out}");
    assert!(!out.contains("plan:"), "{out}");
    // A host that cannot join says why; the summary is not "failed to join".
    let (out, err) = dry().args(["198.18.0.12", "198.18.0.13"]).fails_with(1);
    assert!(
        out.contains("198.18.0.13: cannot be joined: preflight:"),
        "{out}"
    );
    assert!(
        err.contains("1 of 2 host(s) cannot be joined (dry run"),
        "{err}"
    );
    assert!(!err.contains("failed to join"), "{err}");
    for n in &tb.nodes[1..] {
        assert!(
            files_under(&n.etc_kubernetes()).is_empty(),
            "dry run wrote on {}",
            n.name
        );
    }
}

#[test]
fn regression_node_names_given_first_then_claimed_as_hosts_connect_and_garbage_kubelet_conf() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    // node1 is given the name "node2", which is node2's hostname: the given
    // name wins, node2 is refused, and no host waits for another to decide.
    let (stdout, _) = join(&tb, &root)
        .args(["node2=198.18.0.11", "198.18.0.12"])
        .fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let first = by_host(&out, "node2=198.18.0.11");
    assert_eq!(first["outcome"], "joined", "{first:#}");
    assert_eq!(first["nodeName"], "node2");
    let second = by_host(&out, "198.18.0.12");
    assert_eq!(second["outcome"], "failed", "{second:#}");
    assert!(
        second["error"]
            .as_str()
            .unwrap()
            .contains("used by more than one host"),
        "{second:#}"
    );
    assert!(files_under(&tb.nodes[1].etc_kubernetes()).is_empty());
    // A garbage kubelet.conf is reported as what it is, not as another cluster's.
    std::fs::write(
        tb.nodes[1].etc_kubernetes().join("kubelet.conf"),
        "garbage\n",
    )
    .unwrap();
    // (Its hostname node2 now belongs to node1 in the cluster's record of
    // joined names, so it is given a free one to reach the kubelet.conf check.)
    let (stdout, _) = join(&tb, &root).arg("node3=198.18.0.12").fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let e = out["hosts"][0]["error"].as_str().unwrap();
    assert!(e.contains("is not a kubeconfig"), "{e}");
    assert!(!e.contains("another CA"), "{e}");
}

#[test]
fn regression_a_hanging_remote_command_is_killed_at_the_ssh_timeout() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    // node1's kubelet never answers `--version`.
    let kubelet = tb.nodes[0].bin().join("kubelet");
    std::fs::write(&kubelet, "#!/bin/sh\nexec sleep 300\n").unwrap();
    let (stdout, _) = join(&tb, &root)
        .args(["198.18.0.11", "198.18.0.12"])
        .fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let hung = by_host(&out, "198.18.0.11");
    assert_eq!(hung["outcome"], "failed", "{hung:#}");
    let e = hung["error"].as_str().unwrap();
    assert!(
        e.contains("did not finish within 3s") && e.contains("killed"),
        "{e}"
    );
    assert_eq!(by_host(&out, "198.18.0.12")["outcome"], "joined");
    // Nothing is left running on the node.
    let gone = wait_until(Duration::from_secs(10), || {
        tb.ssh(&tb.nodes[0], "pgrep -x sleep || echo none")
            .ok()
            .contains("none")
    });
    assert!(gone, "the hung command still runs on node1");
    assert!(files_under(&tb.nodes[0].etc_kubernetes()).is_empty());
}

#[test]
fn regression_a_read_only_directory_fails_preflight_before_any_write() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0")]);
    let n = &tb.nodes[0];
    tb.ssh(n, "mount -o remount,bind,ro /var/lib/kubelet").ok();
    let (stdout, _) = join(&tb, &root).arg("198.18.0.11").fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let e = out["hosts"][0]["error"].as_str().unwrap();
    assert!(e.contains("DirWritable--var-lib-kubelet"), "{e}");
    assert!(e.contains("read-only"), "{e}");
    assert!(files_under(&n.etc_kubernetes()).is_empty());
}

#[test]
fn regression_accepting_a_host_key_writes_through_a_known_hosts_symlink_and_keeps_its_mode() {
    use std::os::unix::fs::PermissionsExt;
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0")]);
    let target = tb.dir.path().join("shared_known_hosts");
    std::fs::write(&target, "").unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o644)).unwrap();
    let link = tb.dir.path().join("known_hosts_link");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    let out: serde_json::Value = serde_json::from_str(
        &kforge()
            .args([
                "join",
                "-o",
                "json",
                "--dry-run",
                "--accept-new-host-keys",
                "--ignore-preflight-errors",
                "CRI",
                "--root",
            ])
            .arg(&root)
            .arg("--ssh-key")
            .arg(&tb.key)
            .arg("--known-hosts")
            .arg(&link)
            .arg("198.18.0.11")
            .ok(),
    )
    .unwrap();
    let step = out["hosts"][0]["steps"][0].as_str().unwrap();
    assert!(
        step.contains("new host key accepted and recorded"),
        "{step}"
    );
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(std::fs::read_to_string(&target).unwrap().lines().count(), 1);
    assert_eq!(mode(&target), 0o644);
}

#[test]
fn regression_sigint_while_a_learner_catches_up_removes_it_and_rolls_the_host_back() {
    let _ports = fixed_port_lock();
    let (d, root) = control_plane("v1.33");
    let tb = Testbed::up(&[Some("v1.33.0"), Some("v1.33.0")]);
    let _etcd1 = first_etcd(d.path(), &root);
    let ctl = || etcdctl(&root);
    // No stand-in kubelet: node1's etcd never starts, so its learner waits to catch up.
    let mut run = join(&tb, &root)
        .args([
            "--control-plane",
            "--etcd-promote-timeout",
            "10m",
            "198.18.0.11",
            "198.18.0.12",
        ])
        .spawn(&d.path().join("join.log"));
    let etcd_yaml = tb.nodes[0].etc_kubernetes().join("manifests/etcd.yaml");
    assert!(
        wait_until(Duration::from_secs(120), || etcd_yaml.exists()),
        "{}",
        run.log_text()
    );
    cmd("kill").args(["-INT", &run.child.id().to_string()]).ok();
    let status = run.child.wait().unwrap();
    let log = run.log_text();
    assert_eq!(status.code(), Some(130), "{log}");
    let json = log
        .lines()
        .find(|l| l.starts_with("{\"generated\"") && l.contains("\"hosts\""))
        .unwrap_or_else(|| panic!("no report: {log}"));
    let out: serde_json::Value = serde_json::from_str(json).unwrap();
    let first = by_host(&out, "198.18.0.11");
    assert_eq!(first["outcome"], "failed", "{first:#}");
    assert!(
        first["error"].as_str().unwrap().contains("interrupted"),
        "{first:#}"
    );
    let second = by_host(&out, "198.18.0.12");
    assert_eq!(second["error"], "not run: interrupted", "{second:#}");
    assert!(
        log.contains("interrupted by SIGINT: every host finished or rolled back"),
        "{log}"
    );
    // The learner is gone, and so is every file (CA keys included) node1 got.
    let members = ctl().args(["member", "list"]).ok();
    assert_eq!(members.lines().count(), 1, "{members}");
    for n in &tb.nodes {
        assert!(
            files_under(&n.etc_kubernetes()).is_empty(),
            "{} kept {:?}",
            n.name,
            files_under(&n.etc_kubernetes())
        );
    }
}

/// Temp files of kforge's atomic writes left under a node's directories.
fn stray_temps(n: &TestNode) -> Vec<PathBuf> {
    let mut all = files_under(&n.etc_kubernetes());
    all.extend(files_under(&n.var_lib_kubelet()));
    all.into_iter()
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            name.contains(".kforge-") && name.ends_with(".tmp")
        })
        .collect()
}

#[test]
fn regression_a_half_joined_worker_is_repaired_not_reported_already_joined() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).args(["198.18.0.11", "198.18.0.12"]).ok()).unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "joined", "{h:#}");
    }
    // node1 as a killed run leaves it: only ca.crt and kubelet.conf, no
    // kubelet config or flags, no ledger, and temp files of the writes.
    let n = &tb.nodes[0];
    let kubelet_conf = std::fs::read(n.etc_kubernetes().join("kubelet.conf")).unwrap();
    std::fs::remove_file(n.var_lib_kubelet().join("config.yaml")).unwrap();
    std::fs::remove_file(n.var_lib_kubelet().join("kubeadm-flags.env")).unwrap();
    std::fs::remove_file(n.etc_kubernetes().join(".kforge-ledger.json")).unwrap();
    std::fs::write(
        n.var_lib_kubelet()
            .join(".config.yaml.kforge-00c0ffee00c0ffee.tmp"),
        "half",
    )
    .unwrap();
    std::fs::write(
        n.etc_kubernetes()
            .join(".kubelet.conf.kforge-0123456789abcdef.tmp"),
        "half",
    )
    .unwrap();
    assert_eq!(stray_temps(n).len(), 2);
    // A dry run says what the re-run would repair, and changes nothing.
    let plan = kforge()
        .args([
            "join",
            "--dry-run",
            "--ignore-preflight-errors",
            "CRI",
            "--root",
        ])
        .arg(&root)
        .args(tb.ssh_flags())
        .arg("198.18.0.11")
        .ok();
    assert!(
        plan.contains("198.18.0.11 is joined as node1; repaired: would write missing"),
        "{plan}"
    );
    assert_eq!(stray_temps(n).len(), 2);
    assert!(!n.var_lib_kubelet().join("config.yaml").exists());
    let stdout = kforge()
        .args([
            "join",
            "--ssh-timeout",
            "3s",
            "--ignore-preflight-errors",
            "CRI",
            "--root",
        ])
        .arg(&root)
        .args(tb.ssh_flags())
        .args(["198.18.0.11", "198.18.0.12"])
        .ok();
    let line = stdout
        .lines()
        .find(|l| l.starts_with("198.18.0.11"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line.contains("repaired"), "{stdout}");
    assert!(
        line.contains("config.yaml") && line.contains("kubeadm-flags.env"),
        "the line says what was fixed: {line}"
    );
    assert!(line.contains("stray temp"), "{line}");
    let line2 = stdout
        .lines()
        .find(|l| l.starts_with("198.18.0.12"))
        .unwrap_or_else(|| panic!("{stdout}"));
    assert!(line2.contains("already-joined"), "{stdout}");
    check_worker_files(&root, n);
    assert!(n.etc_kubernetes().join(".kforge-ledger.json").exists());
    assert!(stray_temps(n).is_empty(), "{:?}", stray_temps(n));
    // The valid kubelet.conf was kept, not reissued.
    assert_eq!(
        std::fs::read(n.etc_kubernetes().join("kubelet.conf")).unwrap(),
        kubelet_conf
    );
    // A repaired host is joined: the next run is a no-op.
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).args(["198.18.0.11", "198.18.0.12"]).ok()).unwrap();
    for h in out["hosts"].as_array().unwrap() {
        assert_eq!(h["outcome"], "already-joined", "{h:#}");
    }
    // Deleting one file by hand is found too.
    std::fs::remove_file(n.var_lib_kubelet().join("config.yaml")).unwrap();
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("198.18.0.11").ok()).unwrap();
    assert_eq!(out["hosts"][0]["outcome"], "repaired", "{out:#}");
    assert!(n.var_lib_kubelet().join("config.yaml").exists());
    // So are a wrong mode and a wrong owner of a file with the right content.
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let conf = n.etc_kubernetes().join("kubelet.conf");
    let flags = n.var_lib_kubelet().join("kubeadm-flags.env");
    std::fs::set_permissions(&conf, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::os::unix::fs::chown(&flags, Some(1000), Some(1000)).unwrap();
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("198.18.0.11").ok()).unwrap();
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "repaired", "{h:#}");
    let last = h["steps"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap();
    assert!(
        last.contains("kubelet.conf (mode 0644, not 0600)") && last.contains("owner 1000:1000"),
        "{last}"
    );
    assert_eq!(mode(&conf), 0o600);
    assert_eq!(std::fs::metadata(&flags).unwrap().uid(), 0);
    assert_eq!(
        std::fs::read(&conf).unwrap(),
        kubelet_conf,
        "the same kubelet.conf"
    );
}

#[test]
fn regression_label_and_taint_drift_is_applied_on_rerun_and_no_update_only_reports_it() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0")]);
    let inv = tb.dir.path().join("inventory.yaml");
    let write_inv = |labels: &str, effect: &str| {
        std::fs::write(
            &inv,
            format!(
                "apiVersion: kforge.io/v1alpha1\nkind: Inventory\ndefaults:\n  key: {}\nhosts:\n- address: 198.18.0.11\n  labels:\n    pool: {labels}\n  taints:\n  - key: dedicated\n    value: db\n    effect: {effect}\n",
                tb.key.display()
            ),
        )
        .unwrap();
    };
    let run = |extra: &[&str]| -> serde_json::Value {
        serde_json::from_str(
            &join(&tb, &root)
                .arg("--inventory")
                .arg(&inv)
                .args(extra)
                .ok(),
        )
        .unwrap()
    };
    let flags = tb.nodes[0].var_lib_kubelet().join("kubeadm-flags.env");
    write_inv("a", "NoSchedule");
    assert_eq!(run(&[])["hosts"][0]["outcome"], "joined");
    let before = std::fs::read_to_string(&flags).unwrap();
    assert!(before.contains("pool=a"), "{before}");
    // Changed label and taint, --no-update: reported, nothing written, exit 0.
    write_inv("b", "NoExecute");
    let out = run(&["--no-update"]);
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "drifted", "{h:#}");
    let last = h["steps"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap();
    assert!(
        last.contains("drift") && last.contains("kubeadm-flags.env"),
        "{last}"
    );
    assert_eq!(std::fs::read_to_string(&flags).unwrap(), before);
    // Without --no-update the drift is applied, with a line saying so.
    let out = run(&[]);
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "updated", "{h:#}");
    let last = h["steps"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .as_str()
        .unwrap();
    assert!(
        last.contains("updated") && last.contains("kubeadm-flags.env"),
        "{last}"
    );
    assert!(
        last.contains("kubelet"),
        "the kubelet restart is reported: {last}"
    );
    let after = std::fs::read_to_string(&flags).unwrap();
    assert!(
        after.contains("--node-labels=pool=b")
            && after.contains("--register-with-taints=dedicated=db:NoExecute"),
        "{after}"
    );
    // And then it is a no-op again.
    assert_eq!(run(&[])["hosts"][0]["outcome"], "already-joined");
}

#[test]
fn regression_node_names_are_unique_across_runs_and_a_joined_host_keeps_its_real_name() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("198.18.0.11").ok()).unwrap();
    assert_eq!(out["hosts"][0]["outcome"], "joined", "{out:#}");
    let record: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("etc/kubernetes/kforge-joined-nodes.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        record["nodes"]["node1"]["address"], "198.18.0.11",
        "{record:#}"
    );
    // Another machine claiming node1's name in a later run is refused.
    let (stdout, _) = join(&tb, &root).arg("node1=198.18.0.12").fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let e = out["hosts"][0]["error"].as_str().unwrap();
    assert!(
        e.contains("node1") && e.contains("198.18.0.11") && e.contains("already belongs"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(files_under(&tb.nodes[1].etc_kubernetes()).is_empty());
    // node1 given another name is reported under the name it joined as.
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("gpu2=198.18.0.11").ok()).unwrap();
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "already-joined", "{h:#}");
    assert_eq!(h["nodeName"], "node1", "{h:#}");
    let flags =
        std::fs::read_to_string(tb.nodes[0].var_lib_kubelet().join("kubeadm-flags.env")).unwrap();
    assert!(!flags.contains("gpu2"), "{flags}");
}

#[test]
fn regression_ssh_agent_is_used_without_a_key_and_a_passphrase_comes_from_a_file() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    // No key anywhere (an empty HOME) and an ssh-agent holding the key.
    let home = tb.dir.path().join("home");
    std::fs::create_dir_all(&home).unwrap();
    let sock = tb.dir.path().join("agent.sock");
    let mut agent = cmd("ssh-agent")
        .arg("-D")
        .arg("-a")
        .arg(&sock)
        .spawn(&tb.dir.path().join("agent.log"));
    assert!(wait_until(Duration::from_secs(10), || sock.exists()));
    cmd("ssh-add")
        .env("SSH_AUTH_SOCK", &sock)
        .arg(&tb.key)
        .output();
    let out: serde_json::Value = serde_json::from_str(
        &kforge()
            .env("HOME", &home)
            .env("SSH_AUTH_SOCK", &sock)
            .args([
                "join",
                "-o",
                "json",
                "--ssh-timeout",
                "3s",
                "--ignore-preflight-errors",
                "CRI",
                "--known-hosts",
            ])
            .arg(&tb.known_hosts)
            .arg("--root")
            .arg(&root)
            .arg("198.18.0.11")
            .ok(),
    )
    .unwrap();
    agent.kill();
    assert_eq!(out["hosts"][0]["outcome"], "joined", "{out:#}");
    // A passphrase-protected key with its passphrase in a file.
    let key = tb.dir.path().join("locked_key");
    std::fs::copy(&tb.key, &key).unwrap();
    std::fs::set_permissions(&key, std::os::unix::fs::PermissionsExt::from_mode(0o600)).unwrap();
    cmd("ssh-keygen")
        .args(["-q", "-p", "-P", "", "-N", "s3cret phrase", "-f"])
        .arg(&key)
        .ok();
    let pass = tb.dir.path().join("pass");
    std::fs::write(&pass, "s3cret phrase\n").unwrap();
    let out: serde_json::Value = serde_json::from_str(
        &kforge()
            .args([
                "join",
                "-o",
                "json",
                // Decrypting the key (bcrypt KDF in an unoptimized libssh2)
                // counts against the session timeout: 3s is too short on a
                // loaded machine.
                "--ssh-timeout",
                "30s",
                "--ignore-preflight-errors",
                "CRI",
                "--known-hosts",
            ])
            .arg(&tb.known_hosts)
            .arg("--root")
            .arg(&root)
            .arg("--ssh-key")
            .arg(&key)
            .arg("--ssh-key-passphrase-file")
            .arg(&pass)
            .arg("198.18.0.12")
            .ok(),
    )
    .unwrap();
    assert_eq!(out["hosts"][0]["outcome"], "joined", "{out:#}");
    assert!(!out.to_string().contains("s3cret"));
}

/// Removes everything a join put on a node (the test's own reset).
fn wipe(n: &TestNode) {
    for d in [n.etc_kubernetes(), n.var_lib_kubelet()] {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                std::fs::remove_dir_all(&p).unwrap();
            } else {
                std::fs::remove_file(&p).unwrap();
            }
        }
    }
}

/// A worker's files (relative to its /etc/kubernetes and /var/lib/kubelet).
fn kforge_files(n: &TestNode) -> (Vec<PathBuf>, Vec<PathBuf>) {
    (
        files_under(&n.etc_kubernetes()),
        files_under(&n.var_lib_kubelet()),
    )
}

/// The interruption points of a worker's join, in order: each step as it
/// starts, and the file-writing step after its first file.
const WORKER_POINTS: &[&str] = &[
    "connect",
    "node-name",
    "state",
    "preflight",
    "write-files",
    "write-files:mid",
    "restart-kubelet",
];

#[test]
fn regression_sigint_and_sigterm_at_each_step_leave_every_host_joined_or_untouched() {
    let (d, root) = control_plane("v1.35");
    let good = Some("v1.35.0");
    let tb = Testbed::up(&[good, good, good]);
    let hosts: Vec<String> = tb.nodes.iter().map(|n| n.addr.clone()).collect();
    // What a complete join leaves on a node.
    join(&tb, &root).args(&hosts).ok();
    let full: Vec<_> = tb.nodes.iter().map(kforge_files).collect();
    assert!(
        full[0].0.iter().any(|p| p.ends_with("kubelet.conf")),
        "{full:?}"
    );
    assert!(
        full[0].1.iter().any(|p| p.ends_with("config.yaml")),
        "{full:?}"
    );
    let state = |i: usize| -> &'static str {
        let n = &tb.nodes[i];
        assert!(
            stray_temps(n).is_empty(),
            "{}: {:?}",
            n.name,
            stray_temps(n)
        );
        let now = kforge_files(n);
        if now.0.is_empty() && now.1.is_empty() {
            "untouched"
        } else {
            assert_eq!(now, full[i], "{} is half-joined", n.name);
            "joined"
        }
    };
    for (signal, code) in [("INT", 130), ("TERM", 143)] {
        for (at, point) in WORKER_POINTS.iter().enumerate() {
            for n in &tb.nodes {
                wipe(n);
            }
            let marks = tempfile::tempdir().unwrap();
            let log = d.path().join(format!("join-{signal}-{at}.log"));
            let mut run = join(&tb, &root)
                .env("KFORGE_TEST_PAUSE", point)
                .env("KFORGE_TEST_PAUSE_MARK", marks.path())
                .args(&hosts)
                .spawn(&log);
            // Every host is in the middle of this step.
            let paused = wait_until(Duration::from_secs(60), || {
                std::fs::read_dir(marks.path()).unwrap().count() == hosts.len()
            });
            assert!(paused, "{point}: {}", run.log_text());
            cmd("kill")
                .args([&format!("-{signal}"), &run.child.id().to_string()])
                .ok();
            let status = run.child.wait().unwrap();
            let text = run.log_text();
            let what = format!("SIG{signal} in {point}:\n{text}");
            assert_eq!(status.code(), Some(code), "{what}");
            assert!(
                text.contains(&format!("interrupted by SIG{signal}")),
                "{what}"
            );
            // One line per host saying where it stands, which is the truth.
            for (i, h) in hosts.iter().enumerate() {
                let line = text
                    .lines()
                    .find(|l| l.starts_with(&format!("warning: {h}: ")))
                    .unwrap_or_else(|| panic!("no line for {h}: {what}"));
                let stands = state(i);
                // The step in flight finishes; the host is rolled back
                // unless that step was its last.
                let want = if *point == "restart-kubelet" {
                    "joined"
                } else {
                    "untouched"
                };
                assert_eq!(stands, want, "{h}: {line}\n{what}");
                let says = if want == "joined" {
                    "joined (finished before stopping)"
                } else {
                    "rolled back (interrupted before step"
                };
                assert!(line.contains(says), "{line}\n{what}");
            }
            // The re-run joins every host fully.
            let out: serde_json::Value =
                serde_json::from_str(&join(&tb, &root).args(&hosts).ok()).unwrap();
            for (i, h) in out["hosts"].as_array().unwrap().iter().enumerate() {
                let want = if *point == "restart-kubelet" {
                    "already-joined"
                } else {
                    "joined"
                };
                assert_eq!(h["outcome"], want, "{point}: {h:#}");
                assert_eq!(state(i), "joined");
            }
        }
    }
    check_worker_files(&root, &tb.nodes[0]);
}

/// etcdctl against the control plane's etcd at 198.18.0.1, with its client cert.
fn etcdctl(root: &Path) -> Cmd {
    let pki = root.join("etc/kubernetes/pki");
    cmd(etcd35("etcdctl"))
        .args([
            "--endpoints",
            "https://198.18.0.1:2379",
            "--dial-timeout",
            "3s",
            "--cacert",
        ])
        .arg(pki.join("etcd/ca.crt"))
        .arg("--cert")
        .arg(pki.join("apiserver-etcd-client.crt"))
        .arg("--key")
        .arg(pki.join("apiserver-etcd-client.key"))
}

/// The control plane's etcd (a real one, run from its static pod
/// manifest), healthy.
fn first_etcd(dir: &Path, root: &Path) -> Proc {
    let etcd = kforge_dev()
        .args(["run-static-pod", "etcd", "--root"])
        .arg(root)
        .arg("--binary")
        .arg(etcd35("etcd"))
        .spawn(&dir.join("etcd1.log"));
    assert!(wait_until(Duration::from_secs(20), || etcdctl(root)
        .args(["endpoint", "health"])
        .output()
        .0
        .status
        .success()));
    etcd
}

/// (peer URLs, is learner, started) of each etcd member.
fn etcd_members(root: &Path) -> Vec<(String, bool, bool)> {
    let v: serde_json::Value =
        serde_json::from_str(&etcdctl(root).args(["member", "list", "-w", "json"]).ok()).unwrap();
    v["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["peerURLs"][0].as_str().unwrap_or_default().to_string(),
                m.get("isLearner").is_some_and(|l| l == true),
                m.get("clientURLs")
                    .and_then(|c| c.as_array())
                    .is_some_and(|c| !c.is_empty()),
            )
        })
        .collect()
}

/// A control-plane join of `addr` killed with SIGKILL (no clean-up at all)
/// once its etcd learner is added and etcd.yaml written.
fn kill_control_plane_join(tb: &Testbed, root: &Path, i: usize, log: &Path) {
    let n = &tb.nodes[i];
    let mut run = join(tb, root)
        .args(["--control-plane", "--etcd-promote-timeout", "10m", &n.addr])
        .spawn(log);
    let etcd_yaml = n.etc_kubernetes().join("manifests/etcd.yaml");
    assert!(
        wait_until(Duration::from_secs(120), || etcd_yaml.exists()),
        "{}",
        run.log_text()
    );
    run.kill();
    let peer = format!("https://{}:2380", n.addr);
    assert!(
        etcd_members(root)
            .iter()
            .any(|(p, learner, started)| *p == peer && *learner && !started),
        "{:?}",
        etcd_members(root)
    );
    assert!(n.etc_kubernetes().join("pki/ca.key").exists());
}

/// The cluster has `n` members, every one a started voter.
fn assert_voters(root: &Path, n: usize) {
    let members = etcd_members(root);
    assert_eq!(members.len(), n, "{members:?}");
    assert!(
        members
            .iter()
            .all(|(_, learner, started)| !learner && *started),
        "{members:?}"
    );
}

/// The steps of a join of one host that must have succeeded with "joined".
fn joined_steps(n: &support::testbed::TestNode, res: &std::process::Output, text: &str) -> String {
    assert!(
        res.status.success(),
        "{text}\n--- stand-in ---\n{}",
        n.standin_log()
    );
    let out: serde_json::Value = serde_json::from_slice(&res.stdout).unwrap();
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "joined", "{h:#}");
    h["steps"].to_string()
}

const SHARED_SECRETS: &[&str] = &[
    "pki/ca.key",
    "pki/etcd/ca.key",
    "pki/front-proxy-ca.key",
    "pki/sa.key",
    "admin.conf",
    "super-admin.conf",
];

#[test]
fn regression_a_half_joined_control_plane_is_repaired_and_a_failed_one_keeps_no_shared_secret() {
    let _ports = fixed_port_lock();
    let (d, root) = control_plane("v1.33");
    let tb = Testbed::up(&[Some("v1.33.0"), Some("v1.33.0")]);
    let _etcd1 = first_etcd(d.path(), &root);
    // node1: a join killed after its learner was added; the learner never started.
    kill_control_plane_join(&tb, &root, 0, &d.path().join("kill1.log"));
    // The re-run, with a STAND-IN kubelet on node1 that runs the etcd.yaml
    // written from now on (real etcd inside the node), repairs it: the stale
    // learner is removed through the cluster and node1 joins again.
    let n1 = &tb.nodes[0];
    let marker = n1.var_lib_kubelet().join("standin-marker");
    std::fs::write(&marker, "").unwrap();
    // Files written from now on must be newer (-nt) than the marker: wait
    // until the file system's clock has moved past its time (a file
    // written now is newer), rather than sleeping on a guess.
    let marked = std::fs::metadata(&marker).unwrap().modified().unwrap();
    let probe = n1.var_lib_kubelet().join("standin-clock-probe");
    assert!(
        wait_until(Duration::from_secs(5), || {
            std::fs::write(&probe, "").unwrap();
            std::fs::metadata(&probe).unwrap().modified().unwrap() > marked
        }),
        "the file system's clock did not move past the marker's time"
    );
    std::fs::remove_file(&probe).unwrap();
    tb.standin_etcd(
        n1,
        "/etc/kubernetes/manifests/etcd.yaml -nt /var/lib/kubelet/standin-marker",
    );
    let (res, text) = join(&tb, &root)
        .args([
            "--control-plane",
            "--etcd-promote-timeout",
            "60s",
            "198.18.0.11",
        ])
        .output();
    let steps = joined_steps(n1, &res, &text);
    assert!(
        steps.contains("left by an interrupted join (never started); joining again"),
        "{steps}"
    );
    assert_voters(&root, 2);
    // node2: killed the same way; its re-run fails (no kubelet: its new
    // learner never catches up). The failed host keeps no learner and none
    // of the cluster's shared secrets, also those the killed run left.
    kill_control_plane_join(&tb, &root, 1, &d.path().join("kill2.log"));
    let n2 = &tb.nodes[1];
    for f in SHARED_SECRETS {
        assert!(n2.etc_kubernetes().join(f).exists(), "{f}");
    }
    let (stdout, _) = join(&tb, &root)
        .args([
            "--control-plane",
            "--etcd-promote-timeout",
            "3s",
            "198.18.0.12",
        ])
        .fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let h = &out["hosts"][0];
    assert_eq!(h["outcome"], "failed", "{h:#}");
    assert!(
        h["error"].as_str().unwrap().contains("did not catch up"),
        "{h:#}"
    );
    let steps = h["steps"].to_string();
    assert!(
        steps.contains("removed the cluster's shared secrets"),
        "{steps}"
    );
    let members = etcd_members(&root);
    assert_eq!(members.len(), 2, "{members:?}");
    assert!(
        !members.iter().any(|(p, _, _)| p.contains("198.18.0.12")),
        "{members:?}"
    );
    for f in SHARED_SECRETS {
        assert!(
            !n2.etc_kubernetes().join(f).exists(),
            "{f} is still on the failed host"
        );
    }
    // node1 is untouched by all this, and a re-run there is a no-op.
    let out: serde_json::Value = serde_json::from_str(
        &join(&tb, &root)
            .args(["--control-plane", "198.18.0.11"])
            .ok(),
    )
    .unwrap();
    assert_eq!(out["hosts"][0]["outcome"], "already-joined", "{out:#}");
    // node2 was rolled back cleanly: the journal does not bring it back.
    assert_eq!(out["hosts"].as_array().unwrap().len(), 1, "{out:#}");
    assert!(!root
        .join("etc/kubernetes/tmp/kforge-journal/join.json")
        .exists());
}

/// A control-plane join killed (SIGKILL: no rollback) while its learner was
/// running and catching up was refused on the re-run ("an etcd learner
/// that was never promoted; remove it and retry"). The re-run now finds
/// the learner running from the etcd.yaml the killed join wrote, promotes
/// it, and finishes the host; the next run is a no-op.
#[test]
fn regression_a_join_killed_while_its_learner_ran_promotes_that_learner_on_the_rerun() {
    let _ports = fixed_port_lock();
    let (d, root) = control_plane("v1.33");
    let tb = Testbed::up(&[Some("v1.33.0")]);
    let _etcd1 = first_etcd(d.path(), &root);
    let n1 = &tb.nodes[0];
    // A STAND-IN kubelet in the node runs etcd.yaml once a join writes it.
    tb.standin_etcd(n1, "-f /etc/kubernetes/manifests/etcd.yaml");
    let marks = tempfile::tempdir().unwrap();
    let mut run = join(&tb, &root)
        .env("KFORGE_TEST_PAUSE", "etcd-promote")
        .env("KFORGE_TEST_PAUSE_MARK", marks.path())
        .args(["--control-plane", "--etcd-promote-timeout", "10m", &n1.addr])
        .spawn(&d.path().join("killed.log"));
    let mark = marks.path().join(&n1.addr);
    assert!(
        wait_until(Duration::from_secs(120), || mark.exists()),
        "{}",
        run.log_text()
    );
    let peer = format!("https://{}:2380", n1.addr);
    let learner_running = || {
        etcd_members(&root)
            .iter()
            .any(|(p, learner, started)| *p == peer && *learner && *started)
    };
    assert!(
        wait_until(Duration::from_secs(60), learner_running),
        "{:?}\n{}",
        etcd_members(&root),
        run.log_text()
    );
    run.kill(); // SIGKILL: the learner stays, running.
    assert!(learner_running());
    let (res, text) = join(&tb, &root)
        .args(["--control-plane", "--etcd-promote-timeout", "60s", &n1.addr])
        .output();
    let steps = joined_steps(n1, &res, &text);
    assert!(
        steps.contains("left running by an interrupted join: promoting it"),
        "{steps}"
    );
    assert!(!steps.contains("added etcd learner"), "{steps}");
    assert_voters(&root, 2);
    let again: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).args(["--control-plane", &n1.addr]).ok()).unwrap();
    assert_eq!(again["hosts"][0]["outcome"], "already-joined", "{again:#}");
}

#[test]
fn regression_a_host_whose_connection_drops_mid_join_is_journaled_and_the_next_run_finishes_it() {
    let (d, root) = control_plane("v1.35");
    let good = Some("v1.35.0");
    let tb = Testbed::up(&[good, good]);
    let journal = root.join("etc/kubernetes/tmp/kforge-journal/join.json");
    // node1's connection is cut while it is writing its files.
    let marks = tempfile::tempdir().unwrap();
    let mut run = join(&tb, &root)
        .env("KFORGE_TEST_PAUSE", "write-files:mid@198.18.0.11")
        .env("KFORGE_TEST_PAUSE_MARK", marks.path())
        .arg("198.18.0.11")
        .spawn(&d.path().join("join.log"));
    let mark = marks.path().join("198.18.0.11");
    assert!(
        wait_until(Duration::from_secs(60), || mark.exists()),
        "{}",
        run.log_text()
    );
    let n1 = &tb.nodes[0];
    n1.drop_connections();
    std::fs::remove_file(&mark).unwrap();
    let status = run.child.wait().unwrap();
    let text = run.log_text();
    assert_eq!(status.code(), Some(1), "{text}");
    let json = text
        .lines()
        .find(|l| l.starts_with("{\"generated\"") && l.contains("\"hosts\""))
        .unwrap_or_else(|| panic!("no report: {text}"));
    let out: serde_json::Value = serde_json::from_str(json).unwrap();
    let h = by_host(&out, "198.18.0.11");
    assert_eq!(h["outcome"], "failed", "{h:#}");
    assert!(
        !h["rollbackErrors"].as_array().unwrap().is_empty(),
        "the lost host could not be rolled back: {h:#}"
    );
    // The controlling node's journal keeps the host.
    let j: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&journal).unwrap()).unwrap();
    assert_eq!(
        j["hosts"]["198.18.0.11"]["data"]["host"]["address"], "198.18.0.11",
        "{j:#}"
    );
    assert!(
        !files_under(&n1.etc_kubernetes()).is_empty(),
        "node1 was left half-joined"
    );
    // The next join, for another host, takes node1 up again and finishes it.
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("198.18.0.12").ok()).unwrap();
    for addr in ["198.18.0.11", "198.18.0.12"] {
        let h = by_host(&out, addr);
        assert_eq!(h["outcome"], "joined", "{h:#}");
    }
    let steps = by_host(&out, "198.18.0.11")["steps"].to_string();
    assert!(
        steps.contains("an earlier join could not finish or roll back this host"),
        "{steps}"
    );
    for n in &tb.nodes {
        check_worker_files(&root, n);
        assert!(stray_temps(n).is_empty(), "{:?}", stray_temps(n));
    }
    assert!(!journal.exists(), "every host is settled: no journal left");
    // And the run after that knows nothing of it any more.
    let out: serde_json::Value =
        serde_json::from_str(&join(&tb, &root).arg("198.18.0.12").ok()).unwrap();
    assert_eq!(out["hosts"].as_array().unwrap().len(), 1, "{out:#}");
}

/// `--ssh-sudo`: a non-root SSH user with passwordless sudo joins a worker
/// with the same files, modes and owners as a root login does (files go
/// through `sudo -n` commands instead of SFTP); a re-run is a no-op, and
/// `reset --ssh-sudo` undoes it. A user without a NOPASSWD rule is refused
/// right after connecting, in one line, before anything is written.
#[test]
fn ssh_sudo_joins_as_a_non_root_user_like_root_and_refuses_one_without_passwordless_sudo() {
    use std::os::unix::fs::MetadataExt;
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0"), Some("v1.35.0")]);
    let user = support::testbed::TEST_USER;
    let (by_sudo, by_root) = (&tb.nodes[0], &tb.nodes[1]);
    // No NOPASSWD rule: one clear line, nothing written.
    let (stdout, _) = join(&tb, &root)
        .args([
            "--ssh-sudo",
            "--ssh-user",
            support::testbed::TEST_USER_NO_SUDO,
        ])
        .arg(&by_sudo.addr)
        .fails_with(1);
    let out: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let e = out["hosts"][0]["error"].as_str().unwrap();
    assert!(
        e.contains("sudo -n true") && e.contains("passwordless"),
        "{e}"
    );
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(files_under(&by_sudo.etc_kubernetes()).is_empty());

    let join_by_sudo = || -> serde_json::Value {
        let out = join(&tb, &root)
            .args(["--ssh-sudo", "--ssh-user", user])
            .arg(&by_sudo.addr)
            .ok();
        serde_json::from_str(&out).unwrap()
    };
    let out = join_by_sudo();
    assert_eq!(out["hosts"][0]["outcome"], "joined", "{out:#}");
    join(&tb, &root).arg(&by_root.addr).ok();
    // The same files, modes and owners (root) as a root login writes.
    let listing = |n: &support::testbed::TestNode| {
        let mut v = Vec::new();
        for (base, dir) in [
            ("/etc/kubernetes", n.etc_kubernetes()),
            ("/var/lib/kubelet", n.var_lib_kubelet()),
        ] {
            for f in files_under(&dir) {
                let m = std::fs::metadata(dir.join(&f)).unwrap();
                v.push(format!(
                    "{base}/{} {:o} {}:{}",
                    f.display(),
                    m.mode() & 0o7777,
                    m.uid(),
                    m.gid()
                ));
            }
        }
        v
    };
    let (a, b) = (listing(by_sudo), listing(by_root));
    assert!(
        a.iter()
            .any(|l| l.starts_with("/etc/kubernetes/kubelet.conf 600 0:")),
        "{a:#?}"
    );
    assert_eq!(a, b);
    // The kubelet config's content is the same too (node names differ elsewhere).
    assert_eq!(
        std::fs::read(by_sudo.var_lib_kubelet().join("config.yaml")).unwrap(),
        std::fs::read(by_root.var_lib_kubelet().join("config.yaml")).unwrap()
    );
    let again = join_by_sudo();
    assert_eq!(again["hosts"][0]["outcome"], "already-joined", "{again:#}");
    // reset, with the host's `sudo: true` in an inventory instead of the
    // flag, removes what the join wrote.
    let inv = root.parent().unwrap().join("sudo-hosts.yaml");
    std::fs::write(
        &inv,
        format!(
            "apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- {{address: {}, user: {user}, sudo: true}}\n",
            by_sudo.addr
        ),
    )
    .unwrap();
    let reset: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["reset", "--yes", "-o", "json", "--root"])
            .arg(&root)
            .args(tb.ssh_flags())
            .arg("--inventory")
            .arg(&inv)
            .ok(),
    )
    .unwrap();
    assert_eq!(reset["hosts"][0]["outcome"], "reset", "{reset:#}");
    assert!(files_under(&by_sudo.etc_kubernetes()).is_empty());
}

#[test]
fn regression_a_non_root_ssh_user_fails_preflight_with_one_clear_line_before_any_write() {
    let (_d, root) = control_plane("v1.35");
    let tb = Testbed::up(&[Some("v1.35.0")]);
    let user = support::testbed::TEST_USER;
    let refused = |out: &serde_json::Value| {
        let h = &out["hosts"][0];
        assert_eq!(h["outcome"], "failed", "{h:#}");
        let e = h["error"].as_str().unwrap();
        assert!(
            e.contains("[ERROR IsPrivilegedUser]")
                && e.contains("uid 4242")
                && e.contains("--ssh-sudo"),
            "{e}"
        );
        assert_eq!(e.lines().count(), 1, "{e}");
    };
    let (stdout, _) = join(&tb, &root)
        .args(["--ssh-user", user, "198.18.0.11"])
        .fails_with(1);
    refused(&serde_json::from_str(&stdout).unwrap());
    let n = &tb.nodes[0];
    assert!(files_under(&n.etc_kubernetes()).is_empty());
    assert!(files_under(&n.var_lib_kubelet()).is_empty());
    // A host joined (as root) is not converged as the non-root user either.
    join(&tb, &root).arg("198.18.0.11").ok();
    std::fs::remove_file(n.var_lib_kubelet().join("config.yaml")).unwrap();
    let (stdout, _) = join(&tb, &root)
        .args(["--ssh-user", user, "198.18.0.11"])
        .fails_with(1);
    refused(&serde_json::from_str(&stdout).unwrap());
    assert!(!n.var_lib_kubelet().join("config.yaml").exists());
}
