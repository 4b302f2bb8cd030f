//! The results: the summary bar, syntax errors, and per document its rejection notices
//! (always errors), document-level findings and one card per entry, from the view's
//! model (`pullpolicy_view::model`). What it renders with is passed in: the lines of
//! the text, the disclosures the user opened ([`VerdictsProps`]).

use super::card::{card, finding};
use crate::actions::Click;
use crate::lines::LineIndex;
use crate::markup::{Html, SafeHtml, jump};
use crate::state::Disclosures;
use pullpolicy::{Document, DocumentStatus, Options, Report, Severity};
use pullpolicy_view::model::{Counts, Origin, PolicyKey, Section, is_skipped};
use pullpolicy_view::wording;

/// Cards rendered before "Show all" (a 1 MB manifest can hold thousands).
pub const FIRST_CARDS: usize = 60;

/// Document sections rendered before "Show all" (documents without entries have no
/// cards, and 100,000 of them fit in 1 MB).
pub const FIRST_SECTIONS: usize = 200;

/// What the verdicts show, and what they are rendered with.
#[derive(Debug)]
pub struct VerdictsProps<'a> {
    /// The report.
    pub report: &'a Report,
    /// The lines of the report's text (jump buttons carry lines and columns).
    pub lines: &'a LineIndex,
    /// The last report without syntax errors and its lines, shown greyed while
    /// `report` has some.
    pub stale: Option<(&'a Report, &'a LineIndex)>,
    /// The options (for per-image overrides).
    pub options: &'a Options,
    /// Show only this effective policy.
    pub filter: Option<PolicyKey>,
    /// Show every card.
    pub show_all: bool,
    /// The disclosures the user opened or closed.
    pub open: &'a Disclosures,
}

/// How cards are rendered: the lines of the shown report's text, the user's
/// disclosures, the scenario.
#[derive(Debug, Clone, Copy)]
pub struct RenderCx<'a> {
    /// The lines of the text the shown report is of.
    pub lines: &'a LineIndex,
    /// The disclosures the user opened or closed.
    pub open: &'a Disclosures,
    /// The options.
    pub options: &'a Options,
}

fn head(h: &mut Html) {
    h.raw("<div class=\"pane-head\"><h2 id=\"verdicts-title\">")
        .text(wording::VERDICTS)
        .raw("</h2></div>");
}

/// The verdicts section before the first analysis.
pub fn pending() -> SafeHtml {
    let mut h = Html::new();
    head(&mut h);
    h.raw("<p class=\"muted\">Explaining…</p>");
    h.finish()
}

/// The verdicts section after a crash.
pub fn crashed(details: &str) -> SafeHtml {
    let mut h = Html::new();
    head(&mut h);
    let failure = crate::crash::Failure::of(details);
    h.raw("<div class=\"message error\"><p><strong>")
        .text(failure.headline())
        .raw("</strong></p><p>")
        .text(failure.advice())
        .raw("</p><button type=\"button\" class=\"btn primary\" id=\"crash-explain\"");
    Click::Explain.write(&mut h);
    h.raw(">Explain</button>");
    copy_details(&mut h, "crash-details", details);
    h.raw("</div>");
    h.finish()
}

/// The verdicts section's markup for a report.
pub fn render(props: &VerdictsProps<'_>) -> SafeHtml {
    let mut h = Html::new();
    let h = &mut h;
    head(h);
    let report = props.report;
    summary(h, &Counts::of(report), props.filter);
    // What kubectl cannot read comes first, prominently, also over stale verdicts: the
    // refusal finding of each unreadable document (its first), under the finding's id,
    // so that the editor's marker leads here. Those documents get no section.
    for (di, doc) in report.documents.iter().enumerate() {
        let Some(f) = doc.findings.first() else {
            continue;
        };
        if doc.status != DocumentStatus::Unreadable {
            continue;
        }
        let id = Origin::Finding {
            document: di,
            entry: None,
            index: 0,
        }
        .element_id();
        h.raw("<div class=\"message error syntax\" tabindex=\"-1\"")
            .attr("id", &id)
            .attr("data-rule", f.rule)
            .raw("><p><strong>")
            .text(&wording::syntax_error(f.position.line, f.position.column))
            .raw("</strong> (document ")
            .num(doc.index + 1)
            .raw("): ")
            .text(&f.message.backticked())
            .raw("</p>");
        jump(h, props.lines, &f.position, "Show line ");
        h.raw("</div>");
    }
    let (shown, cx) = match props.stale {
        Some((good, lines)) => (
            good,
            RenderCx {
                lines,
                open: props.open,
                options: props.options,
            },
        ),
        None => (
            report,
            RenderCx {
                lines: props.lines,
                open: props.open,
                options: props.options,
            },
        ),
    };
    let stale = props.stale.is_some();
    if stale {
        h.el("p", "stale-note", wording::STALE);
    }
    if shown.documents.is_empty() && report.syntax_errors.is_empty() {
        h.el(
            "p",
            "muted",
            "Nothing to explain yet: paste a manifest, or pick one from Examples.",
        );
    }
    h.raw(if stale {
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
        let run = docs[di..].iter().take_while(|d| is_skipped(d)).count();
        if run > 1 && props.filter.is_none() {
            sections -= 1;
            skipped_run(h, &docs[di..di + run]);
            di += run;
            continue;
        }
        di += 1;
        let di = di - 1; // this document's place, for ids
        if doc.status == DocumentStatus::Unreadable {
            continue; // shown above
        }
        if props
            .filter
            .is_some_and(|f| !doc.entries.iter().any(|e| PolicyKey::of(e) == f))
        {
            continue;
        }
        sections -= 1;
        let s = Section::of(doc, di);
        h.raw(if doc.entries.is_empty() && s.rejections.is_empty() {
            "<section class=\"document compact\"><h3 class=\"doc-title\">"
        } else {
            "<section class=\"document\"><h3 class=\"doc-title\">"
        })
        .text(&s.title);
        if let Some(status) = s.status {
            h.el("span", "chip", status);
        }
        if let Some(v) = s.api_version {
            h.el("span", "chip mono", v);
        }
        h.raw("</h3>");
        for r in &s.rejections {
            // Always an error: the object is not created.
            h.raw("<div class=\"message error api\" tabindex=\"-1\"")
                .attr2(
                    "id",
                    &format!("rejection-{di}-"),
                    match r.kind {
                        pullpolicy_view::model::RejectionKind::Kubectl => "kubectl",
                        pullpolicy_view::model::RejectionKind::Api => "api",
                        pullpolicy_view::model::RejectionKind::Strict => "strict",
                    },
                )
                .raw("><p><strong>")
                .text(r.heading)
                .raw("</strong></p>")
                .el("pre", "mono", r.text)
                .raw("</div>");
        }
        if !s.findings.is_empty() {
            h.raw("<ul class=\"findings doc-findings\"")
                .attr("aria-label", wording::OBJECT_FINDINGS)
                .raw(">");
            for f in &s.findings {
                finding(h, &cx, f);
            }
            h.raw("</ul>");
        }
        if let Some(note) = s.order_note.filter(|_| props.filter.is_none()) {
            h.el("p", "order-note", note);
        }
        h.raw("<div class=\"cards\">");
        for c in s
            .cards
            .iter()
            .filter(|c| props.filter.is_none_or(|f| c.policy.key == f))
        {
            if budget == 0 {
                break;
            }
            budget -= 1;
            card(h, &cx, doc, c);
        }
        h.raw("</div></section>");
    }
    h.raw("</div>");
    if budget == 0 && !props.show_all {
        h.raw("<button type=\"button\" class=\"btn\" id=\"show-all\"");
        Click::ShowAll.write(h);
        h.raw(">")
            .text(&wording::show_all(shown.summary.entries))
            .raw("</button>");
    }
    std::mem::take(h).finish()
}

/// One line for consecutive skipped documents: their objects, or how many.
fn skipped_run(h: &mut Html, run: &[Document]) {
    let (Some(first), Some(last)) = (run.first(), run.last()) else {
        return;
    };
    let labels: Vec<String> = run
        .iter()
        .map(|d| wording::object_label(d.kind.as_deref(), d.name.as_deref()))
        .filter(|l| !l.is_empty())
        .collect();
    h.raw("<section class=\"document compact\"><h3 class=\"doc-title\">")
        .text(&wording::skipped_run_title(first.index + 1, last.index + 1))
        .raw("</h3>")
        .el("p", "muted", &wording::skipped_run(run.len(), &labels))
        .raw("</section>");
}

/// Counts by effective policy (buttons that filter the cards) and by severity (a
/// rejection no finding carries counts as an error).
fn summary(h: &mut Html, c: &Counts, active: Option<PolicyKey>) {
    h.raw("<div class=\"summary\" role=\"group\" aria-label=\"Summary\">")
        .el("span", "total", &wording::entries(c.entries));
    for key in PolicyKey::ALL {
        let n = c.policy(key);
        let pressed = active == Some(key);
        h.raw("<button type=\"button\"");
        Click::Filter((!pressed).then_some(key)).write(h);
        h.attr2("id", "filter-", key.as_str())
            .attr2("class", "count policy-", key.class())
            .attr("aria-pressed", if pressed { "true" } else { "false" })
            .attr("title", &wording::show_only(key));
        if n == 0 && !pressed {
            h.raw(" disabled");
        }
        h.raw("><span class=\"n\">")
            .num(n)
            .raw("</span> ")
            .text(key.as_str())
            .raw("</button>");
    }
    h.raw("<span class=\"sevs\">");
    for (class, s) in [
        ("sev-error", Severity::Error),
        ("sev-warning", Severity::Warning),
        ("sev-info", Severity::Info),
    ] {
        h.raw("<span")
            .attr2("class", "sev-count ", class)
            .raw(">")
            .text(&wording::severity_count(s, c.severity(s)))
            .raw("</span>");
    }
    h.raw("</span></div>");
}

/// Technical details in a read-only box, with a copy button.
pub fn copy_details(h: &mut Html, id: &'static str, details: &str) {
    h.raw("<div class=\"details-box\"><label")
        .attr("for", id)
        .raw(">Details</label><textarea class=\"mono\" readonly rows=\"4\"")
        .attr("id", id)
        .raw(">")
        .text(details)
        .raw("</textarea><button type=\"button\" class=\"btn small\"");
    Click::Copy(id.to_owned()).write(h);
    h.raw(">Copy details</button></div>");
}
