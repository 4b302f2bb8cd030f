//! Embed mode: `index.html?embed` (or `?embed=readonly`) shows only the editor and
//! the verdicts, for an `<iframe>` in another page (even `sandbox="allow-scripts"`).
//!
//! - the manifest comes from the fragment (`#yaml=` / `#z=`, as in share links) or
//!   from the parent: `postMessage({type: 'pullpolicy:set', yaml: '…'})` (any
//!   origin; only string `yaml` values are taken);
//! - whenever the content's height changes (a render, an answer opened, a new width)
//!   the page posts `{type: 'pullpolicy:height', height}` to the parent, so it can size
//!   the iframe: the height of `<body>`, watched by a `ResizeObserver` (the document's
//!   `scrollHeight` is never less than the iframe's own height, and embedded, nothing is
//!   left to `content-visibility: auto`, whose placeholders would be measured instead);
//! - nothing is saved (the user's own playground work stays untouched), and no
//!   worker is started (a sandboxed, opaque-origin page may not start one);
//! - a link, "Open in the playground", carries the manifest to the full page; it and the
//!   kubernetes.io links open a new tab, which a sandboxed iframe allows only with
//!   `allow-popups allow-popups-to-escape-sandbox`;
//! - the FAQ answers the cards link to are shown in the page, below the cards (the
//!   links open them there, without navigating).

/// How the page is embedded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Embed {
    /// `?embed`: the manifest can be edited.
    Editable,
    /// `?embed=readonly`.
    ReadOnly,
}

/// The embed mode named by a query string (with or without `?`).
pub fn parse(query: &str) -> Option<Embed> {
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&') {
        match pair.strip_prefix("embed") {
            Some("=readonly") => return Some(Embed::ReadOnly),
            Some(v) if v.is_empty() || v.starts_with('=') => return Some(Embed::Editable),
            _ => {}
        }
    }
    None
}

/// `url` (without fragment) minus its `embed` query parameter.
pub fn without_embed(url: &str) -> String {
    let url = url.split('#').next().unwrap_or(url);
    let Some((path, query)) = url.split_once('?') else {
        return url.to_owned();
    };
    let mut out = path.to_owned();
    for pair in query.split('&') {
        if !pair.is_empty() && pair.split('=').next() != Some("embed") {
            out.push(if out.len() == path.len() { '?' } else { '&' });
            out.push_str(pair);
        }
    }
    out
}

/// This page's embed mode (read once).
pub fn mode() -> Option<Embed> {
    #[cfg(target_arch = "wasm32")]
    {
        thread_local!(static MODE: Option<Embed> =
            parse(&gloo::utils::window().location().search().unwrap_or_default()));
        MODE.with(|m| *m)
    }
    #[cfg(not(target_arch = "wasm32"))]
    None
}

/// The full playground's URL for this text and scenario (`#yaml=`, readable by hand).
pub fn playground_url(text: &str, options: &pullpolicy::Options) -> String {
    #[cfg(target_arch = "wasm32")]
    let base = without_embed(&gloo::utils::window().location().href().unwrap_or_default());
    #[cfg(not(target_arch = "wasm32"))]
    let base = String::from("./");
    format!("{base}#{}", crate::share::encode_plain(text, options))
}

#[cfg(target_arch = "wasm32")]
pub use web::{Listeners, listen};

#[cfg(target_arch = "wasm32")]
mod web {
    use crate::app::Dispatch;
    use crate::state::{Action, Source};
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::{JsCast, JsValue};

    fn parent() -> Option<web_sys::Window> {
        let window = gloo::utils::window();
        let parent = window.parent().ok().flatten()?;
        (!js_sys::Object::is(&parent, &window)).then_some(parent)
    }

    /// Tells the parent the content's height: `<body>`'s (its margin is 0; its height
    /// is its content's, where the root's `scrollHeight` is at least the viewport's).
    pub fn post_height() {
        let Some(parent) = parent() else { return };
        let Some(body) = gloo::utils::document().body() else {
            return;
        };
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"pullpolicy:height".into());
        let _ = js_sys::Reflect::set(
            &message,
            &"height".into(),
            &JsValue::from(body.scroll_height()),
        );
        let _ = parent.post_message(&message, "*");
    }

    /// The `message` listener and the body's `ResizeObserver`; removed when dropped.
    #[derive(Debug)]
    pub struct Listeners {
        on_message: Closure<dyn FnMut(web_sys::Event)>,
        observer: Option<web_sys::ResizeObserver>,
        /// Kept alive while observing.
        _on_size: Closure<dyn FnMut(web_sys::Event)>,
    }

    impl Drop for Listeners {
        fn drop(&mut self) {
            let _ = gloo::utils::window().remove_event_listener_with_callback(
                "message",
                self.on_message.as_ref().unchecked_ref(),
            );
            if let Some(o) = &self.observer {
                o.disconnect();
            }
        }
    }

    /// Takes `pullpolicy:set` messages; posts the height whenever it changes.
    pub fn listen(dispatch: Dispatch) -> Listeners {
        let window = gloo::utils::window();
        let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let Some(e) = e.dyn_ref::<web_sys::MessageEvent>() else {
                return;
            };
            let data = e.data();
            if !data.is_object() {
                return;
            }
            let field = |name: &str| js_sys::Reflect::get(&data, &name.into()).ok();
            if field("type").and_then(|t| t.as_string()).as_deref() != Some("pullpolicy:set") {
                return;
            }
            if let Some(text) = field("yaml").and_then(|y| y.as_string()) {
                dispatch.dispatch(Action::Load {
                    text,
                    options: None,
                    source: Source::Link,
                });
            }
        });
        let _ =
            window.add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
        // Called once when observing starts, then at each change of the body's size.
        // (Typed as an event handler, whose glue the page already has; its argument,
        // the observer's entries, is not read.)
        let on_size = Closure::<dyn FnMut(web_sys::Event)>::new(|_| post_height());
        // (Not `expect`: its message would bring `JsValue`'s `Debug`, 1.4 KB gzip.)
        let observer = web_sys::ResizeObserver::new(on_size.as_ref().unchecked_ref()).ok();
        if let (Some(o), Some(body)) = (&observer, gloo::utils::document().body()) {
            o.observe(&body);
        }
        Listeners {
            on_message,
            observer,
            _on_size: on_size,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_mode() {
        assert_eq!(parse(""), None);
        assert_eq!(parse("?embedded=1"), None);
        assert_eq!(parse("?embed"), Some(Embed::Editable));
        assert_eq!(parse("?a=b&embed="), Some(Embed::Editable));
        assert_eq!(parse("embed=readonly"), Some(Embed::ReadOnly));
    }

    #[test]
    fn drops_only_the_embed_parameter() {
        assert_eq!(
            without_embed("https://x/p/index.html?embed#yaml=eA"),
            "https://x/p/index.html"
        );
        assert_eq!(
            without_embed("https://x/?a=1&embed=readonly&b"),
            "https://x/?a=1&b"
        );
        assert_eq!(without_embed("https://x/"), "https://x/");
    }

    #[test]
    fn links_carry_the_manifest() {
        let url = playground_url("image: nginx\n", &pullpolicy::Options::default());
        let fragment = url.split_once('#').unwrap().1;
        assert!(fragment.starts_with("yaml="));
        let link = crate::share::decode(fragment).unwrap().unwrap();
        assert_eq!(link.text, "image: nginx\n");
    }
}
