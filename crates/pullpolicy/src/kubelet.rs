//! The node simulation: what the kubelet does with each image-bearing entry when the
//! container starts, given the node's image store, the registry, the credentials and
//! the cluster's settings (project spec `kubernetes-pull-semantics.md` §4, §5, §6, §9).
//!
//! [`crate::explain`] fills [`crate::Entry::outcome`] for every entry of every
//! document, after all documents are read. The model, step by step:
//!
//! 1. **Does the entry reach a node?** Not when the API server rejects the object
//!    (`policy.effective == None`), when the image is empty (a Pod without an image is
//!    rejected), or for an image volume while the `ImageVolume` gate is off (the API
//!    server does not serve the volume source, spec §1.6). Such entries still get an
//!    [`Outcome`], with [`Outcome::reaches_node`] false and nothing pulled or started.
//! 2. **Start order** (spec §4.1): image volumes are pulled once per Pod, before any
//!    container (the simulation shows this first start; up to 1.36 the kubelet repeats an
//!    image volume's step at every sync, from 1.37 only when it starts a container,
//!    kubernetes#138655: the explanation says so, [`crate::KubeVersion::image_volumes_ensured_only_at_container_start`]);
//!    then init containers (and sidecars) one at a time, in order; then the
//!    regular containers, one at a time. An init container whose image step fails
//!    blocks every later init container and every regular container
//!    ([`Outcome::blocked_by`]). *Inference, not in the spec:* a failed image volume
//!    blocks every container (the spec says volumes are pulled before containers
//!    start, not what a failure does); image volumes do not block each other; regular
//!    containers do not block each other (the spec says they start one at a time, not
//!    that one failure stops the rest). Ephemeral containers are added to a running Pod
//!    later and are never blocked.
//! 3. **The node's store changes within a Pod** (inference from spec §4.3, §4.9):
//!    presence is per reference string, so once an entry pulled an image, a later
//!    entry of the same Pod with the same reference finds it present (kubelet-pulled,
//!    current content). A failed pull puts the raw image string in back-off for the
//!    whole Pod (the back-off key is `<podUID>_<image>`), so a later entry of the
//!    same Pod with the same string gets `ImagePullBackOff` without pulling.
//! 4. **`EnsureImageExists`** for one entry (spec §4.3; ≤ 1.32: §4.10):
//!    `applyDefaultImageTag` (a name that does not parse → `InvalidImageName`, no
//!    registry, whatever the policy); `Always` pulls without looking at the node
//!    (≤ 1.32 it looks first, then pulls anyway: same events); `IfNotPresent` and
//!    `Never` look for the reference on the node; absent + `Never` →
//!    `ErrImageNeverPull`; present → the node's copy, unless the KEP-2535 check
//!    ([`CredentialCheck`]) says the Pod must authenticate (`IfNotPresent` pulls again,
//!    `Never` fails as if the image were absent). A pull fails, checked in this order
//!    (a modelling choice): registry unreachable, credentials missing, not found.
//! 5. **Scenario → records** (spec §6.3, §6.4): `present` and `stale` images were
//!    pulled by the kubelet, with records of the credentials used (`public` →
//!    `nodePodsAccessible`, `valid` → one of the Pod's secrets matches, `missing` → no
//!    match); `preloaded` images were not (no records), and are taken to hold the
//!    content the registry serves now.
//!
//! Wording of events and explanations lives in `messages/kubelet.rs`.

pub mod allowlist;
pub mod backoff;

use crate::messages::kubelet as text;
use crate::options::{CredentialVerification, Credentials, NodeImage, Options, Registry, Scenario};
use crate::reference;
use crate::report::{Document, Entry, PolicySource, PullPolicy, Role};
use serde::Serialize;
use std::collections::HashMap;

pub use crate::messages::kubelet::PLACEHOLDERS;

/// What happens on the node when the container starts (JSON `outcome`).
///
/// Every entry gets one; [`Outcome::reaches_node`] says whether the kubelet sees the
/// entry at all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    /// The entry gets to a node. False when the API server rejects the object, the
    /// image is empty, or the entry is an image volume with the `ImageVolume` gate off;
    /// then nothing below happens (no pull, no events, not started).
    pub reaches_node: bool,
    /// What the node, registry and credentials were for this image: the scenario, after
    /// per-image overrides and after earlier entries of the same Pod changed the node.
    pub conditions: Conditions,
    /// 1-based position in the Pod's start sequence (image volumes, init containers and
    /// sidecars in order, regular containers); `null` for ephemeral containers (added
    /// later, to a running Pod) and entries that do not reach a node.
    pub start_order: Option<usize>,
    /// The path of the entry whose failure keeps the kubelet from getting to this one (a
    /// failed image volume or an earlier init container). When set, nothing happens for
    /// this entry: no pull, no events, not started.
    pub blocked_by: Option<String>,
    /// The kubelet asks the runtime to pull (whether or not the pull succeeds).
    pub pulls: bool,
    /// The start depends on the registry: a pull request goes to it. Every pull in this
    /// model starts with a registry request (docs: the kubelet "queries the container
    /// image registry to resolve the name to an image digest"), so this equals
    /// [`Outcome::pulls`]; it is kept separate so consumers need not know that.
    pub contacts_registry: bool,
    /// What the runtime downloads.
    pub downloads: Downloads,
    /// The container can start: its image step succeeds. For an image volume: the
    /// volume's image is ready, so the Pod's containers can start.
    pub started: bool,
    /// Which content runs.
    pub runs: Runs,
    /// The container's `state.waiting.reason` once it settles (`ImagePullBackOff`
    /// after a failed pull, which alternates with `ErrImagePull` at each retry); `null`
    /// when the image step succeeds or is not reached. For an image volume: the error
    /// `EnsureImageExists` returns (the spec does not say where Kubernetes reports an
    /// image volume's failure in the Pod's status).
    pub waiting_reason: Option<WaitingReason>,
    /// The container's waiting states in order, each with `state.waiting.message`
    /// (spec §4.1: the message `EnsureImageExists` returns).
    pub waiting: Vec<Waiting>,
    /// The kubelet's events for the image, in order, as `kubectl describe pod` lists
    /// them: the first round only (after a failed pull: up to the first back-off).
    /// Only image events are listed (the spec gives no wording for `Created` or
    /// `Started`).
    pub events: Vec<Event>,
    /// The retry schedule, when the pull fails.
    pub backoff: Option<Backoff>,
    /// The KEP-2535 credential check (`KubeletEnsureSecretPulledImages`), when it runs:
    /// gate on, policy `IfNotPresent` or `Never`, image on the node.
    pub credential_check: Option<CredentialCheck>,
    /// What the AlwaysPullImages admission plugin did, when it is enabled.
    pub always_pull_images: Option<AlwaysPullImagesEffect>,
    /// The version-skew view: which content three nodes run after a rollout (see
    /// [`version_skew`]); empty for digest references, invalid names, blocked entries
    /// and entries that do not reach a node.
    pub nodes: Vec<NodeView>,
    /// The path taken, in plain language.
    pub explanation: String,
}

/// The node, registry and credentials one image met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Conditions {
    /// What the node held when the kubelet got to the entry.
    pub node_image: NodeImage,
    /// What the registry does.
    pub registry: Registry,
    /// Whether the image needs credentials and whether the pod has them.
    pub credentials: Credentials,
    /// The entry of the same Pod whose pull put the image on the node.
    pub pulled_earlier_by: Option<String>,
}

/// What the runtime downloads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Downloads {
    /// Nothing: no pull, a failed pull, or a pull whose manifest matches the node's copy
    /// (a request of a few KB; layers already present are reused, spec §4.5).
    None,
    /// Only the layers the node does not have (the tag moved; spec §4.5).
    ChangedLayers,
    /// The whole image (the node had none of it).
    All,
}

/// Which content the container runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Runs {
    /// The node's copy, which is what the registry serves now (`present`, `preloaded`),
    /// without asking the registry.
    Cached,
    /// The node's copy, older than what the tag names in the registry now (`stale`).
    CachedStale,
    /// What the registry serves now, confirmed or fetched by a pull.
    RegistryCurrent,
    /// Nothing: the container does not start.
    None,
}

/// A container waiting reason (spec §4.2), as Kubernetes spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum WaitingReason {
    /// The pull failed.
    ErrImagePull,
    /// The kubelet waits before retrying a failed pull.
    ImagePullBackOff,
    /// `Never`, and the image is not on the node (or may not be used by the Pod).
    ErrImageNeverPull,
    /// The image name does not parse.
    InvalidImageName,
}

impl WaitingReason {
    /// The reason as Kubernetes spells it.
    pub fn as_str(self) -> &'static str {
        match self {
            WaitingReason::ErrImagePull => "ErrImagePull",
            WaitingReason::ImagePullBackOff => "ImagePullBackOff",
            WaitingReason::ErrImageNeverPull => "ErrImageNeverPull",
            WaitingReason::InvalidImageName => "InvalidImageName",
        }
    }
}

/// One `state.waiting` of the container.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Waiting {
    /// `state.waiting.reason`.
    pub reason: WaitingReason,
    /// `state.waiting.message`.
    pub message: String,
}

/// One kubelet event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    /// `Normal` or `Warning`.
    #[serde(rename = "type")]
    pub kind: EventType,
    /// `Pulling`, `Pulled`, `Failed`, `InspectFailed`, `ErrImageNeverPull` or `BackOff`
    /// (spec §4.2).
    pub reason: &'static str,
    /// The message, exactly as the version words it (placeholders: [`PLACEHOLDERS`]).
    pub message: String,
    /// `involvedObject.fieldPath`: `spec.containers{<name>}`, `spec.initContainers{<name>}`
    /// or `spec.ephemeralContainers{<name>}` (spec §4.1); `null` for image volumes (the
    /// spec does not say which object their events name) and unnamed containers.
    pub field_path: Option<String>,
}

/// An event's type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum EventType {
    /// Informational.
    Normal,
    /// Something went wrong.
    Warning,
}

/// The image pull back-off (spec §4.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Backoff {
    /// Seconds the kubelet waits before each of the first retries:
    /// `[10, 20, 40, 80, 160, 300, 300]`.
    pub delays: Vec<u32>,
    /// The cap (300 s).
    pub max_seconds: u32,
    /// A gap without failures longer than this (600 s) starts again at 10 s.
    pub reset_after_seconds: u32,
    /// The rule in one paragraph.
    pub rule: &'static str,
}

/// The KEP-2535 check for an image on the node (spec §6.3, §6.4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialCheck {
    /// The kubelet's `imagePullCredentialsVerificationPolicy`.
    pub policy: CredentialVerification,
    /// The kubelet pulled the image (it has records of the credentials used);
    /// false for preloaded images.
    pub pulled_by_kubelet: bool,
    /// Under `NeverVerifyAllowlistedImages`: the image matches
    /// `preloadedImagesVerificationAllowlist` (see [`allowlist::matches`]).
    pub allowlisted: Option<bool>,
    /// Allowlist entries the kubelet rejects, with its error (see
    /// [`allowlist::entry_error`]); they match nothing here.
    pub allowlist_errors: Vec<String>,
    /// The policy requires verification for this image.
    pub verification_required: bool,
    /// The conclusion.
    pub result: CheckResult,
}

/// What the credential check concludes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CheckResult {
    /// The policy does not require verification: the node's copy is used.
    NotRequired,
    /// The kubelet pulled the image without credentials (`nodePodsAccessible`): every
    /// Pod on the node may use it.
    AccessibleToAllPods,
    /// One of the Pod's pull secrets matches the recorded credentials.
    SecretMatches,
    /// The Pod must prove access: `IfNotPresent` pulls again with the Pod's
    /// credentials, `Never` fails with `ErrImageNeverPull`.
    MustAuthenticate,
}

/// What the AlwaysPullImages admission plugin did to the entry (spec §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AlwaysPullImagesEffect {
    /// The plugin set the policy to `Always` (false for ephemeral containers, which
    /// arrive through the `pods/ephemeralcontainers` subresource the plugin ignores).
    pub rewritten: bool,
    /// The policy before the plugin (as written or defaulted), when it rewrote it.
    pub from: Option<PullPolicy>,
}

/// One node of the version-skew view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NodeView {
    /// `A` (holds the tag's old content), `B` (holds nothing), `C` (holds the content
    /// the registry serves now).
    pub node: &'static str,
    /// What the node holds before the rollout.
    pub holds: NodeImage,
    /// The kubelet pulls there.
    pub pulls: bool,
    /// The container starts there.
    pub started: bool,
    /// Which content runs there.
    pub runs: Runs,
    /// Why it waits, when it does not start.
    pub waiting_reason: Option<WaitingReason>,
    /// One sentence.
    pub summary: String,
}

// ---------------------------------------------------------------------------------------
// Public helpers.

/// The node, registry and credentials `scenario` gives `image` (the string exactly as
/// written in the manifest): the first [`crate::ImageOverride`] whose `image` equals it
/// replaces the fields it sets; the scenario's values apply otherwise.
pub fn conditions_for(scenario: &Scenario, image: &str) -> (NodeImage, Registry, Credentials) {
    let o = scenario.overrides.iter().find(|o| o.image == image);
    (
        o.and_then(|o| o.node_image).unwrap_or(scenario.node_image),
        o.and_then(|o| o.registry).unwrap_or(scenario.registry),
        o.and_then(|o| o.credentials)
            .unwrap_or(scenario.credentials),
    )
}

/// Whether `KubeletEnsureSecretPulledImages` is on: it exists from 1.33 (alpha, off)
/// and is on by default from 1.35 (beta), spec §6.1. `scenario.ensure_secret_pulled_images`
/// overrides the default; before 1.33 the gate does not exist and the setting is ignored.
pub fn ensure_secret_pulled_images(options: &Options) -> bool {
    let (exists, default) = options.kubernetes_version.ensure_secret_pulled_images();
    exists
        && options
            .scenario
            .ensure_secret_pulled_images
            .unwrap_or(default)
}

/// The AlwaysPullImages plugin's validation error (spec §5, `TestValidate`): one
/// `pods "<name>" is forbidden: <path>: Unsupported value: "<value>": supported values: "Always"`
/// per container or image volume whose policy is not `Always`, aggregated as Kubernetes
/// does (one error bare, several in brackets joined by ", "). `violations` are
/// (field path, value) pairs, e.g. `("spec.containers[0].imagePullPolicy", "IfNotPresent")`
/// or `("spec.volumes[2].image.pullPolicy", "")`. `None` when there is none.
///
/// The plugin validates Pod CREATEs and those UPDATEs that bring new images (an UPDATE
/// whose images all appear in the old Pod is ignored); its Validate phase runs after
/// mutation, so this is what a Pod still carrying another policy at that point is told.
pub fn always_pull_images_validation(
    pod_name: &str,
    violations: &[(&str, &str)],
) -> Option<String> {
    text::always_pull_images_forbidden(pod_name, violations)
}

/// The version-skew view for `entry` under its effective policy: three nodes, A
/// holding the old content of a tag that has since moved, B holding nothing, C holding
/// the content the registry serves now, and what each runs when a rollout starts the
/// container there. The registry, credentials and cluster settings are the scenario's
/// for this image; each node is a fresh Pod (no back-off, no earlier pulls).
///
/// Empty when the entry has no effective policy or no image, when the image name does
/// not parse, or when it names a digest (a digest cannot move, so nodes cannot
/// diverge).
pub fn version_skew(entry: &Entry, options: &Options) -> Vec<NodeView> {
    skew(&Cx::new(options), entry)
}

/// [`version_skew`] within one simulation (sharing its parsed images).
fn skew(cx: &Cx<'_>, entry: &Entry) -> Vec<NodeView> {
    let options = cx.options;
    let Some(policy) = entry.policy.effective else {
        return Vec::new();
    };
    let image = entry.image.raw.as_deref().unwrap_or_default();
    match &cx.parse(image).reference {
        Ok(r) if r.digest().is_none() => {}
        _ => return Vec::new(),
    }
    let (_, registry, credentials) = conditions_for(&options.scenario, image);
    [
        ("A", NodeImage::Stale),
        ("B", NodeImage::Absent),
        ("C", NodeImage::Present),
    ]
    .into_iter()
    .map(|(node, holds)| {
        let step = ensure(
            cx,
            &Pull {
                image,
                policy,
                node: holds,
                registry,
                credentials,
                prior_failure: None,
                container: true,
                field_path: None,
            },
        );
        NodeView {
            node,
            holds,
            pulls: step.pulls,
            started: step.started,
            runs: step.runs,
            waiting_reason: step.waiting.last().map(|w| w.reason),
            summary: text::node_summary(
                node,
                holds,
                step.runs,
                step.waiting.last().map(|w| w.reason),
            ),
        }
    })
    .collect()
}

// ---------------------------------------------------------------------------------------
// The simulation.

/// Fills in every entry's outcome.
pub(crate) fn simulate(documents: &mut [Document], options: &Options) {
    let cx = Cx::new(options);
    for doc in documents {
        simulate_pod(&cx, doc);
    }
}

/// The settings that hold for every entry.
pub(crate) struct Cx<'o> {
    pub options: &'o Options,
    /// `KubeletEnsureSecretPulledImages` is on.
    pub gate: bool,
    /// The allowlist entries the kubelet rejects, with their errors.
    pub allowlist_errors: Vec<String>,
    /// Each image string parsed once per simulation (entries, repeated images and the
    /// version-skew nodes all ask again).
    parsed: std::cell::RefCell<std::collections::HashMap<String, std::rc::Rc<Parsed>>>,
}

/// An image string as the kubelet reads it.
#[derive(Debug)]
struct Parsed {
    /// `applyDefaultImageTag`: the runtime reference, or the kubelet's message.
    runtime: Result<String, String>,
    /// `ParseNormalizedNamed`.
    reference: Result<reference::Reference, String>,
}

impl<'o> Cx<'o> {
    fn new(options: &'o Options) -> Cx<'o> {
        let rules = options.kubernetes_version.reference_rules();
        Cx {
            options,
            gate: ensure_secret_pulled_images(options),
            allowlist_errors: options
                .scenario
                .allowlist
                .iter()
                .filter_map(|e| allowlist::entry_error(e, rules))
                .collect(),
            parsed: Default::default(),
        }
    }

    /// The image parsed under this version's rules (memoized).
    fn parse(&self, image: &str) -> std::rc::Rc<Parsed> {
        if let Some(p) = self.parsed.borrow().get(image) {
            return p.clone();
        }
        let rules = self.options.kubernetes_version.reference_rules();
        let parsed = std::rc::Rc::new(Parsed {
            runtime: reference::apply_default_image_tag(image, rules),
            reference: reference::parse_normalized_named(image, rules).map_err(|e| e.to_string()),
        });
        self.parsed
            .borrow_mut()
            .insert(image.to_owned(), parsed.clone());
        parsed
    }
}

/// Why an entry never reaches a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NotOnNode {
    /// The API server rejects the object (or would reject a Pod with this entry).
    Rejected,
    /// No image: a Pod without one is rejected.
    NoImage,
    /// An image volume while the `ImageVolume` gate is off (or before 1.31).
    ImageVolumeGateOff,
}

/// Where an entry is in the Pod's start sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stage {
    ImageVolumes,
    Init,
    Containers,
    Ephemeral,
}

fn stage(role: Role) -> Stage {
    match role {
        Role::ImageVolume => Stage::ImageVolumes,
        Role::InitContainer | Role::Sidecar => Stage::Init,
        Role::Container => Stage::Containers,
        Role::EphemeralContainer => Stage::Ephemeral,
    }
}

fn not_on_node(cx: &Cx<'_>, doc: &Document, entry: &Entry) -> Option<NotOnNode> {
    let version = cx.options.kubernetes_version;
    if doc.is_refused() || entry.policy.effective.is_none() {
        return Some(
            if entry.role == Role::ImageVolume && !version.image_volume_default() {
                NotOnNode::ImageVolumeGateOff
            } else {
                NotOnNode::Rejected
            },
        );
    }
    if entry.role == Role::ImageVolume && !version.image_volume_default() {
        return Some(NotOnNode::ImageVolumeGateOff);
    }
    if entry.image.raw.as_deref().unwrap_or_default().is_empty() {
        return Some(NotOnNode::NoImage);
    }
    None
}

/// An earlier entry of the same Pod: its path, and how explanations name it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Who {
    path: String,
    label: String,
}

impl Who {
    /// The path, and the name in quotes when there is one
    /// (`spec.initContainers[0] "migrate"`).
    fn of(entry: &Entry) -> Who {
        Who {
            path: entry.path.clone(),
            label: match &entry.name {
                Some(name) => format!("{} {}", entry.path, crate::messages::go_quote(name)),
                None => entry.path.clone(),
            },
        }
    }
}

/// What earlier entries of the same Pod did to the node.
#[derive(Default)]
struct PodState {
    /// Runtime reference → the entry that pulled it.
    pulled: HashMap<String, Who>,
    /// Raw image string → (the entry, `"<ErrName>: <message>"` of its failed pull).
    failed: HashMap<String, (Who, String)>,
}

fn simulate_pod(cx: &Cx<'_>, doc: &mut Document) {
    let version = cx.options.kubernetes_version;
    // The start sequence: stage after stage, in document order within a stage (a
    // stable partition, without a sort's code).
    let entries = &doc.entries;
    let order: Vec<usize> = [
        Stage::ImageVolumes,
        Stage::Init,
        Stage::Containers,
        Stage::Ephemeral,
    ]
    .into_iter()
    .flat_map(|s| (0..entries.len()).filter(move |&i| stage(entries[i].role) == s))
    .collect();
    debug_assert_eq!(
        order.len(),
        entries.len(),
        "a stage is missing from the list"
    );
    let reaching: Vec<bool> = doc
        .entries
        .iter()
        .map(|e| not_on_node(cx, doc, e).is_none())
        .collect();
    let has_stage = |s: Stage| {
        doc.entries
            .iter()
            .zip(&reaching)
            .any(|(e, r)| *r && stage(e.role) == s)
    };
    let earlier_stages = (has_stage(Stage::ImageVolumes), has_stage(Stage::Init));
    let mut pod = PodState::default();
    let mut volume_blocker: Option<Who> = None;
    let mut init_blocker: Option<Who> = None;
    let mut step_no = 0;
    for i in order {
        let entry = &doc.entries[i];
        let image = entry.image.raw.clone().unwrap_or_default();
        let (node, registry, credentials) = conditions_for(&cx.options.scenario, &image);
        let admission = admission_effect(cx, entry);
        if let Some(why) = not_on_node(cx, doc, entry) {
            let outcome = idle_outcome(
                Conditions {
                    node_image: node,
                    registry,
                    credentials,
                    pulled_earlier_by: None,
                },
                None,
                None,
                None,
                text::explain_not_on_node(why, version),
            );
            doc.entries[i].outcome = Some(outcome);
            continue;
        }
        let st = stage(entry.role);
        let start_order = (st != Stage::Ephemeral).then(|| {
            step_no += 1;
            step_no
        });
        let blocker = match st {
            Stage::Init | Stage::Containers => volume_blocker.clone().or(init_blocker.clone()),
            Stage::ImageVolumes | Stage::Ephemeral => None,
        };
        let parsed = cx.parse(&image);
        let tagged = parsed.runtime.clone().ok();
        let earlier = tagged.as_ref().and_then(|t| pod.pulled.get(t)).cloned();
        let mut conditions = Conditions {
            node_image: if earlier.is_some() {
                NodeImage::Present
            } else {
                node
            },
            registry,
            credentials,
            pulled_earlier_by: earlier.as_ref().map(|w| w.path.clone()),
        };
        if let Some(by) = blocker {
            let blocked_by_volume = volume_blocker.as_ref() == Some(&by);
            let explanation = text::explain_blocked(&by.label, blocked_by_volume);
            doc.entries[i].outcome = Some(idle_outcome(
                conditions,
                start_order,
                Some(by.path),
                admission,
                explanation,
            ));
            continue;
        }
        // A digest cannot move: a "stale" copy of it is the same content.
        let digest = parsed
            .reference
            .as_ref()
            .is_ok_and(|r| r.digest().is_some());
        let digest_not_stale = digest && conditions.node_image == NodeImage::Stale;
        if digest_not_stale {
            conditions.node_image = NodeImage::Present;
        }
        let prior = pod.failed.get(&image).cloned();
        let pull = Pull {
            image: &image,
            policy: entry.policy.effective.unwrap_or(PullPolicy::IfNotPresent),
            node: conditions.node_image,
            registry,
            credentials,
            prior_failure: prior.as_ref().map(|(_, m)| m.as_str()),
            container: entry.role != Role::ImageVolume,
            field_path: field_path(entry),
        };
        let step = ensure(cx, &pull);
        if let (true, Some(t)) = (step.pulls && step.started, &tagged) {
            pod.pulled
                .entry(t.clone())
                .or_insert_with(|| Who::of(entry));
        }
        if let Some(stored) = &step.stored_failure {
            pod.failed
                .entry(image.clone())
                .or_insert_with(|| (Who::of(entry), stored.clone()));
        }
        if !step.started {
            match st {
                Stage::ImageVolumes => {
                    volume_blocker.get_or_insert_with(|| Who::of(entry));
                }
                Stage::Init => {
                    init_blocker.get_or_insert_with(|| Who::of(entry));
                }
                Stage::Containers | Stage::Ephemeral => {}
            }
        }
        let facts = text::Facts {
            image: &image,
            policy: pull.policy,
            role: entry.role,
            version,
            gate_requested_unavailable: cx.options.scenario.ensure_secret_pulled_images
                == Some(true)
                && !version.ensure_secret_pulled_images().0,
            gate_default: version.ensure_secret_pulled_images().1,
            conditions: &conditions,
            route: &step.route,
            check: step.check.as_ref(),
            admission,
            earlier_stages,
            digest_not_stale,
            pulled_earlier_by: earlier.as_ref().map(|w| w.label.as_str()),
            shared_backoff_with: prior.as_ref().map(|(w, _)| w.label.as_str()),
        };
        let explanation = text::explain(&facts);
        let nodes = skew(cx, entry);
        doc.entries[i].outcome = Some(Outcome {
            reaches_node: true,
            conditions,
            start_order,
            blocked_by: None,
            pulls: step.pulls,
            contacts_registry: step.pulls,
            downloads: step.downloads,
            started: step.started,
            runs: step.runs,
            waiting_reason: step.waiting.last().map(|w| w.reason),
            waiting: step.waiting,
            events: step.events,
            backoff: step.backoff,
            credential_check: step.check,
            always_pull_images: admission,
            nodes,
            explanation,
        });
    }
}

/// An outcome where nothing happens on the node: the entry does not reach one
/// (`start_order` and `blocked_by` both `None`), or it is blocked.
fn idle_outcome(
    conditions: Conditions,
    start_order: Option<usize>,
    blocked_by: Option<String>,
    admission: Option<AlwaysPullImagesEffect>,
    explanation: String,
) -> Outcome {
    Outcome {
        reaches_node: blocked_by.is_some(),
        conditions,
        start_order,
        blocked_by,
        pulls: false,
        contacts_registry: false,
        downloads: Downloads::None,
        started: false,
        runs: Runs::None,
        waiting_reason: None,
        waiting: Vec::new(),
        events: Vec::new(),
        backoff: None,
        credential_check: None,
        always_pull_images: admission,
        nodes: Vec::new(),
        explanation,
    }
}

/// What AlwaysPullImages did, recomputing the policy it replaced (as written when valid,
/// else the default for the image, spec §1.1).
fn admission_effect(cx: &Cx<'_>, entry: &Entry) -> Option<AlwaysPullImagesEffect> {
    if !cx.options.scenario.always_pull_images {
        return None;
    }
    if entry.role == Role::EphemeralContainer {
        return Some(AlwaysPullImagesEffect {
            rewritten: false,
            from: None,
        });
    }
    if entry.policy.source != PolicySource::Admission {
        return None;
    }
    let rules = cx.options.kubernetes_version.reference_rules();
    let image = entry.image.raw.as_deref().unwrap_or_default();
    let from = entry
        .policy
        .written
        .as_deref()
        .and_then(PullPolicy::from_exact)
        .unwrap_or(if reference::defaults_to_always(image, rules) {
            PullPolicy::Always
        } else {
            PullPolicy::IfNotPresent
        });
    Some(AlwaysPullImagesEffect {
        rewritten: true,
        from: Some(from),
    })
}

/// `spec.containers{<name>}` and friends (spec §4.1).
fn field_path(entry: &Entry) -> Option<String> {
    let list = match entry.role {
        Role::Container => "containers",
        Role::InitContainer | Role::Sidecar => "initContainers",
        Role::EphemeralContainer => "ephemeralContainers",
        Role::ImageVolume => return None,
    };
    entry
        .name
        .as_deref()
        .map(|name| format!("spec.{list}{{{name}}}"))
}

// ---------------------------------------------------------------------------------------
// EnsureImageExists for one image.

/// One call of `EnsureImageExists`.
pub(crate) struct Pull<'a> {
    /// The raw `image` (what the events quote).
    pub image: &'a str,
    /// The effective policy.
    pub policy: PullPolicy,
    /// What the node holds.
    pub node: NodeImage,
    /// What the registry does.
    pub registry: Registry,
    /// The credentials.
    pub credentials: Credentials,
    /// `"<ErrName>: <message>"` of a pull of the same raw image that failed earlier in
    /// this Pod: the image is in back-off.
    pub prior_failure: Option<&'a str>,
    /// A container (false for an image volume): `startContainer` adds the
    /// `Failed` / `Error: <reason>` event (spec §4.1).
    pub container: bool,
    /// The events' `fieldPath`.
    pub field_path: Option<String>,
}

/// The path `EnsureImageExists` takes, for the explanation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    /// The name does not parse (the reference parser's error).
    InvalidName(String),
    /// `Never`, nothing on the node.
    NeverAbsent,
    /// The node's copy is used.
    Cached,
    /// `Never`, on the node, but the credential check requires a pull.
    NeverDenied,
    /// The kubelet pulls.
    Pull(PullWhy, PullResult),
}

/// Why the kubelet pulls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PullWhy {
    /// The policy is `Always`.
    Always,
    /// `IfNotPresent` and the node does not hold the image.
    Absent,
    /// `IfNotPresent`, on the node, but the credential check requires a pull.
    MustAuthenticate,
}

/// How a pull ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PullResult {
    /// Success, downloading this much.
    Done(Downloads),
    /// The runtime reports an error.
    Failed(Failure),
    /// An earlier pull of the same image in this Pod failed: back-off, no pull.
    InBackOff,
}

/// Why a pull fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The registry cannot be reached.
    Unreachable,
    /// A private image and no working credentials.
    Unauthorized,
    /// No such tag or digest.
    NotFound,
}

/// The result of one `EnsureImageExists`.
pub(crate) struct Step {
    pub pulls: bool,
    pub downloads: Downloads,
    pub started: bool,
    pub runs: Runs,
    pub waiting: Vec<Waiting>,
    pub events: Vec<Event>,
    pub backoff: Option<Backoff>,
    pub check: Option<CredentialCheck>,
    pub route: Route,
    /// `"<ErrName>: <message>"` stored for the next back-off message, after a failure.
    pub stored_failure: Option<String>,
}

/// `EnsureImageExists` (spec §4.3; ≤ 1.32: §4.10).
///
/// 1. `applyDefaultImageTag`: a name that does not parse → `InspectFailed` event,
///    `InvalidImageName` (no registry, the policy plays no part).
/// 2. Precheck: `Always` pulls without looking at the node (≤ 1.32: it looks, then
///    pulls anyway — same events); `IfNotPresent` / `Never` look for the reference on
///    the node; absent + `Never` → `ErrImageNeverPull`.
/// 3. Present: gate off → `Container image "<I>" already present on machine`; gate on →
///    the credential check ([`credential_check`]): not needed or passed →
///    `… already present on machine and can be accessed by the pod`; otherwise
///    `IfNotPresent` pulls again and `Never` fails with the "not present" message.
/// 4. Pull: `Pulling`, then `Pulled` or `Failed` + back-off. Failures, checked in this
///    order (a modelling choice): registry unreachable, then credentials missing, then
///    not found.
pub(crate) fn ensure(cx: &Cx<'_>, p: &Pull<'_>) -> Step {
    let version = cx.options.kubernetes_version;
    let mut step = Step {
        pulls: false,
        downloads: Downloads::None,
        started: false,
        runs: Runs::None,
        waiting: Vec::new(),
        events: Vec::new(),
        backoff: None,
        check: None,
        route: Route::Cached,
        stored_failure: None,
    };
    let ev = |kind: EventType, reason: &'static str, message: String| Event {
        kind,
        reason,
        message,
        field_path: p.field_path.clone(),
    };
    let error_event = |reason: WaitingReason| {
        ev(
            EventType::Warning,
            text::REASON_FAILED,
            text::error_event(reason.as_str()),
        )
    };

    // Step 1: the default tag.
    // `applyDefaultImageTag` and the reference parser agree (both run
    // `ParseImageName`), so the second error arm cannot carry an empty message.
    let parsed = cx.parse(p.image);
    let reference = match (&parsed.runtime, &parsed.reference) {
        (Ok(_), Ok(r)) => r,
        (result, parsed) => {
            let message = result.clone().err().unwrap_or_default();
            let reason = parsed.clone().err().unwrap_or_default();
            step.events.push(ev(
                EventType::Warning,
                text::REASON_INSPECT_FAILED,
                message.clone(),
            ));
            if p.container {
                step.events
                    .push(error_event(WaitingReason::InvalidImageName));
            }
            step.waiting.push(Waiting {
                reason: WaitingReason::InvalidImageName,
                message: message.clone(),
            });
            step.route = Route::InvalidName(reason);
            return step;
        }
    };

    // Steps 2–4: the precheck and the credential check.
    let present = p.node != NodeImage::Absent;
    let never_fails = |step: &mut Step| {
        let message = text::never_pull(p.image);
        step.events.push(ev(
            EventType::Warning,
            text::REASON_ERR_IMAGE_NEVER_PULL,
            message.clone(),
        ));
        if p.container {
            step.events
                .push(error_event(WaitingReason::ErrImageNeverPull));
        }
        step.waiting.push(Waiting {
            reason: WaitingReason::ErrImageNeverPull,
            message,
        });
    };
    let why = match (p.policy, present) {
        (PullPolicy::Always, _) => PullWhy::Always,
        (PullPolicy::Never, false) => {
            never_fails(&mut step);
            step.route = Route::NeverAbsent;
            return step;
        }
        (PullPolicy::IfNotPresent, false) => PullWhy::Absent,
        (_, true) => {
            let check = cx.gate.then(|| credential_check(cx, p));
            let must = check
                .as_ref()
                .is_some_and(|c| c.result == CheckResult::MustAuthenticate);
            step.check = check;
            if !must {
                step.events.push(ev(
                    EventType::Normal,
                    text::REASON_PULLED,
                    text::already_present(p.image, cx.gate),
                ));
                step.started = true;
                step.runs = if p.node == NodeImage::Stale {
                    Runs::CachedStale
                } else {
                    Runs::Cached
                };
                step.route = Route::Cached;
                return step;
            }
            if p.policy == PullPolicy::Never {
                never_fails(&mut step);
                step.route = Route::NeverDenied;
                return step;
            }
            PullWhy::MustAuthenticate
        }
    };

    // Step 6: the pull.
    let backoff_message = |previous: &str| text::backoff_waiting(p.image, previous, version);
    if let Some(previous) = p.prior_failure {
        step.events.push(ev(
            EventType::Normal,
            text::REASON_BACKOFF,
            text::backoff_event(p.image),
        ));
        if p.container {
            step.events
                .push(error_event(WaitingReason::ImagePullBackOff));
        }
        step.waiting.push(Waiting {
            reason: WaitingReason::ImagePullBackOff,
            message: backoff_message(previous),
        });
        step.backoff = Some(backoff_info());
        step.route = Route::Pull(why, PullResult::InBackOff);
        return step;
    }
    step.pulls = true;
    step.events.push(ev(
        EventType::Normal,
        text::REASON_PULLING,
        text::pulling(p.image),
    ));
    let failure = if p.registry == Registry::Unreachable {
        Some(Failure::Unreachable)
    } else if p.credentials == Credentials::Missing {
        Some(Failure::Unauthorized)
    } else if p.registry == Registry::NotFound {
        Some(Failure::NotFound)
    } else {
        None
    };
    match failure {
        None => {
            step.events.push(ev(
                EventType::Normal,
                text::REASON_PULLED,
                text::successfully_pulled(p.image, version),
            ));
            step.downloads = match p.node {
                NodeImage::Absent => Downloads::All,
                NodeImage::Stale => Downloads::ChangedLayers,
                NodeImage::Present | NodeImage::Preloaded => Downloads::None,
            };
            step.started = true;
            step.runs = Runs::RegistryCurrent;
            step.route = Route::Pull(why, PullResult::Done(step.downloads));
        }
        Some(failure) => {
            let cri = match failure {
                Failure::Unreachable => text::containerd_unreachable(reference),
                Failure::Unauthorized => text::AUTH_ERROR.to_owned(),
                Failure::NotFound => text::containerd_not_found(reference),
            };
            // evalCRIPullErr: containerd's errors do not start with
            // `RegistryUnavailable`, so the reason is ErrImagePull and the message is
            // the CRI error text (spec §4.3, §4.5).
            let stored = format!("{}: {cri}", WaitingReason::ErrImagePull.as_str());
            step.events.push(ev(
                EventType::Warning,
                text::REASON_FAILED,
                text::failed_to_pull(p.image, &cri),
            ));
            if p.container {
                step.events.push(error_event(WaitingReason::ErrImagePull));
            }
            step.events.push(ev(
                EventType::Normal,
                text::REASON_BACKOFF,
                text::backoff_event(p.image),
            ));
            if p.container {
                step.events
                    .push(error_event(WaitingReason::ImagePullBackOff));
            }
            step.waiting.push(Waiting {
                reason: WaitingReason::ErrImagePull,
                message: cri,
            });
            step.waiting.push(Waiting {
                reason: WaitingReason::ImagePullBackOff,
                message: backoff_message(&stored),
            });
            step.backoff = Some(backoff_info());
            step.stored_failure = Some(stored);
            step.route = Route::Pull(why, PullResult::Failed(failure));
        }
    }
    step
}

fn backoff_info() -> Backoff {
    Backoff {
        delays: backoff::schedule(7),
        max_seconds: backoff::MAX_SECONDS,
        reset_after_seconds: backoff::RESET_AFTER_SECONDS,
        rule: text::backoff_rule(),
    }
}

/// The KEP-2535 check for an image on the node (spec §6.3, §6.4): whether the policy
/// requires verification (`RequireCredentialVerificationForImage`), then the pulled
/// records (`MustAttemptImagePull`). The scenario's node states map onto records as
/// follows: `present` / `stale` = pulled by the kubelet, with records of the
/// credentials used — `public` → `nodePodsAccessible`, `valid` → one of the Pod's
/// secrets matches, `missing` → no match; `preloaded` = not pulled by the kubelet, no
/// records (so a required verification always means "must authenticate").
pub(crate) fn credential_check(cx: &Cx<'_>, p: &Pull<'_>) -> CredentialCheck {
    let policy = cx.options.scenario.credential_verification;
    let pulled_by_kubelet = matches!(p.node, NodeImage::Present | NodeImage::Stale);
    let allowlisted = (policy == CredentialVerification::NeverVerifyAllowlistedImages).then(|| {
        allowlist::matches(
            p.image,
            &cx.options.scenario.allowlist,
            cx.options.kubernetes_version,
        )
    });
    let required = match policy {
        CredentialVerification::NeverVerify => false,
        CredentialVerification::NeverVerifyPreloadedImages => pulled_by_kubelet,
        CredentialVerification::NeverVerifyAllowlistedImages => allowlisted != Some(true),
        CredentialVerification::AlwaysVerify => true,
    };
    let result = if !required {
        CheckResult::NotRequired
    } else if !pulled_by_kubelet {
        CheckResult::MustAuthenticate
    } else {
        match p.credentials {
            Credentials::Public => CheckResult::AccessibleToAllPods,
            Credentials::Valid => CheckResult::SecretMatches,
            Credentials::Missing => CheckResult::MustAuthenticate,
        }
    };
    CredentialCheck {
        policy,
        pulled_by_kubelet,
        allowlisted,
        allowlist_errors: if policy == CredentialVerification::NeverVerifyAllowlistedImages {
            cx.allowlist_errors.clone()
        } else {
            Vec::new()
        },
        verification_required: required,
        result,
    }
}
