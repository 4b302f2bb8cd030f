//! The Markdown report streamed: the same text as `render::markdown` (the view's
//! `report_md`). Its title carries the counts of the whole run, so everything is
//! written at the end: each part is rendered by the view as a report of its own, and
//! its table rows, its errors and warnings and its informational findings — one line
//! each, since the view's Markdown turns every line break in a value into a space —
//! are spilled until then.

use crate::input::InputError;
use crate::sink::spill::Spill;
use crate::stream::{File, Sink, Totals};
use pullpolicy::{Options, Report};
use pullpolicy_view::inputs::Input;
use pullpolicy_view::markdown::Markdown;
use pullpolicy_view::report_md;
use pullpolicy_view::share::PlaygroundBase;
use pullpolicy_view::wording;
use std::io::{self, Write};

pub struct MarkdownSink<'w> {
    out: &'w mut dyn Write,
    options: &'w Options,
    playground: PlaygroundBase,
    /// The table's first two lines (its header), once a part had rows.
    head: Option<String>,
    rows: Spill,
    serious: Spill,
    infos: Spill,
    any_serious: bool,
    info_count: usize,
}

impl<'w> MarkdownSink<'w> {
    pub fn new(
        out: &'w mut dyn Write,
        options: &'w Options,
        playground: PlaygroundBase,
    ) -> MarkdownSink<'w> {
        MarkdownSink {
            out,
            options,
            playground,
            head: None,
            rows: Spill::new(),
            serious: Spill::new(),
            infos: Spill::new(),
            any_serious: false,
            info_count: 0,
        }
    }

    /// Sorts the lines of the view's report of `inputs` into the spills.
    fn take(&mut self, inputs: &[Input<'_>]) -> io::Result<()> {
        let md = report_md::render(&report_md::Report {
            inputs,
            options: self.options,
            version: env!("CARGO_PKG_VERSION"),
            playground: &self.playground,
            manifest: None,
        });
        let mut table = 0;
        let mut details = false;
        let mut head = String::new();
        for line in md.split_inclusive('\n') {
            if line.starts_with("| ") {
                table += 1;
                if table <= 2 {
                    head.push_str(line);
                    continue;
                }
                self.rows.write(line.as_bytes())?;
            } else if line.starts_with("<details>") {
                details = true;
            } else if line.starts_with("- **") {
                if details {
                    self.info_count += 1;
                    self.infos.write(line.as_bytes())?;
                } else {
                    self.any_serious = true;
                    self.serious.write(line.as_bytes())?;
                }
            }
        }
        if self.head.is_none() && !head.is_empty() {
            self.head = Some(head);
        }
        Ok(())
    }
}

impl Sink for MarkdownSink<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.take(&[Input::Unreadable {
            name: &e.name,
            message: &e.message,
            line: e.line,
            column: e.column,
        }])
    }

    fn begin(&mut self, _: File<'_>) -> io::Result<()> {
        Ok(())
    }

    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()> {
        crate::sink::in_chunks(part, &mut |chunk| {
            self.take(&[Input::Report {
                name: file.name,
                report: chunk,
            }])
        })
    }

    fn end(&mut self, _: File<'_>, _: &Report) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        let counts = &totals.counts;
        let mut m = Markdown::new();
        m.raw("### ").text(&wording::title(counts)).raw("\n\n");
        match &self.head {
            None => {
                m.text(wording::NO_ENTRIES).raw("\n\n");
                self.out.write_all(m.finish().as_bytes())?;
            }
            Some(head) => {
                self.out.write_all(m.finish().as_bytes())?;
                self.out.write_all(head.as_bytes())?;
                io::copy(&mut self.rows.reader()?, &mut self.out)?;
                self.out.write_all(b"\n")?;
            }
        }
        let mut m = Markdown::new();
        m.raw("**").text(wording::FINDINGS).raw("**\n\n");
        if !self.any_serious && self.info_count == 0 {
            m.text(wording::NO_FINDINGS).raw("\n\n");
        }
        self.out.write_all(m.finish().as_bytes())?;
        if self.any_serious {
            io::copy(&mut self.serious.reader()?, &mut self.out)?;
            self.out.write_all(b"\n")?;
        }
        if self.info_count > 0 {
            let mut m = Markdown::new();
            m.raw("<details>\n<summary>")
                .text(&wording::info_details(self.info_count, self.any_serious))
                .raw("</summary>\n\n");
            self.out.write_all(m.finish().as_bytes())?;
            io::copy(&mut self.infos.reader()?, &mut self.out)?;
            self.out.write_all(b"\n</details>\n\n")?;
        }
        let mut m = Markdown::new();
        if counts.skipped > 0 {
            m.text(&wording::skipped_documents(counts.skipped))
                .raw(".\n\n");
        }
        m.raw("<sub>")
            .text(&wording::footer(env!("CARGO_PKG_VERSION"), self.options))
            .raw("</sub>\n");
        self.out.write_all(m.finish().as_bytes())
    }
}
