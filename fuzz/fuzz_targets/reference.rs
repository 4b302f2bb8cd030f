//! `parse_normalized_named` on arbitrary strings, under every library's rules: never
//! panics, and a parsed reference prints (`string()`) to a string that parses back
//! to an equal reference.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pullpolicy::reference::{Rules, parse_normalized_named};

fuzz_target!(|s: &str| {
    for rules in [Rules::V0_6, Rules::Legacy, Rules::DockerDistribution] {
        if let Ok(r) = parse_normalized_named(s, rules) {
            let printed = r.string();
            match parse_normalized_named(&printed, rules) {
                Ok(again) => assert_eq!(
                    again, r,
                    "{s:?} under {rules:?} printed as {printed:?}, which parses differently"
                ),
                Err(e) => panic!(
                    "{s:?} under {rules:?} printed as {printed:?}, which does not parse: {e}"
                ),
            }
        }
    }
});
