//! `cargo xtask fuzz`: every cargo-fuzz target, N minutes each (not part of `test`).

use crate::cmd::{self, Result};
use crate::flag_value;

/// Runs each target in `fuzz/` for `--minutes` (default 10) with the nightly toolchain.
pub fn run(args: &[String]) -> Result {
    let minutes: u64 = flag_value(args, "--minutes")
        .unwrap_or("10")
        .parse()
        .map_err(|_| "--minutes takes a whole number".to_owned())?;
    let dir = cmd::root().join("fuzz");
    if !dir.join("Cargo.toml").exists() {
        return Err("no fuzz/ crate yet".to_owned());
    }
    if cmd::output(cmd::command("cargo").args(["+nightly", "fuzz", "--version"])).is_none() {
        cmd::run(cmd::command("cargo").args(["+nightly", "install", "cargo-fuzz", "--locked"]))?;
    }
    // `read_diff` runs the reader against the Go oracle.
    crate::oracle::ensure()?;
    let list = cmd::output(cmd::command("cargo").args(["+nightly", "fuzz", "list"]))
        .ok_or("cargo fuzz list failed")?;
    for target in list.lines() {
        let mut run = cmd::command("cargo");
        run.args(["+nightly", "fuzz", "run", target]);
        // The diagnosis starts from the spec's samples (its corpus directory first, where
        // libFuzzer writes what it finds).
        if target == "diagnose" {
            let corpus = dir.join("corpus/diagnose");
            std::fs::create_dir_all(&corpus).map_err(|e| format!("{}: {e}", corpus.display()))?;
            run.arg(&corpus)
                .arg(cmd::root().join("crates/pullpolicy/tests/fixtures/diagnose"))
                .args(["--", "-max_len=16384"]);
        } else {
            run.arg("--");
        }
        run.arg(format!("-max_total_time={}", minutes * 60));
        cmd::run(&mut run)?;
    }
    Ok(())
}
