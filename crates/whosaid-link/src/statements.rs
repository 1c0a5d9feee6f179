//! One statement across outlets: which statement of the origin each statement
//! of a copy repeats, and whether the quoted words survived.
//!
//! A statement of the copy is paired with the origin's statement sharing the
//! most words (multiset Dice ≥ [`MIN_STATEMENT_SIMILARITY`]), one to one, best
//! pairs first. Its words are *altered* when the word sequence inside the
//! quotation differs from the origin's (a word changed, dropped or added):
//! words are compared case folded and without punctuation, so damaged or
//! swapped quotation marks alone change nothing. Only quotations are linked
//! (see [`link`]): a paraphrase has no words of the speaker's to keep.

use crate::profile::word_hashes;

/// Word Dice for two statements to be one (a spun quotation keeps most of its words).
pub const MIN_STATEMENT_SIMILARITY: f32 = 0.6;

/// A stored statement, as copy linking needs it.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRef {
    pub id: i64,
    /// Code point offsets into the article text.
    pub start: i64,
    pub end: i64,
    pub text: String,
    /// `direct`, `mixed` or `indirect`.
    pub kind: String,
    pub speaker_id: Option<i64>,
}

/// A statement of a copy tied to the same statement in the origin.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementLink {
    pub quote_id: i64,
    pub origin_quote_id: i64,
    /// Words inside the quotation changed, dropped or added; `None` for reported
    /// speech without quotation marks.
    pub altered: Option<bool>,
    /// The origin's stored speaker (the copy may garble the name).
    pub speaker_id: Option<i64>,
    pub similarity: f32,
}

fn sorted(v: &[u32]) -> Vec<u32> {
    let mut s = v.to_vec();
    s.sort_unstable();
    s
}

/// Multiset Dice of two sorted word lists.
fn dice(a: &[u32], b: &[u32]) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let (mut i, mut j, mut n) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * n as f32 / (a.len() + b.len()) as f32
}

/// Statements in quotation marks are the speaker's words, which a copy keeps
/// or alters; reported speech (`indirect`, and `mixed` statements, whose
/// bounds are the reporter's clause) is the outlet's own wording, rewritten
/// freely by copies, so it is not linked.
fn linkable(q: &StatementRef) -> bool {
    q.kind == "direct"
}

/// Links the quotations of a copy to those of its origin.
pub fn link(copy: &[StatementRef], origin: &[StatementRef]) -> Vec<StatementLink> {
    let copy: Vec<&StatementRef> = copy.iter().filter(|q| linkable(q)).collect();
    let origin: Vec<&StatementRef> = origin.iter().filter(|q| linkable(q)).collect();
    let cw: Vec<Vec<u32>> = copy.iter().map(|q| word_hashes(&q.text)).collect();
    let ow: Vec<Vec<u32>> = origin.iter().map(|q| word_hashes(&q.text)).collect();
    let cs: Vec<Vec<u32>> = cw.iter().map(|w| sorted(w)).collect();
    let os: Vec<Vec<u32>> = ow.iter().map(|w| sorted(w)).collect();
    let mut cands: Vec<(f32, usize, usize)> = Vec::new();
    for (i, a) in cs.iter().enumerate() {
        for (j, b) in os.iter().enumerate() {
            let d = dice(a, b);
            if d >= MIN_STATEMENT_SIMILARITY && a.len().min(b.len()) >= 2 {
                cands.push((d, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut used_c = vec![false; copy.len()];
    let mut used_o = vec![false; origin.len()];
    let mut out = Vec::new();
    for (d, i, j) in cands {
        if used_c[i] || used_o[j] {
            continue;
        }
        used_c[i] = true;
        used_o[j] = true;
        out.push(StatementLink {
            quote_id: copy[i].id,
            origin_quote_id: origin[j].id,
            altered: Some(cw[i] != ow[j]),
            speaker_id: origin[j].speaker_id,
            similarity: d,
        });
    }
    out.sort_by_key(|l| l.quote_id);
    out
}

/// The words of `copy` that differ from `origin` (for a trace): words the copy
/// has in place of, or beside, the origin's, and the origin's words it lacks.
pub fn differing_words(copy: &str, origin: &str) -> (Vec<String>, Vec<String>) {
    let c: Vec<String> = crate::profile::words(copy).map(str::to_lowercase).collect();
    let o: Vec<String> = crate::profile::words(origin)
        .map(str::to_lowercase)
        .collect();
    // longest common subsequence, then what lies outside it on each side
    let (n, m) = (c.len(), o.len());
    let mut t = vec![vec![0u16; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            t[i][j] = if c[i] == o[j] {
                t[i + 1][j + 1] + 1
            } else {
                t[i + 1][j].max(t[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let (mut added, mut dropped) = (Vec::new(), Vec::new());
    while i < n && j < m {
        if c[i] == o[j] {
            i += 1;
            j += 1;
        } else if t[i + 1][j] >= t[i][j + 1] {
            added.push(c[i].clone());
            i += 1;
        } else {
            dropped.push(o[j].clone());
            j += 1;
        }
    }
    added.extend(c[i..].iter().cloned());
    dropped.extend(o[j..].iter().cloned());
    (added, dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: i64, text: &str, kind: &str, speaker: Option<i64>) -> StatementRef {
        StatementRef {
            id,
            start: 0,
            end: text.chars().count() as i64,
            text: text.into(),
            kind: kind.into(),
            speaker_id: speaker,
        }
    }

    #[test]
    fn marks_alone_do_not_alter_and_a_swapped_word_does() {
        let origin = [
            q(
                1,
                "“We now live in a world where TV shows never die,”",
                "direct",
                Some(7),
            ),
            q(
                2,
                "“We are not saying we are out of the original idea business,”",
                "direct",
                Some(8),
            ),
        ];
        let copy = [
            q(
                10,
                "''We now live in a world where TV shows never die,''",
                "direct",
                None,
            ),
            q(
                11,
                "\"We are not saying we are out of the original thought business,\"",
                "direct",
                None,
            ),
        ];
        let links = link(&copy, &origin);
        assert_eq!(links.len(), 2);
        assert_eq!(
            (links[0].origin_quote_id, links[0].altered),
            (1, Some(false))
        );
        assert_eq!(links[0].speaker_id, Some(7));
        assert_eq!(
            (links[1].origin_quote_id, links[1].altered),
            (2, Some(true))
        );
    }

    #[test]
    fn a_quotation_cut_short_is_altered_and_unrelated_ones_stay_apart() {
        let origin = [q(
            1,
            "“The economy is strong and we will keep it that way for years,”",
            "direct",
            None,
        )];
        let copy = [
            q(
                5,
                "“The economy is strong and we will keep it that way,”",
                "direct",
                None,
            ),
            q(6, "“Nothing about this is normal,”", "direct", None),
        ];
        let links = link(&copy, &origin);
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].quote_id, 5);
        assert_eq!(links[0].altered, Some(true));
    }

    #[test]
    fn reported_speech_is_not_linked() {
        let origin = [q(
            1,
            "the senator said the bill would pass next week",
            "indirect",
            None,
        )];
        let copy = [q(
            2,
            "the senator said the bill would pass next week",
            "indirect",
            None,
        )];
        assert!(link(&copy, &origin).is_empty());
    }

    #[test]
    fn differing_words_name_the_swap() {
        let (added, dropped) = differing_words(
            "out of the original thought business",
            "out of the original idea business",
        );
        assert_eq!(added, ["thought"]);
        assert_eq!(dropped, ["idea"]);
    }
}
