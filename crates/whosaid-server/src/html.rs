//! HTML building: every piece of text that reaches a page passes `esc`, and
//! every page comes from `layout`.

use std::fmt::Write as _;

/// Text escaped for HTML element content and double-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&#39;"),
            c => o.push(c),
        }
    }
    o
}

/// A query-string component, percent-encoded.
pub fn url_enc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            o.push(b as char);
        } else {
            let _ = write!(o, "%{b:02X}");
        }
    }
    o
}

/// A query string from pairs, empty values left out.
pub fn query(pairs: &[(&str, Option<String>)]) -> String {
    let parts: Vec<String> = pairs
        .iter()
        .filter_map(|(k, v)| {
            v.as_deref()
                .filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", url_enc(v)))
        })
        .collect();
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// An http(s) URL as a link, anything else (`javascript:` ...) as text.
pub fn ext_link(url: &str) -> String {
    let l = url.trim_start().to_ascii_lowercase();
    if l.starts_with("http://") || l.starts_with("https://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer nofollow\">{}</a>",
            esc(url),
            esc(url)
        )
    } else {
        esc(url)
    }
}

/// `text` with every case-insensitive occurrence of a word in `words` marked.
pub fn highlight(text: &str, words: &[String]) -> String {
    let folded: String = text.chars().flat_map(char::to_lowercase).collect();
    // lower-casing can change lengths; mark only when it does not
    if folded.len() != text.len() || words.is_empty() {
        return esc(text);
    }
    let mut marks: Vec<(usize, usize)> = Vec::new();
    for w in words {
        let w = w.to_lowercase();
        if w.is_empty() {
            continue;
        }
        let mut from = 0;
        while let Some(i) = folded[from..].find(&w) {
            let a = from + i;
            let b = a + w.len();
            let word_start = a == 0
                || !folded[..a]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
            if word_start && text.is_char_boundary(a) && text.is_char_boundary(b) {
                marks.push((a, b));
            }
            from = b;
        }
    }
    marks.sort_unstable();
    let mut out = String::new();
    let mut at = 0;
    for (a, b) in marks {
        if a < at {
            continue;
        }
        out.push_str(&esc(&text[at..a]));
        let _ = write!(out, "<mark>{}</mark>", esc(&text[a..b]));
        at = b;
    }
    out.push_str(&esc(&text[at..]));
    out
}

/// The words of a search, for highlighting.
pub fn words_of(q: &str) -> Vec<String> {
    q.split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| w.chars().count() > 1)
        .map(str::to_string)
        .collect()
}

/// A whole page: the title, the navigation, `main`.
pub fn layout(title: &str, active: &str, main: &str) -> String {
    let nav = |href: &str, label: &str, key: &str| {
        let cur = if key == active {
            " aria-current=\"page\""
        } else {
            ""
        };
        format!("<a href=\"{href}\"{cur}>{label}</a>")
    };
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<title>{} · whosaid</title><link rel=\"stylesheet\" href=\"/static/style.css\"></head>\
<body><a class=\"skip\" href=\"#main\">Skip to content</a>\
<header><a class=\"brand\" href=\"/\">whosaid</a><nav aria-label=\"Main\">{}{}</nav></header>\
<main id=\"main\">{main}</main>\
<footer>Statements found by whosaid's analysis; every finding says how it was found.</footer></body></html>\n",
        esc(title),
        nav("/", "Search", "search"),
        nav("/overview", "Who gets quoted", "overview"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_text_is_text() {
        assert_eq!(
            esc("<script>alert(1)</script>"),
            "&lt;script&gt;alert(1)&lt;/script&gt;"
        );
        assert_eq!(
            esc("\"><img src=x onerror=alert(1)>"),
            "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(ext_link("javascript:alert(1)"), "javascript:alert(1)");
        assert!(ext_link("https://e.com/?a=\"b").contains("href=\"https://e.com/?a=&quot;b\""));
    }

    #[test]
    fn highlights_whole_words_and_escapes_the_rest() {
        let h = highlight(
            "A <b>serious</b> diplomatic path, seriously",
            &words_of("serious path"),
        );
        assert_eq!(
            h,
            "A &lt;b&gt;<mark>serious</mark>&lt;/b&gt; diplomatic <mark>path</mark>, <mark>serious</mark>ly"
        );
        assert_eq!(
            query(&[("a", Some("x y&z".into())), ("b", None)]),
            "?a=x%20y%26z"
        );
    }
}
