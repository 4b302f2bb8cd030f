//! The presentation of a diagnosis ([`pullpolicy::diagnose::diagnose`], issue #18): every word the
//! edges show about a [`DiagnosisReport`], and its three documents — terminal text,
//! Markdown and an HTML fragment — built only with this crate's typed encoders (every
//! value from the paste escaped: pod names, images and runtime messages are untrusted).
//!
//! Each finding is shown at its place in the pasted text, `name:line:column`; each
//! diagnosis first as a block (pod, container, image, reason, class, the runtime's
//! message, the fix). Pure.

use crate::html::{Html, SafeHtml};
use crate::markdown::Markdown;
use crate::model::{FaqView, FindingView, Origin};
use crate::share::PlaygroundBase;
use crate::terminal::{Style, Terminal};
use crate::text::{Target, Text};
use pullpolicy::diagnose::{
    ContainerRole, DiagnoseRule, Diagnosis, DiagnosisReport, FailureClass, PieceFormat, PodVerdict,
    Presence,
};
use pullpolicy::{Finding, Position, Severity};
use serde::Serialize;

/// One input of a diagnose run.
#[derive(Debug, Clone, Copy)]
pub enum DiagnosisInput<'a> {
    /// A text that was read and diagnosed.
    Report {
        /// Its name (a path, or `<stdin>`).
        name: &'a str,
        /// The diagnosis.
        report: &'a DiagnosisReport,
    },
    /// An input that could not be read.
    Unreadable {
        /// Its name.
        name: &'a str,
        /// Why.
        message: &'a str,
    },
}

impl DiagnosisInput<'_> {
    /// The input's name.
    pub fn name(&self) -> &str {
        match self {
            DiagnosisInput::Report { name, .. } | DiagnosisInput::Unreadable { name, .. } => name,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Wording (all of it).

/// The heading of a diagnose document.
pub const TITLE: &str = "Image pull diagnosis";
/// Label of the fix.
pub const FIX: &str = "fix";
/// Label of the runtime's message.
pub const MESSAGE: &str = "message";
/// Label of the image.
pub const IMAGE: &str = "image";
/// Label of the FAQ pointer.
pub const FAQ: &str = "faq";
/// An input without any pull failure.
pub const NO_FAILURE: &str = "No image-pull failure in this input.";
/// The diagnoses' table header (Markdown, HTML).
pub const COLUMNS: [&str; 6] = ["Location", "Pod", "Container", "Image", "Reason", "Class"];
/// A value the evidence does not show.
pub const UNKNOWN: &str = "?";
/// The playground's results heading for evidence.
pub const PANE_TITLE: &str = "Diagnosis";
/// Label of the failure class.
pub const CLASS: &str = "class";
/// Label of the kubelet's waiting reason.
pub const REASON: &str = "reason";
/// Label of the pull policy's part.
pub const POLICY: &str = "policy";
/// The playground's note above a diagnosis: how the paste was read.
pub const READ_AS: &str = "Read as evidence of an image pull (kubectl describe output, Pod status, events, nodes), not as a manifest: each failing container is diagnosed below. Paste a manifest alone to see its pull policies explained.";

/// Label of the back-off timeline.
pub const TIMELINE: &str = "back-off";
/// Label of the nodes' image lists.
pub const NODES: &str = "nodes";
/// The status bar after a diagnosis: `Diagnosed in 12 ms`.
pub const DIAGNOSED_IN: &str = "Diagnosed in ";
/// The name of the paste in the summary line (the playground, the web component).
pub const PASTE: &str = "paste";

/// `namespace/pod`, `pod`, or `?`.
pub fn pod_label(d: &Diagnosis) -> String {
    match (&d.namespace, &d.pod) {
        (Some(ns), Some(pod)) => format!("{ns}/{pod}"),
        (None, Some(pod)) => pod.clone(),
        _ => UNKNOWN.to_owned(),
    }
}

/// The diagnosis's one-line heading: `pod default/web, container nginx: ErrImagePull
/// (not-found: …)` (what the evidence does not name is left out).
pub fn heading(d: &Diagnosis) -> String {
    let mut who = Vec::new();
    if d.pod.is_some() {
        who.push(format!("pod {}", pod_label(d)));
    }
    if let Some(c) = &d.container {
        who.push(format!("container {c}"));
    }
    let what = format!("{} ({}: {})", d.reason, d.class.id(), d.class.title());
    if who.is_empty() {
        what
    } else {
        format!("{}: {what}", who.join(", "))
    }
}

/// The SARIF/registry title of a diagnosis rule.
pub fn rule_title(rule: DiagnoseRule) -> &'static str {
    match rule {
        DiagnoseRule::PullFailure => "The image cannot be pulled",
        DiagnoseRule::PolicyPart => "The pull policy's part in the failure",
        DiagnoseRule::PolicyCause => "The pull policy causes the failure",
        DiagnoseRule::Timeline => "The back-off timeline of the failures",
        DiagnoseRule::NodePresence => "Whether a node holds the image",
        DiagnoseRule::DockerHubAmbiguity => {
            "Docker Hub answers \"denied\" for missing and private repositories alike"
        }
        DiagnoseRule::DoubleTag => "A tag appended twice",
        DiagnoseRule::EmptyRegistryHost => "An image reference with an empty registry host",
        DiagnoseRule::ManifestUnknownAmbiguity => {
            "\"manifest unknown\" may mean a private repository"
        }
        DiagnoseRule::CombinedEvents => "The failure text varied between attempts",
        DiagnoseRule::StaleCounters => "Event counters stopped advancing",
        DiagnoseRule::PullSecretMissing => "A pull secret the pod names is missing",
        DiagnoseRule::ProgressTimeout => "containerd cancelled a pull for lack of progress",
        DiagnoseRule::EmbeddedRuntime => "A distribution's embedded containerd",
        DiagnoseRule::RuntimeMismatch => "The runtime the text shows is not the node's",
        DiagnoseRule::NodeArchitecture => "The node's architecture",
        DiagnoseRule::NoFailureText => "No failure text in the evidence",
        DiagnoseRule::VersionsRead => "The versions the texts imply",
        DiagnoseRule::ImageVolumePull => "A pull for an image volume",
        DiagnoseRule::DiskPressure => "The node reports disk pressure",
        DiagnoseRule::NoEvidence => "Nothing in the paste is evidence of a pull",
        DiagnoseRule::ManifestNotEvidence => "A manifest without status (use explain)",
        DiagnoseRule::UnreadableEvidence => "YAML or JSON evidence that could not be read",
        DiagnoseRule::TruncatedInput => "Input cut short or rows that could not be read",
        DiagnoseRule::JoinedLines => "Lines wrapped by the capture tool were joined",
        DiagnoseRule::VersionSkew => "One tag, different image IDs across pods",
        DiagnoseRule::DescribeNotAPod => "kubectl describe output of something other than a pod",
        DiagnoseRule::UnrecognizedText => "Text in which nothing was recognised",
    }
}

/// The SARIF rule id of a finding: `pull-failure/<class>` for a diagnosis's failure
/// (one rule per class), else the rule's own id.
pub fn sarif_rule_id(finding: &Finding, class: Option<FailureClass>) -> String {
    match (DiagnoseRule::from_id(finding.rule), class) {
        (Some(DiagnoseRule::PullFailure), Some(class)) => {
            format!("{}/{}", finding.rule, class.id())
        }
        _ => finding.rule.to_owned(),
    }
}

/// The run's last line.
pub fn summary(inputs: &[DiagnosisInput<'_>]) -> String {
    let mut diagnoses = 0;
    let mut failing = 0;
    let mut fine = 0;
    let (mut errors, mut warnings, mut infos) = (0, 0, 0);
    let mut unreadable = 0;
    for input in inputs {
        match input {
            DiagnosisInput::Report { report, .. } => {
                let s = &report.summary;
                diagnoses += s.diagnoses;
                failing += s.pods_failing;
                fine += s.pods_fine;
                errors += s.errors;
                warnings += s.warnings;
                infos += s.infos;
            }
            DiagnosisInput::Unreadable { .. } => unreadable += 1,
        }
    }
    let mut line = format!(
        "{} {}: {} {}",
        inputs.len(),
        plural(inputs.len(), "input", "inputs"),
        diagnoses,
        plural(diagnoses, "pull failure", "pull failures"),
    );
    if failing + fine > 0 {
        line.push_str(&format!(
            " ({} {} with a pull problem, {} without)",
            failing,
            plural(failing, "pod", "pods"),
            fine
        ));
    }
    line.push_str(&format!(
        "; {} {}, {} {}, {} {}",
        errors,
        plural(errors, "error", "errors"),
        warnings,
        plural(warnings, "warning", "warnings"),
        infos,
        plural(infos, "note", "notes"),
    ));
    if unreadable > 0 {
        line.push_str(&format!(" ({unreadable} could not be read)"));
    }
    line
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

/// The FAQ entries a diagnosis's errors and warnings point to, without repeats, and the
/// kubernetes.io pages of its failure finding: typed targets only.
pub fn references(d: &Diagnosis) -> Vec<(String, Target<'static>)> {
    let mut out: Vec<(String, Target<'static>)> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    for f in d
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
    {
        for id in f.faq {
            if !ids.contains(id)
                && let Some(e) = pullpolicy::faq::entry(id)
            {
                ids.push(id);
                out.push((e.question.to_owned(), Target::faq(e)));
            }
        }
    }
    for f in d
        .findings
        .iter()
        .filter(|f| DiagnoseRule::from_id(f.rule) == Some(DiagnoseRule::PullFailure))
    {
        for url in f.links {
            if let Some(t) = Target::core_link(url) {
                out.push(((*url).to_owned(), t));
            }
        }
    }
    out
}

/// Label of the references.
pub const SEE_ALSO: &str = "see also";

/// `name:line:column`.
pub fn location(name: &str, p: &Position) -> String {
    format!("{name}:{}:{}", p.line, p.column)
}

/// One finding and where it is.
#[derive(Debug, Clone, Copy)]
pub struct Item<'a> {
    /// The input's name.
    pub file: &'a str,
    /// The finding.
    pub finding: &'a Finding,
    /// The class of the diagnosis the finding belongs to.
    pub class: Option<FailureClass>,
}

impl Item<'_> {
    /// `name:line:column`.
    pub fn location(&self) -> String {
        location(self.file, &self.finding.position)
    }
}

/// Every finding of every input, report-level first, then each diagnosis's, ordered
/// within an input by position.
pub fn items<'a>(inputs: &[DiagnosisInput<'a>]) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for input in inputs {
        if let DiagnosisInput::Report { name, report } = *input {
            let start = out.len();
            out.extend(report.findings.iter().map(|finding| Item {
                file: name,
                finding,
                class: None,
            }));
            for d in &report.diagnoses {
                out.extend(d.findings.iter().map(|finding| Item {
                    file: name,
                    finding,
                    class: Some(d.class),
                }));
            }
            out[start..].sort_by_key(|i| (i.finding.position.offset16, i.finding.position.line));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Telling evidence from a manifest.

/// Texts of the kubelet, the runtimes and kubectl (pull-failures.md §1–§3): any one
/// makes the text evidence; together they cover every spec sample (S1–S42) and every
/// fixture of the core's diagnosis (tested).
const MARKERS: [&str; 13] = [
    // The waiting reasons a Pod's status shows, and the kubelet's event texts.
    "ErrImagePull",
    "ImagePullBackOff",
    "ErrImageNeverPull",
    "Failed to pull image",
    "Back-off pulling image",
    "Failed to apply default image tag",
    // The runtimes' texts.
    "failed to pull and unpack",
    "failed to do request",
    "rpc error: code",
    // Events tables (`kubectl get events`, `kubectl events`), Event objects, a Node's
    // image list (`status.images[].sizeBytes`), pasted alone or in an object.
    "LAST SEEN",
    "involvedObject",
    "sizeBytes",
    // `kubectl describe`'s first line (Kubernetes' own keys are lower camel case).
    "\nName:",
];

/// Whether `text` may be evidence of a pull failure rather than a manifest: the one
/// detector of the edges (the playground's routing, the npm API's `isEvidence`, so the
/// web component). It runs in the playground's first load at every analysis, so it is a
/// few substring tests, not a reader: "maybe evidence" for a text holding
/// - `kubectl describe` output: a line starting with `Name:` (Kubernetes' own keys are
///   lower camel case, describe's are capitalised);
/// - an events table (`LAST SEEN`, of `kubectl get events` and `kubectl events`);
/// - an Event object (`involvedObject`) or a Node's image list (`sizeBytes`), whatever
///   their `kind` says (a `NodePool` is a manifest);
/// - the kubelet's and the runtimes' failure texts or waiting reasons (`ErrImagePull`,
///   `Failed to pull image`, `rpc error: code`, …), which a Pod object carries in its
///   status only when it has a pull problem.
///
/// A Pod object with a status and no pull problem holds none of these: it is a manifest,
/// and is explained. The diagnosis has the last word ([`holds_evidence`]): a manifest
/// whose comment mentions `ErrImagePull` is explained after all. (Not inlined: several
/// callers, one copy in the first load.)
#[inline(never)]
pub fn is_evidence(text: &str) -> bool {
    MARKERS
        .iter()
        .any(|m| text.contains(m) || m.strip_prefix('\n').is_some_and(|m| text.starts_with(m)))
}

/// Whether the diagnosis found anything to diagnose: a piece read as evidence. When it
/// did not, the edges explain the text as a manifest.
pub fn holds_evidence(report: &DiagnosisReport) -> bool {
    !report.diagnoses.is_empty()
        || report.pieces.iter().any(|p| {
            !matches!(
                p.format,
                PieceFormat::Manifest | PieceFormat::Unrecognized | PieceFormat::Unreadable
            )
        })
}

// ---------------------------------------------------------------------------------------
// The document model (for renderers that are not Rust: the npm API's `diagnosisView`,
// which the web component renders).

/// Where a finding of a diagnosis report is: diagnosis `d`'s `k`-th (`d` = the number of
/// diagnoses for the report's own findings). Its element id is the origin's.
pub fn origin(d: usize, k: usize) -> Origin {
    Origin::Finding {
        document: d,
        entry: None,
        index: k,
    }
}

/// The labels a renderer shows, worded here once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Labels {
    /// [`IMAGE`].
    pub image: &'static str,
    /// [`CLASS`].
    pub class: &'static str,
    /// [`REASON`].
    pub reason: &'static str,
    /// [`MESSAGE`].
    pub message: &'static str,
    /// [`POLICY`].
    pub policy: &'static str,
    /// [`TIMELINE`].
    pub timeline: &'static str,
    /// [`NODES`].
    pub nodes: &'static str,
    /// [`FIX`].
    pub fix: &'static str,
    /// The findings' list.
    pub findings: &'static str,
    /// The FAQ entries' list.
    pub related_questions: &'static str,
}

/// The labels.
pub const LABELS: Labels = Labels {
    image: IMAGE,
    class: CLASS,
    reason: REASON,
    message: MESSAGE,
    policy: POLICY,
    timeline: TIMELINE,
    nodes: NODES,
    fix: FIX,
    findings: crate::wording::FINDINGS,
    related_questions: crate::wording::RELATED_QUESTIONS,
};

/// A diagnosis report as the edges show it: the summary, one [`DiagnosisCard`] per
/// failing container, the report's own findings, the pods without a pull problem, and
/// the FAQ entries the diagnoses point to (ids; [`DiagnosisWithAnswers`] adds the
/// answers). Every value from the paste is a string or [`Text`] (never markup); every
/// link a typed [`Target`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisView<'r> {
    /// Whether the text held evidence ([`holds_evidence`]); when not, show the text
    /// explained as a manifest instead.
    pub evidence: bool,
    /// The heading ([`PANE_TITLE`]).
    pub title: &'static str,
    /// How the text was read ([`READ_AS`]).
    pub note: &'static str,
    /// The run's line ([`summary`] of the paste).
    pub summary: String,
    /// The labels.
    pub labels: Labels,
    /// One per failing container, in the report's order.
    pub diagnoses: Vec<DiagnosisCard<'r>>,
    /// The report's own findings (not a diagnosis's).
    pub findings: Vec<FindingView<'r>>,
    /// Pods the evidence shows without a pull problem.
    pub pods: Vec<PodLine<'r>>,
    /// [`NO_FAILURE`] when there is no diagnosis, else `null`.
    pub none: Option<&'static str>,
}

/// A [`DiagnosisView`] with the answers of the FAQ entries its cards and the report's
/// errors and warnings point to (the npm API's `diagnosisView`). Apart, so that the
/// playground's diagnosis module, which links the questions to the page's FAQ, does not
/// carry the answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiagnosisWithAnswers<'r> {
    /// The view.
    #[serde(flatten)]
    pub view: DiagnosisView<'r>,
    /// The entries, each once, with their answers.
    pub faq: Vec<FaqView>,
}

impl<'r> DiagnosisWithAnswers<'r> {
    /// The view of `report`, with the answers.
    pub fn of(report: &'r DiagnosisReport) -> DiagnosisWithAnswers<'r> {
        let view = DiagnosisView::of(report);
        let mut faq: Vec<FaqView> = Vec::new();
        let cards = view.diagnoses.iter().flat_map(|d| d.faq.iter().copied());
        let report_level = view
            .findings
            .iter()
            .filter(|f| f.severity >= Severity::Warning)
            .flat_map(|f| f.faq.iter().map(|e| e.0.id));
        for id in cards.chain(report_level) {
            if let Some(e) = pullpolicy::faq::entry(id)
                && !faq.iter().any(|v| v.id == e.id)
            {
                faq.push(FaqView::of(e));
            }
        }
        DiagnosisWithAnswers { view, faq }
    }
}

/// One failing container.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisCard<'r> {
    /// Its place in the report's `diagnoses`.
    pub index: usize,
    /// The one-line heading ([`heading`]).
    pub heading: String,
    /// `namespace/pod`, when the evidence names the pod.
    pub pod: Option<String>,
    /// The container, when named.
    pub container: Option<&'r str>,
    /// What kind of container.
    pub role: ContainerRole,
    /// The image, when known.
    pub image: Option<&'r str>,
    /// The kubelet's waiting reason.
    pub reason: &'r str,
    /// The failure class (its stable id).
    pub class: FailureClass,
    /// The class in words.
    pub class_title: &'static str,
    /// What the class means.
    pub explanation: Text<'static>,
    /// The runtime's message, wrappers peeled (verbatim: show it as preformatted text).
    pub message: Option<&'r str>,
    /// The pull policy's part.
    pub policy: Text<'r>,
    /// The back-off timeline, when the events show one.
    pub timeline: Option<Text<'r>>,
    /// Whether each pasted node holds the image.
    pub nodes: Vec<NodeLine<'r>>,
    /// What to do.
    pub fix: Text<'r>,
    /// FAQ entries (ids; [`DiagnosisWithAnswers::faq`] has their answers) its errors and
    /// warnings point to.
    pub faq: Vec<&'static str>,
    /// kubernetes.io pages about the failure.
    pub links: Vec<Target<'static>>,
    /// Its findings, each at its place in the paste.
    pub findings: Vec<FindingView<'r>>,
    /// Where the failure is shown.
    pub position: Position,
}

/// Whether one node holds the failing image.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeLine<'r> {
    /// The node's name.
    pub node: &'r str,
    /// `yes`, `no`, `maybe`, `unknown`.
    pub present: Presence,
    /// The node is the pod's own.
    pub pod_node: bool,
    /// The verdict in words (the core's finding).
    pub text: Text<'r>,
    /// Where the node's image list is.
    pub position: Position,
}

/// A pod without a pull problem.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodLine<'r> {
    /// The sentence (`No pull problem: web is running.`).
    pub message: &'r str,
    /// `no-pull-problem` or `no-evidence`.
    pub verdict: PodVerdict,
    /// Where the pod is first named.
    pub position: Position,
}

impl<'r> DiagnosisView<'r> {
    /// The view of `report`.
    pub fn of(report: &'r DiagnosisReport) -> DiagnosisView<'r> {
        let diagnoses = report
            .diagnoses
            .iter()
            .enumerate()
            .map(|(i, d)| DiagnosisCard::of(d, i))
            .collect();
        let n = report.diagnoses.len();
        DiagnosisView {
            evidence: holds_evidence(report),
            title: PANE_TITLE,
            note: READ_AS,
            summary: summary(&[DiagnosisInput::Report {
                name: PASTE,
                report,
            }]),
            labels: LABELS,
            diagnoses,
            findings: report
                .findings
                .iter()
                .enumerate()
                .map(|(k, f)| FindingView::of(f, origin(n, k)))
                .collect(),
            pods: report
                .pods
                .iter()
                .filter(|p| p.verdict != PodVerdict::PullProblem)
                .map(|p| PodLine {
                    message: &p.message,
                    verdict: p.verdict,
                    position: p.position,
                })
                .collect(),
            none: (n == 0).then_some(NO_FAILURE),
        }
    }
}

impl<'r> DiagnosisCard<'r> {
    fn of(d: &'r Diagnosis, index: usize) -> DiagnosisCard<'r> {
        let rule_of = |f: &Finding| DiagnoseRule::from_id(f.rule);
        let mut ids = Vec::new();
        let mut links = Vec::new();
        for (_, target) in references(d) {
            match target.dest() {
                crate::text::Dest::Faq(e) => ids.push(e.0.id),
                _ => links.push(target),
            }
        }
        let presence = d
            .findings
            .iter()
            .filter(|f| rule_of(f) == Some(DiagnoseRule::NodePresence));
        DiagnosisCard {
            index,
            heading: heading(d),
            pod: d.pod.as_ref().map(|_| pod_label(d)),
            container: d.container.as_deref(),
            role: d.role,
            image: d.image.as_deref(),
            reason: &d.reason,
            class: d.class,
            class_title: d.class.title(),
            explanation: Text::ours(d.class.explanation()),
            message: d.message.as_deref(),
            // The note marks no code and names the user's image as written: plain.
            policy: Text::plain(&d.policy.note),
            timeline: d
                .findings
                .iter()
                .find(|f| rule_of(f) == Some(DiagnoseRule::Timeline))
                .map(|f| Text::of(&f.message)),
            nodes: d
                .nodes
                .iter()
                .zip(presence)
                .map(|(n, f)| NodeLine {
                    node: &n.node,
                    present: n.present,
                    pod_node: n.pod_node,
                    text: Text::of(&f.message),
                    position: n.position,
                })
                .collect(),
            fix: Text::core(&d.fix),
            faq: ids,
            links,
            findings: d
                .findings
                .iter()
                .enumerate()
                .map(|(k, f)| FindingView::of(f, origin(index, k)))
                .collect(),
            position: d.position,
        }
    }
}

// ---------------------------------------------------------------------------------------
// Terminal.

fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::Error,
        Severity::Warning => Style::Warning,
        Severity::Info => Style::Info,
    }
}

/// The terminal document: each diagnosis as a block, every finding as
/// `name:line:column: severity[rule]: message` (with fix and FAQ pointers for errors
/// and warnings; `program` names the command in them), pods without a pull problem,
/// unreadable inputs, the summary.
pub fn terminal(inputs: &[DiagnosisInput<'_>], program: &str) -> String {
    let mut t = Terminal::new();
    for input in inputs {
        match input {
            DiagnosisInput::Unreadable { name, message } => {
                t.styled(Style::Bold, name)
                    .raw(": ")
                    .styled(Style::Error, "error")
                    .raw(": ")
                    .text(message)
                    .newline();
            }
            DiagnosisInput::Report { name, report } => {
                if report.diagnoses.is_empty() {
                    t.styled(Style::Bold, name)
                        .raw(": ")
                        .text(NO_FAILURE)
                        .newline();
                }
                for d in &report.diagnoses {
                    t.styled(Style::Bold, &location(name, &d.position))
                        .raw(": ")
                        .styled(Style::Red, &heading(d))
                        .newline();
                    if let Some(image) = &d.image {
                        t.raw("  ")
                            .styled(Style::Dim, &format!("{IMAGE}:"))
                            .raw(" ")
                            .text(image)
                            .newline();
                    }
                    if let Some(message) = &d.message {
                        t.raw("  ")
                            .styled(Style::Dim, &format!("{MESSAGE}:"))
                            .raw(" ")
                            .text(message)
                            .newline();
                    }
                    t.raw("  ")
                        .styled(Style::Dim, &format!("{FIX}:"))
                        .raw(" ")
                        .text(&d.fix)
                        .newline();
                }
                for pod in &report.pods {
                    if pod.verdict != PodVerdict::PullProblem {
                        t.styled(Style::Bold, &location(name, &pod.position))
                            .raw(": ")
                            .styled(Style::Green, &pod.message)
                            .newline();
                    }
                }
            }
        }
    }
    let items = items(inputs);
    if !items.is_empty() {
        t.newline();
    }
    for item in &items {
        let f = item.finding;
        t.styled(Style::Bold, &item.location())
            .raw(": ")
            .styled(severity_style(f.severity), f.severity.as_str())
            .raw("[")
            .text(f.rule)
            .raw("]: ")
            .text(&f.message.backticked())
            .newline();
        if f.severity >= Severity::Warning {
            for id in f.faq {
                if let Some(e) = pullpolicy::faq::entry(id) {
                    t.raw("  ")
                        .styled(Style::Dim, &format!("{FAQ}:"))
                        .raw(" ")
                        .text(&crate::wording::faq_pointer(program, e.id, e.question))
                        .newline();
                }
            }
        }
    }
    t.newline().styled(Style::Bold, &summary(inputs)).newline();
    t.finish()
}

// ---------------------------------------------------------------------------------------
// Markdown.

/// The Markdown document (GitHub-flavoured): the summary, a table of the diagnoses,
/// each diagnosis's message (fenced), fix and references (FAQ entries at `base`,
/// kubernetes.io pages), then the findings.
pub fn markdown(inputs: &[DiagnosisInput<'_>], base: &PlaygroundBase) -> String {
    let mut m = Markdown::new();
    m.raw("## ").text(TITLE).raw("\n\n");
    m.text(&summary(inputs)).raw("\n\n");
    let diagnosed: Vec<(&str, &Diagnosis)> = inputs
        .iter()
        .filter_map(|i| match i {
            DiagnosisInput::Report { name, report } => Some((*name, *report)),
            DiagnosisInput::Unreadable { .. } => None,
        })
        .flat_map(|(name, r)| r.diagnoses.iter().map(move |d| (name, d)))
        .collect();
    if !diagnosed.is_empty() {
        m.raw("|");
        for c in COLUMNS {
            m.raw(" ").text(c).raw(" |");
        }
        m.raw("\n|");
        for _ in COLUMNS {
            m.raw(" --- |");
        }
        m.raw("\n");
        for (name, d) in &diagnosed {
            m.raw("| ")
                .code(&location(name, &d.position), true)
                .raw(" | ")
                .text(&pod_label(d))
                .raw(" | ")
                .text(d.container.as_deref().unwrap_or(UNKNOWN))
                .raw(" | ")
                .code(d.image.as_deref().unwrap_or(UNKNOWN), true)
                .raw(" | ")
                .text(&d.reason)
                .raw(" | ")
                .text(d.class.id())
                .raw(" |\n");
        }
        m.raw("\n");
        for (name, d) in &diagnosed {
            m.raw("### ")
                .text(&location(name, &d.position))
                .raw(": ")
                .text(&heading(d))
                .raw("\n\n");
            m.text(d.class.explanation()).raw("\n\n");
            if let Some(message) = &d.message {
                m.fenced("text", message);
                m.raw("\n");
            }
            m.raw("**").text(FIX).raw(":** ").text(&d.fix).raw("\n\n");
            let refs = references(d);
            if !refs.is_empty() {
                m.raw("**").text(SEE_ALSO).raw(":** ");
                for (i, (label, target)) in refs.iter().enumerate() {
                    if i > 0 {
                        m.raw(" · ");
                    }
                    m.link(label, target, base);
                }
                m.raw("\n\n");
            }
        }
    }
    for input in inputs {
        match input {
            DiagnosisInput::Unreadable { name, message } => {
                m.raw("- **error** ")
                    .code(name, false)
                    .raw(": ")
                    .text(message)
                    .raw("\n");
            }
            DiagnosisInput::Report { name, report } if report.diagnoses.is_empty() => {
                m.raw("- ")
                    .code(name, false)
                    .raw(": ")
                    .text(NO_FAILURE)
                    .raw("\n");
            }
            DiagnosisInput::Report { .. } => {}
        }
    }
    let items = items(inputs);
    if !items.is_empty() {
        m.raw("\n### ").text(crate::wording::FINDINGS).raw("\n\n");
        for item in &items {
            let f = item.finding;
            m.raw("- **")
                .text(f.severity.as_str())
                .raw("** ")
                .code(&item.location(), false)
                .raw(" `")
                .text(f.rule)
                .raw("`: ")
                .text(&f.message.backticked())
                .raw("\n");
        }
    }
    m.finish()
}

// ---------------------------------------------------------------------------------------
// HTML.

const ROOT: &str = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:1em 0;overflow-x:auto";
const PRE_OPEN: &str = "<pre style=\"white-space:pre-wrap;overflow-wrap:anywhere;background:#f6f8fa;border-radius:4px;padding:6px 8px;font-size:12px\">";
const TD: &str =
    "<td style=\"padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top\">";

fn severity_css(s: Severity) -> &'static str {
    match s {
        Severity::Error => "<strong style=\"color:#cf222e\">",
        Severity::Warning => "<strong style=\"color:#9a6700\">",
        Severity::Info => "<strong style=\"color:#0969da\">",
    }
}

/// The HTML fragment (one self-contained `<div>`, inline styles only, no script): each
/// input's diagnoses (heading, the runtime's message, the fix, references: FAQ entries at
/// `base`, kubernetes.io pages) and findings.
pub fn html(inputs: &[DiagnosisInput<'_>], base: &PlaygroundBase) -> SafeHtml {
    let mut h = Html::new();
    h.raw("<div class=\"pullpolicy-diagnosis\" style=\"")
        .raw(ROOT)
        .raw("\">\n<p style=\"margin:0 0 8px;font-size:15px;font-weight:600\">")
        .text(TITLE)
        .raw("</p>\n");
    let all = items(inputs);
    for input in inputs {
        h.raw("<section style=\"margin:0 0 16px\">\n<p style=\"font-weight:600\">")
            .text(input.name())
            .raw("</p>\n");
        match input {
            DiagnosisInput::Unreadable { message, .. } => {
                h.raw("<p>")
                    .raw(severity_css(Severity::Error))
                    .raw("error</strong>: ")
                    .text(message)
                    .raw("</p>\n");
            }
            DiagnosisInput::Report { name, report } => {
                if report.diagnoses.is_empty() {
                    h.raw("<p>").text(NO_FAILURE).raw("</p>\n");
                }
                for d in &report.diagnoses {
                    h.raw("<h3 style=\"font-size:14px;margin:8px 0 4px\">")
                        .text(&heading(d))
                        .raw("</h3>\n<p><code>")
                        .text(&location(name, &d.position))
                        .raw("</code>");
                    if let Some(image) = &d.image {
                        h.raw(" ")
                            .text(IMAGE)
                            .raw(": <code>")
                            .text(image)
                            .raw("</code>");
                    }
                    h.raw("</p>\n<p>").text(d.class.explanation()).raw("</p>\n");
                    if let Some(message) = &d.message {
                        h.raw(PRE_OPEN).text(message).raw("</pre>\n");
                    }
                    h.raw("<p><strong>")
                        .text(FIX)
                        .raw(":</strong> ")
                        .text(&d.fix)
                        .raw("</p>\n");
                    let refs = references(d);
                    if !refs.is_empty() {
                        h.raw("<p><strong>").text(SEE_ALSO).raw(":</strong> ");
                        for (i, (label, target)) in refs.iter().enumerate() {
                            if i > 0 {
                                h.raw(" · ");
                            }
                            h.raw("<a style=\"color:#0969da\"")
                                .href(target, base)
                                .raw(">")
                                .text(label)
                                .raw("</a>");
                        }
                        h.raw("</p>\n");
                    }
                }
                let mine: Vec<&Item<'_>> = all.iter().filter(|i| i.file == *name).collect();
                if !mine.is_empty() {
                    h.raw("<table style=\"border-collapse:collapse\">\n");
                    for item in mine {
                        let f = item.finding;
                        h.raw("<tr>")
                            .raw(TD)
                            .raw(severity_css(f.severity))
                            .text(f.severity.as_str())
                            .raw("</strong></td>")
                            .raw(TD)
                            .raw("<code>")
                            .text(&item.location())
                            .raw("</code></td>")
                            .raw(TD)
                            .raw("<code>")
                            .text(f.rule)
                            .raw("</code></td>")
                            .raw(TD)
                            .text(&f.message.backticked())
                            .raw("</td></tr>\n");
                    }
                    h.raw("</table>\n");
                }
            }
        }
        h.raw("</section>\n");
    }
    h.raw("<p style=\"margin:8px 0 0;font-size:12px;color:#59636e\">")
        .text(&summary(inputs))
        .raw("</p>\n</div>\n");
    h.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::diagnose::{DiagnoseOptions, diagnose};

    const HOSTILE: &str = "  Warning  Failed     17s (x2 over 30s)  kubelet            spec.containers{<script>x</script>}: Failed to pull image \"nginx:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found <img src=x onerror=alert(1)> | ] ( \u{1b}[31m\n";

    #[test]
    fn the_model_holds_each_failing_container_and_the_pods_without_a_problem() {
        let text = include_str!("../../pullpolicy/tests/fixtures/diagnose/composed/mixed.txt");
        let report = diagnose(text, &DiagnoseOptions::default());
        let with = DiagnosisWithAnswers::of(&report);
        let v = &with.view;
        assert!(v.evidence);
        assert_eq!(v.none, None);
        assert_eq!(v.diagnoses.len(), 1);
        let d = &v.diagnoses[0];
        assert_eq!(d.class, FailureClass::RateLimited);
        assert_eq!(d.reason, "ErrImagePull");
        assert_eq!(d.container, Some("worker"));
        assert_eq!(d.pod.as_deref(), Some("default/worker-job-x7k9p"));
        assert!(d.timeline.is_some());
        assert_eq!(d.nodes.len(), 1);
        assert_eq!(d.nodes[0].node, "worker-2");
        assert_eq!(d.nodes[0].present, Presence::Yes);
        assert!(!d.faq.is_empty());
        // Every FAQ id a card names is in the view's list, with its answer.
        for id in &d.faq {
            assert!(
                with.faq.iter().any(|e| e.id == *id && !e.answer.is_empty()),
                "{id}"
            );
        }
        assert_eq!(d.findings.len(), report.diagnoses[0].findings.len());
        // Pods without a pull problem; a text without evidence.
        let list = include_str!("../../pullpolicy/tests/fixtures/diagnose/composed/pods_list.yaml");
        let report = diagnose(list, &DiagnoseOptions::default());
        let v = DiagnosisView::of(&report);
        assert_eq!(v.pods.len(), 2);
        assert!(
            v.pods[0].message.starts_with("No pull problem: "),
            "{}",
            v.pods[0].message
        );
        let running = include_str!("../../pullpolicy/tests/fixtures/diagnose/composed/running.txt");
        let report = diagnose(running, &DiagnoseOptions::default());
        let v = DiagnosisView::of(&report);
        assert!(v.evidence);
        assert_eq!(v.none, Some(NO_FAILURE));
        let report = diagnose(
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n",
            &DiagnoseOptions::default(),
        );
        assert!(!DiagnosisView::of(&report).evidence);
    }

    #[test]
    fn the_detector_tells_evidence_from_manifests() {
        assert!(is_evidence("Name:         web\nNamespace:    default\n"));
        assert!(is_evidence("x\nName:  web\n"));
        assert!(!is_evidence("data:\n  notes: |\n    Name: x\n"));
        assert!(!is_evidence("apiVersion: v1\nkind: Pod\n"));
    }

    #[test]
    fn every_rule_has_a_title() {
        for rule in DiagnoseRule::ALL {
            assert!(!rule_title(rule).is_empty());
        }
    }

    #[test]
    fn untrusted_text_is_escaped_in_every_document() {
        let report = diagnose(HOSTILE, &DiagnoseOptions::default());
        assert_eq!(report.diagnoses.len(), 1);
        let inputs = [DiagnosisInput::Report {
            name: "<b>paste</b>",
            report: &report,
        }];
        let base = PlaygroundBase::this_page();
        let html = html(&inputs, &base).into_string();
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(!html.contains("<b>"), "{html}");
        assert!(
            html.contains("&lt;img src=x onerror=alert(1)&gt;"),
            "{html}"
        );
        let md = markdown(&inputs, &base);
        // Outside code spans and fenced blocks (which show text literally), no `<`.
        let mut prose = String::new();
        let mut in_fence = false;
        for line in md.lines() {
            if line.starts_with("```") {
                in_fence = !in_fence;
                continue;
            }
            if !in_fence {
                prose.extend(line.split('`').step_by(2));
            }
        }
        assert!(!prose.contains('<'), "{md}");
        assert!(md.contains("&lt;script&gt;"), "{md}");
        let term = terminal(&inputs, "pullpolicy");
        assert!(!term.contains("\u{1b}[31m not"), "{term}");
        assert!(term.contains("\\u{1b}[31m"), "{term}");
    }
}
