//! The share-link compressor as its own small WebAssembly module: raw deflate
//! (miniz_oxide, level 9, as [`pullpolicy_web::share::deflate`]). The analysis worker
//! (`web/worker.js`) loads it when it starts, after the page's first paint, so the
//! compressor (about 9 KB gzip) is not part of the first load; the page asks the
//! worker for it when it makes a `#z=` link (`pullpolicy_web::worker::Engine::deflate`).

use wasm_bindgen::prelude::wasm_bindgen;

/// Raw deflate of `bytes`.
#[wasm_bindgen]
pub fn deflate(bytes: &[u8]) -> Vec<u8> {
    pullpolicy_web::share::deflate(bytes)
}

fn main() {}
