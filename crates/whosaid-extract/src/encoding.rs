//! Bytes of a web page or feed → text, by the page's own declaration.
//!
//! Order (as browsers do): a byte-order mark, then the transport's
//! `Content-Type` charset (the HTTP header in a WARC record or a fetch), then
//! `<meta charset>` / `<meta http-equiv>` or an XML declaration in the first
//! kilobytes; with none of those, UTF-8 when the bytes are valid UTF-8, else
//! windows-1252 (the web's default legacy encoding). Labels go through
//! encoding_rs's WHATWG table, so `latin1`, `iso-8859-1` and `us-ascii` all mean
//! windows-1252 as browsers decode them.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};
use std::borrow::Cow;

/// How far into a page to look for a declared charset.
const PRESCAN: usize = 8192;

/// Which declaration chose the encoding (for tests and diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingSource {
    Bom,
    Transport,
    Meta,
    Sniffed,
}

/// Decodes `bytes`, preferring a BOM, then `transport_charset`, then the page.
/// Invalid sequences become U+FFFD; the BOM is not part of the text.
pub fn decode<'a>(
    bytes: &'a [u8],
    transport_charset: Option<&str>,
) -> (Cow<'a, str>, &'static Encoding, EncodingSource) {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (s, enc, EncodingSource::Bom);
    }
    let (enc, source) = if let Some(e) = transport_charset.and_then(label) {
        (e, EncodingSource::Transport)
    } else if let Some(e) = prescan(&bytes[..bytes.len().min(PRESCAN)]) {
        (e, EncodingSource::Meta)
    } else if std::str::from_utf8(bytes).is_ok() {
        (UTF_8, EncodingSource::Sniffed)
    } else {
        (WINDOWS_1252, EncodingSource::Sniffed)
    };
    // A page that declares a legacy charset but is valid UTF-8 with non-ASCII
    // bytes was almost surely re-encoded by a proxy or a crawler: trust the bytes.
    let enc = if enc != UTF_8
        && source == EncodingSource::Meta
        && !bytes.is_ascii()
        && std::str::from_utf8(bytes).is_ok()
        && enc.is_ascii_compatible()
    {
        UTF_8
    } else {
        enc
    };
    let (s, _) = enc.decode_without_bom_handling(bytes);
    (s, enc, source)
}

/// An encoding for a charset label; UTF-16 labels in a document mean UTF-8
/// (a page that was really UTF-16 starts with a BOM).
fn label(l: &str) -> Option<&'static Encoding> {
    let l = l.trim().trim_matches(|c| c == '"' || c == '\'');
    let e = Encoding::for_label(l.as_bytes())?;
    if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE || e == encoding_rs::REPLACEMENT {
        return Some(UTF_8);
    }
    Some(e)
}

/// The charset parameter of a Content-Type value.
pub fn charset_of_content_type(ct: &str) -> Option<&str> {
    let lower = ct.to_ascii_lowercase();
    let i = lower.find("charset")?;
    let rest = &ct[i + 7..];
    let rest = rest.trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let rest = rest.trim_start_matches(['"', '\'']);
    let end = rest
        .find(|c: char| c == ';' || c == '"' || c == '\'' || c.is_whitespace() || c == '>')
        .unwrap_or(rest.len());
    let v = &rest[..end];
    (!v.is_empty()).then_some(v)
}

/// `<meta charset=...>`, `<meta http-equiv content="...charset=...">` or
/// `<?xml ... encoding="..."?>` in the first bytes.
fn prescan(head: &[u8]) -> Option<&'static Encoding> {
    let s = String::from_utf8_lossy(head);
    let lower = s.to_ascii_lowercase();
    if lower.starts_with("<?xml") {
        if let Some(end) = lower.find("?>") {
            let decl = &s[..end];
            if let Some(i) = decl.to_ascii_lowercase().find("encoding") {
                let v = decl[i + 8..]
                    .trim_start()
                    .strip_prefix('=')?
                    .trim_start()
                    .trim_start_matches(['"', '\'']);
                let e = v.find(['"', '\'']).unwrap_or(v.len());
                if let Some(enc) = label(&v[..e]) {
                    return Some(enc);
                }
            }
        }
    }
    let mut from = 0;
    while let Some(k) = lower[from..].find("<meta") {
        let start = from + k;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(i) = tag.find("charset") {
            let v = &tag[i + 7..].trim_start();
            if let Some(v) = v.strip_prefix('=') {
                let v = v.trim_start().trim_start_matches(['"', '\'']);
                let e = v
                    .find(|c: char| {
                        c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace()
                    })
                    .unwrap_or(v.len());
                if let Some(enc) = label(&v[..e]) {
                    return Some(enc);
                }
            }
        }
        from = end;
    }
    None
}

/// Text that was UTF-8 read as Latin-1 or windows-1252 on its way into the
/// page ("Investorâ\u{80}\u{99}s", "JOHNSONâ€™S") → the text it was
/// ("Investor’s"). Left as it is unless every character maps back to one byte
/// and those bytes are UTF-8 that says the same in fewer characters.
pub fn repair_mojibake(s: &str) -> Cow<'_, str> {
    if !s
        .chars()
        .any(|c| matches!(c, 'Ã' | 'Â' | 'â' | 'Å' | 'Ð' | 'Ñ' | 'Ä'))
    {
        return Cow::Borrowed(s);
    }
    let mut bytes = Vec::with_capacity(s.len());
    for c in s.chars() {
        if (c as u32) < 0x100 {
            bytes.push(c as u32 as u8);
            continue;
        }
        let mut buf = [0u8; 4];
        let (b, _, bad) = WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        if bad || b.len() != 1 {
            return Cow::Borrowed(s);
        }
        bytes.push(b[0]);
    }
    match String::from_utf8(bytes) {
        Ok(t) if t.chars().count() < s.chars().count() => Cow::Owned(t),
        _ => Cow::Borrowed(s),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_in_order() {
        let (s, e, src) = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", Some("iso-8859-1"));
        assert_eq!((s.as_ref(), e, src), ("café", UTF_8, EncodingSource::Bom));
        let (s, _, src) = decode(
            b"<p>caf\xE9",
            Some("text/html; charset=latin1").and_then(charset_of_content_type),
        );
        assert_eq!((s.as_ref(), src), ("<p>café", EncodingSource::Transport));
        let (s, _, src) = decode(b"<meta charset=\"windows-1252\"><p>\x93hi\x94", None);
        assert_eq!(
            (s.as_ref(), src),
            (
                "<meta charset=\"windows-1252\"><p>“hi”",
                EncodingSource::Meta
            )
        );
        let page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-2\"><p>\xB1";
        assert!(decode(page, None).0.ends_with('ą'));
        let (s, _, _) = decode(
            b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><a>\x93\xfa\x96\x7b</a>",
            None,
        );
        assert!(s.contains("日本"), "{s}");
        let (s, _, src) = decode(b"<p>caf\xE9", None);
        assert_eq!((s.as_ref(), src), ("<p>café", EncodingSource::Sniffed));
    }

    #[test]
    fn utf8_bytes_beat_a_wrong_meta() {
        let (s, e, _) = decode("<meta charset=iso-8859-1><p>café".as_bytes(), None);
        assert_eq!((s.as_ref(), e), ("<meta charset=iso-8859-1><p>café", UTF_8));
    }

    #[test]
    fn content_type_charset() {
        assert_eq!(
            charset_of_content_type("text/html; charset=\"UTF-8\""),
            Some("UTF-8")
        );
        assert_eq!(charset_of_content_type("text/html"), None);
    }

    #[test]
    fn mojibake_is_repaired_and_nothing_else() {
        assert_eq!(
            repair_mojibake("A DIY Investor\u{e2}\u{80}\u{99}s Guide"),
            "A DIY Investor’s Guide"
        );
        assert_eq!(
            repair_mojibake("JOHNSON\u{e2}\u{20ac}\u{2122}S\u{c2}\u{ae}"),
            "JOHNSON’S®"
        );
        for s in ["Café Ã la carte", "Ångström", "plain", "Ärger über Straße"] {
            assert_eq!(repair_mojibake(s), s);
        }
    }
}
