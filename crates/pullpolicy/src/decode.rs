//! How Kubernetes' decoder reads a YAML value that should be a string.
//!
//! `kubectl` and the API server read YAML with `sigs.k8s.io/yaml`, which converts YAML
//! to JSON with go-yaml v2, a YAML 1.1 reader: an unquoted `yes`, `no`, `on`, `off`,
//! `y`, `n`, `true` or `false` (in the case forms go-yaml lists) is a boolean there,
//! although serde_yaml (YAML 1.2) reads most of them as strings. Only plain (unquoted,
//! untagged) scalars are resolved; quoted and block scalars are strings.

use crate::yaml::{Doc, NodeId, Value};

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
    match &doc.resolve(id).value {
        Value::Mapping(_) => Decoded::Collection("object"),
        Value::Sequence(_) => Decoded::Collection("array"),
        // `resolve` already followed a known alias; an unknown anchor reads as null.
        Value::Alias(_) => Decoded::Null,
        Value::Scalar(s) => {
            let text = s.text.as_ref();
            match s.tag.as_deref() {
                Some("!!str") => return Decoded::Str(text),
                Some("!!null") => return Decoded::Null,
                Some("!!bool") => return Decoded::Bool(text),
                Some("!!int" | "!!float") => return Decoded::Number(text),
                _ => {}
            }
            if !s.plain {
                Decoded::Str(text)
            } else if s.is_null() {
                Decoded::Null
            } else if is_yaml11_bool(text) {
                Decoded::Bool(text)
            } else if is_yaml11_number(text) {
                Decoded::Number(text)
            } else {
                Decoded::Str(text)
            }
        }
    }
}

/// go-yaml v2's boolean spellings (`resolve.go`).
fn is_yaml11_bool(text: &str) -> bool {
    matches!(
        text,
        "y" | "Y"
            | "yes"
            | "Yes"
            | "YES"
            | "n"
            | "N"
            | "no"
            | "No"
            | "NO"
            | "true"
            | "True"
            | "TRUE"
            | "false"
            | "False"
            | "FALSE"
            | "on"
            | "On"
            | "ON"
            | "off"
            | "Off"
            | "OFF"
    )
}

/// go-yaml v2's numbers: integers (decimal, `0x`, `0o`, `0b`, `_` separators) and
/// floats (`1.5`, `1e3`, `.inf`, `.nan`).
fn is_yaml11_number(text: &str) -> bool {
    if matches!(
        text,
        ".inf"
            | ".Inf"
            | ".INF"
            | "+.inf"
            | "+.Inf"
            | "+.INF"
            | "-.inf"
            | "-.Inf"
            | "-.INF"
            | ".nan"
            | ".NaN"
            | ".NAN"
    ) {
        return true;
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let plain: String = unsigned.chars().filter(|&c| c != '_').collect();
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(hex) = plain.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if let Some(bin) = plain.strip_prefix("0b") {
        return digits(bin, 2);
    }
    if let Some(oct) = plain.strip_prefix("0o") {
        return digits(oct, 8);
    }
    if digits(&plain, 10) {
        return true;
    }
    is_float(unsigned)
}

/// `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` without the sign.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => (&text[..i], Some(&text[i + 1..])),
        None => (text, None),
    };
    let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = match mantissa.split_once('.') {
        Some(("", frac)) => !frac.is_empty() && all_digits(frac),
        Some((int, frac)) => !int.is_empty() && all_digits(int) && all_digits(frac),
        None => !mantissa.is_empty() && all_digits(mantissa),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && all_digits(e)
    });
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml;

    fn check(yaml_text: &str, expected: Decoded<'_>) {
        let stream = yaml::parse(yaml_text);
        let doc = &stream.docs[0];
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
