//! `kforge etcd status`: every member of the cluster, and whether the
//! cluster is healthy (exit 3 when not).

use super::{Survey, Target};
use anyhow::Result;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusReport {
    pub healthy: bool,
    /// Why not, one line per problem, each naming its member.
    pub problems: Vec<String>,
    #[serde(flatten)]
    pub survey: Survey,
}

/// Healthy: every member started, answers, has a leader, reports no
/// errors, keeps up applying, and no alarm is raised.
pub fn judge(survey: Survey) -> StatusReport {
    let mut problems = Vec::new();
    for m in &survey.members {
        for p in m.problems() {
            problems.push(format!("{}: {p}", m.label()));
        }
    }
    for a in &survey.alarms {
        if !survey.members.iter().any(|m| m.id == a.member_id) {
            problems.push(format!("{}: alarm {}", a.member, a.alarm));
        }
    }
    let leaders: std::collections::BTreeSet<u64> = survey
        .members
        .iter()
        .filter_map(|m| m.status.as_ref().map(|s| s.leader))
        .filter(|l| *l != 0)
        .collect();
    if leaders.len() > 1 {
        problems.push(format!(
            "members disagree on the leader ({})",
            leaders
                .iter()
                .map(|l| crate::etcd::ops::fmt_id(*l))
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    StatusReport {
        healthy: problems.is_empty(),
        problems,
        survey,
    }
}

/// The report; a cluster none of whose members answers is unhealthy (its
/// one problem says why), not an error.
pub async fn run(t: &Target) -> Result<StatusReport> {
    match super::survey(t).await {
        Ok(s) => Ok(judge(s)),
        Err(e) => Ok(StatusReport {
            healthy: false,
            problems: vec![format!("{e:#}")],
            survey: Survey {
                cluster_id: 0,
                asked: t.ep.endpoints.join(","),
                members: vec![],
                alarms: vec![],
                quota: t.quota,
            },
        }),
    }
}
