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

/// Tokenizes `text[range]`, appending to `out`. Offsets are absolute.
pub fn tokenize_into(text: &str, range: Span, out: &mut Vec<Token>) {
    let s = &text[range.start..range.end];
    // ASCII paragraphs (most of them) index bytes directly; others decode once
    if s.is_ascii() {
        tokenize_chars(&AsciiChars(s.as_bytes()), s.len(), range.start, out);
    } else {
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        tokenize_chars(&DecodedChars(chars), s.len(), range.start, out);
    }
}

/// Characters by index, with their byte offsets.
trait Chars {
    fn len(&self) -> usize;
    fn ch(&self, k: usize) -> char;
    fn pos(&self, k: usize) -> usize;
    /// The first index at or after `k` that is not an ASCII letter or digit.
    fn skip_alnum(&self, mut k: usize) -> usize {
        while k < self.len() && self.ch(k).is_ascii_alphanumeric() {
            k += 1;
        }
        k
    }
}

struct AsciiChars<'a>(&'a [u8]);
impl Chars for AsciiChars<'_> {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn ch(&self, k: usize) -> char {
        self.0[k] as char
    }
    fn pos(&self, k: usize) -> usize {
        k
    }
    fn skip_alnum(&self, k: usize) -> usize {
        k + self.0[k..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .count()
    }
}

struct DecodedChars(Vec<(usize, char)>);
impl Chars for DecodedChars {
    fn len(&self) -> usize {
        self.0.len()
    }
    fn ch(&self, k: usize) -> char {
        self.0[k].1
    }
    fn pos(&self, k: usize) -> usize {
        self.0[k].0
    }
}

fn tokenize_chars<C: Chars>(chars: &C, byte_len: usize, base: usize, out: &mut Vec<Token>) {
    let n = chars.len();
    let at = |k: usize| -> Option<char> { (k < n).then(|| chars.ch(k)) };
    let off = |k: usize| -> usize { base + if k < n { chars.pos(k) } else { byte_len } };
    let mut i = 0;
    while i < n {
        let c = chars.ch(i);
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            let numeric = c.is_ascii_digit();
            let mut j = i + 1;
            while j < n {
                j = chars.skip_alnum(j);
                if j >= n {
                    break;
                }
                let cj = chars.ch(j);
                if cj.is_alphanumeric() || cj == '\u{301}' {
                    j += 1;
                    continue;
                }
                let next = at(j + 1);
                let next_alnum = next.is_some_and(|x| x.is_alphanumeric());
                // inner apostrophe: can’t, O’Brien (but not the possessive, split below)
                if is_apostrophe(cj) && next.is_some_and(|x| x.is_alphabetic()) {
                    j += 1;
                    continue;
                }
                if is_hyphen(cj) && next_alnum {
                    j += 1;
                    continue;
                }
                if cj == '&'
                    && next.is_some_and(|x| x.is_uppercase())
                    && chars.ch(j - 1).is_uppercase()
                {
                    j += 1;
                    continue;
                }
                // decimals and thousands: 3.5, 1,000
                if (cj == '.' || cj == ',')
                    && numeric
                    && chars.ch(j - 1).is_ascii_digit()
                    && next.is_some_and(|x| x.is_ascii_digit())
                {
                    j += 1;
                    continue;
                }
                break;
            }
            // dotted initialisms: U.S., G.K., a.m.
            if j - start == 1 && at(j) == Some('.') && c.is_alphabetic() {
                let mut k = j;
                let mut letters = 1;
                while at(k) == Some('.')
                    && at(k + 1).is_some_and(|x| x.is_alphabetic())
                    && at(k + 2) == Some('.')
                    && !at(k + 3).is_some_and(|x| x.is_alphabetic())
                {
                    k += 2;
                    letters += 1;
                }
                if letters > 1 {
                    j = k + 1; // include the final dot
                }
            }
            // possessive split: Russia’s -> Russia + ’s
            let word_end = j;
            let mut poss = None;
            if j - start > 2 {
                let a = chars.ch(j - 2);
                let b = chars.ch(j - 1);
                if is_apostrophe(a) && (b == 's' || b == 'S') {
                    poss = Some(j - 2);
                }
            }
            match poss {
                Some(p) => {
                    out.push(Token {
                        span: Span::new(off(start), off(p)),
                        kind: TokKind::Word,
                    });
                    out.push(Token {
                        span: Span::new(off(p), off(word_end)),
                        kind: TokKind::Possessive,
                    });
                }
                None => {
                    let kind = if numeric && (start..j).all(|k| !chars.ch(k).is_alphabetic()) {
                        TokKind::Number
                    } else {
                        TokKind::Word
                    };
                    out.push(Token {
                        span: Span::new(off(start), off(j)),
                        kind,
                    });
                }
            }
            // plural possessive: officials’ -> keep the apostrophe as punctuation
            i = j;
            continue;
        }
        // two apostrophes (or backticks) stand for a double quotation mark in some wire copy
        if (c == '\'' || c == '`') && at(i + 1) == Some(c) {
            out.push(Token {
                span: Span::new(off(i), off(i + 2)),
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
            span: Span::new(off(i), off(i + 1)),
            kind,
        });
        i += 1;
    }
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
