//! go-yaml v2.4.0's decoder (`decode.go`), as far as it can refuse a document that
//! parsed: a scalar that does not fit its tag or bad `!!binary` data, a mapping or
//! sequence used as a key (`invalid map key: …`), a merge (`<<`) of something that
//! is not a mapping, an alias inside the node it names (`anchor 'x' value contains
//! itself`), and too many alias expansions (`document contains excessive aliasing`).
//!
//! go-yaml finds these while it builds Go values, expanding every alias as a copy, in
//! its order: keys before values, merge sources of `<<: [a, b]` last to first. Its
//! alias limit counts `unmarshal` calls (`decodeCount`) and those made inside an
//! alias (`aliasCount`) and fails as soon as `aliasCount > 100 && decodeCount > 1000
//! && aliasCount/decodeCount > allowedAliasRatio(decodeCount)` (99 % up to 400,000
//! calls, falling to 10 % at 4,000,000).
//!
//! Here nothing is expanded. Each node's decode is summarised bottom-up (how many
//! calls it makes, how many of those are inside aliases, and the first error with the
//! number of calls before it), so an alias costs O(1). Inside one alias every call
//! counts for both counters, so the limit's condition only grows: where it first
//! holds is found by bisection. Outside aliases the walk is one call per node, checked
//! one by one. Only an alias into the node that contains it is walked call by call
//! (it always ends in an error, within the limit). An alias bomb is refused in
//! microseconds.

use super::convert::{self, Effects};
use super::tree::{Doc, Kind, NodeId};

/// What the decoder refuses, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError {
    /// The node at fault: the scalar, the key, the merged value, the alias.
    pub at: NodeId,
    /// go-yaml's text without `yaml: `.
    pub text: String,
    /// The alias limit or an alias inside its own node (merge keys are then not
    /// expanded by [`Doc::pairs`]).
    pub aliasing: bool,
}

#[derive(Debug, Clone, Copy)]
enum Fault {
    Scalar(NodeId),
    Key(NodeId),
    Merge(NodeId),
}

#[derive(Debug, Clone, Copy, Default)]
struct Summary {
    /// `unmarshal` calls to decode the node.
    steps: u64,
    /// Of those, calls inside an alias.
    alias_steps: u64,
    /// The first error and how many calls come before it.
    fault: Option<(u64, Fault)>,
    /// It contains an alias into a node that is still open (a cycle).
    cyclic: bool,
}

/// The first error go-yaml's decoder meets in `doc`, if any.
pub(crate) fn check(doc: &Doc<'_>, effects: &mut Effects) -> Option<DecodeError> {
    if !doc.has_alias && !doc.has_merge && !doc.has_collection_key && doc.scalar_errors.is_empty() {
        return None;
    }
    let sums = summarize(doc);
    let root = sums[doc.root().index()];
    let fault = if !root.cyclic && (root.alias_steps <= 100 || root.steps <= 1000) {
        // The alias limit needs more than 100 alias calls and 1,000 calls in all.
        root.fault.map(|(_, f)| Err(f))
    } else {
        Walker::new(doc, &sums).run().err()
    };
    fault.map(|f| match f {
        Err(fault) => describe(doc, fault, effects),
        Ok(e) => e,
    })
}

fn describe(doc: &Doc<'_>, fault: Fault, effects: &mut Effects) -> DecodeError {
    let (at, text) = match fault {
        Fault::Scalar(id) => {
            let text = doc
                .scalar_errors
                .iter()
                .find(|(n, _)| *n == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_default();
            (id, text)
        }
        Fault::Key(id) => {
            let mut v = String::new();
            convert::go_v(doc, id, &mut v, effects, 1);
            (id, format!("invalid map key: {v}"))
        }
        Fault::Merge(id) => (
            id,
            "map merge requires map or sequence of maps as the value".to_owned(),
        ),
    };
    DecodeError {
        at,
        text,
        aliasing: false,
    }
}

fn is_collection(doc: &Doc<'_>, id: NodeId) -> bool {
    matches!(
        doc.node(doc.resolve(id)).kind,
        Kind::Mapping(_) | Kind::Sequence(_)
    )
}

fn is_mapping(doc: &Doc<'_>, id: NodeId) -> bool {
    matches!(doc.node(id).kind, Kind::Mapping(_))
}

fn is_merge_key(doc: &Doc<'_>, id: NodeId) -> bool {
    matches!(doc.node(id).kind, Kind::Scalar(i) if doc.scalars[i as usize].is_merge_key())
}

/// Adds one child's decode to a running summary (`off`: calls made so far).
fn add(acc: &mut Summary, off: &mut u64, child: &Summary) {
    if acc.fault.is_none()
        && let Some((o, f)) = child.fault
    {
        acc.fault = Some((off.saturating_add(o), f));
    }
    *off = off.saturating_add(child.steps);
    acc.alias_steps = acc.alias_steps.saturating_add(child.alias_steps);
    acc.cyclic |= child.cyclic;
}

fn fail_at(acc: &mut Summary, off: u64, fault: Fault) {
    if acc.fault.is_none() {
        acc.fault = Some((off, fault));
    }
}

/// Summaries of every node, children (and anchored nodes) before parents.
fn summarize(doc: &Doc<'_>) -> Vec<Summary> {
    let mut sums = vec![Summary::default(); doc.nodes.len()];
    let mut bad: Vec<NodeId> = doc.scalar_errors.iter().map(|(n, _)| *n).collect();
    crate::sort::sort_slice_by(&mut bad, Ord::cmp);
    for &id in &doc.post {
        let s = match doc.node(id).kind {
            Kind::Scalar(_) => Summary {
                steps: 1,
                alias_steps: 0,
                fault: bad
                    .binary_search(&id)
                    .is_ok()
                    .then_some((1, Fault::Scalar(id))),
                cyclic: false,
            },
            Kind::Alias(target) => {
                if doc.cyclic.contains(&id) {
                    Summary {
                        steps: 1,
                        cyclic: true,
                        ..Summary::default()
                    }
                } else {
                    let t = sums[target.index()];
                    Summary {
                        steps: t.steps.saturating_add(1),
                        alias_steps: t.steps,
                        fault: t.fault.map(|(o, f)| (o.saturating_add(1), f)),
                        cyclic: t.cyclic,
                    }
                }
            }
            Kind::Sequence(_) => {
                let mut acc = Summary::default();
                let mut off = 1;
                for &item in doc.items(id).unwrap_or_default() {
                    add(&mut acc, &mut off, &sums[item.index()]);
                }
                acc.steps = off;
                acc
            }
            Kind::Mapping(_) => {
                let mut acc = Summary::default();
                let mut off = 1;
                for &(k, v) in doc.written_pairs(id).unwrap_or_default() {
                    if is_merge_key(doc, k) {
                        match doc.node(v).kind {
                            Kind::Mapping(_) => add(&mut acc, &mut off, &sums[v.index()]),
                            Kind::Alias(t) => {
                                if !is_mapping(doc, t) {
                                    fail_at(&mut acc, off, Fault::Merge(v));
                                }
                                add(&mut acc, &mut off, &sums[v.index()]);
                            }
                            Kind::Sequence(_) => {
                                for &item in doc.items(v).unwrap_or_default().iter().rev() {
                                    if !is_mapping(doc, doc.resolve(item)) {
                                        fail_at(&mut acc, off, Fault::Merge(item));
                                    }
                                    add(&mut acc, &mut off, &sums[item.index()]);
                                }
                            }
                            Kind::Scalar(_) => fail_at(&mut acc, off, Fault::Merge(v)),
                        }
                    } else {
                        add(&mut acc, &mut off, &sums[k.index()]);
                        if is_collection(doc, k) {
                            fail_at(&mut acc, off, Fault::Key(k));
                        }
                        add(&mut acc, &mut off, &sums[v.index()]);
                    }
                }
                acc.steps = off;
                acc
            }
        };
        sums[id.index()] = s;
    }
    sums
}

/// go-yaml's `allowedAliasRatio`.
fn allowed_ratio(decode_count: u64) -> f64 {
    const LOW: u64 = 400_000;
    const HIGH: u64 = 4_000_000;
    if decode_count <= LOW {
        0.99
    } else if decode_count >= HIGH {
        0.10
    } else {
        0.99 - 0.89 * ((decode_count - LOW) as f64 / (HIGH - LOW) as f64)
    }
}

/// The alias limit's condition.
fn excessive(alias_count: u64, decode_count: u64) -> bool {
    alias_count > 100
        && decode_count > 1000
        && alias_count as f64 / decode_count as f64 > allowed_ratio(decode_count)
}

/// The first `k` in `1..=n` for which `n` more calls inside an alias trip the limit.
fn first_excessive(a: u64, d: u64, n: u64) -> Option<u64> {
    if n == 0 || !excessive(a.saturating_add(n), d.saturating_add(n)) {
        return None;
    }
    let (mut lo, mut hi) = (1, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if excessive(a.saturating_add(mid), d.saturating_add(mid)) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(lo)
}

enum Task {
    Decode(NodeId),
    KeyCheck(NodeId),
    Merge(NodeId),
    MergeItem(NodeId),
    EndAlias(NodeId),
}

/// go-yaml's decode walk, one call per node outside aliases, summaries inside them.
struct Walker<'d, 't> {
    doc: &'d Doc<'t>,
    sums: &'d [Summary],
    decode_count: u64,
    alias_count: u64,
    alias_depth: usize,
    active: Vec<bool>,
}

impl<'d, 't> Walker<'d, 't> {
    fn new(doc: &'d Doc<'t>, sums: &'d [Summary]) -> Walker<'d, 't> {
        Walker {
            doc,
            sums,
            decode_count: 0,
            alias_count: 0,
            alias_depth: 0,
            active: vec![false; doc.nodes.len()],
        }
    }

    /// `Err(Err(fault))` for an error found by a summary or a check, `Err(Ok(e))`
    /// for the alias errors.
    fn run(mut self) -> Result<(), Result<DecodeError, Fault>> {
        let doc = self.doc;
        let mut tasks = vec![Task::Decode(doc.root())];
        while let Some(task) = tasks.pop() {
            match task {
                Task::Decode(id) => {
                    self.decode_count += 1;
                    if self.alias_depth > 0 {
                        self.alias_count += 1;
                    }
                    if excessive(self.alias_count, self.decode_count) {
                        return Err(Ok(excessive_error(id)));
                    }
                    match doc.node(id).kind {
                        Kind::Scalar(_) => {
                            if let Some((_, f)) = self.sums[id.index()].fault {
                                return Err(Err(f));
                            }
                        }
                        Kind::Alias(target) => {
                            if self.active[id.index()] {
                                let name = doc.alias_name(id).unwrap_or_default();
                                return Err(Ok(DecodeError {
                                    at: id,
                                    text: format!("anchor '{name}' value contains itself"),
                                    aliasing: true,
                                }));
                            }
                            let t = self.sums[target.index()];
                            if t.cyclic {
                                self.active[id.index()] = true;
                                self.alias_depth += 1;
                                tasks.push(Task::EndAlias(id));
                                tasks.push(Task::Decode(target));
                            } else {
                                let trip =
                                    first_excessive(self.alias_count, self.decode_count, t.steps);
                                if let Some((o, f)) = t.fault
                                    && trip.is_none_or(|k| k > o)
                                {
                                    return Err(Err(f));
                                }
                                if trip.is_some() {
                                    return Err(Ok(excessive_error(id)));
                                }
                                self.alias_count = self.alias_count.saturating_add(t.steps);
                                self.decode_count = self.decode_count.saturating_add(t.steps);
                            }
                        }
                        Kind::Sequence(_) => {
                            for &item in doc.items(id).unwrap_or_default().iter().rev() {
                                tasks.push(Task::Decode(item));
                            }
                        }
                        Kind::Mapping(_) => {
                            for &(k, v) in doc.written_pairs(id).unwrap_or_default().iter().rev() {
                                if is_merge_key(doc, k) {
                                    tasks.push(Task::Merge(v));
                                } else {
                                    tasks.push(Task::Decode(v));
                                    tasks.push(Task::KeyCheck(k));
                                    tasks.push(Task::Decode(k));
                                }
                            }
                        }
                    }
                }
                Task::KeyCheck(k) => {
                    if is_collection(doc, k) {
                        return Err(Err(Fault::Key(k)));
                    }
                }
                Task::Merge(v) => match doc.node(v).kind {
                    Kind::Mapping(_) => tasks.push(Task::Decode(v)),
                    Kind::Alias(t) => {
                        if !is_mapping(doc, t) {
                            return Err(Err(Fault::Merge(v)));
                        }
                        tasks.push(Task::Decode(v));
                    }
                    Kind::Sequence(_) => {
                        for &item in doc.items(v).unwrap_or_default() {
                            tasks.push(Task::MergeItem(item));
                        }
                    }
                    Kind::Scalar(_) => return Err(Err(Fault::Merge(v))),
                },
                Task::MergeItem(item) => {
                    if !is_mapping(doc, doc.resolve(item)) {
                        return Err(Err(Fault::Merge(item)));
                    }
                    tasks.push(Task::Decode(item));
                }
                Task::EndAlias(id) => {
                    self.active[id.index()] = false;
                    self.alias_depth -= 1;
                }
            }
        }
        Ok(())
    }
}

fn excessive_error(at: NodeId) -> DecodeError {
    DecodeError {
        at,
        text: "document contains excessive aliasing".to_owned(),
        aliasing: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alias_limit() {
        assert!(!excessive(100, 100_000));
        assert!(!excessive(101, 1000));
        assert!(excessive(991, 1001));
        assert!(!excessive(990, 1001));
        assert_eq!(first_excessive(0, 10, 10_000), Some(991));
        assert_eq!(first_excessive(0, 10, 100), None);
    }
}
