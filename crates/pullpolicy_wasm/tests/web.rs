//! The JS API in a real browser: plain objects out, options in, errors as JS errors.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: app\n    image: nginx\n";

fn get(v: &JsValue, path: &[&str]) -> JsValue {
    path.iter().fold(v.clone(), |v, key| {
        let key = match key.parse::<u32>() {
            Ok(i) => JsValue::from(i),
            Err(_) => JsValue::from_str(key),
        };
        js_sys::Reflect::get(&v, &key).expect("property")
    })
}

#[wasm_bindgen_test]
fn explain_returns_the_json_contract_as_plain_objects() {
    let report = pullpolicy_wasm::explain(POD, JsValue::UNDEFINED).expect("report");
    assert_eq!(get(&report, &["schemaVersion"]).as_f64(), Some(1.0));
    let entry = get(&report, &["documents", "0", "entries", "0"]);
    assert_eq!(
        get(&entry, &["policy", "effective"]).as_string().as_deref(),
        Some("Always")
    );
    assert_eq!(
        get(&entry, &["image", "runtimeRef"]).as_string().as_deref(),
        Some("nginx:latest")
    );
    assert!(js_sys::Array::is_array(&get(&report, &["documents"])));
    // A plain object, not a Map: JSON.stringify sees its fields.
    let json = js_sys::JSON::stringify(&report)
        .expect("stringify")
        .as_string()
        .unwrap();
    assert!(json.contains("\"effective\":\"Always\""), "{json}");
}

#[wasm_bindgen_test]
fn options_select_the_version() {
    let options = js_sys::JSON::parse(r#"{"kubernetesVersion":"1.30"}"#).unwrap();
    let report = pullpolicy_wasm::explain(POD, options).expect("report");
    assert_eq!(
        get(&report, &["kubernetesVersion"]).as_string().as_deref(),
        Some("1.30")
    );
}

#[wasm_bindgen_test]
fn bad_options_are_a_js_error() {
    let options = js_sys::JSON::parse(r#"{"kubernetesVersion":"1.99"}"#).unwrap();
    let err = pullpolicy_wasm::explain(POD, options).expect_err("an error");
    let err: JsValue = err.into();
    let message = get(&err, &["message"]).as_string().unwrap();
    assert_eq!(
        message,
        "options: unsupported Kubernetes version \"1.99\": supported versions are 1.28 to 1.37"
    );
}

#[wasm_bindgen_test]
fn faq_lists_entries() {
    let faq = pullpolicy_wasm::faq().expect("faq");
    let first = get(&faq, &["0"]);
    assert!(
        get(&first, &["question"])
            .as_string()
            .unwrap()
            .ends_with('?')
    );
}

#[wasm_bindgen_test]
fn view_is_the_document_model_worded_once() {
    let view = pullpolicy_wasm::view(POD, JsValue::UNDEFINED).expect("view");
    let card = get(&view, &["sections", "0", "cards", "0"]);
    assert_eq!(
        get(&card, &["outcome"]).as_string().as_deref(),
        Some("pulls; starts")
    );
    assert_eq!(
        get(&card, &["policy", "key"]).as_string().as_deref(),
        Some("Always")
    );
    // Structured text: the core's `code` spans are spans, not backticks.
    let finding = get(&card, &["findings", "0"]);
    assert_eq!(
        get(&finding, &["rule"]).as_string().as_deref(),
        Some("latest-tag")
    );
    assert!(js_sys::Array::is_array(&get(&finding, &["message"])));
    // A refusal is an error finding, counted once, and shown in the API server's words.
    let ephemeral = format!("{POD}  ephemeralContainers:\n  - {{name: d, image: \"busybox:1\"}}\n");
    let view = pullpolicy_wasm::view(&ephemeral, JsValue::UNDEFINED).expect("view");
    assert_eq!(get(&view, &["counts", "errors"]).as_f64(), Some(2.0));
    assert_eq!(
        get(&view, &["sections", "0", "findings", "0", "rule"])
            .as_string()
            .as_deref(),
        Some("object-invalid")
    );
    assert_eq!(
        get(&view, &["sections", "0", "rejections", "0", "kind"])
            .as_string()
            .as_deref(),
        Some("api")
    );
}

#[wasm_bindgen_test]
fn links_and_markdown_take_options_or_link_parameters() {
    let fragment = pullpolicy_wasm::fragment("x", JsValue::from_str("k8s=1.30")).expect("fragment");
    assert_eq!(fragment, "yaml=eA&k8s=1.30");
    let md = pullpolicy_wasm::markdown(POD, JsValue::UNDEFINED, "https://p.example/").expect("md");
    assert!(
        md.starts_with("### pullpolicy: 0 errors, 1 warning, "),
        "{md}"
    );
    assert!(
        md.contains("[Open in the pullpolicy playground](https://p.example/#yaml="),
        "{md}"
    );
    let err: JsValue = pullpolicy_wasm::markdown(POD, JsValue::UNDEFINED, "javascript:alert(1)")
        .expect_err("not a playground")
        .into();
    assert_eq!(
        get(&err, &["message"]).as_string().as_deref(),
        Some("playground: not an http:// or https:// URL")
    );
}

#[cfg(feature = "diagnose")]
const FAILED: &str = "  Warning  Failed  17s (x2 over 30s)  kubelet  Failed to pull image \"nginx:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found\n";

#[cfg(feature = "diagnose")]
#[wasm_bindgen_test]
fn diagnose_returns_the_diagnosis_contract_as_plain_objects() {
    let report = pullpolicy_wasm::diagnose(FAILED, JsValue::UNDEFINED).expect("report");
    assert_eq!(get(&report, &["schemaVersion"]).as_f64(), Some(1.0));
    let d = get(&report, &["diagnoses", "0"]);
    assert_eq!(
        get(&d, &["class"]).as_string().as_deref(),
        Some("not-found")
    );
    assert_eq!(
        get(&d, &["reason"]).as_string().as_deref(),
        Some("ErrImagePull")
    );
    let options = js_sys::JSON::parse("{\"kubernetesVersion\":\"1.34\"}").expect("JSON");
    assert!(pullpolicy_wasm::diagnose(FAILED, options).is_ok());
    let bad = js_sys::JSON::parse("{\"kubernetesVersion\":\"0.1\"}").expect("JSON");
    assert!(pullpolicy_wasm::diagnose(FAILED, bad).is_err());
}

#[wasm_bindgen_test]
fn is_evidence_is_the_playgrounds_detector() {
    assert!(!pullpolicy_wasm::is_evidence(POD));
    assert!(pullpolicy_wasm::is_evidence(
        "Name:         web\nNamespace:    default\n"
    ));
    #[cfg(feature = "diagnose")]
    assert!(pullpolicy_wasm::is_evidence(FAILED));
}

#[cfg(feature = "diagnose")]
#[wasm_bindgen_test]
fn diagnosis_view_is_the_views_model_as_plain_objects() {
    let view = pullpolicy_wasm::diagnosis_view(FAILED, JsValue::UNDEFINED).expect("view");
    assert_eq!(get(&view, &["evidence"]).as_bool(), Some(true));
    assert_eq!(
        get(&view, &["title"]).as_string().as_deref(),
        Some("Diagnosis")
    );
    let card = get(&view, &["diagnoses", "0"]);
    assert_eq!(
        get(&card, &["class"]).as_string().as_deref(),
        Some("not-found")
    );
    assert_eq!(
        get(&card, &["reason"]).as_string().as_deref(),
        Some("ErrImagePull")
    );
    // Structured text, not strings with markup.
    assert!(js_sys::Array::is_array(&get(&card, &["fix"])));
    assert!(js_sys::Array::is_array(&get(&card, &["findings"])));
    assert_eq!(
        get(&view, &["labels", "fix"]).as_string().as_deref(),
        Some("fix")
    );
    // A manifest holds no evidence: the caller explains it instead.
    let none = pullpolicy_wasm::diagnosis_view(POD, JsValue::UNDEFINED).expect("view");
    assert_eq!(get(&none, &["evidence"]).as_bool(), Some(false));
    assert_eq!(
        get(&none, &["none"]).as_string().as_deref(),
        Some("No image-pull failure in this input.")
    );
    let bad = js_sys::JSON::parse("{\"kubernetesVersion\":\"0.1\"}").expect("JSON");
    let err: JsValue = pullpolicy_wasm::diagnosis_view(FAILED, bad)
        .expect_err("bad options")
        .into();
    assert!(
        get(&err, &["message"])
            .as_string()
            .unwrap()
            .starts_with("options: "),
    );
}
