//! The PostgreSQL backend: many ingest processes, one database.
//!
//! Each article is claimed by the unique index on its key (and URL): every
//! process inserts with `ON CONFLICT DO NOTHING`, and the one whose insert
//! commits owns the article; the others see no row returned and skip it (see
//! ARCHITECTURE.md for why this beats a `SKIP LOCKED` work queue here). A batch
//! that loses a deadlock to another process is retried whole.

use crate::backend::{self, Candidate, IdentityCache, Tx};
use crate::copies::{
    CopyFeatures, CopyIndex, CopyLinkRow, CopyLinker, CopyRow, StatementLinkRow, StatementOrigin,
    StoredStatement,
};
use crate::record::{NewArticle, NewEntity, NewMention, NewQuote, SpellingKeys};
use crate::speakers::SpeakerResolver;
use crate::{
    schema, ArticleRow, ErrorRow, IngestOutcome, QuoteHit, QuoteQuery, Result, SpeakerRow, Stats,
    Store, StoreError,
};
use postgres::types::ToSql;
use postgres::{Client, NoTls, Row, Statement};
use std::collections::HashMap;

pub struct PgStore {
    pub(crate) client: Client,
    cache: IdentityCache,
    /// Prepared statements by SQL text: they outlive transactions on a connection.
    stmts: HashMap<&'static str, Statement>,
    linker: Option<std::sync::Arc<dyn CopyLinker>>,
    resolver: Option<std::sync::Arc<dyn SpeakerResolver>>,
}

pub(crate) fn err(context: &str) -> impl FnOnce(postgres::Error) -> StoreError + '_ {
    move |source| StoreError::Postgres {
        context: context.to_string(),
        source,
    }
}

/// Splits our own `schema=NAME` parameter off a connection URL.
fn split_schema(url: &str) -> Result<(String, Option<String>)> {
    let Some((base, query)) = url.split_once('?') else {
        return Ok((url.to_string(), None));
    };
    let mut schema = None;
    let mut rest = Vec::new();
    for kv in query.split('&') {
        match kv.strip_prefix("schema=") {
            Some(s) => schema = Some(s.to_string()),
            None if !kv.is_empty() => rest.push(kv),
            None => {}
        }
    }
    if let Some(s) = &schema {
        if s.is_empty()
            || !s
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        {
            return Err(StoreError::Open {
                db: redact(url),
                msg: format!("schema {s:?}: use lower-case letters, digits and _"),
            });
        }
    }
    let base = if rest.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", rest.join("&"))
    };
    Ok((base, schema))
}

/// The URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((user, host)) => {
            let user = user.split(':').next().unwrap_or("");
            format!("{scheme}://{user}@{host}")
        }
        None => url.to_string(),
    }
}

fn retryable(e: &StoreError) -> bool {
    match e {
        StoreError::Postgres { source, .. } => source.code().is_some_and(|c| {
            *c == postgres::error::SqlState::T_R_DEADLOCK_DETECTED
                || *c == postgres::error::SqlState::T_R_SERIALIZATION_FAILURE
                || *c == postgres::error::SqlState::UNIQUE_VIOLATION
        }),
        _ => false,
    }
}

impl PgStore {
    /// Connects and migrates. `?schema=NAME` keeps the tables in that schema.
    pub fn open(url: &str) -> Result<PgStore> {
        let (base, schema) = split_schema(url)?;
        let mut client = Client::connect(&base, NoTls).map_err(|e| StoreError::Open {
            db: redact(url),
            msg: format!("cannot connect to PostgreSQL: {e}"),
        })?;
        let mut tx = client.transaction().map_err(err("starting migration"))?;
        tx.execute(
            "SELECT pg_advisory_xact_lock(hashtext('whosaid-schema'))",
            &[],
        )
        .map_err(err("locking for migration"))?;
        if let Some(s) = &schema {
            tx.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {s}; SET LOCAL search_path TO {s}"
            ))
            .map_err(err("creating the schema"))?;
        }
        tx.batch_execute("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")
            .map_err(err("reading the schema version"))?;
        let found: Option<i64> = tx
            .query_opt("SELECT version FROM schema_version", &[])
            .map_err(err("reading the schema version"))?
            .map(|r| r.get(0));
        let found = match found {
            Some(v) => v,
            None => {
                tx.execute("INSERT INTO schema_version VALUES (0)", &[])
                    .map_err(err("reading the schema version"))?;
                0
            }
        };
        let known = schema::POSTGRES.len() as i64;
        if found > known {
            return Err(StoreError::SchemaTooNew { found, known });
        }
        for (i, m) in schema::POSTGRES.iter().enumerate().skip(found as usize) {
            tx.batch_execute(m).map_err(err("migrating the schema"))?;
            tx.execute("UPDATE schema_version SET version = $1", &[&(i as i64 + 1)])
                .map_err(err("migrating the schema"))?;
        }
        tx.commit().map_err(err("migrating the schema"))?;
        if let Some(s) = &schema {
            client
                .batch_execute(&format!("SET search_path TO {s}"))
                .map_err(err("selecting the schema"))?;
        }
        Ok(PgStore {
            client,
            cache: IdentityCache::default(),
            stmts: HashMap::new(),
            linker: None,
            resolver: None,
        })
    }
}

struct PgTx<'a, 'b> {
    tx: &'a mut postgres::Transaction<'b>,
    stmts: &'a mut HashMap<&'static str, Statement>,
}

impl PgTx<'_, '_> {
    fn prepared(&mut self, ctx: &str, sql: &'static str) -> Result<Statement> {
        if let Some(s) = self.stmts.get(sql) {
            return Ok(s.clone());
        }
        let st = self.tx.prepare(sql).map_err(err(ctx))?;
        self.stmts.insert(sql, st.clone());
        Ok(st)
    }
    fn one(
        &mut self,
        ctx: &str,
        sql: &'static str,
        args: &[&(dyn ToSql + Sync)],
    ) -> Result<Option<Row>> {
        let st = self.prepared(ctx, sql)?;
        self.tx.query_opt(&st, args).map_err(err(ctx))
    }
    fn exec(&mut self, ctx: &str, sql: &'static str, args: &[&(dyn ToSql + Sync)]) -> Result<u64> {
        let st = self.prepared(ctx, sql)?;
        self.tx.execute(&st, args).map_err(err(ctx))
    }
}

impl Tx for PgTx<'_, '_> {
    fn insert_article(&mut self, a: &NewArticle) -> Result<Option<i64>> {
        Ok(self
            .one(
                "inserting an article",
                "INSERT INTO articles (key, url, doc_id, source, title, published, publisher, text, record)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id",
                &[
                    &a.key,
                    &a.url,
                    &a.doc_id,
                    &a.source,
                    &a.title,
                    &a.published,
                    &a.publisher,
                    &a.text,
                    &a.record,
                ],
            )?
            .map(|r| r.get(0)))
    }

    fn entity_by_kb(&mut self, kb: &str) -> Result<Option<i64>> {
        Ok(self
            .one(
                "looking up a KB id",
                "SELECT id FROM entities WHERE kb_id = $1",
                &[&kb],
            )?
            .map(|r| r.get(0)))
    }

    fn entity_by_name(&mut self, etype: &str, norm: &str) -> Result<Option<i64>> {
        Ok(self
            .one(
                "looking up a name",
                "(SELECT id FROM entities WHERE etype = $1 AND norm = $2)
                 UNION ALL
                 (SELECT a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
                  WHERE a.norm = $2 AND e.etype = $1 AND strpos(a.norm, ' ') > 0)
                 LIMIT 1",
                &[&etype, &norm],
            )?
            .map(|r| r.get(0)))
    }

    fn all_names(&mut self, limit: i64) -> Result<Option<Vec<(String, String, i64)>>> {
        let n: i64 = self
            .tx
            .query_one("SELECT COUNT(*) FROM entities", &[])
            .map_err(err("counting entities"))?
            .get(0);
        if n > limit {
            return Ok(None);
        }
        let rows = self
            .tx
            .query(
                "SELECT etype, norm, id FROM entities
                 UNION ALL
                 SELECT e.etype, a.norm, a.entity_id FROM aliases a JOIN entities e ON e.id = a.entity_id
                 WHERE strpos(a.norm, ' ') > 0",
                &[],
            )
            .map_err(err("loading names"))?;
        Ok(Some(
            rows.into_iter()
                .map(|r| (r.get(0), r.get(1), r.get(2)))
                .collect(),
        ))
    }

    fn entities_by_token_key(&mut self, etype: &str, key: &str) -> Result<Vec<Candidate>> {
        let st = self.prepared(
            "looking up similar names",
            "SELECT w.entity_id, w.alias_norm FROM alias_words w JOIN entities e ON e.id = w.entity_id
             WHERE w.wkey = $1 AND e.etype = $2 LIMIT 200",
        )?;
        Ok(self
            .tx
            .query(&st, &[&key, &etype])
            .map_err(err("looking up similar names"))?
            .into_iter()
            .map(|r| Candidate {
                id: r.get(0),
                alias_norm: r.get(1),
            })
            .collect())
    }

    fn cooccurs(&mut self, id: i64, others: &[i64]) -> Result<bool> {
        let others: Vec<i64> = others.iter().copied().filter(|&o| o != id).collect();
        if others.is_empty() {
            return Ok(false);
        }
        Ok(self
            .one(
                "checking shared context",
                "SELECT 1 FROM mentions m2 WHERE m2.entity_id = ANY($2)
                 AND m2.article_id IN (SELECT article_id FROM mentions WHERE entity_id = $1) LIMIT 1",
                &[&id, &others],
            )?
            .is_some())
    }

    fn insert_entity(&mut self, e: &NewEntity, norm: &str) -> Result<i64> {
        if let Some(r) = self.one(
            "inserting an entity",
            "INSERT INTO entities (etype, name, norm, kb_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT DO NOTHING RETURNING id",
            &[&e.etype, &e.name, &norm, &e.kb_id],
        )? {
            return Ok(r.get(0));
        }
        self.one(
            "finding an entity",
            "SELECT id FROM entities WHERE (etype = $1 AND norm = $2) OR kb_id = $3 LIMIT 1",
            &[&e.etype, &norm, &e.kb_id],
        )?
        .map(|r| r.get(0))
        .ok_or_else(|| StoreError::Other(format!("entity {:?} vanished", e.name)))
    }

    fn link_kb(&mut self, id: i64, kb: &str) -> Result<()> {
        // a KB id already on another entity stays there
        self.exec(
            "linking an entity to the KB",
            "UPDATE entities SET kb_id = $2 WHERE id = $1 AND kb_id IS NULL
             AND NOT EXISTS (SELECT 1 FROM entities WHERE kb_id = $2)",
            &[&id, &kb],
        )
        .map(|_| ())
    }

    fn add_alias(&mut self, id: i64, alias: &str, keys: &SpellingKeys) -> Result<()> {
        let norm = &keys.norm;
        self.exec(
            "inserting an alias",
            "INSERT INTO aliases (entity_id, norm, alias) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
            &[&id, norm, &alias],
        )?;
        for (t, key) in keys.words.iter().zip(&keys.word_keys) {
            self.exec(
                "inserting an alias",
                "INSERT INTO alias_words (wkey, word, entity_id, alias_norm) VALUES ($1, $2, $3, $4)
                 ON CONFLICT DO NOTHING",
                &[key, t, &id, norm],
            )?;
        }
        Ok(())
    }

    fn insert_mentions(&mut self, article: i64, rows: &[(Option<i64>, &NewMention)]) -> Result<()> {
        for (entity, m) in rows {
            let (s, e) = (m.start as i32, m.end as i32);
            self.exec(
                "inserting a mention",
                "INSERT INTO mentions (article_id, entity_id, start, \"end\", kind) VALUES ($1, $2, $3, $4, $5)",
                &[&article, entity, &s, &e, &m.kind],
            )?;
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
        let (s, e) = (q.start as i32, q.end as i32);
        let (said_on, date_basis) = q.said_on_or_published(a);
        let key = q.statement_key;
        self.exec(
            "inserting a quote",
            "WITH q AS (INSERT INTO quotes (article_id, speaker_id, speaker_name, resolution, kind, start, \"end\", text, cue, confidence, published, source,
                                 addressee_id, addressee_name, channel, time_text, said_on, date_basis)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id)
             INSERT INTO statement_keys (quote_id, skey) SELECT id, $19 FROM q WHERE $19::BIGINT IS NOT NULL",
            &[
                &article,
                &speaker,
                &q.speaker_name,
                &q.resolution,
                &q.kind,
                &s,
                &e,
                &q.text,
                &q.cue,
                &q.confidence,
                &a.published,
                &a.source_label(),
                &addressee,
                &q.addressee_name,
                &q.channel,
                &q.time_text,
                &said_on,
                &date_basis,
                &key,
            ],
        )
        .map(|_| ())
    }

    fn insert_copy_features(&mut self, rows: &[(i64, &CopyFeatures)]) -> Result<()> {
        let ids: Vec<i64> = rows.iter().map(|(a, _)| *a).collect();
        let blobs: Vec<&[u8]> = rows.iter().map(|(_, f)| f.profile.as_slice()).collect();
        self.exec(
            "storing copy profiles",
            "INSERT INTO copy_profiles (article_id, profile)
             SELECT * FROM unnest($1::BIGINT[], $2::BYTEA[])
             ON CONFLICT (article_id) DO UPDATE SET profile = EXCLUDED.profile",
            &[&ids, &blobs],
        )?;
        let mut pairs: Vec<(i64, i64)> = rows
            .iter()
            .flat_map(|(a, f)| f.bands.iter().map(move |&b| (b, *a)))
            .collect();
        pairs.sort_unstable();
        pairs.dedup();
        let (bands, articles): (Vec<i64>, Vec<i64>) = pairs.into_iter().unzip();
        // one statement a batch, in key order
        self.exec(
            "indexing copy bands",
            "INSERT INTO copy_bands (band, article_id)
             SELECT * FROM unnest($1::BIGINT[], $2::BIGINT[]) ON CONFLICT DO NOTHING",
            &[&bands, &articles],
        )
        .map(|_| ())
    }
}

impl CopyIndex for PgTx<'_, '_> {
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>> {
        if bands.is_empty() {
            return Ok(Vec::new());
        }
        let ctx = "finding copy candidates";
        // each key read through the primary key backwards, at most `per_key`
        // rows (the newest), so a key shared by a million articles costs what
        // a rare one does
        let st = self.prepared(
            ctx,
            "SELECT x.article_id FROM (SELECT DISTINCT unnest($1::BIGINT[]) AS band) k
             CROSS JOIN LATERAL (SELECT c.article_id FROM copy_bands c
                                 WHERE c.band = k.band AND c.article_id <> $2
                                 ORDER BY c.article_id DESC LIMIT $4) x
             GROUP BY x.article_id ORDER BY COUNT(*) DESC, x.article_id LIMIT $3",
        )?;
        let bands = bands.to_vec();
        Ok(self
            .tx
            .query(&st, &[&bands, &exclude, &(limit as i64), &(per_key as i64)])
            .map_err(err(ctx))?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>> {
        Ok(self
            .one(
                "reading a copy profile",
                "SELECT profile FROM copy_profiles WHERE article_id = $1",
                &[&article],
            )?
            .map(|r| r.get(0)))
    }

    fn origin_of(&mut self, article: i64) -> Result<Option<i64>> {
        Ok(self
            .one(
                "reading a copy link",
                "SELECT origin_id FROM copies WHERE article_id = $1",
                &[&article],
            )?
            .map(|r| r.get(0)))
    }

    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>> {
        let ctx = "reading copies";
        let st = self.prepared(
            ctx,
            "SELECT article_id FROM copies WHERE origin_id = $1 ORDER BY article_id",
        )?;
        Ok(self
            .tx
            .query(&st, &[&origin])
            .map_err(err(ctx))?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn statements(&mut self, article: i64) -> Result<Vec<StoredStatement>> {
        let ctx = "reading statements";
        let st = self.prepared(
            ctx,
            "SELECT id, start, \"end\", text, kind, speaker_id FROM quotes WHERE article_id = $1 ORDER BY id",
        )?;
        Ok(self
            .tx
            .query(&st, &[&article])
            .map_err(err(ctx))?
            .iter()
            .map(|r| StoredStatement {
                id: r.get(0),
                start: i64::from(r.get::<_, i32>(1)),
                end: i64::from(r.get::<_, i32>(2)),
                text: r.get(3),
                kind: r.get(4),
                speaker_id: r.get(5),
            })
            .collect())
    }

    fn set_copy(&mut self, l: &CopyLinkRow) -> Result<()> {
        self.exec(
            "storing a copy link",
            "INSERT INTO copies (article_id, origin_id, relation, similarity, evidence) VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (article_id) DO UPDATE SET origin_id = EXCLUDED.origin_id, relation = EXCLUDED.relation,
               similarity = EXCLUDED.similarity, evidence = EXCLUDED.evidence",
            &[&l.article, &l.origin, &l.relation, &l.similarity, &l.evidence],
        )
        .map(|_| ())
    }

    fn clear_copy(&mut self, article: i64) -> Result<()> {
        self.exec(
            "removing a copy link",
            "DELETE FROM copies WHERE article_id = $1",
            &[&article],
        )
        .map(|_| ())
    }

    fn publisher_record(&mut self, publisher: &str) -> Result<(i64, i64)> {
        Ok(self
            .one(
                "reading a publisher's record",
                "SELECT origins, copies FROM publisher_roles WHERE publisher = $1",
                &[&publisher],
            )?
            .map_or((0, 0), |r| (r.get(0), r.get(1))))
    }

    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<()> {
        let (o, c): (i64, i64) = if as_origin { (1, 0) } else { (0, 1) };
        self.exec(
            "counting a publisher's record",
            "INSERT INTO publisher_roles (publisher, origins, copies) VALUES ($1, $2, $3)
             ON CONFLICT (publisher) DO UPDATE SET origins = publisher_roles.origins + $2, copies = publisher_roles.copies + $3",
            &[&publisher, &o, &c],
        )
        .map(|_| ())
    }

    fn set_statement_links(&mut self, article: i64, links: &[StatementLinkRow]) -> Result<()> {
        let ctx = "storing statement links";
        self.exec(
            ctx,
            "DELETE FROM quote_origins WHERE quote_id IN (SELECT id FROM quotes WHERE article_id = $1)",
            &[&article],
        )?;
        for l in links {
            self.exec(
                ctx,
                "INSERT INTO quote_origins (quote_id, origin_quote_id, altered) VALUES ($1, $2, $3)
                 ON CONFLICT (quote_id) DO UPDATE SET origin_quote_id = EXCLUDED.origin_quote_id, altered = EXCLUDED.altered",
                &[&l.quote_id, &l.origin_quote_id, &l.altered],
            )?;
            if let Some(sp) = l.speaker_id {
                self.exec(
                    ctx,
                    "UPDATE quotes SET speaker_id = $2 WHERE id = $1",
                    &[&l.quote_id, &sp],
                )?;
            }
        }
        Ok(())
    }
}

pub(crate) const HIT_COLUMNS: &str = "q.id, q.article_id, a.doc_id, q.source, q.published, q.speaker_id,
     COALESCE(e.name, q.speaker_name), e.kb_id, q.resolution, q.kind, q.start, q.\"end\", q.text, q.cue, q.confidence,
     q.addressee_id, COALESCE((SELECT ae.name FROM entities ae WHERE ae.id = q.addressee_id), q.addressee_name),
     q.channel, q.time_text, q.said_on, q.date_basis,
     (SELECT origin_quote_id FROM quote_origins WHERE quote_id = q.id),
     (SELECT oa.doc_id FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id JOIN articles oa ON oa.id = oq.article_id WHERE o.quote_id = q.id),
     (SELECT oq.start FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id WHERE o.quote_id = q.id),
     (SELECT oq.\"end\" FROM quote_origins o JOIN quotes oq ON oq.id = o.origin_quote_id WHERE o.quote_id = q.id),
     (SELECT altered FROM quote_origins WHERE quote_id = q.id),
     GREATEST(1, (SELECT COUNT(DISTINCT COALESCE(c.origin_id, q2.article_id)) FROM statement_keys k1
        JOIN statement_keys k2 ON k2.skey = k1.skey JOIN quotes q2 ON q2.id = k2.quote_id
        LEFT JOIN copies c ON c.article_id = q2.article_id
        WHERE k1.quote_id = COALESCE((SELECT origin_quote_id FROM quote_origins WHERE quote_id = q.id), q.id)
          AND q2.speaker_id IS NOT DISTINCT FROM q.speaker_id))";

pub(crate) fn hit(r: &Row) -> QuoteHit {
    QuoteHit {
        quote_id: r.get(0),
        article_id: r.get(1),
        doc_id: r.get(2),
        source: r.get(3),
        published: r.get(4),
        speaker_id: r.get(5),
        speaker: r.get(6),
        kb_id: r.get(7),
        resolution: r.get(8),
        kind: r.get(9),
        start: i64::from(r.get::<_, i32>(10)),
        end: i64::from(r.get::<_, i32>(11)),
        text: r.get(12),
        cue: r.get(13),
        confidence: r.get(14),
        addressee_id: r.get(15),
        addressee: r.get(16),
        channel: r.get(17),
        time_text: r.get(18),
        said_on: r.get(19),
        date_basis: r.get(20),
        origin: match (r.get::<_, Option<i64>>(21), r.get::<_, Option<String>>(22)) {
            (Some(quote_id), Some(doc_id)) => Some(StatementOrigin {
                quote_id,
                doc_id,
                start: r.get::<_, Option<i32>>(23).map_or(0, i64::from),
                end: r.get::<_, Option<i32>>(24).map_or(0, i64::from),
            }),
            _ => None,
        },
        altered: r.get(25),
        independent_sources: r.get(26),
    }
}

impl Store for PgStore {
    fn ingest(&mut self, batch: &[NewArticle]) -> Result<IngestOutcome> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let r = (|| {
                let mut tx = self.client.transaction().map_err(err("starting a batch"))?;
                if self.linker.is_some() {
                    // copy detection reads what other writers stored: one
                    // writer at a time decides, so two copies ingested at once
                    // by two processes still find each other and agree on
                    // their origin (analysis, the costly part, stays parallel)
                    tx.execute(
                        "SELECT pg_advisory_xact_lock(hashtext('whosaid-copies'))",
                        &[],
                    )
                    .map_err(err("locking for copy detection"))?;
                }
                let out = backend::ingest_batch(
                    &mut PgTx {
                        tx: &mut tx,
                        stmts: &mut self.stmts,
                    },
                    &mut self.cache,
                    batch,
                    self.resolver.as_deref(),
                    self.linker.as_deref(),
                )?;
                tx.commit().map_err(err("committing a batch"))?;
                Ok(out)
            })();
            match r {
                Ok(out) => return Ok(out),
                Err(e) => {
                    self.cache.clear();
                    if attempt >= 8 || !retryable(&e) {
                        return Err(e);
                    }
                    std::thread::sleep(std::time::Duration::from_millis(20 * attempt));
                }
            }
        }
    }

    fn known_keys(&mut self, keys: &[String]) -> Result<Vec<String>> {
        let rows = self
            .client
            .query("SELECT key FROM articles WHERE key = ANY($1)", &[&keys])
            .map_err(err("looking up article keys"))?;
        Ok(rows.into_iter().map(|r| r.get(0)).collect())
    }

    fn record_error(&mut self, input: &str, message: &str) -> Result<()> {
        self.client
            .execute(
                "INSERT INTO ingest_errors (input, message) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                &[&input, &message],
            )
            .map(|_| ())
            .map_err(err("recording an ingest error"))
    }

    fn generation(&mut self) -> Result<String> {
        self.generation_token()
    }

    /// See `search` (pg_browse.rs) for the plans.
    fn quotes(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteHit>> {
        self.search(q)
    }

    fn speakers(&mut self, top: usize) -> Result<Vec<SpeakerRow>> {
        let rows = self
            .client
            .query(
                "SELECT e.id, e.name, e.etype, e.kb_id, s.n, s.arts, s.first, s.last,
                   (SELECT COUNT(*) FROM quotes c JOIN quote_origins o ON o.quote_id = c.id WHERE c.speaker_id = e.id) FROM
                   (SELECT speaker_id, COUNT(*) n, COUNT(DISTINCT article_id) arts, MIN(published) AS first, MAX(published) AS last
                    FROM quotes WHERE speaker_id IS NOT NULL GROUP BY speaker_id ORDER BY n DESC LIMIT $1) s
                 JOIN entities e ON e.id = s.speaker_id ORDER BY s.n DESC, e.name",
                &[&(top as i64)],
            )
            .map_err(err("listing speakers"))?;
        let mut out = Vec::new();
        for r in rows {
            let id: i64 = r.get(0);
            let aliases = self
                .client
                .query(
                    "SELECT alias FROM aliases WHERE entity_id = $1 ORDER BY alias",
                    &[&id],
                )
                .map_err(err("listing aliases"))?
                .into_iter()
                .map(|a| a.get(0))
                .collect();
            out.push(SpeakerRow {
                id,
                name: r.get(1),
                etype: r.get(2),
                kb_id: r.get(3),
                quotes: r.get(4),
                articles: r.get(5),
                first: r.get(6),
                last: r.get(7),
                aliases,
                copied: r.get(8),
            });
        }
        Ok(out)
    }

    fn article(&mut self, id: &str) -> Result<Option<ArticleRow>> {
        let sql = "SELECT id, doc_id, source, url, title, published, ingested_at, text, record FROM articles";
        let map = |r: Row| ArticleRow {
            id: r.get(0),
            doc_id: r.get(1),
            source: r.get(2),
            url: r.get(3),
            title: r.get(4),
            published: r.get(5),
            ingested_at: r.get(6),
            text: r.get(7),
            record: r.get(8),
        };
        if let Ok(n) = id.parse::<i64>() {
            if let Some(r) = self
                .client
                .query_opt(&format!("{sql} WHERE id = $1"), &[&n])
                .map_err(err("reading an article"))?
            {
                return Ok(Some(map(r)));
            }
        }
        Ok(self
            .client
            .query_opt(
                &format!("{sql} WHERE doc_id = $1 ORDER BY id LIMIT 1"),
                &[&id],
            )
            .map_err(err("reading an article"))?
            .map(map))
    }

    fn stats(&mut self) -> Result<Stats> {
        let r = self
            .client
            .query_one(
                "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM quotes),
                        (SELECT COUNT(DISTINCT speaker_id) FROM quotes), (SELECT COUNT(*) FROM entities),
                        (SELECT COUNT(*) FROM ingest_errors), (SELECT version FROM schema_version),
                        (SELECT COUNT(*) FROM copies), (SELECT COUNT(*) FROM quote_origins)",
                &[],
            )
            .map_err(err("counting"))?;
        Ok(Stats {
            articles: r.get(0),
            quotes: r.get(1),
            speakers: r.get(2),
            entities: r.get(3),
            errors: r.get(4),
            schema_version: r.get(5),
            copies: r.get(6),
            copied_quotes: r.get(7),
        })
    }

    fn errors(&mut self, limit: usize) -> Result<Vec<ErrorRow>> {
        Ok(self
            .client
            .query(
                "SELECT input, message FROM ingest_errors ORDER BY id LIMIT $1",
                &[&(limit as i64)],
            )
            .map_err(err("listing errors"))?
            .into_iter()
            .map(|r| ErrorRow {
                input: r.get(0),
                message: r.get(1),
            })
            .collect())
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
        use postgres::fallible_iterator::FallibleIterator;
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
             LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY q.id"
        );
        let mut it = self
            .client
            .query_raw(sql.as_str(), std::iter::empty::<i64>())
            .map_err(err("reading quotes"))?;
        while let Some(r) = it.next().map_err(err("reading quotes"))? {
            sink(&hit(&r)).map_err(StoreError::Other)?;
        }
        Ok(())
    }

    fn set_copy_linker(&mut self, linker: Option<std::sync::Arc<dyn CopyLinker>>) {
        self.linker = linker;
    }

    fn set_speaker_resolver(&mut self, resolver: Option<std::sync::Arc<dyn SpeakerResolver>>) {
        self.resolver = resolver;
    }

    fn statement_family(&mut self, quote_id: i64) -> Result<Vec<QuoteHit>> {
        let sql = format!(
            "WITH root AS (SELECT COALESCE((SELECT origin_quote_id FROM quote_origins WHERE quote_id = $1), id) id
                           FROM quotes WHERE id = $1),
             fam AS (SELECT id FROM root
                     UNION SELECT o.quote_id FROM quote_origins o, root WHERE o.origin_quote_id = root.id
                     UNION SELECT k2.quote_id FROM root JOIN statement_keys k1 ON k1.quote_id = root.id
                           JOIN statement_keys k2 ON k2.skey = k1.skey JOIN quotes q2 ON q2.id = k2.quote_id
                           WHERE q2.speaker_id IS NOT DISTINCT FROM (SELECT speaker_id FROM quotes WHERE id = root.id))
             SELECT {HIT_COLUMNS} FROM fam JOIN quotes q ON q.id = fam.id JOIN articles a ON a.id = q.article_id
             LEFT JOIN entities e ON e.id = q.speaker_id ORDER BY q.published IS NULL, q.published, q.id"
        );
        Ok(self
            .client
            .query(&sql, &[&quote_id])
            .map_err(err("tracing a statement"))?
            .iter()
            .map(hit)
            .collect())
    }

    fn for_each_copy_row(
        &mut self,
        sink: &mut dyn FnMut(&CopyRow) -> std::result::Result<(), String>,
    ) -> Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let sql = format!("SELECT {COPY_COLUMNS} {COPY_FROM} ORDER BY a.id");
        let mut it = self
            .client
            .query_raw(sql.as_str(), std::iter::empty::<i64>())
            .map_err(err("reading copies"))?;
        while let Some(r) = it.next().map_err(err("reading copies"))? {
            sink(&copy_row(&r)).map_err(StoreError::Other)?;
        }
        Ok(())
    }

    fn copy_rows(&mut self, article_id: i64) -> Result<(Option<CopyRow>, Vec<CopyRow>)> {
        let own = self
            .client
            .query_opt(
                &format!("SELECT {COPY_COLUMNS} {COPY_FROM} WHERE a.id = $1"),
                &[&article_id],
            )
            .map_err(err("reading copies"))?
            .map(|r| copy_row(&r));
        let copies = self
            .client
            .query(
                &format!("SELECT {COPY_COLUMNS} {COPY_FROM} WHERE c.origin_id = $1 ORDER BY a.id"),
                &[&article_id],
            )
            .map_err(err("reading copies"))?
            .iter()
            .map(copy_row)
            .collect();
        Ok((own, copies))
    }
}

/// The columns of a [`CopyRow`], over `articles a LEFT JOIN copies c LEFT JOIN articles oa`.
const COPY_COLUMNS: &str = "a.id, a.doc_id, a.published, COALESCE(a.publisher, a.source), c.origin_id, oa.doc_id, c.relation, c.similarity, c.evidence";
const COPY_FROM: &str = "FROM articles a LEFT JOIN copies c ON c.article_id = a.id LEFT JOIN articles oa ON oa.id = c.origin_id";

fn copy_row(r: &Row) -> CopyRow {
    CopyRow {
        article_id: r.get(0),
        doc_id: r.get(1),
        published: r.get(2),
        source: r.get(3),
        origin_id: r.get(4),
        origin_doc_id: r.get(5),
        relation: r.get(6),
        similarity: r.get(7),
        evidence: r.get(8),
    }
}

impl PgStore {
    pub(crate) fn speaker_ids(&mut self, name: &str) -> Result<Vec<i64>> {
        let client = &mut self.client;
        backend::speaker_ids(name, &mut |word, key| {
            Ok(client
                .query(
                    "SELECT entity_id, word FROM alias_words WHERE wkey = $2
                     UNION SELECT entity_id, word FROM alias_words WHERE word = $1",
                    &[&word, &key],
                )
                .map_err(err("looking up a speaker"))?
                .into_iter()
                .map(|r| (r.get(0), r.get(1)))
                .collect())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_parameter_is_ours() {
        let (b, s) = split_schema("postgres://u:p@h/db?schema=t1&sslmode=disable").unwrap();
        assert_eq!(b, "postgres://u:p@h/db?sslmode=disable");
        assert_eq!(s.as_deref(), Some("t1"));
        assert!(split_schema("postgres://h/db?schema=x;drop").is_err());
        assert_eq!(redact("postgres://u:secret@h/db"), "postgres://u@h/db");
    }
}
