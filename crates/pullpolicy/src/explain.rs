//! The driver: documents → objects → pod specs → entries, the way `kubectl apply` and then
//! the API server go (`kubectl-reading-pipeline.md` §4, §6, §7).
//!
//! For each document, in kubectl's order (cli-runtime v0.36.2 `pkg/resource/visitor.go`
//! `StreamVisitor.Visit`, `mapper.go`, `FlattenListVisitor`; kubectl `pkg/validation`):
//!
//! 1. an empty or `null` document is skipped;
//! 2. kubectl's client-side check (`ValidateSchema` → `getObjectKind`): a document that is
//!    not a mapping, or whose `apiVersion` or `kind` is missing or malformed, is refused
//!    and kubectl **stops reading the stream** (`StreamVisitor` returns): later documents
//!    are never sent ([`assemble`] marks them);
//! 3. decoding (`unstructured.UnstructuredJSONScheme`): any document with `items` is a
//!    list, flattened into its items (an item without `kind` and `apiVersion` takes the
//!    list's kind without `List` and the list's apiVersion); an empty `kind` cannot be
//!    decoded;
//! 4. the REST mapping ([`crate::mapping`]): a miss is reported and kubectl goes on with
//!    the next document (`EagerVisitorList` collects the error; `kubectl apply` applies
//!    every object it could read and exits 1 at the end);
//! 5. the API server: a lower-case kind is not in its scheme; then decoding, strict
//!    decoding and validation ([`crate::pod`], [`crate::strict`]).
//!
//! Every refusal is recorded with [`Document::refuse`] (its words and its error finding);
//! an object that is never created has no effective policy ([`Document::settle`], run on
//! every document in [`assemble`]).

use crate::decode::{self, Decoded};
use crate::fields::ObjectType;
use crate::gotypes::Decoder;
use crate::mapping::{self, Mapping};
use crate::messages::{self, BadName, NotSent, NotServed, ReadAs, Rejects, Unnamed};
use crate::names;
use crate::options::Options;
use crate::pod::{self, PodContext, Verdict};
use crate::read::{self, Doc, NodeId, NodeKind};
use crate::report::{
    Document, DocumentStatus, Refusal, RefusedBy, Report, SCHEMA_VERSION, Summary, SyntaxError,
};
use crate::selectors;
use crate::source::{Position, SourceMap};
use crate::strict;

/// Explains every image-bearing entry of `source`: a YAML stream, JSON, a bare pod spec,
/// container or list of containers. Pure: no I/O, clock or randomness; never panics.
///
/// The text is read as kubectl reads it ([`crate::read`]: its stream cutting, go-yaml
/// v2 per document, the YAML → JSON conversion, per release). A document kubectl cannot
/// read is recorded as unreadable, refused with its error finding (`messages::read_refusal`); kubectl
/// stops there, so every object after it is never sent (`assemble`).
pub fn explain(source: &str, options: &Options) -> Report {
    let map = SourceMap::new(source);
    let mut carry = Carry::default();
    let items = read::read(source, options.kubernetes_version.read_options());
    let mut read = Read::default();
    read_items(items, &map, source.len(), options, &mut carry, &mut read);
    crate::kubelet::simulate(&mut read.documents, options);
    stop_stream(&mut read.documents, &read.unreached, options);
    assemble(read.documents, read.syntax_errors, options)
}

/// What kubectl's reading carries from one document of a stream to the next: a piece
/// of a long stream is read from the state the pieces before it left (`pieces`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Carry {
    /// The stream index of the next document (or stream error).
    pub next: usize,
    /// kubectl's own read error (the first it meets) is recorded: later errors, and
    /// that of a chunk kubectl never decodes, are reported too (errors kubectl would
    /// meet once the first is fixed), but only kubectl's stops the stream.
    pub stopped: bool,
}

/// The documents of a stream's reader, analysed (not yet simulated).
#[derive(Default)]
pub(crate) struct Read {
    pub documents: Vec<Document>,
    pub syntax_errors: Vec<SyntaxError>,
    /// Documents kubectl never decodes although no error precedes them: the chunk it
    /// was reading when it met an invalid separator line.
    pub unreached: Vec<usize>,
}

/// Analyses the documents `items` reads (a stream of `len` bytes) into `read`,
/// numbered from `carry.next` on; `carry` is left as kubectl leaves it.
#[inline(always)]
pub(crate) fn read_items<'t>(
    items: impl Iterator<Item = read::Item<'t>>,
    map: &SourceMap<'_>,
    len: usize,
    options: &Options,
    carry: &mut Carry,
    read: &mut Read,
) {
    let first = carry.next;
    // Each document is analysed as soon as it is read, then dropped. Documents and
    // errors arrive in order, so the report needs no sorting.
    // A stream error (an invalid separator line, a JSON stream's syntax) is a record of
    // its own, numbered in stream order: the documents after it move up by one.
    let mut shift = 0;
    for item in items {
        let (index, error, reached) = match item {
            read::Item::Document(d) => {
                let index = first + d.index + shift;
                carry.next = index + 1;
                match (d.error, d.doc) {
                    (None, Some(doc)) => {
                        if !d.reached {
                            read.unreached.push(index);
                        }
                        let cx = Cx {
                            map,
                            options,
                            index,
                        };
                        read_document(&cx, &doc, &mut read.documents);
                        continue;
                    }
                    (Some(e), _) => (index, e, d.reached),
                    // A document without a tree always carries its error.
                    (None, None) => continue,
                }
            }
            read::Item::Stop(e) => {
                shift += 1;
                carry.next += 1;
                (carry.next - 1, e, true)
            }
        };
        let kubectls = reached && !carry.stopped;
        carry.stopped |= kubectls;
        let error = Unreadable {
            index,
            error: &error,
            kubectls,
        };
        unreadable(
            map,
            len,
            error,
            &mut read.documents,
            &mut read.syntax_errors,
        );
    }
}

/// A document kubectl cannot read (or the stream error it stops at): an unreadable
/// record at the error's position, refused with its error finding there, and the syntax
/// error.
fn unreadable(
    map: &SourceMap<'_>,
    len: usize,
    Unreadable {
        index,
        error,
        kubectls,
    }: Unreadable<'_>,
    documents: &mut Vec<Document>,
    syntax_errors: &mut Vec<SyntaxError>,
) {
    // A JSON value cut short is marked where the text ends (the reader gives where the
    // value starts, which is where its record starts).
    let at = if error.kind == read::ErrorKind::JsonEof {
        len
    } else {
        error.at
    };
    let position = map.position_of_bytes(at, at);
    let mut d = Document::new(index, None, position, DocumentStatus::Unreadable);
    let finding = messages::read_refusal(position, error);
    d.refuse(by_kubectl(kubectls, error.text.clone(), finding));
    documents.push(d);
    syntax_errors.push(SyntaxError {
        document: index,
        message: error.text.clone(),
        position,
    });
}

/// A read error, and whether it is the one kubectl stops at.
struct Unreadable<'e> {
    index: usize,
    error: &'e read::ReadError,
    kubectls: bool,
}

/// The report of analysed, simulated `documents`, with its summary: the objects after a
/// document at which kubectl stops reading are marked never sent, and no refused object
/// keeps a policy. The one way out of [`explain`] and `pieces::join`.
pub(crate) fn assemble(
    mut documents: Vec<Document>,
    syntax_errors: Vec<SyntaxError>,
    options: &Options,
) -> Report {
    stop_stream(&mut documents, &[], options);
    for d in &mut documents {
        d.settle();
    }
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        kubernetes_version: options.kubernetes_version,
        documents,
        syntax_errors,
        summary: Summary::default(),
    };
    report.summarize();
    report
}

/// The document at which kubectl stops reading a stream: the first it cannot read or
/// its client-side check refuses (`StreamVisitor.Visit` returns the error).
#[derive(Debug, Clone)]
pub(crate) struct Stop {
    index: usize,
    line: u32,
    /// kubectl's error there.
    error: String,
}

impl Stop {
    /// The first of `documents` at which kubectl stops.
    pub(crate) fn of(documents: &[Document]) -> Option<Stop> {
        let d = documents.iter().find(|d| d.stops_stream())?;
        Some(Stop {
            index: d.index,
            line: d.position.line,
            error: d.kubectl_error().unwrap_or_default().to_owned(),
        })
    }
}

/// kubectl stops reading a stream at the first document it cannot read or its
/// client-side check refuses: see [`stop_at`].
fn stop_stream(documents: &mut [Document], unreached: &[usize], options: &Options) {
    if let Some(stop) = Stop::of(documents) {
        stop_at(documents, unreached, &stop, options);
    }
}

/// kubectl stops reading a stream at `stop`: every object after it, and those of the
/// `unreached` documents before it (the chunk kubectl was reading when it met an
/// invalid separator), is never sent.
pub(crate) fn stop_at(
    documents: &mut [Document],
    unreached: &[usize],
    Stop { index, line, error }: &Stop,
    options: &Options,
) {
    for d in documents.iter_mut() {
        // Objects kubectl would have sent (documents without a kind carry their own
        // refusal; empty ones are skipped by kubectl anyway).
        let after = d.index > *index || unreached.contains(&d.index);
        if after && d.kind.is_some() && d.kubectl_error().is_none() {
            let finding =
                messages::not_sent(d.position, NotSent::StreamStopped { line: *line, error });
            d.refuse(Refusal::new(
                RefusedBy::Kubectl {
                    stops_stream: false,
                },
                error.clone(),
                finding,
            ));
            // Its entries never reach a node: simulated again as such.
            crate::kubelet::simulate(std::slice::from_mut(d), options);
        }
    }
}

pub(crate) struct Cx<'r> {
    pub map: &'r SourceMap<'r>,
    pub options: &'r Options,
    /// The index of the document being read, in the stream.
    pub index: usize,
}

impl Cx<'_> {
    pub fn pos(&self, doc: &Doc<'_>, id: NodeId) -> Position {
        let n = doc.node(id);
        self.map.position_of_bytes(n.start, n.end.max(n.start))
    }
}

/// A refusal by kubectl before it sends anything.
fn by_kubectl(stops_stream: bool, text: String, finding: crate::Finding) -> Refusal {
    Refusal::new(RefusedBy::Kubectl { stops_stream }, text, finding)
}

pub(crate) fn read_document(cx: &Cx<'_>, doc: &Doc<'_>, out: &mut Vec<Document>) {
    let root = doc.root();
    // kubectl skips empty and `null` documents.
    if doc.is_null(root) {
        let mut d = record(cx, doc, root, None);
        skip(&mut d, None);
        out.push(d);
        return;
    }
    if doc.pairs(root).is_none() {
        let mut d = record(cx, doc, root, None);
        let read_as = if pod::container_list(cx, doc, root, &mut d) {
            d.status = DocumentStatus::Fragment;
            d.findings
                .push(messages::fragment(d.position, "a list of containers"));
            ReadAs::Fragment
        } else {
            skip(&mut d, None);
            ReadAs::Nothing
        };
        let text = messages::kubectl_validation(&[INVALID_OBJECT.to_owned()]);
        let finding = messages::not_an_object(d.position, &text, read_as);
        d.refuse(by_kubectl(true, text, finding));
        out.push(d);
        return;
    }
    let meta = TypeMeta::read(doc, root);
    let problems = meta.problems();
    if !problems.is_empty() {
        let text = messages::kubectl_validation(&problems);
        let at = cx.pos(doc, root);
        match meta.kind {
            Field::Str(kind) => {
                // The apiVersion to write, when it is the problem and the kind is served.
                let fix = match meta.api_version {
                    Field::Str(v) if mapping::parse_group_version(v).is_some() => None,
                    _ => mapping::served_instead(cx.options.kubernetes_version, "", kind)
                        .filter(|(_, k)| *k == kind)
                        .map(|(gv, _)| format!("apiVersion: {gv}")),
                };
                let finding = messages::kind_missing(at, &text, ReadAs::Object, fix);
                let target = Target::object(kind, meta.api_version.text());
                read_object(
                    cx,
                    doc,
                    root,
                    target,
                    Some(by_kubectl(true, text, finding)),
                    out,
                );
            }
            _ => {
                let mut d = record(cx, doc, root, None);
                d.api_version = Some(meta.api_version.text())
                    .filter(|v| !v.is_empty())
                    .map(str::to_owned);
                let read_as = read_fragment(cx, doc, root, &mut d);
                let finding = messages::kind_missing(d.position, &text, read_as, None);
                d.refuse(by_kubectl(true, text, finding));
                out.push(d);
            }
        }
        return;
    }
    let (Field::Str(kind), Field::Str(api_version)) = (meta.kind, meta.api_version) else {
        return;
    };
    match doc.get(root, "items") {
        Some(items) => read_list(cx, doc, root, items, kind, api_version, out),
        None => read_object(cx, doc, root, Target::object(kind, api_version), None, out),
    }
}

/// `getObjectKind`'s error for a document that is not a mapping.
const INVALID_OBJECT: &str = "invalid object to validate";

/// A `kind` or `apiVersion` as kubectl's client-side check sees it.
#[derive(Debug, Clone, Copy)]
enum Field<'d> {
    /// Absent or null.
    Missing,
    /// A boolean, number, mapping or sequence.
    NotString,
    Str(&'d str),
}

impl<'d> Field<'d> {
    fn read(doc: &'d Doc<'_>, map: NodeId, key: &str) -> Field<'d> {
        match decode::string_field(doc, map, key).0 {
            Decoded::Absent | Decoded::Null => Field::Missing,
            Decoded::Str(s) => Field::Str(s),
            Decoded::Bool(_) | Decoded::Number(_) | Decoded::Collection(_) => Field::NotString,
        }
    }

    /// The string, `""` for anything else (`unstructured`'s `GetKind`/`GetAPIVersion`).
    fn text(self) -> &'d str {
        match self {
            Field::Str(s) => s,
            _ => "",
        }
    }
}

/// An object's `apiVersion` and `kind`.
#[derive(Debug, Clone, Copy)]
struct TypeMeta<'d> {
    api_version: Field<'d>,
    kind: Field<'d>,
}

impl<'d> TypeMeta<'d> {
    fn read(doc: &'d Doc<'_>, map: NodeId) -> TypeMeta<'d> {
        TypeMeta {
            api_version: Field::read(doc, map, "apiVersion"),
            kind: Field::read(doc, map, "kind"),
        }
    }

    /// kubectl `pkg/validation` `getObjectKind`'s errors, in its order.
    fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        match self.api_version {
            Field::Missing => out.push("apiVersion not set".to_owned()),
            Field::NotString => out.push("apiVersion isn't string type".to_owned()),
            Field::Str(s) if mapping::parse_group_version(s).is_none() => {
                out.push(format!("unexpected GroupVersion string: {s}"));
            }
            Field::Str(_) => {}
        }
        match self.kind {
            Field::Missing => out.push("kind not set".to_owned()),
            Field::NotString => out.push("kind isn't string type".to_owned()),
            Field::Str(_) => {}
        }
        out
    }
}

/// A document with `items`, which kubectl decodes as a list and flattens: its items are
/// mapped and sent one by one.
fn read_list(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    root: NodeId,
    items_node: NodeId,
    kind: &str,
    api_version: &str,
    out: &mut Vec<Document>,
) {
    let release = cx.options.kubernetes_version;
    let (group, version) = mapping::parse_group_version(api_version).unwrap_or(("", ""));
    let items = doc.items(items_node);
    let mut refusal = None;
    // kubectl's client-side check of a core `v1` `List` (`schemaValidation.validateList`,
    // the one list kind kubectl validates itself): `items` must be a list of objects
    // with an apiVersion and a kind.
    if (group, version, kind) == ("", "v1", "List") {
        let mut problems = Vec::new();
        match items {
            None => problems.push(INVALID_OBJECT.to_owned()),
            Some(items) => {
                for &item in items {
                    if doc.pairs(item).is_some() {
                        problems.extend(TypeMeta::read(doc, item).problems());
                    } else {
                        problems.push(INVALID_OBJECT.to_owned());
                    }
                }
            }
        }
        if !problems.is_empty() {
            let text = messages::kubectl_validation(&problems);
            let at = cx.pos(doc, root);
            let finding = if problems.iter().all(|p| p == INVALID_OBJECT) {
                messages::not_an_object(at, &text, ReadAs::Nothing)
            } else {
                messages::kind_missing(at, &text, ReadAs::Nothing, None)
            };
            refusal = Some(by_kubectl(true, text, finding));
        }
    }
    // Decoding (`UnstructuredJSONScheme.decodeToList`): `items` must be a list or null,
    // each item an object or null.
    if refusal.is_none() {
        let bad = match items {
            None if doc.is_null(items_node) => None,
            None => Some(messages::list_items_not_a_list(json_kind(doc, items_node))),
            Some(items) => items
                .iter()
                .find(|&&i| doc.pairs(i).is_none() && !doc.is_null(i))
                .map(|&i| messages::list_item_not_an_object(json_kind(doc, i))),
        };
        if let Some(text) = bad {
            let finding = messages::list_invalid(cx.pos(doc, root), &text);
            refusal = Some(by_kubectl(false, text, finding));
        }
    }
    // The list's own mapping (`infoForData`), then its flattening (`FlattenListVisitor`:
    // an item that is itself a list cannot be extracted).
    if refusal.is_none() && mapping::map(release, group, version, kind) == Mapping::NoMatch {
        let gvk = (group, version, api_version, kind);
        refusal = Some(not_served(cx, doc, root, gvk, false));
    }
    if refusal.is_none()
        && items
            .unwrap_or_default()
            .iter()
            .any(|&i| doc.get(i, "items").and_then(|n| doc.items(n)).is_some())
    {
        let text = messages::nested_list();
        let finding = messages::list_invalid(cx.pos(doc, root), &text);
        refusal = Some(by_kubectl(false, text, finding));
    }
    let item_kind = kind.strip_suffix("List").unwrap_or(kind);
    let targets = items
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(j, &item)| {
            // `decodeToList`: an item with neither kind nor apiVersion takes the list's.
            let own = TypeMeta::read(doc, item);
            let (k, v) = (own.kind.text(), own.api_version.text());
            let target = if k.is_empty() && v.is_empty() {
                Target::item(j, item_kind, api_version)
            } else {
                Target::item(j, k, v)
            };
            (item, target)
        });
    match refusal {
        Some(refusal) => {
            let mut d = record(cx, doc, root, None);
            d.kind = Some(kind.to_owned());
            d.api_version = Some(api_version.to_owned());
            let error = refusal.text().to_owned();
            d.refuse(refusal);
            out.push(d);
            for (item, target) in targets {
                if doc.pairs(item).is_none() {
                    continue;
                }
                let at = cx.pos(doc, item);
                let finding = messages::not_sent(at, NotSent::ListRefused { error: &error });
                let pre = by_kubectl(false, error.clone(), finding);
                read_object(cx, doc, item, target, Some(pre), out);
            }
        }
        None => {
            for (item, target) in targets {
                read_object(cx, doc, item, target, None, out);
            }
        }
    }
}

/// Go's name for a JSON value's type in `UnmarshalTypeError` (`object`, `array`, `string`,
/// `number`, `bool`).
fn json_kind(doc: &Doc<'_>, node: NodeId) -> &'static str {
    match decode::string_value(doc, node) {
        Decoded::Collection(kind) => kind,
        Decoded::Bool(_) => "bool",
        Decoded::Number(_) => "number",
        _ => "string",
    }
}

/// The object an analysis is about: its kind and apiVersion as kubectl uses them.
#[derive(Debug, Clone, Copy)]
struct Target<'d> {
    /// Its index in a list's `items`, if it is a list item.
    item: Option<usize>,
    kind: &'d str,
    api_version: &'d str,
}

impl<'d> Target<'d> {
    fn object(kind: &'d str, api_version: &'d str) -> Target<'d> {
        Target {
            item: None,
            kind,
            api_version,
        }
    }

    fn item(index: usize, kind: &'d str, api_version: &'d str) -> Target<'d> {
        Target {
            item: Some(index),
            kind,
            api_version,
        }
    }
}

/// How far an object gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reach {
    /// kubectl does not send it.
    NotSent,
    /// Sent, and the API server's scheme has no such kind (a lower-case form of `kind`).
    NotRegistered { kind: &'static str },
    /// Decoded, strictly decoded and validated by the API server.
    Server,
    /// A custom resource: its CRD decides.
    Custom,
    /// A custom resource kubectl does not send (it has no name): nothing to analyse (its
    /// kind may share a built-in kind's name, not its meaning).
    CustomNotSent,
    /// A `List` kind without `items`: mapped, nothing in it to create.
    EmptyList,
}

/// The built-in kinds with pod specs: (kind, API group, top type, path to the pod spec).
const BUILTIN: &[(&str, &str, ObjectType, &[&str])] = &[
    ("Pod", "", ObjectType::Pod, &["spec"]),
    (
        "PodTemplate",
        "",
        ObjectType::PodTemplate,
        &["template", "spec"],
    ),
    (
        "ReplicationController",
        "",
        ObjectType::ReplicationController,
        &["spec", "template", "spec"],
    ),
    (
        "Deployment",
        "apps",
        ObjectType::Deployment,
        &["spec", "template", "spec"],
    ),
    (
        "ReplicaSet",
        "apps",
        ObjectType::ReplicaSet,
        &["spec", "template", "spec"],
    ),
    (
        "StatefulSet",
        "apps",
        ObjectType::StatefulSet,
        &["spec", "template", "spec"],
    ),
    (
        "DaemonSet",
        "apps",
        ObjectType::DaemonSet,
        &["spec", "template", "spec"],
    ),
    (
        "Job",
        "batch",
        ObjectType::Job,
        &["spec", "template", "spec"],
    ),
    (
        "CronJob",
        "batch",
        ObjectType::CronJob,
        &["spec", "jobTemplate", "spec", "template", "spec"],
    ),
];

/// Where custom resources usually keep a pod template.
const CUSTOM_PATHS: &[&[&str]] = &[
    &["spec", "template", "spec"],
    &["spec", "jobTemplate", "spec", "template", "spec"],
];

/// One object (a document, or a list item): kubectl's decoding and mapping, then its pod
/// spec, then what the API server says. `pre` is a refusal that comes before all of it
/// (kubectl's client-side check, or the object's list refused).
fn read_object(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    target: Target<'_>,
    pre: Option<Refusal>,
    out: &mut Vec<Document>,
) {
    let release = cx.options.kubernetes_version;
    let mut d = record(cx, doc, node, target.item);
    let (kind, api_version) = (target.kind, target.api_version);
    d.kind = (!kind.is_empty()).then(|| kind.to_owned());
    d.api_version = (!api_version.is_empty()).then(|| api_version.to_owned());
    let item = target.item.is_some();
    let parsed = mapping::parse_group_version(api_version);
    let (group, version) = parsed.unwrap_or(("", ""));
    // The unstructured typer reads a malformed apiVersion as no group/version/kind at all.
    let untyped_kind = kind.is_empty() || parsed.is_none();
    let reach = match pre {
        Some(pre) => {
            d.refuse(pre);
            Reach::NotSent
        }
        None if kind.is_empty() || (item && (untyped_kind || version.is_empty())) => {
            // `Decode` of a document with an empty kind; the typer of a list item
            // without a kind or an apiVersion.
            let text = if item {
                messages::item_without_type(untyped_kind)
            } else {
                messages::missing_kind_in_document()
            };
            let finding = if item {
                messages::item_without_type_finding(d.position, &text)
            } else {
                messages::kind_empty(d.position, &text)
            };
            d.refuse(by_kubectl(false, text, finding));
            Reach::NotSent
        }
        None => match mapping::map(release, group, version, kind) {
            Mapping::Served | Mapping::LowerCase { .. }
                if let Some(refusal) = unnamed(cx, doc, node) =>
            {
                d.refuse(refusal);
                Reach::NotSent
            }
            Mapping::Custom if let Some(refusal) = unnamed(cx, doc, node) => {
                d.refuse(refusal);
                Reach::CustomNotSent
            }
            Mapping::NoMatch => {
                let gvk = (group, version, api_version, kind);
                d.refuse(not_served(cx, doc, node, gvk, item));
                Reach::NotSent
            }
            Mapping::Served => Reach::Server,
            Mapping::LowerCase { gv, kind: proper } => {
                // The API server's scheme has no such kind: it cannot decode the object.
                let text = messages::kind_not_registered(kind, gv.group, gv.version, proper);
                let at = doc.get(node, "kind").map_or(d.position, |k| cx.pos(doc, k));
                let finding = messages::kind_not_registered_finding(at, &text, proper);
                d.refuse(Refusal::new(RefusedBy::Server, text, finding));
                Reach::NotRegistered { kind: proper }
            }
            Mapping::Custom => Reach::Custom,
            Mapping::List(_) => Reach::EmptyList,
        },
    };
    if matches!(reach, Reach::Server | Reach::Custom) {
        annotations_dropped(cx, doc, node, &mut d);
    }
    if reach == Reach::Custom {
        read_custom(cx, doc, node, kind, &mut d);
        out.push(d);
        return;
    }
    let builtin = match reach {
        Reach::NotRegistered { kind, .. } => BUILTIN.iter().find(|(k, ..)| *k == kind),
        Reach::Server => BUILTIN.iter().find(|(k, ..)| *k == kind),
        Reach::NotSent => BUILTIN.iter().find(|(k, ..)| k.eq_ignore_ascii_case(kind)),
        Reach::Custom | Reach::CustomNotSent | Reach::EmptyList => None,
    };
    let Some(&(builtin_kind, group, ty, path)) = builtin else {
        if d.is_created() {
            skip(&mut d, Some(kind));
        } else {
            d.status = DocumentStatus::Skipped;
        }
        crate::myths::check(cx, doc, node, &mut d);
        out.push(d);
        return;
    };
    d.status = DocumentStatus::Analysed;
    strict::check_path(cx, doc, node, ty, path, &mut d.findings);
    let version = cx.options.kubernetes_version;
    // Up to 1.33 the API server does not validate a StatefulSet's pod spec; it validates
    // each Pod the controller makes from it, as a Pod.
    let pods_only = builtin_kind == "StatefulSet" && !version.validates_statefulset_pod_templates();
    let pcx = PodContext {
        prefix: path.join("."),
        is_pod: builtin_kind == "Pod" || pods_only,
        custom: false,
        strict: true,
        rejects: if pods_only {
            Rejects::Pods(version)
        } else {
            Rejects::Object
        },
    };
    let (mut verdict, walked) = pod_spec_at(cx, doc, node, builtin_kind, path, &pcx, &mut d);
    let pod_errors = if pods_only {
        std::mem::take(&mut verdict.invalid)
    } else {
        Vec::new()
    };
    if reach == Reach::Server {
        let verdict = workload_selector(cx, doc, &walked, builtin_kind, verdict, &mut d);
        let verdict = object_name(cx, doc, node, builtin_kind, verdict, &mut d);
        let (verdict, unknown) = decoding(cx, doc, node, (api_version, kind), verdict, &mut d);
        server_refusals(&mut d, kind, api_version, group, verdict, unknown);
        if !pod_errors.is_empty() && d.is_created() {
            statefulset_pods(cx, doc, &walked, &pcx.prefix, &pod_errors, &mut d);
        }
    }
    if builtin_kind == "Pod" && !d.entries.is_empty() {
        d.findings.push(messages::pod_policy_immutable(d.position));
    }
    crate::myths::check(cx, doc, node, &mut d);
    out.push(d);
}

/// `kubectl apply` needs the name of every object it maps (kubectl's `apply.go`,
/// `applyOneObject`, read through the search tool; its test
/// `TestDontAllowApplyWithPodGeneratedName` has the first text): with none
/// (`Unstructured.GetName` reads a name that is not a string as none), it refuses an
/// object with a `generateName` (`from <prefix>: cannot use generate name with apply`),
/// and otherwise asks the API server for the object without a name, which client-go
/// refuses before sending (`Request.Name`: `resource name may not be empty`, printed
/// after `error when retrieving current configuration of: …` by `AddSourceToErr`). It
/// goes on with the other objects. A name client-go cannot put in a URL path
/// (`Request.Name` with apimachinery's `content.IsPathSegmentName`: `.`, `..`, or one with
/// `/` or `%`) is refused there too: `invalid resource name "a/b": [may not contain '/']`.
fn unnamed(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId) -> Option<Refusal> {
    let metadata = doc.entry(node, "metadata");
    let meta = metadata.map(|(_, m)| m);
    let read = |key: &str| match meta.map(|m| decode::string_field(doc, m, key)) {
        Some((Decoded::Str(s), Some(at))) if !s.is_empty() => Some((s, at)),
        _ => None,
    };
    if let Some((name, at)) = read("name") {
        let problems = messages::path_segment_problems(name);
        if problems.is_empty() {
            return None;
        }
        let text = messages::invalid_resource_name(name, &problems);
        let finding = messages::name_required(cx.pos(doc, at), &text, Unnamed::NotAPathSegment);
        return Some(by_kubectl(false, text, finding));
    }
    let (text, finding) = match read("generateName") {
        Some((prefix, at)) => {
            let text = messages::generate_name_with_apply(prefix);
            let finding = messages::name_required(cx.pos(doc, at), &text, Unnamed::GenerateName);
            (text, finding)
        }
        None => {
            let text = messages::resource_name_empty().to_owned();
            let at = pod::key_or(cx, doc, metadata, node);
            let finding = messages::name_required(at, &text, Unnamed::None);
            (text, finding)
        }
    };
    Some(by_kubectl(false, text, finding))
}

/// The API server's checks of a workload's selector against its pod template
/// ([`crate::selectors`]): after the object's name (`ValidateObjectMeta` comes first),
/// before the pod template's own errors.
fn workload_selector(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    walked: &Walked,
    kind: &str,
    mut verdict: Verdict,
    d: &mut Document,
) -> Verdict {
    use crate::selectors::{Problem, Workload};
    let Some(workload) = Workload::of(kind) else {
        return verdict;
    };
    // Each workload's pod spec is at `spec.template.spec`.
    let Some(read) = selectors::read(doc, walked[0], walked[1]) else {
        return verdict;
    };
    let problems = selectors::problems(workload, &read);
    let mark = |key: Option<NodeId>| key.map_or(d.position, |k| cx.pos(doc, k));
    let mut first = Vec::with_capacity(problems.len() + verdict.invalid.len());
    for problem in &problems {
        let message =
            messages::selector_problem(problem, workload, &read, cx.options.kubernetes_version);
        let (at, fix) = match problem {
            Problem::Required | Problem::Empty => {
                (mark(read.selector_at.or(read.spec)), read.selector_fix())
            }
            Problem::Mismatch => (mark(read.labels_at), read.labels_fix()),
        };
        d.findings
            .push(messages::workload_selector(at, &message, fix));
        first.push(message);
    }
    if !first.is_empty() {
        first.append(&mut verdict.invalid);
        verdict.invalid = first;
    }
    verdict
}

/// The API server's checks of the object's own name ([`crate::names`]): before every
/// other validation error (`ValidateObjectMeta` comes first), and a CronJob's 52-byte
/// limit after them all (`ValidateCronJobCreate`).
fn object_name(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    kind: &str,
    mut verdict: Verdict,
    d: &mut Document,
) -> Verdict {
    let meta = doc.get(node, "metadata");
    let Some((Decoded::Str(name), Some(at))) = meta.map(|m| decode::string_field(doc, m, "name"))
    else {
        return verdict;
    };
    let Some((format, unit)) = names::object_name_rule(kind, cx.options.kubernetes_version) else {
        return verdict;
    };
    let at = || cx.pos(doc, at);
    let longest = if kind == "CronJob" {
        names::CRONJOB_NAME_MAX
    } else {
        format.max_len()
    };
    let why = BadName::Object(kind, format);
    let mut first = Vec::new();
    for problem in names::problems(format, name, unit) {
        let message = messages::invalid_value("metadata.name", name, &problem);
        let fix = names::suggest(name, longest);
        d.findings
            .push(messages::invalid_name(at(), &message, why, fix));
        first.push(message);
    }
    if kind == "CronJob" && name.len() > names::CRONJOB_NAME_MAX {
        let problem = messages::max_len_error(names::CRONJOB_NAME_MAX, names::Unit::Characters);
        let message = messages::invalid_value("metadata.name", name, &problem);
        let fix = names::suggest(name, names::CRONJOB_NAME_MAX);
        d.findings.push(messages::invalid_name(
            at(),
            &message,
            BadName::CronJobTooLong,
            fix,
        ));
        verdict.invalid.push(message);
    }
    if !first.is_empty() {
        first.append(&mut verdict.invalid);
        verdict.invalid = first;
    }
    verdict
}

/// `kubectl apply` reads the object's annotations as strings only
/// (`Unstructured.GetAnnotations`, which gives nothing when a value is not a string or
/// `annotations` is not a mapping) and sends the object with nothing but its own
/// last-applied annotation (`GetModifiedConfiguration` in kubectl's `util/apply.go`):
/// the user's annotations are lost without an error.
fn annotations_dropped(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, d: &mut Document) {
    let Some(meta) = doc
        .get(node, "metadata")
        .filter(|&m| doc.pairs(m).is_some())
    else {
        return;
    };
    let Some((annotations_key, annotations)) = doc.entry(meta, "annotations") else {
        return;
    };
    let wrong = |id: NodeId| {
        !matches!(
            decode::string_value(doc, id),
            Decoded::Str(_) | Decoded::Null
        )
    };
    let Some(pairs) = doc.pairs(annotations) else {
        // Not a mapping (a list, a string…): not a map of strings either.
        if !doc.is_null(annotations) {
            let at = cx.pos(doc, annotations_key);
            let found = decode::json_kind(doc, annotations).unwrap_or("null");
            d.findings
                .push(messages::annotations_dropped(at, None, found));
        }
        return;
    };
    let mut pairs = pairs;
    if let Some((k, v)) = pairs.find(|&(_, v)| wrong(v)) {
        let key = doc.key_text(k).unwrap_or_default();
        let found = decode::json_kind(doc, v).unwrap_or("null");
        d.findings.push(messages::annotations_dropped(
            cx.pos(doc, v),
            Some(&key),
            found,
        ));
    }
}

/// The object decoded into its Go types ([`crate::gotypes`]): every value of the wrong
/// type is an error at its place, and the first one, in the order the decoder meets
/// them, is the object's decoding error; every unknown key an error at its place too,
/// and their list, in the same order, what strict field validation is told. Those the
/// pod spec's checks found keep their own findings (with their suggestions).
fn decoding(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    (api_version, kind): (&str, &str),
    verdict: Verdict,
    d: &mut Document,
) -> (Verdict, Vec<String>) {
    let found = crate::gotypes::decode(doc, node, api_version, kind, cx.options.kubernetes_version);
    // Each finding the pod spec's checks made stands for one of the walk's.
    let mut known: Vec<String> = d
        .findings
        .iter()
        .chain(d.entries.iter().flat_map(|e| &e.findings))
        .filter(|f| f.rule == "unknown-field" || f.message.to_plain().starts_with("json: "))
        .map(|f| f.message.to_plain())
        .collect();
    let mut seen = |message: &str| match known.iter().position(|m| m == message) {
        Some(i) => {
            known.swap_remove(i);
            true
        }
        None => false,
    };
    let verdict = match found.answer() {
        Some(answer) => Verdict {
            decode: Some(answer.message.clone()),
            invalid: Vec::new(),
        },
        None => verdict,
    };
    let mut unknown = Vec::with_capacity(found.unknown.len());
    for u in found.unknown {
        if !seen(&u.message) {
            let at = cx.pos(doc, u.key);
            d.findings
                .push(messages::unknown_field_finding(at, &u.message, None, false));
        }
        unknown.push(u.message);
    }
    for e in found.errors {
        if seen(&e.message) {
            continue;
        }
        let collection = matches!(
            doc.kind(doc.resolve(e.value)),
            NodeKind::Mapping | NodeKind::Sequence
        );
        let at = match e.key {
            Some(k) if collection => cx.pos(doc, k),
            _ => cx.pos(doc, e.value),
        };
        d.findings.push(match e.by {
            Decoder::Quantity => messages::invalid_quantity(at, &e.message),
            Decoder::Json | Decoder::IntOrString => {
                messages::field_wrong_type(at, &e.message, &e.found, e.go_type)
            }
        });
    }
    // An unknown field the pod spec's checks found and the walk did not (none is known
    // to exist) still counts.
    unknown.extend(
        known
            .into_iter()
            .filter(|m| m.starts_with("unknown field ")),
    );
    (verdict, unknown)
}

/// What the API server says about a built-in object it decodes: the decoding error, or
/// the validation errors (`apiError`), and what `kubectl apply`'s strict field validation
/// is told about unknown fields (`strictError`; a decoding error comes first, since the
/// strict decoder reports unknown fields only of an object it could decode).
fn server_refusals(
    d: &mut Document,
    kind: &str,
    api_version: &str,
    group: &str,
    verdict: Verdict,
    unknown: Vec<String>,
) {
    let at = d.position;
    if let Some(decode) = verdict.decode {
        let text = format!(
            "{} {decode}",
            messages::cannot_be_handled(kind, api_version)
        );
        let finding = messages::object_not_decodable(at, &text);
        d.refuse(Refusal::new(RefusedBy::Server, text, finding));
        return;
    }
    if !verdict.invalid.is_empty() {
        let name = d.name.as_deref().unwrap_or_default();
        let text = messages::object_invalid(kind, group, name, &verdict.invalid);
        let finding = messages::object_invalid_finding(at, &text);
        d.refuse(Refusal::new(RefusedBy::Server, text, finding));
    }
    if !unknown.is_empty() {
        let text = messages::strict_decoding_error(kind, api_version, &unknown);
        let finding = messages::strict_decoding(at, &text);
        d.refuse(Refusal::new(RefusedBy::Strict, text, finding));
    }
}

/// A StatefulSet the API server creates while it rejects each Pod made from it (up to
/// 1.33, `Change::StatefulSetPodTemplateValidated`): the controller's `FailedCreate`
/// event, for its first Pod, with `errors` (the template's, found at `prefix`) at the
/// Pod's own paths. The first Pod is `<name>-<spec.ordinals.start>` (StatefulSetStartOrdinal
/// is on by default in every supported release; a negative `start`, which the API
/// server refuses, is not modelled and reads as 0).
fn statefulset_pods(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    walked: &Walked,
    prefix: &str,
    errors: &[String],
    d: &mut Document,
) {
    let start = walked[0]
        .and_then(|(_, spec)| doc.get_path(spec, &["ordinals", "start"]))
        .and_then(|n| match doc.value(n) {
            Some(&read::Value::Int(i)) => u32::try_from(i).ok(),
            _ => None,
        })
        .unwrap_or(0);
    let name = d.name.as_deref().unwrap_or_default();
    let pod = format!("{name}-{start}");
    let errors: Vec<String> = errors
        .iter()
        .map(|e| pod::at_pod_paths(e, prefix))
        .collect();
    let event = messages::statefulset_pod_invalid(name, &pod, &errors);
    let finding =
        messages::statefulset_pods_rejected(d.position, &event, cx.options.kubernetes_version);
    d.reject_pods(finding);
}

/// The written levels of a pod spec's path, as [`pod_spec_at`] walked them: each one's
/// key and value, up to the first that is absent, null or not a mapping.
type Walked = [Option<selectors::Entry>; 5];

// Every built-in pod spec's path fits in [`Walked`].
const _: () = {
    let mut i = 0;
    while i < BUILTIN.len() {
        assert!(BUILTIN[i].3.len() <= 5);
        i += 1;
    }
};

/// The pod spec at `path` of a built-in object, explained; a pod spec that is absent or
/// null (at any level of `path`) has no containers: `…containers: Required value`, or
/// `spec.template: Required value` for a ReplicationController without a template (its
/// `Template` is a pointer: `ValidatePodTemplateSpecForRC`). A level that is neither a
/// mapping nor null is a decoding error, the server's strict decoder's to report.
fn pod_spec_at(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    kind: &str,
    path: &[&str],
    pcx: &PodContext,
    d: &mut Document,
) -> (Verdict, Walked) {
    let mut walked = Walked::default();
    let mut current = node;
    let mut missing_at = None;
    for (level, key) in path.iter().enumerate() {
        let entry = doc.entry(current, key);
        walked[level] = entry;
        match entry {
            None => {
                missing_at = Some((level, cx.pos(doc, current)));
                break;
            }
            Some((_, value)) if doc.is_null(value) => {
                missing_at = Some((level, cx.pos(doc, value)));
                break;
            }
            Some((_, value)) if doc.pairs(value).is_some() => current = value,
            Some(_) => return (Verdict::default(), walked),
        }
    }
    let Some((level, at)) = missing_at else {
        return (pod::pod_spec(cx, doc, current, pcx, d), walked);
    };
    let field = if kind == "ReplicationController" && level <= 1 {
        "spec.template".to_owned()
    } else {
        strict::join(&pcx.prefix, "containers")
    };
    let message = messages::required_value(&field);
    d.findings.push(messages::containers_required(at, &message));
    let verdict = Verdict {
        decode: None,
        invalid: vec![message],
    };
    (verdict, walked)
}

/// A custom resource: its pod template, not defaulted by the API server.
fn read_custom(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, kind: &str, d: &mut Document) {
    let Some(path) = CUSTOM_PATHS.iter().find(|p| {
        doc.get_path(node, p)
            .is_some_and(|s| doc.pairs(s).is_some())
    }) else {
        skip(d, Some(kind));
        return;
    };
    d.status = DocumentStatus::CustomResource;
    d.findings.push(messages::custom_resource(d.position, kind));
    let spec = doc.get_path(node, path).unwrap_or(node);
    let pcx = PodContext {
        prefix: path.join("."),
        is_pod: false,
        custom: true,
        strict: false,
        rejects: Rejects::Object,
    };
    // A CRD does not validate a pod template the way the API server validates its own.
    let _ = pod::pod_spec(cx, doc, spec, &pcx, d);
}

/// kubectl's refusal of an object whose kind its REST mapper does not find (`no matches
/// for kind …`), with its `kind-not-served` finding: at the `apiVersion` value when the
/// kind is served in another one, else at the `kind` value. `gvk` is the group, version,
/// `apiVersion` as written, and kind; `item`: a list's item.
fn not_served(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    gvk: (&str, &str, &str, &str),
    item: bool,
) -> Refusal {
    let (group, version, api_version, kind) = gvk;
    let (name, namespace) = names(doc, node);
    let message = messages::no_kind_match(group, version, kind);
    let release = cx.options.kubernetes_version;
    let served_as =
        mapping::served_instead(release, group, kind).map(|(gv, k)| (gv.to_string(), k));
    let key = match &served_as {
        Some((_, k)) if *k == kind => "apiVersion",
        _ => "kind",
    };
    let at = doc
        .get(node, key)
        .or_else(|| doc.get(node, "kind"))
        .map_or_else(|| cx.pos(doc, node), |n| cx.pos(doc, n));
    let n = NotServed {
        group,
        group_version: api_version,
        kind,
        served_as,
        kubectl_line: messages::kubectl_mapping_line(&name, &namespace, &message, item),
        version: release,
    };
    let finding = messages::kind_not_served(at, &message, &n);
    by_kubectl(false, message, finding)
}

/// `metadata.name` and `metadata.namespace` as kubectl reads them (`""` when absent).
fn names(doc: &Doc<'_>, node: NodeId) -> (String, String) {
    let meta = doc.get(node, "metadata");
    let read = |key: &str| {
        meta.map(|m| Field::read(doc, m, key).text().to_owned())
            .unwrap_or_default()
    };
    (read("name"), read("namespace"))
}

/// A mapping without a usable `kind`: a bare pod spec, a bare container, a Pod without
/// kind, read as a snippet; or nothing to explain.
fn read_fragment(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, d: &mut Document) -> ReadAs {
    let has = |key: &str| doc.get(node, key).is_some();
    let (spec, prefix, what) = if has("containers") || has("initContainers") {
        (Some(node), String::new(), "a pod spec")
    } else if let Some(spec) = doc
        .get(node, "spec")
        .filter(|s| doc.get(*s, "containers").is_some())
    {
        (Some(spec), "spec".to_owned(), "a Pod without kind")
    } else if has("image") {
        d.status = DocumentStatus::Fragment;
        d.findings
            .push(messages::fragment(d.position, "a container"));
        pod::bare_container(cx, doc, node, d);
        return ReadAs::Fragment;
    } else {
        (None, String::new(), "")
    };
    match spec {
        Some(spec) => {
            d.status = DocumentStatus::Fragment;
            d.findings.push(messages::fragment(d.position, what));
            let pcx = PodContext {
                prefix,
                is_pod: false,
                custom: false,
                strict: false,
                rejects: Rejects::Object,
            };
            let _ = pod::pod_spec(cx, doc, spec, &pcx, d);
            ReadAs::Fragment
        }
        None => {
            skip(d, None);
            ReadAs::Nothing
        }
    }
}

fn record(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, item: Option<usize>) -> Document {
    let position = if doc.is_null(node) && item.is_none() {
        let start = doc.span().0;
        cx.map.position_of_bytes(start, start)
    } else {
        cx.pos(doc, node)
    };
    let mut d = Document::new(cx.index, item, position, DocumentStatus::Skipped);
    // `kind` and `apiVersion` are the callers', who read them once (`TypeMeta`).
    if doc.pairs(node).is_some() {
        d.name = doc
            .get(node, "metadata")
            .and_then(|m| text(doc, m, "name"))
            .map(str::to_owned);
    }
    d
}

fn skip(d: &mut Document, kind: Option<&str>) {
    d.status = DocumentStatus::Skipped;
    d.findings.push(messages::skipped(d.position, kind));
}

/// The string value of `key`, if it is a scalar.
pub(crate) fn text<'d>(doc: &'d Doc<'_>, map: NodeId, key: &str) -> Option<&'d str> {
    value_text(doc, doc.get(map, key)?)
}

/// [`text`] of a value already found.
pub(crate) fn value_text<'d>(doc: &'d Doc<'_>, value: NodeId) -> Option<&'d str> {
    doc.scalar(value)
        .filter(|s| !s.is_null())
        .map(|s| s.text.as_ref())
}
