//! `kforge config print ...`.

use super::GlobalArgs;
use crate::exit::ExitStatus;
use crate::output::Printer;
use anyhow::Result;
use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print a configuration document.
    #[command(subcommand)]
    Print(PrintCommand),
}

#[derive(Debug, Subcommand)]
pub enum PrintCommand {
    /// kubeadm v1beta4 InitConfiguration + ClusterConfiguration with kforge's
    /// defaults; `kforge init --config` accepts it back.
    InitDefaults,
    /// An example `kforge join --inventory` file, with every field.
    Inventory,
}

pub fn run(_g: &GlobalArgs, _p: &Printer, c: ConfigCommand) -> Result<ExitStatus> {
    match c {
        ConfigCommand::Print(PrintCommand::InitDefaults) => {
            print!("{}", crate::spec::print::init_defaults());
            Ok(ExitStatus::Success)
        }
        ConfigCommand::Print(PrintCommand::Inventory) => {
            print!("{}", crate::join::hosts::EXAMPLE_INVENTORY);
            Ok(ExitStatus::Success)
        }
    }
}
