//! The working state of one analysis: tokens, sentences and paragraphs, built
//! once and shared by every stage.

use crate::lexicon::{CueVerb, Lexicon};
use crate::segment;
use crate::token::{is_capitalized, tokenize_into, Token};
use whosaid_core::{Document, Span};

pub struct Ctx<'a> {
    pub text: &'a str,
    pub lx: &'a Lexicon,
    pub toks: Vec<Token>,
    pub paras: Vec<Span>,
    pub sents: Vec<Span>,
    /// For each token: its sentence index.
    pub tok_sent: Vec<u32>,
    /// For each sentence: its paragraph index and token range.
    pub sent_para: Vec<u32>,
    pub sent_toks: Vec<(usize, usize)>,
    /// For each paragraph: its token range.
    pub para_toks: Vec<(usize, usize)>,
    /// Token is inside boilerplate.
    pub tok_bp: Vec<bool>,
    /// Each token's text, sliced once (stages look tokens up constantly).
    tok_text: Vec<&'a str>,
    /// Each token's first character is upper-case (`token::is_capitalized`), tested once.
    tok_cap: Vec<bool>,
    /// The cue verbs starting at each token, looked up once (attribution asks
    /// for nearly every token several times).
    tok_cues: Vec<Option<&'a [CueVerb]>>,
    /// The text lower-cased, when that keeps every byte offset (almost always);
    /// lexicon lookups then slice it instead of allocating.
    lower: Option<String>,
}

/// Nouns that make "call" before them a noun: "call money", "a call option".
const CALL_COMPOUNDS: &[&str] = &[
    "money", "rate", "rates", "option", "options", "loan", "loans", "deposit", "deposits",
    "centre", "centres", "center", "centers", "sign", "signs",
];

impl<'a> Ctx<'a> {
    pub fn new(doc: &'a Document, paras: Vec<Span>, lx: &'a Lexicon) -> Ctx<'a> {
        let text = doc.text.as_str();
        let mut toks = Vec::with_capacity(text.len() / 5);
        let mut sents = Vec::new();
        let mut tok_sent = Vec::with_capacity(text.len() / 5);
        let mut sent_para = Vec::new();
        let mut sent_toks = Vec::new();
        let mut para_toks = Vec::new();
        for (pi, &p) in paras.iter().enumerate() {
            let t0 = toks.len();
            tokenize_into(text, p, &mut toks);
            let pt = &toks[t0..];
            para_toks.push((t0, toks.len()));
            let mut k = t0;
            for s in segment::sentences(text, pt, lx) {
                let s0 = k;
                while k < toks.len() && toks[k].span.end <= s.end {
                    k += 1;
                }
                // (the sentence's tokens numbered in one fill, not a push each)
                tok_sent.resize(k, sents.len() as u32);
                sent_toks.push((s0, k));
                sent_para.push(pi as u32);
                sents.push(s);
            }
            // tokens after the last sentence (should not happen) join it
            while k < toks.len() {
                tok_sent.push(sents.len().saturating_sub(1) as u32);
                k += 1;
            }
        }
        // a token is boilerplate when one boilerplate span covers more than half of it
        // (`Document::in_boilerplate`), found span by span rather than token by span
        let mut tok_bp = vec![false; toks.len()];
        for b in &doc.boilerplate {
            let k0 = toks.partition_point(|t| t.span.end <= b.span.start);
            for (k, t) in toks.iter().enumerate().skip(k0) {
                if t.span.start >= b.span.end {
                    break;
                }
                if whosaid_core::overlap(b.span, t.span) * 2 > t.span.len() {
                    tok_bp[k] = true;
                }
            }
        }
        let lower = if text.is_ascii() {
            Some(text.to_ascii_lowercase())
        } else {
            lower_same_len(text)
        };
        // the per-token tables (each collected from an exact-size iterator: no
        // capacity checks in the loop)
        let tok_text: Vec<&str> = toks.iter().map(|t| t.text(text)).collect();
        let tok_cap: Vec<bool> = tok_text
            .iter()
            .map(|w| match w.as_bytes().first() {
                Some(b) if b.is_ascii() => b.is_ascii_uppercase(),
                _ => is_capitalized(w),
            })
            .collect();
        let tok_cues = toks
            .iter()
            .zip(&tok_text)
            .map(|(t, w)| match (&lower, t.is_word()) {
                (_, false) => None,
                (Some(l), true) => lx.cues_lower_at(l, t.span.start, t.span.end),
                (None, true) => lx.cues_at(w),
            })
            .collect::<Vec<_>>();
        let mut tok_cues = tok_cues;
        // a particle that makes the verb no act of saying: "written off by the
        // pundits", "called off the strike"; a compound noun: "overnight call money
        // rates", "a call option"
        for k in 0..toks.len().saturating_sub(1) {
            if let Some(c) = tok_cues[k] {
                let next = tok_text[k + 1];
                let off = next.eq_ignore_ascii_case("off");
                let lemma = |l: &str| c.iter().any(|c| c.lemma == l);
                let call_noun = lemma("call")
                    && tok_text[k].eq_ignore_ascii_case("call")
                    && CALL_COMPOUNDS.iter().any(|w| next.eq_ignore_ascii_case(w));
                // (a bare form after a preposition is a noun: "on demand for",
                // "for comment")
                let after_preposition = k > 0
                    && ["on", "of", "for", "upon", "with", "by", "in", "without"]
                        .iter()
                        .any(|p| tok_text[k - 1].eq_ignore_ascii_case(p))
                    && c.iter().any(|c| tok_text[k].eq_ignore_ascii_case(&c.lemma));
                // (one of a pair of nouns joined by a slash: "supply/demand projections")
                let slashed =
                    k > 0 && tok_text[k - 1] == "/" && toks[k - 1].span.end == toks[k].span.start
                        || tok_text[k + 1] == "/" && toks[k].span.end == toks[k + 1].span.start;
                if off && (lemma("write") || lemma("call"))
                    || call_noun
                    || after_preposition
                    || slashed
                {
                    tok_cues[k] = None;
                }
            }
        }
        Ctx {
            tok_text,
            tok_cap,
            tok_cues,
            text,
            lx,
            toks,
            paras,
            sents,
            tok_sent,
            sent_para,
            sent_toks,
            para_toks,
            tok_bp,
            lower,
        }
    }

    #[inline]
    pub fn t(&self, i: usize) -> &'a str {
        self.tok_text[i]
    }

    /// Does token `i` start with an upper-case character (`token::is_capitalized`)?
    #[inline]
    pub fn capitalized(&self, i: usize) -> bool {
        self.tok_cap[i]
    }

    /// Token `i` lower-cased.
    /// The cue verbs that start at token `i` (first words of "say", "point out", ...).
    #[inline]
    pub fn cues(&self, i: usize) -> Option<&'a [CueVerb]> {
        self.tok_cues[i]
    }

    /// Is token `i` this lower-case word, in any case? (No slicing of the lower-cased text.)
    #[inline]
    pub fn is(&self, i: usize, lower: &str) -> bool {
        let t = self.tok_text[i];
        t.len() == lower.len() && t.eq_ignore_ascii_case(lower)
    }

    #[inline]
    pub fn lt(&self, i: usize) -> std::borrow::Cow<'_, str> {
        self.lower_of(self.toks[i].span)
    }

    /// A span of the text lower-cased.
    #[inline]
    pub fn lower_of(&self, s: Span) -> std::borrow::Cow<'_, str> {
        match &self.lower {
            Some(l) => std::borrow::Cow::Borrowed(&l[s.start..s.end]),
            None => std::borrow::Cow::Owned(s.of(self.text).to_lowercase()),
        }
    }

    /// Is token `i` a function word ("the", "But")? ASCII tokens look their
    /// lower-cased text up without copying it.
    #[inline]
    pub fn is_function_word(&self, i: usize) -> bool {
        let t = self.tok_text[i];
        match &self.lower {
            Some(l) if t.is_ascii() => {
                let s = self.toks[i].span;
                self.lx.is_function_word_lower(&l[s.start..s.end])
            }
            _ => self.lx.is_function_word(t),
        }
    }

    /// Token index of the first token starting at or after byte `b`.
    pub fn tok_at(&self, b: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < b)
    }

    #[inline]
    pub fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b - 1].span.end)
    }
}

/// `text` lower-cased character by character, when that keeps every byte
/// offset (almost always). Runs of ASCII are copied and lower-cased in bulk.
fn lower_same_len(text: &str) -> Option<String> {
    let mut l = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_prefix(rest.as_bytes());
        let from = l.len();
        l.push_str(&rest[..ascii]);
        l[from..].make_ascii_lowercase();
        let Some(c) = rest[ascii..].chars().next() else {
            break;
        };
        // lower-casing may change a character's byte length (rarely): then slices would drift
        let before = l.len();
        l.extend(c.to_lowercase());
        if l.len() - before != c.len_utf8() {
            return None;
        }
        rest = &rest[ascii + c.len_utf8()..];
    }
    Some(l)
}

/// The length of the ASCII run `b` opens, tested 16 bytes at a time (`<[u8]>::is_ascii`
/// reads words, not bytes): news text is long ASCII runs between a few curly quotes.
#[inline]
fn ascii_prefix(b: &[u8]) -> usize {
    let mut i = 0;
    while i + 16 <= b.len() && b[i..i + 16].is_ascii() {
        i += 16;
    }
    i + b[i..]
        .iter()
        .position(|x| !x.is_ascii())
        .unwrap_or(b.len() - i)
}

#[cfg(test)]
mod tests {
    use super::{ascii_prefix, lower_same_len};

    #[test]
    fn the_ascii_run_is_found_at_every_length_and_position() {
        // the chunked scan agrees with a byte-by-byte one wherever the first
        // non-ASCII character falls (inside, at the edge of, or past a 16-byte chunk)
        for n in 0..40 {
            for at in 0..=n {
                let mut s: String = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"[..at].to_string();
                if at < n {
                    s.push('“');
                    s.push_str(&"x".repeat(n - at));
                }
                let slow = s.bytes().position(|b| !b.is_ascii()).unwrap_or(s.len());
                assert_eq!(ascii_prefix(s.as_bytes()), slow, "{s:?}");
            }
        }
    }

    #[test]
    fn lower_casing_keeps_offsets_or_says_it_cannot() {
        assert_eq!(
            lower_same_len("“Él DIJO” Straße ÀÉÎ, said O’Neil.").as_deref(),
            Some("“él dijo” straße àéî, said o’neil.")
        );
        // 'İ' lower-cases to two characters: offsets would drift
        assert_eq!(lower_same_len("İstanbul"), None);
    }
}
