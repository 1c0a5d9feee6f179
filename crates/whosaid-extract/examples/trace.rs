//! Tuning aid: `cargo run --example trace PAGE[.gz] "words from the article"`.
fn main() {
    let mut a = std::env::args().skip(1);
    let (Some(p), Some(needle)) = (a.next(), a.next()) else {
        eprintln!("usage: trace PAGE[.gz] NEEDLE");
        std::process::exit(2);
    };
    let raw = std::fs::read(&p).expect("read");
    let b = if p.ends_with(".gz") {
        whosaid_extract::web::gunzip(&raw).expect("gzip")
    } else {
        raw
    };
    let (s, _, _) = whosaid_extract::encoding::decode(&b, None);
    let d = whosaid_extract::html::Dom::parse(&s);
    print!("{}", whosaid_extract::article::trace(&d, &needle));
}
