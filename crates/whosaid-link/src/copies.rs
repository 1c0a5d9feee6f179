//! Is one article a copy of another, of what kind, and which came first.
//!
//! Verification aligns body sentences: each sentence of one article is paired
//! with the sentence of the other sharing the most distinct words (Dice ≥
//! [`MIN_SENTENCE_SIMILARITY`]), and only pairs in the same order in both
//! articles are kept (a longest increasing chain), since a copy keeps its
//! origin's order while independent reports of one story share a quotation or
//! a fact here and there, in any order. A copy needs [`MIN_PAIRS`] aligned
//! sentences covering most of the shorter article. Precision first: a false
//! "copy" is worse than a missed one.

use crate::profile::Profile;
use std::collections::HashMap;

/// Word-set Dice at which two sentences count as one sentence rewritten (a
/// spun sentence keeps about two thirds of its words; two independent
/// sentences on one story share their function words and a name or two).
pub const MIN_SENTENCE_SIMILARITY: f32 = 0.5;
/// Distinct words a sentence needs to be aligned at all ("He said." aligns with anything).
pub const MIN_SENTENCE_WORDS: usize = 4;
/// Aligned sentences a copy needs, prose ones (see [`crate::profile::is_prose`]):
/// shared table lines alone (an earnings table, a price posting) are a
/// template filled twice, or too little to tell.
pub const MIN_PAIRS: usize = 3;
/// Share of the shorter article's body words in aligned sentences: two thirds.
/// A copy repeats most of its shorter text (on the copies dev set every true
/// copy but one covers 0.77 or more); a follow-up story sharing its background
/// paragraphs with the first ("The Tories are to back ID cards" and "Howard
/// denies his shadow cabinet was split over ID cards") shares about half.
pub const MIN_COVERAGE_SHORT: f32 = 0.65;
/// Share of the longer article's body words in aligned sentences.
pub const MIN_COVERAGE_LONG: f32 = 0.15;
/// Share of the names and numbers of one that the other has too.
pub const MIN_ANCHOR_CONTAINMENT: f32 = 0.6;
/// Mean share of the names and numbers of a reworded aligned sentence that
/// its counterpart keeps.
pub const MIN_SENTENCE_ANCHOR_AGREEMENT: f32 = 0.5;

/// The kind of copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// The same body under other site chrome.
    Reprint,
    /// A copy cut or tightened: paragraphs dropped, sentences shortened, a new lede.
    Edited,
    /// A machine rewrite: most sentences have words swapped.
    Spun,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Reprint => "reprint",
            Relation::Edited => "edited",
            Relation::Spun => "spun",
        }
    }
}

/// Two sentences aligned: indices into each profile's sentences.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pair {
    pub a: usize,
    pub b: usize,
    pub similarity: f32,
    /// The same words in the same order.
    pub identical: bool,
}

/// The ordered alignment of two articles' body sentences.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Alignment {
    pub pairs: Vec<Pair>,
    /// Share of `a`'s body words inside aligned sentences.
    pub coverage_a: f32,
    pub coverage_b: f32,
    /// Share of aligned pairs that are word for word identical.
    pub identical_share: f32,
    /// Mean similarity of the aligned pairs.
    pub mean_similarity: f32,
    /// Share of aligned pairs in which `a` has words `b`'s sentence lacks
    /// (reworded, not only cut).
    pub reworded_share: f32,
    /// Share of the words of `a`'s aligned sentences (distinct per sentence)
    /// that its origin sentence lacks.
    pub new_word_share: f32,
}

fn distinct(words: &[u32]) -> Vec<u32> {
    let mut d = words.to_vec();
    d.sort_unstable();
    d.dedup();
    d
}

/// Aligns the body sentences of `a` and `b` (see the module comment).
pub fn align(a: &Profile, b: &Profile) -> Alignment {
    let bd: Vec<Vec<u32>> = b.sentences.iter().map(|s| distinct(&s.words)).collect();
    let ad: Vec<Vec<u32>> = a.sentences.iter().map(|s| distinct(&s.words)).collect();
    let mut index: HashMap<u32, Vec<u32>> = HashMap::new();
    for (j, ws) in bd.iter().enumerate() {
        if ws.len() < MIN_SENTENCE_WORDS {
            continue;
        }
        for &w in ws {
            index.entry(w).or_default().push(j as u32);
        }
    }
    let mut shared = vec![0u32; b.sentences.len()];
    let mut touched: Vec<u32> = Vec::new();
    let mut best: Vec<Pair> = Vec::new();
    for (i, (s, ws)) in a.sentences.iter().zip(&ad).enumerate() {
        if ws.len() < MIN_SENTENCE_WORDS {
            continue;
        }
        for w in ws {
            if let Some(js) = index.get(w) {
                for &j in js {
                    if shared[j as usize] == 0 {
                        touched.push(j);
                    }
                    shared[j as usize] += 1;
                }
            }
        }
        let mut top: Option<(f32, usize)> = None;
        for &j in &touched {
            let j = j as usize;
            let dice = 2.0 * shared[j] as f32 / (ws.len() + bd[j].len()) as f32;
            if shared[j] >= 3 && top.is_none_or(|(d, _)| dice > d) {
                top = Some((dice, j));
            }
            shared[j] = 0;
        }
        touched.clear();
        if let Some((dice, j)) = top.filter(|&(d, _)| d >= MIN_SENTENCE_SIMILARITY) {
            best.push(Pair {
                a: i,
                b: j,
                similarity: dice,
                identical: s.words == b.sentences[j].words,
            });
        }
    }
    let pairs = increasing_chain(&best, a);
    let words_a: usize = a.body_words().max(1);
    let words_b: usize = b.body_words().max(1);
    let mut cov_a = 0usize;
    let mut cov_b = 0usize;
    let mut used_b = vec![false; b.sentences.len()];
    let (mut reworded, mut new_words, mut aligned_words) = (0usize, 0usize, 0usize);
    for p in &pairs {
        cov_a += a.sentences[p.a].words.len();
        if !std::mem::replace(&mut used_b[p.b], true) {
            cov_b += b.sentences[p.b].words.len();
        }
        aligned_words += ad[p.a].len();
        if !p.identical {
            let new = ad[p.a]
                .iter()
                .filter(|w| bd[p.b].binary_search(w).is_err())
                .count();
            new_words += new;
            reworded += usize::from(new > 0);
        }
    }
    let n = pairs.len().max(1) as f32;
    Alignment {
        reworded_share: reworded as f32 / n,
        new_word_share: new_words as f32 / aligned_words.max(1) as f32,
        coverage_a: cov_a as f32 / words_a as f32,
        coverage_b: cov_b as f32 / words_b as f32,
        identical_share: pairs.iter().filter(|p| p.identical).count() as f32 / n,
        mean_similarity: pairs.iter().map(|p| p.similarity).sum::<f32>() / n,
        pairs,
    }
}

/// The heaviest chain of pairs increasing in both articles (pairs come in `a`
/// order; weight = `a`'s sentence words), by dynamic programming (sentences
/// per article are few).
fn increasing_chain(pairs: &[Pair], a: &Profile) -> Vec<Pair> {
    let n = pairs.len();
    if n == 0 {
        return Vec::new();
    }
    let w = |p: &Pair| a.sentences[p.a].words.len() as u64;
    let mut score: Vec<u64> = pairs.iter().map(w).collect();
    let mut prev: Vec<Option<usize>> = vec![None; n];
    for i in 0..n {
        for k in 0..i {
            if pairs[k].b < pairs[i].b && score[k] + w(&pairs[i]) > score[i] {
                score[i] = score[k] + w(&pairs[i]);
                prev[i] = Some(k);
            }
        }
    }
    let mut at = (0..n).max_by_key(|&i| (score[i], std::cmp::Reverse(i)));
    let mut out = Vec::new();
    while let Some(i) = at {
        out.push(pairs[i]);
        at = prev[i];
    }
    out.reverse();
    out
}

/// A verified copy: `copy` repeats `origin`.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub relation: Relation,
    /// 0..1: how much of the copy's body repeats the origin, weighted by how
    /// closely (1 for a reprint of the whole body).
    pub similarity: f32,
    /// `a` = the copy, `b` = the origin.
    pub alignment: Alignment,
}

/// Are these two articles one text? `None` when they are not (independent
/// reports of one story included). The alignment is given for `a`, `b`.
pub fn is_copy(al: &Alignment, a: &Profile, b: &Profile) -> bool {
    let prose = al.pairs.iter().filter(|p| a.sentences[p.a].prose).count();
    if prose < MIN_PAIRS {
        return false;
    }
    let (short, long) = if a.body_words() <= b.body_words() {
        (al.coverage_a, al.coverage_b)
    } else {
        (al.coverage_b, al.coverage_a)
    };
    short >= MIN_COVERAGE_SHORT
        && long >= MIN_COVERAGE_LONG
        && !numbers_swapped(al, a, b)
        && anchor_containment(a, b) >= MIN_ANCHOR_CONTAINMENT
        && sentence_anchor_agreement(al, a, b).is_none_or(|x| x >= MIN_SENTENCE_ANCHOR_AGREEMENT)
}

/// Do most aligned sentences that hold numbers on both sides hold other numbers
/// (neither side's a part of the other's)? Two reports filled into
/// one template do: "the Bank of England gave the money market a further 663
/// mln stg assistance" and "... 191 mln stg ...", a bonus on 6,000 and one on
/// 2,000 tonnes of semolina. A copy keeps its origin's numbers (a spinner swaps
/// words, never figures; an editor cuts, so a trimmed sentence keeps some of
/// them), and an update of a story changes a figure or two, not most.
pub fn numbers_swapped(al: &Alignment, a: &Profile, b: &Profile) -> bool {
    let subset = |x: &[u32], y: &[u32]| x.iter().all(|v| y.binary_search(v).is_ok());
    let (mut with_numbers, mut swapped) = (0usize, 0usize);
    for p in &al.pairs {
        let (x, y) = (&a.sentences[p.a].numbers, &b.sentences[p.b].numbers);
        if x.is_empty() || y.is_empty() {
            continue;
        }
        with_numbers += 1;
        swapped += usize::from(!p.identical && !subset(x, y) && !subset(y, x));
    }
    swapped * 2 > with_numbers
}

/// How well reworded aligned sentences keep each other's names and numbers:
/// the mean, over aligned pairs that are not word for word identical and
/// both hold anchors, of the share of the fewer anchors found in the other.
/// A copy rewords the common words around its names and numbers (a spun
/// name keeps its consonant skeleton); two reports filled into one template
/// ("Burlington Industries is raising 75 mln dlrs through an offering of
/// convertible subordinated debentures" and "Fieldcrest Cannon ... 110 mln
/// dlrs ...") keep the words and change exactly the names and numbers.
/// `None` with fewer than two such pairs.
pub fn sentence_anchor_agreement(al: &Alignment, a: &Profile, b: &Profile) -> Option<f32> {
    let mut shares = Vec::new();
    for p in al.pairs.iter().filter(|p| !p.identical) {
        let (x, y) = (&a.sentences[p.a].anchors, &b.sentences[p.b].anchors);
        let small = x.len().min(y.len());
        if small == 0 {
            continue;
        }
        let shared = x.iter().filter(|v| y.binary_search(v).is_ok()).count();
        shares.push(shared as f32 / small as f32);
    }
    (shares.len() >= 2).then(|| shares.iter().sum::<f32>() / shares.len() as f32)
}

/// Share of the distinct names and numbers of the article with fewer that
/// the other also has. A copy keeps its origin's names and numbers (spun
/// ones included); two reports filled into one template ("Shr 30 cts vs 36
/// cts", a eurobond's terms, a market table) share their wording and differ
/// in exactly these.
pub fn anchor_containment(a: &Profile, b: &Profile) -> f32 {
    let (mut x, mut y) = (a.anchors.clone(), b.anchors.clone());
    x.sort_unstable();
    x.dedup();
    y.sort_unstable();
    y.dedup();
    let small = x.len().min(y.len());
    if small == 0 {
        return 0.0;
    }
    let shared = x.iter().filter(|v| y.binary_search(v).is_ok()).count();
    shared as f32 / small as f32
}

/// The share of aligned sentences holding words their origin sentence lacks
/// from which a copy is a rewrite (`spun`). An editor cuts sentences and
/// paragraphs and seldom adds words (on the copies dev set nine in ten edited
/// copies reword under 7% of their sentences); a spinner swaps words all
/// through the text. The share of sentences left word for word is no test:
/// an edit that trims many sentences leaves few of them identical too.
pub const MIN_REWORDED_SHARE: f32 = 0.2;

/// ... and the share of their words that are new: an editor adds a word or
/// two ("The U.S. Senate", "told reporters yesterday"), which in a short wire
/// story is a fifth of its sentences; a spinner swaps many (on the copies dev
/// set 95% of edited copies add under 1.1% new words, 90% of spun ones over 6%).
pub const MIN_NEW_WORD_SHARE: f32 = 0.02;

/// What kind of copy `copy` is of `origin`, given their alignment (`a` = copy).
pub fn classify(al: &Alignment, origin: &Profile) -> Relation {
    let dropped = unaligned_prose(origin, al.pairs.iter().map(|p| p.b)) as f32;
    if al.reworded_share >= MIN_REWORDED_SHARE && al.new_word_share >= MIN_NEW_WORD_SHARE {
        // sentences reworded, not only cut: a rewrite, not an edit
        Relation::Spun
    } else if al.pairs.iter().all(|p| p.identical) && dropped <= 0.05 * origin.body_words() as f32 {
        // every sentence of the origin's prose there, word for word (one sentence
        // shortened or reworded is an edit)
        Relation::Reprint
    } else {
        Relation::Edited
    }
}

/// Verifies `copy` against `origin`.
pub fn verify(copy: &Profile, origin: &Profile) -> Option<Verdict> {
    let al = align(copy, origin);
    if !is_copy(&al, copy, origin) {
        return None;
    }
    Some(judge(copy, origin, al))
}

/// The verdict on an alignment already known to join the two (directly, or
/// through another member of their set of copies).
pub fn judge(copy: &Profile, origin: &Profile, al: Alignment) -> Verdict {
    let words: f32 = copy.body_words().max(1) as f32;
    let weighted: f32 = al
        .pairs
        .iter()
        .map(|p| p.similarity * copy.sentences[p.a].words.len() as f32)
        .sum();
    Verdict {
        relation: classify(&al, origin),
        similarity: (weighted / words).clamp(0.0, 1.0),
        alignment: al,
    }
}

/// Why one member of a set of copies is taken for the origin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginBy {
    EarlierDate,
    CreditLine,
    MoreComplete,
    PublisherRecord,
    Dated,
    PublisherLean,
    Contains,
    FirstStored,
}

impl OriginBy {
    pub fn as_str(self) -> &'static str {
        match self {
            OriginBy::EarlierDate => "earlier publication date",
            OriginBy::CreditLine => "credit line names its publisher",
            OriginBy::MoreComplete => "more complete text",
            OriginBy::Dated => "dated (the other is not)",
            OriginBy::PublisherRecord => "its publisher is more often the origin than a copier",
            OriginBy::PublisherLean => {
                "its publisher's record leans more toward origins (nothing else told them apart)"
            }
            OriginBy::Contains => {
                "its text holds all of the other's and a little more (nothing else told them apart)"
            }
            OriginBy::FirstStored => "stored first",
        }
    }
}

/// The day part of an ISO date (`2016-05-17T10:00` → `2016-05-17`), if it looks like one.
pub(crate) fn day(d: &Option<String>) -> Option<&str> {
    let d = d.as_deref()?;
    let b = d.as_bytes();
    (b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-').then(|| &d[..10])
}

/// Words in `p`'s sentences of prose (eight words or more) that the
/// alignment left out: a cut copy lacks the origin's dropped paragraphs,
/// while page furniture ("Home • World • Sign in", "Tweet Share Email") is
/// too short to count.
fn unaligned_prose(p: &Profile, aligned: impl Iterator<Item = usize>) -> usize {
    let mut used = vec![false; p.sentences.len()];
    for i in aligned {
        if let Some(u) = used.get_mut(i) {
            *u = true;
        }
    }
    p.sentences
        .iter()
        .zip(used)
        .filter(|(s, u)| !u && s.words.len() >= 8)
        .map(|(s, _)| s.words.len())
        .sum()
}

/// Did `a` come before `b`? `al` aligns `a` with `b`. The origin is the
/// earliest published; without dates to tell (missing, or the same day): a
/// credit line naming the other's publisher, then the more complete text,
/// then `records` (what the publishers' records as origins and as copiers
/// say, when they differ clearly), then a date at all, then any lean of the
/// records (weak evidence, but better than the order of storing), then store
/// order (`a_stored_first`).
pub fn first(
    a: &Profile,
    b: &Profile,
    al: &Alignment,
    records: Option<(PublisherRecord, PublisherRecord)>,
    a_stored_first: bool,
) -> (bool, OriginBy) {
    let prior = records.and_then(|(x, y)| PublisherRecord::prior(x, y));
    if let (Some(da), Some(db)) = (day(&a.published), day(&b.published)) {
        if da != db {
            return (da < db, OriginBy::EarlierDate);
        }
    }
    match (a.credits(b), b.credits(a)) {
        (true, false) => return (false, OriginBy::CreditLine),
        (false, true) => return (true, OriginBy::CreditLine),
        _ => {}
    }
    let extra_a = unaligned_prose(a, al.pairs.iter().map(|p| p.a)) as f32;
    let extra_b = unaligned_prose(b, al.pairs.iter().map(|p| p.b)) as f32;
    let total = a.body_words().max(b.body_words()).max(1) as f32;
    if (extra_a - extra_b).abs() / total >= 0.1 {
        return (extra_a > extra_b, OriginBy::MoreComplete);
    }
    if let Some(a_first) = prior {
        return (a_first, OriginBy::PublisherRecord);
    }
    match (day(&a.published).is_some(), day(&b.published).is_some()) {
        (true, false) => return (true, OriginBy::Dated),
        (false, true) => return (false, OriginBy::Dated),
        _ => {}
    }
    if let Some(a_first) = records.and_then(|(x, y)| PublisherRecord::lean(x, y)) {
        return (a_first, OriginBy::PublisherLean);
    }
    // one holds all of the other's prose and some more: a cut, however small (in an
    // edit: where every aligned sentence is word for word the same, what one has
    // more is page furniture, a copyright line)
    if (extra_a == 0.0) != (extra_b == 0.0) && al.pairs.iter().any(|p| !p.identical) {
        return (extra_a > 0.0, OriginBy::Contains);
    }
    (a_stored_first, OriginBy::FirstStored)
}

/// How often a publisher's articles were found to be the origin, and a copy,
/// where dates decided (its record, kept by the store).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PublisherRecord {
    pub origins: i64,
    pub copies: i64,
}

impl PublisherRecord {
    /// The share of its dated copy relations in which it was the origin,
    /// smoothed toward one half.
    fn origin_share(self) -> f64 {
        (self.origins as f64 + 1.0) / ((self.origins + self.copies) as f64 + 2.0)
    }

    /// Does `a`'s record say it is the origin rather than `b` (`None` when
    /// the records do not tell them apart)?
    pub fn prior(a: PublisherRecord, b: PublisherRecord) -> Option<bool> {
        let (sa, sb) = (a.origin_share(), b.origin_share());
        let seen = a.origins + a.copies + b.origins + b.copies;
        (seen >= 3 && (sa - sb).abs() >= 0.25).then_some(sa > sb)
    }

    /// Which way the records lean at all (`None` when they are equal).
    pub fn lean(a: PublisherRecord, b: PublisherRecord) -> Option<bool> {
        let (sa, sb) = (a.origin_share(), b.origin_share());
        ((sa - sb).abs() > 1e-9).then_some(sa > sb)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(sentences: &[&str]) -> Profile {
        crate::profile::profile_of(sentences)
    }

    const ORIGIN: &[&str] = &[
        "The television industry is facing an uncertain, uncharted future.",
        "But next season it is placing a big bet on the past.",
        "MacGyver, the crafty secret agent, is returning to CBS three decades after his debut.",
        "Network nostalgia for a happier age is not the only factor at play.",
        "With about 400 scripted shows airing last year, name recognition offers an edge.",
        "Streaming services have revealed new interest in older titles.",
    ];

    #[test]
    fn a_reprint_is_every_sentence_word_for_word() {
        let o = profile(ORIGIN);
        let mut with_chrome: Vec<&str> = vec!["Home | World | Sign in"];
        with_chrome.extend_from_slice(ORIGIN);
        let v = verify(&profile(&with_chrome), &o).unwrap();
        assert_eq!(v.relation, Relation::Reprint);
        assert_eq!(v.alignment.pairs.len(), ORIGIN.len());
    }

    #[test]
    fn one_sentence_tightened_is_an_edit() {
        // a long story: one sentence in thirty is few, but it is not the same body
        let long: Vec<String> = (0..30)
            .map(|i| {
                format!(
                    "Councillor number {i} told the meeting in Kingsbridge that the bridge \
                     repairs would cost {} thousand pounds this year.",
                    i * 7 + 3
                )
            })
            .collect();
        let o: Vec<&str> = long.iter().map(String::as_str).collect();
        let mut c = o.clone();
        let tightened = "Councillor number 4 told the meeting that the bridge repairs would \
                         cost 31 thousand pounds.";
        c[4] = tightened;
        let v = verify(&profile(&c), &profile(&o)).unwrap();
        assert_eq!(v.relation, Relation::Edited);
        assert_eq!(
            verify(&profile(&o), &profile(&o)).unwrap().relation,
            Relation::Reprint
        );
        // the same day and the last sentence cut too: the one holding all of the
        // other's prose came first, though it was stored second
        let cut = profile(&c[..29]);
        let full = profile(&o);
        let v = verify(&cut, &full).unwrap();
        assert_eq!(
            first(&cut, &full, &v.alignment, None, true),
            (false, OriginBy::Contains)
        );
    }

    #[test]
    fn trimming_is_an_edit_and_rewording_a_rewrite() {
        let long: Vec<String> = (0..12)
            .map(|i| {
                format!(
                    "Councillor number {i} told the meeting in Kingsbridge on Monday that the \
                     bridge repairs would cost {} thousand pounds this year.",
                    i * 7 + 3
                )
            })
            .collect();
        let o: Vec<&str> = long.iter().map(String::as_str).collect();
        // most sentences cut short, no word added: few left identical, still an edit
        let trimmed: Vec<String> = (0..12)
            .map(|i| {
                if i % 3 == 0 {
                    long[i].clone()
                } else {
                    format!(
                        "Councillor number {i} told the meeting that the bridge repairs would cost {} thousand pounds.",
                        i * 7 + 3
                    )
                }
            })
            .collect();
        let t: Vec<&str> = trimmed.iter().map(String::as_str).collect();
        let v = verify(&profile(&t), &profile(&o)).unwrap();
        assert!(v.alignment.identical_share < 0.5);
        assert_eq!(v.relation, Relation::Edited);
        // a third of the sentences with words swapped: a rewrite, though most are identical
        let swapped: Vec<String> = (0..12)
            .map(|i| {
                if i % 3 == 0 {
                    long[i].replace("told the meeting", "informed the gathering")
                } else {
                    long[i].clone()
                }
            })
            .collect();
        let w: Vec<&str> = swapped.iter().map(String::as_str).collect();
        let v = verify(&profile(&w), &profile(&o)).unwrap();
        assert!(v.alignment.identical_share > 0.5);
        assert_eq!(v.relation, Relation::Spun);
        // a short wire story with a word added in one sentence of five: an edit
        let short = &o[..5];
        let mut added: Vec<String> = short.iter().map(|x| x.to_string()).collect();
        added[1] = added[1].replace("on Monday", "on Monday evening");
        let a: Vec<&str> = added.iter().map(String::as_str).collect();
        let v = verify(&profile(&a), &profile(short)).unwrap();
        assert!(v.alignment.reworded_share >= MIN_REWORDED_SHARE);
        assert_eq!(v.relation, Relation::Edited);
    }

    #[test]
    fn two_reports_on_one_template_with_other_figures_are_no_copies() {
        let day = |n: &str, total: &str| {
            vec![
                format!("The Bank of England said it gave the money market a further {n} mln stg assistance in the afternoon session."),
                format!("This takes the Bank's total help so far today to {total} mln stg and compares with its revised estimate of a 400 mln stg shortage."),
                "The central bank bought bills in band one at eight pct and in band two at seven pct.".to_string(),
                "Dealers said conditions in the market were quiet ahead of the weekend holiday.".to_string(),
            ]
        };
        let (x, y) = (day("663", "1,023"), day("191", "541"));
        let px = profile(&x.iter().map(String::as_str).collect::<Vec<_>>());
        let py = profile(&y.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(verify(&px, &py).is_none());
        // an update changing one figure of several is still the story
        let mut z = x.clone();
        z[0] = z[0].replace("663", "665");
        z[2] = "The central bank bought bills in band one at eight pct and in band two at seven pct on Friday.".to_string();
        z[3] =
            "Dealers said conditions in the market were quiet ahead of the long weekend holiday."
                .to_string();
        let pz = profile(&z.iter().map(String::as_str).collect::<Vec<_>>());
        assert!(verify(&pz, &px).is_some());
    }

    #[test]
    fn a_cut_copy_is_edited_and_the_longer_text_came_first() {
        let o = profile(ORIGIN);
        let c = profile(&ORIGIN[..4]);
        let v = verify(&c, &o).unwrap();
        assert_eq!(v.relation, Relation::Edited);
        let (c_first, by) = first(&c, &o, &v.alignment, None, true);
        assert!(!c_first);
        assert_eq!(by, OriginBy::MoreComplete);
    }

    #[test]
    fn a_rewrite_with_synonyms_is_spun() {
        let spun = profile(&[
            "The telecasting manufacture is facing an unsure, uncharted future.",
            "But next time of year it is positioning a big bet on the past.",
            "MacGyver, the crafty hole-and-corner agent, is rendering to CBS three tens after his debut.",
            "Network nostalgia for a happier age is not the only component at play.",
            "With about 400 scripted shows aerating last year, name identification offers an edge.",
            "Streaming services have revealed new interest in older rubrics.",
        ]);
        let v = verify(&spun, &profile(ORIGIN)).unwrap();
        assert_eq!(v.relation, Relation::Spun);
        assert!(
            v.similarity > 0.5 && v.similarity < 0.95,
            "{}",
            v.similarity
        );
    }

    #[test]
    fn independent_reports_sharing_a_quotation_are_not_copies() {
        let other = profile(&[
            "Executives unveiled their autumn schedules in New York on Monday.",
            "MacGyver, the crafty secret agent, is returning to CBS three decades after his debut.",
            "Analysts said the strategy was risky given falling ratings.",
            "Fox declined to comment on the cancellations.",
            "Shares of the networks rose slightly in afternoon trading.",
            "The schedules will be finalised next month.",
        ]);
        assert!(verify(&other, &profile(ORIGIN)).is_none());
        assert!(verify(&profile(ORIGIN), &other).is_none());
    }

    #[test]
    fn reports_filled_into_one_template_are_not_copies() {
        let a = profile(&[
            "Land Securities is issuing a 100 mln stg eurobond due April 2007 with a 9 pct coupon, lead manager Schroder said.",
            "The non-callable bonds will be listed in London and issued in denominations of 1,000 stg.",
            "Fees are 1-1/2 pct and the pay date is April 29, the lead manager Schroder said.",
        ]);
        let b = profile(&[
            "Austria is issuing a 50 mln Australian dlr eurobond due April 1992 with a 14 pct coupon, lead manager Suisse said.",
            "The non-callable bonds will be listed in Luxembourg and issued in denominations of 5,000 dlrs.",
            "Fees are 2 pct and the pay date is May 22, the lead manager Suisse said.",
        ]);
        assert!(align(&a, &b).pairs.len() >= 2);
        assert!(verify(&a, &b).is_none());
    }

    #[test]
    fn offerings_filled_into_one_template_are_not_copies() {
        let a = profile(&[
            "Burlington Industries Inc is raising 75 mln dlrs through an offering of convertible subordinated debentures due 2012.",
            "The debentures have a 6-3/4 pct coupon and are convertible into the company's stock at 49 dlrs a share.",
            "Lead manager Goldman Sachs said the issue is rated BBB by Standard and Poor's.",
            "Proceeds will be used to repay bank debt, the company said.",
        ]);
        let b = profile(&[
            "Fieldcrest Cannon Inc is raising 110 mln dlrs through an offering of convertible subordinated debentures due 2011.",
            "The debentures have a 6 pct coupon and are convertible into the company's stock at 38 dlrs a share.",
            "Lead manager Drexel Burnham said the issue is rated BB by Moody's.",
            "Proceeds will be used to repay bank debt, the company said.",
        ]);
        assert!(align(&a, &b).pairs.len() >= 3);
        assert!(verify(&a, &b).is_none());
    }

    #[test]
    fn shared_table_lines_alone_do_not_make_a_copy() {
        let table: &[&str] = &[
            "1000 hrs cdt MONTHS LAST DIFFERENCE",
            "May/Jul 1 under 1 under",
            "Jul/Aug even even",
            "Sep/Nov 1-1/2 under 2-1/2 under",
            "May/Nov 2-1/2 over 2-1/4 over",
            "Jul/Nov 3-1/2 over 3-1/2 over",
            "Soybean spreads were quoted by the exchange.",
        ];
        assert!(verify(&profile(table), &profile(table)).is_none());
    }

    #[test]
    fn sentences_out_of_order_do_not_make_a_copy() {
        let mut shuffled: Vec<&str> = ORIGIN.to_vec();
        shuffled.reverse();
        let al = align(&profile(&shuffled), &profile(ORIGIN));
        assert_eq!(al.pairs.len(), 1);
    }

    #[test]
    fn dates_then_credit_lines_decide_the_origin() {
        let mut a = profile(ORIGIN);
        let mut b = profile(ORIGIN);
        let al = align(&a, &b);
        a.published = Some("2016-05-17".into());
        b.published = Some("2016-05-29".into());
        assert_eq!(
            first(&a, &b, &al, None, false),
            (true, OriginBy::EarlierDate)
        );
        b.published = None;
        a.publisher = Some("nytimes.com".into());
        b.credited = vec!["nytimes".into()];
        assert_eq!(
            first(&b, &a, &al, None, true),
            (false, OriginBy::CreditLine)
        );
        b.credited.clear();
        assert_eq!(first(&b, &a, &al, None, true), (false, OriginBy::Dated));
        assert_eq!(
            first(
                &b,
                &a,
                &al,
                Some((
                    PublisherRecord {
                        origins: 5,
                        copies: 0
                    },
                    PublisherRecord::default()
                )),
                false
            ),
            (true, OriginBy::PublisherRecord)
        );
        let wire = PublisherRecord {
            origins: 5,
            copies: 0,
        };
        let farm = PublisherRecord {
            origins: 0,
            copies: 4,
        };
        assert_eq!(PublisherRecord::prior(wire, farm), Some(true));
        assert_eq!(PublisherRecord::prior(farm, wire), Some(false));
        assert_eq!(
            PublisherRecord::prior(PublisherRecord::default(), farm),
            Some(true)
        );
        assert_eq!(
            PublisherRecord::prior(PublisherRecord::default(), PublisherRecord::default()),
            None
        );
    }
}
