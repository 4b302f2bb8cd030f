//! `--format json`: one JSON document for the whole run.
//!
//! ```json
//! {
//!   "schemaVersion": 1,
//!   "tool": { "name": "pullpolicy", "version": "0.1.0" },
//!   "options": { "kubernetesVersion": "1.36", "scenario": { … } },
//!   "files": [
//!     { "path": "a.yaml", "report": { …the core's Report… } },
//!     { "path": "b.yaml", "error": { "message": "…", "line": 3, "column": 5 } }
//!   ]
//! }
//! ```
//!
//! `files` lists every input in the order read (directories expanded, sorted); each has
//! either `report` (the core's JSON contract, versioned by its own `schemaVersion`) or
//! `error` (the input could not be read; `line`/`column` when known). Indented when
//! standard output is a terminal, compact otherwise.

use crate::run::{FileResult, Run};
use serde::Serialize;
use std::io::{self, Write};

/// The version of this envelope (`files`, `error`, `tool`, `options`).
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Output<'a> {
    schema_version: u32,
    tool: Tool,
    options: &'a pullpolicy::Options,
    files: Vec<File<'a>>,
}

#[derive(Serialize)]
struct Tool {
    name: &'static str,
    version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a pullpolicy::Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Error<'a>>,
}

#[derive(Serialize)]
struct Error<'a> {
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    column: Option<u32>,
}

pub fn render(run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    let files = run
        .files
        .iter()
        .map(|f| match f {
            FileResult::Explained(e) => File {
                path: &e.name,
                report: Some(&e.report),
                error: None,
            },
            FileResult::Failed(e) => File {
                path: &e.name,
                report: None,
                error: Some(Error {
                    message: &e.message,
                    line: e.line,
                    column: e.column,
                }),
            },
        })
        .collect();
    let output = Output {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "pullpolicy",
            version: env!("CARGO_PKG_VERSION"),
        },
        options: &run.options,
        files,
    };
    super::write_json(&output, pretty, out)
}
