//! A small YAML highlighter, one line at a time.
//!
//! It only colours; it never decides anything (the core reads the YAML). It works
//! line by line so the editor can highlight just the lines on screen, which keeps
//! typing in a 1 MB manifest as fast as in a 10-line one. The one piece of state
//! that crosses lines, "inside a block scalar", comes from [`block_scalar_lines`].

/// What a run of characters is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A mapping key.
    Key,
    /// A plain (unquoted) scalar value.
    Plain,
    /// A quoted string.
    String,
    /// A number, boolean or null.
    Literal,
    /// A comment.
    Comment,
    /// `-`, `:`, `{`, `}`, `[`, `]`, `,`, `?`.
    Punct,
    /// `&anchor`, `*alias`, `!tag`.
    Meta,
    /// `---`, `...`, `%YAML`.
    Marker,
    /// The content of a `|` or `>` block scalar, or a block indicator.
    Block,
}

impl Kind {
    /// The CSS class of the kind.
    pub fn class(self) -> &'static str {
        match self {
            Kind::Key => "t-key",
            Kind::Plain => "t-plain",
            Kind::String => "t-str",
            Kind::Literal => "t-lit",
            Kind::Comment => "t-com",
            Kind::Punct => "t-punct",
            Kind::Meta => "t-meta",
            Kind::Marker => "t-mark",
            Kind::Block => "t-block",
        }
    }
}

/// A run of one kind: byte range within the line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// Past the last byte.
    pub end: usize,
    /// What it is.
    pub kind: Kind,
}

/// Lines longer than this are shown uncoloured (minified JSON, base64 blobs).
pub const MAX_LINE: usize = 4_000;

/// Tokens of one line. `in_block` says the line is block-scalar content. Bytes not
/// covered by a token are whitespace.
pub fn tokenize(line: &str, in_block: bool) -> Vec<Token> {
    let mut out = Vec::new();
    if line.len() > MAX_LINE {
        return out;
    }
    let b = line.as_bytes();
    let indent = b.iter().take_while(|&&c| c == b' ' || c == b'\t').count();
    if in_block {
        if indent < b.len() {
            out.push(Token {
                start: indent,
                end: b.len(),
                kind: Kind::Block,
            });
        }
        return out;
    }
    if indent == 0 && (line.starts_with("---") || line.starts_with("...")) {
        let rest = &b[3..];
        if rest.is_empty() || rest[0] == b' ' || rest[0] == b'\t' {
            out.push(Token {
                start: 0,
                end: 3,
                kind: Kind::Marker,
            });
            scan_value(line, 3, &mut out);
            return out;
        }
    }
    if indent == 0 && line.starts_with('%') {
        out.push(Token {
            start: 0,
            end: b.len(),
            kind: Kind::Marker,
        });
        return out;
    }
    scan_value(line, indent, &mut out);
    out
}

/// Scans from `i` to the end of the line: sequence dashes, a key, a value.
fn scan_value(line: &str, mut i: usize, out: &mut Vec<Token>) {
    let b = line.as_bytes();
    let mut flow = 0usize;
    let mut expect_key = true;
    while i < b.len() {
        let c = b[i];
        match c {
            b' ' | b'\t' => i += 1,
            b'#' if i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t' => {
                out.push(Token {
                    start: i,
                    end: b.len(),
                    kind: Kind::Comment,
                });
                return;
            }
            b'-' | b'?' if expect_key && is_blank_at(b, i + 1) => {
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                });
                i += 1;
            }
            b':' if is_blank_at(b, i + 1)
                || (flow > 0 && matches!(b.get(i + 1), Some(b',' | b'}' | b']'))) =>
            {
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                });
                expect_key = flow > 0;
                i += 1;
            }
            b'{' | b'[' => {
                flow += 1;
                expect_key = true;
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                });
                i += 1;
            }
            b'}' | b']' | b',' if flow > 0 => {
                if c != b',' {
                    flow -= 1;
                }
                expect_key = true;
                out.push(Token {
                    start: i,
                    end: i + 1,
                    kind: Kind::Punct,
                });
                i += 1;
            }
            b'"' | b'\'' => {
                let end = quoted_end(b, i);
                let kind = if key_follows(b, end) {
                    Kind::Key
                } else {
                    Kind::String
                };
                out.push(Token {
                    start: i,
                    end,
                    kind,
                });
                expect_key = false;
                i = end;
            }
            b'&' | b'*' | b'!' => {
                let end = word_end(b, i, flow > 0);
                out.push(Token {
                    start: i,
                    end,
                    kind: Kind::Meta,
                });
                i = end;
            }
            b'|' | b'>' if !expect_key || at_value_start(out) => {
                let end = word_end(b, i, false);
                out.push(Token {
                    start: i,
                    end,
                    kind: Kind::Block,
                });
                i = end;
            }
            _ => {
                let end = plain_end(b, i, flow > 0);
                let text = &line[i..end];
                let kind = if key_follows(b, end) {
                    Kind::Key
                } else if is_literal(text) {
                    Kind::Literal
                } else {
                    Kind::Plain
                };
                out.push(Token {
                    start: i,
                    end,
                    kind,
                });
                expect_key = false;
                i = end.max(i + 1);
            }
        }
    }
}

fn at_value_start(out: &[Token]) -> bool {
    out.last().is_some_and(|t| t.kind == Kind::Punct)
}

fn is_blank_at(b: &[u8], i: usize) -> bool {
    matches!(b.get(i), None | Some(b' ' | b'\t'))
}

/// Whether a `:` (mapping indicator) follows `end`, after spaces.
fn key_follows(b: &[u8], end: usize) -> bool {
    let mut j = end;
    while j < b.len() && b[j] == b' ' {
        j += 1;
    }
    j < b.len()
        && b[j] == b':'
        && (is_blank_at(b, j + 1) || matches!(b.get(j + 1), Some(b',' | b'}' | b']')))
}

fn quoted_end(b: &[u8], start: usize) -> usize {
    let q = b[start];
    let mut j = start + 1;
    while j < b.len() {
        if q == b'"' && b[j] == b'\\' {
            j += 2;
            continue;
        }
        if b[j] == q {
            if q == b'\'' && b.get(j + 1) == Some(&b'\'') {
                j += 2;
                continue;
            }
            return j + 1;
        }
        j += 1;
    }
    b.len()
}

fn word_end(b: &[u8], start: usize, flow: bool) -> usize {
    let mut j = start + 1;
    while j < b.len()
        && !matches!(b[j], b' ' | b'\t')
        && !(flow && matches!(b[j], b',' | b'}' | b']'))
    {
        j += 1;
    }
    j
}

/// The end of a plain scalar: before ` #`, before `: `, before flow indicators.
fn plain_end(b: &[u8], start: usize, flow: bool) -> usize {
    let mut j = start;
    let mut last = start;
    while j < b.len() {
        let c = b[j];
        if c == b'#' && j > start && matches!(b[j - 1], b' ' | b'\t') {
            break;
        }
        if c == b':'
            && (is_blank_at(b, j + 1) || (flow && matches!(b.get(j + 1), Some(b',' | b'}' | b']'))))
        {
            break;
        }
        if flow && matches!(c, b',' | b'}' | b']' | b'{' | b'[') {
            break;
        }
        j += 1;
        if !matches!(c, b' ' | b'\t') {
            last = j;
        }
    }
    // Trailing spaces are not part of the scalar; never split a UTF-8 character
    // (every byte tested above is ASCII, so `last` is always a boundary).
    last.max(start + 1).min(b.len())
}

fn is_literal(text: &str) -> bool {
    matches!(
        text,
        "true"
            | "false"
            | "True"
            | "False"
            | "TRUE"
            | "FALSE"
            | "null"
            | "Null"
            | "NULL"
            | "~"
            | "yes"
            | "no"
            | "Yes"
            | "No"
            | "YES"
            | "NO"
            | "on"
            | "off"
            | "On"
            | "Off"
            | "ON"
            | "OFF"
    ) || is_number(text)
}

fn is_number(text: &str) -> bool {
    let t = text.strip_prefix(['-', '+']).unwrap_or(text);
    !t.is_empty()
        && t.bytes()
            .next()
            .is_some_and(|c| c.is_ascii_digit() || c == b'.')
        && t.bytes().all(|c| {
            c.is_ascii_hexdigit()
                || matches!(c, b'.' | b'_' | b'x' | b'o' | b'e' | b'E' | b'+' | b'-')
        })
}

/// For lines `from..to` of a text whose line `i` is `line(i)`, whether each is the
/// content of a block scalar (see [`block_scalar_lines`]), reading only from the
/// nearest line above `from` that starts in column 0 (a non-blank line there is
/// never block content, so the scan restarts cleanly): the editor asks for the
/// lines on screen, and the cost stays proportional to them, not to the text.
pub fn block_scalar_window<'t>(
    line: impl Fn(usize) -> &'t str,
    from: usize,
    to: usize,
) -> Vec<bool> {
    let start = (0..from)
        .rev()
        .find(|&i| {
            let l = line(i);
            !l.starts_with(' ') && !l.trim().is_empty()
        })
        .unwrap_or(0);
    let to = to.max(from);
    let mut flags = block_scalar_lines((start..to).map(line));
    flags.drain(..from - start);
    flags
}

/// For every line, whether it is the content of a block scalar (`key: |`, `- >-`).
/// One pass over the lines.
pub fn block_scalar_lines<'t>(lines: impl Iterator<Item = &'t str>) -> Vec<bool> {
    let mut out = Vec::new();
    // The indentation the block's parent line had: content is indented further.
    let mut parent: Option<usize> = None;
    for line in lines {
        let indent = line.bytes().take_while(|&c| c == b' ').count();
        let blank = line.trim().is_empty();
        if let Some(p) = parent {
            if blank || indent > p {
                out.push(true);
                continue;
            }
            parent = None;
        }
        out.push(false);
        if line.len() <= MAX_LINE && opens_block(line) {
            parent = Some(indent);
        }
    }
    out
}

/// Whether a line ends in a block scalar indicator (`|`, `>`, `|-`, `>+2`, …),
/// possibly followed by a comment.
fn opens_block(line: &str) -> bool {
    if !line.contains(['|', '>']) {
        return false;
    }
    let code = match line.find(" #") {
        Some(i) => &line[..i],
        None => line,
    };
    let code = code.trim_end();
    let Some(last_space) = code.rfind([' ', '\t']) else {
        return code.starts_with(['|', '>']) && is_indicator(code);
    };
    let word = &code[last_space + 1..];
    let before = code[..last_space].trim_end();
    is_indicator(word)
        && (before.ends_with(':') || before.ends_with('-') || before.starts_with("---"))
}

fn is_indicator(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('|' | '>')) && chars.all(|c| matches!(c, '-' | '+' | '1'..='9'))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `kind:text` for every token, space-separated.
    fn check(line: &str, expected: &str) {
        let got: Vec<String> = tokenize(line, false)
            .iter()
            .map(|t| {
                format!(
                    "{}:{}",
                    t.kind.class().trim_start_matches("t-"),
                    &line[t.start..t.end]
                )
            })
            .collect();
        assert_eq!(got.join(" "), expected, "line {line:?}");
    }

    #[test]
    fn keys_and_values() {
        check("kind: Pod", "key:kind punct:: plain:Pod");
        check("  image: nginx:1.27", "key:image punct:: plain:nginx:1.27");
        check(
            "    imagePullPolicy: IfNotPresent  # ok",
            "key:imagePullPolicy punct:: plain:IfNotPresent com:# ok",
        );
        check("- name: app", "punct:- key:name punct:: plain:app");
        check("replicas: 3", "key:replicas punct:: lit:3");
        check("ok: true", "key:ok punct:: lit:true");
        check(
            "image: \"nginx\" # q",
            "key:image punct:: str:\"nginx\" com:# q",
        );
        check("'a b': 'it''s'", "key:'a b' punct:: str:'it''s'");
        check("url: http://x#y", "key:url punct:: plain:http://x#y");
    }

    #[test]
    fn flow_collections() {
        check(
            "labels: {app: web}",
            "key:labels punct:: punct:{ key:app punct:: plain:web punct:}",
        );
        check(
            "args: [a, \"b\"]",
            "key:args punct:: punct:[ plain:a punct:, str:\"b\" punct:]",
        );
    }

    #[test]
    fn markers_meta_and_blocks() {
        check("---", "mark:---");
        check("--- # doc", "mark:--- com:# doc");
        check("%YAML 1.2", "mark:%YAML 1.2");
        check(
            "base: &b {x: 1}",
            "key:base punct:: meta:&b punct:{ key:x punct:: lit:1 punct:}",
        );
        check("<<: *b", "key:<< punct:: meta:*b");
        check("script: |-", "key:script punct:: block:|-");
        check("# only", "com:# only");
        check("", "");
    }

    #[test]
    fn unicode_is_never_split() {
        let line = "name: café 🐳 # été";
        for t in tokenize(line, false) {
            assert!(line.is_char_boundary(t.start) && line.is_char_boundary(t.end));
        }
        check("clé: 🐳", "key:clé punct:: plain:🐳");
    }

    fn windows_read_as_the_whole_text(text: &str) {
        let lines: Vec<&str> = text.lines().collect();
        let flags = block_scalar_lines(lines.iter().copied());
        for from in 0..=lines.len() {
            for to in from..=lines.len() {
                assert_eq!(
                    block_scalar_window(|i| lines[i], from, to),
                    flags[from..to],
                    "{text:?} {from}..{to}"
                );
            }
        }
    }

    #[test]
    fn block_scalars_span_lines() {
        let text = "data:\n  run.sh: |\n    echo hi\n\n    exit 0\n  next: x\n- >-\n  folded\nz: 1";
        let flags = block_scalar_lines(text.lines());
        assert_eq!(
            flags,
            [false, false, true, true, true, false, false, true, false]
        );
        for text in [
            text,
            "a: |\n  x\n\nb: >\n\n  y\n\t\n--- |\n z\n\tq\n  - |\n   r\nc: 1",
        ] {
            windows_read_as_the_whole_text(text);
        }
        assert_eq!(
            tokenize("    echo: hi", true),
            [Token {
                start: 4,
                end: 12,
                kind: Kind::Block
            }]
        );
    }
}
