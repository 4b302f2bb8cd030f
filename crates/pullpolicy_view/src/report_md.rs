//! The Markdown report: the CLI's `--format markdown` (a pull-request comment) and the
//! playground's "Copy as Markdown" (the same, with the manifest and a link back). A
//! title with the counts, the per-entry table, errors and warnings with why and how to
//! fix, the informational findings folded away. Everything from the input goes through
//! [`Markdown`]'s escaping, so a manifest cannot break the table or inject markup.

use crate::inputs::{Input, Item, counts, items, rows};
use crate::markdown::Markdown;
use crate::share::{PlaygroundBase, PlaygroundUrl};
use crate::text::Target;
use crate::wording;
use pullpolicy::{Options, Severity};

/// Manifests longer than this (characters) are cut in the export (the link keeps all).
pub const MAX_MANIFEST: usize = 30_000;

/// What to write.
#[derive(Debug)]
pub struct Report<'a> {
    /// The inputs.
    pub inputs: &'a [Input<'a>],
    /// The scenario they were explained under.
    pub options: &'a Options,
    /// The tool's version, for the footer.
    pub version: &'a str,
    /// Where FAQ links go.
    pub playground: &'a PlaygroundBase,
    /// The manifest and the link that opens it (the playground's export).
    pub manifest: Option<(&'a str, &'a PlaygroundUrl)>,
}

/// The Markdown.
pub fn render(r: &Report<'_>) -> String {
    let rows = rows(r.inputs);
    let all = items(r.inputs, true);
    let (counts, _) = counts(r.inputs);
    let mut m = Markdown::new();
    m.raw("### ").text(&wording::title(&counts)).raw("\n\n");

    if rows.is_empty() {
        m.text(wording::NO_ENTRIES).raw("\n\n");
    } else {
        m.raw("|");
        for c in wording::TABLE_COLUMNS {
            m.raw(" ").text(c).raw(" |");
        }
        m.raw("\n|");
        for _ in wording::TABLE_COLUMNS {
            m.raw(" --- |");
        }
        m.raw("\n");
        for row in &rows {
            let c = &row.card;
            m.raw("| ").code(&row.location(), true).raw(" | ");
            m.text(&row.object)
                .raw(" | ")
                .text(&row.container)
                .raw(" | ");
            match c.image.raw {
                Some(raw) => m.code(raw, true),
                None => m.text(c.image.shown),
            };
            m.raw(" | ");
            match row.written {
                (w, crate::model::Tone::Plain) => m.code(w, true),
                (w, _) => m.text(w),
            };
            m.raw(" | ")
                .text(&row.effective.0)
                .raw(" | ")
                .text(&row.outcome.0)
                .raw(" |\n");
        }
        m.raw("\n");
    }

    m.raw("**").text(wording::FINDINGS).raw("**\n\n");
    let (serious, infos): (Vec<&Item<'_>>, Vec<&Item<'_>>) = all
        .iter()
        .partition(|i| i.finding.severity >= Severity::Warning);
    if all.is_empty() {
        m.text(wording::NO_FINDINGS).raw("\n\n");
    }
    for item in &serious {
        list_item(&mut m, item, Some(r.playground));
    }
    if !serious.is_empty() {
        m.raw("\n");
    }
    if !infos.is_empty() {
        m.raw("<details>\n<summary>")
            .text(&wording::info_details(infos.len(), !serious.is_empty()))
            .raw("</summary>\n\n");
        for item in &infos {
            list_item(&mut m, item, None);
        }
        m.raw("\n</details>\n\n");
    }
    if counts.skipped > 0 {
        m.text(&wording::skipped_documents(counts.skipped))
            .raw(".\n\n");
    }
    if let Some((text, link)) = r.manifest {
        let (shown, cut) = match text.char_indices().nth(MAX_MANIFEST) {
            Some((i, _)) => (&text[..i], true),
            None => (text, false),
        };
        m.raw("<details><summary>")
            .text(wording::MANIFEST)
            .raw("</summary>\n\n")
            .fenced("yaml", shown);
        if cut {
            m.raw("\n").text(wording::MANIFEST_CUT).raw("\n");
        }
        m.raw("\n</details>\n\n")
            .link(
                wording::OPEN_IN_PLAYGROUND,
                &Target::playground(link),
                r.playground,
            )
            .raw("\n\n");
    }
    m.raw("<sub>")
        .text(&wording::footer(r.version, r.options))
        .raw("</sub>\n");
    m.finish()
}

/// A finding as a list item; with `details` (where FAQ links go), its explanation, fix
/// and related questions.
fn list_item(m: &mut Markdown, item: &Item<'_>, details: Option<&PlaygroundBase>) {
    let f = &item.finding;
    let base = details.cloned().unwrap_or_else(PlaygroundBase::this_page);
    m.raw("- **")
        .text(f.severity.as_str())
        .raw("** ")
        .code(&item.location(), false)
        .raw(" ");
    match f.links.first() {
        Some(link) => m.code_link(f.id, link, &base),
        None => m.code(f.id, false),
    };
    m.raw(": ").spans(&f.message, false, &base);
    if let Some(base) = details {
        if !f.explanation.is_empty() {
            m.raw("<br>").spans(&f.explanation, false, base);
        }
        if let Some(fix) = f.fix {
            m.raw("<br>")
                .text(wording::FIX_LABEL)
                .raw(": ")
                .code(fix, false);
        }
        for e in &f.faq {
            m.raw("<br>").text(wording::FAQ_LABEL).raw(": ");
            m.spans_link(
                &crate::text::Text::ours(e.question),
                &Target::faq(e.0),
                base,
            );
        }
    }
    m.raw("\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx\r\n";

    #[test]
    fn the_playground_export_has_the_table_findings_manifest_and_link() {
        let options = Options::default();
        let report = pullpolicy::explain(POD, &options);
        let base = PlaygroundBase::parse("https://x.test/").unwrap();
        let link = base.manifest(POD, &options);
        let inputs = [Input::Report {
            name: "",
            report: &report,
        }];
        let md = render(&Report {
            inputs: &inputs,
            options: &options,
            version: "0.1.0",
            playground: &base,
            manifest: Some((POD, &link)),
        });
        assert!(
            md.starts_with("### pullpolicy: 0 errors, 1 warning, 2 info\n"),
            "{md}"
        );
        assert!(
            md.contains(
                "| `6` | Pod/p | app | `nginx` | (unset) | Always (default) | pulls; starts |"
            ),
            "{md}"
        );
        assert!(md.contains("```yaml\napiVersion: v1\nkind: Pod\n"), "{md}");
        assert!(!md.contains('\r'));
        assert!(md.contains(&format!(
            "[Open in the pullpolicy playground]({})",
            link.as_str()
        )));
        assert!(
            md.contains(
                "FAQ: [Why did my image default to Always?](https://x.test/#faq-why-default-always)"
            ),
            "{md}"
        );
    }
}
