//! Tuning aid: `cargo run --example metatrace PAGE[.gz]...`: the headline, the
//! header's dates and byline and the metadata each page gets.
fn main() {
    for p in std::env::args().skip(1) {
        let raw = std::fs::read(&p).expect("read");
        let b = if p.ends_with(".gz") {
            whosaid_extract::web::gunzip(&raw).expect("gzip")
        } else {
            raw
        };
        let (s, _, _) = whosaid_extract::encoding::decode(&b, None);
        let d = whosaid_extract::html::Dom::parse(&s);
        let m = whosaid_extract::meta::extract(&d, None);
        let h = whosaid_extract::header::headline(&d, m.meta.title.as_deref());
        println!("== {p}");
        println!("headline: {:?}", h.map(|h| (h, d.tag(h), d.text_of(h))));
        if let Some(h) = h {
            println!(
                "header dates: {:?}",
                whosaid_extract::header::dates(&d, h, None, m.meta.url.as_deref())
            );
            println!(
                "byline text: {:?}",
                whosaid_extract::header::byline_text(&d, h, m.meta.url.as_deref())
            );
        }
        println!(
            "title {:?} authors {:?} published {:?} modified {:?} src {:?}",
            m.meta.title, m.meta.authors, m.meta.published, m.meta.modified, m.meta.date_source
        );
    }
}
