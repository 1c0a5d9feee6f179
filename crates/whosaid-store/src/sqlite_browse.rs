//! SQLite's SQL for browsing (`browse.rs` holds the types and shared logic).

use crate::browse::{self, AliasCount, Beside, FacetCount, Facets, Overview, SpeakerDetail};
use crate::sqlite::{err, fts_query, hit, like_escape, SqliteStore, HIT_COLUMNS, RANK_WINDOW};
use crate::sqlite_doclist::{Doclist, DoclistCache};
use crate::{QuoteHit, QuoteQuery, Result, SpeakerRow};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

type Rows<T> = std::result::Result<Vec<T>, rusqlite::Error>;

/// A speaker name matching up to this many stored speakers reads each one's
/// newest quotes from the index and merges them; more are sorted together.
const MAX_MERGED_SPEAKERS: usize = 32;

/// Every quote's `said_on`, held in memory so that a word search with dates
/// tests each full-text match's date without reading anything for it (the way
/// a search engine keeps a filtered field as doc values): 4 bytes a quote, an
/// index into the distinct dates (a store has a few thousand). Quotes are only
/// ever appended (ids grow, rows are never rewritten or deleted), so the
/// column is brought up to date by reading the rows past the last id it holds.
/// One column serves every reader connection of a process ([`SaidOnShare`],
/// `whosaid_store::Readers`): reading it takes ~0.3 s on a million quotes,
/// which each connection's first date search used to wait for.
pub(crate) struct SaidOnColumn {
    /// The largest quote id read.
    upto: i64,
    /// By quote id: the index of its `said_on` in `values` (0: no such
    /// quote, 1: NULL).
    of_id: Vec<u32>,
    /// The distinct dates, `values[0]` and `values[1]` unused.
    values: Vec<String>,
    index: std::collections::HashMap<String, u32>,
}

impl SaidOnColumn {
    fn new() -> SaidOnColumn {
        SaidOnColumn {
            upto: 0,
            of_id: Vec::new(),
            values: vec![String::new(), String::new()],
            index: Default::default(),
        }
    }

    fn push(&mut self, id: i64, said_on: Option<String>) {
        let Ok(at) = usize::try_from(id) else {
            return;
        };
        let v = match said_on {
            None => 1,
            Some(d) => match self.index.get(&d) {
                Some(&v) => v,
                None => {
                    let v = self.values.len() as u32;
                    self.index.insert(d.clone(), v);
                    self.values.push(d);
                    v
                }
            },
        };
        if self.of_id.len() <= at {
            self.of_id.resize(at + 1, 0);
        }
        self.of_id[at] = v;
        self.upto = self.upto.max(id);
    }

    /// Which distinct dates pass `since` and `until`, exactly as the SQL
    /// filter (`filter_with`) tests them: `said_on >= substr(since, 1,
    /// length(said_on))` and `said_on <= until || U+10FFFF`, compared as
    /// bytes; NULL passes nothing.
    fn passing(&self, since: Option<&str>, until: Option<&str>) -> Vec<bool> {
        let until = until.map(|u| format!("{u}\u{10ffff}"));
        self.values
            .iter()
            .enumerate()
            .map(|(i, d)| {
                i >= 2
                    && since.is_none_or(|s| {
                        let n = d.chars().count();
                        let cut = s.char_indices().nth(n).map_or(s.len(), |(b, _)| b);
                        d.as_str() >= &s[..cut]
                    })
                    && until.as_deref().is_none_or(|u| d.as_str() <= u)
            })
            .collect()
    }
}

/// The [`SaidOnColumn`] the reader connections of one process share: brought
/// up to date under the write lock by whichever connection first sees newer
/// quotes, walked under the read lock. A connection whose read snapshot is
/// older than the column's newest quote simply never meets the quotes it does
/// not see.
#[derive(Clone)]
pub(crate) struct SaidOnShare(std::sync::Arc<std::sync::RwLock<SaidOnColumn>>);

impl Default for SaidOnShare {
    fn default() -> SaidOnShare {
        SaidOnShare(std::sync::Arc::new(std::sync::RwLock::new(
            SaidOnColumn::new(),
        )))
    }
}

impl SaidOnShare {
    // a panic while the column was held leaves it consistent (each push
    // completes or does nothing), so a poisoned lock is used as it is
    fn read(&self) -> std::sync::RwLockReadGuard<'_, SaidOnColumn> {
        self.0.read().unwrap_or_else(|e| e.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, SaidOnColumn> {
        self.0.write().unwrap_or_else(|e| e.into_inner())
    }

    /// The largest quote id the column holds (tests).
    #[cfg(test)]
    pub(crate) fn upto(&self) -> i64 {
        self.read().upto
    }
}

/// What the reader connections of one process share (`whosaid_store::Readers`):
/// the date column and the full-text matches of recent word searches with
/// dates.
#[derive(Clone, Default)]
pub(crate) struct ReadShare {
    pub said_on: SaidOnShare,
    pub doclists: DoclistCache,
}

/// The filters beside the words are a date range and nothing else.
fn only_dates(q: &QuoteQuery) -> bool {
    (q.since.is_some() || q.until.is_some())
        && q.speaker.is_none()
        && q.speaker_id.is_none()
        && q.kind.is_none()
        && q.to.is_none()
        && q.channel.is_none()
        && q.source.is_none()
}

impl SqliteStore {
    /// A quote search. Each plan first picks the ids of the page, then reads
    /// only those rows (`HIT_COLUMNS` cost subqueries per row: the origin, the
    /// independent sources). By which filter is the selective one (see
    /// ARCHITECTURE.md):
    /// - no words: ids from the indexes, newest first; a speaker name that
    ///   several stored speakers answer to reads each one's newest from the
    ///   `(speaker_id, published)` index and merges them;
    /// - words alone: the newest [`RANK_WINDOW`] matches, ranked by bm25;
    /// - words and a speaker: the speaker's newest [`RANK_WINDOW`] quotes that
    ///   say them (the `(speaker_id, published)` index), ranked in Rust;
    /// - words and other filters (dates, source, kind, ...): the newest
    ///   [`RANK_WINDOW`] matches that pass the filters (newest first from the
    ///   full-text index), ranked in Rust, so a common word is not ranked over
    ///   all its matches; with dates alone, the same matches found with each
    ///   one's date tested in memory ([`SaidOnColumn`], `words_in_said_on`)
    ///   instead of read from the table.
    ///
    /// Limits are written into the SQL, not bound: SQLite prepares a statement
    /// again whenever a bound `LIMIT` changes (the planner uses its value), so a
    /// bound one cost a fresh prepare on every search.
    pub(crate) fn search(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteHit>> {
        let ctx = "searching quotes";
        // pages after the first pick the ids before them too, then drop them
        let limit = (q.limit.max(1) + q.offset) as i64;
        let about = q.about.as_deref().map(fts_query).filter(|s| !s.is_empty());
        if about.is_none() && q.speaker_id.is_none() {
            if let Some(name) = &q.speaker {
                let ids = self.speaker_ids(name)?;
                if ids.len() <= MAX_MERGED_SPEAKERS {
                    let ids = self.newest_of_speakers(q, &ids, limit)?;
                    return self.hits_by_id(&ids[q.offset.min(ids.len())..]);
                }
            }
        }
        let Some((wh, args)) = self.filter_with(q, false)? else {
            return Ok(Vec::new());
        };
        let filtered = !args.is_empty();
        let by_speaker = q.speaker.is_some() || q.speaker_id.is_some();
        let ids: Vec<i64> = match about {
            None => self.ids(
                &format!(
                    "SELECT q.id FROM quotes q WHERE {wh}
                         ORDER BY q.published DESC, q.id DESC LIMIT {limit}"
                ),
                &args,
            )?,
            Some(f) if !filtered => {
                // the newest RANK_WINDOW matches, ranked: bounded work for common words
                let floor: i64 = self
                    .conn
                    .prepare_cached(&format!(
                        "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1
                         ORDER BY rowid DESC LIMIT 1 OFFSET {}",
                        RANK_WINDOW - 1
                    ))
                    .and_then(|mut st| st.query_row([&f], |r| r.get(0)).optional())
                    .map_err(err(ctx))?
                    .unwrap_or(0);
                self.ids(
                    &format!(
                        "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?
                         AND rowid >= ? ORDER BY rank, rowid DESC LIMIT {limit}"
                    ),
                    &[f.into(), floor.into()],
                )?
            }
            Some(f) => {
                let mut rows = if only_dates(q) {
                    self.words_in_said_on(q, &f)?
                } else {
                    self.words_filtered(&f, &wh, args, by_speaker)?
                };
                crate::backend::rank_by_words(
                    &mut rows,
                    |r| &r.1,
                    q.about.as_deref().unwrap_or(""),
                );
                rows.into_iter().take(limit as usize).map(|r| r.0).collect()
            }
        };
        self.hits_by_id(&ids[q.offset.min(ids.len())..])
    }

    /// Without words, the speakers a name matches (`ids`): each one's newest
    /// `limit` passing the other filters from the `(speaker_id, published)`
    /// index, merged newest first (one `IN` list would sort every quote of
    /// them all).
    fn newest_of_speakers(&mut self, q: &QuoteQuery, ids: &[i64], limit: i64) -> Result<Vec<i64>> {
        let ctx = "searching quotes by speaker";
        let mut one = q.clone();
        one.speaker = None;
        let mut rows: Vec<(Option<String>, i64)> = Vec::new();
        for &id in ids {
            one.speaker_id = Some(id);
            let Some((wh, args)) = self.filter_with(&one, false)? else {
                continue;
            };
            let mut st = self
                .conn
                .prepare_cached(&format!(
                    "SELECT q.published, q.id FROM quotes q WHERE {wh}
                     ORDER BY q.published DESC, q.id DESC LIMIT {limit}"
                ))
                .map_err(err(ctx))?;
            let r: Rows<(Option<String>, i64)> = st
                .query_map(params_from_iter(&args), |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect());
            rows.extend(r.map_err(err(ctx))?);
        }
        // SQLite's order: NULL sorts lowest, so DESC puts the undated last
        rows.sort_unstable_by(|a, b| b.cmp(a));
        rows.truncate(limit.max(0) as usize);
        Ok(rows.into_iter().map(|r| r.1).collect())
    }

    /// Words with other filters, the full-text index driving: the newest
    /// [`RANK_WINDOW`] matches that pass the filters, with their text.
    fn words_filtered(
        &mut self,
        f: &str,
        wh: &str,
        mut args: Vec<Value>,
        by_speaker: bool,
    ) -> Result<Vec<(i64, String)>> {
        let ctx = "searching quotes";
        let sql = if by_speaker {
            args.push(f.to_string().into());
            format!(
                "SELECT q.id, q.text FROM quotes q WHERE {wh}
                   AND q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)
                 ORDER BY q.published DESC, q.id DESC LIMIT {RANK_WINDOW}"
            )
        } else {
            // the full-text index drives (CROSS JOIN keeps it outside),
            // newest match first, until the window is full
            args.insert(0, f.to_string().into());
            format!(
                "SELECT q.id, q.text FROM quotes_fts f CROSS JOIN quotes q ON q.id = f.rowid
                 WHERE quotes_fts MATCH ? AND {wh} ORDER BY f.rowid DESC LIMIT {RANK_WINDOW}"
            )
        };
        let mut st = self.conn.prepare_cached(&sql).map_err(err(ctx))?;
        let rows: Rows<(i64, String)> = st
            .query_map(params_from_iter(&args), |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect());
        rows.map_err(err(ctx))
    }

    /// Reads the shared date column before any search needs it.
    pub(crate) fn warm_reader(&mut self) -> Result<()> {
        self.said_on_column().map(|_| ())
    }

    /// Brings the shared [`SaidOnColumn`] up to date with what this
    /// connection sees (reading it whole the first time, then only the quotes
    /// stored since); the newest quote id this connection sees.
    fn said_on_column(&mut self) -> Result<i64> {
        let ctx = "reading quote dates";
        let newest: i64 = self
            .conn
            .prepare_cached("SELECT COALESCE(MAX(id), 0) FROM quotes")
            .and_then(|mut st| st.query_row([], |r| r.get(0)))
            .map_err(err(ctx))?;
        let share = self.shared.said_on.clone();
        if share.read().upto >= newest {
            return Ok(newest);
        }
        let mut col = share.write();
        // another connection may have read them while this one waited
        if col.upto < newest {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT id, said_on FROM quotes INDEXED BY quotes_id_said_on WHERE id > ?1",
                )
                .map_err(err(ctx))?;
            let mut rows = st.query([col.upto]).map_err(err(ctx))?;
            while let Some(r) = rows.next().map_err(err(ctx))? {
                col.push(r.get(0).map_err(err(ctx))?, r.get(1).map_err(err(ctx))?);
            }
        }
        Ok(newest)
    }

    /// Every quote the full-text query `f` matches in this snapshot (whose
    /// newest quote id is `newest`), ascending: kept in the shared
    /// [`DoclistCache`], brought up to date with the matches past what it
    /// holds, or read whole from the index.
    fn doclist(&mut self, f: &str, newest: i64) -> Result<std::sync::Arc<Doclist>> {
        let ctx = "searching quotes by date";
        let cache = self.shared.doclists.clone();
        let held = cache.get(f);
        if let Some(d) = &held {
            if d.upto >= newest {
                return Ok(d.clone());
            }
        }
        let from = held.as_ref().map_or(0, |d| d.upto);
        let mut ids = held.map_or_else(Vec::new, |d| d.ids.clone());
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?1
                 AND rowid > ?2 AND rowid <= ?3 ORDER BY rowid",
            )
            .map_err(err(ctx))?;
        let mut rows = st
            .query(rusqlite::params![f, from, newest])
            .map_err(err(ctx))?;
        while let Some(r) = rows.next().map_err(err(ctx))? {
            ids.push(r.get(0).map_err(err(ctx))?);
        }
        let d = std::sync::Arc::new(Doclist { upto: newest, ids });
        cache.put(f, d.clone());
        Ok(d)
    }

    /// Words with a date range (and no other filter): the full-text matches
    /// newest first, each one's date tested in the shared [`SaidOnColumn`],
    /// until [`RANK_WINDOW`] pass; then only their texts are read. The same
    /// statements as `words_filtered` (the newest matches that pass), without
    /// reading anything from the table for a match that does not, and with
    /// the matches themselves walked in memory ([`DoclistCache`]) once the
    /// words have been searched before. A match the column lacks has its date
    /// read from the table (a safeguard: the column is brought up to this
    /// snapshot first).
    fn words_in_said_on(&mut self, q: &QuoteQuery, f: &str) -> Result<Vec<(i64, String)>> {
        let ctx = "searching quotes by date";
        // one snapshot for the column's refresh, the matches and the texts
        if !self.conn.is_autocommit() {
            return self.words_in_said_on_now(q, f);
        }
        self.conn.execute_batch("BEGIN").map_err(err(ctx))?;
        let r = self.words_in_said_on_now(q, f);
        let end = self
            .conn
            .execute_batch(if r.is_ok() { "COMMIT" } else { "ROLLBACK" })
            .map_err(err(ctx));
        let r = r?;
        end?;
        Ok(r)
    }

    fn words_in_said_on_now(&mut self, q: &QuoteQuery, f: &str) -> Result<Vec<(i64, String)>> {
        let newest = self.said_on_column()?;
        let matches = self.doclist(f, newest)?;
        let share = self.shared.said_on.clone();
        let col = share.read();
        let pass = col.passing(q.since.as_deref(), q.until.as_deref());
        let mut ids: Vec<i64> = Vec::new();
        let mut late: Vec<i64> = Vec::new();
        for &id in matches.seen_at(newest).iter().rev() {
            match usize::try_from(id).ok().and_then(|i| col.of_id.get(i)) {
                Some(&v) if v != 0 => {
                    if pass[v as usize] {
                        ids.push(id);
                    }
                }
                _ => {
                    // not in the column: tested below
                    late.push(id);
                    ids.push(id);
                }
            }
            if ids.len() as i64 >= RANK_WINDOW + late.len() as i64 {
                break;
            }
        }
        drop(col);
        if !late.is_empty() {
            let Some((wh, mut args)) = self.filter_with(q, false)? else {
                return Ok(Vec::new());
            };
            let list = format!(
                "[{}]",
                late.iter()
                    .map(i64::to_string)
                    .collect::<Vec<_>>()
                    .join(",")
            );
            args.push(list.into());
            let sql = format!(
                "SELECT q.id FROM quotes q WHERE {wh} AND q.id IN (SELECT value FROM json_each(?))"
            );
            let ok: std::collections::HashSet<i64> = self.ids(&sql, &args)?.into_iter().collect();
            let late: std::collections::HashSet<i64> = late.into_iter().collect();
            ids.retain(|i| !late.contains(i) || ok.contains(i));
            ids.truncate(RANK_WINDOW as usize);
        }
        self.texts_by_id(&ids)
    }

    /// `(id, text)` of these quotes, in this order.
    fn texts_by_id(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ctx = "reading quote texts";
        let list = format!(
            "[{}]",
            ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
        );
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT q.id, q.text FROM json_each(?1) j JOIN quotes q ON q.id = j.value",
            )
            .map_err(err(ctx))?;
        let r: Rows<(i64, String)> = st
            .query_map([list], |r| Ok((r.get(0)?, r.get(1)?)))
            .and_then(|it| it.collect());
        let mut by_id: std::collections::HashMap<i64, String> =
            r.map_err(err(ctx))?.into_iter().collect();
        Ok(ids
            .iter()
            .filter_map(|&i| by_id.remove(&i).map(|t| (i, t)))
            .collect())
    }

    pub(crate) fn generation_token(&mut self) -> Result<String> {
        self.conn
            .prepare_cached(
                "SELECT (SELECT MAX(id) FROM articles), (SELECT MAX(id) FROM ingest_errors)",
            )
            .and_then(|mut st| {
                st.query_row([], |r| {
                    Ok(format!(
                        "{}/{}",
                        r.get::<_, Option<i64>>(0)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(1)?.unwrap_or(0)
                    ))
                })
            })
            .map_err(err("reading the store's generation"))
    }

    fn ids(&mut self, sql: &str, args: &[Value]) -> Result<Vec<i64>> {
        let mut st = self
            .conn
            .prepare_cached(sql)
            .map_err(err("searching quotes"))?;
        let rows: Rows<i64> = st
            .query_map(params_from_iter(args), |r| r.get(0))
            .and_then(|it| it.collect());
        rows.map_err(err("searching quotes"))
    }

    /// The rows of these quotes, in this order. The id list is padded with
    /// NULLs (which match nothing) to a few sizes, so that few statements are
    /// prepared and cached.
    pub(crate) fn hits_by_id(&mut self, ids: &[i64]) -> Result<Vec<QuoteHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ctx = "reading quotes";
        let n = [8, 32, 128, 256]
            .into_iter()
            .find(|&b| b >= ids.len())
            .unwrap_or(ids.len());
        let mut args: Vec<Value> = ids.iter().map(|&i| i.into()).collect();
        args.resize(n, Value::Null);
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
             LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.id IN ({})",
            vec!["?"; n].join(",")
        );
        let mut st = self.conn.prepare_cached(&sql).map_err(err(ctx))?;
        let rows: Rows<QuoteHit> = st
            .query_map(params_from_iter(&args), hit)
            .and_then(|it| it.collect());
        let mut by_id: std::collections::HashMap<i64, QuoteHit> = rows
            .map_err(err(ctx))?
            .into_iter()
            .map(|h| (h.quote_id, h))
            .collect();
        Ok(ids.iter().filter_map(|i| by_id.remove(i)).collect())
    }

    /// The WHERE clause of a search over `quotes q` (no joins), or None when
    /// nothing can match (a speaker nobody is called).
    fn filter(&mut self, q: &QuoteQuery) -> Result<Option<(String, Vec<Value>)>> {
        self.filter_with(q, true)
    }

    /// As `filter`, the words left out unless `words`.
    fn filter_with(&mut self, q: &QuoteQuery, words: bool) -> Result<Option<(String, Vec<Value>)>> {
        let mut wh: Vec<String> = vec!["1 = 1".into()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(f) = q
            .about
            .as_deref()
            .map(fts_query)
            .filter(|s| words && !s.is_empty())
        {
            wh.push("q.id IN (SELECT rowid FROM quotes_fts WHERE quotes_fts MATCH ?)".into());
            args.push(f.into());
        }
        if let Some(name) = &q.speaker {
            let ids = self.speaker_ids(name)?;
            if ids.is_empty() {
                return Ok(None);
            }
            wh.push(format!(
                "q.speaker_id IN ({})",
                vec!["?"; ids.len()].join(",")
            ));
            args.extend(ids.into_iter().map(Into::into));
        }
        if let Some(id) = q.speaker_id {
            wh.push("q.speaker_id = ?".into());
            args.push(id.into());
        }
        if let Some(k) = &q.kind {
            wh.push("q.kind = ?".into());
            args.push(k.clone().into());
        }
        if let Some(s) = &q.since {
            // said_on may be a month or a year: it is on or after the date when its
            // prefix of the date is
            wh.push("q.said_on >= substr(?, 1, length(q.said_on))".into());
            args.push(s.clone().into());
        }
        if let Some(s) = &q.until {
            wh.push("q.said_on <= ?".into());
            args.push(format!("{s}\u{10ffff}").into());
        }
        if let Some(name) = q.to.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            // a stored addressee by any spelling, or the addressee's words ("reporters")
            let ids = self.speaker_ids(name)?;
            let mut alt = vec!["q.addressee_name LIKE ? ESCAPE '\\'".to_string()];
            args.push(format!("%{}%", like_escape(name)).into());
            if !ids.is_empty() {
                alt.push(format!(
                    "q.addressee_id IN ({})",
                    vec!["?"; ids.len()].join(",")
                ));
                args.extend(ids.into_iter().map(Into::into));
            }
            wh.push(format!("({})", alt.join(" OR ")));
        }
        if let Some(c) = &q.channel {
            wh.push("q.channel = ?".into());
            args.push(c.clone().into());
        }
        if let Some(s) = &q.source {
            wh.push("q.source LIKE ? ESCAPE '\\'".into());
            args.push(format!("%{}%", like_escape(s)).into());
        }
        Ok(Some((wh.join(" AND "), args)))
    }

    fn counts(&self, sql: &str, args: &[Value], ctx: &str) -> Result<Vec<FacetCount>> {
        let mut st = self.conn.prepare_cached(sql).map_err(err(ctx))?;
        let rows: Rows<FacetCount> = st
            .query_map(params_from_iter(args), |r| {
                Ok(FacetCount {
                    id: r.get(0)?,
                    value: r.get(1)?,
                    count: r.get(2)?,
                })
            })
            .and_then(|it| it.collect());
        rows.map_err(err(ctx))
    }

    pub(crate) fn facets(&mut self, q: &QuoteQuery, top: usize) -> Result<Facets> {
        let Some((wh, mut args)) = self.filter(q)? else {
            return Ok(Facets::default());
        };
        let ctx = "counting facets";
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT COUNT(*) FROM quotes q WHERE {wh}"))
            .and_then(|mut s| s.query_row(params_from_iter(&args), |r| r.get(0)))
            .map_err(err(ctx))?;
        args.push((top as i64).into());
        let speakers = self.counts(
            &format!(
                "SELECT q.speaker_id, COALESCE(e.name, q.speaker_name) n, COUNT(*) c
                 FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id
                 WHERE {wh} AND COALESCE(e.name, q.speaker_name) IS NOT NULL
                 GROUP BY q.speaker_id, n ORDER BY c DESC, n LIMIT ?"
            ),
            &args,
            ctx,
        )?;
        let sources = self.counts(
            &format!(
                "SELECT NULL, q.source, COUNT(*) c FROM quotes q WHERE {wh}
                 GROUP BY q.source ORDER BY c DESC, q.source LIMIT ?"
            ),
            &args,
            ctx,
        )?;
        let kinds = self.counts(
            &format!(
                "SELECT NULL, q.kind, COUNT(*) c FROM quotes q WHERE {wh}
                 GROUP BY q.kind ORDER BY c DESC, q.kind LIMIT ?"
            ),
            &args,
            ctx,
        )?;
        let addressees = self.counts(
            &format!(
                "SELECT q.addressee_id, COALESCE(e.name, q.addressee_name) n, COUNT(*) c
                 FROM quotes q LEFT JOIN entities e ON e.id = q.addressee_id
                 WHERE {wh} AND COALESCE(e.name, q.addressee_name) IS NOT NULL
                 GROUP BY q.addressee_id, n ORDER BY c DESC, n LIMIT ?"
            ),
            &args,
            ctx,
        )?;
        Ok(Facets {
            total,
            speakers,
            sources,
            kinds,
            addressees,
        })
    }

    /// Speaker rows for these ids, most quoted first.
    pub(crate) fn speaker_rows(&mut self, ids: &[i64], limit: usize) -> Result<Vec<SpeakerRow>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let ctx = "listing speakers";
        let marks = vec!["?"; ids.len()].join(",");
        let mut args: Vec<Value> = ids.iter().map(|&i| i.into()).collect();
        args.push((limit as i64).into());
        let mut st = self
            .conn
            .prepare(&format!(
                "SELECT e.id, e.name, e.etype, e.kb_id, COUNT(q.id) n, COUNT(DISTINCT q.article_id),
                        MIN(q.published), MAX(q.published), COUNT(o.quote_id)
                 FROM entities e LEFT JOIN quotes q ON q.speaker_id = e.id
                 LEFT JOIN quote_origins o ON o.quote_id = q.id
                 WHERE e.id IN ({marks}) GROUP BY e.id ORDER BY n DESC, e.name LIMIT ?"
            ))
            .map_err(err(ctx))?;
        let rows: Rows<SpeakerRow> = st
            .query_map(params_from_iter(args), |r| {
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
            .and_then(|it| it.collect());
        let mut rows = rows.map_err(err(ctx))?;
        let mut al = self
            .conn
            .prepare_cached("SELECT alias FROM aliases WHERE entity_id = ?1 ORDER BY alias")
            .map_err(err(ctx))?;
        for r in &mut rows {
            let a: Rows<String> = al
                .query_map([r.id], |x| x.get(0))
                .and_then(|it| it.collect());
            r.aliases = a.map_err(err(ctx))?;
        }
        Ok(rows)
    }

    pub(crate) fn speaker_detail(&mut self, id: i64) -> Result<Option<SpeakerDetail>> {
        let ctx = "reading a speaker";
        let Some(row) = self.speaker_rows(&[id], 1)?.pop() else {
            return Ok(None);
        };
        let by_name: Vec<(Option<String>, i64)> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT speaker_name, COUNT(*) FROM quotes WHERE speaker_id = ?1 GROUP BY speaker_name",
                )
                .map_err(err(ctx))?;
            let r: Rows<(Option<String>, i64)> = st
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        let aliases = row
            .aliases
            .iter()
            .map(|a| AliasCount {
                alias: a.clone(),
                quotes: by_name
                    .iter()
                    .filter(|(n, _)| n.as_deref() == Some(a.as_str()))
                    .map(|x| x.1)
                    .sum(),
                garbled: browse::is_garbled(a, &row.name),
            })
            .collect();
        let days: Vec<(String, i64)> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT substr(published, 1, 10) d, COUNT(*) FROM quotes
                     WHERE speaker_id = ?1 AND published IS NOT NULL GROUP BY d",
                )
                .map_err(err(ctx))?;
            let r: Rows<(String, i64)> = st
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        let beside: Vec<Beside> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT e.id, e.name, e.etype, COUNT(DISTINCT m.article_id) n
                     FROM mentions m JOIN entities e ON e.id = m.entity_id
                     WHERE m.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = ?1
                                            ORDER BY published DESC LIMIT ?2)
                       AND m.entity_id <> ?1
                     GROUP BY e.id ORDER BY n DESC, e.name LIMIT 10",
                )
                .map_err(err(ctx))?;
            let r: Rows<Beside> = st
                .query_map([id, browse::BESIDE_WINDOW], |r| {
                    Ok(Beside {
                        id: r.get(0)?,
                        name: r.get(1)?,
                        etype: r.get(2)?,
                        articles: r.get(3)?,
                    })
                })
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        Ok(Some(SpeakerDetail {
            row,
            aliases,
            weeks: browse::weeks(days),
            beside,
        }))
    }

    pub(crate) fn overview_counts(&mut self, top: usize) -> Result<Overview> {
        let ctx = "counting the overview";
        let types: Vec<(Option<String>, Option<String>, bool, i64)> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT e.etype, q.resolution, q.speaker_name IS NOT NULL, COUNT(*)
                     FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id GROUP BY 1, 2, 3",
                )
                .map_err(err(ctx))?;
            let r: Rows<_> = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        let months: Vec<(String, i64)> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT substr(published, 1, 7) m, COUNT(*) FROM quotes
                     WHERE published IS NOT NULL GROUP BY m ORDER BY m",
                )
                .map_err(err(ctx))?;
            let r: Rows<_> = st
                .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        let ids: Vec<i64> = {
            let mut st = self
                .conn
                .prepare_cached(
                    "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL
                     GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT ?1",
                )
                .map_err(err(ctx))?;
            let r: Rows<i64> = st
                .query_map([(top * 4) as i64], |r| r.get(0))
                .and_then(|it| it.collect());
            r.map_err(err(ctx))?
        };
        let rows = self.speaker_rows(&ids, ids.len())?;
        let (top_people, top_organizations) = browse::split_top(rows, top);
        let quotes = types.iter().map(|t| t.3).sum();
        let by_type = browse::sum_types(types.iter().map(|(e, r, named, n)| {
            (browse::speaker_type(e.as_deref(), r.as_deref(), *named), *n)
        }));
        Ok(Overview {
            quotes,
            by_type,
            months: months.into_iter().filter(|m| m.0.len() == 7).collect(),
            top_people,
            top_organizations,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store of quotes written directly: quote `i` says `words[i % 3]` (and
    /// "open" every other time), dated by `i` (some undated, some by month).
    fn store(n: i64) -> SqliteStore {
        let s = SqliteStore::open_in_memory().unwrap();
        s.conn
            .execute(
                "INSERT INTO articles (id, key, doc_id, source, text, record)
                 VALUES (1, 'k', 'a', 'a.txt', 'text', '{}')",
                [],
            )
            .unwrap();
        add_quotes(&s, 1..=n);
        s
    }

    fn add_quotes(s: &SqliteStore, ids: std::ops::RangeInclusive<i64>) {
        let words = ["door", "budget", "talks"];
        for i in ids {
            let text = format!(
                "“The {} is {} number {i},”",
                words[i as usize % 3],
                if i % 2 == 0 { "open" } else { "shut" }
            );
            let said_on = match i % 7 {
                0 => None,
                1 => Some(format!("20{:02}-0{}", 10 + i % 12, 1 + i % 9)),
                _ => Some(format!(
                    "20{:02}-0{}-1{}",
                    10 + (i * 5) % 12,
                    1 + i % 9,
                    i % 10
                )),
            };
            s.conn
                .execute(
                    "INSERT INTO quotes (id, article_id, kind, start, \"end\", text, confidence,
                                         source, said_on)
                     VALUES (?1, 1, 'direct', 0, 10, ?2, 0.9, 'a.txt', ?3)",
                    rusqlite::params![i, text, said_on],
                )
                .unwrap();
            s.conn
                .execute(
                    "INSERT INTO quotes_fts (rowid, text) VALUES (?1, ?2)",
                    rusqlite::params![i, text],
                )
                .unwrap();
        }
    }

    /// The date plan against the plan that reads every match's row.
    fn check_date_plan(s: &mut SqliteStore, round: &str) {
        for (about, since, until) in [
            ("door", Some("2012-01-01"), Some("2016-12-31")),
            ("open", None, Some("2014-06-30")),
            ("open", None, Some("2030-12-31")),
            ("talks open", Some("2019-03-15"), None),
            ("budget", Some("2030-01-01"), None),
            ("door", Some("2015-04-01"), Some("2016-05-31")),
            ("shut", Some("2013-04"), Some("2013-04")),
            ("budget", Some("2011"), Some("2011")),
        ] {
            let q = QuoteQuery {
                about: Some(about.into()),
                since: since.map(Into::into),
                until: until.map(Into::into),
                limit: 500,
                ..Default::default()
            };
            let f = fts_query(about);
            let (wh, args) = s.filter_with(&q, false).unwrap().unwrap();
            let ids = |rows: Vec<(i64, String)>| rows.into_iter().map(|r| r.0).collect::<Vec<_>>();
            let by_rows = ids(s.words_filtered(&f, &wh, args.clone(), false).unwrap());
            let in_memory = ids(s.words_in_said_on(&q, &f).unwrap());
            let what = format!("{round}: {about} {since:?} {until:?}");
            assert_eq!(by_rows.is_empty(), since == Some("2030-01-01"), "{what}");
            assert!(
                by_rows.windows(2).all(|w| w[0] > w[1]),
                "newest first: {what}"
            );
            assert!(by_rows.len() as i64 <= RANK_WINDOW, "{what}");
            assert_eq!(in_memory, by_rows, "{what}");
            // and the search returns those, ranked
            let mut got: Vec<i64> = s.search(&q).unwrap().iter().map(|h| h.quote_id).collect();
            got.sort_unstable_by(|a, b| b.cmp(a));
            assert_eq!(got, by_rows[..by_rows.len().min(500)], "{what}");
        }
    }

    #[test]
    fn the_date_plan_finds_the_same_newest_matches() {
        let mut s = store(5000);
        // "open" up to 2030: more matches pass than the window holds
        check_date_plan(&mut s, "first");
        assert_eq!(s.shared.said_on.upto(), 5000);
        // quotes stored since: the column is brought up to date
        add_quotes(&s, 5001..=5300);
        check_date_plan(&mut s, "after more quotes");
        assert_eq!(s.shared.said_on.upto(), 5300);
        // a column that misses quotes: their dates are read from the table
        s.shared.said_on.write().of_id.truncate(3000);
        check_date_plan(&mut s, "stale column");
    }

    #[test]
    fn the_date_plan_walks_kept_matches_as_its_snapshot_sees_them() {
        let mut s = store(3000);
        let q = QuoteQuery {
            about: Some("door".into()),
            since: Some("2012-01-01".into()),
            limit: 500,
            ..Default::default()
        };
        let f = fts_query("door");
        let first = s.words_in_said_on(&q, &f).unwrap();
        // the walk kept the word's matches, all of them, ascending
        let kept = s.shared.doclists.get(&f).expect("kept");
        assert_eq!(kept.upto, 3000);
        assert_eq!(kept.ids.len(), 1000);
        assert!(kept.ids.windows(2).all(|w| w[0] < w[1]));
        // a list another connection read at a newer snapshot: its matches
        // past this snapshot's newest quote are not this search's
        let mut ids = kept.ids.clone();
        ids.extend([3003, 3006]);
        s.shared
            .doclists
            .put(&f, std::sync::Arc::new(Doclist { upto: 3010, ids }));
        assert_eq!(s.words_in_said_on(&q, &f).unwrap(), first);
        // quotes stored since a list was kept are read past it, and found
        // (a fresh cache: one keeps the list read furthest)
        s.shared.doclists = DoclistCache::default();
        s.shared.doclists.put(
            &f,
            std::sync::Arc::new(Doclist {
                upto: 2000,
                ids: kept.ids.iter().copied().filter(|&i| i <= 2000).collect(),
            }),
        );
        add_quotes(&s, 3001..=3030);
        let after = s.words_in_said_on(&q, &f).unwrap();
        let (wh, args) = s.filter_with(&q, false).unwrap().unwrap();
        assert_eq!(after, s.words_filtered(&f, &wh, args, false).unwrap());
        assert_eq!(s.shared.doclists.get(&f).unwrap().upto, 3030);
        assert_eq!(s.shared.doclists.get(&f).unwrap().ids.len(), 1010);
    }

    #[test]
    fn dates_pass_as_the_sql_filter_says() {
        let mut c = SaidOnColumn::new();
        for (i, d) in [
            None,
            Some("2013"),
            Some("2013-04"),
            Some("2013-04-30"),
            Some("2013-05-01"),
        ]
        .into_iter()
        .enumerate()
        {
            c.push(i as i64 + 1, d.map(Into::into));
        }
        let passing = |since, until| {
            let p = c.passing(since, until);
            (1..=5)
                .filter(|&id| p[c.of_id[id] as usize])
                .collect::<Vec<_>>()
        };
        // a year or a month is on or after a day when its prefix of the day is
        assert_eq!(passing(Some("2013-04-15"), None), [2, 3, 4, 5]);
        assert_eq!(passing(Some("2013-05-01"), None), [2, 5]);
        assert_eq!(passing(None, Some("2013-04")), [2, 3, 4]);
        assert_eq!(passing(Some("2013-04-30"), Some("2013-04-30")), [2, 3, 4]);
        assert_eq!(passing(Some("2014"), None), Vec::<usize>::new());
        assert_eq!(passing(None, None), [2, 3, 4, 5]);
    }
}
