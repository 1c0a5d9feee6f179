//! The word lists analysis relies on, compiled in from `lexicon/*.tsv`.
//!
//! Each file opens with comments saying what it holds; see the files for the
//! columns. Parsing is lenient (a malformed line is skipped and reported in
//! `Lexicon::problems`); a unit test keeps the shipped files clean.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use whosaid_core::{BoilerplateReason, Gender};

const FIRST_NAMES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/first_names.tsv"
));
const TITLES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/titles.tsv"));
const COUNTRIES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/countries.tsv"
));
const PLACES: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/places.tsv"));
const ORGANIZATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/organizations.tsv"
));
const ORG_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/org_words.tsv"
));
const GROUP_NOUNS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/group_nouns.tsv"
));
const SPEECH_VERBS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/speech_verbs.tsv"
));
const CUE_PHRASES: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/cue_phrases.tsv"
));
const ABBREVIATIONS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/abbreviations.tsv"
));
const BOILERPLATE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/boilerplate.tsv"
));
const FUNCTION_WORDS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/lexicon/function_words.tsv"
));

/// `COMPANY_SUFFIXES` and the tests on it, from one list (a `match` on a
/// string compares its length first: no scan of the list per word).
macro_rules! company_suffixes {
    ([$($s:literal,)*], [$($l:literal,)*]) => {
        /// The last words of company names, which their short forms leave out.
        pub const COMPANY_SUFFIXES: &[&str] = &[$($s),*];

        /// Is `w` one of `COMPANY_SUFFIXES`, as written?
        #[inline]
        pub fn is_company_suffix(w: &str) -> bool {
            matches!(w, $($s)|*)
        }

        /// Is `w` one of `COMPANY_SUFFIXES` in any ASCII case ("CORP", "corp")?
        pub fn is_company_suffix_any_case(w: &str) -> bool {
            const LONGEST: usize = 16;
            if w.len() > LONGEST || !w.is_ascii() {
                return false;
            }
            let mut buf = [0u8; LONGEST];
            let b = &mut buf[..w.len()];
            b.copy_from_slice(w.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|l| matches!(l, $($l)|*))
        }
    };
}

company_suffixes!(
    [
        "Corp",
        "Corporation",
        "Inc",
        "Incorporated",
        "Co",
        "Cos",
        "Company",
        "Ltd",
        "Limited",
        "LLC",
        "PLC",
        "Plc",
        "AG",
        "GmbH",
        "SA",
        "NV",
        "BV",
        "SpA",
        "AB",
        "ASA",
        "Holdings",
        "Bancorp",
        "Bancshares",
        "Industries",
        "Group",
        "International",
        "Brothers",
        "Bros",
        "Bhd",
        "Berhad",
        "Pty",
        "Pte",
    ],
    // the same, lower-cased, each once
    [
        "corp",
        "corporation",
        "inc",
        "incorporated",
        "co",
        "cos",
        "company",
        "ltd",
        "limited",
        "llc",
        "plc",
        "ag",
        "gmbh",
        "sa",
        "nv",
        "bv",
        "spa",
        "ab",
        "asa",
        "holdings",
        "bancorp",
        "bancshares",
        "industries",
        "group",
        "international",
        "brothers",
        "bros",
        "bhd",
        "berhad",
        "pty",
        "pte",
    ]
);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleClass {
    Honorific,
    Title,
    Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupClass {
    Group,
    Anonymous,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerbClass {
    Speech,
    Cognition,
    Evidence,
}

/// The syntactic frames a cue verb is seen in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Frames {
    pub that: bool,
    pub quote: bool,
    pub inverted: bool,
    pub object: bool,
    pub to: bool,
    pub on: bool,
    /// "X sees Y as Z": an object and its description.
    pub as_: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CueVerb {
    pub lemma: String,
    pub class: VerbClass,
    pub frames: Frames,
    /// Further words after the first one ("out" in "point out").
    pub rest: Vec<String>,
    /// The -ing form ("saying"), which heads participial clauses.
    pub gerund: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AbbrevKind {
    Title,
    Month,
    Place,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoilerMatch {
    Line,
    Prefix,
    Contains,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BoilerPattern {
    pub pattern: String,
    pub how: BoilerMatch,
    pub reason: BoilerplateReason,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceKind {
    Country,
    Demonym,
    Capital,
    Other,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlaceInfo {
    /// The canonical place name ("United States" for "U.S.", "Russia" for "Moscow").
    pub canonical: String,
    pub kind: PlaceKind,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrgInfo {
    pub canonical: String,
    pub kind: String,
}

#[derive(Debug, Default)]
pub struct Lexicon {
    pub first_names: HashMap<String, Gender>,
    /// Lower-cased title or role phrase -> class and gender.
    pub titles: HashMap<String, (TitleClass, Gender)>,
    pub max_title_words: usize,
    /// Exact spelling -> place.
    pub places: HashMap<String, PlaceInfo>,
    /// Exact spelling (and lower-cased descriptor aliases like "the alliance") -> organisation.
    pub orgs: HashMap<String, OrgInfo>,
    /// Capitalised word -> true when it heads names as a prefix ("Ministry of ...").
    pub org_words: HashMap<String, bool>,
    /// `org_words` lower-cased: "ministry", "department".
    pub org_words_lower: HashSet<String>,
    /// Descriptors that name one organisation: "alliance" (from "the alliance") -> NATO.
    pub org_descriptors: HashMap<String, OrgInfo>,
    pub group_nouns: HashMap<String, GroupClass>,
    /// Lower-cased first word of a cue -> the cues starting with it.
    pub cues: HashMap<String, Vec<CueVerb>>,
    /// The shapes (length, first and last byte) of the keys of `cues`, as a bitmap:
    /// most words are no cue, and this says so without hashing them.
    cue_shapes: Vec<u64>,
    /// The shapes of the keys of `orgs` and `places` (see `may_be_org_or_place`),
    /// built by `builtin` once both are loaded.
    name_shapes: ShapeSet,
    /// The shapes of `function_words`, built by `builtin`.
    function_word_shapes: ShapeSet,
    /// The shapes of `titles`' keys (most phrases looked up are none).
    title_shapes: ShapeSet,
    /// The shapes of `org_descriptors`' keys and of `org_words_lower` (asked for
    /// every word after "the").
    org_role_shapes: ShapeSet,
    /// Lower-cased cue phrase -> position ("before-source" or "frame").
    pub cue_phrases: HashMap<String, String>,
    pub abbreviations: HashMap<String, AbbrevKind>,
    pub boilerplate: Vec<BoilerPattern>,
    /// `boilerplate` indexed: whole lines, prefixes by their first word, substrings.
    pub boiler_lines: HashMap<String, BoilerplateReason>,
    pub boiler_prefixes: HashMap<String, Vec<(String, BoilerplateReason)>>,
    pub boiler_contains: Vec<(String, BoilerplateReason)>,
    /// What to search paragraphs for before trying the substring patterns: their
    /// distinct first words ("contributed"), or whole patterns when those are short.
    pub boiler_contains_words: Vec<String>,
    /// `boiler_contains_words` ready to search for, in the same order (built once:
    /// a substring finder costs more to build than most searches).
    pub boiler_contains_probes: Vec<ContainsProbe>,
    /// The longest whole-line pattern, in bytes.
    pub boiler_line_max: usize,
    pub function_words: HashSet<String>,
    /// The words of a statement's context: times and channels.
    pub context: crate::context_lexicon::ContextLexicon,
    /// Malformed lexicon lines: (file, line number, reason).
    pub problems: Vec<(&'static str, usize, String)>,
}

/// The rows of a tab-separated lexicon file: (line number, trimmed cells),
/// without blank lines and `#` comments.
pub(crate) fn rows(src: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    src.lines().enumerate().filter_map(|(i, l)| {
        let l = l.trim_end();
        if l.trim().is_empty() || l.starts_with('#') {
            None
        } else {
            Some((i + 1, l.split('\t').map(str::trim).collect()))
        }
    })
}

fn list(s: &str) -> impl Iterator<Item = &str> {
    s.split(',').map(str::trim).filter(|x| !x.is_empty())
}

fn gender(s: &str) -> Gender {
    match s {
        "m" => Gender::Male,
        "f" => Gender::Female,
        _ => Gender::Unknown,
    }
}

const CUE_SHAPE_BITS: usize = 1 << 16;

/// A word's shape for the cue bitmap: its length and its first two and last two
/// bytes, hashed to 16 bits. About 8% of news words share a shape with a cue word.
#[inline]
fn cue_shape(w: &str) -> usize {
    cue_shape_bytes(w.as_bytes())
}

/// `cue_shape` of a word's bytes.
#[inline]
fn cue_shape_bytes(b: &[u8]) -> usize {
    let at = |k: usize| u64::from(b.get(k).copied().unwrap_or(0));
    let n = b.len();
    let x = (n.min(31) as u64)
        | at(0) << 5
        | at(1) << 13
        | at(n.wrapping_sub(1)) << 21
        | at(n.wrapping_sub(2)) << 29;
    (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// A set of word shapes (`cue_shape`) as a bitmap: a quick, certain "no" for
/// most strings that are not among the words it was built from.
#[derive(Debug, Default, Clone)]
pub struct ShapeSet(Vec<u64>);

impl ShapeSet {
    pub fn of<'w>(words: impl Iterator<Item = &'w String>) -> Self {
        let mut bits = vec![0u64; CUE_SHAPE_BITS / 64];
        for w in words {
            let b = cue_shape(w);
            bits[b / 64] |= 1 << (b % 64);
        }
        ShapeSet(bits)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `false` when `w` is certainly none of the words; `true` when it may be one.
    #[inline]
    pub fn may_contain(&self, w: &str) -> bool {
        let b = cue_shape(w);
        matches!(self.0.get(b / 64), Some(m) if m & (1 << (b % 64)) != 0)
    }
}

/// Documents and surveys that findings are placed "in" (sorted).
const SOURCE_NOUNS: &[&str] = &[
    "analysis",
    "census",
    "data",
    "document",
    "documents",
    "filing",
    "filings",
    "letter",
    "memo",
    "poll",
    "polls",
    "report",
    "reports",
    "ruling",
    "study",
    "survey",
    "surveys",
];

impl Lexicon {
    /// Whether this exact spelling names a news organisation the lexicon lists
    /// ("Financial Times", "the BBC").
    pub fn is_media(&self, name: &str) -> bool {
        self.orgs.get(name).is_some_and(|o| o.kind == "media")
    }

    /// A noun naming a document or survey that can be the source of a finding:
    /// "in a new poll", "in the report".
    pub fn source_noun(&self, w: &str) -> bool {
        SOURCE_NOUNS.binary_search(&w).is_ok()
    }

    /// The lexicons shipped in the binary.
    pub fn builtin() -> Lexicon {
        let mut lx = Lexicon::default();
        lx.load_first_names();
        lx.load_titles();
        lx.load_places();
        lx.load_orgs();
        lx.load_groups();
        lx.load_cues();
        lx.load_misc();
        lx.context = crate::context_lexicon::ContextLexicon::builtin();
        lx.name_shapes = ShapeSet::of(lx.orgs.keys().chain(lx.places.keys()));
        lx.function_word_shapes = ShapeSet::of(lx.function_words.iter());
        lx.title_shapes = ShapeSet::of(lx.titles.keys());
        lx.org_role_shapes =
            ShapeSet::of(lx.org_descriptors.keys().chain(lx.org_words_lower.iter()));
        lx
    }

    /// Can `s` be a key of `orgs` or `places`? `false` means it is not; `true`, that
    /// it may be (a hash lookup says). Most capitalised word runs are neither, and
    /// this says so without hashing them. Always `true` before `builtin` has
    /// indexed the lexicons.
    #[inline]
    pub fn may_be_org_or_place(&self, s: &str) -> bool {
        self.name_shapes.is_empty() || self.name_shapes.may_contain(s)
    }

    fn bad(&mut self, file: &'static str, line: usize, why: &str) {
        self.problems.push((file, line, why.to_string()));
    }

    fn load_first_names(&mut self) {
        for (n, r) in rows(FIRST_NAMES) {
            match r.as_slice() {
                [name, g, ..] => {
                    self.first_names.insert(name.to_string(), gender(g));
                }
                _ => self.bad("first_names.tsv", n, "want name<TAB>gender"),
            }
        }
    }

    fn load_titles(&mut self) {
        for (n, r) in rows(TITLES) {
            let [phrase, class, g, ..] = r.as_slice() else {
                self.bad("titles.tsv", n, "want phrase<TAB>class<TAB>gender");
                continue;
            };
            let class = match *class {
                "honorific" => TitleClass::Honorific,
                "title" => TitleClass::Title,
                "role" => TitleClass::Role,
                _ => {
                    self.bad("titles.tsv", n, "unknown class");
                    continue;
                }
            };
            let key = phrase.to_lowercase();
            self.max_title_words = self.max_title_words.max(key.split_whitespace().count());
            // a phrase listed as both title and role keeps the title class
            let e = self.titles.entry(key).or_insert((class, gender(g)));
            if class == TitleClass::Title && e.0 == TitleClass::Role {
                e.0 = TitleClass::Title;
            }
        }
    }

    fn load_places(&mut self) {
        for (n, r) in rows(COUNTRIES) {
            let name = r.first().copied().unwrap_or("");
            if name.is_empty() {
                self.bad("countries.tsv", n, "empty name");
                continue;
            }
            let place = |kind| PlaceInfo {
                canonical: name.to_string(),
                kind,
            };
            self.places
                .insert(name.to_string(), place(PlaceKind::Country));
            for d in list(r.get(1).copied().unwrap_or("")) {
                self.places
                    .entry(d.to_string())
                    .or_insert(place(PlaceKind::Demonym));
            }
            if let Some(c) = r.get(2).filter(|c| !c.is_empty()) {
                self.places
                    .entry(c.to_string())
                    .or_insert(place(PlaceKind::Capital));
            }
            for a in list(r.get(3).copied().unwrap_or("")) {
                self.places.insert(a.to_string(), place(PlaceKind::Country));
            }
        }
        for (n, r) in rows(PLACES) {
            match r.as_slice() {
                [name, ..] if !name.is_empty() => {
                    self.places.entry(name.to_string()).or_insert(PlaceInfo {
                        canonical: name.to_string(),
                        kind: PlaceKind::Other,
                    });
                }
                _ => self.bad("places.tsv", n, "empty name"),
            }
        }
    }

    fn load_orgs(&mut self) {
        for (n, r) in rows(ORGANIZATIONS) {
            let [name, kind, rest @ ..] = r.as_slice() else {
                self.bad("organizations.tsv", n, "want name<TAB>kind<TAB>aliases");
                continue;
            };
            let info = OrgInfo {
                canonical: name.to_string(),
                kind: kind.to_string(),
            };
            self.orgs.insert(name.to_string(), info.clone());
            if let Some(stripped) = name.strip_prefix("The ") {
                self.orgs
                    .entry(stripped.to_string())
                    .or_insert(info.clone());
            }
            for a in list(rest.first().copied().unwrap_or("")) {
                // lower-case aliases are descriptors ("the alliance"); keep them lower-cased
                let key = if a.chars().next().is_some_and(|c| c.is_lowercase()) {
                    a.to_lowercase()
                } else {
                    a.to_string()
                };
                self.orgs.entry(key).or_insert(info.clone());
            }
        }
        for (k, v) in &self.orgs {
            if let Some(d) = k.strip_prefix("the ").filter(|d| !d.contains(' ')) {
                self.org_descriptors.insert(d.to_string(), v.clone());
            }
        }
        for (n, r) in rows(ORG_WORDS) {
            match r.as_slice() {
                [w, k, ..] => {
                    self.org_words.insert(w.to_string(), *k == "prefix");
                    self.org_words_lower.insert(w.to_lowercase());
                }
                _ => self.bad("org_words.tsv", n, "want word<TAB>kind"),
            }
        }
    }

    fn load_groups(&mut self) {
        for (n, r) in rows(GROUP_NOUNS) {
            match r.as_slice() {
                [w, c, ..] => {
                    let c = if *c == "anonymous" {
                        GroupClass::Anonymous
                    } else {
                        GroupClass::Group
                    };
                    self.group_nouns.insert(w.to_lowercase(), c);
                }
                _ => self.bad("group_nouns.tsv", n, "want noun<TAB>class"),
            }
        }
    }

    fn load_cues(&mut self) {
        for (n, r) in rows(SPEECH_VERBS) {
            let [lemma, forms, class, rest @ ..] = r.as_slice() else {
                self.bad(
                    "speech_verbs.tsv",
                    n,
                    "want lemma<TAB>forms<TAB>class<TAB>frames",
                );
                continue;
            };
            let class = match *class {
                "speech" => VerbClass::Speech,
                "cognition" => VerbClass::Cognition,
                "evidence" => VerbClass::Evidence,
                _ => {
                    self.bad("speech_verbs.tsv", n, "unknown class");
                    continue;
                }
            };
            let mut frames = Frames::default();
            for f in list(rest.first().copied().unwrap_or("")) {
                match f {
                    "that" => frames.that = true,
                    "quote" => frames.quote = true,
                    "inverted" => frames.inverted = true,
                    "object" => frames.object = true,
                    "to" => frames.to = true,
                    "on" => frames.on = true,
                    "as" => frames.as_ = true,
                    _ => {}
                }
            }
            for form in list(forms) {
                let mut words = form.split_whitespace().map(str::to_lowercase);
                let Some(first) = words.next() else { continue };
                let cue = CueVerb {
                    lemma: lemma.to_string(),
                    class,
                    frames,
                    rest: words.collect(),
                    gerund: form.ends_with("ing") && !lemma.ends_with("ing"),
                };
                let v = self.cues.entry(first).or_default();
                if !v.iter().any(|c| c.rest == cue.rest) {
                    v.push(cue);
                }
            }
        }
        for v in self.cues.values_mut() {
            // longest phrase first
            v.sort_by_key(|c| std::cmp::Reverse(c.rest.len()));
        }
        self.cue_shapes = vec![0; CUE_SHAPE_BITS / 64];
        for k in self.cues.keys() {
            let b = cue_shape(k);
            self.cue_shapes[b / 64] |= 1 << (b % 64);
        }
        for (n, r) in rows(CUE_PHRASES) {
            match r.as_slice() {
                [p, pos, ..] => {
                    self.cue_phrases.insert(p.to_lowercase(), pos.to_string());
                }
                _ => self.bad("cue_phrases.tsv", n, "want phrase<TAB>position<TAB>class"),
            }
        }
    }

    fn load_misc(&mut self) {
        for (n, r) in rows(ABBREVIATIONS) {
            let [a, k, ..] = r.as_slice() else {
                self.bad("abbreviations.tsv", n, "want abbreviation<TAB>kind");
                continue;
            };
            let k = match *k {
                "title" => AbbrevKind::Title,
                "month" => AbbrevKind::Month,
                "place" => AbbrevKind::Place,
                _ => AbbrevKind::Other,
            };
            self.abbreviations.insert(a.to_lowercase(), k);
        }
        for (n, r) in rows(BOILERPLATE) {
            let [p, how, reason, ..] = r.as_slice() else {
                self.bad("boilerplate.tsv", n, "want pattern<TAB>match<TAB>reason");
                continue;
            };
            let how = match *how {
                "line" => BoilerMatch::Line,
                "prefix" => BoilerMatch::Prefix,
                "contains" => BoilerMatch::Contains,
                _ => {
                    self.bad("boilerplate.tsv", n, "unknown match");
                    continue;
                }
            };
            let Some(reason) = BoilerplateReason::parse(reason) else {
                self.bad("boilerplate.tsv", n, "unknown reason");
                continue;
            };
            self.boilerplate.push(BoilerPattern {
                pattern: p.to_lowercase(),
                how,
                reason,
            });
        }
        for p in &self.boilerplate {
            match p.how {
                BoilerMatch::Line => {
                    self.boiler_line_max = self.boiler_line_max.max(p.pattern.len());
                    self.boiler_lines
                        .entry(p.pattern.clone())
                        .or_insert(p.reason);
                }
                BoilerMatch::Prefix => self
                    .boiler_prefixes
                    .entry(first_word(&p.pattern).to_string())
                    .or_default()
                    .push((p.pattern.clone(), p.reason)),
                BoilerMatch::Contains => {
                    // the probe searched for: the first word when it is distinctive, else the pattern
                    let fw = first_word(&p.pattern);
                    let w = if fw.len() >= 6 {
                        fw
                    } else {
                        p.pattern.as_str()
                    }
                    .to_string();
                    if !self.boiler_contains_words.contains(&w) {
                        self.boiler_contains_words.push(w);
                    }
                    self.boiler_contains.push((p.pattern.clone(), p.reason))
                }
            }
        }
        self.boiler_contains_probes = self
            .boiler_contains_words
            .iter()
            .map(|w| ContainsProbe::new(w))
            .collect();
        for (_, r) in rows(FUNCTION_WORDS) {
            if let Some(w) = r.first() {
                self.function_words.insert(w.to_lowercase());
            }
        }
    }

    pub fn is_function_word(&self, w: &str) -> bool {
        with_lower(w, |l| self.is_function_word_lower(l))
    }

    /// `is_function_word` of a word already lower-cased: most words are none, and
    /// the shape bitmap says so before any hashing.
    #[inline]
    pub fn is_function_word_lower(&self, l: &str) -> bool {
        (self.function_word_shapes.is_empty() || self.function_word_shapes.may_contain(l))
            && self.function_words.contains(l)
    }

    /// The title a lower-cased phrase is. Most phrases asked about (every word and
    /// word pair of a capitalised run) are none, and the shape bitmap says so
    /// before any hashing.
    #[inline]
    pub fn title(&self, phrase_lower: &str) -> Option<(TitleClass, Gender)> {
        if !(self.title_shapes.is_empty() || self.title_shapes.may_contain(phrase_lower)) {
            return None;
        }
        self.titles.get(phrase_lower).copied()
    }

    /// The organisation a lower-cased descriptor noun stands for ("the ministry"),
    /// answered by the shape bitmap for most words.
    #[inline]
    pub fn org_descriptor(&self, lower: &str) -> Option<&OrgInfo> {
        if !(self.org_role_shapes.is_empty() || self.org_role_shapes.may_contain(lower)) {
            return None;
        }
        self.org_descriptors.get(lower)
    }

    /// Is this lower-cased word an organisation's head word ("bank", "ministry")?
    #[inline]
    pub fn is_org_word_lower(&self, lower: &str) -> bool {
        (self.org_role_shapes.is_empty() || self.org_role_shapes.may_contain(lower))
            && self.org_words_lower.contains(lower)
    }

    pub fn group(&self, w: &str) -> Option<GroupClass> {
        with_lower(w, |l| self.group_nouns.get(l).copied())
    }

    /// Is this word a plural noun for a group of people ("Officials", "MPs")?
    pub fn plural_group(&self, w: &str) -> bool {
        w.ends_with('s') && self.group(w) == Some(GroupClass::Group)
    }

    /// The kind of abbreviation `word` is when a period follows it ("Mr" -> title).
    pub fn abbreviation(&self, word: &str) -> Option<AbbrevKind> {
        let word = word.trim_end_matches('.');
        if word.len() < 24 && word.is_ascii() {
            let mut buf = [0u8; 25];
            buf[..word.len()].copy_from_slice(word.as_bytes());
            buf[word.len()] = b'.';
            let key = &mut buf[..=word.len()];
            key.make_ascii_lowercase();
            return std::str::from_utf8(key)
                .ok()
                .and_then(|k| self.abbreviations.get(k).copied());
        }
        self.abbreviations
            .get(&format!("{word}.").to_lowercase())
            .copied()
    }

    /// Cues starting with this word, already lower-cased. The shape test is inlined
    /// into the per-token loop; only the few words that pass it are hashed.
    #[inline]
    pub fn cues_lower(&self, w: &str) -> Option<&[CueVerb]> {
        let b = cue_shape(w);
        if !matches!(self.cue_shapes.get(b / 64), Some(m) if m & (1 << (b % 64)) != 0) {
            return None;
        }
        self.cues_hashed(w)
    }

    /// `cues_lower` of the word at bytes `a..b` of a lower-cased text: the shape test
    /// reads the bytes, and only the few words that pass it are sliced and hashed
    /// (this runs once for every word of every document).
    #[inline]
    pub fn cues_lower_at(&self, lower: &str, a: usize, b: usize) -> Option<&[CueVerb]> {
        let s = cue_shape_bytes(&lower.as_bytes()[a..b]);
        if !matches!(self.cue_shapes.get(s / 64), Some(m) if m & (1 << (s % 64)) != 0) {
            return None;
        }
        self.cues_hashed(&lower[a..b])
    }

    #[inline(never)]
    fn cues_hashed(&self, w: &str) -> Option<&[CueVerb]> {
        self.cues.get(w).map(Vec::as_slice)
    }

    /// Cues starting with this word (lower-cased lookup).
    pub fn cues_at(&self, w: &str) -> Option<&[CueVerb]> {
        with_lower(w, |l| self.cues.get(l).map(Vec::as_slice))
    }
}

/// A word searched for in any case of its first character ("Contributed" and
/// "contributed"): that character, and a finder for the bytes after it.
#[derive(Debug, Clone)]
pub struct ContainsProbe {
    /// `None` for the empty word, found everywhere.
    first: Option<char>,
    rest: memchr::memmem::Finder<'static>,
}

impl ContainsProbe {
    pub fn new(word: &str) -> Self {
        let first = word.chars().next();
        let rest = &word[first.map_or(0, char::len_utf8)..];
        ContainsProbe {
            first,
            rest: memchr::memmem::Finder::new(rest.as_bytes()).into_owned(),
        }
    }

    /// Does `hay` hold the word, its first character in either case?
    pub fn is_in(&self, hay: &str) -> bool {
        let Some(first) = self.first else {
            return true;
        };
        let n = self.rest.needle().len();
        let mut from = 0;
        while let Some(k) = self.rest.find(&hay.as_bytes()[from..]) {
            let at = from + k;
            if hay[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.to_lowercase().eq(std::iter::once(first)))
            {
                return true;
            }
            from = at + n.max(1);
        }
        false
    }
}

/// The first word of a boilerplate line or pattern: up to whitespace or a colon.
pub fn first_word(s: &str) -> &str {
    s.split(|c: char| c.is_whitespace() || c == ':')
        .next()
        .unwrap_or("")
}

/// Calls `f` with `w` lower-cased, without allocating for short ASCII words
/// (lexicon lookups run for nearly every token).
pub fn with_lower<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if w.len() <= 48 && w.is_ascii() {
        if !w.bytes().any(|b| b.is_ascii_uppercase()) {
            return f(w);
        }
        let mut buf = [0u8; 48];
        let b = &mut buf[..w.len()];
        b.copy_from_slice(w.as_bytes());
        b.make_ascii_lowercase();
        match std::str::from_utf8(b) {
            Ok(l) => f(l),
            Err(_) => f(&w.to_lowercase()),
        }
    } else {
        f(&w.to_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn company_suffix_tests_agree_with_the_list() {
        for w in [
            "Corp",
            "CORP",
            "corp",
            "Inc",
            "inc",
            "Plc",
            "PLC",
            "plc",
            "GmbH",
            "gmbh",
            "Bros",
            "Co",
            "co",
            "Cos",
            "Corps",
            "Cor",
            "",
            "Bank",
            "Société",
            "International",
            "INTERNATIONAL",
            "Internationals",
            "Brothers",
        ] {
            assert_eq!(is_company_suffix(w), COMPANY_SUFFIXES.contains(&w), "{w}");
            assert_eq!(
                is_company_suffix_any_case(w),
                COMPANY_SUFFIXES.iter().any(|s| s.eq_ignore_ascii_case(w)),
                "{w}"
            );
        }
        for s in COMPANY_SUFFIXES {
            assert!(is_company_suffix(s) && is_company_suffix_any_case(&s.to_uppercase()));
        }
    }

    #[test]
    fn shipped_lexicons_are_clean() {
        let lx = Lexicon::builtin();
        assert!(lx.problems.is_empty(), "{:?}", lx.problems);
        assert!(lx.first_names.len() > 500);
        assert_eq!(lx.first_names.get("Sergei"), Some(&Gender::Male));
        assert!(lx.places.contains_key("Ukraine"));
        assert_eq!(lx.places["U.S."].canonical, "United States");
        assert_eq!(lx.places["Moscow"].canonical, "Russia");
        assert!(lx.cues_at("said").is_some());
        assert!(lx.orgs.contains_key("NATO"));
        assert!(lx.is_function_word("The"));
        assert!(lx.title("secretary-general").is_some());
    }

    #[test]
    fn shape_sets_never_refuse_a_member() {
        let words: Vec<String> = ["NATO", "United States", "U.S.", "Zürich", "a", ""]
            .iter()
            .map(|w| w.to_string())
            .collect();
        let set = ShapeSet::of(words.iter());
        assert!(!set.is_empty());
        for w in &words {
            assert!(set.may_contain(w), "{w}");
        }
        // most other words are refused (a few may share a shape)
        let others = ["Moscow", "Senate", "Trump", "said", "Minister", "Ukraine"];
        assert!(others.iter().filter(|w| set.may_contain(w)).count() <= 2);
        assert!(ShapeSet::default().is_empty());
        // every organisation and place of the shipped lexicons passes
        let lx = Lexicon::builtin();
        assert!(lx.orgs.keys().all(|k| lx.may_be_org_or_place(k)));
        assert!(lx.places.keys().all(|k| lx.may_be_org_or_place(k)));
    }

    #[test]
    fn contains_probes_find_words_in_either_case() {
        let p = ContainsProbe::new("contributed");
        assert!(p.is_in("Jane Doe Contributed reporting"));
        assert!(p.is_in("x contributed"));
        assert!(!p.is_in("ontributed to it"));
        assert!(!p.is_in("contribute"));
        assert!(!p.is_in(""));
        assert!(ContainsProbe::new("").is_in("anything"));
        assert!(ContainsProbe::new("énergie").is_in("L'Énergie"));
        let lx = Lexicon::builtin();
        assert_eq!(
            lx.boiler_contains_probes.len(),
            lx.boiler_contains_words.len()
        );
    }
}
