//! Tuning aid: `cargo run --release --example pages DIR` extracts every
//! `.html`/`.html.gz` page of DIR as `whosaid extract` does and prints one
//! `{"id","text","title","author","date","meta"}` line a page (errors on stderr),
//! the flat fields the shared extraction scorer reads.
use whosaid_extract::page::{read_html, PageSource};

/// Names as a byline writes them: "A", "A and B", "A, B and C".
fn joined(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn main() {
    let dir = std::env::args().nth(1).expect("usage: pages DIR");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    files.sort();
    let opts = whosaid_extract::SourceOptions::default();
    for p in files {
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        let Some(id) = name
            .strip_suffix(".html.gz")
            .or_else(|| name.strip_suffix(".html"))
        else {
            continue;
        };
        let raw = std::fs::read(&p).expect("read");
        let bytes = if name.ends_with(".gz") {
            whosaid_extract::web::gunzip(&raw).expect("gzip")
        } else {
            raw
        };
        let src = PageSource {
            input: &name,
            id: id.to_string(),
            ..Default::default()
        };
        match read_html(&bytes, &src, &opts) {
            Ok(d) => {
                let m = &d.meta;
                let line = serde_json::json!({
                    "id": id, "text": d.text,
                    "title": m.title.clone().unwrap_or_default(),
                    "author": joined(&m.authors),
                    "date": m.published.clone().unwrap_or_default(),
                    "meta": {"title": m.title, "authors": m.authors, "published": m.published,
                             "modified": m.modified, "date_source": m.date_source, "url": m.url},
                });
                println!("{line}");
            }
            Err(e) => eprintln!("{e}"),
        }
    }
}
