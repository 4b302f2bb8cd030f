//! Analysis off the main thread for large manifests.
//!
//! Measured on the release build: `explain` takes about 90 ms on a 100 KB manifest and
//! about 250 ms on 1 MB, too long to run between two keystrokes. So the page starts a
//! Web Worker that runs this same WebAssembly module (the compiled
//! `WebAssembly.Module` is posted to it; nothing is downloaded twice but the small JS
//! glue) and answers [`Job`]s with [`Rendered`] results, as records of length-prefixed
//! fields ([`crate::engine::encode_job`], [`crate::engine::encode_from_worker`]).
//!
//! Small manifests are still analysed on the main thread, synchronously: that is
//! faster than a round trip, and it is the fallback when workers are unavailable.
//! Pasted evidence of a pull failure is always diagnosed in the worker, by the diagnosis
//! module it imports for it (see [`crate::diagnosis`]).
//! A crash in the worker (a trap) is reported as [`crate::state::Action::Crashed`] and the worker is
//! replaced; the page itself keeps running.

use crate::engine::{Job, Rendered};

/// What marks a job for the diagnosis before its record (`web/worker.js` reads it).
pub const DIAGNOSE: char = 'D';

/// Manifests at least this large (bytes) are analysed in the worker.
pub const WORKER_FROM: usize = 24_000;

/// Whether this instance runs in a worker (no `document`).
pub fn is_worker() -> bool {
    #[cfg(target_arch = "wasm32")]
    return !js_sys::Reflect::has(&js_sys::global(), &"document".into()).unwrap_or(true);
    #[cfg(not(target_arch = "wasm32"))]
    false
}

/// The markup and sentence for a manifest past [`crate::MAX_INPUT`].
pub fn too_large(job: &Job) -> Rendered {
    let mut h = crate::markup::Html::new();
    h.raw("<div class=\"pane-head\"><h2 id=\"verdicts-title\">Verdicts</h2></div><div class=\"message warn\"><p><strong>This manifest is too large for the playground.</strong></p><p>It is ")
        .text(&crate::app::group(job.text.len()))
        .raw(" bytes; the playground analyses up to ")
        .text(&crate::app::group(crate::MAX_INPUT))
        .raw(" bytes (2 MB) so that the page stays responsive. Your text stays in the editor. For larger files use the command-line tool (<code>pullpolicy explain file.yaml</code>), which has no such limit.</p></div>");
    Rendered {
        id: job.id,
        verdicts: h.finish(),
        markers: Vec::new(),
        announcement: "The manifest is too large to analyse.".to_owned(),
        related: Vec::new(),
        cost_ms: 0,
        clean: false,
        diagnosed: false,
    }
}

/// Whether `job` is evidence of a pull failure (see [`crate::evidence`]), which the
/// worker diagnoses, whatever its size (up to [`crate::MAX_INPUT`]).
#[inline(never)]
pub fn is_evidence(job: &Job) -> bool {
    job.text.len() <= crate::MAX_INPUT && crate::evidence::is_evidence(&job.text)
}

/// Hands a finished analysis to the page, stamped with its arrival time.
fn show(dispatch: &crate::app::Dispatch, r: Rendered) {
    let now = crate::browser::now();
    dispatch.dispatch(crate::state::Action::Analysed(
        crate::state::Shared::new(r),
        now,
    ));
}

/// Analyses `job` on this thread (with the page's analyser, in `ui`) and shows the
/// result.
pub fn run_here(job: &Job, dispatch: &crate::app::Dispatch, ui: &crate::components::UiRef) {
    let r = if job.text.len() > crate::MAX_INPUT {
        too_large(job)
    } else {
        ui.borrow_mut().analyser.run(job)
    };
    show(dispatch, r);
}

#[cfg(target_arch = "wasm32")]
pub use web::{Engine, current, serve};

#[cfg(target_arch = "wasm32")]
mod web {
    use super::*;
    use crate::app::Dispatch;
    use crate::components::UiRef;
    use crate::engine::{self, FromWorker};
    use crate::state::Action;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::JsCast;
    use wasm_bindgen::closure::Closure;

    /// The worker's side: answer jobs until the page goes away.
    pub fn serve() {
        let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
        // A panic here aborts the worker; tell the page first.
        std::panic::set_hook(Box::new(|info| {
            let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
            let crash = FromWorker::Crashed(info.to_string());
            let _ = scope.post_message(&engine::encode_from_worker(&crash).into());
        }));
        let reply = scope.clone();
        // The worker's own analyser, with its last report.
        let mut analyser = engine::Analyser::default();
        let on_message =
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
                if let Some(job) = e.data().as_string().as_deref().and_then(engine::decode_job) {
                    let result = FromWorker::Result(analyser.run(&job));
                    let _ = reply.post_message(&engine::encode_from_worker(&result).into());
                }
            });
        scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        on_message.forget();
        let _ = scope.post_message(&engine::encode_from_worker(&FromWorker::Ready).into());
    }

    /// Posts `job` to the worker: its record, after a `D` for evidence (a record begins
    /// with a digit), which the worker's JS hands to the diagnosis module (see
    /// [`crate::diagnosis`]).
    fn post(w: &web_sys::Worker, job: &Job) {
        let mut record = engine::encode_job(job);
        if super::is_evidence(job) {
            record.insert(0, DIAGNOSE);
        }
        let _ = w.post_message(&record.into());
    }

    /// The worker's JS shell, next to `index.html` (`web/worker.js`): it imports the
    /// glue whose URL the page posts first, with the compiled module.
    const BOOT: &str = "./worker.js";

    thread_local! {
        /// The page's engine, once started.
        static CURRENT: RefCell<Option<Engine>> = const { RefCell::new(None) };
    }

    /// The engine started for the app that dispatches to `dispatch`, if any (a page
    /// has one app; the browser tests mount several, one after the other).
    pub fn current(dispatch: &Dispatch) -> Option<Engine> {
        CURRENT.with(|c| {
            c.borrow()
                .as_ref()
                .filter(|e| e.0.borrow().dispatch == *dispatch)
                .cloned()
        })
    }

    struct Inner {
        worker: Option<web_sys::Worker>,
        ready: bool,
        /// A job that arrived while the worker was starting.
        pending: Option<Job>,
        dispatch: Dispatch,
        ui: UiRef,
        _listeners: Vec<Closure<dyn FnMut(web_sys::Event)>>,
    }

    /// The page's handle on the analysis: runs jobs here or in the worker.
    #[derive(Clone)]
    pub struct Engine(Rc<RefCell<Inner>>);

    impl std::fmt::Debug for Engine {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("Engine")
        }
    }

    impl Engine {
        /// Starts the worker (if the browser can) and returns the handle.
        pub fn start(dispatch: Dispatch, ui: UiRef) -> Engine {
            let engine = Engine(Rc::new(RefCell::new(Inner {
                worker: None,
                ready: false,
                pending: None,
                dispatch,
                ui,
                _listeners: Vec::new(),
            })));
            engine.spawn();
            CURRENT.with(|c| *c.borrow_mut() = Some(engine.clone()));
            engine
        }

        fn spawn(&self) {
            let Some(glue) = gloo::utils::document()
                .query_selector("link[rel=modulepreload]")
                .ok()
                .flatten()
                .and_then(|l| l.dyn_into::<web_sys::HtmlLinkElement>().ok())
                .map(|l| l.href())
            else {
                return;
            };
            let options = web_sys::WorkerOptions::new();
            options.set_type(web_sys::WorkerType::Module);
            let Ok(worker) = web_sys::Worker::new_with_options(BOOT, &options) else {
                return;
            };
            let me = self.clone();
            let on_message = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let data = e.unchecked_into::<web_sys::MessageEvent>().data();
                if let Some(text) = data.as_string() {
                    me.answer(&text);
                }
            });
            let me = self.clone();
            let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
                let message = e
                    .dyn_into::<web_sys::ErrorEvent>()
                    .map(|e| e.message())
                    .unwrap_or_default();
                me.crashed(format!(
                    "pullpolicy {} (worker): {message}",
                    pullpolicy::version()
                ));
            });
            let _ = worker
                .add_event_listener_with_callback("message", on_message.as_ref().unchecked_ref());
            let _ =
                worker.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
            let boot = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&boot, &"glue".into(), &glue.into());
            let _ = js_sys::Reflect::set(&boot, &"module".into(), &wasm_bindgen::module());
            let _ = worker.post_message(&boot);
            let mut inner = self.0.borrow_mut();
            inner.worker = Some(worker);
            inner.ready = false;
            inner._listeners = vec![on_message, on_error];
        }

        fn answer(&self, data: &str) {
            match engine::decode_from_worker(data) {
                Some(FromWorker::Ready) => {
                    let mut inner = self.0.borrow_mut();
                    inner.ready = true;
                    if let (Some(job), Some(w)) = (inner.pending.take(), &inner.worker) {
                        post(w, &job);
                    }
                    if let Some(root) = gloo::utils::document().document_element() {
                        let _ = root.set_attribute("data-engine", "worker");
                    }
                }
                Some(FromWorker::Crashed(details)) => self.crashed(format!(
                    "pullpolicy {} (worker): {details}",
                    pullpolicy::version()
                )),
                Some(FromWorker::Result(r)) => {
                    let dispatch = self.0.borrow().dispatch.clone();
                    super::show(&dispatch, r);
                }
                None => {}
            }
        }

        fn crashed(&self, details: String) {
            let (worker, dispatch) = {
                let mut inner = self.0.borrow_mut();
                (inner.worker.take(), inner.dispatch.clone())
            };
            if let Some(w) = worker {
                w.terminate();
                dispatch.dispatch(Action::Crashed(details));
                // A fresh worker for the next try (the old one's state is gone).
                self.spawn();
            }
        }

        /// Analyses `job`: in the worker (evidence, and manifests from [`WORKER_FROM`]
        /// bytes up to [`crate::MAX_INPUT`]), else here ([`super::run_here`]: small, or
        /// too large).
        pub fn request(&self, job: Job) {
            let for_worker = super::is_evidence(&job)
                || (WORKER_FROM..=crate::MAX_INPUT).contains(&job.text.len());
            let mut inner = self.0.borrow_mut();
            match (&inner.worker, inner.ready) {
                (Some(w), true) if for_worker => post(w, &job),
                (Some(_), false) if for_worker => inner.pending = Some(job),
                _ => {
                    let (dispatch, ui) = (inner.dispatch.clone(), inner.ui.clone());
                    drop(inner);
                    super::run_here(&job, &dispatch, &ui);
                }
            }
        }
    }
}
