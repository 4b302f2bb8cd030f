//! Rows A–I of the peer-tool comparison (every peer gets one wrong), asserted exactly:
//! the effective policy and, where Kubernetes rejects the object, its exact message.

use pullpolicy::{Options, PullPolicy};

const DIGEST: &str = "sha256:1ff6c18fbef2045af6b9c16bf034cc421a29027b800e4f9b68ae9b1cb3e9ae07";

fn deployment(image: &str, policy: Option<&str>) -> String {
    let policy = policy
        .map(|p| format!("        imagePullPolicy:{p}\n"))
        .unwrap_or_default();
    format!(
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  selector: {{matchLabels: {{app: web}}}}\n  template:\n    metadata: {{labels: {{app: web}}}}\n    spec:\n      containers:\n      - name: app\n        image: {image}\n{policy}"
    )
}

fn check(
    image: &str,
    policy: Option<&str>,
    effective: Option<PullPolicy>,
    api_error: Option<&str>,
) {
    let report = pullpolicy::explain(&deployment(image, policy), &Options::default());
    let doc = &report.documents[0];
    assert_eq!(
        doc.entries[0].policy.effective, effective,
        "{image} {policy:?}"
    );
    assert_eq!(doc.api_error(), api_error, "{image} {policy:?}");
}

#[test]
fn rows_a_to_i() {
    use PullPolicy::*;
    check("nginx", None, Some(Always), None); // A
    check("nginx:latest", None, Some(Always), None); // B
    check("nginx:1.27", None, Some(IfNotPresent), None); // C
    check(&format!("nginx@{DIGEST}"), None, Some(IfNotPresent), None); // D
    check(
        &format!("nginx:1.27@{DIGEST}"),
        None,
        Some(IfNotPresent),
        None,
    ); // E
    check(&format!("nginx:latest@{DIGEST}"), None, Some(Always), None); // F
    check("registry.local:5000/app", None, Some(Always), None); // G
    check(
        "nginx:1.27",
        Some(" always"),
        None,
        Some(
            r#"Deployment.apps "web" is invalid: spec.template.spec.containers[0].imagePullPolicy: Unsupported value: "always": supported values: "Always", "IfNotPresent", "Never""#,
        ),
    ); // H
    check("nginx:latest", Some(""), Some(Always), None); // I
}

#[test]
fn case_and_yaml11_edges() {
    use PullPolicy::*;
    check("nginx:LATEST", None, Some(IfNotPresent), None);
    check("nginx:1.27", Some(" ''"), Some(IfNotPresent), None);
    check("nginx:1.27", Some(" ~"), Some(IfNotPresent), None);
    check("nginx:1.27", Some(" 'Never'"), Some(Never), None);
    check(
        "nginx:1.27",
        Some(" on"),
        None,
        Some(
            r#"Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go struct field Container.spec.template.spec.containers.imagePullPolicy of type v1.PullPolicy"#,
        ),
    );
    check("Nginx", None, Some(IfNotPresent), None);
}

#[test]
fn kubernetes_versions_change_the_reference_rules() {
    // docker/distribution (Kubernetes 1.28) did not read bracketed IPv6 hosts.
    let text = deployment("\"[::1]:5000/app:1.0\"", None);
    let v128 = Options {
        kubernetes_version: pullpolicy::KubeVersion::new(28).unwrap(),
        ..Options::default()
    };
    let old = pullpolicy::explain(&text, &v128);
    assert_eq!(
        old.documents[0].entries[0].image.error.as_deref(),
        Some("invalid reference format")
    );
    let new = pullpolicy::explain(&text, &Options::default());
    assert_eq!(
        new.documents[0].entries[0].image.runtime_ref.as_deref(),
        Some("[::1]:5000/app:1.0")
    );
}

#[test]
fn hostile_inputs_end_with_a_report() {
    let deep = "[".repeat(20_000);
    let report = pullpolicy::explain(&deep, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1);
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n";
    // go-yaml v2.4 refuses a document whose aliases expand this much (kubectl cannot
    // read it); nothing is expanded to find out.
    let report = pullpolicy::explain(bomb, &Options::default());
    assert_eq!(report.syntax_errors.len(), 1);
    assert!(
        report.syntax_errors[0]
            .message
            .ends_with("document contains excessive aliasing")
    );
    let nul = "kind: Pod\nspec:\n  containers:\n  - name: a\n    image: \"nginx\\0\"\n";
    let report = pullpolicy::explain(nul, &Options::default());
    assert_eq!(
        report.documents[0].entries[0].image.error.as_deref(),
        Some("invalid reference format")
    );
    // kubectl's chunks: a `---` line with nothing pending starts one, the next ends it.
    let many = "---\n".repeat(100_000);
    let report = pullpolicy::explain(&many, &Options::default());
    assert_eq!(report.documents.len(), 50_000);
}
