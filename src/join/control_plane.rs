//! Joining a control-plane node with stacked etcd, without any expiring
//! secret: the shared CA material is copied over SSH, the node's own
//! certificates, kubeconfigs and manifests come from init's phases run on
//! the remote node, and its etcd joins as a learner that is promoted once
//! it has caught up. A member is never added while another is unhealthy.

use super::{worker, EtcdTarget, HostJob, HostReport, Steps};
use crate::components;
use crate::etcd::client::{self, EtcdEndpoint};
use crate::install::Installer;
use crate::manifests::{self, EtcdMembership};
use crate::node::read_string;
use crate::output::{Format, Printer};
use crate::phases::{self, init::InitContext, Selection};
use crate::pki::{self, table};
use crate::spec::ClusterSpec;
use anyhow::{anyhow, bail, Context, Result};
use std::net::{IpAddr, ToSocketAddrs};
use std::path::Path;
use std::time::{Duration, Instant};

/// CA material every control-plane node shares (base names under the cert dir).
const SHARED_CAS: &[&str] = &[
    table::CA.base,
    table::FRONT_PROXY_CA.base,
    table::ETCD_CA.base,
];

fn address(job: &HostJob) -> Result<IpAddr> {
    if let Ok(ip) = job.host.address.parse::<IpAddr>() {
        return Ok(ip);
    }
    (job.host.address.as_str(), 0)
        .to_socket_addrs()
        .ok()
        .and_then(|mut a| a.next())
        .map(|a| a.ip())
        .ok_or_else(|| {
            anyhow!(
                "cannot resolve {} to the address this node advertises",
                job.host.address
            )
        })
}

/// A client of the existing etcd cluster, from this (the first) control-plane node.
fn cluster_etcd(job: &HostJob) -> Result<EtcdEndpoint> {
    let local = &job.cluster.local;
    let pod = crate::staticpod::read(local, "etcd")
        .context("the local etcd manifest (stacked etcd is required)")?;
    let url = pod
        .flag("advertise-client-urls")
        .and_then(|u| u.split(',').next().map(str::to_string))
        .ok_or_else(|| anyhow!("the local etcd manifest has no --advertise-client-urls"))?;
    let pki = super::cluster::pki_dir(&job.cluster.spec);
    Ok(EtcdEndpoint::from_node_pki(
        local,
        &pki.cert_dir,
        vec![url],
        Some(Duration::from_secs(5)),
    ))
}

/// Where the host stands with etcd: its peer URL, the cluster's etcd
/// client, and whether it is already a fully set-up control plane.
pub(crate) fn state(job: &HostJob, steps: &mut Steps) -> Result<(EtcdTarget, bool)> {
    let ip = address(job)?;
    let peer_url = format!(
        "https://{}",
        crate::values::host_port(&ip.to_string(), components::ETCD_PEER.number)
    );
    let ep = cluster_etcd(job)?;
    let members = crate::runtime::current_thread()?.block_on(async {
        let mut c = client::connect(&ep).await?;
        c.member_list()
            .await
            .map_err(|e| anyhow!("listing etcd members: {}", client::explain(&e)))
    })?;
    let member = members
        .members()
        .iter()
        .find(|m| m.peer_urls().contains(&peer_url));
    // Joined means a started voting member, not just a registered one.
    let voting = member.is_some_and(|m| !m.is_learner() && !m.client_urls().is_empty());
    let manifest = manifests::manifest_path(&components::ETCD);
    let mut target = EtcdTarget {
        ip,
        peer_url: peer_url.clone(),
        endpoint: ep,
        started_learner: None,
    };
    if voting && job.node.exists(&manifest)? && worker::joined_to(job)? == Some(true) {
        steps.add("already a control-plane node of this cluster: skipped");
        return Ok((target, true));
    }
    if let Some(m) = member.filter(|m| m.is_learner() && m.client_urls().is_empty()) {
        // A join stopped after adding this host's learner and before its
        // etcd started (killed, or a lost connection): the learner would
        // block every later join (etcd allows one), so it goes, and the
        // host joins again.
        let id = m.id();
        if job.node.is_dry_run() {
            steps.add(format!(
                "would remove etcd learner {id:x} ({peer_url}), left by an interrupted join, and join again"
            ));
        } else {
            crate::runtime::current_thread()?.block_on(async {
                let mut c = client::connect(&target.endpoint).await?;
                c.member_remove(id).await.map_err(|e| {
                    anyhow!(
                        "removing etcd learner {id:x} ({peer_url}), left by an interrupted join: {}",
                        client::explain(&e)
                    )
                })
            })?;
            let mut line = format!(
                "removed etcd learner {id:x} ({peer_url}), left by an interrupted join (never started); joining again"
            );
            if remove_learner_manifest(job, &peer_url)? {
                line.push_str(&format!("; removed its {}", manifest.display()));
            }
            steps.add(line);
        }
        return Ok((target, false));
    }
    if let Some(m) = member.filter(|m| m.is_learner()) {
        // A join stopped while its learner caught up (killed, or a lost
        // connection): the learner runs from the etcd.yaml that join wrote,
        // so this run promotes it rather than starting over.
        if learner_manifest(job, &peer_url)?.is_some() {
            target.started_learner = Some(m.id());
            steps.add(format!(
                "etcd learner {:x} ({peer_url}), left running by an interrupted join: promoting it",
                m.id()
            ));
            return Ok((target, false));
        }
    }
    if let Some(m) = member {
        let what = if m.is_learner() {
            "an etcd learner that was never promoted"
        } else if m.client_urls().is_empty() {
            "an etcd member that never started"
        } else {
            "an etcd member but the node is not fully set up"
        };
        bail!(
            "{} ({peer_url}) is {what} (member {:x}); remove it (etcdctl member remove {:x}) and retry",
            job.host.spec,
            m.id(),
            m.id()
        );
    }
    Ok((target, false))
}

/// Removes the host's etcd.yaml when it is the one a join wrote for the
/// learner at `peer_url` (joining an existing cluster); whether it did.
fn remove_learner_manifest(job: &HostJob, peer_url: &str) -> Result<bool> {
    let Some(path) = learner_manifest(job, peer_url)? else {
        return Ok(false);
    };
    job.node.remove(&path)?;
    Ok(true)
}

/// The host's etcd.yaml when it is the one a join wrote for the learner
/// at `peer_url` (joining an existing cluster).
fn learner_manifest(job: &HostJob, peer_url: &str) -> Result<Option<std::path::PathBuf>> {
    let path = manifests::manifest_path(&components::ETCD);
    let Some(text) = read_string(job.real, &path)? else {
        return Ok(None);
    };
    let ours = text.contains(&format!("--initial-advertise-peer-urls={peer_url}"))
        && text.contains("--initial-cluster-state=existing");
    Ok(ours.then_some(path))
}

/// After a failed control-plane join: removes every cluster-wide secret
/// the host holds, whichever run put it there. Only copies of this
/// cluster's own are removed: a CA or service-account key identical to
/// this node's, an admin kubeconfig that trusts this cluster's CA.
pub(crate) fn remove_shared_secrets(job: &HostJob, steps: &mut Steps) -> Result<()> {
    use crate::node::Node;
    let local = &job.cluster.local;
    let pki = super::cluster::pki_dir(&job.cluster.spec);
    let mut removed = Vec::new();
    let mut keys: Vec<std::path::PathBuf> = SHARED_CAS.iter().map(|b| pki.key_path(b)).collect();
    keys.push(pki.cert_dir.join(table::SA_KEY));
    for path in keys {
        let Some(theirs) = job.real.read(&path)? else {
            continue;
        };
        if local.read(&path)?.as_deref() == Some(theirs.as_slice()) {
            job.real.remove(&path)?;
            removed.push(path.display().to_string());
        }
    }
    for kc in [crate::kubeconfig::ADMIN, crate::kubeconfig::SUPER_ADMIN] {
        let path = kc.path();
        let Some(text) = read_string(job.real, &path)? else {
            continue;
        };
        let ours = crate::kubeconfig::parse(&text)
            .ok()
            .and_then(|k| k.clusters.first().and_then(|c| c.cluster.ca_data.clone()))
            .and_then(|d| crate::kubeconfig::decode_b64(&d).ok())
            .is_some_and(|ca| ca.trim() == job.cluster.ca_cert().pem.trim());
        if ours {
            job.real.remove(&path)?;
            removed.push(path.display().to_string());
        }
    }
    if !removed.is_empty() {
        steps.add(format!(
            "rolled back: removed the cluster's shared secrets {}",
            removed.join(", ")
        ));
    }
    Ok(())
}

fn etcd_target<'a>(job: &HostJob<'a>) -> Result<&'a EtcdTarget> {
    job.etcd
        .ok_or_else(|| anyhow!("the control plane's etcd state is unknown"))
}

/// Copies the shared CA material and runs init's phases on the host (all
/// but etcd's manifest); what was written is in `report.files` also on failure.
pub(crate) fn write(job: &HostJob, steps: &mut Steps, report: &mut HostReport) -> Result<()> {
    let t = etcd_target(job)?;
    let spec = job.cluster.spec_for_node(job.name, t.ip)?;
    let quiet = Printer::new(Format::Table, true, 0);
    let mut ctx = InitContext::new(&spec, job.node, job.o.force, true, &quiet)?;
    let result = (|| -> Result<()> {
        copy_shared_material(job, &ctx)?;
        steps.add("copied the shared CAs and service-account keys");
        let sel = Selection {
            only: None,
            // The API phases are the first control plane's (kubeadm's join
            // marks the node itself; kforge's join does not yet).
            skip: ["preflight", "etcd", "upload-config", "show-join-command"]
                .into_iter()
                .chain(crate::phases::api::API_PHASES.iter().copied())
                .map(String::from)
                .collect(),
        };
        phases::run(&phases::init::phases(), &mut ctx, &sel)?;
        steps.add("wrote this node's certificates, kubeconfigs, control-plane manifests and kubelet config");
        Ok(())
    })();
    report.files = ctx.inst.records();
    result?;
    ctx.inst.save_ledger()?;
    if job.node.is_dry_run() {
        steps.add(super::plan_line(&report.files));
        steps.add(match t.started_learner {
            Some(id) => format!("would promote etcd learner {id:x} ({})", t.peer_url),
            None => format!(
                "would add {} as an etcd learner, write etcd.yaml and promote the learner",
                t.peer_url
            ),
        });
    }
    Ok(())
}

/// Adds the host's etcd as a learner, writes its etcd.yaml and promotes it
/// (the caller runs one control plane at a time).
pub(crate) fn member(job: &HostJob, steps: &mut Steps, report: &mut HostReport) -> Result<()> {
    let t = etcd_target(job)?;
    let spec = job.cluster.spec_for_node(job.name, t.ip)?;
    let inst = Installer::new(job.node, job.o.force)?;
    let result =
        crate::runtime::current_thread()?.block_on(add_member(job, &spec, &inst, t, steps));
    report.files.extend(inst.records());
    result?;
    inst.save_ledger()
}

fn copy_shared_material(job: &HostJob, ctx: &InitContext) -> Result<()> {
    let local = &job.cluster.local;
    let pki = super::cluster::pki_dir(&job.cluster.spec);
    let mut files: Vec<(std::path::PathBuf, u32)> = Vec::new();
    for base in SHARED_CAS {
        files.push((pki.cert_path(base), pki::CERT_MODE));
        files.push((pki.key_path(base), pki::KEY_MODE));
    }
    files.push((pki.cert_dir.join(table::SA_KEY), pki::KEY_MODE));
    files.push((pki.cert_dir.join(table::SA_PUB), pki::KEY_MODE));
    for (path, mode) in files {
        use crate::node::Node;
        let data = local
            .read(&path)?
            .ok_or_else(|| anyhow!("{}: missing on this node", local.real_path(&path).display()))?;
        ctx.inst.install(&path, &data, mode)?;
    }
    Ok(())
}

async fn add_member(
    job: &HostJob<'_>,
    spec: &ClusterSpec,
    inst: &Installer<'_>,
    t: &EtcdTarget,
    steps: &mut Steps,
) -> Result<()> {
    let (ep, peer_url) = (&t.endpoint, t.peer_url.as_str());
    let mut c = client::connect(ep).await?;
    // Every current voting member must be healthy: promoting a new voter
    // raises the quorum, and a sick member could then take the cluster down.
    let list = c
        .member_list()
        .await
        .map_err(|e| anyhow!("listing etcd members: {}", client::explain(&e)))?;
    for m in list.members() {
        if Some(m.id()) == t.started_learner {
            continue;
        }
        if m.is_learner() {
            bail!(
                "etcd member {:x} is still a learner: finish or remove that join first",
                m.id()
            );
        }
        let Some(url) = m.client_urls().first() else {
            bail!(
                "etcd member {:x} has not started; refusing to add another member",
                m.id()
            );
        };
        let one = EtcdEndpoint {
            endpoints: vec![url.clone()],
            ..ep.clone()
        };
        let healthy = match client::connect(&one).await {
            Ok(mut mc) => mc.status().await.map(|s| s.leader() != 0).unwrap_or(false),
            Err(_) => false,
        };
        if !healthy {
            bail!(
                "etcd member {} ({url}) is not healthy; refusing to add a member, which could cost the cluster its quorum",
                if m.name().is_empty() { format!("{:x}", m.id()) } else { m.name().to_string() }
            );
        }
    }
    let (id, added) = match t.started_learner {
        Some(id) => (id, None),
        None => {
            let added = add_learner(&mut c, peer_url).await?;
            let id = added
                .member()
                .map(|m| m.id())
                .ok_or_else(|| anyhow!("etcd did not return the new member"))?;
            steps.add(format!("added etcd learner {id:x} ({peer_url})"));
            (id, Some(added))
        }
    };
    let outcome = async {
        if let Some(added) = &added {
            let mut initial: Vec<(String, String)> = Vec::new();
            for m in added.member_list() {
                let name = if m.id() == id { job.name.to_string() } else { m.name().to_string() };
                for u in m.peer_urls() {
                    initial.push((name.clone(), u.clone()));
                }
            }
            let local = spec.local_etcd().ok_or_else(|| anyhow!("the cluster configuration has no local etcd"))?;
            job.node.create_dir_all(Path::new(&local.data_dir), 0o700)?;
            let text = manifests::etcd(spec, local, &EtcdMembership { initial_cluster: initial, existing: true })?;
            inst.install(&manifests::manifest_path(&components::ETCD), text.as_bytes(), manifests::MODE)?;
            manifests::base::store(inst, &components::ETCD, &text)?;
            steps.add("wrote etcd.yaml (--initial-cluster-state=existing); waiting for the kubelet to start etcd and for it to catch up");
        }
        crate::rollout::pause_point(&job.host.spec, "etcd-promote");
        let deadline = Instant::now() + job.o.promote_timeout;
        loop {
            if crate::rollout::interrupted() {
                bail!("interrupted while etcd learner {id:x} was catching up");
            }
            match c.member_promote(id).await {
                Ok(_) => break,
                Err(e) if Instant::now() < deadline => {
                    tracing::debug!("promote {id:x}: {e}");
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                Err(e) => bail!(
                    "etcd learner {id:x} did not catch up within {:?}: {}; is etcd running on the node (the kubelet starts it from etcd.yaml)?",
                    job.o.promote_timeout,
                    client::explain(&e)
                ),
            }
        }
        steps.add(format!("promoted etcd member {id:x} to voter"));
        Ok::<_, anyhow::Error>(())
    }
    .await;
    if let Err(e) = outcome {
        // Leave the cluster as it was: a learner that never started would
        // block the next join (etcd allows one learner).
        match c.member_remove(id).await {
            Ok(_) => steps.add(format!("rolled back: removed etcd learner {id:x}")),
            Err(re) => steps.add(format!(
                "rollback could not remove etcd learner {id:x}: {}",
                client::explain(&re)
            )),
        }
        if let Ok(Some(_)) = read_string(job.node, &manifests::manifest_path(&components::ETCD)) {
            let _ = job
                .node
                .remove(&manifests::manifest_path(&components::ETCD));
        }
        return Err(e);
    }
    Ok(())
}

/// Adds `peer_url` as a learner. etcd refuses a new member for a few
/// seconds after the previous one was promoted ("unhealthy cluster" until
/// every member has been connected for its health interval), so that
/// answer is retried for a while.
async fn add_learner(
    c: &mut etcd_client::Client,
    peer_url: &str,
) -> Result<etcd_client::MemberAddResponse> {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        match c
            .member_add(
                [peer_url.to_string()],
                Some(etcd_client::MemberAddOptions::new().with_is_learner()),
            )
            .await
        {
            Ok(a) => return Ok(a),
            Err(e) if e.to_string().contains("unhealthy cluster") && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(500)).await;
            }
            // etcd derives a new member's ID from its peer URL and the current
            // Unix second, so re-adding a URL in the second its stale learner
            // was removed gives the removed ID back, which etcd refuses as
            // "member not found" (ErrIDRemoved). The next second gives a new ID.
            Err(e) if e.to_string().contains("member not found") && Instant::now() < deadline => {
                tokio::time::sleep(Duration::from_millis(1100)).await;
            }
            Err(e) => bail!(
                "adding {peer_url} as an etcd learner: {}",
                client::explain(&e)
            ),
        }
    }
}
