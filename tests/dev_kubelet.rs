//! `kforge-dev kubelet`, the stand-in kubelet, with real etcd: it runs a
//! node's static pods from the manifests `kforge init` wrote, recreates a
//! pod whose manifest changed (with the binary its new image maps to),
//! stops a removed one, restarts a crashing one with back-off, serves the
//! control-plane stand-ins' health and /version with the manifest's
//! certificates, and leaves no process behind on SIGTERM.

mod support;

use std::path::Path;
use std::time::Duration;
use support::etcd::{free_ports, node_etcdctl, static_pod_healthy};
use support::kubelet::{alive, etcd_image, etcd_image_map, StandInKubelet};
use support::*;

fn manifest(root: &Path, name: &str) -> std::path::PathBuf {
    root.join("etc/kubernetes/manifests")
        .join(format!("{name}.yaml"))
}

/// Replaces a manifest atomically (temp file + rename), as kforge does.
fn write_manifest(root: &Path, name: &str, text: &str) {
    let path = manifest(root, name);
    let tmp = path.with_file_name(format!(".{name}.yaml.test.tmp"));
    std::fs::write(&tmp, text).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
}

/// GET over HTTPS with curl: (HTTP code, body). `ca`: verify with this CA.
fn curl(url: &str, ca: Option<&Path>, client: Option<(&Path, &Path)>) -> (u16, String) {
    let mut c = cmd(tool("curl")).args(["-sS", "--max-time", "5", "-w", "\n%{http_code}"]);
    match ca {
        Some(ca) => c = c.arg("--cacert").arg(ca),
        None => c = c.arg("-k"),
    }
    if let Some((cert, key)) = client {
        c = c.arg("--cert").arg(cert).arg("--key").arg(key);
    }
    let (out, d) = c.arg(url).output();
    assert!(out.status.success(), "{d}");
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let (body, code) = text.rsplit_once('\n').unwrap();
    (code.trim().parse().unwrap(), body.to_string())
}

fn etcd_version(root: &Path) -> serde_json::Value {
    let pki = root.join("etc/kubernetes/pki");
    let (code, body) = curl(
        "https://127.0.0.1:2379/version",
        Some(&pki.join("etcd/ca.crt")),
        Some((
            &pki.join("etcd/healthcheck-client.crt"),
            &pki.join("etcd/healthcheck-client.key"),
        )),
    );
    assert_eq!(code, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn runs_an_initialized_node_recreates_changed_pods_and_stops_everything_on_sigterm() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.31")).ok();
    let old_image = etcd_image("v1.31");
    let new_image = etcd_image("v1.32");
    assert_ne!(old_image, new_image);
    let mut kubelet = StandInKubelet::start(&root, &etcd_image_map());

    // Every static pod runs: real etcd 3.5.0, stand-ins for the rest.
    let etcd_pid = kubelet.wait_running("etcd");
    for pod in [
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ] {
        kubelet.wait_running(pod);
        assert_eq!(kubelet.status(pod).unwrap()["runner"], "stand-in");
    }
    // The stand-in kubelet serves the kubelet's /healthz too: the whole node is healthy.
    kubelet.wait_healthy("etcd,apiserver,controller-manager,scheduler,kubelet");
    kforge().args(["health", "--root"]).arg(&root).ok();
    assert!(static_pod_healthy(&root, Duration::from_secs(20)));
    assert_eq!(etcd_version(&root)["etcdserver"], "3.5.0");
    node_etcdctl(&root, "https://127.0.0.1:2379", "apiserver-etcd-client")
        .args(["put", "/kept", "across-the-restart"])
        .ok();

    // The API server stand-in: /version of the manifest's image, served
    // with the manifest's certificate (verified with the cluster CA).
    let ca = root.join("etc/kubernetes/pki/ca.crt");
    let (code, body) = curl("https://127.0.0.1:6443/version", Some(&ca), None);
    assert_eq!(code, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["gitVersion"], "v1.31.0");
    assert_eq!(
        (v["major"].as_str(), v["minor"].as_str()),
        (Some("1"), Some("31"))
    );
    let (code, body) = curl("https://127.0.0.1:6443/readyz?verbose", Some(&ca), None);
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("[+]etcd ok"), "{body}");

    // A new etcd image: the old process exits, the other binary starts on the same data.
    let text = std::fs::read_to_string(manifest(&root, "etcd")).unwrap();
    assert!(text.contains(&old_image));
    write_manifest(&root, "etcd", &text.replace(&old_image, &new_image));
    let new_pid = kubelet.wait_recreated("etcd", etcd_pid);
    assert!(!alive(etcd_pid), "the old etcd (pid {etcd_pid}) still runs");
    assert!(
        static_pod_healthy(&root, Duration::from_secs(30)),
        "{}",
        kubelet.log_text()
    );
    assert_eq!(etcd_version(&root)["etcdserver"], "3.5.1");
    let status = kubelet.status("etcd").unwrap();
    assert_eq!(status["image"], new_image.as_str());
    assert_eq!(
        status["restarts"], 0,
        "a recreated pod starts afresh: {status}"
    );
    let got = node_etcdctl(&root, "https://127.0.0.1:2379", "apiserver-etcd-client")
        .args(["get", "/kept", "--print-value-only"])
        .ok();
    assert_eq!(got.trim(), "across-the-restart");

    // The manifest removed: etcd stops, and the API server stand-in says
    // it cannot reach etcd.
    let aside = dir.path().join("etcd.yaml.aside");
    std::fs::rename(manifest(&root, "etcd"), &aside).unwrap();
    assert!(
        wait_until(Duration::from_secs(30), || !alive(new_pid)),
        "etcd (pid {new_pid}) still runs after its manifest was removed"
    );
    // The status file goes right after the process is reaped.
    assert!(
        wait_until(Duration::from_secs(10), || kubelet.status("etcd").is_none()),
        "the stopped pod's status file is still there: {:?}",
        kubelet.status("etcd")
    );
    assert!(wait_until(Duration::from_secs(10), || {
        let (code, body) = curl("https://127.0.0.1:6443/readyz?verbose", Some(&ca), None);
        code == 500 && body.contains("[-]etcd failed")
    }));
    let (code, _) = curl("https://127.0.0.1:6443/livez", Some(&ca), None);
    assert_eq!(code, 200, "liveness does not depend on etcd");

    // Back again, then SIGTERM: every pod stops, nothing is left running.
    std::fs::rename(&aside, manifest(&root, "etcd")).unwrap();
    kubelet.wait_running("etcd");
    kubelet.wait_healthy("etcd,apiserver");
    let pids: Vec<u32> = [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ]
    .iter()
    .map(|p| kubelet.pid(p).unwrap())
    .collect();
    assert_eq!(kubelet.stop(), Some(0), "{}", kubelet.log_text());
    for pid in pids {
        assert!(!alive(pid), "pid {pid} outlived the stand-in kubelet");
    }
    let log = kubelet.pod_log("etcd", "etcd");
    assert!(log.contains("==== kforge stand-in kubelet"), "{log}");
    assert!(log.contains("stopped pid"), "{log}");
}

/// A pod written by hand: one container running `command` from `image`.
fn pod_yaml(name: &str, image: &str, command: &[&str]) -> String {
    let cmd: Vec<String> = command.iter().map(|c| format!("    - {c:?}\n")).collect();
    format!(
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\n  namespace: kube-system\nspec:\n  containers:\n  - name: {name}\n    image: {image}\n    command:\n{}  hostNetwork: true\n",
        cmd.concat()
    )
}

#[test]
fn a_crashing_binary_is_restarted_with_back_off_and_an_unmapped_image_waits() {
    let dir = tempdir();
    let root = dir.path().join("node");
    std::fs::create_dir_all(root.join("etc/kubernetes/manifests")).unwrap();
    let crash = dir.path().join("crash.sh");
    std::fs::write(&crash, "#!/bin/sh\necho \"crashing with $*\"\nexit 3\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&crash, std::fs::Permissions::from_mode(0o755)).unwrap();
    write_manifest(
        &root,
        "crasher",
        &pod_yaml("crasher", "example.com/crash:1", &["crash", "--flag=x"]),
    );
    write_manifest(
        &root,
        "orphan",
        &pod_yaml("orphan", "example.com/nothing:1", &["nothing"]),
    );
    let kubelet = StandInKubelet::start(&root, &[("example.com/crash:*", &crash)]);

    let s = kubelet.wait_status("crasher", Duration::from_secs(60), |s| {
        s["restarts"].as_u64().unwrap_or(0) >= 2
    });
    assert_eq!(s["lastExit"], "exit code 3", "{s}");
    // The real kubelet's layout, so that kforge reads it as it reads a
    // real node's: /var/log/pods/<ns>_<pod>-<node>_<uid>/<container>/<n>.log.
    let host = kforge::spec::host::hostname().unwrap();
    let want = format!("/var/log/pods/kube-system_crasher-{host}_kforge-stand-in/crasher/0.log");
    assert_eq!(s["log"], want.as_str(), "a node path: {s}");
    assert_eq!(
        s["manifest"], "/etc/kubernetes/manifests/crasher.yaml",
        "{s}"
    );
    // Where `upgrade` finds a component's last log lines.
    let node = kforge::node::LocalNode::new(Some(root.clone()));
    let tail = kforge::staticpod::log_tail(&node, "crasher", "crasher", 3).unwrap();
    assert_eq!(tail.len(), 1, "{tail:?}");
    assert_eq!(tail[0].0, root.join(want.trim_start_matches('/')));
    assert_eq!(tail[0].1.lines().count(), 3, "{tail:?}");
    assert_eq!(s["runner"], "binary");
    assert_eq!(s["command"][0], crash.display().to_string());
    let log = kubelet.pod_log("crasher", "crasher");
    assert!(log.matches("crashing with --flag=x").count() >= 3, "{log}");
    assert!(
        log.contains("exited (exit code 3); restarting in 1s"),
        "{log}"
    );
    assert!(
        log.contains("exited (exit code 3); restarting in 2s"),
        "{log}"
    );
    assert!(
        kubelet.log_text().contains("back-off"),
        "{}",
        kubelet.log_text()
    );

    let o = kubelet.status("orphan").unwrap();
    assert_eq!(o["state"], "Waiting", "{o}");
    assert_eq!(o["runner"], "none");
    assert!(
        o["message"]
            .as_str()
            .unwrap()
            .contains("example.com/nothing:1"),
        "{o}"
    );

    // Removed manifests: the pods and their status files go.
    std::fs::remove_file(manifest(&root, "crasher")).unwrap();
    std::fs::remove_file(manifest(&root, "orphan")).unwrap();
    assert!(wait_until(Duration::from_secs(10), || {
        kubelet.status("crasher").is_none() && kubelet.status("orphan").is_none()
    }));
}

#[test]
fn a_stand_in_made_unhealthy_still_reports_its_version_on_the_manifests_port() {
    let dir = tempdir();
    let root = dir.path().join("node");
    std::fs::create_dir_all(root.join("etc/kubernetes/manifests")).unwrap();
    let [sick, well] = free_ports::<2>();
    let scheduler = |port: u16, tag: &str| {
        pod_yaml(
            "kube-scheduler",
            &format!("registry.k8s.io/kube-scheduler:{tag}"),
            &[
                "kube-scheduler",
                "--bind-address=127.0.0.1",
                &format!("--secure-port={port}"),
            ],
        )
    };
    write_manifest(&root, "kube-scheduler", &scheduler(sick, "v1.32.0"));
    let kubelet = StandInKubelet::start_with(
        &root,
        &[] as &[(&str, &str)],
        &["--unhealthy", "kube-scheduler:v1.32"],
    );
    let pid = kubelet.wait_running("kube-scheduler");
    let url = |port: u16, path: &str| format!("https://127.0.0.1:{port}{path}");
    let mut last = (0, String::new());
    assert!(
        wait_until(Duration::from_secs(20), || {
            last = curl_maybe(&url(sick, "/version"));
            last.0 == 200
        }),
        "{last:?}\n{}",
        kubelet.log_text()
    );
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&last.1).unwrap()["gitVersion"],
        "v1.32.0"
    );
    for path in ["/healthz", "/livez", "/readyz"] {
        let (code, body) = curl(&url(sick, path), None, None);
        assert_eq!(code, 500, "{path}: {body}");
        assert!(
            body.contains("[-]kforge-stand-in-injected-failure failed"),
            "{body}"
        );
    }

    // Another version is not affected, and listens where its manifest says.
    write_manifest(&root, "kube-scheduler", &scheduler(well, "v1.31.0"));
    kubelet.wait_recreated("kube-scheduler", pid);
    assert!(wait_until(Duration::from_secs(20), || {
        curl_maybe(&url(well, "/healthz")) == (200, "ok".to_string())
    }));
    let (code, body) = curl(&url(well, "/version"), None, None);
    assert_eq!(code, 200);
    assert!(body.contains("\"gitVersion\": \"v1.31.0\""), "{body}");
}

/// Like [`curl`] without a CA, but a connection failure is (0, error).
fn curl_maybe(url: &str) -> (u16, String) {
    let (out, _) = cmd(tool("curl"))
        .args(["-sSk", "--max-time", "5", "-w", "\n%{http_code}", url])
        .output();
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    match text.rsplit_once('\n') {
        Some((body, code)) if out.status.success() => {
            (code.trim().parse().unwrap_or(0), body.to_string())
        }
        _ => (0, String::from_utf8_lossy(&out.stderr).into_owned()),
    }
}

#[test]
fn kubelet_binary_writes_a_stand_in_that_answers_version() {
    let dir = tempdir();
    let out = dir.path().join("bin/kubelet");
    kforge_dev()
        .args(["kubelet-binary", "--version", "v1.32.0", "--out"])
        .arg(&out)
        .ok();
    assert_eq!(mode(&out), 0o755);
    assert_eq!(cmd(&out).arg("--version").ok().trim(), "Kubernetes v1.32.0");
    cmd(&out).arg("--config=x").fails_with(1);
    let (_, err) = kforge_dev()
        .args(["kubelet-binary", "--version", "v1.x", "--out"])
        .arg(&out)
        .fails_with(2);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
}

#[test]
fn bad_image_mappings_are_one_line_usage_errors() {
    let dir = tempdir();
    for (arg, expect) in [
        ("registry.k8s.io/etcd", "expected IMAGE=PATH"),
        (
            "registry.k8s.io/etcd:3.5.0-0=/nonexistent/etcd",
            "no such file",
        ),
        ("a*b=/bin/true", "only a trailing *"),
    ] {
        let (_, err) = kforge_dev()
            .args(["kubelet", "--root"])
            .arg(dir.path())
            .args(["--image-binary", arg])
            .fails_with(2);
        assert!(err.contains(expect), "{arg}: {err}");
        assert_eq!(err.trim().lines().count(), 1, "{err}");
    }
    let (_, err) = kforge_dev()
        .args(["kubelet", "--unhealthy", "etcd:3.5.0"])
        .fails_with(2);
    assert!(err.contains("kube-apiserver"), "{err}");
}

#[test]
fn a_killed_stand_in_kubelet_takes_its_pods_with_it() {
    let dir = tempdir();
    let root = dir.path().join("node");
    std::fs::create_dir_all(root.join("etc/kubernetes/manifests")).unwrap();
    write_manifest(
        &root,
        "sleeper",
        &pod_yaml("sleeper", "example.com/sleep:1", &["sleep", "600"]),
    );
    let mut kubelet = StandInKubelet::start(&root, &[("example.com/sleep:1", "/bin/sleep")]);
    let pid = kubelet.wait_running("sleeper");
    assert!(alive(pid));
    // One stand-in kubelet per node.
    let (_, err) = kforge_dev()
        .args(support::kubelet::kubelet_args(
            Some(&root),
            &[("example.com/sleep:1", "/bin/sleep")],
            &[],
        ))
        .fails_with(4);
    assert!(
        err.contains("another kforge stand-in kubelet holds"),
        "{err}"
    );
    kubelet.proc.kill(); // SIGKILL: no chance to stop its pods itself
    assert!(
        wait_until(Duration::from_secs(10), || !alive(pid)),
        "pod pid {pid} outlived its SIGKILLed stand-in kubelet"
    );
    // The next one starts afresh: no lock left behind, the old status replaced.
    let again = StandInKubelet::start(&root, &[("example.com/sleep:1", "/bin/sleep")]);
    let pid2 = again.wait_recreated("sleeper", pid);
    assert!(alive(pid2));
}

#[test]
fn runs_real_etcd_inside_a_test_bed_node() {
    let tb = support::testbed::Testbed::up(&[None]);
    let n = &tb.nodes[0];
    let client = format!("http://{}:2379", n.addr);
    std::fs::create_dir_all(n.etc_kubernetes().join("manifests")).unwrap();
    let image = etcd_image("v1.31");
    let etcd = pod_yaml(
        "etcd",
        &image,
        &[
            "etcd",
            "--name=node1",
            "--data-dir=/var/lib/etcd",
            &format!("--listen-client-urls={client}"),
            &format!("--advertise-client-urls={client}"),
            "--listen-peer-urls=http://127.0.0.1:2380",
            "--initial-advertise-peer-urls=http://127.0.0.1:2380",
            "--initial-cluster=node1=http://127.0.0.1:2380",
        ],
    );
    let path = n.etc_kubernetes().join("manifests/etcd.yaml");
    std::fs::write(&path, etcd).unwrap();
    let mut kubelet = StandInKubelet::start_on(
        &tb,
        n,
        &[(image.as_str(), etcd_dir("3.5.0").join("etcd"))],
        &[],
    );
    kubelet.wait_running("etcd");
    let ctl = || {
        cmd(etcd_dir("3.5.0").join("etcdctl")).args([
            "--endpoints",
            &client,
            "--dial-timeout",
            "3s",
        ])
    };
    assert!(
        wait_until(Duration::from_secs(30), || ctl()
            .args(["endpoint", "health"])
            .output()
            .0
            .status
            .success()),
        "{}\n{}",
        kubelet.log_text(),
        kubelet.pod_log("etcd", "etcd")
    );
    // Its data is the node's own /var/lib/etcd, its log in the node's /var/lib/kubelet.
    assert!(n.var_lib_etcd().join("member").is_dir());
    assert!(kubelet
        .pod_log("etcd", "etcd")
        .contains("==== kforge stand-in kubelet"));
    assert_eq!(kubelet.stop(), Some(0), "{}", kubelet.log_text());
    assert!(kubelet.status("etcd").is_none());
    assert!(!ctl()
        .args(["endpoint", "health"])
        .output()
        .0
        .status
        .success());
}
