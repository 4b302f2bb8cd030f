//! `--format json`: one JSON document for the whole run.
//!
//! ```json
//! {
//!   "schemaVersion": 1,
//!   "tool": { "name": "pullpolicy", "version": "0.1.0" },
//!   "options": { "kubernetesVersion": "1.37", "scenario": { … } },
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
//! standard output is a terminal, compact otherwise. Compact output is written
//! straight to the output, each report's documents in chunks serialized on `--jobs`
//! threads: the same bytes as serde_json's, in about half the time on two CPUs.

use crate::run::{FileResult, Run};
use pullpolicy::Report;
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
pub(crate) struct Tool {
    pub(crate) name: &'static str,
    pub(crate) version: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    report: Option<&'a Report>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Error<'a>>,
}

#[derive(Serialize)]
pub(crate) struct Error<'a> {
    pub(crate) message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) line: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) column: Option<u32>,
}

pub fn render(run: &Run, pretty: bool, out: &mut dyn Write) -> io::Result<()> {
    if pretty {
        let files = run.files.iter().map(file).collect();
        return super::write_json(&output(run, files), pretty, out);
    }
    // Compact: the envelope without files, then each file spliced in at `"files":[`.
    let shell = serde_json::to_string(&output(run, Vec::new()))?;
    let (head, tail) = split_at_field(shell, "files")?;
    out.write_all(head.as_bytes())?;
    for (i, f) in run.files.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        match f {
            FileResult::Explained(e) => {
                out.write_all(b"{\"path\":")?;
                serde_json::to_writer(&mut *out, &e.name)?;
                out.write_all(b",\"report\":")?;
                write_report(&e.report, run.jobs, out)?;
                out.write_all(b"}")?;
            }
            FileResult::Failed(_) => serde_json::to_writer(&mut *out, &file(f))?,
        }
    }
    out.write_all(tail.as_bytes())?;
    writeln!(out)
}

fn output<'a>(run: &'a Run, files: Vec<File<'a>>) -> Output<'a> {
    Output {
        schema_version: SCHEMA_VERSION,
        tool: Tool {
            name: "pullpolicy",
            version: env!("CARGO_PKG_VERSION"),
        },
        options: &run.options,
        files,
    }
}

fn file(f: &FileResult) -> File<'_> {
    match f {
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
    }
}

/// `json` written with an empty array in `name`, cut just inside the brackets. A
/// structural `"` cannot occur inside a JSON string (it would be `\"`), so the first
/// `"name":[]` is the field itself as long as no earlier field has one by that name.
pub(crate) fn split_at_field(mut json: String, name: &str) -> io::Result<(String, String)> {
    let field = format!("\"{name}\":[]");
    let at = json
        .find(&field)
        .map(|i| i + field.len() - 1)
        .ok_or_else(|| io::Error::other(format!("no {name} field in the JSON")))?;
    let tail = json.split_off(at);
    Ok((json, tail))
}

/// `report` as compact JSON (serde_json's bytes), its documents serialized in chunks
/// on `jobs` threads and written between the rest of the report, cut at
/// `"documents":[`.
fn write_report(report: &Report, jobs: usize, out: &mut dyn Write) -> io::Result<()> {
    let shell = Report {
        schema_version: report.schema_version,
        kubernetes_version: report.kubernetes_version,
        documents: Vec::new(),
        syntax_errors: report.syntax_errors.clone(),
        summary: report.summary,
    };
    let (head, tail) = split_at_field(serde_json::to_string(&shell)?, "documents")?;
    out.write_all(head.as_bytes())?;
    // Small chunks, a round of them at a time: the buffers of one round are freed
    // before the next, so memory stays small and is reused (fresh pages are what a
    // large run spends most of its time on).
    const CHUNK: usize = 32;
    let chunks: Vec<_> = report.documents.chunks(CHUNK).collect();
    for (r, round) in chunks.chunks(jobs.max(1) * 8).enumerate() {
        let parts = crate::parallel::map(round, jobs, |docs| {
            let mut buf = Vec::with_capacity(docs.len() * 8192);
            for doc in *docs {
                buf.push(b',');
                serde_json::to_writer(&mut buf, doc)?;
            }
            Ok::<_, serde_json::Error>(buf)
        });
        for (i, part) in parts.into_iter().enumerate() {
            let part = part?;
            // Each part starts with a comma; the very first document has none.
            let first = r == 0 && i == 0;
            out.write_all(part.get(usize::from(first)..).unwrap_or_default())?;
        }
    }
    out.write_all(tail.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::run::Explained;

    #[test]
    fn compact_output_on_threads_is_serde_jsons() {
        let pod = |name: &str| {
            format!(
                "kind: Pod\nmetadata: {{name: \"{name}\"}}\nspec:\n  containers:\n  - {{name: c, image: nginx}}\n"
            )
        };
        let texts = [
            String::new(),
            pod("one"),
            (0..300)
                .map(|i| pod(&format!("p{i} \\\"documents\\\":[] \\\"files\\\":[]")))
                .collect::<Vec<_>>()
                .join("---\n"),
            format!("{}---\nkind: [\n---\n{}", pod("a"), pod("b")),
        ];
        let options = pullpolicy::Options::default();
        let mut files: Vec<FileResult> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| {
                FileResult::Explained(Explained {
                    name: format!("\"files\":[] {i}.yaml"),
                    text: text.clone(),
                    report: pullpolicy::explain(text, &options),
                })
            })
            .collect();
        files.insert(
            1,
            FileResult::Failed(crate::input::InputError {
                name: "missing.yaml".to_owned(),
                message: "No such file".to_owned(),
                line: None,
                column: None,
            }),
        );
        let mut run = Run {
            files,
            options,
            playground_url: String::new(),
            jobs: 1,
        };
        let files = run.files.iter().map(file).collect();
        let mut expected = serde_json::to_vec(&output(&run, files)).unwrap();
        expected.push(b'\n');
        assert!(expected.len() > 100_000);
        for jobs in [1, 2, 3, 8] {
            run.jobs = jobs;
            let mut written = Vec::new();
            render(&run, false, &mut written).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(expected.clone()).unwrap(),
                "{jobs} jobs"
            );
        }
    }
}
