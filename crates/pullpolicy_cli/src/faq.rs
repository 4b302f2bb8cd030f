//! `pullpolicy faq`: the core's FAQ & guidance (`pullpolicy::faq`), the entries the
//! playground shows and findings link to (`Finding::faq`), printed as they are: answers
//! keep their `inline code` in backticks, which terminals and Markdown both read.

use crate::args::{FaqArgs, FaqFormat};
use crate::{exit, run, text};
use anstyle::Style;
use pullpolicy::faq::{self, FaqEntry};
use std::io::{self, Write};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();

/// What to print.
enum What {
    /// The questions (JSON: every entry).
    List,
    /// Every entry with its answer.
    All,
    /// One entry.
    One(&'static FaqEntry),
}

/// Runs `pullpolicy faq`; returns the exit status.
pub fn run(args: &FaqArgs) -> u8 {
    let choice = run::color_choice(args.color);
    let what = match (&args.id, args.all) {
        (Some(id), _) => match faq::entry(id) {
            Some(e) => What::One(e),
            None => {
                let _ = writeln!(anstream::stderr(), "error: {}", text::unknown_faq(id));
                return exit::UNREADABLE;
            }
        },
        (None, true) => What::All,
        (None, false) => What::List,
    };
    let stdout = io::stdout().lock();
    let mut out = io::BufWriter::new(anstream::AutoStream::new(stdout, choice));
    let written = write(&what, args.format, &mut out).and_then(|()| out.flush());
    exit::after_writing(written, exit::OK)
}

fn write(what: &What, format: FaqFormat, out: &mut dyn Write) -> io::Result<()> {
    let entries = faq::entries();
    match (format, what) {
        (FaqFormat::Json, What::One(e)) => json(out, e),
        (FaqFormat::Json, _) => json(out, &entries),
        (FaqFormat::Human, What::List) => human_list(out, entries),
        (FaqFormat::Markdown, What::List) => markdown_list(out, entries),
        (format, What::One(e)) => entry(out, format, e, false),
        (format, What::All) => {
            for (i, e) in entries.iter().enumerate() {
                if i > 0 {
                    writeln!(out)?;
                }
                entry(out, format, e, true)?;
            }
            Ok(())
        }
    }
}

fn json(out: &mut dyn Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

fn human_list(out: &mut dyn Write, entries: &[FaqEntry]) -> io::Result<()> {
    writeln!(out, "{BOLD}{}{BOLD:#}\n", text::FAQ_LIST_HEADING)?;
    let width = entries.iter().map(|e| e.id.len()).max().unwrap_or(0);
    for e in entries {
        write!(out, "  {:width$}  {}", e.id, e.question)?;
        if e.from_article {
            write!(out, " {DIM}{}{DIM:#}", text::FAQ_FROM_ARTICLE)?;
        }
        writeln!(out)?;
    }
    writeln!(out, "\n{}", text::FAQ_LIST_HINT)
}

fn markdown_list(out: &mut dyn Write, entries: &[FaqEntry]) -> io::Result<()> {
    for e in entries {
        writeln!(out, "- `{}`: {}", e.id, e.question)?;
    }
    Ok(())
}

/// One entry with its answer; `with_id` names it (in a list of them all).
fn entry(out: &mut dyn Write, format: FaqFormat, e: &FaqEntry, with_id: bool) -> io::Result<()> {
    match format {
        FaqFormat::Markdown => writeln!(out, "### {}\n", e.question)?,
        _ if with_id => writeln!(out, "{BOLD}{}{BOLD:#} {DIM}[{}]{DIM:#}\n", e.question, e.id)?,
        _ => writeln!(out, "{BOLD}{}{BOLD:#}\n", e.question)?,
    }
    for p in e.answer() {
        writeln!(out, "{p}\n")?;
    }
    if format == FaqFormat::Markdown {
        for link in e.links {
            writeln!(out, "- <{link}>")?;
        }
        return Ok(());
    }
    writeln!(out, "{}", text::FAQ_READ_MORE)?;
    for link in e.links {
        writeln!(out, "  {link}")?;
    }
    Ok(())
}
