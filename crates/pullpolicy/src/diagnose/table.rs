//! Events tables and rows: describe's `Type Reason Age From Message` (and its legacy
//! `FirstSeen LastSeen Count From SubobjectPath Type Reason Message`), `kubectl get
//! events` (narrow, `-o wide`, `-A`), `kubectl events`, and rows pasted without their
//! header (PF §1.1.4, §1.3.1).
//!
//! With a header, cells are cut at the header's column starts (tabwriter left-aligns
//! every cell of a table at its column's start, so this is robust to the spaces inside
//! `4m10s (x243 over 20h)` and `kubelet, node-1`; PF §1.1.4, an **Inference** from
//! tabwriter's semantics). A row that does not fit the columns (a re-typed paste with
//! single spaces, PF S18) is read token by token instead. A line that starts no row is
//! the continuation of the previous row's message (a message with line breaks, or a
//! line wrapped by the capture tool).

use super::evidence::{
    EventEv, Evidence, Loc, Note, NoteDetail, ObjectRef, split_field_path_prefix,
};
use super::lines::{Line, byte_at_col, col_of, tokens};
use super::rules::DiagnoseRule;
use super::text::{AgeCell, When, kubelet_start, parse_age, parse_age_cell};
use super::types::{Marker, PieceFormat};

/// A header's layout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// `Type Reason Age From Message`.
    Describe,
    /// `FirstSeen LastSeen Count From SubobjectPath Type Reason Message`.
    Legacy,
    /// `[NAMESPACE] LAST SEEN TYPE REASON OBJECT [SUBOBJECT SOURCE] MESSAGE [FIRST SEEN
    /// COUNT NAME]` (also `kubectl events`, told apart by its rows).
    Get,
}

/// A header line: its layout and each column's name and start (in characters).
#[derive(Debug, Clone)]
pub(crate) struct Header {
    pub layout: Layout,
    pub columns: Vec<(&'static str, usize)>,
}

impl Header {
    fn col(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|(n, _)| *n == name)
    }

    /// The piece format of a table with this header.
    pub fn format(&self, kubectl_events: bool) -> PieceFormat {
        match self.layout {
            Layout::Describe => PieceFormat::EventsTable,
            Layout::Legacy => PieceFormat::EventsTableLegacy,
            Layout::Get if self.col("SUBOBJECT").is_some() => PieceFormat::GetEventsWide,
            Layout::Get if kubectl_events => PieceFormat::KubectlEvents,
            Layout::Get => PieceFormat::GetEvents,
        }
    }
}

const DESCRIBE: [&str; 5] = ["Type", "Reason", "Age", "From", "Message"];
const LEGACY: [&str; 8] = [
    "FirstSeen",
    "LastSeen",
    "Count",
    "From",
    "SubobjectPath",
    "Type",
    "Reason",
    "Message",
];

/// Reads a header line, if `line` is one.
pub(crate) fn header(line: &Line<'_>) -> Option<Header> {
    let text = line.text;
    // Every header starts with one of these words: most lines are rejected here,
    // without tokenizing.
    let first = text.trim_start();
    if !["Type", "FirstSeen", "LAST", "NAMESPACE"]
        .iter()
        .any(|w| first.starts_with(w))
    {
        return None;
    }
    let toks: Vec<(usize, &str)> = tokens(text).take(16).collect();
    let names: Vec<&str> = toks.iter().map(|t| t.1).collect();
    let cols = |words: &[&'static str]| -> Vec<(&'static str, usize)> {
        words
            .iter()
            .zip(&toks)
            .map(|(w, (at, _))| (*w, col_of(text, *at)))
            .collect()
    };
    if names == DESCRIBE {
        return Some(Header {
            layout: Layout::Describe,
            columns: cols(&DESCRIBE),
        });
    }
    if names == LEGACY {
        return Some(Header {
            layout: Layout::Legacy,
            columns: cols(&LEGACY),
        });
    }
    // `kubectl get events`: two-word names (`LAST SEEN`, `FIRST SEEN`).
    let mut columns = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (at, word) = toks[i];
        let two = toks.get(i + 1).map(|t| t.1);
        let name: &'static str = match (word, two) {
            ("LAST", Some("SEEN")) => {
                i += 1;
                "LAST SEEN"
            }
            ("FIRST", Some("SEEN")) => {
                i += 1;
                "FIRST SEEN"
            }
            ("NAMESPACE", _) => "NAMESPACE",
            ("TYPE", _) => "TYPE",
            ("REASON", _) => "REASON",
            ("OBJECT", _) => "OBJECT",
            ("SUBOBJECT", _) => "SUBOBJECT",
            ("SOURCE", _) => "SOURCE",
            ("MESSAGE", _) => "MESSAGE",
            ("COUNT", _) => "COUNT",
            ("NAME", _) => "NAME",
            _ => return None,
        };
        columns.push((name, col_of(text, at)));
        i += 1;
    }
    let order: Vec<&str> = columns.iter().map(|c| c.0).collect();
    let core = ["LAST SEEN", "TYPE", "REASON", "OBJECT"];
    let body = order.strip_prefix(&["NAMESPACE"][..]).unwrap_or(&order);
    let ok = body.starts_with(&core)
        && (body[core.len()..] == ["MESSAGE"]
            || body[core.len()..]
                == [
                    "SUBOBJECT",
                    "SOURCE",
                    "MESSAGE",
                    "FIRST SEEN",
                    "COUNT",
                    "NAME",
                ]);
    ok.then_some(Header {
        layout: Layout::Get,
        columns,
    })
}

/// describe's dashed line under the header (`----     ------ …`).
fn is_rule(line: &Line<'_>) -> bool {
    let t = line.text.trim();
    !t.is_empty() && t.chars().all(|c| c == '-' || c.is_whitespace()) && t.contains("--")
}

/// One row, its cells as slices of the line.
#[derive(Debug, Clone, Default)]
pub(crate) struct Row<'t> {
    pub kind: &'t str,
    pub reason: &'t str,
    pub age: Option<AgeCell>,
    pub from: Option<&'t str>,
    pub host: Option<&'t str>,
    pub object: Option<&'t str>,
    pub namespace: Option<&'t str>,
    pub subobject: Option<&'t str>,
    pub first_seen: Option<(u64, u64)>,
    pub count: Option<u64>,
    pub message: &'t str,
    pub markers: Vec<Marker>,
}

fn is_type(t: &str) -> bool {
    t == "Normal" || t == "Warning"
}

/// An event reason: a single identifier.
fn is_reason(t: &str) -> bool {
    let mut chars = t.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Cuts a row by the header's columns; `None` when the row does not fit them.
fn cut<'t>(header: &Header, text: &'t str) -> Option<Row<'t>> {
    // Every column must start after a blank (or at the line's start).
    let mut cells: Vec<&'t str> = Vec::with_capacity(header.columns.len());
    for (i, &(_, col)) in header.columns.iter().enumerate() {
        let from = byte_at_col(text, col);
        if from > 0 && !text[..from].ends_with([' ', '\t']) {
            return None;
        }
        let to = header
            .columns
            .get(i + 1)
            .map_or(text.len(), |&(_, c)| byte_at_col(text, c));
        cells.push(text.get(from..to.max(from))?);
    }
    let cell = |name: &str| header.col(name).map(|i| cells[i].trim());
    let mut row = Row::default();
    match header.layout {
        Layout::Describe => {
            row.kind = cell("Type")?;
            row.reason = cell("Reason")?;
            row.age = parse_age_cell(cell("Age")?);
            read_from(&mut row, cell("From")?);
            row.message = cell_raw(&cells, header.col("Message")?);
        }
        Layout::Legacy => {
            row.kind = cell("Type")?;
            row.reason = cell("Reason")?;
            let last = parse_age(cell("LastSeen")?);
            let count = cell("Count")?.parse().ok();
            row.age = Some(AgeCell {
                last,
                count,
                first: parse_age(cell("FirstSeen")?),
            });
            read_from(&mut row, cell("From")?);
            row.subobject = cell("SubobjectPath").filter(|s| !s.is_empty());
            row.message = cell_raw(&cells, header.col("Message")?);
            row.markers.push(Marker::KubectlLegacyLayout);
        }
        Layout::Get => {
            row.kind = cell("TYPE")?;
            row.reason = cell("REASON")?;
            row.age = parse_age_cell(cell("LAST SEEN")?);
            row.object = cell("OBJECT").filter(|s| !s.is_empty());
            row.namespace = cell("NAMESPACE").filter(|s| !s.is_empty());
            row.subobject = cell("SUBOBJECT").filter(|s| !s.is_empty());
            if let Some(source) = cell("SOURCE") {
                let (c, h) = source.split_once(", ").unwrap_or((source, ""));
                row.from = Some(c).filter(|c| !c.is_empty());
                row.host = Some(h).filter(|h| !h.is_empty());
            }
            row.first_seen = cell("FIRST SEEN").and_then(parse_age);
            row.count = cell("COUNT").and_then(|c| c.parse().ok());
            let m = header.col("MESSAGE")?;
            row.message = if m + 1 == cells.len() {
                cell_raw(&cells, m)
            } else {
                cells[m].trim()
            };
        }
    }
    (is_type(row.kind) && is_reason(row.reason)).then_some(row)
}

/// The last cell as written (only leading blanks taken off: the message is
/// `TrimSpace`d by kubectl, trailing blanks are the paste's).
fn cell_raw<'t>(cells: &[&'t str], i: usize) -> &'t str {
    cells[i].trim()
}

/// describe's `From`: `kubelet`, legacy `kubelet, <node>` (kubectl ≤ 1.19), `{kubelet
/// <node>}` (kubectl ≈ ≤ 1.9).
fn read_from<'t>(row: &mut Row<'t>, from: &'t str) {
    let from = from.trim();
    if from.is_empty() {
        return;
    }
    if let Some(inner) = from.strip_prefix('{').and_then(|f| f.strip_suffix('}')) {
        let (c, h) = inner.split_once(' ').unwrap_or((inner, ""));
        row.from = Some(c);
        row.host = Some(h.trim()).filter(|h| !h.is_empty());
    } else if let Some((c, h)) = from.split_once(", ") {
        row.from = Some(c);
        row.host = Some(h.trim()).filter(|h| !h.is_empty());
        row.markers.push(Marker::KubectlSourceWithHost);
    } else {
        row.from = Some(from);
    }
}

/// Where a row's message starts after its reason: the kubelet's own message starts,
/// `Error: `, kubectl ≥ 1.35's field-path prefix.
fn message_start(s: &str, field_path: bool) -> Option<usize> {
    let mut best = kubelet_start(s);
    let prefixes: &[&str] = if field_path {
        &[
            "Error: ",
            "spec.containers{",
            "spec.initContainers{",
            "spec.ephemeralContainers{",
            "spec.containers[",
        ]
    } else {
        &["Error: "]
    };
    for p in prefixes {
        if let Some(i) = s.find(p) {
            best = Some(best.map_or(i, |b| b.min(i)));
        }
    }
    best
}

/// Reads a row without a header, token by token: describe's layout (`Type Reason Age
/// From Message`), `kubectl get events`' (`[NAMESPACE] LAST SEEN TYPE REASON OBJECT
/// MESSAGE`), `kubectl events`' and the legacy one.
pub(crate) fn row_by_tokens(text: &str) -> Option<Row<'_>> {
    let toks: Vec<(usize, &str)> = tokens(text).take(24).collect();
    let limit = message_start(text, false).unwrap_or(text.len());
    let ti = toks
        .iter()
        .take(12)
        .position(|&(at, t)| at < limit && is_type(t))?;
    let &(reason_at, reason) = toks.get(ti + 1)?;
    if !is_reason(reason) || reason_at >= limit {
        return None;
    }
    let mut row = Row {
        kind: toks[ti].1,
        reason,
        ..Row::default()
    };
    let before: Vec<&str> = toks[..ti].iter().map(|t| t.1).collect();
    let after_reason = reason_at + reason.len();
    let rest: Vec<(usize, &str)> = toks[ti + 2..].to_vec();
    let mut k = 0;
    let message_from: usize;
    if before.is_empty() {
        // describe: Type Reason [Age [(xN over M)]] [From] Message
        read_age(&rest, &mut k, &mut row);
        let from_at = rest.get(k).map(|t| t.0);
        let explicit = message_start(&text[after_reason..], true).map(|i| i + after_reason);
        message_from = match (explicit, from_at) {
            (Some(m), Some(f)) if f < m => {
                read_from(&mut row, text[f..m].trim());
                m
            }
            (Some(m), _) => m,
            (None, Some(f)) => {
                // A From token (or `kubelet, node`), then the message.
                let (_, t) = rest[k];
                let mut next = k + 1;
                if t.ends_with(',') {
                    next += 1;
                }
                let end = rest.get(next).map_or(text.len(), |x| x.0);
                read_from(&mut row, text[f..end].trim());
                end
            }
            (None, None) => text.len(),
        };
    } else if before.len() >= 4
        && parse_age(before[0]).is_some()
        && parse_age(before[1]).is_some()
        && before[2].parse::<u64>().is_ok()
        && before[3].starts_with('{')
    {
        // legacy: FirstSeen LastSeen Count {From} [SubobjectPath] Type Reason Message
        let count = before[2].parse().ok();
        row.age = Some(AgeCell {
            last: parse_age(before[1]),
            count,
            first: parse_age(before[0]),
        });
        let from_start = toks[3].0;
        // The `{From}` cell ends before the Type cell; a `}` only after it (a cut or
        // garbled row) is not that cell's.
        let brace_end = text[from_start..]
            .find('}')
            .map(|i| from_start + i + 1)
            .filter(|&end| end <= toks[ti].0);
        if let Some(end) = brace_end {
            read_from(&mut row, &text[from_start..end]);
            let between = text[end..toks[ti].0].trim();
            row.subobject = Some(between).filter(|s| !s.is_empty());
        }
        row.markers.push(Marker::KubectlLegacyLayout);
        message_from = after_reason;
    } else {
        // get events / kubectl events: [NAMESPACE] LAST SEEN TYPE REASON OBJECT MESSAGE
        let prefix = text[..toks[ti].0].trim();
        let (namespace, age) = match prefix.split_once(char::is_whitespace) {
            Some((first, rest)) if parse_age(first).is_none() => (Some(first), rest.trim()),
            _ => (None, prefix),
        };
        row.namespace = namespace;
        row.age = parse_age_cell(age);
        row.age?;
        let object = rest
            .first()
            .filter(|(at, t)| *at < limit && t.contains('/'));
        message_from = match object {
            Some(&(at, t)) => {
                row.object = Some(t);
                at + t.len()
            }
            None => after_reason,
        };
    }
    row.message = text[message_from.min(text.len())..].trim();
    Some(row)
}

/// Reads an `Age` token and a following `(xN over M)` from `rest` at `*k`, moving `*k`
/// past them; nothing when `rest[*k]` is not an age.
fn read_age(rest: &[(usize, &str)], k: &mut usize, row: &mut Row<'_>) {
    let Some(&(_, t)) = rest.get(*k) else { return };
    let last = parse_age(t);
    if last.is_none() && t != "<unknown>" && t != "<invalid>" {
        return;
    }
    *k += 1;
    let mut cell = AgeCell {
        last,
        count: None,
        first: None,
    };
    if let (Some((_, x)), Some((_, over)), Some((_, m))) =
        (rest.get(*k), rest.get(*k + 1), rest.get(*k + 2))
    {
        let n = x.strip_prefix("(x").and_then(|n| n.parse().ok());
        if let (Some(n), true, Some(m)) = (n, *over == "over", m.strip_suffix(')')) {
            cell.count = Some(n);
            cell.first = parse_age(m);
            *k += 3;
        }
    }
    row.age = Some(cell);
}

/// Whether `line` starts an event row (headerless).
pub(crate) fn is_row_start(line: &Line<'_>) -> bool {
    row_by_tokens(line.text).is_some()
}

/// The pod a describe output lists these rows under.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Owner {
    pub pod: usize,
}

/// What a table read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TableRead {
    /// The line after the table.
    pub next: usize,
    pub rows: usize,
    /// Rows looked like `kubectl events` (`(xN over M)` in LAST SEEN, `Kind/name`).
    pub kubectl_events: bool,
}

/// Reads rows from `lines[from..]` until a line that ends the table, with `header` when
/// there is one. `stop` tells where another piece starts.
pub(crate) fn read_rows(
    lines: &[Line<'_>],
    from: usize,
    header: Option<&Header>,
    owner: Option<Owner>,
    stop: &dyn Fn(&Line<'_>) -> bool,
    ev: &mut Evidence,
    markers: &mut Vec<Marker>,
) -> TableRead {
    let mut i = from;
    let mut rows = 0;
    let mut kubectl_events = false;
    // The event being built: its message lines are joined until the next row.
    let mut open: Option<(EventEv, String, bool)> = None;
    let mut bad: Option<usize> = None;
    let flush = |open: &mut Option<(EventEv, String, bool)>, ev: &mut Evidence| {
        if let Some((mut e, mut message, _)) = open.take() {
            let trimmed = message.trim_end().len();
            message.truncate(trimmed);
            e.message = message;
            ev.events.push(e);
        }
    };
    while i < lines.len() {
        let line = &lines[i];
        if line.is_blank() {
            // Blank lines between rows (vendor docs) are skipped; otherwise the table
            // ends.
            let next = lines[i..].iter().position(|l| !l.is_blank()).map(|k| i + k);
            match next {
                Some(n) if parse_row(header, &lines[n]).is_some() && !stop(&lines[n]) => {
                    i = n;
                    continue;
                }
                _ => break,
            }
        }
        if header.is_some() && is_rule(line) {
            i += 1;
            continue;
        }
        if stop(line) {
            break;
        }
        match parse_row(header, line) {
            Some(row) => {
                flush(&mut open, ev);
                rows += 1;
                if row.age.is_some_and(|a| {
                    a.count.is_some() && header.is_some_and(|h| h.layout == Layout::Get)
                }) || row
                    .object
                    .is_some_and(|o| o.starts_with(|c: char| c.is_ascii_uppercase()))
                {
                    kubectl_events = true;
                }
                for m in &row.markers {
                    if !markers.contains(m) {
                        markers.push(*m);
                    }
                }
                let (event, message) = event_of(line, &row, owner, markers);
                open = Some((event, message, line.boxed));
            }
            None => match open.as_mut() {
                // A continuation of the previous row's message.
                Some((e, message, boxed)) => {
                    let piece = line.text;
                    if *boxed && line.boxed {
                        message.push_str(piece);
                        if !ev.joined_box_noted {
                            ev.joined_box_noted = true;
                            ev.notes.push(Note {
                                rule: DiagnoseRule::JoinedLines,
                                at: Loc(line.start, line.end()),
                                detail: NoteDetail::JoinedBox,
                            });
                        }
                    } else {
                        message.push('\n');
                        message.push_str(piece);
                    }
                    e.at.1 = line.end();
                }
                None => {
                    // One note per table, at the first line it could not read.
                    match bad {
                        Some(k) => {
                            if let NoteDetail::BadRows(n) = &mut ev.notes[k].detail {
                                *n += 1;
                            }
                        }
                        None => {
                            bad = Some(ev.notes.len());
                            ev.notes.push(Note {
                                rule: DiagnoseRule::TruncatedInput,
                                at: Loc(line.start, line.end()),
                                detail: NoteDetail::BadRows(1),
                            });
                        }
                    }
                }
            },
        }
        i += 1;
    }
    flush(&mut open, ev);
    TableRead {
        next: i,
        rows,
        kubectl_events,
    }
}

fn parse_row<'t>(header: Option<&Header>, line: &Line<'t>) -> Option<Row<'t>> {
    header
        .and_then(|h| cut(h, line.text))
        .or_else(|| row_by_tokens(line.text))
}

/// The event a row records.
fn event_of(
    line: &Line<'_>,
    row: &Row<'_>,
    owner: Option<Owner>,
    markers: &mut Vec<Marker>,
) -> (EventEv, String) {
    let (start, end) = line.span_of(row.message);
    let mut message = row.message;
    let mut field_path = row.subobject.map(str::to_owned);
    if let Some((path, rest)) = split_field_path_prefix(message) {
        field_path = Some(path.to_owned());
        message = rest;
        if !markers.contains(&Marker::KubectlFieldPathPrefix) {
            markers.push(Marker::KubectlFieldPathPrefix);
        }
    }
    let msg_start = line.span_of(message).0;
    let mut e = EventEv::new(String::new(), Loc(msg_start.max(start), end));
    e.pod = owner.map(|o| o.pod);
    e.kind = Some(row.kind.to_owned());
    e.reason = Some(row.reason.to_owned());
    e.field_path = field_path;
    e.host = row.host.map(str::to_owned);
    if let Some(age) = row.age {
        e.count = age.count.or(row.count);
        e.last = age.last.map(|(a, b)| When::Ago(a, b));
        e.first = age.first.or(row.first_seen).map(|(a, b)| When::Ago(a, b));
    } else {
        e.count = row.count;
        e.first = row.first_seen.map(|(a, b)| When::Ago(a, b));
    }
    if let Some(object) = row.object
        && let Some((kind, name)) = object.split_once('/')
    {
        e.object = Some(ObjectRef {
            kind: Some(kind.to_owned()),
            name: name.to_owned(),
            namespace: row.namespace.map(str::to_owned),
        });
    }
    (e, message.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnose::lines::split;

    #[test]
    fn headers() {
        let l = split("  Type     Reason     Age   From     Message");
        let h = header(&l[0]).unwrap();
        assert_eq!(h.layout, Layout::Describe);
        assert_eq!(h.columns[4], ("Message", 37));
        let l = split("NAMESPACE   LAST SEEN   TYPE      REASON   OBJECT   MESSAGE");
        let h = header(&l[0]).unwrap();
        assert_eq!(h.layout, Layout::Get);
        assert_eq!(h.columns[1], ("LAST SEEN", 12));
        let l = split(
            "LAST SEEN   TYPE   REASON   OBJECT   SUBOBJECT   SOURCE   MESSAGE   FIRST SEEN   COUNT   NAME",
        );
        assert_eq!(
            header(&l[0]).unwrap().format(false),
            PieceFormat::GetEventsWide
        );
        let l = split("LAST SEEN   TYPE   REASON   MESSAGE");
        assert!(header(&l[0]).is_none());
    }

    #[test]
    fn rows_by_tokens() {
        let r = row_by_tokens(
            "  Warning  Failed     13s (x2 over 29s)  kubelet            Error: ErrImagePull",
        )
        .unwrap();
        assert_eq!(
            (r.kind, r.reason, r.from, r.message),
            ("Warning", "Failed", Some("kubelet"), "Error: ErrImagePull")
        );
        assert_eq!(r.age.unwrap().count, Some(2));
        let r = row_by_tokens(
            "Normal Pulling 18s (x2 over 37s) kubelet, kworker2 pulling image \"h/k:0.8.1\"",
        )
        .unwrap();
        assert_eq!((r.from, r.host), (Some("kubelet"), Some("kworker2")));
        assert_eq!(r.message, "pulling image \"h/k:0.8.1\"");
        let r = row_by_tokens("0s          Warning   Failed                   pod/xxx-redis-z7c6m               Error: ErrImagePull").unwrap();
        assert_eq!(r.object, Some("pod/xxx-redis-z7c6m"));
        assert_eq!(r.message, "Error: ErrImagePull");
        let r = row_by_tokens("  18m\t\t2m\t\t8\t{kubelet rootfs-dev}\tspec.containers{web}\tNormal\t\tPulling\t\tpulling image \"kubernetes/pause\"").unwrap();
        assert_eq!(r.subobject, Some("spec.containers{web}"));
        assert_eq!(r.host, Some("rootfs-dev"));
        assert_eq!(r.age.unwrap().count, Some(8));
        assert_eq!(r.message, "pulling image \"kubernetes/pause\"");
        // A legacy row whose `{From` is not closed before its Type (a garbled paste, found
        // by fuzzing): read, without a From, never a slice running backwards.
        let r = row_by_tokens("  18m\t\t2m\t\t8\t{kubelet rootfs-dev\tWarning\t\tFailed\t\tFailed to pull image \"a\": b}").unwrap();
        assert_eq!((r.kind, r.reason, r.from), ("Warning", "Failed", None));
        assert_eq!(r.message, "Failed to pull image \"a\": b}");
        let r = row_by_tokens("Warning   Failed      Failed to pull image \"a\": x").unwrap();
        assert_eq!(r.message, "Failed to pull image \"a\": x");
        assert!(row_by_tokens("Warning: something happened").is_none());
        assert!(row_by_tokens("Failed to pull image \"a\": Warning Failed").is_none());
    }
}
