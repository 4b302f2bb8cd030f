//! A progress line on standard error for runs over many files that take more than a
//! second, only when standard error is a terminal.

use crate::text;
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

const DELAY: Duration = Duration::from_secs(1);
const INTERVAL: Duration = Duration::from_millis(100);

#[derive(Debug)]
pub struct Progress {
    enabled: bool,
    total: usize,
    done: usize,
    start: Instant,
    last: Option<Instant>,
}

impl Progress {
    pub fn new(total: usize) -> Progress {
        Progress {
            enabled: total > 1 && std::io::stderr().is_terminal(),
            total,
            done: 0,
            start: Instant::now(),
            last: None,
        }
    }

    /// One more input done; `next` is the one being read now.
    pub fn tick(&mut self, next: &str) {
        self.done += 1;
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        if now.duration_since(self.start) < DELAY
            || self
                .last
                .is_some_and(|last| now.duration_since(last) < INTERVAL)
        {
            return;
        }
        self.last = Some(now);
        let name: String = if next.chars().count() > 48 {
            let tail: Vec<char> = next.chars().rev().take(47).collect();
            std::iter::once('…').chain(tail.into_iter().rev()).collect()
        } else {
            next.to_owned()
        };
        let line = text::progress(self.done, self.total, &name);
        let _ = write!(std::io::stderr(), "\r\x1b[2K{line}");
    }

    /// Clears the line, if one was drawn.
    pub fn finish(&mut self) {
        if self.last.take().is_some() {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
        }
    }
}
