//! The diagnosis of pasted evidence (issue #18), as markup: each failing container's
//! diagnosis (heading, class, reason, the runtime's message, the policy's part, the
//! fix, FAQ entries and kubernetes.io pages), every finding as the explanation's
//! findings are shown (with its "line N" button and an editor marker), pods without a
//! pull problem, the summary: the view's model (`pullpolicy_view::diagnosis::DiagnosisView`,
//! which the web component renders too) as markup. Every word comes from
//! `pullpolicy_view::diagnosis`; every value from the paste is escaped by the view's
//! encoder.
//!
//! It runs only in the diagnosis module, in the analysis worker (the page's first load
//! does not link it).

use super::card::{finding, links};
use super::verdicts::RenderCx;
use crate::markup::{Html, SafeHtml, jump};
use pullpolicy::Finding;
use pullpolicy::diagnose::DiagnosisReport;
use pullpolicy_view::diagnosis as words;
use pullpolicy_view::model::{FindingView, Origin};
use pullpolicy_view::share::PlaygroundBase;
use pullpolicy_view::text::Span;

use pullpolicy_view::diagnosis::{PASTE, origin};

fn head(h: &mut Html) {
    h.raw("<div class=\"pane-head\"><h2 id=\"verdicts-title\">")
        .text(words::PANE_TITLE)
        .raw("</h2></div>");
}

/// Every finding of the report with its origin: each diagnosis's, then the report's.
pub fn findings(report: &DiagnosisReport) -> Vec<(Origin, &Finding)> {
    let mut out = Vec::new();
    for (i, d) in report.diagnoses.iter().enumerate() {
        out.extend(
            d.findings
                .iter()
                .enumerate()
                .map(|(k, f)| (origin(i, k), f)),
        );
    }
    let n = report.diagnoses.len();
    out.extend(
        report
            .findings
            .iter()
            .enumerate()
            .map(|(k, f)| (origin(n, k), f)),
    );
    out
}

fn fact(h: &mut Html, label: &'static str) {
    h.raw("<dt>").text(label).raw("</dt><dd>");
}

/// The diagnosis section for `report` (rendered with `cx`: the paste's lines, the
/// disclosures the user opened), from the view's model
/// ([`words::DiagnosisView`], which the web component renders too).
pub fn render(report: &DiagnosisReport, cx: &RenderCx<'_>) -> SafeHtml {
    let here = PlaygroundBase::this_page();
    let view = words::DiagnosisView::of(report);
    let mut out = Html::new();
    let h = &mut out;
    head(h);
    h.el("p", "muted diag-note", view.note);
    h.raw("<p class=\"muted diag-summary\" data-diagnoses=\"")
        .num(view.diagnoses.len())
        .raw("\">")
        .text(&view.summary)
        .raw("</p>");
    for d in &view.diagnoses {
        let i = d.index;
        // The page's styles: a card's red edge (as an invalid entry's), the image's facts
        // list, an error message's box (no style of its own in the first load).
        h.raw("<article class=\"card policy-invalid diagnosis\" tabindex=\"-1\" id=\"diagnosis-")
            .num(i)
            .raw("\"")
            .attr("data-class", d.class.id())
            .attr("data-reason", d.reason)
            .raw(" aria-labelledby=\"diagnosis-")
            .num(i)
            .raw("-t\"><h3 id=\"diagnosis-")
            .num(i)
            .raw("-t\">")
            .text(&d.heading)
            .raw("</h3><p class=\"diag-where\">");
        jump(h, cx.lines, &d.position, "line ");
        if let Some(image) = d.image {
            h.raw(" · ")
                .text(view.labels.image)
                .raw(" ")
                .el("code", "diag-image", image);
        }
        h.raw("</p><dl class=\"image diag-facts\">");
        fact(h, view.labels.class);
        h.el("code", "diag-class", d.class.id())
            .raw(" ")
            .text(d.class_title)
            .raw("</dd>");
        fact(h, view.labels.reason);
        h.el("code", "diag-reason", d.reason).raw("</dd>");
        if let Some(message) = d.message {
            fact(h, view.labels.message);
            h.raw("<div class=\"message error\"><pre class=\"diag-message\">")
                .text(message)
                .raw("</pre></div></dd>");
        }
        if !d.policy.0.is_empty() {
            fact(h, view.labels.policy);
            h.raw("<span class=\"diag-policy\">")
                .spans(&d.policy, "<code>", &here)
                .raw("</span></dd>");
        }
        fact(h, view.labels.fix);
        h.raw("<span class=\"diag-fix\">")
            .spans(&d.fix, "<code>", &here)
            .raw("</span></dd></dl><p>")
            .spans(&d.explanation, "<code>", &here)
            .raw("</p>");
        if !d.faq.is_empty() {
            h.raw("<ul class=\"faq-links\"")
                .attr("aria-label", view.labels.related_questions)
                .raw(">");
            for id in &d.faq {
                if let Some(e) = pullpolicy::faq::entry(id) {
                    super::faq::link_item(h, e);
                }
            }
            h.raw("</ul>");
        }
        links(h, &d.links);
        list(h, cx, &d.findings);
        h.raw("</article>");
    }
    list(h, cx, &view.findings);
    if !view.pods.is_empty() {
        h.raw("<ul class=\"diag-fine\">");
        for p in &view.pods {
            h.raw("<li class=\"diag-pod\">").text(p.message).raw(" ");
            jump(h, cx.lines, &p.position, "line ");
            h.raw("</li>");
        }
        h.raw("</ul>");
    }
    if let Some(none) = view.none {
        h.el("p", "diag-none", none);
    }
    out.finish()
}

fn list(h: &mut Html, cx: &RenderCx<'_>, items: &[FindingView<'_>]) {
    if items.is_empty() {
        return;
    }
    h.raw("<ul class=\"findings\"")
        .attr("aria-label", pullpolicy_view::wording::FINDINGS)
        .raw(">");
    for view in items {
        let mut view = view.clone();
        // A diagnosis's fix is a sentence, not a YAML edit: it follows the explanation
        // as text (in the fix's block, a long line would scroll).
        if let Some(fix) = view.fix.take() {
            view.explanation.0.extend([
                Span::Plain(" "),
                Span::Plain(pullpolicy_view::wording::FIX_LABEL),
                Span::Plain(": "),
                Span::Plain(fix),
            ]);
        }
        finding(h, cx, &view);
    }
    h.raw("</ul>");
}

/// The live region's sentence.
pub fn announcement(report: &DiagnosisReport) -> String {
    let inputs = [words::DiagnosisInput::Report {
        name: PASTE,
        report,
    }];
    format!("{}: {}", words::PANE_TITLE, words::summary(&inputs))
}
