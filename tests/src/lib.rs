//! Test-only crate: see `tests/` beside this file.
