//! The three-way merge of a static pod manifest on upgrade: the operator's
//! edits (the current file against the base, what kforge rendered last)
//! applied onto the new render of the target release.
//!
//! Each value is taken by one rule: unchanged by the operator -> the new
//! render's; unchanged by the new release -> the operator's; the same on both
//! sides -> that; otherwise, where both are objects or keyed lists, the rule
//! is applied per key, and anything else is a [`Conflict`] (resolved only by
//! [`Prefer`]). Keyed lists: `containers`, `initContainers`, `volumes` and
//! `env` by `name`, `volumeMounts` by `mountPath`, `ports` by `name` (else
//! `containerPort`); `command` and `args` by flag name (`--name=value`, a
//! repeated flag is one key), written back sorted by name and value as
//! kubeadm writes them, the binary first. A container's `image` is merged
//! as repository and tag. Other lists are single values.
//!
//! Containers keep the operator's order (a sidecar placed first stays
//! first and is never touched); other keyed lists follow the new render's
//! order, the operator's additions after it.

use crate::image::ImageRef;
use serde_json::{Map, Value};

/// Which side wins a true conflict (`--prefer-mine` / `--prefer-new`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    Mine,
    New,
}

/// A value both the operator and the new release changed, differently.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conflict {
    /// Where: `flag --secure-port`, `volume audit`, `livenessProbe.httpGet.port`.
    pub what: String,
    /// What kforge rendered before (the base); `None`: absent.
    pub base: Option<String>,
    /// The operator's (the current file); `None`: removed.
    pub mine: Option<String>,
    /// The new release's render; `None`: no longer rendered.
    pub new: Option<String>,
}

/// The merge's result.
#[derive(Debug, Clone)]
pub struct Merged {
    pub doc: Value,
    /// The operator's edits carried onto the new render, one line each.
    pub kept: Vec<String>,
    /// True conflicts (empty when `prefer` resolved them; then listed in `resolved`).
    pub conflicts: Vec<Conflict>,
    /// Conflicts resolved by [`Prefer`], one line each.
    pub resolved: Vec<String>,
}

/// Merges the operator's edits (`base` -> `mine`) onto `new`.
pub fn merge(base: &Value, mine: &Value, new: &Value, prefer: Option<Prefer>) -> Merged {
    let mut m = Merger {
        prefer,
        kept: vec![],
        conflicts: vec![],
        resolved: vec![],
    };
    let doc = m
        .value(&Path::root(), Some(base), Some(mine), Some(new))
        .unwrap_or(Value::Null);
    Merged {
        doc,
        kept: m.kept,
        conflicts: m.conflicts,
        resolved: m.resolved,
    }
}

/// Where a value sits, for messages and for choosing the list rule.
#[derive(Clone)]
struct Path {
    /// Human-readable: `container kube-apiserver: flag --profiling`.
    shown: String,
    /// The field the value is under (`command`, `volumes`, `image`...).
    field: String,
}

impl Path {
    fn root() -> Path {
        Path {
            shown: String::new(),
            field: String::new(),
        }
    }
    fn key(&self, k: &str) -> Path {
        Path {
            shown: if self.shown.is_empty() {
                k.to_string()
            } else if self.shown.ends_with(':') {
                format!("{} {k}", self.shown)
            } else {
                format!("{}.{k}", self.shown)
            },
            field: k.to_string(),
        }
    }
    /// An item of a keyed list (`container etcd:`, `volume data:`).
    fn item(&self, what: &str, key: &str) -> Path {
        Path {
            shown: format!("{}{what} {key}:", container_prefix(self)),
            field: String::new(),
        }
    }
    fn label(&self) -> String {
        self.shown.trim_end_matches(':').to_string()
    }
}

struct Merger {
    prefer: Option<Prefer>,
    kept: Vec<String>,
    conflicts: Vec<Conflict>,
    resolved: Vec<String>,
}

/// A value as one line, for messages.
pub fn show(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn obj(v: Option<&Value>) -> Option<&Map<String, Value>> {
    v.and_then(Value::as_object)
}

fn arr(v: Option<&Value>) -> Option<&Vec<Value>> {
    v.and_then(Value::as_array)
}

impl Merger {
    /// One value, three ways; `None`: absent in the result.
    fn value(
        &mut self,
        at: &Path,
        b: Option<&Value>,
        m: Option<&Value>,
        n: Option<&Value>,
    ) -> Option<Value> {
        if m == b {
            return n.cloned();
        }
        if m == n {
            return m.cloned();
        }
        // Look inside where the shape allows (also when only the operator
        // changed it, so each of their edits is named on its own).
        let empty = Map::new();
        let empty_list = Vec::new();
        match (m, n) {
            (Some(Value::Object(mo)), Some(Value::Object(no)))
                if b.is_none_or(Value::is_object) =>
            {
                return Some(Value::Object(self.object(
                    at,
                    obj(b).unwrap_or(&empty),
                    mo,
                    no,
                )));
            }
            (Some(Value::Array(ma)), Some(Value::Array(na))) if b.is_none_or(Value::is_array) => {
                let ba = arr(b).unwrap_or(&empty_list);
                match at.field.as_str() {
                    "command" | "args" => {
                        return Some(self.flags(at, ba, ma, na));
                    }
                    f => {
                        if let Some(key) = list_key(f) {
                            return Some(self.keyed(at, f, key, ba, ma, na));
                        }
                    }
                }
            }
            (Some(Value::String(ms)), Some(Value::String(ns))) if at.field == "image" => {
                if let Some(img) = self.image(at, b.and_then(Value::as_str), ms, ns) {
                    return Some(Value::String(img));
                }
            }
            _ => {}
        }
        if n == b {
            self.kept.push(describe_edit(at, b, m));
            return m.cloned();
        }
        self.conflict(at.label(), b.map(show), m.map(show), n.map(show));
        match self.prefer {
            Some(Prefer::New) => n.cloned(),
            _ => m.cloned(),
        }
    }

    fn conflict(
        &mut self,
        what: String,
        base: Option<String>,
        mine: Option<String>,
        new: Option<String>,
    ) {
        let c = Conflict {
            what,
            base,
            mine,
            new,
        };
        match self.prefer {
            None => self.conflicts.push(c),
            Some(p) => {
                let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(absent)".into());
                self.resolved.push(match p {
                    Prefer::Mine => format!(
                        "{}: yours ({}) kept over the new release's ({}) by --prefer-mine",
                        c.what,
                        side(&c.mine),
                        side(&c.new)
                    ),
                    Prefer::New => format!(
                        "{}: the new release's ({}) taken over yours ({}) by --prefer-new",
                        c.what,
                        side(&c.new),
                        side(&c.mine)
                    ),
                })
            }
        }
    }

    fn object(
        &mut self,
        at: &Path,
        b: &Map<String, Value>,
        m: &Map<String, Value>,
        n: &Map<String, Value>,
    ) -> Map<String, Value> {
        let mut keys: Vec<&String> = n.keys().chain(m.keys()).chain(b.keys()).collect();
        keys.sort();
        keys.dedup();
        let mut out = Map::new();
        for k in keys {
            if let Some(v) = self.value(&at.key(k), b.get(k), m.get(k), n.get(k)) {
                out.insert(k.clone(), v);
            }
        }
        out
    }

    /// A list of objects identified by a key field.
    fn keyed(
        &mut self,
        at: &Path,
        field: &str,
        key: fn(&Value) -> Option<String>,
        b: &[Value],
        m: &[Value],
        n: &[Value],
    ) -> Value {
        fn find<'v>(
            list: &'v [Value],
            key: fn(&Value) -> Option<String>,
            k: &str,
        ) -> Option<&'v Value> {
            list.iter().find(|v| key(v).as_deref() == Some(k))
        }
        let keys = |list: &[Value]| list.iter().filter_map(key).collect::<Vec<_>>();
        // Containers: the operator's order, the new release's additions after.
        // Others: the new release's order, the operator's additions after.
        let (first, second) = if field == "containers" || field == "initContainers" {
            (keys(m), keys(n))
        } else {
            (keys(n), keys(m))
        };
        let mut order: Vec<String> = Vec::new();
        for k in first.into_iter().chain(second).chain(keys(b)) {
            if !order.contains(&k) {
                order.push(k);
            }
        }
        let what = item_name(field);
        let mut out = Vec::new();
        for k in order {
            let p = at.item(what, &k);
            if let Some(v) = self.value(&p, find(b, key, &k), find(m, key, &k), find(n, key, &k)) {
                out.push(v);
            }
        }
        Value::Array(out)
    }

    /// `command`/`args`: by flag name.
    fn flags(&mut self, at: &Path, b: &[Value], m: &[Value], n: &[Value]) -> Value {
        let (bp, bf) = split_flags(b);
        let (mp, mf) = split_flags(m);
        let (np, nf) = split_flags(n);
        let list = |v: Vec<String>| Value::Array(v.into_iter().map(Value::from).collect());
        let words = Path {
            shown: format!(
                "{}{} words before the flags",
                container_prefix(at),
                at.field
            ),
            field: String::new(),
        };
        let mut out: Vec<String> =
            match self.value(&words, Some(&list(bp)), Some(&list(mp)), Some(&list(np))) {
                Some(Value::Array(a)) => a.iter().map(show).collect(),
                _ => vec![],
            };
        let mut names: Vec<&String> = nf.keys().chain(mf.keys()).chain(bf.keys()).collect();
        names.sort();
        names.dedup();
        let mut flags: Vec<(String, String)> = Vec::new();
        for name in names {
            let p = Path {
                shown: format!("{}flag --{name}", container_prefix(at)),
                field: String::new(),
            };
            let as_value = |f: &std::collections::BTreeMap<String, Vec<String>>| {
                f.get(name).map(|v| list(v.clone()))
            };
            let (bv, mv, nv) = (as_value(&bf), as_value(&mf), as_value(&nf));
            let gates = (name == "feature-gates")
                .then(|| self.gates(&p, bf.get(name), mf.get(name), nf.get(name)))
                .flatten();
            let merged = match gates {
                Some(g) => g,
                None => self.flag_value(&p, bv.as_ref(), mv.as_ref(), nv.as_ref()),
            };
            if let Some(Value::Array(items)) = merged {
                for i in items {
                    flags.push((name.clone(), show(&i)));
                }
            }
        }
        flags.sort();
        out.extend(flags.into_iter().map(|(k, raw)| format!("--{k}{raw}")));
        list(out)
    }

    /// `--feature-gates` given at most once on each side: merged gate by
    /// gate (the new render's order, the operator's additions after it).
    /// `None`: not in that shape (merged as one value).
    fn gates(
        &mut self,
        at: &Path,
        b: Option<&Vec<String>>,
        m: Option<&Vec<String>>,
        n: Option<&Vec<String>>,
    ) -> Option<Option<Value>> {
        fn parse(v: Option<&Vec<String>>) -> Option<Vec<(String, String)>> {
            match v.map(Vec::as_slice) {
                None => Some(vec![]),
                Some([one]) => one
                    .trim_start_matches('=')
                    .split(',')
                    .filter(|g| !g.is_empty())
                    .map(|g| {
                        g.split_once('=')
                            .map(|(k, v)| (k.to_string(), v.to_string()))
                    })
                    .collect(),
                Some(_) => None,
            }
        }
        let (bg, mg, ng) = (parse(b)?, parse(m)?, parse(n)?);
        let get = |l: &[(String, String)], k: &str| {
            l.iter()
                .find(|(g, _)| g == k)
                .map(|(_, v)| Value::from(v.as_str()))
        };
        let mut order: Vec<String> = Vec::new();
        for (k, _) in ng.iter().chain(&mg).chain(&bg) {
            if !order.contains(k) {
                order.push(k.clone());
            }
        }
        let mut out = Vec::new();
        for k in order {
            let p = Path {
                shown: format!("{} gate {k}", at.shown),
                field: String::new(),
            };
            if let Some(v) = self.value(
                &p,
                get(&bg, &k).as_ref(),
                get(&mg, &k).as_ref(),
                get(&ng, &k).as_ref(),
            ) {
                out.push(format!("{k}={}", show(&v)));
            }
        }
        Some(if out.is_empty() {
            None
        } else {
            Some(Value::Array(vec![Value::from(format!(
                "={}",
                out.join(",")
            ))]))
        })
    }

    /// A flag's values (a list, one per occurrence), three ways; messages
    /// show a single value without the list brackets.
    fn flag_value(
        &mut self,
        at: &Path,
        b: Option<&Value>,
        m: Option<&Value>,
        n: Option<&Value>,
    ) -> Option<Value> {
        if m == b {
            return n.cloned();
        }
        if m == n {
            return m.cloned();
        }
        let one = |v: Option<&Value>| {
            v.map(|v| match v.as_array() {
                Some(a) => a
                    .iter()
                    .map(|i| show(i).trim_start_matches('=').to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                None => show(v),
            })
        };
        if n == b {
            self.kept.push(match (b, m) {
                (None, _) => format!("{}={} (added)", at.label(), one(m).unwrap_or_default()),
                (_, None) => format!("{} (removed)", at.label()),
                _ => format!(
                    "{}={} (kforge rendered {})",
                    at.label(),
                    one(m).unwrap_or_default(),
                    one(b).unwrap_or_default()
                ),
            });
            return m.cloned();
        }
        self.conflict(at.label(), one(b), one(m), one(n));
        match self.prefer {
            Some(Prefer::New) => n.cloned(),
            _ => m.cloned(),
        }
    }

    /// A container image: repository, tag and digest merged apart, so an
    /// operator's mirror registry survives a new tag.
    fn image(&mut self, at: &Path, b: Option<&str>, m: &str, n: &str) -> Option<String> {
        let b = b?;
        let (b, m, n) = (ImageRef::parse(b), ImageRef::parse(m), ImageRef::parse(n));
        let (br, bt) = (b.repository, b.tag);
        let (mr, mt) = (m.repository, m.tag);
        let (nr, nt) = (n.repository, n.tag);
        let pick = |b: &str, m: &str, n: &str| -> Option<String> {
            if m == b || m == n {
                Some(n.to_string())
            } else if n == b {
                Some(m.to_string())
            } else {
                None
            }
        };
        let repo = pick(br, mr, nr)?;
        let tag = pick(bt.unwrap_or(""), mt.unwrap_or(""), nt.unwrap_or(""))?;
        let digest = pick(
            b.digest.unwrap_or(""),
            m.digest.unwrap_or(""),
            n.digest.unwrap_or(""),
        )?;
        // An operator's digest pins the image of their tag: with any other
        // tag it names the wrong image, so that is a conflict.
        if !digest.is_empty() && Some(tag.as_str()) != m.tag.or(Some("")) {
            return None;
        }
        if mr != br {
            self.kept.push(format!(
                "{}: repository {mr} (kforge rendered {br})",
                at.label()
            ));
        }
        if mt != bt && mt != nt {
            self.kept.push(format!(
                "{}: tag {} (kforge rendered {})",
                at.label(),
                mt.unwrap_or(""),
                bt.unwrap_or("")
            ));
        }
        Some(
            ImageRef {
                repository: &repo,
                tag: (!tag.is_empty()).then_some(tag.as_str()),
                digest: (!digest.is_empty()).then_some(digest.as_str()),
            }
            .to_string(),
        )
    }
}

/// `container kube-apiserver: ` of a path inside a container, for flag names.
fn container_prefix(at: &Path) -> String {
    match at.shown.split_once(':') {
        Some((c, _)) if c.starts_with("container ") => format!("{c}: "),
        _ => String::new(),
    }
}

fn describe_edit(at: &Path, b: Option<&Value>, m: Option<&Value>) -> String {
    match (b, m) {
        (None, Some(m)) if m.is_object() => format!("{} (added)", at.label()),
        (None, Some(m)) => format!("{} {} (added)", at.label(), short(m)),
        (Some(_), None) => format!("{} (removed)", at.label()),
        (Some(_), Some(m)) if m.is_object() => format!("{} (edited)", at.label()),
        (Some(b), Some(m)) => format!("{} {} (kforge rendered {})", at.label(), short(m), short(b)),
        (None, None) => at.label(),
    }
}

/// A value shortened for a one-line message.
fn short(v: &Value) -> String {
    let s = show(v);
    if s.chars().count() > 80 {
        format!("{}...", s.chars().take(77).collect::<String>())
    } else {
        s
    }
}

/// The key field of a keyed list, by the field's name.
fn list_key(field: &str) -> Option<fn(&Value) -> Option<String>> {
    fn by(v: &Value, f: &str) -> Option<String> {
        v.get(f).map(show)
    }
    match field {
        "containers" | "initContainers" | "volumes" | "env" => Some(|v| by(v, "name")),
        "volumeMounts" => Some(|v| by(v, "mountPath")),
        "ports" => Some(|v| by(v, "name").or_else(|| by(v, "containerPort"))),
        _ => None,
    }
}

fn item_name(field: &str) -> &'static str {
    match field {
        "containers" => "container",
        "initContainers" => "init container",
        "volumes" => "volume",
        "env" => "env",
        "volumeMounts" => "volumeMount",
        "ports" => "port",
        _ => "item",
    }
}

type Flags = std::collections::BTreeMap<String, Vec<String>>;

/// The words before the first `--flag`, and the flags by name (each
/// occurrence's `=value`, or nothing for a bare `--flag`).
fn split_flags(argv: &[Value]) -> (Vec<String>, Flags) {
    let words: Vec<String> = argv.iter().map(show).collect();
    let first = words
        .iter()
        .position(|w| w.starts_with("--"))
        .unwrap_or(words.len());
    let mut flags = Flags::new();
    for w in &words[first..] {
        let body = w.trim_start_matches('-');
        let (k, raw) = match body.find('=') {
            Some(i) => (&body[..i], &body[i..]),
            None => (body, ""),
        };
        flags
            .entry(k.to_string())
            .or_default()
            .push(raw.to_string());
    }
    (words[..first].to_vec(), flags)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod(container: Value) -> Value {
        json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "kube-apiserver"},
               "spec": {"containers": [container], "volumes": [
                   {"name": "k8s-certs", "hostPath": {"path": "/etc/kubernetes/pki"}}]}})
    }

    fn apiserver(image: &str, flags: &[&str], port: Value) -> Value {
        let mut cmd = vec!["kube-apiserver".to_string()];
        cmd.extend(flags.iter().map(|s| s.to_string()));
        json!({"name": "kube-apiserver", "image": image, "command": cmd,
               "livenessProbe": {"httpGet": {"path": "/livez", "port": port}},
               "volumeMounts": [{"mountPath": "/etc/kubernetes/pki", "name": "k8s-certs"}]})
    }

    fn container<'a>(doc: &'a Value, name: &str) -> &'a Value {
        doc["spec"]["containers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
    }

    #[test]
    fn the_operators_flag_lands_on_the_new_render_and_the_releases_changes_land_too() {
        let base = pod(apiserver(
            "registry.k8s.io/kube-apiserver:v1.33.0",
            &["--a=1", "--old=x"],
            json!(6443),
        ));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["command"] = json!([
            "kube-apiserver",
            "--a=1",
            "--audit-log-maxage=30",
            "--old=x"
        ]);
        let new = pod(apiserver(
            "registry.k8s.io/kube-apiserver:v1.34.0",
            &["--a=2", "--b=3"],
            json!("probe-port"),
        ));
        let r = merge(&base, &mine, &new, None);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        let c = container(&r.doc, "kube-apiserver");
        assert_eq!(
            c["command"],
            json!(["kube-apiserver", "--a=2", "--audit-log-maxage=30", "--b=3"])
        );
        assert_eq!(c["image"], "registry.k8s.io/kube-apiserver:v1.34.0");
        assert_eq!(c["livenessProbe"]["httpGet"]["port"], "probe-port");
        assert_eq!(
            r.kept,
            vec!["container kube-apiserver: flag --audit-log-maxage=30 (added)"]
        );
    }

    #[test]
    fn a_sidecar_placed_first_is_left_alone_and_the_component_is_found_by_name() {
        let base = pod(apiserver(
            "r/kube-apiserver:v1.33.0",
            &["--a=1"],
            json!(6443),
        ));
        let mut mine = base.clone();
        let sidecar = json!({"name": "log-shipper", "image": "r/shipper:v1.33.0",
                             "command": ["ship", "--a=1"]});
        mine["spec"]["containers"] = json!([sidecar, base["spec"]["containers"][0]]);
        let new = pod(apiserver(
            "r/kube-apiserver:v1.34.0",
            &["--a=1"],
            json!(6443),
        ));
        let r = merge(&base, &mine, &new, None);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        let cs = r.doc["spec"]["containers"].as_array().unwrap();
        assert_eq!(cs[0], sidecar);
        assert_eq!(cs[1]["image"], "r/kube-apiserver:v1.34.0");
        assert_eq!(r.kept, vec![format!("container log-shipper (added)")]);
    }

    #[test]
    fn volumes_env_and_resources_merge_by_key_and_removals_are_kept() {
        let mut base = pod(apiserver("r/kube-apiserver:v1.33.0", &[], json!(6443)));
        base["spec"]["containers"][0]["resources"] = json!({"requests": {"cpu": "250m"}});
        base["spec"]["containers"][0]["env"] = json!([{"name": "HTTP_PROXY", "value": "p"}]);
        let mut mine = base.clone();
        mine["spec"]["volumes"]
            .as_array_mut()
            .unwrap()
            .push(json!({"name": "audit", "hostPath": {"path": "/var/log/audit"}}));
        mine["spec"]["containers"][0]["volumeMounts"]
            .as_array_mut()
            .unwrap()
            .push(json!({"mountPath": "/var/log/audit", "name": "audit"}));
        mine["spec"]["containers"][0]["resources"]["limits"] = json!({"memory": "2Gi"});
        mine["spec"]["containers"][0]["env"] = json!([]);
        let mut new = base.clone();
        new["spec"]["containers"][0]["resources"]["requests"]["memory"] = json!("512Mi");
        new["spec"]["volumes"].as_array_mut().unwrap().insert(
            0,
            json!({"name": "ca-certs", "hostPath": {"path": "/etc/ssl/certs"}}),
        );
        let r = merge(&base, &mine, &new, None);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        let c = container(&r.doc, "kube-apiserver");
        assert_eq!(
            c["resources"],
            json!({"limits": {"memory": "2Gi"}, "requests": {"cpu": "250m", "memory": "512Mi"}})
        );
        assert_eq!(c["env"], json!([]));
        let names: Vec<&str> = r.doc["spec"]["volumes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["ca-certs", "k8s-certs", "audit"]);
        assert_eq!(c["volumeMounts"].as_array().unwrap().len(), 2);
    }

    #[test]
    fn a_true_conflict_shows_both_sides_and_prefer_resolves_it() {
        let base = pod(apiserver(
            "r/kube-apiserver:v1.33.0",
            &["--p=1"],
            json!(6443),
        ));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["command"][1] = json!("--p=mine");
        let new = pod(apiserver(
            "r/kube-apiserver:v1.34.0",
            &["--p=new"],
            json!(6443),
        ));
        let r = merge(&base, &mine, &new, None);
        assert_eq!(
            r.conflicts,
            vec![Conflict {
                what: "container kube-apiserver: flag --p".into(),
                base: Some("1".into()),
                mine: Some("mine".into()),
                new: Some("new".into()),
            }]
        );
        let r = merge(&base, &mine, &new, Some(Prefer::Mine));
        assert!(r.conflicts.is_empty());
        assert_eq!(
            container(&r.doc, "kube-apiserver")["command"][1],
            "--p=mine"
        );
        assert_eq!(r.resolved.len(), 1, "{:?}", r.resolved);
        let r = merge(&base, &mine, &new, Some(Prefer::New));
        assert_eq!(container(&r.doc, "kube-apiserver")["command"][1], "--p=new");
        // A probe port both sides changed.
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["livenessProbe"]["httpGet"]["port"] = json!(7443);
        let new = pod(apiserver(
            "r/kube-apiserver:v1.34.0",
            &["--p=1"],
            json!("probe-port"),
        ));
        let r = merge(&base, &mine, &new, None);
        assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
        assert_eq!(
            r.conflicts[0].what,
            "container kube-apiserver: livenessProbe.httpGet.port"
        );
        assert_eq!(r.conflicts[0].mine.as_deref(), Some("7443"));
        assert_eq!(r.conflicts[0].new.as_deref(), Some("probe-port"));
    }

    #[test]
    fn an_operators_mirror_registry_survives_a_new_tag() {
        let base = pod(apiserver(
            "registry.k8s.io/kube-apiserver:v1.33.0",
            &[],
            json!(1),
        ));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["image"] = json!("mirror:5000/kube-apiserver:v1.33.0");
        let new = pod(apiserver(
            "registry.k8s.io/kube-apiserver:v1.34.0",
            &[],
            json!(1),
        ));
        let r = merge(&base, &mine, &new, None);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        assert_eq!(
            container(&r.doc, "kube-apiserver")["image"],
            "mirror:5000/kube-apiserver:v1.34.0"
        );
    }

    #[test]
    fn feature_gates_merge_gate_by_gate() {
        let base = pod(apiserver("r/x:v1", &["--feature-gates=A=true"], json!(1)));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["command"] =
            json!(["kube-apiserver", "--feature-gates=A=true,Mine=false"]);
        let new = pod(apiserver(
            "r/x:v2",
            &["--feature-gates=A=true,B=true"],
            json!(1),
        ));
        let r = merge(&base, &mine, &new, None);
        assert!(r.conflicts.is_empty(), "{:?}", r.conflicts);
        assert_eq!(
            container(&r.doc, "kube-apiserver")["command"],
            json!(["kube-apiserver", "--feature-gates=A=true,B=true,Mine=false"])
        );
        assert_eq!(
            r.kept,
            ["container kube-apiserver: flag --feature-gates gate Mine false (added)"]
        );
        // The same gate set differently on both sides is a conflict.
        let new = pod(apiserver("r/x:v2", &["--feature-gates=A=false"], json!(1)));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["command"] =
            json!(["kube-apiserver", "--feature-gates=A=maybe"]);
        let r = merge(&base, &mine, &new, None);
        assert_eq!(r.conflicts.len(), 1, "{:?}", r.conflicts);
        assert_eq!(
            r.conflicts[0].what,
            "container kube-apiserver: flag --feature-gates gate A"
        );
    }

    #[test]
    fn a_removed_flag_stays_removed_unless_the_release_changed_it() {
        let base = pod(apiserver("r/x:v1", &["--a=1", "--b=2"], json!(1)));
        let mut mine = base.clone();
        mine["spec"]["containers"][0]["command"] = json!(["kube-apiserver", "--a=1"]);
        let new = pod(apiserver("r/x:v2", &["--a=1", "--b=2", "--c=3"], json!(1)));
        let r = merge(&base, &mine, &new, None);
        assert_eq!(
            container(&r.doc, "kube-apiserver")["command"],
            json!(["kube-apiserver", "--a=1", "--c=3"])
        );
        let new = pod(apiserver("r/x:v2", &["--a=1", "--b=9"], json!(1)));
        let r = merge(&base, &mine, &new, None);
        assert_eq!(r.conflicts.len(), 1);
        assert_eq!(r.conflicts[0].mine, None);
    }
}
