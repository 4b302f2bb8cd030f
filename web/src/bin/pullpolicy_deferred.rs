//! The playground's deferred module: what the page needs only after its first verdict,
//! as a small WebAssembly module of its own, so that the page's first load does without
//! it:
//! - the share-link codec: raw deflate and inflate (miniz_oxide, as
//!   [`pullpolicy_web::share::deflate`] and [`pullpolicy_web::share::inflate`]);
//! - the library: the FAQ answers (the core's, [`pullpolicy::faq::FaqEntry::answer`])
//!   and the example manifests but the first ([`pullpolicy_web::library`]);
//! - the diagnosis of pasted evidence ([`pullpolicy_web::diagnosis`], issue #18).
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

/// The diagnosis of pasted evidence ([`pullpolicy_web::diagnosis::run`]), for the analysis
/// worker (`web/worker.js`): a job record ([`pullpolicy_web::engine::encode_job`]) in, a
/// result record ([`pullpolicy_web::engine::encode_from_worker`]) out; "" when the text
/// holds no evidence (the worker explains it) or the record cannot be read.
#[wasm_bindgen]
pub fn diagnose(job: &str) -> String {
    use pullpolicy_web::engine::{FromWorker, decode_job, encode_from_worker};
    let Some(job) = decode_job(job) else {
        return String::new();
    };
    let r = pullpolicy_web::diagnosis::run(&job);
    if r.verdicts.as_str().is_empty() {
        return String::new();
    }
    encode_from_worker(&FromWorker::Result(r))
}

fn main() {}
