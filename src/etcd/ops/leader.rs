//! Moving etcd leadership off a member before it restarts (defragmented,
//! upgraded): the one way kforge does it, for `etcd defrag` and
//! `upgrade apply` alike.

use super::{member_stat, Member, Survey, Target};
use crate::etcd::client;
use crate::wait::{self, Ended, Every};
use anyhow::{anyhow, bail, Result};
use std::time::Duration;

/// How often the new leader is looked for.
const POLL: Duration = Duration::from_millis(100);

/// Hands leadership from `from` (asked at its own client URL) to the
/// healthy voter of the survey that applied the most, then waits up to
/// `timeout` until `from` itself names that member its leader (a signal
/// does not cut the wait short: the move is already under way). Returns
/// the new leader, or `None` when no other voter answers with a leader
/// (nothing was changed).
pub async fn move_leader<'a>(
    t: &Target,
    s: &'a Survey,
    from: &Member,
    timeout: Duration,
    progress: &(dyn Fn(&str) + Sync),
) -> Result<Option<&'a Member>> {
    let endpoint = from
        .endpoint
        .clone()
        .ok_or_else(|| anyhow!("etcd member {} has no client URL", from.label()))?;
    let mut best: Option<(u64, &Member)> = None;
    for v in s.voters().filter(|v| v.id != from.id) {
        let Some(url) = &v.endpoint else { continue };
        if let Ok(st) = member_stat(t, url).await {
            if st.leader != 0 && best.is_none_or(|(a, _)| st.raft_applied_index > a) {
                best = Some((st.raft_applied_index, v));
            }
        }
    }
    let Some((_, to)) = best else {
        return Ok(None);
    };
    progress(&format!(
        "{}: moving leadership to {}",
        from.label(),
        to.label()
    ));
    let mut c = client::connect(&t.member_ep(&endpoint)).await?;
    c.move_leader(to.id).await.map_err(|e| {
        anyhow!(
            "{endpoint}: moving leadership from {} to {}: {}",
            from.label(),
            to.label(),
            client::explain(&e)
        )
    })?;
    let every = Every::new(POLL, timeout).through_signals();
    let moved = wait::until_async(every, || async {
        Ok(match member_stat(t, &endpoint).await {
            Ok(st) if st.leader == to.id => Ok(()),
            Ok(st) if st.leader == 0 => Err("no leader".to_string()),
            Ok(st) => Err(format!("leader {}", super::fmt_id(st.leader))),
            Err(e) => Err(format!("{e:#}")),
        })
    })
    .await?;
    match moved {
        Ok(()) => Ok(Some(to)),
        Err(Ended::TimedOut { last, .. }) => bail!(
            "leadership did not move from {} to {} within {timeout:?} ({endpoint}: {last})",
            from.label(),
            to.label()
        ),
        Err(Ended::Interrupted(s)) => Err(crate::interrupt::Stop::Signal(s).into()),
    }
}
