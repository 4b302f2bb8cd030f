//! A tiny HTML string builder for the content-heavy parts of the page (verdict
//! cards, the FAQ, the highlighted editor lines).
//!
//! Why not `html!` everywhere: every `html!` element compiles to its own VDOM
//! construction code, and the playground's first-load budget (200 KB gzip, of which
//! yew and the core take about 156 KB) cannot pay for hundreds of them. Building
//! escaped HTML text is a few bytes of code per element. Such markup is inserted
//! with `Html::from_html_unchecked`; its buttons carry `data-act` attributes and are
//! handled by one delegated listener (see [`crate::components::on_click`]).
//!
//! Every piece of text that is not a literal goes through [`Markup::text`] or
//! [`Markup::attr`], which escape it.

use std::fmt::Write as _;

/// HTML being built.
#[derive(Debug, Default)]
pub struct Markup(pub String);

impl Markup {
    /// An empty builder.
    pub fn new() -> Markup {
        Markup(String::with_capacity(4096))
    }

    /// Appends trusted markup (literals only).
    pub fn raw(&mut self, s: &str) -> &mut Self {
        self.0.push_str(s);
        self
    }

    /// Appends text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(s, &mut self.0);
        self
    }

    /// Appends ` name="value"`, escaped.
    pub fn attr(&mut self, name: &str, value: &str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(value, &mut self.0);
        self.0.push('"');
        self
    }

    /// Appends ` name="<a><b>"`, both escaped (no `format!` at the call site: each
    /// one costs code in the bundle).
    pub fn attr2(&mut self, name: &str, a: &str, b: &str) -> &mut Self {
        self.0.push(' ');
        self.0.push_str(name);
        self.0.push_str("=\"");
        escape_into(a, &mut self.0);
        escape_into(b, &mut self.0);
        self.0.push('"');
        self
    }

    /// Appends a number.
    pub fn num(&mut self, n: impl std::fmt::Display) -> &mut Self {
        let _ = write!(self.0, "{n}");
        self
    }

    /// Appends `<tag class="class">text</tag>`.
    pub fn el(&mut self, tag: &str, class: &str, text: &str) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.0.push('>');
        self.text(text);
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// Appends text with `inline code` in backticks rendered as `<code>`.
    pub fn code_text(&mut self, s: &str) -> &mut Self {
        for (i, part) in s.split('`').enumerate() {
            if i % 2 == 1 {
                self.raw("<code>").text(part).raw("</code>");
            } else {
                self.text(part);
            }
        }
        self
    }

    /// A button that selects a range in the editor: `line N`. The range is written
    /// as `line:column` pairs (0-based, UTF-16 columns; see
    /// [`crate::engine::line_col`]), not as text offsets: an edit above a card's node
    /// leaves its markup as it was unless it adds or removes lines, so a result drawn
    /// while someone types replaces nothing (yew skips unchanged markup), where
    /// offsets changed every card at each keystroke and cost a 100 KB manifest a
    /// 125 ms redraw.
    pub fn jump(&mut self, pos: &pullpolicy::Position, label: &str) -> &mut Self {
        let (line, col) = crate::engine::line_col(pos.offset16);
        let (end_line, end_col) = crate::engine::line_col(pos.end16);
        self.raw("<button type=\"button\" class=\"link loc\" data-act=\"jump\" data-from=\"")
            .num(line)
            .raw(":")
            .num(col)
            .raw("\" data-to=\"")
            .num(end_line)
            .raw(":")
            .num(end_col)
            .raw("\"")
            .raw(" aria-label=\"Show line ")
            .num(pos.line)
            .raw(" in the editor\">")
            .text(label)
            .num(pos.line)
            .raw("</button>");
        self
    }

    /// The HTML.
    pub fn finish(self) -> String {
        self.0
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'`.
pub fn escape_into(s: &str, out: &mut String) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(rep);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// Turns markup into a yew node (an `AttrValue` made once is shared, not copied, by
/// every render).
pub fn html(s: impl Into<yew::AttrValue>) -> yew::Html {
    yew::Html::from_html_unchecked(s.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_text_and_attributes() {
        let mut m = Markup::new();
        m.raw("<p")
            .attr("title", "a\"b<'")
            .raw(">")
            .text("<script>&")
            .raw("</p>");
        assert_eq!(
            m.finish(),
            "<p title=\"a&quot;b&lt;&#39;\">&lt;script&gt;&amp;</p>"
        );
    }

    #[test]
    fn inline_code() {
        let mut m = Markup::new();
        m.code_text("use `nginx:1.27` <now>");
        assert_eq!(m.finish(), "use <code>nginx:1.27</code> &lt;now&gt;");
    }
}
