//! The module layering, checked: no import cycles between the top-level
//! modules of `src/`, and no module imports one from a higher layer.
//!
//! Layers, top to bottom (a module may use its own layer and the ones below):
//! 1. `cli` (and `main.rs`): argument parsing and output.
//! 2. workflows: `phases` (init), `join`, `rollout`, `restore_apply`
//!    (`snapshot restore` on a kubeadm node), `upgrade`, `reset`.
//! 3. domain: `certs` (certs check-expiration/renew), `health`, `preflight`,
//!    then `manifests`, `kubelet`, `kubeconfig`, `pki`, `etcd`, `remote`
//!    (off-node backup targets, used by `etcd`), `staticpod`, `spec`, `token`,
//!    `output`, `devkubelet` (the stand-in kubelet of `kforge dev kubelet`);
//!    within the layer only without cycles.
//! 4. foundation: `node`, `install`, `paths`, `components`, `versions`,
//!    `exit`, `values`, `kubeadm_style`, `interrupt`, `lock`, `runtime`,
//!    `process` (child processes in their own group, stopped with kforge),
//!    `wait` (the one poll: until an answer, a timeout or a signal).

#[cfg(test)]
mod tests {
    use crate::paths::source_scan;
    use std::collections::{BTreeMap, BTreeSet};

    fn layer(module: &str) -> u8 {
        match module {
            "main" | "cli" => 1,
            "phases" | "join" | "rollout" | "restore_apply" | "upgrade" | "reset" => 2,
            "node" | "install" | "paths" | "components" | "versions" | "exit" | "values"
            | "kubeadm_style" | "interrupt" | "lock" | "runtime" | "process" | "wait"
            | "layers" => 4,
            "devkubelet" => 3,
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
            let rel = file.trim_start_matches("src/");
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
}
