//! The Go types the API server decodes a manifest into, and the type errors Go's
//! `encoding/json` (as forked in `sigs.k8s.io/json`) reports for values of the wrong
//! JSON kind (reading spec §5).
//!
//! The table (`gotypes/generated.rs`, from `scripts/gen_gotypes.py`) lists every struct
//! reachable from the analysed kinds, each field with its Go type as `reflect` prints it
//! (pointers stripped: the decoder follows them before it checks a value) and the
//! Kubernetes minors in which the field exists (a field the release does not have is
//! an unknown field to the decoder, never a type error).
//!
//! What the decoder does, read in `sigs.k8s.io/json`'s `internal/golang/encoding/json/
//! decode.go` (commit cfa47c3): it reads the JSON kubectl sends, whose keys are sorted,
//! depth first; a value of the wrong kind is skipped (nothing inside it is looked at)
//! and the **first** such error is kept (`saveError`) while decoding goes on. The error
//! names the struct whose field is being decoded (`errorContext.Struct`) and the JSON
//! names of the fields on the way down, without list indices or map keys
//! (`errorContext.FieldStack`): `json: cannot unmarshal string into Go struct field
//! DeploymentSpec.spec.replicas of type int32`. An item of a list or a value of a map
//! keeps the context of the field that holds it and names its own type. A number that
//! an integer field cannot hold (a fraction, an overflow) is `number <text>`
//! (`literalStore`). `null` decodes into anything.
//!
//! With strict field validation (`kubectl apply`'s default) the decoder also lists every
//! key its struct has no field for, in the same order, by a path of its own
//! (`strictFieldStack`: map keys included, list indices in brackets:
//! `unknown field "spec.containers[0].ports[0].containerport"`); the list is reported
//! only when there is no type error (`unmarshal`: `savedError` first).
//!
//! Types with their own `UnmarshalJSON` are given the value's JSON text (`literalStore`,
//! `object`, `array`: `u.UnmarshalJSON(…)`), and an error they return **ends** the
//! decoding at once, ahead of any type error saved before (`unmarshal`). On its way out
//! `addErrorContext` names the struct and the field path in an `UnmarshalTypeError`
//! (the fork's type is an alias of the standard library's: `kubernetes_patch.go`), and
//! leaves any other error as it is. Two are modelled (apimachinery eed236ce):
//! [`Ty::IntOrString`] (`intstr.go`: a string is read as a string, anything else with
//! the standard library's `json.Unmarshal` into an `int32`, so `json: cannot unmarshal
//! bool into Go struct field HTTPGetAction.….port of type int32`; the Go oracle found
//! the field named) and [`Ty::Quantity`] (`crate::quantity`: its errors are plain).
//! The others (`Time`, `FieldsV1`) are [`Ty::Opaque`]: not looked into (their own
//! errors are not modelled).
//!
//! kubectl itself reads or rewrites three fields of the object's own metadata before it
//! sends it (the name it needs; `kubectl apply`'s `GetModifiedConfiguration` with
//! `Unstructured.GetAnnotations`, which returns nothing when a value is not a string;
//! the namespace visitor), so the walk leaves the top-level `metadata.name`,
//! `metadata.namespace` and `metadata.annotations` to the checks that model kubectl.

// Generated data, kept exactly as scripts/gen_gotypes.py writes it (`--check` compares bytes).
#[rustfmt::skip]
mod generated;

use crate::read::{Doc, NodeId, Value};
use crate::versions::KubeVersion;
use std::fmt::Write as _;

/// The table, read from the generated texts once.
struct Table {
    types: Vec<Ty>,
    structs: Vec<Struct>,
}

/// A Go struct the decoder fills.
struct Struct {
    /// As `reflect` prints the type: `v1.Container`.
    go: &'static str,
    /// The type's own name, which errors name the struct by: `Container`.
    name: &'static str,
    /// Its fields (embedded structs' fields included), sorted by JSON name.
    fields: Vec<Field>,
}

/// A field of a [`Struct`].
struct Field {
    /// The JSON name (the `json` tag).
    json: &'static str,
    /// An index into the types.
    ty: u16,
    /// The first and the last Kubernetes minor in which the field exists.
    minors: (u8, u8),
}

/// A Go type, as the decoder checks a value against it; the `&str` is the type as
/// `reflect` prints it (`int32`, `v1.PullPolicy`, `[]v1.Container`, `v1.ResourceList`),
/// the `u16` an index into the structs ([`Ty::Struct`]) or the types (an element).
#[derive(Debug, Clone, Copy)]
enum Ty {
    Str(&'static str),
    /// A signed integer of so many bits.
    Int(&'static str, u8),
    Bool(&'static str),
    Struct(u16),
    Slice(&'static str, u16),
    Map(&'static str, u16),
    /// `resource.Quantity`.
    Quantity,
    /// `intstr.IntOrString`.
    IntOrString,
    /// Another type with its own `UnmarshalJSON`, or a struct the table does not follow.
    Opaque,
}

impl Table {
    fn get() -> &'static Table {
        static TABLE: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
        TABLE.get_or_init(|| Table::parse(generated::TYPES, generated::STRUCTS))
    }

    /// Reads the generator's texts (`scripts/gen_gotypes.py`): a type per line
    /// (`s<printed>`, `i<printed> <bits>`, `b<printed>`, `t<struct>`, `l<printed>
    /// <elem>`, `m<printed> <elem>`, `q` a quantity, `x` an int-or-string, `o`), a
    /// struct per line (`<go>|<json>:<type>[:<first minor><last minor>];…`, minors
    /// 28..37 when omitted). A malformed line (the tests
    /// check there is none) reads as an opaque type or a struct without fields.
    fn parse(types: &'static str, structs: &'static str) -> Table {
        let number = |s: &str| s.parse::<u16>().unwrap_or(u16::MAX);
        let printed_and = |rest: &'static str| {
            let (printed, n) = rest.rsplit_once(' ').unwrap_or((rest, ""));
            (printed, number(n))
        };
        let types = types
            .lines()
            .map(|line| {
                let rest = line.get(1..).unwrap_or_default();
                match line.as_bytes().first() {
                    Some(b's') => Ty::Str(rest),
                    Some(b'b') => Ty::Bool(rest),
                    Some(b'i') => {
                        let (printed, bits) = printed_and(rest);
                        Ty::Int(printed, u8::try_from(bits).unwrap_or(64))
                    }
                    Some(b't') => Ty::Struct(number(rest)),
                    Some(b'l') => {
                        let (printed, elem) = printed_and(rest);
                        Ty::Slice(printed, elem)
                    }
                    Some(b'm') => {
                        let (printed, elem) = printed_and(rest);
                        Ty::Map(printed, elem)
                    }
                    Some(b'q') => Ty::Quantity,
                    Some(b'x') => Ty::IntOrString,
                    _ => Ty::Opaque,
                }
            })
            .collect();
        let structs = structs
            .lines()
            .map(|line| {
                let (go, fields) = line.split_once('|').unwrap_or((line, ""));
                let fields = fields
                    .split(';')
                    .filter(|f| !f.is_empty())
                    .map(|cell| {
                        let mut parts = cell.split(':');
                        let json = parts.next().unwrap_or_default();
                        let ty = number(parts.next().unwrap_or_default());
                        let minors = parts.next().map_or((MIN, MAX), |m| {
                            let at = |r: std::ops::Range<usize>| {
                                m.get(r).and_then(|d| d.parse().ok()).unwrap_or(0)
                            };
                            (at(0..2), at(2..4))
                        });
                        Field { json, ty, minors }
                    })
                    .collect();
                let name = go.rsplit_once('.').map_or(go, |(_, n)| n);
                Struct { go, name, fields }
            })
            .collect();
        Table { types, structs }
    }

    fn ty(&self, i: u16) -> Ty {
        self.types
            .get(usize::from(i))
            .copied()
            .unwrap_or(Ty::Opaque)
    }
}

/// The minors a field without its own range exists in (the table's whole range).
const MIN: u8 = crate::fields::MIN_MINOR;
const MAX: u8 = crate::fields::MAX_MINOR;

/// Who refuses a value: the JSON decoder itself, or a type's own `UnmarshalJSON`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Decoder {
    /// The decoder's `UnmarshalTypeError`: saved, and decoding goes on.
    Json,
    /// `IntOrString.UnmarshalJSON`: decoding ends.
    IntOrString,
    /// `Quantity.UnmarshalJSON`: decoding ends.
    Quantity,
}

/// One value of the wrong type, or one a type's own decoder refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TypeError {
    /// `json: cannot unmarshal …`, or the type's own error.
    pub message: String,
    /// Who refuses it.
    pub by: Decoder,
    /// What the decoder found: `string`, `number`, `number 1.5`, `bool`, `object`, `array`.
    pub found: String,
    /// The Go type it needed, as `reflect` prints it.
    pub go_type: &'static str,
    /// The value, as written (an alias, not its anchor's node).
    pub value: NodeId,
    /// The key of the field or map entry that holds it (`None` for a list item).
    pub key: Option<NodeId>,
}

/// The struct a top-level kind decodes into.
fn root(api_version: &str, kind: &str) -> Option<u16> {
    generated::KINDS
        .iter()
        .find(|(v, k, _)| *v == api_version && *k == kind)
        .map(|&(_, _, i)| i)
}

/// A key the decoder's struct has no field for (in this release): what `kubectl
/// apply`'s strict field validation reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Unknown {
    /// `unknown field "spec.containers[0].ports[0].containerport"`.
    pub message: String,
    /// The key.
    pub key: NodeId,
}

/// What the API server's decoder finds in an object.
#[derive(Debug, Default)]
pub(crate) struct Decoding {
    /// Every value of the wrong type, in the order the decoder meets them ([`Decoding::
    /// answer`] says which one it answers with). Values after one that ends the decoding
    /// are still listed: the decoder would refuse them once that one is right.
    pub errors: Vec<TypeError>,
    /// Every unknown key, in the same order (outside values of the wrong type, which
    /// the decoder skips): reported only when there is no type error.
    pub unknown: Vec<Unknown>,
}

impl Decoding {
    /// The error the decoder answers with: the first that ends the decoding, or else the
    /// first saved.
    pub(crate) fn answer(&self) -> Option<&TypeError> {
        self.errors
            .iter()
            .find(|e| e.by != Decoder::Json)
            .or(self.errors.first())
    }
}

/// The object `node` (a mapping) of `kind`, decoded; nothing for a kind outside the
/// table.
pub(crate) fn decode(
    doc: &Doc<'_>,
    node: NodeId,
    api_version: &str,
    kind: &str,
    version: KubeVersion,
) -> Decoding {
    let Some(root) = root(api_version, kind) else {
        return Decoding::default();
    };
    let mut walk = Walk {
        table: Table::get(),
        doc,
        minor: version.minor(),
        path: Vec::new(),
        strict: String::new(),
        found: Decoding::default(),
    };
    // Most objects decode: a first pass in the written order, without building the
    // JSON's sorted entries, finds that out; only an object it doubts (a wrong kind or
    // an unknown key somewhere, or a key written twice whose last value may be right)
    // is walked as the decoder walks it.
    if walk.fits_object(node, root, Level::Object) {
        return Decoding::default();
    }
    walk.object(node, root, Level::Object);
    walk.found
}

/// For the Go oracle's comparison (`tests/oracle`), at the newest Kubernetes: for a
/// document of a typed kind, the decoder's first type error (`""` when none) and its
/// strict error's list of unknown fields (`""` when none, or after a type error);
/// `None` for other documents.
pub(crate) fn oracle_decoding(doc: &Doc<'_>) -> Option<(String, String)> {
    use crate::decode::{Decoded, string_field};
    let root = doc.root();
    doc.pairs(root)?;
    let (Decoded::Str(api_version), _) = string_field(doc, root, "apiVersion") else {
        return None;
    };
    let (Decoded::Str(kind), _) = string_field(doc, root, "kind") else {
        return None;
    };
    self::root(api_version, kind)?;
    let found = decode(doc, root, api_version, kind, KubeVersion::NEWEST);
    Some(match found.answer() {
        Some(e) => (e.message.clone(), String::new()),
        None => {
            let unknown: Vec<String> = found.unknown.into_iter().map(|u| u.message).collect();
            (String::new(), unknown.join(", "))
        }
    })
}

/// Which mapping a walk reads: the object itself, the object's own metadata (whose
/// name, namespace and annotations are kubectl's: see the module's note), another.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Object,
    Metadata,
    Inner,
}

struct Walk<'d, 't> {
    table: &'static Table,
    doc: &'d Doc<'t>,
    minor: u8,
    /// The JSON names of the fields on the way down (Go's `errorContext.FieldStack`).
    path: Vec<&'static str>,
    /// The strict decoder's path: field names and map keys after dots, list indices in
    /// brackets (`strictFieldStack`).
    strict: String,
    found: Decoding,
}

impl Walk<'_, '_> {
    /// The fields of a mapping decoded into struct `s`, in the JSON's (sorted) order.
    fn object(&mut self, map: NodeId, s: u16, level: Level) {
        let Some(strukt) = self.table.structs.get(usize::from(s)) else {
            return;
        };
        let Some(entries) = crate::read::json_object(self.doc, map) else {
            return;
        };
        for (key, k, v) in entries {
            let key = String::from_utf8_lossy(&key);
            let mark = self.strict.len();
            if mark > 0 {
                self.strict.push('.');
            }
            self.strict.push_str(&key);
            match self.field(strukt, &key) {
                None => self.found.unknown.push(Unknown {
                    message: crate::messages::unknown_field(&self.strict),
                    key: k,
                }),
                Some(field) => {
                    let ty = self.table.ty(field.ty);
                    self.path.push(field.json);
                    match (level, field.json, ty) {
                        (Level::Object, "metadata", Ty::Struct(meta))
                            if self.doc.pairs(self.doc.resolve(v)).is_some() =>
                        {
                            self.object(self.doc.resolve(v), meta, Level::Metadata);
                        }
                        (Level::Metadata, "name" | "namespace" | "annotations", _) => {}
                        _ => self.value(v, ty, strukt.name, Some(k)),
                    }
                    self.path.pop();
                }
            }
            self.strict.truncate(mark);
        }
    }

    /// True when no value of mapping `map`, decoded into struct `s`, has the wrong
    /// kind and no key is unknown (every written pair looked at; `level` as for
    /// [`Walk::object`]).
    fn fits_object(&self, map: NodeId, s: u16, level: Level) -> bool {
        let (Some(strukt), Some(pairs)) =
            (self.table.structs.get(usize::from(s)), self.doc.pairs(map))
        else {
            return true;
        };
        for (k, v) in pairs {
            let Some(key) = self.doc.key_text(k) else {
                continue;
            };
            let Some(field) = self.field(strukt, &key) else {
                return false; // an unknown key
            };
            let ty = self.table.ty(field.ty);
            let fits = match (level, field.json, ty) {
                (Level::Object, "metadata", Ty::Struct(meta))
                    if self.doc.pairs(self.doc.resolve(v)).is_some() =>
                {
                    self.fits_object(self.doc.resolve(v), meta, Level::Metadata)
                }
                (Level::Metadata, "name" | "namespace" | "annotations", _) => true,
                _ => self.fits(v, ty),
            };
            if !fits {
                return false;
            }
        }
        true
    }

    /// [`Walk::value`]'s test, without the error.
    fn fits(&self, id: NodeId, ty: Ty) -> bool {
        let doc = self.doc;
        let id = doc.resolve(id);
        let Some(kind) = crate::decode::json_kind(doc, id) else {
            return true;
        };
        match ty {
            Ty::Opaque => true,
            Ty::Quantity => quantity_error(doc, id, kind).is_none(),
            Ty::IntOrString => {
                kind == "string" || (kind == "number" && int_fits(&number_text(doc, id), 32))
            }
            Ty::Str(_) => kind == "string",
            Ty::Bool(_) => kind == "bool",
            Ty::Int(_, bits) => {
                kind == "number"
                    && match doc.scalar(id).map(|s| &s.value) {
                        // A YAML integer is sent as its decimal text.
                        Some(Value::Int(n)) => bits >= 64 || matches!(n >> (bits - 1), -1 | 0),
                        _ => int_fits(&number_text(doc, id), bits),
                    }
            }
            Ty::Struct(s) => kind == "object" && self.fits_object(id, s, Level::Inner),
            Ty::Slice(_, elem) => {
                let elem = self.table.ty(elem);
                kind == "array"
                    && doc
                        .items(id)
                        .unwrap_or_default()
                        .iter()
                        .all(|&i| self.fits(i, elem))
            }
            Ty::Map(_, value) => {
                let value = self.table.ty(value);
                kind == "object"
                    && doc
                        .pairs(id)
                        .is_none_or(|mut pairs| pairs.all(|(_, v)| self.fits(v, value)))
            }
        }
    }

    fn field(&self, strukt: &'static Struct, key: &str) -> Option<&'static Field> {
        let start = strukt.fields.partition_point(|f| f.json < key);
        strukt.fields[start..]
            .iter()
            .take_while(|f| f.json == key)
            .find(|f| f.minors.0 <= self.minor && self.minor <= f.minors.1)
    }

    /// One value decoded into `ty`, inside a field of the struct named `holder`.
    fn value(&mut self, id: NodeId, ty: Ty, holder: &'static str, key: Option<NodeId>) {
        let doc = self.doc;
        let written = id;
        let id = doc.resolve(id);
        let Some(kind) = crate::decode::json_kind(doc, id) else {
            return; // null
        };
        let wrong = |walk: &mut Self, what: String, printed: &'static str| {
            walk.found.errors.push(TypeError {
                message: crate::messages::unmarshal_type_error(
                    &what,
                    holder,
                    &walk.path.join("."),
                    printed,
                ),
                by: Decoder::Json,
                found: what,
                go_type: printed,
                value: written,
                key,
            });
        };
        match ty {
            Ty::Opaque => {}
            Ty::Quantity => {
                if let Some(e) = quantity_error(doc, id, kind) {
                    self.found.errors.push(TypeError {
                        message: e.message().to_owned(),
                        by: Decoder::Quantity,
                        found: kind.to_owned(),
                        go_type: "resource.Quantity",
                        value: written,
                        key,
                    });
                }
            }
            Ty::IntOrString if kind == "string" => {}
            Ty::IntOrString => {
                let what = match kind {
                    "number" => Some(number_text(doc, id))
                        .filter(|text| !int_fits(text, 32))
                        .map(|text| format!("number {text}")),
                    _ => Some(kind.to_owned()),
                };
                if let Some(what) = what {
                    self.found.errors.push(TypeError {
                        message: crate::messages::unmarshal_type_error(
                            &what,
                            holder,
                            &self.path.join("."),
                            "int32",
                        ),
                        by: Decoder::IntOrString,
                        found: what,
                        go_type: "intstr.IntOrString",
                        value: written,
                        key,
                    });
                }
            }
            Ty::Str(printed) if kind != "string" => wrong(self, kind.to_owned(), printed),
            Ty::Bool(printed) if kind != "bool" => wrong(self, kind.to_owned(), printed),
            Ty::Str(_) | Ty::Bool(_) => {}
            Ty::Int(printed, _) if kind != "number" => wrong(self, kind.to_owned(), printed),
            Ty::Int(printed, bits) => {
                let text = number_text(doc, id);
                if !int_fits(&text, bits) {
                    wrong(self, format!("number {text}"), printed);
                }
            }
            Ty::Struct(s) if kind == "object" => self.object(id, s, Level::Inner),
            Ty::Struct(s) => {
                let go = self.table.structs.get(usize::from(s)).map_or("", |s| s.go);
                wrong(self, kind.to_owned(), go);
            }
            Ty::Slice(_, elem) if kind == "array" => {
                let elem = self.table.ty(elem);
                let mark = self.strict.len();
                for (i, &item) in doc.items(id).unwrap_or_default().iter().enumerate() {
                    let _ = write!(self.strict, "[{i}]");
                    self.value(item, elem, holder, None);
                    self.strict.truncate(mark);
                }
            }
            Ty::Map(_, value) if kind == "object" => {
                let value = self.table.ty(value);
                let mark = self.strict.len();
                if let Some(entries) = crate::read::json_object(doc, id) {
                    for (key, k, v) in entries {
                        self.strict.push('.');
                        self.strict.push_str(&String::from_utf8_lossy(&key));
                        self.value(v, value, holder, Some(k));
                        self.strict.truncate(mark);
                    }
                }
            }
            Ty::Slice(printed, _) | Ty::Map(printed, _) => wrong(self, kind.to_owned(), printed),
        }
    }
}

/// What `Quantity.UnmarshalJSON` answers for the value `id` of JSON kind `kind` (not
/// null): a string's own characters decide (see [`crate::quantity::string_error`]); a
/// number is given as kubectl writes it; a boolean, an object or a list cannot start a
/// quantity.
fn quantity_error(doc: &Doc<'_>, id: NodeId, kind: &str) -> Option<crate::quantity::QuantityError> {
    match kind {
        "string" => crate::quantity::string_error(&doc.key_text(id).unwrap_or_default()),
        "number" => crate::quantity::parse_error(&number_text(doc, id)),
        "bool" => crate::quantity::parse_error(doc.key_text(id).as_deref().unwrap_or("false")),
        // `{…` and `[…`: the scanner stops at the first character.
        _ => Some(crate::quantity::QuantityError::FormatWrong),
    }
}

/// A number's JSON text, as kubectl sends it.
fn number_text(doc: &Doc<'_>, id: NodeId) -> String {
    match doc.scalar(id) {
        Some(s) if matches!(s.value, Value::Number) => s.text.to_string(),
        _ => doc.json(id).unwrap_or_default(),
    }
}

/// `strconv.ParseInt(text, 10, 64)` succeeds and the value fits `bits`.
fn int_fits(text: &str, bits: u8) -> bool {
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    text.parse::<i64>().is_ok_and(|n| {
        let bits = u32::from(bits.clamp(1, 64));
        bits == 64 || (-(1i64 << (bits - 1)) <= n && n < (1i64 << (bits - 1)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The generated texts read whole: every line is a type or a struct, every index
    /// points into the table, fields are sorted (the lookup searches), minors in range.
    #[test]
    fn the_table_reads_whole() {
        let t = Table::get();
        assert_eq!(t.types.len(), generated::TYPES.lines().count());
        assert_eq!(t.structs.len(), generated::STRUCTS.lines().count());
        assert!(t.structs.len() > 150 && t.types.len() > 200);
        let struct_ok = |i: u16| usize::from(i) < t.structs.len();
        for (line, ty) in generated::TYPES.lines().zip(&t.types) {
            match *ty {
                Ty::Opaque => assert_eq!(line, "o"),
                Ty::Quantity => assert_eq!(line, "q"),
                Ty::IntOrString => assert_eq!(line, "x"),
                Ty::Struct(i) => assert!(struct_ok(i), "{line}"),
                Ty::Slice(p, e) | Ty::Map(p, e) => {
                    assert!(usize::from(e) < t.types.len() && !p.is_empty(), "{line}");
                }
                Ty::Int(p, bits) => {
                    assert!(!p.is_empty() && [8, 16, 32, 64].contains(&bits), "{line}")
                }
                Ty::Str(p) | Ty::Bool(p) => assert!(!p.is_empty(), "{line}"),
            }
        }
        let mut fields = 0;
        for s in &t.structs {
            assert!(
                s.go.starts_with("v1.") || s.go.starts_with("v1alpha3."),
                "{}",
                s.go
            );
            assert!(
                s.fields.windows(2).all(|w| w[0].json < w[1].json),
                "{}",
                s.go
            );
            for f in &s.fields {
                assert!(usize::from(f.ty) < t.types.len(), "{}.{}", s.go, f.json);
                assert!(
                    MIN <= f.minors.0 && f.minors.0 <= f.minors.1 && f.minors.1 <= MAX,
                    "{}.{}",
                    s.go,
                    f.json
                );
                fields += 1;
            }
        }
        assert!(fields > 800);
        for (v, k, i) in generated::KINDS {
            assert_eq!(t.structs[usize::from(*i)].name, *k, "{v} {k}");
        }
    }

    #[test]
    fn integers_as_strconv_reads_them() {
        assert!(int_fits("3", 32));
        assert!(int_fits("-2147483648", 32));
        assert!(!int_fits("2147483648", 32));
        assert!(!int_fits("1.5", 32));
        assert!(!int_fits("1e+21", 64));
        assert!(int_fits("9223372036854775807", 64));
        assert!(!int_fits("9223372036854775808", 64));
        assert!(int_fits("-0", 32));
    }
}
