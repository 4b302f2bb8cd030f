//! Explaining a stream in pieces (what the CLI does on several threads) gives exactly
//! the report of explaining it whole: for every fixture and every file of the
//! real-world corpus, cut at every place `pieces::split` allows, and for the same
//! files concatenated into one long stream — joined (`pieces::join`) and in order, a
//! part at a time (`pieces::Ordered`, the CLI's path for long streams).

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

/// The parts of `pieces::Ordered` put back together, `round` pieces at a time (`None`:
/// a JSON stream whose first two values do not read, explained whole).
fn in_order(text: &str, parts: usize, round: usize, options: &Options) -> Option<(usize, Report)> {
    let mut ordered = pieces::Ordered::new(text)?;
    let mut all = pullpolicy::explain("", options);
    let ranges = pieces::split(text, parts, 1);
    for round in ranges.chunks(round) {
        let jobs = ordered.jobs(round);
        let done: Vec<_> = jobs.iter().map(|j| j.explain(options)).collect();
        for (job, piece) in jobs.iter().zip(done) {
            let mut part = ordered.take(job, piece, options);
            all.documents.append(&mut part.documents);
            all.syntax_errors.append(&mut part.syntax_errors);
            all.summary.add(&part.summary);
        }
    }
    Some((ranges.len(), all))
}

#[test]
fn every_file_in_order_equals_the_whole() {
    let options = Options::default();
    let (mut cut, mut unclean) = (0, 0);
    for (path, text) in texts() {
        let whole = pullpolicy::explain(&text, &options);
        unclean += usize::from(!whole.syntax_errors.is_empty());
        for (parts, round) in [(2, 1), (16, 3), (text.len(), 4)] {
            let Some((n, report)) = in_order(&text, parts, round, &options) else {
                continue;
            };
            assert_eq!(report, whole, "{} in {parts} pieces", path.display());
            cut += usize::from(n > 1);
        }
    }
    assert!(cut >= 80, "only {cut} cuts");
    // Files kubectl cannot read whole: their pieces are read again in order.
    assert!(unclean >= 5, "only {unclean} files with syntax errors");
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
    for (parts, round) in [(64, 4), (stream.len() / 4096, 8)] {
        let (n, report) = in_order(&stream, parts, round, &options).expect("a YAML stream");
        // The corpus has single documents of 1.4 MB: fewer pieces than asked for.
        assert!(n > 10, "{parts}: cut in {n}");
        assert_eq!(report, whole, "{parts} pieces in order");
    }
}
