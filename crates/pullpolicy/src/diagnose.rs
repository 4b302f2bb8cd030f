//! Diagnosis of real image-pull failures from the evidence a user has (issue #18):
//! `kubectl describe pod` output, Pod objects with status, events and Node objects —
//! read offline, exactly as the project spec `pull-failures.md` (below **PF**) defines.
//!
//! ```
//! use pullpolicy::diagnose::{DiagnoseOptions, FailureClass, diagnose};
//!
//! let paste = r#"  Warning  Failed     17s (x2 over 30s)  kubelet            spec.containers{nginx}: Failed to pull image "nginx:9.9": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.9": failed to resolve image: docker.io/library/nginx:9.9: not found
//! "#;
//! let report = diagnose(paste, &DiagnoseOptions::default());
//! let d = &report.diagnoses[0];
//! assert_eq!(d.class, FailureClass::NotFound);
//! assert_eq!(d.container.as_deref(), Some("nginx"));
//! assert_eq!(d.reason, "ErrImagePull");
//! ```
//!
//! # How it reads
//!
//! 1. The paste is cut into pieces, each recognised by its own first lines: describe
//!    output (`Name:` or a `Containers:` section), events tables (describe's, the legacy
//!    one, `kubectl get events` narrow and wide, `kubectl events`), headerless event rows,
//!    YAML/JSON objects (Pods with status, Events, Nodes, Lists, status fragments; a
//!    manifest without status is reported as such, for `explain`), and free text
//!    (kubelet and containerd logs, single messages). Capture artefacts (k9s boxes, CRLF,
//!    Markdown fences, shell prompts) are taken off first.
//! 2. Pods named twice (describe and `-o yaml`) are merged; events are attached to their
//!    pod (describe's own, `involvedObject`, `OBJECT`) and container (field path, else
//!    the quoted image).
//! 3. Each container whose status is an image-pull reason — or, without a status, whose
//!    events show a failure — gets a [`Diagnosis`]: the failure text (PF §3.2 step 1),
//!    its wrappers peeled, its class in the spec's precedence, the runtime and version
//!    bands the texts show, the policy's part, the back-off timeline, presence on each
//!    pasted node, the fix, and findings at their places in the text.
//! 4. Every pod gets a verdict; pods without a pull problem say so.
//!
//! Pure (no I/O, clock or randomness), linear in the text, never panics.
//!
//! # The JSON contract
//!
//! [`DiagnosisReport`] serializes (serde, camelCase) to the JSON the CLI's `diagnose
//! --format json` and the npm API emit, versioned by [`DIAGNOSIS_SCHEMA_VERSION`]:
//!
//! ```text
//! { schemaVersion,
//!   pieces: [ { index, format, encoding, line, column, offset16, end16, endLine,
//!               records, kubectl: VersionBand, markers: [Marker] } ],
//!   pods: [ { name, namespace, node, phase, verdict, message,
//!             containers: [ { name, role, image, state, reason } ],
//!             line, column, offset16, end16 } ],
//!   diagnoses: [ { pod, namespace, container, role, image, runtimeRef, reason,
//!                  innerReason, class, message, cause, grpcCode, wrappers: [Wrapper],
//!                  parts: [ { class, message, primary } ], combined,
//!                  runtime: { name, band: VersionBand, reported, pullPath,
//!                             markers: [Marker] },
//!                  kubelet: VersionBand,
//!                  policy: { effective, source, default, notAlways, note },
//!                  timeline: { failures, failuresLowerBound, pullsStarted, backOffSyncs,
//!                              firstFailure: When, lastFailure: When, spanSeconds: Range,
//!                              minimalSpanSeconds, span, windowSeconds,
//!                              nextAttemptSeconds: Range, failingForSeconds: Range,
//!                              expectedFailures, attemptsPerHour,
//!                              recoveryWorstCaseSeconds, noBackOff } | null,
//!                  nodes: [ { node, present, why, podNode, matched,
//!                             line, column, offset16, end16 } ],
//!                  fix, findings: [Finding], line, column, offset16, end16 } ],
//!   skew: [ { image, variants: [ { imageId, containers, nodes } ],
//!             line, column, offset16, end16 } ],
//!   nodes: [ { name, runtime, runtimeVersion, kubeletVersion, architecture,
//!              operatingSystem, images, imagesAtCap, imageBytes, diskPressure,
//!              line, column, offset16, end16 } ],
//!   findings: [Finding],
//!   summary: { pods, podsFailing, podsFine, diagnoses, manifests, errors, warnings,
//!              infos } }
//! VersionBand = { atLeast, below, conflicting }      When = { ago: Range, at }
//! Range = { min, max }                               Finding = crate::Finding
//! ```
//!
//! Enumerations serialize kebab-case: [`PieceFormat`], [`Encoding`], [`PodVerdict`],
//! [`StateKind`], [`ContainerRole`], [`FailureClass`], [`Runtime`], [`PullPath`],
//! [`Marker`], [`Wrapper`], [`PolicyEvidence`], [`SpanVerdict`], [`Presence`],
//! [`PresenceWhy`]; the policy is `Always`/`IfNotPresent`/`Never`. Finding rules are
//! [`DiagnoseRule`] ids. Positions are as in [`crate::Position`].
//!
//! # Decisions where the spec says **Inference**
//!
//! Each is documented where it is made: `facts::is_pull_reason` (reasons that are Go
//! error texts), `facts::marker_bound` (markers without a bound), `classify::class_of`
//! (token-endpoint failures split into C3/C4/C16), `nodes::presence` (lists over 50,
//! CRI-O short names), `timeline` (staleness measured from the paste), the table reader
//! (cells cut at the header's columns), and in this module's [`DiagnoseOptions`].

mod analyse;
mod classify;
mod describe;
mod evidence;
mod facts;
mod lines;
mod locate;
mod messages;
mod nodes;
mod objects;
mod rules;
mod scan;
mod stream;
mod table;
mod text;
mod timeline;
mod types;

pub use rules::DiagnoseRule;
pub use stream::{
    Part, Serial, Spread, diagnose_by_describe_pieces, diagnose_by_items, diagnose_each,
    diagnose_each_on, reads_by_items,
};
pub use types::*;

use crate::options::KubeVersion;
use serde::{Deserialize, Serialize};

/// What the caller tells the diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct DiagnoseOptions {
    /// The cluster's Kubernetes version, when known: it selects the image-reference
    /// rules. Without it, the first pasted node's `kubeletVersion` decides, else the
    /// newest rules.
    pub kubernetes_version: Option<KubeVersion>,
}

/// Diagnoses every image-pull failure in `text`: describe output, Pod objects with
/// status, events, Node objects, logs — in any mix. Pure; linear in the text; never
/// panics.
pub fn diagnose(text: &str, options: &DiagnoseOptions) -> DiagnosisReport {
    let evidence = scan::read(text);
    analyse::analyse(text, evidence, options)
}

impl FailureClass {
    /// The class in a few words (English).
    pub fn title(self) -> &'static str {
        messages::class_title(self)
    }

    /// What the class means and why it happens (English).
    pub fn explanation(self) -> &'static str {
        messages::class_explanation(self)
    }
}

impl Marker {
    /// What the marker's text tells (English).
    pub fn meaning(self) -> &'static str {
        messages::marker_meaning(self)
    }
}
