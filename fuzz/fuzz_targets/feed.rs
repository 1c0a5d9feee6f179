//! Any bytes as a feed (RSS, Atom, JSON Feed) and its items. Must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use whosaid_extract::{dates, encoding, feed};

fuzz_target!(|data: &[u8]| {
    let (text, _, _) = encoding::decode(data, None);
    if let Ok(f) = feed::parse(&text, "fuzz") {
        for (k, it) in f.items.iter().enumerate() {
            let _ = feed::item_document(&f, it, k.to_string());
        }
    }
    let _ = dates::normalize(&text);
});
