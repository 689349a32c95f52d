//! The kinds the STAND-IN API server stores, as one table, and the
//! discovery documents made from it (`/api`, `/api/v1`, `/apis`,
//! `/apis/GROUP`, `/apis/GROUP/VERSION`), in the legacy (unaggregated)
//! format: kubectl asks for aggregated discovery first and falls back to
//! these when the answer is plain `application/json`.

use serde_json::{json, Value};

/// One served resource.
#[derive(Debug)]
pub struct Resource {
    /// API group; `""` is the core group.
    pub group: &'static str,
    pub version: &'static str,
    /// The plural, the resource's name in paths and RBAC rules.
    pub plural: &'static str,
    pub singular: &'static str,
    pub kind: &'static str,
    pub namespaced: bool,
    pub short_names: &'static [&'static str],
    pub categories: &'static [&'static str],
    /// A PUT of an absent object creates it (the real server's
    /// `AllowCreateOnUpdate`: true for the RBAC kinds, false for the rest).
    pub create_on_update: bool,
    /// `metadata.generation` is kept and bumped when `spec` changes.
    pub generation: bool,
}

impl Resource {
    /// `v1` or `GROUP/VERSION`.
    pub fn api_version(&self) -> String {
        if self.group.is_empty() {
            self.version.to_string()
        } else {
            format!("{}/{}", self.group, self.version)
        }
    }

    /// `configmaps`, `clusterroles.rbac.authorization.k8s.io`: how the real
    /// server names a resource in its error messages.
    pub fn qualified(&self) -> String {
        if self.group.is_empty() {
            self.plural.to_string()
        } else {
            format!("{}.{}", self.plural, self.group)
        }
    }
}

const RBAC: &str = "rbac.authorization.k8s.io";

/// What the stand-in serves; anything else is 404.
pub static RESOURCES: &[Resource] = &[
    core("configmaps", "configmap", "ConfigMap", true, &["cm"], &[]),
    core("secrets", "secret", "Secret", true, &[], &[]),
    core("nodes", "node", "Node", false, &["no"], &[]),
    core(
        "serviceaccounts",
        "serviceaccount",
        "ServiceAccount",
        true,
        &["sa"],
        &[],
    ),
    core("services", "service", "Service", true, &["svc"], &["all"]),
    core("namespaces", "namespace", "Namespace", false, &["ns"], &[]),
    rbac("roles", "role", "Role", true),
    rbac("rolebindings", "rolebinding", "RoleBinding", true),
    rbac("clusterroles", "clusterrole", "ClusterRole", false),
    rbac(
        "clusterrolebindings",
        "clusterrolebinding",
        "ClusterRoleBinding",
        false,
    ),
    apps("deployments", "deployment", "Deployment", &["deploy"]),
    apps("daemonsets", "daemonset", "DaemonSet", &["ds"]),
];

const fn core(
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
    short_names: &'static [&'static str],
    categories: &'static [&'static str],
) -> Resource {
    Resource {
        group: "",
        version: "v1",
        plural,
        singular,
        kind,
        namespaced,
        short_names,
        categories,
        create_on_update: false,
        generation: false,
    }
}

const fn rbac(
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
) -> Resource {
    Resource {
        group: RBAC,
        version: "v1",
        plural,
        singular,
        kind,
        namespaced,
        short_names: &[],
        categories: &[],
        create_on_update: true,
        generation: false,
    }
}

const fn apps(
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    short_names: &'static [&'static str],
) -> Resource {
    Resource {
        group: "apps",
        version: "v1",
        plural,
        singular,
        kind,
        namespaced: true,
        short_names,
        categories: &["all"],
        create_on_update: false,
        generation: true,
    }
}

/// The verbs every resource answers (no `watch`: the stand-in has none).
pub const VERBS: &[&str] = &[
    "create",
    "delete",
    "deletecollection",
    "get",
    "list",
    "patch",
    "update",
];

/// The resource `plural` of `group`/`version`.
pub fn find(group: &str, version: &str, plural: &str) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.group == group && r.version == version && r.plural == plural)
}

/// The resource of an object's `apiVersion` and `kind`.
pub fn by_kind(api_version: &str, kind: &str) -> Option<&'static Resource> {
    RESOURCES
        .iter()
        .find(|r| r.api_version() == api_version && r.kind == kind)
}

/// The API groups besides the core one, in table order.
fn groups() -> Vec<(&'static str, &'static str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for r in RESOURCES.iter().filter(|r| !r.group.is_empty()) {
        if !out.contains(&(r.group, r.version)) {
            out.push((r.group, r.version));
        }
    }
    out
}

/// `/api`.
pub fn api_versions(server_address: &str) -> Value {
    json!({
        "kind": "APIVersions",
        "versions": ["v1"],
        "serverAddressByClientCIDRs": [
            {"clientCIDR": "0.0.0.0/0", "serverAddress": server_address}
        ]
    })
}

fn group_doc(group: &str, version: &str) -> Value {
    let gv = json!({"groupVersion": format!("{group}/{version}"), "version": version});
    json!({
        "kind": "APIGroup",
        "apiVersion": "v1",
        "name": group,
        "versions": [gv.clone()],
        "preferredVersion": gv,
    })
}

/// `/apis`.
pub fn api_group_list() -> Value {
    let groups: Vec<Value> = groups()
        .into_iter()
        .map(|(g, v)| {
            let mut d = group_doc(g, v);
            let o = d.as_object_mut().expect("an object");
            o.remove("kind");
            o.remove("apiVersion");
            d
        })
        .collect();
    json!({"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
}

/// `/apis/GROUP`, if served.
pub fn api_group(group: &str) -> Option<Value> {
    groups()
        .into_iter()
        .find(|(g, _)| *g == group)
        .map(|(g, v)| group_doc(g, v))
}

/// `/api/v1` (group `""`) or `/apis/GROUP/VERSION`, if served.
pub fn resource_list(group: &str, version: &str) -> Option<Value> {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
        .map(|r| {
            let mut v = json!({
                "name": r.plural,
                "singularName": r.singular,
                "namespaced": r.namespaced,
                "kind": r.kind,
                "verbs": VERBS,
            });
            if !r.short_names.is_empty() {
                v["shortNames"] = json!(r.short_names);
            }
            if !r.categories.is_empty() {
                v["categories"] = json!(r.categories);
            }
            v
        })
        .collect();
    if resources.is_empty() {
        return None;
    }
    let gv = if group.is_empty() {
        version.to_string()
    } else {
        format!("{group}/{version}")
    };
    Some(json!({
        "kind": "APIResourceList",
        "apiVersion": "v1",
        "groupVersion": gv,
        "resources": resources,
    }))
}

/// The `hash` of the OpenAPI documents' URLs (clients cache by URL).
const OPENAPI_HASH: &str = "kforge-stand-in-1";

/// `/openapi/v3`: the group-versions, each with its document's URL.
pub fn openapi_root() -> Value {
    let mut paths = serde_json::Map::new();
    let mut gvs: Vec<(&str, &str)> = vec![("", "v1")];
    gvs.extend(groups());
    for (g, v) in gvs {
        let key = if g.is_empty() {
            format!("api/{v}")
        } else {
            format!("apis/{g}/{v}")
        };
        paths.insert(
            key.clone(),
            json!({"serverRelativeURL": format!("/openapi/v3/{key}?hash={OPENAPI_HASH}")}),
        );
    }
    json!({"paths": paths})
}

/// `/openapi/v3/api/v1`, `/openapi/v3/apis/GROUP/VERSION`: a minimal
/// OpenAPI 3 document with, per kind, the PATCH operation of its object
/// path and the `fieldValidation` query parameter. That is what kubectl
/// looks for before it leaves validation to the server instead of
/// validating against full schemas (which the stand-in does not have:
/// it accepts any field).
pub fn openapi_group_version(group: &str, version: &str) -> Option<Value> {
    let mut paths = serde_json::Map::new();
    for r in RESOURCES
        .iter()
        .filter(|r| r.group == group && r.version == version)
    {
        let base = if group.is_empty() {
            format!("/api/{version}")
        } else {
            format!("/apis/{group}/{version}")
        };
        let path = if r.namespaced {
            format!("{base}/namespaces/{{namespace}}/{}/{{name}}", r.plural)
        } else {
            format!("{base}/{}/{{name}}", r.plural)
        };
        paths.insert(
            path,
            json!({"patch": {
                "operationId": format!("patch{}", r.kind),
                "x-kubernetes-action": "patch",
                "x-kubernetes-group-version-kind": {"group": group, "version": version, "kind": r.kind},
                "parameters": [
                    {"name": "fieldValidation", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                    {"name": "fieldManager", "in": "query", "schema": {"type": "string", "uniqueItems": true}},
                    {"name": "force", "in": "query", "schema": {"type": "boolean", "uniqueItems": true}},
                ],
                "responses": {"200": {"description": "OK"}},
            }}),
        );
    }
    if paths.is_empty() {
        return None;
    }
    Some(json!({
        "openapi": "3.0.0",
        "info": {"title": "Kubernetes (kforge stand-in: no schemas)", "version": version},
        "paths": paths,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_of_the_brief_is_served_once() {
        for (av, kind) in [
            ("v1", "ConfigMap"),
            ("v1", "Secret"),
            ("v1", "Node"),
            ("v1", "ServiceAccount"),
            ("v1", "Service"),
            ("v1", "Namespace"),
            ("rbac.authorization.k8s.io/v1", "Role"),
            ("rbac.authorization.k8s.io/v1", "RoleBinding"),
            ("rbac.authorization.k8s.io/v1", "ClusterRole"),
            ("rbac.authorization.k8s.io/v1", "ClusterRoleBinding"),
            ("apps/v1", "Deployment"),
            ("apps/v1", "DaemonSet"),
        ] {
            let r = by_kind(av, kind).unwrap_or_else(|| panic!("{av} {kind}"));
            assert_eq!(RESOURCES.iter().filter(|x| x.kind == r.kind).count(), 1);
        }
        assert_eq!(
            find("rbac.authorization.k8s.io", "v1", "clusterroles")
                .unwrap()
                .qualified(),
            "clusterroles.rbac.authorization.k8s.io"
        );
    }

    #[test]
    fn discovery_lists_groups_and_resources() {
        let groups = api_group_list();
        let names: Vec<&str> = groups["groups"]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["rbac.authorization.k8s.io", "apps"]);
        let core = resource_list("", "v1").unwrap();
        assert_eq!(core["groupVersion"], "v1");
        let cm = core["resources"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == "configmaps")
            .unwrap();
        assert_eq!(cm["shortNames"], json!(["cm"]));
        assert!(resource_list("apps", "v2").is_none());
        assert_eq!(
            api_group("apps").unwrap()["preferredVersion"]["groupVersion"],
            "apps/v1"
        );
    }
}
