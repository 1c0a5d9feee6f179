//! A knowledge base of actors (JSON Lines) and entity linking against it.
//!
//! One object a line: `{"id", "name", "type", "aliases": [...], "roles":
//! [{"title", "country", "start", "end"}]}`. Parsing takes the text (the
//! caller reads the file) and names the source and line of any bad record.

use crate::fuzzy::{fold, given_names_compatible, same_name, skeleton};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::sync::Arc;
use whosaid_core::EntityType;

#[derive(Debug, thiserror::Error)]
pub enum KbError {
    #[error("{source_name}:{line}: {msg}")]
    Line {
        source_name: String,
        line: usize,
        msg: String,
    },
    #[error("{source_name}: the knowledge base is empty")]
    Empty { source_name: String },
}

#[derive(Debug, Clone, Deserialize)]
pub struct KbRole {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub end: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct KbEntry {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub roles: Vec<KbRole>,
}

impl KbEntry {
    pub fn entity_type(&self) -> EntityType {
        match self.etype.as_str() {
            "person" => EntityType::Person,
            "organization" | "organisation" => EntityType::Organization,
            _ => EntityType::Place,
        }
    }
}

#[derive(Debug, Default)]
pub struct Kb {
    pub entries: Vec<KbEntry>,
    /// Each entry's role titles, lower-cased once at load ("prime minister"),
    /// shared with every document that links the entry (see `titles`).
    titles: Vec<Arc<[String]>>,
    /// Folded name or alias -> entries.
    by_name: HashMap<String, Vec<u32>>,
    /// Skeleton of single-word person aliases (surnames) -> entries.
    by_skeleton: HashMap<String, Vec<u32>>,
}

impl Kb {
    pub fn parse(src: &str, source_name: &str) -> Result<Kb, KbError> {
        let mut kb = Kb::default();
        for (i, line) in src.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let e: KbEntry = serde_json::from_str(line).map_err(|e| KbError::Line {
                source_name: source_name.to_string(),
                line: i + 1,
                msg: format!("not a knowledge-base record: {e}"),
            })?;
            if e.id.trim().is_empty() || e.name.trim().is_empty() {
                return Err(KbError::Line {
                    source_name: source_name.to_string(),
                    line: i + 1,
                    msg: "\"id\" and \"name\" must not be empty".into(),
                });
            }
            kb.push(e);
        }
        if kb.entries.is_empty() {
            return Err(KbError::Empty {
                source_name: source_name.to_string(),
            });
        }
        Ok(kb)
    }

    fn push(&mut self, e: KbEntry) {
        let idx = self.entries.len() as u32;
        let person = e.entity_type() == EntityType::Person;
        for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
            let key = fold_phrase(n);
            if key.is_empty() {
                continue;
            }
            let v = self.by_name.entry(key).or_default();
            if !v.contains(&idx) {
                v.push(idx);
            }
            if person && !n.contains(' ') && n.chars().count() >= 5 {
                self.by_skeleton.entry(skeleton(n)).or_default().push(idx);
            }
        }
        self.titles.push(
            e.roles
                .iter()
                .filter_map(|r| r.title.as_deref())
                .map(str::to_lowercase)
                .collect(),
        );
        self.entries.push(e);
    }

    /// Entry `i`'s role titles, lower-cased.
    pub fn titles(&self, i: u32) -> Arc<[String]> {
        Arc::clone(&self.titles[i as usize])
    }

    /// Entries whose name or alias is exactly `name` (after folding).
    pub fn exact(&self, name: &str) -> &[u32] {
        self.by_name
            .get(&fold_phrase(name))
            .map_or(&[], Vec::as_slice)
    }

    /// Links an in-document entity, given its spellings (best first), its
    /// type and the words of the document (for disambiguation by role).
    pub fn link(
        &self,
        spellings: &[&str],
        etype: EntityType,
        context: &HashSet<String>,
        year: Option<i32>,
    ) -> Option<(u32, bool)> {
        // a person the text names in full ("Cherie Blair") is only an entry whose
        // names share the given name: a shared surname is not enough
        let given = (etype == EntityType::Person)
            .then(|| spellings.iter().find(|s| s.split_whitespace().count() >= 2))
            .flatten()
            .and_then(|s| s.split_whitespace().next())
            .map(fold);
        let compatible = |i: &u32| {
            let e = &self.entries[*i as usize];
            let t = e.entity_type();
            let type_ok = t == etype || (etype == EntityType::Place && t == EntityType::Place);
            type_ok
                && self.of_the_era(*i, year)
                && given.as_ref().is_none_or(|g| {
                    std::iter::once(&e.name).chain(&e.aliases).any(|n| {
                        let words: Vec<&str> = n.split_whitespace().collect();
                        words.len() >= 2 && given_names_compatible(words[0], g)
                    })
                })
        };
        // a person named by surname alone is an entry only when the document
        // also speaks of its roles: "Blair" in a 1987 wire story is not Tony Blair
        let surname_only = etype == EntityType::Person && given.is_none();
        for s in spellings {
            let cands: Vec<u32> = self
                .exact(s)
                .iter()
                .copied()
                .filter(compatible)
                .filter(|&i| !surname_only || self.in_context(i, context))
                .collect();
            if let Some(best) = self.pick(&cands, context) {
                return Some((best, false));
            }
        }
        // fuzzy: a garbled surname, only for persons, only with one clear candidate
        if etype == EntityType::Person {
            for s in spellings.iter().filter(|s| !s.contains(' ')) {
                let Some(cands) = self.by_skeleton.get(&skeleton(s)) else {
                    continue;
                };
                let cands: Vec<u32> = cands
                    .iter()
                    .copied()
                    .filter(compatible)
                    .filter(|&i| {
                        let e = &self.entries[i as usize];
                        e.aliases
                            .iter()
                            .chain([&e.name])
                            .any(|a| !a.contains(' ') && same_name(a, s))
                    })
                    .collect();
                // (a respelling is another name as often as a garble: "Lord
                // Falconer" beside "minister" and "state" is not Australia's John
                // Faulkner, so the entry's country must be spoken of too)
                let supported: Vec<u32> = cands
                    .iter()
                    .copied()
                    .filter(|&i| self.in_context(i, context) && self.country_in_context(i, context))
                    .collect();
                if supported.len() == 1 {
                    return Some((supported[0], true));
                }
            }
        }
        None
    }

    /// Could a document of `year` speak of entry `i`? Not when every role the
    /// entry has begins more than ten years later: "Wang Yi" in a 1987 wire story
    /// is not the foreign minister of 2013. (Entries with no dated role, and
    /// documents with no date, say nothing.)
    fn of_the_era(&self, i: u32, year: Option<i32>) -> bool {
        let Some(year) = year else { return true };
        let first = self.entries[i as usize]
            .roles
            .iter()
            .map(|r| {
                r.start
                    .as_deref()
                    .and_then(|d| d.get(..4))
                    .and_then(|y| y.parse::<i32>().ok())
            })
            .try_fold(i32::MAX, |m, y| y.map(|y| m.min(y)));
        first.is_none_or(|first| first == i32::MAX || first <= year + 10)
    }

    fn pick(&self, cands: &[u32], context: &HashSet<String>) -> Option<u32> {
        match cands {
            [] => None,
            [one] => Some(*one),
            _ => {
                let mut scored: Vec<(i64, u32)> = cands
                    .iter()
                    .map(|&i| {
                        let e = &self.entries[i as usize];
                        let mut s = self.context_score(i, context) * 10;
                        // Wikidata-backed entries are the better-known actors
                        if e.id.starts_with('Q') {
                            s += 5;
                        }
                        s += e.roles.len().min(4) as i64;
                        (s, i)
                    })
                    .collect();
                scored.sort_by(|a, b| b.cmp(a));
                (scored[0].0 > scored[1].0).then_some(scored[0].1)
            }
        }
    }

    /// Does the document use any of an entry's role words (title, country)?
    /// (`context_score` without building the word set: this runs for every
    /// surname-alone person with a candidate.)
    ///
    /// One word of an office that any article may hold for someone else ("Justice
    /// Minister Kenny MacAskill" is no sign of the Irish minister Martin Cullen
    /// behind "Lord Cullen") is not enough: it takes two of the entry's words, or
    /// one that is not such a word (a country, "transport", "senator").
    /// Does the document speak of the country of one of entry `i`'s roles (a word
    /// of its name, or the people's: "Australian" for "Australia")?
    fn country_in_context(&self, i: u32, context: &HashSet<String>) -> bool {
        self.entries[i as usize]
            .roles
            .iter()
            .filter_map(|r| r.country.as_deref())
            .flat_map(|c| c.split(|c: char| !c.is_alphanumeric()))
            .filter(|w| w.len() > 3)
            .any(|w| {
                let w = w.to_lowercase();
                context.contains(&w) || w.ends_with('a') && context.contains(&format!("{w}n"))
            })
    }

    fn in_context(&self, i: u32, context: &HashSet<String>) -> bool {
        let mut first: Option<String> = None;
        for r in &self.entries[i as usize].roles {
            for s in [&r.title, &r.country].into_iter().flatten() {
                for w in s
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| w.len() > 3)
                {
                    let w = w.to_lowercase();
                    if !context.contains(&w) {
                        continue;
                    }
                    if !GENERIC_OFFICE_WORDS.contains(&w.as_str()) {
                        return true;
                    }
                    match &first {
                        Some(f) if *f != w => return true,
                        Some(_) => {}
                        None => first = Some(w),
                    }
                }
            }
        }
        false
    }

    /// How many of an entry's role words (title, country) the document uses.
    fn context_score(&self, i: u32, context: &HashSet<String>) -> i64 {
        let e = &self.entries[i as usize];
        let mut words: HashSet<String> = HashSet::default();
        for r in &e.roles {
            for s in [&r.title, &r.country].into_iter().flatten() {
                for w in s.split(|c: char| !c.is_alphanumeric()) {
                    if w.len() > 3 {
                        words.insert(w.to_lowercase());
                    }
                }
            }
        }
        words.iter().filter(|w| context.contains(*w)).count() as i64
    }
}

/// Words of offices that name no one in particular: an article holding one of
/// them may well be holding it for someone else.
const GENERIC_OFFICE_WORDS: &[&str] = &[
    "minister",
    "ministry",
    "government",
    "member",
    "party",
    "leader",
    "official",
    "president",
    "secretary",
    "state",
    "general",
    "deputy",
    "chief",
    "head",
    "affairs",
    "national",
    "senior",
    "chairman",
    "director",
    "office",
    "council",
    "committee",
    "executive",
    "justice",
];

pub use crate::fuzzy::fold_phrase;

#[cfg(test)]
mod tests {
    use super::*;

    const KB: &str = r#"{"id":"P1","name":"Antony Blinken","type":"person","aliases":["Blinken","Tony Blinken"],"roles":[{"title":"Secretary of State","country":"United States","start":"2021-01-26","end":null}]}
{"id":"O1","name":"NATO","type":"organization","aliases":["North Atlantic Treaty Organization"]}
{"id":"P2","name":"Anna Blinken","type":"person","aliases":["Blinken"],"roles":[{"title":"Painter","country":"Sweden"}]}
"#;

    fn ctx(words: &[&str]) -> HashSet<String> {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn parses_and_links_exactly() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        assert_eq!(kb.entries.len(), 3);
        let (i, fuzzy) = kb
            .link(&["Antony Blinken"], EntityType::Person, &ctx(&[]), None)
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P1");
        assert!(!fuzzy);
        assert!(kb
            .link(&["NATO"], EntityType::Organization, &ctx(&[]), None)
            .is_some());
    }

    #[test]
    fn ambiguous_surname_needs_context() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        let (i, _) = kb
            .link(
                &["Blinken"],
                EntityType::Person,
                &ctx(&["state", "united", "states"]),
                None,
            )
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P1");
        let (i, _) = kb
            .link(
                &["Blinken"],
                EntityType::Person,
                &ctx(&["sweden", "painter"]),
                None,
            )
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P2");
    }

    #[test]
    fn a_full_name_needs_its_given_name() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        // "Cherie Blinken" is not Antony Blinken, whatever the surname alias says
        assert!(kb
            .link(
                &["Cherie Blinken", "Blinken"],
                EntityType::Person,
                &ctx(&["state", "united"]),
                None,
            )
            .is_none());
        let (i, _) = kb
            .link(
                &["Tony Blinken", "Blinken"],
                EntityType::Person,
                &ctx(&["state", "united"]),
                None,
            )
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P1");
    }

    #[test]
    fn a_surname_alone_needs_the_roles_in_the_text() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        // nothing in the text about a secretary of state or a painter
        assert!(kb
            .link(
                &["Blinken"],
                EntityType::Person,
                &ctx(&["football", "match"]),
                None,
            )
            .is_none());
        // one word of an office another person in the text may hold is not
        // enough ("Justice Minister X ... Lord Blinken"); two are, or a country
        assert!(kb
            .link(&["Blinken"], EntityType::Person, &ctx(&["state"]), None)
            .is_none());
        assert!(kb
            .link(&["Blinken"], EntityType::Person, &ctx(&["sweden"]), None)
            .is_some());
        // the given name alone is enough, nicknames included
        let (i, _) = kb
            .link(&["Tony Blinken"], EntityType::Person, &ctx(&[]), None)
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P1");
        assert!(kb
            .link(
                &["Nigel Blinken", "Blinken"],
                EntityType::Person,
                &ctx(&["state"]),
                None,
            )
            .is_none());
    }

    #[test]
    fn an_entry_is_not_linked_decades_before_its_first_role() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        // Blinken's only role starts in 2021: a 1987 story speaks of someone else
        assert!(kb
            .link(
                &["Antony Blinken"],
                EntityType::Person,
                &ctx(&[]),
                Some(1987)
            )
            .is_none());
        // ten years before a role is the same era; an undated role says nothing
        assert!(kb
            .link(
                &["Antony Blinken"],
                EntityType::Person,
                &ctx(&[]),
                Some(2015)
            )
            .is_some());
        assert!(kb
            .link(
                &["Blinken"],
                EntityType::Person,
                &ctx(&["sweden"]),
                Some(1950)
            )
            .is_some());
    }

    #[test]
    fn garbled_surname_with_context() {
        let kb = Kb::parse(KB, "test.jsonl").unwrap();
        let (i, fuzzy) = kb
            .link(
                &["Blingen"],
                EntityType::Person,
                &ctx(&["state", "united"]),
                None,
            )
            .unwrap();
        assert_eq!(kb.entries[i as usize].id, "P1");
        assert!(fuzzy);
        // office words alone do not make a respelling a garble: "Lord Blingen" in a
        // story of a "secretary of state" with no word of the United States
        assert!(kb
            .link(
                &["Blingen"],
                EntityType::Person,
                &ctx(&["secretary", "state"]),
                None
            )
            .is_none());
    }

    #[test]
    fn bad_lines_name_file_and_line() {
        let e = Kb::parse(
            "{\"id\":\"a\",\"name\":\"A\",\"type\":\"person\"}\nnot json\n",
            "kb.jsonl",
        )
        .unwrap_err();
        assert!(e.to_string().starts_with("kb.jsonl:2:"), "{e}");
        let e = Kb::parse("{\"name\":\"A\",\"type\":\"person\"}\n", "kb.jsonl").unwrap_err();
        assert!(e.to_string().contains("kb.jsonl:1"), "{e}");
        assert!(Kb::parse("\n\n", "kb.jsonl").is_err());
    }
}
