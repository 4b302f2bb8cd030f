//! Texts that name a Kubernetes release name the release of the version table
//! (`pullpolicy::versions`). They are written out rather than formatted from the table,
//! which keeps their code out of the WebAssembly build; these tests keep them true.

use pullpolicy::versions::{Change, FeatureGate};
use pullpolicy::{
    CredentialVerification, Credentials, KubeVersion, NodeImage, Options, Registry, Report,
    Scenario,
};

fn explain(yaml: &str, version: KubeVersion, scenario: Scenario) -> Report {
    pullpolicy::explain(
        yaml,
        &Options {
            kubernetes_version: version,
            scenario,
        },
    )
}

const POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: \"nginx:1.25\"}\n";
const VOLUME_POD: &str = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: \"nginx:1.25\"}\n  volumes:\n  - name: data\n    image: {reference: \"registry.example.com/data:v1\"}\n";

fn before(version: KubeVersion) -> KubeVersion {
    version.previous().expect("a release before")
}

/// Every text of the entries and findings of the first document.
fn texts(report: &Report) -> String {
    let d = &report.documents[0];
    let mut out = Vec::new();
    for e in &d.entries {
        if let Some(o) = &e.outcome {
            out.push(o.explanation.clone());
        }
        for f in &e.findings {
            out.push(format!(
                "{} | {}",
                f.message.backticked(),
                f.explanation.backticked()
            ));
        }
    }
    for f in &d.findings {
        out.push(format!(
            "{} | {}",
            f.message.backticked(),
            f.explanation.backticked()
        ));
    }
    out.join("\n")
}

fn assert_names(text: &str, expected: &str) {
    assert!(text.contains(expected), "wanted {expected:?} in\n{text}");
}

#[test]
fn kubelet_explanations_name_the_table_releases() {
    let failing = Scenario {
        registry: Registry::NotFound,
        ..Scenario::default()
    };
    let since = Change::BackOffMessageRepeatsError.since();
    let t = texts(&explain(POD, before(since), failing));
    assert_names(&t, &format!("(it does from {since})"));

    let since = Change::AllowlistMatchesNormalizedNames.since();
    let allowlisted = Scenario {
        node_image: NodeImage::Preloaded,
        credentials: Credentials::Missing,
        credential_verification: CredentialVerification::NeverVerifyAllowlistedImages,
        allowlist: vec!["docker.io/library/nginx".to_owned()],
        ..Scenario::default()
    };
    let t = texts(&explain(POD, before(since), allowlisted));
    assert_names(&t, &format!("; {since} fixed the comparison."));

    let gate = FeatureGate::KubeletEnsureSecretPulledImages;
    let on = gate.on_by_default_since().expect("on by default");
    let requested = Scenario {
        node_image: NodeImage::Present,
        ensure_secret_pulled_images: Some(true),
        ..Scenario::default()
    };
    let t = texts(&explain(POD, before(gate.first()), requested));
    assert_names(&t, &format!("does not exist before {}, so", gate.first()));
    let missing = Scenario {
        node_image: NodeImage::Present,
        credentials: Credentials::Missing,
        ..Scenario::default()
    };
    let t = texts(&explain(POD, before(gate.first()), missing.clone()));
    assert_names(
        &t,
        &format!(
            "KubeletEnsureSecretPulledImages (from {}, on by default from {on})",
            gate.first()
        ),
    );
    let t = texts(&explain(POD, before(on), missing));
    assert_names(&t, &format!(", on from {on}) closes this gap."));

    let t = texts(&explain(
        VOLUME_POD,
        before(FeatureGate::ImageVolume.first()),
        Scenario::default(),
    ));
    assert_names(
        &t,
        &format!("(they arrived in {})", FeatureGate::ImageVolume.first()),
    );

    let since = Change::ImageVolumesEnsuredOnlyAtContainerStart.since();
    let t = texts(&explain(VOLUME_POD, before(since), Scenario::default()));
    assert_names(
        &t,
        &format!("; {since} repeats it only when a container starts."),
    );
    let t = texts(&explain(VOLUME_POD, since, Scenario::default()));
    assert_names(&t, &format!("(before {since}: at every sync)"));
}

#[test]
fn findings_name_the_table_releases() {
    let never = POD.replace(
        "image: \"nginx:1.25\"}",
        "image: \"nginx:1.25\", imagePullPolicy: Never}",
    );
    let on = FeatureGate::KubeletEnsureSecretPulledImages
        .on_by_default_since()
        .expect("on by default");
    let t = texts(&explain(&never, KubeVersion::NEWEST, Scenario::default()));
    assert_names(
        &t,
        &format!("since Kubernetes {on} (KubeletEnsureSecretPulledImages)"),
    );

    let template = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec:\n  selector: {matchLabels: {app: d}}\n  template:\n    metadata: {labels: {app: d}}\n    spec:\n      containers: [{name: app, image: \"nginx:1.25\"}]\n      volumes: [{name: data, image: {reference: \"\"}}]\n";
    let since = Change::ImageVolumeReferenceRequiredInTemplates.since();
    let t = texts(&explain(template, before(since), Scenario::default()));
    assert_names(
        &t,
        &format!("From {since} the API server rejects the object itself."),
    );
}
