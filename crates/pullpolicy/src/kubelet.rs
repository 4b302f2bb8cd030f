//! The node simulation (filled in by the node-simulation work).

use crate::options::Options;
use crate::report::Report;
use serde::Serialize;

/// What happens on the node when the container starts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Outcome {}

/// Fills in every entry's outcome.
pub(crate) fn simulate(_report: &mut Report, _options: &Options) {}
