//! Tokens of news English, as byte spans into the text.
//!
//! Words keep their inner apostrophes and hyphens ("can’t", "Secretary-General"),
//! dotted initialisms keep their dots ("U.S.", "G.K."), numbers keep their
//! decimal points and thousands separators ("3.5", "1,000"). A possessive
//! "’s" is split off so that "Russia’s" yields the name "Russia". Every
//! punctuation character is a token of its own; quotation marks are classified.

use whosaid_core::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Number,
    /// The possessive clitic "’s" / "'s".
    Possessive,
    Punct,
    Quote(QuoteMark),
}

/// A quotation mark and what its shape says about its role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// “ « „ — opening by shape.
    Open(QuoteFamily),
    /// ” » — closing by shape.
    Close(QuoteFamily),
    /// " — role decided by its neighbours.
    Straight,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteFamily {
    Curly,
    Angle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokKind,
}

impl Token {
    pub fn text<'a>(&self, text: &'a str) -> &'a str {
        self.span.of(text)
    }
    pub fn is_word(&self) -> bool {
        matches!(self.kind, TokKind::Word)
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

fn is_hyphen(c: char) -> bool {
    c == '-' || c == '‐' || c == '‑'
}

fn classify_quote(c: char) -> Option<QuoteMark> {
    Some(match c {
        '“' | '„' => QuoteMark::Open(QuoteFamily::Curly),
        '”' => QuoteMark::Close(QuoteFamily::Curly),
        '«' => QuoteMark::Open(QuoteFamily::Angle),
        '»' => QuoteMark::Close(QuoteFamily::Angle),
        '"' | '＂' => QuoteMark::Straight,
        _ => return None,
    })
}

/// `u8::is_ascii_alphanumeric` as a table: one load per byte of a word.
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = (i as u8).is_ascii_alphanumeric();
        i += 1;
    }
    t
};

/// The character starting at byte `i` of `s` (a character boundary), if any.
/// ASCII (most of news text) is read without decoding.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match *s.as_bytes().get(i)? {
        b if b.is_ascii() => Some(b as char),
        _ => s[i..].chars().next(),
    }
}

/// `char::is_alphanumeric`, answered without Unicode tables for ASCII and for the
/// General Punctuation block (U+2000 to U+206F: curly quotes and apostrophes, dashes,
/// ellipses, none of them a letter or digit), the non-ASCII characters news is full of.
#[inline]
fn is_alnum(c: char) -> bool {
    if c.is_ascii() {
        ASCII_ALNUM[c as usize]
    } else if ('\u{2000}'..='\u{206F}').contains(&c) {
        false
    } else {
        c.is_alphanumeric()
    }
}

/// Tokenizes `text[range]`, appending to `out`. Offsets are absolute.
///
/// Walks the bytes, decoding a character only where one is not ASCII; all
/// positions below are byte offsets into the paragraph.
pub fn tokenize_into(text: &str, range: Span, out: &mut Vec<Token>) {
    let s = &text[range.start..range.end];
    let b = s.as_bytes();
    let n = b.len();
    let base = range.start;
    let span = |x: usize, y: usize| Span::new(base + x, base + y);
    let mut i = 0;
    while i < n {
        let x = b[i];
        // an ASCII byte is its character: no decoding, no Unicode tables
        let (c, clen, alnum) = if ASCII_ALNUM[usize::from(x)] {
            (x as char, 1, true)
        } else if x.is_ascii() {
            // `char::is_whitespace` of ASCII: space and U+0009 to U+000D
            if matches!(x, b' ' | 0x09..=0x0D) {
                i += 1;
                continue;
            }
            (x as char, 1, false)
        } else {
            let c = char_at(s, i).expect("in bounds");
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            (c, c.len_utf8(), is_alnum(c))
        };
        if alnum {
            let start = i;
            let numeric = c.is_ascii_digit();
            let mut j = i + clen;
            while j < n {
                while j < n && ASCII_ALNUM[usize::from(b[j])] {
                    j += 1;
                }
                // an ASCII character that no rule below lets inside a word ends it
                // (the common case: a space, a comma after a word)
                if j < n && b[j].is_ascii() && !matches!(b[j], b'\'' | b'-' | b'&' | b'.' | b',') {
                    break;
                }
                let Some(cj) = char_at(s, j) else {
                    break;
                };
                let after = j + cj.len_utf8();
                // (a combining accent of decomposed text: "Jose\u{301}")
                if is_alnum(cj) || ('\u{300}'..='\u{36F}').contains(&cj) {
                    j = after;
                    continue;
                }
                let next = char_at(s, after);
                let next_alnum = next.is_some_and(is_alnum);
                // inner apostrophe: can’t, O’Brien (but not the possessive, split below)
                if is_apostrophe(cj) && next.is_some_and(|x| x.is_alphabetic()) {
                    j = after;
                    continue;
                }
                if is_hyphen(cj) && next_alnum {
                    j = after;
                    continue;
                }
                // UTF-8 read as Latin-1 ("FranÃ§ois" for François): a lead byte shown as
                // 'Â'..'ß', then a continuation byte shown as a symbol or control, is
                // one letter (not "Â" and a no-break space: that is a UTF-8 no-break
                // space read as Latin-1, a space)
                if ('\u{80}'..='\u{BF}').contains(&cj)
                    && !cj.is_whitespace()
                    && next_alnum
                    && s[..j].chars().next_back().is_some_and(|p| {
                        // ("Ã" decomposed: "A" and a combining tilde)
                        ('\u{C2}'..='\u{DF}').contains(&p) || ('\u{300}'..='\u{36F}').contains(&p)
                    })
                {
                    j = after;
                    continue;
                }
                if cj == '&'
                    && next.is_some_and(|x| x.is_uppercase())
                    && s[..j].chars().next_back().is_some_and(|p| p.is_uppercase())
                {
                    j = after;
                    continue;
                }
                // decimals and thousands: 3.5, 1,000 (a byte before `j` that is an
                // ASCII digit is a whole character)
                if (cj == '.' || cj == ',')
                    && numeric
                    && b[j - 1].is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j = after;
                    continue;
                }
                break;
            }
            // dotted initialisms: U.S., G.K., a.m.
            if j - start == clen && b.get(j) == Some(&b'.') && c.is_alphabetic() {
                let mut k = j;
                let mut letters = 1;
                while b.get(k) == Some(&b'.') {
                    let Some(x) = char_at(s, k + 1).filter(|x| x.is_alphabetic()) else {
                        break;
                    };
                    let dot = k + 1 + x.len_utf8();
                    if b.get(dot) != Some(&b'.')
                        || char_at(s, dot + 1).is_some_and(|x| x.is_alphabetic())
                    {
                        break;
                    }
                    k = dot;
                    letters += 1;
                }
                if letters > 1 {
                    j = k + 1; // include the final dot
                }
            }
            // possessive split: Russia’s -> Russia + ’s (only after at least one
            // more character: the apostrophe must not start the word)
            let word = &b[start..j];
            let poss = possessive_stem(word).map(|stem| start + stem);
            match poss {
                Some(p) => {
                    out.push(Token {
                        span: span(start, p),
                        kind: TokKind::Word,
                    });
                    out.push(Token {
                        span: span(p, j),
                        kind: TokKind::Possessive,
                    });
                }
                None => {
                    let kind = if numeric
                        && !(if word.is_ascii() {
                            word.iter().any(|x| x.is_ascii_alphabetic())
                        } else {
                            s[start..j].chars().any(char::is_alphabetic)
                        }) {
                        TokKind::Number
                    } else {
                        TokKind::Word
                    };
                    out.push(Token {
                        span: span(start, j),
                        kind,
                    });
                }
            }
            // plural possessive: officials’ -> keep the apostrophe as punctuation
            i = j;
            continue;
        }
        // two apostrophes (or backticks) stand for a double quotation mark in some wire copy
        if (c == '\'' || c == '`') && b.get(i + 1) == Some(&b[i]) {
            out.push(Token {
                span: span(i, i + 2),
                kind: TokKind::Quote(if c == '`' {
                    QuoteMark::Open(QuoteFamily::Curly)
                } else {
                    QuoteMark::Straight
                }),
            });
            i += 2;
            continue;
        }
        let kind = match classify_quote(c) {
            Some(q) => TokKind::Quote(q),
            None => TokKind::Punct,
        };
        out.push(Token {
            span: span(i, i + clen),
            kind,
        });
        i += clen;
    }
}

/// The length of the stem of a possessive word ("Russia’s" -> "Russia"): the
/// word ends in "'s" or "’s" (either case of the s) after at least one byte.
#[inline]
fn possessive_stem(w: &[u8]) -> Option<usize> {
    let rest = match w.split_last() {
        Some((b's' | b'S', rest)) => rest,
        _ => return None,
    };
    let stem = if let Some(stem) = rest.strip_suffix(b"'") {
        stem
    } else {
        rest.strip_suffix("’".as_bytes())?
    };
    (!stem.is_empty()).then_some(stem.len())
}

pub fn tokenize(text: &str) -> Vec<Token> {
    let mut v = Vec::new();
    tokenize_into(text, Span::new(0, text.len()), &mut v);
    v
}

/// Word shape helpers.
pub fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Two or more capitals and nothing else: "US", "MIDA", "ABC".
pub fn is_acronym(w: &str) -> bool {
    w.len() >= 2 && w.bytes().all(|c| c.is_ascii_uppercase())
}

pub fn is_lowercase_word(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &str) -> Vec<&str> {
        tokenize(t).iter().map(|k| k.text(t)).collect()
    }

    #[test]
    fn utf8_read_as_latin1_stays_one_word() {
        // "François" and "Müller" written as UTF-8 and read as Latin-1 (or twice)
        assert_eq!(
            words("President Fran\u{c3}\u{a7}ois Hollande and Fran\u{c3}\u{83}\u{c2}\u{a7}ois M\u{c3}\u{bc}ller"),
            ["President", "Fran\u{c3}\u{a7}ois", "Hollande", "and", "Fran\u{c3}\u{83}\u{c2}\u{a7}ois", "M\u{c3}\u{bc}ller"]
        );
        assert_eq!(
            words("FranA\u{303}\u{83}A\u{302}\u{a7}ois Jose\u{301}"),
            ["FranA\u{303}\u{83}A\u{302}\u{a7}ois", "Jose\u{301}"]
        );
        // a symbol after a capital that is no lead byte still parts words
        assert_eq!(words("A§b"), ["A", "§", "b"]);
        // a no-break space read as Latin-1 ("Â" and U+00A0) is a space, not a letter
        assert_eq!(words("\u{c2}\u{a0}A"), ["\u{c2}", "A"]);
    }

    #[test]
    fn news_words() {
        assert_eq!(
            words("The U.S. can’t pay $1,000.50 to Russia’s Secretary-General."),
            vec![
                "The",
                "U.S.",
                "can’t",
                "pay",
                "$",
                "1,000.50",
                "to",
                "Russia",
                "’s",
                "Secretary-General",
                "."
            ]
        );
        assert_eq!(
            words("Rep. G.K. Butterfield (D-N.C.)"),
            vec![
                "Rep",
                ".",
                "G.K.",
                "Butterfield",
                "(",
                "D-N",
                ".",
                "C",
                ".",
                ")"
            ]
        );
        assert_eq!(
            words("“Hi,” he said"),
            vec!["“", "Hi", ",", "”", "he", "said"]
        );
    }

    /// `is_alnum` answers the General Punctuation block without tables: none of it
    /// may be a letter or digit, and elsewhere it must agree with `char::is_alphanumeric`.
    #[test]
    fn is_alnum_is_char_is_alphanumeric() {
        for c in (0..=0x2FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alnum(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    /// Quotation marks, apostrophes and dashes of every kind around words and
    /// numbers: each word keeps its characters, each mark is a token of its own.
    #[test]
    fn words_among_unicode_punctuation() {
        assert_eq!(
            words("„Ça‐va“ — O’Brien’s 3,5‰ café\u{2028}naïve…Ⅻ\u{0B}x"),
            vec![
                "„",
                "Ça‐va",
                "“",
                "—",
                "O’Brien",
                "’s",
                "3,5",
                "‰",
                "café",
                "naïve",
                "…",
                "Ⅻ",
                "x"
            ]
        );
    }

    #[test]
    fn alnum_table_is_ascii_alphanumeric() {
        for b in 0..=255u8 {
            assert_eq!(
                ASCII_ALNUM[usize::from(b)],
                b.is_ascii_alphanumeric(),
                "{b}"
            );
        }
    }

    #[test]
    fn possessive_stems() {
        assert_eq!(possessive_stem(b"Russia's"), Some(6));
        assert_eq!(possessive_stem("Russia’S".as_bytes()), Some(6));
        assert_eq!(possessive_stem(b"'s"), None);
        assert_eq!(possessive_stem("’s".as_bytes()), None);
        assert_eq!(possessive_stem(b"is"), None);
        assert_eq!(possessive_stem(b"s"), None);
        assert_eq!(possessive_stem(b""), None);
        assert_eq!(
            words("Russia’s officials' O'Brien's 1990s A&P's can't"),
            vec![
                "Russia",
                "’s",
                "officials",
                "'",
                "O'Brien",
                "'s",
                "1990s",
                "A&P",
                "'s",
                "can't"
            ]
        );
    }

    #[test]
    fn doubled_apostrophes_are_quotation_marks() {
        assert_eq!(
            words("''Fine, thanks,'' he said"),
            vec!["''", "Fine", ",", "thanks", ",", "''", "he", "said"]
        );
    }

    #[test]
    fn quote_kinds() {
        let t = "“a” «b» \"c\"";
        let k: Vec<_> = tokenize(t)
            .into_iter()
            .filter_map(|k| match k.kind {
                TokKind::Quote(q) => Some(q),
                _ => None,
            })
            .collect();
        assert_eq!(k.len(), 6);
        assert_eq!(k[0], QuoteMark::Open(QuoteFamily::Curly));
        assert_eq!(k[3], QuoteMark::Close(QuoteFamily::Angle));
        assert_eq!(k[4], QuoteMark::Straight);
    }
}
