//! Entity linking: choosing among the candidates of ambiguous aliases from the
//! document's context, linking short names and acronyms defined in the text to
//! entries named in full, and dropping common-word matches that the context
//! does not support.
//!
//! The linker runs after the matcher on one document at a time.

use crate::gazetteer::Gazetteer;
use crate::matcher::{Matcher, Mention};
use crate::segment::Sentence;

/// Link the raw matches of one document. `mentions` are the matcher's
/// leftmost-longest matches (sorted by start); the result is sorted the same
/// way.
///
/// Currently the identity: every mention keeps the matcher's prior choice.
pub fn link(
    _text: &str,
    _matcher: &Matcher,
    _gazetteer: &Gazetteer,
    _sentences: &[Sentence],
    mentions: Vec<Mention>,
) -> Vec<Mention> {
    mentions
}
