//! The facts the diagnosis reads texts with, in one place: the kubelet's and the
//! runtimes' texts as the spec (`pull-failures.md`, below **PF**; `kubernetes-pull-
//! semantics.md`, below **PS**) gives them, every version fact (which text means which
//! version), and the numbers (back-off, caps). Nothing else in the diagnosis compares
//! version numbers: it asks the named functions here.

use super::types::{Marker, Runtime, VersionBand};
use crate::kubelet::backoff;

// ---------------------------------------------------------------------------------------
// The kubelet's texts (PS §4.3, PF §2.1). `<I>` is the image as the spec writes it,
// quoted as Go's `%q` does.

/// `Failed to pull image "<I>": <err>` (Warning `Failed`).
pub(crate) const FAILED_TO_PULL: &str = "Failed to pull image \"";
/// `Back-off pulling image "<I>"` (Normal `BackOff`; the waiting message from 1.32 adds
/// `: <Reason>: <message>`).
pub(crate) const BACK_OFF: &str = "Back-off pulling image \"";
/// `Pulling image "<I>"` (Normal `Pulling`).
pub(crate) const PULLING: &str = "Pulling image \"";
/// `pulling image "<I>"`: the same event in kubelets of the 1.11 era and older (PF S18).
pub(crate) const PULLING_LEGACY: &str = "pulling image \"";
/// `Successfully pulled image "<I>" in …` (Normal `Pulled`).
pub(crate) const PULLED: &str = "Successfully pulled image \"";
/// `Container image "<I>" …`: `already present on machine` or `is not present with
/// pull policy of Never`.
pub(crate) const CONTAINER_IMAGE: &str = "Container image \"";
/// The tail of the `Never` message.
pub(crate) const NOT_PRESENT_NEVER: &str = " is not present with pull policy of Never";
/// The tail of the present-image message.
pub(crate) const ALREADY_PRESENT: &str = " already present on machine";
/// … and its KEP-2535 ending (kubelet ≥ 1.33 with the gate on, default from 1.35).
pub(crate) const CAN_BE_ACCESSED: &str = " and can be accessed by the pod";
/// `Failed to apply default image tag "<I>": <err>` (`InspectFailed`, `InvalidImageName`).
pub(crate) const DEFAULT_TAG: &str = "Failed to apply default image tag \"";
/// `couldn't parse image name "<I>"`: kubelet ≥ 1.28 (k/k#116231).
pub(crate) const PARSE_NAME_QUOTED: &str = "couldn't parse image name \"";
/// `couldn't parse image reference "<I>"`: kubelet ≤ 1.27.
pub(crate) const PARSE_REFERENCE: &str = "couldn't parse image reference \"";
/// `Failed to inspect image "<ref>": <err>` (`InspectFailed`, `ImageInspectError`).
pub(crate) const INSPECT: &str = "Failed to inspect image \"";
/// `image pull failed for <I> because …` (waiting messages of `RegistryUnavailable` and
/// `SignatureValidationFailed`; no quotes around `<I>`).
pub(crate) const PULL_FAILED_FOR: &str = "image pull failed for ";
/// … `because the registry is unavailable`.
pub(crate) const BECAUSE_UNAVAILABLE: &str = " because the registry is unavailable";
/// … `because the signature validation failed`.
pub(crate) const BECAUSE_SIGNATURE: &str = " because the signature validation failed";
/// `Error: <reason>` (Warning `Failed` from `startContainer`).
pub(crate) const ERROR_EVENT: &str = "Error: ";
/// client-go's aggregation prefix (PF §1.3.4).
pub(crate) const COMBINED: &str = "(combined from similar events): ";
/// `Unable to retrieve some image pull secrets (<names>); attempting to pull the image
/// may not succeed.` (pod-level Warning `FailedToRetrieveImagePullSecret`).
pub(crate) const PULL_SECRETS: &str = "Unable to retrieve some image pull secrets (";
/// The kubelet's own rate limiter (PS §4.6).
pub(crate) const PULL_QPS: &str = "pull QPS exceeded";
/// The gRPC status text the kubelet keeps (PF §2.2).
pub(crate) const RPC_ERROR: &str = "rpc error: code = ";
/// … and its separator.
pub(crate) const RPC_DESC: &str = " desc = ";
/// CRI error prefixes turned into waiting reasons (PF §2.1).
pub(crate) const REGISTRY_UNAVAILABLE: &str = "RegistryUnavailable";
/// See [`REGISTRY_UNAVAILABLE`].
pub(crate) const SIGNATURE_VALIDATION_FAILED: &str = "SignatureValidationFailed";

/// Waiting reasons of image problems (PS §4.2, PF §2.1).
pub(crate) const ERR_IMAGE_PULL: &str = "ErrImagePull";
/// See [`ERR_IMAGE_PULL`].
pub(crate) const IMAGE_PULL_BACK_OFF: &str = "ImagePullBackOff";
/// See [`ERR_IMAGE_PULL`].
pub(crate) const ERR_IMAGE_NEVER_PULL: &str = "ErrImageNeverPull";
/// See [`ERR_IMAGE_PULL`].
pub(crate) const INVALID_IMAGE_NAME: &str = "InvalidImageName";
/// See [`ERR_IMAGE_PULL`].
pub(crate) const IMAGE_INSPECT_ERROR: &str = "ImageInspectError";

/// Every waiting reason the kubelet gives an image problem.
pub(crate) const PULL_REASONS: [&str; 7] = [
    ERR_IMAGE_PULL,
    IMAGE_PULL_BACK_OFF,
    REGISTRY_UNAVAILABLE,
    SIGNATURE_VALIDATION_FAILED,
    ERR_IMAGE_NEVER_PULL,
    INVALID_IMAGE_NAME,
    IMAGE_INSPECT_ERROR,
];

/// Whether a waiting reason is an image problem. Besides the seven reasons, PF §2.1's
/// last row: credential lookup and KEP-2535 record errors put the Go error text itself
/// in the reason. **Inference** (not observed): a reason that is not a single word and
/// names an image (`Failed to record image pull intent for container image "…": …`) is
/// taken as such an error.
pub(crate) fn is_pull_reason(reason: &str) -> bool {
    PULL_REASONS.contains(&reason)
        || (reason.contains(' ') && reason.to_ascii_lowercase().contains("image"))
}

/// The gRPC codes a pull error keeps through cri-client (everything but `Unknown` from
/// kubelet 1.28 on; PF §2.2).
pub(crate) fn is_grpc_code(code: &str) -> bool {
    const CODES: [&str; 17] = [
        "OK",
        "Canceled",
        "Unknown",
        "InvalidArgument",
        "DeadlineExceeded",
        "NotFound",
        "AlreadyExists",
        "PermissionDenied",
        "ResourceExhausted",
        "FailedPrecondition",
        "Aborted",
        "OutOfRange",
        "Unimplemented",
        "Internal",
        "Unavailable",
        "DataLoss",
        "Unauthenticated",
    ];
    CODES.contains(&code) || (!code.is_empty() && code.bytes().all(|b| b.is_ascii_digit()))
}

// ---------------------------------------------------------------------------------------
// The runtimes' texts (PF §3.0), as markers: a substring, the runtime it proves, and the
// version bound it gives. Order matters only for reporting.

/// One runtime marker.
pub(crate) struct RuntimeText {
    pub needle: &'static str,
    pub marker: Marker,
}

/// Substrings that identify a runtime (PF §3.0, §3.1). Where two texts overlap, the more
/// specific one comes first and the reader checks the context (see
/// [`super::classify::runtime_markers`]).
pub(crate) const RUNTIME_TEXTS: &[RuntimeText] = &[
    RuntimeText {
        needle: "failed to pull and unpack image \"",
        marker: Marker::ContainerdUnpack,
    },
    RuntimeText {
        needle: "failed to resolve reference \"",
        marker: Marker::ContainerdResolveReference,
    },
    RuntimeText {
        needle: "failed to resolve image: ",
        marker: Marker::ContainerdResolveImage,
    },
    RuntimeText {
        needle: "unexpected status from ",
        marker: Marker::ContainerdStatusWithMethod,
    },
    RuntimeText {
        needle: "unexpected status code ",
        marker: Marker::ContainerdFetcherStatusCode,
    },
    RuntimeText {
        needle: "is no longer supported since containerd v2.0",
        marker: Marker::ContainerdSchema1Refused,
    },
    RuntimeText {
        needle: "schema 1 image manifests are no longer supported",
        marker: Marker::ContainerdSchema1Refused,
    },
    RuntimeText {
        needle: "failed to unpack image on snapshotter",
        marker: Marker::ContainerdSnapshotterUnpack,
    },
    RuntimeText {
        needle: "[REDACTED]",
        marker: Marker::ContainerdRedacted,
    },
    RuntimeText {
        needle: "%5BREDACTED%5D",
        marker: Marker::ContainerdRedacted,
    },
    RuntimeText {
        needle: "httpReadSeeker",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "failed to extract layer",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "no match for platform in manifest",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "failed to do request: ",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "pull access denied, repository does not exist or may require authorization",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "cancel pulling image ",
        marker: Marker::ContainerdText,
    },
    RuntimeText {
        needle: "Error initializing source ",
        marker: Marker::CrioOldWording,
    },
    RuntimeText {
        needle: "Error reading manifest ",
        marker: Marker::CrioOldWording,
    },
    RuntimeText {
        needle: "initializing source ",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "reading manifest ",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "pinging container registry ",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "Mirrors also failed",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "choosing an image from manifest list",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "Source image rejected",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "too many requests to registry",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "unable to retrieve auth token",
        marker: Marker::CrioImageLibrary,
    },
    RuntimeText {
        needle: "no registries configured while trying to pull an unqualified image",
        marker: Marker::CrioShortName,
    },
    RuntimeText {
        needle: "short name mode is enforcing",
        marker: Marker::CrioShortName,
    },
    RuntimeText {
        needle: "short-name \"",
        marker: Marker::CrioShortName,
    },
    RuntimeText {
        needle: "unable to try pulling possible OCI artifact",
        marker: Marker::CrioArtifact133,
    },
    RuntimeText {
        needle: "unable to pull image or OCI artifact",
        marker: Marker::CrioArtifact134,
    },
    RuntimeText {
        needle: "Error response from daemon: ",
        marker: Marker::DockerDaemon,
    },
    RuntimeText {
        needle: "failed to register layer",
        marker: Marker::DockerDaemon,
    },
    RuntimeText {
        needle: "may require 'docker login'",
        marker: Marker::DockerDaemon,
    },
    RuntimeText {
        needle: "no matching manifest for ",
        marker: Marker::DockerDaemon,
    },
];

/// The runtime a marker proves (`None`: a kubelet or node marker).
pub(crate) fn marker_runtime(marker: Marker) -> Option<Runtime> {
    use Marker as M;
    match marker {
        M::ContainerdUnpack
        | M::ContainerdResolveReference
        | M::ContainerdResolveImage
        | M::ContainerdStatusNoMethod
        | M::ContainerdStatusWithMethod
        | M::ContainerdFetcherStatusCode
        | M::ContainerdFetcherJoinedBody
        | M::ContainerdSchema1Refused
        | M::ContainerdSnapshotterUnpack
        | M::ContainerdRedacted
        | M::ContainerdText => Some(Runtime::Containerd),
        M::CrioImageLibrary
        | M::CrioOldWording
        | M::CrioShortName
        | M::CrioArtifact133
        | M::CrioArtifact134
        | M::CrioUnablePull136
        | M::CrioErrorPrefix => Some(Runtime::CriO),
        M::DockerDaemon => Some(Runtime::Docker),
        _ => None,
    }
}

/// A version as `(major, minor)`.
pub(crate) type Version = (u16, u16);

/// The version bound a marker gives: `(at least, below)` (PF §2.3, §3.0). Kubelet
/// markers bound the Kubernetes version, runtime markers the runtime's.
///
/// **Inference** decisions: `short name mode is enforcing` gives no bound (CRI-O 1.34
/// made it the default, but `registries.conf` can enable it on any version); the
/// capitalised containers/image wording ("CRI-O ≈ 1.20 and older") gives none either,
/// as the spec only dates it approximately.
pub(crate) fn marker_bound(marker: Marker) -> (Option<Version>, Option<Version>) {
    use Marker as M;
    match marker {
        M::ContainerdResolveImage => (Some((2, 1)), None),
        M::ContainerdStatusNoMethod => (None, Some((1, 7))),
        M::ContainerdStatusWithMethod => (Some((1, 7)), None),
        M::ContainerdFetcherStatusCode => (None, Some((2, 2))),
        M::ContainerdFetcherJoinedBody => (Some((2, 2)), None),
        M::ContainerdSchema1Refused | M::ContainerdSnapshotterUnpack => (Some((2, 0)), None),
        M::ContainerdRedacted => (Some((2, 3)), None),
        M::CrioArtifact133 => (Some((1, 33)), Some((1, 34))),
        M::CrioArtifact134 => (Some((1, 34)), None),
        M::CrioUnablePull136 => (Some((1, 36)), None),
        M::CrioErrorPrefix => (Some((1, 28)), None),
        M::KubeletUnknownCodeKept | M::KubeletParseReference | M::KubeletNoReportingComponent => {
            (None, Some((1, 28)))
        }
        M::KubeletBackoffWithError => (Some((1, 32)), None),
        M::KubeletInspectEmptyRef | M::KubeletCanBeAccessed => (Some((1, 33)), None),
        M::KubeletInspectImageRef | M::KubeletInspectUnderAlways => (None, Some((1, 33))),
        M::KubeletParseNameQuoted | M::KubeletReportingComponent | M::KubeletCriErrorReasons => {
            (Some((1, 28)), None)
        }
        M::KubeletLowercasePulling => (None, Some((1, 12))),
        M::KubectlFieldPathPrefix => (Some((1, 35)), None),
        M::KubectlSourceWithHost => (None, Some((1, 20))),
        _ => (None, None),
    }
}

/// Whether a marker bounds the kubelet (else the runtime).
pub(crate) fn is_kubelet_marker(marker: Marker) -> bool {
    use Marker as M;
    matches!(
        marker,
        M::KubeletUnknownCodeKept
            | M::KubeletBackoffWithError
            | M::KubeletInspectEmptyRef
            | M::KubeletInspectImageRef
            | M::KubeletParseReference
            | M::KubeletParseNameQuoted
            | M::KubeletCanBeAccessed
            | M::KubeletReportingComponent
            | M::KubeletNoReportingComponent
            | M::KubeletLowercasePulling
            | M::KubeletCriErrorReasons
            | M::KubeletInspectUnderAlways
            | M::NodeKubeletVersion
    )
}

/// A band being narrowed: the highest lower bound and the lowest upper bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Band {
    pub at_least: Option<Version>,
    pub below: Option<Version>,
}

impl Band {
    /// Narrows the band by a bound.
    pub fn narrow(&mut self, (at_least, below): (Option<Version>, Option<Version>)) {
        if let Some(v) = at_least {
            self.at_least = Some(self.at_least.map_or(v, |a| a.max(v)));
        }
        if let Some(v) = below {
            self.below = Some(self.below.map_or(v, |b| b.min(v)));
        }
    }

    /// The band of exactly one `major.minor` release.
    pub fn exactly(v: Version) -> (Option<Version>, Option<Version>) {
        (Some(v), Some((v.0, v.1.saturating_add(1))))
    }

    /// Whether a version lies in the band.
    pub fn contains(self, v: Version) -> bool {
        self.at_least.is_none_or(|a| v >= a) && self.below.is_none_or(|b| v < b)
    }

    /// The band for the report.
    pub fn public(self) -> VersionBand {
        let show = |v: Version| format!("{}.{}", v.0, v.1);
        VersionBand {
            at_least: self.at_least.map(show),
            below: self.below.map(show),
            conflicting: matches!((self.at_least, self.below), (Some(a), Some(b)) if a >= b),
        }
    }
}

/// `major.minor` from the front of a version string (`v1.30.2`, `1.7.27-k3s1`,
/// `2.1.0-rc.1`); `None` when it does not start with two numbers.
pub(crate) fn parse_version(text: &str) -> Option<Version> {
    let t = text.trim().trim_start_matches('v');
    let mut parts = t.split(|c: char| !c.is_ascii_digit());
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    // The separator between them must be a dot.
    let dot = t.find(|c: char| !c.is_ascii_digit())?;
    (t.as_bytes().get(dot) == Some(&b'.')).then_some((major, minor))
}

/// `containerRuntimeVersion` (`containerd://1.7.27-k3s1`, `cri-o://1.30.0`,
/// `docker://24.0.7`, PF §1.4) → the runtime and its version text.
pub(crate) fn runtime_of_node(version: &str) -> (Runtime, Option<&str>) {
    let (name, rest) = match version.split_once("://") {
        Some((n, r)) => (n, Some(r)),
        None => (version, None),
    };
    let runtime = match name {
        "containerd" => Runtime::Containerd,
        "cri-o" => Runtime::CriO,
        "docker" => Runtime::Docker,
        _ => Runtime::Unknown,
    };
    (runtime, rest)
}

/// The Kubernetes minor version of a `kubeletVersion` (`v1.30.2` → 30), when it is 1.x.
pub(crate) fn kubernetes_minor(version: &str) -> Option<u16> {
    parse_version(version).filter(|v| v.0 == 1).map(|v| v.1)
}

/// containerd's default `image_pull_progress_timeout` (PF §3.0, C10).
pub(crate) const CONTAINERD_PROGRESS_TIMEOUT: &str = "5m0s";

/// k3s and RKE2 ship their own containerd (PF S20, S29): a distribution suffix on the
/// version or the RKE2 data path in a text.
pub(crate) fn embedded_containerd(text: &str) -> Option<&'static str> {
    if text.contains("/var/lib/rancher/rke2/") || text.contains("-rke2") {
        Some("RKE2")
    } else if text.contains("-k3s") || text.contains("/var/lib/rancher/k3s/") {
        Some("k3s")
    } else {
        None
    }
}

// ---------------------------------------------------------------------------------------
// Numbers.

/// `nodeStatusMaxImages` default: the kubelet lists at most 50 images, the largest
/// first (PF §5.1).
pub(crate) const NODE_STATUS_MAX_IMAGES: usize = 50;
/// `MaxNamesPerImageInNodeStatus` (PF §5.1).
pub(crate) const MAX_NAMES_PER_IMAGE: usize = 5;
/// The pod worker re-queues a failed sync after 10–15 s (`wait.Jitter(10 s, 0.5)`,
/// PF §4.2 step 3): the slack per retry over the back-off window.
pub(crate) const REQUEUE_SLACK_SECONDS: u64 = 15;
/// A sync refused by the back-off window, at most a requeue later (PF §4.3 rule 3): the
/// worst wait after a fix.
pub(crate) const RECOVERY_WORST_CASE_SECONDS: u32 =
    backoff::MAX_SECONDS + REQUEUE_SLACK_SECONDS as u32;
/// From this failure on the window is at its cap (10, 20, 40, 80, 160, 300).
pub(crate) const FAILURES_AT_CAP: u64 = 6;
/// ≈ attempts per hour at the cap: 3600 / 300 (PF §4.2 step 6).
pub(crate) const ATTEMPTS_PER_HOUR_AT_CAP: u32 = 3600 / backoff::MAX_SECONDS;

/// The window after the `n`-th consecutive failure (10, 20, 40, 80, 160, 300, …).
pub(crate) fn window_after(failures: u64) -> u32 {
    backoff::window_after(u32::try_from(failures).unwrap_or(u32::MAX))
}

/// `S(n)`: the shortest span from the first to the `n`-th failure, Σ_{i<n} w_i
/// (PF §4.2 step 6). Linear in `min(n, 6)`: past the cap every window is 300 s.
pub(crate) fn minimal_span(failures: u64) -> u64 {
    let mut total: u64 = 0;
    for i in 1..failures.min(FAILURES_AT_CAP) {
        total += u64::from(window_after(i));
    }
    if failures > FAILURES_AT_CAP {
        total = total.saturating_add(
            (failures - FAILURES_AT_CAP).saturating_mul(u64::from(backoff::MAX_SECONDS)),
        );
    }
    total
}

/// How many failures the back-off allows within `seconds` of the first one, each
/// retry made as soon as its window ends (PF §4.3 rule 5's worked example).
pub(crate) fn failures_within(seconds: u64) -> u64 {
    let mut failures: u64 = 1;
    let mut at: u64 = 0;
    while failures < FAILURES_AT_CAP {
        let next = at + u64::from(window_after(failures));
        if next > seconds {
            return failures;
        }
        at = next;
        failures += 1;
    }
    failures + (seconds - at) / u64::from(backoff::MAX_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minimal_spans_match_the_spec_table() {
        // PF §4.2 step 6.
        let expected = [
            (1, 0),
            (2, 10),
            (3, 30),
            (4, 70),
            (5, 150),
            (6, 310),
            (7, 610),
            (8, 910),
            (10, 1510),
            (20, 4510),
        ];
        for (n, s) in expected {
            assert_eq!(minimal_span(n), s, "S({n})");
        }
        assert_eq!(minimal_span(0), 0);
        assert_eq!(minimal_span(u64::MAX), u64::MAX);
    }

    #[test]
    fn failures_within_follows_the_worked_example() {
        // PF §4.3 rule 5: ≈ 660 s after the first failure ⇒ about 7.
        assert_eq!(failures_within(660), 7);
        assert_eq!(failures_within(0), 1);
        assert_eq!(failures_within(9), 1);
        assert_eq!(failures_within(10), 2);
        assert_eq!(failures_within(310), 6);
        assert_eq!(failures_within(u64::MAX), 1 + 5 + (u64::MAX - 310) / 300);
    }

    #[test]
    fn versions_parse_from_their_numeric_prefix() {
        assert_eq!(parse_version("v1.30.2"), Some((1, 30)));
        assert_eq!(parse_version("1.7.27-k3s1"), Some((1, 7)));
        assert_eq!(parse_version("2.1.0-rc.1"), Some((2, 1)));
        assert_eq!(parse_version("24.0.7"), Some((24, 0)));
        assert_eq!(parse_version("x"), None);
        assert_eq!(parse_version("1"), None);
        assert_eq!(parse_version("1-2"), None);
        assert_eq!(kubernetes_minor("v1.28.3+k3s1"), Some(28));
    }

    #[test]
    fn bands_narrow_and_flag_conflicts() {
        let mut b = Band::default();
        b.narrow(marker_bound(Marker::ContainerdResolveImage));
        b.narrow(marker_bound(Marker::ContainerdFetcherStatusCode));
        assert_eq!(b.public().at_least.as_deref(), Some("2.1"));
        assert_eq!(b.public().below.as_deref(), Some("2.2"));
        assert!(b.contains((2, 1)) && !b.contains((2, 2)) && !b.contains((1, 7)));
        b.narrow(marker_bound(Marker::ContainerdStatusNoMethod));
        assert!(b.public().conflicting);
    }

    #[test]
    fn pull_reasons() {
        for r in PULL_REASONS {
            assert!(is_pull_reason(r));
        }
        assert!(is_pull_reason(
            "Failed to record image pull intent for container image \"a\": disk full"
        ));
        for r in [
            "ContainerCreating",
            "PodInitializing",
            "CrashLoopBackOff",
            "CreateContainerConfigError",
            "",
        ] {
            assert!(!is_pull_reason(r), "{r}");
        }
    }

    #[test]
    fn node_runtime_versions() {
        assert_eq!(
            runtime_of_node("containerd://1.7.27-k3s1"),
            (Runtime::Containerd, Some("1.7.27-k3s1"))
        );
        assert_eq!(
            runtime_of_node("cri-o://1.30.0"),
            (Runtime::CriO, Some("1.30.0"))
        );
        assert_eq!(
            runtime_of_node("docker://24.0.7"),
            (Runtime::Docker, Some("24.0.7"))
        );
        assert_eq!(runtime_of_node("remote://x").0, Runtime::Unknown);
    }
}
