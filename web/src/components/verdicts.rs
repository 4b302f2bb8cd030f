//! The results: the summary bar, syntax errors, and per document its API error,
//! document-level findings and one card per entry.

use super::card::{card, finding, finding_id, policy_name};
use crate::describe;
use crate::engine::set_lines;
use crate::lines::LineIndex;
use crate::markup::Markup;
use crate::state::Shared;
use pullpolicy::{Document, DocumentStatus, Options, Report, Summary};
use std::rc::Rc;

/// Cards rendered before "Show all" (a 1 MB manifest can hold thousands).
pub const FIRST_CARDS: usize = 60;

/// Document sections rendered before "Show all" (documents without entries have no
/// cards, and 100,000 of them fit in 1 MB).
pub const FIRST_SECTIONS: usize = 200;

/// What the verdicts show.
#[derive(Debug)]
pub struct VerdictsProps<'a> {
    /// The report.
    pub report: &'a Shared<Report>,
    /// The lines of the report's text (offsets become textarea offsets with them).
    pub lines: Rc<LineIndex>,
    /// The last report without syntax errors and its lines, shown greyed while
    /// `report` has some.
    pub stale: Option<(&'a Shared<Report>, Rc<LineIndex>)>,
    /// The options (for per-image overrides).
    pub options: &'a Options,
    /// Show only this effective policy.
    pub filter: Option<&'static str>,
    /// Show every card.
    pub show_all: bool,
}

const HEAD: &str = "<div class=\"pane-head\"><h2 id=\"verdicts-title\">Verdicts</h2></div>";

/// The verdicts section before the first analysis.
pub fn pending() -> String {
    format!("{HEAD}<p class=\"muted\">Explaining…</p>")
}

/// The verdicts section after a crash.
pub fn crashed(details: &str) -> String {
    let mut h = Markup::new();
    h.raw(HEAD).raw("<div class=\"message error\"><p><strong>The analysis of this manifest crashed.</strong></p><p>Your manifest is safe in the editor. Press Explain to try again, or change the manifest first. If it crashes again, please report it with the details below.</p><button type=\"button\" class=\"btn primary\" data-act=\"explain\" id=\"crash-explain\">Explain</button>");
    copy_details(&mut h, "crash-details", details);
    h.raw("</div>");
    h.finish()
}

/// The verdicts section's markup for a report.
pub fn render(props: &VerdictsProps<'_>) -> String {
    let mut h = Markup::new();
    h.raw(HEAD);
    let report = props.report;
    set_lines(Some(props.lines.clone()));
    let (shown, stale) = match &props.stale {
        Some((good, lines)) => (*good, Some(lines.clone())),
        None => (report, None),
    };
    let h = &mut h;
    summary(h, &report.summary, props.filter);
    for (i, e) in report.syntax_errors.iter().enumerate() {
        h.raw("<div class=\"message error syntax\" tabindex=\"-1\" data-rule=\"syntax-error\"")
            .raw(" id=\"syntax-")
            .num(i)
            .raw("\"")
            .raw("><p><strong>Syntax error on line ")
            .num(e.position.line)
            .raw(", column ")
            .num(e.position.column)
            .raw("</strong> (document ")
            .num(e.document + 1)
            .raw("): ")
            .text(&e.message)
            .raw("</p>")
            .jump(&e.position, "Show line ")
            .raw("</div>");
    }
    if let Some(lines) = &stale {
        set_lines(Some(lines.clone()));
        h.el("p", "stale-note", "The verdicts below are from the last version without a syntax error; they update once the error is fixed.");
    }
    if shown.documents.is_empty() {
        h.el(
            "p",
            "muted",
            "Nothing to explain yet: paste a manifest, or pick one from Examples.",
        );
    }
    h.raw(if stale.is_some() {
        "<div class=\"documents stale\" aria-hidden=\"true\" inert>"
    } else {
        "<div class=\"documents\">"
    });
    let mut budget = if props.show_all {
        usize::MAX
    } else {
        FIRST_CARDS
    };
    let mut sections = if props.show_all {
        usize::MAX
    } else {
        FIRST_SECTIONS
    };
    let docs = &shown.documents;
    let mut di = 0;
    while let Some(doc) = docs.get(di) {
        if budget == 0 || sections == 0 {
            // Past the first cards or sections, documents are not drawn either (a 1 MB
            // stream holds thousands); "Show all" draws everything.
            budget = 0;
            break;
        }
        // Consecutive documents with nothing to explain share one line.
        let run = docs[di..].iter().take_while(|d| skipped(d)).count();
        if run > 1 && props.filter.is_none() {
            sections -= 1;
            skipped_run(h, &docs[di..di + run]);
            di += run;
            continue;
        }
        di += 1;
        let di = di - 1; // this document's place, for ids
        let cards: Vec<usize> = (0..doc.entries.len())
            .filter(|&ei| {
                props
                    .filter
                    .is_none_or(|f| policy_name(&doc.entries[ei]) == f)
            })
            .collect();
        if props.filter.is_some() && cards.is_empty() {
            continue;
        }
        let label = describe::object_label(doc);
        let title = format!(
            "Document {}{}{}",
            doc.index + 1,
            doc.item
                .map(|i| format!(", item {}", i + 1))
                .unwrap_or_default(),
            if label.is_empty() {
                String::new()
            } else {
                format!(": {}", label.trim_end())
            }
        );
        sections -= 1;
        let compact = doc.entries.is_empty() && doc.is_created();
        h.raw(if compact {
            "<section class=\"document compact\"><h3 class=\"doc-title\">"
        } else {
            "<section class=\"document\"><h3 class=\"doc-title\">"
        })
        .text(&title);
        let status = match doc.status {
            DocumentStatus::Analysed => "",
            DocumentStatus::CustomResource => "custom resource: not defaulted by the API server",
            DocumentStatus::Fragment => "fragment: read as a snippet",
            DocumentStatus::Skipped => "no pod spec: skipped",
            DocumentStatus::Unreadable => "unreadable: syntax error",
        };
        if !status.is_empty() {
            h.el("span", "chip", status);
        }
        if let Some(v) = &doc.api_version {
            h.el("span", "chip mono", v);
        }
        h.raw("</h3>");
        if let Some(err) = doc.kubectl_error() {
            h.raw("<div class=\"message error api\"><p><strong>kubectl apply does not send this object:</strong></p>")
                .el("pre", "mono", err)
                .raw("</div>");
        }
        if let Some(err) = doc.api_error() {
            h.raw("<div class=\"message error api\"><p><strong>The API server rejects this object:</strong></p>")
                .el("pre", "mono", err)
                .raw("</div>");
        }
        if let Some(err) = doc.strict_error() {
            h.raw("<div class=\"message error api\"><p><strong>kubectl apply (strict field validation) reports:</strong></p>")
                .el("pre", "mono", err)
                .raw("</div>");
        }
        if !doc.findings.is_empty() {
            h.raw("<ul class=\"findings doc-findings\" aria-label=\"Findings about the whole object\">");
            for (k, f) in doc.findings.iter().enumerate() {
                finding(h, f, &finding_id(di, None, k));
            }
            h.raw("</ul>");
        }
        h.raw("<div class=\"cards\">");
        for ei in cards {
            if budget == 0 {
                break;
            }
            budget -= 1;
            let e = &doc.entries[ei];
            let current = e.image.raw.as_deref().and_then(|raw| {
                props
                    .options
                    .scenario
                    .overrides
                    .iter()
                    .find(|o| o.image == raw)
            });
            card(h, doc, di, ei, e, current);
        }
        h.raw("</div></section>");
    }
    h.raw("</div>");
    if budget == 0 && !props.show_all {
        h.raw(
            "<button type=\"button\" class=\"btn\" data-act=\"showall\" id=\"show-all\">Show all ",
        )
        .text(&crate::app::group(shown.summary.entries))
        .raw(" entries</button>");
    }
    set_lines(None);
    std::mem::take(&mut h.0)
}

/// A document with nothing to explain: no pod spec and no other finding.
fn skipped(doc: &Document) -> bool {
    doc.status == DocumentStatus::Skipped
        && doc.entries.is_empty()
        && doc.is_created()
        && doc.findings.iter().all(|f| f.rule == "skipped")
}

/// One line for consecutive skipped documents: their objects, or how many.
fn skipped_run(h: &mut Markup, run: &[Document]) {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return;
    };
    let labels: Vec<String> = run
        .iter()
        .map(describe::object_label)
        .filter(|l| !l.is_empty())
        .collect();
    h.raw("<section class=\"document compact\"><h3 class=\"doc-title\">")
        .text(&describe::skipped_run_title(
            first.index + 1,
            last.index + 1,
        ))
        .raw("</h3>")
        .el("p", "muted", &describe::skipped_run(run.len(), &labels))
        .raw("</section>");
}

/// Counts by effective policy (buttons that filter the cards) and by severity.
fn summary(h: &mut Markup, s: &Summary, active: Option<&str>) {
    h.raw("<div class=\"summary\" role=\"group\" aria-label=\"Summary\">")
        .el(
            "span",
            "total",
            &format!(
                "{} {}",
                s.entries,
                if s.entries == 1 { "entry" } else { "entries" }
            ),
        );
    for (key, n) in [
        ("Always", s.always),
        ("IfNotPresent", s.if_not_present),
        ("Never", s.never),
        ("invalid", s.none),
    ] {
        let pressed = active == Some(key);
        h.raw("<button type=\"button\" data-act=\"filter\"")
            .attr2("id", "filter-", key)
            .attr(
                "class",
                &format!("count policy-{}", key.to_ascii_lowercase()),
            )
            .attr("data-policy", if pressed { "" } else { key })
            .attr("aria-pressed", if pressed { "true" } else { "false" })
            .attr("title", &format!("Show only {key} entries"));
        if n == 0 && !pressed {
            h.raw(" disabled");
        }
        h.raw("><span class=\"n\">")
            .num(n)
            .raw("</span> ")
            .text(key)
            .raw("</button>");
    }
    h.raw("<span class=\"sevs\">");
    for (class, n, one, many) in [
        ("sev-error", s.errors, "error", "errors"),
        ("sev-warning", s.warnings, "warning", "warnings"),
        ("sev-info", s.infos, "note", "notes"),
    ] {
        h.raw("<span")
            .attr2("class", "sev-count ", class)
            .raw(">")
            .num(n)
            .raw(" ")
            .text(if n == 1 { one } else { many })
            .raw("</span>");
    }
    h.raw("</span></div>");
}

/// Technical details in a read-only box, with a copy button.
pub fn copy_details(h: &mut Markup, id: &str, details: &str) {
    h.raw("<div class=\"details-box\"><label")
        .attr("for", id)
        .raw(">Details</label><textarea class=\"mono\" readonly rows=\"4\"")
        .attr("id", id)
        .raw(">")
        .text(details)
        .raw("</textarea><button type=\"button\" class=\"btn small\" data-act=\"copy\"")
        .attr("data-src", id)
        .raw(">Copy details</button></div>");
}
