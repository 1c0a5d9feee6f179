//! End-to-end: `whosaid extract` and `whosaid analyze` on pages, archives,
//! feeds and URLs served by a local server on loopback (no other network).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_whosaid"))
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("whosaid-extract-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const PROSE: &str = "The minister said on Monday that the talks, which began in Geneva last week, would continue until an agreement was reached, and that both sides had shown good will.";

fn page(title: &str) -> String {
    format!(
        r#"<!DOCTYPE html><html lang="en"><head><title>{title} | The Daily</title>
<meta property="og:site_name" content="The Daily">
<script type="application/ld+json">{{"@type":"NewsArticle","headline":"{title}","datePublished":"2024-03-05T10:00:00Z","author":{{"@type":"Person","name":"Ann Lee"}}}}</script>
</head><body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>{title}</h1><p>“We will not back down,” Foreign Minister Maria Ortega told reporters. {PROSE}</p>
<p>Second paragraph. {PROSE}</p><div class="related-links"><a href="/x">Other story</a></div><p>Third paragraph. {PROSE}</p></article>
<footer>© The Daily</footer></body></html>"#
    )
}

#[test]
fn extract_a_page_as_json() {
    let p = tmp("story.html", page("Talks go on").as_bytes());
    let o = run(&["extract", p.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "story");
    let text = v["text"].as_str().unwrap();
    assert!(text.starts_with("“We will not back down,”"), "{text}");
    assert!(
        text.contains("good will.\n\nSecond paragraph."),
        "paragraph breaks survive: {text}"
    );
    assert!(
        !text.contains("Home") && !text.contains("Other story") && !text.contains("©"),
        "{text}"
    );
    assert_eq!(v["meta"]["title"], "Talks go on");
    assert_eq!(v["meta"]["authors"][0], "Ann Lee");
    assert_eq!(v["meta"]["published"], "2024-03-05T10:00:00Z");
    assert_eq!(
        v["meta"]["date_source"]["published"],
        "json-ld datePublished"
    );
    assert_eq!(v["meta"]["publisher"], "The Daily");
    assert_eq!(v["meta"]["language"], "en");
}

#[test]
fn analyze_reads_html_and_finds_the_quote() {
    let p = tmp("a.html", page("Talks").as_bytes());
    let o = run(&["analyze", p.to_str().unwrap(), "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let q = &v["quotes"][0];
    assert_eq!(q["speaker"]["name"], "Maria Ortega", "{v}");
    assert_eq!(v["meta"]["published"], "2024-03-05T10:00:00Z");
}

#[test]
fn jsonl_with_html_records_and_bad_inputs_go_on() {
    let rec =
        serde_json::json!({"id": "h1", "html": page("One"), "url": "https://daily.example/1"});
    let src = format!("{rec}\n{{\"id\":\"t1\",\"text\":\"Plain text here.\"}}\n{{\"id\":\"e1\",\"html\":\"<html><body><ul><li><a href=/a>A</a></ul></body></html>\"}}\n");
    let p = tmp("pages.jsonl", src.as_bytes());
    let bin_page = tmp("binary.html", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0");
    let trunc = {
        let full = std::fs::read(tmp("z.html", page("Z").as_bytes())).unwrap();
        let mut e = Vec::new();
        {
            let mut w = GzW::new(&mut e);
            w.write_all(&full).unwrap();
        }
        e.truncate(e.len() / 2);
        tmp("cut.html.gz", &e)
    };
    let o = run(&[
        "extract",
        p.to_str().unwrap(),
        bin_page.to_str().unwrap(),
        trunc.to_str().unwrap(),
        "--format",
        "jsonl",
    ]);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = o
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["id"], "h1");
    assert_eq!(lines[0]["meta"]["url"], "https://daily.example/1");
    assert_eq!(lines[1]["text"], "Plain text here.");
    let err = stderr(&o);
    assert!(err.contains("pages.jsonl:3: no article"), "{err}");
    assert!(err.contains("binary.html: looks like binary"), "{err}");
    assert!(err.contains("cut.html.gz") && err.contains("gzip"), "{err}");
}

/// A minimal gzip writer through the binary's own dependency tree is not
/// available here, so write a stored (uncompressed) deflate stream by hand.
struct GzW<'a> {
    out: &'a mut Vec<u8>,
    data: Vec<u8>,
}
impl<'a> GzW<'a> {
    fn new(out: &'a mut Vec<u8>) -> Self {
        GzW {
            out,
            data: Vec::new(),
        }
    }
}
impl Write for GzW<'_> {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        self.data.extend_from_slice(b);
        Ok(b.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
impl Drop for GzW<'_> {
    fn drop(&mut self) {
        self.out
            .extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
        let chunks: Vec<&[u8]> = self.data.chunks(65535).collect();
        for (i, c) in chunks.iter().enumerate() {
            self.out.push(u8::from(i + 1 == chunks.len()));
            let n = c.len() as u16;
            self.out.extend_from_slice(&n.to_le_bytes());
            self.out.extend_from_slice(&(!n).to_le_bytes());
            self.out.extend_from_slice(c);
        }
        self.out.extend_from_slice(&crc32(&self.data).to_le_bytes());
        self.out
            .extend_from_slice(&(self.data.len() as u32).to_le_bytes());
    }
}
fn crc32(d: &[u8]) -> u32 {
    let mut c = !0u32;
    for &b in d {
        c ^= b as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                (c >> 1) ^ 0xEDB8_8320
            } else {
                c >> 1
            };
        }
    }
    !c
}

#[test]
fn a_zip_bomb_is_capped() {
    let big = vec![b'a'; 3_000_000];
    let mut gz = Vec::new();
    {
        let mut w = GzW::new(&mut gz);
        w.write_all(&big).unwrap();
    }
    let p = tmp("bomb.html.gz", &gz);
    let o = run(&["extract", p.to_str().unwrap(), "--max-doc-bytes", "1000000"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("bomb.html.gz") && stderr(&o).contains("zip bomb"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn warc_and_feed_inputs() {
    let body = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{}",
        page("From a crawl")
    );
    let rec = |t: &str, b: &str| {
        format!("WARC/1.0\r\nWARC-Type: {t}\r\nWARC-Target-URI: https://daily.example/c\r\nWARC-Date: 2024-04-01T00:00:00Z\r\nContent-Length: {}\r\n\r\n{b}\r\n\r\n", b.len())
    };
    let warc = rec("request", "GET / HTTP/1.1\r\n\r\n") + &rec("response", &body);
    let p = tmp("crawl.warc", warc.as_bytes());
    let o = run(&["extract", p.to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(v["id"], "crawl#2");
    assert_eq!(v["meta"]["url"], "https://daily.example/c");
    assert_eq!(v["meta"]["crawled"], "2024-04-01T00:00:00Z");
    assert_eq!(
        v["meta"]["published"], "2024-03-05T10:00:00Z",
        "crawled and published are kept apart"
    );
    assert!(
        stderr(&o).contains("2 records, 1 HTML pages, 1 other records skipped"),
        "{}",
        stderr(&o)
    );

    let rss = format!("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Daily</title><item><title>One</title><link>https://daily.example/1</link><guid>g-1</guid><description>&lt;p&gt;{PROSE}&lt;/p&gt;</description></item><item><title>Two</title><link>https://daily.example/2</link></item></channel></rss>");
    let f = tmp("feed.xml", rss.as_bytes());
    let o = run(&["extract", f.to_str().unwrap(), "--format", "jsonl"]);
    assert_eq!(o.status.code(), Some(3));
    let v: serde_json::Value =
        serde_json::from_slice(o.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(v["id"], "g-1");
    assert_eq!(v["text"], PROSE);
    assert!(
        stderr(&o).contains("feed.xml item 2: no article"),
        "{}",
        stderr(&o)
    );
}

/// Serves canned responses on loopback: `/story`, `/loop` (redirects to
/// itself), `/big` (over the cap), `/feed` (an RSS feed linking to /story).
fn serve() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in l.incoming() {
            let Ok(mut s) = s else { continue };
            let mut buf = [0u8; 4096];
            let n = s.read(&mut buf).unwrap_or(0);
            let req = String::from_utf8_lossy(&buf[..n]).into_owned();
            let path = req.split_whitespace().nth(1).unwrap_or("/").to_string();
            let ua_ok = req
                .to_ascii_lowercase()
                .contains("user-agent: mozilla/5.0 (compatible; whosaid/");
            let (status, ctype, body) = match path.as_str() {
                "/story" if ua_ok => ("200 OK", "text/html; charset=utf-8", page("Served")),
                "/story" => ("403 Forbidden", "text/plain", "no user agent".to_string()),
                "/loop" => ("302 Found\r\nLocation: /loop", "text/plain", String::new()),
                "/big" => ("200 OK", "text/html", "<p>".to_string() + &"x".repeat(300_000)),
                "/feed" => ("200 OK", "application/rss+xml", format!("<rss><channel><title>S</title><item><title>T</title><link>http://127.0.0.1:{port}/story</link></item></channel></rss>")),
                _ => ("404 Not Found", "text/plain", "no".to_string()),
            };
            let resp = format!("HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}", body.len());
            let _ = s.write_all(resp.as_bytes());
        }
    });
    port
}

#[test]
fn urls_on_loopback_need_allow_private() {
    let port = serve();
    let url = format!("http://127.0.0.1:{port}/story");
    let o = run(&["extract", &url]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--allow-private"), "{}", stderr(&o));

    let o = run(&["extract", &url, "--allow-private", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["id"], "story");
    assert_eq!(v["meta"]["url"], url);
    assert!(v["text"].as_str().unwrap().contains("Second paragraph."));

    let o = run(&[
        "extract",
        &format!("http://127.0.0.1:{port}/loop"),
        "--allow-private",
        "--max-redirects",
        "3",
    ]);
    assert!(stderr(&o).contains("redirect"), "{}", stderr(&o));
    let o = run(&[
        "extract",
        &format!("http://127.0.0.1:{port}/big"),
        "--allow-private",
        "--max-doc-bytes",
        "100000",
    ]);
    assert!(stderr(&o).contains("limit"), "{}", stderr(&o));
    let o = run(&[
        "extract",
        &format!("http://127.0.0.1:{port}/missing"),
        "--allow-private",
    ]);
    assert!(stderr(&o).contains("HTTP 404"), "{}", stderr(&o));

    // a feed whose items have no text: --fetch reads the linked page
    let feed = format!("http://127.0.0.1:{port}/feed");
    let o = run(&[
        "extract",
        &feed,
        "--allow-private",
        "--fetch",
        "--format",
        "jsonl",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(String::from_utf8_lossy(&o.stdout).contains("Second paragraph."));
    let o = run(&["analyze", &url, "--allow-private", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn shared_warc_through_the_cli() {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/fixtures/warc/news-articles-aeb.warc.gz");
    if !p.exists() {
        eprintln!(
            "skipped: {} not found (the shared fixtures are not in this checkout)",
            p.display()
        );
        return;
    }
    let o = run(&["extract", p.to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let n = o
        .stdout
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .count();
    assert_eq!(n, 181);
}
