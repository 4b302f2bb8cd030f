//! The library: the FAQ answers (the core's) and the example manifests but the first.
//!
//! Neither is needed for the first verdict, so neither is part of the page's first load
//! (about 7.7 KB gzip of it): the deferred module (`src/bin/pullpolicy_deferred.rs`)
//! links them and hands them over as one string, [`write()`], which the page loads right
//! after its first verdict ([`crate::codec::when_loaded`]) and reads with
//! [`Library`]. Until then the FAQ shows its questions and links, and picking an example
//! waits for it.
//!
//! The string: the FAQ entries in display order, each its id and paragraphs separated by
//! U+001F and ended by U+001E; then U+001D; then the example manifests in menu order, each
//! ended by U+001E; then U+001D; then the examples' menu hints, each ended by U+001E;
//! then U+001D; then the keyboard shortcut legend, each row its keys (separated by
//! spaces; `/`, `+` and `then` are words, the rest keys) and what they do separated by
//! U+001F, ended by U+001E.
//! Neither the answers nor the examples contain these control characters (tested).

use std::cell::RefCell;
use std::rc::Rc;

const GROUP: char = '\u{1d}';
const RECORD: char = '\u{1e}';
const UNIT: char = '\u{1f}';

/// Whether the library is there.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Status {
    /// Not loaded yet.
    #[default]
    Loading,
    /// Loaded: [`get`] has it.
    Loaded,
    /// The deferred module did not load (the page was offline before its first visit
    /// completed, or the module failed).
    Unavailable,
}

/// The library as one string (see the module documentation).
pub fn write() -> String {
    let mut s = String::with_capacity(32 * 1024);
    for e in pullpolicy::faq::entries() {
        s.push_str(e.id);
        for p in e.answer() {
            s.push(UNIT);
            s.push_str(p);
        }
        s.push(RECORD);
    }
    s.push(GROUP);
    for text in crate::examples::TEXTS {
        s.push_str(text);
        s.push(RECORD);
    }
    s.push(GROUP);
    for hint in crate::examples::HINTS {
        s.push_str(hint);
        s.push(RECORD);
    }
    s
}

/// The library, read from [`write()`]'s string.
#[derive(Debug, PartialEq, Eq)]
pub struct Library(String);

impl Library {
    /// Reads [`write()`]'s string; `None` if it is not one.
    pub fn parse(text: String) -> Option<Library> {
        (text.split(GROUP).count() == 3).then_some(Library(text))
    }

    /// Group `n` of the string, as records.
    fn records(&self, n: usize) -> impl Iterator<Item = &str> {
        self.0
            .split(GROUP)
            .nth(n)
            .unwrap_or("")
            .split_terminator(RECORD)
    }

    /// The answer of FAQ entry `id`, as paragraphs (empty if there is none).
    pub fn answer(&self, id: &str) -> impl Iterator<Item = &str> {
        let record = self.records(0).find(|r| r.split(UNIT).next() == Some(id));
        record.into_iter().flat_map(|r| r.split(UNIT).skip(1))
    }

    /// The manifest of example `i` of [`crate::examples::EXAMPLES`].
    pub fn example(&self, i: usize) -> Option<&str> {
        self.records(1).nth(i)
    }

    /// The menu hint of example `i`.
    pub fn hint(&self, i: usize) -> Option<&str> {
        self.records(2).nth(i)
    }
}

thread_local! {
    /// What the deferred module handed over, and whether the FAQ's answers were put in
    /// the page.
    static LIBRARY: RefCell<(Status, Option<Rc<Library>>, bool)> = RefCell::default();
}

/// True the first time only: the FAQ's answers go into the page once.
pub fn first_fill() -> bool {
    LIBRARY.with(|l| !std::mem::replace(&mut l.borrow_mut().2, true))
}

/// Keeps what the deferred module handed over (`None`: it did not load, or handed over
/// something unreadable).
pub fn set(text: Option<String>) {
    let library = text.and_then(Library::parse).map(Rc::new);
    let status = if library.is_some() {
        Status::Loaded
    } else {
        Status::Unavailable
    };
    LIBRARY.with(|l| {
        let mut l = l.borrow_mut();
        l.0 = status;
        l.1 = library;
    });
}

/// Whether the library is there.
pub fn status() -> Status {
    LIBRARY.with(|l| l.borrow().0)
}

/// The library, once loaded.
pub fn get() -> Option<Rc<Library>> {
    LIBRARY.with(|l| l.borrow().1.clone())
}

/// The manifest of example `i`: the first is always there, the others once the library is.
pub fn example(i: usize) -> Option<String> {
    if i == 0 {
        return Some(crate::examples::FIRST.to_owned());
    }
    get().and_then(|l| l.example(i).map(str::to_owned))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::examples::{EXAMPLES, HINTS, TEXTS};

    #[test]
    fn reads_back_every_answer_and_example() {
        let library = Library::parse(write()).expect("a library");
        for e in pullpolicy::faq::entries() {
            let answer: Vec<&str> = library.answer(e.id).collect();
            assert_eq!(answer, e.answer(), "{}", e.id);
        }
        assert_eq!(library.answer("no-such-entry").count(), 0);
        for (i, text) in TEXTS.iter().enumerate() {
            assert_eq!(library.example(i), Some(*text), "{}", EXAMPLES[i].id);
        }
        assert_eq!(library.example(TEXTS.len()), None);
        for (i, hint) in HINTS.iter().enumerate() {
            assert_eq!(library.hint(i), Some(*hint), "{}", EXAMPLES[i].id);
        }
    }

    #[test]
    fn the_separators_occur_in_no_answer_or_example() {
        let texts = pullpolicy::faq::entries()
            .iter()
            .flat_map(|e| e.answer().iter().chain([&e.id]))
            .chain(TEXTS)
            .chain(crate::examples::HINTS);
        for text in texts {
            assert!(!text.contains([GROUP, RECORD, UNIT]), "{text}");
        }
    }

    #[test]
    fn anything_else_is_no_library() {
        assert_eq!(Library::parse(String::new()), None);
        assert_eq!(Library::parse("what-is\u{1f}An answer.\u{1e}".into()), None);
        set(Some("not a library".into()));
        assert_eq!((status(), get()), (Status::Unavailable, None));
        assert_eq!(example(0).as_deref(), Some(crate::examples::FIRST));
        assert_eq!(example(1), None);
        set(Some(write()));
        assert_eq!(status(), Status::Loaded);
        assert_eq!(example(1).as_deref(), Some(TEXTS[1]));
    }
}
