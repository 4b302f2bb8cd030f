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

#[path = "support/oracle.rs"]
mod oracle;

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
    let mut next = oracle::sequence(0x2535);
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
    let Some(mut oracle) = oracle::Lines::start("-names") else {
        return;
    };
    let values = values();
    let mut compared = 0;
    for value in &values {
        for (format, format_name) in [(Format::Label, "label"), (Format::Subdomain, "subdomain")] {
            for (unit, unit_name) in [(Unit::Characters, "characters"), (Unit::Bytes, "bytes")] {
                let go: Vec<String> =
                    oracle.ask(&serde_json::json!([format_name, unit_name, value]));
                assert_eq!(
                    problems(format, value, unit),
                    go,
                    "{format_name} {unit_name} {value:?}"
                );
                compared += 1;
            }
        }
    }
    oracle.finish();
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
