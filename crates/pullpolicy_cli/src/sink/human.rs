//! The human format streamed: the same text as `render::human`, written at the end of
//! the run from what the parts left — each table row's cells and each finding's lines,
//! spilled as they come (`Spill`), and the columns' widths.

use crate::input::InputError;
use crate::render::human::{cells, finding_lines, tone_style};
use crate::sink::spill::Spill;
use crate::stream::{File, Sink, Totals};
use pullpolicy::Report;
use pullpolicy_view::inputs::{Input, items, rows};
use pullpolicy_view::model::Tone;
use pullpolicy_view::terminal::{Style, Terminal, width};
use pullpolicy_view::wording;
use std::io::{self, Read, Write};

const COLUMNS: usize = wording::COLUMNS.len();

pub struct Human<'w> {
    out: &'w mut dyn Write,
    /// Each row: per cell its tone, its length (u32, little-endian) and its text.
    rows: Spill,
    /// The findings' lines, written.
    items: Spill,
    widths: [usize; COLUMNS],
    /// Threads that make the chunks of a part.
    jobs: usize,
}

fn tone_byte(t: Tone) -> u8 {
    match t {
        Tone::Plain => 0,
        Tone::Good => 1,
        Tone::Bad => 2,
        Tone::Muted => 3,
    }
}

fn tone_of(b: u8) -> Tone {
    match b {
        1 => Tone::Good,
        2 => Tone::Bad,
        3 => Tone::Muted,
        _ => Tone::Plain,
    }
}

impl<'w> Human<'w> {
    pub fn new(out: &'w mut dyn Write, jobs: usize) -> Human<'w> {
        Human {
            jobs,
            out,
            rows: Spill::new(),
            items: Spill::new(),
            widths: wording::COLUMNS.map(width),
        }
    }

    fn table(&mut self) -> io::Result<()> {
        if self.rows.is_empty() {
            let mut t = Terminal::new();
            t.text(wording::NO_ENTRIES).newline();
            return self.out.write_all(t.finish().as_bytes());
        }
        let widths = self.widths;
        let last = COLUMNS - 1;
        let mut t = Terminal::new();
        for (i, head) in wording::COLUMNS.iter().enumerate() {
            t.styled(Style::Bold, head);
            if i < last {
                t.pad(widths[i] - width(head) + 2);
            }
        }
        t.newline();
        self.out.write_all(t.finish().as_bytes())?;
        let mut reader = io::BufReader::with_capacity(1 << 16, self.rows.reader()?);
        let mut t = Terminal::new();
        let mut cell = Vec::new();
        let mut n = 0usize;
        'rows: loop {
            for (i, w) in widths.iter().enumerate() {
                let mut head = [0u8; 5];
                match reader.read_exact(&mut head) {
                    Ok(()) => {}
                    Err(e) if e.kind() == io::ErrorKind::UnexpectedEof && i == 0 => break 'rows,
                    Err(e) => return Err(e),
                }
                let len = u32::from_le_bytes([head[1], head[2], head[3], head[4]]) as usize;
                cell.resize(len, 0);
                reader.read_exact(&mut cell)?;
                let text = std::str::from_utf8(&cell).map_err(io::Error::other)?;
                t.styled(tone_style(tone_of(head[0])), text);
                if i < last {
                    t.pad(w - width(text) + 2);
                }
            }
            t.newline();
            n += 1;
            if n.is_multiple_of(256) {
                self.out
                    .write_all(std::mem::take(&mut t).finish().as_bytes())?;
            }
        }
        self.out.write_all(t.finish().as_bytes())
    }
}

/// What a chunk of a part adds: its rows (per cell its tone, its length and its text),
/// the widths they need and its findings' lines. Pure, made on any thread.
struct Chunk {
    rows: Vec<u8>,
    widths: [usize; COLUMNS],
    items: Vec<u8>,
}

impl Chunk {
    fn of(file: File<'_>, part: &Report) -> io::Result<Chunk> {
        let inputs = [Input::Report {
            name: file.name,
            report: part,
        }];
        let mut rows_out = Vec::new();
        let mut widths = [0; COLUMNS];
        for r in rows(&inputs) {
            let cells: [(String, Tone); COLUMNS] = cells(&r);
            for (w, (cell, tone)) in widths.iter_mut().zip(&cells) {
                *w = (*w).max(width(cell));
                rows_out.push(tone_byte(*tone));
                let len = u32::try_from(cell.len()).map_err(io::Error::other)?;
                rows_out.extend_from_slice(&len.to_le_bytes());
                rows_out.extend_from_slice(cell.as_bytes());
            }
        }
        let mut t = Terminal::new();
        for item in &items(&inputs, false) {
            finding_lines(&mut t, item);
        }
        Ok(Chunk {
            rows: rows_out,
            widths,
            items: t.finish().into_bytes(),
        })
    }
}

impl Human<'_> {
    fn take(&mut self, chunk: Chunk) -> io::Result<()> {
        for (w, c) in self.widths.iter_mut().zip(chunk.widths) {
            *w = (*w).max(c);
        }
        self.rows.write(&chunk.rows)?;
        self.items.write(&chunk.items)
    }
}

impl Sink for Human<'_> {
    fn failed(&mut self, _: &InputError) -> io::Result<()> {
        Ok(())
    }

    fn begin(&mut self, _: File<'_>) -> io::Result<()> {
        Ok(())
    }

    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()> {
        let jobs = self.jobs;
        crate::sink::in_chunks_on(part, jobs, |chunk| Chunk::of(file, chunk), &mut |chunk| {
            self.take(chunk)
        })
    }

    fn end(&mut self, _: File<'_>, _: &Report) -> io::Result<()> {
        Ok(())
    }

    fn finish(&mut self, totals: &Totals) -> io::Result<()> {
        self.table()?;
        if !self.items.is_empty() {
            self.out.write_all(b"\n")?;
            io::copy(&mut self.items.reader()?, &mut self.out)?;
        }
        let counts = &totals.counts;
        let mut t = Terminal::new();
        t.newline();
        t.styled(Style::Bold, &wording::run_summary(totals.files, counts));
        let mut extra = Vec::new();
        if counts.skipped > 0 {
            extra.push(wording::skipped_documents(counts.skipped));
        }
        if totals.unreadable > 0 {
            extra.push(wording::could_not_read(totals.unreadable));
        }
        if !extra.is_empty() {
            t.raw(" (").text(&extra.join("; ")).raw(")");
        }
        t.newline();
        self.out.write_all(t.finish().as_bytes())
    }
}
