//! WARC (`.warc`, `.warc.gz`, whole-file or per-record gzip) and ARC archives:
//! every HTML response (or resource) record becomes a page; other records are
//! skipped and counted.
//!
//! The reader streams: memory stays bounded by one record (records over the
//! size cap are skipped with an error). A broken record is reported with its
//! offset and reading resumes at the next `WARC/` header line; a corrupt gzip
//! member is reported with its compressed offset and reading resumes at the
//! next gzip member, so one bad record never loses the rest of a crawl.

use crate::page::{read_html, PageSource};
use crate::{SourceError, SourceOptions};
use flate2::bufread::GzDecoder;
use std::io::{BufRead, BufReader, Read};
use whosaid_core::Document;

/// What an archive held.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ArchiveStats {
    pub records: usize,
    /// HTML response/resource records handed on (as documents or errors).
    pub pages: usize,
    /// Records skipped: requests, metadata, warcinfo, revisits, non-HTML or non-200 responses.
    pub skipped: usize,
    /// Broken records and gzip members.
    pub errors: usize,
}

/// Line feeds not preceded by a carriage return.
fn bare_line_feeds(b: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', b)
        .filter(|&i| i == 0 || b[i - 1] != b'\r')
        .count() as u64
}

/// Decompressed bytes of a gzip stream of one or many members; a corrupt member
/// is reported once (as an `io::Error` of kind `InvalidData` naming the
/// compressed offset) and reading resumes at the next member header.
struct Members<R: BufRead> {
    state: State<R>,
    /// Compressed offset where the current member began.
    member_start: u64,
}

enum State<R: BufRead> {
    Between(Counting<R>),
    In(GzDecoder<Counting<R>>),
    Done,
}

/// Counts bytes consumed from a `BufRead`.
struct Counting<R> {
    r: R,
    pos: u64,
}
impl<R: BufRead> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.r.read(buf)?;
        self.pos += n as u64;
        Ok(n)
    }
}
impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.r.fill_buf()
    }
    fn consume(&mut self, n: usize) {
        self.pos += n as u64;
        self.r.consume(n)
    }
}

/// Skips to the next gzip member header; false at the end.
fn resync<R: BufRead>(c: &mut Counting<R>) -> std::io::Result<bool> {
    loop {
        let buf = c.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match memchr::memmem::find(buf, b"\x1f\x8b\x08") {
            Some(i) => {
                c.consume(i);
                return Ok(true);
            }
            None if buf.len() < 3 => {
                let n = buf.len();
                c.consume(n);
            }
            None => {
                // keep the last two bytes: a header may straddle buffers
                let n = buf.len() - 2;
                c.consume(n);
            }
        }
    }
}

fn invalid(msg: String) -> std::io::Error {
    std::io::Error::new(std::io::ErrorKind::InvalidData, msg)
}

impl<R: BufRead> Members<R> {
    fn new(r: R) -> Self {
        Members {
            state: State::Between(Counting { r, pos: 0 }),
            member_start: 0,
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return Ok(0),
                State::Between(mut c) => {
                    let next = c.fill_buf()?;
                    if next.is_empty() {
                        return Ok(0);
                    }
                    if !next.starts_with(b"\x1f\x8b") {
                        // trailing bytes that are not a gzip member
                        let at = c.pos;
                        let more = resync(&mut c)?;
                        let skipped = c.pos - at;
                        if more {
                            self.state = State::Between(c);
                        }
                        return Err(invalid(format!(
                            "{skipped} bytes that are not gzip data at compressed offset {at}"
                        )));
                    }
                    self.member_start = c.pos;
                    self.state = State::In(GzDecoder::new(c));
                }
                State::In(mut dec) => match dec.read(buf) {
                    Ok(0) => self.state = State::Between(dec.into_inner()),
                    Ok(n) => {
                        self.state = State::In(dec);
                        return Ok(n);
                    }
                    Err(e) => {
                        let mut c = dec.into_inner();
                        let start = self.member_start;
                        if c.pos <= start {
                            // never got past the header: step over its magic
                            let skip = c.fill_buf().map(|b| b.len().min(2)).unwrap_or(0);
                            c.consume(skip);
                        }
                        if resync(&mut c)? {
                            self.state = State::Between(c);
                        }
                        let what = if e.kind() == std::io::ErrorKind::UnexpectedEof {
                            "truncated".to_string()
                        } else {
                            format!("corrupt ({e})")
                        };
                        return Err(invalid(format!(
                            "the gzip member at compressed offset {start} is {what}"
                        )));
                    }
                },
            }
        }
    }
}

/// Longest header line or block we accept (bounds memory on garbage input).
const MAX_HEADER_LINE: usize = 64 * 1024;

/// Reads every record of an archive (compressed or not) from `raw`.
/// `stem` names the documents (`stem#N`, N the record's number); errors name
/// `input` with the record's byte offset (in the decompressed stream).
pub fn read_archive<R: Read>(
    raw: R,
    input: &str,
    stem: &str,
    opts: &SourceOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) -> ArchiveStats {
    let mut br = BufReader::with_capacity(64 * 1024, raw);
    let gz = match br.fill_buf() {
        Ok(h) => h.starts_with(b"\x1f\x8b"),
        Err(e) => {
            sink(Err(SourceError::Io {
                input: input.to_string(),
                source: e,
            }));
            return ArchiveStats {
                errors: 1,
                ..Default::default()
            };
        }
    };
    let mut p = Parser {
        input,
        stem,
        opts,
        pos: 0,
        stats: ArchiveStats::default(),
        cut_short: None,
    };
    if gz {
        p.run(
            &mut BufReader::with_capacity(64 * 1024, Members::new(br)),
            sink,
        );
    } else {
        p.run(&mut br, sink);
    }
    p.stats
}

struct Parser<'a> {
    input: &'a str,
    stem: &'a str,
    opts: &'a SourceOptions,
    /// Offset in the decompressed stream.
    pos: u64,
    stats: ArchiveStats,
    /// The last record block was cut short by the end of the archive: said
    /// in the warnings of its document.
    cut_short: Option<String>,
}

enum Line {
    Eof,
    Text(Vec<u8>),
    /// A read error (a corrupt gzip member): already reported.
    Broken,
}

impl Parser<'_> {
    fn error(
        &mut self,
        offset: u64,
        msg: String,
        sink: &mut dyn FnMut(Result<Document, SourceError>),
    ) {
        self.stats.errors += 1;
        sink(Err(SourceError::Format {
            input: self.input.to_string(),
            offset,
            msg,
        }));
    }

    fn line<R: BufRead>(
        &mut self,
        r: &mut R,
        sink: &mut dyn FnMut(Result<Document, SourceError>),
    ) -> Line {
        let mut out = Vec::new();
        loop {
            let buf = match r.fill_buf() {
                Ok(b) => b,
                Err(e) => {
                    let at = self.pos;
                    self.error(at, e.to_string(), sink);
                    return Line::Broken;
                }
            };
            if buf.is_empty() {
                return if out.is_empty() {
                    Line::Eof
                } else {
                    Line::Text(out)
                };
            }
            match memchr::memchr(b'\n', buf) {
                Some(i) => {
                    if out.len() < MAX_HEADER_LINE {
                        out.extend_from_slice(&buf[..i.min(MAX_HEADER_LINE)]);
                    }
                    r.consume(i + 1);
                    self.pos += i as u64 + 1;
                    if out.last() == Some(&b'\r') {
                        out.pop();
                    }
                    return Line::Text(out);
                }
                None => {
                    let n = buf.len();
                    if out.len() < MAX_HEADER_LINE {
                        out.extend_from_slice(&buf[..n.min(MAX_HEADER_LINE)]);
                    }
                    r.consume(n);
                    self.pos += n as u64;
                }
            }
        }
    }

    fn run<R: BufRead>(&mut self, r: &mut R, sink: &mut dyn FnMut(Result<Document, SourceError>)) {
        let mut lost_at: Option<u64> = None;
        loop {
            let at = self.pos;
            let line = match self.line(r, sink) {
                Line::Eof => break,
                Line::Broken => continue,
                Line::Text(l) => l,
            };
            if line.iter().all(|b| b.is_ascii_whitespace()) {
                continue;
            }
            if line.starts_with(b"WARC/") {
                if let Some(l) = lost_at.take() {
                    self.error(
                        l,
                        format!("{} bytes that are not a WARC record skipped", at - l),
                        sink,
                    );
                }
                self.warc_record(r, at, sink);
                continue;
            }
            if self.stats.records == 0 && lost_at.is_none() && line.starts_with(b"filedesc://") {
                self.arc(r, line, at, sink);
                return;
            }
            if lost_at.is_none() {
                lost_at = Some(at);
            }
        }
        if let Some(l) = lost_at {
            let msg = if self.stats.records == 0 {
                "not a WARC or ARC archive (no WARC/1.x record header)".to_string()
            } else {
                format!("{} bytes that are not a WARC record skipped", self.pos - l)
            };
            self.error(l, msg, sink);
        }
    }

    /// The page of a record, with a warning if its block was cut short.
    fn read_page(&mut self, body: &[u8], src: &PageSource) -> Result<Document, SourceError> {
        let mut res = read_html(body, src, self.opts);
        if let (Ok(d), Some(w)) = (&mut res, self.cut_short.take()) {
            d.warnings.push(w);
        }
        res
    }

    /// Reads `len` bytes of a record block, or reports why not.
    fn block<R: BufRead>(
        &mut self,
        r: &mut R,
        len: u64,
        at: u64,
        sink: &mut dyn FnMut(Result<Document, SourceError>),
    ) -> Option<Vec<u8>> {
        let cap = self.opts.max_doc_bytes as u64 + MAX_HEADER_LINE as u64;
        if len > cap {
            let skipped =
                std::io::copy(&mut r.by_ref().take(len), &mut std::io::sink()).unwrap_or(0);
            self.pos += skipped;
            self.error(
                at,
                format!("record of {len} bytes is over the {cap}-byte limit; skipped"),
                sink,
            );
            return None;
        }
        let mut buf = Vec::with_capacity(len as usize);
        match r.by_ref().take(len).read_to_end(&mut buf) {
            Ok(n) => {
                self.pos += n as u64;
                if (n as u64) < len {
                    // an archive whose CRLF line ends were rewritten as LF is
                    // short by one byte a line: whole, as warcio reads it
                    let short = len - n as u64;
                    if short > bare_line_feeds(&buf) {
                        self.error(at, format!("record truncated: Content-Length {len} but the archive ends after {n} bytes"), sink);
                        return None;
                    }
                    self.cut_short = Some(format!("record at byte offset {at} is {short} bytes short of its Content-Length {len}: its line ends were rewritten (CRLF to LF)"));
                }
                Some(buf)
            }
            Err(e) => {
                self.pos += buf.len() as u64;
                self.error(at, format!("record unreadable: {e}"), sink);
                None
            }
        }
    }

    fn warc_record<R: BufRead>(
        &mut self,
        r: &mut R,
        at: u64,
        sink: &mut dyn FnMut(Result<Document, SourceError>),
    ) {
        self.stats.records += 1;
        let n = self.stats.records;
        let mut rtype = String::new();
        let mut len: Option<u64> = None;
        let mut uri = None;
        let mut date = None;
        let mut ctype = String::new();
        loop {
            let line = match self.line(r, sink) {
                Line::Eof => {
                    self.error(at, "record header truncated".into(), sink);
                    return;
                }
                Line::Broken => return,
                Line::Text(l) => l,
            };
            if line.is_empty() {
                break;
            }
            let l = String::from_utf8_lossy(&line);
            let Some((k, v)) = l.split_once(':') else {
                continue;
            };
            let v = v.trim();
            match k.trim().to_ascii_lowercase().as_str() {
                "warc-type" => rtype = v.to_ascii_lowercase(),
                "content-length" => len = v.parse().ok(),
                "warc-target-uri" => uri = Some(v.trim_matches(['<', '>']).to_string()),
                "warc-date" => date = Some(v.to_string()),
                "content-type" => ctype = v.to_ascii_lowercase(),
                _ => {}
            }
        }
        let Some(len) = len else {
            self.error(at, format!("record {n} has no valid Content-Length"), sink);
            return;
        };
        let Some(block) = self.block(r, len, at, sink) else {
            return;
        };
        let html = match rtype.as_str() {
            "response" if ctype.contains("application/http") || block.starts_with(b"HTTP/") => {
                match http_body(&block) {
                    Ok(Some((body, charset))) => Some((body, charset)),
                    Ok(None) => None,
                    Err(msg) => {
                        self.stats.pages += 1;
                        self.error(
                            at,
                            format!("record {n} ({}): {msg}", uri.as_deref().unwrap_or("?")),
                            sink,
                        );
                        return;
                    }
                }
            }
            "resource" | "response"
                if is_html_type(&ctype) || (ctype.is_empty() && sniff_html(&block)) =>
            {
                let cs = crate::encoding::charset_of_content_type(&ctype).map(str::to_string);
                Some((block, cs))
            }
            _ => None,
        };
        let Some((body, charset)) = html else {
            self.stats.skipped += 1;
            return;
        };
        self.stats.pages += 1;
        let name = format!("{}@{at}", self.input);
        let src = PageSource {
            input: &name,
            id: format!("{}#{n}", self.stem),
            url: uri.as_deref(),
            charset: charset.as_deref(),
            crawled: date.as_deref(),
        };
        sink(self.read_page(&body, &src));
    }

    /// ARC v1: `URL IP DATE MIME LENGTH` lines, each followed by LENGTH bytes.
    fn arc<R: BufRead>(
        &mut self,
        r: &mut R,
        first: Vec<u8>,
        at: u64,
        sink: &mut dyn FnMut(Result<Document, SourceError>),
    ) {
        let mut header = Some((first, at));
        loop {
            let (line, at) = match header.take() {
                Some(h) => h,
                None => {
                    let at = self.pos;
                    match self.line(r, sink) {
                        Line::Eof => return,
                        Line::Broken => continue,
                        Line::Text(l) if l.iter().all(|b| b.is_ascii_whitespace()) => continue,
                        Line::Text(l) => (l, at),
                    }
                }
            };
            let l = String::from_utf8_lossy(&line).into_owned();
            let f: Vec<&str> = l.split_whitespace().collect();
            let len = f.last().and_then(|x| x.parse::<u64>().ok());
            let (Some(len), true) = (len, f.len() >= 5) else {
                self.error(
                    at,
                    "not an ARC record header (URL IP DATE MIME LENGTH)".into(),
                    sink,
                );
                return;
            };
            self.stats.records += 1;
            let n = self.stats.records;
            let url = f[..f.len() - 4].join("%20");
            let date = f[f.len() - 3];
            let Some(block) = self.block(r, len, at, sink) else {
                return;
            };
            if url.starts_with("filedesc://") {
                self.stats.skipped += 1;
                continue;
            }
            let page = if block.starts_with(b"HTTP/") {
                match http_body(&block) {
                    Ok(p) => p,
                    Err(msg) => {
                        self.stats.pages += 1;
                        self.error(at, format!("record {n} ({url}): {msg}"), sink);
                        continue;
                    }
                }
            } else {
                None
            };
            let Some((body, charset)) = page else {
                self.stats.skipped += 1;
                continue;
            };
            self.stats.pages += 1;
            let crawled = (date.len() >= 14).then(|| {
                format!(
                    "{}-{}-{}T{}:{}:{}Z",
                    &date[..4],
                    &date[4..6],
                    &date[6..8],
                    &date[8..10],
                    &date[10..12],
                    &date[12..14]
                )
            });
            let name = format!("{}@{at}", self.input);
            let src = PageSource {
                input: &name,
                id: format!("{}#{n}", self.stem),
                url: Some(&url),
                charset: charset.as_deref(),
                crawled: crawled.as_deref(),
            };
            sink(self.read_page(&body, &src));
        }
    }
}

fn is_html_type(ct: &str) -> bool {
    ct.contains("text/html") || ct.contains("application/xhtml")
}

fn sniff_html(b: &[u8]) -> bool {
    let head = &b[..b.len().min(1024)];
    let s = String::from_utf8_lossy(head).to_ascii_lowercase();
    let s = s.trim_start_matches('\u{feff}').trim_start();
    s.starts_with("<!doctype html")
        || s.starts_with("<html")
        || s.contains("<html")
        || s.contains("<body")
}

/// An HTML body and the charset its Content-Type header named.
pub type HttpPage = (Vec<u8>, Option<String>);

/// The HTML body of an HTTP response: `Ok(None)` when it is not a 2xx HTML
/// page (skipped, not an error); `Err` when it should be one and is broken.
pub fn http_body(block: &[u8]) -> Result<Option<HttpPage>, String> {
    let (head_end, body_start) = match memchr::memmem::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match memchr::memmem::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => (block.len(), block.len()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_end]);
    let mut lines = head.lines();
    let status = lines.next().unwrap_or("");
    let code: u16 = status
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    if !(200..300).contains(&code) {
        return Ok(None);
    }
    let (mut ctype, mut te, mut ce) = (String::new(), String::new(), String::new());
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_ascii_lowercase();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = v,
                "transfer-encoding" => te = v,
                "content-encoding" => ce = v,
                _ => {}
            }
        }
    }
    let raw = &block[body_start..];
    if !(is_html_type(&ctype) || (ctype.is_empty() && sniff_html(raw))) {
        return Ok(None);
    }
    let mut body = if te.contains("chunked") {
        // some crawlers store the body already de-chunked under a chunked header
        dechunk(raw).unwrap_or_else(|| raw.to_vec())
    } else {
        raw.to_vec()
    };
    if ce.contains("gzip") || ce.contains("deflate") {
        let mut out = Vec::new();
        let cap = 64 * 1024 * 1024;
        let r = if ce.contains("gzip") {
            flate2::read::MultiGzDecoder::new(&body[..])
                .take(cap)
                .read_to_end(&mut out)
        } else {
            flate2::read::ZlibDecoder::new(&body[..])
                .take(cap)
                .read_to_end(&mut out)
        };
        if let Err(e) = r {
            return Err(format!(
                "Content-Encoding {ce}: cannot decompress the body: {e}"
            ));
        }
        body = out;
    } else if ce.contains("br") || ce.contains("zstd") {
        return Err(format!("Content-Encoding {ce} is not supported"));
    }
    let charset = crate::encoding::charset_of_content_type(&ctype).map(str::to_string);
    Ok(Some((body, charset)))
}

/// Undoes HTTP chunked transfer coding; `None` when the body is not chunked.
fn dechunk(mut b: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(b.len());
    loop {
        let nl = memchr::memchr(b'\n', b)?;
        let size_s = std::str::from_utf8(&b[..nl]).ok()?.trim();
        let size_s = size_s.split(';').next()?.trim();
        let size = usize::from_str_radix(size_s, 16).ok()?;
        b = &b[nl + 1..];
        if size == 0 {
            return Some(out);
        }
        if b.len() < size {
            return None;
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b
            .strip_prefix(b"\r\n")
            .or_else(|| b.strip_prefix(b"\n"))
            .unwrap_or(b);
        if b.is_empty() {
            return Some(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    const PROSE: &str = "The minister said on Monday that the talks, which began in Geneva last week, would continue until an agreement was reached, and that both sides had shown good will. ";

    fn page() -> String {
        format!("<html><head><title>T</title></head><body><article><p>{}</p><p>{}</p></article></body></html>", PROSE.repeat(2), PROSE)
    }

    fn record(rtype: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {rtype}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2020-01-01T00:00:00Z\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn response(body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{body}")
            .into_bytes()
    }

    fn gz(b: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(b).unwrap();
        e.finish().unwrap()
    }

    fn read(bytes: &[u8]) -> (Vec<Result<Document, SourceError>>, ArchiveStats) {
        let mut got = Vec::new();
        let st = read_archive(bytes, "t.warc", "t", &SourceOptions::default(), &mut |r| {
            got.push(r)
        });
        (got, st)
    }

    fn archive() -> Vec<Vec<u8>> {
        vec![
            record("warcinfo", "", b"software: test\r\n"),
            record("request", "http://a.example/1", b"GET /1 HTTP/1.1\r\n\r\n"),
            record("response", "http://a.example/1", &response(&page())),
            record(
                "response",
                "http://a.example/img",
                b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
            ),
            record("response", "http://a.example/2", &response(&page())),
        ]
    }

    #[test]
    fn plain_and_gzipped_archives() {
        let recs = archive();
        let plain: Vec<u8> = recs.concat();
        let per_record: Vec<u8> = recs.iter().flat_map(|r| gz(r)).collect();
        let whole = gz(&plain);
        for bytes in [plain, per_record, whole] {
            let (got, st) = read(&bytes);
            assert_eq!(
                st,
                ArchiveStats {
                    records: 5,
                    pages: 2,
                    skipped: 3,
                    errors: 0
                }
            );
            let docs: Vec<_> = got.into_iter().map(|r| r.unwrap()).collect();
            assert_eq!(docs[0].meta.url.as_deref(), Some("http://a.example/1"));
            assert_eq!(docs[1].id, "t#5");
            assert_eq!(
                docs[0].meta.crawled.as_deref(),
                Some("2020-01-01T00:00:00Z")
            );
            assert!(docs[0].text.starts_with("The minister said"));
        }
    }

    #[test]
    fn a_corrupt_member_loses_only_its_record() {
        let recs = archive();
        let mut members: Vec<Vec<u8>> = recs.iter().map(|r| gz(r)).collect();
        let m = &mut members[2];
        let mid = m.len() / 2;
        for b in &mut m[12..mid] {
            *b ^= 0x55;
        }
        let bytes: Vec<u8> = members.concat();
        let (got, st) = read(&bytes);
        let errs: Vec<String> = got
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(!errs.is_empty());
        assert!(errs[0].starts_with("t.warc: at byte offset"), "{errs:?}");
        assert!(
            got.iter().any(|r| r
                .as_ref()
                .is_ok_and(|d| d.meta.url.as_deref() == Some("http://a.example/2"))),
            "{errs:?}"
        );
        assert!(st.errors >= 1);
    }

    #[test]
    fn truncation_and_garbage_are_reported() {
        let plain: Vec<u8> = archive().concat();
        let cut = &plain[..plain.len() - 100];
        let (got, st) = read(cut);
        assert!(got
            .last()
            .unwrap()
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("record truncated"));
        assert_eq!(st.errors, 1);
        let whole = gz(&plain);
        let (got, _) = read(&whole[..whole.len() - 30]);
        assert!(got.iter().any(|r| r
            .as_ref()
            .is_err_and(|e| e.to_string().contains("truncated"))));
        let (got, _) = read(b"hello, this is not an archive\n");
        assert!(got[0]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("not a WARC or ARC archive"));
    }

    #[test]
    fn an_archive_with_rewritten_line_ends_reads_whole() {
        // CRLF → LF leaves the last record short of its Content-Length by one
        // byte a line: read, with a warning, not refused as truncated
        let rec = record("response", "http://a.example/1", &response(&page()));
        let lf = String::from_utf8(rec).unwrap().replace("\r\n", "\n");
        let (got, st) = read(lf.as_bytes());
        let d = got[0].as_ref().expect("read");
        assert!(d.text.contains("minister"), "{}", d.text);
        assert!(
            d.warnings[0].contains("line ends were rewritten"),
            "{:?}",
            d.warnings
        );
        assert_eq!(st.errors, 0);
    }

    #[test]
    fn chunked_and_encoded_bodies() {
        let html = page();
        let chunked = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n{:x}\r\n{html}\r\n0\r\n\r\n", html.len());
        let (b, _) = http_body(chunked.as_bytes()).unwrap().unwrap();
        assert_eq!(b, html.as_bytes());
        let mut enc =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n"
                .to_vec();
        enc.extend(gz(html.as_bytes()));
        assert_eq!(http_body(&enc).unwrap().unwrap().0, html.as_bytes());
        assert!(http_body(b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n")
            .unwrap()
            .is_none());
        let bad =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\nnot gzip";
        assert!(http_body(bad).unwrap_err().contains("cannot decompress"));
    }

    #[test]
    fn arc_records() {
        let body = response(&page());
        let mut arc =
            b"filedesc://x.arc 0.0.0.0 20140101000000 text/plain 9\n1 0 test\n\n".to_vec();
        arc.extend(
            format!(
                "http://a.example/x y 1.2.3.4 20140102030405 text/html {}\n",
                body.len()
            )
            .as_bytes(),
        );
        arc.extend(&body);
        arc.push(b'\n');
        let (got, st) = read(&arc);
        let d = got[0].as_ref().unwrap();
        assert_eq!(d.meta.url.as_deref(), Some("http://a.example/x%20y"));
        assert_eq!(d.meta.crawled.as_deref(), Some("2014-01-02T03:04:05Z"));
        assert_eq!(st.records, 2);
    }

    proptest::proptest! {
        #[test]
        fn never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400)) {
            let _ = read(&bytes);
            let mut w = b"WARC/1.0\r\nContent-Length: 5\r\nWARC-Type: response\r\n\r\n".to_vec();
            w.extend(&bytes);
            let _ = read(&w);
            let _ = read(&gz(&w));
        }
    }
}
