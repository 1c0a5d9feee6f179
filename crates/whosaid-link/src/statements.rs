//! One statement across outlets: which statement of the origin each statement
//! of a copy repeats, and whether the quoted words survived.
//!
//! A statement of the copy is paired with a statement of the origin, one to
//! one, best pairs first, by two kinds of evidence:
//! - *where it stands*: the copy's aligned sentences (from verification) say
//!   which stretch of the origin a passage of the copy repeats (see
//!   [`Anchoring`]); a statement of the origin inside that stretch whose words
//!   run in order through the copy's statement (longest common subsequence ≥
//!   [`MIN_CONTAINMENT`] of the shorter) is the same statement, even when the
//!   copy cut it short, or damaged quotation marks made one side's span run on
//!   into the next sentence, or it is a single word ("“No,”");
//! - *what it says*, anywhere in the article: the most words in common
//!   (multiset Dice ≥ [`MIN_STATEMENT_SIMILARITY`]).
//!
//! Its words are *altered* when the word sequence inside the quotation
//! differs from the origin's (a word changed, dropped or added): words are
//! compared case folded and without punctuation, so damaged or swapped
//! quotation marks alone change nothing; and where one side's quotation has
//! lost a mark and its span ran on, only the stretch that repeats the other
//! side is compared. Only quotations are linked (see [`link`]): a paraphrase
//! has no words of the speaker's to keep.

use crate::copies::Alignment;
use crate::profile::{word_hashes, Profile};

/// Word Dice for two statements to be one (a spun quotation keeps most of its words).
pub const MIN_STATEMENT_SIMILARITY: f32 = 0.6;
/// Share of the shorter statement's words found in order in the other, for
/// two statements in the same stretch of the two articles to be one.
pub const MIN_CONTAINMENT: f32 = 0.6;

/// Which stretch of the origin each passage of a copy repeats: the aligned
/// sentence pairs of a verdict, as code point spans, in the order of both
/// articles (the alignment is an increasing chain).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Anchoring {
    /// `(copy start, copy end, origin start, origin end)`.
    pairs: Vec<(i64, i64, i64, i64)>,
}

impl Anchoring {
    /// From an alignment of `copy` (its `a` side) with `origin` (`b`).
    pub fn new(al: &Alignment, copy: &Profile, origin: &Profile) -> Anchoring {
        let pairs = al
            .pairs
            .iter()
            .filter_map(|p| {
                let (c, o) = (copy.sentences.get(p.a)?, origin.sentences.get(p.b)?);
                Some((
                    i64::from(c.start),
                    i64::from(c.end),
                    i64::from(o.start),
                    i64::from(o.end),
                ))
            })
            .collect();
        Anchoring { pairs }
    }

    /// The stretch of the origin that the copy's span `start..end` repeats:
    /// from the last aligned sentence starting at or before it to the first
    /// aligned sentence ending at or after it (a reworded sentence between
    /// two aligned ones lies between their counterparts). `None` with no
    /// aligned sentences.
    pub fn window(&self, start: i64, end: i64) -> Option<(i64, i64)> {
        if self.pairs.is_empty() {
            return None;
        }
        let lo = self
            .pairs
            .iter()
            .take_while(|p| p.0 <= start)
            .last()
            .map_or(0, |p| p.2);
        let hi = self
            .pairs
            .iter()
            .find(|p| p.1 >= end)
            .map_or(i64::MAX, |p| p.3);
        (lo < hi).then_some((lo, hi))
    }
}

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

/// Length of the longest common subsequence of two word sequences.
fn lcs(a: &[u32], b: &[u32]) -> usize {
    let mut row = vec![0u16; b.len() + 1];
    for x in a {
        let mut diag = 0u16;
        for (j, y) in b.iter().enumerate() {
            let up = row[j + 1];
            row[j + 1] = if x == y { diag + 1 } else { up.max(row[j]) };
            diag = up;
        }
    }
    usize::from(row[b.len()])
}

/// Is `inner` a contiguous run of `outer`?
fn contains_run(outer: &[u32], inner: &[u32]) -> bool {
    !inner.is_empty() && outer.windows(inner.len()).any(|w| w == inner)
}

/// Do the quotation marks of a statement open and close? A span whose
/// closing mark was damaged runs on past the quotation.
fn marks_balanced(text: &str) -> bool {
    let (mut open, mut close, mut straight) = (0usize, 0usize, 0usize);
    for c in text.chars() {
        match c {
            '“' | '„' | '«' => open += 1,
            '”' | '»' => close += 1,
            '"' => straight += 1,
            _ => {}
        }
    }
    let doubled = text.matches("''").count();
    open == close && straight.is_multiple_of(2) && doubled.is_multiple_of(2)
}

/// Were the words of the copy's quotation changed, dropped or added? When one
/// side's marks are damaged and its span runs on, the other side's words
/// appearing there in one run are the quotation kept verbatim.
fn altered(copy: &StatementRef, cw: &[u32], origin: &StatementRef, ow: &[u32]) -> bool {
    if cw == ow {
        return false;
    }
    let runs_on = |q: &StatementRef, long: &[u32], short: &[u32]| {
        !marks_balanced(&q.text) && long.len() > short.len() && contains_run(long, short)
    };
    !(runs_on(copy, cw, ow) || runs_on(origin, ow, cw))
}

/// Links the quotations of a copy to those of its origin; `anchoring` (from
/// the verdict's alignment) says where in the origin each passage of the copy
/// belongs.
pub fn link(
    copy: &[StatementRef],
    origin: &[StatementRef],
    anchoring: Option<&Anchoring>,
) -> Vec<StatementLink> {
    let copy: Vec<&StatementRef> = copy.iter().filter(|q| linkable(q)).collect();
    let origin: Vec<&StatementRef> = origin.iter().filter(|q| linkable(q)).collect();
    let cw: Vec<Vec<u32>> = copy.iter().map(|q| word_hashes(&q.text)).collect();
    let ow: Vec<Vec<u32>> = origin.iter().map(|q| word_hashes(&q.text)).collect();
    let cs: Vec<Vec<u32>> = cw.iter().map(|w| sorted(w)).collect();
    let os: Vec<Vec<u32>> = ow.iter().map(|w| sorted(w)).collect();
    // (rank, similarity, copy, origin): pairs in the right stretch rank first
    let mut cands: Vec<(f32, f32, usize, usize)> = Vec::new();
    for (i, a) in cs.iter().enumerate() {
        let window = anchoring.and_then(|an| an.window(copy[i].start, copy[i].end));
        for (j, b) in os.iter().enumerate() {
            if a.is_empty() || b.is_empty() {
                continue;
            }
            let d = dice(a, b);
            let in_window =
                window.is_some_and(|(lo, hi)| origin[j].start < hi && origin[j].end > lo);
            if in_window {
                let shorter = cw[i].len().min(ow[j].len());
                let longer = cw[i].len().max(ow[j].len());
                let common = lcs(&cw[i], &ow[j]) as f32;
                let contain = common / shorter as f32;
                // one word must be the whole of both ("“No,”"), not a word of a longer quotation
                let one_word_ok = shorter >= 2 || cw[i] == ow[j];
                if contain >= MIN_CONTAINMENT && one_word_ok {
                    // (of two quotations of the origin inside one of the copy whose
                    // marks were damaged, the one that accounts for more of it: a short
                    // one kept whole is not a long one with a word changed)
                    let cover = common / longer as f32;
                    cands.push((1.0 + (contain.max(d) + cover) / 2.0, d.max(contain), i, j));
                    continue;
                }
            }
            if d >= MIN_STATEMENT_SIMILARITY && a.len().min(b.len()) >= 2 {
                cands.push((d, d, i, j));
            }
        }
    }
    cands.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.2.cmp(&y.2)).then(x.3.cmp(&y.3)));
    let mut used_c = vec![false; copy.len()];
    let mut used_o = vec![false; origin.len()];
    let mut out = Vec::new();
    for (_, sim, i, j) in cands {
        if used_c[i] || used_o[j] {
            continue;
        }
        used_c[i] = true;
        used_o[j] = true;
        out.push(StatementLink {
            quote_id: copy[i].id,
            origin_quote_id: origin[j].id,
            altered: Some(altered(copy[i], &cw[i], origin[j], &ow[j])),
            speaker_id: origin[j].speaker_id,
            similarity: sim,
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
        let links = link(&copy, &origin, None);
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
        let links = link(&copy, &origin, None);
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
        assert!(link(&copy, &origin, None).is_empty());
    }

    fn at(id: i64, start: i64, text: &str) -> StatementRef {
        StatementRef {
            start,
            end: start + text.chars().count() as i64,
            ..q(id, text, "direct", None)
        }
    }

    /// Two aligned sentences: copy 0..100 ↔ origin 0..100, copy 100..200 ↔ origin 300..400.
    fn anchoring() -> Anchoring {
        Anchoring {
            pairs: vec![(0, 100, 0, 100), (100, 200, 300, 400)],
        }
    }

    #[test]
    fn a_window_lies_between_the_aligned_neighbours() {
        let an = anchoring();
        assert_eq!(an.window(10, 50), Some((0, 100)));
        assert_eq!(an.window(110, 150), Some((300, 400)));
        // a reworded stretch between the two aligned sentences
        assert_eq!(an.window(90, 150), Some((0, 400)));
        assert_eq!(Anchoring::default().window(0, 10), None);
    }

    #[test]
    fn a_quotation_whose_closing_mark_was_lost_links_and_is_verbatim() {
        let origin = [at(1, 310, "“I prefer Kasich,”"), at(2, 20, "“No,”")];
        let copy = [
            at(
                5,
                110,
                "\"I prefer Kasich, he said, noting he had backed Marco Rubio before.",
            ),
            at(6, 30, "“No,”"),
        ];
        let links = link(&copy, &origin, Some(&anchoring()));
        let got: Vec<_> = links
            .iter()
            .map(|l| (l.quote_id, l.origin_quote_id, l.altered))
            .collect();
        assert_eq!(got, [(5, 1, Some(false)), (6, 2, Some(false))]);
        // without knowing where the copy stands, neither is safe to link
        assert!(link(&copy, &origin, None).is_empty());
    }

    #[test]
    fn a_quotation_cut_short_in_its_place_is_altered_and_one_elsewhere_is_not_linked() {
        let origin = [at(
            1,
            310,
            "“I hate to say it, I’m becoming mainstream. I’m getting all these endorsements.”",
        )];
        let cut = [at(5, 120, "“I hate to say it.”")];
        let links = link(&cut, &origin, Some(&anchoring()));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].altered, Some(true));
        // the same words in a part of the copy that repeats another part of the origin
        let elsewhere = [at(5, 20, "“I hate to say it.”")];
        assert!(link(&elsewhere, &origin, Some(&anchoring())).is_empty());
    }

    #[test]
    fn a_copy_quotation_running_over_two_links_to_the_one_it_holds_most_of() {
        // the copy lost a closing mark: its quotation runs on over the origin's next
        // one, which it holds whole; the one it opens with has a word changed
        let long = "“We do this not out of spite, but in keeping with the many warnings about false prophets and teachers,”";
        let short = "“We are warned that the time will come.”";
        let origin = [at(1, 300, long), at(2, 380, short)];
        let copy = [at(
            5,
            105,
            "“We do this not out of spite, but in continuing with the many warnings about false prophets and teachers, he wrote. “We are warned that the time will come.",
        )];
        let links = link(&copy, &origin, Some(&anchoring()));
        assert_eq!(links.len(), 1);
        assert_eq!(links[0].origin_quote_id, 1);
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
