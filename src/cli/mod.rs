//! The command line: clap definitions (kept apart from the work), parsing,
//! and dispatch to one plain function per command.

mod certs;
mod config;
mod dev;
mod docs;
mod etcd_args;
mod health;
mod init;
mod join;
mod snapshot;

use crate::exit::ExitStatus;
use crate::output::{Format, Printer};
use anyhow::Result;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use std::path::PathBuf;

/// kubeadm and etcdctl/etcdutl jobs in one binary, for people who run
/// Kubernetes on their own machines.
#[derive(Debug, Parser)]
#[command(
    name = "kforge",
    version,
    propagate_version = true,
    max_term_width = 100
)]
#[command(after_help = ExitStatus::help_line(&ExitStatus::ALL))]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Treat DIR as the node's root: /etc/kubernetes is DIR/etc/kubernetes, and so on.
    /// Lets init and friends run unprivileged on a directory.
    #[arg(long, global = true, value_name = "DIR", env = crate::paths::env::ROOT)]
    pub root: Option<PathBuf>,
    /// Output format for results (progress and logs always go to stderr).
    #[arg(short, long, global = true, value_enum, default_value_t = Format::Table)]
    pub output: Format,
    /// More log output on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// Only errors and warnings on stderr; no progress.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub quiet: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bootstrap a control-plane node (kubeadm init).
    Init(Box<init::InitArgs>),
    /// Join worker and control-plane nodes over SSH, many in parallel.
    Join(Box<join::JoinArgs>),
    /// Print configuration files.
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Check every component of a control-plane node (exit 3 when unhealthy).
    Health(health::HealthArgs),
    /// Check certificate expiration; renew certificates.
    #[command(subcommand)]
    Certs(certs::CertsCommand),
    /// Save, inspect, list and prune etcd snapshots.
    #[command(subcommand)]
    Snapshot(snapshot::SnapshotCommand),
    /// Aids for staged nodes, demos and tests (kubelet stand-in).
    #[command(subcommand)]
    Dev(dev::DevCommand),
    /// Print a shell completion script.
    Completion {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Write man pages and completion scripts into a directory (for packagers).
    #[command(hide = true)]
    GenerateDocs {
        /// Output directory; `man/` and `completions/` are created in it.
        #[arg(long, default_value = ".")]
        out: PathBuf,
    },
}

/// The full clap command, with help generated from the tables.
pub fn command() -> clap::Command {
    Cli::command().mut_subcommand("init", init::decorate)
}

/// Parses the process arguments; exits with status 2 on a usage error.
pub fn parse() -> Cli {
    let matches = command().get_matches();
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// Runs a parsed command line.
pub fn run(cli: Cli) -> Result<ExitStatus> {
    let printer = Printer::new(cli.global.output, cli.global.quiet, cli.global.verbose);
    match cli.command {
        Command::Init(args) => init::run(&cli.global, &printer, *args),
        Command::Config(c) => config::run(&cli.global, &printer, c),
        Command::Join(a) => join::run(&cli.global, &printer, *a),
        Command::Dev(c) => dev::run(&cli.global, &printer, c),
        Command::Snapshot(c) => snapshot::run(&cli.global, &printer, c),
        Command::Health(a) => health::run(&cli.global, &printer, a),
        Command::Certs(c) => certs::run(&cli.global, &printer, c),
        Command::Completion { shell } => {
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut command(), "kforge", &mut script);
            printer.out(String::from_utf8_lossy(&script))?;
            Ok(ExitStatus::Success)
        }
        Command::GenerateDocs { out } => docs::generate(&out),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn clap_definition_is_consistent() {
        super::command().debug_assert();
    }
}
