//! `kforge config print ...`.

use super::GlobalArgs;
use crate::exit::{usage, ExitStatus};
use crate::output::{Format, Printer};
use anyhow::Result;
use clap::Subcommand;
use serde::Deserialize;

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

pub fn run(_g: &GlobalArgs, p: &Printer, c: ConfigCommand) -> Result<ExitStatus> {
    let (text, what) = match c {
        ConfigCommand::Print(PrintCommand::InitDefaults) => {
            (crate::spec::print::init_defaults(), "init-defaults")
        }
        ConfigCommand::Print(PrintCommand::Inventory) => (
            crate::join::hosts::EXAMPLE_INVENTORY.to_string(),
            "inventory",
        ),
    };
    p.out(render(&text, p.format, what)?)?;
    Ok(ExitStatus::Success)
}

/// The YAML as written (comments kept) for table and yaml output; JSON for
/// `-o json`: one object, or a `List` of the documents when there are several.
fn render(yaml: &str, format: Format, what: &str) -> Result<String> {
    match format {
        Format::Table | Format::Yaml => Ok(yaml.to_string()),
        Format::Json => {
            let docs = serde_yaml_ng::Deserializer::from_str(yaml)
                .map(serde_json::Value::deserialize)
                .collect::<Result<Vec<_>, _>>()?;
            let docs: Vec<serde_json::Value> = docs.into_iter().filter(|d| !d.is_null()).collect();
            let value = match <[serde_json::Value; 1]>::try_from(docs) {
                Ok([one]) => one,
                Err(docs) => serde_json::json!({"apiVersion": "v1", "kind": "List", "items": docs}),
            };
            Ok(format!("{}\n", serde_json::to_string_pretty(&value)?))
        }
        Format::Junit => Err(usage(format!(
            "-o junit is only available for kforge health, not config print {what}"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regression_config_print_init_defaults_json_prints_yaml() {
        let out = render(
            &crate::spec::print::init_defaults(),
            Format::Json,
            "init-defaults",
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let kinds: Vec<&str> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["kind"].as_str().unwrap())
            .collect();
        assert_eq!(kinds, ["InitConfiguration", "ClusterConfiguration"]);
        let inv = render(
            crate::join::hosts::EXAMPLE_INVENTORY,
            Format::Json,
            "inventory",
        )
        .unwrap();
        let v: serde_json::Value = serde_json::from_str(&inv).expect("valid JSON");
        assert!(v.is_object() && v.get("kind").is_some(), "{v}");
        assert!(render("a: 1\n", Format::Junit, "x").is_err());
    }
}
