//! What the store keeps for copy detection, and the interface through which
//! the decider (`whosaid-link`, wired by `whosaid-pipeline`) reads and writes
//! it inside the ingest transaction. The store decides nothing here: it keeps
//! each article's band keys (an index: `copy_bands`), its profile blob, the
//! copy links and the statement links it is told.
//!
//! Tables (both backends): `copy_bands (band, article_id)` keyed by band, so
//! finding an article's candidates is one index probe per band key however
//! many articles are stored; `copy_profiles (article_id, profile)`; `copies
//! (article_id, origin_id, relation, similarity, evidence)`, one row per copy,
//! always pointing at the origin; `quote_origins (quote_id, origin_quote_id,
//! altered)`; `publisher_roles (publisher, origins, copies)`, each publisher's
//! record as an origin and as a copier where dates decided.

use crate::Result;

/// What an article brings to copy detection, computed with its analysis.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CopyFeatures {
    /// MinHash band keys.
    pub bands: Vec<i64>,
    /// The decider's profile of the article, kept as an opaque blob.
    pub profile: Vec<u8>,
    /// The stored articles sharing its keys, read from the committed store
    /// beside the analysis ([`CopyReader`]), so the writer only adds what was
    /// stored since. `None`: the writer reads them itself.
    pub snapshot: Option<CandidateSnapshot>,
}

/// For each band key, the newest stored articles holding it, as one read
/// transaction saw the store: every article with an id up to `max_id` was
/// visible, none above. SQLite ids only grow (one writer, nothing deleted),
/// so the articles a later writer must add are exactly those above `max_id`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CandidateSnapshot {
    /// The largest article id the snapshot saw (0: an empty store).
    pub max_id: i64,
    /// Articles read per key (newest first); a lookup wanting more reads again.
    pub per_key: usize,
    /// Each distinct key, ascending, with its newest `per_key` article ids, newest first.
    pub rows: Vec<(i64, Vec<i64>)>,
}

impl CandidateSnapshot {
    /// The ids this snapshot holds for `band`, newest first; `None` for a key it did not read.
    pub fn ids(&self, band: i64) -> Option<&[i64]> {
        self.rows
            .binary_search_by_key(&band, |(b, _)| *b)
            .ok()
            .map(|i| self.rows[i].1.as_slice())
    }
}

/// Reads copy candidates outside the ingest transaction (a read connection
/// beside the writer's, one per analysis thread).
pub trait CopyReader: Send {
    /// The newest `per_key` stored articles of each of `bands`, in one snapshot.
    fn snapshot(&mut self, bands: &[i64], per_key: usize) -> Result<CandidateSnapshot>;
}

/// Merges a snapshot's rows with the articles stored since it was read (the
/// writer's `recent`: key → ids ascending, complete for every id above the
/// snapshot's `max_id`) into what one lookup of the whole store gives: per
/// key, the newest `per_key` articles other than `exclude`, counted by how
/// many keys each shares. `None` when the snapshot cannot answer (a key it
/// did not read, or fewer rows per key than asked).
pub fn merge_snapshot(
    snap: &CandidateSnapshot,
    recent: &std::collections::HashMap<i64, Vec<i64>>,
    bands: &[i64],
    exclude: i64,
    limit: usize,
    per_key: usize,
) -> Option<Vec<i64>> {
    if snap.per_key < per_key {
        return None;
    }
    let mut keys = bands.to_vec();
    keys.sort_unstable();
    keys.dedup();
    let mut shared: std::collections::HashMap<i64, u32> = std::collections::HashMap::new();
    for b in keys {
        let stored = snap.ids(b)?;
        let newer = recent
            .get(&b)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .rev()
            .take_while(|&&a| a > snap.max_id);
        let mut n = 0;
        for &a in newer.chain(stored.iter()) {
            if a == exclude {
                continue;
            }
            *shared.entry(a).or_default() += 1;
            n += 1;
            if n == per_key {
                break;
            }
        }
    }
    Some(most_shared(shared, limit))
}

/// A stored statement, as the decider sees it.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredStatement {
    pub id: i64,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub kind: String,
    pub speaker_id: Option<i64>,
}

/// A copy link to store: `article` repeats `origin`.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyLinkRow {
    pub article: i64,
    pub origin: i64,
    pub relation: String,
    pub similarity: f64,
    /// JSON.
    pub evidence: String,
}

/// A statement link to store: `quote_id` repeats `origin_quote_id`.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementLinkRow {
    pub quote_id: i64,
    pub origin_quote_id: i64,
    pub altered: Option<bool>,
    /// The origin's stored speaker, which the copy's statement takes.
    pub speaker_id: Option<i64>,
}

/// Reads and writes of copy detection inside one ingest transaction.
pub trait CopyIndex {
    /// Stored articles sharing band keys with `bands` (not `exclude`), the
    /// most shared first (then the oldest), at most `limit`. Each key
    /// contributes at most `per_key` articles, its most recently stored: a key
    /// that common (a template's labels, a wire story copied everywhere) says
    /// little, and reading all of it would cost what the whole store costs.
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>>;
    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>>;
    fn origin_of(&mut self, article: i64) -> Result<Option<i64>>;
    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>>;
    fn statements(&mut self, article: i64) -> Result<Vec<StoredStatement>>;
    fn set_copy(&mut self, link: &CopyLinkRow) -> Result<()>;
    /// Removes an article's copy link (it became the origin of its set).
    fn clear_copy(&mut self, article: i64) -> Result<()>;
    /// `(origins, copies)`: how often the publisher's articles were the origin, and a copy.
    fn publisher_record(&mut self, publisher: &str) -> Result<(i64, i64)>;
    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<()>;
    fn set_statement_links(&mut self, article: i64, links: &[StatementLinkRow]) -> Result<()>;
}

/// The decider the store calls for each newly stored article that brought
/// copy features, in the same transaction (articles of a batch in order of
/// publication, so an origin usually precedes its copies).
pub trait CopyLinker: Send + Sync {
    fn link(&self, index: &mut dyn CopyIndex, article: i64, bands: &[i64]) -> Result<()>;
}

/// A batch's copy index as its linker must see it: the batch's articles are
/// stored (features included) before any is linked, and they are linked in
/// order of publication; an article not yet linked is held back from the
/// candidates, so each one is compared with the articles placed before it,
/// as when articles arrive one at a time (the held-back ones find it when
/// their turn comes). Without this, an origin linked first would take a copy
/// of the batch as a set of its own, and that copy, already placed, would no
/// longer look for the set it belongs to among the stored articles.
pub(crate) struct HeldBack<'a, T: CopyIndex + ?Sized> {
    inner: &'a mut T,
    /// Band key → the batch's articles holding it.
    by_band: std::collections::HashMap<i64, Vec<i64>>,
    /// The batch's articles not linked yet.
    held: std::collections::HashSet<i64>,
}

impl<'a, T: CopyIndex + ?Sized> HeldBack<'a, T> {
    /// `batch`: each stored article of the batch with its band keys.
    pub(crate) fn new(inner: &'a mut T, batch: &[(i64, &[i64])]) -> Self {
        let mut by_band: std::collections::HashMap<i64, Vec<i64>> = Default::default();
        for &(id, bands) in batch {
            for &b in bands {
                by_band.entry(b).or_default().push(id);
            }
        }
        HeldBack {
            inner,
            by_band,
            held: batch.iter().map(|&(id, _)| id).collect(),
        }
    }

    /// `article`'s turn: it is no longer held back.
    pub(crate) fn release(&mut self, article: i64) {
        self.held.remove(&article);
    }
}

impl<T: CopyIndex + ?Sized> CopyIndex for HeldBack<'_, T> {
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>> {
        // the held-back articles sharing a key with this one: each can take
        // at most one of a key's places and one of the answer's, so asking
        // for that many more and dropping them gives what the lookup would
        // give without them
        let mut sharing: Vec<i64> = bands
            .iter()
            .filter_map(|b| self.by_band.get(b))
            .flatten()
            .copied()
            .filter(|a| *a != exclude && self.held.contains(a))
            .collect();
        if sharing.is_empty() {
            return self.inner.candidates(bands, exclude, limit, per_key);
        }
        sharing.sort_unstable();
        sharing.dedup();
        let n = sharing.len();
        let mut found = self
            .inner
            .candidates(bands, exclude, limit + n, per_key + n)?;
        found.retain(|a| sharing.binary_search(a).is_err());
        found.truncate(limit);
        Ok(found)
    }
    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>> {
        self.inner.profile(article)
    }
    fn origin_of(&mut self, article: i64) -> Result<Option<i64>> {
        self.inner.origin_of(article)
    }
    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>> {
        self.inner.copies_of(origin)
    }
    fn statements(&mut self, article: i64) -> Result<Vec<StoredStatement>> {
        self.inner.statements(article)
    }
    fn set_copy(&mut self, link: &CopyLinkRow) -> Result<()> {
        self.inner.set_copy(link)
    }
    fn clear_copy(&mut self, article: i64) -> Result<()> {
        self.inner.clear_copy(article)
    }
    fn publisher_record(&mut self, publisher: &str) -> Result<(i64, i64)> {
        self.inner.publisher_record(publisher)
    }
    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<()> {
        self.inner.count_publisher(publisher, as_origin)
    }
    fn set_statement_links(&mut self, article: i64, links: &[StatementLinkRow]) -> Result<()> {
        self.inner.set_statement_links(article, links)
    }
}

/// One stored article and what it copies, for `whosaid copies` and `show`.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyRow {
    pub article_id: i64,
    pub doc_id: String,
    pub published: Option<String>,
    pub source: String,
    pub origin_id: Option<i64>,
    pub origin_doc_id: Option<String>,
    pub relation: Option<String>,
    pub similarity: Option<f64>,
    /// JSON, when a copy.
    pub evidence: Option<String>,
}

/// Where a statement first appeared, for quote hits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementOrigin {
    pub quote_id: i64,
    pub doc_id: String,
    pub start: i64,
    pub end: i64,
}

/// Candidates counted per shared key, the most shared first (then the oldest),
/// at most `limit`: the ranking both backends give.
pub(crate) fn most_shared(shared: std::collections::HashMap<i64, u32>, limit: usize) -> Vec<i64> {
    let mut v: Vec<(i64, u32)> = shared.into_iter().collect();
    v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(limit);
    v.into_iter().map(|(a, _)| a).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// What one lookup inside the transaction answers (the backends' SQL).
    fn direct(
        store: &[(i64, Vec<i64>)],
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Vec<i64> {
        let mut keys = bands.to_vec();
        keys.sort_unstable();
        keys.dedup();
        let mut shared = HashMap::new();
        for k in keys {
            let mut ids: Vec<i64> = store
                .iter()
                .filter(|(_, b)| b.contains(&k))
                .map(|(a, _)| *a)
                .collect();
            ids.sort_unstable_by(|a, b| b.cmp(a));
            for a in ids.into_iter().filter(|&a| a != exclude).take(per_key) {
                *shared.entry(a).or_insert(0u32) += 1;
            }
        }
        most_shared(shared, limit)
    }

    #[test]
    fn a_snapshot_completed_with_what_was_stored_since_answers_as_the_store_does() {
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for round in 0..200 {
            // articles 1..=n, each with a few keys from a small alphabet (so keys are shared)
            let n = 5 + next(40) as i64;
            let store: Vec<(i64, Vec<i64>)> = (1..=n)
                .map(|a| (a, (0..1 + next(5)).map(|_| next(12) as i64).collect()))
                .collect();
            let per_key = 1 + next(4) as usize;
            let limit = 1 + next(6) as usize;
            let max_id = next(n as u64) as i64;
            // the new article is stored after the snapshot
            let me = max_id + 1 + next((n - max_id) as u64) as i64;
            let bands = store[(me - 1) as usize].1.clone();
            let mut keys = bands.clone();
            keys.sort_unstable();
            keys.dedup();
            let snap = CandidateSnapshot {
                max_id,
                per_key,
                rows: keys
                    .iter()
                    .map(|&k| {
                        let mut ids: Vec<i64> = store
                            .iter()
                            .filter(|(a, b)| *a <= max_id && b.contains(&k))
                            .map(|(a, _)| *a)
                            .collect();
                        ids.sort_unstable_by(|a, b| b.cmp(a));
                        ids.truncate(per_key);
                        (k, ids)
                    })
                    .collect(),
            };
            let mut recent: HashMap<i64, Vec<i64>> = HashMap::new();
            for (a, b) in store.iter().filter(|(a, _)| *a > max_id.saturating_sub(2)) {
                for &k in b {
                    let v = recent.entry(k).or_default();
                    if v.last() != Some(a) {
                        v.push(*a);
                    }
                }
            }
            assert_eq!(
                merge_snapshot(&snap, &recent, &bands, me, limit, per_key),
                Some(direct(&store, &bands, me, limit, per_key)),
                "round {round}"
            );
            // asked for more per key than it read, or for a key it did not read: no answer
            assert_eq!(
                merge_snapshot(&snap, &recent, &bands, me, limit, per_key + 1),
                None
            );
            assert_eq!(
                merge_snapshot(&snap, &recent, &[99], me, limit, per_key),
                None
            );
        }
    }
}
