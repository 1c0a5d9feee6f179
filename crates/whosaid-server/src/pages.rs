//! The web pages, rendered on the server: Search (`/`), Speaker
//! (`/speakers/{id}`), Article (`/articles/{id}`) and Who gets quoted
//! (`/overview`). The query lives in the URL, so every page can be linked;
//! no page runs script (a statement's explanation opens with CSS `:target`).

use crate::api::{self, QuoteFilters};
use crate::chart;
use crate::html::{esc, ext_link, highlight, layout, query, words_of};
use crate::problem::Problem;
use crate::Shared;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;
use serde_json::Value;
use std::fmt::Write as _;
use whosaid_store::QuoteHit;

const STYLE: &str = include_str!("../assets/style.css");

pub fn routes() -> Router<Shared> {
    Router::new()
        .route("/", get(search))
        .route("/speakers/{id}", get(speaker))
        .route("/articles/{id}", get(article))
        .route("/overview", get(overview))
        .route(
            "/static/style.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    STYLE,
                )
            }),
        )
}

/// A page saying what went wrong, with the problem's status.
fn error_page(p: Problem) -> Response {
    let status = StatusCode::from_u16(p.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = format!(
        "<h1>{}</h1><p>{}</p><p><a href=\"/\">Back to search</a></p>",
        esc(&p.title),
        esc(&p.detail)
    );
    (status, Html(layout(&p.title, "", &body))).into_response()
}

pub fn not_found() -> Response {
    error_page(Problem::not_found("There is no page at this address."))
}

fn page(r: Result<String, Problem>) -> Response {
    match r {
        Ok(h) => Html(h).into_response(),
        Err(p) => error_page(p),
    }
}

#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    /// Words or a speaker.
    q: Option<String>,
    #[serde(flatten)]
    f: QuoteFilters,
    cursor: Option<String>,
}

fn date_of(h: &QuoteHit) -> String {
    h.published
        .as_deref()
        .map(|d| d.chars().take(10).collect())
        .unwrap_or_else(|| "undated".into())
}

fn speaker_link(id: Option<i64>, name: Option<&str>) -> String {
    match (id, name) {
        (Some(id), Some(n)) => format!("<a href=\"/speakers/{id}\">{}</a>", esc(n)),
        (None, Some(n)) => esc(n),
        _ => "<span class=\"muted\">nobody named</span>".into(),
    }
}

/// One statement in a list: who, when, where, what (searched words marked).
fn quote_item(h: &QuoteHit, words: &[String]) -> String {
    format!(
        "<li class=\"quote\"><p class=\"who\">{} <span class=\"muted\">· <time>{}</time> · {} · {}</span></p>\
<blockquote>{}</blockquote><p class=\"to\"><a href=\"/articles/{}#q{}\">In the article</a></p></li>",
        speaker_link(h.speaker_id, h.speaker.as_deref()),
        esc(&date_of(h)),
        esc(&h.source),
        esc(&h.kind),
        highlight(&h.text, words),
        h.article_id,
        h.start
    )
}

fn filters_query(f: &QuoteFilters, q: Option<&str>) -> Vec<(&'static str, Option<String>)> {
    vec![
        ("q", q.map(str::to_string)),
        ("about", f.about.clone()),
        ("speaker", f.speaker.clone()),
        ("speaker_id", f.speaker_id.map(|i| i.to_string())),
        ("since", f.since.clone()),
        ("until", f.until.clone()),
        ("to", f.to.clone()),
        ("channel", f.channel.clone()),
        ("source", f.source.clone()),
        ("kind", f.kind.clone()),
    ]
}

async fn search(
    State(s): State<Shared>,
    p: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    page(search_page(&s, p).await)
}

async fn search_page(
    s: &Shared,
    p: Result<Query<SearchParams>, QueryRejection>,
) -> Result<String, Problem> {
    let p = api::query_or_400(p)?;
    let offset = api::decode_cursor(&p.cursor)?;
    let mut f = p.f.clone();
    let q =
        p.q.as_deref()
            .map(str::trim)
            .filter(|q| !q.is_empty())
            .map(str::to_string);
    let mut note = String::new();
    if let Some(q) = &q {
        // one box: a stored speaker's name searches their statements, else the words
        let name = q.clone();
        let found = if f.about.is_none() && f.speaker.is_none() && q.chars().count() <= 100 {
            s.pool.run(move |st| st.find_speakers(&name, 1)).await?
        } else {
            Vec::new()
        };
        if found.is_empty() {
            f.about = Some(q.clone());
        } else {
            f.speaker = Some(q.clone());
            let mut words = f.clone();
            words.speaker = None;
            words.about = Some(q.clone());
            let _ = write!(
                note,
                "<p class=\"note\">Statements by speakers named “{}”. <a href=\"/{}\">Search for the words instead</a>.</p>",
                esc(q),
                query(&filters_query(&words, None))
            );
        }
    }
    let sq = f.query()?;
    let words = words_of(sq.about.as_deref().unwrap_or(""));
    let (hits, next, facets) = api::search(s, sq, 20, offset, true).await?;
    let mut m = String::new();
    m.push_str("<h1>Search statements</h1>");
    let v = |x: &Option<String>| esc(x.as_deref().unwrap_or(""));
    let shown_q = q
        .clone()
        .or_else(|| f.about.clone())
        .or_else(|| f.speaker.clone());
    let _ = write!(
        m,
        "<form class=\"search\" method=\"get\" action=\"/\" role=\"search\">\
<div class=\"field wide\"><label for=\"q\">Words or a speaker</label><input id=\"q\" name=\"q\" type=\"search\" value=\"{}\" placeholder=\"serious diplomatic path, or Blinken\"></div>\
<div class=\"field\"><label for=\"since\">From</label><input id=\"since\" name=\"since\" type=\"date\" value=\"{}\"></div>\
<div class=\"field\"><label for=\"until\">To</label><input id=\"until\" name=\"until\" type=\"date\" value=\"{}\"></div>\
<div class=\"field\"><label for=\"source\">Source</label><input id=\"source\" name=\"source\" value=\"{}\"></div>\
<div class=\"field\"><label for=\"kind\">Kind</label><select id=\"kind\" name=\"kind\">",
        v(&shown_q),
        v(&f.since),
        v(&f.until),
        v(&f.source)
    );
    for (val, label) in [
        ("", "any"),
        ("direct", "direct quotation"),
        ("mixed", "mixed"),
        ("indirect", "reported"),
    ] {
        let sel = if f.kind.as_deref().unwrap_or("") == val {
            " selected"
        } else {
            ""
        };
        let _ = write!(m, "<option value=\"{val}\"{sel}>{label}</option>");
    }
    m.push_str("</select></div>");
    if let Some(id) = f.speaker_id {
        let _ = write!(
            m,
            "<input type=\"hidden\" name=\"speaker_id\" value=\"{id}\">"
        );
    }
    m.push_str("<div class=\"field\"><button type=\"submit\">Search</button></div></form>");
    m.push_str(&note);
    let total = facets.as_ref().map_or(0, |f| f.total);
    let base = filters_query(&f, None);
    let _ = write!(
        m,
        "<div class=\"cols\"><section class=\"results\" aria-labelledby=\"results-h\"><h2 id=\"results-h\">{total} statement{}</h2>\
<p class=\"downloads\">Download: <a href=\"/api/v1/export{}\">CSV</a> · <a href=\"/api/v1/export{}\">JSON Lines</a></p><ol class=\"quotes\" start=\"{}\">",
        if total == 1 { "" } else { "s" },
        query(&[base.clone(), vec![("format", Some("csv".into()))]].concat()),
        query(&[base.clone(), vec![("format", Some("jsonl".into()))]].concat()),
        offset + 1
    );
    for h in &hits {
        m.push_str(&quote_item(h, &words));
    }
    m.push_str("</ol>");
    if hits.is_empty() {
        m.push_str("<p class=\"empty\">No statement matches.</p>");
    }
    if let Some(c) = next {
        let _ = write!(
            m,
            "<p class=\"pager\"><a rel=\"next\" href=\"/{}\">Next page</a></p>",
            query(&[base.clone(), vec![("cursor", Some(c))]].concat())
        );
    }
    m.push_str("</section>");
    if let Some(fc) = facets {
        m.push_str("<aside class=\"facets\" aria-label=\"Narrow the search\"><h2>Narrow</h2>");
        let facet = |title: &str, key: &str, rows: &[whosaid_store::FacetCount]| {
            let mut o = format!("<h3>{title}</h3><ul>");
            for r in rows {
                let mut g = f.clone();
                match key {
                    "speaker" => {
                        g.speaker = None;
                        g.speaker_id = r.id;
                        if r.id.is_none() {
                            g.speaker = Some(r.value.clone());
                        }
                    }
                    "source" => g.source = Some(r.value.clone()),
                    "to" => g.to = Some(r.value.clone()),
                    _ => g.kind = Some(r.value.clone()),
                }
                let _ = write!(
                    o,
                    "<li><a href=\"/{}\">{}</a> <span class=\"count\">{}</span></li>",
                    query(&filters_query(&g, None)),
                    esc(&r.value),
                    r.count
                );
            }
            o.push_str("</ul>");
            o
        };
        m.push_str(&facet("Speakers", "speaker", &fc.speakers));
        m.push_str(&facet("Sources", "source", &fc.sources));
        m.push_str(&facet("Kinds", "kind", &fc.kinds));
        if !fc.addressees.is_empty() {
            m.push_str(&facet("To whom", "to", &fc.addressees));
        }
        m.push_str("</aside>");
    }
    m.push_str("</div>");
    let title = match &shown_q {
        Some(q) => format!("“{q}”"),
        None => "Search".into(),
    };
    Ok(layout(&title, "search", &m))
}

#[derive(Debug, Deserialize)]
struct CursorParam {
    cursor: Option<String>,
}

async fn speaker(
    State(s): State<Shared>,
    Path(id): Path<String>,
    c: Result<Query<CursorParam>, QueryRejection>,
) -> Response {
    page(speaker_page(&s, &id, c).await)
}

async fn speaker_page(
    s: &Shared,
    id: &str,
    c: Result<Query<CursorParam>, QueryRejection>,
) -> Result<String, Problem> {
    let id = api::id_param("speaker", id)?;
    let offset = api::decode_cursor(&api::query_or_400(c)?.cursor)?;
    let cache = s.cache.clone();
    let d = s
        .pool
        .run(move |st| cache.speaker(st, id))
        .await?
        .ok_or_else(|| Problem::not_found(format!("There is no speaker {id}.")))?;
    let q = whosaid_store::QuoteQuery {
        speaker_id: Some(id),
        ..Default::default()
    };
    let (hits, next, _) = api::search(s, q, 20, offset, false).await?;
    let r = &d.row;
    let mut m = String::new();
    let _ = write!(
        m,
        "<h1>{}</h1><p class=\"lede\">{} · {} statements in {} articles{}{}</p>",
        esc(&r.name),
        esc(&r.etype),
        r.quotes,
        r.articles,
        r.kb_id
            .as_deref()
            .map(|k| format!(" · knowledge base id <code>{}</code>", esc(k)))
            .unwrap_or_default(),
        match (&r.first, &r.last) {
            (Some(a), Some(b)) => format!(
                " · from {} to {}",
                esc(&a.chars().take(10).collect::<String>()),
                esc(&b.chars().take(10).collect::<String>())
            ),
            _ => String::new(),
        }
    );
    m.push_str("<div class=\"cols\"><div>");
    m.push_str(&chart::timeline(
        &format!("Statements by {} per week", r.name),
        &fill_weeks(&d.weeks),
    ));
    m.push_str("<h2>Statements, newest first</h2><ol class=\"quotes\">");
    for h in &hits {
        m.push_str(&quote_item(h, &[]));
    }
    m.push_str("</ol>");
    if let Some(c) = next {
        let _ = write!(
            m,
            "<p class=\"pager\"><a rel=\"next\" href=\"/speakers/{id}?cursor={}\">Older statements</a></p>",
            esc(&c)
        );
    }
    let _ = write!(
        m,
        "<p><a href=\"/?speaker_id={id}\">Search within these statements</a></p></div><aside>\
<h2>Spellings seen</h2><table class=\"spellings\"><thead><tr><th scope=\"col\">Spelling</th><th scope=\"col\">Statements</th><th scope=\"col\">Garbled?</th></tr></thead><tbody>"
    );
    for a in &d.aliases {
        let _ = write!(
            m,
            "<tr{}><td>{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            if a.garbled { " class=\"garbled\"" } else { "" },
            esc(&a.alias),
            a.quotes,
            if a.garbled { "garbled spelling" } else { "—" }
        );
    }
    m.push_str("</tbody></table><h2>Named beside them</h2><ul class=\"beside\">");
    for b in &d.beside {
        let _ = write!(
            m,
            "<li>{} <span class=\"muted\">{} · {} article{}</span></li>",
            esc(&b.name),
            esc(&b.etype),
            b.articles,
            if b.articles == 1 { "" } else { "s" }
        );
    }
    if d.beside.is_empty() {
        m.push_str("<li class=\"muted\">nobody</li>");
    }
    m.push_str("</ul></aside></div>");
    Ok(layout(&r.name, "", &m))
}

/// Weeks with no statements between the first and the last, as zeros (up to
/// ten years of weeks; a longer span keeps only the weeks with statements).
fn fill_weeks(weeks: &[(String, i64)]) -> Vec<(String, i64)> {
    use whosaid_store::browse::{date_of, days_of};
    let (Some(a), Some(b)) = (
        weeks.first().and_then(|w| days_of(&w.0)),
        weeks.last().and_then(|w| days_of(&w.0)),
    ) else {
        return weeks.to_vec();
    };
    if (b - a) / 7 > 520 {
        return weeks.to_vec();
    }
    (0..=(b - a) / 7)
        .map(|i| {
            let d = date_of(a + 7 * i);
            let n = weeks.iter().find(|w| w.0 == d).map_or(0, |w| w.1);
            (d, n)
        })
        .collect()
}

async fn article(State(s): State<Shared>, Path(id): Path<String>) -> Response {
    page(article_page(&s, &id).await)
}

fn get_i(v: &Value, k: &str) -> usize {
    v.get(k).and_then(Value::as_u64).unwrap_or(0) as usize
}

fn get_s<'a>(v: &'a Value, k: &str) -> Option<&'a str> {
    v.get(k).and_then(Value::as_str)
}

/// A marked interval of the article text, in code points.
struct Mark {
    start: usize,
    end: usize,
    /// Index into the record's quotes, boilerplate or entities.
    of: usize,
}

async fn article_page(s: &Shared, id: &str) -> Result<String, Problem> {
    let key = id.to_string();
    let row = s
        .pool
        .run(move |st| st.article(&key))
        .await?
        .ok_or_else(|| Problem::not_found(format!("There is no article {id:?}.")))?;
    let rec = api::article_json(row)?;
    let text = get_s(&rec, "text").unwrap_or("");
    let chars: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain(std::iter::once(text.len()))
        .collect();
    let n = chars.len() - 1;
    let arr = |k: &str| {
        rec.get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let quotes = arr("quotes");
    let boiler = arr("boilerplate");
    let entities = arr("entities");
    let ent_index = |eid: &str| entities.iter().position(|e| get_s(e, "id") == Some(eid));
    let span = |v: &Value| (get_i(v, "start").min(n), get_i(v, "end").min(n));
    let mut qmarks = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let frags: Vec<(usize, usize)> = q
            .get("fragments")
            .and_then(Value::as_array)
            .map(|fs| {
                fs.iter()
                    .filter_map(|f| {
                        Some((f.get(0)?.as_u64()? as usize, f.get(1)?.as_u64()? as usize))
                    })
                    .collect()
            })
            .unwrap_or_default();
        if frags.is_empty() {
            let (a, b) = span(q);
            qmarks.push(Mark {
                start: a,
                end: b,
                of: i,
            });
        } else {
            for (a, b) in frags {
                qmarks.push(Mark {
                    start: a.min(n),
                    end: b.min(n),
                    of: i,
                });
            }
        }
    }
    let bmarks: Vec<Mark> = boiler
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let (a, e) = span(b);
            Mark {
                start: a,
                end: e,
                of: i,
            }
        })
        .collect();
    let mut emarks = Vec::new();
    for (i, e) in entities.iter().enumerate() {
        for mm in e
            .get("mentions")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (a, b) = span(mm);
            emarks.push(Mark {
                start: a,
                end: b,
                of: i,
            });
        }
    }
    let colour = |qi: usize| -> String {
        quotes[qi]
            .get("speaker")
            .and_then(|sp| get_s(sp, "entity"))
            .and_then(ent_index)
            .map(|i| format!("c{}", i % 8))
            .unwrap_or_else(|| "cx".into())
    };
    // cut the text wherever any mark starts or ends; each piece carries its marks
    let mut cuts: Vec<usize> = vec![0, n];
    for m in qmarks.iter().chain(&bmarks).chain(&emarks) {
        cuts.push(m.start);
        cuts.push(m.end);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let covering = |ms: &[Mark], a: usize, b: usize| {
        ms.iter()
            .find(|m| m.start <= a && b <= m.end && m.start < m.end)
            .map(|m| m.of)
    };
    let mut body = String::new();
    let mut anchored = vec![false; quotes.len()];
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let piece = esc(&text[chars[a]..chars[b]]);
        let mut h = piece;
        if let Some(e) = covering(&emarks, a, b) {
            h = format!(
                "<span class=\"ent\" title=\"{}: {}\">{h}</span>",
                esc(get_s(&entities[e], "type").unwrap_or("")),
                esc(get_s(&entities[e], "name").unwrap_or(""))
            );
        }
        if let Some(bi) = covering(&bmarks, a, b) {
            h = format!(
                "<span class=\"boiler\" title=\"boilerplate: {}\">{h}</span>",
                esc(get_s(&boiler[bi], "reason").unwrap_or(""))
            );
        }
        if let Some(qi) = covering(&qmarks, a, b) {
            let start = get_i(&quotes[qi], "start");
            let idattr = if anchored[qi] {
                String::new()
            } else {
                anchored[qi] = true;
                format!(" id=\"s{start}\"")
            };
            h = format!(
                "<a class=\"stmt {}\" href=\"#q{start}\"{idattr}>{h}</a>",
                colour(qi)
            );
        }
        body.push_str(&h);
    }
    // boilerplate reasons as labels after the text they mark
    let meta = rec.get("meta").cloned().unwrap_or(Value::Null);
    let store = rec.get("store").cloned().unwrap_or(Value::Null);
    let title = get_s(&meta, "title")
        .or_else(|| get_s(&store, "title"))
        .map(str::to_string)
        .unwrap_or_else(|| get_s(&rec, "id").unwrap_or("Article").to_string());
    let mut m = String::new();
    let _ = write!(m, "<h1>{}</h1>", esc(&title));
    m.push_str("<dl class=\"meta\">");
    let ds = meta.get("date_source").cloned().unwrap_or(Value::Null);
    let mut row = |k: &str, v: String| {
        if !v.is_empty() {
            let _ = write!(m, "<div><dt>{k}</dt><dd>{v}</dd></div>");
        }
    };
    let authors: Vec<String> = meta
        .get("authors")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).map(esc).collect())
        .unwrap_or_default();
    row("Authors", authors.join(", "));
    for (k, label) in [("published", "Published"), ("modified", "Modified")] {
        if let Some(d) = get_s(&meta, k) {
            let src = get_s(&ds, k)
                .map(|s| format!(" <span class=\"muted\">(from {})</span>", esc(s)))
                .unwrap_or_default();
            row(label, format!("{}{src}", esc(d)));
        }
    }
    row("Publisher", esc(get_s(&meta, "publisher").unwrap_or("")));
    row("URL", get_s(&meta, "url").map(ext_link).unwrap_or_default());
    row("Input", esc(get_s(&store, "source").unwrap_or("")));
    row("Stored", esc(get_s(&store, "ingested_at").unwrap_or("")));
    m.push_str("</dl>");
    let _ = write!(
        m,
        "<div class=\"cols article\"><section aria-labelledby=\"text-h\"><h2 id=\"text-h\">Text <span class=\"muted\">({} statements; select one to see how it was found)</span></h2><div class=\"text\">{body}</div></section>",
        quotes.len()
    );
    m.push_str("<aside class=\"explanations\" aria-label=\"Explanations\"><p class=\"hint\">Select a highlighted statement (click it, or Tab to it and press Enter) to see who said it and how whosaid found out.</p>");
    for q in &quotes {
        let start = get_i(q, "start");
        let sp = q.get("speaker").cloned().unwrap_or(Value::Null);
        let cue = q.get("cue").cloned().unwrap_or(Value::Null);
        let mention = sp.get("mention").cloned().unwrap_or(Value::Null);
        let context = statement_context(q);
        let _ = write!(
            m,
            "<section class=\"explain\" id=\"q{start}\" tabindex=\"-1\"><h3>Statement at {start}–{}</h3><blockquote>{}</blockquote><dl>\
<div><dt>Speaker</dt><dd>{}</dd></div><div><dt>Resolved by</dt><dd>{}</dd></div><div><dt>Named as</dt><dd>{}</dd></div>\
<div><dt>Cue</dt><dd>{}</dd></div><div><dt>Kind</dt><dd>{}</dd></div><div><dt>Confidence</dt><dd>{}</dd></div>{context}\
<div><dt>Offsets</dt><dd>{start}–{} (code points)</dd></div></dl><p><a href=\"#s{start}\">Back to the statement</a></p></section>",
            get_i(q, "end"),
            esc(get_s(q, "text").unwrap_or("")),
            esc(get_s(&sp, "name").unwrap_or("nobody named")),
            esc(get_s(&sp, "resolution").unwrap_or("unresolved")),
            match get_s(&mention, "text") {
                Some(t) => format!("“{}” at {}–{}", esc(t), get_i(&mention, "start"), get_i(&mention, "end")),
                None => "—".into(),
            },
            match get_s(&cue, "text") {
                Some(t) => format!("“{}” at {}–{}", esc(t), get_i(&cue, "start"), get_i(&cue, "end")),
                None => "none (carried from the statement before)".into(),
            },
            esc(get_s(q, "kind").unwrap_or("")),
            q.get("confidence").and_then(Value::as_f64).map_or("—".into(), |c| format!("{c:.2}")),
            get_i(q, "end"),
        );
    }
    m.push_str("<h2>Entities</h2><ul class=\"entities\">");
    for (i, e) in entities.iter().enumerate() {
        let nm = e
            .get("mentions")
            .and_then(Value::as_array)
            .map_or(0, Vec::len);
        let _ = write!(
            m,
            "<li><span class=\"swatch c{}\" aria-hidden=\"true\"></span>{} <span class=\"muted\">{} · {nm} mentions{}</span></li>",
            i % 8,
            esc(get_s(e, "name").unwrap_or("")),
            esc(get_s(e, "type").unwrap_or("")),
            get_s(e, "kb_id").map(|k| format!(" · {}", esc(k))).unwrap_or_default()
        );
    }
    m.push_str("</ul>");
    if !boiler.is_empty() {
        m.push_str("<h2>Boilerplate</h2><ul>");
        for b in &boiler {
            let (a, e) = span(b);
            let _ = write!(
                m,
                "<li>{} <span class=\"muted\">{a}–{e}</span></li>",
                esc(get_s(b, "reason").unwrap_or(""))
            );
        }
        m.push_str("</ul>");
    }
    m.push_str("</aside></div>");
    Ok(layout(&title, "", &m))
}

async fn overview(State(s): State<Shared>) -> Response {
    page(overview_page(&s).await)
}

async fn overview_page(s: &Shared) -> Result<String, Problem> {
    let cache = s.cache.clone();
    let o = s.pool.run(move |st| cache.overview(st, 10)).await?;
    let mut m = String::new();
    let _ = write!(
        m,
        "<h1>Who gets quoted</h1><p class=\"lede\">{} statements. {:.0}% are attributed to groups or anonymous sources (“officials said”).</p>",
        o.quotes,
        o.anonymous_share() * 100.0
    );
    m.push_str("<div class=\"cols\"><div>");
    m.push_str(&chart::bars("Statements by speaker type", &o.by_type));
    let months: Vec<(String, i64)> = o.months.clone();
    m.push_str(&chart::timeline("Statements per month", &months));
    m.push_str("</div><aside>");
    for (title, rows) in [
        ("Most quoted people", &o.top_people),
        ("Most quoted organisations", &o.top_organizations),
    ] {
        let _ = write!(
            m,
            "<h2>{title}</h2><table><thead><tr><th scope=\"col\">Speaker</th><th scope=\"col\">Statements</th></tr></thead><tbody>"
        );
        for r in rows.iter() {
            let _ = write!(
                m,
                "<tr><td><a href=\"/speakers/{}\">{}</a></td><td class=\"num\">{}</td></tr>",
                r.id,
                esc(&r.name),
                r.quotes
            );
        }
        m.push_str("</tbody></table>");
    }
    m.push_str("</aside></div>");
    Ok(layout("Who gets quoted", "overview", &m))
}

/// A statement's context in its explanation: to whom, through what, when (each
/// with the words that show it), and the date it is filed under. Empty when the
/// record has none.
fn statement_context(q: &Value) -> String {
    let mut out = String::new();
    let words = |v: &Value| match get_s(v, "text") {
        Some(t) => format!("“{}” at {}–{}", esc(t), get_i(v, "start"), get_i(v, "end")),
        None => String::new(),
    };
    if let Some(a) = q.get("addressee").filter(|v| !v.is_null()) {
        let _ = write!(out, "<div><dt>To whom</dt><dd>{}</dd></div>", words(a));
    }
    if let Some(c) = get_s(q, "channel") {
        let span = q
            .get("channel_span")
            .filter(|v| !v.is_null())
            .map(|v| format!(" — {}", words(v)))
            .unwrap_or_default();
        let _ = write!(out, "<div><dt>Channel</dt><dd>{}{span}</dd></div>", esc(c));
    }
    if let Some(t) = q.get("time").filter(|v| !v.is_null()) {
        let date = match get_s(t, "date") {
            Some(d) => format!(
                " → {} ({})",
                esc(d),
                esc(get_s(t, "granularity").unwrap_or(""))
            ),
            None => " (no date)".into(),
        };
        let _ = write!(out, "<div><dt>When</dt><dd>{}{date}</dd></div>", words(t));
    }
    if let Some(d) = get_s(q, "said_on") {
        let basis = match get_s(q, "date_basis") {
            Some("text") => "from the text",
            _ => "the publication date",
        };
        let _ = write!(
            out,
            "<div><dt>Said on</dt><dd>{} <span class=\"muted\">({basis})</span></dd></div>",
            esc(d)
        );
    }
    out
}
