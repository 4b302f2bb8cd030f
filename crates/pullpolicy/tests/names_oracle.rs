//! The DNS name checks (`pullpolicy::names::problems`) against the project's Go oracle
//! (`tests/oracle -names`: apimachinery's `IsDNS1123Label` and `IsDNS1123Subdomain`
//! written out over Go's own `regexp`, which decides the formats): the exact texts, in
//! order, for every value of `fixtures/validate/dns-names.tsv` and for generated names
//! (short ones over an alphabet of the characters that matter, long ones around the
//! 63- and 253-byte limits), in both length units.
//!
//! Without the oracle the test is skipped with a message, except in CI (`CI=true`),
//! where it fails.

use pullpolicy::names::{Format, Unit, problems};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn oracle_path() -> PathBuf {
    std::env::var_os("PULLPOLICY_ORACLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/oracle/pullpolicy-oracle")
        })
}

/// The values to compare: the vectors, then generated names (a fixed linear
/// congruential sequence, so every run asks the same).
fn values() -> Vec<String> {
    let vectors = include_str!("fixtures/validate/dns-names.tsv");
    let mut values: Vec<String> = vectors
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| serde_json::from_str(l.split('\t').nth(1).expect("a value")).expect(l))
        .collect();
    let alphabet = [
        "a", "z", "0", "9", "-", ".", "_", "A", "Z", " ", "é", "\n", "@", "%", "/", "\u{0}",
    ];
    let mut state: u64 = 0x2535;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    };
    for _ in 0..20_000 {
        let len = next(9);
        values.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
    }
    for around in [62, 63, 64, 65, 252, 253, 254, 255] {
        for _ in 0..50 {
            // Mostly valid characters, now and then another.
            let mut s: String = (0..around)
                .map(|_| match next(40) {
                    0 => alphabet[next(alphabet.len())],
                    1..=3 => ".",
                    4..=6 => "-",
                    _ => "a",
                })
                .collect();
            if next(2) == 0 {
                let first = s.chars().next().map_or(0, char::len_utf8);
                s.replace_range(..first, "b");
            }
            values.push(s);
        }
    }
    values
}

#[test]
fn dns_names_agree_with_the_go_oracle() {
    let path = oracle_path();
    if !path.exists() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true and no oracle at {} (cargo xtask setup builds it)",
            path.display()
        );
        eprintln!(
            "skipped: no oracle at {} (cargo xtask setup)",
            path.display()
        );
        return;
    }
    let mut child = Command::new(&path)
        .arg("-names")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the oracle starts");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let values = values();
    let mut compared = 0;
    for value in &values {
        for (format, format_name) in [(Format::Label, "label"), (Format::Subdomain, "subdomain")] {
            for (unit, unit_name) in [(Unit::Characters, "characters"), (Unit::Bytes, "bytes")] {
                let ask = serde_json::json!([format_name, unit_name, value]);
                writeln!(stdin, "{ask}").expect("write");
                stdin.flush().expect("flush");
                let mut line = String::new();
                stdout.read_line(&mut line).expect("the oracle answers");
                let go: Vec<String> = serde_json::from_str(&line).expect("a JSON array");
                assert_eq!(
                    problems(format, value, unit),
                    go,
                    "{format_name} {unit_name} {value:?}"
                );
                compared += 1;
            }
        }
    }
    drop(stdin);
    assert!(child.wait().expect("the oracle ends").success());
    let bad = values
        .iter()
        .filter(|v| !problems(Format::Subdomain, v, Unit::Characters).is_empty())
        .count();
    eprintln!(
        "names: {} values, {compared} answers compared, all agree ({bad} bad subdomains)",
        values.len()
    );
    assert!(
        values.len() > 20_000 && bad > 1_000,
        "{} {bad}",
        values.len()
    );
}
