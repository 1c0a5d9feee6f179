//! Feeds: RSS 0.9x/1.0/2.0, Atom and JSON Feed. Each item becomes a document:
//! its full content (`content:encoded`, Atom `content`) when present, else its
//! summary; an item with neither is an error naming it (with `--fetch` the
//! caller reads the linked page instead).
//!
//! XML feeds go through the lenient tree builder in XML mode, so a feed with
//! an undeclared entity or a stray `&` still gives its items instead of
//! failing whole, as a strict XML parser would.

use crate::html::{decode_text, Dom, NodeId, Tag};
use crate::{dates, SourceError};
use serde_json::Value;
use whosaid_core::Document;

/// One feed item before it becomes a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Item {
    pub id: Option<String>,
    pub title: Option<String>,
    pub link: Option<String>,
    pub authors: Vec<String>,
    pub published: Option<String>,
    pub modified: Option<String>,
    /// Full content, as HTML.
    pub content: Option<String>,
    /// Summary or description, as HTML.
    pub summary: Option<String>,
}

/// A feed: its title (the publisher), language and items.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Feed {
    pub title: Option<String>,
    pub language: Option<String>,
    pub items: Vec<Item>,
}

/// Does this text look like a feed (and not, say, an XHTML page or a sitemap)?
pub fn looks_like_feed(s: &str) -> bool {
    let head: String = s
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('{') {
        return head.contains("jsonfeed.org");
    }
    head.contains("<rss")
        || head.contains("<feed")
        || head.contains("<rdf:rdf")
        || head.contains("<channel")
}

/// Parses a feed (XML or JSON Feed). Errors name `input`.
pub fn parse(s: &str, input: &str) -> Result<Feed, SourceError> {
    let t = s.trim_start_matches('\u{feff}').trim_start();
    if t.starts_with('{') {
        return parse_json(t, input);
    }
    let dom = Dom::parse_xml(t);
    let root_names: Vec<String> = dom
        .children(0)
        .filter(|&c| dom.tag(c) == Tag::Other)
        .map(|c| dom.local_name(c).to_ascii_lowercase())
        .collect();
    let Some(root) = dom.children(0).find(|&c| {
        dom.tag(c) == Tag::Other
            && matches!(
                dom.local_name(c).to_ascii_lowercase().as_str(),
                "rss" | "feed" | "rdf" | "channel" | "entry"
            )
    }) else {
        let what = root_names
            .first()
            .map_or("no root element".to_string(), |n| {
                format!("root element <{n}>")
            });
        let hint = if root_names
            .iter()
            .any(|n| n == "urlset" || n == "sitemapindex")
        {
            " (a sitemap: it lists pages, not articles)"
        } else {
            ""
        };
        return Err(web_err(
            input,
            format!("not an RSS, Atom or JSON feed: {what}{hint}"),
        ));
    };
    let mut feed = Feed::default();
    // an Atom entry document: one item
    if dom.local_name(root).eq_ignore_ascii_case("entry") {
        feed.items.push(item(&dom, root));
        return Ok(feed);
    }
    // channel/feed title and language
    let chan = child(&dom, root, "channel").unwrap_or(root);
    feed.title = child_text(&dom, chan, "title");
    feed.language = child_text(&dom, chan, "language")
        .or_else(|| dom.attr(root, "xml:lang").map(|s| s.into_owned()));
    for id in dom.descendants(root) {
        if dom.tag(id) != Tag::Other {
            continue;
        }
        let name = dom.local_name(id).to_ascii_lowercase();
        if name == "item" || name == "entry" {
            feed.items.push(item(&dom, id));
        }
    }
    Ok(feed)
}

fn web_err(input: &str, msg: String) -> SourceError {
    SourceError::Web {
        input: input.to_string(),
        msg,
    }
}

fn child(dom: &Dom, id: NodeId, name: &str) -> Option<NodeId> {
    dom.children(id)
        .find(|&c| dom.tag(c) == Tag::Other && dom.local_name(c).eq_ignore_ascii_case(name))
}

/// Text of a child element, or `None` when it is missing or blank.
fn child_text(dom: &Dom, id: NodeId, name: &str) -> Option<String> {
    dom.children(id)
        .filter(|&c| dom.tag(c) == Tag::Other && dom.local_name(c).eq_ignore_ascii_case(name))
        .map(|c| xml_text(dom, c))
        .find(|s| !s.is_empty())
}

/// The text inside an element (CDATA verbatim, entities decoded).
fn xml_text(dom: &Dom, id: NodeId) -> String {
    let mut s = String::new();
    for d in dom.descendants(id) {
        if dom.tag(d) == Tag::Text {
            s.push_str(&decode_text(dom, d));
        }
    }
    s.trim().to_string()
}

/// Inline XHTML content (Atom `type="xhtml"`): the markup between the tags.
fn inner_markup(dom: &Dom, id: NodeId) -> Option<String> {
    let n = dom.node(id);
    let src = dom.src;
    let open_end = src[n.end as usize..].find('>')? + n.end as usize + 1;
    let close = format!("</{}", dom.name(id));
    let end = src[open_end..].find(&close)? + open_end;
    Some(src[open_end..end].to_string())
}

fn item(dom: &Dom, id: NodeId) -> Item {
    let mut it = Item::default();
    let mut content_node = None;
    for c in dom.children(id) {
        if dom.tag(c) != Tag::Other {
            continue;
        }
        let name = dom.name(c).to_ascii_lowercase();
        let local = dom.local_name(c).to_ascii_lowercase();
        let text = || Some(xml_text(dom, c)).filter(|s| !s.is_empty());
        match local.as_str() {
            "title" if it.title.is_none() => {
                it.title = text().map(|t| crate::html::decode_entities(&t).trim().to_string())
            }
            "link" => {
                let rel = dom.attr(c, "rel").map(|r| r.to_ascii_lowercase());
                match dom.attr(c, "href") {
                    Some(h)
                        if rel.as_deref().is_none_or(|r| r == "alternate") && it.link.is_none() =>
                    {
                        it.link = Some(h.trim().to_string())
                    }
                    None if it.link.is_none() => it.link = text(),
                    _ => {}
                }
            }
            "guid" | "id" if it.id.is_none() => it.id = text(),
            "pubdate" | "published" | "issued" | "date" if it.published.is_none() => {
                it.published = text().and_then(|t| dates::normalize(&t))
            }
            "updated" | "modified" if it.modified.is_none() => {
                it.modified = text().and_then(|t| dates::normalize(&t))
            }
            "author" | "creator" => {
                let who = child_text(dom, c, "name").or_else(text);
                if let Some(w) = who {
                    // RSS author is "email (Name)"
                    let w = match (w.find('('), w.rfind(')')) {
                        (Some(a), Some(b)) if a < b && w.contains('@') => w[a + 1..b].to_string(),
                        _ => w,
                    };
                    if !w.contains('@') && !it.authors.contains(&w) {
                        it.authors.push(w);
                    }
                }
            }
            "encoded" if name.starts_with("content:") || name == "encoded" => {
                it.content = text();
                content_node = None;
            }
            "content" if it.content.is_none() => {
                let xhtml = dom
                    .attr(c, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("xhtml"));
                if xhtml {
                    it.content = inner_markup(dom, c);
                } else {
                    it.content = text();
                }
                content_node = Some(c);
            }
            "description" | "summary" if it.summary.is_none() => {
                let xhtml = dom
                    .attr(c, "type")
                    .is_some_and(|t| t.eq_ignore_ascii_case("xhtml"));
                it.summary = if xhtml { inner_markup(dom, c) } else { text() };
            }
            _ => {}
        }
    }
    // Atom content by reference (`src=`) has no text of its own
    if let Some(c) = content_node {
        if dom.attr(c, "src").is_some() && it.content.as_deref().is_none_or(str::is_empty) {
            it.content = None;
        }
    }
    // Media RSS keeps the text in media:group/media:description
    if it.content.is_none() && it.summary.is_none() {
        it.summary = dom
            .descendants(id)
            .find(|&d| {
                dom.tag(d) == Tag::Other && dom.local_name(d).eq_ignore_ascii_case("description")
            })
            .map(|d| xml_text(dom, d))
            .filter(|s| !s.is_empty());
    }
    if it.link.is_none() {
        if let Some(l) = dom.attr(id, "rdf:about") {
            it.link = Some(l.into_owned());
        }
    }
    it
}

fn parse_json(s: &str, input: &str) -> Result<Feed, SourceError> {
    let v: Value =
        serde_json::from_str(s).map_err(|e| web_err(input, format!("not a JSON Feed: {e}")))?;
    let Some(items) = v.get("items").and_then(Value::as_array) else {
        return Err(web_err(input, "not a JSON Feed: no \"items\" list".into()));
    };
    let str_at = |o: &Value, k: &str| {
        o.get(k)
            .and_then(Value::as_str)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let mut feed = Feed {
        title: str_at(&v, "title"),
        language: str_at(&v, "language"),
        items: Vec::new(),
    };
    for o in items {
        let mut authors = Vec::new();
        for a in o
            .get("authors")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(o.get("author"))
        {
            if let Some(n) = str_at(a, "name") {
                authors.push(n);
            }
        }
        feed.items.push(Item {
            id: o.get("id").map(|i| match i {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            }),
            title: str_at(o, "title"),
            link: str_at(o, "url").or_else(|| str_at(o, "external_url")),
            authors,
            published: str_at(o, "date_published").and_then(|d| dates::normalize(&d)),
            modified: str_at(o, "date_modified").and_then(|d| dates::normalize(&d)),
            content: str_at(o, "content_html")
                .or_else(|| str_at(o, "content_text").map(|t| escape(&t))),
            summary: str_at(o, "summary"),
        });
    }
    Ok(feed)
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace("\n\n", "<p>")
}

/// The document of one item: content (else summary) as text with paragraph
/// breaks, with the item's and the feed's metadata. `None` when the item has
/// no text at all (the caller may fetch its link).
pub fn item_document(feed: &Feed, item: &Item, id: String) -> Option<Document> {
    let html = item
        .content
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .or(item.summary.as_deref())?;
    let dom = Dom::parse(html);
    let mut text = crate::article::fragment_text(&dom);
    // some feeds escape their HTML twice: the text is still markup
    if text.contains("</") && text.contains('>') {
        text = crate::article::fragment_text(&Dom::parse(&text));
    }
    if text.trim().is_empty() {
        return None;
    }
    let mut d = Document::new(id, text);
    d.meta.title = item.title.clone();
    d.meta.authors = item.authors.clone();
    d.meta.url = item.link.clone();
    d.meta.publisher = feed.title.clone();
    d.meta.language = feed
        .language
        .as_deref()
        .and_then(|l| l.split(['-', '_']).next())
        .map(|l| l.to_ascii_lowercase())
        .filter(|l| !l.is_empty());
    if let Some(p) = &item.published {
        d.meta.published = Some(p.clone());
        d.meta
            .date_source
            .push(("published".into(), "feed item".into()));
    }
    if let Some(m) = &item.modified {
        d.meta.modified = Some(m.clone());
        d.meta
            .date_source
            .push(("modified".into(), "feed item".into()));
    }
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_with_content_encoded() {
        let x = r#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>The Daily</title><language>en-us</language><link>https://d.example/</link>
<item><title>One &amp; two</title><link>https://d.example/1</link><guid>g1</guid><pubDate>Tue, 19 Nov 2019 13:09:00 GMT</pubDate>
<dc:creator>Ann Lee</dc:creator><description>Short.</description>
<content:encoded><![CDATA[<p>First para.</p><p>Second &amp; last.</p>]]></content:encoded></item>
<item><title>Two</title><link>https://d.example/2</link><description>&lt;p&gt;Only a summary&lt;/p&gt;</description></item>
<item><title>Three</title><link>https://d.example/3</link></item>
</channel></rss>"#;
        let f = parse(x, "f.xml").unwrap();
        assert_eq!(f.items.len(), 3);
        let d = item_document(&f, &f.items[0], "g1".into()).unwrap();
        assert_eq!(d.text, "First para.\n\nSecond & last.");
        assert_eq!(d.meta.title.as_deref(), Some("One & two"));
        assert_eq!(d.meta.published.as_deref(), Some("2019-11-19T13:09:00Z"));
        assert_eq!(d.meta.authors, vec!["Ann Lee"]);
        assert_eq!(d.meta.publisher.as_deref(), Some("The Daily"));
        assert_eq!(d.meta.language.as_deref(), Some("en"));
        let d2 = item_document(&f, &f.items[1], "2".into()).unwrap();
        assert_eq!(d2.text, "Only a summary");
        assert!(item_document(&f, &f.items[2], "3".into()).is_none());
    }

    #[test]
    fn atom_and_json_feed() {
        let a = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
<entry><title type="html">T</title><link rel="alternate" href="https://a.example/1"/><link rel="edit" href="x"/>
<id>urn:1</id><published>2020-01-01T00:00:00Z</published><updated>2020-01-02T00:00:00Z</updated>
<author><name>Bo</name></author><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Hello <b>there</b>.</p><p>Bye.</p></div></content></entry></feed>"#;
        let f = parse(a, "a.atom").unwrap();
        let it = &f.items[0];
        assert_eq!(it.link.as_deref(), Some("https://a.example/1"));
        assert_eq!(it.modified.as_deref(), Some("2020-01-02T00:00:00Z"));
        let d = item_document(&f, it, "1".into()).unwrap();
        assert_eq!(d.text, "Hello there.\n\nBye.");
        assert_eq!(d.meta.authors, vec!["Bo"]);
        let j = r#"{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[{"id":"1","url":"https://j.example/1","content_text":"Plain text.\n\nMore.","date_published":"2021-03-04T05:06:07+02:00"}]}"#;
        assert!(looks_like_feed(j));
        let f = parse(j, "f.json").unwrap();
        let d = item_document(&f, &f.items[0], "1".into()).unwrap();
        assert_eq!(d.text, "Plain text.\n\nMore.");
        assert_eq!(
            d.meta.published.as_deref(),
            Some("2021-03-04T05:06:07+02:00")
        );
    }

    #[test]
    fn not_a_feed() {
        let e = parse("<urlset><url><loc>x</loc></url></urlset>", "s.xml").unwrap_err();
        assert!(e.to_string().contains("sitemap"), "{e}");
        assert!(parse("{\"a\":1}", "x.json").is_err());
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "(<(rss|item|entry|feed|link|content|title)( href=\"x\"| type=\"xhtml\")?/?>|</(rss|item|entry|content)>|<!\\[CDATA\\[|\\]\\]>|[a-z &;<]{0,20}){0,30}") {
            if let Ok(f) = parse(&s, "p") {
                for it in &f.items {
                    let _ = item_document(&f, it, "x".into());
                }
            }
        }
    }
}
