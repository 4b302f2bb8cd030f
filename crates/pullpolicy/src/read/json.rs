//! JSON streams as Go's `encoding/json.Decoder` reads them (what kubectl uses for
//! input whose first non-space character is `{`): one value after another, separated
//! by white space or nothing (`{}{}`), each built into a [`Doc`] with positions.
//!
//! Written after reading Go's `encoding/json` (scanner.go, stream.go, decode.go):
//! - a syntax error is `invalid character 'x' <context>` with the context of the
//!   scanner state (`looking for beginning of value`, `after object key`, `in string
//!   literal`…) and the offset of the offending byte + 1, counted from the start of
//!   the stream (the decoder never resets its count); `'x'` is Go's `quoteChar`
//!   (the byte as a Latin-1 rune, `strconv.Quote`d);
//! - a value cut off by the end of the input is `unexpected EOF`;
//! - a number or literal at the top level ends at the next byte, which starts the next
//!   value (`01` is two values, `0` and `1`; `truex` is `true`, then an error at `x`);
//! - nesting deeper than 10,000 is `invalid character '[' exceeded max depth`;
//! - strings: `\uD83D\uDE80` is one character, a lone surrogate becomes U+FFFD (Go's
//!   `unquote`), bytes ≥ 0x80 are taken as they are; duplicate keys are kept (Go's
//!   map keeps the last, as [`Doc::get`] does).

use super::resolve::Value;
use super::scan::Style;
use super::tree::{Builder, Doc, Sink, Source};
use std::borrow::Cow;

/// A JSON stream error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonError {
    /// `*json.SyntaxError`: its message and offset (bytes from the stream start,
    /// through the offending byte).
    Syntax {
        message: String,
        offset: usize,
        at: usize,
    },
    /// `io.ErrUnexpectedEOF`, at the value that is cut off.
    UnexpectedEof { at: usize },
}

impl JsonError {
    pub fn at(&self) -> usize {
        match self {
            JsonError::Syntax { at, .. } | JsonError::UnexpectedEof { at } => *at,
        }
    }
}

/// `isSpace` of encoding/json.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\r' | b'\n')
}

/// Go's `quoteChar`.
fn quote_char(b: u8) -> String {
    match b {
        b'\'' => "'\\''".to_owned(),
        b'"' => "'\"'".to_owned(),
        _ => {
            let q = crate::reference::go_quote(&char::from(b).to_string());
            format!("'{}'", &q[1..q.len() - 1])
        }
    }
}

const MAX_DEPTH: usize = 10_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// After a key, expecting `:`.
    ObjectColon,
    /// After a value in an object.
    ObjectValue,
    /// In an array, after a value.
    ArrayValue,
}

/// The first byte at or after `pos` that is not JSON white space (or the end).
fn skip_space(b: &[u8], mut pos: usize) -> usize {
    while pos < b.len() && is_space(b[pos]) {
        pos += 1;
    }
    pos
}

/// Whether the stream `text[stream_start..]` has `n` values that read (no tree is
/// built).
pub(crate) fn reads_values(text: &str, stream_start: usize, n: usize) -> bool {
    /// Takes every node and keeps none.
    struct Discard;
    impl<'t> Sink<'t> for Discard {
        fn scalar(
            &mut self,
            _: Cow<'t, str>,
            _: Style,
            _: Option<String>,
            _: bool,
            _: Option<Value>,
            _: (usize, usize, usize),
            _: Option<(usize, usize)>,
        ) {
        }
        fn alias(
            &mut self,
            _: (usize, usize),
            _: (usize, usize),
        ) -> Result<(), super::tree::BuildError> {
            Ok(())
        }
        fn open(&mut self, _: bool, _: bool, _: (usize, usize), _: Option<(usize, usize)>) {}
        fn close(&mut self, _: usize) {}
    }
    let mut pos = stream_start;
    for _ in 0..n {
        pos = skip_space(text.as_bytes(), pos);
        if pos == text.len() {
            return false;
        }
        match parse_value(text, pos, stream_start, &mut Discard) {
            Ok(end) => pos = end,
            Err(_) => return false,
        }
    }
    true
}

/// Reads the next value of the stream `text[stream_start..]` at or after `pos`.
/// `Ok(None)`: only white space is left.
pub(crate) fn next_value<'t>(
    text: &'t str,
    pos: usize,
    stream_start: usize,
) -> Result<Option<(Doc<'t>, usize)>, JsonError> {
    let i = skip_space(text.as_bytes(), pos);
    if i == text.len() {
        return Ok(None);
    }
    let mut builder = Builder::new(text, (i, i), Source::Json);
    let end = parse_value(text, i, stream_start, &mut builder)?;
    let mut doc = builder.finish(end);
    doc.span = (i, end);
    Ok(Some((doc, end)))
}

/// Parses the value that starts at `i` (not white space) into `sink`; returns where
/// it ends.
pub(crate) fn parse_value<'t>(
    text: &'t str,
    mut i: usize,
    stream_start: usize,
    builder: &mut impl Sink<'t>,
) -> Result<usize, JsonError> {
    let b = text.as_bytes();
    let value_start = i;
    let mut stack: Vec<Frame> = Vec::new();
    let err = |at: usize, context: &str| JsonError::Syntax {
        message: format!("invalid character {} {context}", quote_char(b[at])),
        offset: at - stream_start + 1,
        at,
    };
    let eof = JsonError::UnexpectedEof { at: value_start };
    // Expecting a value (`true`) or the continuation of a collection (`false`).
    let mut want_value = true;
    loop {
        if want_value {
            i = skip_space(b, i);
            let Some(&c) = b.get(i) else {
                return Err(eof);
            };
            match c {
                b'{' | b'[' => {
                    if stack.len() + 1 > MAX_DEPTH {
                        return Err(err(i, "exceeded max depth"));
                    }
                    let mapping = c == b'{';
                    builder.open(mapping, true, (i, i), None);
                    i += 1;
                    // Empty collection, or the first key / value.
                    i = skip_space(b, i);
                    let Some(&next) = b.get(i) else {
                        return Err(eof);
                    };
                    if mapping {
                        if next == b'}' {
                            i += 1;
                            builder.close(i);
                            want_value = false;
                        } else if next == b'"' {
                            i = string(text, i, builder, &err)?;
                            stack.push(Frame::ObjectColon);
                            want_value = false;
                        } else {
                            return Err(err(i, "looking for beginning of object key string"));
                        }
                    } else if next == b']' {
                        i += 1;
                        builder.close(i);
                        want_value = false;
                    } else {
                        stack.push(Frame::ArrayValue);
                        continue;
                    }
                }
                b'"' => {
                    i = string(text, i, builder, &err)?;
                    want_value = false;
                }
                b'-' | b'0'..=b'9' => {
                    let start = i;
                    if c == b'-' {
                        i += 1;
                        match b.get(i) {
                            None => return Err(eof),
                            Some(b'0'..=b'9') => {}
                            Some(_) => return Err(err(i, "in numeric literal")),
                        }
                    }
                    if b[i] == b'0' {
                        i += 1;
                    } else {
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    if b.get(i) == Some(&b'.') {
                        i += 1;
                        match b.get(i) {
                            None => return Err(eof),
                            Some(b'0'..=b'9') => {}
                            Some(_) => {
                                return Err(err(i, "after decimal point in numeric literal"));
                            }
                        }
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    if matches!(b.get(i), Some(b'e' | b'E')) {
                        i += 1;
                        if matches!(b.get(i), Some(b'+' | b'-')) {
                            i += 1;
                        }
                        match b.get(i) {
                            None => return Err(eof),
                            Some(b'0'..=b'9') => {}
                            Some(_) => return Err(err(i, "in exponent of numeric literal")),
                        }
                        while i < b.len() && b[i].is_ascii_digit() {
                            i += 1;
                        }
                    }
                    builder.scalar(
                        Cow::Borrowed(&text[start..i]),
                        Style::Json,
                        None,
                        false,
                        Some(Value::Number),
                        (start, i, start),
                        None,
                    );
                    want_value = false;
                }
                b't' | b'f' | b'n' => {
                    let (word, value) = match c {
                        b't' => ("true", Value::Bool(true)),
                        b'f' => ("false", Value::Bool(false)),
                        _ => ("null", Value::Null),
                    };
                    let start = i;
                    for (k, &expect) in word.as_bytes().iter().enumerate().skip(1) {
                        match b.get(start + k) {
                            None => return Err(eof),
                            Some(&got) if got == expect => {}
                            Some(_) => {
                                let context = format!(
                                    "in literal {word} (expecting '{}')",
                                    char::from(expect)
                                );
                                return Err(err(start + k, &context));
                            }
                        }
                    }
                    i = start + word.len();
                    builder.scalar(
                        Cow::Borrowed(&text[start..i]),
                        Style::Json,
                        None,
                        false,
                        Some(value),
                        (start, i, start),
                        None,
                    );
                    want_value = false;
                }
                _ => return Err(err(i, "looking for beginning of value")),
            }
            continue;
        }
        // After a value (or a key).
        let Some(&frame) = stack.last() else {
            // The top-level value is complete.
            return Ok(i);
        };
        i = skip_space(b, i);
        let Some(&c) = b.get(i) else {
            return Err(eof);
        };
        match frame {
            Frame::ObjectColon => {
                if c != b':' {
                    return Err(err(i, "after object key"));
                }
                i += 1;
                stack.pop();
                stack.push(Frame::ObjectValue);
                want_value = true;
            }
            Frame::ObjectValue => {
                if c == b',' {
                    i += 1;
                    i = skip_space(b, i);
                    let Some(&next) = b.get(i) else {
                        return Err(eof);
                    };
                    if next != b'"' {
                        return Err(err(i, "looking for beginning of object key string"));
                    }
                    i = string(text, i, builder, &err)?;
                    stack.pop();
                    stack.push(Frame::ObjectColon);
                } else if c == b'}' {
                    i += 1;
                    stack.pop();
                    builder.close(i);
                } else {
                    return Err(err(i, "after object key:value pair"));
                }
            }
            Frame::ArrayValue => {
                if c == b',' {
                    i += 1;
                    want_value = true;
                } else if c == b']' {
                    i += 1;
                    stack.pop();
                    builder.close(i);
                } else {
                    return Err(err(i, "after array element"));
                }
            }
        }
    }
}

/// Scans the string starting at the quote at `i` into a scalar; returns the index
/// after its closing quote.
fn string<'t>(
    text: &'t str,
    start: usize,
    builder: &mut impl Sink<'t>,
    err: &impl Fn(usize, &str) -> JsonError,
) -> Result<usize, JsonError> {
    let b = text.as_bytes();
    let mut i = start + 1;
    let mut escaped = false;
    loop {
        let Some(&c) = b.get(i) else {
            return Err(JsonError::UnexpectedEof { at: start });
        };
        match c {
            b'"' => break,
            b'\\' => {
                escaped = true;
                i += 1;
                match b.get(i) {
                    None => return Err(JsonError::UnexpectedEof { at: start }),
                    Some(b'b' | b'f' | b'n' | b'r' | b't' | b'\\' | b'/' | b'"') => i += 1,
                    Some(b'u') => {
                        i += 1;
                        for _ in 0..4 {
                            match b.get(i) {
                                None => return Err(JsonError::UnexpectedEof { at: start }),
                                Some(h) if h.is_ascii_hexdigit() => i += 1,
                                Some(_) => {
                                    return Err(err(i, "in \\u hexadecimal character escape"));
                                }
                            }
                        }
                    }
                    Some(_) => return Err(err(i, "in string escape code")),
                }
            }
            c if c < 0x20 => return Err(err(i, "in string literal")),
            _ => i += 1,
        }
    }
    let raw = &text[start + 1..i];
    let value = if escaped {
        Cow::Owned(unquote(raw))
    } else {
        Cow::Borrowed(raw)
    };
    builder.scalar(
        value,
        Style::Json,
        None,
        false,
        Some(Value::Str),
        (start, i + 1, start),
        None,
    );
    Ok(i + 1)
}

fn hex4(s: &[u8]) -> Option<u32> {
    if s.len() < 4 {
        return None;
    }
    let t = std::str::from_utf8(&s[..4]).ok()?;
    u32::from_str_radix(t, 16).ok()
}

/// Go's `unquote` of a string's inside (valid escapes): a surrogate pair is one
/// character, any other surrogate is U+FFFD.
fn unquote(raw: &str) -> String {
    let b = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    let mut run = 0;
    while i < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        out.push_str(&raw[run..i]);
        let e = b[i + 1];
        i += 2;
        match e {
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let r = hex4(&b[i..]).unwrap_or(0xFFFD);
                i += 4;
                if (0xD800..0xE000).contains(&r) {
                    // A high surrogate followed by `\u` and a low one is a pair.
                    let pair = (0xD800..0xDC00).contains(&r)
                        && b.get(i) == Some(&b'\\')
                        && b.get(i + 1) == Some(&b'u');
                    let low = if pair { hex4(&b[i + 2..]) } else { None };
                    match low {
                        Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                            let c = 0x10000 + ((r - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                            i += 6;
                        }
                        _ => out.push('\u{FFFD}'),
                    }
                } else {
                    out.push(char::from_u32(r).unwrap_or('\u{FFFD}'));
                }
            }
            other => out.push(char::from(other)),
        }
        run = i;
    }
    out.push_str(&raw[run..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_values_agrees_with_reading_them() {
        for text in [
            "{} {}",
            "{}",
            "{} x",
            "{} ",
            "{}\n{",
            "",
            "  ",
            "{}\n[1, \"}\"]\n",
            "{\"a\": [}\n{}",
            "{}1",
            "{}\n\"s\"",
            "{}{}{}",
            "{\"a\":\"\\u00e9\"}\r\n{}",
        ] {
            let (read, _) = values(text);
            // `values` reads on to the first error: the values before it read.
            assert_eq!(reads_values(text, 0, 2), read.len() >= 2, "{text:?}");
            assert_eq!(reads_values(text, 0, 1), !read.is_empty(), "{text:?}");
        }
        assert!(reads_values("\u{feff}{}\n[]", 3, 2));
    }

    fn values(text: &str) -> (Vec<String>, Option<JsonError>) {
        let mut out = Vec::new();
        let mut pos = 0;
        loop {
            match next_value(text, pos, 0) {
                Ok(Some((doc, end))) => {
                    out.push(doc.json(doc.root()).unwrap_or_default());
                    pos = end;
                }
                Ok(None) => return (out, None),
                Err(e) => return (out, Some(e)),
            }
        }
    }

    #[test]
    fn streams() {
        let (v, e) = values("{\"a\":1}{\"b\":[true,null,\"\\ud83d\\ude80\\ud800\"]}\n 01");
        assert_eq!(
            v,
            ["{\"a\":1}", "{\"b\":[true,null,\"🚀\u{FFFD}\"]}", "0", "1"]
        );
        assert_eq!(e, None);
        let (v, e) = values("{\"a\":1} x");
        assert_eq!(v.len(), 1);
        assert_eq!(
            e,
            Some(JsonError::Syntax {
                message: "invalid character 'x' looking for beginning of value".to_owned(),
                offset: 9,
                at: 8
            })
        );
        let (_, e) = values("{\"a\":");
        assert_eq!(e, Some(JsonError::UnexpectedEof { at: 0 }));
    }
}
