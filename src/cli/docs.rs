//! Man pages and completion scripts, generated from the clap definition;
//! the checked-in copies under man/ and completions/ are tested for staleness.

use crate::exit::ExitStatus;
use anyhow::{Context, Result};
use std::path::Path;

pub fn generate(out: &Path) -> Result<ExitStatus> {
    let man_dir = out.join("man");
    let comp_dir = out.join("completions");
    fs_err::create_dir_all(&man_dir)?;
    fs_err::create_dir_all(&comp_dir)?;
    // The crate's version only: `--version`'s git commit would make the
    // checked-in pages stale at every commit.
    let cmd = super::command().long_version(env!("CARGO_PKG_VERSION"));
    write_man(&cmd, &man_dir, "kforge")?;
    for shell in [
        clap_complete::Shell::Bash,
        clap_complete::Shell::Zsh,
        clap_complete::Shell::Fish,
    ] {
        clap_complete::generate_to(shell, &mut super::command(), "kforge", &comp_dir)
            .with_context(|| format!("writing {shell} completions"))?;
    }
    Ok(ExitStatus::Success)
}

fn write_man(cmd: &clap::Command, dir: &Path, name: &str) -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone().name(name.to_string()))
        .date("")
        .render(&mut buf)?;
    let path = dir.join(format!("{name}.1"));
    crate::node::write_atomic_local(&path, &buf, 0o644)?;
    for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
        write_man(sub, dir, &format!("{name}-{}", sub.get_name()))?;
    }
    Ok(())
}
