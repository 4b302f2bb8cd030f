//! Hostile inputs for `diagnose`: each must end with a report that says what it could not
//! read — never a panic or a hang — and every position must lie in the text. Durations
//! are printed (`--nocapture`), not asserted; the benchmark (`benches/diagnose.rs`)
//! measures them. Run in release for realistic figures:
//!
//! ```text
//! cargo test --release -p pullpolicy --test diagnose_hostile -- --nocapture
//! ```

use pullpolicy::Position;
use pullpolicy::diagnose::{DiagnoseOptions, DiagnosisReport, FailureClass, PieceFormat, diagnose};
use std::time::Instant;

fn timed(name: &str, text: &str) -> DiagnosisReport {
    let start = Instant::now();
    let r = diagnose(text, &DiagnoseOptions::default());
    println!(
        "diagnose {name}: {:.3} s for {} bytes ({} pieces, {} pods, {} diagnoses, {} findings)",
        start.elapsed().as_secs_f64(),
        text.len(),
        r.pieces.len(),
        r.pods.len(),
        r.diagnoses.len(),
        r.all_findings().count()
    );
    inside(text, &r);
    serde_json::to_string(&r).expect("the report serializes");
    r
}

fn inside(text: &str, r: &DiagnosisReport) {
    let len16 = text.encode_utf16().count() as u32;
    let mut all: Vec<Position> = r.pieces.iter().map(|p| p.position).collect();
    all.extend(r.pods.iter().map(|p| p.position));
    all.extend(r.nodes.iter().map(|n| n.position));
    all.extend(r.skew.iter().map(|s| s.position));
    for d in &r.diagnoses {
        all.push(d.position);
        all.extend(d.nodes.iter().map(|n| n.position));
    }
    all.extend(r.all_findings().map(|f| f.position));
    for p in all {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        assert!(
            p.offset16 <= p.end16 && p.end16 <= len16,
            "{p:?} outside {len16}"
        );
    }
    for piece in &r.pieces {
        assert!(piece.bytes.start <= piece.bytes.end && piece.bytes.end <= text.len());
        assert!(text.is_char_boundary(piece.bytes.start) && text.is_char_boundary(piece.bytes.end));
    }
}

fn rules(r: &DiagnosisReport) -> Vec<&'static str> {
    r.all_findings().map(|f| f.rule).collect()
}

const ROW: &str = "  Warning  Failed     13s (x2 over 29s)  kubelet            Failed to pull image \"a:1\": failed to pull and unpack image \"docker.io/library/a:1\": failed to resolve reference \"docker.io/library/a:1\": docker.io/library/a:1: not found\n";

#[test]
fn empty_and_blank() {
    for text in ["", " ", "\n\n\n", "\r\n", "\t"] {
        let r = timed("blank", text);
        assert!(r.diagnoses.is_empty() && r.pods.is_empty() && r.pieces.is_empty());
        assert_eq!(rules(&r), ["no-evidence"]);
    }
    let r = timed("empty", "");
    assert_eq!(
        r.findings[0].message,
        "Nothing to diagnose: the text is empty."
    );
}

#[test]
fn binary_and_control_characters() {
    let binary: String = (0u8..=255).map(char::from).collect::<String>().repeat(64);
    let r = timed("binary", &binary);
    assert!(r.diagnoses.is_empty());
    let mixed = format!(
        "\u{0}\u{1}Name:\u{0}  x\u{feff}\n{}\u{0}\n\u{10ffff}🐳\r{ROW}",
        "\u{7f}".repeat(100)
    );
    timed("control", &mixed);
    // A lone carriage return separates lines as a line break does.
    let r = timed("cr-lines", &ROW.replace('\n', "\r"));
    assert_eq!(r.diagnoses.len(), 1);
}

#[test]
fn truncated_tables() {
    let header = "  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n";
    // Header only; a row cut in its type; a row cut in its message; a row whose quote
    // never closes; columns that do not fit.
    for text in [
        header.to_owned(),
        format!("{header}  Warn"),
        format!(
            "{header}  Warning  Failed     13s (x2 over 29s)  kubelet            Failed to pull ima"
        ),
        format!(
            "{header}  Warning  Failed     13s (x2 over 29s)  kubelet            Failed to pull image \"a:1"
        ),
        format!("{header}x\ny\nz\n"),
        "Events:\n".to_owned(),
        "LAST SEEN   TYPE   REASON   OBJECT   MESSAGE\n0s".to_owned(),
    ] {
        let r = timed("truncated", &text);
        assert!(r.diagnoses.len() <= 1, "{text:?}");
    }
    let r = timed("bad rows", &format!("{header}x\ny\nz\n"));
    assert_eq!(
        r.findings
            .iter()
            .find(|f| f.rule == "truncated-input")
            .map(|f| f.message.backticked()),
        Some(
            "3 lines of an events table could not be read as rows (the first is here).".to_owned()
        )
    );
    // A failure message whose quoted image never closes cannot be read: said so.
    let r = timed(
        "unclosed",
        "Failed to pull image \"a:1: rpc error: code = NotFound desc = x",
    );
    assert!(r.diagnoses.is_empty());
    assert_eq!(rules(&r), ["no-evidence"]);
}

#[test]
fn unreadable_yaml_is_reported_and_the_rest_is_read() {
    let text = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: [\n---\n{}",
        ROW.trim_start()
    );
    let r = timed("bad yaml", &text);
    assert!(rules(&r).contains(&"unreadable-evidence"));
    let text = format!("{{\"kind\": \"Pod\", \"status\": \n\n{ROW}");
    let r = timed("bad json", &text);
    assert_eq!(r.diagnoses.len(), 1);
    assert_eq!(r.diagnoses[0].class, FailureClass::NotFound);
}

#[test]
fn deep_nesting_and_aliases() {
    let deep = format!("status: {}{}\n", "[".repeat(50_000), "]".repeat(50_000));
    timed("deep flow", &deep);
    let block = format!("status:\n{}x\n", "- ".repeat(20_000));
    timed("deep block", &block);
    let mut laughs =
        String::from("apiVersion: v1\nkind: Pod\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    laughs.push_str("status: {phase: Pending, containerStatuses: *a9}\n");
    timed("aliases", &laughs);
}

#[test]
fn long_lines_and_many_pieces() {
    let long = format!(
        "Failed to pull image \"{}\": {}\n",
        "a".repeat(1 << 20),
        "x: ".repeat(1 << 18)
    );
    let r = timed("1MB line", &long);
    assert_eq!(r.diagnoses.len(), 1);
    let many_describes = "Name:  p\nContainers:\n  c:\n    Image:  a\n    State:  Waiting\n      Reason:  ErrImagePull\n".repeat(20_000);
    let r = timed("20k describe pods", &many_describes);
    assert_eq!(r.pieces.len(), 20_000);
    assert_eq!(r.pods.len(), 1, "one name: merged");
    let many_commands = "$ kubectl get events\n".repeat(100_000);
    timed("commands", &many_commands);
    let quotes = "Failed to pull image \"".repeat(100_000);
    timed("unclosed quotes", &quotes);
    let wrappers = format!(
        "Failed to pull image \"a\": {}x\n",
        "rpc error: code = Unknown desc = failed to pull and unpack image \"a\": ".repeat(50_000)
    );
    let r = timed("nested wrappers", &wrappers);
    assert_eq!(r.diagnoses.len(), 1);
    let aggregate = format!(
        "Failed to pull image \"a\": [{}x]\n",
        "rpc error: code = NotFound desc = x, ".repeat(50_000)
    );
    let r = timed("aggregate", &aggregate);
    // The last element, `x`, starts no error: it stays with the one before.
    assert_eq!(r.diagnoses[0].parts.len(), 50_000);
}

#[test]
fn a_large_describe_output() {
    // ≈ 10 MB: one describe output whose events table has 60,000 rows.
    let mut text = String::from(
        "Name:             big\nNamespace:        default\nNode:             n1/10.0.0.1\nStatus:           Pending\nContainers:\n  app:\n    Image:          a:1\n    State:          Waiting\n      Reason:       ImagePullBackOff\nEvents:\n  Type     Reason     Age                From               Message\n  ----     ------     ----               ----               -------\n",
    );
    while text.len() < 10_000_000 {
        text.push_str(ROW);
    }
    let r = timed("10MB describe", &text);
    assert_eq!(r.diagnoses.len(), 1);
    assert_eq!(r.diagnoses[0].class, FailureClass::NotFound);
    assert!(r.diagnoses[0].timeline.as_ref().unwrap().failures > 60_000);
}

#[test]
fn a_large_events_table_with_many_pods() {
    // 40,000 rows of `kubectl get events -A`, 10,000 pods (the benchmark reads 10× more).
    let mut text =
        String::from("NAMESPACE   LAST SEEN   TYPE      REASON    OBJECT            MESSAGE\n");
    for i in 0..10_000 {
        for row in [
            format!(
                "ns          4m7s        Warning   Failed    pod/p-{i:05}   Failed to pull image \"r/p{i}:1\": failed to pull and unpack image \"docker.io/r/p{i}:1\": failed to resolve image: docker.io/r/p{i}:1: not found\n"
            ),
            format!(
                "ns          4m7s        Warning   Failed    pod/p-{i:05}   Error: ErrImagePull\n"
            ),
            format!(
                "ns          6s          Normal    BackOff   pod/p-{i:05}   Back-off pulling image \"r/p{i}:1\"\n"
            ),
            format!(
                "ns          6s          Warning   Failed    pod/p-{i:05}   Error: ImagePullBackOff\n"
            ),
        ] {
            text.push_str(&row);
        }
    }
    let r = timed("40k-row table", &text);
    assert_eq!(r.pieces[0].format, PieceFormat::GetEvents);
    assert_eq!(r.pods.len(), 10_000);
    assert_eq!(r.diagnoses.len(), 10_000);
    assert!(
        r.diagnoses
            .iter()
            .all(|d| d.reason == "ImagePullBackOff" && d.class == FailureClass::NotFound)
    );
}

#[test]
fn blank_line_runs_and_boxes() {
    let header = "  Type     Reason     Age                From               Message\n";
    let text = format!("{header}{}{ROW}", "\n".repeat(200_000));
    timed("blank run", &text);
    let boxed = format!(
        "│ {header}{}",
        format!("│ {} │\n", "x".repeat(100)).repeat(50_000)
    );
    let r = timed("boxes", &boxed);
    assert!(r.diagnoses.is_empty());
}

/// ≈ 100 MB of `kubectl get events -A` (400,000 rows over 100,000 pods). Ignored by
/// default (it takes seconds in release, minutes in debug):
/// `cargo test --release -p pullpolicy --test diagnose_hostile -- --ignored --nocapture`.
#[test]
#[ignore]
fn a_100mb_events_table() {
    let mut text =
        String::from("NAMESPACE   LAST SEEN   TYPE      REASON    OBJECT            MESSAGE\n");
    let mut i = 0;
    while text.len() < 100_000_000 {
        text.push_str(&format!("ns          4m7s        Warning   Failed    pod/p-{i:06}   Failed to pull image \"r/p{i}:1\": failed to pull and unpack image \"docker.io/r/p{i}:1\": failed to resolve image: docker.io/r/p{i}:1: not found\nns          4m7s        Warning   Failed    pod/p-{i:06}   Error: ErrImagePull\nns          6s          Normal    BackOff   pod/p-{i:06}   Back-off pulling image \"r/p{i}:1\"\nns          6s          Warning   Failed    pod/p-{i:06}   Error: ImagePullBackOff\n"));
        i += 1;
    }
    let r = timed("100MB table", &text);
    assert_eq!(r.diagnoses.len(), i);
}
