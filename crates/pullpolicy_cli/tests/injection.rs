//! Markup injection in the CLI's HTML, Markdown, SARIF and terminal output (issues 8 and
//! 17): every payload of the shared corpus `tests/data/injection.json` (script tags,
//! event handlers, `javascript:` URLs, attribute-breaking quotes, entities, templates,
//! CSS, U+001E/U+001F, U+2028, NUL, ANSI escape sequences), placed in names, an image, a
//! key, a comment and annotations, comes out as text: no element or attribute of its own,
//! no link of its own, no terminal escape, shown as written (decoded exactly once; what
//! a format cannot hold is shown escaped, as each test says).

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

/// Printable in YAML (c-printable, line separators left out): what may go in a comment.
fn printable(s: &str) -> bool {
    s.chars().all(|c| {
        c == '\t'
            || (' '..='~').contains(&c)
            || (c >= '\u{a0}' && !matches!(c, '\u{2028}' | '\u{2029}'))
    })
}

/// Printable ASCII: Go's `%q` quotes it as JSON does.
fn ascii(s: &str) -> bool {
    s.chars().all(|c| c == ' ' || c.is_ascii_graphic())
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
            let quoted = serde_json::to_string(&text)
                .expect("quoted")
                .replace('\u{2028}', "\\u2028")
                .replace('\u{2029}', "\\u2029");
            let raw = if printable(&text) { &text } else { &quoted };
            let manifest = template.replace("@Q@", &quoted).replace("@RAW@", raw);
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
    render_with(dir, &["--format", format], file)
}

fn render_with(dir: &Path, args: &[&str], file: &str) -> String {
    let out = cargo_bin_cmd!("pullpolicy")
        .current_dir(dir)
        .arg("explain")
        .args(args)
        .args(["--playground-url", PLAYGROUND, file])
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
        if printable(&text) {
            assert!(
                manifest.starts_with(&format!("# {text}\n")),
                "{id}: the comment"
            );
        }
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
        let entity = &rest[amp..=semi];
        match entity {
            "&amp;" => out.push('&'),
            "&lt;" => out.push('<'),
            "&gt;" => out.push('>'),
            "&quot;" => out.push('"'),
            "&#39;" => out.push('\''),
            other => {
                // `&#xHH;`: a control character the encoder wrote as a reference.
                let hex = other
                    .strip_prefix("&#x")
                    .and_then(|h| h.strip_suffix(';'))
                    .unwrap_or_else(|| panic!("an unexpected entity {other}"));
                let c = u32::from_str_radix(hex, 16)
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or_else(|| panic!("a bad reference {other}"));
                assert!(c.is_control(), "only controls are references: {other}");
                out.push(c);
            }
        }
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

/// No control character but line breaks and tabs: HTML and Markdown hold none, and in a
/// terminal they are escape sequences.
fn assert_no_controls(id: &str, out: &str) {
    let bad: Vec<char> = out
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\t'))
        .collect();
    assert!(
        bad.is_empty(),
        "{id}: control characters {bad:?} in the output"
    );
}

/// What HTML shows of `text`: all of it (controls as references, which decode to
/// themselves), but NUL, which HTML cannot hold (U+FFFD).
fn html_shown(text: &str) -> String {
    text.replace('\0', "\u{FFFD}")
}

/// Only the renderer's tags and attributes, and links to kubernetes.io or the playground.
fn assert_only_own_tags(id: &str, tags: &[Tag], out: &str) {
    for tag in tags {
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
}

#[test]
fn html_output_escapes_every_payload() {
    let (dir, payloads) = corpus_files("html");
    for (id, text) in payloads {
        let out = render(&dir, "html", &format!("{id}.yaml"));
        assert_no_controls(&id, &out);
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
        assert_only_own_tags(&id, &tags, &out);
        // The payload shows as written: the object, the container, the image, the
        // unknown field and the invalid-image finding all quote it.
        // Table cells run together in the text: object, container, image.
        let t = html_shown(&text);
        assert!(
            shown.contains(&format!("Pod/{t}{t}nginx:1.27")),
            "{id}: object and container names in {shown}"
        );
        assert!(
            shown.contains(&format!("Pod/{t}image-payload{t}")),
            "{id}: the image in {shown}"
        );
        if !text.contains('`') && ascii(&text) {
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

/// What Markdown text shows of `text`: line breaks as spaces, other control characters
/// as visible `\u{…}` escapes.
fn markdown_text(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => " ".to_owned(),
            c if c.is_control() => c.escape_default().collect(),
            c => c.to_string(),
        })
        .collect()
}

/// What a Markdown code span shows of `text`: line breaks as spaces, other control
/// characters as U+FFFD.
fn markdown_code(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => ' ',
            c if c.is_control() => '\u{FFFD}',
            c => c,
        })
        .collect()
}

/// Outside code spans (`syntax`, as `read_markdown` gives it), the only raw HTML is the
/// renderer's own.
fn assert_only_own_html(id: &str, syntax: &str, out: &str) {
    let mut rest = syntax;
    while let Some(lt) = rest.find('<') {
        assert!(
            MARKDOWN_TAGS.iter().any(|t| rest[lt..].starts_with(t)),
            "{id}: raw HTML {:?} in {out}",
            &rest[lt..(lt + 30).min(rest.len())]
        );
        rest = &rest[lt + 1..];
    }
}

#[test]
fn markdown_output_keeps_every_payload_inert() {
    let (dir, payloads) = corpus_files("markdown");
    for (id, text) in payloads {
        let out = render(&dir, "markdown", &format!("{id}.yaml"));
        assert_no_controls(&id, &out);
        let (syntax, shown) = read_markdown(&out);
        assert_only_own_html(&id, &syntax, &out);
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
        let (t, code) = (markdown_text(&text), markdown_code(&text));
        assert!(
            shown.contains(&format!("Pod/{t}")),
            "{id}: object name in {shown}"
        );
        assert!(
            shown.contains(&format!("| {t} |")),
            "{id}: container name in {shown}"
        );
        assert!(
            shown.contains(&format!("| {code} | (unset) |")),
            "{id}: image in {shown}"
        );
        if !text.contains('`') && ascii(&text) {
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
    for (id, text) in payloads
        .into_iter()
        .filter(|(_, t)| t.contains('`') && ascii(t))
    {
        let (_, shown) = parse_html(&render(&dir, "html", &format!("{id}.yaml")));
        assert_findings_quote(&id, &text, &shown);
        let (_, shown) = read_markdown(&render(&dir, "markdown", &format!("{id}.yaml")));
        assert_findings_quote(&id, &text, &shown);
    }
}

// A key the core puts in a code span, unquoted (a duplicate key): the report's spans say
// where the code is, so the user's backticks are characters of it in every format, never
// the end of the span (issue #17: structured text in the report).
#[test]
fn a_users_backticks_stay_inside_the_cores_code_span() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("injection-tests/code-span");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    std::fs::write(
        dir.join("pod.yaml"),
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    a`<b>x: 1\n    a`<b>x: 2\n",
    )
    .expect("write");
    let json: Value = serde_json::from_str(&render(&dir, "json", "pod.yaml")).expect("JSON");
    let findings = json["files"][0]["report"]["documents"][0]["entries"][0]["findings"]
        .as_array()
        .expect("findings");
    let dup = findings
        .iter()
        .find(|f| f["rule"] == "duplicate-key")
        .expect("a duplicate-key finding");
    assert_eq!(
        dup["spans"]["message"],
        serde_json::json!([
            {"plain": "duplicate key "},
            {"code": "a`<b>x"},
            {"plain": ": the last value wins"}
        ])
    );
    assert_eq!(
        dup["message"],
        "duplicate key `a`<b>x`: the last value wins"
    );

    let html = render(&dir, "html", "pod.yaml");
    let (tags, _) = parse_html(&html);
    assert!(!tags.iter().any(|t| t.name == "b"), "no <b> of the user's");
    assert!(
        html.contains(">a`&lt;b&gt;x</code>: the last value wins"),
        "one code element holds the whole key"
    );
    let md = render(&dir, "markdown", "pod.yaml");
    assert!(
        md.contains("duplicate key ``a`<b>x``: the last value wins"),
        "a code span (whose text Markdown shows as it is) fenced longer than the key's backticks: {md}"
    );
}

// ---------------------------------------------------------------------------------------
// The terminal.

/// What the terminal shows of `text`: every control character (ESC included), line
/// separator and bidirectional override as a `\u{…}` escape (`pullpolicy_view::terminal`).
fn terminal_shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control()
                || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
            {
                c.escape_default().collect()
            } else {
                c.to_string()
            }
        })
        .collect()
}

#[test]
fn human_output_writes_no_escape_sequence_of_the_manifests() {
    let (dir, payloads) = corpus_files("human");
    for (id, text) in payloads {
        for colour in ["never", "always"] {
            let out = render_with(&dir, &["--color", colour], &format!("{id}.yaml"));
            // With colour, the only escape sequences are the styles' own (SGR, `ESC [ … m`).
            let mut rest = out.as_str();
            while let Some(at) = rest.find('\u{1b}') {
                let seq = &rest[at..];
                let end = seq.find('m').expect("an SGR sequence ends with m");
                assert!(
                    seq[1..end].starts_with('[')
                        && seq[2..end].bytes().all(|b| b.is_ascii_digit() || b == b';'),
                    "{id}: an escape sequence of the manifest's: {:?}",
                    &seq[..end.min(20)]
                );
                rest = &seq[end..];
            }
            let plain: String = if colour == "always" {
                // Without the styles, the text is the uncoloured output.
                let mut s = String::new();
                let mut it = out.split('\u{1b}');
                s.push_str(it.next().unwrap_or_default());
                for part in it {
                    s.push_str(&part[part.find('m').map_or(0, |m| m + 1)..]);
                }
                s
            } else {
                out.clone()
            };
            assert_no_controls(&id, &plain);
            let t = terminal_shown(&text);
            assert!(
                plain.contains(&format!("Pod/{t}")),
                "{id} ({colour}): {plain}"
            );
            assert!(
                plain.contains(&format!("  {t}  ")),
                "{id} ({colour}): the container name in {plain}"
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// SARIF.

#[test]
fn sarif_output_is_valid_and_quotes_every_payload_as_data() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let (dir, payloads) = corpus_files("sarif");
    for (id, text) in payloads {
        let out = render(&dir, "sarif", &format!("{id}.yaml"));
        // JSON escapes every control character: the raw output holds none.
        assert_no_controls(&id, &out);
        let sarif: Value = serde_json::from_str(&out).expect("JSON");
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{id}: {errors:#?}");
        let results = sarif["runs"][0]["results"].as_array().expect("results");
        let messages: Vec<&str> = results
            .iter()
            .filter_map(|r| r["message"]["text"].as_str())
            .collect();
        // The invalid image and the unknown key are quoted (Go's `%q`) in the results;
        // the rules are the registry's.
        assert!(
            results.iter().any(|r| r["ruleId"] == "invalid-image-name"),
            "{id}: {messages:?}"
        );
        if ascii(&text) && !text.contains('`') {
            assert_findings_quote(&id, &text, &messages.join("\n"));
        }
        for rule in sarif["runs"][0]["tool"]["driver"]["rules"]
            .as_array()
            .expect("rules")
        {
            let rule_id = rule["id"].as_str().expect("id");
            let known = pullpolicy::rules::Rule::from_id(rule_id).expect("a registry rule");
            assert_eq!(rule["shortDescription"]["text"], known.title(), "{id}");
        }
    }
}

/// Each payload of the corpus in a manifest of a test's own: `manifest` gets the payload
/// as a YAML double-quoted scalar (U+2028 and U+2029 escaped too). The files, `<id>.yaml`,
/// are written to a scratch directory named `name`; returns it and the ids.
fn payload_files(name: &str, manifest: impl Fn(&str) -> String) -> (PathBuf, Vec<String>) {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("injection-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let mut ids = Vec::new();
    for (id, text, _) in corpus() {
        let q = serde_json::to_string(&text)
            .expect("quoted")
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        std::fs::write(dir.join(format!("{id}.yaml")), manifest(&q)).expect("write");
        ids.push(id);
    }
    (dir, ids)
}

/// `<id>.yaml` rendered as HTML and as Markdown for Kubernetes `version`: no control
/// characters, only the renderers' own tags and raw HTML; the HTML's text `says` what
/// the test expects.
fn assert_stays_text(dir: &Path, id: &str, version: &str, says: impl Fn(&str) -> bool) {
    let file = format!("{id}.yaml");
    let args = ["--format", "html", "--kubernetes-version", version];
    let out = render_with(dir, &args, &file);
    assert_no_controls(id, &out);
    let (tags, shown) = parse_html(&out);
    assert_only_own_tags(id, &tags, &out);
    assert!(says(&shown), "{id} {version}: {shown}");
    let args = ["--format", "markdown", "--kubernetes-version", version];
    let out = render_with(dir, &args, &file);
    assert_no_controls(id, &out);
    let (syntax, _) = read_markdown(&out);
    assert_only_own_html(&format!("{id} {version}"), &syntax, &out);
}

// A workload's template labels, printed in the API server's `workload-selector` error
// (Go's `%#v` up to 1.33 keeps `<`, `>`, `&` and printable Unicode as they are; JSON
// from 1.34 escapes the first three), and the suggested selector: every payload as a
// label's key and value, in HTML and Markdown, stays text.
#[test]
fn template_labels_in_selector_errors_stay_text() {
    let (dir, ids) = payload_files("selector", |q| {
        format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: web}}\nspec:\n  template:\n    metadata:\n      labels: {{{q}: {q}, app: web}}\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\"}}]\n"
        )
    });
    for id in ids {
        for version in ["1.33", "1.37"] {
            assert_stays_text(&dir, &id, version, |shown| {
                shown.contains("spec.selector: Required value")
                    && shown.contains("`selector` does not match template `labels`")
            });
        }
    }
}

// A StatefulSet's rejected Pods, up to 1.33 (`pods-rejected`): the controller's
// `FailedCreate` event carries the Pod's errors, here every payload as the
// `imagePullPolicy` value Kubernetes quotes (Go's `%q` up to 1.33), in HTML and
// Markdown. It stays text.
#[test]
fn rejected_statefulset_pods_stay_text() {
    let (dir, ids) = payload_files("statefulset-pods", |q| {
        format!(
            "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {{name: web}}\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers: [{{name: app, image: \"nginx:1.27\", imagePullPolicy: {q}}}]\n"
        )
    });
    for id in ids {
        // No payload is one of the three policies: each Pod is rejected.
        assert_stays_text(&dir, &id, "1.33", |shown| {
            shown.contains("create Pod web-0 in StatefulSet web failed error: Pod \"web-0\" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: ")
        });
    }
}
