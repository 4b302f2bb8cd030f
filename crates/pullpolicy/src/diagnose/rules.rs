//! The diagnosis's finding rules: typed ids, listed in one place. Each id is stable
//! (kebab-case, the `rule` of a [`crate::Finding`]) and distinct from `explain`'s rules.

use crate::report::Severity;

/// A rule of the diagnosis.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DiagnoseRule {
    // One per diagnosis.
    /// The failure and its class, with the fix.
    PullFailure,
    /// The pull policy's part in the failure (context).
    PolicyPart,
    /// The pull policy is a cause: `Always` with a failure a copy on the node would
    /// have avoided, or `Never`.
    PolicyCause,
    /// The back-off timeline read from the events.
    Timeline,
    /// Whether a node holds the image.
    NodePresence,
    // Hints attached to a diagnosis.
    /// Docker Hub answers "denied" for missing and private repositories alike.
    DockerHubAmbiguity,
    /// `<repo>:<tag>:<tag>`: a tag appended twice.
    DoubleTag,
    /// A reference that starts with `/`: an empty registry host.
    EmptyRegistryHost,
    /// "manifest unknown" from a registry that hides private repositories: C1 or C2.
    ManifestUnknownAmbiguity,
    /// `(combined from similar events)`: the failure text varied between attempts.
    CombinedEvents,
    /// Event counters that stopped advancing (spam filter, TTL): counts are lower bounds.
    StaleCounters,
    /// `FailedToRetrieveImagePullSecret`: a pull secret the pod names is missing.
    PullSecretMissing,
    /// containerd cancelled a pull for lack of progress after a non-default timeout.
    ProgressTimeout,
    /// A distribution's embedded containerd (k3s, RKE2).
    EmbeddedRuntime,
    /// The runtime the text shows is not the one the node reports.
    RuntimeMismatch,
    /// The node's architecture, for a platform mismatch.
    NodeArchitecture,
    /// No failure text in the evidence: ask for the events.
    NoFailureText,
    /// The kubelet, kubectl and runtime versions the texts imply.
    VersionsRead,
    /// A pull event for an image that no container uses: an image volume.
    ImageVolumePull,
    /// The node reports disk pressure.
    DiskPressure,
    // About the paste as a whole.
    /// Nothing in the paste is evidence of a pull.
    NoEvidence,
    /// A manifest without status: `explain` reads it.
    ManifestNotEvidence,
    /// YAML or JSON evidence that could not be read.
    UnreadableEvidence,
    /// A table or object cut short, or rows that could not be read.
    TruncatedInput,
    /// Lines wrapped by the capture tool were joined.
    JoinedLines,
    /// One tag, different image IDs across pods.
    VersionSkew,
    /// `kubectl describe` output of something other than a pod.
    DescribeNotAPod,
    /// A block of text in which nothing was recognised.
    UnrecognizedText,
}

impl DiagnoseRule {
    /// Every rule, in the order above.
    pub const ALL: [DiagnoseRule; 28] = [
        DiagnoseRule::PullFailure,
        DiagnoseRule::PolicyPart,
        DiagnoseRule::PolicyCause,
        DiagnoseRule::Timeline,
        DiagnoseRule::NodePresence,
        DiagnoseRule::DockerHubAmbiguity,
        DiagnoseRule::DoubleTag,
        DiagnoseRule::EmptyRegistryHost,
        DiagnoseRule::ManifestUnknownAmbiguity,
        DiagnoseRule::CombinedEvents,
        DiagnoseRule::StaleCounters,
        DiagnoseRule::PullSecretMissing,
        DiagnoseRule::ProgressTimeout,
        DiagnoseRule::EmbeddedRuntime,
        DiagnoseRule::RuntimeMismatch,
        DiagnoseRule::NodeArchitecture,
        DiagnoseRule::NoFailureText,
        DiagnoseRule::VersionsRead,
        DiagnoseRule::ImageVolumePull,
        DiagnoseRule::DiskPressure,
        DiagnoseRule::NoEvidence,
        DiagnoseRule::ManifestNotEvidence,
        DiagnoseRule::UnreadableEvidence,
        DiagnoseRule::TruncatedInput,
        DiagnoseRule::JoinedLines,
        DiagnoseRule::VersionSkew,
        DiagnoseRule::DescribeNotAPod,
        DiagnoseRule::UnrecognizedText,
    ];

    /// The stable id.
    pub fn id(self) -> &'static str {
        match self {
            DiagnoseRule::PullFailure => "pull-failure",
            DiagnoseRule::PolicyPart => "pull-policy-part",
            DiagnoseRule::PolicyCause => "pull-policy-cause",
            DiagnoseRule::Timeline => "pull-timeline",
            DiagnoseRule::NodePresence => "image-on-node",
            DiagnoseRule::DockerHubAmbiguity => "docker-hub-ambiguity",
            DiagnoseRule::DoubleTag => "double-tag",
            DiagnoseRule::EmptyRegistryHost => "empty-registry-host",
            DiagnoseRule::ManifestUnknownAmbiguity => "manifest-unknown-ambiguity",
            DiagnoseRule::CombinedEvents => "combined-events",
            DiagnoseRule::StaleCounters => "stale-event-counts",
            DiagnoseRule::PullSecretMissing => "pull-secret-missing",
            DiagnoseRule::ProgressTimeout => "progress-timeout",
            DiagnoseRule::EmbeddedRuntime => "embedded-runtime",
            DiagnoseRule::RuntimeMismatch => "runtime-mismatch",
            DiagnoseRule::NodeArchitecture => "node-architecture",
            DiagnoseRule::NoFailureText => "no-failure-text",
            DiagnoseRule::VersionsRead => "versions-read",
            DiagnoseRule::ImageVolumePull => "image-volume-pull",
            DiagnoseRule::DiskPressure => "disk-pressure",
            DiagnoseRule::NoEvidence => "no-evidence",
            DiagnoseRule::ManifestNotEvidence => "manifest-not-evidence",
            DiagnoseRule::UnreadableEvidence => "unreadable-evidence",
            DiagnoseRule::TruncatedInput => "truncated-input",
            DiagnoseRule::JoinedLines => "joined-lines",
            DiagnoseRule::VersionSkew => "version-skew",
            DiagnoseRule::DescribeNotAPod => "describe-not-a-pod",
            DiagnoseRule::UnrecognizedText => "unrecognized-text",
        }
    }

    /// The rule whose id is `id`.
    pub fn from_id(id: &str) -> Option<DiagnoseRule> {
        DiagnoseRule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The severity of the rule's findings ([`DiagnoseRule::PullFailure`] is an error:
    /// the container cannot start).
    pub fn severity(self) -> Severity {
        match self {
            DiagnoseRule::PullFailure | DiagnoseRule::UnreadableEvidence => Severity::Error,
            DiagnoseRule::DoubleTag
            | DiagnoseRule::EmptyRegistryHost
            | DiagnoseRule::PullSecretMissing
            | DiagnoseRule::RuntimeMismatch
            | DiagnoseRule::DiskPressure
            | DiagnoseRule::VersionSkew
            | DiagnoseRule::TruncatedInput
            | DiagnoseRule::NoFailureText
            | DiagnoseRule::DockerHubAmbiguity
            | DiagnoseRule::ManifestUnknownAmbiguity
            | DiagnoseRule::PolicyCause => Severity::Warning,
            DiagnoseRule::PolicyPart
            | DiagnoseRule::Timeline
            | DiagnoseRule::NodePresence
            | DiagnoseRule::CombinedEvents
            | DiagnoseRule::StaleCounters
            | DiagnoseRule::ProgressTimeout
            | DiagnoseRule::EmbeddedRuntime
            | DiagnoseRule::NodeArchitecture
            | DiagnoseRule::VersionsRead
            | DiagnoseRule::ImageVolumePull
            | DiagnoseRule::NoEvidence
            | DiagnoseRule::ManifestNotEvidence
            | DiagnoseRule::JoinedLines
            | DiagnoseRule::DescribeNotAPod
            | DiagnoseRule::UnrecognizedText => Severity::Info,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn ids_are_unique_kebab_case_and_round_trip() {
        let mut seen = HashSet::new();
        for rule in DiagnoseRule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "duplicate id {id}");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
            assert_eq!(DiagnoseRule::from_id(id), Some(rule));
        }
    }
}
