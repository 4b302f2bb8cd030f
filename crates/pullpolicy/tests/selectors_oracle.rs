//! How the API server prints a workload's bad selector and its template's labels
//! (`workload-selector`), against the project's Go oracle (`tests/oracle -values`): the
//! value is decoded by `sigs.k8s.io/json` into a `map[string]string` or a stand-in
//! `*metav1.LabelSelector`, then printed by Go's own `fmt` (`%#v`, up to 1.33) and
//! `encoding/json` (from 1.34), as `field.Error.ErrorBody` does. Each case goes through
//! the whole core: a JSON Deployment whose template labels the selector does not
//! match, or whose selector is empty, explained for 1.33 and 1.34; the value is cut
//! out of the finding's message.
//!
//! Without the oracle the test is skipped with a message, except in CI (`CI=true`),
//! where it fails.

use pullpolicy::{KubeVersion, Options};

#[path = "support/oracle.rs"]
mod oracle;

/// Template labels: absent, `null`, `{}`, then generated maps (a fixed linear
/// congruential sequence) over characters Go prints in their own ways.
fn label_sets() -> Vec<Option<String>> {
    let alphabet = [
        "a",
        "Z",
        "0",
        "-",
        ".",
        "/",
        "_",
        " ",
        "<",
        ">",
        "&",
        "\"",
        "\\",
        "é",
        "\u{2028}",
        "\u{2029}",
        "\n",
        "\t",
        "\r",
        "\u{7f}",
        "\u{0}",
        "\u{1b}",
        "\u{ad}",
        "\u{feff}",
        "🚀",
        "\u{10ffff}",
        "\u{85}",
        "'",
        "%",
    ];
    let mut next = oracle::sequence(0x5e1e);
    let mut sets = vec![None, Some("null".to_owned()), Some("{}".to_owned())];
    for _ in 0..3_000 {
        let mut map = serde_json::Map::new();
        for _ in 0..next(5) {
            let mut word = || -> String {
                (0..next(6))
                    .map(|_| alphabet[next(alphabet.len())])
                    .collect()
            };
            let (key, value) = (word(), word());
            map.insert(key, serde_json::Value::String(value));
        }
        sets.push(Some(serde_json::Value::Object(map).to_string()));
    }
    sets
}

fn explain(text: &str, minor: u8) -> pullpolicy::Report {
    let options = Options {
        kubernetes_version: KubeVersion::new(minor).expect("supported"),
        ..Options::default()
    };
    pullpolicy::explain(text, &options)
}

/// The value printed in the one `workload-selector` finding whose message starts with
/// `before` and ends with `after`.
fn printed(report: &pullpolicy::Report, before: &str, after: &str) -> String {
    let found: Vec<String> = report.documents[0]
        .findings
        .iter()
        .filter(|f| f.rule == "workload-selector")
        .map(|f| f.message.to_plain())
        .filter(|m| m.starts_with(before) && m.ends_with(after))
        .collect();
    let [one] = &found[..] else {
        panic!("{found:?}");
    };
    one[before.len()..one.len() - after.len()].to_owned()
}

fn deployment(selector: &str, labels: Option<&str>) -> String {
    let metadata = labels.map_or_else(|| "{}".to_owned(), |l| format!(r#"{{"labels":{l}}}"#));
    format!(
        r#"{{"apiVersion":"apps/v1","kind":"Deployment","metadata":{{"name":"web"}},"spec":{{"selector":{selector},"template":{{"metadata":{metadata},"spec":{{"containers":[{{"name":"app","image":"nginx:1.27"}}]}}}}}}}}"#
    )
}

#[test]
fn printed_values_agree_with_the_go_oracle() {
    let Some(mut oracle) = oracle::Lines::start("-values") else {
        return;
    };
    let mut ask =
        |kind: &str, json: &str| -> [String; 2] { oracle.ask(&serde_json::json!([kind, json])) };
    let mut compared = 0;
    // The template's labels, which a selector of a key they never have does not match.
    let (before, after) = (
        "spec.template.metadata.labels: Invalid value: ",
        ": `selector` does not match template `labels`",
    );
    for labels in label_sets() {
        let text = deployment(
            r#"{"matchLabels":{"only-in-the-selector":"x"}}"#,
            labels.as_deref(),
        );
        let go = ask("labels", labels.as_deref().unwrap_or("null"));
        for (minor, expected) in [(33, &go[0]), (34, &go[1])] {
            let ours = printed(&explain(&text, minor), before, after);
            assert_eq!(&ours, expected, "1.{minor} {labels:?}");
            compared += 1;
        }
    }
    // Empty selectors: only they are printed.
    let (before, after) = (
        "spec.selector: Invalid value: ",
        ": empty selector is invalid for deployment",
    );
    for selector in [
        "{}",
        r#"{"matchLabels":{}}"#,
        r#"{"matchLabels":null}"#,
        r#"{"matchExpressions":[]}"#,
        r#"{"matchExpressions":null}"#,
        r#"{"matchLabels":{},"matchExpressions":[]}"#,
        r#"{"matchLabels":null,"matchExpressions":null}"#,
    ] {
        let text = deployment(selector, Some(r#"{"app":"web"}"#));
        let go = ask("selector", selector);
        for (minor, expected) in [(33, &go[0]), (34, &go[1])] {
            let ours = printed(&explain(&text, minor), before, after);
            assert_eq!(&ours, expected, "1.{minor} {selector}");
            compared += 1;
        }
    }
    oracle.finish();
    eprintln!("selector values: {compared} printed values compared, all agree");
    assert!(compared > 6_000, "{compared}");
}
