//! The streamed outputs of `pullpolicy diagnose`: each input's diagnosis is handed out
//! part by part (`pullpolicy::diagnose::diagnose_each`: the pieces, then each pod and
//! each diagnosis, then the rest of the report) and each part is written, or spilled
//! ([`Spill`]) where the format prints it later, and dropped. The outputs are those of
//! the whole-run renderers (`crate::diagnose::render`), which the tests compare them
//! with.

use crate::diagnose::{JsonError, JsonFile, Last, Output, SCHEMA_VERSION, json_tool};
use crate::input::InputError;
use crate::sink::spill::Spill;
use pullpolicy::diagnose::FailureClass;
use pullpolicy::diagnose::{
    DIAGNOSIS_SCHEMA_VERSION, DiagnoseOptions, DiagnosisReport, DiagnosisSummary, Part, PodVerdict,
};
use pullpolicy_view::diagnosis::{self as view, DiagnosisInput};
use serde_sarif::sarif::ReportingDescriptor;
use std::io::{self, Write};

/// One streamed output.
pub trait DiagnosisSink {
    /// An input starts.
    fn begin(&mut self, name: &str) -> io::Result<()>;
    /// The next part of its report.
    fn part(&mut self, name: &str, text: &str, part: Part) -> io::Result<()>;
    /// The rest of its report.
    fn end(&mut self, name: &str, text: &str, rest: &DiagnosisReport) -> io::Result<()>;
    /// An input that could not be read.
    fn failed(&mut self, e: &InputError) -> io::Result<()>;
    /// The run is over.
    fn finish(&mut self) -> io::Result<()>;
}

/// `{"schemaVersion":N,"pieces":[],"pods":[],"diagnoses":[]`: how a report handed out
/// part by part starts when serialized ([`rest_of`] checks it).
fn empty_start() -> String {
    format!(
        "{{\"schemaVersion\":{DIAGNOSIS_SCHEMA_VERSION},\"pieces\":[],\"pods\":[],\"diagnoses\":[]"
    )
}

/// The serialized rest of a report after its diagnoses (`,"skew":…}`).
fn rest_of(rest: &DiagnosisReport) -> io::Result<String> {
    let json = serde_json::to_string(rest)?;
    json.strip_prefix(&empty_start())
        .map(str::to_owned)
        .ok_or_else(|| io::Error::other("unexpected diagnosis report layout"))
}

/// `--format json` (compact; the caller indents it with `sink::pretty`) and `--format
/// jsonl`.
pub struct Json<'w> {
    out: &'w mut dyn Write,
    options: DiagnoseOptions,
    lines: bool,
    files: usize,
    pods: usize,
    diagnoses: usize,
    spill: Spill,
}

impl<'w> Json<'w> {
    pub fn new(out: &'w mut dyn Write, options: DiagnoseOptions, lines: bool) -> io::Result<Self> {
        if !lines {
            let start = serde_json::to_string(&Output {
                schema_version: SCHEMA_VERSION,
                tool: json_tool(),
                options: &options,
                files: Vec::new(),
            })?;
            let start = start
                .strip_suffix("[]}")
                .ok_or_else(|| io::Error::other("unexpected envelope layout"))?;
            out.write_all(start.as_bytes())?;
            out.write_all(b"[")?;
        }
        Ok(Json {
            out,
            options,
            lines,
            files: 0,
            pods: 0,
            diagnoses: 0,
            spill: Spill::new(),
        })
    }

    fn next_file(&mut self) -> io::Result<()> {
        if !self.lines && self.files > 0 {
            self.out.write_all(b",")?;
        }
        self.files += 1;
        Ok(())
    }
}

impl DiagnosisSink for Json<'_> {
    fn begin(&mut self, name: &str) -> io::Result<()> {
        self.next_file()?;
        let path = serde_json::to_string(&JsonFile {
            path: name,
            report: None,
            error: None,
        })?;
        let path = path
            .strip_suffix('}')
            .ok_or_else(|| io::Error::other("unexpected file layout"))?;
        self.out.write_all(path.as_bytes())?;
        self.out.write_all(b",\"report\":")?;
        self.pods = 0;
        self.diagnoses = 0;
        self.spill = Spill::new();
        Ok(())
    }

    fn part(&mut self, _: &str, _: &str, part: Part) -> io::Result<()> {
        match part {
            Part::Pieces(pieces) => {
                write!(
                    self.out,
                    "{{\"schemaVersion\":{DIAGNOSIS_SCHEMA_VERSION},\"pieces\":"
                )?;
                serde_json::to_writer(&mut *self.out, &pieces)?;
                self.out.write_all(b",\"pods\":[")?;
            }
            Part::Pod(p) => {
                if self.pods > 0 {
                    self.out.write_all(b",")?;
                }
                self.pods += 1;
                serde_json::to_writer(&mut *self.out, &p)?;
            }
            Part::Diagnosis(d) => {
                let mut buf = Vec::with_capacity(8192);
                if self.diagnoses > 0 {
                    buf.push(b',');
                }
                self.diagnoses += 1;
                serde_json::to_writer(&mut buf, &d)?;
                self.spill.write(&buf)?;
            }
        }
        Ok(())
    }

    fn end(&mut self, _: &str, _: &str, rest: &DiagnosisReport) -> io::Result<()> {
        self.out.write_all(b"],\"diagnoses\":[")?;
        io::copy(&mut self.spill.reader()?, &mut self.out)?;
        self.spill = Spill::new();
        self.out.write_all(b"]")?;
        self.out.write_all(rest_of(rest)?.as_bytes())?;
        self.out.write_all(b"}")?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.next_file()?;
        serde_json::to_writer(
            &mut *self.out,
            &JsonFile {
                path: &e.name,
                report: None,
                error: Some(JsonError {
                    message: &e.message,
                    line: e.line,
                    column: e.column,
                }),
            },
        )?;
        if self.lines {
            self.out.write_all(b"\n")?;
        }
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        if self.lines {
            serde_json::to_writer(
                &mut *self.out,
                &Last {
                    schema_version: SCHEMA_VERSION,
                    tool: json_tool(),
                    options: &self.options,
                    files: self.files,
                },
            )?;
        } else {
            self.out.write_all(b"]}")?;
        }
        self.out.write_all(b"\n")?;
        self.out.flush()
    }
}

// ---------------------------------------------------------------------------------------
// The view's documents, a part at a time.
//
// The terminal, Markdown and HTML documents are `pullpolicy_view::diagnosis`'s: each part
// is rendered by it, in a report of its own that holds only that part, and cut out of
// that document at the lines its structure puts around it (the cuts are checked by the
// differential tests against the whole document).

/// A report holding nothing but `summary`.
fn bare(summary: DiagnosisSummary) -> DiagnosisReport {
    DiagnosisReport {
        schema_version: DIAGNOSIS_SCHEMA_VERSION,
        pieces: Vec::new(),
        pods: Vec::new(),
        diagnoses: Vec::new(),
        skew: Vec::new(),
        nodes: Vec::new(),
        findings: Vec::new(),
        summary: DiagnosisSummary::default(),
    }
    .with_summary(summary)
}

trait WithSummary {
    fn with_summary(self, summary: DiagnosisSummary) -> Self;
}

impl WithSummary for DiagnosisReport {
    fn with_summary(mut self, summary: DiagnosisSummary) -> Self {
        self.summary = summary;
        self
    }
}

/// The byte offset where the last `n` lines of `s` start (`s` ends with a line break).
fn last_lines(s: &str, n: usize) -> usize {
    let b = s.as_bytes();
    let mut at = b.len();
    for _ in 0..n {
        // Past this line's break, back to the previous one.
        at = b[..at.saturating_sub(1)]
            .iter()
            .rposition(|&c| c == b'\n')
            .map_or(0, |i| i + 1);
    }
    at
}

/// The byte offset just past the first `n` lines of `s`.
fn first_lines(s: &str, n: usize) -> usize {
    let mut at = 0;
    for _ in 0..n {
        at += s[at..].find('\n').map_or(s.len() - at, |i| i + 1);
    }
    at
}

/// What a document renders: the view's terminal, Markdown or HTML document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Doc {
    Terminal,
    Markdown,
    Html,
}

fn render(doc: Doc, inputs: &[DiagnosisInput<'_>]) -> String {
    match doc {
        Doc::Terminal => view::terminal(inputs, crate::text::program()),
        Doc::Markdown => view::markdown(inputs, &crate::diagnose::playground()),
        Doc::Html => view::html(inputs, &crate::diagnose::playground()).into_string(),
    }
}

fn report<'a>(name: &'a str, report: &'a DiagnosisReport) -> [DiagnosisInput<'a>; 1] {
    [DiagnosisInput::Report { name, report }]
}

type Entry = (u32, u32, u8, u32, u32, u64, u32);

/// Findings kept for the end, each rendered, in the order the view lists them: by
/// position within an input (`view::items`: a stable sort of the report's findings,
/// then each diagnosis's).
struct Findings {
    spill: Spill,
    /// Per input: (offset16, line, the report's own first, arrival, tag, start,
    /// length).
    inputs: Vec<Vec<Entry>>,
    buf: Vec<u8>,
}

impl Findings {
    fn new() -> Findings {
        Findings {
            spill: Spill::new(),
            inputs: Vec::new(),
            buf: Vec::new(),
        }
    }

    fn begin(&mut self) {
        self.inputs.push(Vec::new());
    }

    fn push(&mut self, f: &pullpolicy::Finding, own: bool, rendered: &[u8]) -> io::Result<()> {
        self.push_tagged(f, own, 0, rendered)
    }

    /// [`Findings::push`] with a number kept with it (SARIF: its rule's).
    fn push_tagged(
        &mut self,
        f: &pullpolicy::Finding,
        own: bool,
        tag: u32,
        rendered: &[u8],
    ) -> io::Result<()> {
        let start = self.spill.len();
        self.spill.write(rendered)?;
        let index = self
            .inputs
            .last_mut()
            .ok_or_else(|| io::Error::other("no input"))?;
        let seq = u32::try_from(index.len()).unwrap_or(u32::MAX);
        let len = u32::try_from(rendered.len()).map_err(io::Error::other)?;
        index.push((
            f.position.offset16,
            f.position.line,
            u8::from(!own),
            seq,
            tag,
            start,
            len,
        ));
        Ok(())
    }

    fn is_empty(&self) -> bool {
        self.inputs.iter().all(Vec::is_empty)
    }

    /// Writes input `k`'s findings in order.
    fn write(&mut self, k: usize, out: &mut dyn Write) -> io::Result<()> {
        self.each(k, &mut |_, bytes| out.write_all(bytes))
    }

    /// Input `k`'s findings in order: each one's tag and rendering.
    fn each(
        &mut self,
        k: usize,
        f: &mut dyn FnMut(u32, &[u8]) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut index = std::mem::take(&mut self.inputs[k]);
        index.sort_unstable();
        for &(.., tag, start, len) in &index {
            self.spill.read_at(start, len as usize, &mut self.buf)?;
            f(tag, &self.buf)?;
        }
        Ok(())
    }

    /// Input `k`'s findings' tags, in order.
    fn tags(&self, k: usize) -> Vec<u32> {
        let mut index = self.inputs[k].clone();
        index.sort_unstable();
        index.iter().map(|e| e.4).collect()
    }
}

/// The terminal (`--format human`), Markdown and HTML documents.
pub struct Document<'w> {
    out: &'w mut dyn Write,
    doc: Doc,
    /// Per input: its name and summary, or its error (the final summary's inputs).
    seen: Vec<(String, Result<DiagnosisSummary, String>)>,
    findings: Findings,
    /// This input's diagnoses so far.
    diagnoses: usize,
    /// Terminal: this input's lines of pods without a pull problem. Markdown: the
    /// diagnoses' table rows.
    later: Spill,
    /// Markdown: the diagnoses' sections.
    sections: Spill,
    /// Markdown: the lines of inputs without diagnoses and of unreadable inputs.
    notes: Vec<String>,
    /// Markdown: the table's head (from the first diagnosis).
    table_head: Option<String>,
    /// Markdown: the findings' heading (from the first finding).
    findings_head: Option<String>,
    /// HTML: a findings table's start and end (from the first finding).
    table: Option<(String, String)>,
}

impl<'w> Document<'w> {
    pub fn new(out: &'w mut dyn Write, doc: Doc) -> io::Result<Self> {
        if doc == Doc::Html {
            let top = render(doc, &[]);
            out.write_all(&top.as_bytes()[..first_lines(&top, 2)])?;
        }
        Ok(Document {
            out,
            doc,
            seen: Vec::new(),
            findings: Findings::new(),
            diagnoses: 0,
            later: Spill::new(),
            sections: Spill::new(),
            notes: Vec::new(),
            table_head: None,
            findings_head: None,
            table: None,
        })
    }

    /// The document of `name`'s bare report, and where the part of it that `with`
    /// added starts and ends: the bytes before are those of the bare report's document
    /// up to `keep` lines from its end, the bytes after its last `tail` lines.
    fn cut(
        &self,
        name: &str,
        with: &DiagnosisReport,
        keep: usize,
        tail: usize,
    ) -> (String, usize, usize) {
        let empty = bare(DiagnosisSummary::default());
        let zero = render(self.doc, &report(name, &empty));
        let whole = render(self.doc, &report(name, with));
        let start = last_lines(&zero, keep);
        let end = last_lines(&whole, tail);
        (whole, start, end.max(start))
    }
}

impl DiagnosisSink for Document<'_> {
    fn begin(&mut self, name: &str) -> io::Result<()> {
        self.findings.begin();
        self.diagnoses = 0;
        if self.doc == Doc::Html {
            // The section's head: the bare report's document without its title, its
            // "no failure" paragraph, the section's end, the summary and the end.
            let empty = bare(DiagnosisSummary::default());
            let zero = render(self.doc, &report(name, &empty));
            let (a, b) = (first_lines(&zero, 2), last_lines(&zero, 4));
            self.out.write_all(&zero.as_bytes()[a..b.max(a)])?;
        }
        Ok(())
    }

    fn part(&mut self, name: &str, _: &str, part: Part) -> io::Result<()> {
        match part {
            Part::Pieces(_) => {}
            Part::Pod(p) => {
                if self.doc == Doc::Terminal && p.verdict != PodVerdict::PullProblem {
                    // After the "no failure" line, before the summary.
                    let mut r = bare(DiagnosisSummary::default());
                    r.pods.push(p);
                    let (whole, a, b) = self.cut(name, &r, 2, 2);
                    self.later.write(&whole.as_bytes()[a..b])?;
                }
            }
            Part::Diagnosis(d) => {
                self.diagnoses += 1;
                let findings = d.findings.clone();
                let mut r = bare(DiagnosisSummary::default());
                r.diagnoses.push(*d);
                let whole = render(self.doc, &report(name, &r));
                // What the diagnosis's findings add at the end (the block's references
                // are read from them, so they stay in).
                let items = self.items_part(name, &findings);
                match self.doc {
                    Doc::Terminal => {
                        // Before the empty line, the findings, the empty line and the
                        // summary.
                        let end = last_lines(&whole, 2).saturating_sub(items.len());
                        self.out.write_all(&whole.as_bytes()[..end])?;
                    }
                    Doc::Markdown => {
                        // After the title and summary: the table's head and row, an
                        // empty line, the section, then the findings.
                        let head = first_lines(&whole, 4);
                        let row = first_lines(&whole, 7);
                        if self.table_head.is_none() {
                            self.table_head = Some(whole[head..first_lines(&whole, 6)].to_owned());
                        }
                        self.later
                            .write(&whole.as_bytes()[first_lines(&whole, 6)..row])?;
                        let end = whole.len() - items.len();
                        self.sections
                            .write(&whole.as_bytes()[first_lines(&whole, 8)..end])?;
                    }
                    Doc::Html => {
                        let empty = bare(DiagnosisSummary::default());
                        let zero = render(self.doc, &report(name, &empty));
                        let a = last_lines(&zero, 4);
                        let b = last_lines(&whole, 3) - items.len();
                        self.out.write_all(&whole.as_bytes()[a..b.max(a)])?;
                    }
                }
                for f in &findings {
                    self.finding(name, f, false)?;
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &str, _: &str, rest: &DiagnosisReport) -> io::Result<()> {
        for f in &rest.findings {
            self.finding(name, f, true)?;
        }
        let empty = bare(DiagnosisSummary::default());
        let zero = render(self.doc, &report(name, &empty));
        match self.doc {
            Doc::Terminal => {
                if self.diagnoses == 0 {
                    self.out
                        .write_all(&zero.as_bytes()[..last_lines(&zero, 2)])?;
                }
                io::copy(&mut self.later.reader()?, &mut self.out)?;
                self.later = Spill::new();
            }
            Doc::Markdown => {
                if self.diagnoses == 0 {
                    // After the title and the summary.
                    self.notes.push(zero[first_lines(&zero, 4)..].to_owned());
                }
            }
            Doc::Html => {
                if self.diagnoses == 0 {
                    let (a, b) = (last_lines(&zero, 4), last_lines(&zero, 3));
                    self.out.write_all(&zero.as_bytes()[a..b])?;
                }
                let k = self.findings.inputs.len() - 1;
                if let Some((open, close)) = &self.table
                    && !self.findings.inputs[k].is_empty()
                {
                    // The table around this input's findings.
                    self.out.write_all(open.as_bytes())?;
                    self.findings.write(k, self.out)?;
                    self.out.write_all(close.as_bytes())?;
                }
                self.out
                    .write_all(&zero.as_bytes()[last_lines(&zero, 3)..last_lines(&zero, 2)])?;
            }
        }
        self.seen.push((name.to_owned(), Ok(rest.summary)));
        Ok(())
    }

    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.findings.begin();
        let input = [DiagnosisInput::Unreadable {
            name: &e.name,
            message: &e.message,
        }];
        let whole = render(self.doc, &input);
        match self.doc {
            // Its line, before the summary.
            Doc::Terminal => self
                .out
                .write_all(&whole.as_bytes()[..last_lines(&whole, 2)])?,
            Doc::Markdown => self.notes.push(whole[first_lines(&whole, 4)..].to_owned()),
            // Its section, between the title and the summary.
            Doc::Html => self
                .out
                .write_all(&whole.as_bytes()[first_lines(&whole, 2)..last_lines(&whole, 2)])?,
        }
        self.seen.push((e.name.clone(), Err(e.message.clone())));
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        let reports: Vec<DiagnosisReport> = self
            .seen
            .iter()
            .map(|(_, s)| bare(s.as_ref().copied().unwrap_or_default()))
            .collect();
        let inputs: Vec<DiagnosisInput<'_>> = self
            .seen
            .iter()
            .zip(&reports)
            .map(|((name, s), report)| match s {
                Ok(_) => DiagnosisInput::Report { name, report },
                Err(message) => DiagnosisInput::Unreadable { name, message },
            })
            .collect();
        let last = render(self.doc, &inputs);
        match self.doc {
            Doc::Terminal => {
                if !self.findings.is_empty() {
                    self.out.write_all(b"\n")?;
                }
                for k in 0..self.findings.inputs.len() {
                    self.findings.write(k, self.out)?;
                }
                // The empty line and the summary.
                self.out
                    .write_all(&last.as_bytes()[last_lines(&last, 2)..])?;
            }
            Doc::Markdown => {
                // The title and the summary.
                self.out
                    .write_all(&last.as_bytes()[..first_lines(&last, 4)])?;
                if let Some(head) = &self.table_head {
                    self.out.write_all(head.as_bytes())?;
                    io::copy(&mut self.later.reader()?, &mut self.out)?;
                    self.out.write_all(b"\n")?;
                    io::copy(&mut self.sections.reader()?, &mut self.out)?;
                }
                for n in &self.notes {
                    self.out.write_all(n.as_bytes())?;
                }
                if let Some(head) = &self.findings_head
                    && !self.findings.is_empty()
                {
                    self.out.write_all(head.as_bytes())?;
                    for k in 0..self.findings.inputs.len() {
                        self.findings.write(k, self.out)?;
                    }
                }
            }
            Doc::Html => self
                .out
                .write_all(&last.as_bytes()[last_lines(&last, 2)..])?,
        }
        self.out.flush()
    }
}

impl Document<'_> {
    /// What `findings` add to a document of `name`'s: the terminal's and Markdown's
    /// findings (at the document's end), HTML's findings table (at its section's end).
    fn items_part(&self, name: &str, findings: &[pullpolicy::Finding]) -> String {
        if findings.is_empty() {
            return String::new();
        }
        let mut r = bare(DiagnosisSummary::default());
        r.findings = findings.to_vec();
        let empty = bare(DiagnosisSummary::default());
        let zero = render(self.doc, &report(name, &empty));
        let whole = render(self.doc, &report(name, &r));
        match self.doc {
            // Between the "no failure" line and the empty line before the summary.
            Doc::Terminal => whole[last_lines(&zero, 2)..last_lines(&whole, 2)].to_owned(),
            // After the input's line.
            Doc::Markdown => whole[zero.len()..].to_owned(),
            // Between the "no failure" paragraph and the section's end.
            Doc::Html => whole[last_lines(&zero, 3)..last_lines(&whole, 3)].to_owned(),
        }
    }

    /// Keeps `f`'s rendering for the end.
    fn finding(&mut self, name: &str, f: &pullpolicy::Finding, own: bool) -> io::Result<()> {
        if self.doc == Doc::Markdown && self.findings_head.is_none() {
            self.findings_head = Some(markdown_findings_head(f));
        }
        if self.doc == Doc::Html && self.table.is_none() {
            self.table = Some(html_table(name, f));
        }
        let mut r = bare(DiagnosisSummary::default());
        r.findings.push(f.clone());
        let empty = bare(DiagnosisSummary::default());
        let zero = render(self.doc, &report(name, &empty));
        let whole = render(self.doc, &report(name, &r));
        let bytes = match self.doc {
            // After the "no failure" line and an empty line, before the summary.
            Doc::Terminal => {
                let a = last_lines(&zero, 2) + 1;
                &whole[a..last_lines(&whole, 2)]
            }
            // The last line.
            Doc::Markdown => &whole[last_lines(&whole, 1)..],
            // After the "no failure" paragraph and the table's start, before the
            // table's end, the section's end, the summary and the end.
            Doc::Html => {
                let a = last_lines(&zero, 3) + first_lines(&whole[last_lines(&zero, 3)..], 1);
                &whole[a..last_lines(&whole, 4)]
            }
        };
        self.findings.push(f, own, bytes.as_bytes())
    }
}

/// The HTML findings table's start and end (its rows cut out), from a document with
/// `f` in it.
fn html_table(name: &str, f: &pullpolicy::Finding) -> (String, String) {
    let mut r = bare(DiagnosisSummary::default());
    r.findings.push(f.clone());
    let empty = bare(DiagnosisSummary::default());
    let zero = render(Doc::Html, &report(name, &empty));
    let whole = render(Doc::Html, &report(name, &r));
    let a = last_lines(&zero, 3);
    let open = first_lines(&whole[a..], 1) + a;
    let close = last_lines(&whole, 4);
    (
        whole[a..open].to_owned(),
        whole[close..last_lines(&whole, 3)].to_owned(),
    )
}

/// Markdown's findings heading (the lines between the list of inputs and the findings),
/// from a document with `f` in it.
fn markdown_findings_head(f: &pullpolicy::Finding) -> String {
    let mut r = bare(DiagnosisSummary::default());
    r.findings.push(f.clone());
    let whole = render(Doc::Markdown, &report("-", &r));
    // Title, summary, the input's line; then the heading; then the finding's line.
    whole[first_lines(&whole, 5)..last_lines(&whole, 1)].to_owned()
}

// ---------------------------------------------------------------------------------------
// SARIF.

/// `ruleIndex` before the rules are numbered (they are numbered in the order the
/// results are listed, known at the end): replaced as each result is written.
const UNNUMBERED: usize = 999_999_937;

/// `--format sarif` (compact; the caller indents it): `crate::diagnose::sarif`'s
/// document, its results spilled with their rule until the end, when the rules are
/// numbered in the results' order.
pub struct Sarif<'w> {
    out: &'w mut dyn Write,
    findings: Findings,
    /// Each rule met: its id and metadata.
    rules: Vec<(String, ReportingDescriptor)>,
    rule_of: std::collections::HashMap<String, u32>,
    failed: Vec<InputError>,
    lines: crate::render::sarif::Lines,
}

impl<'w> Sarif<'w> {
    pub fn new(out: &'w mut dyn Write) -> Sarif<'w> {
        Sarif {
            out,
            findings: Findings::new(),
            rules: Vec::new(),
            rule_of: std::collections::HashMap::new(),
            failed: Vec::new(),
            lines: crate::render::sarif::Lines::default(),
        }
    }

    fn result(
        &mut self,
        name: &str,
        text: &str,
        f: &pullpolicy::Finding,
        class: Option<FailureClass>,
        own: bool,
    ) -> io::Result<()> {
        let id = view::sarif_rule_id(f, class);
        let tag = match self.rule_of.get(&id) {
            Some(&t) => t,
            None => {
                let t = u32::try_from(self.rules.len()).map_err(io::Error::other)?;
                self.rules
                    .push((id.clone(), crate::diagnose::rule(&id, f.rule, class)));
                self.rule_of.insert(id.clone(), t);
                t
            }
        };
        let region = self.lines.region(text, &f.position);
        let result = crate::diagnose::sarif_result(name, f, id, UNNUMBERED, region);
        let bytes = serde_json::to_vec(&result)?;
        self.findings.push_tagged(f, own, tag, &bytes)
    }
}

impl DiagnosisSink for Sarif<'_> {
    fn begin(&mut self, _: &str) -> io::Result<()> {
        self.findings.begin();
        self.lines = crate::render::sarif::Lines::default();
        Ok(())
    }

    fn part(&mut self, name: &str, text: &str, part: Part) -> io::Result<()> {
        if let Part::Diagnosis(d) = part {
            for f in &d.findings {
                self.result(name, text, f, Some(d.class), false)?;
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &str, text: &str, rest: &DiagnosisReport) -> io::Result<()> {
        for f in &rest.findings {
            self.result(name, text, f, None, true)?;
        }
        self.lines = crate::render::sarif::Lines::default();
        Ok(())
    }

    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.findings.begin();
        self.failed.push(e.clone());
        Ok(())
    }

    fn finish(&mut self) -> io::Result<()> {
        // The rules in the order the results first name them.
        let mut number: Vec<Option<usize>> = vec![None; self.rules.len()];
        let mut order = Vec::new();
        for k in 0..self.findings.inputs.len() {
            for tag in self.findings.tags(k) {
                let slot = &mut number[tag as usize];
                if slot.is_none() {
                    *slot = Some(order.len());
                    order.push(tag as usize);
                }
            }
        }
        let mut rules: Vec<Option<ReportingDescriptor>> = std::mem::take(&mut self.rules)
            .into_iter()
            .map(|r| Some(r.1))
            .collect();
        let rules: Vec<ReportingDescriptor> =
            order.iter().filter_map(|&t| rules[t].take()).collect();
        let doc = serde_json::to_string(&crate::render::sarif::document(
            rules,
            Vec::new(),
            self.failed.iter(),
        ))?;
        const EMPTY: &str = "\"results\":[]";
        let at = doc
            .find(EMPTY)
            .ok_or_else(|| io::Error::other("unexpected SARIF layout"))?;
        self.out.write_all(&doc.as_bytes()[..at])?;
        self.out.write_all(b"\"results\":[")?;
        let unnumbered = format!("\"ruleIndex\":{UNNUMBERED}");
        let mut first = true;
        let out = &mut *self.out;
        for k in 0..self.findings.inputs.len() {
            self.findings.each(k, &mut |tag, bytes| {
                if !first {
                    out.write_all(b",")?;
                }
                first = false;
                let json = std::str::from_utf8(bytes).map_err(io::Error::other)?;
                let index = number[tag as usize].unwrap_or_default();
                let json = json.replacen(&unnumbered, &format!("\"ruleIndex\":{index}"), 1);
                out.write_all(json.as_bytes())
            })?;
        }
        out.write_all(b"]")?;
        out.write_all(&doc.as_bytes()[at + EMPTY.len()..])?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use crate::args::Format;
    use crate::diagnose::{DiagnoseRun, render};
    use pullpolicy::diagnose::DiagnoseOptions;
    use serde_json::{Value, json};
    use std::path::PathBuf;

    const FIXTURES: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../pullpolicy/tests/fixtures/diagnose"
    );

    /// A generated `kubectl get pods,events,nodes -o json` List: `pods` pods (one in
    /// `failing` of 100 failing), events about some of them and about pods not in the
    /// List, `nodes` nodes.
    pub fn list(seed: u64, pods: usize, failing: u64, events: usize, nodes: usize) -> String {
        let mut r = seed;
        let mut next = move |n: u64| {
            r = r
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (r >> 33) % n.max(1)
        };
        let images = [
            "nginx:1.25",
            "nginx:9.9",
            "ghcr.io/acme/api:v2",
            "busybox",
            "<b>x</b>:1",
        ];
        let mut items: Vec<Value> = Vec::new();
        for i in 0..pods {
            let image = images[next(images.len() as u64) as usize];
            let fail = next(100) < failing;
            let state = if fail {
                json!({"waiting": {"reason": "ErrImagePull", "message": format!("rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/{image}\": failed to resolve reference \"docker.io/library/{image}\": docker.io/library/{image}: not found")}})
            } else {
                json!({"running": {"startedAt": "2026-12-01T10:00:04Z"}})
            };
            let digest = if next(4) == 0 { "cd" } else { "ef" };
            items.push(json!({
                "apiVersion": "v1", "kind": "Pod",
                "metadata": {"name": format!("pod-{i}"), "namespace": "default"},
                "spec": {"containers": [{"name": "c0", "image": image, "imagePullPolicy": "IfNotPresent"}], "nodeName": format!("node-{}", i % 2)},
                "status": {"phase": if fail { "Pending" } else { "Running" }, "containerStatuses": [{"name": "c0", "image": image, "imageID": if fail { String::new() } else { format!("docker.io/library/x@sha256:{}", digest.repeat(32)) }, "state": state}]},
            }));
            if i % 9 == 4 {
                items.push(json!({"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": format!("d{i}")}}));
            }
        }
        for k in 0..events {
            let p = next(pods as u64 + 2);
            let image = images[next(images.len() as u64) as usize];
            let message = match next(3) {
                0 => format!(
                    "Failed to pull image \"{image}\": rpc error: code = Unknown desc = failed to pull and unpack image \"docker.io/library/{image}\": failed to resolve reference \"docker.io/library/{image}\": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed"
                ),
                1 => format!("Back-off pulling image \"{image}\""),
                _ => "Error: ErrImagePull".to_owned(),
            };
            items.insert(
                (k * 5).min(items.len()),
                json!({"apiVersion": "v1", "kind": "Event", "metadata": {"name": format!("e{k}")},
                       "involvedObject": {"kind": "Pod", "name": format!("pod-{p}"), "namespace": "default", "fieldPath": "spec.containers{c0}"},
                       "reason": "Failed", "type": "Warning", "message": message, "count": 1 + next(5),
                       "firstTimestamp": "2026-12-01T10:00:00Z", "lastTimestamp": "2026-12-01T10:05:00Z",
                       "source": {"component": "kubelet", "host": "node-0"}}),
            );
        }
        for n in 0..nodes {
            items.push(json!({"apiVersion": "v1", "kind": "Node", "metadata": {"name": format!("node-{n}")},
                "status": {"nodeInfo": {"containerRuntimeVersion": "containerd://1.7.2", "kubeletVersion": "v1.31.0", "architecture": "amd64", "operatingSystem": "linux"},
                           "images": [{"names": ["docker.io/library/nginx:1.25"], "sizeBytes": 100}],
                           "conditions": [{"type": "DiskPressure", "status": if n == 1 { "True" } else { "False" }}]}}));
        }
        let list = json!({"apiVersion": "v1", "kind": "List", "items": items});
        let mut text = serde_json::to_string_pretty(&list).unwrap_or_default();
        text.push('\n');
        text
    }

    /// The inputs the differential tests run on, written to a directory of their own.
    pub fn inputs(tag: &str) -> (PathBuf, Vec<Vec<PathBuf>>) {
        let dir = std::env::temp_dir().join(format!(
            "pullpolicy-diagnosis-test-{tag}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let mut runs: Vec<Vec<PathBuf>> = Vec::new();
        let mut fixtures: Vec<PathBuf> = Vec::new();
        for sub in ["", "/composed"] {
            let mut files: Vec<PathBuf> = std::fs::read_dir(format!("{FIXTURES}{sub}"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|e| e != "tsv"))
                .collect();
            files.sort();
            fixtures.extend(files);
        }
        for f in &fixtures {
            runs.push(vec![f.clone()]);
        }
        let mut generated = Vec::new();
        for (k, (pods, failing, events, nodes)) in [
            (30, 0, 0, 0),
            (30, 100, 0, 0),
            (40, 30, 0, 2),
            (40, 30, 25, 2),
            (0, 0, 6, 0),
            (0, 0, 0, 0),
        ]
        .into_iter()
        .enumerate()
        {
            let path = dir.join(format!("list-{k}.json"));
            std::fs::write(&path, list(k as u64, pods, failing, events, nodes)).unwrap();
            assert!(pullpolicy::diagnose::reads_by_items(
                &std::fs::read_to_string(&path).unwrap()
            ));
            runs.push(vec![path.clone()]);
            generated.push(path);
        }
        // A List's items as indented objects one after another (`jq '.items[]'`): a
        // piece each, read item by item.
        let list: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&generated[3]).unwrap()).unwrap();
        let objects: String = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|item| serde_json::to_string_pretty(item).unwrap() + "\n")
            .collect();
        assert!(pullpolicy::diagnose::reads_by_items(&objects));
        let path = dir.join("objects-3.json");
        std::fs::write(&path, objects).unwrap();
        runs.push(vec![path]);
        // `kubectl describe pods` of several pods: read a pod at a time.
        let composed = PathBuf::from(format!("{FIXTURES}/composed"));
        let mut describe = String::new();
        for (i, (file, name)) in [
            ("describe_current", "web-7d9f8c6b4-x2kqp"),
            ("running", "running-pod"),
            ("describe_legacy", "hello-2533203682-m4q0v"),
            ("describe_current", "web-7d9f8c6b4-x2kqp"),
        ]
        .into_iter()
        .enumerate()
        {
            let text = std::fs::read_to_string(composed.join(format!("{file}.txt"))).unwrap();
            describe.push_str(&text.replace(name, &format!("{name}-{i}")));
            describe.push('\n');
        }
        assert!(
            pullpolicy::diagnose::diagnose_by_describe_pieces(
                &describe,
                &Default::default(),
                &mut |_| {}
            )
            .is_some()
        );
        let path = dir.join("describe.txt");
        std::fs::write(&path, describe).unwrap();
        runs.push(vec![path]);
        // Several inputs in one run, one of them missing.
        let mut several = vec![fixtures[0].clone(), generated[3].clone()];
        several.push(dir.join("missing.json"));
        several.push(generated[1].clone());
        several.push(fixtures[fixtures.len() - 1].clone());
        runs.push(several);
        (dir, runs)
    }

    fn whole(format: Format, pretty: bool, paths: &[PathBuf]) -> (Vec<u8>, u8) {
        let run = DiagnoseRun::collect(paths, "-", DiagnoseOptions::default());
        let mut out = Vec::new();
        render(format, &run, pretty, &mut out).unwrap();
        (out, run.status())
    }

    /// The streamed run on `jobs` threads.
    pub fn streamed(format: Format, pretty: bool, paths: &[PathBuf], jobs: usize) -> (Vec<u8>, u8) {
        let mut out = Vec::new();
        let mut status = crate::exit::OK;
        crate::diagnose::streamed(
            format,
            pretty,
            paths,
            "-",
            DiagnoseOptions::default(),
            jobs,
            &mut out,
            &mut Vec::new(),
            &mut status,
        )
        .unwrap();
        (out, status)
    }

    fn differential(format: Format, pretty: bool) {
        let (dir, runs) = inputs(&format!("{format:?}-{pretty}"));
        for paths in &runs {
            let (a, sa) = whole(format, pretty, paths);
            // One thread, and more threads than the machine has.
            for jobs in [1, 3] {
                let (b, sb) = streamed(format, pretty, paths, jobs);
                if a != b {
                    let (a, b) = (String::from_utf8_lossy(&a), String::from_utf8_lossy(&b));
                    let at = a
                        .char_indices()
                        .zip(b.chars())
                        .find(|((_, x), y)| x != y)
                        .map_or(a.len().min(b.len()), |((i, _), _)| i);
                    panic!(
                        "{format:?} pretty={pretty} {paths:?}: differs at byte {at}:\nwhole:    {}\nstreamed: {}",
                        &a[at.saturating_sub(200)..(at + 200).min(a.len())],
                        b.get(at.saturating_sub(200)..(at + 200).min(b.len()))
                            .unwrap_or_default()
                    );
                }
                assert_eq!(sa, sb, "{paths:?}");
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn json_as_the_whole_run() {
        differential(Format::Json, false);
        differential(Format::Json, true);
    }

    #[test]
    fn jsonl_as_the_whole_run() {
        differential(Format::Jsonl, false);
    }

    #[test]
    fn human_as_the_whole_run() {
        differential(Format::Human, false);
    }

    #[test]
    fn markdown_as_the_whole_run() {
        differential(Format::Markdown, false);
    }

    #[test]
    fn sarif_as_the_whole_run() {
        differential(Format::Sarif, false);
        differential(Format::Sarif, true);
    }

    #[test]
    fn html_as_the_whole_run() {
        differential(Format::Html, false);
    }
}

#[cfg(test)]
mod injection {
    //! Untrusted text in a List read item by item stays text in every streamed format.

    use super::tests::streamed;
    use crate::args::Format;
    use serde_json::json;

    #[test]
    fn hostile_values_are_escaped() {
        let name = "<script>alert(1)</script>\u{1b}]0;owned\u{7}|*_[x](javascript:alert(1))";
        let image = "evil<img src=x onerror=alert(1)>:1";
        let message = format!(
            "rpc error: code = NotFound desc = failed to pull and unpack image \"{image}\": \u{1b}[2J not found <b>bold</b> | ] ("
        );
        let list = json!({"apiVersion": "v1", "kind": "List", "items": [
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": name, "namespace": name},
             "spec": {"containers": [{"name": name, "image": image}], "nodeName": name},
             "status": {"phase": "Pending", "containerStatuses": [{"name": name, "image": image, "imageID": "",
                 "state": {"waiting": {"reason": "ErrImagePull", "message": message}}}]}},
            {"apiVersion": "v1", "kind": "Pod",
             "metadata": {"name": format!("{name}2")},
             "spec": {"containers": [{"name": "c", "image": image}]},
             "status": {"phase": "Running", "containerStatuses": [{"name": "c", "image": image, "imageID": "x@sha256:1",
                 "state": {"running": {}}}]}}
        ]});
        let dir = std::env::temp_dir().join(format!(
            "pullpolicy-diagnosis-injection-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.json").replace(['/', '\u{1b}', '\u{7}'], "_"));
        let text = serde_json::to_string_pretty(&list).unwrap();
        assert!(pullpolicy::diagnose::reads_by_items(&text));
        std::fs::write(&path, text).unwrap();
        let paths = [path];
        for format in [
            Format::Human,
            Format::Markdown,
            Format::Html,
            Format::Json,
            Format::Jsonl,
            Format::Sarif,
        ] {
            let (out, status) = streamed(format, false, &paths, 2);
            assert_eq!(status, crate::exit::FINDINGS);
            let out = String::from_utf8(out).unwrap();
            assert!(!out.contains("\u{1b}]0;"), "{format:?}: {out}");
            assert!(!out.contains("\u{1b}[2J"), "{format:?}: {out}");
            assert!(!out.contains('\u{7}'), "{format:?}: {out}");
            match format {
                Format::Html => {
                    assert!(
                        !out.contains("<script") && !out.contains("<img") && !out.contains("<b>"),
                        "{out}"
                    );
                }
                Format::Markdown => {
                    // Outside code spans and fenced blocks (which show text literally),
                    // no `<` and no link to `javascript:`.
                    let mut prose = String::new();
                    let mut fenced = false;
                    for line in out.lines() {
                        if line.starts_with("```") {
                            fenced = !fenced;
                            continue;
                        }
                        if !fenced {
                            prose.extend(line.split('`').step_by(2));
                        }
                    }
                    // (`\]` is an escaped bracket: no link.)
                    let unescaped = prose.replace("\\]", "");
                    assert!(
                        !prose.contains('<') && !unescaped.contains("](javascript:"),
                        "{out}"
                    );
                }
                Format::Json | Format::Sarif => {
                    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
                    assert!(v.to_string().contains("<script>"));
                }
                Format::Jsonl => {
                    for line in out.lines() {
                        let _: serde_json::Value = serde_json::from_str(line).unwrap();
                    }
                }
                Format::Human => {}
            }
        }
        let _ = std::fs::remove_dir_all(dir);
    }
}
