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
export interface Finding extends Position {
  rule: string; severity: Severity; message: string; explanation: string;
  fix: string | null; links: string[]; faq: string[];
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
  entries: Entry[]; findings: Finding[]; apiError: string | null; strictError: string | null;
}
export interface Report {
  schemaVersion: 1; kubernetesVersion: KubernetesVersion; documents: Document[];
  syntaxErrors: (Position & { document: number; message: string })[];
  summary: { entries: number; always: number; ifNotPresent: number; never: number; none: number; errors: number; warnings: number; infos: number };
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
  /** Error findings, rejections no finding carries, syntax errors. */
  errors: number; warnings: number; infos: number;
  /** Documents without a pod spec (counted, not listed). */
  skipped: number; rejections: number; syntaxErrors: number;
}
export type Origin =
  | { from: "finding"; document: number; entry: number | null; index: number }
  | { from: "rejection"; document: number; kind: "api" | "strict" }
  | { from: "syntax"; index: number }
  | { from: "input" };
export interface FindingView {
  origin: Origin; rule: string; severity: Severity; message: Text; explanation: Text;
  fix: string | null; links: Target[]; faq: string[]; position: Position;
}
export interface Rejection { kind: "api" | "strict"; heading: string; text: string; counted: boolean; }
export interface CardView {
  document: number; index: number; role: string; name: string; container: string; path: string; position: Position;
  image: { raw: string | null; shown: string; normalised: string | null; runtimeRef: string | null; error: string | null };
  policy: { key: PolicyKey; badge: string; source: string; writtenValue: string | null; reason: Text };
  written: string; writtenTone: Tone; effective: string; effectiveTone: Tone;
  outcome: string; outcomeTone: Tone; findings: FindingView[];
}
export interface Section {
  index: number; title: string; object: string; status: string | null; apiVersion: string | null;
  /** Always shown as errors. */
  rejections: Rejection[]; findings: FindingView[]; cards: CardView[];
}
export interface FaqView { id: string; question: Text; answer: Text[]; links: Target[]; fromArticle: boolean; }
export interface View {
  counts: Counts; summary: string;
  syntaxErrors: { index: number; heading: string; document: number; message: string; position: Position }[];
  sections: Section[];
  /** The FAQ entries the findings point to, with their answers. */
  faq: FaqView[];
}
