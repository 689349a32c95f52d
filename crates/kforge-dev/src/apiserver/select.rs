//! `labelSelector` and `fieldSelector` of a list, as the real server
//! parses them: label requirements `k`, `!k`, `k=v`, `k==v`, `k!=v`,
//! `k in (a,b)`, `k notin (a,b)`; field requirements `f=v`, `f==v`,
//! `f!=v` on `metadata.name`, `metadata.namespace` and, for Secrets,
//! `type` (other fields are refused, as the real server refuses fields a
//! kind does not index).

use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
enum Op {
    Exists,
    NotExists,
    Eq(String),
    NotEq(String),
    In(Vec<String>),
    NotIn(Vec<String>),
}

/// A parsed selector: every requirement must hold.
#[derive(Debug, Clone, Default)]
pub struct Selector(Vec<(String, Op)>);

/// Splits on commas outside parentheses.
fn terms(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut depth, mut start) = (0usize, 0usize);
    for (i, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(&s[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(&s[start..]);
    out.into_iter()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .collect()
}

fn set(values: &str) -> Option<Vec<String>> {
    let inner = values.trim().strip_prefix('(')?.strip_suffix(')')?;
    Some(inner.split(',').map(|v| v.trim().to_string()).collect())
}

impl Selector {
    /// A `labelSelector`.
    pub fn labels(s: &str) -> Result<Selector, String> {
        let mut reqs = Vec::new();
        for t in terms(s) {
            let bad = || format!("unable to parse requirement: invalid label selector: {t:?}");
            let req = if let Some(k) = t.strip_prefix('!') {
                (k.trim().to_string(), Op::NotExists)
            } else if let Some((k, v)) = t.split_once("!=") {
                (k.trim().to_string(), Op::NotEq(v.trim().to_string()))
            } else if let Some((k, v)) = t.split_once("==") {
                (k.trim().to_string(), Op::Eq(v.trim().to_string()))
            } else if let Some((k, v)) = t.split_once('=') {
                (k.trim().to_string(), Op::Eq(v.trim().to_string()))
            } else if let Some((k, v)) = t.split_once(" notin ") {
                (k.trim().to_string(), Op::NotIn(set(v).ok_or_else(bad)?))
            } else if let Some((k, v)) = t.split_once(" in ") {
                (k.trim().to_string(), Op::In(set(v).ok_or_else(bad)?))
            } else if !t.contains(char::is_whitespace) && !t.contains(['(', ')']) {
                (t.to_string(), Op::Exists)
            } else {
                return Err(bad());
            };
            if req.0.is_empty() {
                return Err(bad());
            }
            reqs.push(req);
        }
        Ok(Selector(reqs))
    }

    /// A `fieldSelector` for objects of `kind`.
    pub fn fields(s: &str, kind: &str) -> Result<Selector, String> {
        let mut reqs = Vec::new();
        for t in terms(s) {
            let (k, op) = if let Some((k, v)) = t.split_once("!=") {
                (k, Op::NotEq(v.trim().to_string()))
            } else if let Some((k, v)) = t.split_once("==") {
                (k, Op::Eq(v.trim().to_string()))
            } else if let Some((k, v)) = t.split_once('=') {
                (k, Op::Eq(v.trim().to_string()))
            } else {
                return Err(format!("invalid selector: '{s}'; can't understand '{t}'"));
            };
            let k = k.trim();
            let known = matches!(k, "metadata.name" | "metadata.namespace")
                || (kind == "Secret" && k == "type");
            if !known {
                return Err(format!(
                    "field label not supported: {k} (the stand-in API server knows metadata.name, metadata.namespace and a Secret's type)"
                ));
            }
            reqs.push((k.to_string(), op));
        }
        Ok(Selector(reqs))
    }

    /// Whether the object's labels satisfy this label selector.
    pub fn matches_labels(&self, obj: &Value) -> bool {
        let labels = &obj["metadata"]["labels"];
        self.0.iter().all(|(k, op)| {
            let v = labels.get(k).and_then(Value::as_str);
            holds(op, v)
        })
    }

    /// Whether the object's fields satisfy this field selector.
    pub fn matches_fields(&self, obj: &Value) -> bool {
        self.0.iter().all(|(k, op)| {
            let v = match k.as_str() {
                "metadata.name" => obj["metadata"]["name"].as_str(),
                "metadata.namespace" => Some(obj["metadata"]["namespace"].as_str().unwrap_or("")),
                "type" => obj["type"].as_str(),
                _ => None,
            };
            holds(op, v)
        })
    }
}

fn holds(op: &Op, v: Option<&str>) -> bool {
    match op {
        Op::Exists => v.is_some(),
        Op::NotExists => v.is_none(),
        Op::Eq(want) => v == Some(want.as_str()),
        Op::NotEq(want) => v != Some(want.as_str()),
        Op::In(set) => v.is_some_and(|v| set.iter().any(|s| s == v)),
        Op::NotIn(set) => !v.is_some_and(|v| set.iter().any(|s| s == v)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn label_selectors() {
        let o = json!({"metadata": {"labels": {"app": "dns", "tier": "x"}}});
        for (s, want) in [
            ("app=dns", true),
            ("app==dns,tier", true),
            ("app!=dns", false),
            ("!missing", true),
            ("!tier", false),
            ("app in (a, dns)", true),
            ("app notin (a,dns)", false),
            ("missing notin (a)", true),
            ("", true),
        ] {
            assert_eq!(Selector::labels(s).unwrap().matches_labels(&o), want, "{s}");
        }
        assert!(Selector::labels("app in dns").is_err());
    }

    #[test]
    fn field_selectors() {
        let s = json!({"metadata": {"name": "a", "namespace": "kube-system"}, "type": "bootstrap.kubernetes.io/token"});
        let sel = Selector::fields(
            "type=bootstrap.kubernetes.io/token,metadata.name!=b",
            "Secret",
        )
        .unwrap();
        assert!(sel.matches_fields(&s));
        assert!(!Selector::fields("metadata.name=b", "Secret")
            .unwrap()
            .matches_fields(&s));
        let e = Selector::fields("type=x", "ConfigMap").unwrap_err();
        assert!(e.starts_with("field label not supported: type"), "{e}");
    }
}
