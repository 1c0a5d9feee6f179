//! One HTML page (bytes, maybe with a URL and a transport charset) → one
//! `Document`: decode, parse, extract the body, read the metadata.

use crate::article::{self, NoArticle};
use crate::html::{Dom, Tag};
use crate::{encoding, meta, SourceError, SourceOptions};
use std::collections::HashMap;
use whosaid_core::Document;

/// Where a page came from, for its metadata and its errors.
#[derive(Debug, Clone, Default)]
pub struct PageSource<'a> {
    /// The input as the user named it (a file, `file.warc.gz@1234`, a URL).
    pub input: &'a str,
    pub id: String,
    /// The page's own URL (WARC-Target-URI, the fetched URL, a JSONL `url`).
    pub url: Option<&'a str>,
    /// The charset of an HTTP Content-Type header.
    pub charset: Option<&'a str>,
    /// When the page was crawled (WARC-Date), ISO 8601.
    pub crawled: Option<&'a str>,
}

/// The article of an HTML page, or an error naming the input.
pub fn read_html(
    bytes: &[u8],
    src: &PageSource,
    opts: &SourceOptions,
) -> Result<Document, SourceError> {
    let input = src.input;
    crate::check_size(bytes, input, opts)?;
    if let Some(offset) = binary_offset(bytes) {
        return Err(SourceError::Binary {
            input: input.to_string(),
            offset,
        });
    }
    let (text, _, _) = encoding::decode(bytes, src.charset);
    let dom = Dom::parse(&text);
    let pm = meta::extract(&dom, src.url);
    let body = match article::extract(&dom) {
        Ok(b) => Some(b.text),
        Err(e) => {
            // a page whose JSON-LD carries the whole body still has an article
            match pm
                .article_body
                .as_deref()
                .filter(|b| b.split_whitespace().count() >= 50)
            {
                Some(_) => None,
                None => return Err(no_article(input, e)),
            }
        }
    };
    let Some(text) = choose_body(&dom, body, pm.article_body.as_deref()) else {
        return Err(no_article(input, NoArticle::NoProse { chars: 0 }));
    };
    let text = drop_leading_title(text, pm.meta.title.as_deref());
    let mut d = Document::new(src.id.clone(), text);
    d.meta = pm.meta;
    if let Some(c) = src.crawled.and_then(crate::dates::normalize) {
        d.meta.crawled = Some(c);
        d.meta
            .date_source
            .push(("crawled".into(), "warc WARC-Date".into()));
    }
    Ok(d)
}

/// The headline repeated as the body's first paragraph is metadata, not body.
fn drop_leading_title(text: String, title: Option<&str>) -> String {
    let Some(title) = title else { return text };
    let norm = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    match text.split_once("\n\n") {
        Some((first, rest)) if norm(first) == norm(title) && !rest.trim().is_empty() => {
            rest.to_string()
        }
        _ => text,
    }
}

fn no_article(input: &str, e: NoArticle) -> SourceError {
    SourceError::NoArticle {
        input: input.to_string(),
        reason: e.to_string(),
    }
}

/// The offset of a byte that text never has (NUL, or a run of C0 controls), if any.
fn binary_offset(bytes: &[u8]) -> Option<usize> {
    let head = &bytes[..bytes.len().min(4096)];
    if let Some(i) = memchr::memchr(0, head) {
        // UTF-16 pages carry a BOM and NULs; leave them to the decoder
        if !(head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF")) {
            return Some(i);
        }
    }
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c | 0x1b))
        .count();
    (controls * 20 > head.len()).then(|| head.iter().position(|&b| b < 0x09).unwrap_or(0))
}

fn words(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The DOM body, unless the page's JSON-LD `articleBody` is on the page and the
/// DOM extraction missed much of it (a body split by inserts the scorer could
/// not join): then the JSON-LD text, with the DOM's paragraph breaks restored
/// where its paragraphs agree.
fn choose_body(dom: &Dom, dom_body: Option<String>, ld: Option<&str>) -> Option<String> {
    let Some(ld) = ld.filter(|b| words(b).count() >= 30) else {
        return dom_body;
    };
    // is the JSON-LD body really on the page? (some sites put a summary or an
    // older version there)
    let mut page: HashMap<&str, u32> = HashMap::new();
    for id in 1..dom.nodes.len() as u32 {
        if dom.tag(id) == Tag::Text {
            let p = dom.node(id).parent;
            if p != crate::html::NONE && matches!(dom.tag(p), Tag::script | Tag::style | Tag::title)
            {
                continue;
            }
            for w in words(dom.raw(id)) {
                *page.entry(w).or_default() += 1;
            }
        }
    }
    let ld_words: Vec<&str> = words(ld).collect();
    let on_page = ld_words.iter().filter(|w| page.contains_key(*w)).count();
    if (on_page as f32) < ld_words.len() as f32 * 0.9 {
        return dom_body;
    }
    let Some(db) = dom_body else {
        return Some(ld.to_string());
    };
    let mut dw: HashMap<&str, u32> = HashMap::new();
    for w in words(&db) {
        *dw.entry(w).or_default() += 1;
    }
    let mut covered = 0;
    for w in &ld_words {
        if let Some(c) = dw.get_mut(w) {
            if *c > 0 {
                *c -= 1;
                covered += 1;
            }
        }
    }
    Some(if (covered as f32) < ld_words.len() as f32 * 0.7 {
        ld.to_string()
    } else {
        db
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_is_refused() {
        let src = PageSource {
            input: "x.html",
            id: "x".into(),
            ..Default::default()
        };
        let o = SourceOptions::default();
        let e = read_html(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", &src, &o).unwrap_err();
        assert!(
            e.to_string().starts_with("x.html: looks like binary"),
            "{e}"
        );
        let e = read_html(&[1u8; 300], &src, &o).unwrap_err();
        assert!(matches!(e, SourceError::Binary { .. }));
        let small = SourceOptions { max_doc_bytes: 10 };
        assert!(matches!(
            read_html(b"<p>aaaaaaaaaaaaaaaaa", &src, &small),
            Err(SourceError::TooLarge { .. })
        ));
    }

    #[test]
    fn windows_1252_page_by_meta() {
        let prose = "The minister said on Monday that the talks, which began in Geneva last week, would continue until an agreement was reached, and that both sides had shown good will. ";
        let mut page = b"<html><head><meta charset=windows-1252><title>t</title></head><body><article><p>\x93Caf\xe9,\x94 ".to_vec();
        page.extend_from_slice(prose.repeat(3).as_bytes());
        page.extend_from_slice(b"</p></article></body></html>");
        let src = PageSource {
            input: "x.html",
            id: "x".into(),
            ..Default::default()
        };
        let d = read_html(&page, &src, &SourceOptions::default()).unwrap();
        assert!(d.text.starts_with("“Café,” The minister"), "{}", d.text);
    }
}
