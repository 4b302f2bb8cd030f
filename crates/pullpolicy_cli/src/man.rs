//! `pullpolicy man`: manual pages in roff from the clap definition (clap_mangen), one
//! per command as git and kubectl's generated pages do: pullpolicy(1) and
//! pullpolicy-explain(1), pullpolicy-diagnose(1), pullpolicy-faq(1), … Each page has clap_mangen's NAME,
//! SYNOPSIS, DESCRIPTION, OPTIONS (and SUBCOMMANDS) sections, then EXAMPLES, EXIT STATUS
//! and SEE ALSO from the help text's own examples and statuses, and VERSION. They
//! describe the `pullpolicy` command however the binary was run.

use crate::args::{Cli, ManArgs};
use crate::exit;
use crate::program::{self, Program};
use crate::text::{self, help};
use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};
use std::io::{self, Write};
use std::path::Path;

/// The command the pages and completions describe.
pub const NAME: &str = "pullpolicy";
/// The manual section.
pub const SECTION: &str = "1";

/// One manual page.
#[derive(Debug)]
pub struct Page {
    /// `pullpolicy`, `pullpolicy-explain`, …
    pub name: String,
    /// The page in roff.
    pub roff: String,
}

impl Page {
    /// `pullpolicy-explain.1`.
    pub fn file_name(&self) -> String {
        format!("{}.{SECTION}", self.name)
    }
}

/// Runs `pullpolicy man`; returns the exit status.
pub fn run(args: &ManArgs) -> u8 {
    let pages = pages();
    if let Some(dir) = &args.dir {
        return match write_pages(&pages, dir) {
            Ok(()) => exit::OK,
            Err(e) => {
                let _ = writeln!(anstream::stderr(), "{e}");
                exit::UNREADABLE
            }
        };
    }
    let name = match &args.command {
        Some(sub) => format!("{NAME}-{sub}"),
        None => NAME.to_owned(),
    };
    // `args.command` is one of `args::SUBCOMMANDS` (clap checked it), each a page.
    let roff = pages
        .iter()
        .find(|p| p.name == name)
        .map_or("", |p| p.roff.as_str());
    let written = io::stdout()
        .lock()
        .write_all(roff.as_bytes())
        .and_then(|()| io::stdout().flush());
    exit::after_writing(written, exit::OK)
}

/// Writes every page into `dir` (created if missing) and lists the files on standard
/// output.
fn write_pages(pages: &[Page], dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| text::cannot_write_to(dir, e))?;
    let mut out = io::stdout().lock();
    for page in pages {
        let path = dir.join(page.file_name());
        std::fs::write(&path, &page.roff).map_err(|e| text::cannot_write_to(&path, e))?;
        let _ = writeln!(out, "{}", path.display());
    }
    Ok(())
}

/// pullpolicy(1), then a page for each subcommand.
pub fn pages() -> Vec<Page> {
    let mut cmd = program::as_if(Program::Pullpolicy, Cli::command).disable_help_subcommand(true);
    cmd.build();
    let mut pages = vec![page(&cmd, None)];
    for sub in cmd.get_subcommands() {
        pages.push(page(sub, Some(&cmd)));
    }
    pages
}

fn page(cmd: &clap::Command, parent: Option<&clap::Command>) -> Page {
    let name = cmd
        .get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_owned();
    let man = Man::new(cmd.clone()).section(SECTION);
    let mut out = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = render(&man, cmd, parent, &mut out);
    Page {
        name,
        roff: String::from_utf8_lossy(&out).into_owned(),
    }
}

fn render(
    man: &Man,
    cmd: &clap::Command,
    parent: Option<&clap::Command>,
    out: &mut dyn Write,
) -> io::Result<()> {
    // clap_mangen leaves an empty date out of `.TH` instead of writing "", which shifts
    // the source and the manual into the wrong fields.
    writeln!(
        out,
        ".TH {} {SECTION} \"\" \"{NAME} {}\" \"{}\"",
        man_escape(&cmd_title(cmd)),
        env!("CARGO_PKG_VERSION"),
        help::MANUAL
    )?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if cmd.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    let (examples, statuses) = match parent.map(|_| cmd.get_name()) {
        None => (help::MAIN_EXAMPLES, &[][..]),
        Some("explain") => (help::EXPLAIN_EXAMPLES, help::EXPLAIN_STATUS),
        Some("diagnose") => (help::DIAGNOSE_EXAMPLES, help::DIAGNOSE_STATUS),
        Some("faq") => (help::FAQ_EXAMPLES, help::FAQ_STATUS),
        Some("completions") => (help::COMPLETIONS_EXAMPLES, help::WRITE_STATUS),
        Some("man") => (help::MAN_EXAMPLES, help::WRITE_STATUS),
        Some(_) => (&[][..], &[][..]),
    };
    let mut roff = Roff::new();
    if !examples.is_empty() {
        roff.control("SH", [help::EXAMPLES]);
    }
    for e in examples {
        roff.control("TP", []);
        roff.text([bold(e.command_for(NAME))]);
        roff.text([roman(e.what)]);
    }
    if !statuses.is_empty() {
        roff.control("SH", [help::EXIT_STATUS]);
        for s in statuses {
            roff.control("TP", []);
            roff.text([bold(s.code.to_string())]);
            roff.text([roman(s.when)]);
        }
    }
    roff.control("SH", [help::SEE_ALSO]);
    let others: Vec<String> = match parent {
        None => cmd
            .get_subcommands()
            .map(|s| format!("{NAME}-{}({SECTION})", s.get_name()))
            .collect(),
        Some(_) => vec![format!("{NAME}({SECTION})")],
    };
    roff.text([roman(others.join(", "))]);
    for line in help::see_also_links(text::DEFAULT_PLAYGROUND) {
        roff.control("PP", []);
        roff.text([roman(line)]);
    }
    roff.to_writer(out)?;
    man.render_version_section(out)
}

/// `PULLPOLICY-EXPLAIN`.
fn cmd_title(cmd: &clap::Command) -> String {
    cmd.get_display_name()
        .unwrap_or_else(|| cmd.get_name())
        .to_uppercase()
}

/// A `.TH` field: no quotes or backslashes in it, `-` as `\-`.
fn man_escape(text: &str) -> String {
    text.replace(['"', '\\'], "").replace('-', "\\-")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_has_a_page_to_ask_for() {
        use clap::CommandFactory;
        let names: Vec<String> = Cli::command()
            .get_subcommands()
            .map(|s| s.get_name().to_owned())
            .collect();
        assert_eq!(names, crate::args::SUBCOMMANDS);
    }

    #[test]
    fn a_page_for_the_command_and_each_subcommand() {
        let names: Vec<String> = pages().into_iter().map(|p| p.file_name()).collect();
        assert_eq!(
            names,
            [
                "pullpolicy.1",
                "pullpolicy-explain.1",
                "pullpolicy-diagnose.1",
                "pullpolicy-faq.1",
                "pullpolicy-completions.1",
                "pullpolicy-man.1"
            ]
        );
    }

    /// roff takes other characters only as escapes (groff warns "invalid input character").
    #[test]
    fn pages_are_ascii() {
        for page in pages() {
            if let Some(c) = page.roff.chars().find(|c| !c.is_ascii()) {
                panic!("{}: {c:?}", page.name);
            }
        }
    }

    #[test]
    fn pages_name_pullpolicy_even_for_the_plugin() {
        let pages = program::as_if(Program::KubectlPlugin, pages);
        for page in &pages {
            for sub in crate::args::SUBCOMMANDS {
                let plugin = format!("kubectl pullpolicy {sub}");
                assert!(!page.roff.contains(&plugin), "{}: {plugin}", page.name);
            }
        }
        assert!(pages[1].roff.contains("\\fBpullpolicy explain\\fR"));
    }
}
