//! The one presentation of a pullpolicy [`pullpolicy::Report`], shared by every edge: the
//! CLI's formats, the playground (its page and its analysis worker), the web component
//! (through the wasm API) and the playground's "Copy as Markdown".
//!
//! - [`model`]: the document model (sections, cards, findings, rejection notices,
//!   counts) built from a report;
//! - [`wording`]: every word the edges show about a report;
//! - [`text`]: structured text (plain, code, links to typed targets);
//! - [`html`], [`markdown`], [`terminal`]: encoders that cannot be fed untyped markup
//!   (`raw` takes only `&'static str`, the buffer is private, every value is escaped);
//! - [`report_md`]: the Markdown report (the CLI's `--format markdown`, the playground's
//!   "Copy as Markdown");
//! - [`share`]: links to the playground (the one percent-encoder and base64url);
//! - [`wire`]: the length-prefixed format of the worker's messages.
//!
//! Pure: no browser or terminal crates, no I/O.

pub mod diagnosis;
pub mod html;
pub mod inputs;
pub mod markdown;
pub mod model;
pub mod report_md;
pub mod share;
pub mod terminal;
pub mod text;
pub mod wire;
pub mod wording;

pub use html::{Html, SafeHtml};
pub use model::{Card, Counts, FindingView, PolicyKey, Section, Tone, View};
pub use text::{Span, Target, Text};
