//! Boilerplate inside plain-text articles, marked (never cut) with a reason.
//!
//! One small rule per page pattern:
//! - `lexicon_line`: site chrome, share bars, "Leave a Reply", copyright,
//!   editorial notes, credit lines, matched against `boilerplate.tsv`;
//! - `inline_see_also`: a "See also ..." link insert inside a paragraph runs
//!   to the end of that paragraph;
//! - `byline`: a lone name line at the top or in the tail is the author;
//! - `author_bio`: the short self-description next to a tail byline.

use crate::lexicon::Lexicon;
use crate::token::is_capitalized;
use whosaid_core::{Boilerplate, BoilerplateReason, Document, Span};

/// Words that make a short paragraph next to a byline an author bio.
const BIO_WORDS: &[&str] = &[
    "writer",
    "reporter",
    "journalist",
    "editor",
    "correspondent",
    "author",
    "columnist",
    "contributor",
    "fan",
    "lover",
    "advocate",
    "enthusiast",
    "junkie",
    "scholar",
    "ninja",
    "evangelist",
    "aficionado",
    "geek",
    "nerd",
    "guru",
    "fanatic",
    "specialist",
    "expert",
    "practitioner",
    "trailblazer",
    "buff",
];

/// Does `s` hold more than `n` words? (Counts no further than `n + 1`: most
/// paragraphs asked about are long.)
fn more_words_than(s: &str, n: usize) -> bool {
    s.split_whitespace().nth(n).is_some()
}

fn norm_line(s: &str) -> String {
    s.trim()
        .trim_end_matches(|c: char| {
            c == ':' || c == '.' || c == '!' || c == '»' || c == '›' || c.is_whitespace()
        })
        .to_lowercase()
}

/// Marks boilerplate paragraphs and fills `meta.authors`, `meta.credits` and `meta.origin`.
pub fn mark(doc: &mut Document, paras: &[Span], lx: &Lexicon) {
    let mut marks: Vec<Boilerplate> = Vec::new();
    let mut is_bp = vec![false; paras.len()];
    for (k, &p) in paras.iter().enumerate() {
        if let Some(b) = lexicon_line(doc, p, lx) {
            is_bp[k] = true;
            marks.push(b);
        } else if let Some(b) = inline_see_also(&doc.text, p) {
            marks.push(b);
        }
    }
    // the tail: the paragraphs after the last long article paragraph
    let tail_start = paras
        .iter()
        .enumerate()
        .rev()
        .find(|(k, p)| !is_bp[*k] && more_words_than(p.of(&doc.text), 25))
        .map_or(0, |(k, _)| k + 1);
    for k in 0..paras.len() {
        if is_bp[k] {
            continue;
        }
        let near_top = k < 3;
        let in_tail = k >= tail_start;
        if !(near_top || in_tail) {
            continue;
        }
        let p = paras[k];
        if let Some(name) = byline(&doc.text, p, lx, in_tail) {
            is_bp[k] = true;
            marks.push(Boilerplate {
                span: p,
                reason: BoilerplateReason::Byline,
            });
            if !doc.meta.authors.contains(&name) {
                doc.meta.authors.push(name);
            }
            if in_tail {
                for bio in [k + 1, k.wrapping_sub(1)] {
                    if bio < paras.len() && !is_bp[bio] && author_bio(paras[bio].of(&doc.text)) {
                        is_bp[bio] = true;
                        marks.push(Boilerplate {
                            span: paras[bio],
                            reason: BoilerplateReason::AuthorBio,
                        });
                    }
                }
            }
        }
    }
    for m in &marks {
        if m.reason == BoilerplateReason::Credit {
            let line = m.span.of(&doc.text).trim().to_string();
            if let Some(o) = credit_origin(&line, lx) {
                if !doc.meta.origin.contains(&o) {
                    doc.meta.origin.push(o);
                }
            }
            doc.meta.credits.push(line);
        }
    }
    marks.sort_by_key(|b| b.span);
    doc.boilerplate.extend(marks);
}

/// `lexicon_line`: a paragraph matching a boilerplate pattern as a whole line, prefix or substring.
/// Cheap tests first: most paragraphs are article text that no pattern can match.
fn lexicon_line(doc: &Document, p: Span, lx: &Lexicon) -> Option<Boilerplate> {
    let s = p.of(&doc.text).trim();
    // no pattern applies to more than 400 characters (at most 4 bytes each)
    if s.len() > 1600 {
        return None;
    }
    let first = crate::lexicon::first_word(s);
    let short = s.len() <= lx.boiler_line_max + 8;
    let prefix_hit = crate::lexicon::with_lower(first, |f| lx.boiler_prefixes.contains_key(f));
    // substring patterns: one search per distinct first word ("contributed", "all")
    let contains_hit = || {
        if lx.boiler_contains_probes.len() == lx.boiler_contains_words.len() {
            lx.boiler_contains_probes.iter().any(|p| p.is_in(s))
        } else {
            lx.boiler_contains_words
                .iter()
                .any(|w| contains_ignore_case(s, w))
        }
    };
    if !(short || prefix_hit || contains_hit()) {
        return None;
    }
    let n = norm_line(s);
    let chars = n.chars().count();
    if chars > 400 {
        return None;
    }
    let limit = |reason: BoilerplateReason| {
        use BoilerplateReason as R;
        if matches!(
            reason,
            R::EditorialNote | R::Credit | R::Copyright | R::SeeAlso
        ) {
            400
        } else {
            120
        }
    };
    let hit = lx
        .boiler_lines
        .get(&n)
        .copied()
        .or_else(|| {
            lx.boiler_prefixes
                .get(crate::lexicon::first_word(&n))
                .and_then(|ps| {
                    ps.iter()
                        .find(|(pat, reason)| {
                            chars <= limit(*reason)
                                && n.starts_with(pat.as_str())
                                && word_edge(&n, pat.len())
                        })
                        .map(|x| x.1)
                })
        })
        .or_else(|| {
            lx.boiler_contains
                .iter()
                .find(|(pat, reason)| chars <= limit(*reason) && n.contains(pat.as_str()))
                .map(|x| x.1)
        });
    hit.map(|reason| Boilerplate { span: p, reason })
}

/// Does `hay` contain the lower-case `needle`, its first letter in either case
/// ("All rights reserved", "contributed reporting")? A substring search, no allocation.
fn contains_ignore_case(hay: &str, needle: &str) -> bool {
    let Some(first) = needle.chars().next() else {
        return true;
    };
    let rest = &needle[first.len_utf8()..];
    let mut from = 0;
    while let Some(k) = memchr::memmem::find(&hay.as_bytes()[from..], rest.as_bytes()) {
        let at = from + k;
        if hay[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.to_lowercase().eq(std::iter::once(first)))
        {
            return true;
        }
        from = at + rest.len().max(1);
    }
    false
}

fn word_edge(s: &str, at: usize) -> bool {
    s[at..].chars().next().is_none_or(|c| !c.is_alphanumeric())
        || s[..at].chars().last().is_some_and(|c| !c.is_alphanumeric())
}

/// `inline_see_also`: "…risks,” he said. See also Establishing a Hotline." The insert
/// starts after a sentence end and runs to the end of the paragraph.
fn inline_see_also(text: &str, p: Span) -> Option<Boilerplate> {
    const MARKERS: [&str; 8] = [
        "See also",
        "SEE ALSO",
        "Read also",
        "Also read",
        "READ MORE:",
        "Read more:",
        "Related:",
        "RELATED:",
    ];
    let s = p.of(text);
    let b = s.as_bytes();
    // every marker starts with S, R or A: find those (memchr, this runs on every paragraph
    // of every article), then ask for a marker there and a sentence end before it: a
    // terminator (. ! ? " or ”) and whitespace
    for j in memchr::memchr3_iter(b'S', b'R', b'A', b) {
        if !MARKERS.iter().any(|m| b[j..].starts_with(m.as_bytes())) {
            continue;
        }
        let mut t = j;
        while t > 0 && b[t - 1].is_ascii_whitespace() {
            t -= 1;
        }
        let ended = t < j
            && t > 0
            && (matches!(b[t - 1], b'.' | b'!' | b'?' | b'"') || b[..t].ends_with("”".as_bytes()));
        if ended {
            return Some(Boilerplate {
                span: Span::new(p.start + j, p.end),
                reason: BoilerplateReason::SeeAlso,
            });
        }
    }
    None
}

/// `byline`: "By Jane Doe", or a lone line of two or three capitalised words whose
/// first is a given name. Returns the author's name.
fn byline(text: &str, p: Span, lx: &Lexicon, in_tail: bool) -> Option<String> {
    let s = p.of(text).trim();
    if s.chars().count() > 60 || s.ends_with(['.', '?', '!', ':', ',']) {
        return None;
    }
    let (rest, explicit) = match s.strip_prefix("By ").or_else(|| s.strip_prefix("BY ")) {
        Some(r) => (r.trim(), true),
        None => (s, false),
    };
    // "Jane Doe, CNN" / "Jane Doe and John Roe"
    let name_part = rest
        .split([',', '|', '—', '–'])
        .next()
        .unwrap_or(rest)
        .trim();
    let words: Vec<&str> = name_part.split_whitespace().collect();
    if !((2..=4).contains(&words.len()) || explicit && !words.is_empty() && words.len() <= 8) {
        return None;
    }
    if !words.iter().all(|w| is_capitalized(w) || *w == "and") {
        return None;
    }
    if words.iter().any(|w| lx.is_function_word(w) && *w != "and") {
        return None;
    }
    let given = lx.first_names.contains_key(words[0]);
    let looks_like_name = words.len() <= 3
        && words.iter().all(|w| {
            w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '.' || c == '\'')
        });
    if explicit || (given && words.len() <= 3) || (in_tail && looks_like_name) {
        Some(name_part.to_string())
    } else {
        None
    }
}

/// `author_bio`: short, self-descriptive fragments ("Introvert. Avid gamer. ...") or
/// "Jane is a reporter for ...".
fn author_bio(s: &str) -> bool {
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 400 {
        return false;
    }
    let lower = s.to_lowercase();
    let bio_words = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| BIO_WORDS.contains(w))
        .count();
    let frags: Vec<&str> = s
        .split(['.', '!'])
        .map(str::trim)
        .filter(|f| !f.is_empty())
        .collect();
    let short_frags = frags
        .iter()
        .filter(|f| f.split_whitespace().count() <= 4)
        .count();
    bio_words >= 2 || (bio_words >= 1 && frags.len() >= 3 && short_frags * 2 >= frags.len())
}

/// The publisher a credit line names: "CNN’s Casey Riddell ... contributed reporting." -> CNN.
fn credit_origin(line: &str, lx: &Lexicon) -> Option<String> {
    let first = line.split_whitespace().next()?;
    let org = first
        .strip_suffix("’s")
        .or_else(|| first.strip_suffix("'s"))?;
    let known = lx.orgs.get(org).map(|o| o.canonical.clone());
    let acronym = org.len() >= 2 && org.chars().all(|c| c.is_uppercase());
    known.or_else(|| acronym.then(|| org.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs;

    fn run(t: &str) -> Document {
        let lx = Lexicon::builtin();
        let mut d = Document::new("t", t);
        let p = paragraphs(t);
        mark(&mut d, &p, &lx);
        d
    }

    fn reasons(d: &Document) -> Vec<(&str, &str)> {
        d.boilerplate
            .iter()
            .map(|b| (b.span.of(&d.text), b.reason.as_str()))
            .collect()
    }

    #[test]
    fn more_words_than_agrees_with_a_full_count() {
        for t in [
            "",
            "one",
            "one two",
            "  one\ttwo \n three  ",
            "a b c d e f g h",
        ] {
            for n in 0..10 {
                assert_eq!(
                    more_words_than(t, n),
                    t.split_whitespace().count() > n,
                    "{t:?} {n}"
                );
            }
        }
    }

    #[test]
    fn chrome_lines_and_see_also() {
        let t = "Body text that is long enough to be an article paragraph, with many words in it to pass the tail test easily enough here.\n\nSee also  A related story\n\n“Quote,” he said. See also Establishing a Hotline.\n\nRelated Articles\n\nLeave a Reply\n\nYour email address will not be published.\n\nBack to top button";
        let d = run(t);
        let r = reasons(&d);
        assert!(
            r.contains(&("See also  A related story", "see-also")),
            "{r:?}"
        );
        assert!(
            r.contains(&("See also Establishing a Hotline.", "see-also")),
            "{r:?}"
        );
        for line in [
            "Related Articles",
            "Leave a Reply",
            "Your email address will not be published.",
            "Back to top button",
        ] {
            assert!(
                r.iter().any(|(s, _)| *s == line),
                "{line} not marked: {r:?}"
            );
        }
        assert!(!r.iter().any(|(s, _)| s.starts_with("“Quote")));
    }

    #[test]
    fn byline_bio_credit() {
        let t = "Officials met on Monday to discuss the plan, which has been debated for months by many people in the capital and elsewhere in the country.\n\nThe story was updated Wednesday with more details.\n\nCNN’s Jane Roe and Bob Poe contributed reporting.\n\nMary Smith\n\n\"Introvert. Avid gamer. Coffee fan. Web scholar.\"";
        let d = run(t);
        let r = reasons(&d);
        assert!(r.contains(&("Mary Smith", "byline")), "{r:?}");
        assert!(r.iter().any(|(_, why)| *why == "author-bio"), "{r:?}");
        assert!(r.iter().any(|(_, why)| *why == "credit"), "{r:?}");
        assert!(r.iter().any(|(_, why)| *why == "editorial-note"), "{r:?}");
        assert_eq!(d.meta.authors, vec!["Mary Smith"]);
        assert_eq!(d.meta.origin, vec!["CNN"]);
        assert_eq!(d.meta.credits.len(), 1);
    }
}
