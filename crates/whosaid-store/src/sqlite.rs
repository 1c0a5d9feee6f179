//! The SQLite backend: one file, WAL, FTS5 for quote search.
//!
//! `synchronous=NORMAL` in WAL mode: a killed process loses nothing committed
//! (only a power cut can drop the last transactions, never corrupt the file).

use crate::backend::{self, Candidate, IdentityCache, Tx};
use crate::copies::{
    CandidateSnapshot, CopyFeatures, CopyIndex, CopyLinkRow, CopyLinker, CopyReader, CopyRow,
    StatementLinkRow, StatementOrigin, StoredStatement,
};
use crate::record::{NewArticle, NewEntity, NewMention, NewQuote, SpellingKeys};
use crate::speakers::SpeakerResolver;
use crate::sqlite_checkpoint::Checkpointer;
use crate::sqlite_recent::{RecentBands, SqliteCopyReader};
use crate::{
    schema, ArticleRow, ErrorRow, IngestOutcome, QuoteHit, QuoteQuery, Result, SpeakerRow, Stats,
    Store, StoreError,
};
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, ToSql};
use std::collections::HashMap;
use std::path::Path;

pub struct SqliteStore {
    pub(crate) conn: Connection,
    cache: IdentityCache,
    name: String,
    linker: Option<std::sync::Arc<dyn CopyLinker>>,
    resolver: Option<std::sync::Arc<dyn SpeakerResolver>>,
    /// What the reader connections of one `Readers` share for searches
    /// (read side: each quote's `said_on`, loaded by `Store::warm`, and
    /// full-text matches; `sqlite_browse::ReadShare`).
    pub(crate) shared: crate::sqlite_browse::ReadShare,
    recent: RecentBands,
    /// Checkpoints on a thread of their own once this store writes (after
    /// `conn`, so the writer's connection closes first).
    checkpointer: Option<Checkpointer>,
    /// Set up for ingest (`become_writer`) at the first batch.
    writer_ready: bool,
}

pub(crate) fn err(context: &str) -> impl FnOnce(rusqlite::Error) -> StoreError + '_ {
    move |source| StoreError::Sqlite {
        context: context.to_string(),
        source,
    }
}

impl SqliteStore {
    /// Opens (creating and migrating) the store at `path`.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let name = path.display().to_string();
        let conn = Connection::open(path).map_err(|e| StoreError::Open {
            db: name.clone(),
            msg: format!("cannot open the SQLite store: {e}"),
        })?;
        Self::init(conn, name)
    }

    /// A private store in memory (tests).
    pub fn open_in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory().map_err(err("opening in memory"))?;
        Self::init(conn, ":memory:".into())
    }

    fn init(mut conn: Connection, name: String) -> Result<SqliteStore> {
        let open_err = |e: rusqlite::Error| StoreError::Open {
            db: name.clone(),
            msg: format!("not a usable SQLite store: {e}"),
        };
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(open_err)?;
        // an ingest runs some 40 distinct statements a batch (articles,
        // identity, quotes, copies, multi-row shapes): room for all, so none
        // is prepared again
        conn.set_prepared_statement_cache_capacity(96);
        conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA cache_size=-65536;
             PRAGMA temp_store=MEMORY; PRAGMA wal_autocheckpoint=8192;",
        )
        .map_err(open_err)?;
        let tx = conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(open_err)?;
        tx.execute_batch("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            .map_err(open_err)?;
        let found: Option<i64> = tx
            .query_row("SELECT version FROM schema_version", [], |r| r.get(0))
            .optional()
            .map_err(open_err)?;
        let known = schema::SQLITE.len() as i64;
        let found = match found {
            Some(v) => v,
            None => {
                tx.execute("INSERT INTO schema_version VALUES (0)", [])
                    .map_err(open_err)?;
                0
            }
        };
        if found > known {
            return Err(StoreError::SchemaTooNew { found, known });
        }
        for (i, m) in schema::SQLITE.iter().enumerate().skip(found as usize) {
            tx.execute_batch(m).map_err(err("migrating the schema"))?;
            tx.execute("UPDATE schema_version SET version = ?1", [i as i64 + 1])
                .map_err(err("migrating the schema"))?;
        }
        tx.commit().map_err(open_err)?;
        Ok(SqliteStore {
            conn,
            cache: IdentityCache::default(),
            name,
            linker: None,
            resolver: None,
            shared: Default::default(),
            recent: RecentBands::default(),
            checkpointer: None,
            writer_ready: false,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    /// Sets this connection up for ingest, once, at its first batch (the
    /// pipeline's writer is a connection of its own; readers keep SQLite's
    /// defaults):
    /// - foreign keys are not checked: the bundled SQLite enforces them by
    ///   default, which cost a parent-row probe per reference (a band key, a
    ///   mention, a quote's article and speaker: ~350,000 probes over 4,000
    ///   articles, a tenth of the writer), and every id the ingest writes is one
    ///   it has just read or inserted in the same transaction (the suite checks
    ///   `PRAGMA foreign_key_check` after ingesting);
    /// - the query planner does not look at bound values (QPSG): SQLite's
    ///   STAT4 build otherwise prepares a statement again whenever a value its
    ///   plan looked at is rebound (the alias word lookup, every call: a twentieth
    ///   of the writer); the plans are the same for every value here.
    fn become_writer(&mut self) -> Result<()> {
        use rusqlite::config::DbConfig;
        self.conn
            .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_FKEY, false)
            .and_then(|_| {
                self.conn
                    .set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)
            })
            .map(|_| ())
            .map_err(err("setting up the writer"))
    }
}

/// Inserts `rows` in order with as few statements as three prepared shapes
/// allow (64 rows, 8, 1), sharing each statement's fixed cost (bind, step,
/// reset). Only after the batch's quotes: a multi-row insert that may abort
/// opens a statement savepoint, at which FTS5 flushes its pending index.
fn insert_rows<const N: usize>(
    tx: &rusqlite::Transaction,
    head: &str,
    rows: &[[&dyn ToSql; N]],
    context: &str,
) -> Result<()> {
    let mut rest = rows;
    for size in [64usize, 8, 1] {
        if rest.len() < size {
            continue;
        }
        let row = format!("({})", vec!["?"; N].join(", "));
        let sql = format!("{head} VALUES {}", vec![row; size].join(", "));
        let mut st = tx.prepare_cached(&sql).map_err(err(context))?;
        while rest.len() >= size {
            let (chunk, tail) = rest.split_at(size);
            st.execute(params_from_iter(chunk.iter().flatten()))
                .map_err(err(context))?;
            rest = tail;
        }
    }
    Ok(())
}

struct SqlTx<'a> {
    tx: &'a rusqlite::Transaction<'a>,
    /// The band keys this writer stored lately (this batch's included).
    recent: &'a mut RecentBands,
    /// The candidate snapshots this batch's articles brought, by article id.
    snapshots: HashMap<i64, CandidateSnapshot>,
    /// The largest article id inserted in this transaction.
    max_inserted: i64,
}

impl Tx for SqlTx<'_> {
    fn insert_article(&mut self, a: &NewArticle) -> Result<Option<i64>> {
        let mut st = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO articles (key, url, doc_id, source, title, published, publisher, text, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .map_err(err("inserting an article"))?;
        let n = st
            .execute(params![
                a.key,
                a.url,
                a.doc_id,
                a.source,
                a.title,
                a.published,
                a.publisher,
                a.text,
                a.record
            ])
            .map_err(err("inserting an article"))?;
        if n != 1 {
            return Ok(None);
        }
        let id = self.tx.last_insert_rowid();
        self.max_inserted = self.max_inserted.max(id);
        Ok(Some(id))
    }

    fn entity_by_kb(&mut self, kb: &str) -> Result<Option<i64>> {
        self.tx
            .prepare_cached("SELECT id FROM entities WHERE kb_id = ?1")
            .and_then(|mut s| s.query_row([kb], |r| r.get(0)).optional())
            .map_err(err("looking up a KB id"))
    }

    fn entity_by_name(&mut self, etype: &str, norm: &str) -> Result<Option<i64>> {
        self.tx
            .prepare_cached(
                "SELECT id FROM entities WHERE etype = ?1 AND norm = ?2
                 UNION ALL
                 SELECT a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
                 WHERE a.norm = ?2 AND e.etype = ?1 AND instr(a.norm, ' ') > 0
                 LIMIT 1",
            )
            .and_then(|mut s| s.query_row([etype, norm], |r| r.get(0)).optional())
            .map_err(err("looking up a name"))
    }

    fn all_names(&mut self, limit: i64) -> Result<Option<Vec<(String, String, i64)>>> {
        let n: i64 = self
            .tx
            .query_row("SELECT COUNT(*) FROM entities", [], |r| r.get(0))
            .map_err(err("counting entities"))?;
        if n > limit {
            return Ok(None);
        }
        let mut s = self
            .tx
            .prepare(
                "SELECT etype, norm, id FROM entities
                 UNION ALL
                 SELECT e.etype, a.norm, a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
                 WHERE instr(a.norm, ' ') > 0",
            )
            .map_err(err("loading names"))?;
        let rows = s
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("loading names"))?;
        Ok(Some(rows))
    }

    fn entities_by_token_key(&mut self, etype: &str, key: &str) -> Result<Vec<Candidate>> {
        let mut s = self
            .tx
            .prepare_cached(
                "SELECT w.entity_id, w.alias_norm FROM alias_words w JOIN entities e ON e.id = w.entity_id
                 WHERE w.wkey = ?1 AND e.etype = ?2 LIMIT 200",
            )
            .map_err(err("looking up similar names"))?;
        let rows = s
            .query_map([key, etype], |r| {
                Ok(Candidate {
                    id: r.get(0)?,
                    alias_norm: r.get(1)?,
                })
            })
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("looking up similar names"))?;
        Ok(rows)
    }

    fn cooccurs(&mut self, id: i64, others: &[i64]) -> Result<bool> {
        let others: Vec<i64> = others.iter().copied().filter(|&o| o != id).collect();
        if others.is_empty() {
            return Ok(false);
        }
        let marks = vec!["?"; others.len()].join(",");
        let sql = format!(
            "SELECT 1 FROM mentions m2 WHERE m2.entity_id IN ({marks})
             AND m2.article_id IN (SELECT article_id FROM mentions WHERE entity_id = ?) LIMIT 1"
        );
        let mut args = others;
        args.push(id);
        self.tx
            .prepare_cached(&sql)
            .and_then(|mut s| s.query_row(params_from_iter(args), |_| Ok(())).optional())
            .map(|o| o.is_some())
            .map_err(err("checking shared context"))
    }

    fn insert_entity(&mut self, e: &NewEntity, norm: &str) -> Result<i64> {
        let n = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO entities (etype, name, norm, kb_id) VALUES (?1, ?2, ?3, ?4)",
            )
            .and_then(|mut s| s.execute(params![e.etype, e.name, norm, e.kb_id]))
            .map_err(err("inserting an entity"))?;
        if n == 1 {
            return Ok(self.tx.last_insert_rowid());
        }
        self.tx
            .query_row(
                "SELECT id FROM entities WHERE (etype = ?1 AND norm = ?2) OR kb_id = ?3 LIMIT 1",
                params![e.etype, norm, e.kb_id],
                |r| r.get(0),
            )
            .map_err(err("finding an entity"))
    }

    fn link_kb(&mut self, id: i64, kb: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "UPDATE OR IGNORE entities SET kb_id = ?2 WHERE id = ?1 AND kb_id IS NULL",
            )
            .and_then(|mut s| s.execute(params![id, kb]))
            .map(|_| ())
            .map_err(err("linking an entity to the KB"))
    }

    fn add_alias(&mut self, id: i64, alias: &str, keys: &SpellingKeys) -> Result<()> {
        let norm = &keys.norm;
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO aliases (entity_id, norm, alias) VALUES (?1, ?2, ?3)",
            )
            .and_then(|mut s| s.execute(params![id, norm, alias]))
            .map_err(err("inserting an alias"))?;
        let mut s = self
            .tx
            .prepare_cached(
                "INSERT OR IGNORE INTO alias_words (wkey, word, entity_id, alias_norm) VALUES (?1, ?2, ?3, ?4)",
            )
            .map_err(err("inserting an alias"))?;
        for (t, key) in keys.words.iter().zip(&keys.word_keys) {
            s.execute(params![key, t, id, norm])
                .map_err(err("inserting an alias"))?;
        }
        Ok(())
    }

    fn insert_mentions(&mut self, article: i64, rows: &[(Option<i64>, &NewMention)]) -> Result<()> {
        // one row a statement: a multi-row insert may abort halfway, so it opens
        // a statement savepoint, and FTS5 flushes its pending quote index at
        // every savepoint (measured: three times the cost of these inserts)
        let mut st = self
            .tx
            .prepare_cached(
                "INSERT INTO mentions (article_id, entity_id, start, \"end\", kind) VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .map_err(err("inserting a mention"))?;
        for (entity, m) in rows {
            st.execute(params![article, entity, m.start, m.end, m.kind])
                .map_err(err("inserting a mention"))?;
        }
        Ok(())
    }

    fn insert_quote(
        &mut self,
        article: i64,
        speaker: Option<i64>,
        addressee: Option<i64>,
        q: &NewQuote,
        a: &NewArticle,
    ) -> Result<()> {
        let (said_on, date_basis) = q.said_on_or_published(a);
        self.tx
            .prepare_cached(
                "INSERT INTO quotes (article_id, speaker_id, speaker_name, resolution, kind, start, \"end\", text, cue, confidence, published, source,
                                     addressee_id, addressee_name, channel, time_text, said_on, date_basis)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    article,
                    speaker,
                    q.speaker_name,
                    q.resolution,
                    q.kind,
                    q.start,
                    q.end,
                    q.text,
                    q.cue,
                    q.confidence,
                    a.published,
                    a.source_label(),
                    addressee,
                    q.addressee_name,
                    q.channel,
                    q.time_text,
                    said_on,
                    date_basis
                ])
            })
            .map_err(err("inserting a quote"))?;
        let id = self.tx.last_insert_rowid();
        if let Some(k) = q.statement_key {
            self.tx
                .prepare_cached("INSERT INTO statement_keys (quote_id, skey) VALUES (?1, ?2)")
                .and_then(|mut s| s.execute(params![id, k]))
                .map_err(err("indexing a quote"))?;
        }
        self.tx
            .prepare_cached("INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![id, q.text]))
            .map(|_| ())
            .map_err(err("indexing a quote"))
    }

    fn insert_copy_features(&mut self, rows: &[(i64, &CopyFeatures)]) -> Result<()> {
        // plain INSERT: the article ids are new, and `OR REPLACE` would open a
        // statement savepoint, which makes FTS5 flush the batch's pending
        // quote index to disk at every article
        let mut st = self
            .tx
            .prepare_cached("INSERT INTO copy_profiles (article_id, profile) VALUES (?1, ?2)")
            .map_err(err("storing a copy profile"))?;
        for (article, f) in rows {
            st.execute(params![article, f.profile])
                .map_err(err("storing a copy profile"))?;
        }
        // the batch's keys in key order: neighbouring inserts touch
        // neighbouring index pages
        let mut bands: Vec<(i64, i64)> = rows
            .iter()
            .flat_map(|(a, f)| f.bands.iter().map(move |&b| (b, *a)))
            .collect();
        bands.sort_unstable();
        bands.dedup();
        let params: Vec<[&dyn ToSql; 2]> = bands
            .iter()
            .map(|(b, a)| -> [&dyn ToSql; 2] { [b, a] })
            .collect();
        insert_rows(
            self.tx,
            "INSERT OR IGNORE INTO copy_bands (band, article_id)",
            &params,
            "indexing copy bands",
        )?;
        for (article, f) in rows {
            self.recent.add(*article, &f.bands);
            if let Some(snap) = &f.snapshot {
                self.snapshots.insert(*article, snap.clone());
            }
        }
        Ok(())
    }
}

impl CopyIndex for SqlTx<'_> {
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>> {
        // read beside the analysis when the article brought a snapshot that
        // what this writer stored since completes
        if let Some(snap) = self.snapshots.get(&exclude) {
            if snap.max_id >= self.recent.complete_above {
                if let Some(found) = crate::copies::merge_snapshot(
                    snap,
                    &self.recent.by_band,
                    bands,
                    exclude,
                    limit,
                    per_key,
                ) {
                    return Ok(found);
                }
            }
        }
        // one index probe per key, each reading at most `per_key` rows (the
        // newest), so a key shared by a million articles costs what a rare one
        // does; the limit is written into the SQL, since a bound LIMIT makes
        // SQLite re-prepare the statement at every new binding
        let sql = format!(
            "SELECT article_id FROM copy_bands WHERE band = ?1 ORDER BY article_id DESC LIMIT {}",
            per_key.saturating_add(1)
        );
        let mut st = self
            .tx
            .prepare_cached(&sql)
            .map_err(err("finding copy candidates"))?;
        let mut keys = bands.to_vec();
        keys.sort_unstable();
        keys.dedup();
        let mut shared: HashMap<i64, u32> = HashMap::new();
        for b in keys {
            let mut rows = st.query([b]).map_err(err("finding copy candidates"))?;
            let mut n = 0;
            while let Some(r) = rows.next().map_err(err("finding copy candidates"))? {
                let a: i64 = r.get(0).map_err(err("finding copy candidates"))?;
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
        Ok(crate::copies::most_shared(shared, limit))
    }

    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>> {
        self.tx
            .prepare_cached("SELECT profile FROM copy_profiles WHERE article_id = ?1")
            .and_then(|mut s| s.query_row([article], |r| r.get(0)).optional())
            .map_err(err("reading a copy profile"))
    }

    fn origin_of(&mut self, article: i64) -> Result<Option<i64>> {
        self.tx
            .prepare_cached("SELECT origin_id FROM copies WHERE article_id = ?1")
            .and_then(|mut s| s.query_row([article], |r| r.get(0)).optional())
            .map_err(err("reading a copy link"))
    }

    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>> {
        self.tx
            .prepare_cached(
                "SELECT article_id FROM copies WHERE origin_id = ?1 ORDER BY article_id",
            )
            .and_then(|mut s| {
                s.query_map([origin], |r| r.get(0))?
                    .collect::<std::result::Result<Vec<i64>, _>>()
            })
            .map_err(err("reading copies"))
    }

    fn statements(&mut self, article: i64) -> Result<Vec<StoredStatement>> {
        self.tx
            .prepare_cached(
                "SELECT id, start, \"end\", text, kind, speaker_id FROM quotes WHERE article_id = ?1 ORDER BY id",
            )
            .and_then(|mut s| {
                s.query_map([article], |r| {
                    Ok(StoredStatement {
                        id: r.get(0)?,
                        start: r.get(1)?,
                        end: r.get(2)?,
                        text: r.get(3)?,
                        kind: r.get(4)?,
                        speaker_id: r.get(5)?,
                    })
                })?
                .collect::<std::result::Result<Vec<_>, _>>()
            })
            .map_err(err("reading statements"))
    }

    fn set_copy(&mut self, l: &CopyLinkRow) -> Result<()> {
        // delete and insert, not `OR REPLACE` (a statement savepoint, which
        // flushes FTS5's pending quote index)
        self.clear_copy(l.article)?;
        self.tx
            .prepare_cached(
                "INSERT INTO copies (article_id, origin_id, relation, similarity, evidence)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    l.article,
                    l.origin,
                    l.relation,
                    l.similarity,
                    l.evidence
                ])
            })
            .map(|_| ())
            .map_err(err("storing a copy link"))
    }

    fn clear_copy(&mut self, article: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM copies WHERE article_id = ?1")
            .and_then(|mut s| s.execute([article]))
            .map(|_| ())
            .map_err(err("removing a copy link"))
    }

    fn publisher_record(&mut self, publisher: &str) -> Result<(i64, i64)> {
        Ok(self
            .tx
            .prepare_cached("SELECT origins, copies FROM publisher_roles WHERE publisher = ?1")
            .and_then(|mut s| {
                s.query_row([publisher], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
            })
            .map_err(err("reading a publisher's record"))?
            .unwrap_or((0, 0)))
    }

    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<()> {
        let (o, c) = if as_origin { (1, 0) } else { (0, 1) };
        self.tx
            .prepare_cached(
                "INSERT INTO publisher_roles (publisher, origins, copies) VALUES (?1, ?2, ?3)
                 ON CONFLICT (publisher) DO UPDATE SET origins = origins + ?2, copies = copies + ?3",
            )
            .and_then(|mut s| s.execute(params![publisher, o, c]))
            .map(|_| ())
            .map_err(err("counting a publisher's record"))
    }

    fn set_statement_links(&mut self, article: i64, links: &[StatementLinkRow]) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM quote_origins WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = ?1)",
            )
            .and_then(|mut s| s.execute([article]))
            .map_err(err("storing statement links"))?;
        for l in links {
            self.tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO quote_origins (quote_id, origin_quote_id, altered) VALUES (?1, ?2, ?3)",
                )
                .and_then(|mut s| s.execute(params![l.quote_id, l.origin_quote_id, l.altered]))
                .map_err(err("storing statement links"))?;
            if let Some(sp) = l.speaker_id {
                self.tx
                    .prepare_cached("UPDATE quotes SET speaker_id = ?2 WHERE id = ?1")
                    .and_then(|mut s| s.execute(params![l.quote_id, sp]))
                    .map_err(err("storing statement links"))?;
            }
        }
        Ok(())
    }
}

/// The columns every quote query selects, in `hit` order.
pub(crate) const HIT_COLUMNS: &str = "q.id, q.article_id, a.doc_id, q.source, q.published, q.speaker_id,
     COALESCE(e.name, q.speaker_name), e.kb_id, q.resolution, q.kind, q.start, q.\"end\", q.text, q.cue, q.confidence,
     q.addressee_id, COALESCE((SELECT ae.name FROM entities ae WHERE ae.id = q.addressee_id), q.addressee_name),
     q.channel, q.time_text, q.said_on, q.date_basis,
     (SELECT origin_quote_id FROM quote_origins WHERE quote_id = q.id),
     (SELECT oa.doc_id FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id JOIN articles oa ON oa.id = oq.article_id WHERE o.quote_id = q.id),
     (SELECT oq.start FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id WHERE o.quote_id = q.id),
     (SELECT oq.\"end\" FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id WHERE o.quote_id = q.id),
     (SELECT altered FROM quote_origins WHERE quote_id = q.id),
     MAX(1, (SELECT COUNT(DISTINCT COALESCE(c.origin_id, q2.article_id)) FROM statement_keys k1
        JOIN statement_keys k2 ON k2.skey = k1.skey JOIN quotes q2 ON q2.id = k2.quote_id
        LEFT JOIN copies c ON c.article_id = q2.article_id
        WHERE k1.quote_id = COALESCE((SELECT origin_quote_id FROM quote_origins WHERE quote_id = q.id), q.id)
          AND q2.speaker_id IS q.speaker_id))";

pub(crate) fn hit(r: &rusqlite::Row) -> rusqlite::Result<QuoteHit> {
    Ok(QuoteHit {
        quote_id: r.get(0)?,
        article_id: r.get(1)?,
        doc_id: r.get(2)?,
        source: r.get(3)?,
        published: r.get(4)?,
        speaker_id: r.get(5)?,
        speaker: r.get(6)?,
        kb_id: r.get(7)?,
        resolution: r.get(8)?,
        kind: r.get(9)?,
        start: r.get(10)?,
        end: r.get(11)?,
        text: r.get(12)?,
        cue: r.get(13)?,
        confidence: r.get(14)?,
        addressee_id: r.get(15)?,
        addressee: r.get(16)?,
        channel: r.get(17)?,
        time_text: r.get(18)?,
        said_on: r.get(19)?,
        date_basis: r.get(20)?,
        origin: match (
            r.get::<_, Option<i64>>(21)?,
            r.get::<_, Option<String>>(22)?,
        ) {
            (Some(quote_id), Some(doc_id)) => Some(StatementOrigin {
                quote_id,
                doc_id,
                start: r.get(23)?,
                end: r.get(24)?,
            }),
            _ => None,
        },
        altered: r.get(25)?,
        independent_sources: r.get(26)?,
    })
}

/// Matches ranked when words are searched: the newest this many.
/// Ranking every match of a common word ("said": 50,000 of a million quotes)
/// costs ~50 ms; the newest 2,000 keep a search under ~15 ms, and words rarer
/// than that are ranked over all their matches.
pub(crate) const RANK_WINDOW: i64 = 2000;

/// Words as an FTS5 query: each word quoted (so no word is an operator), all required.
pub(crate) fn fts_query(words: &str) -> String {
    words
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect::<Vec<_>>()
        .join(" ")
}

impl Store for SqliteStore {
    fn ingest(&mut self, batch: &[NewArticle]) -> Result<IngestOutcome> {
        if !self.writer_ready {
            self.writer_ready = true;
            self.become_writer()?;
            if self.name != ":memory:" {
                self.checkpointer = Checkpointer::start(
                    &mut self.conn,
                    &self.name,
                    Checkpointer::BACKGROUND_AT,
                    Checkpointer::WAIT_AT,
                );
            }
        }
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .map_err(err("starting a batch"))?;
        let (resolver, linker) = (self.resolver.as_deref(), self.linker.as_deref());
        let db_max: i64 = tx
            .query_row("SELECT COALESCE(max(id), 0) FROM articles", [], |r| {
                r.get(0)
            })
            .map_err(err("starting a batch"))?;
        self.recent.begin(db_max);
        let mut stx = SqlTx {
            tx: &tx,
            recent: &mut self.recent,
            snapshots: HashMap::new(),
            max_inserted: db_max,
        };
        let r = backend::ingest_batch(&mut stx, &mut self.cache, batch, resolver, linker);
        let (newest, oldest_snapshot) = (
            stx.max_inserted,
            stx.snapshots.values().map(|s| s.max_id).min(),
        );
        let r = r.and_then(|out| tx.commit().map(|_| out).map_err(err("committing a batch")));
        match &r {
            Ok(_) => self.recent.committed(newest, oldest_snapshot),
            Err(_) => {
                self.cache.clear();
                self.recent.failed();
            }
        }
        r
    }

    fn known_keys(&mut self, keys: &[String]) -> Result<Vec<String>> {
        let mut s = self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE key = ?1")
            .map_err(err("looking up article keys"))?;
        let mut out = Vec::new();
        for k in keys {
            if s.exists([k]).map_err(err("looking up article keys"))? {
                out.push(k.clone());
            }
        }
        Ok(out)
    }

    fn record_error(&mut self, input: &str, message: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO ingest_errors (input, message) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute([input, message]))
            .map(|_| ())
            .map_err(err("recording an ingest error"))
    }

    fn generation(&mut self) -> Result<String> {
        self.generation_token()
    }

    fn warm(&mut self) -> Result<()> {
        self.warm_reader()
    }

    /// See `search` (sqlite_browse.rs) for the plans.
    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteHit>> {
        self.search(q)
    }

    fn speakers(&mut self, top: usize) -> Result<Vec<SpeakerRow>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT e.id, e.name, e.etype, e.kb_id, s.n, s.arts, s.first, s.last,
                   (SELECT COUNT(*) FROM quotes c JOIN quote_origins o ON o.quote_id = c.id WHERE c.speaker_id = e.id) FROM
                   (SELECT speaker_id, COUNT(*) n, COUNT(DISTINCT article_id) arts, MIN(published) first, MAX(published) last
                    FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n DESC LIMIT ?1) s
                 JOIN entities e ON e.id = s.speaker_id ORDER BY s.n DESC, e.name",
            )
            .map_err(err("listing speakers"))?;
        let mut rows = st
            .query_map([top as i64], |r| {
                Ok(SpeakerRow {
                    id: r.get(0)?,
                    name: r.get(1)?,
                    etype: r.get(2)?,
                    kb_id: r.get(3)?,
                    quotes: r.get(4)?,
                    articles: r.get(5)?,
                    first: r.get(6)?,
                    last: r.get(7)?,
                    aliases: Vec::new(),
                    copied: r.get(8)?,
                })
            })
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("listing speakers"))?;
        let mut al = self
            .conn
            .prepare("SELECT alias FROM aliases WHERE entity_id = ?1 ORDER BY alias")
            .map_err(err("listing aliases"))?;
        for r in &mut rows {
            r.aliases = al
                .query_map([r.id], |x| x.get(0))
                .and_then(|it| it.collect::<std::result::Result<Vec<String>, _>>())
                .map_err(err("listing aliases"))?;
        }
        Ok(rows)
    }

    fn article(&mut self, id: &str) -> Result<Option<ArticleRow>> {
        let sql = "SELECT id, doc_id, source, url, title, published, ingested_at, text, record FROM articles";
        let map = |r: &rusqlite::Row| {
            Ok(ArticleRow {
                id: r.get(0)?,
                doc_id: r.get(1)?,
                source: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                published: r.get(5)?,
                ingested_at: r.get(6)?,
                text: r.get(7)?,
                record: r.get(8)?,
            })
        };
        if let Ok(n) = id.parse::<i64>() {
            let by_id = self
                .conn
                .query_row(&format!("{sql} WHERE id = ?1"), [n], map)
                .optional()
                .map_err(err("reading an article"))?;
            if by_id.is_some() {
                return Ok(by_id);
            }
        }
        self.conn
            .query_row(
                &format!("{sql} WHERE doc_id = ?1 ORDER BY id LIMIT 1"),
                [id],
                map,
            )
            .optional()
            .map_err(err("reading an article"))
    }

    fn stats(&mut self) -> Result<Stats> {
        self.conn
            .query_row(
                "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM quotes),
                        (SELECT COUNT(DISTINCT speaker_id) FROM quotes), (SELECT COUNT(*) FROM entities),
                        (SELECT COUNT(*) FROM ingest_errors), (SELECT version FROM schema_version),
                        (SELECT COUNT(*) FROM copies), (SELECT COUNT(*) FROM quote_origins)",
                [],
                |r| {
                    Ok(Stats {
                        articles: r.get(0)?,
                        quotes: r.get(1)?,
                        speakers: r.get(2)?,
                        entities: r.get(3)?,
                        errors: r.get(4)?,
                        schema_version: r.get(5)?,
                        copies: r.get(6)?,
                        copied_quotes: r.get(7)?,
                    })
                },
            )
            .map_err(err("counting"))
    }

    fn errors(&mut self, limit: usize) -> Result<Vec<ErrorRow>> {
        let mut st = self
            .conn
            .prepare("SELECT input, message FROM ingest_errors ORDER BY id LIMIT ?1")
            .map_err(err("listing errors"))?;
        let rows = st
            .query_map([limit as i64], |r| {
                Ok(ErrorRow {
                    input: r.get(0)?,
                    message: r.get(1)?,
                })
            })
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("listing errors"))?;
        Ok(rows)
    }

    fn quote_facets(&mut self, q: &QuoteQuery, top: usize) -> Result<crate::Facets> {
        self.facets(q, top)
    }

    fn find_speakers(&mut self, name: &str, limit: usize) -> Result<Vec<SpeakerRow>> {
        let ids = self.speaker_ids(name)?;
        self.speaker_rows(&ids, limit)
    }

    fn speaker(&mut self, id: i64) -> Result<Option<crate::SpeakerDetail>> {
        self.speaker_detail(id)
    }

    fn overview(&mut self, top: usize) -> Result<crate::Overview> {
        self.overview_counts(top)
    }

    fn for_each_quote(
        &mut self,
        sink: &mut dyn FnMut(&QuoteHit) -> std::result::Result<(), String>,
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT {HIT_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
                 LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY q.id"
            ))
            .map_err(err("reading quotes"))?;
        let mut rows = st.query([]).map_err(err("reading quotes"))?;
        while let Some(r) = rows.next().map_err(err("reading quotes"))? {
            let h = hit(r).map_err(err("reading quotes"))?;
            sink(&h).map_err(StoreError::Other)?;
        }
        Ok(())
    }

    fn set_copy_linker(&mut self, linker: Option<std::sync::Arc<dyn CopyLinker>>) {
        self.linker = linker;
    }

    fn copy_reader(&self) -> Result<Option<Box<dyn CopyReader>>> {
        if self.name == ":memory:" {
            return Ok(None);
        }
        let conn = Connection::open(&self.name).map_err(|e| StoreError::Open {
            db: self.name.clone(),
            msg: format!("cannot open a reader of copy candidates: {e}"),
        })?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .map_err(err("opening a reader of copy candidates"))?;
        conn.execute_batch("PRAGMA query_only=1;")
            .map_err(err("opening a reader of copy candidates"))?;
        Ok(Some(Box::new(SqliteCopyReader { conn })))
    }

    fn set_speaker_resolver(&mut self, resolver: Option<std::sync::Arc<dyn SpeakerResolver>>) {
        self.resolver = resolver;
    }

    fn statement_family(&mut self, quote_id: i64) -> Result<Vec<QuoteHit>> {
        let mut st = self
            .conn
            .prepare(&format!(
                "WITH root AS (SELECT COALESCE((SELECT origin_quote_id FROM quote_origins WHERE quote_id = ?1), id) id, speaker_id
                               FROM quotes WHERE id = ?1),
                 fam AS (SELECT id FROM root
                         UNION SELECT o.quote_id FROM quote_origins o, root WHERE o.origin_quote_id = root.id
                         UNION SELECT k2.quote_id FROM root JOIN statement_keys k1 ON k1.quote_id = root.id
                               JOIN statement_keys k2 ON k2.skey = k1.skey JOIN quotes q2 ON q2.id = k2.quote_id
                               WHERE q2.speaker_id IS (SELECT speaker_id FROM quotes WHERE id = root.id))
                 SELECT {HIT_COLUMNS} FROM fam JOIN quotes q ON q.id = fam.id JOIN articles a ON a.id = q.article_id
                 LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY q.published IS NULL, q.published, q.id"
            ))
            .map_err(err("tracing a statement"))?;
        let rows = st
            .query_map([quote_id], hit)
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("tracing a statement"))?;
        Ok(rows)
    }

    fn for_each_copy_row(
        &mut self,
        sink: &mut dyn FnMut(&CopyRow) -> std::result::Result<(), String>,
    ) -> Result<()> {
        let mut st = self
            .conn
            .prepare(&format!("SELECT {COPY_COLUMNS} {COPY_FROM} ORDER BY a.id"))
            .map_err(err("reading copies"))?;
        let mut rows = st.query([]).map_err(err("reading copies"))?;
        while let Some(r) = rows.next().map_err(err("reading copies"))? {
            let row = copy_row(r).map_err(err("reading copies"))?;
            sink(&row).map_err(StoreError::Other)?;
        }
        Ok(())
    }

    fn copy_rows(&mut self, article_id: i64) -> Result<(Option<CopyRow>, Vec<CopyRow>)> {
        let own = self.copy_rows_where("a.id = ?1", article_id)?.pop();
        let copies = self.copy_rows_where("c.origin_id = ?1", article_id)?;
        Ok((own, copies))
    }
}

/// The columns of a [`CopyRow`], over `articles a LEFT JOIN copies c LEFT JOIN articles oa`.
const COPY_COLUMNS: &str = "a.id, a.doc_id, a.published, COALESCE(a.publisher, a.source), c.origin_id, oa.doc_id, c.relation, c.similarity, c.evidence";
const COPY_FROM: &str = "FROM articles a LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN articles oa ON oa.id = c.origin_id";

fn copy_row(r: &rusqlite::Row) -> rusqlite::Result<CopyRow> {
    Ok(CopyRow {
        article_id: r.get(0)?,
        doc_id: r.get(1)?,
        published: r.get(2)?,
        source: r.get(3)?,
        origin_id: r.get(4)?,
        origin_doc_id: r.get(5)?,
        relation: r.get(6)?,
        similarity: r.get(7)?,
        evidence: r.get(8)?,
    })
}

impl SqliteStore {
    fn copy_rows_where(&mut self, wh: &str, id: i64) -> Result<Vec<CopyRow>> {
        let mut st = self
            .conn
            .prepare_cached(&format!(
                "SELECT {COPY_COLUMNS} {COPY_FROM} WHERE {wh} ORDER BY a.id"
            ))
            .map_err(err("reading copies"))?;
        let rows = st
            .query_map([id], copy_row)
            .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
            .map_err(err("reading copies"))?;
        Ok(rows)
    }

    pub(crate) fn speaker_ids(&mut self, name: &str) -> Result<Vec<i64>> {
        let conn = &self.conn;
        backend::speaker_ids(name, &mut |word, key| {
            let mut s = conn
                .prepare_cached(
                    "SELECT entity_id, word FROM alias_words WHERE wkey = ?2
                     UNION SELECT entity_id, word FROM alias_words WHERE word = ?1",
                )
                .map_err(err("looking up a speaker"))?;
            let rows = s
                .query_map([word, key], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect::<std::result::Result<Vec<_>, _>>())
                .map_err(err("looking up a speaker"))?;
            Ok(rows)
        })
    }
}

pub(crate) fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}
