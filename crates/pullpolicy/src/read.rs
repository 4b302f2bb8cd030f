//! Reading input the way `kubectl apply` does, stage by stage (issue #15), proven
//! against the Go libraries themselves (`tests/oracle`, `tests/read_oracle.rs`,
//! `fuzz/fuzz_targets/read_diff.rs`):
//!
//! 0. **The file's bytes** ([`kubectl_text`]): cli-runtime's `FileVisitor` drops a
//!    byte order mark, decodes UTF-16, replaces invalid UTF-8.
//! 1. **Cutting the stream** (`stream`): lines that start with `---` cut a YAML
//!    stream into chunks (`invalid Yaml document separator: …` otherwise); input
//!    that starts with `{` is a JSON stream read by Go's `encoding/json` (from 1.33
//!    a JSON failure falls back to YAML: [`JsonStreams`]).
//! 2. **go-yaml v2.4.0 per chunk** (`scan`, `parse`, `tree`, `decode`, `resolve`):
//!    one document per chunk (anything after `...` or a second document start is
//!    never read), YAML 1.1 values, merge keys in v2's order, `!!binary`, its exact
//!    errors (`yaml: line N: …`, N counted from the chunk's start, 0-based for parser
//!    errors, as kubectl prints it), its alias and depth limits.
//! 3. **YAML → JSON** (`convert`): sigs.k8s.io/yaml's key conversion and
//!    `encoding/json`'s refusals (`json: unsupported value: +Inf`).
//!
//! # Use
//!
//! [`read`] returns a [`Reader`], an iterator of [`Item`]s in the order of the text:
//! every document ([`Document`]: its tree, or the error kubectl prints for it), and
//! the stream errors that stop kubectl ([`Item::Stop`]). kubectl stops at the first
//! error of any kind; the reader reads on where it can and marks what kubectl never
//! gets ([`Document::reached`]). [`Document::skipped`]: kubectl skips empty and
//! `null` documents.
//!
//! A [`Doc`] is an arena: [`Doc::root`], [`Doc::node`] (where it is written: byte
//! offsets `start..end`, and `props` where its anchor or tag starts; convert with
//! `SourceMap::position_of_bytes`), [`Doc::pairs`] (merge keys applied as the decoder
//! does, duplicates kept in order), [`Doc::get`] (the last pair wins, as in the
//! decoder's map), [`Doc::get_path`], [`Doc::items`], [`Doc::scalar`] (the text as
//! go-yaml reads it, the [`Style`] and tag as written, the decoded [`Value`]),
//! [`Doc::key_text`] (the JSON key a key becomes: `yes:` is `"true"`),
//! [`Doc::is_null`], [`Doc::json`] (the node's JSON as kubectl sends it). Aliases
//! are not expanded: an alias node points to its anchored node, and merged pairs are
//! the anchored nodes' own, at the positions where they are written. Every
//! [`ReadError`] has a stage, a kind, kubectl's exact text and a byte offset.
//!
//! # Events, and reading part of a document at a time
//!
//! The YAML parser (`parse::Parser`) yields events one at a time; the JSON parser
//! (`json::parse_value`) and `feed_chunk` (YAML) hand nodes to a `tree::Sink`, which
//! the tree `Builder` implements. A consumer that must not hold a whole document
//! (a 300 MB `kind: List`) implements `Sink` itself: it builds the small keys of the
//! root mapping, and under `items` opens a fresh builder per item and hands each
//! item's tree on when it closes (keeping only the anchored nodes later aliases can
//! point to). What needs the whole document — a later duplicate `items` key, the
//! decoder's alias count, a stage-3 error anywhere — is known at the end; findings
//! of items already handed on are then withdrawn, which costs findings, not trees.

mod convert;
mod decode;
mod json;
mod parse;
mod resolve;
mod scan;
mod stream;
mod tree;

pub use resolve::Value;
pub use scan::Style;
pub use stream::kubectl_text;
pub(crate) use stream::looks_like_json;
pub use tree::{Doc, Node, NodeId, NodeKind, Pairs, Scalar, Source};

use parse::{EventKind, Parser};
use scan::{Scanner, Stage as ScanStage, Text};
use std::borrow::Cow;
use tree::{BuildError, Builder, Sink};

/// The JSON object kubectl sends for mapping `map`: (key bytes, key node, value node),
/// sorted by key, one entry per key (merges applied, the last value kept); `None` if a
/// key has no JSON string (kubectl refuses the document before it is sent).
pub(crate) fn json_object<'d>(
    doc: &'d Doc<'_>,
    map: NodeId,
) -> Option<Vec<convert::JsonEntry<'d>>> {
    convert::json_entries(doc, map, &mut convert::Effects::default()).ok()
}

/// How Kubernetes reads a stream that starts with `{` (apimachinery decoder.go).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum JsonStreams {
    /// Up to 1.32 (apimachinery v0.32): JSON only; a syntax error is final.
    JsonOnly,
    /// 1.33 (v0.33.0): a JSON failure after at most one value falls back to YAML;
    /// a short first YAML chunk after a JSON value makes kubectl panic (its stream
    /// accounting slices out of range, fixed in v0.34).
    Fallback133,
    /// 1.34 and later: the fallback, fixed.
    #[default]
    Fallback,
}

/// Which Kubernetes reads the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ReadOptions {
    /// JSON streams.
    pub json: JsonStreams,
    /// sigs.k8s.io/yaml v1.3.0 (Kubernetes 1.28) writes `Unsupported map key`,
    /// v1.4.0 on `unsupported map key`.
    pub sigs_yaml_v1_3: bool,
}

/// The stage that refused the input, as the oracle names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorStage {
    /// Cutting the stream: a separator line, a JSON stream's syntax.
    Stream,
    /// go-yaml: syntax, anchors, decoding.
    Yaml,
    /// sigs.k8s.io/yaml: a key that cannot become a string.
    Convert,
    /// encoding/json: an infinite or NaN number.
    Marshal,
    /// kubectl 1.33 crashes.
    Panic,
}

/// What exactly refused the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// `invalid Yaml document separator: …`
    Separator,
    /// `json: offset N: invalid character …` (or without the offset: see the text).
    JsonSyntax,
    /// `unexpected EOF` in a JSON stream.
    JsonEof,
    /// go-yaml's reader: a character it does not accept.
    YamlReader,
    /// go-yaml's scanner.
    YamlScanner,
    /// go-yaml's parser.
    YamlParser,
    /// `unknown anchor 'x' referenced`.
    UnknownAnchor,
    /// go-yaml's decoder: a value that does not fit its tag, bad `!!binary`, a
    /// collection as a key, a merge of something that is not a mapping.
    Decode,
    /// go-yaml's alias limits: `document contains excessive aliasing`, `anchor 'x'
    /// value contains itself`.
    Aliasing,
    /// `unsupported map key of type: …`
    UnsupportedKey,
    /// `json: unsupported value: …`
    UnsupportedValue,
    /// kubectl 1.33's `runtime error: slice bounds out of range`.
    Panic,
}

/// Why kubectl refuses the input, where, and its exact words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReadError {
    /// The stage that refused it.
    pub stage: ErrorStage,
    /// What exactly.
    pub kind: ErrorKind,
    /// What kubectl prints after `error parsing <file>: ` (for YAML documents,
    /// `error converting YAML to JSON: yaml: line 3: …`).
    pub text: String,
    /// go-yaml's own message (`line 3: could not find expected ':'`) for YAML errors;
    /// the text otherwise.
    pub message: String,
    /// Where: a byte offset in the whole input.
    pub at: usize,
    /// For go-yaml's syntax errors, where what it was reading started (the simple
    /// key without its `:`, the quoted scalar without its end, the collection), when
    /// it says.
    pub context: Option<usize>,
}

/// One document of the stream.
#[derive(Debug, Clone)]
pub struct Document<'t> {
    /// 0-based, in stream order (empty documents count).
    pub index: usize,
    /// A YAML chunk or a JSON value.
    pub source: Source,
    /// The chunk (YAML) or value (JSON): byte offsets.
    pub span: (usize, usize),
    /// The tree; `None` when the text could not be parsed.
    pub doc: Option<Doc<'t>>,
    /// Why kubectl refuses the document (and stops there).
    pub error: Option<ReadError>,
    /// kubectl gets to this document: no earlier error stopped it.
    pub reached: bool,
    /// Why the JSON or the error's text may differ from kubectl's.
    pub uncertain: Option<Uncertainty>,
}

impl Document<'_> {
    /// kubectl skips the document: it decodes to nothing or `null`.
    pub fn skipped(&self) -> bool {
        self.error.is_none() && self.doc.as_ref().is_none_or(|d| d.is_null(d.root()))
    }
}

/// Why a document's result may differ from kubectl's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Uncertainty {
    /// Go's result depends on its map iteration order (two keys that become one
    /// string, such as `1` and `"1"`; two keys kubectl cannot convert; keys of mixed
    /// types printed in an error): this is one of Go's possible results.
    MapOrder,
    /// An error's text quotes non-ASCII text as Go's `strconv.Quote` does, whose
    /// table of printable characters is approximated for unassigned code points
    /// (`crate::reference::go_quote`).
    Quoting,
}

/// What [`Reader`] yields.
#[derive(Debug, Clone)]
pub enum Item<'t> {
    /// A document (boxed: a tree is much larger than an error).
    Document(Box<Document<'t>>),
    /// A stream error where kubectl stops (separator, JSON syntax).
    Stop(ReadError),
}

#[derive(Debug, Clone)]
enum Mode {
    Json { count: usize, end: usize },
    Yaml,
    Done,
}

/// Reads a whole input, document by document.
#[derive(Debug)]
pub struct Reader<'t> {
    text: &'t str,
    options: ReadOptions,
    /// Where the stream starts (after a byte order mark).
    base: usize,
    pos: usize,
    mode: Mode,
    index: usize,
    stopped: bool,
    /// The JSON error the first YAML decode after a fallback reports if it fails.
    json_error: Option<ReadError>,
    /// kubectl 1.33: the end of the JSON value before a fallback.
    panic_below: Option<usize>,
    /// How many bytes of the JSON stream precede `text` (a piece of it: `pieces`),
    /// for the offsets of its errors.
    offset_shift: usize,
    queue: std::collections::VecDeque<Item<'t>>,
}

/// Where the stream of `text` starts: after a byte order mark, which the reader skips.
pub(crate) fn stream_start(text: &str) -> usize {
    if text.starts_with('\u{feff}') { 3 } else { 0 }
}

/// Reads `text` (see [`kubectl_text`] for bytes) as kubectl does.
pub fn read(text: &str, options: ReadOptions) -> Reader<'_> {
    let base = stream_start(text);
    let mode = if stream::looks_like_json(&text.as_bytes()[base..]) {
        Mode::Json {
            count: 0,
            end: base,
        }
    } else {
        Mode::Yaml
    };
    Reader {
        text,
        options,
        base,
        pos: base,
        mode,
        index: 0,
        stopped: false,
        json_error: None,
        panic_below: None,
        offset_shift: 0,
        queue: std::collections::VecDeque::new(),
    }
}

/// Reads the YAML chunks of `text` from byte `start`, which is at the start of a line
/// right after a chunk ended (`pieces`: a text cut at `---` lines). `text` must not be a
/// JSON stream.
pub(crate) fn read_yaml_from(text: &str, start: usize, options: ReadOptions) -> Reader<'_> {
    let mut reader = read(text, options);
    if start > 0 {
        reader.pos = start;
        reader.mode = Mode::Yaml;
    }
    reader
}

/// Whether the JSON stream `text` starts with two values `encoding/json` reads: from
/// the third value on, a syntax error ends the stream, with no fallback to YAML (see
/// `Reader::json`), so the rest of it reads alike a part at a time (`pieces`).
pub(crate) fn json_values_settle(text: &str) -> bool {
    json::reads_values(text, stream_start(text), 2)
}

/// Reads `text`, a part of a JSON stream that starts where a value of it ended, after
/// its first two values ([`json_values_settle`]) and `offset_shift` bytes of it:
/// `text`'s values are read as the whole stream reads them.
pub(crate) fn read_json_from(text: &str, offset_shift: usize, options: ReadOptions) -> Reader<'_> {
    let mut reader = read(text, options);
    // From its first byte (a byte order mark there is not the stream's: an error).
    reader.base = 0;
    reader.pos = 0;
    reader.mode = Mode::Json { count: 2, end: 0 };
    reader.offset_shift = offset_shift;
    reader
}

impl<'t> Iterator for Reader<'t> {
    type Item = Item<'t>;

    fn next(&mut self) -> Option<Item<'t>> {
        loop {
            if let Some(item) = self.queue.pop_front() {
                return Some(item);
            }
            match self.mode.clone() {
                Mode::Done => return None,
                Mode::Json { count, end } => self.json(count, end),
                Mode::Yaml => self.yaml(),
            }
        }
    }
}

impl<'t> Reader<'t> {
    fn document(
        &mut self,
        source: Source,
        span: (usize, usize),
        doc: Option<Doc<'t>>,
        error: Option<ReadError>,
        uncertain: Option<Uncertainty>,
    ) {
        let reached = !self.stopped;
        if error.is_some() {
            self.stopped = true;
        }
        self.queue.push_back(Item::Document(Box::new(Document {
            index: self.index,
            source,
            span,
            doc,
            error,
            reached,
            uncertain,
        })));
        self.index += 1;
    }

    fn stop(&mut self, error: ReadError) {
        self.stopped = true;
        self.queue.push_back(Item::Stop(error));
    }

    fn json(&mut self, count: usize, end: usize) {
        match json::next_value(self.text, self.pos, self.base) {
            Ok(Some((doc, value_end))) => {
                self.pos = value_end;
                self.mode = Mode::Json {
                    count: count + 1,
                    end: value_end,
                };
                self.document(Source::Json, doc.span(), Some(doc), None, None);
            }
            Ok(None) => self.mode = Mode::Done,
            Err(e) => {
                let (kind, raw) = match &e {
                    json::JsonError::Syntax { message, .. } => {
                        (ErrorKind::JsonSyntax, message.clone())
                    }
                    json::JsonError::UnexpectedEof { .. } => {
                        (ErrorKind::JsonEof, "unexpected EOF".to_owned())
                    }
                };
                let wrapped = match &e {
                    json::JsonError::Syntax {
                        message, offset, ..
                    } => {
                        format!("json: offset {}: {message}", offset + self.offset_shift)
                    }
                    json::JsonError::UnexpectedEof { .. } => raw.clone(),
                };
                let error = |text: String| ReadError {
                    stage: ErrorStage::Stream,
                    kind,
                    message: text.clone(),
                    text,
                    at: e.at(),
                    context: None,
                };
                match self.options.json {
                    JsonStreams::JsonOnly => {
                        self.stop(error(wrapped));
                        self.mode = Mode::Done;
                    }
                    _ if count > 1 => {
                        self.stop(error(raw));
                        self.mode = Mode::Done;
                    }
                    json_mode => match stream::fallback_start(self.text.as_bytes(), end) {
                        None => {
                            self.stop(error(wrapped));
                            self.mode = Mode::Done;
                        }
                        Some(start) => {
                            self.json_error = Some(error(wrapped));
                            if json_mode == JsonStreams::Fallback133 && count == 1 {
                                self.panic_below = Some(end - self.base);
                            }
                            self.pos = start;
                            self.mode = Mode::Yaml;
                        }
                    },
                }
            }
        }
    }

    fn yaml(&mut self) {
        let (cut, next) = stream::next_chunk(self.text.as_bytes(), self.pos);
        self.pos = next;
        match cut {
            stream::Cut::End => self.mode = Mode::Done,
            stream::Cut::BadSeparator {
                pending,
                line,
                rest,
            } => {
                let error = match self.json_error.take() {
                    Some(json) => json,
                    None => {
                        let text = format!("invalid Yaml document separator: {rest}");
                        ReadError {
                            stage: ErrorStage::Stream,
                            kind: ErrorKind::Separator,
                            message: text.clone(),
                            text,
                            at: line.0,
                            context: None,
                        }
                    }
                };
                self.panic_below = None;
                let was = self.stopped;
                self.stopped = true;
                if let Some(chunk) = pending {
                    // kubectl stops at the separator, so it never decodes this chunk.
                    let (doc, error, uncertain) = read_chunk(self.text, chunk, self.options);
                    self.document(
                        Source::Yaml,
                        (chunk.start, chunk.end),
                        doc,
                        error,
                        uncertain,
                    );
                    if let Some(Item::Document(d)) = self.queue.back_mut() {
                        d.reached = false;
                    }
                }
                self.stopped = was;
                self.stop(error);
            }
            stream::Cut::Chunk(chunk) => {
                let (doc, mut error, uncertain) = read_chunk(self.text, chunk, self.options);
                if let Some(json) = self.json_error.take()
                    && error.is_some()
                {
                    error = Some(json);
                }
                if let Some(below) = self.panic_below.take()
                    && error.is_none()
                    && chunk.kubectl_len < below
                {
                    let text = format!(
                        "runtime error: slice bounds out of range [-{}:]",
                        below - chunk.kubectl_len
                    );
                    error = Some(ReadError {
                        stage: ErrorStage::Panic,
                        kind: ErrorKind::Panic,
                        message: text.clone(),
                        text,
                        at: chunk.start,
                        context: None,
                    });
                }
                self.document(
                    Source::Yaml,
                    (chunk.start, chunk.end),
                    doc,
                    error,
                    uncertain,
                );
            }
        }
    }
}

/// The prefix sigs.k8s.io/yaml puts on every error of its `Unmarshal`.
const CONVERTING: &str = "error converting YAML to JSON: ";

fn yaml_error(kind: ErrorKind, message: String, at: usize) -> ReadError {
    ReadError {
        stage: ErrorStage::Yaml,
        kind,
        text: format!("{CONVERTING}yaml: {message}"),
        message,
        at,
        context: None,
    }
}

/// go-yaml's parse of one chunk (its `Unmarshal` reads the first document only),
/// fed into `sink` event by event: where an empty document's null is, or the syntax
/// or anchor error.
fn feed_chunk<'t>(
    text: &'t str,
    chunk: stream::Chunk,
    sink: &mut impl Sink<'t>,
) -> Result<usize, ReadError> {
    let mut parser = Parser::new(Scanner::new(text, chunk.start, chunk.end));
    let end = chunk.end;
    let clamp = |p: usize| p.min(end);
    let mut at = chunk.start;
    loop {
        let event = match parser.next_event() {
            Ok(Some(e)) => e,
            Ok(None) => return Ok(at),
            Err(err) => {
                let kind = match err.stage {
                    ScanStage::Reader => ErrorKind::YamlReader,
                    ScanStage::Scanner => ErrorKind::YamlScanner,
                    ScanStage::Parser => ErrorKind::YamlParser,
                };
                let position = clamp(err.problem_mark.pos);
                let mut error = yaml_error(kind, err.message(), position);
                if err.stage != ScanStage::Reader && err.context_mark != Default::default() {
                    error.context = Some(clamp(err.context_mark.pos));
                }
                return Err(error);
            }
        };
        match event.kind {
            EventKind::StreamStart | EventKind::DocumentStart => at = clamp(event.end.pos),
            EventKind::StreamEnd | EventKind::DocumentEnd => return Ok(at),
            EventKind::Scalar => {
                let value = match event.text {
                    Text::Slice(a, b) => Cow::Borrowed(&text[clamp(a)..clamp(b)]),
                    Text::Owned(s) => Cow::Owned(s),
                };
                sink.scalar(
                    value,
                    event.style,
                    event.tag,
                    event.implicit,
                    None,
                    (
                        clamp(event.content.pos),
                        clamp(event.end.pos),
                        clamp(event.start.pos),
                    ),
                    event.anchor,
                );
            }
            EventKind::Alias => {
                let name = event.anchor.unwrap_or((event.start.pos, event.start.pos));
                if let Err(BuildError::UnknownAnchor(name, position)) =
                    sink.alias(name, (clamp(event.start.pos), clamp(event.end.pos)))
                {
                    let message = format!("unknown anchor '{name}' referenced");
                    return Err(yaml_error(ErrorKind::UnknownAnchor, message, position));
                }
            }
            EventKind::SequenceStart | EventKind::MappingStart => sink.open(
                event.kind == EventKind::MappingStart,
                event.flow,
                (clamp(event.content.pos), clamp(event.start.pos)),
                event.anchor,
            ),
            EventKind::SequenceEnd | EventKind::MappingEnd => sink.close(clamp(event.end.pos)),
        }
    }
}

/// go-yaml's `Unmarshal` of one chunk, then sigs.k8s.io/yaml's conversion.
fn read_chunk<'t>(
    text: &'t str,
    chunk: stream::Chunk,
    options: ReadOptions,
) -> (Option<Doc<'t>>, Option<ReadError>, Option<Uncertainty>) {
    let mut builder = Builder::new(text, (chunk.start, chunk.end), Source::Yaml);
    let at = match feed_chunk(text, chunk, &mut builder) {
        Ok(at) => at,
        Err(e) => return (None, Some(e), None),
    };
    let mut doc = builder.finish(at);
    let mut effects = convert::Effects::default();
    if let Some(e) = decode::check(&doc, &mut effects) {
        if e.aliasing {
            doc.expand = false;
        }
        let kind = if e.aliasing {
            ErrorKind::Aliasing
        } else {
            ErrorKind::Decode
        };
        let at = doc.node(e.at).start;
        return (
            Some(doc),
            Some(yaml_error(kind, e.text, at)),
            effects.uncertainty(),
        );
    }
    if let Some(e) = convert::check(&doc, options.sigs_yaml_v1_3, &mut effects) {
        let (stage, kind) = if e.marshal {
            (ErrorStage::Marshal, ErrorKind::UnsupportedValue)
        } else {
            (ErrorStage::Convert, ErrorKind::UnsupportedKey)
        };
        let at = doc.node(e.at).start;
        let error = ReadError {
            stage,
            kind,
            text: format!("{CONVERTING}{}", e.text),
            message: e.text,
            at,
            context: None,
        };
        return (Some(doc), Some(error), effects.uncertainty());
    }
    if doc.nonstring_keys {
        // Whether two keys become one string (Go's order decides which stays).
        let mut out = String::new();
        convert::render_into(&doc, doc.root(), &mut out, &mut effects);
    }
    (Some(doc), None, effects.uncertainty())
}

/// One document as the project's Go oracle prints it (`tests/oracle`): what
/// kubectl decodes, up to its first error.
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OracleEntry {
    /// A decoded document: `yaml` or `json`, its JSON, kubectl skips it.
    Doc {
        src: &'static str,
        json: String,
        skip: bool,
        /// For a document of a kind the core types, at the newest Kubernetes: the API
        /// server decoder's first type error (`""` when it decodes), and the unknown
        /// fields strict validation lists (`""` when none, or after a type error).
        decoding: Option<(String, String)>,
    },
    /// The error kubectl stops at: the stage's name and the text.
    Error { stage: &'static str, text: String },
}

/// What kubectl decodes from `text`, in the oracle's form, and why it may differ.
#[doc(hidden)]
pub fn oracle_entries(text: &str, options: ReadOptions) -> (Vec<OracleEntry>, Option<Uncertainty>) {
    let mut out = Vec::new();
    let mut uncertain = None;
    let error = |e: &ReadError| OracleEntry::Error {
        stage: match e.stage {
            ErrorStage::Stream => "stream",
            ErrorStage::Yaml => "yaml",
            ErrorStage::Convert => "convert",
            ErrorStage::Marshal => "marshal",
            ErrorStage::Panic => "panic",
        },
        text: e.text.clone(),
    };
    for item in read(text, options) {
        match item {
            Item::Stop(e) => {
                out.push(error(&e));
                break;
            }
            Item::Document(d) if !d.reached => {}
            Item::Document(d) => {
                uncertain = uncertain.or(d.uncertain);
                if let Some(e) = &d.error {
                    out.push(error(e));
                    break;
                }
                let Some(doc) = &d.doc else { continue };
                out.push(OracleEntry::Doc {
                    src: match d.source {
                        Source::Yaml => "yaml",
                        Source::Json => "json",
                    },
                    json: doc.json(doc.root()).unwrap_or_default(),
                    skip: d.skipped(),
                    decoding: if d.skipped() {
                        None
                    } else {
                        crate::gotypes::oracle_decoding(doc)
                    },
                });
            }
        }
    }
    (out, uncertain)
}

#[cfg(test)]
mod tests;
