//! Which hosts to join: `[name=][user@]address[:port]` arguments and the
//! inventory file (YAML), merged into one list with SSH defaults applied.

use super::validate::{self, Address, LabelKey, LabelValue, Port, TaintEffect, User};
use crate::exit::usage;
use crate::spec::kubeadm_api::Taint;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    #[default]
    Worker,
    ControlPlane,
}

/// One host to join, fully resolved (kept in the join's journal).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Host {
    /// As given (for messages).
    pub spec: String,
    /// Node name; `None`: the remote hostname, lower-cased.
    pub name: Option<String>,
    pub user: String,
    pub address: String,
    pub port: u16,
    pub key: PathBuf,
    pub role: Role,
    pub labels: BTreeMap<String, String>,
    pub taints: Vec<Taint>,
    pub cri_socket: String,
    /// Work through passwordless sudo (`--ssh-sudo`, or the inventory's `sudo:`).
    #[serde(default)]
    pub sudo: bool,
}

impl Host {
    /// How to reach this host over SSH, with the run's shared settings.
    pub fn ssh_target(&self, access: &crate::node::SshAccess) -> crate::node::SshTarget {
        crate::node::SshTarget {
            address: self.address.clone(),
            port: self.port,
            user: self.user.clone(),
            key_file: self.key.clone(),
            sudo: self.sudo,
            access: access.clone(),
        }
    }
}

/// SSH and node defaults for every host.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Defaults {
    pub user: Option<User>,
    pub port: Option<Port>,
    pub key: Option<PathBuf>,
    pub cri_socket: Option<String>,
    pub role: Option<Role>,
    /// Work through passwordless sudo when the user is not root.
    pub sudo: Option<bool>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct InventoryHost {
    pub name: Option<String>,
    pub address: Address,
    pub port: Option<Port>,
    pub user: Option<User>,
    pub key: Option<PathBuf>,
    pub role: Option<Role>,
    #[serde(default)]
    pub labels: BTreeMap<LabelKey, LabelValue>,
    #[serde(default)]
    pub taints: Vec<InventoryTaint>,
    pub cri_socket: Option<String>,
    pub sudo: Option<bool>,
}

/// A taint as the inventory gives it, checked against Kubernetes' rules.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InventoryTaint {
    pub key: LabelKey,
    pub value: Option<LabelValue>,
    pub effect: TaintEffect,
}

impl From<&InventoryTaint> for Taint {
    fn from(t: &InventoryTaint) -> Taint {
        Taint {
            key: t.key.0.clone(),
            value: t.value.as_ref().map(|v| v.0.clone()),
            effect: t.effect.0.clone(),
            time_added: None,
        }
    }
}

/// The inventory file (`kforge config print inventory` prints an example).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Inventory {
    pub api_version: String,
    pub kind: String,
    #[serde(default)]
    pub defaults: Defaults,
    pub hosts: Vec<InventoryHost>,
}

pub const INVENTORY_API_VERSION: &str = "kforge.io/v1alpha1";

pub const EXAMPLE_INVENTORY: &str = include_str!("../../templates/inventory.yaml");

pub fn read_inventory(path: &Path) -> Result<Inventory> {
    let text = fs_err::read_to_string(path)
        .context("cannot read the inventory")
        .map_err(crate::exit::usage_from)?;
    let inv: Inventory = serde_yaml_ng::from_str(&text).map_err(|e| {
        let at = e
            .location()
            .map(|l| format!(":{}:{}", l.line(), l.column()))
            .unwrap_or_default();
        let msg = e.to_string();
        let msg = msg
            .rfind(" at line ")
            .map(|i| msg[..i].to_string())
            .unwrap_or(msg);
        usage(format!("{}{at}: {msg}", path.display()))
    })?;
    if inv.api_version != INVENTORY_API_VERSION || inv.kind != "Inventory" {
        return Err(usage(format!(
            "{}: expected apiVersion {INVENTORY_API_VERSION} and kind Inventory",
            path.display()
        )));
    }
    Ok(inv)
}

/// A parsed `[name=][user@]address[:port]`: (name, user, address, port).
pub type HostArg = (Option<String>, Option<String>, String, Option<u16>);

/// Parses `[name=][user@]address[:port]` (IPv6 in brackets).
pub fn parse_host_arg(s: &str) -> Result<HostArg> {
    let bad = |why: &str| {
        usage(format!(
            "host {s:?}: {why} (expected [name=][user@]address[:port])"
        ))
    };
    let (name, rest) = match s.split_once('=') {
        Some((n, r)) if !n.is_empty() => (Some(n.to_string()), r),
        Some(_) => return Err(bad("empty name")),
        None => (None, s),
    };
    let (user, hostport) = match rest.split_once('@') {
        Some((u, h)) if !u.is_empty() => (Some(u.to_string()), h),
        Some(_) => return Err(bad("empty user")),
        None => (None, rest),
    };
    // The one host:port rule (IPv6 in brackets; a bare IPv6 address has no port).
    let (address, port) = crate::values::split_host_port(hostport).map_err(|e| bad(&e))?;
    if address.is_empty() {
        return Err(bad("empty address"));
    }
    validate::address(&address).map_err(|e| bad(&e))?;
    if let Some(u) = &user {
        validate::user(u).map_err(|e| bad(&e))?;
    }
    if let Some(p) = port {
        validate::port(p).map_err(|e| bad(&e))?;
    }
    if let Some(n) = &name {
        crate::spec::load::validate_dns_subdomain(n)
            .map_err(|e| bad(&format!("node name: {e}")))?;
    }
    Ok((name, user, address, port))
}

/// Command-line SSH defaults (flags win over the inventory's defaults).
#[derive(Debug, Clone)]
pub struct FlagDefaults {
    pub user: Option<String>,
    pub port: Option<u16>,
    pub key: Option<PathBuf>,
    pub control_plane: bool,
    pub cri_socket: Option<String>,
    /// `--ssh-sudo`: every host works through sudo.
    pub sudo: bool,
}

/// Every host to join: inventory hosts first, then command-line hosts.
pub fn resolve(
    args: &[String],
    inventory: Option<&Inventory>,
    f: &FlagDefaults,
) -> Result<Vec<Host>> {
    let d = inventory.map(|i| i.defaults.clone()).unwrap_or_default();
    let home_key = || {
        std::env::var_os("HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("/root"))
            .join(".ssh/id_ed25519")
    };
    let user = |u: Option<String>| {
        u.or(f.user.clone())
            .or(d.user.clone().map(|u| u.0))
            .unwrap_or_else(|| "root".into())
    };
    let port = |p: Option<u16>| p.or(f.port).or(d.port.map(|p| p.0)).unwrap_or(22);
    let key = |k: Option<PathBuf>| {
        k.or(f.key.clone())
            .or(d.key.clone())
            .unwrap_or_else(home_key)
    };
    let role = |r: Option<Role>| {
        if f.control_plane {
            Role::ControlPlane
        } else {
            r.or(d.role).unwrap_or_default()
        }
    };
    let cri = |c: Option<String>| {
        c.or(f.cri_socket.clone())
            .or(d.cri_socket.clone())
            .unwrap_or_else(|| crate::spec::defaults::CRI_SOCKET.into())
    };
    let sudo = |s: Option<bool>| f.sudo || s.or(d.sudo).unwrap_or(false);
    let mut out = Vec::new();
    if let Some(inv) = inventory {
        for h in &inv.hosts {
            if let Some(n) = &h.name {
                crate::spec::load::validate_dns_subdomain(n).map_err(|e| {
                    usage(format!("inventory host {}: name {n:?}: {e}", h.address.0))
                })?;
            }
            out.push(Host {
                spec: h.name.clone().unwrap_or_else(|| h.address.0.clone()),
                name: h.name.clone(),
                user: user(h.user.clone().map(|u| u.0)),
                address: h.address.0.clone(),
                port: port(h.port.map(|p| p.0)),
                key: key(h.key.clone()),
                role: role(h.role),
                labels: h
                    .labels
                    .iter()
                    .map(|(k, v)| (k.0.clone(), v.0.clone()))
                    .collect(),
                taints: h.taints.iter().map(Taint::from).collect(),
                cri_socket: cri(h.cri_socket.clone()),
                sudo: sudo(h.sudo),
            });
        }
    }
    for a in args {
        let (name, u, address, p) = parse_host_arg(a)?;
        out.push(Host {
            spec: a.clone(),
            name,
            user: user(u),
            address,
            port: port(p),
            key: key(None),
            role: role(None),
            labels: BTreeMap::new(),
            taints: vec![],
            cri_socket: cri(None),
            sudo: sudo(None),
        });
    }
    if out.is_empty() {
        return Err(usage(
            "no hosts to join: give HOST arguments or --inventory FILE",
        ));
    }
    let mut seen = std::collections::HashSet::new();
    for h in &out {
        if !seen.insert((h.address.clone(), h.port)) {
            return Err(usage(format!(
                "host {}:{} is listed twice",
                h.address, h.port
            )));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn host_arguments() {
        assert_eq!(
            parse_host_arg("10.0.0.5").unwrap(),
            (None, None, "10.0.0.5".into(), None)
        );
        assert_eq!(
            parse_host_arg("w1=admin@10.0.0.5:2222").unwrap(),
            (
                Some("w1".into()),
                Some("admin".into()),
                "10.0.0.5".into(),
                Some(2222)
            )
        );
        assert_eq!(
            parse_host_arg("[fd00::5]:22").unwrap(),
            (None, None, "fd00::5".into(), Some(22))
        );
        assert_eq!(
            parse_host_arg("fd00::5").unwrap(),
            (None, None, "fd00::5".into(), None)
        );
        for bad in [
            "",
            "=x",
            "@x",
            "w1=",
            "x:notaport",
            "Bad_Name=x",
            "[fd00::5",
        ] {
            assert!(parse_host_arg(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn regression_inventory_values_are_checked_at_their_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            (
                "  taints:\n  - key: k\n    effect: NoSchedul\n",
                ":7:13",
                "taint effect",
            ),
            ("  labels:\n    bad key!: x\n", ":6:5", "bad key!"),
            ("  labels:\n    pool: a,b=c\n", ":6:11", "a,b=c"),
            ("  port: 0\n", ":5:9", "port"),
            ("  user: root@x\n", ":5:9", "user"),
        ];
        for (i, (extra, at, what)) in cases.iter().enumerate() {
            let p = dir.path().join(format!("inv{i}.yaml"));
            std::fs::write(
                &p,
                format!("apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- address: 198.18.0.11\n{extra}"),
            )
            .unwrap();
            let e = read_inventory(&p).unwrap_err();
            let msg = format!("{e:#}");
            assert!(msg.contains(&format!("inv{i}.yaml{at}")), "{msg}");
            assert!(msg.contains(what), "{msg}");
            assert!(
                e.downcast_ref::<crate::exit::UsageError>().is_some(),
                "{msg}"
            );
        }
        for (addr, at) in [
            ("198.18.0.300", ":4:12"),
            ("198.18.0.12:22", ":4:12"),
            ("root@198.18.0.13", ":4:12"),
        ] {
            let p = dir.path().join("addr.yaml");
            std::fs::write(
                &p,
                format!(
                    "apiVersion: kforge.io/v1alpha1\nkind: Inventory\nhosts:\n- address: {addr}\n"
                ),
            )
            .unwrap();
            let msg = format!("{:#}", read_inventory(&p).unwrap_err());
            assert!(msg.contains(at) && msg.contains(addr), "{msg}");
        }
        for bad in ["198.18.0.300", "x=root@198.18.0.12:0", "a b@198.18.0.12"] {
            assert!(parse_host_arg(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn example_inventory_parses() {
        let inv: Inventory = serde_yaml_ng::from_str(EXAMPLE_INVENTORY).unwrap();
        assert_eq!(inv.api_version, INVENTORY_API_VERSION);
        let hosts = resolve(
            &[],
            Some(&inv),
            &FlagDefaults {
                user: None,
                port: None,
                key: None,
                control_plane: false,
                cri_socket: None,
                sudo: false,
            },
        )
        .unwrap();
        assert!(hosts.iter().any(|h| h.role == Role::ControlPlane));
        assert!(hosts
            .iter()
            .any(|h| h.role == Role::Worker && !h.labels.is_empty()));
    }
}
