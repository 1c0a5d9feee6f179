//! The ingest logic both backends share, written over [`Tx`]: the handful of
//! statements a backend runs inside one open transaction. It decides nothing
//! about identity or copies: it offers candidates, asks the resolver and the
//! copy linker, and persists what they decide.

use crate::copies::{CopyFeatures, CopyIndex, CopyLinker, HeldBack};
use crate::names::{name_tokens, norm_name, token_key};
use crate::record::{NewArticle, NewEntity, SpellingKeys};
use crate::speakers::{AliasRows, SpeakerCandidates, SpeakerResolver};
use crate::{IngestOutcome, Result, StoreError};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// A stored entity that a fuzzy lookup found: its id, type and one alias.
pub struct Candidate {
    pub id: i64,
    pub alias_norm: String,
}

/// Statements inside one open transaction. Every insert is idempotent under a
/// unique constraint, so concurrent writers (PostgreSQL) converge.
pub trait Tx {
    /// Inserts the article unless its key or URL is stored; `None` when it is.
    fn insert_article(&mut self, a: &NewArticle) -> Result<Option<i64>>;
    fn entity_by_kb(&mut self, kb: &str) -> Result<Option<i64>>;
    /// The entity whose canonical name or multi-word alias is `norm`, with this type.
    fn entity_by_name(&mut self, etype: &str, norm: &str) -> Result<Option<i64>>;
    /// Every (type, canonical name or multi-word alias, entity id), when there
    /// are at most `limit` entities; `None` when there are more.
    fn all_names(&mut self, limit: i64) -> Result<Option<Vec<(String, String, i64)>>>;
    /// Entities of this type with an alias word of this fuzzy key.
    fn entities_by_token_key(&mut self, etype: &str, key: &str) -> Result<Vec<Candidate>>;
    /// Does `id` appear in a stored article beside any of `others`?
    fn cooccurs(&mut self, id: i64, others: &[i64]) -> Result<bool>;
    /// Inserts an entity (or finds the one that won a race for its name/KB id).
    fn insert_entity(&mut self, e: &NewEntity, norm: &str) -> Result<i64>;
    /// Gives an entity without a KB id this one.
    fn link_kb(&mut self, id: i64, kb: &str) -> Result<()>;
    /// Adds an alias and its words, with their keys (ignored when present).
    fn add_alias(&mut self, id: i64, alias: &str, keys: &SpellingKeys) -> Result<()>;
    /// An article's mentions, each with its stored entity.
    fn insert_mentions(
        &mut self,
        article: i64,
        rows: &[(Option<i64>, &crate::NewMention)],
    ) -> Result<()>;
    /// `addressee` is the stored entity the statement was made to, when there is one.
    fn insert_quote(
        &mut self,
        article: i64,
        speaker: Option<i64>,
        addressee: Option<i64>,
        q: &crate::NewQuote,
        a: &NewArticle,
    ) -> Result<()>;
    /// Indexes the copy band keys of a batch's new articles and keeps their
    /// profiles (one call a batch: the keys go in in key order).
    fn insert_copy_features(&mut self, rows: &[(i64, &CopyFeatures)]) -> Result<()>;
}

/// What a backend remembers between batches so repeated names cost no query.
/// Entities are never deleted or renamed, so a cached id stays right; the cache
/// is dropped when a transaction fails (its ids may have been rolled back).
#[derive(Default)]
pub struct IdentityCache {
    by_kb: HashMap<String, i64>,
    by_name: HashMap<(String, String), i64>,
    aliases: HashSet<(i64, String)>,
    /// Fuzzy candidates by (type, word key), kept up to date with the aliases
    /// this process adds (another process's new aliases show up once the entry
    /// is dropped with the cache).
    candidates: HashMap<(String, String), AliasRows>,
    /// Entity pairs known to share an article (mentions are never deleted, so
    /// a pair once seen stays true).
    together: HashSet<(i64, i64)>,
    /// Entity pairs found in no shared article when last asked (a later
    /// article of this process that puts them together moves them to
    /// `together`; another process's may go unseen until the cache is dropped).
    apart: HashSet<(i64, i64)>,
    /// `by_name` was loaded whole from the store (so a miss needs no query):
    /// `None` before the first batch.
    names_loaded: Option<bool>,
}

/// Stores with more entities than this look names up one by one instead of
/// holding them all in memory.
const MAX_PRELOADED_NAMES: i64 = 2_000_000;

/// Fuzzy candidates kept per word key (the lookup's own limit).
const MAX_CANDIDATES: usize = 200;
/// Remembered entity pairs before the memory is dropped.
const MAX_TOGETHER: usize = 500_000;

impl IdentityCache {
    pub fn clear(&mut self) {
        *self = IdentityCache::default();
    }
}

/// Stores a batch inside an open transaction. Articles go in key order so
/// concurrent PostgreSQL writers take their unique-index locks in one order.
pub fn ingest_batch<T: Tx + CopyIndex>(
    tx: &mut T,
    cache: &mut IdentityCache,
    batch: &[NewArticle],
    resolver: Option<&dyn SpeakerResolver>,
    linker: Option<&dyn CopyLinker>,
) -> Result<IngestOutcome> {
    let Some(resolver) = resolver else {
        return Err(StoreError::Other(
            "no speaker resolver is set: call Store::set_speaker_resolver before ingesting \
             (whosaid-pipeline sets whosaid-link's)"
                .into(),
        ));
    };
    let mut order: Vec<&NewArticle> = batch.iter().collect();
    order.sort_by(|a, b| a.key.cmp(&b.key));
    let mut out = IngestOutcome::default();
    let mut seen = HashSet::new();
    let mut stored: Vec<(i64, &NewArticle)> = Vec::new();
    for a in order {
        if !seen.insert(a.key.as_str()) {
            out.duplicates += 1;
            continue;
        }
        let Some(article_id) = tx.insert_article(a)? else {
            out.duplicates += 1;
            continue;
        };
        let ids = resolve_entities(tx, cache, resolver, &a.entities)?;
        let mentions: Vec<(Option<i64>, &crate::NewMention)> = a
            .mentions
            .iter()
            .map(|m| (m.entity.map(|i| ids[i]), m))
            .collect();
        tx.insert_mentions(article_id, &mentions)?;
        for q in &a.quotes {
            let addressee = q.addressee_entity.map(|i| ids[i]);
            tx.insert_quote(
                article_id,
                q.speaker_entity.map(|i| ids[i]),
                addressee,
                q,
                a,
            )?;
        }
        if a.copy.is_some() {
            stored.push((article_id, a));
        }
        out.added += 1;
    }
    let features: Vec<(i64, &CopyFeatures)> = stored
        .iter()
        .filter_map(|(id, a)| Some((*id, a.copy.as_ref()?)))
        .collect();
    if !features.is_empty() {
        tx.insert_copy_features(&features)?;
    }
    // copies last, in order of publication (undated last), so that within a
    // batch an origin is usually placed before its copies
    if let Some(linker) = linker {
        stored.sort_by(|(_, a), (_, b)| {
            (a.published.is_none(), &a.published, &a.key).cmp(&(
                b.published.is_none(),
                &b.published,
                &b.key,
            ))
        });
        let batch: Vec<(i64, &[i64])> = stored
            .iter()
            .map(|(id, a)| {
                (
                    *id,
                    a.copy.as_ref().map(|f| f.bands.as_slice()).unwrap_or(&[]),
                )
            })
            .collect();
        let mut index = HeldBack::new(tx, &batch);
        for (id, bands) in batch {
            index.release(id);
            linker.link(&mut index, id, bands)?;
        }
    }
    Ok(out)
}

/// The stored entity id of each of an article's entities: the resolver
/// decides over the candidates this store offers, then the decisions are
/// persisted (KB links first, then each entity — new ones inserted — with its
/// aliases, in the article's order).
fn resolve_entities<T: Tx>(
    tx: &mut T,
    cache: &mut IdentityCache,
    resolver: &dyn SpeakerResolver,
    entities: &[NewEntity],
) -> Result<Vec<i64>> {
    if cache.names_loaded.is_none() {
        let all = tx.all_names(MAX_PRELOADED_NAMES)?;
        cache.names_loaded = Some(all.is_some());
        for (etype, norm, id) in all.unwrap_or_default() {
            cache.by_name.entry((etype, norm)).or_insert(id);
        }
    }
    let decisions = resolver.resolve(&mut Candidates { tx, cache }, entities)?;
    if decisions.len() != entities.len() {
        return Err(StoreError::Other(format!(
            "the speaker resolver decided {} of {} entities",
            decisions.len(),
            entities.len()
        )));
    }
    for (e, d) in entities.iter().zip(&decisions) {
        if let (true, Some(id), Some(kb)) = (d.link_kb, d.entity, &e.kb_id) {
            tx.link_kb(id, kb)?;
            cache.by_kb.insert(kb.clone(), id);
        }
    }
    let mut out = Vec::with_capacity(entities.len());
    for (e, d) in entities.iter().zip(&decisions) {
        let id = match d.entity {
            Some(id) => id,
            None => {
                let norm = match e.keys.first() {
                    Some(k) => k.norm.clone(),
                    None => norm_name(&e.name),
                };
                let id = tx.insert_entity(e, &norm)?;
                cache.by_name.insert((e.etype.clone(), norm), id);
                if let Some(kb) = &e.kb_id {
                    cache.by_kb.insert(kb.clone(), id);
                }
                id
            }
        };
        for &k in &d.aliases {
            let Some((alias, keys)) = e.spelling(k) else {
                continue;
            };
            let an = &keys.norm;
            if an.is_empty() || cache.aliases.contains(&(id, an.clone())) {
                continue;
            }
            tx.add_alias(id, alias, &keys)?;
            if keys.words.len() > 1 {
                cache
                    .by_name
                    .entry((e.etype.clone(), an.clone()))
                    .or_insert(id);
            }
            for wk in &keys.word_keys {
                if let Some(v) = cache.candidates.get_mut(&(e.etype.clone(), wk.clone())) {
                    if v.len() < MAX_CANDIDATES {
                        Arc::make_mut(v).push((id, an.clone()));
                    }
                }
            }
            cache.aliases.insert((id, an.clone()));
        }
        out.push(id);
    }
    // this article puts its people beside its other entities (bounded memory)
    if cache.together.len() > MAX_TOGETHER {
        cache.together.clear();
    }
    for (i, &a) in out.iter().enumerate() {
        if entities[i].etype == "person" {
            for &b in out.iter().take(32) {
                if a != b {
                    cache.together.insert((a, b));
                    cache.apart.remove(&(a, b));
                }
            }
        }
    }
    Ok(out)
}

/// What the store offers the resolver: its lookups inside the transaction,
/// answered from the cache where it can.
struct Candidates<'a, T: Tx> {
    tx: &'a mut T,
    cache: &'a mut IdentityCache,
}

impl<T: Tx> SpeakerCandidates for Candidates<'_, T> {
    fn by_kb(&mut self, kb_ids: &[&str]) -> Result<Vec<Option<i64>>> {
        let mut out = Vec::with_capacity(kb_ids.len());
        for &kb in kb_ids {
            let found = match self.cache.by_kb.get(kb) {
                Some(&id) => Some(id),
                None => self.tx.entity_by_kb(kb)?,
            };
            if let Some(id) = found {
                self.cache.by_kb.insert(kb.to_string(), id);
            }
            out.push(found);
        }
        Ok(out)
    }

    fn by_name(&mut self, names: &[(&str, &str)]) -> Result<Vec<Option<i64>>> {
        // a name this process has not seen may still have been stored by another
        // process since: `insert_entity` then finds it instead of adding it
        let complete = self.cache.names_loaded == Some(true);
        let mut out = Vec::with_capacity(names.len());
        for &(etype, norm) in names {
            let key = (etype.to_string(), norm.to_string());
            let found = match self.cache.by_name.get(&key) {
                Some(&id) => Some(id),
                None if complete => None,
                None => self.tx.entity_by_name(etype, norm)?,
            };
            if let Some(id) = found {
                self.cache.by_name.insert(key, id);
            }
            out.push(found);
        }
        Ok(out)
    }

    fn by_word_key(&mut self, etype: &str, keys: &[&str]) -> Result<Vec<AliasRows>> {
        let mut out = Vec::with_capacity(keys.len());
        for &key in keys {
            let ck = (etype.to_string(), key.to_string());
            if let Some(rows) = self.cache.candidates.get(&ck) {
                out.push(Arc::clone(rows));
                continue;
            }
            let rows: AliasRows = Arc::new(
                self.tx
                    .entities_by_token_key(etype, key)?
                    .into_iter()
                    .map(|c| (c.id, c.alias_norm))
                    .collect(),
            );
            self.cache.candidates.insert(ck, Arc::clone(&rows));
            out.push(rows);
        }
        Ok(out)
    }

    fn shares_article(&mut self, id: i64, others: &[i64]) -> Result<bool> {
        let cache = &mut *self.cache;
        if others.iter().any(|&x| cache.together.contains(&(id, x))) {
            return Ok(true);
        }
        let unknown: Vec<i64> = others
            .iter()
            .copied()
            .filter(|&x| x != id && !cache.apart.contains(&(id, x)))
            .collect();
        if unknown.is_empty() {
            return Ok(false);
        }
        if self.tx.cooccurs(id, &unknown)? {
            return Ok(true);
        }
        if cache.apart.len() > MAX_TOGETHER {
            cache.apart.clear();
        }
        cache.apart.extend(unknown.iter().map(|&x| (id, x)));
        Ok(false)
    }
}

/// `(word, fuzzy key)` → `(entity id, alias word)` pairs, from a backend.
pub type AliasWordLookup<'a> = dyn FnMut(&str, &str) -> Result<Vec<(i64, String)>> + 'a;

/// The stored entities a `--speaker` query names: every query word must match a
/// word of one of the entity's aliases. Exact words first; only a word that no
/// alias has exactly matches garbled spellings of it (so "Blinken" finds the
/// Blinkens, whose "Bellingen" quotes are already theirs, and not every other
/// Bellingen; "Blingen", which nobody is called, finds them all).
/// `lookup(word, key)` returns `(entity id, alias word)` pairs whose alias word
/// equals `word` or has fuzzy key `key`.
pub fn speaker_ids(name: &str, lookup: &mut AliasWordLookup<'_>) -> Result<Vec<i64>> {
    let words = name_tokens(name);
    let mut result: Option<HashSet<i64>> = None;
    for w in &words {
        let found = lookup(w, &token_key(w))?;
        let mut ids: HashSet<i64> = found
            .iter()
            .filter(|(_, tok)| tok == w)
            .map(|(id, _)| *id)
            .collect();
        if ids.is_empty() {
            ids = found
                .iter()
                .filter(|(_, tok)| crate::names::token_matches(w, tok))
                .map(|(id, _)| *id)
                .collect();
        }
        result = Some(match result {
            None => ids,
            Some(prev) => prev.intersection(&ids).copied().collect(),
        });
    }
    let mut v: Vec<i64> = result.unwrap_or_default().into_iter().collect();
    v.sort_unstable();
    Ok(v)
}

/// Orders rows by how much of the query their text says: occurrences of the
/// query words, damped by length (a short quote saying the words ranks first);
/// ties keep their order (newest first).
pub fn rank_by_words<T>(rows: &mut Vec<T>, text: impl Fn(&T) -> &str, words: &str) {
    let words: Vec<String> = words
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let score = |text: &str| {
        let lower = text.to_lowercase();
        let hits: usize = words
            .iter()
            .map(|w| lower.matches(w.as_str()).count())
            .sum();
        let len = lower.split_whitespace().count().max(1) as f64;
        hits as f64 / (1.0 + len.ln())
    };
    let mut scored: Vec<(f64, usize, T)> = std::mem::take(rows)
        .into_iter()
        .enumerate()
        .map(|(i, r)| (score(text(&r)), i, r))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    rows.extend(scored.into_iter().map(|x| x.2));
}
