//! Explaining a stream in pieces (what the CLI does on several threads) gives exactly
//! the report of explaining it whole: for every fixture and every file of the
//! real-world corpus, cut at every place `pieces::split` allows, and for the same
//! files concatenated into one long stream.

use pullpolicy::{Options, Report, pieces};
use std::path::PathBuf;

fn texts() -> Vec<(PathBuf, String)> {
    pullpolicy_tests::inputs()
        .into_iter()
        .filter_map(|p| std::fs::read_to_string(&p).ok().map(|t| (p, t)))
        .collect()
}

fn in_pieces(text: &str, parts: usize, options: &Options) -> (usize, Report) {
    let ranges = pieces::split(text, parts, 1);
    let n = ranges.len();
    let parts = ranges
        .into_iter()
        .map(|r| pieces::explain(text, r, options))
        .collect();
    (n, pieces::join(text, parts, options))
}

#[test]
fn every_file_in_pieces_equals_the_whole() {
    let options = Options::default();
    let mut cut = 0;
    for (path, text) in texts() {
        let whole = pullpolicy::explain(&text, &options);
        for parts in [2, 16] {
            let (n, report) = in_pieces(&text, parts, &options);
            assert_eq!(report, whole, "{} in {parts} pieces", path.display());
            cut += usize::from(n > 1);
        }
    }
    // Multi-document files are common in the corpus: most of the comparisons above
    // really cut (a file with one document cannot be).
    assert!(cut >= 50, "only {cut} cuts");
}

#[test]
fn the_whole_corpus_as_one_stream_in_pieces_equals_the_whole() {
    let options = Options::default();
    let stream = texts()
        .into_iter()
        .map(|(_, t)| t)
        .collect::<Vec<_>>()
        .join("\n---\n");
    let whole = pullpolicy::explain(&stream, &options);
    assert!(whole.documents.len() > 500, "{}", whole.documents.len());
    for parts in [2, 16] {
        let (n, report) = in_pieces(&stream, parts, &options);
        assert!(n > 1, "{parts}: not cut");
        assert_eq!(report, whole, "{parts} pieces");
    }
}
