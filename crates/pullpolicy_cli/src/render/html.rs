//! `--format html`: the no-JavaScript fallback for articles on platforms that strip
//! scripts and iframes. One self-contained `<div>` (inline `style` attributes only: no
//! `<script>`, no `<style>`, no external resource), a section per input with its table
//! and findings, and a link to the playground carrying the manifest in the fragment:
//! `<playground>#yaml=<base64url of the UTF-8 text, unpadded>`. Everything is escaped.

use super::{Item, Row, Tone, findings, rows};
use crate::run::{FileResult, Run};
use crate::text;
use pullpolicy::{Options, Severity};
use std::io::{self, Write};

const ROOT: &str = "font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;font-size:14px;line-height:1.5;color:#1f2328;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:12px 16px;margin:1em 0;overflow-x:auto";
const TITLE: &str = "margin:0 0 8px;font-size:15px;font-weight:600";
const TABLE: &str = "border-collapse:collapse;width:100%;margin:0 0 12px;font-size:13px";
const TH: &str =
    "text-align:left;padding:4px 8px;border-bottom:2px solid #d0d7de;white-space:nowrap";
const TD: &str = "padding:4px 8px;border-bottom:1px solid #eaeef2;vertical-align:top";
const CODE: &str = "font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;background:#f6f8fa;border-radius:4px;padding:1px 4px;overflow-wrap:anywhere";
const LIST: &str = "margin:0 0 12px;padding-left:20px";
const ITEM: &str = "margin:0 0 6px";
const NOWRAP: &str = "white-space:nowrap;";
const SECTION: &str = "margin:0 0 16px";
const NOTE: &str = "color:#59636e";
const LINK: &str = "color:#0969da";
const FOOTER: &str = "margin:8px 0 0;font-size:12px;color:#59636e";

fn tone_style(t: Tone) -> &'static str {
    match t {
        Tone::Plain => "",
        Tone::Good => "color:#1a7f37;",
        Tone::Bad => "color:#cf222e;font-weight:600;",
        Tone::Muted => "color:#59636e;",
    }
}

fn severity_style(s: Severity) -> &'static str {
    match s {
        Severity::Error => "color:#cf222e;font-weight:600",
        Severity::Warning => "color:#9a6700;font-weight:600",
        Severity::Info => "color:#0969da;font-weight:600",
    }
}

pub fn render(run: &Run, out: &mut dyn Write) -> io::Result<()> {
    let all_rows = rows(run);
    let all_findings = findings(run, true);
    writeln!(out, "<div class=\"pullpolicy-report\" style=\"{ROOT}\">")?;
    for file in &run.files {
        let name = match file {
            FileResult::Explained(e) => e.name.as_str(),
            FileResult::Failed(e) => e.name.as_str(),
        };
        writeln!(out, "<section style=\"{SECTION}\">")?;
        writeln!(out, "<p style=\"{TITLE}\">{}</p>", escape(name))?;
        let file_rows: Vec<&Row<'_>> = all_rows.iter().filter(|r| r.file == name).collect();
        let file_items: Vec<&Item<'_>> = all_findings
            .items
            .iter()
            .filter(|i| i.file == name)
            .collect();
        if let FileResult::Explained(e) = file {
            table(&file_rows, out)?;
            list(&file_items, out)?;
            link(&run.playground_url, &e.text, &run.options, out)?;
        } else {
            list(&file_items, out)?;
        }
        writeln!(out, "</section>")?;
    }
    writeln!(
        out,
        "<p style=\"{FOOTER}\">{}</p>",
        escape(&text::footer(env!("CARGO_PKG_VERSION"), &run.options))
    )?;
    writeln!(out, "</div>")
}

fn table(rows: &[&Row<'_>], out: &mut dyn Write) -> io::Result<()> {
    if rows.is_empty() {
        return writeln!(out, "<p style=\"{NOTE}\">{}</p>", escape(text::NO_ENTRIES));
    }
    writeln!(out, "<table style=\"{TABLE}\">")?;
    write!(out, "<thead><tr>")?;
    for head in [
        "Line",
        "Object",
        "Container",
        "Image",
        "Written",
        "Effective",
        "Outcome",
    ] {
        write!(out, "<th style=\"{TH}\">{head}</th>")?;
    }
    writeln!(out, "</tr></thead>")?;
    writeln!(out, "<tbody>")?;
    for r in rows {
        writeln!(
            out,
            "<tr><td style=\"{TD}\">{}</td><td style=\"{TD}\">{}</td><td style=\"{TD}\">{}</td><td style=\"{TD};min-width:14em\">{}</td><td style=\"{TD};{NOWRAP}\">{}</td><td style=\"{TD};{NOWRAP}{}\">{}</td><td style=\"{TD};overflow-wrap:anywhere;{}\">{}</td></tr>",
            r.line,
            escape(&r.object),
            escape(&r.container),
            if r.image_missing {
                format!(
                    "<span style=\"{}\">{}</span>",
                    tone_style(Tone::Bad),
                    escape(&r.image)
                )
            } else {
                format!("<code style=\"{CODE}\">{}</code>", escape(&r.image))
            },
            if r.written_tone == Tone::Plain {
                format!("<code style=\"{CODE}\">{}</code>", escape(&r.written))
            } else {
                format!(
                    "<span style=\"{}\">{}</span>",
                    tone_style(r.written_tone),
                    escape(&r.written)
                )
            },
            tone_style(r.effective_tone),
            escape(&r.effective),
            tone_style(r.outcome_tone),
            escape(&r.outcome),
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

fn list(items: &[&Item<'_>], out: &mut dyn Write) -> io::Result<()> {
    if items.is_empty() {
        return writeln!(out, "<p style=\"{NOTE}\">{}</p>", escape(text::NO_FINDINGS));
    }
    writeln!(out, "<ul style=\"{LIST}\">")?;
    for item in items {
        let location = match (item.line, item.column) {
            (Some(l), Some(c)) => format!("{l}:{c}"),
            (Some(l), None) => l.to_string(),
            _ => String::new(),
        };
        let rule = match item.link {
            Some(href) => format!(
                "<a href=\"{}\" style=\"{LINK}\">{}</a>",
                escape(href),
                escape(item.rule)
            ),
            None => escape(item.rule),
        };
        write!(
            out,
            "<li style=\"{ITEM}\"><span style=\"{}\">{}</span> <code style=\"{CODE}\">{}</code> {rule}: {}",
            severity_style(item.severity),
            item.severity.as_str(),
            escape(&location),
            prose(item.message)
        )?;
        if item.severity >= Severity::Warning {
            if !item.explanation.is_empty() {
                write!(
                    out,
                    "<br><span style=\"{NOTE}\">{}</span>",
                    prose(item.explanation)
                )?;
            }
            if let Some(fix) = item.fix {
                write!(
                    out,
                    "<br><span style=\"{NOTE}\">{}:</span> <code style=\"{CODE}\">{}</code>",
                    escape(text::FIX),
                    escape(fix)
                )?;
            }
        }
        writeln!(out, "</li>")?;
    }
    writeln!(out, "</ul>")
}

fn link(
    playground: &str,
    manifest: &str,
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    let href = playground_link(playground, manifest, options);
    if href.len() > text::MAX_PLAYGROUND_LINK {
        return writeln!(
            out,
            "<p style=\"{NOTE}\">{}</p>",
            escape(text::TOO_LARGE_FOR_LINK)
        );
    }
    writeln!(
        out,
        "<p style=\"margin:0\"><a href=\"{}\" style=\"{LINK}\">{}</a></p>",
        escape(&href),
        escape(text::OPEN_IN_PLAYGROUND)
    )
}

/// The playground's URL without a fragment, to put one of ours after.
pub fn playground_base(playground: &str) -> &str {
    playground.split('#').next().unwrap_or(playground)
}

/// `<playground URL without its fragment>#yaml=<base64url(manifest)>`, then the
/// scenario settings that differ from the defaults as `&name=value`, named as the
/// playground reads them (`web/src/params.rs`).
pub fn playground_link(playground: &str, manifest: &str, options: &Options) -> String {
    let base = playground_base(playground);
    let mut href = String::with_capacity(base.len() + manifest.len() * 4 / 3 + 16);
    href.push_str(base);
    href.push_str("#yaml=");
    data_encoding::BASE64URL_NOPAD.encode_append(manifest.as_bytes(), &mut href);
    let s = &options.scenario;
    let d = Options::default();
    let mut pairs: Vec<(&str, String)> = Vec::new();
    if options.kubernetes_version != d.kubernetes_version {
        pairs.push(("k8s", options.kubernetes_version.to_string()));
    }
    if s.node_image != d.scenario.node_image {
        pairs.push(("node", s.node_image.as_str().to_owned()));
    }
    if s.registry != d.scenario.registry {
        pairs.push(("registry", s.registry.as_str().to_owned()));
    }
    if s.credentials != d.scenario.credentials {
        pairs.push(("credentials", s.credentials.as_str().to_owned()));
    }
    if s.always_pull_images {
        pairs.push(("always-pull-images", "1".to_owned()));
    }
    if let Some(on) = s.ensure_secret_pulled_images {
        pairs.push((
            "ensure-secret-pulled-images",
            if on { "on" } else { "off" }.to_owned(),
        ));
    }
    if s.credential_verification != d.scenario.credential_verification {
        pairs.push((
            "verification",
            s.credential_verification.as_str().to_owned(),
        ));
    }
    if !s.allowlist.is_empty() {
        let items: Vec<String> = s.allowlist.iter().map(|i| percent_encode(i)).collect();
        pairs.push(("allowlist", items.join(",")));
    }
    for (name, value) in pairs {
        href.push('&');
        href.push_str(name);
        href.push('=');
        href.push_str(&value);
    }
    href
}

fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The core's prose: escaped text, its `code` spans as `<code>`.
fn prose(s: &str) -> String {
    super::prose(s, escape, |part| {
        format!("<code style=\"{CODE}\">{}</code>", escape(part))
    })
}

/// Text safe in HTML content and in double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && !matches!(c, '\n' | '\t') => {
                out.push_str("&#xFFFD;");
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x')</script>&\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;"
        );
    }

    #[test]
    fn links_carry_base64url() {
        assert_eq!(
            playground_link("https://p.example/#old", "a: ~?>", &Options::default()),
            "https://p.example/#yaml=YTogfj8-"
        );
        let mut o = Options::default();
        o.scenario.registry = pullpolicy::Registry::Unreachable;
        o.scenario.allowlist = vec!["r.example/a b".to_owned()];
        assert_eq!(
            playground_link("https://p.example/", "x", &o),
            "https://p.example/#yaml=eA&registry=unreachable&allowlist=r.example%2Fa%20b"
        );
    }
}
