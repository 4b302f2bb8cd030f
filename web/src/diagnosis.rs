//! Diagnosis of pasted evidence in the playground (issue #18).
//!
//! The page tells evidence from a manifest with [`crate::evidence::is_evidence`] (a few
//! substring tests in the first load) and sends evidence, whatever its size, to the
//! analysis worker ([`crate::worker::Engine::request`]; the worker starts with the page)
//! as `D` and a job record ([`crate::worker::DIAGNOSE`]). The worker's JS
//! (`web/worker.js`) imports the diagnosis module (`src/bin/pullpolicy_diagnosis.rs`)
//! when the first such job arrives and calls its `diagnose`, which is [`run`] here: the
//! core's diagnosis rendered by the view's typed encoder. The result crosses back as
//! every analysis result does ([`crate::engine::encode_from_worker`]: length-prefixed
//! fields, the markup as the [`SafeHtml`] it was), so the page shows it as it shows the
//! worker's explanations. When the diagnosis recognises no evidence in the text after
//! all (a manifest whose comment names `ErrImagePull`), the module answers "" and the
//! worker explains the text instead. If the module cannot load, the worker answers as a
//! crash whose details say so. Neither the diagnosis nor its markup is in the page's
//! first load or its deferred module; the evidence examples' texts are in the latter.

use crate::components::{RenderCx, render};
use crate::engine::{Job, Rendered};
use crate::lines::LineIndex;
use pullpolicy::diagnose::{DiagnoseOptions, diagnose};
use pullpolicy::faq;
use pullpolicy_view::diagnosis::holds_evidence;
use pullpolicy_view::html::SafeHtml;

/// Diagnoses `job`'s text and renders it (the diagnosis module's side). A result without
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
            diagnosed: false,
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
        markers.push(crate::engine::marker(
            &lines,
            &f.position,
            f.severity,
            f.rule,
            &f.message,
            origin.element_id(),
        ));
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
        diagnosed: true,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::state::Disclosures;
    use pullpolicy::Options;

    pub(crate) fn job(text: &str) -> Job {
        Job {
            id: 3,
            text: std::rc::Rc::new(text.to_owned()),
            options: Options::default(),
            filter: None,
            show_all: false,
            good: None,
            open: Disclosures::default(),
        }
    }

    const DESCRIBE: &str = include_str!(
        "../../crates/pullpolicy/tests/fixtures/diagnose/composed/describe_current.txt"
    );

    #[test]
    fn a_describe_output_is_diagnosed_with_markers_at_its_findings() {
        let r = run(&job(DESCRIBE));
        // The status bar says "Diagnosed in".
        assert!(r.diagnosed);
        let v = r.verdicts.as_str();
        assert!(v.contains("data-class=\"not-found\""), "{v}");
        assert!(v.contains("data-reason=\"ImagePullBackOff\""), "{v}");
        assert!(
            v.contains("<h2 id=\"verdicts-title\">Diagnosis</h2>"),
            "{v}"
        );
        assert!(v.contains("docker.io/library/nginx:9.9: not found"), "{v}");
        assert!(v.contains("class=\"link loc\" data-act=\"jump\""), "{v}");
        // Fixes are sentences, shown as text (no block that would scroll).
        assert!(!v.contains("class=\"fix\""), "{v}");
        assert!(v.contains("Fix: "), "{v}");
        assert!(!r.markers.is_empty());
        for m in &r.markers {
            assert!(v.contains(&format!("id=\"{}\"", m.target)), "{}", m.target);
        }
        assert!(
            r.announcement
                .starts_with("Diagnosis: 1 input: 1 pull failure"),
            "{}",
            r.announcement
        );
        assert!(!r.clean);
        // The result crosses from the diagnosis module as the worker's records do.
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
            let (i, _) = crate::examples::by_id(id).expect(id);
            assert!(crate::examples::EVIDENCE[i], "{id}");
            let r = run(&job(crate::examples::TEXTS[i]));
            let v = r.verdicts.as_str();
            assert!(v.contains(&format!("data-class=\"{class}\"")), "{id}: {v}");
        }
    }

    #[test]
    fn a_pod_without_a_pull_problem_has_no_diagnosis() {
        let text =
            include_str!("../../crates/pullpolicy/tests/fixtures/diagnose/composed/running.txt");
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
        for bad in [
            "<img",
            "<a href=\"javascript",
            "<style",
            "href=\"javascript",
        ] {
            assert!(!v.contains(bad), "{bad}: {v}");
        }
        let m = crate::engine::FromWorker::Result(r);
        assert_eq!(
            crate::engine::decode_from_worker(&crate::engine::encode_from_worker(&m)),
            Some(m)
        );
    }
}
