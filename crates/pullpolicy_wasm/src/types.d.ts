/** The JSON contract of pullpolicy (schemaVersion 1). */
export type PullPolicy = "Always" | "IfNotPresent" | "Never";
export type Severity = "error" | "warning" | "info";
export type Role = "container" | "initContainer" | "sidecar" | "ephemeralContainer" | "imageVolume";
export interface Position { line: number; column: number; offset16: number; end16: number; }
/** The supported Kubernetes releases (the core's version table). */
export type KubernetesVersion = "1.28" | "1.29" | "1.30" | "1.31" | "1.32" | "1.33" | "1.34" | "1.35" | "1.36" | "1.37";
export interface Options {
  kubernetesVersion: KubernetesVersion;
  scenario: Partial<Scenario>;
}
export interface Scenario {
  nodeImage: "absent" | "present" | "stale" | "preloaded";
  registry: "reachable" | "unreachable" | "not-found";
  credentials: "public" | "valid" | "missing";
  alwaysPullImages: boolean;
  ensureSecretPulledImages: boolean | null;
  credentialVerification: "NeverVerify" | "NeverVerifyPreloadedImages" | "NeverVerifyAllowlistedImages" | "AlwaysVerify";
  allowlist: string[];
  overrides: { image: string; nodeImage?: Scenario["nodeImage"]; registry?: Scenario["registry"]; credentials?: Scenario["credentials"] }[];
}
/** The report's structured words: plain text and code, never markup. */
export type ReportSpan = { plain: string } | { code: string };
export interface Finding extends Position {
  /** `message` and `explanation` are plain strings with code in backticks; `spans` holds the same words structured (render these: a backtick in the user's text is a character of its span). */
  rule: string; severity: Severity; message: string; explanation: string;
  fix: string | null; links: string[]; faq: string[];
  spans: { message: ReportSpan[]; explanation: ReportSpan[] };
}
export interface Image {
  raw: string | null; valid: boolean; fullName: string | null; domain: string | null; path: string | null;
  tag: string | null; digest: string | null; familiarName: string | null; runtimeRef: string | null;
  error: string | null; position: Position;
}
export interface Policy {
  written: string | null; writtenAs: "absent" | "null" | "empty" | "string" | "boolean" | "number" | "other";
  effective: PullPolicy | null; source: "explicit" | "defaulted" | "admission" | "notDefaulted" | "invalid";
  reason: string; position: Position;
  spans: { reason: ReportSpan[] };
}
export interface Entry extends Position {
  path: string; name: string | null; role: Role; image: Image; policy: Policy;
  /** What the kubelet does when the container starts (see the crate docs for every field). */
  outcome: Record<string, unknown> | null;
  findings: Finding[];
}
export interface Document extends Position {
  index: number; item: number | null; kind: string | null; apiVersion: string | null; name: string | null;
  status: "analysed" | "customResource" | "fragment" | "skipped" | "unreadable";
  entries: Entry[]; findings: Finding[]; apiError: string | null; strictError: string | null; kubectlError: string | null;
}
export interface Report {
  schemaVersion: 1; kubernetesVersion: KubernetesVersion; documents: Document[];
  syntaxErrors: (Position & { document: number; message: string })[];
  /** `skipped`: of the `infos`, the documents without a pod spec. */
  summary: { entries: number; always: number; ifNotPresent: number; never: number; none: number; errors: number; warnings: number; infos: number; skipped: number };
}
export interface FaqEntry { id: string; question: string; answer: string[]; links: string[]; fromArticle: boolean; }

/** The view (`view()`): the report as every edge shows it, worded once. */
export type Span = { plain: string } | { code: string } | { link: string; docs?: string; faq?: string; playground?: string };
/** Structured text: plain text, code, links (only to kubernetes.io pages the core lists, FAQ entries, the playground). */
export type Text = Span[];
export type Target = { docs: string } | { faq: string } | { playground: string };
export type PolicyKey = PullPolicy | "invalid";
export type Tone = "plain" | "good" | "bad" | "muted";
export interface Counts {
  entries: number; always: number; ifNotPresent: number; never: number; none: number;
  /** Error findings: every refusal and every syntax error is one. */
  errors: number; warnings: number; infos: number;
  /** Documents without a pod spec (counted, not listed). */
  skipped: number; syntaxErrors: number;
}
export type Origin =
  | { from: "finding"; document: number; entry: number | null; index: number }
  | { from: "input" };
export interface FindingView {
  origin: Origin; rule: string; severity: Severity; message: Text; explanation: Text;
  fix: string | null; links: Target[]; faq: string[]; position: Position;
}
export interface Rejection { kind: "kubectl" | "api" | "strict"; heading: string; text: string; }
export interface CardView {
  document: number; index: number; role: string; name: string; container: string; path: string; position: Position;
  image: { raw: string | null; shown: string; normalised: string | null; runtimeRef: string | null; error: string | null };
  policy: { key: PolicyKey; badge: string; source: string; writtenValue: string | null; reason: Text };
  written: string; writtenTone: Tone; effective: string; effectiveTone: Tone;
  outcome: string; outcomeTone: Tone; findings: FindingView[];
}
export interface Section {
  index: number; title: string; object: string; status: string | null; apiVersion: string | null;
  /** Refusals in the refusing stage's words; each is also an error finding. */
  rejections: Rejection[]; findings: FindingView[];
  /** In the order the kubelet starts them: image volumes, init containers (sidecars among them), app containers, ephemeral containers. */
  cards: CardView[];
  /** The one-line explanation of that order, when the cards are of more than one kind. */
  orderNote: string | null;
}
export interface FaqView { id: string; question: Text; answer: Text[]; links: Target[]; fromArticle: boolean; }
export interface View {
  counts: Counts; summary: string;
  sections: Section[];
  /** The FAQ entries the findings point to, with their answers. */
  faq: FaqView[];
}

/** The diagnosis (`diagnose()`, the CLI's `diagnose --format json` report; schemaVersion 1). */
export interface DiagnoseOptions {
  /** The cluster's version, when known (default: the first pasted node's kubeletVersion, else the newest rules). */
  kubernetesVersion: KubernetesVersion | null;
}
/** The failure classes: the spec's C1–C18 in order, then the kubelet's own. */
export type FailureClass = "not-found" | "access-denied" | "bad-credentials" | "forbidden" | "rate-limited" | "tls-untrusted" | "http-registry" | "dns" | "network" | "pull-cancelled" | "platform-mismatch" | "disk-full" | "unsupported-content" | "short-name" | "signature-rejected" | "no-credentials" | "kubelet-local" | "registry-server-error" | "never-pull" | "invalid-name" | "inspect-error" | "unknown";
export type ContainerRuntime = "containerd" | "cri-o" | "docker" | "unknown";
export interface VersionBand { atLeast: string | null; below: string | null; conflicting: boolean; }
export interface SecondsRange { min: number; max: number; }
export interface When { ago: SecondsRange | null; at: string | null; }
export type PieceFormat = "describe-pod" | "describe-other" | "events-table" | "events-table-legacy" | "get-events" | "get-events-wide" | "kubectl-events" | "event-rows" | "pod-objects" | "event-objects" | "node-objects" | "objects" | "status-fragment" | "manifest" | "text" | "unrecognized" | "unreadable";
export interface Piece extends Position {
  index: number; format: PieceFormat; encoding: "text" | "yaml" | "json"; endLine: number; records: number;
  kubectl: VersionBand; markers: string[];
}
export interface ContainerState {
  name: string; role: DiagnosisRole; image: string | null;
  state: "waiting" | "running" | "terminated" | "unknown"; reason: string | null;
}
export type DiagnosisRole = "container" | "init" | "sidecar" | "ephemeral" | "image-volume" | "unknown";
export interface PodSummary extends Position {
  name: string | null; namespace: string | null; node: string | null; phase: string | null;
  verdict: "pull-problem" | "no-pull-problem" | "no-evidence"; message: string; containers: ContainerState[];
}
export interface Timeline {
  failures: number; failuresLowerBound: boolean; pullsStarted: number | null; backOffSyncs: number | null;
  firstFailure: When | null; lastFailure: When | null; spanSeconds: SecondsRange | null; minimalSpanSeconds: number;
  span: "consistent" | "longer" | "impossible" | "unknown"; windowSeconds: number;
  nextAttemptSeconds: SecondsRange | null; failingForSeconds: SecondsRange | null; expectedFailures: number | null;
  attemptsPerHour: number | null; recoveryWorstCaseSeconds: number; noBackOff: boolean;
}
export interface NodePresence extends Position {
  node: string; present: "yes" | "no" | "maybe" | "unknown";
  why: "matched" | "not-listed" | "list-at-cap" | "names-cut" | "crio-short-name" | "no-image-list" | "invalid-image";
  podNode: boolean; matched: string | null;
}
export interface Diagnosis extends Position {
  pod: string | null; namespace: string | null; container: string | null; role: DiagnosisRole;
  image: string | null; runtimeRef: string | null;
  /** The kubelet's waiting reason (`ErrImagePull`, `ImagePullBackOff`, `ErrImageNeverPull`, …). */
  reason: string; innerReason: string | null; class: FailureClass;
  /** The runtime's text with the kubelet's wrappers peeled. */
  message: string | null; cause: string | null; grpcCode: string | null; wrappers: string[];
  parts: { class: FailureClass; message: string; primary: boolean }[]; combined: boolean;
  runtime: { name: ContainerRuntime; band: VersionBand; reported: string | null; pullPath: "client-pull" | "transfer-service" | null; markers: string[] };
  kubelet: VersionBand;
  policy: { effective: PullPolicy | null; source: "written" | "log" | "never-pull-reason" | "default-if-unset" | "unknown"; default: PullPolicy | null; notAlways: boolean; note: string };
  timeline: Timeline | null; nodes: NodePresence[]; fix: string; findings: Finding[];
}
export interface NodeSummary extends Position {
  name: string; runtime: ContainerRuntime; runtimeVersion: string | null; kubeletVersion: string | null;
  architecture: string | null; operatingSystem: string | null; images: number | null; imagesAtCap: boolean;
  imageBytes: number; diskPressure: boolean | null;
}
export interface DiagnosisReport {
  schemaVersion: 1; pieces: Piece[]; pods: PodSummary[]; diagnoses: Diagnosis[];
  skew: ({ image: string; variants: { imageId: string; containers: string[]; nodes: string[] }[] } & Position)[];
  nodes: NodeSummary[]; findings: Finding[];
  summary: { pods: number; podsFailing: number; podsFine: number; diagnoses: number; manifests: number; errors: number; warnings: number; infos: number };
}

/** The diagnosis as the edges show it (`diagnosisView()`, from `pullpolicy/diagnose`): worded once, structured text, typed links only. */
export interface DiagnosisLabels {
  image: string; class: string; reason: string; message: string; policy: string; timeline: string; nodes: string; fix: string;
  findings: string; relatedQuestions: string;
}
export interface NodeLine { node: string; present: "yes" | "no" | "maybe" | "unknown"; podNode: boolean; text: Text; position: Position; }
export interface PodLine { message: string; verdict: "no-pull-problem" | "no-evidence"; position: Position; }
export interface DiagnosisCard {
  index: number; heading: string; pod: string | null; container: string | null; role: DiagnosisRole; image: string | null;
  /** The kubelet's waiting reason. */
  reason: string; class: FailureClass; classTitle: string; explanation: Text;
  /** The runtime's text, wrappers peeled (show it verbatim, preformatted). */
  message: string | null;
  /** The pull policy's part. */
  policy: Text;
  /** The back-off timeline, when the events show one. */
  timeline: Text | null;
  nodes: NodeLine[]; fix: Text;
  /** Ids of `DiagnosisView.faq` entries its errors and warnings point to. */
  faq: string[];
  links: Target[]; findings: FindingView[]; position: Position;
}
export interface DiagnosisView {
  /** False when the text holds no evidence: explain it as a manifest instead. */
  evidence: boolean;
  title: string; note: string; summary: string; labels: DiagnosisLabels;
  /** One per failing container. */
  diagnoses: DiagnosisCard[];
  /** The report's own findings. */
  findings: FindingView[];
  /** Pods the evidence shows without a pull problem. */
  pods: PodLine[];
  /** "No image-pull failure in this input." when there is no diagnosis. */
  none: string | null;
  /** The FAQ entries the diagnoses point to, with their answers. */
  faq: FaqView[];
}
