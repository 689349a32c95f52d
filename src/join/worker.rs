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

/// Whether the host is already joined to this cluster: `Some(name)` with
/// the node name its kubelet.conf gives (if any), then the run converges
/// its files; `None` for a fresh host.
pub(crate) fn state(job: &HostJob, steps: &mut Steps) -> Result<Option<Option<String>>> {
    match joined_to(job)? {
        Some(true) => {
            let name = read_string(job.real, &kubeconfig::KUBELET.path())?
                .and_then(|t| kubeconfig::parse(&t).ok())
                .and_then(|k| k.users.first().map(|u| u.name.clone()))
                .and_then(|u| u.strip_prefix("system:node:").map(str::to_string));
            steps.add("joined to this cluster before: comparing its files with the desired state");
            Ok(Some(name))
        }
        Some(false) => bail!(
            "already joined to a different cluster (its kubelet.conf trusts another CA); run `kubeadm reset` there first"
        ),
        None => Ok(None),
    }
}

/// Whether the host's kubelet.conf is a valid equivalent of the one this
/// join would write: it trusts this cluster's CA, points at its API
/// server, and carries a client certificate of `system:node:<name>` signed
/// by the cluster CA and not expired. (A fresh one would differ only in
/// its key and serial.)
fn kubelet_conf_fits(job: &HostJob) -> Result<bool> {
    let Some(text) = read_string(job.real, &kubeconfig::KUBELET.path())? else {
        return Ok(false);
    };
    let Ok(k) = kubeconfig::parse(&text) else {
        return Ok(false);
    };
    let c = job.cluster;
    let user = format!("system:node:{}", job.name);
    let ca_ok = k
        .clusters
        .first()
        .and_then(|cl| cl.cluster.ca_data.as_deref())
        .and_then(|d| kubeconfig::decode_b64(d).ok())
        .is_some_and(|ca| ca.trim() == c.ca_cert().pem.trim());
    let server_ok = k
        .clusters
        .first()
        .is_some_and(|cl| cl.cluster.server == c.server);
    let Some(u) = k.users.first() else {
        return Ok(false);
    };
    let cert = u
        .user
        .cert_data
        .as_deref()
        .and_then(|d| kubeconfig::decode_b64(d).ok())
        .and_then(|pem| pki::CertInfo::from_pem(&pem).ok());
    let cert_ok = cert.is_some_and(|cert| {
        cert.common_name == user
            && cert.organizations.iter().any(|o| o == "system:nodes")
            && cert.verify_signed_by(c.ca_cert()).is_ok()
            && cert.not_after > OffsetDateTime::now_utc()
    });
    Ok(ca_ok && server_ok && u.name == user && u.user.key_data.is_some() && cert_ok)
}

/// What a converging run (host joined before) changed, or would change.
#[derive(Default)]
pub(crate) struct Changes {
    /// Files that were missing and were written.
    pub written: Vec<String>,
    /// Files whose content differed and were rewritten (drift).
    pub updated: Vec<String>,
    /// Files whose content differs but `--no-update` kept.
    pub drift: Vec<String>,
    /// Temp files of killed runs that were removed.
    pub temps: Vec<String>,
    /// Files with the right content but the wrong mode or owner, fixed.
    pub fixed: Vec<String>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.written.is_empty()
            && self.updated.is_empty()
            && self.drift.is_empty()
            && self.temps.is_empty()
            && self.fixed.is_empty()
    }
}

/// Installs a file; on a joined host with `--no-update`, a file whose
/// content differs is only noted as drift.
fn put(
    job: &HostJob,
    inst: &Installer,
    path: &Path,
    data: &[u8],
    mode: u32,
    ch: &mut Changes,
) -> Result<()> {
    let name = path.display().to_string();
    let current = job.real.read(path)?;
    if job.joined && job.o.no_update && current.as_deref().is_some_and(|c| c != data) {
        ch.drift.push(name);
        return Ok(());
    }
    match inst.install(path, data, mode)? {
        crate::install::Outcome::Created => ch.written.push(name),
        crate::install::Outcome::Replaced => ch.updated.push(name),
        _ => fix_meta(job, path, data, mode, ch)?,
    }
    crate::rollout::pause_point(&job.host.spec, "write-files:mid");
    Ok(())
}

/// A file with the right content (`data`) but the wrong mode or owner is
/// written again, which gives it both (the SSH user owns what it writes;
/// the owner is checked when that user is root).
fn fix_meta(job: &HostJob, path: &Path, data: &[u8], mode: u32, ch: &mut Changes) -> Result<()> {
    let Some(m) = job.real.meta(path)? else {
        return Ok(());
    };
    let root = job.host.user == "root";
    let mut wrong = Vec::new();
    if m.mode != mode {
        wrong.push(format!("mode {:04o}, not {mode:04o}", m.mode));
    }
    if root && (m.uid != 0 || m.gid != 0) {
        wrong.push(format!("owner {}:{}, not 0:0", m.uid, m.gid));
    }
    if !wrong.is_empty() {
        job.node.write_atomic(path, data, mode)?;
        ch.fixed
            .push(format!("{} ({})", path.display(), wrong.join(", ")));
    }
    Ok(())
}

/// Writes the worker's files and kforge's ledger; what was written is in
/// `report.files` also on failure (the step's undo removes it).
pub(crate) fn write(job: &HostJob, steps: &mut Steps, report: &mut HostReport) -> Result<Changes> {
    let inst = Installer::new(job.node, job.o.force)?;
    let mut ch = Changes {
        temps: super::remove_stray_temps(job)?
            .iter()
            .map(|p| p.display().to_string())
            .collect(),
        ..Changes::default()
    };
    let result = write_files(job, &inst, steps, &mut ch);
    report.files = inst.records();
    result?;
    let ledger = Path::new(paths::LEDGER);
    if job.joined && !job.real.exists(ledger)? {
        ch.written.push(ledger.display().to_string());
    }
    if !(job.joined && ch.is_empty()) {
        inst.save_ledger()?;
    }
    if job.node.is_dry_run() && !(job.joined && ch.is_empty()) {
        steps.add(super::plan_line(&report.files));
        steps.add("would restart the kubelet");
    }
    Ok(ch)
}

fn write_files(job: &HostJob, inst: &Installer, steps: &mut Steps, ch: &mut Changes) -> Result<()> {
    let c = job.cluster;
    let ca_path = pki::table::CA.cert_path(&c.spec.cert_dir);
    put(
        job,
        inst,
        &ca_path,
        c.ca_cert().pem.as_bytes(),
        pki::CERT_MODE,
        ch,
    )?;
    let kubelet_conf = kubeconfig::KUBELET.path();
    if job.joined
        && (kubelet_conf_fits(job)? || (job.o.tls_bootstrap && job.real.exists(&kubelet_conf)?))
    {
        inst.note(
            &kubelet_conf,
            crate::install::Outcome::Reused,
            kubeconfig::MODE,
        );
        if let Some(current) = job.real.read(&kubelet_conf)? {
            fix_meta(job, &kubelet_conf, &current, kubeconfig::MODE, ch)?;
        }
    } else if job.o.tls_bootstrap {
        let (token, _) = crate::token::read_token_secret(&c.local, Path::new(paths::BOOTSTRAP_TOKEN_SECRET), OffsetDateTime::now_utc())?
            .ok_or_else(|| anyhow!("no valid bootstrap token on this node ({}): run `kforge init phase show-join-command`", paths::BOOTSTRAP_TOKEN_SECRET))?;
        let text = bootstrap_kubeconfig(
            &c.cluster_name,
            &c.server,
            &c.ca_cert().pem,
            &token.to_string(),
        );
        put(
            job,
            inst,
            Path::new(BOOTSTRAP_KUBECONFIG),
            text.as_bytes(),
            kubeconfig::MODE,
            ch,
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
        put(
            job,
            inst,
            &kubelet_conf,
            text.as_bytes(),
            kubeconfig::MODE,
            ch,
        )?;
        steps.add(format!(
            "issued {user} (O=system:nodes) and wrote kubelet.conf"
        ));
    }
    job.node
        .create_dir_all(Path::new(paths::KUBELET_DIR), 0o700)?;
    put(
        job,
        inst,
        Path::new(paths::KUBELET_CONFIG),
        kubelet_config(job)?.as_bytes(),
        kubelet::CONFIG_MODE,
        ch,
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
    put(
        job,
        inst,
        Path::new(paths::KUBELET_FLAGS_ENV),
        kubelet::flags_env(&settings).as_bytes(),
        kubelet::CONFIG_MODE,
        ch,
    )?;
    if let Some(ic) = kubelet::instance_config(&settings) {
        put(
            job,
            inst,
            Path::new(kubelet::INSTANCE_CONFIG),
            ic.as_bytes(),
            kubelet::CONFIG_MODE,
            ch,
        )?;
    }
    if !job.joined {
        steps.add("wrote the kubelet configuration and flags");
    }
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
