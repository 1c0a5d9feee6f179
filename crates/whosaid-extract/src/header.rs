//! The header of an article: the lines around its headline where pages write
//! the date ("Published June 12, 2025 · Updated June 13, 2025") and the byline
//! ("By Jane Roe, Staff Writer"). Read as text, the way a reader reads them,
//! for pages whose markup does not declare them.
//!
//! Never from a link to another page, a list item that holds a link (a
//! teaser), navigation, an aside or a footer; never past the first paragraph
//! of prose.

use crate::dates::{self, NumericOrder};
use crate::html::{decode_entities, Dom, NodeId, Tag, NONE};

/// How far past the headline the header may run (elements and text nodes).
const AFTER_HEADLINE: u32 = 1000;
/// Paragraphs of prose after which the header is over (a standfirst may come
/// before the date line).
const PROSE_PARAGRAPHS: u32 = 2;
/// How far before the headline a date line may stand ("Last updated: Dec 12,
/// 2025" above the h1).
const BEFORE_HEADLINE: u32 = 60;

pub(crate) fn inside(dom: &Dom, id: NodeId, tags: &[Tag]) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if tags.contains(&dom.tag(a)) {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

/// The path of a URL (`https://x.example/a/b?q` → `/a/b`), without a
/// trailing slash.
pub(crate) fn url_path(u: &str) -> &str {
    let u = u.trim();
    let rest = match u.split_once("://") {
        Some((_, r)) => r.find('/').map_or("", |i| &r[i..]),
        None => u,
    };
    rest.split(['?', '#'])
        .next()
        .unwrap_or("")
        .trim_end_matches('/')
}

/// Is `id` inside a link to another page? A link to the page itself (its
/// URL, its path as a relative link, `aria-current="page"`) is none.
pub(crate) fn link_elsewhere(dom: &Dom, id: NodeId, self_url: Option<&str>) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if dom.tag(a) == Tag::a {
            if dom
                .attr_raw(a, "aria-current")
                .is_some_and(|v| v.eq_ignore_ascii_case("page"))
            {
                return false;
            }
            let norm = |u: &str| u.trim().trim_end_matches('/').to_string();
            let to_self = match (dom.attr(a, "href"), self_url) {
                (Some(h), _) if h.trim().is_empty() || h.starts_with('#') => true,
                (Some(h), Some(u)) if h.starts_with('/') && !h.starts_with("//") => {
                    let p = url_path(&h);
                    !p.is_empty() && p == url_path(u)
                }
                (Some(h), Some(u)) => norm(&h) == norm(u),
                (None, _) => true,
                _ => false,
            };
            return !to_self;
        }
        a = dom.node(a).parent;
    }
    false
}

/// Path segments that name a listing: a topic, tag, category or archive page.
const LISTING_SEGMENTS: &[&str] = &[
    "topic",
    "topics",
    "tag",
    "tags",
    "category",
    "categories",
    "archive",
    "archives",
];

/// Is `href` a listing of the site's articles by date or subject rather than
/// another article: a day, month or year archive (`/2025/07/27/`, `/2025/07`)
/// or a topic, tag or category index (`/blog/topic/`)? WordPress and HubSpot
/// link an article's own date to them; the date shown is the article's.
pub(crate) fn listing_href(href: &str) -> bool {
    // no allocation: this runs for the links of every list item a date is in
    let mut segs = url_path(href).rsplit('/').filter(|s| !s.is_empty());
    let Some(last) = segs.next() else {
        return false;
    };
    if LISTING_SEGMENTS
        .iter()
        .any(|w| last.eq_ignore_ascii_case(w))
    {
        return true;
    }
    let numeric = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    if !numeric(last) {
        return false;
    }
    // the run of numbers at the end opens with a year: /2025/07/27
    let (mut first, mut run) = (last, 1);
    for s in segs {
        if !numeric(s) {
            break;
        }
        (first, run) = (s, run + 1);
    }
    run <= 3
        && first.len() == 4
        && first
            .parse::<u32>()
            .is_ok_and(|y| (1990..=2100).contains(&y))
}

/// Is `id` inside a link to a listing page ([`listing_href`])?
pub(crate) fn in_listing_link(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if dom.tag(a) == Tag::a {
            return dom.attr(a, "href").is_some_and(|h| listing_href(&h));
        }
        a = dom.node(a).parent;
    }
    false
}

/// Class words of a block that presents other articles.
pub(crate) const TEASER_CLASSES: &[&str] = &[
    "related",
    "teaser",
    "recommend",
    "popular",
    "trending",
    "read-next",
    "readnext",
    "post-item",
];

/// Is `id` in a related-article teaser: a list item that holds a link, or a
/// block classed as one ("related-post-item") that holds a link? A link to a
/// listing ([`listing_href`]: the article's own date linked to its day's
/// archive) makes no teaser.
pub(crate) fn in_teaser_item(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    let mut depth = 0;
    while a != NONE {
        let has_link = || {
            dom.descendants(a).any(|d| {
                dom.tag(d) == Tag::a && !dom.attr(d, "href").is_some_and(|h| listing_href(&h))
            })
        };
        if dom.tag(a) == Tag::li {
            return has_link();
        }
        if depth < 4
            && dom.attr_raw(a, "class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                TEASER_CLASSES.iter().any(|t| c.contains(t))
            })
            && has_link()
        {
            return true;
        }
        depth += 1;
        a = dom.node(a).parent;
    }
    false
}

fn words_lower(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Is `id` a heading for screen readers only ("Search", "Menu")?
fn hidden_heading(dom: &Dom, id: NodeId) -> bool {
    dom.attr_raw(id, "class").is_some_and(|c| {
        let c = c.to_ascii_lowercase();
        c.contains("sr-only") || c.contains("visually-hidden") || c.contains("screen-reader")
    })
}

/// The headline: the `h1` or `h2` that is the declared title (or most of it),
/// else the first visible `h1`; never one in a link, navigation, a footer or
/// an aside. (An article's own `h1` may be a section heading under an `h2`
/// headline.)
pub fn headline(dom: &Dom, title: Option<&str>) -> Option<NodeId> {
    let n = dom.nodes.len() as NodeId;
    let candidate = |id| {
        !hidden_heading(dom, id) && !inside(dom, id, &[Tag::a, Tag::nav, Tag::footer, Tag::aside])
    };
    let tw = title.map(words_lower).unwrap_or_default();
    if tw.len() >= 2 {
        let is_title = |id| {
            let hw = words_lower(&dom.text_of(id));
            let shared = hw.iter().filter(|w| tw.contains(w)).count();
            hw.len() >= 2 && shared * 3 >= hw.len() * 2 && shared * 2 >= tw.len()
        };
        if let Some(h) = (1..n)
            .find(|&id| matches!(dom.tag(id), Tag::h1 | Tag::h2) && candidate(id) && is_title(id))
        {
            return Some(h);
        }
    }
    (1..n)
        .find(|&id| dom.tag(id) == Tag::h1 && candidate(id))
        .or_else(|| {
            // no h1: the first heading holding the declared title's words
            // (a headline styled as an h4, or an h2 that adds a subtitle)
            (tw.len() >= 2).then(|| {
                (1..n).find(|&id| {
                    matches!(dom.tag(id), Tag::h2 | Tag::h3 | Tag::h4) && candidate(id) && {
                        let hw = words_lower(&dom.text_of(id));
                        let shared = tw.iter().filter(|w| hw.contains(w)).count();
                        shared * 5 >= tw.len() * 4
                    }
                })
            })?
        })
}

/// The last node of `id`'s subtree (`id` itself when it has no children).
fn last_descendant(dom: &Dom, id: NodeId) -> NodeId {
    let mut last = id;
    let mut c = dom.node(id).last_child;
    while c != NONE {
        last = c;
        c = dom.node(c).last_child;
    }
    last
}

/// What a date in the header is, by the words before it or its element's class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateLabel {
    Published,
    Modified,
    /// a review, an event, a copyright: no date of the article
    Other,
    Plain,
}

pub(crate) fn label_of(s: &str) -> DateLabel {
    // "Reviewed by Jane Roe": the label is about a person, not the date after
    let s = s
        .to_lowercase()
        .replace("reviewed by", "")
        .replace("checked by", "");
    const MODIFIED: &[&str] = &[
        "updat",
        "modif",
        "edited",
        "revised",
        "as of",
        "aktualisiert",
        "geändert",
        "mis à jour",
        "mise à jour",
        "actualiz",
        "aggiornat",
        "bijgewerkt",
        "atualiza",
    ];
    const OTHER: &[&str] = &[
        // "reviewed on", not "our review process" in an author's line
        "reviewed",
        "checked",
        "copyright",
        "©",
        "expires",
        "deadline",
        "event",
        "born",
        // a paper's history: "Received 2022 Oct 12; Accepted 2023 Jan 7"
        "received",
        "accepted",
        "submitted",
    ];
    const PUBLISHED: &[&str] = &[
        "publi",
        "posted",
        "written",
        "veröffentlicht",
        "erschienen",
        "gepubliceerd",
    ];
    // the words nearest the date decide: "Published May 1 · Updated May 3"
    let last = |ws: &[&str]| ws.iter().filter_map(|w| s.rfind(w)).max();
    let m = last(MODIFIED);
    let o = last(OTHER);
    let p = last(PUBLISHED);
    match [
        (m, DateLabel::Modified),
        (o, DateLabel::Other),
        (p, DateLabel::Published),
    ]
    .into_iter()
    .filter_map(|(at, l)| at.map(|a| (a, l)))
    .max_by_key(|x| x.0)
    {
        Some((_, l)) => l,
        None => DateLabel::Plain,
    }
}

/// The label given by the element around a date: `class="updated"`,
/// `itemprop="datePublished"`, `class="post-date published"`.
fn class_label(dom: &Dom, id: NodeId) -> DateLabel {
    markup_labels(dom, id).next().unwrap_or(DateLabel::Plain)
}

/// The dates written in an article's header.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HeaderDates {
    pub published: Option<String>,
    pub modified: Option<String>,
    /// The date line's only date, when every date the header shows its
    /// readers (none hidden) is that one day and neither words nor markup
    /// call it an update ("Dec 18, 2025" alone under the byline)
    pub sole: Option<String>,
}

pub(crate) fn hidden_parent(dom: &Dom, id: NodeId) -> bool {
    let p = dom.node(id).parent;
    p != NONE
        && matches!(
            dom.tag(p),
            Tag::script | Tag::style | Tag::noscript | Tag::template | Tag::title
        )
}

/// One short text line of the header zone, or why the zone ends.
enum Line {
    Text(String),
    Skip,
    /// a paragraph of prose
    Prose,
}

/// Is `id` in an author's box (a biography, a tooltip about the author)?
fn in_author_box(dom: &Dom, id: NodeId) -> bool {
    let mut a = id;
    for _ in 0..8 {
        if a == NONE {
            return false;
        }
        if dom.attr_raw(a, "class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            c.contains("author")
                || c.contains("bio")
                || c.contains("tooltip")
                || c.contains("byline")
        }) {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

fn line_of(dom: &Dom, id: NodeId, after_headline: bool) -> Line {
    if dom.tag(id) != Tag::Text || hidden_parent(dom, id) {
        return Line::Skip;
    }
    let mut t = String::new();
    crate::html::push_collapsed(&mut t, &decode_entities(dom.raw(id)));
    let t = t.trim();
    if t.is_empty() {
        return Line::Skip;
    }
    let p = dom.node(id).parent;
    if after_headline
        && p != NONE
        && dom.tag(p) == Tag::p
        && t.len() >= 200
        && !in_author_box(dom, p)
    {
        return Line::Prose;
    }
    if t.len() > 150 {
        return Line::Skip;
    }
    Line::Text(t.to_string())
}

/// The `article` element around `id`, if any.
pub(crate) fn article_of(dom: &Dom, id: NodeId) -> NodeId {
    let mut a = dom.node(id).parent;
    while a != NONE && dom.tag(a) != Tag::article {
        a = dom.node(a).parent;
    }
    a
}

/// An aside in the headline's own article (`<article><aside><time>`) holds
/// its date; any other aside is about something else.
fn other_aside(dom: &Dom, id: NodeId, h: NodeId) -> bool {
    inside(dom, id, &[Tag::aside])
        && (article_of(dom, id) == NONE || article_of(dom, id) != article_of(dom, h))
}

/// A footer in the headline's own article (`<article><footer class=meta>`)
/// holds its date line; a page's footer does not.
fn other_footer(dom: &Dom, id: NodeId, h: NodeId) -> bool {
    inside(dom, id, &[Tag::footer])
        && (article_of(dom, id) == NONE || article_of(dom, id) != article_of(dom, h))
}

/// Is `id` in an `<article>` that does not hold the headline `h` and whose
/// first heading links to another page: another article's teaser
/// ("<article class=elementor-post><h3><a href=OTHER>")? (An `<article>`
/// under a headline outside it, its heading no link, is the page's own text.)
fn other_article(dom: &Dom, id: NodeId, h: NodeId, self_url: Option<&str>) -> bool {
    let a = article_of(dom, id);
    if a == NONE || (a <= h && h <= last_descendant(dom, a)) {
        return false;
    }
    let heading = dom
        .descendants(a)
        .find(|&d| matches!(dom.tag(d), Tag::h2 | Tag::h3 | Tag::h4));
    heading.is_some_and(|hd| {
        dom.descendants(hd)
            .any(|d| dom.tag(d) == Tag::Text && link_elsewhere(dom, d, self_url))
    })
}

/// Class words of elements a reader never sees.
const HIDDEN_CLASSES: &[&str] = &[
    "sr-only",
    "screen-reader-text",
    "visually-hidden",
    "rich-snippet-hidden",
];

/// Is `id` in an element hidden from readers (`style="display:none"`,
/// `hidden`, a screen-reader or rich-snippet class)? A date there is for
/// machines, not what the page shows.
pub(crate) fn hidden_element(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        let hidden_style = dom.attr_raw(a, "style").is_some_and(|st| {
            let st: String = st
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect::<String>()
                .to_ascii_lowercase();
            st.contains("display:none") || st.contains("visibility:hidden")
        });
        let hidden_class = dom.attr_raw(a, "class").is_some_and(|c| {
            c.split_ascii_whitespace()
                .any(|w| HIDDEN_CLASSES.iter().any(|h| w.eq_ignore_ascii_case(h)))
        });
        if hidden_style || hidden_class || dom.attr_raw(a, "hidden").is_some() {
            return true;
        }
        a = dom.node(a).parent;
    }
    false
}

/// Does the markup around `id` call it an update and nothing else (`class=
/// "updated"`, `header__datemodified`; not `updated-published-date`)?
fn classed_update_only(dom: &Dom, id: NodeId) -> bool {
    let labels: Vec<DateLabel> = markup_labels(dom, id).collect();
    labels.contains(&DateLabel::Modified) && !labels.contains(&DateLabel::Published)
}

/// What the `class`, `itemprop` and `id` of a date's element and its two nearest
/// ancestors call it, nearest first: an update ("updated", "datemodified") or a
/// publication ("published"); "updated-published-date" is both.
fn markup_labels<'a>(dom: &'a Dom<'a>, id: NodeId) -> impl Iterator<Item = DateLabel> + 'a {
    std::iter::successors(Some(id), |&a| (a != NONE).then(|| dom.node(a).parent))
        .take(3)
        .take_while(|&a| a != NONE)
        .flat_map(|a| ["class", "itemprop", "id"].map(|name| dom.attr_raw(a, name)))
        .flatten()
        .flat_map(|v| {
            let v = v.to_ascii_lowercase();
            let update = v.contains("updat") || v.contains("modif");
            [
                update.then_some(DateLabel::Modified),
                v.contains("publish").then_some(DateLabel::Published),
            ]
        })
        .flatten()
}

/// How near the headline an aside classed as the article's ("article-aside",
/// "post-meta") must start to be its own side column (date and author beside
/// the text) rather than a sidebar.
const ASIDE_NEAR: u32 = 40;

fn excluded(dom: &Dom, id: NodeId, h: NodeId, self_url: Option<&str>) -> bool {
    let near_aside = || {
        let mut a = dom.node(id).parent;
        while a != NONE && dom.tag(a) != Tag::aside {
            a = dom.node(a).parent;
        }
        a != NONE
            && a > h
            && a - last_descendant(dom, h) <= ASIDE_NEAR
            && dom.attr_raw(a, "class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                ["article", "post", "entry", "story", "byline"]
                    .iter()
                    .any(|w| c.contains(w))
            })
    };
    inside(dom, id, &[Tag::nav])
        || other_footer(dom, id, h)
        || (other_aside(dom, id, h) && !near_aside())
        || (link_elsewhere(dom, id, self_url) && !in_listing_link(dom, id))
        || in_teaser_item(dom, id)
        || other_article(dom, id, h, self_url)
}

/// The date of a wire dateline opening the first paragraph: "RAJSHAHI, Dec
/// 20, 2025 (BSS) - Homestead gardening ...", "PARIS, 3 March 2025 — ...": a
/// place in capitals, the date, maybe the agency, then a dash.
fn dateline(p: &str, order: Option<NumericOrder>) -> Option<String> {
    let p = p.trim_start();
    let head = p.get(..p.len().min(80)).unwrap_or(p);
    let (place, _) = head.split_once(',')?;
    let place_ok = !place.is_empty()
        && place.len() <= 30
        && place.chars().any(char::is_alphabetic)
        && place
            .chars()
            .all(|c| c.is_uppercase() || c.is_whitespace() || matches!(c, '.' | '-' | '\''));
    if !place_ok {
        return None;
    }
    let (d, s, e) = dates::find(head, order)?;
    let rest = head[e..].trim_start();
    let rest = match rest.strip_prefix('(') {
        Some(r) => r.split_once(')').map_or("", |x| x.1).trim_start(),
        None => rest,
    };
    (s <= place.len() + 2 && rest.starts_with(['-', '—', '–'])).then_some(d)
}

/// The published and modified dates written around the headline `h`: a date
/// line under it (or just above it), labelled or not, in any form
/// [`dates::find`] reads; a `<time>` there gives its `datetime` when it is the
/// day its text shows. "Updated ..." is the modified date, never the published.
pub fn dates(
    dom: &Dom,
    h: NodeId,
    order: Option<NumericOrder>,
    self_url: Option<&str>,
) -> HeaderDates {
    let n = dom.nodes.len() as NodeId;
    let h_end = last_descendant(dom, h);
    let mut out = HeaderDates::default();
    let mut before: Option<String> = None;
    // the last two short lines: the label of a date written in its own element
    let mut recent: Vec<String> = Vec::new();
    let mut prose = 0;
    // every date shown (no review or event), and whether words call one an update
    let mut shown: Vec<String> = Vec::new();
    let mut worded_update = false;
    let mut id = h.saturating_sub(BEFORE_HEADLINE).max(1);
    let end = n.min(h_end.saturating_add(AFTER_HEADLINE));
    while id < end {
        if id >= h && id <= h_end {
            // the headline's own words ("Top 10 March 2025 ...") are no date line
            id = h_end + 1;
            recent.clear();
            continue;
        }
        let after = id > h_end;
        let at = id;
        // each date of this node with the words before it
        let mut found: Vec<(String, String)> = Vec::new();
        if dom.tag(id) == Tag::time {
            id = last_descendant(dom, id) + 1;
            let text = dom.text_of(at);
            let shown = dates::find(&text, order).map(|x| x.0);
            let declared = dom.attr(at, "datetime").and_then(|v| dates::normalize(&v));
            let d = match (shown, declared) {
                (Some(s), Some(d)) if d.starts_with(&s) => Some(d),
                (Some(s), _) => Some(s),
                (None, d) => d,
            };
            found.extend(d.map(|d| (d, text)));
        } else {
            id += 1;
            match line_of(dom, at, after) {
                Line::Prose => {
                    if prose == 0 && out.published.is_none() && before.is_none() {
                        out.published = dateline(&decode_entities(dom.raw(at)), order);
                    }
                    prose += 1;
                    if prose >= PROSE_PARAGRAPHS {
                        break;
                    }
                    continue;
                }
                Line::Skip => continue,
                Line::Text(t) => {
                    let mut pos = 0;
                    while let Some((d, s, e)) = dates::find(&t[pos..], order) {
                        found.push((d, t[pos..pos + s].to_string()));
                        pos += e;
                    }
                    if found.is_empty() {
                        if recent.len() == 2 {
                            recent.remove(0);
                        }
                        recent.push(t);
                        continue;
                    }
                }
            }
        }
        if found.is_empty() {
            continue;
        }
        let context = recent.join(" ");
        recent.clear();
        if excluded(dom, at, h, self_url) {
            continue;
        }
        for (k, (d, own_label)) in found.into_iter().enumerate() {
            let worded = if k == 0 {
                label_of(&format!("{context} {own_label}"))
            } else {
                label_of(&own_label)
            };
            if worded != DateLabel::Other && !hidden_element(dom, at) {
                worded_update |= worded == DateLabel::Modified
                    || (worded == DateLabel::Plain && classed_update_only(dom, at));
                shown.push(d.clone());
            }
            let label = match worded {
                DateLabel::Plain => class_label(dom, at),
                l => l,
            };
            match label {
                DateLabel::Other => {}
                DateLabel::Modified => {
                    out.modified.get_or_insert(d);
                }
                DateLabel::Published | DateLabel::Plain => {
                    if !after {
                        before = Some(d);
                    } else if out.published.is_none() {
                        out.published = Some(d);
                    }
                }
            }
        }
    }
    if out.published.is_none() {
        out.published = before;
    }
    if !worded_update
        && shown
            .iter()
            .all(|d| d.get(..10).is_some_and(|x| Some(x) == shown[0].get(..10)))
    {
        out.sole = shown.into_iter().next();
    }
    out
}

/// A date the page's markup calls a date by its class ("published-date",
/// "author__meta-date", "date-section-header") anywhere outside navigation,
/// lists, page footers, teasers and links to other pages (an author's page
/// aside): for pages whose header shows none (a date line in an author card,
/// in a column of facts after the text). Never one labelled or classed as an
/// update, a review or an event.
pub fn classed_date(
    dom: &Dom,
    order: Option<NumericOrder>,
    self_url: Option<&str>,
) -> Option<String> {
    let classed = |id: NodeId| {
        let mut a = dom.node(id).parent;
        for _ in 0..3 {
            if a == NONE {
                return false;
            }
            if dom.attr_raw(a, "class").is_some_and(|c| {
                let c = c.to_ascii_lowercase();
                c.contains("date") || c.contains("publish")
            }) {
                return true;
            }
            a = dom.node(a).parent;
        }
        false
    };
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Tag::Text {
            continue;
        }
        // cheap tests first: short text with a digit, a class that says date
        let raw = dom.raw(id);
        if raw.len() > 120 || !raw.bytes().any(|b| b.is_ascii_digit()) || !classed(id) {
            continue;
        }
        if hidden_parent(dom, id)
            || inside(dom, id, &[Tag::nav, Tag::li])
            || (inside(dom, id, &[Tag::footer]) && article_of(dom, id) == NONE)
            || in_teaser_item(dom, id)
            || (link_elsewhere(dom, id, self_url) && !is_author_link(dom, id))
        {
            continue;
        }
        let mut t = String::new();
        crate::html::push_collapsed(&mut t, &decode_entities(raw));
        let Some((d, s, _)) = dates::find(&t, order) else {
            continue;
        };
        // the words before it in its element ("Updated <!-- -->October 17")
        let p = dom.node(id).parent;
        let whole = dom.text_of(p);
        let mut before = match whole.find(t.get(s..).unwrap_or("")) {
            Some(i) if whole.len() <= 200 => whole[..i].to_string(),
            _ => t[..s].to_string(),
        };
        if let Some(prev) = previous_element(dom, p) {
            // "<p>Published</p><p class=date>Feb 2, 2023</p>"
            let label = dom.text_of(prev);
            if label.len() <= 40 {
                before = format!("{label} {before}");
            }
        }
        if matches!(label_of(&before), DateLabel::Modified | DateLabel::Other)
            || class_label(dom, id) == DateLabel::Modified
        {
            continue;
        }
        return Some(d);
    }
    None
}

/// The element just before `id` among its siblings.
pub(crate) fn previous_element(dom: &Dom, id: NodeId) -> Option<NodeId> {
    if id == NONE || dom.node(id).parent == NONE {
        return None;
    }
    let mut c = dom.node(dom.node(id).parent).first_child;
    let mut prev = None;
    while c != NONE && c != id {
        if !matches!(dom.tag(c), Tag::Text | Tag::Comment) {
            prev = Some(c);
        }
        c = dom.node(c).next_sibling;
    }
    prev
}

/// Words that open a byline.
const BYLINE_LABELS: &[&str] = &[
    "written by",
    "text by",
    "recipe by",
    "report by",
    "reporting by",
    "interview by",
    "compiled by",
    "contributed by",
    "insights from",
    "posted by",
    "authored by",
    "reviewed by",
    "words by",
    "story by",
    "article by",
    "author:",
    "authors:",
    "author",
    "by:",
    "by",
    "von",
    "por",
    "par",
    "door",
];

/// The text after a byline label at the start of `s` ("By Jane Roe" → "Jane
/// Roe"; "Written by" → ""), or `None` when `s` opens with no label.
/// A "Reviewed by" label gives `None` too: a reviewer is not an author.
pub(crate) fn after_byline_label(s: &str) -> Option<&str> {
    let lower = s.to_lowercase();
    for l in BYLINE_LABELS {
        if lower.starts_with(l) {
            let rest = &s[l.len()..];
            // "Byron Smith" is a name, not a label
            if rest.starts_with(|c: char| c.is_alphanumeric()) {
                continue;
            }
            if l.starts_with("reviewed") {
                return None;
            }
            return Some(rest.trim_start_matches([':', ' ', '\u{a0}']).trim());
        }
    }
    None
}

/// A byline written as text near the headline: "By Jane Roe", or a "Written
/// by" label followed by the name in the next element. Gives the raw name text.
pub fn byline_text(dom: &Dom, h: NodeId, self_url: Option<&str>) -> Option<String> {
    let n = dom.nodes.len() as NodeId;
    let h_end = last_descendant(dom, h);
    let end = n.min(h_end.saturating_add(AFTER_HEADLINE));
    let mut want_name = false;
    let mut prose = 0;
    let start = h.saturating_sub(BEFORE_HEADLINE).max(1);
    for id in start..end {
        if id >= h && id <= h_end {
            continue;
        }
        let t = match line_of(dom, id, id > h_end) {
            Line::Prose => {
                prose += 1;
                if prose >= PROSE_PARAGRAPHS {
                    break;
                }
                continue;
            }
            Line::Skip => continue,
            Line::Text(t) => t,
        };
        if inside(dom, id, &[Tag::nav, Tag::aside, Tag::footer]) || in_teaser_item(dom, id) {
            want_name = false;
            continue;
        }
        if want_name {
            if t.chars().any(char::is_alphabetic) {
                return Some(t);
            }
            continue;
        }
        if link_elsewhere(dom, id, self_url) && !is_author_link(dom, id) {
            continue;
        }
        if let Some(rest) = after_byline_label(&t) {
            if rest.chars().any(char::is_alphabetic) {
                return Some(rest.to_string());
            }
            want_name = true;
            continue;
        }
        // "Aaron Ricadela | Senior Writer | July 2, 2025": a name opening the
        // date line under the headline
        if id > h_end {
            let name = t
                .split(['|', '·', '•', '–', '—'])
                .next()
                .unwrap_or("")
                .trim();
            // cheap tests first: a separator, a name, a digit, then a date
            if name.len() < t.len()
                && crate::byline::person_like(name)
                && t.bytes().any(|b| b.is_ascii_digit())
                && dates::find(&t, None).is_some()
            {
                return Some(name.to_string());
            }
        }
        if let Some(name) = name_beside_date(dom, id, h, &t) {
            return Some(name.to_string());
        }
    }
    None
}

/// A bare name in the headline's date line, in an element of its own beside
/// the date: `<div><span>Dec 17, 2025</span><span>Jane Roe</span></div>`,
/// "2025-12-17 · <a title=..>Jane Roe</a>", "Dec 26, 2025 • Jane Roe in
/// <a>Category</a>". The line is the nearest element around the name that
/// holds more than it; it must be short, hold a date and not the headline
/// `h` (a "Share Article" label under a block with the date above the
/// headline is no byline), and the name no heading.
fn name_beside_date<'t>(dom: &Dom, id: NodeId, h: NodeId, t: &'t str) -> Option<&'t str> {
    // "Jane Roe in <a>Category</a>"
    let name = t.strip_suffix(" in").unwrap_or(t).trim();
    if !crate::byline::person_like(name) || name.len() > 60 {
        return None;
    }
    let mut a = dom.node(id).parent;
    for _ in 0..3 {
        if a == NONE || dom.tag(a).is_heading() || (a < h && h <= last_descendant(dom, a)) {
            return None;
        }
        let others: Vec<NodeId> = dom
            .descendants(a)
            .filter(|&d| d != id && dom.tag(d) == Tag::Text && !hidden_parent(dom, d))
            .filter(|&d| !dom.raw(d).trim().is_empty())
            .collect();
        if others.is_empty() {
            a = dom.node(a).parent;
            continue;
        }
        let total: usize = others.iter().map(|&d| dom.raw(d).trim().len()).sum();
        if total > 120 || others.len() > 6 {
            return None;
        }
        let dated = others.iter().any(|&d| {
            let mut x = String::new();
            crate::html::push_collapsed(&mut x, &decode_entities(dom.raw(d)));
            dates::find(&x, None).is_some()
        });
        return dated.then_some(name);
    }
    None
}

/// Labels that name the writer wherever they stand (an author box after the
/// article: "Written by" and the name below it); a bare "By" is not one.
const AUTHOR_BOX_LABELS: &[&str] = &[
    "written by",
    "contributors:",
    "contributor:",
    "article by",
    "authored by",
    "words by",
    "story by",
    "posted by",
    "text by",
];

/// Is the text node `id` (lower-cased `lower`) a field label naming the
/// author on its own, in an element of its own ("<h3>Author</h3>",
/// "<dt>Authors:</dt>", "<strong>Author</strong>")? Not "About the author",
/// a heading over a biography.
fn field_label(dom: &Dom, id: NodeId, lower: &str) -> bool {
    matches!(lower.trim_end_matches(':').trim(), "author" | "authors")
        && matches!(
            dom.tag(dom.node(id).parent),
            Tag::h2
                | Tag::h3
                | Tag::h4
                | Tag::h5
                | Tag::h6
                | Tag::dt
                | Tag::th
                | Tag::strong
                | Tag::b
        )
}

/// The name after an explicit writer label anywhere in the page ("Written by
/// Jane Roe", or "Article by" with the name in the next element), outside
/// navigation, page footers and teasers: for pages whose header names nobody.
pub fn labelled_author(dom: &Dom, self_url: Option<&str>) -> Option<String> {
    let mut want_name = false;
    for id in 1..dom.nodes.len() as NodeId {
        if dom.tag(id) != Tag::Text {
            continue;
        }
        // most text is prose or chrome: look closer only at short text with a
        // label's letters in it ("by", "contributor"), or at the name after one
        let raw = dom.raw(id).as_bytes();
        if !want_name
            && (raw.len() > 300
                || !(raw.windows(2).any(|w| w.eq_ignore_ascii_case(b"by"))
                    || raw
                        .windows(11)
                        .any(|w| w.eq_ignore_ascii_case(b"contributor"))
                    || raw.windows(6).any(|w| w.eq_ignore_ascii_case(b"author"))))
        {
            continue;
        }
        if hidden_parent(dom, id) {
            continue;
        }
        let mut t = String::new();
        crate::html::push_collapsed(&mut t, &decode_entities(dom.raw(id)));
        let t = t.trim();
        if t.is_empty() {
            continue;
        }
        if want_name {
            // "Author" over "Written by" over the name: still to come
            if after_byline_label(t).is_some_and(|r| r.is_empty()) {
                continue;
            }
            if t.chars().any(char::is_alphabetic) {
                if t.len() <= 80 {
                    return Some(t.to_string());
                }
                // a biography, not the name: look on for another label
                want_name = false;
            }
            continue;
        }
        if t.len() > 120 {
            continue;
        }
        let lower = t.to_lowercase();
        // "This post was written by Jane Roe, Head of Marketing"
        let (t, lower) = match lower.find(" written by ") {
            Some(i) if !AUTHOR_BOX_LABELS.iter().any(|l| lower.starts_with(*l)) => {
                match t.get(i + 1..) {
                    Some(r) => (r, lower[i + 1..].to_string()),
                    None => continue,
                }
            }
            _ => (t, lower),
        };
        // a field of the article's facts: "<h3>Author</h3><p>Jane Roe</p>"
        if field_label(dom, id, &lower) {
            if !inside(dom, id, &[Tag::nav, Tag::footer]) && !in_teaser_item(dom, id) {
                want_name = true;
            }
            continue;
        }
        let Some(label) = AUTHOR_BOX_LABELS.iter().find(|l| lower.starts_with(*l)) else {
            continue;
        };
        if inside(dom, id, &[Tag::nav])
            || (inside(dom, id, &[Tag::footer]) && !inside(dom, id, &[Tag::article]))
            || in_teaser_item(dom, id)
            || (link_elsewhere(dom, id, self_url) && !is_author_link(dom, id))
        {
            continue;
        }
        let Some(rest) = t
            .get(label.len()..)
            .filter(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
        else {
            continue;
        };
        let rest = rest.trim_start_matches([':', ' ', '\u{a0}']).trim();
        if rest.chars().any(char::is_alphabetic) {
            return Some(rest.to_string());
        }
        want_name = true;
    }
    None
}

/// Is `id` inside a link to an author page (`rel=author`, `/author/...`)?
fn is_author_link(dom: &Dom, id: NodeId) -> bool {
    let mut a = dom.node(id).parent;
    while a != NONE {
        if dom.tag(a) == Tag::a {
            let rel = dom
                .attr_raw(a, "rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("author"));
            let href = dom.attr_raw(a, "href").unwrap_or("").to_ascii_lowercase();
            return rel
                || href.contains("/author")
                || href.contains("/contributor")
                || href.contains("/profile");
        }
        a = dom.node(a).parent;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn zone(html: &str) -> HeaderDates {
        let dom = Dom::parse(html);
        let h = headline(&dom, None).expect("a headline");
        dates(&dom, h, None, None)
    }

    #[test]
    fn listing_links_are_no_other_article() {
        for h in [
            "https://x.example/2025/07/27/",
            "/2025/07",
            "/blog/2025",
            "https://x.example/blog/topic/",
            "/tag",
            "category/",
        ] {
            assert!(listing_href(h), "{h}");
        }
        for h in [
            "https://x.example/2025/07/27/my-post/",
            "/p/12345",
            "/news/1234",
            "/blog/topic/rust",
            "",
            "/",
        ] {
            assert!(!listing_href(h), "{h}");
        }
        // the article's own date linked to its day's archive, in a meta list
        let z = zone(
            "<h1>How to brush your teeth well</h1><ul class=post-info>\
             <li><a href=/author/jo>Jo</a></li><li><a href=https://x.example/2025/07/27/>\
             July 27, 2025</a></li></ul><p>Text.</p>",
        );
        assert_eq!(z.published.as_deref(), Some("2025-07-27"));
        assert_eq!(z.sole.as_deref(), Some("2025-07-27"));
        // a date linked to a topic page beside the headline
        let z = zone(
            "<h1>My secret tip for a college essay</h1><span class=meta-date>\
             <a href=https://x.example/blog/topic/>May 18, 2023</a></span>",
        );
        assert_eq!(z.published.as_deref(), Some("2023-05-18"));
    }

    #[test]
    fn another_articles_teaser_under_the_headline() {
        let teaser = "<article class=post><h3><a href=/other>What sets sneakers apart</a></h3>\
            <span class=post-date>January 19, 2025</span></article>";
        let z = zone(&format!("<h1>Top shoe companies in the world</h1>{teaser}"));
        assert_eq!(z, HeaderDates::default());
        // an article element under a headline outside it is the page's own
        let z = zone(
            "<h1>Recap of the year at the shop</h1><article><header><h2>Recap 2025</h2></header>\
             <p>Published on <time datetime=2025-12-19>2025-12-19</time></p></article>",
        );
        assert_eq!(z.published.as_deref(), Some("2025-12-19"));
    }

    #[test]
    fn the_only_date_the_header_shows() {
        let sole = |line: &str| {
            zone(&format!(
                "<h1>Best moving companies in New York</h1><div class=byline>By Jo Roe</div>{line}<p>Text.</p>"
            ))
            .sole
        };
        assert_eq!(
            sole("<div>Dec 18, 2025</div>").as_deref(),
            Some("2025-12-18")
        );
        assert_eq!(
            sole("<div>Published Dec 18, 2025</div><time datetime=2025-12-18T10:00Z>Dec 18, 2025</time>")
                .as_deref(),
            Some("2025-12-18")
        );
        // markup that calls it an update and a publication both: no word says update
        assert_eq!(
            sole("<div class=updated-published-date>Dec 18, 2025</div>").as_deref(),
            Some("2025-12-18")
        );
        // a review date is none of the article's
        assert_eq!(
            sole("<div>Dec 18, 2025</div><div>Reviewed Jan 2, 2026</div>").as_deref(),
            Some("2025-12-18")
        );
        for line in [
            "<div>Updated Dec 18, 2025</div>",
            "<div class=updated>Dec 18, 2025</div>",
            "<div>Dec 18, 2025</div><div>Jan 2, 2026</div>",
            "<div style=\"display: none\">Dec 18, 2025</div>",
            "<span class=rich-snippet-hidden>Dec 18, 2025</span>",
            "",
        ] {
            assert_eq!(sole(line), None, "{line}");
        }
    }

    #[test]
    fn a_date_line_in_other_forms_and_languages() {
        for (line, want) in [
            (
                "<p>Dec. 19, 2025 &middot; Niko on behalf of the team</p>",
                "2025-12-19",
            ),
            (
                "<div>Essay - Published: 2025.12.17 | <a href=/t>tag</a></div>",
                "2025-12-17",
            ),
            ("<div class=x>12.12.2025</div>", "2025-12-12"),
            ("<p>Posted on the 15/12/2025 at 19:00</p>", "2025-12-15"),
            ("<p>Publié le 3 décembre 2025</p>", "2025-12-03"),
            ("<p>19. Dezember 2025</p>", "2025-12-19"),
            (
                "<p>Actualizado: no. Publicado el 19 de diciembre de 2025</p>",
                "2025-12-19",
            ),
        ] {
            let html = format!("<h1>A headline of the story</h1>{line}<p>Body.</p>");
            assert_eq!(zone(&html).published.as_deref(), Some(want), "{line}");
        }
    }

    #[test]
    fn updated_is_the_modified_date() {
        let d = zone(
            "<h1>A headline here</h1><div><div>Last updated:</div><div>Dec 12, 2025</div></div>",
        );
        assert_eq!(d.published, None);
        assert_eq!(d.modified.as_deref(), Some("2025-12-12"));
        let d = zone("<h1>A headline here</h1><p>Published May 1, 2025 · Updated May 3, 2025</p>");
        assert_eq!(d.published.as_deref(), Some("2025-05-01"));
        assert_eq!(d.modified.as_deref(), Some("2025-05-03"));
        let d = zone(
            r#"<h1>A headline here</h1><time class="updated" datetime="2025-05-03">May 3, 2025</time>"#,
        );
        assert_eq!(
            (d.published, d.modified.as_deref()),
            (None, Some("2025-05-03"))
        );
        let d = zone("<h1>A headline here</h1><p>Medically reviewed on May 3, 2025</p>");
        assert_eq!(d, HeaderDates::default());
    }

    #[test]
    fn a_relative_link_to_the_page_itself_is_no_link_elsewhere() {
        let dom = Dom::parse(
            r#"<a href="/post/pruning-apples/"><i>a</i></a><a href="/post/other"><i>b</i></a><a href="/x" aria-current="page"><i>c</i></a><a href="//cdn.example/post/pruning-apples"><i>d</i></a>"#,
        );
        let url = Some("https://x.example/post/pruning-apples?ref=feed");
        let texts: Vec<NodeId> = (1..dom.nodes.len() as NodeId)
            .filter(|&id| dom.tag(id) == Tag::Text)
            .collect();
        let elsewhere: Vec<bool> = texts
            .iter()
            .map(|&t| link_elsewhere(&dom, t, url))
            .collect();
        assert_eq!(elsewhere, vec![false, true, false, true]);
        assert_eq!(url_path("https://x.example"), "");
        assert_eq!(url_path("/a/b/?q#f"), "/a/b");
    }

    #[test]
    fn a_reviewer_or_a_review_process_is_no_date_label() {
        let d = zone(
            "<h1>What is the best mattress</h1><div><p>Reviewed by <a href=/r/jane>Jane Roe</a></p><p>October 16, 2020 · 8 min read</p></div>",
        );
        assert_eq!(d.published.as_deref(), Some("2020-10-16"));
        let d = zone(
            r#"<h1>Top espresso machines of the year</h1><p>Learn about my <a href="/q">qualifications</a> and <a href="/p">review process</a>.</p><div><time class="entry-date published" datetime="2024-04-02T10:20:00+00:00">April 2, 2024</time></div>"#,
        );
        assert_eq!(d.published.as_deref(), Some("2024-04-02T10:20:00Z"));
    }

    #[test]
    fn a_wire_dateline_opens_the_first_paragraph() {
        let prose = "Homestead gardening has been contributing significantly to making rural communities more self-reliant, officials said on Saturday, as more families grow their own food in the yards around their homes.";
        let d = zone(&format!(
            "<h1>Homestead gardening in Rajshahi</h1><p>RAJSHAHI, Dec 20, 2025 (BSS) - {prose}</p>"
        ));
        assert_eq!(d.published.as_deref(), Some("2025-12-20"));
        let d = zone(&format!(
            "<h1>A headline here</h1><p>PARIS, 3 March 2025 — {prose}</p>"
        ));
        assert_eq!(d.published.as_deref(), Some("2025-03-03"));
        // a date in the prose is no dateline
        let d = zone(&format!(
            "<h1>A headline here</h1><p>On Dec 20, 2025 - {prose}</p>"
        ));
        assert_eq!(d.published, None);
    }

    #[test]
    fn a_name_opening_the_date_line_and_a_writer_in_a_sentence() {
        let dom = Dom::parse(
            "<header><h1>How AI is changing care</h1><p>Aaron Ricadela | Senior Writer | July 2, 2025</p></header>",
        );
        let h = headline(&dom, None).unwrap();
        assert_eq!(
            byline_text(&dom, h, None).as_deref(),
            Some("Aaron Ricadela")
        );
        let dom = Dom::parse("<h1>A headline</h1><p>Home | News | July 2, 2025</p>");
        let h = headline(&dom, None).unwrap();
        assert_eq!(byline_text(&dom, h, None), None);
        let dom = Dom::parse(
            "<h1>A headline</h1><p>Body.</p><div class=bio>This post was written by Danielle Padula, Head of Marketing</div>",
        );
        assert_eq!(
            labelled_author(&dom, None).as_deref(),
            Some("Danielle Padula, Head of Marketing")
        );
        let dom = Dom::parse(
            "<h1>A headline</h1><div><strong>Contributors:</strong> Janet Loughrey</div>",
        );
        assert_eq!(
            labelled_author(&dom, None).as_deref(),
            Some("Janet Loughrey")
        );
    }

    #[test]
    fn an_author_field_of_the_article_facts() {
        let dom = Dom::parse(
            "<h1>A headline</h1><p>Body.</p><aside><div><h3>Published</h3><p>May 1, 2024</p></div>\
             <div><h3>Author</h3><p> Lisa D. Ellis</p></div></aside>",
        );
        assert_eq!(
            labelled_author(&dom, None).as_deref(),
            Some("Lisa D. Ellis")
        );
        // the label, a second label, then the name
        let dom = Dom::parse(
            "<h1>A headline</h1><h3>Author</h3><p>Written by</p><p><a href=/author/nuno>Sir Nuno</a></p>",
        );
        assert_eq!(labelled_author(&dom, None).as_deref(), Some("Sir Nuno"));
        // a biography after the label is no name: look on
        let bio =
            "He has written about gardens for twenty years and lives by the sea with two cats.";
        let page =
            format!("<h1>A headline</h1><h4>Author</h4><p>{bio}</p><p>Written by Ann Lee</p>");
        let dom = Dom::parse(&page);
        assert_eq!(labelled_author(&dom, None).as_deref(), Some("Ann Lee"));
        // "About the author" heads a biography; an "Author" in prose labels nothing
        let dom = Dom::parse("<h1>A headline</h1><h3>About the author</h3><p>Ann Lee</p>");
        assert_eq!(labelled_author(&dom, None), None);
        let dom = Dom::parse("<h1>A headline</h1><p>Author</p><p>Ann Lee</p>");
        assert_eq!(labelled_author(&dom, None), None);
    }

    #[test]
    fn a_date_its_class_calls_one() {
        let page = |html: &str| classed_date(&Dom::parse(html), None, None);
        // in an author card linking to the author's page, after the text
        assert_eq!(
            page("<h1>A headline</h1><p>Body.</p><a href=/author/jo><div class=author-name>Jo Roe</div><div class=published-date>September 4, 2025</div></a>")
                .as_deref(),
            Some("2025-09-04")
        );
        // a label in the element before, a label in its own element
        assert_eq!(
            page("<div class=dateline><p>Published</p><p class=date>Feb 2, 2023</p></div>")
                .as_deref(),
            Some("2023-02-02")
        );
        assert_eq!(
            page("<div class=\"meta date-header\"><span>Posted on April 13, 2023</span></div>")
                .as_deref(),
            Some("2023-04-13")
        );
        // never an update, a teaser, a list, navigation or another page's link
        for html in [
            "<p class=card-date>Updated <!-- -->October 17, 2025</p>",
            "<p>Updated</p><p class=date>October 17, 2025</p>",
            "<span class=updated-date>October 17, 2025</span>",
            "<ul><li><span class=post-date>October 17, 2025</span></li></ul>",
            "<div class=related-posts><a href=/x>Other</a><span class=date>October 17, 2025</span></div>",
            "<nav><span class=date>October 17, 2025</span></nav>",
            "<a href=/other-story><span class=date>October 17, 2025</span></a>",
            "<p>October 17, 2025</p>",
        ] {
            assert_eq!(page(html), None, "{html}");
        }
    }

    #[test]
    fn the_footer_of_the_article_holds_its_date() {
        let d = zone(
            "<article><h1>Remote work: five tips</h1><footer class=meta><span>March 30, 2023</span></footer><p>Body.</p></article>",
        );
        assert_eq!(d.published.as_deref(), Some("2023-03-30"));
        let d = zone("<h1>Remote work: five tips</h1><p>Body.</p><footer><span>March 30, 2023</span></footer>");
        assert_eq!(d.published, None);
    }

    #[test]
    fn a_date_above_the_headline_and_a_time_element() {
        let d = zone("<nav><a href=/x>Home</a></nav><p>February 4, 2025 - 11 minutes</p><h1>Cloud things</h1><p>x</p>");
        assert_eq!(d.published.as_deref(), Some("2025-02-04"));
        // the datetime when it is the shown day, the shown day when not
        let d = zone(
            r#"<h1>A headline here</h1><time datetime="2025-12-18T21:41:00-05:00">Dec 18, 2025</time>"#,
        );
        assert_eq!(d.published.as_deref(), Some("2025-12-18T21:41:00-05:00"));
        let d = zone(
            r#"<h1>A headline here</h1><time datetime="2025-12-19T02:41:00Z">Dec 18, 2025</time>"#,
        );
        assert_eq!(d.published.as_deref(), Some("2025-12-18"));
    }

    #[test]
    fn never_a_teaser_or_the_headline_or_prose() {
        let prose = "Words of the article. ".repeat(12);
        for html in [
            format!("<h1>Top 10 picks of 3 March 2025</h1><p>{prose}</p>"),
            "<h1>A headline here</h1><ul><li><a href=/o>Other story</a> May 1, 2025</li></ul>"
                .to_string(),
            "<h1>A headline here</h1><a href=/o>May 1, 2025</a>".to_string(),
            format!("<h1>A headline here</h1><p>{prose}</p><p>{prose}</p><p>May 1, 2025</p>"),
            "<h1>A headline here</h1><aside>May 1, 2025</aside>".to_string(),
            r#"<h1>A headline here</h1><div class="related-post-item"><div><a href="/o">Other</a></div><span class="date">May 1, 2025</span></div>"#.to_string(),
        ] {
            assert_eq!(zone(&html), HeaderDates::default(), "{html}");
        }
    }

    #[test]
    fn a_standfirst_or_an_author_bio_before_the_date_line() {
        let prose = "Words of the article. ".repeat(12);
        let d = zone(&format!("<h1>A headline here</h1><p>{prose}</p><div><span>Posted on</span><span>Nov 21, 2018</span></div><p>{prose}</p>"));
        assert_eq!(d.published.as_deref(), Some("2018-11-21"));
        let d = zone(&format!("<h1>A headline here</h1><div class=author-tooltip><p>{prose}</p><p>{prose}</p></div><div>Published on March 02, 2025</div>"));
        assert_eq!(d.published.as_deref(), Some("2025-03-02"));
    }

    #[test]
    fn an_aside_of_the_article_itself() {
        let d = zone(
            r#"<article><aside><time datetime="2021-06-06">June 6, 2021</time></aside><h1>A brief intro to git</h1></article>"#,
        );
        assert_eq!(d.published.as_deref(), Some("2021-06-06"));
        let d = zone(
            r#"<article><h1>A brief intro to git</h1></article><aside><time datetime="2021-06-06">June 6, 2021</time></aside>"#,
        );
        assert_eq!(d.published, None);
    }

    #[test]
    fn headline_without_h1() {
        let dom = Dom::parse(
            "<h2>Recent posts</h2><h2>What do people love about Rust?</h2><p>Dec. 19, 2025</p>",
        );
        let h = headline(&dom, Some("What do people love about Rust? | Rust Blog")).unwrap();
        assert_eq!(dom.text_of(h), "What do people love about Rust?");
        assert_eq!(
            dates(&dom, h, None, None).published.as_deref(),
            Some("2025-12-19")
        );
        assert_eq!(headline(&dom, Some("Something else entirely")), None);
        // no h1: a lower heading holding the declared title's words, subtitle and all
        let dom = Dom::parse(
            "<h4>Menu</h4><h4 class=bold>Gardening makes villages self-reliant</h4><div>20 December, 2025</div><h2>Introducing Cayenne: A Faster Data Accelerator Built on Vortex</h2>",
        );
        let h = headline(&dom, Some("Gardening makes villages self-reliant")).unwrap();
        assert_eq!(dom.tag(h), Tag::h4);
        assert_eq!(
            dates(&dom, h, None, None).published.as_deref(),
            Some("2025-12-20")
        );
        let h = headline(&dom, Some("Introducing the Cayenne Data Accelerator")).unwrap();
        assert_eq!(dom.tag(h), Tag::h2);
        assert_eq!(headline(&dom, Some("Pruning apple trees in winter")), None);
        // a hidden h1 or a section h1 in the body is not the headline
        let dom = Dom::parse("<h1 class=sr-only>Search</h1><h2>What do people love about Rust?</h2><h1>But what they love</h1>");
        let h = headline(&dom, Some("What do people love about Rust?")).unwrap();
        assert_eq!(dom.text_of(h), "What do people love about Rust?");
        assert_eq!(
            dom.text_of(headline(&dom, None).unwrap()),
            "But what they love"
        );
    }

    #[test]
    fn bylines_as_text() {
        let by = |html: &str| {
            let dom = Dom::parse(html);
            byline_text(&dom, headline(&dom, None).unwrap(), None)
        };
        assert_eq!(
            by("<h1>A headline here</h1><p>By Jane Roe · May 1</p>").as_deref(),
            Some("Jane Roe · May 1")
        );
        assert_eq!(
            by("<h1>A headline here</h1><div><div>Written by</div><div>Edzel Tabing</div></div>")
                .as_deref(),
            Some("Edzel Tabing")
        );
        assert_eq!(
            by("<h1>A headline here</h1><p>by <a href=/author/amanda>Amanda</a> · Dec 20</p>")
                .as_deref(),
            Some("Amanda")
        );
        assert_eq!(
            by("<h1>A headline here</h1><p>Byron Smith went home.</p>"),
            None
        );
        let prose = "Words of the article. ".repeat(12);
        assert_eq!(
            by(&format!("<h1>A headline here</h1><p>{prose}</p><p>Written by <a href=/author/mk>Moses Kim</a></p>")).as_deref(),
            Some("Moses Kim")
        );
        assert_eq!(
            by(&format!(
                "<h1>A headline here</h1><p>{prose}</p><p>{prose}</p><p>By Jane Roe</p>"
            )),
            None
        );
        assert_eq!(
            by("<h1>A headline here</h1><p>Reviewed by Dr. Who</p>"),
            None
        );
    }
}
