//! `dist/embed/`: the `<pull-policy-explainer>` web component and the demo page of the
//! JS API, copied from `embed/`; and their line of the size table.

use crate::cmd::{self, Result};
use crate::size;
use std::path::Path;

/// The files of `embed/` that are served; the rest of the folder (README, the Hugo
/// shortcode, the service worker's sources) is documentation or input to other steps.
const SERVED: [&str; 3] = ["pull-policy-explainer.js", "demo.html", "demo.js"];

/// What a page with the web component loads, relative to `dist/`.
const COMPONENT_LOAD: [&str; 3] = [
    "embed/pull-policy-explainer.js",
    "npm/pullpolicy.js",
    "npm/pullpolicy_bg.wasm",
];

/// What such a page loads besides, once it holds pasted evidence (issue #18).
const DIAGNOSE_LOAD: [&str; 2] = [
    "npm/pullpolicy_diagnose.js",
    "npm/pullpolicy_diagnose_bg.wasm",
];

/// Copies the served files of `embed/` into `out`.
pub fn copy(out: &Path) -> Result {
    std::fs::create_dir_all(out).map_err(|e| format!("{}: {e}", out.display()))?;
    let source = cmd::root().join("embed");
    for name in SERVED {
        std::fs::copy(source.join(name), out.join(name))
            .map_err(|e| format!("embed/{name}: {e}"))?;
    }
    Ok(())
}

/// Prints the total a page with the web component downloads (besides the page itself),
/// in the size table's columns: with manifests only, and with evidence to diagnose.
pub fn print_size(dist: &Path) -> Result {
    let (mut raw, mut gzip) = (0, 0);
    for name in COMPONENT_LOAD {
        let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("dist/{name}: {e}"))?;
        raw += bytes.len();
        gzip += size::gzip(&bytes);
    }
    println!(
        "{:<48} {:>10} {:>10}",
        "web component (embed/pull-policy-explainer.js + npm)",
        size::kb(raw),
        size::kb(gzip)
    );
    for name in DIAGNOSE_LOAD {
        let bytes = std::fs::read(dist.join(name)).map_err(|e| format!("dist/{name}: {e}"))?;
        raw += bytes.len();
        gzip += size::gzip(&bytes);
    }
    println!(
        "{:<48} {:>10} {:>10}",
        "  with evidence (+ npm/pullpolicy_diagnose)",
        size::kb(raw),
        size::kb(gzip)
    );
    Ok(())
}
