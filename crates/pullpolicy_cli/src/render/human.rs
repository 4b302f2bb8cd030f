//! The terminal format: a table of entries, then findings as
//! `file:line:column: severity[rule]: message` (what editors and CI problem matchers
//! read), then a summary. Styles are written as ANSI codes; the caller's stream strips
//! them unless colour is on.

use super::{Findings, Row, Tone, findings, rows, width};
use crate::run::Run;
use crate::text;
use anstyle::{AnsiColor, Style};
use pullpolicy::Severity;
use std::borrow::Cow;
use std::io::{self, Write};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Red)));
const GREEN: Style = Style::new().fg_color(Some(anstyle::Color::Ansi(AnsiColor::Green)));

fn severity_style(s: Severity) -> Style {
    let color = match s {
        Severity::Error => AnsiColor::Red,
        Severity::Warning => AnsiColor::Yellow,
        Severity::Info => AnsiColor::Cyan,
    };
    Style::new().fg_color(Some(color.into())).bold()
}

fn tone_style(t: Tone) -> Style {
    match t {
        Tone::Plain => Style::new(),
        Tone::Good => GREEN,
        Tone::Bad => RED,
        Tone::Muted => DIM,
    }
}

/// User text without terminal control characters.
fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(char::is_control) {
        Cow::Owned(
            s.chars()
                .flat_map(|c| {
                    let escaped: Vec<char> = if c.is_control() {
                        c.escape_default().collect()
                    } else {
                        vec![c]
                    };
                    escaped
                })
                .collect(),
        )
    } else {
        Cow::Borrowed(s)
    }
}

/// `name@sha256:0123456789ab…`: a digest's first 12 hex digits keep the table narrow
/// (the findings below quote images in full).
fn short_digest(image: &str) -> String {
    match image.split_once("@sha256:") {
        Some((name, hex)) if hex.len() > 12 && hex.is_ascii() => {
            format!("{name}@sha256:{}…", &hex[..12])
        }
        _ => image.to_owned(),
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(run);
    table(&rows, out)?;
    let findings = findings(run, false);
    if !findings.items.is_empty() {
        writeln!(out)?;
    }
    for item in &findings.items {
        let style = severity_style(item.severity);
        writeln!(
            out,
            "{BOLD}{}{BOLD:#}: {style}{}{style:#}[{}]: {}",
            clean(&item.location()),
            item.severity.as_str(),
            item.rule,
            clean(item.message)
        )?;
        if item.severity >= Severity::Warning {
            if let Some(fix) = item.fix {
                writeln!(out, "  {DIM}{}:{DIM:#} {}", text::FIX, clean(fix))?;
            }
            for e in item.related() {
                let pointer = text::faq_pointer(e.id, e.question);
                writeln!(out, "  {DIM}{}:{DIM:#} {pointer}", text::FAQ)?;
            }
        }
    }
    writeln!(out)?;
    summary(run, &rows, &findings, out)
}

fn table(rows: &[Row<'_>], out: &mut dyn Write) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "{}", text::NO_ENTRIES);
    }
    let cells: Vec<[(Cow<'_, str>, Tone); 7]> = rows
        .iter()
        .map(|r| {
            [
                (
                    Cow::Owned(format!("{}:{}", clean(r.file), r.line)),
                    Tone::Plain,
                ),
                (clean(&r.object), Tone::Plain),
                (clean(&r.container), Tone::Plain),
                (
                    Cow::Owned(short_digest(&clean(&r.image))),
                    if r.image_missing {
                        Tone::Bad
                    } else {
                        Tone::Plain
                    },
                ),
                (clean(&r.written), r.written_tone),
                (Cow::Borrowed(r.effective.as_str()), r.effective_tone),
                (clean(&r.outcome), r.outcome_tone),
            ]
        })
        .collect();
    let mut widths = text::COLUMNS.map(width);
    for row in &cells {
        for (w, (cell, _)) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    let last = text::COLUMNS.len() - 1;
    for (i, head) in text::COLUMNS.iter().enumerate() {
        if i == last {
            writeln!(out, "{BOLD}{head}{BOLD:#}")?;
        } else {
            write!(
                out,
                "{BOLD}{head}{BOLD:#}{:pad$}  ",
                "",
                pad = widths[i] - width(head)
            )?;
        }
    }
    for row in &cells {
        for (i, (cell, tone)) in row.iter().enumerate() {
            let style = tone_style(*tone);
            if i == last {
                writeln!(out, "{style}{cell}{style:#}")?;
            } else {
                write!(
                    out,
                    "{style}{cell}{style:#}{:pad$}  ",
                    "",
                    pad = widths[i] - width(cell)
                )?;
            }
        }
    }
    Ok(())
}

fn summary(
    run: &Run,
    rows: &[Row<'_>],
    findings: &Findings<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    // Syntax errors are counted as their findings (`yaml-syntax`, …).
    let line = text::summary(
        run.files.len(),
        rows.len(),
        findings.count(Severity::Error) + findings.unreadable,
        findings.count(Severity::Warning),
        findings.count(Severity::Info),
    );
    let mut extra = Vec::new();
    if findings.skipped > 0 {
        extra.push(text::skipped_documents(findings.skipped));
    }
    if findings.unreadable > 0 {
        extra.push(text::could_not_read(findings.unreadable));
    }
    if extra.is_empty() {
        writeln!(out, "{BOLD}{line}{BOLD:#}")
    } else {
        writeln!(out, "{BOLD}{line}{BOLD:#} ({})", extra.join("; "))
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
