//! The report: what [`crate::explain`] returns, and the JSON contract the CLI and the
//! wasm API emit (camelCase; versioned by [`SCHEMA_VERSION`]).

use crate::options::KubeVersion;
use crate::source::Position;
use crate::text::Text;
use serde::Serialize;
use serde::ser::SerializeMap;

/// The version of the JSON contract. Bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Everything learned about one input text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The Kubernetes version whose rules were applied.
    pub kubernetes_version: KubeVersion,
    /// One record per object found (a `kind: List` yields one per item), plus one per
    /// document that held no object (skipped, empty, or unreadable).
    pub documents: Vec<Document>,
    /// What kubectl cannot read (its stream cutting, go-yaml, the conversion to JSON),
    /// in its words; kubectl stops at the first. Each is also an unreadable document
    /// refused with its error finding at the same position; the documents after it are
    /// still read where possible, and their objects are never sent.
    pub syntax_errors: Vec<SyntaxError>,
    /// Counts for a summary bar.
    pub summary: Summary,
}

/// One object (or one skipped document).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Document {
    /// 0-based index of the YAML document in the stream.
    pub index: usize,
    /// 0-based index in a `kind: List`'s `items`, if the object is a list item.
    pub item: Option<usize>,
    /// Where the object starts.
    #[serde(flatten)]
    pub position: Position,
    /// `kind`, when there is one (for a list item without one, the kind kubectl infers
    /// from the list's: `PodList` → `Pod`).
    pub kind: Option<String>,
    /// `apiVersion`, when there is one (for a list item without `kind` and `apiVersion`,
    /// the list's).
    pub api_version: Option<String>,
    /// `metadata.name`, when there is one.
    pub name: Option<String>,
    /// How the document was read.
    pub status: DocumentStatus,
    /// The image-bearing entries, in API validation order per pod spec.
    pub entries: Vec<Entry>,
    /// Findings about the object as a whole (refusals first, then unknown fields outside
    /// containers, kinds that are not defaulted, skipped documents).
    pub findings: Vec<Finding>,
    /// Why the object is never created, if it is not: `apiError`, `strictError` and
    /// `kubectlError` in the JSON. Private, so that the only way to refuse an object,
    /// [`Document::refuse`], also records the refusal's error finding.
    #[serde(flatten)]
    refusals: Refusals,
}

/// The refusals of one object, each set only with its error finding ([`Document::refuse`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
struct Refusals {
    /// The API server's rejection, exactly as it words it, when it would reject the
    /// object (e.g. `Deployment.apps "web" is invalid: …`), whatever the client.
    api_error: Option<String>,
    /// What `kubectl apply` (strict field validation, its default since 1.27) is told
    /// about unknown fields; without validation they are dropped instead.
    strict_error: Option<String>,
    /// What kubectl itself says when it does not send the object: its client-side check
    /// of `apiVersion` and `kind`, its decoding, its REST mapping (`no matches for kind
    /// …`); for an object kubectl never reaches (it stopped reading the file at an
    /// earlier document, or the object's `List` was refused), the error that stopped it.
    kubectl_error: Option<String>,
    /// kubectl stops reading the stream at this document (its client-side validation
    /// refused it): the documents after it are never sent.
    #[serde(skip)]
    stops_stream: bool,
    /// The object is created, but the API server rejects each Pod made from it (a
    /// StatefulSet up to 1.33: [`Document::reject_pods`]); its error finding says so.
    #[serde(skip)]
    pods_rejected: bool,
    /// How many of the first `findings` are refusals (they are kept first, in stage order).
    #[serde(skip)]
    recorded: usize,
}

/// Which part of `kubectl apply` followed by the API server refuses an object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum RefusedBy {
    /// kubectl, before sending (client-side validation, decoding, mapping, or never
    /// reached); `stops_stream`: kubectl reads no further document of the stream.
    Kubectl { stops_stream: bool },
    /// kubectl apply's strict field validation (the API server's strict decoding).
    Strict,
    /// The API server, whatever the client: decoding, validation.
    Server,
}

/// One refusal: the stage, the words of the stage that refuses, and its error finding.
/// Built only by [`Refusal::new`], which makes the finding an error; recorded only by
/// [`Document::refuse`].
#[derive(Debug, Clone)]
pub(crate) struct Refusal {
    by: RefusedBy,
    text: String,
    finding: Finding,
}

impl Refusal {
    /// A refusal `by` one stage, worded `text`, reported by `finding` (made an error: a
    /// refusal is an error finding, everywhere).
    pub(crate) fn new(by: RefusedBy, text: String, mut finding: Finding) -> Refusal {
        finding.severity = Severity::Error;
        Refusal { by, text, finding }
    }

    /// The words of the stage that refuses.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }
}

impl Document {
    /// Hands each position of the document (its own, its findings', its entries' and
    /// their findings') to `f`: to move a part's documents to the whole text's places.
    pub(crate) fn move_positions(&mut self, f: impl Fn(&mut Position)) {
        f(&mut self.position);
        for finding in &mut self.findings {
            f(&mut finding.position);
        }
        for e in &mut self.entries {
            f(&mut e.position);
            f(&mut e.image.position);
            f(&mut e.policy.position);
            for finding in &mut e.findings {
                f(&mut finding.position);
            }
        }
    }

    /// A document as read, not refused, without entries or findings.
    pub(crate) fn new(
        index: usize,
        item: Option<usize>,
        position: Position,
        status: DocumentStatus,
    ) -> Document {
        Document {
            index,
            item,
            position,
            kind: None,
            api_version: None,
            name: None,
            status,
            entries: Vec::new(),
            findings: Vec::new(),
            refusals: Refusals::default(),
        }
    }

    /// The API server's rejection, exactly as it words it, when it would reject the
    /// object (e.g. `Deployment.apps "web" is invalid: …`), whatever the client.
    pub fn api_error(&self) -> Option<&str> {
        self.refusals.api_error.as_deref()
    }

    /// What `kubectl apply` (strict field validation, its default since 1.27) is told
    /// about unknown fields; without validation they are dropped instead.
    pub fn strict_error(&self) -> Option<&str> {
        self.refusals.strict_error.as_deref()
    }

    /// What kubectl says when it does not send the object (see the JSON's `kubectlError`).
    pub fn kubectl_error(&self) -> Option<&str> {
        self.refusals.kubectl_error.as_deref()
    }

    /// Whether `kubectl apply` followed by the API server creates the object: no stage
    /// refuses it. (A fragment is a snippet, not an object: kubectl refuses it as it
    /// stands, and its entries show what they would be in a Pod.)
    pub fn is_created(&self) -> bool {
        let r = &self.refusals;
        r.api_error.is_none() && r.strict_error.is_none() && r.kubectl_error.is_none()
    }

    /// Whether kubectl reads no document of the stream after this one.
    pub(crate) fn stops_stream(&self) -> bool {
        self.refusals.stops_stream
    }

    /// Refuses the object: records the stage's words (the first refusal of each stage
    /// is its words) and its error finding, before the other findings and after earlier
    /// refusals. The entries lose their effective policy when the report is assembled
    /// ([`Document::settle`]).
    pub(crate) fn refuse(&mut self, refusal: Refusal) {
        let Refusal { by, text, finding } = refusal;
        let r = &mut self.refusals;
        let slot = match by {
            RefusedBy::Kubectl { stops_stream } => {
                r.stops_stream |= stops_stream;
                &mut r.kubectl_error
            }
            RefusedBy::Strict => &mut r.strict_error,
            RefusedBy::Server => &mut r.api_error,
        };
        slot.get_or_insert(text);
        self.record(finding);
    }

    /// Puts a refusal's finding after the earlier refusals' (they are kept first, in
    /// stage order).
    fn record(&mut self, finding: Finding) {
        let r = &mut self.refusals;
        let at = r.recorded.min(self.findings.len());
        self.findings.insert(at, finding);
        r.recorded = at + 1;
    }

    /// Records that the object is created but the API server rejects each Pod made from
    /// it (a StatefulSet's pod template up to 1.33), with that error `finding` (made an
    /// error), after the refusals. No Pod runs: the entries lose their effective policy.
    pub(crate) fn reject_pods(&mut self, mut finding: Finding) {
        finding.severity = Severity::Error;
        self.refusals.pods_rejected = true;
        self.record(finding);
        self.settle();
    }

    /// Whether this is an object that is never created (a fragment is a snippet, not an
    /// object: its entries are explained as they would be in a Pod). Its entries never
    /// reach a node.
    pub(crate) fn is_refused(&self) -> bool {
        !self.is_created() && self.status != DocumentStatus::Fragment
    }

    /// Makes every entry of a refused object policy-less: no effective policy (the reason
    /// says which stage refuses the object and what the policy would have been); likewise
    /// of an object whose every Pod is rejected ([`Document::reject_pods`]). Run on every
    /// document when the report is assembled (`explain::assemble`), so no refused object
    /// keeps a policy, whatever added its entries.
    pub(crate) fn settle(&mut self) {
        if self.status == DocumentStatus::Fragment {
            return;
        }
        // The first stage that refuses the object, or `None`: the API server refuses each
        // of its Pods.
        let r = &self.refusals;
        let by = if r.kubectl_error.is_some() {
            Some(RefusedBy::Kubectl {
                stops_stream: r.stops_stream,
            })
        } else if r.strict_error.is_some() {
            Some(RefusedBy::Strict)
        } else if r.api_error.is_some() {
            Some(RefusedBy::Server)
        } else if r.pods_rejected {
            None
        } else {
            return;
        };
        for entry in &mut self.entries {
            if let Some(p) = entry.policy.effective.take() {
                entry.policy.reason = match by {
                    Some(by) => crate::messages::reason_not_created(by, Some(p)),
                    None => crate::messages::reason_pods_rejected(p),
                };
            }
        }
    }
}

/// How a document was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum DocumentStatus {
    /// A built-in kind with a pod spec: defaulted and validated by the API server.
    Analysed,
    /// A custom resource with a pod template: the API server does not default it.
    CustomResource,
    /// A bare pod spec, container or list of containers, read as a snippet.
    Fragment,
    /// No pod spec (Service, ConfigMap, empty or comment-only document).
    Skipped,
    /// The document could not be read (a syntax error).
    Unreadable,
}

/// One container, init container, sidecar, ephemeral container or image volume.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// The field path within the object, e.g. `spec.template.spec.containers[0]`.
    pub path: String,
    /// The container's (or volume's) name.
    pub name: Option<String>,
    /// What kind of entry it is.
    pub role: Role,
    /// The container's `name:` (or its first key).
    #[serde(flatten)]
    pub position: Position,
    /// The image reference.
    pub image: Image,
    /// The pull policy.
    pub policy: Policy,
    /// What the node does when the container starts (see [`crate::Outcome`]).
    pub outcome: Option<crate::kubelet::Outcome>,
    /// Findings about this entry.
    pub findings: Vec<Finding>,
}

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Role {
    /// `containers[i]`.
    Container,
    /// `initContainers[i]` that runs to completion.
    InitContainer,
    /// `initContainers[i]` with `restartPolicy: Always` (a native sidecar).
    Sidecar,
    /// `ephemeralContainers[i]`.
    EphemeralContainer,
    /// `volumes[i].image` (KEP-4639).
    ImageVolume,
}

/// The image reference as written and as Kubernetes reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Image {
    /// The string as written (after YAML decoding); `null` when absent.
    pub raw: Option<String>,
    /// `ParseNormalizedNamed` accepts it.
    pub valid: bool,
    /// The normalized name without tag or digest (`docker.io/library/nginx`).
    pub full_name: Option<String>,
    /// The registry host (`docker.io`).
    pub domain: Option<String>,
    /// The repository path (`library/nginx`).
    pub path: Option<String>,
    /// The tag, if written.
    pub tag: Option<String>,
    /// The digest, if written.
    pub digest: Option<String>,
    /// The short name Docker shows (`nginx`).
    pub familiar_name: Option<String>,
    /// The string the kubelet sends to the runtime (`nginx` → `nginx:latest`).
    pub runtime_ref: Option<String>,
    /// Why it does not parse, in Go's words.
    pub error: Option<String>,
    /// Where the value is (the container's position when absent).
    pub position: Position,
}

/// The pull policy: as written, as applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// The value as written: `null` when the field is absent.
    pub written: Option<String>,
    /// How it was written: absent, null, empty, string, boolean, number or other.
    pub written_as: WrittenAs,
    /// What Kubernetes applies; `null` when the object is never created (kubectl or the
    /// API server refuses it: the reason names the policy it would have had), when the
    /// value itself is rejected, or when nothing defaults it.
    pub effective: Option<PullPolicy>,
    /// Why, in one sentence naming the rule.
    pub source: PolicySource,
    /// Why, in one sentence naming the rule. JSON: `reason` (code in backticks) and
    /// `spans.reason` ([`Text`]'s spans).
    pub reason: Text,
    /// Where the value is (the container's `name:` when absent).
    pub position: Position,
}

/// How the policy field was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum WrittenAs {
    /// No such key.
    Absent,
    /// `imagePullPolicy:`, `~` or `null`.
    Null,
    /// `""`.
    Empty,
    /// A string.
    String,
    /// A YAML 1.1 boolean (`true`, `yes`, `on`, …).
    Boolean,
    /// A number.
    Number,
    /// A mapping, a sequence or a tagged value.
    Other,
}

/// Where the effective policy comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PolicySource {
    /// Written and valid.
    Explicit,
    /// Filled in by the API server's defaulting.
    Defaulted,
    /// Set to `Always` by the AlwaysPullImages admission plugin.
    Admission,
    /// Not defaulted (a custom resource's template; an image volume with the gate off).
    NotDefaulted,
    /// Rejected by the API server.
    Invalid,
}

/// An `imagePullPolicy` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum PullPolicy {
    /// Pull (resolve the tag in the registry) at every container start.
    Always,
    /// Use the node's copy when there is one.
    IfNotPresent,
    /// Never pull.
    Never,
}

impl PullPolicy {
    /// The three values as Kubernetes spells them, sorted.
    pub const ALL: [PullPolicy; 3] = [
        PullPolicy::Always,
        PullPolicy::IfNotPresent,
        PullPolicy::Never,
    ];

    /// The value as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            PullPolicy::Always => "Always",
            PullPolicy::IfNotPresent => "IfNotPresent",
            PullPolicy::Never => "Never",
        }
    }

    /// The value spelled exactly `text` (case-sensitive, as the API server checks).
    pub fn from_exact(text: &str) -> Option<PullPolicy> {
        PullPolicy::ALL.into_iter().find(|p| p.as_str() == text)
    }
}

impl std::fmt::Display for PullPolicy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something the user should know, at a place in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Stable kebab-case id.
    pub rule: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// One line. JSON: `message` (code in backticks) and `spans.message`.
    pub message: Text,
    /// A paragraph: what happens and why (most are fixed text, so not copied per
    /// finding). JSON: `explanation` (code in backticks) and `spans.explanation`.
    pub explanation: Text,
    /// A concrete YAML edit, when there is one.
    pub fix: Option<String>,
    /// kubernetes.io pages (only from [`crate::LINKS`]).
    pub links: &'static [&'static str],
    /// Related FAQ entry ids ([`crate::faq`]).
    pub faq: &'static [&'static str],
    /// Where (flattened into the finding's JSON object).
    pub position: Position,
}

impl Serialize for Finding {
    /// The derived form with `position` flattened, plus `spans`: `{ message, explanation }`
    /// as [`Text`] spans (issue #17: the structured form beside the plain strings).
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("rule", self.rule)?;
        m.serialize_entry("severity", &self.severity)?;
        m.serialize_entry("message", &self.message.backticked())?;
        m.serialize_entry("explanation", &self.explanation.backticked())?;
        m.serialize_entry("fix", &self.fix)?;
        m.serialize_entry("links", self.links)?;
        m.serialize_entry("faq", self.faq)?;
        position_entries(&mut m, &self.position)?;
        m.serialize_entry(
            "spans",
            &FindingSpans {
                message: &self.message,
                explanation: &self.explanation,
            },
        )?;
        m.end()
    }
}

#[derive(Serialize)]
struct FindingSpans<'a> {
    message: &'a Text,
    explanation: &'a Text,
}

impl Serialize for Policy {
    /// The derived camelCase form, with `reason` as a plain string (code in backticks)
    /// and `spans: { reason }` as [`Text`] spans.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct ReasonSpans<'a> {
            reason: &'a Text,
        }
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("written", &self.written)?;
        m.serialize_entry("writtenAs", &self.written_as)?;
        m.serialize_entry("effective", &self.effective)?;
        m.serialize_entry("source", &self.source)?;
        m.serialize_entry("reason", &self.reason.backticked())?;
        m.serialize_entry("position", &self.position)?;
        m.serialize_entry(
            "spans",
            &ReasonSpans {
                reason: &self.reason,
            },
        )?;
        m.end()
    }
}

fn position_entries<M: SerializeMap>(m: &mut M, p: &Position) -> Result<(), M::Error> {
    m.serialize_entry("line", &p.line)?;
    m.serialize_entry("column", &p.column)?;
    m.serialize_entry("offset16", &p.offset16)?;
    m.serialize_entry("end16", &p.end16)
}

/// How much a finding matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Likely to surprise.
    Warning,
    /// Kubernetes rejects it, or the container cannot start.
    Error,
}

impl Severity {
    /// `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A YAML syntax error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SyntaxError {
    /// 0-based index of the document it is in.
    pub document: usize,
    /// kubectl's words for the problem (what it prints after `error parsing <file>: `;
    /// go-yaml's `line N` counts from the document's start).
    pub message: String,
    /// Where.
    #[serde(flatten)]
    pub position: Position,
}

/// Counts over the whole report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// Image-bearing entries.
    pub entries: usize,
    /// Entries whose effective policy is `Always`.
    pub always: usize,
    /// … `IfNotPresent`.
    pub if_not_present: usize,
    /// … `Never`.
    pub never: usize,
    /// Entries with no effective policy (rejected or not defaulted).
    pub none: usize,
    /// Findings of severity error (a syntax error is one: its document's refusal).
    pub errors: usize,
    /// … warning.
    pub warnings: usize,
    /// … info (the `skipped` ones included).
    pub infos: usize,
    /// Of the infos: documents without a pod spec (one `skipped` finding each), which the
    /// edges count instead of listing.
    pub skipped: usize,
}

impl Summary {
    /// Adds `other`'s counts (a report's summary is the sum of its documents').
    pub fn add(&mut self, other: &Summary) {
        self.entries += other.entries;
        self.always += other.always;
        self.if_not_present += other.if_not_present;
        self.never += other.never;
        self.none += other.none;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.skipped += other.skipped;
    }
}

impl Report {
    /// Every finding, document-level and per entry, in order.
    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.documents.iter().flat_map(|d| {
            d.findings
                .iter()
                .chain(d.entries.iter().flat_map(|e| &e.findings))
        })
    }

    /// Every entry.
    pub fn entries(&self) -> impl Iterator<Item = &Entry> {
        self.documents.iter().flat_map(|d| &d.entries)
    }

    /// The highest severity present (syntax errors count as errors).
    pub fn max_severity(&self) -> Option<Severity> {
        let syntax = (!self.syntax_errors.is_empty()).then_some(Severity::Error);
        self.findings().map(|f| f.severity).max().max(syntax)
    }

    pub(crate) fn summarize(&mut self) {
        let mut s = Summary::default();
        for entry in self.entries() {
            s.entries += 1;
            match entry.policy.effective {
                Some(PullPolicy::Always) => s.always += 1,
                Some(PullPolicy::IfNotPresent) => s.if_not_present += 1,
                Some(PullPolicy::Never) => s.never += 1,
                None => s.none += 1,
            }
        }
        for f in self.findings() {
            if crate::rules::Rule::from_id(f.rule).is_some_and(crate::rules::Rule::is_counted_only)
            {
                s.skipped += 1;
            }
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        self.summary = s;
    }
}
