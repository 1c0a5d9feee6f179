//! Paragraphs and sentences of news text.
//!
//! Paragraphs: blank lines always separate; inside a block, each line is a
//! paragraph unless the block is hard-wrapped (wire copy such as Reuters, whose
//! lines are cut near a fixed width), where only indented lines start one.
//!
//! Sentences: a terminal mark (. ! ? …), possibly followed by closing quotes
//! or brackets, ends a sentence when what follows can start one, unless the
//! word before is an abbreviation (Mr., Sept., U.S. before a name), an
//! initial, or a given name split from its surname by a stray period
//! ("Foreign Minister Sergei. Lavrov").

use crate::lexicon::{AbbrevKind, Lexicon};
use crate::token::{is_capitalized, QuoteMark, TokKind, Token};
use whosaid_core::Span;

/// Paragraph spans, trimmed of surrounding whitespace, in order.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    // lines with their byte spans (without the newline)
    let mut lines: Vec<Span> = Vec::new();
    let mut start = 0;
    for i in memchr::memchr_iter(b'\n', text.as_bytes()) {
        lines.push(Span::new(start, i));
        start = i + 1;
    }
    lines.push(Span::new(start, text.len()));

    let mut block: Vec<Span> = Vec::new();
    let flush = |block: &mut Vec<Span>, out: &mut Vec<Span>| {
        if block.is_empty() {
            return;
        }
        let wrapped = is_hard_wrapped(text, block);
        let mut cur: Option<Span> = None;
        for l in block.iter() {
            let s = l.of(text);
            let indented = s.starts_with(' ') || s.starts_with('\t');
            let trimmed = trim_span(text, *l);
            if trimmed.is_empty() {
                continue;
            }
            match cur {
                Some(c) if wrapped && !indented => cur = Some(Span::new(c.start, trimmed.end)),
                _ => {
                    if let Some(c) = cur.take() {
                        out.push(c);
                    }
                    cur = Some(trimmed);
                }
            }
        }
        if let Some(c) = cur {
            out.push(c);
        }
        block.clear();
    };
    for l in lines {
        if l.of(text).trim().is_empty() {
            flush(&mut block, &mut out);
        } else {
            block.push(l);
        }
    }
    flush(&mut block, &mut out);
    out
}

/// The characters a dateline takes from the first line of wire copy.
const DATELINE: usize = 25;

/// Whether a block of lines is hard-wrapped wire copy: its lines are cut near one
/// width (40 to 100 characters) by a greedy wrapper, so a line ends early only
/// when the next line's first word would not have fit. The block's first line
/// may fall short by a dateline, which wire copy often loses from its start
/// ("NEW YORK, March 3 - ").
fn is_hard_wrapped(text: &str, block: &[Span]) -> bool {
    if block.len() < 2 {
        return false;
    }
    let lens: Vec<usize> = block
        .iter()
        .map(|l| l.of(text).trim_end().chars().count())
        .collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    if !(40..=100).contains(&max) {
        return false;
    }
    // lines followed by a line that does not open a paragraph
    let inner: Vec<usize> = (0..block.len() - 1)
        .filter(|&i| {
            let next = block[i + 1].of(text);
            !next.starts_with([' ', '\t']) && !next.trim().is_empty()
        })
        .collect();
    if inner.is_empty() {
        return false;
    }
    let full = inner
        .iter()
        .filter(|&&i| {
            let next_word = block[i + 1]
                .of(text)
                .split_whitespace()
                .next()
                .map_or(0, |w| w.chars().count());
            let slack = if i == 0 && block.len() > 2 {
                DATELINE
            } else {
                0
            };
            (lens[i] + 1 + next_word + slack) * 10 > max * 9
        })
        .count();
    full * 10 >= inner.len() * 6
}

/// `span` without leading and trailing whitespace.
pub fn trim_span(text: &str, span: Span) -> Span {
    let s = span.of(text);
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    Span::new(span.start + lead, span.start + lead + t.len())
}

fn is_terminal(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…")
}

fn is_closer(k: &Token, text: &str) -> bool {
    match k.kind {
        TokKind::Quote(QuoteMark::Close(_)) | TokKind::Quote(QuoteMark::Straight) => true,
        TokKind::Punct => matches!(k.text(text), ")" | "]" | "’" | "'"),
        _ => false,
    }
}

/// Sentence spans over the tokens of one paragraph (`toks` all inside it).
pub fn sentences(text: &str, toks: &[Token], lx: &Lexicon) -> Vec<Span> {
    let mut out = Vec::new();
    if toks.is_empty() {
        return out;
    }
    let mut start = 0usize;
    let mut i = 0usize;
    let bytes = text.as_bytes();
    // only punctuation and words ending in a period can end a sentence: others
    // are passed over in one tight scan, without slicing their text
    let may_end = |t: &Token| {
        t.kind == TokKind::Punct
            || t.is_word() && bytes.get(t.span.end.wrapping_sub(1)) == Some(&b'.')
    };
    while i < toks.len() {
        let Some(skip) = toks[i..].iter().position(may_end) else {
            break;
        };
        i += skip;
        let t = toks[i];
        let tt = t.text(text);
        let dotted = t.is_word() && tt.ends_with('.') && tt.len() > 2; // U.S.
        if (t.kind == TokKind::Punct && is_terminal(tt)) || dotted {
            // absorb further terminals and closers: ?!  .”  .)
            let mut j = i + 1;
            while j < toks.len()
                && (is_closer(&toks[j], text)
                    || (toks[j].kind == TokKind::Punct && is_terminal(toks[j].text(text))))
            {
                // a straight quote opening the next sentence is not a closer
                if toks[j].kind == TokKind::Quote(QuoteMark::Straight)
                    && j + 1 < toks.len()
                    && toks[j + 1].span.start == toks[j].span.end
                {
                    break;
                }
                j += 1;
            }
            let ends = if j >= toks.len() {
                true
            } else {
                boundary_here(text, toks, i, j, dotted, lx)
            };
            if ends {
                out.push(Span::new(toks[start].span.start, toks[j - 1].span.end));
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if start < toks.len() {
        out.push(Span::new(
            toks[start].span.start,
            toks[toks.len() - 1].span.end,
        ));
    }
    out
}

/// Does a sentence end at terminal token `i`, with the next sentence starting at token `j`?
fn boundary_here(
    text: &str,
    toks: &[Token],
    i: usize,
    j: usize,
    dotted: bool,
    lx: &Lexicon,
) -> bool {
    let next = toks[j];
    let nt = next.text(text);
    // a stock code in angle brackets: "Volkswagen AG <VOWG.F> said"
    let ticker = |k: usize| toks[k].kind == TokKind::Punct && toks[k].text(text) == "<";
    let closes = |k: usize| toks[k].kind == TokKind::Punct && toks[k].text(text) == ">";
    if next.span.start == toks[i].span.end
        && (i.saturating_sub(4)..i).any(ticker)
        && (j..(j + 3).min(toks.len())).any(closes)
    {
        return false;
    }
    let next_starts = match next.kind {
        TokKind::Word => is_capitalized(nt),
        TokKind::Number => true,
        TokKind::Quote(_) => true,
        // (a company's name in angle brackets opens a wire sentence: "... analysts.
        // <Molson Companies Ltd> holds about 32 pct")
        TokKind::Punct => {
            matches!(nt, "(" | "[" | "—" | "–" | "-" | "‘")
                || nt == "<"
                    && toks
                        .get(j + 1)
                        .is_some_and(|t| t.is_word() && is_capitalized(t.text(text)))
        }
        TokKind::Possessive => false,
    };
    if !next_starts {
        return false;
    }
    let tt = toks[i].text(text);
    if tt == "?" || tt == "!" || tt == "…" {
        return true;
    }
    // the word the period closes
    let (word, word_idx) = if dotted {
        (tt, i)
    } else if i > 0 && toks[i - 1].is_word() && toks[i - 1].span.end == toks[i].span.start {
        (toks[i - 1].text(text), i - 1)
    } else {
        return true;
    };
    match lx.abbreviation(word).as_ref() {
        Some(AbbrevKind::Title) => return false,
        Some(AbbrevKind::Month) => return next.kind != TokKind::Number,
        // "the U.S. And Japan": wire copy that capitalises the word after "U.S."
        // (186 times in Reuters-21578, never a new sentence)
        Some(AbbrevKind::Place) if matches!(nt, "And" | "Or") => return false,
        Some(AbbrevKind::Place) | Some(AbbrevKind::Other) => {
            // "the U.S. The ..." ends; "the U.S. Senate" does not
            return next.is_word() && lx.is_function_word(nt);
        }
        None => {}
    }
    if dotted {
        return next.is_word() && lx.is_function_word(nt);
    }
    // an initial: "John F. Kennedy"; a dotted state code: "(R-S.C.)"
    let last_part = word.rsplit('-').next().unwrap_or(word);
    if last_part.chars().count() == 1 && last_part.chars().all(|c| c.is_uppercase()) {
        return false;
    }
    // a stray period splitting a name: "Foreign Minister Sergei. Lavrov in ..."
    // (not a surname that is also a given name: "Tory leader Michael Howard. Non-...")
    if lx.first_names.contains_key(word)
        && word_idx > 0
        && toks[word_idx - 1].is_word()
        && is_capitalized(toks[word_idx - 1].text(text))
        && !lx.first_names.contains_key(toks[word_idx - 1].text(text))
        && !lx.is_function_word(toks[word_idx - 1].text(text))
        && next.is_word()
        && !lx.is_function_word(nt)
        && !lx.first_names.contains_key(nt)
        // (a title opens the next sentence: "in Chalfont St Peter. Detective
        // Inspector Paul Miller said")
        && lx.title(&nt.to_lowercase()).is_none()
        && j + 1 < toks.len()
        && !(toks[j + 1].is_word() && lx.cues_at(toks[j + 1].text(text)).is_some())
    {
        return false;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn sents(t: &str) -> Vec<String> {
        let lx = Lexicon::builtin();
        let toks = tokenize(t);
        sentences(t, &toks, &lx)
            .iter()
            .map(|s| s.of(t).to_string())
            .collect()
    }

    #[test]
    fn and_after_a_place_abbreviation_goes_on() {
        let s = sents("Talks between the U.S. And Japan resumed. The U.S. The end.");
        assert_eq!(
            s,
            [
                "Talks between the U.S. And Japan resumed.",
                "The U.S.",
                "The end."
            ]
        );
    }

    #[test]
    fn a_surname_that_is_also_a_given_name_ends_a_sentence() {
        let s = sents("He met Tory leader Michael Howard. Non-European citizens must take tests.");
        assert_eq!(s.len(), 2, "{s:?}");
        let s = sents("Foreign Minister Sergei. Lavrov in Moscow said talks would go on.");
        assert_eq!(s.len(), 1, "{s:?}");
        let s = sents(
            "It happened in Chalfont St Peter. Detective Inspector Paul Miller said a man \
             used a ladder.",
        );
        assert_eq!(s.len(), 2, "{s:?}");
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        assert_eq!(
            sents("Mr. Smith met Gov. Jones in Sept. 2020. The U.S. Senate agreed. It was 3.5 percent."),
            vec!["Mr. Smith met Gov. Jones in Sept. 2020.", "The U.S. Senate agreed.", "It was 3.5 percent."]
        );
    }

    #[test]
    fn dotted_abbreviation_can_end() {
        assert_eq!(
            sents("He flew to the U.S. The trip was long."),
            vec!["He flew to the U.S.", "The trip was long."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(
            sents("“It is over.” He left. “Why?” she asked."),
            vec!["“It is over.”", "He left.", "“Why?” she asked."]
        );
    }

    #[test]
    fn stray_period_in_name() {
        let s = sents("He met Foreign Minister Sergei. Lavrov in Geneva. It went well.");
        assert_eq!(
            s,
            vec![
                "He met Foreign Minister Sergei. Lavrov in Geneva.",
                "It went well."
            ]
        );
    }

    #[test]
    fn party_and_state_codes() {
        assert_eq!(
            sents("Rep. Trey Gowdy (R-S.C.) said it was wrong. He left."),
            vec!["Rep. Trey Gowdy (R-S.C.) said it was wrong.", "He left."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            sents("John F. Kennedy spoke. Then he left."),
            vec!["John F. Kennedy spoke.", "Then he left."]
        );
    }

    #[test]
    fn paragraphs_by_lines_and_wrapping() {
        let t = "Title line\n\nFirst para.\nSecond para.\n\n";
        let p: Vec<_> = paragraphs(t).iter().map(|s| s.of(t)).collect();
        assert_eq!(p, vec!["Title line", "First para.", "Second para."]);
        let w = "  The company said it would raise its dividend by ten percent\nnext quarter because the results were much better than they\nhad expected at the start of the year, officials said.\n  A second paragraph starts here and runs on for a while too.\n";
        let p: Vec<_> = paragraphs(w).iter().map(|s| s.of(w)).collect();
        assert_eq!(p.len(), 2, "{p:?}");
        assert!(p[0].ends_with("officials said."));
        // wire copy: the first line lost its dateline, paragraphs open with four
        // spaces and end with short lines
        let r = "LTV Corp said it will seek approval from\nthe U.S. bankruptcy court to make one-time hardship payments to\nretired steelworkers who lost some pension benefits.\n    The payments would range from 100 dlrs to 750 dlrs per\nperson for more than 9,800 steel company salaried and hourly\nretirees, LTV said.\n    LTV filed Chapter 11 bankruptcy last July 17.\n";
        let p: Vec<_> = paragraphs(r).iter().map(|s| s.of(r)).collect();
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[1].starts_with("The payments") && p[1].ends_with("LTV said."));
        // short lines, one paragraph each, are no wrapped block
        let l = "Rome: sunny\nParis: rain over the whole northern half of the country today\nBerlin: cloudy\n";
        assert_eq!(paragraphs(l).len(), 3);
    }
}
