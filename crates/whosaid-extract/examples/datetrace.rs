//! Tuning aid: `cargo run --release --example datetrace DIR` prints, for each
//! page, one JSON line with the metadata and the date signals it was chosen
//! from (the header's dates, the URL's date, a classed date).
fn main() {
    let dir = std::env::args().nth(1).expect("usage: datetrace DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Some(id) = name.strip_suffix(".html.gz") else {
            continue;
        };
        let raw = std::fs::read(&p).expect("read");
        let b = whosaid_extract::web::gunzip(&raw).expect("gzip");
        let (s, _, _) = whosaid_extract::encoding::decode(&b, None);
        let d = whosaid_extract::html::Dom::parse(&s);
        let m = whosaid_extract::meta::extract(&d, None);
        let url = m.meta.url.clone();
        let h = whosaid_extract::header::headline(&d, m.meta.title.as_deref());
        let shown = h.map(|h| whosaid_extract::header::dates(&d, h, None, url.as_deref()));
        let classed = whosaid_extract::header::classed_date(&d, None, url.as_deref());
        let line = serde_json::json!({
            "id": id,
            "published": m.meta.published,
            "modified": m.meta.modified,
            "src": m.meta.date_source,
            "shown_pub": shown.as_ref().and_then(|s| s.published.clone()),
            "shown_mod": shown.as_ref().and_then(|s| s.modified.clone()),
            "url_date": url.as_deref().and_then(whosaid_extract::dates::from_url),
            "classed": classed,
            "headline": h.map(|h| d.text_of(h)),
        });
        println!("{line}");
    }
}
