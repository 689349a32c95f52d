//! `kforge etcd members list | remove | promote`.
//!
//! Remove refuses (unless forced) when the members left would not hold a
//! quorum of healthy voters, or when it would remove the last healthy
//! member ([`super::removal_check`]). It goes through the healthy members
//! other than the one removed, so an unreachable member can be removed.

use super::{client, Survey, Target};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;

/// What `members remove` did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Removed {
    pub name: String,
    #[serde(serialize_with = "super::hex_id")]
    pub id: u64,
    pub peer_urls: Vec<String>,
    /// Voting members left.
    pub members_left: usize,
    /// Set when `--force` overrode the quorum check: what it overrode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forced_past: Option<String>,
    /// What to do on the removed member's node.
    pub next_steps: Vec<String>,
}

/// Removes a member by name or ID.
pub async fn remove(t: &Target, name_or_id: &str, force: bool) -> Result<Removed> {
    let s = super::survey(t).await?;
    let m = s.find(name_or_id)?.clone();
    let forced_past = match super::removal_check(&s, m.id) {
        Ok(()) => None,
        Err(why) if force => Some(why),
        Err(why) => {
            bail!(
                "refusing to remove etcd member {}: {why} (--force removes it anyway)",
                m.label()
            )
        }
    };
    super::remove_member(t, &s, m.id).await?;
    let host = m
        .peer_urls
        .first()
        .and_then(|u| u.split("://").nth(1))
        .and_then(|hp| crate::values::split_host_port(hp).ok())
        .map(|(h, _)| h)
        .unwrap_or_else(|| m.label());
    Ok(Removed {
        members_left: s.voters().filter(|v| v.id != m.id).count(),
        next_steps: next_steps(&m.label(), &host),
        name: m.name.clone(),
        id: m.id,
        peer_urls: m.peer_urls.clone(),
        forced_past,
    })
}

/// What to do on a node whose member was removed.
pub fn next_steps(name: &str, host: &str) -> Vec<String> {
    vec![
        format!("etcd on {name} stops by itself once it learns it was removed; its data dir is stale and must not be reused"),
        format!("clean the node: `kforge reset {host}` (over SSH), or `kforge reset` on the node itself"),
        format!("to bring it back as a control plane later: `kforge join --control-plane {host}`"),
    ]
}

/// What `members promote` did.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Promoted {
    pub name: String,
    #[serde(serialize_with = "super::hex_id")]
    pub id: u64,
}

/// Promotes a learner to a voting member (etcd refuses while it has not
/// caught up with the leader; that answer is passed on).
pub async fn promote(t: &Target, name_or_id: &str) -> Result<Promoted> {
    let s: Survey = super::survey(t).await?;
    let m = s.find(name_or_id)?.clone();
    if !m.learner {
        bail!("etcd member {} is already a voting member", m.label());
    }
    let urls: Vec<String> = s
        .members
        .iter()
        .filter(|x| x.id != m.id && x.healthy())
        .filter_map(|x| x.endpoint.clone())
        .collect();
    if urls.is_empty() {
        bail!("no healthy voting member to promote {} through", m.label());
    }
    let (mut c, via) = super::connect_any(t, &urls).await?;
    c.member_promote(m.id).await.map_err(|e| {
        anyhow!(
            "{via}: promoting {}: {} (a learner is promoted only once it has caught up with the leader)",
            m.label(),
            client::explain(&e)
        )
    })?;
    Ok(Promoted {
        name: m.name,
        id: m.id,
    })
}
