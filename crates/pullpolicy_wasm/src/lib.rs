//! A thin wasm-bindgen JS API over the pullpolicy core, for embedding and for callers
//! that are not Rust. It translates; all logic is in the core, all presentation in the
//! view (`pullpolicy_view`).
//!
//! ```js
//! import init, { explain, view, fragment } from './pullpolicy_wasm.js';
//! await init();
//! const report = explain(yamlText, { kubernetesVersion: '1.34', scenario: { registry: 'unreachable' } });
//! report.documents[0].entries[0].policy.effective; // "Always"
//! view(yamlText).sections[0].cards[0].outcome;      // "pulls; starts"
//! `https://example.com/pullpolicy/#${fragment(yamlText)}`; // opens it in the playground
//! markdown(yamlText, 'k8s=1.34', 'https://example.com/pullpolicy/'); // "Copy as Markdown"
//! isEvidence(describeOutput);                        // true: load pullpolicy/diagnose
//! ```
//!
//! The `diagnose` feature builds the other module, `pullpolicy/diagnose`: `diagnose` (the
//! core's `DiagnosisReport`), `diagnosisView` (the view's diagnosis model) and
//! `isEvidence`.

use serde::Serialize;
use wasm_bindgen::prelude::*;

/// talc instead of the standard library's dlmalloc: smaller (about 2 KB gzip) and faster
/// in WebAssembly (as in the playground, `web/src/lib.rs`).
#[cfg(all(target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = include_str!("types.d.ts");

/// Installs the panic hook (when the default feature is on), once, at start-up.
#[wasm_bindgen(start)]
pub fn start() {
    #[cfg(feature = "console_error_panic_hook")]
    console_error_panic_hook::set_once();
}

/// The options a JS caller passed: `undefined`, `null`, a partial `Options` object, or
/// the playground's link parameters as a string (`k8s=1.34&registry=unreachable`; the
/// names `pullpolicy_view::share` documents; unknown ones are ignored).
#[cfg(feature = "explain")]
fn options(options: JsValue) -> Result<pullpolicy::Options, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(pullpolicy::Options::default());
    }
    if let Some(params) = options.as_string() {
        return Ok(pullpolicy_view::share::read_query(
            params.trim_start_matches(['#', '&', '?']),
        ));
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| {
        // serde_wasm_bindgen's errors print as JS errors do: "Error: <message>".
        let text = e.to_string();
        let message = text.strip_prefix("Error: ").unwrap_or(&text);
        JsError::new(&format!("options: {message}"))
    })
}

/// Explains a manifest. `options` may be `undefined` or a partial `Options` object
/// (camelCase, as in the JSON contract). Returns a plain object: the core's `Report`.
///
/// # Errors
/// A JS `Error` when `options` is not a valid `Options` object.
#[cfg(feature = "explain")]
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn explain(
    yaml: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<Options> | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&pullpolicy::explain(yaml, &self::options(options)?))
}

/// Explains a manifest and returns it as the edges show it: the view's document model
/// (sections, cards, findings with structured text, rejection notices, counts, worded
/// once), for renderers that are not Rust (the `<pull-policy-explainer>` component).
///
/// # Errors
/// A JS `Error` when `options` is not a valid `Options` object.
#[cfg(feature = "explain")]
#[wasm_bindgen(unchecked_return_type = "View")]
pub fn view(
    yaml: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<Options> | string | undefined")]
    options: JsValue,
) -> Result<JsValue, JsError> {
    let report = pullpolicy::explain(yaml, &self::options(options)?);
    to_js(&pullpolicy_view::View::of(&report))
}

/// The playground's share fragment for a manifest (without `#`): `yaml=<base64url>` and
/// the scenario's non-default settings, as the playground reads them.
///
/// # Errors
/// A JS `Error` when `options` is not a valid `Options` object.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn fragment(
    yaml: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<Options> | string | undefined")]
    options: JsValue,
) -> Result<String, JsError> {
    Ok(pullpolicy_view::share::fragment_plain(
        yaml,
        &self::options(options)?,
    ))
}

/// The Markdown report of a manifest, for an issue or a chat message: the view's report
/// (the CLI's `--format markdown`: counts, the per-entry table, the findings, everything
/// from the manifest escaped), the manifest itself and a link that opens it in the
/// playground at `playground` (an `http(s)://` URL; FAQ links go there too). The
/// playground's "Copy as Markdown".
///
/// # Errors
/// A JS `Error` when `options` is not a valid `Options` object or `playground` is not
/// an `http://` or `https://` URL.
#[cfg(feature = "explain")]
#[wasm_bindgen]
pub fn markdown(
    yaml: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<Options> | string | undefined")]
    options: JsValue,
    playground: &str,
) -> Result<String, JsError> {
    let options = self::options(options)?;
    let base = pullpolicy_view::share::PlaygroundBase::parse(playground)
        .ok_or_else(|| JsError::new("playground: not an http:// or https:// URL"))?;
    let report = pullpolicy::explain(yaml, &options);
    let link = base.manifest(yaml, &options);
    let inputs = [pullpolicy_view::inputs::Input::Report {
        name: "",
        report: &report,
    }];
    Ok(pullpolicy_view::report_md::render(
        &pullpolicy_view::report_md::Report {
            inputs: &inputs,
            options: &options,
            version: pullpolicy::version(),
            playground: &base,
            manifest: Some((yaml, &link)),
        },
    ))
}

/// The diagnosis's options a JS caller passed: `undefined`, `null` or a partial
/// `DiagnoseOptions` object.
#[cfg(feature = "diagnose")]
fn diagnose_options(options: JsValue) -> Result<pullpolicy::diagnose::DiagnoseOptions, JsError> {
    if options.is_undefined() || options.is_null() {
        return Ok(pullpolicy::diagnose::DiagnoseOptions::default());
    }
    serde_wasm_bindgen::from_value(options).map_err(|e| {
        let text = e.to_string();
        let message = text.strip_prefix("Error: ").unwrap_or(&text);
        JsError::new(&format!("options: {message}"))
    })
}

/// Whether `text` may be evidence of a pull failure (`kubectl describe` output, Pod
/// status, events, Node objects) rather than a manifest: the playground's detector
/// (`pullpolicy_view::diagnosis::is_evidence`, a few substring tests). In both modules,
/// so that a page can tell whether it needs `pullpolicy/diagnose` before loading it.
/// `diagnosisView(text).evidence` has the last word.
#[wasm_bindgen(js_name = isEvidence)]
pub fn is_evidence(text: &str) -> bool {
    pullpolicy_view::diagnosis::is_evidence(text)
}

/// Diagnoses pasted evidence and returns it as the edges show it: the view's diagnosis
/// model (summary, one card per failing container with its class, reason, the
/// runtime's message, the policy's part, the back-off timeline, the nodes, the fix,
/// findings with structured text, FAQ entries with their answers; `evidence: false`
/// when the text holds none, which is then a manifest to explain), for renderers that
/// are not Rust (the `<pull-policy-explainer>` component).
///
/// # Errors
/// A JS `Error` when `options` is not a valid `DiagnoseOptions` object.
#[cfg(feature = "diagnose")]
#[wasm_bindgen(js_name = diagnosisView, unchecked_return_type = "DiagnosisView")]
pub fn diagnosis_view(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<DiagnoseOptions> | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    let report = pullpolicy::diagnose::diagnose(text, &diagnose_options(options)?);
    to_js(&pullpolicy_view::diagnosis::DiagnosisWithAnswers::of(
        &report,
    ))
}

/// Diagnoses image-pull failures in pasted evidence (`kubectl describe pod` output, Pod
/// objects with status, events, Node objects, logs, in any mix). `options` may be
/// `undefined` or a partial `DiagnoseOptions` object. Returns a plain object: the core's
/// `DiagnosisReport` (the CLI's `diagnose --format json` report).
///
/// # Errors
/// A JS `Error` when `options` is not a valid `DiagnoseOptions` object.
#[cfg(feature = "diagnose")]
#[wasm_bindgen(unchecked_return_type = "DiagnosisReport")]
pub fn diagnose(
    text: &str,
    #[wasm_bindgen(unchecked_param_type = "Partial<DiagnoseOptions> | undefined")] options: JsValue,
) -> Result<JsValue, JsError> {
    to_js(&pullpolicy::diagnose::diagnose(
        text,
        &diagnose_options(options)?,
    ))
}

/// The FAQ & guidance entries.
#[cfg(feature = "explain")]
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
    /// The TypeScript union of failure classes is the core's list, in order.
    #[test]
    fn typescript_failure_classes_are_the_cores() {
        let union: Vec<String> = pullpolicy::diagnose::FailureClass::ALL
            .iter()
            .map(|c| format!("\"{}\"", c.id()))
            .collect();
        let line = format!("export type FailureClass = {};", union.join(" | "));
        assert!(
            include_str!("types.d.ts").contains(&line),
            "types.d.ts lacks `{line}`"
        );
    }

    /// Every top-level field of the diagnosis JSON is in the TypeScript interface.
    #[test]
    fn typescript_diagnosis_fields_are_the_cores() {
        let report = pullpolicy::diagnose::diagnose(
            "  Warning  Failed  17s (x2 over 30s)  kubelet  Failed to pull image \"nginx:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found\n",
            &pullpolicy::diagnose::DiagnoseOptions::default(),
        );
        let value = serde_json::to_value(&report).expect("JSON");
        let ts = include_str!("types.d.ts");
        let d = &value["diagnoses"][0];
        for object in [&value, d, &d["runtime"], &d["policy"], &value["summary"]] {
            for key in object.as_object().expect("object").keys() {
                assert!(
                    ts.contains(&format!(" {key}: "))
                        || ts.contains(&format!(" {key}?: "))
                        || ts.contains(&format!("{{ {key}: ")),
                    "types.d.ts lacks `{key}`"
                );
            }
        }
    }

    /// Every field of the diagnosis view (`diagnosisView()`) is in the TypeScript
    /// interfaces.
    #[test]
    fn typescript_diagnosis_view_fields_are_the_views() {
        let ts = include_str!("types.d.ts");
        let view = |text: &str| {
            let report = pullpolicy::diagnose::diagnose(
                text,
                &pullpolicy::diagnose::DiagnoseOptions::default(),
            );
            serde_json::to_value(pullpolicy_view::diagnosis::DiagnosisWithAnswers::of(
                &report,
            ))
            .expect("JSON")
        };
        // A node's image list; pods without a pull problem.
        let mixed = view(include_str!(
            "../../pullpolicy/tests/fixtures/diagnose/composed/mixed.txt"
        ));
        let list = view(include_str!(
            "../../pullpolicy/tests/fixtures/diagnose/composed/pods_list.yaml"
        ));
        let d = &mixed["diagnoses"][0];
        for object in [
            &mixed,
            &mixed["labels"],
            d,
            &d["nodes"][0],
            &list["pods"][0],
        ] {
            for key in object.as_object().expect("an object").keys() {
                assert!(
                    ts.contains(&format!(" {key}: ")) || ts.contains(&format!("{{ {key}: ")),
                    "types.d.ts lacks `{key}`"
                );
            }
        }
    }

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
