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
/// The SARIF region of a finding: its start, and its end where the input's text is at
/// hand (line starts counted once per file, on first use).
pub(crate) struct Regions<'t> {
    texts: HashMap<&'t str, &'t str>,
    lines: HashMap<&'t str, Lines<'t>>,
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
        let mut region = Region::builder()
            .start_line(i64::from(p.line.max(1)))
            .start_column(i64::from(p.column.max(1)))
            .build();
        if p.end16 > p.offset16
            && let Some(text) = self.texts.get(file)
        {
            let lines = self.lines.entry(file).or_insert_with(|| Lines::new(text));
            if let Some((end_line, end_column)) = lines.end(p) {
                region.end_line = Some(i64::from(end_line));
                region.end_column = Some(i64::from(end_column));
            }
        }
        region
    }
}

/// Maps the core's UTF-16 offsets to 1-based lines and code-point columns.
struct Lines<'t> {
    text: &'t str,
    /// Byte and UTF-16 offset of each line's first character.
    starts: Vec<(usize, u32)>,
}

impl<'t> Lines<'t> {
    fn new(text: &'t str) -> Lines<'t> {
        let mut starts = vec![(0, 0)];
        let mut off16: u32 = 0;
        let mut line_start = 0;
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                let line = &text[line_start..=i];
                let len16 = if line.is_ascii() {
                    line.len()
                } else {
                    line.encode_utf16().count()
                };
                off16 = off16.saturating_add(u32::try_from(len16).unwrap_or(u32::MAX));
                line_start = i + 1;
                starts.push((line_start, off16));
            }
        }
        Lines { text, starts }
    }

    fn line_text(&self, index: usize) -> &'t str {
        let start = self.starts[index].0;
        let end = self.starts.get(index + 1).map_or(self.text.len(), |s| s.0);
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    /// The 1-based line and column of a UTF-16 offset.
    fn locate(&self, off16: u32) -> (u32, u32) {
        let index = self
            .starts
            .partition_point(|s| s.1 <= off16)
            .saturating_sub(1);
        let mut units = self.starts[index].1;
        let mut column: u32 = 1;
        for c in self.line_text(index).chars() {
            if units >= off16 {
                break;
            }
            units += u32::try_from(c.len_utf16()).unwrap_or(1);
            column += 1;
        }
        (u32::try_from(index + 1).unwrap_or(u32::MAX), column)
    }

    /// SARIF's `endLine` (the last character's line) and `endColumn` (the column after
    /// it), when they lie after the start.
    fn end(&self, pos: &Position) -> Option<(u32, u32)> {
        let (mut line, mut column) = self.locate(pos.end16);
        if column == 1 && line > pos.line {
            // The span ends with a line break: it ends after the previous line's text.
            line -= 1;
            let text = self.line_text(usize::try_from(line - 1).unwrap_or(0));
            column = u32::try_from(text.chars().count() + 1).unwrap_or(u32::MAX);
        }
        ((line, column) > (pos.line, pos.column)).then_some((line, column))
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
        let lines = Lines::new("a: é🐳x\nb: y\n");
        assert_eq!(lines.locate(0), (1, 1));
        assert_eq!(lines.locate(3), (1, 4));
        assert_eq!(lines.locate(4), (1, 5));
        assert_eq!(lines.locate(6), (1, 6));
        assert_eq!(lines.locate(8), (2, 1));
        let pos = Position {
            line: 1,
            column: 4,
            offset16: 3,
            end16: 8,
        };
        assert_eq!(lines.end(&pos), Some((1, 7)));
    }
}
