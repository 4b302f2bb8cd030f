//! A thin wasm-bindgen JS API over the pullpolicy core.

use wasm_bindgen::prelude::*;

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    pullpolicy::version().to_owned()
}
