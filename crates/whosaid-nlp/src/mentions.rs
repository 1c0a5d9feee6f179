//! Mentions of people, organisations and places, found from capitalisation,
//! titles and the lexicons.
//!
//! A run of capitalised words ("US Ambassador to Russia John Sullivan") is cut
//! into what it holds: a title and a person's name where a given name or a
//! title says so, known organisations and places by lexicon, organisation
//! names by their head words ("Ministry", "Department"). Capitalised words
//! nobody vouches for are kept as *weak* names: they become entities only if
//! they corefer with a typed name or speak.

use crate::context::Ctx;
use crate::context_lexicon::TimeWord;
use crate::lexicon::{is_company_suffix, is_company_suffix_any_case, PlaceKind, TitleClass};
use crate::token::{is_capitalized, TokKind};
use whosaid_core::{EntityType, Gender, MentionKind, Span};

/// A mention with what analysis knows of it beyond the core `Mention`.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionInfo {
    pub span: Span,
    pub kind: MentionKind,
    pub etype: EntityType,
    /// Token range of the name itself (without title).
    pub toks: (usize, usize),
    /// The title before the name ("Secretary-General", "US Ambassador to Russia").
    pub title: Option<Span>,
    pub gender: Gender,
    /// Canonical name from a lexicon (places and organisations).
    pub canonical: Option<String>,
    /// A capitalised word nobody vouches for.
    pub weak: bool,
}

const CONNECTORS: &[&str] = &[
    "of", "de", "van", "von", "bin", "al", "der", "du", "da", "dos", "del", "la", "le", "ibn",
];

fn is_name_token(cx: &Ctx, i: usize) -> bool {
    cx.toks[i].kind == TokKind::Word && cx.capitalized(i) && !cx.tok_bp[i]
}

/// A compound modifier from a name: a capitalised word, a hyphen and a lower-case
/// word ("Oscar-nominated", "London-based", "US-led"); "Jean-Pierre" and
/// "Anglo-American" are names.
fn modifier(w: &str) -> bool {
    w.rsplit_once('-').is_some_and(|(a, b)| {
        a.starts_with(|c: char| c.is_uppercase())
            && b.len() >= 3
            && b.chars().all(|c| c.is_ascii_lowercase())
    })
}

/// Does the quotation mark at token `j` open a nickname inside a name (Marcia "Cia"
/// Price)? A given name before it, one capitalised word inside, a name word after.
pub fn opens_nickname(cx: &Ctx, j: usize) -> bool {
    j >= 1
        && j + 3 < cx.toks.len()
        && matches!(cx.toks[j].kind, TokKind::Quote(_))
        && is_name_token(cx, j + 1)
        && matches!(cx.toks[j + 2].kind, TokKind::Quote(_))
        && is_name_token(cx, j + 3)
        && cx.lx.first_names.contains_key(cx.t(j - 1))
}

/// Finds name, organisation and place mentions in every sentence.
pub fn find(cx: &Ctx) -> Vec<MentionInfo> {
    let mut out = Vec::new();
    for (si, &(s0, s1)) in cx.sent_toks.iter().enumerate() {
        let _ = si;
        let mut i = s0;
        while i < s1 {
            // (a capitalised modifier before a name is no part of it: "the
            // Oscar-nominated Owen", "London-based Barclays")
            if !is_name_token(cx, i) || i + 1 < s1 && is_name_token(cx, i + 1) && modifier(cx.t(i))
            {
                i += 1;
                continue;
            }
            // extend the run
            let mut j = i + 1;
            while j < s1 {
                if is_name_token(cx, j) {
                    j += 1;
                    continue;
                }
                let tj = cx.t(j);
                // "Mr." / "Sen." / "F." inside a run
                if tj == "."
                    && cx.toks[j - 1].span.end == cx.toks[j].span.start
                    && j + 1 < s1
                    && is_name_token(cx, j + 1)
                {
                    let prev = cx.t(j - 1);
                    let abbrev = cx.lx.abbreviation(prev).is_some();
                    let initial = prev.chars().count() == 1;
                    let stray = cx.lx.first_names.contains_key(prev) && j - 1 > i;
                    if abbrev || initial || stray {
                        j += 1;
                        continue;
                    }
                }
                // a nickname in quotation marks inside a name: Marcia "Cia" Price
                if j + 3 < s1 && opens_nickname(cx, j) {
                    j += 3;
                    continue;
                }
                // "Standard and Poor's Corp", "McDonald's Corp": a possessive inside
                // a company's name, which a company suffix closes
                if cx.toks[j].kind == TokKind::Possessive && j + 1 < s1 && is_name_token(cx, j + 1)
                {
                    let suffix = (j + 1..s1.min(j + 4))
                        .take_while(|&k| is_name_token(cx, k))
                        .any(|k| is_company_suffix(cx.t(k)));
                    // "the Prime Minister's Office", "the US Trade Representative's
                    // Office": an office named by whom it serves
                    let office =
                        cx.t(j + 1) == "Office" && !(j + 2 < s1 && is_name_token(cx, j + 2));
                    if suffix || office {
                        j += 1;
                        continue;
                    }
                }
                // "Ministry of International Trade and Industry", "Department of
                // Health and Human Services": an "and" inside an office's name
                if tj == "and"
                    && j + 1 < s1
                    && is_name_token(cx, j + 1)
                    && {
                        // (past a sentence's "The")
                        // (or past a word before the head: "Brazilian Institute for
                        // Geography and Statistics")
                        let h = if cx.t(i) == "The" { i + 1 } else { i };
                        (h..(h + 2).min(j)).any(|k| {
                            cx.lx.org_words.contains_key(cx.t(k))
                                && k + 1 < j
                                && (cx.t(k + 1) == "of" || cx.t(k + 1) == "for")
                        })
                    }
                    && !cx.lx.places.contains_key(cx.t(j + 1))
                    && !cx.lx.orgs.contains_key(cx.t(j + 1))
                    && !cx.lx.first_names.contains_key(cx.t(j + 1))
                {
                    j += 1;
                    continue;
                }
                // "Goldman, Sachs and Co", "Smith Barney, Harris Upham and Co": a
                // partnership's names with commas, which "and Co" closes
                if tj == "," && j - i <= 2 && !is_company_suffix(cx.t(j - 1)) {
                    if let Some(end) = comma_partnership(cx, j, s1) {
                        j = end;
                        continue;
                    }
                }
                // "Bausch and Lomb", "Reynolds and Reynolds Co", "Sachs and Co"
                if tj == "and" && j + 1 < s1 && is_name_token(cx, j + 1) && company_and(cx, j, s1) {
                    j += 1;
                    continue;
                }
                // "Secretary for Defence", "Institute for Fiscal Studies"
                let connector = CONNECTORS.contains(&tj)
                    || ((tj == "to" || tj == "for")
                        && (cx.lx.title(&cx.lt(j - 1)).is_some() || is_org_word(cx, j - 1)));
                if connector && j + 1 < s1 && is_name_token(cx, j + 1) {
                    j += 1;
                    continue;
                }
                // "Forum for the Future", "Ministry of the Interior": an
                // organisation's head word, a preposition and "the"
                if matches!(tj, "for" | "of" | "on")
                    && j + 2 < s1
                    && cx.t(j + 1) == "the"
                    && is_name_token(cx, j + 2)
                    && cx.lx.org_words.contains_key(cx.t(j - 1))
                {
                    j += 2;
                    continue;
                }
                break;
            }
            split_run(cx, i, j, s0, &mut out);
            i = j;
        }
    }
    role_mentions(cx, &mut out);
    out.sort_by_key(|m| m.span);
    out.dedup_by(|a, b| a.span == b.span);
    one_name_one_kind(cx, &mut out);
    out
}

/// A name the text shows to be an organisation's in one place is that organisation's
/// everywhere: "Krispy Kreme said ..." is the company of "Shares in Krispy Kreme"
/// (only a person's name nothing vouches for: no title, no known given name).
fn one_name_one_kind(cx: &Ctx, out: &mut [MentionInfo]) {
    let orgs: rustc_hash::FxHashSet<&str> = out
        .iter()
        .filter(|m| m.kind == MentionKind::Name && m.etype == EntityType::Organization)
        .map(|m| m.span.of(cx.text))
        .collect();
    if orgs.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        if m.weak
            && m.kind == MentionKind::Name
            && m.etype == EntityType::Person
            && m.title.is_none()
            && orgs.contains(m.span.of(cx.text))
        {
            *m = organization(cx, m.toks.0, m.toks.1);
        }
    }
}

/// A company's arm in a country, named by the company and the country: "Ford
/// Canada" where the story names "Ford Motor Co of Canada Ltd", "Shell Canada"
/// after "Shell Oil Co". The company's word must open a company's name elsewhere
/// in the text (a suffix within four words of it), so "Obama Cuba" in a headline
/// and "Moscow Russia" stay apart.
fn national_arm(cx: &Ctx, a: usize, b: usize) -> bool {
    // a known company or a company's name, then the country: "General Motors
    // Canada", "Ford Motor Canada"
    let country = |k: usize| {
        cx.lx
            .places
            .get(cx.t(k))
            .is_some_and(|p| p.kind == crate::lexicon::PlaceKind::Country)
    };
    if b >= a + 3
        && country(b - 1)
        && !headline_cased(cx, a)
        && (cx.lx.orgs.contains_key(words(cx, a, b - 1)) || ends_as_organization(cx, a, b - 1))
    {
        return true;
    }
    if b != a + 2
        || headline_cased(cx, a)
        || cx.is_function_word(a)
        || cx.lx.places.contains_key(cx.t(a))
        || !country(a + 1)
    {
        return false;
    }
    let x = cx.t(a);
    let n = cx.toks.len();
    (0..n).any(|k| {
        k != a
            && cx.t(k) == x
            && (k + 1..(k + 5).min(n))
                .take_while(|&j| is_name_token(cx, j) || cx.t(j) == "of")
                .any(|j| is_company_suffix(cx.t(j)))
    })
}

/// Words that open a sentence or phrase before a company's name, never part of it.
const SENTENCE_OPENERS: &[&str] = &[
    "the", "a", "an", "and", "but", "or", "so", "in", "at", "on", "by", "for", "of", "from", "to",
    "with", "as", "while", "when", "after", "before", "since", "if", "that", "this",
];

/// Does the "and" at token `j` join one company's name: "Reynolds and Reynolds",
/// "Sachs and Co", "Bausch and Lomb Inc", or a pair that the text names twice
/// ("Bausch and Lomb said ... Bausch and Lomb said") and never apart. Never
/// between given names, places or known organisations ("Britain and France").
/// Where a partnership's name that goes on after the comma at `j` ends: capitalised
/// names (single commas between them) up to "and Co" / "and Company" ("Goldman, |Sachs
/// and Co", "Peat, |Marwick, Mitchell and Co").
fn comma_partnership(cx: &Ctx, j: usize, s1: usize) -> Option<usize> {
    let mut k = j + 1;
    let mut words = 0;
    while k < s1 && k < j + 10 {
        if is_name_token(cx, k) && !cx.is_function_word(k) {
            words += 1;
            k += 1;
        } else if cx.t(k) == "," && words > 0 && k + 1 < s1 && is_name_token(cx, k + 1) {
            k += 1;
        } else {
            break;
        }
    }
    ((1..=4).contains(&words)
        && k + 1 < s1
        && cx.t(k) == "and"
        && matches!(cx.t(k + 1), "Co" | "Company"))
    .then_some(k + 2)
}

fn company_and(cx: &Ctx, j: usize, s1: usize) -> bool {
    let (x, y) = (cx.t(j - 1), cx.t(j + 1));
    let lx = cx.lx;
    let known = |w: &str| {
        lx.first_names.contains_key(w)
            || lx.places.contains_key(w)
            || lx.orgs.contains_key(w)
            || lx.title(&w.to_lowercase()).is_some()
            || w.chars().count() < 2
    };
    // (a place or a known name after the "and" when a company suffix closes it within
    // two words: "American Telephone and Telegraph Co", "Atlantic and Pacific Tea Co")
    let closed = (j + 2..(j + 4).min(s1))
        .take_while(|&k| is_name_token(cx, k))
        .any(|k| is_company_suffix(cx.t(k)));
    let named_after = lx.first_names.contains_key(y) || y.chars().count() < 2;
    if known(x) || known(y) && !is_company_suffix(y) && (named_after || !closed) {
        return false;
    }
    if x == y || is_company_suffix(y) {
        return true;
    }
    // an office's head word closes the name right after the "and", two plain
    // words joined before it: "Securities and Exchange Commission", "Food and
    // Drug Administration", "Trade and Industry Committee"
    if !known(y)
        && (j < 2
            || !is_name_token(cx, j - 2)
            || cx.t(j - 2) == "The"
            || lx.places.contains_key(cx.t(j - 2)))
        && (j + 2..(j + 4).min(s1))
            .take_while(|&k| is_name_token(cx, k))
            .any(|k| lx.org_words.get(cx.t(k)) == Some(&false))
    {
        return true;
    }
    // a company suffix ends the name after the "and": "Atlantic and Pacific Tea Co Inc"
    if (j + 2..s1)
        .take_while(|&k| is_name_token(cx, k) || cx.toks[k].kind == TokKind::Possessive)
        .any(|k| is_company_suffix(cx.t(k)))
    {
        return true;
    }
    // named twice, and neither word ever alone ("Obama and Clinton" is two people)
    let n = cx.toks.len();
    let mut pairs = 0;
    for k in 0..n {
        let w = cx.t(k);
        if w == x && !(k + 2 < n && cx.t(k + 1) == "and" && cx.t(k + 2) == y)
            || w == y && !(k >= 2 && cx.t(k - 1) == "and" && cx.t(k - 2) == x)
        {
            return false;
        }
        pairs +=
            usize::from(w == "and" && k > 0 && k + 1 < n && cx.t(k - 1) == x && cx.t(k + 1) == y);
    }
    pairs >= 2
}

/// Head words of the names of places in a town: parks, squares, streets, grounds.
const PLACE_HEADS: &[&str] = &[
    "Park",
    "Square",
    "Street",
    "Road",
    "Avenue",
    "Lane",
    "Stadium",
    "Airport",
    "Station",
    "Bridge",
    "Gardens",
    "Palace",
    "Castle",
    "Abbey",
    "Cathedral",
    "Arena",
];

/// Words that open a football club's name before its city's.
const CLUB_PREFIXES: &[&str] = &[
    "Real",
    "Atletico",
    "AC",
    "Inter",
    "Bayern",
    "Borussia",
    "Dynamo",
    "Dinamo",
    "Sporting",
    "Olympique",
    "Hertha",
    "Werder",
    "Partizan",
    "Steaua",
    "Lokomotiv",
    "Spartak",
    "CSKA",
    "PSV",
];

fn words<'a>(cx: &Ctx<'a>, a: usize, b: usize) -> &'a str {
    cx.span(a, b).of(cx.text)
}

/// Cuts a capitalised run `[a, b)` into mentions.
fn split_run(cx: &Ctx, mut a: usize, b: usize, sent_start: usize, out: &mut Vec<MentionInfo>) {
    if a >= b {
        return;
    }
    let lx = cx.lx;
    // a company suffix alone ("Corp" after a possessive) names nobody
    if b - a == 1 && is_company_suffix(cx.t(a)) {
        return;
    }
    // whole-run lexicon hits first ("The New York Times", "United States")
    let whole = words(cx, a, b);
    if let Some(m) = lexicon_mention(cx, a, b, whole) {
        out.push(m);
        return;
    }
    // a company's arm in a country ("General Motors Canada"), an airline named for
    // its country ("Air Canada", "Air France", "Air New Zealand"), or a club for its
    // city ("Real Madrid", "AC Milan", "Bayern Munich", "Sporting Lisbon"), or a
    // broadcaster ("Radio Moscow", "Radio Tanzania")
    if national_arm(cx, a, b)
        || b - a >= 2
            && (matches!(cx.t(a), "Air" | "Radio" | "Television")
                || CLUB_PREFIXES.contains(&cx.t(a)))
            && cx.lx.places.contains_key(words(cx, a + 1, b))
    {
        out.push(organization(cx, a, b));
        return;
    }
    // a title, then a name no lexicon knows and a place's: a person whose surname
    // is a city's ("marketing manager Deogracias Madrid told Reuters"; an airline
    // or a club for its place is taken above)
    if b - a == 2
        && a > 0
        && !cx.capitalized(a - 1)
        && lx
            .title(&cx.lt(a - 1))
            .is_some_and(|(c, _)| c != TitleClass::Honorific)
        && cx.lx.places.contains_key(cx.t(a + 1))
        && !cx.is_function_word(a)
        && lexicon_mention(cx, a, a + 1, cx.t(a)).is_none()
    {
        out.push(person(cx, a, b, None, title_gender(cx, a - 1, a), false));
        return;
    }
    // leading function words: "The", "But", "Wednesday"; before a company suffix
    // only articles, conjunctions and prepositions ("First Wisconsin Corp")
    let company = is_company_suffix(cx.t(b - 1));
    // (an adjective capitalised in mid-sentence opens a name: "the New China News
    // Agency", "the Old Bailey"; at a sentence start or in a headline it may not)
    // (a place's name opens it anywhere: "New England Electric System said")
    // ("First" opens a bank's name, "First Interstate said", "First Chicago Corp",
    // when no comma follows it and it opens no title: not "First Lady")
    let opens_name = |k: usize| {
        matches!(cx.lt(k).as_ref(), "new" | "old")
            && k + 1 < b
            && (k > sent_start && !headline_cased(cx, k)
                || (k + 2..=(k + 3).min(b)).any(|e| cx.lx.places.contains_key(words(cx, k, e))))
            || cx.t(k) == "First"
                && k + 1 < b
                && cx.capitalized(k + 1)
                && !headline_cased(cx, k)
                && lx.title(&cx.lower_of(cx.span(k, k + 2))).is_none()
                && lx.title(&cx.lt(k + 1)).is_none()
    };
    // ("The US said": a country's or body's capitalised short name is no pronoun)
    let acronym = |k: usize| {
        let t = cx.t(k);
        crate::token::is_acronym(t) && (lx.places.contains_key(t) || lx.orgs.contains_key(t))
    };
    while a < b
        && (cx.is_function_word(a)
            && !opens_name(a)
            && !acronym(a)
            && (!company || SENTENCE_OPENERS.contains(&cx.lt(a).as_ref()))
            || cx.t(a) == ".")
    {
        a += 1;
    }
    if a >= b {
        return;
    }
    // "Council on the Environment": an organisation's head word, a preposition and
    // "the" inside the run (see `find`)
    if (a + 2..b).any(|k| {
        cx.t(k) == "the"
            && matches!(cx.t(k - 1), "for" | "of" | "on")
            && cx.lx.org_words.contains_key(cx.t(k - 2))
    }) {
        out.push(organization(cx, a, b));
        return;
    }
    // "John McCain of Arizona", "Joe Carson of Chemical Bank": a person's name,
    // then where they come from or work; "Bank of England" stays whole
    if let Some(of) = affiliation_of(cx, a, b) {
        split_run(cx, a, of, sent_start, out);
        split_run(cx, of + 1, b, of + 1, out);
        return;
    }
    // "Chrysler Corp Chairman Lee Iacocca", "Frost and Sullivan Inc President Daniel
    // Sullivan": a company, then a title and whoever holds it
    // (past the suffix's period: "Texaco Inc. Chairman James Kinnear")
    let after_suffix = |k: usize| if cx.t(k + 1) == "." { k + 2 } else { k + 1 };
    if let Some(k) = (a + 1..b.saturating_sub(2)).find(|&k| {
        is_company_suffix(cx.t(k))
            && after_suffix(k) + 1 < b
            && lx
                .title(&cx.lt(after_suffix(k)))
                .is_some_and(|(c, _)| c != TitleClass::Honorific)
    }) {
        split_run(cx, a, k + 1, sent_start, out);
        split_run(cx, after_suffix(k), b, after_suffix(k), out);
        return;
    }
    // "Council of Economic Advisers Chairman Beryl Sprinkel", "Federal Reserve Board
    // Chairman Paul Volcker": a body's name, then a title and whoever holds it
    if let Some(k) = (a + 2..b.saturating_sub(1)).find(|&k| {
        lx.title(&cx.lt(k))
            .is_some_and(|(c, _)| c != TitleClass::Honorific)
            && cx.capitalized(k + 1)
            && !cx.is_function_word(k + 1)
            && (ends_as_organization(cx, a, k) || org_word_joined(cx, a, k))
            && !ends_as_organization(cx, k + 1, b)
    }) {
        split_run(cx, a, k, sent_start, out);
        split_run(cx, k, b, k, out);
        return;
    }
    // "Finance Ministry", "General Electric Co", "George W Bush Presidential
    // Center": a name ending in an organisation's head word is the organisation,
    // whatever given name or title it opens with ("Rob Da Bank" is a person)
    if ends_as_organization(cx, a, b) || org_word_joined(cx, a, b) || designated(cx, a, b) {
        out.push(organization(cx, a, b));
        return;
    }
    // a park, square or street where something is: "the new stadium in Stanley
    // Park", "a rally at Trafalgar Square" (a given name opens it, not a person)
    if b - a >= 2
        && a > 0
        && matches!(
            cx.lt(a - 1).as_ref(),
            "in" | "at" | "near" | "outside" | "inside" | "into" | "from" | "across"
        )
        && PLACE_HEADS.contains(&cx.t(b - 1))
    {
        let name = words(cx, a, b);
        out.push(MentionInfo {
            span: cx.span(a, b),
            kind: MentionKind::Name,
            etype: EntityType::Place,
            toks: (a, b),
            title: None,
            gender: Gender::Unknown,
            canonical: Some(name.to_string()),
            weak: false,
        });
        return;
    }
    let sentence_initial = a == sent_start
        || (a > sent_start
            && matches!(cx.toks[a - 1].kind, TokKind::Quote(_))
            && a - 1 == sent_start);
    // a given name starts a person's name: everything before it is a title
    let given = (a..b).find(|&k| {
        // (looked up once: most words of a run are no given name)
        lx.first_names.contains_key(cx.t(k))
            && (k + 1 < b && cx.t(k + 1) != "." || k + 2 < b && cx.t(k + 1) == ".")
    });
    if let Some(k) = given {
        // a headline's words after the name are no part of it: "Lindsey Graham
        // Says", "Chris Christie Calls Hillary Clinton"
        let end = name_end(cx, k, b);
        if end < b {
            let rest = if cx.cues(end).is_some() { end + 1 } else { end };
            split_run(cx, a, end, sent_start, out);
            if rest < b {
                split_run(cx, rest, b, rest, out);
            }
            return;
        }
        let gender = lx.first_names[cx.t(k)];
        let title = (k > a).then(|| cx.span(a, k));
        let title_gender = title_gender(cx, a, k);
        if k > a {
            prefix_mentions(cx, a, k, out);
        }
        out.push(person(
            cx,
            k,
            b,
            title,
            if gender == Gender::Unknown {
                title_gender
            } else {
                gender
            },
            false,
        ));
        return;
    }
    // titles from the left: "President Putin", "Mr. Obama", "Alliance Secretary-General X"
    let mut k = a;
    let mut saw_title = None;
    let mut tg = Gender::Unknown;
    while k < b {
        let mut matched = 0;
        for n in (1..=lx.max_title_words.min(b - k)).rev() {
            let phrase = cx.lower_of(cx.span(k, k + n));
            // "Sen." is two tokens; the lexicon spells it with its period
            let dotted = (k + n < b
                && cx.t(k + n) == "."
                && cx.toks[k + n - 1].span.end == cx.toks[k + n].span.start)
                .then(|| cx.lower_of(cx.span(k, k + n + 1)));
            let hit = lx
                .title(phrase.trim_end_matches('.'))
                .or_else(|| dotted.and_then(|d| lx.title(&d)));
            if let Some((class, g)) = hit {
                if class != TitleClass::Role || n > 1 || k + n < b {
                    matched = n;
                    if g != Gender::Unknown {
                        tg = g;
                    }
                    break;
                }
            }
        }
        if matched == 0 {
            // non-title words before a title: "Alliance Secretary-General",
            // "Central Bank President Leonel Figueroa" (a name must follow)
            if k + 1 < b && saw_title.is_none() && !lx.orgs.contains_key(words(cx, k, b)) {
                let title_at = (k + 1..(k + 5).min(b - 1))
                    .find(|&t| lx.title(cx.lt(t).trim_end_matches('.')).is_some());
                if let Some(t) = title_at {
                    k = t;
                    continue;
                }
            }
            break;
        }
        k += matched;
        if k < b && cx.t(k) == "." {
            k += 1;
        }
        saw_title = Some(k);
    }
    if let Some(end) = saw_title {
        // "the Archbishop of Canterbury", "U.S. Attorney for Manhattan Rudolph
        // Giuliani": an office of a place or body; a person's name follows only
        // past a place or organisation the lexicons know
        if end + 1 < b && (CONNECTORS.contains(&cx.t(end)) || cx.is(end, "for")) {
            let of = end + 1;
            let body = (of + 1..(of + 4).min(b))
                .rev()
                .find(|&e| lexicon_mention(cx, of, e, words(cx, of, e)).is_some());
            match body {
                Some(e) if b - e >= 2 => {
                    prefix_mentions(cx, a, end, out);
                    split_run(cx, of, e, of, out);
                    out.push(person(cx, e, b, Some(cx.span(a, e)), tg, false));
                }
                // the office alone names no one: a role, whoever holds it
                _ => out.push(MentionInfo {
                    span: cx.span(a, b),
                    kind: MentionKind::Role,
                    etype: EntityType::Person,
                    toks: (a, b),
                    title: None,
                    gender: tg,
                    canonical: None,
                    weak: false,
                }),
            }
            return;
        }
        if end < b {
            prefix_mentions(cx, a, end, out);
            out.push(person(cx, end, b, Some(cx.span(a, end)), tg, false));
            return;
        }
        // a title alone ("President") is not a mention
        return;
    }
    // "the Russian President", "the outgoing European Commissioner": an office,
    // held by whoever the story names, not a person named so (a role mention)
    if b - a >= 2 {
        let title = lx.title(&cx.lt(b - 1));
        let office = title.is_some_and(|(c, _)| c == TitleClass::Title)
            && (a..b - 1).all(|k| lx.places.contains_key(cx.t(k)));
        // ("the" right before, or before a lower-case word or two: "the outgoing")
        let mut t = a;
        while t > a.saturating_sub(3)
            && t > 0
            && cx.toks[t - 1].is_word()
            && !cx.is(t - 1, "the")
            && !is_capitalized(cx.t(t - 1))
        {
            t -= 1;
        }
        let the = (t > 0 && cx.is(t - 1, "the")).then(|| t - 1);
        if let (true, Some(t)) = (office, the) {
            out.push(MentionInfo {
                span: cx.span(t, b),
                kind: MentionKind::Role,
                etype: EntityType::Person,
                toks: (t, b),
                title: None,
                gender: title.map_or(Gender::Unknown, |x| x.1),
                canonical: None,
                weak: false,
            });
            return;
        }
    }
    // organisations by head or prefix word, or by "and" between names, places and
    // known names inside the run
    let last = cx.t(b - 1);
    let first = cx.t(a);
    if lx.org_words.get(last) == Some(&false)
        || b - a == 1 && is_org_word(cx, a)
        || lx.org_words.get(first) == Some(&true)
        || (a..b).any(|k| cx.t(k) == "and")
    {
        out.push(organization(cx, a, b));
        return;
    }
    // a headline's verb of saying ends a name nobody vouches for: "Sandars | Vows
    // To Eliminate Tax Breaks"
    if b - a > 2 && headline_cased(cx, a) {
        if let Some(j) = (a + 1..b).find(|&j| cx.cues(j).is_some()) {
            split_run(cx, a, j, sent_start, out);
            if j + 1 < b {
                split_run(cx, j + 1, b, j + 1, out);
            }
            return;
        }
    }
    // a known organisation's name going on with names no lexicon knows is the
    // organisation's whole name: "Sony Ericsson", "Acme Pictures"
    // (not before a cue: "Sony Says" in a headline)
    if b - a >= 2 && !headline_cased(cx, a) {
        let first = (a + 1..b)
            .rev()
            .find_map(|e| lexicon_mention(cx, a, e, words(cx, a, e)).map(|m| (e, m)));
        if let Some((e, m)) = first {
            // (not a group after a body, "Senate Republicans", nor a name after an
            // outlet, "told The Washington Post Trump ...")
            let rest_unknown = (e..b).all(|j| {
                cx.toks[j].is_word()
                    && cx.cues(j).is_none()
                    && cx.lx.group(cx.t(j)).is_none()
                    && !matches!(
                        cx.lx.context.time_word(&cx.lt(j)),
                        Some(TimeWord::Weekday(_) | TimeWord::Month(_))
                    )
                    && lexicon_mention(cx, j, j + 1, cx.t(j)).is_none()
            });
            let media = cx.lx.is_media(words(cx, a, e));
            if m.etype == EntityType::Organization && b - e <= 2 && rest_unknown && !media {
                out.push(organization(cx, a, b));
                return;
            }
            // a place, then one word no lexicon knows that is no given name: a
            // company or body named after it ("New Jersey Bell said", "Ohio Edison"),
            // not a person (a place that is also a given name may open one:
            // "Jordan Henderson")
            let one = b - e == 1
                && rest_unknown
                && !cx.lx.first_names.contains_key(cx.t(e))
                && !cx.lx.first_names.contains_key(cx.t(a))
                && cx.lx.title(&cx.lt(e)).is_none()
                && !cx.t(e).ends_with("'s")
                // (a party's member from there is a person: "the Kentucky Republican")
                && cx.lx.group(&format!("{}s", cx.t(e))).is_none()
                && !matches!(cx.t(e), "Democratic" | "Democrat" | "Republican");
            if m.etype == EntityType::Place && one && !media {
                out.push(organization(cx, a, b));
                return;
            }
        }
    }
    // sub-spans known to the lexicons, longest first; the rest are weak names
    let mut k = a;
    let mut weak_from = None;
    while k < b {
        let mut hit = None;
        for e in (k + 1..=b.min(k + 6)).rev() {
            if let Some(m) = lexicon_mention(cx, k, e, words(cx, k, e)) {
                hit = Some((e, m));
                break;
            }
        }
        match hit {
            Some((e, m)) => {
                if let Some(w) = weak_from.take() {
                    push_weak(cx, w, k, sentence_initial && w == a, out);
                }
                out.push(m);
                k = e;
            }
            None => {
                weak_from.get_or_insert(k);
                k += 1;
            }
        }
    }
    if let Some(w) = weak_from {
        push_weak(cx, w, b, sentence_initial && w == a, out);
    }
}

/// Where a person's name that opens with the given name at `k` ends inside the
/// run `[k, b)`: before a capitalised verb of saying ("Lindsey Graham Says"),
/// and in a headline-cased sentence after its surname (initials and name
/// particles first: "Elizabeth Warrn | Hammers Wells Fargo CEO").
fn name_end(cx: &Ctx, k: usize, b: usize) -> usize {
    // a verb right after the given name cuts only in a headline ("Bill Press")
    let headline = b - k > 2 && headline_cased(cx, k);
    let first = if headline { k + 1 } else { k + 2 };
    let mut end = (first..b)
        .find(|&j| cx.cues(j).is_some() && !cx.lx.first_names.contains_key(cx.t(j)))
        .unwrap_or(b);
    if end - k > 2 && headline {
        let mut j = k + 1;
        while j + 1 < end {
            let w = cx.t(j);
            // a second given name is no sign: surnames are given names too ("Warren")
            let part = w == "."
                || w.chars().count() == 1
                || CONNECTORS.contains(&cx.lt(j).as_ref())
                || matches!(w, "Jr" | "Sr" | "II" | "III");
            if !part {
                break;
            }
            j += 1;
        }
        // the surname, then its suffix
        j += 1;
        while j < end && matches!(cx.t(j), "." | "Jr" | "Sr" | "II" | "III") {
            j += 1;
        }
        end = end.min(j);
    }
    end
}

/// Is the sentence of token `k` written in headline case: four words or more,
/// at least four in five of them capitalised?
fn headline_cased(cx: &Ctx, k: usize) -> bool {
    let (s0, s1) = cx.sent_toks[cx.tok_sent[k] as usize];
    let words = (s0..s1).filter(|&j| cx.toks[j].is_word());
    let (mut n, mut caps) = (0, 0);
    for j in words {
        n += 1;
        caps += usize::from(cx.capitalized(j));
    }
    n >= 4 && caps * 5 >= n * 4
}

/// An organisation's name no lexicon knows, found by its words.
fn organization(cx: &Ctx, a: usize, b: usize) -> MentionInfo {
    MentionInfo {
        span: cx.span(a, b),
        kind: MentionKind::Name,
        etype: EntityType::Organization,
        toks: (a, b),
        title: None,
        gender: Gender::Unknown,
        canonical: None,
        weak: false,
    }
}

/// Is token `k` an organisation's head word ("Ministry", "Corp", "Center")?
fn is_org_word(cx: &Ctx, k: usize) -> bool {
    let w = cx.t(k);
    cx.lx.org_words.contains_key(w) || is_company_suffix_any_case(w) || company_word(w)
}

/// A one-word company name built on a company word: "Citicorp", "Bancorp".
fn company_word(w: &str) -> bool {
    w.len() > 6 && w.is_char_boundary(w.len() - 4) && w[w.len() - 4..].eq_ignore_ascii_case("corp")
}

/// Does the run `[a, b)` end in an organisation's head word after at least one
/// other word, not after a name particle ("Rob Da Bank")?
fn ends_as_organization(cx: &Ctx, a: usize, b: usize) -> bool {
    // (its acronym after it: "National Statistics Institute ISTAT", "News Agency KNA")
    let acronym = |k: usize| {
        let w = cx.t(k);
        w.len() <= 6 && crate::token::is_acronym(w)
    };
    if b - a >= 3 && acronym(b - 1) && is_org_word(cx, b - 2) {
        return ends_as_organization(cx, a, b - 1);
    }
    if b - a < 2 || !is_org_word(cx, b - 1) {
        return false;
    }
    let before = cx.lt(b - 2);
    !CONNECTORS.contains(&before.as_ref()) && cx.t(b - 2) != "."
}

/// Does a company's legal form stand inside the run, a word of the name after it:
/// "Coca-Cola Bottling Co Consolidated", "Acme Inc Holdings"? (No person's name
/// holds one.)
fn designated(cx: &Ctx, a: usize, b: usize) -> bool {
    (a + 1..b.saturating_sub(1)).any(|k| {
        matches!(
            cx.t(k),
            "Co" | "Cos"
                | "Corp"
                | "Corporation"
                | "Inc"
                | "Incorporated"
                | "Ltd"
                | "LLC"
                | "PLC"
                | "Plc"
                | "GmbH"
        )
    })
}

/// Does an organisation's head word open a longer name in the run: "Bank of
/// England", "Roper Center for Public Opinion Research"?
fn org_word_joined(cx: &Ctx, a: usize, b: usize) -> bool {
    (a..b.saturating_sub(2))
        .any(|k| is_org_word(cx, k) && matches!(cx.t(k + 1), "of" | "for" | "to"))
}

/// The "of" token in `[a, b)` that joins a person's name (two words or more,
/// no organisation word: "Sen. John McCain") to an affiliation after it.
fn affiliation_of(cx: &Ctx, a: usize, b: usize) -> Option<usize> {
    let of = (a + 1..b.saturating_sub(1)).find(|&k| cx.t(k) == "of")?;
    let names = (a..of).filter(|&k| cx.toks[k].is_word()).count();
    let org_or_title_alone = (a..of).any(|k| is_org_word(cx, k))
        || (a..of).all(|k| !cx.toks[k].is_word() || cx.lx.title(&cx.lt(k)).is_some());
    let person = (a..of).any(|k| cx.lx.first_names.contains_key(cx.t(k)))
        || cx.lx.title(&cx.lt(a)).is_some()
        || cx.lx.abbreviation(cx.t(a)) == Some(crate::lexicon::AbbrevKind::Title);
    (names >= 2 && !org_or_title_alone && person).then_some(of)
}

/// Acronyms of news text that name no person or organisation: diseases, measures,
/// trade terms, devices.
const NO_ACTOR_ACRONYMS: &[&str] = &[
    "AIDS", "HIV", "SARS", "BSE", "GDP", "GNP", "CEO", "CFO", "COO", "IPO", "VAT", "CIF", "FOB",
    "DNA", "TV", "CD", "CDS", "DVD", "PC", "PCS", "ATM", "GMT", "EST", "OK", "AM", "PM", "MP",
    "MPS", "LNG", "LPG", "OTC", "PE", "EPS", "FM", "IQ", "ID", "SMS", "MMS", "3G", "ISP", "CT",
    "MRI", "USD", "DLRS", "PCT", "MLN", "BLN",
];

fn push_weak(cx: &Ctx, a: usize, b: usize, sentence_initial: bool, out: &mut Vec<MentionInfo>) {
    // a lone sentence-initial capitalised word is usually just a word ("Speaking", "Although")
    let w = cx.t(a);
    if b - a == 1 && (w.chars().count() < 2 || w.chars().all(|c| c.is_uppercase()) && w.len() < 2) {
        return;
    }
    if sentence_initial && b - a == 1 && (w.ends_with("ing") || w.ends_with("ly")) {
        return;
    }
    // nor a group noun opening a sentence: "Analysts said ...", "Traders said ..."
    if sentence_initial && b - a == 1 && cx.lx.group(&cx.lt(a)).is_some() {
        return;
    }
    // nor a group of some body: "Officials of Harcourt said" (the body's name
    // stays a name)
    if b - a >= 3 && cx.t(a + 1) == "of" && cx.lx.plural_group(&cx.lt(a)) {
        push_weak(cx, a + 2, b, false, out);
        return;
    }
    // nor an acronym that names no actor: "the spread of AIDS", "GDP grew"
    // (other words in capitals may be a transcript's speakers: "PENCE:")
    if b - a == 1 && NO_ACTOR_ACRONYMS.contains(&w) {
        return;
    }
    if cx.t(b - 1) == "." || (b - a == 1 && cx.lx.places.contains_key(w)) {
        return;
    }
    // an acronym right after an organisation's name is its short name: "the
    // Australian Bureau of Agricultural Economics, BAE, predicts", "(BAE)"
    if b - a == 1
        && crate::token::is_acronym(w)
        && a >= 2
        && matches!(cx.t(a - 1), "," | "(")
        && out
            .last()
            .is_some_and(|m| m.toks.1 == a - 1 && m.etype == EntityType::Organization)
    {
        out.push(organization(cx, a, b));
        return;
    }
    // a name after a company noun is the company's: "chipmaker Intel", "the club
    // Juventus", "the group Muse" ("producer" names film producers as often:
    // "Hollywood producer Burt Sugarman")
    // what shares are in is a company: "Shares in Krispy Kreme sank", "a stake in Texstyrene"
    if a >= 2
        && matches!(cx.lt(a - 1).as_ref(), "in" | "of")
        && matches!(cx.lt(a - 2).as_ref(), "shares" | "stake")
        && !cx.lx.first_names.contains_key(w)
    {
        out.push(organization(cx, a, b));
        return;
    }
    if a > 0 && cx.toks[a - 1].is_word() && !is_capitalized(cx.t(a - 1)) {
        let before = cx.lt(a - 1);
        // (a plural of experts before one name is a firm: "technology analysts IDC",
        // "consultants Deloitte")
        let firm_of_experts = matches!(
            before.as_ref(),
            "analysts" | "consultants" | "researchers" | "pollsters"
        );
        let company = before != "producer"
            && (crate::attribution::COMPANY_NOUNS.contains(&before.as_ref())
                || firm_of_experts
                || before.ends_with("maker")
                || cx.lx.org_descriptor(&before).is_some()
                || cx.lx.is_org_word_lower(&before));
        if company && !cx.lx.first_names.contains_key(w) {
            out.push(organization(cx, a, b));
            return;
        }
    }
    out.push(MentionInfo {
        span: cx.span(a, b),
        kind: MentionKind::Name,
        etype: EntityType::Person,
        toks: (a, b),
        title: None,
        gender: Gender::Unknown,
        canonical: None,
        weak: true,
    });
}

fn person(
    cx: &Ctx,
    a: usize,
    b: usize,
    title: Option<Span>,
    gender: Gender,
    weak: bool,
) -> MentionInfo {
    MentionInfo {
        span: cx.span(a, b),
        kind: MentionKind::Name,
        etype: EntityType::Person,
        toks: (a, b),
        title,
        gender,
        canonical: None,
        weak,
    }
}

fn title_gender(cx: &Ctx, a: usize, b: usize) -> Gender {
    (a..b)
        .filter_map(|k| {
            cx.lx
                .title(cx.t(k).to_lowercase().trim_end_matches('.'))
                .map(|x| x.1)
        })
        .find(|g| *g != Gender::Unknown)
        .unwrap_or(Gender::Unknown)
}

/// Places and organisations named inside a title: "US Ambassador to Russia".
fn prefix_mentions(cx: &Ctx, a: usize, b: usize, out: &mut Vec<MentionInfo>) {
    for k in a..b {
        if let Some(m) = lexicon_mention(cx, k, k + 1, cx.t(k)) {
            out.push(m);
        }
    }
}

/// A span known to the place or organisation lexicons.
fn lexicon_mention(cx: &Ctx, a: usize, b: usize, s: &str) -> Option<MentionInfo> {
    let lx = cx.lx;
    if !lx.may_be_org_or_place(s) {
        return None;
    }
    let (etype, canonical) = if let Some(o) = lx.orgs.get(s) {
        (EntityType::Organization, o.canonical.clone())
    } else if let Some(p) = lx.places.get(s) {
        if p.kind == PlaceKind::Demonym {
            return None;
        }
        (EntityType::Place, p.canonical.clone())
    } else {
        return None;
    };
    Some(MentionInfo {
        span: cx.span(a, b),
        kind: MentionKind::Name,
        etype,
        toks: (a, b),
        title: None,
        gender: Gender::Unknown,
        canonical: Some(canonical),
        weak: false,
    })
}

/// Role nouns and organisation descriptors after "the": "the NATO leader",
/// "the ministry", "the former president", "the alliance".
fn role_mentions(cx: &Ctx, out: &mut Vec<MentionInfo>) {
    let lx = cx.lx;
    for i in 0..cx.toks.len() {
        if cx.tok_bp[i] || !cx.t(i).eq_ignore_ascii_case("the") {
            continue;
        }
        let sent_end = cx.sent_toks[cx.tok_sent[i] as usize].1;
        // up to three modifiers, then the head noun (a company's trades listed
        // before it: "the steel, aerospace and energy concern")
        let mut listed = 0;
        let mut h = i;
        loop {
            h += 1;
            if h >= (i + 5 + listed).min(sent_end) {
                break;
            }
            let w = cx.t(h);
            if w == "," && listed < 4 && h + 1 < sent_end && cx.toks[h + 1].is_word() {
                listed += 1;
                continue;
            }
            if !cx.toks[h].is_word() {
                break;
            }
            if listed > 0 && w == "and" {
                listed += 1;
                continue;
            }
            let lw = cx.lt(h);
            let lw = lw.as_ref();
            let next_is_of = h + 1 < sent_end && cx.t(h + 1) == "of";
            let role = lx
                .title(lw)
                .is_some_and(|(c, _)| c != TitleClass::Honorific)
                && !is_capitalized(w);
            let descriptor = lx.org_descriptor(lw);
            // (a company noun no lexicon lists heads a phrase with a modifier: "the
            // concern is" is no company, "the energy concern" is)
            let company =
                crate::attribution::COMPANY_NOUNS.contains(&lw) && (lw != "concern" || h > i + 1);
            let org_descr = descriptor.is_some()
                || (!is_capitalized(w) && (lx.is_org_word_lower(lw) || company));
            // (a list before the head only for a company's trades, closed by "and":
            // not "at the venue, police said")
            let and_seen = (i + 1..h).any(|j| cx.is(j, "and"));
            if listed > 0 && (role || org_descr) && !(org_descr && and_seen) {
                break;
            }
            if (role || org_descr)
                && !next_is_of
                && !(h + 1 < sent_end
                    && cx.toks[h + 1].is_word()
                    && !is_capitalized(cx.t(h + 1))
                    && lx.title(&cx.lt(h + 1)).is_some())
            {
                let etype = if role {
                    EntityType::Person
                } else {
                    EntityType::Organization
                };
                let canonical = descriptor.map(|o| o.canonical.clone());
                out.push(MentionInfo {
                    span: cx.span(i, h + 1),
                    kind: MentionKind::Role,
                    etype,
                    toks: (i, h + 1),
                    title: None,
                    gender: lx.title(lw).map_or(Gender::Unknown, |x| x.1),
                    canonical,
                    weak: false,
                });
                break;
            }
            if h > i + 1 && cx.is_function_word(h) || cx.cues(h).is_some() {
                break;
            }
        }
    }
}
