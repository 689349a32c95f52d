//! The STAND-IN's patch algorithms: a JSON merge patch (RFC 7386:
//! objects merge key by key, `null` removes a key, anything else, lists
//! included, replaces), which server-side apply and strategic merge
//! patches use too (see the module doc of `apiserver`: a simplification
//! of the real server, which merges some lists by key); and a JSON patch
//! (RFC 6902).

use serde_json::Value;

/// Applies `patch` onto `target` (RFC 7386).
pub fn merge(target: &mut Value, patch: &Value) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Default::default());
    }
    let t = target.as_object_mut().expect("an object");
    for (k, v) in p {
        if v.is_null() {
            t.remove(k);
        } else {
            merge(t.entry(k.clone()).or_insert(Value::Null), v);
        }
    }
}

/// The parent of a JSON pointer's target and its last token (unescaped).
fn parent<'a>(doc: &'a mut Value, pointer: &str) -> Result<(&'a mut Value, String), String> {
    let Some(rest) = pointer.strip_prefix('/') else {
        return Err(format!("invalid JSON pointer {pointer:?}"));
    };
    let tokens: Vec<String> = rest
        .split('/')
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
        .collect();
    let (last, path) = tokens.split_last().expect("at least one token");
    let mut cur = doc;
    for t in path {
        cur = match cur {
            Value::Object(m) => m.get_mut(t),
            Value::Array(a) => t.parse::<usize>().ok().and_then(|i| a.get_mut(i)),
            _ => None,
        }
        .ok_or_else(|| format!("path {pointer:?} does not exist"))?;
    }
    Ok((cur, last.clone()))
}

fn index(a: &[Value], t: &str, pointer: &str, insert: bool) -> Result<usize, String> {
    if insert && t == "-" {
        return Ok(a.len());
    }
    let i: usize = t
        .parse()
        .map_err(|_| format!("{pointer:?}: {t:?} is not an array index"))?;
    let limit = if insert {
        a.len()
    } else {
        a.len().saturating_sub(1)
    };
    if i > limit || (!insert && a.is_empty()) {
        return Err(format!("{pointer:?}: index {i} is out of range"));
    }
    Ok(i)
}

fn get(doc: &Value, pointer: &str) -> Result<Value, String> {
    doc.pointer(pointer)
        .cloned()
        .ok_or_else(|| format!("path {pointer:?} does not exist"))
}

fn add(doc: &mut Value, pointer: &str, value: Value) -> Result<(), String> {
    if pointer.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (p, last) = parent(doc, pointer)?;
    match p {
        Value::Object(m) => {
            m.insert(last, value);
        }
        Value::Array(a) => {
            let i = index(a, &last, pointer, true)?;
            a.insert(i, value);
        }
        _ => return Err(format!("path {pointer:?} does not exist")),
    }
    Ok(())
}

fn remove(doc: &mut Value, pointer: &str) -> Result<Value, String> {
    let (p, last) = parent(doc, pointer)?;
    match p {
        Value::Object(m) => m
            .remove(&last)
            .ok_or_else(|| format!("path {pointer:?} does not exist")),
        Value::Array(a) => {
            let i = index(a, &last, pointer, false)?;
            Ok(a.remove(i))
        }
        _ => Err(format!("path {pointer:?} does not exist")),
    }
}

/// Applies a JSON patch (RFC 6902: add, remove, replace, move, copy,
/// test) to `doc`, all or nothing.
pub fn json_patch(doc: &mut Value, ops: &Value) -> Result<(), String> {
    let ops = ops
        .as_array()
        .ok_or("a JSON patch must be an array of operations")?;
    let mut out = doc.clone();
    for op in ops {
        let path = op["path"]
            .as_str()
            .ok_or("every operation needs a \"path\"")?;
        let value = || {
            op.get("value")
                .cloned()
                .ok_or_else(|| format!("{path}: the operation needs a \"value\""))
        };
        let from = || {
            op["from"]
                .as_str()
                .ok_or_else(|| format!("{path}: the operation needs a \"from\""))
        };
        match op["op"].as_str().unwrap_or("") {
            "add" => add(&mut out, path, value()?)?,
            "remove" => {
                remove(&mut out, path)?;
            }
            "replace" => {
                remove(&mut out, path)?;
                add(&mut out, path, value()?)?;
            }
            "move" => {
                let v = remove(&mut out, from()?)?;
                add(&mut out, path, v)?;
            }
            "copy" => {
                let v = get(&out, from()?)?;
                add(&mut out, path, v)?;
            }
            "test" => {
                if get(&out, path)? != value()? {
                    return Err(format!("testing value {path} failed"));
                }
            }
            other => return Err(format!("unexpected kind of JSON patch operation {other:?}")),
        }
    }
    *doc = out;
    Ok(())
}

/// A strategic merge patch with its directives (`$patch`,
/// `$setElementOrder/…`, `$retainKeys`, `$deleteFromPrimitiveList/…`)
/// dropped, leaving a merge patch.
pub fn strip_directives(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !k.starts_with('$'))
                .map(|(k, v)| (k.clone(), strip_directives(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(strip_directives).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc7386_examples() {
        let mut t = json!({"a": "b", "c": {"d": "e", "f": "g"}, "l": [1, 2]});
        merge(&mut t, &json!({"a": "z", "c": {"f": null}, "l": [3]}));
        assert_eq!(t, json!({"a": "z", "c": {"d": "e"}, "l": [3]}));
        let mut t = json!({"a": "foo"});
        merge(&mut t, &json!("bar"));
        assert_eq!(t, json!("bar"));
        let mut t = json!({"e": null});
        merge(&mut t, &json!({"a": {"bb": {"ccc": null}}}));
        assert_eq!(t, json!({"e": null, "a": {"bb": {}}}));
    }

    #[test]
    fn json_patches() {
        let mut d = json!({"a": {"b": [1, 2]}, "c": "x"});
        json_patch(
            &mut d,
            &json!([
                {"op": "add", "path": "/a/b/-", "value": 3},
                {"op": "add", "path": "/a/b/0", "value": 0},
                {"op": "replace", "path": "/c", "value": "y"},
                {"op": "copy", "from": "/c", "path": "/a/d~1e"},
                {"op": "move", "from": "/a/b/1", "path": "/f"},
                {"op": "test", "path": "/f", "value": 1},
                {"op": "remove", "path": "/a/b/0"},
            ]),
        )
        .unwrap();
        assert_eq!(d, json!({"a": {"b": [2, 3], "d/e": "y"}, "c": "y", "f": 1}));
        let before = d.clone();
        let e = json_patch(
            &mut d,
            &json!([{"op": "remove", "path": "/c"}, {"op": "test", "path": "/f", "value": 2}]),
        )
        .unwrap_err();
        assert_eq!(e, "testing value /f failed");
        assert_eq!(d, before, "all or nothing");
        assert!(json_patch(&mut d, &json!([{"op": "remove", "path": "/zz"}])).is_err());
    }

    #[test]
    fn directives_are_dropped() {
        let p = json!({"spec": {"$setElementOrder/taints": [{"key": "a"}], "taints": [{"key": "a", "$patch": "merge"}]}});
        assert_eq!(
            strip_directives(&p),
            json!({"spec": {"taints": [{"key": "a"}]}})
        );
    }
}
