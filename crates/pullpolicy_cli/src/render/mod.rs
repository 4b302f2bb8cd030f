//! The output formats. Each renders the view of the run's reports
//! (`pullpolicy_view`: the per-entry table, the findings list and the counts, worded
//! once) with that crate's typed encoders; JSON is the core's contract as it is.

pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod sarif;

use crate::args::Format;
use crate::run::{FileResult, Run};
use pullpolicy_view::inputs::Input;
use pullpolicy_view::share::PlaygroundBase;
use std::io::{self, Write};

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

/// Renders `run` (human output is written with ANSI styles: the caller strips them
/// unless colour is on). `pretty` indents JSON and SARIF.
pub fn render(format: Format, run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    match format {
        Format::Human => human::render(run, out),
        Format::Json | Format::Jsonl => json::render(run, pretty, out),
        Format::Sarif => sarif::render(run, pretty, out),
        Format::Markdown => markdown::render(run, out),
        Format::Html => html::render(run, out),
    }
}

/// The run's inputs, for the view.
pub fn inputs(run: &Run) -> Vec<Input<'_>> {
    run.files
        .iter()
        .map(|f| match f {
            FileResult::Explained(e) => Input::Report {
                name: &e.name,
                report: &e.report,
            },
            FileResult::Failed(e) => Input::Unreadable {
                name: &e.name,
                message: &e.message,
                line: e.line,
                column: e.column,
            },
        })
        .collect()
}

/// Where the playground is (`--playground-url`, an `http(s)://` URL the arguments
/// checked).
pub fn playground(run: &Run) -> PlaygroundBase {
    PlaygroundBase::parse(&run.playground_url)
        .or_else(|| PlaygroundBase::parse(crate::text::DEFAULT_PLAYGROUND))
        .unwrap_or_else(PlaygroundBase::this_page)
}
