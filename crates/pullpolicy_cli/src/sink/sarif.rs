//! `--format sarif` streamed: the same SARIF as `render::sarif` (the same values;
//! `$schema` and `version` first, then the run's `results`, then its `tool` with the
//! rules met on the way, its `invocations` and the rest), each result written as soon as its part is explained.
//! Regions end where `render::sarif::Regions` ends them, found by the same
//! `render::sarif::Lines`, which moves forward through each input with its findings
//! (they come in order of position) and keeps no index of every line.

use crate::input::InputError;
use crate::render::sarif::{Lines, document, result, rule};
use crate::stream::{File, Sink, Totals};
use pullpolicy::Report;
use pullpolicy_view::inputs::{Input, items};
use pullpolicy_view::model::Origin;
use serde_sarif::sarif::ReportingDescriptor;
use std::collections::HashMap;
use std::io::{self, Write};

pub struct Sarif<'w> {
    out: &'w mut dyn Write,
    rules: Vec<ReportingDescriptor>,
    rule_index: HashMap<&'static str, usize>,
    failed: Vec<InputError>,
    results: usize,
    lines: Lines,
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
            lines: Lines::default(),
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
            let region = self.lines.region(file.text, &f.position);
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
        self.out.write_all(&buf)
    }
}

impl Sink for Sarif<'_> {
    fn failed(&mut self, e: &InputError) -> io::Result<()> {
        self.failed.push(e.clone());
        Ok(())
    }

    fn begin(&mut self, _: File<'_>) -> io::Result<()> {
        self.lines = Lines::default();
        Ok(())
    }

    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()> {
        crate::sink::in_chunks(part, &mut |chunk| self.chunk(file, chunk))
    }

    fn end(&mut self, _: File<'_>, _: &Report) -> io::Result<()> {
        self.lines = Lines::default();
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
