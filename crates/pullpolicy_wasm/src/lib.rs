//! A thin wasm-bindgen JS API over the pullpolicy core, for embedding and for callers
//! that are not Rust. It translates; all logic is in the core.
//!
//! ```js
//! import init, { explain } from './pullpolicy_wasm.js';
//! await init();
//! const report = explain(yamlText, { kubernetesVersion: '1.34', scenario: { registry: 'unreachable' } });
//! report.documents[0].entries[0].policy.effective; // "Always"
//! ```

use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// Installs the panic hook (when the default feature is on), once, at start-up.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// Explains a manifest. `options` may be `undefined` or a partial `Options` object
/// (camelCase, as in the JSON contract). Returns a plain object: the core's `Report`.
///
/// # Errors
/// A JS `Error` when `options` is not a valid `Options` object.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn explain(
    yaml: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<Options> | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let options: pullpolicy::Options = if options.is_undefined() || options.is_null() {
        pullpolicy::Options::default()
    } else {
        serde_wasm_bindgen::from_value(options).map_err(|e| {
            // serde_wasm_bindgen's errors print as JS errors do: "Error: <message>".
            let text = e.to_string();
            let message = text.strip_prefix("Error: ").unwrap_or(&text);
            JsError::new(&format!("options: {message}"))
        })?
    };
    to_js(&pullpolicy::explain(yaml, &options))
}

/// The FAQ & guidance entries.
#[wasm_bindgen(unchecked_return_type = "FaqEntry[]")]
pub fn faq() -> Result<JsValue, JsError> {
    to_js(pullpolicy::faq::entries())
}

/// The core's version.
#[wasm_bindgen]
pub fn version() -> String {
    pullpolicy::version().to_owned()
}

/// Plain JS objects (not `Map`s), as `JSON.parse` of the CLI's output would give.
fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

#[cfg(test)]
mod tests {
    /// The TypeScript union of versions is the core's version table.
    #[test]
    fn typescript_versions_are_the_tables() {
        let union: Vec<String> = pullpolicy::KubeVersion::all()
            .map(|v| format!("\"{v}\""))
            .collect();
        let line = format!("export type KubernetesVersion = {};", union.join(" | "));
        assert!(
            include_str!("types.d.ts").contains(&line),
            "types.d.ts lacks `{line}`"
        );
    }
}
