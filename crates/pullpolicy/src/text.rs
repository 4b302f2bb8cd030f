//! Structured prose: the words of findings, reasons and FAQ answers as spans of plain
//! text and code (issue #17), so that no edge reads markup out of a string.
//!
//! The tool's own sentences are written as templates in which backticks mark code
//! ([`Text::fixed`], and [`text!`](crate::text!) with arguments). Arguments — images,
//! keys, kinds, Kubernetes' messages, anything the user wrote — are inserted as they are
//! into the span the placeholder is in: a backtick in an argument is a character, never
//! the start or end of a code span. Kubernetes' own messages are [`Text::plain`].
//!
//! The JSON contract keeps each plain string (`message`, `explanation`, `reason`: code
//! written in backticks, as before) and adds the spans beside it (`spans`).

use serde::Serialize;
use serde::ser::{SerializeMap as _, SerializeSeq as _};
use std::fmt::{Display, Write as _};

/// Prose in spans of plain text and code. Two texts are equal when their spans are.
#[derive(Debug, Clone)]
pub struct Text(Repr);

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.spans().eq(other.spans())
    }
}

impl Eq for Text {}

#[derive(Debug, Clone)]
enum Repr {
    /// The tool's own sentence: backticks mark code ([`Text::fixed`]).
    Fixed(&'static str),
    /// Built from a template and arguments.
    Parts(Vec<Part>),
}

#[derive(Debug, Clone)]
struct Part {
    code: bool,
    text: String,
}

/// One span of a [`Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    /// Text.
    Plain(&'a str),
    /// Code: an image, a field, a value, a command.
    Code(&'a str),
}

impl Text {
    /// The tool's own sentence, with code in backticks, taken as it is (braces too). An
    /// odd number of backticks is a mistake of ours: [`text!`](crate::text!) refuses it
    /// when it compiles; here it fails debug builds (the tests and the fuzz targets) and
    /// reads as all plain otherwise.
    pub const fn fixed(s: &'static str) -> Text {
        debug_assert!(balanced(s), "unbalanced backticks");
        Text(Repr::Fixed(s))
    }

    /// Text that is not ours to format — Kubernetes' messages, the user's words: one
    /// plain span, whatever characters it holds.
    pub fn plain(s: impl Into<String>) -> Text {
        let text = s.into();
        if text.is_empty() {
            return Text(Repr::Parts(Vec::new()));
        }
        Text(Repr::Parts(vec![Part { code: false, text }]))
    }

    /// A template of ours (`{}` placeholders, `{{`/`}}` for braces, backticks for code)
    /// filled with `args`, in order. Use [`text!`](crate::text!), which checks the
    /// template when it compiles.
    #[doc(hidden)]
    pub fn template(template: &'static str, args: &[&dyn Arg]) -> Text {
        let mut b = Builder::default();
        let mut args = args.iter();
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '`' => b.toggle(),
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    b.push_char('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    b.push_char('}');
                }
                '{' => {
                    // `checked` allows only `{}`.
                    chars.next();
                    if let Some(arg) = args.next() {
                        arg.put(&mut b);
                    }
                }
                c => b.push_char(c),
            }
        }
        b.finish()
    }

    /// The spans, in order; empty spans are left out.
    pub fn spans(&self) -> impl Iterator<Item = Span<'_>> {
        let (fixed, parts) = match &self.0 {
            Repr::Fixed(s) => (Some(FixedSpans::new(s)), &[][..]),
            Repr::Parts(p) => (None, p.as_slice()),
        };
        fixed.into_iter().flatten().chain(parts.iter().map(|p| {
            if p.code {
                Span::Code(&p.text)
            } else {
                Span::Plain(&p.text)
            }
        }))
    }

    /// Whether there is nothing to read.
    pub fn is_empty(&self) -> bool {
        self.spans().all(|s| match s {
            Span::Plain(t) | Span::Code(t) => t.is_empty(),
        })
    }

    /// The text with code in backticks: the JSON contract's plain strings (`message`,
    /// `explanation`, `reason`). A backtick inside code is not escaped, so only the
    /// spans say exactly where code starts and ends.
    pub fn backticked(&self) -> String {
        if let Repr::Fixed(s) = self.0 {
            return s.to_owned();
        }
        let mut out = String::new();
        for s in self.spans() {
            match s {
                Span::Plain(t) => out.push_str(t),
                Span::Code(t) => {
                    out.push('`');
                    out.push_str(t);
                    out.push('`');
                }
            }
        }
        out
    }

    /// The words without their structure (code as it is).
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for s in self.spans() {
            match s {
                Span::Plain(t) | Span::Code(t) => out.push_str(t),
            }
        }
        out
    }
}

/// The spans of a sentence of ours written with code in backticks (the FAQ's questions
/// and answers are such constants): what [`Text::fixed`] holds.
pub fn fixed_spans(s: &str) -> impl Iterator<Item = Span<'_>> {
    FixedSpans::new(s)
}

/// A text equals a string written as [`Text::backticked`] writes it (the JSON contract's
/// plain form): for exact-text assertions.
impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        match &self.0 {
            Repr::Fixed(s) => *s == other,
            Repr::Parts(_) => self.backticked() == other,
        }
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

impl PartialEq<String> for Text {
    fn eq(&self, other: &String) -> bool {
        *self == **other
    }
}

impl From<&'static str> for Text {
    fn from(s: &'static str) -> Text {
        Text::fixed(s)
    }
}

/// The spans of a [`Repr::Fixed`] sentence: split at its backticks; with an odd number
/// of them, one plain span.
struct FixedSpans<'a> {
    rest: &'a str,
    code: bool,
    balanced: bool,
}

impl<'a> FixedSpans<'a> {
    fn new(s: &'a str) -> FixedSpans<'a> {
        FixedSpans {
            rest: s,
            code: false,
            balanced: s.bytes().filter(|&b| b == b'`').count() % 2 == 0,
        }
    }
}

impl<'a> Iterator for FixedSpans<'a> {
    type Item = Span<'a>;

    fn next(&mut self) -> Option<Span<'a>> {
        loop {
            if self.rest.is_empty() {
                return None;
            }
            if !self.balanced {
                let all = std::mem::take(&mut self.rest);
                return Some(Span::Plain(all));
            }
            let (head, tail) = match self.rest.find('`') {
                Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
                None => (self.rest, ""),
            };
            let code = self.code;
            self.rest = tail;
            self.code = !self.code;
            if head.is_empty() {
                continue;
            }
            return Some(if code {
                Span::Code(head)
            } else {
                Span::Plain(head)
            });
        }
    }
}

/// Builds a [`Text`]: characters go into the current span.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Builder {
    parts: Vec<Part>,
    code: bool,
    current: String,
}

impl Builder {
    fn toggle(&mut self) {
        self.flush();
        self.code = !self.code;
    }

    fn flush(&mut self) {
        if !self.current.is_empty() {
            let text = std::mem::take(&mut self.current);
            match self.parts.last_mut() {
                Some(last) if last.code == self.code => last.text.push_str(&text),
                _ => self.parts.push(Part {
                    code: self.code,
                    text,
                }),
            }
        }
    }

    fn push_char(&mut self, c: char) {
        self.current.push(c);
    }

    fn push_str(&mut self, s: &str) {
        self.current.push_str(s);
    }

    fn finish(mut self) -> Text {
        self.flush();
        Text(Repr::Parts(self.parts))
    }
}

/// What a placeholder of [`text!`](crate::text!) accepts: anything [`Display`], written
/// as it is into the span it stands in, or a [`Text`], whose spans are spliced in.
pub trait Arg {
    #[doc(hidden)]
    fn put(&self, b: &mut Builder);
}

impl<T: Display + ?Sized> Arg for T {
    fn put(&self, b: &mut Builder) {
        let _ = write!(b.current, "{self}");
    }
}

impl Arg for Text {
    fn put(&self, b: &mut Builder) {
        let outer = b.code;
        for s in self.spans() {
            let (code, t) = match s {
                Span::Plain(t) => (outer, t),
                Span::Code(t) => (true, t),
            };
            if code != b.code {
                b.flush();
                b.code = code;
            }
            b.push_str(t);
        }
        if b.code != outer {
            b.flush();
            b.code = outer;
        }
    }
}

/// Whether `s` has an even number of backticks.
const fn balanced(s: &str) -> bool {
    let b = s.as_bytes();
    let (mut i, mut ticks) = (0, 0);
    while i < b.len() {
        if b[i] == b'`' {
            ticks += 1;
        }
        i += 1;
    }
    ticks % 2 == 0
}

/// Checks a [`text!`](crate::text!) template when it compiles: balanced backticks, only
/// `{}` placeholders (and `{{`, `}}`), as many as there are arguments; a template without
/// arguments, which is kept as it is, has no braces at all.
#[doc(hidden)]
pub const fn checked(template: &'static str, args: usize) -> &'static str {
    let b = template.as_bytes();
    let (mut i, mut ticks, mut holes, mut escapes) = (0, 0, 0, 0);
    while i < b.len() {
        match b[i] {
            b'`' => ticks += 1,
            b'{' if i + 1 < b.len() && b[i + 1] == b'{' => {
                escapes += 1;
                i += 1;
            }
            b'}' if i + 1 < b.len() && b[i + 1] == b'}' => {
                escapes += 1;
                i += 1;
            }
            b'{' if i + 1 < b.len() && b[i + 1] == b'}' => {
                holes += 1;
                i += 1;
            }
            b'{' | b'}' => panic!("text!: only `{{}}` placeholders (and `{{{{`, `}}}}`)"),
            _ => {}
        }
        i += 1;
    }
    assert!(ticks % 2 == 0, "text!: unbalanced backticks");
    assert!(
        args > 0 || escapes == 0,
        "text!: without arguments, write braces as they are with Text::fixed"
    );
    assert!(holes == args, "text!: as many `{{}}` as arguments");
    template
}

/// Builds a [`Text`](crate::text::Text) from a template of ours — backticks for code,
/// `{}` for each argument — checked when it compiles. Arguments are inserted as they
/// are (see [`Arg`](crate::text::Arg)).
#[macro_export]
#[doc(hidden)]
macro_rules! text {
    ($template:literal $(,)?) => {
        $crate::text::Text::fixed(const { $crate::text::checked($template, 0) })
    };
    ($template:literal, $($arg:expr),+ $(,)?) => {
        $crate::text::Text::template(
            const { $crate::text::checked($template, [$(stringify!($arg)),+].len()) },
            &[$(&$arg as &dyn $crate::text::Arg),+],
        )
    };
}

impl Serialize for Text {
    /// `[{"plain": …} | {"code": …}]`, the view's span form without links.
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(None)?;
        for s in self.spans() {
            seq.serialize_element(&SpanJson(s))?;
        }
        seq.end()
    }
}

struct SpanJson<'a>(Span<'a>);

impl Serialize for SpanJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(1))?;
        match self.0 {
            Span::Plain(t) => m.serialize_entry("plain", t)?,
            Span::Code(t) => m.serialize_entry("code", t)?,
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(t: &Text) -> Vec<Span<'_>> {
        t.spans().collect()
    }

    #[test]
    fn arguments_are_characters_in_the_span_they_stand_in() {
        // The user's backticks, unbalanced or not, never open or close code.
        let t = crate::text!("duplicate key `{}`: {} wins", "a`b", "`x");
        assert_eq!(
            spans(&t),
            [
                Span::Plain("duplicate key "),
                Span::Code("a`b"),
                Span::Plain(": `x wins")
            ]
        );
        assert_eq!(t.backticked(), "duplicate key `a`b`: `x wins");
        assert_eq!(t.to_plain(), "duplicate key a`b: `x wins");
        // Braces: `{{` and `}}` in the template; an argument's braces are its own.
        let t = crate::text!("`{{}}` and {}", "{}");
        assert_eq!(spans(&t), [Span::Code("{}"), Span::Plain(" and {}")]);
    }

    #[test]
    fn a_text_argument_is_spliced_with_its_spans() {
        let inner = crate::text!("use `{}`", "x");
        let t = crate::text!("{} now, `{}`", inner, 3);
        assert_eq!(
            spans(&t),
            [
                Span::Plain("use "),
                Span::Code("x"),
                Span::Plain(" now, "),
                Span::Code("3")
            ]
        );
        // Spliced into code, its plain spans are code too.
        let t = crate::text!("`{}`", Text::plain("a"));
        assert_eq!(spans(&t), [Span::Code("a")]);
    }

    #[test]
    fn fixed_sentences_split_at_their_backticks() {
        let t = Text::fixed("set `imagePullPolicy` to `Always`");
        assert_eq!(
            spans(&t),
            [
                Span::Plain("set "),
                Span::Code("imagePullPolicy"),
                Span::Plain(" to "),
                Span::Code("Always")
            ]
        );
        assert_eq!(t.backticked(), "set `imagePullPolicy` to `Always`");
        // An odd number of backticks reads as all plain.
        assert_eq!(
            fixed_spans("odd ` tick").collect::<Vec<_>>(),
            [Span::Plain("odd ` tick")]
        );
        // Equal when the spans are, however built.
        assert_eq!(Text::fixed("a `b`"), crate::text!("a `{}`", "b"));
        assert!(Text::fixed("").is_empty());
        assert!(Text::plain("").is_empty());
        assert!(crate::text!("{}", "").is_empty());
    }

    #[test]
    fn plain_text_is_one_plain_span_whatever_it_holds() {
        let t = Text::plain("`a` {}");
        assert_eq!(spans(&t), [Span::Plain("`a` {}")]);
        assert_eq!(t, "`a` {}");
    }

    #[test]
    fn serializes_as_the_views_spans() {
        let t = crate::text!("image {} is `{}`", "\"a\"", "b");
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            r#"[{"plain":"image \"a\" is "},{"code":"b"}]"#
        );
    }

    #[test]
    fn templates_are_checked_when_they_compile() {
        assert_eq!(checked("a `{}` {{}}", 1), "a `{}` {{}}");
        let bad = |t: &'static str, n| std::panic::catch_unwind(|| checked(t, n)).is_err();
        assert!(bad("a `b", 0));
        assert!(bad("{} {}", 1));
        assert!(bad("{x}", 1));
        assert!(bad("`{{}}`", 0));
    }
}
