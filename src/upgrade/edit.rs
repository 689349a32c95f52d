//! The manifest edit an upgrade makes: the container image's tag, and for
//! etcd crossing 3.5 -> 3.6 the renamed flags (from the manifests module's
//! table), in the same write. Everything else in the node's manifest (its
//! membership flags, data directory, extra args, volumes) is kept as it is.

use crate::manifests::ETCD_3_6_RENAMES;
use crate::versions::{skew, EtcdVersion};
use anyhow::{anyhow, Result};
use serde_json::Value;

/// Splits `repo/name:tag` into (`repo/name`, `tag`); a registry port is not a tag.
pub fn split_image(image: &str) -> (&str, Option<&str>) {
    let slash = image.rfind('/').map(|i| i + 1).unwrap_or(0);
    match image[slash..].rfind(':') {
        Some(i) => (&image[..slash + i], Some(&image[slash + i + 1..])),
        None => (image, None),
    }
}

/// The container image of a manifest.
pub fn image_of(text: &str) -> Option<String> {
    let doc: Value = serde_yaml_ng::from_str(text).ok()?;
    doc.pointer("/spec/containers/0/image")?
        .as_str()
        .map(String::from)
}

/// The manifest with its image's tag set to `tag`, and (etcd) the flags
/// renamed when the etcd generation changes from `from` to `to`.
pub fn retag(
    text: &str,
    shown: &str,
    tag: &str,
    etcd: Option<(EtcdVersion, EtcdVersion)>,
) -> Result<String> {
    let mut doc: Value =
        serde_yaml_ng::from_str(text).map_err(|e| anyhow!("{shown}: not valid YAML: {e}"))?;
    let bad = || anyhow!("{shown}: not a static pod manifest kforge can upgrade");
    let c = doc
        .pointer_mut("/spec/containers/0")
        .and_then(Value::as_object_mut)
        .ok_or_else(bad)?;
    let image = c
        .get("image")
        .and_then(Value::as_str)
        .ok_or_else(bad)?
        .to_string();
    let (repo, _) = split_image(&image);
    c.insert("image".into(), format!("{repo}:{tag}").into());
    if let Some((from, to)) = etcd {
        if skew::etcd_flags_change(from, to) {
            if to < from {
                return Err(anyhow!(
                    "{shown}: etcd {from} -> {to}: kforge never renames etcd's flags back (no binary downgrade)"
                ));
            }
            for list in ["command", "args"] {
                if let Some(Value::Array(argv)) = c.get_mut(list) {
                    rename_3_6(argv);
                }
            }
        }
    }
    Ok(serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(
        doc,
    ))?)
}

/// Renames the 3.5 flags of `argv` to their 3.6 names (a feature gate is
/// merged into an existing `--feature-gates`); flags stay sorted by name
/// after the binary, as kubeadm writes them.
fn rename_3_6(argv: &mut Vec<Value>) {
    let mut args: Vec<String> = argv
        .iter()
        .filter_map(|v| v.as_str().map(String::from))
        .collect();
    for r in ETCD_3_6_RENAMES {
        let old = format!("--{}=", r.v3_5);
        let Some(i) = args.iter().position(|a| a.starts_with(&old)) else {
            continue;
        };
        let value = args.remove(i)[old.len()..].to_string();
        let new_value = r.to_3_6(&value);
        let new = format!("--{}=", r.v3_6);
        match args.iter().position(|a| a.starts_with(&new)) {
            Some(j) if r.gate.is_some() => {
                let merged = format!("{},{new_value}", &args[j][new.len()..]);
                args[j] = format!("{new}{merged}");
            }
            Some(j) => args[j] = format!("{new}{new_value}"),
            None => args.push(format!("{new}{new_value}")),
        }
    }
    let first_flag = args
        .iter()
        .position(|a| a.starts_with("--"))
        .unwrap_or(args.len());
    args[first_flag..].sort();
    *argv = args.into_iter().map(Value::from).collect();
}

/// A minimal line diff (`-` old, `+` new) of two texts, for the plan.
pub fn diff(old: &str, new: &str) -> Vec<String> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    // Longest common subsequence; manifests are small.
    let mut l = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && (j == b.len() || l[i + 1][j] >= l[i][j + 1]) {
            out.push(format!("-{}", a[i]));
            i += 1;
        } else {
            out.push(format!("+{}", b[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const ETCD: &str = r#"apiVersion: v1
kind: Pod
metadata:
  name: etcd
spec:
  containers:
  - command:
    - etcd
    - --data-dir=/var/lib/etcd
    - --experimental-initial-corrupt-check=true
    - --experimental-watch-progress-notify-interval=5s
    - --name=cp1
    image: registry.k8s.io/etcd:3.5.21-0
    name: etcd
"#;

    #[test]
    fn images_split_at_the_tag_not_the_registry_port() {
        assert_eq!(
            split_image("reg:5000/etcd:3.5.0-0"),
            ("reg:5000/etcd", Some("3.5.0-0"))
        );
        assert_eq!(split_image("reg:5000/etcd"), ("reg:5000/etcd", None));
    }

    #[test]
    fn a_patch_upgrade_changes_only_the_image() {
        let v = |s: &str| s.parse::<EtcdVersion>().unwrap();
        let out = retag(
            ETCD,
            "etcd.yaml",
            "3.5.24-0",
            Some((v("3.5.21"), v("3.5.24"))),
        )
        .unwrap();
        assert_eq!(
            diff(ETCD, &out),
            vec![
                "-    image: registry.k8s.io/etcd:3.5.21-0",
                "+    image: registry.k8s.io/etcd:3.5.24-0"
            ]
        );
    }

    #[test]
    fn etcd_3_6_flag_renames_come_with_the_image() {
        let v = |s: &str| s.parse::<EtcdVersion>().unwrap();
        let out = retag(
            ETCD,
            "etcd.yaml",
            "3.6.4-0",
            Some((v("3.5.32"), v("3.6.4"))),
        )
        .unwrap();
        let pod = crate::staticpod::parse(&out, "etcd.yaml").unwrap();
        let argv = pod.argv().unwrap();
        assert_eq!(
            argv,
            vec![
                "etcd",
                "--data-dir=/var/lib/etcd",
                "--feature-gates=InitialCorruptCheck=true",
                "--name=cp1",
                "--watch-progress-notify-interval=5s"
            ]
        );
        assert_eq!(
            pod.container().unwrap().image,
            "registry.k8s.io/etcd:3.6.4-0"
        );
        assert!(retag(
            &out,
            "etcd.yaml",
            "3.5.32-0",
            Some((v("3.6.4"), v("3.5.32")))
        )
        .is_err());
    }
}
