//! What the node does with an entry under the current scenario, as markup: started or
//! waiting, pulls or not, registry contacted or not, the kubelet's events as
//! `kubectl describe pod` lists them, the back-off timeline, the credential check and
//! the version-skew view across three nodes.

use super::card::{disclosure, disclosure_end};
use crate::describe;
use crate::markup::Markup;
use pullpolicy::kubelet::{CheckResult, EventType, Outcome};

fn pill(h: &mut Markup, class: &str, text: &str) {
    h.el("span", class, text).raw(" ");
}

/// The node outcome of one entry (`id` is the card's id).
pub fn outcome(h: &mut Markup, o: &Outcome, id: &str) {
    let c = &o.conditions;
    h.raw("<div class=\"outcome\"><h4>On the node</h4>");
    if !o.reaches_node {
        h.raw("<p class=\"state\">");
        pill(h, "pill neutral", "never reaches a node");
        h.raw("</p>")
            .el("p", "explain", &o.explanation)
            .raw("</div>");
        return;
    }
    h.raw("<p class=\"conditions\">Node image ")
        .text(c.node_image.as_str())
        .raw(", registry ")
        .text(c.registry.as_str())
        .raw(", credentials ")
        .text(c.credentials.as_str());
    if let Some(by) = &c.pulled_earlier_by {
        h.raw(" (pulled earlier in this Pod by ").text(by).raw(")");
    }
    if let Some(n) = o.start_order {
        h.raw(" · step ").num(n).raw(" of the Pod’s start");
    }
    h.raw("</p><p class=\"state\">");
    match (&o.blocked_by, o.started, o.waiting_reason) {
        (Some(by), _, _) => pill(h, "pill neutral", &format!("blocked by {by}")),
        (None, _, Some(w)) => {
            h.raw("<span class=\"pill bad\">Waiting: <code>")
                .text(w.as_str())
                .raw("</code></span> ");
        }
        (None, true, None) => pill(h, "pill good", "Starts"),
        (None, false, None) => pill(h, "pill bad", "Does not start"),
    }
    if o.blocked_by.is_none() {
        pill(
            h,
            if o.pulls { "yes" } else { "no" },
            if o.pulls { "pulls" } else { "no pull" },
        );
        pill(
            h,
            if o.contacts_registry { "yes" } else { "no" },
            if o.contacts_registry {
                "contacts the registry"
            } else {
                "registry not contacted"
            },
        );
        if o.started {
            pill(
                h,
                "fact",
                &format!(
                    "downloads {}; runs {}",
                    describe::downloads(o.downloads),
                    describe::runs(o.runs)
                ),
            );
        }
    }
    h.raw("</p>").el("p", "explain", &o.explanation);
    if let Some(a) = o.always_pull_images.filter(|a| a.rewritten) {
        h.raw("<p class=\"check\">AlwaysPullImages rewrote the policy to Always");
        if let Some(p) = a.from {
            h.raw(" (was ").text(p.as_str()).raw(")");
        }
        h.raw(".</p>");
    }
    if let Some(k) = &o.credential_check {
        let result = match k.result {
            CheckResult::NotRequired => "not required: the node’s copy is used",
            CheckResult::AccessibleToAllPods => "pulled without credentials: every Pod may use it",
            CheckResult::SecretMatches => "one of the Pod’s pull secrets matches",
            CheckResult::MustAuthenticate => "the Pod must prove access to the image",
        };
        h.raw("<p class=\"check\"><strong>Credential check (KEP-2535):</strong> policy ")
            .text(k.policy.as_str())
            .raw("; ")
            .text(result);
        match k.allowlisted {
            Some(true) => h.raw("; on the allowlist"),
            Some(false) => h.raw("; not on the allowlist"),
            None => h,
        };
        for e in &k.allowlist_errors {
            h.raw(" <span class=\"error-text\">Allowlist entry rejected: ")
                .text(e)
                .raw("</span>");
        }
        h.raw("</p>");
    }
    if !o.events.is_empty() {
        h.raw("<div class=\"events-wrap\" tabindex=\"0\"><table class=\"events\"><caption>Events, as kubectl describe pod lists them</caption><thead><tr><th scope=\"col\">Type</th><th scope=\"col\">Reason</th><th scope=\"col\">From</th><th scope=\"col\">Message</th></tr></thead><tbody>");
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
            h.raw("<dt>State: Waiting, Reason: <code>")
                .text(w.reason.as_str())
                .raw("</code></dt>")
                .el("dd", "", &w.message);
        }
        h.raw("</dl>");
    }
    if let Some(b) = &o.backoff {
        h.raw("<div class=\"backoff\"><p class=\"label\">Retries (image pull back-off):</p><ol class=\"timeline\" aria-label=\"Seconds before each retry\">");
        for d in &b.delays {
            h.raw("<li>").num(d).raw(" s</li>");
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
            &format!("{id}-skew"),
            "skew",
            "Across three nodes after a rollout",
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
