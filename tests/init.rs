//! `kforge init` end to end: the real binary on a `--root` directory, its
//! output checked with real openssl and kubectl.

mod support;

use kforge::pki::CERTS;
use std::path::{Path, PathBuf};
use support::*;

fn pki(root: &Path) -> PathBuf {
    root.join("etc/kubernetes/pki")
}

fn init(root: &Path, version: &str) -> String {
    kforge().args(init_args(root, version)).ok()
}

#[test]
fn every_chain_verifies_with_openssl_and_keys_are_private() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.35");
    let openssl = tool("openssl");
    for c in CERTS {
        let crt = pki(root).join(format!("{}.crt", c.base));
        let key = pki(root).join(format!("{}.key", c.base));
        let ca = pki(root).join(format!("{}.crt", c.ca.unwrap_or(c.base)));
        let out = cmd(&openssl)
            .arg("verify")
            .arg("-CAfile")
            .arg(&ca)
            .arg(&crt)
            .ok();
        assert!(out.trim().ends_with(": OK"), "{}: {out}", c.name);
        assert_eq!(mode(&key), 0o600, "{}", key.display());
        assert_eq!(mode(&crt), 0o644, "{}", crt.display());
        // The key is the certificate's: same public key per openssl.
        let from_cert = cmd(&openssl)
            .args(["x509", "-noout", "-pubkey", "-in"])
            .arg(&crt)
            .ok();
        let from_key = cmd(&openssl)
            .args(["pkey", "-pubout", "-in"])
            .arg(&key)
            .ok();
        assert_eq!(
            from_cert, from_key,
            "{} key does not match its certificate",
            c.name
        );
    }
    assert_eq!(mode(&pki(root).join("sa.key")), 0o600);
    assert_eq!(mode(&pki(root).join("sa.pub")), 0o600);
}

#[test]
fn apiserver_certificate_has_kubeadms_sans_and_usages() {
    let dir = tempdir();
    let root = dir.path();
    kforge()
        .args(init_args(root, "v1.35"))
        .args([
            "--control-plane-endpoint",
            "lb.example.test:6443",
            "--apiserver-cert-extra-sans",
            "10.9.9.9,extra.example.test",
        ])
        .args([
            "--service-cidr",
            "10.100.0.0/16",
            "--service-dns-domain",
            "corp.local",
        ])
        .ok();
    let text = cmd(tool("openssl"))
        .args(["x509", "-noout", "-text", "-in"])
        .arg(pki(root).join("apiserver.crt"))
        .ok();
    for want in [
        "DNS:cp1",
        "DNS:kubernetes",
        "DNS:kubernetes.default",
        "DNS:kubernetes.default.svc",
        "DNS:kubernetes.default.svc.corp.local",
        "DNS:lb.example.test",
        "DNS:extra.example.test",
        "IP Address:10.100.0.1",
        "IP Address:127.0.0.1",
        "IP Address:10.9.9.9",
        "TLS Web Server Authentication",
        "Subject: CN = kube-apiserver",
        "Digital Signature, Key Encipherment",
    ] {
        assert!(text.contains(want), "apiserver.crt lacks {want}:\n{text}");
    }
    let validity = |f: &str| {
        let t = cmd(tool("openssl"))
            .args(["x509", "-noout", "-startdate", "-enddate", "-in"])
            .arg(pki(root).join(f))
            .ok();
        let get = |k: &str| {
            let s = t
                .lines()
                .find_map(|l| l.strip_prefix(k))
                .unwrap()
                .to_string();
            time::PrimitiveDateTime::parse(
                s.trim_end_matches(" GMT"),
                &time::macros::format_description!(
                    "[month repr:short] [day padding:space] [hour]:[minute]:[second] [year]"
                ),
            )
            .unwrap()
        };
        (get("notAfter=") - get("notBefore=")).whole_days()
    };
    // notBefore is back-dated 5 minutes, so the span is the validity plus 5 minutes.
    assert_eq!(validity("ca.crt"), 3650);
    assert_eq!(validity("apiserver.crt"), 365);
    let client = cmd(tool("openssl"))
        .args([
            "x509",
            "-noout",
            "-subject",
            "-ext",
            "extendedKeyUsage",
            "-in",
        ])
        .arg(pki(root).join("apiserver-kubelet-client.crt"))
        .ok();
    assert!(
        client.contains("O = kubeadm:cluster-admins, CN = kube-apiserver-kubelet-client"),
        "{client}"
    );
    assert!(client.contains("TLS Web Client Authentication"), "{client}");
}

#[test]
fn kubeconfigs_are_accepted_by_kubectl_with_kubeadms_identities() {
    let dir = tempdir();
    let root = dir.path();
    kforge()
        .args(init_args(root, "v1.35"))
        .args(["--control-plane-endpoint", "lb.example.test"])
        .ok();
    let kubectl = tool("kubectl");
    // (file, user CN, O, server)
    let want = [
        (
            "admin.conf",
            "kubernetes-admin",
            "kubeadm:cluster-admins",
            "https://lb.example.test:6443",
        ),
        (
            "super-admin.conf",
            "kubernetes-super-admin",
            "system:masters",
            "https://lb.example.test:6443",
        ),
        (
            "kubelet.conf",
            "system:node:cp1",
            "system:nodes",
            "https://127.0.0.1:6443",
        ),
        (
            "controller-manager.conf",
            "system:kube-controller-manager",
            "",
            "https://127.0.0.1:6443",
        ),
        (
            "scheduler.conf",
            "system:kube-scheduler",
            "",
            "https://127.0.0.1:6443",
        ),
    ];
    for (file, cn, org, server) in want {
        let path = root.join("etc/kubernetes").join(file);
        assert_eq!(mode(&path), 0o600);
        let json = cmd(&kubectl)
            .args(["config", "view", "--raw", "-o", "json", "--kubeconfig"])
            .arg(&path)
            .ok();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        assert_eq!(v["clusters"][0]["cluster"]["server"], server, "{file}");
        assert_eq!(v["clusters"][0]["name"], "kubernetes", "{file}");
        assert_eq!(v["current-context"], format!("{cn}@kubernetes"), "{file}");
        assert_eq!(v["users"][0]["name"], cn, "{file}");
        let cert_pem = String::from_utf8(base64_decode(
            v["users"][0]["user"]["client-certificate-data"]
                .as_str()
                .unwrap(),
        ))
        .unwrap();
        let cert = kforge::pki::CertInfo::from_pem(&cert_pem).unwrap();
        assert_eq!(cert.common_name, cn, "{file}");
        let orgs: Vec<&str> = if org.is_empty() { vec![] } else { vec![org] };
        assert_eq!(cert.organizations, orgs, "{file}");
        let ca = kforge::pki::CertInfo::from_pem(
            &std::fs::read_to_string(pki(root).join("ca.crt")).unwrap(),
        )
        .unwrap();
        cert.verify_signed_by(&ca).unwrap();
    }
}

fn base64_decode(s: &str) -> Vec<u8> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.decode(s).unwrap()
}

#[test]
fn rerun_is_idempotent_and_reuses_every_file() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.33");
    let before: Vec<(PathBuf, Vec<u8>)> = files_under(root)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(root.join(&p)).unwrap()))
        .collect();
    let json = kforge()
        .args(init_args(root, "v1.33"))
        .args(["-o", "json"])
        .ok();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    for f in report["files"].as_array().unwrap() {
        let outcome = f["outcome"].as_str().unwrap();
        assert!(
            ["reused", "unchanged"].contains(&outcome),
            "re-run changed {f}"
        );
    }
    let after: Vec<(PathBuf, Vec<u8>)> = files_under(root)
        .into_iter()
        .map(|p| (p.clone(), std::fs::read(root.join(&p)).unwrap()))
        .collect();
    assert_eq!(before, after, "a re-run must not change any file");
}

#[test]
fn a_certificate_that_does_not_match_the_config_is_refused_and_kept() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.35");
    let crt = pki(root).join("apiserver.crt");
    let before = std::fs::read(&crt).unwrap();
    let (_, err) = kforge()
        .args(init_args(root, "v1.35"))
        .args(["--apiserver-cert-extra-sans", "new.example.test"])
        .fails_with(1);
    assert!(err.contains(&crt.display().to_string()), "{err}");
    assert!(
        err.contains("missing subject alternative names: new.example.test"),
        "{err}"
    );
    assert_eq!(std::fs::read(&crt).unwrap(), before);
}

#[test]
fn a_leaf_not_signed_by_the_ca_is_refused() {
    let dir = tempdir();
    let other = tempdir();
    init(dir.path(), "v1.35");
    init(other.path(), "v1.35");
    for ext in ["crt", "key"] {
        std::fs::copy(
            pki(other.path()).join(format!("front-proxy-client.{ext}")),
            pki(dir.path()).join(format!("front-proxy-client.{ext}")),
        )
        .unwrap();
    }
    let (_, err) = kforge().args(init_args(dir.path(), "v1.35")).fails_with(1);
    assert!(
        err.contains("front-proxy-client.crt") && err.contains("not signed by CA"),
        "{err}"
    );
}

#[test]
fn external_ca_mode_verifies_and_never_signs() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.35");
    std::fs::remove_file(pki(root).join("ca.key")).unwrap();
    let json = kforge()
        .args(init_args(root, "v1.35"))
        .args(["-o", "json"])
        .ok();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ca = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"].as_str().unwrap().ends_with("pki/ca.crt"))
        .unwrap();
    assert_eq!(ca["outcome"], "external");
    let manifest =
        std::fs::read_to_string(root.join("etc/kubernetes/manifests/kube-controller-manager.yaml"))
            .unwrap();
    assert!(
        manifest.contains("- --cluster-signing-key-file=\n"),
        "external CA blanks the signing flags:\n{manifest}"
    );
    std::fs::remove_file(pki(root).join("apiserver.crt")).unwrap();
    std::fs::remove_file(pki(root).join("apiserver.key")).unwrap();
    let (_, err) = kforge().args(init_args(root, "v1.35")).fails_with(1);
    assert!(err.contains("external CA mode"), "{err}");
}

#[test]
fn dry_run_writes_nothing_and_lists_the_plan() {
    let dir = tempdir();
    let root = dir.path().join("node");
    let args: Vec<String> = init_args(&root, "v1.35")
        .into_iter()
        .filter(|a| a != "-q")
        .collect();
    let out = kforge().args(args).arg("--dry-run").ok();
    assert!(!root.exists(), "dry run created {}", root.display());
    for f in [
        "pki/ca.key",
        "admin.conf",
        "manifests/etcd.yaml",
        "manifests/kube-apiserver.yaml",
    ] {
        assert!(out.contains(f), "plan does not list {f}:\n{out}");
    }
    assert!(out.contains("would be created"), "{out}");
}

#[test]
fn ecdsa_keys_are_sec1_and_verify() {
    let dir = tempdir();
    let root = dir.path();
    kforge()
        .args(init_args(root, "v1.35"))
        .args(["--encryption-algorithm", "ECDSA-P256"])
        .ok();
    let key = std::fs::read_to_string(pki(root).join("apiserver.key")).unwrap();
    assert!(key.starts_with("-----BEGIN EC PRIVATE KEY-----"), "{key}");
    let out = cmd(tool("openssl"))
        .arg("verify")
        .arg("-CAfile")
        .arg(pki(root).join("ca.crt"))
        .arg(pki(root).join("apiserver.crt"))
        .ok();
    assert!(out.contains("OK"));
    let rsa = tempdir();
    init(rsa.path(), "v1.35");
    let key = std::fs::read_to_string(pki(rsa.path()).join("apiserver.key")).unwrap();
    assert!(key.starts_with("-----BEGIN RSA PRIVATE KEY-----"), "{key}");
}

#[test]
fn join_hash_matches_openssl() {
    let dir = tempdir();
    let root = dir.path();
    let json = kforge()
        .args(init_args(root, "v1.35"))
        .args(["-o", "json", "--token", "abcdef.0123456789abcdef"])
        .ok();
    let report: serde_json::Value = serde_json::from_str(&json).unwrap();
    let ca = pki(root).join("ca.crt");
    let script = format!(
        "openssl x509 -pubkey -noout -in {} | openssl pkey -pubin -outform der | sha256sum",
        ca.display()
    );
    let digest = cmd("sh").args(["-c", &script]).ok();
    let want = format!("sha256:{}", digest.split_whitespace().next().unwrap());
    assert_eq!(report["join"]["caCertHash"], want);
    assert_eq!(report["join"]["token"], "abcdef.0123456789abcdef");
    // No API server under this root: no bootstrap objects, so no kubeadm
    // line (tests/cluster_api.rs checks the line against a running one).
    assert!(report["join"]["kubeadmWorkerCommand"].is_null(), "{report}");
}

#[test]
fn phases_run_alone_in_order_and_check_their_inputs() {
    let dir = tempdir();
    let root = dir.path();
    let base = [
        "--root",
        root.to_str().unwrap(),
        "--apiserver-advertise-address",
        "127.0.0.1",
        "--node-name",
        "cp1",
    ];
    // A leaf before its CA: a clear error naming what to run first.
    let (_, err) = kforge()
        .args(["init", "phase", "certs", "apiserver"])
        .args(base)
        .fails_with(1);
    assert!(err.contains("kforge init phase certs ca"), "{err}");
    kforge()
        .args(["init", "phase", "certs", "ca"])
        .args(base)
        .ok();
    kforge()
        .args(["init", "phase", "certs", "apiserver"])
        .args(base)
        .ok();
    let files = files_under(root);
    assert!(files.contains(&PathBuf::from("etc/kubernetes/pki/apiserver.crt")));
    assert!(
        !files.contains(&PathBuf::from("etc/kubernetes/pki/front-proxy-ca.crt")),
        "{files:?}"
    );
    let (_, err) = kforge()
        .args(["init", "phase", "certs", "nosuch"])
        .args(base)
        .fails_with(2);
    assert!(err.contains("unknown sub-phase"), "{err}");
    kforge()
        .args(["init", "phase", "nosuch"])
        .args(base)
        .fails_with(2);
    // --skip-phases leaves the skipped phase's files out.
    let other = tempdir();
    kforge()
        .args(init_args(other.path(), "v1.35"))
        .args(["--skip-phases", "control-plane"])
        .ok();
    assert!(!other
        .path()
        .join("etc/kubernetes/manifests/kube-apiserver.yaml")
        .exists());
    assert!(other
        .path()
        .join("etc/kubernetes/manifests/etcd.yaml")
        .exists());
}

#[test]
fn foreign_manifest_fails_preflight_and_is_kept_unless_ignored() {
    let dir = tempdir();
    let root = dir.path();
    let m = root.join("etc/kubernetes/manifests/kube-scheduler.yaml");
    std::fs::create_dir_all(m.parent().unwrap()).unwrap();
    std::fs::write(&m, "operator's own\n").unwrap();
    let (_, err) = kforge().args(init_args(root, "v1.35")).fails_with(1);
    assert!(
        err.contains("FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml"),
        "{err}"
    );
    assert!(err.contains("--ignore-preflight-errors"), "{err}");
    assert_eq!(std::fs::read_to_string(&m).unwrap(), "operator's own\n");
    assert!(
        !pki(root).join("ca.key").exists(),
        "nothing may be written after a failed preflight"
    );
    kforge()
        .args(init_args(root, "v1.35"))
        .args([
            "--ignore-preflight-errors",
            "FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml",
        ])
        .ok();
    assert!(std::fs::read_to_string(&m)
        .unwrap()
        .contains("kube-scheduler"));
}

#[test]
fn swap_under_the_root_is_a_warning() {
    let dir = tempdir();
    let root = dir.path();
    std::fs::create_dir_all(root.join("proc")).unwrap();
    std::fs::write(
        root.join("proc/swaps"),
        "Filename Type Size Used Priority\n/swapfile file 1024 0 -2\n",
    )
    .unwrap();
    let (out, _) = kforge()
        .args(init_args(root, "v1.35"))
        .args(["-o", "json"])
        .output();
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let swap = report["preflight"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "Swap")
        .unwrap();
    assert_eq!(swap["passed"], false);
    assert_eq!(swap["level"], "warning");
}

#[test]
fn bad_config_files_are_usage_errors_naming_file_line_and_field() {
    let dir = tempdir();
    let cases = [
        ("unknown field", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  podSubnett: 10.244.0.0/16\n", ":4:", "podSubnett"),
        ("bad cidr", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking:\n  serviceSubnet: 10.96.0.0/33\n", ":4:", "invalid CIDR"),
        ("bad ip", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nlocalAPIEndpoint:\n  advertiseAddress: 10.0.0.300\n", ":4:", "advertiseAddress"),
        ("bad version", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.x\n", ":3:", "invalid Kubernetes version"),
        ("unsupported version", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nkubernetesVersion: v1.29.0\n", "", "not supported"),
        ("yaml syntax", "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\nnetworking: [\n", ":4:", "did not find expected node content"),
        ("wrong apiVersion", "apiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterConfiguration\n", ":1:", "not supported"),
    ];
    for (name, text, line, field) in cases {
        let f = dir.path().join(format!("{}.yaml", name.replace(' ', "-")));
        std::fs::write(&f, text).unwrap();
        let (_, err) = kforge()
            .args(["init", "--root"])
            .arg(dir.path().join("root"))
            .args([
                "--apiserver-advertise-address",
                "127.0.0.1",
                "--node-name",
                "cp1",
            ])
            .arg("--config")
            .arg(&f)
            .fails_with(2);
        let shown = f.display().to_string();
        assert!(
            err.contains(&format!("{shown}{line}")) || line.is_empty(),
            "{name}: no file:line in\n{err}"
        );
        assert!(err.contains(field), "{name}: field not named in\n{err}");
        assert!(
            !dir.path().join("root").exists(),
            "{name}: wrote files despite a bad config"
        );
    }
}

#[test]
fn init_defaults_are_accepted_back() {
    let dir = tempdir();
    let f = dir.path().join("defaults.yaml");
    std::fs::write(&f, kforge().args(["config", "print", "init-defaults"]).ok()).unwrap();
    let root = dir.path().join("root");
    kforge()
        .args(init_args(&root, "v1.35"))
        .arg("--config")
        .arg(&f)
        .ok();
    assert!(root
        .join("etc/kubernetes/manifests/kube-apiserver.yaml")
        .exists());
}

#[test]
fn config_file_values_reach_the_generated_files() {
    let dir = tempdir();
    let f = dir.path().join("kubeadm.yaml");
    std::fs::write(
        &f,
        r#"apiVersion: kubeadm.k8s.io/v1beta3
kind: InitConfiguration
nodeRegistration:
  name: fromfile
  kubeletExtraArgs:
    node-ip: 127.0.0.1
localAPIEndpoint:
  advertiseAddress: 127.0.0.1
  bindPort: 7443
---
apiVersion: kubeadm.k8s.io/v1beta3
kind: ClusterConfiguration
kubernetesVersion: v1.32.4
clusterName: prod
networking:
  podSubnet: 10.244.0.0/16
apiServer:
  extraArgs:
    audit-log-maxage: "7"
    authorization-mode: Node,RBAC,Webhook
etcd:
  local:
    dataDir: /data/etcd
---
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
maxPods: 50
"#,
    )
    .unwrap();
    let root = dir.path().join("root");
    kforge()
        .args(["init", "--root"])
        .arg(&root)
        .arg("--config")
        .arg(&f)
        .arg("-q")
        .ok();
    let api =
        std::fs::read_to_string(root.join("etc/kubernetes/manifests/kube-apiserver.yaml")).unwrap();
    for want in [
        "--audit-log-maxage=7",
        "--authorization-mode=Node,RBAC,Webhook",
        "--secure-port=7443",
        "kube-apiserver:v1.32.4",
    ] {
        assert!(api.contains(want), "{want} missing:\n{api}");
    }
    assert!(
        !api.contains("--authorization-mode=Node,RBAC\n"),
        "extraArgs must replace the default"
    );
    let etcd = std::fs::read_to_string(root.join("etc/kubernetes/manifests/etcd.yaml")).unwrap();
    assert!(
        etcd.contains("--data-dir=/data/etcd") && etcd.contains("--name=fromfile"),
        "{etcd}"
    );
    let kcm =
        std::fs::read_to_string(root.join("etc/kubernetes/manifests/kube-controller-manager.yaml"))
            .unwrap();
    assert!(
        kcm.contains("--cluster-cidr=10.244.0.0/16") && kcm.contains("--cluster-name=prod"),
        "{kcm}"
    );
    let kubelet = std::fs::read_to_string(root.join("var/lib/kubelet/config.yaml")).unwrap();
    assert!(kubelet.contains("maxPods: 50"), "{kubelet}");
    let flags = std::fs::read_to_string(root.join("var/lib/kubelet/kubeadm-flags.env")).unwrap();
    assert!(flags.contains("--node-ip=127.0.0.1"), "{flags}");
    let admin = std::fs::read_to_string(root.join("etc/kubernetes/admin.conf")).unwrap();
    assert!(
        admin.contains("server: https://127.0.0.1:7443") && admin.contains("kubernetes-admin@prod"),
        "{admin}"
    );
}

#[test]
fn usage_errors_exit_2() {
    let dir = tempdir();
    kforge()
        .args(["init", "--root"])
        .arg(dir.path())
        .args(["--kubernetes-version", "v1.30.0"])
        .fails_with(2);
    kforge()
        .args(["init", "--root"])
        .arg(dir.path())
        .args([
            "--pod-network-cidr",
            "10.96.0.0/16",
            "--apiserver-advertise-address",
            "127.0.0.1",
        ])
        .fails_with(2);
    kforge().args(["init", "--nosuchflag"]).fails_with(2);
    kforge()
        .args(["init", "--root"])
        .arg(dir.path())
        .args([
            "--node-name",
            "Bad_Name",
            "--apiserver-advertise-address",
            "127.0.0.1",
        ])
        .fails_with(2);
}

/// Issue 10 item 2: after `snapshot restore --apply` repointed etcd.yaml at
/// the restored data directory, re-running init (with the ignore flag its own
/// hint suggests) rewrote etcd.yaml with `--data-dir=/var/lib/etcd`.
#[test]
fn regression_init_after_restore_apply_keeps_the_restored_data_dir() {
    use kforge::node::Node;
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.33");
    let manifest = root.join("etc/kubernetes/manifests/etcd.yaml");
    // What restore --apply does: point the manifest's --data-dir, mount and
    // hostPath at the restored directory and record it as kforge's.
    let restored = "/var/lib/etcd-restore-20261201T000000Z";
    let text = std::fs::read_to_string(&manifest).unwrap();
    assert_eq!(text.matches("/var/lib/etcd\n").count(), 3, "{text}");
    let edited = text
        .replace(
            "--data-dir=/var/lib/etcd\n",
            &format!("--data-dir={restored}\n"),
        )
        .replace("/var/lib/etcd\n", &format!("{restored}\n"));
    let node = kforge::node::LocalNode::new(Some(root.to_path_buf()));
    std::fs::remove_file(&manifest).unwrap();
    let inst = kforge::install::Installer::new(&node, false).unwrap();
    inst.install_allowing(
        std::path::Path::new(kforge::paths::ETCD_MANIFEST),
        edited.as_bytes(),
        0o600,
        true,
    )
    .unwrap();
    inst.save_ledger().unwrap();
    node.write_atomic(
        &std::path::Path::new(restored).join("member/snap/db"),
        b"restored",
        0o600,
    )
    .unwrap();
    node.write_atomic(
        std::path::Path::new("/var/lib/etcd/member/snap/db"),
        b"old",
        0o600,
    )
    .unwrap();

    // The check for the directory etcd really uses is the one that fails.
    let (_, err) = kforge()
        .args(init_args(root, "v1.33"))
        .args(["--ignore-preflight-errors", "DirAvailable--var-lib-etcd"])
        .fails_with(1);
    assert!(err.contains("keeping etcd's data directory"), "{err}");
    assert!(
        err.contains("DirAvailable--var-lib-etcd-restore-20261201T000000Z"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&manifest).unwrap(), edited);

    let (out, d) = kforge()
        .args(init_args(root, "v1.33"))
        .args([
            "--ignore-preflight-errors",
            "DirAvailable--var-lib-etcd,DirAvailable--var-lib-etcd-restore-20261201T000000Z",
        ])
        .output();
    assert!(out.status.success(), "{d}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("keeping etcd's data directory"), "{err}");
    let now = std::fs::read_to_string(&manifest).unwrap();
    assert!(now.contains(&format!("--data-dir={restored}\n")), "{now}");
    assert!(!now.contains("--data-dir=/var/lib/etcd\n"), "{now}");

    // An explicit, different dataDir is refused, not silently switched.
    let cfg = root.join("kubeadm.yaml");
    std::fs::write(
        &cfg,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    dataDir: /data/etcd\n",
    )
    .unwrap();
    let (_, err) = kforge()
        .args(init_args(root, "v1.33"))
        .args(["--config", cfg.to_str().unwrap()])
        .fails_with(1);
    assert!(
        err.contains("will not switch etcd to another data directory"),
        "{err}"
    );
    assert!(std::fs::read_to_string(&manifest)
        .unwrap()
        .contains(restored));
}

/// Issue 10 item 3: `certs renew` recorded a hand-edited manifest's digest
/// in the ledger as if kforge wrote it, so the next init replaced it and
/// dropped the operator's edit.
#[test]
fn regression_certs_renew_does_not_adopt_a_hand_edited_manifest() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.33");
    let m = root.join("etc/kubernetes/manifests/kube-apiserver.yaml");
    let text = std::fs::read_to_string(&m).unwrap();
    let edited = text.replace(
        "    - --allow-privileged=true\n",
        "    - --allow-privileged=true\n    - --audit-log-path=/var/log/audit.log\n",
    );
    assert_ne!(edited, text);
    std::fs::write(&m, &edited).unwrap();
    let refused = |root: &Path| {
        let (_, err) = kforge().args(init_args(root, "v1.33")).fails_with(1);
        assert!(
            err.contains("FileAvailable--etc-kubernetes-manifests-kube-apiserver.yaml"),
            "{err}"
        );
    };
    refused(root);

    kforge()
        .args(["certs", "renew", "apiserver", "--root"])
        .arg(root)
        .ok();
    let after = std::fs::read_to_string(&m).unwrap();
    assert!(
        after.contains("--audit-log-path=/var/log/audit.log"),
        "{after}"
    );
    assert!(after.contains("kforge.io/restarted-at"), "{after}");
    // Still the operator's file: init refuses again and keeps the edit.
    refused(root);
    assert_eq!(std::fs::read_to_string(&m).unwrap(), after);
}

/// Issue 10 item 4: an IPv6 service CIDR put the network address (`fd00::`)
/// in the apiserver certificate instead of the `kubernetes` Service IP.
/// kubeadm takes network + 1 of the first (primary) CIDR only.
#[test]
fn regression_ipv6_and_dual_stack_service_cidr_san_is_the_first_service_ip() {
    for (cidr, want, not) in [
        (
            "fd00::/108",
            "IP Address:FD00:0:0:0:0:0:0:1",
            vec!["IP Address:FD00:0:0:0:0:0:0:0\n"],
        ),
        (
            "10.96.0.0/12,fd00:10::/112",
            "IP Address:10.96.0.1",
            vec!["IP Address:FD00:10:", "IP Address:10.96.0.0\n"],
        ),
        (
            "fd00:10::/112,10.96.0.0/12",
            "IP Address:FD00:10:0:0:0:0:0:1",
            vec!["IP Address:10.96.0.1", "IP Address:FD00:10:0:0:0:0:0:0"],
        ),
    ] {
        let dir = tempdir();
        let root = dir.path();
        kforge()
            .args(init_args(root, "v1.35"))
            .args(["--service-cidr", cidr])
            .ok();
        let text = cmd(tool("openssl"))
            .args(["x509", "-noout", "-ext", "subjectAltName", "-in"])
            .arg(pki(root).join("apiserver.crt"))
            .ok();
        let text = format!("{}\n", text.replace(", ", "\n"));
        assert!(
            text.contains(&format!("{want}\n")),
            "{cidr}: lacks {want}:\n{text}"
        );
        for n in not {
            assert!(!text.contains(n), "{cidr}: has {n}:\n{text}");
        }
    }
}

/// Issue 10 item 5: a deleted pki/apiserver.crt was invisible to
/// check-expiration, health and renew.
#[test]
fn regression_missing_apiserver_crt_is_reported_by_check_expiration_health_and_renew() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.33");
    std::fs::remove_file(pki(root).join("apiserver.crt")).unwrap();
    let table = kforge()
        .args(["certs", "check-expiration", "--root"])
        .arg(root)
        .ok();
    assert!(
        table.lines().any(|l| l.trim_end() == "!MISSING! apiserver"),
        "{table}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["certs", "check-expiration", "-o", "json", "--root"])
            .arg(root)
            .ok(),
    )
    .unwrap();
    let row = json["certificates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "apiserver")
        .unwrap()
        .clone();
    assert_eq!(row["missing"], true, "{json:#}");
    assert_eq!(row["expirationDate"], serde_json::Value::Null);

    let (out, d) = kforge()
        .args(["health", "--only", "certs", "-o", "json", "--root"])
        .arg(root)
        .output();
    assert_eq!(out.status.code(), Some(3), "{d}");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report.to_string().contains("apiserver.crt is missing"),
        "{report:#}"
    );

    let (stdout, err) = kforge()
        .args(["certs", "renew", "all", "--no-restart", "--root"])
        .arg(root)
        .fails_with(1);
    assert!(stdout.contains("!MISSING! apiserver"), "{stdout}");
    assert!(
        stdout.contains("renewed apiserver-kubelet-client"),
        "{stdout}"
    );
    assert!(err.contains("kforge init phase certs apiserver"), "{err}");
    assert!(!pki(root).join("apiserver.crt").exists());
}

/// Issue 10 item 6 (certs): a typo in --root made `certs renew all` say
/// "nothing renewed", exit 0 and create a ledger under the typo.
#[test]
fn regression_certs_on_a_typo_root_fail_and_create_nothing() {
    let dir = tempdir();
    let typo = dir.path().join("srv/typo");
    for args in [
        vec!["certs", "renew", "all", "--if-expiring-within", "30d"],
        vec!["certs", "check-expiration"],
    ] {
        // A --root that does not exist is a path error: exit 2, naming it.
        let (_, err) = kforge().args(&args).arg("--root").arg(&typo).fails_with(2);
        assert!(
            err.contains(&format!("--root {}: no such directory", typo.display())),
            "{args:?}: {err}"
        );
        assert!(!typo.exists(), "{args:?} created {}", typo.display());
    }
}

/// Issue 10 item 14: `certs check-expiration -o json` had its own shape and
/// dates like "Nov 28, 2036 20:15 UTC"; kubeadm's is CertificateExpirationInfo
/// with RFC 3339 dates.
#[test]
fn regression_check_expiration_json_is_kubeadms_certificate_expiration_info() {
    let dir = tempdir();
    let root = dir.path();
    init(root, "v1.33");
    let json: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["certs", "check-expiration", "-o", "json", "--root"])
            .arg(root)
            .ok(),
    )
    .unwrap();
    assert_eq!(json["kind"], "CertificateExpirationInfo");
    assert_eq!(json["apiVersion"], "output.kubeadm.k8s.io/v1alpha3");
    let names = |list: &str| -> Vec<String> {
        json[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names("certificateAuthorities"),
        ["ca", "etcd-ca", "front-proxy-ca"]
    );
    assert!(names("certificates").contains(&"admin.conf".to_string()));
    for c in json["certificates"].as_array().unwrap() {
        let date = c["expirationDate"].as_str().unwrap();
        time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|e| panic!("{date}: {e}"));
        assert!(date.ends_with('Z'), "{date}");
        assert!(c["residualTime"].as_i64().unwrap() > 300 * 86_400, "{c}");
        assert_eq!(c["externallyManaged"], false);
        assert_eq!(c["missing"], false);
        assert!(c["caName"].is_string(), "{c}");
    }
    let yaml = kforge()
        .args(["certs", "check-expiration", "-o", "yaml", "--root"])
        .arg(root)
        .ok();
    assert!(
        yaml.starts_with("kind: CertificateExpirationInfo\n"),
        "{yaml}"
    );
}

/// Issue 10 item 10: init over a directory with several conflicting files
/// reported them one run at a time, with internal type names ("expected
/// struct Parsed"), after writing certificates and the ledger.
#[test]
fn regression_init_reports_every_conflicting_file_in_one_preflight_and_writes_nothing() {
    let dir = tempdir();
    let root = dir.path();
    let k8s = root.join("etc/kubernetes");
    let conflicts = [
        ("etc/kubernetes/admin.conf", "junk\n"),
        (
            "etc/kubernetes/manifests/kube-scheduler.yaml",
            "operator's own\n",
        ),
        (
            "etc/kubernetes/pki/front-proxy-ca.crt",
            "not a certificate\n",
        ),
        ("var/lib/kubelet/config.yaml", "mine: true\n"),
    ];
    for (f, text) in conflicts {
        let p = root.join(f);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    }
    let before = files_under(root);
    let (_, err) = kforge().args(init_args(root, "v1.33")).fails_with(1);
    for (f, _) in conflicts {
        let check = format!("FileAvailable--{}", f.replace('/', "-"));
        assert!(err.contains(&check), "{check} not reported:\n{err}");
    }
    assert!(!err.contains("struct"), "{err}");
    assert!(err.contains("--force"), "{err}");
    assert_eq!(files_under(root), before, "a failed preflight wrote files");
    assert!(!k8s.join(".kforge-ledger.json").exists());
}

/// Issue 10 item 12: `--force` did not replace a foreign admin.conf or a
/// hand-written kube-scheduler.yaml, and `--ignore-preflight-errors` alone
/// replaced a manifest without a backup.
#[test]
fn regression_force_replaces_foreign_files_and_keeps_backups() {
    let dir = tempdir();
    let root = dir.path();
    let sched = root.join("etc/kubernetes/manifests/kube-scheduler.yaml");
    let admin = root.join("etc/kubernetes/admin.conf");
    std::fs::create_dir_all(sched.parent().unwrap()).unwrap();
    std::fs::write(&sched, "operator's own\n").unwrap();
    // The ignored check alone replaces the manifest, keeping a backup.
    kforge()
        .args(init_args(root, "v1.33"))
        .args([
            "--ignore-preflight-errors",
            "FileAvailable--etc-kubernetes-manifests-kube-scheduler.yaml",
        ])
        .ok();
    let backups = |name: &str| -> Vec<String> {
        let tmp = root.join("etc/kubernetes/tmp");
        files_under(&tmp)
            .into_iter()
            .filter(|p| p.ends_with(name))
            .map(|p| std::fs::read_to_string(tmp.join(p)).unwrap())
            .collect()
    };
    assert!(std::fs::read_to_string(&sched)
        .unwrap()
        .contains("kube-scheduler"));
    assert_eq!(backups("kube-scheduler.yaml"), ["operator's own\n"]);

    // A foreign admin.conf (another cluster's) and a hand-edited manifest:
    // refused without --force, replaced with backups with it.
    let dir2 = tempdir();
    let other = dir2.path();
    init(other, "v1.33");
    let foreign = std::fs::read_to_string(other.join("etc/kubernetes/admin.conf")).unwrap();
    std::fs::write(&admin, &foreign).unwrap();
    std::fs::write(&sched, "edited by hand\n").unwrap();
    let (_, err) = kforge().args(init_args(root, "v1.33")).fails_with(1);
    assert!(
        err.contains("FileAvailable--etc-kubernetes-admin.conf"),
        "{err}"
    );
    let out = kforge()
        .args(init_args(root, "v1.33"))
        .arg("--force")
        .arg("-o")
        .arg("json")
        .ok();
    assert_ne!(std::fs::read_to_string(&admin).unwrap(), foreign);
    assert!(std::fs::read_to_string(&sched)
        .unwrap()
        .contains("kube-scheduler"));
    assert_eq!(backups("admin.conf"), [foreign]);
    assert!(backups("kube-scheduler.yaml").contains(&"edited by hand\n".to_string()));
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(report["files"].as_array().unwrap().iter().any(|f| f["path"]
        .as_str()
        .unwrap()
        .ends_with("admin.conf")
        && f["backup"].is_string()));
    // kubectl accepts the new admin.conf for this cluster's CA.
    kforge().args(init_args(root, "v1.33")).ok();
}

/// Issue 10 item 14: an init re-run logged "Wrote static pod manifest" for
/// files its own table called "unchanged".
#[test]
fn regression_rerun_logs_unchanged_not_wrote() {
    let dir = tempdir();
    let root = dir.path();
    let args: Vec<String> = init_args(root, "v1.33")
        .into_iter()
        .filter(|a| a != "-q")
        .collect();
    let (out, d) = kforge().args(&args).output();
    assert!(out.status.success(), "{d}");
    let first = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        first.contains("Wrote static pod manifest for \"kube-scheduler\""),
        "{first}"
    );
    let (out, d) = kforge()
        .args(&args)
        .args(["--ignore-preflight-errors", "DirAvailable--var-lib-etcd"])
        .output();
    assert!(out.status.success(), "{d}");
    let err = String::from_utf8_lossy(&out.stderr);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(!err.contains("Wrote"), "{err}");
    assert!(
        err.contains("Unchanged static pod manifest for \"kube-scheduler\""),
        "{err}"
    );
    assert!(
        err.contains("Unchanged static pod manifest for local etcd"),
        "{err}"
    );
    assert!(table.contains("unchanged"), "{table}");
    assert!(!table.contains("created"), "{table}");
}
