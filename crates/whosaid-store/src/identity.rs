//! One speaker across articles.
//!
//! An article's entity is a stored entity when (in this order):
//! 1. both carry the same knowledge-base id;
//! 2. the normalised full name is the stored entity's name or one of its
//!    multi-word aliases (same type) — "Antony Blinken" is "Antony Blinken"
//!    wherever it appears; a one-word person name ("Smith") is not enough alone;
//! 3. a fuzzy match backed by shared context: the surname is a garbled spelling
//!    of a stored alias word (`whosaid_names::same_name`), the given names
//!    agree where both have one, and the stored entity already appears in an
//!    article beside another entity of this article. "Bellingen" next to NATO
//!    and Lavrov is the Blinken seen next to NATO before; a "Bellingen" in a
//!    football report is someone else.
//!
//! Otherwise it is a new stored entity. Every spelling becomes an alias, so a
//! search for any of them (or a garbled one) finds all its quotes.

use whosaid_names as fuzzy;

/// The normalised form of a name or alias: folded words, single spaces.
pub fn norm_name(s: &str) -> String {
    fuzzy::fold_phrase(s)
}

/// Folded words of a name ("Antony J. Blinken" → antony, j, blinken).
pub fn name_tokens(s: &str) -> Vec<String> {
    norm_name(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The lookup key of a word for fuzzy search: its consonant skeleton.
pub fn token_key(token: &str) -> String {
    fuzzy::skeleton(token)
}

/// Is `query` word the same word as stored `token`, exactly or garbled?
pub fn token_matches(query: &str, token: &str) -> bool {
    query == token || fuzzy::same_name(query, token)
}

/// Are two full names one person's name, allowing a garbled surname?
/// The last words must match (fuzzily); earlier words must agree where both
/// names have them (an initial matches its word).
pub fn names_compatible(a: &[String], b: &[String]) -> bool {
    let (Some(la), Some(lb)) = (a.last(), b.last()) else {
        return false;
    };
    if !token_matches(la, lb) {
        return false;
    }
    let (ga, gb) = (&a[..a.len() - 1], &b[..b.len() - 1]);
    if ga.is_empty() || gb.is_empty() {
        return true;
    }
    let first = |x: &String, y: &String| {
        x == y
            || (x.len() == 1 && y.starts_with(x.as_str()))
            || (y.len() == 1 && x.starts_with(y.as_str()))
            || fuzzy::same_name(x, y)
    };
    first(&ga[0], &gb[0])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Vec<String> {
        name_tokens(s)
    }

    #[test]
    fn garbled_surname_with_agreeing_given_name() {
        assert!(names_compatible(
            &t("Antony Bellingen"),
            &t("Antony Blinken")
        ));
        assert!(names_compatible(&t("Bellingen"), &t("Antony Blinken")));
        assert!(names_compatible(&t("A. Blinken"), &t("Antony Blinken")));
        assert!(!names_compatible(&t("Anna Blinken"), &t("Antony Blinken")));
        assert!(!names_compatible(&t("Joe Biden"), &t("Hunter Bidet")));
        assert!(!names_compatible(&t(""), &t("Antony Blinken")));
    }

    #[test]
    fn norm_folds_accents_and_punctuation() {
        assert_eq!(norm_name("  Sergei  Lavrov. "), "sergei lavrov");
        assert_eq!(norm_name("José Martí"), "jose marti");
        assert_eq!(token_key("Bellingen"), token_key("Blinken"));
    }
}
