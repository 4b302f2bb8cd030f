//! `--format html`: the no-JavaScript fallback for articles on platforms that strip
//! scripts and iframes. One self-contained `<div>` (inline `style` attributes only: no
//! `<script>`, no `<style>`, no external resource), a section per input with its table
//! and findings, and a link to the playground carrying the manifest in the fragment:
//! `<playground>#yaml=<base64url of the UTF-8 text, unpadded>` and the scenario
//! (`pullpolicy_view::share`). Built with the view's HTML encoder: literals only, every
//! value escaped, and only typed targets (the core's kubernetes.io pages, the
//! playground link) become `href`s.

use crate::run::{FileResult, Run};
use crate::text;
use pullpolicy::Severity;
use pullpolicy_view::html::Html;
use pullpolicy_view::inputs::{Item, Row, items, rows};
use pullpolicy_view::model::Tone;
use pullpolicy_view::share::PlaygroundBase;
use pullpolicy_view::text::Target;
use pullpolicy_view::wording;
use std::io::{self, Write};

const ROOT: &str = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:1em 0;overflow-x:auto";

fn tone_style(t: Tone) -> &'static str {
    match t {
        Tone::Plain => "",
        Tone::Good => "color:#1a7f37;",
        Tone::Bad => "color:#cf222e;font-weight:600;",
        Tone::Muted => "color:#59636e;",
    }
}

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "color:#cf222e;font-weight:600",
        Severity::Warning => "color:#9a6700;font-weight:600",
        Severity::Info => "color:#0969da;font-weight:600",
    }
}

/// A `<code>` with the fragment's inline style.
const CODE: &str = "<code style=\"font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#f6f8fa;border-radius:4px;padding:1px 4px;overflow-wrap:anywhere\">";
const TD: &str = "<td style=\"padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top";
const NOTE_P: &str = "<p style=\"color:#59636e\">";
const NOTE_SPAN: &str = "<span style=\"color:#59636e\">";
const LINK_STYLE: &str = " style=\"color:#0969da\"";

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let inputs = super::inputs(run);
    let all_rows = rows(&inputs);
    let all_items = items(&inputs, true);
    let playground = super::playground(run);
    let mut h = Html::new();
    open(&mut h);
    for file in &run.files {
        let name = match file {
            FileResult::Explained(e) => e.name.as_str(),
            FileResult::Failed(e) => e.name.as_str(),
        };
        section(&mut h, name);
        let file_rows: Vec<&Row<'_>> = all_rows.iter().filter(|r| r.file == name).collect();
        let file_items: Vec<&Item<'_>> = all_items.iter().filter(|i| i.file == name).collect();
        if let FileResult::Explained(e) = file {
            table(&mut h, &file_rows);
            list(&mut h, &file_items, &playground);
            link(&mut h, &playground, &e.text, &run.options);
        } else {
            list(&mut h, &file_items, &playground);
        }
        h.raw("</section>\n");
    }
    close(&mut h, &run.options);
    out.write_all(h.finish().as_str().as_bytes())
}

/// The fragment's opening `<div>`.
pub(crate) fn open(h: &mut Html) {
    h.raw("<div class=\"pullpolicy-report\" style=\"")
        .raw(ROOT)
        .raw("\">\n");
}

/// An input's section, up to its table.
pub(crate) fn section(h: &mut Html, name: &str) {
    h.raw("<section style=\"margin:0 0 16px\">\n")
        .raw("<p style=\"margin:0 0 8px;font-size:15px;font-weight:600\">")
        .text(name)
        .raw("</p>\n");
}

/// The footer and the closing `</div>`.
pub(crate) fn close(h: &mut Html, options: &pullpolicy::Options) {
    h.raw("<p style=\"margin:8px 0 0;font-size:12px;color:#59636e\">")
        .text(&wording::footer(env!("CARGO_PKG_VERSION"), options))
        .raw("</p>\n</div>\n");
}

fn table(h: &mut Html, rows: &[&Row<'_>]) {
    if rows.is_empty() {
        no_entries(h);
        return;
    }
    table_head(h);
    for r in rows {
        table_row(h, r);
    }
    table_end(h);
}

/// No table: the note that says so.
pub(crate) fn no_entries(h: &mut Html) {
    h.raw(NOTE_P).text(wording::NO_ENTRIES).raw("</p>\n");
}

pub(crate) fn table_head(h: &mut Html) {
    h.raw("<table style=\"border-collapse:collapse;width:100%;margin:0 0 12px;font-size:13px\">\n<thead><tr>");
    for head in wording::TABLE_COLUMNS {
        h.raw("<th style=\"text-align:left;padding:4px 8px;border-bottom:2px solid #d0d7de;white-space:nowrap\">")
            .text(head)
            .raw("</th>");
    }
    h.raw("</tr></thead>\n<tbody>\n");
}

pub(crate) fn table_end(h: &mut Html) {
    h.raw("</tbody>\n</table>\n");
}

pub(crate) fn table_row(h: &mut Html, r: &Row<'_>) {
    let c = &r.card;
    h.raw("<tr>")
        .raw(TD)
        .raw("\">")
        .num(c.position.line)
        .raw("</td>")
        .raw(TD)
        .raw("\">")
        .text(&r.object)
        .raw("</td>")
        .raw(TD)
        .raw("\">")
        .text(&r.container)
        .raw("</td>")
        .raw(TD)
        .raw(";min-width:14em\">");
    match c.image.raw {
        Some(raw) => h.raw(CODE).text(raw).raw("</code>"),
        None => h
            .raw("<span")
            .attr("style", tone_style(Tone::Bad))
            .raw(">")
            .text(c.image.shown)
            .raw("</span>"),
    };
    h.raw("</td>").raw(TD).raw(";white-space:nowrap;\">");
    match r.written {
        (w, Tone::Plain) => h.raw(CODE).text(w).raw("</code>"),
        (w, tone) => h
            .raw("<span")
            .attr("style", tone_style(tone))
            .raw(">")
            .text(w)
            .raw("</span>"),
    };
    h.raw("</td>")
        .raw(TD)
        .raw(";white-space:nowrap;")
        .text(tone_style(r.effective.1))
        .raw("\">")
        .text(&r.effective.0)
        .raw("</td>")
        .raw(TD)
        .raw(";overflow-wrap:anywhere;")
        .text(tone_style(r.outcome.1))
        .raw("\">")
        .text(&r.outcome.0)
        .raw("</td></tr>\n");
}

fn list(h: &mut Html, items: &[&Item<'_>], playground: &PlaygroundBase) {
    if items.is_empty() {
        no_findings(h);
        return;
    }
    list_head(h);
    for item in items {
        list_item(h, item, playground);
    }
    list_end(h);
}

pub(crate) fn no_findings(h: &mut Html) {
    h.raw(NOTE_P).text(wording::NO_FINDINGS).raw("</p>\n");
}

pub(crate) fn list_head(h: &mut Html) {
    h.raw("<ul style=\"margin:0 0 12px;padding-left:20px\">\n");
}

pub(crate) fn list_end(h: &mut Html) {
    h.raw("</ul>\n");
}

pub(crate) fn list_item(h: &mut Html, item: &Item<'_>, playground: &PlaygroundBase) {
    let f = &item.finding;
    let p = &f.position;
    h.raw("<li style=\"margin:0 0 6px\"><span")
        .attr("style", severity_style(f.severity))
        .raw(">")
        .text(f.severity.as_str())
        .raw("</span> ")
        .raw(CODE);
    if p.line > 0 {
        h.num(p.line);
        if p.column > 0 {
            h.raw(":").num(p.column);
        }
    }
    h.raw("</code> ");
    match f.links.first() {
        Some(target) => h
            .raw("<a")
            .href(target, playground)
            .raw(LINK_STYLE)
            .raw(">")
            .text(f.id)
            .raw("</a>"),
        None => h.text(f.id),
    };
    h.raw(": ").spans(&f.message, CODE, playground);
    if f.severity >= Severity::Warning {
        if !f.explanation.is_empty() {
            h.raw("<br>")
                .raw(NOTE_SPAN)
                .spans(&f.explanation, CODE, playground)
                .raw("</span>");
        }
        if let Some(fix) = f.fix {
            h.raw("<br>")
                .raw(NOTE_SPAN)
                .text(wording::FIX)
                .raw(":</span> ")
                .raw(CODE)
                .text(fix)
                .raw("</code>");
        }
    }
    h.raw("</li>\n");
}

pub(crate) fn link(
    h: &mut Html,
    playground: &PlaygroundBase,
    manifest: &str,
    options: &pullpolicy::Options,
) {
    // The link holds the text in base64 (4 characters per 3 bytes, and more): a long
    // text is known to be too long without building its link.
    let too_long = manifest.len().saturating_mul(4) / 3 > text::MAX_PLAYGROUND_LINK;
    let url = (!too_long).then(|| playground.manifest(manifest, options));
    let Some(url) = url.filter(|u| u.len() <= text::MAX_PLAYGROUND_LINK) else {
        h.raw(NOTE_P)
            .text(wording::TOO_LARGE_FOR_LINK)
            .raw("</p>\n");
        return;
    };
    h.raw("<p style=\"margin:0\"><a")
        .href(&Target::playground(&url), playground)
        .raw(LINK_STYLE)
        .raw(">")
        .text(wording::OPEN_IN_PLAYGROUND)
        .raw("</a></p>\n");
}
