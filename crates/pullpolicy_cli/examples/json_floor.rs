//! The benchmark's floor for JSON dumps: read a file and parse it into
//! `serde_json::Value`s (one for a List, one per value of a JSON stream), nothing else.
//! `scripts/bench_cli.sh` times `pullpolicy explain` on a large `kind: List`, and on
//! the same Pods as JSON Lines, against it.
//!
//! `cargo run --profile cli -p pullpolicy_cli --example json_floor -- pods.json`

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: json_floor FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("json_floor: {}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    // A stream of values (`jq -c`, JSON Lines) or one value (a List).
    let values: Result<Vec<serde_json::Value>, _> = serde_json::Deserializer::from_str(&text)
        .into_iter()
        .collect();
    match values {
        Ok(values) => {
            let items: usize = values
                .iter()
                .map(|v| v["items"].as_array().map_or(1, Vec::len))
                .sum();
            println!("{} values, {items} items", values.len());
            // The process ends now: as the CLI, it does not free the trees.
            std::mem::forget(values);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("json_floor: {e}");
            ExitCode::from(2)
        }
    }
}
