//! Reading share links in the page, with the `#z=` inflater loaded only when needed.
//!
//! Inflating is the share-link codec's job (`src/bin/pullpolicy_deflate.rs`, the small
//! second module the analysis worker also uses), so the page's first load carries no
//! inflater. A page opened with a `#z=` link loads `web/codec.js`, which loads the codec
//! and hands its `inflate` back in a `pullpolicy:codec` event, before the first verdict
//! (`main.rs` renders once [`read_then`] has the link); otherwise the page loads it only
//! when a `#z=` link is pasted into the address bar.

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

#[cfg(not(target_arch = "wasm32"))]
fn with_inflate(then: WithInflate) {
    then(&share::inflate);
}

#[cfg(not(target_arch = "wasm32"))]
fn is_loaded() -> bool {
    true
}

#[cfg(target_arch = "wasm32")]
use web::{is_loaded, with_inflate};

#[cfg(target_arch = "wasm32")]
mod web {
    use super::{LinkError, WithInflate};
    use std::cell::RefCell;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// The codec's `inflate` (`None`: it did not load), with what waits for it.
    #[derive(Default)]
    struct Codec {
        loaded: Option<Option<js_sys::Function>>,
        waiting: Vec<WithInflate>,
    }

    thread_local! {
        static CODEC: RefCell<Codec> = RefCell::default();
    }

    /// The script that loads the codec and announces it (`web/codec.js`).
    const LOADER: &str = "./codec.js";

    /// Whether the codec has loaded (or failed to).
    pub(super) fn is_loaded() -> bool {
        CODEC.with(|c| c.borrow().loaded.is_some())
    }

    pub(super) fn with_inflate(then: WithInflate) {
        match CODEC.with(|c| c.borrow().loaded.clone()) {
            Some(f) => call(f, then),
            None => {
                let first = CODEC.with(|c| {
                    let mut c = c.borrow_mut();
                    c.waiting.push(then);
                    c.waiting.len() == 1
                });
                if first {
                    load();
                }
            }
        }
    }

    fn call(f: Option<js_sys::Function>, then: WithInflate) {
        then(&|bytes: &[u8]| {
            let Some(f) = &f else {
                return Err(LinkError::Unavailable);
            };
            match f.call1(
                &wasm_bindgen::JsValue::NULL,
                &js_sys::Uint8Array::from(bytes),
            ) {
                Ok(text) => text.as_string().ok_or(LinkError::Unavailable),
                // A number is the codec's error code; anything else (a trap) is
                // no answer from it.
                Err(code) => Err(code
                    .as_f64()
                    .map_or(LinkError::Unavailable, |c| LinkError::from_code(c as u8))),
            }
        });
    }

    fn loaded(f: Option<js_sys::Function>) {
        let waiting = CODEC.with(|c| {
            let mut c = c.borrow_mut();
            if c.loaded.is_some() {
                return Vec::new();
            }
            c.loaded = Some(f.clone());
            std::mem::take(&mut c.waiting)
        });
        for then in waiting {
            call(f.clone(), then);
        }
    }

    /// Adds `<script type="module" src="./codec.js">`: its `pullpolicy:codec` event
    /// carries `inflate` (or `null`); a script that cannot load fires `error`.
    fn load() {
        let doc = gloo::utils::document();
        let Ok(script) = doc.create_element("script") else {
            return loaded(None);
        };
        // Its work done, the script element goes: the page's markup stays as it was.
        let done = script.clone();
        let on_codec = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            done.remove();
            loaded(
                js_sys::Reflect::get(&e, &"detail".into())
                    .ok()
                    .and_then(|f| f.dyn_into::<js_sys::Function>().ok()),
            );
        });
        let done = script.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            done.remove();
            loaded(None);
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
            None => loaded(None),
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
