//! Unknown and repeated fields, as Kubernetes' strict decoding reports them.
//!
//! Field lists come from the Kubernetes API definitions of the chosen version
//! ([`crate::fields`], generated from OpenAPI schemas).

use crate::explain::Cx;
use crate::fields::{self, Child, ObjectType};
use crate::messages;
use crate::read::{Doc, NodeId};
use crate::report::Finding;

/// Checks the object's own fields and every mapping on the way down `path` (not the
/// last one, the pod spec, which [`crate::pod`] checks).
pub(crate) fn check_path(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    ty: ObjectType,
    path: &[&str],
    out: &mut Vec<Finding>,
) {
    check(cx, doc, node, ty, "", out);
    if let Some(meta) = doc.get(node, "metadata") {
        check(cx, doc, meta, ObjectType::ObjectMeta, "metadata", out);
    }
    let version = cx.options.kubernetes_version;
    let (mut node, mut ty, mut prefix) = (node, ty, String::new());
    for key in path.iter().take(path.len().saturating_sub(1)) {
        let Some(Child::Object(child)) = fields::field(ty, key, version).and_then(|f| f.child)
        else {
            return;
        };
        let Some(next) = doc.get(node, key).filter(|n| doc.pairs(*n).is_some()) else {
            return;
        };
        prefix = join(&prefix, key);
        check(cx, doc, next, child, &prefix, out);
        let template = matches!(
            child,
            ObjectType::PodTemplateSpec | ObjectType::JobTemplateSpec
        );
        if let (true, Some(meta)) = (template, doc.get(next, "metadata")) {
            let path = join(&prefix, "metadata");
            check(cx, doc, meta, ObjectType::ObjectMeta, &path, out);
        }
        (node, ty) = (next, child);
    }
}

/// Reports the keys of mapping `map` that `ty` does not have in this version, and keys
/// given twice. Returns the field an unknown key most likely meant, when that is one of
/// `meant` (so callers can say the policy was dropped).
pub(crate) fn check(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    map: NodeId,
    ty: ObjectType,
    prefix: &str,
    out: &mut Vec<Finding>,
) -> bool {
    let Some(written) = doc.written_pairs(map) else {
        return false;
    };
    let version = cx.options.kubernetes_version;
    let mut policy_dropped = false;
    // The keys kubectl sends (merge keys applied, `<<` left out), each name once, then
    // the keys written twice in this mapping itself (go-yaml keeps the last).
    let mut keys: Vec<(NodeId, bool)> = Vec::with_capacity(written.len());
    let mut names: std::collections::HashSet<std::borrow::Cow<'_, str>> =
        std::collections::HashSet::with_capacity(written.len());
    for (key, _) in doc.pairs(map).into_iter().flatten() {
        if let Some(name) = doc.key_text(key)
            && names.insert(name)
        {
            keys.push((key, false));
        }
    }
    let mut seen = std::collections::HashSet::with_capacity(written.len());
    for (key, _) in written {
        if doc.scalar(*key).is_some_and(|s| s.text == "<<") {
            continue;
        }
        if let Some(name) = doc.key_text(*key)
            && !seen.insert(name)
        {
            keys.push((*key, true));
        }
    }
    // The crate's one merge sort, not `core`'s (its code is what sorting costs the wasm).
    crate::sort::sort_slice_by(&mut keys, |a, b| {
        doc.node(a.0).start.cmp(&doc.node(b.0).start)
    });
    for (key, repeated) in keys {
        let Some(name) = doc.key_text(key) else {
            continue;
        };
        let name = name.as_ref();
        let unknown = !repeated && fields::field(ty, name, version).is_none();
        if !(repeated || unknown) {
            continue;
        }
        let at = cx.pos(doc, key);
        let path = join(prefix, name);
        if repeated {
            out.push(messages::duplicate_key(
                at,
                &messages::duplicate_field(&path),
                name,
            ));
        }
        if unknown {
            let suggestion = fields::did_you_mean(ty, name, version);
            let affects = matches!(suggestion, Some("imagePullPolicy" | "pullPolicy" | "image"));
            policy_dropped |= affects;
            out.push(messages::unknown_field_finding(
                at,
                &messages::unknown_field(&path),
                suggestion,
                affects,
            ));
        }
    }
    policy_dropped
}

/// `a.b`, or `b` when `a` is empty.
pub(crate) fn join(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_owned()
    } else {
        format!("{prefix}.{key}")
    }
}
