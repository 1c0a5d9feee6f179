//! whosaid's cross-document work, over analysed documents and what the store
//! returns; the store only persists and indexes what this crate decides.
//!
//! Copies (`profile`, `bands`, `copies`, `graph`): a new article's candidates
//! come from MinHash band keys over its names and numbers, are verified by
//! aligning sentences, and the article joins its set of copies under the
//! earliest-published member. `statements`: each statement of a copy tied to
//! the same statement of its origin, altered or verbatim.

pub mod bands;
pub mod copies;
pub mod graph;
pub mod identity;
pub mod profile;
pub mod resolver;
pub mod statements;

pub use copies::{Relation, Verdict};
pub use graph::{link_article, CopyGraph, CopyLink};
pub use profile::Profile;
pub use resolver::{resolve, Decision, EntityRef, Reason, SpeakerSource};
pub use statements::{StatementLink, StatementRef};

/// What an article brings to copy detection: its band keys and its encoded
/// profile, computed beside its analysis (no I/O).
pub fn features(doc: &whosaid_core::Document) -> (Vec<i64>, Vec<u8>) {
    let p = Profile::from_document(doc);
    (bands::band_keys(&p), p.encode())
}
