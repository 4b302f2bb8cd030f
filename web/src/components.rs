//! The playground's components, one file each under `components/`, and what they
//! share: the delegated event handlers for markup-rendered content (`data-act` on
//! buttons and links, `data-set` on form controls), focus restoration, and the
//! document-wide listeners.

mod card;
mod editor;
mod faq;
mod footer;
mod header;
mod outcome;
mod scenario;
mod status;
mod verdicts;

pub use card::{container_path, finding_id, policy_name};
pub use editor::{Editor, EditorProps, Marker};
pub use faq::{anchor as faq_anchor, open_entry};
pub use header::trigger_id;
pub use verdicts::VerdictsProps;

/// The markup renderers of the page's sections.
pub mod render {
    pub use super::faq::render as faq;
    pub use super::footer::FOOTER;
    pub use super::header::render as header;
    pub use super::scenario::render as scenario;
    pub use super::status::notice;
    pub use super::verdicts::{crashed, pending, render as verdicts};
}

use crate::app::Dispatch;
#[cfg(target_arch = "wasm32")]
use crate::examples::EXAMPLES;
use crate::state::State;
#[cfg(target_arch = "wasm32")]
use crate::state::{Action, Notice, Source, Tone};
use pullpolicy::Severity;
#[cfg(target_arch = "wasm32")]
use pullpolicy::{Credentials, ImageOverride, NodeImage, Registry};
use std::cell::RefCell;
use std::rc::Rc;
use yew::UseReducerHandle;

/// The latest state, readable from event handlers.
pub type Latest = Rc<RefCell<UseReducerHandle<State>>>;

thread_local! {
    /// The id of the control that caused the last state change: if re-rendering
    /// replaced it, focus goes back to its replacement.
    static REFOCUS: RefCell<Option<String>> = const { RefCell::new(None) };
    /// Disclosures the user opened or closed, by region id, so re-rendered markup keeps them.
    static OPEN: RefCell<Vec<(String, bool)>> = const { RefCell::new(Vec::new()) };
}

/// Whether the user left the disclosure region with this id open (`None`: never toggled).
pub fn is_open(id: &str) -> Option<bool> {
    OPEN.with(|o| o.borrow().iter().find(|(k, _)| k == id).map(|(_, v)| *v))
}

/// After a render: focus the replacement of the control that changed the state, if
/// the change removed it from the page.
pub fn restore_focus() {
    #[cfg(target_arch = "wasm32")]
    if let Some(id) = REFOCUS.with(|r| r.borrow_mut().take()) {
        let doc = gloo::utils::document();
        let lost = doc
            .active_element()
            .is_none_or(|a| a.tag_name() == "BODY" || !a.is_connected());
        if lost {
            focus_id(&id);
        }
    }
}

/// A text symbol for a severity (shapes differ, so colour is not the only cue).
pub fn severity_icon(s: Severity) -> &'static str {
    match s {
        Severity::Error => "✖",
        Severity::Warning => "▲",
        Severity::Info => "●",
    }
}

/// Moves focus to the element with this id (and scrolls it into view).
pub fn focus_id(id: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(el) = gloo::utils::document().get_element_by_id(id) {
        focus_element(&el);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}

/// Opens or closes a disclosure button's region, in the page (no re-render), and
/// remembers the choice for markup rendered later.
#[cfg(target_arch = "wasm32")]
pub fn set_disclosure(button: &web_sys::Element, open: bool) {
    let region = attr(button, "aria-controls");
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    if let Some(r) = gloo::utils::document().get_element_by_id(&region) {
        let _ = if open {
            r.remove_attribute("hidden")
        } else {
            r.set_attribute("hidden", "")
        };
    }
    OPEN.with(|o| {
        let mut o = o.borrow_mut();
        match o.iter_mut().find(|(k, _)| *k == region) {
            Some(x) => x.1 = open,
            None => o.push((region, open)),
        }
    });
}

/// Scrolls an element into view and focuses it.
#[cfg(target_arch = "wasm32")]
pub fn focus_element(el: &web_sys::Element) {
    use wasm_bindgen::JsCast;
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        let _ = el.focus();
    }
}

/// A kubernetes.io link label: `Images › image pull policy`.
pub fn link_label(url: &str) -> String {
    let rest = url
        .trim_start_matches("https://")
        .trim_start_matches("kubernetes.io");
    let (path, anchor) = rest.split_once('#').unwrap_or((rest, ""));
    let page = path.trim_end_matches('/').rsplit('/').next().unwrap_or("");
    let mut label = page.replace('-', " ");
    // kubernetes.io paths are ASCII; ASCII upper-casing keeps the standard
    // library's Unicode case tables out of the bundle.
    if let Some(first) = label.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if !anchor.is_empty() {
        label.push_str(" › ");
        label.push_str(&anchor.replace('-', " "));
    }
    if label.is_empty() {
        url.to_owned()
    } else {
        label
    }
}

/// Whether a finding's link may become an `href`: only the kubernetes.io pages the
/// core lists in [`pullpolicy::LINKS`].
pub fn allowed_link(url: &str) -> bool {
    pullpolicy::LINKS.contains(&url)
}

#[cfg(target_arch = "wasm32")]
fn attr(el: &web_sys::Element, name: &str) -> String {
    el.get_attribute(name).unwrap_or_default()
}

/// Loads the library (the deferred module) unless it is loaded, and puts the FAQ
/// answers in the page once it is.
pub fn load_library() {
    crate::codec::when_loaded(Box::new(faq::fill_answers));
}

/// Opens FAQ entry `id` for a link to it (`#faq-<id>`), and loads its answer now.
#[cfg(target_arch = "wasm32")]
pub fn open_faq_link(id: &'static str, d: &Dispatch) {
    d.dispatch(Action::OpenFaq(id));
    load_library();
}

/// Loads example `i` into the editor, or says why it cannot.
#[cfg(target_arch = "wasm32")]
fn load_example(i: usize, d: &Dispatch) {
    let x = &EXAMPLES[i];
    let Some(text) = crate::library::example(i) else {
        d.dispatch(Action::Menu(None));
        d.dispatch(Action::Notify(Notice::new(
            Tone::Error,
            format!(
                "The example “{}” could not be loaded: the page's second module did not load. Reload the page to try again.",
                x.title
            ),
        )));
        // The menu's trigger takes the focus back once the header is redrawn.
        return REFOCUS.with(|r| *r.borrow_mut() = Some("examples-button".to_owned()));
    };
    d.dispatch(Action::Load {
        text,
        options: Some(crate::params::read_query(x.scenario)),
        source: Source::Example(i),
    });
    d.dispatch(Action::Notify(Notice {
        undo: true,
        ..Notice::new(Tone::Success, format!("Loaded the example “{}”.", x.title))
    }));
    REFOCUS.with(|r| *r.borrow_mut() = None);
    focus_id("manifest");
}

/// Clicks on markup-rendered buttons and links (`data-act`).
pub fn on_click(e: yew::MouseEvent, latest: &Latest, d: &Dispatch) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|t| t.closest("[data-act]").ok().flatten())
        else {
            return;
        };
        let id = el.id();
        if !id.is_empty() {
            REFOCUS.with(|r| *r.borrow_mut() = Some(id));
        }
        // `line:column`, as `Markup::jump` writes it.
        let at = |name: &str| {
            let value = attr(&el, name);
            let (line, col) = value.split_once(':').unwrap_or(("0", "0"));
            (line.parse().unwrap_or(0), col.parse().unwrap_or(0))
        };
        match attr(&el, "data-act").as_str() {
            "jump" => d.dispatch(Action::JumpTo {
                from: at("data-from"),
                to: at("data-to"),
            }),
            "faq" => {
                e.prevent_default();
                if let Some(entry) = pullpolicy::faq::entry(&attr(&el, "data-id")) {
                    d.dispatch(Action::OpenFaq(entry.id));
                }
            }
            "filter" => {
                let p = attr(&el, "data-policy");
                d.dispatch(Action::Filter(
                    ["Always", "IfNotPresent", "Never", "invalid"]
                        .into_iter()
                        .find(|k| *k == p),
                ));
            }
            "showall" => d.dispatch(Action::ShowAll),
            "theme" => {
                let next = latest.borrow().theme.next();
                d.dispatch(Action::SetTheme(next));
            }
            "menu" => {
                let menu = match attr(&el, "data-menu").as_str() {
                    "share-button" => crate::state::Menu::Share,
                    "markdown-button" => crate::state::Menu::Markdown,
                    "shortcuts-button" => crate::state::Menu::Shortcuts,
                    _ => crate::state::Menu::Examples,
                };
                match menu {
                    crate::state::Menu::Share => crate::app::copy_link(&latest.borrow(), d),
                    crate::state::Menu::Markdown => crate::app::copy_markdown(&latest.borrow(), d),
                    m => d.dispatch(Action::ToggleMenu(m)),
                }
            }
            "skip" => {
                e.prevent_default();
                focus_id("verdicts");
            }
            "explain" => d.dispatch(Action::Analyse),
            "open" => {
                if let Some(input) = gloo::utils::document()
                    .get_element_by_id("open-file")
                    .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    input.click();
                }
            }
            "mark" => focus_id(&attr(&el, "data-target")),
            "toggle" => {
                let open = attr(&el, "aria-expanded") != "true";
                set_disclosure(&el, open);
                REFOCUS.with(|r| *r.borrow_mut() = None);
            }
            "dismiss" => d.dispatch(Action::Dismiss),
            "undo" => d.dispatch(Action::Restore),
            "reset-scenario" => d.dispatch(Action::SetOptions(pullpolicy::Options::default())),
            "rm-override" => d.dispatch(Action::SetOverride(ImageOverride {
                image: attr(&el, "data-image"),
                ..ImageOverride::default()
            })),
            "example" => {
                let i = attr(&el, "data-i").parse::<usize>().unwrap_or(0);
                if i < EXAMPLES.len() {
                    // All but the first come with the library, after the first verdict.
                    let d = d.clone();
                    crate::codec::when_loaded(Box::new(move || load_example(i, &d)));
                }
            }
            "copy" => {
                let text = gloo::utils::document()
                    .get_element_by_id(&attr(&el, "data-src"))
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .map(|t| t.value())
                    .unwrap_or_default();
                crate::app::copy(text, "Details copied.".to_owned(), Tone::Success, d.clone());
            }
            _ => {}
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (e, latest, d);
}

/// Changes of markup-rendered form controls (`data-set`): the scenario and the
/// per-image overrides.
pub fn on_change(e: yew::Event, latest: &Latest, d: &Dispatch) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let set = attr(&el, "data-set");
        if set.is_empty() {
            return;
        }
        REFOCUS.with(|r| *r.borrow_mut() = Some(el.id()));
        if set == "open" {
            // "Open file…": the hidden file input; focus goes back to its button.
            REFOCUS.with(|r| *r.borrow_mut() = Some("open-button".to_owned()));
            if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    crate::open::open(file, d.clone());
                }
                // The same file can be opened again.
                input.set_value("");
            }
            return;
        }
        let (value, checked) = if let Some(s) = el.dyn_ref::<web_sys::HtmlSelectElement>() {
            (s.value(), false)
        } else if let Some(i) = el.dyn_ref::<web_sys::HtmlInputElement>() {
            (i.value(), i.checked())
        } else {
            return;
        };
        let state = latest.borrow();
        let mut o = state.options.clone();
        let s = &mut o.scenario;
        if let Some(kind) = set.strip_prefix("ov-") {
            let image = attr(&el, "data-image");
            let mut ov = s
                .overrides
                .iter()
                .find(|x| x.image == image)
                .cloned()
                .unwrap_or(ImageOverride {
                    image,
                    ..ImageOverride::default()
                });
            match kind {
                "node" => ov.node_image = NodeImage::from_name(&value),
                "registry" => ov.registry = Registry::from_name(&value),
                _ => ov.credentials = Credentials::from_name(&value),
            }
            drop(state);
            d.dispatch(Action::SetOverride(ov));
            return;
        }
        match set.as_str() {
            "k8s" => {
                o.kubernetes_version =
                    crate::params::version(&value).unwrap_or(o.kubernetes_version)
            }
            "node" => s.node_image = NodeImage::from_name(&value).unwrap_or(s.node_image),
            "registry" => s.registry = Registry::from_name(&value).unwrap_or(s.registry),
            "credentials" => {
                s.credentials = Credentials::from_name(&value).unwrap_or(s.credentials)
            }
            "api" => s.always_pull_images = checked,
            "verify" => {
                s.credential_verification = pullpolicy::CredentialVerification::from_name(&value)
                    .unwrap_or(s.credential_verification)
            }
            "ensure" => {
                s.ensure_secret_pulled_images = match value.as_str() {
                    "on" => Some(true),
                    "off" => Some(false),
                    _ => None,
                }
            }
            "allowlist" => {
                s.allowlist = value
                    .split([',', '\n'])
                    .map(str::trim)
                    .filter(|x| !x.is_empty())
                    .map(str::to_owned)
                    .collect()
            }
            _ => return,
        }
        drop(state);
        d.dispatch(Action::SetOptions(o));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (e, latest, d);
}

/// Read-only fields marked `data-select` select their text on focus (share link,
/// Markdown), so Ctrl+C copies all of it.
pub fn on_focusin(e: yew::FocusEvent) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        if let Some(t) = e.target() {
            if let Some(i) = t
                .dyn_ref::<web_sys::HtmlInputElement>()
                .filter(|i| i.has_attribute("data-select"))
            {
                i.select();
            } else if let Some(a) = t
                .dyn_ref::<web_sys::HtmlTextAreaElement>()
                .filter(|a| a.has_attribute("data-select"))
            {
                a.select();
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = e;
}

/// Document-wide listeners: shortcuts (Ctrl/Cmd+Enter, Ctrl/Cmd+S, Esc), clicks
/// outside an open menu, a share link pasted into the address bar, window resizes,
/// saving on `pagehide` and `visibilitychange`. Removed when dropped.
#[derive(Debug)]
pub struct Listeners {
    #[cfg(target_arch = "wasm32")]
    items: Vec<Listener>,
}

/// One installed listener: where, which event, the closure.
#[cfg(target_arch = "wasm32")]
type Listener = (
    web_sys::EventTarget,
    &'static str,
    wasm_bindgen::closure::Closure<dyn FnMut(web_sys::Event)>,
);

impl Drop for Listeners {
    fn drop(&mut self) {
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            for (target, name, f) in &self.items {
                let _ = target.remove_event_listener_with_callback_and_bool(
                    name,
                    f.as_ref().unchecked_ref(),
                    true,
                );
            }
        }
    }
}

/// Installs the [`Listeners`].
pub fn global_listeners(latest: Latest, dispatch: Dispatch) -> Listeners {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        use wasm_bindgen::closure::Closure;
        let mut items = Vec::new();
        let mut add = |target: web_sys::EventTarget,
                       name: &'static str,
                       f: Box<dyn FnMut(web_sys::Event)>| {
            let f = Closure::wrap(f);
            // Capture phase: shortcuts must win over the editor's own keys.
            let _ = target.add_event_listener_with_callback_and_bool(
                name,
                f.as_ref().unchecked_ref(),
                true,
            );
            items.push((target, name, f));
        };
        let doc: web_sys::EventTarget = gloo::utils::document().into();
        let win: web_sys::EventTarget = gloo::utils::window().into();

        let (l, d) = (latest.clone(), dispatch.clone());
        add(
            doc.clone(),
            "keydown",
            Box::new(move |e: web_sys::Event| {
                let Some(k) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let modifier = k.ctrl_key() || k.meta_key();
                let key = k.key();
                if modifier && key == "Enter" {
                    e.prevent_default();
                    d.dispatch(Action::Analyse);
                } else if modifier && !k.alt_key() && key.eq_ignore_ascii_case("s") {
                    e.prevent_default();
                    crate::app::copy_link(&l.borrow(), &d);
                } else if key == "Escape" {
                    let open = l.borrow().menu;
                    if let Some(menu) = open {
                        // The header is re-rendered: focus its button once it is back.
                        REFOCUS.with(|r| *r.borrow_mut() = Some(trigger_id(menu).to_owned()));
                        d.dispatch(Action::Menu(None));
                    }
                }
            }),
        );
        let (l, d) = (latest.clone(), dispatch.clone());
        add(
            doc,
            "click",
            Box::new(move |e: web_sys::Event| {
                if l.borrow().menu.is_none() {
                    return;
                }
                let inside = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|t| t.closest(".menu-wrap").ok().flatten())
                    .is_some();
                if !inside {
                    d.dispatch(Action::Menu(None));
                }
            }),
        );
        let (l, d) = (latest.clone(), dispatch.clone());
        add(
            win.clone(),
            "hashchange",
            Box::new(move |_| {
                let (l, d) = (l.clone(), d.clone());
                let fragment = crate::browser::hash();
                crate::codec::read(
                    fragment.clone(),
                    Box::new(move |link| match link {
                        Ok(Some(link)) => {
                            let same = {
                                let s = l.borrow();
                                *s.text == link.text && s.options == link.options
                            };
                            if !same {
                                d.dispatch(Action::Load {
                                    text: link.text,
                                    options: Some(link.options),
                                    source: Source::Link,
                                });
                            }
                        }
                        // `#faq-<id>`: a link to one question.
                        Ok(None) => {
                            if let Some(id) = faq::anchor(&fragment) {
                                open_faq_link(id, &d);
                            }
                        }
                        Err(err) => d.dispatch(Action::Notify(
                            Notice::new(
                                Tone::Error,
                                format!("This link could not be opened: {err}."),
                            )
                            .details(fragment),
                        )),
                    }),
                );
            }),
        );
        // The manifest is saved before each analysis; what was typed since is saved
        // when the page goes away or out of sight (a save of the same state writes
        // nothing).
        let l = latest.clone();
        add(
            win.clone(),
            "pagehide",
            Box::new(move |_| crate::app::save(&l.borrow())),
        );
        let l = latest;
        add(
            gloo::utils::document().into(),
            "visibilitychange",
            Box::new(move |_| crate::app::save(&l.borrow())),
        );
        // The editor measures itself when it scrolls; a resized window counts as one.
        add(
            win,
            "resize",
            Box::new(|_| {
                if let (Some(area), Ok(event)) = (
                    gloo::utils::document().get_element_by_id("manifest"),
                    web_sys::Event::new("scroll"),
                ) {
                    let _ = area.dispatch_event(&event);
                }
            }),
        );
        let _ = dispatch;
        Listeners { items }
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (latest, dispatch);
        Listeners {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_labels() {
        assert_eq!(
            link_label("https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"),
            "Images › image pull policy"
        );
        assert_eq!(
            link_label("https://kubernetes.io/"),
            "https://kubernetes.io/"
        );
    }

    #[test]
    fn only_core_links_are_allowed() {
        for l in pullpolicy::LINKS {
            assert!(allowed_link(l), "{l}");
        }
        assert!(!allowed_link("https://example.com/"));
        assert!(!allowed_link("javascript:alert(1)"));
    }
}
