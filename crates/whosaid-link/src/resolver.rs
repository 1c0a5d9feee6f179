//! Which stored speaker each of an article's entities is, or that it is a new
//! one, and why: the store offers candidates through [`SpeakerSource`] (read
//! inside its ingest transaction), [`resolve`] decides, and the store persists
//! the [`Decision`]s (new entities, KB links, aliases).
//!
//! An article's entity is a stored entity when (in this order):
//! 1. both carry the same knowledge-base id (the analysis links a person to
//!    the KB only when the given names agree, or the roles do for a surname);
//! 2. the normalised full name is the stored entity's name or one of its
//!    multi-word aliases (same type) — "Antony Blinken" is "Antony Blinken"
//!    wherever it appears; a one-word person name ("Smith") is not enough
//!    alone. The stored entity then takes the article's KB id;
//! 3. a person whose names fit one stored person's
//!    ([`person_fit`](crate::identity::person_fit)): the same surname with
//!    compatible given names joins when exactly one stored person fits so;
//!    anything less (a garbled surname, a surname alone, a stored person known
//!    by surname alone) needs shared context — the stored person already
//!    appears in an article beside another entity of this one (found by 1 or
//!    2) — and exactly one stored person with it; a respelled surname with no
//!    given name known on both sides needs two such entities ("Falconer" is not
//!    a garbled "Rob Faulkner"). "Bellingen" next to NATO and Lavrov is the
//!    Blinken seen next to NATO and Lavrov before; a "Bellingen" in a football
//!    report is someone else.
//!
//! Types never cross: every lookup is by the entity's own type, so an
//! organisation never joins a person. Every spelling becomes an alias of the
//! stored entity, except a person's spelling that names someone else ("Cherie
//! Blair" among Tony Blair's mentions, an in-article slip): it would join
//! every later Cherie Blair to him.
//!
//! Lookups are batched per article: one call for its KB ids, one for its
//! names, one for the surname keys of its remaining people; shared context
//! is asked per candidate, and only while it can still change the answer.

use crate::identity::{name_tokens, names_compatible, person_fit, NameFit, PersonName};
use std::collections::HashMap;
use std::sync::Arc;
use whosaid_names::{fold_phrase, skeleton};

/// Stored people of one surname weighed for one article's person.
pub const MAX_EXAMINED: usize = 32;

/// An article's entity, as the resolver sees it.
#[derive(Debug, Clone, Copy)]
pub struct EntityRef<'a> {
    pub name: &'a str,
    /// `person`, `organization`, `place`, ...
    pub etype: &'a str,
    pub kb_id: Option<&'a str>,
    /// The spellings of it in the article.
    pub spellings: &'a [String],
    /// The folded words ([`whosaid_names::fold_words`]) of the name and then of
    /// each spelling, when the caller has them (the pipeline computes them
    /// beside the analysis, so the store's single writer folds no names);
    /// folded here when `None`.
    pub folded: Option<&'a [&'a [String]]>,
}

impl EntityRef<'_> {
    /// The folded words of the name (`k` 0) or of `spellings[k - 1]`.
    fn words(&self, k: usize) -> std::borrow::Cow<'_, [String]> {
        if let Some(w) = self.folded.and_then(|f| f.get(k)) {
            return std::borrow::Cow::Borrowed(w);
        }
        let s = if k == 0 {
            self.name
        } else {
            &self.spellings[k - 1]
        };
        std::borrow::Cow::Owned(name_tokens(s))
    }

    /// The normalised name ([`fold_phrase`]: its folded words joined).
    fn norm(&self) -> String {
        match self.folded.and_then(|f| f.first()) {
            Some(w) => w.join(" "),
            None => fold_phrase(self.name),
        }
    }
}

/// Stored `(entity id, normalised alias)` rows, in the store's order; shared,
/// since a store keeps them cached between articles.
pub type AliasRows = Arc<Vec<(i64, String)>>;

/// What the store offers the resolver, inside its ingest transaction. Each
/// answer reflects every earlier article of the transaction.
pub trait SpeakerSource {
    type Error;
    /// For each KB id, the stored entity that carries it.
    fn by_kb(&mut self, kb_ids: &[&str]) -> Result<Vec<Option<i64>>, Self::Error>;
    /// For each `(type, normalised name)`, the stored entity of that type whose
    /// canonical name or multi-word alias it is.
    fn by_name(&mut self, names: &[(&str, &str)]) -> Result<Vec<Option<i64>>, Self::Error>;
    /// For each word key (its consonant [`skeleton`]), the stored
    /// entities of type `etype` with an alias word of that key, as rows of
    /// their aliases holding such a word.
    fn by_word_key(&mut self, etype: &str, keys: &[&str]) -> Result<Vec<AliasRows>, Self::Error>;
    /// Does stored entity `id` appear in a stored article beside any of `others`?
    fn shares_article(&mut self, id: i64, others: &[i64]) -> Result<bool, Self::Error>;
}

/// Why an entity is the stored entity it is (or a new one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The same knowledge-base id.
    KbId,
    /// The same normalised full name or multi-word alias, same type.
    FullName,
    /// The same surname and compatible given names, and only one stored person so.
    NamesAgree,
    /// Names that allow it, and the only such stored person seen beside another
    /// entity of the article.
    SharedContext,
    /// Nothing stored fits: a new stored entity.
    New,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::KbId => "kb-id",
            Reason::FullName => "full-name",
            Reason::NamesAgree => "names-agree",
            Reason::SharedContext => "shared-context",
            Reason::New => "new",
        }
    }
}

/// The resolver's answer for one entity of the article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The stored entity it is; `None`: a new stored entity.
    pub entity: Option<i64>,
    pub reason: Reason,
    /// The stored entity takes the article's KB id (found by name; a store
    /// keeps an entity's first KB id).
    pub link_kb: bool,
    /// The spellings that become aliases: indices into the name followed by its
    /// spellings (0 is the name, `k` is `spellings[k - 1]`), in that order.
    pub aliases: Vec<usize>,
}

/// Decides, for each of an article's entities in order, which stored entity it
/// is (module doc). One decision per entity.
pub fn resolve<S: SpeakerSource + ?Sized>(
    source: &mut S,
    entities: &[EntityRef<'_>],
) -> Result<Vec<Decision>, S::Error> {
    let norms: Vec<String> = entities.iter().map(EntityRef::norm).collect();
    let mut out: Vec<Decision> = entities
        .iter()
        .map(|e| Decision {
            entity: None,
            reason: Reason::New,
            link_kb: false,
            aliases: alias_spellings(e),
        })
        .collect();

    // pass 1: knowledge-base ids and full names
    let kb_of: Vec<Option<&str>> = entities
        .iter()
        .zip(&norms)
        .map(|(e, n)| e.kb_id.filter(|_| !n.is_empty()))
        .collect();
    let kb_ids: Vec<&str> = kb_of.iter().flatten().copied().collect();
    let mut kb_found = if kb_ids.is_empty() {
        Vec::new()
    } else {
        source.by_kb(&kb_ids)?
    }
    .into_iter();
    let stored_kb: Vec<Option<i64>> = kb_of
        .iter()
        .map(|k| k.and_then(|_| kb_found.next().flatten()))
        .collect();
    let named: Vec<usize> = (0..entities.len())
        .filter(|&i| {
            let one_word_person = entities[i].etype == "person" && !norms[i].contains(' ');
            !norms[i].is_empty() && stored_kb[i].is_none() && !one_word_person
        })
        .collect();
    let queries: Vec<(&str, &str)> = named
        .iter()
        .map(|&i| (entities[i].etype, norms[i].as_str()))
        .collect();
    let mut by_name: Vec<Option<i64>> = vec![None; entities.len()];
    if !queries.is_empty() {
        for (&i, found) in named.iter().zip(source.by_name(&queries)?) {
            by_name[i] = found;
        }
    }
    // KB ids this article gave stored entities found by name, for its later
    // entities with the same id
    let mut linked: HashMap<&str, i64> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        if norms[i].is_empty() {
            continue;
        }
        if let Some(kb) = kb_of[i] {
            if let Some(id) = stored_kb[i].or_else(|| linked.get(kb).copied()) {
                out[i].entity = Some(id);
                out[i].reason = Reason::KbId;
                continue;
            }
        }
        if let Some(id) = by_name[i] {
            out[i].entity = Some(id);
            out[i].reason = Reason::FullName;
            if let Some(kb) = e.kb_id {
                out[i].link_kb = true;
                linked.insert(kb, id);
            }
        }
    }

    // pass 2: persons by surname and given names; anything short of agreeing
    // names needs shared context, and one stored person alone must have it
    let context: Vec<i64> = out.iter().filter_map(|d| d.entity).collect();
    let people: Vec<(usize, PersonName)> = entities
        .iter()
        .enumerate()
        .filter(|(i, e)| out[*i].entity.is_none() && e.kb_id.is_none() && e.etype == "person")
        .filter_map(|(i, e)| PersonName::parse(&e.words(0)).map(|p| (i, p)))
        .collect();
    if people.is_empty() {
        return Ok(out);
    }
    let keys: Vec<String> = people.iter().map(|(_, p)| skeleton(&p.surname)).collect();
    let key_refs: Vec<&str> = keys.iter().map(String::as_str).collect();
    let rows = source.by_word_key("person", &key_refs)?;
    for ((i, person), rows) in people.iter().zip(rows) {
        if let Some((id, reason)) = fit_person(source, person, &rows, &context)? {
            out[*i].entity = Some(id);
            out[*i].reason = reason;
        }
    }
    Ok(out)
}

/// The one stored person among `rows` that an article's person is, if any.
fn fit_person<S: SpeakerSource + ?Sized>(
    source: &mut S,
    person: &PersonName,
    rows: &[(i64, String)],
    context: &[i64],
) -> Result<Option<(i64, Reason)>, S::Error> {
    let mut stored: Vec<i64> = Vec::new();
    for &(id, _) in rows {
        if !stored.contains(&id) {
            stored.push(id);
        }
    }
    let (mut agree, mut maybe) = (Vec::new(), Vec::new());
    // (stored people whose surname is only a respelling, with no given name to
    // agree on: they must share two of the article's others, not one)
    let mut garbled = Vec::new();
    for &id in stored.iter().take(MAX_EXAMINED) {
        let aliases = rows.iter().filter(|r| r.0 == id).map(|r| r.1.as_str());
        match person_fit(person, aliases) {
            NameFit::Agree => agree.push(id),
            NameFit::NeedsContext => maybe.push(id),
            NameFit::GarbledAlone => {
                maybe.push(id);
                garbled.push(id);
            }
            NameFit::Conflict => {}
        }
    }
    if let [one] = agree[..] {
        return Ok(Some((one, Reason::NamesAgree)));
    }
    // several stored people agree by name ("J. Smith"): context picks one
    let pool = if agree.is_empty() { maybe } else { agree };
    let mut with_context = Vec::new();
    if !context.is_empty() {
        for id in pool {
            // (one question first, as for any other: most share nothing)
            let mut shared = source.shares_article(id, context)?;
            if shared && garbled.contains(&id) {
                let mut n = 0;
                for c in context {
                    if source.shares_article(id, std::slice::from_ref(c))? {
                        n += 1;
                        if n == 2 {
                            break;
                        }
                    }
                }
                shared = n == 2;
            }
            if shared {
                with_context.push(id);
                if with_context.len() > 1 {
                    break;
                }
            }
        }
    }
    Ok(match with_context[..] {
        [one] => Some((one, Reason::SharedContext)),
        _ => None,
    })
}

/// The spellings of an entity that may be its aliases: all but a person's
/// spellings that name someone else, and an organisation's or place's
/// shortened ones. "Reserve Bank" is the Reserve Bank of Australia in one
/// article and of New Zealand in the next: a short form names the full one only
/// inside its article, so it is no alias another article could be found by.
fn alias_spellings(e: &EntityRef<'_>) -> Vec<usize> {
    let n = e.spellings.len() + 1;
    let name = e.words(0);
    if e.etype != "person" {
        // a spelling's normalised form is its folded words joined by spaces,
        // so words compare as the joined forms' `split(' ')` did
        return (0..n)
            .filter(|&k| {
                let s = e.words(k);
                let shortened = s[..] != name[..]
                    && s.len() > 1
                    && s.iter().all(|w| name.contains(w))
                    && s.len() < name.len().max(1);
                k == 0 || !shortened
            })
            .collect();
    }
    (0..n)
        .filter(|&k| names_compatible(&e.words(k), &name))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store in memory: entities with their type, KB id and normalised
    /// aliases, and the articles (entity ids) already stored.
    #[derive(Default)]
    struct FakeStore {
        entities: Vec<(i64, &'static str, Option<&'static str>, Vec<String>)>,
        articles: Vec<Vec<i64>>,
        calls: Vec<&'static str>,
    }

    impl FakeStore {
        fn add(&mut self, etype: &'static str, kb: Option<&'static str>, aliases: &[&str]) -> i64 {
            let id = self.entities.len() as i64 + 1;
            let aliases = aliases.iter().map(|a| fold_phrase(a)).collect();
            self.entities.push((id, etype, kb, aliases));
            id
        }
    }

    impl SpeakerSource for FakeStore {
        type Error = String;
        fn by_kb(&mut self, kb_ids: &[&str]) -> Result<Vec<Option<i64>>, String> {
            self.calls.push("kb");
            Ok(kb_ids
                .iter()
                .map(|k| {
                    let e = self.entities.iter().find(|e| e.2 == Some(*k));
                    e.map(|e| e.0)
                })
                .collect())
        }
        fn by_name(&mut self, names: &[(&str, &str)]) -> Result<Vec<Option<i64>>, String> {
            self.calls.push("name");
            Ok(names
                .iter()
                .map(|(t, n)| {
                    // the canonical name (the first), or a multi-word alias
                    let fits = |(k, a): (usize, &String)| a == n && (k == 0 || a.contains(' '));
                    let e = self
                        .entities
                        .iter()
                        .find(|e| e.1 == *t && e.3.iter().enumerate().any(fits));
                    e.map(|e| e.0)
                })
                .collect())
        }
        fn by_word_key(&mut self, etype: &str, keys: &[&str]) -> Result<Vec<AliasRows>, String> {
            self.calls.push("word");
            Ok(keys
                .iter()
                .map(|k| {
                    let mut rows = Vec::new();
                    for (id, t, _, aliases) in &self.entities {
                        for a in aliases {
                            if *t == etype && a.split(' ').any(|w| skeleton(w) == *k) {
                                rows.push((*id, a.clone()));
                            }
                        }
                    }
                    Arc::new(rows)
                })
                .collect())
        }
        fn shares_article(&mut self, id: i64, others: &[i64]) -> Result<bool, String> {
            self.calls.push("context");
            Ok(self
                .articles
                .iter()
                .any(|a| a.contains(&id) && others.iter().any(|o| *o != id && a.contains(o))))
        }
    }

    fn person<'a>(name: &'a str, spellings: &'a [String]) -> EntityRef<'a> {
        EntityRef {
            name,
            etype: "person",
            kb_id: None,
            spellings,
            folded: None,
        }
    }

    fn org(name: &str) -> EntityRef<'_> {
        EntityRef {
            name,
            etype: "organization",
            kb_id: None,
            spellings: &[],
            folded: None,
        }
    }

    fn decided(d: &[Decision]) -> Vec<(Option<i64>, Reason)> {
        d.iter().map(|d| (d.entity, d.reason)).collect()
    }

    #[test]
    fn kb_ids_and_full_names_first_and_one_lookup_of_each_kind() {
        let mut s = FakeStore::default();
        let blinken = s.add("person", Some("Q1"), &["Antony Blinken"]);
        let nato = s.add(
            "organization",
            None,
            &["NATO", "North Atlantic Treaty Organization"],
        );
        let lavrov = s.add("person", None, &["Sergei Lavrov"]);
        let kb = EntityRef {
            kb_id: Some("Q1"),
            ..person("A. Blinken", &[])
        };
        let named = EntityRef {
            kb_id: Some("Q2"),
            ..person("Sergei Lavrov", &[])
        };
        let later = EntityRef {
            kb_id: Some("Q2"),
            ..person("S. Lavrov", &[])
        };
        let ents = [
            kb,
            org("North Atlantic Treaty Organization"),
            named,
            later,
            org("Nato Summit Office"),
        ];
        let d = resolve(&mut s, &ents).unwrap();
        assert_eq!(
            decided(&d),
            [
                (Some(blinken), Reason::KbId),
                (Some(nato), Reason::FullName),
                (Some(lavrov), Reason::FullName),
                // the KB id this article just gave Lavrov holds for its later mention
                (Some(lavrov), Reason::KbId),
                (None, Reason::New),
            ]
        );
        assert!(d[2].link_kb && !d[0].link_kb && !d[1].link_kb && !d[3].link_kb);
        // batched: one KB lookup, one name lookup, and no surname lookup
        // (every person was found by KB id or name)
        assert_eq!(s.calls, ["kb", "name"]);
    }

    #[test]
    fn a_different_given_name_never_joins() {
        let mut s = FakeStore::default();
        let tony = s.add("person", None, &["Tony Blair", "Blair"]);
        let cherie: &[String] = &[];
        let d = resolve(&mut s, &[person("Cherie Blair", cherie)]).unwrap();
        assert_eq!(decided(&d), [(None, Reason::New)]);
        let d = resolve(&mut s, &[person("Anthony Blair", &[])]).unwrap();
        assert_eq!(decided(&d), [(Some(tony), Reason::NamesAgree)]);
        // an initial agrees too
        let d = resolve(&mut s, &[person("T. Blair", &[])]).unwrap();
        assert_eq!(decided(&d), [(Some(tony), Reason::NamesAgree)]);
    }

    #[test]
    fn a_surname_alone_or_a_garbled_one_needs_shared_context() {
        let mut s = FakeStore::default();
        let blinken = s.add("person", None, &["Antony Blinken"]);
        let nato = s.add("organization", None, &["NATO"]);
        let lavrov = s.add("person", None, &["Sergei Lavrov"]);
        let _player = s.add("person", None, &["Antony Bellingen"]);
        s.articles.push(vec![blinken, nato, lavrov]);
        // alone: nothing says which, so a new speaker
        let d = resolve(&mut s, &[person("Blinken", &[])]).unwrap();
        assert_eq!(decided(&d), [(None, Reason::New)]);
        // the surname beside NATO: the Blinken seen beside NATO before
        let d = resolve(&mut s, &[org("NATO"), person("Blinken", &[])]).unwrap();
        assert_eq!(
            decided(&d),
            [
                (Some(nato), Reason::FullName),
                (Some(blinken), Reason::SharedContext)
            ]
        );
        // a respelling alone beside NATO only may be another name ("Falconer" and
        // "Faulkner"); beside NATO and Lavrov, it is the Blinken seen with both,
        // not the other garbled fit
        let d = resolve(&mut s, &[org("NATO"), person("Blingen", &[])]).unwrap();
        assert_eq!(decided(&d)[1], (None, Reason::New));
        let d = resolve(
            &mut s,
            &[
                org("NATO"),
                person("Sergei Lavrov", &[]),
                person("Blingen", &[]),
            ],
        )
        .unwrap();
        assert_eq!(decided(&d)[2], (Some(blinken), Reason::SharedContext));
    }

    #[test]
    fn several_fits_with_context_in_two_of_them_stay_apart() {
        let mut s = FakeStore::default();
        let john = s.add("person", None, &["John Smith"]);
        let james = s.add("person", None, &["James Smith"]);
        let acme = s.add("organization", None, &["Acme Corp"]);
        s.articles.push(vec![john, acme]);
        let ents = [org("Acme Corp"), person("J. Smith", &[])];
        let d = resolve(&mut s, &ents).unwrap();
        assert_eq!(d[1].entity, Some(john), "context picks the one of two");
        assert_eq!(d[1].reason, Reason::SharedContext);
        s.articles.push(vec![james, acme]);
        let d = resolve(&mut s, &ents).unwrap();
        assert_eq!(d[1].entity, None, "two with context: neither");
    }

    #[test]
    fn an_organisation_s_shortened_spelling_is_no_alias() {
        let spellings = vec![
            "Reserve Bank".to_string(),
            "RBA".to_string(),
            "Reserve Bank of Australia".to_string(),
        ];
        let e = EntityRef {
            name: "Reserve Bank of Australia",
            etype: "organization",
            kb_id: None,
            spellings: &spellings,
            folded: None,
        };
        // the name, the acronym and the name again; not "Reserve Bank"
        assert_eq!(alias_spellings(&e), vec![0, 2, 3]);
    }

    #[test]
    fn words_folded_by_the_caller_decide_as_the_resolver_s_own() {
        let spellings: Vec<String> = [
            "Reserve Bank",
            "RBA",
            "Reserve Bank of Australia",
            "Blair",
            "Cherie Blair",
            "T. Blair",
            "",
        ]
        .iter()
        .map(|x| x.to_string())
        .collect();
        for (name, etype) in [
            ("Reserve Bank of Australia", "organization"),
            ("Tony Blair", "person"),
            ("Bank", "place"),
            ("", "organization"),
        ] {
            let words: Vec<Vec<String>> = std::iter::once(name)
                .chain(spellings.iter().map(String::as_str))
                .map(whosaid_names::fold_words)
                .collect();
            let refs: Vec<&[String]> = words.iter().map(Vec::as_slice).collect();
            let plain = EntityRef {
                name,
                etype,
                kb_id: None,
                spellings: &spellings,
                folded: None,
            };
            let given = EntityRef {
                folded: Some(&refs),
                ..plain
            };
            assert_eq!(alias_spellings(&given), alias_spellings(&plain), "{name}");
            assert_eq!(given.norm(), plain.norm(), "{name}");
        }
    }

    #[test]
    fn an_organisation_never_joins_a_person() {
        let mut s = FakeStore::default();
        s.add("person", None, &["Rob Da Bank"]);
        let d = resolve(&mut s, &[org("Central Bank"), org("Da Bank")]).unwrap();
        assert_eq!(decided(&d), [(None, Reason::New), (None, Reason::New)]);
        assert!(
            !s.calls.contains(&"word"),
            "no person lookup for organisations"
        );
        // and a person of another surname that shares a word key is no fit
        s.add("person", Some("Q9"), &["Cina Lawson"]);
        let d = resolve(&mut s, &[person("Nigel Lawson", &[])]).unwrap();
        assert_eq!(decided(&d), [(None, Reason::New)]);
    }

    #[test]
    fn a_spelling_that_names_someone_else_is_no_alias() {
        let mut s = FakeStore::default();
        let spellings: Vec<String> = ["Blair", "Cherie Blair", "Anthony Blair", "T Blair"]
            .iter()
            .map(|x| x.to_string())
            .collect();
        let d = resolve(&mut s, &[person("Tony Blair", &spellings)]).unwrap();
        // 0 the name, 1 Blair, 2 Cherie Blair (dropped), 3 Anthony Blair, 4 T Blair
        assert_eq!(d[0].aliases, [0, 1, 3, 4]);
        let ents = [EntityRef {
            spellings: &spellings,
            ..org("Blair Holdings")
        }];
        let d = resolve(&mut s, &ents).unwrap();
        assert_eq!(
            d[0].aliases,
            [0, 1, 2, 3, 4],
            "only people's names are checked"
        );
    }

    #[test]
    fn errors_of_the_source_are_passed_on() {
        struct Broken;
        impl SpeakerSource for Broken {
            type Error = String;
            fn by_kb(&mut self, _: &[&str]) -> Result<Vec<Option<i64>>, String> {
                Err("kb down".into())
            }
            fn by_name(&mut self, _: &[(&str, &str)]) -> Result<Vec<Option<i64>>, String> {
                Err("names down".into())
            }
            fn by_word_key(&mut self, _: &str, _: &[&str]) -> Result<Vec<AliasRows>, String> {
                Err("words down".into())
            }
            fn shares_article(&mut self, _: i64, _: &[i64]) -> Result<bool, String> {
                Err("context down".into())
            }
        }
        assert_eq!(
            resolve(&mut Broken, &[person("Tony Blair", &[])]),
            Err("names down".into())
        );
        assert_eq!(
            resolve(&mut Broken, &[person("Blair", &[])]),
            Err("words down".into())
        );
        assert_eq!(resolve(&mut Broken, &[]), Ok(Vec::new()));
    }
}
