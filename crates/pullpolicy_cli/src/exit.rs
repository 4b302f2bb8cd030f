//! Exit statuses, and the panic hook that keeps a bug down to one line and status 2.

#[cfg(test)]
use crate::args::FailOn;
#[cfg(test)]
use crate::run::{FileResult, Run};

/// Nothing at or above the `--fail-on` severity.
pub const OK: u8 = 0;
/// Findings at or above the `--fail-on` severity.
pub const FINDINGS: u8 = 1;
/// An input could not be read (or the command line was wrong: clap's own status).
pub const UNREADABLE: u8 = 2;

/// The status of a finished run: 2 when any input could not be read or has a YAML
/// syntax error, else 1 when a finding reaches the threshold, else 0.
#[cfg(test)] // The streamed run's `stream::status` is tested against it.
pub fn status(run: &Run, fail_on: FailOn) -> u8 {
    let unreadable = run.files.iter().any(|f| match f {
        FileResult::Failed(_) => true,
        FileResult::Explained(e) => !e.report.syntax_errors.is_empty(),
    });
    if unreadable {
        return UNREADABLE;
    }
    // The view's counts: a document without a pod spec says nothing about the manifest
    // (it is only counted, and fails no run); a rejection no finding carries is an error.
    let worst = run
        .explained()
        .filter_map(|e| pullpolicy_view::Counts::of(&e.report).max_severity())
        .max();
    match (fail_on.threshold(), worst) {
        (Some(threshold), Some(worst)) if worst >= threshold => FINDINGS,
        _ => OK,
    }
}

/// The exit status once the output is written: `status`, unless writing failed for
/// another reason than a closed pipe (`| head`): then the error on standard error, and 2.
pub fn after_writing(written: std::io::Result<()>, status: u8) -> u8 {
    match written {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            use std::io::Write as _;
            let _ = writeln!(anstream::stderr(), "{}", crate::text::cannot_write(e));
            UNREADABLE
        }
        _ => status,
    }
}

/// Replaces Rust's panic message and backtrace with one line on standard error and
/// exit status 2. (There should be no panics; this is the last line of defence.)
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let payload = info.payload();
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic".to_owned());
        let location = info
            .location()
            .map(|l| format!(" (at {}:{})", l.file(), l.line()))
            .unwrap_or_default();
        let line = crate::text::internal_error(what.lines().next().unwrap_or(""), &location);
        // Ignore a closed standard error: there is nowhere else to say it.
        let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
        std::process::exit(i32::from(UNREADABLE));
    }));
}
