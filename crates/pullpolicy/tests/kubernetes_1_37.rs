//! Kubernetes 1.37 against 1.36: the test vectors TV1–TV6 and the regression guards of
//! the project spec `kubernetes-1.37.md` §3, each run at both releases.

use pullpolicy::{KubeVersion, Options, PullPolicy, Report, Severity};

fn explain(yaml: &str, minor: u8) -> Report {
    pullpolicy::explain(
        yaml,
        &Options {
            kubernetes_version: KubeVersion::new(minor).expect("supported version"),
            ..Options::default()
        },
    )
}

// ---------------------------------------------------------------------------------------
// TV1: an empty image-volume `reference` in a pod template (kubernetes#135989).

/// The Deployment of TV1 with `image: <source>` for its volume.
fn tv1_deployment(source: &str) -> String {
    format!(
        r#"apiVersion: apps/v1
kind: Deployment
metadata: {{name: web}}
spec:
  selector: {{matchLabels: {{app: web}}}}
  template:
    metadata: {{labels: {{app: web}}}}
    spec:
      containers:
      - {{name: app, image: "nginx:1.25", volumeMounts: [{{name: data, mountPath: /data}}]}}
      volumes:
      - name: data
        image: {source}
"#
    )
}

/// The same pod spec under other kinds: (kind header, indentation of the pod spec, the
/// object's error prefix, the path of the pod spec).
const TEMPLATES: &[(&str, &str, &str, &str)] = &[
    (
        "apiVersion: v1\nkind: PodTemplate\nmetadata: {name: web}\ntemplate:\n  spec:\n",
        "    ",
        "PodTemplate \"web\" is invalid: ",
        "template.spec",
    ),
    (
        "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: web}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n",
        "          ",
        "CronJob.batch \"web\" is invalid: ",
        "spec.jobTemplate.spec.template.spec",
    ),
    (
        "apiVersion: batch/v1\nkind: Job\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n",
        "      ",
        "Job.batch \"web\" is invalid: ",
        "spec.template.spec",
    ),
    (
        "apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  serviceName: web\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n",
        "      ",
        "StatefulSet.apps \"web\" is invalid: ",
        "spec.template.spec",
    ),
    (
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n",
        "      ",
        "DaemonSet.apps \"web\" is invalid: ",
        "spec.template.spec",
    ),
    (
        "apiVersion: v1\nkind: ReplicationController\nmetadata: {name: web}\nspec:\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n",
        "      ",
        "ReplicationController \"web\" is invalid: ",
        "spec.template.spec",
    ),
];

fn pod_spec_with_empty_reference(indent: &str) -> String {
    format!(
        "{indent}containers:\n{indent}- {{name: app, image: \"nginx:1.25\"}}\n{indent}volumes:\n{indent}- name: data\n{indent}  image: {{reference: \"\"}}\n"
    )
}

/// 1.36: accepted, the Pods are rejected later (FailedCreate, kubernetes#135988); the
/// volume's pullPolicy is still defaulted (IfNotPresent: an empty reference does not parse)
/// unless written.
fn assert_accepted_in_136(report: &Report, name: &str) {
    let d = &report.documents[0];
    assert_eq!(d.api_error(), None, "{name}");
    let volume = d
        .entries
        .iter()
        .find(|e| e.path.ends_with("volumes[0]"))
        .unwrap_or_else(|| panic!("{name}: no volume entry"));
    let expected = if name.contains("Always") {
        PullPolicy::Always
    } else {
        PullPolicy::IfNotPresent
    };
    assert_eq!(volume.policy.effective, Some(expected), "{name}");
    let f = volume
        .findings
        .iter()
        .find(|f| f.rule == "image-required")
        .unwrap_or_else(|| panic!("{name}: no image-required finding"));
    // An error: the object is accepted, but every Pod created from it is rejected.
    assert_eq!(f.severity, Severity::Error, "{name}");
    assert_eq!(
        f.message,
        "this image volume has no reference: the Pods created from this template are rejected"
    );
    assert_eq!(
        f.explanation,
        "Kubernetes 1.36 checks an image volume's reference only in Pods, so the object is accepted, but the Pods created from it are rejected with `spec.volumes[0].image.reference: Required value` (the controller reports FailedCreate). From 1.37 the API server rejects the object itself."
    );
    assert_eq!(report.summary.errors, 1, "{name}");
}

/// 1.37: the object itself is rejected, and no policy applies.
fn assert_rejected_in_137(report: &Report, name: &str, api_error: &str, path: &str) {
    let d = &report.documents[0];
    assert_eq!(d.api_error(), Some(api_error), "{name}");
    let volume = d
        .entries
        .iter()
        .find(|e| e.path.ends_with("volumes[0]"))
        .unwrap_or_else(|| panic!("{name}: no volume entry"));
    assert_eq!(volume.policy.effective, None, "{name}");
    let f = volume
        .findings
        .iter()
        .find(|f| f.rule == "image-required")
        .unwrap_or_else(|| panic!("{name}: no image-required finding"));
    assert_eq!(f.severity, Severity::Error, "{name}");
    assert_eq!(
        f.message,
        format!("{path}.volumes[0].image.reference: Required value")
    );
    assert!(
        d.entries.iter().all(|e| e.policy.effective.is_none()),
        "{name}"
    );
    assert!(
        d.entries
            .iter()
            .all(|e| e.outcome.as_ref().is_some_and(|o| !o.reaches_node)),
        "{name}"
    );
}

#[test]
fn tv1_empty_reference_in_a_deployment() {
    // Same with `image: {}` or `image: {pullPolicy: Always}` (TV1).
    for source in [
        "{reference: \"\"}",
        "{}",
        "{pullPolicy: Always}",
        "{reference: null}",
    ] {
        let yaml = tv1_deployment(source);
        assert_accepted_in_136(&explain(&yaml, 36), source);
        assert_rejected_in_137(
            &explain(&yaml, 37),
            source,
            "Deployment.apps \"web\" is invalid: spec.template.spec.volumes[0].image.reference: Required value",
            "spec.template.spec",
        );
    }
    // The pullPolicy is still validated first in the volume (1.37 collects both errors).
    let yaml = tv1_deployment("{pullPolicy: always}");
    assert_eq!(
        explain(&yaml, 37).documents[0].api_error(),
        Some(
            "Deployment.apps \"web\" is invalid: [spec.template.spec.volumes[0].image.reference: Required value, spec.template.spec.volumes[0].image.pullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"]"
        )
    );
}

#[test]
fn tv1_empty_reference_in_every_pod_template() {
    for &(header, indent, prefix, path) in TEMPLATES {
        let yaml = format!("{header}{}", pod_spec_with_empty_reference(indent));
        assert_accepted_in_136(&explain(&yaml, 36), header);
        assert_rejected_in_137(
            &explain(&yaml, 37),
            header,
            &format!("{prefix}{path}.volumes[0].image.reference: Required value"),
            path,
        );
    }
}

#[test]
fn tv1_pods_are_rejected_in_both() {
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: \"nginx:1.25\"}\n  volumes:\n  - name: data\n    image: {reference: \"\"}\n";
    for minor in [35, 36, 37] {
        assert_rejected_in_137(
            &explain(pod, minor),
            &format!("Pod in 1.{minor}"),
            "Pod \"p\" is invalid: spec.volumes[0].image.reference: Required value",
            "spec",
        );
    }
}

#[test]
fn tv1_custom_resources_and_fragments_are_not_the_api_servers() {
    // A custom resource's template is not validated by the API server (no api_error in
    // either release), and a bare pod spec is explained as for a Pod.
    let cr = "apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers:\n      - {name: app, image: \"nginx:1.25\"}\n      volumes:\n      - name: data\n        image: {reference: \"\"}\n";
    let fragment = "containers:\n- {name: app, image: \"nginx:1.25\"}\nvolumes:\n- name: data\n  image: {reference: \"\"}\n";
    for minor in [36, 37] {
        for yaml in [cr, fragment] {
            let r = explain(yaml, minor);
            assert_eq!(r.documents[0].api_error(), None);
            let volume = &r.documents[0].entries[0];
            assert!(volume.path.ends_with("volumes[0]"));
            assert!(
                volume
                    .findings
                    .iter()
                    .any(|f| f.rule == "image-required" && f.severity == Severity::Error)
            );
        }
    }
}

// ---------------------------------------------------------------------------------------
// TV2, TV3: fields new in 1.37 are unknown to 1.36's strict decoding.

#[test]
fn tv2_tv3_new_fields() {
    let vectors: &[(&str, &str)] = &[
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  evictionResponders: [{name: acme.io/drainer, priority: 10000}]\n  containers: [{name: app, image: \"nginx:1.25\"}]\n",
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.evictionResponders\"",
        ),
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      evictionResponders: []\n      containers: [{name: app, image: \"nginx:1.25\"}]\n",
            "Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.evictionResponders\"",
        ),
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  scheduling: {}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: c, image: busybox}]\n",
            "Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.scheduling\"",
        ),
        (
            "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: \"* * * * *\"\n  jobTemplate:\n    spec:\n      scheduling: {}\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n",
            "CronJob in version \"v1\" cannot be handled as a CronJob: strict decoding error: unknown field \"spec.jobTemplate.spec.scheduling\"",
        ),
    ];
    for &(yaml, strict_136) in vectors {
        let old = explain(yaml, 36);
        let new = explain(yaml, 37);
        assert_eq!(old.documents[0].strict_error(), Some(strict_136));
        assert_eq!(new.documents[0].strict_error(), None, "{strict_136}");
        assert!(
            new.documents[0]
                .findings
                .iter()
                .all(|f| f.rule != "unknown-field")
        );
        // imagePullPolicy is defaulted the same in both; in 1.36 kubectl apply's strict
        // field validation refuses the object, so no policy applies, and the reason names
        // the default it would have had.
        let expected = if yaml.contains("busybox") {
            PullPolicy::Always
        } else {
            PullPolicy::IfNotPresent
        };
        let policies = |r: &Report| -> Vec<_> {
            r.documents[0]
                .entries
                .iter()
                .map(|e| e.policy.effective)
                .collect()
        };
        assert_eq!(policies(&new), [Some(expected)], "{strict_136}");
        assert_eq!(policies(&old), [None], "{strict_136}");
        assert_eq!(
            old.documents[0].entries[0].policy.reason,
            format!(
                "kubectl apply's strict field validation rejects this object, so no policy applies (with the unknown fields dropped, as without validation: {expected})."
            ),
        );
    }
}

// ---------------------------------------------------------------------------------------
// TV6 and the regression guards: the same report in 1.36 and 1.37.

/// The report as JSON with the release it was made for blanked out.
fn comparable(report: &Report) -> String {
    let mut v = serde_json::to_value(report).expect("serializes");
    v["kubernetesVersion"] = serde_json::Value::Null;
    v.to_string()
}

#[test]
fn tv6_and_regression_guards_are_unchanged() {
    let pod = |container: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: p}}\nspec:\n  containers:\n  - {container}\n"
        )
    };
    let digest = "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    /// (manifest, the API server's error, the defaulted policy, the kubelet's waiting message)
    type Guard = (
        String,
        Option<String>,
        Option<PullPolicy>,
        Option<&'static str>,
    );
    let guards: Vec<Guard> = vec![
        // TV6: no spec (the 1.37 schema's `required: ["spec"]` is schema-only; the
        // handwritten validation rejects the empty spec in both): no selector, so the
        // template's (nil) labels do not match, then no containers.
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n".to_owned(),
            Some("Deployment.apps \"d\" is invalid: [spec.selector: Required value, spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`, spec.template.spec.containers: Required value]".to_owned()),
            None,
            None,
        ),
        (
            pod("{name: app, image: \"nginx:1.25\", imagePullPolicy: always}"),
            Some("Pod \"p\" is invalid: spec.containers[0].imagePullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"".to_owned()),
            None,
            None,
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: \"nginx:1.25\"}]\n  volumes:\n  - name: data\n    image: {reference: \"quay.io/crio/artifact:v2\", pullPolicy: always}\n".to_owned(),
            Some("Pod \"p\" is invalid: spec.volumes[0].image.pullPolicy: Unsupported value: \"always\": supported values: \"Always\", \"IfNotPresent\", \"Never\"".to_owned()),
            None,
            None,
        ),
        (
            pod("{name: app, image: \" nginx\"}"),
            Some("Pod \"p\" is invalid: spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace".to_owned()),
            None,
            None,
        ),
        (pod("{name: app, image: nginx}"), None, Some(PullPolicy::Always), None),
        (pod(&format!("{{name: app, image: \"nginx:latest@{digest}\"}}")), None, Some(PullPolicy::Always), None),
        (pod("{name: app, image: \"nginx:1.25\"}"), None, Some(PullPolicy::IfNotPresent), None),
        (
            pod("{name: app, image: Nginx}"),
            None,
            // Defaulting ignores the parse error: no tag, so not "latest".
            Some(PullPolicy::IfNotPresent),
            Some("Failed to apply default image tag \"Nginx\": couldn't parse image name \"Nginx\": invalid reference format: repository name (library/Nginx) must be lowercase"),
        ),
    ];
    for (yaml, api_error, policy, waiting) in &guards {
        let old = explain(yaml, 36);
        let new = explain(yaml, 37);
        assert_eq!(comparable(&old), comparable(&new), "{yaml}");
        let d = &new.documents[0];
        assert_eq!(d.api_error(), api_error.as_deref(), "{yaml}");
        if let Some(p) = policy {
            assert_eq!(d.entries[0].policy.effective, Some(*p), "{yaml}");
        }
        if let Some(w) = waiting {
            let o = d.entries[0].outcome.as_ref().expect("an outcome");
            assert_eq!(o.waiting.last().map(|w| w.message.as_str()), Some(*w));
        }
    }
}

/// Every fixture explains the same in 1.36 and 1.37 but for the release named in the text.
#[test]
fn fixtures_agree_between_136_and_137() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures");
    let mut compared = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures") {
        let path = entry.expect("entry").path();
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let old = comparable(&explain(&text, 36));
        let new = comparable(&explain(&text, 37)).replace("Kubernetes 1.37", "Kubernetes 1.36");
        if path.ends_with("image-volume.yaml") {
            // Only the image volumes' explanation differs (kubernetes#138655).
            assert_ne!(old, new);
            continue;
        }
        assert_eq!(old, new, "{}", path.display());
        compared += 1;
    }
    assert!(compared >= 30, "{compared}");
}
