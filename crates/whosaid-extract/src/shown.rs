//! The date a page shows its readers, where the header does not hold it or
//! where the markup declares another.
//!
//! - [`shows_day`]: is a day written anywhere in the page's visible text? A
//!   declared publication date that is shown nowhere, under a date line that
//!   shows one other date, is a CMS stamp the reader is never told.
//! - [`card_date`]: a date alone in the element after a "Written by" line
//!   (an author card after the text).
//! - [`own_teaser_date`]: the date of the page's own entry in a list of
//!   recent posts, the only place some pages show it.
//! - [`originally_published`]: "This article was originally published on
//!   ...": the first publication, told in words.

use crate::dates::{self, NumericOrder};
use crate::header::{
    after_byline_label, article_of, hidden_parent, in_teaser_item, inside, label_of,
    link_elsewhere, previous_element, url_path, DateLabel, TEASER_CLASSES,
};
use crate::html::{decode_entities, push_collapsed, Dom, NodeId, Tag, NONE};

/// How much text before a year ([`shows_day`]) may belong to its date
/// ("Wednesday, 17 September 2025").
const BEFORE_YEAR: usize = 40;
/// How much after it ("2025-09-17", "2023 Jan 7").
const AFTER_YEAR: usize = 12;

/// The collapsed, entity-decoded text of text node `id`.
fn text(dom: &Dom, id: NodeId) -> String {
    let mut t = String::new();
    push_collapsed(&mut t, &decode_entities(dom.raw(id)));
    t.trim().to_string()
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Does the page's visible text (no script, style or title) write the day
/// `day` (`YYYY-MM-DD`) in any form [`dates::find`] reads? Only text around
/// each occurrence of the day's year is read, so long paragraphs cost a
/// substring search.
pub fn shows_day(dom: &Dom, day: &str, order: Option<NumericOrder>) -> bool {
    let (Some(year), Some(want)) = (day.get(..4), day.get(..10)) else {
        return false;
    };
    (1..dom.nodes.len() as NodeId).any(|id| {
        // scripts first: they hold most of a page's bytes
        if dom.tag(id) != Tag::Text || hidden_parent(dom, id) || !dom.raw(id).contains(year) {
            return false;
        }
        // a space before the text bounds the numeric forms at its start
        let t = format!(" {}", text(dom, id));
        t.match_indices(year).any(|(at, _)| {
            let start = floor_boundary(&t, at.saturating_sub(BEFORE_YEAR));
            let end = floor_boundary(&t, (at + year.len() + AFTER_YEAR).min(t.len()));
            let window = &t[start..end];
            if numeric_forms(want)
                .iter()
                .any(|f| window.contains(f.as_str()))
            {
                return true;
            }
            let mut pos = 0;
            while let Some((d, _, e)) = dates::find(&window[pos..], order) {
                if d.get(..10) == Some(want) {
                    return true;
                }
                pos += e;
            }
            false
        })
    })
}

/// The numeric ways of writing the day `YYYY-MM-DD` whose order a reader
/// may take either way (`09.10.2024`, `9/10/2024`, `10-9-2024` for
/// 2024-09-10): a page that writes its date so shows it, whichever order it
/// uses. Each is bounded by non-digits in the search ([`shows_day`] pads).
fn numeric_forms(day: &str) -> Vec<String> {
    let (Some(y), Some(m), Some(d)) = (day.get(..4), day.get(5..7), day.get(8..10)) else {
        return Vec::new();
    };
    let (m1, d1) = (m.trim_start_matches('0'), d.trim_start_matches('0'));
    let mut out = Vec::new();
    for sep in ['.', '/', '-'] {
        for (a, b) in [(m, d), (d, m), (m1, d1), (d1, m1)] {
            out.push(format!(" {a}{sep}{b}{sep}{y}"));
        }
    }
    out
}

/// Does `s` hold four digits in a row (a year)?
fn has_year(s: &str) -> bool {
    s.as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit))
}

/// The date of `t` when the line is a date and nothing more ("April 8,
/// 2024", "Posted March 3, 2024"): no more than a short label around it.
fn date_alone(t: &str, order: Option<NumericOrder>) -> Option<String> {
    let (d, s, e) = dates::find(t, order)?;
    let rest = t[..s].trim().len() + t[e..].trim().len();
    (rest <= 12 && !matches!(label_of(&t[..s]), DateLabel::Modified | DateLabel::Other))
        .then_some(d)
}

/// A date alone in the element that follows a byline ("<p>Written by <a>Jane
/// Roe</a></p><p>April 8, 2024</p>"): an author card, wherever it stands (often
/// after the text), outside navigation, lists, page footers, comments,
/// teasers and links to other pages. Never an update.
pub fn card_date(dom: &Dom, order: Option<NumericOrder>, self_url: Option<&str>) -> Option<String> {
    (1..dom.nodes.len() as NodeId).find_map(|id| {
        if dom.tag(id) != Tag::Text {
            return None;
        }
        let raw = dom.raw(id);
        // cheap tests first: every date we read has a four-digit year
        if raw.len() > 80 || !has_year(raw) || hidden_parent(dom, id) {
            return None;
        }
        let p = dom.node(id).parent;
        let t = text(dom, id);
        let d = date_alone(&t, order)?;
        // the date is all its element says
        if dom.text_of(p).trim() != t {
            return None;
        }
        let prev = previous_element(dom, p)?;
        let by = dom.text_of(prev);
        let name = after_byline_label(by.trim())?;
        if name.is_empty() || name.len() > 80 {
            return None;
        }
        let excluded = inside(dom, id, &[Tag::nav, Tag::li])
            || (inside(dom, id, &[Tag::footer]) && article_of(dom, id) == NONE)
            || in_teaser_item(dom, id)
            || link_elsewhere(dom, id, self_url)
            || crate::meta::in_comment(dom, id);
        (!excluded).then_some(d)
    })
}

/// Words with which a page tells when it first came out.
const FIRST_PUBLISHED: &[&str] = &["originally published", "first published"];

/// The date after "originally published" or "first published" ("This
/// article was originally published on 26 Sep 2019 at 4:12pm but has been
/// updated") in the page's visible text, outside navigation, lists, teasers,
/// links to other pages and comments: the reader is told in words when the
/// article first came out.
pub fn originally_published(
    dom: &Dom,
    order: Option<NumericOrder>,
    self_url: Option<&str>,
) -> Option<String> {
    // every page pays for this: one pass over its bytes for the words
    // before any node is read
    let src = dom.src.as_bytes();
    let said = memchr::memmem::find_iter(src, b" published").any(|at| {
        FIRST_PUBLISHED.iter().any(|w| {
            let w = &w.as_bytes()[..w.len() - " published".len()];
            at >= w.len() && src[at - w.len()..at].eq_ignore_ascii_case(w)
        })
    });
    if !said {
        return None;
    }
    (1..dom.nodes.len() as NodeId).find_map(|id| {
        if dom.tag(id) != Tag::Text || hidden_parent(dom, id) {
            return None;
        }
        let raw = dom.raw(id);
        if raw.len() < 20 || !raw.contains(" published") {
            return None;
        }
        let t = text(dom, id);
        let lower = t.to_lowercase();
        // byte offsets agree while lowercasing keeps lengths (ASCII phrases)
        let at = FIRST_PUBLISHED
            .iter()
            .filter_map(|w| lower.find(w).map(|i| i + w.len()))
            .min()
            .filter(|_| lower.len() == t.len())?;
        let after = &t[at..floor_boundary(&t, (at + 60).min(t.len()))];
        let (d, s, _) = dates::find(after, order)?;
        // "on", "in", ":" and nothing more between the words and the date
        if after[..s].trim().len() > 3 {
            return None;
        }
        let excluded = inside(dom, id, &[Tag::nav, Tag::li])
            || in_teaser_item(dom, id)
            || link_elsewhere(dom, id, self_url)
            || crate::meta::in_comment(dom, id);
        (!excluded).then_some(d)
    })
}

/// Does link `a` lead to the page at `self_url` itself (same path, same
/// host when it names one)? An empty or `#` link does not count.
fn links_to_self(dom: &Dom, a: NodeId, self_url: &str) -> bool {
    let Some(h) = dom.attr(a, "href") else {
        return false;
    };
    let h = h.trim();
    let p = url_path(h);
    if p.is_empty() || h.starts_with('#') {
        return false;
    }
    let host = |u: &str| {
        u.split_once("://")
            .map(|(_, r)| r.split('/').next().unwrap_or("").to_ascii_lowercase())
    };
    let same_host = match (host(h), host(self_url)) {
        (Some(a), Some(b)) => a.trim_start_matches("www.") == b.trim_start_matches("www."),
        _ => !h.starts_with("//"),
    };
    same_host && p == url_path(self_url)
}

/// The words of `s`, lowercased, for comparing a link's text with a headline.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Is `id` a teaser item (a list item, or a block classed as a teaser)?
fn teaser_block(dom: &Dom, id: NodeId) -> bool {
    dom.tag(id) == Tag::li
        || dom.attr_raw(id, "class").is_some_and(|c| {
            let c = c.to_ascii_lowercase();
            TEASER_CLASSES.iter().any(|t| c.contains(t))
        })
}

/// The date of the page's own entry in a list of posts ("Recent posts": a
/// teaser whose every link leads to this page, known by the page's URL or
/// by a link text that is the page's headline `title`, three words or
/// more): the `datetime` of a `<time>` there, or a date written alone in it.
pub fn own_teaser_date(
    dom: &Dom,
    order: Option<NumericOrder>,
    self_url: Option<&str>,
    title: Option<&str>,
) -> Option<String> {
    let title = title.map(words).filter(|w| w.len() >= 3);
    if self_url.is_none() && title.is_none() {
        return None;
    }
    // a link's text is read only when its first words could open the title
    let opens_title = |a: NodeId| {
        let Some(t) = &title else {
            return false;
        };
        let first = dom
            .descendants(a)
            .find(|&d| dom.tag(d) == Tag::Text && !dom.raw(d).trim().is_empty());
        first.is_some_and(|f| {
            let raw = dom
                .raw(f)
                .trim_start_matches(|c: char| !c.is_alphanumeric());
            raw.len() >= t[0].len()
                && raw.as_bytes()[..t[0].len()].eq_ignore_ascii_case(t[0].as_bytes())
        }) && words(&dom.text_of(a)) == *t
    };
    let to_self = |a: NodeId| self_url.is_some_and(|u| links_to_self(dom, a, u)) || opens_title(a);
    dom.elements_named("a").find_map(|a| {
        if !to_self(a) {
            return None;
        }
        let mut block = dom.node(a).parent;
        for _ in 0..3 {
            if block == NONE || teaser_block(dom, block) {
                break;
            }
            block = dom.node(block).parent;
        }
        if block == NONE || !teaser_block(dom, block) {
            return None;
        }
        let only_self = dom
            .descendants(block)
            .filter(|&d| dom.tag(d) == Tag::a)
            .all(to_self);
        if !only_self {
            return None;
        }
        dom.descendants(block).find_map(|d| match dom.tag(d) {
            Tag::time => dom
                .attr(d, "datetime")
                .and_then(|v| dates::normalize(&v))
                .or_else(|| date_alone(&dom.text_of(d), order)),
            Tag::Text if dom.raw(d).len() <= 80 && !hidden_parent(dom, d) => {
                date_alone(&text(dom, d), order)
            }
            _ => None,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dom(html: &str) -> Dom<'_> {
        Dom::parse(html)
    }

    #[test]
    fn a_day_written_anywhere_in_the_visible_text() {
        let html = "<html><head><title>March 4, 2024</title>\
            <script>var d = '2024-02-03';</script></head><body>\
            <p>A long paragraph of prose that goes on and on, first published on \
            Monday, 5 February 2024 by the desk, and more words after it.</p>\
            <p>Tables: 2024-06-30 | 1/2/2024</p></body></html>";
        let d = dom(html);
        assert!(shows_day(&d, "2024-02-05", None));
        assert!(shows_day(&d, "2024-06-30", None));
        // in the title or a script only: not shown
        assert!(!shows_day(&d, "2024-03-04", None));
        assert!(!shows_day(&d, "2024-02-03", None));
        // "1/2/2024" shows both of its readings
        assert!(shows_day(&d, "2024-01-02", None));
        assert!(shows_day(&d, "2024-02-01", None));
        assert!(!shows_day(&d, "2024-01-12", None));
        assert!(!shows_day(&d, "not a day", None));
    }

    #[test]
    fn a_date_after_a_written_by_line() {
        let html = "<article><p>Prose of the article.</p></article>\
            <div><p>Written by <a href=/author/jane-roe>Jane Roe</a></p>\
            <p>April 8, 2024</p></div>";
        assert_eq!(
            card_date(&dom(html), None, None).as_deref(),
            Some("2024-04-08")
        );
        // an update, a date with words around it, a date after no byline
        for html in [
            "<div><p>Written by Jane Roe</p><p>Updated April 8, 2024</p></div>",
            "<div><p>By Jane Roe</p><p>She moved here on April 8, 2024 with her dog.</p></div>",
            "<div><p>Jane Roe</p><p>April 8, 2024</p></div>",
            "<nav><p>By Jane Roe</p><p>April 8, 2024</p></nav>",
            "<div class=comments><p>By Jane Roe</p><p>April 8, 2024</p></div>",
        ] {
            assert_eq!(card_date(&dom(html), None, None), None, "{html}");
        }
    }

    #[test]
    fn the_day_it_was_first_published() {
        let first = |html: &str| originally_published(&dom(html), None, None);
        assert_eq!(
            first("<p>This article was originally published on 26 Sep 2019 at 4:12pm but has been regularly updated.</p>")
                .as_deref(),
            Some("2019-09-26")
        );
        assert_eq!(
            first("<p><em>First published: March 3, 2021.</em></p>").as_deref(),
            Some("2021-03-03")
        );
        for html in [
            // a month is no day; a date far from the words is another one
            "<p>The article was originally published in April 2020 and updated in April 2024.</p>",
            "<p>Originally published by the Herald, which on 3 March 2021 said so.</p>",
            "<ul><li><a href=/x>First published 3 March 2021</a></li></ul>",
            "<script>var s = 'originally published on 3 March 2021';</script>",
            "<p>Published on 3 March 2021.</p>",
        ] {
            assert_eq!(first(html), None, "{html}");
        }
    }

    #[test]
    fn the_pages_own_entry_in_recent_posts() {
        let html = "<main><h1>Pixel UI, Part 1</h1><p>Text.</p></main>\
            <aside><div class=post-item><h4><a href=https://x.example/blog/other>Other</a></h4>\
            <time datetime=2023-12-11>December 11, 2023</time></div>\
            <div class=post-item><h4><a href=https://x.example/blog/pixel-ui-1>Pixel UI, Part 1</a></h4>\
            <time datetime=2025-12-02>December 02, 2025</time></div></aside>";
        let d = dom(html);
        let me = Some("https://x.example/blog/pixel-ui-1/");
        assert_eq!(
            own_teaser_date(&d, None, me, None).as_deref(),
            Some("2025-12-02")
        );
        let other = Some("https://x.example/blog/another");
        assert_eq!(own_teaser_date(&d, None, other, None), None);
        let other_host = Some("https://y.example/blog/pixel-ui-1");
        assert_eq!(own_teaser_date(&d, None, other_host, None), None);
        assert_eq!(own_teaser_date(&d, None, None, None), None);
        // no URL: the link that reads as the page's headline
        let title = Some("Pixel UI, part 1");
        assert_eq!(
            own_teaser_date(&d, None, None, title).as_deref(),
            Some("2025-12-02")
        );
        assert_eq!(own_teaser_date(&d, None, None, Some("Other")), None);
        // an item that also links elsewhere is not the page's own
        let html = "<ul><li><a href=/blog/pixel-ui-1>Pixel UI</a> and \
            <a href=/blog/other>Other</a> <span>Dec 2, 2025</span></li></ul>";
        assert_eq!(own_teaser_date(&dom(html), None, me, None), None);
        let html =
            "<ul><li><a href=/blog/pixel-ui-1>Pixel UI</a> <span>Dec 2, 2025</span></li></ul>";
        let d = dom(html);
        assert_eq!(
            own_teaser_date(&d, None, me, None).as_deref(),
            Some("2025-12-02")
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(<(p|li|div class=post-item|time datetime=2025-12-0[0-9]|a href=/x/|a href=/2025/07/|span style=display:none)>|</(p|li|div|time|a|span)>|Written by |Originally published |First published: |[A-Za-zé’ ]{0,10}|(Dec|Mai) [0-9]{1,2}, 20[0-9]{2}|[0-9]{1,2}[./-][0-9]{1,2}[./-]20[0-9]{2}| 2024){0,24}") {
            let d = Dom::parse(&s);
            let me = Some("https://x.example/x/");
            for day in ["2024-01-02", "2025-12-01", "2024", ""] {
                let _ = shows_day(&d, day, None);
            }
            let _ = card_date(&d, None, me);
            let _ = own_teaser_date(&d, None, me, Some("Written by Dec 1, 2025"));
            let _ = originally_published(&d, None, me);
            let _ = crate::header::listing_href(&s);
        }

        #[test]
        fn a_moment_and_a_day_never_panic(a in "\\PC{0,30}", b in "[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,3})?(Z|[+-][0-9]{2}:?[0-9]{2}|[+-]\\PC{0,4}|\\PC{0,3}))?") {
            let _ = dates::could_be_day(&a, &b);
            let _ = dates::could_be_day(&b, &a);
            let _ = dates::could_be_day(&b, &b);
        }
    }
}
