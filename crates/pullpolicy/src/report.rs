//! The report: what [`crate::explain`] returns, and the JSON contract the CLI and the
//! wasm API emit (camelCase; versioned by [`SCHEMA_VERSION`]).

use crate::options::KubeVersion;
use crate::source::Position;
use serde::Serialize;
use std::borrow::Cow;

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
    /// YAML syntax errors; documents after one are still read where possible.
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
    /// `kind`, when there is one.
    pub kind: Option<String>,
    /// `apiVersion`, when there is one.
    pub api_version: Option<String>,
    /// `metadata.name`, when there is one.
    pub name: Option<String>,
    /// How the document was read.
    pub status: DocumentStatus,
    /// The image-bearing entries, in API validation order per pod spec.
    pub entries: Vec<Entry>,
    /// Findings about the object as a whole (unknown fields outside containers, kinds
    /// that are not defaulted, skipped documents).
    pub findings: Vec<Finding>,
    /// The API server's rejection, exactly as it words it, when it would reject the
    /// object (e.g. `Deployment.apps "web" is invalid: …`), whatever the client.
    pub api_error: Option<String>,
    /// What `kubectl apply` (strict field validation, its default since 1.27) is told
    /// about unknown fields; without validation they are dropped instead.
    pub strict_error: Option<String>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Policy {
    /// The value as written: `null` when the field is absent.
    pub written: Option<String>,
    /// How it was written: absent, null, empty, string, boolean, number or other.
    pub written_as: WrittenAs,
    /// What Kubernetes applies; `null` when the API server would reject the object.
    pub effective: Option<PullPolicy>,
    /// Why, in one sentence naming the rule.
    pub source: PolicySource,
    /// Why, in one sentence naming the rule.
    pub reason: String,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Finding {
    /// Stable kebab-case id.
    pub rule: &'static str,
    /// How much it matters.
    pub severity: Severity,
    /// One line.
    pub message: String,
    /// A paragraph: what happens and why (most are fixed text, so not copied per finding).
    pub explanation: Cow<'static, str>,
    /// A concrete YAML edit, when there is one.
    pub fix: Option<String>,
    /// kubernetes.io pages (only from [`crate::LINKS`]).
    pub links: &'static [&'static str],
    /// Related FAQ entry ids ([`crate::faq`]).
    pub faq: &'static [&'static str],
    /// Where.
    #[serde(flatten)]
    pub position: Position,
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
    /// libyaml's words for the problem (what `kubectl` prints).
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
    /// Findings (and syntax errors) of severity error.
    pub errors: usize,
    /// … warning.
    pub warnings: usize,
    /// … info.
    pub infos: usize,
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
        let mut s = Summary {
            errors: self.syntax_errors.len(),
            ..Summary::default()
        };
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
            match f.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        self.summary = s;
    }
}
