//! One long stream explained in pieces, for callers with threads (the CLI): the same
//! report [`crate::explain`] gives, byte for byte.
//!
//! ```
//! use pullpolicy::{Options, pieces};
//! let text = "kind: Pod\nspec: {containers: [{name: a, image: nginx}]}\n---\nkind: Pod\nspec: {containers: [{name: b, image: redis:7}]}\n";
//! let options = Options::default();
//! let ranges = pieces::split(text, 2, 1);
//! assert_eq!(ranges.len(), 2);
//! let parts = ranges.into_iter().map(|r| pieces::explain(text, r, &options)).collect();
//! assert_eq!(pieces::join(text, parts, &options), pullpolicy::explain(text, &options));
//! ```
//!
//! Why a cut at a `---` line is exact: a `---` at the start of a line, followed by a
//! blank or the end, is always a document marker to the YAML scanner (libyaml's and
//! saphyr's `fetch_document_indicator` come before any other token, and a plain or
//! block scalar ends there). If it falls inside a quoted scalar or a flow collection,
//! the whole-stream read fails there too; such a stream and every other stream with a
//! syntax error is re-read whole by [`join`], because recovery and libyaml's wording
//! look across the cut. (A text in one piece is explained whole at once, so it is
//! never read twice.) Nothing else carries from one document to the next except
//! directives (`%YAML`, `%TAG`, unknown ones): [`split`] does not cut a text that has
//! any, nor one with a byte order mark past its start. Each document's analysis and
//! node simulation depend on that document alone (`explain::read_document`,
//! `kubelet::simulate`).

use crate::explain::{Cx, assemble, read_document};
use crate::options::Options;
use crate::report::{Document, Report};
use crate::source::SourceMap;
use std::ops::Range;

/// The analysis of one piece; [`join`] puts the pieces of a text back together.
#[derive(Debug)]
pub struct Piece(Part);

#[derive(Debug)]
enum Part {
    /// The whole text, explained as [`crate::explain`] does (nothing to join).
    Whole(Report),
    /// The documents of a piece, numbered from 0 within it, and how many stream
    /// documents it holds.
    Documents(Vec<Document>, usize),
    /// The piece met a syntax error or a document it cannot read: [`join`] explains
    /// the text whole.
    Unclean,
}

/// At most `parts` byte ranges covering `text`, each after the first starting at a
/// `---` line and each at least `min_len` bytes long (the last may be shorter). One
/// range when the text cannot be cut exactly (see the module's documentation).
pub fn split(text: &str, parts: usize, min_len: usize) -> Vec<Range<usize>> {
    if parts < 2 || text.len() < min_len.saturating_mul(2) || !cuttable(text) {
        return std::iter::once(0..text.len()).collect();
    }
    let step = (text.len() / parts).max(min_len).max(1);
    let mut ranges = Vec::with_capacity(parts);
    let mut start = 0;
    while ranges.len() + 1 < parts {
        let Some(cut) = marker_at_or_after(text, start + step) else {
            break;
        };
        if text.len() - cut < min_len / 2 {
            break;
        }
        ranges.push(start..cut);
        start = cut;
    }
    ranges.push(start..text.len());
    ranges
}

/// Whether `text` has neither directives (lines starting with `%`) nor a byte order
/// mark past its start: what the whole-text reader handles specially (see
/// `yaml::parse_each`), so such a text is only ever explained whole.
fn cuttable(text: &str) -> bool {
    !text.starts_with('%')
        && !text.contains("\n%")
        && !text.contains("\r%")
        && !text.get(1..).is_some_and(|t| t.contains('\u{feff}'))
}

/// The byte offset of the first line at or after byte `from` that is a document
/// marker (`---` then a blank or the end).
fn marker_at_or_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    // Back to the start of the line `from` is in, so a marker at `from` counts.
    while at > 0 && !matches!(bytes.get(at - 1), Some(b'\n' | b'\r') | None) {
        at -= 1;
    }
    loop {
        let line = bytes.get(at..)?;
        if line.starts_with(b"---") && line.get(3).is_none_or(|b| b" \t\r\n".contains(b)) {
            return Some(at);
        }
        at += line.iter().position(|&b| b == b'\n')? + 1;
    }
}

/// Explains the piece `range` of `text` (a range from [`split`]).
pub fn explain(text: &str, range: Range<usize>, options: &Options) -> Piece {
    if range == (0..text.len()) {
        // One piece, directives and syntax errors included: read once, as a whole.
        return Piece(Part::Whole(crate::explain(text, options)));
    }
    if !cuttable(text) {
        return Piece(Part::Unclean);
    }
    let map = SourceMap::new(text);
    let cx = Cx { map: &map, options };
    let (before, lines) = map.before(range.start);
    let (end, _) = map.before(range.end);
    // Up to the next piece's `---` and the blank after it: what the scanner reads
    // before it ends this piece's last document in the whole text.
    let lookahead = (range.end + 4).min(text.len());
    let mut documents = Vec::new();
    let mut readable = true;
    let count = text.get(range.start..lookahead).and_then(|piece| {
        crate::yaml::parse_piece(piece, before, lines, end, |doc| match doc.collection_key {
            Some(_) => readable = false,
            None => read_document(&cx, doc, &mut documents),
        })
    });
    match count {
        Some(count) if readable => {
            crate::kubelet::simulate(&mut documents, options);
            Piece(Part::Documents(documents, count))
        }
        _ => Piece(Part::Unclean),
    }
}

/// The report of `text` from its pieces, in order; equal to [`crate::explain`]'s.
/// When a piece met a syntax error, `text` is explained again as a whole.
pub fn join(text: &str, pieces: Vec<Piece>, options: &Options) -> Report {
    let mut documents = Vec::new();
    let mut first = 0;
    for piece in pieces {
        match piece.0 {
            Part::Whole(report) => return report,
            Part::Unclean => return crate::explain(text, options),
            Part::Documents(docs, count) => {
                documents.extend(docs.into_iter().map(|mut d| {
                    d.index += first;
                    d
                }));
                first += count;
            }
        }
    }
    assemble(documents, Vec::new(), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(name: &str) -> String {
        format!(
            "kind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - {{name: c, image: nginx}}\n"
        )
    }

    fn stream(n: usize) -> String {
        (0..n)
            .map(|i| pod(&format!("p{i}")))
            .collect::<Vec<_>>()
            .join("---\n")
    }

    fn pieces_equal_whole(text: &str, parts: usize, min_len: usize) -> usize {
        let options = Options::default();
        let ranges = split(text, parts, min_len);
        let n = ranges.len();
        let pieces = ranges
            .into_iter()
            .map(|r| explain(text, r, &options))
            .collect();
        assert_eq!(join(text, pieces, &options), crate::explain(text, &options));
        n
    }

    #[test]
    fn cuts_only_at_document_markers() {
        let text = stream(10);
        let ranges = split(&text, 4, 1);
        assert_eq!(ranges.len(), 4);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[pair[1].clone()].starts_with("---\n"));
        }
        assert_eq!(pieces_equal_whole(&text, 4, 1), 4);
    }

    #[test]
    fn texts_that_cannot_be_cut_stay_whole() {
        let text = stream(10);
        assert_eq!(split(&text, 1, 1).len(), 1);
        assert_eq!(split(&text, 4, text.len()).len(), 1, "too short");
        for uncuttable in [
            format!("%YAML 1.1\n{text}"),
            format!("{text}...\n%TAG ! tag:x,2024:\n---\n{}", pod("d")),
            format!("{text}---\n\u{feff}{}", pod("bom")),
            "a: 1\nb: 2\n".repeat(100),
        ] {
            assert_eq!(split(&uncuttable, 4, 1).len(), 1, "{uncuttable:.40}");
        }
    }

    #[test]
    fn pieces_with_errors_fall_back_to_the_whole_read() {
        let options = Options::default();
        for text in [
            // A quoted scalar across a marker, a flow collection across one, an
            // error in the middle, a collection key, an alias across documents.
            format!(
                "{}---\nmetadata: {{name: \"a\n---\nb\"}}\n---\n{}",
                pod("x"),
                pod("y")
            ),
            format!("{}---\nlist: [a,\n---\n]\n---\n{}", pod("x"), pod("y")),
            format!("{}---\nkind: [\n---\n{}", stream(3), stream(3)),
            format!("{}---\n{{a: 1}}: b\n---\n{}", pod("x"), pod("y")),
            format!("a: &x 1\n---\nb: *x\n---\n{}", pod("y")),
        ] {
            let pieces: Vec<Piece> = split(&text, 8, 1)
                .into_iter()
                .map(|r| explain(&text, r, &options))
                .collect();
            assert!(pieces.len() > 1, "{text}");
            assert_eq!(
                join(&text, pieces, &options),
                crate::explain(&text, &options)
            );
        }
    }

    #[test]
    fn texts_with_directives_are_explained_whole_even_in_one_piece() {
        // Found by fuzzing (fuzz/fuzz_targets/pieces.rs): an unknown directive is
        // handled by the whole-text reader only.
        for text in [
            "-[--\n%an",
            "%YAML 1.1\n---\na: 1\n",
            "a: 1\n---\n\u{feff}b: 2\n",
        ] {
            assert_eq!(pieces_equal_whole(text, 1, 1), 1);
            assert_eq!(pieces_equal_whole(text, 4, 1), 1);
        }
        // Cut by hand all the same, the pieces are refused and the text read whole.
        let options = Options::default();
        let text = "%YAML 1.1\n---\na: 1\n---\nb: 2\n";
        let cut = text.rfind("---").unwrap_or_default();
        let parts = vec![
            explain(text, 0..cut, &options),
            explain(text, cut..text.len(), &options),
        ];
        assert!(parts.iter().all(|p| matches!(p.0, Part::Unclean)));
        assert_eq!(join(text, parts, &options), crate::explain(text, &options));
    }

    #[test]
    fn a_piece_ends_as_the_whole_text_ends_it() {
        // Found by fuzzing: an empty block scalar's span runs to the `---` after it in
        // the whole text, to nothing at the end of a text.
        for text in [
            ">+\n---\naiper",
            "a: |\n---\nb: >-\n--- \nc: |+\n\n---",
            // An empty document right before a cut: its null node is marked at the next
            // `---`, past the cut.
            "Ve#rs!!sts:IfNotPresent\n---\n---\n",
        ] {
            assert!(pieces_equal_whole(text, 5, 1) > 1);
        }
    }

    #[test]
    fn positions_and_indices_are_the_whole_texts() {
        let text = format!("# ünïcödé 🎉\n{}", stream(7));
        assert!(pieces_equal_whole(&text, 3, 1) > 1);
        let crlf = text.replace('\n', "\r\n");
        assert!(pieces_equal_whole(&crlf, 3, 1) > 1);
        let empty_docs = format!("---\n---\n{}---\n---\n{}", stream(3), stream(3));
        assert!(pieces_equal_whole(&empty_docs, 5, 1) > 1);
    }
}
