//! `--format markdown`: GitHub-flavoured Markdown for pull-request comments: a title with
//! the counts, the per-entry table, errors and warnings with why and how to fix, and the
//! informational findings folded away. Everything from the input is escaped (pipes
//! included), so a manifest cannot break the table or inject markup.

use super::{Item, findings, rows};
use crate::run::Run;
use crate::text;
use pullpolicy::Severity;
use std::io::{self, Write};

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let rows = rows(run);
    let findings = findings(run, true);
    writeln!(
        out,
        "### {}\n",
        text::markdown_title(
            findings.count(Severity::Error),
            findings.count(Severity::Warning),
            findings.count(Severity::Info)
        )
    )?;

    if rows.is_empty() {
        writeln!(out, "{}\n", text::NO_ENTRIES)?;
    } else {
        writeln!(out, "| {} |", text::MD_COLUMNS.join(" | "))?;
        writeln!(out, "|{}", " --- |".repeat(text::MD_COLUMNS.len()))?;
        for r in &rows {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} |",
                code(&format!("{}:{}", r.file, r.line), true),
                escape(&r.object),
                escape(&r.container),
                if r.image_missing {
                    escape(&r.image)
                } else {
                    code(&r.image, true)
                },
                if r.written_tone == super::Tone::Plain {
                    code(&r.written, true)
                } else {
                    escape(&r.written)
                },
                escape(&r.effective),
                escape(&r.outcome),
            )?;
        }
        writeln!(out)?;
    }

    writeln!(out, "**{}**\n", text::FINDINGS_HEADING)?;
    let (serious, infos): (Vec<&Item<'_>>, Vec<&Item<'_>>) = findings
        .items
        .iter()
        .partition(|i| i.severity >= Severity::Warning);
    if findings.items.is_empty() {
        writeln!(out, "{}\n", text::NO_FINDINGS)?;
    }
    for item in &serious {
        writeln!(out, "{}", list_item(item, Some(&run.playground_url)))?;
    }
    if !serious.is_empty() {
        writeln!(out)?;
    }
    if !infos.is_empty() {
        writeln!(
            out,
            "<details>\n<summary>{}</summary>\n",
            escape(&text::info_details(infos.len(), !serious.is_empty()))
        )?;
        for item in &infos {
            writeln!(out, "{}", list_item(item, None))?;
        }
        writeln!(out, "\n</details>\n")?;
    }
    if findings.skipped > 0 {
        writeln!(out, "{}.\n", text::skipped_documents(findings.skipped))?;
    }
    writeln!(
        out,
        "<sub>{}</sub>",
        escape(&text::footer(env!("CARGO_PKG_VERSION"), &run.options))
    )
}

/// A finding as a list item; `details` (the playground's URL) adds the explanation, the
/// fix and the related FAQ questions, linked to their answers in the playground.
fn list_item(item: &Item<'_>, details: Option<&str>) -> String {
    let rule = match item.link {
        Some(link) => format!("[{}]({link})", code(item.rule, false)),
        None => code(item.rule, false),
    };
    let mut line = format!(
        "- **{}** {} {rule}: {}",
        item.severity.as_str(),
        code(&item.location(), false),
        prose(item.message)
    );
    if let Some(playground) = details {
        if !item.explanation.is_empty() {
            line.push_str("<br>");
            line.push_str(&prose(item.explanation));
        }
        if let Some(fix) = item.fix {
            line.push_str("<br>");
            line.push_str(&format!("{}: {}", capitalize(text::FIX), code(fix, false)));
        }
        let base = super::html::playground_base(playground);
        for e in item.related() {
            line.push_str(&format!(
                "<br>{}: [{}]({base}#faq-{})",
                text::FAQ_LABEL,
                prose(e.question),
                e.id
            ));
        }
    }
    line
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The core's prose: escaped text, its `code` spans as code.
fn prose(s: &str) -> String {
    super::prose(s, escape, |part| code(part, false))
}

/// Text with Markdown and HTML syntax escaped, on one line.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out
}

/// An inline code span holding `s` exactly (a fence longer than any backtick run in it);
/// in a table, pipes are escaped as GitHub requires even inside code.
pub fn code(s: &str, in_table: bool) -> String {
    let mut body: String = s
        .chars()
        .map(|c| {
            if matches!(c, '\n' | '\r' | '\t') {
                ' '
            } else {
                c
            }
        })
        .collect();
    if in_table {
        body = body.replace('|', "\\|");
    }
    let mut longest = 0;
    let mut run = 0;
    for c in body.chars() {
        if c == '`' {
            run += 1;
            longest = longest.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest + 1);
    let pad = if body.starts_with('`') || body.ends_with('`') || body.is_empty() {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{body}{pad}{fence}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape("a|b <x> *y* [z]"), "a\\|b &lt;x&gt; \\*y\\* \\[z\\]");
        assert_eq!(code("a|b", true), "`a\\|b`");
        assert_eq!(code("a`b", false), "``a`b``");
        assert_eq!(code("`a", false), "`` `a ``");
        assert_eq!(prose("use `a|b` or *c*"), "use `a|b` or \\*c\\*");
        assert_eq!(prose("odd ` tick"), "odd \\` tick");
    }
}
