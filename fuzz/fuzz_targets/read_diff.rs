//! Differential fuzzing of `pullpolicy::read` against the real Go libraries: the
//! project's oracle (`tests/oracle`, built by `cargo xtask setup` into
//! `target/oracle/`) runs as one process beside the fuzzer, and for every input both
//! must give the same documents and the same error, under each way Kubernetes reads
//! JSON streams. Answers that depend on Go's map iteration order or on Go's table of
//! printable characters (`Uncertainty`), and inputs whose text kubectl reads as raw
//! bytes (invalid UTF-8 after a UTF-8 byte order mark), are not compared (see
//! `crates/pullpolicy/tests/read_oracle.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::read::{JsonStreams, OracleEntry, ReadOptions, kubectl_text, oracle_entries};
use std::io::{BufRead, BufReader, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::Mutex;

struct Oracle {
    /// Kept for the fuzzer's lifetime; it ends with the fuzzer.
    _child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

static ORACLE: Mutex<Option<Oracle>> = Mutex::new(None);

fn oracle_path() -> std::path::PathBuf {
    std::env::var_os("PULLPOLICY_ORACLE")
        .map(Into::into)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../target/oracle/pullpolicy-oracle")
        })
}

fn start() -> Oracle {
    let path = oracle_path();
    let mut child = Command::new(&path)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "the oracle {} does not start ({e}): run `cargo xtask setup`",
                path.display()
            )
        });
    Oracle {
        stdin: child.stdin.take().expect("stdin"),
        stdout: BufReader::new(child.stdout.take().expect("stdout")),
        _child: child,
    }
}

fn ask(input: &[u8], dialect: u8) -> Vec<OracleEntry> {
    let mut guard = ORACLE.lock().unwrap_or_else(|e| e.into_inner());
    let oracle = guard.get_or_insert_with(start);
    let len = u32::try_from(input.len()).expect("small inputs");
    oracle.stdin.write_all(&len.to_le_bytes()).expect("write");
    oracle.stdin.write_all(&[dialect]).expect("write");
    oracle.stdin.write_all(input).expect("write");
    oracle.stdin.flush().expect("flush");
    let mut line = String::new();
    oracle
        .stdout
        .read_line(&mut line)
        .expect("the oracle answers");
    let entries: Vec<serde_json::Value> = serde_json::from_str(&line).expect("JSON lines");
    entries
        .iter()
        .map(|v| {
            let text = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
            match text("stage").as_deref() {
                Some(stage) => OracleEntry::Error {
                    stage: match stage {
                        "stream" => "stream",
                        "yaml" => "yaml",
                        "convert" => "convert",
                        "marshal" => "marshal",
                        "panic" => "panic",
                        other => panic!("the oracle failed: {other}: {v}"),
                    },
                    text: text("error").unwrap_or_default(),
                },
                None => OracleEntry::Doc {
                    src: if text("src").as_deref() == Some("json") {
                        "json"
                    } else {
                        "yaml"
                    },
                    json: text("json").unwrap_or_default(),
                    skip: v.get("skip").and_then(serde_json::Value::as_bool) == Some(true),
                    decoding: text("typeError").map(|t| (t, text("strictError").unwrap_or_default())),
                },
            }
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let (text, exact) = kubectl_text(data);
    if !exact {
        return;
    }
    let json_like = text
        .trim_start_matches('\u{feff}')
        .trim_start_matches(char::is_whitespace)
        .starts_with('{');
    let dialects: &[(u8, JsonStreams)] = if json_like {
        &[
            (32, JsonStreams::JsonOnly),
            (33, JsonStreams::Fallback133),
            (34, JsonStreams::Fallback),
        ]
    } else {
        &[(34, JsonStreams::Fallback)]
    };
    for &(dialect, json) in dialects {
        let options = ReadOptions {
            json,
            sigs_yaml_v1_3: true,
        };
        let (ours, uncertain) = oracle_entries(&text, options);
        let go = ask(data, dialect);
        if uncertain.is_some() {
            continue;
        }
        assert_eq!(
            ours,
            go,
            "dialect {dialect}: {:?}",
            String::from_utf8_lossy(data)
        );
    }
});
