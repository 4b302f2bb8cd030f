//! The playground's components, one file each under `components/`, and what they
//! share: the delegated event handlers for markup-rendered content (`data-act` on
//! buttons and links, `data-set` on form controls), focus restoration, and the
//! document-wide listeners.

mod card;
mod diagnosis;
mod editor;
mod faq;
mod footer;
mod header;
mod outcome;
mod scenario;
mod status;
mod verdicts;

pub use card::container_path;
pub use diagnosis::findings as diagnosis_findings;
pub use editor::{Editor, EditorProps, Marker};
pub use faq::{anchor as faq_anchor, open_entry};
pub use header::trigger_id;
pub use verdicts::{RenderCx, VerdictsProps};

/// The markup renderers of the page's sections.
pub mod render {
    pub use super::diagnosis::{announcement as diagnosis_announcement, render as diagnosis};
    pub use super::faq::render as faq;
    pub use super::footer::FOOTER;
    pub use super::header::render as header;
    pub use super::scenario::render as scenario;
    pub use super::status::notice;
    pub use super::verdicts::{crashed, pending, render as verdicts};
}

#[cfg(target_arch = "wasm32")]
use crate::actions::{Change, Click, Setting};
use crate::app::Dispatch;
#[cfg(target_arch = "wasm32")]
use crate::examples::EXAMPLES;
use crate::state::State;
#[cfg(target_arch = "wasm32")]
use crate::state::{Action, Notice, Source, Tone};
#[cfg(target_arch = "wasm32")]
use pullpolicy::ImageOverride;
use std::cell::RefCell;
use std::rc::{Rc, Weak};
use yew::UseReducerHandle;

/// The latest state, readable from event handlers.
pub type Latest = Rc<RefCell<UseReducerHandle<State>>>;

/// What the page's handlers share besides the state, passed to them explicitly: the
/// control to focus again after a redraw, what was saved last, whether a refused save
/// was reported, and the page's analyser.
#[derive(Debug, Default)]
pub struct Ui {
    /// The id of the control that caused the last state change: if re-rendering
    /// replaced it, focus goes back to its replacement.
    pub refocus: Option<String>,
    /// What was saved last, the text by identity: saving the same state again (after its
    /// analysis, on `pagehide`) writes nothing, and 100 KB less each time.
    pub saved: Option<(Weak<String>, pullpolicy::Options, crate::state::Theme)>,
    /// A refused save was reported (once is enough).
    pub warned: bool,
    /// The page's analyser (the worker has its own).
    pub analyser: crate::engine::Analyser,
}

/// [`Ui`], shared by the app and its handlers.
pub type UiRef = Rc<RefCell<Ui>>;

/// After a render: focus the replacement of the control that changed the state, if
/// the change removed it from the page.
pub fn restore_focus(ui: &UiRef) {
    let id = ui.borrow_mut().refocus.take();
    #[cfg(target_arch = "wasm32")]
    if let Some(id) = id {
        let doc = gloo::utils::document();
        let lost = doc
            .active_element()
            .is_none_or(|a| a.tag_name() == "BODY" || !a.is_connected());
        if lost {
            focus_id(&id);
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
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

/// Opens or closes a disclosure button's region in the page, at once (no redraw); the
/// choice itself is the state's ([`Action::Disclose`]), which markup drawn later keeps.
#[cfg(target_arch = "wasm32")]
pub fn show_disclosure(button: &web_sys::Element, open: bool) {
    let region = button.get_attribute("aria-controls").unwrap_or_default();
    let _ = button.set_attribute("aria-expanded", if open { "true" } else { "false" });
    if let Some(r) = gloo::utils::document().get_element_by_id(&region) {
        let _ = if open {
            r.remove_attribute("hidden")
        } else {
            r.set_attribute("hidden", "")
        };
    }
}

/// Scrolls an element into view and focuses it.
#[cfg(target_arch = "wasm32")]
pub fn focus_element(el: &web_sys::Element) {
    focus_at(el, web_sys::ScrollLogicalPosition::Nearest);
}

/// Scrolls an element to `block` (`Start`: its top at the viewport's, `Nearest`: the
/// least scrolling) and focuses it without scrolling again.
#[cfg(target_arch = "wasm32")]
pub fn focus_at(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    use wasm_bindgen::JsCast;
    if let Some(el) = el.dyn_ref::<web_sys::HtmlElement>() {
        scroll_to(el, block);
        let focus = web_sys::FocusOptions::new();
        focus.set_prevent_scroll(true);
        let _ = el.focus_with_options(&focus);
    }
}

/// Scrolls an element to `block` of the viewport.
#[cfg(target_arch = "wasm32")]
pub fn scroll_to(el: &web_sys::Element, block: web_sys::ScrollLogicalPosition) {
    let opts = web_sys::ScrollIntoViewOptions::new();
    opts.set_block(block);
    el.scroll_into_view_with_scroll_into_view_options(&opts);
}

/// Back from an answer opened by a link (`popstate`): the element the entry names
/// ([`crate::browser::push_hash`]) is scrolled back into view and focused.
#[cfg(target_arch = "wasm32")]
fn return_to(state: wasm_bindgen::JsValue) {
    if let Some(el) = state
        .as_string()
        .filter(|id| !id.is_empty())
        .and_then(|id| gloo::utils::document().get_element_by_id(&id))
    {
        focus_at(&el, web_sys::ScrollLogicalPosition::Center);
    }
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
fn load_example(i: usize, d: &Dispatch, ui: &UiRef) {
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
        ui.borrow_mut().refocus = Some("examples-button".to_owned());
        return;
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
    ui.borrow_mut().refocus = None;
    focus_id("manifest");
}

/// Clicks on markup-rendered buttons and links: their [`Click`].
pub fn on_click(e: yew::MouseEvent, latest: &Latest, d: &Dispatch, ui: &UiRef) {
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
        let Some(click) = Click::read(|name| el.get_attribute(name)) else {
            return;
        };
        let id = el.id();
        if !id.is_empty() {
            ui.borrow_mut().refocus = Some(id);
        }
        match click {
            Click::Jump { from, to } => d.dispatch(Action::JumpTo { from, to }),
            Click::Faq(id) => {
                e.prevent_default();
                // A history entry per answer opened: Back returns to where the link was
                // (its card, finding or section), Forward to the answer.
                let back = el
                    .closest("[id]")
                    .ok()
                    .flatten()
                    .map(|b| b.id())
                    .unwrap_or_default();
                // Embedded, the fragment holds the manifest: the answer opens in place.
                if crate::embed::mode().is_some() {
                    load_library();
                } else {
                    crate::browser::push_hash(&format!("faq-{id}"), &back);
                }
                d.dispatch(Action::OpenFaq(id));
            }
            Click::Filter(p) => d.dispatch(Action::Filter(p)),
            Click::ShowAll => d.dispatch(Action::ShowAll),
            Click::Theme => {
                let next = latest.borrow().theme.next();
                d.dispatch(Action::SetTheme(next));
            }
            Click::Menu(menu) => match menu {
                crate::state::Menu::Share => crate::app::copy_link(&latest.borrow(), d),
                crate::state::Menu::Markdown => crate::app::copy_markdown(&latest.borrow(), d),
                m => d.dispatch(Action::ToggleMenu(m)),
            },
            Click::Skip => {
                e.prevent_default();
                focus_id("verdicts");
            }
            Click::Explain => d.dispatch(Action::Analyse),
            Click::Open => {
                if let Some(input) = gloo::utils::document()
                    .get_element_by_id("open-file")
                    .and_then(|i| i.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    input.click();
                }
            }
            Click::Mark(target) => focus_id(&target),
            Click::Toggle { region, open } => {
                show_disclosure(&el, open);
                ui.borrow_mut().refocus = None;
                d.dispatch(Action::Disclose { region, open });
            }
            Click::Dismiss => d.dispatch(Action::Dismiss),
            Click::Undo => d.dispatch(Action::Restore),
            Click::ResetScenario => d.dispatch(Action::SetOptions(pullpolicy::Options::default())),
            Click::RmOverride(image) => d.dispatch(Action::SetOverride(ImageOverride {
                image,
                ..ImageOverride::default()
            })),
            Click::Example(i) => {
                if i < EXAMPLES.len() {
                    // All but the first come with the library, after the first verdict.
                    let (d, ui) = (d.clone(), ui.clone());
                    crate::codec::when_loaded(Box::new(move || load_example(i, &d, &ui)));
                }
            }
            Click::Copy(src) => {
                let text = gloo::utils::document()
                    .get_element_by_id(&src)
                    .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
                    .map(|t| t.value())
                    .unwrap_or_default();
                crate::app::copy(text, "Details copied.".to_owned(), Tone::Success, d.clone());
            }
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (e, latest, d, ui);
}

/// Changes of markup-rendered form controls: their [`Setting`] (the scenario, the
/// per-image overrides, the file input).
pub fn on_change(e: yew::Event, latest: &Latest, d: &Dispatch, ui: &UiRef) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let Some(el) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        else {
            return;
        };
        let Some(setting) = el
            .get_attribute("data-set")
            .as_deref()
            .and_then(Setting::from_attr)
        else {
            return;
        };
        ui.borrow_mut().refocus = Some(el.id());
        if setting == Setting::Open {
            // "Open file…": the hidden file input; focus goes back to its button.
            ui.borrow_mut().refocus = Some("open-button".to_owned());
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
        let image = el.get_attribute("data-image");
        let change = setting.apply(&latest.borrow().options, &value, checked, image.as_deref());
        match change {
            Some(Change::Options(o)) => d.dispatch(Action::SetOptions(o)),
            Some(Change::Override(o)) => d.dispatch(Action::SetOverride(o)),
            None => {}
        }
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (e, latest, d, ui);
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
pub fn global_listeners(latest: Latest, dispatch: Dispatch, ui: UiRef) -> Listeners {
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

        let (l, d, u) = (latest.clone(), dispatch.clone(), ui.clone());
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
                        u.borrow_mut().refocus = Some(trigger_id(menu).to_owned());
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
        add(
            win.clone(),
            "popstate",
            Box::new(move |e: web_sys::Event| {
                if let Some(e) = e.dyn_ref::<web_sys::PopStateEvent>() {
                    return_to(e.state());
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
        let (l, u) = (latest.clone(), ui.clone());
        add(
            win.clone(),
            "pagehide",
            Box::new(move |_| crate::app::save(&l.borrow(), &u)),
        );
        let (l, u) = (latest, ui);
        add(
            gloo::utils::document().into(),
            "visibilitychange",
            Box::new(move |_| crate::app::save(&l.borrow(), &u)),
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
        let _ = (latest, dispatch, ui);
        Listeners {}
    }
}
