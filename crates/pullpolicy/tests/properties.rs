//! Property tests (proptest) of the core's contracts:
//!
//! - a parsed reference prints back (`Reference::string()`) to an equal reference;
//! - every position in a report lies inside the input, and its UTF-16 offset points at
//!   the same character as its line and column (both computed here from the text);
//! - `explain` is deterministic (equal reports, equal JSON);
//! - `explain` never panics, on arbitrary strings and on YAML-like text.

use proptest::prelude::*;
use proptest::test_runner::Config;
use pullpolicy::reference::{Rules, parse_normalized_named};
use pullpolicy::{
    CredentialVerification, Credentials, DocumentStatus, KubeVersion, NodeImage, Options, Registry,
    Report, Scenario,
};

#[path = "support/shared.rs"]
mod shared;
use shared::{double_quoted, positions};

/// `cases` cases; failures are shrunk and printed, not persisted to a file (inputs worth
/// keeping go inline into `tests/hostile.rs`).
fn config(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }
}

const ALL_RULES: [Rules; 3] = [Rules::V0_6, Rules::Legacy, Rules::DockerDistribution];

// ---------------------------------------------------------------------------------------
// Image references, generated from the `distribution/reference` grammar.

/// `[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*`
fn path_component() -> impl Strategy<Value = String> {
    (
        "[a-z0-9]{1,6}",
        prop::collection::vec(("(\\.|_|__|-{1,3})", "[a-z0-9]{1,6}"), 0..3),
    )
        .prop_map(|(first, rest)| {
            let mut s = first;
            for (sep, part) in rest {
                s.push_str(&sep);
                s.push_str(&part);
            }
            s
        })
}

/// A domain component: `(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])`, lower case
/// (an upper-case first component is read differently by docker/distribution).
fn domain_component() -> impl Strategy<Value = String> {
    prop_oneof!["[a-z0-9]", "[a-z0-9][a-z0-9-]{0,8}[a-z0-9]"]
}

#[derive(Debug, Clone)]
struct Written {
    domain: Option<String>,
    /// Whether the domain is an `[ipv6]` host (not in docker/distribution's grammar).
    ipv6: bool,
    path: Vec<String>,
    tag: Option<String>,
    digest: Option<String>,
}

impl Written {
    fn text(&self) -> String {
        let mut s = String::new();
        if let Some(d) = &self.domain {
            s.push_str(d);
            s.push('/');
        }
        s.push_str(&self.path.join("/"));
        if let Some(t) = &self.tag {
            s.push(':');
            s.push_str(t);
        }
        if let Some(d) = &self.digest {
            s.push('@');
            s.push_str(d);
        }
        s
    }
}

fn domain() -> impl Strategy<Value = (String, bool)> {
    let port = prop::option::of("[0-9]{1,5}");
    prop_oneof![
        // Dotted host names are always domains.
        (
            prop::collection::vec(domain_component(), 2..4),
            port.clone()
        )
            .prop_map(|(parts, port)| (with_port(parts.join("."), port), false)),
        // `localhost`, and any first component with a port.
        port.clone()
            .prop_map(|port| (with_port("localhost".to_owned(), port), false)),
        (domain_component(), "[0-9]{1,5}")
            .prop_map(|(host, port)| (format!("{host}:{port}"), false)),
        prop_oneof![Just("[::1]"), Just("[fe80::1]"), Just("[2001:db8::7]")].prop_flat_map(
            move |host| port
                .clone()
                .prop_map(move |p| (with_port(host.to_owned(), p), true))
        ),
    ]
}

fn with_port(host: String, port: Option<String>) -> String {
    match port {
        Some(p) => format!("{host}:{p}"),
        None => host,
    }
}

fn written_reference() -> impl Strategy<Value = Written> {
    (
        prop::option::of(domain()),
        prop::collection::vec(path_component(), 1..4),
        prop::option::of("[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}"),
        prop::option::of("[0-9a-f]{64}".prop_map(|hex| format!("sha256:{hex}"))),
    )
        .prop_map(|(domain, path, tag, digest)| Written {
            ipv6: domain.as_ref().is_some_and(|(_, v6)| *v6),
            domain: domain.map(|(d, _)| d),
            path,
            tag,
            digest,
        })
}

/// Parses `text`, prints the result, and asserts the printed form parses to the same.
fn assert_round_trip(text: &str, rules: Rules) -> Result<(), TestCaseError> {
    if let Ok(r) = parse_normalized_named(text, rules) {
        let printed = r.string();
        let again = parse_normalized_named(&printed, rules);
        prop_assert_eq!(
            again.as_ref(),
            Ok(&r),
            "{:?} under {:?} printed as {:?}",
            text,
            rules,
            printed
        );
        // Printing is a fixed point from there on.
        prop_assert_eq!(again.map(|a| a.string()), Ok(printed));
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(2000))]

    #[test]
    fn grammar_references_parse_and_print_back(w in written_reference()) {
        let text = w.text();
        for rules in ALL_RULES {
            let parsed = parse_normalized_named(&text, rules);
            if w.ipv6 && rules == Rules::DockerDistribution {
                // docker/distribution has no bracketed hosts.
                prop_assert!(parsed.is_err(), "{text:?} parsed under {rules:?}");
                continue;
            }
            let r = match parsed {
                Ok(r) => r,
                Err(e) => return Err(TestCaseError::fail(format!("{text:?} under {rules:?}: {e}"))),
            };
            prop_assert_eq!(r.tag(), w.tag.as_deref());
            prop_assert_eq!(r.digest(), w.digest.as_deref());
            match &w.domain {
                Some(d) => {
                    prop_assert_eq!(r.domain(), d.as_str());
                    prop_assert_eq!(r.path(), w.path.join("/"));
                }
                None => {
                    // `splitDockerDomain`: a first component with `.` or `:`, or
                    // `localhost`, is a domain even when not written as one.
                    let first = &w.path[0];
                    if w.path.len() > 1 && (first.contains(['.', ':']) || first == "localhost") {
                        if first.contains('_') {
                            // Not a valid domain: `Parse` reads it all as a path.
                            prop_assert_eq!(r.domain(), "");
                            prop_assert_eq!(r.path(), w.path.join("/"));
                        } else {
                            prop_assert_eq!(r.domain(), first.as_str());
                            prop_assert_eq!(r.path(), w.path[1..].join("/"));
                        }
                    } else {
                        prop_assert_eq!(r.domain(), "docker.io");
                        let expected = if w.path.len() == 1 {
                            format!("library/{}", w.path[0])
                        } else {
                            w.path.join("/")
                        };
                        prop_assert_eq!(r.path(), expected);
                    }
                }
            }
            assert_round_trip(&text, rules)?;
        }
    }

    #[test]
    fn reference_like_strings_print_back(text in "[a-zA-Z0-9:/@._\\-\\[\\]]{0,80}") {
        for rules in ALL_RULES {
            assert_round_trip(&text, rules)?;
        }
    }

    #[test]
    fn arbitrary_strings_print_back(text in ".{0,100}") {
        for rules in ALL_RULES {
            assert_round_trip(&text, rules)?;
        }
    }
}

// ---------------------------------------------------------------------------------------
// Positions.

/// The text as the reader sees it: for each UTF-16 offset that starts a character (and
/// the end of the text), the 1-based line and column of that character. YAML's line
/// breaks are `\r\n`, `\r` and `\n`; columns count Unicode scalar values.
struct Layout {
    /// (offset16, line, column) of every character, in order, then of the end.
    at: Vec<(u32, u32, u32)>,
}

impl Layout {
    fn new(text: &str) -> Layout {
        let mut at = Vec::new();
        let (mut offset, mut line, mut column) = (0u32, 1u32, 1u32);
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            at.push((offset, line, column));
            offset += c.len_utf16() as u32;
            match c {
                '\r' if chars.peek() == Some(&'\n') => column += 1,
                '\n' | '\r' => {
                    line += 1;
                    column = 1;
                }
                _ => column += 1,
            }
        }
        at.push((offset, line, column));
        Layout { at }
    }

    fn len16(&self) -> u32 {
        self.at.last().map_or(0, |a| a.0)
    }

    /// The line and column of the character at `offset16`; `None` if the offset is
    /// not the start of a character.
    fn line_column(&self, offset16: u32) -> Option<(u32, u32)> {
        let i = self.at.binary_search_by_key(&offset16, |a| a.0).ok()?;
        Some((self.at[i].1, self.at[i].2))
    }
}

fn check_positions(text: &str, report: &Report) -> Result<(), TestCaseError> {
    let layout = Layout::new(text);
    for (what, p) in positions(report) {
        prop_assert!(p.line >= 1 && p.column >= 1, "{}: {:?}", what, p);
        prop_assert!(p.offset16 <= p.end16, "{}: {:?}", what, p);
        prop_assert!(
            p.end16 <= layout.len16(),
            "{}: {:?} past {}",
            what,
            p,
            layout.len16()
        );
        let start = layout.line_column(p.offset16);
        prop_assert!(
            start.is_some(),
            "{}: offset16 splits a character: {:?}",
            what,
            p
        );
        prop_assert!(
            layout.line_column(p.end16).is_some(),
            "{}: end16 splits a character: {:?}",
            what,
            p
        );
        prop_assert_eq!(
            start,
            Some((p.line, p.column)),
            "{}: offset16 {} is not at line {} column {}",
            what,
            p.offset16,
            p.line,
            p.column
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// YAML-like text.

/// Fragments of YAML: structure, Kubernetes keys, scalars in every style, Unicode
/// (two-unit UTF-16 characters included) and every kind of line break.
fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "apiVersion: v1",
            "apiVersion: apps/v1",
            "kind: Pod",
            "kind: Deployment",
            "kind: List",
            "kind: CronJob",
            "kind: Widget",
            "metadata:",
            "name: web",
            "spec:",
            "template:",
            "jobTemplate:",
            "containers:",
            "initContainers:",
            "ephemeralContainers:",
            "volumes:",
            "items:",
            "image:",
            "image: nginx",
            "image: \"nginx:1.25\"",
            "image: 'busybox@sha256:",
            "imagePullPolicy:",
            "imagePullPolicy: Always",
            "imagePullPolicy: IfNotPresent",
            "imagePullPolicy: never",
            "restartPolicy: Always",
            "reference: nginx",
            "- ",
            "- name: app",
            "? ",
            ": ",
            "---",
            "...",
            "&a ",
            "*a",
            "<<: *a",
            "!!str ",
            "!!binary ",
            "%YAML 1.1",
            "[",
            "]",
            "{",
            "}",
            ",",
            "|",
            ">-",
            "\"",
            "'",
            "\\",
            "# comment",
            "#",
            "~",
            "null",
            "yes",
            "0o17",
            "1e3",
            "\t",
            "🐳",
            "é",
            "日本",
            "𝄞x",
            "\u{200b}",
            "\u{2028}",
            "\u{85}",
        ])
        .prop_map(str::to_owned),
        prop::sample::select(vec!["\n", "\r\n", "\r", "\n\n"]).prop_map(str::to_owned),
        " {1,8}".prop_map(|s: String| s),
        "[a-z0-9:/@._-]{1,12}",
        "\\PC{1,6}",
    ]
}

fn yamlish() -> impl Strategy<Value = String> {
    prop::collection::vec(token(), 0..60).prop_map(|t| t.concat())
}

/// Well-formed manifests with Unicode in names, images and comments, LF or CRLF.
fn manifest() -> impl Strategy<Value = String> {
    let value = prop_oneof![
        "[a-z0-9]([a-z0-9./:@-]{0,18}[a-z0-9])?",
        "\\PC{0,12}".prop_map(|s: String| double_quoted(&s)),
        "[^'\\p{Cc}\u{feff}\u{2028}\u{2029}\u{85}]{0,12}".prop_map(|s: String| format!("'{s}'")),
    ];
    (
        prop::bool::ANY,
        // Comments without U+0085, U+2028 and U+2029: go-yaml v2 (YAML 1.1) reads them
        // as line breaks, so a comment's text after one is a line of its own and, here, a
        // syntax error, as Kubernetes says too (the Go oracle: "yaml: line 11: could not
        // find expected ':'" for `# \u{2028}\u{ff00}` before `image:`).
        prop::collection::vec(
            (value.clone(), value, "[^\\p{Cc}\u{feff}\u{2028}\u{2029}\u{85}]{0,10}"),
            0..6,
        ),
        prop::sample::select(vec!["Pod", "Deployment"]),
    )
        .prop_map(|(crlf, containers, kind)| {
            let nl = if crlf { "\r\n" } else { "\n" };
            let indent = if kind == "Pod" { "  " } else { "      " };
            let mut s = format!("# 🐳 manifest{nl}apiVersion: v1{nl}kind: {kind}{nl}metadata:{nl}  name: x{nl}spec:{nl}");
            if kind == "Deployment" {
                s.push_str(&format!("  template:{nl}    spec:{nl}"));
            }
            s.push_str(&format!("{indent}containers:{nl}"));
            for (name, image, comment) in containers {
                s.push_str(&format!("{indent}- name: {name}{nl}{indent}  # {comment}{nl}{indent}  image: {image}{nl}"));
            }
            s
        })
}

fn scenario() -> impl Strategy<Value = Options> {
    (
        prop::sample::select(KubeVersion::all().collect::<Vec<_>>()),
        prop::sample::select(NodeImage::ALL.to_vec()),
        prop::sample::select(Registry::ALL.to_vec()),
        prop::sample::select(Credentials::ALL.to_vec()),
        prop::bool::ANY,
        prop::option::of(prop::bool::ANY),
        prop::sample::select(CredentialVerification::ALL.to_vec()),
    )
        .prop_map(
            |(version, node_image, registry, credentials, always, ensure, verification)| Options {
                kubernetes_version: version,
                scenario: Scenario {
                    node_image,
                    registry,
                    credentials,
                    always_pull_images: always,
                    ensure_secret_pulled_images: ensure,
                    credential_verification: verification,
                    allowlist: vec!["docker.io/library/*".to_owned()],
                    overrides: Vec::new(),
                },
            },
        )
}

/// The report is whole: counts agree, documents and syntax errors are in the text's
/// order (the core builds them in that order and never sorts), and it serializes.
fn check_whole(report: &Report) -> Result<(), TestCaseError> {
    let keys: Vec<_> = report.documents.iter().map(|d| (d.index, d.item)).collect();
    prop_assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "documents out of order: {:?}",
        keys
    );
    let errors: Vec<usize> = report.syntax_errors.iter().map(|e| e.document).collect();
    prop_assert!(
        errors.windows(2).all(|w| w[0] < w[1]),
        "errors out of order: {:?}",
        errors
    );
    for e in &report.syntax_errors {
        prop_assert!(
            report
                .documents
                .iter()
                .any(|d| d.index == e.document && d.status == DocumentStatus::Unreadable),
            "no unreadable document for the error in document {}",
            e.document
        );
    }
    prop_assert_eq!(report.summary.entries, report.entries().count());
    prop_assert_eq!(
        report.summary.entries,
        report.summary.always
            + report.summary.if_not_present
            + report.summary.never
            + report.summary.none
    );
    prop_assert!(serde_json::to_string(report).is_ok());
    Ok(())
}

/// Positions inside the text and pointing where their line and column say.
fn check_report(text: &str, report: &Report) -> Result<(), TestCaseError> {
    check_whole(report)?;
    check_positions(text, report)
}

proptest! {
    #![proptest_config(config(1000))]

    #[test]
    fn positions_of_manifests_point_at_their_characters(text in manifest(), options in scenario()) {
        let report = pullpolicy::explain(&text, &options);
        prop_assert!(report.syntax_errors.is_empty(), "{:?}", report.syntax_errors);
        check_report(&text, &report)?;
    }

    #[test]
    fn positions_of_arbitrary_strings_point_at_their_characters(text in ".*") {
        let report = pullpolicy::explain(&text, &Options::default());
        check_positions(&text, &report)?;
    }

    #[test]
    fn positions_of_yamlish_text_point_at_their_characters(text in yamlish()) {
        let report = pullpolicy::explain(&text, &Options::default());
        check_report(&text, &report)?;
    }

    #[test]
    fn explain_never_panics_on_arbitrary_strings(text in ".*") {
        let report = pullpolicy::explain(&text, &Options::default());
        check_whole(&report)?;
    }

    #[test]
    fn explain_never_panics_on_yamlish_text_under_any_scenario(text in yamlish(), options in scenario()) {
        let report = pullpolicy::explain(&text, &options);
        check_whole(&report)?;
    }

    #[test]
    fn explain_is_deterministic(text in prop_oneof![manifest(), yamlish()], options in scenario()) {
        let first = pullpolicy::explain(&text, &options);
        let second = pullpolicy::explain(&text, &options.clone());
        prop_assert_eq!(&first, &second);
        let a = serde_json::to_string(&first).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let b = serde_json::to_string(&second).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(a, b);
    }
}

/// The case the manifest generator once made: a comment holding U+2028, a line break in
/// YAML 1.1, ends there, and what follows is a line of its own. Kubernetes' words (the Go
/// oracle over go-yaml v2.4.0 and sigs.k8s.io/yaml gives exactly this message).
#[test]
fn a_line_separator_in_a_comment_breaks_the_line_as_in_go_yaml() {
    let text = "# x\napiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: 0\n    # \u{2028}\u{ff00}\n    image: 0\n";
    let report = pullpolicy::explain(text, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1);
    assert_eq!(
        report.syntax_errors[0].message,
        "error converting YAML to JSON: yaml: line 11: could not find expected ':'"
    );
    assert_eq!(report.summary.errors, 1);
}
