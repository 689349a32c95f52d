//! The STAND-IN's one patch algorithm: a JSON merge patch (RFC 7386:
//! objects merge key by key, `null` removes a key, anything else, lists
//! included, replaces). Server-side apply and strategic merge patches use
//! it too (see the module doc of `apiserver`): a simplification of the
//! real server, which merges some lists by key.

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
    fn directives_are_dropped() {
        let p = json!({"spec": {"$setElementOrder/taints": [{"key": "a"}], "taints": [{"key": "a", "$patch": "merge"}]}});
        assert_eq!(
            strip_directives(&p),
            json!({"spec": {"taints": [{"key": "a"}]}})
        );
    }
}
