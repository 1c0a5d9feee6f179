//! What the store keeps of one analysed article, built from a `Document`.
//!
//! Offsets are converted to Unicode code points here, once, so stored quotes
//! and mentions use the same offsets as the JSON output contract.

use whosaid_core::{CharOffsets, Document, EntityType, MentionKind};

/// One entity of an article, before it is matched to a stored speaker.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEntity {
    pub name: String,
    /// `person`, `organization` or `place`.
    pub etype: String,
    pub kb_id: Option<String>,
    /// Distinct proper-name spellings used in the article ("Bellingen", "Blinken").
    pub spellings: Vec<String>,
    /// The store's keys of `name` (first) and of each of `spellings`, computed
    /// with the record, beside the analysis, so the single writer does not fold
    /// names ([`NewEntity::new`]; the writer computes them when missing).
    pub keys: Vec<SpellingKeys>,
}

/// How the store keeps and finds one spelling of a name (`names`): its
/// normalised form, its folded words and each word's fuzzy key.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SpellingKeys {
    pub norm: String,
    pub words: Vec<String>,
    pub word_keys: Vec<String>,
}

impl SpellingKeys {
    pub fn of(spelling: &str) -> SpellingKeys {
        let words = crate::names::name_tokens(spelling);
        SpellingKeys {
            // `norm_name` is these words joined (tested below)
            norm: words.join(" "),
            word_keys: words.iter().map(|w| crate::names::token_key(w)).collect(),
            words,
        }
    }
}

impl NewEntity {
    /// An entity with its keys computed.
    pub fn new(name: String, etype: String, kb_id: Option<String>, spellings: Vec<String>) -> Self {
        let of_name = SpellingKeys::of(&name);
        let mut keys = Vec::with_capacity(spellings.len() + 1);
        for s in &spellings {
            // the name is usually one of its spellings
            keys.push(if *s == name {
                of_name.clone()
            } else {
                SpellingKeys::of(s)
            });
        }
        keys.insert(0, of_name);
        NewEntity {
            name,
            etype,
            kb_id,
            spellings,
            keys,
        }
    }

    /// Spelling `k` (0 is the name, `k` is `spellings[k - 1]`) and its keys.
    pub fn spelling(&self, k: usize) -> Option<(&str, std::borrow::Cow<'_, SpellingKeys>)> {
        let s = if k == 0 {
            &self.name
        } else {
            self.spellings.get(k - 1)?
        };
        let keys = match self.keys.get(k) {
            Some(keys) => std::borrow::Cow::Borrowed(keys),
            None => std::borrow::Cow::Owned(SpellingKeys::of(s)),
        };
        Some((s, keys))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewMention {
    /// Index into `NewArticle::entities`.
    pub entity: Option<usize>,
    pub start: i64,
    pub end: i64,
    pub kind: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NewQuote {
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub kind: String,
    /// Index into `NewArticle::entities`.
    pub speaker_entity: Option<usize>,
    /// The speaker as the article names it (also for groups: "officials").
    pub speaker_name: Option<String>,
    pub resolution: Option<String>,
    pub cue: Option<String>,
    pub confidence: f64,
    /// [`statement_key`] of `kind` and `text`, computed with the record.
    pub statement_key: Option<i64>,
    /// Index into `NewArticle::entities`: whom the statement was made to, when a
    /// stored entity ("Moscow", "Sen. Chuck Grassley").
    pub addressee_entity: Option<usize>,
    /// The addressee as the article names it ("reporters", "the crowd").
    pub addressee_name: Option<String>,
    /// How it was made: `interview`, `statement`, `speech`, ... (the output contract's list).
    pub channel: Option<String>,
    /// The time expression the text gives for it ("on Wednesday").
    pub time_text: Option<String>,
    /// The best date of the statement (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub said_on: Option<String>,
    /// Where `said_on` came from: `text` or `published`.
    pub date_basis: Option<String>,
}

/// An analysed article ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct NewArticle {
    /// [`article_key`] of the text: equal keys are one article.
    pub key: String,
    pub doc_id: String,
    /// Where it was read from (a file, `file.jsonl:12`, `<stdin>`).
    pub source: String,
    pub url: Option<String>,
    pub title: Option<String>,
    pub published: Option<String>,
    pub publisher: Option<String>,
    pub text: String,
    /// The JSON record of the article (the output contract) without `text`.
    pub record: String,
    pub entities: Vec<NewEntity>,
    pub mentions: Vec<NewMention>,
    pub quotes: Vec<NewQuote>,
    /// Band keys and profile for copy detection (`None`: the article takes no
    /// part in it).
    pub copy: Option<crate::copies::CopyFeatures>,
}

/// Entity types that become stored speakers/entities. Groups ("officials") and
/// anonymous sources are kept on their quotes by name only: one "officials"
/// across all articles would be a meaningless speaker.
fn stored_type(t: EntityType) -> bool {
    matches!(
        t,
        EntityType::Person | EntityType::Organization | EntityType::Place
    )
}

impl NewArticle {
    /// What the store keeps of an analysed document. `record` is the JSON
    /// record without text (the CLI builds it with the output contract).
    pub fn from_document(doc: &Document, source: &str, record: String) -> NewArticle {
        let co = CharOffsets::new(&doc.text);
        let ch = |b: usize| co.char_of(b) as i64;
        let mut entity_index: Vec<Option<usize>> = vec![None; doc.entities.len()];
        let mut entities = Vec::new();
        for (i, e) in doc.entities.iter().enumerate() {
            if !stored_type(e.etype) || e.name.trim().is_empty() {
                continue;
            }
            let mut spellings: Vec<String> = e
                .mentions
                .iter()
                .filter_map(|&m| doc.mentions.get(m))
                .filter(|m| m.kind == MentionKind::Name)
                .map(|m| {
                    m.span
                        .of(&doc.text)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            spellings.sort();
            spellings.dedup();
            entity_index[i] = Some(entities.len());
            entities.push(NewEntity::new(
                e.name.clone(),
                e.etype.as_str().to_string(),
                e.kb_id.clone(),
                spellings,
            ));
        }
        let mentions = doc
            .mentions
            .iter()
            .filter(|m| m.entity.is_some_and(|e| entity_index[e].is_some()))
            .map(|m| NewMention {
                entity: m.entity.and_then(|e| entity_index[e]),
                start: ch(m.span.start),
                end: ch(m.span.end),
                kind: match m.kind {
                    MentionKind::Name => "name",
                    MentionKind::Pronoun => "pronoun",
                    MentionKind::Role => "role",
                    MentionKind::Group => "group",
                }
                .to_string(),
            })
            .collect();
        let quotes = doc
            .quotes
            .iter()
            .map(|q| NewQuote {
                start: ch(q.span.start),
                end: ch(q.span.end),
                text: q.span.of(&doc.text).to_string(),
                kind: q.kind.as_str().to_string(),
                speaker_entity: q
                    .speaker
                    .as_ref()
                    .and_then(|s| s.entity)
                    .and_then(|e| entity_index.get(e).copied().flatten()),
                speaker_name: q.speaker.as_ref().map(|s| s.name.clone()),
                resolution: q
                    .speaker
                    .as_ref()
                    .map(|s| s.resolution.as_str().to_string()),
                cue: q.cue.map(|c| c.of(&doc.text).to_string()),
                confidence: (f64::from(q.confidence) * 100.0).round() / 100.0,
                statement_key: statement_key(q.kind.as_str(), q.span.of(&doc.text)),
                addressee_entity: q
                    .context
                    .addressee
                    .as_ref()
                    .and_then(|a| a.entity)
                    .and_then(|e| entity_index.get(e).copied().flatten()),
                addressee_name: q
                    .context
                    .addressee
                    .as_ref()
                    .map(|a| spaced(a.span.of(&doc.text))),
                channel: q.context.channel.map(|c| c.channel.as_str().to_string()),
                time_text: q
                    .context
                    .time
                    .as_ref()
                    .map(|t| spaced(t.span.of(&doc.text))),
                said_on: q.context.said_on.clone(),
                date_basis: q.context.date_basis.map(|b| b.as_str().to_string()),
            })
            .collect();
        NewArticle {
            key: article_key(&doc.text),
            doc_id: doc.id.clone(),
            source: source.to_string(),
            url: doc.meta.url.clone().filter(|u| !u.trim().is_empty()),
            title: doc.meta.title.clone(),
            published: doc.meta.published.as_deref().map(normalise_date),
            publisher: doc.meta.publisher.clone(),
            text: doc.text.clone(),
            record,
            entities,
            mentions,
            quotes,
            copy: None,
        }
    }
}

impl NewQuote {
    /// `said_on` and its basis as stored: the statement's own, else the day of the
    /// article's publication (quotes built without context, and old stores, then
    /// still filter by date).
    pub fn said_on_or_published(&self, a: &NewArticle) -> (Option<String>, Option<String>) {
        if self.said_on.is_some() {
            return (self.said_on.clone(), self.date_basis.clone());
        }
        let day = a
            .published
            .as_deref()
            .filter(|p| p.len() >= 10 && p.as_bytes()[4] == b'-')
            .map(|p| p[..10].to_string());
        let basis = day.as_ref().map(|_| "published".to_string());
        (day, basis)
    }
}

impl NewArticle {
    /// Who published it, for `--source`: the publisher, else the URL's host,
    /// else the input it was read from.
    pub fn source_label(&self) -> String {
        if let Some(p) = self.publisher.as_deref().filter(|p| !p.trim().is_empty()) {
            return p.to_string();
        }
        if let Some(u) = &self.url {
            let host = u
                .split("://")
                .nth(1)
                .unwrap_or(u)
                .split('/')
                .next()
                .unwrap_or("");
            if !host.is_empty() {
                return host.to_string();
            }
        }
        self.source.clone()
    }
}

/// Text with its runs of white space made one space ("the\n crowd" -> "the crowd").
fn spaced(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A publication date as an ISO date-time where it can be read (so date
/// filters compare strings): ISO dates pass through, RFC 2822 dates from
/// feeds ("Tue, 10 Jun 2003 04:00:00 GMT") become `2003-06-10T04:00:00`.
pub fn normalise_date(s: &str) -> String {
    let t = s.trim();
    let b = t.as_bytes();
    if b.len() >= 10 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' {
        return t.to_string();
    }
    let words: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    for i in 0..words.len().saturating_sub(2) {
        let (d, m, y) = (words[i], words[i + 1], words[i + 2]);
        let month = months
            .iter()
            .position(|x| m.len() >= 3 && m[..3].eq_ignore_ascii_case(x));
        if let (Ok(d), Some(m), Ok(y)) = (d.parse::<u32>(), month, y.parse::<u32>()) {
            if (1..=31).contains(&d) && (1000..=9999).contains(&y) {
                let time = words
                    .get(i + 3)
                    .filter(|w| w.len() == 8 && w.as_bytes()[2] == b':')
                    .map(|w| format!("T{w}"))
                    .unwrap_or_default();
                return format!("{y:04}-{:02}-{d:02}{time}", m + 1);
            }
        }
    }
    t.to_string()
}

/// The text with case, punctuation and spacing removed: two copies of one
/// article that differ only in those are one article.
pub fn normalise_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if gap && !out.is_empty() {
                out.push(' ');
            }
            gap = false;
            out.extend(c.to_lowercase());
        } else {
            gap = true;
        }
    }
    out
}

/// The key of a quotation's words (case, punctuation and quotation marks
/// ignored): the same words quoted in several articles share it, which is how
/// one quotation reported by independent outlets is counted once per source.
/// Only direct quotations have one: reported speech is each outlet's wording.
pub fn statement_key(kind: &str, text: &str) -> Option<i64> {
    if kind != "direct" {
        return None;
    }
    let norm = normalise_text(text);
    if norm.split(' ').count() < 3 {
        return None;
    }
    let mut h: u64 = 0xcbf29ce484222325;
    for b in norm.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x100000001b3);
    }
    Some(h as i64)
}

/// The article key: a 128-bit FNV-1a hash of the normalised text, in hex.
/// Stable across versions and machines (it is stored and compared by several
/// processes), and 128 bits keep accidental collisions out of reach.
pub fn article_key(text: &str) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for b in normalise_text(text).bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(PRIME);
    }
    format!("{h:032x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalised_text_ignores_case_spacing_punctuation() {
        assert_eq!(normalise_text("  Hello,\n\n WORLD!  "), "hello world");
        assert_eq!(
            article_key("“Russia,” he said."),
            article_key("\"russia\" he   said")
        );
        assert_ne!(article_key("Russia said"), article_key("Russia says"));
        assert_eq!(article_key("x").len(), 32);
    }

    #[test]
    fn spelling_keys_are_the_names_keys() {
        for s in [
            "  Sergei  Lavrov. ",
            "José Martí",
            "Antony J. Blinken",
            "Jean-Luc",
            "",
            ".",
        ] {
            let k = SpellingKeys::of(s);
            assert_eq!(k.norm, crate::names::norm_name(s), "{s:?}");
            assert_eq!(k.words, crate::names::name_tokens(s), "{s:?}");
            let keys: Vec<String> = k.words.iter().map(|w| crate::names::token_key(w)).collect();
            assert_eq!(k.word_keys, keys, "{s:?}");
        }
        let e = NewEntity::new(
            "Antony Blinken".into(),
            "person".into(),
            None,
            vec!["Antony Blinken".into(), "Bellingen".into()],
        );
        assert_eq!(e.keys.len(), 3);
        assert_eq!(e.keys[1], SpellingKeys::of("Antony Blinken"));
        assert_eq!(e.spelling(2).unwrap().1.norm, "bellingen");
        assert!(e.spelling(3).is_none());
    }

    #[test]
    fn statement_keys_ignore_marks_and_case_but_not_words() {
        let k = |t: &str| statement_key("direct", t);
        assert_eq!(k("“We will win this,”"), k("''we will win this''"));
        assert_ne!(k("“We will win this,”"), k("“We will lose this,”"));
        assert_eq!(statement_key("indirect", "we will win this"), None);
        assert_eq!(k("“Yes.”"), None);
    }

    #[test]
    fn dates_become_iso() {
        assert_eq!(normalise_date("2022-01-05"), "2022-01-05");
        assert_eq!(
            normalise_date("Tue, 10 Jun 2003 04:00:00 GMT"),
            "2003-06-10T04:00:00"
        );
        assert_eq!(normalise_date("5 March 1987"), "1987-03-05");
        assert_eq!(normalise_date("yesterday"), "yesterday");
    }

    #[test]
    fn document_offsets_become_code_points() {
        let mut d = Document::new("a", "Ünïcode “Hi,” said Ann Lee.");
        d.entities.push(whosaid_core::Entity {
            id: "E1".into(),
            name: "Ann Lee".into(),
            etype: EntityType::Person,
            gender: whosaid_core::Gender::Female,
            kb_id: None,
            mentions: vec![0],
        });
        let s = d.text.find("Ann").unwrap();
        d.mentions.push(whosaid_core::Mention {
            span: whosaid_core::Span::new(s, s + 7),
            kind: MentionKind::Name,
            etype: EntityType::Person,
            entity: Some(0),
        });
        let a = NewArticle::from_document(&d, "in.txt", "{}".into());
        assert_eq!(a.mentions[0].start, 19);
        assert_eq!(a.entities[0].spellings, vec!["Ann Lee".to_string()]);
        assert_eq!(a.key, article_key(&d.text));
    }
}
