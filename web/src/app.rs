//! [`App`]: the state, the effects that connect it to the browser (debounce, storage,
//! URL fragment, global shortcuts, theme), and the page layout.

#[cfg(target_arch = "wasm32")]
use crate::browser;
use crate::components::{Editor, UiRef, render};
use crate::examples::EXAMPLES;
use crate::markup::{Shown, html};
use crate::share;
#[cfg(target_arch = "wasm32")]
use crate::state::Theme;
use crate::state::{Action, Analysis, Menu, Notice, Shared, Source, State, Tone};
use crate::storage::Saved;
use gloo::timers::callback::Timeout;
#[cfg(not(target_arch = "wasm32"))]
use pullpolicy_view::share::PlaygroundBase;
pub use pullpolicy_view::wording::group;
use std::rc::Rc;
use yew::prelude::*;

/// How components change the state.
pub type Dispatch = UseReducerDispatcher<State>;

/// The first state: a share link wins over the saved manifest, which wins over the
/// first example. A crash during the last visit stops the automatic analysis.
fn initial_state(analyser: &mut crate::engine::Analyser) -> State {
    let embed = crate::embed::mode().is_some();
    // Embedded, nothing is read from storage: the page shows what it is given.
    let saved = if embed { None } else { crate::storage::load() };
    let crashed = if embed { None } else { crate::crash::take() };
    let mut notice = None;
    let link = match crate::codec::initial(&hash()) {
        Ok(link) => link,
        Err(e) => {
            notice = Some(
                Notice::new(
                    Tone::Error,
                    format!(
                        "This link could not be opened: {e}. Showing your last manifest instead."
                    ),
                )
                .details(hash()),
            );
            None
        }
    };
    let theme = saved.as_ref().map(|s| s.theme).unwrap_or_default();
    let mut state = match (link, saved) {
        (Some(l), _) => State::new(l.text, l.options, Source::Link),
        (None, Some(s)) => State::new(s.text, s.options, Source::Saved),
        (None, None) => {
            let e = &EXAMPLES[0];
            State::new(
                crate::examples::FIRST.to_owned(),
                crate::params::read_query(e.scenario),
                Source::Example(0),
            )
        }
    };
    state.theme = theme;
    state.notice = notice;
    // The first analysis runs here, synchronously, so the first paint has verdicts
    // (unless the last visit crashed: then it waits for the user).
    match crashed {
        Some(details) => state.analysis = Analysis::Crashed { details },
        // Evidence waits for the diagnosis (in the worker): asked for at once.
        None if crate::evidence::is_evidence(&state.text) => state.ask = 1,
        None if state.text.len() <= crate::MAX_INPUT => {
            let first = analyser.run(&state.job());
            state.apply(Shared::new(first), crate::browser::now());
        }
        None => {
            state.apply(
                Shared::new(crate::worker::too_large(&state.job())),
                crate::browser::now(),
            );
        }
    }
    state
}

fn hash() -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::hash();
    #[cfg(not(target_arch = "wasm32"))]
    String::new()
}

/// Saves the manifest, scenario and theme, unless the manifest is an unchanged
/// share link (opening a link must not overwrite the user's own saved work).
pub(crate) fn save(state: &State, ui: &UiRef) {
    save_or_warn(state, None, ui);
}

fn saved_already(state: &State, ui: &UiRef) -> bool {
    ui.borrow()
        .saved
        .as_ref()
        .is_some_and(|(text, options, theme)| {
            text.upgrade()
                .is_some_and(|t| Rc::ptr_eq(&t, &state.text.0))
                && *options == state.options
                && *theme == state.theme
        })
}

/// [`save`], and when the browser refuses (private mode, a full quota) say so once,
/// with what to do instead.
fn save_or_warn(state: &State, dispatch: Option<&Dispatch>, ui: &UiRef) {
    if state.source == Source::Link || crate::embed::mode().is_some() || saved_already(state, ui) {
        return;
    }
    let saved = Saved {
        text: (*state.text).clone(),
        options: state.options.clone(),
        theme: state.theme,
    };
    if crate::storage::save(&saved) {
        ui.borrow_mut().saved = Some((Rc::downgrade(&state.text.0), saved.options, saved.theme));
    } else if let Some(d) = dispatch
        && !std::mem::replace(&mut ui.borrow_mut().warned, true)
    {
        d.dispatch(Action::Notify(Notice::new(
            Tone::Warning,
            "This browser did not let the playground keep your manifest (private mode, or storage full). Copy a link to keep it.",
        )));
    }
}

/// The full share URL of the current text and scenario, given to `then`: compressed
/// (`#z=`) by the deferred module, which holds the compressor (see [`crate::codec`]);
/// the uncompressed form (`#yaml=`) when it did not load, and embedded (where it is not
/// loaded).
pub fn share_url(state: &State, then: Box<dyn FnOnce(String)>) {
    let base = page_url();
    let (text, options) = (state.text.clone(), state.options.clone());
    if crate::embed::mode().is_some() {
        return then(format!("{base}#{}", share::encode_plain(&text, &options)));
    }
    // A link asked for before the module's usual load loads it now.
    crate::codec::when_loaded(Box::new(move || {
        let fragment = match crate::codec::deflate(text.as_bytes()) {
            Some(p) => share::encode_deflated(&p, &options),
            None => share::encode_plain(&text, &options),
        };
        then(format!("{base}#{fragment}"));
    }));
}

/// This page's address without its fragment: where share links and FAQ links go. (A
/// share link is shown as text and copied; it becomes no `href` here.)
fn page_url() -> String {
    #[cfg(target_arch = "wasm32")]
    return browser::base_url();
    #[cfg(not(target_arch = "wasm32"))]
    String::from("https://pullpolicy.test/")
}

/// "Copy link": puts the link in the address bar and on the clipboard, and opens the
/// share panel (which shows the link, its length and a warning past 8,000 characters).
pub fn copy_link(state: &State, dispatch: &Dispatch) {
    let d = dispatch.clone();
    share_url(
        state,
        Box::new(move |url| {
            #[cfg(target_arch = "wasm32")]
            if let Some((_, fragment)) = url.split_once('#') {
                browser::replace_hash(Some(fragment));
            }
            d.dispatch(Action::LinkMade(url.clone()));
            d.dispatch(Action::Menu(Some(Menu::Share)));
            let long = url.len() > share::WARN_LENGTH;
            let done = if long {
                format!(
                    "Link copied. It is {} characters long; some chat tools and browsers cut links past {}.",
                    group(url.len()),
                    group(share::WARN_LENGTH)
                )
            } else {
                format!("Link copied ({} characters).", group(url.len()))
            };
            copy(
                url,
                done,
                if long { Tone::Warning } else { Tone::Success },
                d,
            );
        }),
    );
}

/// "Copy as Markdown": the view's Markdown report (the CLI's `--format markdown`), with
/// the manifest and a link back.
pub fn copy_markdown(state: &State, dispatch: &Dispatch) {
    if state.text.len() > crate::MAX_INPUT {
        dispatch.dispatch(Action::Notify(Notice::new(
            Tone::Warning,
            "This manifest is too large to explain here.",
        )));
        return;
    }
    let (text, options, d) = (state.text.clone(), state.options.clone(), dispatch.clone());
    // Once the deferred module's loader is there (the share link waits for it too).
    crate::codec::when_loaded(Box::new(move || {
        let done = move |md: Result<String, ()>| {
            match md {
            Ok(md) => {
                let md: Rc<str> = Rc::from(md);
                d.dispatch(Action::MarkdownMade(md.clone()));
                d.dispatch(Action::Menu(Some(Menu::Markdown)));
                copy(
                    md.to_string(),
                    "Markdown copied: verdict table, findings, manifest and link.".to_owned(),
                    Tone::Success,
                    d,
                );
            }
            Err(()) => d.dispatch(Action::Notify(Notice::new(
                Tone::Error,
                "The Markdown could not be made: the playground's Markdown module did not load. Reload the page to try again.",
            ))),
        }
        };
        let base = page_url();
        #[cfg(target_arch = "wasm32")]
        {
            let mut params = String::new();
            crate::params::write(&options, &mut params);
            crate::codec::markdown(&text, &params, &base, Box::new(done));
        }
        #[cfg(not(target_arch = "wasm32"))]
        done(
            PlaygroundBase::parse(&base)
                .map(|b| crate::markdown::export(&text, &options, &b))
                .ok_or(()),
        );
    }));
}

pub(crate) fn copy(text: String, done: String, tone: Tone, dispatch: Dispatch) {
    #[cfg(target_arch = "wasm32")]
    browser::copy(
        text,
        Box::new(move |copied, text| {
            let notice = match copied {
                Ok(()) => Notice::new(tone, done),
                Err(e) => Notice::new(Tone::Error, e).details(text),
            };
            dispatch.dispatch(Action::Notify(notice));
        }),
    );
    #[cfg(not(target_arch = "wasm32"))]
    dispatch.dispatch(Action::Notify(Notice::new(tone, done).details(text)));
}

/// The page's sections as last built, each with what it was built from (see [`keep`]).
/// One `use_mut_ref` holds them all: each yew hook instance costs code in the bundle
/// (a `use_memo` per section cost about 0.3 KB gzip each).
#[derive(Default)]
struct Sections {
    markers: Option<(u64, Shared<Vec<crate::components::Marker>>)>,
    verdicts: Option<(Analysis, Shown)>,
    header: Option<(HeaderKey, Shown)>,
    scenario: Option<(pullpolicy::Options, Shown)>,
    faq: Option<(Vec<&'static str>, Shown)>,
}

/// What the header shows: theme, open menu, current example, share link, Markdown.
type HeaderKey = (
    crate::state::Theme,
    Option<Menu>,
    Option<usize>,
    Option<String>,
    Option<Rc<str>>,
);

/// The value kept in `slot` if it was made from `key`, else `make(&key)`, kept.
fn keep<K: PartialEq, V: Clone>(
    slot: &mut Option<(K, V)>,
    key: K,
    make: impl FnOnce(&K) -> V,
) -> V {
    match slot {
        Some((k, v)) if *k == key => v.clone(),
        _ => {
            let v = make(&key);
            *slot = Some((key, v.clone()));
            v
        }
    }
}

/// What the after-render effect of [`App`] last acted on.
#[derive(Debug, Clone)]
struct Seen {
    ask: u64,
    saved: (u64, pullpolicy::Options, crate::state::Theme),
    shown: (u64, Source, crate::state::Theme),
    menu: Option<Menu>,
    faq: Option<crate::state::FaqFocus>,
    notice: Option<Notice>,
    announcement: String,
}

/// The after-render effect's memory: what it last acted on, and its timers.
#[derive(Default)]
struct After {
    seen: Option<Seen>,
    /// The next analysis (debounced).
    ask: Option<Timeout>,
    /// A success notice's dismissal.
    notice: Option<Timeout>,
    /// The live region's next sentence.
    announce: Option<Timeout>,
}

/// What the live region says about the current analysis.
fn announcement(s: &State) -> String {
    match &s.analysis {
        Analysis::Ready(r) => r.announcement.clone(),
        Analysis::Crashed { details } => {
            crate::crash::Failure::of(details).announcement().to_owned()
        }
        Analysis::Pending => String::new(),
    }
}

/// How long the verdict summary must stay the same before the live region says it.
const ANNOUNCE_AFTER_MS: u32 = 900;

/// The whole playground.
#[function_component(App)]
pub fn app() -> Html {
    let embed = crate::embed::mode();
    let ui: UiRef = use_mut_ref(crate::components::Ui::default);
    let state = {
        let ui = ui.clone();
        use_reducer(move || initial_state(&mut ui.borrow_mut().analyser))
    };
    let dispatch = state.dispatcher();
    let latest = use_mut_ref(|| state.clone());
    *latest.borrow_mut() = state.clone();

    // Global shortcuts, clicks outside menus, links pasted into the address bar;
    // embedded, only messages from the parent (and resizes). One effect with the
    // worker's start and the deferred module's (each hook instance costs code in the
    // bundle). Embedded, there is no FAQ or examples menu to load.
    {
        let latest = latest.clone();
        let dispatch = dispatch.clone();
        let ui = ui.clone();
        use_effect_with((), move |_| {
            #[cfg(target_arch = "wasm32")]
            let listeners: Box<dyn std::any::Any> = match embed {
                // Embedded (maybe sandboxed, with an opaque origin): analyses run here.
                Some(_) => Box::new(crate::embed::listen(dispatch)),
                None => {
                    // A link to one question (`#faq-<id>`) opens it.
                    if let Some(id) = crate::components::faq_anchor(&browser::hash()) {
                        crate::components::open_faq_link(id, &dispatch);
                    }
                    // The worker, once the first verdict is in the page (it diagnoses
                    // pasted evidence, which waits for it); 300 ms later the deferred
                    // module with the FAQ answers and the examples (which a click on
                    // an example or a `#z=` link loads sooner).
                    if crate::worker::current(&dispatch).is_none() {
                        crate::worker::Engine::start(dispatch.clone(), ui.clone());
                    }
                    let start =
                        gloo::timers::callback::Timeout::new(300, crate::components::load_library);
                    Box::new((
                        crate::components::global_listeners(latest, dispatch, ui),
                        start,
                    ))
                }
            };
            #[cfg(not(target_arch = "wasm32"))]
            let listeners = crate::components::global_listeners(latest, dispatch, ui);
            move || drop(listeners)
        });
    }
    // After every render, one effect (each hook instance costs code in the bundle)
    // does what depends on what changed since the last one:
    // - the analysis: at once after a change of example, scenario or filter; ~100 ms
    //   after the last keystroke (longer when analysis is slow). Large manifests go to
    //   a worker (started after the first paint, above; until it is ready, analyses
    //   run here). The manifest is saved first, so a crash loses nothing;
    // - success notices go away by themselves; warnings and errors stay until
    //   dismissed;
    // - the live region says the verdicts once they settle (no chatter while typing);
    // - save after every analysis and every scenario or theme change;
    // - a share link in the address bar stays only while the text is the link's; the
    //   theme goes on <html>;
    // - focus goes back to a control whose markup a state change replaced, into a
    //   menu that just opened, onto a FAQ entry asked for.
    // Its timers are kept in `after`: a new one replaces (cancels) the one before, and
    // they go with the app.
    let after = use_mut_ref(After::default);
    {
        let latest = latest.clone();
        let dispatch = dispatch.clone();
        let ui = ui.clone();
        use_effect(move || {
            let s = latest.borrow();
            let now = Seen {
                ask: s.ask,
                saved: (s.applied, s.options.clone(), s.theme),
                shown: (s.revision, s.source, s.theme),
                menu: s.menu,
                faq: s.faq,
                notice: s.notice.clone(),
                announcement: announcement(&s),
            };
            let mut after = after.borrow_mut();
            let before = after.seen.replace(now.clone());
            let changed = |f: fn(&Seen, &Seen) -> bool| before.as_ref().is_none_or(|b| f(b, &now));
            if changed(|a, b| a.ask != b.ask) {
                let delay = if s.ask_now { 0 } else { s.debounce_ms() };
                let (latest, dispatch, ui) = (latest.clone(), dispatch.clone(), ui.clone());
                after.ask = Some(Timeout::new(delay, move || {
                    let s = latest.borrow();
                    if !s.busy() {
                        return;
                    }
                    save_or_warn(&s, Some(&dispatch), &ui);
                    let job = s.job();
                    drop(s);
                    #[cfg(target_arch = "wasm32")]
                    match crate::worker::current(&dispatch) {
                        Some(e) => e.request(job),
                        None => crate::worker::run_here(&job, &dispatch, &ui),
                    }
                    #[cfg(not(target_arch = "wasm32"))]
                    crate::worker::run_here(&job, &dispatch, &ui);
                }));
            }
            if changed(|a, b| a.notice != b.notice) {
                let success = s.notice.as_ref().filter(|n| n.tone == Tone::Success);
                after.notice = success.map(|n| {
                    let dispatch = dispatch.clone();
                    let shown_ms = if n.undo { 12_000 } else { 5_000 };
                    Timeout::new(shown_ms, move || dispatch.dispatch(Action::Dismiss))
                });
            }
            if changed(|a, b| a.announcement != b.announcement) {
                let text = now.announcement.clone();
                after.announce = Some(Timeout::new(ANNOUNCE_AFTER_MS, move || {
                    crate::browser::announce(&text);
                }));
            }
            if changed(|a, b| a.saved != b.saved) {
                save(&s, &ui);
            }
            #[cfg(target_arch = "wasm32")]
            if changed(|a, b| a.shown != b.shown) {
                if embed.is_none()
                    && s.source != Source::Link
                    && crate::codec::holds_link(&browser::hash())
                {
                    browser::replace_hash(None);
                }
                browser::set_theme_attribute(match s.theme {
                    Theme::System => None,
                    t => Some(t.as_str()),
                });
            }
            #[cfg(not(target_arch = "wasm32"))]
            let _ = changed(|a, b| a.shown != b.shown);
            crate::components::restore_focus(&ui);
            if changed(|a, b| a.menu != b.menu) {
                match s.menu {
                    Some(Menu::Examples) => crate::components::focus_id("example-0"),
                    Some(Menu::Share) => crate::components::focus_id("share-link"),
                    Some(Menu::Markdown) => crate::components::focus_id("markdown-text"),
                    _ => {}
                }
            }
            if changed(|a, b| a.faq != b.faq)
                && let Some(f) = s.faq
            {
                crate::components::open_entry(f.id);
            }
        });
    }

    // The sections, as markup, rebuilt only when what they show changes.
    let sections = use_mut_ref(Sections::default);
    let (markers, header, scenario, verdicts, faq) = {
        let mut c = sections.borrow_mut();
        let markers = keep(&mut c.markers, state.applied, |_| match &state.analysis {
            Analysis::Ready(r) => Shared(Rc::new(r.markers.clone())),
            _ => Shared::new(Vec::new()),
        });
        // Made once per analysis: a keystroke's render shares the markup, not copies it.
        let verdicts = keep(&mut c.verdicts, state.analysis.clone(), |a| {
            Shown::from(match a {
                Analysis::Ready(r) => r.verdicts.clone(),
                Analysis::Crashed { details } => render::crashed(details),
                Analysis::Pending => render::pending(),
            })
        });
        // Embedded too: there, the answers the cards link to (components::faq).
        let related = state
            .rendered()
            .map(|r| r.related.clone())
            .unwrap_or_default();
        let faq = keep(&mut c.faq, related, |related| {
            render::faq(related, &state.open).into()
        });
        match embed {
            Some(_) => (markers, Shown::default(), Shown::default(), verdicts, faq),
            None => {
                let example = match state.source {
                    Source::Example(i) => Some(i),
                    _ => None,
                };
                let key = (
                    state.theme,
                    state.menu,
                    example,
                    state.link.clone(),
                    state.markdown.clone(),
                );
                let header = keep(&mut c.header, key, |(theme, menu, example, link, md)| {
                    render::header(*theme, *menu, *example, link.as_deref(), md.as_deref()).into()
                });
                let scenario = keep(&mut c.scenario, state.options.clone(), |o| {
                    render::scenario(o, &state.open).into()
                });
                (markers, header, scenario, verdicts, faq)
            }
        }
    };

    let onclick = {
        let (latest, dispatch, ui) = (latest.clone(), dispatch.clone(), ui.clone());
        Callback::from(move |e: MouseEvent| crate::components::on_click(e, &latest, &dispatch, &ui))
    };
    let onchange = {
        let (latest, dispatch, ui) = (latest.clone(), dispatch.clone(), ui.clone());
        Callback::from(move |e: Event| crate::components::on_change(e, &latest, &dispatch, &ui))
    };

    let editor = html! {
        <Editor
            text={state.text.clone()}
            lines={state.lines.clone()}
            loaded={state.loaded}
            markers={markers}
            jump={state.jump}
            bytes={state.text.len()}
            cost_ms={state.cost_ms as u32}
            diagnosed={state.rendered().is_some_and(|r| r.diagnosed)}
            busy={state.busy()}
            readonly={embed == Some(crate::embed::Embed::ReadOnly)}
            dispatch={dispatch.clone()}
        />
    };
    let notices = html! {
        <>
            <div id="announcer" class="sr-only" role="status" aria-live="polite" aria-atomic="true"></div>
            <div class="notice-area" role="status" aria-live="polite">{ html(&Shown::from(render::notice(state.notice.as_ref()))) }</div>
        </>
    };
    if embed.is_some() {
        let href = crate::embed::playground_url(&state.text, &state.options);
        return html! {
            <div class="app embed" {onclick} {onchange} onfocusin={crate::components::on_focusin}>
                <main id="main" class="layout"><h1 class="sr-only">{ "pullpolicy" }</h1><div class="work">
                    { editor }
                    <section id="verdicts" class="pane verdicts" aria-labelledby="verdicts-title" tabindex="-1">{ html(&verdicts) }</section>
                </div>
                { html(&faq) }
                <p class="embed-open"><a {href} target="_blank" rel="noopener">{ "Open in the playground" }</a></p>
                </main>
                { notices }
            </div>
        };
    }

    html! {
        <div class="app" {onclick} {onchange} onfocusin={crate::components::on_focusin}>
            { html(&skip_link()) }
            { html(&header) }
            <main id="main" class="layout">
                <div class="work">
                    { editor }
                    <div class="results">
                        <section class="pane scenario" aria-labelledby="scenario-title">{ html(&scenario) }</section>
                        <section id="verdicts" class="pane verdicts" aria-labelledby="verdicts-title" tabindex="-1">{ html(&verdicts) }</section>
                    </div>
                </div>
                <section id="faq" class="pane faq" aria-labelledby="faq-title">{ html(&faq) }</section>
            </main>
            { html(&Shown::literal(render::FOOTER)) }
            { notices }
        </div>
    }
}

/// "Skip to verdicts".
fn skip_link() -> Shown {
    let mut h = crate::markup::Html::new();
    h.raw("<a class=\"skip\" href=\"#verdicts\"");
    crate::actions::Click::Skip.write(&mut h);
    h.raw(">Skip to verdicts</a>");
    Shown::from(h.finish())
}
