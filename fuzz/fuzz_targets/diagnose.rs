//! `diagnose` on arbitrary bytes (when UTF-8): never panics or hangs; every position
//! (pieces, pods, nodes, skew, diagnoses, node presence, findings) lies in the text;
//! every piece's byte range is a char-boundary slice of the text, pieces are in text
//! order and do not overlap; each diagnosis starts with its `pull-failure` error
//! finding; the report serializes; the result is the same on a second run (pure); and
//! `diagnose_each` (the CLI's streamed diagnosis: Lists and streams read item by item,
//! describe output a pod at a time, in windows of 8 lines under debug assertions) hands out
//! exactly that report, part by part.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::Position;
use pullpolicy::diagnose::{DiagnoseOptions, DiagnosisReport, Part, diagnose, diagnose_each};

fn positions(r: &DiagnosisReport) -> Vec<(&'static str, Position)> {
    let mut all = Vec::new();
    all.extend(r.pieces.iter().map(|p| ("piece", p.position)));
    all.extend(r.pods.iter().map(|p| ("pod", p.position)));
    all.extend(r.nodes.iter().map(|n| ("node", n.position)));
    all.extend(r.skew.iter().map(|s| ("skew", s.position)));
    for d in &r.diagnoses {
        all.push(("diagnosis", d.position));
        all.extend(d.nodes.iter().map(|n| ("presence", n.position)));
    }
    all.extend(r.all_findings().map(|f| (f.rule, f.position)));
    all
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let report = diagnose(text, &DiagnoseOptions::default());
    let len16 = text.encode_utf16().count();
    for (what, p) in positions(&report) {
        assert!(p.line >= 1 && p.column >= 1, "{what}: {p:?}");
        assert!(p.offset16 <= p.end16, "{what}: {p:?}");
        assert!((p.end16 as usize) <= len16, "{what}: {p:?} past {len16}");
    }
    let mut end = 0;
    for piece in &report.pieces {
        let b = &piece.bytes;
        assert!(b.start <= b.end && b.end <= text.len(), "{b:?}");
        assert!(text.is_char_boundary(b.start) && text.is_char_boundary(b.end), "{b:?}");
        assert!(b.start >= end, "pieces overlap: {b:?} after {end}");
        end = b.end;
    }
    for d in &report.diagnoses {
        assert_eq!(d.findings.first().map(|f| f.rule), Some("pull-failure"));
    }
    let json = serde_json::to_string(&report).expect("the report serializes");
    let again = serde_json::to_string(&diagnose(text, &DiagnoseOptions::default())).unwrap();
    assert_eq!(json, again, "diagnose is pure");

    let mut parts = Vec::new();
    let mut streamed = diagnose_each(text, &DiagnoseOptions::default(), &mut |p| parts.push(p));
    for p in parts {
        match p {
            Part::Pieces(p) => streamed.pieces = p,
            Part::Pod(p) => streamed.pods.push(p),
            Part::Diagnosis(d) => streamed.diagnoses.push(*d),
        }
    }
    assert_eq!(
        serde_json::to_string(&streamed).unwrap(),
        json,
        "diagnose_each hands out the whole run's report"
    );
});
