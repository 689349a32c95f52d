//! Real etcd started with the exact command line of the etcd.yaml that
//! `kforge init` generated (paths mapped under --root by `kforge-dev
//! run-static-pod`, our kubelet stand-in: there is no kubelet here), then
//! reached over mutual TLS with the generated client certificates, by real
//! etcdctl and by kforge's own client.

mod support;

use std::path::Path;
use std::time::Duration;
use support::*;

fn etcdctl(root: &Path, cert: Option<&str>) -> Cmd {
    let pki = root.join("etc/kubernetes/pki");
    let mut c = cmd(etcd35("etcdctl"))
        .env("ETCDCTL_API", "3")
        .args([
            "--endpoints",
            "https://127.0.0.1:2379",
            "--dial-timeout",
            "3s",
            "--command-timeout",
            "5s",
        ])
        .arg("--cacert")
        .arg(pki.join("etcd/ca.crt"));
    if let Some(base) = cert {
        c = c
            .arg("--cert")
            .arg(pki.join(format!("{base}.crt")))
            .arg("--key")
            .arg(pki.join(format!("{base}.key")));
    }
    c
}

#[test]
fn etcd_35_runs_from_the_generated_manifest_with_mtls() {
    let _ports = fixed_port_lock();
    let dir = tempdir();
    let root = dir.path();
    // v1.33's etcd is 3.5, so its manifest uses the flags etcd 3.5 understands.
    kforge().args(init_args(root, "v1.33")).ok();
    let argv = kforge_dev()
        .args(["run-static-pod", "etcd", "--print", "--root"])
        .arg(root)
        .ok();
    let argv: Vec<String> = serde_json::from_str(&argv).unwrap();
    assert_eq!(argv[0], "etcd");
    assert!(
        argv.iter()
            .any(|a| a == &format!("--data-dir={}/var/lib/etcd", root.display())),
        "{argv:?}"
    );

    let mut etcd = support::etcd::run_static_pod(root, &root.join("etcd.log"));
    let healthy = wait_until(Duration::from_secs(20), || {
        let (out, _) = etcdctl(root, Some("etcd/healthcheck-client"))
            .arg("endpoint")
            .arg("health")
            .output();
        out.status.success()
    });
    assert!(healthy, "etcd did not become healthy:\n{}", etcd.log_text());

    // The API server's client certificate can write and read.
    etcdctl(root, Some("apiserver-etcd-client"))
        .args(["put", "/registry/x", "from-etcdctl"])
        .ok();
    let v = etcdctl(root, Some("apiserver-etcd-client"))
        .args(["get", "/registry/x", "--print-value-only"])
        .ok();
    assert_eq!(v.trim(), "from-etcdctl");

    // A client without a certificate is refused.
    let (out, d) = etcdctl(root, None).args(["get", "/registry/x"]).output();
    assert!(
        !out.status.success(),
        "etcd accepted a client without a certificate\n{d}"
    );

    // kforge's own client, with the healthcheck-client certificate kubeadm's layout implies.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let node = kforge::node::LocalNode::new(Some(root.to_path_buf()));
        let ep = kforge::etcd::client::EtcdEndpoint::kubeadm_default(
            &node,
            Path::new(kforge::paths::PKI_DIR),
        );
        let mut client = kforge::etcd::client::connect(&ep).await.unwrap();
        client
            .put("/registry/y", "from-kforge", None)
            .await
            .unwrap();
        let got = client.get("/registry/x", None).await.unwrap();
        assert_eq!(got.kvs()[0].value(), b"from-etcdctl");
        let status = client.status().await.unwrap();
        assert!(status.raft_index() > 0);

        let mut no_cert = ep.clone();
        no_cert.cert_file = None;
        no_cert.key_file = None;
        no_cert.timeout = Some(Duration::from_secs(2));
        let refused = match kforge::etcd::client::connect(&no_cert).await {
            Err(_) => true,
            Ok(mut c) => c.get("/registry/x", None).await.is_err(),
        };
        assert!(refused, "etcd served kforge's client without a certificate");
    });
    let v = etcdctl(root, Some("apiserver-etcd-client"))
        .args(["get", "/registry/y", "--print-value-only"])
        .ok();
    assert_eq!(v.trim(), "from-kforge");
    etcd.kill();
}
