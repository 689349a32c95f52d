//! The module layering, checked: no import cycles between the top-level
//! modules of `src/`, and no module imports one from a higher layer.
//!
//! Layers, top to bottom (a module may use its own layer and the ones below):
//! 1. `cli` (and `main.rs`): argument parsing and output.
//! 2. workflows: `phases` (init), `join`, `rollout`, `restore_apply`
//!    (`snapshot restore` on a kubeadm node), `recover_space` (`etcd
//!    recover-space`), `upgrade`, `reset`.
//! 3. domain: `certs` (certs check-expiration/renew), `health`, `preflight`,
//!    then `manifests`, `kubelet`, `kubeconfig`, `pki`, `etcd`, `remote`
//!    (off-node backup targets, used by `etcd`), `staticpod`, `spec`, `token`,
//!    `output`, `backup` (snapshots: save, names, records, retention,
//!    off-site copies, drills, metrics); within the layer only without cycles.
//! 4. foundation: `node`, `install`, `paths`, `components`, `versions`,
//!    `exit`, `values`, `image` (image references), `kubeadm_style`,
//!    `interrupt`, `runtime`,
//!    `process` (child processes in their own group, stopped with kforge),
//!    `wait` (the one poll: until an answer, a timeout or a signal).
//!
//! The workspace's crates, top to bottom (a crate may depend on the ones
//! below it only): `kforge-dev` (the stand-ins, not shipped), the product
//! `kforge` (this package), `etcd-format` (etcd's on-disk formats),
//! `kforge-fs` (atomic writes, directory fsync, locks).

#[cfg(test)]
mod tests {
    use crate::paths::source_scan;
    use std::collections::{BTreeMap, BTreeSet};

    fn layer(module: &str) -> u8 {
        match module {
            "main" | "cli" => 1,
            "phases" | "join" | "rollout" | "restore_apply" | "recover_space" | "upgrade"
            | "reset" => 2,
            "node" | "install" | "paths" | "components" | "versions" | "exit" | "values"
            | "kubeadm_style" | "interrupt" | "runtime" | "process" | "image" | "wait"
            | "layers" => 4,
            // Domain: "remote" (off-node backup targets) like every other.
            _ => 3,
        }
    }

    /// Edges found today that belong to other work in progress; each names
    /// who removes it. Do not add to this list.
    const KNOWN: &[(&str, &str)] = &[];

    /// `module -> modules it names through crate::`, test modules and
    /// comments left out.
    pub(crate) fn edges() -> BTreeMap<String, BTreeSet<String>> {
        let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (file, code) in source_scan::sources() {
            // The root package's modules; the other crates are checked as
            // crates (`no_crate_depends_on_a_higher_one`).
            let Some(rel) = file.strip_prefix("src/") else {
                continue;
            };
            let from = rel.split(['/', '.']).next().unwrap_or_default().to_string();
            if from == "lib" {
                continue;
            }
            for line in code.lines() {
                let line = line.split("//").next().unwrap_or("");
                for (i, _) in line.match_indices("crate::") {
                    let rest = &line[i + "crate::".len()..];
                    let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                        group
                            .split('}')
                            .next()
                            .unwrap_or("")
                            .split(',')
                            .map(|s| s.trim().split("::").next().unwrap_or(""))
                            .collect()
                    } else {
                        vec![rest
                            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                            .next()
                            .unwrap_or("")]
                    };
                    for n in names.into_iter().filter(|n| !n.is_empty()) {
                        if n != from {
                            out.entry(from.clone()).or_default().insert(n.to_string());
                        }
                    }
                }
            }
        }
        out
    }

    #[test]
    fn no_module_imports_a_higher_layer() {
        let mut bad = Vec::new();
        for (from, tos) in edges() {
            for to in tos {
                if layer(&to) < layer(&from) && !KNOWN.contains(&(from.as_str(), to.as_str())) {
                    bad.push(format!("{from} -> {to}"));
                }
            }
        }
        assert!(bad.is_empty(), "upward imports: {bad:?}");
    }

    #[test]
    fn no_import_cycles_between_top_level_modules() {
        let g = edges();
        // Depth-first search for a back edge, reporting the cycle.
        fn visit(
            n: &str,
            g: &BTreeMap<String, BTreeSet<String>>,
            stack: &mut Vec<String>,
            done: &mut BTreeSet<String>,
            cycles: &mut Vec<String>,
        ) {
            if let Some(i) = stack.iter().position(|s| s == n) {
                let mut c = stack[i..].to_vec();
                c.push(n.to_string());
                cycles.push(c.join(" -> "));
                return;
            }
            if done.contains(n) {
                return;
            }
            stack.push(n.to_string());
            for m in g.get(n).into_iter().flatten() {
                if !KNOWN.contains(&(n, m.as_str())) {
                    visit(m, g, stack, done, cycles);
                }
            }
            stack.pop();
            done.insert(n.to_string());
        }
        let mut cycles = Vec::new();
        let mut done = BTreeSet::new();
        for n in g.keys() {
            visit(n, &g, &mut Vec::new(), &mut done, &mut cycles);
        }
        assert!(cycles.is_empty(), "import cycles: {cycles:#?}");
    }

    /// The workspace's crates from the bottom up.
    const CRATES: &[&str] = &["kforge-fs", "etcd-format", "kforge", "kforge-dev"];

    /// The workspace crates a manifest depends on in `[dependencies]`.
    fn path_dependencies(manifest: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut in_deps = false;
        for line in manifest.lines().map(str::trim) {
            if line.starts_with('[') {
                in_deps = line == "[dependencies]";
                continue;
            }
            if in_deps && line.contains("path =") {
                out.push(line.split([' ', '=']).next().unwrap_or("").to_string());
            }
        }
        out
    }

    #[test]
    fn no_crate_depends_on_a_higher_one() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut seen = Vec::new();
        for (i, name) in CRATES.iter().enumerate() {
            let manifest = if *name == "kforge" {
                root.join("Cargo.toml")
            } else {
                root.join("crates").join(name).join("Cargo.toml")
            };
            let text = std::fs::read_to_string(&manifest).unwrap();
            for dep in path_dependencies(&text) {
                let at = CRATES.iter().position(|c| *c == dep);
                assert!(
                    at.is_some_and(|d| d < i),
                    "{name} depends on {dep}, which is not below it in {CRATES:?}"
                );
                seen.push(format!("{name} -> {dep}"));
            }
        }
        // The edges that exist today: the product on the formats and the
        // file primitives, the stand-ins on the product.
        for want in [
            "kforge -> etcd-format",
            "kforge -> kforge-fs",
            "etcd-format -> kforge-fs",
            "kforge-dev -> kforge",
        ] {
            assert!(
                seen.iter().any(|s| s == want),
                "{want} missing from {seen:?}"
            );
        }
        // Every crate under crates/ is in the table.
        for e in std::fs::read_dir(root.join("crates")).unwrap() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            assert!(
                CRATES.contains(&name.as_str()),
                "crates/{name} is not in CRATES"
            );
        }
    }
}
