//! Full diagnosis reports as JSON (the contract the CLI and the npm API emit), for a few
//! representative pastes. Review every change to these snapshots line by line.

use pullpolicy::diagnose::{DiagnoseOptions, diagnose};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/diagnose");

fn text(files: &[&str]) -> String {
    files
        .iter()
        .map(|f| {
            std::fs::read_to_string(format!("{DIR}/{f}")).unwrap_or_else(|e| panic!("{f}: {e}"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn snapshot(name: &str, files: &[&str]) {
    let report = diagnose(&text(files), &DiagnoseOptions::default());
    insta::assert_json_snapshot!(name, report);
}

#[test]
fn describe_pod_with_a_missing_tag() {
    snapshot(
        "diagnose_describe_current",
        &["composed/describe_current.txt"],
    );
}

#[test]
fn pod_list_with_skew_and_a_capped_node() {
    snapshot(
        "diagnose_pods_list_capped_node",
        &["composed/pods_list.yaml", "composed/node_capped.yaml"],
    );
}

#[test]
fn mixed_describe_events_and_node() {
    snapshot("diagnose_mixed", &["composed/mixed.txt"]);
}

#[test]
fn aggregate_of_two_credentials() {
    snapshot("diagnose_s05_aggregate", &["s05.txt"]);
}
