//! The last manifest, scenario and theme, kept in `localStorage` under one key.
//!
//! The record is plain text, so it needs no JSON library:
//!
//! ```text
//! pullpolicy/1
//! theme=dark&k8s=1.34&node=present      (the share-link parameters, plus the theme)
//! <the manifest, byte for byte>
//! ```
//!
//! A crash record (see [`crate::crash`]) lives under a second key: it must survive
//! the page that wrote it and it is written by the panic hook, outside the app.

use crate::params;
use crate::state::Theme;
use pullpolicy::Options;

/// The `localStorage` key of the saved state.
pub const KEY: &str = "pullpolicy.playground";

/// The first line of a record.
const MAGIC: &str = "pullpolicy/1";

/// What is remembered between visits.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Saved {
    /// The manifest.
    pub text: String,
    /// The scenario.
    pub options: Options,
    /// The theme choice.
    pub theme: Theme,
}

impl Saved {
    /// The record's text.
    pub fn to_record(&self) -> String {
        let mut params = String::new();
        if self.theme != Theme::System {
            params.push_str("&theme=");
            params.push_str(self.theme.as_str());
        }
        params::write(&self.options, &mut params);
        let mut out = String::with_capacity(self.text.len() + params.len() + 16);
        out.push_str(MAGIC);
        out.push('\n');
        out.push_str(params.trim_start_matches('&'));
        out.push('\n');
        out.push_str(&self.text);
        out
    }

    /// Reads a record; `None` when it is not one.
    pub fn from_record(record: &str) -> Option<Saved> {
        let rest = record.strip_prefix(MAGIC)?.strip_prefix('\n')?;
        let (line, text) = rest.split_once('\n')?;
        let theme = line
            .split('&')
            .find_map(|p| p.strip_prefix("theme="))
            .and_then(Theme::from_name)
            .unwrap_or_default();
        Some(Saved {
            text: text.to_owned(),
            options: params::read_query(line),
            theme,
        })
    }
}

#[cfg(target_arch = "wasm32")]
fn storage() -> Option<web_sys::Storage> {
    gloo::utils::window().local_storage().ok().flatten()
}

/// The saved state, if any (and if storage is available).
#[cfg(target_arch = "wasm32")]
pub fn load() -> Option<Saved> {
    storage()?
        .get_item(KEY)
        .ok()
        .flatten()
        .and_then(|r| Saved::from_record(&r))
}

/// Saves `saved`; `false` when the browser refused (private mode, quota).
#[cfg(target_arch = "wasm32")]
pub fn save(saved: &Saved) -> bool {
    storage().is_some_and(|s| s.set_item(KEY, &saved.to_record()).is_ok())
}

/// Reads a raw item (the crash record).
#[cfg(target_arch = "wasm32")]
pub fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

/// Writes a raw item.
#[cfg(target_arch = "wasm32")]
pub fn set(key: &str, value: &str) -> bool {
    storage().is_some_and(|s| s.set_item(key, value).is_ok())
}

/// Removes a raw item.
#[cfg(target_arch = "wasm32")]
pub fn remove(key: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(key);
    }
}

#[cfg(not(target_arch = "wasm32"))]
mod native {
    //! No browser: nothing is remembered (native unit tests of the state).
    use super::Saved;
    pub fn load() -> Option<Saved> {
        None
    }
    pub fn save(_: &Saved) -> bool {
        true
    }
    pub fn get(_: &str) -> Option<String> {
        None
    }
    pub fn set(_: &str, _: &str) -> bool {
        true
    }
    pub fn remove(_: &str) {}
}
#[cfg(not(target_arch = "wasm32"))]
pub use native::*;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_round_trip() {
        let mut s = Saved {
            text: "a: b\r\nc: 🐳\n\nlast".into(),
            ..Saved::default()
        };
        s.theme = Theme::Dark;
        s.options.scenario.always_pull_images = true;
        assert_eq!(Saved::from_record(&s.to_record()), Some(s.clone()));
        s.theme = Theme::System;
        s.options = Options::default();
        assert_eq!(s.to_record(), "pullpolicy/1\n\na: b\r\nc: 🐳\n\nlast");
        assert_eq!(Saved::from_record(&s.to_record()), Some(s));
    }

    #[test]
    fn foreign_records_are_ignored() {
        assert_eq!(Saved::from_record("{\"text\":1}"), None);
        assert_eq!(Saved::from_record("pullpolicy/1"), None);
    }
}
