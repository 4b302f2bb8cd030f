//! pullpolicy: which `imagePullPolicy` Kubernetes really applies to each container, and
//! what the node's image cache does with it — as a pure function of text and options.
//!
//! ```
//! let report = pullpolicy::explain(
//!     "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers:\n  - name: app\n    image: nginx\n",
//!     &pullpolicy::Options::default(),
//! );
//! let entry = &report.documents[0].entries[0];
//! assert_eq!(entry.policy.effective, Some(pullpolicy::PullPolicy::Always));
//! assert_eq!(entry.image.runtime_ref.as_deref(), Some("nginx:latest"));
//! ```
//!
//! # The JSON contract
//!
//! The [`Report`] serializes (serde, camelCase) to the JSON that the CLI's `--format json`
//! and the wasm API emit, versioned by [`SCHEMA_VERSION`] (`schemaVersion`):
//!
//! ```text
//! { schemaVersion, kubernetesVersion,
//!   documents: [ { index, item, line, column, offset16, end16, kind, apiVersion, name,
//!                  status, apiError, strictError, kubectlError, findings: [Finding],
//!                  entries: [ { path, name, role, line, column, offset16, end16,
//!                               image: { raw, valid, fullName, domain, path, tag, digest,
//!                                        familiarName, runtimeRef, error, position },
//!                               policy: { written, writtenAs, effective, source, reason,
//!                                         position, spans: { reason: Spans } },
//!                               outcome: Outcome,
//!                               findings: [Finding] } ] } ],
//!   syntaxErrors: [ { document, message, line, column, offset16, end16 } ],
//!   summary: { entries, always, ifNotPresent, never, none, errors, warnings, infos,
//!              skipped } }
//! Finding = { rule, severity, message, explanation, fix, links, faq,
//!             line, column, offset16, end16,
//!             spans: { message: Spans, explanation: Spans } }
//! Spans = [ { plain: string } | { code: string } ]
//! ```
//!
//! `message`, `explanation` and `reason` are plain strings with code written in
//! backticks, as before; `spans` holds the same words structured ([`text::Text`]): a
//! backtick in the user's text (an image, a key) is a character of its span, never the
//! start or end of code, so renderers read the spans.
//!
//! Every type's field documentation ([`Document`], [`Entry`], [`Image`], [`Policy`],
//! [`Finding`], [`Outcome`]) is the contract's. A refusal at any stage — kubectl's own
//! checks and REST mapping (`kubectlError`), the API server's decoding and validation
//! (`apiError`), `kubectl apply`'s strict field validation (`strictError`) — comes with an
//! error finding of its own rule id at its position (the only way the core records one),
//! and every entry of an object that is never created has `effective: null`. Lines and columns are 1-based (columns
//! count characters); `offset16`/`end16` are UTF-16 code-unit offsets for browser
//! editors. Fields may be added without a version bump; removals and renames bump it.
#![deny(missing_docs)]

mod decode;
pub mod diagnose;
mod explain;
pub mod faq;
pub mod fields;
mod gofloat;
mod gotypes;
pub mod items;
pub mod kubelet;
mod mapping;
mod messages;
mod myths;
pub mod names;
mod options;
pub mod pieces;
mod pod;
mod quantity;
#[doc(hidden)]
pub mod read;
pub mod reference;
mod report;
pub mod rules;
mod selectors;
mod sort;
mod source;
mod strict;
pub mod text;
pub mod versions;

pub use explain::explain;
pub use kubelet::Outcome;
pub use messages::LINKS;
pub use options::{
    CredentialVerification, Credentials, ImageOverride, KubeVersion, NodeImage, Options, Registry,
    Scenario,
};
pub use report::{
    Document, DocumentStatus, Entry, Finding, Image, Policy, PolicySource, PullPolicy, Report,
    Role, SCHEMA_VERSION, Severity, Summary, SyntaxError, WrittenAs,
};
pub use source::Position;

/// The version of this crate, for footers and `--version`.
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}
