//! A verdict card (one container, init container, sidecar, ephemeral container or
//! image volume) and a finding, as markup, from the view's model.
//!
//! Hooks for tests: the card has `data-container-path` (`<doc>:<path>`, with
//! `items[<i>].` for `kind: List` items) and `data-effective-policy`; every finding
//! has `data-rule`.

use super::outcome::outcome;
use super::verdicts::RenderCx;
use crate::actions::{Click, Setting};
use crate::markup::{Html, jump};
use pullpolicy::{Credentials, Document, ImageOverride, NodeImage, Registry};
use pullpolicy_view::model::{Card, FindingView};
use pullpolicy_view::share::PlaygroundBase;
use pullpolicy_view::text::Target;
use pullpolicy_view::wording;

/// The card's `data-container-path`.
pub fn container_path(doc: &Document, path: &str) -> String {
    match doc.item {
        Some(item) => format!("{}:items[{item}].{path}", doc.index),
        None => format!("{}:{path}", doc.index),
    }
}

/// `<code>` in the playground's markup.
const CODE: &str = "<code>";

/// One entry's card.
pub fn card(h: &mut Html, cx: &RenderCx<'_>, doc: &Document, c: &Card<'_>) {
    let e = c.entry;
    let id = format!("card-{}-{}", c.document, c.index);
    let class = c.policy.key.class();
    h.raw("<article tabindex=\"-1\"")
        .attr("id", &id)
        .attr2("class", "card policy-", class)
        .attr("data-container-path", &container_path(doc, c.path))
        .attr("data-effective-policy", c.policy.key.as_str())
        .attr2("aria-labelledby", &id, "-t")
        .raw("><header class=\"card-head\"><h3")
        .attr2("id", &id, "-t")
        .raw(">")
        .el("span", "role", c.role)
        .raw(" ")
        .el("span", "name", c.name)
        .raw("</h3>")
        .el("span", "path mono", c.path);
    jump(h, cx.lines, &e.position, "line ");
    h.raw("</header><div class=\"verdict\"><div")
        .attr2("class", "badge policy-", class)
        .raw("><span class=\"badge-label\">")
        .text(wording::POLICY_FIELD)
        .raw("</span>")
        .el("span", "badge-value", c.policy.badge)
        .raw("</div><div class=\"why\"><p class=\"reason\">")
        .spans(&c.policy.reason, CODE, &PlaygroundBase::this_page())
        .raw("</p><p class=\"written\">");
    match c.policy.written_value {
        Some(w) => {
            h.text(wording::WRITTEN)
                .raw(" ")
                .el("code", "", w)
                .raw(" · ");
            jump(h, cx.lines, &e.policy.position, "line ");
        }
        None => {
            h.text(wording::NOT_WRITTEN);
        }
    }
    h.raw("</p></div></div><dl class=\"image\"><dt>")
        .text(wording::IMAGE_AS_WRITTEN)
        .raw("</dt><dd>");
    let img = &c.image;
    match img.raw {
        Some(raw) => {
            h.el("code", "", raw).raw(" ");
            jump(h, cx.lines, &e.image.position, "line ");
        }
        None => {
            h.el("span", "muted", wording::IMAGE_NONE);
        }
    }
    h.raw("</dd>");
    if let Some(n) = &img.normalised {
        h.raw("<dt>")
            .text(wording::NORMALISED)
            .raw("</dt><dd>")
            .el("code", "", n)
            .raw("</dd>");
    }
    if let Some(r) = img.runtime_ref {
        h.raw("<dt>")
            .text(wording::KUBELET_ASKS)
            .raw("</dt><dd>")
            .el("code", "", r)
            .raw("</dd>");
    }
    if let Some(err) = img.error {
        h.raw("<dt>")
            .text(wording::DOES_NOT_PARSE)
            .raw("</dt><dd class=\"error-text\">")
            .text(err)
            .raw("</dd>");
    }
    h.raw("</dl>");
    if let Some(o) = &e.outcome {
        outcome(h, cx, o, &id);
    }
    if !c.findings.is_empty() {
        h.raw("<ul class=\"findings\"")
            .attr("aria-label", wording::ENTRY_FINDINGS)
            .raw(">");
        for f in &c.findings {
            finding(h, cx, f);
        }
        h.raw("</ul>");
    }
    if let Some(raw) = img.raw.filter(|r| !r.is_empty()) {
        let current = cx
            .options
            .scenario
            .overrides
            .iter()
            .find(|o| o.image == raw);
        override_form(h, cx, &id, raw, current);
    }
    h.raw("</article>");
}

/// Opens a disclosure: a button (`aria-expanded`) and the region it shows. Not
/// `<details>`: with many closed `<details>` on the page, Chrome makes every large
/// paste into the editor several times slower. The user's choice is the state's
/// ([`RenderCx::open`]), so re-rendered markup keeps it. Close with [`disclosure_end`].
pub fn disclosure(
    h: &mut Html,
    cx: &RenderCx<'_>,
    id: &str,
    class: &'static str,
    label: &str,
    default_open: bool,
) {
    let region = format!("{id}-c");
    let open = cx.open.is_open(&region).unwrap_or(default_open);
    h.raw("<div")
        .attr("id", id)
        .attr("class", class)
        .raw("><button type=\"button\" class=\"disclose\"");
    Click::Toggle {
        region: region.clone(),
        open: !open,
    }
    .write(h);
    h.raw(">")
        .text(label)
        .raw("</button><div class=\"disclosed\"")
        .attr("id", &region)
        .raw(if open { ">" } else { " hidden>" });
}

/// Closes [`disclosure`].
pub fn disclosure_end(h: &mut Html) {
    h.raw("</div></div>");
}

/// One finding.
pub fn finding(h: &mut Html, cx: &RenderCx<'_>, f: &FindingView<'_>) {
    let here = PlaygroundBase::this_page();
    let id = f.origin.element_id();
    let sev = f.severity.as_str();
    h.raw("<li tabindex=\"-1\"")
        .attr("id", &id)
        .attr2("class", "finding sev-", sev)
        .attr("data-rule", f.id)
        .raw("><div class=\"f-head\"><span class=\"sev\"><span aria-hidden=\"true\">")
        .text(wording::severity_icon(f.severity))
        .raw("</span> ")
        .text(sev)
        .raw("</span><span class=\"msg\">")
        .spans(&f.message, CODE, &here)
        .raw("</span>");
    jump(h, cx.lines, &f.position, "line ");
    h.raw("</div>");
    disclosure(
        h,
        cx,
        &format!("{id}-more"),
        "f-more",
        wording::WHY_AND_FIX,
        false,
    );
    h.raw("<p>").spans(&f.explanation, CODE, &here).raw("</p>");
    if let Some(fix) = f.fix {
        h.raw("<div class=\"fix\"><span class=\"fix-label\">")
            .text(wording::FIX_LABEL)
            .raw("</span><pre class=\"mono\"><code>")
            .text(fix)
            .raw("</code></pre></div>");
    }
    links(h, &f.links);
    h.raw("<p class=\"rule-id\">")
        .text(wording::RULE)
        .raw(" ")
        .el("code", "", f.id)
        .raw("</p>");
    disclosure_end(h);
    if !f.faq.is_empty() {
        h.raw("<ul class=\"faq-links\"")
            .attr("aria-label", wording::RELATED_QUESTIONS)
            .raw(">");
        for e in &f.faq {
            super::faq::link_item(h, e);
        }
        h.raw("</ul>");
    }
    h.raw("</li>");
}

/// kubernetes.io links (typed targets: only the core's pages become `href`s).
pub fn links(h: &mut Html, links: &[Target<'static>]) {
    if links.is_empty() {
        return;
    }
    h.raw("<ul class=\"links\"")
        .attr("aria-label", wording::DOCUMENTATION)
        .raw(">");
    for l in links {
        let label = match l.dest() {
            pullpolicy_view::text::Dest::Docs(url) => wording::link_label(url),
            _ => String::new(),
        };
        h.raw("<li><a target=\"_blank\" rel=\"noopener noreferrer\"")
            .href(l, &PlaygroundBase::this_page())
            .raw(">")
            .text(&label)
            .raw("</a></li>");
    }
    h.raw("</ul>");
}

/// "Scenario for this image": node, registry and credentials for one image string.
fn override_form(
    h: &mut Html,
    cx: &RenderCx<'_>,
    id: &str,
    image: &str,
    current: Option<&ImageOverride>,
) {
    disclosure(
        h,
        cx,
        &format!("{id}-ov"),
        "override",
        "Scenario for this image",
        current.is_some(),
    );
    h.raw("<div class=\"fields compact\">");
    let cur = current.cloned().unwrap_or_default();
    select(
        h,
        &format!("{id}-ov-node"),
        "Node image",
        Setting::OvNode,
        Some(image),
        NodeImage::ALL
            .iter()
            .map(|v| (v.as_str(), super::scenario::node_label(*v))),
        cur.node_image.map(NodeImage::as_str),
        true,
    );
    select(
        h,
        &format!("{id}-ov-registry"),
        "Registry",
        Setting::OvRegistry,
        Some(image),
        Registry::ALL
            .iter()
            .map(|v| (v.as_str(), super::scenario::registry_label(*v))),
        cur.registry.map(Registry::as_str),
        true,
    );
    select(
        h,
        &format!("{id}-ov-credentials"),
        "Credentials",
        Setting::OvCredentials,
        Some(image),
        Credentials::ALL
            .iter()
            .map(|v| (v.as_str(), super::scenario::credentials_label(*v))),
        cur.credentials.map(Credentials::as_str),
        true,
    );
    h.raw("</div>");
    disclosure_end(h);
}

/// A labelled `<select>` handled by the delegated change listener (`data-set`).
#[allow(clippy::too_many_arguments)]
pub fn select<'a>(
    h: &mut Html,
    id: &str,
    label: &str,
    set: Setting,
    image: Option<&str>,
    choices: impl Iterator<Item = (&'a str, &'a str)>,
    current: Option<&str>,
    inherit: bool,
) {
    h.raw("<div class=\"field\"><label")
        .attr("for", id)
        .raw(">")
        .text(label)
        .raw("</label><select")
        .attr("id", id);
    set.write(h);
    if let Some(i) = image {
        h.attr("data-image", i);
    }
    h.raw(">");
    if inherit {
        h.raw("<option value=\"\"");
        if current.is_none() {
            h.raw(" selected");
        }
        h.raw(">as in the scenario</option>");
    }
    for (value, text) in choices {
        h.raw("<option").attr("value", value);
        if current == Some(value) {
            h.raw(" selected");
        }
        h.raw(">").text(text).raw("</option>");
    }
    h.raw("</select></div>");
}
