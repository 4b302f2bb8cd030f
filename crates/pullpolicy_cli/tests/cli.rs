//! The `pullpolicy` binary, run as a user runs it: every format, exit status, standard
//! input, directories, bad input, SARIF against the official schema, and golden
//! snapshots of the human, markdown and HTML output.

use assert_cmd::cargo::cargo_bin_cmd;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

const FIXTURES: [&str; 4] = ["web.yaml", "invalid.yaml", "cronjob.json", "rollout.yaml"];

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data")
}

/// The binary, run from `tests/data` (so paths in output are relative), without colour
/// settings from the environment.
fn pullpolicy() -> assert_cmd::Command {
    let mut cmd = cargo_bin_cmd!("pullpolicy");
    cmd.current_dir(data())
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("RUST_BACKTRACE");
    cmd
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("cli-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn stdout_of(cmd: &mut assert_cmd::Command) -> String {
    String::from_utf8(cmd.output().expect("runs").stdout).expect("UTF-8 output")
}

fn json_of(cmd: &mut assert_cmd::Command) -> Value {
    serde_json::from_str(&stdout_of(cmd)).expect("JSON output")
}

/// The version is redacted so a release does not churn the snapshots.
fn redact(out: &str) -> String {
    out.replace(
        &format!("pullpolicy {}", env!("CARGO_PKG_VERSION")),
        "pullpolicy [VERSION]",
    )
}

// ---------------------------------------------------------------------------------------
// Golden snapshots.

#[test]
fn human_snapshots() {
    for fixture in FIXTURES {
        let out = stdout_of(pullpolicy().args(["explain", fixture]));
        insta::assert_snapshot!(format!("human__{fixture}"), redact(&out));
    }
}

#[test]
fn markdown_snapshots() {
    for fixture in FIXTURES {
        let out = stdout_of(pullpolicy().args(["explain", "--format", "markdown", fixture]));
        insta::assert_snapshot!(format!("markdown__{fixture}"), redact(&out));
    }
}

#[test]
fn html_snapshots() {
    for fixture in ["web.yaml", "invalid.yaml"] {
        let out = stdout_of(pullpolicy().args(["explain", "--format", "html", fixture]));
        insta::assert_snapshot!(format!("html__{fixture}"), redact(&out));
    }
}

#[test]
fn human_snapshot_of_several_files_and_a_scenario() {
    let out = stdout_of(pullpolicy().args([
        "explain",
        "--registry",
        "unreachable",
        "--node-image",
        "present",
        "web.yaml",
        "cronjob.json",
    ]));
    insta::assert_snapshot!("human__scenario", redact(&out));
}

// ---------------------------------------------------------------------------------------
// Formats.

#[test]
fn human_findings_are_file_line_column_severity_rule_message() {
    pullpolicy()
        .args(["explain", "invalid.yaml"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "invalid.yaml:10:22: error[invalid-pull-policy]: spec.containers[0].imagePullPolicy: Unsupported value: \"always\"",
        ))
        .stdout(predicate::str::contains("LOCATION").and(predicate::str::contains("OUTCOME")));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    // Standard output is a pipe here: no colour by default.
    pullpolicy()
        .args(["explain", "web.yaml"])
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
    pullpolicy()
        .args(["explain", "--color", "always", "web.yaml"])
        .assert()
        .stdout(predicate::str::contains("\x1b["));
    pullpolicy()
        .args(["explain", "--color", "never", "web.yaml"])
        .env("CLICOLOR_FORCE", "1")
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
    // NO_COLOR wins over CLICOLOR_FORCE in auto mode.
    pullpolicy()
        .args(["explain", "web.yaml"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .assert()
        .stdout(predicate::str::contains("\x1b[").not());
}

#[test]
fn json_is_one_document_with_a_report_per_file() {
    let v = json_of(pullpolicy().args(["explain", "--format", "json", "web.yaml", "cronjob.json"]));
    assert_eq!(v["schemaVersion"], 1);
    assert_eq!(v["tool"]["name"], "pullpolicy");
    assert_eq!(v["options"]["kubernetesVersion"], "1.37");
    let files = v["files"].as_array().expect("files");
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "web.yaml");
    assert_eq!(files[1]["path"], "cronjob.json");
    let report = &files[0]["report"];
    assert_eq!(report["schemaVersion"], 1);
    assert_eq!(report["summary"]["entries"], 4);
    let entry = &report["documents"][0]["entries"][0];
    assert!(entry["policy"]["effective"].is_string());
    assert!(
        entry.get("outcome").is_some(),
        "outcome is part of the contract"
    );
}

#[test]
fn json_scenario_flags_reach_the_core() {
    let v = json_of(pullpolicy().args([
        "explain",
        "--format",
        "json",
        "--node-image",
        "stale",
        "--registry",
        "not-found",
        "--credentials",
        "missing",
        "--always-pull-images",
        "--kubernetes-version",
        "1.34",
        "--credential-verification",
        "AlwaysVerify",
        "--fail-on",
        "never",
        "web.yaml",
    ]));
    assert_eq!(v["options"]["kubernetesVersion"], "1.34");
    let s = &v["options"]["scenario"];
    assert_eq!(s["nodeImage"], "stale");
    assert_eq!(s["registry"], "not-found");
    assert_eq!(s["credentials"], "missing");
    assert_eq!(s["alwaysPullImages"], true);
    assert_eq!(s["credentialVerification"], "AlwaysVerify");
    assert_eq!(v["files"][0]["report"]["kubernetesVersion"], "1.34");
}

#[test]
fn unreadable_inputs_are_in_the_json_too() {
    let v = json_of(pullpolicy().args(["explain", "--format", "json", "web.yaml", "missing.yaml"]));
    assert_eq!(v["files"][1]["path"], "missing.yaml");
    assert_eq!(
        v["files"][1]["error"]["message"],
        "no such file or directory"
    );
    assert!(v["files"][1].get("report").is_none());
}

#[test]
fn markdown_escapes_pipes_and_markup() {
    let out = stdout_of(pullpolicy().args(["explain", "--format", "markdown", "invalid.yaml"]));
    assert!(
        out.contains("`registry.example.com/Team/App\\|x:1.0`"),
        "{out}"
    );
    // Markup from the input is inert: in a code span in the table, escaped elsewhere.
    assert!(out.contains("| `<b>busybox</b>` |"), "{out}");
    assert!(out.contains("\"&lt;b&gt;busybox&lt;/b&gt;\""), "{out}");
    assert_eq!(out.matches("<b>").count(), 1, "{out}");
    for line in out.lines().filter(|l| l.starts_with('|')) {
        // Every table row has the same number of unescaped pipes as the header.
        let cells = line.replace("\\|", "").matches('|').count();
        assert_eq!(cells, 8, "{line}");
    }
}

#[test]
fn html_is_a_self_contained_fragment_with_a_playground_link() {
    let manifest = std::fs::read_to_string(data().join("invalid.yaml")).expect("fixture");
    let out = stdout_of(pullpolicy().args([
        "explain",
        "--format",
        "html",
        "--playground-url",
        "https://play.example/tools/pullpolicy/",
        "--registry",
        "unreachable",
        "invalid.yaml",
    ]));
    assert!(out.starts_with("<div "), "{out}");
    assert!(out.trim_end().ends_with("</div>"));
    let lower = out.to_lowercase();
    for forbidden in [
        "<script",
        "<style",
        "<iframe",
        "<link",
        "<img",
        "<object",
        "<embed",
        "javascript:",
    ] {
        assert!(!lower.contains(forbidden), "{forbidden} in {out}");
    }
    assert!(!has_event_handler(&lower), "an on…= attribute in {out}");
    assert!(!out.contains("<b>busybox"), "input is escaped: {out}");
    assert!(out.contains("&lt;b&gt;busybox&lt;/b&gt;"));
    // The link carries the manifest, byte for byte, and the non-default scenario.
    let href = out
        .split("href=\"https://play.example/tools/pullpolicy/#yaml=")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("playground link");
    let (encoded, params) = href.split_once("&amp;").unwrap_or((href, ""));
    assert_eq!(params, "registry=unreachable");
    assert_eq!(base64url_decode(encoded), manifest.as_bytes());
    // Every other link is one the core vouches for.
    for link in out
        .split("href=\"")
        .skip(1)
        .filter_map(|s| s.split('"').next())
    {
        assert!(
            link.starts_with("https://play.example/") || link.starts_with("https://kubernetes.io/"),
            "{link}"
        );
    }
}

fn has_event_handler(html: &str) -> bool {
    // ` onclick=`, ` onerror=`, …: an attribute starting with "on".
    html.split(" on").skip(1).any(|rest| {
        rest.chars().take_while(|c| c.is_ascii_alphabetic()).count() > 0
            && rest.chars().find(|c| !c.is_ascii_alphabetic()) == Some('=')
    })
}

fn base64url_decode(s: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url: {c}"),
        }
    };
    let mut out = Vec::new();
    for chunk in s.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        let bytes = n.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    out
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(data().join("sarif-schema-2.1.0.json")).expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft4::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    let runs: [&[&str]; 4] = [
        &["web.yaml", "invalid.yaml", "cronjob.json", "rollout.yaml"],
        &["tree"],
        &["missing.yaml", "web.yaml"],
        &["-"],
    ];
    for paths in runs {
        let mut cmd = pullpolicy();
        cmd.args(["explain", "--format", "sarif"]).args(paths);
        if paths == ["-"] {
            cmd.write_stdin("kind: Pod\nspec:\n  containers:\n  - {name: a, image: 'x'}\n---\n[\n");
        }
        let sarif = json_of(&mut cmd);
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{paths:?}: {errors:#?}\n{sarif:#}");
        assert_eq!(sarif["version"], "2.1.0");
    }
}

#[test]
fn sarif_has_regions_and_rule_metadata() {
    let sarif = json_of(pullpolicy().args(["explain", "--format", "sarif", "invalid.yaml"]));
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    assert_eq!(run["tool"]["driver"]["name"], "pullpolicy");
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    let results = run["results"].as_array().expect("results");
    let policy = results
        .iter()
        .find(|r| r["ruleId"] == "invalid-pull-policy")
        .expect("the policy error");
    assert_eq!(policy["level"], "error");
    let region = &policy["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (
            &region["startLine"],
            &region["startColumn"],
            &region["endLine"],
            &region["endColumn"]
        ),
        (
            &Value::from(10),
            &Value::from(22),
            &Value::from(10),
            &Value::from(28)
        )
    );
    assert_eq!(
        policy["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "invalid.yaml"
    );
    let index = usize::try_from(policy["ruleIndex"].as_u64().expect("index")).expect("small");
    let rule = &rules[index];
    assert_eq!(rule["id"], "invalid-pull-policy");
    assert!(
        rule["shortDescription"]["text"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(
        rule["helpUri"],
        "https://kubernetes.io/docs/concepts/containers/images/#image-pull-policy"
    );
    // Every result's rule is listed once.
    let ids: Vec<&str> = rules.iter().filter_map(|r| r["id"].as_str()).collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(ids.len(), unique.len());
}

#[test]
fn sarif_reports_syntax_errors_and_unreadable_inputs() {
    let dir = scratch("sarif-bad");
    std::fs::write(dir.join("broken.yaml"), "a: [1, 2\n").expect("write");
    let sarif = json_of(pullpolicy().current_dir(&dir).args([
        "explain",
        "--format",
        "sarif",
        "broken.yaml",
        "gone.yaml",
    ]));
    let run = &sarif["runs"][0];
    assert!(
        run["results"]
            .as_array()
            .expect("results")
            .iter()
            .any(|r| r["ruleId"] == "yaml-syntax" && r["level"] == "error")
    );
    let invocation = &run["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    assert_eq!(
        invocation["toolExecutionNotifications"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            ["uri"],
        "gone.yaml"
    );
}

// ---------------------------------------------------------------------------------------
// Exit statuses.

#[test]
fn exit_status_follows_fail_on() {
    // web.yaml: a warning and infos, no error.
    pullpolicy().args(["explain", "web.yaml"]).assert().code(0);
    pullpolicy()
        .args(["explain", "--fail-on", "warning", "web.yaml"])
        .assert()
        .code(1);
    pullpolicy()
        .args(["explain", "--fail-on", "info", "cronjob.json"])
        .assert()
        .code(1);
    pullpolicy()
        .args(["explain", "--fail-on", "warning", "cronjob.json"])
        .assert()
        .code(0);
    // invalid.yaml: errors.
    pullpolicy()
        .args(["explain", "invalid.yaml"])
        .assert()
        .code(1);
    pullpolicy()
        .args(["explain", "--fail-on", "never", "invalid.yaml"])
        .assert()
        .code(0);
    // A document without a pod spec is not a finding about the manifest.
    let dir = scratch("service-only");
    std::fs::write(
        dir.join("svc.yaml"),
        "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n",
    )
    .expect("write");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "--fail-on", "info", "svc.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "1 document without a pod spec skipped",
        ));
    // The status is the same in every format.
    for format in ["json", "sarif", "markdown", "html"] {
        pullpolicy()
            .args(["explain", "--format", format, "invalid.yaml"])
            .assert()
            .code(1);
    }
}

#[test]
fn unreadable_input_wins_over_findings() {
    pullpolicy()
        .args([
            "explain",
            "--fail-on",
            "never",
            "invalid.yaml",
            "missing.yaml",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "missing.yaml: error: no such file or directory",
        ));
}

#[test]
fn usage_errors_exit_2() {
    pullpolicy()
        .args(["explain", "--node-image", "cached", "web.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "absent, present, stale, preloaded",
        ));
    pullpolicy()
        .args(["explain", "--kubernetes-version", "1.20", "web.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "supported versions are 1.28 to 1.37",
        ));
    pullpolicy()
        .args(["explain", "--format", "yaml", "web.yaml"])
        .assert()
        .code(2);
    pullpolicy()
        .args([
            "explain",
            "--playground-url",
            "javascript:alert(1)",
            "web.yaml",
        ])
        .assert()
        .code(2);
}

#[test]
fn help_and_version() {
    pullpolicy()
        .args(["explain", "--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Examples:"))
        .stdout(predicate::str::contains("--node-image"))
        .stdout(predicate::str::contains("--credential-verification"))
        .stdout(predicate::str::contains("Exit status:"));
    pullpolicy()
        .arg("--version")
        .assert()
        .code(0)
        .stdout(format!("pullpolicy {}\n", env!("CARGO_PKG_VERSION")));
    // No subcommand: help on standard error, status 2.
    pullpolicy()
        .assert()
        .code(2)
        .stderr(predicate::str::contains("explain"));
}

// ---------------------------------------------------------------------------------------
// Standard input and directories.

#[test]
fn standard_input_with_a_dash_and_without_paths() {
    let manifest = std::fs::read_to_string(data().join("invalid.yaml")).expect("fixture");
    pullpolicy()
        .args(["explain", "-"])
        .write_stdin(manifest.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "<stdin>:10:22: error[invalid-pull-policy]",
        ));
    // No paths and standard input is not a terminal: read it.
    pullpolicy()
        .arg("explain")
        .write_stdin(manifest.clone())
        .assert()
        .code(1)
        .stdout(predicate::str::contains("<stdin>:10:22"));
    pullpolicy()
        .args([
            "explain",
            "--stdin-filename",
            "chart/templates/pod.yaml",
            "-",
        ])
        .write_stdin(manifest)
        .assert()
        .stdout(predicate::str::contains("chart/templates/pod.yaml:10:22"));
    pullpolicy()
        .args(["explain", "-", "-"])
        .write_stdin("")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("more than once"));
}

#[test]
fn directories_are_walked_recursively_sorted_and_without_hidden_files() {
    let v = json_of(pullpolicy().args(["explain", "--format", "json", "tree", "web.yaml"]));
    let paths: Vec<&str> = v["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    assert_eq!(
        paths,
        ["tree/a.yml", "tree/b.yaml", "tree/sub/c.json", "web.yaml"]
    );
    // The same from inside the directory, named relative to it.
    let v = json_of(
        pullpolicy()
            .current_dir(data().join("tree"))
            .args(["explain", "--format", "json", "."]),
    );
    assert_eq!(v["files"][2]["path"], "sub/c.json");
}

#[test]
fn an_empty_directory_is_a_warning() {
    let dir = scratch("empty-dir");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "."])
        .assert()
        .code(0)
        .stderr(predicate::str::contains(
            ".: warning: no *.yaml, *.yml or *.json files",
        ));
}

// ---------------------------------------------------------------------------------------
// Bad input.

#[test]
fn a_binary_file_is_not_text() {
    let dir = scratch("binary");
    std::fs::write(dir.join("image.yaml"), b"\x7fELF\x02\x01\x01\x00\x00\x00").expect("write");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "image.yaml"])
        .assert()
        .code(2)
        .stderr("image.yaml: error: binary data (a NUL byte), not a YAML or JSON text\n");
}

#[test]
fn invalid_utf8_is_located() {
    let dir = scratch("utf8");
    std::fs::write(
        dir.join("latin1.yaml"),
        b"kind: Pod\nmetadata:\n  name: caf\xe9\n",
    )
    .expect("write");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "latin1.yaml"])
        .assert()
        .code(2)
        .stderr(
            "latin1.yaml:3:12: error: invalid UTF-8 (byte 0xE9); the file must be UTF-8 text\n",
        );
}

#[test]
fn utf16_is_named() {
    let dir = scratch("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    bytes.extend("kind: Pod\n".encode_utf16().flat_map(u16::to_le_bytes));
    std::fs::write(dir.join("utf16.yaml"), bytes).expect("write");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "utf16.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "UTF-16 text; convert the file to UTF-8",
        ));
}

#[test]
fn an_unreadable_file() {
    let dir = scratch("unreadable");
    let path = dir.join("secret.yaml");
    std::fs::write(&path, "kind: Pod\n").expect("write");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        if std::fs::read(&path).is_ok() {
            // Root (or a capability) reads through mode 000: nothing to check here.
            println!(
                "note: running as a user that can read mode-000 files; skipping the chmod assertion"
            );
        } else {
            pullpolicy()
                .current_dir(&dir)
                .args(["explain", "secret.yaml"])
                .assert()
                .code(2)
                .stderr("secret.yaml: error: permission denied\n");
        }
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    // A FIFO, a socket or a device: not a regular file. `/dev/null` reads as empty, so
    // use a path that cannot be read at all on any platform: a file inside a file.
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "secret.yaml/inner.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::starts_with(
            "secret.yaml/inner.yaml: error: ",
        ));
}

#[test]
fn an_empty_file_explains_nothing() {
    let dir = scratch("empty");
    std::fs::write(dir.join("empty.yaml"), "").expect("write");
    pullpolicy()
        .current_dir(&dir)
        .args(["explain", "empty.yaml"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains(
            "No containers or image volumes found.",
        ))
        .stderr("");
}

#[test]
fn a_syntax_error_in_the_middle_of_a_stream() {
    let dir = scratch("syntax");
    let stream = "\
apiVersion: v1
kind: Pod
metadata: {name: first}
spec:
  containers:
  - {name: app, image: 'nginx:1.27'}
---
apiVersion: v1
kind: Pod
metadata: {name: [broken
---
apiVersion: v1
kind: Pod
metadata: {name: last}
spec:
  containers:
  - {name: app, image: 'redis:7.4', imagePullPolicy: Never}
";
    std::fs::write(dir.join("stream.yaml"), stream).expect("write");
    let assert = pullpolicy()
        .current_dir(&dir)
        .args(["explain", "stream.yaml"])
        .assert()
        .code(2)
        .stderr(predicate::str::is_match(r"^stream\.yaml:1[01]:\d+: error: .+\n$").expect("regex"));
    // The documents around the error are still explained.
    let out = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    assert!(
        out.contains("Pod/first") && out.contains("Pod/last"),
        "{out}"
    );
    // In JSON the report holds the syntax error; the status is still 2.
    let v = json_of(pullpolicy().current_dir(&dir).args([
        "explain",
        "--format",
        "json",
        "stream.yaml",
    ]));
    assert_eq!(
        v["files"][0]["report"]["syntaxErrors"]
            .as_array()
            .map(Vec::len),
        Some(1)
    );
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let dir = scratch("pipe");
    let pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: 'nginx:1.27'}\n";
    std::fs::write(dir.join("many.yaml"), vec![pod; 3000].join("---\n")).expect("write");
    let mut child = Command::new(assert_cmd::cargo::cargo_bin!("pullpolicy"))
        .current_dir(&dir)
        .args(["explain", "--format", "json", "many.yaml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = [0u8; 16];
    child
        .stdout
        .take()
        .expect("stdout")
        .read_exact(&mut first)
        .expect("some output");
    // The reader is gone: the rest of the output meets a closed pipe.
    let output = child.wait_with_output().expect("wait");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains("panicked") && !stderr.contains("internal error"),
        "{stderr}"
    );
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

#[test]
fn never_a_backtrace() {
    // A path that is a directory given as a file inside a walk, a missing file, an empty
    // stdin: none panics; stderr has no Rust panic text.
    for args in [
        vec!["explain", "missing.yaml"],
        vec!["explain", "-"],
        vec!["explain", "--format", "sarif", "tree", "missing"],
    ] {
        pullpolicy()
            .args(&args)
            .env("RUST_BACKTRACE", "1")
            .write_stdin("")
            .assert()
            .stderr(predicate::str::contains("panicked").not())
            .stderr(predicate::str::contains("backtrace").not());
    }
}

// ---------------------------------------------------------------------------------------
// Rejections: every format shows them as errors.

/// Every fixture of the workspace (`tests/fixtures`), the CLI's own inputs, and a Pod with
/// ephemeral containers at creation (a rejection no finding carries).
fn rejection_inputs() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for dir in [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures"),
        data(),
    ] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixtures")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "json"))
            .filter(|p| !p.ends_with("sarif-schema-2.1.0.json"))
            .collect();
        paths.sort();
        for p in paths {
            out.push((
                p.file_name().expect("name").to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).expect("UTF-8"),
            ));
        }
    }
    out.push((
        "ephemeral-at-creation.yaml".to_owned(),
        "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1\"}\n  ephemeralContainers:\n  - {name: debug, image: \"busybox:1\"}\n".to_owned(),
    ));
    out
}

#[test]
fn every_rejection_is_an_error_in_every_format() {
    let dir = scratch("rejections");
    let mut checked = 0;
    for (name, text) in rejection_inputs() {
        let report = pullpolicy::explain(&text, &pullpolicy::Options::default());
        let rejections: Vec<&str> = report
            .documents
            .iter()
            .flat_map(|d| [d.kubectl_error(), d.api_error(), d.strict_error()])
            .flatten()
            .collect();
        if rejections.is_empty() {
            continue;
        }
        checked += 1;
        std::fs::write(dir.join(&name), &text).expect("write");
        let run = |format: &str| {
            let out = pullpolicy()
                .current_dir(&dir)
                .args(["explain", "--color", "never", "--format", format, &name])
                .output()
                .expect("runs");
            assert_ne!(
                out.status.code(),
                Some(0),
                "{name} {format}: a rejection fails the run"
            );
            String::from_utf8(out.stdout).expect("UTF-8")
        };
        // Each rejection is shown as an error: in its own words, or by an error finding
        // whose words it quotes (then it is not counted twice).
        let human = run("human");
        let errors: Vec<&str> = human
            .lines()
            .filter_map(|l| l.split_once(": error[").map(|(_, rest)| rest))
            .collect();
        for r in &rejections {
            assert!(
                errors.iter().any(|e| {
                    let message = e.split_once("]: ").map_or("", |(_, m)| m);
                    !message.is_empty() && r.contains(message)
                }),
                "{name} (human): {r} is shown as no error in\n{human}"
            );
        }
        let summary = human.lines().last().unwrap_or_default();
        assert!(!summary.contains(": 0 errors"), "{name} (human): {summary}");
        let markdown = run("markdown");
        assert!(
            !markdown.starts_with("### pullpolicy: 0 errors"),
            "{name} (markdown): {markdown}"
        );
        assert!(markdown.contains("- **error** "), "{name} (markdown)");
        let html = run("html");
        assert!(html.contains(">error</span>"), "{name} (html)");
        let sarif: Value = serde_json::from_str(&run("sarif")).expect("JSON");
        let results = sarif["runs"][0]["results"].as_array().expect("results");
        for r in &rejections {
            assert!(
                results.iter().any(|x| x["level"] == "error"
                    && x["message"]["text"]
                        .as_str()
                        .is_some_and(|m| !m.is_empty() && r.contains(m))),
                "{name} (sarif): {r}"
            );
        }
    }
    assert!(checked >= 5, "only {checked} inputs have rejections");
    // The Pod with ephemeral containers: the API server's rejection is an error of the
    // object, and its cause one at the field.
    let human = pullpolicy()
        .current_dir(&dir)
        .args(["explain", "ephemeral-at-creation.yaml"])
        .output()
        .expect("runs");
    let human = String::from_utf8(human.stdout).expect("UTF-8");
    assert!(
        human.contains("ephemeral-at-creation.yaml:1:1: error[object-invalid]: Pod \"p\" is invalid: spec.ephemeralContainers: Forbidden: cannot be set on create")
            && human.contains("ephemeral-at-creation.yaml:7:3: error[ephemeral-containers-forbidden]: spec.ephemeralContainers: Forbidden: cannot be set on create"),
        "{human}"
    );
    assert!(human.contains(": 2 errors, 0 warnings,"), "{human}");
}

// ---------------------------------------------------------------------------------------
// JSON Lines and large Lists (issue 19).

#[test]
fn jsonl_is_a_line_per_document_then_summaries() {
    let list = r#"{"apiVersion": "v1", "kind": "List", "items": [
  {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "a"}, "spec": {"containers": [{"name": "c", "image": "nginx"}]}},
  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}}
]}"#;
    let out = stdout_of(
        pullpolicy()
            .args([
                "explain",
                "--format",
                "jsonl",
                "--fail-on",
                "never",
                "-",
                "missing.yaml",
            ])
            .args(["--stdin-filename", "pods.json"])
            .write_stdin(list),
    );
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let shape: Vec<String> = lines
        .iter()
        .map(|l| {
            let keys: Vec<&str> = l
                .as_object()
                .map_or(Vec::new(), |o| o.keys().map(String::as_str).collect());
            keys.join(",")
        })
        .collect();
    assert_eq!(
        shape,
        [
            "document,path",
            "document,path",
            "path,summary",
            "error,path",
            "files,options,schemaVersion,summary,tool,unreadable"
        ]
    );
    assert_eq!(lines[0]["path"], "pods.json");
    assert_eq!(
        (&lines[0]["document"]["item"], &lines[0]["document"]["line"]),
        (&Value::from(0), &Value::from(2))
    );
    assert_eq!(lines[1]["document"]["item"], 1);
    assert_eq!(lines[1]["document"]["column"], 3);
    assert_eq!(lines[2]["summary"]["entries"], 1);
    assert_eq!(
        lines[3],
        serde_json::json!({"path": "missing.yaml", "error": {"message": "no such file or directory"}})
    );
    assert_eq!(
        (&lines[4]["files"], &lines[4]["unreadable"]),
        (&Value::from(2), &Value::from(1))
    );
    assert_eq!(lines[4]["summary"]["entries"], 1);
}

#[test]
fn a_list_item_with_an_error_is_placed_where_it_is_written() {
    // Items explained one at a time: the finding is at the item's place in the file.
    let list = "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"List\",\n  \"items\": [\n    {\"apiVersion\": \"v1\", \"kind\": \"Pod\", \"metadata\": {\"name\": \"p\"}, \"spec\": {\"containers\": [{\"name\": \"c\", \"image\": \"nginx\", \"imagePullPolicy\": \"always\"}]}}\n  ]\n}\n";
    let out = stdout_of(
        pullpolicy()
            .args(["explain", "--stdin-filename", "pods.json", "-"])
            .write_stdin(list),
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("pods.json:5:143: error[invalid-pull-policy]")),
        "{out}"
    );
}
