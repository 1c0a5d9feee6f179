//! The readers on the shared fixtures (../shared/data/fixtures): real crawls,
//! deliberately broken archives, real and ill-formed feeds. Each test skips
//! with a message when the shared data is not in this checkout.

use std::path::{Path, PathBuf};
use whosaid_extract::{feed, warc, SourceOptions};

fn shared(p: &str) -> Option<PathBuf> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/fixtures")
        .join(p);
    if path.exists() {
        Some(path)
    } else {
        eprintln!(
            "skipped: {} not found (the shared fixtures are not in this checkout)",
            path.display()
        );
        None
    }
}

fn read_archive(
    path: &Path,
) -> (
    Vec<Result<whosaid_core::Document, whosaid_extract::SourceError>>,
    warc::ArchiveStats,
) {
    let f = std::fs::File::open(path).unwrap();
    let mut got = Vec::new();
    let name = path.display().to_string();
    let st = warc::read_archive(f, &name, "t", &SourceOptions::default(), &mut |r| {
        got.push(r)
    });
    (got, st)
}

#[test]
fn all_181_news_records_have_url_and_body() {
    let Some(p) = shared("warc/news-articles-aeb.warc.gz") else {
        return;
    };
    let (got, st) = read_archive(&p);
    assert_eq!(st.records, 182, "1 warcinfo + 181 responses");
    assert_eq!(st.pages, 181);
    let docs: Vec<_> = got.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errs: Vec<String> = got
        .iter()
        .filter_map(|r| r.as_ref().err())
        .map(|e| e.to_string())
        .collect();
    assert!(errs.is_empty(), "{errs:?}");
    assert_eq!(docs.len(), 181);
    for d in docs {
        assert!(
            d.meta.url.as_deref().is_some_and(|u| u.starts_with("http")),
            "{}",
            d.id
        );
        assert!(d.text.chars().count() >= 100, "{}: {:?}", d.id, d.text);
        assert_eq!(d.meta.crawled.as_deref(), Some("2020-01-01T00:00:00Z"));
    }
}

#[test]
fn every_warcio_fixture_reads_or_fails_clearly() {
    let Some(dir) = shared("warc/warcio") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files.iter().filter(|f| !f.ends_with("LICENSE")) {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let (got, st) = read_archive(f);
        for e in got.iter().filter_map(|r| r.as_ref().err()) {
            // every error names the file
            assert!(e.to_string().contains(&name), "{name}: {e}");
        }
        let good = [
            "example.warc",
            "example.warc.gz",
            "example-digest.warc",
            "example-iana.org-chunked.warc",
            "example-resource.warc.gz",
            "post-test.warc.gz",
            "example.arc",
            "example.arc.gz",
            // CRLF rewritten as LF: a few bytes short of its lengths, read as warcio does
            "example-space-in-url.arc",
        ];
        if good.contains(&name.as_str()) {
            assert!(st.records >= 2 && st.errors == 0, "{name}: {st:?}");
        } else if name == "bad.arc" || name == "example-trunc.warc" {
            assert!(st.errors >= 1, "{name} is broken and must say so: {st:?}");
        }
    }
    // the example.com page is found (and is too short to be an article: said so)
    let (got, _) = read_archive(&dir.join("example.warc.gz"));
    let e = got
        .iter()
        .find_map(|r| r.as_ref().err())
        .unwrap()
        .to_string();
    assert!(
        e.contains("example.warc.gz@") && e.contains("no article"),
        "{e}"
    );
}

#[test]
fn a_real_crawl_with_assets_gives_its_pages() {
    let Some(p) = shared("warc/warc-ruby/frg.warc.gz") else {
        return;
    };
    let (got, st) = read_archive(&p);
    assert!(
        st.skipped > st.pages,
        "CSS, JS, images and requests are skipped: {st:?}"
    );
    assert!(got.iter().filter(|r| r.is_ok()).count() >= 5);
}

fn feed_files() -> Vec<PathBuf> {
    let mut v = Vec::new();
    for d in [
        "feeds/feed-rs/rss0",
        "feeds/feed-rs/rss1",
        "feeds/feed-rs/rss2",
        "feeds/feed-rs/atom",
        "feeds/feed-rs/jsonfeed",
        "feeds/rss-parser",
        "feeds/trafilatura",
    ] {
        let Some(dir) = shared(d) else { continue };
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            let n = p.to_string_lossy();
            if n.ends_with(".serde.json") || n.ends_with("LICENSE") || n.contains("sitemap") {
                continue;
            }
            v.push(p);
        }
    }
    v.sort();
    v
}

#[test]
fn every_real_feed_yields_its_items() {
    let files = feed_files();
    if files.is_empty() {
        return;
    }
    // deliberately broken or not feeds at all
    let not_feeds = ["rss_2.0_invalid_1.xml", "unrecognized.rss"];
    let mut checked = 0;
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(f).unwrap();
        let (text, _, _) = whosaid_extract::encoding::decode(&bytes, None);
        let parsed = feed::parse(&text, &name);
        if not_feeds.contains(&name.as_str()) {
            assert!(parsed.map_or(true, |f| f.items.is_empty()), "{name}");
            continue;
        }
        let fd = parsed.unwrap_or_else(|e| panic!("{name}: {e}"));
        // feed-rs ships the expected parse: the same number of entries
        let expected = f.with_extension("serde.json");
        let expected = if expected.exists() {
            let v: serde_json::Value =
                serde_json::from_slice(&std::fs::read(&expected).unwrap()).unwrap();
            v["entries"].as_array().map(|a| a.len())
        } else {
            None
        };
        match expected {
            Some(n) => assert_eq!(fd.items.len(), n, "{name}"),
            None if name.contains("incomplete") || name.contains("missing") => {}
            None => assert!(!fd.items.is_empty(), "{name} has items"),
        }
        for (k, it) in fd.items.iter().enumerate() {
            if let Some(d) = feed::item_document(&fd, it, format!("{name}#{k}")) {
                assert!(
                    !d.text.contains("<p>") && !d.text.contains("&amp;"),
                    "{name}: markup left in {:?}",
                    d.text
                );
            }
        }
        checked += 1;
    }
    assert!(checked > 50, "only {checked} feeds checked");
}

#[test]
fn ill_formed_feeds_never_panic() {
    let Some(dir) = shared("feeds/feedparser/illformed") else {
        return;
    };
    let mut stack = vec![dir];
    let mut n = 0;
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let bytes = std::fs::read(&p).unwrap();
            let (text, _, _) = whosaid_extract::encoding::decode(&bytes, None);
            if let Ok(f) = feed::parse(&text, "x") {
                for it in &f.items {
                    let _ = feed::item_document(&f, it, "x".into());
                }
            }
            n += 1;
        }
    }
    assert!(n > 10);
}

#[test]
fn html_fixtures_with_expected_text() {
    // goose3's real news pages carry their expected cleaned text
    let Some(dir) = shared("html/goose3/content") else {
        return;
    };
    let mut scores = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_none_or(|x| x != "html") {
            continue;
        }
        let Ok(exp) = std::fs::read(p.with_extension("json")) else {
            continue;
        };
        let Ok(v) = serde_json::from_slice::<serde_json::Value>(&exp) else {
            continue;
        };
        let Some(gold) = v["expected"]["cleaned_text"]
            .as_str()
            .or(v["cleaned_text"].as_str())
        else {
            continue;
        };
        let bytes = std::fs::read(&p).unwrap();
        let got = whosaid_extract::web::page_from_bytes(
            &bytes,
            "g",
            "g".into(),
            &SourceOptions::default(),
        )
        .map(|d| d.text)
        .unwrap_or_default();
        // goose's expected text is a prefix of the article: how much of it we have
        let gw: Vec<&str> = gold.split_whitespace().take(60).collect();
        let have = gw.iter().filter(|w| got.contains(*w)).count();
        scores.push(have as f32 / gw.len().max(1) as f32);
    }
    if scores.is_empty() {
        eprintln!("skipped: no goose3 pages with expected text");
        return;
    }
    let mean = scores.iter().sum::<f32>() / scores.len() as f32;
    assert!(
        mean > 0.85,
        "mean recall of goose3's expected openings {mean:.3} over {} pages",
        scores.len()
    );
}
