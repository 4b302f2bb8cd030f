//! Helpers shared by the property tests (`tests/properties.rs`) and the fuzz targets
//! (`fuzz/`, a crate outside the workspace, which includes this file by path).

use pullpolicy::{Position, Report};
use std::fmt::Write;

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

/// Characters a YAML reader may refuse or read as a line break anywhere (go-yaml v2's
/// reader refuses what is not printable: controls, `U+FFFE` and `U+FFFF`, "control
/// characters are not allowed").
pub fn awkward(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{85}' | '\u{fffe}' | '\u{ffff}'
        )
}

/// `s` as a YAML double-quoted scalar, [`awkward`] characters escaped.
pub fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if awkward(c) => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
