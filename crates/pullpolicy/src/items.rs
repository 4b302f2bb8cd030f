//! The items of a large `kind: List` JSON document, found without building its tree, so
//! that a caller can explain each item as a text of its own (the CLI's bounded-memory
//! path for `kubectl get pods -A -o json` dumps).
//!
//! ```
//! let text = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {\"apiVersion\": \"v1\", \"kind\": \"Pod\"},\n    {\"apiVersion\": \"v1\", \"kind\": \"Service\"}\n  ]\n}\n";
//! let items = pullpolicy::items::json_list(text).unwrap_or_default();
//! assert_eq!(items.len(), 2);
//! assert_eq!(&text[items[1].range.clone()], "{\"apiVersion\": \"v1\", \"kind\": \"Service\"}");
//! assert_eq!((items[1].item, items[1].line, items[1].column), (1, 6, 5));
//! ```
//!
//! # Why an item explained alone is explained as in the whole document
//!
//! [`crate::explain`] reads a document whose root is a mapping with a scalar `kind`
//! equal to `List` or ending in `List`, and a sequence `items`, as one object per item
//! that is a mapping, each read by itself (`explain::read_document`; items that are not
//! mappings yield nothing), and the node simulation looks at one object at a time. The
//! text of a JSON object is read the same way at the root of a document as inside a
//! flow collection (JSON is YAML 1.2 flow syntax; flow content ignores indentation).
//! What differs is only where it is: the caller adds the item's line, column and UTF-16
//! offset to every position (a column only on the item's first line), the document
//! index (0) and the item index.
//!
//! [`json_list`] accepts only what it can prove reads alike: one strict RFC 8259 JSON
//! object and nothing but whitespace around it, and refuses (returns `None`: explain the
//! text whole) anything at the edge of where YAML and JSON part ways or where reading
//! one item alone could differ: a byte order mark; tabs; keys not directly followed by
//! `:` on their line or longer than 1,000 bytes (YAML's implicit keys end at 1,024
//! characters); `\u` escapes of surrogates; characters YAML does not print (C0 and C1
//! controls, `U+2028`, `U+2029`, `U+FEFF`, `U+FFFE`, `U+FFFF`); nesting deeper than
//! 100 levels (the reader's limits are 128 and 256); numbers with an exponent or longer than 24 characters;
//! a `kind` or `items` key written
//! twice, or any root key with an escape (it could spell either); a List that is not
//! `apiVersion: v1`, `kind: List` in plain strings (what `kubectl get -o json` writes);
//! an item that is not an object, or has a key `items` or a key with an escape at its
//! own root (alone, an item that is itself a List would be flattened), or lacks a plain
//! `apiVersion` (a group version) or `kind` (letters and digits), or has either twice.
//! With every item an object with its own `apiVersion` and `kind`, kubectl's checks of
//! the List as a whole (`schemaValidation.validateList`, `decodeToList`, the mapping of
//! `v1 List`, `FlattenListVisitor`) pass, and an item takes nothing from the List.

use crate::source::{At, saturate};
use crate::{Document, Position};
use std::ops::Range;

/// One object in `items`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListItem {
    /// Its text: `{` to `}` (JSON); a YAML item's lines, from its `- ` to the next line
    /// at column 0.
    pub range: Range<usize>,
    /// A YAML item: its text starts with `- `, which [`ListItem::text`] writes as two
    /// spaces.
    pub dash: bool,
    /// Its 0-based index in `items` (items that are not objects count too).
    pub item: usize,
    /// The 1-based line of its `{`.
    pub line: u32,
    /// The 1-based column of its `{`, in characters.
    pub column: u32,
    /// The UTF-16 offset of its `{` from the start of the text.
    pub offset16: u32,
}

/// The deepest nesting accepted (the List's root is level 1).
const MAX_DEPTH: usize = 100;
/// The longest key accepted, from its opening quote to its `:`, in bytes.
const MAX_KEY: usize = 1000;
/// The longest number accepted, and none with an exponent: far from where readers part
/// ways on range and precision (Go's `encoding/json` refuses `1e400`).
const MAX_NUMBER: usize = 24;

/// The object items of `text` when it is one JSON object of a `*List` kind with an
/// `items` array that can be explained item by item (see the module's documentation);
/// `None` otherwise.
pub fn json_list(text: &str) -> Option<Vec<ListItem>> {
    Some(locate(text, json_items(text)?))
}

/// [`json_list`]'s items without their positions (`line`, `column` and `offset16` are
/// 0): for callers that only read the items' texts, which need not count the text.
pub fn json_list_unplaced(text: &str) -> Option<Vec<ListItem>> {
    let items = json_items(text)?;
    Some(
        items
            .into_iter()
            .map(|(range, item)| item_at(range, item, 0, 0, 0))
            .collect(),
    )
}

/// The values of `text` when it is a stream of two or more JSON objects with nothing but
/// spaces and line breaks around them (what `jq -c '.items[]'` writes, one object per
/// line; or `jq '.items[]'`, indented), each accepted as [`json_list`] accepts an item; without positions, as
/// [`json_list_unplaced`]. `None` otherwise. Each object is read alone as in the whole
/// stream: kubectl's JSON stream decoder reads one value after another (a stream whose
/// values all read has no error for the 1.33 fallback to YAML to see), and each value's
/// text is read the same wherever it stands.
pub fn json_stream_unplaced(text: &str) -> Option<Vec<ListItem>> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
    };
    let mut out = Vec::new();
    p.ws();
    while p.i < p.b.len() {
        let start = p.i;
        if p.peek() != Some(b'{') {
            return None;
        }
        // At a List item's depth: never deeper than `json_list` accepts.
        p.object(3, true)?;
        out.push(item_at(start..p.i, out.len(), 0, 0, 0));
        p.ws();
    }
    (out.len() >= 2).then_some(out)
}

/// The documents of `text` when it is a YAML stream of two or more of kubectl's chunks
/// ([`crate::pieces::chunks`]), each as an item without a position, as
/// [`json_stream_unplaced`]; `None` for one chunk. Nothing is read: the caller reads each
/// chunk as kubectl would read it alone.
pub fn yaml_stream_unplaced(text: &str) -> Option<Vec<ListItem>> {
    let chunks = crate::pieces::chunks(text);
    (chunks.len() >= 2).then(|| {
        chunks
            .into_iter()
            .enumerate()
            .map(|(item, range)| item_at(range, item, 0, 0, 0))
            .collect()
    })
}

/// The items of [`json_list`], each its byte range and index in `items`.
fn json_items(text: &str) -> Option<Vec<(Range<usize>, usize)>> {
    let mut p = Parser {
        b: text.as_bytes(),
        i: 0,
    };
    p.ws();
    p.eat(b'{')?;
    let mut kind: Option<Range<usize>> = None;
    let mut api_version: Option<Range<usize>> = None;
    let mut items: Option<Vec<(Range<usize>, usize)>> = None;
    p.ws();
    if p.peek() != Some(b'}') {
        loop {
            let key = p.key()?;
            if key.escaped {
                return None;
            }
            match &p.b[key.text.clone()] {
                b"kind" | b"apiVersion" => {
                    let value = p.string()?;
                    let slot = if &p.b[key.text] == b"kind" {
                        &mut kind
                    } else {
                        &mut api_version
                    };
                    if slot.is_some() || value.escaped {
                        return None;
                    }
                    *slot = Some(value.text);
                }
                b"items" => {
                    if items.is_some() {
                        return None;
                    }
                    items = Some(p.items()?);
                }
                _ => p.value(1)?,
            }
            p.ws();
            match p.next()? {
                b',' => p.ws(),
                b'}' => break,
                _ => return None,
            }
        }
    } else {
        p.i += 1;
    }
    p.ws();
    if p.i != p.b.len() {
        return None;
    }
    if (&text[kind?], &text[api_version?]) != ("List", "v1") {
        return None;
    }
    items
}

/// Adds each item's line, column and UTF-16 offset, counting the text once in order
/// (line breaks: `\n`, `\r\n` and a lone `\r`, as the core's `SourceMap` counts them).
fn locate(text: &str, items: Vec<(Range<usize>, usize)>) -> Vec<ListItem> {
    let mut at = At::START;
    let mut out = Vec::with_capacity(items.len());
    for (range, item) in items {
        at = at.walk(text, range.start);
        out.push(item_at(range, item, at.line, at.column(), at.offset16()));
    }
    out
}

fn item_at(
    range: Range<usize>,
    item: usize,
    line: usize,
    column: usize,
    offset16: usize,
) -> ListItem {
    ListItem {
        range,
        dash: false,
        item,
        line: saturate(line),
        column: saturate(column),
        offset16: saturate(offset16),
    }
}

impl ListItem {
    /// The text to explain alone: the item's text (a YAML item's `- ` as two spaces).
    pub fn text<'t>(&self, text: &'t str) -> std::borrow::Cow<'t, str> {
        let t = &text[self.range.clone()];
        match t.strip_prefix("- ").filter(|_| self.dash) {
            Some(rest) => std::borrow::Cow::Owned(format!("  {rest}")),
            None => std::borrow::Cow::Borrowed(t),
        }
    }
}

/// The deepest indentation [`yaml_list`] accepts (block nesting stays far below the
/// reader's limits).
const MAX_INDENT: usize = 60;

/// The object items of `text` when it is one YAML `kind: List` as `kubectl get -o yaml`
/// writes it, and each item can be explained alone (see below); `None` otherwise.
///
/// # Why a YAML item explained alone is explained as in the whole document
///
/// The text must be, line by line: at column 0 only `apiVersion: v1`, `kind: List`,
/// `items:` (or `items: []`) and `metadata:` (or `metadata: {}`), each once, the
/// metadata's lines `  key: value` with a plain word or `""` as the value, and after
/// `items:` the items, each starting with `- ` at column 0 and running to the next line
/// at column 0, every other line of it blank or indented by at least two columns. No
/// byte order mark, tab, carriage return, comment or document marker at column 0,
/// directive, compact nested sequence (`- -`), more than 20 brackets open (`MAX_BRACKETS`)
/// at once, or line indented by more than 60 columns (`MAX_INDENT`).
///
/// Then each item is a block mapping whose keys are at column 2, and everything in it is
/// indented by two columns or more: written alone with its `- ` as two spaces, it is a
/// block mapping at column 2 at the root of a document, and go-yaml reads the same
/// tokens from it (what ends a block node is a line less indented than it, and within
/// the item none is; a scalar's folding and a block scalar's indentation are measured
/// from columns, which are the same), except the sequence entry around it. Nothing
/// crosses items: no anchor or alias (the whole document's alias count included), no
/// directive; nesting stays within the reader's depth limits in both. Each item is
/// read alone here (a tree at a time, dropped): it must be read without an error or
/// an uncertainty, without an anchor, alias or tag, as a mapping with a plain
/// `apiVersion` (a group version) and `kind` (letters and digits), each once, and no
/// `items` key — so the whole document has no error either,
/// and, as for [`json_list`], kubectl's checks of the List as a whole pass and an item
/// takes nothing from the List. Positions are the whole text's but for the line and
/// UTF-16 offset of the item's first line, which [`place`] adds.
pub fn yaml_list(text: &str) -> Option<Vec<ListItem>> {
    if text.starts_with('\u{feff}') || text.contains(['\t', '\r']) {
        return None;
    }
    #[derive(PartialEq)]
    enum In {
        Root,
        Items,
        Metadata,
    }
    let mut state = In::Root;
    let mut seen = [false; 4];
    // Item starts: byte offset, 1-based line.
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut ends: Vec<usize> = Vec::new();
    let mut brackets = 0;
    let mut at = 0;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        let start = at;
        at += line.len();
        let l = line.strip_suffix('\n').unwrap_or(line);
        if l.trim_start_matches(' ').is_empty() {
            continue;
        }
        let indent = l.len() - l.trim_start_matches(' ').len();
        if indent > MAX_INDENT || !plain_line(l, &mut brackets) {
            return None;
        }
        if indent == 0 {
            if state == In::Items && !starts.is_empty() && ends.len() < starts.len() {
                ends.push(start);
            }
            if let Some(rest) = l.strip_prefix("- ") {
                if state != In::Items || !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
                    return None;
                }
                if ends.len() < starts.len() {
                    ends.push(start);
                }
                starts.push((start, n + 1));
                continue;
            }
            let (slot, next) = match l {
                "apiVersion: v1" => (0, In::Root),
                "kind: List" => (1, In::Root),
                "items:" => (2, In::Items),
                "items: []" => (2, In::Root),
                "metadata:" => (3, In::Metadata),
                "metadata: {}" => (3, In::Root),
                _ => return None,
            };
            if std::mem::replace(&mut seen[slot], true) {
                return None;
            }
            state = next;
            continue;
        }
        match state {
            In::Root => return None,
            In::Items if starts.is_empty() || indent < 2 => return None,
            In::Items => {}
            In::Metadata => {
                let ok = indent == 2
                    && l[2..].split_once(": ").is_some_and(|(k, v)| {
                        !k.is_empty()
                            && k.bytes().all(|b| b.is_ascii_alphanumeric())
                            && (v == "\"\""
                                || v == "''"
                                || v.bytes().all(|b| b.is_ascii_alphanumeric()))
                    });
                if !ok {
                    return None;
                }
            }
        }
    }
    if !(seen[0] && seen[1] && seen[2]) {
        return None;
    }
    if ends.len() < starts.len() {
        ends.push(text.len());
    }
    let mut items = Vec::with_capacity(starts.len());
    let mut offset16 = 0u64;
    let mut counted = 0;
    for (k, (&(start, line), &end)) in starts.iter().zip(&ends).enumerate() {
        let gap = &text[counted..start];
        offset16 += if gap.is_ascii() {
            gap.len() as u64
        } else {
            gap.encode_utf16().count() as u64
        };
        counted = start;
        let item = ListItem {
            range: start..end,
            dash: true,
            item: k,
            line: u32::try_from(line).unwrap_or(u32::MAX),
            column: 1,
            offset16: u32::try_from(offset16).unwrap_or(u32::MAX),
        };
        if !reads_alone(&item.text(text)) {
            return None;
        }
        items.push(item);
    }
    Some(items)
}

/// A line of a List [`yaml_list`] takes: no comment, directive or document marker at
/// column 0, no compact nested sequence (`- -`); `depth` counts the brackets open so
/// far (quoted or not: an overestimate of flow nesting), at most [`MAX_BRACKETS`].
fn plain_line(l: &str, depth: &mut usize) -> bool {
    if l.starts_with(['#', '%']) || l.starts_with("---") || l.starts_with("...") {
        return false;
    }
    if l.trim_start_matches(' ').starts_with("- -") {
        return false;
    }
    for c in l.bytes() {
        match c {
            b'[' | b'{' => {
                *depth += 1;
                if *depth > MAX_BRACKETS {
                    return false;
                }
            }
            b']' | b'}' => *depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    true
}

/// The most brackets [`yaml_list`] lets be open at once (flow nesting stays far below
/// the reader's limits).
const MAX_BRACKETS: usize = 20;

/// An item's text read alone: one document, a mapping with a plain `apiVersion` (a
/// group version) and `kind` (letters and digits), without `items`, read without an
/// error or an uncertainty.
fn reads_alone(item: &str) -> bool {
    use crate::read::{self, Item, ReadOptions};
    let mut documents = 0;
    for read in read::read(item, ReadOptions::default()) {
        let Item::Document(d) = read else {
            return false;
        };
        let Some(doc) = d
            .doc
            .as_ref()
            .filter(|_| d.error.is_none() && d.uncertain.is_none())
        else {
            return false;
        };
        documents += 1;
        let root = doc.root();
        let plain = |key: &str| {
            doc.get(root, key)
                .and_then(|v| doc.scalar(v))
                .filter(|s| s.style == read::Style::Plain && s.tag.is_none())
                .map(|s| s.text.to_string())
        };
        let api_ok = plain("apiVersion").is_some_and(|v| {
            !v.is_empty()
                && v.matches('/').count() <= 1
                && !v.starts_with('/')
                && !v.ends_with('/')
                && v.bytes()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || b"./-".contains(&c))
        });
        let kind_ok = plain("kind")
            .is_some_and(|k| !k.is_empty() && k.bytes().all(|c| c.is_ascii_alphanumeric()));
        // No anchor, alias or tag anywhere (nothing crosses items; the alias count).
        if !doc.alias_names.is_empty()
            || doc.post.iter().any(|&id| {
                let n = doc.node(id);
                n.props != n.start
            })
        {
            return false;
        }
        let Some(written) = doc.written_pairs(root) else {
            return false;
        };
        let count = |key: &str| {
            written
                .iter()
                .filter(|(k, _)| doc.key_text(*k).is_some_and(|t| t == key))
                .count()
        };
        if !api_ok
            || !kind_ok
            || count("apiVersion") != 1
            || count("kind") != 1
            || count("items") > 0
        {
            return false;
        }
    }
    documents == 1
}

/// Makes the documents of `item`'s text, explained alone ([`crate::explain`] of
/// `&text[item.range]`), those of the whole text: positions moved to the item's place,
/// and the item's index set.
pub fn place(documents: &mut [Document], item: &ListItem) {
    let shift = |p: &mut Position| {
        if p.line == 0 {
            return;
        }
        if p.line == 1 {
            p.column = p.column.saturating_add(item.column - 1);
        }
        p.line = p.line.saturating_add(item.line - 1);
        p.offset16 = p.offset16.saturating_add(item.offset16);
        p.end16 = p.end16.saturating_add(item.offset16);
    };
    for d in documents {
        d.item = Some(item.item);
        d.move_positions(shift);
    }
}

/// What `pullpolicy diagnose` first needs of a Pod item of a [`json_list`]: whether it
/// is a Pod with a status, its name and namespace, found without building its tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PodSketch<'t> {
    /// `metadata.name`.
    pub name: Option<&'t str>,
    /// `metadata.namespace`.
    pub namespace: Option<&'t str>,
}

/// When `item` (an item of a [`json_list`]) is `kind: Pod` with a `status` mapping that
/// is not empty — what the diagnosis reads as a Pod with status — its name and
/// namespace as the reader reads them; `None` (read it whole) for any other item, and
/// for anything this does not read exactly: a key at the item's root or in `metadata`
/// written twice or with an escape, `metadata` that is not an object, a name or
/// namespace that is not a string without escapes (or `null`), or one a YAML reader
/// could take for null (`""`, `~`, `null` in any case).
pub fn pod_sketch(item: &str) -> Option<PodSketch<'_>> {
    let mut p = Parser {
        b: item.as_bytes(),
        i: 0,
    };
    let text = |r: Range<usize>| &item[r];
    p.eat(b'{')?;
    p.ws();
    let (mut kind, mut status, mut metadata) = (None, None, None);
    let mut seen: Vec<Range<usize>> = Vec::new();
    if p.peek() == Some(b'}') {
        return None;
    }
    loop {
        let key = p.key()?;
        if key.escaped
            || seen
                .iter()
                .any(|k| text(k.clone()) == text(key.text.clone()))
        {
            return None;
        }
        seen.push(key.text.clone());
        match text(key.text) {
            "kind" => {
                let v = p.string()?;
                if v.escaped {
                    return None;
                }
                kind = Some(text(v.text));
            }
            "status" => {
                let start = p.i;
                status = Some(
                    p.peek() == Some(b'{') && {
                        p.i += 1;
                        p.ws();
                        let filled = p.peek() != Some(b'}');
                        p.i = start;
                        filled
                    },
                );
                p.value(2)?;
            }
            "metadata" => {
                if p.peek() != Some(b'{') {
                    return None;
                }
                metadata = Some(p.metadata()?);
            }
            _ => p.value(2)?,
        }
        p.ws();
        match p.next()? {
            b',' => p.ws(),
            b'}' => break,
            _ => return None,
        }
    }
    if kind != Some("Pod") || status != Some(true) {
        return None;
    }
    let (name, namespace) = metadata.unwrap_or((None, None));
    let value = |r: Option<Range<usize>>| r.map(text);
    Some(PodSketch {
        name: value(name),
        namespace: value(namespace),
    })
}

struct Parser<'t> {
    b: &'t [u8],
    i: usize,
}

/// A string: its text between the quotes, and whether it has escapes.
struct Str {
    text: Range<usize>,
    escaped: bool,
}

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn eat(&mut self, c: u8) -> Option<()> {
        (self.next()? == c).then_some(())
    }

    /// Spaces and line breaks (no tabs: see the module's documentation).
    fn ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn string(&mut self) -> Option<Str> {
        self.eat(b'"')?;
        let start = self.i;
        let mut escaped = false;
        loop {
            match self.next()? {
                b'"' => {
                    return Some(Str {
                        text: start..self.i - 1,
                        escaped,
                    });
                }
                b'\\' => {
                    escaped = true;
                    match self.next()? {
                        b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't' => {}
                        b'u' => {
                            let hex = self.b.get(self.i..self.i + 4)?;
                            let hex = std::str::from_utf8(hex).ok()?;
                            let unit = u16::from_str_radix(hex, 16).ok()?;
                            if !hex.bytes().all(|h| h.is_ascii_hexdigit())
                                || (0xD800..0xE000).contains(&unit)
                            {
                                return None;
                            }
                            self.i += 4;
                        }
                        _ => return None,
                    }
                }
                0x20..=0x7E => {}
                c if c >= 0x80 => {
                    // A character YAML prints (the text is UTF-8: `c` leads one).
                    let len = match c {
                        0xC0..=0xDF => 2,
                        0xE0..=0xEF => 3,
                        _ => 4,
                    };
                    let bytes = self.b.get(self.i - 1..self.i - 1 + len)?;
                    let ch = std::str::from_utf8(bytes).ok()?.chars().next()?;
                    if matches!(
                        ch,
                        '\u{80}'
                            ..='\u{9F}'
                                | '\u{2028}'
                                | '\u{2029}'
                                | '\u{FEFF}'
                                | '\u{FFFE}'
                                | '\u{FFFF}'
                    ) {
                        return None;
                    }
                    self.i += len - 1;
                }
                _ => return None,
            }
        }
    }

    /// A key and its `:` right after it.
    fn key(&mut self) -> Option<Str> {
        let start = self.i;
        let key = self.string()?;
        if self.next()? != b':' || self.i - start > MAX_KEY {
            return None;
        }
        self.ws();
        Some(key)
    }

    /// A Pod's `metadata` object: its `name` and `namespace` (`None` for `null`).
    #[allow(clippy::type_complexity)]
    fn metadata(&mut self) -> Option<(Option<Range<usize>>, Option<Range<usize>>)> {
        self.eat(b'{')?;
        self.ws();
        let (mut name, mut namespace) = (None, None);
        let mut seen: Vec<Range<usize>> = Vec::new();
        if self.peek() == Some(b'}') {
            self.i += 1;
            return Some((None, None));
        }
        loop {
            let key = self.key()?;
            let k = &self.b[key.text.clone()];
            if key.escaped || seen.iter().any(|s| &self.b[s.clone()] == k) {
                return None;
            }
            seen.push(key.text.clone());
            match k {
                b"name" | b"namespace" => {
                    let slot = if k == b"name" {
                        &mut name
                    } else {
                        &mut namespace
                    };
                    if self.peek() == Some(b'n') {
                        self.literal(b"null")?;
                    } else {
                        let v = self.string()?;
                        let t = &self.b[v.text.clone()];
                        if v.escaped || t.is_empty() || t == b"~" || t.eq_ignore_ascii_case(b"null")
                        {
                            return None;
                        }
                        *slot = Some(v.text);
                    }
                }
                _ => self.value(3)?,
            }
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b'}' => return Some((name, namespace)),
                _ => return None,
            }
        }
    }

    /// The `items` array: the object items' ranges and indices.
    fn items(&mut self) -> Option<Vec<(Range<usize>, usize)>> {
        self.eat(b'[')?;
        let mut out = Vec::new();
        self.ws();
        if self.peek() == Some(b']') {
            self.i += 1;
            return Some(out);
        }
        let mut j = 0;
        loop {
            let start = self.i;
            if self.peek() != Some(b'{') {
                return None;
            }
            self.object(3, true)?;
            out.push((start..self.i, j));
            j += 1;
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b']' => return Some(out),
                _ => return None,
            }
        }
    }

    /// An object at `depth`; `item`: an item's root, where `items` and escaped keys are
    /// refused.
    fn object(&mut self, depth: usize, item: bool) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        self.eat(b'{')?;
        self.ws();
        // An item's `apiVersion` and `kind`, each once.
        let (mut api_version, mut kind) = (false, false);
        if self.peek() == Some(b'}') {
            self.i += 1;
            return (!item).then_some(());
        }
        loop {
            let key = self.key()?;
            if item && (key.escaped || &self.b[key.text.clone()] == b"items") {
                return None;
            }
            match &self.b[key.text] {
                b"apiVersion" if item => {
                    let v = self.string()?;
                    let v = &self.b[v.text];
                    let ok = !v.is_empty()
                        && v.iter().filter(|&&c| c == b'/').count() <= 1
                        && !v.starts_with(b"/")
                        && !v.ends_with(b"/")
                        && v.iter().all(|&c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || b"./-".contains(&c)
                        });
                    if api_version || !ok {
                        return None;
                    }
                    api_version = true;
                }
                b"kind" if item => {
                    let v = self.string()?;
                    let v = &self.b[v.text];
                    if kind || v.is_empty() || !v.iter().all(u8::is_ascii_alphanumeric) {
                        return None;
                    }
                    kind = true;
                }
                _ => self.value(depth + 1)?,
            }
            self.ws();
            match self.next()? {
                b',' => self.ws(),
                b'}' => return (!item || (api_version && kind)).then_some(()),
                _ => return None,
            }
        }
    }

    fn value(&mut self, depth: usize) -> Option<()> {
        if depth > MAX_DEPTH {
            return None;
        }
        match self.peek()? {
            b'{' => self.object(depth, false),
            b'[' => {
                self.i += 1;
                self.ws();
                if self.peek() == Some(b']') {
                    self.i += 1;
                    return Some(());
                }
                loop {
                    self.value(depth + 1)?;
                    self.ws();
                    match self.next()? {
                        b',' => self.ws(),
                        b']' => return Some(()),
                        _ => return None,
                    }
                }
            }
            b'"' => self.string().map(|_| ()),
            b't' => self.literal(b"true"),
            b'f' => self.literal(b"false"),
            b'n' => self.literal(b"null"),
            _ => self.number(),
        }
    }

    fn literal(&mut self, word: &[u8]) -> Option<()> {
        if self.b.get(self.i..self.i + word.len())? != word {
            return None;
        }
        self.i += word.len();
        Some(())
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)?`, at most [`MAX_NUMBER`] characters long (an
    /// exponent is refused: see [`MAX_NUMBER`]).
    fn number(&mut self) -> Option<()> {
        let start = self.i;
        if self.peek() == Some(b'-') {
            self.i += 1;
        }
        match self.next()? {
            b'0' => {}
            b'1'..=b'9' => self.digits(),
            _ => return None,
        }
        if self.peek() == Some(b'.') {
            self.i += 1;
            self.digit()?;
            self.digits();
        }
        (self.i - start <= MAX_NUMBER && !matches!(self.peek(), Some(b'e' | b'E'))).then_some(())
    }

    fn digit(&mut self) -> Option<()> {
        self.next()?.is_ascii_digit().then_some(())
    }

    fn digits(&mut self) {
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Options, Report};

    /// The whole text's report, from its items explained one at a time.
    fn by_items(text: &str, options: &Options) -> Option<Report> {
        let items = json_list(text)?;
        let mut whole = crate::explain("", options);
        whole.documents.clear();
        for item in &items {
            let mut r = crate::explain(&text[item.range.clone()], options);
            assert!(r.syntax_errors.is_empty(), "{}", &text[item.range.clone()]);
            place(&mut r.documents, item);
            whole.documents.append(&mut r.documents);
            whole.summary.add(&r.summary);
        }
        Some(whole)
    }

    #[test]
    fn pod_sketches() {
        let pod = |meta: &str, status: &str| {
            format!(
                "{{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {meta}, \"spec\": {{\"x\": [1, {{}}]}}, \"status\": {status}}}"
            )
        };
        let text = pod(
            "{\"name\": \"a\", \"namespace\": \"n\", \"labels\": {\"x\": \"y\"}}",
            "{\"phase\": \"Running\"}",
        );
        let s = pod_sketch(&text);
        assert_eq!(
            s,
            Some(PodSketch {
                name: Some("a"),
                namespace: Some("n")
            })
        );
        let text = pod("{\"name\": null}", "{\"phase\": \"Running\"}");
        let s = pod_sketch(&text);
        assert_eq!(
            s,
            Some(PodSketch {
                name: None,
                namespace: None
            })
        );
        // Not a Pod with status: read whole.
        assert_eq!(pod_sketch(&pod("{}", "{}")), None);
        assert_eq!(pod_sketch(&pod("{}", "null")), None);
        assert_eq!(pod_sketch(&pod("{}", "[]")), None);
        assert_eq!(pod_sketch(&pod("{}", "{}").replace("Pod", "Node")), None);
        // What it does not read exactly: read whole.
        for meta in [
            "{\"name\": \"a\\u0062\"}",
            "{\"name\": \"null\"}",
            "{\"name\": \"\"}",
            "{\"name\": \"~\"}",
            "{\"name\": 1}",
            "{\"name\": \"a\", \"name\": \"b\"}",
            "{\"na\\u006de\": \"a\"}",
            "null",
            "\"x\"",
        ] {
            assert_eq!(pod_sketch(&pod(meta, "{\"phase\": \"x\"}")), None, "{meta}");
        }
        let twice = pod("{}", "{\"a\": 1}").replace("\"spec\"", "\"status\": {}, \"spec\"");
        assert_eq!(pod_sketch(&twice), None);
    }

    use proptest::prelude::*;

    /// A JSON string literal of `s` (escapes as serde_json writes them, or `\u` ones).
    fn quote(s: &str, unicode_escapes: bool) -> String {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                '\n' => out.push_str("\\n"),
                c if (c as u32) < 0x20 || (unicode_escapes && !c.is_ascii_alphanumeric()) => {
                    let mut units = [0u16; 2];
                    for u in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{u:04x}"));
                    }
                }
                c => out.push(c),
            }
        }
        out.push('"');
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Random Lists of random Pods, laid out at random: when `json_list` takes the
        /// text, its items explained alone give the whole text's report.
        #[test]
        fn random_lists_read_alike(
            pods in prop::collection::vec(
                (
                    "[a-zA-Z0-9 :/@._<>&\u{e9}\u{1F433}\"\\\\-]{0,12}",
                    prop::option::of("(Always|IfNotPresent|Never|always|)"),
                    any::<bool>(),
                    0u8..6,
                ),
                0..12,
            ),
            layout in 0usize..4,
            escapes in any::<bool>(),
        ) {
            let sep = [", ", ",\n    ", ",\r\n  ", ","][layout];
            let items: Vec<String> = pods
                .iter()
                .map(|(image, policy, init, shape)| {
                    let policy = policy
                        .as_ref()
                        .map(|p| format!(", \"imagePullPolicy\": {}", quote(p, escapes)))
                        .unwrap_or_default();
                    let c = format!("{{\"name\": {}, \"image\": {}{policy}}}", quote(image, escapes), quote(image, false));
                    let field = if *init { "initContainers" } else { "containers" };
                    match shape {
                        0 | 4 => format!("{{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {{\"name\": {}}}, \"spec\": {{\"{field}\": [{c}]}}}}", quote(image, escapes)),
                        1 => format!("{{\"kind\": \"Deployment\", \"apiVersion\": \"apps/v1\", \"spec\": {{\"template\": {{\"spec\": {{\"containers\": [{c}, {c}]}}}}}}}}"),
                        2 => format!("{{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"spec\": {{\"{field}\": [{c}], \"x\": {}}}}}", quote(image, escapes)),
                        3 => format!("{{\"apiVersion\": \"example.com/v1\", \"kind\": \"Thing\", \"spec\": {{\"template\": {{\"spec\": {{\"containers\": [{c}]}}}}}}}}"),
                        _ => format!("{{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {{\"a\": {}}}}}", quote(image, escapes)),
                    }
                })
                .collect();
            let text = format!("{{\"kind\": \"List\"{sep}\"apiVersion\": \"v1\"{sep}\"items\": [{}]}}", items.join(sep));
            let options = Options::default();
            let got = by_items(&text, &options);
            if let Some(by_items) = got {
                prop_assert_eq!(by_items, crate::explain(&text, &options), "{}", text);
            }
        }
    }

    #[test]
    fn items_explained_alone_are_explained_as_in_the_whole() {
        let pod = |name: &str, extra: &str| {
            format!(
                "{{\n    \"apiVersion\": \"v1\",\n    \"kind\": \"Pod\",\n    \"metadata\": {{\"name\": \"{name}\", \"annotations\": {{\"a\": \"\\u003c\u{e9}\u{1F433}\"}}}},\n    \"spec\": {{\"containers\": [{{\"name\": \"c\", \"image\": \"nginx\"{extra}}}, {{\"name\": \"d\", \"image\": \"Bad Image\", \"imagePullPolicy\": \"always\"}}]}},\n    \"status\": {{\"phase\": \"Pending\"}}\n}}"
            )
        };
        let items = [
            pod("a", ""),
            pod("b", ", \"imagePullPolicy\": \"Never\""),
            pod("c", ", \"imagePullPolicy\": 7, \"imagePullPolicy\": null, \"imagPullPolicy\": \"x\""),
            "{\"kind\": \"Deployment\", \"apiVersion\": \"apps/v1\", \"metadata\": {\"name\": \"d\"}, \"spec\": {\"template\": {\"spec\": {\"containers\": [{\"name\": \"x\", \"image\": \"redis:7\"}]}}}}".to_owned(),
            "{\"kind\": \"Service\", \"apiVersion\": \"v1\", \"metadata\": {\"name\": \"s\"}}".to_owned(),
            "{\"apiVersion\": \"v1\", \"kind\": \"PodTemplate\", \"template\": {\"spec\": {\"containers\": [{\"name\": \"bare\", \"image\": \"busybox@sha256:abc\"}]}}}".to_owned(),
            "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"data\": {\"image\": \"alone\"}}".to_owned(),
            "{\"kind\": \"Widget\", \"apiVersion\": \"example.com/v1\", \"spec\": {\"template\": {\"spec\": {\"containers\": [{\"name\": \"w\", \"image\": \"w:1\"}]}}}}".to_owned(),
            "{\"kind\": \"pod\", \"apiVersion\": \"v1\"}".to_owned(),
            "{\"kind\": \"Job\", \"apiVersion\": \"batch/v1\", \"spec\": {\"template\": {\"spec\": {\"containers\": [{\"name\": \"j\", \"image\": \"j:1\", \"imagePullPolicy\": \"IfNotPresent\"}]}}}}".to_owned(),
        ];
        let options = Options::default();
        let newest = Options {
            kubernetes_version: crate::KubeVersion::NEWEST,
            ..Options::default()
        };
        for sep in [", ", ",\n  ", ",\r\n  ", ",\r", ","] {
            for kind in ["List"] {
                let body = items.join(sep);
                for text in [
                    format!(
                        "{{\"apiVersion\": \"v1\", \"kind\": \"{kind}\", \"items\": [{body}], \"metadata\": {{}}}}"
                    ),
                    format!(
                        "\n\n  {{\n  \"items\": [\n  {body}\n  ],\n  \"kind\": \"{kind}\",\n  \"apiVersion\": \"v1\"\n}}\n"
                    ),
                    format!(
                        "{{\"kind\":\"{kind}\",\"apiVersion\":\"v1\",\"items\":[{}]}}",
                        body.replace(": ", ":").replace(", ", ",")
                    ),
                ] {
                    for options in [&options, &newest] {
                        let whole = crate::explain(&text, options);
                        assert!(whole.syntax_errors.is_empty(), "{text}");
                        assert!(whole.documents.len() > 8);
                        assert_eq!(by_items(&text, options).as_ref(), Some(&whole), "{text}");
                    }
                }
            }
        }
    }

    fn list(items: &str) -> String {
        format!("{{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [{items}]}}")
    }

    #[test]
    fn items_and_positions() {
        let item = |x: &str| format!("{{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"x\":\"{x}\"}}");
        let items = [item("\u{1F433}"), item(""), item("\u{e9}")];
        let text = format!(
            "{{\"kind\":\"List\",\"x\":\"\u{e9}\",\n\"apiVersion\":\"v1\",\"items\":[{}, {}\r\n,\r {}]}}\n",
            items[0], items[1], items[2]
        );
        let found = json_list(&text).unwrap_or_default();
        assert_eq!(found.len(), 3);
        for (k, f) in found.iter().enumerate() {
            assert_eq!(&text[f.range.clone()], items[k]);
            assert_eq!(f.item, k);
            // Counted the slow way: line breaks `\n`, `\r\n` and a lone `\r`.
            let before = &text[..f.range.start];
            let lines: Vec<&str> = before
                .split("\r\n")
                .flat_map(|l| l.split(['\n', '\r']))
                .collect();
            let last = lines.last().copied().unwrap_or_default();
            assert_eq!(f.line as usize, lines.len(), "{k}");
            assert_eq!(f.column as usize, last.chars().count() + 1, "{k}");
            assert_eq!(f.offset16 as usize, before.encode_utf16().count(), "{k}");
        }
        assert_eq!((found[1].line, found[2].line), (2, 4));
        // Unplaced: the same items, no positions.
        let unplaced = json_list_unplaced(&text).unwrap_or_default();
        let ranges = |items: &[ListItem]| -> Vec<(Range<usize>, usize, bool)> {
            items
                .iter()
                .map(|i| (i.range.clone(), i.item, i.dash))
                .collect()
        };
        assert_eq!(ranges(&unplaced), ranges(&found));
        assert!(
            unplaced
                .iter()
                .all(|i| (i.line, i.column, i.offset16) == (0, 0, 0))
        );
        assert_eq!(json_list_unplaced(&text.replace("List", "PodList")), None);
    }

    #[test]
    fn what_is_refused() {
        let pod = "{\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}}";
        assert!(json_list(&list(pod)).is_some());
        assert!(json_list(&list("")).is_some_and(|v| v.is_empty()));
        let refused = [
            String::new(),
            "[]".to_owned(),
            format!("\u{feff}{}", list(pod)),
            list(pod).replace(", ", ",\t"),
            list(pod).replace("\"kind\": \"List\"", "\"kind\": \"Pod\""),
            list(pod).replace("\"kind\": \"List\"", "\"kind\": \"L\\u0069st\""),
            list(pod).replace("\"kind\": \"List\"", "\"kind\": 1"),
            list(pod).replace("\"apiVersion\"", "\"it\\u0065ms\""),
            list(pod).replace("\"apiVersion\": \"v1\"", "\"kind\": \"List\""),
            format!("{}]}}", list(pod).trim_end_matches("]}")).replace("]}", "], \"items\": []}"),
            list(&pod.replace("\"name\"", "\"name\" ")),
            list(&pod.replace("\"name\":", "\"name\"\n:")),
            list(&pod.replace("\"p\"", "\"\\ud83d\\udc33\"")),
            list(&pod.replace("\"p\"", "\"\u{85}\"")),
            list(&pod.replace("\"p\"", "\"\u{2028}\"")),
            list(&pod.replace("\"p\"", "\"\u{7}\"")),
            list(&pod.replace("\"p\"", "\"\\x41\"")),
            list(&pod.replace("\"kind\"", "\"items\"")),
            list(&pod.replace("\"kind\"", "\"\\u006bind\"")),
            list(&pod.replace("\"p\"", "01")),
            list(&pod.replace("\"p\"", "1.")),
            list(&pod.replace("\"p\"", "tru")),
            list(&pod.replace("\"p\"", "\"p\",")),
            list(&format!("{pod}, ")),
            format!("{} x", list(pod)),
            format!("{} {{}}", list(pod)),
            list(&format!("{{\"{}\": 1}}", "k".repeat(1000))),
            list(&format!(
                "{{\"a\": {}1{}}}",
                "[".repeat(100),
                "]".repeat(100)
            )),
            list(&pod.replace("\"p\"", "1e400")),
            list(&pod.replace("\"p\"", "-0.5e+10")),
            list(&pod.replace("\"p\"", &"9".repeat(25))),
            list("{\"kind\": \"Pod\""),
            "{\"kind\": \"List\"}".to_owned(),
            "{\"items\": []}".to_owned(),
            list(&format!("{pod}, 7")),
            list(&format!("{pod}, null")),
            list("{}"),
            list(&pod.replace("\"apiVersion\": \"v1\", ", "")),
            list(&pod.replace("\"kind\": \"Pod\", ", "")),
            list(&pod.replace("\"Pod\"", "\"\"")),
            list(&pod.replace("\"v1\"", "\"V1\"")),
            list(&pod.replace("\"v1\"", "\"a/b/c\"")),
            list(&pod.replace("\"Pod\"", "\"Pod\", \"kind\": \"Pod\"")),
            list(pod).replace("\"List\"", "\"PodList\""),
            list(pod).replace(
                "\"apiVersion\": \"v1\", \"kind\": \"List\"",
                "\"kind\": \"List\"",
            ),
        ];
        for text in &refused {
            assert_eq!(json_list(text), None, "{text}");
        }
        let accepted = [
            list(&pod.replace("\"metadata\"", &format!("\"{}\"", "k".repeat(988)))),
            list(&pod.replace(
                "{\"name\": \"p\"}",
                &format!("{}1{}", "[".repeat(90), "]".repeat(90)),
            )),
            list(&pod.replace("\"p\"", "\"\\u003c\\\"\\\\\\/\\b\\f\\n\\r\\t\"")),
            list(&pod.replace("\"p\"", "-0.5")),
            list(&pod.replace("\"p\"", &"9".repeat(24))),
            list(&pod.replace("\"p\"", "[true, false, null, {}, []]")),
            list(
                &pod.replace("\"Pod\"", "\"Widget\"")
                    .replace("\"v1\"", "\"example.com/v1alpha1\""),
            ),
            list(&pod.replace("\"p\"", &list(pod))),
        ];
        for text in &accepted {
            assert!(json_list(text).is_some(), "{text}");
        }
    }
}
