//! `pullpolicy explain` in bounded memory: inputs are read one at a time, and each
//! one's documents are handed to the output ([`Sink`]) in parts as soon as they are
//! explained, then dropped; only the counts and what a format must print at the end
//! (the human table's column widths, its findings) outlive a part.
//!
//! An input that is one large JSON `kind: List` (`kubectl get pods -A -o json`) is cut
//! into its items without building its tree (`pullpolicy::items::json_list`, which
//! refuses anything it cannot prove reads alike); its items are explained as texts of
//! their own, a round of them at a time on `--jobs` threads, and moved back to their
//! places (`pullpolicy::items::place`): the same documents as the whole document's,
//! proven by the differential tests below. A long YAML stream (`helm template` of a
//! whole platform) is cut at `---` lines into pieces of about [`PIECE`] bytes, explained
//! a round of them at a time on `--jobs` threads and written in order
//! (`pullpolicy::pieces::Ordered`, which carries what kubectl carries from one chunk to
//! the next); a long JSON stream (`jq -c`) likewise, cut at line starts after its
//! values (`pieces::split`). Every other input is explained whole, several small
//! inputs at once.

use crate::input::{self, Input, InputError};
use crate::progress::Progress;
use crate::run::{self, Explained, FileResult};
use crate::{exit, parallel};
use pullpolicy::items::{ListItem, json_list, place, yaml_list};
use pullpolicy::pieces::{self, Ordered};
use pullpolicy::{Options, Report, Summary};
use pullpolicy_view::Counts;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// An input being written.
#[derive(Debug, Clone, Copy)]
pub struct File<'a> {
    pub name: &'a str,
    pub text: &'a str,
}

/// Where the results go, in order: for each input `begin`, its documents in `part`s
/// (with, for an input explained whole, its syntax errors), then `end` with the input's
/// report without documents (its syntax errors and summary); or `failed`. Then
/// `finish`. A `part` is lent mutably so that its documents can be moved into chunks
/// and back instead of copied (`sink::in_chunks`): the sink leaves it as it was.
pub trait Sink {
    fn failed(&mut self, e: &InputError) -> io::Result<()>;
    fn begin(&mut self, file: File<'_>) -> io::Result<()>;
    fn part(&mut self, file: File<'_>, part: &mut Report) -> io::Result<()>;
    fn end(&mut self, file: File<'_>, shell: &Report) -> io::Result<()>;
    fn finish(&mut self, totals: &Totals) -> io::Result<()>;
}

/// The whole run's counts.
#[derive(Debug, Default, Clone)]
pub struct Totals {
    /// Inputs, read or not.
    pub files: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// The view's counts over every input (an unreadable one counts as an error).
    pub counts: Counts,
    /// The core's summary over every report.
    pub summary: Summary,
    /// An input could not be read or has a YAML syntax error.
    pub any_unreadable: bool,
}

/// Items explained per thread in one round: enough to keep the threads busy, few
/// enough that a round's reports stay small (a Pod with status: about 10 KB).
const ROUND_PER_JOB: usize = 128;
/// A YAML stream at least this long is explained a round of pieces at a time; shorter
/// ones whole (their reports, about 15 times the text, stay within a few tens of MB;
/// the 2,000-workload benchmark's 1.28 MB stream measured 5–20% faster whole on 2
/// CPUs).
const STREAM_MIN: usize = 2 << 20;
/// The size of a long stream's pieces (cut at the first `---` line past it)…
const PIECE: usize = 64 << 10;
/// …and how many one thread explains in a round.
const PIECES_PER_JOB: usize = 4;
#[cfg(test)]
thread_local! {
    /// The tests' [`STREAM_MIN`] and [`PIECE`], to cut short texts.
    static CUTTING: std::cell::Cell<Option<(usize, usize)>> = const { std::cell::Cell::new(None) };
}

/// [`STREAM_MIN`] and [`PIECE`].
fn cutting() -> (usize, usize) {
    #[cfg(test)]
    if let Some(cutting) = CUTTING.get() {
        return cutting;
    }
    (STREAM_MIN, PIECE)
}

/// Small inputs explained together: at most this many bytes of text at once…
const GROUP_BYTES: usize = 16 << 20;
/// …and this many inputs.
const GROUP_FILES: usize = 256;

/// Reads every input in order, explains it and hands it to `sink`; errors on `stderr`
/// as each input is read. Returns the run's totals (`Err`: the output could not be
/// written).
pub fn explain(
    paths: &[PathBuf],
    stdin_name: &str,
    options: &Options,
    jobs: usize,
    sink: &mut dyn Sink,
    stderr: &mut dyn Write,
) -> io::Result<Totals> {
    let plan = input::plan(paths, stdin_name);
    for warning in &plan.warnings {
        let _ = writeln!(stderr, "{warning}");
    }
    let progress = Mutex::new(Progress::new(plan.items.len()));
    let mut totals = Totals::default();
    let mut group: Vec<Result<(Input, String), InputError>> = Vec::new();
    let mut group_bytes = 0;
    for item in plan.items {
        let read = item.and_then(|input| input::read(&input).map(|text| (input, text)));
        // A List, or a long stream: explained and written in parts, alone.
        let alone = read.as_ref().ok().and_then(|(_, text)| {
            json_list(text)
                .or_else(|| yaml_list(text))
                .map(Alone::List)
                .or_else(|| {
                    (text.len() >= cutting().0)
                        .then(|| Ordered::new(text))
                        .flatten()
                        .map(Alone::Stream)
                })
        });
        if let (Ok((input, text)), Some(alone)) = (&read, alone) {
            flush(
                &mut group,
                options,
                jobs,
                &progress,
                sink,
                stderr,
                &mut totals,
                false,
            )?;
            group_bytes = 0;
            let file = File {
                name: &input.name,
                text,
            };
            match alone {
                Alone::List(items) => list(file, &items, options, jobs, sink, &mut totals)?,
                Alone::Stream(ordered) => {
                    stream(file, ordered, options, jobs, sink, stderr, &mut totals)?
                }
            }
            run::lock(&progress).tick(&input.name);
            continue;
        }
        group_bytes += read.as_ref().map_or(0, |(_, t)| t.len());
        group.push(read);
        if group_bytes >= GROUP_BYTES || group.len() >= GROUP_FILES {
            flush(
                &mut group,
                options,
                jobs,
                &progress,
                sink,
                stderr,
                &mut totals,
                false,
            )?;
            group_bytes = 0;
        }
    }
    flush(
        &mut group,
        options,
        jobs,
        &progress,
        sink,
        stderr,
        &mut totals,
        true,
    )?;
    run::lock(&progress).finish();
    sink.finish(&totals)?;
    Ok(totals)
}

/// Explains the inputs of `group` whole (on `jobs` threads) and writes them; the `last`
/// group's reports are not freed (the process ends: freeing a large run's reports one
/// by one costs a tenth of its time).
#[allow(clippy::too_many_arguments)]
fn flush(
    group: &mut Vec<Result<(Input, String), InputError>>,
    options: &Options,
    jobs: usize,
    progress: &Mutex<Progress>,
    sink: &mut dyn Sink,
    stderr: &mut dyn Write,
    totals: &mut Totals,
    last: bool,
) -> io::Result<()> {
    if group.is_empty() {
        return Ok(());
    }
    for result in run::explain_read(std::mem::take(group), options, jobs, progress) {
        totals.files += 1;
        match result {
            FileResult::Failed(e) => {
                let _ = run::error_line(stderr, &e.location(), &e.message);
                totals.unreadable += 1;
                totals.any_unreadable = true;
                totals.counts.errors += 1;
                sink.failed(&e)?;
            }
            FileResult::Explained(Explained {
                name,
                text,
                mut report,
            }) => {
                for s in &report.syntax_errors {
                    let at = format!("{name}:{}:{}", s.position.line, s.position.column);
                    let _ = run::error_line(stderr, &at, &s.message);
                }
                let file = File {
                    name: &name,
                    text: &text,
                };
                totals.any_unreadable |= !report.syntax_errors.is_empty();
                totals.counts.add(&Counts::of(&report));
                add(&mut totals.summary, &report.summary);
                sink.begin(file)?;
                sink.part(file, &mut report)?;
                let shell = Report {
                    schema_version: report.schema_version,
                    kubernetes_version: report.kubernetes_version,
                    documents: Vec::new(),
                    syntax_errors: report.syntax_errors.clone(),
                    summary: report.summary,
                };
                sink.end(file, &shell)?;
                if last {
                    std::mem::forget(report);
                    std::mem::forget(text);
                }
            }
        }
    }
    Ok(())
}

/// Explains a `kind: List`'s items, a round at a time, and writes them.
fn list(
    file: File<'_>,
    items: &[ListItem],
    options: &Options,
    jobs: usize,
    sink: &mut dyn Sink,
    totals: &mut Totals,
) -> io::Result<()> {
    totals.files += 1;
    sink.begin(file)?;
    let mut summary = Summary::default();
    // Rounds are explained on a thread of their own while this one writes the round
    // before (at most one round waits: memory stays two rounds' worth).
    let (send, receive) = std::sync::mpsc::sync_channel::<Report>(1);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for round in items.chunks(ROUND_PER_JOB * jobs.max(1)) {
                if send
                    .send(explain_round(file, round, options, jobs))
                    .is_err()
                {
                    return; // The output failed: stop.
                }
            }
        });
        for mut part in receive {
            totals.counts.add(&Counts::of(&part));
            add(&mut summary, &part.summary);
            sink.part(file, &mut part)?;
        }
        Ok::<_, io::Error>(())
    })?;
    add(&mut totals.summary, &summary);
    let shell = Report {
        summary,
        ..empty(options)
    };
    sink.end(file, &shell)
}

/// An input explained and written in parts, alone.
enum Alone<'t> {
    /// A List's items.
    List(Vec<ListItem>),
    /// A long stream's pieces.
    Stream(Ordered<'t>),
}

/// Explains a long YAML or JSON stream a round of pieces at a time, in order, and writes each
/// round's documents (its syntax errors on `stderr` as they come).
#[allow(clippy::too_many_arguments)]
fn stream(
    file: File<'_>,
    mut ordered: Ordered<'_>,
    options: &Options,
    jobs: usize,
    sink: &mut dyn Sink,
    stderr: &mut dyn Write,
    totals: &mut Totals,
) -> io::Result<()> {
    totals.files += 1;
    sink.begin(file)?;
    let piece = cutting().1;
    let ranges = pieces::split(file.text, file.text.len() / piece + 1, piece);
    let per_round = PIECES_PER_JOB * jobs.max(1);
    let mut summary = Summary::default();
    let mut syntax_errors = Vec::new();
    // One round at a time (explaining the next round while writing this one, as for a
    // List, measured slower here: 2 CPUs' worth of threads each, 15% more CPU time).
    for round in ranges.chunks(per_round) {
        let mut part = explain_pieces(&mut ordered, round, options, jobs);
        for s in &part.syntax_errors {
            let at = format!("{}:{}:{}", file.name, s.position.line, s.position.column);
            let _ = run::error_line(stderr, &at, &s.message);
        }
        totals.any_unreadable |= !part.syntax_errors.is_empty();
        totals.counts.add(&Counts::of(&part));
        add(&mut summary, &part.summary);
        syntax_errors.extend_from_slice(&part.syntax_errors);
        sink.part(file, &mut part)?;
    }
    add(&mut totals.summary, &summary);
    let shell = Report {
        summary,
        syntax_errors,
        ..empty(options)
    };
    sink.end(file, &shell)
}

/// The next pieces of a long stream, `ranges`, explained on `jobs` threads: their
/// final documents and syntax errors.
fn explain_pieces(
    ordered: &mut Ordered<'_>,
    ranges: &[std::ops::Range<usize>],
    options: &Options,
    jobs: usize,
) -> Report {
    let work = ordered.jobs(ranges);
    let done = parallel::map(&work, jobs, |job| job.explain(options));
    let mut part = empty(options);
    for (job, piece) in work.iter().zip(done) {
        let mut r = ordered.take(job, piece, options);
        part.documents.append(&mut r.documents);
        part.syntax_errors.append(&mut r.syntax_errors);
        add(&mut part.summary, &r.summary);
    }
    part
}

/// The documents of `round`'s items, explained on `jobs` threads.
fn explain_round(file: File<'_>, round: &[ListItem], options: &Options, jobs: usize) -> Report {
    let chunks: Vec<&[ListItem]> = round.chunks(ROUND_PER_JOB / 4).collect();
    let reports = parallel::map(&chunks, jobs, |chunk| {
        let mut part = empty(options);
        for item in *chunk {
            let mut r = pullpolicy::explain(&item.text(file.text), options);
            // `json_list` accepts only objects YAML reads as JSON does: an item alone
            // has no syntax error (tested); were it to, the output would be wrong, so
            // stop (the panic hook's one-line report, status 2).
            assert!(r.syntax_errors.is_empty(), "a List item read differently");
            place(&mut r.documents, item);
            part.documents.append(&mut r.documents);
            add(&mut part.summary, &r.summary);
        }
        part
    });
    let mut part = empty(options);
    for mut r in reports {
        part.documents.append(&mut r.documents);
        add(&mut part.summary, &r.summary);
    }
    part
}

/// A report without documents.
fn empty(options: &Options) -> Report {
    let mut r = pullpolicy::explain("", options);
    r.documents.clear();
    r.syntax_errors.clear();
    r.summary = Summary::default();
    r
}

/// `to += from`.
pub fn add(to: &mut Summary, from: &Summary) {
    to.add(from);
}

/// The exit status of a finished run (as `exit::status` of the whole run).
pub fn status(totals: &Totals, fail_on: crate::args::FailOn) -> u8 {
    if totals.any_unreadable {
        return exit::UNREADABLE;
    }
    match (fail_on.threshold(), totals.counts.max_severity()) {
        (Some(threshold), Some(worst)) if worst >= threshold => exit::FINDINGS,
        _ => exit::OK,
    }
}

#[cfg(test)]
mod tests {
    //! The streamed outputs against the whole run's (`run::collect`, `render::render`):
    //! the same text for the human format and JSON, the same values for SARIF (its keys
    //! move), and JSON Lines put back together into the JSON format's value.

    use super::*;
    use crate::args::{FailOn, Format};
    use crate::render;
    use crate::run::Run;
    use serde_json::{Value, json};
    use std::path::Path;

    fn whole(paths: &[PathBuf], options: &Options, jobs: usize) -> Run {
        let (files, _) = run::collect(paths, "<stdin>", options, jobs);
        Run {
            files,
            options: options.clone(),
            playground_url: crate::text::DEFAULT_PLAYGROUND.to_owned(),
            jobs,
        }
    }

    fn streamed(
        format: Format,
        paths: &[PathBuf],
        options: &Options,
        jobs: usize,
        pretty: bool,
    ) -> (Vec<u8>, Totals) {
        let mut out = Vec::new();
        let (totals, written) = run::stream_to(
            format,
            paths,
            "<stdin>",
            options,
            jobs,
            crate::text::DEFAULT_PLAYGROUND,
            pretty,
            &mut out,
            &mut io::sink(),
        );
        assert!(written.is_ok());
        (out, totals)
    }

    fn text(bytes: &[u8]) -> String {
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    /// The JSON format's value from JSON Lines.
    fn from_lines(lines: &str) -> Value {
        let mut files: Vec<Value> = Vec::new();
        let mut last = Value::Null;
        let mut current: Option<(String, Vec<Value>, Vec<Value>)> = None;
        for line in lines.lines() {
            let v: Value = serde_json::from_str(line).unwrap();
            let path = v["path"].as_str().map(str::to_owned);
            if let Some(path) = path {
                if v.get("error").is_some() {
                    files.push(json!({"path": path, "error": v["error"]}));
                    continue;
                }
                let (_, docs, errors) =
                    current.get_or_insert_with(|| (path.clone(), Vec::new(), Vec::new()));
                if let Some(d) = v.get("document") {
                    docs.push(d.clone());
                } else if let Some(e) = v.get("syntaxError") {
                    errors.push(e.clone());
                } else if let Some(s) = v.get("summary") {
                    let (path, docs, errors) = current.take().unwrap();
                    files.push(json!({"path": path, "report": {
                        "schemaVersion": pullpolicy::SCHEMA_VERSION,
                        "kubernetesVersion": null,
                        "documents": docs, "syntaxErrors": errors, "summary": s}}));
                }
            } else {
                last = v;
            }
        }
        let version = last["options"]["kubernetesVersion"].clone();
        for f in &mut files {
            if let Some(r) = f.get_mut("report") {
                r["kubernetesVersion"] = version.clone();
            }
        }
        assert!(current.is_none());
        assert_eq!(last["files"].as_u64(), Some(files.len() as u64));
        json!({"schemaVersion": last["schemaVersion"], "tool": last["tool"],
               "options": last["options"], "files": files})
    }

    /// Every format, streamed and whole, on `paths`, on each number of threads.
    fn same(paths: &[PathBuf], options: &Options, jobs: &[usize]) {
        for &jobs in jobs {
            let run = whole(paths, options, jobs);
            for format in [
                Format::Json,
                Format::Sarif,
                Format::Human,
                Format::Jsonl,
                Format::Markdown,
                Format::Html,
            ] {
                for pretty in [false, true] {
                    if pretty && matches!(format, Format::Human | Format::Markdown | Format::Html) {
                        continue;
                    }
                    let old_format = if format == Format::Jsonl {
                        Format::Json
                    } else {
                        format
                    };
                    let mut old = Vec::new();
                    render::render(
                        old_format,
                        &run,
                        pretty && format != Format::Jsonl,
                        &mut old,
                    )
                    .unwrap();
                    let (new, totals) = streamed(format, paths, options, jobs, pretty);
                    let what = format!("{format:?} pretty={pretty} jobs={jobs} {paths:?}");
                    match format {
                        Format::Human | Format::Json | Format::Markdown | Format::Html => {
                            assert_eq!(text(&new), text(&old), "{what}")
                        }
                        Format::Sarif => {
                            let old: Value = serde_json::from_slice(&old).unwrap();
                            let new: Value = serde_json::from_slice(&new).unwrap();
                            assert_eq!(new, old, "{what}");
                        }
                        _ => {
                            if pretty {
                                continue;
                            }
                            let old: Value = serde_json::from_slice(&old).unwrap();
                            assert_eq!(from_lines(&text(&new)), old, "{what}");
                        }
                    }
                    for fail_on in [FailOn::Error, FailOn::Warning, FailOn::Info, FailOn::Never] {
                        assert_eq!(
                            status(&totals, fail_on),
                            exit::status(&run, fail_on),
                            "{what}"
                        );
                    }
                }
            }
        }
    }

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
    }

    #[test]
    fn fixtures_stream_as_they_render_whole() {
        let root = root();
        let mut all = Vec::new();
        for dir in [
            "tests/fixtures",
            "web/examples",
            "crates/pullpolicy_cli/tests/data",
        ] {
            let mut files: Vec<PathBuf> = std::fs::read_dir(root.join(dir))
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file() && !p.ends_with("sarif-schema-2.1.0.json"))
                .collect();
            files.sort();
            for f in &files {
                same(std::slice::from_ref(f), &Options::default(), &[2]);
            }
            all.extend(files);
        }
        all.push(root.join("no/such/file.yaml"));
        all.push(root.join("crates/pullpolicy_cli/tests/data/tree"));
        same(&all, &Options::default(), &[1, 3]);
    }

    /// Long YAML streams, cut into pieces and written a round at a time: every fixture
    /// (in pieces of about 200 bytes), and streams with what kubectl carries from one
    /// chunk to the next (a stop, later errors, a stream error) in their middle.
    #[test]
    fn long_streams_stream_as_they_render_whole() {
        CUTTING.set(Some((1, 200)));
        let root = root();
        let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("tests/fixtures"))
            .unwrap()
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_file())
            .collect();
        files.sort();
        for f in &files {
            same(std::slice::from_ref(f), &Options::default(), &[1, 3]);
        }
        let pod = |i: usize| {
            format!(
                "apiVersion: v1\nkind: Pod\nmetadata: {{name: p{i}}}\nspec:\n  containers:\n  - {{name: c, image: \"nginx:1.{i}\"}}\n"
            )
        };
        let pods =
            |from: usize, n: usize| (from..from + n).map(pod).collect::<Vec<_>>().join("---\n");
        let dir = std::env::temp_dir().join(format!(
            "pullpolicy-stream-long-test-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let streams = [
            pods(0, 40),
            format!(
                "{}---\napiVersion: v1\nmetadata: {{name: k}}\n---\n{}",
                pods(0, 9),
                pods(9, 20)
            ),
            format!(
                "{}---\nx: [\n---\n{}---\ny: {{\n---\n{}",
                pods(0, 9),
                pods(9, 9),
                pods(18, 9)
            ),
            format!(
                "{}--- {{}}\n{}--- x\n{}",
                pods(0, 9),
                pods(9, 9),
                pods(18, 9)
            ),
        ];
        let paths: Vec<PathBuf> = streams
            .iter()
            .enumerate()
            .map(|(i, t)| write(&dir, &format!("s{i}.yaml"), t))
            .collect();
        for p in &paths {
            same(std::slice::from_ref(p), &Options::default(), &[1, 3]);
        }
        same(&paths, &Options::default(), &[2]);
        CUTTING.set(None);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// A `kubectl get pods -o json` List of `n` pods; `style` picks the layout.
    pub(crate) fn pods(n: usize, seed: usize) -> Value {
        let images = [
            "nginx",
            "redis:7",
            "Bad Image",
            "",
            "ghcr.io/a/b@sha256:0123",
            "\u{e9}t\u{e9}:1",
            "x:\u{1F433}",
        ];
        let policies = [
            None,
            Some(json!("Always")),
            Some(json!("never")),
            Some(json!(7)),
            Some(json!(null)),
            Some(json!("")),
        ];
        let items: Vec<Value> = (0..n)
            .map(|i| {
                let k = i + seed;
                let mut c = json!({"name": format!("c{k}"), "image": images[k % images.len()],
                    "env": [{"name": "A", "value": "<\u{e9}>"}], "ports": [{"containerPort": 80}]});
                if let Some(p) = &policies[k % policies.len()] {
                    c["imagePullPolicy"] = p.clone();
                }
                if k.is_multiple_of(5) {
                    c["imagPullPolicy"] = json!("Always");
                }
                // Names that would break a table or write markup or escape sequences.
                let name = if k % 7 == 2 {
                    format!("p{k} |a|\n- **b** <script>\u{1b}[31m`c`\r\n<details>")
                } else {
                    format!("p{k}")
                };
                let mut pod = json!({"apiVersion": "v1", "kind": "Pod",
                    "metadata": {"name": name, "namespace": "ns",
                                 "annotations": {"a": "x\ny\"z", "\u{1F433}": "\u{1F433}"}},
                    "spec": {"containers": [c.clone(), {"name": "side", "image": "envoy:1"}],
                             "initContainers": [{"name": "init", "image": "busybox", "restartPolicy": "Always"}]},
                    "status": {"phase": "Pending", "containerStatuses": [{"name": "c", "ready": false,
                        "state": {"waiting": {"reason": "ImagePullBackOff"}}}]}});
                match k % 11 {
                    3 => pod = json!({"kind": "ConfigMap", "apiVersion": "v1", "data": {"k": k}}),
                    4 => pod = json!({"kind": "Deployment", "apiVersion": "apps/v1", "metadata": {"name": "d"},
                        "spec": {"template": {"spec": {"containers": [c]}}}}),
                    6 => pod = json!({"kind": "Service", "apiVersion": "v1", "metadata": {"name": "s"}}),
                    8 => pod = json!({"kind": "Thing", "apiVersion": "example.com/v1",
                        "spec": {"template": {"spec": {"containers": [{"name": "t", "image": "t:1"}]}}}}),
                    _ => {}
                }
                pod
            })
            .collect();
        json!({"apiVersion": "v1", "kind": "List", "items": items, "metadata": {"resourceVersion": ""}})
    }

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn yaml_lists_stream_as_they_render_whole() {
        let dir = std::env::temp_dir().join(format!(
            "pullpolicy-stream-yaml-test-{}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        let yaml = serde_yaml::to_string(&pods(60, 1)).unwrap();
        let accepted = [
            yaml.clone(),
            serde_yaml::to_string(&pods(0, 0)).unwrap(),
            format!("{yaml}\n\n"),
            yaml.replacen("kind: Pod\n", "kind: Pod\n  # a comment\n", 1),
            yaml.replacen("  kind: Pod\n", "  kind: Pod\n  extra: [a, {b: [c]}]\n", 1),
        ];
        for (i, t) in accepted.iter().enumerate() {
            assert!(pullpolicy::items::yaml_list(t).is_some(), "{i}:\n{t}");
        }
        let refused = [
            yaml.replace("  ", "\t"),
            yaml.replace('\n', "\r\n"),
            format!("# comment\n{yaml}"),
            format!("---\n{yaml}"),
            yaml.replacen("kind: Pod\n", "kind: Pod\n  x: &a 1\n  y: *a\n", 1),
            yaml.replacen("kind: Pod\n", "kind: Pod\n  x: !!str 1\n", 1),
            yaml.replacen("- apiVersion: v1\n  kind: Pod\n", "- kind: Pod\n", 1),
            yaml.replacen("  kind: Pod\n", "  kind: PodList\n  items: []\n", 1),
            yaml.replacen("  kind: Pod\n", "  kind: Pod\n  kind: Pod\n", 1),
            yaml.replacen("  kind: Pod\n", "  kind: Pod\n  x: 'unclosed\n", 1),
            yaml.replacen(
                "  kind: Pod\n",
                "  kind: Pod\n  x: [[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]\n",
                1,
            ),
            yaml.replacen("items:\n", "items:\n- 7\n", 1),
            yaml.replace("kind: List", "kind: PodList"),
            yaml.replacen("items:\n- ", "items:\n  - ", 1),
            format!("{yaml}extra: 1\n"),
        ];
        for (i, t) in refused.iter().enumerate() {
            assert!(pullpolicy::items::yaml_list(t).is_none(), "{i}:\n{t}");
        }
        let mut paths = Vec::new();
        for (i, t) in accepted.iter().chain(&refused).enumerate() {
            let path = write(&dir, &format!("list-{i}.yaml"), t);
            same(std::slice::from_ref(&path), &Options::default(), &[2]);
            paths.push(path);
        }
        let oldest = Options {
            kubernetes_version: pullpolicy::KubeVersion::OLDEST,
            ..Options::default()
        };
        same(&paths[..4], &oldest, &[1, 3]);
        let big = write(
            &dir,
            "big.yaml",
            &serde_yaml::to_string(&pods(700, 5)).unwrap(),
        );
        same(std::slice::from_ref(&big), &Options::default(), &[1, 3]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn generated_lists_stream_as_they_render_whole() {
        let dir =
            std::env::temp_dir().join(format!("pullpolicy-stream-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let list = pods(40, 0);
        let pretty = serde_json::to_string_pretty(&list).unwrap();
        let compact = serde_json::to_string(&list).unwrap();
        let yaml = serde_yaml::to_string(&list).unwrap();
        let accepted = [
            pretty.clone(),
            compact.clone(),
            pretty.replace('\n', "\r\n"),
            format!("\n  {}\n\n", pretty),
            serde_json::to_string_pretty(&pods(0, 0)).unwrap(),
        ];
        for (i, t) in accepted.iter().enumerate() {
            assert!(pullpolicy::items::json_list(t).is_some(), "{i}");
        }
        let refused = [
            yaml,
            pretty.replace("    ", "\t"),
            pretty.replacen("\"items\"", "\"items\": [], \"items\"", 1),
            pretty[..pretty.len() / 2].to_owned(),
            format!(
                "{pretty}\n---\n{yaml_pod}",
                yaml_pod = "kind: Pod\nspec: {containers: [{name: a, image: b}]}\n"
            ),
            pretty.replacen(
                "\"kind\": \"Pod\"",
                "\"kind\": \"PodList\", \"items\": [{\"kind\": \"Pod\"}]",
                1,
            ),
            compact.replacen("},{", "},,{", 1),
            format!("# comment\n{pretty}"),
            // What kubectl checks across a List's items: refused, explained whole.
            compact.replacen("\"items\":[", "\"items\":[7,", 1),
            compact.replacen("\"items\":[", "\"items\":[{},", 1),
            compact.replacen(
                "\"apiVersion\":\"v1\",\"kind\":\"Pod\"",
                "\"kind\":\"Pod\"",
                1,
            ),
            pretty.replace("\"List\"", "\"PodList\""),
        ];
        for (i, t) in refused.iter().enumerate() {
            assert!(pullpolicy::items::json_list(t).is_none(), "{i}");
        }
        let mut paths = Vec::new();
        for (i, t) in accepted.iter().chain(&refused).enumerate() {
            let path = write(&dir, &format!("list-{i}.json"), t);
            same(std::slice::from_ref(&path), &Options::default(), &[2]);
            paths.push(path);
        }
        let oldest = Options {
            kubernetes_version: pullpolicy::KubeVersion::OLDEST,
            ..Options::default()
        };
        same(&paths, &oldest, &[1, 3]);
        // More items than a round on one thread, and than a round on three.
        let big = write(
            &dir,
            "big.json",
            &serde_json::to_string_pretty(&pods(800, 5)).unwrap(),
        );
        same(std::slice::from_ref(&big), &Options::default(), &[1, 3]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
