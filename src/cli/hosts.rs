//! The SSH host arguments `join` and `upgrade` share: `HOST…` as
//! `[name=][user@]address[:port]`, `--inventory FILE`, and how to reach the
//! hosts (user, key, passphrase file or ssh-agent, port, known_hosts). One
//! definition, one resolution: the inventory and the arguments are checked
//! completely (exit 2 on a mistake) before any host is contacted.

use crate::exit::usage;
use crate::join::{hosts, validate};
use crate::node::{Passphrase, SshAccess};
use anyhow::{Context, Result};
use clap::Args;
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, Args)]
pub struct HostArgs {
    /// Hosts as [name=][user@]address[:port]; without name= the node name is the host's hostname.
    #[arg(value_name = "HOST")]
    pub hosts: Vec<String>,
    /// Inventory file (YAML; `kforge config print inventory` prints an example).
    #[arg(long, value_name = "FILE")]
    pub inventory: Option<PathBuf>,
    /// SSH user (default root, or the inventory's).
    #[arg(long, value_name = "USER")]
    pub ssh_user: Option<String>,
    /// SSH private key (default ~/.ssh/id_ed25519, or the inventory's).
    #[arg(long, value_name = "FILE")]
    pub ssh_key: Option<PathBuf>,
    /// File holding the SSH key's passphrase (first line). Without --ssh-key
    /// or an inventory key and with SSH_AUTH_SOCK set, the ssh-agent's keys are used.
    #[arg(long, value_name = "FILE")]
    pub ssh_key_passphrase_file: Option<PathBuf>,
    /// SSH port (default 22, or the inventory's).
    #[arg(long, value_name = "PORT", value_parser = crate::values::parse_port)]
    pub ssh_port: Option<u16>,
    /// known_hosts file host keys are checked against (default ~/.ssh/known_hosts).
    #[arg(long, value_name = "FILE")]
    pub known_hosts: Option<PathBuf>,
    /// Accept and record the host key of a host seen for the first time (a changed key is always refused).
    #[arg(long)]
    pub accept_new_host_keys: bool,
    /// When the SSH user is not root, work as root through passwordless sudo
    /// (`sudo -n`): files through commands instead of SFTP. Per host: the inventory's `sudo: true`.
    #[arg(long)]
    pub ssh_sudo: bool,
    /// SSH connect and command timeout.
    #[arg(long, default_value = "10s", value_name = "DURATION", value_parser = crate::values::DurationRange::new(time::Duration::SECOND, time::Duration::HOUR))]
    pub ssh_timeout: time::Duration,
}

/// How to reach the hosts, resolved from [`HostArgs`].
pub type SshSettings = SshAccess;

fn home() -> PathBuf {
    std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/root"))
}

impl HostArgs {
    /// Whether any host was given.
    pub fn any(&self) -> bool {
        !self.hosts.is_empty() || self.inventory.is_some()
    }

    /// Every host (inventory first, then arguments) and how to reach them.
    /// `control_plane`: every host is a control plane (`join --control-plane`).
    pub fn resolve(
        &self,
        control_plane: bool,
        cri_socket: Option<String>,
    ) -> Result<(Vec<hosts::Host>, SshSettings)> {
        let inventory = self
            .inventory
            .as_deref()
            .map(hosts::read_inventory)
            .transpose()?;
        let list = hosts::resolve(
            &self.hosts,
            inventory.as_ref(),
            &hosts::FlagDefaults {
                user: self.ssh_user.clone(),
                port: self.ssh_port,
                key: self.ssh_key.clone(),
                control_plane,
                cri_socket,
                sudo: self.ssh_sudo,
            },
        )?;
        // Without a key given anywhere, the ssh-agent is used when one runs.
        let default_key = home().join(".ssh/id_ed25519");
        let agent = self.ssh_key.is_none()
            && self.ssh_key_passphrase_file.is_none()
            && std::env::var_os("SSH_AUTH_SOCK").is_some_and(|s| !s.is_empty())
            && list.iter().all(|h| h.key == default_key);
        let passphrase = match &self.ssh_key_passphrase_file {
            None => None,
            Some(f) => {
                let text = fs_err::read_to_string(f)
                    .context("--ssh-key-passphrase-file")
                    .map_err(crate::exit::usage_from)?;
                let line = text.lines().next().unwrap_or_default().to_string();
                if line.is_empty() {
                    return Err(usage(format!(
                        "--ssh-key-passphrase-file {}: empty",
                        f.display()
                    )));
                }
                Some(Passphrase(line))
            }
        };
        // A missing key is one usage error, not a failure on every host.
        let mut keys: Vec<&Path> = list.iter().map(|h| h.key.as_path()).collect();
        keys.sort();
        keys.dedup();
        for k in keys.into_iter().filter(|_| !agent) {
            if !k.is_file() {
                return Err(usage(format!(
                    "SSH key {}: no such file (give one with --ssh-key or the inventory's key:, or run an ssh-agent)",
                    k.display()
                )));
            }
            let text = fs_err::read_to_string(k).unwrap_or_default();
            if passphrase.is_some() {
                continue;
            }
            if let Some(why) = validate::ssh_key_unusable(&text) {
                return Err(usage(format!(
                    "SSH key {}: {why}; give its passphrase with --ssh-key-passphrase-file, or use an ssh-agent",
                    k.display()
                )));
            }
        }
        let settings = SshSettings {
            known_hosts: self
                .known_hosts
                .clone()
                .unwrap_or_else(|| home().join(".ssh/known_hosts")),
            accept_new_host_keys: self.accept_new_host_keys,
            timeout: Duration::from_secs_f64(self.ssh_timeout.as_seconds_f64().max(0.1)),
            passphrase,
            agent,
        };
        Ok((list, settings))
    }
}
