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
