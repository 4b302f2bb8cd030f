//! The few browser services the app uses, in one place: the clock, the URL fragment,
//! the clipboard, the colour-scheme preference. Native builds (unit tests) get inert
//! stand-ins.

#[cfg(target_arch = "wasm32")]
mod web {
    use gloo::utils::{document, window};
    use wasm_bindgen::JsCast;

    /// Milliseconds since the epoch (`Date.now()`: works in the page and in the
    /// worker alike).
    pub fn now() -> f64 {
        js_sys::Date::now()
    }

    /// The URL fragment, without `#`.
    pub fn hash() -> String {
        let h = window().location().hash().unwrap_or_default();
        h.strip_prefix('#').unwrap_or(&h).to_owned()
    }

    /// The page's URL without its fragment.
    pub fn base_url() -> String {
        let href = window().location().href().unwrap_or_default();
        match href.split_once('#') {
            Some((base, _)) => base.to_owned(),
            None => href,
        }
    }

    /// Replaces the fragment (`None` removes it) without adding a history entry and
    /// without a `hashchange` event.
    pub fn replace_hash(fragment: Option<&str>) {
        let url = match fragment {
            Some(f) => format!("{}#{f}", base_url()),
            None => base_url(),
        };
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// Adds a history entry for `#fragment` (no `hashchange`), after recording in the
    /// current entry the id of the element Back returns to (`back`; see
    /// `components::return_to`). In a sandboxed frame the browser may refuse both: then
    /// nothing changes but the history.
    pub fn push_hash(fragment: &str, back: &str) {
        if let Ok(history) = window().history() {
            let here = window().location().href().unwrap_or_default();
            let _ = history.replace_state_with_url(&back.into(), "", Some(&here));
            let url = format!("{}#{fragment}", base_url());
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// Puts `text` in the polite live region (`#announcer`, which the app renders
    /// empty and leaves to this function), so that screen readers say it.
    pub fn announce(text: &str) {
        if let Some(region) = document().get_element_by_id("announcer") {
            region.set_text_content(Some(text));
        }
    }

    /// Whether the system asks for a dark theme.
    pub fn prefers_dark() -> bool {
        window()
            .match_media("(prefers-color-scheme: dark)")
            .ok()
            .flatten()
            .is_some_and(|m| m.matches())
    }

    /// Sets `data-theme` on `<html>` (`None` removes it: follow the system).
    pub fn set_theme_attribute(theme: Option<&str>) {
        if let Some(root) = document().document_element() {
            let _ = match theme {
                Some(t) => root.set_attribute("data-theme", t),
                None => root.remove_attribute("data-theme"),
            };
        }
    }

    /// What a settled promise gives: its value, or why it was rejected.
    pub type Settled = Box<dyn FnOnce(Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>)>;

    /// Calls `then` once `promise` settles. Two one-shot callbacks instead of an async
    /// executor (wasm-bindgen-futures cost the first load about 1 KB gzip); the one that
    /// does not run is never freed, a few dozen bytes per call (it gives up `then` to
    /// the one that runs).
    pub fn when_settled(promise: &js_sys::Promise, then: Settled) {
        use std::cell::RefCell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        let then = Rc::new(RefCell::new(Some(then)));
        let other = then.clone();
        let ok = Closure::once_into_js(move |v| then.take().map_or((), |f| f(Ok(v))));
        let err = Closure::once_into_js(move |e| other.take().map_or((), |f| f(Err(e))));
        // `promise.then(ok, err)`, called as a plain function: js-sys's `then2` takes
        // `Closure`s, which a one-shot callback cannot free itself from.
        if let Ok(then) = js_sys::Reflect::get(promise, &"then".into())
            .and_then(|f| f.dyn_into::<js_sys::Function>())
        {
            let _ = then.call2(promise, &ok, &err);
        }
    }

    /// Copies `text`, then calls `then` with the outcome (`Err`: a message for the
    /// user) and the text. The async Clipboard API needs a secure context (https or
    /// localhost); elsewhere, or when it refuses, the old `execCommand("copy")` on a
    /// hidden textarea is tried.
    pub fn copy(text: String, then: Box<dyn FnOnce(Result<(), String>, String)>) {
        let navigator = window().navigator();
        let has_api =
            js_sys::Reflect::get(&navigator, &"clipboard".into()).is_ok_and(|v| !v.is_undefined());
        if !has_api {
            return then(copy_with_exec_command(&text), text);
        }
        let promise = navigator.clipboard().write_text(&text);
        when_settled(
            &promise,
            Box::new(move |r| match r {
                Ok(_) => then(Ok(()), text),
                Err(_) => then(copy_with_exec_command(&text), text),
            }),
        );
    }

    fn copy_with_exec_command(text: &str) -> Result<(), String> {
        if exec_command_copy(text) {
            Ok(())
        } else {
            Err("The browser did not allow copying; select the text and press Ctrl+C.".to_owned())
        }
    }

    fn exec_command_copy(text: &str) -> bool {
        let doc = document();
        let Some(body) = doc.body() else { return false };
        let Ok(area) = doc.create_element("textarea") else {
            return false;
        };
        let Ok(area) = area.dyn_into::<web_sys::HtmlTextAreaElement>() else {
            return false;
        };
        area.set_value(text);
        let _ = area.set_attribute("readonly", "");
        let _ = area.set_attribute("aria-hidden", "true");
        let _ = area.set_attribute("style", "position:fixed;top:0;left:0;opacity:0");
        let _ = body.append_child(&area);
        area.select();
        let ok = doc
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| d.exec_command("copy").ok())
            .unwrap_or(false);
        area.remove();
        ok
    }

    /// Inserts `text` at the textarea's selection as if typed: keeps the browser's
    /// undo history and fires `input`. Falls back to `setRangeText` (no undo).
    pub fn insert_text(area: &web_sys::HtmlTextAreaElement, text: &str) {
        let done = document()
            .dyn_into::<web_sys::HtmlDocument>()
            .ok()
            .and_then(|d| {
                d.exec_command_with_show_ui_and_value("insertText", false, text)
                    .ok()
            })
            .unwrap_or(false);
        if !done {
            let _ = area.set_range_text_with_start_and_end_and_mode(
                text,
                area.selection_start().ok().flatten().unwrap_or(0),
                area.selection_end().ok().flatten().unwrap_or(0),
                "end",
            );
            if let Ok(event) = web_sys::Event::new("input") {
                let _ = area.dispatch_event(&event);
            }
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use web::*;

/// Milliseconds from an arbitrary origin (native: always 0).
#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> f64 {
    0.0
}

/// Says `text` in the live region (native: nothing to say it to).
#[cfg(not(target_arch = "wasm32"))]
pub fn announce(_text: &str) {}
