//! The streamed outputs of `pullpolicy explain` (`crate::stream::Sink`): JSON, JSON
//! Lines, SARIF and the human format, each written as the parts of the run arrive;
//! what a format can only print at the end (the human table's widths, SARIF's rules) is
//! kept small or spilled to a temporary file ([`spill::Spill`]).

pub mod diagnosis;
pub mod html;
pub mod human;
pub mod json;
pub mod markdown;
pub mod pretty;
pub mod sarif;
pub mod spill;

use std::io::{self, Write};

/// `documents` as compact JSON, each after a comma (or, with `first`, the first one
/// without), serialized in chunks on `jobs` threads, each through `wrap` (the JSON
/// Lines format's envelope).
pub(crate) fn write_each<T: serde::Serialize + Sync>(
    documents: &[T],
    jobs: usize,
    first: bool,
    wrap: (&[u8], &[u8]),
    separator: &[u8],
    out: &mut dyn Write,
) -> io::Result<()> {
    const CHUNK: usize = 32;
    let chunks: Vec<&[T]> = documents.chunks(CHUNK).collect();
    for (r, round) in chunks.chunks(jobs.max(1) * 8).enumerate() {
        let parts = crate::parallel::map(round, jobs, |docs| {
            let mut buf = Vec::with_capacity(docs.len() * 8192);
            for doc in *docs {
                buf.extend_from_slice(separator);
                buf.extend_from_slice(wrap.0);
                serde_json::to_writer(&mut buf, doc)?;
                buf.extend_from_slice(wrap.1);
            }
            Ok::<_, serde_json::Error>(buf)
        });
        for (i, part) in parts.into_iter().enumerate() {
            let part = part?;
            let skip = if first && r == 0 && i == 0 {
                separator.len()
            } else {
                0
            };
            out.write_all(part.get(skip..).unwrap_or_default())?;
        }
    }
    Ok(())
}

/// Hands `part` to `each` a few documents at a time when it is a List's part (no syntax
/// errors), whole otherwise: what the view builds for a part (its model, its text) is
/// then built for a few documents at once, not for a round of them. The rows and
/// findings of consecutive documents are those of the part, in order, as for the parts
/// themselves.
pub(crate) fn in_chunks(
    part: &pullpolicy::Report,
    each: &mut dyn FnMut(&pullpolicy::Report) -> io::Result<()>,
) -> io::Result<()> {
    const CHUNK: usize = 16;
    if !part.syntax_errors.is_empty() || part.documents.len() <= CHUNK {
        return each(part);
    }
    for documents in part.documents.chunks(CHUNK) {
        each(&pullpolicy::Report {
            schema_version: part.schema_version,
            kubernetes_version: part.kubernetes_version,
            documents: documents.to_vec(),
            syntax_errors: Vec::new(),
            summary: part.summary,
        })?;
    }
    Ok(())
}

/// Where the playground is (`--playground-url`, checked by the arguments), as
/// `render::playground` finds it.
pub(crate) fn playground(url: &str) -> pullpolicy_view::share::PlaygroundBase {
    use pullpolicy_view::share::PlaygroundBase;
    PlaygroundBase::parse(url)
        .or_else(|| PlaygroundBase::parse(crate::text::DEFAULT_PLAYGROUND))
        .unwrap_or_else(PlaygroundBase::this_page)
}
