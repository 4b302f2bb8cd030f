//! Component tests in a real browser (headless Chromium through wasm-bindgen-test):
//! the share codec where it runs, the App rendered into a page, files opened in it.
#![cfg(target_arch = "wasm32")]

use pullpolicy::Options;
use pullpolicy_web::{App, share};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};

wasm_bindgen_test_configure!(run_in_browser);

/// Lets timers and yew's scheduler run.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Waits until `ready` holds, looking every 10 ms for at most 10 s. A loaded machine runs
/// timers, file reads and yew's scheduler late, so a fixed sleep before an assertion is a
/// race (CI once read the editor 100 ms after "Open file…" and found the old text).
async fn until(what: &str, mut ready: impl FnMut() -> bool) {
    for _ in 0..1000 {
        if ready() {
            return;
        }
        sleep(10).await;
    }
    panic!("waited 10 s for {what}");
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

/// Renders a fresh App (empty storage, no fragment) into its own element.
async fn mount() -> web_sys::Element {
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    until("the first explanation", || !policies(&root).is_empty()).await;
    root
}

/// The element `selector` finds under `root`, as a `T`.
fn find<T: JsCast>(root: &web_sys::Element, selector: &str) -> T {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no {selector}"))
        .dyn_into()
        .unwrap_or_else(|_| panic!("{selector} is not the element expected"))
}

fn policies(root: &web_sys::Element) -> Vec<String> {
    let cards = root.query_selector_all("[data-effective-policy]").unwrap();
    (0..cards.length())
        .map(|i| {
            let e: web_sys::Element = cards.item(i).unwrap().dyn_into().unwrap();
            format!(
                "{}={}",
                e.get_attribute("data-container-path").unwrap(),
                e.get_attribute("data-effective-policy").unwrap()
            )
        })
        .collect()
}

#[wasm_bindgen_test]
fn share_links_round_trip_unicode_and_crlf() {
    let texts = [
        "",
        "a: b\r\nc: d\r\n",
        "name: café 🐳\r\nlone\rcr\n",
        "- image: nginx\n",
    ];
    for text in texts {
        for fragment in [
            share::encode(text, &Options::default()),
            share::encode_plain(text, &Options::default()),
        ] {
            let got = share::decode(&fragment).unwrap().unwrap();
            assert_eq!(got.text.as_bytes(), text.as_bytes());
        }
    }
}

#[wasm_bindgen_test]
async fn app_renders_verdict_cards_findings_and_faq() {
    let root = mount().await;
    assert_eq!(
        policies(&root),
        [
            "0:spec.containers[0]=Always",
            "0:spec.containers[1]=IfNotPresent",
            "0:spec.containers[2]=Never"
        ]
    );
    assert!(
        root.query_selector("[data-rule=\"latest-tag\"]")
            .unwrap()
            .is_some()
    );
    assert!(
        root.query_selector("#faq .faq-entry .disclose[aria-expanded]")
            .unwrap()
            .is_some()
    );
    // The editor overlay draws highlighted lines and gutter markers.
    assert!(root.query_selector(".hl .t-key").unwrap().is_some());
    assert!(root.query_selector(".gutter .mark").unwrap().is_some());
    root.remove();
}

#[wasm_bindgen_test]
async fn typing_re_explains_after_the_debounce() {
    let root = mount().await;
    let area: web_sys::HtmlTextAreaElement = find(&root, "#manifest");
    area.set_value("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: nginx@sha256:0000000000000000000000000000000000000000000000000000000000000000\n");
    let event = web_sys::InputEvent::new("input").unwrap();
    area.dispatch_event(&event).unwrap();
    until("the new explanation", || policies(&root).len() == 1).await;
    assert_eq!(policies(&root), ["0:spec.containers[0]=IfNotPresent"]);
    root.remove();
}

#[wasm_bindgen_test]
async fn scenario_changes_apply_at_once() {
    let root = mount().await;
    let select: web_sys::HtmlSelectElement = find(&root, "#sc-node");
    select.set_value("present");
    let event = web_sys::Event::new_with_event_init_dict("change", &{
        let init = web_sys::EventInit::new();
        init.set_bubbles(true);
        init
    })
    .unwrap();
    select.dispatch_event(&event).unwrap();
    let state = || {
        root.query_selector("#card-0-2 .outcome .state")
            .unwrap()
            .unwrap()
    };
    until("the scenario's outcome", || {
        state().text_content().unwrap().contains("Starts")
    })
    .await;
    let state = state();
    assert!(
        state.text_content().unwrap().contains("Starts"),
        "{:?}",
        state.text_content()
    );
    root.remove();
}

/// The notice's text.
fn notice(root: &web_sys::Element) -> String {
    root.query_selector(".notice-area .notice-text")
        .unwrap()
        .and_then(|n| n.text_content())
        .unwrap_or_default()
}

fn click(root: &web_sys::Element, selector: &str) {
    let el: web_sys::HtmlElement = find(root, selector);
    el.click();
}

#[wasm_bindgen_test]
async fn examples_menu_and_disclosures_work_by_clicks() {
    let root = mount().await;
    let panel = || {
        root.query_selector("#examples-button-panel")
            .unwrap()
            .unwrap()
    };
    click(&root, "#examples-button");
    until("the menu to open", || !panel().has_attribute("hidden")).await;
    let tour = policies(&root);
    assert_eq!(tour.len(), 3, "{tour:?}");
    // Examples but the first come with the deferred module, which this test page does
    // not serve (`./codec.js` is not found): the pick fails, and says so.
    click(&root, "[data-example=\"digest-pinned\"]");
    until("the failed pick's notice", || !notice(&root).is_empty()).await;
    assert_eq!(
        notice(&root),
        "The example “Digest-pinned” could not be loaded: the page's second module did not load. Reload the page to try again."
    );
    assert_eq!(policies(&root), tour);
    assert!(panel().has_attribute("hidden"), "the menu closed");
    // The first example is part of the first load.
    click(&root, "#examples-button");
    until("the menu to open again", || {
        !panel().has_attribute("hidden")
    })
    .await;
    click(&root, "[data-example=\"tour\"]");
    until("the pick's notice", || notice(&root).starts_with("Loaded")).await;
    assert_eq!(notice(&root), "Loaded the example “Tour”.");
    assert_eq!(policies(&root), tour);
    // A finding's explanation opens in place, without a re-render.
    let button = root.query_selector(".f-more .disclose").unwrap().unwrap();
    let region = button.get_attribute("aria-controls").unwrap();
    click(&root, ".f-more .disclose");
    assert_eq!(
        button.get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    assert!(
        !document()
            .get_element_by_id(&region)
            .unwrap()
            .has_attribute("hidden")
    );
    root.remove();
}

/// Puts a file named `name` holding `bytes` into "Open file…"'s input, as a user would.
fn choose_file(root: &web_sys::Element, name: &str, bytes: &[u8]) {
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let file = web_sys::File::new_with_u8_array_sequence(&parts, name).unwrap();
    let transfer = web_sys::DataTransfer::new().unwrap();
    transfer.items().add_with_file(&file).unwrap();
    let input: web_sys::HtmlInputElement = find(root, "#open-file");
    input.set_files(transfer.files().as_ref());
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict("change", &init).unwrap();
    input.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn opened_files_land_in_the_editor_unless_they_are_not_utf8() {
    let root = mount().await;
    let area: web_sys::HtmlTextAreaElement = find(&root, "#manifest");
    let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: cafe, annotations: {note: café}}\nspec:\n  containers:\n  - {name: a, image: nginx:1.27}\n";
    choose_file(&root, "pod.yaml", text.as_bytes());
    until("the file in the editor", || area.value() == text).await;
    until("its explanation", || policies(&root).len() == 1).await;
    assert_eq!(policies(&root), ["0:spec.containers[0]=IfNotPresent"]);
    // Not UTF-8: the text stays, and the notice names the byte and its offset.
    choose_file(&root, "latin1.yaml", b"name: caf\xE9\n");
    let error = || root.query_selector(".notice.error .notice-text").unwrap();
    until("the file's error", || error().is_some()).await;
    assert_eq!(area.value(), text);
    let notice = error().unwrap();
    assert_eq!(
        notice.text_content().unwrap().trim(),
        "latin1.yaml: invalid UTF-8 (byte 0xE9 at offset 9); the file must be UTF-8 text"
    );
    root.remove();
}
