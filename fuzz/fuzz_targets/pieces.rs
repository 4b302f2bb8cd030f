//! A stream explained in pieces (what the CLI does on threads) gives exactly the report
//! of explaining it whole, for every number of pieces the first byte picks: joined
//! (`pieces::join`) and in order, a round of pieces at a time (`pieces::Ordered`, the
//! CLI's path for long streams; the round's size from the first byte too); and cut at
//! every line `split` may cut at (`pieces::chunks`), joined.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::{Options, pieces};

fuzz_target!(|data: &[u8]| {
    let Some((&parts, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let options = Options::default();
    let ranges = pieces::split(text, usize::from(parts % 16) + 1, 1);
    assert_eq!(ranges.first().map(|r| r.start), Some(0));
    assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
    let whole = pullpolicy::explain(text, &options);
    let explained = ranges
        .iter()
        .map(|r| pieces::explain(text, r.clone(), &options))
        .collect();
    assert_eq!(pieces::join(text, explained, &options), whole);
    // Cut at every line `split` may cut at (`pieces::chunks`, the diagnosis's YAML
    // stream documents): the same report too.
    let chunks = pieces::chunks(text);
    assert_eq!(chunks.first().map(|r| r.start), Some(0));
    assert_eq!(chunks.last().map(|r| r.end), Some(text.len()));
    assert!(chunks.windows(2).all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
    let explained = chunks
        .iter()
        .map(|r| pieces::explain(text, r.clone(), &options))
        .collect();
    assert_eq!(pieces::join(text, explained, &options), whole);

    let Some(mut ordered) = pieces::Ordered::new(text) else {
        return;
    };
    let mut all = pullpolicy::explain("", &options);
    for round in ranges.chunks(usize::from(parts / 16) % 4 + 1) {
        let jobs = ordered.jobs(round);
        let done: Vec<_> = jobs.iter().map(|j| j.explain(&options)).collect();
        for (job, piece) in jobs.iter().zip(done) {
            let mut part = ordered.take(job, piece, &options);
            all.documents.append(&mut part.documents);
            all.syntax_errors.append(&mut part.syntax_errors);
            all.summary.add(&part.summary);
        }
    }
    assert_eq!(all, whole);
});
