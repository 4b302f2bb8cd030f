//! Markup for the content-heavy parts of the page (verdict cards, the FAQ, the
//! highlighted editor lines), built with the view's typed HTML encoder
//! ([`pullpolicy_view::html::Html`]: `raw` takes only `&'static str`, its buffer is
//! private, every value is escaped, only typed targets become `href`s).
//!
//! Why not `html!` everywhere: every `html!` element compiles to its own VDOM
//! construction code, and the playground's first-load budget (200 KB gzip) cannot pay
//! for hundreds of them. Building escaped HTML text is a few bytes of code per element.
//! Such markup reaches the page only as [`Shown`], made from [`SafeHtml`]; its controls
//! carry typed `data-*` attributes ([`crate::actions`]) handled by one delegated
//! listener.

use crate::lines::LineIndex;
pub use pullpolicy_view::html::{Html, SafeHtml};
use yew::AttrValue;

/// Markup ready for the page: made once per change, shared (not copied) by every render.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown(AttrValue);

impl From<SafeHtml> for Shown {
    fn from(h: SafeHtml) -> Shown {
        Shown(AttrValue::from(h.into_string()))
    }
}

impl Shown {
    /// Markup that is a literal of the source.
    pub fn literal(s: &'static str) -> Shown {
        Shown(AttrValue::Static(s))
    }
}

/// Markup as a yew node.
pub fn html(m: &Shown) -> yew::Html {
    yew::Html::from_html_unchecked(m.0.clone())
}

/// A button that selects a range in the editor: `line N`. The range is written as
/// `line:column` pairs of `lines` (0-based, UTF-16 columns), not as text offsets: an
/// edit above a card's node leaves its markup as it was unless it adds or removes lines,
/// so a result drawn while someone types replaces nothing (yew skips unchanged markup),
/// where offsets changed every card at each keystroke and cost a 100 KB manifest a
/// 125 ms redraw.
pub fn jump(h: &mut Html, lines: &LineIndex, pos: &pullpolicy::Position, label: &'static str) {
    let click = crate::actions::Click::Jump {
        from: lines.locate16(pos.offset16),
        to: lines.locate16(pos.end16),
    };
    h.raw("<button type=\"button\" class=\"link loc\"");
    click.write(h);
    h.raw(" aria-label=\"Show line ")
        .num(pos.line)
        .raw(" in the editor\">")
        .raw(label)
        .num(pos.line)
        .raw("</button>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jumps_carry_lines_and_columns() {
        let lines = LineIndex::new("a: 1\nbb: é2\n");
        let mut h = Html::new();
        let pos = pullpolicy::Position {
            line: 2,
            column: 5,
            offset16: 9,
            end16: 11,
        };
        jump(&mut h, &lines, &pos, "line ");
        assert_eq!(
            h.finish().as_str(),
            "<button type=\"button\" class=\"link loc\" data-act=\"jump\" data-from=\"1:4\" data-to=\"1:6\" aria-label=\"Show line 2 in the editor\">line 2</button>"
        );
    }
}
