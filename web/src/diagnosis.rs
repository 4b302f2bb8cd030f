//! Diagnosis of pasted evidence in the playground (issue #18): routing and running.
//!
//! The page tells evidence from a manifest with [`crate::evidence::is_evidence`] (a few
//! substring tests in the first load). Evidence goes to the deferred module, which holds
//! the core's diagnosis and its markup ([`run`], exported by
//! `src/bin/pullpolicy_deferred.rs` as `diagnose`): the job and the result cross as the
//! worker's length-prefixed records ([`crate::engine::encode_job`],
//! [`crate::engine::encode_from_worker`]), the markup as the [`SafeHtml`] the view's
//! encoder made. The page loads the module when a paste needs it ([`request`]); if it
//! cannot, the results say so ([`crate::components::render::diagnosis_unavailable`]).
//! When the diagnosis recognises no evidence in the text after all (a manifest whose
//! comment names `ErrImagePull`), its result has no markup and the page explains the
//! text instead.
//!
//! Diagnoses run on the page's thread, whatever the size (the core diagnoses a 1,000-pod
//! List in about 50 ms); the worker only explains.

use crate::components::{Marker, RenderCx, render};
use crate::engine::{Job, Rendered};
use crate::lines::LineIndex;
use pullpolicy::diagnose::{DiagnoseOptions, DiagnosisReport, PieceFormat, diagnose};
use pullpolicy::faq;
use pullpolicy_view::html::SafeHtml;
use std::rc::Rc;

/// Whether the report found anything to diagnose: a piece read as evidence.
fn holds_evidence(report: &DiagnosisReport) -> bool {
    !report.diagnoses.is_empty()
        || report.pieces.iter().any(|p| {
            !matches!(
                p.format,
                PieceFormat::Manifest | PieceFormat::Unrecognized | PieceFormat::Unreadable
            )
        })
}

/// Diagnoses `job`'s text and renders it (the deferred module's side). A result without
/// markup means "no evidence here: explain it".
pub fn run(job: &Job) -> Rendered {
    let start = crate::browser::now();
    // The version chosen in the scenario panel, if the user chose one; else the
    // evidence's (a pasted node's kubeletVersion), else the newest rules.
    let chosen = job.options.kubernetes_version;
    let options = DiagnoseOptions {
        kubernetes_version: (chosen != pullpolicy::Options::default().kubernetes_version)
            .then_some(chosen),
    };
    let report = diagnose(&job.text, &options);
    let cost_ms = (crate::browser::now() - start) as u32;
    if !holds_evidence(&report) {
        return Rendered {
            id: job.id,
            verdicts: SafeHtml::default(),
            markers: Vec::new(),
            announcement: String::new(),
            related: Vec::new(),
            cost_ms,
            clean: false,
        };
    }
    let lines = LineIndex::new(&job.text);
    let cx = RenderCx {
        lines: &lines,
        open: &job.open,
        options: &job.options,
    };
    let verdicts = render::diagnosis(&report, &cx);
    let mut markers = Vec::new();
    let mut related: Vec<&'static str> = Vec::new();
    for (origin, f) in crate::components::diagnosis_findings(&report) {
        let pos = &f.position;
        let (line, col) = lines.locate16(pos.offset16);
        let (end_line, end_col) = lines.locate16(pos.end16.max(pos.offset16));
        let col_to = if end_line == line && end_col > col {
            end_col
        } else {
            lines.len16(line).max(col + 1)
        };
        markers.push(Marker {
            line,
            col_from: col,
            col_to,
            from: lines.to_display(pos.offset16),
            to: lines.to_display(pos.end16.max(pos.offset16)),
            severity: f.severity,
            rule: Rc::from(f.rule),
            message: Rc::from(f.message.as_str()),
            target: origin.element_id(),
        });
        for id in f.faq {
            if let Some(e) = faq::entry(id)
                && !related.contains(&e.id)
            {
                related.push(e.id);
            }
        }
    }
    markers.sort_by_key(|m| (m.line, m.col_from));
    Rendered {
        id: job.id,
        verdicts,
        markers,
        announcement: render::diagnosis_announcement(&report),
        related,
        cost_ms,
        // Evidence is never the "last good manifest" whose verdicts stay greyed.
        clean: false,
    }
}

/// The result shown when the deferred module did not load.
pub fn unavailable(id: u64) -> Rendered {
    Rendered {
        id,
        verdicts: render::diagnosis_unavailable(),
        markers: Vec::new(),
        announcement: pullpolicy_view::diagnosis::UNAVAILABLE.to_owned(),
        related: Vec::new(),
        cost_ms: 0,
        clean: false,
    }
}

/// Analyses `job` on the page: evidence is diagnosed by the deferred module (loaded now
/// if it is not), anything else explained (here or in the worker).
pub fn request(job: Job, dispatch: &crate::app::Dispatch, ui: &crate::components::UiRef) {
    use crate::engine::{FromWorker, decode_from_worker, decode_job, encode_job};
    use crate::state::{Action, Shared};
    if job.text.len() > crate::MAX_INPUT || !crate::evidence::is_evidence(&job.text) {
        return explain(&job, dispatch, ui);
    }
    // What waits for the module holds the job as the record the module reads.
    let (record, id) = (encode_job(&job), job.id);
    let (d, ui) = (dispatch.clone(), ui.clone());
    crate::codec::when_loaded(Box::new(move || {
        let action = match crate::codec::diagnose(&record).as_deref().map(decode_from_worker) {
            // Not evidence after all: explained.
            Some(Some(FromWorker::Result(r))) if r.verdicts.as_str().is_empty() => {
                if let Some(job) = decode_job(&record) {
                    explain(&job, &d, &ui);
                }
                return;
            }
            Some(Some(FromWorker::Result(r))) => Action::Analysed(Shared::new(r), crate::browser::now()),
            // A trap (the browser's console has its message).
            Some(_) => Action::Crashed(format!("pullpolicy {} (diagnosis)", pullpolicy::version())),
            None => Action::Analysed(Shared::new(unavailable(id)), crate::browser::now()),
        };
        d.dispatch(action);
    }));
}

/// Explains `job`: in the worker when it runs (large texts), else here.
fn explain(job: &Job, dispatch: &crate::app::Dispatch, ui: &crate::components::UiRef) {
    #[cfg(target_arch = "wasm32")]
    match crate::worker::current(dispatch) {
        Some(e) => e.request(job.clone()),
        None => crate::worker::run_here(job, dispatch, ui),
    }
    #[cfg(not(target_arch = "wasm32"))]
    crate::worker::run_here(job, dispatch, ui);
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::state::Disclosures;
    use pullpolicy::Options;

    pub(crate) fn job(text: &str) -> Job {
        Job {
            id: 3,
            text: Rc::new(text.to_owned()),
            options: Options::default(),
            filter: None,
            show_all: false,
            good: None,
            open: Disclosures::default(),
        }
    }

    const DESCRIBE: &str =
        include_str!("../../crates/pullpolicy/tests/fixtures/diagnose/composed/describe_current.txt");

    #[test]
    fn a_describe_output_is_diagnosed_with_markers_at_its_findings() {
        let r = run(&job(DESCRIBE));
        let v = r.verdicts.as_str();
        assert!(v.contains("data-class=\"not-found\""), "{v}");
        assert!(v.contains("data-reason=\"ImagePullBackOff\""), "{v}");
        assert!(v.contains("<h2 id=\"verdicts-title\">Diagnosis</h2>"), "{v}");
        assert!(v.contains("docker.io/library/nginx:9.9: not found"), "{v}");
        assert!(v.contains("class=\"link loc\" data-act=\"jump\""), "{v}");
        assert!(!r.markers.is_empty());
        for m in &r.markers {
            assert!(v.contains(&format!("id=\"{}\"", m.target)), "{}", m.target);
        }
        assert!(r.announcement.starts_with("Diagnosis: 1 input: 1 pull failure"), "{}", r.announcement);
        assert!(!r.clean);
        // The result crosses from the deferred module as the worker's record does.
        let m = crate::engine::FromWorker::Result(r);
        assert_eq!(
            crate::engine::decode_from_worker(&crate::engine::encode_from_worker(&m)),
            Some(m)
        );
    }

    #[test]
    fn every_evidence_example_gets_its_class() {
        let expected = [
            ("diagnose-not-found", "not-found"),
            ("diagnose-access-denied", "access-denied"),
            ("diagnose-no-credentials", "no-credentials"),
            ("diagnose-rate-limited", "rate-limited"),
            ("diagnose-platform", "platform-mismatch"),
            ("diagnose-never-pull", "never-pull"),
        ];
        for (id, class) in expected {
            let (i, e) = crate::examples::by_id(id).expect(id);
            assert!(e.evidence, "{id}");
            let r = run(&job(crate::examples::TEXTS[i]));
            let v = r.verdicts.as_str();
            assert!(
                v.contains(&format!("data-class=\"{class}\"")),
                "{id}: {v}"
            );
        }
    }

    #[test]
    fn a_pod_without_a_pull_problem_has_no_diagnosis() {
        let text = include_str!(
            "../../crates/pullpolicy/tests/fixtures/diagnose/composed/running.txt"
        );
        let r = run(&job(text));
        let v = r.verdicts.as_str();
        assert!(v.contains("data-diagnoses=\"0\""), "{v}");
        assert!(!v.contains("data-class="), "{v}");
        assert!(v.contains("diag-pod"), "{v}");
    }

    #[test]
    fn a_manifest_is_handed_back_to_explain() {
        let r = run(&job(
            "# fixes ErrImagePull\napiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - {name: a, image: nginx}\n",
        ));
        assert!(r.verdicts.as_str().is_empty());
    }

    #[test]
    fn untrusted_text_stays_text() {
        let text = "  Warning  Failed     17s (x2 over 30s)  kubelet            spec.containers{<img src=x onerror=alert(1)>\u{1e}\u{1f}}: Failed to pull image \"nginx:9.9\u{2028}\": rpc error: code = NotFound desc = failed to pull and unpack image \"docker.io/library/nginx:9.9\": failed to resolve image: docker.io/library/nginx:9.9: not found <a href=\"javascript:alert(1)\">x</a><style>*{}</style>\n";
        let r = run(&job(text));
        let v = r.verdicts.as_str();
        assert!(v.contains("data-class=\"not-found\""), "{v}");
        for bad in ["<img", "<a href=\"javascript", "<style", "href=\"javascript"] {
            assert!(!v.contains(bad), "{bad}: {v}");
        }
        let m = crate::engine::FromWorker::Result(r);
        assert_eq!(
            crate::engine::decode_from_worker(&crate::engine::encode_from_worker(&m)),
            Some(m)
        );
    }
}
