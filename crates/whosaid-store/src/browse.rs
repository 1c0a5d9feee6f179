//! What browsing the record needs beyond a quote search: facet counts, one
//! speaker's page, the overview of who gets quoted. The types and the logic
//! both backends share live here; each backend only runs its SQL
//! (`sqlite_browse.rs`, `pg_browse.rs`).

use crate::SpeakerRow;

/// One value of a facet and how many matches have it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetCount {
    pub value: String,
    /// The stored speaker's id (speaker facet), when there is one.
    pub id: Option<i64>,
    pub count: i64,
}

/// Counts over the whole result of a quote search.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Facets {
    pub total: i64,
    pub speakers: Vec<FacetCount>,
    pub sources: Vec<FacetCount>,
    pub kinds: Vec<FacetCount>,
    /// To whom: the stored addressee's name (with its id), else the article's words.
    pub addressees: Vec<FacetCount>,
}

/// A spelling of a stored speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AliasCount {
    pub alias: String,
    /// Quotes attributed under this spelling.
    pub quotes: i64,
    /// A garbled spelling of the canonical name ("Bellingen" for "Blinken").
    pub garbled: bool,
}

/// An entity named in the same articles as a speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Beside {
    pub id: i64,
    pub name: String,
    pub etype: String,
    /// Articles naming both (among the speaker's latest [`BESIDE_WINDOW`] quotes' articles).
    pub articles: i64,
}

/// How many of a speaker's latest quotes' articles "named beside" looks at:
/// bounded work for a speaker quoted a hundred thousand times.
pub const BESIDE_WINDOW: i64 = 500;

/// One stored speaker, for their page.
#[derive(Debug, Clone, PartialEq)]
pub struct SpeakerDetail {
    pub row: SpeakerRow,
    pub aliases: Vec<AliasCount>,
    /// Quotes per week: the Monday opening the week (`2022-01-31`) and a count,
    /// oldest first; undated quotes are left out.
    pub weeks: Vec<(String, i64)>,
    pub beside: Vec<Beside>,
}

/// Who gets quoted, over the whole store.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Overview {
    pub quotes: i64,
    /// Statements by speaker type: `person`, `organization`, ... for stored
    /// speakers; `group or anonymous` (groups and anonymous sources), `unlinked`
    /// (a name not stored as a speaker) and `unnamed` (nobody named).
    pub by_type: Vec<(String, i64)>,
    /// Statements per month (`2022-01`), oldest first; undated left out.
    pub months: Vec<(String, i64)>,
    pub top_people: Vec<SpeakerRow>,
    pub top_organizations: Vec<SpeakerRow>,
}

impl Overview {
    /// Statements whose speaker is a group or an anonymous source, of all statements.
    pub fn anonymous_share(&self) -> f64 {
        let n = self
            .by_type
            .iter()
            .find(|(t, _)| t == GROUP_OR_ANONYMOUS)
            .map_or(0, |x| x.1);
        n as f64 / self.quotes.max(1) as f64
    }
}

pub const GROUP_OR_ANONYMOUS: &str = "group or anonymous";

/// The speaker type of a quote from its stored entity's type, its resolution
/// and whether a name was given.
pub fn speaker_type(etype: Option<&str>, resolution: Option<&str>, named: bool) -> &'static str {
    match (etype, resolution) {
        (Some("person"), _) => "person",
        (Some("organization"), _) => "organization",
        (Some("place"), _) => "place",
        (Some(_), _) => "other",
        (None, Some("group")) => GROUP_OR_ANONYMOUS,
        (None, _) if named => "unlinked",
        _ => "unnamed",
    }
}

/// Sums `(type, count)` rows by type, largest first.
pub fn sum_types(rows: impl IntoIterator<Item = (&'static str, i64)>) -> Vec<(String, i64)> {
    let mut m: Vec<(String, i64)> = Vec::new();
    for (t, n) in rows {
        match m.iter_mut().find(|x| x.0 == t) {
            Some(x) => x.1 += n,
            None => m.push((t.to_string(), n)),
        }
    }
    m.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    m
}

/// Is `alias` a garbled spelling of `canonical`: its last word is not a word of
/// the canonical name but is one garbled.
pub fn is_garbled(alias: &str, canonical: &str) -> bool {
    let a = crate::names::name_tokens(alias);
    let c = crate::names::name_tokens(canonical);
    match (a.last(), c.last()) {
        (Some(la), Some(lc)) => !c.contains(la) && crate::names::token_matches(la, lc),
        _ => false,
    }
}

/// Days since 1970-01-01 of an ISO date's first ten characters (`2022-01-31`).
pub fn days_of(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // days from civil (Howard Hinnant's algorithm)
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of days since 1970-01-01.
pub fn date_of(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// Per-day counts (`(date, n)`, any order) summed into weeks opening on Monday.
pub fn weeks(days: impl IntoIterator<Item = (String, i64)>) -> Vec<(String, i64)> {
    let mut m = std::collections::BTreeMap::<i64, i64>::new();
    for (d, n) in days {
        if let Some(x) = days_of(&d) {
            // 1970-01-01 was a Thursday
            let monday = x - (x + 3).rem_euclid(7);
            *m.entry(monday).or_default() += n;
        }
    }
    m.into_iter().map(|(d, n)| (date_of(d), n)).collect()
}

/// Top speakers split into people and organisations, `top` of each.
pub fn split_top(rows: Vec<SpeakerRow>, top: usize) -> (Vec<SpeakerRow>, Vec<SpeakerRow>) {
    let (mut people, mut orgs): (Vec<_>, Vec<_>) = rows
        .into_iter()
        .filter(|r| r.etype == "person" || r.etype == "organization")
        .partition(|r| r.etype == "person");
    people.truncate(top);
    orgs.truncate(top);
    (people, orgs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_round_trip_and_weeks_open_on_monday() {
        assert_eq!(days_of("1970-01-01"), Some(0));
        for d in ["2000-02-29", "2022-01-31", "1999-12-31", "2024-03-01"] {
            assert_eq!(date_of(days_of(d).unwrap()), d);
        }
        assert_eq!(days_of("2022-13-01"), None);
        assert_eq!(days_of("yesterday"), None);
        let w = weeks([
            ("2022-02-02T10:00:00".to_string(), 2), // a Wednesday
            ("2022-01-31".to_string(), 1),          // its Monday
            ("2022-02-07".to_string(), 4),          // the next Monday
            ("undated".to_string(), 9),
        ]);
        assert_eq!(
            w,
            [("2022-01-31".to_string(), 3), ("2022-02-07".to_string(), 4)]
        );
    }

    #[test]
    fn garbled_spellings_are_told_apart_from_plain_ones() {
        assert!(is_garbled("Bellingen", "Antony Blinken"));
        assert!(is_garbled("Tony Blingen", "Antony Blinken"));
        assert!(!is_garbled("Blinken", "Antony Blinken"));
        assert!(!is_garbled("Antony J. Blinken", "Antony Blinken"));
        assert!(!is_garbled("Lavrov", "Antony Blinken"));
    }

    #[test]
    fn speaker_types() {
        assert_eq!(speaker_type(Some("person"), Some("named"), true), "person");
        assert_eq!(speaker_type(None, Some("group"), true), GROUP_OR_ANONYMOUS);
        assert_eq!(speaker_type(None, Some("named"), true), "unlinked");
        assert_eq!(speaker_type(None, None, false), "unnamed");
        let t = sum_types([("person", 2), ("unnamed", 5), ("person", 4)]);
        assert_eq!(t, [("person".to_string(), 6), ("unnamed".to_string(), 5)]);
    }
}
