//! Checks shared by the fuzz targets.

use pullpolicy::Report;

#[path = "../../crates/pullpolicy/tests/support/shared.rs"]
mod shared;
pub use shared::{awkward, double_quoted, positions};

/// Asserts that every position of `report` lies within `text`:
/// `line ≥ 1`, `column ≥ 1`, `offset16 ≤ end16 ≤ UTF-16 length`.
pub fn assert_positions_within(text: &str, report: &Report) {
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
