//! Offline after the first visit: the service worker `dist/sw.js`, written from
//! `embed/sw.template.js` with the site's version and file list, and
//! `dist/sw-register.js`, which registers it and which `dist/index.html` loads.
//!
//! The registration is an external module script so the Content-Security-Policy needs
//! no hash for it, and the playground's Rust code needs no service-worker code at all.

use crate::cmd::{self, Result};
use crate::dist::{self, DistFile};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The tag added to `dist/index.html`.
pub const REGISTER_TAG: &str = r#"<script type="module" src="./sw-register.js"></script>"#;

/// Files that are never fetched by a page, so not cached: the worker itself, the
/// header rules for the host, the npm package's metadata and documentation, and its
/// Node.js entries. The npm diagnosis module is cached: the web component imports it for
/// pasted evidence, which must work offline too.
fn is_asset(name: &str) -> bool {
    !(name == "sw.js"
        || name == "_headers"
        || name.ends_with(".md")
        || name.ends_with(".d.ts")
        || name == "npm/package.json"
        // Node's entries of the npm package: browsers never load them.
        || (name.starts_with("npm/") && name.ends_with(".node.js")))
}

/// Copies `embed/sw-register.js` to `dist/`, without its comments and indentation (it is
/// part of the first load), and loads it from `dist/index.html`.
pub fn write_register(dist_dir: &Path) -> Result {
    let source = cmd::root().join("embed/sw-register.js");
    let target = dist_dir.join("sw-register.js");
    let script =
        std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    std::fs::write(&target, strip_comment_lines(&script))
        .map_err(|e| format!("{}: {e}", target.display()))?;
    let index = dist_dir.join("index.html");
    let html = std::fs::read_to_string(&index).map_err(|e| format!("{}: {e}", index.display()))?;
    let at = html
        .to_ascii_lowercase()
        .find("</head>")
        .ok_or("dist/index.html has no </head>")?;
    let html = dist::insert_at(&html, at, &format!("\n    {REGISTER_TAG}\n  "));
    std::fs::write(&index, html).map_err(|e| format!("{}: {e}", index.display()))
}

/// `script` without leading whitespace, blank lines and whole-line `//` comments (the
/// script must hold no multi-line string).
fn strip_comment_lines(script: &str) -> String {
    script
        .lines()
        .map(str::trim_start)
        .filter(|l| !l.is_empty() && !l.starts_with("//"))
        .flat_map(|l| [l, "\n"])
        .collect()
}

/// Writes `dist/sw.js`: call it last, when every other file of `dist/` is final.
pub fn write_worker(dist_dir: &Path, files: &[DistFile]) -> Result {
    let source = cmd::root().join("embed/sw.template.js");
    let template =
        std::fs::read_to_string(&source).map_err(|e| format!("{}: {e}", source.display()))?;
    let assets: Vec<&str> = files
        .iter()
        .map(|f| f.name.as_str())
        .filter(|name| is_asset(name))
        .collect();
    if let Some(bad) = assets.iter().find(|n| !is_plain_url_path(n)) {
        return Err(format!(
            "dist/{bad}: the service worker lists file names as URLs, and this one would need escaping"
        ));
    }
    let worker = fill(
        &template,
        &version(files)?,
        &serde_json::to_string(&assets).expect("strings serialize"),
    )?;
    let target = dist_dir.join("sw.js");
    std::fs::write(&target, worker).map_err(|e| format!("{}: {e}", target.display()))
}

/// A hash of every file of `dist/` but the worker: names and contents.
fn version(files: &[DistFile]) -> Result<String> {
    let mut hasher = Sha256::new();
    for file in files.iter().filter(|f| f.name != "sw.js") {
        let bytes = std::fs::read(&file.path).map_err(|e| format!("{}: {e}", file.name))?;
        hasher.update(file.name.as_bytes());
        hasher.update([0]);
        hasher.update((bytes.len() as u64).to_le_bytes());
        hasher.update(&bytes);
    }
    Ok(hasher.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

fn fill(template: &str, version: &str, assets_json: &str) -> Result<String> {
    const VERSION: &str = "'__VERSION__'";
    const ASSETS: &str = "['__ASSETS__']";
    for placeholder in [VERSION, ASSETS] {
        if template.matches(placeholder).count() != 1 {
            return Err(format!(
                "embed/sw.template.js must contain {placeholder} exactly once"
            ));
        }
    }
    Ok(template
        .replace(VERSION, &format!("'{version}'"))
        .replace(ASSETS, assets_json))
}

fn is_plain_url_path(name: &str) -> bool {
    name.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_the_template() {
        let out = fill(
            "const VERSION = '__VERSION__';\nconst ASSETS = ['__ASSETS__'];\n",
            "0123abcd",
            r#"["index.html","a.js"]"#,
        )
        .unwrap();
        assert_eq!(
            out,
            "const VERSION = '0123abcd';\nconst ASSETS = [\"index.html\",\"a.js\"];\n"
        );
        assert!(fill("const VERSION = '__VERSION__';", "x", "[]").is_err());
    }

    #[test]
    fn strips_comment_lines_and_indentation() {
        assert_eq!(
            strip_comment_lines("// about\nfunction f() {\n  // why\n\n  return 'a // b';\n}\n"),
            "function f() {\nreturn 'a // b';\n}\n"
        );
    }

    #[test]
    fn caches_what_pages_fetch() {
        for name in [
            "index.html",
            "app-1a2b.wasm",
            "embed/demo.js",
            "npm/pullpolicy.js",
        ] {
            assert!(is_asset(name), "{name}");
        }
        for name in [
            "sw.js",
            "_headers",
            "npm/README.md",
            "npm/pullpolicy.d.ts",
            "npm/package.json",
            "npm/pullpolicy.node.js",
            "npm/pullpolicy_diagnose.node.js",
        ] {
            assert!(!is_asset(name), "{name}");
        }
        for name in [
            "npm/pullpolicy_diagnose.js",
            "npm/pullpolicy_diagnose_bg.wasm",
        ] {
            assert!(is_asset(name), "{name}");
        }
    }

    #[test]
    fn the_version_changes_with_any_file() {
        let dir = std::env::temp_dir().join(format!("xtask-version-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.js"), "one").unwrap();
        std::fs::write(dir.join("sw.js"), "old worker").unwrap();
        let first = version(&dist::files(&dir).unwrap()).unwrap();
        std::fs::write(dir.join("sw.js"), "new worker").unwrap();
        assert_eq!(version(&dist::files(&dir).unwrap()).unwrap(), first);
        std::fs::write(dir.join("a.js"), "two").unwrap();
        let second = version(&dist::files(&dir).unwrap()).unwrap();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_ne!(first, second);
        assert_eq!(first.len(), 16);
    }
}
