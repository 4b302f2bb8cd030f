//! Terminal text that a manifest cannot take over: the buffer is private,
//! [`Terminal::raw`] takes only `&'static str`, styles are a closed set of ANSI SGR
//! codes written by this module, and text escapes every control character (ESC
//! included), line and paragraph separators and bidirectional overrides as Rust's
//! `\u{…}` escapes, so a name or an image cannot move the cursor, recolour the output,
//! set the window title or reorder what is shown. (The caller's stream strips the
//! styles when colour is off.)

use crate::text::{Span, Text};
use std::borrow::Cow;

/// A style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// None.
    Plain,
    /// Bold.
    Bold,
    /// Dimmed.
    Dim,
    /// Red.
    Red,
    /// Green.
    Green,
    /// Bold red (errors).
    Error,
    /// Bold yellow (warnings).
    Warning,
    /// Bold cyan (info).
    Info,
}

impl Style {
    fn sgr(self) -> &'static str {
        match self {
            Style::Plain => "",
            Style::Bold => "\u{1b}[1m",
            Style::Dim => "\u{1b}[2m",
            Style::Red => "\u{1b}[31m",
            Style::Green => "\u{1b}[32m",
            Style::Error => "\u{1b}[1m\u{1b}[31m",
            Style::Warning => "\u{1b}[1m\u{1b}[33m",
            Style::Info => "\u{1b}[1m\u{1b}[36m",
        }
    }
}

const RESET: &str = "\u{1b}[0m";

/// Terminal text being built.
#[derive(Debug, Default)]
pub struct Terminal {
    buf: String,
}

impl Terminal {
    /// An empty builder.
    pub fn new() -> Terminal {
        Terminal::default()
    }

    /// Appends trusted text: literals only.
    pub fn raw(&mut self, s: &'static str) -> &mut Self {
        self.buf.push_str(s);
        self
    }

    /// Appends text, control characters escaped (see [`clean`]).
    pub fn text(&mut self, s: &str) -> &mut Self {
        self.buf.push_str(&clean(s));
        self
    }

    /// Appends `s`, escaped, in `style`.
    pub fn styled(&mut self, style: Style, s: &str) -> &mut Self {
        if style == Style::Plain {
            return self.text(s);
        }
        self.buf.push_str(style.sgr());
        self.text(s);
        self.buf.push_str(RESET);
        self
    }

    /// Appends `n` spaces.
    pub fn pad(&mut self, n: usize) -> &mut Self {
        self.buf.extend(std::iter::repeat_n(' ', n));
        self
    }

    /// Appends an integer.
    pub fn num(&mut self, n: impl crate::html::Integer) -> &mut Self {
        n.push_to(&mut self.buf);
        self
    }

    /// Appends structured text: code spans in backticks, links as their text.
    pub fn spans(&mut self, text: &Text<'_>) -> &mut Self {
        for span in &text.0 {
            match span {
                Span::Plain(t) | Span::Link(t, _) => self.text(t),
                Span::Code(t) => self.raw("`").text(t).raw("`"),
            };
        }
        self
    }

    /// A line break.
    pub fn newline(&mut self) -> &mut Self {
        self.buf.push('\n');
        self
    }

    /// The text.
    pub fn finish(self) -> String {
        self.buf
    }
}

/// Whether a terminal could act on `c` rather than show it.
fn unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' | '\u{061c}')
}

/// `s` with every character a terminal could act on written as a `\u{…}` (or `\n`,
/// `\t`, …) escape.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if unsafe_char(c) {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The width of `s` as [`Terminal::text`] writes it, in characters.
pub fn width(s: &str) -> usize {
    clean(s).chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_cannot_come_from_text() {
        let mut t = Terminal::new();
        t.text("\u{1b}]0;title\u{7}\u{1b}[2J\u{9b}31m")
            .text("a\u{202e}b\u{2028}c\td\u{0}");
        let out = t.finish();
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{9b}'),
            "{out:?}"
        );
        assert_eq!(
            out,
            "\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{9b}31ma\\u{202e}b\\u{2028}c\\td\\u{0}"
        );
    }

    #[test]
    fn styles_are_the_only_escape_sequences() {
        let mut t = Terminal::new();
        t.styled(Style::Error, "error")
            .raw(": ")
            .styled(Style::Plain, "x\u{1b}");
        assert_eq!(t.finish(), "\u{1b}[1m\u{1b}[31merror\u{1b}[0m: x\\u{1b}");
        assert_eq!(width("a\u{1b}"), 7);
        assert_eq!(width("é🐳"), 2);
    }

    #[test]
    fn spans_keep_code_in_backticks() {
        let mut t = Terminal::new();
        t.spans(&Text::ours("use `a\u{1b}b` now"));
        assert_eq!(t.finish(), "use `a\\u{1b}b` now");
    }
}
