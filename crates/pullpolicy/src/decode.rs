//! How Kubernetes' decoder reads a value that should be a string.
//!
//! `kubectl` and the API server read YAML with `sigs.k8s.io/yaml`, which converts YAML
//! to JSON with go-yaml v2, a YAML 1.1 reader: an unquoted `yes`, `no`, `on`, `off`,
//! `y`, `n`, `true` or `false` (in the case forms go-yaml lists) is a boolean there.
//! The reader ([`crate::read`]) resolves every scalar as go-yaml does (its tags, YAML
//! 1.1's forms); this module only names the JSON type the value becomes.

use crate::read::{Doc, NodeId, NodeKind, Value};

/// A value read for a string field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decoded<'t> {
    /// The key is missing.
    Absent,
    /// `key:`, `~`, `null`.
    Null,
    /// A string (possibly empty).
    Str(&'t str),
    /// A YAML 1.1 boolean, with its text.
    Bool(&'t str),
    /// A number, with its text.
    Number(&'t str),
    /// A mapping (`"object"`) or a sequence (`"array"`).
    Collection(&'static str),
}

/// Reads the value of `key` in the mapping `map` (the last one if repeated).
pub(crate) fn string_field<'t>(
    doc: &'t Doc<'_>,
    map: NodeId,
    key: &str,
) -> (Decoded<'t>, Option<NodeId>) {
    match doc.get(map, key) {
        None => (Decoded::Absent, None),
        Some(id) => (string_value(doc, id), Some(id)),
    }
}

/// Reads one node as Kubernetes' decoder would for a string field.
pub(crate) fn string_value<'t>(doc: &'t Doc<'_>, id: NodeId) -> Decoded<'t> {
    let id = doc.resolve(id);
    match doc.kind(id) {
        NodeKind::Mapping => return Decoded::Collection("object"),
        NodeKind::Sequence => return Decoded::Collection("array"),
        NodeKind::Scalar | NodeKind::Alias => {}
    }
    let Some(s) = doc.scalar(id) else {
        return Decoded::Null;
    };
    let text = s.text.as_ref();
    match s.value {
        Value::Null => Decoded::Null,
        Value::Bool(_) => Decoded::Bool(text),
        Value::Int(_) | Value::Uint(_) | Value::Float(_) | Value::Number => Decoded::Number(text),
        // A `!!binary` string is its decoded bytes; its text is what is written.
        Value::Str | Value::Binary(_) => Decoded::Str(text),
    }
}

/// A Go `string` field as the decoder fills it: absent and null leave `""`, a string is
/// itself; `None` for any other JSON type (a decoding error, the strict decoder's to
/// report).
pub(crate) fn go_string<'t>(doc: &'t Doc<'_>, node: Option<NodeId>) -> Option<&'t str> {
    match node.map(|n| string_value(doc, n)) {
        None | Some(Decoded::Null) => Some(""),
        Some(Decoded::Str(s)) => Some(s),
        Some(_) => None,
    }
}

/// The JSON kind Go's decoder names in a type error (`object`, `array`, `string`,
/// `number`, `bool`); `None` for null, which decodes into any field.
pub(crate) fn json_kind(doc: &Doc<'_>, id: NodeId) -> Option<&'static str> {
    Some(match string_value(doc, id) {
        Decoded::Absent | Decoded::Null => return None,
        Decoded::Bool(_) => "bool",
        Decoded::Number(_) => "number",
        Decoded::Str(_) => "string",
        Decoded::Collection(kind) => kind,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::{self, Item, ReadOptions};

    fn check(yaml_text: &str, expected: Decoded<'_>) {
        let Some(Item::Document(d)) = read::read(yaml_text, ReadOptions::default()).next() else {
            panic!("{yaml_text}");
        };
        let doc = d.doc.as_ref().expect(yaml_text);
        assert_eq!(
            string_field(doc, doc.root(), "v").0,
            expected,
            "{yaml_text}"
        );
    }

    #[test]
    fn yaml11_scalars() {
        check("v: Always", Decoded::Str("Always"));
        check("v: yes", Decoded::Bool("yes"));
        check("v: 'yes'", Decoded::Str("yes"));
        check("v: Off", Decoded::Bool("Off"));
        check("v: oN", Decoded::Str("oN"));
        check("v: 1.25", Decoded::Number("1.25"));
        check("v: 0x1F", Decoded::Number("0x1F"));
        check("v: 1.2.3", Decoded::Str("1.2.3"));
        check("v:", Decoded::Null);
        check("v: ~", Decoded::Null);
        check("v: \"\"", Decoded::Str(""));
        check("v: !!str yes", Decoded::Str("yes"));
        check("v: [a]", Decoded::Collection("array"));
        check("w: 1", Decoded::Absent);
    }
}
