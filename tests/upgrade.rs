//! `kforge upgrade plan | apply` on one staged node with real etcd, run by
//! the stand-in kubelet (`kforge-dev kubelet`): etcd image tags are mapped
//! onto real etcd binaries (3.5.15-0 of v1.31 -> etcd 3.5.0, 3.5.16-0 of
//! v1.32 -> etcd 3.5.1), so an upgrade really replaces etcd; the API
//! server, controller-manager and scheduler are the stand-ins, serving
//! health and /version of their manifest's image.

mod support;

use std::path::{Path, PathBuf};
use std::time::Duration;
use support::etcd::node_etcdctl;
use support::kubelet::{etcd_image, StandInKubelet};
use support::*;

const ETCD_PODS: &str = "etcd,apiserver,controller-manager,scheduler";

/// A v1.31 node with the stand-in kubelet running every static pod, and data
/// written over mTLS.
struct Node {
    // Dropped in this order: the kubelet (and its pods) before the port lock.
    kubelet: StandInKubelet,
    root: PathBuf,
    dir: tempfile::TempDir,
    _ports: std::fs::File,
}

impl Node {
    /// `new_etcd`: the binary the v1.32 etcd image runs.
    fn start(new_etcd: &Path, kubelet_flags: &[&str]) -> Node {
        Node::start_at(
            "v1.31",
            None,
            &[
                (etcd_image("v1.31"), etcd_dir("3.5.0").join("etcd")),
                (etcd_image("v1.32"), new_etcd.to_path_buf()),
            ],
            kubelet_flags,
        )
    }

    /// A node initialized at `version` (with `config`, a kubeadm config
    /// file's text, when given) whose stand-in kubelet maps `images`.
    fn start_at(
        version: &str,
        config: Option<&str>,
        images: &[(String, PathBuf)],
        kubelet_flags: &[&str],
    ) -> Node {
        let ports = fixed_port_lock();
        let dir = tempdir();
        let root = dir.path().join("node");
        let mut init = kforge().args(init_args(&root, version));
        if let Some(text) = config {
            let f = dir.path().join("kubeadm.yaml");
            std::fs::write(&f, text).unwrap();
            init = init.arg("--config").arg(&f);
        }
        init.ok();
        let kubelet = StandInKubelet::start_with(&root, images, kubelet_flags);
        kubelet.wait_healthy(ETCD_PODS);
        let n = Node {
            _ports: ports,
            dir,
            root,
            kubelet,
        };
        for i in 0..20 {
            n.etcdctl()
                .args(["put", &format!("/data/{i:02}"), &format!("value-{i}")])
                .ok();
        }
        n
    }

    fn etcdctl(&self) -> Cmd {
        node_etcdctl(
            &self.root,
            "https://127.0.0.1:2379",
            "apiserver-etcd-client",
        )
    }

    fn upgrade(&self, args: &[&str]) -> Cmd {
        kforge()
            .arg("upgrade")
            .args(args)
            .arg("--root")
            .arg(&self.root)
    }

    fn image(&self, pod: &str) -> String {
        let text = std::fs::read_to_string(
            self.root
                .join("etc/kubernetes/manifests")
                .join(format!("{pod}.yaml")),
        )
        .unwrap();
        text.lines()
            .find_map(|l| l.trim().strip_prefix("image: "))
            .unwrap()
            .to_string()
    }

    fn images(&self) -> Vec<String> {
        [
            "etcd",
            "kube-apiserver",
            "kube-controller-manager",
            "kube-scheduler",
        ]
        .iter()
        .map(|p| self.image(p))
        .collect()
    }

    fn etcd_server_version(&self) -> String {
        let out = self
            .etcdctl()
            .args(["endpoint", "status", "-w", "json"])
            .ok();
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v[0]["Status"]["version"].as_str().unwrap().to_string()
    }

    fn data_intact(&self) {
        let out = self
            .etcdctl()
            .args(["get", "/data/", "--prefix", "--print-value-only"])
            .ok();
        let values: Vec<&str> = out.lines().collect();
        assert_eq!(values.len(), 20, "{out}");
        assert_eq!(values[7], "value-7");
    }

    fn backups(&self) -> Vec<PathBuf> {
        let dir = self.root.join("etc/kubernetes/tmp/kforge-upgrade");
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map(|r| r.map(|e| e.unwrap().path()).collect())
            .unwrap_or_default();
        v.sort();
        v
    }
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn step<'a>(
    report: &'a serde_json::Value,
    name: &str,
    outcome: &str,
) -> Option<&'a serde_json::Value> {
    report["steps"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["step"] == name && s["outcome"] == outcome)
}

#[test]
fn patch_upgrade_of_one_node_keeps_the_data_verifies_the_snapshot_and_reruns_as_a_no_op() {
    let n = Node::start(&etcd_dir("3.5.1").join("etcd"), &[]);
    assert_eq!(n.etcd_server_version(), "3.5.0");

    // The plan: one hop to v1.32, etcd in it, exit 0.
    let plan = json(&n.upgrade(&["plan", "-o", "json"]).ok());
    assert_eq!(plan["target"], "v1.32.0", "{plan}");
    assert_eq!(plan["hops"].as_array().unwrap().len(), 1, "{plan}");
    assert_eq!(plan["etcd"]["to"], "3.5.16", "{plan}");
    assert_eq!(plan["inventory"]["etcd"]["members"][0]["server"], "3.5.0");
    assert!(plan["blockers"].as_array().unwrap().is_empty(), "{plan}");
    let yaml = n.upgrade(&["plan", "v1.33", "-o", "yaml"]).ok();
    assert!(yaml.contains("version: v1.33.0"), "{yaml}");

    // A jump of two minors is refused and changes nothing.
    let before = n.images();
    let (out, err) = n.upgrade(&["apply", "v1.33", "--yes"]).fails_with(1);
    assert!(out.contains("one minor at a time"), "{out}\n{err}");
    assert_eq!(n.images(), before);
    assert!(n.backups().is_empty());
    // No terminal and no --yes: refused.
    let (_, err) = n.upgrade(&["apply", "v1.32"]).fails_with(2);
    assert!(err.contains("--yes"), "{err}");
    // --dry-run prints the plan and writes nothing.
    let dry = n.upgrade(&["apply", "v1.32", "--dry-run"]).ok();
    assert!(
        dry.contains("+    image: registry.k8s.io/kube-apiserver:v1.32.0"),
        "{dry}"
    );
    assert_eq!(n.images(), before);

    let report = json(&n.upgrade(&["apply", "v1.32", "--yes", "-o", "json"]).ok());
    assert_eq!(report["outcome"], "upgraded", "{report}");
    for c in [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ] {
        assert!(step(&report, c, "upgraded").is_some(), "{c}: {report}");
    }
    assert_eq!(
        n.images(),
        vec![
            etcd_image("v1.32"),
            "registry.k8s.io/kube-apiserver:v1.32.0".to_string(),
            "registry.k8s.io/kube-controller-manager:v1.32.0".to_string(),
            "registry.k8s.io/kube-scheduler:v1.32.0".to_string(),
        ]
    );
    assert_eq!(n.etcd_server_version(), "3.5.1");
    n.data_intact();
    n.kubelet.wait_healthy(ETCD_PODS);

    // The pre-upgrade snapshot verifies, and holds the data.
    let snap = PathBuf::from(report["snapshot"].as_str().unwrap());
    assert!(snap.starts_with(n.root.join("etc/kubernetes/tmp/kforge-upgrade")));
    kforge().args(["snapshot", "status"]).arg(&snap).ok();
    let st = support::etcd::etcdutl_status(&snap);
    assert!(st["totalKey"].as_u64().unwrap() >= 20, "{st}");
    // The replaced manifests were kept in the run's backup directory.
    let backups = n.backups();
    assert_eq!(backups.len(), 1);
    let kept = backups[0].join("files/etc/kubernetes/manifests/kube-apiserver.yaml");
    assert!(std::fs::read_to_string(&kept)
        .unwrap()
        .contains("kube-apiserver:v1.31.0"));
    // The journal is gone; the ledger still says the manifests are kforge's.
    assert!(!n
        .root
        .join("etc/kubernetes/tmp/kforge-journal/upgrade-apply.json")
        .exists());
    let ledger =
        std::fs::read_to_string(n.root.join("etc/kubernetes/.kforge-ledger.json")).unwrap();
    let apiserver =
        std::fs::read(n.root.join("etc/kubernetes/manifests/kube-apiserver.yaml")).unwrap();
    let digest = kforge::install::sha256_hex(&apiserver);
    assert!(
        ledger.contains(&digest),
        "the ledger lost ownership of the swapped manifest"
    );

    // A re-run is a no-op.
    let again = json(&n.upgrade(&["apply", "v1.32", "--yes", "-o", "json"]).ok());
    assert_eq!(again["outcome"], "nothing-to-do", "{again}");
    assert_eq!(n.backups().len(), 1);
    // The next plan goes on to v1.33.
    let plan = json(&n.upgrade(&["plan", "-o", "json"]).ok());
    assert_eq!(plan["current"], "v1.32.0");
    assert_eq!(plan["target"], "v1.33.0");
    drop(n.dir);
}

#[test]
fn an_etcd_image_that_exits_at_once_is_rolled_back_and_the_member_stays_healthy() {
    let n = Node::start(Path::new("/bin/false"), &[]);
    let (out, _) = n
        .upgrade(&[
            "apply",
            "v1.32",
            "--yes",
            "-o",
            "json",
            "--component-timeout",
            "8s",
        ])
        .fails_with(1);
    let report = json(&out);
    assert_eq!(report["outcome"], "failed", "{report}");
    assert!(step(&report, "etcd", "failed").is_some(), "{report}");
    assert!(step(&report, "etcd", "rolled-back").is_some(), "{report}");
    assert!(
        report["stands"]
            .as_str()
            .unwrap()
            .contains("etcd failed on local"),
        "{report}"
    );
    assert!(
        report["next"].as_str().unwrap().contains("re-run"),
        "{report}"
    );
    // Back on the old image, healthy, same data; nothing later was touched.
    assert_eq!(n.image("etcd"), etcd_image("v1.31"));
    assert_eq!(
        n.image("kube-apiserver"),
        "registry.k8s.io/kube-apiserver:v1.31.0"
    );
    n.kubelet.wait_healthy(ETCD_PODS);
    assert_eq!(n.etcd_server_version(), "3.5.0");
    n.data_intact();
    // The journal stays for a re-run (same target only).
    assert!(n
        .root
        .join("etc/kubernetes/tmp/kforge-journal/upgrade-apply.json")
        .exists());
}

#[test]
fn an_api_server_that_never_gets_healthy_is_rolled_back_and_named() {
    let n = Node::start(
        &etcd_dir("3.5.1").join("etcd"),
        &["--unhealthy", "kube-apiserver:v1.32"],
    );
    let rendered = |pod: &str| {
        std::fs::read_to_string(
            n.root
                .join("etc/kubernetes/.kforge-rendered")
                .join(format!("{pod}.yaml")),
        )
        .unwrap()
    };
    let api_base = rendered("kube-apiserver");
    let (out, err) = n
        .upgrade(&["apply", "v1.32", "--yes", "--component-timeout", "5s"])
        .fails_with(1);
    // The rollback put the base back with the manifest; etcd's is the new render.
    assert_eq!(rendered("kube-apiserver"), api_base);
    assert!(rendered("etcd").contains(&etcd_image("v1.32")));
    assert!(
        out.contains("kube-apiserver") && out.contains("rolled-back"),
        "{out}\n{err}"
    );
    assert!(err.contains("kube-apiserver failed on local"), "{err}");
    // The timeout shows the component's last log lines.
    assert!(out.contains("last lines of"), "{out}");
    assert_eq!(
        n.image("kube-apiserver"),
        "registry.k8s.io/kube-apiserver:v1.31.0"
    );
    assert_eq!(
        n.image("kube-controller-manager"),
        "registry.k8s.io/kube-controller-manager:v1.31.0"
    );
    // etcd went first and stays upgraded (a patch: its cluster version did not move).
    assert_eq!(n.image("etcd"), etcd_image("v1.32"));
    n.kubelet.wait_healthy(ETCD_PODS);
    n.data_intact();
}

#[test]
fn a_killed_apply_resumes_from_its_journal_and_finishes() {
    // The new etcd takes a few seconds to start, so the kill lands in the etcd phase.
    let dir = tempdir();
    let slow = dir.path().join("slow-etcd");
    std::fs::write(
        &slow,
        format!(
            "#!/bin/sh\nsleep 3\nexec {} \"$@\"\n",
            etcd_dir("3.5.1").join("etcd").display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&slow, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
    let n = Node::start(&slow, &[]);
    let journal = n
        .root
        .join("etc/kubernetes/tmp/kforge-journal/upgrade-apply.json");
    let mut apply = n
        .upgrade(&["apply", "v1.32", "--yes"])
        .spawn(&dir.path().join("apply.log"));
    assert!(
        wait_until(Duration::from_secs(60), || {
            std::fs::read_to_string(&journal)
                .map(|t| t.contains("\"step\": \"etcd\"") || t.contains("\"step\":\"etcd\""))
                .unwrap_or(false)
        }),
        "the etcd step never started:\n{}",
        apply.log_text()
    );
    // A second apply while the first provably runs (stopped in its etcd
    // step, its lock held): exit 4, nothing touched.
    apply.pause();
    let lock = journal.with_file_name("upgrade-apply.lock");
    assert!(flock_held(&lock), "the first apply does not hold {lock:?}");
    let (images, journal_text) = (n.images(), std::fs::read(&journal).unwrap());
    let (_, err) = n.upgrade(&["apply", "v1.32", "--yes"]).fails_with(4);
    assert!(err.contains("another kforge upgrade apply"), "{err}");
    assert_eq!(n.images(), images);
    assert_eq!(std::fs::read(&journal).unwrap(), journal_text);
    // Killed in the etcd step (SIGKILL; a stopped process dies too).
    apply.kill();
    assert!(!flock_held(&lock));
    // A second apply while none runs is not locked out; it resumes.
    let report = json(&n.upgrade(&["apply", "v1.32", "--yes", "-o", "json"]).ok());
    assert_eq!(report["resumed"], true, "{report}");
    assert_eq!(report["outcome"], "upgraded", "{report}");
    assert!(n
        .images()
        .iter()
        .all(|i| i.ends_with("v1.32.0") || *i == etcd_image("v1.32")));
    assert!(!journal.exists());
    n.kubelet.wait_healthy(ETCD_PODS);
    n.data_intact();
    // The snapshot of the first run is the one reported.
    assert!(Path::new(report["snapshot"].as_str().unwrap()).is_file());
}

#[test]
fn an_unhealthy_member_or_a_skew_violation_refuses_and_changes_nothing() {
    let n = Node::start(&etcd_dir("3.5.1").join("etcd"), &[]);
    let ledger = n.root.join("etc/kubernetes/.kforge-ledger.json");

    // A controller-manager newer than the API server.
    let cm = n
        .root
        .join("etc/kubernetes/manifests/kube-controller-manager.yaml");
    let text = std::fs::read_to_string(&cm).unwrap();
    std::fs::write(
        &cm,
        text.replace(
            "kube-controller-manager:v1.31.0",
            "kube-controller-manager:v1.32.0",
        ),
    )
    .unwrap();
    let before = n.images();
    let ledger_before = std::fs::read(&ledger).unwrap();
    let (out, _) = n.upgrade(&["apply", "v1.32", "--yes"]).fails_with(1);
    assert!(
        out.contains("skew violation") && out.contains("never be newer"),
        "{out}"
    );
    assert_eq!(n.images(), before);
    std::fs::write(&cm, text).unwrap();
    n.kubelet.wait_healthy(ETCD_PODS);

    // A member that is not started (a learner added by hand).
    n.etcdctl()
        .args([
            "member",
            "add",
            "ghost",
            "--learner",
            "--peer-urls",
            "https://127.0.0.2:2380",
        ])
        .ok();
    let before = n.images();
    let (out, _) = n.upgrade(&["apply", "v1.32", "--yes"]).fails_with(1);
    assert!(out.contains("is a learner"), "{out}");
    assert!(out.contains("not started"), "{out}");
    assert_eq!(n.images(), before);
    assert_eq!(std::fs::read(&ledger).unwrap(), ledger_before);
    assert!(n.backups().is_empty());
    let (out, _) = n.upgrade(&["plan"]).fails_with(1);
    assert!(out.contains("BLOCKERS"), "{out}");
}

/// A stand-in `kubelet` binary that answers `--version` with `version`.
fn fake_kubelet(path: &Path, version: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, format!("#!/bin/sh\necho Kubernetes {version}\n")).unwrap();
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

/// From 1.34 kubeadm puts the CRI socket in the kubelet's config instead of
/// a flag, and the 1.35 kubelet no longer starts with
/// `--pod-infra-container-image`: a new kubelet binary next to the old
/// `kubeadm-flags.env` would not come up on a real node. Two hops (v1.33 ->
/// v1.34 -> v1.35, etcd pinned to a 3.5 tag, which has a binary here): each
/// hop's kubelet step rewrites the files for its release, keeping the
/// operator's flags and comments; the plan shows the diff; a kubelet that
/// fails its version check puts the files and the binary back.
#[test]
fn two_minor_hops_rewrite_the_kubelet_files_for_each_release_and_a_failed_kubelet_puts_them_back() {
    const ETCD_TAG: &str = "3.5.21-0";
    let config = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: InitConfiguration\nnodeRegistration:\n  kubeletExtraArgs:\n  - name: node-ip\n    value: 127.0.0.1\n---\napiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    imageTag: {ETCD_TAG}\n"
    );
    let n = Node::start_at(
        "v1.33",
        Some(&config),
        &[(
            format!("registry.k8s.io/etcd:{ETCD_TAG}"),
            etcd_dir("3.5.1").join("etcd"),
        )],
        &[],
    );
    let kubelet_dir = n.root.join("var/lib/kubelet");
    let flags = kubelet_dir.join("kubeadm-flags.env");
    let kconfig = kubelet_dir.join("config.yaml");
    let instance = kubelet_dir.join("instance-config.yaml");
    let read = |p: &Path| std::fs::read_to_string(p).unwrap();
    let env133 = read(&flags);
    assert!(env133.contains("--container-runtime-endpoint="), "{env133}");
    assert!(env133.contains("pause:3.10\""), "{env133}");
    assert!(!instance.exists());
    // The operator's note in the kubelet config survives the rewrites.
    let note = "# operator: maxPods raised for the batch nodes\n";
    std::fs::write(&kconfig, format!("{}{note}", read(&kconfig))).unwrap();
    fake_kubelet(&n.root.join("usr/local/bin/kubelet"), "v1.33.0");
    let new_kubelet = n.dir.path().join("kubelet-new");
    let pin = ["--etcd-image-tag", ETCD_TAG];

    // The plan of the first hop shows the kubelet files' diff.
    let plan = json(&n.upgrade(&["plan", "v1.34", "-o", "json"]).args(pin).ok());
    assert!(plan["blockers"].as_array().unwrap().is_empty(), "{plan:#}");
    let change = plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"].as_str().unwrap().ends_with("kubeadm-flags.env"))
        .unwrap_or_else(|| panic!("no kubeadm-flags.env change: {plan:#}"))
        .to_string();
    assert!(change.contains("pause:3.10.1"), "{change}");

    // Hop 1: v1.33 -> v1.34.
    fake_kubelet(&new_kubelet, "v1.34.0");
    let with_kubelet = format!("--kubelet-binary={}", new_kubelet.display());
    let args = ["apply", "v1.34", "--yes", "-o", "json", &with_kubelet];
    let report = json(&n.upgrade(&args).args(pin).ok());
    assert_eq!(report["outcome"], "upgraded", "{report:#}");
    let line = step(&report, "kubelet", "upgraded").unwrap()["detail"].to_string();
    assert!(line.contains("rewrote kubeadm-flags.env"), "{line}");
    let env134 = read(&flags);
    assert!(!env134.contains("container-runtime-endpoint"), "{env134}");
    assert!(env134.contains("--node-ip=127.0.0.1"), "{env134}");
    assert!(env134.contains("pause:3.10.1\""), "{env134}");
    let conf134 = read(&kconfig);
    assert!(conf134.contains(note), "{conf134}");
    assert!(conf134.contains("containerRuntimeEndpoint: "), "{conf134}");
    assert!(read(&instance).starts_with("containerRuntimeEndpoint: "));
    // kforge wrote kubeadm-flags.env at init; the edit keeps it kforge's.
    let ledger =
        || std::fs::read_to_string(n.root.join("etc/kubernetes/.kforge-ledger.json")).unwrap();
    let owned = |text: &str| ledger().contains(&kforge::install::sha256_hex(text.as_bytes()));
    assert!(owned(&env134), "the ledger lost kubeadm-flags.env");
    let kubelet_version = || {
        cmd(n.root.join("usr/local/bin/kubelet"))
            .arg("--version")
            .ok()
            .trim()
            .to_string()
    };
    assert_eq!(kubelet_version(), "Kubernetes v1.34.0");
    n.kubelet.wait_healthy(ETCD_PODS);

    // Hop 2, first with a kubelet that reports the wrong version: the
    // control plane moves to v1.35, the kubelet step fails and puts the
    // v1.34 files and binary back.
    fake_kubelet(&new_kubelet, "v1.34.9");
    let args = ["apply", "v1.35", "--yes", &with_kubelet];
    let (out, err) = n.upgrade(&args).args(pin).fails_with(1);
    assert!(out.contains("rolled-back"), "{out}\n{err}");
    assert!(err.contains("v1.34.9"), "{err}");
    assert_eq!(read(&flags), env134);
    assert!(
        owned(&env134),
        "the rollback lost kubeadm-flags.env's owner"
    );
    assert_eq!(read(&kconfig), conf134);
    assert_eq!(kubelet_version(), "Kubernetes v1.34.0");
    // The re-run with the right kubelet finishes: the pause flag is gone.
    fake_kubelet(&new_kubelet, "v1.35.0");
    let args = ["apply", "v1.35", "--yes", "-o", "json", &with_kubelet];
    let report = json(&n.upgrade(&args).args(pin).ok());
    assert_eq!(report["outcome"], "upgraded", "{report:#}");
    let env135 = read(&flags);
    assert!(!env135.contains("pod-infra-container-image"), "{env135}");
    assert!(owned(&env135));
    assert!(env135.contains("--node-ip=127.0.0.1"), "{env135}");
    assert_eq!(kubelet_version(), "Kubernetes v1.35.0");
    assert!(
        n.images()[1..].iter().all(|i| i.ends_with(":v1.35.0")),
        "{:?}",
        n.images()
    );
    assert_eq!(n.image("etcd"), format!("registry.k8s.io/etcd:{ETCD_TAG}"));
    n.kubelet.wait_healthy(ETCD_PODS);
    n.data_intact();
}

// ---- Render, then merge ----------------------------------------------------

const PINNED_ETCD: &str = "3.5.21-0";
const APISERVER_FLAG: &str = "--audit-log-maxage=30";
const APISERVER_NOTE: &str = "    # operator: audit logs are kept 30 days (ticket OPS-1)";
const ETCD_FLAG: &str = "--quota-backend-bytes=8589934592";
const ETCD_NOTE: &str = " # operator: 8 GiB quota";

/// A node at `version` with etcd pinned to a 3.5 tag (the binary here).
fn pinned_node(version: &str, extra_config: &str) -> Node {
    let config = format!(
        "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    imageTag: {PINNED_ETCD}\n{extra_config}"
    );
    Node::start_at(
        version,
        Some(&config),
        &[(
            format!("registry.k8s.io/etcd:{PINNED_ETCD}"),
            etcd_dir("3.5.1").join("etcd"),
        )],
        &[],
    )
}

impl Node {
    fn manifest_path(&self, pod: &str) -> PathBuf {
        self.root
            .join("etc/kubernetes/manifests")
            .join(format!("{pod}.yaml"))
    }

    fn manifest(&self, pod: &str) -> String {
        std::fs::read_to_string(self.manifest_path(pod)).unwrap()
    }

    /// Rewrites a manifest with `edit` and waits until the kubelet ran it.
    fn edit_manifest(&self, pod: &str, edit: impl FnOnce(&str) -> String) {
        let pid = self.kubelet.wait_running(pod);
        let text = edit(&self.manifest(pod));
        std::fs::write(self.manifest_path(pod), text).unwrap();
        self.kubelet.wait_recreated(pod, pid);
        self.kubelet.wait_healthy(ETCD_PODS);
    }

    /// The operator's edits: a flag and a comment in kube-apiserver.yaml, a
    /// sidecar placed before the API server's container, and a flag with a
    /// comment at the end of its line in etcd.yaml.
    fn operator_edits(&self) {
        self.edit_manifest("kube-apiserver", |t| {
            let t = t.replace(
                "    - --authorization-mode=",
                &format!("{APISERVER_NOTE}\n    - {APISERVER_FLAG}\n    - --authorization-mode="),
            );
            t.replace(
                "  containers:\n",
                "  containers:\n  - command:\n    - sleep\n    - infinity\n    image: registry.example/log-shipper:v1.0\n    name: log-shipper\n",
            )
        });
        self.edit_manifest("etcd", |t| {
            t.replace(
                "    - --snapshot-count=10000\n",
                &format!("    - --snapshot-count=10000\n    - {ETCD_FLAG}{ETCD_NOTE}\n"),
            )
        });
    }

    /// One hop, which must upgrade.
    fn hop(&self, to: &str) -> serde_json::Value {
        let args = [
            "apply",
            to,
            "--yes",
            "-o",
            "json",
            "--etcd-image-tag",
            PINNED_ETCD,
        ];
        let report = json(&self.upgrade(&args).ok());
        assert_eq!(report["outcome"], "upgraded", "{report:#}");
        self.kubelet.wait_healthy(ETCD_PODS);
        report
    }

    /// After the hops: the operator's edits are there, with their comments,
    /// and without them every manifest is what a fresh `init` of `version`
    /// (same configuration, node name and address) writes, byte for byte
    /// once parsed: flags, probes, ports, volumes, everything.
    fn equals_fresh_init_plus_edits(&self, version: &str, extra_config: &str) {
        let fresh = self.dir.path().join("fresh");
        let config = self.dir.path().join("fresh.yaml");
        std::fs::write(
            &config,
            format!(
                "apiVersion: kubeadm.k8s.io/v1beta4\nkind: ClusterConfiguration\netcd:\n  local:\n    imageTag: {PINNED_ETCD}\n{extra_config}"
            ),
        )
        .unwrap();
        kforge()
            .args(init_args(&fresh, version))
            .arg("--config")
            .arg(&config)
            .ok();
        let api = self.manifest("kube-apiserver");
        assert!(
            api.contains(&format!("{APISERVER_NOTE}\n    - {APISERVER_FLAG}\n")),
            "{api}"
        );
        let etcd = self.manifest("etcd");
        assert!(
            etcd.contains(&format!("    - {ETCD_FLAG}{ETCD_NOTE}\n")),
            "{etcd}"
        );
        for pod in [
            "etcd",
            "kube-apiserver",
            "kube-controller-manager",
            "kube-scheduler",
        ] {
            let mut got: serde_json::Value = serde_yaml_ng::from_str(&self.manifest(pod)).unwrap();
            let want: serde_json::Value = serde_yaml_ng::from_str(
                &std::fs::read_to_string(
                    fresh
                        .join("etc/kubernetes/manifests")
                        .join(format!("{pod}.yaml")),
                )
                .unwrap(),
            )
            .unwrap();
            let containers = got["spec"]["containers"].as_array_mut().unwrap();
            if pod == "kube-apiserver" {
                // The sidecar is first and untouched.
                assert_eq!(
                    containers[0],
                    serde_json::json!({"command": ["sleep", "infinity"],
                        "image": "registry.example/log-shipper:v1.0", "name": "log-shipper"})
                );
                containers.remove(0);
            }
            let cmd = containers[0]["command"].as_array_mut().unwrap();
            let edit = match pod {
                "kube-apiserver" => Some(APISERVER_FLAG),
                "etcd" => Some(ETCD_FLAG),
                _ => None,
            };
            if let Some(flag) = edit {
                let at = cmd.iter().position(|f| f == flag);
                assert!(at.is_some(), "{pod}: {flag} lost: {cmd:?}");
                cmd.remove(at.unwrap());
            }
            assert_eq!(got, want, "{pod}: the upgraded manifest (without the operator's edits) differs from a fresh init of {version}");
        }
        let stored =
            std::fs::read_to_string(self.root.join("etc/kubernetes/kforge-cluster-config.yaml"))
                .unwrap();
        assert!(
            stored.contains(&format!("kubernetesVersion: {version}.0\n")),
            "{stored}"
        );
        assert!(
            stored.starts_with("# The cluster-wide configuration"),
            "{stored}"
        );
    }
}

/// v1.33 -> v1.34 -> v1.35 with an operator's flag and comment, a sidecar
/// placed first and an etcd flag with a comment at the end of its line: each
/// hop renders the target from the stored configuration and merges the
/// edits on, so the result is a fresh v1.35 `init` plus the edits (1.34's
/// named probe ports and the end of `creationTimestamp: null` land; the
/// retag-only edit before missed them and retagged the sidecar).
#[test]
fn two_hops_render_the_target_and_keep_the_operators_edits_and_comments() {
    let n = pinned_node("v1.33", "");
    n.operator_edits();
    // The plan of the first hop shows the three-way view.
    let plan = json(
        &n.upgrade(&[
            "plan",
            "v1.34",
            "-o",
            "json",
            "--etcd-image-tag",
            PINNED_ETCD,
        ])
        .ok(),
    );
    let change = plan["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"].as_str().unwrap().ends_with("kube-apiserver.yaml"))
        .unwrap_or_else(|| panic!("no kube-apiserver.yaml change: {plan:#}"));
    let kept = change["kept"].to_string();
    assert!(
        kept.contains("flag --audit-log-maxage=30 (added)"),
        "{kept}"
    );
    assert!(kept.contains("container log-shipper (added)"), "{kept}");
    let diff = change["diff"].to_string();
    assert!(diff.contains("+    - containerPort: 6443"), "{diff}");
    assert!(!diff.contains("log-shipper"), "{diff}");
    let (table, _) = n
        .upgrade(&["plan", "v1.34", "--etcd-image-tag", PINNED_ETCD])
        .output();
    let table = String::from_utf8_lossy(&table.stdout).to_string();
    assert!(table.contains("your edits kept"), "{table}");
    let report = n.hop("v1.34");
    let line = step(&report, "kube-apiserver", "upgraded").unwrap()["detail"].to_string();
    assert!(line.contains("kept your edits: "), "{line}");
    assert!(line.contains("--audit-log-maxage=30"), "{line}");
    n.hop("v1.35");
    n.equals_fresh_init_plus_edits("v1.35", "");
    n.data_intact();
}

/// Three hops (v1.31 -> v1.34: the scheduler's probes move to /livez and
/// /readyz, `creationTimestamp: null` goes, probe ports are named) on a node
/// made by a kforge that stored no base: the render of the release it runs
/// stands in, and the plan says so.
#[test]
fn three_hops_from_a_node_without_a_stored_base_end_at_a_fresh_init_plus_the_edits() {
    let n = pinned_node("v1.31", "");
    let rendered = n.root.join("etc/kubernetes/.kforge-rendered");
    assert!(rendered.join("kube-apiserver.yaml").is_file());
    std::fs::remove_dir_all(&rendered).unwrap();
    n.operator_edits();
    let plan = json(
        &n.upgrade(&[
            "plan",
            "v1.32",
            "-o",
            "json",
            "--etcd-image-tag",
            PINNED_ETCD,
        ])
        .ok(),
    );
    assert!(
        plan["changes"].to_string().contains("no stored base"),
        "{plan:#}"
    );
    for to in ["v1.32", "v1.33", "v1.34"] {
        n.hop(to);
        assert!(rendered.join("kube-scheduler.yaml").is_file());
    }
    n.equals_fresh_init_plus_edits("v1.34", "");
    n.data_intact();
}

/// A value the operator and the new render both changed, differently (a
/// hand-tuned flag; the stored configuration now says another value): the
/// plan blocks with both sides and the ways out; apply changes nothing;
/// `--prefer-new` and `--prefer-mine` settle it.
#[test]
fn a_true_conflict_is_a_blocker_with_both_sides_until_prefer_settles_it() {
    let n = pinned_node("v1.33", "");
    n.edit_manifest("kube-controller-manager", |t| {
        t.replace(
            "    - --leader-elect=true\n",
            "    - --leader-elect=true\n    - --leader-elect-lease-duration=30s\n",
        )
    });
    // The team puts another value in the stored configuration.
    let stored = n.root.join("etc/kubernetes/kforge-cluster-config.yaml");
    let text = std::fs::read_to_string(&stored).unwrap();
    let text = text.replace(
        "controllerManager: {}\n",
        "controllerManager:\n  extraArgs:\n  - name: leader-elect-lease-duration\n    value: 20s\n",
    );
    assert!(text.contains("value: 20s"), "{text}");
    std::fs::write(&stored, text).unwrap();
    let cm_before = n.manifest("kube-controller-manager");
    let pin = ["--etcd-image-tag", PINNED_ETCD];
    let (out, _) = n
        .upgrade(&["plan", "v1.34", "-o", "json"])
        .args(pin)
        .fails_with(1);
    let plan = json(&out);
    let blocker = plan["blockers"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| {
            b["what"]
                .as_str()
                .unwrap()
                .contains("--leader-elect-lease-duration")
        })
        .unwrap_or_else(|| panic!("no conflict blocker: {plan:#}"))
        .to_string();
    assert!(blocker.contains("yours \\\"30s\\\""), "{blocker}");
    assert!(blocker.contains("renders \\\"20s\\\""), "{blocker}");
    assert!(blocker.contains("--prefer-mine"), "{blocker}");
    assert!(blocker.contains("kforge-cluster-config.yaml"), "{blocker}");
    let (out, _) = n
        .upgrade(&["apply", "v1.34", "--yes"])
        .args(pin)
        .fails_with(1);
    assert!(out.contains("--leader-elect-lease-duration"), "{out}");
    assert_eq!(n.manifest("kube-controller-manager"), cm_before);
    assert!(n.images()[1..].iter().all(|i| i.ends_with(":v1.33.0")));
    // --prefer-new settles it in the plan; --prefer-mine in the apply.
    let plan = json(
        &n.upgrade(&["plan", "v1.34", "-o", "json", "--prefer-new"])
            .args(pin)
            .ok(),
    );
    assert!(
        plan["changes"].to_string().contains("--prefer-new"),
        "{plan:#}"
    );
    // Or the stored configuration says what the operator wants: no conflict.
    let with_20s = std::fs::read_to_string(&stored).unwrap();
    std::fs::write(&stored, with_20s.replace("value: 20s", "value: 30s")).unwrap();
    n.upgrade(&["plan", "v1.34"]).args(pin).ok();
    std::fs::write(&stored, &with_20s).unwrap();
    let args = ["apply", "v1.34", "--yes", "-o", "json", "--prefer-mine"];
    let report = json(&n.upgrade(&args).args(pin).ok());
    assert_eq!(report["outcome"], "upgraded", "{report:#}");
    let cm = n.manifest("kube-controller-manager");
    assert!(cm.contains("- --leader-elect-lease-duration=30s\n"), "{cm}");
    assert!(!cm.contains("=20s"), "{cm}");
    n.kubelet.wait_healthy(ETCD_PODS);
}

/// An executable script at `path`.
fn script(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
    std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o755)).unwrap();
}

/// etcd 3.4 -> 3.5 on one member: the new etcd starts and migrates the data
/// (a lone member moves the cluster version to 3.5 at once), but kforge
/// cannot reach it (a wrapper moves its client port). "Could not reach
/// etcd" is no proof that the cluster version did not move, so etcd is not
/// rolled back by binary (3.4 would refuse the data: "cluster cannot be
/// downgraded"): the new manifest stays, exit 1, and the way back named is
/// `snapshot restore` of the pre-upgrade snapshot, with its path.
#[test]
fn an_unreachable_etcd_that_migrated_the_data_is_not_rolled_back_by_binary() {
    const MOVED: u16 = 23790;
    let dir = tempdir();
    let moved = dir.path().join("etcd-moved-port");
    script(
        &moved,
        &format!(
            "#!/bin/bash\nargs=()\nfor a in \"$@\"; do args+=(\"${{a//:2379/:{MOVED}}}\"); done\nexec {} \"${{args[@]}}\"\n",
            etcd_dir("3.5.1").join("etcd").display()
        ),
    );
    let n = Node::start_at(
        "v1.31",
        None,
        &[
            (etcd_image("v1.31"), etcd34()),
            (etcd_image("v1.32"), moved.clone()),
        ],
        &[],
    );
    assert_eq!(n.etcd_server_version(), "3.4.23");
    let plan = json(&n.upgrade(&["plan", "v1.32", "-o", "json"]).ok());
    assert_eq!(plan["etcd"]["minorChange"], true, "{plan:#}");

    let (out, err) = n
        .upgrade(&[
            "apply",
            "v1.32",
            "--yes",
            "-o",
            "json",
            "--component-timeout",
            "15s",
        ])
        .fails_with(1);
    let report = json(&out);
    assert_eq!(report["outcome"], "failed", "{report:#}\n{err}");
    assert!(step(&report, "etcd", "failed").is_some(), "{report:#}");
    let refused = step(&report, "etcd", "rollback-refused")
        .unwrap_or_else(|| panic!("etcd was not refused a binary rollback: {report:#}"));
    assert!(
        refused["detail"]
            .as_str()
            .unwrap()
            .contains("no member answered"),
        "{refused}"
    );
    assert!(step(&report, "etcd", "rolled-back").is_none(), "{report:#}");
    let snap = report["snapshot"].as_str().unwrap();
    assert!(Path::new(snap).is_file(), "{snap}");
    let restore = format!("kforge snapshot restore {snap} --apply");
    assert!(
        report["next"].as_str().unwrap().contains(&restore),
        "{report:#}"
    );
    assert!(err.contains("etcd failed on local"), "{err}");
    // The new manifest stays, and the new etcd serves the migrated data on
    // its moved port; nothing after etcd was touched.
    assert_eq!(n.image("etcd"), etcd_image("v1.32"));
    assert_eq!(
        n.image("kube-apiserver"),
        "registry.k8s.io/kube-apiserver:v1.31.0"
    );
    let at_moved = node_etcdctl(
        &n.root,
        &format!("https://127.0.0.1:{MOVED}"),
        "apiserver-etcd-client",
    );
    let status: serde_json::Value =
        serde_json::from_str(&at_moved.args(["endpoint", "status", "-w", "json"]).ok()).unwrap();
    assert_eq!(status[0]["Status"]["version"], "3.5.1", "{status}");
    // The pre-upgrade snapshot holds the data (the way back).
    let st = support::etcd::etcdutl_status(Path::new(snap));
    assert!(st["totalKey"].as_u64().unwrap() >= 20, "{st}");
}

/// The etcd step waits for a new etcd that takes a few seconds to start.
fn slow_etcd(dir: &Path) -> PathBuf {
    let slow = dir.join("slow-etcd");
    script(
        &slow,
        &format!(
            "#!/bin/sh\nsleep 3\nexec {} \"$@\"\n",
            etcd_dir("3.5.1").join("etcd").display()
        ),
    );
    slow
}

/// The steps of a one-node hop, in order, each a pause point.
const UPGRADE_POINTS: &[&str] = &[
    "preflight",
    "snapshot",
    "certificates",
    "move-etcd-leader",
    "etcd",
    "kube-apiserver",
    "kube-controller-manager",
    "kube-scheduler",
    "kubelet",
];

/// SIGINT or SIGTERM at every step of `upgrade apply`: the step in flight
/// finishes and is verified (the component at the new version and healthy;
/// a slow etcd is waited for, not abandoned), nothing later starts, exit
/// 130/143, and the last line says what the report says; the re-run
/// finishes, reporting the version the upgrade started from.
#[test]
fn sigint_and_sigterm_at_each_step_of_an_upgrade_leave_a_verified_node_and_the_rerun_finishes() {
    let components = [
        "etcd",
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ];
    for (i, point) in UPGRADE_POINTS.iter().enumerate() {
        let (signal, code) = if i % 2 == 0 {
            ("INT", 130)
        } else {
            ("TERM", 143)
        };
        let dir = tempdir();
        let n = Node::start(&slow_etcd(dir.path()), &[]);
        let marks = tempdir();
        let mut run = n
            .upgrade(&["apply", "v1.32", "--yes"])
            .env("KFORGE_TEST_PAUSE", point)
            .env("KFORGE_TEST_PAUSE_MARK", marks.path())
            .spawn(&dir.path().join("apply.log"));
        let paused = wait_until(Duration::from_secs(60), || {
            marks.path().join("local").exists()
        });
        assert!(paused, "{point}: never paused:\n{}", run.log_text());
        cmd("kill")
            .args([&format!("-{signal}"), &run.child.id().to_string()])
            .ok();
        let status = run.child.wait().unwrap();
        let text = run.log_text();
        let what = format!("SIG{signal} in {point}:\n{text}");
        assert_eq!(status.code(), Some(code), "{what}");
        let last = text.lines().last().unwrap_or_default();
        assert!(
            last.contains(&format!("interrupted by SIG{signal}")),
            "{what}"
        );
        assert!(!text.contains("rollback incomplete"), "{what}");
        assert!(!text.contains("rolled-back"), "{what}");
        // The components up to the paused one are at v1.32, the rest untouched.
        let upto = components.iter().position(|c| c == point);
        let after_all = *point == "kubelet";
        for (k, c) in components.iter().enumerate() {
            let new = after_all || upto.is_some_and(|u| k <= u);
            let want = match (k, new) {
                (0, true) => etcd_image("v1.32"),
                (0, false) => etcd_image("v1.31"),
                (_, true) => format!("registry.k8s.io/{c}:v1.32.0"),
                (_, false) => format!("registry.k8s.io/{c}:v1.31.0"),
            };
            assert_eq!(n.image(c), want, "{what}");
        }
        if let Some(u) = upto {
            let c = components[u];
            assert!(
                last.contains(&format!("{c} on local")),
                "the last line does not name the finished step: {what}"
            );
        } else if !after_all && *point != "move-etcd-leader" {
            assert!(
                last.contains("no component was changed") || last.contains("nothing was changed"),
                "{what}"
            );
        }
        n.kubelet.wait_healthy(ETCD_PODS);
        n.data_intact();
        // The re-run finishes, and says where the upgrade started.
        let report = json(&n.upgrade(&["apply", "v1.32", "--yes", "-o", "json"]).ok());
        assert_eq!(report["outcome"], "upgraded", "{point}: {report:#}");
        assert_eq!(report["from"], "v1.31.0", "{point}: {report:#}");
        let notes = report["notes"].to_string();
        assert!(!notes.contains("--skip-workers"), "{point}: {notes}");
        assert_eq!(
            report["resumed"],
            *point != "preflight",
            "{point}: {report:#}"
        );
        n.kubelet.wait_healthy(ETCD_PODS);
        n.data_intact();
    }
}

/// A second signal stops at once, saying what is left in flight and how to
/// resume; the re-run finishes.
#[test]
fn a_second_signal_stops_at_once_and_says_what_is_left() {
    let dir = tempdir();
    let n = Node::start(&slow_etcd(dir.path()), &[]);
    let marks = tempdir();
    let mut run = n
        .upgrade(&["apply", "v1.32", "--yes"])
        .env("KFORGE_TEST_PAUSE", "etcd")
        .env("KFORGE_TEST_PAUSE_MARK", marks.path())
        .spawn(&dir.path().join("apply.log"));
    assert!(
        wait_until(Duration::from_secs(60), || marks
            .path()
            .join("local")
            .exists()),
        "{}",
        run.log_text()
    );
    let pid = run.child.id().to_string();
    cmd("kill").args(["-INT", &pid]).ok();
    // The first signal: the step goes on (the manifest is swapped and waited on).
    assert!(
        wait_until(Duration::from_secs(30), || n.image("etcd")
            == etcd_image("v1.32")),
        "{}",
        run.log_text()
    );
    assert!(run.is_running(), "{}", run.log_text());
    cmd("kill").args(["-TERM", &pid]).ok();
    let status = run.child.wait().unwrap();
    let text = run.log_text();
    assert_eq!(status.code(), Some(143), "{text}");
    assert!(
        text.contains("SIGINT received: finishing or undoing the step in flight"),
        "{text}"
    );
    let last = text.lines().last().unwrap_or_default();
    assert!(
        last.contains("stopped at once by a second SIGTERM"),
        "{text}"
    );
    assert!(last.contains("etcd on local in flight"), "{text}");
    assert!(last.contains("upgrade-apply.json"), "{text}");
    assert!(last.contains("`kforge upgrade apply v1.32`"), "{text}");
    let report = json(&n.upgrade(&["apply", "v1.32", "--yes", "-o", "json"]).ok());
    assert_eq!(report["outcome"], "upgraded", "{report:#}");
    assert_eq!(report["resumed"], true);
    n.kubelet.wait_healthy(ETCD_PODS);
    n.data_intact();
}

/// Unmounts a tmpfs when dropped.
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

/// Under `--root`, the free-disk blocker measures the node's backup
/// directory (here a 16 KiB tmpfs), not the file system kforge runs on.
#[test]
fn the_disk_blocker_measures_the_backup_directory_under_root() {
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.31")).ok();
    let plan = |root: &Path| -> serde_json::Value {
        let (out, _) = kforge()
            .args(["upgrade", "plan", "v1.32", "-o", "json", "--root"])
            .arg(root)
            .output();
        json(&String::from_utf8_lossy(&out.stdout))
    };
    let disk_blockers = |p: &serde_json::Value| -> Vec<String> {
        p["blockers"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|b| b["what"] == "disk on local")
            .map(|b| b["reason"].as_str().unwrap().to_string())
            .collect()
    };
    // Plenty of room where the test's temporary directory is.
    assert!(disk_blockers(&plan(&root)).is_empty());
    let tmp = root.join("etc/kubernetes/tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    cmd("mount")
        .args(["-t", "tmpfs", "-o", "size=16k", "tmpfs"])
        .arg(&tmp)
        .ok();
    let _mounted = Mounted(tmp.clone());
    let p = plan(&root);
    let found = disk_blockers(&p);
    assert_eq!(found.len(), 1, "{p:#}");
    assert!(
        found[0].contains(&tmp.join("kforge-upgrade").display().to_string()),
        "{found:?}"
    );
    let disk = &p["inventory"]["nodes"][0]["disk"];
    assert!(
        disk["availableBytes"].as_u64().unwrap() <= 16 * 1024,
        "{disk}"
    );
}

/// `plan WORD`: `latest` and words that are neither a version nor a host
/// are "not a Kubernetes version", releases outside the table one error,
/// all exit 2 before any connection; `v1.32` / `stable-1.32` on a control
/// plane at v1.32.2 is that patch, nothing to do (never a downgrade).
#[test]
fn version_words_resolve_from_the_table_and_other_words_are_one_error() {
    let dir = tempdir();
    let root = dir.path().join("node");
    kforge().args(init_args(&root, "v1.31")).ok();
    let plan = |args: &[&str]| {
        kforge()
            .args(["upgrade", "plan"])
            .args(args)
            .arg("--root")
            .arg(&root)
            .output()
    };
    for (word, says) in [
        ("latest", "not a Kubernetes version"),
        ("nosuchword", "not a Kubernetes version"),
        ("v1.99.0", "not supported"),
        ("stable-1.99", "not supported"),
    ] {
        let (out, d) = plan(&[word]);
        assert_eq!(out.status.code(), Some(2), "{word}: {d}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{word}: {d}");
        assert!(err.contains(says), "{word}: {d}");
        assert!(out.stdout.is_empty(), "{word}: {d}");
    }
    for c in [
        "kube-apiserver",
        "kube-controller-manager",
        "kube-scheduler",
    ] {
        let m = root.join(format!("etc/kubernetes/manifests/{c}.yaml"));
        let text = std::fs::read_to_string(&m).unwrap();
        std::fs::write(&m, text.replace(":v1.31.0", ":v1.32.2")).unwrap();
    }
    for word in ["v1.32", "1.32", "stable-1.32"] {
        let (out, d) = plan(&[word, "-o", "json"]);
        let p = json(&String::from_utf8_lossy(&out.stdout));
        assert_eq!(p["current"], "v1.32.2", "{word}: {d}");
        assert_eq!(p["target"], "v1.32.2", "{word}: {d}");
        assert!(p["hops"].as_array().unwrap().is_empty(), "{word}: {p:#}");
        assert!(!p["blockers"].to_string().contains("older than"), "{p:#}");
    }
    let (out, _) = plan(&["v1.32"]);
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.contains("PATH v1.32.2 -> v1.32.2\n  nothing to do"),
        "{table}"
    );
}
