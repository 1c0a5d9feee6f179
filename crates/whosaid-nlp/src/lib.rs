//! whosaid's analysis of one document: pure functions of the text, the
//! lexicons and (optionally) a knowledge base. No I/O; never fails: problems
//! become `Document::warnings`.
//!
//! Stages, in order: paragraphs -> boilerplate -> tokens and sentences ->
//! mentions -> entities -> quotation marks -> direct and mixed quotes with
//! their speakers -> reported speech.

pub mod attribution;
pub mod boilerplate;
pub mod context;
pub mod context_lexicon;
pub mod entities;
/// Name folding and garbled-spelling matching live in `whosaid-names`, shared with the store.
pub use whosaid_names as fuzzy;
pub mod kb;
pub mod lexicon;
pub mod mentions;
pub mod quotes;
pub mod reported;
pub mod segment;
pub mod speaker;
pub mod statement_context;
pub mod timex;
pub mod token;

use whosaid_core::{Document, Entity, Gender, Mention, MentionKind};

pub use kb::{Kb, KbError};
pub use lexicon::Lexicon;

/// The analysis pipeline with its lexicons and knowledge base, built once and
/// shared (read-only) by all threads.
pub struct Analyzer {
    pub lexicon: Lexicon,
    pub kb: Option<Kb>,
    /// Also find reported speech ("X said that ...", "according to X"). On by default;
    /// off gives quotations in quotation marks only.
    pub reported_speech: bool,
}

impl Default for Analyzer {
    fn default() -> Self {
        Self::new(None)
    }
}

impl Analyzer {
    pub fn new(kb: Option<Kb>) -> Self {
        Analyzer {
            lexicon: Lexicon::builtin(),
            kb,
            reported_speech: true,
        }
    }

    /// Adds every analysis layer to `doc`. `doc.text` is never changed.
    pub fn analyze(&self, doc: &mut Document) {
        let lx = &self.lexicon;
        let paras = segment::paragraphs(&doc.text);
        boilerplate::mark(doc, &paras, lx);
        let mut warnings = Vec::new();
        let (resolved, mut quotes, groups, sentences, contexts) = {
            let cx = context::Ctx::new(doc, paras.clone(), lx);
            let found = mentions::find(&cx);
            // (the year the document speaks of, for a knowledge base's eras)
            let year = doc
                .meta
                .published
                .as_deref()
                .and_then(|d| d.get(..4))
                .and_then(|y| y.parse::<i32>().ok());
            let resolved = entities::resolve(&cx, found, self.kb.as_ref(), year);
            let raw = quotes::find(&cx, &mut warnings);
            let mut at = attribution::Attributor::new(&cx, &resolved, &raw);
            let mut quotes = attribution::direct_quotes(&mut at, &raw);
            if self.reported_speech {
                reported::reported_speech(&mut at, &mut quotes);
            } else {
                // without reported speech, a few quoted words ("a “pause” in the tax")
                // stand for no statement: only their clause would
                quotes.retain(|q| q.kind != whosaid_core::QuoteKind::Mixed || utterance(&cx, q));
            }
            weigh_bare_names(&resolved, &mut quotes);
            let groups = std::mem::take(&mut at.groups);
            let sentences = cx.sents.clone();
            let contexts = statement_context::find(&cx, &quotes, doc.meta.published.as_deref());
            (resolved, quotes, groups, sentences, contexts)
        };
        doc.paragraphs = paras;
        doc.sentences = sentences;
        doc.mentions = resolved.core_mentions();
        doc.entities = resolved.entities;
        // group and anonymous sources become entities of their own
        let mut group_entity = Vec::new();
        for (name, etype, spans) in groups {
            let idx = doc.entities.len();
            let mut ms = Vec::new();
            for s in spans {
                ms.push(doc.mentions.len());
                doc.mentions.push(Mention {
                    span: s,
                    kind: MentionKind::Group,
                    etype,
                    entity: Some(idx),
                });
            }
            group_entity.push((name.to_lowercase(), idx));
            doc.entities.push(Entity {
                id: entities::entity_id(idx + 1),
                name,
                etype,
                gender: Gender::Unknown,
                kb_id: None,
                mentions: ms,
            });
        }
        for (q, c) in quotes.iter_mut().zip(contexts) {
            q.context = c;
        }
        doc.quotes = quotes;
        for q in &mut doc.quotes {
            if let Some(s) = &mut q.speaker {
                if s.entity.is_none() && s.resolution == whosaid_core::SpeakerResolution::Group {
                    let key = s.name.to_lowercase();
                    s.entity = group_entity.iter().find(|g| g.0 == key).map(|g| g.1);
                }
            }
        }
        statement_context::link_addressees(doc);
        // role and pronoun mentions that speak join their entity's mentions
        doc.quotes.sort_by_key(|q| q.span);
        doc.warnings.extend(warnings);
    }
}

/// A speaker the article only ever names by one capitalised word that no lexicon,
/// title, given name or knowledge base vouches for ("Forum", "Democrat", "Research")
/// is as often a cut-off or common word as a name: such statements are less sure.
fn weigh_bare_names(r: &entities::Resolved, quotes: &mut [whosaid_core::Quote]) {
    use whosaid_core::SpeakerResolution as R;
    for q in quotes {
        let Some(s) = &q.speaker else { continue };
        let Some(e) = s.entity else { continue };
        let Some(ent) = r.entities.get(e) else {
            continue;
        };
        let bare = ent.kb_id.is_none()
            && !ent.name.contains(' ')
            && ent.mentions.iter().all(|&m| {
                r.mentions
                    .get(m)
                    .is_some_and(|x| x.weak && x.title.is_none() && x.toks.1 == x.toks.0 + 1)
            });
        if bare && matches!(s.resolution, R::Named | R::Fuzzy) {
            q.confidence *= 0.8;
        }
    }
}

/// Are the quoted words of `q` a statement of their own: five words or more, or
/// closed by the punctuation of a sentence or clause?
fn utterance(cx: &context::Ctx, q: &whosaid_core::Quote) -> bool {
    let text = q.span.of(cx.text);
    text.split_whitespace().count() > 4 || quotes::ends_inside(text, &['.', '?', '!', ','])
}

#[cfg(test)]
pub(crate) mod test_util {
    use crate::Analyzer;
    use whosaid_core::Document;

    /// (kind, statement text, speaker mention or name) for every statement found.
    pub fn statements(t: &str) -> Vec<(String, String, String)> {
        let mut d = Document::new("t", t);
        Analyzer::new(None).analyze(&mut d);
        d.quotes
            .iter()
            .map(|q| {
                let sp = q.speaker.as_ref().map_or(String::new(), |s| {
                    s.mention
                        .map_or(s.name.clone(), |m| m.of(&d.text).to_string())
                });
                let text = if q.fragments.is_empty() {
                    q.span.of(&d.text).to_string()
                } else {
                    let parts: Vec<&str> = q.fragments.iter().map(|f| f.of(&d.text)).collect();
                    parts.join(" | ")
                };
                (q.kind.as_str().to_string(), text, sp)
            })
            .collect()
    }

    /// The canonical speaker name of the statement `text` in `t` ("" for nobody).
    pub fn speaker_name(t: &str, text: &str) -> String {
        let mut d = Document::new("t", t);
        Analyzer::new(None).analyze(&mut d);
        let q = d.quotes.iter().find(|q| q.span.of(&d.text) == text);
        let q = q.unwrap_or_else(|| panic!("no statement {text:?} in {:#?}", statements(t)));
        q.speaker.as_ref().map_or(String::new(), |s| s.name.clone())
    }

    /// Asserts that no statement `t` gives is `bad` (kind, text, speaker).
    pub fn none(t: &str, bad: impl Fn(&str, &str, &str) -> bool) {
        let s = statements(t);
        assert!(!s.iter().any(|(k, x, sp)| bad(k, x, sp)), "{s:#?}");
    }

    /// Asserts that `t` gives the statement `text` by `speaker` ("" for nobody).
    pub fn has(t: &str, text: &str, speaker: &str) {
        let s = statements(t);
        assert!(
            s.iter().any(|(_, x, sp)| x == text && sp == speaker),
            "{text:?} by {speaker:?} not in {s:#?}"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::Analyzer;
    use whosaid_core::Document;

    fn quotes_only(t: &str) -> Vec<String> {
        let mut d = Document::new("t", t);
        let mut a = Analyzer::new(None);
        a.reported_speech = false;
        a.analyze(&mut d);
        d.quotes
            .iter()
            .map(|q| q.span.of(&d.text).to_string())
            .collect()
    }

    #[test]
    fn a_text_may_end_on_a_preposition_after_a_statement() {
        // the time of the statement is looked for past its sentence, up to the
        // text's end ("... reliance on" cut short by the page)
        for t in [
            "\"We must be ready,\" the minister said Friday as he left.\n\nCritics questioned the reliance on",
            "\"We must be ready,\" the minister said in",
        ] {
            let mut d = Document::new("t", t);
            Analyzer::new(None).analyze(&mut d);
            let first = d.quotes.first().map(|q| q.span.of(&d.text));
            assert_eq!(first, Some("\"We must be ready,\""), "{t:?}");
        }
    }

    #[test]
    fn a_speaker_named_by_one_bare_word_is_less_sure() {
        let t = "Phones\n\nHalden said more needed to be done to collect old phones. \
                 Jonathan Hale said the market for old phones was growing.";
        let mut d = Document::new("t", t);
        Analyzer::new(None).analyze(&mut d);
        let conf = |text: &str| {
            let q = d
                .quotes
                .iter()
                .find(|q| q.span.of(&d.text).starts_with(text));
            q.map(|q| q.confidence)
                .unwrap_or_else(|| panic!("{text:?} in {:#?}", d.quotes))
        };
        assert!(conf("more needed") < 0.8, "{}", conf("more needed"));
        assert!(conf("the market") >= 0.8, "{}", conf("the market"));
    }

    #[test]
    fn a_straight_mark_right_after_a_curly_opening_one_is_quoted_text() {
        let q = quotes_only(
            "Lee wrote the test. “\"><b>bold</b> must show as text,” she told reporters.",
        );
        assert_eq!(q, vec!["“\"><b>bold</b> must show as text,”".to_string()]);
    }

    #[test]
    fn quotations_only_keep_statements_not_scare_quotes() {
        let q = quotes_only(
            "The senator said the deal comes with a two-year “pause” in the tax. \
             Trump called the plan “a total disgrace to the whole nation.” \
             “We will win,” Trump said.",
        );
        assert_eq!(
            q,
            vec![
                "“a total disgrace to the whole nation.”".to_string(),
                "“We will win,”".to_string()
            ]
        );
    }
}
