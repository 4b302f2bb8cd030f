//! "Copy as Markdown": the verdicts as a table, the findings, the manifest and a link
//! back, for an issue or a chat message.

use crate::describe;
use pullpolicy::{Options, Report};
use std::fmt::Write as _;

/// Manifests longer than this are cut in the Markdown (the link keeps all of it).
pub const MAX_MANIFEST: usize = 30_000;

/// The Markdown for `report` of `text` under `options`, linking to `link`.
pub fn export(text: &str, report: &Report, options: &Options, link: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "### pullpolicy: {}\n",
        describe::summary_sentence(report)
    );
    let _ = writeln!(
        out,
        "Kubernetes {} · {}\n",
        options.kubernetes_version,
        describe::scenario_sentence(options)
    );
    for e in &report.syntax_errors {
        let _ = writeln!(
            out,
            "**Syntax error** (line {}, column {}): {}\n",
            e.position.line,
            e.position.column,
            cell(&e.message)
        );
    }
    let entries: Vec<_> = report
        .documents
        .iter()
        .flat_map(|d| d.entries.iter().map(move |e| (d, e)))
        .collect();
    if !entries.is_empty() {
        out.push_str(
            "| Entry | Image | Policy | Why | On the node |\n| --- | --- | --- | --- | --- |\n",
        );
        for (doc, e) in &entries {
            let name = e.name.as_deref().unwrap_or("(unnamed)");
            let image = match (&e.image.raw, &e.image.runtime_ref) {
                (Some(raw), Some(r)) if raw != r => format!("{} → {}", code(raw), code(r)),
                (Some(raw), _) => code(raw),
                (None, _) => "(none)".to_owned(),
            };
            let policy = e.policy.effective.map_or("invalid", |p| p.as_str());
            let _ = writeln!(
                out,
                "| {} ({}, {}{}) | {} | **{}** | {} | {} |",
                code(name),
                describe::role(e.role),
                describe::object_label(doc),
                code(&e.path),
                image,
                policy,
                cell(&e.policy.reason),
                cell(&describe::outcome_short(e.outcome.as_ref())),
            );
        }
        out.push('\n');
    }
    let findings: Vec<_> = report.findings().collect();
    if !findings.is_empty() {
        out.push_str("**Findings**\n\n");
        for f in findings {
            let _ = writeln!(
                out,
                "- **{}** `{}` (line {}): {}",
                f.severity.as_str(),
                f.rule,
                f.position.line,
                f.message.replace('\n', " ")
            );
        }
        out.push('\n');
    }
    let manifest = crate::lines::normalize_breaks(text);
    let (shown, cut) = match manifest.char_indices().nth(MAX_MANIFEST) {
        Some((i, _)) => (&manifest[..i], true),
        None => (&manifest[..], false),
    };
    let fence = fence_for(shown);
    out.push_str("<details><summary>Manifest</summary>\n\n");
    let _ = writeln!(
        out,
        "{fence}yaml\n{}\n{fence}",
        shown.trim_end_matches('\n')
    );
    if cut {
        out.push_str("\n(cut short here; the link below has the whole manifest)\n");
    }
    out.push_str("\n</details>\n\n");
    let _ = writeln!(out, "[Open in the pullpolicy playground]({link})");
    out
}

/// A code fence longer than any run of backticks in `text`.
fn fence_for(text: &str) -> String {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    "`".repeat((longest + 1).max(3))
}

/// Inline code that survives backticks and table pipes.
fn code(text: &str) -> String {
    let text = cell(text);
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// Text safe inside a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace(['\n', '\r'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_findings_manifest_and_link() {
        let text = "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx\r\n";
        let report = pullpolicy::explain(text, &Options::default());
        let md = export(text, &report, &Options::default(), "https://x.test/#z=abc");
        assert!(md.starts_with("### pullpolicy: 1 entry"), "{md}");
        assert!(md.contains("| `app` (container, Pod p `spec.containers[0]`) | `nginx` → `nginx:latest` | **Always** |"), "{md}");
        assert!(md.contains("```yaml\napiVersion: v1\nkind: Pod\n"), "{md}");
        assert!(!md.contains('\r'));
        assert!(md.ends_with("[Open in the pullpolicy playground](https://x.test/#z=abc)\n"));
    }

    #[test]
    fn fences_and_cells_escape() {
        assert_eq!(fence_for("a ``` b"), "````");
        assert_eq!(fence_for("plain"), "```");
        assert_eq!(code("a|b"), "`a\\|b`");
        assert_eq!(code("a`b"), "`` a`b ``");
    }
}
