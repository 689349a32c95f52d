//! The STAND-IN API server's object store: in memory only, so everything
//! written is LOST when the stand-in restarts (a changed manifest, a
//! restarted stand-in kubelet). Objects are `serde_json::Value`s keyed by
//! resource, namespace and name.
//!
//! Metadata as the real server sets it: `uid` (random), `resourceVersion`
//! (one global counter, as a string), `creationTimestamp` (RFC 3339), and
//! `generation` for the apps kinds (bumped when `spec` changes). A write
//! that changes nothing keeps the object and its `resourceVersion`, as the
//! real server does for a no-op apply or update.
//!
//! What the real server does that this store does not: no defaulting (but
//! a Secret's `type` defaults to `Opaque` and its `stringData` is folded
//! into `data`), validation of names and namespaces only, no admission
//! beyond namespace existence and the three namespaces that may not be
//! deleted, no garbage collection, no finalizers (deleting a namespace
//! deletes what is in it at once), no `status` subresource (`status` is
//! stored as written), no `managedFields`, no watch.

use super::patch;
use super::resources::{Resource, RESOURCES};
use super::select::Selector;
use super::status::{self, ApiError};
use base64::Engine;
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// The namespaces present at start; the first three may not be deleted.
pub const INITIAL_NAMESPACES: &[&str] =
    &["default", "kube-system", "kube-public", "kube-node-lease"];
const UNDELETABLE: &[&str] = &["default", "kube-system", "kube-public"];

/// (index into RESOURCES, namespace or "", name)
type Key = (usize, String, String);

#[derive(Debug, Clone, Default)]
pub struct Store {
    objects: BTreeMap<Key, Value>,
    /// Each field manager's last applied configuration of an object.
    applied: BTreeMap<(Key, String), Value>,
    rv: u64,
}

/// How a PATCH body is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatchKind {
    /// `application/apply-patch+yaml`: server-side apply, as a merge
    /// patch that creates the object when absent, after removing the
    /// fields this field manager applied last time and no longer applies
    /// (unless another manager's last apply has them).
    Apply,
    /// `application/merge-patch+json`.
    Merge,
    /// `application/strategic-merge-patch+json`: its directives dropped,
    /// then a merge patch.
    Strategic,
    /// `application/json-patch+json` (RFC 6902).
    Json,
}

fn index(r: &Resource) -> usize {
    RESOURCES
        .iter()
        .position(|x| x.group == r.group && x.version == r.version && x.plural == r.plural)
        .expect("a resource of the table")
}

fn now() -> String {
    let t = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc());
    t.format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

fn new_uid() -> String {
    let mut b: [u8; 16] = rand::random();
    // A random (version 4, RFC 4122 variant) UUID, as the real server's.
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    let h: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &h[0..8],
        &h[8..12],
        &h[12..16],
        &h[16..20],
        &h[20..32]
    )
}

/// A lowercase RFC 1123 subdomain (most kinds) or, for the RBAC kinds, a
/// path segment name (`system:node` is valid): `Err(why)` when not.
fn check_name(r: &Resource, name: &str) -> Result<(), String> {
    if r.group == "rbac.authorization.k8s.io" {
        if name == "." || name == ".." || name.contains(['/', '%']) {
            return Err(format!(
                "Invalid value: {name:?}: may not be '.' or '..' and may not contain '/' or '%'"
            ));
        }
        return Ok(());
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if name.len() > 253 || !name.split('.').all(label_ok) {
        return Err(format!(
            "Invalid value: {name:?}: a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"
        ));
    }
    Ok(())
}

/// The object without what the server alone sets, to tell a no-op write.
fn content(obj: &Value) -> Value {
    let mut c = obj.clone();
    if let Some(m) = c.get_mut("metadata").and_then(Value::as_object_mut) {
        for k in [
            "resourceVersion",
            "generation",
            "managedFields",
            "uid",
            "creationTimestamp",
        ] {
            m.remove(k);
        }
    }
    c
}

impl Store {
    /// The initial namespaces and the bootstrap RBAC of [`super::rbac::seed`].
    pub fn new() -> Store {
        let mut s = Store::default();
        for ns in INITIAL_NAMESPACES {
            let r = super::resources::find("", "v1", "namespaces").expect("namespaces");
            s.create(r, "", json!({"metadata": {"name": ns}}))
                .expect("a fresh store takes the initial namespaces");
        }
        for (r, obj) in super::rbac::seed() {
            s.create(r, "", obj)
                .expect("a fresh store takes the bootstrap policy");
        }
        s
    }

    /// The current resourceVersion (a list's).
    pub fn resource_version(&self) -> String {
        self.rv.to_string()
    }

    pub fn namespace_exists(&self, ns: &str) -> bool {
        let r = super::resources::find("", "v1", "namespaces").expect("namespaces");
        self.objects
            .contains_key(&(index(r), String::new(), ns.to_string()))
    }

    fn key(r: &Resource, ns: &str, name: &str) -> Key {
        let ns = if r.namespaced { ns } else { "" };
        (index(r), ns.to_string(), name.to_string())
    }

    pub fn get(&self, r: &Resource, ns: &str, name: &str) -> Result<Value, ApiError> {
        self.objects
            .get(&Store::key(r, ns, name))
            .cloned()
            .ok_or_else(|| status::not_found(r, name))
    }

    /// The objects of `r` in `ns` (every namespace: `None`) matching both
    /// selectors, by namespace and name, as the real server sorts them.
    pub fn select(
        &self,
        r: &Resource,
        ns: Option<&str>,
        labels: &Selector,
        fields: &Selector,
    ) -> Vec<Value> {
        let i = index(r);
        self.objects
            .iter()
            .filter(|((ri, ons, _), _)| *ri == i && ns.is_none_or(|n| !r.namespaced || n == ons))
            .map(|(_, v)| v)
            .filter(|v| labels.matches_labels(v) && fields.matches_fields(v))
            .cloned()
            .collect()
    }

    /// `{kind}List` of [`Store::select`]; items without `apiVersion` and
    /// `kind`, as the real server sends them.
    pub fn list(
        &self,
        r: &Resource,
        ns: Option<&str>,
        labels: &Selector,
        fields: &Selector,
    ) -> Value {
        let items: Vec<Value> = self
            .select(r, ns, labels, fields)
            .into_iter()
            .map(|mut v| {
                if let Some(o) = v.as_object_mut() {
                    o.remove("apiVersion");
                    o.remove("kind");
                }
                v
            })
            .collect();
        json!({
            "kind": format!("{}List", r.kind),
            "apiVersion": r.api_version(),
            "metadata": {"resourceVersion": self.resource_version()},
            "items": items,
        })
    }

    /// Checks and completes a written object's type, namespace and name.
    fn normalize(
        &self,
        r: &Resource,
        ns: &str,
        name: Option<&str>,
        obj: &mut Value,
    ) -> Result<(), ApiError> {
        let Some(o) = obj.as_object_mut() else {
            return Err(status::bad_request(format!(
                "the body of a {} must be a JSON object",
                r.kind
            )));
        };
        match o.get("apiVersion").and_then(Value::as_str) {
            None | Some("") => {
                o.insert("apiVersion".into(), json!(r.api_version()));
            }
            Some(v) if v == r.api_version() => {}
            Some(v) => {
                return Err(status::bad_request(format!(
                "the API version in the data ({v}) does not match the expected API version ({})",
                r.api_version()
            )))
            }
        }
        match o.get("kind").and_then(Value::as_str) {
            None | Some("") => {
                o.insert("kind".into(), json!(r.kind));
            }
            Some(k) if k == r.kind => {}
            Some(k) => {
                return Err(status::bad_request(format!(
                    "the kind in the data ({k}) does not match the kind of the resource ({}: {})",
                    r.plural, r.kind
                )))
            }
        }
        let meta = o
            .entry("metadata")
            .or_insert_with(|| Value::Object(Map::new()));
        let Some(meta) = meta.as_object_mut() else {
            return Err(status::bad_request("metadata must be an object"));
        };
        if r.namespaced {
            match meta.get("namespace").and_then(Value::as_str) {
                None | Some("") => {
                    meta.insert("namespace".into(), json!(ns));
                }
                Some(n) if n == ns => {}
                Some(_) => {
                    return Err(status::bad_request(
                        "the namespace of the provided object does not match the namespace sent on the request",
                    ))
                }
            }
        } else {
            meta.remove("namespace");
        }
        let body_name = meta
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        if body_name.is_empty() {
            if let Some(prefix) = meta
                .get("generateName")
                .and_then(Value::as_str)
                .filter(|_| name.is_none())
            {
                const CHARS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
                let suffix: String = (0..5)
                    .map(|_| CHARS[rand::random_range(0..CHARS.len())] as char)
                    .collect();
                meta.insert("name".into(), json!(format!("{prefix}{suffix}")));
            } else if let Some(n) = name {
                meta.insert("name".into(), json!(n));
            } else {
                return Err(status::invalid(
                    r,
                    "",
                    "metadata.name",
                    "Required value: name or generateName is required",
                ));
            }
        } else if let Some(n) = name {
            if n != body_name {
                return Err(status::bad_request(format!(
                    "the name of the object ({body_name}) does not match the name on the URL ({n})"
                )));
            }
        }
        let name = meta["name"].as_str().unwrap_or("").to_string();
        check_name(r, &name).map_err(|why| status::invalid(r, &name, "metadata.name", &why))?;
        if r.kind == "Secret" {
            fold_string_data(o).map_err(|why| status::invalid(r, &name, "data", &why))?;
        }
        Ok(())
    }

    /// Stores `obj` as a new object (POST).
    pub fn create(&mut self, r: &Resource, ns: &str, mut obj: Value) -> Result<Value, ApiError> {
        self.normalize(r, ns, None, &mut obj)?;
        let name = obj["metadata"]["name"].as_str().unwrap_or("").to_string();
        if r.namespaced && !self.namespace_exists(ns) {
            return Err(status::namespace_not_found(ns));
        }
        let key = Store::key(r, ns, &name);
        if self.objects.contains_key(&key) {
            return Err(status::already_exists(r, &name));
        }
        self.rv += 1;
        let meta = obj["metadata"].as_object_mut().expect("normalized");
        meta.insert("uid".into(), json!(new_uid()));
        meta.insert("resourceVersion".into(), json!(self.rv.to_string()));
        meta.insert("creationTimestamp".into(), json!(now()));
        meta.remove("managedFields");
        if r.generation {
            meta.insert("generation".into(), json!(1));
        } else {
            meta.remove("generation");
        }
        if r.kind == "Namespace" {
            obj["spec"] = json!({"finalizers": ["kubernetes"]});
            obj["status"] = json!({"phase": "Active"});
        }
        if r.kind == "Secret"
            && obj
                .get("type")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        {
            obj["type"] = json!("Opaque");
        }
        self.objects.insert(key, obj.clone());
        Ok(obj)
    }

    /// Replaces the stored object by `obj` (PUT): a stale
    /// `resourceVersion` is a conflict; an unchanged object keeps its
    /// `resourceVersion`. Returns the object and whether it was created.
    pub fn update(
        &mut self,
        r: &Resource,
        ns: &str,
        name: &str,
        mut obj: Value,
    ) -> Result<(Value, bool), ApiError> {
        self.normalize(r, ns, Some(name), &mut obj)?;
        let Some(old) = self.objects.get(&Store::key(r, ns, name)).cloned() else {
            if r.create_on_update {
                if let Some(m) = obj["metadata"].as_object_mut() {
                    m.remove("resourceVersion");
                }
                return self.create(r, ns, obj).map(|o| (o, true));
            }
            return Err(status::not_found(r, name));
        };
        let sent_rv = obj["metadata"]["resourceVersion"].as_str().unwrap_or("");
        if !sent_rv.is_empty()
            && sent_rv != old["metadata"]["resourceVersion"].as_str().unwrap_or("")
        {
            return Err(status::conflict(r, name, status::MODIFIED));
        }
        Ok((self.replace(r, ns, name, &old, obj), false))
    }

    /// Stores `new` in place of `old`, keeping what the server set; a
    /// no-op keeps `old` as it is.
    fn replace(
        &mut self,
        r: &Resource,
        ns: &str,
        name: &str,
        old: &Value,
        mut new: Value,
    ) -> Value {
        if r.kind == "Secret"
            && new
                .get("type")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        {
            new["type"] = old["type"].clone();
        }
        if content(&new) == content(old) {
            return old.clone();
        }
        self.rv += 1;
        let meta = new["metadata"].as_object_mut().expect("normalized");
        for k in ["uid", "creationTimestamp"] {
            meta.insert(k.into(), old["metadata"][k].clone());
        }
        meta.insert("resourceVersion".into(), json!(self.rv.to_string()));
        meta.remove("managedFields");
        if r.generation {
            let g = old["metadata"]["generation"].as_i64().unwrap_or(1);
            let bump = new.get("spec") != old.get("spec");
            new["metadata"]["generation"] = json!(if bump { g + 1 } else { g });
        } else {
            meta.remove("generation");
        }
        self.objects.insert(Store::key(r, ns, name), new.clone());
        new
    }

    /// PATCH: a merge patch onto the stored object ([`PatchKind`]); an
    /// apply (by field manager `manager`) creates the object when absent.
    /// A `resourceVersion` in the patch is a precondition, as for the
    /// real server.
    pub fn patch(
        &mut self,
        r: &Resource,
        ns: &str,
        name: &str,
        kind: PatchKind,
        manager: &str,
        body: Value,
    ) -> Result<(Value, bool), ApiError> {
        let key = Store::key(r, ns, name);
        let applied = (kind == PatchKind::Apply).then(|| body.clone());
        let out = self.patch_inner(r, ns, name, kind, manager, body)?;
        if let Some(a) = applied {
            self.applied.insert((key, manager.to_string()), a);
        }
        Ok(out)
    }

    fn patch_inner(
        &mut self,
        r: &Resource,
        ns: &str,
        name: &str,
        kind: PatchKind,
        manager: &str,
        body: Value,
    ) -> Result<(Value, bool), ApiError> {
        let body = match kind {
            PatchKind::Strategic => patch::strip_directives(&body),
            _ => body,
        };
        if !body.is_object() && kind != PatchKind::Json {
            return Err(status::bad_request("the patch must be a JSON object"));
        }
        let old = match self.objects.get(&Store::key(r, ns, name)) {
            Some(o) => o.clone(),
            None if kind == PatchKind::Apply => {
                let mut obj = body;
                if let Some(m) = obj.get_mut("metadata").and_then(Value::as_object_mut) {
                    m.remove("resourceVersion");
                }
                self.normalize(r, ns, Some(name), &mut obj)?;
                return self.create(r, ns, obj).map(|o| (o, true));
            }
            None => return Err(status::not_found(r, name)),
        };
        if kind == PatchKind::Apply {
            for (field, want) in [
                ("apiVersion", r.api_version()),
                ("kind", r.kind.to_string()),
            ] {
                match body.get(field).and_then(Value::as_str) {
                    Some(v) if v == want => {}
                    _ => {
                        return Err(status::bad_request(format!(
                            "an apply patch must set {field}: {want}"
                        )))
                    }
                }
            }
        }
        let mut new = old.clone();
        if kind == PatchKind::Json {
            patch::json_patch(&mut new, &body).map_err(|e| {
                status::invalid_patch(format!(
                    "the server rejected our request due to an error in our request: {e}"
                ))
            })?;
            self.normalize(r, ns, Some(name), &mut new)?;
            let sent_rv = new["metadata"]["resourceVersion"].as_str().unwrap_or("");
            if !sent_rv.is_empty()
                && sent_rv != old["metadata"]["resourceVersion"].as_str().unwrap_or("")
            {
                return Err(status::conflict(r, name, status::MODIFIED));
            }
            return Ok((self.replace(r, ns, name, &old, new), false));
        }
        let sent_rv = body["metadata"]["resourceVersion"].as_str().unwrap_or("");
        if !sent_rv.is_empty()
            && sent_rv != old["metadata"]["resourceVersion"].as_str().unwrap_or("")
        {
            return Err(status::conflict(r, name, status::MODIFIED));
        }
        if kind == PatchKind::Apply {
            let key = Store::key(r, ns, name);
            if let Some(prev) = self.applied.get(&(key.clone(), manager.to_string())) {
                let others: Vec<&Value> = self
                    .applied
                    .iter()
                    .filter(|((k, m), _)| *k == key && m != manager)
                    .map(|(_, v)| v)
                    .collect();
                drop_unapplied(&mut new, prev, &body, &others);
            }
        }
        patch::merge(&mut new, &body);
        self.normalize(r, ns, Some(name), &mut new)?;
        Ok((self.replace(r, ns, name, &old, new), false))
    }

    /// DELETE: the removed object. Preconditions (`uid`,
    /// `resourceVersion`) are checked; deleting a namespace deletes what
    /// is in it.
    pub fn delete(
        &mut self,
        r: &Resource,
        ns: &str,
        name: &str,
        preconditions: &Value,
    ) -> Result<Value, ApiError> {
        let key = Store::key(r, ns, name);
        let Some(old) = self.objects.get(&key) else {
            return Err(status::not_found(r, name));
        };
        for (field, what) in [("uid", "UID"), ("resourceVersion", "ResourceVersion")] {
            if let Some(want) = preconditions[field].as_str() {
                let have = old["metadata"][field].as_str().unwrap_or("");
                if want != have {
                    return Err(status::conflict(
                        r,
                        name,
                        &format!(
                            "Precondition failed: {what} in precondition: {want}, {what} in object meta: {have}"
                        ),
                    ));
                }
            }
        }
        if r.kind == "Namespace" {
            if UNDELETABLE.contains(&name) {
                return Err(status::forbidden(
                    Some(r),
                    name,
                    "this namespace may not be deleted",
                ));
            }
            self.objects.retain(|(_, ons, _), _| ons != name);
            self.applied.retain(|((_, ons, _), _), _| ons != name);
        }
        self.applied.retain(|(k, _), _| *k != key);
        self.rv += 1;
        let mut old = self.objects.remove(&key).expect("present");
        if r.kind == "Namespace" {
            old["status"]["phase"] = json!("Terminating");
        }
        Ok(old)
    }
}

/// Removes from `target` the fields of `prev` (a manager's last applied
/// configuration) that `now` (its new one) no longer has and no `others`
/// (other managers' last applied configurations) have: server-side
/// apply's removal of fields a manager stops applying, objects only
/// (lists are replaced whole anyway).
fn drop_unapplied(target: &mut Value, prev: &Value, now: &Value, others: &[&Value]) {
    let (Some(t), Some(p)) = (target.as_object_mut(), prev.as_object()) else {
        return;
    };
    let empty = Value::Object(Map::new());
    for (k, pv) in p {
        let held: Vec<&Value> = others.iter().filter_map(|o| o.get(k)).collect();
        let nv = now.get(k);
        match (nv, t.get_mut(k)) {
            (None, Some(_)) if held.is_empty() => {
                t.remove(k);
            }
            (None, Some(tv)) => drop_unapplied(tv, pv, &empty, &held),
            (Some(nv), Some(tv)) if pv.is_object() && nv.is_object() => {
                drop_unapplied(tv, pv, nv, &held)
            }
            _ => {}
        }
    }
}

/// A Secret's `stringData` folded into `data` (base64), as the real server
/// does on every write; every `data` value must be base64.
fn fold_string_data(o: &mut Map<String, Value>) -> Result<(), String> {
    let b64 = base64::engine::general_purpose::STANDARD;
    if let Some(Value::Object(sd)) = o.remove("stringData") {
        let data = o.entry("data").or_insert_with(|| Value::Object(Map::new()));
        if !data.is_object() {
            *data = Value::Object(Map::new());
        }
        for (k, v) in sd {
            let text = v.as_str().unwrap_or_default();
            data[k.as_str()] = json!(b64.encode(text));
        }
    }
    if let Some(Value::Object(data)) = o.get("data") {
        for (k, v) in data {
            let ok = v.as_str().is_some_and(|s| b64.decode(s).is_ok());
            if !ok {
                return Err(format!("Invalid value: {k:?}: not base64"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apiserver::resources::find;

    fn cm() -> &'static Resource {
        find("", "v1", "configmaps").unwrap()
    }

    #[test]
    fn create_get_update_keep_metadata_and_detect_no_ops() {
        let mut s = Store::new();
        let o = s
            .create(
                cm(),
                "kube-system",
                json!({"metadata": {"name": "a"}, "data": {"k": "v"}}),
            )
            .unwrap();
        assert_eq!(o["kind"], "ConfigMap");
        assert_eq!(o["metadata"]["namespace"], "kube-system");
        let rv = o["metadata"]["resourceVersion"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(o["metadata"]["creationTimestamp"]
            .as_str()
            .unwrap()
            .ends_with('Z'));
        let e = s
            .create(cm(), "kube-system", json!({"metadata": {"name": "a"}}))
            .unwrap_err();
        assert_eq!(
            (e.code, e.status["reason"].as_str()),
            (409, Some("AlreadyExists"))
        );
        // The same content again: nothing changes.
        let (same, _) = s
            .patch(cm(), "kube-system", "a", PatchKind::Apply, "m", json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": {"k": "v"}}))
            .unwrap();
        assert_eq!(same["metadata"]["resourceVersion"], rv.as_str());
        let (changed, _) = s
            .patch(
                cm(),
                "kube-system",
                "a",
                PatchKind::Merge,
                "",
                json!({"data": {"k": "w"}}),
            )
            .unwrap();
        assert_ne!(changed["metadata"]["resourceVersion"], rv.as_str());
        assert_eq!(changed["metadata"]["uid"], o["metadata"]["uid"]);
        // A stale resourceVersion is a conflict.
        let mut stale = changed.clone();
        stale["metadata"]["resourceVersion"] = json!(rv);
        let e = s.update(cm(), "kube-system", "a", stale).unwrap_err();
        assert_eq!(e.code, 409);
        assert!(
            e.message().contains("the object has been modified"),
            "{}",
            e.message()
        );
        // A missing namespace.
        let e = s
            .create(cm(), "nope", json!({"metadata": {"name": "a"}}))
            .unwrap_err();
        assert_eq!(e.message(), "namespaces \"nope\" not found");
    }

    #[test]
    fn an_apply_removes_what_its_manager_no_longer_applies() {
        let mut s = Store::new();
        let apply = |s: &mut Store, m: &str, data: Value| {
            let body = json!({"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "a"}, "data": data});
            s.patch(cm(), "default", "a", PatchKind::Apply, m, body)
                .unwrap()
                .0
        };
        apply(&mut s, "kforge", json!({"x": "1", "y": "2"}));
        apply(&mut s, "other", json!({"y": "2", "z": "3"}));
        s.patch(
            cm(),
            "default",
            "a",
            PatchKind::Merge,
            "",
            json!({"data": {"w": "0"}}),
        )
        .unwrap();
        let o = apply(&mut s, "kforge", json!({"x": "1"}));
        // y stays (another manager applies it), w was never kforge's.
        assert_eq!(o["data"], json!({"x": "1", "y": "2", "z": "3", "w": "0"}));
        let o = apply(&mut s, "other", json!({"z": "3"}));
        assert_eq!(o["data"], json!({"x": "1", "z": "3", "w": "0"}));
        // Deleted and created again: no memory of earlier applies.
        s.delete(cm(), "default", "a", &Value::Null).unwrap();
        apply(&mut s, "kforge", json!({"x": "1"}));
        s.patch(
            cm(),
            "default",
            "a",
            PatchKind::Merge,
            "",
            json!({"data": {"k": "v"}}),
        )
        .unwrap();
        let o = apply(&mut s, "other", json!({"q": "1"}));
        assert_eq!(o["data"], json!({"x": "1", "k": "v", "q": "1"}));
    }

    #[test]
    fn apps_kinds_count_generations_and_secrets_fold_string_data() {
        let mut s = Store::new();
        let d = find("apps", "v1", "deployments").unwrap();
        let o = s
            .create(
                d,
                "default",
                json!({"metadata": {"name": "x"}, "spec": {"replicas": 1}}),
            )
            .unwrap();
        assert_eq!(o["metadata"]["generation"], 1);
        let (o, _) = s
            .patch(
                d,
                "default",
                "x",
                PatchKind::Merge,
                "",
                json!({"metadata": {"labels": {"a": "b"}}}),
            )
            .unwrap();
        assert_eq!(o["metadata"]["generation"], 1);
        let (o, _) = s
            .patch(
                d,
                "default",
                "x",
                PatchKind::Merge,
                "",
                json!({"spec": {"replicas": 2}}),
            )
            .unwrap();
        assert_eq!(o["metadata"]["generation"], 2);
        let sec = find("", "v1", "secrets").unwrap();
        let o = s
            .create(
                sec,
                "default",
                json!({"metadata": {"name": "s"}, "stringData": {"a": "hi"}}),
            )
            .unwrap();
        assert_eq!(o["data"]["a"], "aGk=");
        assert_eq!(o["type"], "Opaque");
        assert!(o.get("stringData").is_none());
    }

    #[test]
    fn deleting_a_namespace_deletes_its_objects_but_not_the_system_ones() {
        let mut s = Store::new();
        let ns = find("", "v1", "namespaces").unwrap();
        s.create(ns, "", json!({"metadata": {"name": "t"}}))
            .unwrap();
        s.create(cm(), "t", json!({"metadata": {"name": "a"}}))
            .unwrap();
        s.delete(ns, "", "t", &Value::Null).unwrap();
        assert_eq!(s.get(cm(), "t", "a").unwrap_err().code, 404);
        let e = s.delete(ns, "", "kube-system", &Value::Null).unwrap_err();
        assert_eq!(
            e.message(),
            "namespaces \"kube-system\" is forbidden: this namespace may not be deleted"
        );
    }
}
