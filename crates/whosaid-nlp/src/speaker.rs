//! Speakers next to a cue: the noun phrase before it ("the NATO leader said"),
//! after it ("said Blingen"), and what that phrase refers to.

use crate::context::Ctx;
use crate::entities::Resolved;
use crate::lexicon::{CueVerb, GroupClass, TitleClass};
use crate::token::{is_capitalized, TokKind};
use whosaid_core::{EntityType, Gender, MentionKind, Span};

/// Words that may sit between a speaker and its verb: "Blinken also said",
/// "he has repeatedly said".
pub const ADVERBS: &[&str] = &[
    "also",
    "later",
    "then",
    "has",
    "had",
    "have",
    "previously",
    "recently",
    "again",
    "repeatedly",
    "long",
    "once",
    "reportedly",
    "publicly",
    "privately",
    "often",
    "frequently",
    "would",
    "will",
    "had",
    "earlier",
    "further",
    "still",
    "even",
    "now",
    "quickly",
    "simply",
    "flatly",
    "angrily",
    "bluntly",
    "openly",
    "firmly",
    "did",
    "does",
    "do",
    "is",
    "was",
    "has",
    "ultimately",
    "finally",
    "just",
    "initially",
    "separately",
    "subsequently",
    "not",
    "never",
    "n't",
    "could",
    "can",
    "should",
    "may",
    "might",
    "must",
    "are",
    "were",
];

const PRONOUNS: &[&str] = &["he", "she", "they", "we", "i", "it", "you", "who"];

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "some", "many", "several", "two", "three", "four", "few", "other", "another",
    "one", "most", "both", "all", "these", "those", "his", "her", "their", "its", "our", "my",
    "your",
];

#[derive(Debug, Clone, PartialEq)]
pub enum CandKind {
    /// A name or role mention (index into `Resolved::mentions`).
    Mention(usize),
    Pronoun(Gender),
    Group(GroupClass),
}

/// A speaker phrase found next to a cue.
#[derive(Debug, Clone, PartialEq)]
pub struct Cand {
    pub span: Span,
    pub toks: (usize, usize),
    pub kind: CandKind,
}

/// A cue verb (possibly several words) starting at token `k`: returns its end token.
pub fn cue_at<'a>(cx: &Ctx<'a>, k: usize, limit: usize) -> Option<(usize, &'a CueVerb)> {
    if k >= limit || !cx.toks[k].is_word() {
        return None;
    }
    let cands = cx.cues(k)?;
    'outer: for c in cands {
        let mut e = k + 1;
        for w in &c.rest {
            if e >= limit || !cx.t(e).eq_ignore_ascii_case(w) {
                continue 'outer;
            }
            e += 1;
        }
        // an adjective of hope or belief is a cue only before its that-clause
        // ("was hopeful that", not "a presidential hopeful")
        if COPULA_CUES.contains(&c.lemma.as_str()) && !(e < limit && cx.is(e, "that")) {
            continue;
        }
        return Some((e, c));
    }
    None
}

pub fn is_determiner(w: &str) -> bool {
    DETERMINERS.contains(&w)
}

/// "his", "her", "their", "its", "our", "my", "your" (lower-cased).
pub fn is_possessive_determiner(w: &str) -> bool {
    matches!(w, "his" | "her" | "their" | "its" | "our" | "my" | "your")
}

/// Adjectives that hold a source's hope, belief or fear after a copula, before
/// "that" ("was hopeful that", "is convinced that", "are worried that").
pub const COPULA_CUES: &[&str] = &[
    "hopeful",
    "confident",
    "optimistic",
    "adamant",
    "convinced",
    "concerned",
    "worried",
    "skeptical",
    "sceptical",
    "doubtful",
];

/// The copula before a [`COPULA_CUES`] adjective, past adverbs ("was not entirely
/// convinced that"): where its subject ends.
pub fn copula_before(cx: &Ctx, v: usize, floor: usize) -> Option<usize> {
    let copula = |k: usize| {
        matches!(
            cx.lt(k).as_ref(),
            "is" | "are"
                | "was"
                | "were"
                | "be"
                | "been"
                | "am"
                | "'m"
                | "'re"
                | "remain"
                | "remains"
                | "remained"
                | "seemed"
                | "seems"
                | "became"
                | "felt"
                | "feel"
        )
    };
    (floor..v)
        .rev()
        .take(4)
        .take_while(|&k| copula(k) || is_adverb(cx.t(k)) || cx.is(k, "so") || cx.is(k, "very"))
        .find(|&k| copula(k))
}

pub fn is_adverb(w: &str) -> bool {
    // a hashed set rather than a walk through the list: asked for most tokens
    // before a cue
    static SET: std::sync::OnceLock<rustc_hash::FxHashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| ADVERBS.iter().copied().collect())
        .contains(w)
        || (w.ends_with("ly") && w.len() > 4 && w.chars().all(|c| c.is_lowercase()))
}

pub(crate) fn pronoun_gender(w: &str) -> Option<Gender> {
    crate::lexicon::with_lower(w, |l| match l {
        "he" => Some(Gender::Male),
        "she" => Some(Gender::Female),
        x if PRONOUNS.contains(&x) => Some(Gender::Unknown),
        _ => None,
    })
}

/// Where mentions start and end, by token: for each token boundary, the mention
/// ending there and the mention (with its title) starting there. Kept as `u32`
/// with a sentinel rather than `Option<usize>`: a quarter of the memory to clear
/// for every document.
pub struct MentionIndex {
    end: Vec<u32>,
    start: Vec<u32>,
}

impl MentionIndex {
    const NONE: u32 = u32::MAX;

    pub fn new(cx: &Ctx, r: &Resolved) -> Self {
        let n = cx.toks.len();
        let mut end = vec![Self::NONE; n + 1];
        let mut start = vec![Self::NONE; n + 1];
        for (i, m) in r.mentions.iter().enumerate() {
            // documents are far too small for 2^32 mentions
            let Ok(id) = u32::try_from(i) else {
                break;
            };
            // a title in front belongs to the phrase: "Rep. Gwen Moore"
            let s = m.title.map_or(m.toks.0, |t| cx.tok_at(t.start));
            end[m.toks.1] = id;
            start[s] = id;
            if start[m.toks.0] == Self::NONE {
                start[m.toks.0] = id;
            }
        }
        MentionIndex { end, start }
    }

    fn get(v: &[u32], k: usize) -> Option<usize> {
        let m = v[k];
        (m != Self::NONE).then_some(m as usize)
    }

    /// The mention ending just before token boundary `k`.
    #[inline]
    pub fn by_end(&self, k: usize) -> Option<usize> {
        Self::get(&self.end, k)
    }

    /// The mention (or its title) starting at token `k`.
    #[inline]
    pub fn by_start(&self, k: usize) -> Option<usize> {
        Self::get(&self.start, k)
    }
}

/// Words opening a clause or phrase before a sentence's subject, capitalised at
/// its start but no part of a name: "Though party sources said", "After campaign
/// aides said".
const OPENERS: &[&str] = &[
    "after", "although", "though", "while", "whereas", "despite", "then", "when", "if", "because",
    "since", "as", "in", "on", "at", "for", "with", "right",
];

/// The speaker phrase ending right before token `end` (not before `floor`).
pub fn np_backward(
    cx: &Ctx,
    r: &Resolved,
    mi: &MentionIndex,
    end: usize,
    floor: usize,
) -> Option<Cand> {
    if end == 0 || end <= floor {
        return None;
    }
    let last = end - 1;
    let w = cx.t(last);
    // a group of some body speaks, not the body: "Officials of Harcourt said",
    // "officials of the ministry said"
    let of = (floor + 1..end.saturating_sub(1))
        .rev()
        .take(5)
        .take_while(|&k| {
            cx.toks[k].is_word() || matches!(cx.toks[k].kind, TokKind::Possessive | TokKind::Number)
        })
        .find(|&k| cx.is(k, "of"));
    // (not inside a name: "the Communications Workers of America")
    let in_name = |k: usize| mi.by_end(end).is_some_and(|m| r.mentions[m].toks.0 < k);
    let ends_np = cx.toks[last].is_word() && !cx.lx.is_function_word(w);
    if let Some(k) = of.filter(|&k| ends_np && !in_name(k)) {
        if cx.lx.plural_group(&cx.lt(k - 1)) {
            // (with its modifiers, no verb: "a dozen members of Congress", not
            // "avoided alienating supporters of ...")
            let a = np_backward(cx, r, mi, k, floor)
                .filter(|c| matches!(c.kind, CandKind::Group(_)))
                .filter(|c| {
                    (c.toks.0..k - 1).all(|j| {
                        let x = cx.lt(j);
                        !(x.ends_with("ing") || x.ends_with("ed")) || cx.capitalized(j)
                    })
                })
                .map_or(k - 1, |c| c.toks.0);
            return Some(Cand {
                span: cx.span(a, end),
                toks: (a, end),
                kind: CandKind::Group(GroupClass::Group),
            });
        }
    }
    // a place after "of" describes the phrase before it: "the Ming Pao newspaper of
    // Hong Kong said", "the mayor of London said"
    if let Some(m) = mi.by_end(end) {
        let m0 = r.mentions[m].toks.0;
        if r.mentions[m].etype == EntityType::Place && m0 >= floor + 2 && cx.is(m0 - 1, "of") {
            if let Some(c) = np_backward(cx, r, mi, m0 - 1, floor) {
                return Some(c);
            }
            // (a phrase no lexicon knows, from its determiner: "the Ming Pao newspaper")
            let det = (floor.max(m0.saturating_sub(7))..m0 - 1)
                .rev()
                .find(|&j| matches!(cx.lt(j).as_ref(), "the" | "a" | "an"));
            if let Some(j) = det {
                if (j + 1..m0 - 1).all(|k| cx.toks[k].is_word()) && j + 1 < m0 - 1 {
                    return Some(Cand {
                        span: cx.span(j, end),
                        toks: (j, end),
                        kind: CandKind::Group(GroupClass::Group),
                    });
                }
            }
        }
    }
    // where a group is describes it: "bankers and lawyers in the Kingdom said",
    // "traders in London said" (the traders, not London)
    if let Some(m) = mi.by_end(end) {
        let m0 = r.mentions[m].toks.0;
        // (or where it comes from: "Lawmakers from Ontario asked")
        let at = if m0 >= floor + 2 && (cx.is(m0 - 1, "in") || cx.is(m0 - 1, "from")) {
            Some(m0 - 1)
        } else if m0 >= floor + 3 && cx.is(m0 - 1, "the") && cx.is(m0 - 2, "in") {
            Some(m0 - 2)
        } else {
            None
        };
        if let Some(c) = at
            .and_then(|i| np_backward(cx, r, mi, i, floor))
            .filter(|c| matches!(c.kind, CandKind::Group(_)))
        {
            return Some(Cand {
                span: cx.span(c.toks.0, end),
                toks: (c.toks.0, end),
                kind: c.kind,
            });
        }
    }
    // an emphatic reflexive adds nobody: "Mr Blunkett himself described"
    if last > floor && matches!(w, "himself" | "herself" | "itself" | "themselves") {
        return np_backward(cx, r, mi, last, floor);
    }
    // who a source spoke to is not the source: "A Fiat spokesman contacted by
    // Reuters said", "an official quoted by the agency said"
    if let Some(m) = mi.by_end(end) {
        let m0 = r.mentions[m].toks.0;
        if m0 >= floor + 3
            && cx.is(m0 - 1, "by")
            && matches!(
                cx.lt(m0 - 2).as_ref(),
                "contacted"
                    | "quoted"
                    | "cited"
                    | "interviewed"
                    | "reached"
                    | "approached"
                    | "polled"
                    | "surveyed"
                    | "questioned"
            )
        {
            return np_backward(cx, r, mi, m0 - 2, floor);
        }
    }
    // "Sources close to Khoo said", "people familiar with Mr Trump's thinking":
    // the unnamed sources, not whom they are close to
    if let Some(m) = mi.by_end(end) {
        let m0 = r.mentions[m].toks.0;
        if m0 >= floor + 3
            && (cx.is(m0 - 2, "close") && cx.is(m0 - 1, "to")
                || cx.is(m0 - 2, "familiar") && cx.is(m0 - 1, "with"))
        {
            let head = cx.lt(m0 - 3);
            if let Some(g) = cx.lx.group(&head) {
                let a = np_backward(cx, r, mi, m0 - 2, floor).map_or(m0 - 3, |c| c.toks.0);
                return Some(Cand {
                    span: cx.span(a, end),
                    toks: (a, end),
                    kind: CandKind::Group(g),
                });
            }
        }
    }
    if let Some(m) = mi.by_end(end) {
        // "David Noone from Intervoice said": the person, not where they work
        let mm = &r.mentions[m];
        // "Ming Pao newspaper of Hong Kong said": the paper, not where it is
        if mm.etype == EntityType::Place
            && mm.toks.0 >= floor + 2
            && matches!(cx.lt(mm.toks.0 - 1).as_ref(), "of" | "in")
        {
            if let Some(c) = np_backward(cx, r, mi, mm.toks.0 - 1, floor) {
                if !matches!(c.kind, CandKind::Pronoun(_)) {
                    return Some(c);
                }
            }
        }
        let lone_word = mm.weak && mm.title.is_none() && mm.toks.1 - mm.toks.0 == 1;
        if (mm.etype != EntityType::Person || lone_word) && mm.toks.0 >= floor + 2 {
            let prep = mm.toks.0 - 1;
            if matches!(cx.lt(prep).as_ref(), "from" | "of" | "at") {
                if let Some(p) = mi.by_end(prep) {
                    let pm = &r.mentions[p];
                    if pm.etype == EntityType::Person
                        && pm.kind == MentionKind::Name
                        && pm.toks.0 >= floor
                    {
                        return Some(Cand {
                            span: pm.span.cover(mm.span),
                            toks: (pm.toks.0, mm.toks.1),
                            kind: CandKind::Mention(p),
                        });
                    }
                }
            }
        }
        if r.mentions[m].etype != EntityType::Place || r.mention_entity[m].is_some() {
            return Some(Cand {
                span: r.mentions[m].span,
                toks: r.mentions[m].toks,
                kind: CandKind::Mention(m),
            });
        }
    }
    // a restrictive relative speaks for the plural noun before it: "broad support
    // from charities who say"
    if w == "who" && last > floor && cx.t(last - 1) != "," {
        let h = cx.lt(last - 1);
        let plural = h.len() > 4
            && h.ends_with('s')
            && !h.ends_with("ss")
            && cx.toks[last - 1].is_word()
            && !is_capitalized(cx.t(last - 1))
            && !cx.lx.is_function_word(&h)
            && cx.cues(last - 1).is_none();
        if plural {
            let g = cx.lx.group(&h).unwrap_or(GroupClass::Group);
            // (the mention holds the pronoun: it is who speaks, the noun who it is)
            return Some(Cand {
                span: cx.span(last - 1, end),
                toks: (last - 1, end),
                kind: CandKind::Group(g),
            });
        }
    }
    // a relative pronoun speaks for the phrase it follows: "Trump, who said ..."
    if w == "who" && last >= floor + 2 && cx.t(last - 1) == "," {
        if let Some(m) = mi.by_end(last - 1) {
            // the mention is the pronoun; who it is comes from the antecedent
            return Some(Cand {
                span: cx.toks[last].span,
                toks: (last, end),
                kind: CandKind::Mention(m),
            });
        }
    }
    if let Some(g) = pronoun_gender(w) {
        return Some(Cand {
            span: cx.toks[last].span,
            toks: (last, end),
            kind: CandKind::Pronoun(g),
        });
    }
    // a role or group noun, with its modifiers: "a senior US embassy official"
    let lw: std::borrow::Cow<str> = if w.is_ascii() && !w.bytes().any(|b| b.is_ascii_uppercase()) {
        std::borrow::Cow::Borrowed(w)
    } else {
        std::borrow::Cow::Owned(w.to_lowercase())
    };
    // (a document or survey speaks as a group does: "after the report suggested")
    let group = cx
        .lx
        .group(&lw)
        .or_else(|| cx.lx.source_noun(&lw).then_some(GroupClass::Group));
    let role = cx
        .lx
        .title(&lw)
        .is_some_and(|(c, _)| c != TitleClass::Honorific);
    if !(group.is_some() || role) || !cx.toks[last].is_word() {
        // "Clinton’s team says", "the company's filing shows": a name's possessive and a noun
        if last >= floor + 2
            && cx.toks[last].kind == TokKind::Word
            && !is_capitalized(w)
            && !cx.lx.is_function_word(w)
            && cx.toks[last - 1].kind == TokKind::Possessive
        {
            if let Some(m) = mi.by_end(last - 1) {
                let a = r.mentions[m].toks.0;
                return Some(Cand {
                    span: cx.span(a, end),
                    toks: (a, end),
                    kind: CandKind::Group(GroupClass::Group),
                });
            }
        }
        return None;
    }
    let mut a = last;
    while a > floor && last - a < 7 {
        let p = a - 1;
        let t = cx.toks[p];
        let pw = t.text(cx.text);
        let ok = match t.kind {
            TokKind::Word => {
                let lp = cx.lt(p);
                // "But officials said": a conjunction opens the sentence, not the name
                if matches!(lp.as_ref(), "but" | "and" | "or" | "so" | "yet") {
                    break;
                }
                DETERMINERS.contains(&lp.as_ref())
                    || is_capitalized(pw) && !OPENERS.contains(&lp.as_ref())
                    || (!cx.lx.is_function_word(pw) && cx.cues(p).is_none() && !is_adverb(&lp))
            }
            TokKind::Possessive => true,
            TokKind::Punct => pw == "-",
            _ => false,
        };
        if !ok {
            break;
        }
        a = p;
        if DETERMINERS.contains(&pw.to_lowercase().as_str()) {
            break;
        }
    }
    // two groups joined speak together: "bankers and lawyers said"
    if group.is_some() && a >= floor + 2 && matches!(cx.lt(a - 1).as_ref(), "and" | "or") {
        if let Some(c) = np_backward(cx, r, mi, a - 1, floor)
            .filter(|c| matches!(c.kind, CandKind::Group(_)) && c.toks.1 == a - 1)
        {
            return Some(Cand {
                span: cx.span(c.toks.0, end),
                toks: (c.toks.0, end),
                kind: CandKind::Group(group.unwrap_or(GroupClass::Group)),
            });
        }
    }
    // a role noun must be made definite or named to be a speaker: "the spokesperson", "State Department spokesperson"
    let kind = match group {
        Some(g) => CandKind::Group(g),
        None => {
            let det = cx.t(a).to_lowercase();
            if det == "a" || det == "an" || (a == last && !is_capitalized(cx.t(a))) {
                CandKind::Group(GroupClass::Anonymous)
            } else {
                // "the NATO leader": is there a role mention here?
                match mi.by_end(end) {
                    Some(m) if r.mentions[m].kind == MentionKind::Role => CandKind::Mention(m),
                    _ => CandKind::Group(GroupClass::Anonymous),
                }
            }
        }
    };
    Some(Cand {
        span: cx.span(a, end),
        toks: (a, end),
        kind,
    })
}

/// The speaker phrase starting at token `start` (inverted: "said Blingen").
/// The person named right after a title and its lower-case modifiers starting at
/// token `from` ("political editor Nick Robinson", "European boss Peter Moore"):
/// up to three lower-case words, the last a title, or a title and its complement
/// ("minister for women"), then a person's name.
fn titled_name(
    cx: &Ctx,
    r: &Resolved,
    mi: &MentionIndex,
    from: usize,
    limit: usize,
) -> Option<usize> {
    let is_title = |k: usize| {
        cx.lx
            .title(&cx.lt(k))
            .is_some_and(|(c, _)| c != TitleClass::Honorific)
    };
    // past the title's complement: "Labour's deputy minister for women Jacqui Smith",
    // "the minister for Europe Denis MacShane"
    let mut titled = false;
    let mut complement = false;
    let mut j = from;
    while j < limit.min(from + 8) {
        if j > from {
            if let Some(m) = mi.by_start(j) {
                let mm = &r.mentions[m];
                if mm.etype == EntityType::Person && mm.kind == MentionKind::Name {
                    return (is_title(j - 1) || complement).then_some(m);
                }
                if complement && mm.toks.1 < limit {
                    j = mm.toks.1;
                    continue;
                }
                return None;
            }
            if !complement && j > from + 2 {
                return None;
            }
        }
        let lw = cx.lt(j);
        let plain = !cx.capitalized(j) && !cx.lx.is_function_word(&lw);
        let opens = titled && !complement && j > from && matches!(lw.as_ref(), "for" | "of");
        if !cx.toks[j].is_word() || !(plain || opens || complement && lw == "the") {
            return None;
        }
        titled |= is_title(j);
        complement |= opens;
        j += 1;
    }
    None
}

pub fn np_forward(
    cx: &Ctx,
    r: &Resolved,
    mi: &MentionIndex,
    start: usize,
    limit: usize,
) -> Option<Cand> {
    if start >= limit {
        return None;
    }
    let w = cx.t(start);
    // a capitalised group noun at the start of a sentence is not a name ("Protesters
    // marching through the streets chanted")
    // (nor is a lone capitalised word nobody else names before a lower-case noun:
    // "Small groups of protesters")
    let generic = |m: usize| {
        let mm = &r.mentions[m];
        let next = start + 1;
        mm.weak
            && r.mention_entity[m].is_none()
            && mm.toks.1 == next
            && (cx.lx.group(&w.to_lowercase()).is_some()
                || next < limit
                    && cx.toks[next].kind == TokKind::Word
                    && cx.t(next).starts_with(|c: char| c.is_lowercase())
                    && cx.cues(next).is_none())
    };
    // "AK chief Isaiah Kiplagat", "Microsoft chairman Bill Gates": the person an
    // organisation's title leads to (past a conjunction: "But Attorney General ...")
    let s0 = if cx.lx.is_function_word(&cx.lt(start)) {
        start + 1
    } else {
        start
    };
    let org_end = match mi.by_start(s0) {
        Some(m) if r.mentions[m].etype == EntityType::Organization => Some(r.mentions[m].toks.1),
        // a person named there is the speaker already
        Some(m) if r.mentions[m].etype == EntityType::Person && !r.mentions[m].weak => None,
        _ if s0 >= limit => None,
        _ => (s0 + 1..limit.min(s0 + 3))
            .take_while(|&k| {
                cx.toks[k - 1].is_word() && cx.t(k - 1).starts_with(|c: char| c.is_uppercase())
            })
            .last(),
    };
    if let Some(after) = org_end {
        // past a division's place or unit: "GM Europe president", "Sony Music UK chief"
        let after = (after..limit.min(after + 2))
            .find(|&k| {
                !(cx.toks[k].is_word()
                    && cx.capitalized(k)
                    && cx.lx.title(&cx.lt(k)).is_none()
                    && mi
                        .by_start(k)
                        .is_none_or(|m| r.mentions[m].etype != EntityType::Person))
            })
            .unwrap_or(after);
        let titled = (after..limit.min(after + 3))
            .take_while(|&k| cx.toks[k].is_word() && cx.lx.title(&cx.lt(k)).is_some())
            .last();
        // (past lower-case modifiers of the title: "BBC political editor Nick Robinson")
        // ("SEC deputy enforcement director Linda Thomsen": a title word, then
        // more words of the title)
        let holder = titled
            .and_then(|t| mi.by_start(t + 1))
            .or_else(|| titled_name(cx, r, mi, after, limit));
        if let Some(p) = holder {
            let pm = &r.mentions[p];
            if pm.etype == EntityType::Person && pm.kind == MentionKind::Name {
                return Some(Cand {
                    span: cx.span(s0, pm.toks.1),
                    toks: (s0, pm.toks.1),
                    kind: CandKind::Mention(p),
                });
            }
        }
    }
    // "said Xbox's Peter Moore", "Ladbrokes' Warren Lush": the person a name's
    // possessive leads to, not the name
    // (or a noun's after its article: "said the company's chairman John Smith")
    let possessive = (s0 + 1..limit.min(s0 + 4))
        .take_while(|&k| {
            cx.toks[k - 1].is_word() && cx.t(k - 1).starts_with(|c: char| c.is_uppercase())
        })
        .find(|&k| cx.toks[k].kind == TokKind::Possessive)
        .or_else(|| {
            (s0 > start
                && is_determiner(&cx.lt(start))
                && s0 + 1 < limit
                && cx.toks[s0].is_word()
                && cx.toks[s0 + 1].kind == TokKind::Possessive)
                .then_some(s0 + 1)
        });
    // (past a title and its modifiers: "the BBC's political editor Nick Robinson")
    let after_possessive = |k: usize| {
        mi.by_start(k + 1)
            .or_else(|| titled_name(cx, r, mi, k + 1, limit))
    };
    if let Some(p) = possessive.and_then(after_possessive) {
        let pm = &r.mentions[p];
        // (a full name nobody vouches for is a name here too: "the BBC's Louisa Lim")
        if pm.etype == EntityType::Person
            && pm.kind == MentionKind::Name
            && (!pm.weak || pm.toks.1 >= pm.toks.0 + 2)
        {
            return Some(Cand {
                span: pm.span,
                toks: pm.toks,
                kind: CandKind::Mention(p),
            });
        }
    }
    // a role of a name's, the phrase from `start` through it: "the company's
    // chairman", "Fiat's president" (not an adjective before its noun: "Trump's
    // official campaign account")
    let role_of = |end: usize| {
        let holds = end + 1 < limit
            && cx.toks[end].kind == TokKind::Possessive
            && cx.toks[end + 1].is_word()
            && !cx.capitalized(end + 1)
            && cx
                .lx
                .title(&cx.lt(end + 1))
                .is_some_and(|(c, _)| c != TitleClass::Honorific)
            && (end + 2 >= limit
                || !cx.toks[end + 2].is_word()
                || cx.capitalized(end + 2)
                || cx.cues(end + 2).is_some()
                || cx.is_function_word(end + 2));
        holds.then(|| Cand {
            span: cx.span(start, end + 2),
            toks: (start, end + 2),
            kind: CandKind::Group(GroupClass::Anonymous),
        })
    };
    if let Some(m) = mi.by_start(start).filter(|&m| !generic(m)) {
        if let Some(c) = role_of(r.mentions[m].toks.1) {
            return Some(c);
        }
        return Some(Cand {
            span: r.mentions[m].span,
            toks: r.mentions[m].toks,
            kind: CandKind::Mention(m),
        });
    }
    // "The National Bank of Hungary": a name after "the"
    if cx.is(start, "the") && start + 1 < limit {
        if let Some(m) = mi.by_start(start + 1).filter(|&m| {
            let mm = &r.mentions[m];
            mm.kind == MentionKind::Name
                && !mm.weak
                && matches!(mm.etype, EntityType::Organization | EntityType::Person)
        }) {
            return Some(Cand {
                span: r.mentions[m].span,
                toks: r.mentions[m].toks,
                kind: CandKind::Mention(m),
            });
        }
    }
    if let Some(g) = pronoun_gender(w) {
        if !["it", "who", "you"]
            .iter()
            .any(|p| w.eq_ignore_ascii_case(p))
        {
            return Some(Cand {
                span: cx.toks[start].span,
                toks: (start, start + 1),
                kind: CandKind::Pronoun(g),
            });
        }
        return None;
    }
    // determiner + modifiers + role/group noun (past a conjunction: "But many
    // Republicans")
    let mut start = start;
    while start + 1 < limit && ["but", "and", "so", "yet"].iter().any(|w| cx.is(start, w)) {
        start += 1;
    }
    let mut e = start;
    while e < limit && e - start < 7 {
        let t = cx.toks[e];
        if !matches!(t.kind, TokKind::Word | TokKind::Possessive) {
            break;
        }
        // modifiers before a name: "Democratic strategist Hank Sheinkopf"
        if e > start {
            // (a name modifying a role noun is the organisation it works for: "a
            // Juventus official", "a Chelsea spokesman")
            // (or an adjective of one unvouched word before lower-case words and a
            // role noun: "the European cross-country champion")
            let modifier = |m: usize| {
                let mm = &r.mentions[m];
                let role = |n: usize| {
                    n < limit && cx.toks[n].is_word() && !cx.capitalized(n) && {
                        let nw = cx.lt(n);
                        cx.lx.group(&nw).is_some()
                            || cx.lx.title(&nw).is_some_and(|(c, _)| c == TitleClass::Role)
                    }
                };
                let n = mm.toks.1;
                mm.toks.1 == mm.toks.0 + 1
                    && (role(n)
                        || mm.weak
                            && (n + 1..limit.min(n + 3)).any(|k| {
                                role(k)
                                    && (n..k).all(|j| {
                                        cx.toks[j].is_word()
                                            && !cx.capitalized(j)
                                            && !cx.lx.is_function_word(&cx.lt(j))
                                    })
                            }))
            };
            if let Some(m) = mi
                .by_start(e)
                .filter(|&m| r.mentions[m].etype == EntityType::Person && !modifier(m))
            {
                return Some(Cand {
                    span: r.mentions[m].span,
                    toks: r.mentions[m].toks,
                    kind: CandKind::Mention(m),
                });
            }
        }
        let lw = t.text(cx.text).to_lowercase();
        if cx.lx.group(&lw).is_some()
            || cx.lx.title(&lw).is_some_and(|(c, _)| c == TitleClass::Role)
        {
            // extend over a following role noun: "a State Department spokesperson"
            let end = e + 1;
            // or to the name it titles: "strategist Hank Sheinkopf"
            if let Some(m) = (end < limit)
                .then(|| mi.by_start(end))
                .flatten()
                .filter(|&m| r.mentions[m].etype == EntityType::Person)
            {
                return Some(Cand {
                    span: r.mentions[m].span,
                    toks: r.mentions[m].toks,
                    kind: CandKind::Mention(m),
                });
            }
            if let Some(m) = mi
                .by_end(end)
                .filter(|&m| r.mentions[m].kind == MentionKind::Role)
            {
                return Some(Cand {
                    span: r.mentions[m].span,
                    toks: r.mentions[m].toks,
                    kind: CandKind::Mention(m),
                });
            }
            // (a role of the group's: "the ministry's spokesman")
            if let Some(c) = role_of(end) {
                return Some(c);
            }
            let g = cx.lx.group(&lw).unwrap_or(GroupClass::Anonymous);
            return Some(Cand {
                span: cx.span(start, end),
                toks: (start, end),
                kind: CandKind::Group(g),
            });
        }
        // (no conjunction or preposition opens the phrase: "When my mother ...")
        if cx.lx.is_function_word(&lw) && !DETERMINERS.contains(&lw.as_str()) {
            break;
        }
        e += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::MentionIndex;
    use crate::{context::Ctx, entities, lexicon::Lexicon, mentions, segment};
    use whosaid_core::Document;

    #[test]
    fn mention_index_finds_each_mention_by_its_ends() {
        let lx = Lexicon::builtin();
        let doc = Document::new(
            "t",
            "Rep. Gwen Moore met NATO Secretary-General Jens Stoltenberg in Brussels. \
             The senator said Moore was right.",
        );
        let paras = segment::paragraphs(&doc.text);
        let cx = Ctx::new(&doc, paras, &lx);
        let r = entities::resolve(&cx, mentions::find(&cx), None, None);
        assert!(!r.mentions.is_empty());
        let mi = MentionIndex::new(&cx, &r);
        for (i, m) in r.mentions.iter().enumerate() {
            // the last mention ending (or starting) at a boundary is the one kept
            let later_end = r.mentions[i + 1..].iter().any(|o| o.toks.1 == m.toks.1);
            if !later_end {
                assert_eq!(mi.by_end(m.toks.1), Some(i));
            }
            assert!(mi.by_start(m.toks.0).is_some());
        }
        let moore = r
            .mentions
            .iter()
            .position(|m| m.span.of(&doc.text) == "Gwen Moore")
            .expect("a mention of Gwen Moore");
        // the title in front starts the phrase
        assert_eq!(mi.by_start(0), Some(moore));
        // boundaries with no mention have none, the last boundary included
        assert_eq!(mi.by_end(0), None);
        assert_eq!(mi.by_start(cx.toks.len()), None);
    }
}
