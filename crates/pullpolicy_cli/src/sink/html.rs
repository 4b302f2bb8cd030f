//! The HTML fragment streamed: the same text as `render::html`, each input's section
//! written as its parts come — its table rows at once, its findings (listed after the
//! table) spilled until the input ends.

use crate::input::InputError;
use crate::render::html::{
    close, link, list_end, list_head, list_item, no_entries, no_findings, open, section, table_end,
    table_head, table_row,
};
use crate::sink::spill::Spill;
use crate::stream::{File, Sink, Totals};
use pullpolicy::{Options, Report};
use pullpolicy_view::html::Html;
use pullpolicy_view::inputs::{Input, items, rows};
use pullpolicy_view::share::PlaygroundBase;
use std::io::{self, Write};

pub struct HtmlSink<'w> {
    out: &'w mut dyn Write,
    options: &'w Options,
    playground: PlaygroundBase,
    /// Table rows of the current input written.
    rows: usize,
    /// The current input's findings, as HTML.
    items: Spill,
}

impl<'w> HtmlSink<'w> {
    pub fn new(
        out: &'w mut dyn Write,
        options: &'w Options,
        playground: PlaygroundBase,
    ) -> io::Result<HtmlSink<'w>> {
        let mut h = Html::new();
        open(&mut h);
        out.write_all(h.finish().as_str().as_bytes())?;
        Ok(HtmlSink {
            out,
            options,
            playground,
            rows: 0,
            items: Spill::new(),
        })
    }

    fn write(&mut self, h: Html) -> io::Result<()> {
        self.out.write_all(h.finish().as_str().as_bytes())
    }
}

impl HtmlSink<'_> {
    /// The rows and findings of `part`.
    fn chunk(&mut self, file: File<'_>, part: &Report) -> io::Result<()> {
        let inputs = [Input::Report {
            name: file.name,
            report: part,
        }];
        let mut h = Html::new();
        for row in &rows(&inputs) {
            if self.rows == 0 {
                table_head(&mut h);
            }
            self.rows += 1;
            table_row(&mut h, row);
        }
        self.write(h)?;
        let mut h = Html::new();
        for item in &items(&inputs, true) {
            list_item(&mut h, item, &self.playground);
        }
        self.items.write(h.finish().as_str().as_bytes())
    }
}

impl Sink for HtmlSink<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        let inputs = [Input::Unreadable {
            name: &e.name,
            message: &e.message,
            line: e.line,
            column: e.column,
        }];
        let mut h = Html::new();
        section(&mut h, &e.name);
        list_head(&mut h);
        for item in &items(&inputs, true) {
            list_item(&mut h, item, &self.playground);
        }
        list_end(&mut h);
        h.raw("</section>\n");
        self.write(h)
    }

    fn begin(&mut self, file: File<'_>) -> io::Result<()> {
        self.rows = 0;
        self.items = Spill::new();
        let mut h = Html::new();
        section(&mut h, file.name);
        self.write(h)
    }

    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()> {
        crate::sink::in_chunks(part, &mut |chunk| self.chunk(file, chunk))
    }

    fn end(&mut self, file: File<'_>, _: &Report) -> io::Result<()> {
        let mut h = Html::new();
        if self.rows == 0 {
            no_entries(&mut h);
        } else {
            table_end(&mut h);
        }
        if self.items.is_empty() {
            no_findings(&mut h);
            self.write(h)?;
        } else {
            list_head(&mut h);
            self.write(h)?;
            io::copy(&mut self.items.reader()?, &mut self.out)?;
            let mut h = Html::new();
            list_end(&mut h);
            self.write(h)?;
        }
        let mut h = Html::new();
        link(&mut h, &self.playground, file.text, self.options);
        h.raw("</section>\n");
        self.items = Spill::new();
        self.write(h)
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        let mut h = Html::new();
        close(&mut h, self.options);
        self.write(h)
    }
}
