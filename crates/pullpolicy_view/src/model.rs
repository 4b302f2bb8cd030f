//! The document model every edge renders: a [`View`] of a [`Report`] with its
//! [`Counts`] and a [`Section`] per document holding its refusal notices, findings and a
//! [`Card`] per entry; and the flat list of [`FindingView`]s that tables, editor markers
//! and SARIF list.
//!
//! A refusal (`kubectlError`, `apiError`, `strictError`) is shown as a notice in the
//! refusing stage's words. The core records every refusal together with its error finding
//! (`Document::refuse` is the only way to refuse an object), so the finding is what is
//! counted and listed, once; a syntax error is the error finding of its unreadable
//! document (`yaml-syntax`, `json-syntax`, …) in the same way.

use crate::text::{Faq, Target, Text};
use crate::wording;
use pullpolicy::kubelet::{Outcome, WaitingReason};
use pullpolicy::rules::Rule;
use pullpolicy::{
    Document, DocumentStatus, Entry, Finding, PolicySource, Position, PullPolicy, Report, Role,
    Severity, WrittenAs,
};
use serde::Serialize;

/// An entry's effective policy, as the filters name it (`invalid`: none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PolicyKey {
    /// `Always`.
    Always,
    /// `IfNotPresent`.
    IfNotPresent,
    /// `Never`.
    Never,
    /// No effective policy: rejected, or not defaulted.
    #[serde(rename = "invalid")]
    Invalid,
}

impl PolicyKey {
    /// The four, in the summary's order.
    pub const ALL: [PolicyKey; 4] = [
        PolicyKey::Always,
        PolicyKey::IfNotPresent,
        PolicyKey::Never,
        PolicyKey::Invalid,
    ];

    /// The entry's.
    pub fn of(entry: &Entry) -> PolicyKey {
        match entry.policy.effective {
            Some(PullPolicy::Always) => PolicyKey::Always,
            Some(PullPolicy::IfNotPresent) => PolicyKey::IfNotPresent,
            Some(PullPolicy::Never) => PolicyKey::Never,
            None => PolicyKey::Invalid,
        }
    }

    /// `Always`, `IfNotPresent`, `Never` or `invalid`.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicyKey::Always => "Always",
            PolicyKey::IfNotPresent => "IfNotPresent",
            PolicyKey::Never => "Never",
            PolicyKey::Invalid => wording::POLICY_INVALID,
        }
    }

    /// The lower-case form, for class names.
    pub fn class(self) -> &'static str {
        match self {
            PolicyKey::Always => "always",
            PolicyKey::IfNotPresent => "ifnotpresent",
            PolicyKey::Never => "never",
            PolicyKey::Invalid => "invalid",
        }
    }

    /// The key named `name` ([`PolicyKey::as_str`]).
    pub fn from_name(name: &str) -> Option<PolicyKey> {
        PolicyKey::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// How a value should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Tone {
    /// As it is.
    Plain,
    /// It works.
    Good,
    /// It does not.
    Bad,
    /// Not a value.
    Muted,
}

/// Counts over a report (or several, [`Counts::add`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Image-bearing entries.
    pub entries: usize,
    /// … whose effective policy is `Always`.
    pub always: usize,
    /// … `IfNotPresent`.
    pub if_not_present: usize,
    /// … `Never`.
    pub never: usize,
    /// … none (rejected or not defaulted).
    pub none: usize,
    /// Errors: error findings (every refusal and syntax error is one).
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Informational findings (documents without a pod spec excluded).
    pub infos: usize,
    /// Documents without a pod spec: counted, not listed.
    pub skipped: usize,
    /// Of the errors: what kubectl cannot read (the report's `syntaxErrors`).
    pub syntax_errors: usize,
}

impl Counts {
    /// The counts of `report`.
    pub fn of(report: &Report) -> Counts {
        let s = &report.summary;
        Counts {
            entries: s.entries,
            always: s.always,
            if_not_present: s.if_not_present,
            never: s.never,
            none: s.none,
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos - s.skipped,
            skipped: s.skipped,
            syntax_errors: report.syntax_errors.len(),
        }
    }

    /// Adds `other`.
    pub fn add(&mut self, other: &Counts) {
        self.entries += other.entries;
        self.always += other.always;
        self.if_not_present += other.if_not_present;
        self.never += other.never;
        self.none += other.none;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.skipped += other.skipped;
        self.syntax_errors += other.syntax_errors;
    }

    /// Entries with this effective policy.
    pub fn policy(&self, key: PolicyKey) -> usize {
        match key {
            PolicyKey::Always => self.always,
            PolicyKey::IfNotPresent => self.if_not_present,
            PolicyKey::Never => self.never,
            PolicyKey::Invalid => self.none,
        }
    }

    /// By severity.
    pub fn severity(&self, s: Severity) -> usize {
        match s {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    /// The highest severity counted.
    pub fn max_severity(&self) -> Option<Severity> {
        [Severity::Error, Severity::Warning, Severity::Info]
            .into_iter()
            .find(|s| self.severity(*s) > 0)
    }
}

/// Who refuses an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum RejectionKind {
    /// kubectl, which does not send it (`kubectlError`).
    Kubectl,
    /// The API server (`apiError`).
    Api,
    /// `kubectl apply`'s strict field validation (`strictError`).
    Strict,
}

/// A refusal notice: always shown as an error (its error finding is what is counted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rejection<'r> {
    /// Who rejects it.
    pub kind: RejectionKind,
    /// The heading.
    pub heading: &'static str,
    /// Kubernetes' words, verbatim.
    pub text: &'r str,
}

/// A document's rejection notices.
pub fn rejections(doc: &Document) -> Vec<Rejection<'_>> {
    let mut out = Vec::new();
    for (kind, text) in [
        (RejectionKind::Kubectl, doc.kubectl_error()),
        (RejectionKind::Api, doc.api_error()),
        (RejectionKind::Strict, doc.strict_error()),
    ] {
        let Some(text) = text else { continue };
        out.push(Rejection {
            kind,
            heading: wording::rejection(kind),
            text,
        });
    }
    out
}

/// Where a [`FindingView`] comes from: its place in the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase", tag = "from")]
pub enum Origin {
    /// `documents[document].findings[index]`, or, with `entry`,
    /// `documents[document].entries[entry].findings[index]`.
    Finding {
        /// The document's place in `documents`.
        document: usize,
        /// The entry's place in its document.
        entry: Option<usize>,
        /// The finding's place.
        index: usize,
    },
    /// An input that could not be read (the CLI).
    Input,
}

impl Origin {
    /// A stable element id: `f-<doc>-<entry>-<k>` (`d` for the document), `input`.
    pub fn element_id(&self) -> String {
        let mut out = String::with_capacity(16);
        fn num(out: &mut String, prefix: &str, n: usize) {
            out.push_str(prefix);
            crate::html::Integer::push_to(n, out);
        }
        match *self {
            Origin::Finding {
                document,
                entry,
                index,
            } => {
                num(&mut out, "f-", document);
                match entry {
                    Some(e) => num(&mut out, "-", e),
                    None => out.push_str("-d"),
                }
                num(&mut out, "-", index);
            }
            Origin::Input => out.push_str("input"),
        }
        out
    }
}

/// A finding, a rejection no finding carries, or a syntax error, ready to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FindingView<'r> {
    /// Its place in the report.
    pub origin: Origin,
    /// The rule (`None`: an id the registry does not have yet).
    #[serde(skip)]
    pub rule: Option<Rule>,
    /// The rule's id.
    #[serde(rename = "rule")]
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// One line.
    pub message: Text<'r>,
    /// A paragraph.
    pub explanation: Text<'r>,
    /// A YAML edit.
    pub fix: Option<&'r str>,
    /// kubernetes.io pages.
    pub links: Vec<Target<'static>>,
    /// Related FAQ entries (their ids).
    pub faq: Vec<Faq>,
    /// Where.
    pub position: Position,
}

impl<'r> FindingView<'r> {
    /// A finding of the report. Its rule id is read here, once ([`Rule::from_id`]).
    pub fn of(f: &'r Finding, origin: Origin) -> FindingView<'r> {
        let mut links = Vec::new();
        for l in f.links {
            if let Some(t) = Target::core_link(l) {
                links.push(t);
            }
        }
        let mut faq = Vec::new();
        for id in f.faq {
            if let Some(e) = pullpolicy::faq::entry(id) {
                faq.push(Faq(e));
            }
        }
        FindingView {
            origin,
            rule: Rule::from_id(f.rule),
            id: f.rule,
            severity: f.severity,
            message: Text::of(&f.message),
            explanation: Text::of(&f.explanation),
            fix: f.fix.as_deref(),
            links,
            faq,
            position: f.position,
        }
    }

    /// An input that could not be read (`line` and `column` when known).
    pub fn unreadable(message: &'r str, line: Option<u32>, column: Option<u32>) -> FindingView<'r> {
        FindingView {
            origin: Origin::Input,
            rule: None,
            id: wording::UNREADABLE_INPUT,
            severity: Severity::Error,
            message: Text::plain(message),
            explanation: Text::default(),
            fix: None,
            links: Vec::new(),
            faq: Vec::new(),
            position: Position {
                line: line.unwrap_or(0),
                column: column.unwrap_or(0),
                offset16: 0,
                end16: 0,
            },
        }
    }

    /// Documents without a pod spec are counted, not listed.
    pub fn is_counted_only(&self) -> bool {
        self.rule.is_some_and(Rule::is_counted_only)
    }
}

/// A finding, a rejection no finding carries, or a syntax error, in brief: where, how
/// much it matters, its rule and its one line (the core's words as written). What
/// editor markers need; [`Mark::view`] is the whole [`FindingView`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark<'r> {
    /// Its place in the report.
    pub origin: Origin,
    /// The finding.
    pub finding: &'r Finding,
    /// The rule (`None`: an id the registry does not have yet).
    pub rule: Option<Rule>,
    /// The rule's id.
    pub id: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// One line, as the core wrote it.
    pub message: &'r pullpolicy::text::Text,
    /// Where.
    pub position: Position,
}

impl<'r> Mark<'r> {
    fn of(f: &'r Finding, origin: Origin) -> Mark<'r> {
        Mark {
            origin,
            finding: f,
            rule: Rule::from_id(f.rule),
            id: f.rule,
            severity: f.severity,
            message: &f.message,
            position: f.position,
        }
    }

    /// The whole finding.
    pub fn view(&self) -> FindingView<'r> {
        FindingView::of(self.finding, self.origin)
    }
}

/// Every finding of `report` (documents without a pod spec left out: they are
/// counted), document by document: refusals and syntax errors are findings too.
pub fn marks(report: &Report) -> Vec<Mark<'_>> {
    let mut out = Vec::new();
    for (di, doc) in report.documents.iter().enumerate() {
        for (k, f) in doc.findings.iter().enumerate() {
            let origin = Origin::Finding {
                document: di,
                entry: None,
                index: k,
            };
            let m = Mark::of(f, origin);
            if !m.rule.is_some_and(Rule::is_counted_only) {
                out.push(m);
            }
        }
        for (ei, e) in doc.entries.iter().enumerate() {
            for (k, f) in e.findings.iter().enumerate() {
                let origin = Origin::Finding {
                    document: di,
                    entry: Some(ei),
                    index: k,
                };
                out.push(Mark::of(f, origin));
            }
        }
    }
    out
}

/// [`marks`], whole.
pub fn findings(report: &Report) -> Vec<FindingView<'_>> {
    marks(report).iter().map(Mark::view).collect()
}

fn entry_findings(e: &Entry, di: usize, ei: usize) -> impl Iterator<Item = FindingView<'_>> {
    e.findings.iter().enumerate().map(move |(k, f)| {
        FindingView::of(
            f,
            Origin::Finding {
                document: di,
                entry: Some(ei),
                index: k,
            },
        )
    })
}

/// The node outcome of an entry, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutcomeSummary {
    /// No simulation.
    NotSimulated,
    /// The API server rejects it, or it has no image, or the gate is off.
    NeverReachesNode,
    /// An earlier entry's failure keeps the kubelet from it (that entry's label).
    BlockedBy(String),
    /// The kubelet gets to it.
    Runs {
        /// It pulls.
        pulls: bool,
        /// Why it waits.
        waiting: Option<WaitingReason>,
        /// It starts.
        started: bool,
    },
}

impl OutcomeSummary {
    /// The outcome of an entry of `doc` (a blocking entry named by its table label).
    pub fn of(doc: &Document, outcome: Option<&Outcome>) -> OutcomeSummary {
        let Some(o) = outcome else {
            return OutcomeSummary::NotSimulated;
        };
        if !o.reaches_node {
            return OutcomeSummary::NeverReachesNode;
        }
        if let Some(by) = &o.blocked_by {
            let name = doc
                .entries
                .iter()
                .find(|e| e.path == *by)
                .map_or_else(|| by.clone(), container_label);
            return OutcomeSummary::BlockedBy(name);
        }
        OutcomeSummary::Runs {
            pulls: o.pulls,
            waiting: o.waiting_reason,
            started: o.started,
        }
    }

    /// How it should look.
    pub fn tone(&self) -> Tone {
        match self {
            OutcomeSummary::NotSimulated | OutcomeSummary::NeverReachesNode => Tone::Muted,
            OutcomeSummary::BlockedBy(_) => Tone::Bad,
            OutcomeSummary::Runs {
                waiting: Some(_), ..
            }
            | OutcomeSummary::Runs { started: false, .. } => Tone::Bad,
            OutcomeSummary::Runs { .. } => Tone::Good,
        }
    }
}

/// `name`, `init:name`, `sidecar:name`, `ephemeral:name` or `volume:name`.
pub fn container_label(e: &Entry) -> String {
    format!(
        "{}{}",
        wording::role_prefix(e.role),
        e.name.as_deref().unwrap_or(wording::NONE)
    )
}

/// The image of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageView<'r> {
    /// As written (`None`: no image).
    pub raw: Option<&'r str>,
    /// What to show: as written, or [`wording::NO_IMAGE`].
    pub shown: &'r str,
    /// Normalised: `docker.io/library/nginx:1.27@sha256:…`.
    pub normalised: Option<String>,
    /// What the kubelet asks the runtime for.
    pub runtime_ref: Option<&'r str>,
    /// Why it does not parse.
    pub error: Option<&'r str>,
}

/// The policy of a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyView<'r> {
    /// The effective policy.
    pub key: PolicyKey,
    /// The badge: the policy, `rejected` or `not defaulted`.
    pub badge: &'static str,
    /// Where it comes from: `written`, `defaulted`, …
    pub source: &'static str,
    /// The value as written, when there is one.
    pub written_value: Option<&'r str>,
    /// Why, in one sentence.
    pub reason: Text<'r>,
}

/// One entry, as a card or a table row (the table's cells: [`Card::container`],
/// [`Card::written`], [`Card::effective`], [`Card::outcome`], made when asked for).
#[derive(Debug, Clone, PartialEq)]
pub struct Card<'r> {
    /// The entry.
    pub entry: &'r Entry,
    /// Its document.
    pub doc: &'r Document,
    /// Its document's place in the report's `documents`.
    pub document: usize,
    /// Its place in its document.
    pub index: usize,
    /// `init container`, …
    pub role: &'static str,
    /// Its name, or [`wording::UNNAMED`].
    pub name: &'r str,
    /// `spec.containers[0]`.
    pub path: &'r str,
    /// Where.
    pub position: Position,
    /// The image.
    pub image: ImageView<'r>,
    /// The policy.
    pub policy: PolicyView<'r>,
    /// Its findings.
    pub findings: Vec<FindingView<'r>>,
}

impl<'r> Card<'r> {
    /// Entry `ei` of document `di`.
    pub fn of(doc: &'r Document, di: usize, ei: usize, e: &'r Entry) -> Card<'r> {
        let key = PolicyKey::of(e);
        let p = &e.policy;
        let img = &e.image;
        let normalised = img.full_name.as_ref().map(|name| {
            let mut n = name.clone();
            if let Some(t) = &img.tag {
                n.push(':');
                n.push_str(t);
            }
            if let Some(d) = &img.digest {
                n.push('@');
                n.push_str(d);
            }
            n
        });
        Card {
            entry: e,
            doc,
            document: di,
            index: ei,
            role: wording::role(e.role),
            name: e.name.as_deref().unwrap_or(wording::UNNAMED),
            path: &e.path,
            position: e.position,
            image: ImageView {
                raw: img.raw.as_deref(),
                shown: img.raw.as_deref().unwrap_or(wording::NO_IMAGE),
                normalised,
                runtime_ref: img.runtime_ref.as_deref(),
                error: img.error.as_deref(),
            },
            policy: PolicyView {
                key,
                badge: wording::badge(key, p.source == PolicySource::NotDefaulted),
                source: wording::source(p.source),
                written_value: p.written.as_deref(),
                reason: Text::of(&p.reason),
            },
            findings: entry_findings(e, di, ei).collect(),
        }
    }

    /// `init:name`, for tables.
    pub fn container(&self) -> String {
        container_label(self.entry)
    }

    /// In a table: the value as written, `(unset)`, `null` or `""`, and how it looks
    /// (`Plain`: a value, shown as code).
    pub fn written(&self) -> (&'r str, Tone) {
        let p = &self.entry.policy;
        match p.written_as {
            WrittenAs::Absent => (wording::UNSET, Tone::Muted),
            WrittenAs::Null => (wording::NULL, Tone::Muted),
            WrittenAs::Empty => (wording::EMPTY, Tone::Muted),
            _ => (p.written.as_deref().unwrap_or_default(), Tone::Plain),
        }
    }

    /// In a table: `Always (default)`, `(rejected)`, …, and how it looks.
    pub fn effective(&self) -> (String, Tone) {
        let p = &self.entry.policy;
        let key = self.policy.key;
        let not_defaulted = p.source == PolicySource::NotDefaulted;
        let tone = match key {
            PolicyKey::Invalid if not_defaulted => Tone::Muted,
            PolicyKey::Invalid => Tone::Bad,
            _ => Tone::Plain,
        };
        let text = wording::effective(
            key,
            p.source == PolicySource::Defaulted,
            p.source == PolicySource::Admission,
            not_defaulted,
        );
        (text, tone)
    }

    /// The node outcome in a few words, and how it looks.
    pub fn outcome(&self) -> (String, Tone) {
        let o = OutcomeSummary::of(self.doc, self.entry.outcome.as_ref());
        (wording::outcome(&o), o.tone())
    }
}

impl Serialize for Card<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let (written, written_tone) = self.written();
        let (effective, effective_tone) = self.effective();
        let (outcome, outcome_tone) = self.outcome();
        let mut s = serializer.serialize_struct("Card", 16)?;
        s.serialize_field("document", &self.document)?;
        s.serialize_field("index", &self.index)?;
        s.serialize_field("role", self.role)?;
        s.serialize_field("name", self.name)?;
        s.serialize_field("container", &self.container())?;
        s.serialize_field("path", self.path)?;
        s.serialize_field("position", &self.position)?;
        s.serialize_field("image", &self.image)?;
        s.serialize_field("policy", &self.policy)?;
        s.serialize_field("written", written)?;
        s.serialize_field("writtenTone", &written_tone)?;
        s.serialize_field("effective", &effective)?;
        s.serialize_field("effectiveTone", &effective_tone)?;
        s.serialize_field("outcome", &outcome)?;
        s.serialize_field("outcomeTone", &outcome_tone)?;
        s.serialize_field("findings", &self.findings)?;
        s.end()
    }
}

/// One document.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Section<'r> {
    /// The document.
    #[serde(skip)]
    pub doc: &'r Document,
    /// Its place in the report's `documents`.
    pub index: usize,
    /// `Document 3, item 2: Deployment web`.
    pub title: String,
    /// `Deployment web` (empty without kind and name).
    pub object: String,
    /// How it was read, when not plainly.
    pub status: Option<&'static str>,
    /// `apiVersion`.
    pub api_version: Option<&'r str>,
    /// Its rejection notices (always shown as errors).
    pub rejections: Vec<Rejection<'r>>,
    /// Findings about the object as a whole (not the counted-only ones).
    pub findings: Vec<FindingView<'r>>,
    /// A card per entry, in the order the kubelet starts them ([`start_rank`]; the
    /// report's, which is the YAML's, within one list).
    pub cards: Vec<Card<'r>>,
    /// The one-line explanation of that order, when the cards are of more than one
    /// kind ([`wording::START_ORDER`]).
    pub order_note: Option<&'static str>,
}

/// The last [`start_rank`].
const START_RANKS: u8 = 3;

/// When the kubelet starts (or pulls) an entry, relative to the others of its Pod:
/// `SyncPod` (pkg/kubelet/kuberuntime/kuberuntime_manager.go) pulls image volumes
/// (`getImageVolumes`) before it starts any container, then starts the
/// `initContainers` one at a time in list order — a sidecar (`restartPolicy: Always`)
/// keeps running and the next one starts once it has started — and then the app
/// `containers`. Ephemeral containers are added to a running Pod, so they come last.
/// Within one list the report's order is the YAML's, which is kept (the sort is stable).
pub fn start_rank(role: Role) -> u8 {
    match role {
        Role::ImageVolume => 0,
        Role::InitContainer | Role::Sidecar => 1,
        Role::Container => 2,
        Role::EphemeralContainer => 3,
    }
}

/// Document `di`'s cards in the order the kubelet starts them ([`start_rank`]), in
/// report order within a rank, and how many ranks they cover. Every edge lists entries
/// in this order (the cards here, the CLI's and the Markdown report's tables through
/// [`crate::inputs::rows`]).
pub fn cards_in_start_order(doc: &Document, di: usize) -> (Vec<Card<'_>>, usize) {
    // One pass per rank, not a sort: the standard library's stable sort would be
    // linked into the playground's first load for this alone (about 1.5 KB gzip).
    let mut cards: Vec<Card<'_>> = Vec::with_capacity(doc.entries.len());
    let mut ranks = 0;
    for rank in 0..=START_RANKS {
        let before = cards.len();
        for (ei, e) in doc.entries.iter().enumerate() {
            if start_rank(e.role) == rank {
                cards.push(Card::of(doc, di, ei, e));
            }
        }
        ranks += usize::from(cards.len() > before);
    }
    (cards, ranks)
}

impl<'r> Section<'r> {
    /// Document `di`.
    pub fn of(doc: &'r Document, di: usize) -> Section<'r> {
        let object = wording::object_label(doc.kind.as_deref(), doc.name.as_deref());
        let mut findings = Vec::new();
        for (k, f) in doc.findings.iter().enumerate() {
            let v = FindingView::of(
                f,
                Origin::Finding {
                    document: di,
                    entry: None,
                    index: k,
                },
            );
            if !v.is_counted_only() {
                findings.push(v);
            }
        }
        let (cards, ranks) = cards_in_start_order(doc, di);
        let order_note = (ranks > 1).then_some(wording::START_ORDER);
        Section {
            doc,
            index: di,
            title: wording::document_title(doc.index, doc.item, &object),
            object,
            status: wording::status(doc.status),
            api_version: doc.api_version.as_deref(),
            rejections: rejections(doc),
            findings,
            cards,
            order_note,
        }
    }

    /// Nothing to show but that it was skipped.
    pub fn is_skipped(&self) -> bool {
        is_skipped(self.doc)
    }
}

/// A document without a pod spec and nothing else to say about it.
pub fn is_skipped(doc: &Document) -> bool {
    doc.status == DocumentStatus::Skipped
        && doc.entries.is_empty()
        && doc.is_created()
        && doc
            .findings
            .iter()
            .all(|f| Rule::from_id(f.rule).is_some_and(Rule::is_counted_only))
}

/// A whole report, ready to show.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View<'r> {
    /// Counts.
    pub counts: Counts,
    /// `3 entries: 2 Always, 1 IfNotPresent; 1 error`.
    pub summary: String,
    /// A section per document with something to show (documents without a pod spec
    /// are counted in [`Counts::skipped`]).
    pub sections: Vec<Section<'r>>,
    /// The FAQ entries the findings point to, with their answers.
    pub faq: Vec<FaqView>,
}

/// An FAQ entry with its answer, structured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FaqView {
    /// Its id.
    pub id: &'static str,
    /// The question.
    pub question: Text<'static>,
    /// The answer's paragraphs.
    pub answer: Vec<Text<'static>>,
    /// kubernetes.io pages.
    pub links: Vec<Target<'static>>,
    /// One of the seed article's questions.
    pub from_article: bool,
}

impl FaqView {
    /// An entry of the core's FAQ.
    pub fn of(e: &'static pullpolicy::faq::FaqEntry) -> FaqView {
        FaqView {
            id: e.id,
            question: Text::ours(e.question),
            answer: e.answer().iter().map(|p| Text::ours(p)).collect(),
            links: e
                .links
                .iter()
                .filter_map(|l| Target::core_link(l))
                .collect(),
            from_article: e.from_article,
        }
    }
}

impl<'r> View<'r> {
    /// The view of `report`.
    pub fn of(report: &'r Report) -> View<'r> {
        let counts = Counts::of(report);
        let mut faq: Vec<FaqView> = Vec::new();
        for id in report.findings().flat_map(|f| f.faq.iter()) {
            if let Some(e) = pullpolicy::faq::entry(id)
                && !faq.iter().any(|v| v.id == e.id)
            {
                faq.push(FaqView::of(e));
            }
        }
        View {
            faq,
            summary: wording::summary_sentence(&counts),
            counts,
            sections: report
                .documents
                .iter()
                .enumerate()
                .filter(|(_, d)| !is_skipped(d))
                .map(|(i, d)| Section::of(d, i))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::Options;

    const EPHEMERAL: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1\"}\n  ephemeralContainers:\n  - {name: debug, image: \"busybox:1\"}\n";

    #[test]
    fn a_refusal_is_an_error_finding() {
        let report = pullpolicy::explain(EPHEMERAL, &Options::default());
        // The object's refusal, and its cause at the field.
        assert_eq!(report.summary.errors, 2, "the core counts the refusal");
        let c = Counts::of(&report);
        assert_eq!(c.errors, 2);
        let all = findings(&report);
        let errors: Vec<_> = all
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.rule)
            .collect();
        assert_eq!(
            errors,
            [
                Some(Rule::ObjectInvalid),
                Some(Rule::EphemeralContainersForbidden)
            ]
        );
        let view = View::of(&report);
        assert!(view.summary.contains("; 2 errors, "), "{}", view.summary);
        let notice = &view.sections[0].rejections[0];
        assert_eq!(notice.kind, RejectionKind::Api);
        assert_eq!(
            notice.text,
            "Pod \"p\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create"
        );
    }

    #[test]
    fn every_stage_that_refuses_has_a_notice_and_errors_are_the_cores() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1\", imagePullPolicy: always, bogus: 1}\n";
        let report = pullpolicy::explain(text, &Options::default());
        let doc = &report.documents[0];
        assert!(doc.api_error().is_some() && doc.strict_error().is_some());
        let kinds: Vec<_> = rejections(doc).iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RejectionKind::Api, RejectionKind::Strict]);
        assert_eq!(Counts::of(&report).errors, report.summary.errors);
        let unsent = pullpolicy::explain(
            "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers: [{name: a, image: \"nginx:1\"}]\n",
            &Options::default(),
        );
        let kinds: Vec<_> = rejections(&unsent.documents[0])
            .iter()
            .map(|r| r.kind)
            .collect();
        assert_eq!(kinds, [RejectionKind::Kubectl]);
        assert_eq!(Counts::of(&unsent).errors, 1);
    }

    #[test]
    fn skipped_documents_are_counted_not_listed() {
        let report = pullpolicy::explain(
            "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n---\n",
            &Options::default(),
        );
        let c = Counts::of(&report);
        // The empty chunk after the last `---` is no document to kubectl.
        assert_eq!((c.skipped, c.infos), (1, 0));
        assert!(findings(&report).is_empty());
        assert!(View::of(&report).sections.is_empty());
    }

    #[test]
    fn cards_word_the_entry() {
        let report = pullpolicy::explain(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n  - {name: i, image: nginx}\n  containers:\n  - {name: a, image: \"nginx:1\", imagePullPolicy: Never}\n",
            &Options::default(),
        );
        let s = Section::of(&report.documents[0], 0);
        assert_eq!(s.title, "Document 1: Pod p");
        // In start order: the init container, then the app container.
        let init = &s.cards[0];
        assert_eq!(init.container(), "init:i");
        assert_eq!(
            init.effective(),
            ("Always (default)".to_owned(), Tone::Plain)
        );
        assert_eq!(init.written(), ("(unset)", Tone::Muted));
        assert_eq!(init.outcome(), ("pulls; starts".to_owned(), Tone::Good));
        assert_eq!(
            init.image.normalised.as_deref(),
            Some("docker.io/library/nginx")
        );
        let never = &s.cards[1];
        assert_eq!(
            never.outcome(),
            ("no pull; waits: ErrImageNeverPull".to_owned(), Tone::Bad)
        );
    }

    #[test]
    fn cards_are_in_start_order_and_yaml_order_within_a_list() {
        let report = pullpolicy::explain(
            concat!(
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n",
                "  containers:\n  - {name: app, image: \"nginx:1\"}\n  - {name: app2, image: \"nginx:1\"}\n",
                "  initContainers:\n  - {name: side, image: \"envoy:1\", restartPolicy: Always}\n",
                "  - {name: migrate, image: \"tool:1\"}\n",
                "  volumes:\n  - name: v\n    image: {reference: \"data:1\"}\n",
            ),
            &Options::default(),
        );
        let s = Section::of(&report.documents[0], 0);
        let order: Vec<(&str, usize)> = s.cards.iter().map(|c| (c.name, c.index)).collect();
        let index = |name: &str| {
            report.documents[0]
                .entries
                .iter()
                .position(|e| e.name.as_deref() == Some(name))
                .expect("entry")
        };
        let expected: Vec<(&str, usize)> = ["v", "side", "migrate", "app", "app2"]
            .into_iter()
            .map(|n| (n, index(n)))
            .collect();
        assert_eq!(order, expected);
        assert_eq!(s.order_note, Some(wording::START_ORDER));
        // One kind of entry: nothing to explain.
        let one = pullpolicy::explain(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1\"}\n",
            &Options::default(),
        );
        assert_eq!(Section::of(&one.documents[0], 0).order_note, None);
    }
}
