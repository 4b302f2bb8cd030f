//! `--format sarif`: SARIF 2.1.0 (one run), valid against the OASIS schema: one result
//! per finding, rejection no finding carries, and YAML syntax error, with regions
//! (`startLine`/`startColumn`, and `endLine`/`endColumn` when the finding spans text;
//! columns count Unicode code points) and rule metadata from the core's registry
//! (`pullpolicy::rules`: `shortDescription`, `fullDescription`, `help`, `helpUri`).
//! Inputs that could not be read are `toolExecutionNotifications`, with
//! `executionSuccessful: false`.

use crate::run::Run;
use crate::text;
use pullpolicy::{Position, Severity};
use pullpolicy_view::inputs::{Item, items};
use pullpolicy_view::model::Origin;
use pullpolicy_view::share::{Keep, percent_encode_into};
use pullpolicy_view::text::{Span, Text};
use serde_sarif::sarif::{
    ArtifactLocation, Invocation, Location, Message, MultiformatMessageString, Notification,
    PhysicalLocation, PropertyBag, Region, ReportingDescriptor, Result as SarifResult, ResultLevel,
    Run as SarifRun, Sarif, Tool, ToolComponent,
};
use std::collections::{BTreeMap, HashMap};
use std::io::{self, Write};

pub fn render(run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    super::write_json(&build(run), pretty, out)
}

/// The core's prose as it wrote it: code spans in backticks.
pub(crate) fn backticked(t: &Text<'_>) -> String {
    let mut out = String::new();
    for span in &t.0 {
        match span {
            Span::Plain(s) | Span::Link(s, _) => out.push_str(s),
            Span::Code(s) => {
                out.push('`');
                out.push_str(s);
                out.push('`');
            }
        }
    }
    out
}

fn build(run: &Run) -> Sarif {
    let inputs = super::inputs(run);
    let mut rules: Vec<ReportingDescriptor> = Vec::new();
    let mut rule_index: HashMap<&str, usize> = HashMap::new();
    let mut results = Vec::new();

    let mut regions = Regions::new(run.explained().map(|e| (e.name.as_str(), e.text.as_str())));

    for item in items(&inputs, true) {
        let f = &item.finding;
        if f.origin == Origin::Input {
            continue;
        }
        let index = *rule_index.entry(f.id).or_insert_with(|| {
            rules.push(rule(&item));
            rules.len() - 1
        });
        let region = regions.of(item.file, &f.position);
        results.push(result(&item, index, region));
    }

    document(rules, results, run.failed())
}

/// The SARIF result of one finding, with its rule's index and its region (the whole-run
/// and the streamed renderers).
pub(crate) fn result(item: &Item<'_>, index: usize, region: Region) -> SarifResult {
    let f = &item.finding;
    finding_result(
        item.file,
        f.id.to_owned(),
        index,
        f.severity,
        backticked(&f.message),
        backticked(&f.explanation),
        f.fix,
        region,
    )
}

/// A finding's SARIF result: of input `file`, rule `id` (at `index` in the rules), at
/// `region`; its explanation and fix (when there are) as properties. The explanation's
/// and the diagnosis's results alike.
#[allow(clippy::too_many_arguments)]
pub(crate) fn finding_result(
    file: &str,
    id: String,
    index: usize,
    severity: pullpolicy::Severity,
    message: String,
    explanation: String,
    fix: Option<&str>,
    region: Region,
) -> SarifResult {
    let mut properties = BTreeMap::new();
    if !explanation.is_empty() {
        properties.insert("explanation".to_owned(), explanation.into());
    }
    if let Some(fix) = fix {
        properties.insert("fix".to_owned(), fix.into());
    }
    let mut result = SarifResult::builder()
        .rule_id(id)
        .rule_index(i64::try_from(index).unwrap_or(-1))
        .level(level(severity))
        .message(Message::builder().text(message).build())
        .locations(vec![location(file, Some(region))])
        .build();
    if !properties.is_empty() {
        result.properties = Some(
            PropertyBag::builder()
                .additional_properties(properties)
                .build(),
        );
    }
    result
}

/// The SARIF document of one run: the tool with its `rules`, the `results`, and each
/// input that could not be read as a tool execution notification (explain and diagnose).
pub(crate) fn document<'a>(
    rules: Vec<ReportingDescriptor>,
    results: Vec<SarifResult>,
    failed: impl Iterator<Item = &'a crate::input::InputError>,
) -> Sarif {
    let notifications: Vec<Notification> = failed
        .map(|e| {
            let region = e.line.map(|l| {
                Region::builder()
                    .start_line(i64::from(l.max(1)))
                    .start_column(i64::from(e.column.unwrap_or(1).max(1)))
                    .build()
            });
            Notification::builder()
                .level("error")
                .message(Message::builder().text(e.message.as_str()).build())
                .locations(vec![location(&e.name, region)])
                .build()
        })
        .collect();
    let mut invocation = Invocation::builder()
        .execution_successful(notifications.is_empty())
        .build();
    if !notifications.is_empty() {
        invocation.tool_execution_notifications = Some(notifications);
    }

    let mut driver = ToolComponent::builder()
        .name("pullpolicy")
        .version(env!("CARGO_PKG_VERSION"))
        .rules(rules)
        .build();
    let repository = env!("CARGO_PKG_REPOSITORY");
    if !repository.is_empty() {
        driver.information_uri = Some(repository.to_owned());
    }
    let sarif_run = SarifRun::builder()
        .tool(Tool::builder().driver(driver).build())
        .invocations(vec![invocation])
        .column_kind("unicodeCodePoints")
        .results(results)
        .build();
    Sarif::builder()
        .schema(text::SARIF_SCHEMA)
        .version("2.1.0")
        .runs(vec![sarif_run])
        .build()
}

/// The rule's metadata, from the registry (an id it does not have yet: its first
/// finding's message).
pub(crate) fn rule(item: &Item<'_>) -> ReportingDescriptor {
    let f = &item.finding;
    let message = backticked(&f.message);
    let text = |s: &str| MultiformatMessageString::builder().text(s).build();
    let mut descriptor = ReportingDescriptor::builder()
        .id(f.id)
        .short_description(text(match f.rule {
            Some(rule) => rule.title(),
            None => &message,
        }))
        .build();
    if let Some(rule) = f.rule {
        descriptor.full_description = Some(text(rule.help()));
        descriptor.help = Some(text(rule.help()));
        descriptor.help_uri = rule.help_uri().map(str::to_owned);
    }
    descriptor
}

pub(crate) fn level(s: Severity) -> ResultLevel {
    match s {
        Severity::Error => ResultLevel::Error,
        Severity::Warning => ResultLevel::Warning,
        Severity::Info => ResultLevel::Note,
    }
}

pub(crate) fn location(name: &str, region: Option<Region>) -> Location {
    let mut physical = PhysicalLocation::builder()
        .artifact_location(ArtifactLocation::builder().uri(uri(name)).build())
        .build();
    physical.region = region;
    Location::builder().physical_location(physical).build()
}

/// A URI reference for an input: relative paths stay relative (`/`-separated,
/// percent-encoded), absolute ones become `file://` URIs, standard input is `stdin`.
pub fn uri(name: &str) -> String {
    if name == text::STDIN_NAME {
        return text::STDIN_URI.to_owned();
    }
    let path = name.replace('\\', "/");
    let mut out = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    percent_encode_into(&path, Keep::Path, &mut out);
    out
}
/// The SARIF regions of the findings of several inputs, by name: each region's start,
/// and its end where the input's text is at hand.
pub(crate) struct Regions<'t> {
    texts: HashMap<&'t str, &'t str>,
    lines: HashMap<&'t str, Lines>,
}

impl<'t> Regions<'t> {
    /// Over the texts of the inputs that were read, by name.
    pub(crate) fn new(texts: impl IntoIterator<Item = (&'t str, &'t str)>) -> Regions<'t> {
        Regions {
            texts: texts.into_iter().collect(),
            lines: HashMap::new(),
        }
    }

    /// The region of `position` in the input named `file`.
    pub(crate) fn of(&mut self, file: &'t str, p: &Position) -> Region {
        match self.texts.get(file) {
            Some(text) => self.lines.entry(file).or_default().region(text, p),
            None => start(p),
        }
    }
}

/// A region with only a start: the core's line and column.
fn start(p: &Position) -> Region {
    Region::builder()
        .start_line(i64::from(p.line.max(1)))
        .start_column(i64::from(p.column.max(1)))
        .build()
}

/// Maps the core's UTF-16 offsets in one input's text to 1-based lines (ended by `\n`)
/// and code-point columns, for the ends of SARIF regions. The one index of the whole
/// renderer, the streamed SARIF writer and the streamed diagnosis: it keeps the start of
/// every [`Lines::EVERY`]th line, counted only as far as a query has reached, and the
/// line the last query ended on. Findings met in order of position cost one walk over
/// the text (each line's end found once, by memchr); a finding before the last one
/// starts from the mark before it. Every call must pass the same text.
#[derive(Debug, Default)]
pub(crate) struct Lines {
    /// (byte, UTF-16 offset) of lines 0, EVERY, 2·EVERY, … as far as counted (line 0's
    /// is implied: the list starts with line EVERY's).
    marks: Vec<(usize, u32)>,
    /// The line the last query ended on, and the line before it when known.
    last: Option<(Line, Option<Line>)>,
    /// Where the last count of columns on a line that is not ASCII stopped.
    point: Option<Point>,
}

/// Where a count of columns on a line that is not ASCII stopped: the next query on
/// that line at or after it goes on from there (findings come in order of position).
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    /// The line's index.
    line: usize,
    /// Bytes from the line's start.
    byte: usize,
    /// The UTF-16 offset there.
    units: u32,
    /// The 1-based column there.
    column: u32,
}

/// One line of the text.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// 0-based.
    index: usize,
    byte: usize,
    off16: u32,
    /// Where its text ends: before the `\r`s before its `\n`.
    text_end: usize,
    /// The next line's byte and UTF-16 offset, when a `\n` ends this one.
    next: Option<(usize, u32)>,
    /// Its text is ASCII: a column is an offset.
    ascii: bool,
}

impl Line {
    fn at(text: &str, index: usize, byte: usize, off16: u32) -> Line {
        let rest = text.get(byte..).unwrap_or_default();
        let nl = memchr::memchr(b'\n', rest.as_bytes());
        let own = &rest[..nl.unwrap_or(rest.len())];
        let ascii = own.is_ascii();
        let next = nl.map(|nl| {
            let len16 = if ascii {
                own.len()
            } else {
                own.encode_utf16().count()
            } + 1;
            (
                byte + nl + 1,
                off16.saturating_add(u32::try_from(len16).unwrap_or(u32::MAX)),
            )
        });
        Line {
            index,
            byte,
            off16,
            text_end: byte + own.trim_end_matches('\r').len(),
            next,
            ascii,
        }
    }

    fn text<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.byte..self.text_end).unwrap_or_default()
    }

    /// The 1-based column of UTF-16 offset `off16` on this line (past its text: the
    /// column after it), counted from `from` (a [`Point`] of this line at or before
    /// `off16`, or its start); and the point the count stopped at.
    fn column(&self, text: &str, off16: u32, from: Option<Point>) -> (u32, Point) {
        let own = self.text(text);
        if self.ascii {
            let units = usize::try_from(off16.saturating_sub(self.off16)).unwrap_or(usize::MAX);
            let column = u32::try_from(units.min(own.len()) + 1).unwrap_or(u32::MAX);
            return (column, Point::default());
        }
        let mut at = from
            .filter(|p| p.line == self.index && p.units <= off16)
            .unwrap_or(Point {
                line: self.index,
                byte: 0,
                units: self.off16,
                column: 1,
            });
        // Character by character, a run of ASCII bytes at a time.
        while at.units < off16 {
            let rest = own.get(at.byte..).unwrap_or_default();
            let want = usize::try_from(off16 - at.units).unwrap_or(usize::MAX);
            let run = &rest.as_bytes()[..want.min(rest.len())];
            let ascii = run.iter().position(|b| !b.is_ascii()).unwrap_or(run.len());
            if ascii > 0 {
                let n = u32::try_from(ascii).unwrap_or(u32::MAX);
                at.byte += ascii;
                at.units += n;
                at.column += n;
                continue;
            }
            let Some(c) = rest.chars().next() else {
                break;
            };
            at.units += u32::try_from(c.len_utf16()).unwrap_or(1);
            at.column += 1;
            at.byte += c.len_utf8();
        }
        (at.column, at)
    }

    /// The column after its text.
    fn end_column(&self, text: &str) -> u32 {
        let own = self.text(text);
        let chars = if self.ascii {
            own.len()
        } else {
            own.chars().count()
        };
        u32::try_from(chars + 1).unwrap_or(u32::MAX)
    }
}

impl Lines {
    const EVERY: usize = 64;

    /// The mark at or before line `index`, or line 0.
    fn mark(&self, text: &str, k: usize) -> Line {
        match k.checked_sub(1).and_then(|k| self.marks.get(k)) {
            Some(&(byte, off16)) => Line::at(text, k * Self::EVERY, byte, off16),
            None => Line::at(text, 0, 0, 0),
        }
    }

    /// The line after `line` (which a `\n` ends), marked if it is the first of its kind.
    fn after(&mut self, text: &str, line: &Line, (byte, off16): (usize, u32)) -> Line {
        let index = line.index + 1;
        if index.is_multiple_of(Self::EVERY) && index / Self::EVERY == self.marks.len() + 1 {
            self.marks.push((byte, off16));
        }
        Line::at(text, index, byte, off16)
    }

    /// The line holding UTF-16 offset `off16`, and the line before it when known.
    fn line_of(&mut self, text: &str, off16: u32) -> (Line, Option<Line>) {
        let k = self.marks.partition_point(|m| m.1 <= off16);
        let (mut line, mut before) = match self.last {
            Some((last, before)) if last.off16 <= off16 && last.index >= k * Self::EVERY => {
                (last, before)
            }
            _ => (self.mark(text, k), None),
        };
        while let Some(next) = line.next.filter(|n| n.1 <= off16) {
            let after = self.after(text, &line, next);
            before = Some(line);
            line = after;
        }
        self.last = Some((line, before));
        (line, before)
    }

    /// Line `index`, which a query has reached.
    fn line(&mut self, text: &str, index: usize) -> Line {
        let mut line = self.mark(text, (index / Self::EVERY).min(self.marks.len()));
        while line.index < index {
            match line.next {
                Some(next) => line = self.after(text, &line, next),
                None => break,
            }
        }
        line
    }

    /// The 1-based line and column of UTF-16 offset `off16`.
    #[cfg(test)]
    fn locate(&mut self, text: &str, off16: u32) -> (u32, u32) {
        let (line, _) = self.line_of(text, off16);
        (
            u32::try_from(line.index + 1).unwrap_or(u32::MAX),
            self.column(text, &line, off16),
        )
    }

    /// [`Line::column`], going on from the last count on that line.
    fn column(&mut self, text: &str, line: &Line, off16: u32) -> u32 {
        let (column, point) = line.column(text, off16, self.point);
        if !line.ascii {
            self.point = Some(point);
        }
        column
    }

    /// SARIF's `endLine` (the last character's line) and `endColumn` (the column after
    /// it), when they lie after the start.
    fn end(&mut self, text: &str, pos: &Position) -> Option<(u32, u32)> {
        let (line, before) = self.line_of(text, pos.end16);
        let mut number = u32::try_from(line.index + 1).unwrap_or(u32::MAX);
        let mut column = self.column(text, &line, pos.end16);
        if column == 1 && number > pos.line && line.index > 0 {
            // The span ends with a line break: it ends after the previous line's text.
            let previous = match before {
                Some(b) => b,
                None => self.line(text, line.index - 1),
            };
            number -= 1;
            column = previous.end_column(text);
        }
        ((number, column) > (pos.line, pos.column)).then_some((number, column))
    }

    /// The region of `p`: its start, and its end when it spans text.
    pub(crate) fn region(&mut self, text: &str, p: &Position) -> Region {
        let mut region = start(p);
        if p.end16 > p.offset16
            && let Some((line, column)) = self.end(text, p)
        {
            region.end_line = Some(i64::from(line));
            region.end_column = Some(i64::from(column));
        }
        region
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_encoded() {
        assert_eq!(uri("k8s/my app.yaml"), "k8s/my%20app.yaml");
        assert_eq!(uri("/tmp/a:b.yaml"), "file:///tmp/a%3Ab.yaml");
        assert_eq!(uri(text::STDIN_NAME), "stdin");
    }

    #[test]
    fn ends_count_code_points() {
        // "é" is one unit, "🐳" two.
        let text = "a: é🐳x\nb: y\n";
        let mut lines = Lines::default();
        assert_eq!(lines.locate(text, 0), (1, 1));
        assert_eq!(lines.locate(text, 3), (1, 4));
        assert_eq!(lines.locate(text, 4), (1, 5));
        assert_eq!(lines.locate(text, 6), (1, 6));
        assert_eq!(lines.locate(text, 8), (2, 1));
        let pos = Position {
            line: 1,
            column: 4,
            offset16: 3,
            end16: 8,
        };
        assert_eq!(lines.end(text, &pos), Some((1, 7)));
    }

    /// The ends as an index of every line computes them (the renderer's index before
    /// the sparse one; the spec of `Lines::end`).
    fn every_line_end(text: &str, pos: &Position) -> Option<(u32, u32)> {
        let (mut line, mut column) = every_line_locate(text, pos.end16);
        if column == 1 && line > pos.line {
            line -= 1;
            column = every_line_text(text, line as usize - 1).chars().count() as u32 + 1;
        }
        ((line, column) > (pos.line, pos.column)).then_some((line, column))
    }

    fn every_line_starts(text: &str) -> Vec<(usize, u32)> {
        let mut starts = vec![(0, 0u32)];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                let (byte, off16) = *starts.last().unwrap();
                let len16 = text[byte..=i].encode_utf16().count() as u32;
                starts.push((i + 1, off16 + len16));
            }
        }
        starts
    }

    fn every_line_text(text: &str, index: usize) -> &str {
        let starts = every_line_starts(text);
        let end = starts.get(index + 1).map_or(text.len(), |s| s.0);
        text[starts[index].0..end].trim_end_matches(['\n', '\r'])
    }

    fn every_line_locate(text: &str, off16: u32) -> (u32, u32) {
        let starts = every_line_starts(text);
        let index = starts.partition_point(|s| s.1 <= off16) - 1;
        let mut units = starts[index].1;
        let mut column: u32 = 1;
        for c in every_line_text(text, index).chars() {
            if units >= off16 {
                break;
            }
            units += c.len_utf16() as u32;
            column += 1;
        }
        (index as u32 + 1, column)
    }

    /// Every span of generated texts (ASCII and not, `\r\n`, lone `\r`, empty lines,
    /// no final line break, hundreds of lines so that marks are used), asked in order,
    /// backwards and at random of one `Lines`, ends where an index of every line ends it.
    #[test]
    fn sparse_ends_are_every_line_ends() {
        let mut seed: u64 = 2535;
        let mut next = move |n: u64| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) % n
        };
        let pieces = [
            "a",
            "key: value",
            "é",
            "🐳",
            "\r",
            "\r\n",
            "\n",
            "\n",
            "  - x",
            "",
        ];
        for round in 0..12 {
            let lines = [3, 70, 200, 400][round % 4];
            let mut text = String::new();
            while text.matches('\n').count() < lines {
                text.push_str(pieces[next(pieces.len() as u64) as usize]);
            }
            if round % 3 == 0 {
                text.push_str("tail é");
            }
            let len16 = text.encode_utf16().count() as u32;
            let mut spans = Vec::new();
            let mut found = 0;
            for _ in 0..400 {
                let start = next(u64::from(len16) + 1) as u32;
                let end = start + 1 + next(200) as u32;
                // Half of them where the start really is (the line and column of the
                // end of an empty span at it), half anywhere.
                let (line, column) = match next(2) {
                    0 => every_line_locate(&text, start),
                    _ => (
                        1 + next(u64::try_from(lines).unwrap() + 2) as u32,
                        1 + next(8) as u32,
                    ),
                };
                let pos = Position {
                    line,
                    column,
                    offset16: start,
                    end16: end,
                };
                found += usize::from(every_line_end(&text, &pos).is_some());
                spans.push(pos);
            }
            assert!(found > 200, "{found} spans with an end");
            spans.sort_by_key(|p| p.offset16);
            let mut orders = vec![spans.clone(), spans.iter().rev().copied().collect()];
            let mut shuffled = spans.clone();
            for i in (1..shuffled.len()).rev() {
                shuffled.swap(i, next(i as u64 + 1) as usize);
            }
            orders.push(shuffled);
            for order in orders {
                let mut sparse = Lines::default();
                for pos in &order {
                    assert_eq!(
                        sparse.end(&text, pos),
                        every_line_end(&text, pos),
                        "{pos:?} in {text:?}"
                    );
                }
            }
        }
    }
}
