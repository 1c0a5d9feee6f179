//! Time expressions that date a statement ("on Wednesday", "last week", "in
//! August", "Eight years ago"), found on tokens and resolved against the
//! article's publication date. Pure date arithmetic on the proleptic Gregorian
//! calendar; no clock is read.

use crate::context::Ctx;
use crate::context_lexicon::{ContextLexicon, TimeWord};
use crate::token::TokKind;
use whosaid_core::{Granularity, Span, TimeExpr};

/// A calendar day, as days since 1970-01-01.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day(pub i64);

impl Day {
    /// From year, month (1-12) and day (1-31); `None` for an impossible date.
    pub fn from_ymd(y: i64, m: u32, d: u32) -> Option<Day> {
        if !(1..=12).contains(&m) || d == 0 || d > days_in_month(y, m) {
            return None;
        }
        // Howard Hinnant's days_from_civil
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (i64::from(m) + 9) % 12;
        let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        Some(Day(era * 146_097 + doe - 719_468))
    }

    /// (year, month, day).
    pub fn ymd(self) -> (i64, u32, u32) {
        let z = self.0 + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y, m, d)
    }

    /// 0 = Monday ... 6 = Sunday.
    pub fn weekday(self) -> i64 {
        (self.0 + 3).rem_euclid(7)
    }

    /// The Monday of this day's week.
    pub fn monday(self) -> Day {
        Day(self.0 - self.weekday())
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        let (y, m, d) = self.ymd();
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// A publication date: the `YYYY-MM-DD` that opens an ISO 8601 date or
    /// date-time ("2016-09-12", "1987-02-26T15:01:01").
    pub fn parse_iso(s: &str) -> Option<Day> {
        let b = s.as_bytes();
        if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| s.get(r)?.parse::<u32>().ok();
        Day::from_ymd(i64::from(num(0..4)?), num(5..7)?, num(8..10)?)
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The most recent `weekday` on or before `pubd` (strictly before with `last`).
fn weekday_on_or_before(pubd: Day, weekday: i64, strictly: bool) -> Day {
    let mut back = (pubd.weekday() - weekday).rem_euclid(7);
    if strictly && back == 0 {
        back = 7;
    }
    Day(pubd.0 - back)
}

/// The year of the most recent `month` not after the publication month
/// (strictly before with `last`).
fn month_year(pubd: Day, month: u32, strictly: bool) -> i64 {
    let (y, m, _) = pubd.ymd();
    if month > m || (strictly && month == m) {
        y - 1
    } else {
        y
    }
}

fn month_iso(y: i64, m: u32) -> String {
    format!("{y:04}-{m:02}")
}

/// A four-digit year of news (1900-2099) at token `k`.
fn year_at(cx: &Ctx, k: usize) -> Option<i64> {
    // (the text may end right after a preposition: "... reliance on")
    if cx.toks.get(k)?.kind != TokKind::Number {
        return None;
    }
    let t = cx.t(k);
    if t.len() != 4 {
        return None;
    }
    let y: i64 = t.parse().ok()?;
    (1900..2100).contains(&y).then_some(y)
}

/// A day of the month (1-31), possibly with its ordinal ending ("16th").
fn day_of_month(cx: &Ctx, k: usize) -> Option<u32> {
    let t = cx.t(k);
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = &t[digits.len()..];
    if !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

/// Small numbers written out, for "Eight years ago".
pub(crate) fn small_number(w: &str) -> Option<i64> {
    const WORDS: [&str; 12] = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
        "twelve",
    ];
    if let Some(i) = WORDS.iter().position(|x| *x == w) {
        return Some(i as i64 + 1);
    }
    w.parse::<i64>().ok().filter(|n| (1..100).contains(n))
}

/// A time expression found at a token: its token range and its value.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    pub first: usize,
    pub end: usize,
    pub date: Option<String>,
    pub granularity: Granularity,
}

impl Found {
    pub fn expr(&self, cx: &Ctx) -> TimeExpr {
        TimeExpr {
            span: cx.span(self.first, self.end),
            date: self.date.clone(),
            granularity: self.granularity,
        }
    }
}

/// Words that open a time expression and belong to it ("on Wednesday", "in August").
fn is_time_preposition(w: &str) -> bool {
    matches!(w, "on" | "in")
}

/// The time expression that starts at token `k` (not before it) and ends by
/// `end`, resolved against `pubd` when there is one. `None` when `k` opens no
/// time expression.
pub fn time_at(
    cx: &Ctx,
    lx: &ContextLexicon,
    k: usize,
    end: usize,
    pubd: Option<Day>,
) -> Option<Found> {
    let w = |i: usize| -> Option<std::borrow::Cow<'_, str>> {
        (i < end && cx.toks[i].is_word()).then(|| cx.lt(i))
    };
    let word = |i: usize, s: &str| i < end && cx.is(i, s);
    if cx.toks[k].kind == TokKind::Number {
        return numeric_date(cx, k, end);
    }
    let lw = w(k)?;
    let lw = lw.as_ref();
    let mut i = k;
    // "on" / "in" open an expression only when one follows
    let prep = is_time_preposition(lw);
    if prep {
        i += 1;
    }
    // modifiers: "late", "early", "earlier", "last", "this", "next"
    let mut last = false;
    let mut this = false;
    let mut modified = false;
    loop {
        if word(i, "last") || word(i, "past") {
            last = true;
        } else if word(i, "this") {
            this = true;
        } else if matches!(
            w(i).as_deref().and_then(|x| lx.time_word(x)),
            Some(TimeWord::Modifier)
        ) {
            modified = true;
        } else {
            break;
        }
        i += 1;
    }
    let cur = w(i);
    let tw = cur.as_deref().and_then(|x| lx.time_word(x));
    let found = |last_tok: usize, date: Option<String>, g: Granularity| {
        Some(Found {
            first: k,
            end: last_tok,
            date,
            granularity: g,
        })
    };
    // "early Sunday morning", "Monday night", "on Saturday"
    match tw {
        // (not a weekday in a name: "Fox News Sunday")
        Some(TimeWord::Weekday(wd))
            if cx.capitalized(i)
                && !this
                && !(i == k
                    && k > 0
                    && cx.capitalized(k - 1)
                    && cx.toks[k - 1].is_word()
                    && !is_sentence_start(cx, k)) =>
        {
            let mut e = i + 1;
            if e < end && cx.toks[e].kind == TokKind::Possessive {
                e += 1;
            }
            if matches!(
                w(e).as_deref().and_then(|x| lx.time_word(x)),
                Some(TimeWord::Part)
            ) {
                e += 1;
            }
            let date = pubd.map(|p| weekday_on_or_before(p, wd, last).iso());
            let g = if date.is_some() {
                Granularity::Day
            } else {
                Granularity::Unresolved
            };
            return found(e, date, g);
        }
        Some(TimeWord::Day(off)) if !last && !this => {
            let mut e = i + 1;
            if matches!(
                w(e).as_deref().and_then(|x| lx.time_word(x)),
                Some(TimeWord::Part)
            ) {
                e += 1;
            }
            return day_found(k, e, pubd.map(|p| Day(p.0 + off)));
        }
        Some(TimeWord::Month(m))
            if cx.capitalized(i) && month_ok(cx, i, end, prep || last || modified) =>
        {
            // "Sept. 9", "Sept. 9, 2016", "March 2016", "June 16th of last year", "in August"
            let mut e = i + 1;
            if abbreviated(cx, i, end) {
                e += 1;
            }
            if let Some(d) = (e < end).then(|| day_of_month(cx, e)).flatten() {
                let mut e2 = e + 1;
                let mut year = None;
                let mut j = e2;
                if j < end && cx.t(j) == "," {
                    j += 1;
                }
                if let Some(y) = (j < end).then(|| year_at(cx, j)).flatten() {
                    year = Some(y);
                    e2 = j + 1;
                }
                let day = match (year, pubd) {
                    (Some(y), _) => Day::from_ymd(y, m, d),
                    (None, Some(p)) => {
                        let (py, _, _) = p.ymd();
                        Day::from_ymd(py, m, d).map(|x| {
                            if x > p {
                                Day::from_ymd(py - 1, m, d).unwrap_or(x)
                            } else {
                                x
                            }
                        })
                    }
                    (None, None) => None,
                };
                return day_found(k, e2, day);
            }
            if let Some(y) = (e < end).then(|| year_at(cx, e)).flatten() {
                return found(e + 1, Some(month_iso(y, m)), Granularity::Month);
            }
            return match pubd {
                Some(p) => found(
                    e,
                    Some(month_iso(month_year(p, m, last), m)),
                    Granularity::Month,
                ),
                None => found(e, None, Granularity::Unresolved),
            };
        }
        Some(TimeWord::Season) if this || last => {
            let y = pubd.map(|p| p.ymd().0 - i64::from(last));
            return year_found(k, i + 1, y);
        }
        Some(TimeWord::Vague) if !prep && !last && !this && !modified => {
            return found(i + 1, None, Granularity::Unresolved);
        }
        _ => {}
    }
    // "last week", "this weekend", "earlier this month", "last year", "this year"
    if (last || this) && !word(i.saturating_sub(1), "past") {
        if let Some(u) = cur.as_deref() {
            let p = pubd;
            match u {
                "week" => {
                    let d = p.map(|p| Day(p.monday().0 - if last { 7 } else { 0 }));
                    return week_found(k, i + 1, d);
                }
                "weekend" => {
                    let d = p.map(|p| {
                        let sat = weekday_on_or_before(p, 5, last && p.weekday() >= 5);
                        sat.monday()
                    });
                    return week_found(k, i + 1, d);
                }
                "month" => {
                    let d = p.map(|p| {
                        let (y, m, _) = p.ymd();
                        if last {
                            if m == 1 {
                                month_iso(y - 1, 12)
                            } else {
                                month_iso(y, m - 1)
                            }
                        } else {
                            month_iso(y, m)
                        }
                    });
                    return match d {
                        Some(d) => found(i + 1, Some(d), Granularity::Month),
                        None => found(i + 1, None, Granularity::Unresolved),
                    };
                }
                "year" => {
                    return year_found(k, i + 1, p.map(|p| p.ymd().0 - i64::from(last)));
                }
                _ => {}
            }
        }
    }
    // "earlier in the day": a part of a day the text does not name here
    if modified && !last && !this && word(i, "in") && word(i + 1, "the") && word(i + 2, "day") {
        return found(i + 3, None, Granularity::Unresolved);
    }
    if last || this || modified {
        // "last" alone ("last minute") is nothing
        return None;
    }
    // "in 2012", "in June 2012" (above), "in the 1990s"
    if prep {
        if let Some(y) = year_at(cx, i) {
            return year_found(k, i + 1, Some(y));
        }
        if lw == "in"
            && word(i, "recent")
            && matches!(
                w(i + 1).as_deref(),
                Some("days" | "weeks" | "months" | "years")
            )
        {
            return found(i + 2, None, Granularity::Unresolved);
        }
    }
    // "over the weekend", "over the past few days"
    if lw == "over" && word(k + 1, "the") {
        if word(k + 2, "weekend") {
            let d = pubd.map(|p| weekday_on_or_before(p, 5, false).monday());
            return week_found(k, k + 3, d);
        }
        if word(k + 2, "past") {
            let mut e = k + 3;
            while e < end && (cx.is(e, "few") || cx.is(e, "several") || cx.is(e, "two")) {
                e += 1;
            }
            if matches!(w(e).as_deref(), Some("days" | "weeks" | "months")) {
                return found(e + 1, None, Granularity::Unresolved);
            }
        }
    }
    // "Eight years ago", "A few days ago", "two weeks ago"
    if let Some(n) = small_number(lw)
        .or_else(|| (lw == "a" && (word(k + 1, "few") || word(k + 1, "couple"))).then_some(0))
    {
        let mut u = k + 1;
        if n == 0 {
            u += 1;
            if word(u, "of") {
                u += 1;
            }
        }
        if word(u + 1, "ago") {
            let unit = w(u);
            let unit = unit.as_deref();
            let d = match (n, unit, pubd) {
                (0, Some("days" | "weeks" | "months" | "years"), _) => None,
                (n, Some("years" | "year"), Some(p)) => {
                    return year_found(k, u + 2, Some(p.ymd().0 - n));
                }
                (n, Some("days" | "day"), Some(p)) => Some(Day(p.0 - n)),
                _ => None,
            };
            if matches!(
                unit,
                Some("days" | "day" | "weeks" | "week" | "months" | "years" | "year")
            ) {
                return day_found(k, u + 2, d);
            }
        }
    }
    // "in a 2015 email", "In his 2002 book": a year before a noun, in a phrase
    let after_preposition = k > 0
        && matches!(
            cx.lt(k - 1).as_ref(),
            "in" | "during" | "at" | "from" | "on" | "with"
        );
    // "A 2014 study found": a year before a document's name
    let document = |j: usize| j < end && !lx.channel_phrases(&cx.lt(j)).is_empty();
    if matches!(lw, "a" | "an" | "his" | "her" | "their" | "its" | "the")
        && (after_preposition || document(k + 2))
    {
        if let Some(y) = (k + 1 < end).then(|| year_at(cx, k + 1)).flatten() {
            if k + 2 < end && cx.toks[k + 2].is_word() && !cx.capitalized(k + 2) {
                return Some(Found {
                    first: k + 1,
                    end: k + 2,
                    date: Some(y.to_string()),
                    granularity: Granularity::Year,
                });
            }
        }
    }
    None
}

/// "5/2/14": a numeric date in US order, however the slashes were tokenised.
fn numeric_date(cx: &Ctx, k: usize, end: usize) -> Option<Found> {
    {
        let start = cx.toks[k].span.start;
        let rest = &cx.text[start..];
        let len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '/'))
            .unwrap_or(rest.len());
        let parts: Vec<&str> = rest[..len].split('/').collect();
        if let [m, d, y] = parts[..] {
            let (m, d, y) = (m.parse().ok()?, d.parse().ok()?, y.parse::<i64>().ok()?);
            let y = if y < 100 { 2000 + y } else { y };
            let mut e = k + 1;
            while e < end && cx.toks[e].span.end <= start + len {
                e += 1;
            }
            return day_found(k, e, Day::from_ymd(y, m, d));
        }
    }
    None
}

/// Is token `k` the first of its sentence?
fn is_sentence_start(cx: &Ctx, k: usize) -> bool {
    let s = cx.tok_sent[k] as usize;
    cx.sent_toks[s].0 == k
}

/// A month name is a month (not "may" the verb or "March" the noun) when a
/// number follows or a preposition or modifier precedes.
fn month_ok(cx: &Ctx, i: usize, end: usize, introduced: bool) -> bool {
    if introduced {
        return true;
    }
    let mut e = i + 1;
    if abbreviated(cx, i, end) {
        e += 1;
    }
    e < end && cx.toks[e].kind == TokKind::Number
}

/// Is the month name at `i` an abbreviation with its period ("Sept.")?
fn abbreviated(cx: &Ctx, i: usize, end: usize) -> bool {
    i + 1 < end
        && cx.t(i).len() <= 4
        && cx.t(i + 1) == "."
        && cx.toks[i + 1].span.start == cx.toks[i].span.end
}

fn day_found(first: usize, end: usize, d: Option<Day>) -> Option<Found> {
    Some(Found {
        first,
        end,
        granularity: if d.is_some() {
            Granularity::Day
        } else {
            Granularity::Unresolved
        },
        date: d.map(Day::iso),
    })
}

fn week_found(first: usize, end: usize, d: Option<Day>) -> Option<Found> {
    Some(Found {
        first,
        end,
        granularity: if d.is_some() {
            Granularity::Week
        } else {
            Granularity::Unresolved
        },
        date: d.map(Day::iso),
    })
}

fn year_found(first: usize, end: usize, y: Option<i64>) -> Option<Found> {
    Some(Found {
        first,
        end,
        granularity: if y.is_some() {
            Granularity::Year
        } else {
            Granularity::Unresolved
        },
        date: y.map(|y| format!("{y:04}")),
    })
}

/// `Span` of a found expression (for tests and callers without a `Ctx` at hand).
pub fn span_of(cx: &Ctx, f: &Found) -> Span {
    cx.span(f.first, f.end)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use whosaid_core::Document;

    #[test]
    fn civil_dates_round_trip() {
        for (y, m, d) in [(1970, 1, 1), (2016, 2, 29), (2000, 12, 31), (1987, 2, 26)] {
            let day = Day::from_ymd(y, m, d).unwrap();
            assert_eq!(day.ymd(), (y, m, d));
        }
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::from_ymd(2015, 2, 29), None);
        // 2016-09-12 was a Monday
        assert_eq!(Day::parse_iso("2016-09-12").unwrap().weekday(), 0);
        assert_eq!(
            Day::parse_iso("1987-02-26T15:01:01").unwrap().iso(),
            "1987-02-26"
        );
        assert_eq!(Day::parse_iso("26 Feb 1987"), None);
        assert_eq!(Day::parse_iso("2016-13-01"), None);
    }

    /// The first time expression in `t` published on `pubd`: (text, date, granularity).
    fn first(t: &str, pubd: &str) -> Option<(String, Option<String>, &'static str)> {
        let doc = Document::new("t", t);
        let lx = Lexicon::builtin();
        let paras = crate::segment::paragraphs(&doc.text);
        let cx = Ctx::new(&doc, paras, &lx);
        let p = Day::parse_iso(pubd);
        (0..cx.toks.len()).find_map(|k| {
            time_at(&cx, &lx.context, k, cx.toks.len(), p).map(|f| {
                (
                    span_of(&cx, &f).of(t).to_string(),
                    f.date,
                    f.granularity.as_str(),
                )
            })
        })
    }

    fn is(t: &str, pubd: &str, text: &str, date: Option<&str>, g: &str) {
        assert_eq!(
            first(t, pubd),
            Some((text.to_string(), date.map(String::from), g)),
            "{t}"
        );
    }

    #[test]
    fn weekdays_are_on_or_before_publication() {
        // 2016-09-21 is a Wednesday
        is(
            "He said Wednesday.",
            "2016-09-21",
            "Wednesday",
            Some("2016-09-21"),
            "day",
        );
        is(
            "He said on Monday.",
            "2016-09-21",
            "on Monday",
            Some("2016-09-19"),
            "day",
        );
        is(
            "He said Thursday.",
            "2016-09-21",
            "Thursday",
            Some("2016-09-15"),
            "day",
        );
        is(
            "He said last Wednesday.",
            "2016-09-21",
            "last Wednesday",
            Some("2016-09-14"),
            "day",
        );
        is(
            "He spoke early Sunday morning.",
            "2016-09-26",
            "early Sunday morning",
            Some("2016-09-25"),
            "day",
        );
        is("He said Wednesday.", "", "Wednesday", None, "unresolved");
    }

    #[test]
    fn weeks_months_years() {
        // 2016-09-19 is a Monday
        is(
            "He said last week.",
            "2016-09-19",
            "last week",
            Some("2016-09-12"),
            "week",
        );
        is(
            "He said this weekend.",
            "2016-09-19",
            "this weekend",
            Some("2016-09-12"),
            "week",
        );
        is(
            "He said this weekend.",
            "2016-09-25",
            "this weekend",
            Some("2016-09-19"),
            "week",
        );
        is(
            "He said in August.",
            "2016-09-30",
            "in August",
            Some("2016-08"),
            "month",
        );
        is(
            "He said in November.",
            "2016-10-02",
            "in November",
            Some("2015-11"),
            "month",
        );
        is(
            "He said last month.",
            "2016-01-12",
            "last month",
            Some("2015-12"),
            "month",
        );
        is(
            "It came in March 2016.",
            "2016-09-10",
            "in March 2016",
            Some("2016-03"),
            "month",
        );
        is(
            "He said in 2015.",
            "2016-09-10",
            "in 2015",
            Some("2015"),
            "year",
        );
        is(
            "Eight years ago, he said.",
            "2016-09-08",
            "Eight years ago",
            Some("2008"),
            "year",
        );
        is(
            "It said last year.",
            "2016-09-08",
            "last year",
            Some("2015"),
            "year",
        );
        is(
            "He said Sept. 9.",
            "2016-09-30",
            "Sept. 9",
            Some("2016-09-09"),
            "day",
        );
        is(
            "He said on 5/2/14.",
            "2016-09-30",
            "5/2/14",
            Some("2014-05-02"),
            "day",
        );
        is(
            "In a 2015 email he said.",
            "2016-09-30",
            "2015",
            Some("2015"),
            "year",
        );
    }

    #[test]
    fn vague_times_stay_unresolved() {
        is(
            "He said recently.",
            "2016-09-10",
            "recently",
            None,
            "unresolved",
        );
        is(
            "A few days ago he said.",
            "2016-09-10",
            "A few days ago",
            None,
            "unresolved",
        );
        is(
            "He said in recent weeks.",
            "2016-09-10",
            "in recent weeks",
            None,
            "unresolved",
        );
    }

    #[test]
    fn not_times() {
        assert_eq!(first("He may go. They march on.", "2016-09-10"), None);
        assert_eq!(
            first("He said in Everett that it was over.", "2016-09-10"),
            None
        );
        assert_eq!(
            first("He lost 2,000 votes in the last minute.", "2016-09-10"),
            None
        );
    }
}
