//! `pullpolicy diagnose`: read every input, diagnose its image-pull failures
//! (`pullpolicy::diagnose`, pure), print what could not be read, render.
//!
//! Formats: human, Markdown and HTML are the view's documents
//! (`pullpolicy_view::diagnosis`, every value from the paste escaped); JSON is the core's
//! contract in an envelope; SARIF has one result per finding at its place in the input,
//! and one rule per diagnosis rule — per failure class for the failure itself
//! (`pull-failure/<class>`).
//!
//! Streamed (issue #19): each input is diagnosed part by part
//! (`pullpolicy::diagnose::diagnose_each`; a JSON `kind: List` item by item, a JSON
//! stream of one object per line value by value, a YAML stream document by document)
//! and each
//! part written by a sink of `crate::sink::diagnosis` as it comes, or spilled where the
//! format prints it later, so that memory does not grow with the pods and diagnoses.
//! The whole-run renderers here ([`DiagnoseRun`], [`render`]) are what the sinks are
//! tested against.
//!
//! Exit statuses: 2 when an input cannot be read or holds YAML/JSON evidence that cannot
//! be read (`unreadable-evidence`, as `explain` treats a YAML syntax error), else 1 when
//! a failure is diagnosed, else 0.

use crate::args::{DiagnoseArgs, Format};
use crate::input::{self, InputError};
use crate::render::sarif::Regions;
use crate::sink::diagnosis::{self as sinks, DiagnosisSink};
use crate::{exit, run, text};
use pullpolicy::diagnose::{
    DIAGNOSIS_SCHEMA_VERSION, DiagnoseOptions, DiagnoseRule, DiagnosisReport, FailureClass,
};
use pullpolicy_view::diagnosis::{self as view, DiagnosisInput};
use serde::Serialize;
use serde_sarif::sarif::{
    MultiformatMessageString, ReportingDescriptor, Result as SarifResult, Sarif,
};
use std::collections::HashMap;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// One input that was read and diagnosed.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug)]
pub struct Diagnosed {
    pub name: String,
    pub text: String,
    pub report: DiagnosisReport,
}

/// What became of one input.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug)]
pub enum FileResult {
    Diagnosed(Diagnosed),
    Failed(InputError),
}

/// A finished run.
#[cfg_attr(not(test), allow(dead_code))]
#[derive(Debug)]
pub struct DiagnoseRun {
    pub files: Vec<FileResult>,
    pub options: DiagnoseOptions,
}

#[cfg_attr(not(test), allow(dead_code))]
impl DiagnoseRun {
    /// Reads and diagnoses every input, in order.
    pub fn collect(paths: &[PathBuf], stdin_name: &str, options: DiagnoseOptions) -> Self {
        let plan = input::plan(paths, stdin_name);
        let mut stderr = anstream::stderr();
        for warning in &plan.warnings {
            let _ = writeln!(stderr, "{warning}");
        }
        let files = plan
            .items
            .into_iter()
            .map(
                |item| match item.and_then(|i| input::read(&i).map(|t| (i, t))) {
                    Ok((input, text)) => {
                        let report = pullpolicy::diagnose::diagnose(&text, &options);
                        FileResult::Diagnosed(Diagnosed {
                            name: input.name,
                            text,
                            report,
                        })
                    }
                    Err(e) => FileResult::Failed(e),
                },
            )
            .collect();
        DiagnoseRun { files, options }
    }

    /// The view's inputs.
    pub fn inputs(&self) -> Vec<DiagnosisInput<'_>> {
        self.files
            .iter()
            .map(|f| match f {
                FileResult::Diagnosed(d) => DiagnosisInput::Report {
                    name: &d.name,
                    report: &d.report,
                },
                FileResult::Failed(e) => DiagnosisInput::Unreadable {
                    name: &e.name,
                    message: &e.message,
                },
            })
            .collect()
    }

    /// 2 when anything could not be read, else 1 when a failure is diagnosed, else 0.
    pub fn status(&self) -> u8 {
        let unreadable = self.files.iter().any(|f| match f {
            FileResult::Failed(_) => true,
            FileResult::Diagnosed(d) => unreadable_findings(&d.report).next().is_some(),
        });
        if unreadable {
            exit::UNREADABLE
        } else if self.files.iter().any(|f| match f {
            FileResult::Diagnosed(d) => !d.report.diagnoses.is_empty(),
            FileResult::Failed(_) => false,
        }) {
            exit::FINDINGS
        } else {
            exit::OK
        }
    }
}

fn unreadable_findings(r: &DiagnosisReport) -> impl Iterator<Item = &pullpolicy::Finding> {
    r.findings
        .iter()
        .filter(|f| DiagnoseRule::from_id(f.rule) == Some(DiagnoseRule::UnreadableEvidence))
}

/// Reads and diagnoses every input in order, handing each report to `sink` part by part
/// (`pullpolicy::diagnose::diagnose_each`) and printing what could not be read on `err`
/// as soon as it is known; `status` is the exit status of the inputs so far
/// ([`DiagnoseRun::status`]'s at the end).
pub fn stream(
    paths: &[PathBuf],
    stdin_name: &str,
    options: DiagnoseOptions,
    jobs: usize,
    sink: &mut dyn DiagnosisSink,
    err: &mut dyn Write,
    status: &mut u8,
) -> io::Result<()> {
    let plan = input::plan(paths, stdin_name);
    for warning in &plan.warnings {
        let _ = writeln!(err, "{warning}");
    }
    let (mut unreadable, mut diagnosed) = (false, false);
    let status_of = |unreadable: bool, diagnosed: bool| {
        if unreadable {
            exit::UNREADABLE
        } else if diagnosed {
            exit::FINDINGS
        } else {
            exit::OK
        }
    };
    for item in plan.items {
        match item.and_then(|i| input::read(&i).map(|t| (i, t))) {
            Ok((input, text)) => {
                let name = input.name.as_str();
                sink.begin(name)?;
                let mut failed = None;
                let rest = pullpolicy::diagnose::diagnose_each_on(
                    &crate::parallel::Threads(jobs),
                    &text,
                    &options,
                    &mut |part| {
                        if matches!(part, pullpolicy::diagnose::Part::Diagnosis(_)) {
                            // Known before the output may stop (a closed pipe).
                            diagnosed = true;
                            *status = status_of(unreadable, diagnosed);
                        }
                        if failed.is_none()
                            && let Err(e) = sink.part(name, &text, part)
                        {
                            failed = Some(e);
                        }
                    },
                );
                if let Some(e) = failed {
                    return Err(e);
                }
                for f in unreadable_findings(&rest) {
                    unreadable = true;
                    let _ = run::error_line(
                        err,
                        &view::location(name, &f.position),
                        &f.message.backticked(),
                    );
                }
                diagnosed |= rest.summary.diagnoses > 0;
                *status = status_of(unreadable, diagnosed);
                sink.end(name, &text, &rest)?;
            }
            Err(e) => {
                unreadable = true;
                *status = status_of(unreadable, diagnosed);
                let _ = run::error_line(err, &e.location(), &e.message);
                sink.failed(&e)?;
            }
        }
    }
    sink.finish()
}

/// Runs `pullpolicy diagnose`; returns the exit status.
pub fn diagnose(args: &DiagnoseArgs) -> u8 {
    let choice = run::color_choice(args.color);
    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            return print_help();
        }
        paths.push(PathBuf::from("-"));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(text::STDIN_NAME);
    let options = DiagnoseOptions {
        kubernetes_version: args.kubernetes_version,
    };
    let jobs = crate::run::jobs(args.jobs);
    let stdout = io::stdout().lock();
    let mut err = anstream::stderr();
    let mut status = exit::OK;
    let result = if args.format == Format::Human {
        let mut out = io::BufWriter::new(anstream::AutoStream::new(stdout, choice));
        streamed(
            args.format,
            false,
            &paths,
            stdin_name,
            options,
            jobs,
            &mut out,
            &mut err,
            &mut status,
        )
    } else {
        let pretty = stdout.is_terminal();
        let mut out = io::BufWriter::with_capacity(1 << 16, crate::run::Unbuffered::of(stdout));
        streamed(
            args.format,
            pretty,
            &paths,
            stdin_name,
            options,
            jobs,
            &mut out,
            &mut err,
            &mut status,
        )
    };
    // A closed pipe: the status of what was diagnosed so far.
    exit::after_writing(result, status)
}

/// The streamed run in `format` (`pretty` indents JSON and SARIF) to `out`; `status` as
/// [`stream`]'s.
#[allow(clippy::too_many_arguments)]
pub(crate) fn streamed(
    format: Format,
    pretty: bool,
    paths: &[PathBuf],
    stdin_name: &str,
    options: DiagnoseOptions,
    jobs: usize,
    out: &mut dyn Write,
    err: &mut dyn Write,
    status: &mut u8,
) -> io::Result<()> {
    let mut indented;
    let out: &mut dyn Write = if pretty && matches!(format, Format::Json | Format::Sarif) {
        indented = crate::sink::pretty::Pretty::new(out);
        &mut indented
    } else {
        out
    };
    match format {
        Format::Json | Format::Jsonl => {
            let mut sink = sinks::Json::new(out, options, format == Format::Jsonl)?;
            stream(paths, stdin_name, options, jobs, &mut sink, err, status)?;
        }
        Format::Human | Format::Markdown | Format::Html => {
            let doc = match format {
                Format::Human => sinks::Doc::Terminal,
                Format::Markdown => sinks::Doc::Markdown,
                _ => sinks::Doc::Html,
            };
            let mut sink = sinks::Document::new(out, doc)?;
            stream(paths, stdin_name, options, jobs, &mut sink, err, status)?;
        }
        Format::Sarif => {
            let mut sink = sinks::Sarif::new(out);
            stream(paths, stdin_name, options, jobs, &mut sink, err, status)?;
        }
    }
    out.flush()
}

fn print_help() -> u8 {
    use clap::CommandFactory;
    let mut cmd = crate::args::Cli::command();
    cmd.build();
    let help = cmd
        .find_subcommand_mut("diagnose")
        .map(|c| c.render_help().to_string())
        .unwrap_or_default();
    let _ = write!(anstream::stderr(), "{help}");
    exit::UNREADABLE
}

/// Renders `run` in `format` (`pretty` indents JSON and SARIF).
#[cfg_attr(not(test), allow(dead_code))]
pub fn render(
    format: Format,
    run: &DiagnoseRun,
    pretty: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let inputs = run.inputs();
    match format {
        Format::Human => out.write_all(view::terminal(&inputs, text::program()).as_bytes()),
        Format::Markdown => out.write_all(view::markdown(&inputs, &playground()).as_bytes()),
        Format::Html => out.write_all(view::html(&inputs, &playground()).as_str().as_bytes()),
        Format::Json => write_json(&json(run), pretty, out),
        Format::Jsonl => jsonl(run, out),
        Format::Sarif => write_json(&sarif(run), pretty, out),
    }
}

/// Where FAQ links point: the default playground.
pub(crate) fn playground() -> pullpolicy_view::share::PlaygroundBase {
    pullpolicy_view::share::PlaygroundBase::parse(text::DEFAULT_PLAYGROUND)
        .unwrap_or_else(pullpolicy_view::share::PlaygroundBase::this_page)
}

#[cfg_attr(not(test), allow(dead_code))]
fn write_json(value: &impl Serialize, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    if pretty {
        serde_json::to_writer_pretty(&mut *out, value)
    } else {
        serde_json::to_writer(&mut *out, value)
    }
    .map_err(io::Error::from)?;
    writeln!(out)
}

// ---------------------------------------------------------------------------------------
// JSON.

/// The version of the envelope (`files`, `error`, `tool`, `options`); each `report` is
/// versioned by its own `schemaVersion` (`pullpolicy::diagnose::DIAGNOSIS_SCHEMA_VERSION`).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Output<'a> {
    pub schema_version: u32,
    pub tool: JsonTool,
    pub options: &'a DiagnoseOptions,
    pub files: Vec<JsonFile<'a>>,
}

#[derive(Serialize)]
pub(crate) struct JsonTool {
    name: &'static str,
    version: &'static str,
}

pub(crate) fn json_tool() -> JsonTool {
    JsonTool {
        name: "pullpolicy",
        version: env!("CARGO_PKG_VERSION"),
    }
}

#[derive(Serialize)]
pub(crate) struct JsonFile<'a> {
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub report: Option<&'a DiagnosisReport>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<JsonError<'a>>,
}

#[derive(Serialize)]
pub(crate) struct JsonError<'a> {
    pub message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<u32>,
}

/// The JSON Lines format's last line: the envelope without its files.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Last<'a> {
    pub schema_version: u32,
    pub tool: JsonTool,
    pub options: &'a DiagnoseOptions,
    pub files: usize,
}

#[cfg_attr(not(test), allow(dead_code))]
fn json(run: &DiagnoseRun) -> Output<'_> {
    debug_assert_eq!(DIAGNOSIS_SCHEMA_VERSION, 1);
    Output {
        schema_version: SCHEMA_VERSION,
        tool: json_tool(),
        options: &run.options,
        files: run
            .files
            .iter()
            .map(|f| match f {
                FileResult::Diagnosed(d) => JsonFile {
                    path: &d.name,
                    report: Some(&d.report),
                    error: None,
                },
                FileResult::Failed(e) => JsonFile {
                    path: &e.name,
                    report: None,
                    error: Some(JsonError {
                        message: &e.message,
                        line: e.line,
                        column: e.column,
                    }),
                },
            })
            .collect(),
    }
}

/// `--format jsonl`: a line per input (`{"path", "report"}` or `{"path", "error"}`),
/// then the envelope without its files (`{"schemaVersion", "tool", "options", "files":
/// N}`).
#[cfg_attr(not(test), allow(dead_code))]
fn jsonl(run: &DiagnoseRun, out: &mut dyn Write) -> io::Result<()> {
    let whole = json(run);
    for file in &whole.files {
        serde_json::to_writer(&mut *out, file)?;
        writeln!(out)?;
    }
    serde_json::to_writer(
        &mut *out,
        &Last {
            schema_version: whole.schema_version,
            tool: whole.tool,
            options: whole.options,
            files: whole.files.len(),
        },
    )?;
    writeln!(out)
}

// ---------------------------------------------------------------------------------------
// SARIF.

#[cfg_attr(not(test), allow(dead_code))]
fn sarif(run: &DiagnoseRun) -> Sarif {
    let mut rules: Vec<ReportingDescriptor> = Vec::new();
    let mut rule_index: HashMap<String, usize> = HashMap::new();
    let mut results = Vec::new();
    let inputs = run.inputs();
    let mut regions = Regions::new(run.files.iter().filter_map(|f| match f {
        FileResult::Diagnosed(d) => Some((d.name.as_str(), d.text.as_str())),
        FileResult::Failed(_) => None,
    }));
    for item in view::items(&inputs) {
        let f = item.finding;
        let id = view::sarif_rule_id(f, item.class);
        let index = *rule_index.entry(id.clone()).or_insert_with(|| {
            rules.push(rule(&id, f.rule, item.class));
            rules.len() - 1
        });
        let region = regions.of(item.file, &f.position);
        results.push(sarif_result(item.file, f, id, index, region));
    }
    let failed = run.files.iter().filter_map(|f| match f {
        FileResult::Failed(e) => Some(e),
        FileResult::Diagnosed(_) => None,
    });
    crate::render::sarif::document(rules, results, failed)
}

/// The SARIF result of finding `f` of input `file`, of rule `id` (at `index` in the
/// rules), at `region`.
pub(crate) fn sarif_result(
    file: &str,
    f: &pullpolicy::Finding,
    id: String,
    index: usize,
    region: serde_sarif::sarif::Region,
) -> SarifResult {
    crate::render::sarif::finding_result(
        file,
        id,
        index,
        f.severity,
        f.message.backticked(),
        f.explanation.backticked(),
        f.fix.as_deref(),
        region,
    )
}

/// A rule's metadata: the failure class's title and explanation for
/// `pull-failure/<class>`, else the view's title of the diagnosis rule.
pub(crate) fn rule(id: &str, rule: &str, class: Option<FailureClass>) -> ReportingDescriptor {
    let text = |s: &str| MultiformatMessageString::builder().text(s).build();
    let typed = DiagnoseRule::from_id(rule);
    let (short, full) = match (typed, class) {
        (Some(DiagnoseRule::PullFailure), Some(class)) => (class.title(), class.explanation()),
        (Some(r), _) => (view::rule_title(r), view::rule_title(r)),
        (None, _) => (rule, rule),
    };
    let mut descriptor = ReportingDescriptor::builder()
        .id(id)
        .short_description(text(short))
        .build();
    descriptor.full_description = Some(text(full));
    descriptor.help = Some(text(full));
    descriptor
}
