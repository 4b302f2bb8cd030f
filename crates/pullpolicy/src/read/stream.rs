//! Stage 1: how kubectl cuts its input into documents (apimachinery
//! `pkg/util/yaml/decoder.go`, cli-runtime `FileVisitor`), and the bytes it starts
//! from.
//!
//! Written after reading decoder.go at v0.32.0, v0.33.0 and v0.34.0+:
//! - `YAMLReader.Read` reads lines (bufio `ReadLine`: `\r\n` and `\n` dropped, `\n`
//!   added) and cuts at every line that starts with `---`; what follows the dashes,
//!   trimmed (`strings.TrimSpace`), must be empty or start with `#`, else
//!   `invalid Yaml document separator: <rest>`. A separator line that ends a chunk is
//!   dropped; one that starts a chunk (the input's first, or a second `---` in a
//!   row) stays in it, where go-yaml reads it as a document start.
//! - `GuessJSONStream`: the stream is JSON when its first 4096 bytes, after
//!   `unicode.IsSpace` characters, start with `{`.
//! - From v0.33, a JSON failure after at most one JSON value falls back to YAML from
//!   the end of that value, after white space up to and including the first line
//!   break (`consumeWhitespace`, which gives up, keeping the JSON error, when fewer
//!   than 4 bytes are left or a character is not valid UTF-8).

/// Go's `unicode.IsSpace`.
pub(crate) fn go_is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    )
}

/// Go's `utf8.DecodeRune` on `b`: the character and its length; `None` (Go's
/// `RuneError`) for an invalid or incomplete sequence or a genuine U+FFFD.
fn decode_rune(b: &[u8]) -> Option<(char, usize)> {
    let len = match *b.first()? {
        0x00..=0x7F => 1,
        0xC2..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF4 => 4,
        _ => return None,
    };
    let c = std::str::from_utf8(b.get(..len)?).ok()?.chars().next()?;
    (c != '\u{FFFD}').then_some((c, len))
}

/// `IsJSONBuffer` of the first 4096 bytes of the stream.
pub(crate) fn looks_like_json(stream: &[u8]) -> bool {
    let mut peek = &stream[..stream.len().min(4096)];
    while let Some((c, len)) = decode_rune(peek) {
        if !go_is_space(c) {
            break;
        }
        peek = &peek[len..];
    }
    peek.first() == Some(&b'{')
}

/// `consumeWhitespace` from `pos`: where the YAML decoder starts, or `None` when
/// there is no YAML decoder (the JSON error stands).
pub(crate) fn fallback_start(text: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        if text.len() - pos < 4 {
            return None;
        }
        let (c, len) = decode_rune(&text[pos..pos + 4])?;
        if !go_is_space(c) {
            return Some(pos);
        }
        pos += len;
        if c == '\n' {
            return Some(pos);
        }
    }
}

/// Go's `strings.TrimSpace`.
fn trim_space(mut s: &[u8]) -> &[u8] {
    while let Some((c, len)) = decode_rune(s) {
        if !go_is_space(c) {
            break;
        }
        s = &s[len..];
    }
    loop {
        // The last character: up to 4 bytes back.
        let mut found = None;
        for len in 1..=4.min(s.len()) {
            if let Some((c, l)) = decode_rune(&s[s.len() - len..])
                && l == len
            {
                found = Some(c);
                break;
            }
        }
        match found {
            Some(c) if go_is_space(c) => s = &s[..s.len() - c.len_utf8()],
            _ => return s,
        }
    }
}

/// A chunk of a YAML stream: a byte range of the input, and its length as kubectl
/// hands it to go-yaml (line breaks as `\n`, a final `\n` added).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Chunk {
    pub start: usize,
    pub end: usize,
    pub kubectl_len: usize,
}

/// What the YAML reader finds next.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Cut {
    Chunk(Chunk),
    /// A separator line with something after the dashes: kubectl stops. `pending`
    /// is the chunk it was reading (never decoded).
    BadSeparator {
        pending: Option<Chunk>,
        line: (usize, usize),
        rest: String,
    },
    End,
}

/// `YAMLReader.Read` from `pos`; returns what it found and where reading goes on.
pub(crate) fn next_chunk(text: &[u8], pos: usize) -> (Cut, usize) {
    let mut chunk: Option<Chunk> = None;
    let mut at = pos;
    while at < text.len() {
        let line_start = at;
        let (content_end, next) = match text[at..].iter().position(|&b| b == b'\n') {
            Some(i) => {
                let nl = at + i;
                let content_end = if nl > at && text[nl - 1] == b'\r' {
                    nl - 1
                } else {
                    nl
                };
                (content_end, nl + 1)
            }
            None => (text.len(), text.len()),
        };
        let line = &text[line_start..content_end];
        at = next;
        let kubectl_len = line.len() + 1;
        if line.starts_with(b"---") {
            let rest = trim_space(&line[3..]);
            if !rest.is_empty() && rest[0] != b'#' {
                let rest = String::from_utf8_lossy(rest).into_owned();
                return (
                    Cut::BadSeparator {
                        pending: chunk,
                        line: (line_start, next),
                        rest,
                    },
                    next,
                );
            }
            if let Some(c) = chunk {
                return (Cut::Chunk(c), next);
            }
        }
        match &mut chunk {
            Some(c) => {
                c.end = next;
                c.kubectl_len += kubectl_len;
            }
            None => {
                chunk = Some(Chunk {
                    start: line_start,
                    end: next,
                    kubectl_len,
                });
            }
        }
    }
    match chunk {
        Some(c) => (Cut::Chunk(c), text.len()),
        None => (Cut::End, text.len()),
    }
}

/// What kubectl's `FileVisitor` makes of a file's bytes
/// (`unicode.BOMOverride(unicode.UTF8.NewDecoder())`): a UTF-16 byte order mark
/// decodes UTF-16 (unpaired surrogates and an odd last byte as U+FFFD); a UTF-8 one
/// is dropped and the rest passed on as it is; anything else is UTF-8 with each
/// maximal invalid sequence replaced by U+FFFD. The text keeps a UTF-8 byte order
/// mark (the reader skips it), so positions stay the file's; UTF-16 text gets one
/// (kubectl drops the UTF-16 mark only, and a U+FEFF right after it is content).
///
/// The second value is false when the text is not what kubectl reads: after a UTF-8
/// byte order mark kubectl passes invalid UTF-8 on unchanged, which a Rust string
/// cannot hold (it is replaced here).
pub fn kubectl_text(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, bool) {
    use std::borrow::Cow;
    match bytes {
        [0xFF, 0xFE, rest @ ..] => (Cow::Owned(utf16(rest, false)), true),
        [0xFE, 0xFF, rest @ ..] => (Cow::Owned(utf16(rest, true)), true),

        _ => {
            let exact = !bytes.starts_with(b"\xEF\xBB\xBF") || std::str::from_utf8(bytes).is_ok();
            (String::from_utf8_lossy(bytes), exact)
        }
    }
}

/// x/text's UTF-16 decoder.
fn utf16(b: &[u8], big: bool) -> String {
    let unit = |i: usize| -> u16 {
        if big {
            u16::from(b[i]) << 8 | u16::from(b[i + 1])
        } else {
            u16::from(b[i + 1]) << 8 | u16::from(b[i])
        }
    };
    let mut out = String::with_capacity(b.len() + 3);
    out.push('\u{feff}');
    let mut i = 0;
    while i < b.len() {
        if i + 1 >= b.len() {
            out.push('\u{FFFD}');
            break;
        }
        let r = u32::from(unit(i));
        let mut size = 2;
        let mut c = char::from_u32(r);
        if (0xD800..0xE000).contains(&r) && i + 3 < b.len() {
            let r2 = u32::from(unit(i + 2));
            if (0xDC00..0xE000).contains(&r2) {
                size = 4;
                c = if (0xD800..0xDC00).contains(&r) {
                    char::from_u32(0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00))
                } else {
                    None
                };
            }
        }
        out.push(c.unwrap_or('\u{FFFD}'));
        i += size;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cuts(text: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            let (cut, next) = next_chunk(text.as_bytes(), pos);
            match cut {
                Cut::Chunk(c) => out.push(format!("{:?}/{}", &text[c.start..c.end], c.kubectl_len)),
                Cut::BadSeparator { rest, .. } => out.push(format!("error: {rest}")),
                Cut::End => return out,
            }
            pos = next;
        }
    }

    #[test]
    fn separators() {
        assert_eq!(cuts("a: 1\n---\nb: 2"), ["\"a: 1\\n\"/5", "\"b: 2\"/5"]);
        assert_eq!(
            cuts("---\na\n---\n---\nb\n"),
            ["\"---\\na\\n\"/6", "\"---\\nb\\n\"/6"]
        );
        assert_eq!(
            cuts("a\r\n--- # c\r\nb\r\n"),
            ["\"a\\r\\n\"/2", "\"b\\r\\n\"/2"]
        );
        // kubectl stops at the error; the reader can go on after the line.
        assert_eq!(cuts("a\n--- {}\nb\n"), ["error: {}", "\"b\\n\"/2"]);
        assert_eq!(cuts("a\n---#x\nb\n"), ["\"a\\n\"/2", "\"b\\n\"/2"]);
        assert_eq!(cuts("a\n----\n"), ["error: -"]);
    }

    #[test]
    fn json_detection_and_fallback() {
        assert!(looks_like_json(b" \n\t{"));
        assert!(looks_like_json("\u{a0}{".as_bytes()));
        assert!(!looks_like_json(b"a: {"));
        assert_eq!(fallback_start(b"  \n  {a}", 0), Some(3));
        assert_eq!(fallback_start(b"{a}", 0), None);
        assert_eq!(fallback_start(b"{a} ", 0), Some(0));
    }

    #[test]
    fn kubectl_bytes() {
        assert_eq!(kubectl_text(b"\xFF\xFEa\x00").0, "\u{feff}a");
        // Found by read_diff: U+FEFF right after a UTF-16 mark is content.
        assert_eq!(kubectl_text(b"\xFE\xFF\xFE\xFF").0, "\u{feff}\u{feff}");
        assert_eq!(kubectl_text(b"a\xE2\x82b").0, "a\u{FFFD}b");
        assert!(!kubectl_text(b"\xEF\xBB\xBFa\xFF").1);
    }
}
