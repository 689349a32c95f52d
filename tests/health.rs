//! `kforge health` and `kforge certs` against real etcd started from the
//! generated manifest, and minimal stand-ins (tests/support/standin.py) for
//! the components that have no binary here (kube-apiserver,
//! kube-controller-manager, kube-scheduler, kubelet).

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::*;

struct Node {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

fn node(version: &str, extra: &[&str]) -> Node {
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, version)).args(extra).ok();
    Node { _dir: dir, root }
}

fn start_etcd(root: &Path) -> Proc {
    support::etcd::start_static_pod(root, &root.join("etcd.log"))
}

fn health(root: &Path, only: &str) -> (i32, serde_json::Value, String) {
    let (out, _) = kforge()
        .args([
            "health",
            "-o",
            "json",
            "--timeout",
            "2s",
            "--only",
            only,
            "--root",
        ])
        .arg(root)
        .output();
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).unwrap_or(serde_json::Value::Null);
    (
        out.status.code().unwrap(),
        v,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check<'a>(report: &'a serde_json::Value, target: &str, name: &str) -> &'a serde_json::Value {
    report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["target"] == target && c["name"] == name)
        .unwrap_or_else(|| panic!("no check {target}/{name} in {report}"))
}

#[test]
fn healthy_etcd_then_stopped_etcd_exits_3_with_a_hint() {
    let _ports = fixed_port_lock();
    let n = node("v1.33", &[]);
    let mut etcd = start_etcd(&n.root);
    let (code, report, err) = health(&n.root, "etcd,certs");
    assert_eq!(code, 0, "{report:#}\n{err}");
    assert_eq!(report["healthy"], true);
    assert_eq!(check(&report, "etcd", "members")["status"], "ok");
    assert_eq!(check(&report, "etcd", "member cp1")["status"], "ok");
    assert_eq!(check(&report, "etcd", "alarms")["status"], "ok");
    assert_eq!(check(&report, "certs", "apiserver")["status"], "ok");
    etcd.kill();
    let (code, report, _) = health(&n.root, "etcd,certs");
    assert_eq!(code, 3, "{report:#}");
    let reach = check(&report, "etcd", "reachable");
    assert_eq!(reach["status"], "fail");
    assert!(
        reach["message"]
            .as_str()
            .unwrap()
            .contains("https://127.0.0.1:2379"),
        "{reach}"
    );
    assert!(
        reach["hint"].as_str().unwrap().contains("etcd.yaml"),
        "{reach}"
    );
    // The table says it too, for people.
    let (out, _) = kforge()
        .args(["health", "--only", "etcd", "--timeout", "2s", "--root"])
        .arg(&n.root)
        .fails_with(3);
    assert!(
        out.contains("UNHEALTHY") && out.contains("etcd reachable:"),
        "{out}"
    );
}

#[test]
fn nospace_alarm_is_reported_with_the_fix() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let cfg = dir.path().join("kubeadm.yaml");
    std::fs::write(
        &cfg,
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    extraArgs:\n    - name: quota-backend-bytes\n      value: \"1048576\"\n",
    )
    .unwrap();
    let root = dir.path().join("node");
    kforge()
        .args(init_args(&root, "v1.33"))
        .arg("--config")
        .arg(&cfg)
        .ok();
    let _etcd = start_etcd(&root);
    let pki = root.join("etc/kubernetes/pki");
    // Write until etcd refuses with NOSPACE (kforge's client, the API server's certificate).
    let ep = kforge::etcd::client::EtcdEndpoint {
        endpoints: vec!["https://127.0.0.1:2379".into()],
        ca_file: Some(pki.join("etcd/ca.crt")),
        cert_file: Some(pki.join("apiserver-etcd-client.crt")),
        key_file: Some(pki.join("apiserver-etcd-client.key")),
        timeout: None,
    };
    let refused = tokio::runtime::Runtime::new().unwrap().block_on(async {
        let mut c = kforge::etcd::client::connect(&ep).await.unwrap();
        let value = vec![b'x'; 200_000];
        // etcd checks the quota against the backend's size, which grows when
        // a batch commits (every 100 ms): a fast client can put far more than
        // the quota within one batch, so write until refused, for up to 20 s.
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
        let mut i = 0;
        while std::time::Instant::now() < deadline {
            if c.put(format!("/registry/k{}", i % 64), value.clone(), None)
                .await
                .is_err()
            {
                return true;
            }
            i += 1;
        }
        false
    });
    assert!(refused, "etcd never ran out of quota");
    let (code, report, _) = health(&root, "etcd");
    assert_eq!(code, 3, "{report:#}");
    let alarms = check(&report, "etcd", "alarms");
    assert_eq!(alarms["status"], "fail");
    assert!(
        alarms["message"].as_str().unwrap().contains("Nospace"),
        "{alarms}"
    );
    assert!(
        alarms["hint"].as_str().unwrap().contains("alarm disarm"),
        "{alarms}"
    );
    let member = check(&report, "etcd", "member cp1");
    assert_ne!(
        member["status"], "ok",
        "a database over its quota is at least a warning: {member}"
    );
}

fn standin(port: u16, tls: Option<(&Path, &Path)>, failing: &str, log: &Path) -> Proc {
    let mut c = cmd("python3")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/support/standin.py"))
        .args(["--port", &port.to_string(), "--failing", failing]);
    if let Some((cert, key)) = tls {
        c = c.arg("--cert").arg(cert).arg("--key").arg(key);
    }
    let mut p = c.spawn(log);
    assert!(wait_until(Duration::from_secs(10), || {
        std::fs::read_to_string(log)
            .unwrap_or_default()
            .contains("ready")
    }));
    assert!(p.is_running());
    p
}

#[test]
fn control_plane_endpoints_from_the_manifests_with_stand_ins_and_junit() {
    let _ports = fixed_port_lock();
    let [api_port] = support::etcd::free_ports::<1>();
    let n = node("v1.35", &["--apiserver-bind-port", &api_port.to_string()]);
    let pki = n.root.join("etc/kubernetes/pki");
    let logs = n.root.join("logs");
    std::fs::create_dir_all(&logs).unwrap();
    // The API server stand-in serves kforge's apiserver certificate, verified against ca.crt;
    // controller-manager and scheduler stand-ins use it too (the real ones self-sign).
    let cert = (pki.join("apiserver.crt"), pki.join("apiserver.key"));
    let tls = Some((cert.0.as_path(), cert.1.as_path()));
    let _api = standin(api_port, tls, "etcd", &logs.join("api.log"));
    let _cm = standin(10257, tls, "", &logs.join("cm.log"));
    let _sched = standin(10259, tls, "", &logs.join("sched.log"));
    let _kubelet = standin(10248, None, "", &logs.join("kubelet.log"));
    let (code, report, _) = health(&n.root, "apiserver,controller-manager,scheduler,kubelet");
    assert_eq!(code, 3, "{report:#}");
    assert_eq!(check(&report, "apiserver", "livez")["status"], "fail");
    let ready = check(&report, "apiserver", "readyz");
    assert!(
        ready["message"]
            .as_str()
            .unwrap()
            .ends_with("failing: etcd"),
        "{ready}"
    );
    assert!(
        ready["message"]
            .as_str()
            .unwrap()
            .contains(&format!("https://127.0.0.1:{api_port}/readyz?verbose")),
        "{ready}"
    );
    assert!(
        ready["hint"]
            .as_str()
            .unwrap()
            .contains("kforge health --only etcd"),
        "{ready}"
    );
    assert_eq!(
        // Named by what it queries: kubeadm's controller-manager probe is /healthz.
        check(&report, "controller-manager", "healthz")["status"],
        "ok"
    );
    assert_eq!(check(&report, "scheduler", "livez")["status"], "ok");
    assert_eq!(check(&report, "scheduler", "readyz")["status"], "ok");
    assert_eq!(check(&report, "kubelet", "healthz")["status"], "ok");
    assert_eq!(check(&report, "kubelet", "service")["status"], "skipped");

    // JUnit: well-formed XML (parsed by Python's XML parser), one testcase per check.
    let (out, _) = kforge()
        .args([
            "health",
            "-o",
            "junit",
            "--timeout",
            "2s",
            "--only",
            "apiserver,kubelet",
            "--root",
        ])
        .arg(&n.root)
        .fails_with(3);
    let xml = n.root.join("health.xml");
    std::fs::write(&xml, &out).unwrap();
    let summary = cmd("python3")
        .args([
            "-c",
            "import sys,xml.etree.ElementTree as E;r=E.parse(sys.argv[1]).getroot();\
             print(r.tag,r.get('tests'),r.get('failures'),r.get('errors'),len(r.findall('.//testcase')),len(r.findall('.//failure')),len(r.findall('.//error')))",
        ])
        .arg(&xml)
        .ok();
    assert_eq!(summary.trim(), "testsuites 5 2 0 5 2 0", "{out}");
}

#[test]
fn expiring_and_expired_certificates_are_found_and_renewed() {
    let n = node("v1.35", &[]);
    let pki = n.root.join("etc/kubernetes/pki");
    // Back-date: re-issue apiserver.crt as if made 350 days ago (15 days left) and
    // front-proxy-client.crt 400 days ago (expired), from the real CAs.
    let node = kforge::node::LocalNode::new(Some(n.root.clone()));
    let s = kforge::spec::ClusterSpec::pki_settings_for_dir(Path::new(kforge::paths::PKI_DIR));
    let now = time::OffsetDateTime::now_utc();
    for (base, ca, days) in [
        ("apiserver", "ca", 350),
        ("front-proxy-client", "front-proxy-ca", 400),
    ] {
        let old = kforge::pki::CertInfo::from_pem(
            &std::fs::read_to_string(pki.join(format!("{base}.crt"))).unwrap(),
        )
        .unwrap();
        let signing = kforge::pki::signing_ca(&node, &s, ca).unwrap();
        let key = kforge::pki::KeyAlgorithm::Rsa2048.generate().unwrap();
        let req = kforge::pki::CertRequest {
            common_name: old.common_name.clone(),
            organizations: old.organizations.clone(),
            sans: old
                .dns_names
                .iter()
                .cloned()
                .chain(old.ip_addresses.iter().map(|i| i.to_string()))
                .collect(),
            usages: kforge::pki::table::find(base).unwrap().usages.to_vec(),
            is_ca: false,
        };
        let cert = kforge::pki::issue::issue(
            &req,
            &key,
            Some(&signing),
            Default::default(),
            now - time::Duration::days(days),
        )
        .unwrap();
        std::fs::write(pki.join(format!("{base}.crt")), cert.pem).unwrap();
        std::fs::write(
            pki.join(format!("{base}.key")),
            kforge::pki::keys::private_key_pem(&key).unwrap(),
        )
        .unwrap();
    }
    let (code, report, _) = health(&n.root, "certs");
    assert_eq!(code, 3);
    assert_eq!(check(&report, "certs", "apiserver")["status"], "warn");
    assert!(check(&report, "certs", "apiserver")["hint"]
        .as_str()
        .unwrap()
        .contains("kforge certs renew apiserver"));
    assert_eq!(
        check(&report, "certs", "front-proxy-client")["status"],
        "fail"
    );
    // Dates in messages are RFC 3339 like every other time kforge prints.
    for (name, prefix) in [
        ("apiserver", "expires in "),
        ("front-proxy-client", "expired on "),
    ] {
        let msg = check(&report, "certs", name)["message"]
            .as_str()
            .unwrap()
            .to_string();
        let date = msg
            .trim_start_matches(prefix)
            .rsplit(['(', ' '])
            .next()
            .unwrap()
            .trim_end_matches(')');
        time::OffsetDateTime::parse(date, &time::format_description::well_known::Rfc3339)
            .unwrap_or_else(|e| panic!("{name}: {msg:?}: date {date:?} is not RFC 3339: {e}"));
        assert!(date.ends_with('Z'), "{msg}");
    }
    let rows: serde_json::Value = serde_json::from_str(
        &kforge()
            .args(["certs", "check-expiration", "-o", "json", "--root"])
            .arg(&n.root)
            .ok(),
    )
    .unwrap();
    // kubeadm's CertificateExpirationInfo: residualTime in seconds, CAs apart.
    let row = |list: &str, name: &str| {
        rows[list]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap()
            .clone()
    };
    let days = |r: serde_json::Value| r["residualTime"].as_i64().unwrap() / 86_400;
    assert_eq!(days(row("certificates", "apiserver")), 14);
    assert!(days(row("certificates", "front-proxy-client")) < 0);
    assert_eq!(row("certificateAuthorities", "ca")["missing"], false);

    // Renew what expires within 30 days: those two, nothing else.
    let out: serde_json::Value = serde_json::from_str(
        &kforge()
            .args([
                "certs",
                "renew",
                "all",
                "--if-expiring-within",
                "30d",
                "-o",
                "json",
                "--root",
            ])
            .arg(&n.root)
            .ok(),
    )
    .unwrap();
    let renewed: Vec<&str> = out["renewed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(renewed, vec!["apiserver", "front-proxy-client"]);
    assert!(out["notDue"]
        .as_array()
        .unwrap()
        .iter()
        .any(|n| n == "admin.conf"));
    assert_eq!(out["restarted"], serde_json::json!(["kube-apiserver"]));
    let (code, report, _) = health(&n.root, "certs");
    assert_eq!(code, 0, "{report:#}");
    // Same subject and SANs as before; the backup holds the old certificate.
    let text = cmd(tool("openssl"))
        .args(["x509", "-noout", "-text", "-in"])
        .arg(pki.join("apiserver.crt"))
        .ok();
    assert!(
        text.contains("DNS:kubernetes.default.svc.cluster.local")
            && text.contains("IP Address:127.0.0.1"),
        "{text}"
    );
    let backup = PathBuf::from(out["backupDir"].as_str().unwrap());
    assert!(backup.join("etc/kubernetes/pki/apiserver.crt").exists());
    // One backup directory per run (regression: renew kept a second copy
    // of every file in a directory of its own).
    let backups: Vec<String> = std::fs::read_dir(n.root.join("etc/kubernetes/tmp"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name.contains("backup"))
        .collect();
    assert_eq!(backups.len(), 1, "{backups:?}");
    let manifest =
        std::fs::read_to_string(n.root.join("etc/kubernetes/manifests/kube-apiserver.yaml"))
            .unwrap();
    assert!(manifest.contains("kforge.io/restarted-at"), "{manifest}");
    // A re-run of init still recognizes everything as its own.
    kforge().args(init_args(&n.root, "v1.35")).ok();
}

#[test]
fn renewed_etcd_certificate_is_served_after_the_restart() {
    let _ports = fixed_port_lock();
    let n = node("v1.33", &[]);
    let pki = n.root.join("etc/kubernetes/pki/etcd");
    let mut etcd = start_etcd(&n.root);
    let served = || {
        let script = format!(
            "openssl s_client -connect 127.0.0.1:2379 -CAfile {0}/ca.crt -cert {0}/healthcheck-client.crt -key {0}/healthcheck-client.key </dev/null 2>/dev/null | openssl x509 -noout -serial",
            pki.display()
        );
        cmd("sh").args(["-c", &script]).ok()
    };
    let file_serial = || {
        cmd(tool("openssl"))
            .args(["x509", "-noout", "-serial", "-in"])
            .arg(pki.join("server.crt"))
            .ok()
    };
    let before = served();
    assert_eq!(before, file_serial());
    let manifest = n.root.join("etc/kubernetes/manifests/etcd.yaml");
    let old_manifest = std::fs::read_to_string(&manifest).unwrap();
    kforge()
        .args(["certs", "renew", "etcd-server", "-q", "--root"])
        .arg(&n.root)
        .ok();
    let after = file_serial();
    assert_ne!(before, after, "the certificate was not re-issued");
    assert_ne!(
        std::fs::read_to_string(&manifest).unwrap(),
        old_manifest,
        "etcd's manifest was not re-written"
    );
    // The kubelet would now restart the pod; our stand-in does it by hand.
    etcd.kill();
    let _etcd = start_etcd(&n.root);
    assert_eq!(
        served(),
        after,
        "etcd does not serve the renewed certificate"
    );
}

#[test]
fn renew_refuses_in_external_ca_mode_and_unknown_names() {
    let n = node("v1.35", &[]);
    std::fs::remove_file(n.root.join("etc/kubernetes/pki/ca.key")).unwrap();
    let (_, err) = kforge()
        .args(["certs", "renew", "apiserver", "--root"])
        .arg(&n.root)
        .fails_with(1);
    assert!(err.contains("external CA mode"), "{err}");
    let (_, err) = kforge()
        .args(["certs", "renew", "nosuch", "--root"])
        .arg(&n.root)
        .fails_with(2);
    assert!(err.contains("no renewable certificate"), "{err}");
}

/// Runs kforge as user nobody (65534) when the tests run as root; as the
/// current user otherwise (who is then unprivileged already).
fn kforge_unprivileged() -> Cmd {
    // SAFETY: getuid has no preconditions and cannot fail.
    if unsafe { libc::getuid() } == 0 {
        cmd("setpriv")
            .args([
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                "--",
                env!("CARGO_BIN_EXE_kforge"),
            ])
            .env("NO_COLOR", "1")
    } else {
        kforge()
    }
}

#[test]
fn regression_health_as_unprivileged_user_exits_3_instead_of_1() {
    use std::os::unix::fs::PermissionsExt;
    let n = node("v1.33", &[]);
    // Let nobody reach the node's files; keys and kubeconfigs stay 0600 as init wrote them.
    let mut p = n.root.clone();
    while p.pop() && p.starts_with(std::env::temp_dir()) && p != std::env::temp_dir() {
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    for dir in [
        "",
        "etc",
        "etc/kubernetes",
        "etc/kubernetes/pki",
        "etc/kubernetes/pki/etcd",
    ] {
        let d = n.root.join(dir);
        if d.is_dir() {
            std::fs::set_permissions(&d, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
    }
    let (out, d) = kforge_unprivileged()
        .args([
            "health",
            "-o",
            "json",
            "--timeout",
            "2s",
            "--only",
            "etcd,certs",
            "--root",
        ])
        .arg(&n.root)
        .output();
    assert_eq!(
        out.status.code(),
        Some(1),
        "expected exit 1 (could not check)\n{d}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("a JSON report");
    let statuses: Vec<&str> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"error"), "{report:#}");
    assert!(!statuses.contains(&"fail"), "{report:#}");
    let errs: Vec<&serde_json::Value> = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["status"] == "error")
        .collect();
    assert!(
        errs.iter().all(
            |c| c["message"].as_str().unwrap().contains("Permission denied")
                && c["hint"].as_str().unwrap().contains("as root")
        ),
        "{errs:#?}"
    );
}
