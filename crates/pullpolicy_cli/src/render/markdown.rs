//! `--format markdown`: GitHub-flavoured Markdown for pull-request comments, the view's
//! Markdown report (`pullpolicy_view::report_md`, which the playground's "Copy as
//! Markdown" writes too): a title with the counts, the per-entry table, errors and
//! warnings with why and how to fix, and the informational findings folded away.
//! Everything from the input is escaped (pipes included), so a manifest cannot break
//! the table or inject markup.

use crate::run::Run;
use pullpolicy_view::report_md;
use std::io::{self, Write};

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let inputs = super::inputs(run);
    let playground = super::playground(run);
    let md = report_md::render(&report_md::Report {
        inputs: &inputs,
        options: &run.options,
        version: env!("CARGO_PKG_VERSION"),
        playground: &playground,
        manifest: None,
    });
    out.write_all(md.as_bytes())
}
