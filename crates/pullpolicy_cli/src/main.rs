//! `pullpolicy`: the command-line edge of the core. See `pullpolicy explain --help` and
//! the crate's README for formats and exit statuses. Installed as `kubectl-pullpolicy`,
//! it is the kubectl plugin `kubectl pullpolicy` (`program`).

mod args;
mod completions;
mod diagnose;
mod exit;
mod faq;
mod input;
mod man;
mod parallel;
mod program;
mod progress;
// The whole-run renderers (`render::render`) are what the streamed outputs (`sink`) are
// tested against; the helpers they share are used by both.
#[cfg_attr(not(test), allow(dead_code))]
mod render;
mod run;
mod sink;
mod stream;
mod text;

use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    exit::install_panic_hook();
    let cli = args::Cli::parse();
    let status = match &cli.command {
        args::Command::Explain(explain) => run::explain(explain),
        args::Command::Diagnose(diagnose) => diagnose::diagnose(diagnose),
        args::Command::Faq(faq) => faq::run(faq),
        args::Command::Completions(completions) => completions::run(completions),
        args::Command::Man(man) => man::run(man),
    };
    std::process::ExitCode::from(status)
}
