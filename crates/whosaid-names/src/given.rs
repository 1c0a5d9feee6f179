//! Given names: can two given names be one person's? "Tony" and "Anthony",
//! "J" and "John", "Chris" and "Christopher" can; "Tony" and "Cherie" cannot.
//! Surnames are shared by strangers, so the given name is what keeps two
//! people of one surname apart (in a knowledge-base link and across articles).

use crate::fold;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Formal given names and their short forms (`nicknames.tsv`), compiled in.
const NICKNAMES: &str = include_str!("nicknames.tsv");

/// Each form of the nickname lexicon and the lines that hold it, built once:
/// the resolver asks about pairs of given names for every candidate person,
/// and scanning the lexicon at each question was a tenth of its time.
fn nickname_lines() -> &'static HashMap<&'static str, Vec<u16>> {
    static LINES: OnceLock<HashMap<&'static str, Vec<u16>>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut m: HashMap<&'static str, Vec<u16>> = HashMap::new();
        let lines = NICKNAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty());
        for (i, l) in lines.enumerate() {
            let (formal, short) = l.split_once('\t').unwrap_or((l, ""));
            for f in std::iter::once(formal.trim()).chain(short.split(',').map(str::trim)) {
                let v = m.entry(f).or_default();
                if v.last() != Some(&(i as u16)) {
                    v.push(i as u16);
                }
            }
        }
        m
    })
}

/// Does one line of the nickname lexicon hold both (folded) names?
fn nickname_pair(a: &str, b: &str) -> bool {
    let m = nickname_lines();
    match (m.get(a), m.get(b)) {
        (Some(x), Some(y)) => x.iter().any(|i| y.contains(i)),
        _ => false,
    }
}

/// Can given names `a` and `b` name one person? Equal names, an initial and its
/// name ("J" and "John"), a short form that begins the long one ("Chris" and
/// "Christopher", "Ed" and "Edward"), a nickname and its formal name ("Bob"
/// and "Robert"), or a spelling of one name the lexicon lists ("Nikolai",
/// "Nikolay"). A garbled given name is not enough: "Danial" may be a slip for
/// "Daniel", but two people of one surname differ in little else.
pub fn given_names_compatible(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    if a == b {
        return true;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.starts_with(short.as_str()) {
        return true;
    }
    nickname_pair(&a, &b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nicknames_initials_and_short_forms_are_compatible() {
        for (a, b) in [
            ("Tony", "Anthony"),
            ("Bob", "Robert"),
            ("Bill", "William"),
            ("J", "John"),
            ("J.", "James"),
            ("Chris", "Christopher"),
            ("Ed", "Edward"),
            ("Jack", "John"),
            ("Antony", "Anthony"),
            ("Nikolai", "Nikolay"),
            ("Muhammad", "Mohammed"),
            ("José", "Jose"),
        ] {
            assert!(given_names_compatible(a, b), "{a} / {b}");
            assert!(given_names_compatible(b, a), "{b} / {a}");
        }
    }

    #[test]
    fn different_given_names_are_not() {
        for (a, b) in [
            ("Tony", "Cherie"),
            ("Venus", "Serena"),
            ("Rowan", "Serena"),
            ("Nigel", "Cina"),
            ("Bob", "Ian"),
            ("Boris", "Andy"),
            ("Tony", "Bob"),
            ("", "Tony"),
            ("Daniel", "Danial"),
        ] {
            assert!(!given_names_compatible(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn the_lexicon_is_well_formed() {
        for l in NICKNAMES.lines().filter(|l| !l.starts_with('#')) {
            let (formal, short) = l.split_once('\t').expect("formal<TAB>short forms");
            assert_eq!(fold(formal), formal, "{l}");
            assert!(
                short.split(',').all(|s| !s.is_empty() && fold(s) == s),
                "{l}"
            );
        }
    }

    #[test]
    fn the_form_index_answers_as_a_scan_of_the_lexicon_does() {
        let lines: Vec<Vec<&str>> = NICKNAMES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| {
                let (formal, short) = l.split_once('\t').unwrap_or((l, ""));
                std::iter::once(formal.trim())
                    .chain(short.split(',').map(str::trim))
                    .collect()
            })
            .collect();
        let mut forms: Vec<&str> = lines.iter().flatten().copied().collect();
        forms.extend(["zed", "robert2", ""]);
        forms.sort_unstable();
        forms.dedup();
        for a in &forms {
            for b in &forms {
                let scan = lines.iter().any(|l| l.contains(a) && l.contains(b));
                assert_eq!(nickname_pair(a, b), scan, "{a} / {b}");
            }
        }
    }
}
