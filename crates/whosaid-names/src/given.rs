//! Given names: can two given names be one person's? "Tony" and "Anthony",
//! "J" and "John", "Chris" and "Christopher" can; "Tony" and "Cherie" cannot.
//! Surnames are shared by strangers, so the given name is what keeps two
//! people of one surname apart (in a knowledge-base link and across articles).

use crate::fold;

/// Formal given names and their short forms (`nicknames.tsv`), compiled in.
const NICKNAMES: &str = include_str!("nicknames.tsv");

/// Does one line of the nickname lexicon hold both (folded) names?
fn nickname_pair(a: &str, b: &str) -> bool {
    NICKNAMES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .any(|l| {
            let (formal, short) = l.split_once('\t').unwrap_or((l, ""));
            let mut forms = std::iter::once(formal.trim()).chain(short.split(',').map(str::trim));
            let (mut has_a, mut has_b) = (false, false);
            for f in forms.by_ref() {
                has_a |= f == a;
                has_b |= f == b;
            }
            has_a && has_b
        })
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
}
