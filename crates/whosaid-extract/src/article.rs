//! Main-content extraction: the article body of a news page, as text with
//! paragraph breaks, without navigation, related links, share bars, newsletter
//! boxes, comments, captions or cookie notices.
//!
//! One pass marks *junk* subtrees (by element, ARIA role, hidden state and
//! class/id words: one named rule per page pattern, see `junk_reason`); one
//! reverse pass sums text and link text per element; paragraphs score their
//! ancestors (readability's idea: prose with commas and few links votes for its
//! container); the best container, plus siblings that score like it, is then
//! written out block by block, dropping link lists and boilerplate lines.

use crate::html::{decode_text, Dom, NodeId, Tag, NONE};

/// Per-element facts gathered once.
#[derive(Clone, Copy, Default)]
struct Stats {
    /// Characters of visible, non-junk text below.
    text: u32,
    /// ... of which inside links.
    link: u32,
    /// Readability-style content score.
    score: f32,
    /// Paragraph-text characters below (text in p-like blocks).
    para: u32,
    junk: bool,
}

/// The extracted body and how it was found.
#[derive(Debug, Clone)]
pub struct Body {
    pub text: String,
    /// Characters of prose the page has outside any container chosen.
    pub container_score: f32,
    pub link_density: f32,
}

/// Why a page has no article.
#[derive(Debug, Clone, PartialEq)]
pub enum NoArticle {
    /// Hardly any visible text: a JavaScript shell, an empty or image-only page.
    NoText { chars: usize },
    /// Text, but mostly links: a home page, section front or search results.
    Listing { links: usize, link_density: f32 },
    /// Only a teaser with a subscribe/log-in prompt.
    Paywall { chars: usize },
    /// Text, but no run of prose long enough to be an article.
    NoProse { chars: usize },
}

impl std::fmt::Display for NoArticle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NoArticle::NoText { chars } => write!(f, "no article: the page has almost no visible text ({chars} characters; a JavaScript shell or an image page?)"),
            NoArticle::Listing { links, link_density } => write!(f, "no article: the page is a listing ({links} links, {:.0}% of its text is link text)", link_density * 100.0),
            NoArticle::Paywall { chars } => write!(f, "no article: only a {chars}-character teaser behind a subscription or log-in prompt (paywall)"),
            NoArticle::NoProse { chars } => write!(f, "no article: {chars} characters of text but no run of article prose"),
        }
    }
}

/// Shortest body we call an article.
const MIN_ARTICLE_CHARS: usize = 250;

/// Class/id words that mark a subtree as not the article wherever they appear
/// inside a class name (`post-comments`, `social_share`, `relatedStories`).
const JUNK_PARTS: &[&str] = &[
    "comment",
    "disqus",
    "share",
    "sharing",
    "social",
    "related",
    "recommend",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "sidebar",
    "footer",
    "breadcrumb",
    "cookie",
    "consent",
    "gdpr",
    "popular",
    "trending",
    "morestories",
    "more-stories",
    "readmore",
    "read-more",
    "also-read",
    "see-also",
    "author-bio",
    "authorbio",
    "byline",
    "dateline",
    "paywall",
    "masthead",
    "pagination",
    "skiplink",
    "sr-only",
    "screen-reader",
    "visually-hidden",
    "visuallyhidden",
    "caption",
    "newsletter",
    "nextprev",
    "next-article",
    "prev-article",
    "top-stories",
    "topstories",
    "tagcloud",
    "tag-list",
    "taglist",
];

/// Short words that mark junk only as a whole class name or a dash part of one
/// (`nav`, `main-nav`, but not `canvas`).
const JUNK_WORDS: &[&str] = &[
    "ad",
    "ads",
    "adslot",
    "dfp",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "widget",
    "banner",
    "popup",
    "modal",
    "overlay",
    "toolbar",
    "tags",
    "keywords",
    "topics",
    "pager",
    "print",
    "hidden",
    "hide",
    "tooltip",
    "bio",
    "credit",
    "credits",
    "meta",
    "login",
    "jump",
    "teaser",
    "rail",
    "embed",
    "gallery",
    "slideshow",
    "podcast",
    "player",
    "tools",
    "icons",
    "follow",
    "email",
    "facebook",
    "twitter",
    "linkedin",
    "whatsapp",
    "pinterest",
    "reddit",
    "headlines",
    "latest",
    "infobox",
    "callout",
    "feedback",
    "survey",
    "donate",
    "donation",
    "membership",
    "cta",
    "timestamp",
    "date",
    "author",
    "header",
    "masthead",
    "video",
    "audio",
    "aside",
];

/// Words that vouch for an article container (they override junk words).
const GOOD_WORDS: &[&str] = &[
    "article-body",
    "articlebody",
    "article-content",
    "articlecontent",
    "story-body",
    "storybody",
    "story-content",
    "post-content",
    "postcontent",
    "post-body",
    "entry-content",
    "entrycontent",
    "article-text",
    "articletext",
    "body-text",
    "bodytext",
    "main-content",
    "article__body",
    "article__content",
    "story__body",
    "content-body",
    "text-body",
    "rich-text",
    "richtext",
    "article-main",
    "c-entry-content",
    "paywall-content",
];

/// Does `hay` contain any of `needles`? One pass, candidates by first byte
/// (class strings are many and short; `str::contains` per needle was the
/// extractor's hottest loop).
fn contains_any(
    hay: &str,
    needles: &'static [&'static str],
    index: &'static std::sync::OnceLock<Vec<Vec<&'static str>>>,
) -> bool {
    // candidates by their first two bytes (all needles have at least two)
    let idx = index.get_or_init(|| {
        let mut v = vec![Vec::new(); 1 << 16];
        for n in needles {
            let b = n.as_bytes();
            v[(b[0] as usize) << 8 | b[1] as usize].push(*n);
        }
        v
    });
    let b = hay.as_bytes();
    (0..b.len().saturating_sub(1)).any(|i| {
        idx[(b[i] as usize) << 8 | b[i + 1] as usize]
            .iter()
            .any(|n| {
                let n = n.as_bytes();
                b.len() - i >= n.len() && b[i..i + n.len()].iter().zip(n).all(|(x, y)| x == y)
            })
    })
}

static JUNK_IDX: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();
static GOOD_IDX: std::sync::OnceLock<Vec<Vec<&'static str>>> = std::sync::OnceLock::new();

fn is_good(words: &str) -> bool {
    contains_any(words, GOOD_WORDS, &GOOD_IDX)
}

fn class_words(dom: &Dom, id: NodeId, buf: &mut String) {
    buf.clear();
    for (n, v) in dom.attrs_of(id) {
        if n.eq_ignore_ascii_case("class") || n.eq_ignore_ascii_case("id") {
            buf.push(' ');
            for c in v.chars() {
                buf.push(c.to_ascii_lowercase());
            }
        }
    }
}

fn is_junk_word(w: &str) -> bool {
    static SORTED: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    let v = SORTED.get_or_init(|| {
        let mut v = JUNK_WORDS.to_vec();
        v.sort_unstable();
        v
    });
    w.len() <= 12 && v.binary_search(&w).is_ok()
}

/// Class prefixes of layout modifiers: they name what is beside the element
/// or the viewport it is drawn for ("has-sidebar", "lte-banner-w1564"), not
/// the element.
const LAYOUT_MODIFIERS: &[&str] = &[
    "has-", "with-", "no-", "w-", "and-w-", "is-", "lt-", "gt-", "lte-", "gte-",
];

/// A class name that says comments, sharing, related links and the like
/// (not just a layout word such as `widget`).
fn strong_junk(words: &str) -> bool {
    words
        .split_whitespace()
        .filter(|t| !LAYOUT_MODIFIERS.iter().any(|m| t.starts_with(m)))
        .any(|t| contains_any(t, JUNK_PARTS, &JUNK_IDX))
}

/// How a class/id string votes: positive for article containers, negative for chrome.
fn class_vote(words: &str, good: bool, strong: bool) -> i32 {
    if words.is_empty() {
        return 0;
    }
    let mut v = 0;
    if good {
        v += 40;
    }
    if strong {
        v -= 25;
    }
    for tok in words.split(|c: char| c.is_whitespace()) {
        // layout modifiers name what is beside the element, not the element
        if tok.is_empty()
            || LAYOUT_MODIFIERS.iter().any(|m| tok.starts_with(m))
            || ["mobile", "tablet", "desktop"]
                .iter()
                .any(|m| tok.contains(m))
        {
            continue;
        }
        let mut parts = tok.split(['-', '_']).filter(|p| !p.is_empty());
        if is_junk_word(tok) || (tok.len() < 24 && parts.clone().any(is_junk_word)) {
            v -= 25;
        }
        if parts.any(|p| {
            matches!(
                p,
                "article" | "story" | "content" | "entry" | "post" | "body" | "text"
            )
        }) {
            v += 10;
        }
    }
    v
}

/// Why a subtree is not article text, if it is not.
fn junk_reason(dom: &Dom, id: NodeId, vote: i32, protected: bool, soft: bool) -> bool {
    let tag = dom.tag(id);
    match tag {
        Tag::script
        | Tag::style
        | Tag::noscript
        | Tag::template
        | Tag::svg
        | Tag::math
        | Tag::iframe
        | Tag::object
        | Tag::embed
        | Tag::canvas
        | Tag::head
        | Tag::title
        | Tag::button
        | Tag::select
        | Tag::input
        | Tag::textarea
        | Tag::video
        | Tag::audio
        | Tag::dialog
        | Tag::label
        | Tag::figcaption
        | Tag::Comment => return true,
        Tag::Text | Tag::Root => return false,
        // an unclosed <aside> or <nav> can swallow the page: not when it holds most of its text
        Tag::nav | Tag::aside | Tag::footer => return !protected,
        _ => {}
    }
    // hidden: junk, unless it holds the article (React streams server-rendered
    // content into `<div hidden id="S:0">` and moves it into place)
    let react_stream = dom
        .attr_raw(id, "id")
        .is_some_and(|v| v.len() <= 6 && v.starts_with("S:"));
    if dom.attr_raw(id, "hidden").is_some() && !react_stream {
        return true;
    }
    if let Some(s) = dom.attr_raw(id, "style") {
        let s = s.to_ascii_lowercase().replace(' ', "");
        if s.contains("display:none") || s.contains("visibility:hidden") {
            return true;
        }
    }
    if let Some(r) = dom.attr_raw(id, "role") {
        let r = r.to_ascii_lowercase();
        if matches!(
            r.as_str(),
            "navigation"
                | "complementary"
                | "contentinfo"
                | "banner"
                | "dialog"
                | "menu"
                | "menubar"
                | "alert"
                | "search"
        ) {
            return true;
        }
    }
    if dom
        .attr_raw(id, "aria-hidden")
        .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if protected || soft || matches!(tag, Tag::html | Tag::body | Tag::main | Tag::article) {
        return false;
    }
    vote < 0
}

/// Paragraph text (outside links) that a layout class word alone does not make junk.
const LAYOUT_PROSE_CHARS: u32 = 150;

/// Class words of boxes that are about the article or interrupt it (appeals,
/// pop-ups, log-in walls, author bios, bylines): junk even when they hold prose.
fn boxed_aside(dom: &Dom, id: NodeId) -> bool {
    let mut w = String::new();
    class_words(dom, id, &mut w);
    w.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .any(|p| {
            matches!(
                p,
                "modal"
                    | "popup"
                    | "overlay"
                    | "cta"
                    | "donate"
                    | "donation"
                    | "membership"
                    | "login"
                    | "survey"
                    | "feedback"
                    | "banner"
                    | "bio"
                    | "author"
                    | "credit"
                    | "credits"
                    | "meta"
                    | "timestamp"
                    | "date"
            )
        })
}

/// Block-level text containers whose prose votes for an ancestor.
fn is_para(tag: Tag) -> bool {
    matches!(
        tag,
        Tag::p | Tag::pre | Tag::blockquote | Tag::td | Tag::li | Tag::dd
    )
}

/// The article body of a parsed page.
pub fn extract(dom: &Dom) -> Result<Body, NoArticle> {
    extract_traced(dom, None)
}

/// For tuning: the ancestors of the first text node containing `needle`, with
/// their junk flag, class vote and score, and the chosen container.
#[doc(hidden)]
pub fn trace(dom: &Dom, needle: &str) -> String {
    let mut out = String::new();
    let _ = extract_traced(dom, Some((needle, &mut out)));
    out
}

fn extract_traced(dom: &Dom, mut trace: Option<(&str, &mut String)>) -> Result<Body, NoArticle> {
    let n = dom.nodes.len();
    let mut st = vec![Stats::default(); n];
    let mut vote = vec![0i32; n];
    let mut words = String::new();
    // class votes, and which subtrees hold a vouched-for article container
    // (class words never make those junk: `<div class="post tag-news">` around the body)
    let mut protect = vec![false; n];
    let mut seen: std::collections::HashMap<&str, (i32, bool, bool)> =
        std::collections::HashMap::new();
    let mut strong = vec![false; n];
    let mut own_good = vec![false; n];
    for id in 1..n as NodeId {
        let t = dom.tag(id);
        if t == Tag::Text || t == Tag::Comment {
            continue;
        }
        // pages repeat the same class strings: judge each distinct one once
        let mut good = false;
        let mut itemprop_body = false;
        for (an, av) in dom.attrs_of(id) {
            if av.is_empty() {
                continue;
            }
            let is_class = an.eq_ignore_ascii_case("class") || an.eq_ignore_ascii_case("id");
            if is_class {
                let (v, g, sj) = *seen.entry(av).or_insert_with(|| {
                    words.clear();
                    words.push(' ');
                    words.extend(av.chars().map(|c| c.to_ascii_lowercase()));
                    let (g, sj) = (is_good(&words), strong_junk(&words));
                    (class_vote(&words, g, sj), g, sj)
                });
                vote[id as usize] += v;
                good |= g;
                strong[id as usize] |= sj;
            } else if an.eq_ignore_ascii_case("itemprop") && av.eq_ignore_ascii_case("articleBody")
            {
                itemprop_body = true;
            }
        }
        protect[id as usize] = good || itemprop_body;
        own_good[id as usize] = good || itemprop_body;
    }
    // raw paragraph text (outside scripts and styles) below each element: an
    // element holding most of the page's paragraphs is not made junk by a
    // class word (`page-content with-sidebar`)
    let mut raw_p = vec![0u32; n];
    for id in (1..n).rev() {
        let node = &dom.nodes[id];
        let p = node.parent as usize;
        if node.tag == Tag::Text && p < n && is_para(dom.nodes[p].tag) {
            raw_p[id] = visible_len(dom.raw(id as NodeId));
        }
        if p < n {
            raw_p[p] += raw_p[id];
            if protect[id] {
                protect[p] = true;
            }
        }
    }
    let page_p = raw_p[0].max(1);
    for id in 1..n {
        let structural = matches!(dom.nodes[id].tag, Tag::aside | Tag::nav | Tag::footer);
        if raw_p[id] * 2 > page_p && (vote[id] < 0 || structural) && !is_para(dom.nodes[id].tag) {
            protect[id] = true;
        }
        // a layout word (`elementor-widget`, `widget-type-rich_text`,
        // `jump-section`, `ck-block--embed`) on a block of prose: page builders
        // wrap each part of the article in one
        if !structural
            && !strong[id]
            && vote[id] < 0
            && raw_p[id] >= LAYOUT_PROSE_CHARS
            && !boxed_aside(dom, id as NodeId)
        {
            protect[id] = true;
        }
    }
    // top-down: junk marks (parents come before children in the arena)
    for id in 1..n as NodeId {
        let node = dom.node(id);
        let p = node.parent;
        if p != NONE && st[p as usize].junk {
            st[id as usize].junk = true;
            continue;
        }
        if node.tag == Tag::Text || node.tag == Tag::Comment {
            st[id as usize].junk = node.tag == Tag::Comment;
            continue;
        }
        // inside a vouched-for article container only strong class words junk
        let pu = if p == NONE { 0 } else { p as usize };
        own_good[id as usize] |= own_good[pu];
        let soft = own_good[pu] && !strong[id as usize];
        st[id as usize].junk = junk_reason(dom, id, vote[id as usize], protect[id as usize], soft);
    }
    // bottom-up: text and link sums
    let mut in_link = vec![false; n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        in_link[id] = in_link[p] || dom.nodes[p].tag == Tag::a;
    }
    for id in (1..n).rev() {
        if st[id].junk {
            continue;
        }
        let node = &dom.nodes[id];
        if node.tag == Tag::Text {
            let len = visible_len(dom.raw(id as NodeId));
            st[id].text = len;
            if in_link[id] {
                st[id].link = len;
            }
        }
        let p = node.parent as usize;
        if p < n {
            st[p].text += st[id].text;
            st[p].link += st[id].link;
        }
    }
    if let Some((needle, out)) = trace.as_mut() {
        if let Some(t) =
            (1..n as NodeId).find(|&i| dom.tag(i) == Tag::Text && dom.raw(i).contains(*needle))
        {
            let mut a = t;
            while a != NONE && a != 0 {
                let mut w = String::new();
                class_words(dom, a, &mut w);
                out.push_str(&format!(
                    "  {}[{}] junk={} vote={}\n",
                    dom.name(a),
                    w.trim(),
                    st[a as usize].junk,
                    vote[a as usize]
                ));
                a = dom.node(a).parent;
            }
        }
    }
    let total_text = st[0].text as usize;
    if total_text < 80 {
        return Err(NoArticle::NoText { chars: total_text });
    }
    // paragraphs: each text node belongs to its nearest block ancestor; p-like
    // blocks are one paragraph, a container with loose text (`text<br><br>text`)
    // has one paragraph per long text run
    let mut ptext = vec![0u32; n];
    let mut pcommas = vec![0u32; n];
    let mut pruns = vec![0u32; n];
    for id in 1..n {
        if st[id].junk || dom.nodes[id].tag != Tag::Text || in_link[id] {
            continue;
        }
        let len = st[id].text;
        if len == 0 {
            continue;
        }
        let mut b = dom.nodes[id].parent;
        while b != NONE && b != 0 {
            let t = dom.tag(b);
            if t.is_block() || is_para(t) {
                break;
            }
            b = dom.node(b).parent;
        }
        if b == NONE {
            continue;
        }
        let b = b as usize;
        ptext[b] += len;
        pcommas[b] += dom.raw(id as NodeId).bytes().filter(|&c| c == b',').count() as u32;
        if len >= 25 {
            pruns[b] += 1;
        }
    }
    for id in 1..n {
        let len = ptext[id];
        if len < 25 || st[id].junk {
            continue;
        }
        let tag = dom.nodes[id].tag;
        let (s, first) = if is_para(tag) || tag.is_heading() {
            if tag.is_heading() {
                continue;
            }
            (
                1.0 + (pcommas[id] as f32).min(10.0) + (len as f32 / 100.0).min(3.0),
                dom.nodes[id].parent,
            )
        } else {
            let runs = pruns[id].max(1) as f32;
            (
                runs + (pcommas[id] as f32).min(10.0 * runs) + (len as f32 / 100.0).min(3.0 * runs),
                id as NodeId,
            )
        };
        st[id].para += len;
        let mut a = first;
        let mut level = 0;
        while a != NONE && level < 4 {
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            st[a as usize].score += s / div;
            a = dom.nodes[a as usize].parent;
            level += 1;
        }
    }
    // paragraph text below each element
    for id in (1..n).rev() {
        let p = dom.nodes[id].parent as usize;
        if p < n && !st[id].junk {
            st[p].para += st[id].para;
        }
    }
    // pick the best container
    let mut best = NONE;
    let mut best_score = 0.0f32;
    for id in 1..n {
        if st[id].junk || st[id].score <= 0.0 {
            continue;
        }
        let ld = st[id].link as f32 / st[id].text.max(1) as f32;
        let bonus = 1.0 + (vote[id].clamp(-50, 60) as f32) / 100.0;
        let s = st[id].score * (1.0 - ld) * bonus;
        st[id].score = s;
        if s > best_score {
            best_score = s;
            best = id as NodeId;
        }
    }
    if best == NONE {
        let ld = st[0].link as f32 / st[0].text.max(1) as f32;
        if ld > 0.5 {
            return Err(NoArticle::Listing {
                links: count_links(dom),
                link_density: ld,
            });
        }
        return Err(NoArticle::NoProse { chars: total_text });
    }
    if let Some((needle, out)) = trace.as_mut() {
        use std::fmt::Write as _;
        let path = |id: NodeId| {
            let mut v = Vec::new();
            let mut a = id;
            while a != NONE && a != 0 {
                let mut w = String::new();
                class_words(dom, a, &mut w);
                v.push(format!(
                    "{}[{}] junk={} vote={} score={:.1} text={} link={} para={}",
                    dom.name(a),
                    w.trim(),
                    st[a as usize].junk,
                    vote[a as usize],
                    st[a as usize].score,
                    st[a as usize].text,
                    st[a as usize].link,
                    st[a as usize].para
                ));
                a = dom.node(a).parent;
            }
            v.join("\n  ")
        };
        let _ = writeln!(out, "best: score {best_score:.1}\n  {}", path(best));
        if let Some(t) =
            (1..n as NodeId).find(|&i| dom.tag(i) == Tag::Text && dom.raw(i).contains(*needle))
        {
            let _ = writeln!(out, "needle:\n  {}", path(t));
        }
    }
    let alt_levels = alternative_candidates(dom, &st, best, best_score);
    // climb while an ancestor holds clearly more prose (an article split in
    // columns or parts by inserts, or a page builder's modules, each holding
    // some paragraphs: then another strong candidate joins the climb);
    // wrappers with the same prose are passed through
    let mut top = best;
    let mut top_level = 0;
    let mut cur = best;
    for level in 1..=12 {
        let p = dom.node(cur).parent;
        if p == NONE || p == 0 || st[p as usize].junk {
            break;
        }
        let sp = &st[p as usize];
        let pld = sp.link as f32 / sp.text.max(1) as f32;
        if pld > 0.5 {
            break;
        }
        let tp = st[top as usize].para as f32;
        let joins_alternative = || alt_levels.iter().any(|&l| l > top_level && l <= level);
        if sp.para as f32 > tp * 1.25 + 200.0
            && (sp.score >= best_score * 0.3 || sp.para as f32 > tp * 3.0 || joins_alternative())
        {
            top = p;
            top_level = level;
        }
        cur = p;
    }
    // siblings that score like the winner join it
    let parent = dom.node(top).parent;
    let mut parts: Vec<NodeId> = Vec::new();
    if parent != NONE {
        let threshold = (best_score * 0.2).max(10.0);
        for c in dom.children(parent) {
            if c == top {
                parts.push(c);
                continue;
            }
            let s = &st[c as usize];
            if s.junk || dom.tag(c) == Tag::Text {
                continue;
            }
            let ld = s.link as f32 / s.text.max(1) as f32;
            let own = s.text.saturating_sub(s.link);
            if s.score >= threshold && ld < 0.3 || (dom.tag(c) == Tag::p && own > 80 && ld < 0.25) {
                parts.push(c);
            }
        }
    } else {
        parts.push(top);
    }
    let mut w = Writer::default();
    for p in &parts {
        w.write(dom, *p, &st);
        w.block();
    }
    let text = w.finish();
    let chars = text.chars().count();
    let ld = st[top as usize].link as f32 / st[top as usize].text.max(1) as f32;
    if chars < MIN_ARTICLE_CHARS {
        let page_ld = st[0].link as f32 / st[0].text.max(1) as f32;
        if looks_paywalled(dom) && chars > 0 {
            return Err(NoArticle::Paywall { chars });
        }
        if page_ld > 0.4 {
            return Err(NoArticle::Listing {
                links: count_links(dom),
                link_density: page_ld,
            });
        }
        return Err(NoArticle::NoProse { chars: total_text });
    }
    Ok(Body {
        text,
        container_score: best_score,
        link_density: ld,
    })
}

/// Readability's alternative top candidates: elements scoring at least
/// `ALTERNATIVE_SHARE` of the best, with few links, neither inside the best
/// nor holding it. For each, the level of the best's ancestor chain (1 = its
/// parent) where the two meet.
fn alternative_candidates(dom: &Dom, st: &[Stats], best: NodeId, best_score: f32) -> Vec<usize> {
    const ALTERNATIVE_SHARE: f32 = 0.3;
    let mut chain: Vec<NodeId> = Vec::with_capacity(16);
    let mut a = best;
    while a != NONE && a != 0 && chain.len() < 14 {
        chain.push(a);
        a = dom.node(a).parent;
    }
    let mut levels = Vec::new();
    for (id, s) in st.iter().enumerate().skip(1) {
        let id = id as NodeId;
        if s.junk || s.score < best_score * ALTERNATIVE_SHARE || id == best || s.link * 4 > s.text {
            continue;
        }
        let mut a = id;
        for _ in 0..40 {
            if a == NONE || a == 0 {
                break;
            }
            if let Some(l) = chain.iter().position(|&c| c == a) {
                if a != id && l > 0 {
                    levels.push(l);
                }
                break;
            }
            a = dom.node(a).parent;
        }
    }
    levels
}

/// The text of an HTML fragment (a feed item's content): every block, with
/// paragraph breaks, without scripts, styles, forms or boilerplate lines.
pub fn fragment_text(dom: &Dom) -> String {
    let n = dom.nodes.len();
    let mut st = vec![Stats::default(); n];
    for id in 1..n {
        let p = dom.nodes[id].parent as usize;
        st[id].junk = st[p].junk
            || matches!(
                dom.nodes[id].tag,
                Tag::script
                    | Tag::style
                    | Tag::noscript
                    | Tag::template
                    | Tag::svg
                    | Tag::iframe
                    | Tag::button
                    | Tag::select
                    | Tag::input
                    | Tag::textarea
                    | Tag::Comment
            );
    }
    let mut w = Writer::default();
    w.write(dom, 0, &st);
    w.finish()
}

fn visible_len(s: &str) -> u32 {
    s.bytes()
        .filter(|b| !b.is_ascii_whitespace() && (*b & 0xC0) != 0x80)
        .count() as u32
}

fn count_links(dom: &Dom) -> usize {
    dom.nodes.iter().filter(|n| n.tag == Tag::a).count()
}

fn looks_paywalled(dom: &Dom) -> bool {
    let words = [
        "paywall",
        "subscribe to continue",
        "subscriber-only",
        "premium-content",
        "meteredcontent",
        "regwall",
    ];
    let lower_hit = |s: &str| {
        let l = s.to_ascii_lowercase();
        words.iter().any(|w| l.contains(w))
    };
    dom.nodes.iter().enumerate().any(|(i, nd)| {
        nd.tag != Tag::Text
            && nd.tag != Tag::Comment
            && dom.attrs_of(i as NodeId).any(|(n, v)| {
                (n.eq_ignore_ascii_case("class") || n.eq_ignore_ascii_case("id")) && lower_hit(v)
            })
    }) || dom.src.contains("\"isAccessibleForFree\":false")
        || dom.src.contains("\"isAccessibleForFree\": false")
        || dom.src.contains("\"isAccessibleForFree\":\"False\"")
}

/// Writes the visible text of subtrees with paragraph breaks.
#[derive(Default)]
struct Writer {
    out: String,
    /// Start of the block being written (to drop it if it turns out to be boilerplate).
    block_start: usize,
}

impl Writer {
    fn block(&mut self) {
        self.end_block();
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            if self.out.ends_with('\n') {
                self.out.push('\n');
            } else {
                self.out.push_str("\n\n");
            }
        }
        self.block_start = self.out.len();
    }

    /// Drops the block just written when it is a boilerplate line.
    fn end_block(&mut self) {
        let b = self.out[self.block_start..].trim();
        if !b.is_empty() && is_boilerplate_line(b) {
            self.out.truncate(self.block_start);
        } else {
            // trim trailing spaces of the block
            let t = self.out.trim_end_matches([' ', '\t']).len();
            self.out.truncate(t);
        }
    }

    fn write(&mut self, dom: &Dom, id: NodeId, st: &[Stats]) {
        let tag = dom.tag(id);
        if st[id as usize].junk {
            return;
        }
        match tag {
            Tag::Text => {
                let t = decode_text(dom, id);
                if self.in_pre(dom, id) {
                    self.out.push_str(&t);
                } else {
                    crate::html::push_collapsed(&mut self.out, &t);
                }
                return;
            }
            Tag::br => {
                let t = self.out.trim_end_matches(' ').len();
                self.out.truncate(t);
                if !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push('\n');
                }
                return;
            }
            Tag::img | Tag::hr => return,
            _ => {}
        }
        let s = &st[id as usize];
        // a link list inside the article (related stories, tag clouds)
        if tag != Tag::a
            && s.text > 0
            && s.link * 10 > s.text * 6
            && matches!(
                tag,
                Tag::ul | Tag::ol | Tag::div | Tag::p | Tag::section | Tag::table | Tag::dl
            )
        {
            return;
        }
        let block = tag.is_block() || matches!(tag, Tag::td | Tag::th);
        if block {
            self.block();
        }
        let mut c = dom.node(id).first_child;
        while c != NONE {
            self.write(dom, c, st);
            c = dom.node(c).next_sibling;
        }
        if block {
            self.block();
        }
    }

    fn in_pre(&self, dom: &Dom, id: NodeId) -> bool {
        let mut a = dom.node(id).parent;
        let mut k = 0;
        while a != NONE && k < 6 {
            if dom.tag(a) == Tag::pre {
                return true;
            }
            a = dom.node(a).parent;
            k += 1;
        }
        false
    }

    fn finish(mut self) -> String {
        self.end_block();
        let mut out = String::with_capacity(self.out.len());
        let mut blank = 0;
        for line in self.out.lines() {
            let l = line.trim();
            if l.is_empty() {
                blank += 1;
                continue;
            }
            if !out.is_empty() {
                out.push_str(if blank > 0 { "\n\n" } else { "\n" });
            }
            out.push_str(l);
            blank = 0;
        }
        out
    }
}

/// A short block that is site chrome wherever it appears.
fn is_boilerplate_line(b: &str) -> bool {
    if b.len() > 160 {
        return false;
    }
    let l = b.to_lowercase();
    let l = l.trim_end_matches(['.', ':', '!', '…']);
    const EXACT: &[&str] = &[
        "advertisement",
        "advertisment",
        "ad",
        "story continues below advertisement",
        "continue reading below",
        "continue reading",
        "read more",
        "read more below",
        "share",
        "share this",
        "share this article",
        "share this story",
        "tweet",
        "email",
        "print",
        "comments",
        "skip advertisement",
        "related",
        "related articles",
        "related stories",
        "recommended",
        "most popular",
        "sign up",
        "subscribe",
        "newsletter",
        "close",
        "menu",
        "copy link",
        "link copied",
        "share on facebook",
        "share on twitter",
        "scroll to continue with content",
        "article continues below",
        "this article continues below",
        "continue reading the main story",
        "supported by",
        "loading",
        "loading...",
        "back to top",
        "see also",
    ];
    if EXACT.contains(&l) {
        return true;
    }
    const PREFIX: &[&str] = &[
        "sign up for",
        "subscribe to our",
        "click here to",
        "follow us on",
        "read more:",
        "read more about",
        "related:",
        "see also:",
        "also read:",
        "read also:",
        "more:",
        "copyright ©",
        "© copyright",
        "all rights reserved",
        "image copyright",
        "image caption",
        "media caption",
        "getty images",
        "photo:",
        "(photo:",
        "photograph:",
        "image:",
    ];
    PREFIX.iter().any(|p| l.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(html: &str) -> Result<String, NoArticle> {
        extract(&Dom::parse(html)).map(|b| b.text)
    }

    const PROSE: &str = "The minister said on Monday that the talks, which began in Geneva last week, would continue until an agreement was reached, and that both sides had shown good will.";

    fn page(article: &str) -> String {
        format!(
            "<html><head><title>T</title><script>var x = '<p>no</p>';</script></head><body>\
             <nav><ul><li><a href=/a>Home</a><li><a href=/b>World</a></ul></nav>\
             <div class=main><article><h1>Headline</h1>{article}</article>\
             <div class=related-stories><h3>Related</h3><ul><li><a href=/c>Other story about the talks in Geneva and elsewhere</a></ul></div></div>\
             <div id=comments><p>{PROSE} Great piece, loved it, thanks.</p></div>\
             <footer><p>© 2024 Example News, all rights reserved, in many places.</p></footer></body></html>"
        )
    }

    #[test]
    fn breakpoint_classes_are_no_junk_words() {
        // Wix: "lte-banner-w1564" says which viewport, not a banner
        let html = format!(
            "<html><body><div class=\"md lt-lg gt-xs lte-banner-w1564 lte-category-header-w1364\">\
             <article><p>{PROSE}</p><p>{PROSE}</p><p>{PROSE}</p></article></div></body></html>"
        );
        let text = body(&html).expect("an article");
        assert!(text.contains("The minister said"), "{text}");
    }

    #[test]
    fn keeps_paragraphs_drops_chrome() {
        let art = format!("<p>{PROSE}</p><p>Second, {PROSE}</p><div class=share-bar><a href=#>Share</a></div><p>Third paragraph, {PROSE}</p>");
        let t = body(&page(&art)).unwrap();
        assert_eq!(t.matches("The minister said").count(), 3, "{t}");
        assert!(t.contains("\n\nSecond, The minister"), "{t}");
        for bad in [
            "Home",
            "Related",
            "Other story",
            "Great piece",
            "© 2024",
            "var x",
            "Share",
        ] {
            assert!(!t.contains(bad), "{bad} in {t}");
        }
    }

    #[test]
    fn br_breaks_and_inline_markup() {
        let art = format!(
            "<p>{PROSE}<br>Line <b>two</b>, <a href=/x>with a link</a>, {PROSE}</p><p>{PROSE}</p>"
        );
        let t = body(&page(&art)).unwrap();
        assert!(
            t.contains(
                "reached, and that both sides had shown good will.\nLine two, with a link, The"
            ),
            "{t}"
        );
    }

    #[test]
    fn no_article_reasons() {
        assert!(matches!(
            body("<html><body><div id=root></div><script>app()</script></body></html>"),
            Err(NoArticle::NoText { .. })
        ));
        let links: String = (0..60)
            .map(|i| {
                format!(
                    "<li><a href=/s{i}>Story number {i} about something happening today</a></li>"
                )
            })
            .collect();
        let e = body(&format!("<html><body><ul>{links}</ul></body></html>")).unwrap_err();
        assert!(matches!(e, NoArticle::Listing { .. }), "{e:?}");
        assert!(e.to_string().contains("listing"));
        let stub = format!("<html><body><article><p>{PROSE}</p><div class=paywall><p>Subscribe to continue reading.</p></div></article></body></html>");
        assert!(
            matches!(body(&stub), Err(NoArticle::Paywall { .. })),
            "{:?}",
            body(&stub)
        );
    }

    #[test]
    fn an_unclosed_aside_does_not_swallow_the_article() {
        let html = format!("<html><body><aside class=banner><a href=/x>Announcement</a><main><article><p>{PROSE}</p><p>Two, {PROSE}</p></article></main></body></html>");
        let t = body(&html).unwrap();
        assert!(t.contains("Two, The minister"), "{t}");
        assert!(!t.contains("Announcement"), "{t}");
    }

    #[test]
    fn page_builder_widgets_holding_prose_are_article() {
        let widget = |t: &str| {
            format!("<div class=\"builder-widget widget-type-text\"><div><p>{t}</p><p>{PROSE}</p></div></div>")
        };
        let html = format!(
            "<html><body><div class=content>{}{}{}\
             <div class=\"builder-widget widget-cta\"><p>Support our newsroom today, {PROSE}</p></div>\
             <div class=widget><a href=/x>Login</a></div></div></body></html>",
            widget(&format!("One, {PROSE}")),
            widget(&format!("Two, {PROSE}")),
            widget(&format!("Three, {PROSE}")),
        );
        let t = body(&html).unwrap();
        for part in ["One, The", "Two, The", "Three, The"] {
            assert!(t.contains(part), "{part} missing from {t}");
        }
        assert!(!t.contains("Support our newsroom"), "{t}");
        assert!(!t.contains("Login"), "{t}");
    }

    #[test]
    fn a_body_split_across_builder_sections_is_joined() {
        // each section nests its paragraphs deep, so the common ancestor
        // scores nothing itself; the other sections are strong candidates
        let section = |name: &str, paras: usize| {
            let ps: String = (0..paras)
                .map(|i| format!("<p>{name} {i}, {PROSE}</p>"))
                .collect();
            format!("<div class=section><div class=row><div class=column><div class=module><div class=inner>{ps}</div></div></div></div></div>")
        };
        let html = format!(
            "<html><body><div class=page>{}<h2>Next part</h2>{}{}</div></body></html>",
            section("Alpha", 4),
            section("Beta", 3),
            section("Gamma", 2),
        );
        let t = body(&html).unwrap();
        for part in ["Alpha 0,", "Beta 2,", "Gamma 1,", "Next part"] {
            assert!(t.contains(part), "{part} missing from {t}");
        }
    }

    #[test]
    fn boilerplate_lines() {
        assert!(is_boilerplate_line("Advertisement"));
        assert!(is_boilerplate_line("Sign up for our newsletter"));
        assert!(!is_boilerplate_line(
            "He said he would sign up for the army."
        ));
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(<(p|div|a|br|ul|li|article|script|nav)( class=(share|article-body|x))?>|</(p|div|a|li|ul)>|[a-z ,.]{0,30}){0,40}") {
            let _ = body(&s);
        }
    }
}
