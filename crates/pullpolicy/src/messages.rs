//! Every user-facing word the core produces, in one place: Kubernetes' own messages
//! (reproduced exactly; each names its source), and this tool's findings and reasons.

use crate::options::KubeVersion;
use crate::report::{Finding, PullPolicy, Severity};
use crate::rules::Doc;
use crate::source::Position;
#[cfg(test)]
use crate::versions::{FeatureGate, Stage};
use std::borrow::Cow;

pub(crate) mod kubelet;

// ---------------------------------------------------------------------------------------
// Links (kubernetes.io only) and FAQ ids.

// The URLs live once, in the rule registry's `Doc`; these names keep the findings below
// readable.
const PULL_POLICY: &str = Doc::PullPolicy.url();
const DEFAULT_POLICY: &str = Doc::DefaultPolicy.url();
const IMAGE_NAMES: &str = Doc::ImageNames.url();
const PRE_PULLED: &str = Doc::PrePulled.url();
const CREDENTIAL_VERIFICATION: &str = Doc::CredentialVerification.url();
const ALWAYS_PULL_IMAGES: &str = Doc::AlwaysPullImages.url();
const DEPLOYMENT_UPDATE: &str = Doc::DeploymentUpdate.url();
const IMAGE_VOLUMES: &str = Doc::ImageVolumes.url();
const EPHEMERAL: &str = Doc::Ephemeral.url();
const FIELD_VALIDATION: &str = Doc::FieldValidation.url();
const CRD: &str = Doc::Crd.url();

/// Every link findings may carry: the allowlist the renderers may trust.
pub const LINKS: &[&str] = &ALL_URLS;

/// [`Doc::ALL`]'s URLs, in its order.
const ALL_URLS: [&str; Doc::ALL.len()] = {
    let mut urls = [""; Doc::ALL.len()];
    let mut i = 0;
    while i < urls.len() {
        urls[i] = Doc::ALL[i].url();
        i += 1;
    }
    urls
};

// ---------------------------------------------------------------------------------------
// Kubernetes' own words.

pub(crate) use crate::reference::go_quote;

/// `field.NotSupported` for `imagePullPolicy` (validation.go `validatePullPolicy`; the
/// supported list is sorted): spec §2.1.
pub(crate) fn unsupported_pull_policy(path: &str, value: &str) -> String {
    format!(
        "{path}: Unsupported value: {}: supported values: \"Always\", \"IfNotPresent\", \"Never\"",
        go_quote(value)
    )
}

/// `field.Required` (spec §2.2).
pub(crate) fn required_value(path: &str) -> String {
    format!("{path}: Required value")
}

/// `validateContainerOnlyForPod` (spec §2.3).
pub(crate) fn image_whitespace(path: &str, image: &str) -> String {
    format!(
        "{path}: Invalid value: {}: must not have leading or trailing whitespace",
        go_quote(image)
    )
}

/// The API `StatusError` for an invalid object (spec §2.1): one error bare, several in
/// brackets joined by ", ".
pub(crate) fn object_invalid(kind: &str, group: &str, name: &str, errors: &[String]) -> String {
    let kind = if group.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind}.{group}")
    };
    let body = match errors {
        [one] => one.clone(),
        many => format!("[{}]", many.join(", ")),
    };
    format!("{kind} {} is invalid: {body}", go_quote(name))
}

/// Strict decoding's error for a field the type does not have.
pub(crate) fn unknown_field(path: &str) -> String {
    format!("unknown field {}", go_quote(path))
}

/// Strict decoding's error for a key given twice.
pub(crate) fn duplicate_field(path: &str) -> String {
    format!("duplicate field {}", go_quote(path))
}

/// The JSON decoder's error for a value of the wrong type in a string field.
pub(crate) fn not_a_string(
    go_kind: &str,
    struct_name: &str,
    json_path: &str,
    go_type: &str,
) -> String {
    format!(
        "json: cannot unmarshal {go_kind} into Go struct field {struct_name}.{json_path} of type {go_type}"
    )
}

/// A mapping or sequence used as a key: YAML allows it, but Kubernetes converts YAML to
/// JSON (sigs.k8s.io/yaml), whose keys are strings, and stops with an invalid-map-key
/// error. Typical cause: an unrendered template (`replicas: {{replicas}}`).
pub(crate) fn collection_key() -> String {
    "invalid map key: a mapping or sequence cannot be a key (Kubernetes converts YAML to JSON, whose keys are strings; is this an unrendered template such as {{value}}?)".to_owned()
}

// ---------------------------------------------------------------------------------------
// Options.

pub(crate) fn unsupported_version(text: &str, oldest: KubeVersion, newest: KubeVersion) -> String {
    format!(
        "unsupported Kubernetes version {text:?}: supported versions are {}",
        version_range(oldest, newest)
    )
}

/// `1.28 to 1.37`.
pub(crate) fn version_range(oldest: KubeVersion, newest: KubeVersion) -> String {
    format!("{oldest} to {newest}")
}

/// A feature gate's stages in words, from the version table:
/// `alpha in 1.31–1.32, beta but off in 1.33–1.34, on by default from 1.35 and GA in 1.36`.
#[cfg(test)]
pub(crate) fn gate_stages(gate: FeatureGate) -> String {
    let rows = gate.history();
    let phrases: Vec<String> = rows
        .iter()
        .enumerate()
        .map(|(i, &(since, state))| {
            let until = rows.get(i + 1).and_then(|(next, _)| next.previous());
            let span = match until {
                Some(until) if until == since => format!("in {since}"),
                Some(until) => format!("in {since}–{until}"),
                None => format!("from {since}"),
            };
            match (state.stage, state.default) {
                (Stage::Stable, _) => format!("GA in {since}"),
                (_, true) => format!("on by default from {since}"),
                (Stage::Alpha, false) => format!("alpha {span}"),
                (Stage::Beta, false) => format!("beta but off {span}"),
            }
        })
        .collect();
    match phrases.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Why the policy is what it is (one sentence each).

/// What defaulting looked at in the image.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TagCase<'a> {
    /// Neither tag nor digest: taken as `latest`.
    NoTag,
    /// Tag `latest` (maybe with a digest).
    Latest { digest: bool },
    /// Another tag (maybe with a digest).
    Tag(&'a str),
    /// A digest and no tag.
    DigestOnly,
    /// The image does not parse (the error is ignored by defaulting).
    Unparseable,
}

pub(crate) fn reason_explicit(p: PullPolicy) -> String {
    format!("Written as {p}, one of the three values the API server accepts.")
}

pub(crate) fn reason_defaulted(
    p: PullPolicy,
    case: TagCase<'_>,
    written_empty: Option<&str>,
    custom: bool,
) -> String {
    let why = match case {
        TagCase::NoTag => "the image has neither tag nor digest, so its tag is taken to be \"latest\"".to_owned(),
        TagCase::Latest { digest: false } => "the tag is \"latest\"".to_owned(),
        TagCase::Latest { digest: true } => "the tag is \"latest\" (the digest does not change the default)".to_owned(),
        TagCase::Tag(tag) => format!("the tag {} is not \"latest\"", go_quote(tag)),
        TagCase::DigestOnly => "the image has a digest and no tag".to_owned(),
        TagCase::Unparseable => "the image does not parse, and defaulting ignores the error (no tag means not \"latest\")".to_owned(),
    };
    let how = match written_empty {
        Some(form) => format!("Written as {form}, which counts as not set, so"),
        None => "Not set, so".to_owned(),
    };
    let who = if custom {
        "Pods created from this template get"
    } else {
        "the API server defaults it to"
    };
    format!("{how} {who} {p} because {why}.")
}

pub(crate) fn reason_invalid_value(value: &str) -> String {
    format!(
        "Rejected: {} is not one of \"Always\", \"IfNotPresent\", \"Never\" (the values are case-sensitive).",
        go_quote(value)
    )
}

pub(crate) fn reason_not_a_string(kind: &str, text: &str) -> String {
    format!(
        "Rejected: Kubernetes reads `{text}` as a {kind}, not a string (YAML 1.1); quote it or write one of the three values."
    )
}

pub(crate) fn reason_object_rejected(p: Option<PullPolicy>) -> String {
    match p {
        Some(p) => format!(
            "The API server rejects this object, so no policy applies (were it accepted: {p})."
        ),
        None => "The API server rejects this object, so no policy applies.".to_owned(),
    }
}

pub(crate) fn reason_admission(before: Option<PullPolicy>) -> String {
    match before {
        Some(p) => format!(
            "The AlwaysPullImages admission plugin sets Always when the Pod is created (as written or defaulted: {p})."
        ),
        None => {
            "The AlwaysPullImages admission plugin sets Always when the Pod is created.".to_owned()
        }
    }
}

pub(crate) fn reason_volume_gate_off(version: KubeVersion) -> String {
    format!(
        "Not defaulted: image volumes need the ImageVolume feature gate, which is off by default in Kubernetes {version}."
    )
}

// ---------------------------------------------------------------------------------------
// Findings.

struct F {
    rule: &'static str,
    severity: Severity,
    message: String,
    explanation: Cow<'static, str>,
    fix: Option<String>,
    links: &'static [&'static str],
    faq: &'static [&'static str],
}

impl F {
    fn at(self, position: Position) -> Finding {
        Finding {
            rule: self.rule,
            severity: self.severity,
            message: self.message,
            explanation: self.explanation,
            fix: self.fix,
            links: self.links,
            faq: self.faq,
            position,
        }
    }
}

pub(crate) fn invalid_pull_policy(at: Position, api_message: &str, value: &str) -> Finding {
    let fix = PullPolicy::ALL
        .into_iter()
        .find(|p| p.as_str().eq_ignore_ascii_case(value.trim()))
        .map_or_else(
            || "imagePullPolicy: IfNotPresent   # or Always, or Never (case-sensitive)".to_owned(),
            |p| format!("imagePullPolicy: {p}"),
        );
    F {
        rule: "invalid-pull-policy",
        severity: Severity::Error,
        message: api_message.to_owned(),
        explanation: Cow::Owned(format!(
            "The API server accepts only \"Always\", \"IfNotPresent\" and \"Never\", spelled exactly so; {} is rejected and the object is not created. Linters that compare case-insensitively, or only check \"is it Always\", miss this.",
            go_quote(value)
        )),
        fix: Some(fix),
        links: &[PULL_POLICY],
        // "field-typos" answers exactly this case (a misspelled value is rejected).
        faq: &["field-typos", "what-is-imagepullpolicy"],
    }
    .at(at)
}

pub(crate) fn pull_policy_not_a_string(
    at: Position,
    decode_message: &str,
    kind: &str,
    text: &str,
) -> Finding {
    F {
        rule: "pull-policy-not-string",
        severity: Severity::Error,
        message: decode_message.to_owned(),
        explanation: Cow::Owned(format!(
            "Kubernetes reads YAML as YAML 1.1, where an unquoted `{text}` is a {kind}. The field needs a string, so the object is rejected when it is decoded."
        )),
        fix: Some("imagePullPolicy: IfNotPresent   # or Always, or Never".to_owned()),
        links: &[PULL_POLICY],
        faq: &["what-is-imagepullpolicy"],
    }
    .at(at)
}

pub(crate) fn image_required(at: Position, api_message: &str) -> Finding {
    F {
        rule: "image-required",
        severity: Severity::Error,
        message: api_message.to_owned(),
        explanation: "The OpenAPI schema marks `image` optional (so config tools can fill it in), but the API server requires it in every Pod and pod template.".into(),
        fix: Some("image: registry.example.com/team/app:1.0.0".to_owned()),
        links: &[IMAGE_NAMES],
        faq: &[],
    }
    .at(at)
}

pub(crate) fn image_whitespace_pod(at: Position, api_message: &str, image: &str) -> Finding {
    F {
        rule: "image-whitespace",
        severity: Severity::Error,
        message: api_message.to_owned(),
        explanation: "The API server rejects a Pod whose image has leading or trailing whitespace."
            .into(),
        fix: Some(format!("image: {}", image.trim())),
        links: &[IMAGE_NAMES],
        faq: &[],
    }
    .at(at)
}

pub(crate) fn image_whitespace_template(at: Position, pod_message: &str, image: &str) -> Finding {
    F {
        rule: "image-whitespace",
        severity: Severity::Warning,
        message: format!("image {} has leading or trailing whitespace", go_quote(image)),
        explanation: Cow::Owned(format!(
            "Templates are not checked for this, so the object is accepted, but the Pods created from it are rejected with `{pod_message}` (the controller reports FailedCreate)."
        )),
        fix: Some(format!("image: {}", image.trim())),
        links: &[IMAGE_NAMES],
        faq: &[],
    }
    .at(at)
}

/// An image volume without `reference` in a pod template, up to 1.36: the API server
/// checks it only for Pods (`validateImageVolumeSource` with `opts.ResourceIsPod`), so the
/// object is accepted and its controller's Pods are rejected with `pod_message`
/// (kubernetes#135988 shows `FailedCreate … spec.volumes[0].image.reference: Required value`).
/// From 1.37 the template itself is rejected (kubernetes#135989).
pub(crate) fn image_volume_reference_template(
    at: Position,
    pod_message: &str,
    version: KubeVersion,
) -> Finding {
    F {
        rule: "image-required",
        severity: Severity::Warning,
        message: "this image volume has no reference: the Pods created from this template are rejected".to_owned(),
        explanation: Cow::Owned(format!(
            "Kubernetes {version} checks an image volume's reference only in Pods, so the object is accepted, but the Pods created from it are rejected with `{pod_message}` (the controller reports FailedCreate). From 1.37 the API server rejects the object itself."
        )),
        fix: Some("reference: registry.example.com/team/data:1.0.0".to_owned()),
        links: &[IMAGE_VOLUMES],
        faq: &["image-volumes"],
    }
    .at(at)
}

pub(crate) fn invalid_image_name(at: Position, kubelet_message: &str) -> Finding {
    F {
        rule: "invalid-image-name",
        severity: Severity::Error,
        message: kubelet_message.to_owned(),
        explanation: "The API server does not check image syntax, so the object is accepted; the kubelet cannot parse the reference and the container waits with reason InvalidImageName, without contacting any registry.".into(),
        fix: Some("image: registry.example.com/team/app:1.0.0   # lower-case repository, optional :tag and @sha256:digest".to_owned()),
        links: &[IMAGE_NAMES],
        faq: &["invalid-image-name"],
    }
    .at(at)
}

pub(crate) fn latest_tag(at: Position, image: &str, no_tag: bool, p: PullPolicy) -> Finding {
    let what = if no_tag {
        format!("{} has no tag, so it means :latest", go_quote(image))
    } else {
        format!("{} uses the :latest tag", go_quote(image))
    };
    let effect = match p {
        PullPolicy::Always => {
            "With Always, every container start asks the registry what :latest means now: the registry is in the start path, and restarts can run newer content than the rest of the Pods."
        }
        PullPolicy::IfNotPresent => {
            "With IfNotPresent, each node keeps whatever :latest meant when it pulled, so nodes can run different content and a rollback cannot name the old version."
        }
        PullPolicy::Never => "With Never, each node runs whatever it holds under that name.",
    };
    F {
        rule: "latest-tag",
        severity: Severity::Warning,
        message: format!("{what}, a tag that moves"),
        explanation: Cow::Owned(format!(
            "{effect} A fixed tag (and/or a digest) says exactly which image runs."
        )),
        fix: Some(format!(
            "image: {}:1.2.3   # a fixed tag, or pin @sha256:<digest>",
            image
                .split(['@'])
                .next()
                .unwrap_or(image)
                .trim_end_matches(":latest")
        )),
        links: &[DEFAULT_POLICY, PULL_POLICY],
        faq: &["why-default-always", "mutable-tags-diverge"],
    }
    .at(at)
}

pub(crate) fn mutable_tag_if_not_present(at: Position, tag: &str) -> Finding {
    F {
        rule: "mutable-tag",
        severity: Severity::Info,
        message: format!("tag {} can be moved in the registry; IfNotPresent keeps each node's copy", go_quote(tag)),
        explanation: "IfNotPresent uses the image a node already holds under this name. If the tag is re-pushed, nodes that pulled before keep the old content and new nodes get the new one. A digest makes the content exact.".into(),
        fix: Some("image: <name>:<tag>@sha256:<digest>".to_owned()),
        links: &[PULL_POLICY],
        faq: &["mutable-tags-diverge"],
    }
    .at(at)
}

pub(crate) fn never_policy(at: Position) -> Finding {
    F {
        rule: "never-pull",
        severity: Severity::Info,
        message: "Never: the image must already be on every node that runs this".to_owned(),
        explanation: "The kubelet never pulls: a node without the image reports ErrImageNeverPull. Image garbage collection can remove an unused image, and since Kubernetes 1.35 (KubeletEnsureSecretPulledImages) a Pod without credentials for a private image the kubelet pulled is refused too.".into(),
        fix: None,
        links: &[PRE_PULLED, CREDENTIAL_VERIFICATION],
        faq: &["err-image-never-pull"],
    }
    .at(at)
}

pub(crate) fn always_with_digest(at: Position) -> Finding {
    F {
        rule: "always-with-digest",
        severity: Severity::Info,
        message: "Always with a digest: a registry round trip at every start for content that cannot change".to_owned(),
        explanation: "A digest names exact content, so the kubelet's pull only confirms the manifest (a small request; layers already present are reused). It still needs the registry to be reachable at every container start; IfNotPresent would start from the node's copy.".into(),
        fix: Some("imagePullPolicy: IfNotPresent".to_owned()),
        links: &[PULL_POLICY],
        faq: &["always-redownload", "registry-down"],
    }
    .at(at)
}

pub(crate) fn tag_and_digest(at: Position, latest: bool) -> Finding {
    let tail = if latest {
        " The tag still decides the default: `:latest@sha256:…` defaults to Always."
    } else {
        ""
    };
    F {
        rule: "tag-and-digest",
        severity: Severity::Info,
        message: "tag and digest: only the digest is used for pulling".to_owned(),
        explanation: Cow::Owned(format!(
            "With both, the runtime pulls by digest and the tag is only a label for people.{tail}"
        )),
        fix: None,
        links: &[IMAGE_NAMES],
        faq: &["digest-default"],
    }
    .at(at)
}

pub(crate) fn latest_case(at: Position, tag: &str) -> Finding {
    F {
        rule: "latest-case",
        severity: Severity::Warning,
        message: format!("tag {} is not \"latest\": the comparison is case-sensitive", go_quote(tag)),
        explanation: "Defaulting gives Always only for the exact tag \"latest\"; this tag defaults to IfNotPresent, so nodes keep whatever they pulled first.".into(),
        fix: Some("imagePullPolicy: Always   # if you meant a moving tag".to_owned()),
        links: &[DEFAULT_POLICY],
        faq: &["latest-case"],
    }
    .at(at)
}

pub(crate) fn default_set_at_creation(at: Position, p: PullPolicy) -> Finding {
    F {
        rule: "default-set-once",
        severity: Severity::Info,
        message: format!("the default ({p}) is written into the object when it is created"),
        explanation: "Changing the image later (kubectl apply, set image, a patch) keeps the stored policy: moving from a fixed tag to :latest does not make it Always. Write the policy explicitly if it matters.".into(),
        fix: Some(format!("imagePullPolicy: {p}")),
        links: &[DEFAULT_POLICY],
        faq: &["change-after-creation", "why-default-always"],
    }
    .at(at)
}

pub(crate) fn pod_policy_immutable(at: Position) -> Finding {
    F {
        rule: "pod-policy-immutable",
        severity: Severity::Info,
        message: "a Pod's imagePullPolicy cannot be changed after it is created".to_owned(),
        explanation: "Pod updates may change only a few fields (the images among them); changing imagePullPolicy is Forbidden. Put the container in a Deployment or other workload and change its template instead: that rolls out new Pods.".into(),
        fix: None,
        links: &[PULL_POLICY, DEPLOYMENT_UPDATE],
        faq: &["change-running-pod", "change-after-creation"],
    }
    .at(at)
}

pub(crate) fn custom_resource(at: Position, kind: &str) -> Finding {
    F {
        rule: "custom-resource-not-defaulted",
        severity: Severity::Info,
        message: format!("{kind} is not a built-in kind: the API server does not default its pod template"),
        explanation: "Defaulting runs for built-in types only, so the stored custom resource keeps the field as written. The Pods its controller creates are defaulted by the same rule, which is what is shown here.".into(),
        fix: None,
        links: &[CRD, DEFAULT_POLICY],
        faq: &["why-default-always"],
    }
    .at(at)
}

pub(crate) fn fragment(at: Position, what: &str) -> Finding {
    F {
        rule: "fragment",
        severity: Severity::Info,
        message: format!("read as {what}: no kind, so no object-level checks"),
        explanation: "Defaulting is shown as for a Pod. Validation that depends on the object (whitespace, error messages with the object's name) is not.".into(),
        fix: None,
        links: &[],
        faq: &[],
    }
    .at(at)
}

pub(crate) fn skipped(at: Position, kind: Option<&str>) -> Finding {
    let message = match kind {
        Some(kind) => format!("{kind} has no pod spec: nothing to explain"),
        None => "no Kubernetes object in this document".to_owned(),
    };
    F {
        rule: "skipped",
        severity: Severity::Info,
        message,
        explanation: Cow::Borrowed(""),
        fix: None,
        links: &[],
        faq: &[],
    }
    .at(at)
}

pub(crate) fn unknown_field_finding(
    at: Position,
    message: &str,
    suggestion: Option<&str>,
    affects_policy: bool,
) -> Finding {
    let mean = suggestion
        .map(|s| format!(" Did you mean `{s}`?"))
        .unwrap_or_default();
    let dropped = if affects_policy {
        " Without validation the field is dropped, so imagePullPolicy takes its default, shown here."
    } else {
        " Without validation the field is silently dropped."
    };
    F {
        rule: "unknown-field",
        severity: Severity::Error,
        message: message.to_owned(),
        explanation: Cow::Owned(format!(
            "kubectl apply (strict field validation, the default since 1.27) rejects the object.{dropped} (`kubectl apply --validate=false`, and clients that do not ask for validation.){mean}"
        )),
        fix: suggestion.map(|s| format!("{s}: …")),
        links: &[FIELD_VALIDATION],
        faq: &["field-typos"],
    }
    .at(at)
}

pub(crate) fn duplicate_key(at: Position, raw_json_message: &str, key: &str) -> Finding {
    F {
        rule: "duplicate-key",
        severity: Severity::Warning,
        message: format!("duplicate key `{key}`: the last value wins"),
        explanation: Cow::Owned(format!(
            "kubectl converts YAML to JSON before sending it, and that conversion keeps the last `{key}` without a word, so the earlier value is silently ignored (the last one is shown here). A JSON request with strict field validation is rejected instead: `{raw_json_message}`."
        )),
        fix: Some(format!("keep one `{key}:`")),
        links: &[FIELD_VALIDATION],
        faq: &["field-typos"],
    }
    .at(at)
}

/// The API server's answer to `kubectl apply` (strict field validation, the default
/// since 1.27) for unknown fields: one `strict decoding error:` prefix, the fields
/// joined by ", " (docs/notes/kubernetes-decoding.md).
pub(crate) fn strict_decoding_error(kind: &str, api_version: &str, unknown: &[String]) -> String {
    format!(
        "{} strict decoding error: {}",
        cannot_be_handled(kind, api_version),
        unknown.join(", ")
    )
}

/// The decoder's wrapper: `Deployment in version "v1" cannot be handled as a Deployment:`.
pub(crate) fn cannot_be_handled(kind: &str, api_version: &str) -> String {
    let version = api_version.rsplit('/').next().unwrap_or(api_version);
    format!(
        "{kind} in version {} cannot be handled as a {kind}:",
        go_quote(version)
    )
}

pub(crate) fn image_volume_gate(at: Position, version: KubeVersion) -> Finding {
    F {
        rule: "image-volume-gate",
        severity: Severity::Warning,
        message: format!("image volumes need the ImageVolume feature gate, off by default in Kubernetes {version}"),
        // The stages as `gate_stages(FeatureGate::ImageVolume)` words them from the version
        // table (`versions` tests check; written out, the text costs no code in the wasm).
        explanation: "The gate is alpha in 1.31–1.32, beta but off in 1.33–1.34, on by default from 1.35 and GA in 1.36. With it off, the API server neither defaults nor serves this volume source.".into(),
        fix: None,
        links: &[IMAGE_VOLUMES],
        faq: &["image-volumes"],
    }
    .at(at)
}

pub(crate) fn image_volume_unknown(at: Position, version: KubeVersion) -> Finding {
    F {
        rule: "image-volume-gate",
        severity: Severity::Error,
        message: format!(
            "image volumes do not exist in Kubernetes {version} (they arrived in 1.31)"
        ),
        explanation: "This volume source is unknown to this version's API.".into(),
        fix: None,
        links: &[IMAGE_VOLUMES],
        faq: &["image-volumes"],
    }
    .at(at)
}

pub(crate) fn ephemeral_container(at: Position) -> Finding {
    F {
        rule: "ephemeral-container",
        severity: Severity::Info,
        message: "ephemeral containers are added to running Pods (kubectl debug), not at creation".to_owned(),
        explanation: "They are defaulted by the same rule. The AlwaysPullImages admission plugin does not see them, because they arrive through the pods/ephemeralcontainers subresource.".into(),
        fix: None,
        links: &[EPHEMERAL, ALWAYS_PULL_IMAGES],
        faq: &["always-pull-images"],
    }
    .at(at)
}

pub(crate) fn always_pull_images_applied(at: Position) -> Finding {
    F {
        rule: "always-pull-images",
        severity: Severity::Info,
        message: "AlwaysPullImages makes this Always when the Pod is created".to_owned(),
        explanation: "The admission plugin rewrites every container of every new Pod (and image volumes) to Always, so each start needs the registry and working credentials. It does not change Deployments or other templates, only the Pods created from them.".into(),
        fix: None,
        links: &[ALWAYS_PULL_IMAGES],
        faq: &["always-pull-images"],
    }
    .at(at)
}

/// `field.Forbidden` for ephemeral containers in a Pod create (validation.go
/// `ValidatePodCreate`, read in kubernetes/kubernetes).
pub(crate) fn ephemeral_on_create(path: &str) -> String {
    format!("{path}: Forbidden: cannot be set on create")
}

/// `field.Forbidden` for ephemeral containers in a template (validation.go
/// `ValidatePodTemplateSpec`).
pub(crate) fn ephemeral_in_template(path: &str) -> String {
    format!("{path}: Forbidden: ephemeral containers not allowed in pod template")
}
