//! Any bytes as an HTML page: decode, parse, extract, metadata. Must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use whosaid_extract::page::{read_html, PageSource};
use whosaid_extract::SourceOptions;

fuzz_target!(|data: &[u8]| {
    let src = PageSource { input: "fuzz", id: "f".into(), url: Some("https://x.example/2020/01/02/a"), charset: None, crawled: Some("2020-01-01T00:00:00Z") };
    let _ = read_html(data, &src, &SourceOptions::default());
    let (text, _, _) = whosaid_extract::encoding::decode(data, None);
    let dom = whosaid_extract::html::Dom::parse(&text);
    let _ = whosaid_extract::article::fragment_text(&dom);
});
