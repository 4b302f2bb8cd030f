//! One pod spec: its containers, init containers, sidecars, ephemeral containers and
//! image volumes, defaulted and validated as the API server does (spec §1, §2).
//!
//! Validation order follows `ValidatePodSpec` (volumes, containers, init containers,
//! ephemeral containers), then the Pod-only checks of `validatePodMetadataAndSpec`
//! (image whitespace) and `ValidatePodCreate` (ephemeral containers are forbidden on
//! create), or `ValidatePodTemplateSpec` (ephemeral containers are forbidden in
//! templates) — both read in kubernetes/kubernetes `pkg/apis/core/validation`. Each
//! container's name is checked first (`validateContainerCommon`) and, after its other
//! checks, against the names its list's validation has seen (`crate::names`).

use crate::decode::{self, Decoded};
use crate::explain::{Cx, text, value_text};
use crate::fields::ObjectType;
use crate::messages::{self, BadName, Rejects, TagCase};
use crate::names::{self, List};
use crate::read::{Doc, NodeId};
use crate::reference;
use crate::report::{
    Document, Entry, Finding, Image, Policy, PolicySource, PullPolicy, Role, WrittenAs,
};
use crate::source::Position;
use crate::strict::{self, join};

/// Where a pod spec sits and what checks apply.
#[derive(Debug)]
pub(crate) struct PodContext {
    /// The field path of the pod spec in its object (`spec.template.spec`).
    pub prefix: String,
    /// The object is a Pod (whitespace and ephemeral-container rules differ).
    pub is_pod: bool,
    /// A custom resource's template: not defaulted by the API server.
    pub custom: bool,
    /// Check unknown fields against the built-in definitions.
    pub strict: bool,
    /// Whom the spec's validation errors reject: the object, or (a StatefulSet's template
    /// up to 1.33, checked as the Pods made from it: `is_pod`) each of its Pods.
    pub rejects: Rejects,
}

/// Errors found while decoding (the object cannot be read at all) and while validating,
/// in `ValidatePodSpec`'s buckets.
#[derive(Debug, Default)]
struct Errors<'d> {
    decode: Vec<String>,
    volumes: Vec<String>,
    containers: Vec<String>,
    init: Vec<String>,
    ephemeral: Vec<String>,
    pod_only: Vec<String>,
    /// The container names seen so far, for `Duplicate value`.
    seen: names::Seen<'d>,
}

/// What the API server says about one pod spec, were it to see it: the first decoding
/// error (the object cannot be read at all), or else the validation errors in the order
/// the API server lists them. Every error here has its error finding at its field.
#[derive(Debug, Default)]
pub(crate) struct Verdict {
    /// The first decoding error (`json: cannot unmarshal …`).
    pub decode: Option<String>,
    /// The validation errors, in `ValidatePodSpec` order then the Pod's or template's own.
    pub invalid: Vec<String>,
}

impl Errors<'_> {
    fn verdict(self) -> Verdict {
        match self.decode.into_iter().next() {
            Some(first) => Verdict {
                decode: Some(first),
                invalid: Vec::new(),
            },
            None => Verdict {
                decode: None,
                invalid: [
                    self.volumes,
                    self.containers,
                    self.init,
                    self.ephemeral,
                    self.pod_only,
                ]
                .concat(),
            },
        }
    }
}

/// The volume sources in the order `validateVolumeSource` tests them, each with the field
/// name its `may not specify more than 1 volume type` error uses (`fldPath.Child(…)`,
/// which differs from the JSON key for `cephfs` and, a typo kept in the source, for
/// `downwardAPI`). Read in kubernetes `pkg/apis/core/validation/validation.go` (the
/// indexed revisions agree on the order; `image`, added for KEP-4639 in 1.31, is tested
/// last: reading spec §6).
const VOLUME_SOURCES: &[(&str, &str)] = &[
    ("emptyDir", "emptyDir"),
    ("hostPath", "hostPath"),
    ("gitRepo", "gitRepo"),
    ("gcePersistentDisk", "gcePersistentDisk"),
    ("awsElasticBlockStore", "awsElasticBlockStore"),
    ("secret", "secret"),
    ("nfs", "nfs"),
    ("iscsi", "iscsi"),
    ("glusterfs", "glusterfs"),
    ("flocker", "flocker"),
    ("persistentVolumeClaim", "persistentVolumeClaim"),
    ("rbd", "rbd"),
    ("cinder", "cinder"),
    ("cephfs", "cephFS"),
    ("quobyte", "quobyte"),
    ("downwardAPI", "downwarAPI"),
    ("fc", "fc"),
    ("flexVolume", "flexVolume"),
    ("configMap", "configMap"),
    ("azureFile", "azureFile"),
    ("vsphereVolume", "vsphereVolume"),
    ("photonPersistentDisk", "photonPersistentDisk"),
    ("portworxVolume", "portworxVolume"),
    ("azureDisk", "azureDisk"),
    ("storageos", "storageos"),
    ("projected", "projected"),
    ("scaleIO", "scaleIO"),
    ("csi", "csi"),
    ("ephemeral", "ephemeral"),
    ("image", "image"),
];

/// Explains every entry of the pod spec `spec` into `d`, and returns what the API server
/// says about it (for a built-in object; see [`Verdict`]).
pub(crate) fn pod_spec(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    spec: NodeId,
    pcx: &PodContext,
    d: &mut Document,
) -> Verdict {
    let mut errs = Errors::default();
    let version = cx.options.kubernetes_version;
    if pcx.strict {
        strict::check(
            cx,
            doc,
            spec,
            ObjectType::PodSpec,
            &pcx.prefix,
            &mut d.findings,
        );
    }
    let first = d.entries.len();
    let list = |key: &str| doc.get(spec, key).and_then(|l| doc.items(l)).unwrap_or(&[]);
    // Entries are large (the outcome is inline): room for exactly this spec's
    // containers, not the four a growing vector starts with (a List of pods grows
    // as usual).
    let containers: usize = ["containers", "initContainers", "ephemeralContainers"]
        .iter()
        .map(|key| list(key).len())
        .sum();
    if d.entries.is_empty() {
        d.entries.reserve_exact(containers);
    } else {
        d.entries.reserve(containers);
    }

    // A built-in object: what the API server validates (not a custom resource's
    // template, which its CRD does not check this way, nor a fragment).
    let validated = pcx.strict && !pcx.custom;
    if validated {
        shapes(cx, doc, spec, pcx, d, &mut errs.decode);
    }
    for (i, &vol) in list("volumes").iter().enumerate() {
        let path = format!("{}[{i}]", join(&pcx.prefix, "volumes"));
        if pcx.strict {
            strict::check(cx, doc, vol, ObjectType::Volume, &path, &mut d.findings);
        }
        // `validateVolumeSource`: the first source present (a non-null value of a field
        // this version has: `image` from 1.31, validated whatever the ImageVolume gate,
        // as `image_volume` does) is validated, every further one is forbidden, and not
        // validated.
        let mut sources = VOLUME_SOURCES.iter().filter(|(key, _)| {
            doc.get(vol, key).is_some_and(|v| !doc.is_null(v))
                && crate::fields::field(ObjectType::Volume, key, version).is_some()
        });
        let first_source = sources.next().map(|&(key, _)| key);
        let mut image_second = false;
        if let (true, Some(first_key)) = (validated, first_source) {
            for &(key, child) in sources {
                image_second |= key == "image";
                let message = messages::more_than_one_volume_type(&join(&path, child));
                let at = doc
                    .entry(vol, key)
                    .map_or(d.position, |(k, _)| cx.pos(doc, k));
                d.findings
                    .push(messages::volume_multiple_sources(at, &message, first_key));
                errs.volumes.push(message);
            }
        }
        if let Some(source) = doc.get(vol, "image").filter(|s| doc.pairs(*s).is_some()) {
            // A forbidden second source is not validated: its errors go nowhere.
            let mut unchecked = Vec::new();
            let bucket = if image_second {
                &mut unchecked
            } else {
                &mut errs.volumes
            };
            let entry = image_volume(cx, doc, vol, source, path, pcx, bucket, &mut errs.decode);
            d.entries.push(entry);
        }
    }
    // `validateContainers`: no container at all is `Required value`, whatever the init
    // containers (an absent key, null or `[]`; a mapping or a scalar is a decoding error).
    let containers = doc.entry(spec, "containers");
    let no_containers = match containers {
        None => true,
        Some((_, n)) => doc.is_null(n) || doc.items(n).is_some_and(<[NodeId]>::is_empty),
    };
    if validated && no_containers {
        let message = messages::required_value(&join(&pcx.prefix, "containers"));
        let at = key_or(cx, doc, containers, spec);
        d.findings.push(messages::containers_required(at, &message));
        errs.containers.push(message);
    }
    for (key, role_of) in [
        ("containers", Role::Container),
        ("initContainers", Role::InitContainer),
        ("ephemeralContainers", Role::EphemeralContainer),
    ] {
        for (i, &node) in list(key).iter().enumerate() {
            if doc.pairs(node).is_none() && !doc.is_null(node) {
                continue; // not a container (`shapes`)
            }
            let path = format!("{}[{i}]", join(&pcx.prefix, key));
            let role = if role_of == Role::InitContainer
                && text(doc, node, "restartPolicy") == Some("Always")
            {
                Role::Sidecar
            } else {
                role_of
            };
            let entry = container(cx, doc, node, path, role, pcx, &mut errs);
            d.entries.push(entry);
        }
    }
    if validated && !list("ephemeralContainers").is_empty() {
        // `ValidatePodCreate` (a Pod) or `ValidatePodTemplateSpec` (a template), after
        // everything `ValidatePodSpec` and the Pod-only checks report.
        let path = join(&pcx.prefix, "ephemeralContainers");
        let message = if pcx.is_pod {
            messages::ephemeral_on_create(&path)
        } else {
            messages::ephemeral_in_template(&path)
        };
        let at = key_or(cx, doc, doc.entry(spec, "ephemeralContainers"), spec);
        d.findings
            .push(messages::ephemeral_forbidden(at, &message, pcx.is_pod));
        errs.pod_only.push(message);
    }
    apply_admission(cx, &mut d.entries[first..]);
    errs.verdict()
}

/// The pod spec's lists the API server cannot decode (`sigs.k8s.io/json`, reading spec
/// §5): a list written as a mapping or a scalar (`json: cannot unmarshal object into Go
/// struct field PodSpec.spec.containers of type []v1.Container`), an item that is not a
/// mapping (`… of type v1.Container`); null decodes into any of them. In the order of
/// the JSON kubectl sends, whose keys are sorted. Each is an error at its place and a
/// decoding error of the object.
fn shapes(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    spec: NodeId,
    pcx: &PodContext,
    d: &mut Document,
    decode_errs: &mut Vec<String>,
) {
    for (key, go_type) in [
        ("containers", "Container"),
        ("ephemeralContainers", "EphemeralContainer"),
        ("initContainers", "Container"),
        ("volumes", "Volume"),
    ] {
        let Some((key_node, list)) = doc.entry(spec, key) else {
            continue;
        };
        let path = json_path(&join(&pcx.prefix, key));
        let Some(items) = doc.items(list) else {
            if let Some(kind) = decode::json_kind(doc, list) {
                let go = format!("[]v1.{go_type}");
                let message = messages::unmarshal_type_error(kind, "PodSpec", &path, &go);
                let at = cx.pos(doc, key_node);
                d.findings
                    .push(messages::wrong_type(at, &message, key, false));
                decode_errs.push(message);
            }
            continue;
        };
        for &item in items {
            if doc.pairs(item).is_some() {
                continue;
            }
            if let Some(kind) = decode::json_kind(doc, item) {
                let go = format!("v1.{go_type}");
                let message = messages::unmarshal_type_error(kind, "PodSpec", &path, &go);
                d.findings
                    .push(messages::wrong_type(cx.pos(doc, item), &message, key, true));
                decode_errs.push(message);
            }
        }
    }
}

/// A validation error of the pod spec at `prefix` (a template's `spec.template.spec`) as
/// the API server words it for a Pod made from the template: at the Pod's paths
/// (`spec.containers[0]…`). Every such error starts with its field's path.
pub(crate) fn at_pod_paths(message: &str, prefix: &str) -> String {
    message.replacen(prefix, "spec", 1)
}

/// Where a field's findings are marked: its key as written ([`Doc::entry`]), else
/// `parent`, the mapping it is missing from.
pub(crate) fn key_or(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    entry: Option<(NodeId, NodeId)>,
    parent: NodeId,
) -> Position {
    entry.map_or_else(|| cx.pos(doc, parent), |(k, _)| cx.pos(doc, k))
}

/// Where an entry is marked: its `name` key, else its first key.
fn name_or_first_key(doc: &Doc<'_>, map: NodeId) -> Option<NodeId> {
    let mut first = None;
    for (k, _) in doc.pairs(map)? {
        if doc.key_is(k, "name") {
            return Some(k);
        }
        first.get_or_insert(k);
    }
    first
}

/// A document that is a list of containers: explains each; false if it is not one.
pub(crate) fn container_list(cx: &Cx<'_>, doc: &Doc<'_>, list: NodeId, d: &mut Document) -> bool {
    let items = doc.items(list).unwrap_or(&[]);
    if items.is_empty()
        || !items
            .iter()
            .all(|&i| doc.get(i, "image").is_some() || doc.get(i, "name").is_some())
    {
        return false;
    }
    let pcx = fragment_context();
    let mut errs = Errors::default();
    for (i, &node) in items.iter().enumerate() {
        d.entries.push(container(
            cx,
            doc,
            node,
            format!("[{i}]"),
            Role::Container,
            &pcx,
            &mut errs,
        ));
    }
    apply_admission(cx, &mut d.entries);
    true
}

/// A document that is one container.
pub(crate) fn bare_container(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, d: &mut Document) {
    let mut errs = Errors::default();
    d.entries.push(container(
        cx,
        doc,
        node,
        String::new(),
        Role::Container,
        &fragment_context(),
        &mut errs,
    ));
    apply_admission(cx, &mut d.entries);
}

fn fragment_context() -> PodContext {
    PodContext {
        prefix: String::new(),
        is_pod: false,
        custom: false,
        strict: false,
        rejects: Rejects::Object,
    }
}

fn container<'d>(
    cx: &Cx<'_>,
    doc: &'d Doc<'_>,
    node: NodeId,
    path: String,
    role: Role,
    pcx: &PodContext,
    errs: &mut Errors<'d>,
) -> Entry {
    let mut findings = Vec::new();
    if pcx.strict {
        let ty = if role == Role::EphemeralContainer {
            ObjectType::EphemeralContainer
        } else {
            ObjectType::Container
        };
        strict::check(cx, doc, node, ty, &path, &mut findings);
    }
    let position =
        name_or_first_key(doc, node).map_or_else(|| cx.pos(doc, node), |k| cx.pos(doc, k));
    let (bucket, list) = match role {
        Role::Container => (&mut errs.containers, List::Containers),
        Role::InitContainer | Role::Sidecar => (&mut errs.init, List::InitContainers),
        Role::EphemeralContainer | Role::ImageVolume => {
            (&mut errs.ephemeral, List::EphemeralContainers)
        }
    };
    // `validateContainerCommon` checks the name first (`names`); a name that is not a
    // string is a decoding error, and not validated.
    let name_node = doc.get(node, "name");
    let name = decode::go_string(doc, name_node).filter(|_| pcx.strict && !pcx.custom);
    let name_path = || join(&path, "name");
    let name_at = || name_node.map_or(position, |n| cx.pos(doc, n));
    if let Some(name) = name {
        if name.is_empty() {
            let message = messages::required_value(&name_path());
            let fix = image_name_suggestion(doc, node);
            findings.push(messages::invalid_name(
                position,
                &message,
                BadName::Container(pcx.rejects),
                fix,
            ));
            bucket.push(message);
        } else {
            for problem in names::problems(names::Format::Label, name, names::Unit::Characters) {
                let message = messages::invalid_value(&name_path(), name, &problem);
                let fix = names::suggest(name, 63);
                findings.push(messages::invalid_name(
                    name_at(),
                    &message,
                    BadName::Container(pcx.rejects),
                    fix,
                ));
                bucket.push(message);
            }
        }
    }
    let mut whitespace = None;
    let (image, image_text, parsed) = read_image(
        cx,
        doc,
        node,
        "image",
        &join(&path, "image"),
        position,
        pcx,
        Missing::Rejected(bucket),
        &mut errs.decode,
        Some((&mut whitespace, role == Role::EphemeralContainer)),
        &mut findings,
        "Container",
    );
    let policy = read_policy(
        cx,
        doc,
        node,
        "imagePullPolicy",
        &join(&path, "imagePullPolicy"),
        position,
        (&image_text, image.position, parsed.as_ref()),
        pcx,
        bucket,
        &mut errs.decode,
        &mut findings,
        "Container",
        "v1.PullPolicy",
    );
    // `validateContainerOnlyForPod`: for an ephemeral container inside
    // `validateEphemeralContainers` (after its common checks, in Pods and templates
    // alike), for the others after every container (`validatePodMetadataAndSpec`).
    if let Some(message) = whitespace {
        if role == Role::EphemeralContainer {
            bucket.push(message);
        } else {
            errs.pod_only.push(message);
        }
    }
    // After the container's other checks (and, for an ephemeral one, its whitespace).
    if let Some(name) = name
        && errs.seen.repeated(list, name)
    {
        let message = messages::duplicate_value(&name_path(), name);
        findings.push(messages::invalid_name(
            name_at(),
            &message,
            BadName::ContainerRepeated(pcx.rejects),
            None,
        ));
        bucket.push(message);
    }
    if role == Role::EphemeralContainer {
        findings.push(messages::ephemeral_container(position));
    }
    Entry {
        name: name_node
            .and_then(|n| value_text(doc, n))
            .map(str::to_owned),
        path,
        role,
        position,
        image,
        policy,
        outcome: None,
        findings,
    }
}

/// A container name to suggest for a container without one: its image's last path
/// component, made a DNS label.
fn image_name_suggestion(doc: &Doc<'_>, node: NodeId) -> Option<String> {
    let image = text(doc, node, "image")?;
    let path = image.split(['@']).next()?;
    let last = path.rsplit('/').next()?;
    let repository = last.split(':').next()?;
    names::suggest(repository, 63)
}

#[allow(clippy::too_many_arguments)]
fn image_volume(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    vol: NodeId,
    source: NodeId,
    path: String,
    pcx: &PodContext,
    validation: &mut Vec<String>,
    decode_errs: &mut Vec<String>,
) -> Entry {
    let mut findings = Vec::new();
    let source_path = join(&path, "image");
    if pcx.strict {
        strict::check(
            cx,
            doc,
            source,
            ObjectType::ImageVolumeSource,
            &source_path,
            &mut findings,
        );
    }
    let position = name_or_first_key(doc, vol).map_or_else(|| cx.pos(doc, vol), |k| cx.pos(doc, k));
    let version = cx.options.kubernetes_version;
    // `reference` is required for Pods (KEP-4639 and the API doc; spec §10.3), and from
    // 1.37 in every pod template of a built-in kind (kubernetes#135989: `validateImageVolumeSource`
    // drops its `opts.ResourceIsPod &&`; kubernetes-1.37.md §2.2, TV1). Before, a template
    // is accepted and the Pods created from it are rejected (kubernetes#135988).
    let template = !pcx.is_pod && !pcx.custom && pcx.strict;
    let missing =
        if pcx.is_pod || (template && version.image_volume_reference_required_in_templates()) {
            Missing::Rejected(validation)
        } else if template {
            Missing::PodsRejected {
                prefix: &pcx.prefix,
            }
        } else {
            Missing::Reported
        };
    let (image, image_text, parsed) = read_image(
        cx,
        doc,
        source,
        "reference",
        &join(&source_path, "reference"),
        position,
        pcx,
        missing,
        decode_errs,
        None,
        &mut findings,
        "ImageVolumeSource",
    );
    let mut policy = read_policy(
        cx,
        doc,
        source,
        "pullPolicy",
        &join(&source_path, "pullPolicy"),
        position,
        (&image_text, image.position, parsed.as_ref()),
        pcx,
        validation,
        decode_errs,
        &mut findings,
        "ImageVolumeSource",
        "v1.PullPolicy",
    );
    if !version.has_image_volumes() {
        findings.push(messages::image_volume_unknown(position, version));
        policy.effective = None;
        policy.source = PolicySource::NotDefaulted;
        policy.reason = messages::reason_volume_gate_off(version);
    } else if !version.image_volume_default() {
        findings.push(messages::image_volume_gate(position, version));
        if policy.source == PolicySource::Defaulted {
            policy.effective = None;
            policy.source = PolicySource::NotDefaulted;
            policy.reason = messages::reason_volume_gate_off(version);
        }
    }
    Entry {
        name: text(doc, vol, "name").map(str::to_owned),
        path,
        role: Role::ImageVolume,
        position,
        image,
        policy,
        outcome: None,
        findings,
    }
}

/// What an empty or missing image means for the object.
enum Missing<'a> {
    /// The API server rejects the object: the message joins these validation errors.
    Rejected(&'a mut Vec<String>),
    /// An error finding, and nothing the API server checks here: fragments and custom
    /// resources (whose Pods are rejected).
    Reported,
    /// An image volume in a built-in pod template before 1.37: the object is accepted, the
    /// Pods created from it are rejected (the pod spec sits at `prefix`).
    PodsRejected { prefix: &'a str },
}

/// Reads and checks the image field; returns the report's view and the string the
/// API server would see ("" when absent or not a string).
#[allow(clippy::too_many_arguments)]
fn read_image(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    key: &str,
    field_path: &str,
    fallback: Position,
    pcx: &PodContext,
    missing: Missing<'_>,
    decode_errs: &mut Vec<String>,
    whitespace: Option<(&mut Option<String>, bool)>,
    findings: &mut Vec<Finding>,
    go_struct: &str,
) -> (Image, String, Option<reference::Reference>) {
    let (decoded, value_node) = decode::string_field(doc, node, key);
    let position = value_node.map_or(fallback, |n| cx.pos(doc, n));
    let rules = cx.options.kubernetes_version.reference_rules();
    let raw: Option<&str> = match decoded {
        Decoded::Str(s) => Some(s),
        Decoded::Bool(t) | Decoded::Number(t) => Some(t),
        _ => None,
    };
    let text = match decoded {
        Decoded::Str(s) => s.to_owned(),
        _ => String::new(),
    };
    match decoded {
        Decoded::Absent | Decoded::Null | Decoded::Str("") => {
            let message = messages::required_value(field_path);
            match missing {
                Missing::Rejected(validation) => {
                    findings.push(messages::image_required(position, &message, pcx.rejects));
                    validation.push(message);
                }
                Missing::Reported => {
                    findings.push(messages::image_required(position, &message, pcx.rejects));
                }
                Missing::PodsRejected { prefix } => {
                    findings.push(messages::image_volume_reference_template(
                        position,
                        &at_pod_paths(&message, prefix),
                        cx.options.kubernetes_version,
                    ));
                }
            }
        }
        Decoded::Bool(_) | Decoded::Number(_) | Decoded::Collection(_) => {
            let go_kind = go_json_kind(&decoded);
            let message = messages::unmarshal_type_error(
                go_kind,
                go_struct,
                &json_path(field_path),
                "string",
            );
            findings.push(messages::image_not_string(
                position,
                &message,
                go_kind_word(go_kind),
            ));
            decode_errs.push(message);
        }
        Decoded::Str(s) => {
            // `validateContainerOnlyForPod`: checked for a Pod's containers and for every
            // ephemeral container (`validateEphemeralContainers`, templates included); a
            // template's other containers are accepted and its Pods rejected. Not for
            // image volumes, whose reference is not checked for it.
            if let (Some((out, ephemeral)), true) = (whitespace, s.trim() != s) {
                let message = messages::image_whitespace(field_path, s);
                let object = !pcx.custom && pcx.strict;
                if pcx.is_pod || (ephemeral && object) {
                    findings.push(messages::image_whitespace_pod(position, &message, s));
                    *out = Some(message);
                } else if object {
                    findings.push(messages::image_whitespace_template(
                        position,
                        &at_pod_paths(&message, &pcx.prefix),
                        s,
                    ));
                }
            }
        }
    }
    // One parse serves the report, the kubelet's default tag and defaulting.
    let parsed = reference::parse_normalized_named(&text, rules);
    let runtime = runtime_ref(&text, parsed.as_ref().ok(), rules);
    if let (Err(message), false) = (&runtime, text.is_empty()) {
        findings.push(messages::invalid_image_name(position, message));
    }
    let image = match &parsed {
        Ok(r) => Image {
            raw: raw.map(str::to_owned),
            valid: true,
            full_name: Some(r.name()),
            domain: Some(r.domain().to_owned()),
            path: Some(r.path().to_owned()),
            tag: r.tag().map(str::to_owned),
            digest: r.digest().map(str::to_owned),
            familiar_name: Some(r.familiar_name()),
            runtime_ref: runtime.ok(),
            error: None,
            position,
        },
        Err(e) => Image {
            raw: raw.map(str::to_owned),
            valid: false,
            full_name: None,
            domain: None,
            path: None,
            tag: None,
            digest: None,
            familiar_name: None,
            runtime_ref: None,
            error: Some(e.to_string()),
            position,
        },
    };
    (image, text, parsed.ok())
}

/// The kubelet's `applyDefaultImageTag` (spec §4.3 step 1), from an image already
/// parsed: `Ok` the string sent to the runtime, `Err` the kubelet's message.
fn runtime_ref(
    image: &str,
    parsed: Option<&reference::Reference>,
    rules: reference::Rules,
) -> Result<String, String> {
    match parsed {
        // The failure message needs the parse error's words: let the reference module
        // produce it (this path is rare).
        None => reference::apply_default_image_tag(image, rules),
        Some(r) if r.digest().is_some() => Ok(image.to_owned()),
        Some(r) => {
            let tag = r.tag().unwrap_or(reference::DEFAULT_IMAGE_TAG);
            let suffix_ok = image
                .strip_suffix(tag)
                .is_some_and(|rest| rest.ends_with(':'));
            Ok(if suffix_ok {
                image.to_owned()
            } else {
                format!("{image}:{tag}")
            })
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn read_policy(
    cx: &Cx<'_>,
    doc: &Doc<'_>,
    node: NodeId,
    key: &str,
    field_path: &str,
    fallback: Position,
    (image, image_at, parsed): (&str, Position, Option<&reference::Reference>),
    pcx: &PodContext,
    validation: &mut Vec<String>,
    decode_errs: &mut Vec<String>,
    findings: &mut Vec<Finding>,
    go_struct: &str,
    go_type: &str,
) -> Policy {
    let (decoded, value_node) = decode::string_field(doc, node, key);
    let position = value_node.map_or(fallback, |n| cx.pos(doc, n));
    let case = match parsed {
        None => TagCase::Unparseable,
        Some(r) => match (r.tag(), r.digest().is_some()) {
            (None, false) => TagCase::NoTag,
            (Some("latest"), digest) => TagCase::Latest { digest },
            (Some(tag), _) => TagCase::Tag(tag),
            (None, true) => TagCase::DigestOnly,
        },
    };
    // SetDefaults_Container: Always exactly when ParseImageName's tag is "latest" (no tag
    // and no digest counts as "latest"); a parse error counts as no tag.
    let latest = parsed.is_some_and(|r| match (r.tag(), r.digest()) {
        (Some(tag), _) => tag == reference::DEFAULT_IMAGE_TAG,
        (None, digest) => digest.is_none(),
    });
    let default = if latest {
        PullPolicy::Always
    } else {
        PullPolicy::IfNotPresent
    };
    let defaulted = |form: Option<&str>, written_as: WrittenAs, written: Option<String>| Policy {
        written,
        written_as,
        effective: Some(default),
        source: PolicySource::Defaulted,
        reason: messages::reason_defaulted(default, case, form, pcx.custom),
        position,
    };
    let policy = match decoded {
        Decoded::Absent => defaulted(None, WrittenAs::Absent, None),
        Decoded::Null => defaulted(Some("null"), WrittenAs::Null, None),
        Decoded::Str("") => defaulted(Some("\"\""), WrittenAs::Empty, Some(String::new())),
        Decoded::Str(v) => match PullPolicy::from_exact(v) {
            Some(p) => Policy {
                written: Some(v.to_owned()),
                written_as: WrittenAs::String,
                effective: Some(p),
                source: PolicySource::Explicit,
                reason: messages::reason_explicit(p),
                position,
            },
            None => {
                let message =
                    messages::unsupported_pull_policy(field_path, v, cx.options.kubernetes_version);
                findings.push(messages::invalid_pull_policy(
                    position,
                    &message,
                    v,
                    pcx.rejects,
                ));
                validation.push(message);
                Policy {
                    written: Some(v.to_owned()),
                    written_as: WrittenAs::String,
                    effective: None,
                    source: PolicySource::Invalid,
                    reason: messages::reason_invalid_value(v),
                    position,
                }
            }
        },
        Decoded::Bool(t) | Decoded::Number(t) => {
            let go_kind = go_json_kind(&decoded);
            let message =
                messages::unmarshal_type_error(go_kind, go_struct, &json_path(field_path), go_type);
            findings.push(messages::pull_policy_not_a_string(
                position,
                &message,
                go_kind_word(go_kind),
                t,
            ));
            decode_errs.push(message);
            Policy {
                written: Some(t.to_owned()),
                written_as: if go_kind == "bool" {
                    WrittenAs::Boolean
                } else {
                    WrittenAs::Number
                },
                effective: None,
                source: PolicySource::Invalid,
                reason: messages::reason_not_a_string(go_kind_word(go_kind), t),
                position,
            }
        }
        Decoded::Collection(kind) => {
            let message =
                messages::unmarshal_type_error(kind, go_struct, &json_path(field_path), go_type);
            findings.push(messages::pull_policy_not_a_string(
                position, &message, kind, key,
            ));
            decode_errs.push(message);
            Policy {
                written: None,
                written_as: WrittenAs::Other,
                effective: None,
                source: PolicySource::Invalid,
                reason: messages::reason_not_a_string(kind, key),
                position,
            }
        }
    };
    if let Some(effective) = policy.effective {
        let at = Positions {
            image: image_at,
            policy: position,
        };
        let facts = Guidance {
            image,
            parsed,
            policy: effective,
            source: policy.source,
            custom: pcx.custom,
        };
        guidance(findings, at, &facts);
    }
    policy
}

/// Where guidance points: findings about the tag at the image, about the policy at
/// the policy (or the container's `name:` when it is not written).
#[derive(Debug, Clone, Copy)]
struct Positions {
    image: Position,
    policy: Position,
}

/// What guidance looks at.
#[derive(Debug)]
struct Guidance<'a> {
    image: &'a str,
    parsed: Option<&'a reference::Reference>,
    policy: PullPolicy,
    source: PolicySource,
    custom: bool,
}

/// The neutral guidance findings for a valid entry.
fn guidance(findings: &mut Vec<Finding>, at: Positions, g: &Guidance<'_>) {
    let Some(r) = g.parsed else { return };
    let (p, image) = (g.policy, g.image);
    let (tag, digest) = (r.tag(), r.digest().is_some());
    match (tag, digest) {
        (None, false) => findings.push(messages::latest_tag(at.image, image, true, p)),
        (Some("latest"), false) => findings.push(messages::latest_tag(at.image, image, false, p)),
        (Some(t), false) if p == PullPolicy::IfNotPresent => {
            if t.eq_ignore_ascii_case("latest") {
                findings.push(messages::latest_case(at.image, t));
            } else {
                findings.push(messages::mutable_tag_if_not_present(at.image, t));
            }
        }
        (Some(t), true) => findings.push(messages::tag_and_digest(at.image, t == "latest")),
        _ => {}
    }
    if digest && p == PullPolicy::Always {
        findings.push(messages::always_with_digest(at.policy));
    }
    if p == PullPolicy::Never {
        findings.push(messages::never_policy(at.policy));
    }
    if g.source == PolicySource::Defaulted && !g.custom {
        findings.push(messages::default_set_at_creation(at.policy, p));
    }
}

/// The AlwaysPullImages admission plugin (spec §5): every new Pod's containers and
/// image volumes become Always; ephemeral containers, added through a subresource,
/// are not touched.
fn apply_admission(cx: &Cx<'_>, entries: &mut [Entry]) {
    if !cx.options.scenario.always_pull_images {
        return;
    }
    for entry in entries {
        if entry.role == Role::EphemeralContainer || entry.policy.effective.is_none() {
            continue;
        }
        let before = entry.policy.effective;
        entry.policy.effective = Some(PullPolicy::Always);
        entry.policy.source = PolicySource::Admission;
        entry.policy.reason = messages::reason_admission(before);
        entry
            .findings
            .push(messages::always_pull_images_applied(entry.policy.position));
    }
}

fn go_json_kind(decoded: &Decoded<'_>) -> &'static str {
    match decoded {
        Decoded::Bool(_) => "bool",
        Decoded::Collection(kind) => kind,
        _ => "number",
    }
}

fn go_kind_word(go_kind: &str) -> &str {
    if go_kind == "bool" {
        "boolean"
    } else {
        go_kind
    }
}

/// Go's `encoding/json` names a field by its JSON path without indices
/// (`spec.containers.imagePullPolicy`).
fn json_path(field_path: &str) -> String {
    let mut out = String::with_capacity(field_path.len());
    let mut depth = 0;
    for c in field_path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            c if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}
