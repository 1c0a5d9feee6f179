//! The rules of one speaker across articles: when a stored person's names fit
//! an article's person. Pure functions of folded names; [`crate::resolver`]
//! applies them to what the store offers.
//!
//! - A different given name never joins, whatever else agrees: Cherie Blair
//!   is not Tony Blair, and a stored "Blair" seen as both stays apart.
//! - The same surname with given names known on both sides and compatible
//!   ("Tony Blair", "Anthony Blair"; nicknames and initials via
//!   `whosaid-names`) agrees by name.
//! - A garbled surname, or a given name unknown on either side ("Blair"
//!   alone), allows it but needs something else (shared context) to say so.
//! - A one-word alias ("Blair") says nothing about given names, so it never
//!   lets a second given name in.

use whosaid_names as names;

/// Folded words of a name ("Antony J. Blinken" → antony, j, blinken).
pub fn name_tokens(s: &str) -> Vec<String> {
    names::fold_words(s)
}

/// Is `query` word the same word as stored `word`, exactly or garbled?
fn word_matches(query: &str, word: &str) -> bool {
    query == word || names::same_name(query, word)
}

/// A person's name as identity sees it: a given name (when the name has more
/// than one word) and a surname. Words after "of" are an affiliation, not the
/// name ("Joe Carson of Chemical Bank"); generational suffixes are dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonName {
    pub given: Option<String>,
    pub surname: String,
}

impl PersonName {
    /// From folded words ([`name_tokens`]); `None` when no name is left.
    pub fn parse(tokens: &[String]) -> Option<PersonName> {
        let cut = tokens
            .iter()
            .position(|t| t == "of")
            .filter(|&k| k > 0)
            .unwrap_or(tokens.len());
        let mut words = &tokens[..cut];
        while let [rest @ .., last] = words {
            if rest.is_empty() || !matches!(last.as_str(), "jr" | "sr" | "ii" | "iii") {
                break;
            }
            words = rest;
        }
        let (surname, rest) = words.split_last()?;
        Some(PersonName {
            given: rest.first().cloned(),
            surname: surname.clone(),
        })
    }

    pub fn of(name: &str) -> Option<PersonName> {
        PersonName::parse(&name_tokens(name))
    }
}

/// Are two full names one person's name, allowing a garbled surname? The
/// surnames must match (fuzzily); the given names must be compatible where
/// both names have one ("Tony" and "Anthony", "J" and "John").
pub fn names_compatible(a: &[String], b: &[String]) -> bool {
    let (Some(a), Some(b)) = (PersonName::parse(a), PersonName::parse(b)) else {
        return false;
    };
    word_matches(&a.surname, &b.surname)
        && match (&a.given, &b.given) {
            (Some(x), Some(y)) => names::given_names_compatible(x, y),
            _ => true,
        }
}

/// How a stored person's names stand to an article's person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameFit {
    /// The same surname, and given names known on both sides and compatible.
    Agree,
    /// A garbled surname, or a given name unknown on one side: the names allow
    /// it, but something else (shared context) must say it is the same person.
    NeedsContext,
    /// A garbled surname with no given name known on both sides: a different
    /// surname as often as a garble ("Falconer", "Faulkner"), so it takes more
    /// shared context than [`NameFit::NeedsContext`].
    GarbledAlone,
    /// Another surname, or a given name that differs from one the stored person
    /// is known by.
    Conflict,
}

/// Fits an article's person against the stored person's aliases (normalised).
/// Only aliases with the article's surname (exact or garbled) count, and every
/// given name they carry must be compatible: a stored person known as both
/// "Tony Blair" and "T. Blair" fits "Anthony Blair", not "Cherie Blair".
pub fn person_fit<'a>(
    person: &PersonName,
    stored_aliases: impl IntoIterator<Item = &'a str>,
) -> NameFit {
    let mut surname = None;
    let mut given_ok = true;
    let mut stored_given = false;
    for alias in stored_aliases {
        let Some(s) = PersonName::of(alias) else {
            continue;
        };
        if !word_matches(&person.surname, &s.surname) {
            continue;
        }
        let exact = s.surname == person.surname;
        surname = Some(surname.unwrap_or(false) || exact);
        if let Some(h) = &s.given {
            stored_given = true;
            if let Some(g) = &person.given {
                given_ok &= names::given_names_compatible(g, h);
            }
        }
    }
    let given_both = stored_given && person.given.is_some();
    match surname {
        None => NameFit::Conflict,
        Some(_) if !given_ok => NameFit::Conflict,
        Some(true) if given_both => NameFit::Agree,
        // a respelled surname with no given name both know may be another name
        // ("Falconer" is not "Rob Faulkner"): more context must say it is a garble
        Some(false) if !given_both => NameFit::GarbledAlone,
        Some(_) => NameFit::NeedsContext,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        name_tokens(s)
    }

    fn fit(name: &str, aliases: &[&str]) -> NameFit {
        person_fit(&PersonName::of(name).unwrap(), aliases.iter().copied())
    }

    #[test]
    fn garbled_surname_with_agreeing_given_name() {
        assert!(names_compatible(
            &t("Antony Bellingen"),
            &t("Antony Blinken")
        ));
        assert!(names_compatible(&t("Bellingen"), &t("Antony Blinken")));
        assert!(names_compatible(&t("A. Blinken"), &t("Antony Blinken")));
        assert!(names_compatible(&t("Tony Blinken"), &t("Antony Blinken")));
        assert!(!names_compatible(&t("Anna Blinken"), &t("Antony Blinken")));
        assert!(!names_compatible(&t("Joe Biden"), &t("Hunter Bidet")));
        assert!(!names_compatible(&t(""), &t("Antony Blinken")));
    }

    #[test]
    fn a_one_word_alias_lets_no_other_given_name_in() {
        // Tony Blair's stored names include "blair": Cherie still conflicts
        assert_eq!(
            fit("Cherie Blair", &["tony blair", "blair"]),
            NameFit::Conflict
        );
        assert_eq!(
            fit("Bob Blair", &["blair", "anthony blair"]),
            NameFit::Conflict
        );
        assert_eq!(
            fit("Anthony Blair", &["tony blair", "blair"]),
            NameFit::Agree
        );
        assert_eq!(fit("T. Blair", &["tony blair"]), NameFit::Agree);
        // a surname alone, or a stored person known by a surname alone, needs more
        assert_eq!(fit("Blair", &["tony blair"]), NameFit::NeedsContext);
        assert_eq!(fit("Cherie Blair", &["blair"]), NameFit::NeedsContext);
        // a garbled surname needs context even with the given name, and the
        // given name on both sides
        assert_eq!(
            fit("Antony Bellingen", &["antony blinken"]),
            NameFit::NeedsContext
        );
        assert_eq!(fit("Falconer", &["rob faulkner"]), NameFit::GarbledAlone);
        assert_eq!(
            fit("Charles Falconer", &["faulkner"]),
            NameFit::GarbledAlone
        );
        // another surname that shares a word key is no fit
        assert_eq!(fit("Nigel Lawson", &["cina lawton"]), NameFit::Conflict);
    }

    #[test]
    fn affiliations_and_suffixes_are_not_the_name() {
        let p = PersonName::of("Joe Carson of Chemical Bank").unwrap();
        assert_eq!(
            (p.given.as_deref(), p.surname.as_str()),
            (Some("joe"), "carson")
        );
        let p = PersonName::of("Martin Luther King Jr.").unwrap();
        assert_eq!(
            (p.given.as_deref(), p.surname.as_str()),
            (Some("martin"), "king")
        );
        assert_eq!(fit("Rob Da Bank", &["central bank"]), NameFit::Conflict);
    }

    #[test]
    fn name_words_are_folded() {
        assert_eq!(t("  Sergei  Lavrov. "), ["sergei", "lavrov"]);
        assert_eq!(t("José Martí-Pérez"), ["jose", "marti", "perez"]);
    }
}
