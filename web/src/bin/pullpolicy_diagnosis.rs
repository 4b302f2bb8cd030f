//! The playground's diagnosis module (issue #18): the core's diagnosis of pasted
//! evidence and its markup ([`pullpolicy_web::diagnosis::run`]), as a WebAssembly module
//! of its own, which the analysis worker (`web/worker.js`) imports when the first paste
//! of evidence arrives. Neither the page's first load nor its deferred module
//! (`pullpolicy_deferred.rs`, loaded on every visit after the first verdict) carries it:
//! it is most of the diagnosis' size, and only pastes of evidence need it.

use wasm_bindgen::prelude::wasm_bindgen;

/// The diagnosis of pasted evidence, for the analysis worker: a job record
/// ([`pullpolicy_web::engine::encode_job`]) in, a result record
/// ([`pullpolicy_web::engine::encode_from_worker`]) out; "" when the text holds no
/// evidence (the worker explains it) or the record cannot be read.
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
