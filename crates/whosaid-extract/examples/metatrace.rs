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
        if std::env::var_os("DATES").is_some() {
            for id in 1..d.nodes.len() as u32 {
                if d.tag(id) != whosaid_extract::html::Tag::Text {
                    continue;
                }
                let t = d.text_of(id);
                if t.len() < 200 {
                    if let Some((x, _, _)) = whosaid_extract::dates::find(&t, None) {
                        let mut anc = Vec::new();
                        let mut a = d.node(id).parent;
                        while a != whosaid_extract::html::NONE && anc.len() < 6 {
                            anc.push(format!(
                                "{:?}.{}",
                                d.tag(a),
                                d.attr_raw(a, "class")
                                    .unwrap_or("")
                                    .chars()
                                    .take(30)
                                    .collect::<String>()
                            ));
                            a = d.node(a).parent;
                        }
                        println!("  date@{id} {x} {:?} in {}", t.trim(), anc.join(" < "));
                    }
                }
            }
        }
        println!(
            "title {:?} authors {:?} published {:?} modified {:?} src {:?}",
            m.meta.title, m.meta.authors, m.meta.published, m.meta.modified, m.meta.date_source
        );
    }
}
