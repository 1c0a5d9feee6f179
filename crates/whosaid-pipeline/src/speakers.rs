//! Speaker identity wired into the store: the store calls [`Resolver`] inside
//! each ingest transaction with the candidates it offers, and `whosaid-link`
//! decides which stored speaker each of the article's entities is (the store
//! persists the decisions).

use whosaid_link::{EntityRef, SpeakerSource};
use whosaid_store::{
    AliasRows, NewEntity, SpeakerCandidates, SpeakerDecision, SpeakerResolver, StoreError,
};

/// `whosaid-link`'s speaker resolution, as the store's [`SpeakerResolver`].
pub struct Resolver;

impl SpeakerResolver for Resolver {
    fn resolve(
        &self,
        candidates: &mut dyn SpeakerCandidates,
        entities: &[NewEntity],
    ) -> Result<Vec<SpeakerDecision>, StoreError> {
        // the words the record folded beside the analysis (all of an
        // entity's spellings, or none: then the resolver folds them)
        let folded: Vec<Vec<&[String]>> = entities
            .iter()
            .map(|e| {
                if e.keys.len() == e.spellings.len() + 1 {
                    e.keys.iter().map(|k| k.words.as_slice()).collect()
                } else {
                    Vec::new()
                }
            })
            .collect();
        let refs: Vec<EntityRef<'_>> = entities
            .iter()
            .zip(&folded)
            .map(|(e, f)| EntityRef {
                name: &e.name,
                etype: &e.etype,
                kb_id: e.kb_id.as_deref(),
                spellings: &e.spellings,
                folded: (!f.is_empty()).then_some(f.as_slice()),
            })
            .collect();
        let decisions = whosaid_link::resolve(&mut Source(candidates), &refs)?;
        Ok(decisions
            .into_iter()
            .map(|d| SpeakerDecision {
                entity: d.entity,
                link_kb: d.link_kb,
                aliases: d.aliases,
                reason: d.reason.as_str(),
            })
            .collect())
    }
}

/// The store's candidates seen as `whosaid-link`'s source.
struct Source<'a>(&'a mut dyn SpeakerCandidates);

impl SpeakerSource for Source<'_> {
    type Error = StoreError;

    fn by_kb(&mut self, kb_ids: &[&str]) -> Result<Vec<Option<i64>>, StoreError> {
        self.0.by_kb(kb_ids)
    }
    fn by_name(&mut self, names: &[(&str, &str)]) -> Result<Vec<Option<i64>>, StoreError> {
        self.0.by_name(names)
    }
    fn by_word_key(&mut self, etype: &str, keys: &[&str]) -> Result<Vec<AliasRows>, StoreError> {
        self.0.by_word_key(etype, keys)
    }
    fn shares_article(&mut self, id: i64, others: &[i64]) -> Result<bool, StoreError> {
        self.0.shares_article(id, others)
    }
}
