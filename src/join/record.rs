//! The cluster's record of joined node names ([`paths::JOINED_NODES`] on
//! the control-plane node `join` runs on): node name -> the host it was
//! given to. kforge has no API server to list nodes, so this record is what
//! keeps a name from going to a second machine across runs.

use crate::node::Node;
use crate::paths;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The host a node name was given to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Holder {
    /// The address the host was joined at (as given to `join`).
    pub address: String,
    /// Its hostname when it joined.
    pub hostname: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Record {
    pub nodes: BTreeMap<String, Holder>,
}

impl Record {
    /// Reads the record (empty when there is none yet).
    pub fn load(node: &dyn Node) -> Result<Record> {
        let path = Path::new(paths::JOINED_NODES);
        match node.read(path)? {
            None => Ok(Record::default()),
            Some(b) => serde_json::from_slice(&b).with_context(|| {
                format!(
                    "{}: unreadable record of joined nodes (fix or remove it)",
                    node.real_path(path).display()
                )
            }),
        }
    }

    /// Writes the record atomically (0600).
    pub fn save(&self, node: &dyn Node) -> Result<()> {
        let mut text = serde_json::to_vec_pretty(self)?;
        text.push(b'\n');
        node.write_atomic(Path::new(paths::JOINED_NODES), &text, 0o600)
    }

    /// Why host `address` may not have `name`: it was given to another host.
    pub fn refuses(&self, name: &str, address: &str) -> Option<String> {
        let h = self.nodes.get(name)?;
        (h.address != address).then(|| {
            format!(
                "node name {name:?} already belongs to the node joined at {} (hostname {}; recorded in {}); give this host another name",
                h.address,
                h.hostname,
                paths::JOINED_NODES
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_recorded_for_another_address_is_refused() {
        let mut r = Record::default();
        r.nodes.insert(
            "w1".into(),
            Holder {
                address: "198.18.0.11".into(),
                hostname: "node1".into(),
            },
        );
        assert!(r.refuses("w1", "198.18.0.11").is_none());
        assert!(r.refuses("w2", "198.18.0.12").is_none());
        let why = r.refuses("w1", "198.18.0.12").unwrap();
        assert!(why.contains("198.18.0.11") && !why.contains('\n'), "{why}");
    }
}
