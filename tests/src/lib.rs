//! Test helpers: a readable rendering of a report, for golden snapshots.

use pullpolicy::{Finding, Report};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Renders `report` as a short document a reviewer can read: one block per object and
/// entry, every finding with its position, the API server's words verbatim.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let s = &report.summary;
    let _ = writeln!(
        out,
        "summary: {} entries (Always {}, IfNotPresent {}, Never {}, none {}); {} errors, {} warnings, {} infos, {} skipped",
        s.entries,
        s.always,
        s.if_not_present,
        s.never,
        s.none,
        s.errors,
        s.warnings,
        s.infos,
        s.skipped
    );
    for e in &report.syntax_errors {
        let _ = writeln!(
            out,
            "syntax error in document {} at {}:{}: {}",
            e.document, e.position.line, e.position.column, e.message
        );
    }
    for d in &report.documents {
        let item = d.item.map(|i| format!(" item {i}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "\n## document {}{item} at {}:{} — {:?} {} {}",
            d.index,
            d.position.line,
            d.position.column,
            d.status,
            d.kind.as_deref().unwrap_or("(no kind)"),
            d.name
                .as_deref()
                .map(|n| format!("{n:?}"))
                .unwrap_or_default()
        );
        if let Some(e) = d.kubectl_error() {
            let _ = writeln!(out, "kubectl error: {e}");
        }
        if let Some(e) = d.api_error() {
            let _ = writeln!(out, "api error: {e}");
        }
        if let Some(e) = d.strict_error() {
            let _ = writeln!(out, "kubectl apply (strict): {e}");
        }
        findings(&mut out, &d.findings, "");
        for e in &d.entries {
            let _ = writeln!(
                out,
                "\n- {} {:?} name={:?} at {}:{}",
                e.path,
                e.role,
                e.name.as_deref().unwrap_or(""),
                e.position.line,
                e.position.column
            );
            let i = &e.image;
            let _ = writeln!(
                out,
                "  image: raw={:?} at {}:{} -> {}",
                i.raw.as_deref().unwrap_or("(none)"),
                i.position.line,
                i.position.column,
                match (&i.error, &i.full_name) {
                    (Some(err), _) => format!("invalid: {err}"),
                    (None, Some(name)) => format!(
                        "{name} tag={} digest={} runtime={}",
                        i.tag.as_deref().unwrap_or("-"),
                        i.digest
                            .as_deref()
                            .map(|d| &d[..d.len().min(15)])
                            .unwrap_or("-"),
                        i.runtime_ref.as_deref().unwrap_or("-")
                    ),
                    (None, None) => "-".to_owned(),
                }
            );
            let p = &e.policy;
            let _ = writeln!(
                out,
                "  policy: written={:?} ({:?}) effective={} source={:?} at {}:{}",
                p.written.as_deref().unwrap_or("-"),
                p.written_as,
                p.effective.map_or("null", |p| p.as_str()),
                p.source,
                p.position.line,
                p.position.column
            );
            let _ = writeln!(out, "  reason: {}", p.reason.backticked());
            if let Some(o) = &e.outcome {
                let json = serde_json::to_value(o).unwrap_or_default();
                let field = |k: &str| json.get(k).map(|v| v.to_string()).unwrap_or_default();
                let _ = writeln!(
                    out,
                    "  outcome: started={} waiting={} pulls={}",
                    field("started"),
                    field("waitingReason"),
                    field("pulls")
                );
                if let Some(events) = json.get("events").and_then(|e| e.as_array()) {
                    for ev in events {
                        let t = |k: &str| ev.get(k).and_then(|v| v.as_str()).unwrap_or("");
                        let _ = writeln!(out, "    {} {} {}", t("type"), t("reason"), t("message"));
                    }
                }
            }
            findings(&mut out, &e.findings, "  ");
        }
    }
    out
}

fn findings(out: &mut String, list: &[Finding], indent: &str) {
    for f in list {
        let _ = writeln!(
            out,
            "{indent}* {}[{}] {}:{}: {}",
            f.severity.as_str(),
            f.rule,
            f.position.line,
            f.position.column,
            f.message.backticked()
        );
    }
}

/// Every input the data-driven tests read: the fixtures, then the real-world corpus
/// (`*.yaml`, `*.yml`, `*.json`, sorted, recursively).
pub fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    files(&root.join("fixtures"), &mut out);
    files(&root.join("corpus"), &mut out);
    out
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml" | "json")
        ) {
            out.push(path);
        }
    }
}
