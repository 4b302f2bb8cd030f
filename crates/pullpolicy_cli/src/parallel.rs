//! Work on several threads, results in order (std's scoped threads; no pool crate).

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, in order, computed on `jobs` threads (this one included).
pub fn map<T: Sync, R: Send>(items: &[T], jobs: usize, f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let worker = || {
        let mut out = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(i) else {
                return out;
            };
            out.push((i, f(item)));
        }
    };
    let mut all: Vec<(usize, R)> = std::thread::scope(|scope| {
        let helpers: Vec<_> = (1..jobs.min(items.len()))
            .map(|_| scope.spawn(worker))
            .collect();
        let mut all = worker();
        for helper in helpers {
            // A panic in a helper is the same bug as one here: let it go on.
            all.extend(
                helper
                    .join()
                    .unwrap_or_else(|e| std::panic::resume_unwind(e)),
            );
        }
        all
    });
    all.sort_unstable_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, r)| r).collect()
}

/// The core's [`pullpolicy::diagnose::Spread`] on `jobs` threads (this one included).
#[derive(Debug, Clone, Copy)]
pub struct Threads(pub usize);

impl pullpolicy::diagnose::Spread for Threads {
    fn join<A, B: Send>(
        &self,
        here: impl FnOnce() -> A,
        there: impl FnOnce() -> B + Send,
    ) -> (A, B) {
        if self.0 < 2 {
            return (here(), there());
        }
        std::thread::scope(|scope| {
            let helper = scope.spawn(there);
            let a = here();
            let b = helper
                .join()
                .unwrap_or_else(|e| std::panic::resume_unwind(e));
            (a, b)
        })
    }

    fn map<T: Sync, R: Send>(&self, items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
        map(items, self.0, f)
    }
}
