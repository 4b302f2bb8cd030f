//! The span-aware YAML reader: a small tree of every document, with the start and end
//! of every node, built in one pass over `saphyr-parser`'s events.
//!
//! Why a tree of our own rather than `serde_yaml::Value`: Kubernetes users need the line
//! and column of the exact value; duplicate keys must be kept (Kubernetes' non-strict
//! decoding keeps the last one, strict decoding rejects it), and aliases must not be
//! expanded (an alias bomb costs nothing here). serde_yaml is used where its libyaml
//! heritage matters: the wording of syntax errors, which is what `kubectl` prints
//! (go-yaml is a port of libyaml too); see [`syntax_error`].
//!
//! The tree is an arena: nodes refer to each other by [`NodeId`], so neither building
//! nor dropping it recurses, whatever the nesting depth.

use crate::source::{CharIndex, Mark};
use saphyr_parser::{Event, Parser, ScalarStyle, ScanError};
use std::borrow::Cow;

/// An index into [`Doc::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct NodeId(u32);

/// One node of a document.
#[derive(Debug, Clone)]
pub(crate) struct Node<'a> {
    pub value: Value<'a>,
    pub start: Mark,
    pub end: Mark,
}

/// What a node holds.
#[derive(Debug, Clone)]
pub(crate) enum Value<'a> {
    Scalar(Scalar<'a>),
    /// Key/value pairs in source order, duplicates included: a range of [`Doc::pairs`]'
    /// shared storage.
    Mapping(Range),
    /// Items: a range of the document's shared item storage.
    Sequence(Range),
    /// An alias to an earlier anchored node (`None`: the anchor is unknown).
    Alias(Option<NodeId>),
}

/// `start..start + len` in one of a document's shared child stores. Children are
/// stored contiguously when their collection ends, so building a tree allocates per
/// document, not per collection.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Range {
    start: u32,
    len: u32,
}

impl Range {
    fn of<T>(store: &[T], r: Range) -> &[T] {
        let start = r.start as usize;
        &store[start..start + r.len as usize]
    }
}

/// A scalar as written.
#[derive(Debug, Clone)]
pub(crate) struct Scalar<'a> {
    pub text: Cow<'a, str>,
    /// Plain (unquoted, not a block scalar): only these resolve to null, bool or number.
    pub plain: bool,
    /// An explicit tag such as `!!str`, rendered as `!!str`.
    pub tag: Option<String>,
}

/// One YAML document.
#[derive(Debug, Clone, Default)]
pub(crate) struct Doc<'a> {
    nodes: Vec<Node<'a>>,
    /// The pairs of every mapping, each mapping's contiguous.
    pair_store: Vec<(NodeId, NodeId)>,
    /// The items of every sequence, each sequence's contiguous.
    item_store: Vec<NodeId>,
    /// 0-based position of the document in the stream (unreadable ones count too).
    pub index: usize,
    /// Where the document starts (its `---`, or its first token).
    pub start: Mark,
    /// It starts with `---`.
    pub explicit: bool,
    /// Where its content ends.
    pub end: Mark,
    /// The first mapping key that is itself a mapping or sequence (`{{x}}: …`): valid
    /// YAML, but JSON keys are strings, so Kubernetes cannot read the document.
    pub collection_key: Option<Mark>,
}

/// A YAML syntax error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// The problem, in libyaml's words where serde_yaml agrees that the text is invalid.
    pub message: String,
    pub at: Mark,
    /// The index of the document the error is in.
    pub document: usize,
}

/// Every document of a stream, up to the first syntax error, plus the documents after
/// it that could be recovered (reading resumes at the next `---` line).
#[cfg(test)]
#[derive(Debug)]
pub(crate) struct Stream<'a> {
    pub docs: Vec<Doc<'a>>,
    pub errors: Vec<SyntaxError>,
}

impl<'a> Doc<'a> {
    /// The root node; a document always has one (an empty document is a null scalar).
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    pub fn node(&self, id: NodeId) -> &Node<'a> {
        &self.nodes[id.0 as usize]
    }

    /// The node itself, or the node an alias points to.
    pub fn resolve(&self, id: NodeId) -> &Node<'a> {
        match self.node(id).value {
            Value::Alias(Some(target)) => self.node(target),
            _ => self.node(id),
        }
    }

    /// The mapping's pairs, if `id` is a mapping.
    pub fn pairs(&self, id: NodeId) -> Option<&[(NodeId, NodeId)]> {
        match &self.resolve(id).value {
            Value::Mapping(r) => Some(Range::of(&self.pair_store, *r)),
            _ => None,
        }
    }

    /// The sequence's items, if `id` is a sequence.
    pub fn items(&self, id: NodeId) -> Option<&[NodeId]> {
        match &self.resolve(id).value {
            Value::Sequence(r) => Some(Range::of(&self.item_store, *r)),
            _ => None,
        }
    }

    /// The scalar, if `id` is one.
    pub fn scalar(&self, id: NodeId) -> Option<&Scalar<'a>> {
        match &self.resolve(id).value {
            Value::Scalar(s) => Some(s),
            _ => None,
        }
    }

    /// The text of a key node (keys that are not scalars have none).
    pub fn key_text(&self, id: NodeId) -> Option<&str> {
        self.scalar(id).map(|s| s.text.as_ref())
    }

    /// The value of the *last* pair whose key is `key` (what Kubernetes keeps).
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        self.pairs(map)?
            .iter()
            .rev()
            .find(|(k, _)| self.key_text(*k) == Some(key))
            .map(|(_, v)| *v)
    }

    /// Follows a dotted path of mapping keys.
    pub fn get_path(&self, mut node: NodeId, path: &[&str]) -> Option<NodeId> {
        for key in path {
            node = self.get(node, key)?;
        }
        Some(node)
    }

    /// True if the node is an empty document or a null scalar.
    pub fn is_null(&self, id: NodeId) -> bool {
        self.scalar(id).is_some_and(Scalar::is_null)
    }
}

impl Scalar<'_> {
    /// YAML's null: `~`, `null`, `Null`, `NULL` or nothing, when plain and untagged.
    pub fn is_null(&self) -> bool {
        self.plain
            && self.tag.is_none()
            && matches!(&*self.text, "" | "~" | "null" | "Null" | "NULL")
    }
}

/// Reads every document of `text` (collected; the analysis streams with [`parse_each`]).
#[cfg(test)]
pub(crate) fn parse(text: &str) -> Stream<'_> {
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    parse_each(text, |read| match read {
        Read::Doc(doc) => docs.push(doc.clone()),
        Read::Error(e) => errors.push(e),
    });
    Stream { docs, errors }
}

/// What [`parse_each`] hands on: a document, or the syntax error that ends one.
#[derive(Debug)]
pub(crate) enum Read<'d, 'a> {
    Doc(&'d Doc<'a>),
    Error(SyntaxError),
}

/// Hands every document of `text` to `each` as soon as it is read, so a long stream
/// never holds more than one tree, and every syntax error where it stops one. After an
/// error, reading resumes at the next `---` line. Documents and errors come in the
/// order of the text, each error numbered as the document it ends, so their indices
/// strictly increase: callers keep that order without sorting.
pub(crate) fn parse_each<'a>(text: &'a str, mut each: impl FnMut(Read<'_, 'a>)) {
    let chars = CharIndex::new(text);
    let directives = unknown_directives(text);
    let mut offset = Offset::default();
    let mut rest = text;
    let mut count = 0;
    loop {
        // saphyr-parser accepts unknown directives (`%FOO`) that libyaml, and so
        // go-yaml and kubectl, reject; and it miscounts positions after one with
        // non-ASCII text. Read only up to the first such line, then report it as
        // libyaml does and resume at the next document.
        let base = text.len() - rest.len();
        let directive = directives
            .get(directives.partition_point(|&(line, _)| line < base))
            .map(|&(line, name_end)| (line - base, name_end - base));
        let segment = directive.map_or(rest, |(line_start, _)| &rest[..line_start]);
        // Where the last good document of this segment ended (error messages re-read
        // from there).
        let mut last_end: Option<Mark> = None;
        let result = read_docs(
            segment,
            offset,
            |doc| {
                last_end = Some(doc.end);
                each(Read::Doc(doc));
            },
            &mut count,
        );
        let (at, message) = match (result, directive) {
            (Ok(()), None) => break,
            (Ok(()), Some((line_start, name_end))) => {
                let index = chars.char_of(base + name_end);
                let line_index = chars.char_of(base + line_start);
                let at = Mark {
                    index,
                    line: 0,
                    col: index - line_index,
                };
                (at, UNKNOWN_DIRECTIVE.to_owned())
            }
            (Err(err), _) => {
                let at = offset.apply(*err.marker());
                let next = next_document_start(&chars, at);
                // Past saphyr's nesting limit (256 flow levels) the words stay saphyr's,
                // which are serde_yaml's when it reads values (its limit: 128 levels).
                // The re-read for libyaml's wording skips values, so it finds no error
                // there, and libyaml's scanner takes time quadratic in the depth to
                // get through (every token re-checks one simple key per open level:
                // 12 s for 80,000 `[`). So no re-read, and the words keep to the
                // error's position even when libyaml would stop at a later error.
                let message = match err.info() {
                    DEPTH => None,
                    _ => syntax_error(doc_text(&chars, last_end, rest, next)),
                }
                .unwrap_or_else(|| err.info().to_owned());
                (at, message)
            }
        };
        each(Read::Error(SyntaxError {
            message,
            at,
            document: count,
        }));
        count += 1;
        // Resume at the next line that starts a document (the error's own line if the
        // error is at its `---`), always moving forward.
        let resumed = text.len() - rest.len();
        let mut next = next_document_start(&chars, at);
        if directive.is_some() {
            // The directive belongs to the document that the next `---` starts: skip
            // that one too.
            next = next.and_then(|(_, mark)| next_document_start(&chars, Mark { col: 1, ..mark }));
        }
        match next.filter(|(byte, _)| *byte > resumed) {
            Some((byte, mark)) => {
                rest = &text[byte..];
                offset = Offset {
                    index: mark.index,
                    line: mark.line.saturating_sub(1),
                };
            }
            None => break,
        }
    }
}

/// Reads the documents of `text`, a piece of a longer input that starts at a line
/// start `before` characters and `lines` line breaks into it (see `crate::pieces`):
/// marks are the whole input's, documents are numbered from 0 within the piece.
/// `text` may run on past the piece (which ends at character `end`, a whole-input
/// index) into the next one's `---` line, so that the scanner sees what ends the
/// piece's last document as it does in the whole input (an empty block scalar's span,
/// for one, differs at the end of a text); the empty document that `---` starts is
/// the one that starts explicitly at `end`, and is not handed on.
/// Returns how many documents were handed on, or `None` at the first syntax error
/// (recovery and error wording need the whole input: the caller re-reads it all).
pub(crate) fn parse_piece<'a>(
    text: &'a str,
    before: usize,
    lines: usize,
    end: usize,
    mut each: impl FnMut(&Doc<'a>),
) -> Option<usize> {
    let mut count = 0;
    let mut kept = 0;
    let offset = Offset {
        index: before,
        line: lines,
    };
    let keep = |doc: &Doc<'a>| {
        if !(doc.explicit && doc.start.index == end) {
            kept += 1;
            each(doc);
        }
    };
    read_docs(text, offset, keep, &mut count).ok()?;
    Some(kept)
}

/// saphyr-parser's words for nesting past its limit (serde_yaml's too, for values).
const DEPTH: &str = "recursion limit exceeded";

/// libyaml's words for a directive other than `%YAML` and `%TAG`.
const UNKNOWN_DIRECTIVE: &str = "found unknown directive name";

/// The lines of `text` that are unknown directives, in order: (byte offset of the line,
/// byte offset just past the directive's name). A `%` can only start a line as a
/// directive (it is an indicator, so no plain scalar starts with it).
fn unknown_directives(text: &str) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    let mut line_start = 0;
    loop {
        let line = &text[line_start..];
        if let Some(after) = line.strip_prefix('%') {
            let name_len = after
                .find(|c: char| c.is_whitespace())
                .unwrap_or(after.len());
            if !matches!(&after[..name_len], "YAML" | "TAG") {
                found.push((line_start, line_start + 1 + name_len));
            }
        }
        match line.find('\n') {
            Some(i) => line_start += i + 1,
            None => return found,
        }
    }
}

/// Translates marks of a re-parsed tail back to the whole text.
#[derive(Debug, Clone, Copy, Default)]
struct Offset {
    index: usize,
    line: usize,
}

impl Offset {
    fn apply(self, m: saphyr_parser::Marker) -> Mark {
        Mark {
            index: m.index() + self.index,
            line: m.line() + self.line,
            col: m.col(),
        }
    }
}

/// Reads the documents of `text` (a tail of the input starting at `offset`), numbering
/// them from `count`, which is left at the next number.
fn read_docs<'a>(
    text: &'a str,
    offset: Offset,
    mut each: impl FnMut(&Doc<'a>),
    count: &mut usize,
) -> Result<(), ScanError> {
    let mut builder = Builder {
        next_index: *count,
        ..Builder::default()
    };
    let mut result = Ok(());
    for event in Parser::new_from_str(text) {
        match event {
            Ok((event, span)) => {
                let start = offset.apply(span.start);
                let end = offset.apply(span.end);
                builder.event(event, start, end, &mut each);
            }
            Err(err) => {
                result = Err(err);
                break;
            }
        }
    }
    *count = builder.next_index;
    result
}

/// Builds one document at a time from events, reusing its storage for the next.
#[derive(Default)]
struct Builder<'a> {
    doc: Doc<'a>,
    /// A document is open (between its start and end events).
    open_doc: bool,
    /// Open collections: the node, where its children start on the stacks below, and
    /// (for mappings) a key waiting for its value.
    open: Vec<Open>,
    /// Children of open collections, moved to the document's stores when they close.
    pair_stack: Vec<(NodeId, NodeId)>,
    item_stack: Vec<NodeId>,
    /// Anchor id → node, for the current document (anchors do not cross documents).
    anchors: Vec<Option<NodeId>>,
    /// The stream position the next finished document gets.
    next_index: usize,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    node: NodeId,
    from: usize,
    key: Option<NodeId>,
}

impl<'a> Builder<'a> {
    fn event(&mut self, event: Event<'a>, start: Mark, end: Mark, each: &mut impl FnMut(&Doc<'a>)) {
        match event {
            Event::DocumentStart(explicit) => {
                self.start_doc(start, end);
                self.doc.explicit = explicit;
            }
            Event::DocumentEnd => self.end_doc(each),
            Event::Scalar(text, style, anchor, tag) => {
                let plain = matches!(style, ScalarStyle::Plain);
                let tag = tag.map(|t| tag_text(&t));
                let id = self.push(Value::Scalar(Scalar { text, plain, tag }), start, end);
                self.anchor(anchor, id);
                self.attach(id);
            }
            Event::Alias(anchor) => {
                let target = self.anchors.get(anchor).copied().flatten();
                let id = self.push(Value::Alias(target), start, end);
                self.attach(id);
            }
            Event::SequenceStart(anchor, _) => {
                self.open_collection(Value::Sequence(Range::default()), anchor, start, end)
            }
            Event::MappingStart(anchor, _) => {
                self.open_collection(Value::Mapping(Range::default()), anchor, start, end)
            }
            Event::SequenceEnd | Event::MappingEnd => self.close_collection(end),
            Event::StreamStart | Event::StreamEnd | Event::Nothing => {}
        }
    }

    fn start_doc(&mut self, start: Mark, end: Mark) {
        let doc = &mut self.doc;
        doc.nodes.clear();
        doc.pair_store.clear();
        doc.item_store.clear();
        doc.index = 0;
        doc.start = start;
        doc.explicit = false;
        doc.end = end;
        doc.collection_key = None;
        self.open.clear();
        self.pair_stack.clear();
        self.item_stack.clear();
        self.anchors.clear();
        self.open_doc = true;
    }

    fn end_doc(&mut self, each: &mut impl FnMut(&Doc<'a>)) {
        if !std::mem::take(&mut self.open_doc) {
            return;
        }
        if self.doc.nodes.is_empty() {
            let at = self.doc.start;
            let empty = Value::Scalar(Scalar {
                text: Cow::Borrowed(""),
                plain: true,
                tag: None,
            });
            self.doc.nodes.push(Node {
                value: empty,
                start: at,
                end: at,
            });
        }
        self.doc.index = self.next_index;
        self.next_index += 1;
        each(&self.doc);
    }

    fn push(&mut self, value: Value<'a>, start: Mark, end: Mark) -> NodeId {
        if !self.open_doc {
            self.start_doc(start, end);
        }
        let doc = &mut self.doc;
        let id = NodeId(u32::try_from(doc.nodes.len()).unwrap_or(u32::MAX));
        doc.nodes.push(Node { value, start, end });
        doc.end = end;
        id
    }

    fn open_collection(&mut self, value: Value<'a>, anchor: usize, start: Mark, end: Mark) {
        let is_mapping = matches!(value, Value::Mapping(_));
        let id = self.push(value, start, end);
        self.anchor(anchor, id);
        self.attach(id);
        let from = if is_mapping {
            self.pair_stack.len()
        } else {
            self.item_stack.len()
        };
        self.open.push(Open {
            node: id,
            from,
            key: None,
        });
    }

    fn close_collection(&mut self, end: Mark) {
        let Some(open) = self.open.pop() else { return };
        let doc = &mut self.doc;
        let node = &mut doc.nodes[open.node.0 as usize];
        node.end = end;
        doc.end = end;
        match &mut node.value {
            Value::Mapping(range) => {
                *range = stored(&mut doc.pair_store, &mut self.pair_stack, open.from);
            }
            Value::Sequence(range) => {
                *range = stored(&mut doc.item_store, &mut self.item_stack, open.from);
            }
            _ => {}
        }
    }

    fn anchor(&mut self, anchor: usize, id: NodeId) {
        if anchor == 0 {
            return;
        }
        if self.anchors.len() <= anchor {
            self.anchors.resize(anchor + 1, None);
        }
        self.anchors[anchor] = Some(id);
    }

    /// Adds a finished or opened node to the innermost open collection.
    fn attach(&mut self, id: NodeId) {
        let Some(open) = self.open.last_mut() else {
            return;
        };
        match self.doc.nodes[open.node.0 as usize].value {
            Value::Sequence(_) => self.item_stack.push(id),
            Value::Mapping(_) => match open.key.take() {
                None => {
                    open.key = Some(id);
                    let key = &self.doc.nodes[id.0 as usize];
                    if matches!(key.value, Value::Mapping(_) | Value::Sequence(_)) {
                        self.doc.collection_key.get_or_insert(key.start);
                    }
                }
                Some(key) => self.pair_stack.push((key, id)),
            },
            _ => {}
        }
    }
}

/// Moves the children above `from` on `stack` to the end of `store`; their range there.
fn stored<T>(store: &mut Vec<T>, stack: &mut Vec<T>, from: usize) -> Range {
    let start = u32::try_from(store.len()).unwrap_or(u32::MAX);
    let len = u32::try_from(stack.len() - from).unwrap_or(u32::MAX);
    store.extend(stack.drain(from..));
    Range { start, len }
}

fn tag_text(tag: &saphyr_parser::Tag) -> String {
    match tag.handle.as_str() {
        "tag:yaml.org,2002:" => format!("!!{}", tag.suffix),
        "!" => format!("!{}", tag.suffix),
        handle => format!("{handle}{}", tag.suffix),
    }
}

/// The text of the document that failed: from the end of the last good document (or
/// the start of the tail being read) to the next document start after the error.
fn doc_text<'t>(
    chars: &CharIndex<'t>,
    last_good_end: Option<Mark>,
    rest: &'t str,
    next: Option<(usize, Mark)>,
) -> &'t str {
    let text = chars.text;
    let tail_start = text.len() - rest.len();
    let start = last_good_end
        .map(|end| chars.byte_of(end.index))
        .unwrap_or(tail_start)
        .max(tail_start);
    let end = next.map_or(text.len(), |(b, _)| b);
    &text[start.min(end)..end]
}

/// libyaml's description of the first syntax error in `doc`, via serde_yaml, without
/// its " at line … column …" suffix (positions come from the span-aware reader).
#[cfg(feature = "libyaml-messages")]
pub(crate) fn syntax_error(doc: &str) -> Option<String> {
    for de in serde_yaml::Deserializer::from_str(doc) {
        if let Err(err) = <serde::de::IgnoredAny as serde::Deserialize>::deserialize(de) {
            let text = err.to_string();
            let problem = text.split(" at line ").next().unwrap_or(&text);
            return Some(problem.to_owned());
        }
    }
    None
}

/// Without libyaml, saphyr-parser's own words are used.
#[cfg(not(feature = "libyaml-messages"))]
pub(crate) fn syntax_error(_doc: &str) -> Option<String> {
    None
}

/// The first line that starts with `---` (a document marker) after `at`, or at `at`
/// itself when the error is at the start of such a line, as a byte offset and a mark.
fn next_document_start(chars: &CharIndex<'_>, at: Mark) -> Option<(usize, Mark)> {
    let text = chars.text;
    let from = chars.byte_of(at.index);
    let (mut byte, mut line) = if at.col == 0 {
        (from, at.line)
    } else {
        (from + text[from..].find('\n')? + 1, at.line + 1)
    };
    loop {
        let rest = &text[byte..];
        if rest.starts_with("---") && rest[3..].chars().next().is_none_or(|c| c.is_whitespace()) {
            let index = chars.char_of(byte);
            return Some((
                byte,
                Mark {
                    index,
                    line,
                    col: 0,
                },
            ));
        }
        byte += rest.find('\n')? + 1;
        line += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Stream<'_> {
        parse(text)
    }

    #[test]
    fn unknown_directives_are_errors_as_in_libyaml() {
        // The directive belongs to the document after it, which is not read; reading
        // resumes at the next one, at the right positions.
        let s = doc("a: 1\n...\n%FOO é\n---\nb: 2\n---\nc: 3\n");
        assert_eq!(s.docs.len(), 2);
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].message, "found unknown directive name");
        assert_eq!((s.errors[0].document, s.errors[0].at.col), (1, 4));
        let last = &s.docs[1];
        let c = last.get(last.root(), "c").unwrap();
        assert_eq!(last.node(c).start.index, 32); // the value `3`
        assert!(doc("%YAML 1.2\n---\na: 1\n").errors.is_empty());
    }

    #[test]
    fn positions_of_values() {
        let s = doc("a:\n  b: hello\n");
        let d = &s.docs[0];
        let b = d.get_path(d.root(), &["a", "b"]).unwrap();
        let n = d.node(b);
        assert_eq!((n.start.line, n.start.col, n.start.index), (2, 5, 8));
        assert_eq!(d.scalar(b).unwrap().text, "hello");
    }

    #[test]
    fn duplicate_keys_keep_the_last() {
        let s = doc("a: 1\na: 2\n");
        let d = &s.docs[0];
        assert_eq!(d.scalar(d.get(d.root(), "a").unwrap()).unwrap().text, "2");
        assert_eq!(d.pairs(d.root()).unwrap().len(), 2);
    }

    #[test]
    fn aliases_resolve_without_expansion() {
        let s = doc("a: &x {b: 1}\nc: *x\n");
        let d = &s.docs[0];
        let c = d.get(d.root(), "c").unwrap();
        assert!(d.get(c, "b").is_some());
    }

    #[test]
    fn streams_and_empty_documents() {
        let s = doc("---\n# only a comment\n---\na: 1\n");
        assert_eq!(s.docs.len(), 2);
        assert!(s.docs[0].is_null(s.docs[0].root()));
        assert!(s.errors.is_empty());
    }

    #[test]
    fn syntax_errors_recover_at_the_next_document() {
        let s = doc("a: 1\n---\nb: [\n---\nc: 3\n");
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].document, 1);
        assert_eq!(s.docs.len(), 2);
        let last = &s.docs[1];
        let c = last.get(last.root(), "c").unwrap();
        assert_eq!(last.node(c).start.line, 5);
    }

    #[cfg(feature = "libyaml-messages")]
    #[test]
    fn syntax_error_wording_is_libyaml() {
        let s = doc("a:\n  b: 1\n c: 2\n");
        assert_eq!(s.errors.len(), 1);
        assert_eq!(s.errors[0].message, "did not find expected key");
    }
}
