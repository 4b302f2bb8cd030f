//! Markdown that cannot be built from untyped text (GitHub-flavoured, CommonMark): the
//! buffer is private, [`Markdown::raw`] takes only `&'static str`, text is escaped
//! (Markdown and HTML syntax, table pipes, line breaks), code spans and fenced blocks
//! get fences longer than any backtick run in them, and only typed [`Target`]s become
//! link destinations.

use crate::share::PlaygroundBase;
use crate::text::{Dest, Span, Target, Text};

/// Markdown being built.
#[derive(Debug, Default)]
pub struct Markdown {
    buf: String,
}

impl Markdown {
    /// An empty builder.
    pub fn new() -> Markdown {
        Markdown {
            buf: String::with_capacity(4096),
        }
    }

    /// Appends trusted Markdown: literals only.
    pub fn raw(&mut self, s: &'static str) -> &mut Self {
        self.buf.push_str(s);
        self
    }

    /// Appends text, escaped, on one line (safe in a table cell too).
    pub fn text(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            match c {
                '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '#' | '!' => {
                    self.buf.push('\\');
                    self.buf.push(c);
                }
                '<' => self.buf.push_str("&lt;"),
                '>' => self.buf.push_str("&gt;"),
                '&' => self.buf.push_str("&amp;"),
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => self.buf.push(' '),
                c if c.is_control() => self.buf.extend(c.escape_default()),
                c => self.buf.push(c),
            }
        }
        self
    }

    /// Appends an integer.
    pub fn num(&mut self, n: impl crate::html::Integer) -> &mut Self {
        n.push_to(&mut self.buf);
        self
    }

    /// Appends an inline code span holding `s` exactly (a fence longer than any
    /// backtick run in it); `in_table` escapes pipes, as GitHub requires even in code.
    pub fn code(&mut self, s: &str, in_table: bool) -> &mut Self {
        let mut body = String::with_capacity(s.len());
        for c in s.chars() {
            match c {
                '\n' | '\r' | '\t' | '\u{2028}' | '\u{2029}' => body.push(' '),
                '|' if in_table => body.push_str("\\|"),
                c if c.is_control() => body.push('\u{FFFD}'),
                c => body.push(c),
            }
        }
        let fence = "`".repeat(longest_run(&body, '`') + 1);
        let pad = if body.starts_with('`') || body.ends_with('`') || body.is_empty() {
            " "
        } else {
            ""
        };
        self.buf.push_str(&fence);
        self.buf.push_str(pad);
        self.buf.push_str(&body);
        self.buf.push_str(pad);
        self.buf.push_str(&fence);
        self
    }

    /// Appends `[label](destination)` to a typed target; the label is escaped text.
    pub fn link(&mut self, label: &str, target: &Target<'_>, base: &PlaygroundBase) -> &mut Self {
        self.buf.push('[');
        self.text(label);
        self.buf.push_str("](");
        self.destination(target, base);
        self.buf.push(')');
        self
    }

    /// Appends `[` code `](destination)`: a code span as a link's text.
    pub fn code_link(
        &mut self,
        code: &str,
        target: &Target<'_>,
        base: &PlaygroundBase,
    ) -> &mut Self {
        self.buf.push('[');
        self.code(code, false);
        self.buf.push_str("](");
        self.destination(target, base);
        self.buf.push(')');
        self
    }

    /// Appends `[text](destination)`: structured text as a link's text.
    pub fn spans_link(
        &mut self,
        text: &Text<'_>,
        target: &Target<'_>,
        base: &PlaygroundBase,
    ) -> &mut Self {
        self.buf.push('[');
        for span in &text.0 {
            match span {
                Span::Plain(t) | Span::Link(t, _) => self.text(t),
                Span::Code(t) => self.code(t, false),
            };
        }
        self.buf.push_str("](");
        self.destination(target, base);
        self.buf.push(')');
        self
    }

    fn destination(&mut self, target: &Target<'_>, base: &PlaygroundBase) {
        // Every destination is made of URL-safe characters without spaces or
        // parentheses (the share-link builder and the core's links guarantee it).
        match target.dest() {
            Dest::Docs(url) | Dest::Playground(url) => self.buf.push_str(url),
            Dest::Faq(entry) => {
                self.buf.push_str(base.as_str());
                self.buf.push_str("#faq-");
                self.buf.push_str(entry.id);
            }
        }
    }

    /// Appends structured text: plain text escaped, code as code spans, links to their
    /// typed targets.
    pub fn spans(&mut self, text: &Text<'_>, in_table: bool, base: &PlaygroundBase) -> &mut Self {
        for span in &text.0 {
            match span {
                Span::Plain(t) => {
                    self.text(t);
                }
                Span::Code(t) => {
                    self.code(t, in_table);
                }
                Span::Link(t, target) => {
                    self.link(t, target, base);
                }
            }
        }
        self
    }

    /// Appends a fenced code block holding `body` exactly (line breaks normalised to
    /// `\n`, control characters other than tab replaced with U+FFFD): the fence is
    /// longer than any backtick run in it, so nothing in it ends the block.
    pub fn fenced(&mut self, info: &'static str, body: &str) -> &mut Self {
        let fence = "`".repeat((longest_run(body, '`') + 1).max(3));
        self.buf.push_str(&fence);
        self.buf.push_str(info);
        self.buf.push('\n');
        let mut chars = body.trim_end_matches(['\n', '\r']).chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\r' => {
                    if chars.peek() != Some(&'\n') {
                        self.buf.push('\n');
                    }
                }
                '\n' | '\t' => self.buf.push(c),
                c if c.is_control() => self.buf.push('\u{FFFD}'),
                c => self.buf.push(c),
            }
        }
        self.buf.push('\n');
        self.buf.push_str(&fence);
        self.buf.push('\n');
        self
    }

    /// The Markdown.
    pub fn finish(self) -> String {
        self.buf
    }
}

fn longest_run(s: &str, of: char) -> usize {
    let (mut longest, mut run) = (0, 0);
    for c in s.chars() {
        run = if c == of { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    longest
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::rules::Doc;

    fn md(f: impl FnOnce(&mut Markdown)) -> String {
        let mut m = Markdown::new();
        f(&mut m);
        m.finish()
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(
            md(|m| {
                m.text("a|b <x> *y* [z](javascript:x) `c` & #h !i ~j\\ _k_");
            }),
            "a\\|b &lt;x&gt; \\*y\\* \\[z\\](javascript:x) \\`c\\` &amp; \\#h \\!i \\~j\\\\ \\_k\\_"
        );
        assert_eq!(
            md(|m| {
                m.text("a\nb\r\u{2028}c\u{1e}\u{1f}\u{0}\u{1b}");
            }),
            "a b  c\\u{1e}\\u{1f}\\u{0}\\u{1b}"
        );
    }

    #[test]
    fn code_spans_hold_anything() {
        assert_eq!(
            md(|m| {
                m.code("a|b", true);
            }),
            "`a\\|b`"
        );
        assert_eq!(
            md(|m| {
                m.code("a`b", false);
            }),
            "``a`b``"
        );
        assert_eq!(
            md(|m| {
                m.code("`a", false);
            }),
            "`` `a ``"
        );
        assert_eq!(
            md(|m| {
                m.code("", false);
            }),
            "`  `"
        );
        assert_eq!(
            md(|m| {
                m.code("a\u{1f}b\nc", false);
            }),
            "`a\u{FFFD}b c`"
        );
    }

    #[test]
    fn links_go_only_to_typed_targets() {
        let faq = pullpolicy::faq::entry("registry-down").unwrap();
        let base = PlaygroundBase::parse("https://p.example/").unwrap();
        assert_eq!(
            md(|m| {
                m.link("[x](javascript:y)", &Target::docs(Doc::PullPolicy), &base)
                    .raw(" ")
                    .link("q", &Target::faq(faq), &base)
                    .raw(" ")
                    .code_link("rule", &Target::docs(Doc::Images), &base);
            }),
            "[\\[x\\](javascript:y)](https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy) \
             [q](https://p.example/#faq-registry-down) \
             [`rule`](https://kubernetes.io/docs/concepts/containers/images/)"
        );
    }

    #[test]
    fn fenced_blocks_cannot_be_closed_from_inside() {
        assert_eq!(
            md(|m| {
                m.fenced("yaml", "a: ```\r\nb: c\rd\u{0}\n\n");
            }),
            "````yaml\na: ```\nb: c\nd\u{FFFD}\n````\n"
        );
        assert_eq!(
            md(|m| {
                m.fenced("", "x");
            }),
            "```\nx\n```\n"
        );
    }

    #[test]
    fn spans() {
        let text = Text::ours("use `a|b` or *c*");
        assert_eq!(
            md(|m| {
                m.spans(&text, false, &PlaygroundBase::this_page());
            }),
            "use `a|b` or \\*c\\*"
        );
        let odd = Text::ours("odd ` tick");
        assert_eq!(
            md(|m| {
                m.spans(&odd, false, &PlaygroundBase::this_page());
            }),
            "odd \\` tick"
        );
    }
}
