//! The analysis: the core's `explain`, rendered to what the page shows (verdicts
//! markup, editor markers, the live-region sentence, related FAQ ids), through the view
//! (`pullpolicy_view`: one model and one wording for every edge).
//!
//! It runs on the main thread for small manifests and in a Web Worker for large ones
//! (see [`crate::worker`]), so its input ([`Job`]) and output ([`Rendered`]) cross as
//! records of length-prefixed fields ([`pullpolicy_view::wire`]): nothing the user
//! wrote is ever read as a delimiter, and the verdicts' markup crosses as the
//! [`SafeHtml`] it was. Each thread keeps its own [`Analyser`], with its last report, so
//! that the same text with another filter is not analysed twice. The last text without
//! syntax errors travels with each job (the page remembers it, whichever thread
//! explained it), so that its report can be shown greyed while the text has one.

use crate::components::{Marker, VerdictsProps, render};
use crate::lines::LineIndex;
use crate::state::{Disclosures, Shared};
use pullpolicy::{Options, Report, Severity};
use pullpolicy_view::html::SafeHtml;
use pullpolicy_view::model::{Counts, PolicyKey, marks};
use pullpolicy_view::wire::{Reader, Writer};
use pullpolicy_view::wording;
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
    pub filter: Option<PolicyKey>,
    /// Show every card.
    pub show_all: bool,
    /// The last text shown without syntax errors.
    pub good: Option<Rc<String>>,
    /// The disclosures the user opened or closed.
    pub open: Disclosures,
}

/// What the page shows for a [`Job`].
#[derive(Debug, Clone, PartialEq)]
pub struct Rendered {
    /// The job's id.
    pub id: u64,
    /// The verdicts section's markup.
    pub verdicts: SafeHtml,
    /// Findings, rejections and syntax errors to mark in the editor (textarea
    /// coordinates of the analysed text), sorted by line.
    pub markers: Vec<Marker>,
    /// The sentence the live region says.
    pub announcement: String,
    /// FAQ ids the findings link to.
    pub related: Vec<&'static str>,
    /// Milliseconds `explain` took.
    pub cost_ms: u32,
    /// The text has no syntax errors.
    pub clean: bool,
    /// A diagnosis of evidence, not an explanation (the status bar says so).
    pub diagnosed: bool,
}

/// The last analysis on this thread, and the last one without syntax errors.
#[derive(Debug)]
struct Memory {
    text: Rc<String>,
    options: Options,
    report: Shared<Report>,
    lines: Rc<LineIndex>,
    good: Option<Good>,
}

/// A report without syntax errors, its text and lines.
type Good = (Rc<String>, Shared<Report>, Rc<LineIndex>);

/// Runs jobs, remembering the last report (one per thread: the page's, the worker's).
#[derive(Debug, Default)]
pub struct Analyser {
    memory: Option<Memory>,
}

impl Analyser {
    /// Runs `job`: analyses (unless the text and options are those of the last job) and
    /// renders.
    pub fn run(&mut self, job: &Job) -> Rendered {
        let start = crate::browser::now();
        let cached = self
            .memory
            .as_ref()
            .filter(|m| {
                (Rc::ptr_eq(&m.text, &job.text) || *m.text == *job.text) && m.options == job.options
            })
            .map(|m| (m.report.clone(), m.lines.clone(), m.good.clone()));
        let (report, lines, good) = match cached {
            Some(c) => c,
            None => {
                let report = Shared::new(pullpolicy::explain(&job.text, &job.options));
                let lines = Rc::new(LineIndex::new(&job.text));
                let good = if report.syntax_errors.is_empty() {
                    Some((job.text.clone(), report.clone(), lines.clone()))
                } else {
                    self.good_for(job)
                };
                self.memory = Some(Memory {
                    text: job.text.clone(),
                    options: job.options.clone(),
                    report: report.clone(),
                    lines: lines.clone(),
                    good: good.clone(),
                });
                (report, lines, good)
            }
        };
        let cost_ms = (crate::browser::now() - start) as u32;
        // Shown greyed: the last report without syntax errors, with its own lines.
        // Only while the text is about the same objects (crate::objects).
        let stale = good
            .filter(|(t, g, _)| {
                !report.syntax_errors.is_empty()
                    && *g != report
                    && crate::objects::same(t, &job.text)
            })
            .map(|(_, g, l)| (g, l));
        let verdicts = render::verdicts(&VerdictsProps {
            report: &report,
            lines: &lines,
            stale: stale.as_ref().map(|(g, l)| (&**g, &**l)),
            options: &job.options,
            filter: job.filter,
            show_all: job.show_all,
            open: &job.open,
        });
        let counts = Counts::of(&report);
        Rendered {
            id: job.id,
            verdicts,
            markers: markers(&report, &lines),
            announcement: wording::announcement(
                &counts,
                report.syntax_errors.first().map(|e| e.position.line),
            ),
            related: related(&report),
            cost_ms,
            clean: report.syntax_errors.is_empty(),
            diagnosed: false,
        }
    }

    /// The report of the job's last good text: this thread's, if it explained that text
    /// last, else explained now (the page's other engine explained it).
    fn good_for(&self, job: &Job) -> Option<Good> {
        let text = job.good.as_ref()?;
        let kept = self
            .memory
            .as_ref()
            .and_then(|m| m.good.clone())
            .filter(|(t, _, _)| Rc::ptr_eq(t, text) || t == text);
        kept.or_else(|| {
            let report = Shared::new(pullpolicy::explain(text, &job.options));
            let lines = Rc::new(LineIndex::new(text));
            Some((text.clone(), report, lines))
        })
    }
}

fn related(r: &Report) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = Vec::new();
    for id in r.findings().flat_map(|f| f.faq.iter().copied()) {
        if let Some(e) = pullpolicy::faq::entry(id)
            && !ids.contains(&e.id)
        {
            ids.push(e.id);
        }
    }
    ids
}

/// A finding at `pos` as an editor marker: underlined from its start to its end on its
/// first line (to the line's end when it spans lines, one column at least), jumping to
/// `target` in the results. The explanation's and the diagnosis's markers alike.
pub(crate) fn marker(
    lines: &LineIndex,
    pos: &pullpolicy::Position,
    severity: Severity,
    rule: &str,
    message: &pullpolicy::text::Text,
    target: String,
) -> Marker {
    let (line, col) = lines.locate16(pos.offset16);
    let (end_line, end_col) = lines.locate16(pos.end16.max(pos.offset16));
    let col_to = if end_line == line && end_col > col {
        end_col
    } else {
        lines.len16(line).max(col + 1)
    };
    Marker {
        line,
        col_from: col,
        col_to,
        from: lines.to_display(pos.offset16),
        to: lines.to_display(pos.end16.max(pos.offset16)),
        severity,
        rule: Rc::from(rule),
        message: Rc::from(message.backticked()),
        target,
    }
}

/// Every finding, rejection no finding carries and syntax error as an editor marker.
fn markers(report: &Report, lines: &LineIndex) -> Vec<Marker> {
    let mut out: Vec<Marker> = marks(report)
        .into_iter()
        .map(|f| {
            marker(
                lines,
                &f.position,
                f.severity,
                f.id,
                f.message,
                f.origin.element_id(),
            )
        })
        .collect();
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
// The worker's messages: records of length-prefixed fields (`pullpolicy_view::wire`).

/// A job as a record.
pub fn encode_job(job: &Job) -> String {
    let mut options = String::new();
    pullpolicy_view::share::write_params(&job.options, &mut options);
    let mut w = Writer::with_capacity(
        job.text.len() + job.good.as_ref().map_or(0, |g| g.len()) + options.len() + 64,
    );
    w.num(job.id)
        .str(job.filter.map_or("", PolicyKey::as_str))
        .flag(job.show_all)
        .str(options.trim_start_matches('&'))
        .flag(job.good.is_some())
        .str(job.good.as_deref().map_or("", |g| g.as_str()))
        .str(&job.text);
    let open: Vec<(&str, bool)> = job.open.iter().collect();
    w.num(open.len() as u64);
    for (region, is_open) in open {
        w.str(region).flag(is_open);
    }
    w.finish()
}

/// Reads [`encode_job`]'s record.
pub fn decode_job(s: &str) -> Option<Job> {
    let mut r = Reader::new(s);
    let id = r.num()?;
    let filter = r.str()?;
    let filter = if filter.is_empty() {
        None
    } else {
        Some(PolicyKey::from_name(filter)?)
    };
    let show_all = r.flag()?;
    let options = pullpolicy_view::share::read_query(r.str()?);
    let has_good = r.flag()?;
    let good = r.str()?;
    let text = r.str()?;
    let mut open = Disclosures::default();
    for _ in 0..r.num()? {
        let region = r.str()?;
        open = open.with(region, r.flag()?);
    }
    r.is_done().then(|| Job {
        id,
        text: Rc::new(text.to_owned()),
        options,
        filter,
        show_all,
        good: has_good.then(|| Rc::new(good.to_owned())),
        open,
    })
}

/// What the worker says.
#[derive(Debug, Clone, PartialEq)]
pub enum FromWorker {
    /// It has started and takes jobs.
    Ready,
    /// It crashed (the panic's message).
    Crashed(String),
    /// A job's result.
    Result(Rendered),
}

/// A message of the worker as a record.
pub fn encode_from_worker(m: &FromWorker) -> String {
    match m {
        FromWorker::Ready => {
            let mut w = Writer::with_capacity(8);
            w.str("ready");
            w.finish()
        }
        FromWorker::Crashed(details) => {
            let mut w = Writer::with_capacity(details.len() + 16);
            w.str("crashed").str(details);
            w.finish()
        }
        FromWorker::Result(r) => {
            let mut w =
                Writer::with_capacity(r.verdicts.as_str().len() + r.markers.len() * 64 + 256);
            w.str("result")
                .num(r.id)
                .num(u64::from(r.cost_ms))
                .flag(r.clean)
                .flag(r.diagnosed)
                .num(r.related.len() as u64);
            for id in &r.related {
                w.str(id);
            }
            w.str(&r.announcement).num(r.markers.len() as u64);
            for m in &r.markers {
                w.num(m.line as u64)
                    .num(u64::from(m.col_from))
                    .num(u64::from(m.col_to))
                    .num(u64::from(m.from))
                    .num(u64::from(m.to))
                    .str(m.severity.as_str())
                    .str(&m.rule)
                    .str(&m.target)
                    .str(&m.message);
            }
            w.html(&r.verdicts);
            w.finish()
        }
    }
}

/// Reads [`encode_from_worker`]'s record. FAQ ids are mapped back to the core's entries
/// (unknown ones are dropped).
pub fn decode_from_worker(s: &str) -> Option<FromWorker> {
    let mut r = Reader::new(s);
    let message = match r.str()? {
        "ready" => FromWorker::Ready,
        "crashed" => FromWorker::Crashed(r.str()?.to_owned()),
        "result" => {
            let id = r.num()?;
            let cost_ms = u32::try_from(r.num()?).ok()?;
            let clean = r.flag()?;
            let diagnosed = r.flag()?;
            let mut related = Vec::new();
            for _ in 0..r.num()? {
                if let Some(e) = pullpolicy::faq::entry(r.str()?) {
                    related.push(e.id);
                }
            }
            let announcement = r.str()?.to_owned();
            let mut markers = Vec::new();
            for _ in 0..r.num()? {
                let mut num = || r.num().and_then(|n| u32::try_from(n).ok());
                let (line, col_from, col_to, from, to) = (num()?, num()?, num()?, num()?, num()?);
                let severity = match r.str()? {
                    "error" => Severity::Error,
                    "warning" => Severity::Warning,
                    "info" => Severity::Info,
                    _ => return None,
                };
                markers.push(Marker {
                    line: line as usize,
                    col_from,
                    col_to,
                    from,
                    to,
                    severity,
                    rule: Rc::from(r.str()?),
                    target: r.str()?.to_owned(),
                    message: Rc::from(r.str()?),
                });
            }
            let verdicts = r.html()?;
            FromWorker::Result(Rendered {
                id,
                verdicts,
                markers,
                announcement,
                related,
                cost_ms,
                clean,
                diagnosed,
            })
        }
        _ => return None,
    };
    r.is_done().then_some(message)
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
            open: Disclosures::default(),
        }
    }

    #[test]
    fn renders_cards_markers_and_announcement() {
        let r = Analyser::default().run(&job(POD));
        assert!(
            r.verdicts
                .as_str()
                .contains("data-effective-policy=\"Always\"")
        );
        assert!(r.announcement.starts_with("Verdicts: 1 entry: 1 Always"));
        let latest = r.markers.iter().find(|m| &*m.rule == "latest-tag").unwrap();
        // "nginx" on line 7 (0-based 6): CRLF counted in the report, not in the textarea.
        assert_eq!(latest.line, 6);
        assert_eq!(
            &POD.replace("\r\n", "\n")[latest.from as usize..latest.to as usize],
            "nginx"
        );
        // The jump buttons carry the line and UTF-16 column, start and end.
        assert!(
            r.verdicts
                .as_str()
                .contains("data-from=\"6:11\" data-to=\"6:16\"")
        );
    }

    #[test]
    fn a_refusal_is_an_error_everywhere() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: \"nginx:1\"}\n  ephemeralContainers:\n  - {name: debug, image: \"busybox:1\"}\n";
        let r = Analyser::default().run(&job(text));
        assert!(r.announcement.contains("; 2 errors"), "{}", r.announcement);
        let m = r
            .markers
            .iter()
            .find(|m| &*m.rule == "object-invalid")
            .expect("a marker");
        assert_eq!(m.severity, Severity::Error);
        assert_eq!(m.target, "f-0-d-0");
        let v = r.verdicts.as_str();
        assert!(v.contains("id=\"rejection-0-api\""), "{v}");
        assert!(
            v.contains("<span class=\"n\">2</span> errors") || v.contains(">2 errors<"),
            "{v}"
        );
        assert!(v.contains("message error api"), "{v}");
    }

    #[test]
    fn syntax_errors_show_the_last_good_report_greyed() {
        let mut a = Analyser::default();
        assert!(a.run(&job(POD)).clean);
        let mut broken = job(&format!("{POD}  - [unclosed\n"));
        broken.good = Some(Rc::new(POD.to_owned()));
        let r = a.run(&broken);
        assert!(!r.clean);
        assert!(r.verdicts.as_str().contains("documents stale"));
        assert!(r.verdicts.as_str().contains("Syntax error on line"));
        let m = r.markers.iter().find(|m| &*m.rule == "yaml-syntax");
        let m = m.expect("a marker for the syntax error");
        assert!(
            r.verdicts
                .as_str()
                .contains(&format!("id=\"{}\"", m.target)),
            "the marker leads to the notice"
        );
        // Without a good text, nothing is greyed.
        broken.good = None;
        assert!(
            !Analyser::default()
                .run(&broken)
                .verdicts
                .as_str()
                .contains("documents stale")
        );
    }

    #[test]
    fn the_good_text_may_come_from_the_other_engine() {
        // This thread never explained the good text (the worker did): it does now.
        let good = POD.replace("name: p}", "name: from-the-worker}");
        assert_ne!(good, POD);
        let mut broken = job(&format!("{good}  - [unclosed\n"));
        broken.good = Some(Rc::new(good));
        let r = Analyser::default().run(&broken);
        assert!(r.verdicts.as_str().contains("documents stale"));
        assert!(r.verdicts.as_str().contains("from-the-worker"));
        // A text about other objects: the good report's cards are not shown.
        broken.text = Rc::new("kind: [\n".to_owned());
        let r = Analyser::default().run(&broken);
        assert!(!r.verdicts.as_str().contains("documents stale"));
        assert!(!r.verdicts.as_str().contains("from-the-worker"));
    }

    #[test]
    fn runs_of_skipped_documents_share_one_line() {
        let text = format!("{}---\n{POD}", "---\n# a\n".repeat(10_000));
        let r = Analyser::default().run(&job(&text));
        let v = r.verdicts.as_str();
        assert!(v.contains("Documents 1–10,000"));
        assert!(v.contains("No Kubernetes object in these 10,000 documents"));
        assert!(v.contains("data-container-path=\"10000:spec.containers[0]\""));
        assert!(v.len() < 40_000, "{}", v.len());
    }

    #[test]
    fn disclosures_opened_in_the_page_stay_open_in_the_workers_markup() {
        let mut j = job(POD);
        let closed = Analyser::default().run(&j);
        assert!(
            closed
                .verdicts
                .as_str()
                .contains("id=\"f-0-0-0-more-c\" hidden")
        );
        j.open = j.open.with("f-0-0-0-more-c", true);
        let back = decode_job(&encode_job(&j)).unwrap();
        let open = Analyser::default().run(&back);
        assert!(open.verdicts.as_str().contains("id=\"f-0-0-0-more-c\">"));
    }

    #[test]
    fn jobs_and_results_survive_the_wire() {
        let mut j = job("a: b\r\n🐳\u{1f}\u{1e}4:x");
        j.options.scenario.node_image = pullpolicy::NodeImage::Stale;
        j.options.scenario.allowlist = vec!["a,b\u{1f}&c".into()];
        j.filter = Some(PolicyKey::Never);
        j.show_all = true;
        assert_eq!(decode_job(&encode_job(&j)), Some(j.clone()));
        j.good = Some(Rc::new("ü\u{1f}12\u{1f}".to_owned()));
        j.open = j.open.with("a\u{1e}b", true).with("", false);
        assert_eq!(decode_job(&encode_job(&j)), Some(j.clone()));
        j.good = Some(Rc::new(String::new()));
        assert_eq!(decode_job(&encode_job(&j)), Some(j));
        let r = Analyser::default().run(&job(POD));
        let m = FromWorker::Result(r);
        assert_eq!(decode_from_worker(&encode_from_worker(&m)), Some(m));
        for m in [
            FromWorker::Ready,
            FromWorker::Crashed("panicked at \u{1f}<b>".into()),
        ] {
            assert_eq!(decode_from_worker(&encode_from_worker(&m)), Some(m));
        }
        assert_eq!(decode_from_worker("ready"), None);
        assert_eq!(decode_job(""), None);
    }
}
