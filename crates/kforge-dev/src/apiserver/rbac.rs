//! May this user do this? The STAND-IN's authorizer, honestly minimal:
//! group `system:masters` may do anything (the real server's privileged
//! group); with `Node` in `--authorization-mode`, a node
//! (`system:node:NAME` in `system:nodes`) may get, create, update and
//! patch its own Node; with `RBAC`, everyone is evaluated against the
//! stored ClusterRoles, Roles and their bindings (verbs, apiGroups,
//! resources with `*/sub` and `res/sub`, resourceNames, nonResourceURLs
//! with a trailing `*`, all with `*`). `AlwaysAllow` allows everything.
//!
//! Seeded at start ([`seed`]), as a subset of the real server's
//! bootstrap policy: `cluster-admin` (everything) bound to
//! `system:masters`, `system:discovery` (discovery paths) bound to
//! `system:authenticated`, `system:public-info-viewer` (health and
//! `/version`) bound to authenticated and unauthenticated users. The
//! real server's other bootstrap roles (`system:node-bootstrapper`,
//! `system:node-proxier`, …) are not there; bindings may name them.
//! No escalation check: whoever may create a Role may grant anything.

use super::auth::User;
use super::resources::{self, Resource};
use super::store::Store;
use serde_json::{json, Value};

/// What is asked: a resource request or a path (discovery).
#[derive(Debug, Clone)]
pub struct Attributes<'a> {
    pub verb: &'a str,
    pub target: Target<'a>,
}

#[derive(Debug, Clone)]
pub enum Target<'a> {
    Resource {
        resource: &'static Resource,
        subresource: &'a str,
        namespace: &'a str,
        name: &'a str,
    },
    Path(&'a str),
}

/// The real server's refusal wording (apiserver's `forbiddenMessage`).
pub fn forbidden_reason(user: &User, a: &Attributes) -> String {
    match &a.target {
        Target::Path(p) => format!("User {:?} cannot {} path {p:?}", user.name, a.verb),
        Target::Resource {
            resource,
            subresource,
            namespace,
            ..
        } => {
            let res = if subresource.is_empty() {
                resource.plural.to_string()
            } else {
                format!("{}/{subresource}", resource.plural)
            };
            if namespace.is_empty() {
                format!(
                    "User {:?} cannot {} resource {res:?} in API group {:?} at the cluster scope",
                    user.name, a.verb, resource.group
                )
            } else {
                format!(
                    "User {:?} cannot {} resource {res:?} in API group {:?} in the namespace {namespace:?}",
                    user.name, a.verb, resource.group
                )
            }
        }
    }
}

fn has(list: &Value, want: &str) -> bool {
    list.as_array()
        .is_some_and(|l| l.iter().any(|v| v == "*" || v == want))
}

/// Whether one PolicyRule allows the request.
fn rule_allows(rule: &Value, a: &Attributes) -> bool {
    if !has(&rule["verbs"], a.verb) {
        return false;
    }
    match &a.target {
        Target::Path(path) => rule["nonResourceURLs"].as_array().is_some_and(|urls| {
            urls.iter().filter_map(Value::as_str).any(|u| {
                u == "*"
                    || u == *path
                    || u.strip_suffix('*').is_some_and(|pre| path.starts_with(pre))
            })
        }),
        Target::Resource {
            resource,
            subresource,
            name,
            ..
        } => {
            if !has(&rule["apiGroups"], resource.group) {
                return false;
            }
            let combined = if subresource.is_empty() {
                resource.plural.to_string()
            } else {
                format!("{}/{subresource}", resource.plural)
            };
            let res_ok = rule["resources"].as_array().is_some_and(|rs| {
                rs.iter().filter_map(Value::as_str).any(|r| {
                    r == "*"
                        || r == combined
                        || (!subresource.is_empty() && r.strip_prefix("*/") == Some(subresource))
                })
            });
            if !res_ok {
                return false;
            }
            match rule["resourceNames"].as_array() {
                Some(names) if !names.is_empty() => {
                    !name.is_empty() && names.iter().any(|n| n == name)
                }
                _ => true,
            }
        }
    }
}

/// Whether a binding's subjects include the user (`ns`: the binding's
/// namespace, the default of a ServiceAccount subject's).
fn binds(binding: &Value, user: &User, ns: &str) -> bool {
    binding["subjects"].as_array().is_some_and(|subjects| {
        subjects.iter().any(|s| {
            let name = s["name"].as_str().unwrap_or("");
            match s["kind"].as_str() {
                Some("User") => user.name == name,
                Some("Group") => user.in_group(name),
                Some("ServiceAccount") => {
                    let sns = s["namespace"]
                        .as_str()
                        .filter(|n| !n.is_empty())
                        .unwrap_or(ns);
                    user.name == format!("system:serviceaccount:{sns}:{name}")
                }
                _ => false,
            }
        })
    })
}

fn res(plural: &str) -> &'static Resource {
    resources::find("rbac.authorization.k8s.io", "v1", plural).expect("an RBAC kind")
}

fn all(store: &Store, plural: &str, ns: Option<&str>) -> Vec<Value> {
    let none = super::select::Selector::default();
    store.select(res(plural), ns, &none, &none)
}

/// RBAC over the stored roles and bindings.
fn rbac_allows(store: &Store, user: &User, a: &Attributes) -> bool {
    let role_rules = |kind: &str, name: &str, ns: &str| -> Vec<Value> {
        let obj = match kind {
            "ClusterRole" => store.get(res("clusterroles"), "", name).ok(),
            "Role" if !ns.is_empty() => store.get(res("roles"), ns, name).ok(),
            _ => None,
        };
        obj.and_then(|o| o["rules"].as_array().cloned())
            .unwrap_or_default()
    };
    let allowed_by = |binding: &Value, ns: &str| -> bool {
        binds(binding, user, ns) && {
            let rr = &binding["roleRef"];
            role_rules(
                rr["kind"].as_str().unwrap_or(""),
                rr["name"].as_str().unwrap_or(""),
                ns,
            )
            .iter()
            .any(|rule| rule_allows(rule, a))
        }
    };
    if all(store, "clusterrolebindings", None)
        .iter()
        .any(|b| allowed_by(b, ""))
    {
        return true;
    }
    if let Target::Resource { namespace, .. } = &a.target {
        if !namespace.is_empty() {
            return all(store, "rolebindings", Some(namespace))
                .iter()
                .any(|b| allowed_by(b, namespace));
        }
    }
    false
}

/// The authorizer of `--authorization-mode` (comma-separated modes).
pub fn allows(modes: &[String], store: &Store, user: &User, a: &Attributes) -> bool {
    if user.in_group(super::auth::MASTERS) {
        return true;
    }
    modes.iter().any(|m| match m.as_str() {
        "AlwaysAllow" => true,
        "Node" => node_allows(user, a),
        "RBAC" => rbac_allows(store, user, a),
        _ => false,
    })
}

/// A node on its own Node object (a create names it in the body: see the
/// node-restriction check of the request handler).
fn node_allows(user: &User, a: &Attributes) -> bool {
    let Some(node) = user.node_name() else {
        return false;
    };
    match &a.target {
        Target::Resource {
            resource,
            subresource,
            name,
            ..
        } if resource.group.is_empty() && resource.plural == "nodes" => {
            let own = *name == node || (name.is_empty() && a.verb == "create");
            own && (subresource.is_empty() || *subresource == "status")
                && matches!(a.verb, "get" | "create" | "update" | "patch")
        }
        _ => false,
    }
}

fn bootstrap_meta(name: &str) -> Value {
    json!({
        "name": name,
        "labels": {"kubernetes.io/bootstrapping": "rbac-defaults"},
        "annotations": {"rbac.authorization.kubernetes.io/autoupdate": "true"},
    })
}

/// The bootstrap policy the stand-in starts with (see the module doc).
pub fn seed() -> Vec<(&'static Resource, Value)> {
    let cr = |name: &str, rules: Value| {
        (
            res("clusterroles"),
            json!({"metadata": bootstrap_meta(name), "rules": rules}),
        )
    };
    let crb = |name: &str, groups: &[&str]| {
        let subjects: Vec<Value> = groups
            .iter()
            .map(|g| json!({"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": g}))
            .collect();
        (
            res("clusterrolebindings"),
            json!({
                "metadata": bootstrap_meta(name),
                "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": name},
                "subjects": subjects,
            }),
        )
    };
    vec![
        cr(
            "cluster-admin",
            json!([
                {"apiGroups": ["*"], "resources": ["*"], "verbs": ["*"]},
                {"nonResourceURLs": ["*"], "verbs": ["*"]}
            ]),
        ),
        crb("cluster-admin", &[super::auth::MASTERS]),
        cr(
            "system:discovery",
            json!([{"nonResourceURLs": [
                "/api", "/api/*", "/apis", "/apis/*", "/healthz", "/livez",
                "/openapi", "/openapi/*", "/readyz", "/version", "/version/"
            ], "verbs": ["get"]}]),
        ),
        crb("system:discovery", &[super::auth::AUTHENTICATED]),
        cr(
            "system:public-info-viewer",
            json!([{"nonResourceURLs": [
                "/healthz", "/livez", "/readyz", "/version", "/version/"
            ], "verbs": ["get"]}]),
        ),
        crb(
            "system:public-info-viewer",
            &[super::auth::AUTHENTICATED, super::auth::UNAUTHENTICATED],
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(name: &str, groups: &[&str]) -> User {
        User {
            name: name.into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
        }
    }

    fn get_cm<'a>(ns: &'a str, name: &'a str) -> Attributes<'a> {
        Attributes {
            verb: "get",
            target: Target::Resource {
                resource: resources::find("", "v1", "configmaps").unwrap(),
                subresource: "",
                namespace: ns,
                name,
            },
        }
    }

    const MODES: &[&str] = &["Node", "RBAC"];

    fn modes() -> Vec<String> {
        MODES.iter().map(|m| m.to_string()).collect()
    }

    #[test]
    fn bindings_grant_what_their_roles_allow() {
        let mut s = Store::new();
        let admin = user(
            "kubernetes-admin",
            &["kubeadm:cluster-admins", "system:authenticated"],
        );
        let a = get_cm("kube-system", "x");
        assert!(!allows(&modes(), &s, &admin, &a));
        assert_eq!(
            forbidden_reason(&admin, &a),
            "User \"kubernetes-admin\" cannot get resource \"configmaps\" in API group \"\" in the namespace \"kube-system\""
        );
        assert!(allows(&modes(), &s, &user("x", &["system:masters"]), &a));
        s.create(
            res("clusterrolebindings"),
            "",
            json!({"metadata": {"name": "kubeadm:cluster-admins"},
                   "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": "cluster-admin"},
                   "subjects": [{"kind": "Group", "name": "kubeadm:cluster-admins"}]}),
        )
        .unwrap();
        assert!(allows(&modes(), &s, &admin, &a));

        // A Role with resourceNames, bound in its namespace only.
        let anon = User::anonymous();
        s.create(res("roles"), "kube-public", json!({"metadata": {"name": "r"},
            "rules": [{"apiGroups": [""], "resources": ["configmaps"], "resourceNames": ["cluster-info"], "verbs": ["get"]}]})).unwrap();
        s.create(
            res("rolebindings"),
            "kube-public",
            json!({"metadata": {"name": "r"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "r"},
            "subjects": [{"kind": "User", "name": "system:anonymous"}]}),
        )
        .unwrap();
        assert!(allows(
            &modes(),
            &s,
            &anon,
            &get_cm("kube-public", "cluster-info")
        ));
        assert!(!allows(
            &modes(),
            &s,
            &anon,
            &get_cm("kube-public", "other")
        ));
        assert!(!allows(
            &modes(),
            &s,
            &anon,
            &get_cm("kube-system", "cluster-info")
        ));
        let list = Attributes {
            verb: "list",
            ..get_cm("kube-public", "")
        };
        assert!(!allows(&modes(), &s, &anon, &list));
    }

    #[test]
    fn nodes_reach_their_own_node_and_discovery_needs_authentication() {
        let s = Store::new();
        let node = user("system:node:cp1", &["system:nodes", "system:authenticated"]);
        let nodes = resources::find("", "v1", "nodes").unwrap();
        let on = |verb: &'static str, name: &'static str| Attributes {
            verb,
            target: Target::Resource {
                resource: nodes,
                subresource: "",
                namespace: "",
                name,
            },
        };
        assert!(allows(&modes(), &s, &node, &on("get", "cp1")));
        assert!(allows(&modes(), &s, &node, &on("create", "")));
        assert!(!allows(&modes(), &s, &node, &on("get", "cp2")));
        assert!(!allows(&modes(), &s, &node, &on("delete", "cp1")));
        let path = |p: &'static str| Attributes {
            verb: "get",
            target: Target::Path(p),
        };
        assert!(allows(&modes(), &s, &node, &path("/apis/apps/v1")));
        assert!(!allows(&modes(), &s, &User::anonymous(), &path("/api")));
        assert!(allows(&modes(), &s, &User::anonymous(), &path("/version")));
        assert_eq!(
            forbidden_reason(&User::anonymous(), &path("/api")),
            "User \"system:anonymous\" cannot get path \"/api\""
        );
    }
}
