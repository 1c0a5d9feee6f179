//! The context of every statement: to whom (`addressee`), how (`channel`) and
//! when (`time`), as the text gives them for this statement, and its best
//! date (`said_on`).
//!
//! Context counts only in the statement's *frame*: the words of the sentence
//! holding its cue that are not what was said (the attribution clause,
//! sentence-opening phrases such as "In an interview Tuesday," and, for
//! reported speech, the words between the cue and the reported clause: "told
//! *reporters Wednesday* that"). Nothing is inherited from other sentences, and
//! relative clauses about the speaker ("who served until 2012") are no frame.
//! A wrong addressee is worse than none, so an addressee is taken only from
//! the frames that name one: the object of "tell", "urge", "ask", "warn" and
//! the like, "said to X", "in an interview with X", "in a letter to X",
//! "speaking to X".

use crate::context::Ctx;
use crate::context_lexicon::{ChannelRole, ContextLexicon, TimeWord};
use crate::timex::{time_at, Day, Found};
use crate::token::TokKind;
use whosaid_core::{
    Addressee, Channel, ChannelFinding, DateBasis, Document, EntityType, Quote, QuoteContext,
    QuoteKind, Span, SpeakerResolution,
};

/// Verbs whose object is the addressee and may end the statement's frame
/// ("told reporters", "warned Moscow that", "asking her, “...”").
const OBJECT_VERBS: &[&str] = &[
    "advise",
    "advised",
    "advises",
    "advising",
    "ask",
    "asked",
    "asking",
    "asks",
    "assure",
    "assured",
    "assures",
    "assuring",
    "beg",
    "begged",
    "begging",
    "begs",
    "encourage",
    "encouraged",
    "encourages",
    "encouraging",
    "implore",
    "implored",
    "implores",
    "imploring",
    "inform",
    "informed",
    "informing",
    "informs",
    "instruct",
    "instructed",
    "press",
    "pressed",
    "presses",
    "pressing",
    "remind",
    "reminded",
    "reminding",
    "reminds",
    "tell",
    "telling",
    "tells",
    "told",
    "urge",
    "urged",
    "urges",
    "urging",
    "warn",
    "warned",
    "warning",
    "warns",
];

/// Verbs that take their addressee after "to" ("said to Putin", "sings to Clinton").
const TO_VERBS: &[&str] = &[
    "admitted",
    "announced",
    "complained",
    "confided",
    "declared",
    "explain",
    "explained",
    "explaining",
    "explains",
    "said",
    "sang",
    "say",
    "saying",
    "says",
    "sing",
    "sings",
    "speak",
    "speaking",
    "speaks",
    "spoke",
    "wrote",
    "write",
    "writes",
    "writing",
];

/// Nouns of a framing phrase that take their addressee after a preposition:
/// "an interview with X", "a letter to X", "a statement to the press".
const FRAME_NOUNS: &[(&str, &str)] = &[
    ("address", "to"),
    ("interview", "with"),
    ("interviews", "with"),
    ("letter", "to"),
    ("message", "to"),
    ("remarks", "to"),
    ("speech", "to"),
    ("statement", "to"),
    ("submission", "to"),
    ("testimony", "to"),
];

/// Words that end an addressee's noun phrase.
const NP_STOP: &[&str] = &[
    "about", "after", "and", "are", "as", "because", "before", "but", "by", "can", "could", "did",
    "does", "during", "for", "from", "had", "has", "have", "he", "how", "i", "if", "in", "into",
    "is", "at", "of", "near", "it", "may", "might", "must", "not", "on", "or", "over", "shall",
    "she", "should", "since", "than", "that", "the", "their", "them", "then", "there", "these",
    "they", "this", "those", "through", "to", "until", "was", "we", "were", "what", "when",
    "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "would",
    "you",
];

/// Words that open an addressee's noun phrase (besides capitalised words).
const NP_OPEN: &[&str] = &[
    "a", "an", "another", "her", "him", "his", "its", "me", "my", "our", "the", "their", "them",
    "us", "you", "your",
];

/// Object pronouns that are a whole addressee.
const OBJECT_PRONOUNS: &[&str] = &["him", "me", "them", "us", "you"];

/// Audiences named without an article ("told reporters", "reminded voters").
const AUDIENCE_NOUNS: &[&str] = &[
    "activists",
    "americans",
    "attendees",
    "audiences",
    "congress",
    "delegates",
    "donors",
    "journalists",
    "lawmakers",
    "listeners",
    "members",
    "parliament",
    "people",
    "reporters",
    "senators",
    "students",
    "supporters",
    "viewers",
    "voters",
    "workers",
];

/// Words that end the frame a reported clause may open with ("told reporters
/// Wednesday *that* ..."): its subject, a complementiser, a verb's auxiliary.
fn clause_start(w: &str) -> bool {
    matches!(
        w,
        "are"
            | "can"
            | "could"
            | "did"
            | "does"
            | "had"
            | "has"
            | "have"
            | "he"
            | "i"
            | "is"
            | "it"
            | "may"
            | "might"
            | "must"
            | "she"
            | "should"
            | "that"
            | "they"
            | "to"
            | "was"
            | "we"
            | "were"
            | "what"
            | "which"
            | "who"
            | "will"
            | "would"
    )
}

/// How many tokens either side of the cue its frame may reach.
const WINDOW: usize = 16;

fn among(list: &[&str], w: &str) -> bool {
    list.contains(&w)
}

/// The frame of one statement: token ranges of its cue's sentence that are not
/// what was said.
struct Frame {
    /// Contiguous token runs, in order.
    runs: Vec<(usize, usize)>,
    /// Runs inside the statement's span (the words a reported clause opens with).
    inner: (usize, usize),
    /// The cue's tokens.
    cue: (usize, usize),
    /// The first token of the cue's sentence.
    s0: usize,
    /// The end of a phrase opening the sentence ("In his 2002 book,"), or `s0`.
    opening_end: usize,
    /// The cue is a participle after a comma ("..., arguing that").
    participle: bool,
}

impl Frame {
    fn of(cx: &Ctx, q: &Quote) -> Option<Frame> {
        let cue = q.cue?;
        let c0 = cx.tok_at(cue.start);
        if c0 >= cx.toks.len() {
            return None;
        }
        let mut c1 = c0;
        while c1 < cx.toks.len() && cx.toks[c1].span.end <= cue.end {
            c1 += 1;
        }
        let c1 = c1.max(c0 + 1);
        let (s0, s1) = cx.sent_toks[cx.tok_sent[c0] as usize];
        let pieces: &[Span] = if q.fragments.is_empty() {
            std::slice::from_ref(&q.span)
        } else {
            &q.fragments
        };
        let inside = |k: usize| {
            let s = cx.toks[k].span;
            pieces.iter().any(|p| p.start <= s.start && s.end <= p.end)
        };
        // a reported clause after its cue may open with frame words: "told reporters
        // Wednesday that ...", "attacked her opponent ... during the debate Monday night, ..."
        let mut inner = (0, 0);
        if q.kind != QuoteKind::Direct && cx.toks[c0].is_word() {
            let qa = cx.tok_at(q.span.start);
            if qa >= c1 && qa <= c1 + 2 {
                let mut e = qa;
                while e < s1 && inside(e) {
                    let t = &cx.toks[e];
                    if matches!(t.kind, TokKind::Quote(_)) && e > qa {
                        // a quotation inside: what was said, unless a few marked words
                        let w = cx.t(e);
                        let _ = w;
                    }
                    if t.kind == TokKind::Punct && matches!(cx.t(e), "," | ":" | ";" | "(" | "—")
                    {
                        break;
                    }
                    if t.is_word() && clause_start(&cx.lt(e)) {
                        break;
                    }
                    e += 1;
                }
                inner = (qa, e);
            }
        }
        // the speaker's appositive ("Erin Murphy, a former aide who went to Burma in
        // 2011, said") describes the speaker, not the statement
        let appositive = q.speaker.as_ref().and_then(|sp| sp.mention).and_then(|m| {
            let e = cx.tok_at(m.end);
            (e < c0 && cx.t(e) == ",")
                .then(|| (e, next_comma(cx, e + 1, s1)))
                .filter(|&(_, b)| b < c0)
        });
        // only words near the cue, and the sentence's first words, can be its frame
        // (a long sentence's far end is another clause): the window bounds the work
        let lo = c0.saturating_sub(WINDOW).max(s0);
        let hi = (c1 + WINDOW).max(inner.1).min(s1);
        let open_hi = (s0 + WINDOW / 2).min(lo);
        let mut runs = Vec::new();
        let mut k = s0;
        let mut start = None;
        while k < hi {
            if k == open_hi && k < lo {
                if let Some(a) = start.take() {
                    runs.push((a, k));
                }
                k = lo;
                continue;
            }
            let in_inner = inner.0 <= k && k < inner.1;
            if !in_inner && inside(k) {
                // what was said: skip to its end in one step
                if let Some(a) = start.take() {
                    runs.push((a, k));
                }
                let s = cx.toks[k].span;
                let end = pieces
                    .iter()
                    .find(|p| p.start <= s.start && s.end <= p.end)
                    .map_or(s.end, |p| p.end);
                let mut j = k + 1;
                while j < hi && cx.toks[j].span.end <= end && !(inner.0 <= j && j < inner.1) {
                    j += 1;
                }
                k = if open_hi > k && j > open_hi && open_hi < lo {
                    lo.max(j)
                } else {
                    j
                };
                continue;
            }
            let in_frame = !cx.tok_bp[k] && !appositive.is_some_and(|(a, b)| a < k && k < b);
            let punct = cx.toks[k].kind == TokKind::Punct;
            // a relative clause about someone ("Christie, who has campaigned ... since
            // February, blasted") is no frame of this statement
            if in_frame
                && k > s0
                && cx.toks[k - 1].kind == TokKind::Punct
                && cx.t(k - 1) == ","
                && matches!(cx.t(k), "who" | "which" | "whose")
                && !(c0 > k && c0 < next_comma(cx, k, s1))
            {
                if let Some(a) = start.take() {
                    runs.push((a, k));
                }
                k = next_comma(cx, k, s1);
                continue;
            }
            // a parenthetical aside ("Kall -- co-editor of ... -- said", "(...)") that
            // does not hold the cue is no frame either
            if in_frame && punct && (cx.t(k) == "(" || dash(cx, k)) {
                let paren = cx.t(k) == "(";
                let close = (k + 2..s1).find(|&j| if paren { cx.t(j) == ")" } else { dash(cx, j) });
                if let Some(e) = close {
                    if !(k < c0 && c0 < e) {
                        if let Some(a) = start.take() {
                            runs.push((a, k));
                        }
                        k = e + 1;
                        continue;
                    }
                }
            }
            match (in_frame, start) {
                (true, None) => start = Some(k),
                (false, Some(a)) => {
                    runs.push((a, k));
                    start = None;
                }
                _ => {}
            }
            k += 1;
        }
        if let Some(a) = start {
            runs.push((a, k.min(s1)));
        }
        // only the cue's own clause and a phrase opening the sentence frame it: "X said
        // A, but Y ..." gives nothing of Y's clause to A
        // a phrase opening the sentence, up to its comma ("At the forum, ...") frames
        // every clause of it
        let opening = runs
            .first()
            .filter(|r| r.0 == s0 && opens_phrase(cx, s0))
            .and_then(|r| (r.0..r.1.min(c0)).find(|&j| cx.t(j) == ","))
            .map(|e| (s0, e));
        runs.retain_mut(|r| {
            if r.0 <= c0 && c0 < r.1 {
                if let Some(j) = (r.0 + 1..c0).rev().find(|&j| clause_break(cx, j)) {
                    r.0 = j + 1;
                }
                if let Some(j) = (c1..r.1).find(|&j| clause_break(cx, j)) {
                    r.1 = j;
                }
                true
            } else {
                r.0 == s0
            }
        });
        if let Some(o) = opening {
            if !matches!(runs.first(), Some(r) if r.0 <= o.0) {
                runs.insert(0, o);
            }
        }
        Some(Frame {
            opening_end: opening.map_or(s0, |o| o.1),
            runs,
            inner,
            cue: (c0, c1),
            s0,
            participle: c0 > 0 && cx.t(c0 - 1) == "," && cx.lt(c0).ends_with("ing"),
        })
    }

    fn in_inner(&self, k: usize) -> bool {
        self.inner.0 <= k && k < self.inner.1
    }

    /// Is `a..b` near enough the cue to be about it: within `near` tokens, or in
    /// a phrase opening the sentence ("In an interview Tuesday, ...").
    fn near(&self, a: usize, b: usize, near: usize) -> bool {
        self.distance(a, b) <= near || a <= self.s0 + 2 || b <= self.opening_end || self.in_inner(a)
    }

    /// How far from the cue a time may be: further for a participle, which
    /// shares the frame of its clause ("spoke out Tuesday about ..., arguing that").
    fn reach(&self) -> usize {
        if self.participle {
            16
        } else {
            12
        }
    }

    /// Token distance from the cue.
    fn distance(&self, a: usize, b: usize) -> usize {
        if b <= self.cue.0 {
            self.cue.0 - b
        } else {
            a.saturating_sub(self.cue.1)
        }
    }
}

/// Does the sentence open with a framing phrase ("In an interview,", "At the forum,",
/// "Speaking to reporters,", "On Tuesday,") rather than a clause of its own?
fn opens_phrase(cx: &Ctx, k: usize) -> bool {
    matches!(
        cx.lt(k).as_ref(),
        "in" | "at"
            | "on"
            | "during"
            | "with"
            | "after"
            | "before"
            | "speaking"
            | "asked"
            | "talking"
            | "addressing"
            | "writing"
            | "appearing"
            | "from"
            | "over"
            | "earlier"
            | "later"
            | "last"
            | "this"
            | "late"
            | "early"
            | "when"
            | "while"
    ) || cx.lx.context.time_word(&cx.lt(k)).is_some()
}

/// Does token `j` open another clause after a comma or semicolon ("..., but", "; and")?
fn clause_break(cx: &Ctx, j: usize) -> bool {
    if cx.t(j) == ";" {
        return true;
    }
    j > 0
        && cx.t(j - 1) == ","
        && matches!(
            cx.lt(j).as_ref(),
            "but" | "and" | "while" | "although" | "though" | "because" | "whereas" | "yet"
        )
}

/// A dash token: "—", "―", "--" (two hyphens, the second one skipped).
fn dash(cx: &Ctx, k: usize) -> bool {
    match cx.t(k) {
        "—" | "―" | "--" => true,
        "-" => {
            k + 1 < cx.toks.len()
                && cx.t(k + 1) == "-"
                && cx.toks[k + 1].span.start == cx.toks[k].span.end
        }
        _ => false,
    }
}

fn next_comma(cx: &Ctx, k: usize, end: usize) -> usize {
    (k..end).find(|&j| cx.t(j) == ",").unwrap_or(end)
}

/// The context of each statement (aligned with `quotes`), entities not yet
/// linked (see [`link_addressees`]). `published` is the article's publication
/// date (ISO 8601) when known.
pub fn find(cx: &Ctx, quotes: &[Quote], published: Option<&str>) -> Vec<QuoteContext> {
    let pubd = published.and_then(Day::parse_iso);
    // formatted once: most statements are dated by it
    let pub_iso = pubd.map(Day::iso);
    let lx = &cx.lx.context;
    quotes
        .iter()
        .map(|q| {
            let mut c = QuoteContext::default();
            if let Some(f) = Frame::of(cx, q) {
                c.addressee = addressee(cx, lx, q, &f).map(|span| Addressee { span, entity: None });
                c.channel = channel(cx, lx, q, &f, c.addressee.as_ref().map(|a| a.span));
                c.time = time(cx, lx, &f, pubd).map(|t| t.expr(cx));
            }
            match c.time.as_ref().and_then(|t| t.date.clone()) {
                Some(d) => {
                    c.said_on = Some(d);
                    c.date_basis = Some(DateBasis::Text);
                }
                None => {
                    c.said_on = pub_iso.clone();
                    c.date_basis = pubd.map(|_| DateBasis::Published);
                }
            }
            c
        })
        .collect()
}

/// Gives each addressee the entity of the mention it holds (a person first).
pub fn link_addressees(doc: &mut Document) {
    let Document {
        quotes, mentions, ..
    } = doc;
    for q in quotes.iter_mut() {
        let Some(a) = q.context.addressee.as_mut() else {
            continue;
        };
        let inside = mentions
            .iter()
            .filter(|m| a.span.contains(m.span) && m.entity.is_some());
        let mut best = None;
        for m in inside {
            if m.etype == EntityType::Person {
                best = m.entity;
                break;
            }
            best = best.or(m.entity);
        }
        a.entity = best;
    }
}

/// The time nearest the cue in the frame.
fn time(cx: &Ctx, lx: &ContextLexicon, f: &Frame, pubd: Option<Day>) -> Option<Found> {
    let mut best: Option<(usize, Found)> = None;
    for &(a, b) in &f.runs {
        let mut k = a;
        while k < b {
            // most words open no time expression: ask the shapes before parsing
            let opens = match cx.toks[k].kind {
                TokKind::Number => true,
                TokKind::Word => {
                    let w = cx.lt(k);
                    lx.may_open_time(&w)
                        || (matches!(
                            w.as_ref(),
                            "a" | "an" | "his" | "her" | "their" | "its" | "the"
                        ) && k + 1 < b
                            && (cx.toks[k + 1].kind == TokKind::Number
                                || cx.is(k + 1, "few")
                                || cx.is(k + 1, "couple")))
                }
                _ => false,
            };
            let found = if opens {
                time_at(cx, lx, k, b, pubd)
            } else {
                None
            };
            let Some(found) = found else {
                k += 1;
                continue;
            };
            let before = found.first.checked_sub(1).map(|j| cx.lt(j));
            // "since 2003", "until last year", "by Friday": a bound, not when it was said
            let bound = matches!(
                before.as_deref(),
                Some("since" | "until" | "by" | "from" | "through" | "between")
            );
            // "this year's debate", "Monday's debate": dating something else (but "On
            // Tuesday's episode of ...")
            let possessive = ((found.end < b && cx.toks[found.end].kind == TokKind::Possessive)
                || cx.toks[found.end - 1].kind == TokKind::Possessive)
                && !cx.is(found.first, "on");
            // "LOS ANGELES, Sept. 28 (UPI) —": a dateline
            let dateline = found.end < b && matches!(cx.t(found.end), "(" | "—" | "--");
            if !bound && !possessive && !dateline && f.near(found.first, found.end, f.reach()) {
                let d = f.distance(found.first, found.end);
                if !matches!(&best, Some((bd, _)) if *bd <= d) {
                    best = Some((d, found.clone()));
                }
            }
            k = found.end.max(k + 1);
        }
    }
    best.map(|(_, f)| f)
}

/// Does token `k` start a determiner-led noun phrase ("a", "his", "the")?
fn determiner(cx: &Ctx, k: usize) -> bool {
    matches!(
        cx.lt(k).as_ref(),
        "a" | "an" | "the" | "his" | "her" | "their" | "its" | "our" | "my" | "this" | "that"
    )
}

/// The channel nearest the cue in the frame.
fn channel(
    cx: &Ctx,
    lx: &ContextLexicon,
    q: &Quote,
    f: &Frame,
    addressee: Option<Span>,
) -> Option<ChannelFinding> {
    let mut best: Option<(usize, ChannelFinding)> = None;
    let mut consider = |d: usize, ch: Channel, span: Span| {
        // "In an interview on CBS's “Face the Nation”" is an interview
        let interview_stays = matches!(&best, Some((_, b)) if b.channel == Channel::Interview)
            && ch == Channel::Broadcast;
        let interview_wins = matches!(&best, Some((_, b)) if b.channel == Channel::Broadcast)
            && ch == Channel::Interview;
        if interview_wins || (!interview_stays && !matches!(&best, Some((bd, _)) if *bd <= d)) {
            best = Some((d, ChannelFinding { channel: ch, span }));
        }
    };
    // "The Times reported", "CNS reported Monday": a named source, not "it"
    let speaker_org = q.speaker.as_ref().is_some_and(|s| {
        s.resolution != SpeakerResolution::Pronoun
            && s.mention.is_some_and(|m| {
                cx.text[m.start..m.end]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
            })
    });
    for &(a, b) in &f.runs {
        for k in a..b {
            if !cx.toks[k].is_word() {
                continue;
            }
            let lw = cx.lt(k);
            let phrases = if lx.may_open_channel(&lw) {
                lx.channel_phrases(&lw)
            } else {
                &[]
            };
            for p in phrases {
                let n = p.rest.len();
                if k + n >= b + usize::from(n == 0) && n > 0 {
                    continue;
                }
                if !p.rest.iter().enumerate().all(|(i, w)| cx.is(k + 1 + i, w)) {
                    continue;
                }
                let e = k + 1 + n;
                let span = cx.span(k, e);
                let d = f.distance(k, e);
                if !f.near(k, e, 10) {
                    break;
                }
                let is_cue = f.cue.0 <= k && k < f.cue.1;
                // a noun governed by a preposition or a verb of publishing ("in an
                // interview", "filed a motion") or naming the source itself ("Polls
                // showed") is the channel before a bare noun nearer the cue
                let in_source = q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.mention)
                    .is_some_and(|m| m.contains(span));
                let governed = (k.saturating_sub(3).max(a)..k).any(|j| {
                    matches!(
                        cx.lt(j).as_ref(),
                        "in" | "during"
                            | "at"
                            | "on"
                            | "via"
                            | "through"
                            | "filed"
                            | "issued"
                            | "released"
                            | "published"
                            | "posted"
                            | "wrote"
                            | "sent"
                    )
                });
                let d = if in_source || governed || is_cue {
                    d
                } else {
                    d + 50
                };
                match p.role {
                    ChannelRole::Verb if is_cue => consider(d, p.channel, span),
                    ChannelRole::Outlet if is_cue && speaker_org => consider(d, p.channel, span),
                    ChannelRole::Network => {
                        // "on CNN", "on Fox News’s “Fox and Friends”": a broadcast;
                        // "told CNN": the organisation, no channel
                        if k > a && cx.is(k - 1, "on") && cx.capitalized(k) {
                            consider(d, p.channel, cx.span(k - 1, show_end(cx, e, b)));
                        } else if k == f.cue.1 && e < b && cx.capitalized(e) && cx.toks[e].is_word()
                        {
                            // "told CBS This Morning": a programme
                            let mut j = e;
                            while j < b && cx.capitalized(j) && cx.toks[j].is_word() {
                                j += 1;
                            }
                            consider(d, p.channel, cx.span(k, j));
                        } else if e < b
                            && cx.toks[e].kind == TokKind::Possessive
                            && e + 1 < b
                            && matches!(cx.toks[e + 1].kind, TokKind::Quote(_))
                        {
                            consider(d, p.channel, cx.span(k, show_end(cx, e, b)));
                        }
                    }
                    // the addressee may be the occasion: "told the forum"
                    ChannelRole::Noun
                        if noun_ok(cx, k, e, a, f)
                            || addressee.is_some_and(|s| s.contains(span)) =>
                    {
                        consider(d, p.channel, span)
                    }
                    _ => {}
                }
                break;
            }
            // "wrote Cameron Easley for Morning Consult": a column
            if lw == "for"
                && k + 1 < b
                && cx.capitalized(k + 1)
                && f.distance(k, k + 1) <= 6
                && matches!(
                    cx.lt(f.cue.1 - 1).as_ref(),
                    "wrote" | "writes" | "write" | "writing"
                )
            {
                let mut j = k + 1;
                while j < b && cx.capitalized(j) && cx.toks[j].is_word() {
                    j += 1;
                }
                consider(f.distance(k, j), Channel::Report, cx.span(k, j));
            }
            // "On The Steve Harvey Morning Show": a show's name
            if cx.capitalized(k) && (cx.is(k, "show") || cx.is(k, "program")) && k > a {
                let mut j = k;
                while j > a
                    && !cx.is(j - 1, "on")
                    && (cx.capitalized(j - 1) || cx.toks[j - 1].kind == TokKind::Possessive)
                {
                    j -= 1;
                }
                if j < k && j > a && cx.is(j - 1, "on") {
                    consider(
                        f.distance(j - 1, k + 1),
                        Channel::Broadcast,
                        cx.span(j - 1, k + 1),
                    );
                }
            }
        }
    }
    best.map(|(_, c)| c)
}

/// The end of a show's name after a network: `’s “Fox and Friends”`.
fn show_end(cx: &Ctx, mut e: usize, b: usize) -> usize {
    if e < b && cx.toks[e].kind == TokKind::Possessive {
        let mut j = e + 1;
        if j < b && matches!(cx.toks[j].kind, TokKind::Quote(_)) {
            j += 1;
            while j < b && !matches!(cx.toks[j].kind, TokKind::Quote(_)) && j - e < 8 {
                j += 1;
            }
            if j < b {
                return j + 1;
            }
        } else {
            while j < b && cx.capitalized(j) && j - e < 6 {
                j += 1;
            }
            if j > e + 1 {
                return j;
            }
        }
        e = e.max(e);
    }
    e
}

/// Is the channel noun at `k..e` about this statement? In the words a reported
/// clause opens with it needs a preposition ("during the first presidential
/// debate"), and a few nouns need their article ("an address", "a brief").
fn noun_ok(cx: &Ctx, k: usize, e: usize, run0: usize, f: &Frame) -> bool {
    let lw = cx.lt(k);
    let prev = |n: usize| (k >= run0 + n).then(|| cx.lt(k - n));
    match lw.as_ref() {
        "debate" | "debates" => {
            if matches!(
                prev(1).as_deref(),
                Some("public" | "national" | "political" | "policy" | "the")
            ) && !matches!(prev(2).as_deref(), Some("during" | "at" | "in" | "after"))
                && prev(1).as_deref() != Some("the")
            {
                return false;
            }
            if matches!(
                prev(1).as_deref(),
                Some("public" | "national" | "political" | "policy")
            ) {
                return false;
            }
        }
        "address" | "brief" | "returns" | "motion" | "column" | "book" | "analysis" => {
            let det = (k > run0
                && (determiner(cx, k - 1) || cx.toks[k - 1].kind == TokKind::Possessive))
                || (k > run0 + 1 && determiner(cx, k - 2))
                || (k > run0 + 2 && determiner(cx, k - 3));
            if !det {
                return false;
            }
        }
        _ => {}
    }
    // a following noun makes it a modifier: "the debate moderators", "statement of"
    if e < cx.toks.len() && cx.toks[e].is_word() && !cx.capitalized(e) {
        let next = cx.lt(e);
        if matches!(
            next.as_ref(),
            "moderator"
                | "moderators"
                | "stage"
                | "prep"
                | "preparation"
                | "board"
                | "page"
                | "staff"
                | "writers"
                | "team"
                | "season"
        ) {
            return false;
        }
    }
    // "after the debate", "ahead of the convention": another event, not the channel
    if (k.saturating_sub(3).max(run0)..k).any(|j| {
        matches!(
            cx.lt(j).as_ref(),
            "before" | "after" | "since" | "ahead" | "following" | "until" | "about" | "over"
        )
    }) {
        return false;
    }
    // part of a publication's name: "the Cook Political Report"
    if matches!(lw.as_ref(), "report" | "study" | "review" | "data")
        && cx.capitalized(k)
        && k > run0
        && cx.capitalized(k - 1)
        && cx.toks[k - 1].is_word()
    {
        return false;
    }
    if f.in_inner(k) {
        // the object of a verb of publishing: "issued a statement", "released his returns"
        let publishing = matches!(
            cx.lt(f.cue.1 - 1).as_ref(),
            "released" | "issued" | "filed" | "published" | "posted" | "ran" | "sent" | "wrote"
        );
        if publishing && k < f.inner.0 + 4 {
            return true;
        }
        return (k.saturating_sub(5).max(f.inner.0)..k)
            .any(|j| matches!(cx.lt(j).as_ref(), "in" | "during" | "at" | "on" | "via"));
    }
    true
}

/// The addressee: the object of the cue, "said to X", or a framing phrase's
/// "with X"/"to X".
fn addressee(cx: &Ctx, lx: &ContextLexicon, q: &Quote, f: &Frame) -> Option<Span> {
    let c1 = f.cue.1;
    let end = f
        .runs
        .iter()
        .find(|r| r.0 <= c1 && c1 <= r.1)
        .map_or(c1, |r| r.1)
        .max(f.inner.1);
    let speaker = q.speaker.as_ref().and_then(|s| s.mention);
    let not_speaker = |s: Span| !matches!(speaker, Some(m) if m.overlaps(s));
    // the cue's last word: "told", "has asked" -> "asked", "calls on"
    let verb = c1 - 1;
    let lv = cx.lt(verb);
    // "was told", "were urged": the addressee is the subject
    let passive = verb > 0
        && (lv.ends_with("ed") || lv == "told")
        && matches!(
            cx.lt(verb - 1).as_ref(),
            "was" | "were" | "been" | "being" | "is" | "are" | "be"
        );
    if !passive {
        let mut k = c1;
        // "called on Dean to", "calls on X to"
        if matches!(lv.as_ref(), "call" | "called" | "calls" | "calling")
            && k < end
            && cx.is(k, "on")
        {
            k += 1;
            if let Some(np) = np_at(cx, lx, k, end, true) {
                if np.1 < cx.toks.len() && cx.is(np.1, "to") {
                    return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
                }
            }
        }
        if among(OBJECT_VERBS, &lv) {
            if let Some(np) = np_at(cx, lx, c1, end, true) {
                return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
            }
        }
        if among(TO_VERBS, &lv) && c1 < end && cx.is(c1, "to") {
            if let Some(np) = np_at(cx, lx, c1 + 1, end, false) {
                return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
            }
        }
    }
    // framing phrases anywhere in the frame (their words are 6 to 10 letters long:
    // the rest are passed over without lower-casing them)
    for &(a, b) in &f.runs {
        for k in a..b {
            if !cx.toks[k].is_word() || !(6..=10).contains(&cx.t(k).len()) {
                continue;
            }
            let lw = cx.lt(k);
            // "he said, cutting off a reporter"
            if k > a && cx.t(k - 1) == "," && lw == "cutting" && cx.is(k + 1, "off") {
                if let Some(np) = np_at(cx, lx, k + 2, b, true) {
                    return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
                }
            }
            // "Speaking to reporters, ..."
            if k == a && matches!(lw.as_ref(), "speaking" | "talking") && cx.is(k + 1, "to") {
                if let Some(np) = np_at(cx, lx, k + 2, b, false) {
                    return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
                }
            }
            let frame_noun = if (6..=10).contains(&lw.len()) {
                FRAME_NOUNS.iter().find(|(n, _)| *n == lw.as_ref())
            } else {
                None
            };
            if let Some(&(_, prep)) = frame_noun {
                if k + 1 < b && cx.is(k + 1, prep) {
                    if let Some(np) = np_at(cx, lx, k + 2, b, false) {
                        return Some(cx.span(np.0, np.1)).filter(|s| not_speaker(*s));
                    }
                }
                // "In a Bloomberg interview": the interviewer
                if lw == "interview" && k >= a + 2 && cx.capitalized(k - 1) && cx.is(k - 2, "a") {
                    let w = cx.lt(k - 1);
                    if lx.time_word(&w).is_none() {
                        return Some(cx.toks[k - 1].span).filter(|s| not_speaker(*s));
                    }
                }
            }
        }
    }
    None
}

/// The noun phrase that starts at token `k` and ends by `end`: (first, end) tokens.
/// `object` allows a lone object pronoun ("told me", "asking her").
fn np_at(
    cx: &Ctx,
    lx: &ContextLexicon,
    k: usize,
    end: usize,
    object: bool,
) -> Option<(usize, usize)> {
    if k >= end || !cx.toks[k].is_word() {
        return None;
    }
    let first = cx.lt(k);
    let is_time = |j: usize| {
        cx.toks[j].is_word()
            && (lx
                .time_word(&cx.lt(j))
                .is_some_and(|t| !matches!(t, TimeWord::Modifier | TimeWord::Part))
                || matches!(cx.lt(j).as_ref(), "last" | "yesterday" | "today"))
    };
    if is_time(k) {
        return None;
    }
    // "told me", "implored her to", "asking her, “...”"
    if among(OBJECT_PRONOUNS, &first) {
        return object.then_some((k, k + 1));
    }
    if first == "her" {
        let noun_follows = k + 1 < end
            && cx.toks[k + 1].is_word()
            && !among(NP_STOP, &cx.lt(k + 1))
            && !is_time(k + 1);
        if !noun_follows {
            return object.then_some((k, k + 1));
        }
    }
    // "co-host Joe Scarborough", "moderator Lester Holt": a title before a name
    let titled = k + 1 < end && cx.capitalized(k + 1) && cx.toks[k + 1].is_word();
    let opens = cx.capitalized(k)
        || among(NP_OPEN, &first)
        || among(AUDIENCE_NOUNS, &first)
        || (titled && !among(NP_STOP, &first));
    if !opens || (among(NP_STOP, &first) && first != "the" && first != "their") {
        return None;
    }
    let mut e = k;
    let mut lower_words = 0;
    while e < end && e - k < 12 {
        let t = &cx.toks[e];
        match t.kind {
            TokKind::Possessive => {
                e += 1;
                continue;
            }
            TokKind::Quote(_) if e > k && cx.toks[e - 1].kind == TokKind::Possessive => {
                // MSNBC's "Morning Joe"
                let mut j = e + 1;
                while j < end && !matches!(cx.toks[j].kind, TokKind::Quote(_)) && j - e < 8 {
                    j += 1;
                }
                if j < end {
                    e = j + 1;
                    continue;
                }
                break;
            }
            TokKind::Word | TokKind::Number => {}
            _ => {
                if cx.t(e) == "-"
                    || cx.t(e) == "." && e > k && cx.t(e - 1).len() <= 3 && cx.capitalized(e - 1)
                {
                    e += 1;
                    continue;
                }
                break;
            }
        }
        let w = cx.lt(e);
        if e > k && is_time(e) {
            break;
        }
        if e > k && (w == "of" || w == "in" || w == "at") {
            // "the editorial board of the Washington Post", "a rally in Tampa"
            let n = e + 1;
            let next_ok = n < end
                && (cx.capitalized(n) || (w == "of" && matches!(cx.lt(n).as_ref(), "the" | "a")))
                && !is_time(n);
            if next_ok {
                e = n;
                if cx.is(e, "the") || cx.is(e, "a") {
                    e += 1;
                }
                continue;
            }
            break;
        }
        if e > k && among(NP_STOP, &w) {
            break;
        }
        if !cx.capitalized(e) {
            lower_words += 1;
            if lower_words > 4 {
                break;
            }
        }
        e += 1;
    }
    // no trailing articles or prepositions
    while e > k
        && matches!(
            cx.lt(e - 1).as_ref(),
            "the" | "a" | "an" | "of" | "in" | "at"
        )
    {
        e -= 1;
    }
    // a determiner alone names nobody
    if e == k + 1 && among(NP_OPEN, &first) && !among(OBJECT_PRONOUNS, &first) {
        return None;
    }
    (e > k).then_some((k, e))
}

#[cfg(test)]
mod tests {
    use crate::Analyzer;
    use whosaid_core::Document;

    /// (addressee, channel, time text, date) of the statement whose text contains `stmt`.
    fn context_of(
        t: &str,
        published: Option<&str>,
        stmt: &str,
    ) -> (
        Option<String>,
        Option<String>,
        Option<String>,
        Option<String>,
    ) {
        let mut d = Document::new("t", t);
        d.meta.published = published.map(String::from);
        Analyzer::new(None).analyze(&mut d);
        let q = d
            .quotes
            .iter()
            .find(|q| q.span.of(&d.text).contains(stmt))
            .unwrap_or_else(|| panic!("no statement {stmt:?} in {:?}", d.quotes));
        let c = &q.context;
        (
            c.addressee.as_ref().map(|a| a.span.of(&d.text).to_string()),
            c.channel.map(|c| c.channel.as_str().to_string()),
            c.time.as_ref().map(|x| x.span.of(&d.text).to_string()),
            c.time.as_ref().and_then(|x| x.date.clone()),
        )
    }

    fn s(x: &str) -> Option<String> {
        Some(x.to_string())
    }

    #[test]
    fn told_reporters_wednesday() {
        let t = "“Russia is building a serious diplomatic path,” Blinken told reporters Wednesday.";
        let c = context_of(t, Some("2022-01-20"), "diplomatic path");
        assert_eq!(c, (s("reporters"), None, s("Wednesday"), s("2022-01-19")));
    }

    #[test]
    fn interview_with_an_outlet() {
        let t =
            "In an interview with The Associated Press on Tuesday, Smith said the plan would fail.";
        let c = context_of(t, Some("2016-09-21"), "the plan would fail");
        assert_eq!(c.0.as_deref(), Some("The Associated Press"));
        assert_eq!(c.1.as_deref(), Some("interview"));
        assert_eq!(c.3.as_deref(), Some("2016-09-20"));
    }

    #[test]
    fn object_of_urging_and_warning() {
        let t = "Fellow Republicans are urging Trump to make the second debate a game-changer.";
        assert_eq!(context_of(t, None, "make the second debate").0, s("Trump"));
        let t = "The minister warned Moscow that sanctions would follow.";
        assert_eq!(context_of(t, None, "sanctions would follow").0, s("Moscow"));
    }

    #[test]
    fn no_addressee_for_topics_places_or_networks() {
        let t = "“We will win,” Trump said in Everett on Monday.";
        let c = context_of(t, Some("2016-09-12"), "We will win");
        assert_eq!(c.0, None);
        assert_eq!(c.2, s("on Monday"));
        let t = "“It is over,” Pence said on CNN’s “State of the Union.”";
        let c = context_of(t, None, "It is over");
        assert_eq!(c.0, None);
        assert_eq!(c.1, s("broadcast"));
    }

    #[test]
    fn channels_from_nouns_and_verbs() {
        let t = "“The court got it wrong,” Husted said in a statement.";
        assert_eq!(context_of(t, None, "got it wrong").1, s("statement"));
        let t = "Polls showed that few Americans thought of climate change as a priority.";
        assert_eq!(context_of(t, None, "few Americans").1, s("report"));
        let t = "“Notice Trump sniffing all the time,” Dean tweeted Monday night.";
        let c = context_of(t, Some("2016-09-28"), "Notice Trump");
        assert_eq!(c.1, s("social-media"));
        assert_eq!(c.2, s("Monday night"));
    }

    #[test]
    fn told_the_forum() {
        let t = "Trump told the forum he was against the war in Iraq.";
        let c = context_of(t, None, "against the war");
        assert_eq!((c.0, c.1), (s("the forum"), s("other")));
        let t = "Sanders told co-host Joe Scarborough that he did not know.";
        assert_eq!(
            context_of(t, None, "did not know").0,
            s("co-host Joe Scarborough")
        );
    }

    #[test]
    fn nothing_is_inherited_from_the_sentence_before() {
        let t = "In an interview Monday, Smith said the tax was too high. \
                 He added that the plan would fail.";
        let c = context_of(t, Some("2016-09-21"), "the plan would fail");
        assert_eq!(c, (None, None, None, None));
    }

    #[test]
    fn a_time_inside_what_was_said_is_not_its_time() {
        let t = "Smith said he would visit Ohio on Friday.";
        assert_eq!(context_of(t, Some("2016-09-21"), "would visit").2, None);
    }

    #[test]
    fn said_on_falls_back_to_publication() {
        let mut d = Document::new("t", "“We will win,” Trump said.");
        d.meta.published = Some("2016-09-12T10:00:00Z".into());
        Analyzer::new(None).analyze(&mut d);
        let c = &d.quotes[0].context;
        assert_eq!(c.said_on.as_deref(), Some("2016-09-12"));
        assert_eq!(c.date_basis, Some(whosaid_core::DateBasis::Published));
        let mut d = Document::new("t", "“We will win,” Trump said.");
        Analyzer::new(None).analyze(&mut d);
        assert_eq!(d.quotes[0].context.said_on, None);
        assert_eq!(d.quotes[0].context.date_basis, None);
    }
}
