//! A workload's label selector against its pod template's labels (issue 15: what
//! `kubectl apply` followed by the API server does). In `apps/v1` nothing defaults the
//! selector from the template, so a Deployment, ReplicaSet, StatefulSet or DaemonSet
//! without one, with an empty one, or with one its template's labels do not satisfy is
//! refused. Read in the sources:
//!
//! - kubernetes `pkg/apis/apps/validation/validation.go` (a 1.27–1.33 snapshot, and the
//!   1.34+ `ValidatePodTemplateSpecForStatefulSet` of kubernetes#131790, which adds the pod
//!   template's own validation after the same selector check):
//!   - `ValidateDeploymentSpec` and `ValidateReplicaSetSpec`: `spec.selector: Required
//!     value` for none; for an empty one (no `matchLabels`, no `matchExpressions`)
//!     `spec.selector: Invalid value: <selector>: empty selector is invalid for
//!     deployment` (the ReplicaSet's text says `deployment` too); then, if the selector
//!     reads (`metav1.LabelSelectorAsSelector`) and is not empty,
//!     `ValidatePodTemplateSpecForReplicaSet`'s `spec.template.metadata.labels: Invalid
//!     value: <labels>: `selector` does not match template `labels`` (a missing selector
//!     reads as `labels.Nothing()`, which is not empty and matches nothing), before the
//!     pod template's own errors.
//!   - `ValidateStatefulSetSpec`: the same, with `empty selector is invalid for
//!     statefulset`.
//!   - `ValidateDaemonSetSpec`: no `Required value`; the mismatch first (a missing
//!     selector matches nothing, an empty one everything), then `empty selector is
//!     invalid for daemonset`, then the pod template.
//! - apimachinery `pkg/labels` (`Set`, `Requirement.Matches`): `matchLabels` are `=`
//!   requirements; `In` needs the label with one of the values, `NotIn` is met by a pod
//!   without the label, `Exists` and `DoesNotExist` test the key only.
//! - apimachinery `pkg/util/validation/field/errors.go` `ErrorBody`: the bad value, a
//!   `map[string]string` or a `*metav1.LabelSelector`, is printed with Go's `%#v` up to
//!   1.33 (the pointer dereferenced: `v1.LabelSelector{MatchLabels:map[string]string(nil),
//!   MatchExpressions:[]v1.LabelSelectorRequirement(nil)}`, as Helm users quote it) and
//!   with `json.Marshal` from apimachinery v0.34.0 (`{}`, `{"app":"web"}`, `null`).
//!
//! Not modelled: a selector Kubernetes cannot read (a key that is not a qualified name,
//! a value that is not a label value, an unknown operator, `In` without values): its
//! errors (`ValidateLabelSelector`, and `invalid label selector`) are not given, and the
//! template is not checked against it. Nor are the labels themselves validated.

use std::borrow::Cow;

use crate::decode;
use crate::names::{self, Format, Unit};
use crate::read::{Doc, NodeId};

/// A decoded `map[string]string`: its pairs in the byte order of their keys (the order
/// Go prints a map in), each key once; `None` is Go's nil map (absent or null). A
/// sorted list, not a `BTreeMap`, whose code would cost the playground's first load.
pub(crate) type Labels<'t> = Option<Vec<(Cow<'t, str>, &'t str)>>;

/// The value of `key`.
fn get<'a>(labels: &'a Labels<'_>, key: &str) -> Option<&'a str> {
    let pairs = labels.as_ref()?;
    let i = pairs.binary_search_by(|(k, _)| k.as_ref().cmp(key)).ok()?;
    Some(pairs[i].1)
}

/// A `matchExpressions` operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist,
}

/// One `matchExpressions` item, read and valid.
#[derive(Debug)]
struct Requirement<'t> {
    key: &'t str,
    operator: Operator,
    values: Vec<&'t str>,
}

impl Requirement<'_> {
    /// apimachinery `labels.Requirement.Matches`.
    fn matches(&self, labels: &Labels<'_>) -> bool {
        let value = get(labels, self.key);
        match self.operator {
            Operator::In => value.is_some_and(|v| self.values.contains(&v)),
            Operator::NotIn => value.is_none_or(|v| !self.values.contains(&v)),
            Operator::Exists => value.is_some(),
            Operator::DoesNotExist => value.is_none(),
        }
    }
}

/// A workload's `spec.selector`, as the API server decodes it.
#[derive(Debug)]
pub(crate) struct Selector<'t> {
    match_labels: Labels<'t>,
    /// `None`: nil (absent or null); `Some(0)`: an empty list.
    expressions: Option<Vec<Requirement<'t>>>,
}

impl Selector<'_> {
    /// No `matchLabels` and no `matchExpressions` (`labels.Everything()`).
    pub(crate) fn is_empty(&self) -> bool {
        self.match_labels.as_ref().is_none_or(Vec::is_empty)
            && self.expressions.as_ref().is_none_or(Vec::is_empty)
    }

    /// Whether a pod with these labels is selected.
    fn matches(&self, labels: &Labels<'_>) -> bool {
        let equal = self
            .match_labels
            .iter()
            .flatten()
            .all(|(k, v)| get(labels, k) == Some(*v));
        equal && self.expressions.iter().flatten().all(|r| r.matches(labels))
    }

    /// Go's `%#v` of the dereferenced `*metav1.LabelSelector` (only printed when it is
    /// empty, so its expressions are a nil or an empty list).
    pub(crate) fn go_syntax(&self) -> String {
        let expressions = match self.expressions {
            None => "[]v1.LabelSelectorRequirement(nil)",
            Some(_) => "[]v1.LabelSelectorRequirement{}",
        };
        format!(
            "v1.LabelSelector{{MatchLabels:{}, MatchExpressions:{expressions}}}",
            printed(&self.match_labels, false)
        )
    }
}

/// A `map[string]string` as the API server prints a bad value: Go's `%#v` up to 1.33
/// (`map[string]string{"a":"1", "b":"2"}`, `strconv.Quote`d) or `json.Marshal` from 1.34
/// (`{"a":"1","b":"2"}`, HTML characters escaped); keys in byte order either way.
pub(crate) fn printed(labels: &Labels<'_>, json: bool) -> String {
    use crate::messages::{go_quote, json_string};
    let Some(pairs) = labels else {
        return if json {
            "null"
        } else {
            "map[string]string(nil)"
        }
        .to_owned();
    };
    let (open, comma, quote): (&str, &str, fn(&str) -> String) = if json {
        ("{", ",", json_string)
    } else {
        ("map[string]string{", ", ", go_quote)
    };
    let pairs: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}:{}", quote(k), quote(v)))
        .collect();
    format!("{open}{}}}", pairs.join(comma))
}

/// What the API server finds wrong with a workload's selector, in its order.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// `spec.selector: Required value`.
    Required,
    /// `empty selector is invalid for …`.
    Empty,
    /// `` `selector` does not match template `labels` ``.
    Mismatch,
}

/// Which validation function a kind goes through.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Workload {
    /// Deployment and ReplicaSet (`empty selector is invalid for deployment`).
    Deployment,
    StatefulSet,
    DaemonSet,
}

impl Workload {
    /// The kinds whose selector the API server checks against their template.
    pub(crate) fn of(kind: &str) -> Option<Workload> {
        match kind {
            "Deployment" | "ReplicaSet" => Some(Workload::Deployment),
            "StatefulSet" => Some(Workload::StatefulSet),
            "DaemonSet" => Some(Workload::DaemonSet),
            _ => None,
        }
    }

    /// The word its empty-selector error ends with.
    pub(crate) fn word(self) -> &'static str {
        match self {
            Workload::Deployment => "deployment",
            Workload::StatefulSet => "statefulset",
            Workload::DaemonSet => "daemonset",
        }
    }
}

/// A field as written: its key node (where its findings are marked) and its value.
pub(crate) type Entry = (NodeId, NodeId);

/// What was read of a workload: its selector (`None`: nil) and its template's labels,
/// with where their findings are marked.
#[derive(Debug)]
pub(crate) struct Read<'t> {
    pub selector: Option<Selector<'t>>,
    pub labels: Labels<'t>,
    /// The key `spec`, if written.
    pub spec: Option<NodeId>,
    /// The key `spec.selector`, if written (null included).
    pub selector_at: Option<NodeId>,
    /// The key of the deepest of `spec`, `spec.template`, `….metadata`, `….labels`
    /// written.
    pub labels_at: Option<NodeId>,
}

impl Read<'_> {
    /// What to write for a missing or empty selector: the template's labels as
    /// `matchLabels`, when they are there and Kubernetes can read them as a selector.
    pub(crate) fn selector_fix(&self) -> Option<String> {
        let labels = self.labels.as_ref().filter(|l| !l.is_empty())?;
        let readable = labels
            .iter()
            .all(|(k, v)| is_qualified_name(k) && is_label_value(v));
        readable.then(|| format!("selector: {{matchLabels: {}}}", flow(labels)))
    }

    /// The labels the template needs for a selector of `matchLabels` only: its pairs.
    pub(crate) fn labels_fix(&self) -> Option<String> {
        let selector = self.selector.as_ref()?;
        if selector.expressions.as_ref().is_some_and(|e| !e.is_empty()) {
            return None;
        }
        let pairs = selector.match_labels.as_ref()?;
        Some(format!(
            "labels: {} (with the template's other labels)",
            flow(pairs)
        ))
    }
}

/// A YAML flow mapping of labels (values quoted: `1.0` or `true` would not be strings).
fn flow(labels: &[(Cow<'_, str>, &str)]) -> String {
    let pairs: Vec<String> = labels
        .iter()
        .map(|(k, v)| format!("{k}: \"{v}\""))
        .collect();
    format!("{{{}}}", pairs.join(", "))
}

/// The problems of a workload's selector, in the API server's order (`Read::selector`
/// `None` means nil). A selector that does not read never gets here: [`read`] gives
/// `None` for it (not modelled).
pub(crate) fn problems(workload: Workload, read: &Read<'_>) -> Vec<Problem> {
    let mut found = Vec::new();
    let empty = read.selector.as_ref().is_some_and(Selector::is_empty);
    // A nil selector is `labels.Nothing()`; an empty one is `labels.Everything()`.
    let mismatch = match &read.selector {
        None => true,
        Some(s) => !s.is_empty() && !s.matches(&read.labels),
    };
    match workload {
        Workload::Deployment | Workload::StatefulSet => {
            if read.selector.is_none() {
                found.push(Problem::Required);
            } else if empty {
                found.push(Problem::Empty);
            }
            if mismatch {
                found.push(Problem::Mismatch);
            }
        }
        Workload::DaemonSet => {
            if mismatch {
                found.push(Problem::Mismatch);
            }
            if empty {
                found.push(Problem::Empty);
            }
        }
    }
    found
}

/// Reads a workload's selector and template labels as the API server decodes them;
/// `None` when a value does not decode as its type (the decoder's error is the
/// object's) or the selector is one Kubernetes cannot read (not modelled). `spec` and
/// `template` are the object's `spec` and `spec.template` as written, found by the pod
/// spec's walk (`template` only in a `spec` that is a mapping).
pub(crate) fn read<'t>(
    doc: &'t Doc<'_>,
    spec: Option<Entry>,
    template: Option<Entry>,
) -> Option<Read<'t>> {
    let mut labels_at = None;
    let spec_map = level(doc, spec, &mut labels_at)?;
    let spec_at = labels_at;
    let selector_entry = spec_map.and_then(|s| doc.entry(s, "selector"));
    let selector = match selector_entry {
        Some((_, node)) if !doc.is_null(node) => Some(selector(doc, node)?),
        _ => None,
    };
    let template = level(doc, template, &mut labels_at)?;
    let metadata = template.and_then(|t| doc.entry(t, "metadata"));
    let metadata = level(doc, metadata, &mut labels_at)?;
    let labels = match metadata.and_then(|m| doc.entry(m, "labels")) {
        Some((key, node)) => {
            labels_at = Some(key);
            string_map(doc, node)?
        }
        None => None,
    };
    Some(Read {
        selector,
        labels,
        spec: spec_at,
        selector_at: selector_entry.map(|(key, _)| key),
        labels_at,
    })
}

/// One level of a path: `Some(None)` when absent or null, `None` when not a mapping;
/// `deepest` becomes its key when it is written.
fn level(
    doc: &Doc<'_>,
    entry: Option<Entry>,
    deepest: &mut Option<NodeId>,
) -> Option<Option<NodeId>> {
    let Some((key, node)) = entry else {
        return Some(None);
    };
    *deepest = Some(key);
    if doc.is_null(node) {
        return Some(None);
    }
    doc.pairs(node)?;
    Some(Some(node))
}

/// A `*metav1.LabelSelector` that is written; `None` when it does not decode or read.
fn selector<'t>(doc: &'t Doc<'_>, node: NodeId) -> Option<Selector<'t>> {
    doc.pairs(node)?;
    let match_labels = match doc.get(node, "matchLabels") {
        Some(m) => string_map(doc, m)?,
        None => None,
    };
    for (key, value) in match_labels.iter().flatten() {
        if !is_qualified_name(key) || !is_label_value(value) {
            return None;
        }
    }
    let expressions = match doc.get(node, "matchExpressions") {
        Some(list) if doc.is_null(list) => None,
        Some(list) => {
            let items = doc.items(list)?;
            let mut read = Vec::with_capacity(items.len());
            for &item in items {
                read.push(requirement(doc, item)?);
            }
            Some(read)
        }
        None => None,
    };
    Some(Selector {
        match_labels,
        expressions,
    })
}

/// One `matchExpressions` item that decodes and that Kubernetes can read.
fn requirement<'t>(doc: &'t Doc<'_>, item: NodeId) -> Option<Requirement<'t>> {
    // A null item decodes as the zero value, whose empty operator is not valid.
    doc.pairs(item)?;
    let key = decode::go_string(doc, doc.get(item, "key"))?;
    let operator = match decode::go_string(doc, doc.get(item, "operator"))? {
        "In" => Operator::In,
        "NotIn" => Operator::NotIn,
        "Exists" => Operator::Exists,
        "DoesNotExist" => Operator::DoesNotExist,
        _ => return None,
    };
    let values = match doc.get(item, "values") {
        Some(list) if !doc.is_null(list) => {
            let items = doc.items(list)?;
            let mut values = Vec::with_capacity(items.len());
            for &v in items {
                values.push(decode::go_string(doc, Some(v))?);
            }
            values
        }
        _ => Vec::new(),
    };
    let counted = match operator {
        Operator::In | Operator::NotIn => !values.is_empty(),
        Operator::Exists | Operator::DoesNotExist => values.is_empty(),
    };
    let valid = counted && is_qualified_name(key) && values.iter().all(|v| is_label_value(v));
    valid.then_some(Requirement {
        key,
        operator,
        values,
    })
}

/// A `map[string]string`: null is nil, a null value `""` (what Go's decoder stores), the
/// last of repeated keys kept; `None` when it does not decode.
fn string_map<'t>(doc: &'t Doc<'_>, node: NodeId) -> Option<Labels<'t>> {
    if doc.is_null(node) {
        return Some(None);
    }
    let mut pairs = Vec::new();
    for (k, v) in doc.pairs(node)? {
        pairs.push((doc.key_text(k)?, decode::go_string(doc, Some(v))?));
    }
    Some(Some(unique(pairs)))
}

/// Pairs sorted by key, the last of each key kept (what Go's map ends up with).
fn unique<'t>(mut pairs: Vec<(Cow<'t, str>, &'t str)>) -> Vec<(Cow<'t, str>, &'t str)> {
    // Most maps are written in order, one pair a key: nothing to do.
    if pairs.windows(2).all(|w| w[0].0 < w[1].0) {
        return pairs;
    }
    crate::sort::sort_by(&mut pairs, |a, b| a.0.cmp(&b.0));
    let mut kept: Vec<(Cow<'t, str>, &'t str)> = Vec::with_capacity(pairs.len());
    for pair in pairs {
        match kept.last_mut() {
            // Stable: a later pair of the same key comes later, and replaces.
            Some(last) if last.0 == pair.0 => *last = pair,
            _ => kept.push(pair),
        }
    }
    kept
}

/// apimachinery `IsQualifiedName`: an optional DNS subdomain prefix and `/`, then a name
/// of at most 63 bytes of `[-A-Za-z0-9_.]`, alphanumeric at both ends.
fn is_qualified_name(value: &str) -> bool {
    let name = match value.split_once('/') {
        None => value,
        Some((prefix, name)) => {
            if prefix.is_empty()
                || name.contains('/')
                || !names::problems(Format::Subdomain, prefix, Unit::Characters).is_empty()
            {
                return false;
            }
            name
        }
    };
    !name.is_empty() && name.len() <= 63 && is_label_value(name)
}

/// apimachinery `IsValidLabelValue`: empty, or at most 63 bytes of `[-A-Za-z0-9_.]`,
/// alphanumeric at both ends.
fn is_label_value(value: &str) -> bool {
    let bytes = value.as_bytes();
    let edge = |b: Option<&u8>| b.is_none_or(u8::is_ascii_alphanumeric);
    bytes.len() <= 63
        && edge(bytes.first())
        && edge(bytes.last())
        && bytes
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn qualified_names_and_label_values_follow_apimachinery() {
        for ok in [
            "app",
            "a",
            "app.kubernetes.io/name",
            "A_b-c.D",
            "x/y",
            &"a".repeat(63),
        ] {
            assert!(is_qualified_name(ok), "{ok}");
        }
        for bad in [
            "",
            "/a",
            "a/",
            "a/b/c",
            "-a",
            "a-",
            "Ex.com/a",
            "a b",
            &"a".repeat(64),
            "ä",
        ] {
            assert!(!is_qualified_name(bad), "{bad}");
        }
        for ok in ["", "v1", "1.0", "a_b", &"z".repeat(63)] {
            assert!(is_label_value(ok), "{ok}");
        }
        for bad in ["-", "a/b", "a b", ".a", &"z".repeat(64)] {
            assert!(!is_label_value(bad), "{bad}");
        }
    }

    #[test]
    fn values_print_as_go_does() {
        let labels = Some(unique(vec![
            (Cow::Borrowed("tier"), "x"),
            (Cow::Borrowed("app"), "a<b"),
            (Cow::Borrowed("tier"), "web"),
        ]));
        assert_eq!(
            printed(&labels, false),
            r#"map[string]string{"app":"a<b", "tier":"web"}"#
        );
        assert_eq!(printed(&labels, true), r#"{"app":"a\u003cb","tier":"web"}"#);
        assert_eq!(printed(&None, false), "map[string]string(nil)");
        assert_eq!(printed(&None, true), "null");
        assert_eq!(printed(&Some(Vec::new()), false), "map[string]string{}");
        assert_eq!(printed(&Some(Vec::new()), true), "{}");
    }
}
