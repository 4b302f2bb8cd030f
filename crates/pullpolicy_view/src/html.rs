//! HTML that cannot be built from untyped text: the buffer is private, [`Html::raw`]
//! takes only `&'static str` (literals in the source), every other value goes through
//! an escaping method, and only typed [`Target`]s become `href`s. What it builds is
//! [`SafeHtml`], which nothing else can make (but the worker's wire format, which
//! carries it exactly, [`crate::wire`]).

use crate::share::PlaygroundBase;
use crate::text::{Dest, Span, Target, Text};

/// HTML being built.
#[derive(Debug, Default)]
pub struct Html {
    buf: String,
}

/// Finished HTML, made only by [`Html::finish`] (and carried by [`crate::wire`]).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SafeHtml(String);

impl SafeHtml {
    /// The markup.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The markup, to hand to the browser.
    pub fn into_string(self) -> String {
        self.0
    }

    /// Markup that is only a literal.
    pub fn literal(s: &'static str) -> SafeHtml {
        SafeHtml(s.to_owned())
    }

    /// For [`crate::wire`]: markup a [`SafeHtml`] held when it was written.
    pub(crate) fn from_wire(s: &str) -> SafeHtml {
        SafeHtml(s.to_owned())
    }
}

/// Integers [`Html::num`] writes.
pub trait Integer: Copy {
    /// Appends the decimal digits.
    fn push_to(self, out: &mut String);
}

/// Appends the decimal digits of `n` (one function for every integer type: the
/// standard library's `Display` for each would cost the playground's bundle more).
pub fn push_decimal(n: u64, out: &mut String) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    let mut n = n;
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for d in &digits[i..] {
        out.push(char::from(*d));
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            fn push_to(self, out: &mut String) {
                push_decimal(self as u64, out);
            }
        }
    )*};
}
unsigned!(u8, u16, u32, u64, usize);

macro_rules! signed {
    ($($t:ty),*) => {$(
        impl Integer for $t {
            fn push_to(self, out: &mut String) {
                if self < 0 {
                    out.push('-');
                }
                push_decimal(self.unsigned_abs() as u64, out);
            }
        }
    )*};
}
signed!(i32, i64);

impl Html {
    /// An empty builder.
    pub fn new() -> Html {
        Html {
            buf: String::with_capacity(4096),
        }
    }

    /// Appends trusted markup: literals only.
    pub fn raw(&mut self, s: &'static str) -> &mut Self {
        self.buf.push_str(s);
        self
    }

    /// Appends markup built before.
    pub fn html(&mut self, h: &SafeHtml) -> &mut Self {
        self.buf.push_str(&h.0);
        self
    }

    /// Appends text, escaped.
    pub fn text(&mut self, s: &str) -> &mut Self {
        escape_into(s, &mut self.buf);
        self
    }

    /// Appends ` name="value"`, the value escaped.
    pub fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(value, &mut self.buf);
        self.buf.push('"');
        self
    }

    /// Appends ` name="<a><b>"`, both escaped.
    pub fn attr2(&mut self, name: &'static str, a: &str, b: &str) -> &mut Self {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        escape_into(a, &mut self.buf);
        escape_into(b, &mut self.buf);
        self.buf.push('"');
        self
    }

    /// Appends an integer.
    pub fn num(&mut self, n: impl Integer) -> &mut Self {
        n.push_to(&mut self.buf);
        self
    }

    /// Appends `<tag class="class">text</tag>` (no class attribute when empty).
    pub fn el(&mut self, tag: &'static str, class: &'static str, text: &str) -> &mut Self {
        self.buf.push('<');
        self.buf.push_str(tag);
        if !class.is_empty() {
            self.attr("class", class);
        }
        self.buf.push('>');
        self.text(text);
        self.buf.push_str("</");
        self.buf.push_str(tag);
        self.buf.push('>');
        self
    }

    /// Appends ` href="…"` for a typed target; an FAQ entry is `<base>#faq-<id>` (in
    /// the playground's own page, `#faq-<id>`).
    pub fn href(&mut self, target: &Target<'_>, base: &PlaygroundBase) -> &mut Self {
        self.buf.push_str(" href=\"");
        match target.dest() {
            Dest::Docs(url) | Dest::Playground(url) => escape_into(url, &mut self.buf),
            Dest::Faq(entry) => {
                escape_into(base.as_str(), &mut self.buf);
                self.buf.push_str("#faq-");
                escape_into(entry.id, &mut self.buf);
            }
        }
        self.buf.push('"');
        self
    }

    /// Appends structured text: code spans as `code_open`…`</code>` (`code_open` is a
    /// `<code…>` literal), links as `<a href>` to their typed target.
    pub fn spans(
        &mut self,
        text: &Text<'_>,
        code_open: &'static str,
        base: &PlaygroundBase,
    ) -> &mut Self {
        for span in &text.0 {
            match span {
                Span::Plain(t) => {
                    self.text(t);
                }
                Span::Code(t) => {
                    self.raw(code_open).text(t).raw("</code>");
                }
                Span::Link(t, target) => {
                    self.raw("<a")
                        .href(target, base)
                        .raw(">")
                        .text(t)
                        .raw("</a>");
                }
            }
        }
        self
    }

    /// How many bytes so far.
    pub fn len(&self) -> usize {
        self.buf.len()
    }

    /// Nothing yet.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    /// The markup.
    pub fn finish(self) -> SafeHtml {
        SafeHtml(self.buf)
    }
}

/// Escapes `&`, `<`, `>`, `"` and `'` (safe in text and in quoted attributes), and
/// writes control characters other than tab and line breaks (ESC, U+001E, U+001F, DEL,
/// …) as numeric character references, which HTML reads back as the same character
/// (so an attribute round-trips exactly); NUL, which HTML cannot hold, becomes U+FFFD.
pub fn escape_into(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let rep = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0 => "\u{FFFD}",
            b'\t' | b'\n' | b'\r' => continue,
            1..0x20 | 0x7f => "",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        if rep.is_empty() {
            out.push_str("&#x");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
            out.push(';');
        } else {
            out.push_str(rep);
        }
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::rules::Doc;

    #[test]
    fn escapes_text_and_attributes() {
        let mut m = Html::new();
        m.raw("<p")
            .attr("title", "a\"b<'>&")
            .raw(">")
            .text("<script>&</script>")
            .raw("</p>");
        assert_eq!(
            m.finish().as_str(),
            "<p title=\"a&quot;b&lt;&#39;&gt;&amp;\">&lt;script&gt;&amp;&lt;/script&gt;</p>"
        );
    }

    #[test]
    fn control_characters_become_character_references() {
        let mut m = Html::new();
        m.text("a\u{0}b\u{1b}[31mc\u{1e}d\u{1f}e\u{7f}f\tg\nh\r\u{2028}\u{85}");
        assert_eq!(
            m.finish().as_str(),
            "a\u{FFFD}b&#x1B;[31mc&#x1E;d&#x1F;e&#x7F;f\tg\nh\r\u{2028}\u{85}"
        );
    }

    #[test]
    fn numbers_and_elements() {
        let mut m = Html::new();
        m.el("span", "n", "<1>")
            .num(42u32)
            .num(-1i32)
            .el("b", "", "x");
        assert_eq!(
            m.finish().as_str(),
            "<span class=\"n\">&lt;1&gt;</span>42-1<b>x</b>"
        );
    }

    #[test]
    fn only_typed_targets_become_hrefs() {
        let faq = pullpolicy::faq::entry("registry-down").unwrap();
        let base = PlaygroundBase::parse("https://p.example/x?a=1&b=\"2\"").unwrap();
        let link = base.manifest("<a>", &pullpolicy::Options::default());
        let mut m = Html::new();
        m.raw("<a")
            .href(&Target::docs(Doc::PullPolicy), &base)
            .raw("><a")
            .href(&Target::faq(faq), &base)
            .raw("><a")
            .href(&Target::faq(faq), &PlaygroundBase::this_page())
            .raw("><a")
            .href(&Target::playground(&link), &base)
            .raw(">");
        assert_eq!(
            m.finish().as_str(),
            "<a href=\"https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy\">\
             <a href=\"https://p.example/x?a=1&amp;b=%222%22#faq-registry-down\">\
             <a href=\"#faq-registry-down\">\
             <a href=\"https://p.example/x?a=1&amp;b=%222%22#yaml=PGE-\">"
        );
    }

    #[test]
    fn spans_render_code_and_escape_everything() {
        let mut m = Html::new();
        let faq = pullpolicy::faq::entry("registry-down").unwrap();
        let text = Text(vec![
            Span::Plain("use <b> "),
            Span::Code("a<b>`"),
            Span::Link("the \"FAQ\"", Target::faq(faq)),
        ]);
        m.spans(&text, "<code>", &PlaygroundBase::this_page());
        assert_eq!(
            m.finish().as_str(),
            "use &lt;b&gt; <code>a&lt;b&gt;`</code><a href=\"#faq-registry-down\">the &quot;FAQ&quot;</a>"
        );
    }
}
