//! From evidence to the report: pods merged across pieces, events attached to their pod
//! and container, one diagnosis per failing container (PF §3.2), the pods' verdicts,
//! version skew, and the findings.

use super::DiagnoseOptions;
use super::classify::{Classified, classify};
use super::evidence::{
    ContainerEv, EventEv, Evidence, Loc, NodeEv, Note, NoteDetail, PieceEv, PodEv, parse_field_path,
};
use super::facts::{self, Band};
use super::locate::Locate;
use super::messages::{self as m, Text};
use super::nodes;
use super::rules::DiagnoseRule;
use super::text::{Msg, Parsed, When, parse_message};
use super::timeline;
use super::types::*;
use crate::KubeVersion;
use crate::reference::{self, Rules};
use crate::report::{Finding, PullPolicy, Severity};
use crate::source::{Position, SourceMap};
use std::collections::HashMap;

/// Builds the report.
pub(crate) fn analyse(text: &str, mut ev: Evidence, options: &DiagnoseOptions) -> DiagnosisReport {
    let map = SourceMap::new(text);
    prepare(&mut ev);
    let cx = Cx::new(&map, rules_for(&ev.nodes, options), &ev);
    let groups = group(&cx);
    let run = cx.run(&groups);
    let mut findings = cx.notes();
    let mut skew = SkewAcc::default();
    for p in cx.pods {
        skew.add(p, cx.rules);
    }
    let skew = skew.finish(&cx, &mut findings);
    let nodes = ev
        .nodes
        .iter()
        .map(|n| cx.node_summary(n))
        .collect::<Vec<_>>();
    let pieces = pieces(&cx, &ev.pieces);
    let diagnoses: Vec<Diagnosis> = run.diagnoses.into_iter().map(|(_, d)| d).collect();
    if let Some(f) = no_evidence(
        &cx,
        text,
        &pieces,
        diagnoses.len() + run.pods.len() + nodes.len(),
    ) {
        findings.push(f);
    }
    let mut report = DiagnosisReport {
        schema_version: DIAGNOSIS_SCHEMA_VERSION,
        pieces,
        pods: run.pods,
        diagnoses,
        skew,
        nodes,
        findings,
        summary: DiagnosisSummary::default(),
    };
    report.summary = summarize(&report);
    report
}

/// Pods named twice merged, events attached to their pods.
pub(crate) fn prepare(ev: &mut Evidence) {
    let alias = merge_pods(ev);
    for e in &mut ev.events {
        e.pod = e.pod.map(|p| alias[p]);
    }
    attach_events(ev);
}

/// The report's pieces.
pub(crate) fn pieces(cx: &Cx<'_>, pieces: &[PieceEv]) -> Vec<Piece> {
    pieces
        .iter()
        .enumerate()
        .map(|(index, p)| {
            let mut band = Band::default();
            for mk in &p.markers {
                band.narrow(facts::marker_bound(*mk));
            }
            let position = cx.pos(Loc(p.bytes.0, p.bytes.1));
            Piece {
                index,
                format: p.format,
                encoding: p.encoding,
                position,
                end_line: cx.map.position(p.bytes.1, p.bytes.1).line,
                records: p.records,
                kubectl: band.public(),
                markers: p.markers.clone(),
                bytes: p.bytes.0..p.bytes.1,
            }
        })
        .collect()
}

/// The finding of a paste without evidence: no diagnosis, pod or node (`found` counts
/// them) and no manifest.
pub(crate) fn no_evidence(
    cx: &Cx<'_>,
    text: &str,
    pieces: &[Piece],
    found: usize,
) -> Option<Finding> {
    let manifests = pieces.iter().any(|p| p.format == PieceFormat::Manifest);
    (found == 0 && !manifests).then(|| {
        finding(
            DiagnoseRule::NoEvidence,
            cx.pos(Loc(0, 0)),
            m::no_evidence(text.trim().is_empty()),
        )
    })
}

/// The diagnoses (each with the index of its group) and pod summaries of a run.
pub(crate) struct Run {
    pub diagnoses: Vec<(usize, Diagnosis)>,
    pub pods: Vec<PodSummary>,
}

impl<'a> Cx<'a> {
    pub(crate) fn new(map: &'a dyn Locate, rules: Rules, ev: &'a Evidence) -> Cx<'a> {
        Cx {
            map,
            rules,
            pods: &ev.pods,
            events: &ev.events,
            nodes: &ev.nodes,
            notes: &ev.notes,
            pod_markers: pod_kubelet_markers(&ev.pods, &ev.events),
        }
    }

    /// Diagnoses each failing group and gives each pod its verdict.
    pub(crate) fn run(&self, groups: &[Group]) -> Run {
        let mut diagnoses = Vec::new();
        let mut failing_pods = vec![false; self.pods.len()];
        let mut recovered: HashMap<usize, u64> = HashMap::new();
        for (gi, g) in groups.iter().enumerate() {
            let parsed: Vec<Parsed<'_>> = g
                .events
                .iter()
                .map(|&i| parse_message(&self.events[i].message))
                .collect();
            let items: Vec<(&EventEv, &Parsed<'_>)> = g
                .events
                .iter()
                .map(|&i| &self.events[i])
                .zip(parsed.iter())
                .collect();
            if is_failing(self, g, &items) {
                if let Some(p) = g.pod {
                    failing_pods[p] = true;
                }
                diagnoses.push((gi, self.diagnose(g, &items)));
            } else if let Some(p) = g.pod {
                let failures = items.iter().filter(|(_, p)| is_failure_msg(&p.msg)).count();
                if failures > 0 {
                    *recovered.entry(p).or_default() += failures as u64;
                }
            }
        }
        let pods = self
            .pods
            .iter()
            .enumerate()
            .map(|(i, p)| self.pod_summary(p, failing_pods[i], recovered.get(&i).copied()))
            .collect::<Vec<_>>();
        Run { diagnoses, pods }
    }
}

pub(crate) fn summarize(r: &DiagnosisReport) -> DiagnosisSummary {
    let mut s = DiagnosisSummary {
        pods: r.pods.len(),
        pods_failing: r
            .pods
            .iter()
            .filter(|p| p.verdict == PodVerdict::PullProblem)
            .count(),
        pods_fine: r
            .pods
            .iter()
            .filter(|p| p.verdict == PodVerdict::NoPullProblem)
            .count(),
        diagnoses: r.diagnoses.len(),
        manifests: r
            .pieces
            .iter()
            .filter(|p| p.format == PieceFormat::Manifest)
            .count(),
        ..DiagnosisSummary::default()
    };
    for f in r.all_findings() {
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
    }
    s
}

/// A finding of `rule` at `at` with `text`'s words.
fn finding(rule: DiagnoseRule, at: Position, text: Text) -> Finding {
    Finding {
        rule: rule.id(),
        severity: rule.severity(),
        message: crate::text::Text::plain(text.message),
        explanation: text.explanation,
        fix: text.fix,
        links: text.links,
        faq: text.faq,
        position: at,
    }
}

/// The reference rules: the options' version, else the first node's kubelet, else the
/// newest.
pub(crate) fn rules_for(nodes: &[NodeEv], options: &DiagnoseOptions) -> Rules {
    if let Some(v) = options.kubernetes_version {
        return v.reference_rules();
    }
    nodes
        .iter()
        .find_map(|n| {
            n.kubelet_version
                .as_deref()
                .and_then(facts::kubernetes_minor)
        })
        .map_or(Rules::V0_6, |minor| {
            KubeVersion::nearest(minor).reference_rules()
        })
}

// ---------------------------------------------------------------------------------------
// Pods across pieces.

/// Merges pods named twice (describe and `-o yaml` of one pod): same name, namespaces
/// equal or one unknown. Returns old index → new index.
fn merge_pods(ev: &mut Evidence) -> Vec<usize> {
    let pods = std::mem::take(&mut ev.pods);
    let mut alias = Vec::with_capacity(pods.len());
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for pod in pods {
        let target = pod.name.as_ref().and_then(|name| {
            by_name.get(name).and_then(|list| {
                list.iter().copied().find(|&i| {
                    let other: &PodEv = &ev.pods[i];
                    other.namespace.is_none()
                        || pod.namespace.is_none()
                        || other.namespace == pod.namespace
                })
            })
        });
        match target {
            Some(i) => {
                merge_into(&mut ev.pods[i], pod);
                alias.push(i);
            }
            None => {
                let i = ev.pods.len();
                if let Some(name) = &pod.name {
                    by_name.entry(name.clone()).or_default().push(i);
                }
                ev.pods.push(pod);
                alias.push(i);
            }
        }
    }
    alias
}

fn same_role(a: ContainerRole, b: ContainerRole) -> bool {
    use ContainerRole as R;
    a == b || matches!((a, b), (R::Init, R::Sidecar) | (R::Sidecar, R::Init))
}

fn merge_into(into: &mut PodEv, from: PodEv) {
    into.namespace = into.namespace.take().or(from.namespace);
    into.node = into.node.take().or(from.node);
    into.uid = into.uid.take().or(from.uid);
    into.phase = into.phase.take().or(from.phase);
    into.from_events &= from.from_events;
    for c in from.containers {
        match into
            .containers
            .iter_mut()
            .find(|x| x.name == c.name && same_role(x.role, c.role))
        {
            Some(x) => {
                if c.role == ContainerRole::Sidecar {
                    x.role = c.role;
                }
                x.image = x.image.take().or(c.image);
                x.image_at = x.image_at.or(c.image_at);
                x.policy = x.policy.or(c.policy);
                if x.state == StateKind::Unknown || (x.message.is_none() && c.message.is_some()) {
                    x.state = c.state;
                    x.reason = c.reason;
                    x.reason_at = c.reason_at;
                    x.message = c.message;
                    x.message_at = c.message_at;
                }
                x.image_id = x.image_id.take().or(c.image_id);
                x.image_id_at = x.image_id_at.or(c.image_id_at);
            }
            None => into.containers.push(c),
        }
    }
}

/// Events name their pods (`involvedObject`, `OBJECT`, a log's `in pod`): attach them,
/// creating pods only events know.
fn attach_events(ev: &mut Evidence) {
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in ev.pods.iter().enumerate() {
        if let Some(n) = &p.name {
            by_name.entry(n.clone()).or_default().push(i);
        }
    }
    for k in 0..ev.events.len() {
        let e = &ev.events[k];
        if e.pod.is_some() {
            continue;
        }
        let Some(object) = e.object.clone() else {
            continue;
        };
        if object
            .kind
            .as_deref()
            .is_some_and(|kind| !kind.eq_ignore_ascii_case("pod"))
        {
            continue;
        }
        let found = by_name.get(&object.name).and_then(|list| {
            list.iter().copied().find(|&i| {
                let p = &ev.pods[i];
                p.namespace.is_none()
                    || object.namespace.is_none()
                    || p.namespace == object.namespace
            })
        });
        let pod = match found {
            Some(i) => i,
            None => {
                let i = ev.pods.len();
                ev.pods.push(PodEv {
                    name: Some(object.name.clone()),
                    namespace: object.namespace.clone(),
                    node: None,
                    uid: None,
                    phase: None,
                    at: e.at,
                    containers: Vec::new(),
                    from_events: true,
                });
                by_name.entry(object.name.clone()).or_default().push(i);
                i
            }
        };
        let host = e.host.clone();
        let p = &mut ev.pods[pod];
        if p.namespace.is_none() {
            p.namespace = object.namespace;
        }
        if p.node.is_none() {
            p.node = host;
        }
        ev.events[k].pod = Some(pod);
    }
    // A describe's events also tell the node (legacy `From: kubelet, <node>`).
    for k in 0..ev.events.len() {
        if let (Some(p), Some(h)) = (ev.events[k].pod, ev.events[k].host.clone()) {
            let pod = &mut ev.pods[p];
            if pod.node.is_none() {
                pod.node = Some(h);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Groups: one per container (or per image when no pod is named).

#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub pod: Option<usize>,
    container: Option<usize>,
    /// The image (kubelet's `<I>` or the runtime's reference) for groups without a
    /// container.
    image: Option<String>,
    events: Vec<usize>,
    /// Which pass of [`group`] made it.
    pub step: Step,
}

/// The passes of [`group`], in order: groups of events with a container or image, groups
/// of containers whose status shows a problem (in pod order), then groups of pod-level
/// and unplaced events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Step {
    Events,
    Status,
    Late,
}

/// A group's key: (pod, container, image key).
type GroupKey = (Option<usize>, Option<usize>, Option<String>);

/// One image ID behind a tag: (digest, the variant, where it is first shown).
type Variant = (String, SkewVariant, Loc);

pub(crate) struct Cx<'a> {
    pub map: &'a dyn Locate,
    pub rules: Rules,
    pub pods: &'a [PodEv],
    pub events: &'a [EventEv],
    pub nodes: &'a [NodeEv],
    pub notes: &'a [Note],
    /// Per pod: the kubelet markers of all its events (one kubelet wrote them all).
    pub pod_markers: Vec<Vec<Marker>>,
}

/// The kubelet version markers every event of a pod shows, per pod: the event's form
/// (`reportingComponent`), `already present … and can be accessed by the pod`, the old
/// lower-case `pulling image`.
fn pod_kubelet_markers(pods: &[PodEv], events: &[EventEv]) -> Vec<Vec<Marker>> {
    let mut out: Vec<Vec<Marker>> = vec![Vec::new(); pods.len()];
    for e in events {
        let Some(p) = e.pod else { continue };
        let mut add = |m: Marker| {
            if !out[p].contains(&m) {
                out[p].push(m);
            }
        };
        e.markers.iter().copied().for_each(&mut add);
        match parse_message(&e.message).msg {
            Msg::Pulling { legacy: true, .. } => add(Marker::KubeletLowercasePulling),
            Msg::Pulled {
                accessible: true, ..
            } => add(Marker::KubeletCanBeAccessed),
            _ => {}
        }
    }
    out
}

/// Where an event belongs.
enum Target {
    Container(usize, usize),
    /// Several containers with the image the event names (kubectl < 1.35 shows no
    /// field path): they share one back-off key and fail together (PF §1.1.7).
    SameImage(usize, Vec<usize>),
    Pod(usize),
    Image(String),
    Nowhere,
}

pub(crate) fn group(cx: &Cx<'_>) -> Vec<Group> {
    // Containers named by events but missing from their pod are added here (a copy:
    // the evidence stays as read).
    let mut extra: HashMap<(usize, String), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<GroupKey, usize> = HashMap::new();
    let mut pending_pod: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut nowhere: Vec<usize> = Vec::new();
    let mut add = |groups: &mut Vec<Group>,
                   key: (Option<usize>, Option<usize>, Option<String>),
                   e: Option<usize>| {
        let g = *index.entry(key.clone()).or_insert_with(|| {
            groups.push(Group {
                pod: key.0,
                container: key.1,
                image: key.2.clone(),
                events: Vec::new(),
                step: Step::Events,
            });
            groups.len() - 1
        });
        if let Some(e) = e {
            groups[g].events.push(e);
        }
    };
    for (k, e) in cx.events.iter().enumerate() {
        let parsed = parse_message(&e.message);
        match cx.target(e, &parsed, &mut extra) {
            Target::Container(p, c) => add(&mut groups, (Some(p), Some(c), None), Some(k)),
            Target::SameImage(p, cs) => {
                for c in cs {
                    add(&mut groups, (Some(p), Some(c), None), Some(k));
                }
            }
            Target::Pod(p) => pending_pod.entry(p).or_default().push(k),
            Target::Image(key) => add(&mut groups, (None, None, Some(key)), Some(k)),
            Target::Nowhere => nowhere.push(k),
        }
    }
    // Containers whose status shows a pull problem, with or without events.
    let from = groups.len();
    for (p, pod) in cx.pods.iter().enumerate() {
        for (c, cont) in pod.containers.iter().enumerate() {
            if cont.state != StateKind::Unknown || cont.reason.is_some() {
                add(&mut groups, (Some(p), Some(c), None), None);
            }
        }
    }
    for g in &mut groups[from..] {
        g.step = Step::Status;
    }
    let from = groups.len();
    // Pod-level events: pull-secret warnings go to every container of the pod; other
    // rows without a container (narrow tables, old kubectl) only when the pod has one
    // container group.
    let mut by_pod: HashMap<usize, Vec<usize>> = HashMap::new();
    for (g, group) in groups.iter().enumerate() {
        if let Some(p) = group.pod {
            by_pod.entry(p).or_default().push(g);
        }
    }
    let mut pending: Vec<(usize, Vec<usize>)> = pending_pod.into_iter().collect();
    pending.sort_unstable_by_key(|(p, _)| *p);
    for (p, events) in pending {
        let in_pod: Vec<usize> = by_pod.get(&p).cloned().unwrap_or_default();
        for k in events {
            let parsed = parse_message(&cx.events[k].message);
            if matches!(parsed.msg, Msg::PullSecrets { .. }) {
                for &g in &in_pod {
                    groups[g].events.push(k);
                }
            } else if let [g] = in_pod.as_slice() {
                groups[*g].events.push(k);
            } else if in_pod.is_empty() {
                add(&mut groups, (Some(p), None, None), Some(k));
            }
        }
    }
    let orphans: Vec<usize> = (0..groups.len())
        .filter(|&g| groups[g].pod.is_none())
        .collect();
    for k in nowhere {
        let parsed = parse_message(&cx.events[k].message);
        if !is_failure_msg(&parsed.msg) && !matches!(parsed.msg, Msg::Runtime { .. }) {
            continue;
        }
        match orphans.as_slice() {
            [g] => groups[*g].events.push(k),
            _ => add(&mut groups, (None, None, None), Some(k)),
        }
    }
    for g in &mut groups[from..] {
        g.step = Step::Late;
    }
    for g in &mut groups {
        g.events.sort_unstable();
        g.events.dedup();
    }
    // Extra containers become groups keyed by name in `image` (resolved in diagnose).
    let _ = extra;
    groups
}

impl Cx<'_> {
    pub(crate) fn pos(&self, loc: Loc) -> Position {
        self.map.position(loc.0, loc.1.max(loc.0))
    }

    /// Where an event belongs.
    fn target(
        &self,
        e: &EventEv,
        parsed: &Parsed<'_>,
        extra: &mut HashMap<(usize, String), usize>,
    ) -> Target {
        let image = parsed
            .msg
            .image()
            .filter(|i| !i.is_empty())
            .map(str::to_owned)
            .or_else(|| match parsed.msg {
                Msg::Runtime { err } | Msg::FailedToPull { err, .. } | Msg::Inspect { err, .. } => {
                    classify(err, false, None).runtime_ref
                }
                _ => None,
            });
        let image = image.or_else(|| e.progress_timeout.as_ref().map(|(i, _)| i.clone()));
        let Some(p) = e.pod else {
            return match image {
                Some(i) => Target::Image(self.image_key(&i)),
                None => Target::Nowhere,
            };
        };
        let pod = &self.pods[p];
        if let Some((role, name)) = e.field_path.as_deref().and_then(parse_field_path) {
            if let Some(c) = pod
                .containers
                .iter()
                .position(|c| c.name == name && same_role(c.role, role))
                .or_else(|| pod.containers.iter().position(|c| c.name == name))
            {
                return Target::Container(p, c);
            }
            // A container the pod's evidence does not list: keyed by name.
            let n = extra.len();
            let id = *extra.entry((p, name)).or_insert(n);
            return Target::Container(p, pod.containers.len() + id);
        }
        if let Some(img) = &image {
            let same: Vec<usize> = pod
                .containers
                .iter()
                .enumerate()
                .filter(|(_, c)| c.image.as_deref() == Some(img))
                .map(|(i, _)| i)
                .collect();
            match same.as_slice() {
                [] => {}
                [c] => return Target::Container(p, *c),
                _ => return Target::SameImage(p, same),
            }
            if !pod.containers.is_empty() {
                // An image no container uses: an image volume (PF §7 Q2).
                let n = extra.len();
                let id = *extra.entry((p, format!("\u{0}{img}"))).or_insert(n);
                return Target::Container(p, pod.containers.len() + id);
            }
            let n = extra.len();
            let id = *extra.entry((p, format!("\u{1}{img}"))).or_insert(n);
            return Target::Container(p, pod.containers.len() + id);
        }
        Target::Pod(p)
    }

    fn image_key(&self, image: &str) -> String {
        nodes::image_key(image, self.rules).map_or_else(|| image.to_owned(), |k| k.0)
    }
}

fn is_failure_msg(msg: &Msg<'_>) -> bool {
    match msg {
        Msg::Error { reason } => facts::is_pull_reason(reason),
        Msg::PullSecrets { .. } => false,
        m => m.is_failure(),
    }
}

/// Whether any group of `ev` could be failing ([`is_failing`] needs a container whose
/// reason is a pull reason, or an event with a failure message or a pull reason's hint):
/// `false` means the evidence makes no diagnosis.
pub(crate) fn may_fail(ev: &Evidence) -> bool {
    ev.pods
        .iter()
        .flat_map(|p| &p.containers)
        .any(|c| c.reason.as_deref().is_some_and(facts::is_pull_reason))
        || ev.events.iter().any(|e| {
            is_failure_msg(&parse_message(&e.message).msg)
                || e.reason_hint.as_deref().is_some_and(facts::is_pull_reason)
        })
}

/// A container (or image) with a pull problem: its status says so, or, when no status
/// is shown, its events do.
fn is_failing(cx: &Cx<'_>, g: &Group, items: &[(&EventEv, &Parsed<'_>)]) -> bool {
    if let Some(c) = cx.container(g) {
        if c.state != StateKind::Unknown {
            return c.state == StateKind::Waiting
                && c.reason.as_deref().is_some_and(facts::is_pull_reason);
        }
        if c.reason.as_deref().is_some_and(facts::is_pull_reason) {
            return true;
        }
    }
    items.iter().any(|(e, p)| {
        is_failure_msg(&p.msg) || e.reason_hint.as_deref().is_some_and(facts::is_pull_reason)
    })
}

impl Cx<'_> {
    fn container(&self, g: &Group) -> Option<&ContainerEv> {
        self.pods.get(g.pod?)?.containers.get(g.container?)
    }
}

// ---------------------------------------------------------------------------------------
// One diagnosis.

/// The failure text chosen for a diagnosis, and where it is.
struct Chosen {
    classified: Option<Classified>,
    wrappers_before: Vec<Wrapper>,
    inner_reason: Option<String>,
    /// The kubelet's own text (never-pull, invalid-name) when there is no runtime text.
    own: Option<String>,
    at: Option<Loc>,
    combined: bool,
    kubelet_markers: Vec<Marker>,
}

impl Chosen {
    fn none() -> Chosen {
        Chosen {
            classified: None,
            wrappers_before: Vec::new(),
            inner_reason: None,
            own: None,
            at: None,
            combined: false,
            kubelet_markers: Vec::new(),
        }
    }
}

/// Reads one message for its failure text (PF §3.2 step 1), with the kubelet's
/// wrapper recorded.
fn read_text(p: &Parsed<'_>, hint_cri: Option<&'static str>) -> Option<Chosen> {
    let mut c = Chosen::none();
    c.combined = p.combined;
    if p.combined {
        c.wrappers_before.push(Wrapper::Combined);
    }
    match &p.msg {
        Msg::FailedToPull { err, .. } => {
            c.wrappers_before.push(Wrapper::FailedToPull);
            c.classified = Some(classify(err, true, None));
        }
        Msg::BackOff {
            previous: Some((reason, message)),
            ..
        } => {
            c.wrappers_before.push(Wrapper::BackOff);
            c.inner_reason = Some((*reason).to_owned());
            c.kubelet_markers.push(Marker::KubeletBackoffWithError);
            let cri = match *reason {
                facts::REGISTRY_UNAVAILABLE => Some(facts::REGISTRY_UNAVAILABLE),
                facts::SIGNATURE_VALIDATION_FAILED => Some(facts::SIGNATURE_VALIDATION_FAILED),
                _ => None,
            };
            // The stored message of RegistryUnavailable/SignatureValidationFailed is the
            // waiting message `image pull failed for <I> because …`.
            let inner = parse_message(message);
            match inner.msg {
                Msg::PullFailedFor {
                    rest, signature, ..
                } => {
                    c.wrappers_before.push(Wrapper::ImagePullFailedFor);
                    let cri = Some(if signature {
                        facts::SIGNATURE_VALIDATION_FAILED
                    } else {
                        facts::REGISTRY_UNAVAILABLE
                    });
                    c.classified = Some(classify(strip_colon(rest), true, cri));
                }
                _ => c.classified = Some(classify(message, true, cri)),
            }
        }
        Msg::PullFailedFor {
            rest, signature, ..
        } => {
            c.wrappers_before.push(Wrapper::ImagePullFailedFor);
            let cri = Some(if *signature {
                facts::SIGNATURE_VALIDATION_FAILED
            } else {
                facts::REGISTRY_UNAVAILABLE
            });
            c.classified = Some(classify(strip_colon(rest), true, cri));
            c.kubelet_markers.push(Marker::KubeletCriErrorReasons);
        }
        Msg::Inspect { image, err } => {
            c.wrappers_before.push(Wrapper::InspectFailed);
            c.kubelet_markers.push(if image.is_empty() {
                Marker::KubeletInspectEmptyRef
            } else {
                Marker::KubeletInspectImageRef
            });
            c.classified = Some(classify(err, false, None));
        }
        Msg::InvalidName { err, .. } => {
            c.wrappers_before.push(Wrapper::DefaultTag);
            if err.contains(facts::PARSE_REFERENCE) {
                c.kubelet_markers.push(Marker::KubeletParseReference);
            } else if err.contains(facts::PARSE_NAME_QUOTED) {
                c.kubelet_markers.push(Marker::KubeletParseNameQuoted);
            }
            c.own = Some((*err).to_owned());
        }
        Msg::NeverPull { .. } => c.own = Some(String::new()),
        Msg::Runtime { err } => c.classified = Some(classify(err, false, hint_cri)),
        _ => return None,
    }
    Some(c)
}

fn strip_colon(s: &str) -> &str {
    s.strip_prefix(':').unwrap_or(s).trim_start()
}

/// Recency of an event: (has a time, time) — ages negated so that later is larger.
fn recency(e: &EventEv) -> Option<(bool, i128)> {
    e.last.as_ref().or(e.first.as_ref()).map(|w| match w {
        When::Ago(lo, _) => (true, -i128::from(*lo)),
        When::At(s, _) => (false, i128::from(*s)),
    })
}

/// Indices of `items` from the most recent to the oldest (times when all carry the same
/// kind, else text order backwards).
fn by_recency(items: &[(&EventEv, &Parsed<'_>)]) -> Vec<usize> {
    let keys: Vec<Option<(bool, i128)>> = items.iter().map(|(e, _)| recency(e)).collect();
    let kinds: Vec<bool> = keys.iter().flatten().map(|k| k.0).collect();
    let uniform = !kinds.is_empty()
        && kinds.iter().all(|&k| k == kinds[0])
        && keys.iter().all(Option::is_some);
    let mut order: Vec<usize> = (0..items.len()).collect();
    if uniform {
        // Stable: equal times keep text order, the later row first.
        order.reverse();
        order.sort_by_key(|&i| std::cmp::Reverse(keys[i].map_or(0, |k| k.1)));
    } else {
        order.reverse();
    }
    order
}

impl Cx<'_> {
    fn diagnose(&self, g: &Group, items: &[(&EventEv, &Parsed<'_>)]) -> Diagnosis {
        let pod = g.pod.map(|p| &self.pods[p]);
        let container = self.container(g);
        let order = by_recency(items);
        // The image: the spec's, else the events', else the runtime's.
        let event_image = order.iter().find_map(|&i| {
            items[i]
                .1
                .msg
                .image()
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
        });
        let extra_name = self.extra_name(g, items);
        let image = container
            .and_then(|c| c.image.clone())
            .or_else(|| event_image.clone())
            .or_else(|| g.image.clone().filter(|_| chosen_image_is_kubelets(items)))
            .or_else(|| chosen_runtime_ref(items));
        let status_reason = container
            .filter(|c| c.state == StateKind::Waiting || c.state == StateKind::Unknown)
            .and_then(|c| c.reason.clone())
            .filter(|r| facts::is_pull_reason(r));
        let hint_reason = order
            .iter()
            .find_map(|&i| items[i].0.reason_hint.clone())
            .filter(|r| facts::is_pull_reason(r));
        // The failure text (PF §3.2 step 1).
        let mut chosen = Chosen::none();
        if let Some(c) = container
            && let (Some(msg), Some(reason)) = (&c.message, &status_reason)
        {
            let p = parse_message(msg);
            let text = match (&p.msg, reason.as_str()) {
                (Msg::Other | Msg::Runtime { .. }, _) => {
                    // A plain CRI error (`ErrImagePull`'s waiting message).
                    let mut ch = Chosen::none();
                    let cri = match reason.as_str() {
                        facts::REGISTRY_UNAVAILABLE => Some(facts::REGISTRY_UNAVAILABLE),
                        facts::SIGNATURE_VALIDATION_FAILED => {
                            Some(facts::SIGNATURE_VALIDATION_FAILED)
                        }
                        _ => None,
                    };
                    ch.classified = Some(classify(msg, reason != facts::IMAGE_INSPECT_ERROR, cri));
                    Some(ch)
                }
                _ => read_text(&p, None),
            };
            if let Some(mut t) = text {
                t.at = c.message_at;
                chosen = t;
            }
        }
        if chosen.classified.is_none() && chosen.own.is_none() {
            // The latest failure event with a text; a runtime's text alone counts last.
            let mut best: Option<Chosen> = None;
            for &i in &order {
                let (e, p) = items[i];
                let hint_cri = e.reason_hint.as_deref().and_then(|r| match r {
                    facts::REGISTRY_UNAVAILABLE => Some(facts::REGISTRY_UNAVAILABLE),
                    facts::SIGNATURE_VALIDATION_FAILED => Some(facts::SIGNATURE_VALIDATION_FAILED),
                    _ => None,
                });
                if let Some(mut t) = read_text(p, hint_cri) {
                    t.at = Some(e.at);
                    let runtime_only = matches!(p.msg, Msg::Runtime { .. });
                    if !runtime_only {
                        best = Some(t);
                        break;
                    }
                    if best.is_none() {
                        best = Some(t);
                    }
                }
            }
            if let Some(b) = best {
                let keep_inner = chosen.inner_reason.take();
                chosen = b;
                chosen.inner_reason = chosen.inner_reason.take().or(keep_inner);
            }
        }
        // The reason: the status's, else a text's own, else the events'.
        let latest_error = order.iter().find_map(|&i| match items[i].1.msg {
            Msg::Error { reason } if facts::is_pull_reason(reason) => Some(reason.to_owned()),
            _ => None,
        });
        let from_text = chosen
            .classified
            .as_ref()
            .and_then(|c| c.cri_reason)
            .map(str::to_owned);
        let reason = status_reason
            .clone()
            .or(hint_reason)
            .or(latest_error)
            .or_else(|| {
                order.iter().find_map(|&i| match &items[i].1.msg {
                    Msg::FailedToPull { err, .. } => Some(eval_cri_pull_err(err).to_owned()),
                    Msg::BackOff { .. } => Some(facts::IMAGE_PULL_BACK_OFF.to_owned()),
                    Msg::NeverPull { .. } => Some(facts::ERR_IMAGE_NEVER_PULL.to_owned()),
                    Msg::InvalidName { .. } => Some(facts::INVALID_IMAGE_NAME.to_owned()),
                    Msg::Inspect { .. } => Some(facts::IMAGE_INSPECT_ERROR.to_owned()),
                    Msg::PullFailedFor { signature, .. } => Some(
                        if *signature {
                            facts::SIGNATURE_VALIDATION_FAILED
                        } else {
                            facts::REGISTRY_UNAVAILABLE
                        }
                        .to_owned(),
                    ),
                    _ => None,
                })
            })
            .or(from_text)
            .unwrap_or_else(|| facts::ERR_IMAGE_PULL.to_owned());
        // The class.
        let secrets: Vec<(&EventEv, &str)> = items
            .iter()
            .filter_map(|(e, p)| match p.msg {
                Msg::PullSecrets { names } => Some((*e, names)),
                _ => None,
            })
            .collect();
        let mut class = match reason.as_str() {
            facts::ERR_IMAGE_NEVER_PULL => FailureClass::NeverPull,
            facts::INVALID_IMAGE_NAME => FailureClass::InvalidName,
            _ => chosen
                .classified
                .as_ref()
                .and_then(|c| c.class)
                .unwrap_or(FailureClass::Unknown),
        };
        if reason == facts::IMAGE_INSPECT_ERROR && class == FailureClass::Unknown {
            class = FailureClass::InspectError;
        }
        if !secrets.is_empty()
            && matches!(
                class,
                FailureClass::AccessDenied | FailureClass::NoCredentials | FailureClass::Unknown
            )
        {
            class = FailureClass::NoCredentials;
        }
        // Runtime and versions.
        let node = pod
            .and_then(|p| p.node.as_deref())
            .and_then(|n| self.nodes.iter().find(|x| x.name == n));
        let mut markers: Vec<Marker> = Vec::new();
        let mut push = |m: Marker| {
            if !markers.contains(&m) {
                markers.push(m);
            }
        };
        if let Some(c) = &chosen.classified {
            c.markers.iter().copied().for_each(&mut push);
        }
        chosen.kubelet_markers.iter().copied().for_each(&mut push);
        if let Some(p) = g.pod {
            self.pod_markers[p].iter().copied().for_each(&mut push);
        }
        for (e, p) in items {
            e.markers.iter().copied().for_each(&mut push);
            match &p.msg {
                Msg::Pulling { legacy: true, .. } => push(Marker::KubeletLowercasePulling),
                Msg::Pulled {
                    accessible: true, ..
                } => push(Marker::KubeletCanBeAccessed),
                _ => {}
            }
        }
        if matches!(
            reason.as_str(),
            facts::REGISTRY_UNAVAILABLE | facts::SIGNATURE_VALIDATION_FAILED
        ) {
            push(Marker::KubeletCriErrorReasons);
        }
        let policy = self.policy(container, items, &reason, image.as_deref(), class);
        if reason == facts::IMAGE_INSPECT_ERROR && policy.effective == Some(PullPolicy::Always) {
            push(Marker::KubeletInspectUnderAlways);
        }
        let runtime = self.runtime(&markers, node);
        let mut kubelet = Band::default();
        for mk in &markers {
            if facts::is_kubelet_marker(*mk) {
                kubelet.narrow(facts::marker_bound(*mk));
            }
        }
        let mut kubelet_markers: Vec<Marker> = markers
            .iter()
            .copied()
            .filter(|m| facts::is_kubelet_marker(*m))
            .collect();
        if let Some(v) = node
            .and_then(|n| n.kubelet_version.as_deref())
            .and_then(facts::parse_version)
        {
            kubelet.narrow(Band::exactly(v));
            kubelet_markers.push(Marker::NodeKubeletVersion);
        }
        let no_back_off = matches!(
            reason.as_str(),
            facts::ERR_IMAGE_NEVER_PULL | facts::INVALID_IMAGE_NAME | facts::IMAGE_INSPECT_ERROR
        );
        let timeline = timeline::timeline(items, no_back_off, status_reason.is_some());
        // Where the failure shows.
        let failure_loc = container
            .and_then(|c| c.reason_at.filter(|_| status_reason.is_some()))
            .or(chosen.at)
            .or_else(|| {
                order
                    .iter()
                    .map(|&i| items[i])
                    .find(|(_, p)| is_failure_msg(&p.msg))
                    .map(|(e, _)| e.at)
            })
            .or_else(|| container.and_then(|c| c.image_at))
            .or_else(|| pod.map(|p| p.at))
            .unwrap_or_default();
        let position = self.pos(failure_loc);
        let image_loc = container.and_then(|c| c.image_at).unwrap_or(failure_loc);
        let classified = chosen.classified.as_ref();
        let mut wrappers = chosen.wrappers_before.clone();
        if let Some(c) = classified {
            wrappers.extend(c.wrappers.iter().copied());
        }
        let message = classified
            .map(|c| c.message.clone())
            .or_else(|| match class {
                FailureClass::NeverPull => order.iter().find_map(|&i| match &items[i].1.msg {
                    Msg::NeverPull { .. } => Some(items[i].0.message.clone()),
                    _ => None,
                }),
                _ => chosen.own.clone().filter(|s| !s.is_empty()),
            })
            .or_else(|| {
                container.and_then(|c| c.message.clone()).filter(|_| {
                    class == FailureClass::NeverPull || class == FailureClass::InvalidName
                })
            });
        let cause = classified
            .map(|c| c.cause.clone())
            .filter(|c| !c.is_empty());
        let runtime_ref = classified.and_then(|c| c.runtime_ref.clone());
        let (container_name, role) = match container {
            Some(c) => (Some(c.name.clone()).filter(|n| !n.is_empty()), c.role),
            None => match &extra_name {
                Some((name, role)) => (name.clone(), *role),
                None => (None, ContainerRole::Unknown),
            },
        };
        let nodes: Vec<NodePresence> = match image.as_deref().or(runtime_ref.as_deref()) {
            Some(img) => self
                .nodes
                .iter()
                .map(|n| {
                    let v = nodes::presence(img, n, self.rules);
                    NodePresence {
                        node: n.name.clone(),
                        present: v.present,
                        why: v.why,
                        pod_node: pod.and_then(|p| p.node.as_deref()) == Some(n.name.as_str()),
                        matched: v.matched,
                        position: self.pos(v.at),
                    }
                })
                .collect(),
            None => Vec::new(),
        };
        let fix_cx = m::FixContext {
            class,
            image: image.as_deref(),
            policy: policy.effective,
            reason: &reason,
            runtime: runtime.name,
            architecture: node.and_then(|n| n.architecture.as_deref()),
            present_elsewhere: nodes
                .iter()
                .filter(|n| n.present == Presence::Yes && !n.pod_node)
                .map(|n| n.node.as_str())
                .collect(),
            present_here: nodes
                .iter()
                .any(|n| n.present == Presence::Yes && n.pod_node),
            secrets: secrets.first().map(|s| s.1),
        };
        let fix = m::fix(&fix_cx);
        // Findings.
        let who = m::Who {
            pod: pod.and_then(|p| p.name.as_deref()),
            container: container_name.as_deref(),
            image: image.as_deref(),
        };
        let mut findings = vec![finding(
            DiagnoseRule::PullFailure,
            position,
            m::pull_failure(&who, &reason, class, message.as_deref(), fix.clone()),
        )];
        let policy_rule = if m::policy_is_a_cause(class, policy.effective) {
            DiagnoseRule::PolicyCause
        } else {
            DiagnoseRule::PolicyPart
        };
        findings.push(finding(
            policy_rule,
            self.pos(image_loc),
            m::policy_finding(&policy, class),
        ));
        if let Some(t) = &timeline {
            // The latest failed attempt's row (else the latest failure of any kind).
            let at = order
                .iter()
                .map(|&i| items[i])
                .find(|(_, p)| {
                    matches!(
                        p.msg,
                        Msg::FailedToPull { .. }
                            | Msg::Inspect { .. }
                            | Msg::NeverPull { .. }
                            | Msg::InvalidName { .. }
                            | Msg::PullFailedFor { .. }
                    )
                })
                .or_else(|| {
                    order
                        .iter()
                        .map(|&i| items[i])
                        .find(|(_, p)| is_failure_msg(&p.msg))
                })
                .map_or(failure_loc, |(e, _)| e.at);
            findings.push(finding(
                DiagnoseRule::Timeline,
                self.pos(at),
                m::timeline(t),
            ));
            if t.failures_lower_bound {
                findings.push(finding(
                    DiagnoseRule::StaleCounters,
                    self.pos(at),
                    m::stale_counters(t),
                ));
            }
        }
        for n in &nodes {
            findings.push(finding(
                DiagnoseRule::NodePresence,
                n.position,
                m::presence(
                    &n.node,
                    n.present,
                    n.why,
                    n.pod_node,
                    n.matched.as_deref(),
                    policy.effective,
                ),
            ));
        }
        self.hints(
            &mut findings,
            &HintCx {
                class,
                reason: &reason,
                image: image.as_deref(),
                message: message.as_deref(),
                runtime: &runtime,
                node,
                role,
                combined: chosen.combined,
                failure_at: position,
                image_at: self.pos(image_loc),
                secrets: &secrets,
                items,
                kubelet: &kubelet,
                kubelet_markers: &kubelet_markers,
                pod_events: pod.is_some(),
            },
        );
        Diagnosis {
            pod: pod.and_then(|p| p.name.clone()),
            namespace: pod.and_then(|p| p.namespace.clone()),
            container: container_name,
            role,
            image,
            runtime_ref,
            reason,
            inner_reason: chosen.inner_reason.clone(),
            class,
            runtime,
            kubelet: kubelet.public(),
            message,
            cause,
            grpc_code: classified.and_then(|c| c.grpc_code.clone()),
            wrappers,
            parts: classified.map(|c| c.parts.clone()).unwrap_or_default(),
            combined: chosen.combined,
            policy,
            timeline,
            nodes,
            fix,
            findings,
            position,
        }
    }

    /// A container events name that the pod's evidence does not list (or events without
    /// a pod): its name and role from the field path, or an image volume for an image no
    /// container of a known pod uses (PF §7 Q2).
    fn extra_name(
        &self,
        g: &Group,
        items: &[(&EventEv, &Parsed<'_>)],
    ) -> Option<(Option<String>, ContainerRole)> {
        if self.container(g).is_some() {
            return None;
        }
        for (e, _) in items {
            if let Some((role, name)) = e.field_path.as_deref().and_then(parse_field_path) {
                return Some((Some(name), role));
            }
        }
        let known = g.pod.is_some_and(|p| !self.pods[p].containers.is_empty());
        Some((
            None,
            if known {
                ContainerRole::ImageVolume
            } else {
                ContainerRole::Unknown
            },
        ))
    }

    fn policy(
        &self,
        container: Option<&ContainerEv>,
        items: &[(&EventEv, &Parsed<'_>)],
        reason: &str,
        image: Option<&str>,
        class: FailureClass,
    ) -> PolicyPart {
        let default = image.map(|i| {
            if reference::defaults_to_always(i, self.rules) {
                PullPolicy::Always
            } else {
                PullPolicy::IfNotPresent
            }
        });
        let present = items
            .iter()
            .any(|(_, p)| matches!(p.msg, Msg::Pulled { present: true, .. }));
        // From 1.33 the kubelet inspects only under IfNotPresent and Never.
        let inspect_new = reason == facts::IMAGE_INSPECT_ERROR
            && items
                .iter()
                .any(|(_, p)| matches!(&p.msg, Msg::Inspect { image, .. } if image.is_empty()));
        let not_always = present || inspect_new;
        let log = items.iter().find_map(|(e, _)| e.policy_hint);
        let (effective, source) = if let Some(p) = container.and_then(|c| c.policy) {
            (Some(p), PolicyEvidence::Written)
        } else if let Some(p) = log {
            (Some(p), PolicyEvidence::Log)
        } else if reason == facts::ERR_IMAGE_NEVER_PULL {
            (Some(PullPolicy::Never), PolicyEvidence::NeverPullReason)
        } else if let Some(d) = default {
            if d == PullPolicy::Always && not_always {
                (None, PolicyEvidence::Unknown)
            } else {
                (Some(d), PolicyEvidence::DefaultIfUnset)
            }
        } else {
            (None, PolicyEvidence::Unknown)
        };
        let class_hint = m::PolicyCx {
            effective,
            source,
            default,
            not_always,
            reason,
            image,
            image_valid: image
                .is_some_and(|i| reference::parse_normalized_named(i, self.rules).is_ok()),
            class,
        };
        PolicyPart {
            effective,
            source,
            default,
            not_always,
            note: m::policy_note(&class_hint),
        }
    }

    fn runtime(&self, markers: &[Marker], node: Option<&NodeEv>) -> RuntimeInfo {
        let mut counts: Vec<(Runtime, usize)> = Vec::new();
        for mk in markers {
            if let Some(r) = facts::marker_runtime(*mk) {
                match counts.iter_mut().find(|(x, _)| *x == r) {
                    Some((_, n)) => *n += 1,
                    None => counts.push((r, 1)),
                }
            }
        }
        let from_text = counts.iter().max_by_key(|(_, n)| *n).map(|(r, _)| *r);
        let reported = node.and_then(|n| n.runtime_version.clone());
        let (node_runtime, node_version) = reported.as_deref().map_or((None, None), |v| {
            let (r, ver) = facts::runtime_of_node(v);
            (Some(r), ver)
        });
        let name = from_text.or(node_runtime).unwrap_or(Runtime::Unknown);
        let mut band = Band::default();
        let mut kept: Vec<Marker> = Vec::new();
        for mk in markers {
            if facts::marker_runtime(*mk) == Some(name) {
                band.narrow(facts::marker_bound(*mk));
                kept.push(*mk);
            }
        }
        if node_runtime == Some(name)
            && let Some(v) = node_version.and_then(facts::parse_version)
        {
            band.narrow(Band::exactly(v));
            kept.push(Marker::NodeRuntimeVersion);
        }
        let pull_path = if kept.contains(&Marker::ContainerdResolveImage) {
            Some(PullPath::TransferService)
        } else if kept.contains(&Marker::ContainerdResolveReference) {
            Some(PullPath::ClientPull)
        } else {
            None
        };
        RuntimeInfo {
            name,
            band: band.public(),
            reported,
            pull_path,
            markers: kept,
        }
    }
}

/// Whether a group's image key came from a kubelet message (not only from a runtime's
/// normalized reference).
fn chosen_image_is_kubelets(items: &[(&EventEv, &Parsed<'_>)]) -> bool {
    items
        .iter()
        .any(|(_, p)| p.msg.image().is_some_and(|i| !i.is_empty()))
}

/// The image as the runtime names it in the group's failure texts.
fn chosen_runtime_ref(items: &[(&EventEv, &Parsed<'_>)]) -> Option<String> {
    items.iter().rev().find_map(|(e, p)| match p.msg {
        Msg::Runtime { err } | Msg::FailedToPull { err, .. } | Msg::Inspect { err, .. } => {
            classify(err, false, None).runtime_ref
        }
        _ => e.progress_timeout.as_ref().map(|(i, _)| i.clone()),
    })
}

/// `evalCRIPullErr` (PS §4.3 step 6.4): the reason a pull error text gives. An
/// aggregate is always `ErrImagePull` (only the whole text's prefix is tested).
fn eval_cri_pull_err(err: &str) -> &'static str {
    let t = err.trim_start();
    if t.starts_with(facts::REGISTRY_UNAVAILABLE) {
        facts::REGISTRY_UNAVAILABLE
    } else if t.starts_with(facts::SIGNATURE_VALIDATION_FAILED) {
        facts::SIGNATURE_VALIDATION_FAILED
    } else {
        facts::ERR_IMAGE_PULL
    }
}

// ---------------------------------------------------------------------------------------
// Hints.

struct HintCx<'h> {
    class: FailureClass,
    reason: &'h str,
    image: Option<&'h str>,
    message: Option<&'h str>,
    runtime: &'h RuntimeInfo,
    node: Option<&'h NodeEv>,
    role: ContainerRole,
    combined: bool,
    failure_at: Position,
    image_at: Position,
    secrets: &'h [(&'h EventEv, &'h str)],
    items: &'h [(&'h EventEv, &'h Parsed<'h>)],
    kubelet: &'h Band,
    kubelet_markers: &'h [Marker],
    pod_events: bool,
}

impl Cx<'_> {
    fn hints(&self, out: &mut Vec<Finding>, h: &HintCx<'_>) {
        let parsed = h
            .image
            .and_then(|i| reference::parse_normalized_named(i, self.rules).ok());
        if h.class == FailureClass::AccessDenied
            && let Some(r) = parsed.as_ref().filter(|r| r.domain() == "docker.io")
        {
            out.push(finding(
                DiagnoseRule::DockerHubAmbiguity,
                h.image_at,
                m::docker_hub_ambiguity(r.path()),
            ));
        }
        if h.class == FailureClass::InvalidName
            && let Some(img) = h.image
        {
            let last = img.rsplit('/').next().unwrap_or(img);
            if last.matches(':').count() >= 2 {
                out.push(finding(
                    DiagnoseRule::DoubleTag,
                    h.image_at,
                    m::double_tag(img),
                ));
            }
            if img.starts_with('/') {
                out.push(finding(
                    DiagnoseRule::EmptyRegistryHost,
                    h.image_at,
                    m::empty_registry_host(img),
                ));
            }
        }
        if h.class == FailureClass::NotFound
            && h.runtime.name == Runtime::CriO
            && h.message.is_some_and(|m| m.contains("manifest unknown"))
        {
            out.push(finding(
                DiagnoseRule::ManifestUnknownAmbiguity,
                h.failure_at,
                m::manifest_unknown_ambiguity(),
            ));
        }
        if h.combined {
            out.push(finding(
                DiagnoseRule::CombinedEvents,
                h.failure_at,
                m::combined_events(),
            ));
        }
        for (e, names) in h.secrets {
            out.push(finding(
                DiagnoseRule::PullSecretMissing,
                self.pos(e.at),
                m::pull_secret_missing(names),
            ));
        }
        for (e, _) in h.items {
            if let Some((_, d)) = &e.progress_timeout
                && d != facts::CONTAINERD_PROGRESS_TIMEOUT
            {
                out.push(finding(
                    DiagnoseRule::ProgressTimeout,
                    self.pos(e.at),
                    m::progress_timeout(d),
                ));
            }
        }
        let embedded = h
            .node
            .and_then(|n| n.runtime_version.as_deref())
            .and_then(facts::embedded_containerd)
            .or_else(|| h.message.and_then(facts::embedded_containerd));
        if let Some(dist) = embedded {
            out.push(finding(
                DiagnoseRule::EmbeddedRuntime,
                h.failure_at,
                m::embedded_runtime(dist, h.class),
            ));
        }
        if let Some(n) = h.node {
            if let Some(v) = &n.runtime_version {
                let (node_rt, _) = facts::runtime_of_node(v);
                let text_rt = h
                    .runtime
                    .markers
                    .iter()
                    .find_map(|mk| facts::marker_runtime(*mk));
                if let Some(t) = text_rt.filter(|t| *t != node_rt && node_rt != Runtime::Unknown) {
                    out.push(finding(
                        DiagnoseRule::RuntimeMismatch,
                        self.pos(n.at),
                        m::runtime_mismatch(t, v, &n.name),
                    ));
                }
                if let Some(version) = facts::runtime_of_node(v).1.and_then(facts::parse_version) {
                    let mut band = Band::default();
                    for mk in &h.runtime.markers {
                        if *mk != Marker::NodeRuntimeVersion {
                            band.narrow(facts::marker_bound(*mk));
                        }
                    }
                    if text_rt == Some(node_rt) && !band.contains(version) {
                        out.push(finding(
                            DiagnoseRule::RuntimeMismatch,
                            self.pos(n.at),
                            m::runtime_version_mismatch(v, &band.public()),
                        ));
                    }
                }
            }
            if h.class == FailureClass::PlatformMismatch {
                out.push(finding(
                    DiagnoseRule::NodeArchitecture,
                    self.pos(n.at),
                    m::node_architecture(
                        &n.name,
                        n.architecture.as_deref(),
                        n.operating_system.as_deref(),
                    ),
                ));
            }
            if n.disk_pressure == Some(true) {
                out.push(finding(
                    DiagnoseRule::DiskPressure,
                    self.pos(n.at),
                    m::disk_pressure(&n.name, h.class),
                ));
            }
        }
        if h.message.is_none()
            && !matches!(h.class, FailureClass::NeverPull | FailureClass::InvalidName)
        {
            out.push(finding(
                DiagnoseRule::NoFailureText,
                h.failure_at,
                m::no_failure_text(h.reason, h.pod_events),
            ));
        }
        if h.role == ContainerRole::ImageVolume && h.image.is_some() {
            out.push(finding(
                DiagnoseRule::ImageVolumePull,
                h.image_at,
                m::image_volume_pull(),
            ));
        }
        let kubelet = h.kubelet.public();
        if !h.kubelet_markers.is_empty() || !h.runtime.markers.is_empty() {
            out.push(finding(
                DiagnoseRule::VersionsRead,
                h.failure_at,
                m::versions_read(&kubelet, h.kubelet_markers, h.runtime),
            ));
        }
    }

    // -----------------------------------------------------------------------------------
    // Pods, nodes, skew, notes.

    fn pod_summary(&self, p: &PodEv, failing: bool, recovered: Option<u64>) -> PodSummary {
        let containers: Vec<ContainerState> = p
            .containers
            .iter()
            .map(|c| ContainerState {
                name: c.name.clone(),
                role: c.role,
                image: c.image.clone(),
                state: c.state,
                reason: c.reason.clone(),
            })
            .collect();
        let verdict = if failing {
            PodVerdict::PullProblem
        } else if containers.iter().any(|c| c.state != StateKind::Unknown) || p.phase.is_some() {
            PodVerdict::NoPullProblem
        } else {
            PodVerdict::NoEvidence
        };
        let message = m::pod_message(verdict, &containers, p.phase.as_deref(), recovered);
        PodSummary {
            name: p.name.clone(),
            namespace: p.namespace.clone(),
            node: p.node.clone(),
            phase: p.phase.clone(),
            verdict,
            containers,
            message,
            position: self.pos(p.at),
        }
    }

    pub(crate) fn node_summary(&self, n: &NodeEv) -> NodeSummary {
        let runtime = n
            .runtime_version
            .as_deref()
            .map_or(Runtime::Unknown, |v| facts::runtime_of_node(v).0);
        NodeSummary {
            name: n.name.clone(),
            runtime,
            runtime_version: n.runtime_version.clone(),
            kubelet_version: n.kubelet_version.clone(),
            architecture: n.architecture.clone(),
            operating_system: n.operating_system.clone(),
            images: n.images.as_ref().map(Vec::len),
            images_at_cap: n
                .images
                .as_ref()
                .is_some_and(|i| i.len() == facts::NODE_STATUS_MAX_IMAGES),
            image_bytes: n
                .images
                .as_ref()
                .map_or(0, |i| i.iter().fold(0u64, |a, x| a.saturating_add(x.size))),
            disk_pressure: n.disk_pressure,
            position: self.pos(n.at),
        }
    }

    pub(crate) fn notes(&self) -> Vec<Finding> {
        self.notes
            .iter()
            .map(|n| {
                let text = match &n.detail {
                    NoteDetail::Unreadable(msg) => m::unreadable(msg),
                    NoteDetail::UnreadableRest => m::unreadable_rest(),
                    NoteDetail::BadRows(n) => m::bad_rows(*n),
                    NoteDetail::JoinedBox => m::joined_box(),
                    NoteDetail::DescribeOther => m::describe_not_a_pod(),
                    NoteDetail::Manifest(kind, name) => {
                        m::manifest(kind.as_deref(), name.as_deref())
                    }
                    NoteDetail::Unrecognized => m::unrecognized(),
                };
                finding(n.rule, self.pos(n.at), text)
            })
            .collect()
    }
}

/// Version skew (PS §4.9), gathered pod by pod in the report's pod order: one tag,
/// different image IDs across pods.
#[derive(Default)]
pub(crate) struct SkewAcc {
    /// image → (digest → (id, containers, nodes, first loc)), in order of first appearance.
    by_image: Vec<(String, Vec<Variant>)>,
    index: HashMap<String, usize>,
}

/// One container [`SkewAcc`] counts: what [`SkewAcc::seen`] reads of a pod, alone.
pub(crate) struct Seen {
    image: String,
    /// The image ID's digest.
    digest: String,
    image_id: String,
    /// `namespace/pod/container`.
    who: String,
    node: Option<String>,
    at: Loc,
}

impl SkewAcc {
    /// Adds one pod's containers.
    pub(crate) fn add(&mut self, p: &PodEv, rules: Rules) {
        for s in Self::seen(p, rules) {
            self.push(s);
        }
    }

    /// The containers of one pod that [`SkewAcc::add`] counts (pure: a caller may read
    /// pods on several threads and push in order).
    pub(crate) fn seen(p: &PodEv, rules: Rules) -> Vec<Seen> {
        let mut out = Vec::new();
        for c in &p.containers {
            let (Some(image), Some(id)) = (&c.image, &c.image_id) else {
                continue;
            };
            let digest_pinned =
                reference::parse_normalized_named(image, rules).is_ok_and(|r| r.digest().is_some());
            if digest_pinned || c.role == ContainerRole::ImageVolume {
                continue;
            }
            out.push(Seen {
                image: image.clone(),
                digest: id.rsplit('@').next().unwrap_or(id).to_owned(),
                image_id: id.clone(),
                who: format!(
                    "{}/{}/{}",
                    p.namespace.as_deref().unwrap_or("-"),
                    p.name.as_deref().unwrap_or("-"),
                    c.name
                ),
                node: p.node.clone(),
                at: c.image_id_at.or(c.image_at).unwrap_or(p.at),
            });
        }
        out
    }

    /// Counts one container, after those before it in the report's pod order.
    pub(crate) fn push(&mut self, s: Seen) {
        let slot = match self.index.get(&s.image) {
            Some(&slot) => slot,
            None => {
                self.index.insert(s.image.clone(), self.by_image.len());
                self.by_image.push((s.image, Vec::new()));
                self.by_image.len() - 1
            }
        };
        let variants = &mut self.by_image[slot].1;
        match variants.iter_mut().find(|(d, _, _)| *d == s.digest) {
            Some((_, v, _)) => {
                v.containers.push(s.who);
                if let Some(n) = s.node
                    && !v.nodes.contains(&n)
                {
                    v.nodes.push(n);
                }
            }
            None => variants.push((
                s.digest,
                SkewVariant {
                    image_id: s.image_id,
                    containers: vec![s.who],
                    nodes: s.node.into_iter().collect(),
                },
                s.at,
            )),
        }
    }

    /// The skewed tags, each with its finding pushed to `findings`.
    pub(crate) fn finish(self, cx: &Cx<'_>, findings: &mut Vec<Finding>) -> Vec<Skew> {
        let mut out = Vec::new();
        for (image, variants) in self.by_image {
            if variants.len() < 2 {
                continue;
            }
            let at = cx.pos(variants[0].2);
            findings.push(finding(
                DiagnoseRule::VersionSkew,
                at,
                m::version_skew(&image, variants.len()),
            ));
            out.push(Skew {
                image,
                variants: variants.into_iter().map(|v| v.1).collect(),
                position: at,
            });
        }
        out
    }
}
