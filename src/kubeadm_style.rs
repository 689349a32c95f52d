//! kubeadm's output conventions, shared by everything that writes kubeadm
//! files (manifests, kubeconfigs, the stored ClusterConfiguration) or edits
//! them (certificate renewal, restore --apply). A leaf: it imports nothing
//! from the crate, so any layer can use it without creating a cycle.

use serde_json::Value;
use std::collections::BTreeMap;

/// Recursively sorts object keys (kubeadm's serializer emits them sorted).
pub fn sort_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => {
            let sorted: BTreeMap<String, Value> =
                m.into_iter().map(|(k, v)| (k, sort_keys(v))).collect();
            Value::Object(sorted.into_iter().collect())
        }
        Value::Array(a) => Value::Array(a.into_iter().map(sort_keys).collect()),
        other => other,
    }
}

/// kubeadm's `ExtraArgs` merged over defaults: an extra arg replaces every
/// default of the same name; new names are appended in order.
pub fn merge_args(
    defaults: Vec<(String, String)>,
    extra: &[(String, String)],
) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = defaults
        .into_iter()
        .filter(|(k, _)| !extra.iter().any(|(e, _)| e == k))
        .collect();
    out.extend(extra.iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_args_replaces_and_appends() {
        let d = vec![("a".into(), "1".into()), ("b".into(), "2".into())];
        let e: Vec<(String, String)> = vec![("b".into(), "3".into()), ("c".into(), "4".into())];
        assert_eq!(
            merge_args(d, &e),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "3".into()),
                ("c".into(), "4".into())
            ]
        );
    }

    #[test]
    fn sort_keys_sorts_nested_objects_and_keeps_array_order() {
        let v = serde_json::json!({"b": [{"z": 1, "a": 2}], "a": 0});
        assert_eq!(
            serde_json::to_string(&sort_keys(v)).unwrap(),
            r#"{"a":0,"b":[{"a":2,"z":1}]}"#
        );
    }
}
