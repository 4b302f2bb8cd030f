//! The diagnosis handed out part by part, for callers that write each pod and each
//! diagnosis as soon as it is ready and keep none (the CLI's bounded memory for cluster
//! dumps, issue #19).
//!
//! [`diagnose_each`] gives exactly what [`super::diagnose`] gives: the pieces first, then
//! every pod summary and every diagnosis, each sequence in the report's order (the two
//! interleaved), and returns the rest of the report (skew, nodes, findings, summary)
//! with those three lists empty.
//!
//! # When a paste is read item by item
//!
//! When [`super::diagnose`] would read the text as one piece of objects
//! ([`scan::object_pieces`] follows `scan::read` line by line without keeping the lines)
//! and that piece is a `kind: List` that [`crate::items`] can split — JSON
//! ([`crate::items::json_list`], what `kubectl get pods -A -o json` writes) or YAML as
//! kubectl writes it ([`crate::items::yaml_list`]) — or a stream of JSON objects, one
//! per line ([`crate::items::json_stream_unplaced`], what `jq -c '.items[]'` writes;
//! the evidence reader makes one piece of it, reading value after value as kubectl's
//! JSON stream decoder does), or a YAML stream of documents between `---` lines
//! ([`crate::items::yaml_stream_unplaced`]: kubectl's chunks, each read by go-yaml alone) — each item read
//! alone gives the objects the whole piece gives for it, at the same bytes (the reasons are those
//! functions' documentation; the diagnosis reads objects through the same reader, with
//! the List's `kind` giving no hint). So is a text of several pieces when each is one
//! JSON object that [`crate::items::json_stream_unplaced`] cuts at the same bytes (what
//! `jq '.items[]'` writes, indented: the evidence reader ends a JSON piece at a `}` line
//! at column 0): each item is then read alone exactly as its piece is, and makes its own
//! piece of the report. The items are then read one at a time:
//!
//! 1. every item is read and dropped, keeping only what a diagnosis needs from other
//!    items: the events and nodes (small records, not their trees), the notes, and per
//!    pod two hashes (its name, its namespace; a JSON Pod with status is not even read:
//!    [`crate::items::pod_sketch`]);
//! 2. pods whose name an event names (a superset of the pods events attach to, by name
//!    hash) are read again and diagnosed together with the events and nodes, as the
//!    whole run does (its `group` and `run`), which gives their summaries and every
//!    diagnosis made from events;
//! 3. the pods are read again in order: a pod no event names is diagnosed alone (no event
//!    can change it, and nodes and the reference rules are known), the others take what
//!    step 2 made for them.
//!
//! Why this is the whole run's report, in its order: the whole run's groups are made in
//! three passes (`analyse::Step`): groups of events (which only the pods of step 2 and
//! events without a pod have), groups of containers whose status shows a problem, in pod
//! order (for a pod without events, exactly what diagnosing it alone makes), then groups
//! of pod-level and unplaced events (step 2 again). A diagnosis reads its pod, its
//! group's events, the pod's events' markers, the nodes and the reference rules (from
//! the options or the first node): the same in both. Pods named twice are merged by the
//! whole run: when two pods could be (same name hash, namespaces equal or one unknown),
//! the text is diagnosed whole. Version skew is gathered over the pods in their order
//! (`analyse::SkewAcc`).
//!
//! Positions come from [`Sparse`] (a mark every KB), equal to the whole run's.
//!
//! # Spread over threads
//!
//! [`diagnose_each_on`] hands pure work to a [`Spread`] (the CLI's `--jobs` threads;
//! [`Serial`] everywhere else): the one-piece check and the positions' marks beside
//! cutting the items of the piece the check is expected to give (the text's lines from
//! the first to the last that are not blank: used only when the check gives exactly that
//! piece, else cut again) with each pod's sketch; and step 3, a round of pods at a time,
//! each pod of a round diagnosed alone while the round before is handed out in order.
//! Whatever runs where, the parts and their order are those of [`Serial`] (tested with a
//! spread that does everything backwards).
//!
//! `kubectl describe pod` output of two pods or more, and nothing else, is read and
//! diagnosed a pod at a time ([`by_describe_pieces`]). Anything else (tables, several
//! pieces that are not one item each, a List the splitters decline) is diagnosed whole
//! and handed out from the report.

use super::DiagnoseOptions;
use super::analyse::{self, Cx, SkewAcc, Step};
use super::evidence::{Evidence, Loc, Note, NoteDetail, PieceEv, PodEv};
use super::locate::Sparse;
use super::objects::{self, Counts};
use super::rules::DiagnoseRule;
use super::scan;
use super::types::*;
use crate::items::ListItem;
use crate::report::Severity;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

/// One part of a report, handed out in the report's order.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// The pieces, first and once.
    Pieces(Vec<Piece>),
    /// The next entry of [`DiagnosisReport::pods`].
    Pod(PodSummary),
    /// The next entry of [`DiagnosisReport::diagnoses`].
    Diagnosis(Box<Diagnosis>),
}

/// Pure work a caller may spread over threads. The core starts none (it is pure, and
/// runs in the browser too): [`Serial`] does everything on the calling thread, in order;
/// the CLI runs `--jobs` threads. The results cannot differ: every closure handed over is
/// a pure function of the text and the options.
pub trait Spread: Sync {
    /// `here()` on this thread and `there()`, maybe on another; both results.
    fn join<A, B: Send>(
        &self,
        here: impl FnOnce() -> A,
        there: impl FnOnce() -> B + Send,
    ) -> (A, B);
    /// `f` of every item, in order.
    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R>;
}

/// Everything on the calling thread, in order.
#[derive(Debug, Clone, Copy, Default)]
pub struct Serial;

impl Spread for Serial {
    fn join<A, B: Send>(
        &self,
        here: impl FnOnce() -> A,
        there: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        (here(), there())
    }

    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
        items.iter().map(f).collect()
    }
}

/// [`super::diagnose`], handed out part by part: `emit` receives the pieces, then each
/// pod summary and each diagnosis in the report's order; the report returned has the
/// rest (its `pieces`, `pods` and `diagnoses` empty). Large JSON Lists are read one item
/// at a time (see the module's documentation).
pub fn diagnose_each(
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> DiagnosisReport {
    diagnose_each_on(&Serial, text, options, emit)
}

/// [`diagnose_each`], with the work of a List read item by item spread by `spread`: the
/// one-piece check beside cutting the items, and the pods no event names (step 3) a
/// round at a time. The same parts in the same order as [`diagnose_each`]'s.
pub fn diagnose_each_on(
    spread: &impl Spread,
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> DiagnosisReport {
    if let Some(report) = by_items(spread, text, options, emit) {
        return report;
    }
    if let Some(report) = by_describe_pieces(spread, text, options, emit) {
        return report;
    }
    let mut report = super::diagnose(text, options);
    emit(Part::Pieces(std::mem::take(&mut report.pieces)));
    for p in std::mem::take(&mut report.pods) {
        emit(Part::Pod(p));
    }
    for d in std::mem::take(&mut report.diagnoses) {
        emit(Part::Diagnosis(Box::new(d)));
    }
    report
}

/// Whether `text` has the shape read item by item (see the module's documentation; two
/// pods the whole run could merge are still read whole).
pub fn reads_by_items(text: &str) -> bool {
    list_items(text).is_some()
}

/// The piece [`super::diagnose`] would read `text` as, when it is one List whose items can
/// be read alone (JSON, or YAML as kubectl writes it), and its items (ranges in `text`).
fn list_items(text: &str) -> Option<Vec<ListItem>> {
    let pieces = scan::object_pieces(text)?;
    let items = items_of(text, pieces.first()?.0, pieces.last()?.1)?;
    are_pieces(&items, &pieces).then_some(items)
}

/// Whether `items` can be read in place of `pieces`: one piece, which the items split;
/// or several, each of them exactly one item (its bytes, no `- `), which is then read
/// alone as `scan::read` reads its piece alone (objects `jq '.items[]'` writes, indented
/// one after another: the evidence reader ends a JSON piece at a `}` line).
fn are_pieces(items: &[ListItem], pieces: &[(usize, usize, Encoding)]) -> bool {
    pieces.len() == 1
        || (items.len() == pieces.len()
            && items
                .iter()
                .zip(pieces)
                .all(|(item, &(a, b, _))| !item.dash && item.range == (a..b)))
}

/// The items of the List `text[a..b]`, with ranges in `text` (their other positions
/// are not used).
fn items_of(text: &str, a: usize, b: usize) -> Option<Vec<ListItem>> {
    let piece = &text[a..b];
    let mut items = crate::items::json_list_unplaced(piece)
        .or_else(|| crate::items::json_stream_unplaced(piece))
        .or_else(|| crate::items::yaml_list(piece))
        // A YAML stream's chunks, each read alone as in the whole stream: go-yaml reads
        // each of kubectl's chunks by itself. What a chunk alone cannot know (a read error,
        // or a stop, ends the whole stream's reading) makes its reading an error, and then
        // the text is diagnosed whole (`by_items` reads every YAML item first); so does a
        // chunk with more than one pod (a `kind: List`).
        .or_else(|| crate::items::yaml_stream_unplaced(piece))?;
    for item in &mut items {
        item.range = item.range.start + a..item.range.end + a;
    }
    Some(items)
}

/// [`diagnose_each`] when `text` is `describe` output read a pod at a time; else
/// `None`, and nothing was handed to `emit`.
pub fn diagnose_by_describe_pieces(
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> Option<DiagnosisReport> {
    by_describe_pieces(&Serial, text, options, emit)
}

/// [`diagnose_each`] when `text` is read item by item; else `None`, and nothing was
/// handed to `emit`.
pub fn diagnose_by_items(
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> Option<DiagnosisReport> {
    by_items(&Serial, text, options, emit)
}

/// A piece of objects as `scan::read` makes it, from what reading it counted; noted as
/// `scan::read` notes a piece in which nothing was recognised (no note since `notes`).
fn piece_ev(
    ev: &mut Evidence,
    counts: &Counts,
    notes: usize,
    (a, b): (usize, usize),
    encoding: Encoding,
) -> PieceEv {
    if counts.format() == PieceFormat::Unrecognized && ev.notes.len() == notes {
        ev.notes.push(Note {
            rule: DiagnoseRule::UnrecognizedText,
            at: Loc(a, a),
            detail: NoteDetail::Unrecognized,
        });
    }
    PieceEv {
        format: counts.format(),
        encoding,
        bytes: (a, b),
        records: counts.records(),
        markers: Vec::new(),
    }
}

fn hash(s: &str) -> u64 {
    let mut h = DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

/// A pod as step 1 keeps it.
struct PodKey {
    /// Its item, as a byte range in the text, and whether it is a YAML item (`- `).
    item: (usize, usize, bool),
    name: Option<u64>,
    namespace: Option<u64>,
}

/// Notes a pod's name; `false` when the whole run could merge it with a pod before it
/// (same name hash, namespaces equal or one unknown).
fn keep(by_name: &mut HashMap<u64, Vec<Option<u64>>>, key: &PodKey) -> bool {
    let Some(name) = key.name else {
        return true;
    };
    let seen = by_name.entry(name).or_default();
    if seen
        .iter()
        .any(|ns| ns.is_none() || key.namespace.is_none() || *ns == key.namespace)
    {
        return false;
    }
    seen.push(key.namespace);
    true
}

/// Reads the pod of one item.
fn read_pod(text: &str, (start, end, dash): (usize, usize, bool)) -> Option<PodEv> {
    let item = ListItem {
        range: start..end,
        dash,
        item: 0,
        line: 0,
        column: 0,
        offset16: 0,
    };
    let mut ev = Evidence::default();
    objects::read(&item.text(text), start, false, &mut ev);
    ev.pods.pop()
}

/// The bytes from the start of the first line that holds more than ASCII blanks to the
/// end of the last one (before its line break): the span [`scan::object_pieces`] gives for a
/// List with nothing around it, guessed in one look at each end so that the items can be
/// cut while the lines are checked. Only used when it equals the check's answer.
fn guess_piece(text: &str) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let blank = |c: &u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c);
    let first = b.iter().position(|c| !blank(c))?;
    let last = b.iter().rposition(|c| !blank(c))?;
    let a = b[..first]
        .iter()
        .rposition(|&c| c == b'\n' || c == b'\r')
        .map_or(0, |k| k + 1);
    let end = b[last..]
        .iter()
        .position(|&c| c == b'\n' || c == b'\r')
        .map_or(b.len(), |k| last + k);
    Some((a, end))
}

/// The items of a List and, for each, what [`crate::items::pod_sketch`] reads of a Pod
/// with status: its name's and namespace's hashes.
struct Cut {
    items: Vec<ListItem>,
    sketches: Vec<Option<(Option<u64>, Option<u64>)>>,
}

fn cut(text: &str, a: usize, b: usize) -> Option<Cut> {
    let items = items_of(text, a, b)?;
    let sketches = items
        .iter()
        .map(|item| {
            let item = item.text(text);
            let sketch = crate::items::pod_sketch(&item)?;
            Some((sketch.name.map(hash), sketch.namespace.map(hash)))
        })
        .collect();
    Some(Cut { items, sketches })
}

/// Pods diagnosed per round of step 3: enough to keep threads busy, few enough that a
/// round's diagnoses stay small.
const ROUND: usize = 512;

/// A pod no event names, diagnosed alone.
struct Alone {
    pods: Vec<PodSummary>,
    diagnoses: Vec<Diagnosis>,
    skew: Vec<analyse::Seen>,
}

fn by_items(
    spread: &impl Spread,
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> Option<DiagnosisReport> {
    // The one-piece check goes over every line, then the positions are mapped; beside
    // them, the items are cut from the piece the check is expected to give.
    let ((pieces, map), (guess, early_cut)) = spread.join(
        || {
            let pieces = scan::object_pieces(text);
            let map = pieces.as_ref().map(|_| Sparse::new(text));
            (pieces, map)
        },
        || {
            let guess = guess_piece(text);
            (guess, guess.and_then(|(a, b)| cut(text, a, b)))
        },
    );
    let (pieces, map) = (pieces?, map?);
    let (a, b) = (pieces.first()?.0, pieces.last()?.1);
    let Cut { items, sketches } = if guess == Some((a, b)) {
        early_cut?
    } else {
        cut(text, a, b)?
    };
    if !are_pieces(&items, &pieces) {
        return None;
    }
    // One piece: its counts are its items'. Several: each item is a piece.
    let whole = pieces.len() == 1;
    let mut piece_evs = Vec::new();
    // Step 1.
    let mut ev = Evidence::default();
    let mut counts = Counts::default();
    let mut pods: Vec<PodKey> = Vec::new();
    let mut by_name: HashMap<u64, Vec<Option<u64>>> = HashMap::new();
    for ((item, sketch), k) in items.iter().zip(sketches).zip(0..) {
        let range = (item.range.start, item.range.end);
        let notes = ev.notes.len();
        let read = if let Some((name, namespace)) = sketch {
            // A Pod with status: only its name and namespace now (step 3 reads it).
            let key = PodKey {
                item: (range.0, range.1, item.dash),
                name,
                namespace,
            };
            if !keep(&mut by_name, &key) {
                return None;
            }
            pods.push(key);
            Counts {
                pods: 1,
                ..Counts::default()
            }
        } else {
            let read = objects::read(&item.text(text), range.0, false, &mut ev);
            // A pod is read again from its item (`read_pod`): one per item.
            if read.errors > 0 || ev.pods.len() > 1 {
                return None;
            }
            for p in ev.pods.drain(..) {
                let key = PodKey {
                    item: (range.0, range.1, item.dash),
                    name: p.name.as_deref().map(hash),
                    namespace: p.namespace.as_deref().map(hash),
                };
                if !keep(&mut by_name, &key) {
                    return None;
                }
                pods.push(key);
            }
            read
        };
        counts.add(&read);
        if !whole {
            let (a, b, encoding) = pieces[k];
            piece_evs.push(piece_ev(&mut ev, &read, notes, (a, b), encoding));
        }
    }
    drop(by_name);
    drop(items);
    if whole {
        let (a, b, encoding) = pieces[0];
        piece_evs.push(piece_ev(&mut ev, &counts, 0, (a, b), encoding));
    }
    // Step 2: the pods events name, read again.
    let named: std::collections::HashSet<u64> = ev
        .events
        .iter()
        .filter_map(|e| e.object.as_ref())
        .filter(|o| {
            o.kind
                .as_deref()
                .is_none_or(|kind| kind.eq_ignore_ascii_case("pod"))
        })
        .map(|o| hash(&o.name))
        .collect();
    let entangled: Vec<bool> = pods
        .iter()
        .map(|p| p.name.is_some_and(|n| named.contains(&n)))
        .collect();
    for (p, _) in pods.iter().zip(&entangled).filter(|(_, e)| **e) {
        ev.pods.push(read_pod(text, p.item)?);
    }
    let tangled = ev.pods.len();
    analyse::prepare(&mut ev);
    let rules = analyse::rules_for(&ev.nodes, options);
    let cx = Cx::new(&map, rules, &ev);
    let groups = analyse::group(&cx);
    let run = cx.run(&groups);
    let mut early = Vec::new();
    let mut status: HashMap<usize, Vec<Diagnosis>> = HashMap::new();
    let mut late = Vec::new();
    for (g, d) in run.diagnoses {
        let group = &groups[g];
        match (group.step, group.pod) {
            (Step::Events, _) => early.push(d),
            (Step::Status, Some(p)) => status.entry(p).or_default().push(d),
            _ => late.push(d),
        }
    }
    let mut summaries = run.pods.into_iter();
    // Step 3: hand everything out in the report's order.
    let pieces = analyse::pieces(&cx, &piece_evs);
    drop(piece_evs);
    let mut out = Out {
        emit,
        summary: DiagnosisSummary {
            manifests: pieces
                .iter()
                .filter(|p| p.format == PieceFormat::Manifest)
                .count(),
            ..DiagnosisSummary::default()
        },
    };
    let piece_list = pieces.clone();
    (out.emit)(Part::Pieces(pieces));
    for d in early {
        out.diagnosis(d);
    }
    let mut skew = SkewAcc::default();
    let mut at = 0;
    let nodes = &ev.nodes;
    // A pod no event names: diagnosed alone (reading is pure: the item gives the pod
    // step 1 read), a round of them at a time.
    let alone = |(key, tangled): &(&PodKey, bool)| -> Option<Alone> {
        if *tangled {
            return None;
        }
        let pod = read_pod(text, key.item)?;
        let one = std::slice::from_ref(&pod);
        let cx1 = Cx {
            map: &map,
            rules,
            pods: one,
            events: &[],
            nodes,
            notes: &[],
            pod_markers: vec![Vec::new()],
        };
        let groups = analyse::group(&cx1);
        let run = cx1.run(&groups);
        Some(Alone {
            pods: run.pods,
            diagnoses: run.diagnoses.into_iter().map(|(_, d)| d).collect(),
            skew: SkewAcc::seen(&pod, rules),
        })
    };
    let hand_out = |round: &[(&PodKey, bool)], done: Vec<Option<Alone>>| {
        for (&(_, tangled_pod), done) in round.iter().zip(done) {
            if tangled_pod {
                // Step 2 summarised every pod it read, these first.
                if let Some(s) = summaries.next() {
                    out.pod(s);
                }
                for d in status.remove(&at).unwrap_or_default() {
                    out.diagnosis(d);
                }
                skew.add(&ev.pods[at], rules);
                at += 1;
                continue;
            }
            let Some(done) = done else {
                continue;
            };
            for p in done.pods {
                out.pod(p);
            }
            for d in done.diagnoses {
                out.diagnosis(d);
            }
            for s in done.skew {
                skew.push(s);
            }
        }
    };
    let work: Vec<(&PodKey, bool)> = pods.iter().zip(entangled).collect();
    in_rounds(spread, &work, alone, hand_out);
    debug_assert_eq!(at, tangled);
    // Pods only events know.
    for (p, s) in ev.pods[tangled..].iter().zip(summaries) {
        out.pod(s);
        skew.add(p, rules);
    }
    let nodes: Vec<NodeSummary> = ev.nodes.iter().map(|n| cx.node_summary(n)).collect();
    Some(out.finish(late, skew, nodes, &cx, text, &piece_list))
}

/// `f` of every item, a round of [`ROUND`] items at a time, each round handed out in
/// order (with its items) while the next one is made.
fn in_rounds<T: Sync, R: Send>(
    spread: &impl Spread,
    items: &[T],
    f: impl Fn(&T) -> R + Sync,
    mut hand_out: impl FnMut(&[T], Vec<R>),
) {
    let mut rounds = items.chunks(ROUND);
    let mut round = rounds.next().unwrap_or_default();
    let mut done = spread.map(round, &f);
    while !round.is_empty() {
        let next = rounds.next().unwrap_or_default();
        let ((), next_done) = spread.join(
            || hand_out(round, std::mem::take(&mut done)),
            || spread.map(next, &f),
        );
        (round, done) = (next, next_done);
    }
}

/// The first window of lines [`by_describe_pieces`] reads pieces in (small in debug
/// builds, so that tests and fuzzing cross its edges).
const WINDOW: usize = if cfg!(debug_assertions) { 8 } else { 4096 };

/// One describe piece handed out by [`scan::each_describe_piece`], as kept.
struct Kept {
    lines: scan::PieceLines,
    /// It may make a diagnosis ([`analyse::may_fail`]; else step 2 has nothing of it).
    may_fail: bool,
}

/// What one describe piece makes, diagnosed alone.
struct PieceRun {
    /// Diagnoses of its event groups, then of its containers' status, then late.
    early: Vec<Diagnosis>,
    status: Vec<Diagnosis>,
    late: Vec<Diagnosis>,
    pods: Vec<PodSummary>,
    skew: Vec<analyse::Seen>,
}

fn piece_run(
    text: &str,
    map: &Sparse<'_>,
    rules: crate::reference::Rules,
    at: scan::PieceLines,
) -> PieceRun {
    let mut ev = scan::read_describe_piece(text, at);
    ev.notes.clear();
    analyse::prepare(&mut ev);
    let cx = Cx::new(map, rules, &ev);
    let groups = analyse::group(&cx);
    let run = cx.run(&groups);
    let mut out = PieceRun {
        early: Vec::new(),
        status: Vec::new(),
        late: Vec::new(),
        pods: run.pods,
        skew: ev
            .pods
            .iter()
            .flat_map(|p| SkewAcc::seen(p, rules))
            .collect(),
    };
    for (g, d) in run.diagnoses {
        match groups[g].step {
            Step::Events => out.early.push(d),
            Step::Status => out.status.push(d),
            Step::Late => out.late.push(d),
        }
    }
    out
}

/// [`diagnose_each`] for `kubectl describe pod` output of two pods or more, and nothing
/// else (`kubectl describe pods -A`): one piece per pod, each read alone (a window of
/// lines at a time) and diagnosed alone, in memory that does not grow with the pods.
/// `None`, nothing handed out, for anything else.
///
/// Why it is the whole run's report: each piece's pod and events are its own (a
/// describe piece's events name its pod; no piece has nodes, other events or a pod with
/// another's name, which the whole run would merge; the k9s join note, once per paste,
/// makes the text whole), and a diagnosis reads its group's pod and events, that pod's
/// markers, the nodes (none) and the reference rules (the options', else the newest:
/// no node names a kubelet). The whole run's groups come in three passes (events, in
/// event order, which is piece order; containers' status, in pod order; pod-level
/// events, in pod order), so its diagnoses are every piece's event diagnoses, then
/// every piece's status diagnoses, then every piece's late ones: step 2 hands out the
/// first (of the pieces [`analyse::may_fail`] lets through), step 3 diagnoses each
/// piece again for its pod and status diagnoses, keeping the late ones (a pod whose
/// failure only pod-level events show: few). Notes are the pieces' notes in order;
/// version skew is gathered over the pods in order.
fn by_describe_pieces(
    spread: &impl Spread,
    text: &str,
    options: &DiagnoseOptions,
    emit: &mut dyn FnMut(Part),
) -> Option<DiagnosisReport> {
    // Only describe output: its first lines tell (before the positions' marks are made).
    if !scan::starts_describe(text) {
        return None;
    }
    // Step 1: every piece read once, keeping its notes, its piece and where it is.
    let mut pieces: Vec<PieceEv> = Vec::new();
    let mut kept: Vec<Kept> = Vec::new();
    let mut notes: Vec<Note> = Vec::new();
    let mut by_name: HashMap<u64, Vec<Option<u64>>> = HashMap::new();
    let (read, map) = spread.join(
        || {
            scan::each_describe_piece(text, WINDOW, &mut |p| {
                let ev = p.ev;
                let [pod] = ev.pods.as_slice() else {
                    return false;
                };
                if p.piece.format != PieceFormat::DescribePod
                    || !ev.nodes.is_empty()
                    || ev.joined_box_noted
                    || ev.events.iter().any(|e| e.pod != Some(0))
                {
                    return false;
                }
                let key = PodKey {
                    item: (0, 0, false),
                    name: pod.name.as_deref().map(hash),
                    namespace: pod.namespace.as_deref().map(hash),
                };
                if !keep(&mut by_name, &key) {
                    return false;
                }
                kept.push(Kept {
                    lines: p.lines,
                    may_fail: analyse::may_fail(&ev),
                });
                notes.extend(ev.notes);
                pieces.push(p.piece);
                true
            })
        },
        || Sparse::new(text),
    );
    if !read || kept.len() < 2 {
        return None;
    }
    drop(by_name);
    let rules = analyse::rules_for(&[], options);
    let global = Evidence {
        notes,
        ..Evidence::default()
    };
    let cx = Cx::new(&map, rules, &global);
    let pieces = analyse::pieces(&cx, &pieces);
    let mut out = Out {
        emit,
        summary: DiagnosisSummary::default(),
    };
    let piece_list = pieces.clone();
    (out.emit)(Part::Pieces(pieces));
    // Step 2: the event diagnoses of the pieces that may fail, piece by piece; a round
    // handed out while the next one is diagnosed.
    let failing: Vec<&Kept> = kept.iter().filter(|k| k.may_fail).collect();
    let early = |k: &&Kept| piece_run(text, &map, rules, k.lines).early;
    in_rounds(spread, &failing, early, |_, done| {
        for d in done.into_iter().flatten() {
            out.diagnosis(d);
        }
    });
    // Step 3: each pod's summary and status diagnoses, in order.
    let mut skew = SkewAcc::default();
    let mut late = Vec::new();
    let rest = |k: &Kept| piece_run(text, &map, rules, k.lines);
    in_rounds(spread, &kept, rest, |_, done| {
        for run in done {
            for p in run.pods {
                out.pod(p);
            }
            for d in run.status {
                out.diagnosis(d);
            }
            late.extend(run.late);
            for s in run.skew {
                skew.push(s);
            }
        }
    });
    Some(out.finish(late, skew, Vec::new(), &cx, text, &piece_list))
}

/// Hands parts out and counts them for the summary.
struct Out<'e> {
    emit: &'e mut dyn FnMut(Part),
    summary: DiagnosisSummary,
}

impl Out<'_> {
    /// Hands out the late diagnoses and makes the rest of the report: the notes' and
    /// the version skew's findings, the nodes, and "no evidence" when nothing was found.
    fn finish(
        mut self,
        late: Vec<Diagnosis>,
        skew: SkewAcc,
        nodes: Vec<NodeSummary>,
        cx: &Cx<'_>,
        text: &str,
        pieces: &[Piece],
    ) -> DiagnosisReport {
        for d in late {
            self.diagnosis(d);
        }
        let mut findings = cx.notes();
        let skew = skew.finish(cx, &mut findings);
        let found = self.summary.diagnoses + self.summary.pods + nodes.len();
        if let Some(f) = analyse::no_evidence(cx, text, pieces, found) {
            findings.push(f);
        }
        let mut summary = self.summary;
        count(&mut summary, &findings);
        DiagnosisReport {
            schema_version: DIAGNOSIS_SCHEMA_VERSION,
            pieces: Vec::new(),
            pods: Vec::new(),
            diagnoses: Vec::new(),
            skew,
            nodes,
            findings,
            summary,
        }
    }

    fn pod(&mut self, p: PodSummary) {
        self.summary.pods += 1;
        match p.verdict {
            PodVerdict::PullProblem => self.summary.pods_failing += 1,
            PodVerdict::NoPullProblem => self.summary.pods_fine += 1,
            PodVerdict::NoEvidence => {}
        }
        (self.emit)(Part::Pod(p));
    }

    fn diagnosis(&mut self, d: Diagnosis) {
        self.summary.diagnoses += 1;
        count(&mut self.summary, &d.findings);
        (self.emit)(Part::Diagnosis(Box::new(d)));
    }
}

fn count(s: &mut DiagnosisSummary, findings: &[crate::Finding]) {
    for f in findings {
        match f.severity {
            Severity::Error => s.errors += 1,
            Severity::Warning => s.warnings += 1,
            Severity::Info => s.infos += 1,
        }
    }
}
