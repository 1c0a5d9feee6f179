//! Placing a new article among the stored ones: find its candidates by band
//! keys, verify them, and attach it to its set of copies, written over
//! [`CopyGraph`] (what a store offers inside its ingest transaction).
//!
//! A set of copies is a star: every member points at the origin, never at
//! another copy. When a new article turns out to precede the origin (an
//! original ingested after its reprints), it becomes the origin and every
//! member is verified against it again.

use crate::copies::{first, verify, OriginBy, PublisherRecord, Verdict};
use crate::profile::Profile;
use crate::statements::{self, StatementLink, StatementRef};
use serde_json::json;

/// Candidates verified per article, most shared band keys first.
pub const MAX_CANDIDATES: usize = 24;

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
    /// most shared first, at most `limit`.
    fn candidates(
        &mut self,
        bands: &[i64],
        exclude: i64,
        limit: usize,
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
    g.set_statement_links(copy.0, &statements::link(&cs, &os))
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
    for c in g.candidates(bands, id, MAX_CANDIDATES)? {
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
    let (root, proot, vroot) = match g.origin_of(m)? {
        None => (m, pm, vm),
        Some(r) => match load(g, r)? {
            Some(pr) => match verify(&p, &pr) {
                Some(v) => (r, pr, v),
                // not a direct copy of the origin (another cut of it): still
                // one set, through the member it matched
                None => {
                    let v = crate::copies::judge(&p, &pr, crate::copies::align(&p, &pr));
                    (r, pr, v)
                }
            },
            None => (m, pm, vm),
        },
    };
    let prior = match (p.publisher.as_deref(), proot.publisher.as_deref()) {
        (Some(a), Some(b)) if a != b => {
            PublisherRecord::prior(g.publisher_record(a)?, g.publisher_record(b)?)
        }
        _ => None,
    };
    let (new_first, by) = first(&p, &proot, &vroot.alignment, prior, false);
    if by == OriginBy::EarlierDate {
        // dates are the evidence the publishers' records are built from
        let (o, c) = if new_first {
            (&p, &proot)
        } else {
            (&proot, &p)
        };
        if let (Some(po), Some(pc)) = (o.publisher.as_deref(), c.publisher.as_deref()) {
            if po != pc {
                g.count_publisher(po, true)?;
                g.count_publisher(pc, false)?;
            }
        }
    }
    if !new_first {
        attach(g, (id, &p), (root, &proot), &vroot, by)?;
        return Ok(Some(root));
    }
    // the new article precedes the origin: it heads the set now
    let mut members = g.copies_of(root)?;
    members.push(root);
    for x in members {
        let Some(px) = load(g, x)? else { continue };
        // a member that is not a direct copy of the new origin (another cut of
        // the story) stays in the set, judged on its own alignment with it
        let v = verify(&px, &p)
            .unwrap_or_else(|| crate::copies::judge(&px, &p, crate::copies::align(&px, &p)));
        attach(g, (x, &px), (id, &p), &v, by)?;
    }
    Ok(Some(id))
}
