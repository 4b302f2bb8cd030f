//! Structured text: spans of plain text, code and links, the only links being typed
//! [`Target`]s. The encoders ([`crate::html`], [`crate::markdown`], [`crate::terminal`])
//! render spans; none of them reads markup out of a string.
//!
//! The core hands over its findings' and reasons' prose structured
//! ([`pullpolicy::text::Text`]); [`Text::of`] takes its spans as they are. Only the
//! diagnosis's prose is still strings with `code` in backticks: [`Text::core`] is the one
//! place that reads them.

use crate::share::PlaygroundUrl;
use pullpolicy::faq::FaqEntry;
use pullpolicy::rules::Doc;
use serde::Serialize;
use serde::ser::SerializeMap as _;

/// One piece of [`Text`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Span<'a> {
    /// Text.
    Plain(&'a str),
    /// Code (an image, a field, a command).
    Code(&'a str),
    /// A link: its text and where it goes.
    Link(&'a str, Target<'a>),
}

/// Text in spans.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text<'a>(pub Vec<Span<'a>>);

impl<'a> Text<'a> {
    /// Plain text, one span.
    pub fn plain(s: &'a str) -> Text<'a> {
        Text(vec![Span::Plain(s)])
    }

    /// The core's structured prose ([`pullpolicy::text::Text`]): its spans, as they are.
    pub fn of(t: &'a pullpolicy::text::Text) -> Text<'a> {
        Text(t.spans().map(span).collect())
    }

    /// The diagnosis's prose, which is still strings (its messages are not structured
    /// yet, unlike the explanation's findings): its `code` spans in backticks become
    /// [`Span::Code`]. The core
    /// quotes the user's text (images, keys, names) Go-style in double quotes, so
    /// backticks inside a quoted string are the user's, and literal; an unclosed code
    /// span leaves it all plain.
    pub fn core(s: &'a str) -> Text<'a> {
        let mut out = Vec::new();
        let (mut code, mut quoted, mut escaped) = (false, false, false);
        let mut from = 0;
        for (i, c) in s.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' if quoted => escaped = true,
                '"' if !code => quoted = !quoted,
                '`' if !quoted => {
                    if i > from {
                        out.push(if code {
                            Span::Code(&s[from..i])
                        } else {
                            Span::Plain(&s[from..i])
                        });
                    }
                    code = !code;
                    from = i + 1;
                }
                _ => {}
            }
        }
        if code {
            return Text::plain(s);
        }
        if s.len() > from {
            out.push(Span::Plain(&s[from..]));
        }
        Text(out)
    }

    /// A sentence of the core's constants (the FAQ's questions and answers), with
    /// `code` in backticks ([`pullpolicy::text::fixed_spans`]).
    pub fn ours(s: &'a str) -> Text<'a> {
        Text(pullpolicy::text::fixed_spans(s).map(span).collect())
    }

    /// Whether there is nothing to show.
    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|s| match s {
            Span::Plain(t) | Span::Code(t) | Span::Link(t, _) => t.is_empty(),
        })
    }

    /// The text without its structure (code and link text as they are).
    pub fn to_plain(&self) -> String {
        let mut out = String::new();
        for s in &self.0 {
            match s {
                Span::Plain(t) | Span::Code(t) | Span::Link(t, _) => out.push_str(t),
            }
        }
        out
    }
}

fn span(s: pullpolicy::text::Span<'_>) -> Span<'_> {
    match s {
        pullpolicy::text::Span::Plain(t) => Span::Plain(t),
        pullpolicy::text::Span::Code(t) => Span::Code(t),
    }
}

/// Where a link may go. Nothing else becomes an `href`: a kubernetes.io page the core
/// lists ([`pullpolicy::LINKS`], or an FAQ entry's own), an FAQ entry of the core, or
/// the playground (a URL the share-link builder made, [`PlaygroundUrl`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a>(To<'a>);

#[derive(Debug, Clone, Copy)]
enum To<'a> {
    Docs(&'static str),
    Faq(&'static FaqEntry),
    Playground(&'a PlaygroundUrl),
}

impl PartialEq for To<'_> {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (To::Docs(a), To::Docs(b)) => a == b,
            (To::Faq(a), To::Faq(b)) => a.id == b.id,
            (To::Playground(a), To::Playground(b)) => a == b,
            _ => false,
        }
    }
}

impl Eq for To<'_> {}

/// An FAQ entry of the core, compared by id.
#[derive(Debug, Clone, Copy)]
pub struct Faq(pub &'static FaqEntry);

impl PartialEq for Faq {
    fn eq(&self, other: &Self) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Faq {}

impl std::ops::Deref for Faq {
    type Target = FaqEntry;
    fn deref(&self) -> &FaqEntry {
        self.0
    }
}

impl Serialize for Faq {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0.id)
    }
}

/// What a [`Target`] is, for encoders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dest<'a> {
    /// A kubernetes.io page (its URL).
    Docs(&'static str),
    /// An FAQ entry (`#faq-<id>` in the playground).
    Faq(Faq),
    /// The playground, with a fragment (the full URL).
    Playground(&'a str),
}

impl<'a> Target<'a> {
    /// A page of the registry ([`pullpolicy::LINKS`]).
    pub fn docs(doc: Doc) -> Target<'static> {
        Target(To::Docs(doc.url()))
    }

    /// A link the core gave (a finding's or an FAQ entry's): only a page the core lists.
    pub fn core_link(url: &str) -> Option<Target<'static>> {
        if let Some(doc) = Doc::from_url(url) {
            return Some(Target::docs(doc));
        }
        for e in pullpolicy::faq::entries() {
            for l in e.links {
                if *l == url && l.starts_with("https://kubernetes.io/") {
                    return Some(Target(To::Docs(l)));
                }
            }
        }
        None
    }

    /// An FAQ entry.
    pub fn faq(entry: &'static FaqEntry) -> Target<'static> {
        Target(To::Faq(entry))
    }

    /// The playground.
    pub fn playground(url: &'a PlaygroundUrl) -> Target<'a> {
        Target(To::Playground(url))
    }

    /// Where it goes.
    pub fn dest(&self) -> Dest<'a> {
        match self.0 {
            To::Docs(u) => Dest::Docs(u),
            To::Faq(e) => Dest::Faq(Faq(e)),
            To::Playground(p) => Dest::Playground(p.as_str()),
        }
    }
}

impl Serialize for Span<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(None)?;
        match self {
            Span::Plain(t) => m.serialize_entry("plain", t)?,
            Span::Code(t) => m.serialize_entry("code", t)?,
            Span::Link(t, target) => {
                m.serialize_entry("link", t)?;
                match target.dest() {
                    Dest::Docs(u) => m.serialize_entry("docs", u)?,
                    Dest::Faq(e) => m.serialize_entry("faq", e.id)?,
                    Dest::Playground(u) => m.serialize_entry("playground", u)?,
                }
            }
        }
        m.end()
    }
}

impl Serialize for Text<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl Serialize for Target<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut m = serializer.serialize_map(Some(1))?;
        match self.dest() {
            Dest::Docs(u) => m.serialize_entry("docs", u)?,
            Dest::Faq(e) => m.serialize_entry("faq", e.id)?,
            Dest::Playground(u) => m.serialize_entry("playground", u)?,
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_spans_are_the_cores_spans_and_never_read_from_the_users_text() {
        // The user's backticks, even unbalanced and outside quotes, are characters.
        let t = pullpolicy::text!("image {} is `{}`", "a`b", "c`");
        assert_eq!(
            Text::of(&t).0,
            [Span::Plain("image a`b is "), Span::Code("c`")]
        );
        assert_eq!(
            Text::of(&pullpolicy::text::Text::plain("`not code`")).0,
            [Span::Plain("`not code`")]
        );
        assert_eq!(
            Text::ours("set `imagePullPolicy` to \"Always\"").0,
            [
                Span::Plain("set "),
                Span::Code("imagePullPolicy"),
                Span::Plain(" to \"Always\"")
            ]
        );
        assert_eq!(
            Text::ours("an `unclosed span").0,
            [Span::Plain("an `unclosed span")]
        );
        assert!(Text::ours("").is_empty());
        assert_eq!(Text::ours("`a` and `b`").to_plain(), "a and b");
    }

    #[test]
    fn only_the_cores_links_are_targets() {
        for l in pullpolicy::LINKS {
            assert!(Target::core_link(l).is_some(), "{l}");
        }
        for e in pullpolicy::faq::entries() {
            for l in e.links {
                assert!(Target::core_link(l).is_some(), "{l}");
            }
        }
        for bad in [
            "https://example.com/",
            "javascript:alert(1)",
            "https://kubernetes.io/docs/",
            "",
        ] {
            assert_eq!(Target::core_link(bad), None, "{bad}");
        }
    }
}
