//! Markup injection in the CLI's HTML and Markdown output (issue 8): every payload of
//! the shared corpus `tests/data/injection.json` (script tags, event handlers,
//! `javascript:` URLs, attribute-breaking quotes, entities, templates), placed in names,
//! an image, a key, a comment and annotations, comes out as text: no element or
//! attribute of its own, no link of its own, shown literally (decoded exactly once).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::{Path, PathBuf};

const PLAYGROUND: &str = "https://play.example/tools/pullpolicy/";

/// A string quoted as Go's `%q` quotes it, as Kubernetes' messages do (for the printable
/// ASCII of the corpus this is JSON's quoting).
fn go_quote(s: &str) -> String {
    assert!(
        s.chars().all(|c| c == ' ' || c.is_ascii_graphic()),
        "printable ASCII: {s}"
    );
    serde_json::to_string(s).expect("quoted")
}

/// One manifest per payload, built as `tests/data/injection.json` describes.
fn corpus() -> Vec<(String, String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/injection.json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("corpus")).expect("JSON");
    let template: Vec<&str> = json["template"]
        .as_array()
        .expect("template")
        .iter()
        .map(|l| l.as_str().expect("line"))
        .collect();
    let template = template.join("\n");
    json["payloads"]
        .as_array()
        .expect("payloads")
        .iter()
        .map(|p| {
            let id = p["id"].as_str().expect("id").to_owned();
            let text = p["text"].as_str().expect("text").to_owned();
            let quoted = serde_json::to_string(&text).expect("quoted");
            let manifest = template.replace("@Q@", &quoted).replace("@RAW@", &text);
            (id, text, manifest)
        })
        .collect()
}

/// The corpus as files `<id>.yaml` in a scratch directory.
fn corpus_files(name: &str) -> (PathBuf, Vec<(String, String)>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("injection-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let mut out = Vec::new();
    for (id, text, manifest) in corpus() {
        std::fs::write(dir.join(format!("{id}.yaml")), manifest).expect("write");
        out.push((id, text));
    }
    (dir, out)
}

fn render(dir: &Path, format: &str, file: &str) -> String {
    let out = cargo_bin_cmd!("pullpolicy")
        .current_dir(dir)
        .args([
            "explain",
            "--format",
            format,
            "--playground-url",
            PLAYGROUND,
            file,
        ])
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{file}: the unknown field and the invalid image are errors"
    );
    String::from_utf8(out.stdout).expect("UTF-8")
}

#[test]
fn the_corpus_reads_as_yaml_with_each_payload_in_every_place() {
    for (id, text, manifest) in corpus() {
        let docs: serde_yaml::Value = serde_yaml::from_str(&manifest).expect(&id);
        assert_eq!(
            docs["metadata"]["name"].as_str(),
            Some(text.as_str()),
            "{id}"
        );
        assert_eq!(
            docs["metadata"]["annotations"]["note"].as_str(),
            Some(text.as_str()),
            "{id}"
        );
        assert_eq!(
            docs["spec"]["containers"][0]["name"].as_str(),
            Some(text.as_str()),
            "{id}"
        );
        assert!(
            docs["spec"]["containers"][0].get(text.as_str()).is_some(),
            "{id}: the key"
        );
        assert_eq!(
            docs["spec"]["containers"][1]["image"].as_str(),
            Some(text.as_str()),
            "{id}"
        );
        assert!(
            manifest.starts_with(&format!("# {text}\n")),
            "{id}: the comment"
        );
    }
}

/// The unknown-field and invalid-image findings quote the payload exactly as Kubernetes
/// does (Go's `%q`).
fn assert_findings_quote(id: &str, text: &str, shown: &str) {
    let key = go_quote(&format!("spec.containers[0].{text}"));
    assert!(
        shown.contains(&format!("unknown field {key}")),
        "{id}: the key in {shown}"
    );
    let image = go_quote(text);
    assert!(
        shown.contains(&format!(
            "Failed to apply default image tag {image}: couldn't parse image name {image}: invalid reference format"
        )),
        "{id}: the image in {shown}"
    );
}

// ---------------------------------------------------------------------------------------
// HTML.

/// A start or end tag of the output.
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The tags of `html`, and its text with entities decoded once. Panics on anything that
/// is not plain, well-quoted markup: the output must not leave a browser guessing.
fn parse_html(html: &str) -> (Vec<Tag>, String) {
    let mut tags = Vec::new();
    let mut text = String::new();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        text.push_str(&decode_entities(&rest[..lt]));
        let gt = rest[lt..].find('>').expect("a tag ends") + lt;
        let body = rest[lt + 1..gt].trim_end_matches('/');
        let body = body.strip_prefix('/').unwrap_or(body);
        let name_end = body
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(body.len());
        let name = body[..name_end].to_ascii_lowercase();
        let mut attrs = Vec::new();
        let mut a = body[name_end..].trim_start();
        while !a.is_empty() {
            let (attr, after) = a
                .split_once("=\"")
                .unwrap_or_else(|| panic!("unquoted attribute in <{body}>"));
            let (value, after) = after.split_once('"').expect("a closing quote");
            assert!(!value.contains('<'), "raw < in an attribute: <{body}>");
            attrs.push((attr.to_ascii_lowercase(), decode_entities(value)));
            a = after.trim_start();
        }
        tags.push(Tag { name, attrs });
        rest = &rest[gt + 1..];
    }
    text.push_str(&decode_entities(rest));
    (tags, text)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let semi = rest[amp..]
            .find(';')
            .map(|i| i + amp)
            .unwrap_or_else(|| panic!("a bare & in {s:?}"));
        out.push_str(match &rest[amp..=semi] {
            "&amp;" => "&",
            "&lt;" => "<",
            "&gt;" => ">",
            "&quot;" => "\"",
            "&#39;" => "'",
            "&#xFFFD;" => "\u{FFFD}",
            other => panic!("an unexpected entity {other}"),
        });
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    out
}

/// Everything the HTML renderer writes (`src/render/html.rs`).
const HTML_TAGS: [&str; 15] = [
    "div", "section", "p", "table", "thead", "tbody", "tr", "th", "td", "code", "span", "ul", "li",
    "a", "br",
];
const HTML_ATTRIBUTES: [&str; 3] = ["class", "style", "href"];

#[test]
fn html_output_escapes_every_payload() {
    let (dir, payloads) = corpus_files("html");
    for (id, text) in payloads {
        let out = render(&dir, "html", &format!("{id}.yaml"));
        let lower = out.to_lowercase();
        for raw in [
            "<script",
            "<img",
            "<svg",
            "<iframe",
            "<textarea",
            "</textarea",
            "</style",
            "<style",
        ] {
            assert!(!lower.contains(raw), "{id}: raw {raw} in {out}");
        }
        let (tags, shown) = parse_html(&out);
        for tag in &tags {
            assert!(
                HTML_TAGS.contains(&tag.name.as_str()),
                "{id}: <{}> in {out}",
                tag.name
            );
            for (name, value) in &tag.attrs {
                assert!(
                    HTML_ATTRIBUTES.contains(&name.as_str()),
                    "{id}: attribute {name} on <{}>",
                    tag.name
                );
                if name == "href" {
                    assert!(
                        !value.to_lowercase().contains("javascript:"),
                        "{id}: javascript: in an href: {value}"
                    );
                    assert!(
                        value.starts_with("https://kubernetes.io/")
                            || value.starts_with(&format!("{PLAYGROUND}#yaml=")),
                        "{id}: a link outside the allowlist: {value}"
                    );
                }
            }
        }
        // The payload shows as written: the object, the container, the image, the
        // unknown field and the invalid-image finding all quote it.
        // Table cells run together in the text: object, container, image.
        assert!(
            shown.contains(&format!("Pod/{text}{text}nginx:1.27")),
            "{id}: object and container names in {shown}"
        );
        assert!(
            shown.contains(&format!("Pod/{text}image-payload{text}")),
            "{id}: the image in {shown}"
        );
        if !text.contains('`') {
            // (Backticks in a finding: `findings_quote_backticks_literally` below.)
            assert_findings_quote(&id, &text, &shown);
        }
        let links = tags.iter().filter(|t| t.name == "a").count();
        assert!(
            links >= 2,
            "{id}: documentation links and the playground link"
        );
    }
}

// ---------------------------------------------------------------------------------------
// Markdown.

/// CommonMark's inline reading, as far as it matters here: code spans (literal), and
/// outside them backslash escapes and entities. Returns the text outside code spans
/// with escaped characters masked (for syntax checks), and the text as shown.
fn read_markdown(md: &str) -> (String, String) {
    let chars: Vec<char> = md.chars().collect();
    let mut syntax = String::new();
    let mut shown = String::new();
    let mut outside = String::new();
    let flush = |outside: &mut String, shown: &mut String| {
        shown.push_str(&decode_entities(outside));
        outside.clear();
    };
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && chars.get(i + 1).is_some_and(char::is_ascii_punctuation) {
            syntax.push('\u{1}');
            outside.push(chars[i + 1]);
            i += 2;
            continue;
        }
        if c == '`' {
            let run = chars[i..].iter().take_while(|&&c| c == '`').count();
            // The closing run: the next run of exactly `run` backticks.
            let mut j = i + run;
            let mut close = None;
            while j < chars.len() {
                if chars[j] == '`' {
                    let n = chars[j..].iter().take_while(|&&c| c == '`').count();
                    if n == run {
                        close = Some(j);
                        break;
                    }
                    j += n;
                } else {
                    j += 1;
                }
            }
            if let Some(end) = close {
                let body: String = chars[i + run..end].iter().collect();
                let body = match body.strip_prefix(' ').and_then(|b| b.strip_suffix(' ')) {
                    Some(inner) if !inner.trim().is_empty() => inner.to_owned(),
                    _ => body,
                };
                flush(&mut outside, &mut shown);
                shown.push_str(&body);
                syntax.push('\u{2}');
                i = end + run;
                continue;
            }
            syntax.push_str(&"`".repeat(run));
            outside.push_str(&"`".repeat(run));
            i += run;
            continue;
        }
        syntax.push(c);
        outside.push(c);
        i += 1;
    }
    flush(&mut outside, &mut shown);
    (syntax, shown)
}

/// The HTML the Markdown renderer writes itself.
const MARKDOWN_TAGS: [&str; 7] = [
    "<br>",
    "<details>",
    "</details>",
    "<summary>",
    "</summary>",
    "<sub>",
    "</sub>",
];

#[test]
fn markdown_output_keeps_every_payload_inert() {
    let (dir, payloads) = corpus_files("markdown");
    for (id, text) in payloads {
        let out = render(&dir, "markdown", &format!("{id}.yaml"));
        let (syntax, shown) = read_markdown(&out);
        // Outside code spans, the only raw HTML is the renderer's own.
        let mut rest = syntax.as_str();
        while let Some(lt) = rest.find('<') {
            assert!(
                MARKDOWN_TAGS.iter().any(|t| rest[lt..].starts_with(t)),
                "{id}: raw HTML {:?} in {out}",
                &rest[lt..(lt + 30).min(rest.len())]
            );
            rest = &rest[lt + 1..];
        }
        // Every link is a documentation link, or the playground's answer to an FAQ
        // entry the core has.
        for target in syntax.split("](").skip(1) {
            let faq = target
                .strip_prefix(PLAYGROUND)
                .and_then(|t| t.strip_prefix("#faq-"))
                .and_then(|t| t.split(')').next())
                .is_some_and(|id| pullpolicy::faq::entry(id).is_some());
            assert!(
                target.starts_with("https://kubernetes.io/") || faq,
                "{id}: link to {target:.60} in {out}"
            );
        }
        // The payload shows as written, in text and in code spans.
        assert!(
            shown.contains(&format!("Pod/{text}")),
            "{id}: object name in {shown}"
        );
        assert!(
            shown.contains(&format!("| {text} |")),
            "{id}: container name in {shown}"
        );
        assert!(
            shown.contains(&format!("| {text} | (unset) |")),
            "{id}: image in {shown}"
        );
        if !text.contains('`') {
            assert_findings_quote(&id, &text, &shown);
        }
    }
}

// The HTML and Markdown renderers read backticks in the core's messages as code spans
// (`render::spans`), but not inside the double-quoted user text the messages quote (the
// image, the unknown key): such backticks stay literal.
#[test]
fn findings_quote_backticks_literally() {
    let (dir, payloads) = corpus_files("backticks");
    for (id, text) in payloads.into_iter().filter(|(_, t)| t.contains('`')) {
        let (_, shown) = parse_html(&render(&dir, "html", &format!("{id}.yaml")));
        assert_findings_quote(&id, &text, &shown);
        let (_, shown) = read_markdown(&render(&dir, "markdown", &format!("{id}.yaml")));
        assert_findings_quote(&id, &text, &shown);
    }
}
