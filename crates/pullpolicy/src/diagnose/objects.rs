//! YAML and JSON objects (PF §1.2–§1.4): Pods with status, Events (`v1` and
//! `events.k8s.io/v1`), Nodes, `kind: List` and typed lists (`PodList`, …), status
//! fragments (`containerStatuses`, a `state` with `waiting`), and manifests (no status),
//! which are not evidence and go to `explain`.
//!
//! Read with the core's reader (`crate::read`, kubectl's: YAML streams and JSON streams;
//! it reads on after an error, so every readable document counts)
//! through its query methods only (`get`, `get_path`, `pairs`, `items`, `scalar`,
//! `key_text`, `is_null`, and `node` for positions).

use super::evidence::{
    ContainerEv, EventEv, Evidence, Loc, NodeEv, NodeImageEv, Note, NoteDetail, ObjectRef, PodEv,
};
use super::rules::DiagnoseRule;
use super::text::{When, parse_timestamp};
use super::types::{ContainerRole, Marker, PieceFormat, StateKind};
use crate::read::{self, Doc, Item, NodeId, ReadOptions};
use crate::report::PullPolicy;

/// What a stream of objects held.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    pub pods: usize,
    pub events: usize,
    pub nodes: usize,
    pub fragments: usize,
    pub manifests: usize,
    pub errors: usize,
    /// The byte offset (in the text) of the first syntax error.
    pub first_error: Option<usize>,
}

impl Counts {
    /// Adds what another stream held (`first_error`: the first of both).
    pub fn add(&mut self, other: &Counts) {
        self.pods += other.pods;
        self.events += other.events;
        self.nodes += other.nodes;
        self.fragments += other.fragments;
        self.manifests += other.manifests;
        self.errors += other.errors;
        self.first_error = self.first_error.or(other.first_error);
    }

    /// The piece's format.
    pub fn format(&self) -> PieceFormat {
        let evidence = [self.pods, self.events, self.nodes, self.fragments];
        let kinds = evidence.iter().filter(|&&n| n > 0).count();
        match kinds {
            0 if self.manifests > 0 => PieceFormat::Manifest,
            0 if self.errors > 0 => PieceFormat::Unreadable,
            0 => PieceFormat::Unrecognized,
            1 if self.pods > 0 => PieceFormat::PodObjects,
            1 if self.events > 0 => PieceFormat::EventObjects,
            1 if self.nodes > 0 => PieceFormat::NodeObjects,
            1 => PieceFormat::StatusFragment,
            _ => PieceFormat::Objects,
        }
    }

    /// Records read.
    pub fn records(&self) -> usize {
        self.pods + self.events + self.nodes + self.fragments + self.manifests
    }
}

/// Reads the objects of `slice`, which starts at byte `base` of the text. With
/// `fragment_only`, only status fragments and evidence objects count (free text that
/// happens to parse as YAML is not read as a manifest).
pub(crate) fn read(slice: &str, base: usize, fragment_only: bool, ev: &mut Evidence) -> Counts {
    let mut counts = Counts::default();
    let mut reader = Reader {
        base,
        ev,
        counts: &mut counts,
        fragment_only,
    };
    for item in read::read(slice, ReadOptions::default()) {
        let error = match item {
            Item::Document(d) => match (d.error, &d.doc) {
                (None, Some(doc)) => {
                    reader.doc(doc);
                    continue;
                }
                (Some(e), _) => e,
                (None, None) => continue,
            },
            Item::Stop(e) => e,
        };
        let at = base + error.at;
        reader.counts.errors += 1;
        reader.counts.first_error.get_or_insert(at);
        if !fragment_only {
            reader.ev.notes.push(Note {
                rule: DiagnoseRule::UnreadableEvidence,
                at: Loc(at, at),
                detail: NoteDetail::Unreadable(error.message),
            });
        }
    }
    counts
}

struct Reader<'r> {
    base: usize,
    ev: &'r mut Evidence,
    counts: &'r mut Counts,
    fragment_only: bool,
}

/// A scalar's text (not null).
fn text<'d>(doc: &'d Doc<'_>, map: NodeId, key: &str) -> Option<&'d str> {
    doc.get(map, key)
        .filter(|v| !doc.is_null(*v))
        .and_then(|v| doc.scalar(v))
        .map(|s| s.text.as_ref())
}

fn path_text<'d>(doc: &'d Doc<'_>, map: NodeId, path: &[&str]) -> Option<&'d str> {
    let (last, init) = path.split_last()?;
    text(doc, doc.get_path(map, init)?, last)
}

impl Reader<'_> {
    fn loc(&self, doc: &Doc<'_>, id: NodeId) -> Loc {
        let n = doc.node(id);
        Loc(self.base + n.start, self.base + n.end.max(n.start))
    }

    fn doc(&mut self, doc: &Doc<'_>) {
        let root = doc.root();
        if let Some(items) = doc.items(root) {
            for &item in items {
                self.object(doc, item, None);
            }
            return;
        }
        if doc.pairs(root).is_none() {
            return;
        }
        let kind = text(doc, root, "kind");
        let items = doc.get(root, "items").and_then(|i| doc.items(i));
        match (kind, items) {
            (Some(k), Some(items)) if k.ends_with("List") => {
                let hint = k.strip_suffix("List").filter(|h| !h.is_empty());
                let hint = hint.map(str::to_owned);
                for &item in items {
                    self.object(doc, item, hint.as_deref());
                }
            }
            _ => self.object(doc, root, None),
        }
    }

    fn object(&mut self, doc: &Doc<'_>, node: NodeId, hint: Option<&str>) {
        if doc.pairs(node).is_none() {
            return;
        }
        let kind = text(doc, node, "kind").or(hint);
        let has = |k: &str| doc.get(node, k).is_some();
        let has_status = doc
            .get(node, "status")
            .is_some_and(|s| doc.pairs(s).is_some_and(|mut p| p.next().is_some()));
        match kind {
            Some("Pod") if has_status => self.pod(doc, node),
            Some("Event") => self.event(doc, node),
            Some("Node") => self.node(doc, node),
            Some(k) => self.manifest(doc, node, Some(k)),
            None if has("involvedObject") || has("regarding") => self.event(doc, node),
            None if doc.get_path(node, &["status", "nodeInfo"]).is_some()
                || has("nodeInfo")
                || doc.get_path(node, &["status", "images"]).is_some()
                || self.images_list(doc, node) =>
            {
                self.node(doc, node)
            }
            None if has("spec") && has_status => self.pod(doc, node),
            None if has("containerStatuses")
                || has("initContainerStatuses")
                || doc
                    .get_path(node, &["status", "containerStatuses"])
                    .is_some() =>
            {
                self.fragment(doc, node)
            }
            None if has("state") && (has("name") || has("image") || self.fragment_only) => {
                self.fragment(doc, node)
            }
            None if doc.get_path(node, &["state", "waiting"]).is_some()
                || doc.get(node, "waiting").is_some() =>
            {
                self.fragment(doc, node)
            }
            None => self.manifest(doc, node, None),
        }
    }

    /// A node's `images` fragment: a list of mappings with `names` (PF S40).
    fn images_list(&self, doc: &Doc<'_>, node: NodeId) -> bool {
        doc.get(node, "images")
            .and_then(|l| doc.items(l))
            .and_then(|items| items.first())
            .is_some_and(|&first| doc.get(first, "names").is_some())
    }

    fn manifest(&mut self, doc: &Doc<'_>, node: NodeId, kind: Option<&str>) {
        if self.fragment_only {
            return;
        }
        self.counts.manifests += 1;
        let name = doc
            .get(node, "metadata")
            .and_then(|m| text(doc, m, "name"))
            .map(str::to_owned);
        let at = self.loc(doc, node);
        self.ev.notes.push(Note {
            rule: DiagnoseRule::ManifestNotEvidence,
            at: Loc(at.0, at.0),
            detail: NoteDetail::Manifest(kind.map(str::to_owned), name),
        });
    }

    fn pod(&mut self, doc: &Doc<'_>, node: NodeId) {
        self.counts.pods += 1;
        let meta = doc.get(node, "metadata");
        let name = meta.and_then(|m| text(doc, m, "name")).map(str::to_owned);
        let name_at = meta
            .and_then(|m| doc.get(m, "name"))
            .map_or_else(|| self.loc(doc, node), |n| self.loc(doc, n));
        let mut pod = PodEv {
            name,
            namespace: meta
                .and_then(|m| text(doc, m, "namespace"))
                .map(str::to_owned),
            node: path_text(doc, node, &["spec", "nodeName"]).map(str::to_owned),
            uid: meta.and_then(|m| text(doc, m, "uid")).map(str::to_owned),
            phase: path_text(doc, node, &["status", "phase"]).map(str::to_owned),
            at: name_at,
            containers: Vec::new(),
            from_events: false,
        };
        if let Some(spec) = doc.get(node, "spec") {
            for (list, role) in [
                ("initContainers", ContainerRole::Init),
                ("containers", ContainerRole::Container),
                ("ephemeralContainers", ContainerRole::Ephemeral),
            ] {
                for &c in doc
                    .get(spec, list)
                    .and_then(|l| doc.items(l))
                    .unwrap_or(&[])
                {
                    if doc.pairs(c).is_none() {
                        continue;
                    }
                    let sidecar = role == ContainerRole::Init
                        && text(doc, c, "restartPolicy") == Some("Always");
                    let role = if sidecar {
                        ContainerRole::Sidecar
                    } else {
                        role
                    };
                    let mut ce =
                        ContainerEv::new(text(doc, c, "name").unwrap_or_default().to_owned(), role);
                    if let Some(img) = doc.get(c, "image") {
                        ce.image = text(doc, c, "image").map(str::to_owned);
                        ce.image_at = Some(self.loc(doc, img));
                    }
                    ce.policy = text(doc, c, "imagePullPolicy").and_then(PullPolicy::from_exact);
                    pod.containers.push(ce);
                }
            }
            for &v in doc
                .get(spec, "volumes")
                .and_then(|l| doc.items(l))
                .unwrap_or(&[])
            {
                let Some(image) = doc.get(v, "image").filter(|i| doc.pairs(*i).is_some()) else {
                    continue;
                };
                let mut ce = ContainerEv::new(
                    text(doc, v, "name").unwrap_or_default().to_owned(),
                    ContainerRole::ImageVolume,
                );
                if let Some(r) = doc.get(image, "reference") {
                    ce.image = text(doc, image, "reference").map(str::to_owned);
                    ce.image_at = Some(self.loc(doc, r));
                }
                ce.policy = text(doc, image, "pullPolicy").and_then(PullPolicy::from_exact);
                pod.containers.push(ce);
            }
        }
        if let Some(status) = doc.get(node, "status") {
            self.statuses(doc, status, &mut pod);
        }
        self.ev.pods.push(pod);
    }

    /// `containerStatuses`, `initContainerStatuses`, `ephemeralContainerStatuses` of a
    /// status mapping, matched to the spec's containers by name (PF §1.2.2).
    fn statuses(&mut self, doc: &Doc<'_>, status: NodeId, pod: &mut PodEv) {
        for (list, role) in [
            ("initContainerStatuses", ContainerRole::Init),
            ("containerStatuses", ContainerRole::Container),
            ("ephemeralContainerStatuses", ContainerRole::Ephemeral),
        ] {
            for &s in doc
                .get(status, list)
                .and_then(|l| doc.items(l))
                .unwrap_or(&[])
            {
                self.status(doc, s, role, pod);
            }
        }
    }

    /// One `ContainerStatus`.
    fn status(&mut self, doc: &Doc<'_>, s: NodeId, role: ContainerRole, pod: &mut PodEv) {
        if doc.pairs(s).is_none() {
            return;
        }
        let name = text(doc, s, "name").unwrap_or_default();
        let index = match pod.containers.iter().position(|c| {
            c.name == name && !name.is_empty() && c.role != ContainerRole::ImageVolume
        }) {
            Some(i) => i,
            None => {
                let mut ce = ContainerEv::new(name.to_owned(), role);
                if let Some(img) = doc.get(s, "image") {
                    ce.image = text(doc, s, "image").map(str::to_owned);
                    ce.image_at = Some(self.loc(doc, img));
                }
                pod.containers.push(ce);
                pod.containers.len() - 1
            }
        };
        let mut state_kind = StateKind::Unknown;
        let mut reason = None;
        let mut reason_at = None;
        let mut message = None;
        let mut message_at = None;
        if let Some(state) = doc.get(s, "state").or(Some(s)) {
            for (key, kind) in [
                ("waiting", StateKind::Waiting),
                ("running", StateKind::Running),
                ("terminated", StateKind::Terminated),
            ] {
                let Some(st) = doc.get(state, key).filter(|n| !doc.is_null(*n)) else {
                    continue;
                };
                state_kind = kind;
                reason_at = Some(self.loc(doc, st));
                if let Some(r) = doc.get(st, "reason") {
                    reason = text(doc, st, "reason").map(str::to_owned);
                    reason_at = Some(self.loc(doc, r));
                }
                if let Some(m) = doc.get(st, "message") {
                    message = text(doc, st, "message").map(str::to_owned);
                    message_at = Some(self.loc(doc, m));
                }
                break;
            }
        }
        let ce = &mut pod.containers[index];
        ce.state = state_kind;
        ce.reason = reason;
        ce.reason_at = reason_at;
        ce.message = message;
        ce.message_at = message_at;
        if let Some(id) = doc.get(s, "imageID") {
            ce.image_id = text(doc, s, "imageID")
                .filter(|t| !t.is_empty())
                .map(str::to_owned);
            ce.image_id_at = Some(self.loc(doc, id));
        }
    }

    /// A status fragment (PF S37, §1.2.3): `containerStatuses: […]`, `status: {…}`, one
    /// `ContainerStatus`, or a bare `state`.
    fn fragment(&mut self, doc: &Doc<'_>, node: NodeId) {
        self.counts.fragments += 1;
        let at = self.loc(doc, node);
        let mut pod = PodEv {
            name: doc
                .get(node, "metadata")
                .and_then(|m| text(doc, m, "name"))
                .map(str::to_owned),
            namespace: None,
            node: None,
            uid: None,
            phase: path_text(doc, node, &["status", "phase"])
                .or_else(|| text(doc, node, "phase"))
                .map(str::to_owned),
            at: Loc(at.0, at.0),
            containers: Vec::new(),
            from_events: false,
        };
        let status = doc.get(node, "status").unwrap_or(node);
        let listed = [
            "containerStatuses",
            "initContainerStatuses",
            "ephemeralContainerStatuses",
        ]
        .iter()
        .any(|k| doc.get(status, k).is_some());
        if listed {
            self.statuses(doc, status, &mut pod);
        } else {
            self.status(doc, node, ContainerRole::Container, &mut pod);
        }
        self.ev.pods.push(pod);
    }

    /// An Event (core `v1`, or `events.k8s.io/v1` with `regarding`/`note`/`deprecated…`
    /// fields), PF §1.3.2.
    fn event(&mut self, doc: &Doc<'_>, node: NodeId) {
        self.counts.events += 1;
        let object = doc
            .get(node, "involvedObject")
            .or_else(|| doc.get(node, "regarding"));
        let message_key = if doc.get(node, "message").is_some() {
            "message"
        } else {
            "note"
        };
        let message = text(doc, node, message_key)
            .unwrap_or_default()
            .trim()
            .to_owned();
        let at = doc
            .get(node, message_key)
            .map_or_else(|| self.loc(doc, node), |m| self.loc(doc, m));
        let mut e = EventEv::new(message, at);
        if let Some(o) = object {
            if let Some(name) = text(doc, o, "name") {
                e.object = Some(ObjectRef {
                    kind: text(doc, o, "kind").map(str::to_owned),
                    name: name.to_owned(),
                    namespace: text(doc, o, "namespace").map(str::to_owned),
                });
            }
            e.field_path = text(doc, o, "fieldPath").map(str::to_owned);
        }
        e.kind = text(doc, node, "type").map(str::to_owned);
        e.reason = text(doc, node, "reason").map(str::to_owned);
        let series = doc.get(node, "series");
        e.count = series
            .and_then(|s| text(doc, s, "count"))
            .or_else(|| text(doc, node, "count"))
            .or_else(|| text(doc, node, "deprecatedCount"))
            .and_then(|c| c.parse().ok());
        let stamp = |key: &str| {
            text(doc, node, key).and_then(|t| parse_timestamp(t).map(|s| When::At(s, t.to_owned())))
        };
        e.first = stamp("firstTimestamp")
            .or_else(|| stamp("deprecatedFirstTimestamp"))
            .or_else(|| stamp("eventTime"));
        e.last = series
            .and_then(|s| text(doc, s, "lastObservedTime"))
            .and_then(|t| parse_timestamp(t).map(|s| When::At(s, t.to_owned())))
            .or_else(|| stamp("lastTimestamp"))
            .or_else(|| stamp("deprecatedLastTimestamp"))
            .or_else(|| e.first.clone());
        let component = path_text(doc, node, &["source", "component"]);
        e.host = path_text(doc, node, &["source", "host"])
            .or_else(|| text(doc, node, "reportingInstance"))
            .map(str::to_owned);
        if component == Some("kubelet") {
            // client-go ≥ 1.28 copies the source into reportingComponent (PF §1.3.3).
            match text(doc, node, "reportingComponent")
                .or_else(|| text(doc, node, "reportingController"))
            {
                Some("kubelet") => e.markers.push(Marker::KubeletReportingComponent),
                Some("") => e.markers.push(Marker::KubeletNoReportingComponent),
                _ => {}
            }
        }
        self.ev.events.push(e);
    }

    /// A Node (PF §1.4).
    fn node(&mut self, doc: &Doc<'_>, node: NodeId) {
        self.counts.nodes += 1;
        let name = doc
            .get(node, "metadata")
            .and_then(|m| text(doc, m, "name"))
            .unwrap_or_default()
            .to_owned();
        // A whole Node, or a fragment of its status.
        let status = doc.get(node, "status").unwrap_or(node);
        let info = doc.get(status, "nodeInfo");
        let info_text = |key: &str| info.and_then(|i| text(doc, i, key)).map(str::to_owned);
        let images_node = doc.get(status, "images");
        let images = images_node.and_then(|l| doc.items(l)).map(|items| {
            items
                .iter()
                .map(|&img| NodeImageEv {
                    names: doc
                        .get(img, "names")
                        .and_then(|n| doc.items(n))
                        .unwrap_or(&[])
                        .iter()
                        .filter_map(|&n| {
                            let t = doc.scalar(n).filter(|_| !doc.is_null(n))?;
                            Some((t.text.to_string(), self.loc(doc, n)))
                        })
                        .collect(),
                    size: text(doc, img, "sizeBytes")
                        .and_then(|s| s.parse().ok())
                        .unwrap_or(0),
                })
                .collect()
        });
        let disk_pressure = doc
            .get(status, "conditions")
            .and_then(|c| doc.items(c))
            .and_then(|conds| {
                conds
                    .iter()
                    .find(|&&c| text(doc, c, "type") == Some("DiskPressure"))
                    .and_then(|&c| text(doc, c, "status"))
                    .map(|s| s == "True")
            });
        let at = doc
            .get(node, "metadata")
            .and_then(|m| doc.get(m, "name"))
            .map_or_else(|| self.loc(doc, node), |n| self.loc(doc, n));
        self.ev.nodes.push(NodeEv {
            name,
            at,
            runtime_version: info_text("containerRuntimeVersion"),
            kubelet_version: info_text("kubeletVersion"),
            architecture: info_text("architecture"),
            operating_system: info_text("operatingSystem"),
            images,
            images_at: images_node.map(|n| self.loc(doc, n)),
            disk_pressure,
        });
    }
}
