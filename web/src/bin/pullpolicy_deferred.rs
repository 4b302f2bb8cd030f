//! The share-link codec as its own small WebAssembly module: raw deflate and inflate
//! (miniz_oxide, as [`pullpolicy_web::share::deflate`] and [`pullpolicy_web::share::inflate`]).
//! Neither is part of the page's first load:
//! - the analysis worker (`web/worker.js`) loads it when it starts, after the page's
//!   first paint, and compresses with it when the page makes a `#z=` link
//!   (`pullpolicy_web::worker::Engine::deflate`);
//! - the page loads it (`web/codec.js`, see `pullpolicy_web::codec`) only to read a
//!   `#z=` link: before the first verdict when it opens with one.

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

fn main() {}
