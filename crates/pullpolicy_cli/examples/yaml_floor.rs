//! The benchmark's floor: read a file and parse every YAML document into
//! `serde_yaml::Value`, nothing else. `scripts/bench_cli.sh` times
//! `pullpolicy explain --format json` against it.
//!
//! `cargo run --profile cli -p pullpolicy_cli --example yaml_floor -- stream.yaml`

use serde::Deserialize;
use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args_os().nth(1) else {
        eprintln!("usage: yaml_floor FILE");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("yaml_floor: {}: {e}", path.to_string_lossy());
            return ExitCode::from(2);
        }
    };
    let mut documents = 0usize;
    let mut nulls = 0usize;
    for doc in serde_yaml::Deserializer::from_str(&text) {
        match serde_yaml::Value::deserialize(doc) {
            Ok(value) => {
                documents += 1;
                nulls += usize::from(value.is_null());
            }
            Err(e) => {
                eprintln!("yaml_floor: {e}");
                return ExitCode::from(2);
            }
        }
    }
    println!("{documents} documents ({nulls} empty)");
    ExitCode::SUCCESS
}
