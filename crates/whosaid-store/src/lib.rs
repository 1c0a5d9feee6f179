//! whosaid's record: everything found in many articles, kept and queried.
//!
//! One [`Store`] trait, two backends that pass one shared test suite
//! (`tests/suite.rs`): [`SqliteStore`] (one file, zero setup, the default) and
//! [`PgStore`] (PostgreSQL: many ingest processes on many machines, one
//! database). The ingest logic — the article key that makes re-ingesting a
//! no-op ([`record`]), the candidates offered to the speaker resolver and the
//! persisting of its decisions ([`speakers`]), the copy index ([`copies`]) —
//! is written once, over the small [`backend::Tx`] interface each backend
//! implements, so both backends keep the same record. Which stored speaker an
//! entity is, and which article a copy repeats, is decided outside the store
//! (`whosaid-link`, wired by `whosaid-pipeline`).

pub mod backend;
pub mod browse;
pub mod copies;
pub mod export;
pub mod names;
mod pg;
mod pg_browse;
pub mod record;
mod schema;
pub mod speakers;
mod sqlite;
mod sqlite_browse;
mod sqlite_checkpoint;
mod sqlite_doclist;
mod sqlite_recent;

pub use browse::{AliasCount, Beside, FacetCount, Facets, Overview, SpeakerDetail};
pub use copies::{
    CandidateSnapshot, CopyFeatures, CopyIndex, CopyLinkRow, CopyLinker, CopyReader, CopyRow,
    StatementLinkRow, StatementOrigin, StoredStatement,
};
pub use pg::PgStore;
pub use record::{
    article_key, normalise_text, statement_key, NewArticle, NewEntity, NewMention, NewQuote,
    SpellingKeys,
};
pub use speakers::{AliasRows, SpeakerCandidates, SpeakerDecision, SpeakerResolver};
pub use sqlite::SqliteStore;

/// Every store error names what it was doing and, where there is one, the input.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{db}: {msg}")]
    Open { db: String, msg: String },
    #[error("sqlite: {context}: {source}")]
    Sqlite {
        context: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error("postgres: {context}: {source}")]
    Postgres {
        context: String,
        #[source]
        source: postgres::Error,
    },
    #[error("database schema version {found} is newer than this whosaid understands ({known}); upgrade whosaid")]
    SchemaTooNew { found: i64, known: i64 },
    #[error("{0}")]
    Other(String),
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// What one `ingest` call did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct IngestOutcome {
    /// Articles stored by this call.
    pub added: usize,
    /// Articles already in the store (same normalised text or same URL).
    pub duplicates: usize,
}

/// A quote search. Empty fields do not filter.
#[derive(Debug, Default, Clone)]
pub struct QuoteQuery {
    /// A speaker's name, alias or a part of it ("Blinken"); garbled spellings match.
    pub speaker: Option<String>,
    /// Words said (full-text, ranked).
    pub about: Option<String>,
    /// Only statements made on or after this ISO date (`2022-01-01`), by `said_on`
    /// (the date the text gives, else the publication date).
    pub since: Option<String>,
    /// Only statements made before or on this ISO date, by `said_on`.
    pub until: Option<String>,
    /// Only statements made to this addressee: a stored entity's name, alias or a
    /// garbled spelling of one, or words of the addressee as written ("reporters").
    pub to: Option<String>,
    /// Only statements made through this channel (`interview`, `tweet`...: exact label).
    pub channel: Option<String>,
    /// Only articles whose source or publisher contains this (case-insensitive).
    pub source: Option<String>,
    /// Only statements of this kind (`direct`, `mixed`, `indirect`).
    pub kind: Option<String>,
    /// Only this stored speaker's quotes (by id, exactly; `speaker` matches names).
    pub speaker_id: Option<i64>,
    pub limit: usize,
    /// Skip this many of the ordered matches first (pages after the first).
    pub offset: usize,
}

/// One stored quote with its speaker and article.
#[derive(Debug, Clone, PartialEq)]
pub struct QuoteHit {
    pub quote_id: i64,
    pub article_id: i64,
    /// The id the article had in its input (file name, JSON Lines `id`).
    pub doc_id: String,
    pub source: String,
    pub published: Option<String>,
    pub speaker_id: Option<i64>,
    /// The stored speaker's canonical name, else the name in the article.
    pub speaker: Option<String>,
    pub kb_id: Option<String>,
    pub resolution: Option<String>,
    pub kind: String,
    /// Code point offsets into the article text, end exclusive.
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub cue: Option<String>,
    pub confidence: f64,
    /// The stored entity the statement was made to.
    pub addressee_id: Option<i64>,
    /// Whom it was made to: the stored entity's canonical name, else the article's words.
    pub addressee: Option<String>,
    /// How it was made (`interview`, `statement`, `speech`, ...).
    pub channel: Option<String>,
    /// The time expression the text gives for it.
    pub time_text: Option<String>,
    /// The best date of the statement (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub said_on: Option<String>,
    /// `text` (the text dates it) or `published` (the article's date).
    pub date_basis: Option<String>,
    /// The same statement where it first appeared, when this article is a copy.
    pub origin: Option<StatementOrigin>,
    /// Words inside the quotation changed, dropped or added against the origin
    /// (`None`: not a copy's statement, or reported speech without marks).
    pub altered: Option<bool>,
    /// Independent sources that carried this statement (a set of copies counts once).
    pub independent_sources: i64,
}

/// A stored speaker: who is quoted, how often, when.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerRow {
    pub id: i64,
    pub name: String,
    pub etype: String,
    pub kb_id: Option<String>,
    pub quotes: i64,
    pub articles: i64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub aliases: Vec<String>,
    /// Of `quotes`, how many repeat a statement of an origin article (copies).
    pub copied: i64,
}

/// One stored article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleRow {
    pub id: i64,
    pub doc_id: String,
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub ingested_at: String,
    pub text: String,
    /// The JSON record (the output contract) without its `text`.
    pub record: String,
}

/// Counts of what the store holds.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Stats {
    pub articles: i64,
    pub quotes: i64,
    /// Stored entities with at least one quote.
    pub speakers: i64,
    /// Stored entities with at least one mention.
    pub entities: i64,
    pub errors: i64,
    pub schema_version: i64,
    /// Articles that are copies of another stored article.
    pub copies: i64,
    /// Quotes that repeat a statement of an origin article.
    pub copied_quotes: i64,
}

/// A recorded ingest failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorRow {
    pub input: String,
    pub message: String,
}

/// The record, behind one interface for both backends.
pub trait Store: Send {
    /// Stores each article once, with its entities, mentions and quotes, in one
    /// transaction: all of the batch is committed or none of it. Articles whose
    /// key (normalised text) or URL is already stored are skipped. The speaker
    /// resolver ([`Store::set_speaker_resolver`]) must be set.
    fn ingest(&mut self, batch: &[NewArticle]) -> Result<IngestOutcome>;
    /// Which of these article keys are stored already (to skip analysing them).
    fn known_keys(&mut self, keys: &[String]) -> Result<Vec<String>>;
    /// Records an input that could not be read; recording the same error twice keeps one.
    fn record_error(&mut self, input: &str, message: &str) -> Result<()>;
    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteHit>>;
    /// The most quoted speakers first.
    fn speakers(&mut self, top: usize) -> Result<Vec<SpeakerRow>>;
    /// An article by its store id or, failing that, its input id.
    fn article(&mut self, id: &str) -> Result<Option<ArticleRow>>;
    fn stats(&mut self) -> Result<Stats>;
    fn errors(&mut self, limit: usize) -> Result<Vec<ErrorRow>>;
    /// Counts over the whole result of a search (its `limit` and `offset` ignored):
    /// the `top` speakers, sources and kinds.
    fn quote_facets(&mut self, q: &QuoteQuery, top: usize) -> Result<Facets>;
    /// Stored speakers whose aliases match `name` (garbled spellings too), most quoted first.
    fn find_speakers(&mut self, name: &str, limit: usize) -> Result<Vec<SpeakerRow>>;
    /// One stored speaker: spellings with counts, quotes per week, who is named beside them.
    fn speaker(&mut self, id: i64) -> Result<Option<SpeakerDetail>>;
    /// Who gets quoted: statements by speaker type and by month, the most quoted.
    fn overview(&mut self, top: usize) -> Result<Overview>;
    /// Every quote, in store order, handed to `sink` (exports).
    fn for_each_quote(
        &mut self,
        sink: &mut dyn FnMut(&QuoteHit) -> std::result::Result<(), String>,
    ) -> Result<()>;
    /// Copy detection for the articles this store ingests from now on: the
    /// linker decides, inside each ingest transaction; `None` turns it off.
    fn set_copy_linker(&mut self, linker: Option<std::sync::Arc<dyn CopyLinker>>);
    /// A reader of copy candidates from the committed store, for the analysis
    /// threads, whose snapshots ([`CopyFeatures::snapshot`]) the writer then
    /// completes with what it stored since. `None` where the writer cannot
    /// tell what it stored since (PostgreSQL: other writers' ids interleave),
    /// and the writer reads the candidates itself.
    fn copy_reader(&self) -> Result<Option<Box<dyn CopyReader>>> {
        Ok(None)
    }
    /// Which stored speaker each entity of an ingested article is: the resolver
    /// decides, inside each ingest transaction, over the candidates the store
    /// offers. Ingesting without one is an error.
    fn set_speaker_resolver(&mut self, resolver: Option<std::sync::Arc<dyn SpeakerResolver>>);
    /// Every stored article, in store order, with the origin it copies if any.
    fn for_each_copy_row(
        &mut self,
        sink: &mut dyn FnMut(&CopyRow) -> std::result::Result<(), String>,
    ) -> Result<()>;
    /// A statement's history: the statement it repeats (or itself), that
    /// statement's copies, and the same words by the same speaker in other
    /// articles, oldest first. Empty when there is no such quote.
    fn statement_family(&mut self, quote_id: i64) -> Result<Vec<QuoteHit>>;
    /// An article's own row (its origin, if a copy) and the rows of its copies.
    fn copy_rows(&mut self, article_id: i64) -> Result<(Option<CopyRow>, Vec<CopyRow>)>;
    /// A cheap token that changes whenever a write (an ingest, a recorded
    /// error) may have changed what the store holds: results computed after
    /// reading a token are valid while the token reads the same (a server's
    /// cache). SQLite: the newest article and error ids (one writer, ids in
    /// commit order, nothing is deleted); PostgreSQL: the current snapshot
    /// (commits of concurrent writers can land in any id order).
    fn generation(&mut self) -> Result<String>;
    /// Reads into memory what searches would otherwise read on first use, so
    /// that a server is ready when it starts listening and no early request
    /// waits for it. SQLite: every quote's `said_on` for date filters (shared
    /// by the connections of one [`Readers`], ~0.3 s on a million quotes);
    /// nothing elsewhere.
    fn warm(&mut self) -> Result<()> {
        Ok(())
    }
}

/// The default store: `./whosaid.db`.
pub const DEFAULT_DB: &str = "whosaid.db";

/// Opens a store: a `postgres://` or `postgresql://` URL (optionally with
/// `?schema=NAME` to keep the tables in their own schema) or a SQLite file path,
/// created with its tables on first use.
pub fn open(db: &str) -> Result<Box<dyn Store>> {
    if is_postgres_url(db) {
        Ok(Box::new(PgStore::open(db)?))
    } else {
        Ok(Box::new(SqliteStore::open(std::path::Path::new(db))?))
    }
}

/// Opens a store for reads beside others (a server's pool): see [`Readers`],
/// whose connections share what each would otherwise hold alone.
pub fn open_reader(db: &str) -> Result<Box<dyn Store>> {
    Readers::new(db).open()
}

/// The reader connections one process opens on a store (a server's pool).
/// On SQLite: a smaller page cache per connection (32 MiB, not 64), since the
/// readers share the operating system's file cache anyway (not memory-mapped:
/// each connection's mapping would count the same pages again in the server's
/// resident memory); `query_only`, so a reader cannot write by mistake; room
/// for the statements a server repeats; and, for all of them, one in-memory
/// column of every quote's `said_on` ([`Store::warm`] reads it) and one
/// bounded cache of full-text matches (16 MiB), which word searches with
/// dates walk instead of the index.
#[derive(Clone)]
pub struct Readers {
    db: String,
    shared: sqlite_browse::ReadShare,
}

impl Readers {
    pub fn new(db: &str) -> Readers {
        Readers {
            db: db.to_string(),
            shared: Default::default(),
        }
    }

    /// One more reader connection.
    pub fn open(&self) -> Result<Box<dyn Store>> {
        let db = &self.db;
        if is_postgres_url(db) {
            return open(db);
        }
        let mut s = SqliteStore::open(std::path::Path::new(db))?;
        s.conn
            .execute_batch("PRAGMA cache_size=-32768; PRAGMA query_only=1;")
            .map_err(|e| StoreError::Open {
                db: db.to_string(),
                msg: format!("setting up a reader: {e}"),
            })?;
        s.conn.set_prepared_statement_cache_capacity(64);
        s.shared = self.shared.clone();
        Ok(Box::new(s))
    }
}

pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}
