//! Short UI wording built from the report: labels and one-line summaries shared by the
//! cards, the summary bar, the live region and the Markdown export; and the messages
//! about opened files (worded like the CLI's). Explanations, reasons and FAQ answers
//! come from the core and are shown as they are.

use pullpolicy::kubelet::{Downloads, Outcome, Runs};
use pullpolicy::{Document, Options, Report, Role};

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

/// `Deployment web ` (with a trailing space), or "" when the object has neither.
pub fn object_label(doc: &Document) -> String {
    match (&doc.kind, &doc.name) {
        (Some(k), Some(n)) => format!("{k} {n} "),
        (Some(k), None) => format!("{k} "),
        (None, Some(n)) => format!("{n} "),
        (None, None) => String::new(),
    }
}

/// `Documents 3–7` (1-based).
pub fn skipped_run_title(first: usize, last: usize) -> String {
    format!(
        "Documents {}–{}",
        crate::app::group(first),
        crate::app::group(last)
    )
}

/// What consecutive skipped documents hold: their objects when few, else how many.
pub fn skipped_run(count: usize, labels: &[String]) -> String {
    const LISTED: usize = 12;
    if labels.is_empty() {
        return format!(
            "No Kubernetes object in these {} documents: nothing to explain.",
            crate::app::group(count)
        );
    }
    let mut listed = labels
        .iter()
        .take(LISTED)
        .map(|l| l.trim_end())
        .collect::<Vec<_>>()
        .join(", ");
    if labels.len() > LISTED {
        listed.push_str(&format!(
            " and {} more",
            crate::app::group(labels.len() - LISTED)
        ));
    }
    format!("No pod spec, nothing to explain: {listed}.")
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `3 entries: 2 Always, 1 IfNotPresent; 1 warning`.
pub fn summary_sentence(report: &Report) -> String {
    let s = &report.summary;
    let mut out = plural(s.entries, "entry", "entries");
    let policies: Vec<String> = [
        (s.always, "Always"),
        (s.if_not_present, "IfNotPresent"),
        (s.never, "Never"),
        (s.none, "invalid or not defaulted"),
    ]
    .iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, p)| format!("{n} {p}"))
    .collect();
    if !policies.is_empty() {
        out.push_str(": ");
        out.push_str(&policies.join(", "));
    }
    let severities: Vec<String> = [
        (s.errors, "error", "errors"),
        (s.warnings, "warning", "warnings"),
        (s.infos, "note", "notes"),
    ]
    .iter()
    .filter(|(n, ..)| *n > 0)
    .map(|(n, one, many)| plural(*n, one, many))
    .collect();
    out.push_str("; ");
    if severities.is_empty() {
        out.push_str("no findings");
    } else {
        out.push_str(&severities.join(", "));
    }
    out
}

/// `node image absent, registry reachable, public image` and any cluster settings.
pub fn scenario_sentence(options: &Options) -> String {
    let s = &options.scenario;
    let mut out = format!(
        "node image {}, registry {}, credentials {}",
        s.node_image.as_str(),
        s.registry.as_str(),
        s.credentials.as_str()
    );
    if s.always_pull_images {
        out.push_str(", AlwaysPullImages on");
    }
    if let Some(on) = s.ensure_secret_pulled_images {
        out.push_str(if on {
            ", KubeletEnsureSecretPulledImages on"
        } else {
            ", KubeletEnsureSecretPulledImages off"
        });
    }
    if s.credential_verification != pullpolicy::CredentialVerification::default() {
        out.push_str(", verification ");
        out.push_str(s.credential_verification.as_str());
    }
    if !s.overrides.is_empty() {
        out.push_str(&format!(", {} per-image override(s)", s.overrides.len()));
    }
    out
}

/// The node outcome in a few words: `pulls; starts`, `waits: ErrImageNeverPull`.
pub fn outcome_short(outcome: Option<&Outcome>) -> String {
    let Some(o) = outcome else {
        return "—".to_owned();
    };
    if !o.reaches_node {
        return "never reaches a node".to_owned();
    }
    if let Some(by) = &o.blocked_by {
        return format!("blocked by {by}");
    }
    let pull = if o.pulls { "pulls" } else { "no pull" };
    match (o.started, o.waiting_reason) {
        (_, Some(w)) => format!("{pull}; waits: {}", w.as_str()),
        (true, None) => format!("{pull}; starts ({})", runs(o.runs)),
        (false, None) => format!("{pull}; does not start"),
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

/// A file that is not UTF-8: the first invalid byte and its offset (as the CLI says it,
/// plus the offset).
pub fn file_invalid_utf8(name: &str, byte: u8, offset: usize) -> String {
    format!(
        "{name}: invalid UTF-8 (byte 0x{byte:02X} at offset {offset}); the file must be UTF-8 text"
    )
}

/// A file with a NUL byte near its start (the CLI's words).
pub fn file_binary(name: &str) -> String {
    format!("{name}: binary data (a NUL byte), not a YAML or JSON text")
}

/// A file past [`crate::open::MAX_FILE`], refused before it is read.
pub fn file_too_large(name: &str, bytes: u64) -> String {
    format!(
        "{name}: {} bytes, too large to open here (the limit is 16 MB); use the command-line tool: pullpolicy explain {name}",
        crate::app::group(usize::try_from(bytes).unwrap_or(usize::MAX))
    )
}

/// The browser could not read a file.
pub fn file_unreadable(name: &str) -> String {
    format!("{name}: the browser could not read this file")
}

/// A file opened into the editor.
pub fn file_opened(name: &str) -> String {
    format!("Opened {name}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences() {
        let r = pullpolicy::explain(
            "kind: Pod\napiVersion: v1\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n  - {name: b, image: nginx:1.2}\n",
            &Options::default(),
        );
        assert!(summary_sentence(&r).starts_with("2 entries: 1 Always, 1 IfNotPresent; "));
        assert_eq!(
            scenario_sentence(&Options::default()),
            "node image absent, registry reachable, credentials public"
        );
        let short = outcome_short(r.documents[0].entries[1].outcome.as_ref());
        assert!(short.starts_with("pulls; "), "{short}");
    }
}
