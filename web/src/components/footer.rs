//! The footer: version, source, and the privacy promise.

use crate::markup::Markup;

/// The footer's markup.
pub fn render() -> String {
    let mut h = Markup::new();
    h.raw("<footer class=\"bottom\"><p>pullpolicy ")
        .text(pullpolicy::version())
        .raw(" · <a rel=\"noopener noreferrer\"")
        .attr("href", env!("CARGO_PKG_REPOSITORY"))
        .raw(">Source</a> · <span class=\"privacy\">Runs entirely in your browser; nothing you paste leaves this page.</span></p></footer>");
    h.finish()
}
