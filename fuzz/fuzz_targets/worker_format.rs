//! The playground's worker messages (`pullpolicy_web::engine`, on the length-prefixed
//! records of `pullpolicy_view::wire`): for any strings, what the page encodes the worker
//! decodes exactly, and what the worker encodes the page decodes exactly, U+001E, U+001F,
//! digits and colons, markup and a decoy record inside the fields included; and decoding
//! any text never panics. (The issue this closes: worker results were strings joined with
//! U+001F/U+001E while fields carried the user's text, and a tail went into the page as
//! markup.)
#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use pullpolicy::{NodeImage, Options, Severity};
use pullpolicy_web::components::Marker;
use pullpolicy_web::engine::{
    FromWorker, Job, Rendered, decode_from_worker, decode_job, encode_from_worker, encode_job,
};
use pullpolicy_web::markup::Html;
use pullpolicy_web::state::Disclosures;
use pullpolicy_web::view::model::PolicyKey;
use pullpolicy_web::view::wire::{Reader, Writer};
use std::rc::Rc;

#[derive(Debug, Arbitrary)]
struct MarkerIn {
    line: u32,
    cols: (u32, u32, u32, u32),
    severity: u8,
    rule: String,
    target: String,
    message: String,
}

#[derive(Debug, Arbitrary)]
enum Input {
    /// Any text, as a message from either side.
    Text(String),
    /// Any fields, through the record format itself.
    Fields(Vec<(u8, String, u64)>),
    /// A job.
    Job {
        id: u64,
        text: String,
        good: Option<String>,
        filter: u8,
        show_all: bool,
        stale: bool,
        allowlist: Vec<String>,
        open: Vec<(String, bool)>,
    },
    /// A worker's message.
    Reply {
        id: u64,
        cost_ms: u32,
        clean: bool,
        diagnosed: bool,
        announcement: String,
        markup: Vec<String>,
        markers: Vec<MarkerIn>,
        crash: Option<String>,
    },
}

fn pick<T: Copy>(all: &[T], i: u8) -> T {
    all[usize::from(i) % all.len()]
}

fuzz_target!(|input: Input| {
    match input {
        Input::Text(text) => {
            let _ = decode_job(&text);
            let _ = decode_from_worker(&text);
            let mut r = Reader::new(&text);
            while r.str().is_some() {}
        }
        Input::Fields(fields) => {
            let mut w = Writer::with_capacity(0);
            for (kind, s, n) in &fields {
                match kind % 3 {
                    0 => w.str(s),
                    1 => w.num(*n),
                    _ => w.flag(n % 2 == 0),
                };
            }
            let record = w.finish();
            let mut r = Reader::new(&record);
            for (kind, s, n) in &fields {
                match kind % 3 {
                    0 => assert_eq!(r.str(), Some(s.as_str())),
                    1 => assert_eq!(r.num(), Some(*n)),
                    _ => assert_eq!(r.flag(), Some(n % 2 == 0)),
                }
            }
            assert!(r.is_done());
        }
        Input::Job {
            id,
            text,
            good,
            filter,
            show_all,
            stale,
            allowlist,
            open,
        } => {
            let mut options = Options::default();
            if stale {
                options.scenario.node_image = NodeImage::Stale;
            }
            // Empty entries mean nothing and are not written.
            options.scenario.allowlist = allowlist.into_iter().filter(|a| !a.is_empty()).collect();
            let mut disclosures = Disclosures::default();
            for (region, is_open) in &open {
                disclosures = disclosures.with(region, *is_open);
            }
            let keys = [
                None,
                Some(PolicyKey::Always),
                Some(PolicyKey::IfNotPresent),
                Some(PolicyKey::Never),
                Some(PolicyKey::Invalid),
            ];
            let job = Job {
                id,
                text: Rc::new(text),
                options,
                filter: pick(&keys, filter),
                show_all,
                good: good.map(Rc::new),
                open: disclosures,
            };
            assert_eq!(decode_job(&encode_job(&job)), Some(job));
        }
        Input::Reply {
            id,
            cost_ms,
            clean,
            diagnosed,
            announcement,
            markup,
            markers,
            crash,
        } => {
            if let Some(details) = crash {
                let m = FromWorker::Crashed(details);
                assert_eq!(decode_from_worker(&encode_from_worker(&m)), Some(m));
                return;
            }
            // Markup as the engine makes it: literals and escaped text.
            let mut h = Html::new();
            for (i, text) in markup.iter().enumerate() {
                h.raw(if i % 2 == 0 { "<p>" } else { "</p>" }).text(text);
            }
            let r = Rendered {
                id,
                verdicts: h.finish(),
                markers: markers
                    .into_iter()
                    .map(|m| Marker {
                        line: m.line as usize,
                        col_from: m.cols.0,
                        col_to: m.cols.1,
                        from: m.cols.2,
                        to: m.cols.3,
                        severity: pick(&[Severity::Error, Severity::Warning, Severity::Info], m.severity),
                        rule: Rc::from(m.rule),
                        message: Rc::from(m.message),
                        target: m.target,
                    })
                    .collect(),
                announcement,
                related: vec!["registry-down"],
                cost_ms,
                clean,
                diagnosed,
            };
            let m = FromWorker::Result(r);
            assert_eq!(decode_from_worker(&encode_from_worker(&m)), Some(m));
        }
    }
});
