//! Dates as pages write them → ISO 8601, or nothing.
//!
//! Accepts ISO 8601 and its common sloppy forms (`2019-11-19 08:09:00`,
//! `2019-11-19T08:09:00.000-0500`, `20191119`), RFC 822/2822 (`Tue, 19 Nov 2019
//! 13:09:00 GMT`, feeds), written dates in English, French, German, Spanish,
//! Italian, Portuguese and Dutch (`November 19, 2019`, `19 November 2019`,
//! `19. Dezember 2025`, `19 de diciembre de 2025`) and numeric ones whose order
//! is certain (`2025.12.17`, `19.12.2025`, `09/25/2025`; `03/04/2025` only
//! with the page's [`NumericOrder`]). Gives `YYYY-MM-DD` or
//! `YYYY-MM-DDTHH:MM:SS` plus `Z`/`±HH:MM` when the source had a zone. Anything
//! else, or an impossible date, is `None`: an empty date is better than a
//! guessed one.

/// How a page writes `a/b/yyyy` when both numbers could be a month: known from
/// its language (`en-US` month first; `en-GB`, `fr`, `de`, ... day first).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumericOrder {
    MonthFirst,
    DayFirst,
}

impl NumericOrder {
    /// The order a page in language `lang` (`en-US`, `fr`, `en_GB`) uses, if certain.
    pub fn of_language(lang: &str) -> Option<NumericOrder> {
        let l = lang.trim().to_ascii_lowercase().replace('_', "-");
        let mut it = l.split('-');
        let primary = it.next()?;
        let region = it.next();
        match (primary, region) {
            ("en", Some("us")) => Some(NumericOrder::MonthFirst),
            // English without a region: American and British pages both say "en"
            ("en", None) => None,
            ("", _) => None,
            _ => Some(NumericOrder::DayFirst),
        }
    }
}

/// Normalises one date string, or `None` when it is not a date we can read.
pub fn normalize(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 80 {
        return None;
    }
    iso(s).or_else(|| rfc2822(s)).or_else(|| written(s))
}

fn num(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn valid(y: u32, m: u32, d: u32) -> bool {
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => return false,
    };
    (1990..=2100).contains(&y) && (1..=days).contains(&d)
}

fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    valid(y, m, d).then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// `HH:MM[:SS][.fff][zone]` → `THH:MM:SS[zone]`.
fn time_part(t: &str) -> Option<String> {
    let t = t.trim();
    let zone_at = t
        .char_indices()
        .skip(1)
        .find(|&(_, c)| c == 'Z' || c == 'z' || c == '+' || c == '-' || c == ' ')
        .map(|(i, _)| i)
        .unwrap_or(t.len());
    let (clock, zone) = t.split_at(zone_at);
    let clock = clock.split('.').next()?;
    let mut it = clock.split(':');
    let h = num(it.next()?)?;
    let mi = num(it.next()?)?;
    let sec = match it.next() {
        Some(x) => num(x)?,
        None => 0,
    };
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let zone = zone.trim();
    let z = if zone.is_empty() {
        String::new()
    } else {
        zone_of(zone)?
    };
    Some(format!("T{h:02}:{mi:02}:{sec:02}{z}"))
}

/// `Z`, `UTC`, `GMT`, `+0500`, `+05:00`, `-5` → `Z` or `±HH:MM`.
fn zone_of(z: &str) -> Option<String> {
    let z = z.trim();
    match z.to_ascii_uppercase().as_str() {
        "Z" | "UTC" | "GMT" | "UT" => return Some("Z".into()),
        "EST" => return Some("-05:00".into()),
        "EDT" => return Some("-04:00".into()),
        "CST" => return Some("-06:00".into()),
        "CDT" => return Some("-05:00".into()),
        "MST" => return Some("-07:00".into()),
        "MDT" => return Some("-06:00".into()),
        "PST" => return Some("-08:00".into()),
        "PDT" => return Some("-07:00".into()),
        _ => {}
    }
    let (sign, rest) = match z.as_bytes().first()? {
        b'+' => ('+', &z[1..]),
        b'-' => ('-', &z[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    let (h, m) = match digits.len() {
        1 | 2 => (num(&digits)?, 0),
        4 => (num(&digits[..2])?, num(&digits[2..])?),
        _ => return None,
    };
    if h > 14 || m > 59 {
        return None;
    }
    if h == 0 && m == 0 {
        return Some("Z".into());
    }
    Some(format!("{sign}{h:02}:{m:02}"))
}

fn iso(s: &str) -> Option<String> {
    let b = s.as_bytes();
    if b.len() >= 8
        && b[..8].iter().all(u8::is_ascii_digit)
        && b.get(8).is_none_or(|c| !c.is_ascii_digit())
    {
        // 20191119
        let d = ymd(num(s.get(..4)?)?, num(s.get(4..6)?)?, num(s.get(6..8)?)?)?;
        return (b.len() == 8).then_some(d);
    }
    if b.len() < 10 || b[4] != b'-' && b[4] != b'/' || b[7] != b[4] {
        return None;
    }
    let date = ymd(num(s.get(..4)?)?, num(s.get(5..7)?)?, num(s.get(8..10)?)?)?;
    let rest = s.get(10..)?;
    if rest.is_empty() {
        return Some(date);
    }
    let rest = rest
        .strip_prefix('T')
        .or_else(|| rest.strip_prefix('t'))
        .or_else(|| rest.strip_prefix(' '))?;
    Some(date + &time_part(rest)?)
}

/// Month names in the languages of [`normalize`], by month.
const MONTH_NAMES: [&[&str]; 12] = [
    &[
        "january", "janvier", "januar", "jänner", "enero", "gennaio", "janeiro", "januari",
    ],
    &[
        "february",
        "février",
        "fevrier",
        "februar",
        "febrero",
        "febbraio",
        "fevereiro",
        "februari",
    ],
    &[
        "march", "mars", "märz", "marz", "marzo", "março", "marco", "maart",
    ],
    &["april", "avril", "abril", "aprile"],
    &["may", "mai", "mayo", "maggio", "maio", "mei"],
    &["june", "juin", "juni", "junio", "giugno", "junho"],
    &["july", "juillet", "juli", "julio", "luglio", "julho"],
    &["august", "août", "aout", "agosto", "augustus"],
    &[
        "september",
        "septembre",
        "septiembre",
        "setiembre",
        "settembre",
        "setembro",
    ],
    &[
        "october", "octobre", "oktober", "octubre", "ottobre", "outubro",
    ],
    &["november", "novembre", "noviembre", "novembro"],
    &[
        "december",
        "décembre",
        "decembre",
        "dezember",
        "diciembre",
        "dicembre",
        "dezembro",
    ],
];

/// A month name or its abbreviation (at least three letters, `Sept.`, `déc.`),
/// when it names one month only ("jui" could be juin or juillet: no month).
fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_lowercase();
    if w.chars().count() < 3 || !w.chars().all(char::is_alphabetic) {
        return None;
    }
    if w == "sept" {
        return Some(9);
    }
    let mut found = None;
    for (i, names) in MONTH_NAMES.iter().enumerate() {
        if names.iter().any(|n| n.starts_with(w.as_str())) {
            if found.is_some_and(|f| f != i) {
                return None;
            }
            found = Some(i);
        }
    }
    found.map(|i| i as u32 + 1)
}

/// RFC 822/2822: `[Tue, ]19 Nov 2019 13:09[:00] [GMT|+0000]`.
fn rfc2822(s: &str) -> Option<String> {
    let s = match s.find(',') {
        Some(i) if i <= 10 => &s[i + 1..],
        _ => s,
    };
    let mut it = s.split_whitespace();
    let d = num(it.next()?)?;
    let m = month_of(it.next()?)?;
    let mut y = num(it.next()?)?;
    if y < 100 {
        y += if y < 70 { 2000 } else { 1900 };
    }
    let date = ymd(y, m, d)?;
    let Some(t) = it.next() else {
        return Some(date);
    };
    let zone: Vec<&str> = it.collect();
    let t = if zone.is_empty() {
        t.to_string()
    } else {
        format!("{t}{}", zone_of(zone[0]).unwrap_or_default())
    };
    Some(date + &time_part(&t)?)
}

/// A word of a date line and where it sits in the line (bytes).
#[derive(Debug, Clone, Copy)]
struct Word<'s> {
    text: &'s str,
    start: usize,
    end: usize,
}

/// Splits a line into words at spaces, commas and list marks, each trimmed of
/// the punctuation around it ("(BSS)" → "BSS", "2025." → "2025", "Dec." → "Dec").
fn words_of(s: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let sep = |c: char| {
        c.is_whitespace() || matches!(c, ',' | '|' | '(' | ')' | '[' | ']' | '·' | '•' | '—' | '–')
    };
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if sep(c) {
            if let Some(st) = start.take() {
                let w: &str = &s[st..i];
                let t = w.trim_matches(|c: char| !c.is_alphanumeric());
                if !t.is_empty() {
                    let off =
                        st + (w.len() - w.trim_start_matches(|c: char| !c.is_alphanumeric()).len());
                    out.push(Word {
                        text: t,
                        start: off,
                        end: off + t.len(),
                    });
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    out
}

/// A day of the month as written: `5`, `05`, `5th`, `1st`, `1er`, `19.`.
fn day_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.');
    let digits = w.find(|c: char| !c.is_ascii_digit()).unwrap_or(w.len());
    let (d, suffix) = w.split_at(digits);
    let suffix = suffix.to_lowercase();
    if d.is_empty()
        || d.len() > 2
        || !matches!(
            suffix.as_str(),
            "" | "st" | "nd" | "rd" | "th" | "er" | "º" | "°"
        )
    {
        return None;
    }
    num(d).filter(|d| (1..=31).contains(d))
}

fn year_of(w: &str) -> Option<u32> {
    (w.len() == 4).then(|| num(w)).flatten()
}

/// Words that may stand between the parts of a written date: "15th of
/// December", "19 de diciembre de 2025".
fn filler(w: &str) -> bool {
    matches!(w.to_lowercase().as_str(), "of" | "de" | "del" | "di")
}

/// `2025.12.17`, `2025/4/29`, `19.12.2025`, `09/25/2025`, and `03/04/2025`
/// when `order` says which number is the month.
fn numeric(w: &str, order: Option<NumericOrder>) -> Option<String> {
    let sep = w.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = w.split(sep).collect();
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    if parts[0].len() == 4 && parts[1].len() <= 2 && parts[2].len() <= 2 {
        return ymd(num(parts[0])?, num(parts[1])?, num(parts[2])?);
    }
    if parts[2].len() != 4 || parts[0].len() > 2 || parts[1].len() > 2 {
        return None;
    }
    let (a, b, y) = (num(parts[0])?, num(parts[1])?, num(parts[2])?);
    let day_first = if a > 12 || a == b {
        true
    } else if b > 12 {
        false
    } else if sep == '.' {
        // a dotted date is day first wherever it is written
        true
    } else {
        order? == NumericOrder::DayFirst
    };
    if day_first {
        ymd(y, b, a)
    } else {
        ymd(y, a, b)
    }
}

/// A date starting at word `i`: written (`Dec. 19, 2025`, `19 December
/// 2025`, `15th of December 2025`) or numeric. Gives the date and the index of
/// its last word.
/// `in_line`: a day may open a longer token (`2025-12-17UTC07:30:00`), as in
/// a line of text; a whole value must be all date.
fn date_at(
    w: &[Word],
    i: usize,
    order: Option<NumericOrder>,
    in_line: bool,
) -> Option<(String, usize)> {
    let t = |k: usize| w.get(k).map(|x| x.text);
    let first = t(i)?;
    if first.len() >= 8 && first.as_bytes()[0].is_ascii_digit() {
        // "2025-12-17UTC07:30:00": an ISO day before something unreadable
        let day = first.get(..10).filter(|_| {
            in_line
                && first
                    .as_bytes()
                    .get(10)
                    .is_some_and(|b| !b.is_ascii_digit())
        });
        if let Some(d) = numeric(first, order)
            .or_else(|| iso(first))
            .or_else(|| day.and_then(iso))
        {
            return Some((d, i));
        }
    }
    // "2023 Jan 7" (citation_publication_date, library catalogues)
    if let Some(y) = year_of(first) {
        let m = month_of(t(i + 1)?)?;
        let d = day_of(t(i + 2)?)?;
        return ymd(y, m, d).map(|x| (x, i + 2));
    }
    if let Some(m) = month_of(first) {
        let d = day_of(t(i + 1)?)?;
        let y = year_of(t(i + 2)?)?;
        return ymd(y, m, d).map(|x| (x, i + 2));
    }
    let d = day_of(first)?;
    let mut k = i + 1;
    if filler(t(k)?) {
        k += 1;
    }
    let m = month_of(t(k)?)?;
    k += 1;
    if filler(t(k)?) {
        k += 1;
    }
    let y = year_of(t(k)?)?;
    ymd(y, m, d).map(|x| (x, k))
}

/// A weekday name or its abbreviation (`Sat`, `Monday`, `lundi`).
pub(crate) fn weekday(w: &str) -> bool {
    const DAYS: [&str; 28] = [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
        "montag",
        "dienstag",
        "mittwoch",
        "donnerstag",
        "freitag",
        "samstag",
        "sonntag",
        "lunes",
        "martes",
        "miércoles",
        "jueves",
        "viernes",
        "sábado",
        "domingo",
    ];
    let w = w.trim_end_matches('.').to_lowercase();
    w.chars().count() >= 3
        && DAYS.iter().any(|d| d.starts_with(w.as_str()))
        && month_of(&w).is_none()
}

/// A date that opens `s` (after a weekday): `November 19, 2019 at 5 pm`,
/// `Thu, 09/25/2025 - 11:38`.
fn written(s: &str) -> Option<String> {
    let w = words_of(s);
    let i = usize::from(w.first().is_some_and(|x| weekday(x.text)));
    date_at(&w, i, None, false).map(|(d, _)| d)
}

/// The first date written anywhere in a short line ("Essay - Published:
/// 2025.12.17 |", "By Md Haque RAJSHAHI, Dec 20, 2025 (BSS)"), with its byte
/// range in the line; `order` settles `03/04/2025`.
pub fn find(s: &str, order: Option<NumericOrder>) -> Option<(String, usize, usize)> {
    if s.len() > 300 {
        return None;
    }
    let w = words_of(s);
    (0..w.len())
        .find_map(|i| date_at(&w, i, order, true).map(|(d, last)| (d, w[i].start, w[last].end)))
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` prefix.
pub(crate) fn day_number(s: &str) -> Option<i64> {
    let (y, m, d) = (
        num(s.get(..4)?)? as i64,
        num(s.get(5..7)?)? as i64,
        num(s.get(8..10)?)? as i64,
    );
    // civil-from-days, after H. Hinnant's algorithm
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// Is `moment` (a date with a time and a zone) one day off `local_day`
/// (`YYYY-MM-DD`)? Then it is the same moment written in another zone: an
/// evening article in New York is the next day in UTC.
pub fn next_day_in_utc(moment: &str, local_day: &str) -> bool {
    let zoned = moment.len() > 19
        && moment.as_bytes().get(10) == Some(&b'T')
        && (moment.ends_with('Z') || moment[19..].starts_with(['+', '-']));
    zoned
        && match (day_number(moment), day_number(local_day)) {
            (Some(a), Some(b)) => (a - b).abs() == 1,
            _ => false,
        }
}

/// Minutes east of UTC of a zone suffix (`Z`, `+05:30`, `-0800`).
fn offset_minutes(z: &str) -> Option<i64> {
    if z == "Z" {
        return Some(0);
    }
    let sign = match z.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let digits: String = z[1..].chars().filter(|c| *c != ':').collect();
    if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = (num(&digits[..2])? as i64, num(&digits[2..])? as i64);
    Some(sign * (h * 60 + m))
}

/// Could `date` be the day `day` (`YYYY-MM-DD`) where its reader lives? A
/// plain day must be that day; a moment with a zone may be any day it is
/// somewhere on Earth (UTC-12 to UTC+14: 22:02 UTC on the 19th is the 19th or
/// the 20th, never the 18th); a moment without a zone a day either way.
pub fn could_be_day(date: &str, day: &str) -> bool {
    let (Some(d), Some(want)) = (day_number(date), day_number(day)) else {
        return false;
    };
    let clock = date
        .get(11..16)
        .filter(|_| date.as_bytes().get(10) == Some(&b'T'))
        .and_then(|t| Some(num(t.get(..2)?)? as i64 * 60 + num(t.get(3..5)?)? as i64));
    let Some(local) = clock else {
        return d == want;
    };
    let zone = date.get(19..).map(|z| {
        // fractions of a second before the zone: "12:00:00.000Z"
        z.trim_start_matches(|c: char| c == '.' || c.is_ascii_digit())
    });
    match zone.filter(|z| !z.is_empty()).and_then(offset_minutes) {
        Some(off) => {
            let utc = d * 1440 + local - off;
            let earliest = (utc - 12 * 60).div_euclid(1440);
            let latest = (utc + 14 * 60).div_euclid(1440);
            (earliest..=latest).contains(&want)
        }
        None => (d - want).abs() <= 1,
    }
}

/// A date in a URL path (`/2019/11/19/`, `/2019-11-19/`), for `date_source: url`.
pub fn from_url(url: &str) -> Option<String> {
    // an escaped path ("%2Farticles%2F2025-12-15%2BRust") is still a path
    let url = url
        .replace("%2F", "/")
        .replace("%2f", "/")
        .replace("%2B", "+")
        .replace("%2b", "+");
    let path = url.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && w[2].len() <= 2 {
            // the month as a number or a name ("/2023/october/03/")
            let m = if w[1].len() <= 2 {
                num(w[1])
            } else {
                month_of(w[1])
            };
            if let (Some(y), Some(m), Some(d)) = (num(w[0]), m, num(w[2])) {
                if let Some(x) = ymd(y, m, d) {
                    return Some(x);
                }
            }
        }
    }
    for p in parts {
        if p.len() >= 10 {
            if let Some(d) = p.get(..10).and_then(iso) {
                return Some(d);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let n = |s| normalize(s);
        assert_eq!(
            n("2019-11-19T08:09:00-05:00").unwrap(),
            "2019-11-19T08:09:00-05:00"
        );
        assert_eq!(
            n("2019-11-19T08:09:00.123Z").unwrap(),
            "2019-11-19T08:09:00Z"
        );
        assert_eq!(n("2019-11-19 08:09").unwrap(), "2019-11-19T08:09:00");
        assert_eq!(
            n("2019-11-19T08:09:00+0100").unwrap(),
            "2019-11-19T08:09:00+01:00"
        );
        assert_eq!(n("2019-11-19").unwrap(), "2019-11-19");
        assert_eq!(n("20191119").unwrap(), "2019-11-19");
        assert_eq!(
            n("Tue, 19 Nov 2019 13:09:00 GMT").unwrap(),
            "2019-11-19T13:09:00Z"
        );
        assert_eq!(
            n("Tue, 19 Nov 2019 13:09:00 +0200").unwrap(),
            "2019-11-19T13:09:00+02:00"
        );
        assert_eq!(n("19 Nov 2019").unwrap(), "2019-11-19");
        assert_eq!(n("November 19, 2019").unwrap(), "2019-11-19");
        assert_eq!(n("Sept. 3, 2020").unwrap(), "2020-09-03");
    }

    #[test]
    fn written_and_numeric_forms_in_lines() {
        let f = |s, o| find(s, o).map(|x| x.0);
        assert_eq!(
            f("Essay - Published: 2025.12.17 |", None).unwrap(),
            "2025-12-17"
        );
        assert_eq!(
            f("By Md Haque RAJSHAHI, Dec 20, 2025 (BSS)", None).unwrap(),
            "2025-12-20"
        );
        assert_eq!(f("le 3 décembre 2025", None).unwrap(), "2025-12-03");
        assert_eq!(normalize("2023 Jan 7").unwrap(), "2023-01-07");
        assert_eq!(
            f("Cureus. Published 2023 Jan 7", None).unwrap(),
            "2023-01-07"
        );
        assert_eq!(normalize("2023 Feb 30"), None);
        assert_eq!(f("19. Dezember 2025", None).unwrap(), "2025-12-19");
        assert_eq!(f("19 de diciembre de 2025", None).unwrap(), "2025-12-19");
        assert_eq!(f("15th of December 2025", None).unwrap(), "2025-12-15");
        assert_eq!(f("23.07.2025 · 6 min read", None).unwrap(), "2025-07-23");
        assert_eq!(f("Updated: 10/31/2024", None).unwrap(), "2024-10-31");
        assert_eq!(f("2025/4/29", None).unwrap(), "2025-04-29");
        assert_eq!(
            f("2025-12-17UTC07:30:00+00:00", None).unwrap(),
            "2025-12-17"
        );
        // 03/04/2025: March 4 in the US, 3 April elsewhere, unknown without a language
        assert_eq!(f("03/04/2025", None), None);
        assert_eq!(
            f("03/04/2025", Some(NumericOrder::MonthFirst)).unwrap(),
            "2025-03-04"
        );
        assert_eq!(
            f("03/04/2025", Some(NumericOrder::DayFirst)).unwrap(),
            "2025-04-03"
        );
        assert_eq!(
            NumericOrder::of_language("en-US"),
            Some(NumericOrder::MonthFirst)
        );
        assert_eq!(NumericOrder::of_language("en"), None);
        assert_eq!(
            NumericOrder::of_language("de-DE"),
            Some(NumericOrder::DayFirst)
        );
        // "jui" is juin or juillet: no month
        assert_eq!(f("3 jui 2025", None), None);
        assert_eq!(normalize("Thu, 09/25/2025 - 11:38").unwrap(), "2025-09-25");
        assert_eq!(f("Top 10 tips for 2025", None), None);
    }

    #[test]
    fn the_days_a_moment_may_be() {
        // 22:02 UTC on the 19th: the 19th or the 20th somewhere, never the 18th
        assert!(could_be_day("2025-12-19T22:02:58Z", "2025-12-19"));
        assert!(could_be_day("2025-12-19T22:02:58Z", "2025-12-20"));
        assert!(!could_be_day("2025-12-19T22:02:58Z", "2025-12-18"));
        // 00:57 UTC on the 23rd is the evening of the 22nd in New York
        assert!(could_be_day("2026-02-23T00:57:30Z", "2026-02-22"));
        assert!(could_be_day("2026-02-22T19:57:30-05:00", "2026-02-23"));
        assert!(could_be_day("2025-05-14T19:30:03.000-07:00", "2025-05-15"));
        assert!(!could_be_day("2025-05-14T19:30:03-07:00", "2025-05-13"));
        // no zone: a day either way; a plain day: that day
        assert!(could_be_day("2025-01-01T03:00:00", "2024-12-31"));
        assert!(!could_be_day("2025-01-01T03:00:00", "2024-12-30"));
        assert!(could_be_day("2025-01-01", "2025-01-01"));
        assert!(!could_be_day("2025-01-01", "2025-01-02"));
        assert!(!could_be_day("soon", "2025-01-02"));
        assert!(!could_be_day("2025-01-01T0", "2025-01-02"));
        // a zone that is no zone: a day either way
        assert!(could_be_day("2025-01-01T23:00:00+1é1", "2025-01-02"));
    }

    #[test]
    fn next_day_in_utc_is_the_same_moment() {
        assert!(next_day_in_utc("2025-12-19T02:41:41Z", "2025-12-18"));
        assert!(next_day_in_utc("2025-01-01T01:00:00+02:00", "2024-12-31"));
        assert!(!next_day_in_utc("2025-12-19", "2025-12-18"));
        assert!(!next_day_in_utc("2025-12-21T02:41:41Z", "2025-12-18"));
    }

    #[test]
    fn refuses_rather_than_guesses() {
        for s in [
            "",
            "yesterday",
            "2019-02-30",
            "2019-13-01",
            "1850-01-01",
            "12345678901",
            "2 hours ago",
            "Marketing 19, 2019",
            "2019-11-19Tgarbage",
        ] {
            assert_eq!(normalize(s), None, "{s}");
        }
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://x.com/2019/11/19/story").unwrap(),
            "2019-11-19"
        );
        assert_eq!(
            from_url("https://x.com/news/2019-11-19-story").unwrap(),
            "2019-11-19"
        );
        assert_eq!(from_url("https://x.com/story-12345"), None);
        assert_eq!(
            from_url("https://x.com/blog/2023/october/03/wine-types/").unwrap(),
            "2023-10-03"
        );
        assert_eq!(
            from_url("https://x.com/2023/Sept/3/story").unwrap(),
            "2023-09-03"
        );
        assert_eq!(from_url("https://x.com/2023/decision/03/story"), None);
        assert_eq!(
            from_url("https://x.fr%2Farticles%2F2025-12-15%2BRust%2BGCC").unwrap(),
            "2025-12-15"
        );
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = normalize(&s);
            let _ = from_url(&s);
            let _ = find(&s, None);
            let _ = find(&s, Some(NumericOrder::DayFirst));
        }

        /// Dated URL paths, the month a number or a word in any script:
        /// a real day or nothing, never a panic.
        #[test]
        fn url_dates_are_real_days(s in "(https://x\\.com)?/[0-9]{4}/([0-9]{1,2}|[A-Za-zéäöü]{3,10}|\\PC{1,4})/[0-9]{1,2}/\\PC{0,8}") {
            if let Some(d) = from_url(&s) {
                let (y, m, day) = (&d[..4], &d[5..7], &d[8..10]);
                proptest::prop_assert!(valid(y.parse().unwrap(), m.parse().unwrap(), day.parse().unwrap()), "{s} -> {d}");
            }
        }

        /// Year-first written dates ("2023 Jan 7") give a real day or nothing.
        #[test]
        fn year_first_dates_are_real_days(s in "[0-9]{4} [A-Za-zéû]{3,9}\\.? [0-9]{1,3}(th)?") {
            if let Some(d) = normalize(&s) {
                let (y, m, day) = (&d[..4], &d[5..7], &d[8..10]);
                proptest::prop_assert!(valid(y.parse().unwrap(), m.parse().unwrap(), day.parse().unwrap()), "{s} -> {d}");
            }
        }
    }
}
