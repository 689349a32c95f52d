//! Plans as ordered, named phases over a typed context (kubeadm's workflow
//! idea without its untyped run data). Each phase can run alone
//! (`init phase <name> [<sub>]`), be skipped (`--skip-phases`), and every
//! error it returns is prefixed with the phase that failed.

pub mod api;
pub mod init;

use anyhow::{anyhow, Context, Result};

/// A named part of a phase (`init phase certs apiserver`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubPhase {
    pub name: String,
    pub help: String,
}

/// One step of a plan over context `C`.
pub struct Phase<C> {
    pub name: &'static str,
    pub help: &'static str,
    /// Sub-phases, generated from the tables (empty: none).
    pub subphases: fn() -> Vec<SubPhase>,
    pub run: fn(&mut C, Option<&str>) -> Result<()>,
}

/// What to run of a workflow.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Run only this phase (and optionally one sub-phase of it).
    pub only: Option<(String, Option<String>)>,
    pub skip: Vec<String>,
}

/// Names of the phases that ran and were skipped, in order.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct PhaseLog {
    pub ran: Vec<String>,
    pub skipped: Vec<String>,
}

/// Checks a selection against the workflow before anything runs, so a typo
/// is a usage error and not a half-done run.
pub fn validate<C>(phases: &[Phase<C>], sel: &Selection) -> Result<()> {
    let known = |n: &str| phases.iter().any(|p| p.name == n);
    for s in &sel.skip {
        if let Some((name, sub)) = s.split_once('/') {
            let subs = phases
                .iter()
                .find(|p| p.name == name)
                .map(|p| (p.subphases)())
                .unwrap_or_default();
            if !subs.iter().any(|x| x.name == sub) {
                return Err(crate::exit::usage(format!(
                    "unknown sub-phase {s:?} in --skip-phases (sub-phases that can be skipped: {})",
                    phases
                        .iter()
                        .flat_map(|p| (p.subphases)()
                            .into_iter()
                            .map(move |x| format!("{}/{}", p.name, x.name)))
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            }
            continue;
        }
        if !known(s) {
            return Err(crate::exit::usage(format!(
                "unknown phase {s:?} in --skip-phases (phases: {})",
                phases.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
            )));
        }
    }
    if let Some((name, sub)) = &sel.only {
        let phase = phases.iter().find(|p| p.name == name).ok_or_else(|| {
            crate::exit::usage(format!(
                "unknown phase {name:?} (phases: {})",
                phases.iter().map(|p| p.name).collect::<Vec<_>>().join(", ")
            ))
        })?;
        if let Some(sub) = sub {
            let subs = (phase.subphases)();
            if !subs.iter().any(|s| &s.name == sub) {
                return Err(crate::exit::usage(if subs.is_empty() {
                    format!("phase {name} has no sub-phases")
                } else {
                    format!(
                        "unknown sub-phase {sub:?} of {name} (one of: {})",
                        subs.iter()
                            .map(|s| s.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }));
            }
        }
    }
    Ok(())
}

/// Runs the selected phases in order.
pub fn run<C>(phases: &[Phase<C>], ctx: &mut C, sel: &Selection) -> Result<PhaseLog> {
    validate(phases, sel)?;
    let mut log = PhaseLog::default();
    for p in phases {
        let sub = match &sel.only {
            Some((name, sub)) if name == p.name => sub.as_deref().filter(|s| *s != "all"),
            Some(_) => continue,
            None => None,
        };
        if sel.only.is_none() && sel.skip.iter().any(|s| s == p.name) {
            log.skipped.push(p.name.to_string());
            continue;
        }
        tracing::debug!(phase = p.name, ?sub, "running phase");
        (p.run)(ctx, sub).with_context(|| match sub {
            Some(s) => format!("error execution phase {}/{s}", p.name),
            None => format!("error execution phase {}", p.name),
        })?;
        log.ran.push(match sub {
            Some(s) => format!("{}/{s}", p.name),
            None => p.name.to_string(),
        });
        // Sub-phases skipped by name (the phase skips them itself).
        let prefix = format!("{}/", p.name);
        log.skipped.extend(
            sel.skip
                .iter()
                .filter(|s| s.starts_with(&prefix) && sub.is_none_or(|x| s[prefix.len()..] == *x))
                .cloned(),
        );
    }
    if log.ran.is_empty() && sel.only.is_none() {
        return Err(anyhow!("every phase was skipped; nothing to do"));
    }
    Ok(log)
}

/// Whether a sub-phase `name` runs under the requested `sub` (`None`: all).
pub fn wants(sub: Option<&str>, name: &str) -> bool {
    sub.is_none_or(|s| s == name)
}
