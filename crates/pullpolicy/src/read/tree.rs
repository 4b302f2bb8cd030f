//! One document as a positioned tree: an arena of nodes, each with where it is
//! written, its value as go-yaml (or encoding/json) decodes it, and its source form.
//!
//! Nodes refer to each other by [`NodeId`]; children are stored contiguously when
//! their collection ends, so building allocates per document, not per collection, and
//! neither building nor dropping recurses. Aliases are not expanded: an alias node
//! points to its anchored node, and [`Doc::pairs`] applies merge keys (`<<`) as the
//! decoder does, walking the anchored nodes where they are written.

use super::convert;
use super::resolve::{self, Value};
use super::scan::Style;
use std::borrow::Cow;
use std::collections::HashMap;

/// An index into a document's nodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeId(pub(crate) u32);

impl NodeId {
    pub(crate) fn index(self) -> usize {
        self.0 as usize
    }
}

/// Where a node is written: byte offsets in the whole input.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the content starts: a scalar's first character or quote, `[`, `{`, a
    /// block sequence's first `-`, a block mapping's first key, an alias's `*`.
    pub start: usize,
    /// Just past the content: after a closing quote, bracket or brace, after a plain
    /// scalar's last non-blank character, after a block scalar's last line break, after
    /// a block collection's last child.
    pub end: usize,
    /// Where the node's anchor or tag starts (`start` when it has none).
    pub props: usize,
    pub(crate) kind: Kind,
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// An index into [`Doc::scalars`].
    Scalar(u32),
    /// Key/value pairs as written (merge keys included).
    Mapping(Range),
    Sequence(Range),
    Alias(NodeId),
}

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// A scalar.
    Scalar,
    /// A mapping.
    Mapping,
    /// A sequence.
    Sequence,
    /// An alias (`*name`) to an anchored node.
    Alias,
}

/// `start..start + len` in one of a document's child stores.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Range {
    start: u32,
    len: u32,
}

impl Range {
    fn of<T>(self, store: &[T]) -> &[T] {
        let start = self.start as usize;
        &store[start..start + self.len as usize]
    }
}

/// A scalar: its text as go-yaml reads it, how it is written, and its value.
#[derive(Debug, Clone)]
pub struct Scalar<'t> {
    /// The text after escapes, folding and indentation (go-yaml's `n.value`; for
    /// JSON, the decoded string, or a number or literal as written).
    pub text: Cow<'t, str>,
    /// How it is written.
    pub style: Style,
    /// Its tag, resolved (`tag:yaml.org,2002:str` for `!!str`, `!foo` for a local
    /// tag).
    pub tag: Option<Box<str>>,
    /// Its value, as the decoder makes it.
    pub value: Value,
    /// go-yaml's `implicit`: plain and untagged (or tagged `!`).
    pub(crate) implicit: bool,
}

impl Scalar<'_> {
    /// Plain (unquoted, not a block scalar).
    pub fn plain(&self) -> bool {
        self.style == Style::Plain
    }

    /// The decoder's null (`~`, `null`, nothing, `!!null`; JSON `null`).
    pub fn is_null(&self) -> bool {
        self.value == Value::Null
    }

    /// The tag as go-yaml prints it (`!!str`, `!foo`).
    pub fn short_tag(&self) -> Option<String> {
        self.tag.as_deref().map(resolve::short_tag)
    }

    /// go-yaml's merge key: `<<`, plain and untagged (or tagged `!` or `!!merge`).
    pub(crate) fn is_merge_key(&self) -> bool {
        self.text == "<<" && (self.implicit || self.tag.as_deref() == Some(resolve::MERGE))
    }
}

/// Where a document comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A chunk of a YAML stream, read by go-yaml.
    Yaml,
    /// A value of a JSON stream, read by encoding/json.
    Json,
}

/// One document.
#[derive(Debug, Clone)]
pub struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) nodes: Vec<Node>,
    pub(crate) scalars: Vec<Scalar<'t>>,
    pub(crate) pair_store: Vec<(NodeId, NodeId)>,
    pub(crate) item_store: Vec<NodeId>,
    /// Nodes in the order they end (children before parents, anchored nodes before
    /// their aliases unless an alias points into a node still open).
    pub(crate) post: Vec<NodeId>,
    /// Decoding errors of single scalars (a value that does not fit its tag, bad
    /// base64), in document order.
    pub(crate) scalar_errors: Vec<(NodeId, String)>,
    pub(crate) has_alias: bool,
    pub(crate) has_merge: bool,
    /// A mapping or sequence is used as a key.
    pub(crate) has_collection_key: bool,
    /// A null or unsigned 64-bit scalar is used as a key (kubectl cannot convert it).
    pub(crate) suspect_keys: bool,
    /// A float value is infinite or NaN (encoding/json refuses it).
    pub(crate) nonfinite: bool,
    /// A key is not a string (two keys may become one string).
    pub(crate) nonstring_keys: bool,
    /// Aliases whose anchored node was still open (it contains the alias).
    pub(crate) cyclic: Vec<NodeId>,
    /// Alias names: (alias node, the name's byte range), in node order (aliases
    /// are pushed as they are built, so the ids ascend).
    pub(crate) alias_names: Vec<(NodeId, (usize, usize))>,
    /// [`Doc::pairs`] may expand merge keys (the decoder went through them).
    pub(crate) expand: bool,
    /// Where this document is: its chunk (YAML) or value (JSON).
    pub(crate) span: (usize, usize),
    pub(crate) source: Source,
}

impl<'t> Doc<'t> {
    /// The whole input the positions refer to.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Where the document is in the input: its chunk (YAML) or value (JSON).
    pub fn span(&self) -> (usize, usize) {
        self.span
    }

    /// YAML or JSON.
    pub fn source(&self) -> Source {
        self.source
    }

    /// The root node; a document always has one (an empty document is a null scalar).
    pub fn root(&self) -> NodeId {
        NodeId(0)
    }

    /// The node `id` (not following aliases).
    pub fn node(&self, id: NodeId) -> &Node {
        &self.nodes[id.index()]
    }

    /// Every node, in the order they are written (parents before children).
    pub fn ids(&self) -> impl Iterator<Item = NodeId> + use<'_, 't> {
        (0..self.nodes.len()).map(|i| NodeId(i as u32))
    }

    /// How many nodes the document has.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Never: a document has at least its root.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The node itself, or the anchored node an alias points to.
    pub fn resolve(&self, id: NodeId) -> NodeId {
        match self.node(id).kind {
            Kind::Alias(target) => target,
            _ => id,
        }
    }

    /// What `id` is (not following aliases).
    pub fn kind(&self, id: NodeId) -> NodeKind {
        match self.node(id).kind {
            Kind::Scalar(_) => NodeKind::Scalar,
            Kind::Mapping(_) => NodeKind::Mapping,
            Kind::Sequence(_) => NodeKind::Sequence,
            Kind::Alias(_) => NodeKind::Alias,
        }
    }

    /// An alias's name (`x` for `*x`).
    pub fn alias_name(&self, id: NodeId) -> Option<&'t str> {
        let i = self.alias_names.binary_search_by_key(&id, |e| e.0).ok()?;
        let (a, b) = self.alias_names[i].1;
        Some(&self.text[a..b])
    }

    /// The mapping's pairs as the decoder applies them: in order, duplicates kept (the
    /// decoder keeps the last), merge keys (`<<`) expanded where they stand (a `<<`
    /// after explicit keys overrides them; `<<: [*a, *b]` applies `b` then `a`), the
    /// `<<` pairs themselves left out. Merged pairs are the anchored nodes' own, at
    /// the positions where they are written.
    pub fn pairs(&self, id: NodeId) -> Option<Pairs<'_, 't>> {
        match self.node(self.resolve(id)).kind {
            Kind::Mapping(r) => Some(Pairs {
                doc: self,
                current: r.of(&self.pair_store).iter(),
                stack: Vec::new(),
            }),
            _ => None,
        }
    }

    /// The mapping's pairs as written, merge keys included and not expanded.
    pub fn written_pairs(&self, id: NodeId) -> Option<&[(NodeId, NodeId)]> {
        match self.node(self.resolve(id)).kind {
            Kind::Mapping(r) => Some(r.of(&self.pair_store)),
            _ => None,
        }
    }

    /// The sequence's items (an item may be an alias: [`Doc::resolve`] it).
    pub fn items(&self, id: NodeId) -> Option<&[NodeId]> {
        match self.node(self.resolve(id)).kind {
            Kind::Sequence(r) => Some(r.of(&self.item_store)),
            _ => None,
        }
    }

    /// The scalar, if `id` is one (or an alias to one).
    pub fn scalar(&self, id: NodeId) -> Option<&Scalar<'t>> {
        match self.node(self.resolve(id)).kind {
            Kind::Scalar(i) => Some(&self.scalars[i as usize]),
            _ => None,
        }
    }

    /// The decoded value of a scalar.
    pub fn value(&self, id: NodeId) -> Option<&Value> {
        self.scalar(id).map(|s| &s.value)
    }

    /// The JSON key a key node becomes (sigs.k8s.io/yaml `convertToJSONableObject`):
    /// strings as they are, integers in decimal, `true`/`false`, floats as Go's
    /// `FormatFloat(f, 'g', -1, 32)` (`.inf`, `-.inf`, `.nan` for the non-finite);
    /// `None` for null and unsigned 64-bit keys (which kubectl refuses) and for
    /// mappings and sequences.
    pub fn key_text(&self, id: NodeId) -> Option<Cow<'_, str>> {
        let s = self.scalar(id)?;
        Some(match &s.value {
            Value::Str | Value::Number => Cow::Borrowed(s.text.as_ref()),
            Value::Int(i) => Cow::Owned(i.to_string()),
            Value::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
            Value::Float(f) => Cow::Owned(convert::float_key(*f)),
            Value::Binary(bytes) => Cow::Owned(convert::go_lossy(bytes)),
            Value::Null | Value::Uint(_) => return None,
        })
    }

    /// Whether the key node `id` becomes the JSON key `key`.
    pub fn key_is(&self, id: NodeId, key: &str) -> bool {
        match self.scalar(id) {
            Some(s) if matches!(s.value, Value::Str | Value::Number) => s.text == key,
            Some(_) => self.key_text(id).is_some_and(|k| k == key),
            None => false,
        }
    }

    /// The value of the *last* pair whose key is `key` (what the decoder keeps).
    pub fn get(&self, map: NodeId, key: &str) -> Option<NodeId> {
        self.entry(map, key).map(|(_, v)| v)
    }

    /// The *last* pair whose key is `key` (what the decoder keeps): its key node, where
    /// a finding about the field is marked, and its value.
    pub fn entry(&self, map: NodeId, key: &str) -> Option<(NodeId, NodeId)> {
        let mut found = None;
        for (k, v) in self.pairs(map)? {
            if self.key_is(k, key) {
                found = Some((k, v));
            }
        }
        found
    }

    /// Follows a path of mapping keys.
    pub fn get_path(&self, mut node: NodeId, path: &[&str]) -> Option<NodeId> {
        for key in path {
            node = self.get(node, key)?;
        }
        Some(node)
    }

    /// The node is null (an empty document, `~`, `null`, nothing, JSON `null`).
    pub fn is_null(&self, id: NodeId) -> bool {
        self.scalar(id).is_some_and(Scalar::is_null)
    }

    /// The node's JSON, as kubectl sends it (Go's `encoding/json.Marshal` of the
    /// decoded value: sorted keys, Go's number and string forms). `None` when it
    /// has no JSON (a key kubectl refuses, a float it cannot encode).
    pub fn json(&self, id: NodeId) -> Option<String> {
        convert::render(self, id)
    }
}

/// The pairs of a mapping with merge keys applied; see [`Doc::pairs`].
#[derive(Debug, Clone)]
pub struct Pairs<'d, 't> {
    doc: &'d Doc<'t>,
    /// The pairs being read; `stack` holds the mappings a merge interrupted (only
    /// allocated when there is a merge).
    current: std::slice::Iter<'d, (NodeId, NodeId)>,
    stack: Vec<std::slice::Iter<'d, (NodeId, NodeId)>>,
}

impl<'d> Pairs<'d, '_> {
    fn push(&mut self, pairs: &'d [(NodeId, NodeId)]) {
        let outer = std::mem::replace(&mut self.current, pairs.iter());
        self.stack.push(outer);
    }
}

impl Iterator for Pairs<'_, '_> {
    type Item = (NodeId, NodeId);

    fn next(&mut self) -> Option<(NodeId, NodeId)> {
        loop {
            let &(k, v) = match self.current.next() {
                Some(pair) => pair,
                None => {
                    self.current = self.stack.pop()?;
                    continue;
                }
            };
            let merge = matches!(self.doc.node(k).kind, Kind::Scalar(i)
                if self.doc.scalars[i as usize].is_merge_key());
            if !merge {
                return Some((k, v));
            }
            if !self.doc.expand || self.stack.len() > MAX_MERGE_DEPTH {
                continue;
            }
            let doc = self.doc;
            let source = doc.resolve(v);
            match doc.node(source).kind {
                Kind::Mapping(r) => self.push(r.of(&doc.pair_store)),
                Kind::Sequence(r) => {
                    // Applied last to first: the last item is read first.
                    for &item in r.of(&doc.item_store) {
                        if let Kind::Mapping(m) = doc.node(doc.resolve(item)).kind {
                            self.push(m.of(&doc.pair_store));
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A bound on nested merges in [`Pairs`] (the decoder's own walk is bounded by its
/// alias limits; this keeps the iterator finite on documents it refused).
const MAX_MERGE_DEPTH: usize = 100_000;

/// What receives a document's nodes, in the order they are written: the tree
/// [`Builder`], or a consumer that keeps only part of a document (a `kind: List`'s
/// items one at a time). The YAML parser's events and the JSON parser both feed it.
#[allow(clippy::too_many_arguments)]
pub(crate) trait Sink<'t> {
    /// A scalar; `tag` is the resolved tag; `value` when already known (JSON);
    /// `span` is (content start, end, properties start).
    fn scalar(
        &mut self,
        text: Cow<'t, str>,
        style: Style,
        tag: Option<String>,
        implicit: bool,
        value: Option<Value>,
        span: (usize, usize, usize),
        anchor: Option<(usize, usize)>,
    );
    /// An alias `*name` (the name's byte range).
    fn alias(&mut self, name: (usize, usize), span: (usize, usize)) -> Result<(), BuildError>;
    /// A mapping or sequence starts; `span` is (content start, properties start).
    fn open(
        &mut self,
        mapping: bool,
        flow: bool,
        span: (usize, usize),
        anchor: Option<(usize, usize)>,
    );
    /// The innermost open collection ends.
    fn close(&mut self, end: usize);
}

impl<'t> Sink<'t> for Builder<'t> {
    fn scalar(
        &mut self,
        text: Cow<'t, str>,
        style: Style,
        tag: Option<String>,
        implicit: bool,
        value: Option<Value>,
        span: (usize, usize, usize),
        anchor: Option<(usize, usize)>,
    ) {
        Builder::scalar(self, text, style, tag, implicit, value, span, anchor);
    }

    fn alias(&mut self, name: (usize, usize), span: (usize, usize)) -> Result<(), BuildError> {
        Builder::alias(self, name, span)
    }

    fn open(
        &mut self,
        mapping: bool,
        flow: bool,
        span: (usize, usize),
        anchor: Option<(usize, usize)>,
    ) {
        Builder::open(self, mapping, flow, span, anchor);
    }

    fn close(&mut self, end: usize) {
        Builder::close(self, end);
    }
}

/// What the tree builder reports.
#[derive(Debug)]
pub(crate) enum BuildError {
    /// `unknown anchor 'x' referenced`, at the alias.
    UnknownAnchor(String, usize),
}

/// Builds one document from events.
#[derive(Debug)]
pub(crate) struct Builder<'t> {
    doc: Doc<'t>,
    open: Vec<Open>,
    pair_stack: Vec<(NodeId, NodeId)>,
    item_stack: Vec<NodeId>,
    anchors: HashMap<&'t str, NodeId>,
    open_set: Vec<bool>,
}

#[derive(Debug, Clone, Copy)]
struct Open {
    node: NodeId,
    mapping: bool,
    from: usize,
    key: Option<NodeId>,
    flow: bool,
}

impl<'t> Builder<'t> {
    pub fn new(text: &'t str, span: (usize, usize), source: Source) -> Builder<'t> {
        // Room for what manifests usually hold, so that the stores rarely grow.
        let len = span.1.saturating_sub(span.0);
        Builder {
            doc: Doc {
                text,
                nodes: Vec::with_capacity(len / 10 + 1),
                scalars: Vec::with_capacity(len / 14 + 1),
                pair_store: Vec::with_capacity(len / 24),
                item_store: Vec::with_capacity(len / 64),
                post: Vec::with_capacity(len / 10 + 1),
                scalar_errors: Vec::new(),
                has_alias: false,
                has_merge: false,
                has_collection_key: false,
                suspect_keys: false,
                nonfinite: false,
                nonstring_keys: false,
                cyclic: Vec::new(),
                alias_names: Vec::new(),
                expand: true,
                span,
                source,
            },
            open: Vec::new(),
            pair_stack: Vec::new(),
            item_stack: Vec::new(),
            anchors: HashMap::new(),
            open_set: Vec::with_capacity(len / 10 + 1),
        }
    }

    fn push(&mut self, node: Node) -> NodeId {
        let id = NodeId(u32::try_from(self.doc.nodes.len()).unwrap_or(u32::MAX));
        self.doc.nodes.push(node);
        self.open_set.push(false);
        id
    }

    fn anchor(&mut self, name: Option<(usize, usize)>, id: NodeId) {
        if let Some((a, b)) = name {
            self.anchors.insert(&self.doc.text[a..b], id);
        }
    }

    /// A scalar; `tag` is the resolved tag ("" for none).
    #[allow(clippy::too_many_arguments)]
    pub fn scalar(
        &mut self,
        text: Cow<'t, str>,
        style: Style,
        tag: Option<String>,
        implicit: bool,
        value: Option<Value>,
        span: (usize, usize, usize),
        anchor: Option<(usize, usize)>,
    ) {
        let value = match value {
            Some(v) => Ok(v),
            None => resolve::scalar_value(tag.as_deref().unwrap_or(""), implicit, &text),
        };
        let (start, end, props) = span;
        let index = u32::try_from(self.doc.scalars.len()).unwrap_or(u32::MAX);
        let id = self.push(Node {
            start,
            end,
            props,
            kind: Kind::Scalar(index),
        });
        let value = match value {
            Ok(v) => v,
            Err(message) => {
                self.doc.scalar_errors.push((id, message));
                Value::Str
            }
        };
        let scalar = Scalar {
            text,
            style,
            tag: tag.map(String::into_boxed_str),
            value,
            implicit,
        };
        let is_key = matches!(self.open.last(), Some(o) if o.mapping && o.key.is_none());
        if is_key {
            if scalar.is_merge_key() {
                self.doc.has_merge = true;
            }
            if matches!(scalar.value, Value::Null | Value::Uint(_)) {
                self.doc.suspect_keys = true;
            }
            if !matches!(scalar.value, Value::Str | Value::Number) {
                self.doc.nonstring_keys = true;
            }
        }
        if matches!(scalar.value, Value::Float(f) if !f.is_finite()) {
            self.doc.nonfinite = true;
        }
        self.doc.scalars.push(scalar);
        self.anchor(anchor, id);
        self.doc.post.push(id);
        self.attach(id);
    }

    /// An alias `*name` (the name's byte range).
    pub fn alias(&mut self, name: (usize, usize), span: (usize, usize)) -> Result<(), BuildError> {
        let text = &self.doc.text[name.0..name.1];
        let Some(&target) = self.anchors.get(text) else {
            return Err(BuildError::UnknownAnchor(text.to_owned(), span.0));
        };
        let id = self.push(Node {
            start: span.0,
            end: span.1,
            props: span.0,
            kind: Kind::Alias(target),
        });
        self.doc.has_alias = true;
        self.doc.alias_names.push((id, name));
        if self.open_set[target.index()] {
            self.doc.cyclic.push(id);
        }
        self.doc.post.push(id);
        if self.attach(id) {
            match self.doc.nodes[target.index()].kind {
                Kind::Mapping(_) | Kind::Sequence(_) => self.doc.has_collection_key = true,
                Kind::Scalar(i) => {
                    let value = &self.doc.scalars[i as usize].value;
                    if matches!(value, Value::Null | Value::Uint(_)) {
                        self.doc.suspect_keys = true;
                    }
                    if !matches!(value, Value::Str | Value::Number) {
                        self.doc.nonstring_keys = true;
                    }
                }
                Kind::Alias(_) => {}
            }
        }
        Ok(())
    }

    /// Opens a mapping or sequence.
    pub fn open(
        &mut self,
        mapping: bool,
        flow: bool,
        span: (usize, usize),
        anchor: Option<(usize, usize)>,
    ) {
        let (start, props) = span;
        let kind = if mapping {
            Kind::Mapping(Range::default())
        } else {
            Kind::Sequence(Range::default())
        };
        let id = self.push(Node {
            start,
            end: start,
            props,
            kind,
        });
        self.anchor(anchor, id);
        self.open_set[id.index()] = true;
        let is_key = self.attach(id);
        if is_key {
            self.doc.has_collection_key = true;
        }
        let from = if mapping {
            self.pair_stack.len()
        } else {
            self.item_stack.len()
        };
        self.open.push(Open {
            node: id,
            mapping,
            from,
            key: None,
            flow,
        });
    }

    /// Closes the innermost collection; `end` is where its closing bracket ends (flow)
    /// or where the end event is (block: the last child's end is used instead).
    pub fn close(&mut self, end: usize) {
        let Some(open) = self.open.pop() else { return };
        let doc = &mut self.doc;
        let (range, last_end) = if open.mapping {
            let r = stored(&mut doc.pair_store, &mut self.pair_stack, open.from);
            let last = r
                .of(&doc.pair_store)
                .last()
                .map(|&(k, v)| doc.nodes[k.index()].end.max(doc.nodes[v.index()].end));
            (r, last)
        } else {
            let r = stored(&mut doc.item_store, &mut self.item_stack, open.from);
            let last = r
                .of(&doc.item_store)
                .last()
                .map(|&i| doc.nodes[i.index()].end);
            (r, last)
        };
        let node = &mut doc.nodes[open.node.index()];
        node.kind = if open.mapping {
            Kind::Mapping(range)
        } else {
            Kind::Sequence(range)
        };
        node.end = if open.flow {
            end
        } else {
            last_end.unwrap_or(node.start).max(node.start)
        };
        self.open_set[open.node.index()] = false;
        doc.post.push(open.node);
    }

    /// Adds a node to the innermost open collection; true if it is a mapping key.
    fn attach(&mut self, id: NodeId) -> bool {
        let Some(open) = self.open.last_mut() else {
            return false;
        };
        if !open.mapping {
            self.item_stack.push(id);
            return false;
        }
        match open.key.take() {
            None => {
                open.key = Some(id);
                true
            }
            Some(key) => {
                self.pair_stack.push((key, id));
                false
            }
        }
    }

    /// The document (an empty one is a null scalar at `at`).
    pub fn finish(mut self, at: usize) -> Doc<'t> {
        while !self.open.is_empty() {
            self.close(at);
        }
        if self.doc.nodes.is_empty() {
            self.scalar(
                Cow::Borrowed(""),
                Style::Plain,
                None,
                true,
                Some(Value::Null),
                (at, at, at),
                None,
            );
        }
        self.doc
    }
}

/// Moves the children above `from` on `stack` to the end of `store`; their range there.
fn stored<T>(store: &mut Vec<T>, stack: &mut Vec<T>, from: usize) -> Range {
    let start = u32::try_from(store.len()).unwrap_or(u32::MAX);
    let len = u32::try_from(stack.len() - from).unwrap_or(u32::MAX);
    store.extend(stack.drain(from..));
    Range { start, len }
}
