//! Every word the edges show about a report, once: labels, headings, counts, one-line
//! summaries. The core's own words (messages, explanations, reasons, Kubernetes'
//! errors, FAQ answers) are shown as they are; the playground's controls (menus,
//! notices, the scenario panel) word themselves.

use crate::html::push_decimal;
use crate::model::{OutcomeSummary, PolicyKey, RejectionKind};
use pullpolicy::kubelet::{CheckResult, Downloads, Runs};
use pullpolicy::{DocumentStatus, Options, PolicySource, Role, Severity};

/// `1 error`, `2 warnings`: `n` and the word for one or many.
pub fn count(n: usize, one: &str, many: &str) -> String {
    let mut out = String::with_capacity(16);
    push_decimal(n as u64, &mut out);
    out.push(' ');
    out.push_str(if n == 1 { one } else { many });
    out
}

/// `12,345`.
pub fn group(n: usize) -> String {
    let mut digits = String::new();
    push_decimal(n as u64, &mut digits);
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------
// Entries.

/// The role as a label.
pub fn role(role: Role) -> &'static str {
    match role {
        Role::Container => "container",
        Role::InitContainer => "init container",
        Role::Sidecar => "sidecar",
        Role::EphemeralContainer => "ephemeral container",
        Role::ImageVolume => "image volume",
    }
}

/// The role as a prefix of the name in a table: `init:`, `sidecar:`, …
pub fn role_prefix(role: Role) -> &'static str {
    match role {
        Role::Container => "",
        Role::InitContainer => "init:",
        Role::Sidecar => "sidecar:",
        Role::EphemeralContainer => "ephemeral:",
        Role::ImageVolume => "volume:",
    }
}

/// An entry without a name.
pub const UNNAMED: &str = "(unnamed)";
/// An entry without an image.
pub const NO_IMAGE: &str = "(no image)";
/// A missing value in a table.
pub const NONE: &str = "-";

/// The policy field as written, when it holds no value.
pub const UNSET: &str = "(unset)";
/// … `imagePullPolicy:` or `null`.
pub const NULL: &str = "null";
/// … `""`.
pub const EMPTY: &str = "\"\"";

/// The badge of an entry without an effective policy.
pub fn badge(key: PolicyKey, not_defaulted: bool) -> &'static str {
    match key {
        PolicyKey::Invalid if not_defaulted => "not defaulted",
        PolicyKey::Invalid => "rejected",
        k => k.as_str(),
    }
}

/// The effective policy in a table: `Always (default)`, `(rejected)`, …
pub fn effective(key: PolicyKey, defaulted: bool, admission: bool, not_defaulted: bool) -> String {
    match key {
        PolicyKey::Invalid if not_defaulted => "(not defaulted)".to_owned(),
        PolicyKey::Invalid => "(rejected)".to_owned(),
        k if defaulted => format!("{} (default)", k.as_str()),
        k if admission => format!("{} (AlwaysPullImages)", k.as_str()),
        k => k.as_str().to_owned(),
    }
}

/// Where the effective policy comes from.
pub fn source(s: PolicySource) -> &'static str {
    match s {
        PolicySource::Explicit => "written",
        PolicySource::Defaulted => "defaulted",
        PolicySource::Admission => "set by AlwaysPullImages",
        PolicySource::NotDefaulted => "not defaulted",
        PolicySource::Invalid => "rejected",
    }
}

/// The filter buttons' names for entries without an effective policy.
pub const POLICY_INVALID: &str = "invalid";

/// `Kind name` (or one of them), for titles.
pub fn object_label(kind: Option<&str>, name: Option<&str>) -> String {
    match (kind, name) {
        (Some(k), Some(n)) => format!("{k} {n}"),
        (Some(k), None) => k.to_owned(),
        (None, Some(n)) => n.to_owned(),
        (None, None) => String::new(),
    }
}

/// `Kind/name` (or one of them, or `-`), for tables.
pub fn object_ref(kind: Option<&str>, name: Option<&str>) -> String {
    match (kind, name) {
        (Some(k), Some(n)) => format!("{k}/{n}"),
        (Some(k), None) => k.to_owned(),
        (None, Some(n)) => n.to_owned(),
        (None, None) => NONE.to_owned(),
    }
}

/// `Document 3, item 2: Deployment web`.
pub fn document_title(index: usize, item: Option<usize>, label: &str) -> String {
    let mut out = String::from("Document ");
    push_decimal(index as u64 + 1, &mut out);
    if let Some(i) = item {
        out.push_str(", item ");
        push_decimal(i as u64 + 1, &mut out);
    }
    if !label.is_empty() {
        out.push_str(": ");
        out.push_str(label);
    }
    out
}

/// How a document was read, when it was not plainly analysed.
pub fn status(status: DocumentStatus) -> Option<&'static str> {
    match status {
        DocumentStatus::Analysed => None,
        DocumentStatus::CustomResource => Some("custom resource: not defaulted by the API server"),
        DocumentStatus::Fragment => Some("fragment: read as a snippet"),
        DocumentStatus::Skipped => Some("no pod spec: skipped"),
        DocumentStatus::Unreadable => Some("unreadable: syntax error"),
    }
}

/// `Documents 3–7` (1-based).
pub fn skipped_run_title(first: usize, last: usize) -> String {
    format!("Documents {}–{}", group(first), group(last))
}

/// What consecutive skipped documents hold: their objects when few, else how many.
pub fn skipped_run(count: usize, labels: &[String]) -> String {
    const LISTED: usize = 12;
    if labels.is_empty() {
        return format!(
            "No Kubernetes object in these {} documents: nothing to explain.",
            group(count)
        );
    }
    let mut listed = labels
        .iter()
        .take(LISTED)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > LISTED {
        listed.push_str(&format!(" and {} more", group(labels.len() - LISTED)));
    }
    format!("No pod spec, nothing to explain: {listed}.")
}

/// The heading of a rejection notice.
pub fn rejection(kind: RejectionKind) -> &'static str {
    match kind {
        RejectionKind::Kubectl => "kubectl apply does not send this object:",
        RejectionKind::Api => "The API server rejects this object:",
        RejectionKind::Strict => "kubectl apply (strict field validation) rejects this object:",
    }
}

/// `Syntax error on line 3, column 5`.
pub fn syntax_error(line: u32, column: u32) -> String {
    let mut out = String::from("Syntax error on line ");
    push_decimal(u64::from(line), &mut out);
    out.push_str(", column ");
    push_decimal(u64::from(column), &mut out);
    out
}

// ---------------------------------------------------------------------------------------
// The node.

/// The node outcome in a few words: `pulls; starts`, `no pull; waits: ErrImageNeverPull`,
/// `never reaches a node`, `blocked by init:setup`.
pub fn outcome(o: &OutcomeSummary) -> String {
    match o {
        OutcomeSummary::NotSimulated => NONE.to_owned(),
        OutcomeSummary::NeverReachesNode => "never reaches a node".to_owned(),
        OutcomeSummary::BlockedBy(by) => format!("blocked by {by}"),
        OutcomeSummary::Runs {
            pulls,
            waiting,
            started,
        } => {
            let pull = if *pulls { "pulls" } else { "no pull" };
            match (started, waiting) {
                (_, Some(w)) => format!("{pull}; waits: {}", w.as_str()),
                (true, None) => format!("{pull}; starts"),
                (false, None) => format!("{pull}; does not start"),
            }
        }
    }
}

/// What runs, in words.
pub fn runs(runs: Runs) -> &'static str {
    match runs {
        Runs::Cached => "the node's copy",
        Runs::CachedStale => "the node's older copy",
        Runs::RegistryCurrent => "what the registry serves now",
        Runs::None => "nothing",
    }
}

/// What is downloaded, in words.
pub fn downloads(d: Downloads) -> &'static str {
    match d {
        Downloads::None => "nothing",
        Downloads::ChangedLayers => "only the changed layers",
        Downloads::All => "the whole image",
    }
}

/// What the credential check concludes, in words.
pub fn check_result(r: CheckResult) -> &'static str {
    match r {
        CheckResult::NotRequired => "not required: the node’s copy is used",
        CheckResult::AccessibleToAllPods => "pulled without credentials: every Pod may use it",
        CheckResult::SecretMatches => "one of the Pod’s pull secrets matches",
        CheckResult::MustAuthenticate => "the Pod must prove access to the image",
    }
}

// ---------------------------------------------------------------------------------------
// Findings and counts.

/// A text symbol for a severity (shapes differ, so colour is not the only cue).
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

/// `error`, `warning`, `note` for one or many, as the playground's summary counts.
pub fn severity_count(s: Severity, n: usize) -> String {
    match s {
        Severity::Error => count(n, "error", "errors"),
        Severity::Warning => count(n, "warning", "warnings"),
        Severity::Info => count(n, "info", "info"),
    }
}

/// `3 entries: 2 Always, 1 IfNotPresent; 1 error, 1 warning` (or `; no findings`).
pub fn summary_sentence(c: &crate::model::Counts) -> String {
    let mut out = count(c.entries, "entry", "entries");
    let mut sep = ": ";
    for key in PolicyKey::ALL {
        let n = c.policy(key);
        if n > 0 {
            out.push_str(sep);
            push_decimal(n as u64, &mut out);
            out.push(' ');
            out.push_str(match key {
                PolicyKey::Invalid => "invalid or not defaulted",
                k => k.as_str(),
            });
            sep = ", ";
        }
    }
    let mut sep = "; ";
    for s in [Severity::Error, Severity::Warning, Severity::Info] {
        let n = c.severity(s);
        if n > 0 {
            out.push_str(sep);
            out.push_str(&severity_count(s, n));
            sep = ", ";
        }
    }
    if sep == "; " {
        out.push_str("; no findings");
    }
    out
}

/// What the live region says once the verdicts settle.
pub fn announcement(c: &crate::model::Counts, first_syntax_error_line: Option<u32>) -> String {
    let mut out = match first_syntax_error_line {
        Some(line) => {
            let mut out = String::from("Syntax error on line ");
            push_decimal(u64::from(line), &mut out);
            out
        }
        None => {
            let mut out = String::from("Verdicts: ");
            out.push_str(&summary_sentence(c));
            out
        }
    };
    out.push('.');
    out
}

/// `pullpolicy: 1 error, 2 warnings, 3 info`.
pub fn title(c: &crate::model::Counts) -> String {
    format!(
        "pullpolicy: {}, {}, {}",
        severity_count(Severity::Error, c.errors),
        severity_count(Severity::Warning, c.warnings),
        severity_count(Severity::Info, c.infos)
    )
}

/// `3 entries in 2 files: 1 error, 0 warnings, 2 info`.
pub fn run_summary(files: usize, c: &crate::model::Counts) -> String {
    format!(
        "{} in {}: {}, {}, {}",
        count(c.entries, "entry", "entries"),
        count(files, "file", "files"),
        severity_count(Severity::Error, c.errors),
        severity_count(Severity::Warning, c.warnings),
        severity_count(Severity::Info, c.infos),
    )
}

/// `2 documents without a pod spec skipped`.
pub fn skipped_documents(n: usize) -> String {
    format!(
        "{} without a pod spec skipped",
        count(n, "document", "documents")
    )
}

/// `1 input could not be read`.
pub fn could_not_read(n: usize) -> String {
    format!("{} could not be read", count(n, "input", "inputs"))
}

/// The summary of the folded informational findings.
pub fn info_details(n: usize, after_others: bool) -> String {
    if after_others {
        format!(
            "{} (informational)",
            count(n, "more finding", "more findings")
        )
    } else {
        count(n, "informational finding", "informational findings")
    }
}

/// `<program> faq <id>: <question>`, from a finding to an FAQ entry; `program` is how
/// the CLI was called (`pullpolicy`, or `kubectl pullpolicy` as a kubectl plugin).
pub fn faq_pointer(program: &str, id: &str, question: &str) -> String {
    format!("{program} faq {id}: {question}")
}

/// The findings' heading.
pub const FINDINGS: &str = "Findings";
/// No finding at all.
pub const NO_FINDINGS: &str = "No findings.";
/// No entry at all.
pub const NO_ENTRIES: &str = "No containers or image volumes found.";
/// Before a fix.
pub const FIX: &str = "fix";
/// Before a fix, capitalised.
pub const FIX_LABEL: &str = "Fix";
/// Before a pointer to an FAQ entry.
pub const FAQ: &str = "faq";
/// Before a related question.
pub const FAQ_LABEL: &str = "FAQ";
/// The link that opens a manifest in the playground.
pub const OPEN_IN_PLAYGROUND: &str = "Open in the pullpolicy playground";
/// A manifest too long for a link.
pub const TOO_LARGE_FOR_LINK: &str = "The manifest is too large to carry in a playground link.";
/// The manifest's heading in a Markdown export.
pub const MANIFEST: &str = "Manifest";
/// After a manifest cut short in a Markdown export.
pub const MANIFEST_CUT: &str = "(cut short here; the link below has the whole manifest)";
/// The id of an input that could not be read (the CLI).
pub const UNREADABLE_INPUT: &str = "unreadable-input";

/// The per-entry table's columns (terminal).
pub const COLUMNS: [&str; 7] = [
    "LOCATION",
    "OBJECT",
    "CONTAINER",
    "IMAGE",
    "WRITTEN",
    "EFFECTIVE",
    "OUTCOME",
];

/// The per-entry table's columns (Markdown and HTML).
pub const TABLE_COLUMNS: [&str; 7] = [
    "Location",
    "Object",
    "Container",
    "Image",
    "Written",
    "Effective",
    "Outcome",
];

/// The scenario line of footers: `pullpolicy 0.1.0 · Kubernetes 1.37 · node image: absent · …`.
pub fn footer(version: &str, options: &Options) -> String {
    let s = &options.scenario;
    let mut parts = vec![
        format!("pullpolicy {version}"),
        format!("Kubernetes {}", options.kubernetes_version),
        format!("node image: {}", s.node_image),
        format!("registry: {}", s.registry),
        format!("credentials: {}", s.credentials),
    ];
    if s.always_pull_images {
        parts.push("AlwaysPullImages".to_owned());
    }
    if let Some(on) = s.ensure_secret_pulled_images {
        parts.push(format!(
            "KubeletEnsureSecretPulledImages: {}",
            if on { "on" } else { "off" }
        ));
    }
    parts.push(format!(
        "credential verification: {}",
        s.credential_verification
    ));
    if !s.overrides.is_empty() {
        parts.push(count(
            s.overrides.len(),
            "per-image override",
            "per-image overrides",
        ));
    }
    parts.join(" · ")
}

/// A kubernetes.io link's label: `Images › image pull policy`.
pub fn link_label(url: &str) -> String {
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("kubernetes.io");
    let (path, anchor) = rest.split_once('#').unwrap_or((rest, ""));
    let page = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let mut label = page.replace('-', " ");
    // kubernetes.io paths are ASCII; ASCII upper-casing keeps the standard library's
    // Unicode case tables out of the playground's bundle.
    if let Some(first) = label.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if !anchor.is_empty() {
        label.push_str(" › ");
        label.push_str(&anchor.replace('-', " "));
    }
    if label.is_empty() {
        url.to_owned()
    } else {
        label
    }
}

// ---------------------------------------------------------------------------------------
// Verdict cards (the playground; the web component shows a few of them).

/// The verdicts' heading.
pub const VERDICTS: &str = "Verdicts";
/// Above a section's cards when they are of more than one kind
/// ([`crate::model::start_rank`]).
pub const START_ORDER: &str = "In start order: image volumes are pulled first, then init containers and sidecars start one at a time as listed, then the app containers; ephemeral containers join a running Pod.";
/// Over the stale verdicts while the text has a syntax error.
pub const STALE: &str = "The verdicts below are from the last version without a syntax error; they update once the error is fixed.";
/// The badge's label.
pub const POLICY_FIELD: &str = "imagePullPolicy";
/// Before the policy as written.
pub const WRITTEN: &str = "written:";
/// The policy is not written.
pub const NOT_WRITTEN: &str = "not written";
/// The image as written.
pub const IMAGE_AS_WRITTEN: &str = "Image as written";
/// No image.
pub const IMAGE_NONE: &str = "none";
/// The normalised image.
pub const NORMALISED: &str = "Normalised";
/// What the kubelet asks the runtime for.
pub const KUBELET_ASKS: &str = "The kubelet asks for";
/// The image does not parse.
pub const DOES_NOT_PARSE: &str = "Does not parse";
/// The findings of an entry.
pub const ENTRY_FINDINGS: &str = "Findings";
/// The findings of a whole object.
pub const OBJECT_FINDINGS: &str = "Findings about the whole object";
/// The disclosure of a finding's explanation.
pub const WHY_AND_FIX: &str = "Why, and how to fix it";
/// Before a rule's id.
pub const RULE: &str = "Rule";
/// A finding's related questions.
pub const RELATED_QUESTIONS: &str = "Related questions";
/// A finding's documentation links.
pub const DOCUMENTATION: &str = "Kubernetes documentation";
/// `Show all 1,234 entries`.
pub fn show_all(entries: usize) -> String {
    format!("Show all {} entries", group(entries))
}
/// `Show only Always entries`.
pub fn show_only(key: PolicyKey) -> String {
    format!("Show only {} entries", key.as_str())
}
/// The summary's total.
pub fn entries(n: usize) -> String {
    count(n, "entry", "entries")
}

/// The node section's heading.
pub const ON_THE_NODE: &str = "On the node";
/// The conditions line: `Node image absent, registry reachable, credentials public`.
pub fn conditions(node: &str, registry: &str, credentials: &str) -> String {
    format!("Node image {node}, registry {registry}, credentials {credentials}")
}
/// `(pulled earlier in this Pod by <entry>)`.
pub fn pulled_earlier_by(by: &str) -> String {
    format!(" (pulled earlier in this Pod by {by})")
}
/// ` · step 2 of the Pod’s start`.
pub fn start_step(n: usize) -> String {
    format!(" · step {n} of the Pod’s start")
}
/// Never reaches a node.
pub const NEVER_REACHES_NODE: &str = "never reaches a node";
/// `blocked by <entry>`.
pub fn blocked_by(by: &str) -> String {
    format!("blocked by {by}")
}
/// Before a waiting reason.
pub const WAITING: &str = "Waiting: ";
/// Starts.
pub const STARTS: &str = "Starts";
/// Does not start.
pub const DOES_NOT_START: &str = "Does not start";
/// Pulls, or not.
pub fn pulls(pulls: bool) -> &'static str {
    if pulls { "pulls" } else { "no pull" }
}
/// Contacts the registry, or not.
pub fn contacts_registry(contacts: bool) -> &'static str {
    if contacts {
        "contacts the registry"
    } else {
        "registry not contacted"
    }
}
/// `downloads the whole image; runs what the registry serves now`.
pub fn downloads_runs(d: Downloads, r: Runs) -> String {
    format!("downloads {}; runs {}", downloads(d), runs(r))
}
/// AlwaysPullImages rewrote the policy.
pub const ADMISSION_REWROTE: &str = "AlwaysPullImages rewrote the policy to Always";
/// Before the credential check.
pub const CREDENTIAL_CHECK: &str = "Credential check (KEP-2535):";
/// Before an allowlist entry the kubelet rejects.
pub const ALLOWLIST_REJECTED: &str = "Allowlist entry rejected: ";
/// On the allowlist, or not.
pub fn allowlisted(on: bool) -> &'static str {
    if on {
        "; on the allowlist"
    } else {
        "; not on the allowlist"
    }
}
/// The events table's caption.
pub const EVENTS: &str = "Events, as kubectl describe pod lists them";
/// The events table's columns.
pub const EVENT_COLUMNS: [&str; 4] = ["Type", "Reason", "From", "Message"];
/// Before a waiting state.
pub const WAITING_STATE: &str = "State: Waiting, Reason: ";
/// The back-off timeline's label.
pub const RETRIES: &str = "Retries (image pull back-off):";
/// The back-off timeline's accessible name.
pub const RETRY_SECONDS: &str = "Seconds before each retry";
/// The version-skew view's disclosure.
pub const ACROSS_NODES: &str = "Across three nodes after a rollout";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_counts() {
        assert_eq!(group(0), "0");
        assert_eq!(group(999), "999");
        assert_eq!(group(8000), "8,000");
        assert_eq!(group(1_234_567), "1,234,567");
        assert_eq!(count(1, "entry", "entries"), "1 entry");
        assert_eq!(count(0, "entry", "entries"), "0 entries");
    }

    #[test]
    fn link_labels() {
        assert_eq!(
            link_label("https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"),
            "Images › image pull policy"
        );
        assert_eq!(
            link_label("https://kubernetes.io/"),
            "https://kubernetes.io/"
        );
    }

    #[test]
    fn titles() {
        assert_eq!(document_title(0, None, ""), "Document 1");
        assert_eq!(
            document_title(2, Some(1), "Pod p"),
            "Document 3, item 2: Pod p"
        );
        assert_eq!(
            footer("0.1.0", &Options::default()),
            "pullpolicy 0.1.0 · Kubernetes 1.37 · node image: absent · registry: reachable · credentials: public · credential verification: NeverVerifyPreloadedImages"
        );
    }
}
