//! `pullpolicy diagnose`, run as a user runs it, over the spec's samples (the core's
//! fixtures `crates/pullpolicy/tests/fixtures/diagnose`): every format (golden snapshots
//! of human, Markdown, HTML, JSON and SARIF), SARIF against the official schema, exit
//! statuses, exact texts for bad input, and markup injection through pod names,
//! container names and messages.

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../pullpolicy/tests/fixtures/diagnose")
}

/// The binary, run from the fixtures (so paths in output are relative), without colour
/// settings from the environment.
fn pullpolicy() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("pullpolicy");
    cmd.current_dir(fixtures())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

struct Out {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str]) -> Out {
    run_cmd(pullpolicy().arg("diagnose").args(args))
}

fn run_cmd(cmd: &mut assert_cmd::Command) -> Out {
    let out = cmd.output().expect("runs");
    Out {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8"),
    }
}

/// The version is redacted so a release does not churn the snapshots.
fn redact(out: &str) -> String {
    out.replace(env!("CARGO_PKG_VERSION"), "[VERSION]")
}

fn snapshot_name(format: &str, fixture: &str) -> String {
    format!("diagnose_{format}__{}", fixture.replace('/', "_"))
}

// ---------------------------------------------------------------------------------------
// Golden snapshots.

const HUMAN: [&str; 7] = [
    "s01.txt",
    "s05.txt",
    "s37.yaml",
    "composed/describe_current.txt",
    "composed/mixed.txt",
    "composed/running.txt",
    "composed/pods_list.yaml",
];

#[test]
fn human_snapshots() {
    for fixture in HUMAN {
        let out = run(&[fixture]);
        assert_eq!(out.stderr, "", "{fixture}");
        insta::assert_snapshot!(snapshot_name("human", fixture), out.stdout);
    }
}

#[test]
fn markdown_snapshots() {
    for fixture in [
        "s01.txt",
        "composed/describe_current.txt",
        "composed/mixed.txt",
        "composed/running.txt",
    ] {
        let out = run(&["--format", "markdown", fixture]);
        insta::assert_snapshot!(snapshot_name("markdown", fixture), out.stdout);
    }
}

#[test]
fn html_snapshots() {
    for fixture in ["composed/describe_current.txt", "composed/running.txt"] {
        let out = run(&["--format", "html", fixture]);
        insta::assert_snapshot!(snapshot_name("html", fixture), out.stdout);
    }
}

#[test]
fn json_snapshots() {
    for fixture in ["s01.txt", "composed/describe_current.txt"] {
        let out = run(&["--format", "json", fixture]);
        let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
        let pretty = serde_json::to_string_pretty(&v).expect("pretty");
        insta::assert_snapshot!(snapshot_name("json", fixture), redact(&pretty));
    }
}

#[test]
fn sarif_snapshots() {
    for fixture in ["composed/mixed.txt"] {
        let out = run(&["--format", "sarif", fixture]);
        let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
        let pretty = serde_json::to_string_pretty(&v).expect("pretty");
        insta::assert_snapshot!(snapshot_name("sarif", fixture), redact(&pretty));
    }
}

// ---------------------------------------------------------------------------------------
// Contracts.

#[test]
fn json_is_the_cores_report_in_an_envelope() {
    let out = run(&[
        "--format",
        "json",
        "s01.txt",
        "composed/running.txt",
        "missing.txt",
    ]);
    assert_eq!(out.code, 2);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["tool"]["name"], "pullpolicy");
    assert_eq!(v["options"], json!({ "kubernetesVersion": null }));
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 3);
    assert_eq!(files[0]["path"], "s01.txt");
    let report = &files[0]["report"];
    assert_eq!(report["schemaVersion"], 1);
    let d = &report["diagnoses"][0];
    assert_eq!(d["class"], "not-found");
    assert_eq!(d["reason"], "ErrImagePull");
    assert_eq!(d["runtime"]["name"], "containerd");
    assert_eq!(d["line"], 1);
    assert_eq!(files[1]["report"]["diagnoses"], json!([]));
    assert_eq!(files[1]["report"]["pods"][0]["verdict"], "no-pull-problem");
    assert_eq!(
        files[2],
        json!({ "path": "missing.txt", "error": { "message": "no such file or directory" } })
    );
}

#[test]
fn the_kubernetes_version_reaches_the_core() {
    let out = run(&[
        "--format",
        "json",
        "--kubernetes-version",
        "1.34",
        "s01.txt",
    ]);
    let v: Value = serde_json::from_str(&out.stdout).expect("JSON");
    assert_eq!(v["options"]["kubernetesVersion"], "1.34");
    let out = run(&["--kubernetes-version", "1.2", "s01.txt"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("supported versions are"),
        "{}",
        out.stderr
    );
}

#[test]
fn sarif_is_valid_and_has_a_rule_per_failure_class() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-schema-2.1.0.json"),
        )
        .expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let out = run(&[
        "--format",
        "sarif",
        "s01.txt",
        "s05.txt",
        "composed/mixed.txt",
        "composed/running.txt",
        "missing.txt",
    ]);
    assert_eq!(out.code, 2);
    let sarif: Value = serde_json::from_str(&out.stdout).expect("JSON");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{sarif:#}");
    let run = &sarif["runs"][0];
    let rules: Vec<&str> = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|r| r["id"].as_str().expect("id"))
        .collect();
    assert!(rules.contains(&"pull-failure/not-found"), "{rules:?}");
    assert!(rules.contains(&"pull-failure/rate-limited"), "{rules:?}");
    let not_found = &run["tool"]["driver"]["rules"][rules
        .iter()
        .position(|r| *r == "pull-failure/not-found")
        .expect("rule")];
    assert_eq!(
        not_found["shortDescription"]["text"],
        "the tag or digest does not exist in the registry"
    );
    let first = &run["results"][0];
    assert_eq!(first["ruleId"], "pull-failure/not-found");
    assert_eq!(first["level"], "error");
    let region = &first["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_i64(), region["startColumn"].as_i64()),
        (Some(1), Some(1))
    );
    assert_eq!(
        first["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "s01.txt"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
}

// ---------------------------------------------------------------------------------------
// Exit statuses and exact texts.

#[test]
fn exit_statuses() {
    for (args, code) in [
        (&["s01.txt"][..], 1),
        (&["composed/describe_current.txt"][..], 1),
        (&["composed/running.txt"][..], 0),
        (&["composed/crashloop.txt"][..], 0),
        (&["composed/creating.txt"][..], 0),
        (&["composed/running.txt", "s01.txt"][..], 1),
        (&["missing.txt"][..], 2),
        (&["s01.txt", "missing.txt"][..], 2),
    ] {
        for format in ["human", "json", "sarif", "markdown", "html"] {
            let mut all = vec!["--format", format];
            all.extend_from_slice(args);
            assert_eq!(run(&all).code, code, "{args:?} {format}");
        }
    }
}

#[test]
fn standard_input_is_read_and_named() {
    let paste = "  Warning  Failed     17s (x2 over 30s)  kubelet            spec.containers{nginx}: Failed to pull image \"nginx:9.9\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found\n";
    let out = run_cmd(
        pullpolicy()
            .args(["diagnose", "--color", "never", "-"])
            .write_stdin(paste),
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.starts_with(
            "<stdin>:1:85: container nginx: ErrImagePull (not-found: the tag or digest does not exist in the registry)\n  image: nginx:9.9\n  message: failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found\n"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n<stdin>:1:85: error[pull-failure]: "),
        "{}",
        out.stdout
    );
    let named = run_cmd(
        pullpolicy()
            .args(["diagnose", "--stdin-filename", "describe.txt"])
            .write_stdin(paste),
    );
    assert!(
        named.stdout.starts_with("describe.txt:1:85: "),
        "{}",
        named.stdout
    );
}

#[test]
fn unreadable_input_is_an_error_with_its_place() {
    let out = run(&["--color", "never", "missing.txt"]);
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "missing.txt: error: no such file or directory\n"
    );
    assert_eq!(
        out.stdout,
        "missing.txt: error: no such file or directory\n\n1 input: 0 pull failures; 0 errors, 0 warnings, 0 notes (1 could not be read)\n"
    );

    let out = run_cmd(
        pullpolicy()
            .args(["diagnose", "--color", "never", "-"])
            .write_stdin(
                "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nstatus: {containerStatuses: [\n",
            ),
    );
    assert_eq!(out.code, 2);
    assert_eq!(
        out.stderr,
        "<stdin>:5:1: error: The YAML or JSON object is not complete here: the lines from here on are read as other formats.\n<stdin>:5:30: error: This YAML or JSON could not be read: line 1: did not find expected node content.\n"
    );

    let out = run_cmd(
        pullpolicy()
            .args(["diagnose", "-"])
            .write_stdin(vec![b'a', 0, b'b']),
    );
    assert_eq!(out.code, 2);
    assert!(out.stderr.starts_with("<stdin>: error: "), "{}", out.stderr);
}

#[test]
fn a_manifest_is_not_evidence() {
    let out = run(&["--color", "never", "composed/manifest.yaml"]);
    assert_eq!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stdout.contains("info[manifest-not-evidence]"),
        "{}",
        out.stdout
    );
}

// ---------------------------------------------------------------------------------------
// Injection.

/// The shared corpus's payloads.
fn payloads() -> Vec<(String, String)> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/data/injection.json");
    let json: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("corpus")).expect("JSON");
    json["payloads"]
        .as_array()
        .expect("payloads")
        .iter()
        .map(|p| {
            (
                p["id"].as_str().expect("id").to_owned(),
                p["text"].as_str().expect("text").to_owned(),
            )
        })
        .collect()
}

/// A failing Pod object (JSON) with `payload` as its name, its container's name and the
/// end of the waiting message.
fn hostile_pod(payload: &str) -> String {
    let message = format!(
        "Back-off pulling image \"nginx:9.9\": ErrImagePull: failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found {payload}"
    );
    serde_json::to_string_pretty(&json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": { "name": payload, "namespace": "default" },
        "spec": { "containers": [ { "name": payload, "image": "nginx:9.9" } ] },
        "status": {
            "phase": "Pending",
            "containerStatuses": [ {
                "name": payload,
                "image": "nginx:9.9",
                "imageID": "",
                "ready": false,
                "restartCount": 0,
                "state": { "waiting": { "reason": "ImagePullBackOff", "message": message } }
            } ]
        }
    }))
    .expect("JSON")
}

const HTML_TAGS: [&str; 11] = [
    "div", "p", "section", "h3", "code", "pre", "strong", "table", "tr", "td", "a",
];

#[test]
fn payloads_in_names_and_messages_stay_text_in_every_format() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diagnose-injection");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch");
    for (id, payload) in payloads() {
        let file = dir.join(format!("{id}.json"));
        std::fs::write(&file, hostile_pod(&payload)).expect("write");
        let path = file.to_str().expect("path");
        let out = |format: &str| {
            let o = run(&["--color", "never", "--format", format, path]);
            assert_eq!(o.code, 1, "{id} {format}: {}{}", o.stdout, o.stderr);
            o.stdout
        };

        // The failure is diagnosed, under the payload's names.
        let json: Value = serde_json::from_str(&out("json")).expect("JSON");
        let d = &json["files"][0]["report"]["diagnoses"][0];
        assert!(
            d["message"]
                .as_str()
                .is_some_and(|m| m.ends_with(payload.as_str())),
            "{id}: {d:#}"
        );
        assert_eq!(d["pod"].as_str(), Some(payload.as_str()), "{id}");
        assert_eq!(d["container"].as_str(), Some(payload.as_str()), "{id}");

        // Terminal: no control character but line breaks (no escape sequence).
        let human = out("human");
        assert!(
            !human
                .chars()
                .any(|c| (c.is_control() && c != '\n')
                    || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')),
            "{id}: {human:?}"
        );

        // HTML: only the view's own elements, no attribute but style and class.
        let html = out("html");
        for (i, _) in html.match_indices('<') {
            let rest = &html[i + 1..];
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(char::is_ascii_alphanumeric)
                .collect();
            assert!(
                HTML_TAGS.contains(&name.as_str()),
                "{id}: <{name} in {html}"
            );
            let tag = &rest[..rest.find('>').expect("closed")];
            for attr in tag.split_whitespace().skip(1) {
                assert!(
                    attr.starts_with("style=\"")
                        || attr.starts_with("class=\"")
                        || attr.starts_with("href=\"https://kubernetes.io/")
                        || attr.starts_with("href=\"https://pullpolicy.dev/#faq-")
                        || !attr.contains('='),
                    "{id}: {attr} in {tag}"
                );
            }
        }
        assert!(!html.contains('\u{1b}'), "{id}");

        // Markdown: outside fenced blocks, no `<` (escaped) and no control character;
        // inside them, no control character but tabs.
        let md = out("markdown");
        let mut fence: Option<String> = None;
        for line in md.lines() {
            let ticks: String = line.chars().take_while(|c| *c == '`').collect();
            match &fence {
                None if ticks.len() >= 3 => fence = Some(ticks),
                Some(f) if line == f => fence = None,
                Some(_) => assert!(
                    !line.chars().any(|c| c.is_control() && c != '\t'),
                    "{id}: {line:?}"
                ),
                None => {
                    let prose: String = line.split('`').step_by(2).collect();
                    assert!(!prose.contains('<'), "{id}: {line}");
                    assert!(!line.chars().any(char::is_control), "{id}: {line:?}");
                }
            }
        }

        // SARIF: valid JSON, plain-text messages only.
        let sarif: Value = serde_json::from_str(&out("sarif")).expect("SARIF");
        let results = sarif["runs"][0]["results"].as_array().expect("results");
        assert!(
            results.iter().any(|r| r["ruleId"]
                .as_str()
                .is_some_and(|r| r.starts_with("pull-failure/"))),
            "{id}"
        );
        assert!(
            results
                .iter()
                .all(|r| r["message"].get("markdown").is_none()),
            "{id}"
        );
    }
}
