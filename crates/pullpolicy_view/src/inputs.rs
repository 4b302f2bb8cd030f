//! Several inputs at once (the CLI's files, the playground's one manifest): the
//! per-entry table, the findings list and the counts over all of them.

use crate::model::{Card, Counts, FindingView, Tone, cards_in_start_order, findings};
use crate::wording;
use pullpolicy::Report;

/// One input: explained, or not readable.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    /// Read and explained.
    Report {
        /// How it is named (a path, `<stdin>`, or empty for the playground's editor).
        name: &'a str,
        /// Its report.
        report: &'a Report,
    },
    /// Could not be read.
    Unreadable {
        /// How it is named.
        name: &'a str,
        /// Why.
        message: &'a str,
        /// Where, when known.
        line: Option<u32>,
        /// Where, when known.
        column: Option<u32>,
    },
}

impl<'a> Input<'a> {
    /// Its name.
    pub fn name(&self) -> &'a str {
        match self {
            Input::Report { name, .. } | Input::Unreadable { name, .. } => name,
        }
    }

    /// Its report, if it was read.
    pub fn report(&self) -> Option<&'a Report> {
        match self {
            Input::Report { report, .. } => Some(report),
            Input::Unreadable { .. } => None,
        }
    }
}

/// One row of the per-entry table.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    /// The input's name.
    pub file: &'a str,
    /// `Kind/name`.
    pub object: String,
    /// The entry.
    pub card: Card<'a>,
    /// `init:name`.
    pub container: String,
    /// The policy as written (or `(unset)`, …) and how it looks.
    pub written: (&'a str, Tone),
    /// The effective policy (`Always (default)`, `(rejected)`, …) and how it looks.
    pub effective: (String, Tone),
    /// The node outcome and how it looks.
    pub outcome: (String, Tone),
}

impl Row<'_> {
    /// `file:line` (`line` alone without a name).
    pub fn location(&self) -> String {
        location(self.file, self.card.position.line, None)
    }
}

/// Every entry of every input, in input order; within a document in source order
/// (which reads best next to `file:line`; the core lists them in the API's validation
/// order).
pub fn rows<'a>(inputs: &[Input<'a>]) -> Vec<Row<'a>> {
    let mut out = Vec::new();
    for input in inputs {
        let Some(report) = input.report() else {
            continue;
        };
        for (di, doc) in report.documents.iter().enumerate() {
            let object = wording::object_ref(doc.kind.as_deref(), doc.name.as_deref());
            let (cards, _) = cards_in_start_order(doc, di);
            out.extend(cards.into_iter().map(|card| Row {
                file: input.name(),
                object: object.clone(),
                container: card.container(),
                written: card.written(),
                effective: card.effective(),
                outcome: card.outcome(),
                card,
            }));
        }
    }
    out
}

/// One line of the findings list.
#[derive(Debug, Clone, PartialEq)]
pub struct Item<'a> {
    /// The input's name.
    pub file: &'a str,
    /// What it says.
    pub finding: FindingView<'a>,
}

impl Item<'_> {
    /// `file:line:column`, `file:line` or `file` (without a name: `line:column`).
    pub fn location(&self) -> String {
        let p = &self.finding.position;
        location(self.file, p.line, Some(p.column))
    }
}

fn location(file: &str, line: u32, column: Option<u32>) -> String {
    let mut out = file.to_owned();
    if line > 0 {
        if !out.is_empty() {
            out.push(':');
        }
        out.push_str(&line.to_string());
        if let Some(c) = column.filter(|c| *c > 0) {
            out.push(':');
            out.push_str(&c.to_string());
        }
    }
    out
}

/// The findings of every input, in input order, sorted by position within one;
/// documents without a pod spec are only counted ([`Counts::skipped`]). With `inputs`,
/// inputs that could not be read are items too (syntax errors are findings).
pub fn items<'a>(all: &[Input<'a>], inputs: bool) -> Vec<Item<'a>> {
    let mut out = Vec::new();
    for input in all {
        let start = out.len();
        match input {
            Input::Unreadable {
                name,
                message,
                line,
                column,
            } => {
                if inputs {
                    out.push(Item {
                        file: name,
                        finding: FindingView::unreadable(message, *line, *column),
                    });
                }
            }
            Input::Report { name, report } => {
                out.extend(findings(report).into_iter().map(|finding| Item {
                    file: name,
                    finding,
                }));
            }
        }
        sort_by_position(&mut out[start..], |i| &i.finding.position);
    }
    out
}

/// A stable insertion sort by line and column: the items come nearly in order, and the
/// standard library's sorts would add kilobytes to the playground's bundle.
fn sort_by_position<T>(v: &mut [T], at: impl Fn(&T) -> &pullpolicy::Position) {
    let key = |t: &T| {
        let p = at(t);
        (p.line, p.column)
    };
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && key(&v[j - 1]) > key(&v[j]) {
            v.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The counts over every input; an input that could not be read counts as an error.
pub fn counts(all: &[Input<'_>]) -> (Counts, usize) {
    let mut c = Counts::default();
    let mut unreadable = 0;
    for input in all {
        match input {
            Input::Report { report, .. } => c.add(&Counts::of(report)),
            Input::Unreadable { .. } => {
                unreadable += 1;
                c.errors += 1;
            }
        }
    }
    (c, unreadable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations() {
        assert_eq!(location("a.yaml", 3, Some(5)), "a.yaml:3:5");
        assert_eq!(location("a.yaml", 3, None), "a.yaml:3");
        assert_eq!(location("a.yaml", 0, Some(0)), "a.yaml");
        assert_eq!(location("", 3, Some(5)), "3:5");
    }

    /// The tables list a Pod's entries as the kubelet starts them, as the cards do:
    /// image volumes, init containers (sidecars among them), app containers.
    #[test]
    fn rows_are_in_start_order() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: app, image: \"nginx:1\"}\n  initContainers:\n  - {name: setup, image: \"busybox:1\"}\n  - {name: proxy, image: \"envoy:1\", restartPolicy: Always}\n";
        let report = pullpolicy::explain(text, &pullpolicy::Options::default());
        let inputs = [Input::Report {
            name: "p.yaml",
            report: &report,
        }];
        let order: Vec<String> = rows(&inputs)
            .iter()
            .map(|r| r.container.to_string())
            .collect();
        assert_eq!(order.len(), 3, "{order:?}");
        assert!(order[0].contains("setup"), "{order:?}");
        assert!(order[1].contains("proxy"), "{order:?}");
        assert!(order[2].contains("app"), "{order:?}");
    }
}
