//! The analysis: the core's `explain`, rendered to what the page shows (verdicts
//! markup, editor markers, the live-region sentence, related FAQ ids).
//!
//! It runs on the main thread for small manifests and in a Web Worker for large ones
//! (see [`crate::worker`]), so its input ([`Job`]) and output ([`Rendered`]) travel
//! as plain strings: the core's `Report` is not deserializable, and nothing else is
//! needed across the boundary. Each thread keeps its own last report, so that the
//! same text with another filter is not analysed twice. The last text without syntax
//! errors travels with each job (the page remembers it, whichever thread explained
//! it), so that its report can be shown greyed while the text has one.

use crate::components::{Marker, VerdictsProps, finding_id, render};
use crate::describe;
use crate::lines::LineIndex;
use crate::state::Shared;
use pullpolicy::{Options, Report, Severity};
use std::cell::RefCell;
use std::rc::Rc;

/// What to analyse and how to show it.
#[derive(Debug, Clone, PartialEq)]
pub struct Job {
    /// Matches the answer to the request.
    pub id: u64,
    /// The manifest.
    pub text: Rc<String>,
    /// Kubernetes version and scenario.
    pub options: Options,
    /// Show only this effective policy.
    pub filter: Option<&'static str>,
    /// Show every card.
    pub show_all: bool,
    /// The last text shown without syntax errors.
    pub good: Option<Rc<String>>,
}

/// What the page shows for a [`Job`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The job's id.
    pub id: u64,
    /// The verdicts section's markup.
    pub verdicts: String,
    /// Findings and syntax errors to mark in the editor (textarea coordinates of the
    /// analysed text), sorted by line.
    pub markers: Vec<Marker>,
    /// The sentence the live region says.
    pub announcement: String,
    /// FAQ ids the findings link to.
    pub related: Vec<&'static str>,
    /// Milliseconds `explain` took.
    pub cost_ms: u32,
    /// The text has no syntax errors.
    pub clean: bool,
}

/// The last analysis on this thread, and the last one without syntax errors.
struct Memory {
    text: Rc<String>,
    options: Options,
    report: Shared<Report>,
    lines: Rc<LineIndex>,
    good: Option<Good>,
}

/// A report without syntax errors, its text and lines.
type Good = (Rc<String>, Shared<Report>, Rc<LineIndex>);

thread_local! {
    static MEMORY: RefCell<Option<Memory>> = const { RefCell::new(None) };
    /// The lines of the text being rendered: markup turns report offsets into
    /// lines and columns with them (see [`line_col`]).
    static LINES: RefCell<Option<Rc<LineIndex>>> = const { RefCell::new(None) };
}

/// Sets the lines [`line_col`] uses while markup is rendered.
pub fn set_lines(lines: Option<Rc<LineIndex>>) {
    LINES.with(|l| *l.borrow_mut() = lines);
}

/// The 0-based line and UTF-16 column of an offset of the text being rendered
/// (line 0 and the offset itself when no lines are set).
pub fn line_col(offset16: u32) -> (usize, u32) {
    LINES.with(|l| {
        l.borrow()
            .as_ref()
            .map_or((0, offset16), |l| l.locate16(offset16))
    })
}

/// Runs `job`: analyses (unless the text and options are those of the last job) and
/// renders.
pub fn run(job: &Job) -> Rendered {
    let start = crate::browser::now();
    let cached = MEMORY.with(|m| {
        m.borrow()
            .as_ref()
            .filter(|m| {
                (Rc::ptr_eq(&m.text, &job.text) || *m.text == *job.text) && m.options == job.options
            })
            .map(|m| (m.report.clone(), m.lines.clone(), m.good.clone()))
    });
    let (report, lines, good) = match cached {
        Some(c) => c,
        None => {
            let report = Shared::new(pullpolicy::explain(&job.text, &job.options));
            let lines = Rc::new(LineIndex::new(&job.text));
            let good = if report.syntax_errors.is_empty() {
                Some((job.text.clone(), report.clone(), lines.clone()))
            } else {
                good_for(job)
            };
            MEMORY.with(|m| {
                *m.borrow_mut() = Some(Memory {
                    text: job.text.clone(),
                    options: job.options.clone(),
                    report: report.clone(),
                    lines: lines.clone(),
                    good: good.clone(),
                })
            });
            (report, lines, good)
        }
    };
    let cost_ms = (crate::browser::now() - start) as u32;
    // Shown greyed: the last report without syntax errors, with its own lines.
    let stale = good
        .map(|(_, g, l)| (g, l))
        .filter(|(g, _)| !report.syntax_errors.is_empty() && *g != report);
    let verdicts = render::verdicts(&VerdictsProps {
        report: &report,
        lines: lines.clone(),
        stale: stale.as_ref().map(|(g, l)| (g, l.clone())),
        options: &job.options,
        filter: job.filter,
        show_all: job.show_all,
    });
    Rendered {
        id: job.id,
        verdicts,
        markers: markers(&report, &lines),
        announcement: announcement(&report),
        related: related(&report),
        cost_ms,
        clean: report.syntax_errors.is_empty(),
    }
}

/// The report of the job's last good text: this thread's, if it explained that text
/// last, else explained now (the page's other engine explained it).
fn good_for(job: &Job) -> Option<Good> {
    let text = job.good.as_ref()?;
    let kept = MEMORY.with(|m| {
        m.borrow()
            .as_ref()
            .and_then(|m| m.good.clone())
            .filter(|(t, _, _)| Rc::ptr_eq(t, text) || t == text)
    });
    kept.or_else(|| {
        let report = Shared::new(pullpolicy::explain(text, &job.options));
        let lines = Rc::new(LineIndex::new(text));
        Some((text.clone(), report, lines))
    })
}

/// Forgets the last analysis (tests).
pub fn forget() {
    MEMORY.with(|m| *m.borrow_mut() = None);
}

fn announcement(r: &Report) -> String {
    match r.syntax_errors.first() {
        Some(e) => format!("Syntax error on line {}.", e.position.line),
        None => format!("Verdicts: {}.", describe::summary_sentence(r)),
    }
}

fn related(r: &Report) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for id in r.findings().flat_map(|f| f.faq.iter().copied()) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// Every finding and syntax error as an editor marker.
fn markers(report: &Report, lines: &LineIndex) -> Vec<Marker> {
    let mut out = Vec::new();
    let mut push = |pos: &pullpolicy::Position,
                    severity,
                    rule: &'static str,
                    message: &str,
                    target: String| {
        let (line, col) = lines.locate16(pos.offset16);
        let (end_line, end_col) = lines.locate16(pos.end16.max(pos.offset16));
        let col_to = if end_line == line && end_col > col {
            end_col
        } else {
            lines.len16(line).max(col + 1)
        };
        out.push(Marker {
            line,
            col_from: col,
            col_to,
            from: lines.to_display(pos.offset16),
            to: lines.to_display(pos.end16.max(pos.offset16)),
            severity,
            rule,
            message: Rc::from(message),
            target,
        });
    };
    for (i, e) in report.syntax_errors.iter().enumerate() {
        push(
            &e.position,
            Severity::Error,
            "syntax-error",
            &e.message,
            format!("syntax-{i}"),
        );
    }
    for (di, doc) in report.documents.iter().enumerate() {
        for (k, f) in doc.findings.iter().enumerate() {
            push(
                &f.position,
                f.severity,
                f.rule,
                &f.message,
                finding_id(di, None, k),
            );
        }
        for (ei, entry) in doc.entries.iter().enumerate() {
            for (k, f) in entry.findings.iter().enumerate() {
                push(
                    &f.position,
                    f.severity,
                    f.rule,
                    &f.message,
                    finding_id(di, Some(ei), k),
                );
            }
        }
    }
    // Insertion sort: the markers come nearly in order, and the standard sorts would
    // add kilobytes of code to the bundle.
    for i in 1..out.len() {
        let mut j = i;
        while j > 0 && (out[j - 1].line, out[j - 1].col_from) > (out[j].line, out[j].col_from) {
            out.swap(j - 1, j);
            j -= 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------
// Wire format (worker messages): fields separated by U+001F, records by U+001E. The
// verdicts markup and the text come last, so they may hold anything.

const FS: char = '\u{1f}';
const RS: char = '\u{1e}';

/// A job as one string.
pub fn encode_job(job: &Job) -> String {
    let mut options = String::new();
    crate::params::write(&job.options, &mut options);
    let mut out = String::with_capacity(job.text.len() + options.len() + 32);
    out.push_str(&job.id.to_string());
    out.push(FS);
    out.push_str(job.filter.unwrap_or(""));
    out.push(FS);
    out.push(if job.show_all { '1' } else { '0' });
    out.push(FS);
    out.push_str(options.trim_start_matches('&'));
    out.push(FS);
    // The last good text, if any, then the text; the first's length tells them apart.
    if let Some(good) = &job.good {
        out.push_str(&good.len().to_string());
        out.push(FS);
        out.push_str(good);
    } else {
        out.push(FS);
    }
    out.push_str(&job.text);
    out
}

/// Reads [`encode_job`]'s output.
pub fn decode_job(s: &str) -> Option<Job> {
    let mut it = s.splitn(6, FS);
    let id = it.next()?.parse().ok()?;
    let filter = it.next()?;
    let show_all = it.next()? == "1";
    let options = crate::params::read_query(it.next()?);
    let good_len = it.next()?;
    let rest = it.next()?;
    let (good, text) = match good_len {
        "" => (None, rest),
        n => {
            let n = n.parse().ok()?;
            (Some(Rc::new(rest.get(..n)?.to_owned())), rest.get(n..)?)
        }
    };
    Some(Job {
        id,
        text: Rc::new(text.to_owned()),
        good,
        options,
        filter: ["Always", "IfNotPresent", "Never", "invalid"]
            .into_iter()
            .find(|k| *k == filter),
        show_all,
    })
}

/// A result as one string.
pub fn encode_rendered(r: &Rendered) -> String {
    let mut out = String::with_capacity(r.verdicts.len() + r.markers.len() * 64 + 256);
    out.push_str(&r.id.to_string());
    out.push(FS);
    out.push_str(&r.cost_ms.to_string());
    out.push(FS);
    out.push(if r.clean { '1' } else { '0' });
    out.push(FS);
    out.push_str(&r.related.join(","));
    out.push(FS);
    out.push_str(&r.announcement);
    out.push(FS);
    for m in &r.markers {
        for n in [m.line as u32, m.col_from, m.col_to, m.from, m.to] {
            out.push_str(&n.to_string());
            out.push(',');
        }
        out.push_str(m.severity.as_str());
        out.push(',');
        out.push_str(m.rule);
        out.push(',');
        out.push_str(&m.target);
        out.push(',');
        out.push_str(&m.message);
        out.push(RS);
    }
    out.push(FS);
    out.push_str(&r.verdicts);
    out
}

/// Reads [`encode_rendered`]'s output. Rule and FAQ ids are mapped back to the core's
/// static strings (unknown ones are dropped).
pub fn decode_rendered(s: &str) -> Option<Rendered> {
    let mut it = s.splitn(7, FS);
    let id = it.next()?.parse().ok()?;
    let cost_ms = it.next()?.parse().ok()?;
    let clean = it.next()? == "1";
    let related = it
        .next()?
        .split(',')
        .filter_map(|id| pullpolicy::faq::entry(id).map(|e| e.id))
        .collect();
    let announcement = it.next()?.to_owned();
    let mut markers = Vec::new();
    for rec in it.next()?.split(RS).filter(|r| !r.is_empty()) {
        let mut f = rec.splitn(9, ',');
        let mut num = || f.next().and_then(|x| x.parse::<u32>().ok());
        let (line, col_from, col_to, from, to) = (num()?, num()?, num()?, num()?, num()?);
        let severity = match f.next()? {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        };
        let rule = f.next()?;
        let target = f.next()?.to_owned();
        let message = f.next().unwrap_or("");
        markers.push(Marker {
            line: line as usize,
            col_from,
            col_to,
            from,
            to,
            severity,
            rule: static_rule(rule),
            message: Rc::from(message),
            target,
        });
    }
    let verdicts = it.next()?.to_owned();
    Some(Rendered {
        id,
        verdicts,
        markers,
        announcement,
        related,
        cost_ms,
        clean,
    })
}

/// The core's `&'static str` for a rule id seen in a message (rules are few; the
/// markers only show them as text).
fn static_rule(rule: &str) -> &'static str {
    thread_local!(static RULES: RefCell<Vec<&'static str>> = const { RefCell::new(Vec::new()) });
    RULES.with(|r| {
        let mut r = r.borrow_mut();
        if let Some(x) = r.iter().find(|x| **x == rule) {
            return *x;
        }
        // Leaked once per distinct rule id (a few dozen at most).
        let x: &'static str = Box::leak(rule.to_owned().into_boxed_str());
        r.push(x);
        x
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "apiVersion: v1\r\nkind: Pod\r\nmetadata: {name: p}\r\nspec:\r\n  containers:\r\n  - name: a\r\n    image: nginx\r\n";

    fn job(text: &str) -> Job {
        Job {
            id: 7,
            text: Rc::new(text.to_owned()),
            options: Options::default(),
            filter: None,
            show_all: false,
            good: None,
        }
    }

    #[test]
    fn renders_cards_markers_and_announcement() {
        forget();
        let r = run(&job(POD));
        assert!(r.verdicts.contains("data-effective-policy=\"Always\""));
        assert!(r.announcement.starts_with("Verdicts: 1 entry: 1 Always"));
        let latest = r.markers.iter().find(|m| m.rule == "latest-tag").unwrap();
        // "nginx" on line 7 (0-based 6): CRLF counted in the report, not in the textarea.
        assert_eq!(latest.line, 6);
        assert_eq!(
            &POD.replace("\r\n", "\n")[latest.from as usize..latest.to as usize],
            "nginx"
        );
        // The jump buttons carry the line and UTF-16 column, start and end.
        assert!(r.verdicts.contains("data-from=\"6:11\" data-to=\"6:16\""));
    }

    #[test]
    fn syntax_errors_show_the_last_good_report_greyed() {
        forget();
        assert!(run(&job(POD)).clean);
        let mut broken = job(&format!("{POD}  - [unclosed\n"));
        broken.good = Some(Rc::new(POD.to_owned()));
        let r = run(&broken);
        assert!(!r.clean);
        assert!(r.verdicts.contains("documents stale"));
        assert!(r.verdicts.contains("Syntax error on line"));
        assert!(r.markers.iter().any(|m| m.rule == "syntax-error"));
        // Without a good text, nothing is greyed.
        forget();
        broken.good = None;
        assert!(!run(&broken).verdicts.contains("documents stale"));
    }

    #[test]
    fn the_good_text_may_come_from_the_other_engine() {
        // This thread never explained the good text (the worker did): it does now.
        forget();
        let good = POD.replace("name: p}", "name: from-the-worker}");
        assert_ne!(good, POD);
        let mut broken = job("kind: [\n");
        broken.good = Some(Rc::new(good));
        let r = run(&broken);
        assert!(r.verdicts.contains("documents stale"));
        assert!(r.verdicts.contains("from-the-worker"));
    }

    #[test]
    fn runs_of_skipped_documents_share_one_line() {
        forget();
        let text = format!("{}---\n{POD}", "---\n# a\n".repeat(10_000));
        let r = run(&job(&text));
        assert!(r.verdicts.contains("Documents 1–10,000"));
        assert!(
            r.verdicts
                .contains("No Kubernetes object in these 10,000 documents")
        );
        assert!(
            r.verdicts
                .contains("data-container-path=\"10000:spec.containers[0]\"")
        );
        assert!(r.verdicts.len() < 40_000, "{}", r.verdicts.len());
    }

    #[test]
    fn jobs_and_results_survive_the_wire() {
        let mut j = job("a: b\r\n🐳\u{1f}\u{1e}");
        j.options.scenario.node_image = pullpolicy::NodeImage::Stale;
        j.filter = Some("Never");
        j.show_all = true;
        assert_eq!(decode_job(&encode_job(&j)), Some(j.clone()));
        j.good = Some(Rc::new("ü\u{1f}12\u{1f}".to_owned()));
        assert_eq!(decode_job(&encode_job(&j)), Some(j));
        forget();
        let r = run(&job(POD));
        assert_eq!(decode_rendered(&encode_rendered(&r)), Some(r));
    }
}
