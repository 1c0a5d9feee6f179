//! Quotation marks paired into quoted spans, per paragraph.
//!
//! Marks pair by type: curly and angle marks by shape, straight marks by their
//! neighbours. A closing mark with no opening one in its paragraph opens at
//! the paragraph start; an opening mark never closed runs to the paragraph
//! end (and, when the next paragraph reopens a mark, the quotation goes on).
//! An unbalanced mark costs a warning, never the rest of the article.

use crate::context::Ctx;
use crate::token::{QuoteMark, TokKind};
use whosaid_core::Span;

#[derive(Debug, Clone, PartialEq)]
pub struct RawQuote {
    /// From the opening mark (or paragraph start) through the closing mark (or paragraph end).
    pub span: Span,
    /// Token range of the quote, marks included when present.
    pub toks: (usize, usize),
    pub para: usize,
    pub missing_open: bool,
    pub missing_close: bool,
    /// The next paragraph, or the next sentence after a lost paragraph break,
    /// reopens a mark: the quotation continues there.
    pub continues: bool,
    /// Single marks in a headline, which quote words in headline style.
    pub headline: bool,
}

impl RawQuote {
    /// The quotation over tokens `[a, b)` of paragraph `para`, marks at both ends.
    fn between(cx: &Ctx, para: usize, a: usize, b: usize) -> Self {
        RawQuote {
            span: cx.span(a, b),
            toks: (a, b),
            para,
            missing_open: false,
            missing_close: false,
            continues: false,
            headline: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Open,
    Close,
}

fn straight_role(cx: &Ctx, k: usize, p0: usize, p1: usize, open: bool) -> Role {
    let t = cx.toks[k];
    let prev_tight = k > p0 && cx.toks[k - 1].span.end == t.span.start;
    let next_tight = k + 1 < p1 && cx.toks[k + 1].span.start == t.span.end;
    let next_word = k + 1 < p1 && matches!(cx.toks[k + 1].kind, TokKind::Word | TokKind::Number);
    let prev_punct_open = k > p0 && matches!(cx.t(k - 1), "(" | "[" | "—" | "–");
    match (prev_tight && !prev_punct_open, next_tight && next_word) {
        (false, true) => Role::Open,
        (true, false) => Role::Close,
        _ => {
            if open {
                Role::Close
            } else {
                Role::Open
            }
        }
    }
}

/// Does quoted `text` end, inside its closing marks, with one of `marks` ("“What
/// curfew?”" ends with '?')?
pub fn ends_inside(text: &str, marks: &[char]) -> bool {
    text.trim_end_matches(['”', '"', '»', '’', '\'', ' '])
        .ends_with(marks)
}

/// A straight double mark right after feet and inches ("6'3\""): a unit, not a quotation mark.
fn inch_mark(text: &str, at: usize) -> bool {
    let b = &text.as_bytes()[..at];
    let digits = |end: usize| {
        b[..end]
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_digit())
            .count()
    };
    let n = digits(b.len());
    n > 0 && n <= 2 && {
        let e = b.len() - n;
        e >= 2 && b[e - 1] == b'\'' && digits(e - 1) > 0
    }
}

/// Does a curly mark at `k` sit where a mark of role `role` belongs: tight after a
/// word or punctuation and followed by a space (a close), or after a space and
/// tight before a word (an open)?
fn turned(cx: &Ctx, k: usize, p0: usize, p1: usize, role: Role) -> bool {
    let t = cx.toks[k];
    let prev_tight = k > p0
        && cx.toks[k - 1].span.end == t.span.start
        && !matches!(cx.toks[k - 1].kind, TokKind::Quote(_));
    let next_tight_word = k + 1 < p1
        && cx.toks[k + 1].span.start == t.span.end
        && matches!(cx.toks[k + 1].kind, TokKind::Word | TokKind::Number);
    let next_tight = k + 1 < p1 && cx.toks[k + 1].span.start == t.span.end;
    match role {
        Role::Close => prev_tight && !next_tight,
        Role::Open => !prev_tight && next_tight_word,
    }
}

/// Is the curly opening mark at `k`, inside an open quotation, a quotation within it
/// (“... what he calls “hell” than ...”)? Then the next two marks close it and the outer one.
fn nested(cx: &Ctx, k: usize, p1: usize) -> bool {
    let Some(TokKind::Quote(QuoteMark::Open(f))) = cx.toks.get(k).map(|t| t.kind) else {
        return false;
    };
    let mut marks = (k + 1..p1).filter_map(|j| match cx.toks[j].kind {
        TokKind::Quote(m) => Some(m),
        _ => None,
    });
    marks.next() == Some(QuoteMark::Close(f)) && marks.next() == Some(QuoteMark::Close(f))
}

/// A headline: a short first paragraph, or a short title-case one, with no double
/// quotation marks. Headlines quote with single marks ("Trump: ‘I’m the Worst Thing
/// That Ever Happened to the Establishment.’").
fn headline(cx: &Ctx, pi: usize, p0: usize, p1: usize) -> bool {
    if p1 - p0 > 40 || !(p0..p1).any(|k| cx.t(k) == "‘") {
        return false;
    }
    if (p0..p1).any(|k| matches!(cx.toks[k].kind, TokKind::Quote(_))) {
        return false;
    }
    let words: Vec<&str> = (p0..p1)
        .filter(|&k| cx.toks[k].is_word())
        .map(|k| cx.t(k))
        .collect();
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    pi == 0 || capitalised * 5 >= words.len() * 3
}

/// Pairs single curly marks in a headline: ‘ opening before a word, ’ closing after one.
fn single_quotes(cx: &Ctx, pi: usize, p0: usize, p1: usize, out: &mut Vec<RawQuote>) {
    let mut open: Option<usize> = None;
    for k in p0..p1 {
        let t = cx.toks[k];
        match cx.t(k) {
            "‘" if open.is_none()
                && k + 1 < p1
                && cx.toks[k + 1].span.start == t.span.end
                && (k == p0 || cx.toks[k - 1].span.end < t.span.start) =>
            {
                open = Some(k)
            }
            "’" if open.is_some_and(|o| k > o + 1)
                && (k + 1 >= p1
                    || cx.toks[k + 1].span.start > t.span.end
                    || !cx.toks[k + 1].is_word()) =>
            {
                let o = open.take().unwrap_or(k);
                out.push(RawQuote {
                    headline: true,
                    ..RawQuote::between(cx, pi, o, k + 1)
                });
            }
            _ => {}
        }
    }
}

/// Quoted spans of every paragraph, in text order.
pub fn find(cx: &Ctx, warnings: &mut Vec<String>) -> Vec<RawQuote> {
    let mut out: Vec<RawQuote> = Vec::new();
    // In a document quoted with curly marks, a straight mark opening a paragraph and
    // never closed in it marks an excerpt from elsewhere ("McCrummen reports:" and
    // paragraphs each opened with a straight mark), not a quotation of its own.
    let (mut curly, mut straight) = (0usize, 0usize);
    for t in &cx.toks {
        match t.kind {
            TokKind::Quote(QuoteMark::Straight) => straight += 1,
            TokKind::Quote(_) => curly += 1,
            _ => {}
        }
    }
    let curly_doc = curly > straight;
    for (pi, &(p0, p1)) in cx.para_toks.iter().enumerate() {
        if p0 == p1 {
            continue;
        }
        if headline(cx, pi, p0, p1) {
            single_quotes(cx, pi, p0, p1, &mut out);
            continue;
        }
        let mut open: Option<usize> = None;
        let mut nested_open = 0usize;
        let mut seen_close = false;
        for k in p0..p1 {
            let TokKind::Quote(mark) = cx.toks[k].kind else {
                continue;
            };
            if cx.tok_bp[k] {
                continue;
            }
            // the marks around a nickname inside a name quote nothing: Marcia "Cia" Price
            if crate::mentions::opens_nickname(cx, k)
                || k >= 2 && crate::mentions::opens_nickname(cx, k - 2)
            {
                continue;
            }
            if mark == QuoteMark::Straight {
                if inch_mark(cx.text, cx.toks[k].span.start) {
                    continue;
                }
                // a straight mark right after a curly opening one closes nothing:
                // it is quoted text ("“\"><img src=x> must show as text,” she said")
                if open.is_some_and(|o| {
                    k == o + 1 && matches!(cx.toks[o].kind, TokKind::Quote(QuoteMark::Open(_)))
                }) {
                    continue;
                }
                if curly_doc
                    && k == p0
                    && !(k + 1..p1).any(|j| cx.toks[j].kind == TokKind::Quote(QuoteMark::Straight))
                {
                    continue;
                }
            }
            let role = match mark {
                // a curly mark set the wrong way round: "... that co“ said Jim Clyburn"
                QuoteMark::Open(_) if open.is_some() && turned(cx, k, p0, p1, Role::Close) => {
                    Role::Close
                }
                QuoteMark::Close(_) if open.is_none() && turned(cx, k, p0, p1, Role::Open) => {
                    Role::Open
                }
                QuoteMark::Open(_) => Role::Open,
                QuoteMark::Close(_) => Role::Close,
                QuoteMark::Straight => straight_role(cx, k, p0, p1, open.is_some()),
            };
            match (role, open) {
                (Role::Open, None) => open = Some(k),
                (Role::Open, Some(_)) if nested(cx, k, p1) => nested_open += 1,
                (Role::Close, Some(_)) if nested_open > 0 => nested_open -= 1,
                (Role::Open, Some(o)) => {
                    // a new opening mark while one is open: the earlier lacked its close,
                    // or, right after the end of a sentence, a paragraph break was lost
                    // and the quotation goes on (BBC: "... Brown. "We've heard ...")
                    if k > o + 1 {
                        let reopens = matches!(cx.t(k - 1), "." | "?" | "!" | "…");
                        out.push(RawQuote {
                            missing_close: true,
                            continues: reopens,
                            ..RawQuote::between(cx, pi, o, k)
                        });
                        if !reopens {
                            warnings.push(format!(
                                "quotation mark at byte {} is never closed",
                                cx.toks[o].span.start
                            ));
                        }
                    }
                    open = Some(k);
                }
                (Role::Close, Some(o)) => {
                    if k > o + 1 {
                        out.push(RawQuote::between(cx, pi, o, k + 1));
                    }
                    open = None;
                    seen_close = true;
                }
                (Role::Close, None) => {
                    // a closing mark with no opening: the quotation opened at the paragraph start
                    let words = (p0..k).filter(|&j| cx.toks[j].is_word()).count();
                    if !seen_close && words >= 3 && out.last().is_none_or(|q| q.para != pi) {
                        out.push(RawQuote {
                            missing_open: true,
                            ..RawQuote::between(cx, pi, p0, k + 1)
                        });
                        warnings.push(format!(
                            "closing quotation mark at byte {} has no opening mark",
                            cx.toks[k].span.start
                        ));
                    } else {
                        warnings.push(format!(
                            "stray closing quotation mark at byte {}",
                            cx.toks[k].span.start
                        ));
                    }
                    seen_close = true;
                }
            }
        }
        if let Some(o) = open {
            if o + 1 < p1 {
                let next_reopens = cx.para_toks.get(pi + 1).is_some_and(|&(n0, n1)| {
                    n0 < n1
                        && matches!(
                            cx.toks[n0].kind,
                            TokKind::Quote(QuoteMark::Open(_))
                                | TokKind::Quote(QuoteMark::Straight)
                        )
                });
                out.push(RawQuote {
                    missing_close: true,
                    continues: next_reopens,
                    ..RawQuote::between(cx, pi, o, p1)
                });
                if !next_reopens {
                    warnings.push(format!(
                        "quotation mark at byte {} is not closed in its paragraph",
                        cx.toks[o].span.start
                    ));
                }
            }
        }
    }
    out
}
