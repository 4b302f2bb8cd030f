//! The reader (`pullpolicy::read`) against the real Go libraries: for every fixture,
//! every file of the real-world corpus, every vector of `fixtures/read/*.tsv` and
//! every input of the fuzz corpora, what kubectl decodes (each document's JSON, or
//! the stage and exact text of the error it stops at) must be what the project's Go
//! oracle (`tests/oracle`, built by `cargo xtask setup` over Debian's go-yaml v2.4.0,
//! sigs.k8s.io/yaml and golang.org/x/text) prints. Inputs that start with `{` are
//! compared for each way of reading JSON streams (Kubernetes ≤ 1.32, 1.33, ≥ 1.34).
//!
//! Accepted differences (counted and printed, never silent):
//! - Go's result depends on its map iteration order (two keys that become the same
//!   JSON string, as `1` and `"1"`; two keys kubectl cannot convert; keys of mixed
//!   types in a printed map): the reader gives one of Go's possible results and says
//!   so (`Uncertainty::MapOrder`); such inputs are not compared.
//! - An error that prints a key with Go's `%#v` (`invalid map key: …`, `unsupported
//!   map key …`) quotes non-ASCII text with `strconv.Quote`, whose printability table
//!   (Unicode 15) the project's `go_quote` approximates for unassigned code points
//!   (`Uncertainty::Quoting`): such inputs are compared only when they agree.
//! - After a UTF-8 byte order mark kubectl passes invalid UTF-8 on as it is; the
//!   reader takes text (`kubectl_text` replaces it): such inputs are not compared.
//!
//! Without the oracle the test is skipped with a message, except in CI (`CI=true`),
//! where it fails.

use pullpolicy::read::{
    JsonStreams, OracleEntry, ReadOptions, Uncertainty, kubectl_text, oracle_entries,
};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout};

#[path = "support/oracle.rs"]
mod oracle;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A running oracle: one record in, one line out.
struct Oracle {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Oracle {
    fn start() -> Option<Oracle> {
        if !oracle::path().exists() {
            return None;
        }
        let (child, stdin, stdout) = oracle::spawn(&[]);
        Some(Oracle {
            child,
            stdin,
            stdout,
        })
    }

    fn ask(&mut self, input: &[u8], dialect: u8) -> Vec<OracleEntry> {
        let len = u32::try_from(input.len()).expect("inputs under 4 GiB");
        self.stdin.write_all(&len.to_le_bytes()).expect("write");
        self.stdin.write_all(&[dialect]).expect("write");
        self.stdin.write_all(input).expect("write");
        self.stdin.flush().expect("flush");
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .expect("the oracle answers");
        let entries: Vec<serde_json::Value> = serde_json::from_str(&line).expect("JSON lines");
        entries.iter().map(entry).collect()
    }
}

impl Drop for Oracle {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn entry(v: &serde_json::Value) -> OracleEntry {
    let text = |k: &str| v.get(k).and_then(|s| s.as_str()).map(str::to_owned);
    if let Some(stage) = text("stage") {
        let stage = match stage.as_str() {
            "stream" => "stream",
            "yaml" => "yaml",
            "convert" => "convert",
            "marshal" => "marshal",
            "panic" => "panic",
            other => panic!("the oracle failed: {other}: {v}"),
        };
        return OracleEntry::Error {
            stage,
            text: text("error").unwrap_or_default(),
        };
    }
    OracleEntry::Doc {
        src: if text("src").as_deref() == Some("json") {
            "json"
        } else {
            "yaml"
        },
        json: text("json").unwrap_or_default(),
        skip: v.get("skip").and_then(serde_json::Value::as_bool) == Some(true),
        decoding: text("typeError").map(|t| (t, text("strictError").unwrap_or_default())),
    }
}

/// The dialects an input is compared under: JSON-looking inputs under all three.
fn dialects(input: &[u8]) -> &'static [u8] {
    let (text, _) = kubectl_text(input);
    let t = text.trim_start_matches('\u{feff}');
    if t.trim_start().starts_with('{') || t.trim_start_matches(char::is_whitespace).starts_with('{')
    {
        &[32, 33, 34]
    } else {
        &[34]
    }
}

fn options(dialect: u8) -> ReadOptions {
    ReadOptions {
        json: match dialect {
            32 => JsonStreams::JsonOnly,
            33 => JsonStreams::Fallback133,
            _ => JsonStreams::Fallback,
        },
        // Debian's sigs.k8s.io/yaml is v1.3.0 (Kubernetes 1.28's).
        sigs_yaml_v1_3: true,
    }
}

#[derive(Default)]
struct Tally {
    agree: usize,
    random: usize,
    quoting: usize,
    inexact_text: usize,
    differ: Vec<String>,
    /// Documents of a kind the core types, and those the decoder refuses (in inputs
    /// that agree).
    typed: usize,
    type_errors: usize,
    strict_errors: usize,
}

fn compare(oracle: &mut Oracle, name: &str, input: &[u8], tally: &mut Tally) {
    for &dialect in dialects(input) {
        let (text, exact) = kubectl_text(input);
        if !exact {
            tally.inexact_text += 1;
            continue;
        }
        let (ours, uncertain) = oracle_entries(&text, options(dialect));
        if dialect == 34 {
            explain_stops_where_the_reader_does(name, &text);
        }
        let go = oracle.ask(input, dialect);
        if ours == go {
            tally.agree += 1;
            for e in &go {
                if let OracleEntry::Doc {
                    decoding: Some((t, strict)),
                    ..
                } = e
                {
                    tally.typed += 1;
                    tally.type_errors += usize::from(!t.is_empty());
                    tally.strict_errors += usize::from(!strict.is_empty());
                }
            }
        } else if uncertain == Some(Uncertainty::MapOrder) {
            tally.random += 1;
        } else if uncertain == Some(Uncertainty::Quoting) {
            tally.quoting += 1;
        } else {
            let shown: String = String::from_utf8_lossy(&input[..input.len().min(300)]).into();
            tally.differ.push(format!(
                "{name} (dialect {dialect}):\n  input: {shown:?}\n  go:    {go:?}\n  ours:  {ours:?}"
            ));
        }
    }
}

/// `explain` reports kubectl's error, in its words, at the newest release (the error the
/// reader, proven against Go above, stops at), and no error when kubectl meets none.
fn explain_stops_where_the_reader_does(name: &str, text: &str) {
    let options = pullpolicy::Options::default();
    let (entries, _) = oracle_entries(text, options.kubernetes_version.read_options());
    let kubectls = entries.iter().find_map(|e| match e {
        OracleEntry::Error { text, .. } => Some(text.as_str()),
        OracleEntry::Doc { .. } => None,
    });
    let report = pullpolicy::explain(text, &options);
    match kubectls {
        None => assert!(report.syntax_errors.is_empty(), "{name}"),
        Some(k) => assert!(
            report.syntax_errors.iter().any(|e| e.message == k),
            "{name}: {k:?} not in {:?}",
            report.syntax_errors
        ),
    }
    // One object the API server decodes: the report's refusal is the decoder's answer
    // (the type error, else the unknown fields strict validation lists), which the
    // oracle comparison above proves against Go.
    let decodings: Vec<_> = entries
        .iter()
        .filter_map(|e| match e {
            OracleEntry::Doc {
                decoding: Some(d),
                skip: false,
                ..
            } => Some(d),
            _ => None,
        })
        .collect();
    if let ([(type_error, strict)], [d]) = (decodings.as_slice(), report.documents.as_slice())
        && d.kubectl_error().is_none()
        && d.item.is_none()
    {
        let framed = |text: &str| text.contains(" cannot be handled as a ");
        if !type_error.is_empty() {
            let api = d.api_error().unwrap_or_default();
            assert!(
                framed(api) && api.ends_with(type_error.as_str()),
                "{name}: {api:?} for {type_error:?}"
            );
            assert_eq!(d.strict_error(), None, "{name}");
        } else {
            assert!(
                !d.api_error()
                    .is_some_and(|a| a.contains("json: cannot unmarshal")),
                "{name}"
            );
            match d.strict_error() {
                None => assert!(strict.is_empty(), "{name}: no strict error for {strict:?}"),
                Some(s) => assert!(
                    framed(s) && s.ends_with(&format!("strict decoding error: {strict}")),
                    "{name}: {s:?} for {strict:?}"
                ),
            }
        }
    }
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

/// `\n`, `\r`, `\t`, `\\`, `\xNN` (a byte), `\u{…}` and `\R{count}{text}` in a
/// vector's input; any other backslash stays.
fn unescape(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            let mut buf = [0; 4];
            out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            continue;
        }
        match chars.next() {
            Some('n') => out.push(b'\n'),
            Some('r') => out.push(b'\r'),
            Some('t') => out.push(b'\t'),
            Some('\\') => out.push(b'\\'),
            Some('x') => {
                let hex: String = chars.by_ref().take(2).collect();
                out.push(u8::from_str_radix(&hex, 16).expect("\\xNN"));
            }
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let c = char::from_u32(u32::from_str_radix(&hex, 16).expect("hex")).expect("char");
                let mut buf = [0; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
            Some('R') => {
                // `\R{N}{text}`: text repeated N times.
                assert_eq!(chars.next(), Some('{'));
                let n: String = chars.by_ref().take_while(|&c| c != '}').collect();
                assert_eq!(chars.next(), Some('{'));
                let mut depth = 1;
                let mut inner = String::new();
                for c in chars.by_ref() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    inner.push(c);
                }
                let piece = unescape(&inner);
                for _ in 0..n.parse::<usize>().expect("count") {
                    out.extend_from_slice(&piece);
                }
            }
            // Anything else is written as it is (JSON's and YAML's own escapes).
            Some(other) => {
                out.push(b'\\');
                let mut buf = [0; 4];
                out.extend_from_slice(other.encode_utf8(&mut buf).as_bytes());
            }
            None => out.push(b'\\'),
        }
    }
    out
}

/// A named input.
type Input = (String, Vec<u8>);

/// Every vector of `fixtures/read/*.tsv`: `name<TAB>input`, `#` comments; from
/// `quantities.tsv` (`how<TAB>JSON string<TAB>answer`), a Pod whose container's CPU
/// limit is that string, for the oracle's `Quantity` and the JSON decoder around it.
fn vectors() -> Vec<Input> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/read");
    let mut paths = Vec::new();
    files(&dir, &mut paths);
    let mut out = Vec::new();
    for path in paths
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "tsv"))
    {
        let text = std::fs::read_to_string(path).expect("vectors are UTF-8");
        for line in text.lines() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if path.ends_with("quantities.tsv") {
                let mut cols = line.split('\t');
                let (Some(how), Some(string)) = (cols.next(), cols.next()) else {
                    panic!("{line}");
                };
                let pod = format!(
                    r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"q"}},"spec":{{"containers":[{{"name":"a","image":"b","resources":{{"limits":{{"cpu":{string}}}}}}}]}}}}"#
                );
                out.push((format!("quantity {how} {string}"), pod.into_bytes()));
                continue;
            }
            let (name, input) = line.split_once('\t').expect("name<TAB>input");
            out.push((name.to_owned(), unescape(input)));
        }
    }
    out
}

#[test]
fn the_reader_agrees_with_kubectls_go_libraries() {
    let Some(mut oracle) = Oracle::start() else {
        let message = format!(
            "\n\n*** read_oracle: the Go oracle is not built ({}): run `cargo xtask setup` ***\n",
            oracle::path().display()
        );
        if std::env::var("CI").as_deref() == Ok("true") {
            panic!("{message}");
        }
        eprintln!("{message}");
        return;
    };
    let root = root();
    let mut groups: Vec<(String, Vec<Input>)> = Vec::new();
    let read_all = |dirs: &[&str]| {
        let mut paths = Vec::new();
        for d in dirs {
            files(&root.join(d), &mut paths);
        }
        paths
            .into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).expect("readable");
                (p.display().to_string(), bytes)
            })
            .collect::<Vec<_>>()
    };
    groups.push(("fixtures".to_owned(), read_all(&["tests/fixtures"])));
    groups.push(("corpus".to_owned(), read_all(&["tests/corpus"])));
    groups.push(("vectors".to_owned(), vectors()));
    let mut fuzz_dirs = Vec::new();
    if let Ok(entries) = std::fs::read_dir(root.join("fuzz/corpus")) {
        let mut dirs: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        dirs.sort();
        fuzz_dirs = dirs;
    }
    for dir in fuzz_dirs {
        let name = format!(
            "fuzz/corpus/{}",
            dir.file_name().unwrap_or_default().to_string_lossy()
        );
        let mut paths = Vec::new();
        files(&dir, &mut paths);
        // A fuzzer may be minimising this corpus right now: a file gone is skipped.
        let inputs = paths
            .into_iter()
            .filter_map(|p| Some((p.display().to_string(), std::fs::read(&p).ok()?)))
            .collect();
        groups.push((name, inputs));
    }
    let mut failures = Vec::new();
    println!(
        "reader vs Go oracle (agree / Go's map order decides / Go's Unicode tables quote / not text after a BOM / differ; documents the Go types decode, refuse, and find unknown fields in):"
    );
    for (group, inputs) in &groups {
        let mut tally = Tally::default();
        for (name, input) in inputs {
            compare(&mut oracle, name, input, &mut tally);
        }
        println!(
            "  {group:<28} {:>6} inputs: {:>6} agree, {:>3} map order, {:>3} quoting, {:>3} not text, {:>3} differ; {:>5} typed, {:>4} type errors, {:>4} unknown",
            inputs.len(),
            tally.agree,
            tally.random,
            tally.quoting,
            tally.inexact_text,
            tally.differ.len(),
            tally.typed,
            tally.type_errors,
            tally.strict_errors
        );
        failures.extend(tally.differ);
    }
    assert!(
        failures.is_empty(),
        "{} differences from kubectl's Go libraries:\n{}",
        failures.len(),
        failures
            .iter()
            .take(40)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
