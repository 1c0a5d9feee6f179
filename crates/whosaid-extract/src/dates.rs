//! Dates as pages write them → ISO 8601, or nothing.
//!
//! Accepts ISO 8601 and its common sloppy forms (`2019-11-19 08:09:00`,
//! `2019-11-19T08:09:00.000-0500`, `20191119`), RFC 822/2822 (`Tue, 19 Nov 2019
//! 13:09:00 GMT`, feeds) and `November 19, 2019` / `19 November 2019`. Gives
//! `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM:SS` plus `Z`/`±HH:MM` when the source had a
//! zone. Anything else, or an impossible date, is `None`: an empty date is
//! better than a guessed one.

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

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

fn month_of(w: &str) -> Option<u32> {
    let w = w.trim_end_matches('.').to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| w.starts_with(m))?;
    // "march", "mar", "sept" ok; "marketing" no
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    (FULL[i].starts_with(&w) || w == "sept").then_some(i as u32 + 1)
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

/// `November 19, 2019`, `Nov. 19 2019`, `19 November 2019` (a date only).
fn written(s: &str) -> Option<String> {
    let words: Vec<&str> = s
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 3 {
        return None;
    }
    let day = |w: &str| num(w.trim_end_matches(|c: char| c.is_ascii_alphabetic()));
    if let (Some(m), Some(d), Some(y)) = (month_of(words[0]), day(words[1]), num(words[2])) {
        return ymd(y, m, d);
    }
    if let (Some(d), Some(m), Some(y)) = (day(words[0]), month_of(words[1]), num(words[2])) {
        return ymd(y, m, d);
    }
    None
}

/// A date in a URL path (`/2019/11/19/`, `/2019-11-19/`), for `date_source: url`.
pub fn from_url(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next()?;
    let parts: Vec<&str> = path.split('/').collect();
    for w in parts.windows(3) {
        if w[0].len() == 4 && w[1].len() <= 2 && w[2].len() <= 2 {
            if let (Some(y), Some(m), Some(d)) = (num(w[0]), num(w[1]), num(w[2])) {
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
    }

    proptest::proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = normalize(&s);
            let _ = from_url(&s);
        }
    }
}
