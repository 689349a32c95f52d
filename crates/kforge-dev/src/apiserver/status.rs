//! Errors as the real API server words them: a `metav1.Status` object with
//! `reason`, `code`, `details` and the message of apimachinery's
//! `k8s.io/apimachinery/pkg/api/errors` constructors.

use super::resources::Resource;
use serde_json::{json, Value};

/// A failed request: HTTP code and its `Status` body.
#[derive(Debug, Clone)]
pub struct ApiError {
    pub code: u16,
    pub status: Value,
}

impl ApiError {
    fn new(code: u16, reason: &str, message: String, details: Option<Value>) -> ApiError {
        let mut status = json!({
            "kind": "Status",
            "apiVersion": "v1",
            "metadata": {},
            "status": "Failure",
            "message": message,
            "reason": reason,
            "code": code,
        });
        if let Some(d) = details {
            status["details"] = d;
        }
        ApiError { code, status }
    }

    pub fn message(&self) -> &str {
        self.status["message"].as_str().unwrap_or("")
    }
}

fn details(r: &Resource, name: &str) -> Value {
    let mut d = json!({"kind": r.plural});
    if !name.is_empty() {
        d["name"] = json!(name);
    }
    if !r.group.is_empty() {
        d["group"] = json!(r.group);
    }
    d
}

/// `configmaps "x" not found`.
pub fn not_found(r: &Resource, name: &str) -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        format!("{} {name:?} not found", r.qualified()),
        Some(details(r, name)),
    )
}

/// `namespaces "x" not found` (a write into a namespace that does not exist).
pub fn namespace_not_found(ns: &str) -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        format!("namespaces {ns:?} not found"),
        Some(json!({"name": ns, "kind": "namespaces"})),
    )
}

/// A path the server does not serve.
pub fn no_such_resource() -> ApiError {
    ApiError::new(
        404,
        "NotFound",
        "the server could not find the requested resource".into(),
        Some(json!({})),
    )
}

pub fn already_exists(r: &Resource, name: &str) -> ApiError {
    ApiError::new(
        409,
        "AlreadyExists",
        format!("{} {name:?} already exists", r.qualified()),
        Some(details(r, name)),
    )
}

/// `Operation cannot be fulfilled on configmaps "x": WHY`.
pub fn conflict(r: &Resource, name: &str, why: &str) -> ApiError {
    ApiError::new(
        409,
        "Conflict",
        format!(
            "Operation cannot be fulfilled on {} {name:?}: {why}",
            r.qualified()
        ),
        Some(details(r, name)),
    )
}

/// The conflict of an update carrying an old `resourceVersion`.
pub const MODIFIED: &str =
    "the object has been modified; please apply your changes to the latest version and try again";

/// `ConfigMap "x" is invalid: FIELD: WHY` (422).
pub fn invalid(r: &Resource, name: &str, field: &str, why: &str) -> ApiError {
    let mut d = details(r, name);
    d["kind"] = json!(r.kind);
    d["causes"] = json!([{"reason": "FieldValueInvalid", "message": why, "field": field}]);
    ApiError::new(
        422,
        "Invalid",
        format!("{} {name:?} is invalid: {field}: {why}", r.kind),
        Some(d),
    )
}

/// A request option that is invalid (`PatchOptions.meta.k8s.io "" is invalid: …`).
pub fn invalid_options(message: &str) -> ApiError {
    ApiError::new(
        422,
        "Invalid",
        message.to_string(),
        Some(json!({"group": "meta.k8s.io", "kind": "PatchOptions"})),
    )
}

/// A patch that cannot be applied (422).
pub fn invalid_patch(message: String) -> ApiError {
    ApiError::new(422, "Invalid", message, None)
}

pub fn bad_request(message: impl Into<String>) -> ApiError {
    ApiError::new(400, "BadRequest", message.into(), None)
}

pub fn unauthorized() -> ApiError {
    ApiError::new(401, "Unauthorized", "Unauthorized".into(), None)
}

/// A refusal: `configmaps "x" is forbidden: WHY` (no resource: `forbidden: WHY`).
pub fn forbidden(r: Option<&Resource>, name: &str, why: &str) -> ApiError {
    match r {
        None => ApiError::new(
            403,
            "Forbidden",
            format!("forbidden: {why}"),
            Some(json!({})),
        ),
        Some(r) if name.is_empty() => ApiError::new(
            403,
            "Forbidden",
            format!("{} is forbidden: {why}", r.qualified()),
            Some(details(r, name)),
        ),
        Some(r) => ApiError::new(
            403,
            "Forbidden",
            format!("{} {name:?} is forbidden: {why}", r.qualified()),
            Some(details(r, name)),
        ),
    }
}

pub fn method_not_allowed(what: &str) -> ApiError {
    ApiError::new(
        405,
        "MethodNotAllowed",
        format!("the server does not allow this method on the requested resource ({what})"),
        Some(json!({})),
    )
}

pub fn unsupported_media_type(got: &str, accepted: &[&str]) -> ApiError {
    ApiError::new(
        415,
        "UnsupportedMediaType",
        format!(
            "the body of the request was in an unknown format ({got}) - accepted media types include: {}",
            accepted.join(", ")
        ),
        Some(json!({})),
    )
}

/// `Status` `Success` of a delete (the real server's answer for kinds
/// without graceful deletion).
pub fn deleted(r: &Resource, name: &str, uid: &str) -> Value {
    let mut d = details(r, name);
    d["uid"] = json!(uid);
    json!({
        "kind": "Status",
        "apiVersion": "v1",
        "metadata": {},
        "status": "Success",
        "details": d,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::find;

    #[test]
    fn messages_are_worded_like_the_real_servers() {
        let cm = find("", "v1", "configmaps").unwrap();
        let e = not_found(cm, "x");
        assert_eq!((e.code, e.message()), (404, "configmaps \"x\" not found"));
        assert_eq!(e.status["reason"], "NotFound");
        assert_eq!(
            e.status["details"],
            json!({"name": "x", "kind": "configmaps"})
        );
        let crb = find("rbac.authorization.k8s.io", "v1", "clusterrolebindings").unwrap();
        let e = conflict(crb, "b", MODIFIED);
        assert_eq!(
            e.message(),
            "Operation cannot be fulfilled on clusterrolebindings.rbac.authorization.k8s.io \"b\": the object has been modified; please apply your changes to the latest version and try again"
        );
        assert_eq!(e.status["details"]["group"], "rbac.authorization.k8s.io");
        let e = forbidden(Some(cm), "", "User \"u\" cannot list resource");
        assert_eq!(
            e.message(),
            "configmaps is forbidden: User \"u\" cannot list resource"
        );
    }
}
