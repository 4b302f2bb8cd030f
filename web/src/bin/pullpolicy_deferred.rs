//! The playground's deferred module: what the page needs only after its first verdict,
//! as a small WebAssembly module of its own, so that the page's first load does without
//! it:
//! - the share-link codec: raw deflate and inflate (miniz_oxide, as
//!   [`pullpolicy_web::share::deflate`] and [`pullpolicy_web::share::inflate`]);
//! - the library: the FAQ answers (the core's, [`pullpolicy::faq::FaqEntry::answer`])
//!   and the example manifests but the first ([`pullpolicy_web::library`]).
//!
//! The page loads it (`web/codec.js`, see `pullpolicy_web::codec`) once: shortly after
//! its first verdict, or sooner when asked for a link or an example, or before the first
//! verdict when it opens with a `#z=` link, which it inflates.

use wasm_bindgen::prelude::wasm_bindgen;

/// Raw deflate of `bytes`.
#[wasm_bindgen]
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    pullpolicy_web::share::deflate(bytes)
}

/// The text of a `#z=` manifest from its compressed bytes; a failure throws the
/// number of its `LinkError` (`LinkError::code`).
#[wasm_bindgen]
pub fn inflate(bytes: &[u8]) -> Result<String, u8> {
    pullpolicy_web::share::inflate(bytes).map_err(|e| e.code())
}

/// The FAQ answers and the example manifests, as [`pullpolicy_web::library::Library`]
/// reads them.
#[wasm_bindgen]
pub fn library() -> String {
    pullpolicy_web::library::write()
}

fn main() {}
