//! The project's Go oracle (`tests/oracle`, built by `cargo xtask setup`): where it is,
//! how it starts, and its line modes (`-names`, `-values`: one JSON question a line in,
//! one JSON answer a line out). Without the oracle a test is skipped with a message,
//! except in CI (`CI=true`), where it fails.

// Each test uses what it needs of this file (the reading test: `path` and `spawn`).
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

pub fn path() -> PathBuf {
    std::env::var_os("PULLPOLICY_ORACLE")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/oracle/pullpolicy-oracle")
        })
}

/// A fixed linear congruential sequence from `seed`: `next(n)` is below `n`, and every
/// run asks the oracle the same generated questions.
pub fn sequence(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) % n as u64) as usize
    }
}

/// The oracle started with `args`, its input and its output.
pub fn spawn(args: &[&str]) -> (Child, ChildStdin, BufReader<ChildStdout>) {
    let mut child = Command::new(path())
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("the oracle starts");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = BufReader::new(child.stdout.take().expect("stdout"));
    (child, stdin, stdout)
}

/// A running oracle in a line mode.
pub struct Lines {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Lines {
    /// The oracle started with `mode`; `None` (after saying so) when it is not built.
    pub fn start(mode: &str) -> Option<Lines> {
        let path = path();
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
            return None;
        }
        let (child, stdin, stdout) = spawn(&[mode]);
        Some(Lines {
            child,
            stdin,
            stdout,
        })
    }

    /// One question, its answer.
    pub fn ask<T: serde::de::DeserializeOwned>(&mut self, question: &serde_json::Value) -> T {
        writeln!(self.stdin, "{question}").expect("write");
        self.stdin.flush().expect("flush");
        let mut line = String::new();
        self.stdout
            .read_line(&mut line)
            .expect("the oracle answers");
        serde_json::from_str(&line).expect("a JSON answer")
    }

    /// Ends the oracle, which must exit cleanly.
    pub fn finish(self) {
        drop(self.stdin);
        let mut child = self.child;
        assert!(child.wait().expect("the oracle ends").success());
    }
}
