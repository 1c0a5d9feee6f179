//! The output contract (../shared/design.md): one JSON object per document,
//! offsets in Unicode code points (Python slicing), built here at the boundary
//! from the byte spans used inside.

use serde_json::{json, Map, Value};
use std::fmt::Write as _;
use whosaid_core::{CharOffsets, Document, Span};

struct Conv<'a> {
    text: &'a str,
    co: CharOffsets,
}

impl Conv<'_> {
    fn range(&self, s: Span) -> (usize, usize) {
        (self.co.char_of(s.start), self.co.char_of(s.end))
    }
    fn span(&self, s: Span) -> Value {
        let (a, b) = self.range(s);
        json!({"start": a, "end": b, "text": s.of(self.text)})
    }
    fn pair(&self, s: Span) -> Value {
        let (a, b) = self.range(s);
        json!([a, b])
    }
}

/// `meta.date_source`: where each date came from, `{"published": "json-ld datePublished", ...}`.
pub fn date_source(m: &whosaid_core::Meta) -> Value {
    Value::Object(
        m.date_source
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect(),
    )
}

/// The JSON record of one analysed document.
pub fn to_json(doc: &Document) -> Value {
    let c = Conv {
        text: &doc.text,
        co: CharOffsets::new(&doc.text),
    };
    let m = &doc.meta;
    let meta = json!({
        "title": m.title, "authors": m.authors, "published": m.published, "modified": m.modified,
        "publisher": m.publisher, "url": m.url, "language": m.language.clone().unwrap_or_else(|| "en".into()),
        "credits": m.credits, "origin": m.origin,
        "crawled": m.crawled, "date_source": date_source(m),
    });
    let boilerplate: Vec<Value> = doc
        .boilerplate
        .iter()
        .map(|b| {
            let (s, e) = c.range(b.span);
            json!({"start": s, "end": e, "reason": b.reason.as_str()})
        })
        .collect();
    let entities: Vec<Value> = doc
        .entities
        .iter()
        .map(|e| {
            let mentions: Vec<Value> = e
                .mentions
                .iter()
                .map(|&i| c.span(doc.mentions[i].span))
                .collect();
            let mut o = Map::new();
            o.insert("id".into(), json!(e.id));
            o.insert("name".into(), json!(e.name));
            o.insert("type".into(), json!(e.etype.as_str()));
            if let Some(k) = &e.kb_id {
                o.insert("kb_id".into(), json!(k));
            }
            o.insert("mentions".into(), Value::Array(mentions));
            Value::Object(o)
        })
        .collect();
    let quotes: Vec<Value> = doc
        .quotes
        .iter()
        .map(|q| {
            let (s, e) = c.range(q.span);
            let mut o = Map::new();
            o.insert("start".into(), json!(s));
            o.insert("end".into(), json!(e));
            o.insert("text".into(), json!(q.span.of(&doc.text)));
            o.insert("kind".into(), json!(q.kind.as_str()));
            if !q.fragments.is_empty() {
                o.insert(
                    "fragments".into(),
                    q.fragments.iter().map(|f| c.pair(*f)).collect(),
                );
            }
            if !q.quoted.is_empty() {
                o.insert(
                    "quoted".into(),
                    q.quoted.iter().map(|f| c.pair(*f)).collect(),
                );
            }
            let speaker = q.speaker.as_ref().map(|sp| {
                json!({
                    "entity": sp.entity.map(|i| doc.entities[i].id.clone()),
                    "name": sp.name,
                    "type": sp.etype.as_str(),
                    "mention": sp.mention.map(|m| c.span(m)),
                    "resolution": sp.resolution.as_str(),
                })
            });
            o.insert("speaker".into(), speaker.unwrap_or(Value::Null));
            o.insert(
                "cue".into(),
                q.cue.map(|s| c.span(s)).unwrap_or(Value::Null),
            );
            o.insert(
                "confidence".into(),
                json!((q.confidence * 100.0).round() / 100.0),
            );
            Value::Object(o)
        })
        .collect();
    let events: Vec<Value> = doc
        .events
        .iter()
        .map(|ev| {
            let (s, e) = c.range(ev.span);
            json!({"start": s, "end": e, "code": ev.code, "trigger": c.span(ev.trigger),
                   "source": ev.source.map(|i| doc.entities[i].id.clone()),
                   "target": ev.target.map(|i| doc.entities[i].id.clone())})
        })
        .collect();
    let mut o = Map::new();
    o.insert("id".into(), json!(doc.id));
    o.insert("meta".into(), meta);
    o.insert("text".into(), json!(doc.text));
    o.insert("boilerplate".into(), Value::Array(boilerplate));
    o.insert("entities".into(), Value::Array(entities));
    o.insert("quotes".into(), Value::Array(quotes));
    o.insert("events".into(), Value::Array(events));
    if !doc.warnings.is_empty() {
        o.insert("warnings".into(), json!(doc.warnings));
    }
    Value::Object(o)
}

fn clip(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// A report for people: who said what, the entities, what was stripped.
pub fn pretty(doc: &Document) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "== {} ==", doc.id);
    let m = &doc.meta;
    if let Some(t) = &m.title {
        let _ = writeln!(o, "title:     {t}");
    }
    if !m.authors.is_empty() {
        let _ = writeln!(o, "authors:   {}", m.authors.join(", "));
    }
    if let Some(p) = &m.published {
        let _ = writeln!(o, "published: {p}");
    }
    if !m.origin.is_empty() {
        let _ = writeln!(
            o,
            "origin:    {} (named by the credit line)",
            m.origin.join(", ")
        );
    }
    // speakers with their quotes, most quoted first
    let mut by: Vec<(String, Vec<&whosaid_core::Quote>)> = Vec::new();
    let mut unattributed = Vec::new();
    for q in &doc.quotes {
        match &q.speaker {
            Some(s) => match by.iter_mut().find(|x| x.0 == s.name) {
                Some(x) => x.1.push(q),
                None => by.push((s.name.clone(), vec![q])),
            },
            None => unattributed.push(q),
        }
    }
    by.sort_by_key(|x| std::cmp::Reverse(x.1.len()));
    let _ = writeln!(
        o,
        "\nstatements: {} ({} speakers)",
        doc.quotes.len(),
        by.len()
    );
    for (name, qs) in &by {
        let _ = writeln!(o, "\n  {name} ({})", qs.len());
        for q in qs {
            let sp = q.speaker.as_ref().expect("grouped by speaker");
            let via = sp.mention.map(|mm| mm.of(&doc.text)).unwrap_or("-");
            let cue = q.cue.map(|c| c.of(&doc.text)).unwrap_or("-");
            let _ = writeln!(
                o,
                "    [{}] {}\n        via {:?} ({}), cue {:?}, confidence {:.2}",
                q.kind.as_str(),
                clip(q.span.of(&doc.text), 110),
                via,
                sp.resolution.as_str(),
                cue,
                q.confidence
            );
        }
    }
    if !unattributed.is_empty() {
        let _ = writeln!(o, "\n  (nobody named) ({})", unattributed.len());
        for q in unattributed {
            let _ = writeln!(
                o,
                "    [{}] {}",
                q.kind.as_str(),
                clip(q.span.of(&doc.text), 110)
            );
        }
    }
    let _ = writeln!(o, "\nentities: {}", doc.entities.len());
    for e in &doc.entities {
        let mut spellings: Vec<&str> = e
            .mentions
            .iter()
            .map(|&i| doc.mentions[i].span.of(&doc.text))
            .collect();
        spellings.sort_unstable();
        spellings.dedup();
        let kb = e
            .kb_id
            .as_deref()
            .map(|k| format!(" [{k}]"))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "  {:<13} {}{} — {}",
            e.etype.as_str(),
            e.name,
            kb,
            clip(&spellings.join(" | "), 90)
        );
    }
    let _ = writeln!(o, "\nboilerplate: {}", doc.boilerplate.len());
    for b in &doc.boilerplate {
        let _ = writeln!(
            o,
            "  {:<15} {}",
            b.reason.as_str(),
            clip(b.span.of(&doc.text), 90)
        );
    }
    for w in &doc.warnings {
        let _ = writeln!(o, "warning: {w}");
    }
    o
}
