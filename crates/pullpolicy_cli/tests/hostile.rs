//! Hostile input on the command line (issue 8): alias bombs, 20,000 levels of nesting,
//! an 11 MB manifest, 100,000 documents, invalid UTF-8 and NUL bytes in the middle of
//! large streams, a 1 MB image and a 1 MB key. Each run ends by itself with a full
//! report (exit 0 or 1, valid JSON) or a clear message (exit 2), never a panic; a
//! 60-second timeout guards against hangs. Each test prints how long its runs took
//! (`cargo test -p pullpolicy_cli --test hostile -- --nocapture`).

use assert_cmd::cargo::cargo_bin_cmd;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A run that takes longer than this is a hang (the slowest here takes a few seconds in
/// a debug build).
const HANG_GUARD: Duration = Duration::from_secs(60);

const POD_AFTER: &str = "---\napiVersion: v1\nkind: Pod\nmetadata: {name: after}\nspec:\n  containers:\n  - {name: app, image: 'nginx:1.27'}\n";

/// What a run left behind.
struct Ran {
    code: i32,
    stdout: Vec<u8>,
    stderr: String,
}

impl Ran {
    /// `files[0].report` of `--format json` output.
    fn report(&self) -> Value {
        let v: Value = serde_json::from_slice(&self.stdout).expect("stdout is JSON");
        v["files"][0]["report"].clone()
    }

    /// `files[0]` of `--format json` output.
    fn file(&self) -> Value {
        let v: Value = serde_json::from_slice(&self.stdout).expect("stdout is JSON");
        v["files"][0].clone()
    }
}

/// Runs `pullpolicy <args>` with `stdin`, under the hang guard; prints the wall time and
/// checks what every run must satisfy: it exited by itself, and nothing panicked.
fn run(label: &str, dir: Option<&Path>, args: &[&str], stdin: Vec<u8>) -> Ran {
    let mut cmd = cargo_bin_cmd!("pullpolicy");
    cmd.env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env("RUST_BACKTRACE", "1")
        .args(args)
        .write_stdin(stdin)
        .timeout(HANG_GUARD);
    if let Some(dir) = dir {
        cmd.current_dir(dir);
    }
    let start = Instant::now();
    let out = cmd.output().expect("runs");
    println!("{label}: {:.2} s", start.elapsed().as_secs_f64());
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let code = out.status.code().unwrap_or_else(|| {
        panic!("{label}: killed after {HANG_GUARD:?} (a hang?); stderr: {stderr}")
    });
    for panic_text in [
        "panicked",
        "RUST_BACKTRACE",
        "internal error",
        "stack overflow",
    ] {
        assert!(
            !stderr.contains(panic_text),
            "{label}: {panic_text} in stderr: {stderr}"
        );
    }
    Ran {
        code,
        stdout: out.stdout,
        stderr,
    }
}

/// `pullpolicy explain --format json -` on `text`.
fn explain_json(label: &str, text: impl Into<Vec<u8>>) -> Ran {
    run(
        label,
        None,
        &["explain", "--format", "json", "-"],
        text.into(),
    )
}

/// A fresh scratch directory under the target directory.
fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch directory");
    dir
}

fn entries(report: &Value) -> Vec<&Value> {
    report["documents"]
        .as_array()
        .expect("documents")
        .iter()
        .flat_map(|d| d["entries"].as_array().expect("entries"))
        .collect()
}

fn rules(entry: &Value) -> Vec<&str> {
    entry["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["rule"].as_str().expect("rule"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Aliases.

#[test]
fn a_billion_laughs_is_refused_without_expansion() {
    // 10^9 "lol"s if expanded, in a field Kubernetes does not know: go-yaml v2.4 refuses
    // the document (`allowedAliasRatio`), so kubectl cannot read it; nothing is expanded.
    let mut laughs = String::from("  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        laughs.push_str(&format!("  l{i}: &l{i} [{refs}]\n"));
    }
    let text = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: bomb}}\nlaughs:\n{laughs}spec:\n  containers:\n  - {{name: app, image: 'nginx:1.27'}}\n"
    );
    assert!(text.len() < 1000, "a small text");
    let ran = explain_json("billion laughs", text);
    assert_eq!(ran.code, 2, "unreadable input: {}", ran.stderr);
    let report = ran.report();
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(1));
    assert_eq!(
        report["documents"][0]["kubectlError"],
        "error converting YAML to JSON: yaml: document contains excessive aliasing"
    );
    assert_eq!(report["documents"][0]["findings"][0]["rule"], "yaml-alias");
    assert_eq!(entries(&report).len(), 0);
}

#[test]
fn an_alias_bomb_through_nested_lists_stays_small() {
    // Containers may come from aliases (10 per Pod), and List items too; a List of Lists
    // nine deep would be 10^10 containers if every level were expanded and explained.
    // go-yaml v2.4 refuses it for excessive aliasing: kubectl cannot read it.
    let mut text = String::from(
        "apiVersion: v1\nkind: List\nanchors:\n  c: &c {name: c, image: 'nginx:1.27'}\n",
    );
    text.push_str(&format!(
        "  l0: &l0 {{apiVersion: v1, kind: Pod, metadata: {{name: p}}, spec: {{containers: [{}]}}}}\n",
        ["*c"; 10].join(", ")
    ));
    for i in 1..9 {
        let refs = vec![format!("*l{}", i - 1); 10].join(", ");
        text.push_str(&format!(
            "  l{i}: &l{i} {{apiVersion: v1, kind: List, items: [{refs}]}}\n"
        ));
    }
    let ran = explain_json(
        "alias bomb through Lists",
        format!("{text}items: [{}]\n", ["*l8"; 10].join(", ")),
    );
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    let report = ran.report();
    let documents = report["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 1);
    assert_eq!(documents[0]["findings"][0]["rule"], "yaml-alias");
    assert_eq!(report["summary"]["entries"], 0);
    assert_eq!(report["summary"]["errors"], 1);

    // One level (a List of ten Pods of ten aliased containers) is explained in full. The
    // aliased containers share one name, which the API server refuses after the first
    // (`Duplicate value`: nine errors a Pod).
    let ran = explain_json(
        "aliased containers in a List",
        format!(
            "{}items: [{}]\n",
            text.split("  l1:").next().expect("l0"),
            ["*l0"; 10].join(", ")
        ),
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = ran.report();
    assert_eq!(report["summary"]["entries"], 100);
    let repeated = entries(&report)
        .iter()
        .flat_map(|e| e["findings"].as_array().expect("findings"))
        .filter(|f| f["rule"] == "invalid-name")
        .count();
    assert_eq!(repeated, 90);
}

// ---------------------------------------------------------------------------------------
// Nesting.

#[test]
fn twenty_thousand_levels_of_flow_nesting_are_a_syntax_error() {
    // go-yaml v2.4 reads at most 10,000 levels: kubectl cannot read the document.
    const DEPTH: usize = 20_000;
    for (label, deep) in [
        (
            "flow sequences",
            format!("a: {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
        ),
        (
            "flow mappings",
            format!("a: {}1{}\n", "{a: ".repeat(DEPTH), "}".repeat(DEPTH)),
        ),
    ] {
        let ran = explain_json(
            &format!("20,000 levels of {label}"),
            format!("{deep}{POD_AFTER}"),
        );
        assert_eq!(ran.code, 2, "{label}: a syntax error is unreadable input");
        let report = ran.report();
        let errors = report["syntaxErrors"].as_array().expect("syntaxErrors");
        assert_eq!(errors.len(), 1, "{label}");
        let message = "error converting YAML to JSON: yaml: exceeded max depth of 10000";
        assert_eq!(errors[0]["message"], message, "{label}");
        assert_eq!(errors[0]["line"], 1, "{label}");
        // The document after the deep one is still explained; kubectl never sends it.
        assert_eq!(report["documents"][1]["name"], "after", "{label}");
        assert_eq!(
            report["documents"][1]["findings"][0]["rule"], "not-sent",
            "{label}"
        );
        assert_eq!(entries(&report).len(), 1, "{label}");
        assert!(
            ran.stderr.starts_with("<stdin>:1:")
                && ran.stderr.ends_with(&format!(": error: {message}\n")),
            "{label}: {}",
            ran.stderr
        );
    }
}

#[test]
fn twenty_thousand_levels_of_block_nesting_exceed_go_yamls_depth() {
    const DEPTH: usize = 20_000;
    // `- - - … x`: 20,000 nested block sequences, alone and inside a container's args:
    // past go-yaml's 10,000 levels, kubectl cannot read the document and stops there
    // (the Pod after it is still explained, never sent).
    let alone = format!("{}x\n{POD_AFTER}", "- ".repeat(DEPTH));
    let ran = explain_json("20,000 levels of block sequences", alone);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    let report = ran.report();
    assert_eq!(report["documents"][0]["status"], "unreadable");
    assert_eq!(report["documents"][0]["findings"][0]["rule"], "yaml-syntax");
    assert_eq!(report["documents"][1]["name"], "after");
    assert_eq!(report["documents"][1]["findings"][0]["rule"], "not-sent");
    assert_eq!(entries(&report).len(), 1);

    let in_args = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: deep}}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n    args:\n    {}x\n",
        "- ".repeat(DEPTH)
    );
    let ran = explain_json("20,000 levels of block sequences in args", in_args);
    assert_eq!(ran.code, 2, "{}", ran.stderr);
    let report = ran.report();
    assert_eq!(report["documents"][0]["status"], "unreadable");
    assert_eq!(entries(&report).len(), 0);
}

// ---------------------------------------------------------------------------------------
// Size.

/// A Deployment of two containers, carrying the `last-applied-configuration` annotation
/// `kubectl apply` writes (most of its bytes, as in real clusters' exports).
fn deployment(i: usize) -> String {
    let env: String = (0..40)
        .map(|k| format!("        - {{name: SETTING_{k}, value: \"value-{i}-{k}\"}}\n"))
        .collect();
    let applied = format!(
        "{{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{{\"name\":\"web-{i}\"}},\"spec\":{{\"template\":{{\"spec\":{{\"containers\":[{{\"name\":\"app\",\"image\":\"registry.example.com/team/web-{i}:1.{i}\",\"env\":[{}]}}]}}}}}}}}",
        (0..40)
            .map(|k| format!(
                "{{\\\"name\\\":\\\"SETTING_{k}\\\",\\\"value\\\":\\\"value-{i}-{k}\\\"}}"
            ))
            .collect::<Vec<_>>()
            .join(",")
    );
    format!(
        "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web-{i}\n  annotations:\n    kubectl.kubernetes.io/last-applied-configuration: '{applied}'\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {{app: web-{i}}}\n  template:\n    metadata:\n      labels: {{app: web-{i}}}\n    spec:\n      containers:\n      - name: app\n        image: registry.example.com/team/web-{i}:1.{i}\n        imagePullPolicy: IfNotPresent\n        env:\n{env}      - name: sidecar\n        image: envoyproxy/envoy@sha256:{}\n",
        "e".repeat(64)
    )
}

#[test]
fn an_11_mb_manifest_is_explained_in_full() {
    let mut text = String::new();
    let mut count = 0;
    while text.len() < 11 * 1024 * 1024 {
        text.push_str(&deployment(count));
        count += 1;
    }
    let dir = scratch("eleven");
    std::fs::write(dir.join("big.yaml"), &text).expect("write");
    let ran = run(
        &format!("11 MB manifest ({count} Deployments)"),
        Some(&dir),
        &["explain", "--format", "json", "big.yaml"],
        Vec::new(),
    );
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    assert_eq!(ran.stderr, "");
    let report = ran.report();
    assert_eq!(report["documents"].as_array().map(Vec::len), Some(count));
    assert_eq!(report["summary"]["entries"], 2 * count);
    assert_eq!(report["summary"]["ifNotPresent"], 2 * count);
    assert_eq!(report["syntaxErrors"].as_array().map(Vec::len), Some(0));
    let last = &report["documents"][count - 1];
    assert_eq!(last["name"], format!("web-{}", count - 1));
    assert_eq!(last["entries"][1]["name"], "sidecar");
}

#[test]
fn a_hundred_thousand_documents() {
    // 99,999 documents without a pod spec (comments only: a mapping without `kind`
    // would stop kubectl at the first), then a Pod: about 1 MB.
    let text = format!(
        "{}---\napiVersion: v1\nkind: Pod\nmetadata: {{name: last}}\nspec:\n  containers:\n  - {{name: app, image: 'nginx:1.27'}}\n",
        "---\n# a\n".repeat(99_999)
    );
    let ran = explain_json("100,000 documents", text);
    assert_eq!(ran.code, 0, "{}", ran.stderr);
    let report = ran.report();
    let documents = report["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 100_000);
    assert!(documents[..99_999].iter().all(|d| d["status"] == "skipped"));
    let last = &documents[99_999];
    assert_eq!(last["index"], 99_999);
    assert_eq!(last["name"], "last");
    assert_eq!(
        last["line"], 200_000,
        "positions are right at the end of the stream"
    );
    assert_eq!(last["entries"][0]["line"], 200_005);
    assert_eq!(report["summary"]["entries"], 1);
}

// ---------------------------------------------------------------------------------------
// Bytes that are not text.

/// 5,000 Pods on standard input (about 500 KB).
fn pods(n: usize) -> String {
    (0..n)
        .map(|i| format!("---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{i}\nspec:\n  containers:\n  - name: app\n    image: registry.example.com/app:1.{i}\n"))
        .collect()
}

/// `bad` between 2,500 Pods and 2,500 more on standard input, explained for a person
/// and as JSON.
fn mid_stream(name: &str, bad: &[u8]) -> (Ran, Ran) {
    let mut bytes = pods(2_500).into_bytes();
    bytes.extend_from_slice(bad);
    bytes.extend_from_slice(pods(2_500).as_bytes());
    let human = run(
        &format!("{name} (human)"),
        None,
        &["explain", "-"],
        bytes.clone(),
    );
    (human, explain_json(&format!("{name} (JSON)"), bytes))
}

#[test]
fn invalid_utf8_in_the_middle_of_a_large_stream_on_stdin() {
    // Pod 2,500's name ends in a Latin-1 "é" (0xE9): line 2,500 × 9 + 5, column 12.
    let (ran, json) = mid_stream(
        "invalid UTF-8 mid-stream",
        b"---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: caf\xe9\n",
    );
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.stderr,
        "<stdin>:22505:12: error: invalid UTF-8 (byte 0xE9); the file must be UTF-8 text\n"
    );
    let ran = json;
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.file()["error"],
        serde_json::json!({
            "message": "invalid UTF-8 (byte 0xE9); the file must be UTF-8 text",
            "line": 22505,
            "column": 12,
        })
    );
    assert!(ran.file().get("report").is_none());
}

#[test]
fn nul_bytes_in_the_middle_of_a_stream() {
    // A raw NUL byte: the input is binary data, named as such.
    let (ran, json) = mid_stream(
        "NUL byte mid-stream",
        b"---\nkind: Pod\nmetadata: {name: \"a\0b\"}\n",
    );
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.stderr,
        "<stdin>: error: binary data (a NUL byte), not a YAML or JSON text\n"
    );
    let ran = json;
    assert_eq!(ran.code, 2);
    assert_eq!(
        ran.file()["error"]["message"],
        "binary data (a NUL byte), not a YAML or JSON text"
    );

    // A NUL written as YAML's `\0` escape is text: the image holding it is invalid.
    let ran = explain_json(
        "escaped NUL in an image",
        "apiVersion: v1\nkind: Pod\nmetadata: {name: nul}\nspec:\n  containers:\n  - name: app\n    image: \"nginx\\0:1.27\"\n",
    );
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = ran.report();
    let entry = entries(&report)[0].clone();
    assert_eq!(entry["image"]["raw"], "nginx\u{0}:1.27");
    assert_eq!(entry["image"]["valid"], false);
    assert_eq!(
        entry["findings"][0]["message"],
        "Failed to apply default image tag \"nginx\\x00:1.27\": couldn't parse image name \"nginx\\x00:1.27\": invalid reference format"
    );
}

// ---------------------------------------------------------------------------------------
// Long strings.

const MIB: usize = 1 << 20;

#[test]
fn a_1_mb_image() {
    let image = "a".repeat(MIB);
    let text = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: long}}\nspec:\n  containers:\n  - name: app\n    image: {image}\n"
    );
    let ran = explain_json("1 MB image", text);
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = ran.report();
    let entries = entries(&report);
    assert_eq!(entries.len(), 1);
    let e = entries[0];
    assert_eq!(e["image"]["raw"].as_str().map(str::len), Some(MIB));
    assert_eq!(e["image"]["valid"], false);
    assert_eq!(
        e["image"]["error"],
        "repository name must not be more than 255 characters"
    );
    assert_eq!(rules(e), ["invalid-image-name"]);
    assert_eq!(e["outcome"]["waitingReason"], "InvalidImageName");
}

#[test]
fn a_1_mb_key() {
    let key = "k".repeat(MIB);
    let pod = |field: &str| {
        format!(
            "apiVersion: v1\nkind: Pod\nmetadata: {{name: long}}\nspec:\n  containers:\n  - name: app\n    image: nginx:1.27\n{field}"
        )
    };
    // As a plain key: YAML limits implicit keys to 1,024 characters, so this is a syntax
    // error (go-yaml's words, what kubectl says).
    let ran = explain_json("1 MB implicit key", pod(&format!("    {key}: 1\n")));
    assert_eq!(ran.code, 2);
    let report = ran.report();
    let message = "error converting YAML to JSON: yaml: line 8: could not find expected ':'";
    assert_eq!(report["syntaxErrors"][0]["message"], message);
    assert_eq!(report["syntaxErrors"][0]["line"], 8);
    assert_eq!(
        ran.stderr,
        format!("<stdin>:8:{}: error: {message}\n", MIB + 5)
    );
    // As an explicit key (`? key`): read, and an unknown field that quotes it.
    let ran = explain_json("1 MB explicit key", pod(&format!("    ? {key}\n    : 1\n")));
    assert_eq!(ran.code, 1, "{}", ran.stderr);
    let report = ran.report();
    assert_eq!(
        report["documents"][0]["strictError"],
        format!(
            "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].{key}\""
        )
    );
    assert_eq!(entries(&report).len(), 1);
    // Refused by `kubectl apply`: never created, so no effective policy.
    assert_eq!(entries(&report)[0]["policy"]["effective"], Value::Null);
}

// Deep flow nesting stays fast: a libyaml-style scanner keeps a simple-key slot per flow
// level, which is quadratic in the depth if done naively (49 s for 160,000 `[` in an
// earlier reader); go-yaml's own depth limit (10,000) is reported long before.
#[test]
fn deep_flow_nesting_is_fast() {
    const DEPTH: usize = 100_000;
    let start = Instant::now();
    let ran = explain_json(
        "100,000 levels of flow sequences",
        format!("a: {}{}\n", "[".repeat(DEPTH), "]".repeat(DEPTH)),
    );
    assert_eq!(ran.code, 2);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "{:?}",
        start.elapsed()
    );
}
