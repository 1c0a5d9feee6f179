//! Page metadata: title, authors, dates, publisher, canonical URL, language,
//! from JSON-LD, OpenGraph and other meta tags, microdata and bylines.
//!
//! Dates: published and modified are kept apart and each records where it came
//! from (`date_source`); a `<time>` inside a link or a list (a related-article
//! teaser) is never used, and a date we cannot read is left empty.

use crate::byline;
use crate::dates::{self, NumericOrder};
use crate::header::{self, inside, link_elsewhere};
use crate::html::{Dom, NodeId, Tag, NONE};
use crate::shown;
use serde_json::Value;
use std::collections::HashMap;
use whosaid_core::Meta;

/// What a page's markup says about it: the article metadata (date sources in
/// `meta.date_source`, e.g. ("published", "json-ld datePublished")) and the JSON-LD
/// `articleBody`, when the page has one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub meta: Meta,
    pub article_body: Option<String>,
}

const ARTICLE_TYPES: &[&str] = &[
    "newsarticle",
    "article",
    "blogposting",
    "reportagenewsarticle",
    "analysisnewsarticle",
    "opinionnewsarticle",
    "reviewnewsarticle",
    "backgroundnewsarticle",
    "liveblogposting",
    "socialmediaposting",
    "techarticle",
    "scholarlyarticle",
    "report",
    "posting",
];

fn is_article(v: &Value) -> bool {
    let t = |s: &str| {
        let s = s.rsplit('/').next().unwrap_or(s).to_ascii_lowercase();
        ARTICLE_TYPES.contains(&s.as_str())
    };
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

/// A JSON-LD `WebPage` (Yoast and others date the page there, not in an article object).
fn is_web_page(v: &Value) -> bool {
    let t = |s: &str| s.eq_ignore_ascii_case("WebPage") || s.eq_ignore_ascii_case("ItemPage");
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(t)),
        _ => false,
    }
}

/// Every JSON object in the page's JSON-LD blocks (arrays and `@graph` flattened).
pub fn json_ld(dom: &Dom) -> Vec<Value> {
    let mut out = Vec::new();
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) == Tag::meta {
            // `<meta name="script:ld+json" content="{&quot;@type&quot;...}">`:
            // a framework's JSON-LD written as a meta tag
            if dom
                .attr_raw(id, "name")
                .is_some_and(|n| n.eq_ignore_ascii_case("script:ld+json"))
            {
                if let Some(v) = dom
                    .attr(id, "content")
                    .and_then(|c| serde_json::from_str::<Value>(c.trim()).ok())
                {
                    flatten(v, &mut out, 0);
                }
            }
            continue;
        }
        if dom.tag(id) != Tag::script {
            continue;
        }
        let is_ld = dom
            .attr_raw(id, "type")
            .is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"));
        if !is_ld {
            continue;
        }
        let c = dom.node(id).first_child;
        if c == NONE {
            continue;
        }
        let raw = dom.raw(c).trim();
        let raw = raw
            .trim_start_matches("<!--")
            .trim_start_matches("//<![CDATA[")
            .trim_end_matches("-->")
            .trim_end_matches("//]]>")
            .trim()
            .trim_end_matches(';');
        let v: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            // control characters inside strings are common: retry with them as spaces
            Err(_) => match serde_json::from_str(&raw.replace(['\n', '\r', '\t'], " ")) {
                Ok(v) => v,
                // a block written with HTML entities (`{&quot;@type&quot;: ...}`)
                Err(_) => match serde_json::from_str(&crate::html::decode_entities(raw)) {
                    Ok(v) => v,
                    Err(_) => continue,
                },
            },
        };
        flatten(v, &mut out, 0);
    }
    out
}

fn flatten(v: Value, out: &mut Vec<Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match v {
        Value::Array(a) => {
            for x in a {
                flatten(x, out, depth + 1);
            }
        }
        Value::Object(mut o) => {
            if let Some(g) = o.remove("@graph") {
                flatten(g, out, depth + 1);
            }
            if let Some(m) = o
                .get("mainEntity")
                .filter(|m| m.is_object() && is_article(m))
            {
                out.push(m.clone());
            }
            out.push(Value::Object(o));
        }
        _ => {}
    }
}

fn str_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => {
            let s = crate::html::decode_entities(s.trim());
            (!s.is_empty()).then(|| s.into_owned())
        }
        Value::Array(a) => a.iter().find_map(str_of),
        Value::Object(o) => o.get("name").or_else(|| o.get("@value")).and_then(str_of),
        _ => None,
    }
}

/// The authors a JSON-LD `author` value names; `{"@id": ...}` references are
/// looked up in `people` (Yoast puts the Person beside the article in `@graph`).
fn names_of(v: &Value, people: &HashMap<String, String>, out: &mut Vec<String>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| names_of(x, people, out)),
        Value::Object(o) => {
            if let Some(n) = o.get("name") {
                names_of(n, people, out)
            } else if let Some(n) = o
                .get("@id")
                .and_then(Value::as_str)
                .and_then(|i| people.get(i))
            {
                byline::push_authors(out, n)
            }
        }
        Value::String(s) => byline::push_authors(out, s),
        _ => {}
    }
}

/// `@id` → `name` of every JSON-LD object that has both.
fn named_ids(ld: &[Value]) -> HashMap<String, String> {
    ld.iter()
        .filter_map(|v| {
            let id = v.get("@id")?.as_str()?;
            let name = v.get("name")?.as_str()?;
            Some((id.to_string(), name.to_string()))
        })
        .collect()
}

/// Meta tags by lowercased `name`/`property`/`itemprop`: the first non-empty content.
fn meta_tags(dom: &Dom) -> HashMap<String, String> {
    let mut m = HashMap::new();
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Tag::meta {
            continue;
        }
        let key = dom
            .attr_raw(id, "property")
            .or_else(|| dom.attr_raw(id, "name"))
            .or_else(|| dom.attr_raw(id, "itemprop"))
            .or_else(|| dom.attr_raw(id, "http-equiv"));
        let (Some(k), Some(c)) = (key, dom.attr(id, "content")) else {
            continue;
        };
        let c = c.trim();
        if !c.is_empty() {
            m.entry(k.trim().to_ascii_lowercase())
                .or_insert_with(|| c.to_string());
        }
    }
    m
}

fn first<'m>(
    m: &'m HashMap<String, String>,
    keys: &[&'static str],
) -> Option<(&'static str, &'m str)> {
    keys.iter()
        .find_map(|k| m.get(*k).map(|v| (*k, v.as_str())))
}

const PUBLISHED_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "article.published",
    "publishdate",
    "publish-date",
    "publish_date",
    "pubdate",
    "sailthru.date",
    "parsely-pub-date",
    "dc.date.issued",
    "dcterms.issued",
    "dc.date",
    "dcterms.date",
    "dcterms.created",
    "date",
    "citation_publication_date",
    "og:pubdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
];
/// The published-date meta keys of a page: the known ones in order, then any
/// other that says "publish" and "date" or "time" (`og:published_time`,
/// `w-published-date`, `published`).
fn published_keys(tags: &HashMap<String, String>) -> Vec<String> {
    let mut keys: Vec<String> = PUBLISHED_KEYS
        .iter()
        .filter(|k| tags.contains_key(**k))
        .map(|k| k.to_string())
        .collect();
    let mut other: Vec<&String> = tags
        .keys()
        .filter(|k| {
            !PUBLISHED_KEYS.contains(&k.as_str())
                && k.contains("publish")
                && !k.contains("publisher")
                && (k.contains("date") || k.contains("time") || k.as_str() == "published")
        })
        .collect();
    other.sort();
    keys.extend(other.into_iter().cloned());
    keys
}

const MODIFIED_KEYS: &[&str] = &[
    "article:modified_time",
    "og:article:modified_time",
    "datemodified",
    "og:updated_time",
    "article.updated",
    "dcterms.modified",
    "last-modified",
    "lastmod",
];

/// Metadata of a parsed page; `page_url` is where it was fetched or archived.
pub fn extract(dom: &Dom, page_url: Option<&str>) -> PageMeta {
    let mut pm = PageMeta::default();
    let ld = json_ld(dom);
    let art = ld.iter().filter(|v| is_article(v)).max_by_key(|v| {
        (v.get("articleBody").is_some() as u8) * 2 + v.get("headline").is_some() as u8
    });
    let tags = meta_tags(dom);

    // title
    let self_url = page_url
        .map(str::to_string)
        .or_else(|| canonical(dom))
        .or_else(|| tags.get("og:url").cloned());
    let site = SiteNames::of(dom, &tags, art, self_url.as_deref());
    let h1 = first_h1(dom, &site);
    let tag_title = title_tag(dom);
    pm.meta.title = art
        .and_then(|a| a.get("headline").and_then(str_of))
        .or_else(|| tags.get("og:title").cloned())
        .or_else(|| tags.get("twitter:title").cloned())
        .or_else(|| microdata_headline(dom))
        .or_else(|| tag_title.clone())
        .or(h1.clone());
    let declared_title = pm.meta.title.clone();
    // an h1 in capitals is styled, not written so: the declared title is
    // the headline as written ("WEEKEND CODING AGENT" for "Weekend Coding Agent")
    let h1 =
        h1.filter(|h| !(shouting(h) && declared_title.as_deref().is_some_and(|t| !shouting(t))));
    if let (Some(t), Some(h)) = (&pm.meta.title, &h1) {
        // the headline as the page shows it (the h1) when it is about the same
        // words as the declared one: declared titles carry site names and SEO
        // variants ("... | Site", "Top 10 ... for 2025")
        let (tw, hw) = (title_words(t), title_words(h));
        let shared = hw.iter().filter(|w| tw.contains(w)).count();
        if hw.len() >= 2 && shared * 2 >= hw.len() {
            pm.meta.title = Some(h.clone());
        }
    }
    // a page's only h1, when it reads as a headline (four words or more), is
    // the title its readers see: declared titles are often SEO rewrites of it
    // ("Top 11 SEO Strategies for 2025" for "11 SEO Strategies for 2025 to
    // Boost Rankings and Stay Ahead"); with several h1s, one may be the site's
    // unless another heading shows the declared title ("What do people love
    // about Rust?" as the post's h2 under a page h1)
    let head = header::headline(dom, declared_title.as_deref());
    if let Some(h) = &h1 {
        let h1s = dom
            .nodes
            .iter()
            .enumerate()
            .filter(|(id, n)| n.tag == Tag::h1 && !site.heading(&dom.text_of(*id as NodeId)))
            .count();
        let declared_shown = head.is_some_and(|id| dom.text_of(id) != *h);
        // "Learn which ... ? Get expert tips.": a standfirst, not a headline
        let sentences = h.contains(". ") || h.contains("? ") || h.contains("! ");
        if h1s == 1 && !declared_shown && !sentences && h.split_whitespace().count() >= 4 {
            pm.meta.title = Some(h.clone());
        }
    }
    // a declared title cut short ("... Find Solutions (Including") under
    // the heading that shows it whole
    if let (Some(t), Some(id)) = (&declared_title, head) {
        let shown = dom.text_of(id);
        let shown = shown.trim();
        if pm.meta.title.as_ref() == Some(t)
            && shown.len() > t.len()
            && shown.is_char_boundary(t.len())
            && shown[..t.len()].eq_ignore_ascii_case(t)
            && shown[t.len()..].starts_with(' ')
            // "... test suite / Dec 2025": not more headline but a date line
            && shown[t.len()..].trim_start().starts_with(|c: char| c.is_alphanumeric())
        {
            pm.meta.title = Some(shown.to_string());
        }
    }
    // "Blog: Best Agencies in 2025" for "Best Agencies in 2025": a section
    // label run into the h1
    if let (Some(t), Some(h)) = (&declared_title, &h1) {
        // the declared title, or its headline before "| Site"
        let head = TITLE_SEPARATORS
            .iter()
            .filter_map(|sep| t.rfind(sep))
            .max()
            .map(|i| t[..i].trim());
        let plain = [Some(t.as_str()), head]
            .into_iter()
            .flatten()
            .find(|t| labelled(h, t));
        if let Some(p) = plain.filter(|_| pm.meta.title.as_deref() == Some(h.as_str())) {
            pm.meta.title = Some(p.to_string());
        }
    }
    // "Coffee - University of X" declared over an h1 "Coffee": the h1 and
    // the site's name after it; likewise the heading that shows the declared
    // title ("Defer, Panic, and Recover" under "... - The Go Programming Language")
    if let Some(t) = &declared_title {
        let shown = head.map(|id| dom.text_of(id));
        for h in [h1.as_ref(), shown.as_ref()].into_iter().flatten() {
            if headline_then_site(t, h) {
                pm.meta.title = Some(h.trim().to_string());
                break;
            }
        }
    }

    let lang = html_lang(dom)
        .or_else(|| tags.get("content-language").cloned())
        .or_else(|| tags.get("og:locale").cloned())
        .or_else(|| art.and_then(|a| a.get("inLanguage")).and_then(str_of));
    // "en" names no region; the page's locale may ("en_US": month first)
    let order = lang
        .as_deref()
        .and_then(NumericOrder::of_language)
        .or_else(|| {
            let locale = tags.get("og:locale")?;
            let same = |a: &str| a.split(['-', '_']).next().map(str::to_ascii_lowercase);
            (same(lang.as_deref()?) == same(locale)).then(|| NumericOrder::of_language(locale))?
        });

    // publisher
    pm.meta.publisher = art
        .and_then(|a| a.get("publisher"))
        .and_then(str_of)
        .or_else(|| {
            first(
                &tags,
                &[
                    "og:site_name",
                    "application-name",
                    "publisher",
                    "dc.publisher",
                ],
            )
            .map(|x| x.1.to_string())
        });

    if let Some(t) = pm.meta.title.take() {
        let t = crate::encoding::repair_mojibake(&t).into_owned();
        let t = without_date_edge(&t);
        let names = [
            pm.meta.publisher.as_deref(),
            tags.get("og:site_name").map(String::as_str),
        ];
        let t = without_site_name(t, &names, self_url.as_deref());
        let t = without_tail(t);
        pm.meta.title = Some(t.to_string());
    }

    // authors: declared ones, unless they only name the site and the page's
    // byline names someone
    let people = named_ids(&ld);
    let mut declared = Vec::new();
    if let Some(a) = art.and_then(|a| a.get("author")) {
        names_of(a, &people, &mut declared);
    }
    if declared.is_empty() {
        for k in [
            "author",
            "article:author",
            "dc.creator",
            "sailthru.author",
            "parsely-author",
            "byl",
        ] {
            if let Some(v) = tags.get(k) {
                byline::push_authors(&mut declared, v);
            }
            if !declared.is_empty() {
                break;
            }
        }
    }
    if declared.is_empty()
        && tags.get("twitter:label1").is_some_and(|l| {
            let l = l.trim().to_lowercase();
            l.ends_with(" by") || l.starts_with("author")
        })
    {
        if let Some(v) = tags.get("twitter:data1") {
            byline::push_authors(&mut declared, v);
        }
    }
    let site = tags.get("og:site_name").map(String::as_str);
    let only_site = |v: &[String]| {
        v.iter()
            .all(|a| byline::is_site(a, pm.meta.publisher.as_deref(), site, self_url.as_deref()))
    };
    // "Jane Roe, The Daily": the site beside a person is not an author
    if !only_site(&declared) {
        let not_site: Vec<String> = declared
            .iter()
            .filter(|a| !only_site(std::slice::from_ref(a)))
            .cloned()
            .collect();
        declared = not_site;
    }
    pm.meta.authors = if declared.is_empty() || only_site(&declared) {
        let mut shown = Vec::new();
        byline_authors(dom, &mut shown);
        if shown.is_empty() {
            if let Some(t) = head.and_then(|h| header::byline_text(dom, h, self_url.as_deref())) {
                byline::push_authors(&mut shown, &t);
            }
        }
        // beyond the header only for pages that declare nobody (a personal
        // site's name may be its author)
        if shown.is_empty() && declared.is_empty() {
            if let Some(t) = header::labelled_author(dom, self_url.as_deref()) {
                byline::push_authors(&mut shown, &t);
            }
        }
        if shown.is_empty() {
            author_page_link(dom, &mut shown);
        }
        if shown.is_empty() || (!declared.is_empty() && only_site(&shown)) {
            declared
        } else {
            shown
        }
    } else {
        declared
    };

    for a in pm.meta.authors.iter_mut() {
        if let std::borrow::Cow::Owned(r) = crate::encoding::repair_mojibake(a) {
            *a = r;
        }
    }

    // dates
    let set_date = |field: &str, value: Option<String>, source: String, pm: &mut PageMeta| {
        if let Some(v) = value {
            match field {
                "published" => pm.meta.published = Some(v),
                _ => pm.meta.modified = Some(v),
            }
            pm.meta.date_source.push((field.to_string(), source));
        }
    };
    // a meta value as written ("Thu, 09/25/2025 - 11:38" too)
    let date_value = |v: &str| {
        dates::normalize(v).or_else(|| {
            (v.len() <= 60)
                .then(|| dates::find(v, order).map(|x| x.0))
                .flatten()
        })
    };
    let shown = head
        .map(|h| header::dates(dom, h, order, self_url.as_deref()))
        .unwrap_or_default();
    let url_date = self_url.as_deref().and_then(dates::from_url);
    let published: Option<(String, String)> = art
        .and_then(|a| a.get("datePublished"))
        .and_then(str_of)
        .and_then(|s| date_value(&s))
        .map(|d| (d, "json-ld datePublished".to_string()))
        .or_else(|| {
            published_keys(&tags)
                .into_iter()
                .find_map(|k| date_value(&tags[&k]).map(|d| (d, format!("meta {k}"))))
        })
        .or_else(|| time_element(dom, self_url.as_deref()).map(|d| (d, "time element".into())))
        .or_else(|| shown.published.clone().map(|d| (d, "byline text".into())))
        .or_else(|| {
            ld.iter()
                .filter(|v| is_web_page(v))
                .find_map(|v| v.get("datePublished").and_then(str_of))
                .and_then(|s| date_value(&s))
                .map(|d| (d, "json-ld WebPage datePublished".into()))
        })
        .or_else(|| url_date.clone().map(|d| (d, "url".into())))
        .or_else(|| only_update(art, &shown, date_value))
        .or_else(|| {
            header::classed_date(dom, order, self_url.as_deref()).map(|d| (d, "date class".into()))
        })
        .or_else(|| {
            shown::card_date(dom, order, self_url.as_deref()).map(|d| (d, "author card".into()))
        })
        .or_else(|| {
            let headline = head.map(|h| dom.text_of(h));
            shown::own_teaser_date(dom, order, self_url.as_deref(), headline.as_deref())
                .map(|d| (d, "the page's own teaser".into()))
        });
    // a declared publication date later than the one the header shows is a
    // re-stamp (a move to a new CMS, a republished page): the page's own
    // earlier date is when it first came out. Days apart, not one: a moment
    // in another zone may be the next day. Not when the URL's date agrees
    // with the declared one (the earlier date is then some other day the
    // text names: "2018.04.05 ~ open run").
    let url_agrees = |d: &str| {
        url_date
            .as_deref()
            .is_some_and(|u| u.get(..10) == d.get(..10) || dates::next_day_in_utc(d, &u[..10]))
    };
    let shown_published = shown
        .published
        .clone()
        .or_else(|| pubdate_time(dom, self_url.as_deref()));
    let published = match (published, shown_published.as_deref()) {
        (Some((d, src)), Some(s))
            if src != "byline text" && restamped(&d, s) && !url_agrees(&d) =>
        {
            Some((s.to_string(), format!("byline text (earlier than {src})")))
        }
        (p, _) => p,
    };
    // "This article was originally published on 26 Sep 2019": the page tells
    // its readers when it first came out, whatever its header or markup says
    let published = match shown::originally_published(dom, order, self_url.as_deref()) {
        Some(first)
            if published
                .as_ref()
                .is_none_or(|p| p.0.get(..10) != first.get(..10)) =>
        {
            Some((first, "text: originally published".to_string()))
        }
        _ => published,
    };
    // the date line under the headline shows one date, with no word calling
    // it an update, and the declared date, another day (not the same moment
    // in another zone), is written nowhere on the page: the
    // reader is told the date line's date, and the declared one is a stamp
    // the CMS keeps (of a first draft, of a page's template); a later one is
    // kept as the modified date
    let mut stamp_modified = None;
    let published = match (published, shown.sole.as_deref()) {
        (Some((d, src)), Some(s))
            if !src.starts_with("byline text")
                && !src.starts_with("text:")
                && !dates::could_be_day(&d, s)
                && !url_agrees(&d)
                && !d
                    .get(..10)
                    .is_some_and(|day| shown::shows_day(dom, day, order)) =>
        {
            if d.get(..10) > s.get(..10) {
                stamp_modified = Some(d);
            }
            Some((
                s.to_string(),
                format!("byline text, the only date shown ({src} is shown nowhere)"),
            ))
        }
        (p, _) => p,
    };
    if let Some((d, src)) = published {
        // a moment in UTC may fall on the next day: the day in the page's URL
        // is the one it was published on where it was published
        let local = url_date.as_deref().map(|x| x[..10].to_string());
        match local.filter(|l| dates::next_day_in_utc(&d, l)) {
            Some(l) => set_date(
                "published",
                Some(l),
                format!("{src}, the page's day"),
                &mut pm,
            ),
            None => set_date("published", Some(d), src, &mut pm),
        }
    }
    if let Some(d) = art
        .and_then(|a| a.get("dateModified"))
        .and_then(str_of)
        .and_then(|s| date_value(&s))
    {
        set_date("modified", Some(d), "json-ld dateModified".into(), &mut pm);
    } else if let Some((k, d)) = MODIFIED_KEYS
        .iter()
        .find_map(|k| tags.get(*k).and_then(|v| date_value(v)).map(|d| (*k, d)))
    {
        set_date("modified", Some(d), format!("meta {k}"), &mut pm);
    } else if let Some(d) = shown.modified {
        set_date("modified", Some(d), "byline text".into(), &mut pm);
    } else if let Some(d) = stamp_modified {
        set_date(
            "modified",
            Some(d),
            "declared published, shown nowhere".into(),
            &mut pm,
        );
    }

    // url: where the page was got; else its canonical link
    pm.meta.url = self_url;

    // language
    pm.meta.language = lang.and_then(|l| primary_language(&l));

    pm.article_body = art
        .and_then(|a| a.get("articleBody"))
        .and_then(|b| b.as_str())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    pm
}

/// The day of a `<time pubdate>` ("Published <time pubdate
/// datetime=2025-08-13>August 13, 2025</time>"), the element HTML5 drafts
/// gave for an article's publication date, wherever the page shows it
/// (often after the text); never in a list, an aside, navigation, a page
/// footer or a link to another page.
fn pubdate_time(dom: &Dom, self_url: Option<&str>) -> Option<String> {
    dom.elements_named("time").find_map(|id| {
        dom.attr_raw(id, "pubdate")?;
        if inside(dom, id, &[Tag::li, Tag::aside, Tag::nav, Tag::footer])
            || link_elsewhere(dom, id, self_url)
        {
            return None;
        }
        let v = dom
            .attr(id, "datetime")
            .map(|s| s.into_owned())
            .unwrap_or_else(|| dom.text_of(id));
        dates::normalize(&v).map(|d| d.chars().take(10).collect())
    })
}

/// Is the declared publication date `declared` two days or more after the
/// date `shown` in the page's header?
fn restamped(declared: &str, shown: &str) -> bool {
    match (dates::day_number(declared), dates::day_number(shown)) {
        (Some(d), Some(s)) => d - s >= 2,
        _ => false,
    }
}

/// The date a page gives only as its update, when it gives no other: the
/// "Updated June 12, 2025" line of a page that shows no publication date, or
/// the article object's `dateModified` when it declares no `datePublished`.
/// That is the best publication date the page has, not a guess; a
/// `article:modified_time` meta tag alone is not (CMSs stamp it on every save
/// of any page), nor is an update beside a publication date.
fn only_update(
    art: Option<&Value>,
    shown: &header::HeaderDates,
    date_value: impl Fn(&str) -> Option<String>,
) -> Option<(String, String)> {
    shown
        .modified
        .clone()
        .map(|d| (d, "byline text, updated (the only date shown)".to_string()))
        .or_else(|| {
            let a = art.filter(|a| a.get("datePublished").is_none())?;
            let d = a.get("dateModified").and_then(str_of)?;
            date_value(&d).map(|d| (d, "json-ld dateModified (no datePublished)".into()))
        })
}

fn primary_language(l: &str) -> Option<String> {
    let p = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_lowercase())).then_some(p)
}

fn html_lang(dom: &Dom) -> Option<String> {
    dom.elements_named("html")
        .next()
        .and_then(|h| dom.attr(h, "lang"))
        .map(|s| s.into_owned())
}

fn canonical(dom: &Dom) -> Option<String> {
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) == Tag::link
            && dom
                .attr_raw(id, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical"))
        {
            if let Some(h) = dom.attr(id, "href") {
                if h.starts_with("http") {
                    return Some(h.into_owned());
                }
            }
        }
    }
    None
}

fn title_tag(dom: &Dom) -> Option<String> {
    let t = dom.elements_named("title").next()?;
    let s = dom.text_of(t);
    // "Headline | Site" → "Headline"
    let cut = [" | ", " – ", " — ", " - "]
        .iter()
        .filter_map(|sep| s.rfind(sep))
        .max()
        .filter(|&i| i > 15)
        .unwrap_or(s.len());
    let s = s[..cut].trim();
    // "davidbau.com Vibe Coding": the site's domain before the headline
    let s = match s.split_once(' ') {
        Some((d, rest)) if domain_name(d) && !rest.trim().is_empty() => rest.trim(),
        _ => s,
    };
    (!s.is_empty()).then(|| s.to_string())
}

/// "Dec 18 2025 Preparing a transition" → "Preparing a transition": a date
/// opening a headline, or closing it written out or after a separator
/// ("Story Dec 18, 2025", "Story | 2025-12-18"), is the page's date line run
/// into it; a number the headline's own words end with ("Metasploit Wrap-Up
/// 12/19/2025") is part of it.
fn without_date_edge(t: &str) -> &str {
    let edge = |c: char| c.is_whitespace() || matches!(c, ',' | '-' | '|' | ':' | '–' | '—' | '·');
    if let Some((_, s, e)) = dates::find(t, None) {
        let before = t[..s].trim_end();
        let rest = if s == 0 {
            t[e..].trim_start_matches(edge)
        } else if t[e..].trim_matches(edge).is_empty()
            && (before.ends_with(|c: char| c != ' ' && edge(c))
                || t[s..e].chars().any(char::is_alphabetic))
        {
            t[..s].trim_end_matches(edge)
        } else {
            t
        };
        if rest.split_whitespace().count() >= 2 {
            return rest;
        }
    }
    t
}

/// "Headline | Site" → "Headline" when "Site" is the site's name or its
/// domain ("What do people love about Rust? | Rust Blog" on blog.rust-lang.org
/// whose og:site_name is "Rust Blog").
fn without_site_name<'t>(title: &'t str, names: &[Option<&str>], url: Option<&str>) -> &'t str {
    for sep in TITLE_SEPARATORS {
        let Some(i) = title.rfind(sep) else {
            continue;
        };
        let (head, tail) = (title[..i].trim(), title[i + sep.len()..].trim());
        if head.len() < 10 {
            continue;
        }
        let site = names
            .iter()
            .flatten()
            .any(|n| !n.trim().is_empty() && n.trim().eq_ignore_ascii_case(tail))
            || byline::is_site(tail, None, None, url)
            || byline::names_host(tail, url);
        if site {
            return head;
        }
    }
    title
}

/// A title without the labels after its headline: "Headline | Section |
/// Site" → "Headline" (a pipe stands between a headline and its labels, even
/// in an `h1`).
fn without_tail(title: &str) -> &str {
    match title.split_once(" | ") {
        Some((head, _)) if head.chars().any(char::is_alphanumeric) => head.trim(),
        _ => title,
    }
}

/// The names a site goes by: `og:site_name`, `application-name`, the
/// publisher, the part of `<title>` after its headline ("... | Playful
/// Tones"), its host ("davidbau.com").
struct SiteNames {
    names: Vec<String>,
    host: String,
}

impl SiteNames {
    fn of(
        dom: &Dom,
        tags: &HashMap<String, String>,
        art: Option<&Value>,
        url: Option<&str>,
    ) -> SiteNames {
        let mut names: Vec<String> = ["og:site_name", "application-name", "publisher"]
            .iter()
            .filter_map(|k| tags.get(*k))
            .map(|n| byline::squash(n))
            .collect();
        if let Some(p) = art.and_then(|a| a.get("publisher")).and_then(str_of) {
            names.push(byline::squash(&p));
        }
        if let Some(t) = dom.elements_named("title").next() {
            if let Some(tail) = title_site_part(&dom.text_of(t)) {
                names.push(byline::squash(tail));
            }
        }
        names.retain(|n| !n.is_empty());
        let host = url
            .and_then(|u| u.split("://").nth(1))
            .and_then(|r| r.split('/').next())
            .map(|h| byline::squash(h.trim_start_matches("www.")))
            .unwrap_or_default();
        SiteNames { names, host }
    }

    /// Is `heading` the site's name (a logo's h1) rather than a headline?
    fn heading(&self, heading: &str) -> bool {
        let a = byline::squash(heading);
        !a.is_empty() && (self.names.contains(&a) || a == self.host || domain_name(heading))
    }
}

/// The part of a `<title>` after its headline and last separator, when the
/// headline before it has ten characters or more and more words than it
/// ("Site | The headline of the story" names no site after the pipe).
fn title_site_part(t: &str) -> Option<&str> {
    let (i, sep) = TITLE_SEPARATORS
        .iter()
        .filter_map(|sep| t.rfind(sep).map(|i| (i, sep)))
        .max_by_key(|x| x.0)?;
    let (head, tail) = (t[..i].trim(), t[i + sep.len()..].trim());
    let words = |s: &str| s.split_whitespace().count();
    (head.len() >= 10 && !tail.is_empty() && words(tail) <= 5 && words(head) > words(tail))
        .then_some(tail)
}

/// What stands between a headline and the site's name in a title.
const TITLE_SEPARATORS: &[&str] = &[" | ", " – ", " — ", " - ", " :: ", " · ", " • "];

/// Words of a title of three letters or more.
fn title_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .collect()
}

/// Written in capitals ("SUPPORTING GAAP COMPLIANCE")?
fn shouting(s: &str) -> bool {
    let mut letters = s.chars().filter(|c| c.is_alphabetic()).peekable();
    letters.peek().is_some()
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 6
        && letters.all(char::is_uppercase)
}

/// Is `declared` the heading `h` followed by a separator and more ("Coffee -
/// University of X" for "Coffee")?
fn headline_then_site(declared: &str, h: &str) -> bool {
    let (d, h) = (declared.trim(), h.trim());
    if h.is_empty() || d.len() <= h.len() || !d.is_char_boundary(h.len()) {
        return false;
    }
    d[..h.len()].eq_ignore_ascii_case(h)
        && TITLE_SEPARATORS
            .iter()
            .any(|sep| d[h.len()..].starts_with(sep))
}

/// Is `h` the title `t` after a short label and a colon ("Blog: T")?
fn labelled(h: &str, t: &str) -> bool {
    let (h, t) = (h.trim(), t.trim());
    h.len() > t.len()
        && h.is_char_boundary(h.len() - t.len())
        && h[h.len() - t.len()..].eq_ignore_ascii_case(t)
        && h[..h.len() - t.len()]
            .trim_end()
            .strip_suffix(':')
            .is_some_and(|l| (1..=2).contains(&l.split_whitespace().count()))
}

/// A bare domain name ("davidbau.com"): a site's name, not a headline.
fn domain_name(s: &str) -> bool {
    let s = s.trim();
    let Some((name, tld)) = s.rsplit_once('.') else {
        return false;
    };
    !s.contains(' ')
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'))
}

/// The headline a page marks with schema.org microdata (`<h2
/// itemprop="headline">`, or `<meta itemprop="headline" content>`): declared
/// like JSON-LD's, so it goes before `<title>`, whose parts may put the
/// site's name first ("Site | site.com - The headline").
fn microdata_headline(dom: &Dom) -> Option<String> {
    for id in 1..dom.nodes.len() as NodeId {
        let t = dom.tag(id);
        if t == Tag::Text
            || t == Tag::Comment
            || !dom.attr_raw(id, "itemprop").is_some_and(|v| {
                v.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("headline"))
            })
            || inside(
                dom,
                id,
                &[Tag::a, Tag::nav, Tag::footer, Tag::aside, Tag::li],
            )
        {
            continue;
        }
        let raw = match t {
            Tag::meta => dom
                .attr(id, "content")
                .map(|c| c.into_owned())
                .unwrap_or_default(),
            _ => dom.text_of(id),
        };
        let mut s = String::new();
        crate::html::push_collapsed(&mut s, &raw);
        let s = s.trim();
        if !s.is_empty() && s.len() <= 300 {
            return Some(s.to_string());
        }
    }
    None
}

fn first_h1(dom: &Dom, site: &SiteNames) -> Option<String> {
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) == Tag::h1 && !inside(dom, id, &[Tag::a, Tag::nav, Tag::footer, Tag::aside])
        {
            let s = dom.text_of(id);
            if s.len() >= 5 && !site.heading(&s) {
                return Some(s);
            }
        }
    }
    None
}

/// Does a class word name an author's name element ("author-name",
/// "byline__name", "post-author", "authorName")? Not a picture, a biography or
/// a comment's author.
fn author_class(c: &str) -> bool {
    let c = c.to_ascii_lowercase();
    (c.contains("author") || c.contains("byline"))
        && ![
            "avatar",
            "image",
            "img",
            "photo",
            "pic",
            "bio",
            "desc",
            "comment",
            "social",
            "follow",
            "about",
            "more",
            "link",
            "card",
            "box",
            "wrapper",
            "container",
            "description",
        ]
        .iter()
        .any(|w| c.contains(w))
}

/// The text lines of `id` (one per text node, so "By" and the name stay apart).
fn lines_of(dom: &Dom, id: NodeId) -> Vec<String> {
    dom.descendants(id)
        .filter(|&d| dom.tag(d) == Tag::Text)
        .map(|d| {
            let mut s = String::new();
            crate::html::push_collapsed(&mut s, &crate::html::decode_text(dom, d));
            s.trim().to_string()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// A classed byline: `<a rel="author">`, `itemprop="author"`, an element whose
/// class names an author ("byline", "author-name", "post-author"): the first
/// of its lines that names someone ("By" and a job line after the name skipped).
fn byline_authors(dom: &Dom, out: &mut Vec<String>) {
    for id in 1..dom.nodes.len() as NodeId {
        let t = dom.tag(id);
        if t == Tag::Text
            || t == Tag::Comment
            || matches!(t, Tag::meta | Tag::link | Tag::script | Tag::img)
            || inside(dom, id, &[Tag::li, Tag::aside, Tag::nav])
            // an article's own footer names its writer in markup
            // (`itemprop=author`), not by a class ("authorInfo" boxes there
            // hold a site's motto)
            || (inside(dom, id, &[Tag::footer])
                && (in_page_footer(dom, id) || !semantic_author(dom, id)))
        {
            continue;
        }
        let rel = dom
            .attr_raw(id, "rel")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let ip = dom
            .attr_raw(id, "itemprop")
            .is_some_and(|r| r.eq_ignore_ascii_case("author"));
        let classed = dom
            .attr_raw(id, "class")
            .is_some_and(|c| c.split_whitespace().any(author_class));
        if !(rel || ip || classed) {
            continue;
        }
        let name_node = if ip {
            dom.descendants(id)
                .find(|&d| {
                    dom.attr_raw(d, "itemprop")
                        .is_some_and(|r| r.eq_ignore_ascii_case("name"))
                })
                .unwrap_or(id)
        } else {
            id
        };
        if ip && name_node != id {
            if let Some(c) = dom.attr(name_node, "content") {
                byline::push_authors(out, &c);
            }
        }
        let lines = lines_of(dom, name_node);
        if lines.iter().map(String::len).sum::<usize>() > 200 {
            // an author box: the name, then the biography
            if let Some(first) = lines.first().filter(|l| byline::person_like(l)) {
                byline::push_authors(out, first);
                if !out.is_empty() {
                    return;
                }
            }
            continue;
        }
        // "Guide by Will Judd": what comes before a bare "by" is the piece's
        // kind, not its writer
        let from = lines
            .iter()
            .position(|l| header::after_byline_label(l).is_some_and(str::is_empty))
            .map_or(0, |i| i + 1);
        for l in &lines[from..] {
            byline::push_authors(out, l);
            if !out.is_empty() {
                return;
            }
        }
    }
}

/// Does the element say in markup that it is the author (`itemprop=author`,
/// `rel=author`)?
fn semantic_author(dom: &Dom, id: NodeId) -> bool {
    ["itemprop", "rel"].iter().any(|a| {
        dom.attr_raw(id, a).is_some_and(|v| {
            v.split_whitespace()
                .any(|w| w.eq_ignore_ascii_case("author"))
        })
    })
}

/// Is `id` in a page's footer, not an article's own (`<article>...<footer>
/// <span itemprop="author">`, where the article names its writer)?
fn in_page_footer(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE && dom.tag(a) != Tag::footer {
        a = dom.node(a).parent;
    }
    a != NONE && !inside(dom, a, &[Tag::article])
}

/// The slug of an author page's URL: `/author/jane-roe/` → `jane-roe`.
fn author_slug(href: &str) -> Option<&str> {
    let h = href.as_bytes();
    if h.len() > 300
        || ![&b"/author"[..], b"/writer", b"/contributor", b"/profile"]
            .iter()
            .any(|n| h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n)))
    {
        return None;
    }
    let path = href.split(['?', '#']).next()?;
    let mut segs = path.split('/').filter(|s| !s.is_empty());
    while let Some(seg) = segs.next() {
        if matches!(
            seg.to_ascii_lowercase().as_str(),
            "author"
                | "authors"
                | "writer"
                | "writers"
                | "contributor"
                | "contributors"
                | "profile"
        ) {
            return segs.next().filter(|s| !s.contains('.') || s.contains('-'));
        }
    }
    None
}

/// An author named by a link to their page (`<a href="/author/jane-roe">Jane
/// Roe</a>`) whose slug holds the link's last word, so a "More from the team"
/// link or a listing of authors is not one; never in navigation, a page
/// footer, a teaser or a comment.
fn author_page_link(dom: &Dom, out: &mut Vec<String>) {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Tag::a {
            continue;
        }
        let Some(slug) = dom.attr_raw(id, "href").and_then(author_slug) else {
            continue;
        };
        if inside(dom, id, &[Tag::nav])
            || (inside(dom, id, &[Tag::footer]) && !inside(dom, id, &[Tag::article]))
            || (header::in_teaser_item(dom, id) && !in_post_meta(dom, id))
            || in_comment(dom, id)
        {
            continue;
        }
        let mut text = String::new();
        crate::html::push_collapsed(&mut text, &dom.text_of(id));
        let text = text.trim();
        let text = header::after_byline_label(text).unwrap_or(text);
        let Some(last) = text.split_whitespace().last().map(letters) else {
            continue;
        };
        // "/author/ray/" for Ray Ansari: the first name will do
        let first = text
            .split_whitespace()
            .next()
            .map(letters)
            .unwrap_or_default();
        let in_slug = |w: &str| w.chars().count() >= 3 && letters(slug).contains(w);
        // "Articles by Jane": a label, not a name
        let label = text.split_whitespace().any(|w| {
            w.chars().all(char::is_lowercase)
                && !matches!(w, "and" | "van" | "der" | "de" | "von" | "da")
        });
        if label || text.len() > 80 || !(in_slug(&last) || in_slug(&first)) {
            continue;
        }
        byline::push_authors(out, text);
        if !out.is_empty() {
            return;
        }
    }
}

/// Is `id` in the article's own meta list (`<ul class="post-info"><li><a
/// href="/author/...">By Jane Roe</a>`), whose items are no teasers?
fn in_post_meta(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    for _ in 0..5 {
        if a == NONE {
            return false;
        }
        if dom.attr_raw(a, "class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            [
                "post-info",
                "post-meta",
                "entry-meta",
                "article-meta",
                "byline",
            ]
            .iter()
            .any(|w| c.contains(w))
        }) {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

/// Is `id` in a comment (a class or id that says so)?
pub(crate) fn in_comment(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if ["class", "id"].iter().any(|n| {
            dom.attr_raw(a, n)
                .is_some_and(|v| v.to_ascii_lowercase().contains("comment"))
        }) {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

/// `<time itemprop="datePublished">`, else the first `<time datetime>` of the
/// article header, never one inside a link or list (related-article teasers)
/// unless the link is to the page itself (WordPress's "Posted on <a
/// rel=bookmark href=PAGE><time>").
fn time_element(dom: &Dom, self_url: Option<&str>) -> Option<String> {
    let mut fallback = None;
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Tag::time && dom.attr_raw(id, "itemprop").is_none() {
            continue;
        }
        let ip = dom
            .attr_raw(id, "itemprop")
            .is_some_and(|r| r.eq_ignore_ascii_case("datePublished"));
        if dom.tag(id) != Tag::time && !ip {
            continue;
        }
        if inside(dom, id, &[Tag::li, Tag::aside, Tag::nav, Tag::footer])
            || link_elsewhere(dom, id, self_url)
        {
            continue;
        }
        let v = dom
            .attr(id, "datetime")
            .or_else(|| dom.attr(id, "content"))
            .map(|s| s.into_owned())
            .unwrap_or_else(|| dom.text_of(id));
        let Some(d) = dates::normalize(&v) else {
            continue;
        };
        if ip {
            return Some(d);
        }
        let in_header = inside(dom, id, &[Tag::header, Tag::article]);
        if fallback.is_none() && in_header {
            fallback = Some(d);
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_wins_and_sources_are_named() {
        let html = r#"<html lang="en-GB"><head>
<meta property="og:title" content="OG title">
<meta property="og:site_name" content="The Daily">
<meta property="article:published_time" content="2020-01-02T03:04:05Z">
<meta property="article:modified_time" content="2020-01-03T00:00:00+01:00">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},
 {"@type":"NewsArticle","headline":"LD &amp; headline","datePublished":"2020-01-01T10:00:00-05:00",
  "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Chan"}],
  "publisher":{"@type":"Organization","name":"Daily Corp"},"articleBody":"Body text."}]}</script>
</head><body><ul><li><a href="/other"><time datetime="2019-05-05">May 5</time></a></li></ul></body></html>"#;
        let m = extract(
            &Dom::parse(html),
            Some("https://daily.example/2020/01/01/story"),
        );
        assert_eq!(m.meta.title.as_deref(), Some("LD & headline"));
        assert_eq!(m.meta.authors, vec!["Ann Lee", "Bo Chan"]);
        assert_eq!(
            m.meta.published.as_deref(),
            Some("2020-01-01T10:00:00-05:00")
        );
        assert_eq!(
            m.meta.modified.as_deref(),
            Some("2020-01-03T00:00:00+01:00")
        );
        assert_eq!(m.meta.publisher.as_deref(), Some("Daily Corp"));
        assert_eq!(m.meta.language.as_deref(), Some("en"));
        assert_eq!(m.article_body.as_deref(), Some("Body text."));
        assert_eq!(
            m.meta.date_source[0],
            ("published".into(), "json-ld datePublished".into())
        );
        assert_eq!(
            m.meta.date_source[1],
            ("modified".into(), "meta article:modified_time".into())
        );
    }

    #[test]
    fn never_a_related_link_date() {
        let html = r#"<html><body><h1>A headline here</h1><ul><li><a href="/x"><time datetime="2019-05-05">May 5</time></a></li></ul>
<aside><time datetime="2019-05-06">x</time></aside><p>text</p></body></html>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(m.meta.published, None);
        assert!(m.meta.date_source.is_empty());
        assert_eq!(m.meta.title.as_deref(), Some("A headline here"));
        let with_time =
            r#"<article><header><time datetime="2021-02-03T04:05">Feb 3</time></header></article>"#;
        let m = extract(&Dom::parse(with_time), None);
        assert_eq!(m.meta.published.as_deref(), Some("2021-02-03T04:05:00"));
        assert_eq!(m.meta.date_source[0].1, "time element");
    }

    #[test]
    fn a_date_line_under_the_headline() {
        let page = |header: &str| {
            format!(
                "<html><body><ul><li><a href=/old>Old story</a> <span>May 1, 2019</span></li></ul>\
                     <h1>A headline here</h1>{header}<p>{}</p></body></html>",
                "Prose of the article. ".repeat(20)
            )
        };
        let m = extract(
            &Dom::parse(&page(
                "<div><span>By Jane Roe</span><span>Published on June 12, 2025</span></div>",
            )),
            None,
        );
        assert_eq!(m.meta.published.as_deref(), Some("2025-06-12"));
        assert_eq!(m.meta.date_source[0].1, "byline text");
        // a date after the prose began, in a link or a teaser is not a byline's
        for header in [
            "<div><a href=/other>June 12, 2025</a></div>",
            "<ul><li><a href=/other>Another story</a> <span>June 12, 2025</span></li></ul>",
        ] {
            let m = extract(&Dom::parse(&page(header)), None);
            assert_eq!(m.meta.published, None, "{header}");
        }
        let late = format!(
            "<h1>A headline here</h1><p>{0}</p><p>{0}</p><p>June 12, 2025</p>",
            "Prose. ".repeat(40)
        );
        assert_eq!(extract(&Dom::parse(&late), None).meta.published, None);
    }

    #[test]
    fn an_update_is_the_publication_only_when_it_is_the_only_date() {
        let page = |header: &str, head: &str| {
            format!(
                "<html><head>{head}</head><body><h1>A headline here</h1>{header}<p>{}</p></body></html>",
                "Prose of the article. ".repeat(20)
            )
        };
        // the page shows only its update: that is the date it has
        for header in [
            "<div><span>Updated on</span> <span>June 12, 2025</span></div>",
            "<p>Last updated June 12, 2025</p>",
        ] {
            let m = extract(&Dom::parse(&page(header, "")), None);
            assert_eq!(m.meta.published.as_deref(), Some("2025-06-12"), "{header}");
            assert_eq!(m.meta.modified.as_deref(), Some("2025-06-12"), "{header}");
            assert!(m.meta.date_source[0].1.contains("updated"), "{header}");
        }
        // beside a publication date, an update never replaces it
        let both = "<p>Published May 2, 2025 · Updated June 12, 2025</p>";
        let m = extract(&Dom::parse(&page(both, "")), None);
        assert_eq!(m.meta.published.as_deref(), Some("2025-05-02"));
        assert_eq!(m.meta.modified.as_deref(), Some("2025-06-12"));
        // an article object that declares only its modification
        let ld = r#"<script type="application/ld+json">{"@type":"Article","headline":"A headline here","dateModified":"2024-03-05T10:00:00Z"}</script>"#;
        let m = extract(&Dom::parse(&page("", ld)), None);
        assert_eq!(m.meta.published.as_deref(), Some("2024-03-05T10:00:00Z"));
        // a CMS's modified_time meta tag alone is no publication date
        let tag = r#"<meta property="article:modified_time" content="2024-03-05T10:00:00Z">"#;
        let m = extract(&Dom::parse(&page("", tag)), None);
        assert_eq!(m.meta.published, None);
        assert_eq!(m.meta.modified.as_deref(), Some("2024-03-05T10:00:00Z"));
    }

    #[test]
    fn a_time_in_a_link_to_the_page_itself() {
        let html = r#"<html><head><link rel="canonical" href="https://x.example/2609/"></head><body>
<article><header><h1>A headline here</h1>Posted on <a href="https://x.example/2609/" rel="bookmark"><time datetime="2020-06-29T15:00:23-05:00">June 29, 2020</time></a></header></article>
</body></html>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(
            m.meta.published.as_deref(),
            Some("2020-06-29T15:00:23-05:00")
        );
        let other = html.replace(
            r#"<a href="https://x.example/2609/""#,
            r#"<a href="https://x.example/other/""#,
        );
        assert_eq!(extract(&Dom::parse(&other), None).meta.published, None);
    }

    #[test]
    fn a_web_page_date_in_json_ld() {
        let html = r#"<script type="application/ld+json">{"@graph":[{"@type":"WebPage","datePublished":"2024-03-17T19:47:39+00:00","dateModified":"2024-05-03T10:57:58Z"}]}</script><h1>Headline words</h1>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(m.meta.published.as_deref(), Some("2024-03-17T19:47:39Z"));
        assert_eq!(m.meta.date_source[0].1, "json-ld WebPage datePublished");
    }

    #[test]
    fn json_ld_written_with_entities_and_person_by_id() {
        let html = r#"<script type="application/ld+json">{&quot;@graph&quot;:[{&quot;@type&quot;:&quot;Article&quot;,&quot;headline&quot;:&quot;A story&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;,&quot;author&quot;:{&quot;@id&quot;:&quot;#p1&quot;}},{&quot;@type&quot;:&quot;Person&quot;,&quot;@id&quot;:&quot;#p1&quot;,&quot;name&quot;:&quot;Jane Roe&quot;}]}</script>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(
            m.meta.published.as_deref(),
            Some("2025-11-17T09:00:00-05:00")
        );
        assert_eq!(m.meta.authors, vec!["Jane Roe"]);
        // the same as a framework's meta tag
        let tag = r#"<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;headline&quot;:&quot;A story&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}"><meta name="script:ld+json" content="{broken">"#;
        let m = extract(&Dom::parse(tag), None);
        assert_eq!(
            m.meta.published.as_deref(),
            Some("2025-11-17T09:00:00-05:00")
        );
        assert_eq!(m.meta.date_source[0].1, "json-ld datePublished");
    }

    #[test]
    fn the_site_as_author_gives_way_to_the_byline() {
        let html = r#"<head><meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet"></head>
<body><h1>A headline here</h1><div class="article-byline"><span>By</span> <a href="/staff/jroe">Jane Roe</a> <span>Staff Writer</span></div></body>"#;
        assert_eq!(
            extract(&Dom::parse(html), None).meta.authors,
            vec!["Jane Roe"]
        );
        let no_byline = r#"<head><meta property="og:site_name" content="Daily Planet"><meta name="author" content="Daily Planet"></head><h1>A headline here</h1>"#;
        assert_eq!(
            extract(&Dom::parse(no_byline), None).meta.authors,
            vec!["Daily Planet"]
        );
    }

    #[test]
    fn url_day_for_a_moment_in_utc() {
        let html = r#"<meta property="article:published_time" content="2025-12-19T02:41:41+00:00"><link rel="canonical" href="https://x.example/2025/12/18/story/">"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(m.meta.published.as_deref(), Some("2025-12-18"));
        let same = html.replace("2025/12/18", "2025/12/19");
        let m = extract(&Dom::parse(&same), None);
        assert_eq!(m.meta.published.as_deref(), Some("2025-12-19T02:41:41Z"));
    }

    #[test]
    fn a_kicker_before_by_is_no_author() {
        let html = r#"<html><body><h1>How to choose a monitor</h1><div class="byline"><span class="kind">Guide</span> <span>by</span> <span class="author"><a href="/authors/jo-bloggs">Jo Bloggs</a></span></div><p>Text.</p></body></html>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(m.meta.authors, vec!["Jo Bloggs"]);
    }

    #[test]
    fn an_author_in_the_articles_own_footer() {
        let html = r#"<article><h2>How to train a puppy</h2><p>Body.</p><footer><span class="date">Aug 12, 2025</span><span itemprop="author" itemscope>The Kennel Team</span></footer></article>"#;
        assert_eq!(
            extract(&Dom::parse(html), None).meta.authors,
            vec!["The Kennel Team"]
        );
        // the page's footer is about the site; a classed box is no markup of the writer
        for page in [
            r#"<article><h2>How to train a puppy</h2><p>Body.</p></article><footer><span itemprop="author">Kennel Web Team</span></footer>"#,
            r#"<article><h2>How to train a puppy</h2><p>Body.</p><footer><div class="authorInfo"><div>kennel99</div><div>Siamo il meglio dei cani 80/90!</div></div></footer></article>"#,
        ] {
            assert!(
                extract(&Dom::parse(page), None).meta.authors.is_empty(),
                "{page}"
            );
        }
    }

    #[test]
    fn a_site_name_heading_is_no_headline() {
        let body = |h: &str| {
            format!(
                r#"<html><head><meta property="og:site_name" content="Garden Notes">
<meta property="og:title" content="Why Tomatoes Split After Rain - Garden Notes"></head>
<body>{h}<p>{}</p></body></html>"#,
                "Prose of the article. ".repeat(20)
            )
        };
        // the logo's h1 names the site; the story's own h1 is the headline
        let two = body("<h1>Garden Notes</h1><h1>Why Tomatoes Split After Rain</h1>");
        let m = extract(&Dom::parse(&two), None);
        assert_eq!(
            m.meta.title.as_deref(),
            Some("Why Tomatoes Split After Rain")
        );
        // only the logo's h1: the declared title, without the site
        let logo = body("<h1>Garden Notes</h1><h2>Other things</h2>");
        let m = extract(&Dom::parse(&logo), None);
        assert_eq!(
            m.meta.title.as_deref(),
            Some("Why Tomatoes Split After Rain")
        );
        // a bare domain as the h1, and before the headline in the title
        let dom = r#"<html><head><title>plotter.net Drawing With Pens</title></head><body><h1>plotter.net</h1><h2>December 1, 2025</h2></body></html>"#;
        let m = extract(&Dom::parse(dom), None);
        assert_eq!(m.meta.title.as_deref(), Some("Drawing With Pens"));
        // a short h1 the declared title opens before the site's name
        let short = r#"<html><head><meta property="og:title" content="Coffee - University of Somewhere"></head><body><h1>Coffee</h1></body></html>"#;
        let m = extract(&Dom::parse(short), None);
        assert_eq!(m.meta.title.as_deref(), Some("Coffee"));
    }

    #[test]
    fn headings_styled_labelled_or_cut_short() {
        // capitals are the design's; the declared title is as written
        let caps = r#"<html><head><meta property="og:title" content="Weekend Coding Agent"></head><body><h1>WEEKEND CODING AGENT</h1></body></html>"#;
        let m = extract(&Dom::parse(caps), None);
        assert_eq!(m.meta.title.as_deref(), Some("Weekend Coding Agent"));
        // a section label run into the h1
        let label = r#"<html><head><meta property="og:title" content="Best Bakeries in Lyon in 2025 | Crumbs"></head><body><h1>Blog: Best Bakeries in Lyon in 2025</h1></body></html>"#;
        let m = extract(&Dom::parse(label), None);
        assert_eq!(
            m.meta.title.as_deref(),
            Some("Best Bakeries in Lyon in 2025")
        );
        // a declared title cut short under the heading that shows it whole
        let cut = r#"<html><head><meta property="og:title" content="Ask Us: How To Arrange A Small Kitchen (Including"></head><body><h2>Menu</h2><h2>Ask Us: How To Arrange A Small Kitchen (Including One Trick)</h2></body></html>"#;
        let m = extract(&Dom::parse(cut), None);
        assert_eq!(
            m.meta.title.as_deref(),
            Some("Ask Us: How To Arrange A Small Kitchen (Including One Trick)")
        );
        // ... but a date line after it is no more headline
        let dated = r#"<html><head><meta property="og:title" content="Porting a parser in a week"></head><body><h1>Jo Bloggs</h1><h2>Porting a parser in a week / Dec 2025</h2></body></html>"#;
        let m = extract(&Dom::parse(dated), None);
        assert_eq!(m.meta.title.as_deref(), Some("Porting a parser in a week"));
        // a number the headline ends with is its own; a date written out is the date line's
        let own = r#"<h1>Weekly Wrap-Up 12/19/2025</h1>"#;
        assert_eq!(
            extract(&Dom::parse(own), None).meta.title.as_deref(),
            Some("Weekly Wrap-Up 12/19/2025")
        );
        let line = r#"<h1>Weekly Backpacking Checklist Jan 5, 2024</h1>"#;
        assert_eq!(
            extract(&Dom::parse(line), None).meta.title.as_deref(),
            Some("Weekly Backpacking Checklist")
        );
    }

    #[test]
    fn title_without_the_site_name() {
        let html = r#"<meta property="og:site_name" content="Rust Blog"><title>What do people love about Rust? | Rust Blog</title>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(
            m.meta.title.as_deref(),
            Some("What do people love about Rust?")
        );
        let dated = r#"<h1>Dec 18 2025 Preparing a transition</h1>"#;
        assert_eq!(
            extract(&Dom::parse(dated), None).meta.title.as_deref(),
            Some("Preparing a transition")
        );
        let host = r#"<link rel="canonical" href="https://tires.bridgestone.com/x"><title>The Ultimate Car Checklist | Bridgestone Tires</title>"#;
        assert_eq!(
            extract(&Dom::parse(host), None).meta.title.as_deref(),
            Some("The Ultimate Car Checklist")
        );
        // a pipe stands between a headline and its labels, whatever they are
        let labels = r#"<meta property="og:site_name" content="Rust Blog"><title>Rust vs Go | A comparison</title>"#;
        assert_eq!(
            extract(&Dom::parse(labels), None).meta.title.as_deref(),
            Some("Rust vs Go")
        );
        let h1 = r#"<h1>Best Residential Movers in NYC 2025 | Top 19 Companies</h1>"#;
        assert_eq!(
            extract(&Dom::parse(h1), None).meta.title.as_deref(),
            Some("Best Residential Movers in NYC 2025")
        );
    }

    #[test]
    fn the_only_h1_over_an_seo_title() {
        let html = r#"<meta property="og:title" content="Top 11 SEO Strategies for 2025">
<h1>11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead</h1><p>Text.</p>"#;
        assert_eq!(
            extract(&Dom::parse(html), None).meta.title.as_deref(),
            Some("11 SEO Strategies for 2025 to Boost Rankings and Stay Ahead")
        );
        // two h1s: one may be the site's; a short h1 is a label
        for page in [
            r#"<meta property="og:title" content="Small adventures with language models"><h1>Engora Data Blog of Notes</h1><h1>Another heading on the page</h1>"#,
            r#"<meta property="og:title" content="Small adventures with language models"><h1>M&amp;A Updates</h1>"#,
        ] {
            assert_eq!(
                extract(&Dom::parse(page), None).meta.title.as_deref(),
                Some("Small adventures with language models"),
                "{page}"
            );
        }
        // the declared title shown in another heading stays
        let shown = r#"<meta property="og:title" content="What do people love about Rust?">
<h1>But what they love is the sense of empowerment</h1><h2>What do people love about Rust?</h2>"#;
        assert_eq!(
            extract(&Dom::parse(shown), None).meta.title.as_deref(),
            Some("What do people love about Rust?")
        );
    }

    #[test]
    fn authors_beyond_the_header() {
        // an author box after the article, its label and name apart
        let boxed = r#"<h1>A headline of the story</h1><p>Body text here.</p>
<div class="bio"><div>Written by</div><div>Jack Shepherd</div><div>Co-Founder</div></div>"#;
        assert_eq!(
            extract(&Dom::parse(boxed), None).meta.authors,
            vec!["Jack Shepherd"]
        );
        // a classed author box: the name, then the biography
        let bio = "Lauren Vetter is a growth-focused marketing professional who writes about healthcare technology, practices and the people who run them, and has for many years.";
        let html = format!(
            r#"<h1>A headline of the story</h1><p>Body.</p><div class="blog_author-text"><div>Lauren Vetter</div><div><p>{bio}</p></div></div>"#
        );
        assert_eq!(
            extract(&Dom::parse(&html), None).meta.authors,
            vec!["Lauren Vetter"]
        );
        // a link to the author's page whose slug holds the name
        let linked = r#"<h1>A headline of the story</h1><div><a href="/blog/author/spencer-mcintyre/">Spencer McIntyre</a></div>"#;
        assert_eq!(
            extract(&Dom::parse(linked), None).meta.authors,
            vec!["Spencer McIntyre"]
        );
        let two = r#"<h1>A headline</h1><p><a href="/blog/author/moses-kim-and-kate-shokurova">Moses Kim and Kate Shokurova</a></p>"#;
        assert_eq!(
            extract(&Dom::parse(two), None).meta.authors,
            vec!["Moses Kim", "Kate Shokurova"]
        );
        // the article's own meta list is no teaser
        let listed = r#"<h1>A headline</h1><ul class="elementor-post-info"><li><a href="/author/natalie/"><span>By</span> Natalie Nevares</a></li></ul>"#;
        assert_eq!(
            extract(&Dom::parse(listed), None).meta.authors,
            vec!["Natalie Nevares"]
        );
        // never a label, another person's page, navigation or a comment
        for page in [
            r#"<h1>A headline</h1><a href="/author/juliette-carreiro">Articles by Juliette</a>"#,
            r#"<h1>A headline</h1><a href="/author/jroe">Jack Shepherd</a>"#,
            r#"<nav><a href="/authors/jane-roe">Jane Roe</a></nav><h1>A headline</h1>"#,
            r#"<h1>A headline</h1><ul class="related"><li><a href="/other">Other story</a> <a href="/author/jane-roe">Jane Roe</a></li></ul>"#,
            r#"<h1>A headline</h1><div class="comment-list"><a href="/author/jane-roe">Jane Roe</a></div>"#,
            r#"<h1>A headline</h1><footer><p>Written by Jane Roe</p></footer>"#,
        ] {
            assert!(
                extract(&Dom::parse(page), None).meta.authors.is_empty(),
                "{page}"
            );
        }
    }

    #[test]
    fn a_microdata_headline_before_the_title_tag() {
        // the <title> puts the site first; the microdata marks the headline
        let html = r#"<html><head><title>Quiet Rooms | quietrooms.example - Five Ways to Soundproof a Flat</title></head>
<body><h1>Features</h1><div itemscope itemtype="https://schema.org/Article"><h2 itemprop="headline">
  Five Ways to Soundproof a Flat </h2><p>Body.</p></div></body></html>"#;
        assert_eq!(
            extract(&Dom::parse(html), None).meta.title.as_deref(),
            Some("Five Ways to Soundproof a Flat")
        );
        // a headline in a teaser list is another article's
        let teaser = r#"<title>Five Ways to Soundproof a Flat</title><ul><li><h3 itemprop="headline">Another story</h3></li></ul>"#;
        assert_eq!(
            extract(&Dom::parse(teaser), None).meta.title.as_deref(),
            Some("Five Ways to Soundproof a Flat")
        );
    }

    #[test]
    fn a_bare_name_beside_the_date_line() {
        for page in [
            // the date and the name in elements of their own above the headline
            r#"<div class="meta"><span>Dec 17, 2025</span><span>Jane K. Roe</span></div><h1>Signed builds for everyone</h1><p>Body.</p>"#,
            // under it, after a separator, in a link to nowhere
            r#"<h1>Signed builds for everyone</h1><div><span>2025-12-17</span><span>·</span><a title="Jane K. Roe"><div>Jane K. Roe</div></a></div><p>Body.</p>"#,
            // "Name in <a>Category</a>"
            r#"<h1>Signed builds for everyone</h1><p>Dec 26, 2025 <span>&bull;</span> Jane K. Roe in <a href="/c/builds">Build Tools</a></p>"#,
        ] {
            assert_eq!(
                extract(&Dom::parse(page), None).meta.authors,
                vec!["Jane K. Roe"],
                "{page}"
            );
        }
        // a label of the share buttons under a block that holds the headline
        // and its date is no byline, nor a name with no date beside it
        for page in [
            r#"<div class="hero"><h5>January 23, 2025</h5><h1>Signed builds for everyone</h1><div class="social"><div>Share Article</div></div></div>"#,
            r#"<h1>Signed builds for everyone</h1><div><span>Build Tools</span><span>Release Notes</span></div>"#,
        ] {
            assert!(
                extract(&Dom::parse(page), None).meta.authors.is_empty(),
                "{page}"
            );
        }
    }

    #[test]
    fn the_only_date_shown_over_a_declared_date_shown_nowhere() {
        let page = |declared: &str, line: &str, body: &str| {
            let html = format!(
                r#"<html><head><script type="application/ld+json">{{"@type": "Article",
"headline": "How machine learning shapes commerce", "datePublished": "{declared}",
"dateModified": "2025-11-14"}}</script></head><body><h1>How machine learning shapes commerce</h1>
<div class="byline">By Jo Roe</div>{line}<p>{}</p><p>{body}</p></body></html>"#,
                "Prose of the article. ".repeat(12)
            );
            extract(&Dom::parse(&html), None).meta
        };
        let m = page("2024-09-06", "<div>November 14, 2025</div>", "");
        assert_eq!(m.published.as_deref(), Some("2025-11-14"));
        assert!(m.date_source[0].1.contains("is shown nowhere"));
        assert_eq!(m.modified.as_deref(), Some("2025-11-14"));
        // the declared date is written on the page: it stands
        let m = page(
            "2024-09-06",
            "<div>November 14, 2025</div>",
            "First published on 6 September 2024.",
        );
        assert_eq!(m.published.as_deref(), Some("2024-09-06"));
        // also as numbers read either way
        let m = page("2024-09-06", "<div>November 14, 2025</div>", "(09.06.2024)");
        assert_eq!(m.published.as_deref(), Some("2024-09-06"));
        // a line that says it is an update, or two dates: the declared date stands
        for line in [
            "<div>Updated November 14, 2025</div>",
            "<div>November 14, 2025</div><div>November 20, 2025</div>",
        ] {
            assert_eq!(
                page("2024-09-06", line, "").published.as_deref(),
                Some("2024-09-06")
            );
        }
        // a day apart is a time zone
        let m = page("2025-11-15T01:00:00Z", "<div>November 14, 2025</div>", "");
        assert_eq!(m.published.as_deref(), Some("2025-11-15T01:00:00Z"));
    }

    #[test]
    fn a_date_in_an_author_card_or_the_pages_own_teaser() {
        let prose = "Prose of the article. ".repeat(12);
        let html = format!(
            "<h1>How mobile apps are made today</h1><p>{prose}</p><p>{prose}</p>\
             <div><p>Written by <a href=/author/mo>Mo Kim</a></p><p>April 8, 2024</p></div>"
        );
        let m = extract(&Dom::parse(&html), None).meta;
        assert_eq!(m.published.as_deref(), Some("2024-04-08"));
        assert_eq!(m.date_source[0].1, "author card");
        let html = format!(
            "<h1>Reflections on a pixel perfect pipeline</h1><p>{prose}</p><p>{prose}</p>\
             <div class=sidebar><div class=post-item><h4><a href=/blog/other>Other post</a></h4>\
             <time datetime=2023-12-11>December 11, 2023</time></div><div class=post-item>\
             <h4><a href=/blog/reflections>Reflections on a pixel perfect pipeline</a></h4>\
             <time datetime=2025-12-02>December 02, 2025</time></div></div>"
        );
        let m = extract(&Dom::parse(&html), None).meta;
        assert_eq!(m.published.as_deref(), Some("2025-12-02"));
        assert_eq!(m.date_source[0].1, "the page's own teaser");
    }

    #[test]
    fn a_declared_date_after_the_shown_one_is_a_restamp() {
        let page = |declared: &str, shown: &str, url: &str| {
            let html = format!(
                r#"<html><head><meta property="article:published_time" content="{declared}"></head>
<body><h1>How to prune an apple tree</h1><p class="date">{shown}</p><p>{}</p></body></html>"#,
                "Prose of the article. ".repeat(12)
            );
            extract(&Dom::parse(&html), Some(url)).meta
        };
        // moved to a new CMS in 2025: the page still shows its first day
        let m = page(
            "2025-06-24T10:00:00Z",
            "August 25, 2024",
            "https://x.example/prune",
        );
        assert_eq!(m.published.as_deref(), Some("2024-08-25"));
        assert!(m.date_source[0].1.starts_with("byline text (earlier than"));
        // a day apart is a time zone, not a re-stamp
        let m = page(
            "2024-08-26T01:00:00Z",
            "August 25, 2024",
            "https://x.example/prune",
        );
        assert_eq!(m.published.as_deref(), Some("2024-08-26T01:00:00Z"));
        // the URL's date agrees with the declared one: the shown date is another day
        let m = page(
            "2018-10-12T06:43:54Z",
            "2018.04.05 ~ open run",
            "https://x.example/2018/10/12/prune",
        );
        assert_eq!(m.published.as_deref(), Some("2018-10-12T06:43:54Z"));
        // a paper's history names no publication date
        let m = page(
            "2023-01-07",
            "Received 2022 Oct 12; Accepted 2023 Jan 7",
            "https://x.example/prune",
        );
        assert_eq!(m.published.as_deref(), Some("2023-01-07"));
    }

    #[test]
    fn a_pubdate_time_after_the_text_shows_a_restamp() {
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"Article","datePublished":"2025-11-29T12:28:31-05:00"}}</script></head>
<body><h1>Free accounting tools</h1><p>{}</p><p>{}</p><p>{}</p><div class="published">Published <time pubdate datetime="2025-08-13">August 13, 2025</time></div></body></html>"#,
            "Prose of the article. ".repeat(12),
            "More prose of the article. ".repeat(12),
            "Yet more prose here. ".repeat(12)
        );
        let m = extract(&Dom::parse(&html), None).meta;
        assert_eq!(m.published.as_deref(), Some("2025-08-13"));
        // a pubdate in a list of other articles is theirs
        let listed = html.replace(
            r#"<div class="published">"#,
            r#"<ul><li><a href="/other">Other</a> "#,
        );
        let m = extract(&Dom::parse(&listed), None).meta;
        assert_eq!(m.published.as_deref(), Some("2025-11-29T12:28:31-05:00"));
    }

    #[test]
    fn dates_of_catalogues_and_side_columns() {
        let cited = r#"<meta name="citation_publication_date" content="2023 Jan 7">"#;
        assert_eq!(
            extract(&Dom::parse(cited), None).meta.published.as_deref(),
            Some("2023-01-07")
        );
        // the article's side column beside its headline
        let side = r#"<div><h1>A parent's guide to sleep training</h1></div><div class="grid"><aside role="complementary" class="side-col Article_aside"><p class="date">May 25, 2023</p><p>Written By <span>Angela Roe</span></p></aside><div><p>Body.</p></div></div>"#;
        assert_eq!(
            extract(&Dom::parse(side), None).meta.published.as_deref(),
            Some("2023-05-25")
        );
    }

    #[test]
    fn meta_fallbacks() {
        let html = r#"<head><title>Story title goes here | Site</title><meta name="author" content="By Jane Roe and John Doe">
<meta name="pubdate" content="garbage"><link rel="canonical" href="https://x.example/s"></head>"#;
        let m = extract(&Dom::parse(html), None);
        assert_eq!(m.meta.title.as_deref(), Some("Story title goes here"));
        assert_eq!(m.meta.authors, vec!["Jane Roe", "John Doe"]);
        assert_eq!(m.meta.published, None, "an unreadable date stays empty");
        assert_eq!(m.meta.url.as_deref(), Some("https://x.example/s"));
    }

    proptest::proptest! {
        // titles, labels and dates sliced by byte offsets: never a panic,
        // whatever the headings, separators and characters
        #[test]
        fn metadata_never_panics(s in "(<(h1|h2|h3|p|title|a href=/author/x|span class=post-date|strong)>|</(h1|h2|h3|p|title|a|span|strong)>|Author|Updated|Blog: |[A-Za-zé’ ]{0,12}| (\\||-|–|•) |[0-9]{1,4}[./-]|(Dec|Mai) [0-9]{1,2}, 20[0-9]{2}|x\\.com |©){0,30}") {
            let _ = extract(&Dom::parse(&s), Some("https://www.x.com/2020/01/02/story"));
        }
    }
}
