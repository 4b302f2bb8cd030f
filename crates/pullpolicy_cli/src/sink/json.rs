//! `--format json` streamed (the same bytes as `render::json`'s compact output:
//! the envelope, then each file's report with its documents written as they come), and
//! `--format jsonl`: JSON Lines, one object per line —
//!
//! ```json
//! {"path":"pods.json","document":{ …one of the core's documents… }}
//! {"path":"a.yaml","syntaxError":{ "document": 0, "message": "…", "line": 3, … }}
//! {"path":"a.yaml","summary":{ …the file's summary… }}
//! {"path":"gone.yaml","error":{"message":"no such file or directory"}}
//! {"schemaVersion":1,"tool":{…},"options":{…},"files":3,"unreadable":1,"summary":{…}}
//! ```
//!
//! — each document (each List item) on its line as soon as it is explained, a file's
//! syntax errors and summary after its documents, and the run's summary last.

use crate::input::InputError;
use crate::render::json::{Error, SCHEMA_VERSION, Tool, split_at_field};
use crate::stream::{File, Sink, Totals};
use pullpolicy::{Options, Report, Summary};
use serde::Serialize;
use std::io::{self, Write};

fn tool() -> Tool {
    Tool {
        name: "pullpolicy",
        version: env!("CARGO_PKG_VERSION"),
    }
}

fn error(e: &InputError) -> Error<'_> {
    Error {
        message: &e.message,
        line: e.line,
        column: e.column,
    }
}

/// `--format json`.
pub struct Json<'w> {
    out: &'w mut dyn Write,
    jobs: usize,
    files: usize,
    /// The current report's head is written.
    head: bool,
    /// Documents of the current report written.
    documents: usize,
    /// The envelope after its `files`.
    tail: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Envelope<'a> {
    schema_version: u32,
    tool: Tool,
    options: &'a Options,
    files: [(); 0],
}

#[derive(Serialize)]
struct Failed<'a> {
    path: &'a str,
    error: Error<'a>,
}

impl<'w> Json<'w> {
    pub fn new(out: &'w mut dyn Write, options: &Options, jobs: usize) -> io::Result<Json<'w>> {
        let shell = serde_json::to_string(&Envelope {
            schema_version: SCHEMA_VERSION,
            tool: tool(),
            options,
            files: [],
        })?;
        let (head, tail) = split_at_field(shell, "files")?;
        out.write_all(head.as_bytes())?;
        Ok(Json {
            out,
            jobs,
            files: 0,
            head: false,
            documents: 0,
            tail,
        })
    }

    fn comma(&mut self) -> io::Result<()> {
        self.files += 1;
        if self.files > 1 {
            self.out.write_all(b",")?;
        }
        Ok(())
    }
}

impl Sink for Json<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.comma()?;
        serde_json::to_writer(
            &mut *self.out,
            &Failed {
                path: &e.name,
                error: error(e),
            },
        )?;
        Ok(())
    }

    fn begin(&mut self, file: File<'_>) -> io::Result<()> {
        self.comma()?;
        self.head = false;
        self.documents = 0;
        self.out.write_all(b"{\"path\":")?;
        serde_json::to_writer(&mut *self.out, file.name)?;
        self.out.write_all(b",\"report\":")?;
        Ok(())
    }

    fn part(&mut self, _: File<'_>, part: &mut Report) -> io::Result<()> {
        if !self.head {
            // The report's head, up to its documents (they come before everything
            // that is known only at the end).
            let (head, _) =
                split_at_field(serde_json::to_string(&part.clone_shell())?, "documents")?;
            self.out.write_all(head.as_bytes())?;
            self.head = true;
        }
        crate::sink::write_each(
            &part.documents,
            self.jobs,
            self.documents == 0,
            (b"", b""),
            b",",
            self.out,
        )?;
        self.documents += part.documents.len();
        Ok(())
    }

    fn end(&mut self, _: File<'_>, shell: &Report) -> io::Result<()> {
        let (head, tail) = split_at_field(serde_json::to_string(shell)?, "documents")?;
        if !self.head {
            self.out.write_all(head.as_bytes())?;
        }
        self.out.write_all(tail.as_bytes())?;
        self.out.write_all(b"}")
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        self.out.write_all(self.tail.as_bytes())?;
        self.out.write_all(b"\n")
    }
}

/// A report's fields without its documents and syntax errors.
trait Shell {
    fn clone_shell(&self) -> Report;
}

impl Shell for Report {
    fn clone_shell(&self) -> Report {
        Report {
            schema_version: self.schema_version,
            kubernetes_version: self.kubernetes_version,
            documents: Vec::new(),
            syntax_errors: Vec::new(),
            summary: self.summary,
        }
    }
}

/// `--format jsonl`.
pub struct Jsonl<'w> {
    out: &'w mut dyn Write,
    options: &'w Options,
    jobs: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line<'a, T: Serialize> {
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    syntax_error: Option<&'a T>,
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a Summary>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<Error<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Last<'a> {
    schema_version: u32,
    tool: Tool,
    options: &'a Options,
    files: usize,
    unreadable: usize,
    summary: &'a Summary,
}

impl<'w> Jsonl<'w> {
    pub fn new(out: &'w mut dyn Write, options: &'w Options, jobs: usize) -> Jsonl<'w> {
        Jsonl { out, options, jobs }
    }

    fn line<T: Serialize>(&mut self, line: &Line<'_, T>) -> io::Result<()> {
        serde_json::to_writer(&mut *self.out, line)?;
        self.out.write_all(b"\n")
    }
}

impl Sink for Jsonl<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.line::<()>(&Line {
            path: &e.name,
            syntax_error: None,
            summary: None,
            error: Some(error(e)),
        })
    }

    fn begin(&mut self, _: File<'_>) -> io::Result<()> {
        Ok(())
    }

    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()> {
        let mut head = b"{\"path\":".to_vec();
        serde_json::to_writer(&mut head, file.name)?;
        head.extend_from_slice(b",\"document\":");
        crate::sink::write_each(
            &part.documents,
            self.jobs,
            false,
            (&head, b"}\n"),
            b"",
            self.out,
        )
    }

    fn end(&mut self, file: File<'_>, shell: &Report) -> io::Result<()> {
        for s in &shell.syntax_errors {
            self.line(&Line {
                path: file.name,
                syntax_error: Some(s),
                summary: None,
                error: None,
            })?;
        }
        self.line::<()>(&Line {
            path: file.name,
            syntax_error: None,
            summary: Some(&shell.summary),
            error: None,
        })
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        serde_json::to_writer(
            &mut *self.out,
            &Last {
                schema_version: SCHEMA_VERSION,
                tool: tool(),
                options: self.options,
                files: totals.files,
                unreadable: totals.unreadable,
                summary: &totals.summary,
            },
        )?;
        self.out.write_all(b"\n")
    }
}
