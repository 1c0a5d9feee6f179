//! Which reader an input needs, by its name and its first bytes: HTML pages
//! (`.html`, `.htm`, `.html.gz`, or sniffed), WARC/ARC archives, feeds (RSS,
//! Atom, JSON Feed), URLs, gzip around any of them, else plain text.

use crate::feed;
use crate::fetch::{self, FetchOptions};
use crate::page::{read_html, PageSource};
use crate::warc::{self, ArchiveStats};
use crate::{decode_text, InputOptions, SourceError, SourceOptions};
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::{Arc, Mutex};
use whosaid_core::Document;

/// How web inputs are read.
#[derive(Debug, Clone, Default)]
pub struct WebOptions {
    pub fetch: FetchOptions,
    /// For feed items: fetch the linked page and extract it (else use the item's content).
    pub fetch_linked: bool,
    /// What archives held, summed over the inputs (for the CLI's summary).
    pub stats: Arc<Mutex<ArchiveStats>>,
}

/// What kind of reader an input needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Html,
    Archive,
    Feed,
    Text,
}

pub fn is_url(input: &str) -> bool {
    let l = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// The kind an input's name says, if it says one.
pub fn kind_by_name(name: &str) -> Option<Kind> {
    let n = name.to_ascii_lowercase();
    let n = n.strip_suffix(".gz").unwrap_or(&n);
    let ext = n.rsplit('.').next().unwrap_or("");
    Some(match ext {
        "html" | "htm" | "xhtml" | "shtml" => Kind::Html,
        "warc" | "arc" => Kind::Archive,
        "rss" | "atom" | "rdf" | "xml" => Kind::Feed,
        "txt" | "text" | "md" => Kind::Text,
        _ => return None,
    })
}

/// The kind the first bytes show (after any BOM and leading space).
pub fn sniff(head: &[u8]) -> Kind {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    if head.starts_with(b"WARC/") || head.starts_with(b"filedesc://") {
        return Kind::Archive;
    }
    let s = String::from_utf8_lossy(&head[..head.len().min(2048)]).to_ascii_lowercase();
    let t = s.trim_start();
    if feed::looks_like_feed(t) && !t.contains("<html") {
        return Kind::Feed;
    }
    if t.starts_with("<!doctype html")
        || t.starts_with("<html")
        || t.starts_with("<head")
        || t.starts_with("<!--") && t.contains("<html")
        || t.starts_with("<?xml") && t.contains("<html")
        || (t.starts_with('<') && (t.contains("<body") || t.contains("<meta ")))
    {
        return Kind::Html;
    }
    Kind::Text
}

/// The document id of a file: its name without `.gz` and its extension.
pub fn id_for(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rfind('.') {
        Some(i) if i > 0 => name[..i].to_string(),
        _ => name.to_string(),
    }
}

fn io_err(input: &str, e: std::io::Error) -> SourceError {
    SourceError::Io {
        input: input.to_string(),
        source: e,
    }
}

/// Reads up to `cap` bytes; more is an error (a size cap, a zip bomb).
fn read_capped(
    r: &mut dyn Read,
    input: &str,
    cap: usize,
    what: &str,
) -> Result<Vec<u8>, SourceError> {
    let mut bytes = Vec::new();
    r.take(cap as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::InvalidInput
                || e.kind() == std::io::ErrorKind::InvalidData
                || e.kind() == std::io::ErrorKind::UnexpectedEof
            {
                SourceError::Format {
                    input: input.to_string(),
                    offset: bytes.len() as u64,
                    msg: format!("{what}: {e}"),
                }
            } else {
                io_err(input, e)
            }
        })?;
    if bytes.len() > cap {
        return Err(SourceError::TooLarge {
            input: input.to_string(),
            size: bytes.len(),
            max: cap,
        });
    }
    Ok(bytes)
}

/// One file, by name and content.
pub fn read_file(
    file: std::fs::File,
    path: &Path,
    input: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let name = path.to_string_lossy();
    let id = id_for(path);
    read_stream(Box::new(file), &name, input, id, None, opts, sink);
}

/// Standard input: sniffed like a file without a name.
pub fn read_stdin(opts: &InputOptions, sink: &mut dyn FnMut(Result<Document, SourceError>)) {
    let id = if opts.stdin_id.is_empty() {
        "stdin".to_string()
    } else {
        opts.stdin_id.clone()
    };
    read_stream(
        Box::new(std::io::stdin().lock()),
        "",
        "<stdin>",
        id,
        None,
        opts,
        sink,
    );
}

fn read_stream(
    raw: Box<dyn Read + '_>,
    name: &str,
    input: &str,
    id: String,
    url: Option<&str>,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let mut br = BufReader::with_capacity(64 * 1024, raw);
    let head = match br.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => return sink(Err(io_err(input, e))),
    };
    let by_name = kind_by_name(name);
    let gz = head.starts_with(b"\x1f\x8b");
    if by_name == Some(Kind::Archive) || (!gz && sniff(&head) == Kind::Archive) {
        return archive(br, input, &id, opts, sink);
    }
    let cap = opts.source.max_doc_bytes;
    let bytes = if gz {
        // peek inside: an archive streams; anything else is decompressed whole, capped
        let mut dec = BufReader::with_capacity(64 * 1024, flate2::bufread::MultiGzDecoder::new(br));
        let inner_head = dec.fill_buf().map(|h| h.to_vec()).unwrap_or_default();
        if sniff(&inner_head) == Kind::Archive {
            return archive(dec, input, &id, opts, sink);
        }
        match read_capped(&mut dec, input, cap, "gzip") {
            Ok(b) => b,
            Err(SourceError::TooLarge { input, max, .. }) => {
                return sink(Err(SourceError::Format {
                    input,
                    offset: 0,
                    msg: format!("decompresses to more than {max} bytes (a zip bomb?); raise --max-doc-bytes to read it"),
                }))
            }
            Err(e) => return sink(Err(e)),
        }
    } else {
        match read_capped(&mut br, input, cap, "read") {
            Ok(b) => b,
            Err(e) => return sink(Err(e)),
        }
    };
    let kind = by_name
        .filter(|k| *k != Kind::Text || !gz)
        .unwrap_or_else(|| sniff(&bytes));
    // a .xml that is really XHTML, or a .txt that is really a page, goes by its content
    let kind = match (kind, sniff(&bytes)) {
        (Kind::Feed, Kind::Html) => Kind::Html,
        (Kind::Text, Kind::Html) if by_name.is_none() => Kind::Html,
        (k, _) => k,
    };
    match kind {
        Kind::Html => {
            let src = PageSource {
                input,
                id,
                url,
                ..Default::default()
            };
            sink(read_html(&bytes, &src, &opts.source));
        }
        Kind::Feed => read_feed(&bytes, input, &id, opts, sink),
        Kind::Archive => archive(&bytes[..], input, &id, opts, sink),
        Kind::Text => sink(decode_text(bytes, input, &opts.source).map(|t| Document::new(id, t))),
    }
}

fn archive<R: Read>(
    r: R,
    input: &str,
    id: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let st = warc::read_archive(r, input, id, &opts.source, sink);
    if let Ok(mut total) = opts.web.stats.lock() {
        total.records += st.records;
        total.pages += st.pages;
        total.skipped += st.skipped;
        total.errors += st.errors;
    }
}

fn read_feed(
    bytes: &[u8],
    input: &str,
    stem: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let (text, _, _) = crate::encoding::decode(bytes, None);
    let f = match feed::parse(&text, input) {
        Ok(f) => f,
        Err(e) => return sink(Err(e)),
    };
    if f.items.is_empty() {
        return sink(Err(SourceError::Web {
            input: input.to_string(),
            msg: "the feed has no items".into(),
        }));
    }
    for (k, it) in f.items.iter().enumerate() {
        let id = it
            .id
            .clone()
            .or_else(|| it.link.clone())
            .unwrap_or_else(|| format!("{stem}#{}", k + 1));
        let name = format!("{input} item {}", k + 1);
        if opts.web.fetch_linked {
            if let Some(link) = &it.link {
                let mut got = None;
                read_url_as(link, &id, opts, &mut |r| got = Some(r));
                match got {
                    Some(Ok(mut d)) => {
                        if d.meta.published.is_none() {
                            if let Some(p) = &it.published {
                                d.meta.published = Some(p.clone());
                                d.meta
                                    .date_source
                                    .push(("published".into(), "feed item".into()));
                            }
                        }
                        sink(Ok(d));
                        continue;
                    }
                    Some(Err(e)) => {
                        sink(Err(SourceError::Web {
                            input: name,
                            msg: format!("the linked page: {e}"),
                        }));
                        continue;
                    }
                    None => {}
                }
            }
        }
        match feed::item_document(&f, it, id) {
            Some(d) => sink(Ok(d)),
            None => sink(Err(SourceError::NoArticle {
                input: name,
                reason: format!(
                    "no article: the item{} has neither content nor a summary{}",
                    it.title
                        .as_deref()
                        .map(|t| format!(" \"{t}\""))
                        .unwrap_or_default(),
                    if opts.web.fetch_linked {
                        ""
                    } else {
                        " (--fetch reads its linked page)"
                    }
                ),
            })),
        }
    }
}

/// Fetches a URL and reads what it serves (a page, a feed, an archive).
pub fn read_url(
    url: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let id = url_id(url);
    read_url_as(url, &id, opts, sink)
}

fn read_url_as(
    url: &str,
    id: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    let mut fo = opts.web.fetch.clone();
    fo.max_bytes = fo.max_bytes.min(opts.source.max_doc_bytes);
    let got = match fetch::fetch(url, &fo) {
        Ok(g) => g,
        Err(msg) => {
            return sink(Err(SourceError::Web {
                input: url.to_string(),
                msg: format!("cannot fetch: {msg}"),
            }))
        }
    };
    let ct = got
        .content_type
        .as_deref()
        .unwrap_or("")
        .to_ascii_lowercase();
    let charset = crate::encoding::charset_of_content_type(&ct).map(str::to_string);
    let sniffed = sniff(&got.body);
    let is_feed = ct.contains("rss")
        || ct.contains("atom")
        || ct.contains("feed+json")
        || (ct.contains("xml") && sniffed == Kind::Feed);
    if is_feed || (sniffed == Kind::Feed && !ct.contains("html")) {
        return read_feed(&got.body, url, id, opts, sink);
    }
    if ct.contains("warc") || sniffed == Kind::Archive {
        return archive(&got.body[..], url, id, opts, sink);
    }
    if !(ct.is_empty() || ct.contains("html") || ct.contains("xml") || ct.starts_with("text/")) {
        return sink(Err(SourceError::Web {
            input: url.to_string(),
            msg: format!("served {ct}, not a web page"),
        }));
    }
    if ct.starts_with("text/plain") && sniffed == Kind::Text {
        return sink(decode_text(got.body, url, &opts.source).map(|t| {
            let mut d = Document::new(id, t);
            d.meta.url = Some(got.url.clone());
            d
        }));
    }
    let src = PageSource {
        input: url,
        id: id.to_string(),
        url: Some(&got.url),
        charset: charset.as_deref(),
        crawled: None,
    };
    sink(read_html(&got.body, &src, &opts.source));
}

/// A document id for a URL: its last path segment, else its host.
pub fn url_id(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |x| x.1);
    let path = rest.split(['?', '#']).next().unwrap_or(rest);
    path.trim_end_matches('/')
        .rsplit('/')
        .next()
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.strip_suffix(".html")
                .or_else(|| s.strip_suffix(".htm"))
                .unwrap_or(s)
                .to_string()
        })
        .unwrap_or_else(|| rest.to_string())
}

/// Reads one page from bytes already in memory (the benchmark's path).
pub fn page_from_bytes(
    bytes: &[u8],
    input: &str,
    id: String,
    opts: &SourceOptions,
) -> Result<Document, SourceError> {
    read_html(
        bytes,
        &PageSource {
            input,
            id,
            ..Default::default()
        },
        opts,
    )
}

/// A whole gzip stream decompressed (trusted local data: the benchmark).
pub fn gunzip(raw: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut v = Vec::new();
    flate2::read::MultiGzDecoder::new(raw).read_to_end(&mut v)?;
    Ok(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(kind_by_name("a/b.HTML.gz"), Some(Kind::Html));
        assert_eq!(kind_by_name("crawl.warc.gz"), Some(Kind::Archive));
        assert_eq!(kind_by_name("f.rss"), Some(Kind::Feed));
        assert_eq!(kind_by_name("notes"), None);
        assert_eq!(sniff(b"  <!DOCTYPE html><html>"), Kind::Html);
        assert_eq!(
            sniff(b"<?xml version='1.0'?><rss version='2.0'>"),
            Kind::Feed
        );
        assert_eq!(sniff(b"WARC/1.0\r\n"), Kind::Archive);
        assert_eq!(sniff(b"Officials met <b> on Monday"), Kind::Text);
        assert_eq!(id_for(Path::new("x/abc.html.gz")), "abc");
        assert_eq!(url_id("https://x.example/2020/story.html?a=1"), "story");
        assert_eq!(url_id("https://x.example/"), "x.example");
        assert!(is_url("HTTPS://x") && !is_url("http.txt"));
    }
}
