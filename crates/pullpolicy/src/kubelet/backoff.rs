//! The kubelet's image pull back-off (spec §4.4): `flowcontrol.NewBackOff(10s, 300s)`
//! from `pkg/kubelet/kubelet.go`, with the rules of client-go's
//! `util/flowcontrol/backoff.go`, in whole seconds (the spec's schedule has no jitter).
//!
//! * [`BackOff::next`] (a failed pull): the first failure, or the first after an idle gap
//!   of more than 2 × 300 s = 600 s since the last update, sets the window to 10 s;
//!   each further failure doubles it, capped at 300 s.
//! * [`BackOff::is_in_backoff_since_update`]: true iff there is an entry, it has not
//!   expired (`now − lastUpdate ≤ 600 s`) and `now − lastUpdate < window`.
//!
//! The key is per Pod and per raw image string; a new Pod starts without back-off.
//! Retries happen only when the pod worker syncs, so real gaps can be longer.

/// The first window (`imageBackOffPeriod`), seconds.
pub const INITIAL_SECONDS: u32 = 10;
/// The cap (`MaxImageBackOff`), seconds.
pub const MAX_SECONDS: u32 = 300;
/// An entry idle for longer than this (2 × the cap) has expired, seconds.
pub const RESET_AFTER_SECONDS: u32 = 2 * MAX_SECONDS;

/// The window set by the `failures`-th consecutive failure (1-based): 10, 20, 40, 80,
/// 160, 300, 300, … seconds; 0 for no failure.
pub fn window_after(failures: u32) -> u32 {
    if failures == 0 {
        return 0;
    }
    let mut window = INITIAL_SECONDS;
    for _ in 1..failures {
        if window == MAX_SECONDS {
            break;
        }
        window = window.saturating_mul(2).min(MAX_SECONDS);
    }
    window
}

/// The waits before the first `retries` retries of a pull that keeps failing:
/// `schedule(7)` = `[10, 20, 40, 80, 160, 300, 300]`.
pub fn schedule(retries: usize) -> Vec<u32> {
    (1..=retries)
        .map(|n| window_after(u32::try_from(n).unwrap_or(u32::MAX)))
        .collect()
}

/// One back-off entry, times in seconds on any fixed clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BackOff {
    /// (window, last update), once a failure was recorded.
    entry: Option<(u32, u64)>,
}

impl BackOff {
    /// No failure recorded yet.
    pub fn new() -> BackOff {
        BackOff::default()
    }

    /// `Next(id, now)`: records a failure at `now`.
    pub fn next(&mut self, now: u64) {
        let window = match self.entry {
            Some((window, last)) if !expired(now, last) => {
                window.saturating_mul(2).min(MAX_SECONDS)
            }
            _ => INITIAL_SECONDS,
        };
        self.entry = Some((window, now));
    }

    /// `IsInBackOffSinceUpdate(id, now)`: whether a pull at `now` is refused
    /// (`ImagePullBackOff`, no registry request).
    pub fn is_in_backoff_since_update(&self, now: u64) -> bool {
        match self.entry {
            Some((window, last)) => {
                !expired(now, last) && now.saturating_sub(last) < u64::from(window)
            }
            None => false,
        }
    }

    /// The current window, seconds (0 before any failure).
    pub fn window(&self) -> u32 {
        self.entry.map_or(0, |(w, _)| w)
    }

    /// `GC()` after a successful pull: drops the entry when it has been idle for
    /// more than 600 s.
    pub fn gc(&mut self, now: u64) {
        if self.entry.is_some_and(|(_, last)| expired(now, last)) {
            self.entry = None;
        }
    }
}

/// `hasExpired`: more than 2 × the cap since the last update.
fn expired(now: u64, last: u64) -> bool {
    now.saturating_sub(last) > u64::from(RESET_AFTER_SECONDS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schedule_doubles_to_the_cap() {
        assert_eq!(schedule(7), [10, 20, 40, 80, 160, 300, 300]);
        assert_eq!(schedule(0), Vec::<u32>::new());
        assert_eq!(window_after(0), 0);
        assert_eq!(window_after(1), 10);
        assert_eq!(window_after(5), 160);
        assert_eq!(window_after(6), 300);
        assert_eq!(window_after(1000), 300);
        assert_eq!(window_after(u32::MAX), 300);
    }

    #[test]
    fn retries_follow_the_windows() {
        // A pull that keeps failing, retried as soon as each window ends.
        let mut b = BackOff::new();
        let mut now = 0;
        let mut waits = Vec::new();
        b.next(now);
        for _ in 0..7 {
            let window = b.window();
            assert!(b.is_in_backoff_since_update(now + u64::from(window) - 1));
            assert!(!b.is_in_backoff_since_update(now + u64::from(window)));
            waits.push(window);
            now += u64::from(window);
            b.next(now);
        }
        assert_eq!(waits, schedule(7));
    }

    #[test]
    fn idle_gap_over_600_s_resets() {
        let mut b = BackOff::new();
        for t in [0, 10, 30, 70] {
            b.next(t);
        }
        assert_eq!(b.window(), 80);
        // Exactly 600 s later: not expired, keeps doubling.
        let mut kept = b;
        kept.next(670);
        assert_eq!(kept.window(), 160);
        // 601 s later: expired, starts again at 10 s.
        b.next(671);
        assert_eq!(b.window(), 10);
    }

    #[test]
    fn expired_entry_is_not_in_backoff() {
        let mut b = BackOff::new();
        assert!(!b.is_in_backoff_since_update(0));
        for t in 0..10 {
            b.next(t);
        }
        assert_eq!(b.window(), 300);
        assert!(b.is_in_backoff_since_update(9 + 299));
        assert!(!b.is_in_backoff_since_update(9 + 300));
        assert!(!b.is_in_backoff_since_update(9 + 601));
    }

    #[test]
    fn gc_drops_only_idle_entries() {
        let mut b = BackOff::new();
        b.next(100);
        b.gc(700);
        assert_eq!(b.window(), 10);
        b.gc(701);
        assert_eq!(b, BackOff::new());
    }
}
