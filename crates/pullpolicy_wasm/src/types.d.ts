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
  entries: Entry[]; findings: Finding[]; apiError: string | null; strictError: string | null; kubectlError: string | null;
}
export interface Report {
  schemaVersion: 1; kubernetesVersion: KubernetesVersion; documents: Document[];
  syntaxErrors: (Position & { document: number; message: string })[];
  summary: { entries: number; always: number; ifNotPresent: number; never: number; none: number; errors: number; warnings: number; infos: number };
}
export interface FaqEntry { id: string; question: string; answer: string[]; links: string[]; fromArticle: boolean; }
