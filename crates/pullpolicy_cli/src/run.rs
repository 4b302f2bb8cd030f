//! `pullpolicy explain`: read every input, explain it, print diagnostics, render —
//! streamed, in bounded memory (`stream`, `sink`).

use crate::args::{ColorWhen, ExplainArgs, Format};
use crate::input::{Input, InputError};
use crate::progress::Progress;
use crate::{exit, parallel, sink, stream, text};
use anstyle::{AnsiColor, Style};
use pullpolicy::{Options, Report, pieces};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

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
    /// Threads for analysis and JSON output.
    pub jobs: usize,
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

/// Inputs shorter than twice this are explained whole: each piece costs a thread and a
/// line index of the whole text, worth it only for large streams (a chosen size, not a
/// tuned one: 1.28 MB in two pieces takes 0.57× the time of one).
const MIN_PIECE: usize = 128 * 1024;

/// Reads every input, in order, and explains them on `jobs` threads (inputs and, for
/// long streams, pieces of one cut at `---` lines: `pullpolicy::pieces`, which gives
/// the same reports as one thread); also returns the planner's warnings.
#[cfg(test)] // The streamed run (`stream::explain`) is tested against it.
pub fn collect(
    paths: &[PathBuf],
    stdin_name: &str,
    options: &Options,
    jobs: usize,
) -> (Vec<FileResult>, Vec<String>) {
    use crate::input;
    let plan = input::plan(paths, stdin_name);
    let progress = Mutex::new(Progress::new(plan.items.len()));
    let read: Vec<Result<(Input, String), InputError>> = plan
        .items
        .into_iter()
        .map(|item| item.and_then(|input| input::read(&input).map(|text| (input, text))))
        .collect();
    let files = explain_read(read, options, jobs, &progress);
    lock(&progress).finish();
    (files, plan.warnings)
}

/// Explains inputs that were read (or not), in order, on `jobs` threads.
pub fn explain_read(
    read: Vec<Result<(Input, String), InputError>>,
    options: &Options,
    jobs: usize,
    progress: &Mutex<Progress>,
) -> Vec<FileResult> {
    // The work: (input number, its name and text, a piece of it); and how many pieces
    // each input has, and has still to do.
    let mut work = Vec::new();
    let mut counts = Vec::with_capacity(read.len());
    for (i, result) in read.iter().enumerate() {
        let ranges = match result {
            Ok((input, text)) => pieces::split(text, jobs, MIN_PIECE)
                .into_iter()
                .map(|range| (i, input.name.as_str(), text.as_str(), range))
                .collect(),
            Err(e) => {
                lock(progress).tick(&e.name);
                Vec::new()
            }
        };
        counts.push(ranges.len());
        work.extend(ranges);
    }
    let left: Vec<AtomicUsize> = counts.iter().map(|&n| AtomicUsize::new(n)).collect();
    let done = parallel::map(&work, jobs, |(i, name, text, range)| {
        let piece = pieces::explain(text, range.clone(), options);
        if left[*i].fetch_sub(1, Ordering::Relaxed) == 1 {
            lock(progress).tick(name);
        }
        piece
    });
    drop(work);

    let mut done = done.into_iter();
    read.into_iter()
        .zip(counts)
        .map(|(result, count)| match result {
            Ok((input, text)) => {
                let report = pieces::join(&text, done.by_ref().take(count).collect(), options);
                FileResult::Explained(Explained {
                    name: input.name,
                    text,
                    report,
                })
            }
            Err(e) => FileResult::Failed(e),
        })
        .collect()
}

pub(crate) fn lock(progress: &Mutex<Progress>) -> std::sync::MutexGuard<'_, Progress> {
    progress
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Runs `pullpolicy explain`; returns the exit status.
pub fn explain(args: &ExplainArgs) -> u8 {
    let choice = color_choice(args.color);

    let mut paths = args.paths.clone();
    if paths.is_empty() {
        if io::stdin().is_terminal() {
            return print_explain_help();
        }
        paths.push(PathBuf::from("-"));
    }
    let stdin_name = args.stdin_filename.as_deref().unwrap_or(text::STDIN_NAME);
    let options = args.scenario.options();
    let jobs = jobs(args.jobs);
    let stdout = io::stdout().lock();
    let pretty = stdout.is_terminal();
    let mut stderr = anstream::stderr();
    let (totals, written) = if args.format == Format::Human {
        let mut out = io::BufWriter::new(anstream::AutoStream::new(stdout, choice));
        stream_to(
            args.format,
            &paths,
            stdin_name,
            &options,
            jobs,
            &args.playground_url,
            false,
            &mut out,
            &mut stderr,
        )
    } else {
        let mut out = io::BufWriter::with_capacity(1 << 16, Unbuffered::of(stdout));
        stream_to(
            args.format,
            &paths,
            stdin_name,
            &options,
            jobs,
            &args.playground_url,
            pretty,
            &mut out,
            &mut stderr,
        )
    };
    exit::after_writing(written, stream::status(&totals, args.fail_on))
}

/// Explains every input with the streamed output of `format` to `out`; returns the run's totals, and whether the output was written.
#[allow(clippy::too_many_arguments)]
pub fn stream_to(
    format: Format,
    paths: &[PathBuf],
    stdin_name: &str,
    options: &Options,
    jobs: usize,
    playground_url: &str,
    pretty: bool,
    out: &mut dyn Write,
    stderr: &mut dyn Write,
) -> (stream::Totals, io::Result<()>) {
    let mut pretty_out;
    let out: &mut dyn Write = if pretty {
        pretty_out = sink::pretty::Pretty::new(out);
        &mut pretty_out
    } else {
        out
    };
    let mut totals = stream::Totals::default();
    let written = (|| {
        let mut sink: Box<dyn stream::Sink + '_> = match format {
            Format::Json => Box::new(sink::json::Json::new(out, options, jobs)?),
            Format::Jsonl => Box::new(sink::json::Jsonl::new(out, options, jobs)),
            Format::Sarif => Box::new(sink::sarif::Sarif::new(out)?),
            Format::Markdown => Box::new(sink::markdown::MarkdownSink::new(
                out,
                options,
                sink::playground(playground_url),
            )),
            Format::Html => Box::new(sink::html::HtmlSink::new(
                out,
                options,
                sink::playground(playground_url),
            )?),
            Format::Human => Box::new(sink::human::Human::new(out, jobs)),
        };
        totals = stream::explain(paths, stdin_name, options, jobs, sink.as_mut(), stderr)?;
        drop(sink);
        Ok(())
    })();
    let flushed = out.flush();
    (totals, written.and(flushed))
}

/// Standard output for the machine formats, without the standard library's line
/// buffering: through `Stdout` every write is searched for its last newline (its
/// `LineWriter`), which a large JSON report, written in chunks of a few hundred KB
/// without newlines, pays for byte by byte. On Unix a duplicate of the descriptor is
/// written to directly (the callers buffer); elsewhere, or if it cannot be had, the
/// locked `Stdout`.
pub(crate) enum Unbuffered {
    #[cfg(unix)]
    Fd(std::fs::File),
    Locked(io::StdoutLock<'static>),
}

impl Unbuffered {
    pub(crate) fn of(stdout: io::StdoutLock<'static>) -> Unbuffered {
        #[cfg(unix)]
        {
            use std::os::fd::AsFd;
            if let Ok(fd) = stdout.as_fd().try_clone_to_owned() {
                // Nothing else of this program writes to standard output meanwhile.
                return Unbuffered::Fd(std::fs::File::from(fd));
            }
        }
        Unbuffered::Locked(stdout)
    }
}

impl Write for Unbuffered {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            #[cfg(unix)]
            Unbuffered::Fd(f) => f.write(buf),
            Unbuffered::Locked(l) => l.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        match self {
            #[cfg(unix)]
            Unbuffered::Fd(f) => f.write_all(buf),
            Unbuffered::Locked(l) => l.write_all(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            #[cfg(unix)]
            Unbuffered::Fd(f) => f.flush(),
            Unbuffered::Locked(l) => l.flush(),
        }
    }
}

/// The threads `--jobs` asks for: by default, the number of CPUs.
pub fn jobs(flag: Option<u16>) -> usize {
    flag.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    )
}

/// `--color`, for this process's streams.
pub fn color_choice(color: ColorWhen) -> anstream::ColorChoice {
    let choice = match color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    choice.write_global();
    choice
}

/// One `location: error: message` line on standard error, the location in bold and
/// `error` in red, both texts with their control characters escaped (explain and
/// diagnose).
pub(crate) fn error_line(
    err: &mut (impl Write + ?Sized),
    location: &str,
    message: &str,
) -> io::Result<()> {
    use pullpolicy_view::terminal::clean;
    let red = Style::new().fg_color(Some(AnsiColor::Red.into())).bold();
    let bold = Style::new().bold();
    writeln!(
        err,
        "{bold}{}{bold:#}: {red}error{red:#}: {}",
        clean(location),
        clean(message)
    )
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
