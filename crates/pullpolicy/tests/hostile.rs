//! Hostile inputs: each must end by itself with a clear report (syntax errors or
//! findings), never a panic, a stack overflow or a hang. The tests assert what the
//! report says, and print how long `explain` took (`--nocapture`); they do not assert
//! timings. Measure in release:
//!
//! ```text
//! cargo test --release -p pullpolicy --test hostile -- --nocapture --test-threads 1
//! ```
//!
//! The inputs found by fuzzing (`fuzz/`) are at the end, inline.

use pullpolicy::{Credentials, DocumentStatus, NodeImage, Options, Registry, Report, Scenario};
use std::fmt::Write as _;
use std::time::Instant;

/// Runs `explain`, prints the duration, and checks that every position is inside the text.
fn explain_timed(name: &str, text: &str, options: &Options) -> Report {
    let start = Instant::now();
    let report = pullpolicy::explain(text, options);
    let took = start.elapsed();
    println!(
        "hostile {name}: {:.3} s for {} bytes ({} documents, {} entries, {} syntax errors)",
        took.as_secs_f64(),
        text.len(),
        report.documents.len(),
        report.summary.entries,
        report.syntax_errors.len()
    );
    assert_inside(text, &report);
    report
}

fn explain(name: &str, text: &str) -> Report {
    explain_timed(name, text, &Options::default())
}

/// Every position of the report lies within the text.
fn assert_inside(text: &str, report: &Report) {
    let len16 = u32::try_from(text.encode_utf16().count()).unwrap_or(u32::MAX);
    let mut all: Vec<_> = report.syntax_errors.iter().map(|e| e.position).collect();
    for d in &report.documents {
        all.push(d.position);
        all.extend(d.findings.iter().map(|f| f.position));
        for e in &d.entries {
            all.extend([e.position, e.image.position, e.policy.position]);
            all.extend(e.findings.iter().map(|f| f.position));
        }
    }
    for p in all {
        assert!(p.line >= 1 && p.column >= 1, "{p:?}");
        assert!(
            p.offset16 <= p.end16 && p.end16 <= len16,
            "{p:?} outside a text of {len16} UTF-16 units"
        );
    }
}

fn rules(report: &Report) -> Vec<&'static str> {
    report.findings().map(|f| f.rule).collect()
}

const POD_HEAD: &str = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n";

fn pod(containers: &str) -> String {
    format!("{POD_HEAD}spec:\n  containers:\n{containers}")
}

// ---------------------------------------------------------------------------------------
// Alias expansion bombs.

/// Nine levels of ten aliases each: 10⁹ strings if anyone expanded them.
fn laughs(levels: u8, indent: &str) -> String {
    let mut s = format!("{indent}l0: &l0 \"lol\"\n");
    for i in 1..=levels {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        let _ = writeln!(s, "{indent}l{i}: &l{i} [{refs}]");
    }
    s
}

#[test]
fn billion_laughs_in_a_pod_is_refused_as_kubectl_refuses_it() {
    // The bomb sits in the pod's annotations, and the container list is an alias too.
    // go-yaml v2.4 (`decode.go` `allowedAliasRatio`) refuses a document whose aliases
    // expand that much: kubectl cannot read it. The reader counts without expanding.
    let text = format!(
        "{POD_HEAD}  annotations:\n{}spec:\n  containers: &c\n  - name: app\n    image: nginx:1.25\n  initContainers: *c\n",
        laughs(9, "    ")
    );
    let report = explain("billion laughs (9 levels)", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(
        report.syntax_errors[0].message,
        "error converting YAML to JSON: yaml: document contains excessive aliasing"
    );
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
    assert_eq!(report.documents[0].findings[0].rule, "yaml-alias");
    assert_eq!(report.entries().count(), 0);
}

#[test]
fn billion_laughs_before_a_syntax_error_is_reported_without_expansion() {
    // A syntax error after a bomb: the syntax error is what go-yaml reports (it parses
    // before it decodes), and nothing is expanded on the way.
    let text = format!(
        "{}{POD_HEAD}  annotations:\n{}  broken: [\nspec:\n  containers: []\n",
        "---\n",
        laughs(9, "    ")
    );
    let report = explain("billion laughs + syntax error", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
    assert!(!report.syntax_errors[0].message.is_empty());
}

#[test]
fn billion_laughs_of_containers_is_refused_as_kubectl_refuses_it() {
    // Aliases of a container list inside a list: go-yaml v2.4 refuses the document for
    // excessive aliasing before anything is multiplied.
    let mut text = format!("{POD_HEAD}  labels:\n    c0: &c0 {{name: app, image: nginx}}\n");
    for i in 1..=9 {
        let refs = vec![format!("*c{}", i - 1); 10].join(", ");
        let _ = writeln!(text, "    c{i}: &c{i} [{refs}]");
    }
    text.push_str("spec:\n  containers: *c1\n");
    let report = explain("alias bomb of containers", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert!(
        report.syntax_errors[0]
            .message
            .ends_with("document contains excessive aliasing"),
        "{:?}",
        report.syntax_errors
    );
    assert_eq!(report.summary.entries, 0);
}

// ---------------------------------------------------------------------------------------
// Deep nesting.

const DEPTH: usize = 20_000;

#[test]
fn twenty_thousand_unclosed_flow_sequences_are_a_syntax_error() {
    let text = format!(
        "{}{}",
        pod("  - name: app\n    image: nginx\n"),
        "---\n".to_owned() + &"[".repeat(DEPTH)
    );
    let report = explain("20,000 × '[' unclosed", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.syntax_errors[0].document, 1);
    // The document before it is still analysed.
    assert_eq!(report.documents[0].status, DocumentStatus::Analysed);
    assert_eq!(report.summary.entries, 1);
}

#[test]
fn twenty_thousand_closed_flow_sequences_hit_the_nesting_limit() {
    // go-yaml v2.4 stops at 10,000 levels (`exceeded max depth of 10000`): kubectl cannot
    // read the document; the reader builds no recursion either way.
    let text = format!("{}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH));
    let report = explain("20,000 × '[…]' closed", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    let e = &report.syntax_errors[0];
    assert_eq!(
        e.message,
        "error converting YAML to JSON: yaml: exceeded max depth of 10000"
    );
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
}

#[test]
fn twenty_thousand_flow_mappings_inside_a_container_hit_the_nesting_limit() {
    let deep = format!("{}x{}", "{a: ".repeat(DEPTH), "}".repeat(DEPTH));
    let text = format!(
        "{}---\n{}",
        pod("  - name: ok\n    image: nginx\n"),
        pod(&format!(
            "  - name: app\n    image: nginx\n    extra: {deep}\n"
        ))
    );
    let report = explain("20,000 × '{a: …}' in a container", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(
        report.syntax_errors[0].message,
        "error converting YAML to JSON: yaml: line 9: exceeded max depth of 10000"
    );
    assert_eq!(report.syntax_errors[0].document, 1);
    let statuses: Vec<_> = report.documents.iter().map(|d| d.status).collect();
    assert_eq!(
        statuses,
        [DocumentStatus::Analysed, DocumentStatus::Unreadable]
    );
}

#[test]
fn twenty_thousand_block_sequences_exceed_go_yamls_depth() {
    // `- - - … - x`: block sequences nested on one line, past go-yaml's 10,000 levels.
    let text = format!("{}x\n", "- ".repeat(DEPTH));
    let report = explain("20,000 × '- ' block sequences", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert!(
        report.syntax_errors[0]
            .message
            .ends_with("exceeded max depth of 10000")
    );
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
}

#[test]
fn twenty_thousand_block_mappings_by_explicit_keys_are_an_unreadable_key() {
    // `? ? ? … x`: block mappings nested through explicit keys, past go-yaml's 10,000
    // levels (at fewer, a mapping as a key is go-yaml's `invalid map key`).
    let text = format!("{}x\n", "? ".repeat(DEPTH));
    let report = explain("20,000 × '? ' block mappings", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert!(
        report.syntax_errors[0]
            .message
            .ends_with("exceeded max depth of 10000"),
        "{:?}",
        report.syntax_errors
    );
}

#[test]
fn twenty_thousand_indented_block_mappings_in_a_container() {
    // Block mappings nested by indentation, one space per level (200 MB at 20,000
    // levels, so 2,000 levels here: 2 MB), under a container field.
    let levels = 2_000;
    let mut deep = String::new();
    for i in 0..levels {
        let _ = writeln!(deep, "{}k{i}:", " ".repeat(6 + i));
    }
    let _ = writeln!(deep, "{}leaf", " ".repeat(6 + levels));
    let text = pod(&format!(
        "  - name: app\n    image: nginx\n    resources:\n{deep}"
    ));
    let report = explain("2,000 indented block mappings", &text);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    assert_eq!(report.summary.entries, 1);
}

#[test]
fn twenty_thousand_unclosed_flow_mappings_are_a_syntax_error() {
    let text = "{a: ".repeat(DEPTH);
    let report = explain("20,000 × '{a: ' unclosed", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
}

// ---------------------------------------------------------------------------------------
// Size.

#[test]
fn an_eleven_megabyte_deployment_is_analysed() {
    // One Deployment with tens of thousands of containers, 11 MB in all.
    let mut text = String::from(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: big\nspec:\n  selector: {matchLabels: {app: big}}\n  template:\n    metadata: {labels: {app: big}}\n    spec:\n      containers:\n",
    );
    let mut n = 0;
    while text.len() < 11 * 1024 * 1024 {
        let _ = write!(
            text,
            "      - name: c{n}\n        image: registry.example.com:5000/team/service-{n}:1.{n}\n        imagePullPolicy: IfNotPresent\n        ports:\n        - containerPort: 8080\n"
        );
        n += 1;
    }
    let report = explain("11 MB Deployment", &text);
    assert!(report.syntax_errors.is_empty());
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].status, DocumentStatus::Analysed);
    assert_eq!(report.summary.entries, n);
    assert_eq!(report.summary.if_not_present, n);
}

#[test]
fn an_eleven_megabyte_stream_of_pods_is_analysed() {
    let one = "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx\n";
    let n = 11 * 1024 * 1024 / one.len() + 1;
    let text = one.repeat(n);
    let report = explain("11 MB stream of pods", &text);
    assert!(report.syntax_errors.is_empty());
    assert_eq!(report.documents.len(), n);
    assert_eq!(report.summary.always, n, "nginx means :latest, so Always");
}

#[test]
fn a_hundred_thousand_documents_are_each_reported() {
    let mut text = String::new();
    for i in 0..100_000 {
        let _ = write!(
            text,
            "---\nkind: Pod\napiVersion: v1\nmetadata: {{name: p{i}}}\nspec: {{containers: [{{name: a, image: \"app:{i}\"}}]}}\n"
        );
    }
    let report = explain("100,000 documents", &text);
    assert!(report.syntax_errors.is_empty());
    assert_eq!(report.documents.len(), 100_000);
    assert_eq!(report.documents[99_999].name.as_deref(), Some("p99999"));
    assert_eq!(report.summary.entries, 100_000);
    assert_eq!(report.summary.if_not_present, 100_000);
}

#[test]
fn a_hundred_thousand_empty_documents() {
    // kubectl's `YAMLReader`: a `---` line with no chunk pending starts a chunk, the next
    // one ends it, so 100,000 such lines are 50,000 empty documents.
    let text = "---\n".repeat(100_000);
    let report = explain("100,000 empty documents", &text);
    assert!(report.syntax_errors.is_empty());
    assert_eq!(report.documents.len(), 50_000);
    assert!(
        report
            .documents
            .iter()
            .all(|d| d.status == DocumentStatus::Skipped)
    );
}

#[test]
fn ten_thousand_broken_documents_with_unicode_are_each_reported() {
    // Every document has a syntax error; the text is not ASCII (a UTF-8 character in
    // each document), so every recovery maps characters to bytes.
    let n = 10_000;
    let text = "---\nname: é\nbad: [\n".repeat(n);
    let report = explain("10,000 broken non-ASCII documents", &text);
    assert_eq!(report.syntax_errors.len(), n);
    assert_eq!(report.documents.len(), n);
    assert!(
        report
            .documents
            .iter()
            .all(|d| d.status == DocumentStatus::Unreadable)
    );
    assert!(
        report
            .syntax_errors
            .windows(2)
            .all(|w| w[0].position.line < w[1].position.line),
        "each error is in its own document"
    );
}

#[test]
fn a_hundred_thousand_broken_documents_are_each_reported() {
    let n = 100_000;
    let text = "---\nbad: [\n".repeat(n);
    let report = explain("100,000 broken documents", &text);
    assert_eq!(report.syntax_errors.len(), n);
    assert_eq!(report.documents.len(), n);
}

// ---------------------------------------------------------------------------------------
// Bytes that do not belong in YAML.

#[test]
fn a_nul_byte_is_a_syntax_error_and_the_documents_around_it_are_read() {
    let good = pod("  - name: app\n    image: nginx:1.25\n");
    let text = format!("{good}---\nkind: Pod\nname: \0oops\n---\n{good}");
    let report = explain("NUL byte mid-stream", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    let e = &report.syntax_errors[0];
    assert_eq!(e.document, 1);
    assert_eq!((e.position.line, e.position.column), (11, 7), "{e:?}");
    assert!(e.message.contains("control characters"), "{e:?}");
    let statuses: Vec<_> = report.documents.iter().map(|d| d.status).collect();
    assert_eq!(
        statuses,
        [
            DocumentStatus::Analysed,
            DocumentStatus::Unreadable,
            DocumentStatus::Analysed
        ]
    );
    assert_eq!(report.summary.entries, 2);
}

#[test]
fn nul_bytes_only() {
    let text = "\0".repeat(1000);
    let report = explain("1,000 NUL bytes", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.syntax_errors[0].position.offset16, 0);
}

#[test]
fn a_nul_byte_inside_a_quoted_image() {
    let text = pod("  - name: app\n    image: \"nginx\0:1.25\"\n");
    let report = explain("NUL in a quoted image", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
}

#[test]
fn an_escaped_nul_in_an_image_is_an_invalid_reference() {
    // `\0` written as an escape is valid YAML: the image holds a NUL character.
    let text = pod("  - name: app\n    image: \"nginx\\0:1.25\"\n");
    let report = explain("escaped NUL in an image", &text);
    assert!(report.syntax_errors.is_empty());
    let entry = report.entries().next().expect("one entry");
    assert!(!entry.image.valid);
    assert_eq!(entry.image.raw.as_deref(), Some("nginx\0:1.25"));
    assert!(rules(&report).contains(&"invalid-image-name"));
}

// ---------------------------------------------------------------------------------------
// A syntax error in the middle of a stream.

#[test]
fn a_syntax_error_mid_stream_leaves_the_other_documents_analysed() {
    let a = pod("  - name: a\n    image: nginx:1.25\n");
    let c = pod("  - name: c\n    image: busybox\n");
    let text =
        format!("{a}---\nkind: Pod\nspec:\n  containers:\n  - name: b\n   image: broken\n---\n{c}");
    let report = explain("syntax error mid-stream", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    let e = &report.syntax_errors[0];
    assert_eq!(e.document, 1);
    assert!(!e.message.is_empty());
    let statuses: Vec<_> = report
        .documents
        .iter()
        .map(|d| (d.index, d.status))
        .collect();
    assert_eq!(
        statuses,
        [
            (0, DocumentStatus::Analysed),
            (1, DocumentStatus::Unreadable),
            (2, DocumentStatus::Analysed)
        ]
    );
    let images: Vec<_> = report.entries().map(|e| e.image.raw.as_deref()).collect();
    assert_eq!(images, [Some("nginx:1.25"), Some("busybox")]);
    // Positions after the error are those of the whole text.
    let last = report.entries().last().expect("an entry");
    assert_eq!(last.image.position.line, 23);
}

// ---------------------------------------------------------------------------------------
// Huge strings.

const MB: usize = 1024 * 1024;

#[test]
fn a_one_megabyte_image_is_an_invalid_name_too_long() {
    let image = "a".repeat(MB);
    let text = pod(&format!("  - name: app\n    image: {image}\n"));
    let report = explain("1 MB image (plain)", &text);
    assert!(report.syntax_errors.is_empty());
    let entry = report.entries().next().expect("one entry");
    assert!(!entry.image.valid);
    assert_eq!(
        entry.image.error.as_deref(),
        Some("repository name must not be more than 255 characters")
    );
    assert!(rules(&report).contains(&"invalid-image-name"));
    assert_eq!(
        entry.image.position.end16 - entry.image.position.offset16,
        u32::try_from(MB).unwrap()
    );
}

#[test]
fn a_one_megabyte_image_of_path_components_and_unicode() {
    let image = format!(
        "registry.example.com/{}app:{}",
        "a/".repeat(MB / 4),
        "🐳".repeat(MB / 8)
    );
    let text = pod(&format!("  - name: app\n    image: \"{image}\"\n"));
    let report = explain("1 MB image (path + astral tag)", &text);
    assert!(report.syntax_errors.is_empty());
    let entry = report.entries().next().expect("one entry");
    assert!(!entry.image.valid);
    assert_eq!(
        entry.image.error.as_deref(),
        Some("invalid reference format")
    );
}

#[test]
fn a_one_megabyte_image_under_every_scenario_value() {
    let image = format!("nginx:{}", "1".repeat(MB));
    let text = pod(&format!("  - name: app\n    image: '{image}'\n"));
    let options = Options {
        scenario: Scenario {
            node_image: NodeImage::Stale,
            registry: Registry::Unreachable,
            credentials: Credentials::Missing,
            always_pull_images: true,
            allowlist: vec![format!("docker.io/library/nginx:{}*", "1".repeat(1000))],
            ..Scenario::default()
        },
        ..Options::default()
    };
    let report = explain_timed("1 MB tag, non-default scenario", &text, &options);
    let entry = report.entries().next().expect("one entry");
    assert!(!entry.image.valid, "a tag is at most 128 characters");
}

#[test]
fn a_one_megabyte_implicit_key_is_a_syntax_error() {
    // YAML limits implicit (`key: value`) keys to 1024 characters.
    let key = "k".repeat(MB);
    let text = pod(&format!(
        "  - name: app\n    image: nginx:1.25\n    {key}: 1\n"
    ));
    let report = explain("1 MB implicit key", &text);
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    let e = &report.syntax_errors[0];
    assert_eq!(
        e.message,
        "error converting YAML to JSON: yaml: line 9: could not find expected ':'"
    );
    assert_eq!(e.position.line, 9);
    assert_eq!(report.documents[0].status, DocumentStatus::Unreadable);
}

#[test]
fn a_one_megabyte_explicit_key_is_an_unknown_field() {
    let key = "k".repeat(MB);
    let text = pod(&format!(
        "  - name: app\n    image: nginx:1.25\n    ? {key}\n    : 1\n"
    ));
    let report = explain("1 MB explicit key in a container", &text);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    assert_eq!(report.summary.entries, 1);
    assert!(
        rules(&report).contains(&"unknown-field"),
        "{:?}",
        rules(&report)
    );
    assert!(report.documents[0].strict_error().is_some());
}

#[test]
fn a_one_megabyte_explicit_key_close_to_a_field_name() {
    // A key that begins like `imagePullPolicy`: a did-you-mean candidate, 1 MB long.
    let key = format!("imagePullPolicy{}", "y".repeat(MB));
    let text = pod(&format!(
        "  - name: app\n    image: nginx:1.25\n    ? {key}\n    : Always\n"
    ));
    let report = explain("1 MB explicit key like imagePullPolicy", &text);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    assert!(rules(&report).contains(&"unknown-field"));
}

#[test]
fn a_one_megabyte_top_level_key_and_a_thousand_repeated_keys() {
    let mut text = format!("{POD_HEAD}? {}\n: 1\n", "x".repeat(MB));
    for _ in 0..1000 {
        text.push_str("spec:\n  containers:\n  - name: app\n    image: nginx\n");
    }
    let report = explain("1 MB top-level key + 1,000 repeated keys", &text);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    let r = rules(&report);
    assert!(r.contains(&"unknown-field"));
    assert!(r.contains(&"duplicate-key"));
    // Kubernetes keeps the last `spec`.
    assert_eq!(report.summary.entries, 1);
}

#[test]
fn a_one_megabyte_quoted_key_with_escapes() {
    let key = "\\u00e9\\U0001F433".repeat(MB / 16);
    let text = pod(&format!(
        "  - name: app\n    image: nginx\n    ? \"{key}\"\n    : 1\n"
    ));
    let report = explain("1 MB escaped explicit key", &text);
    assert!(
        report.syntax_errors.is_empty(),
        "{:?}",
        report.syntax_errors
    );
    assert!(rules(&report).contains(&"unknown-field"));
}

// ---------------------------------------------------------------------------------------
// Found by fuzzing (`fuzz/`) and by the properties (`tests/properties.rs`): the failing
// inputs, inline. Positions must point at the character their line and column name.

/// The text between two UTF-16 offsets.
fn slice16(text: &str, from: u32, to: u32) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16_lossy(&units[from as usize..to as usize])
}

/// (line, column) of the character at `offset16`: YAML line breaks are `\r\n`, `\r`
/// and `\n`; columns count characters.
fn line_column(text: &str, offset16: u32) -> (u32, u32) {
    let (mut units, mut line, mut column) = (0, 1, 1);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if units >= offset16 {
            break;
        }
        units += u32::try_from(c.len_utf16()).unwrap_or(2);
        match c {
            '\r' if chars.peek() == Some(&'\n') => column += 1,
            '\n' | '\r' => (line, column) = (line + 1, 1),
            _ => column += 1,
        }
    }
    (line, column)
}

#[test]
fn fuzz_directives_with_non_ascii_characters_stay_inside_the_text() {
    // cargo fuzz `explain_bytes`: a `%` directive line holding non-ASCII characters put
    // the syntax error (and the unreadable document) past the end of the text. The YAML
    // reader (saphyr-parser 0.3.4, `StrInput::fetch_while_is_yaml_non_space`) counts
    // that token's bytes as characters.
    for text in [
        "%¡",
        "%\u{fffb}#",
        "%TTAۦA",
        "%T9t\u{dc408}:tgS",
        "%A(kin!!b?--be🐳template:",
        "%02:00#🐳#`",
        "%T9G !#'0🐳t\0",
        "\n%apiV]spec:rsiob:nullervicN damV\"e{eeta🐳  nan: v1G",
    ] {
        let report = pullpolicy::explain(text, &Options::default());
        assert_inside(text, &report);
        assert_eq!(report.syntax_errors.len(), 1, "{text:?}");
        let e = &report.syntax_errors[0];
        assert_eq!(
            line_column(text, e.position.offset16),
            (e.position.line, e.position.column),
            "{text:?}: {e:?}"
        );
    }
}

#[test]
fn an_unknown_directive_is_an_error_and_later_positions_do_not_shift() {
    // go-yaml, and so kubectl, rejects an unknown directive. The document it belongs to
    // is unreadable (kubectl stops there); the next ones are read at the right positions.
    let text = "%FOO é\n---\nkind: Service\n---\n- name: app\n  image: nginx\n";
    let report = pullpolicy::explain(text, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1);
    let e = &report.syntax_errors[0];
    assert_eq!(
        e.message,
        "error converting YAML to JSON: yaml: found unknown directive name"
    );
    assert_eq!((e.document, e.position.line, e.position.column), (0, 1, 5));
    let entry = report.entries().next().expect("one entry");
    let p = entry.image.position;
    assert_eq!(slice16(text, p.offset16, p.end16), "nginx", "{p:?}");
    assert_eq!((p.line, p.column), (6, 10));
}

#[test]
fn a_quoted_image_span_ends_at_its_closing_quote() {
    // cargo fuzz `positions`: the span of a quoted scalar ran on over trailing blanks
    // and a comment, to the end of the line.
    for (text, image) in [
        ("- name: a\n  image: \"\" # \n", "\"\""),
        ("- name: a\n  image: \"x\" # c\n", "\"x\""),
        ("- name: a\n  image: 'x'   \n", "'x'"),
        (
            "spec:\n  containers:\n  - name: a\n    image: \"nginx:1.25\"  # pinned\n",
            "\"nginx:1.25\"",
        ),
    ] {
        let report = pullpolicy::explain(text, &Options::default());
        let p = report.entries().next().expect("one entry").image.position;
        assert_eq!(slice16(text, p.offset16, p.end16), image, "{text:?}");
    }
}

#[test]
fn a_leading_byte_order_mark_counts_in_columns_as_in_offsets() {
    // properties: the reader skips a byte order mark without counting its column, so
    // positions on the first line had column 1 but offset16 1 (a browser's textarea
    // holds the BOM as a character). Also at the start of a later line.
    for text in [
        "\u{feff}kind: Pod\napiVersion: v1\nspec:\n  containers:\n  - name: app\n    image: nginx\n",
        "\u{feff}image: nginx\n",
        "a: 1\n\u{feff}---\nimage: nginx\n",
    ] {
        let report = pullpolicy::explain(text, &Options::default());
        for d in &report.documents {
            let p = d.position;
            assert_eq!(
                line_column(text, p.offset16),
                (p.line, p.column),
                "{text:?} {p:?}"
            );
        }
        for e in report.entries() {
            let p = e.image.position;
            assert_eq!(slice16(text, p.offset16, p.end16), "nginx");
            assert_eq!(
                line_column(text, p.offset16),
                (p.line, p.column),
                "{text:?} {p:?}"
            );
        }
    }
}

#[test]
fn a_syntax_error_at_the_end_of_a_text_without_a_final_line_break() {
    // properties: at the end of the text the reader reports the start of a line that
    // does not exist (line 2, column 1 for `{`), while offset16 is the end of line 1.
    for (text, at) in [("{", (1, 2)), ("a: [b", (1, 6)), ("[🐳", (1, 3))] {
        let report = pullpolicy::explain(text, &Options::default());
        assert_eq!(report.syntax_errors.len(), 1, "{text:?}");
        let p = report.syntax_errors[0].position;
        assert_eq!(
            p.offset16,
            u32::try_from(text.encode_utf16().count()).unwrap()
        );
        assert_eq!((p.line, p.column), at, "{text:?} {p:?}");
    }
}

#[test]
fn recovery_after_a_syntax_error_counts_carriage_returns_as_line_breaks() {
    // properties: after a syntax error, reading resumes at the next `---` line; lines
    // were counted by `\n` only, so a lone `\r` (a YAML line break) was not counted.
    let text = "}\r&a \r\n---\nkind: Service\n";
    let report = pullpolicy::explain(text, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1);
    let last = report.documents.last().expect("two documents");
    assert_eq!(last.kind.as_deref(), Some("Service"));
    let p = last.position;
    assert_eq!(slice16(text, p.offset16, p.offset16 + 4), "kind");
    assert_eq!((p.line, p.column), (4, 1), "{p:?}");
}

#[test]
fn a_document_marker_after_a_lone_carriage_return_is_no_separator_for_kubectl() {
    // `\r` alone ends a line in YAML, but kubectl cuts its stream at `\n` lines only
    // (`YAMLReader` reads lines with bufio): `\r---` is no separator, and the whole text
    // is one document go-yaml cannot read.
    let good =
        "---\rkind: Pod\rapiVersion: v1\rspec:\r  containers:\r  - name: app\r    image: nginx\r";
    let text = format!("bad: [\r{good}");
    let report = pullpolicy::explain(&text, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1, "{:?}", report.syntax_errors);
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.summary.entries, 0);
}
