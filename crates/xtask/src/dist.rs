//! `cargo xtask dist`: the release site in `dist/`, and its size table.
//!
//! Steps, in order:
//! 1. Trunk builds the playground (`index.html`, its JS glue, wasm and CSS);
//! 2. [`npm`]: the JS API as an npm-ready package in `dist/npm/`;
//! 3. [`embed`]: the `<pull-policy-explainer>` web component and the JS API demo page
//!    in `dist/embed/`;
//! 4. [`offline`]: `dist/sw-register.js`, loaded by `dist/index.html`;
//! 5. [`csp`]: the Content-Security-Policy in every page, and `dist/_headers`;
//! 6. [`offline`]: `dist/sw.js`, last, because its version hashes every other file.

use crate::cmd::{self, Result};
use crate::{csp, embed, flag_value, npm, offline, size, tools};
use std::path::{Path, PathBuf};

/// Builds `dist/` (or the folder given with `--dist DIR`) and prints the size table.
pub fn run(args: &[String]) -> Result {
    tools::ensure_site_tools()?;
    let dist = flag_value(args, "--dist").map_or_else(|| cmd::root().join("dist"), PathBuf::from);
    build_site_into(&dist)?;
    // Over the budget is reported, not an error here (the site is still worth looking
    // at); `cargo xtask test` fails on it.
    size::print_table(&dist)?;
    embed::print_size(&dist)
}

/// The whole static site in `dist/`.
pub fn build_site() -> Result {
    build_site_into(&cmd::root().join("dist"))
}

/// The whole static site in `dist`: Trunk's build, then every step above.
fn build_site_into(dist: &Path) -> Result {
    cmd::run(trunk().args(["build", "--release", "--dist"]).arg(dist))?;
    // Trunk resolves a relative --dist against the root; the steps below must too.
    let dist = &cmd::root().join(dist);
    npm::build(&dist.join("npm"))?;
    embed::copy(&dist.join("embed"))?;
    offline::write_register(dist)?;
    csp::apply(dist, &files(dist)?)?;
    offline::write_worker(dist, &files(dist)?)
}

/// Trunk, never touching the network.
pub fn trunk() -> std::process::Command {
    let mut trunk = cmd::command("trunk");
    // Trunk parses NO_COLOR as a boolean: "1" is refused, "true" works.
    trunk.env("TRUNK_OFFLINE", "true").env("NO_COLOR", "true");
    trunk
}

/// One file of `dist/`.
#[derive(Debug)]
pub struct DistFile {
    /// Where it is.
    pub path: PathBuf,
    /// Its path relative to `dist/`, with `/` separators (its relative URL).
    pub name: String,
}

impl DistFile {
    /// Its contents as text.
    pub fn read_text(&self) -> Result<String> {
        std::fs::read_to_string(&self.path).map_err(|e| format!("dist/{}: {e}", self.name))
    }

    /// Replaces its contents.
    pub fn write_text(&self, text: &str) -> Result {
        std::fs::write(&self.path, text).map_err(|e| format!("dist/{}: {e}", self.name))
    }
}

/// Every file under `dir`, sorted by name, without hidden ones (such as the `.stage/`
/// of a Trunk build still running).
pub fn files(dir: &Path) -> Result<Vec<DistFile>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(current) = pending.pop() {
        let entries =
            std::fs::read_dir(&current).map_err(|e| format!("{}: {e}", current.display()))?;
        for entry in entries {
            let path = entry
                .map_err(|e| format!("{}: {e}", current.display()))?
                .path();
            if path
                .file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            {
                continue;
            }
            if path.is_dir() {
                pending.push(path);
            } else {
                let name = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .to_string_lossy()
                    .replace('\\', "/");
                out.push(DistFile { path, name });
            }
        }
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// `text` with `insertion` at byte offset `at`.
pub fn insert_at(text: &str, at: usize, insertion: &str) -> String {
    let mut out = String::with_capacity(text.len() + insertion.len());
    out.push_str(&text[..at]);
    out.push_str(insertion);
    out.push_str(&text[at..]);
    out
}
