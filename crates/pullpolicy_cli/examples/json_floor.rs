//! The benchmark's floor for JSON dumps: read a file and parse it into
//! `serde_json::Value`, nothing else. `scripts/bench_cli.sh` times `pullpolicy
//! explain` on a large `kind: List` against it.
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
    match serde_json::from_str::<serde_json::Value>(&text) {
        Ok(value) => {
            let items = value["items"].as_array().map_or(0, Vec::len);
            println!("{items} items");
            // The process ends now: as the CLI, it does not free the tree.
            std::mem::forget(value);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("json_floor: {e}");
            ExitCode::from(2)
        }
    }
}
