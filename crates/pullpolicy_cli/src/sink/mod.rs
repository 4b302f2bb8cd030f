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
    match chunked(part) {
        None => each(part),
        Some(mut chunks) => chunks.try_for_each(|chunk| each(&chunk)),
    }
}

/// [`in_chunks`] for a format whose work on a chunk is pure: `prepare` runs on `jobs`
/// threads, a round of chunks at a time (the writing thread's share of the work is then
/// only `take`), and `take` receives what it made in order.
pub(crate) fn in_chunks_on<R: Send>(
    part: &pullpolicy::Report,
    jobs: usize,
    prepare: impl Fn(&pullpolicy::Report) -> io::Result<R> + Sync,
    take: &mut dyn FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    let Some(mut chunks) = chunked(part) else {
        return take(prepare(part)?);
    };
    loop {
        let round: Vec<pullpolicy::Report> = chunks.by_ref().take(jobs.max(1) * 4).collect();
        if round.is_empty() {
            return Ok(());
        }
        for made in crate::parallel::map(&round, jobs, &prepare) {
            take(made?)?;
        }
    }
}

/// A List's part cut into reports of a few documents; `None` when `part` is to be
/// handed out whole.
fn chunked(part: &pullpolicy::Report) -> Option<impl Iterator<Item = pullpolicy::Report> + '_> {
    const CHUNK: usize = 16;
    if !part.syntax_errors.is_empty() || part.documents.len() <= CHUNK {
        return None;
    }
    Some(
        part.documents
            .chunks(CHUNK)
            .map(|documents| pullpolicy::Report {
                schema_version: part.schema_version,
                kubernetes_version: part.kubernetes_version,
                documents: documents.to_vec(),
                syntax_errors: Vec::new(),
                summary: part.summary,
            }),
    )
}

/// Where the playground is (`--playground-url`, checked by the arguments), as
/// `render::playground` finds it.
pub(crate) fn playground(url: &str) -> pullpolicy_view::share::PlaygroundBase {
    use pullpolicy_view::share::PlaygroundBase;
    PlaygroundBase::parse(url)
        .or_else(|| PlaygroundBase::parse(crate::text::DEFAULT_PLAYGROUND))
        .unwrap_or_else(PlaygroundBase::this_page)
}
