//! The terminal format: a table of entries, then findings as
//! `file:line:column: severity[rule]: message` (what editors and CI problem matchers
//! read), then a summary. Built with the view's terminal encoder: every value from the
//! input has its control characters escaped (a manifest cannot write an escape
//! sequence), and styles are ANSI codes the caller's stream strips unless colour is on.

use crate::run::Run;
use pullpolicy::Severity;
use pullpolicy_view::inputs::{Item, Row, counts, items, rows};
use pullpolicy_view::model::Tone;
use pullpolicy_view::terminal::{Style, Terminal, width};
use pullpolicy_view::wording;
use std::io::{self, Write};

pub(crate) fn severity_style(s: Severity) -> Style {
    match s {
        Severity::Error => Style::Error,
        Severity::Warning => Style::Warning,
        Severity::Info => Style::Info,
    }
}

pub(crate) fn tone_style(t: Tone) -> Style {
    match t {
        Tone::Plain => Style::Plain,
        Tone::Good => Style::Green,
        Tone::Bad => Style::Red,
        Tone::Muted => Style::Dim,
    }
}

/// `name@sha256:0123456789ab…`: a digest's first 12 hex digits keep the table narrow
/// (the findings below quote images in full).
pub(crate) fn short_digest(image: &str) -> String {
    match image.split_once("@sha256:") {
        Some((name, hex)) if hex.len() > 12 && hex.is_ascii() => {
            format!("{name}@sha256:{}…", &hex[..12])
        }
        _ => image.to_owned(),
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let inputs = super::inputs(run);
    let rows = rows(&inputs);
    let mut t = Terminal::new();
    table(&mut t, &rows);
    let items = items(&inputs, false);
    if !items.is_empty() {
        t.newline();
    }
    for item in &items {
        finding_lines(&mut t, item);
    }
    t.newline();
    let (counts, unreadable) = counts(&inputs);
    t.styled(Style::Bold, &wording::run_summary(run.files.len(), &counts));
    let mut extra = Vec::new();
    if counts.skipped > 0 {
        extra.push(wording::skipped_documents(counts.skipped));
    }
    if unreadable > 0 {
        extra.push(wording::could_not_read(unreadable));
    }
    if !extra.is_empty() {
        t.raw(" (").text(&extra.join("; ")).raw(")");
    }
    t.newline();
    out.write_all(t.finish().as_bytes())
}

/// One finding's lines: `file:line:column: severity[rule]: message`, then for warnings
/// and errors its fix and FAQ pointers (the whole-run and the streamed renderers).
pub(crate) fn finding_lines(t: &mut Terminal, item: &Item<'_>) {
    let f = &item.finding;
    t.styled(Style::Bold, &item.location())
        .raw(": ")
        .styled(severity_style(f.severity), f.severity.as_str())
        .raw("[")
        .text(f.id)
        .raw("]: ")
        .spans(&f.message)
        .newline();
    if f.severity >= Severity::Warning {
        if let Some(fix) = f.fix {
            t.raw("  ")
                .styled(Style::Dim, &format!("{}:", wording::FIX))
                .raw(" ")
                .text(fix)
                .newline();
        }
        for e in &f.faq {
            t.raw("  ")
                .styled(Style::Dim, &format!("{}:", wording::FAQ))
                .raw(" ")
                .text(&wording::faq_pointer(
                    crate::text::program(),
                    e.id,
                    e.question,
                ))
                .newline();
        }
    }
}

/// A table row's cells with their tones.
pub(crate) fn cells(r: &Row<'_>) -> [(String, Tone); 7] {
    let c = &r.card;
    [
        (r.location(), Tone::Plain),
        (r.object.clone(), Tone::Plain),
        (r.container.clone(), Tone::Plain),
        (
            short_digest(c.image.shown),
            if c.image.raw.is_none() {
                Tone::Bad
            } else {
                Tone::Plain
            },
        ),
        (r.written.0.to_owned(), r.written.1),
        r.effective.clone(),
        r.outcome.clone(),
    ]
}

fn table(t: &mut Terminal, rows: &[Row<'_>]) {
    if rows.is_empty() {
        t.text(wording::NO_ENTRIES).newline();
        return;
    }
    let cells: Vec<[(String, Tone); 7]> = rows.iter().map(cells).collect();
    let mut widths = wording::COLUMNS.map(width);
    for row in &cells {
        for (w, (cell, _)) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let last = wording::COLUMNS.len() - 1;
    for (i, head) in wording::COLUMNS.iter().enumerate() {
        t.styled(Style::Bold, head);
        if i < last {
            t.pad(widths[i] - width(head) + 2);
        }
    }
    t.newline();
    for row in &cells {
        for (i, (cell, tone)) in row.iter().enumerate() {
            t.styled(tone_style(*tone), cell);
            if i < last {
                t.pad(widths[i] - width(cell) + 2);
            }
        }
        t.newline();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn digests_are_shortened() {
        assert_eq!(
            super::short_digest(&format!("nginx:1@sha256:{}", "ab".repeat(32))),
            "nginx:1@sha256:abababababab…"
        );
        assert_eq!(super::short_digest("nginx:1"), "nginx:1");
    }
}
