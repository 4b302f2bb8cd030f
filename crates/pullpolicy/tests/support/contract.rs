//! The contract of issue #15, checked on one report (shared by `tests/contract.rs` here and
//! the fixture and corpus test of `tests/tests/contract.rs`, which includes this file by
//! path): a refusal at any stage is an error finding with its own rule id, at its position
//! inside the document; an object that is never created has no effective policy; the
//! summary counts what the findings say.

use pullpolicy::{DocumentStatus, Report, Severity};
use std::collections::BTreeMap;

/// The rules of refusals, by who refuses: kubectl before sending, the API server whatever
/// the client (`apiError`), kubectl apply's strict field validation (`strictError`).
pub const KUBECTL_RULES: &[&str] = &[
    "kind-missing",
    "not-an-object",
    "kind-not-served",
    "list-invalid",
    "not-sent",
    "name-required",
];
/// What kubectl cannot read (stages 1–3: its stream cutting, go-yaml, the conversion to
/// JSON), refused by kubectl too.
#[allow(dead_code)]
pub const READ_RULES: &[&str] = &[
    "invalid-separator",
    "json-syntax",
    "yaml-syntax",
    "yaml-alias",
    "yaml-decode",
    "unsupported-key",
    "unsupported-value",
    "kubectl-panic",
];
pub const SERVER_RULES: &[&str] = &[
    "kind-not-registered",
    "object-not-decodable",
    "object-invalid",
];
pub const STRICT_RULES: &[&str] = &["strict-decoding"];

/// Checks `report` (of `text`) against the contract; `severities` collects each rule's
/// severity across reports, so that a rule id with two severities is caught.
pub fn check(
    report: &Report,
    text: &str,
    severities: &mut BTreeMap<&'static str, Severity>,
) -> Result<(), String> {
    let len16: u32 = text.encode_utf16().count().try_into().unwrap_or(u32::MAX);
    // Where each YAML document starts: the first position any of its records has.
    let mut starts: BTreeMap<usize, u32> = BTreeMap::new();
    for d in &report.documents {
        let s = starts.entry(d.index).or_insert(d.position.offset16);
        *s = (*s).min(d.position.offset16);
    }
    let range = |index: usize| {
        let lo = starts.get(&index).copied().unwrap_or(0);
        let hi = starts.range(index + 1..).next().map_or(len16, |(_, &s)| s);
        lo..=hi
    };
    // Every syntax error is an unreadable document refused at the same position.
    for e in &report.syntax_errors {
        let found = report.documents.iter().any(|d| {
            d.index == e.document
                && d.status == DocumentStatus::Unreadable
                && d.kubectl_error() == Some(e.message.as_str())
                && d.findings
                    .first()
                    .is_some_and(|f| f.position == e.position && f.severity == Severity::Error)
        });
        if !found {
            return Err(format!("syntax error without its refusal: {e:?}"));
        }
    }
    let mut errors = 0;
    for (i, d) in report.documents.iter().enumerate() {
        let at = format!("documents[{i}] ({:?} {:?})", d.kind, d.status);
        let all: Vec<_> = d
            .findings
            .iter()
            .chain(d.entries.iter().flat_map(|e| &e.findings))
            .collect();
        for f in &all {
            if let Some(previous) = severities.insert(f.rule, f.severity)
                && previous != f.severity
            {
                return Err(format!("rule {} has two severities", f.rule));
            }
            if f.severity == Severity::Error {
                errors += 1;
            }
            if f.position.offset16 > len16 {
                return Err(format!("{at}: {} past the end of the text", f.rule));
            }
        }
        let refusal = |rules: &[&str], words: Option<&str>, what: &str| -> Result<(), String> {
            let found = d.findings.iter().find(|f| rules.contains(&f.rule));
            match (words, found) {
                (None, None) => Ok(()),
                (Some(w), Some(f)) => {
                    if f.severity != Severity::Error {
                        return Err(format!("{at}: {} is not an error", f.rule));
                    }
                    if !range(d.index).contains(&f.position.offset16) {
                        return Err(format!("{at}: {} outside its document", f.rule));
                    }
                    if what != "kubectl" && f.message.to_plain() != w {
                        return Err(format!("{at}: {} says {:?}, not {w:?}", f.rule, f.message));
                    }
                    Ok(())
                }
                (Some(w), None) => Err(format!("{at}: {what} refusal without its finding: {w}")),
                (None, Some(f)) => Err(format!("{at}: {} without a {what} refusal", f.rule)),
            }
        };
        let kubectl: Vec<&str> = KUBECTL_RULES.iter().chain(READ_RULES).copied().collect();
        refusal(&kubectl, d.kubectl_error(), "kubectl")?;
        refusal(SERVER_RULES, d.api_error(), "API server")?;
        refusal(STRICT_RULES, d.strict_error(), "strict")?;
        if d.is_created() || d.status == DocumentStatus::Fragment {
            continue;
        }
        // Never created: no policy, nothing on a node.
        for (j, e) in d.entries.iter().enumerate() {
            if e.policy.effective.is_some() {
                return Err(format!("{at}.entries[{j}]: an effective policy"));
            }
            if e.outcome.as_ref().is_some_and(|o| o.reaches_node) {
                return Err(format!("{at}.entries[{j}]: reaches a node"));
            }
        }
    }
    if report.summary.errors != errors {
        return Err(format!(
            "summary counts {} errors, the findings {errors}",
            report.summary.errors
        ));
    }
    if report.summary.none
        != report
            .entries()
            .filter(|e| e.policy.effective.is_none())
            .count()
    {
        return Err("summary.none disagrees with the entries".to_owned());
    }
    Ok(())
}
