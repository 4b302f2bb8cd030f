//! Unit tests of the reader; the proof against Go is `tests/read_oracle.rs`.

use super::*;

/// Each item as `json` or `stage: text`.
fn lines(text: &str, options: ReadOptions) -> Vec<String> {
    read(text, options)
        .map(|item| match item {
            Item::Stop(e) => format!("stop: {}", e.text),
            Item::Document(d) => match (&d.error, &d.doc) {
                (Some(e), _) => format!("error: {}", e.text),
                (None, Some(doc)) => doc.json(doc.root()).unwrap_or_default(),
                (None, None) => "?".to_owned(),
            },
        })
        .collect()
}

fn one(text: &str) -> Vec<String> {
    lines(text, ReadOptions::default())
}

#[test]
fn documents_and_values() {
    assert_eq!(
        one("a: 1\n---\nb: [1, 2.5, yes, 0x1F, 010, 1e3, ~]\n"),
        ["{\"a\":1}", "{\"b\":[1,2.5,true,31,8,1000,null]}"]
    );
    assert_eq!(one("{\"a\":1}{\"b\":2}"), ["{\"a\":1}", "{\"b\":2}"]);
}

#[test]
fn errors_in_gos_words() {
    assert_eq!(
        one("a: .inf"),
        ["error: error converting YAML to JSON: json: unsupported value: +Inf"]
    );
    assert_eq!(
        one("--- {}\n"),
        ["stop: invalid Yaml document separator: {}"]
    );
    assert_eq!(
        one("[a, b]: value"),
        [
            "error: error converting YAML to JSON: yaml: invalid map key: []interface {}{\"a\", \"b\"}"
        ]
    );
    assert_eq!(
        one("a: &x [*x]"),
        ["error: error converting YAML to JSON: yaml: anchor 'x' value contains itself"]
    );
    assert_eq!(
        one("a:\n  b: 1\n c: 2\n"),
        ["error: error converting YAML to JSON: yaml: line 2: did not find expected key"]
    );
}

#[test]
fn merge_keys_in_v2_order() {
    // `y` is a YAML 1.1 boolean: the key `true`.
    let text = "a: &a {x: 1, y: 1}\nb: &b {x: 2, z: 2}\nc:\n  x: 0\n  <<: [*a, *b]\n";
    let items: Vec<_> = read(text, ReadOptions::default()).collect();
    let Item::Document(d) = &items[0] else {
        panic!("a document")
    };
    let doc = d.doc.as_ref().expect("a tree");
    let c = doc.get(doc.root(), "c").expect("c");
    assert_eq!(doc.json(c).as_deref(), Some("{\"true\":1,\"x\":1,\"z\":2}"));
    // The merged value is where the anchored mapping writes it.
    let x = doc.get(c, "x").expect("x");
    assert_eq!(&text[doc.node(x).start..doc.node(x).end], "1");
    assert_eq!(doc.node(x).start, text.find("x: 1").unwrap_or_default() + 3);
}

#[test]
fn an_alias_bomb_is_refused_without_expanding() {
    let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
    for i in 1..40 {
        let refs = vec![format!("*a{}", i - 1); 10].join(", ");
        text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    assert_eq!(
        one(&text),
        ["error: error converting YAML to JSON: yaml: document contains excessive aliasing"]
    );
}

#[test]
fn deep_nesting_does_not_overflow() {
    let text = "[".repeat(20_000);
    assert_eq!(
        one(&text),
        ["error: error converting YAML to JSON: yaml: exceeded max depth of 10000"]
    );
    let text = "- ".repeat(9_000) + "x";
    assert_eq!(one(&text).len(), 1);
}
