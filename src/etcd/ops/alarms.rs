//! `kforge etcd alarms list | disarm`.

use super::{client, connect_any, Alarm, Target};
use anyhow::{anyhow, Result};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Alarms {
    pub alarms: Vec<Alarm>,
}

pub async fn list(t: &Target) -> Result<Alarms> {
    Ok(Alarms {
        alarms: super::survey(t).await?.alarms,
    })
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Disarmed {
    pub disarmed: Vec<Alarm>,
    /// Raised again right away (the cause is still there, e.g. the DB is
    /// still over its quota).
    pub still_raised: Vec<Alarm>,
}

/// Disarms the raised alarms (`only`: of that kind, e.g. `NOSPACE`).
pub async fn disarm(t: &Target, only: Option<&str>) -> Result<Disarmed> {
    let s = super::survey(t).await?;
    let (mut c, via) = connect_any(t, &s.healthy_urls()).await?;
    let mut disarmed = Vec::new();
    for a in s
        .alarms
        .iter()
        .filter(|a| only.is_none_or(|o| o == a.alarm))
    {
        let kind = match a.alarm.as_str() {
            "NOSPACE" => etcd_client::AlarmType::Nospace,
            "CORRUPT" => etcd_client::AlarmType::Corrupt,
            _ => continue,
        };
        let mut opts = etcd_client::AlarmOptions::new();
        opts.with_member(a.member_id);
        c.alarm(etcd_client::AlarmAction::Deactivate, kind, Some(opts))
            .await
            .map_err(|e| {
                anyhow!(
                    "{via}: disarming {} on {}: {}",
                    a.alarm,
                    a.member,
                    client::explain(&e)
                )
            })?;
        disarmed.push(a.clone());
    }
    let still_raised = super::survey(t)
        .await?
        .alarms
        .into_iter()
        .filter(|a| only.is_none_or(|o| o == a.alarm))
        .collect();
    Ok(Disarmed {
        disarmed,
        still_raised,
    })
}
