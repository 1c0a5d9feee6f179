//! Any bytes as a WARC/ARC archive, plain and gzipped. Must not panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use whosaid_extract::{warc, SourceOptions};

fuzz_target!(|data: &[u8]| {
    let o = SourceOptions { max_doc_bytes: 1 << 20 };
    let _ = warc::read_archive(data, "fuzz", "f", &o, &mut |_| {});
    let mut prefixed = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    prefixed.extend_from_slice(data);
    let _ = warc::read_archive(&prefixed[..], "fuzz", "f", &o, &mut |_| {});
    let _ = warc::http_body(data);
});
