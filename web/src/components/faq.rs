//! FAQ & guidance: the core's entries (`pullpolicy::faq::entries()`), rendered as they
//! are. Entries the current findings point to are marked and listed first. The answers
//! come from the [`crate::library`], loaded after the first verdict ([`fill_answers`]);
//! until then an open entry says so.

use super::card::links;
use super::is_open;
use crate::library::{Library, Status};
use crate::markup::Markup;
use pullpolicy::faq::FaqEntry;

/// The FAQ section's markup; `related` are the ids the current findings link to.
pub fn render(related: &[&'static str]) -> String {
    let entries = pullpolicy::faq::entries();
    // The answers come with the library, after the first verdict.
    let library = crate::library::get();
    let mut h = Markup::new();
    h.raw("<div class=\"pane-head\"><h2 id=\"faq-title\">FAQ &amp; guidance</h2></div><p class=\"intro\">The first four questions are the ones the article “A Beginner’s Guide to Unlocking the Power of ImagePullPolicy” asks; the answers here correct what it gets wrong. The same answers are in the command-line tool: <code>pullpolicy faq</code>.</p>");
    if !related.is_empty() {
        h.raw("<div class=\"related-list\"><h3>About your manifest</h3><ul>");
        for e in entries.iter().filter(|e| related.contains(&e.id)) {
            link_item(&mut h, e);
        }
        h.raw("</ul></div>");
    }
    h.raw("<div class=\"faq-list\">");
    for e in entries {
        let is_related = related.contains(&e.id);
        let mut label = Markup::new();
        label
            .raw("<span class=\"q\">")
            .code_text(e.question)
            .raw("</span>");
        if e.from_article {
            label.el("span", "tag", "from the article");
        }
        if is_related {
            label.el("span", "tag related", "about your manifest");
        }
        // The accordion pattern: a heading holding the button, then the answer.
        let id = format!("faq-{}", e.id);
        let content = format!("{id}-c");
        let open = is_open(&content).unwrap_or(false);
        h.raw("<div")
            .attr("id", &id)
            .attr(
                "class",
                if is_related {
                    "faq-entry related"
                } else {
                    "faq-entry"
                },
            )
            .raw("><h3><button type=\"button\" class=\"disclose\" data-act=\"toggle\"")
            .attr("aria-controls", &content)
            .raw(if open {
                " aria-expanded=\"true\">"
            } else {
                " aria-expanded=\"false\">"
            })
            .raw(&label.finish())
            .raw("</button></h3><div class=\"disclosed answer\"")
            .attr("id", &content)
            .raw(if open { ">" } else { " hidden>" });
        answer(&mut h, e, library.as_deref());
        h.raw("</div></div>");
    }
    h.raw("</div>");
    h.finish()
}

/// `<li>` with a link that opens entry `e` (the cards' related questions too).
pub fn link_item(h: &mut Markup, e: &FaqEntry) {
    h.raw("<li><a data-act=\"faq\"")
        .attr2("href", "#faq-", e.id)
        .attr("data-id", e.id)
        .raw(">")
        .code_text(e.question)
        .raw("</a></li>");
}

/// An entry's answer and links (the content of its disclosed region), or, without the
/// library, why the answer is not there (yet).
fn answer(h: &mut Markup, e: &FaqEntry, library: Option<&Library>) {
    match library {
        Some(l) => {
            for p in l.answer(e.id) {
                h.raw("<p>").code_text(p).raw("</p>");
            }
        }
        None => {
            h.raw(match crate::library::status() {
                Status::Loading => "<p class=\"muted\">Loading the answer…</p>",
                _ => "<p class=\"muted\">The answer could not be loaded: the page's second module did not load. Reload the page to try again; the links below cover the question.</p>",
            });
        }
    }
    links(h, e.links, false);
}

/// Puts the answers in the drawn FAQ once the library has loaded (or failed to), in
/// place: drawing the section again would take the focus away from a question.
pub fn fill_answers() {
    #[cfg(target_arch = "wasm32")]
    {
        // Once: later calls would replace what is already there (and a focused link in it).
        thread_local!(static FILLED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) });
        if FILLED.with(|f| f.replace(true)) {
            return;
        }
        let library = crate::library::get();
        let doc = gloo::utils::document();
        for e in pullpolicy::faq::entries() {
            if let Some(region) = doc.get_element_by_id(&format!("faq-{}-c", e.id)) {
                let mut h = Markup::new();
                answer(&mut h, e, library.as_deref());
                region.set_inner_html(&h.finish());
            }
        }
    }
}

/// The FAQ entry a fragment names (`faq-<id>`, the entry's element id), for links to
/// one question: `…/#faq-always-redownload`.
pub fn anchor(fragment: &str) -> Option<&'static str> {
    let id = fragment.strip_prefix("faq-")?;
    pullpolicy::faq::entry(id).map(|e| e.id)
}

/// Opens the entry, scrolls to it and focuses its question.
pub fn open_entry(id: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(button) = gloo::utils::document()
        .query_selector(&format!("#faq-{id} .disclose"))
        .ok()
        .flatten()
    {
        super::set_disclosure(&button, true);
        super::focus_element(&button);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fragment_names_an_entry_by_its_element_id() {
        assert_eq!(anchor("faq-registry-down"), Some("registry-down"));
        assert_eq!(anchor("faq-no-such-entry"), None);
        assert_eq!(anchor("registry-down"), None);
        assert_eq!(anchor("faq-"), None);
        // Every entry's element id is an anchor for it.
        for e in pullpolicy::faq::entries() {
            assert_eq!(anchor(&format!("faq-{}", e.id)), Some(e.id));
        }
    }
}
