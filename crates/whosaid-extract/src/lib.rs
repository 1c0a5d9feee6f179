//! Sources: bytes from files, JSON Lines, stdin, HTML pages, WARC archives,
//! feeds and URLs become `Document`s.
//!
//! A source yields a stream of `Result<Document, SourceError>`: one bad record
//! (invalid UTF-8, a JSON Lines line that is not JSON or has no `text`) is an
//! error item naming its input and line, and the stream goes on.

pub mod article;
pub mod byline;
pub mod dates;
pub mod encoding;
pub mod feed;
pub mod fetch;
pub mod header;
pub mod html;
pub mod meta;
pub mod page;
pub mod shown;
pub mod warc;
pub mod web;

use serde::Deserialize;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};
use whosaid_core::Document;

/// Documents larger than this are refused unless the caller raises the cap.
pub const DEFAULT_MAX_DOC_BYTES: usize = 16 * 1024 * 1024;

#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    #[error("{input}: cannot read: {source}")]
    Io {
        input: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{input}: the input is empty")]
    Empty { input: String },
    #[error("{input}: looks like binary data (NUL byte at offset {offset}), not text")]
    Binary { input: String, offset: usize },
    #[error("{input}: invalid UTF-8 at byte offset {offset}")]
    Utf8 { input: String, offset: usize },
    #[error("{input}: {size} bytes is over the {max}-byte limit for one document (raise it with --max-doc-bytes)")]
    TooLarge {
        input: String,
        size: usize,
        max: usize,
    },
    #[error("{input}:{line}: {msg}")]
    Line {
        input: String,
        line: usize,
        msg: String,
    },
    /// A page was read but holds no article (a listing, a paywall stub, a JS shell).
    #[error("{input}: {reason}")]
    NoArticle { input: String, reason: String },
    /// A broken archive or compressed stream: what and where (byte offset).
    #[error("{input}: at byte offset {offset}: {msg}")]
    Format {
        input: String,
        offset: u64,
        msg: String,
    },
    /// A feed, fetch or other web input that could not be used, and why.
    #[error("{input}: {msg}")]
    Web { input: String, msg: String },
}

impl SourceError {
    pub fn input(&self) -> &str {
        match self {
            SourceError::Io { input, .. }
            | SourceError::Empty { input }
            | SourceError::Binary { input, .. }
            | SourceError::Utf8 { input, .. }
            | SourceError::TooLarge { input, .. }
            | SourceError::Line { input, .. }
            | SourceError::NoArticle { input, .. }
            | SourceError::Format { input, .. }
            | SourceError::Web { input, .. } => input,
        }
    }
}

/// Options every source honours.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    pub max_doc_bytes: usize,
}

impl Default for SourceOptions {
    fn default() -> Self {
        SourceOptions {
            max_doc_bytes: DEFAULT_MAX_DOC_BYTES,
        }
    }
}

/// Refuses input over the size cap, and input that is empty or only whitespace.
pub fn check_size(bytes: &[u8], input: &str, opts: &SourceOptions) -> Result<(), SourceError> {
    if bytes.len() > opts.max_doc_bytes {
        return Err(SourceError::TooLarge {
            input: input.to_string(),
            size: bytes.len(),
            max: opts.max_doc_bytes,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(SourceError::Empty {
            input: input.to_string(),
        });
    }
    Ok(())
}

/// Checks raw bytes and turns them into text, naming `input` in any error.
pub fn decode_text(
    bytes: Vec<u8>,
    input: &str,
    opts: &SourceOptions,
) -> Result<String, SourceError> {
    check_size(&bytes, input, opts)?;
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(SourceError::Binary {
            input: input.to_string(),
            offset,
        });
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // keep offsets those of the text after the BOM
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    String::from_utf8(bytes).map_err(|e| SourceError::Utf8 {
        input: input.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })
}

/// The document id for a file: its file name without extension.
pub fn id_for_path(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Is this path JSON Lines, by its extension?
pub fn is_jsonl(path: &Path) -> bool {
    let name = path.to_string_lossy().to_lowercase();
    name.ends_with(".jsonl") || name.ends_with(".ndjson") || name.ends_with(".jsonl.txt")
}

/// A plain-text article: the whole input is the text.
pub fn read_text(
    reader: impl Read,
    input: &str,
    id: String,
    opts: &SourceOptions,
) -> Result<Document, SourceError> {
    let mut bytes = Vec::new();
    // read one byte past the cap so an oversized input is refused, not truncated
    reader
        .take(opts.max_doc_bytes as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| SourceError::Io {
            input: input.to_string(),
            source: e,
        })?;
    let text = decode_text(bytes, input, opts)?;
    Ok(Document::new(id, text))
}

#[derive(Deserialize)]
struct JsonlRecord {
    id: Option<serde_json::Value>,
    text: Option<String>,
    html: Option<String>,
    title: Option<String>,
    url: Option<String>,
    published: Option<String>,
    /// The publication date as corpora such as Reuters-21578 name it.
    date: Option<String>,
    publisher: Option<String>,
    /// The publisher or wire, as some corpora name it.
    source: Option<String>,
}

/// Parses one JSON Lines record: `{"id": ..., "text": ...}` or
/// `{"id": ..., "html": ..., "url": ...}` (the page's article is extracted).
pub fn parse_jsonl_line(
    line: &[u8],
    input: &str,
    lineno: usize,
    opts: &SourceOptions,
) -> Result<Document, SourceError> {
    let err = |msg: String| SourceError::Line {
        input: input.to_string(),
        line: lineno,
        msg,
    };
    if line.len() > opts.max_doc_bytes {
        return Err(err(format!(
            "{} bytes is over the {}-byte limit for one document",
            line.len(),
            opts.max_doc_bytes
        )));
    }
    let s = std::str::from_utf8(line)
        .map_err(|e| err(format!("invalid UTF-8 at byte {}", e.valid_up_to())))?;
    let rec: JsonlRecord =
        serde_json::from_str(s).map_err(|e| err(format!("not a JSON object: {e}")))?;
    if rec.text.is_none() && rec.html.is_none() {
        return Err(err("the record has no \"text\" or \"html\" string".into()));
    }
    let id = match rec.id {
        Some(serde_json::Value::String(s)) => s,
        Some(serde_json::Value::Number(n)) => n.to_string(),
        None => format!("{input}:{lineno}"),
        Some(other) => {
            return Err(err(format!(
                "\"id\" must be a string or number, not {other}"
            )))
        }
    };
    let Some(text) = rec.text else {
        let html = rec.html.unwrap_or_default();
        let name = format!("{input}:{lineno}");
        let src = page::PageSource {
            input: &name,
            id,
            url: rec.url.as_deref(),
            ..Default::default()
        };
        let mut d = page::read_html(html.as_bytes(), &src, opts)?;
        if let Some(t) = rec.title {
            d.meta.title = Some(t);
        }
        if let Some(p) = rec.published {
            d.meta.published = Some(p);
            d.meta.date_source.retain(|(k, _)| k != "published");
            d.meta
                .date_source
                .push(("published".into(), "input record".into()));
        }
        return Ok(d);
    };
    let mut d = Document::new(id, text);
    d.meta.title = rec.title;
    d.meta.url = rec.url;
    d.meta.published = rec.published.or(rec.date);
    if d.meta.publisher.is_none() {
        d.meta.publisher = rec.publisher.or(rec.source);
    }
    Ok(d)
}

/// Streams the records of a JSON Lines input, one result per non-blank line.
pub fn read_jsonl<'a, R: BufRead + 'a>(
    mut reader: R,
    input: &'a str,
    opts: &'a SourceOptions,
) -> impl Iterator<Item = Result<Document, SourceError>> + 'a {
    let mut lineno = 0;
    let mut buf = Vec::new();
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        buf.clear();
        lineno += 1;
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {
                let line = buf.trim_ascii();
                if line.is_empty() {
                    continue;
                }
                return Some(parse_jsonl_line(line, input, lineno, opts));
            }
            Err(e) => {
                done = true;
                return Some(Err(SourceError::Io {
                    input: input.to_string(),
                    source: e,
                }));
            }
        }
    })
}

/// How to read the inputs named on a command line.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    pub source: SourceOptions,
    /// Read stdin as JSON Lines rather than one plain-text article.
    pub stdin_jsonl: bool,
    /// The id of a plain-text document read from stdin.
    pub stdin_id: String,
    /// URLs, feeds' linked pages: how to fetch.
    pub web: web::WebOptions,
}

/// Every document an input holds, handed to `sink` one result at a time:
/// `-` is stdin, a folder is read recursively (sorted, hidden files skipped),
/// `.jsonl` files hold one record a line, `http(s)://` URLs are fetched, HTML
/// pages (`.html`, `.htm`, gzipped or sniffed), WARC archives and feeds give
/// their articles (see `web`), anything else is one plain-text article.
/// Errors name the input (and line or offset); reading goes on after them.
pub fn read_input(
    input: &str,
    opts: &InputOptions,
    sink: &mut dyn FnMut(Result<Document, SourceError>),
) {
    if web::is_url(input) {
        web::read_url(input, opts, sink);
        return;
    }
    if input == "-" && !opts.stdin_jsonl {
        web::read_stdin(opts, sink);
        return;
    }
    if input == "-" {
        let stdin = std::io::stdin().lock();
        if opts.stdin_jsonl {
            for r in read_jsonl(std::io::BufReader::new(stdin), "<stdin>", &opts.source) {
                sink(r);
            }
        } else {
            let id = if opts.stdin_id.is_empty() {
                "stdin".to_string()
            } else {
                opts.stdin_id.clone()
            };
            sink(read_text(stdin, "<stdin>", id, &opts.source));
        }
        return;
    }
    let path = Path::new(input);
    if path.is_dir() {
        let mut files = Vec::new();
        collect_files(path, &mut files);
        files.sort();
        for f in files {
            read_input(&f.to_string_lossy(), opts, sink);
        }
        return;
    }
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            sink(Err(SourceError::Io {
                input: input.to_string(),
                source: e,
            }));
            return;
        }
    };
    if is_jsonl(path) {
        // a large buffer: records are often longer than the default 8 KB, and each
        // refill is a system call
        for r in read_jsonl(
            std::io::BufReader::with_capacity(1 << 20, file),
            input,
            &opts.source,
        ) {
            sink(r);
        }
    } else {
        web::read_file(file, path, input, opts, sink);
    }
}

fn collect_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd.flatten() {
        let p = e.path();
        if p.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        {
            continue;
        }
        if p.is_dir() {
            collect_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_errors_name_the_input() {
        let o = SourceOptions::default();
        assert!(matches!(
            decode_text(b"  \n".to_vec(), "a.txt", &o),
            Err(SourceError::Empty { .. })
        ));
        assert!(matches!(
            decode_text(b"ab\0c".to_vec(), "a.txt", &o),
            Err(SourceError::Binary { offset: 2, .. })
        ));
        let e = decode_text(b"ok \xff bad".to_vec(), "a.txt", &o).unwrap_err();
        assert_eq!(e.to_string(), "a.txt: invalid UTF-8 at byte offset 3");
        let small = SourceOptions { max_doc_bytes: 4 };
        assert!(matches!(
            decode_text(b"12345".to_vec(), "a.txt", &small),
            Err(SourceError::TooLarge { .. })
        ));
        assert_eq!(
            decode_text("\u{feff}hi".as_bytes().to_vec(), "a", &o).unwrap(),
            "hi"
        );
    }

    #[test]
    fn jsonl_reads_date_and_source() {
        let o = SourceOptions::default();
        let line =
            br#"{"id":"r1","text":"Prices rose.","date":"1987-02-26T15:01:01","source":"Reuters"}"#;
        let d = parse_jsonl_line(line, "in.jsonl", 1, &o).unwrap();
        assert_eq!(d.meta.published.as_deref(), Some("1987-02-26T15:01:01"));
        assert_eq!(d.meta.publisher.as_deref(), Some("Reuters"));
    }

    #[test]
    fn jsonl_keeps_going_after_bad_lines() {
        let o = SourceOptions::default();
        let src = "{\"id\":\"a\",\"text\":\"one\"}\nnot json\n\n{\"id\":2}\n{\"id\":3,\"text\":\"three\"}\n";
        let got: Vec<_> = read_jsonl(src.as_bytes(), "in.jsonl", &o).collect();
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].as_ref().unwrap().id, "a");
        assert!(got[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .starts_with("in.jsonl:2: not a JSON object"));
        assert!(got[2]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("in.jsonl:4: the record has no \"text\" or \"html\""));
        assert_eq!(got[3].as_ref().unwrap().id, "3");
    }

    proptest::proptest! {
        #[test]
        fn jsonl_parser_never_panics(line in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = parse_jsonl_line(&line, "p", 1, &SourceOptions::default());
        }

        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = decode_text(bytes, "p", &SourceOptions::default());
        }
    }
}
