//! What the node does with an entry under the current scenario, as markup: started or
//! waiting, pulls or not, registry contacted or not, the kubelet's events as
//! `kubectl describe pod` lists them, the back-off timeline, the credential check and
//! the version-skew view across three nodes (the core's typed `Outcome`, worded by the
//! view).

use super::card::{disclosure, disclosure_end};
use super::verdicts::RenderCx;
use crate::markup::Html;
use pullpolicy::kubelet::{EventType, Outcome};
use pullpolicy_view::wording;

fn pill(h: &mut Html, class: &'static str, text: &str) {
    h.el("span", class, text).raw(" ");
}

/// The node outcome of one entry (`id` is the card's id).
pub fn outcome(h: &mut Html, cx: &RenderCx<'_>, o: &Outcome, id: &str) {
    let c = &o.conditions;
    h.raw("<div class=\"outcome\"><h4>")
        .text(wording::ON_THE_NODE)
        .raw("</h4>");
    if !o.reaches_node {
        h.raw("<p class=\"state\">");
        pill(h, "pill neutral", wording::NEVER_REACHES_NODE);
        h.raw("</p>")
            .el("p", "explain", &o.explanation)
            .raw("</div>");
        return;
    }
    h.raw("<p class=\"conditions\">").text(&wording::conditions(
        c.node_image.as_str(),
        c.registry.as_str(),
        c.credentials.as_str(),
    ));
    if let Some(by) = &c.pulled_earlier_by {
        h.text(&wording::pulled_earlier_by(by));
    }
    if let Some(n) = o.start_order {
        h.text(&wording::start_step(n));
    }
    h.raw("</p><p class=\"state\">");
    match (&o.blocked_by, o.started, o.waiting_reason) {
        (Some(by), _, _) => pill(h, "pill neutral", &wording::blocked_by(by)),
        (None, _, Some(w)) => {
            h.raw("<span class=\"pill bad\">")
                .text(wording::WAITING)
                .raw("<code>")
                .text(w.as_str())
                .raw("</code></span> ");
        }
        (None, true, None) => pill(h, "pill good", wording::STARTS),
        (None, false, None) => pill(h, "pill bad", wording::DOES_NOT_START),
    }
    if o.blocked_by.is_none() {
        pill(
            h,
            if o.pulls { "yes" } else { "no" },
            wording::pulls(o.pulls),
        );
        pill(
            h,
            if o.contacts_registry { "yes" } else { "no" },
            wording::contacts_registry(o.contacts_registry),
        );
        if o.started {
            pill(h, "fact", &wording::downloads_runs(o.downloads, o.runs));
        }
    }
    h.raw("</p>").el("p", "explain", &o.explanation);
    if let Some(a) = o.always_pull_images.filter(|a| a.rewritten) {
        h.raw("<p class=\"check\">")
            .text(wording::ADMISSION_REWROTE);
        if let Some(p) = a.from {
            h.raw(" (was ").text(p.as_str()).raw(")");
        }
        h.raw(".</p>");
    }
    if let Some(k) = &o.credential_check {
        h.raw("<p class=\"check\"><strong>")
            .text(wording::CREDENTIAL_CHECK)
            .raw("</strong> policy ")
            .text(k.policy.as_str())
            .raw("; ")
            .text(wording::check_result(k.result));
        if let Some(on) = k.allowlisted {
            h.text(wording::allowlisted(on));
        }
        for e in &k.allowlist_errors {
            h.raw(" <span class=\"error-text\">")
                .text(wording::ALLOWLIST_REJECTED)
                .text(e)
                .raw("</span>");
        }
        h.raw("</p>");
    }
    if !o.events.is_empty() {
        h.raw("<div class=\"events-wrap\" tabindex=\"0\"><table class=\"events\"><caption>")
            .text(wording::EVENTS)
            .raw("</caption><thead><tr>");
        for col in wording::EVENT_COLUMNS {
            h.raw("<th scope=\"col\">").text(col).raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
        for e in &o.events {
            let warning = e.kind == EventType::Warning;
            h.raw(if warning {
                "<tr class=\"warning\"><td>Warning"
            } else {
                "<tr><td>Normal"
            })
            .raw("</td><td>")
            .text(e.reason)
            .raw("</td><td>kubelet");
            if let Some(fp) = &e.field_path {
                h.raw(" <span class=\"fp\">").text(fp).raw("</span>");
            }
            h.raw("</td><td>").text(&e.message).raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
    }
    if !o.waiting.is_empty() {
        h.raw("<dl class=\"waiting\">");
        for w in &o.waiting {
            h.raw("<dt>")
                .text(wording::WAITING_STATE)
                .raw("<code>")
                .text(w.reason.as_str())
                .raw("</code></dt>")
                .el("dd", "", &w.message);
        }
        h.raw("</dl>");
    }
    if let Some(b) = &o.backoff {
        h.raw("<div class=\"backoff\"><p class=\"label\">")
            .text(wording::RETRIES)
            .raw("</p><ol class=\"timeline\"")
            .attr("aria-label", wording::RETRY_SECONDS)
            .raw(">");
        for d in &b.delays {
            h.raw("<li>").num(*d).raw(" s</li>");
        }
        h.raw("<li class=\"more\">… every ")
            .num(b.max_seconds)
            .raw(" s</li></ol>")
            .el("p", "rule", b.rule)
            .raw("</div>");
    }
    if !o.nodes.is_empty() {
        disclosure(
            h,
            cx,
            &format!("{id}-skew"),
            "skew",
            wording::ACROSS_NODES,
            false,
        );
        h.raw("<ul>");
        for n in &o.nodes {
            h.el("li", if n.started { "good" } else { "bad" }, &n.summary);
        }
        h.raw("</ul>");
        disclosure_end(h);
    }
    h.raw("</div>");
}
