//! Cutting the paste into pieces and reading each with its reader. Each piece's format
//! is recognised from its own first lines (a paste may mix describe output, tables,
//! YAML/JSON objects and logs); a piece ends where another format starts.

use super::describe;
use super::evidence::{EventEv, Evidence, Loc, Note, NoteDetail, ObjectRef, PieceEv};
use super::facts;
use super::lines::{self, Line};
use super::objects;
use super::rules::DiagnoseRule;
use super::table::{self, Layout};
use super::text::{When, go_unquote, kubelet_start, parse_age, runtime_start};
use super::types::{Encoding, PieceFormat};
use crate::report::PullPolicy;

/// Reads every piece of `text`. Linear in the text: every line is looked at a bounded
/// number of times (a piece's reader, and its end test).
pub(crate) fn read(text: &str) -> Evidence {
    let lines = lines::split(text);
    let mut ev = Evidence::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() || is_command(line) {
            i += 1;
            continue;
        }
        let start_notes = ev.notes.len();
        let (next, format, encoding, records, markers) = read_piece(text, &lines, i, &mut ev);
        let next = next.max(i + 1);
        // The piece runs to its last non-blank line.
        let last = (i..next).rev().find(|&k| !lines[k].is_blank()).unwrap_or(i);
        let bytes = (lines[i].start, lines[last].end());
        if format == PieceFormat::Unrecognized && ev.notes.len() == start_notes {
            ev.notes.push(Note {
                rule: DiagnoseRule::UnrecognizedText,
                at: Loc(bytes.0, bytes.0),
                detail: NoteDetail::Unrecognized,
            });
        }
        ev.pieces.push(PieceEv {
            format,
            encoding,
            bytes,
            records,
            markers,
        });
        i = next;
    }
    ev
}

/// Lines after a piece that its reader is given too. The readers stop at the first line
/// that ends the piece, and `describe::is_section_start` looks one line further; a piece
/// read with this many lines after it is read as in the whole text (the describe tests
/// and the `diagnose` fuzz target, with windows of 8 lines, compare it with the whole
/// run).
const LOOK: usize = 4;

/// One piece of `describe` output read alone (see [`each_describe_piece`]).
pub(crate) struct DescribePiece {
    pub piece: PieceEv,
    /// What it holds, read alone: its pod is `pods[0]`.
    pub ev: Evidence,
    /// The lines to read it again with ([`read_describe_piece`]).
    pub lines: PieceLines,
}

/// The lines a piece is read with: its own and the [`LOOK`] lines after it, `count`
/// lines from byte `from` (the start of its first line, before any artefact taken off),
/// all before byte `to` (the start of the line after them, or the text's end).
#[derive(Debug, Clone, Copy)]
pub(crate) struct PieceLines {
    pub from: usize,
    pub to: usize,
    pub count: u32,
}

/// Where `line` starts in `text`, before any artefact taken off: after the line break
/// before it (a line holds none).
fn raw_start(text: &str, line: &Line<'_>) -> usize {
    text[..line.start].rfind(['\n', '\r']).map_or(0, |k| k + 1)
}

/// [`read`] when every piece of `text` is `describe` output (starting with its `Name:`
/// line or a container section): each piece read alone into evidence of its own, in
/// order, handed to `f`; only a window of lines is held, not the text's. `false` as soon
/// as a piece starts otherwise or `f` returns `false`. `window` is the first window's
/// length in lines (it grows when a piece needs more).
pub(crate) fn each_describe_piece(
    text: &str,
    window: usize,
    f: &mut dyn FnMut(DescribePiece) -> bool,
) -> bool {
    let mut all = lines::iter(text);
    let mut buf: Vec<Line<'_>> = Vec::new();
    // The next line to read in `buf`.
    let mut s = 0;
    let mut exhausted = false;
    let mut want = window.max(LOOK + 2);
    loop {
        while !exhausted && buf.len() - s < want {
            match all.next() {
                Some(l) => buf.push(l),
                None => exhausted = true,
            }
        }
        // Blank and command lines between pieces, as `read` skips them.
        while s < buf.len() && (buf[s].is_blank() || is_command(&buf[s])) {
            s += 1;
        }
        if s == buf.len() {
            if exhausted {
                return true;
            }
            // Only blank lines so far: none kept.
            buf.clear();
            s = 0;
            continue;
        }
        if s >= buf.len() / 2 {
            buf.drain(..s);
            s = 0;
        }
        let lines = &buf[s..];
        if !starts_describe_at(lines, 0) {
            return false;
        }
        let mut ev = Evidence::default();
        let (next, format, encoding, records, markers) = read_piece(text, lines, 0, &mut ev);
        let next = next.max(1);
        if !exhausted && next + LOOK >= lines.len() {
            // Not read with enough lines after it: again with a larger window.
            want = lines.len() * 2;
            continue;
        }
        want = want.max(window);
        let last = (0..next).rev().find(|&k| !lines[k].is_blank()).unwrap_or(0);
        // (Describe output is never `Unrecognized`: no note to add as `read` does.)
        let bytes = (lines[0].start, lines[last].end());
        let count = (next + LOOK).min(lines.len());
        let Ok(count) = u32::try_from(count) else {
            return false;
        };
        let piece = DescribePiece {
            piece: PieceEv {
                format,
                encoding,
                bytes,
                records,
                markers,
            },
            ev,
            lines: PieceLines {
                from: raw_start(text, &lines[0]),
                to: lines
                    .get(count as usize)
                    .map_or(text.len(), |l| raw_start(text, l)),
                count,
            },
        };
        if !f(piece) {
            return false;
        }
        s += next;
    }
}

/// Whether the first piece of `text` starts as describe output, as
/// [`each_describe_piece`] asks first; looks at the lines up to its first line and one
/// more.
pub(crate) fn starts_describe(text: &str) -> bool {
    let mut lines = lines::iter(text).skip_while(|l| l.is_blank() || is_command(l));
    let Some(first) = lines.next() else {
        return false;
    };
    starts_describe_before(first, lines.next())
}

/// [`starts_describe_at`] for a line and the one after it, if any.
fn starts_describe_before(first: Line<'_>, next: Option<Line<'_>>) -> bool {
    let pair = [first, next.unwrap_or(first)];
    starts_describe_at(&pair[..1 + usize::from(next.is_some())], 0)
}

/// Describe output starts at `lines[i]`: its `Name:` line, or a container section (which
/// `lines[i + 1]` tells).
fn starts_describe_at(lines: &[Line<'_>], i: usize) -> bool {
    describe::is_start(&lines[i]) || describe::is_section_start(lines, i)
}

/// Reads a piece [`each_describe_piece`] handed out again, alone, from its lines: the
/// same evidence (a line's artefacts are taken off that line alone, so the lines from
/// the start of its first line are the text's lines; the bytes end after a line break,
/// and the empty line after it is not taken).
pub(crate) fn read_describe_piece(text: &str, at: PieceLines) -> Evidence {
    let lines: Vec<Line<'_>> = lines::iter(&text[at.from..at.to])
        .take(at.count as usize)
        .map(|l| Line {
            start: l.start + at.from,
            ..l
        })
        .collect();
    let mut ev = Evidence::default();
    if !lines.is_empty() {
        read_piece(text, &lines, 0, &mut ev);
    }
    ev
}

/// When every piece [`read`] would cut `text` into is a JSON object or YAML document read
/// whole by [`read_span`] (no elided lines, nothing but blank and command lines between
/// and around them): each piece's byte range, and how it is written, in order. Looks at
/// each line once, as [`read`] does, without keeping them.
pub(crate) fn object_pieces(text: &str) -> Option<Vec<(usize, usize, Encoding)>> {
    let mut lines = lines::iter(text).peekable();
    let mut kubectl = Kubectl::new(text);
    let mut pieces = Vec::new();
    // The line that ended the piece before, where `read` looks for the next one.
    let mut rest: Option<Line<'_>> = None;
    loop {
        // Blank and command lines before it.
        let first = loop {
            match rest.take().or_else(|| lines.next()) {
                None => return (!pieces.is_empty()).then_some(pieces),
                Some(l) if l.is_blank() || is_command(&l) => {}
                Some(l) => break l,
            }
        };
        // As `read_piece` tells its format: not describe output, a table or `Events:`;
        // a YAML or JSON start.
        if starts_describe_before(first, lines.peek().copied())
            || table::header(&first).is_some()
            || is_events_key(&first)
            || !(is_yaml_start(&first) || is_json_start(&first))
        {
            return None;
        }
        let json = is_json_start(&first);
        // `object_extent(lines, i, json)`, and `read_span`'s last non-blank line.
        let mut prev = first;
        let mut last = first;
        let mut api_version = first.text.starts_with("apiVersion:");
        for line in lines.by_ref() {
            // (`prev.indent() == 0` follows from the test.)
            if json && prev.text.trim_end() == "}" {
                rest = Some(line);
                break;
            }
            let plain = starts_plain(&line) && !kubectl.within(&line);
            if !plain && !line.is_blank() && (ends_yaml(&line) || !is_yaml_line(&line)) {
                rest = Some(line);
                break;
            }
            if line.text.starts_with("---") {
                api_version = false;
            } else if line.text.starts_with("apiVersion:") {
                if api_version {
                    rest = Some(line);
                    break;
                }
                api_version = true;
            }
            // `read_objects` blanks elided lines: not here.
            if !plain && line.indent() > 0 && matches!(line.text.trim(), "..." | "\u{2026}") {
                return None;
            }
            if plain || !line.is_blank() {
                last = line;
            }
            prev = line;
        }
        let encoding = if json { Encoding::Json } else { Encoding::Yaml };
        pieces.push((first.start, last.end(), encoding));
    }
}

/// A line that is indented and whose first character after its blanks is ASCII and
/// starts nothing [`object_pieces`] looks for: not blank, a YAML line, not an end of YAML
/// (`Name:`, `Events:` and commands start at column 0 or with `$`/`k` or hold `kubectl `,
/// table headers start with `T`, `F`, `L` or `N`), not elided (`.`). A shortcut for the
/// lines of a large dump: [`starts_plain`] and no `kubectl ` in it ([`Kubectl`]).
fn starts_plain(line: &Line<'_>) -> bool {
    let b = line.text.as_bytes();
    if !matches!(b.first(), Some(b' ' | b'\t')) {
        return false;
    }
    let Some(&c) = b.iter().find(|c| !matches!(c, b' ' | b'\t' | 0x0b | 0x0c)) else {
        return false;
    };
    c.is_ascii() && !matches!(c, b'$' | b'k' | b'T' | b'F' | b'L' | b'N' | b'.')
}

/// Whether lines, met in order, hold `kubectl `: one search of the text from line to
/// line instead of one per line.
struct Kubectl<'t> {
    text: &'t str,
    /// The first `kubectl ` at or after the last line asked about (the text's length:
    /// none).
    next: usize,
}

impl<'t> Kubectl<'t> {
    const NEEDLE: &'static str = "kubectl ";

    fn new(text: &'t str) -> Kubectl<'t> {
        let next = Self::find(text, 0);
        Kubectl { text, next }
    }

    /// `line.text.contains("kubectl ")`, for a line after the last one asked about.
    fn within(&mut self, line: &Line<'_>) -> bool {
        if self.next < line.start {
            self.next = Self::find(self.text, line.start);
        }
        self.next + Self::NEEDLE.len() <= line.end()
    }

    /// The first `kubectl ` at or after byte `from` (a character boundary), else the
    /// text's length: `str::contains` over windows of [`Kubectl::WINDOW`] bytes (std
    /// tests a short needle with SIMD), `str::find` (Two-Way, several times slower on
    /// a large dump) only in the window that holds it. Windows overlap by the needle's
    /// length less one byte, so that a needle that starts in one is wholly in it.
    fn find(text: &str, from: usize) -> usize {
        let boundary = |mut i: usize| {
            while !text.is_char_boundary(i) {
                i += 1;
            }
            i
        };
        let mut start = from;
        while start < text.len() {
            let end = boundary((start + Self::WINDOW).min(text.len()));
            let over = boundary((end + Self::NEEDLE.len() - 1).min(text.len()));
            let window = &text[start..over];
            if window.contains(Self::NEEDLE) {
                return window.find(Self::NEEDLE).map_or(text.len(), |k| start + k);
            }
            start = end;
        }
        text.len()
    }

    const WINDOW: usize = 1 << 16;
}

type PieceRead = (
    usize,
    PieceFormat,
    Encoding,
    usize,
    Vec<super::types::Marker>,
);

fn read_piece(text: &str, lines: &[Line<'_>], i: usize, ev: &mut Evidence) -> PieceRead {
    let line = &lines[i];
    let mut markers = Vec::new();
    if starts_describe_at(lines, i) {
        let pod = ev.pods.len();
        let first_event = ev.events.len();
        let (next, is_pod, rows) = describe::read(lines, i, &ends_describe, ev, &mut markers);
        let format = if is_pod {
            PieceFormat::DescribePod
        } else {
            ev.notes.push(Note {
                rule: DiagnoseRule::DescribeNotAPod,
                at: Loc(line.start, line.start),
                detail: NoteDetail::DescribeOther,
            });
            // Its events are not about a pod.
            for e in &mut ev.events[first_event..] {
                if e.pod == Some(pod) {
                    e.pod = None;
                }
            }
            ev.pods.truncate(pod);
            PieceFormat::DescribeOther
        };
        return (next, format, Encoding::Text, rows.max(1), markers);
    }
    if let Some(h) = table::header(line) {
        let read = table::read_rows(lines, i + 1, Some(&h), None, &ends_table, ev, &mut markers);
        if h.layout == Layout::Legacy
            && !markers.contains(&super::types::Marker::KubectlLegacyLayout)
        {
            markers.push(super::types::Marker::KubectlLegacyLayout);
        }
        let format = h.format(read.kubectl_events);
        return (read.next, format, Encoding::Text, read.rows, markers);
    }
    if is_events_key(line) {
        // `Events:` without the pod above it.
        let h = lines.get(i + 1).and_then(table::header);
        let from = if h.is_some() { i + 2 } else { i + 1 };
        let read = table::read_rows(lines, from, h.as_ref(), None, &ends_table, ev, &mut markers);
        let format = h.map_or(PieceFormat::EventRows, |h| h.format(read.kubectl_events));
        return (read.next, format, Encoding::Text, read.rows, markers);
    }
    if is_yaml_start(line) || is_json_start(line) {
        let json = is_json_start(line);
        let mut end = object_extent(lines, i, json);
        let encoding = if json { Encoding::Json } else { Encoding::Yaml };
        let mark = Mark::of(ev);
        let mut counts = read_span(text, lines, i, end, ev);
        // A syntax error: keep what was read before the error's line, note the error,
        // and read the lines from there on as whatever they are (an unclosed JSON object
        // followed by an events table loses nothing).
        if let Some(at) = counts.first_error {
            let err_line = lines[i..end].partition_point(|l| l.end() < at) + i;
            if err_line > i && err_line < end {
                mark.rewind(ev);
                counts = read_span(text, lines, i, err_line, ev);
                let at = Loc(lines[err_line].start, lines[err_line].start);
                if counts.first_error.is_none() {
                    ev.notes.push(Note {
                        rule: DiagnoseRule::UnreadableEvidence,
                        at,
                        detail: NoteDetail::UnreadableRest,
                    });
                }
                counts.errors += 1;
                end = err_line;
            }
        }
        return (end, counts.format(), encoding, counts.records(), markers);
    }
    if table::is_row_start(line) {
        let read = table::read_rows(lines, i, None, None, &ends_rows, ev, &mut markers);
        return (
            read.next,
            PieceFormat::EventRows,
            Encoding::Text,
            read.rows,
            markers,
        );
    }
    read_text(text, lines, i, ev)
}

/// Where the evidence stood, to drop what a piece added.
struct Mark {
    pods: usize,
    events: usize,
    nodes: usize,
    notes: usize,
}

impl Mark {
    fn of(ev: &Evidence) -> Mark {
        Mark {
            pods: ev.pods.len(),
            events: ev.events.len(),
            nodes: ev.nodes.len(),
            notes: ev.notes.len(),
        }
    }

    fn rewind(&self, ev: &mut Evidence) {
        ev.pods.truncate(self.pods);
        ev.events.truncate(self.events);
        ev.nodes.truncate(self.nodes);
        ev.notes.truncate(self.notes);
    }
}

/// Reads lines `from..to` as YAML/JSON objects.
fn read_span(
    text: &str,
    lines: &[Line<'_>],
    from: usize,
    to: usize,
    ev: &mut Evidence,
) -> objects::Counts {
    let last = (from..to)
        .rev()
        .find(|&k| !lines[k].is_blank())
        .unwrap_or(from);
    let (a, b) = (lines[from].start, lines[last].end());
    read_objects(&text[a..b], a, false, &lines[from..to], ev)
}

/// Reads the objects of a slice whose lines are `lines`. Lines holding only `...` or
/// `…` inside a document (indented) are an editor's elision, invalid YAML: they are
/// blanked (same byte length, so positions stay those of the text) before reading.
fn read_objects(
    slice: &str,
    base: usize,
    fragment_only: bool,
    lines: &[Line<'_>],
    ev: &mut Evidence,
) -> objects::Counts {
    let elided = |l: &&Line<'_>| l.indent() > 0 && matches!(l.text.trim(), "..." | "…");
    if !lines.iter().any(|l| elided(&l)) {
        return objects::read(slice, base, fragment_only, ev);
    }
    let mut copy = slice.as_bytes().to_vec();
    for l in lines.iter().filter(elided) {
        let from = l.start.saturating_sub(base);
        let to = (l.end() - base).min(copy.len());
        for b in &mut copy[from.min(to)..to] {
            *b = b' ';
        }
    }
    // Only whole characters were replaced by spaces: still UTF-8.
    match String::from_utf8(copy) {
        Ok(copy) => objects::read(&copy, base, fragment_only, ev),
        Err(_) => objects::read(slice, base, fragment_only, ev),
    }
}

// ---------------------------------------------------------------------------------------
// Where pieces start and end.

/// A shell command line (`$ kubectl describe pod x`): a separator.
fn is_command(line: &Line<'_>) -> bool {
    let t = line.text.trim_start();
    t.starts_with("$ ")
        || t.starts_with("kubectl ")
        || t.contains("$ kubectl ")
        || t.contains("# kubectl ")
        || t.contains("> kubectl ")
}

/// `Events:` alone at column 0.
fn is_events_key(line: &Line<'_>) -> bool {
    line.text
        .strip_prefix("Events:")
        .is_some_and(|r| r.trim().is_empty() || r.trim() == "<none>")
}

/// The first line of a YAML object or stream.
fn is_yaml_start(line: &Line<'_>) -> bool {
    const STARTS: [&str; 12] = [
        "apiVersion:",
        "kind:",
        "items:",
        "metadata:",
        "- apiVersion:",
        "- kind:",
        "status:",
        "spec:",
        "containerStatuses:",
        "involvedObject:",
        "- involvedObject:",
        "- metadata:",
    ];
    let t = line.text;
    STARTS.iter().any(|s| t.starts_with(s)) || t.trim_end() == "---" || t.starts_with("--- ")
}

/// The first line of a JSON object (kubectl prints `{` alone on its first line).
fn is_json_start(line: &Line<'_>) -> bool {
    let t = line.text.trim_end();
    t == "{" || t == "[" || t.starts_with("{\"")
}

/// A column-0 line that can belong to a YAML document.
fn is_yaml_line(line: &Line<'_>) -> bool {
    let t = line.text;
    if line.indent() > 0 || t.is_empty() {
        return true;
    }
    if t.starts_with(['-', '#', '}', ']', '{', '[', '.', '"', '\'']) {
        return true;
    }
    // `key:` (a plain key without blanks before its colon, or a quoted one).
    match t.find(':') {
        Some(c) => {
            let key = &t[..c];
            !key.contains(char::is_whitespace)
                && (t.len() == c + 1 || t[c + 1..].starts_with([' ', '\t']))
        }
        None => false,
    }
}

/// The line after an object piece starting at `from`.
///
/// Two `kubectl get -o yaml` outputs pasted one after the other have no `---` between
/// them: a second `apiVersion:` at column 0 in one document starts a new piece (kubectl
/// prints keys sorted, `apiVersion` first).
fn object_extent(lines: &[Line<'_>], from: usize, json: bool) -> usize {
    let mut api_version = lines[from].text.starts_with("apiVersion:");
    let mut j = from + 1;
    while j < lines.len() {
        let line = &lines[j];
        if json && lines[j - 1].indent() == 0 && lines[j - 1].text.trim_end() == "}" {
            return j;
        }
        if !line.is_blank() && (ends_yaml(line) || !is_yaml_line(line)) {
            return j;
        }
        if line.text.starts_with("---") {
            api_version = false;
        } else if line.text.starts_with("apiVersion:") {
            if api_version {
                return j;
            }
            api_version = true;
        }
        j += 1;
    }
    j
}

fn ends_describe(line: &Line<'_>) -> bool {
    is_command(line)
        || (line.indent() == 0 && (is_yaml_start(line) || is_json_start(line)))
        || table::header(line).is_some_and(|h| h.layout == Layout::Get)
}

fn ends_table(line: &Line<'_>) -> bool {
    describe::is_start(line)
        || is_command(line)
        || is_events_key(line)
        || table::header(line).is_some()
        || (line.indent() == 0 && (is_yaml_start(line) || is_json_start(line)))
}

fn ends_rows(line: &Line<'_>) -> bool {
    ends_table(line)
}

fn ends_yaml(line: &Line<'_>) -> bool {
    describe::is_start(line)
        || is_command(line)
        || is_events_key(line)
        || table::header(line).is_some()
}

// ---------------------------------------------------------------------------------------
// Free text.

/// A block of free text: a status fragment in YAML, or logs and messages.
fn read_text(text: &str, lines: &[Line<'_>], i: usize, ev: &mut Evidence) -> PieceRead {
    let mut j = i + 1;
    while j < lines.len() {
        let l = &lines[j];
        if l.is_blank()
            || ends_table(l)
            || table::is_row_start(l)
            || describe::is_section_start(lines, j)
        {
            break;
        }
        j += 1;
    }
    let block = &lines[i..j];
    if looks_like_yaml(block[0].text) {
        let (from, to) = (block[0].start, block[block.len() - 1].end());
        // Continuation lines of an indented fragment must keep their indentation: read
        // from the first line's start.
        let counts = read_objects(&text[from..to], from, true, block, ev);
        if counts.pods + counts.events + counts.nodes + counts.fragments > 0 {
            return (
                j,
                counts.format(),
                Encoding::Yaml,
                counts.records(),
                Vec::new(),
            );
        }
    }
    let found = messages(block, ev);
    let format = if found > 0 {
        PieceFormat::Text
    } else {
        PieceFormat::Unrecognized
    };
    (j, format, Encoding::Text, found, Vec::new())
}

/// `key:` (a lower-case camelCase key, as Kubernetes objects have), possibly in a list.
fn looks_like_yaml(t: &str) -> bool {
    let t = t.trim_start();
    let t = t.strip_prefix("- ").unwrap_or(t);
    let Some(c) = t.find(':') else { return false };
    let key = &t[..c];
    key.starts_with(|ch: char| ch.is_ascii_lowercase())
        && key.chars().all(|ch| ch.is_ascii_alphanumeric())
        && (t.len() == c + 1 || t[c + 1..].starts_with(' '))
}

/// Finds the kubelet's and runtimes' messages in a block of free text; how many.
fn messages(block: &[Line<'_>], ev: &mut Evidence) -> usize {
    let mut found = 0;
    let mut open: Option<EventEv> = None;
    let flush = |open: &mut Option<EventEv>, ev: &mut Evidence, found: &mut usize| {
        if let Some(mut e) = open.take() {
            finish_text_message(&mut e);
            ev.events.push(e);
            *found += 1;
        }
    };
    for line in block {
        if let Some(e) = logfmt(line) {
            flush(&mut open, ev, &mut found);
            ev.events.push(e);
            found += 1;
            continue;
        }
        let t = line.text;
        let start = kubelet_start(t).or_else(|| {
            if open.is_none() {
                runtime_start(t)
            } else {
                None
            }
        });
        match start {
            Some(k) => {
                flush(&mut open, ev, &mut found);
                let message = t[k..].trim_end();
                let at = line.span_of(message);
                let mut e = EventEv::new(message.to_owned(), Loc(at.0, at.1));
                read_prefix(&t[..k], t, &mut e);
                open = Some(e);
            }
            None => {
                if let Some(e) = open.as_mut() {
                    e.message.push('\n');
                    e.message.push_str(t);
                    e.at.1 = line.end();
                }
            }
        }
    }
    flush(&mut open, ev, &mut found);
    found
}

/// A tool's rendering `Waiting: <Reason> (<message>)` (PF S38) leaves an unbalanced
/// closing parenthesis: take it off.
fn finish_text_message(e: &mut EventEv) {
    // kubectl trims a message's ends (`strings.TrimSpace`); the inside stays as pasted.
    let trimmed = e.message.trim_end().len();
    e.message.truncate(trimmed);
    if e.reason_hint.is_some() && e.message.ends_with(')') {
        let open = e.message.matches('(').count();
        let close = e.message.matches(')').count();
        if close > open {
            e.message.pop();
            e.at.1 = e.at.1.saturating_sub(1).max(e.at.0);
        }
    }
}

/// What the text before a message tells (PF S8, S11, S25, S38): a row's cells
/// (`7m24s (x5 over 10m) kubelet`), a tool's `Waiting: <Reason> (`, a log's
/// `<Reason>: `, `ImagePullPolicy:<P>`, `in pod <name>_<namespace>(<uid>)`,
/// `{kubelet <node>}`.
fn read_prefix(prefix: &str, line: &str, e: &mut EventEv) {
    let p = prefix.trim_end();
    // `Waiting: ImagePullBackOff (`
    if let Some(before) = p.strip_suffix('(') {
        let mut toks = before.split_whitespace().rev();
        if let (Some(reason), Some("Waiting:")) = (toks.next(), toks.next()) {
            e.reason_hint = Some(reason.to_owned());
        }
    }
    // `ImageInspectError: Failed to inspect image …`
    if let Some(before) = p.strip_suffix(':')
        && let Some(word) = before.split_whitespace().next_back()
        && facts::PULL_REASONS.contains(&word)
    {
        e.reason_hint = Some(word.to_owned());
    }
    // A kubelet log's container dump.
    if let Some(i) = line.find("ImagePullPolicy:") {
        let rest = &line[i + "ImagePullPolicy:".len()..];
        let word: String = rest.chars().take_while(char::is_ascii_alphabetic).collect();
        e.policy_hint = PullPolicy::from_exact(&word);
    }
    // `in pod hello_default(b9841454-…)`
    if let Some(i) = prefix.find(" in pod ") {
        let rest = &prefix[i + " in pod ".len()..];
        if let Some((pod, _)) = rest.split_once('(')
            && let Some((name, ns)) = pod.rsplit_once('_')
        {
            e.object = Some(ObjectRef {
                kind: Some("Pod".to_owned()),
                name: name.to_owned(),
                namespace: Some(ns.to_owned()),
            });
        }
    }
    // `{kubelet minikube} Failed: …` (e2e logs).
    if let Some(inner) = p
        .trim_start()
        .strip_prefix('{')
        .and_then(|r| r.split_once('}'))
        .map(|(i, _)| i)
        && let Some((component, host)) = inner.split_once(' ')
        && component == "kubelet"
    {
        e.host = Some(host.trim().to_owned());
    }
    // Row cells without their type and reason (a truncated row).
    let toks: Vec<&str> = p.split_whitespace().collect();
    let mut k = 0;
    while k < toks.len() {
        let t = toks[k];
        if (t == "Normal" || t == "Warning") && e.kind.is_none() {
            e.kind = Some(t.to_owned());
            if let Some(r) = toks.get(k + 1) {
                e.reason = Some((*r).trim_end_matches(':').to_owned());
                k += 1;
            }
        } else if let Some(age) = parse_age(t).filter(|_| e.last.is_none()) {
            e.last = Some(When::Ago(age.0, age.1));
            if let (Some(x), Some(&"over"), Some(m)) =
                (toks.get(k + 1), toks.get(k + 2), toks.get(k + 3))
                && let (Some(n), Some(first)) = (
                    x.strip_prefix("(x").and_then(|n| n.parse().ok()),
                    m.strip_suffix(')').and_then(parse_age),
                )
            {
                e.count = Some(n);
                e.first = Some(When::Ago(first.0, first.1));
                k += 3;
            }
        } else if t == "kubelet,"
            && let Some(h) = toks.get(k + 1)
        {
            e.host = Some((*h).to_owned());
            k += 1;
        }
        k += 1;
    }
}

/// A logfmt line (`level=error msg="…" error="…"`, containerd's log, PF S22): the
/// `error` value (or the `msg` value), unescaped.
fn logfmt(line: &Line<'_>) -> Option<EventEv> {
    let t = line.text;
    if !t.contains("level=") {
        return None;
    }
    let value = |key: &str| {
        let i = t.find(key)?;
        go_unquote(&t[i + key.len()..]).map(|(v, _)| v)
    };
    let msg = value("msg=\"")?;
    let error = value("error=\"");
    let mut e = EventEv::new(String::new(), Loc(line.start, line.end()));
    if let Some(rest) = msg.strip_prefix("cancel pulling image ") {
        // `cancel pulling image <ref> because of no progress in <d>` (ctrd-2.3
        // `image_pull.go:728`).
        if let Some((image, d)) = rest.split_once(" because of no progress in ") {
            e.progress_timeout = Some((image.to_owned(), d.trim().to_owned()));
        }
    }
    e.message = error.unwrap_or(msg);
    Some(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The cursor answers as `contains` on each line, in k9s boxes, with the needle at a
    /// line's start or end, cut by a line break, or twice on one line.
    #[test]
    fn the_kubectl_cursor_is_contains() {
        let text = "a\n  kubectl apply\n  x kubectl\n  kubectl \n\u{2502} kubectl x \u{2502}\n\
                    kubectl\n kubectl kubectl \n\u{2502} a \u{2502}kubectl \nkubectl kubectl\r\n  no\n";
        let mut cursor = Kubectl::new(text);
        let lines = lines::split(text);
        assert!(lines.len() > 8);
        for line in &lines {
            assert_eq!(
                cursor.within(line),
                line.text.contains("kubectl "),
                "{:?}",
                line.text
            );
        }
    }

    #[test]
    fn the_kubectl_search_is_str_find() {
        let w = Kubectl::WINDOW;
        // Needles cut by a window's end, after a character cut by it, and far away.
        for filler in ["x", "\u{e9}", "\u{1f433}", "kubectl"] {
            for at in (w - 12..w + 12).chain([0, 3, 2 * w - 3, 3 * w + 1]) {
                let mut text = filler.repeat(at / filler.len() + 1);
                let cut = text.floor_char_boundary(at);
                text.truncate(cut);
                text.push_str("kubectl ");
                text.push_str(&"y".repeat(w / 2));
                for from in [0, cut.saturating_sub(1), cut, cut + 1, w, text.len()] {
                    if !text.is_char_boundary(from) {
                        continue;
                    }
                    let want = text[from..]
                        .find(Kubectl::NEEDLE)
                        .map_or(text.len(), |k| from + k);
                    assert_eq!(Kubectl::find(&text, from), want, "{filler} {at} {from}");
                }
            }
        }
        assert_eq!(Kubectl::find(&"z".repeat(3 * w), 0), 3 * w);
        assert_eq!(Kubectl::find("", 0), 0);
    }

    #[test]
    fn yaml_lines() {
        let l = lines::split("apiVersion: v1\nName:   x\nfoo bar: 1\nitems:\n- a\n");
        assert!(is_yaml_start(&l[0]));
        assert!(is_yaml_line(&l[0]));
        assert!(is_yaml_line(&l[1]));
        assert!(!is_yaml_line(&l[2]));
        assert!(is_yaml_line(&l[4]));
        assert!(looks_like_yaml("  state:"));
        assert!(looks_like_yaml("- image: x"));
        assert!(!looks_like_yaml("Failed to pull image \"x\": y"));
    }

    #[test]
    fn commands_separate() {
        let l = lines::split("$ kubectl get events\nroot@host:~# kubectl describe pod x\n");
        assert!(is_command(&l[0]) && is_command(&l[1]));
    }
}
