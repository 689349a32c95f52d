//! `kforge dev ...`: aids for staged nodes, demos and tests.

use super::GlobalArgs;
use crate::exit::ExitStatus;
use crate::node::LocalNode;
use crate::output::Printer;
use anyhow::{Context, Result};
use clap::Subcommand;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum DevCommand {
    /// Run a static pod's command directly on this machine (a kubelet stand-in).
    ///
    /// Reads /etc/kubernetes/manifests/NAME.yaml (under --root), maps every
    /// path argument inside a hostPath volume to its real location, creates
    /// DirectoryOrCreate volumes, and replaces this process with the
    /// container's command. No container runtime, no isolation: for staged
    /// nodes, demos and tests on machines without a kubelet.
    RunStaticPod {
        /// Manifest name, e.g. etcd.
        name: String,
        /// Binary to run instead of the command's first word (found in PATH otherwise).
        #[arg(long, value_name = "PATH")]
        binary: Option<PathBuf>,
        /// Print the command line (one JSON array) instead of running it.
        #[arg(long)]
        print: bool,
    },
}

pub fn run(g: &GlobalArgs, p: &Printer, c: DevCommand) -> Result<ExitStatus> {
    match c {
        DevCommand::RunStaticPod {
            name,
            binary,
            print,
        } => {
            let node = LocalNode::new(g.root.clone());
            let pod = crate::staticpod::read(&node, &name)?;
            let mut argv = crate::staticpod::local_argv(&node, &pod)?;
            if let Some(b) = binary {
                argv[0] = b.display().to_string();
            }
            if print {
                p.out(format!("{}\n", serde_json::to_string(&argv)?))?;
                return Ok(ExitStatus::Success);
            }
            let err = std::process::Command::new(&argv[0]).args(&argv[1..]).exec();
            Err(err).with_context(|| format!("running {}", argv[0]))
        }
    }
}
