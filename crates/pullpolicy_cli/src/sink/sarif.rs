//! `--format sarif` streamed: the same SARIF as `render::sarif` (the same values;
//! `$schema` and `version` first, then the run's `results`, then its `tool` with the
//! rules met on the way, its `invocations` and the rest), each result written as soon as its part is explained.
//! Regions end where `render::sarif::Regions` ends them, found by a cursor that moves
//! forward through each input with its findings (they come in order of position)
//! instead of an index of every line.

use crate::input::InputError;
use crate::render::sarif::{document, result, rule};
use crate::stream::{File, Sink, Totals};
use pullpolicy::{Position, Report};
use pullpolicy_view::inputs::{Input, items};
use pullpolicy_view::model::Origin;
use serde_sarif::sarif::{Region, ReportingDescriptor};
use std::collections::HashMap;
use std::io::{self, Write};

pub struct Sarif<'w> {
    out: &'w mut dyn Write,
    rules: Vec<ReportingDescriptor>,
    rule_index: HashMap<&'static str, usize>,
    failed: Vec<InputError>,
    results: usize,
    cursor: Cursor<'static>,
}

impl<'w> Sarif<'w> {
    pub fn new(out: &'w mut dyn Write) -> io::Result<Sarif<'w>> {
        // `$schema` and `version` first, for tools that look at the start of a file.
        out.write_all(b"{\"$schema\":")?;
        serde_json::to_writer(&mut *out, crate::text::SARIF_SCHEMA)?;
        out.write_all(b",\"version\":\"2.1.0\",\"runs\":[{\"results\":[")?;
        Ok(Sarif {
            out,
            rules: Vec::new(),
            rule_index: HashMap::new(),
            failed: Vec::new(),
            results: 0,
            cursor: Cursor::new(""),
        })
    }
}

impl Sarif<'_> {
    /// What `part` adds.
    fn chunk(&mut self, file: File<'_>, part: &Report) -> io::Result<()> {
        let inputs = [Input::Report {
            name: file.name,
            report: part,
        }];
        let mut cursor = std::mem::replace(&mut self.cursor, Cursor::new("")).with(file.text);
        let mut buf = Vec::new();
        for item in items(&inputs, true) {
            let f = &item.finding;
            if f.origin == Origin::Input {
                continue;
            }
            let index = *self.rule_index.entry(f.id).or_insert_with(|| {
                self.rules.push(rule(&item));
                self.rules.len() - 1
            });
            let region = cursor.region(&f.position);
            let result = result(&item, index, region);
            if self.results > 0 {
                buf.push(b',');
            }
            self.results += 1;
            serde_json::to_writer(&mut buf, &result)?;
            if buf.len() >= 1 << 16 {
                self.out.write_all(&buf)?;
                buf.clear();
            }
        }
        self.cursor = cursor.detach();
        self.out.write_all(&buf)
    }
}

impl Sink for Sarif<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.failed.push(e.clone());
        Ok(())
    }

    fn begin(&mut self, _: File<'_>) -> io::Result<()> {
        self.cursor = Cursor::new("");
        Ok(())
    }

    fn part(&mut self, file: File<'_>, part: &Report) -> io::Result<()> {
        crate::sink::in_chunks(part, &mut |chunk| self.chunk(file, chunk))
    }

    fn end(&mut self, _: File<'_>, _: &Report) -> io::Result<()> {
        self.cursor = Cursor::new("");
        Ok(())
    }

    fn finish(&mut self, _: &Totals) -> io::Result<()> {
        self.out.write_all(b"]")?;
        let sarif = document(
            std::mem::take(&mut self.rules),
            Vec::new(),
            self.failed.iter(),
        );
        let serde_json::Value::Object(mut top) = serde_json::to_value(&sarif)? else {
            return Err(io::Error::other("SARIF is not an object"));
        };
        let mut runs = top.remove("runs");
        let run = runs
            .as_mut()
            .and_then(|r| r.get_mut(0))
            .and_then(serde_json::Value::as_object_mut)
            .ok_or_else(|| io::Error::other("SARIF without a run"))?;
        run.remove("results");
        for (key, value) in run.iter() {
            self.out.write_all(b",")?;
            serde_json::to_writer(&mut *self.out, key)?;
            self.out.write_all(b":")?;
            serde_json::to_writer(&mut *self.out, value)?;
        }
        self.out.write_all(b"}]")?;
        let written = [("$schema", crate::text::SARIF_SCHEMA), ("version", "2.1.0")];
        for (key, value) in &top {
            if written
                .iter()
                .any(|(k, v)| key == k && value.as_str() == Some(v))
            {
                continue;
            }
            self.out.write_all(b",")?;
            serde_json::to_writer(&mut *self.out, key)?;
            self.out.write_all(b":")?;
            serde_json::to_writer(&mut *self.out, value)?;
        }
        self.out.write_all(b"}\n")
    }
}

/// A place in an input's text at the start of a line (lines end at `\n`, as
/// `render::sarif`'s `Lines` counts them), moving forward with the findings.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// 0-based.
    index: usize,
    byte: usize,
    off16: u32,
}

const START: Line = Line {
    index: 0,
    byte: 0,
    off16: 0,
};

struct Cursor<'t> {
    text: &'t str,
    at: Line,
}

impl<'t> Cursor<'t> {
    fn new(text: &'t str) -> Cursor<'t> {
        Cursor { text, at: START }
    }

    /// The same cursor over `text` (the same input: a part after another).
    fn with<'u>(self, text: &'u str) -> Cursor<'u> {
        Cursor { text, at: self.at }
    }

    fn detach(self) -> Cursor<'static> {
        Cursor {
            text: "",
            at: self.at,
        }
    }

    /// The line after `line`, if there is one.
    fn next(&self, line: Line) -> Option<Line> {
        let rest = self.text.get(line.byte..)?;
        let nl = rest.bytes().position(|b| b == b'\n')?;
        let full = &rest[..=nl];
        let len16 = if full.is_ascii() {
            full.len()
        } else {
            full.encode_utf16().count()
        };
        Some(Line {
            index: line.index + 1,
            byte: line.byte + nl + 1,
            off16: line
                .off16
                .saturating_add(u32::try_from(len16).unwrap_or(u32::MAX)),
        })
    }

    /// The line that holds UTF-16 offset `off16`, from `from` on.
    fn line_of(&self, from: Line, off16: u32) -> Line {
        let mut line = from;
        while let Some(next) = self.next(line).filter(|n| n.off16 <= off16) {
            line = next;
        }
        line
    }

    fn line_text(&self, line: Line) -> &'t str {
        let rest = self.text.get(line.byte..).unwrap_or_default();
        let end = rest
            .bytes()
            .position(|b| b == b'\n')
            .map_or(rest.len(), |i| i + 1);
        rest[..end].trim_end_matches(['\n', '\r'])
    }

    /// The 1-based line and column of `off16`, its line found from `from`; and the
    /// line before it.
    fn locate(&self, from: Line, off16: u32) -> (u32, u32, Option<Line>) {
        let mut line = from;
        let mut before = None;
        while let Some(next) = self.next(line).filter(|n| n.off16 <= off16) {
            before = Some(line);
            line = next;
        }
        let mut units = line.off16;
        let mut column: u32 = 1;
        for c in self.line_text(line).chars() {
            if units >= off16 {
                break;
            }
            units += u32::try_from(c.len_utf16()).unwrap_or(1);
            column += 1;
        }
        (
            u32::try_from(line.index + 1).unwrap_or(u32::MAX),
            column,
            before,
        )
    }

    /// `render::sarif::Regions::of`.
    fn region(&mut self, p: &Position) -> Region {
        let mut region = Region::builder()
            .start_line(i64::from(p.line.max(1)))
            .start_column(i64::from(p.column.max(1)))
            .build();
        if p.end16 > p.offset16 && !self.text.is_empty() {
            if p.offset16 < self.at.off16 {
                self.at = START;
            }
            self.at = self.line_of(self.at, p.offset16);
            if let Some((line, column)) = self.end(p) {
                region.end_line = Some(i64::from(line));
                region.end_column = Some(i64::from(column));
            }
        }
        region
    }

    /// `render::sarif::Lines::end`.
    fn end(&self, pos: &Position) -> Option<(u32, u32)> {
        let (mut line, mut column, before) = self.locate(self.at, pos.end16);
        if column == 1 && line > pos.line {
            line -= 1;
            let previous = match before {
                Some(b) => b,
                // The line before is before the cursor: count from the start.
                None => {
                    let mut l = START;
                    while l.index + 1 < line as usize {
                        match self.next(l) {
                            Some(n) => l = n,
                            None => break,
                        }
                    }
                    l
                }
            };
            column =
                u32::try_from(self.line_text(previous).chars().count() + 1).unwrap_or(u32::MAX);
        }
        ((line, column) > (pos.line, pos.column)).then_some((line, column))
    }
}
