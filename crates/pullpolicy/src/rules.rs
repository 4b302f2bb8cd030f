//! The typed registry of finding rules (issue #17): for every rule the core reports, its
//! stable id, its severity, a title and a help paragraph (what SARIF's rule metadata
//! needs), the kubernetes.io pages and the FAQ entries its findings point to.
//!
//! Edges compare rules as [`Rule`], never as strings: where a [`crate::Finding`] still
//! carries its id as a string, [`Rule::from_id`] reads it once, at the boundary.
//!
//! The registry is the contract the findings must keep; a test runs the core over every
//! fixture and checks each finding against it (id, severity, links, FAQ entries). Two
//! ids are reported with two severities today (`image-whitespace` and
//! `image-volume-gate`, see [`Rule::ImageWhitespace`] and [`Rule::ImageVolumeGate`]);
//! the test lists them as the only known exceptions until the findings are built from
//! this registry.

use crate::report::Severity;

/// A kubernetes.io page a finding may link to: the allowlist renderers may trust
/// ([`crate::LINKS`] is made from [`Doc::ALL`]: the same URLs, in this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Doc {
    /// Images.
    Images,
    /// Images › image pull policy.
    PullPolicy,
    /// Images › imagePullPolicy defaulting.
    DefaultPolicy,
    /// Images › image names.
    ImageNames,
    /// Images › ImagePullBackOff.
    Backoff,
    /// Images › pre-pulled images.
    PrePulled,
    /// Images › ensure image pull credential verification.
    CredentialVerification,
    /// Admission controllers › AlwaysPullImages.
    AlwaysPullImages,
    /// Deployments › updating a Deployment.
    DeploymentUpdate,
    /// Image volumes.
    ImageVolumes,
    /// Ephemeral containers.
    Ephemeral,
    /// API concepts › field validation.
    FieldValidation,
    /// Custom resources.
    Crd,
    /// Working with objects › required fields.
    Objects,
    /// The deprecated API migration guide.
    DeprecationGuide,
    /// Debugging a running Pod › ephemeral containers.
    EphemeralDebug,
    /// Volumes.
    Volumes,
    /// Resource management for Pods and containers › resource units.
    ResourceUnits,
    /// Object names and IDs.
    Names,
    /// Deployments › selector.
    Selector,
}

impl Doc {
    /// Every page, in [`crate::LINKS`] order.
    pub const ALL: [Doc; 20] = [
        Doc::Images,
        Doc::PullPolicy,
        Doc::DefaultPolicy,
        Doc::ImageNames,
        Doc::Backoff,
        Doc::PrePulled,
        Doc::CredentialVerification,
        Doc::AlwaysPullImages,
        Doc::DeploymentUpdate,
        Doc::ImageVolumes,
        Doc::Ephemeral,
        Doc::FieldValidation,
        Doc::Crd,
        Doc::Objects,
        Doc::DeprecationGuide,
        Doc::EphemeralDebug,
        Doc::Volumes,
        Doc::ResourceUnits,
        Doc::Names,
        Doc::Selector,
    ];

    /// The page's URL.
    pub const fn url(self) -> &'static str {
        match self {
            Doc::Images => "https://kubernetes.io/docs/concepts/containers/images/",
            Doc::PullPolicy => {
                "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"
            }
            Doc::DefaultPolicy => {
                "https://kubernetes.io/docs/concepts/containers/images/#imagepullpolicy-defaulting"
            }
            Doc::ImageNames => "https://kubernetes.io/docs/concepts/containers/images/#image-names",
            Doc::Backoff => {
                "https://kubernetes.io/docs/concepts/containers/images/#imagepullbackoff"
            }
            Doc::PrePulled => {
                "https://kubernetes.io/docs/concepts/containers/images/#pre-pulled-images"
            }
            Doc::CredentialVerification => {
                "https://kubernetes.io/docs/concepts/containers/images/#ensureimagepullcredentialverification"
            }
            Doc::AlwaysPullImages => {
                "https://kubernetes.io/docs/reference/access-authn-authz/admission-controllers/#alwayspullimages"
            }
            Doc::DeploymentUpdate => {
                "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#updating-a-deployment"
            }
            Doc::ImageVolumes => {
                "https://kubernetes.io/docs/tasks/configure-pod-container/image-volumes/"
            }
            Doc::Ephemeral => {
                "https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/"
            }
            Doc::FieldValidation => {
                "https://kubernetes.io/docs/reference/using-api/api-concepts/#field-validation"
            }
            Doc::Crd => {
                "https://kubernetes.io/docs/concepts/extend-kubernetes/api-extension/custom-resources/"
            }
            Doc::Objects => {
                "https://kubernetes.io/docs/concepts/overview/working-with-objects/#required-fields"
            }
            Doc::DeprecationGuide => {
                "https://kubernetes.io/docs/reference/using-api/deprecation-guide/"
            }
            Doc::EphemeralDebug => {
                "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container"
            }
            Doc::Volumes => "https://kubernetes.io/docs/concepts/storage/volumes/",
            Doc::ResourceUnits => {
                "https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#resource-units-in-kubernetes"
            }
            Doc::Names => {
                "https://kubernetes.io/docs/concepts/overview/working-with-objects/names/"
            }
            Doc::Selector => {
                "https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#selector"
            }
        }
    }

    /// The page a finding's link names (exactly), if the registry has it.
    pub fn from_url(url: &str) -> Option<Doc> {
        Doc::ALL.into_iter().find(|d| d.url() == url)
    }
}

/// Every rule the core reports. Every refusal, syntax errors included, is an error
/// finding of its own rule (`Document::refuse`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    /// `imagePullPolicy` is not `Always`, `IfNotPresent` or `Never` (case-sensitive).
    InvalidPullPolicy,
    /// `imagePullPolicy` is a YAML 1.1 boolean or number, not a string.
    PullPolicyNotString,
    /// A container without an image.
    ImageRequired,
    /// Leading or trailing whitespace in the image: the API server refuses such a Pod,
    /// and the Pods of such a template (the template itself is accepted).
    ImageWhitespace,
    /// The kubelet cannot parse the image reference.
    InvalidImageName,
    /// `:latest`, or no tag.
    LatestTag,
    /// `IfNotPresent` with a tag that can be moved.
    MutableTag,
    /// `Never`.
    NeverPull,
    /// `Always` with a digest.
    AlwaysWithDigest,
    /// A tag and a digest.
    TagAndDigest,
    /// A tag that is "latest" in another case.
    LatestCase,
    /// The default is stored at creation.
    DefaultSetOnce,
    /// A Pod's policy cannot change.
    PodPolicyImmutable,
    /// A custom resource's template is not defaulted.
    CustomResourceNotDefaulted,
    /// A bare fragment, read without object-level checks.
    Fragment,
    /// A document without a pod spec (counted, not listed, by the edges).
    Skipped,
    /// A field strict decoding does not know.
    UnknownField,
    /// A key given twice.
    DuplicateKey,
    /// Image volumes and the `ImageVolume` feature gate (a warning when the gate is off;
    /// before 1.31, where the field does not exist, [`Rule::ImageVolumeUnsupported`]).
    ImageVolumeGate,
    /// An ephemeral container.
    EphemeralContainer,
    /// The AlwaysPullImages admission plugin rewrites the policy.
    AlwaysPullImages,
    /// A document of kind `ImagePullPolicy`: the seed article's imagined
    /// "configuration file" (`crate::myths`).
    NoPullPolicyKind,
    /// A label or annotation named like a pull policy, which Kubernetes ignores
    /// (`crate::myths`).
    PullPolicyLabel,
    /// Invalid document separator: kubectl stops here.
    InvalidSeparator,
    /// JSON syntax error: kubectl stops here.
    JsonSyntax,
    /// YAML syntax error: kubectl cannot read the file from here.
    YamlSyntax,
    /// Unknown or excessive YAML aliases: kubectl stops here.
    YamlAlias,
    /// A YAML value kubectl cannot decode: it stops here.
    YamlDecode,
    /// A key that cannot become JSON: kubectl stops here.
    UnsupportedKey,
    /// An infinite or NaN number: kubectl stops here.
    UnsupportedValue,
    /// kubectl 1.33 crashes on this stream.
    KubectlPanic,
    /// The document has no kind (or apiVersion): kubectl refuses it.
    KindMissing,
    /// The document is not an object: kubectl refuses it.
    NotAnObject,
    /// The cluster does not serve this apiVersion and kind: kubectl cannot map it.
    KindNotServed,
    /// The kind is written in the wrong case: the API server cannot decode it.
    KindNotRegistered,
    /// A list kubectl cannot flatten.
    ListInvalid,
    /// kubectl never sends this object.
    NotSent,
    /// The API server rejects the object (Invalid).
    ObjectInvalid,
    /// The API server cannot decode the object (BadRequest).
    ObjectNotDecodable,
    /// kubectl apply's strict field validation refuses the object.
    StrictDecoding,
    /// A Pod or pod template without containers.
    ContainersRequired,
    /// A volume with more than one source.
    VolumeMultipleSources,
    /// A pod spec's list written as something else, or an item that is not a mapping.
    WrongType,
    /// The image is not a string.
    ImageNotString,
    /// This Kubernetes version has no image volumes.
    ImageVolumeUnsupported,
    /// Ephemeral containers cannot be set when a Pod is created.
    EphemeralContainersForbidden,
    /// kubectl apply drops the object's annotations.
    AnnotationsDropped,
    /// A resource quantity the API server cannot read.
    InvalidQuantity,
    /// An object without a name, which kubectl apply cannot apply.
    NameRequired,
    /// A name the API server refuses (the object's, a container's).
    InvalidName,
    /// A workload's selector that is missing, empty or does not select its template.
    WorkloadSelector,
    /// A StatefulSet that is created while each of its Pods is rejected (up to 1.33).
    PodsRejected,
}

impl Rule {
    /// Every rule, in the order SARIF lists them.
    pub const ALL: [Rule; 52] = [
        Rule::InvalidPullPolicy,
        Rule::PullPolicyNotString,
        Rule::ImageRequired,
        Rule::ImageWhitespace,
        Rule::InvalidImageName,
        Rule::LatestTag,
        Rule::MutableTag,
        Rule::NeverPull,
        Rule::AlwaysWithDigest,
        Rule::TagAndDigest,
        Rule::LatestCase,
        Rule::DefaultSetOnce,
        Rule::PodPolicyImmutable,
        Rule::CustomResourceNotDefaulted,
        Rule::Fragment,
        Rule::Skipped,
        Rule::UnknownField,
        Rule::DuplicateKey,
        Rule::ImageVolumeGate,
        Rule::EphemeralContainer,
        Rule::AlwaysPullImages,
        Rule::NoPullPolicyKind,
        Rule::PullPolicyLabel,
        Rule::InvalidSeparator,
        Rule::JsonSyntax,
        Rule::YamlSyntax,
        Rule::YamlAlias,
        Rule::YamlDecode,
        Rule::UnsupportedKey,
        Rule::UnsupportedValue,
        Rule::KubectlPanic,
        Rule::KindMissing,
        Rule::NotAnObject,
        Rule::KindNotServed,
        Rule::KindNotRegistered,
        Rule::ListInvalid,
        Rule::NotSent,
        Rule::ObjectInvalid,
        Rule::ObjectNotDecodable,
        Rule::StrictDecoding,
        Rule::ContainersRequired,
        Rule::VolumeMultipleSources,
        Rule::WrongType,
        Rule::ImageNotString,
        Rule::ImageVolumeUnsupported,
        Rule::EphemeralContainersForbidden,
        Rule::AnnotationsDropped,
        Rule::InvalidQuantity,
        Rule::NameRequired,
        Rule::InvalidName,
        Rule::WorkloadSelector,
        Rule::PodsRejected,
    ];
}

impl Rule {
    /// SARIF's `helpUri`: the first link.
    pub const fn help_uri(self) -> Option<&'static str> {
        match self.links() {
            [first, ..] => Some(first.url()),
            [] => None,
        }
    }

    /// The FAQ entries, resolved.
    pub fn faq_entries(self) -> impl Iterator<Item = &'static crate::faq::FaqEntry> {
        self.faq().iter().filter_map(|id| crate::faq::entry(id))
    }

    /// The rule with this id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// Edges count documents without a pod spec instead of listing them.
    pub const fn is_counted_only(self) -> bool {
        matches!(self, Rule::Skipped)
    }
}

/// The registry, one row per rule; each field gets its own `match`, so that an edge
/// that reads only ids does not carry every title and help text.
macro_rules! registry {
    ($($rule:ident {
        id: $id:literal,
        severity: $severity:ident,
        title: $title:literal,
        help: $help:literal,
        links: [$($link:ident),*],
        faq: [$($faq:literal),*],
    }),* $(,)?) => {
        impl Rule {
            /// The stable kebab-case id, as the JSON contract and SARIF carry it.
            pub const fn id(self) -> &'static str {
                match self { $(Rule::$rule => $id,)* }
            }

            /// How much its findings matter.
            pub const fn severity(self) -> Severity {
                match self { $(Rule::$rule => Severity::$severity,)* }
            }

            /// One line: SARIF's `shortDescription`.
            pub const fn title(self) -> &'static str {
                match self { $(Rule::$rule => $title,)* }
            }

            /// A paragraph: what the rule checks and why it matters (SARIF's
            /// `fullDescription` and `help`).
            pub const fn help(self) -> &'static str {
                match self { $(Rule::$rule => $help,)* }
            }

            /// The kubernetes.io pages its findings link to, the first being SARIF's
            /// `helpUri`.
            pub const fn links(self) -> &'static [Doc] {
                match self { $(Rule::$rule => &[$(Doc::$link),*],)* }
            }

            /// The FAQ entries its findings point to ([`crate::faq::entry`] ids).
            pub const fn faq(self) -> &'static [&'static str] {
                match self { $(Rule::$rule => &[$($faq),*],)* }
            }

            /// [`Rule::links`] as URLs: what its findings carry (`Finding::links`).
            pub const fn link_urls(self) -> &'static [&'static str] {
                match self { $(Rule::$rule => const { &[$(Doc::$link.url()),*] },)* }
            }
        }
    };
}

registry! {
    InvalidPullPolicy {
        id: "invalid-pull-policy",
        severity: Error,
        title: "imagePullPolicy is not Always, IfNotPresent or Never (case-sensitive)",
        help: "The API server accepts only \"Always\", \"IfNotPresent\" and \"Never\", spelled exactly so, and rejects any other value: the object is not created.",
        links: [PullPolicy],
        faq: ["field-typos", "what-is-imagepullpolicy"],
    },
    PullPolicyNotString {
        id: "pull-policy-not-string",
        severity: Error,
        title: "imagePullPolicy is not a string (YAML 1.1 boolean or number)",
        help: "Kubernetes reads YAML as YAML 1.1, where unquoted yes, no, on, off, true and false are booleans. imagePullPolicy needs a string, so such a value is rejected when the object is decoded.",
        links: [PullPolicy],
        faq: ["what-is-imagepullpolicy"],
    },
    ImageRequired {
        id: "image-required",
        severity: Error,
        title: "A container has no image",
        help: "The API server requires an image in every container of a Pod and of a pod template, although the OpenAPI schema marks it optional.",
        links: [ImageNames],
        faq: [],
    },
    ImageWhitespace {
        id: "image-whitespace",
        severity: Error,
        title: "The image has leading or trailing whitespace",
        help: "The API server rejects a Pod whose image has leading or trailing whitespace. Templates are not checked for it, so the Pods a workload creates from one are rejected instead.",
        links: [ImageNames],
        faq: [],
    },
    InvalidImageName {
        id: "invalid-image-name",
        severity: Error,
        title: "The kubelet cannot parse the image reference (InvalidImageName)",
        help: "The API server does not check image syntax, so the object is accepted; the kubelet cannot parse the reference and the container waits with reason InvalidImageName.",
        links: [ImageNames],
        faq: ["invalid-image-name"],
    },
    LatestTag {
        id: "latest-tag",
        severity: Warning,
        title: "The image uses :latest (or no tag), a tag that moves",
        help: "A moving tag does not say which image runs: with Always every start asks the registry what it means now, with IfNotPresent each node keeps what it pulled first. A fixed tag or a digest says exactly which image runs.",
        links: [DefaultPolicy, PullPolicy],
        faq: ["why-default-always", "mutable-tags-diverge"],
    },
    MutableTag {
        id: "mutable-tag",
        severity: Info,
        title: "IfNotPresent with a tag that can be moved keeps each node's copy",
        help: "IfNotPresent uses the image a node already holds under the tag. If the tag is pushed again, nodes that pulled before keep the old content; a digest makes the content exact.",
        links: [PullPolicy],
        faq: ["mutable-tags-diverge"],
    },
    NeverPull {
        id: "never-pull",
        severity: Info,
        title: "Never: the image must already be on every node",
        help: "The kubelet never pulls: a node without the image reports ErrImageNeverPull.",
        links: [PrePulled, CredentialVerification],
        faq: ["err-image-never-pull"],
    },
    AlwaysWithDigest {
        id: "always-with-digest",
        severity: Info,
        title: "Always with a digest needs the registry at every start",
        help: "A digest names exact content, yet Always still asks the registry at every container start; IfNotPresent would start from the node's copy.",
        links: [PullPolicy],
        faq: ["always-redownload", "registry-down"],
    },
    TagAndDigest {
        id: "tag-and-digest",
        severity: Info,
        title: "Tag and digest: only the digest is used for pulling",
        help: "With both, the runtime pulls by digest and the tag is only a label for people; the tag still decides the default policy.",
        links: [ImageNames],
        faq: ["digest-default"],
    },
    LatestCase {
        id: "latest-case",
        severity: Warning,
        title: "A tag that is \"latest\" in another case does not default to Always",
        help: "Defaulting gives Always only for the exact tag \"latest\"; another case defaults to IfNotPresent.",
        links: [DefaultPolicy],
        faq: ["latest-case"],
    },
    DefaultSetOnce {
        id: "default-set-once",
        severity: Info,
        title: "The defaulted policy is stored when the object is created",
        help: "Changing the image later keeps the stored policy: moving from a fixed tag to :latest does not make it Always.",
        links: [DefaultPolicy],
        faq: ["change-after-creation", "why-default-always"],
    },
    PodPolicyImmutable {
        id: "pod-policy-immutable",
        severity: Info,
        title: "A Pod's imagePullPolicy cannot be changed after creation",
        help: "Pod updates may change only a few fields; changing imagePullPolicy is Forbidden. Change a workload's template instead.",
        links: [PullPolicy, DeploymentUpdate],
        faq: ["change-running-pod", "change-after-creation"],
    },
    CustomResourceNotDefaulted {
        id: "custom-resource-not-defaulted",
        severity: Info,
        title: "The API server does not default a custom resource's pod template",
        help: "Defaulting runs for built-in types only; the Pods a custom resource's controller creates are defaulted by the same rule.",
        links: [Crd, DefaultPolicy],
        faq: ["why-default-always"],
    },
    Fragment {
        id: "fragment",
        severity: Info,
        title: "Read as a fragment: no object-level checks",
        help: "A snippet without a kind is defaulted as in a Pod; validation that depends on the object is not shown.",
        links: [],
        faq: [],
    },
    Skipped {
        id: "skipped",
        severity: Info,
        title: "Nothing to explain in this document",
        help: "The document holds no pod spec (a Service, a ConfigMap, an empty document).",
        links: [],
        faq: [],
    },
    UnknownField {
        id: "unknown-field",
        severity: Error,
        title: "Unknown field: rejected by strict field validation, dropped otherwise",
        help: "kubectl apply (strict field validation, the default since 1.27) rejects an object with a field its type does not have; without validation the field is silently dropped.",
        links: [FieldValidation],
        faq: ["field-typos"],
    },
    DuplicateKey {
        id: "duplicate-key",
        severity: Warning,
        title: "Duplicate key: the last value wins",
        help: "kubectl converts YAML to JSON and keeps the last value of a key given twice, without a word; a JSON request with strict field validation is rejected instead.",
        links: [FieldValidation],
        faq: ["field-typos"],
    },
    ImageVolumeGate {
        id: "image-volume-gate",
        severity: Warning,
        title: "Image volumes need the ImageVolume feature gate",
        help: "Image volumes are alpha in 1.31–1.32, beta but off in 1.33–1.34, on by default from 1.35 and GA in 1.36; before 1.31 the volume source does not exist.",
        links: [ImageVolumes],
        faq: ["image-volumes"],
    },
    EphemeralContainer {
        id: "ephemeral-container",
        severity: Info,
        title: "Ephemeral containers are added to running Pods",
        help: "Ephemeral containers arrive through the pods/ephemeralcontainers subresource (kubectl debug), not at creation; the AlwaysPullImages admission plugin does not see them.",
        links: [Ephemeral, AlwaysPullImages],
        faq: ["always-pull-images"],
    },
    AlwaysPullImages {
        id: "always-pull-images",
        severity: Info,
        title: "AlwaysPullImages makes the policy Always",
        help: "The admission plugin rewrites every container of every new Pod to Always, so each start needs the registry and working credentials.",
        links: [AlwaysPullImages],
        faq: ["always-pull-images"],
    },
    NoPullPolicyKind {
        id: "no-pull-policy-kind",
        severity: Warning,
        title: "Kubernetes has no ImagePullPolicy kind",
        help: "There is no pull-policy object or configuration file: the policy is each container's imagePullPolicy field, defaulted when the object is created, and only the AlwaysPullImages admission plugin overrides it cluster-wide.",
        links: [PullPolicy, DefaultPolicy, AlwaysPullImages],
        faq: ["what-is-imagepullpolicy", "always-pull-images"],
    },
    PullPolicyLabel {
        id: "pull-policy-label",
        severity: Warning,
        title: "A label or annotation named like a pull policy does nothing",
        help: "Kubernetes reads no pull-policy label or annotation on an object, its pod template or its images: the policy is each container's imagePullPolicy field, defaulted when the object is created, and only the AlwaysPullImages admission plugin overrides it cluster-wide.",
        links: [PullPolicy, DefaultPolicy, AlwaysPullImages],
        faq: ["what-is-imagepullpolicy", "always-pull-images"],
    },
    InvalidSeparator {
        id: "invalid-separator",
        severity: Error,
        title: "Invalid document separator: kubectl stops here",
        help: "kubectl cuts a file into documents at lines that start with `---`, followed only by spaces or a comment; it refuses any other such line and reads no further document.",
        links: [],
        faq: [],
    },
    JsonSyntax {
        id: "json-syntax",
        severity: Error,
        title: "JSON syntax error: kubectl stops here",
        help: "A file that starts with `{` is read as a stream of JSON values; a value that is not valid JSON stops kubectl, and no later document is sent.",
        links: [],
        faq: [],
    },
    YamlSyntax {
        id: "yaml-syntax",
        severity: Error,
        title: "YAML syntax error: kubectl cannot read the file from here",
        help: "kubectl reads each document with go-yaml v2, which cannot parse the text here; kubectl stops, and no later document is sent.",
        links: [],
        faq: [],
    },
    YamlAlias {
        id: "yaml-alias",
        severity: Error,
        title: "Unknown or excessive YAML aliases: kubectl stops here",
        help: "go-yaml reads each document on its own: an alias must refer to an anchor earlier in the same document, and aliases may not expand without bound.",
        links: [],
        faq: [],
    },
    YamlDecode {
        id: "yaml-decode",
        severity: Error,
        title: "A YAML value kubectl cannot decode: it stops here",
        help: "go-yaml parses the document but cannot decode a value (a mapping or sequence as a key, a value that does not fit its tag, bad `!!binary`, a merge of a non-mapping).",
        links: [],
        faq: [],
    },
    UnsupportedKey {
        id: "unsupported-key",
        severity: Error,
        title: "A key that cannot become JSON: kubectl stops here",
        help: "kubectl converts each YAML document to JSON, whose keys are strings; a key that cannot be converted stops it.",
        links: [],
        faq: [],
    },
    UnsupportedValue {
        id: "unsupported-value",
        severity: Error,
        title: "An infinite or NaN number: kubectl stops here",
        help: "JSON has no infinite or NaN numbers, so kubectl cannot convert an unquoted `.inf`, `-.inf` or `.nan` and stops.",
        links: [],
        faq: [],
    },
    KubectlPanic {
        id: "kubectl-panic",
        severity: Error,
        title: "kubectl 1.33 crashes on this stream",
        help: "After a JSON value, kubectl 1.33's fallback to YAML mis-counts a short YAML document and crashes (fixed in 1.34).",
        links: [],
        faq: [],
    },
    KindMissing {
        id: "kind-missing",
        severity: Error,
        title: "The document has no kind (or apiVersion): kubectl refuses it",
        help: "kubectl needs `apiVersion` and `kind` to find the object's resource; without them it refuses the document and sends nothing.",
        links: [Objects],
        faq: [],
    },
    NotAnObject {
        id: "not-an-object",
        severity: Error,
        title: "The document is not an object: kubectl refuses it",
        help: "kubectl decodes each document as a JSON object; a list, string or number at the top is refused.",
        links: [Objects],
        faq: [],
    },
    KindNotServed {
        id: "kind-not-served",
        severity: Error,
        title: "The cluster does not serve this apiVersion and kind: kubectl cannot map it",
        help: "kubectl apply looks the kind up in the versions the API server serves (its REST mapping); a removed or misspelled apiVersion gets `no matches for kind`, and the object is not sent.",
        links: [DeprecationGuide],
        faq: [],
    },
    KindNotRegistered {
        id: "kind-not-registered",
        severity: Error,
        title: "The kind is written in the wrong case: the API server cannot decode it",
        help: "kubectl maps kinds without regard to case, but the API server's scheme knows only the exact spelling, so it refuses the object.",
        links: [Objects],
        faq: [],
    },
    ListInvalid {
        id: "list-invalid",
        severity: Error,
        title: "A list kubectl cannot flatten",
        help: "kubectl reads any document with `items` as a list and sends its items one by one; a list whose items cannot be decoded is refused with every item.",
        links: [Objects],
        faq: [],
    },
    NotSent {
        id: "not-sent",
        severity: Error,
        title: "kubectl never sends this object",
        help: "kubectl stopped before this object (an earlier document stopped the stream, or its list was refused), so it is never created.",
        links: [],
        faq: [],
    },
    ObjectInvalid {
        id: "object-invalid",
        severity: Error,
        title: "The API server rejects the object (Invalid)",
        help: "The API server validates the object and rejects it: it is never created and no policy applies; each cause is marked at its field.",
        links: [PullPolicy],
        faq: [],
    },
    ObjectNotDecodable {
        id: "object-not-decodable",
        severity: Error,
        title: "The API server cannot decode the object (BadRequest)",
        help: "The API server cannot decode the object into its Go type (a value of the wrong type), so it is never created.",
        links: [PullPolicy],
        faq: [],
    },
    StrictDecoding {
        id: "strict-decoding",
        severity: Error,
        title: "kubectl apply's strict field validation refuses the object",
        help: "kubectl apply asks for strict field validation (its default since 1.27), so the API server refuses an object with unknown fields.",
        links: [FieldValidation],
        faq: ["field-typos"],
    },
    ContainersRequired {
        id: "containers-required",
        severity: Error,
        title: "A Pod or pod template without containers",
        help: "Every Pod and pod template needs at least one container: an empty or null `containers` list is rejected.",
        links: [Objects],
        faq: [],
    },
    VolumeMultipleSources {
        id: "volume-multiple-sources",
        severity: Error,
        title: "A volume with more than one source",
        help: "A volume has exactly one source; the API server rejects every further one.",
        links: [Volumes],
        faq: [],
    },
    WrongType {
        id: "wrong-type",
        severity: Error,
        title: "A value of the wrong type",
        help: "The API server decodes the object into its Go types first: a value of another kind than its field's type (a quoted number for `replicas` or `containerPort`, a boolean or a number for a label or an env value, a mapping where a list goes) makes it refuse the whole object.",
        links: [Objects],
        faq: [],
    },
    ImageNotString {
        id: "image-not-string",
        severity: Error,
        title: "The image is not a string",
        help: "Kubernetes reads YAML as YAML 1.1; an unquoted number or boolean as the image cannot be decoded into a string, so the object is refused.",
        links: [ImageNames],
        faq: [],
    },
    ImageVolumeUnsupported {
        id: "image-volume-unsupported",
        severity: Error,
        title: "This Kubernetes version has no image volumes",
        help: "The `image` volume source is unknown to this version's API.",
        links: [ImageVolumes],
        faq: ["image-volumes"],
    },
    EphemeralContainersForbidden {
        id: "ephemeral-containers-forbidden",
        severity: Error,
        title: "Ephemeral containers cannot be set when a Pod is created",
        help: "The API server refuses a Pod that has `ephemeralContainers` at creation; they are added to a running Pod through its `ephemeralcontainers` subresource.",
        links: [Ephemeral, EphemeralDebug],
        faq: [],
    },
    AnnotationsDropped {
        id: "annotations-dropped",
        severity: Warning,
        title: "kubectl apply drops the object's annotations",
        help: "`kubectl apply` reads annotations as strings only: when a value is an unquoted boolean or number, it sends the object without any of them.",
        links: [],
        faq: [],
    },
    InvalidQuantity {
        id: "invalid-quantity",
        severity: Error,
        title: "A resource quantity Kubernetes cannot read",
        help: "A CPU or memory amount, or a volume size, that is not a number with one suffix (`500m`, `512Mi`, `1G`, `1e3`): the API server refuses the whole object.",
        links: [ResourceUnits],
        faq: [],
    },
    NameRequired {
        id: "name-required",
        severity: Error,
        title: "kubectl apply needs the object's name",
        help: "`kubectl apply` refuses an object without a `metadata.name` (or with only a `generateName`, or with a name it cannot put in a URL): it is never created.",
        links: [Objects],
        faq: [],
    },
    InvalidName {
        id: "invalid-name",
        severity: Error,
        title: "A name the API server refuses",
        help: "Container names are RFC 1123 labels (at most 63 lower-case letters, digits and `-`), each its own in the pod; the names of Pods, Deployments, Jobs and most other workloads are RFC 1123 subdomains (`.` too, at most 253): the API server rejects an object with another name.",
        links: [Names],
        faq: [],
    },
    WorkloadSelector {
        id: "workload-selector",
        severity: Error,
        title: "A workload's selector is missing, empty or does not select its pod template",
        help: "In `apps/v1` a Deployment, ReplicaSet or StatefulSet needs a `spec.selector`, none may have an empty one, and the labels of each one's pod template (a DaemonSet's too) must satisfy it: the API server rejects the object otherwise.",
        links: [Selector],
        faq: [],
    },
    PodsRejected {
        id: "pods-rejected",
        severity: Error,
        title: "The StatefulSet is created, but the API server rejects each of its Pods",
        help: "Up to Kubernetes 1.33 the API server does not validate a StatefulSet's pod template: a StatefulSet with an invalid one is created, and each Pod its controller makes from it is rejected (`FailedCreate`), so none runs.",
        links: [],
        faq: [],
    },
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Finding, KubeVersion, Options, Report};
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    #[test]
    fn ids_are_unique_kebab_case_and_read_back() {
        let mut seen = BTreeSet::new();
        for rule in Rule::ALL {
            let id = rule.id();
            assert!(seen.insert(id), "{id} twice");
            assert!(
                id.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{id}"
            );
            assert_eq!(Rule::from_id(id), Some(rule));
            assert!(!rule.title().is_empty() && !rule.help().is_empty());
            assert!(rule.help().ends_with('.'), "{id}");
        }
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    #[test]
    fn links_are_the_cores_allowlist() {
        let urls: Vec<&str> = Doc::ALL.iter().map(|d| d.url()).collect();
        assert_eq!(urls, crate::LINKS);
        for d in Doc::ALL {
            assert_eq!(Doc::from_url(d.url()), Some(d));
        }
    }

    #[test]
    fn faq_ids_name_entries() {
        for rule in Rule::ALL {
            assert_eq!(
                rule.faq_entries().count(),
                rule.faq().len(),
                "{rule}: {:?}",
                rule.faq()
            );
        }
    }

    /// Every YAML and JSON input the workspace's tests read, and a few inputs made for
    /// the findings the fixtures do not reach.
    fn inputs() -> Vec<(String, String)> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut dirs: Vec<PathBuf> = vec![
            root.join("tests/fixtures"),
            root.join("crates/pullpolicy_cli/tests/data"),
        ];
        let mut out = Vec::new();
        while let Some(dir) = dirs.pop() {
            let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
                .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .map(|e| e.expect("entry").path())
                .collect();
            entries.sort();
            for path in entries {
                if path.is_dir() {
                    dirs.push(path);
                } else if path
                    .extension()
                    .is_some_and(|e| e == "yaml" || e == "yml" || e == "json")
                    && !path.ends_with("sarif-schema-2.1.0.json")
                {
                    let text = std::fs::read_to_string(&path).expect("UTF-8 input");
                    out.push((path.display().to_string(), text));
                }
            }
        }
        let pod = |containers: &str| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n{containers}"
            )
        };
        out.push((
            "made: whitespace in a Pod".into(),
            pod("  - {name: a, image: \" nginx:1\"}\n"),
        ));
        out.push((
            "made: whitespace in a template".into(),
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: a, image: \"nginx:1 \"}\n".into(),
        ));
        // What kubectl cannot read, one input per rule (the reader's own tests have the
        // words; here only the registry matters).
        for (name, text) in [
            ("a separator with content", "a: 1\n--- {}\nb: 2\n"),
            ("bad JSON", "{\"kind\": \"Pod\"}\n{\"kind\": }\n"),
            ("an unknown alias", "a: *nope\n"),
            ("a sequence as a key", "---\n{[a]: 1}: b\n"),
            ("a null key", "~: a\n"),
            ("an infinite number", "replicas: .inf\n"),
            // kubectl 1.33's fallback to YAML after JSON (the list runs 1.33 too).
            (
                "JSON, then a short YAML document",
                "{\"aaaaaaaaaaaa\":1}\n---\nb\n",
            ),
            // What kubectl or the API server refuses.
            (
                "a kind in lower case",
                "apiVersion: apps/v1\nkind: deployment\nmetadata: {name: b}\n",
            ),
            (
                "a list of strings",
                "apiVersion: apps/v1\nkind: DeploymentList\nitems: [x]\n",
            ),
            ("not an object", "---\nhello\n"),
            (
                "no containers",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: []}\n",
            ),
            (
                "a number as the image",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: c}\nspec: {containers: [{name: x, image: 5}]}\n",
            ),
            (
                "containers as a mapping",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {name: a, image: nginx}\n",
            ),
            (
                "an annotation that is not a string",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p, annotations: {a: \"1\", b: true}}\nspec: {containers: [{name: x, image: \"nginx:1\"}]}\n",
            ),
            (
                "no name",
                "apiVersion: v1\nkind: Pod\nmetadata: {labels: {a: b}}\nspec:\n  containers: [{name: x, image: \"nginx:1\"}]\n",
            ),
            (
                "a memory limit in GB",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: x, image: \"nginx:1\", resources: {limits: {memory: 1GB}}}]\n",
            ),
            (
                "a StatefulSet without an image (its Pods are rejected up to 1.33)",
                "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  selector: {matchLabels: {app: s}}\n  template:\n    metadata: {labels: {app: s}}\n    spec:\n      containers: [{name: x}]\n",
            ),
            (
                "two volume sources",
                "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: x, image: \"nginx:1\"}]\n  volumes: [{name: v, emptyDir: {}, hostPath: {path: /x}}]\n",
            ),
        ] {
            out.push((format!("made: {name}"), text.to_owned()));
        }
        out.push((
            "made: an image volume".into(),
            format!(
                "{}  volumes:\n  - name: v\n    image: {{reference: \"tools:1\"}}\n",
                pod("  - {name: a, image: \"nginx:1\"}\n")
            ),
        ));
        out
    }

    #[test]
    fn every_finding_is_the_registrys() {
        let mut options = Options::default();
        let mut seen: BTreeMap<(Rule, Severity), usize> = BTreeMap::new();
        let check = |name: &str, minor: u8, report: &Report, seen: &mut BTreeMap<_, _>| {
            let findings: Vec<&Finding> = report.findings().collect();
            for f in findings {
                let rule = Rule::from_id(f.rule).unwrap_or_else(|| {
                    panic!("{name} (1.{minor}): {} is not in the registry", f.rule)
                });
                assert!(
                    f.severity == rule.severity(),
                    "{name} (1.{minor}): {} is {:?}, the registry says {:?}",
                    f.rule,
                    f.severity,
                    rule.severity()
                );
                let links: Vec<&str> = rule.links().iter().map(|d| d.url()).collect();
                assert_eq!(f.links, links.as_slice(), "{name}: {}'s links", f.rule);
                assert_eq!(f.faq, rule.faq(), "{name}: {}'s FAQ entries", f.rule);
                *seen.entry((rule, f.severity)).or_insert(0) += 1;
            }
        };
        for (name, text) in inputs() {
            for minor in [28, 30, 33, 36] {
                options.kubernetes_version = KubeVersion::new(minor).expect("supported");
                for always in [false, true] {
                    options.scenario.always_pull_images = always;
                    check(&name, minor, &crate::explain(&text, &options), &mut seen);
                }
            }
        }
        // Every rule is reached by some input.
        for rule in Rule::ALL {
            assert!(
                seen.keys().any(|(r, _)| *r == rule),
                "no input reports {rule}"
            );
        }
    }
}
