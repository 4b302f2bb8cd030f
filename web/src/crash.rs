//! What happens if the app panics anyway (the release build aborts on panic, which
//! in WebAssembly is a trap that stops the app).
//!
//! The hook (1) logs the panic to the console, (2) remembers it in `localStorage`, so
//! that the next load does not analyse the same text again and crash in a loop, and
//! (3) shows a message with the details and a way to copy them. The manifest itself
//! is already saved (it is saved before every analysis), so nothing typed is lost.

/// The `localStorage` key of the crash record.
pub const CRASH_KEY: &str = "pullpolicy.crash";

/// The message shown after a crash.
pub const CRASH_MESSAGE: &str = "Something went wrong inside the playground. Your manifest is saved in this browser. Reload the page to continue; it will not re-run the analysis until you press Explain.";

/// The words `web/worker.js` begins a crash's details with when the diagnosis module
/// (`pullpolicy_diagnosis`) cannot be loaded in the analysis worker.
pub const DIAGNOSIS_UNLOADED: &str = "the diagnosis could not be loaded: ";

/// The words `web/worker.js` begins a crash's details with when the diagnosis module
/// traps.
pub const DIAGNOSIS_FAILED: &str = "the diagnosis failed: ";

/// What stopped, as the results pane tells it after a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The explanation (the page's or the worker's) panicked.
    Analysis,
    /// The diagnosis module could not be loaded in the worker.
    DiagnosisUnloaded,
    /// The diagnosis module trapped.
    Diagnosis,
}

impl Failure {
    /// Which failure a crash's details tell: the worker's (`pullpolicy <v> (worker): `)
    /// begin with what `web/worker.js` says of the diagnosis module.
    pub fn of(details: &str) -> Failure {
        let said = details
            .split_once(" (worker): ")
            .map_or("", |(_, said)| said);
        if said.starts_with(DIAGNOSIS_UNLOADED) {
            Failure::DiagnosisUnloaded
        } else if said.starts_with(DIAGNOSIS_FAILED) {
            Failure::Diagnosis
        } else {
            Failure::Analysis
        }
    }

    /// The results pane's headline.
    pub fn headline(self) -> &'static str {
        match self {
            Failure::Analysis => "The analysis of this manifest crashed.",
            Failure::DiagnosisUnloaded => "The diagnosis could not be loaded.",
            Failure::Diagnosis => "The diagnosis of this text crashed.",
        }
    }

    /// What the user can do, under the headline.
    pub fn advice(self) -> &'static str {
        match self {
            Failure::Analysis => {
                "Your manifest is safe in the editor. Press Explain to try again, or change the manifest first. If it crashes again, please report it with the details below."
            }
            Failure::DiagnosisUnloaded => {
                "Your text is safe in the editor. The part of the playground that diagnoses pasted evidence did not load (the connection may have dropped, or the site is being updated). Press Explain to try again, or reload the page; manifests are still explained."
            }
            Failure::Diagnosis => {
                "Your text is safe in the editor. Press Explain to try again, or change the text first. If it crashes again, please report it with the details below."
            }
        }
    }

    /// What the live region says.
    pub fn announcement(self) -> &'static str {
        match self {
            Failure::Analysis => "The analysis crashed; press Explain to try again.",
            Failure::DiagnosisUnloaded => {
                "The diagnosis could not be loaded; press Explain to try again."
            }
            Failure::Diagnosis => "The diagnosis crashed; press Explain to try again.",
        }
    }
}

/// Installs the hook (first line of `main`).
pub fn install() {
    #[cfg(target_arch = "wasm32")]
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        let details = format!("pullpolicy {}: {info}", pullpolicy::version());
        crate::storage::set(CRASH_KEY, &details);
        show(&details);
    }));
}

/// Takes (reads and clears) the crash record of the previous page, if any.
pub fn take() -> Option<String> {
    let details = crate::storage::get(CRASH_KEY)?;
    crate::storage::remove(CRASH_KEY);
    Some(details)
}

/// Puts a dialog on the page, built with plain DOM calls: the app may be unusable.
#[cfg(target_arch = "wasm32")]
fn show(details: &str) {
    use wasm_bindgen::JsCast;
    let doc = gloo::utils::document();
    let Some(body) = doc.body() else { return };
    let Ok(dialog) = doc.create_element("div") else {
        return;
    };
    let _ = dialog.set_attribute("role", "alertdialog");
    let _ = dialog.set_attribute("aria-labelledby", "crash-title");
    let _ = dialog.set_attribute("class", "crash");
    let title = doc.create_element("h2").ok();
    if let Some(t) = &title {
        let _ = t.set_attribute("id", "crash-title");
        t.set_text_content(Some("The playground stopped"));
        let _ = dialog.append_child(t);
    }
    if let Ok(p) = doc.create_element("p") {
        p.set_text_content(Some(CRASH_MESSAGE));
        let _ = dialog.append_child(&p);
    }
    if let Ok(area) = doc.create_element("textarea") {
        let _ = area.set_attribute("readonly", "");
        let _ = area.set_attribute(
            "aria-label",
            "Details (select and copy them for a bug report)",
        );
        area.set_text_content(Some(details));
        let _ = dialog.append_child(&area);
    }
    if let Ok(button) = doc.create_element("button") {
        button.set_text_content(Some("Copy details"));
        let _ = button.set_attribute("type", "button");
        let text = details.to_owned();
        let copy = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(move || {
            let _ = gloo::utils::window()
                .navigator()
                .clipboard()
                .write_text(&text);
        });
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            b.set_onclick(Some(copy.as_ref().unchecked_ref()));
        }
        copy.forget();
        let _ = dialog.append_child(&button);
    }
    if let Ok(button) = doc.create_element("button") {
        button.set_text_content(Some("Reload"));
        let _ = button.set_attribute("type", "button");
        let reload = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
            let _ = gloo::utils::window().location().reload();
        });
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            b.set_onclick(Some(reload.as_ref().unchecked_ref()));
        }
        reload.forget();
        let _ = dialog.append_child(&button);
        let _ = body.append_child(&dialog);
        if let Some(b) = button.dyn_ref::<web_sys::HtmlElement>() {
            let _ = b.focus();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The worker's words and the page's agree: each of web/worker.js's crash texts
    /// about the diagnosis module is told by its headline.
    #[test]
    fn the_workers_words_pick_the_headline() {
        let js = include_str!("../worker.js");
        for (words, failure) in [
            (DIAGNOSIS_UNLOADED, Failure::DiagnosisUnloaded),
            (DIAGNOSIS_FAILED, Failure::Diagnosis),
        ] {
            assert!(
                js.contains(&format!("`{words}")),
                "worker.js lacks `{words}`"
            );
            let details = format!("pullpolicy 0.1.0 (worker): {words}TypeError: x");
            assert_eq!(Failure::of(&details), failure);
        }
        assert_eq!(
            Failure::of("pullpolicy 0.1.0 (worker): the diagnosis could not be loaded: x")
                .headline(),
            "The diagnosis could not be loaded."
        );
        // A panic's message (the page's or the worker's) is the analysis's, whatever
        // it quotes.
        for details in [
            "pullpolicy 0.1.0: panicked at src/x.rs:1:1: the diagnosis could not be loaded: ",
            "pullpolicy 0.1.0 (worker): panicked at x: the diagnosis failed: ",
            "",
        ] {
            assert_eq!(Failure::of(details), Failure::Analysis, "{details}");
        }
    }
}
