//! `pullpolicy explain`: read every input, explain it, print diagnostics, render.

use crate::args::{ColorWhen, ExplainArgs, Format};
use crate::input::{self, InputError};
use crate::progress::Progress;
use crate::{exit, render, text};
use anstyle::{AnsiColor, Style};
use pullpolicy::{Options, Report};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

/// One input that was read and explained.
#[derive(Debug)]
pub struct Explained {
    pub name: String,
    pub text: String,
    pub report: Report,
}

/// What became of one input.
#[derive(Debug)]
pub enum FileResult {
    Explained(Explained),
    Failed(InputError),
}

/// Everything the renderers need.
#[derive(Debug)]
pub struct Run {
    pub files: Vec<FileResult>,
    pub options: Options,
    pub playground_url: String,
}

impl Run {
    pub fn explained(&self) -> impl Iterator<Item = &Explained> {
        self.files.iter().filter_map(|f| match f {
            FileResult::Explained(e) => Some(e),
            FileResult::Failed(_) => None,
        })
    }

    pub fn failed(&self) -> impl Iterator<Item = &InputError> {
        self.files.iter().filter_map(|f| match f {
            FileResult::Failed(e) => Some(e),
            FileResult::Explained(_) => None,
        })
    }
}

/// Reads and explains every input, in order; also returns the planner's warnings.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: &str,
    options: &Options,
) -> (Vec<FileResult>, Vec<String>) {
    let plan = input::plan(paths, stdin_name);
    let mut progress = Progress::new(plan.items.len());
    let mut files = Vec::with_capacity(plan.items.len());
    for item in plan.items {
        let result = match item.and_then(|input| input::read(&input).map(|text| (input, text))) {
            Ok((input, text)) => {
                let report = pullpolicy::explain(&text, options);
                FileResult::Explained(Explained {
                    name: input.name,
                    text,
                    report,
                })
            }
            Err(e) => FileResult::Failed(e),
        };
        progress.tick(match &result {
            FileResult::Explained(e) => &e.name,
            FileResult::Failed(e) => &e.name,
        });
        files.push(result);
    }
    progress.finish();
    (files, plan.warnings)
}

/// Runs `pullpolicy explain`; returns the exit status.
pub fn explain(args: &ExplainArgs) -> u8 {
    let choice = match args.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();

    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            return print_explain_help();
        }
        paths.push(PathBuf::from("-"));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(text::STDIN_NAME);
    let options = args.scenario.options();
    let (files, warnings) = collect(&paths, stdin_name, &options);
    let run = Run {
        files,
        options,
        playground_url: args.playground_url.clone(),
    };

    let mut stderr = anstream::stderr();
    for warning in warnings {
        let _ = writeln!(stderr, "{warning}");
    }
    let _ = diagnose(&run, &mut stderr);

    let status = exit::status(&run, args.fail_on);
    let written = write_output(args.format, &run, choice);
    // The process ends now: freeing every report one by one would only cost time
    // (a tenth of a large run).
    std::mem::forget(run);
    match written {
        Ok(()) => status,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => status,
        Err(e) => {
            let _ = writeln!(stderr, "{}", text::cannot_write(e));
            exit::UNREADABLE
        }
    }
}

fn write_output(format: Format, run: &Run, choice: anstream::ColorChoice) -> io::Result<()> {
    let stdout = io::stdout().lock();
    if format == Format::Human {
        let mut out = io::BufWriter::new(anstream::AutoStream::new(stdout, choice));
        render::human::render(run, &mut out)?;
        out.flush()
    } else {
        // JSON and SARIF are indented for a person at a terminal, compact otherwise.
        let pretty = stdout.is_terminal();
        let mut out = io::BufWriter::with_capacity(1 << 16, stdout);
        render::render(format, run, pretty, &mut out)?;
        out.flush()
    }
}

/// `file:line:column: error: message` on standard error for every input that could not
/// be read and every YAML syntax error.
fn diagnose(run: &Run, err: &mut impl Write) -> io::Result<()> {
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let bold = Style::new().bold();
    for file in &run.files {
        match file {
            FileResult::Failed(e) => writeln!(
                err,
                "{bold}{}{bold:#}: {red}error{red:#}: {}",
                e.location(),
                e.message
            )?,
            FileResult::Explained(e) => {
                for s in &e.report.syntax_errors {
                    writeln!(
                        err,
                        "{bold}{}:{}:{}{bold:#}: {red}error{red:#}: {}",
                        e.name, s.position.line, s.position.column, s.message
                    )?;
                }
            }
        }
    }
    Ok(())
}

fn print_explain_help() -> u8 {
    use clap::CommandFactory;
    let mut cmd = crate::args::Cli::command();
    cmd.build(); // names the subcommand `pullpolicy explain` in its usage line
    let help = cmd
        .find_subcommand_mut("explain")
        .map(|c| c.render_help().to_string())
        .unwrap_or_default();
    let _ = write!(anstream::stderr(), "{help}");
    exit::UNREADABLE
}
