//! kubectl's REST mapper per Kubernetes version, and the client-side checks before it
//! (`kubectl-reading-pipeline.md` §4): the vectors of `fixtures/mapping-vectors.tsv`, and
//! the exact words kubectl and the API server use, asserted in full.

use pullpolicy::{KubeVersion, Options, Report, Severity};

const VECTORS: &str = include_str!("fixtures/mapping-vectors.tsv");

fn explain(text: &str, version: &str) -> Report {
    let options = Options {
        kubernetes_version: KubeVersion::parse(version).expect("supported version"),
        ..Options::default()
    };
    pullpolicy::explain(text, &options)
}

/// The pod spec of one valid container, indented by `indent`.
fn pod_spec(indent: &str) -> String {
    format!("{indent}containers:\n{indent}- name: app\n{indent}  image: nginx:1.27\n")
}

/// The manifest of one vector row.
fn manifest(api_version: &str, kind: &str, body: &str) -> String {
    let mut text = String::new();
    if api_version != "-" {
        text.push_str(&format!("apiVersion: {api_version}\n"));
    }
    if kind != "-" {
        text.push_str(&format!("kind: {kind}\n"));
    }
    text.push_str("metadata:\n  name: web\n");
    match body {
        "items" => text.push_str(&format!(
            "items:\n- apiVersion: apps/v1\n  kind: Deployment\n  metadata: {{name: item}}\n  spec:\n    selector: {{matchLabels: {{app: item}}}}\n    template:\n      metadata: {{labels: {{app: item}}}}\n      spec:\n{}",
            pod_spec("        ")
        )),
        "auto" => match kind.to_ascii_lowercase().as_str() {
            "pod" => text.push_str(&format!("spec:\n{}", pod_spec("  "))),
            "podtemplate" => text.push_str(&format!("template:\n  spec:\n{}", pod_spec("    "))),
            "cronjob" => text.push_str(&format!(
                "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n{}",
                pod_spec("          ")
            )),
            // The apps workloads need a selector their template's labels satisfy.
            "deployment" | "replicaset" | "statefulset" | "daemonset" => text.push_str(&format!(
                "spec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n{}",
                pod_spec("      ")
            )),
            _ => text.push_str(&format!(
                "spec:\n  template:\n    spec:\n{}",
                pod_spec("      ")
            )),
        },
        _ => {}
    }
    text
}

fn none_if_dash(s: &str) -> Option<&str> {
    (s != "-").then_some(s)
}

#[test]
fn mapping_vectors() {
    let mut rows = 0;
    for line in VECTORS
        .lines()
        .filter(|l| !l.starts_with('#') && !l.is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let [version, api_version, kind, body, outcome, message, fix] = cols[..] else {
            panic!("malformed row: {line}");
        };
        let text = manifest(api_version, kind, body);
        let report = explain(&text, version);
        let what = format!("{version} {api_version} {kind} ({body})");
        assert!(report.syntax_errors.is_empty(), "{what}");
        match outcome {
            "created" | "custom" => {
                for d in &report.documents {
                    assert!(d.is_created(), "{what}: {:?}", d.findings);
                    assert!(
                        d.entries.iter().all(|e| e.policy.effective.is_some()),
                        "{what}"
                    );
                }
                assert_eq!(report.summary.errors, 0, "{what}: {:?}", report.documents);
                let custom = report
                    .documents
                    .iter()
                    .any(|d| d.status == pullpolicy::DocumentStatus::CustomResource);
                assert_eq!(custom, outcome == "custom", "{what}");
                if body == "items" {
                    assert_eq!(report.documents.len(), 1, "{what}");
                    assert_eq!(report.documents[0].item, Some(0), "{what}");
                    assert_eq!(report.documents[0].entries.len(), 1, "{what}");
                }
            }
            rule => {
                let d = &report.documents[0];
                let f = d
                    .findings
                    .iter()
                    .find(|f| f.rule == rule)
                    .unwrap_or_else(|| panic!("{what}: no {rule} in {:?}", d.findings));
                assert_eq!(f.severity, Severity::Error, "{what}");
                assert_eq!(f.message, message, "{what}");
                assert_eq!(f.fix.as_deref(), none_if_dash(fix), "{what}");
                assert!(!d.is_created(), "{what}");
                // The refusal's words are the report's, by stage.
                let words = match rule {
                    "kind-not-registered" => d.api_error(),
                    _ => d.kubectl_error(),
                };
                assert_eq!(words, Some(message), "{what}");
                for d in &report.documents {
                    assert!(!d.is_created(), "{what}: every object is refused");
                    assert!(
                        d.entries.iter().all(|e| e.policy.effective.is_none()),
                        "{what}"
                    );
                }
            }
        }
        rows += 1;
    }
    assert!(rows >= 70, "{rows} rows");
}

#[test]
fn kubectl_lines_in_the_explanations() {
    // A document: `infoForData`'s line, with the object's name and namespace.
    let report = explain(
        "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: web, namespace: prod}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n",
        "1.37",
    );
    let f = &report.documents[0].findings[0];
    assert_eq!(f.rule, "kind-not-served");
    assert_eq!(
        f.explanation,
        "kubectl maps each object's apiVersion and kind to an API resource through the cluster's discovery before sending it. Kubernetes 1.37 does not serve kind \"Deployment\" in \"extensions/v1beta1\" by default (an API version that was removed, never existed, or is off by default). It serves Deployment as `apiVersion: apps/v1`. kubectl prints `resource mapping not found for name: \"web\" namespace: \"prod\" from \"<file>\": no matches for kind \"Deployment\" in version \"extensions/v1beta1\"` and, on the next line, `ensure CRDs are installed first`, goes on with the other documents (a mapping error does not stop it) and exits with an error at the end: this object is never created."
    );
    // At the apiVersion, which the fix changes.
    assert_eq!((f.position.line, f.position.column), (1, 13));

    // A List item: `infoForObject`'s line; a group without a dot is no CRD's.
    let report = explain(
        "apiVersion: v1\nkind: List\nitems:\n- apiVersion: argoproj/v1alpha1\n  kind: Rollout\n  metadata: {name: r}\n",
        "1.37",
    );
    let d = &report.documents[0];
    assert_eq!(d.item, Some(0));
    let f = &d.findings[0];
    assert_eq!(
        f.explanation,
        "kubectl maps each object's apiVersion and kind to an API resource through the cluster's discovery before sending it. Kubernetes 1.37 has no API group \"argoproj\", and no custom resource can have it: a CRD's group must contain a dot. It serves no kind \"Rollout\" in any API version. kubectl prints `unable to recognize no matches for kind \"Rollout\" in version \"argoproj/v1alpha1\"`, goes on with the other documents (a mapping error does not stop it) and exits with an error at the end: this object is never created."
    );
    assert_eq!((f.position.line, f.position.column), (5, 9));
}

#[test]
fn mapping_errors_do_not_stop_kubectl() {
    // kubectl applies what it could map (EagerVisitorList collects the error).
    let text = "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata: {name: old}\nspec:\n  template:\n    spec:\n      containers: [{name: app, image: nginx:1.27}]\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: nginx:1.27}]\n";
    let report = explain(text, "1.37");
    assert_eq!(report.documents.len(), 2);
    assert!(!report.documents[0].is_created());
    assert!(report.documents[1].is_created());
    assert_eq!(
        report.documents[1].entries[0].policy.effective,
        Some(pullpolicy::PullPolicy::IfNotPresent)
    );
    assert_eq!(report.summary.errors, 1);
}

#[test]
fn a_refused_document_stops_kubectl_reading_the_file() {
    // `StreamVisitor.Visit` returns at kubectl's client-side check: the Pod before is
    // sent, the Service and Pod after are not. (`---` right after a `---` line starts the
    // next chunk, as in kubectl's `YAMLReader`: no empty document between them.)
    let pod = |name: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers: [{{name: app, image: nginx:1.27}}]\n"
        )
    };
    let text = format!(
        "{}---\nmetadata: {{name: no-kind}}\n---\n---\napiVersion: v1\nkind: Service\nmetadata: {{name: s}}\n---\n{}",
        pod("before"),
        pod("after")
    );
    let report = explain(&text, "1.37");
    let docs = &report.documents;
    assert_eq!(docs.len(), 4);
    assert!(docs[0].is_created());
    assert_eq!(
        docs[1].kubectl_error(),
        Some(
            "error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        )
    );
    for d in &docs[2..] {
        let f = &d.findings[0];
        assert_eq!(f.rule, "not-sent");
        assert_eq!(f.severity, Severity::Error);
        assert_eq!(
            f.message,
            "kubectl apply stops reading this file at line 7: this object is never sent"
        );
        assert_eq!(d.kubectl_error(), docs[1].kubectl_error());
    }
    let after = &docs[3].entries[0];
    assert_eq!(after.policy.effective, None);
    assert_eq!(
        after.policy.reason,
        "kubectl apply never sends this object, so no policy applies (were it created: IfNotPresent)."
    );
    let outcome =
        serde_json::to_value(after.outcome.as_ref().expect("an outcome")).expect("serializes");
    assert_eq!(outcome["reachesNode"], false);
}

#[test]
fn fragments_are_explained_and_refused_as_they_stand() {
    // A container pasted alone: kubectl refuses it and stops there; the snippet keeps
    // the policy it would have in a Pod.
    let report = explain("name: app\nimage: nginx\n", "1.37");
    let d = &report.documents[0];
    assert_eq!(d.status, pullpolicy::DocumentStatus::Fragment);
    assert_eq!(d.findings[0].rule, "kind-missing");
    assert_eq!(d.findings[0].severity, Severity::Error);
    assert_eq!(
        d.findings[0].explanation,
        "kubectl apply checks each document's apiVersion and kind before anything else, and refuses this one. kubectl prints `error validating \"<file>\": …` with these words and stops reading the file here: no document after this one is sent (the ones before it already were). This document is explained below as a snippet, as it would be in a Pod: to apply it, put it in an object with apiVersion, kind and metadata (a Pod, a Deployment, …)."
    );
    assert_eq!(
        d.entries[0].policy.effective,
        Some(pullpolicy::PullPolicy::Always)
    );
    // A list of containers is not a mapping at all.
    let report = explain("- name: app\n  image: nginx\n", "1.37");
    let d = &report.documents[0];
    assert_eq!(d.findings[0].rule, "not-an-object");
    assert_eq!(
        d.kubectl_error(),
        Some(
            "error validating data: invalid object to validate; if you choose to ignore these errors, turn validation off with --validate=false"
        )
    );
    assert_eq!(
        d.entries[0].policy.effective,
        Some(pullpolicy::PullPolicy::Always)
    );
}

#[test]
fn lists_follow_kubectl() {
    let deployment = |name: &str, api: &str| {
        format!(
            "- apiVersion: {api}\n  kind: Deployment\n  metadata: {{name: {name}}}\n  spec: {{selector: {{matchLabels: {{app: c}}}}, template: {{metadata: {{labels: {{app: c}}}}, spec: {{containers: [{{name: c, image: nginx:1.27}}]}}}}}}\n"
        )
    };
    // Items are mapped one by one: one refused, the other created.
    let text = format!(
        "apiVersion: v1\nkind: List\nitems:\n{}{}",
        deployment("a", "apps/v1"),
        deployment("b", "extensions/v1beta1")
    );
    let report = explain(&text, "1.37");
    let docs = &report.documents;
    assert_eq!(docs.len(), 2);
    assert!(docs[0].is_created());
    assert_eq!(docs[1].item, Some(1));
    assert_eq!(
        docs[1].kubectl_error(),
        Some("no matches for kind \"Deployment\" in version \"extensions/v1beta1\"")
    );

    // An item without kind and apiVersion takes a typed list's (`PodList` → `Pod`).
    let report = explain(
        "apiVersion: v1\nkind: PodList\nitems:\n- metadata: {name: p}\n  spec: {containers: [{name: c, image: nginx}]}\n",
        "1.37",
    );
    let d = &report.documents[0];
    assert_eq!(
        (d.kind.as_deref(), d.api_version.as_deref()),
        (Some("Pod"), Some("v1"))
    );
    assert!(d.is_created());
    // … but an item with a kind and no apiVersion cannot be typed.
    let report = explain(
        "apiVersion: v1\nkind: PodList\nitems:\n- kind: Pod\n  metadata: {name: p}\n  spec: {containers: [{name: c, image: nginx}]}\n",
        "1.37",
    );
    assert_eq!(
        report.documents[0].kubectl_error(),
        Some(
            "unable to get type info from the object \"*unstructured.Unstructured\": Object 'apiVersion' is missing in 'object has no apiVersion field'"
        )
    );
    // A `List` item without kind: kubectl's check of a core v1 List refuses the list,
    // stops reading, and sends none of its items.
    let report = explain(
        "apiVersion: v1\nkind: List\nitems:\n- metadata: {name: p}\n- metadata: {name: q}\n",
        "1.37",
    );
    let docs = &report.documents;
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[0].item, None);
    assert_eq!(
        docs[0].kubectl_error(),
        Some(
            "error validating data: [apiVersion not set, kind not set]; if you choose to ignore these errors, turn validation off with --validate=false"
        )
    );
    for d in &docs[1..] {
        assert_eq!(d.findings[0].rule, "not-sent");
        assert_eq!(
            d.findings[0].message,
            "kubectl refuses this item's List: the item is never sent"
        );
    }
    // Decoding and flattening.
    for (text, error) in [
        (
            "apiVersion: apps/v1\nkind: DeploymentList\nitems: {a: 1}\n",
            "json: cannot unmarshal object into Go struct field decodeList.items of type []json.RawMessage",
        ),
        (
            "apiVersion: apps/v1\nkind: DeploymentList\nitems: [x]\n",
            "json: cannot unmarshal string into Go value of type map[string]interface {}",
        ),
        (
            "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: List\n  items: []\n",
            "*unstructured.Unstructured is not a list: no Items field in this object",
        ),
    ] {
        let report = explain(text, "1.37");
        let d = &report.documents[0];
        assert_eq!(d.findings[0].rule, "list-invalid", "{text}");
        assert_eq!(d.kubectl_error(), Some(error), "{text}");
    }
    // `items: null` in a core v1 List is refused by kubectl's check; elsewhere it is an
    // empty list.
    let report = explain("apiVersion: v1\nkind: List\nitems: null\n", "1.37");
    assert_eq!(report.documents[0].findings[0].rule, "not-an-object");
    let report = explain(
        "apiVersion: apps/v1\nkind: DeploymentList\nitems: null\n",
        "1.37",
    );
    assert!(report.documents.is_empty());
    // Any object with `items` is a list, whatever its kind.
    let report = explain(
        &format!(
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {{name: x}}\nitems:\n{}",
            deployment("a", "apps/v1")
        ),
        "1.37",
    );
    assert_eq!(report.documents.len(), 1);
    assert_eq!(report.documents[0].item, Some(0));
    assert!(report.documents[0].is_created());
}
