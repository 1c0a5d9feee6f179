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
