//! The notice area's content: copied, link too long, link damaged, example loaded
//! (with Undo). The polite live region for the verdicts is in [`crate::app`].

use crate::actions::Click;
use crate::markup::{Html, SafeHtml};
use crate::state::{Notice, Tone};

/// The markup of a notice.
pub fn notice(n: Option<&Notice>) -> SafeHtml {
    let mut h = Html::new();
    if let Some(n) = n {
        let tone = match n.tone {
            Tone::Success => "notice success",
            Tone::Warning => "notice warning",
            Tone::Error => "notice error",
        };
        h.raw("<div")
            .attr("class", tone)
            .raw(">")
            .el("p", "notice-text", &n.text);
        if n.undo {
            h.raw("<button type=\"button\" class=\"btn small\" id=\"notice-undo\"");
            Click::Undo.write(&mut h);
            h.raw(">Undo</button>");
        }
        if let Some(details) = &n.details {
            super::verdicts::copy_details(&mut h, "notice-details", details);
        }
        h.raw("<button type=\"button\" class=\"btn small\"");
        Click::Dismiss.write(&mut h);
        h.raw(" aria-label=\"Dismiss the message\">✕</button></div>");
    }
    h.finish()
}
