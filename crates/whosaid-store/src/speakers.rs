//! One speaker across articles, as the store sees it: the store offers the
//! stored entities an article's entities could be ([`SpeakerCandidates`]),
//! the resolver (`whosaid-link`, wired by `whosaid-pipeline`) decides which
//! one each is or that it is new ([`SpeakerResolver`]), and the store persists
//! each [`SpeakerDecision`] — new entities, KB links, aliases and their word
//! keys — inside the same ingest transaction, so the decisions of a batch see
//! the entities of its earlier articles and commit with them.

use crate::record::NewEntity;
use crate::Result;
use std::sync::Arc;

/// Stored `(entity id, normalised alias)` rows, in the store's order; shared
/// with the store's cache, so handing them out copies nothing.
pub type AliasRows = Arc<Vec<(i64, String)>>;

/// The stored entities an article's entities could be, read inside one ingest
/// transaction. Names are normalised as `whosaid_names::fold_phrase` does.
pub trait SpeakerCandidates {
    /// For each KB id, the stored entity that carries it.
    fn by_kb(&mut self, kb_ids: &[&str]) -> Result<Vec<Option<i64>>>;
    /// For each `(type, normalised name)`, the stored entity of that type whose
    /// canonical name or multi-word alias it is.
    fn by_name(&mut self, names: &[(&str, &str)]) -> Result<Vec<Option<i64>>>;
    /// For each word key (a consonant skeleton, `whosaid_names::skeleton`), the
    /// stored entities of type `etype` with an alias word of that key: rows of
    /// their aliases holding such a word (at most 200 a key).
    fn by_word_key(&mut self, etype: &str, keys: &[&str]) -> Result<Vec<AliasRows>>;
    /// Does stored entity `id` appear in a stored article beside any of `others`?
    fn shares_article(&mut self, id: i64, others: &[i64]) -> Result<bool>;
}

/// Which stored entity one of an article's entities is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SpeakerDecision {
    /// The stored entity; `None`: store a new one.
    pub entity: Option<i64>,
    /// Give the stored entity the article entity's KB id (kept only when it has none).
    pub link_kb: bool,
    /// The spellings that become aliases: indices into the entity's name
    /// followed by its `spellings` (0 is the name).
    pub aliases: Vec<usize>,
    /// Why (`kb-id`, `full-name`, `names-agree`, `shared-context`, `new`).
    pub reason: &'static str,
}

/// The decider the store calls for each newly stored article, inside the
/// ingest transaction: one decision per entity, in the entities' order.
pub trait SpeakerResolver: Send + Sync {
    fn resolve(
        &self,
        candidates: &mut dyn SpeakerCandidates,
        entities: &[NewEntity],
    ) -> Result<Vec<SpeakerDecision>>;
}
