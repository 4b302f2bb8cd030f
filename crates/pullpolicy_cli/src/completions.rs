//! `pullpolicy completions SHELL`: a completion script from the clap definition
//! (clap_complete), for the `pullpolicy` command however the binary was run.

use crate::args::{Cli, CompletionsArgs};
use crate::program::{self, Program};
use crate::{exit, man};
use clap::CommandFactory;
use std::io::{self, Write};

/// Runs `pullpolicy completions`; returns the exit status.
pub fn run(args: &CompletionsArgs) -> u8 {
    let script = script(args.shell);
    let written = io::stdout()
        .lock()
        .write_all(&script)
        .and_then(|()| io::stdout().flush());
    exit::after_writing(written, exit::OK)
}

/// The completion script for `shell`. (Generated into memory: clap_complete panics when
/// its writer fails, and a closed pipe is no bug.)
pub fn script(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = program::as_if(Program::Pullpolicy, Cli::command);
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut cmd, man::NAME, &mut script);
    script
}
