//! Name keys of the record: how the store normalises the names and aliases it
//! keeps and indexes their words, so that a search by any spelling (or a
//! garbled one) finds its speaker. Which stored entity a name belongs to is
//! decided elsewhere (`speakers`); these are only its keys.

use whosaid_names as fuzzy;

/// The normalised form of a name or alias: folded words, single spaces.
pub fn norm_name(s: &str) -> String {
    fuzzy::fold_phrase(s)
}

/// Folded words of a name ("Antony J. Blinken" → antony, j, blinken).
pub fn name_tokens(s: &str) -> Vec<String> {
    fuzzy::fold_words(s)
}

/// The lookup key of a word for fuzzy search: its consonant skeleton.
pub fn token_key(token: &str) -> String {
    fuzzy::skeleton(token)
}

/// Is `query` word the same word as stored `token`, exactly or garbled?
pub fn token_matches(query: &str, token: &str) -> bool {
    query == token || fuzzy::same_name(query, token)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norm_folds_accents_and_punctuation() {
        assert_eq!(norm_name("  Sergei  Lavrov. "), "sergei lavrov");
        assert_eq!(norm_name("José Martí"), "jose marti");
        assert_eq!(name_tokens("Antony J. Blinken"), ["antony", "j", "blinken"]);
        assert_eq!(token_key("Bellingen"), token_key("Blinken"));
        assert!(token_matches("blingen", "blinken"));
        assert!(!token_matches("blair", "blinken"));
    }
}
