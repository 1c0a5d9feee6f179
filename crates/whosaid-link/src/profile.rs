//! What copy detection keeps of an analysed article: its body sentences as
//! sequences of word hashes (for alignment), its anchors (for candidates) and
//! the facts that decide which of two copies came first (date, publisher,
//! credit lines). A profile is stored beside the article as a small blob, so
//! verifying a candidate never re-reads or re-analyses its text.

use whosaid_core::{CharOffsets, Document};

/// One body sentence: code point offsets into the article text and the
/// hashes of its words (case folded), in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub words: Vec<u32>,
    /// Written prose (see [`is_prose`]), not a line of a table or a price list.
    pub prose: bool,
    /// Its anchors (names and numbers, see [`Profile::anchors`]), sorted, distinct.
    pub anchors: Vec<u32>,
    /// Its numbers (hashed as written), sorted, distinct; empty in profiles
    /// stored before version 3.
    pub numbers: Vec<u32>,
}

/// The distinct numbers of a piece of text ("6,000", "8-3/4", "1999"), hashed, sorted.
pub fn sentence_numbers(text: &str) -> Vec<u32> {
    let mut a: Vec<u32> = words(text)
        .filter(|w| w.bytes().any(|b| b.is_ascii_digit()))
        .map(|w| hash_bytes(w.as_bytes()))
        .collect();
    a.sort_unstable();
    a.dedup();
    a
}

/// The distinct anchors of a piece of text, sorted.
pub fn sentence_anchors(text: &str) -> Vec<u32> {
    let mut a: Vec<u32> = words(text).filter_map(anchor).collect();
    a.sort_unstable();
    a.dedup();
    a
}

/// Is this sentence prose: six words or more, under a quarter of them
/// numbers ("1-1/4" is three)? Two reports filled into one template (an earnings table,
/// a price posting) share their labels and differ in their numbers; their
/// lines are not prose, and a copy must repeat prose.
pub fn is_prose(text: &str) -> bool {
    let (mut n, mut numeric) = (0usize, 0usize);
    for w in words(text) {
        n += 1;
        if w.bytes().any(|b| b.is_ascii_digit()) {
            numeric += 1;
        }
    }
    n >= 6 && numeric * 4 < n
}

/// What copy detection knows of one article.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Profile {
    /// Body sentences in text order (boilerplate left out).
    pub sentences: Vec<Sentence>,
    /// Hashes of the anchor sequence: names (as consonant skeletons, so a
    /// garbled "Shwtime" is still "Showtime") and numbers, in text order.
    /// Spinning swaps common words for synonyms and leaves these.
    pub anchors: Vec<u32>,
    /// ISO date (or date-time) of publication, when known.
    pub published: Option<String>,
    pub publisher: Option<String>,
    /// Outlets the article's credit lines name as the story's source, folded.
    pub credited: Vec<String>,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProfileError {
    #[error("copy profile: {0}")]
    Corrupt(&'static str),
}

/// FNV-1a over bytes: stable across processes and versions (hashes are stored).
pub fn hash_bytes(b: &[u8]) -> u32 {
    let mut h: u32 = 0x811c9dc5;
    for &x in b {
        h ^= u32::from(x);
        h = h.wrapping_mul(0x01000193);
    }
    h
}

/// The words of a piece of text, case folded: runs of letters and digits.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// Hash of one word, case folded.
pub fn word_hash(w: &str) -> u32 {
    if w.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii()) {
        return hash_bytes(w.as_bytes());
    }
    hash_bytes(w.to_lowercase().as_bytes())
}

/// Word hashes of a piece of text.
pub fn word_hashes(text: &str) -> Vec<u32> {
    words(text).map(word_hash).collect()
}

/// An anchor's hash: numbers as written, capitalised words by their consonant
/// skeleton (vowel changes and doubled letters, the usual garbling, keep it).
pub(crate) fn anchor(w: &str) -> Option<u32> {
    let first = w.chars().next()?;
    if w.bytes().any(|b| b.is_ascii_digit()) {
        return Some(hash_bytes(w.as_bytes()) ^ 0x9e37_79b9);
    }
    if first.is_uppercase() && w.chars().count() > 1 {
        let sk = whosaid_names::skeleton(w);
        if sk.len() >= 2 {
            return Some(hash_bytes(sk.as_bytes()));
        }
    }
    None
}

impl Profile {
    /// The profile of an analysed document (its sentences and boilerplate set).
    pub fn from_document(doc: &Document) -> Profile {
        let co = CharOffsets::new(&doc.text);
        let mut sentences = Vec::with_capacity(doc.sentences.len());
        let mut anchors = Vec::new();
        for &s in &doc.sentences {
            if doc.in_boilerplate(s) {
                continue;
            }
            let text = s.of(&doc.text);
            let words = word_hashes(text);
            if words.is_empty() {
                continue;
            }
            anchors.extend(self::words(text).filter_map(anchor));
            sentences.push(Sentence {
                start: co.char_of(s.start) as u32,
                end: co.char_of(s.end) as u32,
                words,
                prose: is_prose(text),
                anchors: sentence_anchors(text),
                numbers: sentence_numbers(text),
            });
        }
        let mut credited: Vec<String> = doc
            .meta
            .origin
            .iter()
            .map(|o| whosaid_names::fold(o))
            .filter(|o| !o.is_empty())
            .collect();
        credited.sort();
        credited.dedup();
        Profile {
            sentences,
            anchors,
            published: doc.meta.published.clone().filter(|d| !d.trim().is_empty()),
            publisher: doc.meta.publisher.clone().filter(|p| !p.trim().is_empty()),
            credited,
        }
    }

    /// Words in body sentences.
    pub fn body_words(&self) -> usize {
        self.sentences.iter().map(|s| s.words.len()).sum()
    }

    /// Does a credit line of this article name `other`'s publisher?
    pub fn credits(&self, other: &Profile) -> bool {
        let Some(p) = other.publisher.as_deref() else {
            return false;
        };
        let p = whosaid_names::fold(p);
        if p.is_empty() {
            return false;
        }
        // "cnn" credits "cnn.com" and "www.cnn.com"; "reuters" credits "reuters"
        let host = p.trim_start_matches("www");
        self.credited
            .iter()
            .any(|c| c.len() >= 3 && (host.starts_with(c.as_str()) || c == host))
    }

    /// A compact little-endian encoding (version 3: version 1 and, per
    /// sentence, a prose flag, its anchors and its numbers; version 1 and 2
    /// blobs still decode, every sentence prose and its anchors unknown in
    /// version 1, its numbers unknown before version 3).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.body_words() * 4 + self.anchors.len() * 4);
        out.push(3u8);
        put_str(&mut out, self.published.as_deref());
        put_str(&mut out, self.publisher.as_deref());
        put_u32(&mut out, self.credited.len() as u32);
        for c in &self.credited {
            put_str(&mut out, Some(c));
        }
        put_u32s(&mut out, &self.anchors);
        put_u32(&mut out, self.sentences.len() as u32);
        for s in &self.sentences {
            put_u32(&mut out, s.start);
            put_u32(&mut out, s.end);
            put_u32s(&mut out, &s.words);
            out.push(u8::from(s.prose));
            put_u32s(&mut out, &s.anchors);
            put_u32s(&mut out, &s.numbers);
        }
        out
    }

    pub fn decode(b: &[u8]) -> Result<Profile, ProfileError> {
        let mut r = Reader { b, at: 0 };
        let version = r.byte()?;
        if !(1..=3).contains(&version) {
            return Err(ProfileError::Corrupt("unknown version"));
        }
        let published = r.string()?;
        let publisher = r.string()?;
        let n = r.len()?;
        let mut credited = Vec::with_capacity(n);
        for _ in 0..n {
            credited.push(r.string()?.unwrap_or_default());
        }
        let anchors = r.u32s()?;
        let n = r.len()?;
        let mut sentences = Vec::with_capacity(n);
        for _ in 0..n {
            let start = r.u32()?;
            let end = r.u32()?;
            let words = r.u32s()?;
            let prose = version == 1 || r.byte()? != 0;
            let anchors = if version >= 2 { r.u32s()? } else { Vec::new() };
            let numbers = if version >= 3 { r.u32s()? } else { Vec::new() };
            sentences.push(Sentence {
                start,
                end,
                words,
                prose,
                anchors,
                numbers,
            });
        }
        if r.at != b.len() {
            return Err(ProfileError::Corrupt("trailing bytes"));
        }
        Ok(Profile {
            sentences,
            anchors,
            published,
            publisher,
            credited,
        })
    }
}

fn put_u32(out: &mut Vec<u8>, x: u32) {
    out.extend_from_slice(&x.to_le_bytes());
}

/// A count, then the values.
fn put_u32s(out: &mut Vec<u8>, xs: &[u32]) {
    put_u32(out, xs.len() as u32);
    for &x in xs {
        put_u32(out, x);
    }
}

fn put_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => put_u32(out, u32::MAX),
        Some(s) => {
            put_u32(out, s.len() as u32);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ProfileError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or(ProfileError::Corrupt("truncated"))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn byte(&mut self) -> Result<u8, ProfileError> {
        Ok(self.take(1)?[0])
    }
    fn u32(&mut self) -> Result<u32, ProfileError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    /// A count, checked against the bytes left (each item takes 4 bytes at least).
    fn len(&mut self) -> Result<usize, ProfileError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(4) > self.b.len() - self.at {
            return Err(ProfileError::Corrupt("count larger than the data"));
        }
        Ok(n)
    }
    /// A count, then that many `u32`s.
    fn u32s(&mut self) -> Result<Vec<u32>, ProfileError> {
        let n = self.len()?;
        let mut v = Vec::with_capacity(n);
        for _ in 0..n {
            v.push(self.u32()?);
        }
        Ok(v)
    }
    fn string(&mut self) -> Result<Option<String>, ProfileError> {
        let n = self.u32()?;
        if n == u32::MAX {
            return Ok(None);
        }
        let s = self.take(n as usize)?;
        String::from_utf8(s.to_vec())
            .map(Some)
            .map_err(|_| ProfileError::Corrupt("a string is not UTF-8"))
    }
}

/// A profile of sentences joined by single spaces, for tests: each sentence's
/// offsets, word hashes, prose flag and anchors, and the anchors of the whole.
#[cfg(test)]
pub(crate) fn profile_of(sentences: &[&str]) -> Profile {
    let mut at = 0u32;
    Profile {
        sentences: sentences
            .iter()
            .map(|s| {
                let n = s.chars().count() as u32;
                let out = Sentence {
                    start: at,
                    end: at + n,
                    words: word_hashes(s),
                    prose: is_prose(s),
                    anchors: sentence_anchors(s),
                    numbers: sentence_numbers(s),
                };
                at += n + 1;
                out
            })
            .collect(),
        anchors: sentences
            .iter()
            .flat_map(|s| words(s))
            .filter_map(anchor)
            .collect(),
        ..Profile::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_core::Span;

    fn doc(text: &str) -> Document {
        let mut d = Document::new("d", text);
        // one sentence a line, as a stand-in for the segmenter
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            let t = line.trim_end();
            if !t.is_empty() {
                d.sentences.push(Span::new(at, at + t.len()));
            }
            at += line.len();
        }
        d
    }

    #[test]
    fn anchors_survive_vowel_garbling_and_case() {
        let a = Profile::from_document(&doc("Showtime paid 400 dollars.\n"));
        let b = Profile::from_document(&doc("Shwtime paid 400 dollars.\n"));
        assert_eq!(a.anchors, b.anchors);
        assert_eq!(a.anchors.len(), 2);
        assert_eq!(word_hashes("The Cat"), word_hashes("the cat"));
    }

    #[test]
    fn boilerplate_sentences_are_left_out() {
        let mut d = doc("Real news here.\nSee also: other things.\n");
        d.boilerplate.push(whosaid_core::Boilerplate {
            span: Span::new(16, 39),
            reason: whosaid_core::BoilerplateReason::SeeAlso,
        });
        let p = Profile::from_document(&d);
        assert_eq!(p.sentences.len(), 1);
        assert_eq!((p.sentences[0].start, p.sentences[0].end), (0, 15));
    }

    #[test]
    fn encoding_round_trips_and_rejects_damage() {
        let mut d = doc("“Héllo,” said Ann Lee in 2016.\nSecond line.\n");
        d.meta.published = Some("2016-05-01".into());
        d.meta.origin = vec!["CNN".into()];
        let p = Profile::from_document(&d);
        let b = p.encode();
        assert_eq!(Profile::decode(&b).unwrap(), p);
        assert!(Profile::decode(&b[..b.len() - 1]).is_err());
        assert!(Profile::decode(&[]).is_err());
        assert!(Profile::decode(&[3]).is_err());
        assert!(Profile::decode(&[2]).is_err());
        let mut huge = vec![1u8];
        huge.extend_from_slice(&[0xff, 0xff, 0xff, 0x7f]);
        assert!(Profile::decode(&huge).is_err());
    }

    #[test]
    fn table_lines_are_not_prose() {
        assert!(is_prose(
            "The company said it is continuing talks with local interests."
        ));
        assert!(!is_prose("Shr 12 cts vs 19 cts"));
        assert!(!is_prose(
            "Net 369,000 vs 358,000 Revs 7,076,000 vs 6,712,000"
        ));
        assert!(!is_prose(
            "May/Jul 1-1/4 under 1-1/2 under Jul/Aug even even"
        ));
    }

    #[test]
    fn credit_lines_name_a_publisher() {
        let a = Profile {
            credited: vec!["cnn".into()],
            ..Profile::default()
        };
        let b = Profile {
            publisher: Some("cnn.com".into()),
            ..Profile::default()
        };
        assert!(a.credits(&b));
        assert!(!b.credits(&a));
    }
}
