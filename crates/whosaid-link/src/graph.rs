//! Placing a new article among the stored ones: find its candidates by band
//! keys, verify them, and attach it to its set of copies, written over
//! [`CopyGraph`] (what a store offers inside its ingest transaction).
//!
//! A set of copies is a star: every member points at the origin, never at
//! another copy. When a new article turns out to precede the origin (an
//! original ingested after its reprints), it becomes the origin and every
//! member is verified against it again.

use crate::copies::{align, day, first, judge, verify, OriginBy, PublisherRecord, Verdict};
use crate::profile::Profile;
use crate::statements::{self, StatementLink, StatementRef};
use serde_json::json;

/// Candidates verified per article, most shared band keys first.
pub const MAX_CANDIDATES: usize = 24;
/// Stored articles read per band key, the most recently stored: a key shared
/// by more (a template's labels and common numbers, a wire story copied
/// everywhere) is all but a stop word, and reading all of it would make one
/// lookup cost what the store's size costs. A copy shares many keys with its
/// origin (a pair at Jaccard 0.5 about eight of 32), and a set of copies is
/// found through any of its members, so a capped key rarely hides one.
pub const MAX_ARTICLES_PER_KEY: usize = 64;
/// Sets of copies up to this size are re-examined for a same-day origin when
/// a new member joins (a wire story's hundreds of copies are not).
pub const MAX_REVISITED_MEMBERS: usize = 16;

/// A copy link as stored: `article` repeats `origin`.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyLink {
    pub article: i64,
    pub origin: i64,
    pub relation: &'static str,
    pub similarity: f64,
    /// JSON: aligned passages, coverage, dates, why this origin.
    pub evidence: String,
}

/// What copy linking reads and writes in the store, inside one transaction.
pub trait CopyGraph {
    type Error;
    /// Stored articles sharing any of these band keys (not `exclude`), the
    /// most shared first, at most `limit`; each key contributes at most
    /// `per_key` articles, its most recently stored.
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
        per_key: usize,
    ) -> Result<Vec<i64>, Self::Error>;
    /// An article's stored profile ([`Profile::encode`]).
    fn profile(&mut self, article: i64) -> Result<Option<Vec<u8>>, Self::Error>;
    /// The origin an article is a copy of.
    fn origin_of(&mut self, article: i64) -> Result<Option<i64>, Self::Error>;
    /// The copies of an origin.
    fn copies_of(&mut self, origin: i64) -> Result<Vec<i64>, Self::Error>;
    fn statements(&mut self, article: i64) -> Result<Vec<StatementRef>, Self::Error>;
    /// Records (or replaces) an article's copy link.
    fn set_copy(&mut self, link: &CopyLink) -> Result<(), Self::Error>;
    /// Removes an article's copy link (it became the origin of its set).
    fn clear_copy(&mut self, article: i64) -> Result<(), Self::Error>;
    /// A publisher's record as an origin and as a copier.
    fn publisher_record(&mut self, publisher: &str) -> Result<PublisherRecord, Self::Error>;
    /// Adds one to a publisher's record as an origin (`as_origin`) or a copier.
    fn count_publisher(&mut self, publisher: &str, as_origin: bool) -> Result<(), Self::Error>;
    /// Replaces the statement links of an article's statements (and their
    /// speakers with the origin's).
    fn set_statement_links(
        &mut self,
        article: i64,
        links: &[StatementLink],
    ) -> Result<(), Self::Error>;
}

fn load<G: CopyGraph>(g: &mut G, id: i64) -> Result<Option<Profile>, G::Error> {
    // a profile that does not decode is treated as absent: the article
    // simply takes no part in copy detection
    Ok(g.profile(id)?.and_then(|b| Profile::decode(&b).ok()))
}

/// The evidence of a verdict, as stored and shown.
pub fn evidence(v: &Verdict, copy: &Profile, origin: &Profile, by: OriginBy) -> String {
    let al = &v.alignment;
    let passages: Vec<_> = al
        .pairs
        .iter()
        .take(8)
        .filter_map(|p| {
            let (c, o) = (copy.sentences.get(p.a)?, origin.sentences.get(p.b)?);
            Some(json!({"copy": [c.start, c.end], "origin": [o.start, o.end],
                   "similarity": round(p.similarity), "identical": p.identical}))
        })
        .collect();
    json!({
        "aligned_sentences": al.pairs.len(),
        "copy_sentences": copy.sentences.len(),
        "origin_sentences": origin.sentences.len(),
        "copy_coverage": round(al.coverage_a),
        "origin_coverage": round(al.coverage_b),
        "identical_sentences": round(al.identical_share),
        "reworded_sentences": round(al.reworded_share),
        "new_words": round(al.new_word_share),
        "mean_similarity": round(al.mean_similarity),
        "dates": {"copy": copy.published, "origin": origin.published},
        "origin_by": by.as_str(),
        "passages": passages,
    })
    .to_string()
}

fn round(x: f32) -> f64 {
    (f64::from(x) * 1000.0).round() / 1000.0
}

/// Records `copy` as a copy of `origin` (verdict given) and links its statements.
fn attach<G: CopyGraph>(
    g: &mut G,
    copy: (i64, &Profile),
    origin: (i64, &Profile),
    v: &Verdict,
    by: OriginBy,
) -> Result<(), G::Error> {
    g.set_copy(&CopyLink {
        article: copy.0,
        origin: origin.0,
        relation: v.relation.as_str(),
        similarity: f64::from(v.similarity),
        evidence: evidence(v, copy.1, origin.1, by),
    })?;
    let cs = g.statements(copy.0)?;
    let os = g.statements(origin.0)?;
    let anchoring = statements::Anchoring::new(&v.alignment, copy.1, origin.1);
    g.set_statement_links(copy.0, &statements::link(&cs, &os, Some(&anchoring)))
}

/// Places a newly stored article (`id`, with these band keys) among the stored
/// ones. Returns the origin it was attached to, or the members it now heads.
pub fn link_article<G: CopyGraph>(
    g: &mut G,
    id: i64,
    bands: &[i64],
) -> Result<Option<i64>, G::Error> {
    if bands.is_empty() {
        return Ok(None);
    }
    // placed already: an article of the same batch found it first and it
    // turned out to be that one's copy
    if let Some(o) = g.origin_of(id)? {
        return Ok(Some(o));
    }
    let Some(p) = load(g, id)? else {
        return Ok(None);
    };
    // the best verified candidate, not counting this article's own copies
    let mut best: Option<(i64, Profile, Verdict)> = None;
    for c in g.candidates(bands, id, MAX_CANDIDATES, MAX_ARTICLES_PER_KEY)? {
        if g.origin_of(c)? == Some(id) {
            continue;
        }
        let Some(pc) = load(g, c)? else { continue };
        let Some(v) = verify(&p, &pc) else { continue };
        if best
            .as_ref()
            .is_none_or(|(_, _, b)| v.similarity > b.similarity)
        {
            best = Some((c, pc, v));
        }
    }
    let Some((m, pm, vm)) = best else {
        return Ok(None);
    };
    // the set's origin: the match itself, or the origin it points at
    let (mut root, mut proot, mut vroot) = match g.origin_of(m)? {
        None => (m, pm, vm),
        Some(r) => match load(g, r)? {
            Some(pr) => {
                // not a direct copy of the origin (another cut of it): still
                // one set, through the member it matched
                let v = verify(&p, &pr).unwrap_or_else(|| judge(&p, &pr, align(&p, &pr)));
                (r, pr, v)
            }
            None => (m, pm, vm),
        },
    };
    let (predecessor, root_tied) = same_day_predecessor(g, root, &proot)?;
    if let Some((x, px, by)) = predecessor {
        rehead(g, (x, &px), root, by)?;
        vroot = verify(&p, &px).unwrap_or_else(|| judge(&p, &px, align(&p, &px)));
        (root, proot) = (x, px);
    }
    let records = match (p.publisher.as_deref(), proot.publisher.as_deref()) {
        (Some(a), Some(b)) if a != b => Some((g.publisher_record(a)?, g.publisher_record(b)?)),
        _ => None,
    };
    let (new_first, by) = first(&p, &proot, &vroot.alignment, records, false);
    // dates are the evidence the publishers' records are built from; but
    // when the set's origin shares its day with another member, which of the
    // two publishers came first is not known, and counting the one that was
    // taken would make an early guess its own evidence
    if by == OriginBy::EarlierDate {
        let (o, c) = if new_first {
            (&p, &proot)
        } else {
            (&proot, &p)
        };
        if let (Some(po), Some(pc)) = (o.publisher.as_deref(), c.publisher.as_deref()) {
            if po != pc {
                if new_first || !root_tied {
                    g.count_publisher(po, true)?;
                }
                g.count_publisher(pc, false)?;
            }
        }
    }
    if !new_first {
        attach(g, (id, &p), (root, &proot), &vroot, by)?;
        return Ok(Some(root));
    }
    // the new article precedes the origin: it heads the set now
    rehead(g, (id, &p), root, by)?;
    Ok(Some(id))
}

/// Makes `new` the origin of the set headed by `root`: each member (and the
/// old origin) is verified against it again and attached to it.
fn rehead<G: CopyGraph>(
    g: &mut G,
    new: (i64, &Profile),
    root: i64,
    by: OriginBy,
) -> Result<(), G::Error> {
    let mut members = g.copies_of(root)?;
    members.push(root);
    g.clear_copy(new.0)?;
    g.set_statement_links(new.0, &[])?;
    for x in members {
        if x == new.0 {
            continue;
        }
        let Some(px) = load(g, x)? else { continue };
        // a member that is not a direct copy of the new origin (another cut of
        // the story) stays in the set, judged on its own alignment with it
        let v = verify(&px, new.1).unwrap_or_else(|| judge(&px, new.1, align(&px, new.1)));
        attach(g, (x, &px), new, &v, by)?;
    }
    Ok(())
}

/// A member that takes the origin's place, and why.
type Predecessor = (i64, Profile, OriginBy);

/// A member of `root`'s set published the same day as `root` that now looks
/// the earlier (mostly: the publishers' records have grown), and whether any member (of
/// another publisher) shares `root`'s day at all. Same-day ties without a credit
/// line or a more complete text are decided by the records, and when the
/// tie was decided they may have been too thin to tell (the first stored
/// won); each new member is a chance to decide it again on more evidence.
fn same_day_predecessor<G: CopyGraph>(
    g: &mut G,
    root: i64,
    proot: &Profile,
) -> Result<(Option<Predecessor>, bool), G::Error> {
    let (Some(d), Some(rp)) = (day(&proot.published), proot.publisher.as_deref()) else {
        return Ok((None, false));
    };
    let members = g.copies_of(root)?;
    if members.len() > MAX_REVISITED_MEMBERS {
        return Ok((None, false));
    }
    let mut tied = false;
    let root_record = g.publisher_record(rp)?;
    for x in members {
        let Some(px) = load(g, x)? else { continue };
        let Some(xp) = px.publisher.as_deref() else {
            continue;
        };
        if day(&px.published) != Some(d) || xp == rp {
            continue;
        }
        tied = true;
        let records = Some((g.publisher_record(xp)?, root_record));
        let al = align(&px, proot);
        // store order is no reason to move the origin; anything else is
        if let (true, by) = first(&px, proot, &al, records, false) {
            if by != OriginBy::FirstStored {
                return Ok((Some((x, px, by)), true));
            }
        }
    }
    Ok((None, tied))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// A store in memory: every article shares every band key.
    #[derive(Default)]
    struct Mem {
        profiles: HashMap<i64, Vec<u8>>,
        copies: HashMap<i64, (i64, &'static str)>,
        records: HashMap<String, PublisherRecord>,
    }

    impl CopyGraph for Mem {
        type Error = std::convert::Infallible;
        fn candidates(
            &mut self,
            _: &[i64],
            exclude: i64,
            _: usize,
            _: usize,
        ) -> Result<Vec<i64>, Self::Error> {
            let mut v: Vec<i64> = self
                .profiles
                .keys()
                .copied()
                .filter(|&k| k != exclude)
                .collect();
            v.sort_unstable();
            Ok(v)
        }
        fn profile(&mut self, a: i64) -> Result<Option<Vec<u8>>, Self::Error> {
            Ok(self.profiles.get(&a).cloned())
        }
        fn origin_of(&mut self, a: i64) -> Result<Option<i64>, Self::Error> {
            Ok(self.copies.get(&a).map(|c| c.0))
        }
        fn copies_of(&mut self, o: i64) -> Result<Vec<i64>, Self::Error> {
            let mut v: Vec<i64> = self
                .copies
                .iter()
                .filter(|(_, c)| c.0 == o)
                .map(|(k, _)| *k)
                .collect();
            v.sort_unstable();
            Ok(v)
        }
        fn statements(&mut self, _: i64) -> Result<Vec<StatementRef>, Self::Error> {
            Ok(Vec::new())
        }
        fn set_copy(&mut self, l: &CopyLink) -> Result<(), Self::Error> {
            self.copies.insert(l.article, (l.origin, l.relation));
            Ok(())
        }
        fn clear_copy(&mut self, a: i64) -> Result<(), Self::Error> {
            self.copies.remove(&a);
            Ok(())
        }
        fn publisher_record(&mut self, p: &str) -> Result<PublisherRecord, Self::Error> {
            Ok(self.records.get(p).copied().unwrap_or_default())
        }
        fn count_publisher(&mut self, p: &str, as_origin: bool) -> Result<(), Self::Error> {
            let r = self.records.entry(p.to_string()).or_default();
            if as_origin {
                r.origins += 1;
            } else {
                r.copies += 1;
            }
            Ok(())
        }
        fn set_statement_links(&mut self, _: i64, _: &[StatementLink]) -> Result<(), Self::Error> {
            Ok(())
        }
    }

    const BODY: &[&str] = &[
        "The television industry is facing an uncertain, uncharted future.",
        "But next season it is placing a big bet on the past with MacGyver.",
        "MacGyver, the crafty secret agent, is returning to CBS three decades after his debut.",
        "Network nostalgia for a happier age is not the only factor at play in 2016.",
        "With about 400 scripted shows airing last year, name recognition offers an edge.",
    ];

    fn add(m: &mut Mem, id: i64, publisher: &str, day: &str, sentences: &[&str]) {
        let p = Profile {
            published: Some(day.into()),
            publisher: Some(publisher.into()),
            credited: Vec::new(),
            ..crate::profile::profile_of(sentences)
        };
        m.profiles.insert(id, p.encode());
    }

    #[test]
    fn a_same_day_tie_taken_by_store_order_is_undone_when_the_records_tell() {
        let mut m = Mem::default();
        // the reprint is placed first; nothing yet tells the two apart
        add(&mut m, 1, "wire.example", "2016-05-01", BODY);
        add(&mut m, 2, "farm.example", "2016-05-01", BODY);
        link_article(&mut m, 1, &[1]).unwrap();
        link_article(&mut m, 2, &[1]).unwrap();
        assert_eq!(
            m.copies.get(&1).map(|c| c.0),
            Some(2),
            "store order decided the tie"
        );
        // elsewhere, the wire was the origin and the farm the copier, by dates
        m.records.insert(
            "wire.example".into(),
            PublisherRecord {
                origins: 6,
                copies: 0,
            },
        );
        m.records.insert(
            "farm.example".into(),
            PublisherRecord {
                origins: 0,
                copies: 5,
            },
        );
        // a later copy joins the set: the tie is decided again, on the records
        add(&mut m, 3, "other.example", "2016-05-09", &BODY[..4]);
        link_article(&mut m, 3, &[1]).unwrap();
        assert_eq!(m.copies.get(&2).map(|c| c.0), Some(1));
        assert_eq!(m.copies.get(&3).map(|c| c.0), Some(1));
        assert!(!m.copies.contains_key(&1));
        // the late copy counts as a copier; the tied origin's publisher not at all
        assert_eq!(m.records["wire.example"].origins, 6);
        assert_eq!(m.records["farm.example"].origins, 0);
        assert_eq!(m.records["other.example"].copies, 1);
    }

    #[test]
    fn a_late_copy_of_a_tied_origin_does_not_count_for_its_publisher() {
        let mut m = Mem::default();
        add(&mut m, 1, "wire.example", "2016-05-01", BODY);
        add(&mut m, 2, "farm.example", "2016-05-01", BODY);
        link_article(&mut m, 1, &[1]).unwrap();
        link_article(&mut m, 2, &[1]).unwrap();
        add(&mut m, 3, "other.example", "2016-05-09", &BODY[..4]);
        link_article(&mut m, 3, &[1]).unwrap();
        // which of the tied two was first is not known: no record for either
        assert!(!m.records.contains_key("farm.example"));
        assert!(!m.records.contains_key("wire.example"));
        assert_eq!(m.records["other.example"].copies, 1);
    }
}
