//! Checks shared by the fuzz targets.

use pullpolicy::Report;

#[path = "../../crates/pullpolicy/tests/support/shared.rs"]
mod shared;
pub use shared::{awkward, double_quoted, positions};

/// Asserts that every position of `report` lies within `text`:
/// `line ≥ 1`, `column ≥ 1`, `offset16 ≤ end16 ≤ UTF-16 length`.
pub fn assert_positions_within(text: &str, report: &Report) {
    assert_words(report);
    let len16 = text.encode_utf16().count();
    for (what, p) in positions(report) {
        assert!(p.line >= 1, "{what}: line 0 in {p:?}");
        assert!(p.column >= 1, "{what}: column 0 in {p:?}");
        assert!(p.offset16 <= p.end16, "{what}: offset16 > end16 in {p:?}");
        assert!(
            (p.end16 as usize) <= len16,
            "{what}: end16 past the text (UTF-16 length {len16}) in {p:?}"
        );
    }
}

/// Every finding says something, in spans none of which is empty, and its plain JSON
/// strings are its spans with code in backticks.
pub fn assert_words(report: &Report) {
    use pullpolicy::text::Span;
    for f in report.findings() {
        assert!(!f.message.is_empty(), "{}: an empty message", f.rule);
        for t in [&f.message, &f.explanation] {
            let mut backticked = String::new();
            for s in t.spans() {
                let (Span::Plain(w) | Span::Code(w)) = s;
                assert!(!w.is_empty(), "{}: an empty span in {t:?}", f.rule);
                match s {
                    Span::Plain(w) => backticked.push_str(w),
                    Span::Code(w) => backticked.push_str(&format!("`{w}`")),
                }
            }
            assert_eq!(backticked, t.backticked(), "{}", f.rule);
        }
    }
}
