//! The output formats, and what they share: the per-entry table and the findings list.

pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

/// JSON, indented or compact, and a final newline.
fn write_json(value: &impl serde::Serialize, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    }
    .map_err(io::Error::from)?;
    writeln!(out)
}

use crate::args::Format;
use crate::run::{FileResult, Run};
use crate::text;
use pullpolicy::{Document, Entry, PolicySource, Severity, WrittenAs};
use std::io::{self, Write};

/// Renders `run` (human output is written with ANSI styles: the caller strips them
/// unless colour is on). `pretty` indents JSON and SARIF.
pub fn render(format: Format, run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(run, out),
        Format::Json => json::render(run, pretty, out),
        Format::Sarif => sarif::render(run, pretty, out),
        Format::Markdown => markdown::render(run, out),
        Format::Html => html::render(run, out),
    }
}

/// The core's rule for a document without a pod spec: counted, not listed.
pub const SKIPPED_RULE: &str = "skipped";

/// How a cell should look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Good,
    Bad,
    Muted,
}

/// One row of the per-entry table.
#[derive(Debug)]
pub struct Row<'a> {
    pub file: &'a str,
    pub line: u32,
    pub object: String,
    pub container: String,
    pub image: String,
    pub image_missing: bool,
    pub written: String,
    pub written_tone: Tone,
    pub effective: String,
    pub effective_tone: Tone,
    pub outcome: String,
    pub outcome_tone: Tone,
}

/// Every image-bearing entry of the run, in input order.
pub fn rows(run: &Run) -> Vec<Row<'_>> {
    let mut rows = Vec::new();
    for file in run.explained() {
        for doc in &file.report.documents {
            // Source order reads best next to `file:line` (the core lists entries in
            // the API's validation order).
            let mut entries: Vec<&Entry> = doc.entries.iter().collect();
            entries.sort_by_key(|e| (e.position.line, e.position.column));
            for entry in entries {
                rows.push(row(&file.name, doc, entry));
            }
        }
    }
    rows
}

fn row<'a>(file: &'a str, doc: &Document, entry: &Entry) -> Row<'a> {
    let object = match (&doc.kind, &doc.name) {
        (Some(k), Some(n)) => format!("{k}/{n}"),
        (Some(k), None) => k.clone(),
        (None, Some(n)) => n.clone(),
        (None, None) => "-".to_owned(),
    };
    let container = container_label(entry);
    let (image, image_missing) = match &entry.image.raw {
        Some(raw) => (raw.clone(), false),
        None => (text::NO_IMAGE.to_owned(), true),
    };
    let (written, written_tone) = written(entry);
    let (effective, effective_tone) = effective(entry);
    let (outcome, outcome_tone) = outcome(doc, entry);
    Row {
        file,
        line: entry.position.line,
        object,
        container,
        image,
        image_missing,
        written,
        written_tone,
        effective,
        effective_tone,
        outcome,
        outcome_tone,
    }
}

/// `name`, `init:name`, `sidecar:name`, `ephemeral:name` or `volume:name`.
fn container_label(entry: &Entry) -> String {
    format!(
        "{}{}",
        text::role_prefix(entry.role),
        entry.name.as_deref().unwrap_or("-")
    )
}

fn written(entry: &Entry) -> (String, Tone) {
    let p = &entry.policy;
    match p.written_as {
        WrittenAs::Absent => (text::UNSET.to_owned(), Tone::Muted),
        WrittenAs::Null => (text::NULL.to_owned(), Tone::Muted),
        WrittenAs::Empty => (text::EMPTY.to_owned(), Tone::Muted),
        _ => (p.written.clone().unwrap_or_default(), Tone::Plain),
    }
}

fn effective(entry: &Entry) -> (String, Tone) {
    let p = &entry.policy;
    match (p.effective, p.source) {
        (Some(e), PolicySource::Defaulted) => {
            (format!("{e} ({})", text::SOURCE_DEFAULTED), Tone::Plain)
        }
        (Some(e), PolicySource::Admission) => {
            (format!("{e} ({})", text::SOURCE_ADMISSION), Tone::Plain)
        }
        (Some(e), _) => (e.to_string(), Tone::Plain),
        (None, PolicySource::NotDefaulted) => (text::NOT_DEFAULTED.to_owned(), Tone::Muted),
        (None, _) => (text::REJECTED.to_owned(), Tone::Bad),
    }
}

/// The node simulation's verdict, read generically from the outcome's JSON fields
/// (`reachesNode`, `blockedBy`, `pulls`, `waitingReason`, `started`) so this keeps
/// working as the outcome grows; `-` when there is none.
pub fn outcome(doc: &Document, entry: &Entry) -> (String, Tone) {
    let Some(outcome) = &entry.outcome else {
        return (text::NOT_SIMULATED.to_owned(), Tone::Muted);
    };
    let Ok(serde_json::Value::Object(fields)) = serde_json::to_value(outcome) else {
        return (text::NOT_SIMULATED.to_owned(), Tone::Muted);
    };
    if fields
        .get("reachesNode")
        .and_then(serde_json::Value::as_bool)
        == Some(false)
    {
        return (text::NOT_ON_A_NODE.to_owned(), Tone::Muted);
    }
    if let Some(by) = fields.get("blockedBy").and_then(serde_json::Value::as_str) {
        // Named as in the CONTAINER column when the path is an entry of the object.
        let name = doc
            .entries
            .iter()
            .find(|e| e.path == by)
            .map_or_else(|| by.to_owned(), container_label);
        return (text::blocked_by(&name), Tone::Bad);
    }
    let mut parts = Vec::new();
    match fields.get("pulls").and_then(serde_json::Value::as_bool) {
        Some(true) => parts.push(text::PULL.to_owned()),
        Some(false) => parts.push(text::NO_PULL.to_owned()),
        None => {}
    }
    let waiting = fields
        .get("waitingReason")
        .and_then(serde_json::Value::as_str)
        .filter(|s| !s.is_empty());
    let started = fields.get("started").and_then(serde_json::Value::as_bool);
    let tone = match (waiting, started) {
        (Some(reason), _) => {
            parts.push(reason.to_owned());
            Tone::Bad
        }
        (None, Some(true)) => {
            parts.push(text::STARTS.to_owned());
            Tone::Good
        }
        (None, Some(false)) => {
            parts.push(text::DOES_NOT_START.to_owned());
            Tone::Bad
        }
        (None, None) => Tone::Plain,
    };
    if parts.is_empty() {
        (text::NOT_SIMULATED.to_owned(), Tone::Muted)
    } else {
        (parts.join(", "), tone)
    }
}

/// One line of the findings list.
#[derive(Debug)]
pub struct Item<'a> {
    pub file: &'a str,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub severity: Severity,
    pub rule: &'a str,
    pub message: &'a str,
    pub explanation: &'a str,
    pub fix: Option<&'a str>,
    /// The finding's first link, when it is one the core vouches for.
    pub link: Option<&'static str>,
    /// Related FAQ entries (`pullpolicy faq <id>`).
    pub faq: &'static [&'static str],
    /// The finding's span in the text (UTF-16 offsets), for SARIF's region ends.
    pub span: Option<pullpolicy::Position>,
}

impl Item<'_> {
    /// The FAQ entries the finding relates to (`pullpolicy faq <id>`).
    pub fn related(&self) -> impl Iterator<Item = &'static pullpolicy::faq::FaqEntry> {
        self.faq.iter().filter_map(|id| pullpolicy::faq::entry(id))
    }

    /// `file:line:column`, `file:line` or `file`.
    pub fn location(&self) -> String {
        match (self.line, self.column) {
            (Some(l), Some(c)) => format!("{}:{l}:{c}", self.file),
            (Some(l), None) => format!("{}:{l}", self.file),
            _ => self.file.to_owned(),
        }
    }
}

/// The findings list: per input in order, sorted by position within one; `skipped`
/// findings are only counted. With `inputs`, unreadable inputs are items too (the human
/// format prints them on standard error instead). What kubectl cannot read in a text is
/// a finding of the report (its own rule, on the unreadable document).
#[derive(Debug, Default)]
pub struct Findings<'a> {
    pub items: Vec<Item<'a>>,
    pub skipped: usize,
    pub unreadable: usize,
}

impl Findings<'_> {
    pub fn count(&self, severity: Severity) -> usize {
        self.items.iter().filter(|i| i.severity == severity).count()
    }
}

pub fn findings(run: &Run, inputs: bool) -> Findings<'_> {
    let mut all = Findings::default();
    for file in &run.files {
        let start = all.items.len();
        match file {
            FileResult::Failed(e) => {
                all.unreadable += 1;
                if inputs {
                    all.items.push(Item {
                        file: &e.name,
                        line: e.line,
                        column: e.column,
                        severity: Severity::Error,
                        rule: text::UNREADABLE_RULE,
                        message: &e.message,
                        explanation: "",
                        fix: None,
                        link: None,
                        faq: &[],
                        span: None,
                    });
                }
            }
            FileResult::Explained(e) => {
                // A syntax error is a finding of its own rule (`yaml-syntax`, …) on its
                // unreadable document: no separate item.
                for f in e.report.findings() {
                    if f.rule == SKIPPED_RULE {
                        all.skipped += 1;
                        continue;
                    }
                    all.items.push(Item {
                        file: &e.name,
                        line: Some(f.position.line),
                        column: Some(f.position.column),
                        severity: f.severity,
                        rule: f.rule,
                        message: &f.message,
                        explanation: &f.explanation,
                        fix: f.fix.as_deref(),
                        faq: f.faq,
                        link: trusted_link(f.links.first().copied()),
                        span: Some(f.position),
                    });
                }
            }
        }
        all.items[start..].sort_by_key(|i| (i.line, i.column));
    }
    all
}

/// A link only when the core lists it in [`pullpolicy::LINKS`].
pub fn trusted_link(link: Option<&'static str>) -> Option<&'static str> {
    link.filter(|l| pullpolicy::LINKS.contains(l))
}

/// The core's prose, `text` rendering its plain parts and `code` its code spans.
pub fn prose(s: &str, text: impl Fn(&str) -> String, code: impl Fn(&str) -> String) -> String {
    spans(s)
        .into_iter()
        .map(|(is_code, part)| if is_code { code(part) } else { text(part) })
        .collect()
}

/// Splits the core's prose into text and `code` spans. The core quotes the user's
/// text (images, keys, names) Go-style in double quotes, so backticks inside a quoted
/// string are literal; an unclosed code span leaves it all text.
fn spans(s: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let (mut code, mut quoted, mut escaped) = (false, false, false);
    let mut from = 0;
    for (i, c) in s.char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' if !code => quoted = !quoted,
            '`' if !quoted => {
                out.push((code, &s[from..i]));
                code = !code;
                from = i + 1;
            }
            _ => {}
        }
    }
    if code {
        return vec![(false, s)];
    }
    out.push((false, &s[from..]));
    out.retain(|(_, part)| !part.is_empty());
    out
}

/// The number of characters, for column widths.
pub fn width(s: &str) -> usize {
    s.chars().count()
}

#[cfg(test)]
mod tests {
    use super::spans;

    #[test]
    fn code_spans_are_the_cores_backticks_not_the_users() {
        assert_eq!(
            spans("set `imagePullPolicy` to \"Always\""),
            [
                (false, "set "),
                (true, "imagePullPolicy"),
                (false, " to \"Always\"")
            ]
        );
        // A backtick in a quoted image, even after an escaped quote, is the user's.
        assert_eq!(
            spans("image \"a`b\\\"`c\" is `invalid`"),
            [(false, "image \"a`b\\\"`c\" is "), (true, "invalid")]
        );
        assert_eq!(spans("an `unclosed span"), [(false, "an `unclosed span")]);
        assert_eq!(spans(""), []);
    }
}
