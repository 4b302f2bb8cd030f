//! Position mapping on structured input: a manifest built from fuzzed container names
//! and images (any Unicode, astral characters, CRLF or LF, comments in between), in
//! plain, single- or double-quoted form. Each entry's image position must point at
//! exactly the text written for the image, on the line and column it was written.
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pullpolicy::Options;
use pullpolicy_fuzz::{assert_positions_within, awkward, double_quoted};

#[derive(Debug, Arbitrary)]
enum Shape {
    Pod,
    Deployment,
    /// A bare list of containers (a fragment).
    List,
}

#[derive(Debug, Arbitrary)]
enum Style {
    Plain,
    Single,
    Double,
}

#[derive(Debug, Arbitrary)]
struct Container {
    name: String,
    image: String,
    style: Style,
    /// A comment line between `name:` and `image:`.
    comment: Option<String>,
    /// A trailing comment after the image.
    trailing: Option<String>,
}

#[derive(Debug, Arbitrary)]
struct Manifest {
    crlf: bool,
    shape: Shape,
    header: String,
    pod_name: String,
    containers: Vec<Container>,
}

/// The form written for an image, and whether its decoded value is the image itself.
fn written(image: &str, style: &Style) -> (String, bool) {
    let plain_ok = image.chars().next().is_some_and(|c| c.is_alphanumeric())
        && !image.ends_with(':')
        && image.chars().all(|c| {
            !awkward(c) && !c.is_whitespace() && !matches!(c, '#' | ',' | '[' | ']' | '{' | '}')
        });
    let single_ok = image.chars().all(|c| !awkward(c));
    match style {
        // A plain scalar may resolve to a bool, number or null (`true`, `1`, `~`).
        Style::Plain if plain_ok => (image.to_owned(), false),
        Style::Single if single_ok => (format!("'{}'", image.replace('\'', "''")), true),
        _ => (double_quoted(image), true),
    }
}

fn comment(text: &str) -> String {
    text.chars().filter(|c| !awkward(*c)).collect()
}

/// The UTF-16 offset → byte offset, if it falls on a character boundary.
fn byte_at(text: &str, offset16: usize) -> Option<usize> {
    let mut units = 0;
    for (byte, c) in text.char_indices() {
        if units == offset16 {
            return Some(byte);
        }
        if units > offset16 {
            return None;
        }
        units += c.len_utf16();
    }
    (units == offset16).then_some(text.len())
}

struct Expected {
    path: String,
    name: String,
    image: String,
    form: String,
    exact: bool,
    line: u32,
    column: u32,
}

fuzz_target!(|m: Manifest| {
    let nl = if m.crlf { "\r\n" } else { "\n" };
    let mut text = String::new();
    let mut line = 1u32;
    let mut push_line = |text: &mut String, s: &str| {
        text.push_str(s);
        text.push_str(nl);
        line += 1;
        line - 1
    };
    push_line(&mut text, &format!("# {}", comment(&m.header)));
    let (indent, prefix) = match m.shape {
        Shape::Pod => {
            push_line(&mut text, "apiVersion: v1");
            push_line(&mut text, "kind: Pod");
            push_line(&mut text, "metadata:");
            push_line(
                &mut text,
                &format!("  name: {}", double_quoted(&m.pod_name)),
            );
            push_line(&mut text, "spec:");
            ("  ", "spec.containers")
        }
        Shape::Deployment => {
            push_line(&mut text, "apiVersion: apps/v1");
            push_line(&mut text, "kind: Deployment");
            push_line(&mut text, "metadata:");
            push_line(
                &mut text,
                &format!("  name: {}", double_quoted(&m.pod_name)),
            );
            push_line(&mut text, "spec:");
            push_line(&mut text, "  template:");
            push_line(&mut text, "    spec:");
            ("      ", "spec.template.spec.containers")
        }
        Shape::List => ("", ""),
    };
    let empty = if m.containers.is_empty() { "[]" } else { "" };
    match m.shape {
        Shape::List => {
            if m.containers.is_empty() {
                push_line(&mut text, "[]");
            }
        }
        _ => {
            push_line(&mut text, &format!("{indent}containers: {empty}"));
        }
    }
    let mut expected = Vec::new();
    for (i, c) in m.containers.iter().enumerate() {
        push_line(
            &mut text,
            &format!("{indent}- name: {}", double_quoted(&c.name)),
        );
        if let Some(note) = &c.comment {
            push_line(&mut text, &format!("{indent}  # {}", comment(note)));
        }
        let (form, exact) = written(&c.image, &c.style);
        let trailing = c
            .trailing
            .as_deref()
            .map(|t| format!(" # {}", comment(t)))
            .unwrap_or_default();
        let at = push_line(&mut text, &format!("{indent}  image: {form}{trailing}"));
        expected.push(Expected {
            path: format!("{prefix}[{i}]"),
            name: c.name.clone(),
            image: c.image.clone(),
            form,
            exact,
            line: at,
            column: u32::try_from(indent.chars().count() + "  image: ".len() + 1).unwrap_or(0),
        });
    }

    let report = pullpolicy::explain(&text, &Options::default());
    assert!(
        report.syntax_errors.is_empty(),
        "generated YAML must be valid: {:?}\n{text}",
        report.syntax_errors
    );
    assert_positions_within(&text, &report);
    let entries: Vec<_> = report.entries().collect();
    assert_eq!(
        entries.len(),
        expected.len(),
        "one entry per container\n{text}"
    );
    for (entry, want) in entries.iter().zip(&expected) {
        assert_eq!(entry.path, want.path);
        assert_eq!(entry.name.as_deref(), Some(want.name.as_str()), "{text}");
        if want.exact {
            assert_eq!(
                entry.image.raw.as_deref(),
                Some(want.image.as_str()),
                "{text}"
            );
        }
        let p = entry.image.position;
        let start = byte_at(&text, p.offset16 as usize)
            .unwrap_or_else(|| panic!("offset16 {} splits a character\n{text}", p.offset16));
        let end = byte_at(&text, p.end16 as usize)
            .unwrap_or_else(|| panic!("end16 {} splits a character\n{text}", p.end16));
        assert!(
            text[start..].starts_with(&want.form),
            "image of {} at {p:?} is {:?}, expected {:?}",
            want.path,
            &text[start..end],
            want.form
        );
        // The span is exactly the image's text; quoted scalars (as of this writing) run
        // on over trailing blanks and a comment to the end of the line. That defect is
        // asserted exactly by `tests/hostile.rs`
        // (`a_quoted_image_span_ends_at_its_closing_quote`); here it is tolerated so that
        // this target keeps exploring past it.
        let span = &text[start..end];
        let quoted = want.form.starts_with(['"', '\'']);
        assert!(
            span == want.form
                || (quoted
                    && span.starts_with(&want.form)
                    && !span[want.form.len()..].contains(['\r', '\n'])),
            "span of the image of {} is {span:?}, expected {:?}",
            want.path,
            want.form
        );
        assert_eq!(
            (p.line, p.column),
            (want.line, want.column),
            "line/column of the image of {}",
            want.path
        );
    }
});
