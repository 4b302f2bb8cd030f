//! The node simulation's wording: kubelet events (exact) and explanations.
//!
//! Kubernetes' own words first, each naming its source in the project spec
//! (`kubernetes-pull-semantics.md`); the container runtime's words (containerd's
//! observed error texts); then this tool's plain-language explanations.
//!
//! Values only a real pull knows are rendered as placeholders in angle brackets
//! ([`PLACEHOLDERS`]); they never stand for invented numbers.

use super::go_quote;
use crate::kubelet::{
    CheckResult, Conditions, CredentialCheck, Downloads, Failure, NotOnNode, PullResult, PullWhy,
    Route, Runs, WaitingReason,
};
use crate::options::{CredentialVerification, Credentials, NodeImage};
use crate::reference::Reference;
use crate::report::{PullPolicy, Role};
use crate::versions::KubeVersion;
use std::fmt::Write;

// ---------------------------------------------------------------------------------------
// Placeholders.

/// The time the pull took (`time.Duration`, truncated to ms, e.g. `1.21s`).
const PULL_TIME: &str = "<pull time>";
/// The time since the `Pulling` event, queueing included.
const TOTAL_TIME: &str = "<total time>";
/// The image size the runtime reports, in bytes.
const IMAGE_SIZE: &str = "<bytes>";
/// The registry's IP address (containerd prints the address it dialled).
const REGISTRY_IP: &str = "<registry IP>";
/// A private image pulled without working credentials. The spec gives no observed
/// text for this failure (it depends on the registry and the runtime), so the CRI
/// error is this placeholder rather than an invented message.
pub(crate) const AUTH_ERROR: &str = "<registry error: authorization failed>";

/// Every placeholder that can appear in an event or waiting message: values only a real
/// pull knows (durations, the image size, the registry's address) and an error text the
/// spec does not give (a refused pull of a private image). Renderers may style them.
pub const PLACEHOLDERS: &[&str] = &[PULL_TIME, TOTAL_TIME, IMAGE_SIZE, REGISTRY_IP, AUTH_ERROR];

// ---------------------------------------------------------------------------------------
// Kubernetes' own words: event reasons (`pkg/kubelet/events/event.go`, spec §4.2).

/// `events.PullingImage`.
pub(crate) const REASON_PULLING: &str = "Pulling";
/// `events.PulledImage`.
pub(crate) const REASON_PULLED: &str = "Pulled";
/// `events.FailedToPullImage` and `events.FailedToCreateContainer`.
pub(crate) const REASON_FAILED: &str = "Failed";
/// `events.FailedToInspectImage`.
pub(crate) const REASON_INSPECT_FAILED: &str = "InspectFailed";
/// `events.ErrImageNeverPullPolicy`.
pub(crate) const REASON_ERR_IMAGE_NEVER_PULL: &str = "ErrImageNeverPull";
/// `events.BackOffPullImage`.
pub(crate) const REASON_BACKOFF: &str = "BackOff";

// Kubernetes' own words: event and waiting messages (`image_manager.go`, spec §4.3).

/// `startContainer`'s Warning `Failed` event: `Error: <err>` (spec §4.1).
pub(crate) fn error_event(reason: &str) -> String {
    format!("Error: {reason}")
}

/// `Pulling image "<I>"` (spec §4.3 step 6.3).
pub(crate) fn pulling(image: &str) -> String {
    format!("Pulling image {}", go_quote(image))
}

/// The `Pulled` event after a successful pull (spec §4.3 step 6.5, §9): durations and
/// size as placeholders. `(… including waiting)` is in every supported version (added
/// around 1.26–1.28); `Image size: N bytes.` from 1.30
/// ([`KubeVersion::pulled_event_reports_image_size`]). The spec marks both boundaries as
/// approximate (§10.1).
pub(crate) fn successfully_pulled(image: &str, version: KubeVersion) -> String {
    let mut s = format!(
        "Successfully pulled image {} in {PULL_TIME} ({TOTAL_TIME} including waiting)",
        go_quote(image)
    );
    if version.pulled_event_reports_image_size() {
        let _ = write!(s, ". Image size: {IMAGE_SIZE} bytes.");
    }
    s
}

/// The `Pulled` event for an image already on the node (spec §4.3 step 3, §4.10):
/// `… already present on machine`, and with `KubeletEnsureSecretPulledImages` on
/// `… already present on machine and can be accessed by the pod`.
pub(crate) fn already_present(image: &str, gate: bool) -> String {
    let tail = if gate {
        " and can be accessed by the pod"
    } else {
        ""
    };
    format!(
        "Container image {} already present on machine{tail}",
        go_quote(image)
    )
}

/// `Container image "<I>" is not present with pull policy of Never` (spec §4.3 step 2,
/// and step 4 for a present image the Pod may not use).
pub(crate) fn never_pull(image: &str) -> String {
    format!(
        "Container image {} is not present with pull policy of Never",
        go_quote(image)
    )
}

/// `Failed to pull image "<I>": <CRI error>` (spec §4.3 step 6.4).
pub(crate) fn failed_to_pull(image: &str, cri_error: &str) -> String {
    format!("Failed to pull image {}: {cri_error}", go_quote(image))
}

/// The `BackOff` event: `Back-off pulling image "<I>"` (spec §4.3 step 6.2; the event
/// never carries the previous error).
pub(crate) fn backoff_event(image: &str) -> String {
    format!("Back-off pulling image {}", go_quote(image))
}

/// The `ImagePullBackOff` waiting message: the event's text, plus
/// `: <ErrName>: <previous message>` from 1.32 (kubernetes#127918, spec §4.3, §9;
/// [`KubeVersion::backoff_message_repeats_error`]).
/// `previous` is the stored `"<ErrName>: <message>"`.
pub(crate) fn backoff_waiting(image: &str, previous: &str, version: KubeVersion) -> String {
    if version.backoff_message_repeats_error() {
        format!("{}: {previous}", backoff_event(image))
    } else {
        backoff_event(image)
    }
}

/// The AlwaysPullImages validation error (spec §5): per violation
/// `pods "<name>" is forbidden: <path>: Unsupported value: "<value>": supported values: "Always"`,
/// aggregated (one bare, several in brackets joined by ", ").
pub(crate) fn always_pull_images_forbidden(
    pod_name: &str,
    violations: &[(&str, &str)],
) -> Option<String> {
    let errors: Vec<String> = violations
        .iter()
        .map(|(path, value)| {
            format!(
                "pods {} is forbidden: {path}: Unsupported value: {}: supported values: \"Always\"",
                go_quote(pod_name),
                go_quote(value)
            )
        })
        .collect();
    match errors.as_slice() {
        [] => None,
        [one] => Some(one.clone()),
        many => Some(format!("[{}]", many.join(", "))),
    }
}

// ---------------------------------------------------------------------------------------
// The runtime's words: containerd's errors as observed (spec §4.3, §4.5). Other runtimes
// word them differently.

/// The reference containerd resolves: the normalized name with its tag (`:latest` when
/// none), or with only its digest when there is one. *Inference:* the spec's observed
/// texts show `docker.io/library/nginx:1.21.7` for `nginx:1.21.7`; dropping the tag of a
/// tag+digest reference follows the docs ("Only the digest will be used for pulling").
fn containerd_ref(r: &Reference) -> String {
    match r.digest() {
        Some(d) => format!("{}@{d}", r.name()),
        None => format!("{}:{}", r.name(), r.tag().unwrap_or("latest")),
    }
}

/// containerd's not-found error, as observed (spec §4.3):
/// `rpc error: code = NotFound desc = failed to pull and unpack image "<ref>": failed to resolve reference "<ref>": <ref>: not found`.
pub(crate) fn containerd_not_found(r: &Reference) -> String {
    let full = containerd_ref(r);
    format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image {q}: failed to resolve reference {q}: {full}: not found",
        q = go_quote(&full)
    )
}

/// containerd's error for a registry it cannot reach, as observed (spec §4.5, a
/// refused connection to Docker Hub):
/// `failed to pull and unpack image "<ref>": failed to resolve image: failed to do request: Head "https://<host>/v2/<path>/manifests/<tag or digest>": dial tcp <registry IP>:<port>: connect: connection refused`.
/// Docker Hub's host is `registry-1.docker.io` (as observed); other registries are
/// addressed by their domain, port 443 unless the domain names one (*inference* from the
/// registry HTTP API). The tail differs with the network failure (DNS, timeout).
pub(crate) fn containerd_unreachable(r: &Reference) -> String {
    let full = containerd_ref(r);
    let domain = if r.domain().is_empty() {
        r.path().split('/').next().unwrap_or_default()
    } else {
        r.domain()
    };
    let host = if domain == "docker.io" {
        "registry-1.docker.io"
    } else {
        domain
    };
    let port = match host.rsplit_once(':') {
        Some((_, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => port,
        _ => "443",
    };
    let manifest = r.digest().or(r.tag()).unwrap_or("latest");
    format!(
        "failed to pull and unpack image {}: failed to resolve image: failed to do request: Head \"https://{host}/v2/{}/manifests/{manifest}\": dial tcp {REGISTRY_IP}:{port}: connect: connection refused",
        go_quote(&full),
        r.path()
    )
}

// ---------------------------------------------------------------------------------------
// This tool's words: the back-off rule and the explanations.

/// The back-off rule in one paragraph (spec §4.4).
pub(crate) fn backoff_rule() -> &'static str {
    "After a failed pull the kubelet waits 10 s before trying again, then twice as long after each further failure, up to 300 s (5 minutes). During the wait every attempt to start the container reports ImagePullBackOff without contacting the registry. More than 600 s after the last failure the wait starts again at 10 s. The wait is kept per Pod and image string, so a new Pod starts without it; retries happen when the kubelet next syncs the Pod, so real gaps can be longer."
}

/// One sentence for a node of the version-skew view.
pub(crate) fn node_summary(
    node: &str,
    holds: NodeImage,
    runs: Runs,
    waiting: Option<WaitingReason>,
) -> String {
    let holds = match holds {
        NodeImage::Stale => "holds the tag's old content",
        NodeImage::Absent => "holds nothing",
        NodeImage::Present => "holds the content the registry serves now",
        NodeImage::Preloaded => "holds a preloaded copy",
    };
    let does = match (runs, waiting) {
        (Runs::Cached, _) => {
            "runs its copy, which is current, without asking the registry".to_owned()
        }
        (Runs::CachedStale, _) => {
            "keeps running the old content, since nothing asks the registry".to_owned()
        }
        (Runs::RegistryCurrent, _) => "runs the registry's current content".to_owned(),
        (Runs::None, Some(reason)) => format!("does not start ({})", reason.as_str()),
        (Runs::None, None) => "does not start".to_owned(),
    };
    format!("Node {node} {holds}: {does}.")
}

/// Why an entry never reaches a node.
pub(crate) fn explain_not_on_node(why: NotOnNode, version: KubeVersion) -> String {
    match why {
        NotOnNode::Rejected => "The API server rejects this, so it never reaches a node: nothing is pulled and nothing starts.".to_owned(),
        NotOnNode::NoImage => "Without an image the API server rejects the Pod, so nothing reaches a node.".to_owned(),
        NotOnNode::ImageVolumeGateOff if version.has_image_volumes() => format!(
            "The ImageVolume feature gate is off by default in Kubernetes {version}, so the API server does not serve this volume source and nothing is pulled for it on the node."
        ),
        NotOnNode::ImageVolumeGateOff => format!(
            "Image volumes do not exist in Kubernetes {version} (they arrived in 1.31), so nothing is pulled for this volume on the node."
        ),
    }
}

/// Why the kubelet does not get to an entry.
pub(crate) fn explain_blocked(by: &str, by_volume: bool) -> String {
    if by_volume {
        format!(
            "The kubelet does not get to this container: the image volume {by} fails, and the Pod's image volumes are pulled before any container starts. Nothing is pulled for this container until that is fixed."
        )
    } else {
        format!(
            "The kubelet does not get to this container: init container {by} cannot start. Init containers start one at a time, in order, and each must succeed before the next one or any regular container starts, so nothing is pulled for this one until that is fixed."
        )
    }
}

/// Everything the explanation of a simulated entry needs.
#[derive(Debug)]
pub(crate) struct Facts<'a> {
    /// The raw image.
    pub image: &'a str,
    /// The effective policy.
    pub policy: PullPolicy,
    /// The entry's role.
    pub role: Role,
    /// The Kubernetes version.
    pub version: KubeVersion,
    /// The scenario asked for the gate in a version that does not have it.
    pub gate_requested_unavailable: bool,
    /// The gate is on by default in this version.
    pub gate_default: bool,
    /// What the node, registry and credentials were.
    pub conditions: &'a Conditions,
    /// The path taken.
    pub route: &'a Route,
    /// The credential check, when it ran.
    pub check: Option<&'a CredentialCheck>,
    /// What AlwaysPullImages did.
    pub admission: Option<crate::kubelet::AlwaysPullImagesEffect>,
    /// The Pod has (image volumes, init containers or sidecars) that start before the
    /// regular containers.
    pub earlier_stages: (bool, bool),
    /// The scenario said `stale` for a digest reference (treated as present).
    pub digest_not_stale: bool,
    /// The entry of this Pod whose pull put the image on the node.
    pub pulled_earlier_by: Option<&'a str>,
    /// The entry of this Pod whose failed pull put the image in back-off.
    pub shared_backoff_with: Option<&'a str>,
}

/// The plain-language explanation of the path an entry takes on the node.
pub(crate) fn explain(f: &Facts<'_>) -> String {
    let mut out: Vec<String> = Vec::new();
    let image = go_quote(f.image);
    let policy = f.policy;

    // AlwaysPullImages.
    match f.admission {
        Some(a) if a.rewritten => match a.from {
            Some(from) if from != PullPolicy::Always => out.push(format!(
                "The AlwaysPullImages admission plugin changed the policy from {from} to Always when the Pod was created."
            )),
            _ => out.push(
                "The policy was already Always; the AlwaysPullImages admission plugin keeps it so.".to_owned(),
            ),
        },
        Some(_) => out.push(
            "AlwaysPullImages does not change ephemeral containers: they arrive through the pods/ephemeralcontainers subresource, which the plugin ignores.".to_owned(),
        ),
        None => {}
    }

    // Where the entry is in the Pod's start sequence.
    match f.role {
        Role::ImageVolume => out.push(image_volume_sequence(f.version, policy)),
        Role::InitContainer => out.push(
            "Init containers start one at a time, in order, before the regular containers, so this image is needed at that point.".to_owned(),
        ),
        Role::Sidecar => out.push(
            "This sidecar (an init container with restartPolicy: Always) starts in the init-container sequence, before the regular containers.".to_owned(),
        ),
        Role::Container => match f.earlier_stages {
            (true, true) => out.push("Regular containers start after the Pod's image volumes are pulled and its init containers have started, one at a time.".to_owned()),
            (true, false) => out.push("Regular containers start after the Pod's image volumes are pulled, one at a time.".to_owned()),
            (false, true) => out.push("Regular containers start after the Pod's init containers, one at a time.".to_owned()),
            (false, false) => {}
        },
        Role::EphemeralContainer => out.push(
            "An ephemeral container is added to a running Pod (kubectl debug); its image is handled when it is added.".to_owned(),
        ),
    }
    if f.digest_not_stale {
        out.push(
            "A digest names fixed content, so the node's copy cannot be stale: it is treated as present.".to_owned(),
        );
    }

    let holder = holder(f, &image);
    let w = Words::for_role(f.role);
    match f.route {
        Route::InvalidName(reason) => {
            out.push(format!(
                "The kubelet cannot parse {image} as an image reference ({reason}), so {}; no registry is contacted and the pull policy plays no part. The API server does not check image syntax, so this only shows on the node.",
                w.invalid
            ));
        }
        Route::NeverAbsent => out.push(format!(
            "With Never the kubelet does not pull, and the node does not hold {image}: {} until the image is put on the node, for example preloaded into the node image.",
            w.never
        )),
        Route::Cached => {
            let copy = match f.conditions.node_image {
                NodeImage::Stale => format!(
                    "{holder}, but the tag has moved in the registry since. With {policy} the kubelet does not ask the registry, so {} the old content, while a node that pulls now gets the new one: presence is checked per reference string, not per content.",
                    w.runs
                ),
                _ => format!(
                    "{holder}, so with {policy} the kubelet {} without contacting the registry.",
                    w.uses_copy
                ),
            };
            out.push(copy);
            if let Some(check) = f.check {
                out.push(check_passed(check));
            } else {
                gate_off_note(f, &mut out);
            }
        }
        Route::NeverDenied => out.push(format!(
            "{holder}, but KubeletEnsureSecretPulledImages requires this Pod to prove it may use the image: {}. With Never the kubelet cannot pull to check, so it reports the image as not present (ErrImageNeverPull), deliberately not revealing that it is there.",
            must_reason(f)
        )),
        Route::Pull(why, result) => {
            out.push(match why {
                PullWhy::Always if !f.version.always_skips_presence_check() => format!(
                    "With Always the kubelet pulls at every container start (Kubernetes {} first asks the runtime whether the image is present, then pulls anyway).",
                    f.version
                ),
                PullWhy::Always => "With Always the kubelet asks the registry at every container start, without first looking at the node's copy.".to_owned(),
                PullWhy::Absent => format!(
                    "The node does not hold {image}, so with IfNotPresent the kubelet pulls it."
                ),
                PullWhy::MustAuthenticate => format!(
                    "{holder}, but KubeletEnsureSecretPulledImages requires this Pod to prove it may use the image: {}. With IfNotPresent the kubelet therefore pulls it from the registry with the Pod's credentials.",
                    must_reason(f)
                ),
            });
            match result {
                PullResult::Done(Downloads::All) => out.push(
                    format!("The runtime downloads the whole image, and {} the content the registry serves now.", w.gets),
                ),
                PullResult::Done(Downloads::ChangedLayers) => out.push(
                    format!("The tag has moved since the node's copy was pulled: the runtime downloads only the layers it does not have yet, and {} the new content.", w.runs),
                ),
                PullResult::Done(Downloads::None) => out.push(
                    format!("The registry's manifest matches the node's copy, so nothing is downloaded beyond the manifest check (a request of a few KB), and {} the current content.", w.gets),
                ),
                PullResult::Failed(failure) => {
                    let fallback = if f.conditions.node_image == NodeImage::Absent {
                        ""
                    } else {
                        " The kubelet does not fall back to the copy the node holds."
                    };
                    out.push(match failure {
                        Failure::Unreachable => format!(
                            "The registry cannot be reached, so the pull fails.{fallback} {}.",
                            capitalize(w.waits)
                        ),
                        Failure::Unauthorized => format!("The image is private and this Pod has no working pull secret, so the registry refuses the pull; {}. The exact error text depends on the registry and the runtime, so the events show it as a placeholder.", w.waits),
                        Failure::NotFound => format!("The registry has no such tag or digest, so the pull fails; {}.", w.waits),
                    });
                }
                PullResult::InBackOff => out.push(format!(
                    "A pull of {image} for {} failed just before in this Pod, and the back-off is kept per Pod and image string, so the kubelet does not try again yet: {}.",
                    f.shared_backoff_with.unwrap_or("an earlier entry"),
                    w.backoff
                )),
            }
            if matches!(result, PullResult::Failed(_) | PullResult::InBackOff) {
                out.push(
                    "The kubelet retries after 10 s, 20 s, 40 s, 80 s, 160 s, then every 300 s; each retry contacts the registry again.".to_owned(),
                );
                if f.version.backoff_message_repeats_error() {
                    out.push("The ImagePullBackOff message repeats the last pull error.".to_owned());
                } else {
                    out.push(format!(
                        "In Kubernetes {} the ImagePullBackOff message does not repeat the pull error (it does from 1.32): look at the Failed event.",
                        f.version
                    ));
                }
            }
            if matches!(result, PullResult::Done(_)) {
                out.push(if f.version.pulled_event_reports_image_size() {
                    format!("In the Pulled event, {PULL_TIME}, {TOTAL_TIME} and {IMAGE_SIZE} stand for values only the real pull knows.")
                } else {
                    format!("In the Pulled event, {PULL_TIME} and {TOTAL_TIME} stand for values only the real pull knows.")
                });
            }
        }
    }
    allowlist_notes(f, &mut out);
    if f.gate_requested_unavailable && matches!(f.route, Route::Cached) {
        out.push(format!(
            "KubeletEnsureSecretPulledImages does not exist before 1.33, so enabling it has no effect in Kubernetes {}.",
            f.version
        ));
    }
    out.join(" ")
}

/// Where an image volume is in the Pod's start: before every container (spec §4.1;
/// KEP-4639: the volume is resolved at pod startup, a moved tag needs a new Pod), and how
/// often the kubelet repeats the image step. Up to 1.36 `SyncPod` called
/// `EnsureImageExists` for every image volume at every sync, repeating its events (issue
/// kubernetes#138644 observed the `Pulled` "already present" event 172 times in 1 h 44 min)
/// and, for `Always`, its pull (*inference*, `kubernetes-1.37.md` TV4); from 1.37 only when
/// the sync has to start a container (kubernetes#138655,
/// [`KubeVersion::image_volumes_ensured_only_at_container_start`]). The simulation shows
/// the first start; this sentence says what follows it.
fn image_volume_sequence(version: KubeVersion, policy: PullPolicy) -> String {
    let first = "An image volume's image is checked, and pulled if needed, before any container of the Pod starts; a moved tag is picked up only when the Pod is recreated.";
    if version.image_volumes_ensured_only_at_container_start() {
        format!(
            "{first} The kubelet repeats the check only when it starts a container, not while the Pod runs (before 1.37: at every sync)."
        )
    } else {
        let pull = if policy == PullPolicy::Always {
            ", and with Always each repeat asks the registry again"
        } else {
            ""
        };
        format!(
            "{first} Kubernetes {version} repeats the check at every sync of the Pod, so its events keep coming while the Pod runs{pull}; 1.37 repeats it only when a container starts."
        )
    }
}

/// The words that differ between a container and an image volume.
struct Words {
    /// "… so {the container waits with InvalidImageName}; …"
    invalid: &'static str,
    /// "… the node does not hold "x": {the container cannot start (ErrImageNeverPull)} …"
    never: &'static str,
    /// "… and {the container starts with} the current content"
    gets: &'static str,
    /// "… so {the container runs} the old content"
    runs: &'static str,
    /// "… the kubelet {starts the container from that copy} without …"
    uses_copy: &'static str,
    /// "… so the pull fails; {the container waits in ErrImagePull, then ImagePullBackOff}"
    waits: &'static str,
    /// "… does not try again yet: {the container waits in ImagePullBackOff}"
    backoff: &'static str,
}

impl Words {
    fn for_role(role: Role) -> Words {
        if role == Role::ImageVolume {
            Words {
                invalid: "the volume fails with InvalidImageName and the Pod's containers do not start",
                never: "the volume fails with ErrImageNeverPull and the Pod's containers do not start",
                gets: "the volume gets",
                runs: "the volume holds",
                uses_copy: "uses that copy for the volume",
                waits: "the volume fails with ErrImagePull, then ImagePullBackOff, and the Pod's containers do not start",
                backoff: "the volume waits in ImagePullBackOff",
            }
        } else {
            Words {
                invalid: "the container waits with InvalidImageName",
                never: "the container cannot start (ErrImageNeverPull)",
                gets: "the container starts with",
                runs: "the container runs",
                uses_copy: "starts the container from that copy",
                waits: "the container waits in ErrImagePull, then ImagePullBackOff",
                backoff: "the container waits in ImagePullBackOff",
            }
        }
    }
}

/// The wording with its first letter upper-cased. The wordings are ASCII, and
/// ASCII-only upper-casing keeps the standard library's Unicode case tables
/// out of the WebAssembly builds.
fn capitalize(s: &str) -> String {
    let mut out = s.to_owned();
    if let Some(first) = out.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    out
}

/// "The node already holds "x" (…)".
fn holder(f: &Facts<'_>, image: &str) -> String {
    match (f.pulled_earlier_by, f.conditions.node_image) {
        (Some(by), _) => {
            format!("The kubelet pulled {image} for {by} earlier in this Pod, so the node holds it")
        }
        (None, NodeImage::Preloaded) => {
            format!("The node holds {image}, put there outside the kubelet (preloaded)")
        }
        (None, NodeImage::Stale) => {
            format!("The node holds {image} from an earlier pull by the kubelet")
        }
        (None, _) => format!("The node already holds {image} (pulled earlier by the kubelet)"),
    }
}

/// Why KEP-2535 says "must authenticate".
fn must_reason(f: &Facts<'_>) -> String {
    match f.check {
        Some(c) if !c.pulled_by_kubelet => match c.policy {
            CredentialVerification::NeverVerifyAllowlistedImages => {
                "the image does not match preloadedImagesVerificationAllowlist, and the kubelet has no record of pulling it".to_owned()
            }
            p => format!(
                "the policy {} verifies every image, and the kubelet has no record of pulling this one",
                p.as_str()
            ),
        },
        _ => "the kubelet pulled it with credentials this Pod does not have".to_owned(),
    }
}

/// Notes about the allowlist under `NeverVerifyAllowlistedImages`.
fn allowlist_notes(f: &Facts<'_>, out: &mut Vec<String>) {
    let Some(c) = f.check else { return };
    if c.policy != CredentialVerification::NeverVerifyAllowlistedImages {
        return;
    }
    if !c.allowlist_errors.is_empty() {
        out.push(format!(
            "The kubelet rejects allowlist entries it cannot read ({}); they match nothing here.",
            c.allowlist_errors.join("; ")
        ));
    }
    if c.allowlisted == Some(false) && !f.version.allowlist_matches_normalized_names() {
        out.push(format!(
            "Kubernetes {} compares the image as written ({}) with the allowlist entries, so an entry in normalized form matches only an image written exactly so; 1.36 fixed the comparison.",
            f.version,
            go_quote(f.image)
        ));
    }
}

/// The credential check passed.
fn check_passed(c: &CredentialCheck) -> String {
    match c.result {
        CheckResult::NotRequired => match c.policy {
            CredentialVerification::NeverVerify => "KubeletEnsureSecretPulledImages is on, but the policy NeverVerify never requires verification for images on the node.".to_owned(),
            CredentialVerification::NeverVerifyPreloadedImages => "KubeletEnsureSecretPulledImages is on, but the policy NeverVerifyPreloadedImages does not verify images the kubelet did not pull.".to_owned(),
            CredentialVerification::NeverVerifyAllowlistedImages => "KubeletEnsureSecretPulledImages is on, but the image matches preloadedImagesVerificationAllowlist, so the policy NeverVerifyAllowlistedImages does not verify it.".to_owned(),
            CredentialVerification::AlwaysVerify => "KubeletEnsureSecretPulledImages is on and verification is not required.".to_owned(),
        },
        CheckResult::AccessibleToAllPods => "KubeletEnsureSecretPulledImages checks that this Pod may use the image: the kubelet pulled it without credentials, so every Pod on the node may.".to_owned(),
        CheckResult::SecretMatches => "KubeletEnsureSecretPulledImages checks that this Pod may use the image: it was pulled with a pull secret this Pod has, so the check passes locally, without contacting the registry.".to_owned(),
        CheckResult::MustAuthenticate => String::new(),
    }
}

/// Without the credential check, a private image on the node is open to every Pod.
fn gate_off_note(f: &Facts<'_>, out: &mut Vec<String>) {
    if f.conditions.credentials == Credentials::Public {
        return;
    }
    let lack = if f.conditions.credentials == Credentials::Missing {
        "This Pod has no working pull secret, but the kubelet does not check"
    } else {
        "The kubelet does not check this Pod's credentials"
    };
    let fix = if !f.version.ensure_secret_pulled_images().0 {
        "KubeletEnsureSecretPulledImages (from 1.33, on by default from 1.35) closes this gap."
            .to_owned()
    } else if f.gate_default {
        format!(
            "KubeletEnsureSecretPulledImages closes this gap; it is on by default in Kubernetes {} but turned off here.",
            f.version
        )
    } else {
        format!(
            "Enabling KubeletEnsureSecretPulledImages (off by default in Kubernetes {}, on from 1.35) closes this gap.",
            f.version
        )
    };
    out.push(format!(
        "{lack}: any Pod on the node can use a copy that is already there. {fix} AlwaysPullImages closes it too, at the cost of a registry request at every start."
    ));
}
