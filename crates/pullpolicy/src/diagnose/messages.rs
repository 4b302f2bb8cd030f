//! Every word the diagnosis says to the user, in one place. Kubernetes' and the runtimes'
//! own texts are quoted from the evidence (never rewritten); the rest is this tool's.

use super::types::{
    ContainerState, FailureClass, Marker, PodVerdict, PolicyEvidence, Presence, PresenceWhy,
    Runtime, RuntimeInfo, SpanVerdict, StateKind, Timeline, VersionBand,
};
use crate::report::PullPolicy;
use crate::text;
use crate::text::Text as Prose;
use std::fmt::Write as _;

/// The words of one finding. The message is plain (it quotes the evidence and names
/// things, and marks no code); the explanation is structured ([`Prose`]).
#[derive(Debug, Clone)]
pub(crate) struct Text {
    pub message: String,
    pub explanation: Prose,
    pub fix: Option<String>,
    pub links: &'static [&'static str],
    pub faq: &'static [&'static str],
}

/// An explanation: a sentence of ours (code in backticks), prose built with `text!`, or
/// a string composed here that marks no code (plain).
trait Explanation {
    fn prose(self) -> Prose;
}

impl Explanation for &'static str {
    fn prose(self) -> Prose {
        Prose::fixed(self)
    }
}

impl Explanation for String {
    fn prose(self) -> Prose {
        Prose::plain(self)
    }
}

impl Explanation for Prose {
    fn prose(self) -> Prose {
        self
    }
}

fn text(message: String, explanation: impl Explanation) -> Text {
    Text {
        message,
        explanation: explanation.prose(),
        fix: None,
        links: &[],
        faq: &[],
    }
}

impl Text {
    fn link(mut self, url: &str) -> Text {
        self.links = link(url);
        self
    }

    fn faq(mut self, ids: &'static [&'static str]) -> Text {
        self.faq = ids;
        self
    }

    fn fix(mut self, fix: String) -> Text {
        self.fix = Some(fix);
        self
    }
}

// ---------------------------------------------------------------------------------------
// Links (only from the core's allowlist, `crate::LINKS`) and FAQ ids (`crate::faq`).

pub(crate) const PULL_POLICY: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy";
pub(crate) const DEFAULT_POLICY: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting";
pub(crate) const IMAGE_NAMES: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#image-names";
pub(crate) const BACKOFF: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff";
pub(crate) const PRE_PULLED: &str =
    "https://kubernetes.io/docs/concepts/containers/images/#pre-pulled-images";
pub(crate) const IMAGE_VOLUMES: &str =
    "https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/";

/// Every link the diagnosis uses (each must be in `crate::LINKS`).
#[cfg(test)]
const USED_LINKS: [&str; 6] = [
    PULL_POLICY,
    DEFAULT_POLICY,
    IMAGE_NAMES,
    BACKOFF,
    PRE_PULLED,
    IMAGE_VOLUMES,
];

/// `url` as a slice of the allowlist (empty if it is not there).
fn link(url: &str) -> &'static [&'static str] {
    crate::LINKS
        .iter()
        .position(|l| *l == url)
        .map_or(&[], |i| std::slice::from_ref(&crate::LINKS[i]))
}

const FAQ_BACKOFF: &[&str] = &["image-pull-backoff"];
const FAQ_NEVER: &[&str] = &["err-image-never-pull"];
const FAQ_INVALID: &[&str] = &["invalid-image-name"];
const FAQ_REGISTRY_DOWN: &[&str] = &["registry-down"];
const FAQ_DEFAULT: &[&str] = &["why-default-always"];
const FAQ_PRIVATE: &[&str] = &["cached-private-images"];
const FAQ_SKEW: &[&str] = &["mutable-tags-diverge"];
const FAQ_FAILURE: &[&str] = &["errimagepull-vs-imagepullbackoff", "image-pull-backoff"];
const FAQ_RATE_LIMIT: &[&str] = &["rate-limits-and-always", "errimagepull-vs-imagepullbackoff"];
const FAQ_RATE_LIMIT_DEFAULT: &[&str] = &["rate-limits-and-always", "why-default-always"];
const FAQ_CREDENTIALS: &[&str] = &[
    "private-registry-pull-secrets",
    "cached-private-images",
    "errimagepull-vs-imagepullbackoff",
];
const FAQ_ONE_NODE: &[&str] = &["one-node-works"];
const FAQ_PLATFORM: &[&str] = &["one-node-works", "errimagepull-vs-imagepullbackoff"];

/// Every FAQ id the diagnosis uses (each must be in `crate::faq`).
#[cfg(test)]
const USED_FAQ: [&str; 11] = [
    "errimagepull-vs-imagepullbackoff",
    "rate-limits-and-always",
    "private-registry-pull-secrets",
    "one-node-works",
    "image-pull-backoff",
    "err-image-never-pull",
    "invalid-image-name",
    "registry-down",
    "why-default-always",
    "cached-private-images",
    "mutable-tags-diverge",
];

// ---------------------------------------------------------------------------------------
// Classes.

/// A class in a few words.
pub(crate) fn class_title(class: FailureClass) -> &'static str {
    use FailureClass as C;
    match class {
        C::NotFound => "the tag or digest does not exist in the registry",
        C::AccessDenied => "the repository does not exist or needs credentials",
        C::BadCredentials => "the registry rejected the credentials",
        C::Forbidden => "the registry refuses this client (403 Forbidden)",
        C::RateLimited => "the registry's rate limit was hit (429)",
        C::TlsUntrusted => "the runtime does not trust the registry's certificate",
        C::HttpRegistry => "a plain-HTTP registry was contacted over HTTPS",
        C::Dns => "the registry's name does not resolve on the node",
        C::Network => "the node cannot reach the registry",
        C::PullCancelled => "the pull was cancelled or timed out",
        C::PlatformMismatch => "the image has no variant for the node's platform",
        C::DiskFull => "the node could not store or unpack the image (disk)",
        C::UnsupportedContent => "the runtime refuses the image's format",
        C::ShortName => "CRI-O could not resolve the short image name",
        C::SignatureRejected => "a signature policy rejected the image",
        C::NoCredentials => "the pull carried no credentials for this registry",
        C::KubeletLocal => "the kubelet's own pull rate limit was exceeded",
        C::RegistryServerError => "the registry failed (5xx)",
        C::NeverPull => "imagePullPolicy is Never and the image is not on the node",
        C::InvalidName => "the image reference does not parse",
        C::InspectError => "the runtime failed to inspect the image on the node",
        C::Unknown => "the evidence does not show the cause",
    }
}

/// What a class means and why it happens.
pub(crate) fn class_explanation(class: FailureClass) -> &'static str {
    use FailureClass as C;
    match class {
        C::NotFound => {
            "The registry answered that no manifest exists for this reference: a typo in the tag, a tag not pushed yet (a CI race), a tag removed by a retention policy, or a digest from another repository. Docker Hub answers a missing repository with \"access denied\" rather than \"not found\", so on Docker Hub the repository itself exists."
        }
        C::AccessDenied => {
            "The registry refused the request for lack of authorization: the repository does not exist, or it is private and the pull carried no credentials or credentials without access. Docker Hub gives the same answer for a misspelt repository and a private one."
        }
        C::BadCredentials => {
            "Credentials were sent and the registry's token endpoint rejected them (401/403): an expired or wrong password or token, or a cloud node identity without the pull role."
        }
        C::Forbidden => {
            "The registry was reached and refused the request (403 Forbidden): a registry firewall or private endpoint that does not admit the node's network, an IAM or repository policy denying this identity, or a geographic restriction. Pull secrets do not change this."
        }
        C::RateLimited => {
            "The registry answered 429 Too Many Requests: this client's pull quota is used up. Anonymous pulls from one egress address (NAT, CI) share one quota; many nodes pulling the same image, and imagePullPolicy: Always with mutable tags, spend it fast."
        }
        C::TlsUntrusted => {
            "The container runtime on the node does not trust the registry's certificate: a private CA, a TLS-intercepting proxy, or a certificate for other names. Trust on your workstation, or `docker login` on the host, does not count: the runtime checks with its own configuration."
        }
        C::HttpRegistry => {
            "The registry answers plain HTTP, but the runtime contacted it over HTTPS (the default for every registry but localhost on some runtimes)."
        }
        C::Dns => {
            "The node could not resolve the registry's host name. The container runtime uses the node's resolver (its resolv.conf), not the cluster's DNS."
        }
        C::Network => {
            "The node could not reach the registry: the connection was refused, reset, timed out or had no route. Nodes need direct egress to the registry, or a proxy configured for the container runtime."
        }
        C::PullCancelled => {
            "The pull was cancelled before it finished: the runtime saw no progress for its progress timeout (containerd's image_pull_progress_timeout, 5m0s by default; cri-dockerd 1m), or a deadline passed. Huge images over slow links and stalled registries or CDNs cause it."
        }
        C::PlatformMismatch => {
            "The image's index has no variant for the node's OS and architecture: an amd64-only image on an arm64 node, or a Linux image on a Windows node."
        }
        C::DiskFull => {
            "The runtime could not store or unpack a layer: the node's image filesystem is full (no space left on device), or a layer could not be extracted. Image garbage collection starts at 85 % disk use and can come too late for one large pull."
        }
        C::UnsupportedContent => {
            "The runtime refuses the image's format: a Docker schema-1 manifest (containerd 2.0 and later refuse them) or a manifest over the runtime's size limit."
        }
        C::ShortName => {
            "CRI-O resolves a name without a registry through registries.conf: in enforcing short-name mode several unqualified-search registries make the name ambiguous, and without search registries it does not resolve at all."
        }
        C::SignatureRejected => {
            "The node's signature policy rejected the image (CRI-O's policy.json, or a containerd image verifier): no signature, or one that does not satisfy the policy."
        }
        C::NoCredentials => {
            "The pull carried no credentials for this registry: an image pull secret the pod names does not exist, no secret matches the registry host, or a credential-provider plugin failed (its error is only in the kubelet's log), so the registry was asked anonymously."
        }
        C::KubeletLocal => {
            "The kubelet refused to start the pull itself: its registry pull limiter (registryPullQPS 5, registryBurst 10 by default) was exhausted. No registry was contacted."
        }
        C::RegistryServerError => {
            "The registry, or a proxy in front of it, failed with a server error (5xx). This is usually transient; the kubelet keeps retrying."
        }
        C::NeverPull => {
            "With imagePullPolicy: Never the kubelet never pulls: the image must already be in this node's container runtime. From Kubernetes 1.35 (KubeletEnsureSecretPulledImages) the same error also means the image is present but was pulled by the kubelet with credentials this pod may not use."
        }
        C::InvalidName => {
            "The image reference does not parse (distribution/reference), so the kubelet never asks the runtime. The API server accepts such names; only the kubelet rejects them."
        }
        C::InspectError => {
            "The runtime failed to inspect the image on the node, in the presence check before a pull. From Kubernetes 1.33 the kubelet makes this check only under IfNotPresent and Never."
        }
        C::Unknown => {
            "The evidence names the waiting reason but not the runtime's error, or an error this tool does not recognise."
        }
    }
}

/// What [`fix`] needs.
#[derive(Debug, Clone)]
pub(crate) struct FixContext<'a> {
    pub class: FailureClass,
    pub image: Option<&'a str>,
    pub policy: Option<PullPolicy>,
    pub reason: &'a str,
    pub runtime: Runtime,
    pub architecture: Option<&'a str>,
    pub present_elsewhere: Vec<&'a str>,
    /// The pod's own node lists the image.
    pub present_here: bool,
    pub secrets: Option<&'a str>,
}

/// What to do, in one paragraph.
pub(crate) fn fix(f: &FixContext<'_>) -> String {
    use FailureClass as C;
    let mut s = String::from(match f.class {
        C::NotFound => {
            "Use a tag or digest that exists in that repository (check the registry's tag list), or push the missing tag."
        }
        C::AccessDenied => {
            "Check the repository's spelling first. For a private repository, add an imagePullSecrets entry (or one on the pod's service account) with credentials for this registry host, in the pod's namespace; or make the repository public."
        }
        C::BadCredentials => {
            "Renew the pull secret or token; grant the node's identity (or the credential provider's role) pull rights on the registry; check the credential-provider plugin's configuration (matchImages)."
        }
        C::Forbidden => {
            "Change the registry's network rules (firewall, private endpoint) or the repository/IAM policy so that this node's network and identity may pull; it is not a Kubernetes setting."
        }
        C::RateLimited => {
            "Authenticate the pulls (imagePullSecrets with a registry account), use a mirror or pull-through cache, or pin images by digest with imagePullPolicy: IfNotPresent so that cached images cost no request."
        }
        C::TlsUntrusted => {
            "Install the registry's CA for the container runtime (containerd: hosts.toml `ca`; CRI-O and Docker: /etc/containers/certs.d/<host>/ or /etc/docker/certs.d/<host>/ca.crt) and restart the runtime; or serve a certificate for the registry's name."
        }
        C::HttpRegistry => {
            "Declare the registry as plain HTTP for the runtime (containerd hosts.toml `server = \"http://<host>\"`; CRI-O `insecure = true` in registries.conf), or serve TLS."
        }
        C::Dns => {
            "Check the registry host name for a typo; fix the node's DNS (resolv.conf, systemd-resolved, private zones linked to the node's network)."
        }
        C::Network => {
            "Allow egress from the nodes to the registry's address and port (or configure a proxy for the container runtime), and check that the registry is up and listening there."
        }
        C::PullCancelled => {
            "Raise the runtime's progress timeout (containerd image_pull_progress_timeout), use a closer mirror, shrink the image, or pre-pull it."
        }
        C::PlatformMismatch => {
            "Publish a multi-platform image, or run the pod on nodes of a platform the image has (nodeSelector kubernetes.io/arch or kubernetes.io/os)."
        }
        C::DiskFull => {
            "Free space on the node's image filesystem or give the node a larger disk; lower imageGCHighThresholdPercent so garbage collection starts earlier; use smaller images."
        }
        C::UnsupportedContent => {
            "Rebuild and push the image with a current builder (an OCI or Docker schema-2 manifest)."
        }
        C::ShortName => {
            "Write the fully qualified image name (for example docker.io/library/alpine:3.20), or add a short-name alias to registries.conf on the nodes."
        }
        C::SignatureRejected => {
            "Sign the image, or change the signature policy for this registry or namespace."
        }
        C::NoCredentials => {
            "Create the missing pull secret in the pod's namespace, or add an imagePullSecrets entry for this registry host; attach the registry to the cluster's identity; check the kubelet's log for credential-provider errors."
        }
        C::KubeletLocal => {
            "Raise registryPullQPS and registryBurst in the kubelet configuration, or avoid needless pulls: imagePullPolicy IfNotPresent, or a digest instead of :latest."
        }
        C::RegistryServerError => {
            "Wait for the kubelet's next attempt; check the registry's or the proxy's health."
        }
        C::NeverPull => {
            "Load the image into the container runtime of every node that may run the pod (kind load, `ctr -n k8s.io images import`; k3s and RKE2 use their own containerd, not Docker), or set imagePullPolicy: IfNotPresent."
        }
        C::InvalidName => {
            "Fix the image field: a lower-case repository, at most one tag after the last '/', a digest written @sha256:<64 hex digits>."
        }
        C::InspectError => "Read the container runtime's log on the node for the inspect error.",
        C::Unknown => {
            "Get the pod's events (kubectl get events --field-selector involvedObject.name=<pod>) or the container runtime's log on the node (journalctl -u containerd, or -u crio) for the error text."
        }
    });
    if f.class == C::NoCredentials
        && let Some(names) = f.secrets
    {
        let _ = write!(
            s,
            " The pod names the pull secret(s) {names}, which the kubelet could not read."
        );
    }
    if f.class == C::PlatformMismatch
        && let Some(arch) = f.architecture
    {
        let _ = write!(s, " The pod's node is {arch}.");
    }
    if f.class == C::ShortName
        && f.runtime == Runtime::CriO
        && f.reason == super::facts::IMAGE_INSPECT_ERROR
    {
        s.push_str(" Under IfNotPresent or Never the failure shows in the presence check (ImageInspectError).");
    }
    let pulls_needlessly = matches!(f.policy, Some(PullPolicy::Always))
        && !matches!(f.class, C::InvalidName | C::NeverPull);
    if f.present_here && pulls_needlessly {
        s.push_str(" The pod's node already holds this image: with imagePullPolicy IfNotPresent the container would start from it without asking the registry.");
    }
    if !f.present_elsewhere.is_empty()
        && matches!(f.policy, Some(PullPolicy::Always))
        && !matches!(f.class, C::InvalidName | C::NeverPull)
    {
        let _ = write!(
            s,
            " Node(s) {} already hold this image: with imagePullPolicy IfNotPresent a pod there would start from that copy.",
            f.present_elsewhere.join(", ")
        );
    }
    if let Some(image) = f.image
        && f.class == C::NotFound
        && image.contains(":latest")
        && f.policy == Some(PullPolicy::Always)
    {
        s.push_str(" With :latest and Always a moved or deleted tag breaks every restart.");
    }
    s
}

/// Who a diagnosis is about.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Who<'a> {
    pub pod: Option<&'a str>,
    pub container: Option<&'a str>,
    pub image: Option<&'a str>,
}

fn who_text(w: &Who<'_>) -> String {
    match (w.container, w.pod, w.image) {
        (Some(c), Some(p), _) => format!("Container {c} of pod {p}"),
        (None, Some(p), Some(i)) => format!("Image {i} of pod {p}"),
        (None, Some(p), None) => format!("Pod {p}"),
        (Some(c), None, _) => format!("Container {c}"),
        (None, None, Some(i)) => format!("Image {i}"),
        (None, None, None) => "A pull".to_owned(),
    }
}

/// The diagnosis's main finding.
pub(crate) fn pull_failure(
    who: &Who<'_>,
    reason: &str,
    class: FailureClass,
    message: Option<&str>,
    fix: String,
) -> Text {
    let explanation = match message {
        Some(m) => text!(
            "{}\n\nThe error: {}",
            Prose::fixed(class_explanation(class)),
            m
        ),
        None => Prose::fixed(class_explanation(class)),
    };
    let faq = match class {
        FailureClass::NeverPull => FAQ_NEVER,
        FailureClass::InvalidName => FAQ_INVALID,
        FailureClass::Network | FailureClass::Dns | FailureClass::RegistryServerError => {
            FAQ_REGISTRY_DOWN
        }
        FailureClass::RateLimited => FAQ_RATE_LIMIT,
        FailureClass::AccessDenied | FailureClass::BadCredentials | FailureClass::NoCredentials => {
            FAQ_CREDENTIALS
        }
        FailureClass::PlatformMismatch => FAQ_PLATFORM,
        _ => FAQ_FAILURE,
    };
    let url = match class {
        FailureClass::InvalidName => IMAGE_NAMES,
        FailureClass::NeverPull => PRE_PULLED,
        _ => BACKOFF,
    };
    text(
        format!(
            "{}: {reason}: {} ({}).",
            who_text(who),
            class_title(class),
            class.id()
        ),
        explanation,
    )
    .fix(fix)
    .link(url)
    .faq(faq)
}

// ---------------------------------------------------------------------------------------
// The policy's part.

/// What [`policy_note`] needs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PolicyCx<'a> {
    pub effective: Option<PullPolicy>,
    pub source: PolicyEvidence,
    pub default: Option<PullPolicy>,
    pub not_always: bool,
    pub reason: &'a str,
    pub image: Option<&'a str>,
    /// The image parses (`ParseNormalizedNamed`).
    pub image_valid: bool,
    pub class: FailureClass,
}

/// The policy's part, in one paragraph.
pub(crate) fn policy_note(p: &PolicyCx<'_>) -> String {
    use FailureClass as C;
    let mut s = match (p.source, p.effective) {
        (PolicyEvidence::Written, Some(e)) => format!("The container's imagePullPolicy is {e}."),
        (PolicyEvidence::Log, Some(e)) => format!("The kubelet's log shows imagePullPolicy {e}."),
        (PolicyEvidence::NeverPullReason, _) => {
            "ErrImageNeverPull happens only with imagePullPolicy: Never.".to_owned()
        }
        (PolicyEvidence::DefaultIfUnset, Some(e)) => {
            let form = if e == PullPolicy::Always {
                "no tag or the tag latest"
            } else if p.image_valid {
                "a tag other than latest, or a digest"
            } else {
                "a reference that does not parse"
            };
            format!(
                "This evidence does not show the policy: for {} ({form}) the API server defaults it to {e}, unless the manifest sets another value.",
                p.image.unwrap_or("this image")
            )
        }
        _ if p.not_always => {
            "The policy is not shown, but the evidence proves it is not Always.".to_owned()
        }
        _ => "The evidence does not show the pull policy.".to_owned(),
    };
    let angle = match (p.class, p.effective) {
        (C::InvalidName, _) => {
            "The policy plays no part: the reference does not parse under any policy."
        }
        (C::NeverPull, _) => {
            "The kubelet never pulls under Never: the image must be preloaded on every node that may run the pod, and garbage collection may remove it again."
        }
        (C::RateLimited, Some(PullPolicy::Always)) => {
            "With Always every container start contacts the registry, so restarts and rollouts spend the quota; with IfNotPresent an image already on the node costs no registry request at all."
        }
        (C::RateLimited, Some(_)) => {
            "With IfNotPresent the kubelet pulled because the image was not on this node; every node without it spends quota once."
        }
        (C::KubeletLocal, Some(PullPolicy::Always)) => {
            "With Always every container start goes through the kubelet's pull limiter, so many pods starting at once exceed it; IfNotPresent (or a digest) avoids the pulls."
        }
        (
            C::Network
            | C::Dns
            | C::TlsUntrusted
            | C::HttpRegistry
            | C::RegistryServerError
            | C::PullCancelled
            | C::Forbidden,
            Some(PullPolicy::Always),
        ) => {
            "Always puts the registry in the path of every container start: a copy already on the node is not used when the registry cannot be reached. IfNotPresent would start from such a copy."
        }
        (C::NotFound, Some(PullPolicy::Always)) => {
            "With Always the registry is asked at every start, so a deleted or moved tag also breaks restarts of pods that ran before."
        }
        (
            C::AccessDenied | C::BadCredentials | C::NoCredentials,
            Some(PullPolicy::IfNotPresent | PullPolicy::Never),
        ) => {
            "Up to Kubernetes 1.34 a private image already on a node let IfNotPresent start without credentials; from 1.35 (KubeletEnsureSecretPulledImages) the kubelet re-verifies the credentials of images it pulled, so a pod without the secret fails where it used to start."
        }
        (C::AccessDenied | C::BadCredentials | C::NoCredentials, Some(PullPolicy::Always)) => {
            "With Always every container start needs working credentials."
        }
        (C::ShortName, Some(PullPolicy::Always)) => {
            "Under Always the failure happens in the pull (ErrImagePull); under IfNotPresent or Never it happens in the presence check (ImageInspectError)."
        }
        (C::ShortName, Some(_)) => {
            "Under IfNotPresent or Never the failure happens in the presence check (ImageInspectError, event InspectFailed); under Always it would happen in the pull."
        }
        (C::InspectError, _) => {
            "From Kubernetes 1.33 the kubelet inspects the image only under IfNotPresent and Never; before, under every policy."
        }
        (_, Some(PullPolicy::Always)) => "With Always the kubelet pulls at every container start.",
        (_, Some(PullPolicy::IfNotPresent)) => {
            "With IfNotPresent the kubelet pulls only when the image is not on the node: it was not on this one."
        }
        _ => "",
    };
    if !angle.is_empty() {
        s.push(' ');
        s.push_str(angle);
    }
    if p.reason == super::facts::IMAGE_INSPECT_ERROR && p.effective == Some(PullPolicy::Always) {
        s.push_str(" An ImageInspectError under Always comes from a kubelet older than 1.33.");
    }
    let _ = p.default;
    s
}

/// Whether the policy changed the outcome (a cause, not only context): `Always` with a
/// failure that a copy on the node would have avoided, or `Never`.
pub(crate) fn policy_is_a_cause(class: FailureClass, effective: Option<PullPolicy>) -> bool {
    use FailureClass as C;
    match effective {
        Some(PullPolicy::Always) => matches!(
            class,
            C::RateLimited
                | C::KubeletLocal
                | C::Network
                | C::Dns
                | C::TlsUntrusted
                | C::HttpRegistry
                | C::RegistryServerError
                | C::PullCancelled
                | C::Forbidden
                | C::NotFound
        ),
        Some(PullPolicy::Never) => class == C::NeverPull,
        _ => false,
    }
}

/// The policy finding (`class`: the failure's, for the FAQ it points to).
pub(crate) fn policy_finding(p: &super::types::PolicyPart, class: FailureClass) -> Text {
    let message = match (p.effective, p.source) {
        (Some(e), PolicyEvidence::DefaultIfUnset) => {
            format!("imagePullPolicy: {e} by default (not shown in this evidence)")
        }
        (Some(e), _) => format!("imagePullPolicy: {e}"),
        (None, _) if p.not_always => "imagePullPolicy: not Always (not shown)".to_owned(),
        (None, _) => "imagePullPolicy: not shown".to_owned(),
    };
    text(message, p.note.clone())
        .link(if p.source == PolicyEvidence::DefaultIfUnset {
            DEFAULT_POLICY
        } else {
            PULL_POLICY
        })
        .faq(match (class, p.effective, p.source) {
            (
                FailureClass::RateLimited,
                Some(PullPolicy::Always),
                PolicyEvidence::DefaultIfUnset,
            ) => FAQ_RATE_LIMIT_DEFAULT,
            (FailureClass::RateLimited, Some(PullPolicy::Always), _) => FAQ_RATE_LIMIT,
            (_, _, PolicyEvidence::DefaultIfUnset) => FAQ_DEFAULT,
            _ => FAQ_BACKOFF,
        })
}

// ---------------------------------------------------------------------------------------
// Timeline.

fn seconds(n: u64) -> String {
    match n {
        0..120 => format!("{n} s"),
        120..7200 => format!("{} min", n / 60),
        _ => format!("{} h", n / 3600),
    }
}

fn range(min: u64, max: u64) -> String {
    if min == max || seconds(min) == seconds(max) {
        seconds(min)
    } else {
        format!("{}–{}", seconds(min), seconds(max))
    }
}

const BACKOFF_RULE: &str = "The kubelet waits 10 s after a failed pull and doubles the wait after each further failure, up to 300 s (a gap of more than 10 minutes without failures starts again at 10 s); it retries at the pod's next sync, 10–15 s after a refused one. ErrImagePull and ImagePullBackOff alternate: the first means the last attempt failed moments before, the second that the kubelet is waiting out the back-off. After a fix the next attempt comes within about 315 s; deleting the pod (a new pod UID) retries at once.";

/// The timeline finding.
pub(crate) fn timeline(t: &Timeline) -> Text {
    if t.no_back_off {
        let message = format!(
            "{} failure event(s); no back-off applies: the kubelet reports this at every pod sync (every 10–15 s).",
            t.failures
        );
        return text(message, BACKOFF_RULE).link(BACKOFF).faq(FAQ_BACKOFF);
    }
    let mut s = format!(
        "{}{} failed pull(s)",
        if t.failures_lower_bound {
            "at least "
        } else {
            ""
        },
        t.failures
    );
    if let Some(span) = t.span_seconds.filter(|_| t.failures > 1) {
        let _ = write!(s, " over {}", range(span.min, span.max));
    }
    let _ = write!(s, "; back-off window now {} s", t.window_seconds);
    if let Some(n) = t.next_attempt_seconds {
        if n.max < 0 {
            s.push_str("; the next attempt was already due when the evidence was taken");
        } else {
            let _ = write!(
                s,
                "; next attempt about {} after the evidence was taken",
                range(n.min.max(0).unsigned_abs(), n.max.unsigned_abs())
            );
        }
    }
    if let Some(f) = t.failing_for_seconds {
        let _ = write!(s, "; failing for {}", range(f.min, f.max));
    }
    if let Some(h) = t.attempts_per_hour {
        let _ = write!(s, "; about {h} attempts an hour now");
    }
    s.push('.');
    let mut explanation = String::from(BACKOFF_RULE);
    let span = match t.span {
        SpanVerdict::Consistent => format!(
            " The span of the failures fits the back-off ({} failures need at least {} s).",
            t.failures, t.minimal_span_seconds
        ),
        SpanVerdict::Longer => format!(
            " The failures span longer than the back-off alone explains ({} s minimum): the attempts themselves took time (timeouts), or the kubelet did not sync the pod for a while, or a gap over 10 minutes reset the back-off.",
            t.minimal_span_seconds
        ),
        SpanVerdict::Impossible => format!(
            " The failures span less than the back-off allows for one pod ({} s): two pods with one name, or clock skew.",
            t.minimal_span_seconds
        ),
        SpanVerdict::Unknown => String::new(),
    };
    explanation.push_str(&span);
    text(s, explanation).link(BACKOFF).faq(FAQ_BACKOFF)
}

/// Counters that stopped advancing.
pub(crate) fn stale_counters(t: &Timeline) -> Text {
    let mut s = format!(
        "The failure count ({}) stopped advancing although the next attempt was due: it is a lower bound.",
        t.failures
    );
    if let Some(e) = t.expected_failures {
        let _ = write!(s, " The back-off allows about {e} failures by then.");
    }
    text(
        s,
        "The kubelet's event recorder lets about 25 events of one type per pod through, then one per 5 minutes (client-go's spam filter), and events expire after an hour (--event-ttl): the series that happened to fire last (usually Error: ImagePullBackOff) stays current while the others stop. The failure is still ongoing.",
    )
    .link(BACKOFF)
}

// ---------------------------------------------------------------------------------------
// Nodes.

/// The presence finding for one node.
pub(crate) fn presence(
    node: &str,
    present: Presence,
    why: PresenceWhy,
    pod_node: bool,
    matched: Option<&str>,
    policy: Option<PullPolicy>,
) -> Text {
    let whose = if pod_node { " (the pod's node)" } else { "" };
    let message = match present {
        Presence::Yes => format!(
            "Node {node}{whose} has the image ({}).",
            matched.unwrap_or("")
        ),
        Presence::No => format!("Node {node}{whose} does not have the image."),
        Presence::Maybe => format!(
            "Node {node}{whose} does not list the image, but its list is at the kubelet's cap of 50 images."
        ),
        Presence::Unknown => format!("Node {node}{whose}: the image list cannot tell."),
    };
    let mut explanation = String::from(match why {
        PresenceWhy::Matched => {
            "A name in the node's status.images matches the image as the kubelet asks for it (normalized; :latest when it has no tag; the digest when it has one)."
        }
        PresenceWhy::NotListed => {
            "No name in the node's status.images matches the image as the kubelet asks for it, and the list is complete. The list lags the runtime by up to about 40 s."
        }
        PresenceWhy::ListAtCap => {
            "The kubelet reports at most 50 images (nodeStatusMaxImages), the largest first: a smaller image can be on the node without being listed."
        }
        PresenceWhy::NamesCut => {
            "An image of the same repository lists exactly 5 names, the most the kubelet reports per image: the matching name may have been cut."
        }
        PresenceWhy::CrioShortName => {
            "CRI-O resolves names without a registry through registries.conf, so the docker.io name is only one candidate for this image."
        }
        PresenceWhy::NoImageList => "The node object has no status.images.",
        PresenceWhy::InvalidImage => {
            "The image reference does not parse, so it cannot be looked up."
        }
    });
    match (present, policy, pod_node) {
        (Presence::Yes, Some(PullPolicy::Always), _) => explanation.push_str(
            " Under Always the kubelet pulls anyway; IfNotPresent would use this copy.",
        ),
        (Presence::Yes, Some(PullPolicy::IfNotPresent), true) => explanation.push_str(
            " Under IfNotPresent the kubelet should not pull here: the list is stale, the pod ran on another node, the image string differs, or (from Kubernetes 1.35) the kubelet re-verifies the pod's credentials.",
        ),
        (Presence::Yes, Some(PullPolicy::IfNotPresent | PullPolicy::Never), false) => explanation
            .push_str(" A pod with IfNotPresent or Never scheduled there would use this copy."),
        (Presence::No, Some(PullPolicy::Never), _) => explanation.push_str(
            " Under Never a pod scheduled there fails with ErrImageNeverPull.",
        ),
        _ => {}
    }
    text(message, explanation)
        .link(PRE_PULLED)
        .faq(FAQ_ONE_NODE)
}

// ---------------------------------------------------------------------------------------
// Hints.

pub(crate) fn docker_hub_ambiguity(path: &str) -> Text {
    text(
        format!("Docker Hub: check that the repository {path} exists and is spelt right."),
        "Docker Hub answers a repository that does not exist exactly as a private one (401 insufficient_scope, \"pull access denied\"): a typo in the name is the most common cause.",
    )
    .link(IMAGE_NAMES)
}

pub(crate) fn double_tag(image: &str) -> Text {
    text(
        format!("{image} has more than one tag after its last '/': a tag appended twice (a template or Helm value concatenation)."),
        "A reference has at most one ':' after its last '/' (before an optional @digest).",
    )
    .link(IMAGE_NAMES)
    .faq(FAQ_INVALID)
}

pub(crate) fn empty_registry_host(image: &str) -> Text {
    text(
        format!(
            "{image} starts with '/': the registry host is empty (a template variable was empty)."
        ),
        "A reference starts with a registry host or a repository name, never with '/'.",
    )
    .link(IMAGE_NAMES)
    .faq(FAQ_INVALID)
}

pub(crate) fn manifest_unknown_ambiguity() -> Text {
    text(
        "\"manifest unknown\": check the credentials too.".to_owned(),
        "Some registries answer \"manifest unknown\" to clients without access instead of \"denied\"; CRI-O also reads its credentials from its own configuration (global_auth_file), which the kubelet's pull secrets do not replace. Check the tag and the credentials.",
    )
}

pub(crate) fn combined_events() -> Text {
    text(
        "The failure text varied between attempts (\"combined from similar events\"): the error is intermittent or differs per registry endpoint.".to_owned(),
        "client-go's event aggregator replaces events of one reason with one \"(combined from similar events)\" event after 10 distinct messages within 10 minutes; its count sums them all and its text is the latest only. Read the class, not one address or request id.",
    )
}

pub(crate) fn pull_secret_missing(names: &str) -> Text {
    text(
        format!("The kubelet could not read the pod's image pull secret(s): {names}."),
        "The kubelet's FailedToRetrieveImagePullSecret event: the secret does not exist in the pod's namespace, or is mistyped. The pull goes on without those credentials.",
    )
    .faq(FAQ_PRIVATE)
}

pub(crate) fn progress_timeout(d: &str) -> Text {
    text(
        format!(
            "containerd cancelled the pull after {d} without progress: its image_pull_progress_timeout was lowered from the 5m0s default."
        ),
        "containerd cancels a pull that makes no progress for image_pull_progress_timeout (5m0s by default) and returns \"context canceled\".",
    )
}

pub(crate) fn embedded_runtime(dist: &str, class: FailureClass) -> Text {
    let tail = if class == FailureClass::NeverPull {
        " An image in Docker's store (docker images) is not in this containerd: import it into the distribution's containerd."
    } else {
        ""
    };
    text(
        format!("The node runs {dist}'s own containerd.{tail}"),
        "k3s and RKE2 embed containerd with its own socket and data directory (/var/lib/rancher/…): tools and images of a separately installed Docker or containerd do not reach it.",
    )
}

pub(crate) fn runtime_mismatch(text_runtime: Runtime, node_version: &str, node: &str) -> Text {
    text(
        format!(
            "The error text is {}'s, but node {node} reports {node_version}.",
            text_runtime.id()
        ),
        "The node object may not be the pod's node, or the evidence comes from different times.",
    )
}

pub(crate) fn runtime_version_mismatch(node_version: &str, band: &VersionBand) -> Text {
    text(
        format!(
            "The node reports {node_version}, but the error text is that of {}.",
            band_text(band)
        ),
        "The runtime's wording changed between versions; a mismatch means the node object is not the pod's node, the runtime was upgraded since, or a distribution backported the change.",
    )
}

pub(crate) fn node_architecture(node: &str, arch: Option<&str>, os: Option<&str>) -> Text {
    text(
        format!(
            "Node {node} is {}/{}: the image has no variant for it.",
            os.unwrap_or("?"),
            arch.unwrap_or("?")
        ),
        "Compare with the platforms the image's index lists (docker buildx imagetools inspect <image>).",
    )
    .faq(FAQ_ONE_NODE)
}

pub(crate) fn disk_pressure(node: &str, class: FailureClass) -> Text {
    let tail = if class == FailureClass::DiskFull {
        " That is the failure's cause."
    } else {
        ""
    };
    text(
        format!("Node {node} reports DiskPressure.{tail}"),
        "The kubelet's DiskPressure condition: the node's filesystems are nearly full; image garbage collection and evictions follow.",
    )
}

pub(crate) fn no_failure_text(reason: &str, pod_known: bool) -> Text {
    let how = if pod_known {
        "kubectl get events --field-selector involvedObject.name=<pod>, or kubectl get pod <pod> -o yaml (from kubelet 1.32 the waiting message carries the last error)"
    } else {
        "the pod's events or its status"
    };
    text(
        format!("{reason} without the runtime's error text: paste {how}."),
        "kubectl describe never prints the waiting message, and events expire after an hour; kubelets before 1.32 put only \"Back-off pulling image\" in the ImagePullBackOff message.",
    )
    .link(BACKOFF)
}

pub(crate) fn image_volume_pull() -> Text {
    text(
        "The failing image is no container's: an image volume (spec.volumes[].image).".to_owned(),
        "Image volumes are pulled before the pod's containers start, with the same texts as a container's pull.",
    )
    .link(IMAGE_VOLUMES)
}

/// A version band in words: `≥ 1.28`, `< 1.28`, `≥ 2.1 and < 2.2`.
pub(crate) fn band_text(b: &VersionBand) -> String {
    let s = match (&b.at_least, &b.below) {
        (Some(a), Some(c)) => format!("≥ {a} and < {c}"),
        (Some(a), None) => format!("≥ {a}"),
        (None, Some(c)) => format!("< {c}"),
        (None, None) => "any version".to_owned(),
    };
    if b.conflicting {
        format!("{s} (conflicting evidence)")
    } else {
        s
    }
}

pub(crate) fn versions_read(
    kubelet: &VersionBand,
    kubelet_markers: &[Marker],
    runtime: &RuntimeInfo,
) -> Text {
    let mut s = String::from("Read from the evidence:");
    if !kubelet_markers.is_empty() {
        let _ = write!(s, " kubelet {};", band_text(kubelet));
    }
    if runtime.name != Runtime::Unknown {
        let _ = write!(s, " {} {}", runtime.name.id(), band_text(&runtime.band));
        match runtime.pull_path {
            Some(super::types::PullPath::TransferService) => s.push_str(" (transfer service)"),
            Some(super::types::PullPath::ClientPull) => s.push_str(" (client pull path)"),
            None => {}
        }
        s.push(';');
    }
    s.pop();
    s.push('.');
    let mut explanation: Option<Prose> = None;
    for mk in kubelet_markers.iter().chain(&runtime.markers) {
        let line = Prose::fixed(marker_meaning(*mk));
        explanation = Some(match explanation {
            None => text!("- {}", line),
            Some(e) => text!("{}\n- {}", e, line),
        });
    }
    text(s, explanation.unwrap_or_else(|| Prose::fixed("")))
}

/// What a marker tells.
pub(crate) fn marker_meaning(m: Marker) -> &'static str {
    use Marker as M;
    match m {
        M::ContainerdUnpack => {
            "`failed to pull and unpack image \"<ref>\"`: containerd's CRI plugin, every version."
        }
        M::ContainerdResolveReference => {
            "`failed to resolve reference \"<ref>\"`: containerd's client pull path (1.x, 2.0, or 2.1+ with the local pull path)."
        }
        M::ContainerdResolveImage => {
            "`failed to resolve image:`: containerd 2.1 or later, transfer service."
        }
        M::ContainerdStatusNoMethod => {
            "`unexpected status: <code>` without method and URL: containerd before 1.7."
        }
        M::ContainerdStatusWithMethod => {
            "`unexpected status from <METHOD> request to`: containerd 1.7 or later."
        }
        M::ContainerdFetcherStatusCode => {
            "`unexpected status code <url>`: containerd 2.1 or earlier."
        }
        M::ContainerdFetcherJoinedBody => {
            "The registry's errors on a line of their own: containerd 2.2 or later."
        }
        M::ContainerdSchema1Refused => "Schema-1 manifests refused: containerd 2.0 or later.",
        M::ContainerdSnapshotterUnpack => {
            "`failed to unpack image on snapshotter`: containerd 2.x."
        }
        M::ContainerdRedacted => "`[REDACTED]` query values: containerd 2.3 or later.",
        M::ContainerdText => "A text only containerd writes.",
        M::CrioImageLibrary => "A containers/image text: CRI-O.",
        M::CrioOldWording => {
            "Capitalised containers/image wording (`Error reading manifest`): CRI-O of about 1.20 and earlier."
        }
        M::CrioShortName => "Short-name resolution: CRI-O (enforcing by default from 1.34).",
        M::CrioArtifact133 => "`unable to try pulling possible OCI artifact`: CRI-O 1.33.",
        M::CrioArtifact134 => "`unable to pull image or OCI artifact`: CRI-O 1.34 or later.",
        M::CrioUnablePull136 => "`unable to pull image:` on a network error: CRI-O 1.36 or later.",
        M::CrioErrorPrefix => {
            "A `SignatureValidationFailed`/`RegistryUnavailable` CRI error: CRI-O 1.28 or later."
        }
        M::DockerDaemon => {
            "A Docker Engine text: dockershim (kubelet 1.23 or earlier) or cri-dockerd."
        }
        M::NodeRuntimeVersion => "The node's containerRuntimeVersion.",
        M::KubeletUnknownCodeKept => {
            "`rpc error: code = Unknown desc =` kept on a pull error: kubelet 1.27 or earlier."
        }
        M::KubeletBackoffWithError => {
            "The back-off message carries the last error: kubelet 1.32 or later."
        }
        M::KubeletInspectEmptyRef => "`Failed to inspect image \"\"`: kubelet 1.33 or later.",
        M::KubeletInspectImageRef => {
            "`Failed to inspect image \"<image>\"`: kubelet 1.32 or earlier."
        }
        M::KubeletParseReference => "`couldn't parse image reference`: kubelet 1.27 or earlier.",
        M::KubeletParseNameQuoted => {
            "`couldn't parse image name \"<image>\"`: kubelet 1.28 or later."
        }
        M::KubeletCanBeAccessed => {
            "`… and can be accessed by the pod`: kubelet 1.33 or later (by default from 1.35)."
        }
        M::KubeletReportingComponent => "`reportingComponent: kubelet`: kubelet 1.28 or later.",
        M::KubeletNoReportingComponent => {
            "An empty `reportingComponent` on a kubelet event: kubelet 1.27 or earlier."
        }
        M::KubeletLowercasePulling => {
            "Lower-case `pulling image`: a kubelet of the 1.11 era or older."
        }
        M::KubeletCriErrorReasons => {
            "`RegistryUnavailable`/`SignatureValidationFailed` reasons: kubelet 1.28 or later."
        }
        M::KubeletInspectUnderAlways => "ImageInspectError under Always: kubelet 1.32 or earlier.",
        M::NodeKubeletVersion => "The node's kubeletVersion.",
        M::KubectlFieldPathPrefix => {
            "Messages prefixed `spec.containers{<name>}: `: kubectl 1.35 or later."
        }
        M::KubectlSourceWithHost => "`From` as `kubelet, <node>`: kubectl 1.19 or earlier.",
        M::KubectlLegacyLayout => {
            "The legacy columns (`FirstSeen LastSeen Count From SubobjectPath`): kubectl of about 1.9 and earlier."
        }
    }
}

// ---------------------------------------------------------------------------------------
// Pods.

fn state_text(c: &ContainerState) -> String {
    match (c.state, c.reason.as_deref()) {
        (StateKind::Running, _) => "running".to_owned(),
        (StateKind::Terminated, Some(r)) => format!("terminated ({r})"),
        (StateKind::Terminated, None) => "terminated".to_owned(),
        (StateKind::Waiting, Some("ContainerCreating")) => {
            "waiting (ContainerCreating: no container yet; a pull may be in progress)".to_owned()
        }
        (StateKind::Waiting, Some("PodInitializing")) => {
            "waiting (PodInitializing: init containers run first)".to_owned()
        }
        (StateKind::Waiting, Some("CrashLoopBackOff")) => {
            "waiting (CrashLoopBackOff: the image was pulled; the container itself keeps failing)"
                .to_owned()
        }
        (StateKind::Waiting, Some(r)) => format!("waiting ({r})"),
        (StateKind::Waiting, None) => "waiting".to_owned(),
        (StateKind::Unknown, _) => "not shown".to_owned(),
    }
}

/// A pod's verdict in one sentence.
pub(crate) fn pod_message(
    verdict: PodVerdict,
    containers: &[ContainerState],
    phase: Option<&str>,
    recovered: Option<u64>,
) -> String {
    let states: Vec<String> = containers
        .iter()
        .filter(|c| c.state != StateKind::Unknown)
        .map(|c| {
            let name = if c.name.is_empty() {
                "the container"
            } else {
                &c.name
            };
            format!("{name} is {}", state_text(c))
        })
        .collect();
    let mut s = match verdict {
        PodVerdict::PullProblem => {
            let failing: Vec<String> = containers
                .iter()
                .filter(|c| {
                    c.reason
                        .as_deref()
                        .is_some_and(super::facts::is_pull_reason)
                })
                .map(|c| {
                    let name = if c.name.is_empty() {
                        "the container"
                    } else {
                        &c.name
                    };
                    format!("{name} ({})", c.reason.as_deref().unwrap_or(""))
                })
                .collect();
            if failing.is_empty() {
                "Pull problem: see its diagnosis.".to_owned()
            } else {
                format!("Pull problem: {}.", failing.join(", "))
            }
        }
        PodVerdict::NoPullProblem if states.is_empty() => match phase {
            Some(p) => format!("No pull problem shown: the pod is {p}."),
            None => "No pull problem shown.".to_owned(),
        },
        PodVerdict::NoPullProblem => format!("No pull problem: {}.", states.join("; ")),
        PodVerdict::NoEvidence => {
            "No failure in the evidence: a pull is in progress or succeeded.".to_owned()
        }
    };
    if let Some(n) = recovered
        && verdict != PodVerdict::PullProblem
    {
        let _ = write!(
            s,
            " The events show {n} earlier pull failure event(s); they have stopped."
        );
    }
    s
}

// ---------------------------------------------------------------------------------------
// The paste as a whole.

pub(crate) fn no_evidence(empty: bool) -> Text {
    let message = if empty {
        "Nothing to diagnose: the text is empty."
    } else {
        "No pull evidence found: paste kubectl describe pod output, kubectl get pod -o yaml, kubectl get events, or a Node object."
    };
    text(
        message.to_owned(),
        "The diagnosis reads describe output, Pod objects with status, events (tables or objects), Node objects, and kubelet or runtime messages.",
    )
}

pub(crate) fn version_skew(image: &str, variants: usize) -> Text {
    text(
        format!("{image} runs as {variants} different images across pods: the tag moved between pulls."),
        "With IfNotPresent each node keeps whatever the tag meant when that node pulled it, so pods on different nodes run different code.",
    )
    .fix("Pin the image by digest (name@sha256:…), or use a new tag for every release.".to_owned())
    .link(PULL_POLICY)
    .faq(FAQ_SKEW)
}

pub(crate) fn unreadable(message: &str) -> Text {
    text(
        format!("This YAML or JSON could not be read: {message}."),
        "The rest of the paste is still read.",
    )
}

pub(crate) fn unreadable_rest() -> Text {
    text(
        "The YAML or JSON object is not complete here: the lines from here on are read as other formats.".to_owned(),
        "What was read before this line is kept.",
    )
}

pub(crate) fn bad_rows(n: usize) -> Text {
    let message = if n == 1 {
        "A line of an events table could not be read as a row.".to_owned()
    } else {
        format!("{n} lines of an events table could not be read as rows (the first is here).")
    };
    text(
        message,
        "A row starts with its type (Normal or Warning) and reason; the line was skipped.",
    )
}

pub(crate) fn joined_box() -> Text {
    text(
        "Lines wrapped by k9s were joined; where a word was cut the join may be off.".to_owned(),
        "k9s breaks long rows inside its box at the screen's width, also inside words; joining them back cannot be exact.",
    )
}

pub(crate) fn describe_not_a_pod() -> Text {
    text(
        "This describe output is not a pod's (no Containers: section).".to_owned(),
        "The diagnosis reads kubectl describe pod output; its events are still read.",
    )
}

pub(crate) fn manifest(kind: Option<&str>, name: Option<&str>) -> Text {
    let what = match (kind, name) {
        (Some(k), Some(n)) => format!("{k} {n}"),
        (Some(k), None) => k.to_owned(),
        (None, Some(n)) => n.to_owned(),
        (None, None) => "This object".to_owned(),
    };
    text(
        format!("{what} is a manifest without status: not evidence of a pull. The policy explainer reads it."),
        "A manifest says what should run; evidence of a pull failure is the pod's status, its events and its node.",
    )
    .link(PULL_POLICY)
}

pub(crate) fn unrecognized() -> Text {
    text(
        "Nothing in this text was recognised.".to_owned(),
        "The diagnosis reads describe output, events tables, YAML or JSON objects, and kubelet or runtime messages.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_and_faq_ids_exist() {
        for url in USED_LINKS {
            assert_eq!(link(url), [url], "{url} is not in crate::LINKS");
        }
        for id in USED_FAQ {
            assert!(crate::faq::entry(id).is_some(), "{id} is not an FAQ entry");
        }
    }

    #[test]
    fn every_class_has_words() {
        for c in FailureClass::ALL {
            assert!(!class_title(c).is_empty());
            assert!(class_explanation(c).ends_with('.'));
        }
    }
}
