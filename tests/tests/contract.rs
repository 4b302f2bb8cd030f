//! The contract of issue #15 over every input the data-driven tests read (the fixtures and
//! the 363-file real-world corpus), at every supported Kubernetes version: every refusal is
//! an error finding with its own rule id at its position inside the document, an object
//! that is never created has no effective policy, and each rule id has one severity.

use pullpolicy::{KubeVersion, Options};
use std::collections::BTreeMap;

#[path = "../../crates/pullpolicy/tests/support/contract.rs"]
mod contract;

#[test]
fn every_fixture_and_corpus_file_keeps_the_contract() {
    let mut severities = BTreeMap::new();
    let (mut files, mut refused, mut rules) = (0, 0, BTreeMap::<&str, usize>::new());
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    for path in pullpolicy_tests::inputs() {
        let text = std::fs::read_to_string(&path).expect("UTF-8");
        // Every version for the fixtures, the oldest and the newest for the corpus.
        let versions: Vec<KubeVersion> = if path.starts_with(&fixtures) {
            KubeVersion::all().collect()
        } else {
            vec![KubeVersion::OLDEST, KubeVersion::NEWEST]
        };
        for version in versions {
            let options = Options {
                kubernetes_version: version,
                ..Options::default()
            };
            let report = pullpolicy::explain(&text, &options);
            if let Err(e) = contract::check(&report, &text, &mut severities) {
                panic!("{} at {version}: {e}", path.display());
            }
            if version == KubeVersion::NEWEST {
                refused += report.documents.iter().filter(|d| !d.is_created()).count();
                for f in report.findings() {
                    *rules.entry(f.rule).or_default() += 1;
                }
            }
        }
        files += 1;
    }
    assert!(files > 400, "{files} files");
    // The inputs hold refusals of several stages (the counts are printed with --nocapture).
    println!(
        "{files} files, {refused} documents never created at {}: {rules:?}",
        KubeVersion::NEWEST
    );
    for rule in [
        "kind-missing",
        "not-an-object",
        "object-invalid",
        "strict-decoding",
    ] {
        assert!(rules.contains_key(rule), "no {rule} in the inputs");
    }
}
