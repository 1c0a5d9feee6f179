//! Analysis never panics, and every span it returns lies on character
//! boundaries inside the text.

use proptest::prelude::*;
use whosaid_core::{Document, Span};
use whosaid_nlp::Analyzer;

fn check(doc: &Document) {
    let ok = |s: Span| {
        assert!(
            s.start <= s.end && s.end <= doc.text.len(),
            "span {s:?} outside text of {} bytes",
            doc.text.len()
        );
        assert!(
            doc.text.is_char_boundary(s.start) && doc.text.is_char_boundary(s.end),
            "span {s:?} splits a character"
        );
    };
    doc.boilerplate.iter().for_each(|b| ok(b.span));
    doc.paragraphs.iter().for_each(|s| ok(*s));
    doc.sentences.iter().for_each(|s| ok(*s));
    doc.mentions.iter().for_each(|m| ok(m.span));
    for q in &doc.quotes {
        ok(q.span);
        q.fragments.iter().chain(&q.quoted).for_each(|s| ok(*s));
        if let Some(c) = q.cue {
            ok(c);
        }
        if let Some(m) = q.speaker.as_ref().and_then(|s| s.mention) {
            ok(m);
        }
        if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) {
            assert!(e < doc.entities.len());
        }
    }
    for e in &doc.entities {
        for &m in &e.mentions {
            assert!(m < doc.mentions.len());
        }
    }
}

fn analyzer() -> &'static Analyzer {
    static A: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();
    A.get_or_init(|| {
        // every stage, reported speech included
        Analyzer {
            reported_speech: true,
            ..Analyzer::default()
        }
    })
}

fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "«",
        "»",
        "‘",
        "’",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "?",
        "Mr.",
        "U.S.",
        "said",
        "he",
        "she",
        "Blinken",
        "Bellingen",
        "told reporters",
        "See also",
        "Sergei.",
        "Lavrov",
        "the ministry",
        "according to",
        "officials",
        "é",
        "€",
        "日本",
        "—",
        "(",
        ")",
        "Leave a Reply",
        "'s",
        "’s",
        "3.5",
        "Jens Stoltenberg",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.join(""))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let a = analyzer();
        let mut d = Document::new("p", text);
        a.analyze(&mut d);
        check(&d);
    }

    /// Tokens follow one another on character boundaries, none holds whitespace,
    /// and together they hold every other character of the text.
    #[test]
    fn tokens_cover_the_text_but_its_whitespace(
        text in "([a-zA-Z0-9 .,'&’“”„«»\"‐—…\u{a0}\u{2028}\u{0b}é日-]|.){0,80}"
    ) {
        let toks = whosaid_nlp::token::tokenize(&text);
        let mut at = 0;
        let mut joined = String::new();
        for t in &toks {
            prop_assert!(at <= t.span.start && t.span.start < t.span.end, "{toks:?}");
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            let w = t.text(&text);
            prop_assert!(!w.chars().any(char::is_whitespace), "{w:?}");
            prop_assert!(text[at..t.span.start].chars().all(char::is_whitespace), "{text:?}");
            joined.push_str(w);
            at = t.span.end;
        }
        prop_assert!(text[at..].chars().all(char::is_whitespace));
        let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(joined, want);
    }

    #[test]
    fn newsy_text_never_panics(text in newsy()) {
        let a = analyzer();
        let mut d = Document::new("p", text);
        a.analyze(&mut d);
        check(&d);
    }
}
