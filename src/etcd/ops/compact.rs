//! `kforge etcd compact [REVISION | --keep-revisions N]`: drop the key
//! history older than a revision (physically: the call returns once the
//! compaction is applied), reporting the space in use before and after on
//! every member. Compaction frees space inside the database file; `defrag`
//! gives it back to the file system.

use super::{client, connect_any, member_stat, Target};
use crate::wait::{self, Every};
use anyhow::{anyhow, bail, Result};
use serde::Serialize;
use std::time::{Duration, Instant};

/// The key written and deleted after a compaction (see [`run`]).
pub const RECOUNT_KEY: &str = "/kforge.io/compact-recount";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Upto {
    /// Compact up to this revision.
    Revision(i64),
    /// Keep the newest N revisions (0: compact to the current revision).
    Keep(i64),
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InUse {
    pub member: String,
    /// The member's database space in use before and after.
    #[serde(rename = "dbSizeInUseBeforeBytes")]
    pub before: u64,
    #[serde(rename = "dbSizeInUseAfterBytes")]
    pub after: u64,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Compacted {
    /// The revision compacted to.
    pub revision: i64,
    pub current_revision: i64,
    /// The history was already compacted past `revision`: nothing to do.
    pub already_compacted: bool,
    pub members: Vec<InUse>,
    /// Sum over members of the space in use freed.
    pub freed_in_use_bytes: u64,
    #[serde(rename = "durationSeconds")]
    pub seconds: f64,
}

pub async fn run(t: &Target, upto: Upto, timeout: Duration) -> Result<Compacted> {
    let started = Instant::now();
    let s = super::survey(t).await?;
    let (mut c, via) = connect_any(t, &s.healthy_urls()).await?;
    let current = c
        .status()
        .await
        .map_err(|e| anyhow!("{via}: {}", client::explain(&e)))?
        .header()
        .map_or(0, |h| h.revision());
    let revision = match upto {
        Upto::Revision(r) if r > current => {
            return Err(crate::exit::usage(format!(
                "revision {r} is in the future: the current revision is {current}"
            )))
        }
        Upto::Revision(r) => r,
        Upto::Keep(n) => (current - n).max(1),
    };
    let before: Vec<(String, String, u64)> = s
        .members
        .iter()
        .filter_map(|m| {
            Some((
                m.label(),
                m.endpoint.clone()?,
                m.status.as_ref()?.db_size_in_use,
            ))
        })
        .collect();
    let mut lc = client::connect(&t.member_ep_long(&via, timeout)).await?;
    let already = match lc
        .compact(
            revision,
            Some(etcd_client::CompactionOptions::new().with_physical()),
        )
        .await
    {
        Ok(_) => false,
        Err(e)
            if e.to_string()
                .contains("required revision has been compacted") =>
        {
            true
        }
        Err(e) => bail!(
            "{via}: compacting to revision {revision}: {}",
            client::explain(&e)
        ),
    };
    // etcd recounts the space in use only at its next backend write, so on a
    // quiet cluster the freed space would not show (and `defrag
    // --min-reclaim` would skip every member): one write, put and deleted
    // again, makes every member recount.
    if !already {
        tokio::time::sleep(Duration::from_millis(200)).await;
        let _ = lc.put(RECOUNT_KEY, "", None).await;
        let _ = lc.delete(RECOUNT_KEY, None).await;
    }
    // Other members apply the compaction on their own; give them a moment.
    let mut members = Vec::new();
    for (name, url, b) in before {
        let after = std::cell::Cell::new(b);
        let every = Every::new(Duration::from_millis(200), Duration::from_secs(2));
        // However it ends, the last size seen is reported (a member that
        // stops answering keeps its earlier one).
        let _ = wait::until_async(every, || async {
            Ok(match member_stat(t, &url).await {
                Ok(st) => {
                    after.set(st.db_size_in_use);
                    if already || st.db_size_in_use < b {
                        Ok(())
                    } else {
                        Err("in use not smaller yet".to_string())
                    }
                }
                Err(_) => Ok(()),
            })
        })
        .await;
        let after = after.get();
        members.push(InUse {
            member: name,
            before: b,
            after,
        });
    }
    Ok(Compacted {
        revision,
        current_revision: current,
        already_compacted: already,
        freed_in_use_bytes: members
            .iter()
            .map(|m| m.before.saturating_sub(m.after))
            .sum(),
        members,
        seconds: started.elapsed().as_secs_f64(),
    })
}
