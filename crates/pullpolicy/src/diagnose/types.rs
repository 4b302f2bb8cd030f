//! The diagnosis report: what [`crate::diagnose::diagnose`] returns, and the JSON contract
//! the CLI's `diagnose --format json` and the npm API emit (camelCase, versioned by
//! [`DIAGNOSIS_SCHEMA_VERSION`]). Every field's documentation here is the contract's.

use crate::report::{Finding, PullPolicy};
use crate::source::Position;
use serde::Serialize;
use std::ops::Range;

/// The version of the diagnosis JSON contract. Bumped on any incompatible change.
pub const DIAGNOSIS_SCHEMA_VERSION: u32 = 1;

/// Everything learned from one pasted text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisReport {
    /// [`DIAGNOSIS_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// The pieces the text was cut into, in text order, each with the format it was
    /// recognised as by itself.
    pub pieces: Vec<Piece>,
    /// Every pod the evidence names (from describe output, Pod objects and the objects
    /// events refer to), in order of first appearance, with a verdict each.
    pub pods: Vec<PodSummary>,
    /// One diagnosis per failing container (or per failing image when the evidence names
    /// no pod), in order of first appearance.
    pub diagnoses: Vec<Diagnosis>,
    /// Tags that resolved to different images in different pods.
    pub skew: Vec<Skew>,
    /// Every Node object in the paste.
    pub nodes: Vec<NodeSummary>,
    /// Findings about the paste as a whole: input that could not be read, manifests
    /// without evidence, version skew, pastes with no evidence at all.
    pub findings: Vec<Finding>,
    /// Counts.
    pub summary: DiagnosisSummary,
}

impl DiagnosisReport {
    /// Every finding of the report: report-level first, then each diagnosis's.
    pub fn all_findings(&self) -> impl Iterator<Item = &Finding> {
        self.findings
            .iter()
            .chain(self.diagnoses.iter().flat_map(|d| &d.findings))
    }
}

/// One piece of the paste: a run of lines in one format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Piece {
    /// 0-based, in text order.
    pub index: usize,
    /// What the piece is.
    pub format: PieceFormat,
    /// How it is written.
    pub encoding: Encoding,
    /// From the piece's first character (line, column, `offset16`) to just past its last
    /// (`end16`).
    #[serde(flatten)]
    pub position: Position,
    /// The piece's last line (1-based).
    pub end_line: u32,
    /// How many records it held: pods, event rows, objects or messages.
    pub records: usize,
    /// The kubectl version band its layout shows (describe's message prefix, `From`
    /// column, legacy columns).
    pub kubectl: VersionBand,
    /// The texts that bounded the kubectl version.
    pub markers: Vec<Marker>,
    /// The byte range of the piece in the text (for Rust callers that route a manifest
    /// to [`crate::explain`]; not serialized: JavaScript uses `offset16`/`end16`).
    #[serde(skip)]
    pub bytes: Range<usize>,
}

/// What a piece of the paste is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PieceFormat {
    /// `kubectl describe pod` output (any layout).
    DescribePod,
    /// `kubectl describe` output of something else (no `Containers:` section).
    DescribeOther,
    /// A describe-style events table (`Type Reason Age From Message`) without the pod
    /// above it.
    EventsTable,
    /// The legacy describe events table (`FirstSeen LastSeen Count From SubobjectPath
    /// Type Reason Message`, kubectl ≈ 1.9 and older).
    EventsTableLegacy,
    /// `kubectl get events` (`LAST SEEN TYPE REASON OBJECT MESSAGE`).
    GetEvents,
    /// `kubectl get events -o wide`.
    GetEventsWide,
    /// `kubectl events` (`LAST SEEN` with `(xN over M)`, `OBJECT` as `Kind/name`).
    KubectlEvents,
    /// Event rows without their header line.
    EventRows,
    /// Pod objects with status (`kubectl get pod -o yaml|json`, single or a List).
    PodObjects,
    /// Event objects (`kubectl get events -o yaml|json`).
    EventObjects,
    /// Node objects (`kubectl get nodes -o yaml|json`).
    NodeObjects,
    /// Several kinds of evidence objects in one stream or List.
    Objects,
    /// A fragment of a pod's status (`containerStatuses`, `state.waiting`).
    StatusFragment,
    /// A manifest without status: not evidence. Route it to [`crate::explain`].
    Manifest,
    /// Free text (logs, a single event message, a runtime error) holding kubelet or
    /// runtime messages.
    Text,
    /// Text in which nothing was recognised.
    Unrecognized,
    /// YAML or JSON that could not be read.
    Unreadable,
}

/// How a piece is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// kubectl's tables and describe output, logs, plain text.
    Text,
    /// YAML.
    Yaml,
    /// JSON.
    Json,
}

/// One pod and its verdict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PodSummary {
    /// `metadata.name` (describe `Name:`, the events' object name); `null` for a status
    /// fragment that does not show it.
    pub name: Option<String>,
    /// `metadata.namespace`, when the evidence shows it.
    pub namespace: Option<String>,
    /// The node it is bound to, when shown.
    pub node: Option<String>,
    /// `status.phase` (describe `Status:`), when shown.
    pub phase: Option<String>,
    /// Whether it has a pull problem.
    pub verdict: PodVerdict,
    /// Each container the evidence shows, with its state.
    pub containers: Vec<ContainerState>,
    /// One sentence for the user (e.g. "No pull problem: web is Running.").
    pub message: String,
    /// Where the pod is first named.
    #[serde(flatten)]
    pub position: Position,
}

/// A pod's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PodVerdict {
    /// At least one container cannot get its image: see [`DiagnosisReport::diagnoses`].
    PullProblem,
    /// No container has a pull problem (running, creating, crash-looping, …).
    NoPullProblem,
    /// The evidence shows neither a failure nor a state (e.g. only a `Pulling` event).
    NoEvidence,
}

/// One container's state as the evidence shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContainerState {
    /// The container's (or image volume's) name.
    pub name: String,
    /// What kind of container it is.
    pub role: ContainerRole,
    /// The spec's image, verbatim.
    pub image: Option<String>,
    /// `waiting`, `running`, `terminated` or `unknown`.
    pub state: StateKind,
    /// The state's reason (`ImagePullBackOff`, `CrashLoopBackOff`, `Completed`, …).
    pub reason: Option<String>,
}

/// A container state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StateKind {
    /// `state.waiting`.
    Waiting,
    /// `state.running`.
    Running,
    /// `state.terminated`.
    Terminated,
    /// Not shown.
    Unknown,
}

/// What kind of container a diagnosis is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ContainerRole {
    /// `spec.containers[]`.
    Container,
    /// `spec.initContainers[]` that runs to completion.
    Init,
    /// `spec.initContainers[]` with `restartPolicy: Always` (only Pod objects show it).
    Sidecar,
    /// `spec.ephemeralContainers[]`.
    Ephemeral,
    /// `spec.volumes[].image` (KEP-4639).
    ImageVolume,
    /// The evidence names no container.
    Unknown,
}

/// The diagnosis of one failing container.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Diagnosis {
    /// The pod's name, when the evidence names it.
    pub pod: Option<String>,
    /// The pod's namespace, when shown.
    pub namespace: Option<String>,
    /// The container's name, when the evidence names it.
    pub container: Option<String>,
    /// What kind of container it is.
    pub role: ContainerRole,
    /// The image as the pod spec writes it (the kubelet's `<I>`), or else as the runtime
    /// names it.
    pub image: Option<String>,
    /// The image as the runtime named it in its error (`docker.io/library/nginx:9.9`).
    pub runtime_ref: Option<String>,
    /// The kubelet's waiting reason (`ErrImagePull`, `ImagePullBackOff`, …), as shown or
    /// as the events imply.
    pub reason: String,
    /// For `ImagePullBackOff` from kubelet 1.32 on: the reason of the last attempt
    /// carried in the back-off message (`ErrImagePull`).
    pub inner_reason: Option<String>,
    /// The failure class.
    pub class: FailureClass,
    /// The container runtime and its version band.
    pub runtime: RuntimeInfo,
    /// The kubelet version band read off the texts (or the node's `kubeletVersion`).
    pub kubelet: VersionBand,
    /// The runtime's error text with the kubelet's wrappers peeled (`Failed to pull image
    /// "<I>": `, the back-off prefix, `(combined from similar events): `, the gRPC
    /// `rpc error: code = … desc = ` prefix, `RegistryUnavailable: `/
    /// `SignatureValidationFailed: ` and `image pull failed for <I> because …`), exactly as
    /// pasted (line breaks kept). For `ErrImageNeverPull` and `InvalidImageName`, which
    /// involve no runtime, the kubelet's own text (`Container image "…" is not present
    /// with pull policy of Never`; the reference's parse error). `null` when the evidence
    /// carries no text (describe without events, a status before kubelet 1.32).
    pub message: Option<String>,
    /// The innermost cause: [`Diagnosis::message`] with the runtime's own wrappers peeled
    /// too (`failed to pull and unpack image "…": `, `failed to resolve reference "…": `,
    /// …).
    pub cause: Option<String>,
    /// The gRPC code the kubelet kept (`NotFound`, `Unknown`, `Canceled`, …).
    pub grpc_code: Option<String>,
    /// The wrappers peeled, outermost first.
    pub wrappers: Vec<Wrapper>,
    /// The parts of an aggregated error (several credentials tried, `[a, b]`) or of
    /// CRI-O's mirror list, each classified; empty for a single error.
    pub parts: Vec<Part>,
    /// The text came from a `(combined from similar events)` event: the failure text
    /// varied between attempts.
    pub combined: bool,
    /// The pull policy's part in the failure.
    pub policy: PolicyPart,
    /// The back-off timeline read from the events.
    pub timeline: Option<Timeline>,
    /// Whether each pasted node holds the image (`status.images`).
    pub nodes: Vec<NodePresence>,
    /// What to do, in one paragraph.
    pub fix: String,
    /// The diagnosis as findings, each at its evidence in the text: the class (with the
    /// fix), the policy's part, the timeline, node presence, hints.
    pub findings: Vec<Finding>,
    /// Where the failure is shown (the waiting reason, or the failure event's message).
    #[serde(flatten)]
    pub position: Position,
}

/// Failure classes: the spec's C1–C18 in order, then the kubelet's own reasons.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureClass {
    /// C1: the tag or digest does not exist.
    NotFound,
    /// C2: the repository does not exist or needs authorization.
    AccessDenied,
    /// C3: credentials were sent and refused (token endpoint 401/403).
    BadCredentials,
    /// C4: the registry refuses the request (403, network rule, IAM policy).
    Forbidden,
    /// C5: rate limited (429).
    RateLimited,
    /// C6: the registry's certificate is not trusted by the runtime.
    TlsUntrusted,
    /// C7: a plain-HTTP registry contacted over HTTPS.
    HttpRegistry,
    /// C8: the registry's name does not resolve.
    Dns,
    /// C9: unreachable, refused, reset or timed out.
    Network,
    /// C10: the pull was cancelled or too slow.
    PullCancelled,
    /// C11: no image for the node's platform.
    PlatformMismatch,
    /// C12: the node's disk is full, or a layer could not be extracted.
    DiskFull,
    /// C13: unsupported or oversized content (schema 1, huge manifests).
    UnsupportedContent,
    /// C14: CRI-O's short-name resolution.
    ShortName,
    /// C15: a signature or policy rejected the image.
    SignatureRejected,
    /// C16: no credentials were supplied (a missing pull secret, an anonymous token).
    NoCredentials,
    /// C17: the kubelet itself refused (`pull QPS exceeded`).
    KubeletLocal,
    /// C18: the registry failed (5xx).
    RegistryServerError,
    /// `ErrImageNeverPull`: `Never` and the image is not on the node.
    NeverPull,
    /// `InvalidImageName`: the image reference does not parse.
    InvalidName,
    /// `ImageInspectError` whose text fits no class above.
    InspectError,
    /// Nothing in the evidence tells the cause.
    Unknown,
}

impl FailureClass {
    /// Every class, in order.
    pub const ALL: [FailureClass; 22] = [
        FailureClass::NotFound,
        FailureClass::AccessDenied,
        FailureClass::BadCredentials,
        FailureClass::Forbidden,
        FailureClass::RateLimited,
        FailureClass::TlsUntrusted,
        FailureClass::HttpRegistry,
        FailureClass::Dns,
        FailureClass::Network,
        FailureClass::PullCancelled,
        FailureClass::PlatformMismatch,
        FailureClass::DiskFull,
        FailureClass::UnsupportedContent,
        FailureClass::ShortName,
        FailureClass::SignatureRejected,
        FailureClass::NoCredentials,
        FailureClass::KubeletLocal,
        FailureClass::RegistryServerError,
        FailureClass::NeverPull,
        FailureClass::InvalidName,
        FailureClass::InspectError,
        FailureClass::Unknown,
    ];

    /// The stable kebab-case id (the JSON value).
    pub fn id(self) -> &'static str {
        match self {
            FailureClass::NotFound => "not-found",
            FailureClass::AccessDenied => "access-denied",
            FailureClass::BadCredentials => "bad-credentials",
            FailureClass::Forbidden => "forbidden",
            FailureClass::RateLimited => "rate-limited",
            FailureClass::TlsUntrusted => "tls-untrusted",
            FailureClass::HttpRegistry => "http-registry",
            FailureClass::Dns => "dns",
            FailureClass::Network => "network",
            FailureClass::PullCancelled => "pull-cancelled",
            FailureClass::PlatformMismatch => "platform-mismatch",
            FailureClass::DiskFull => "disk-full",
            FailureClass::UnsupportedContent => "unsupported-content",
            FailureClass::ShortName => "short-name",
            FailureClass::SignatureRejected => "signature-rejected",
            FailureClass::NoCredentials => "no-credentials",
            FailureClass::KubeletLocal => "kubelet-local",
            FailureClass::RegistryServerError => "registry-server-error",
            FailureClass::NeverPull => "never-pull",
            FailureClass::InvalidName => "invalid-name",
            FailureClass::InspectError => "inspect-error",
            FailureClass::Unknown => "unknown",
        }
    }

    /// The class whose [`FailureClass::id`] is `id`.
    pub fn from_id(id: &str) -> Option<FailureClass> {
        FailureClass::ALL.into_iter().find(|c| c.id() == id)
    }

    /// An authorization failure (C2, C3, C16): in an aggregate, any other part is the
    /// primary diagnosis (spec §2.2 rule 5).
    pub fn is_auth(self) -> bool {
        matches!(
            self,
            FailureClass::AccessDenied | FailureClass::BadCredentials | FailureClass::NoCredentials
        )
    }
}

/// A container runtime.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runtime {
    /// containerd's CRI plugin.
    Containerd,
    /// CRI-O.
    CriO,
    /// Docker Engine (dockershim, cri-dockerd).
    Docker,
    /// Not identifiable.
    Unknown,
}

impl Runtime {
    /// The stable id (the JSON value).
    pub fn id(self) -> &'static str {
        match self {
            Runtime::Containerd => "containerd",
            Runtime::CriO => "cri-o",
            Runtime::Docker => "docker",
            Runtime::Unknown => "unknown",
        }
    }
}

/// The runtime behind a failure and what the texts tell about its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuntimeInfo {
    /// The runtime.
    pub name: Runtime,
    /// The version band the texts (and the node) allow.
    pub band: VersionBand,
    /// The node's `containerRuntimeVersion`, verbatim (`containerd://1.7.27-k3s1`), when
    /// the pod's node was pasted.
    pub reported: Option<String>,
    /// For containerd: which pull path produced the text, when it shows.
    pub pull_path: Option<PullPath>,
    /// The texts that identified the runtime or bounded its version.
    pub markers: Vec<Marker>,
}

/// containerd's two pull paths (spec §3.0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PullPath {
    /// `client.Pull` (containerd 1.x, 2.0, and 2.1+ with `use_local_image_pull`):
    /// `failed to resolve reference "<ref>": …`.
    ClientPull,
    /// The transfer service (containerd ≥ 2.1 default): `failed to resolve image: …`.
    TransferService,
}

/// A version range: `atLeast` ≤ version < `below` (either end open when `null`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct VersionBand {
    /// The lowest version the evidence allows (`1.28`, `2.1`).
    pub at_least: Option<String>,
    /// The first version the evidence excludes.
    pub below: Option<String>,
    /// The evidence bounds contradict each other (a mixed paste, or a backport).
    pub conflicting: bool,
}

/// A text that identified a runtime or bounded a version (typed ids; the meaning of each
/// is in [`crate::diagnose::Marker::meaning`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Marker {
    // containerd
    /// `failed to pull and unpack image "<ref>"`: containerd's CRI plugin, every version.
    ContainerdUnpack,
    /// `failed to resolve reference "<ref>"`: containerd's `client.Pull` path.
    ContainerdResolveReference,
    /// `failed to resolve image:`: containerd ≥ 2.1's transfer service.
    ContainerdResolveImage,
    /// `unexpected status: <code>` without method and URL: containerd < 1.7.
    ContainerdStatusNoMethod,
    /// `unexpected status from <METHOD> request to`: containerd ≥ 1.7.
    ContainerdStatusWithMethod,
    /// The fetcher's `unexpected status code <url>:`: containerd ≤ 2.1.
    ContainerdFetcherStatusCode,
    /// The registry's errors on the line after `unexpected status from GET request`:
    /// containerd ≥ 2.2.
    ContainerdFetcherJoinedBody,
    /// Schema-1 manifests refused: containerd ≥ 2.0.
    ContainerdSchema1Refused,
    /// `failed to unpack image on snapshotter`: containerd 2.x.
    ContainerdSnapshotterUnpack,
    /// `[REDACTED]` query values: containerd ≥ 2.3.
    ContainerdRedacted,
    /// Other containerd-only texts (`httpReadSeeker`, `failed to extract layer`,
    /// `no match for platform in manifest`, `failed to do request:`, `content at`).
    ContainerdText,
    // CRI-O
    /// containers/image texts (`initializing source docker://`, `reading manifest`,
    /// `pinging container registry`, `Mirrors also failed`, …): CRI-O.
    CrioImageLibrary,
    /// Capitalised `Error initializing source` / `Error reading manifest`: containers/image
    /// of ≈ 2020–2021 (CRI-O ≈ 1.20 and older).
    CrioOldWording,
    /// Short-name texts: CRI-O (enforcing by default from 1.34).
    CrioShortName,
    /// `unable to try pulling possible OCI artifact`: CRI-O 1.33.
    CrioArtifact133,
    /// `unable to pull image or OCI artifact`: CRI-O 1.34–1.36.
    CrioArtifact134,
    /// `unable to pull image: ` (network errors): CRI-O ≥ 1.36.
    CrioUnablePull136,
    /// `SignatureValidationFailed` / `RegistryUnavailable` from `pinging container
    /// registry`: CRI-O ≥ 1.28.
    CrioErrorPrefix,
    // Docker
    /// `Error response from daemon:` and Docker Engine texts: Docker (dockershim ≤ 1.23,
    /// or cri-dockerd).
    DockerDaemon,
    // node
    /// The node's `containerRuntimeVersion`.
    NodeRuntimeVersion,
    // kubelet
    /// `rpc error: code = Unknown desc =` kept on a pull error: kubelet ≤ 1.27.
    KubeletUnknownCodeKept,
    /// The back-off waiting message carries the last error: kubelet ≥ 1.32.
    KubeletBackoffWithError,
    /// `Failed to inspect image ""`: kubelet ≥ 1.33.
    KubeletInspectEmptyRef,
    /// `Failed to inspect image "<I>"`: kubelet ≤ 1.32.
    KubeletInspectImageRef,
    /// `couldn't parse image reference "<I>"`: kubelet ≤ 1.27.
    KubeletParseReference,
    /// `couldn't parse image name "<I>"`: kubelet ≥ 1.28.
    KubeletParseNameQuoted,
    /// `… already present on machine and can be accessed by the pod`: kubelet ≥ 1.33
    /// (on by default from 1.35).
    KubeletCanBeAccessed,
    /// `reportingComponent: kubelet` on a kubelet event: kubelet ≥ 1.28.
    KubeletReportingComponent,
    /// A kubelet event without `reportingComponent`: kubelet ≤ 1.27.
    KubeletNoReportingComponent,
    /// Lower-case `pulling image "<I>"`: a kubelet of the 1.11 era or older.
    KubeletLowercasePulling,
    /// `RegistryUnavailable` / `SignatureValidationFailed` waiting reasons: kubelet ≥ 1.28.
    KubeletCriErrorReasons,
    /// `ImageInspectError` under `Always`: kubelet ≤ 1.32.
    KubeletInspectUnderAlways,
    /// The node's `kubeletVersion`.
    NodeKubeletVersion,
    // kubectl
    /// describe messages prefixed `spec.containers{<name>}: `: kubectl ≥ 1.35.
    KubectlFieldPathPrefix,
    /// describe `From` as `kubelet, <node>`: kubectl ≤ 1.19.
    KubectlSourceWithHost,
    /// The legacy describe columns (`FirstSeen LastSeen Count From SubobjectPath …`):
    /// kubectl ≈ 1.9 and older (the exact release is not verified).
    KubectlLegacyLayout,
}

/// A wrapper peeled off a failure text, outermost first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Wrapper {
    /// `(combined from similar events): ` (client-go's event aggregator).
    Combined,
    /// `Failed to pull image "<I>": ` (the kubelet's `Failed` event).
    FailedToPull,
    /// `Back-off pulling image "<I>": <Reason>: ` (kubelet ≥ 1.32 waiting message).
    BackOff,
    /// `Failed to inspect image "<I>": ` (`InspectFailed`).
    InspectFailed,
    /// `Failed to apply default image tag "<I>": ` (`InvalidImageName`).
    DefaultTag,
    /// `[…, …]`: errors of several credentials, aggregated by the kubelet.
    Aggregate,
    /// `rpc error: code = <Code> desc = ` (gRPC status kept by the kubelet).
    Grpc,
    /// `RegistryUnavailable: ` (CRI error prefix).
    RegistryUnavailable,
    /// `SignatureValidationFailed: ` (CRI error prefix).
    SignatureValidationFailed,
    /// `image pull failed for <I> because the registry is unavailable` / `… the
    /// signature validation failed` (the kubelet's waiting message).
    ImagePullFailedFor,
    /// containerd: `failed to pull and unpack image "<ref>": `.
    PullAndUnpack,
    /// containerd: `failed to resolve reference "<ref>": `.
    ResolveReference,
    /// containerd ≥ 2.1: `failed to resolve image: `.
    ResolveImage,
    /// containerd: `failed to copy: ` / `httpReadSeeker: failed open: `.
    Copy,
    /// CRI-O: `unable to pull image or OCI artifact: pull image err: `,
    /// `unable to try pulling possible OCI artifact: `, `unable to pull image: `.
    CrioPull,
    /// containers/image: `initializing source <ref>: `.
    InitializingSource,
    /// Docker: `Error response from daemon: `.
    DaemonResponse,
}

/// One part of an aggregated or multi-location error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Part {
    /// The part's class.
    pub class: FailureClass,
    /// The part's text.
    pub message: String,
    /// This part decided the diagnosis's class.
    pub primary: bool,
}

/// The pull policy's part in a failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PolicyPart {
    /// The policy in force, when the evidence shows it.
    pub effective: Option<PullPolicy>,
    /// How it is known.
    pub source: PolicyEvidence,
    /// What the API server defaults for this image when the field is not written
    /// (`Always` for `:latest` or no tag, else `IfNotPresent`); `null` when the image is
    /// unknown.
    pub default: Option<PullPolicy>,
    /// The policy is known not to be `Always` (an image found present, an inspect
    /// error from kubelet 1.33 on).
    pub not_always: bool,
    /// What the policy did here, in one paragraph.
    pub note: String,
}

/// How the policy is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PolicyEvidence {
    /// Written in a Pod object (`imagePullPolicy`, stored defaulted) or describe's image
    /// volume `PullPolicy:`.
    Written,
    /// A kubelet log line (`ImagePullPolicy:Always`).
    Log,
    /// `ErrImageNeverPull` happens only under `Never`.
    NeverPullReason,
    /// Describe output never prints the policy: this is the API server's default for the
    /// image, true unless the manifest sets another value.
    DefaultIfUnset,
    /// No evidence.
    Unknown,
}

/// The back-off timeline of one container's failures (spec §4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Timeline {
    /// Failed attempts: `count` of `Error: <reason>` for the pull error (else of the
    /// `Failed to pull image` rows).
    pub failures: u64,
    /// The count is only a lower bound (the spam filter stopped updating the series, or
    /// events aged out).
    pub failures_lower_bound: bool,
    /// `count` of `Pulling`.
    pub pulls_started: Option<u64>,
    /// `count` of `Back-off pulling image` / `Error: ImagePullBackOff`.
    pub back_off_syncs: Option<u64>,
    /// When the first failure was seen.
    pub first_failure: Option<When>,
    /// When the last failure was seen.
    pub last_failure: Option<When>,
    /// Seconds from the first to the last failure (`D`).
    pub span_seconds: Option<SecondsRange>,
    /// The shortest span the back-off allows for this many failures (`S(n)`: 0, 10, 30,
    /// 70, 150, 310, 610, … s).
    pub minimal_span_seconds: u64,
    /// How `D` compares with `S(n)`.
    pub span: SpanVerdict,
    /// The back-off window after the last failure: `min(10·2^(n−1), 300)` s.
    pub window_seconds: u32,
    /// When the next attempt is due, in seconds after the paste was taken (negative:
    /// overdue, so the counters are stale); only for pastes with ages.
    pub next_attempt_seconds: Option<SignedRange>,
    /// How long the container has been failing (describe: the `over` age of the first
    /// `Pulling`), when ages show it.
    pub failing_for_seconds: Option<SecondsRange>,
    /// Failures expected by now from the first failure's age and the back-off, when the
    /// counters are stale.
    pub expected_failures: Option<u64>,
    /// From the 6th failure on the kubelet retries every ≈ 300–315 s: ≈ 12 attempts an
    /// hour per pod and image.
    pub attempts_per_hour: Option<u32>,
    /// The worst wait after a fix before the next attempt (300 s window + 15 s re-queue);
    /// deleting the pod retries at once.
    pub recovery_worst_case_seconds: u32,
    /// No back-off applies (`ErrImageNeverPull`, `InvalidImageName`, `ImageInspectError`:
    /// one event per pod sync).
    pub no_back_off: bool,
}

/// A moment of the timeline: an age before the paste (describe, tables) or a timestamp
/// (objects).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct When {
    /// Seconds before the paste was taken, with the precision of kubectl's ages.
    pub ago: Option<SecondsRange>,
    /// An RFC 3339 timestamp, verbatim.
    pub at: Option<String>,
}

/// An interval of seconds, `min` ≤ value ≤ `max`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SecondsRange {
    /// Lower bound.
    pub min: u64,
    /// Upper bound.
    pub max: u64,
}

/// An interval of signed seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SignedRange {
    /// Lower bound.
    pub min: i64,
    /// Upper bound.
    pub max: i64,
}

/// How the failures' span compares with the back-off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpanVerdict {
    /// Within `[S(n), S(n) + 15 s·(n−1)]`: the back-off alone explains it.
    Consistent,
    /// Longer: the attempts themselves took time (timeouts), or the kubelet did not sync
    /// the pod for a while, or a gap over 600 s reset the back-off.
    Longer,
    /// Shorter than the back-off allows for one pod: two pods with one name, or clock
    /// skew.
    Impossible,
    /// Not enough timing evidence.
    Unknown,
}

/// Whether one node holds the failing image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodePresence {
    /// The node's name.
    pub node: String,
    /// `yes`, `no`, `maybe` or `unknown`.
    pub present: Presence,
    /// Why.
    pub why: PresenceWhy,
    /// The node is the pod's own.
    pub pod_node: bool,
    /// The `status.images[].names[]` entry that matched.
    pub matched: Option<String>,
    /// Where the node's image list (or the matching name) is.
    #[serde(flatten)]
    pub position: Position,
}

/// Presence of an image on a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Presence {
    /// A name in `status.images` matches.
    Yes,
    /// No name matches and the list is complete.
    No,
    /// No name matches, but the list holds exactly 50 images (the kubelet's default
    /// cap, `nodeStatusMaxImages`): a small image may be missing from it.
    Maybe,
    /// The list cannot tell (no list, names cut at 5, CRI-O short names, an unparsable
    /// image).
    Unknown,
}

/// Why a presence verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PresenceWhy {
    /// A name matched the image's key.
    Matched,
    /// No name matched in a list under the cap.
    NotListed,
    /// The list is at the default cap of 50 (largest images first).
    ListAtCap,
    /// An image of the same repository lists exactly 5 names, the kubelet's cap per
    /// image: the matching name may have been cut.
    NamesCut,
    /// CRI-O resolves short names through `registries.conf`: the docker.io key is only
    /// one candidate.
    CrioShortName,
    /// The node object has no `status.images`.
    NoImageList,
    /// The image reference does not parse.
    InvalidImage,
}

/// Tags that resolved to different images in different pods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Skew {
    /// The image as the pods' specs write it.
    pub image: String,
    /// Each image ID seen, with the pods running it.
    pub variants: Vec<SkewVariant>,
    /// Where the first pod's image ID is.
    #[serde(flatten)]
    pub position: Position,
}

/// One image ID behind a skewed tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkewVariant {
    /// `status.containerStatuses[].imageID` (describe `Image ID:`).
    pub image_id: String,
    /// `namespace/pod/container` of each container running it.
    pub containers: Vec<String>,
    /// Their nodes, when shown.
    pub nodes: Vec<String>,
}

/// One pasted Node object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeSummary {
    /// `metadata.name`.
    pub name: String,
    /// The runtime from `nodeInfo.containerRuntimeVersion`.
    pub runtime: Runtime,
    /// `nodeInfo.containerRuntimeVersion`, verbatim.
    pub runtime_version: Option<String>,
    /// `nodeInfo.kubeletVersion`, verbatim.
    pub kubelet_version: Option<String>,
    /// `nodeInfo.architecture`.
    pub architecture: Option<String>,
    /// `nodeInfo.operatingSystem`.
    pub operating_system: Option<String>,
    /// Entries in `status.images` (`null`: no list).
    pub images: Option<usize>,
    /// The list holds exactly 50 images, the default cap: it may be truncated.
    pub images_at_cap: bool,
    /// Sum of `sizeBytes` (as the runtime reports them: a lower bound of disk use).
    pub image_bytes: u64,
    /// The `DiskPressure` condition's status, when shown.
    pub disk_pressure: Option<bool>,
    /// Where the node object starts.
    #[serde(flatten)]
    pub position: Position,
}

/// Counts for a summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DiagnosisSummary {
    /// Pods named by the evidence.
    pub pods: usize,
    /// Pods with a pull problem.
    pub pods_failing: usize,
    /// Pods without one.
    pub pods_fine: usize,
    /// Diagnoses (failing containers or images).
    pub diagnoses: usize,
    /// Manifests found (route them to `explain`).
    pub manifests: usize,
    /// Findings of severity error, warning and info, over the whole report.
    pub errors: usize,
    /// … warning.
    pub warnings: usize,
    /// … info.
    pub infos: usize,
}
