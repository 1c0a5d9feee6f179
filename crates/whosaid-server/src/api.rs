//! The JSON API under `/api/v1`. Each handler carries its OpenAPI path
//! (`#[utoipa::path]`) and is registered with `routes!`, which adds the route
//! and its description together.

use crate::problem::Problem;
use crate::Shared;
use axum::body::{Body, Bytes};
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use whosaid_core::Document;
use whosaid_store::{QuoteHit, QuoteQuery};

pub fn routes() -> OpenApiRouter<Shared> {
    OpenApiRouter::new()
        .routes(routes!(quotes))
        .routes(routes!(speakers))
        .routes(routes!(speaker))
        .routes(routes!(article))
        .routes(routes!(stats))
        .routes(routes!(export))
        .routes(routes!(analyze))
        .routes(routes!(ingest))
}

/// The most rows one page holds.
pub const MAX_LIMIT: usize = 200;
/// How deep pages go (offsets past this are refused: ask a narrower question).
pub const MAX_OFFSET: usize = 10_000;
/// The most rows one export holds.
pub const MAX_EXPORT: usize = 50_000;
/// The longest text a search parameter may hold.
const MAX_PARAM: usize = 500;

/// The filters of `whosaid quotes`, shared by `/quotes`, `/export` and the search page.
#[derive(Debug, Default, Clone, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct QuoteFilters {
    /// A speaker's name, alias or surname; garbled spellings match.
    pub speaker: Option<String>,
    /// A stored speaker's id (exact).
    pub speaker_id: Option<i64>,
    /// Words said (full-text, every word required). Ranked best first among the
    /// newest 2,000 matches that pass the other filters (with a speaker: that
    /// speaker's newest 2,000), so a common word costs the same as a rare one;
    /// rarer words are ranked over all their matches.
    pub about: Option<String>,
    /// Said on or after this date (YYYY-MM-DD): the date the text gives for the
    /// statement, else the publication date.
    pub since: Option<String>,
    /// Said on or before this date (YYYY-MM-DD), dated as for `since`.
    pub until: Option<String>,
    /// Said to this addressee: a stored one's name, alias or garbled spelling, or
    /// the addressee's words ("reporters").
    pub to: Option<String>,
    /// Made through this channel: `interview`, `statement`, `speech`, `rally`, `debate`,
    /// `press-conference`, `hearing`, `social-media`, `letter`, `email`, `broadcast`,
    /// `court-filing`, `report`, `other`.
    pub channel: Option<String>,
    /// Publisher, site or input contains this (case-insensitive).
    pub source: Option<String>,
    /// `direct`, `mixed` or `indirect`.
    pub kind: Option<String>,
}

fn text_param(name: &str, v: &Option<String>) -> Result<Option<String>, Problem> {
    let Some(v) = v.as_deref().map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    if v.chars().count() > MAX_PARAM {
        return Err(Problem::bad_request(format!(
            "{name}: longer than {MAX_PARAM} characters"
        )));
    }
    if v.chars().any(char::is_control) {
        return Err(Problem::bad_request(format!(
            "{name}: holds control characters"
        )));
    }
    Ok(Some(v.to_string()))
}

fn date_param(name: &str, v: &Option<String>) -> Result<Option<String>, Problem> {
    let v = text_param(name, v)?;
    if let Some(d) = &v {
        if whosaid_store::browse::days_of(d).is_none() || d.len() != 10 {
            return Err(Problem::bad_request(format!(
                "{name}: {d:?} is not a date like 2022-01-31"
            )));
        }
    }
    Ok(v)
}

impl QuoteFilters {
    /// The store query these filters ask, checked.
    pub fn query(&self) -> Result<QuoteQuery, Problem> {
        let kind = text_param("kind", &self.kind)?;
        if let Some(k) = &kind {
            if !["direct", "mixed", "indirect"].contains(&k.as_str()) {
                return Err(Problem::bad_request(format!(
                    "kind: {k:?} is not one of direct, mixed, indirect"
                )));
            }
        }
        let channel = text_param("channel", &self.channel)?;
        if let Some(c) = &channel {
            if whosaid_core::Channel::parse(c).is_none() {
                return Err(Problem::bad_request(format!(
                    "channel: {c:?} is not one of {}",
                    whosaid_core::Channel::ALL.map(|c| c.as_str()).join(", ")
                )));
            }
        }
        Ok(QuoteQuery {
            to: text_param("to", &self.to)?,
            channel,
            speaker: text_param("speaker", &self.speaker)?,
            speaker_id: self.speaker_id,
            about: text_param("about", &self.about)?,
            since: date_param("since", &self.since)?,
            until: date_param("until", &self.until)?,
            source: text_param("source", &self.source)?,
            kind,
            limit: 20,
            offset: 0,
        })
    }
}

/// Where a page starts: an opaque cursor from a previous page's `next_cursor`.
pub fn decode_cursor(c: &Option<String>) -> Result<usize, Problem> {
    let Some(c) = c.as_deref().filter(|c| !c.is_empty()) else {
        return Ok(0);
    };
    c.strip_prefix('o')
        .and_then(|n| n.parse::<usize>().ok())
        .filter(|&n| n <= MAX_OFFSET)
        .ok_or_else(|| {
            Problem::bad_request(format!(
                "cursor: {c:?} is not a cursor this server gave (or pages past {MAX_OFFSET})"
            ))
        })
}

pub fn encode_cursor(offset: usize) -> String {
    format!("o{offset}")
}

pub fn query_or_400<T>(q: Result<Query<T>, QueryRejection>) -> Result<T, Problem> {
    q.map(|Query(t)| t)
        .map_err(|e| Problem::bad_request(e.body_text()))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PageParams {
    /// Rows per page (1 to 200; default 20).
    pub limit: Option<usize>,
    /// The `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// Facet counts over the whole result (default: off; they cost a pass over
    /// every match, ~50 ms for a common word on a million quotes).
    pub facets: Option<bool>,
}

/// One stored statement.
#[derive(Debug, Serialize, ToSchema)]
pub struct Quote {
    pub quote_id: i64,
    pub article_id: i64,
    /// The id the article had in its input.
    pub doc_id: String,
    /// Publisher, site or input.
    pub source: String,
    pub published: Option<String>,
    pub speaker_id: Option<i64>,
    pub speaker: Option<String>,
    pub kb_id: Option<String>,
    /// How the speaker was resolved: named, fuzzy, pronoun, role, group, carried, unresolved.
    pub resolution: Option<String>,
    /// direct, mixed or indirect.
    pub kind: String,
    /// Code point offset into the article text.
    pub start: i64,
    /// Code point offset, exclusive.
    pub end: i64,
    pub text: String,
    pub cue: Option<String>,
    pub confidence: f64,
    /// Whom it was said to: the stored entity's name, else the article's words.
    pub addressee: Option<String>,
    pub addressee_id: Option<i64>,
    /// How it was made (`interview`, `statement`, ...).
    pub channel: Option<String>,
    /// The time the text gives for it ("on Wednesday").
    pub time_text: Option<String>,
    /// The best date of the statement: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub said_on: Option<String>,
    /// `text` or `published`: where `said_on` came from.
    pub date_basis: Option<String>,
}

impl From<QuoteHit> for Quote {
    fn from(h: QuoteHit) -> Quote {
        Quote {
            quote_id: h.quote_id,
            article_id: h.article_id,
            doc_id: h.doc_id,
            source: h.source,
            published: h.published,
            speaker_id: h.speaker_id,
            speaker: h.speaker,
            kb_id: h.kb_id,
            resolution: h.resolution,
            kind: h.kind,
            start: h.start,
            end: h.end,
            text: h.text,
            cue: h.cue,
            confidence: h.confidence,
            addressee: h.addressee,
            addressee_id: h.addressee_id,
            channel: h.channel,
            time_text: h.time_text,
            said_on: h.said_on,
            date_basis: h.date_basis,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    /// The stored speaker's id (speaker facet).
    pub id: Option<i64>,
    pub count: i64,
}

/// Counts over the whole result.
#[derive(Debug, Serialize, ToSchema)]
pub struct Facets {
    pub total: i64,
    pub speakers: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    pub kinds: Vec<FacetCount>,
    /// To whom: the addressees (`id` is a stored entity's).
    pub addressees: Vec<FacetCount>,
}

impl From<whosaid_store::Facets> for Facets {
    fn from(f: whosaid_store::Facets) -> Facets {
        let c = |v: Vec<whosaid_store::FacetCount>| {
            v.into_iter()
                .map(|x| FacetCount {
                    value: x.value,
                    id: x.id,
                    count: x.count,
                })
                .collect()
        };
        Facets {
            total: f.total,
            speakers: c(f.speakers),
            sources: c(f.sources),
            kinds: c(f.kinds),
            addressees: c(f.addressees),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct QuotePage {
    pub items: Vec<Quote>,
    /// Pass as `cursor` for the next page; null on the last.
    pub next_cursor: Option<String>,
    /// Counts over the whole result (with `facets=true`).
    pub facets: Option<Facets>,
}

/// A page of a quote search, and its facets when asked.
pub async fn search(
    s: &Shared,
    mut q: QuoteQuery,
    limit: usize,
    offset: usize,
    with_facets: bool,
) -> Result<(Vec<QuoteHit>, Option<String>, Option<whosaid_store::Facets>), Problem> {
    q.limit = limit + 1;
    q.offset = offset;
    s.pool
        .run(move |st| {
            let mut hits = st.quotes(&q)?;
            let next = (hits.len() > limit && offset + limit <= MAX_OFFSET)
                .then(|| encode_cursor(offset + limit));
            hits.truncate(limit);
            let facets = if with_facets {
                Some(st.quote_facets(&q, 10)?)
            } else {
                None
            };
            Ok((hits, next, facets))
        })
        .await
}

fn limit_param(l: Option<usize>, default: usize) -> Result<usize, Problem> {
    match l.unwrap_or(default) {
        n @ 1..=MAX_LIMIT => Ok(n),
        n => Err(Problem::bad_request(format!(
            "limit: {n} is not between 1 and {MAX_LIMIT}"
        ))),
    }
}

/// Search statements.
#[utoipa::path(get, path = "/api/v1/quotes", tag = "record",
    params(QuoteFilters, PageParams),
    responses(
        (status = 200, description = "A page of statements: with words, the best of the newest 2,000 matches first; without, newest first", body = QuotePage),
        (status = 400, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
async fn quotes(
    State(s): State<Shared>,
    f: Result<Query<QuoteFilters>, QueryRejection>,
    p: Result<Query<PageParams>, QueryRejection>,
) -> Result<Json<QuotePage>, Problem> {
    let q = query_or_400(f)?.query()?;
    let p = query_or_400(p)?;
    let limit = limit_param(p.limit, 20)?;
    let offset = decode_cursor(&p.cursor)?;
    let facets = p.facets.unwrap_or(false);
    let (hits, next, facets) = search(&s, q, limit, offset, facets).await?;
    Ok(Json(QuotePage {
        items: hits.into_iter().map(Quote::from).collect(),
        next_cursor: next,
        facets: facets.map(Facets::from),
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SpeakerParams {
    /// A name to look for (garbled spellings match); without it, the most quoted.
    pub q: Option<String>,
    /// How many (1 to 200; default 20).
    pub limit: Option<usize>,
}

/// A stored speaker.
#[derive(Debug, Serialize, ToSchema)]
pub struct Speaker {
    pub id: i64,
    pub name: String,
    /// person, organization, ...
    #[serde(rename = "type")]
    pub etype: String,
    pub kb_id: Option<String>,
    pub quotes: i64,
    pub articles: i64,
    pub first: Option<String>,
    pub last: Option<String>,
    pub aliases: Vec<String>,
}

impl From<whosaid_store::SpeakerRow> for Speaker {
    fn from(r: whosaid_store::SpeakerRow) -> Speaker {
        Speaker {
            id: r.id,
            name: r.name,
            etype: r.etype,
            kb_id: r.kb_id,
            quotes: r.quotes,
            articles: r.articles,
            first: r.first,
            last: r.last,
            aliases: r.aliases,
        }
    }
}

/// The most quoted speakers, or those a name matches.
#[utoipa::path(get, path = "/api/v1/speakers", tag = "record",
    params(SpeakerParams),
    responses(
        (status = 200, description = "Speakers, most quoted first", body = Vec<Speaker>),
        (status = 400, description = "A parameter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
async fn speakers(
    State(s): State<Shared>,
    p: Result<Query<SpeakerParams>, QueryRejection>,
) -> Result<Json<Vec<Speaker>>, Problem> {
    let p = query_or_400(p)?;
    let limit = limit_param(p.limit, 20)?;
    let name = text_param("q", &p.q)?;
    let rows = s
        .pool
        .run(move |st| match &name {
            Some(n) => st.find_speakers(n, limit),
            None => st.speakers(limit),
        })
        .await?;
    Ok(Json(rows.into_iter().map(Speaker::from).collect()))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Alias {
    pub alias: String,
    /// Statements attributed under this spelling.
    pub quotes: i64,
    /// A garbled spelling of the canonical name.
    pub garbled: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Week {
    /// The Monday opening the week.
    pub week: String,
    pub quotes: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Beside {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
    /// Articles naming both, among the speaker's latest 500 statements' articles.
    pub articles: i64,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SpeakerDetail {
    #[serde(flatten)]
    pub speaker: Speaker,
    pub spellings: Vec<Alias>,
    pub weeks: Vec<Week>,
    pub beside: Vec<Beside>,
}

pub fn id_param(what: &str, id: &str) -> Result<i64, Problem> {
    id.parse::<i64>()
        .map_err(|_| Problem::bad_request(format!("{what} id: {id:?} is not a number")))
}

/// One speaker: spellings, statements per week, who is named beside them.
#[utoipa::path(get, path = "/api/v1/speakers/{id}", tag = "record",
    params(("id" = i64, Path, description = "The stored speaker's id")),
    responses(
        (status = 200, description = "The speaker", body = SpeakerDetail),
        (status = 400, description = "The id is not a number", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such speaker", body = Problem, content_type = "application/problem+json"),
    ))]
async fn speaker(
    State(s): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<SpeakerDetail>, Problem> {
    let id = id_param("speaker", &id)?;
    let cache = s.cache.clone();
    let d = s
        .pool
        .run(move |st| cache.speaker(st, id))
        .await?
        .ok_or_else(|| Problem::not_found(format!("no speaker {id}")))?;
    Ok(Json(SpeakerDetail {
        speaker: d.row.into(),
        spellings: d
            .aliases
            .into_iter()
            .map(|a| Alias {
                alias: a.alias,
                quotes: a.quotes,
                garbled: a.garbled,
            })
            .collect(),
        weeks: d
            .weeks
            .into_iter()
            .map(|(week, quotes)| Week { week, quotes })
            .collect(),
        beside: d
            .beside
            .into_iter()
            .map(|b| Beside {
                id: b.id,
                name: b.name,
                etype: b.etype,
                articles: b.articles,
            })
            .collect(),
    }))
}

/// The stored record of an article (the JSON output contract) and where it came from.
pub fn article_json(row: whosaid_store::ArticleRow) -> Result<serde_json::Value, Problem> {
    let mut rec: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&row.record)
        .map_err(|e| Problem::internal(&format!("article {}: stored record: {e}", row.id)))?;
    rec.insert("text".into(), row.text.into());
    rec.insert(
        "store".into(),
        serde_json::json!({"article_id": row.id, "source": row.source, "url": row.url,
            "title": row.title, "published": row.published, "ingested_at": row.ingested_at}),
    );
    Ok(serde_json::Value::Object(rec))
}

/// An article: the JSON output contract as stored, plus `store` (where it came from).
#[utoipa::path(get, path = "/api/v1/articles/{id}", tag = "record",
    params(("id" = String, Path, description = "The store id, or the id the article had in its input")),
    responses(
        (status = 200, description = "The record: id, meta, text, boilerplate, entities, quotes, events, store", body = Object),
        (status = 404, description = "No such article", body = Problem, content_type = "application/problem+json"),
    ))]
async fn article(
    State(s): State<Shared>,
    Path(id): Path<String>,
) -> Result<Json<serde_json::Value>, Problem> {
    let key = text_param("id", &Some(id.clone()))?.unwrap_or_default();
    let row = s
        .pool
        .run(move |st| st.article(&key))
        .await?
        .ok_or_else(|| Problem::not_found(format!("no article {id:?}")))?;
    Ok(Json(article_json(row)?))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Stats {
    pub articles: i64,
    pub quotes: i64,
    pub speakers: i64,
    pub entities: i64,
    pub errors: i64,
    pub schema_version: i64,
}

/// What the store holds.
#[utoipa::path(get, path = "/api/v1/stats", tag = "record",
    responses((status = 200, description = "Counts", body = Stats)))]
async fn stats(State(s): State<Shared>) -> Result<Json<Stats>, Problem> {
    let cache = s.cache.clone();
    let t = s.pool.run(move |st| cache.stats(st)).await?;
    Ok(Json(Stats {
        articles: t.articles,
        quotes: t.quotes,
        speakers: t.speakers,
        entities: t.entities,
        errors: t.errors,
        schema_version: t.schema_version,
    }))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ExportParams {
    /// `csv` or `jsonl`.
    pub format: String,
    /// At most this many rows (default and most: 50,000).
    pub limit: Option<usize>,
}

/// A quote search as CSV or JSON Lines, streamed.
#[utoipa::path(get, path = "/api/v1/export", tag = "record",
    params(QuoteFilters, ExportParams),
    responses(
        (status = 200, description = "CSV (a header, then one statement a line) or JSON Lines", content(
            (String = "text/csv"), (String = "application/x-ndjson"))),
        (status = 400, description = "A filter or the format is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
async fn export(
    State(s): State<Shared>,
    f: Result<Query<QuoteFilters>, QueryRejection>,
    p: Result<Query<ExportParams>, QueryRejection>,
) -> Result<Response, Problem> {
    let mut q = query_or_400(f)?.query()?;
    let p = query_or_400(p)?;
    let csv = match p.format.as_str() {
        "csv" => true,
        "jsonl" => false,
        f => {
            return Err(Problem::bad_request(format!(
                "format: {f:?} is not csv or jsonl"
            )))
        }
    };
    q.limit = match p.limit.unwrap_or(MAX_EXPORT) {
        n @ 1..=MAX_EXPORT => n,
        n => {
            return Err(Problem::bad_request(format!(
                "limit: {n} is not between 1 and {MAX_EXPORT}"
            )))
        }
    };
    let hits = s.pool.run(move |st| st.quotes(&q)).await?;
    // serialise in chunks as the client reads: a large export is not one string
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Bytes, std::io::Error>>(4);
    tokio::task::spawn_blocking(move || {
        let mut buf = String::new();
        if csv {
            buf.push_str(&whosaid_store::export::csv_header());
            buf.push('\n');
        }
        for h in &hits {
            if csv {
                buf.push_str(&whosaid_store::export::csv_row(h));
            } else {
                buf.push_str(&whosaid_store::export::quote_json(h).to_string());
            }
            buf.push('\n');
            if buf.len() > 64 << 10
                && tx
                    .blocking_send(Ok(Bytes::from(std::mem::take(&mut buf))))
                    .is_err()
            {
                return;
            }
        }
        let _ = tx.blocking_send(Ok(Bytes::from(buf)));
    });
    let stream =
        futures_util::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|x| (x, rx)) });
    let (ct, name) = if csv {
        ("text/csv; charset=utf-8", "quotes.csv")
    } else {
        ("application/x-ndjson", "quotes.jsonl")
    };
    Ok((
        [
            (header::CONTENT_TYPE, ct.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from_stream(stream),
    )
        .into_response())
}

/// What to analyse or store, as JSON: one JSON Lines record
/// (`{"id", "text"}` or `{"id", "html", "url"}`), or `{"url"}` alone to fetch (ingest only).
#[derive(Debug, Deserialize, ToSchema)]
pub struct ArticleInput {
    /// Read by `whosaid_extract::parse_jsonl_line`, which parses the record; this type describes it.
    #[allow(dead_code)]
    #[schema(value_type = Option<String>)]
    pub id: Option<serde_json::Value>,
    pub text: Option<String>,
    pub html: Option<String>,
    pub url: Option<String>,
}

fn content_type(h: &HeaderMap) -> String {
    h.get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// One document from a request body: `text/plain`, `text/html`, or JSON (one
/// JSON Lines record). A JSON `{"url"}` without text or HTML gives `Ok(None)`.
fn document_from(ct: &str, body: &Bytes) -> Result<Option<Document>, Problem> {
    let opts = whosaid_extract::SourceOptions {
        max_doc_bytes: body.len().max(1),
    };
    let bad = |e: whosaid_extract::SourceError| Problem::bad_request(e.to_string());
    match ct {
        "text/plain" | "" => {
            let t = whosaid_extract::decode_text(body.to_vec(), "body", &opts).map_err(bad)?;
            Ok(Some(Document::new("body", t)))
        }
        "text/html" => whosaid_extract::web::page_from_bytes(body, "body", "body".into(), &opts)
            .map(Some)
            .map_err(bad),
        "application/json" => {
            let v: ArticleInput = serde_json::from_slice(body)
                .map_err(|e| Problem::bad_request(format!("body: not an article object: {e}")))?;
            if v.text.is_none() && v.html.is_none() {
                if v.url.is_some() {
                    return Ok(None);
                }
                return Err(Problem::bad_request("body: needs \"text\", \"html\" or \"url\""));
            }
            whosaid_extract::parse_jsonl_line(body, "body", 1, &opts)
                .map(Some)
                .map_err(bad)
        }
        other => Err(Problem::new(
            415,
            "Unsupported media type",
            format!("{other}: send text/plain, text/html, application/json or (ingest) application/x-ndjson"),
        )),
    }
}

/// Analyse one article: the JSON output contract back, nothing stored.
#[utoipa::path(post, path = "/api/v1/analyze", tag = "analysis",
    request_body(description = "text/plain (the article), text/html (a page) or application/json (`{\"id\", \"text\"}` or `{\"id\", \"html\", \"url\"}`)", content(
        (String = "text/plain"), (String = "text/html"), (ArticleInput = "application/json"))),
    responses(
        (status = 200, description = "The JSON output contract (code point offsets)", body = Object),
        (status = 400, description = "The body is empty, not UTF-8 or not an article", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Another content type", body = Problem, content_type = "application/problem+json"),
    ))]
async fn analyze(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<serde_json::Value>, Problem> {
    let mut doc = document_from(&content_type(&headers), &body)?.ok_or_else(|| {
        Problem::bad_request("analyze does not fetch URLs: send the text or HTML")
    })?;
    let s2 = s.clone();
    let v = tokio::task::spawn_blocking(move || {
        s2.analyzer.analyze(&mut doc);
        whosaid_pipeline::contract::to_json(&doc)
    })
    .await
    .map_err(|_| Problem::internal("analysis stopped unexpectedly"))?;
    Ok(Json(v))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IngestSummary {
    pub read: u64,
    pub stored: u64,
    /// Already in the store (same text or URL).
    pub duplicates: u64,
    pub errors: u64,
    /// What went wrong, one line per bad input or record (at most 20).
    pub error_messages: Vec<String>,
    pub seconds: f64,
}

fn authorized(s: &AppStateRef, headers: &HeaderMap) -> Result<(), Problem> {
    let Some(token) = &s.token else {
        return Err(Problem::new(
            403,
            "Forbidden",
            "this server has no token configured (--token-file or WHOSAID_TOKEN), so it takes no writes",
        ));
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or("");
    // compare every byte whatever differs first
    let same = given.len() == token.len()
        && given
            .bytes()
            .zip(token.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0;
    if same {
        Ok(())
    } else {
        Err(Problem::new(
            401,
            "Unauthorized",
            "send Authorization: Bearer TOKEN with the server's token",
        ))
    }
}

type AppStateRef = crate::AppState;

/// Store articles: JSON Lines, text, HTML, or a URL to fetch. Needs the token.
#[utoipa::path(post, path = "/api/v1/ingest", tag = "analysis",
    security(("bearer" = [])),
    request_body(description = "application/x-ndjson (one record a line), text/plain, text/html, or application/json (one record, or `{\"url\"}` to fetch through the address guard)", content(
        (String = "application/x-ndjson"), (String = "text/plain"), (String = "text/html"), (ArticleInput = "application/json"))),
    responses(
        (status = 200, description = "What was stored", body = IngestSummary),
        (status = 400, description = "The body is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No or a wrong token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The server takes no writes (no token configured)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "The body is too large", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Another content type", body = Problem, content_type = "application/problem+json"),
    ))]
async fn ingest(
    State(s): State<Shared>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<IngestSummary>, Problem> {
    authorized(&s, &headers)?;
    let ct = content_type(&headers);
    enum Input {
        Lines(Bytes),
        Doc(Box<Document>),
        Url(String),
    }
    let input = match ct.as_str() {
        "application/x-ndjson" | "application/jsonl" | "application/jsonlines" => {
            Input::Lines(body)
        }
        _ => match document_from(&ct, &body)? {
            Some(d) => Input::Doc(Box::new(d)),
            None => {
                let v: ArticleInput = serde_json::from_slice(&body)
                    .map_err(|e| Problem::bad_request(e.to_string()))?;
                let url = v.url.unwrap_or_default();
                if !whosaid_extract::web::is_url(&url) {
                    return Err(Problem::bad_request(format!(
                        "url: {url:?} is not an http(s) URL"
                    )));
                }
                Input::Url(url)
            }
        },
    };
    let _one_at_a_time = s.ingest.lock().await;
    let s2 = s.clone();
    let r = tokio::task::spawn_blocking(move || {
        let mut messages = Vec::new();
        let mut opts = whosaid_extract::InputOptions::default();
        opts.web.fetch.allow_private = s2.allow_private_fetch;
        let read = |sink: &mut dyn FnMut(whosaid_pipeline::Read) -> bool| match input {
            Input::Lines(b) => {
                let src = whosaid_extract::SourceOptions::default();
                for r in whosaid_extract::read_jsonl(&b[..], "body", &src) {
                    if !sink((r, "api".into())) {
                        break;
                    }
                }
            }
            Input::Doc(d) => {
                sink((Ok(*d), "api".into()));
            }
            Input::Url(u) => {
                whosaid_extract::read_input(&u, &opts, &mut |r| {
                    sink((r, u.clone()));
                });
            }
        };
        let out = whosaid_pipeline::ingest(
            read,
            &s2.analyzer,
            &s2.db,
            whosaid_pipeline::IngestOptions::default(),
            &mut |e| {
                if let whosaid_pipeline::Event::SourceError(e) = e {
                    if messages.len() < 20 {
                        messages.push(e.to_string());
                    }
                }
            },
        );
        out.map(|o| (o, messages))
    })
    .await
    .map_err(|_| Problem::internal("ingest stopped unexpectedly"))?;
    let (o, messages) = r.map_err(|e| Problem::internal(&e.to_string()))?;
    Ok(Json(IngestSummary {
        read: o.read,
        stored: o.stored,
        duplicates: o.duplicates,
        errors: o.errors,
        error_messages: messages,
        seconds: o.seconds,
    }))
}
