//! The Content-Security-Policy the site ships: a `<meta>` in every page of `dist/`, and
//! the same policy as a header in `dist/_headers` for hosts that read that file
//! (Netlify, Cloudflare Pages).
//!
//! Scripts run only from the site's own files, plus the inline module loader Trunk
//! writes into `index.html`, allowed by its SHA-256 (no `'unsafe-inline'`, no
//! `'unsafe-eval'`; `'wasm-unsafe-eval'` lets the pages compile their wasm).

use crate::cmd::Result;
use crate::dist::{self, DistFile};
use sha2::{Digest, Sha256};
use std::collections::BTreeSet;
use std::path::Path;

/// The policy's directives after `script-src`, and why each is what it is.
///
/// - `style-src 'unsafe-inline'`: the playground sets styles from Rust and pages may
///   carry a `<style>`; styles cannot run code.
/// - `img-src data:`: small inline images (icons) in the stylesheet.
/// - `connect-src 'self'`: the wasm is fetched; nothing else is.
/// - `worker-src 'self'`: the service worker (`sw.js`).
/// - `form-action 'none'`, `object-src 'none'`, `base-uri 'self'`: nothing submits
///   forms, embeds plugins or needs another base URL.
///
/// `frame-ancestors` is left out on purpose: the embed page is meant to be framed (and
/// a `<meta>` policy cannot carry it anyway).
const AFTER_SCRIPT_SRC: &str = "style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; form-action 'none'";

/// Adds the policy to every HTML page of `dist/` and writes `dist/_headers`. The script
/// hashes are those of every inline script of every page, so one policy serves all.
pub fn apply(dist_dir: &Path, files: &[DistFile]) -> Result {
    let pages: Vec<&DistFile> = files.iter().filter(|f| f.name.ends_with(".html")).collect();
    let mut texts = Vec::new();
    let mut hashes = BTreeSet::new();
    for page in &pages {
        let html = page.read_text()?;
        if html
            .to_ascii_lowercase()
            .contains("content-security-policy")
        {
            return Err(format!(
                "{} already has a Content-Security-Policy",
                page.name
            ));
        }
        hashes.extend(inline_scripts(&html).into_iter().map(sha256));
        texts.push(html);
    }
    let policy = policy(&hashes);
    let meta = format!(r#"<meta http-equiv="Content-Security-Policy" content="{policy}" />"#);
    for (page, html) in pages.iter().zip(texts) {
        let html = insert_meta(&html, &meta).ok_or_else(|| format!("{}: no <head>", page.name))?;
        page.write_text(&html)?;
    }
    let headers = dist_dir.join("_headers");
    std::fs::write(&headers, headers_file(&policy))
        .map_err(|e| format!("{}: {e}", headers.display()))
}

/// The policy allowing the inline scripts whose `'sha256-…'` sources are `hashes`.
pub fn policy(hashes: &BTreeSet<String>) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for hash in hashes {
        script.push(' ');
        script.push_str(hash);
    }
    format!("default-src 'self'; script-src {script}; {AFTER_SCRIPT_SRC}")
}

/// `'sha256-<base64>'` of a script's text, as CSP hashes it (its UTF-8 bytes).
fn sha256(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!("'sha256-{}'", data_encoding::BASE64.encode(&digest))
}

/// The text of every inline script the browser would run: `<script>` elements without
/// `src` whose `type` is absent, empty, `module` or a JavaScript MIME type (data blocks
/// such as `text/yaml` never run, so they need no hash).
pub fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lowercasing keeps every byte offset, so offsets found in `lower` index `html`.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(found) = lower[at..].find("<script") {
        let name_end = at + found + "<script".len();
        let Some(tag_end) = tag_end(&lower, name_end) else {
            break;
        };
        at = tag_end + 1;
        // `<scripts>` or `<script-x>` are other elements.
        if !lower[name_end..].starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            continue;
        }
        let Some(close) = lower[at..].find("</script") else {
            break;
        };
        let attrs = attributes(&html[name_end..tag_end]);
        let runs = !attrs.iter().any(|(name, _)| name == "src")
            && attrs
                .iter()
                .find(|(name, _)| name == "type")
                .and_then(|(_, value)| value.as_deref())
                .is_none_or(is_script_type);
        if runs {
            scripts.push(&html[at..at + close]);
        }
        at += close;
    }
    scripts
}

fn is_script_type(value: &str) -> bool {
    let value = value.trim().to_ascii_lowercase();
    value.is_empty()
        || value == "module"
        || matches!(
            value.as_str(),
            "text/javascript"
                | "application/javascript"
                | "text/ecmascript"
                | "application/ecmascript"
        )
}

/// The index of the `>` that ends the tag whose attributes start at `from` (quotes
/// respected).
fn tag_end(html: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in html[from..].char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

/// The attributes of a start tag's inside, names lowercased.
fn attributes(tag: &str) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut rest = tag.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    while !rest.is_empty() {
        let name_len = rest
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_len].to_ascii_lowercase();
        rest = rest[name_len..].trim_start();
        let mut value = None;
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (v, remaining) = match after.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let end = after[1..].find(q).map_or(after.len(), |e| e + 1);
                    (&after[1..end], after.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after
                        .find(|c: char| c.is_ascii_whitespace())
                        .unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = Some(v.to_owned());
            rest = remaining;
        }
        if !name.is_empty() {
            out.push((name, value));
        }
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
    }
    out
}

/// `html` with `meta` right after `<meta charset…>` (or the `<head>` tag): before any
/// script, so the policy covers them all.
fn insert_meta(html: &str, meta: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let after = lower
        .find("<meta charset")
        .or_else(|| lower.find("<head"))
        .and_then(|start| tag_end(&lower, start))?
        + 1;
    Some(dist::insert_at(html, after, &format!("\n    {meta}")))
}

fn headers_file(policy: &str) -> String {
    format!(
        "\
# Written by `cargo xtask dist` (crates/xtask/src/csp.rs). Netlify and Cloudflare Pages
# read this file; other hosts: set the same headers in their configuration (see
# embed/README.md). The Content-Security-Policy equals the <meta> in every page.
# Paths are relative to where dist/ is published.
# Access-Control-Allow-Origin: the web component and the npm package are loaded by
# pages of other sites, and the embed page (index.html?embed) inside
# <iframe sandbox=\"allow-scripts\"> has an opaque origin: in both cases module scripts
# and wasm are fetched with CORS.
/*
  Content-Security-Policy: {policy}
  X-Content-Type-Options: nosniff
  Access-Control-Allow-Origin: *
"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_scripts_that_run() {
        let html = r#"<head><script type="module">
import init from './a.js';
</script><script src="x.js"></script><SCRIPT>one()</SCRIPT>
<script type="text/yaml">image: nginx</script><script type='text/javascript' data-x=">">two()</script>
<scripts>no</scripts></head>"#;
        assert_eq!(
            inline_scripts(html),
            ["\nimport init from './a.js';\n", "one()", "two()"]
        );
    }

    #[test]
    fn hashes_as_browsers_do() {
        // printf 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(
            sha256("alert(1)"),
            "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
        );
    }

    #[test]
    fn the_policy_allows_no_inline_or_eval_scripts() {
        let hashes = BTreeSet::from(["'sha256-abc='".to_owned()]);
        let policy = policy(&hashes);
        let script_src = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .unwrap();
        assert_eq!(
            script_src.trim(),
            "script-src 'self' 'wasm-unsafe-eval' 'sha256-abc='"
        );
        assert!(!policy.contains("'unsafe-eval'"));
    }

    #[test]
    fn the_meta_comes_before_every_script() {
        let html = "<html><head>\n<meta charset=\"utf-8\" />\n<script>x()</script></head></html>";
        let out = insert_meta(html, "<meta csp>").unwrap();
        assert_eq!(
            out,
            "<html><head>\n<meta charset=\"utf-8\" />\n    <meta csp>\n<script>x()</script></head></html>"
        );
        let bare = insert_meta("<head><title>t</title></head>", "<m>").unwrap();
        assert_eq!(bare, "<head>\n    <m><title>t</title></head>");
        assert_eq!(insert_meta("<p>no head</p>", "<m>"), None);
    }
}
