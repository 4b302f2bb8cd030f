//! The driver: documents → objects → pod specs → entries.

use crate::fields::ObjectType;
use crate::messages;
use crate::options::Options;
use crate::pod::{self, PodContext};
use crate::report::{Document, DocumentStatus, Report, SCHEMA_VERSION, Summary, SyntaxError};
use crate::source::SourceMap;
use crate::strict;
use crate::yaml::{self, Doc, NodeId};

/// Explains every image-bearing entry of `source`: a YAML stream, JSON, a bare pod spec,
/// container or list of containers. Pure: no I/O, clock or randomness; never panics.
pub fn explain(source: &str, options: &Options) -> Report {
    let map = SourceMap::new(source);
    let cx = Cx { map: &map, options };
    let mut documents = Vec::new();
    let mut syntax_errors = Vec::new();
    // Each document is analysed as soon as it is read, then dropped. Documents and
    // errors arrive in order (`yaml::parse_each`), so the report needs no sorting.
    yaml::parse_each(source, |read| {
        let (document, message, at) = match read {
            yaml::Read::Doc(doc) => match doc.collection_key {
                Some(at) => (doc.index, messages::collection_key(), at),
                None => return read_document(&cx, doc, &mut documents),
            },
            yaml::Read::Error(e) => (e.document, e.message, e.at),
        };
        let error = SyntaxError {
            document,
            message,
            position: map.position(at, at),
        };
        documents.push(Document {
            index: error.document,
            item: None,
            position: error.position,
            kind: None,
            api_version: None,
            name: None,
            status: DocumentStatus::Unreadable,
            entries: Vec::new(),
            findings: Vec::new(),
            api_error: None,
            strict_error: None,
        });
        syntax_errors.push(error);
    });
    crate::kubelet::simulate(&mut documents, options);
    assemble(documents, syntax_errors, options)
}

/// The report of analysed, simulated `documents`, with its summary.
pub(crate) fn assemble(
    documents: Vec<Document>,
    syntax_errors: Vec<SyntaxError>,
    options: &Options,
) -> Report {
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

pub(crate) struct Cx<'r> {
    pub map: &'r SourceMap<'r>,
    pub options: &'r Options,
}

impl Cx<'_> {
    pub fn pos(&self, doc: &Doc<'_>, id: NodeId) -> crate::Position {
        let n = doc.node(id);
        self.map.position(n.start, n.end)
    }
}

pub(crate) fn read_document(cx: &Cx<'_>, doc: &Doc<'_>, out: &mut Vec<Document>) {
    let root = doc.root();
    if doc.items(root).is_some() {
        let mut d = record(cx, doc, root, None);
        if pod::container_list(cx, doc, root, &mut d) {
            d.status = DocumentStatus::Fragment;
            d.findings
                .insert(0, messages::fragment(d.position, "a list of containers"));
        } else {
            skip(&mut d, None);
        }
        out.push(d);
        return;
    }
    if doc.pairs(root).is_none() {
        let mut d = record(cx, doc, root, None);
        skip(&mut d, None);
        out.push(d);
        return;
    }
    let kind = text(doc, root, "kind");
    let items = doc.get(root, "items").and_then(|i| doc.items(i));
    match (kind, items) {
        (Some(k), Some(items)) if k == "List" || k.ends_with("List") => {
            for (j, &item) in items.iter().enumerate() {
                if doc.pairs(item).is_some() {
                    read_object(cx, doc, item, Some(j), out);
                }
            }
        }
        _ => read_object(cx, doc, root, None, out),
    }
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

fn read_object(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    item: Option<usize>,
    out: &mut Vec<Document>,
) {
    let mut d = record(cx, doc, node, item);
    let kind = d.kind.clone();
    match kind.as_deref() {
        None => read_fragment(cx, doc, node, &mut d),
        Some(kind) => {
            if let Some(&(_, group, ty, path)) = BUILTIN.iter().find(|(k, ..)| *k == kind) {
                d.status = DocumentStatus::Analysed;
                strict::check_path(cx, doc, node, ty, path, &mut d.findings);
                if let Some(spec) = doc.get_path(node, path).filter(|s| doc.pairs(*s).is_some()) {
                    let pcx = PodContext {
                        prefix: path.join("."),
                        is_pod: kind == "Pod",
                        custom: false,
                        strict: true,
                        group,
                    };
                    pod::pod_spec(cx, doc, spec, &pcx, &mut d);
                }
                d.strict_error = strict_error(&d);
                if kind == "Pod" && !d.entries.is_empty() {
                    d.findings.push(messages::pod_policy_immutable(d.position));
                }
            } else if let Some(path) = CUSTOM_PATHS.iter().find(|p| {
                doc.get_path(node, p)
                    .is_some_and(|s| doc.pairs(s).is_some())
            }) {
                d.status = DocumentStatus::CustomResource;
                d.findings.push(messages::custom_resource(d.position, kind));
                let spec = doc.get_path(node, path).unwrap_or(node);
                let pcx = PodContext {
                    prefix: path.join("."),
                    is_pod: false,
                    custom: true,
                    strict: false,
                    group: "",
                };
                pod::pod_spec(cx, doc, spec, &pcx, &mut d);
            } else {
                skip(&mut d, Some(kind));
            }
        }
    }
    crate::myths::check(cx, doc, node, &mut d);
    out.push(d);
}

/// A mapping without `kind`: a bare pod spec, a bare container, a Pod without kind.
fn read_fragment(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, d: &mut Document) {
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
        return;
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
                group: "",
            };
            pod::pod_spec(cx, doc, spec, &pcx, d);
        }
        None => skip(d, None),
    }
}

fn record(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, item: Option<usize>) -> Document {
    let (kind, api_version, name) = if doc.pairs(node).is_some() {
        (
            text(doc, node, "kind").map(str::to_owned),
            text(doc, node, "apiVersion").map(str::to_owned),
            doc.get(node, "metadata")
                .and_then(|m| text(doc, m, "name"))
                .map(str::to_owned),
        )
    } else {
        (None, None, None)
    };
    let position = if doc.is_null(node) {
        cx.map.position(doc.start, doc.start)
    } else {
        cx.pos(doc, node)
    };
    Document {
        index: doc.index,
        item,
        position,
        kind,
        api_version,
        name,
        status: DocumentStatus::Skipped,
        entries: Vec::new(),
        findings: Vec::new(),
        api_error: None,
        strict_error: None,
    }
}

/// What `kubectl apply` (strict field validation) is told about unknown fields.
fn strict_error(d: &Document) -> Option<String> {
    let unknown: Vec<String> = d
        .findings
        .iter()
        .chain(d.entries.iter().flat_map(|e| &e.findings))
        .filter(|f| f.rule == "unknown-field")
        .map(|f| f.message.clone())
        .collect();
    let kind = d.kind.as_deref()?;
    (!unknown.is_empty()).then(|| {
        messages::strict_decoding_error(kind, d.api_version.as_deref().unwrap_or("v1"), &unknown)
    })
}

fn skip(d: &mut Document, kind: Option<&str>) {
    d.status = DocumentStatus::Skipped;
    d.findings.push(messages::skipped(d.position, kind));
}

/// The string value of `key`, if it is a scalar.
pub(crate) fn text<'d>(doc: &'d Doc<'_>, map: NodeId, key: &str) -> Option<&'d str> {
    doc.get(map, key)
        .and_then(|v| doc.scalar(v))
        .filter(|s| !s.is_null())
        .map(|s| s.text.as_ref())
}
