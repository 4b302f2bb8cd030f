//! Stage 3: the decoded YAML value → JSON, as sigs.k8s.io/yaml (`yamlToJSON`,
//! `convertToJSONableObject`) and Go's `encoding/json.Marshal` do it, and Go's ways
//! of printing numbers, strings and values.
//!
//! Written after reading sigs.k8s.io/yaml v1.3.0/v1.4.0: map keys become strings
//! (integers in decimal, floats as `FormatFloat(f, 'g', -1, 32)` with `.inf`,
//! `-.inf`, `.nan`, booleans as `true`/`false`); a null or unsigned 64-bit key is
//! `unsupported map key of type: …` (`Unsupported` in v1.3.0, Kubernetes 1.28);
//! then `json.Marshal` refuses ±Inf and NaN (`json: unsupported value: +Inf`) and
//! prints keys sorted, strings with `<`, `>`, `&`, U+2028, U+2029 escaped and invalid
//! UTF-8 as U+FFFD, floats in the shortest form (`e` notation below 1e-6 and from
//! 1e21).
//!
//! Where Go's result depends on its map iteration order (two keys that become the
//! same string, two unsupported keys, keys of mixed types in a printed map), the
//! result here is the last in the document's order and [`Effects::random`] says so.

use super::resolve::Value;
use super::tree::{Doc, Kind, NodeId, Source};
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt::Write as _;

use crate::gofloat::shortest;

/// Go's `%e` layout of shortest digits: `d.ddde±XX`.
fn layout_e(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    out.push_str(&digits[..1]);
    if digits.len() > 1 {
        out.push('.');
        out.push_str(&digits[1..]);
    }
    let exp = dp - 1;
    out.push('e');
    out.push(if exp < 0 { '-' } else { '+' });
    let _ = write!(out, "{:02}", exp.unsigned_abs());
    out
}

/// Go's `%f` layout of shortest digits.
fn layout_f(neg: bool, digits: &str, dp: i32) -> String {
    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let nd = digits.len() as i32;
    if dp <= 0 {
        out.push_str("0.");
        for _ in 0..-dp {
            out.push('0');
        }
        out.push_str(digits);
    } else if dp >= nd {
        out.push_str(digits);
        for _ in 0..dp - nd {
            out.push('0');
        }
    } else {
        out.push_str(&digits[..dp as usize]);
        out.push('.');
        out.push_str(&digits[dp as usize..]);
    }
    out
}

/// Go's `strconv.FormatFloat(f, 'g', -1, 64 or 32)`.
pub(crate) fn format_g(f: f64, f32_: bool) -> String {
    let f = if f32_ { f64::from(f as f32) } else { f };
    if f.is_nan() {
        return "NaN".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "+Inf" } else { "-Inf" }.to_owned();
    }
    let neg = f.is_sign_negative();
    if f == 0.0 {
        return if neg { "-0" } else { "0" }.to_owned();
    }
    let (digits, dp) = shortest(f, f32_);
    let exp = dp - 1;
    if !(-4..6).contains(&exp) {
        layout_e(neg, &digits, dp)
    } else {
        layout_f(neg, &digits, dp)
    }
}

/// A float map key as sigs.k8s.io/yaml writes it.
pub(crate) fn float_key(f: f64) -> String {
    let s = format_g(f, true);
    match s.as_str() {
        "+Inf" => ".inf".to_owned(),
        "-Inf" => "-.inf".to_owned(),
        "NaN" => ".nan".to_owned(),
        _ => s,
    }
}

/// `encoding/json`'s form of a finite float64.
pub(crate) fn json_float(f: f64) -> String {
    let neg = f.is_sign_negative();
    if f == 0.0 {
        return if neg { "-0" } else { "0" }.to_owned();
    }
    let (digits, dp) = shortest(f, false);
    let abs = f.abs();
    if !(1e-6..1e21).contains(&abs) {
        let mut s = layout_e(neg, &digits, dp);
        // `e-07` → `e-7`.
        let n = s.len();
        if n >= 4
            && s.as_bytes()[n - 4] == b'e'
            && s.as_bytes()[n - 3] == b'-'
            && s.as_bytes()[n - 2] == b'0'
        {
            s.remove(n - 2);
        }
        s
    } else {
        layout_f(neg, &digits, dp)
    }
}

/// Go's string from bytes, invalid UTF-8 replaced byte by byte (`utf8.DecodeRune`).
pub(crate) fn go_lossy(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut rest = bytes;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                out.push('\u{FFFD}');
                rest = &rest[good + 1..];
            }
        }
    }
    out
}

/// `encoding/json`'s quoted string (Go 1.19, `escapeHTML`): `\"`, `\\`, `\n`, `\r`,
/// `\t`, other control characters and `<`, `>`, `&` as `\u00XX`, U+2028 and U+2029
/// escaped, invalid UTF-8 as `\ufffd`.
pub(crate) fn json_string(out: &mut String, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    let mut i = 0;
    let mut start = 0;
    let flush = |out: &mut String, from: usize, to: usize| {
        if from < to {
            out.push_str(std::str::from_utf8(&bytes[from..to]).unwrap_or_default());
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b < 0x80 {
            let escape = match b {
                b'"' => Some("\\\""),
                b'\\' => Some("\\\\"),
                b'\n' => Some("\\n"),
                b'\r' => Some("\\r"),
                b'\t' => Some("\\t"),
                _ => None,
            };
            if let Some(e) = escape {
                flush(out, start, i);
                out.push_str(e);
                i += 1;
                start = i;
            } else if b < 0x20 || b == b'<' || b == b'>' || b == b'&' {
                flush(out, start, i);
                out.push_str("\\u00");
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xF)]));
                i += 1;
                start = i;
            } else {
                i += 1;
            }
            continue;
        }
        let len = utf8_len(&bytes[i..]);
        if len == 0 {
            flush(out, start, i);
            out.push_str("\\ufffd");
            i += 1;
            start = i;
            continue;
        }
        if len == 3
            && bytes[i] == 0xE2
            && bytes[i + 1] == 0x80
            && matches!(bytes[i + 2], 0xA8 | 0xA9)
        {
            flush(out, start, i);
            out.push_str(if bytes[i + 2] == 0xA8 {
                "\\u2028"
            } else {
                "\\u2029"
            });
            i += 3;
            start = i;
            continue;
        }
        i += len;
    }
    flush(out, start, i);
    out.push('"');
}

/// The length of the valid UTF-8 character at the start of `b`, 0 if invalid.
fn utf8_len(b: &[u8]) -> usize {
    let n = match b[0] {
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return 0,
    };
    if b.len() < n {
        return 0;
    }
    match std::str::from_utf8(&b[..n]) {
        Ok(_) => n,
        Err(_) => 0,
    }
}

/// A decoded key's identity in a Go `map[interface{}]interface{}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum GoKey<'a> {
    Str(Cow<'a, [u8]>),
    Int(i64),
    Uint(u64),
    /// The bits of a non-NaN float (`-0` as `0`: they are equal keys).
    Float(u64),
    /// NaN keys are never equal: each is its own.
    NaN(NodeId),
    Bool(bool),
    Null,
    /// A collection key (the decoder refuses it first).
    Other(NodeId),
}

fn go_key<'d>(doc: &'d Doc<'_>, key: NodeId) -> GoKey<'d> {
    let Some(s) = doc.scalar(key) else {
        return GoKey::Other(key);
    };
    match &s.value {
        Value::Str | Value::Number => GoKey::Str(Cow::Borrowed(s.text.as_bytes())),
        Value::Binary(b) => GoKey::Str(Cow::Borrowed(b)),
        Value::Int(i) => GoKey::Int(*i),
        Value::Uint(u) => GoKey::Uint(*u),
        Value::Float(f) if f.is_nan() => GoKey::NaN(key),
        Value::Float(f) => GoKey::Float(if *f == 0.0 { 0 } else { f.to_bits() }),
        Value::Bool(b) => GoKey::Bool(*b),
        Value::Null => GoKey::Null,
    }
}

/// What the conversion of a document found.
#[derive(Debug, Clone, Default)]
pub(crate) struct Effects {
    /// Go's answer depends on its map iteration order.
    pub random: bool,
    /// An error text quotes non-ASCII text with Go's `strconv.Quote`.
    pub quoting: bool,
}

impl Effects {
    pub fn uncertainty(&self) -> Option<super::Uncertainty> {
        if self.random {
            Some(super::Uncertainty::MapOrder)
        } else if self.quoting {
            Some(super::Uncertainty::Quoting)
        } else {
            None
        }
    }
}

/// The mapping's entries as the decoder leaves them in its Go map: merges applied,
/// one entry per distinct key, each with its last value, in the order keys first
/// appear.
pub(crate) fn entries(doc: &Doc<'_>, map: NodeId) -> Vec<(NodeId, NodeId)> {
    let Some(pairs) = doc.pairs(map) else {
        return Vec::new();
    };
    let mut out: Vec<(NodeId, NodeId)> = Vec::new();
    // One map for both sources (one instantiation): a JSON key is its text.
    let json = doc.source == Source::Json;
    let mut seen: HashMap<GoKey<'_>, usize> = HashMap::new();
    for (k, v) in pairs {
        let key = if json {
            GoKey::Str(Cow::Borrowed(
                doc.scalar(k).map_or("", |s| s.text.as_ref()).as_bytes(),
            ))
        } else {
            go_key(doc, k)
        };
        match seen.get(&key) {
            Some(&i) => out[i].1 = v,
            None => {
                seen.insert(key, out.len());
                out.push((k, v));
            }
        }
    }
    out
}

/// The JSON object of a mapping: (key string, key node, value node) sorted by key;
/// `random` set when two Go keys become one string.
/// A JSON object's entry: the key's bytes, the key node, the value node.
pub(crate) type JsonEntry<'d> = (Cow<'d, [u8]>, NodeId, NodeId);

pub(crate) fn json_entries<'d>(
    doc: &'d Doc<'_>,
    map: NodeId,
    effects: &mut Effects,
) -> Result<Vec<JsonEntry<'d>>, NodeId> {
    let mut by_key: Vec<JsonEntry<'d>> = Vec::new();
    for (k, v) in entries(doc, map) {
        // A `!!binary` key keeps its bytes: encoding/json escapes invalid UTF-8.
        let key = match doc.value(k) {
            Some(Value::Binary(b)) => Cow::Borrowed(b.as_slice()),
            _ => match doc.key_text(k) {
                Some(Cow::Borrowed(t)) => Cow::Borrowed(t.as_bytes()),
                Some(Cow::Owned(t)) => Cow::Owned(t.into_bytes()),
                None => return Err(k),
            },
        };
        by_key.push((key, k, v));
    }
    // Stable: among equal strings the later written stays last.
    crate::sort::sort_by(&mut by_key, |a, b| a.0.cmp(&b.0));
    let mut out: Vec<JsonEntry<'d>> = Vec::with_capacity(by_key.len());
    for entry in by_key {
        match out.last_mut() {
            Some(last) if last.0 == entry.0 => {
                effects.random = true;
                *last = entry;
            }
            _ => out.push(entry),
        }
    }
    Ok(out)
}

/// A stage-3 error: the node at fault and the text after `error converting YAML to
/// JSON: `.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ConvertError {
    pub at: NodeId,
    pub text: String,
    /// `json: unsupported value` (from `json.Marshal`) rather than a key.
    pub marshal: bool,
}

/// sigs.k8s.io/yaml's conversion and `json.Marshal` of a decoded YAML document:
/// the first error, if any. `capital` is v1.3.0's `Unsupported map key` (1.28).
pub(crate) fn check(doc: &Doc<'_>, capital: bool, effects: &mut Effects) -> Option<ConvertError> {
    if doc.source == Source::Json || !(doc.suspect_keys || doc.nonfinite) {
        return None;
    }
    if doc.suspect_keys
        && let Some(err) = unsupported_key(doc, capital, effects)
    {
        return Some(err);
    }
    if doc.nonfinite {
        return nonfinite(doc, effects);
    }
    None
}

/// Walks the decoded value (aliases and merges expanded) for a key that cannot
/// become a string.
fn unsupported_key(doc: &Doc<'_>, capital: bool, effects: &mut Effects) -> Option<ConvertError> {
    let mut found: Option<ConvertError> = None;
    let mut stack = vec![doc.root()];
    while let Some(id) = stack.pop() {
        let id = doc.resolve(id);
        match doc.node(id).kind {
            Kind::Mapping(_) => {
                let entries = entries(doc, id);
                for &(k, v) in entries.iter().rev() {
                    stack.push(v);
                    let Some(s) = doc.scalar(k) else { continue };
                    let (ty, key) = match s.value {
                        Value::Null => ("%!s(<nil>)", "<nil>".to_owned()),
                        Value::Uint(u) => ("uint64", format!("{u:#x}")),
                        _ => continue,
                    };
                    let mut value = String::new();
                    go_v(doc, v, &mut value, effects, 0);
                    let word = if capital {
                        "Unsupported"
                    } else {
                        "unsupported"
                    };
                    let text = format!("{word} map key of type: {ty}, key: {key}, value: {value}");
                    match &found {
                        Some(f) if f.text != text => effects.random = true,
                        Some(_) => {}
                        None => {
                            found = Some(ConvertError {
                                at: k,
                                text,
                                marshal: false,
                            });
                        }
                    }
                }
            }
            Kind::Sequence(_) => {
                if let Some(items) = doc.items(id) {
                    stack.extend(items.iter().rev());
                }
            }
            _ => {}
        }
    }
    found
}

/// `json.Marshal`'s first infinite or NaN value, in its order (sorted keys).
fn nonfinite(doc: &Doc<'_>, effects: &mut Effects) -> Option<ConvertError> {
    let mut stack = vec![doc.root()];
    while let Some(id) = stack.pop() {
        let id = doc.resolve(id);
        match doc.node(id).kind {
            Kind::Mapping(_) => {
                let Ok(entries) = json_entries(doc, id, effects) else {
                    continue;
                };
                stack.extend(entries.iter().rev().map(|e| e.2));
            }
            Kind::Sequence(_) => {
                if let Some(items) = doc.items(id) {
                    stack.extend(items.iter().rev());
                }
            }
            Kind::Scalar(_) => {
                if let Some(Value::Float(f)) = doc.value(id)
                    && !f.is_finite()
                {
                    return Some(ConvertError {
                        at: id,
                        text: format!("json: unsupported value: {}", format_g(*f, false)),
                        marshal: true,
                    });
                }
            }
            Kind::Alias(_) => {}
        }
    }
    None
}

/// The JSON of node `id` as `json.Marshal` prints the converted value; `None` if it
/// cannot be converted or encoded.
pub(crate) fn render(doc: &Doc<'_>, id: NodeId) -> Option<String> {
    let mut out = String::new();
    let mut effects = Effects::default();
    render_into(doc, id, &mut out, &mut effects).then_some(out)
}

enum Task<'d> {
    Node(NodeId),
    Str(&'static str),
    Key(Cow<'d, [u8]>),
}

/// Appends the JSON of `id` to `out`; false if it has none.
pub(crate) fn render_into(
    doc: &Doc<'_>,
    id: NodeId,
    out: &mut String,
    effects: &mut Effects,
) -> bool {
    let mut tasks = vec![Task::Node(id)];
    while let Some(task) = tasks.pop() {
        match task {
            Task::Str(s) => out.push_str(s),
            Task::Key(k) => {
                json_string(out, &k);
                out.push(':');
            }
            Task::Node(id) => {
                let id = doc.resolve(id);
                match doc.node(id).kind {
                    Kind::Mapping(_) => {
                        let Ok(entries) = json_entries(doc, id, effects) else {
                            return false;
                        };
                        out.push('{');
                        tasks.push(Task::Str("}"));
                        for (i, (key, _, v)) in entries.into_iter().enumerate().rev() {
                            tasks.push(Task::Node(v));
                            tasks.push(Task::Key(key));
                            if i > 0 {
                                tasks.push(Task::Str(","));
                            }
                        }
                    }
                    Kind::Sequence(_) => {
                        let items = doc.items(id).unwrap_or_default();
                        out.push('[');
                        tasks.push(Task::Str("]"));
                        for (i, &item) in items.iter().enumerate().rev() {
                            tasks.push(Task::Node(item));
                            if i > 0 {
                                tasks.push(Task::Str(","));
                            }
                        }
                    }
                    Kind::Scalar(_) => {
                        if !scalar_json(doc, id, out) {
                            return false;
                        }
                    }
                    Kind::Alias(_) => return false,
                }
            }
        }
    }
    true
}

/// A scalar's JSON.
fn scalar_json(doc: &Doc<'_>, id: NodeId, out: &mut String) -> bool {
    let Some(s) = doc.scalar(id) else {
        return false;
    };
    match &s.value {
        Value::Null => out.push_str("null"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Uint(u) => {
            let _ = write!(out, "{u}");
        }
        Value::Float(f) => {
            if !f.is_finite() {
                return false;
            }
            out.push_str(&json_float(*f));
        }
        Value::Number => out.push_str(&s.text),
        Value::Str => json_string(out, s.text.as_bytes()),
        Value::Binary(b) => json_string(out, b),
    }
    true
}

/// Go's `%#v` of a decoded value (for the decoder's and converter's messages):
/// `[]interface {}{…}`, `map[interface {}]interface {}{k:v, …}` with keys in
/// `fmt`'s sorted order, `"quoted"` strings, `interface {}(nil)` inside
/// collections (`<nil>` at the top).
pub(crate) fn go_v(
    doc: &Doc<'_>,
    id: NodeId,
    out: &mut String,
    effects: &mut Effects,
    depth: usize,
) {
    enum T {
        Node(NodeId, bool),
        Str(&'static str),
    }
    let mut tasks = vec![T::Node(id, depth == 0)];
    while let Some(t) = tasks.pop() {
        match t {
            T::Str(s) => out.push_str(s),
            T::Node(id, top) => {
                let id = doc.resolve(id);
                match doc.node(id).kind {
                    Kind::Sequence(_) => {
                        out.push_str("[]interface {}{");
                        tasks.push(T::Str("}"));
                        let items = doc.items(id).unwrap_or_default();
                        for (i, &item) in items.iter().enumerate().rev() {
                            tasks.push(T::Node(item, false));
                            if i > 0 {
                                tasks.push(T::Str(", "));
                            }
                        }
                    }
                    Kind::Mapping(_) => {
                        out.push_str("map[interface {}]interface {}{");
                        tasks.push(T::Str("}"));
                        let mut entries = entries(doc, id);
                        sort_go_keys(doc, &mut entries, effects);
                        for (i, &(k, v)) in entries.iter().enumerate().rev() {
                            tasks.push(T::Node(v, false));
                            tasks.push(T::Str(":"));
                            tasks.push(T::Node(k, false));
                            if i > 0 {
                                tasks.push(T::Str(", "));
                            }
                        }
                    }
                    Kind::Scalar(_) => go_v_scalar(doc, id, out, top, effects),
                    Kind::Alias(_) => {}
                }
            }
        }
    }
}

fn go_v_scalar(doc: &Doc<'_>, id: NodeId, out: &mut String, top: bool, effects: &mut Effects) {
    let Some(s) = doc.scalar(id) else { return };
    // Go escapes the characters its Unicode tables call unprintable; the project's
    // `go_quote` approximates those tables for unassigned code points.
    effects.quoting |= match &s.value {
        Value::Binary(b) => !b.is_ascii(),
        _ => !s.text.is_ascii(),
    };
    match &s.value {
        Value::Null => out.push_str(if top { "<nil>" } else { "interface {}(nil)" }),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Int(i) => {
            let _ = write!(out, "{i}");
        }
        Value::Uint(u) => {
            let _ = write!(out, "{u:#x}");
        }
        Value::Float(f) => out.push_str(&format_g(*f, false)),
        Value::Str | Value::Number => out.push_str(&crate::reference::go_quote(&s.text)),
        Value::Binary(b) => out.push_str(&crate::reference::go_quote(&go_lossy(b))),
    }
}

/// `fmt`'s order of map keys (internal/fmtsort): nil first, then by type (an
/// order of type descriptors in memory: unknowable, so `random` when types mix),
/// then by value.
fn sort_go_keys(doc: &Doc<'_>, entries: &mut [(NodeId, NodeId)], effects: &mut Effects) {
    let rank = |k: NodeId| -> u8 {
        match doc.value(k) {
            Some(Value::Null) => 0,
            Some(Value::Bool(_)) => 1,
            Some(Value::Int(_)) => 2,
            Some(Value::Uint(_)) => 3,
            Some(Value::Float(_)) => 4,
            Some(Value::Str | Value::Number | Value::Binary(_)) => 5,
            None => 6,
        }
    };
    // The set of non-nil kinds, one bit each.
    let kinds = entries
        .iter()
        .map(|e| rank(e.0))
        .filter(|&r| r != 0)
        .fold(0u8, |set, r| set | 1 << r);
    if kinds.count_ones() > 1 {
        effects.random = true;
    }
    crate::sort::sort_slice_by(entries, |a, b| {
        let (ra, rb) = (rank(a.0), rank(b.0));
        ra.cmp(&rb)
            .then_with(|| match (doc.value(a.0), doc.value(b.0)) {
                (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
                (Some(Value::Int(x)), Some(Value::Int(y))) => x.cmp(y),
                (Some(Value::Uint(x)), Some(Value::Uint(y))) => x.cmp(y),
                (Some(Value::Float(x)), Some(Value::Float(y))) => {
                    // NaN first, as fmtsort's floatCompare.
                    match (x.is_nan(), y.is_nan()) {
                        (true, true) => std::cmp::Ordering::Equal,
                        (true, false) => std::cmp::Ordering::Less,
                        (false, true) => std::cmp::Ordering::Greater,
                        _ => x.partial_cmp(y).unwrap_or(std::cmp::Ordering::Equal),
                    }
                }
                _ => {
                    let ka = key_bytes(doc, a.0);
                    let kb = key_bytes(doc, b.0);
                    ka.cmp(kb)
                }
            })
    });
}

fn key_bytes<'d>(doc: &'d Doc<'_>, k: NodeId) -> &'d [u8] {
    match doc.scalar(k) {
        Some(s) => match &s.value {
            Value::Binary(b) => b,
            _ => s.text.as_bytes(),
        },
        None => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_float_forms() {
        assert_eq!(json_float(1.0), "1");
        assert_eq!(json_float(1e20), "100000000000000000000");
        assert_eq!(json_float(1e21), "1e+21");
        assert_eq!(json_float(1.5e-7), "1.5e-7");
        assert_eq!(json_float(0.000001), "0.000001");
        assert_eq!(json_float(-0.0), "-0");
        assert_eq!(float_key(1.0), "1");
        assert_eq!(float_key(0.1), "0.1");
        assert_eq!(float_key(123456789.0), "1.2345679e+08");
        assert_eq!(float_key(1e6), "1e+06");
        assert_eq!(float_key(0.00001), "1e-05");
        assert_eq!(float_key(1e39), ".inf");
        assert_eq!(format_g(f64::INFINITY, false), "+Inf");
    }

    #[test]
    fn go_json_strings() {
        let mut s = String::new();
        json_string(&mut s, "<a&b>\u{2028}\"\\\n\u{1}é".as_bytes());
        assert_eq!(s, "\"\\u003ca\\u0026b\\u003e\\u2028\\\"\\\\\\n\\u0001é\"");
        let mut s = String::new();
        json_string(&mut s, b"a\xffb");
        assert_eq!(s, "\"a\\ufffdb\"");
    }
}
