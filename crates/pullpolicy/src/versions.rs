//! Every fact that differs between Kubernetes releases, in one table (issue #16).
//!
//! [`KubeVersion`] is a supported release, 1.28 to 1.37. What differs between releases is
//! data here, and nowhere else compares version numbers:
//!
//! * [`Change`]: a behaviour that begins in one release and holds in every later one.
//!   [`Change::since`] is the table; each variant names its source. Call sites use the
//!   named predicates of [`KubeVersion`] (e.g. [`KubeVersion::backoff_message_repeats_error`]).
//! * [`FeatureGate`]: the stage and default of a feature gate per release, as
//!   `pkg/features/kube_features.go` records them (`{Version, Default, PreRelease}` rows).
//! * Generated data, from the OpenAPI schemas of PyPI `kubernetes-validate` 1.37.0
//!   (`cargo xtask gen-fields`): the field lists ([`crate::fields`]) and the built-in
//!   group/version/kinds served by default ([`KubeVersion::serves`], `versions/served.rs`).
//!
//! | fact | ≤ | from | source |
//! | --- | --- | --- | --- |
//! | reference library ([`KubeVersion::reference_rules`]) | 1.28 `docker/distribution` v2.8 | 1.29 `distribution/reference` v0.5.0, 1.32 v0.6.0 | spec §3, §9 |
//! | `Pulled` event ends `Image size: N bytes.` | 1.29 without | 1.30 | spec §9 (approximate boundary, §10.1) |
//! | `ImagePullBackOff` message repeats the pull error | 1.31 without | 1.32 | kubernetes#127918 |
//! | `Always` pulls without looking at the node first | 1.32 looks first | 1.33 | spec §4.3, §4.10 |
//! | kubectl reads a stream starting with `{` as JSON only | 1.32 JSON only | 1.33 falls back to YAML | apimachinery `decoder.go` v0.32 / v0.33 |
//! | a bad value of a named type printed with `json.Marshal` (`\u003c`) | 1.33 `%q` | 1.34 | apimachinery c58e197ee8ca (v0.34.0) |
//! | `ImageVolume` gate | 1.30 absent | 1.31 alpha off, 1.33 beta off, 1.35 beta on, 1.36 GA | spec §1.6, KEP-4639 |
//! | `KubeletEnsureSecretPulledImages` gate (default policy `NeverVerifyPreloadedImages`) | 1.32 absent | 1.33 alpha off, 1.35 beta on (still beta in 1.37) | spec §6.1, KEP-2535 kep.yaml |
//! | allowlist compares normalized names | 1.35 raw image | 1.36 | kubernetes#137629 |
//! | empty image-volume `reference` rejected in pod templates | 1.36 Pods only | 1.37 | kubernetes#135989 |
//! | image volumes checked only when a container starts | 1.36 every sync | 1.37 | kubernetes#138655 |
//! | field lists, served group/version/kinds | per release | | `kubernetes-validate` 1.37.0 |
//!
//! Adding a release: ARCHITECTURE.md, "Adding a Kubernetes version".

use crate::options::CredentialVerification;
use crate::reference::Rules;
use serde::{Deserialize, Serialize};
use std::fmt;

// Generated data, kept exactly as scripts/gen_served.py writes it (`--check` compares bytes).
#[rustfmt::skip]
mod served;

// The generated tables cover exactly the supported releases: a release added here without
// `cargo xtask gen-fields` (or the reverse) does not compile.
const _: () = assert!(
    served::FIRST_MINOR == KubeVersion::OLDEST.0 && served::LAST_MINOR == KubeVersion::NEWEST.0,
    "versions/served.rs does not cover KubeVersion::OLDEST..=NEWEST: run cargo xtask gen-fields"
);
const _: () = assert!(
    crate::fields::MIN_MINOR == KubeVersion::OLDEST.0
        && crate::fields::MAX_MINOR == KubeVersion::NEWEST.0,
    "fields/generated.rs does not cover KubeVersion::OLDEST..=NEWEST: run cargo xtask gen-fields"
);

/// A supported Kubernetes minor version, 1.28 to 1.37.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KubeVersion(u8);

impl KubeVersion {
    /// The oldest supported minor version (1.28).
    pub const OLDEST: KubeVersion = KubeVersion(28);
    /// The newest supported minor version (1.37), the default.
    pub const NEWEST: KubeVersion = KubeVersion(37);

    /// `1.minor`, if supported.
    pub fn new(minor: u8) -> Option<KubeVersion> {
        (Self::OLDEST.0..=Self::NEWEST.0)
            .contains(&minor)
            .then_some(KubeVersion(minor))
    }

    /// The supported release nearest to `1.minor`, for a version read from evidence (a
    /// node's kubelet): older releases get the oldest supported one's rules, newer ones
    /// the newest's. Right for the reference library, which is `docker/distribution`
    /// in every release up to 1.28 and `distribution/reference` v0.6.0 from 1.32 on.
    pub fn nearest(minor: u16) -> KubeVersion {
        let clamped = minor.clamp(u16::from(Self::OLDEST.0), u16::from(Self::NEWEST.0));
        KubeVersion(u8::try_from(clamped).unwrap_or(Self::NEWEST.0))
    }

    /// Parses `1.34`, `v1.34` or `1.34.2`.
    ///
    /// # Errors
    /// A message naming the supported range when the text is not a supported version.
    pub fn parse(text: &str) -> Result<KubeVersion, String> {
        let t = text.trim().trim_start_matches('v');
        let mut parts = t.split('.');
        let minor = match (parts.next(), parts.next()) {
            (Some("1"), Some(minor)) => minor.parse::<u8>().ok(),
            _ => None,
        };
        minor
            .and_then(KubeVersion::new)
            .ok_or_else(|| crate::messages::unsupported_version(text, Self::OLDEST, Self::NEWEST))
    }

    /// The minor version number.
    pub fn minor(self) -> u8 {
        self.0
    }

    /// Every supported version, oldest first.
    pub fn all() -> impl Iterator<Item = KubeVersion> {
        (Self::OLDEST.0..=Self::NEWEST.0).map(KubeVersion)
    }

    /// The supported range in words, `1.28 to 1.37`, for help texts and messages.
    pub fn supported_range() -> String {
        crate::messages::version_range(Self::OLDEST, Self::NEWEST)
    }

    /// The release before this one, if supported.
    pub fn previous(self) -> Option<KubeVersion> {
        self.0.checked_sub(1).and_then(KubeVersion::new)
    }

    /// Whether `change` holds in this release: the one comparison of version numbers for
    /// behaviours.
    pub const fn has(self, change: Change) -> bool {
        self.0 >= change.since().0
    }

    /// Whether a table row covering releases `first..=last` (minor numbers, as the generated
    /// field lists store them) includes this release.
    pub(crate) const fn within(self, first: u8, last: u8) -> bool {
        first <= self.0 && self.0 <= last
    }

    // -----------------------------------------------------------------------------------
    // Named facts.

    /// Which reference library the release's `ParseImageName` uses (spec §3):
    /// `docker/distribution` v2.8 up to 1.28, `distribution/reference` v0.5.0 in 1.29–1.31,
    /// v0.6.0 from 1.32 (still v0.6.0 in 1.37: `kubernetes-1.37.md` §2.3).
    pub fn reference_rules(self) -> Rules {
        if self.has(Change::DistributionReferenceV06) {
            Rules::V0_6
        } else if self.has(Change::DistributionReferenceV05) {
            Rules::Legacy
        } else {
            Rules::DockerDistribution
        }
    }

    /// The `Pulled` event after a pull ends `. Image size: N bytes.` ([`Change::PulledEventImageSize`]).
    pub const fn pulled_event_reports_image_size(self) -> bool {
        self.has(Change::PulledEventImageSize)
    }

    /// The `ImagePullBackOff` waiting message repeats the previous pull error
    /// ([`Change::BackOffMessageRepeatsError`]).
    pub const fn backoff_message_repeats_error(self) -> bool {
        self.has(Change::BackOffMessageRepeatsError)
    }

    /// `Always` pulls without first asking the runtime whether the image is present
    /// ([`Change::AlwaysSkipsPresenceCheck`]).
    pub const fn always_skips_presence_check(self) -> bool {
        self.has(Change::AlwaysSkipsPresenceCheck)
    }

    /// kubectl falls back to YAML when a stream starting with `{` is not valid JSON
    /// ([`Change::JsonStreamFallsBackToYaml`]); before, a JSON syntax error is final.
    pub const fn json_stream_falls_back_to_yaml(self) -> bool {
        self.has(Change::JsonStreamFallsBackToYaml)
    }

    /// How kubectl reads its input in this release ([`crate::read::ReadOptions`]): JSON
    /// streams ([`Change::JsonStreamFallsBackToYaml`], [`Change::JsonStreamFallbackFixed`])
    /// and the sigs.k8s.io/yaml version ([`Change::SigsYamlV1_4`]).
    pub fn read_options(self) -> crate::read::ReadOptions {
        use crate::read::JsonStreams;
        crate::read::ReadOptions {
            json: if self.has(Change::JsonStreamFallbackFixed) {
                JsonStreams::Fallback
            } else if self.has(Change::JsonStreamFallsBackToYaml) {
                JsonStreams::Fallback133
            } else {
                JsonStreams::JsonOnly
            },
            sigs_yaml_v1_3: !self.has(Change::SigsYamlV1_4),
        }
    }

    /// A bad value of a named string type is rendered with `json.Marshal`
    /// (`"\u003cno value\u003e"`), not Go's `%q` (`"<no value>"`)
    /// ([`Change::BadValuesJsonMarshalled`]).
    pub const fn renders_bad_values_with_json_marshal(self) -> bool {
        self.has(Change::BadValuesJsonMarshalled)
    }

    /// The API server validates a StatefulSet's pod template's spec like any other pod
    /// template's ([`Change::StatefulSetPodTemplateValidated`]); before, it creates the
    /// StatefulSet and rejects each Pod its controller makes from the template.
    pub const fn validates_statefulset_pod_templates(self) -> bool {
        self.has(Change::StatefulSetPodTemplateValidated)
    }

    /// A ReplicationController's name is too long in `bytes`, not `characters`
    /// ([`Change::ReplicationControllerLongName`]).
    pub const fn long_names_count_bytes(self) -> bool {
        self.has(Change::ReplicationControllerLongName)
    }

    /// The kubelet compares `preloadedImagesVerificationAllowlist` entries with the
    /// image's normalized name, not the raw `image` string
    /// ([`Change::AllowlistMatchesNormalizedNames`]).
    pub const fn allowlist_matches_normalized_names(self) -> bool {
        self.has(Change::AllowlistMatchesNormalizedNames)
    }

    /// An empty image-volume `reference` is rejected in every pod template, not only in
    /// Pods ([`Change::ImageVolumeReferenceRequiredInTemplates`]).
    pub const fn image_volume_reference_required_in_templates(self) -> bool {
        self.has(Change::ImageVolumeReferenceRequiredInTemplates)
    }

    /// The kubelet checks (and, for `Always`, pulls) image volumes only when a sync has to
    /// start a container, not at every sync of the Pod
    /// ([`Change::ImageVolumesEnsuredOnlyAtContainerStart`]).
    pub const fn image_volumes_ensured_only_at_container_start(self) -> bool {
        self.has(Change::ImageVolumesEnsuredOnlyAtContainerStart)
    }

    /// The stage and default of `gate` in this release; `None` before it exists.
    pub fn gate(self, gate: FeatureGate) -> Option<GateState> {
        gate.history()
            .iter()
            .rev()
            .find(|(since, _)| self.0 >= since.0)
            .map(|&(_, state)| state)
    }

    /// Whether image volumes exist at all in this release's API (the `ImageVolume` gate
    /// exists: from 1.31).
    pub fn has_image_volumes(self) -> bool {
        self.gate(FeatureGate::ImageVolume).is_some()
    }

    /// Whether the `ImageVolume` gate is on by default (beta on from 1.35, GA 1.36).
    pub fn image_volume_default(self) -> bool {
        self.gate(FeatureGate::ImageVolume)
            .is_some_and(|g| g.default)
    }

    /// Whether `KubeletEnsureSecretPulledImages` exists (alpha 1.33) and is on by
    /// default (beta 1.35), spec §6.1.
    pub fn ensure_secret_pulled_images(self) -> (bool, bool) {
        let g = self.gate(FeatureGate::KubeletEnsureSecretPulledImages);
        (g.is_some(), g.is_some_and(|g| g.default))
    }

    /// The kubelet's default `imagePullCredentialsVerificationPolicy` when
    /// `KubeletEnsureSecretPulledImages` is on: `NeverVerifyPreloadedImages` in every
    /// release that has the gate (spec §6.2, `pkg/kubelet/apis/config/v1beta1/defaults.go`;
    /// unchanged in 1.37 by inference, `kubernetes-1.37.md` §2.4); `None` before 1.33.
    pub fn default_credential_verification(self) -> Option<CredentialVerification> {
        self.gate(FeatureGate::KubeletEnsureSecretPulledImages)
            .map(|_| CredentialVerification::NeverVerifyPreloadedImages)
    }

    // -----------------------------------------------------------------------------------
    // Served group/version/kinds (kubectl's discovery REST mapper, reading spec §4).

    /// Whether this release's API server serves `kind` in `group`/`version` by default
    /// (`""` is the core group). Only the kinds discovery lists: `<Kind>List`, `List`,
    /// lower-case kinds and custom resources are the REST mapper's, not this table's.
    pub fn serves(self, group: &str, version: &str, kind: &str) -> bool {
        let (Some(g), Some(v), Some(k)) = (
            index(served::GROUPS, group),
            index(served::VERSIONS, version),
            index(served::KINDS, kind),
        ) else {
            return false;
        };
        served::SERVED
            .iter()
            .any(|&(rg, rv, rk, mask)| (rg, rv, rk) == (g, v, k) && self.in_mask(mask))
    }

    /// Whether this release's API server serves `group`/`version` at all by default (the
    /// REST mapper registers `List` for every served group/version).
    pub fn serves_group_version(self, group: &str, version: &str) -> bool {
        let (Some(g), Some(v)) = (
            index(served::GROUPS, group),
            index(served::VERSIONS, version),
        ) else {
            return false;
        };
        served::SERVED
            .iter()
            .any(|&(rg, rv, _, mask)| rg == g && rv == v && self.in_mask(mask))
    }

    /// The versions in which this release serves `kind` of `group` by default, in
    /// Kubernetes' priority order (GA first, then higher numbers), e.g. `apps`/`Deployment`
    /// → `apps/v1`; for a fix like "use apps/v1".
    pub fn served_versions(self, group: &str, kind: &str) -> impl Iterator<Item = GroupVersion> {
        let g = index(served::GROUPS, group);
        self.served_where(move |rg, _| Some(rg) == g, kind)
    }

    /// Every group/version in which this release serves `kind` by default, whatever the
    /// group (groups sorted, the core group first; versions by priority), e.g. `Deployment`
    /// → `apps/v1`, `Event` → `v1`, `events.k8s.io/v1`.
    pub fn served_as(self, kind: &str) -> impl Iterator<Item = GroupVersion> {
        self.served_where(|_, _| true, kind)
    }

    /// Every kind this release serves by default, with its group/version (the table's
    /// order): what discovery lists, from which kubectl's REST mapper registers lower-case
    /// kinds (`crate::mapping`).
    pub fn served_kinds(self) -> impl Iterator<Item = (GroupVersion, &'static str)> {
        served::SERVED
            .iter()
            .filter(move |&&(_, _, _, mask)| self.in_mask(mask))
            .map(|&(g, v, k, _)| {
                let gv = GroupVersion {
                    group: name(served::GROUPS, g),
                    version: name(served::VERSIONS, v),
                };
                (gv, name(served::KINDS, k))
            })
    }

    fn served_where(
        self,
        keep: impl Fn(u8, u8) -> bool,
        kind: &str,
    ) -> impl Iterator<Item = GroupVersion> {
        let k = index(served::KINDS, kind);
        served::SERVED
            .iter()
            .filter(move |&&(g, v, rk, mask)| Some(rk) == k && keep(g, v) && self.in_mask(mask))
            .map(|&(g, v, _, _)| GroupVersion {
                group: name(served::GROUPS, g),
                version: name(served::VERSIONS, v),
            })
    }

    /// Bit `minor - FIRST_MINOR` of a served-kinds bitset.
    fn in_mask(self, mask: u16) -> bool {
        self.0
            .checked_sub(served::FIRST_MINOR)
            .and_then(|bit| mask.checked_shr(u32::from(bit)))
            .is_some_and(|m| m & 1 == 1)
    }
}

/// Whether `group` is an API group Kubernetes itself defines in some supported release
/// (`""`, `apps`, `batch`, `policy`, `extensions`, the `*.k8s.io` groups of the API server
/// such as `networking.k8s.io`, …), served by default or not. Every group of
/// `x-kubernetes-group-version-kind` in the 1.28–1.37 schemas, including groups Kubernetes
/// registers but does not serve by default (`admission.k8s.io`, `imagepolicy.k8s.io`,
/// `internal.apiserver.k8s.io`, …). A kind these groups do not serve is a mapping error, not a
/// custom resource (reading spec §4; a custom resource in a `*.k8s.io` group would need the
/// `api-approved.kubernetes.io` annotation, and no release's built-in groups are open to
/// them).
pub fn is_builtin_group(group: &str) -> bool {
    index(served::GROUPS, group).is_some()
}

/// The `i`th name of one of `served`'s offset tables (`""` past its end).
fn name(starts: &[u16], i: u8) -> &'static str {
    let i = usize::from(i);
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&from), Some(&to)) => served::NAMES
            .get(usize::from(from)..usize::from(to))
            .unwrap_or_default(),
        _ => "",
    }
}

/// The position of `wanted` in one of `served`'s offset tables (a linear scan: the tables
/// hold at most a few dozen names, and a scan is the smallest code).
fn index(starts: &[u16], wanted: &str) -> Option<u8> {
    let names = u8::try_from(starts.len().saturating_sub(1)).unwrap_or(u8::MAX);
    (0..names).find(|&i| name(starts, i) == wanted)
}

/// A built-in group/version: `apps/v1`, or `v1` for the core group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GroupVersion {
    /// The API group, `""` for the core group.
    pub group: &'static str,
    /// The version, e.g. `v1`.
    pub version: &'static str,
}

impl fmt::Display for GroupVersion {
    /// The `apiVersion` a manifest writes: `apps/v1`, or `v1` for the core group.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.group.is_empty() {
            f.write_str(self.version)
        } else {
            write!(f, "{}/{}", self.group, self.version)
        }
    }
}

/// A behaviour that begins in one Kubernetes release and holds in every later one.
/// [`Change::since`] is the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Change {
    /// Kubernetes switched from `github.com/docker/distribution/reference` v2.8 to
    /// `github.com/distribution/reference` v0.5.0 (CHANGELOG-1.29 "Dependencies → Added";
    /// spec §9): bracketed IPv6 hosts, upper-case first components as domains, the
    /// repository named in the upper-case error ([`crate::reference`] module docs).
    DistributionReferenceV05,
    /// The `Pulled` event after a pull ends `. Image size: N bytes.` (kubernetes#121719,
    /// around 1.30; spec §9 marks the boundary as approximate, §10.1).
    PulledEventImageSize,
    /// `distribution/reference` v0.6.0: the 255-character limit applies to the repository
    /// path only (spec §9).
    DistributionReferenceV06,
    /// The `ImagePullBackOff` waiting message appends `: <ErrName>: <previous message>`
    /// (kubernetes#127918; spec §4.3, §9).
    BackOffMessageRepeatsError,
    /// `EnsureImageExists` restructured (`imagePullPrecheck`): `Always` pulls without first
    /// asking the runtime whether the image is present (spec §4.3; before: §4.10).
    AlwaysSkipsPresenceCheck,
    /// apimachinery v0.33 `YAMLOrJSONDecoder`: a stream whose first non-space byte is `{`
    /// and that is not valid JSON at its start falls back to YAML (a flow mapping such as
    /// `{apiVersion: v1, …}`); up to v0.32 (Kubernetes ≤ 1.32) the JSON error is final
    /// (`kubectl-reading-pipeline.md` §1, decoder.go v0.32.0 @ 59e9003f02d6, v0.33.0 @
    /// 955939ffb819).
    JsonStreamFallsBackToYaml,
    /// apimachinery v0.34 fixes v0.33's fallback: a short first YAML chunk after a JSON
    /// value made kubectl 1.33 panic (`runtime error: slice bounds out of range`; see
    /// `read::JsonStreams::Fallback133`, confirmed against decoder.go v0.33.0 and v0.36.3).
    JsonStreamFallbackFixed,
    /// sigs.k8s.io/yaml v1.4.0 replaces v1.3.0, whose conversion error for a key it cannot
    /// convert is `Unsupported map key of type: …` (v1.4.0: `unsupported map key …`).
    /// apimachinery v0.29 still requires v1.3.0 (its go.mod), so Kubernetes 1.28 and 1.29
    /// read with v1.3.0; v1.4.0 from 1.30.
    SigsYamlV1_4,
    /// apimachinery v0.34.0 (commit c58e197ee8ca): `field.Error` renders a bad value of a
    /// named type (e.g. `core.PullPolicy`) with `json.Marshal`, so `<`, `>` and `&` become
    /// `\u003c`, `\u003e` and `\u0026` (`Unsupported value: "\u003cno value\u003e"`); up to
    /// 1.33 `"<no value>"` (`kubectl-reading-pipeline.md` §6).
    BadValuesJsonMarshalled,
    /// kubernetes#131790 ("add podSpec validation for create StatefulSet", CHANGELOG-1.34):
    /// apps `ValidatePodTemplateSpecForStatefulSet` validates the template's pod spec
    /// (`ValidatePodTemplateSpec`). Up to 1.33 that call was commented out ("TODO: Add
    /// validation for PodSpec"): only the template's labels, annotations and the selector
    /// match were checked, so a StatefulSet with an invalid pod spec is created and its
    /// controller's every Pod is rejected, `FailedCreate`: `create Pod web-0 in
    /// StatefulSet web failed error: Pod "web-0" is invalid: spec.containers[0]…`
    /// (kubernetes#81147 shows the event; kubernetes#137728, a 1.33.7 server accepting a
    /// StatefulSet without an image).
    StatefulSetPodTemplateValidated,
    /// kubernetes#137629: the kubelet compares `preloadedImagesVerificationAllowlist` entries
    /// with the image's normalized name, so familiar names (`alpine`) match
    /// `docker.io/library/alpine` (CHANGELOG-1.36; spec §6.3).
    AllowlistMatchesNormalizedNames,
    /// `ValidateReplicationController` checks the name with apimachinery v0.35's
    /// `validate.LongName`, whose length error counts `bytes` (`must be no more than 253
    /// bytes`; `util/validation` says `characters`). Read in kubernetes v1.35.4's
    /// `pkg/apis/core/validation/validation.go` (vendored, pinned); v1.34.1 still uses
    /// `NameIsDNSSubdomain`. Which 1.35 patch release brought it is not known.
    ReplicationControllerLongName,
    /// kubernetes#135989 (CHANGELOG-1.37 alpha.1): `validateImageVolumeSource` requires
    /// `reference` in every pod template (Deployment, StatefulSet, DaemonSet, Job, …), not
    /// only when `ResourceIsPod` (`kubernetes-1.37.md` §2.2). Whether updates of objects
    /// stored with an empty reference are ratcheted, and whether it was cherry-picked to
    /// 1.36.x, is not known.
    ImageVolumeReferenceRequiredInTemplates,
    /// kubernetes#138655 (CHANGELOG-1.37 alpha.1, fixes #138644): the kubelet no longer
    /// calls `EnsureImageExists` for every image volume at every `SyncPod`, only when the
    /// sync has to start a container; before, each sync repeated the volume's `Pulled`
    /// event (and, by inference, a pull for `Always`). `kubernetes-1.37.md` §2.4, TV4.
    ImageVolumesEnsuredOnlyAtContainerStart,
}

impl Change {
    /// Every change, oldest first.
    pub const ALL: &'static [Change] = &[
        Change::DistributionReferenceV05,
        Change::PulledEventImageSize,
        Change::SigsYamlV1_4,
        Change::DistributionReferenceV06,
        Change::BackOffMessageRepeatsError,
        Change::AlwaysSkipsPresenceCheck,
        Change::JsonStreamFallsBackToYaml,
        Change::BadValuesJsonMarshalled,
        Change::JsonStreamFallbackFixed,
        Change::StatefulSetPodTemplateValidated,
        Change::ReplicationControllerLongName,
        Change::AllowlistMatchesNormalizedNames,
        Change::ImageVolumeReferenceRequiredInTemplates,
        Change::ImageVolumesEnsuredOnlyAtContainerStart,
    ];

    /// The first release with the change: the table.
    pub const fn since(self) -> KubeVersion {
        KubeVersion(match self {
            Change::DistributionReferenceV05 => 29,
            Change::PulledEventImageSize => 30,
            Change::DistributionReferenceV06 | Change::BackOffMessageRepeatsError => 32,
            Change::AlwaysSkipsPresenceCheck | Change::JsonStreamFallsBackToYaml => 33,
            Change::SigsYamlV1_4 => 30,
            Change::BadValuesJsonMarshalled
            | Change::JsonStreamFallbackFixed
            | Change::StatefulSetPodTemplateValidated => 34,
            Change::ReplicationControllerLongName => 35,
            Change::AllowlistMatchesNormalizedNames => 36,
            Change::ImageVolumeReferenceRequiredInTemplates
            | Change::ImageVolumesEnsuredOnlyAtContainerStart => 37,
        })
    }
}

/// A feature gate whose stage changes what the core reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FeatureGate {
    /// `ImageVolume` (KEP-4639): alpha 1.31–1.32 (off), beta 1.33–1.34 (off), beta 1.35
    /// (on), GA 1.36 (`kubernetes/website` feature-gates/ImageVolume.md; KEP-4639 kep.yaml
    /// `stable: "v1.36"`; spec §1.6). Still GA in 1.37 (`kubernetes-1.37.md` §2.5).
    ImageVolume,
    /// `KubeletEnsureSecretPulledImages` (KEP-2535): `{Version: "1.33", Default: false,
    /// Alpha}`, `{Version: "1.35", Default: true, Beta}` (`kube_features.go`, spec §6.1);
    /// still beta, on by default, in 1.37 (KEP-2535 kep.yaml `latest-milestone: "v1.37"`,
    /// no stable milestone: `kubernetes-1.37.md` §1).
    KubeletEnsureSecretPulledImages,
}

impl FeatureGate {
    /// Every gate.
    pub const ALL: &'static [FeatureGate] = &[
        FeatureGate::ImageVolume,
        FeatureGate::KubeletEnsureSecretPulledImages,
    ];

    /// The gate's name as the `--feature-gates` flag spells it.
    pub const fn name(self) -> &'static str {
        match self {
            FeatureGate::ImageVolume => "ImageVolume",
            FeatureGate::KubeletEnsureSecretPulledImages => "KubeletEnsureSecretPulledImages",
        }
    }

    /// The first release that has the gate.
    pub const fn first(self) -> KubeVersion {
        self.history()[0].0
    }

    /// The first release in which the gate is on by default, if any is supported.
    pub fn on_by_default_since(self) -> Option<KubeVersion> {
        self.history()
            .iter()
            .find(|(_, state)| state.default)
            .map(|&(since, _)| since)
    }

    /// The gate's rows: from which release it has which stage and default (oldest first).
    pub const fn history(self) -> &'static [(KubeVersion, GateState)] {
        const fn row(minor: u8, stage: Stage, default: bool) -> (KubeVersion, GateState) {
            (KubeVersion(minor), GateState { stage, default })
        }
        const IMAGE_VOLUME: &[(KubeVersion, GateState)] = &[
            row(31, Stage::Alpha, false),
            row(33, Stage::Beta, false),
            row(35, Stage::Beta, true),
            row(36, Stage::Stable, true),
        ];
        const ENSURE_SECRET_PULLED_IMAGES: &[(KubeVersion, GateState)] =
            &[row(33, Stage::Alpha, false), row(35, Stage::Beta, true)];
        match self {
            FeatureGate::ImageVolume => IMAGE_VOLUME,
            FeatureGate::KubeletEnsureSecretPulledImages => ENSURE_SECRET_PULLED_IMAGES,
        }
    }
}

/// A feature gate's maturity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stage {
    /// Alpha: off by default.
    Alpha,
    /// Beta.
    Beta,
    /// GA.
    Stable,
}

/// A feature gate in one release.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct GateState {
    /// Its maturity.
    pub stage: Stage,
    /// On unless turned off.
    pub default: bool,
}

impl Default for KubeVersion {
    fn default() -> Self {
        Self::NEWEST
    }
}

impl fmt::Display for KubeVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "1.{}", self.0)
    }
}

impl Serialize for KubeVersion {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for KubeVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        KubeVersion::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
