//! FAQ & guidance: the core's entries (`pullpolicy::faq::entries()`), rendered as they
//! are (their `inline code` read by `Text::ours`, over the core's own parser). Entries the
//! current findings point to are marked and listed first. The answers come from the
//! [`crate::library`], loaded after the first verdict ([`fill_answers`]); until then an
//! open entry says so.

use super::card::links;
use crate::actions::Click;
use crate::library::{Library, Status};
use crate::markup::{Html, SafeHtml};
use crate::state::Disclosures;
use pullpolicy::faq::FaqEntry;
use pullpolicy_view::share::PlaygroundBase;
use pullpolicy_view::text::{Target, Text};

/// The FAQ section's markup; `related` are the ids the current findings link to, `open`
/// the entries the user opened or closed.
pub fn render(related: &[&'static str], open: &Disclosures) -> SafeHtml {
    let entries = pullpolicy::faq::entries();
    // The answers come with the library, after the first verdict.
    let library = crate::library::get();
    let here = PlaygroundBase::this_page();
    let mut h = Html::new();
    // Embedded: only the questions the cards link to, answered in place.
    let embed = crate::embed::mode().is_some();
    // (The section is written here, and only when there are questions: the embed's
    // markup costs less in the first load than a section in the `html!` of `App`.)
    if embed {
        if related.is_empty() {
            return h.finish();
        }
        h.raw("<section id=\"faq\" class=\"pane faq\" aria-labelledby=\"faq-title\"><div class=\"pane-head\"><h2 id=\"faq-title\">About your manifest</h2></div><div class=\"faq-list\">");
    } else {
        h.raw("<div class=\"pane-head\"><h2 id=\"faq-title\">FAQ &amp; guidance</h2></div><p class=\"intro\">The first four questions are the ones the article “A Beginner’s Guide to Unlocking the Power of ImagePullPolicy” asks; the answers here correct what it gets wrong. The same answers are in the command-line tool: <code>pullpolicy faq</code>.</p>");
        if !related.is_empty() {
            h.raw("<div class=\"related-list\"><h3>About your manifest</h3><ul>");
            for e in entries.iter().filter(|e| related.contains(&e.id)) {
                link_item(&mut h, e);
            }
            h.raw("</ul></div>");
        }
        h.raw("<div class=\"faq-list\">");
    }
    for e in entries {
        let is_related = related.contains(&e.id);
        if embed && !is_related {
            continue;
        }
        // The accordion pattern: a heading holding the button, then the answer.
        let id = format!("faq-{}", e.id);
        let content = format!("{id}-c");
        let is_open = open.is_open(&content).unwrap_or(false);
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
            .raw("><h3><button type=\"button\" class=\"disclose\"");
        Click::Toggle {
            region: content.clone(),
            open: !is_open,
        }
        .write(&mut h);
        h.raw("><span class=\"q\">")
            .spans(&Text::ours(e.question), "<code>", &here)
            .raw("</span>");
        if e.from_article {
            h.el("span", "tag", "from the article");
        }
        if is_related {
            h.el("span", "tag related", "about your manifest");
        }
        h.raw("</button></h3><div class=\"disclosed answer\"")
            .attr("id", &content)
            .raw(if is_open { ">" } else { " hidden>" });
        answer(&mut h, e, library.as_deref());
        h.raw("</div></div>");
    }
    h.raw(if embed { "</div></section>" } else { "</div>" });
    h.finish()
}

/// `<li>` with a link that opens entry `e` (the cards' related questions too).
pub fn link_item(h: &mut Html, e: &FaqEntry) {
    let Some(entry) = pullpolicy::faq::entry(e.id) else {
        return;
    };
    h.raw("<li><a")
        .href(&Target::faq(entry), &PlaygroundBase::this_page());
    Click::faq(entry).write(h);
    h.raw(">")
        .spans(
            &Text::ours(entry.question),
            "<code>",
            &PlaygroundBase::this_page(),
        )
        .raw("</a></li>");
}

/// An entry's answer and links (the content of its disclosed region), or, without the
/// library, why the answer is not there (yet).
fn answer(h: &mut Html, e: &FaqEntry, library: Option<&Library>) {
    let here = PlaygroundBase::this_page();
    match library {
        Some(l) => {
            for p in l.answer(e.id) {
                h.raw("<p>")
                    .spans(&Text::ours(p), "<code>", &here)
                    .raw("</p>");
            }
        }
        None => {
            h.raw(match crate::library::status() {
                Status::Loading => "<p class=\"muted\">Loading the answer…</p>",
                _ => "<p class=\"muted\">The answer could not be loaded: the page's second module did not load. Reload the page to try again; the links below cover the question.</p>",
            });
        }
    }
    let targets: Vec<Target<'static>> = e
        .links
        .iter()
        .filter_map(|l| Target::core_link(l))
        .collect();
    links(h, &targets);
}

/// Puts the answers in the drawn FAQ once the library has loaded (or failed to), in
/// place, once: drawing the section again would take the focus away from a question.
pub fn fill_answers() {
    #[cfg(target_arch = "wasm32")]
    {
        if !crate::library::first_fill() {
            return;
        }
        let library = crate::library::get();
        let doc = gloo::utils::document();
        for e in pullpolicy::faq::entries() {
            if let Some(region) = doc.get_element_by_id(&format!("faq-{}-c", e.id)) {
                let mut h = Html::new();
                answer(&mut h, e, library.as_deref());
                region.set_inner_html(h.finish().as_str());
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

/// Opens the entry, scrolls to it and focuses its question (the opening is the page's
/// state: see [`crate::components::on_click`]).
pub fn open_entry(id: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(button) = gloo::utils::document()
        .query_selector(&format!("#faq-{id} .disclose"))
        .ok()
        .flatten()
    {
        super::show_disclosure(&button, true);
        // The question at the top of the viewport, its answer below it (not at the
        // bottom edge, below the fold).
        if let Some(entry) = button.closest(&format!("#faq-{id}")).ok().flatten() {
            super::scroll_to(&entry, web_sys::ScrollLogicalPosition::Start);
        }
        super::focus_at(&button, web_sys::ScrollLogicalPosition::Nearest);
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

    #[test]
    fn opened_entries_stay_open() {
        let open = Disclosures::default().with("faq-registry-down-c", true);
        let h = render(&[], &open);
        assert!(h.as_str().contains("id=\"faq-registry-down-c\">"));
        assert!(h.as_str().contains("id=\"faq-latest-case-c\" hidden>"));
    }
}
