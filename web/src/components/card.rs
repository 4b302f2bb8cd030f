//! A verdict card (one container, init container, sidecar, ephemeral container or
//! image volume) and a finding, as markup.
//!
//! Hooks for tests: the card has `data-container-path` (`<doc>:<path>`, with
//! `items[<i>].` for `kind: List` items) and `data-effective-policy`; every finding
//! has `data-rule`.

use super::outcome::outcome;
use super::{allowed_link, is_open, link_label, severity_icon};
use crate::describe;
use crate::markup::Markup;
use pullpolicy::{
    Credentials, Document, Entry, Finding, ImageOverride, NodeImage, PolicySource, Registry,
};

/// The card's `data-container-path`.
pub fn container_path(doc: &Document, path: &str) -> String {
    match doc.item {
        Some(item) => format!("{}:items[{item}].{path}", doc.index),
        None => format!("{}:{path}", doc.index),
    }
}

/// The effective policy as the card's hook names it.
pub fn policy_name(e: &Entry) -> &'static str {
    e.policy.effective.map_or("invalid", |p| p.as_str())
}

/// The DOM id of a finding: document position, entry (`d` for the document), index.
pub fn finding_id(doc: usize, entry: Option<usize>, k: usize) -> String {
    match entry {
        Some(e) => format!("f-{doc}-{e}-{k}"),
        None => format!("f-{doc}-d-{k}"),
    }
}

/// One entry's card.
pub fn card(
    h: &mut Markup,
    doc: &Document,
    di: usize,
    ei: usize,
    e: &Entry,
    current: Option<&ImageOverride>,
) {
    let id = format!("card-{di}-{ei}");
    let policy = policy_name(e);
    let class = policy.to_ascii_lowercase();
    let badge = match (e.policy.effective, e.policy.source) {
        (Some(p), _) => p.as_str(),
        (None, PolicySource::NotDefaulted) => "not defaulted",
        (None, _) => "rejected",
    };
    h.raw("<article tabindex=\"-1\"")
        .attr("id", &id)
        .attr2("class", "card policy-", &class)
        .attr("data-container-path", &container_path(doc, &e.path))
        .attr("data-effective-policy", policy)
        .attr2("aria-labelledby", &id, "-t")
        .raw("><header class=\"card-head\"><h3")
        .attr2("id", &id, "-t")
        .raw(">")
        .el("span", "role", describe::role(e.role))
        .raw(" ")
        .el("span", "name", e.name.as_deref().unwrap_or("(unnamed)"))
        .raw("</h3>")
        .el("span", "path mono", &e.path)
        .jump(&e.position, "line ")
        .raw("</header><div class=\"verdict\"><div")
        .attr2("class", "badge policy-", &class)
        .raw("><span class=\"badge-label\">imagePullPolicy</span>")
        .el("span", "badge-value", badge)
        .raw("</div><div class=\"why\">")
        .el("p", "reason", &e.policy.reason)
        .raw("<p class=\"written\">");
    match &e.policy.written {
        Some(w) => {
            h.raw("written: ")
                .el("code", "", w)
                .raw(" · ")
                .jump(&e.policy.position, "line ");
        }
        None => {
            h.raw("not written");
        }
    }
    h.raw("</p></div></div><dl class=\"image\"><dt>Image as written</dt><dd>");
    let img = &e.image;
    match &img.raw {
        Some(raw) => {
            h.el("code", "", raw).raw(" ").jump(&img.position, "line ");
        }
        None => {
            h.el("span", "muted", "none");
        }
    }
    h.raw("</dd>");
    if let Some(name) = &img.full_name {
        let mut n = name.clone();
        if let Some(t) = &img.tag {
            n.push(':');
            n.push_str(t);
        }
        if let Some(d) = &img.digest {
            n.push('@');
            n.push_str(d);
        }
        h.raw("<dt>Normalised</dt><dd>")
            .el("code", "", &n)
            .raw("</dd>");
    }
    if let Some(r) = &img.runtime_ref {
        h.raw("<dt>The kubelet asks for</dt><dd>")
            .el("code", "", r)
            .raw("</dd>");
    }
    if let Some(err) = &img.error {
        h.raw("<dt>Does not parse</dt><dd class=\"error-text\">")
            .text(err)
            .raw("</dd>");
    }
    h.raw("</dl>");
    if let Some(o) = &e.outcome {
        outcome(h, o, &id);
    }
    if !e.findings.is_empty() {
        h.raw("<ul class=\"findings\" aria-label=\"Findings\">");
        for (k, f) in e.findings.iter().enumerate() {
            finding(h, f, &finding_id(di, Some(ei), k));
        }
        h.raw("</ul>");
    }
    if let Some(raw) = img.raw.as_deref().filter(|r| !r.is_empty()) {
        override_form(h, &id, raw, current);
    }
    h.raw("</article>");
}

/// Opens a disclosure: a button (`aria-expanded`) and the region it shows. Not
/// `<details>`: with many closed `<details>` on the page, Chrome makes every large
/// paste into the editor several times slower. The user's choice is remembered (see
/// [`is_open`]) so re-rendered markup keeps it. `label` is trusted markup. Close with
/// [`disclosure_end`].
pub fn disclosure(h: &mut Markup, id: &str, class: &str, label: &str, default_open: bool) {
    let open = is_open(&format!("{id}-c")).unwrap_or(default_open);
    h.raw("<div")
        .attr("id", id)
        .attr("class", class)
        .raw("><button type=\"button\" class=\"disclose\" data-act=\"toggle\"")
        .attr2("aria-controls", id, "-c")
        .raw(if open {
            " aria-expanded=\"true\">"
        } else {
            " aria-expanded=\"false\">"
        })
        .raw(label)
        .raw("</button><div class=\"disclosed\"")
        .attr2("id", id, "-c")
        .raw(if open { ">" } else { " hidden>" });
}

/// Closes [`disclosure`].
pub fn disclosure_end(h: &mut Markup) {
    h.raw("</div></div>");
}

/// One finding.
pub fn finding(h: &mut Markup, f: &Finding, id: &str) {
    let sev = f.severity.as_str();
    h.raw("<li tabindex=\"-1\"")
        .attr("id", id)
        .attr2("class", "finding sev-", sev)
        .attr("data-rule", f.rule)
        .raw("><div class=\"f-head\"><span class=\"sev\"><span aria-hidden=\"true\">")
        .raw(severity_icon(f.severity))
        .raw("</span> ")
        .text(sev)
        .raw("</span>")
        .el("span", "msg", &f.message)
        .jump(&f.position, "line ")
        .raw("</div>");
    disclosure(
        h,
        &format!("{id}-more"),
        "f-more",
        "Why, and how to fix it",
        false,
    );
    h.raw("<p>").code_text(&f.explanation).raw("</p>");
    if let Some(fix) = &f.fix {
        h.raw("<div class=\"fix\"><span class=\"fix-label\">Fix</span><pre class=\"mono\"><code>")
            .text(fix)
            .raw("</code></pre></div>");
    }
    links(h, f.links, true);
    h.raw("<p class=\"rule-id\">Rule ")
        .el("code", "", f.rule)
        .raw("</p>");
    disclosure_end(h);
    let related: Vec<_> = f
        .faq
        .iter()
        .filter_map(|id| pullpolicy::faq::entry(id))
        .collect();
    if !related.is_empty() {
        h.raw("<ul class=\"faq-links\" aria-label=\"Related questions\">");
        for e in related {
            super::faq::link_item(h, e);
        }
        h.raw("</ul>");
    }
    h.raw("</li>");
}

/// kubernetes.io links; only [`pullpolicy::LINKS`] become `href`s when `strict`.
pub fn links(h: &mut Markup, links: &[&str], strict: bool) {
    if links.is_empty() {
        return;
    }
    h.raw("<ul class=\"links\" aria-label=\"Kubernetes documentation\">");
    for l in links {
        let ok = if strict {
            allowed_link(l)
        } else {
            l.starts_with("https://kubernetes.io/")
        };
        h.raw("<li>");
        if ok {
            h.raw("<a target=\"_blank\" rel=\"noopener noreferrer\"")
                .attr("href", l)
                .raw(">")
                .text(&link_label(l))
                .raw("</a>");
        } else {
            h.text(l);
        }
        h.raw("</li>");
    }
    h.raw("</ul>");
}

/// "Scenario for this image": node, registry and credentials for one image string.
fn override_form(h: &mut Markup, id: &str, image: &str, current: Option<&ImageOverride>) {
    disclosure(
        h,
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
        "ov-node",
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
        "ov-registry",
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
        "ov-credentials",
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
    h: &mut Markup,
    id: &str,
    label: &str,
    set: &str,
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
        .attr("id", id)
        .attr("data-set", set);
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
