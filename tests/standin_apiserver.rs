//! The STAND-IN API server that `kforge-dev kubelet` runs for a node's
//! kube-apiserver manifest, read and written by the REAL kubectl (and
//! curl) with the credentials `kforge init` wrote: discovery, create,
//! get, server-side apply, delete; the Node the stand-in kubelet
//! registers; and kubeadm's contract on who may do what (admin.conf only
//! once the `kubeadm:cluster-admins` binding exists, anonymous
//! `cluster-info` only once its Role and RoleBinding exist, bootstrap
//! tokens only until they expire). Real etcd runs beside it.

mod support;

use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;
use support::kubectl::{curl_json, ApiNode};
use support::*;

const API: &str = "https://127.0.0.1:6443";

/// A line of `kubectl api-resources` as its columns.
fn resource_row(out: &str, name: &str) -> Vec<String> {
    out.lines()
        .map(|l| l.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .find(|cols| cols.first().map(String::as_str) == Some(name))
        .unwrap_or_else(|| panic!("no {name} in:\n{out}"))
}

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn real_kubectl_discovers_creates_gets_applies_and_deletes() {
    let n = ApiNode::start("v1.31");
    let k = n.kubectl("super-admin.conf");
    k.wait_ready();

    // Discovery: the table of kinds, with short names and scopes.
    let out = k.ok(["api-resources"]);
    for (name, row) in [
        ("configmaps", "configmaps cm v1 true ConfigMap"),
        ("secrets", "secrets v1 true Secret"),
        ("nodes", "nodes no v1 false Node"),
        ("namespaces", "namespaces ns v1 false Namespace"),
        (
            "serviceaccounts",
            "serviceaccounts sa v1 true ServiceAccount",
        ),
        ("services", "services svc v1 true Service"),
        ("deployments", "deployments deploy apps/v1 true Deployment"),
        ("daemonsets", "daemonsets ds apps/v1 true DaemonSet"),
        (
            "clusterrolebindings",
            "clusterrolebindings rbac.authorization.k8s.io/v1 false ClusterRoleBinding",
        ),
        ("roles", "roles rbac.authorization.k8s.io/v1 true Role"),
    ] {
        assert_eq!(resource_row(&out, name).join(" "), row, "{out}");
    }
    assert_eq!(out.lines().count(), 13, "a header and 12 kinds:\n{out}");
    let nss = k.ok(["get", "namespaces", "-o", "name"]);
    assert_eq!(
        nss.lines().collect::<Vec<_>>(),
        [
            "namespace/default",
            "namespace/kube-node-lease",
            "namespace/kube-public",
            "namespace/kube-system"
        ]
    );

    // create, then get -o yaml: the data and the server's metadata.
    let out = k.ok([
        "create",
        "configmap",
        "demo",
        "-n",
        "kube-system",
        "--from-literal=greeting=hello",
    ]);
    assert_eq!(out.trim(), "configmap/demo created");
    let yaml = k.ok(["get", "cm", "demo", "-n", "kube-system", "-o", "yaml"]);
    let cm: Value = serde_yaml_ng::from_str(&yaml).unwrap();
    assert_eq!(cm["kind"], "ConfigMap", "{yaml}");
    assert_eq!(cm["data"], json!({"greeting": "hello"}));
    assert_eq!(cm["metadata"]["namespace"], "kube-system");
    assert_eq!(cm["metadata"]["uid"].as_str().unwrap().len(), 36);
    let rv: u64 = cm["metadata"]["resourceVersion"]
        .as_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!(rv > 0);
    let created = cm["metadata"]["creationTimestamp"].as_str().unwrap();
    time::OffsetDateTime::parse(created, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("{created}: {e}"));
    let (_, err) = k
        .cmd()
        .args(["create", "configmap", "demo", "-n", "kube-system"])
        .fails_with(1);
    assert!(err.contains("configmaps \"demo\" already exists"), "{err}");

    // Patches (merge, and kubectl label's) and a replace with a stale
    // resourceVersion (Conflict).
    k.ok([
        "patch",
        "cm",
        "demo",
        "-n",
        "kube-system",
        "--type",
        "merge",
        "-p",
        r#"{"data":{"more":"yes"}}"#,
    ]);
    k.ok(["label", "cm", "demo", "-n", "kube-system", "tier=test"]);
    k.ok([
        "patch",
        "cm",
        "demo",
        "-n",
        "kube-system",
        "--type",
        "json",
        "-p",
        r#"[{"op":"add","path":"/data/gone","value":"x"},{"op":"move","from":"/data/gone","path":"/data/json"}]"#,
    ]);
    let patched = k.json(["get", "cm", "demo", "-n", "kube-system"]);
    assert_eq!(
        patched["data"],
        json!({"greeting": "hello", "more": "yes", "json": "x"})
    );
    assert_eq!(patched["metadata"]["labels"], json!({"tier": "test"}));
    let mut stale = cm.clone();
    stale["data"]["greeting"] = json!("stale");
    let stale_file = write(&n.dir, "stale.json", &stale.to_string());
    let (_, err) = k
        .cmd()
        .args(["replace", "--validate=false", "-f"])
        .arg(&stale_file)
        .fails_with(1);
    assert!(
        err.contains("Error from server (Conflict)") && err.contains("Operation cannot be fulfilled on configmaps \"demo\": the object has been modified; please apply your changes to the latest version and try again"),
        "{err}"
    );
    let mut fresh = patched.clone();
    fresh["data"]["greeting"] = json!("replaced");
    write(&n.dir, "stale.json", &fresh.to_string());
    k.cmd()
        .args(["replace", "--validate=false", "-f"])
        .arg(&stale_file)
        .ok();
    let replaced = k.json(["get", "cm", "demo", "-n", "kube-system"]);
    assert_eq!(replaced["data"]["greeting"], "replaced");

    // Client-side apply (kubectl's strategic merge patch with its
    // last-applied annotation): created, then changed.
    let cm_file = |v: &str| {
        format!("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: csa\n  namespace: default\ndata:\n  key: {v}\n")
    };
    let csa = write(&n.dir, "csa.yaml", &cm_file("one"));
    let out = k
        .cmd()
        .args(["apply", "--validate=false", "-f"])
        .arg(&csa)
        .ok();
    assert_eq!(out.trim(), "configmap/csa created");
    write(&n.dir, "csa.yaml", &cm_file("two"));
    let out = k
        .cmd()
        .args(["apply", "--validate=false", "-f"])
        .arg(&csa)
        .ok();
    assert_eq!(out.trim(), "configmap/csa configured");
    let got = k.json(["get", "cm", "csa"]);
    assert_eq!(got["data"], json!({"key": "two"}));
    assert!(
        got["metadata"]["annotations"]["kubectl.kubernetes.io/last-applied-configuration"]
            .as_str()
            .unwrap()
            .contains("two"),
        "{got}"
    );

    // Server-side apply of a file: created, a re-apply changes nothing
    // (same resourceVersion), a change bumps the generation.
    let deploy = |replicas: u32, labels: &str| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: default\n  labels: {{{labels}}}\nspec:\n  replicas: {replicas}\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: web\n        image: registry.k8s.io/pause:3.10\n"
        )
    };
    let file = write(&n.dir, "web.yaml", &deploy(2, "app: web, tier: front"));
    let out = k
        .cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&file)
        .ok();
    assert_eq!(out.trim(), "deployment.apps/web serverside-applied");
    let first = k.json(["get", "deploy", "web"]);
    assert_eq!(first["spec"]["replicas"], 2);
    assert_eq!(first["metadata"]["generation"], 1);
    assert_eq!(first["metadata"]["labels"]["tier"], "front");
    k.cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&file)
        .ok();
    let again = k.json(["get", "deploy", "web"]);
    assert_eq!(
        again["metadata"]["resourceVersion"], first["metadata"]["resourceVersion"],
        "a no-op apply keeps the resourceVersion"
    );
    write(&n.dir, "web.yaml", &deploy(3, "app: web"));
    k.cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&file)
        .ok();
    let changed = k.json(["get", "deploy", "web"]);
    assert_eq!(changed["spec"]["replicas"], 3);
    assert_eq!(changed["metadata"]["generation"], 2);
    assert_eq!(
        changed["metadata"]["labels"],
        json!({"app": "web"}),
        "a field the manager no longer applies is removed"
    );
    assert_ne!(
        changed["metadata"]["resourceVersion"],
        first["metadata"]["resourceVersion"]
    );
    let listed = k.json(["get", "deployments", "-A", "-l", "app=web"]);
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");
    let none = k.json(["get", "deployments", "-A", "-l", "app=other"]);
    assert_eq!(none["items"], json!([]));

    // The Node the stand-in kubelet registered with kubelet.conf's identity.
    let mut nodes = Value::Null;
    assert!(
        wait_until(Duration::from_secs(30), || {
            nodes = k.json(["get", "nodes"]);
            !nodes["items"].as_array().unwrap().is_empty()
        }),
        "no Node registered:\n{}",
        n.kubelet.log_text()
    );
    let node = &nodes["items"][0];
    assert_eq!(node["metadata"]["name"], "cp1");
    let labels = &node["metadata"]["labels"];
    assert_eq!(labels["kubernetes.io/hostname"], "cp1");
    assert_eq!(labels["kubernetes.io/os"], "linux");
    assert!(labels["kubernetes.io/arch"].is_string(), "{node}");
    // kubectl asked for a server-side Table, got plain JSON and printed
    // its own table: NAME and AGE.
    let table = k.ok(["get", "nodes"]);
    let rows: Vec<Vec<&str>> = table
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert_eq!(rows[0], ["NAME", "AGE"], "{table}");
    assert_eq!(rows[1][0], "cp1", "{table}");
    assert!(n.kubelet.log_text().contains("registered Node cp1"));

    // delete, then it is gone.
    let out = k.ok(["delete", "configmap", "demo", "-n", "kube-system"]);
    assert_eq!(out.trim(), "configmap \"demo\" deleted");
    let err = k.fails(["get", "configmap", "demo", "-n", "kube-system"]);
    assert!(
        err.contains("Error from server (NotFound): configmaps \"demo\" not found"),
        "{err}"
    );
    let err = k.fails(["create", "configmap", "x", "-n", "no-such-namespace"]);
    assert!(
        err.contains("namespaces \"no-such-namespace\" not found"),
        "{err}"
    );
}

#[test]
fn kubeadms_contract_on_who_may_do_what() {
    let n = ApiNode::start("v1.31");
    let sup = n.kubectl("super-admin.conf");
    let admin = n.kubectl("admin.conf");
    sup.wait_ready();

    // admin.conf (O=kubeadm:cluster-admins) has no rights until the
    // kubeadm:cluster-admins binding exists; super-admin.conf creates it.
    let err = admin.fails(["get", "configmaps", "-n", "kube-system"]);
    assert!(
        err.contains("Error from server (Forbidden): configmaps is forbidden: User \"kubernetes-admin\" cannot list resource \"configmaps\" in API group \"\" in the namespace \"kube-system\""),
        "{err}"
    );
    let crb = write(
        &n.dir,
        "crb.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: kubeadm:cluster-admins\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: cluster-admin\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: kubeadm:cluster-admins\n",
    );
    let (_, err) = admin
        .cmd()
        .args(["create", "--validate=false", "-f"])
        .arg(&crb)
        .fails_with(1);
    assert!(err.contains("(Forbidden)"), "{err}");
    sup.cmd()
        .args(["create", "--validate=false", "-f"])
        .arg(&crb)
        .ok();
    let out = admin.ok(["get", "configmaps", "-n", "kube-system", "-o", "name"]);
    assert_eq!(out.trim(), "", "no ConfigMaps yet");
    let (_, err) = admin
        .cmd()
        .args(["create", "--validate=false", "-f"])
        .arg(&crb)
        .fails_with(1);
    assert!(err.contains("(AlreadyExists)"), "{err}");

    // Anonymous users read kube-public/cluster-info only once kubeadm's
    // Role and RoleBinding for it exist.
    let url = format!("{API}/api/v1/namespaces/kube-public/configmaps/cluster-info");
    admin
        .cmd()
        .args([
            "create",
            "configmap",
            "cluster-info",
            "-n",
            "kube-public",
            "--from-literal=kubeconfig=the-cluster",
        ])
        .ok();
    let (code, status) = curl_json("GET", &url, &n.ca(), None, None);
    assert_eq!(code, 403, "{status}");
    assert_eq!(status["kind"], "Status");
    assert_eq!(status["reason"], "Forbidden");
    assert_eq!(status["code"], 403);
    assert_eq!(
        status["message"],
        "configmaps \"cluster-info\" is forbidden: User \"system:anonymous\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-public\""
    );
    let rbac = write(
        &n.dir,
        "clusterinfo-rbac.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n  name: kubeadm:bootstrap-signer-clusterinfo\n  namespace: kube-public\nrules:\n- apiGroups: [\"\"]\n  resources: [configmaps]\n  resourceNames: [cluster-info]\n  verbs: [get]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n  name: kubeadm:bootstrap-signer-clusterinfo\n  namespace: kube-public\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: kubeadm:bootstrap-signer-clusterinfo\nsubjects:\n- kind: User\n  name: system:anonymous\n",
    );
    admin
        .cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&rbac)
        .ok();
    let (code, cm) = curl_json("GET", &url, &n.ca(), None, None);
    assert_eq!(code, 200, "{cm}");
    assert_eq!(cm["data"]["kubeconfig"], "the-cluster");
    // Only that one object, only reading it.
    admin
        .cmd()
        .args(["create", "configmap", "other", "-n", "kube-public"])
        .ok();
    let (code, _) = curl_json(
        "GET",
        &format!("{API}/api/v1/namespaces/kube-public/configmaps/other"),
        &n.ca(),
        None,
        None,
    );
    assert_eq!(code, 403);
    let (code, status) = curl_json("DELETE", &url, &n.ca(), None, None);
    assert_eq!(code, 403, "{status}");
    let (code, _) = curl_json("GET", &format!("{API}/version"), &n.ca(), None, None);
    assert_eq!(code, 200, "health and /version are open to all");

    // A client certificate the cluster CA did not sign (etcd's CA did)
    // is refused at the TLS handshake (the stand-in's simplification of
    // the real server's 401).
    let pki = n.root.join("etc/kubernetes/pki");
    let (out, d) = cmd(tool("curl"))
        .args(["-sS", "--max-time", "10", "--cacert"])
        .arg(n.ca())
        .arg("--cert")
        .arg(pki.join("etcd/healthcheck-client.crt"))
        .arg("--key")
        .arg(pki.join("etcd/healthcheck-client.key"))
        .arg(format!("{API}/api"))
        .output();
    assert!(!out.status.success(), "{d}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("alert"), "a TLS alert: {d}");

    // A bootstrap token: its bearer is system:bootstrap:ID in its groups
    // while it is unexpired, and Unauthorized after.
    let in_an_hour = (time::OffsetDateTime::now_utc() + time::Duration::hours(1))
        .replace_nanosecond(0)
        .unwrap()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let token_secret = |expiration: &str| {
        format!(
            "apiVersion: v1\nkind: Secret\nmetadata:\n  name: bootstrap-token-abcdef\n  namespace: kube-system\ntype: bootstrap.kubernetes.io/token\nstringData:\n  token-id: abcdef\n  token-secret: 0123456789abcdef\n  expiration: \"{expiration}\"\n  usage-bootstrap-authentication: \"true\"\n  usage-bootstrap-signing: \"true\"\n  auth-extra-groups: system:bootstrappers:kubeadm:default-node-token\n"
        )
    };
    let secret = write(&n.dir, "token.yaml", &token_secret(&in_an_hour));
    admin
        .cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&secret)
        .ok();
    let secrets = admin.ok([
        "get",
        "secrets",
        "-n",
        "kube-system",
        "--field-selector",
        "type=bootstrap.kubernetes.io/token",
        "-o",
        "name",
    ]);
    assert_eq!(secrets.trim(), "secret/bootstrap-token-abcdef");
    let none = admin.ok([
        "get",
        "secrets",
        "-n",
        "kube-system",
        "--field-selector",
        "type=Opaque",
        "-o",
        "name",
    ]);
    assert_eq!(none.trim(), "");
    let token = Some("abcdef.0123456789abcdef");
    let node_url = format!("{API}/api/v1/nodes/cp1");
    let (code, status) = curl_json("GET", &node_url, &n.ca(), token, None);
    assert_eq!(code, 403, "{status}");
    assert_eq!(
        status["message"],
        "nodes \"cp1\" is forbidden: User \"system:bootstrap:abcdef\" cannot get resource \"nodes\" in API group \"\" at the cluster scope"
    );
    // kubeadm's get-nodes RBAC for the token's extra group.
    let get_nodes = write(
        &n.dir,
        "get-nodes.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: kubeadm:get-nodes\nrules:\n- apiGroups: [\"\"]\n  resources: [nodes]\n  verbs: [get]\n---\napiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: kubeadm:get-nodes\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: ClusterRole\n  name: kubeadm:get-nodes\nsubjects:\n- apiGroup: rbac.authorization.k8s.io\n  kind: Group\n  name: system:bootstrappers:kubeadm:default-node-token\n",
    );
    admin
        .cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&get_nodes)
        .ok();
    let mut got = (0, Value::Null);
    assert!(
        wait_until(Duration::from_secs(30), || {
            got = curl_json("GET", &node_url, &n.ca(), token, None);
            got.0 == 200
        }),
        "the token cannot read the registered Node: {got:?}\n{}",
        n.kubelet.log_text()
    );
    assert_eq!(got.1["metadata"]["name"], "cp1");
    // A wrong secret is Unauthorized, not anonymous.
    let (code, status) = curl_json(
        "GET",
        &node_url,
        &n.ca(),
        Some("abcdef.0123456789abcdeX"),
        None,
    );
    assert_eq!(
        (code, &status["reason"]),
        (401, &json!("Unauthorized")),
        "{status}"
    );
    // Expired: Unauthorized.
    write(&n.dir, "token.yaml", &token_secret("2020-01-01T00:00:00Z"));
    admin
        .cmd()
        .args(["apply", "--server-side", "--validate=false", "-f"])
        .arg(&secret)
        .ok();
    let (code, status) = curl_json("GET", &node_url, &n.ca(), token, None);
    assert_eq!(code, 401, "{status}");
    assert_eq!(status["message"], "Unauthorized");

    // Nodes: the kubelet's identity reaches its own Node only.
    let kubelet = n.kubectl("kubelet.conf");
    let own = kubelet.json(["get", "node", "cp1"]);
    assert_eq!(own["metadata"]["name"], "cp1");
    let err = kubelet.fails(["get", "configmaps", "-n", "kube-system"]);
    assert!(
        err.contains("User \"system:node:cp1\" cannot list resource \"configmaps\""),
        "{err}"
    );
}

/// The client the API phases use (`kube` over rustls, HTTP/1.1) against
/// the stand-in: server-side apply under field manager `kforge`, a no-op
/// re-apply that keeps the resourceVersion, get, list with a field
/// selector, delete, and errors as `kube::Error::Api` with the real
/// server's reason and code.
#[test]
fn the_kube_client_applies_gets_lists_and_deletes() {
    use k8s_openapi::api::core::v1::{ConfigMap, Node as KubeNode};
    use k8s_openapi::api::rbac::v1::ClusterRoleBinding;
    use kube::api::{Api, DeleteParams, ListParams, Patch, PatchParams};

    let n = ApiNode::start("v1.31");
    n.kubectl("super-admin.conf").wait_ready();
    kforge::runtime::install_crypto_provider();
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = |conf: &str| {
        let path = n.root.join("etc/kubernetes").join(conf);
        rt.block_on(async {
            let kc = kube::config::Kubeconfig::read_from(&path).unwrap();
            let cfg = kube::Config::from_custom_kubeconfig(kc, &Default::default())
                .await
                .unwrap();
            kube::Client::try_from(cfg).unwrap()
        })
    };
    let sup = client("super-admin.conf");
    let admin = client("admin.conf");
    rt.block_on(async {
        let v = sup.apiserver_version().await.unwrap();
        assert_eq!(v.git_version, "v1.31.0");
        assert_eq!(v.compiler, "kforge-stand-in");

        let cms: Api<ConfigMap> = Api::namespaced(sup.clone(), "kube-system");
        let pp = PatchParams::apply("kforge").force();
        let cm = |value: &str| -> ConfigMap {
            serde_json::from_value(json!({
                "apiVersion": "v1", "kind": "ConfigMap",
                "metadata": {"name": "kubeadm-config", "namespace": "kube-system"},
                "data": {"ClusterConfiguration": value},
            }))
            .unwrap()
        };
        let a = cms
            .patch("kubeadm-config", &pp, &Patch::Apply(&cm("one")))
            .await
            .unwrap();
        let b = cms
            .patch("kubeadm-config", &pp, &Patch::Apply(&cm("one")))
            .await
            .unwrap();
        assert_eq!(a.metadata.resource_version, b.metadata.resource_version);
        let c = cms
            .patch("kubeadm-config", &pp, &Patch::Apply(&cm("two")))
            .await
            .unwrap();
        assert_ne!(a.metadata.resource_version, c.metadata.resource_version);
        assert_eq!(a.metadata.uid, c.metadata.uid);
        let got = cms.get("kubeadm-config").await.unwrap();
        assert_eq!(got.data.unwrap()["ClusterConfiguration"], "two");
        let listed = cms
            .list(&ListParams::default().fields("metadata.name=kubeadm-config"))
            .await
            .unwrap();
        assert_eq!(listed.items.len(), 1);
        assert!(cms
            .list(&ListParams::default().fields("metadata.name=other"))
            .await
            .unwrap()
            .items
            .is_empty());
        let deleted = cms
            .delete("kubeadm-config", &DeleteParams::default())
            .await
            .unwrap();
        assert!(deleted.is_right(), "a Status, as the real server answers");
        match cms.get("kubeadm-config").await {
            Err(kube::Error::Api(s)) => {
                assert_eq!((s.code, s.reason.as_str()), (404, "NotFound"));
                assert_eq!(s.message, "configmaps \"kubeadm-config\" not found");
            }
            other => panic!("{other:?}"),
        }

        // admin.conf is Forbidden until kubeadm:cluster-admins exists:
        // what kubeadm (and kforge) tell apart from AlreadyExists.
        let crb: ClusterRoleBinding = serde_json::from_value(json!({
            "apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
            "metadata": {"name": "kubeadm:cluster-admins"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
            "subjects": [{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": "kubeadm:cluster-admins"}],
        }))
        .unwrap();
        let as_admin: Api<ClusterRoleBinding> = Api::all(admin.clone());
        match as_admin.create(&Default::default(), &crb).await {
            Err(kube::Error::Api(s)) => assert_eq!((s.code, s.reason.as_str()), (403, "Forbidden")),
            other => panic!("{other:?}"),
        }
        Api::<ClusterRoleBinding>::all(sup.clone())
            .create(&Default::default(), &crb)
            .await
            .unwrap();
        match as_admin.create(&Default::default(), &crb).await {
            Err(kube::Error::Api(s)) => {
                assert_eq!((s.code, s.reason.as_str()), (409, "AlreadyExists"))
            }
            other => panic!("{other:?}"),
        }

        // The registered Node, typed.
        let nodes: Api<KubeNode> = Api::all(admin.clone());
        let mut node = None;
        for _ in 0..300 {
            if let Ok(n) = nodes.get("cp1").await {
                node = Some(n);
                break;
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let node = node.expect("the stand-in kubelet registers cp1");
        assert_eq!(
            node.metadata.labels.unwrap()["kubernetes.io/hostname"],
            "cp1"
        );
    });
}
