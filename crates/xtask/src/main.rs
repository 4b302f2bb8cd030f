//! `cargo xtask`: the project's automation, in Rust so it runs wherever cargo does.
//!
//! Every command first makes sure the tools it needs are installed (see [`tools`]),
//! so a fresh clone needs nothing but a Rust toolchain, Node and (for browsers) root
//! or a hand-installed Chromium.

mod cmd;
mod csp;
mod dist;
mod embed;
mod fuzz;
mod npm;
mod offline;
mod oracle;
mod serve;
mod size;
mod test;
mod tools;

use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command> [options]

commands:
  serve [--port N]      install what is missing, build the release site, serve it at http://127.0.0.1:N/ (default 8080)
  test                  install what is missing, then fmt, clippy (native + wasm32), tests, browser tests, dist, e2e
  dist [--dist DIR]     build the static site into dist/ (or DIR) and print its size table
  setup                 install what is missing and stop
  fuzz [--minutes N]    run every cargo-fuzz target for N minutes each (default 10)
  gen-fields [--check]  regenerate the Kubernetes field lists (crates/pullpolicy/src/fields/generated.rs)
  gen-gotypes [--check] regenerate the Go types table (crates/pullpolicy/src/gotypes/generated.rs),
                        the Go oracle's stand-in types and their test vectors, from scripts/data/go-types.tsv
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run(&args[1..]),
        Some("test") => test::run(&args[1..]),
        Some("dist") => dist::run(&args[1..]),
        Some("setup") => tools::ensure_all().map(|_| ()),
        Some("fuzz") => fuzz::run(&args[1..]),
        Some("gen-fields") => cmd::run(
            cmd::command("python3")
                .arg("scripts/gen_fields.py")
                .args(&args[1..]),
        ),
        Some("gen-gotypes") => cmd::run(
            cmd::command("python3")
                .arg("scripts/gen_gotypes.py")
                .args(&args[1..]),
        ),
        Some("help" | "-h" | "--help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => {
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err}");
            ExitCode::FAILURE
        }
    }
}

/// Reads `--name VALUE` from `args`, if present.
fn flag_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .map(String::as_str)
}
