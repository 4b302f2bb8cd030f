//! The back-off timeline of one container, from its events (PF §4.3, an **Inference**
//! built on the verified constants of PF §4.1–§4.2).
//!
//! Series: `Pulling` (attempts started), `Failed to pull image` (one series per distinct
//! text), `Error: <reason>` (failed attempts, all texts together), `BackOff` and
//! `Error: ImagePullBackOff` (back-off syncs). Times are ages before the paste (describe,
//! tables; intervals with kubectl's precision) or timestamps (objects); a series with
//! both kinds is not timed.

use super::evidence::EventEv;
use super::facts;
use super::text::{Msg, Parsed, When};
use super::types::{SecondsRange, SignedRange, SpanVerdict, Timeline, When as PublicWhen};

/// A moment on one axis: `[lo, hi]` seconds, ages negated (so later is larger).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Point {
    lo: i128,
    hi: i128,
    ago: bool,
}

fn point(w: &When) -> Point {
    match w {
        When::Ago(lo, hi) => Point {
            lo: -i128::from(*hi),
            hi: -i128::from(*lo),
            ago: true,
        },
        When::At(s, _) => Point {
            lo: i128::from(*s),
            hi: i128::from(*s),
            ago: false,
        },
    }
}

fn public(w: &When) -> PublicWhen {
    match w {
        When::Ago(lo, hi) => PublicWhen {
            ago: Some(SecondsRange { min: *lo, max: *hi }),
            at: None,
        },
        When::At(_, raw) => PublicWhen {
            ago: None,
            at: Some(raw.clone()),
        },
    }
}

/// How an event counts in the timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Series {
    Pulling,
    /// `Error: <pull reason>` (not back-off).
    ErrorReason,
    /// `Failed to pull image …`, `InspectFailed`, `ErrImageNeverPull` messages.
    FailureText,
    BackOff,
    /// `Error: ImagePullBackOff`.
    ErrorBackOff,
    Other,
}

const SERIES: usize = 6;

fn series(p: &Parsed<'_>) -> Series {
    match &p.msg {
        Msg::Pulling { .. } => Series::Pulling,
        Msg::Error { reason } if *reason == facts::IMAGE_PULL_BACK_OFF => Series::ErrorBackOff,
        Msg::Error { reason } if facts::is_pull_reason(reason) => Series::ErrorReason,
        Msg::BackOff { .. } => Series::BackOff,
        Msg::FailedToPull { .. }
        | Msg::Inspect { .. }
        | Msg::NeverPull { .. }
        | Msg::InvalidName { .. }
        | Msg::PullFailedFor { .. } => Series::FailureText,
        _ => Series::Other,
    }
}

/// The timeline of a container's events (`events` with their parsed messages);
/// `no_back_off` for `ErrImageNeverPull`, `InvalidImageName`, `ImageInspectError`;
/// `failing_now` when the container's status shows the failure at the time of the
/// evidence. `None` when the events carry neither counts nor times.
///
/// **Inference** (PF §4.3 rule 5): the failure counters are a lower bound when the
/// next attempt was due (window + 15 s after the last failure) before the evidence was
/// taken — the paste's moment for ages, the latest event for timestamps — and something
/// shows the failure went on: the status, or a back-off series updated after the last
/// failure.
pub(crate) fn timeline(
    events: &[(&EventEv, &Parsed<'_>)],
    no_back_off: bool,
    failing_now: bool,
) -> Option<Timeline> {
    let mut sums = [0u64; SERIES];
    let mut seen = [false; SERIES];
    let mut first: [Option<Point>; SERIES] = [None; SERIES];
    let mut last: [Option<Point>; SERIES] = [None; SERIES];
    let mut first_when: [Option<&When>; SERIES] = [None; SERIES];
    let mut last_when: [Option<&When>; SERIES] = [None; SERIES];
    let mut latest: Option<Point> = None;
    let mut timed = false;
    let mut kinds = (false, false);
    for (e, p) in events {
        let s = series(p) as usize;
        seen[s] = true;
        sums[s] = sums[s].saturating_add(e.count.unwrap_or(1));
        if e.count.is_some() || e.last.is_some() {
            timed = true;
        }
        let l = e.last.as_ref().or(e.first.as_ref());
        let f = e.first.as_ref().or(e.last.as_ref());
        for w in [l, f].into_iter().flatten() {
            if matches!(w, When::Ago(..)) {
                kinds.0 = true;
            } else {
                kinds.1 = true;
            }
        }
        if let Some(l) = l {
            let pl = point(l);
            if last[s].is_none_or(|x| pl.hi > x.hi) {
                last[s] = Some(pl);
                last_when[s] = Some(l);
            }
            if latest.is_none_or(|x| pl.hi > x.hi) {
                latest = Some(pl);
            }
        }
        if let Some(f) = f {
            let pf = point(f);
            if first[s].is_none_or(|x| pf.lo < x.lo) {
                first[s] = Some(pf);
                first_when[s] = Some(f);
            }
        }
    }
    if !timed {
        return None;
    }
    // Mixed ages and timestamps cannot be compared.
    let comparable = !(kinds.0 && kinds.1);
    let fail = if seen[Series::ErrorReason as usize] {
        Series::ErrorReason
    } else {
        Series::FailureText
    } as usize;
    let backoff = [Series::BackOff as usize, Series::ErrorBackOff as usize];
    if !seen[fail] && !backoff.iter().any(|&b| seen[b]) {
        return None;
    }
    // The paste was taken at age 0; objects carry no "now": their latest event stands in.
    let now = if kinds.0 && comparable {
        Some(Point {
            lo: 0,
            hi: 0,
            ago: true,
        })
    } else {
        latest
    };
    let n = sums[fail];
    let (first_f, last_f) = if comparable {
        (first[fail], last[fail])
    } else {
        (None, None)
    };
    let span = match (first_f, last_f) {
        (Some(a), Some(b)) => {
            let lo = (b.lo - a.hi).max(0);
            let hi = (b.hi - a.lo).max(0);
            Some(SecondsRange {
                min: u64::try_from(lo).unwrap_or(u64::MAX),
                max: u64::try_from(hi).unwrap_or(u64::MAX),
            })
        }
        _ => None,
    };
    let minimal = if no_back_off {
        0
    } else {
        facts::minimal_span(n)
    };
    let slack = facts::REQUEUE_SLACK_SECONDS.saturating_mul(n.saturating_sub(1));
    let verdict = match span {
        _ if no_back_off || n < 2 => SpanVerdict::Unknown,
        Some(d) if d.max < minimal => SpanVerdict::Impossible,
        Some(d) if d.min > minimal.saturating_add(slack) => SpanVerdict::Longer,
        Some(_) => SpanVerdict::Consistent,
        None => SpanVerdict::Unknown,
    };
    let window = if no_back_off || n == 0 {
        0
    } else {
        facts::window_after(n)
    };
    let due = i128::from(window) + i128::from(facts::REQUEUE_SLACK_SECONDS);
    // Stale: the failure series stopped although later events show the pod still
    // syncing (PF §4.3 rule 5).
    let backoff_last = backoff.iter().filter_map(|&b| last[b]).map(|p| p.hi).max();
    let went_on = failing_now
        || match (backoff_last, last_f) {
            (Some(b), Some(l)) => b > l.hi,
            _ => false,
        };
    let stale = match (last_f, now) {
        (Some(l), Some(now)) if comparable && !no_back_off && n > 0 && went_on => {
            now.lo - l.hi > due
        }
        _ => false,
    };
    let expected = match (stale, first_f, now) {
        (true, Some(f), Some(now)) => {
            let elapsed = u64::try_from((now.lo - f.hi).max(0)).unwrap_or(u64::MAX);
            Some(facts::failures_within(elapsed)).filter(|&x| x > n)
        }
        _ => None,
    };
    let next_attempt = match last_f {
        Some(l) if l.ago && comparable && !no_back_off && n > 0 => {
            let min = l.lo + i128::from(window);
            let max = l.hi + due;
            Some(SignedRange {
                min: i64::try_from(min).unwrap_or(i64::MIN),
                max: i64::try_from(max).unwrap_or(i64::MAX),
            })
        }
        _ => None,
    };
    // Failing since the first `Pulling` (or the first failure), for ages.
    let since = [Series::Pulling as usize, fail]
        .iter()
        .filter_map(|&s| first[s])
        .filter(|p| p.ago)
        .min_by_key(|p| p.lo);
    let failing_for = since.filter(|_| comparable).map(|p| SecondsRange {
        min: u64::try_from(-p.hi).unwrap_or(0),
        max: u64::try_from(-p.lo).unwrap_or(0),
    });
    Some(Timeline {
        failures: n,
        failures_lower_bound: stale,
        pulls_started: seen[Series::Pulling as usize].then_some(sums[Series::Pulling as usize]),
        back_off_syncs: backoff.iter().filter(|&&b| seen[b]).map(|&b| sums[b]).max(),
        first_failure: first_when[fail].filter(|_| comparable).map(public),
        last_failure: last_when[fail].filter(|_| comparable).map(public),
        span_seconds: span,
        minimal_span_seconds: minimal,
        span: verdict,
        window_seconds: window,
        next_attempt_seconds: next_attempt,
        failing_for_seconds: failing_for,
        expected_failures: expected,
        attempts_per_hour: (!no_back_off && n >= facts::FAILURES_AT_CAP)
            .then_some(facts::ATTEMPTS_PER_HOUR_AT_CAP),
        recovery_worst_case_seconds: facts::RECOVERY_WORST_CASE_SECONDS,
        no_back_off,
    })
}
