//! Reported speech: statements without quotation marks ("X said that ...",
//! "..., X said.", "according to X, ..."), and mixed quotes grown to the
//! reported clause that holds their quoted words.

use crate::attribution::Attributor;
use whosaid_core::Quote;

/// Adds indirect statements to `quotes` (and widens mixed ones).
pub fn reported_speech(_at: &mut Attributor, _quotes: &mut Vec<Quote>) {}
