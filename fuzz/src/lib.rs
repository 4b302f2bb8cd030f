//! Checks shared by the fuzz targets.

use pullpolicy::{Position, Report};

/// Every position the report holds, with a label for failure messages.
pub fn positions(report: &Report) -> Vec<(String, Position)> {
    let mut out = Vec::new();
    for e in &report.syntax_errors {
        out.push((format!("syntax error {:?}", e.message), e.position));
    }
    for (i, d) in report.documents.iter().enumerate() {
        out.push((format!("documents[{i}]"), d.position));
        for f in &d.findings {
            out.push((format!("documents[{i}] finding {}", f.rule), f.position));
        }
        for (j, entry) in d.entries.iter().enumerate() {
            let at = format!("documents[{i}].entries[{j}]");
            out.push((at.clone(), entry.position));
            out.push((format!("{at}.image"), entry.image.position));
            out.push((format!("{at}.policy"), entry.policy.position));
            for f in &entry.findings {
                out.push((format!("{at} finding {}", f.rule), f.position));
            }
        }
    }
    out
}

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
