//! The seed article's imagined pull-policy machinery, answered where it is written
//! (issue #20; spec §8, "There is an ImagePullPolicy configuration file / a per-image
//! pull policy label / a node-wide pull policy"; the article's "Setting up
//! ImagePullPolicy" section).
//!
//! Kubernetes has no such object and reads no such label: the policy is the container
//! field `imagePullPolicy` (and `volumes[*].image.pullPolicy` for image volumes), filled
//! in by defaulting when the object is created (spec §1), and the only cluster-wide
//! override is the AlwaysPullImages admission plugin (spec §5). Two findings say so:
//!
//! - [`crate::rules::Rule::NoPullPolicyKind`]: a document of kind `ImagePullPolicy` (or
//!   `PullPolicy`), the article's "ImagePullPolicy configuration file".
//! - [`crate::rules::Rule::PullPolicyLabel`]: a label or annotation whose key, without
//!   its prefix and ignoring case, `-`, `_` and `.`, is `imagePullPolicy` or
//!   `pullPolicy` (`pull-policy`, `example.com/image-pull-policy`, …), on the object or
//!   on its pod template: the article's "pull policy label".
//!
//! Both are warnings: Kubernetes accepts a label with any such key and ignores it, and a
//! custom resource definition could add an `ImagePullPolicy` kind to a cluster (whose
//! controller still cannot change what the kubelet does), so neither is a refusal.
//!
//! The words are here, beside the detection, because they answer the article rather than
//! reproduce Kubernetes; the registry (`rules.rs`) holds their ids, severity and links.

use crate::explain::Cx;
use crate::messages::F;
use crate::read::{Doc, NodeId};
use crate::report::{Document, Finding};
use crate::rules::Rule;
use crate::text;
use crate::text::Text;

/// Where objects keep metadata whose labels could be meant for their containers: the
/// object's own, and its pod template's (workloads, PodTemplate, CronJob's job template).
const METADATA_PATHS: &[&[&str]] = &[
    &["metadata"],
    &["template", "metadata"],
    &["spec", "template", "metadata"],
    &["spec", "jobTemplate", "metadata"],
    &["spec", "jobTemplate", "spec", "template", "metadata"],
];

const WHAT_DECIDES: Text = text!(
    "Kubernetes has no pull-policy object, configuration file or label. The policy is a field of each container: `imagePullPolicy` in `containers`, `initContainers` and `ephemeralContainers` (and `pullPolicy` of an image volume). Left out, the API server fills it in when the object is created: `Always` for an image without a tag or with the tag `latest`, `IfNotPresent` otherwise. The only cluster-wide override is the AlwaysPullImages admission plugin, which makes new Pods' containers `Always`.",
);

/// `name` normalised: the part after the last `/`, ASCII-lowercase, without `-`, `_`,
/// `.` (label and annotation keys are ASCII; ASCII folding keeps the Unicode case tables
/// out of the playground's first load).
fn normalised(name: &str) -> String {
    let name = name.rsplit('/').next().unwrap_or(name);
    name.chars()
        .filter(|c| !matches!(c, '-' | '_' | '.'))
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Named like a pull policy.
fn is_pull_policy_name(name: &str) -> bool {
    matches!(normalised(name).as_str(), "imagepullpolicy" | "pullpolicy")
}

/// Adds the myth findings of the object at `node` (a mapping) to `d`.
pub(crate) fn check(cx: &Cx<'_>, doc: &Doc<'_>, node: NodeId, d: &mut Document) {
    if let Some(kind) = d.kind.as_deref().filter(|k| is_pull_policy_name(k)) {
        d.findings.push(no_such_kind(kind, d.position));
    }
    for path in METADATA_PATHS {
        let Some(meta) = doc.get_path(node, path) else {
            continue;
        };
        for field in ["labels", "annotations"] {
            let Some(pairs) = doc.get(meta, field).and_then(|m| doc.pairs(m)) else {
                continue;
            };
            for (k, _) in pairs {
                if let Some(key) = doc.key_text(k).filter(|k| is_pull_policy_name(k)) {
                    d.findings
                        .push(pull_policy_label(field, &key, cx.pos(doc, k)));
                }
            }
        }
    }
}

fn no_such_kind(kind: &str, at: crate::Position) -> Finding {
    F {
        rule: Rule::NoPullPolicyKind,
        message: text!(
            "Kubernetes has no {} kind: the pull policy is each container's imagePullPolicy field",
            kind,
        ),
        explanation: text!(
            "{} Without a custom resource definition of that name the API server has no such resource and kubectl refuses the document; with one, its controller still cannot change what the kubelet pulls.",
            WHAT_DECIDES,
        ),
        fix: Some(
            "set `imagePullPolicy:` on each container of the Pod or pod template instead"
                .to_owned(),
        ),
    }
    .at(at)
}

fn pull_policy_label(field: &str, key: &str, at: crate::Position) -> Finding {
    let what = if field == "labels" {
        "label"
    } else {
        "annotation"
    };
    F {
        rule: Rule::PullPolicyLabel,
        message: text!(
            "the {} \"{}\" does not set a pull policy: Kubernetes reads only each container's imagePullPolicy",
            what,
            key,
        ),
        explanation: WHAT_DECIDES,
        fix: Some(format!(
            "remove the `{key}` {what} and set `imagePullPolicy:` on the containers it was meant for"
        )),
    }
    .at(at)
}

#[cfg(test)]
mod tests {
    use crate::{Options, explain};

    fn rules(text: &str) -> Vec<(&'static str, String, u32)> {
        let report = explain(text, &Options::default());
        report
            .findings()
            .filter(|f| matches!(f.rule, "no-pull-policy-kind" | "pull-policy-label"))
            .map(|f| (f.rule, f.message.backticked(), f.position.line))
            .collect()
    }

    #[test]
    fn names_like_a_pull_policy() {
        for yes in [
            "pull-policy",
            "imagePullPolicy",
            "image-pull-policy",
            "IMAGE_PULL_POLICY",
            "example.com/pull-policy",
            "pull.policy",
            "PullPolicy",
        ] {
            assert!(super::is_pull_policy_name(yes), "{yes}");
        }
        for no in [
            "policy",
            "pull",
            "pull-policy-x",
            "app",
            "pull-policy/app",
            "",
        ] {
            assert!(!super::is_pull_policy_name(no), "{no}");
        }
    }

    #[test]
    fn the_imagined_configuration_file() {
        let found = rules(
            "apiVersion: v1\nkind: ImagePullPolicy\nmetadata: {name: rules}\nspec:\n  images: [nginx]\n",
        );
        assert_eq!(
            found,
            [(
                "no-pull-policy-kind",
                "Kubernetes has no ImagePullPolicy kind: the pull policy is each container's imagePullPolicy field".to_owned(),
                1
            )]
        );
    }

    #[test]
    fn labels_and_annotations_on_the_object_and_its_template() {
        let found = rules(concat!(
            "apiVersion: apps/v1\nkind: Deployment\n",
            "metadata:\n  name: web\n  labels: {pull-policy: Always}\n",
            "spec:\n  template:\n    metadata:\n",
            "      annotations:\n        example.com/imagePullPolicy: Never\n",
            "    spec:\n      containers:\n      - {name: a, image: \"nginx:1\"}\n",
        ));
        assert_eq!(
            found,
            [
                (
                    "pull-policy-label",
                    "the label \"pull-policy\" does not set a pull policy: Kubernetes reads only each container's imagePullPolicy".to_owned(),
                    5
                ),
                (
                    "pull-policy-label",
                    "the annotation \"example.com/imagePullPolicy\" does not set a pull policy: Kubernetes reads only each container's imagePullPolicy".to_owned(),
                    10
                ),
            ]
        );
    }

    #[test]
    fn ordinary_objects_say_nothing() {
        assert!(rules("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: {app: web, policy: x}\nspec:\n  containers:\n  - {name: a, image: nginx, imagePullPolicy: Always}\n").is_empty());
        assert!(rules("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {imagePullPolicy: Always}\n").is_empty());
        // Not a mapping: nothing to read, no panic.
        assert!(rules("apiVersion: v1\nkind: Pod\nmetadata: [labels]\nspec: 3\n").is_empty());
    }
}
