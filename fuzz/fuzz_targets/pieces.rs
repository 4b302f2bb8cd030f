//! A stream explained in pieces (what the CLI does on threads) gives exactly the report
//! of explaining it whole, for every number of pieces the first byte picks.
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
    let explained = ranges
        .into_iter()
        .map(|r| pieces::explain(text, r, &options))
        .collect();
    assert_eq!(
        pieces::join(text, explained, &options),
        pullpolicy::explain(text, &options)
    );
});
