//! One long stream explained in pieces, for callers with threads (the CLI): the same
//! report [`crate::explain`] gives, byte for byte.
//!
//! ```
//! use pullpolicy::{Options, pieces};
//! let text = "kind: Pod\nspec: {containers: [{name: a, image: nginx}]}\n---\nkind: Pod\nspec: {containers: [{name: b, image: redis:7}]}\n";
//! let options = Options::default();
//! let ranges = pieces::split(text, 2, 1);
//! assert_eq!(ranges.len(), 2);
//! let parts = ranges.into_iter().map(|r| pieces::explain(text, r, &options)).collect();
//! assert_eq!(pieces::join(text, parts, &options), pullpolicy::explain(text, &options));
//! ```
//!
//! Why a cut at a `---` line is exact: kubectl itself cuts a YAML stream into chunks at
//! every line that starts with `---` (apimachinery `YAMLReader`), and each chunk is a
//! separate go-yaml stream ([`crate::read`]): nothing carries from one chunk to the next.
//! [`split`] cuts only at a valid separator line whose previous line does not start
//! with `---` (so that line ends a chunk and is dropped, in the whole text as in the
//! piece), and only at line feeds (kubectl's line breaks). A piece
//! that meets an error kubectl stops at is re-read whole by [`join`] (kubectl stops
//! there: what it never sends depends on the whole text). Each document's analysis and
//! node simulation depend on that document alone (`explain::read_document`,
//! `kubelet::simulate`).
//!
//! A JSON stream is cut too (`split_json`): kubectl reads it value by value with
//! `encoding/json`, and from the third value on a syntax error ends the stream (in the
//! first two, kubectl from 1.33 falls back to reading YAML instead: such a stream is
//! not cut, and [`Ordered::new`] refuses it). A piece after the first is read as the
//! rest of that stream (`read::read_json_from`: the error's offset in the whole
//! stream, as kubectl up to 1.32 prints it); a piece that meets its syntax error is
//! re-read whole by [`join`], and in [`Ordered`] no piece after it has documents.

use crate::explain::{Carry, Cx, Read, Stop, assemble, read_document, read_items, stop_at};
use crate::options::Options;
use crate::report::{Document, Report, SyntaxError};
use crate::source::{At, SourceMap};
use std::ops::Range;

/// The analysis of one piece; [`join`] puts the pieces of a text back together.
#[derive(Debug)]
pub struct Piece(Part);

#[derive(Debug)]
enum Part {
    /// The whole text, explained as [`crate::explain`] does (nothing to join).
    Whole(Report),
    /// The documents of a piece, numbered from 0 within it, and how many stream
    /// documents it holds.
    Documents(Vec<Document>, usize),
    /// The piece met a syntax error or a document it cannot read: [`join`] explains
    /// the text whole.
    Unclean,
}

/// At most `parts` byte ranges covering `text`, each after the first starting at a
/// `---` line (a JSON stream's: see `split_json`) and each at least `min_len` bytes
/// long (the last may be shorter). One range when the text cannot be cut exactly (see
/// the module's documentation).
pub fn split(text: &str, parts: usize, min_len: usize) -> Vec<Range<usize>> {
    if parts < 2 || text.len() < min_len.saturating_mul(2) {
        return std::iter::once(0..text.len()).collect();
    }
    if !cuttable(text) {
        if !crate::read::json_values_settle(text) {
            return std::iter::once(0..text.len()).collect();
        }
        return split_json(text, parts, min_len);
    }
    let step = (text.len() / parts).max(min_len).max(1);
    let mut ranges = Vec::with_capacity(parts);
    let mut start = 0;
    while ranges.len() + 1 < parts {
        let Some(cut) = marker_at_or_after(text, start + step) else {
            break;
        };
        if text.len() - cut < min_len / 2 {
            break;
        }
        ranges.push(start..cut);
        start = cut;
    }
    ranges.push(start..text.len());
    ranges
}

/// A YAML stream cut at every line where [`split`] may cut: a separator line kubectl
/// cuts at, but not one right after another `---` line (such chunks stay together).
/// Each range after the first starts at its `---` line, and holds one or a few of the
/// chunks kubectl reads one by one. One range for a JSON stream, or a text without such
/// a line.
pub fn chunks(text: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    if cuttable(text) {
        // From the line after the range's first: a range is never empty.
        while let Some(next) = text[start..].find('\n').map(|i| start + i + 1)
            && let Some(cut) = marker_at_or_after(text, next)
        {
            ranges.push(start..cut);
            start = cut;
        }
    }
    ranges.push(start..text.len());
    ranges
}

/// Whether `text` is a YAML stream (kubectl reads a text that starts with `{` as a JSON
/// stream, which is not cut at lines).
fn cuttable(text: &str) -> bool {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    !crate::read::looks_like_json(text.as_bytes())
}

/// Whether `line` (without its line break) is a valid document separator for kubectl.
fn separator(line: &[u8]) -> bool {
    line.strip_prefix(b"---").is_some_and(|rest| {
        let rest = rest.trim_ascii();
        rest.is_empty() || rest[0] == b'#'
    })
}

/// The byte offset of the first line at or after byte `from` that is a cut: a valid
/// separator whose previous line does not start with `---`.
fn marker_at_or_after(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from.min(bytes.len());
    // Back to the start of the line `from` is in, so a marker at `from` counts.
    while at > 0 && bytes[at - 1] != b'\n' {
        at -= 1;
    }
    let line_at = |at: usize| {
        let rest = &bytes[at..];
        let end = rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
        &rest[..end]
    };
    let mut previous: Option<usize> = None;
    if at > 0 {
        let mut p = at - 1;
        while p > 0 && bytes[p - 1] != b'\n' {
            p -= 1;
        }
        previous = Some(p);
    }
    loop {
        if at >= bytes.len() {
            return None;
        }
        let line = line_at(at);
        // The reader skips a byte order mark at the text's start: a first line of
        // `\u{feff}---…` is a separator line too.
        let previous_line = |p: usize| {
            let line = line_at(p);
            match line.strip_prefix("\u{feff}".as_bytes()) {
                Some(rest) if p == 0 => rest,
                _ => line,
            }
        };
        if let Some(p) = previous
            && separator(line)
            && !previous_line(p).starts_with(b"---")
        {
            return Some(at);
        }
        previous = Some(at);
        at += line.len() + 1;
    }
}

/// At most `parts` byte ranges covering the JSON stream `text`, each at least
/// `min_len` bytes long (the last may be shorter): cut only at the start of a line
/// after a value, from the end of the second on, where only white space follows the
/// value. Each cut is where `encoding/json` reads on to the next value, if everything
/// before it is valid JSON; if not, its syntax error comes earlier, in the same piece,
/// at the same byte. The scan counts brackets (outside strings) and takes a top-level
/// scalar to end before white space or a delimiter, as a valid one does; it makes no
/// more cuts after anything else at the top level (a stray bracket, a comma).
fn split_json(text: &str, parts: usize, min_len: usize) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let step = (text.len() / parts.max(1)).max(min_len).max(1);
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut values = 0usize;
    let mut i = crate::read::stream_start(text);
    // Only white space since a top-level value ended.
    let mut after = false;
    while i < b.len() && ranges.len() + 1 < parts {
        match (depth, b[i]) {
            (0, b' ' | b'\t' | b'\r') => {}
            (0, b'\n') => {
                let cut = i + 1;
                if after
                    && values >= 2
                    && cut - start >= step
                    && cut < b.len()
                    && b.len() - cut >= min_len / 2
                {
                    ranges.push(start..cut);
                    start = cut;
                }
            }
            (_, b'{' | b'[') => {
                depth += 1;
                after = false;
            }
            (0, b'"') => {
                i = string_end(b, i);
                values += 1;
                after = true;
            }
            (0, b'-' | b'0'..=b'9' | b't' | b'f' | b'n') => {
                while i + 1 < b.len()
                    && !matches!(
                        b[i + 1],
                        b' ' | b'\t'
                            | b'\r'
                            | b'\n'
                            | b'{'
                            | b'}'
                            | b'['
                            | b']'
                            | b','
                            | b':'
                            | b'"'
                    )
                {
                    i += 1;
                }
                values += 1;
                after = true;
            }
            (0, _) => break,
            (_, b'}' | b']') => {
                depth -= 1;
                if depth == 0 {
                    values += 1;
                    after = true;
                }
            }
            (_, b'"') => i = string_end(b, i),
            _ => {}
        }
        i += 1;
    }
    ranges.push(start..text.len());
    ranges
}

/// Where the JSON string that starts at `b[i]` ends: its closing quote (at or past the
/// end when it has none).
fn string_end(b: &[u8], mut i: usize) -> usize {
    i += 1;
    while i < b.len() && b[i] != b'"' {
        i += if b[i] == b'\\' { 2 } else { 1 };
    }
    i
}

/// Explains the piece `range` of `text` (a range from [`split`]).
pub fn explain(text: &str, range: Range<usize>, options: &Options) -> Piece {
    if range == (0..text.len()) {
        // One piece, directives and syntax errors included: read once, as a whole.
        return Piece(Part::Whole(crate::explain(text, options)));
    }
    Job::new(
        text,
        range.clone(),
        At::START.walk(text, range.start),
        !cuttable(text),
    )
    .explain(options)
}

/// A piece of a stream, ready to be explained on any thread: its text, read and mapped
/// alone, and where it starts in the whole text (its documents' positions are moved
/// there).
#[derive(Debug)]
pub struct Job<'t> {
    /// The piece's text: from its cut line (or the text's start) to its end.
    piece: &'t str,
    /// Where reading starts in it: after the cut line (which ends the previous piece's
    /// last chunk), or at its start for the text's first piece.
    start: usize,
    map: SourceMap<'t>,
    /// Where the piece starts in the whole text.
    at: At,
    /// A piece of a JSON stream after its first: how many bytes of the stream precede
    /// it.
    json_after: Option<usize>,
}

impl<'t> Job<'t> {
    /// The piece `range` of `text`, which starts at `at`; `json`: `text` is a JSON
    /// stream.
    fn new(text: &'t str, range: Range<usize>, at: At, json: bool) -> Job<'t> {
        let piece = &text[range.clone()];
        let start = if range.start == 0 || json {
            0
        } else {
            piece.find('\n').map_or(piece.len(), |i| i + 1)
        };
        Job {
            piece,
            start,
            map: SourceMap::new(piece),
            at,
            json_after: (json && range.start > 0)
                .then(|| range.start - crate::read::stream_start(text)),
        }
    }

    /// kubectl's reading of the piece: each chunk is a stream of its own, and each
    /// JSON value after the first two, so the piece alone reads as in the whole text;
    /// its byte offsets are the piece's.
    fn reader(&self, options: &Options) -> crate::read::Reader<'t> {
        let read_options = options.kubernetes_version.read_options();
        match self.json_after {
            Some(shift) => crate::read::read_json_from(self.piece, shift, read_options),
            None => crate::read::read_yaml_from(self.piece, self.start, read_options),
        }
    }

    /// Moves the positions of the piece's documents and syntax errors to the whole
    /// text's.
    fn place(&self, documents: &mut [Document], syntax_errors: &mut [SyntaxError]) {
        if self.at.byte == 0 {
            return;
        }
        for d in documents {
            d.move_positions(|p| self.at.moved(p));
        }
        for s in syntax_errors {
            self.at.moved(&mut s.position);
        }
    }

    /// Its documents, numbered from 0, analysed and simulated; or, when it meets an
    /// error, [`Piece`]'s `Unclean`.
    pub fn explain(&self, options: &Options) -> Piece {
        let mut documents = Vec::new();
        let mut count = 0;
        for item in self.reader(options) {
            match item {
                crate::read::Item::Document(d) if d.error.is_none() => {
                    count = d.index + 1;
                    let Some(doc) = &d.doc else {
                        return Piece(Part::Unclean);
                    };
                    let cx = Cx {
                        map: &self.map,
                        options,
                        index: d.index,
                    };
                    read_document(&cx, doc, &mut documents);
                }
                _ => return Piece(Part::Unclean),
            }
        }
        crate::kubelet::simulate(&mut documents, options);
        self.place(&mut documents, &mut []);
        Piece(Part::Documents(documents, count))
    }
}

/// A YAML or JSON stream explained in order, a piece at a time, for callers that write each
/// part as soon as it is ready and drop it (the CLI's path for long streams, in
/// memory that does not grow with the documents): [`Ordered::jobs`] makes the pieces'
/// jobs, in order; each is explained on any thread ([`Job::explain`]); [`Ordered::take`]
/// takes their results back in order and returns each part's final documents.
///
/// The parts' documents, in order, are [`crate::explain`]'s, and their syntax errors
/// its `syntax_errors`: what kubectl carries from one chunk to the next is carried
/// here from one piece to the next — the documents' numbering (a stream error is a
/// record of its own), whether kubectl's own read error was met (only the first stops
/// the stream), and the document it stops at (every object after it is never sent).
/// A piece that meets an error is read again, in order, from that state.
#[derive(Debug)]
pub struct Ordered<'t> {
    text: &'t str,
    /// Where the next piece starts.
    next: At,
    carry: Carry,
    stop: Option<Stop>,
    /// `text` is a JSON stream.
    json: bool,
    /// A JSON stream's syntax error was met: kubectl reads nothing after it.
    ended: bool,
}

impl<'t> Ordered<'t> {
    /// `None` for a JSON stream whose first or second value `encoding/json` cannot
    /// read: kubectl from 1.33 then falls back to reading YAML (explain it whole).
    pub fn new(text: &'t str) -> Option<Ordered<'t>> {
        let json = !cuttable(text);
        (!json || crate::read::json_values_settle(text)).then_some(Ordered {
            text,
            next: At::START,
            carry: Carry::default(),
            stop: None,
            json,
            ended: false,
        })
    }

    /// The jobs of the next pieces, `ranges`: consecutive ranges from [`split`], the
    /// first where the previous call's last ended (at 0 the first time).
    ///
    /// # Panics
    ///
    /// If a range does not start where the one before it ended.
    pub fn jobs(&mut self, ranges: &[Range<usize>]) -> Vec<Job<'t>> {
        ranges
            .iter()
            .map(|range| {
                assert_eq!(range.start, self.next.byte, "pieces out of order");
                let job = Job::new(self.text, range.clone(), self.next, self.json);
                self.next = job.map.end_from(self.next);
                job
            })
            .collect()
    }

    /// The final documents (and syntax errors) of `job`, explained as `piece`: taken in
    /// the order of the jobs. A report without its summary's other parts: its
    /// documents, their syntax errors and their summary.
    pub fn take(&mut self, job: &Job<'t>, piece: Piece, options: &Options) -> Report {
        if self.ended {
            return assemble(Vec::new(), Vec::new(), options);
        }
        let (mut documents, syntax_errors, unreached) = match piece.0 {
            Part::Documents(mut documents, count) => {
                for d in &mut documents {
                    d.index += self.carry.next;
                }
                self.carry.next += count;
                (documents, Vec::new(), Vec::new())
            }
            // Not made by a job.
            Part::Whole(_) | Part::Unclean => {
                let mut read = Read::default();
                read_items(
                    job.reader(options),
                    &job.map,
                    job.piece.len(),
                    options,
                    &mut self.carry,
                    &mut read,
                );
                crate::kubelet::simulate(&mut read.documents, options);
                job.place(&mut read.documents, &mut read.syntax_errors);
                // A JSON stream's syntax error (kubectl's first read error) ends it.
                self.ended = self.json && self.carry.stopped;
                (read.documents, read.syntax_errors, read.unreached)
            }
        };
        if self.stop.is_none() {
            self.stop = Stop::of(&documents);
        }
        if let Some(stop) = &self.stop {
            stop_at(&mut documents, &unreached, stop, options);
        }
        assemble(documents, syntax_errors, options)
    }
}

/// The report of `text` from its pieces, in order; equal to [`crate::explain`]'s.
/// When a piece met a syntax error, `text` is explained again as a whole.
pub fn join(text: &str, pieces: Vec<Piece>, options: &Options) -> Report {
    let mut documents = Vec::new();
    let mut first = 0;
    for piece in pieces {
        match piece.0 {
            Part::Whole(report) => return report,
            Part::Unclean => return crate::explain(text, options),
            Part::Documents(docs, count) => {
                documents.extend(docs.into_iter().map(|mut d| {
                    d.index += first;
                    d
                }));
                first += count;
            }
        }
    }
    assemble(documents, Vec::new(), options)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `chunks` cuts at every separator line kubectl cuts at, never at the text's first
    /// line, and covers the text.
    #[test]
    fn chunks_are_kubectl_cuts() {
        fn cut(text: &str) -> Vec<&str> {
            let ranges = chunks(text);
            assert_eq!(ranges.first().map(|r| r.start), Some(0));
            assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
            assert!(ranges.windows(2).all(|w| w[0].end == w[1].start));
            ranges.into_iter().map(|r| &text[r]).collect()
        }
        assert_eq!(
            cut("a: 1\n---\nb: 2\n--- # c\nc: 3"),
            ["a: 1\n", "---\nb: 2\n", "--- # c\nc: 3"]
        );
        // A first `---` line stays in the first chunk; a separator right after another
        // is not a cut; `---x` is not a separator.
        assert_eq!(
            cut("---\na: 1\n---\n---\nb: 2\n---x\n"),
            ["---\na: 1\n", "---\n---\nb: 2\n---x\n"]
        );
        assert_eq!(cut("\u{feff}---\na: 1\n"), ["\u{feff}---\na: 1\n"]);
        assert_eq!(
            cut("a: 1\r\n---\r\nb: 2\r\n"),
            ["a: 1\r\n", "---\r\nb: 2\r\n"]
        );
        // A JSON stream is not cut at lines.
        assert_eq!(cut("{}\n---\n{}\n"), ["{}\n---\n{}\n"]);
        assert_eq!(cut(""), [""]);
        assert_eq!(cut("---"), ["---"]);
    }

    fn pod(name: &str) -> String {
        format!(
            "kind: Pod\nmetadata: {{name: {name}}}\nspec:\n  containers:\n  - {{name: c, image: nginx}}\n"
        )
    }

    fn stream(n: usize) -> String {
        (0..n)
            .map(|i| pod(&format!("p{i}")))
            .collect::<Vec<_>>()
            .join("---\n")
    }

    fn pieces_equal_whole(text: &str, parts: usize, min_len: usize) -> usize {
        let options = Options::default();
        let ranges = split(text, parts, min_len);
        let n = ranges.len();
        let pieces = ranges
            .into_iter()
            .map(|r| explain(text, r, &options))
            .collect();
        let whole = crate::explain(text, &options);
        assert_eq!(join(text, pieces, &options), whole);
        for round in [1, 3] {
            assert_eq!(
                in_order(text, parts, min_len, round, &options).as_ref(),
                Some(&whole)
            );
        }
        n
    }

    /// The parts of [`Ordered`] put back together, `round` jobs at a time (`None` for a
    /// JSON stream whose first two values do not read).
    pub(super) fn in_order(
        text: &str,
        parts: usize,
        min_len: usize,
        round: usize,
        options: &Options,
    ) -> Option<Report> {
        let mut ordered = Ordered::new(text)?;
        let mut all = assemble(Vec::new(), Vec::new(), options);
        for ranges in split(text, parts, min_len).chunks(round) {
            let jobs = ordered.jobs(ranges);
            let done: Vec<Piece> = jobs.iter().map(|j| j.explain(options)).collect();
            for (job, piece) in jobs.iter().zip(done) {
                let mut part = ordered.take(job, piece, options);
                all.documents.append(&mut part.documents);
                all.syntax_errors.append(&mut part.syntax_errors);
                all.summary.add(&part.summary);
            }
        }
        Some(all)
    }

    fn json_pod(name: &str) -> String {
        format!(
            r#"{{"apiVersion":"v1","kind":"Pod","metadata":{{"name":"{name}"}},"spec":{{"containers":[{{"name":"c","image":"nginx"}}]}}}}"#
        )
    }

    fn ndjson(n: usize) -> String {
        (0..n).map(|i| json_pod(&format!("p{i}")) + "\n").collect()
    }

    #[test]
    fn json_streams_are_cut_after_values_at_line_starts() {
        let text = ndjson(10);
        let ranges = split_json(&text, 5, 1);
        assert_eq!(ranges.len(), 5);
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[..pair[1].start].ends_with("}\n"));
            assert!(text[pair[1].clone()].starts_with("{\"apiVersion\""));
        }
        // Never inside the first two values, a string, an object; after a top-level
        // number too; never after a stray comma.
        let tricky = format!(
            "{}{}\n{{\"a\": \"}}\\n{{\\\"\",\n\"b\": [\n{{}}\n]}}\n1\n{}",
            json_pod("a"),
            json_pod("b"),
            ndjson(4)
        );
        let ranges = split_json(&tricky, tricky.len(), 1);
        let cuts: Vec<usize> = ranges.iter().skip(1).map(|r| r.start).collect();
        let second = tricky.find('\n').expect("two values on one line") + 1;
        let number = tricky.find("\n1\n").expect("a number") + 1;
        let mut expected = vec![second, number, number + 2];
        for (i, _) in tricky[number + 2..].match_indices('\n') {
            expected.push(number + 2 + i + 1);
        }
        expected.pop(); // Not at the very end.
        assert_eq!(cuts, expected);
        let stray = format!(
            "{}{}\n{}\n,\n{}",
            json_pod("a"),
            json_pod("b"),
            json_pod("c"),
            ndjson(3)
        );
        let cuts: Vec<usize> = split_json(&stray, 64, 1)
            .iter()
            .skip(1)
            .map(|r| r.start)
            .collect();
        assert_eq!(cuts.len(), 2, "{cuts:?}");
        // Values on one line are not cut.
        let line = json_pod("a").repeat(20);
        assert_eq!(split_json(&line, 8, 1).len(), 1);
    }

    #[test]
    fn json_streams_in_order_equal_the_whole() {
        // Clean; a syntax error in the middle (nothing after it is read), at the end
        // (an unterminated value), two values on a line, a byte order mark; in 1.32
        // (the error's offset in the whole stream) and 1.37.
        let mid = format!("{}{{\"kind\": \"Pod\",]\n{}", ndjson(5), ndjson(5));
        let texts = [
            ndjson(12),
            mid,
            format!("{}{{\"kind\": \"Pod\"", ndjson(6)),
            format!("{}{}\n{}", json_pod("x"), json_pod("y"), ndjson(6)),
            format!("\u{feff}{}{{x}}\n{}", ndjson(6), ndjson(2)),
            // Top-level scalars, valid and not (`jq -c` prints `null` for a missing
            // value).
            format!(
                "{}null\n\"s\"\n-1.5e3\n{}tru\n{}",
                ndjson(3),
                ndjson(3),
                ndjson(2)
            ),
            format!("{}1\n2\n{}", ndjson(2), ndjson(3)),
        ];
        for minor in [32, 37] {
            let options = Options {
                kubernetes_version: crate::KubeVersion::new(minor).expect("supported"),
                ..Options::default()
            };
            for text in &texts {
                let whole = crate::explain(text, &options);
                for (parts, round) in [(2, 1), (7, 2), (64, 3)] {
                    assert_eq!(
                        in_order(text, parts, 1, round, &options).as_ref(),
                        Some(&whole),
                        "1.{minor}, {parts} parts: {text}"
                    );
                    let pieces = split(text, parts, 1)
                        .into_iter()
                        .map(|r| explain(text, r, &options))
                        .collect();
                    assert_eq!(join(text, pieces, &options), whole, "joined: {text}");
                }
                assert!(split(text, 64, 1).len() > 3);
            }
        }
        // An error in the first two values: read as YAML from 1.33, whole.
        let unsettled = format!("{}{{x}}\n{}", json_pod("a"), ndjson(6));
        assert!(Ordered::new(&unsettled).is_none());
        assert_eq!(split(&unsettled, 8, 1).len(), 1);
    }

    #[test]
    fn cuts_only_at_document_markers() {
        let text = stream(10);
        let ranges = split(&text, 4, 1);
        assert_eq!(ranges.len(), 4);
        assert_eq!(ranges[0].start, 0);
        assert_eq!(ranges.last().map(|r| r.end), Some(text.len()));
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
            assert!(text[pair[1].clone()].starts_with("---\n"));
        }
        assert_eq!(pieces_equal_whole(&text, 4, 1), 4);
    }

    #[test]
    fn texts_that_cannot_be_cut_stay_whole() {
        let text = stream(10);
        assert_eq!(split(&text, 1, 1).len(), 1);
        assert_eq!(split(&text, 4, text.len()).len(), 1, "too short");
        for uncuttable in [
            // A JSON stream (kubectl does not cut it at lines), a text without `---`,
            // `---` lines only after another `---` line, a lone carriage return.
            format!("{{\"kind\": \"Pod\"}}\n---\n{text}"),
            "a: 1\nb: 2\n".repeat(100),
            "---\n".repeat(100),
            "a: 1\r---\rb: 2\r".repeat(100),
        ] {
            assert_eq!(split(&uncuttable, 4, 1).len(), 1, "{uncuttable:.40}");
        }
    }

    #[test]
    fn pieces_with_errors_fall_back_to_the_whole_read() {
        let options = Options::default();
        for text in [
            // A quoted scalar across a separator line, a flow collection across one,
            // an error in the middle, a collection key, an alias across documents,
            // an invalid separator, a non-finite number.
            format!(
                "{}---\nmetadata: {{name: \"a\n---\nb\"}}\n---\n{}",
                pod("x"),
                pod("y")
            ),
            format!("{}---\nlist: [a,\n---\n]\n---\n{}", pod("x"), pod("y")),
            format!("{}---\nkind: [\n---\n{}", stream(3), stream(3)),
            format!("{}---\n{{a: 1}}: b\n---\n{}", pod("x"), pod("y")),
            format!("a: &x 1\n---\nb: *x\n---\n{}", pod("y")),
            format!("{}--- {{}}\n{}", stream(3), stream(3)),
            format!("{}---\nx: .inf\n---\n{}", stream(3), stream(3)),
        ] {
            let pieces: Vec<Piece> = split(&text, 8, 1)
                .into_iter()
                .map(|r| explain(&text, r, &options))
                .collect();
            assert!(pieces.len() > 1, "{text}");
            let whole = crate::explain(&text, &options);
            assert_eq!(join(&text, pieces, &options), whole);
            for round in [1, 2, 8] {
                assert_eq!(in_order(&text, 8, 1, round, &options), Some(whole.clone()));
            }
        }
    }

    #[test]
    fn in_order_the_state_kubectl_carries_crosses_pieces() {
        // What one piece leaves for the next: the stop of a client-side refusal (no
        // kind) or of a read error, later errors that are not kubectl's, stream errors
        // that number the documents after them, an invalid separator whose chunk is
        // never decoded, errors in several pieces, clean pieces between them.
        let options = Options::default();
        let no_kind = "apiVersion: v1\nmetadata: {name: k}\n";
        let texts = [
            format!("{}---\n{no_kind}---\n{}", stream(2), stream(4)),
            format!(
                "{}---\nx: [\n---\n{}---\ny: {{\n---\n{}",
                stream(2),
                stream(3),
                stream(2)
            ),
            format!("{}--- {{}}\n{}--- x\n{}", stream(3), stream(3), stream(3)),
            format!(
                "{}---\nx: .nan\n---\n{}---\n{no_kind}---\n{}",
                pod("a"),
                stream(3),
                stream(2)
            ),
            format!("{}---\n{no_kind}---\nx: [\n---\n{}", stream(3), stream(3)),
            format!("{}\n...\n%YAML 1.1\n--- x\n{}", stream(2), stream(3)),
            format!(
                "{}---\n\u{feff}x: 1\n---\n- a\n---\n{}",
                stream(2),
                stream(2)
            ),
        ];
        for text in texts {
            let whole = crate::explain(&text, &options);
            assert!(split(&text, 64, 1).len() > 3, "{text}");
            assert!(whole.summary.errors > 0, "{text}");
            for round in [1, 2, 5] {
                assert_eq!(
                    in_order(&text, 64, 1, round, &options).as_ref(),
                    Some(&whole),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn a_separator_after_a_byte_order_mark_starts_the_next_chunk() {
        // Found by fuzzing: the reader skips the text's byte order mark, so its first
        // line is a (here invalid) separator, and the `---` line after it starts a
        // chunk (go-yaml counts it in its error's line) instead of ending one: no cut.
        let text = "\u{feff}---kindntpiVersiq\0  a c:1\n---\n*i [(ort: <: !<zzzzzzzzzzz🐳\n    imagePullPl(orginxways\n";
        assert_eq!(split(text, 4, 1).len(), 1);
        let text = format!("\u{feff}---\n---\n{}", stream(3));
        assert!(split(&text, 4, 1).iter().all(|r| r.start != 7));
        pieces_equal_whole(&text, 4, 1);
    }

    #[test]
    fn directives_and_byte_order_marks_belong_to_their_chunk() {
        // Each chunk is a go-yaml stream of its own: a directive or a byte order mark
        // carries nothing across a `---` line.
        for text in [
            format!("%YAML 1.1\n---\n{}", stream(4)),
            format!("{}...\n%TAG ! tag:x,2024:\n---\n{}", stream(4), pod("d")),
            format!("{}---\n\u{feff}{}", stream(4), pod("bom")),
            format!("\u{feff}{}", stream(4)),
            "-[--\n%an".to_owned(),
        ] {
            pieces_equal_whole(&text, 1, 1);
            pieces_equal_whole(&text, 4, 1);
        }
    }

    #[test]
    fn a_piece_ends_as_the_whole_text_ends_it() {
        // Found by fuzzing: an empty block scalar's span runs to the `---` after it in
        // the whole text, to nothing at the end of a text.
        for text in [
            ">+\n---\naiper",
            "a: |\n---\nb: >-\n--- \nc: |+\n\n---",
            // An empty document right before a cut: its null node is marked at the next
            // `---`, past the cut.
            "Ve#rs!!sts:IfNotPresent\n---\n---\n",
        ] {
            assert!(pieces_equal_whole(text, 5, 1) > 1);
        }
    }

    #[test]
    fn positions_and_indices_are_the_whole_texts() {
        let text = format!("# ünïcödé 🎉\n{}", stream(7));
        assert!(pieces_equal_whole(&text, 3, 1) > 1);
        let crlf = text.replace('\n', "\r\n");
        assert!(pieces_equal_whole(&crlf, 3, 1) > 1);
        let empty_docs = format!("---\n---\n{}---\n---\n{}", stream(3), stream(3));
        assert!(pieces_equal_whole(&empty_docs, 5, 1) > 1);
    }
}
