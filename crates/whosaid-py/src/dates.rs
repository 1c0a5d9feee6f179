//! Publication dates as stored (ISO 8601 text, as precise as the page said:
//! `2022-01-31`, `2022-01-31T09:30:00Z`, `2022-01-31T09:30:00+02:00`) to
//! microseconds since 1970 UTC, for the timestamp column of `quotes_frame`.
//! A date alone is its midnight UTC; anything else that is not ISO 8601 is
//! `None` (a missing value in the frame), never an error.

/// Microseconds since 1970-01-01T00:00:00Z, or `None` when `s` is no ISO 8601 date.
pub fn iso_to_micros(s: &str) -> Option<i64> {
    let b = s.trim().as_bytes();
    let mut p = Parser { b, i: 0 };
    let year = p.digits(4)? as i64;
    let (mut month, mut day) = (1, 1);
    if p.eat(b'-') {
        month = p.digits(2)?;
        if p.eat(b'-') {
            day = p.digits(2)?;
        }
    }
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let (mut h, mut mi, mut sec, mut micros) = (0, 0, 0, 0i64);
    let mut offset_min = 0i64;
    if p.eat(b'T') || p.eat(b't') || p.eat(b' ') {
        h = p.digits(2)?;
        p.eat(b':').then_some(())?;
        mi = p.digits(2)?;
        if p.eat(b':') {
            sec = p.digits(2)?;
            if p.eat(b'.') || p.eat(b',') {
                let start = p.i;
                let mut scale = 100_000;
                while let Some(d) = p.digit() {
                    micros += d as i64 * scale;
                    scale /= 10;
                }
                if p.i == start {
                    return None;
                }
            }
        }
        if h > 23 || mi > 59 || sec > 60 {
            return None;
        }
        if p.eat(b'Z') || p.eat(b'z') {
        } else if let Some(sign) = p.sign() {
            let oh = p.digits(2)? as i64;
            p.eat(b':');
            let om = if p.i < p.b.len() {
                p.digits(2)? as i64
            } else {
                0
            };
            if oh > 23 || om > 59 {
                return None;
            }
            offset_min = sign * (oh * 60 + om);
        }
    }
    if p.i != p.b.len() {
        return None;
    }
    // the store's own day count (the statements-per-week pages use it too)
    let days = whosaid_store::browse::days_of(&format!("{year:04}-{month:02}-{day:02}"))?;
    let secs = days * 86_400 + h as i64 * 3600 + mi as i64 * 60 + sec as i64 - offset_min * 60;
    Some(secs * 1_000_000 + micros)
}

struct Parser<'a> {
    b: &'a [u8],
    i: usize,
}

impl Parser<'_> {
    fn digit(&mut self) -> Option<u32> {
        let d = self.b.get(self.i).filter(|c| c.is_ascii_digit())?;
        self.i += 1;
        Some((d - b'0') as u32)
    }
    fn digits(&mut self, n: usize) -> Option<u32> {
        (0..n).try_fold(0, |acc, _| Some(acc * 10 + self.digit()?))
    }
    fn eat(&mut self, c: u8) -> bool {
        let hit = self.b.get(self.i) == Some(&c);
        self.i += hit as usize;
        hit
    }
    fn sign(&mut self) -> Option<i64> {
        if self.eat(b'+') {
            Some(1)
        } else if self.eat(b'-') {
            Some(-1)
        } else {
            None
        }
    }
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const DAY: i64 = 86_400_000_000;

    #[test]
    fn dates_and_moments() {
        assert_eq!(iso_to_micros("1970-01-01"), Some(0));
        assert_eq!(iso_to_micros("1970-01-02"), Some(DAY));
        assert_eq!(iso_to_micros("2000-03-01"), Some(11_017 * DAY));
        assert_eq!(iso_to_micros("2022-01-31"), Some(19_023 * DAY));
        assert_eq!(iso_to_micros("2022-01"), Some(19_023 * DAY - 30 * DAY));
        assert_eq!(iso_to_micros("2022"), iso_to_micros("2022-01-01"));
        let noon = 19_023 * DAY + 12 * 3_600_000_000;
        assert_eq!(iso_to_micros("2022-01-31T12:00:00Z"), Some(noon));
        assert_eq!(iso_to_micros("2022-01-31 12:00"), Some(noon));
        assert_eq!(iso_to_micros("2022-01-31T14:00:00+02:00"), Some(noon));
        assert_eq!(iso_to_micros("2022-01-31T07:00:00-0500"), Some(noon));
        assert_eq!(
            iso_to_micros("2022-01-31T12:00:00.25Z"),
            Some(noon + 250_000)
        );
        assert_eq!(iso_to_micros("1969-12-31T23:59:59Z"), Some(-1_000_000));
    }

    #[test]
    fn what_is_no_date_is_none() {
        for s in [
            "",
            "yesterday",
            "2022-13-01",
            "2022-02-30",
            "2021-02-29",
            "2022-01-31T25:00",
            "2022-01-31T12",
            "2022-01-31T12:00:00.Z",
            "31/01/2022",
            "2022-01-31 and more",
        ] {
            assert_eq!(iso_to_micros(s), None, "{s:?}");
        }
        assert!(iso_to_micros("2024-02-29").is_some());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = iso_to_micros(&s);
        }

        #[test]
        fn days_count_on_by_one(y in 1i64..9999, m in 1u32..=12, d in 1u32..=28) {
            let a = iso_to_micros(&format!("{y:04}-{m:02}-{d:02}")).unwrap();
            let b = iso_to_micros(&format!("{y:04}-{m:02}-{d:02}T23:59:59Z")).unwrap();
            prop_assert_eq!(b - a, DAY - 1_000_000);
            let next = if d < 28 { format!("{y:04}-{m:02}-{:02}", d + 1) } else { String::new() };
            if !next.is_empty() {
                prop_assert_eq!(iso_to_micros(&next).unwrap() - a, DAY);
            }
        }
    }
}
