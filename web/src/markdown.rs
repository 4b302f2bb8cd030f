//! "Copy as Markdown": the view's Markdown report (`pullpolicy_view::report_md`, the
//! CLI's `--format markdown`: the verdict table, the findings, everything from the
//! manifest escaped) with the manifest itself and a link back, for an issue or a chat
//! message.
//!
//! In the browser it is the npm API's `markdown()` (the same function over the same
//! view), which the deferred module's loader imports when first asked for
//! ([`crate::codec::markdown`]): the Markdown report costs the page's first load
//! nothing (it measured 4.2 KB gzip there).

use pullpolicy::Options;
use pullpolicy_view::inputs::Input;
use pullpolicy_view::report_md;
use pullpolicy_view::share::PlaygroundBase;

/// The Markdown for `text` under `options`; its FAQ links and the link back go to
/// `playground` (the link carries the whole manifest, `#yaml=`, readable by hand). What
/// the npm API's `markdown()` returns.
pub fn export(text: &str, options: &Options, playground: &PlaygroundBase) -> String {
    let report = pullpolicy::explain(text, options);
    let link = playground.manifest(text, options);
    let inputs = [Input::Report {
        name: "",
        report: &report,
    }];
    report_md::render(&report_md::Report {
        inputs: &inputs,
        options,
        version: pullpolicy::version(),
        playground,
        manifest: Some((text, &link)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_findings_manifest_and_link() {
        let text = "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: app\r\n    image: nginx\r\n";
        let base = PlaygroundBase::parse("https://x.test/").unwrap();
        let md = export(text, &Options::default(), &base);
        assert!(
            md.starts_with("### pullpolicy: 0 errors, 1 warning, "),
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
        assert!(
            md.contains("[Open in the pullpolicy playground](https://x.test/#yaml="),
            "{md}"
        );
    }

    #[test]
    fn the_users_markup_is_escaped() {
        // The playground's export used to write names and messages unescaped.
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: \"<img src=x onerror=alert(1)>|[x](javascript:y)\"}\nspec:\n  containers:\n  - {name: \"</details><b>\", image: \"nginx:1\"}\n";
        let md = export(text, &Options::default(), &PlaygroundBase::this_page());
        // Before the manifest's fenced block, nothing of the user's is markup.
        let (report, manifest) = md.split_once("```yaml\n").expect("a fenced manifest");
        assert!(!report.contains("<img"), "{md}");
        assert!(!report.contains("<b>"), "{md}");
        assert!(!report.contains("[x](javascript:"), "{md}");
        assert!(report.contains("\\[x\\](javascript:y)"), "{md}");
        assert!(report.contains("&lt;/details&gt;&lt;b&gt;"), "{md}");
        // The manifest itself is in a fence nothing in it can close.
        assert!(manifest.starts_with("apiVersion: v1\n"), "{md}");
        assert!(manifest.contains("\n```\n\n</details>\n"), "{md}");
    }
}
