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
/// themselves. The documents are moved into each chunk and back, not copied: `part` is
/// as it was when this returns `Ok`.
pub(crate) fn in_chunks(
    part: &mut pullpolicy::Report,
    each: &mut dyn FnMut(&pullpolicy::Report) -> io::Result<()>,
) -> io::Result<()> {
    in_rounds(part, 1, &mut |round| round.iter().try_for_each(&mut *each))
}

/// [`in_chunks`] for a format whose work on a chunk is pure: `prepare` runs on `jobs`
/// threads, a round of chunks at a time (the writing thread's share of the work is then
/// only `take`), and `take` receives what it made in order.
pub(crate) fn in_chunks_on<R: Send>(
    part: &mut pullpolicy::Report,
    jobs: usize,
    prepare: impl Fn(&pullpolicy::Report) -> io::Result<R> + Sync,
    take: &mut dyn FnMut(R) -> io::Result<()>,
) -> io::Result<()> {
    in_rounds(part, jobs.max(1) * 4, &mut |round| {
        crate::parallel::map(round, jobs, &prepare)
            .into_iter()
            .try_for_each(|made| take(made?))
    })
}

/// Hands `part`'s chunks to `each`, `per_round` at a time (or `part` whole, see
/// [`in_chunks`]); the documents are moved into the chunks and back.
fn in_rounds(
    part: &mut pullpolicy::Report,
    per_round: usize,
    each: &mut dyn FnMut(&[pullpolicy::Report]) -> io::Result<()>,
) -> io::Result<()> {
    const CHUNK: usize = 16;
    if !part.syntax_errors.is_empty() || part.documents.len() <= CHUNK {
        return each(std::slice::from_ref(part));
    }
    let mut documents = std::mem::take(&mut part.documents).into_iter();
    part.documents.reserve_exact(documents.len());
    let mut round: Vec<pullpolicy::Report> = Vec::new();
    loop {
        for _ in 0..per_round {
            let mut chunk = pullpolicy::Report {
                schema_version: part.schema_version,
                kubernetes_version: part.kubernetes_version,
                documents: Vec::new(),
                syntax_errors: Vec::new(),
                summary: part.summary,
            };
            chunk.documents.extend(documents.by_ref().take(CHUNK));
            if chunk.documents.is_empty() {
                break;
            }
            round.push(chunk);
        }
        if round.is_empty() {
            return Ok(());
        }
        let done = each(&round);
        for chunk in round.drain(..) {
            part.documents.extend(chunk.documents);
        }
        done?;
    }
}

/// Where the playground is (`--playground-url`, checked by the arguments), as
/// `render::playground` finds it.
pub(crate) fn playground(url: &str) -> pullpolicy_view::share::PlaygroundBase {
    use pullpolicy_view::share::PlaygroundBase;
    PlaygroundBase::parse(url)
        .or_else(|| PlaygroundBase::parse(crate::text::DEFAULT_PLAYGROUND))
        .unwrap_or_else(PlaygroundBase::this_page)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A part is cut into chunks of 16 documents in order, each chunk handed out once,
    /// and left as it was, serially and on threads; a part with few documents is handed
    /// out whole.
    #[test]
    fn chunks_are_the_part_in_order_and_the_part_is_left_as_it_was() {
        let text: String = (0..50)
            .map(|i| format!("apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec: {{containers: [{{name: c, image: nginx}}]}}\n---\n"))
            .collect();
        let options = pullpolicy::Options::default();
        let whole = pullpolicy::explain(&text, &options);
        assert_eq!(whole.documents.len(), 50);
        for jobs in [1, 3] {
            let mut part = whole.clone();
            let mut seen = Vec::new();
            in_chunks_on(
                &mut part,
                jobs,
                |chunk| Ok(chunk.documents.clone()),
                &mut |documents| {
                    seen.push(documents);
                    Ok(())
                },
            )
            .unwrap();
            assert_eq!(
                seen.iter().map(Vec::len).collect::<Vec<_>>(),
                [16, 16, 16, 2]
            );
            assert_eq!(seen.concat(), whole.documents);
            assert_eq!(part, whole);
            let mut sizes = Vec::new();
            in_chunks(&mut part, &mut |chunk| {
                sizes.push(chunk.documents.len());
                Ok(())
            })
            .unwrap();
            assert_eq!(sizes, [16, 16, 16, 2]);
            assert_eq!(part, whole);
        }
        let mut few = whole.clone();
        few.documents.truncate(16);
        let mut sizes = Vec::new();
        in_chunks(&mut few, &mut |chunk| {
            sizes.push(chunk.documents.len());
            Ok(())
        })
        .unwrap();
        assert_eq!(sizes, [16]);
    }
}
