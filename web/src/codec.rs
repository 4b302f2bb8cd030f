//! The deferred module in the page: reading and writing `#z=` share links, and the
//! library.
//!
//! The deferred module (`src/bin/pullpolicy_deferred.rs`) holds what the page's first
//! load does without: the share-link deflater and inflater and the [`crate::library`]
//! (FAQ answers and example manifests). `web/codec.js` loads it and hands over its
//! `inflate`, its `deflate` and its library in a `pullpolicy:codec` event. The page loads
//! it once ([`when_loaded`]): 300 ms after its first verdict (a timer the app starts at
//! its first render), sooner when a link or an example is asked for, and before its
//! first verdict when it opens with a `#z=` link (`main.rs` renders once [`read_then`]
//! has the link).

use crate::share::{self, LinkError, Shared};
use std::cell::RefCell;

/// A fragment, read: its share link, `None`, or why it could not be read.
pub type Read = Result<Option<Shared>, LinkError>;

thread_local! {
    /// The page's link as [`read_then`] read it, until [`initial`] takes it.
    static INITIAL: RefCell<Option<Read>> = const { RefCell::new(None) };
}

/// Reads `fragment`, then calls `then`: at once when it needs no inflating or the codec
/// is already loaded; else once the codec has loaded (or failed to:
/// [`LinkError::Unavailable`]).
pub fn read(fragment: String, then: Box<dyn FnOnce(Read)>) {
    match share::packed(&fragment) {
        None => then(share::decode_with(&fragment, |_| {
            Err(LinkError::Unavailable)
        })),
        Some(packed) => with_inflate(Box::new(move |inflate| {
            let text = inflate(&packed);
            then(share::decode_with(&fragment, |_| text));
        })),
    }
}

/// Reads the page's own fragment `fragment`, keeps the result for [`initial`], then
/// calls `render`.
pub fn read_then(fragment: String, render: impl FnOnce() + 'static) {
    read(
        fragment,
        Box::new(move |link| {
            INITIAL.with(|i| *i.borrow_mut() = Some(link));
            render();
        }),
    );
}

/// The link [`read_then`] read, once; without it (an app mounted by a test), the
/// fragment read now, a `#z=` one only if the codec is already loaded.
pub fn initial(fragment: &str) -> Read {
    INITIAL
        .with(|i| i.borrow_mut().take())
        .or_else(|| read_now(fragment))
        .unwrap_or(Err(LinkError::Unavailable))
}

/// Whether `fragment` holds a share link that can be read, without loading the codec:
/// a `#z=` link read before the codec is loaded can only be one this page wrote ("Copy
/// link"; a link the page opens, at start or from the address bar, loads the codec), and
/// those are valid.
pub fn holds_link(fragment: &str) -> bool {
    if share::packed(fragment).is_some() && !is_loaded() {
        return true;
    }
    read_now(fragment).is_some_and(|link| link.is_ok_and(|l| l.is_some()))
}

/// [`read`], if it can answer at once.
fn read_now(fragment: &str) -> Option<Read> {
    let got = std::rc::Rc::new(RefCell::new(None));
    let put = got.clone();
    read(
        fragment.to_owned(),
        Box::new(move |r| *put.borrow_mut() = Some(r)),
    );
    got.take()
}

/// What reads compressed bytes: the codec's `inflate`.
type Inflate<'a> = &'a dyn Fn(&[u8]) -> Result<String, LinkError>;

/// What waits for the codec.
type WithInflate = Box<dyn FnOnce(Inflate)>;

/// Loads the deferred module unless it is loaded (or loading), then calls `then`: at
/// once, or once it has loaded or failed to ([`crate::library::status`] tells which).
#[cfg(not(target_arch = "wasm32"))]
pub fn when_loaded(then: Box<dyn FnOnce()>) {
    if crate::library::status() == crate::library::Status::Loading {
        crate::library::set(Some(crate::library::write()));
    }
    then();
}

#[cfg(not(target_arch = "wasm32"))]
fn with_inflate(then: WithInflate) {
    then(&share::inflate);
}

#[cfg(not(target_arch = "wasm32"))]
fn is_loaded() -> bool {
    true
}

/// Raw deflate of `bytes` by the deferred module (see [`share::deflate`]); `None` until it
/// has loaded, or if it did not.
#[cfg(not(target_arch = "wasm32"))]
pub fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
    Some(share::deflate(bytes))
}

#[cfg(target_arch = "wasm32")]
pub use web::{deflate, markdown, when_loaded};
#[cfg(target_arch = "wasm32")]
use web::{is_loaded, with_inflate};

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{LinkError, WithInflate};
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// The module's `inflate` and `deflate` once loaded (`None`: it did not load), with
    /// what waits for it.
    #[derive(Default)]
    struct Codec {
        loaded: Option<Option<(js_sys::Function, js_sys::Function)>>,
        /// `markdown(yaml, params, playground)`, a Promise of the Markdown.
        markdown: Option<js_sys::Function>,
        waiting: Vec<Box<dyn FnOnce()>>,
    }

    thread_local! {
        static CODEC: RefCell<Codec> = RefCell::default();
    }

    /// The script that loads the module and announces it (`web/codec.js`).
    const LOADER: &str = "./codec.js";

    /// Whether the module has loaded (or failed to).
    pub(super) fn is_loaded() -> bool {
        CODEC.with(|c| c.borrow().loaded.is_some())
    }

    /// See the native [`super::when_loaded`]'s documentation: loads the module unless
    /// it is loaded (or loading), then calls `then`.
    pub fn when_loaded(then: Box<dyn FnOnce()>) {
        if is_loaded() {
            return then();
        }
        let first = CODEC.with(|c| {
            let mut c = c.borrow_mut();
            c.waiting.push(then);
            c.waiting.len() == 1
        });
        if first {
            load();
        }
    }

    /// The module's functions, once it has loaded.
    fn functions() -> Option<(js_sys::Function, js_sys::Function)> {
        CODEC.with(|c| c.borrow().loaded.clone().flatten())
    }

    pub(super) fn with_inflate(then: WithInflate) {
        when_loaded(Box::new(move || call(functions().map(|(i, _)| i), then)));
    }

    /// "Copy as Markdown" of `text` under the link parameters `params` (`k8s=1.34&…`),
    /// linking to `playground`: the npm API's `markdown()`, through the module's loader
    /// (see [`crate::markdown`]); `Err` when it could not load.
    pub fn markdown(
        text: &str,
        params: &str,
        playground: &str,
        then: Box<dyn FnOnce(Result<String, ()>)>,
    ) {
        let f = CODEC.with(|c| c.borrow().markdown.clone());
        let promise = f.and_then(|f| {
            f.call3(
                &wasm_bindgen::JsValue::NULL,
                &text.into(),
                &params.into(),
                &playground.into(),
            )
            .ok()?
            .dyn_into::<js_sys::Promise>()
            .ok()
        });
        match promise {
            Some(p) => crate::browser::when_settled(
                &p,
                Box::new(move |r| then(r.ok().and_then(|v| v.as_string()).ok_or(()))),
            ),
            None => then(Err(())),
        }
    }

    /// Raw deflate of `bytes` by the module; `None` until it has loaded, or if it did not.
    pub fn deflate(bytes: &[u8]) -> Option<Vec<u8>> {
        let (_, f) = functions()?;
        let packed = call_with_bytes(&f, bytes).ok()?;
        Some(packed.dyn_into::<js_sys::Uint8Array>().ok()?.to_vec())
    }

    /// Calls one of the module's functions with `bytes`.
    fn call_with_bytes(
        f: &js_sys::Function,
        bytes: &[u8],
    ) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue> {
        f.call1(
            &wasm_bindgen::JsValue::NULL,
            &js_sys::Uint8Array::from(bytes),
        )
    }

    fn call(f: Option<js_sys::Function>, then: WithInflate) {
        then(&|bytes: &[u8]| {
            let Some(f) = &f else {
                return Err(LinkError::Unavailable);
            };
            match call_with_bytes(f, bytes) {
                Ok(text) => text.as_string().ok_or(LinkError::Unavailable),
                // A number is the codec's error code; anything else (a trap) is
                // no answer from it.
                Err(code) => Err(code
                    .as_f64()
                    .map_or(LinkError::Unavailable, |c| LinkError::from_code(c as u8))),
            }
        });
    }

    /// Keeps what `codec.js` handed over (`detail`: `{inflate, deflate, library}`, or null),
    /// marks the page (`<html data-library="loaded">` or `"unavailable"`, for tests),
    /// then calls what waits.
    fn loaded(detail: wasm_bindgen::JsValue) {
        let field = |name: &str| js_sys::Reflect::get(&detail, &name.into()).ok();
        let function = |name| field(name).and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        let functions = function("inflate").zip(function("deflate"));
        let markdown = function("markdown");
        let waiting = CODEC.with(|c| {
            let mut c = c.borrow_mut();
            if c.loaded.is_some() {
                return None;
            }
            c.loaded = Some(functions);
            c.markdown = markdown;
            Some(std::mem::take(&mut c.waiting))
        });
        let Some(waiting) = waiting else { return };
        crate::library::set(field("library").and_then(|l| l.as_string()));
        if let Some(html) = gloo::utils::document().document_element() {
            let status = match crate::library::status() {
                crate::library::Status::Loaded => "loaded",
                _ => "unavailable",
            };
            let _ = html.set_attribute("data-library", status);
        }
        for then in waiting {
            then();
        }
    }

    /// Adds `<script type="module" src="./codec.js">`: its `pullpolicy:codec` event
    /// carries `{inflate, deflate, library}` (or `null`); a script that cannot load fires
    /// `error`.
    fn load() {
        let doc = gloo::utils::document();
        let Ok(script) = doc.create_element("script") else {
            return loaded(wasm_bindgen::JsValue::NULL);
        };
        // Its work done, the script element goes: the page's markup stays as it was.
        let done = script.clone();
        let on_codec = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            done.remove();
            loaded(js_sys::Reflect::get(&e, &"detail".into()).unwrap_or_default());
        });
        let done = script.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            done.remove();
            loaded(wasm_bindgen::JsValue::NULL);
        });
        let _ = gloo::utils::window().add_event_listener_with_callback(
            "pullpolicy:codec",
            on_codec.as_ref().unchecked_ref(),
        );
        let _ = script.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        // Loaded once per page: the two listeners live as long as it does.
        on_codec.forget();
        on_error.forget();
        let _ = script.set_attribute("type", "module");
        let _ = script.set_attribute("src", LOADER);
        match doc.head() {
            Some(head) => {
                let _ = head.append_child(&script);
            }
            None => loaded(wasm_bindgen::JsValue::NULL),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pullpolicy::Options;

    #[test]
    fn reads_both_forms_as_decode_does() {
        for fragment in [
            share::encode("image: nginx\n", &Options::default()),
            share::encode_plain("image: nginx\n", &Options::default()),
            "z=AAAA".to_owned(),
            "yaml=%%%".to_owned(),
            "faq-x".to_owned(),
        ] {
            assert_eq!(
                read_now(&fragment),
                Some(share::decode(&fragment)),
                "{fragment}"
            );
        }
    }
}
