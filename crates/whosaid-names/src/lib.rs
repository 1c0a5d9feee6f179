//! Name keys and spelling similarity for garbled names ("Bellingen",
//! "Blingen", "Blinken"), in one place for the analysis (`whosaid-nlp`, which
//! re-exports this crate as `whosaid_nlp::fuzzy`) and the record
//! (`whosaid-store`, which matches speakers across articles with it).
//!
//! Machine-rewritten and OCR'd news garbles names in two ways: letters
//! swapped for similar-sounding ones (k/g, c/k) and letters doubled or dropped.
//! A consonant skeleton catches both; an edit-distance bound keeps unrelated
//! names that share a skeleton apart.

mod given;
pub use given::given_names_compatible;

/// Lower-cased name with accents folded to ASCII where cheap.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // one allocation of the right size, bytes copied as they are: a name of
        // letters alone (nearly all) is copied whole and lower-cased in place
        let mut out = String::with_capacity(s.len());
        if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
            out.push_str(s);
        } else {
            out.extend(s.chars().filter(char::is_ascii_alphanumeric));
        }
        out.make_ascii_lowercase();
        return out;
    }
    s.chars()
        .filter_map(|c| {
            let c = c.to_lowercase().next()?;
            Some(match c {
                'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
                'é' | 'è' | 'ê' | 'ë' => 'e',
                'í' | 'ì' | 'î' | 'ï' => 'i',
                'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' => 'o',
                'ú' | 'ù' | 'û' | 'ü' => 'u',
                'ç' => 'c',
                'ñ' => 'n',
                'š' => 's',
                'ž' => 'z',
                'č' => 'c',
                'ğ' => 'g',
                'ı' => 'i',
                'ş' => 's',
                c => c,
            })
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Folded, space-normalised phrase key: "Antony J. Blinken" → "antony j blinken".
pub fn fold_phrase(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded words of a phrase, as [`fold_phrase`] joins them:
/// "Antony J. Blinken" → antony, j, blinken.
pub fn fold_words(s: &str) -> Vec<String> {
    s.split(|c: char| c.is_whitespace() || c == '.' || c == '-')
        .map(fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// A consonant skeleton: first letter kept, vowels dropped, similar consonants
/// merged, runs collapsed. "Bellingen", "Blingen" and "Blinken" all give "blnkn".
pub fn skeleton(s: &str) -> String {
    skeleton_of_folded(&fold(s))
}

/// `skeleton` of a name already `fold`ed.
fn skeleton_of_folded(f: &str) -> String {
    if f.is_ascii() {
        return skeleton_of_folded_ascii(f.as_bytes());
    }
    skeleton_by_chars(f)
}

/// The skeleton's rules character by character (any text; the ASCII path is
/// the same rules on bytes).
fn skeleton_by_chars(f: &str) -> String {
    let mut out = String::with_capacity(f.len());
    let mut last = '\0';
    for (i, c) in f.chars().enumerate() {
        let m = match c {
            'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' if i > 0 => {
                last = '\0';
                continue;
            }
            'g' | 'k' | 'c' | 'q' => 'k',
            'b' | 'p' => 'p',
            'd' | 't' => 't',
            's' | 'z' | 'x' => 's',
            'f' | 'v' => 'f',
            'm' | 'n' => 'n',
            c => c,
        };
        let m = if i == 0 { c } else { m };
        if m != last {
            out.push(m);
        }
        last = m;
    }
    out
}

/// `skeleton_of_folded` of an ASCII name, byte by byte (the same rules).
fn skeleton_of_folded_ascii(f: &[u8]) -> String {
    let mut out = Vec::with_capacity(f.len());
    let mut last = 0u8;
    for (i, &c) in f.iter().enumerate() {
        let m = match c {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' | b'h' | b'w' if i > 0 => {
                last = 0;
                continue;
            }
            b'g' | b'k' | b'c' | b'q' => b'k',
            b'b' | b'p' => b'p',
            b'd' | b't' => b't',
            b's' | b'z' | b'x' => b's',
            b'f' | b'v' => b'f',
            b'm' | b'n' => b'n',
            c => c,
        };
        let m = if i == 0 { c } else { m };
        if m != last {
            out.push(m);
        }
        last = m;
    }
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// Levenshtein distance on folded strings.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = fold(a).chars().collect();
    let b: Vec<char> = fold(b).chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for i in 1..=a.len() {
        cur[0] = i;
        for j in 1..=b.len() {
            let sub = prev[j - 1] + usize::from(a[i - 1] != b[j - 1]);
            cur[j] = sub.min(prev[j] + 1).min(cur[j - 1] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// A single-word name prepared for comparison: folded once, skeleton once.
#[derive(Debug, Clone)]
pub struct NameKey {
    folded: String,
    skel: String,
    len: usize,
}

impl NameKey {
    pub fn new(name: &str) -> Self {
        let folded = fold(name);
        // folding folded ASCII changes nothing: skip the second fold
        let skel = if folded.is_ascii() {
            skeleton_of_folded(&folded)
        } else {
            skeleton(&folded)
        };
        let len = if folded.is_ascii() {
            folded.len()
        } else {
            folded.chars().count()
        };
        NameKey { folded, skel, len }
    }

    /// Are the two plausibly one name garbled?
    pub fn same(&self, other: &NameKey) -> bool {
        if self.folded == other.folded {
            return true;
        }
        if self.len < 5
            || other.len < 5
            || self.len.abs_diff(other.len) > 4
            || self.folded.chars().next() != other.folded.chars().next()
        {
            return false;
        }
        let longer = self.len.max(other.len);
        let skel_match = self.skel == other.skel && self.skel.len() >= 4;
        if !skel_match {
            // only a one-letter slip is left to accept: no table needed
            return longer >= 6 && within_one_edit(&self.folded, &other.folded);
        }
        let d = edit_distance(&self.folded, &other.folded);
        (d <= 1 && longer >= 6) || d * 5 <= longer * 2
    }
}

/// Levenshtein distance of at most one, without allocating.
fn within_one_edit(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let (long, short) = if la >= lb { (a, b) } else { (b, a) };
    let mut s = short.chars().peekable();
    let mut slips = 0;
    for cl in long.chars() {
        match s.peek() {
            Some(&cs) if cs == cl => {
                s.next();
            }
            _ => {
                slips += 1;
                if slips > 1 {
                    return false;
                }
                if la == lb {
                    s.next(); // a substitution
                }
            }
        }
    }
    slips + s.count() <= 1
}

/// Are two folded single-word names one short name with a slip or two, the way
/// rewriting tools garble a surname seen beside its true spelling in one
/// article ("Lnch" for Lynch, "Cruzz" for Cruz, "Sccatt" for Scott)? The first
/// letter is kept; a vowel changed, a letter dropped or added (doubled) costs
/// one, a consonant swapped for a similar one (k/g, d/t) one, any other
/// consonant swap is a different name ("Obama", "Osama"). Names of up to four
/// letters allow one slip, longer ones two. Only for names the context already
/// ties together: on its own this says little about three-letter names.
pub fn close_spelling(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // cheap refusals first, with no allocation: most pairs differ in their
    // first letter or their length (this runs for every pair of surnames)
    let (mut ca, mut cb) = (a.chars(), b.chars());
    if ca.next() != cb.next() {
        return false;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    if shorter < 3 {
        return false;
    }
    let budget = if la.max(lb) <= 4 || shorter <= 3 {
        1
    } else {
        2
    };
    if la.abs_diff(lb) > budget {
        return false;
    }
    // names are short: the letters and the two rows of the table fit on the stack
    const N: usize = 48;
    if la > N || lb > N {
        return close_spelling_long(a, b, budget);
    }
    if letters_apart(a, b) > budget {
        return false;
    }
    let mut wa = ['\0'; N];
    let mut wb = ['\0'; N];
    for (k, c) in a.chars().enumerate() {
        wa[k] = c;
    }
    for (k, c) in b.chars().enumerate() {
        wb[k] = c;
    }
    let (wa, wb) = (&wa[..la], &wb[..lb]);
    let mut prev = [0usize; N + 1];
    let mut cur = [0usize; N + 1];
    edit_cost(wa, wb, &mut prev[..=lb], &mut cur[..=lb], budget) <= budget
}

/// A lower bound of `edit_cost` that needs no table: the letters one name has
/// and the other lacks (as multisets, the larger side). Every such letter is
/// substituted, dropped or added, at a cost of one or more each. Most pairs of
/// surnames that share a first letter and a length are refused by it.
/// Names with a character beyond ASCII give 0 (no bound). For names of up to
/// 48 letters (no count overflows).
#[inline]
fn letters_apart(a: &str, b: &str) -> usize {
    if !a.is_ascii() || !b.is_ascii() {
        return 0;
    }
    let mut count = [0i8; 128];
    for x in a.bytes() {
        count[usize::from(x)] += 1;
    }
    for x in b.bytes() {
        count[usize::from(x)] -= 1;
    }
    let (mut more, mut fewer) = (0usize, 0usize);
    for &c in a.as_bytes().iter().chain(b.as_bytes()) {
        let k = &mut count[usize::from(c)];
        // each letter counted once: its entry is cleared once read
        match *k {
            n if n > 0 => more += n as usize,
            n if n < 0 => fewer += n.unsigned_abs() as usize,
            _ => {}
        }
        *k = 0;
    }
    more.max(fewer)
}

/// `close_spelling` for names too long for the stack (never in practice).
fn close_spelling_long(a: &str, b: &str, budget: usize) -> bool {
    let (wa, wb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev = vec![0; wb.len() + 1];
    let mut cur = vec![0; wb.len() + 1];
    edit_cost(&wa, &wb, &mut prev, &mut cur, budget) <= budget
}

/// The weighted edit cost of `close_spelling` between two names, with two rows
/// of `b.len() + 1` cells to work in; once every cell of a row exceeds `budget`
/// (no later row can come under it: costs only add up), a cost above `budget`.
fn edit_cost(
    a: &[char],
    b: &[char],
    prev: &mut [usize],
    cur: &mut [usize],
    budget: usize,
) -> usize {
    let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let sub = |x: char, y: char| -> usize {
        if x == y {
            0
        } else if vowel(x) && vowel(y)
            || !vowel(x) && !vowel(y) && consonant_class(x) == consonant_class(y)
        {
            1
        } else {
            3
        }
    };
    // dropping or adding a vowel, or one of a doubled consonant, costs one;
    // any other consonant two ("Bige" for "Blige" spends a long name's budget)
    let indel = |w: &[char], i: usize| -> usize {
        let c = w[i];
        let doubled = i > 0 && w[i - 1] == c || i + 1 < w.len() && w[i + 1] == c;
        if vowel(c) || doubled {
            1
        } else {
            2
        }
    };
    prev[0] = 0;
    for j in 1..=b.len() {
        prev[j] = prev[j - 1] + indel(b, j - 1);
    }
    let (mut prev, mut cur) = (prev, cur);
    for i in 1..=a.len() {
        cur[0] = prev[0] + indel(a, i - 1);
        let mut least = cur[0];
        for j in 1..=b.len() {
            cur[j] = (prev[j - 1] + sub(a[i - 1], b[j - 1]))
                .min(prev[j] + indel(a, i - 1))
                .min(cur[j - 1] + indel(b, j - 1));
            least = least.min(cur[j]);
        }
        if least > budget {
            return least;
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The sound class a consonant falls in, as `skeleton_of_folded` writes it after
/// a first letter (k/g/c/q, b/p, d/t, s/z/x, f/v, m/n; others alone); none for
/// the letters a skeleton drops (vowels, y, h, w).
fn consonant_class(c: char) -> Option<char> {
    match c {
        'a' | 'e' | 'i' | 'o' | 'u' | 'y' | 'h' | 'w' => None,
        'g' | 'k' | 'c' | 'q' => Some('k'),
        'b' | 'p' => Some('p'),
        'd' | 't' => Some('t'),
        's' | 'z' | 'x' => Some('s'),
        'f' | 'v' => Some('f'),
        'm' | 'n' => Some('n'),
        c => Some(c),
    }
}

/// Are two single-word names plausibly one name garbled?
pub fn same_name(a: &str, b: &str) -> bool {
    NameKey::new(a).same(&NameKey::new(b))
}

#[cfg(test)]
mod tests {
    /// The first implementation of `close_spelling`, kept to check the faster one.
    fn close_spelling_reference(a: &str, b: &str) -> bool {
        let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
        if a == b {
            return true;
        }
        let shorter = a.len().min(b.len());
        if shorter < 3 || a[0] != b[0] {
            return false;
        }
        let budget = if a.len().max(b.len()) <= 4 || shorter <= 3 {
            1
        } else {
            2
        };
        if a.len().abs_diff(b.len()) > budget {
            return false;
        }
        let vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
        let class = |c: char| skeleton_of_folded(&format!("a{c}")).chars().nth(1);
        let sub = |x: char, y: char| -> usize {
            if x == y {
                0
            } else if vowel(x) && vowel(y) || !vowel(x) && !vowel(y) && class(x) == class(y) {
                1
            } else {
                3
            }
        };
        let indel = |w: &[char], i: usize| -> usize {
            let c = w[i];
            let doubled = i > 0 && w[i - 1] == c || i + 1 < w.len() && w[i + 1] == c;
            if vowel(c) || doubled {
                1
            } else {
                2
            }
        };
        let mut prev: Vec<usize> = vec![0; b.len() + 1];
        for j in 1..=b.len() {
            prev[j] = prev[j - 1] + indel(&b, j - 1);
        }
        let mut cur = vec![0; b.len() + 1];
        for i in 1..=a.len() {
            cur[0] = prev[0] + indel(&a, i - 1);
            for j in 1..=b.len() {
                cur[j] = (prev[j - 1] + sub(a[i - 1], b[j - 1]))
                    .min(prev[j] + indel(&a, i - 1))
                    .min(cur[j - 1] + indel(&b, j - 1));
            }
            std::mem::swap(&mut prev, &mut cur);
        }
        prev[b.len()] <= budget
    }

    #[test]
    fn close_spelling_agrees_with_its_first_implementation() {
        // a few dozen names, short and long, and their slips
        let base = [
            "blinken",
            "bellingen",
            "blingen",
            "obama",
            "osama",
            "blige",
            "bige",
            "king",
            "kinag",
            "cruz",
            "cruzz",
            "lynch",
            "lnch",
            "scott",
            "sccatt",
            "duane",
            "duan",
            "smith",
            "smyth",
            "schmidt",
            "brown",
            "browne",
            "braun",
            "kennedy",
            "kenedy",
            "gonzalez",
            "gonsales",
            "mcconnell",
            "mcconell",
            "xi",
            "li",
            "wu",
            "ng",
            "ab",
            "abc",
            "abd",
            "acd",
            "hwang",
            "whang",
            "yang",
            "jang",
            "muller",
            "mueller",
            "müller",
            "ozil",
            "özil",
            "zzzz",
            "zzzy",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz",
            "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyy",
        ];
        let mut names: Vec<String> = base.iter().map(|s| s.to_string()).collect();
        for b in base {
            let cs: Vec<char> = b.chars().collect();
            for i in 0..cs.len() {
                let mut d = cs.clone();
                d.remove(i);
                names.push(d.iter().collect());
                let mut r = cs.clone();
                r[i] = if r[i] == 'e' { 'a' } else { 'e' };
                names.push(r.iter().collect());
            }
        }
        // each name and its slips against every other
        for a in names.iter().step_by(12) {
            for b in &names {
                assert_eq!(
                    close_spelling(a, b),
                    close_spelling_reference(a, b),
                    "{a:?} {b:?}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn phrase_words_are_the_phrase_key_split() {
        for s in [
            "Antony J. Blinken",
            "  José  Martí-Pérez ",
            "O'Neill",
            "",
            " . - ",
        ] {
            assert_eq!(fold_words(s).join(" "), fold_phrase(s), "{s:?}");
        }
        assert_eq!(fold_words("Antony J. Blinken"), ["antony", "j", "blinken"]);
    }

    #[test]
    fn garbled_blinken() {
        assert_eq!(skeleton("Bellingen"), skeleton("Blinken"));
        assert!(same_name("Bellingen", "Blinken"));
        assert!(same_name("Blingen", "Blinken"));
        assert!(same_name("Bellingen", "Blingen"));
    }

    #[test]
    fn distinct_names_stay_apart() {
        assert!(!same_name("Biden", "Bidet"));
        assert!(!same_name("Putin", "Patton"));
        assert!(!same_name("Clinton", "Clayton"));
        assert!(!same_name("Lavrov", "Lafarge"));
        assert!(!same_name("Sullivan", "Stoltenberg"));
        assert!(!same_name("Obama", "Osama"));
    }

    #[test]
    fn close_spellings_of_short_names() {
        for (a, b) in [
            ("lnch", "lynch"),
            ("cruzz", "cruz"),
            ("sccatt", "scott"),
            ("scett", "scott"),
            ("duan", "dean"),
            ("kinag", "king"),
            ("bann", "ban"),
            ("hom", "ham"),
            ("marrianu", "mariano"),
            ("fowiller", "fowler"),
            ("ciddel", "caddell"),
            ("bige", "blige"),
            ("blingen", "blinken"),
        ] {
            assert!(close_spelling(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("osama", "obama"),
            ("bidet", "biden"),
            ("clayton", "clinton"),
            ("bush", "rush"),
            ("cruz", "crum"),
            ("ham", "hammond"),
            ("rand", "ryan"),
        ] {
            assert!(!close_spelling(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn letters_apart_is_a_lower_bound_of_the_edit_cost() {
        assert_eq!(letters_apart("lynch", "lnch"), 1);
        assert_eq!(letters_apart("clinton", "clayton"), 2);
        assert_eq!(letters_apart("trump", "tusk"), 3);
        assert_eq!(letters_apart("abba", "baab"), 0);
        assert_eq!(letters_apart("müller", "mueller"), 0);
        let names = [
            "blinken",
            "bellingen",
            "blingen",
            "cruzz",
            "cruz",
            "sccatt",
            "scott",
        ];
        for a in names {
            for b in names {
                let (wa, wb): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
                let (mut prev, mut cur) = (vec![0; wb.len() + 1], vec![0; wb.len() + 1]);
                let cost = edit_cost(&wa, &wb, &mut prev, &mut cur, usize::MAX);
                assert!(letters_apart(a, b) <= cost, "{a} {b}");
            }
        }
    }

    #[test]
    fn folding_ascii_drops_punctuation_and_lowers() {
        assert_eq!(fold("O'Neill"), "oneill");
        assert_eq!(fold("BLINKEN"), "blinken");
        assert_eq!(fold("G.K."), "gk");
        assert_eq!(fold("José"), "jose");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn ascii_skeletons_follow_the_character_rules() {
        // the character-by-character rules, for comparison
        let by_chars = super::skeleton_by_chars;
        for f in [
            "bellingen",
            "blingen",
            "blinken",
            "aeiou",
            "hwang",
            "whang",
            "xzs",
            "ccc",
            "a",
            "",
            "mcconnell",
            "schmidt",
            "yy",
            "q1b2",
        ] {
            assert_eq!(skeleton_of_folded(f), by_chars(f), "{f}");
        }
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("blingen", "blinken"));
        assert!(within_one_edit("blinken", "blinkn"));
        assert!(within_one_edit("blnken", "blinken"));
        assert!(!within_one_edit("blinken", "blnkn"));
        assert!(!within_one_edit("abcdef", "badcef"));
        assert!(within_one_edit("same", "same"));
    }

    #[test]
    fn distance() {
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("Blingen", "Blinken"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
