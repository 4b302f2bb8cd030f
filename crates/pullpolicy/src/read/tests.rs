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

/// The first document's tree.
fn tree(text: &str) -> Doc<'_> {
    match read(text, ReadOptions::default()).next() {
        Some(Item::Document(d)) => d.doc.expect("a tree"),
        other => panic!("no document: {other:?}"),
    }
}

/// What a node's span covers.
fn written<'t>(doc: &Doc<'t>, id: NodeId) -> &'t str {
    let n = doc.node(id);
    &doc.text()[n.start..n.end]
}

#[test]
fn nodes_are_where_they_are_written() {
    let text = "a: &x !!str plain text  # c\nb: \"it's \\\"q\\\"\"\nc: 'it''s'\nd: |\n  line\n\ne: {f: [1, 2], g: }\nh:\n- 1\n- k: v\n  l: w\n";
    let doc = tree(text);
    let root = doc.root();
    let get = |key: &str| doc.get(root, key).expect(key);
    assert_eq!(written(&doc, get("a")), "plain text");
    let a = doc.node(get("a"));
    assert_eq!(&text[a.props..a.start], "&x !!str ");
    assert_eq!(written(&doc, get("b")), "\"it's \\\"q\\\"\"");
    assert_eq!(
        doc.scalar(get("b")).map(|s| s.text.as_ref()),
        Some("it's \"q\"")
    );
    assert_eq!(written(&doc, get("c")), "'it''s'");
    assert_eq!(written(&doc, get("d")), "|\n  line\n\n");
    assert_eq!(
        doc.scalar(get("d")).map(|s| s.text.as_ref()),
        Some("line\n")
    );
    assert_eq!(written(&doc, get("e")), "{f: [1, 2], g: }");
    assert_eq!(written(&doc, get("h")), "- 1\n- k: v\n  l: w");
    let items = doc.items(get("h")).expect("a sequence");
    assert_eq!(written(&doc, items[1]), "k: v\n  l: w");
    assert_eq!(written(&doc, root), &text[..text.len() - 1]);
    let keys: Vec<_> = doc
        .pairs(root)
        .expect("a mapping")
        .map(|(k, _)| written(&doc, k))
        .collect();
    assert_eq!(keys, ["a", "b", "c", "d", "e", "h"]);
}

#[test]
fn positions_in_later_documents_crlf_and_unicode() {
    let text = "x: 1\r\n---\r\n# é🐳\r\nimage: \"nginx:é\"\r\n";
    let docs: Vec<_> = read(text, ReadOptions::default())
        .filter_map(|i| match i {
            Item::Document(d) => d.doc,
            Item::Stop(_) => None,
        })
        .collect();
    let doc = &docs[1];
    let image = doc.get(doc.root(), "image").expect("image");
    assert_eq!(written(doc, image), "\"nginx:é\"");
    let map = crate::source::SourceMap::new(text);
    let n = doc.node(image);
    let p = map.position_of_bytes(n.start, n.end);
    assert_eq!((p.line, p.column), (4, 8));
}

#[test]
fn json_values_are_where_they_are_written() {
    let text = " {\"a\": [1, \"\\u00e9\", {\"b\": null}], \"a\": true}\n{\"c\":-1.5e3}";
    let docs: Vec<_> = read(text, ReadOptions::default())
        .filter_map(|i| match i {
            Item::Document(d) => d.doc,
            Item::Stop(_) => None,
        })
        .collect();
    assert_eq!(docs.len(), 2);
    let doc = &docs[0];
    assert_eq!(doc.source(), Source::Json);
    assert_eq!(
        written(doc, doc.root()),
        &text[1..text.find('\n').unwrap_or_default()]
    );
    // The last `a` wins; both are kept.
    let a = doc.get(doc.root(), "a").expect("a");
    assert_eq!(written(doc, a), "true");
    assert_eq!(doc.pairs(doc.root()).map(Iterator::count), Some(2));
    let first = doc.written_pairs(doc.root()).expect("pairs")[0].1;
    let items = doc.items(first).expect("array");
    assert_eq!(written(doc, items[1]), "\"\\u00e9\"");
    assert_eq!(doc.scalar(items[1]).map(|s| s.text.as_ref()), Some("é"));
    let c = docs[1].get(docs[1].root(), "c").expect("c");
    assert_eq!(docs[1].json(c).as_deref(), Some("-1.5e3"));
}

#[test]
fn keys_as_kubernetes_reads_them() {
    let doc = tree("yes: a\n1: b\n0x10: c\n1.5: d\n'y': e\n");
    let keys: Vec<String> = doc
        .pairs(doc.root())
        .expect("pairs")
        .filter_map(|(k, _)| doc.key_text(k).map(|k| k.into_owned()))
        .collect();
    assert_eq!(keys, ["true", "1", "16", "1.5", "y"]);
    assert!(doc.get(doc.root(), "yes").is_none());
    assert!(doc.get(doc.root(), "16").is_some());
}

#[test]
fn kubectl_stops_at_the_first_error_and_the_reader_reads_on() {
    let items: Vec<_> = read("a: 1\n---\nb: [\n---\nc: 3\n", ReadOptions::default()).collect();
    let docs: Vec<_> = items
        .iter()
        .filter_map(|i| match i {
            Item::Document(d) => Some(d),
            Item::Stop(_) => None,
        })
        .collect();
    assert_eq!(docs.len(), 3);
    assert!(docs[0].reached && docs[0].error.is_none());
    assert!(docs[1].reached && docs[1].error.is_some());
    assert!(!docs[2].reached && docs[2].error.is_none());
    let e = docs[1].error.as_ref().expect("an error");
    // go-yaml counts from the chunk's start, 0-based for parser errors: the end of
    // the chunk is on its line 2, reported as 1; the position is the whole input's.
    assert_eq!(e.message, "line 1: did not find expected node content");
    assert_eq!(e.at, "a: 1\n---\nb: [\n".len());
}

#[test]
fn what_kubectl_skips() {
    let items: Vec<_> = read(
        "---\n# only a comment\n---\nnull\n---\na: 1\n",
        ReadOptions::default(),
    )
    .filter_map(|i| match i {
        Item::Document(d) => Some(d.skipped()),
        Item::Stop(_) => None,
    })
    .collect();
    assert_eq!(items, [true, true, false]);
}

#[test]
fn the_1_28_wording() {
    let options = ReadOptions {
        sigs_yaml_v1_3: true,
        ..ReadOptions::default()
    };
    assert_eq!(
        lines("~: 1\n", options),
        [
            "error: error converting YAML to JSON: Unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"
        ]
    );
    assert_eq!(
        one("~: 1\n"),
        [
            "error: error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>, value: 1"
        ]
    );
}

#[test]
fn json_streams_by_version() {
    let text = "{\"a\":1}\n{b: 2}\n";
    let with = |json| {
        lines(
            text,
            ReadOptions {
                json,
                sigs_yaml_v1_3: false,
            },
        )
    };
    assert_eq!(
        with(JsonStreams::JsonOnly),
        [
            "{\"a\":1}",
            "stop: json: offset 10: invalid character 'b' looking for beginning of object key string"
        ]
    );
    assert_eq!(with(JsonStreams::Fallback), ["{\"a\":1}", "{\"b\":2}"]);
    let short = "{\"aaaaaaaa\":1}\n---\nb\n";
    assert_eq!(
        lines(
            short,
            ReadOptions {
                json: JsonStreams::Fallback133,
                sigs_yaml_v1_3: false
            }
        ),
        [
            "{\"aaaaaaaa\":1}",
            "error: runtime error: slice bounds out of range [-8:]"
        ]
    );
    assert_eq!(one(short), ["{\"aaaaaaaa\":1}", "\"b\""]);
}

#[test]
fn syntax_errors_say_where_and_what_they_were_reading() {
    let text = "a: 1\nb: 2\nkey without colon\nc: 3\n";
    let Some(Item::Document(d)) = read(text, ReadOptions::default()).next() else {
        panic!("a document");
    };
    let e = d.error.expect("an error");
    assert_eq!(
        e.text,
        "error converting YAML to JSON: yaml: line 4: could not find expected ':'"
    );
    // go-yaml notices at the next line; what it was reading is the key.
    assert_eq!(e.at, text.find("c: 3").unwrap_or_default());
    assert_eq!(e.context, text.find("key without"));
}
