//! Joining a worker: a kubelet client certificate issued here by the
//! cluster CA (or a bootstrap kubeconfig with --tls-bootstrap), the
//! cluster-wide kubelet configuration, the node's kubelet flags, then a
//! kubelet restart where systemd runs.

use super::{HostJob, HostReport, Steps};
use crate::install::Installer;
use crate::kubeconfig;
use crate::kubelet::{self, KubeletSettings};
use crate::node::read_string;
use crate::paths;
use crate::pki::{self, keys, table::Usage, CertRequest};
use crate::rollout::Flow;
use crate::spec::kubeadm_api::ExtraArgs;
use anyhow::{anyhow, bail, Result};
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

const BOOTSTRAP_KUBECONFIG: &str = paths::BOOTSTRAP_KUBELET_CONF;

/// `Some(true)`: joined to this cluster; `Some(false)`: to another; `None`: not joined.
pub(crate) fn joined_to(job: &HostJob) -> Result<Option<bool>> {
    for path in [
        kubeconfig::KUBELET.path(),
        PathBuf::from(BOOTSTRAP_KUBECONFIG),
    ] {
        if let Some(text) = read_string(job.node, &path)? {
            // A file that is no kubeconfig says nothing about a cluster.
            let ca = kubeconfig::parse(&text)
                .ok()
                .and_then(|k| k.clusters.first().and_then(|c| c.cluster.ca_data.clone()))
                .and_then(|d| kubeconfig::decode_b64(&d).ok())
                .ok_or_else(|| {
                    anyhow!(
                        "{} is not a kubeconfig with an embedded cluster CA; move it away (or run `kubeadm reset` there) and retry",
                        path.display()
                    )
                })?;
            return Ok(Some(ca.trim() == job.cluster.ca_cert().pem.trim()));
        }
    }
    Ok(None)
}

/// The kubelet's extra flags for this host: its labels and taints.
pub(crate) fn kubelet_args(job: &HostJob) -> ExtraArgs {
    let mut a = Vec::new();
    if !job.host.labels.is_empty() {
        let l: Vec<String> = job
            .host
            .labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect();
        a.push(("node-labels".to_string(), l.join(",")));
    }
    if !job.host.taints.is_empty() {
        let t: Vec<String> = job
            .host
            .taints
            .iter()
            .map(|t| match &t.value {
                Some(v) => format!("{}={v}:{}", t.key, t.effect),
                None => format!("{}:{}", t.key, t.effect),
            })
            .collect();
        a.push(("register-with-taints".to_string(), t.join(",")));
    }
    ExtraArgs(a)
}

/// The cluster's kubelet configuration for this host (its own CRI socket).
fn kubelet_config(job: &HostJob) -> Result<String> {
    let mut cfg = job.cluster.kubelet_config.clone();
    if job.cluster.spec.release.node_local_cri_socket {
        cfg["containerRuntimeEndpoint"] = job.host.cri_socket.clone().into();
    }
    Ok(serde_yaml_ng::to_string(&cfg)?)
}

/// Whether the host is already joined to this cluster (then it is done).
pub(crate) fn state(job: &HostJob, steps: &mut Steps) -> Result<Flow> {
    match joined_to(job)? {
        Some(true) => {
            steps.add("already joined to this cluster: skipped");
            Ok(Flow::Done)
        }
        Some(false) => bail!(
            "already joined to a different cluster (its kubelet.conf trusts another CA); run `kubeadm reset` there first"
        ),
        None => Ok(Flow::Next),
    }
}

/// Writes the worker's files and kforge's ledger; what was written is in
/// `report.files` also on failure (the step's undo removes it).
pub(crate) fn write(job: &HostJob, steps: &mut Steps, report: &mut HostReport) -> Result<()> {
    let inst = Installer::new(job.node, job.o.force)?;
    let result = write_files(job, &inst, steps);
    report.files = inst.records();
    result?;
    inst.save_ledger()?;
    if job.node.is_dry_run() {
        steps.add(super::plan_line(&report.files));
        steps.add("would restart the kubelet");
    }
    Ok(())
}

fn write_files(job: &HostJob, inst: &Installer, steps: &mut Steps) -> Result<()> {
    let c = job.cluster;
    let ca_path = pki::table::CA.cert_path(&c.spec.cert_dir);
    inst.install(&ca_path, c.ca_cert().pem.as_bytes(), pki::CERT_MODE)?;
    if job.o.tls_bootstrap {
        let (token, _) = crate::token::read_token_secret(&c.local, Path::new(paths::BOOTSTRAP_TOKEN_SECRET), OffsetDateTime::now_utc())?
            .ok_or_else(|| anyhow!("no valid bootstrap token on this node ({}): run `kforge init phase show-join-command`", paths::BOOTSTRAP_TOKEN_SECRET))?;
        let text = bootstrap_kubeconfig(
            &c.cluster_name,
            &c.server,
            &c.ca_cert().pem,
            &token.to_string(),
        );
        inst.install(
            Path::new(BOOTSTRAP_KUBECONFIG),
            text.as_bytes(),
            kubeconfig::MODE,
        )?;
        steps
            .add("wrote bootstrap-kubelet.conf (TLS bootstrap with the cluster's bootstrap token)");
    } else {
        let user = format!("system:node:{}", job.name);
        let req = CertRequest {
            common_name: user.clone(),
            organizations: vec!["system:nodes".into()],
            sans: vec![],
            usages: vec![Usage::ClientAuth],
            is_ca: false,
        };
        let key = job.keys.take()?;
        let cert = pki::issue::issue(
            &req,
            &key,
            Some(&c.ca),
            c.spec.validity,
            OffsetDateTime::now_utc(),
        )?;
        let text = kubeconfig::render(
            &c.cluster_name,
            &c.server,
            &c.ca_cert().pem,
            &user,
            &cert.pem,
            &keys::private_key_pem(&key)?,
        );
        inst.install(
            &kubeconfig::KUBELET.path(),
            text.as_bytes(),
            kubeconfig::MODE,
        )?;
        steps.add(format!(
            "issued {user} (O=system:nodes) and wrote kubelet.conf"
        ));
    }
    job.node
        .create_dir_all(Path::new(paths::KUBELET_DIR), 0o700)?;
    inst.install(
        Path::new(paths::KUBELET_CONFIG),
        kubelet_config(job)?.as_bytes(),
        kubelet::CONFIG_MODE,
    )?;
    let args = kubelet_args(job);
    let settings = KubeletSettings {
        release: c.spec.release,
        cert_dir: &c.spec.cert_dir,
        service_subnets: &c.spec.service_subnets,
        dns_domain: &c.spec.dns_domain,
        cri_socket: &job.host.cri_socket,
        image_repository: &c.spec.image_repository,
        node_name: job.name,
        hostname: Some(job.hostname),
        extra_args: &args,
        systemd_resolved: false,
        overrides: None,
    };
    inst.install(
        Path::new(paths::KUBELET_FLAGS_ENV),
        kubelet::flags_env(&settings).as_bytes(),
        kubelet::CONFIG_MODE,
    )?;
    if let Some(ic) = kubelet::instance_config(&settings) {
        inst.install(
            Path::new(kubelet::INSTANCE_CONFIG),
            ic.as_bytes(),
            kubelet::CONFIG_MODE,
        )?;
    }
    steps.add("wrote the kubelet configuration and flags");
    Ok(())
}

/// kubeadm's bootstrap kubeconfig: the token user `tls-bootstrap-token-user`.
fn bootstrap_kubeconfig(cluster: &str, server: &str, ca_pem: &str, token: &str) -> String {
    use base64::Engine;
    let ctx = format!("tls-bootstrap-token-user@{cluster}");
    let doc = serde_json::json!({
        "apiVersion": "v1",
        "clusters": [{"cluster": {"certificate-authority-data": base64::engine::general_purpose::STANDARD.encode(ca_pem), "server": server}, "name": cluster}],
        "contexts": [{"context": {"cluster": cluster, "user": "tls-bootstrap-token-user"}, "name": ctx}],
        "current-context": ctx,
        "kind": "Config",
        "preferences": {},
        "users": [{"name": "tls-bootstrap-token-user", "user": {"token": token}}],
    });
    serde_yaml_ng::to_string(&doc).expect("serializes")
}
