//! Repointing etcd's static pod manifest at a restored data directory.

use anyhow::{anyhow, Context, Result};
use serde_json::Value;
use std::path::Path;

/// The manifest with `--data-dir`, the data volume's mount path and its
/// hostPath all set to `new_dir`.
pub fn rewrite_manifest(text: &str, shown: &str, volume: &str, new_dir: &Path) -> Result<String> {
    let new = new_dir.display().to_string();
    let mut doc: Value =
        serde_yaml_ng::from_str(text).with_context(|| format!("{shown}: not valid YAML"))?;
    let bad = || anyhow!("{shown}: not an etcd pod manifest kforge can rewrite");
    // etcd's container by its name (a sidecar may come first), else the only one.
    let pod_name = doc
        .pointer("/metadata/name")
        .and_then(Value::as_str)
        .unwrap_or("etcd")
        .to_string();
    let spec = doc.get_mut("spec").ok_or_else(bad)?;
    let list = spec
        .get_mut("containers")
        .and_then(Value::as_array_mut)
        .ok_or_else(bad)?;
    let i = match list.iter().position(|c| named(c, &pod_name)) {
        Some(i) => i,
        None if list.len() == 1 => 0,
        None => return Err(bad()),
    };
    let mut c = list[i].take();
    let flags = set_data_dir_flag(&mut c, &new);
    let mounts = set_mount_paths(&mut c, volume, &new);
    spec["containers"][i] = c;
    let volumes = set_host_paths(spec, volume, &new).ok_or_else(bad)?;
    if (flags, mounts, volumes) != (1, 1, 1) {
        return Err(bad());
    }
    Ok(serde_yaml_ng::to_string(&crate::kubeadm_style::sort_keys(
        doc,
    ))?)
}

/// Items of the array at `key` of `v` (none when it is not an array).
fn items<'a>(v: &'a mut Value, key: &str) -> impl Iterator<Item = &'a mut Value> {
    v.get_mut(key)
        .and_then(|l| l.as_array_mut())
        .into_iter()
        .flatten()
}

fn named(v: &Value, name: &str) -> bool {
    v.get("name").and_then(|n| n.as_str()) == Some(name)
}

/// Sets `--data-dir=` in the container's command and args; returns how
/// many were set.
fn set_data_dir_flag(container: &mut Value, new: &str) -> usize {
    let mut n = 0;
    for list in ["command", "args"] {
        for a in items(container, list) {
            if a.as_str().is_some_and(|s| s.starts_with("--data-dir=")) {
                *a = format!("--data-dir={new}").into();
                n += 1;
            }
        }
    }
    n
}

fn set_mount_paths(container: &mut Value, volume: &str, new: &str) -> usize {
    let mut n = 0;
    for m in items(container, "volumeMounts").filter(|m| named(m, volume)) {
        m["mountPath"] = new.into();
        n += 1;
    }
    n
}

/// `None` when the volume is not a hostPath volume.
fn set_host_paths(spec: &mut Value, volume: &str, new: &str) -> Option<usize> {
    let mut n = 0;
    for v in items(spec, "volumes").filter(|v| named(v, volume)) {
        v.get_mut("hostPath")?
            .as_object_mut()?
            .insert("path".into(), new.into());
        n += 1;
    }
    Some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_rewrite_moves_flag_mount_and_volume() {
        let text = r#"
apiVersion: v1
kind: Pod
metadata: {name: etcd, namespace: kube-system}
spec:
  containers:
  - name: etcd
    image: registry.k8s.io/etcd:3.5.21-0
    command: [etcd, --data-dir=/var/lib/etcd, --name=cp1]
    volumeMounts:
    - {mountPath: /var/lib/etcd, name: etcd-data}
    - {mountPath: /etc/kubernetes/pki/etcd, name: etcd-certs}
  volumes:
  - hostPath: {path: /var/lib/etcd, type: DirectoryOrCreate}
    name: etcd-data
  - hostPath: {path: /etc/kubernetes/pki/etcd, type: DirectoryOrCreate}
    name: etcd-certs
"#;
        let out = rewrite_manifest(
            text,
            "etcd.yaml",
            "etcd-data",
            Path::new("/var/lib/etcd-restore-x"),
        )
        .unwrap();
        let pod = crate::staticpod::parse(&out, "etcd.yaml").unwrap();
        assert_eq!(
            pod.flag("data-dir").as_deref(),
            Some("/var/lib/etcd-restore-x")
        );
        assert_eq!(pod.flag("name").as_deref(), Some("cp1"));
        let c = pod.container().unwrap();
        assert_eq!(c.volume_mounts[0].mount_path, "/var/lib/etcd-restore-x");
        assert_eq!(c.volume_mounts[1].mount_path, "/etc/kubernetes/pki/etcd");
        let hp: Vec<&str> = pod
            .spec
            .volumes
            .iter()
            .map(|v| v.host_path.as_ref().unwrap().path.as_str())
            .collect();
        assert_eq!(hp, ["/var/lib/etcd-restore-x", "/etc/kubernetes/pki/etcd"]);
        assert!(rewrite_manifest(text, "etcd.yaml", "nope", Path::new("/x")).is_err());
        // A sidecar placed first is left alone; etcd's container is found by name.
        let sidecar = "  - name: backup-agent\n    image: example/agent:1\n    command: [agent, --data-dir=/var/lib/etcd]\n    volumeMounts:\n    - {mountPath: /var/lib/etcd, name: etcd-data}\n";
        let with = text.replacen("  containers:\n", &format!("  containers:\n{sidecar}"), 1);
        let out = rewrite_manifest(&with, "etcd.yaml", "etcd-data", Path::new("/r")).unwrap();
        let pod = crate::staticpod::parse(&out, "etcd.yaml").unwrap();
        assert_eq!(pod.flag("data-dir").as_deref(), Some("/r"));
        assert_eq!(
            pod.spec.containers[0].command[1],
            "--data-dir=/var/lib/etcd"
        );
        assert_eq!(
            pod.spec.containers[0].volume_mounts[0].mount_path,
            "/var/lib/etcd"
        );
    }
}
