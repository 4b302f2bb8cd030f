//! Every user-facing word the core produces, in one place: Kubernetes' own messages
//! (reproduced exactly; each names its source), and this tool's findings and reasons.

use crate::options::KubeVersion;
use crate::report::{Finding, PullPolicy, RefusedBy};
use crate::rules::{Doc, Rule};
use crate::source::Position;
use crate::text;
use crate::text::Text;
#[cfg(test)]
use crate::versions::{FeatureGate, Stage};

pub(crate) mod kubelet;

// ---------------------------------------------------------------------------------------
// Links (kubernetes.io only) and FAQ ids.

// The URLs live once, in the rule registry's `Doc`; a finding carries its rule's
// (`F::at`).

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
/// supported list is sorted): spec §2.1. The bad value is a `core.PullPolicy`, a named
/// string type: `field.Error.ErrorBody` prints it with Go's `%#v` (`strconv.Quote`) up to
/// 1.33 and with `json.Marshal` from apimachinery v0.34.0 (commit c58e197ee8ca, read at
/// v0.36.3: only `string`, numbers and `bool` keep the simple printer), so from 1.34
/// Helm's `<no value>` reads `"\u003cno value\u003e"` (reading spec §6).
pub(crate) fn unsupported_pull_policy(path: &str, value: &str, version: KubeVersion) -> String {
    let value = if version.renders_bad_values_with_json_marshal() {
        json_string(value)
    } else {
        go_quote(value)
    };
    format!(
        "{path}: Unsupported value: {value}: supported values: \"Always\", \"IfNotPresent\", \"Never\""
    )
}

/// A string as Go's `encoding/json.Marshal` writes it (Go 1.24, what Kubernetes 1.34+ is
/// built with; `encode.go` `appendString` with HTML escaping on): `"` and `\\` escaped,
/// `\b`, `\f`, `\n`, `\r`, `\t` as such (since Go 1.22), other control characters as
/// `\u00XX`, `<`, `>`, `&` as `\u003c`, `\u003e`, `\u0026`, U+2028 and U+2029 as
/// `\u2028` and `\u2029`; everything else (DEL and all non-ASCII included) as it is.
pub(crate) fn json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0'..='\u{1f}' | '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", u32::from(c)));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `field.Forbidden` (`<path>: Forbidden: <detail>`).
pub(crate) fn forbidden(path: &str, detail: &str) -> String {
    format!("{path}: Forbidden: {detail}")
}

/// `validateVolumeSource`: every volume source after the first present one is
/// `field.Forbidden(fldPath.Child(<source>), "may not specify more than 1 volume type")`.
pub(crate) fn more_than_one_volume_type(path: &str) -> String {
    forbidden(path, "may not specify more than 1 volume type")
}

/// `utilerrors.NewAggregate(errs).Error()`: one error bare, several (duplicates dropped,
/// first occurrence kept) in brackets joined by ", " (apimachinery `pkg/util/errors`).
pub(crate) fn aggregate(errors: &[String]) -> String {
    let mut seen: Vec<&str> = Vec::with_capacity(errors.len());
    for e in errors {
        if !seen.contains(&e.as_str()) {
            seen.push(e);
        }
    }
    match seen.as_slice() {
        [one] => (*one).to_owned(),
        many => format!("[{}]", many.join(", ")),
    }
}

/// kubectl's client-side check of a document before anything else (cli-runtime
/// `visitor.go` `ValidateSchema`: `error validating data: %v; %s`; kubectl
/// `pkg/validation` `paramVerifyingSchema.ValidateBytes` → `getObjectKind`, whose errors
/// are `apiVersion not set`, `apiVersion isn't string type`, `unexpected GroupVersion
/// string: …`, `kind not set`, `kind isn't string type`, or `invalid object to validate`
/// for a document that is not a mapping). kubectl prints it as `error validating
/// "<file>": <this>` and stops reading the file there (`StreamVisitor.Visit` returns).
pub(crate) fn kubectl_validation(errors: &[String]) -> String {
    format!(
        "error validating data: {}; if you choose to ignore these errors, turn validation off with --validate=false",
        aggregate(errors)
    )
}

/// `runtime.NewMissingKindErr(data)` from `unstructured.UnstructuredJSONScheme.Decode`
/// for a document whose `kind` is the empty string (kubectl: `unable to decode "<file>":
/// …`). Kubernetes prints the document's JSON after `in`; it is shown as `'{…}'`.
pub(crate) fn missing_kind_in_document() -> String {
    "Object 'Kind' is missing in '{…}'".to_owned()
}

/// `mapper.infoForObject` for a `List` item the unstructured typer cannot type
/// (`unstructuredscheme` `ObjectKinds`: `object has no kind field ` — with its trailing
/// space — or `object has no apiVersion field`).
pub(crate) fn item_without_type(kind_missing: bool) -> String {
    let inner = if kind_missing {
        "Object 'Kind' is missing in 'object has no kind field '"
    } else {
        "Object 'apiVersion' is missing in 'object has no apiVersion field'"
    };
    format!("unable to get type info from the object \"*unstructured.Unstructured\": {inner}")
}

/// `UnstructuredJSONScheme.decodeToList` when `items` is not a list: Go's
/// `json.UnmarshalTypeError` into the local struct `decodeList`'s `items
/// []json.RawMessage` (kubectl: `unable to decode "<file>": …`).
pub(crate) fn list_items_not_a_list(json_kind: &str) -> String {
    format!(
        "json: cannot unmarshal {json_kind} into Go struct field decodeList.items of type []json.RawMessage"
    )
}

/// `UnstructuredJSONScheme.decodeToUnstructured` for a list item that is not an object.
pub(crate) fn list_item_not_an_object(json_kind: &str) -> String {
    format!("json: cannot unmarshal {json_kind} into Go value of type map[string]interface {{}}")
}

/// `FlattenListVisitor` for a list item that is itself a list: `meta.ExtractList` of an
/// `*unstructured.Unstructured` (`GetItemsPtr`: `%T is not a list: %v`, `no Items field in
/// this object`); the whole list is not sent.
pub(crate) fn nested_list() -> String {
    "*unstructured.Unstructured is not a list: no Items field in this object".to_owned()
}

/// The scheme whose name the API server prints: `runtime.NewScheme` names it after its
/// caller (`naming.GetNameFromCallsite`), `legacyscheme.Scheme`, line 30 of
/// `pkg/api/legacyscheme/scheme.go`, in kube-apiserver builds from the Kubernetes tree
/// (observed in `kubectl apply` outputs; distributions built as Go modules, such as k3s,
/// print `k8s.io/apimachinery@<version>/pkg/runtime/scheme.go:100` instead).
const LEGACY_SCHEME: &str = "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30";

/// The API server's answer to a lower-case kind that kubectl mapped
/// (`strings.ToLower(kind)` is registered by the discovery REST mapper): the scheme has no
/// such kind (`runtime.notRegisteredErr`: `no kind %q is registered for version %q in
/// scheme %q`), framed by `transformDecodeError` (`%s in version %q cannot be handled as a
/// %s: %v`, the kind as sent, then the endpoint's kind). Observed: `deployment in version
/// "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version
/// "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30"`.
pub(crate) fn kind_not_registered(written: &str, group: &str, version: &str, kind: &str) -> String {
    let gv = if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    };
    format!(
        "{written} in version {} cannot be handled as a {kind}: no kind {} is registered for version {} in scheme {}",
        go_quote(version),
        go_quote(written),
        go_quote(&gv),
        go_quote(LEGACY_SCHEME)
    )
}

/// `field.Required` (spec §2.2).
pub(crate) fn required_value(path: &str) -> String {
    format!("{path}: Required value")
}

/// `field.Invalid` with a `string` value (`%q` in every version: `ErrorBody`'s `case
/// string`, apimachinery v0.28.0 to eed236ce).
pub(crate) fn invalid_value(path: &str, value: &str, detail: &str) -> String {
    format!("{path}: Invalid value: {}: {detail}", go_quote(value))
}

/// `field.Duplicate` with a `string` value.
pub(crate) fn duplicate_value(path: &str, value: &str) -> String {
    format!("{path}: Duplicate value: {}", go_quote(value))
}

/// apimachinery's `MaxLenError`: `util/validation` counts `characters`, v0.35's
/// `validate/content` `bytes` (both measure bytes).
pub(crate) fn max_len_error(max: usize, unit: crate::names::Unit) -> String {
    let unit = match unit {
        crate::names::Unit::Bytes => "bytes",
        crate::names::Unit::Characters => "characters",
    };
    format!("must be no more than {max} {unit}")
}

/// `IsDNS1123Label`'s error for a valid subdomain (so: dots).
pub(crate) const NO_DOTS: &str = "must not contain dots";

/// `IsDNS1123Label`'s format error: `RegexError(dns1123LabelErrMsg, dns1123LabelFmt,
/// "my-name", "123-abc")`, whose first example ends `', ` before ` or ` (two spaces).
pub(crate) const DNS1123_LABEL: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

/// `IsDNS1123Subdomain`'s format error (`RegexError` with the one example
/// `example.com`).
pub(crate) const DNS1123_SUBDOMAIN: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

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
    // `ErrorList.ToAggregate` drops an error whose text repeats an earlier one.
    let mut seen = std::collections::HashSet::with_capacity(errors.len());
    let unique: Vec<&str> = errors
        .iter()
        .map(String::as_str)
        .filter(|e| seen.insert(std::borrow::Cow::Borrowed(*e)))
        .collect();
    let body = match unique[..] {
        [one] => one.to_owned(),
        _ => format!("[{}]", unique.join(", ")),
    };
    format!("{kind} {} is invalid: {body}", go_quote(name))
}

/// Whom the API server's validation of a pod spec rejects: the object, or each Pod made
/// from it (a StatefulSet's pod template up to 1.33, which the API server does not
/// validate: `KubeVersion::validates_statefulset_pod_templates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rejects {
    /// The object (a Pod, or a pod template the API server validates).
    Object,
    /// Each Pod the StatefulSet controller makes, in this release.
    Pods(KubeVersion),
}

impl Rejects {
    /// What follows from an error, as an explanation's last sentence.
    fn consequence(self) -> Text {
        match self {
            Rejects::Object => {
                text!("The API server rejects the object (422 Invalid), so it is never created.")
            }
            Rejects::Pods(version) => text!(
                "Kubernetes {} does not validate a StatefulSet's pod template: the StatefulSet is created, and the API server rejects each Pod its controller makes from it (422 Invalid), so none ever runs.",
                version,
            ),
        }
    }
}

/// The StatefulSet controller's `FailedCreate` event when the API server rejects its Pod
/// (`stateful_pod_control.go` `recordPodEvent`: `create Pod <pod> in StatefulSet <set>
/// failed error: <err>`, the Pod named `<set>-<ordinal>`). `errors` are the Pod's own
/// validation errors, at its paths (`spec.containers[0]…`).
pub(crate) fn statefulset_pod_invalid(set: &str, pod: &str, errors: &[String]) -> String {
    let err = object_invalid("Pod", "", pod, errors);
    format!("create Pod {pod} in StatefulSet {set} failed error: {err}")
}

/// A StatefulSet whose Pods the API server rejects, up to 1.33 (see [`Rejects::Pods`]):
/// created, but never running. `event` is the controller's `FailedCreate` message.
pub(crate) fn statefulset_pods_rejected(
    at: Position,
    event: &str,
    version: KubeVersion,
) -> Finding {
    F {
        rule: Rule::PodsRejected,
        message: Text::plain(event),
        explanation: text!(
            "{} Its controller reports this `FailedCreate` event again and again, and no policy applies. From 1.34 the API server rejects the StatefulSet itself (kubernetes#131790). Each cause is marked at its field.",
            Rejects::Pods(version).consequence(),
        ),
        fix: None,
    }
    .at(at)
}

/// Strict decoding's error for a field the type does not have.
pub(crate) fn unknown_field(path: &str) -> String {
    format!("unknown field {}", go_quote(path))
}

/// Strict decoding's error for a key given twice.
pub(crate) fn duplicate_field(path: &str) -> String {
    format!("duplicate field {}", go_quote(path))
}

/// The JSON decoder's error for a value of the wrong type (Go's `UnmarshalTypeError`:
/// the struct that holds the field, the field's JSON path without indices, the Go type;
/// reading spec §5).
pub(crate) fn unmarshal_type_error(
    go_kind: &str,
    struct_name: &str,
    json_path: &str,
    go_type: &str,
) -> String {
    format!(
        "json: cannot unmarshal {go_kind} into Go struct field {struct_name}.{json_path} of type {go_type}"
    )
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

pub(crate) fn reason_explicit(p: PullPolicy) -> Text {
    text!(
        "Written as {}, one of the three values the API server accepts.",
        p,
    )
}

pub(crate) fn reason_defaulted(
    p: PullPolicy,
    case: TagCase<'_>,
    written_empty: Option<&str>,
    custom: bool,
) -> Text {
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
    text!("{} {} {} because {}.", how, who, p, why,)
}

pub(crate) fn reason_invalid_value(value: &str) -> Text {
    text!(
        "Rejected: {} is not one of \"Always\", \"IfNotPresent\", \"Never\" (the values are case-sensitive).",
        go_quote(value),
    )
}

pub(crate) fn reason_not_a_string(kind: &str, text: &str) -> Text {
    text!(
        "Rejected: Kubernetes reads `{}` as a {}, not a string (YAML 1.1); quote it or write one of the three values.",
        text,
        kind,
    )
}

/// Why an entry of an object that is never created has no policy, by the first stage that
/// refuses the object (kubectl before the API server's strict decoding before its
/// validation), with the policy it would have had.
pub(crate) fn reason_not_created(by: RefusedBy, p: Option<PullPolicy>) -> Text {
    let (why, would) = match by {
        RefusedBy::Kubectl { .. } => ("kubectl apply never sends this object", "were it created"),
        RefusedBy::Strict => (
            "kubectl apply's strict field validation rejects this object",
            "with the unknown fields dropped, as without validation",
        ),
        RefusedBy::Server => ("The API server rejects this object", "were it accepted"),
    };
    match p {
        Some(p) => text!("{}, so no policy applies ({}: {}).", why, would, p,),
        None => text!("{}, so no policy applies.", why,),
    }
}

/// Why an entry of a StatefulSet whose every Pod is rejected has no policy (see
/// `Document::reject_pods`), with the policy it would have had.
pub(crate) fn reason_pods_rejected(p: PullPolicy) -> Text {
    text!(
        "The API server rejects each Pod made from this StatefulSet, so no policy applies (were they accepted: {}).",
        p,
    )
}

pub(crate) fn reason_admission(before: Option<PullPolicy>) -> Text {
    match before {
        Some(p) => text!(
            "The AlwaysPullImages admission plugin sets Always when the Pod is created (as written or defaulted: {}).",
            p,
        ),
        None => {
            text!("The AlwaysPullImages admission plugin sets Always when the Pod is created.")
        }
    }
}

pub(crate) fn reason_volume_gate_off(version: KubeVersion) -> Text {
    text!(
        "Not defaulted: image volumes need the ImageVolume feature gate, which is off by default in Kubernetes {}.",
        version,
    )
}

// ---------------------------------------------------------------------------------------
// Findings.

/// A finding of `rule`: its severity, links and FAQ entries are the registry's
/// ([`Rule`]), so that every finding is made from it.
pub(crate) struct F {
    pub(crate) rule: Rule,
    pub(crate) message: Text,
    pub(crate) explanation: Text,
    pub(crate) fix: Option<String>,
}

impl F {
    pub(crate) fn at(self, position: Position) -> Finding {
        let rule = self.rule;
        Finding {
            rule: rule.id(),
            severity: rule.severity(),
            message: self.message,
            explanation: self.explanation,
            fix: self.fix,
            links: rule.link_urls(),
            faq: rule.faq(),
            position,
        }
    }
}

pub(crate) fn invalid_pull_policy(
    at: Position,
    api_message: &str,
    value: &str,
    rejects: Rejects,
) -> Finding {
    let fix = PullPolicy::ALL
        .into_iter()
        .find(|p| p.as_str().eq_ignore_ascii_case(value.trim()))
        .map_or_else(
            || "imagePullPolicy: IfNotPresent   # or Always, or Never (case-sensitive)".to_owned(),
            |p| format!("imagePullPolicy: {p}"),
        );
    F {
        rule: Rule::InvalidPullPolicy,
        message: Text::plain(api_message),
        explanation: text!(
            "The API server accepts only \"Always\", \"IfNotPresent\" and \"Never\", spelled exactly so, and {} is not one of them. {} Linters that compare case-insensitively, or only check \"is it Always\", miss this.", go_quote(value), rejects.consequence(),
        ),
        fix: Some(fix),
        // "field-typos" answers exactly this case (a misspelled value is rejected).
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
        rule: Rule::PullPolicyNotString,
        message: Text::plain(decode_message),
        explanation: text!(
            "Kubernetes reads YAML as YAML 1.1, where an unquoted `{}` is a {}. The field needs a string, so the object is rejected when it is decoded.", text, kind,
        ),
        fix: Some("imagePullPolicy: IfNotPresent   # or Always, or Never".to_owned()),
    }
    .at(at)
}

pub(crate) fn image_required(at: Position, api_message: &str, rejects: Rejects) -> Finding {
    let explanation = match rejects {
        Rejects::Object => text!(
            "The OpenAPI schema marks `image` optional (so config tools can fill it in), but the API server requires it in every Pod and pod template."
        ),
        Rejects::Pods(_) => text!(
            "The OpenAPI schema marks `image` optional (so config tools can fill it in), but the API server requires it in every Pod. {}",
            rejects.consequence()
        ),
    };
    F {
        rule: Rule::ImageRequired,
        message: Text::plain(api_message),
        explanation,
        fix: Some("image: registry.example.com/team/app:1.0.0".to_owned()),
    }
    .at(at)
}

pub(crate) fn image_whitespace_pod(at: Position, api_message: &str, image: &str) -> Finding {
    F {
        rule: Rule::ImageWhitespace,
        message: Text::plain(api_message),
        explanation: "The API server rejects a Pod whose image has leading or trailing whitespace, and any object with such an ephemeral container.".into(),
        fix: Some(format!("image: {}", image.trim())),
    }
    .at(at)
}

pub(crate) fn image_whitespace_template(at: Position, pod_message: &str, image: &str) -> Finding {
    F {
        rule: Rule::ImageWhitespace,
        message: text!(
            "image {} has leading or trailing whitespace", go_quote(image),
        ),
        explanation: text!(
            "Templates are not checked for this, so the object is accepted, but the Pods created from it are rejected with `{}` (the controller reports FailedCreate).", pod_message,
        ),
        fix: Some(format!("image: {}", image.trim())),
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
        rule: Rule::ImageRequired,
        // Accepted, but every Pod created from the template is rejected.
        message: "this image volume has no reference: the Pods created from this template are rejected".into(),
        explanation: text!(
            "Kubernetes {} checks an image volume's reference only in Pods, so the object is accepted, but the Pods created from it are rejected with `{}` (the controller reports FailedCreate). From 1.37 the API server rejects the object itself.", version, pod_message,
        ),
        fix: Some("reference: registry.example.com/team/data:1.0.0".to_owned()),
    }
    .at(at)
}

pub(crate) fn invalid_image_name(at: Position, kubelet_message: &str) -> Finding {
    F {
        rule: Rule::InvalidImageName,
        message: Text::plain(kubelet_message),
        explanation: "The API server does not check image syntax, so the object is accepted; the kubelet cannot parse the reference and the container waits with reason InvalidImageName, without contacting any registry.".into(),
        fix: Some("image: registry.example.com/team/app:1.0.0   # lower-case repository, optional :tag and @sha256:digest".to_owned()),
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
        rule: Rule::LatestTag,
        message: text!("{}, a tag that moves", what,),
        explanation: text!(
            "{} A fixed tag (and/or a digest) says exactly which image runs.",
            effect,
        ),
        fix: Some(format!(
            "image: {}:1.2.3   # a fixed tag, or pin @sha256:<digest>",
            image
                .split(['@'])
                .next()
                .unwrap_or(image)
                .trim_end_matches(":latest")
        )),
    }
    .at(at)
}

pub(crate) fn mutable_tag_if_not_present(at: Position, tag: &str) -> Finding {
    F {
        rule: Rule::MutableTag,
        message: text!(
            "tag {} can be moved in the registry; IfNotPresent keeps each node's copy", go_quote(tag),
        ),
        explanation: "IfNotPresent uses the image a node already holds under this name. If the tag is re-pushed, nodes that pulled before keep the old content and new nodes get the new one. A digest makes the content exact.".into(),
        fix: Some("image: <name>:<tag>@sha256:<digest>".to_owned()),
    }
    .at(at)
}

pub(crate) fn never_policy(at: Position) -> Finding {
    F {
        rule: Rule::NeverPull,
        message: "Never: the image must already be on every node that runs this".into(),
        explanation: "The kubelet never pulls: a node without the image reports ErrImageNeverPull. Image garbage collection can remove an unused image, and since Kubernetes 1.35 (KubeletEnsureSecretPulledImages) a Pod without credentials for a private image the kubelet pulled is refused too.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn always_with_digest(at: Position) -> Finding {
    F {
        rule: Rule::AlwaysWithDigest,
        message: "Always with a digest: a registry round trip at every start for content that cannot change".into(),
        explanation: "A digest names exact content, so the kubelet's pull only confirms the manifest (a small request; layers already present are reused). It still needs the registry to be reachable at every container start; IfNotPresent would start from the node's copy.".into(),
        fix: Some("imagePullPolicy: IfNotPresent".to_owned()),
    }
    .at(at)
}

pub(crate) fn tag_and_digest(at: Position, latest: bool) -> Finding {
    let tail = if latest {
        text!(" The tag still decides the default: `:latest@sha256:…` defaults to Always.")
    } else {
        text!("")
    };
    F {
        rule: Rule::TagAndDigest,
        message: "tag and digest: only the digest is used for pulling".into(),
        explanation: text!(
            "With both, the runtime pulls by digest and the tag is only a label for people.{}",
            tail,
        ),
        fix: None,
    }
    .at(at)
}

pub(crate) fn latest_case(at: Position, tag: &str) -> Finding {
    F {
        rule: Rule::LatestCase,
        message: text!(
            "tag {} is not \"latest\": the comparison is case-sensitive", go_quote(tag),
        ),
        explanation: "Defaulting gives Always only for the exact tag \"latest\"; this tag defaults to IfNotPresent, so nodes keep whatever they pulled first.".into(),
        fix: Some("imagePullPolicy: Always   # if you meant a moving tag".to_owned()),
    }
    .at(at)
}

pub(crate) fn default_set_at_creation(at: Position, p: PullPolicy) -> Finding {
    F {
        rule: Rule::DefaultSetOnce,
        message: text!(
            "the default ({}) is written into the object when it is created", p,
        ),
        explanation: "Changing the image later (kubectl apply, set image, a patch) keeps the stored policy: moving from a fixed tag to :latest does not make it Always. Write the policy explicitly if it matters.".into(),
        fix: Some(format!("imagePullPolicy: {p}")),
    }
    .at(at)
}

pub(crate) fn pod_policy_immutable(at: Position) -> Finding {
    F {
        rule: Rule::PodPolicyImmutable,
        message: "a Pod's imagePullPolicy cannot be changed after it is created".into(),
        explanation: "Pod updates may change only a few fields (the images among them); changing imagePullPolicy is Forbidden. Put the container in a Deployment or other workload and change its template instead: that rolls out new Pods.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn custom_resource(at: Position, kind: &str) -> Finding {
    F {
        rule: Rule::CustomResourceNotDefaulted,
        message: text!(
            "{} is not a built-in kind: the API server does not default its pod template", kind,
        ),
        explanation: "Defaulting runs for built-in types only, so the stored custom resource keeps the field as written. The Pods its controller creates are defaulted by the same rule, which is what is shown here.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn fragment(at: Position, what: &str) -> Finding {
    F {
        rule: Rule::Fragment,
        message: text!(
            "read as {}: no kind, so no object-level checks", what,
        ),
        explanation: "Defaulting is shown as for a Pod. Validation that depends on the object (whitespace, error messages with the object's name) is not.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn skipped(at: Position, kind: Option<&str>) -> Finding {
    let message = match kind {
        Some(kind) => text!("{} has no pod spec: nothing to explain", kind),
        None => text!("no Kubernetes object in this document"),
    };
    F {
        rule: Rule::Skipped,
        message,
        explanation: "".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn unknown_field_finding(
    at: Position,
    message: &str,
    suggestion: Option<&str>,
    affects_policy: bool,
) -> Finding {
    let mean = suggestion.map_or_else(|| text!(""), |s| text!(" Did you mean `{}`?", s));
    let dropped = if affects_policy {
        " Without validation the field is dropped, so imagePullPolicy takes its default (the policy's reason names it)."
    } else {
        " Without validation the field is silently dropped."
    };
    F {
        rule: Rule::UnknownField,
        message: Text::plain(message),
        explanation: text!(
            "kubectl apply (strict field validation, the default since 1.27) rejects the object.{} (`kubectl apply --validate=false`, and clients that do not ask for validation.){}", dropped, mean,
        ),
        fix: suggestion.map(|s| format!("{s}: …")),
    }
    .at(at)
}

pub(crate) fn duplicate_key(at: Position, raw_json_message: &str, key: &str) -> Finding {
    F {
        rule: Rule::DuplicateKey,
        message: text!(
            "duplicate key `{}`: the last value wins", key,
        ),
        explanation: text!(
            "kubectl converts YAML to JSON before sending it, and that conversion keeps the last `{}` without a word, so the earlier value is silently ignored (the last one is shown here). A JSON request with strict field validation is rejected instead: `{}`.", key, raw_json_message,
        ),
        fix: Some(format!("keep one `{key}:`")),
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
        rule: Rule::ImageVolumeGate,
        message: text!(
            "image volumes need the ImageVolume feature gate, off by default in Kubernetes {}", version,
        ),
        // The stages as `gate_stages(FeatureGate::ImageVolume)` words them from the version
        // table (`versions` tests check; written out, the text costs no code in the wasm).
        explanation: "The gate is alpha in 1.31–1.32, beta but off in 1.33–1.34, on by default from 1.35 and GA in 1.36. With it off, the API server neither defaults nor serves this volume source.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn image_volume_unknown(at: Position, version: KubeVersion) -> Finding {
    F {
        rule: Rule::ImageVolumeUnsupported,
        message: text!(
            "image volumes do not exist in Kubernetes {} (they arrived in 1.31)",
            version,
        ),
        explanation: "This volume source is unknown to this version's API.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn ephemeral_container(at: Position) -> Finding {
    F {
        rule: Rule::EphemeralContainer,
        message: "ephemeral containers are added to running Pods (kubectl debug), not at creation".into(),
        explanation: "They are defaulted by the same rule. The AlwaysPullImages admission plugin does not see them, because they arrive through the pods/ephemeralcontainers subresource.".into(),
        fix: None,
    }
    .at(at)
}

pub(crate) fn always_pull_images_applied(at: Position) -> Finding {
    F {
        rule: Rule::AlwaysPullImages,
        message: "AlwaysPullImages makes this Always when the Pod is created".into(),
        explanation: "The admission plugin rewrites every container of every new Pod (and image volumes) to Always, so each start needs the registry and working credentials. It does not change Deployments or other templates, only the Pods created from them.".into(),
        fix: None,
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

/// `NoKindMatchError.Error()` for one searched version (apimachinery `pkg/api/meta/errors.go`):
/// `no matches for kind "Deployment" in version "extensions/v1beta1"`, the version as
/// `schema.GroupVersion.String()` prints it (`group/version`, `version` for the core group).
pub(crate) fn no_kind_match(group: &str, version: &str, kind: &str) -> String {
    let gv = if group.is_empty() {
        version.to_owned()
    } else {
        format!("{group}/{version}")
    };
    format!(
        "no matches for kind {} in version {}",
        go_quote(kind),
        go_quote(&gv)
    )
}

/// How kubectl prints a document's mapping error (cli-runtime `mapper.go` `infoForData`:
/// `resource mapping not found for name: %q namespace: %q from %q: %w` and, on a line of its
/// own, `ensure CRDs are installed first`; the file name is kubectl's argument, unknown
/// here) and a `List` item's (`infoForObject`: `unable to recognize %v`).
pub(crate) fn kubectl_mapping_line(
    name: &str,
    namespace: &str,
    no_match: &str,
    item: bool,
) -> Text {
    if item {
        text!("`unable to recognize {}`", no_match)
    } else {
        text!(
            "`resource mapping not found for name: {} namespace: {} from \"<file>\": {}` and, on the next line, `ensure CRDs are installed first`",
            go_quote(name),
            go_quote(namespace),
            no_match,
        )
    }
}

// ---------------------------------------------------------------------------------------
// Refusals: each stage of `kubectl apply` followed by the API server that can refuse an
// object has its own rule, an error (`report::Refusal` makes it one).

/// What a document refused by kubectl's client-side check is, for the explanation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ReadAs {
    /// An object (it has a kind): analysed as that kind, never created.
    Object,
    /// A snippet: a pod spec, container or list of containers, explained as in a Pod.
    Fragment,
    /// Nothing to explain.
    Nothing,
}

const STOPS_HERE: Text = text!(
    "kubectl prints `error validating \"<file>\": …` with these words and stops reading the file here: no document after this one is sent (the ones before it already were).",
);

fn read_as_tail(read_as: ReadAs) -> &'static str {
    match read_as {
        ReadAs::Object => " The object is explained below as its kind, but it is never created.",
        ReadAs::Fragment => {
            " This document is explained below as a snippet, as it would be in a Pod: to apply it, put it in an object with apiVersion, kind and metadata (a Pod, a Deployment, …)."
        }
        ReadAs::Nothing => "",
    }
}

/// kubectl's client-side check refuses a document whose `apiVersion` or `kind` is missing
/// or malformed (`kubectl_validation`).
pub(crate) fn kind_missing(
    at: Position,
    message: &str,
    read_as: ReadAs,
    fix: Option<String>,
) -> Finding {
    F {
        rule: Rule::KindMissing,
        message: Text::plain(message),
        explanation: text!(
            "kubectl apply checks each document's apiVersion and kind before anything else, and refuses this one. {}{}", STOPS_HERE, read_as_tail(read_as),
        ),
        fix,
    }
    .at(at)
}

/// kubectl's client-side check refuses a document that is not a mapping.
pub(crate) fn not_an_object(at: Position, message: &str, read_as: ReadAs) -> Finding {
    F {
        rule: Rule::NotAnObject,
        message: Text::plain(message),
        explanation: text!(
            "kubectl apply reads each document as one object, a mapping with apiVersion and kind; this document is not a mapping, so kubectl refuses it. {}{}", STOPS_HERE, read_as_tail(read_as),
        ),
        fix: None,
    }
    .at(at)
}

/// kubectl cannot decode a document whose `kind` is the empty string.
pub(crate) fn kind_empty(at: Position, message: &str) -> Finding {
    F {
        rule: Rule::KindMissing,
        message: Text::plain(message),
        explanation: "kubectl decodes each document before mapping it, and an empty kind is no kind: it prints `unable to decode \"<file>\": Object 'Kind' is missing in '…'` (the document as JSON in place of …), goes on with the other documents and exits with an error at the end. The object is never created.".into(),
        fix: None,
    }
    .at(at)
}

/// client-go's refusal of a request for an object without a name (`Request.Name`).
pub(crate) fn resource_name_empty() -> &'static str {
    "resource name may not be empty"
}

/// `kubectl apply`'s refusal of an object with a `generateName` and no name.
pub(crate) fn generate_name_with_apply(prefix: &str) -> String {
    format!("from {prefix}: cannot use generate name with apply")
}

/// apimachinery's `content.IsPathSegmentName`: why a name cannot be a URL path segment
/// (none when it can).
pub(crate) fn path_segment_problems(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    ["/", "%"]
        .iter()
        .filter(|c| name.contains(**c))
        .map(|c| format!("may not contain '{c}'"))
        .collect()
}

/// client-go's refusal of a name that cannot be a URL path segment (`Request.Name`:
/// `invalid resource name %q: %v`, the problems as Go prints a `[]string`).
pub(crate) fn invalid_resource_name(name: &str, problems: &[String]) -> String {
    format!(
        "invalid resource name {}: [{}]",
        go_quote(name),
        problems.join(" ")
    )
}

/// Why `kubectl apply` has no name to apply an object by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unnamed {
    /// No `metadata.name` (or one that is not a string).
    None,
    /// No name, and a `generateName`.
    GenerateName,
    /// A name that cannot be a URL path segment.
    NotAPathSegment,
}

/// `kubectl apply` cannot apply an object without a name it can use.
pub(crate) fn name_required(at: Position, message: &str, why: Unnamed) -> Finding {
    let explanation = match why {
        Unnamed::NotAPathSegment => text!(
            "kubectl puts the name in the URL it asks the API server (`…/pods/<name>`), and a name cannot be `.` or `..` or hold `/` or `%`: client-go refuses it before anything is sent, kubectl prints these words after `error when retrieving current configuration of: …` and goes on with the other objects. The object is never created."
        ),
        Unnamed::GenerateName => text!(
            "`kubectl apply` finds each object again by its name, and this one has only `metadata.generateName`: kubectl refuses it and goes on with the other objects. `kubectl create` accepts it; for `kubectl apply`, give it a `metadata.name`."
        ),
        Unnamed::None => text!(
            "`kubectl apply` looks each object up by its `metadata.name` before it creates it, and this one has none (or one that is not a string): kubectl prints `error when retrieving current configuration of: …` ending in these words, and goes on with the other objects. The object is never created."
        ),
    };
    F {
        rule: Rule::NameRequired,
        message: Text::plain(message),
        explanation,
        fix: None,
    }
    .at(at)
}

/// A `List` item kubectl cannot type (no kind or no apiVersion of its own or inferred).
pub(crate) fn item_without_type_finding(at: Position, message: &str) -> Finding {
    F {
        rule: Rule::KindMissing,
        message: Text::plain(message),
        explanation: "kubectl sends a List's items one by one, each typed by its own apiVersion and kind (an item with neither takes the list's kind without `List` and the list's apiVersion). This item has none: kubectl reports it, goes on with the other items and documents, and exits with an error at the end. It is never created.".into(),
        fix: None,
    }
    .at(at)
}

/// kubectl cannot read the file at this point (stages 1–3 of
/// `kubectl-reading-pipeline.md`): its stream cutting, go-yaml, or the conversion to JSON
/// refuses it. Each kind of refusal has its own rule; the message is kubectl's words (what
/// it prints after `error parsing <file>: `).
pub(crate) fn read_refusal(at: Position, error: &crate::read::ReadError) -> Finding {
    use crate::read::ErrorKind as K;
    let (rule, why, fix): (Rule, &'static str, Option<String>) = match error.kind {
        K::Separator => (
            Rule::InvalidSeparator,
            "kubectl cuts a file into documents at lines that start with `---`; after the dashes only spaces and a `#` comment may follow (`--- {}`, which some tools write for an empty mapping, is refused).",
            Some("---".to_owned()),
        ),
        K::JsonSyntax | K::JsonEof => (
            Rule::JsonSyntax,
            "The file starts with `{`, so kubectl reads it as a stream of JSON values, and this one is not valid JSON.",
            None,
        ),
        K::YamlReader | K::YamlScanner | K::YamlParser => (
            Rule::YamlSyntax,
            "kubectl reads each document with go-yaml v2, which cannot parse the text here. go-yaml counts the line in its message from the start of the document (`---`), and from 0 for some errors; the position shown is the file's.",
            None,
        ),
        K::UnknownAnchor | K::Aliasing => (
            Rule::YamlAlias,
            "go-yaml reads each document on its own: an alias (`*name`) must refer to an anchor (`&name`) written earlier in the same document, and its aliases may not expand without bound.",
            None,
        ),
        K::Decode => (
            Rule::YamlDecode,
            "go-yaml parses the document but cannot decode this value: a mapping or sequence used as a key (often an unrendered template such as `{{ .Values.x }}`), a value that does not fit its tag, bad `!!binary`, or a merge (`<<`) of something that is not a mapping.",
            None,
        ),
        K::UnsupportedKey => (
            Rule::UnsupportedKey,
            "kubectl converts each YAML document to JSON (sigs.k8s.io/yaml), whose keys are strings; this key cannot be converted.",
            None,
        ),
        K::UnsupportedValue => (
            Rule::UnsupportedValue,
            "kubectl converts each YAML document to JSON (sigs.k8s.io/yaml, then encoding/json), which has no infinite or NaN numbers: `.inf`, `-.inf` and `.nan` unquoted are such numbers in YAML 1.1.",
            Some("quote the value if it is meant as a string".to_owned()),
        ),
        K::Panic => (
            Rule::KubectlPanic,
            "kubectl 1.33 crashes on this stream: after a JSON value, its fallback to YAML mis-counts a short YAML document (fixed in 1.34).",
            None,
        ),
    };
    F {
        rule,
        message: Text::plain(error.text.clone()),
        explanation: text!(
            "{} kubectl prints `error parsing <file>: …` with these words and stops reading the file here: no document from here on is sent (the ones before it already were).", Text::fixed(why),
        ),
        fix,
    }
    .at(at)
}

/// Why a kind is not served, and what it is served as, for the explanation and the fix.
#[derive(Debug, Clone)]
pub(crate) struct NotServed<'a> {
    /// The API group written (`""` for the core group).
    pub group: &'a str,
    /// The group/version written, as printed (`extensions/v1beta1`).
    pub group_version: &'a str,
    /// The kind written.
    pub kind: &'a str,
    /// Where this release serves the kind (`apps/v1`) and its spelling, if anywhere.
    pub served_as: Option<(String, &'static str)>,
    /// The line kubectl prints.
    pub kubectl_line: Text,
    /// The Kubernetes version.
    pub version: KubeVersion,
}

/// kubectl's REST mapper has no such kind in that group/version (`NoKindMatchError`).
pub(crate) fn kind_not_served(at: Position, message: &str, n: &NotServed<'_>) -> Finding {
    let builtin = n.group.is_empty() || crate::versions::is_builtin_group(n.group);
    let why = if builtin {
        format!(
            "Kubernetes {} does not serve kind {} in {} by default (an API version that was removed, never existed, or is off by default).",
            n.version,
            go_quote(n.kind),
            go_quote(n.group_version)
        )
    } else {
        format!(
            "Kubernetes {} has no API group {}, and no custom resource can have it: a CRD's group must contain a dot.",
            n.version,
            go_quote(n.group)
        )
    };
    let instead = match &n.served_as {
        Some((gv, kind)) if *kind == n.kind => {
            text!(" It serves {} as `apiVersion: {}`.", kind, gv)
        }
        Some((gv, kind)) => {
            text!(
                " It serves `kind: {}` (kinds are case-sensitive) in `apiVersion: {}`.",
                kind,
                gv
            )
        }
        None => text!(
            " It serves no kind {} in any API version.",
            go_quote(n.kind)
        ),
    };
    let fix = n.served_as.as_ref().map(|(gv, kind)| {
        if *kind == n.kind {
            format!("apiVersion: {gv}")
        } else if gv.as_str() == n.group_version {
            format!("kind: {kind}")
        } else {
            format!("apiVersion: {gv}   # and kind: {kind}")
        }
    });
    F {
        rule: Rule::KindNotServed,
        message: Text::plain(message),
        explanation: text!(
            "kubectl maps each object's apiVersion and kind to an API resource through the cluster's discovery before sending it. {}{} kubectl prints {}, goes on with the other documents (a mapping error does not stop it) and exits with an error at the end: this object is never created.", why, instead, n.kubectl_line,
        ),
        fix,
    }
    .at(at)
}

/// The API server's scheme has no lower-case kind that kubectl mapped.
pub(crate) fn kind_not_registered_finding(at: Position, api_message: &str, kind: &str) -> Finding {
    F {
        rule: Rule::KindNotRegistered,
        message: Text::plain(api_message),
        explanation: text!(
            "kubectl's discovery mapper also registers every kind in lower case, so kubectl maps this object and sends it; but the API server knows only `{}` (kinds are case-sensitive) and cannot decode it. kubectl prints `Error from server (BadRequest): error when creating \"<file>\": …` and goes on with the other documents. The object is never created.", kind,
        ),
        fix: Some(format!("kind: {kind}")),
    }
    .at(at)
}

/// kubectl cannot decode or flatten a document with `items`.
pub(crate) fn list_invalid(at: Position, message: &str) -> Finding {
    F {
        rule: Rule::ListInvalid,
        message: Text::plain(message),
        explanation: "kubectl reads any document with `items` as a list and sends its items one by one (`FlattenListVisitor`). It cannot decode or flatten this one: it reports it (`unable to decode \"<file>\": …`, or the flattening error), goes on with the other documents and exits with an error at the end. None of its items is sent.".into(),
        fix: None,
    }
    .at(at)
}

/// Why an object kubectl would send is never sent: something before or around it.
#[derive(Debug, Clone, Copy)]
pub(crate) enum NotSent<'a> {
    /// kubectl stopped reading the stream at the document at this line.
    StreamStopped { line: u32, error: &'a str },
    /// The object's `List` is refused.
    ListRefused { error: &'a str },
}

/// An object kubectl never sends.
pub(crate) fn not_sent(at: Position, why: NotSent<'_>) -> Finding {
    let (message, explanation) = match why {
        NotSent::StreamStopped { line, error } => (
            text!(
                "kubectl apply stops reading this file at line {}: this object is never sent",
                line,
            ),
            text!(
                "kubectl reads a file's documents in order and stops at the first one its client-side check refuses: at line {}, `{}`. The documents after it are never sent, so this object is not created until that document is fixed (or this one moved to another file).",
                line,
                error,
            ),
        ),
        NotSent::ListRefused { error } => (
            text!("kubectl refuses this item's List: the item is never sent"),
            text!(
                "kubectl sends a List's items one by one once it has read and mapped the List itself, and it refuses this one: `{}`. None of its items is created.",
                error,
            ),
        ),
    };
    F {
        rule: Rule::NotSent,
        message,
        explanation,
        fix: None,
    }
    .at(at)
}

/// The API server validates the object and rejects it (`StatusReasonInvalid`).
pub(crate) fn object_invalid_finding(at: Position, api_message: &str) -> Finding {
    F {
        rule: Rule::ObjectInvalid,
        message: Text::plain(api_message),
        explanation: "The API server validates the object and rejects it (422 Invalid; kubectl prints `The <Kind> \"<name>\" is invalid: …`), so it is never created and no policy applies. Each cause is marked at its field.".into(),
        fix: None,
    }
    .at(at)
}

/// The API server cannot decode the object into its Go type.
pub(crate) fn object_not_decodable(at: Position, api_message: &str) -> Finding {
    F {
        rule: Rule::ObjectNotDecodable,
        message: Text::plain(api_message),
        explanation: "The API server cannot decode the object into its Go type (400 BadRequest; kubectl prints `Error from server (BadRequest): error when creating \"<file>\": …`), so it is never created. The value is marked at its field.".into(),
        fix: None,
    }
    .at(at)
}

/// kubectl apply's strict field validation refuses the object for unknown fields.
pub(crate) fn strict_decoding(at: Position, strict_message: &str) -> Finding {
    F {
        rule: Rule::StrictDecoding,
        message: Text::plain(strict_message),
        explanation: "kubectl apply asks for strict field validation (its default since 1.27), so the API server refuses the object for its unknown fields (400 BadRequest; kubectl prints `Error from server (BadRequest): error when creating \"<file>\": …`): it is never created. With `kubectl apply --validate=false`, or a client that does not ask for validation, the fields are dropped and the object is created. Each field is marked where it is.".into(),
        fix: None,
    }
    .at(at)
}

/// A pod spec without containers (`validateContainers`: `field.Required(fldPath, "")`).
pub(crate) fn containers_required(at: Position, api_message: &str) -> Finding {
    F {
        rule: Rule::ContainersRequired,
        message: Text::plain(api_message),
        explanation: "Every Pod and pod template needs at least one container: an empty or null `containers` list is rejected, whatever the init containers.".into(),
        fix: Some("containers: [{name: app, image: registry.example.com/team/app:1.0.0}]".to_owned()),
    }
    .at(at)
}

/// Which name the API server refuses (for the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadName<'k> {
    /// A container without a name (`Required value`), or one that is not a DNS label.
    Container(Rejects),
    /// A container's name its pod already has (`Duplicate value`).
    ContainerRepeated(Rejects),
    /// The object's name, not in its kind's format (a DNS subdomain, or a
    /// StatefulSet's DNS label); the kind and the format.
    Object(&'k str, crate::names::Format),
    /// A CronJob's name longer than 52 bytes.
    CronJobTooLong,
}

/// What a name of `format` is made of, after "an RFC 1123 ".
fn name_format(format: crate::names::Format) -> Text {
    match format {
        crate::names::Format::Subdomain => text!(
            "subdomain: at most 253 of `a-z`, `0-9`, `-` and `.`, each part between dots starting and ending with a letter or a digit"
        ),
        crate::names::Format::Label => text!(
            "label: at most 63 of `a-z`, `0-9` and `-`, starting and ending with a letter or a digit"
        ),
    }
}

/// A name the API server refuses on create (`crate::names`); `fix`, a name it accepts.
pub(crate) fn invalid_name(
    at: Position,
    api_message: &str,
    why: BadName<'_>,
    fix: Option<String>,
) -> Finding {
    let explanation = match why {
        BadName::Container(rejects) => text!(
            "A container needs a name, an RFC 1123 label: at most 63 of `a-z`, `0-9` and `-`, starting and ending with a letter or a digit. {}",
            rejects.consequence(),
        ),
        BadName::ContainerRepeated(rejects) => text!(
            "Container names are unique in a pod, across its containers, init containers and ephemeral containers. {}",
            rejects.consequence(),
        ),
        BadName::Object(kind, format) => text!(
            "A {}'s name is an RFC 1123 {}. {}",
            kind,
            name_format(format),
            Rejects::Object.consequence(),
        ),
        BadName::CronJobTooLong => text!(
            "The CronJob controller names its Jobs after the CronJob plus 11 characters, within 63: a CronJob's name has at most 52. {}",
            Rejects::Object.consequence(),
        ),
    };
    F {
        rule: Rule::InvalidName,
        message: Text::plain(api_message),
        explanation,
        fix: fix.map(|name| format!("name: {name}")),
    }
    .at(at)
}

/// The API server's error for a workload's selector problem (`crate::selectors`), with
/// the bad value printed as `field.ErrorBody` does in `version`.
pub(crate) fn selector_problem(
    problem: &crate::selectors::Problem,
    workload: crate::selectors::Workload,
    read: &crate::selectors::Read<'_>,
    version: KubeVersion,
) -> String {
    use crate::selectors::{self, Problem};
    let json = version.renders_bad_values_with_json_marshal();
    match problem {
        Problem::Required => required_value("spec.selector"),
        Problem::Empty => {
            // Only an empty selector is printed: `json.Marshal` omits its empty fields.
            let value = match &read.selector {
                Some(s) if !json => s.go_syntax(),
                _ => "{}".to_owned(),
            };
            format!(
                "spec.selector: Invalid value: {value}: empty selector is invalid for {}",
                workload.word()
            )
        }
        Problem::Mismatch => {
            let value = selectors::printed(&read.labels, json);
            format!(
                "spec.template.metadata.labels: Invalid value: {value}: `selector` does not match template `labels`"
            )
        }
    }
}

/// A workload's selector the API server refuses (`crate::selectors`: missing, empty,
/// or not matched by the template's labels, which the message says); `fix`, what to
/// write. One explanation for the three: each costs the first load.
pub(crate) fn workload_selector(at: Position, api_message: &str, fix: Option<String>) -> Finding {
    let explanation = text!(
        "In `apps/v1` a Deployment, ReplicaSet or StatefulSet needs a `spec.selector` (nothing fills it in from the pod template), none may be empty, and the pod template's labels must satisfy each workload's selector: every `matchLabels` pair and every `matchExpressions` requirement. The API server rejects the object otherwise (422 Invalid), so it is never created."
    );
    F {
        rule: Rule::WorkloadSelector,
        message: Text::plain(api_message),
        explanation,
        fix,
    }
    .at(at)
}

/// A volume with more than one source (`validateVolumeSource`).
pub(crate) fn volume_multiple_sources(at: Position, api_message: &str, first: &str) -> Finding {
    F {
        rule: Rule::VolumeMultipleSources,
        message: Text::plain(api_message),
        explanation: text!(
            "A volume has exactly one source. The API server takes the first it finds in its own order (emptyDir, hostPath, gitRepo, … csi, ephemeral, image last), here `{}`, and rejects every further one.", first,
        ),
        fix: Some(format!("keep `{first}` in this volume and move the other source to a volume of its own")),
    }
    .at(at)
}

/// Ephemeral containers in a Pod at creation, or in a pod template.
pub(crate) fn ephemeral_forbidden(at: Position, api_message: &str, pod: bool) -> Finding {
    let explanation = if pod {
        "Ephemeral containers are added to a running Pod through its ephemeralcontainers subresource (kubectl debug); a Pod created with them is rejected."
    } else {
        "A pod template cannot hold ephemeral containers: they are added to running Pods (kubectl debug), so the object is rejected."
    };
    F {
        rule: Rule::EphemeralContainersForbidden,
        message: Text::plain(api_message),
        explanation: explanation.into(),
        fix: Some(
            "remove ephemeralContainers; add one to a running Pod with kubectl debug".to_owned(),
        ),
    }
    .at(at)
}

/// An image that is not a string: the API server cannot decode the object.
/// A pod spec's list (`containers`, `initContainers`, `ephemeralContainers`, `volumes`)
/// written as something else, or one of its items not a mapping: the API server cannot
/// decode the object.
pub(crate) fn wrong_type(at: Position, decode_message: &str, list: &str, item: bool) -> Finding {
    let what = if item {
        text!("each item of `{}` must be a mapping", list)
    } else {
        text!("`{}` must be a list (`- ` items)", list)
    };
    F {
        rule: Rule::WrongType,
        message: Text::plain(decode_message),
        explanation: text!(
            "The API server decodes the object into its Go types before it validates anything, and {}: it refuses the whole object (400 BadRequest). A forgotten `- ` before a container's first field, or a list indented as a mapping, is the usual cause.", what,
        ),
        fix: None,
    }
    .at(at)
}

/// A JSON kind as Go's decoder names it (`object`, `array`, `bool`, `string`,
/// `number`), in the explanations' words: "a mapping", "a list", …
fn a_json_kind(kind: &str) -> &'static str {
    match kind {
        "object" => "a mapping",
        "array" => "a list",
        "bool" => "a boolean",
        "string" => "a string",
        _ => "a number",
    }
}

/// A field's value of another JSON kind than its Go type (any field of the object but
/// the pod spec's lists, the image and the pull policy, which have their own findings):
/// the API server cannot decode the object.
pub(crate) fn field_wrong_type(
    at: Position,
    decode_message: &str,
    found: &str,
    go_type: &str,
) -> Finding {
    let why = if found.starts_with("number ") {
        text!(
            "`{}` cannot hold this number (a fraction, or a value out of its range)",
            go_type
        )
    } else {
        text!(
            "its Go type there is `{}`, and {} cannot be decoded into it",
            go_type,
            a_json_kind(found)
        )
    };
    F {
        rule: Rule::WrongType,
        message: Text::plain(decode_message),
        explanation: text!(
            "The API server decodes the object into its Go types before it validates anything: {}, so it refuses the whole object (400 BadRequest). Kubernetes reads YAML as YAML 1.1: quote a value meant as a string (`\"true\"`, `\"8080\"`, `\"1.10\"`), and write a number or a boolean unquoted where the field wants one.", why,
        ),
        fix: None,
    }
    .at(at)
}

/// A value `resource.Quantity`'s decoder refuses (`message` is apimachinery's error):
/// the API server cannot decode the object.
pub(crate) fn invalid_quantity(at: Position, message: &str) -> Finding {
    F {
        rule: Rule::InvalidQuantity,
        message: Text::plain(message),
        explanation: text!(
            "The API server reads this value as a resource quantity and cannot, so it refuses the whole object (400 BadRequest). A quantity is a number with at most one suffix: `m` for thousandths (`500m`), `k M G T P E` (powers of ten), `Ki Mi Gi Ti Pi Ei` (powers of two: `512Mi`) or an exponent (`1e3`); `1GB`, `512mb` and `1 Gi` are not quantities."
        ),
        fix: None,
    }
    .at(at)
}

/// `kubectl apply` drops every annotation of the object: the value of `key` is not a
/// string, or (`None`) `annotations` is not a mapping.
pub(crate) fn annotations_dropped(at: Position, key: Option<&str>, found: &str) -> Finding {
    let found = a_json_kind(found);
    let message = match key {
        Some(key) => text!(
            "kubectl apply drops every annotation of this object: `{}` is {}, not a string",
            key,
            found
        ),
        None => text!(
            "kubectl apply drops every annotation of this object: `annotations` is {}, not a mapping",
            found
        ),
    };
    F {
        rule: Rule::AnnotationsDropped,
        message,
        explanation: text!(
            "`kubectl apply` reads an object's annotations as strings only: with one value of another kind it reads none, and sends the object with nothing but its own `kubectl.kubernetes.io/last-applied-configuration` annotation. The object is created without these annotations and no error is shown (`kubectl create` sends them, and the API server refuses the object). Quote the value.",
        ),
        fix: None,
    }
    .at(at)
}

pub(crate) fn image_not_string(at: Position, decode_message: &str, kind: &str) -> Finding {
    F {
        rule: Rule::ImageNotString,
        message: Text::plain(decode_message),
        explanation: text!(
            "Kubernetes reads YAML as YAML 1.1, where this value is a {}; the image needs a string, so the object cannot be decoded. Quote it.", kind,
        ),
        fix: Some("image: \"registry.example.com/team/app:1.0.0\"".to_owned()),
    }
    .at(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_string_is_go_json_marshal() {
        // Go 1.24 `json.Marshal` of each string (HTML escaping on; `\b`, `\f` as such
        // since Go 1.22).
        for (input, marshalled) in [
            ("<no value>", r#""\u003cno value\u003e""#),
            ("a&b", r#""a\u0026b""#),
            ("Always", r#""Always""#),
            ("quote\"back\\slash", r#""quote\"back\\slash""#),
            ("\u{8}\u{c}\n\r\t", r#""\b\f\n\r\t""#),
            ("\u{0}\u{1}\u{1f}", r#""\u0000\u0001\u001f""#),
            ("\u{7f}é🚀", "\"\u{7f}é🚀\""),
            ("\u{2028}\u{2029}", r#""\u2028\u2029""#),
            ("", r#""""#),
        ] {
            assert_eq!(json_string(input), marshalled, "{input:?}");
        }
    }

    #[test]
    fn aggregates_print_like_utilerrors() {
        let e = |v: &[&str]| aggregate(&v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>());
        assert_eq!(e(&["a"]), "a");
        assert_eq!(e(&["a", "b"]), "[a, b]");
        assert_eq!(e(&["a", "b", "a"]), "[a, b]");
        assert_eq!(e(&["a", "a"]), "a");
    }

    #[test]
    fn the_pull_policy_value_is_rendered_by_release() {
        let at = |minor| KubeVersion::new(minor).expect("supported");
        assert_eq!(
            unsupported_pull_policy("spec.containers[0].imagePullPolicy", "<no value>", at(33)),
            r#"spec.containers[0].imagePullPolicy: Unsupported value: "<no value>": supported values: "Always", "IfNotPresent", "Never""#
        );
        assert_eq!(
            unsupported_pull_policy("spec.containers[0].imagePullPolicy", "<no value>", at(34)),
            r#"spec.containers[0].imagePullPolicy: Unsupported value: "\u003cno value\u003e": supported values: "Always", "IfNotPresent", "Never""#
        );
        // Go's `%q` and json.Marshal differ beyond `<>&` too.
        assert_eq!(
            unsupported_pull_policy("p", "\u{1}", at(33)),
            r#"p: Unsupported value: "\x01": supported values: "Always", "IfNotPresent", "Never""#
        );
        assert_eq!(
            unsupported_pull_policy("p", "\u{1}", at(34)),
            r#"p: Unsupported value: "\u0001": supported values: "Always", "IfNotPresent", "Never""#
        );
    }

    #[test]
    fn kubectl_and_server_words() {
        assert_eq!(
            kubectl_validation(&["apiVersion not set".to_owned(), "kind not set".to_owned()]),
            "error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        );
        assert_eq!(
            kind_not_registered("deployment", "apps", "v1", "Deployment"),
            r#"deployment in version "v1" cannot be handled as a Deployment: no kind "deployment" is registered for version "apps/v1" in scheme "k8s.io/kubernetes/pkg/api/legacyscheme/scheme.go:30""#
        );
        assert_eq!(
            no_kind_match("", "v1", "Deployment"),
            r#"no matches for kind "Deployment" in version "v1""#
        );
        assert_eq!(
            no_kind_match("apps", "", "Deploy"),
            r#"no matches for kind "Deploy" in version "apps/""#
        );
        assert_eq!(
            more_than_one_volume_type("spec.volumes[0].image"),
            "spec.volumes[0].image: Forbidden: may not specify more than 1 volume type"
        );
    }
}
