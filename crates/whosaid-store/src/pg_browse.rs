//! PostgreSQL's SQL for browsing (`browse.rs` holds the types and shared logic).

use crate::browse::{self, AliasCount, Beside, FacetCount, Facets, Overview, SpeakerDetail};
use crate::pg::{err, hit, PgStore, HIT_COLUMNS};
use crate::{QuoteHit, QuoteQuery, Result, SpeakerRow};
use postgres::types::ToSql;

pub(crate) type Args = Vec<Box<dyn ToSql + Sync>>;

fn refs(args: &Args) -> Vec<&(dyn ToSql + Sync)> {
    args.iter().map(|b| b.as_ref()).collect()
}

/// Matches ranked when words are searched: the newest this many, as on
/// SQLite (`ts_rank` over every match of a common word costs 100 ms and more
/// on a million quotes).
const RANK_WINDOW: i64 = 2000;

/// Word searches without a speaker look for the newest matches among the
/// newest this many quotes first, then in the span before, as wide as the
/// matches found so far say the rest of the window needs, until it is full or
/// the whole store has been searched.
const FIRST_SPAN: i64 = 65_536;

/// A speaker name matching up to this many stored speakers reads each one's
/// newest quotes from the index and merges them; more are sorted together.
const MAX_MERGED_SPEAKERS: usize = 32;

impl PgStore {
    /// A quote search. Each plan picks the ids of the page, then reads only
    /// those rows (`HIT_COLUMNS` cost subqueries per row):
    /// - no words: newest first (`published`, then id) from the indexes; a
    ///   name several stored speakers answer to reads each one's newest and
    ///   merges them;
    /// - words and a speaker: the speaker's newest [`RANK_WINDOW`] quotes
    ///   that say them, ranked by `ts_rank`;
    /// - words without a speaker: the newest [`RANK_WINDOW`] matches (by id,
    ///   which grows with storing) that pass the filters, ranked by
    ///   `ts_rank`. They are looked for among the newest [`FIRST_SPAN`]
    ///   quotes first, then in the span of ids before, as wide as the matches
    ///   found so far say the rest of the window needs, until it is full or
    ///   the store is searched whole (each row read once), with bitmap scans
    ///   only, so that the
    ///   full-text index and the id range are intersected before any row is
    ///   read (an index scan down the ids would read a row for every quote).
    pub(crate) fn search(&mut self, q: &QuoteQuery) -> Result<Vec<QuoteHit>> {
        let ctx = "searching quotes";
        let words = q.about.as_deref().is_some_and(|s| !s.trim().is_empty());
        if !words && q.speaker_id.is_none() {
            if let Some(name) = &q.speaker {
                // a name several stored speakers answer to: each one's newest
                // from the (speaker_id, published, id) index, merged (one
                // `= ANY` list would sort every quote of them all)
                let ids = self.speaker_ids(name)?;
                if ids.len() <= MAX_MERGED_SPEAKERS {
                    let want = (q.limit.max(1) + q.offset) as i64;
                    let mut one = q.clone();
                    one.speaker = None;
                    let mut rows: Vec<(Option<String>, i64)> = Vec::new();
                    for id in ids {
                        one.speaker_id = Some(id);
                        let Some((wh, mut args)) = self.filter(&one)? else {
                            continue;
                        };
                        args.push(Box::new(want));
                        let sql = format!(
                            "SELECT q.published, q.id FROM quotes q WHERE {wh}
                             ORDER BY q.published DESC NULLS LAST, q.id DESC LIMIT ${}",
                            args.len()
                        );
                        let found = self.client.query(&sql, &refs(&args)).map_err(err(ctx))?;
                        rows.extend(found.iter().map(|r| (r.get(0), r.get(1))));
                    }
                    // None sorts lowest: descending puts the undated last, as NULLS LAST
                    rows.sort_unstable_by(|a, b| b.cmp(a));
                    let ids: Vec<i64> = rows
                        .into_iter()
                        .skip(q.offset)
                        .take(q.limit.max(1))
                        .map(|r| r.1)
                        .collect();
                    return self.hits_by_id(&ids);
                }
            }
        }
        // the same WHERE clause as the facets; the words, when given, are $1
        let Some((wh, mut args)) = self.filter(q)? else {
            return Ok(Vec::new());
        };
        let about = q.about.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let by_speaker = q.speaker.is_some() || q.speaker_id.is_some();
        args.push(Box::new(q.limit.max(1) as i64));
        let lim = args.len();
        args.push(Box::new(q.offset as i64));
        let off = args.len();
        // the page in one query: newest first, or a speaker's newest ranked
        let one_query = if about.is_none() {
            Some(format!(
                "SELECT q.id FROM quotes q WHERE {wh}
                 ORDER BY q.published DESC NULLS LAST, q.id DESC LIMIT ${lim} OFFSET ${off}"
            ))
        } else if by_speaker {
            Some(format!(
                "SELECT w.id FROM (SELECT q.id, q.tsv, q.published FROM quotes q WHERE {wh}
                    ORDER BY q.published DESC NULLS LAST, q.id DESC LIMIT {RANK_WINDOW}) w
                 ORDER BY ts_rank(w.tsv, plainto_tsquery('english', $1)) DESC,
                          w.published DESC NULLS LAST, w.id DESC
                 LIMIT ${lim} OFFSET ${off}"
            ))
        } else {
            None
        };
        let ids: Vec<i64> = if let Some(sql) = one_query {
            self.client
                .query(&sql, &refs(&args))
                .map_err(err(ctx))?
                .iter()
                .map(|r| r.get(0))
                .collect()
        } else {
            let newest: i64 = self
                .client
                .query_one("SELECT COALESCE(MAX(id), 0) FROM quotes", &[])
                .map_err(err(ctx))?
                .get(0);
            // the page's bounds are not used here: the window is ranked below
            args.truncate(lim - 1);
            args.push(Box::new(0i64));
            let lo = args.len();
            args.push(Box::new(0i64));
            let hi = args.len();
            let sql = format!(
                "SELECT q.id, ts_rank(q.tsv, plainto_tsquery('english', $1)) FROM quotes q
                 WHERE {wh} AND q.id > ${lo} AND q.id <= ${hi}"
            );
            let mut found: Vec<(i64, f32)> = Vec::new();
            let (mut from, mut to) = ((newest - FIRST_SPAN).max(0), newest);
            let dated = q.since.is_some() || q.until.is_some();
            if dated {
                // dates: a range of a few years passes a few percent of the
                // store, so the spans would read most of the words' matches;
                // one query instead, where the full-text bitmap and the
                // `said_on` index's meet (BitmapAnd) before any row is read.
                // `said_on` is a year, a month or a day (4, 7 or 10
                // characters), so one that passes `since` (compared on its
                // own length) is never before `since`'s year: a bound the
                // index can use
                args.truncate(lo - 1);
                let mut wh = wh.clone();
                if let Some(s) = &q.since {
                    args.push(Box::new(s.chars().take(4).collect::<String>()));
                    wh.push_str(&format!(" AND q.said_on >= ${}", args.len()));
                }
                let sql = format!(
                    "SELECT w.id, ts_rank(w.tsv, plainto_tsquery('english', $1))
                     FROM (SELECT q.id, q.tsv FROM quotes q WHERE {wh}
                           ORDER BY q.id DESC LIMIT {RANK_WINDOW}) w"
                );
                // bitmap scans, not a walk down the primary key
                found = self.bitmap_ranked(&sql, &args)?;
            } else {
                loop {
                    args[lo - 1] = Box::new(from);
                    args[hi - 1] = Box::new(to);
                    // bitmap scans: the full-text index and the id range (BRIN,
                    // migration 6) meet before any row is read
                    found.extend(self.bitmap_ranked(&sql, &args)?);
                    if found.len() as i64 >= RANK_WINDOW || from == 0 {
                        break;
                    }
                    // the next span back: as wide as the density seen so far says
                    // the rest of the window needs (a quarter more); nothing seen:
                    // the rest of the store (a rare word's bitmap is small)
                    let seen = newest - from;
                    let step = if found.is_empty() {
                        from
                    } else {
                        let missing = (RANK_WINDOW - found.len() as i64) as f64;
                        (missing * seen as f64 / found.len() as f64 * 1.25) as i64
                    };
                    to = from;
                    from = (from - step.max(FIRST_SPAN)).max(0);
                }
            }
            // the newest RANK_WINDOW matches, best first (ties: newest first)
            found.sort_unstable_by_key(|r| std::cmp::Reverse(r.0));
            found.truncate(RANK_WINDOW as usize);
            found.sort_by(|a, b| b.1.total_cmp(&a.1).then(b.0.cmp(&a.0)));
            found
                .into_iter()
                .skip(q.offset)
                .take(q.limit.max(1))
                .map(|r| r.0)
                .collect()
        };
        self.hits_by_id(&ids)
    }

    /// `(id, rank)` rows of a ranking query run with index scans off, so that
    /// its conditions' bitmaps meet before any row is read.
    fn bitmap_ranked(&mut self, sql: &str, args: &Args) -> Result<Vec<(i64, f32)>> {
        let ctx = "searching quotes";
        let mut tx = self.client.transaction().map_err(err(ctx))?;
        tx.batch_execute("SET LOCAL enable_indexscan = off")
            .map_err(err(ctx))?;
        let rows = tx.query(sql, &refs(args)).map_err(err(ctx))?;
        tx.commit().map_err(err(ctx))?;
        Ok(rows
            .iter()
            .map(|r| (r.get::<_, i64>(0), r.get::<_, f32>(1)))
            .collect())
    }

    /// The rows of these quotes, in this order.
    fn hits_by_id(&mut self, ids: &[i64]) -> Result<Vec<QuoteHit>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {HIT_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
             LEFT JOIN entities e ON e.id = q.speaker_id WHERE q.id = ANY($1)"
        );
        let rows = self
            .client
            .query(&sql, &[&ids])
            .map_err(err("reading quotes"))?;
        let mut by_id: std::collections::HashMap<i64, QuoteHit> =
            rows.iter().map(hit).map(|h| (h.quote_id, h)).collect();
        Ok(ids.iter().filter_map(|i| by_id.remove(i)).collect())
    }

    /// The WHERE clause of a search over `quotes q` (no joins), or None when
    /// nothing can match (a speaker nobody is called). The words, when given,
    /// are its first argument.
    pub(crate) fn filter(&mut self, q: &QuoteQuery) -> Result<Option<(String, Args)>> {
        let mut wh: Vec<String> = vec!["TRUE".into()];
        let mut args: Args = Vec::new();
        let arg = |v: Box<dyn ToSql + Sync>, args: &mut Args| {
            args.push(v);
            format!("${}", args.len())
        };
        if let Some(words) = q.about.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            let p = arg(Box::new(words.to_string()), &mut args);
            wh.push(format!("q.tsv @@ plainto_tsquery('english', {p})"));
        }
        if let Some(name) = &q.speaker {
            let ids = self.speaker_ids(name)?;
            if ids.is_empty() {
                return Ok(None);
            }
            let p = arg(Box::new(ids), &mut args);
            wh.push(format!("q.speaker_id = ANY({p})"));
        }
        if let Some(id) = q.speaker_id {
            let p = arg(Box::new(id), &mut args);
            wh.push(format!("q.speaker_id = {p}"));
        }
        if let Some(k) = &q.kind {
            let p = arg(Box::new(k.clone()), &mut args);
            wh.push(format!("q.kind = {p}"));
        }
        if let Some(s) = &q.since {
            // said_on may be a month or a year: it is on or after the date when its
            // prefix of the date is
            let p = arg(Box::new(s.clone()), &mut args);
            wh.push(format!("q.said_on >= substr({p}, 1, length(q.said_on))"));
        }
        if let Some(s) = &q.until {
            let p = arg(Box::new(format!("{s}\u{10ffff}")), &mut args);
            wh.push(format!("q.said_on <= {p}"));
        }
        if let Some(name) = q.to.as_deref().map(str::trim).filter(|n| !n.is_empty()) {
            // a stored addressee by any spelling, or the addressee's words ("reporters")
            let ids = self.speaker_ids(name)?;
            let p = arg(
                Box::new(format!("%{}%", crate::sqlite::like_escape(name))),
                &mut args,
            );
            let mut alt = format!("q.addressee_name ILIKE {p}");
            if !ids.is_empty() {
                let p = arg(Box::new(ids), &mut args);
                alt.push_str(&format!(" OR q.addressee_id = ANY({p})"));
            }
            wh.push(format!("({alt})"));
        }
        if let Some(c) = &q.channel {
            let p = arg(Box::new(c.clone()), &mut args);
            wh.push(format!("q.channel = {p}"));
        }
        if let Some(s) = &q.source {
            let p = arg(
                Box::new(format!("%{}%", crate::sqlite::like_escape(s))),
                &mut args,
            );
            wh.push(format!("q.source ILIKE {p}"));
        }
        Ok(Some((wh.join(" AND "), args)))
    }

    pub(crate) fn generation_token(&mut self) -> Result<String> {
        // equal snapshots see the same committed data (a read-only query takes
        // no transaction id, so readers leave it unchanged)
        Ok(self
            .client
            .query_one("SELECT pg_current_snapshot()::text", &[])
            .map_err(err("reading the store's generation"))?
            .get(0))
    }

    fn counts(&mut self, sql: &str, args: &Args, ctx: &str) -> Result<Vec<FacetCount>> {
        Ok(self
            .client
            .query(sql, &refs(args))
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| FacetCount {
                id: r.get(0),
                value: r.get(1),
                count: r.get(2),
            })
            .collect())
    }

    pub(crate) fn facets(&mut self, q: &QuoteQuery, top: usize) -> Result<Facets> {
        let Some((wh, mut args)) = self.filter(q)? else {
            return Ok(Facets::default());
        };
        let ctx = "counting facets";
        let total: i64 = self
            .client
            .query_one(
                &format!("SELECT COUNT(*) FROM quotes q WHERE {wh}"),
                &refs(&args),
            )
            .map_err(err(ctx))?
            .get(0);
        args.push(Box::new(top as i64));
        let lim = format!("${}", args.len());
        let speakers = self.counts(
            &format!(
                "SELECT q.speaker_id, COALESCE(e.name, q.speaker_name) n, COUNT(*) c
                 FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id
                 WHERE {wh} AND COALESCE(e.name, q.speaker_name) IS NOT NULL
                 GROUP BY q.speaker_id, n ORDER BY c DESC, n LIMIT {lim}"
            ),
            &args,
            ctx,
        )?;
        let sources = self.counts(
            &format!(
                "SELECT NULL::BIGINT, q.source, COUNT(*) c FROM quotes q WHERE {wh}
                 GROUP BY q.source ORDER BY c DESC, q.source LIMIT {lim}"
            ),
            &args,
            ctx,
        )?;
        let kinds = self.counts(
            &format!(
                "SELECT NULL::BIGINT, q.kind, COUNT(*) c FROM quotes q WHERE {wh}
                 GROUP BY q.kind ORDER BY c DESC, q.kind LIMIT {lim}"
            ),
            &args,
            ctx,
        )?;
        let addressees = self.counts(
            &format!(
                "SELECT q.addressee_id, COALESCE(e.name, q.addressee_name) n, COUNT(*) c
                 FROM quotes q LEFT JOIN entities e ON e.id = q.addressee_id
                 WHERE {wh} AND COALESCE(e.name, q.addressee_name) IS NOT NULL
                 GROUP BY q.addressee_id, n ORDER BY c DESC, n LIMIT {lim}"
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
        let rows = self
            .client
            .query(
                "SELECT e.id, e.name, e.etype, e.kb_id, COUNT(q.id) n, COUNT(DISTINCT q.article_id),
                        MIN(q.published), MAX(q.published), COUNT(o.quote_id)
                 FROM entities e LEFT JOIN quotes q ON q.speaker_id = e.id
                 LEFT JOIN quote_origins o ON o.quote_id = q.id
                 WHERE e.id = ANY($1) GROUP BY e.id ORDER BY n DESC, e.name LIMIT $2",
                &[&ids, &(limit as i64)],
            )
            .map_err(err(ctx))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let id: i64 = r.get(0);
            let aliases = self
                .client
                .query(
                    "SELECT alias FROM aliases WHERE entity_id = $1 ORDER BY alias",
                    &[&id],
                )
                .map_err(err(ctx))?
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

    pub(crate) fn speaker_detail(&mut self, id: i64) -> Result<Option<SpeakerDetail>> {
        let ctx = "reading a speaker";
        let Some(row) = self.speaker_rows(&[id], 1)?.pop() else {
            return Ok(None);
        };
        let by_name: Vec<(Option<String>, i64)> = self
            .client
            .query(
                "SELECT speaker_name, COUNT(*) FROM quotes WHERE speaker_id = $1 GROUP BY speaker_name",
                &[&id],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
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
        let days: Vec<(String, i64)> = self
            .client
            .query(
                "SELECT substr(published, 1, 10) d, COUNT(*) FROM quotes
                 WHERE speaker_id = $1 AND published IS NOT NULL GROUP BY d",
                &[&id],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let beside = self
            .client
            .query(
                "SELECT e.id, e.name, e.etype, COUNT(DISTINCT m.article_id) n
                 FROM mentions m JOIN entities e ON e.id = m.entity_id
                 WHERE m.article_id IN (SELECT article_id FROM quotes WHERE speaker_id = $1
                                        ORDER BY published DESC NULLS LAST LIMIT $2)
                   AND m.entity_id <> $1
                 GROUP BY e.id, e.name, e.etype ORDER BY n DESC, e.name LIMIT 10",
                &[&id, &browse::BESIDE_WINDOW],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| Beside {
                id: r.get(0),
                name: r.get(1),
                etype: r.get(2),
                articles: r.get(3),
            })
            .collect();
        Ok(Some(SpeakerDetail {
            row,
            aliases,
            weeks: browse::weeks(days),
            beside,
        }))
    }

    pub(crate) fn overview_counts(&mut self, top: usize) -> Result<Overview> {
        let ctx = "counting the overview";
        let types: Vec<(Option<String>, Option<String>, bool, i64)> = self
            .client
            .query(
                "SELECT e.etype, q.resolution, q.speaker_name IS NOT NULL, COUNT(*)
                 FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_id GROUP BY 1, 2, 3",
                &[],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
            .collect();
        let months: Vec<(String, i64)> = self
            .client
            .query(
                "SELECT substr(published, 1, 7) m, COUNT(*) FROM quotes
                 WHERE published IS NOT NULL GROUP BY m ORDER BY m",
                &[],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| (r.get(0), r.get(1)))
            .collect();
        let ids: Vec<i64> = self
            .client
            .query(
                "SELECT speaker_id FROM quotes WHERE speaker_id IS NOT NULL
                 GROUP BY speaker_id ORDER BY COUNT(*) DESC LIMIT $1",
                &[&((top * 4) as i64)],
            )
            .map_err(err(ctx))?
            .into_iter()
            .map(|r| r.get(0))
            .collect();
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
