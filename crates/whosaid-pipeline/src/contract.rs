//! The output contract (../shared/design.md): one JSON object per document,
//! offsets in Unicode code points (Python slicing), built here at the boundary
//! from the byte spans used inside. The CLI prints it, the store keeps it
//! (without its text) and the server serves it.

use serde_json::{json, Map, Value};
use whosaid_core::{CharOffsets, Document, QuoteContext, Span};

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

/// The record of an extracted document without analysis (`whosaid extract`,
/// Python's `whosaid.extract`): `{"id", "text", "meta"}`, `meta.language` null
/// when the page does not say.
pub fn extract_record(d: &Document) -> Value {
    let m = &d.meta;
    json!({
        "id": d.id,
        "text": d.text,
        "meta": {
            "title": m.title, "authors": m.authors, "published": m.published, "modified": m.modified,
            "crawled": m.crawled, "publisher": m.publisher, "url": m.url, "language": m.language,
            "date_source": date_source(m),
        }
    })
}

/// `meta` of the JSON record.
fn meta(doc: &Document) -> Value {
    let m = &doc.meta;
    json!({
        "title": m.title, "authors": m.authors, "published": m.published, "modified": m.modified,
        "publisher": m.publisher, "url": m.url, "language": m.language.clone().unwrap_or_else(|| "en".into()),
        "credits": m.credits, "origin": m.origin,
        "crawled": m.crawled, "date_source": date_source(m),
    })
}

/// A statement's confidence, rounded to two decimals (an `f32`, written as the
/// `f64` it widens to).
fn confidence(c: f32) -> Value {
    json!((c * 100.0).round() / 100.0)
}

/// A statement's context in the JSON record: `addressee`, `channel` and
/// `channel_span`, `time`, `said_on`, `date_basis` (each null when absent).
fn context_fields(c: &Conv, doc: &Document, x: &QuoteContext, o: &mut Map<String, Value>) {
    let addressee = x.addressee.as_ref().map(|a| {
        let (s, e) = c.range(a.span);
        json!({"start": s, "end": e, "text": a.span.of(c.text),
               "entity": a.entity.map(|i| doc.entities[i].id.clone())})
    });
    o.insert("addressee".into(), addressee.unwrap_or(Value::Null));
    o.insert(
        "channel".into(),
        x.channel
            .map_or(Value::Null, |ch| json!(ch.channel.as_str())),
    );
    o.insert(
        "channel_span".into(),
        x.channel.map_or(Value::Null, |ch| c.span(ch.span)),
    );
    let time = x.time.as_ref().map(|t| {
        let (s, e) = c.range(t.span);
        json!({"start": s, "end": e, "text": t.span.of(c.text), "date": t.date,
               "granularity": t.granularity.as_str()})
    });
    o.insert("time".into(), time.unwrap_or(Value::Null));
    o.insert("said_on".into(), json!(x.said_on));
    o.insert(
        "date_basis".into(),
        x.date_basis.map_or(Value::Null, |b| json!(b.as_str())),
    );
}

/// The JSON record of one analysed document.
pub fn to_json(doc: &Document) -> Value {
    let c = Conv {
        text: &doc.text,
        co: CharOffsets::new(&doc.text),
    };
    let meta = meta(doc);
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
            o.insert("confidence".into(), confidence(q.confidence));
            context_fields(&c, doc, &q.context, &mut o);
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

/// The JSON Lines record of one analysed document, appended to `out` with its
/// newline: the same bytes as `to_json(doc).to_string()` (keys in sorted order,
/// as `serde_json::Map` keeps them) without building the tree of values first.
/// Strings and numbers go through serde_json, so their escaping and formatting
/// are serde_json's own.
pub fn write_json_line(doc: &Document, out: &mut Vec<u8>) {
    let c = Conv {
        text: &doc.text,
        co: CharOffsets::new(&doc.text),
    };
    let mut w = JsonOut { out };
    w.raw("{\"boilerplate\":[");
    for (i, b) in doc.boilerplate.iter().enumerate() {
        w.sep(i);
        let (s, e) = c.range(b.span);
        w.raw("{\"end\":");
        w.num(e);
        w.raw(",\"reason\":");
        w.str(b.reason.as_str());
        w.raw(",\"start\":");
        w.num(s);
        w.raw("}");
    }
    w.raw("],\"entities\":[");
    for (i, e) in doc.entities.iter().enumerate() {
        w.sep(i);
        w.raw("{\"id\":");
        w.str(&e.id);
        if let Some(k) = &e.kb_id {
            w.raw(",\"kb_id\":");
            w.str(k);
        }
        w.raw(",\"mentions\":[");
        for (j, &m) in e.mentions.iter().enumerate() {
            w.sep(j);
            w.span(&c, doc.mentions[m].span);
        }
        w.raw("],\"name\":");
        w.str(&e.name);
        w.raw(",\"type\":");
        w.str(e.etype.as_str());
        w.raw("}");
    }
    w.raw("],\"events\":[");
    for (i, ev) in doc.events.iter().enumerate() {
        w.sep(i);
        let (s, e) = c.range(ev.span);
        w.raw("{\"code\":");
        w.str(&ev.code);
        w.raw(",\"end\":");
        w.num(e);
        w.raw(",\"source\":");
        w.opt_str(ev.source.map(|i| doc.entities[i].id.as_str()));
        w.raw(",\"start\":");
        w.num(s);
        w.raw(",\"target\":");
        w.opt_str(ev.target.map(|i| doc.entities[i].id.as_str()));
        w.raw(",\"trigger\":");
        w.span(&c, ev.trigger);
        w.raw("}");
    }
    w.raw("],\"id\":");
    w.str(&doc.id);
    w.raw(",\"meta\":");
    w.meta(&doc.meta);
    w.raw(",\"quotes\":[");
    for (i, q) in doc.quotes.iter().enumerate() {
        w.sep(i);
        let (s, e) = c.range(q.span);
        let x = &q.context;
        w.raw("{\"addressee\":");
        match &x.addressee {
            Some(a) => {
                let (s, e) = c.range(a.span);
                w.raw("{\"end\":");
                w.num(e);
                w.raw(",\"entity\":");
                w.opt_str(a.entity.map(|i| doc.entities[i].id.as_str()));
                w.raw(",\"start\":");
                w.num(s);
                w.raw(",\"text\":");
                w.str(a.span.of(&doc.text));
                w.raw("}");
            }
            None => w.raw("null"),
        }
        w.raw(",\"channel\":");
        w.opt_str(x.channel.map(|ch| ch.channel.as_str()));
        w.raw(",\"channel_span\":");
        match x.channel {
            Some(ch) => w.span(&c, ch.span),
            None => w.raw("null"),
        }
        w.raw(",\"confidence\":");
        w.confidence(q.confidence);
        w.raw(",\"cue\":");
        match q.cue {
            Some(cue) => w.span(&c, cue),
            None => w.raw("null"),
        }
        w.raw(",\"date_basis\":");
        w.opt_str(x.date_basis.map(|b| b.as_str()));
        w.raw(",\"end\":");
        w.num(e);
        if !q.fragments.is_empty() {
            w.raw(",\"fragments\":");
            w.pairs(&c, &q.fragments);
        }
        w.raw(",\"kind\":");
        w.str(q.kind.as_str());
        if !q.quoted.is_empty() {
            w.raw(",\"quoted\":");
            w.pairs(&c, &q.quoted);
        }
        w.raw(",\"said_on\":");
        w.opt_str(x.said_on.as_deref());
        w.raw(",\"speaker\":");
        match &q.speaker {
            Some(sp) => {
                w.raw("{\"entity\":");
                w.opt_str(sp.entity.map(|i| doc.entities[i].id.as_str()));
                w.raw(",\"mention\":");
                match sp.mention {
                    Some(m) => w.span(&c, m),
                    None => w.raw("null"),
                }
                w.raw(",\"name\":");
                w.str(&sp.name);
                w.raw(",\"resolution\":");
                w.str(sp.resolution.as_str());
                w.raw(",\"type\":");
                w.str(sp.etype.as_str());
                w.raw("}");
            }
            None => w.raw("null"),
        }
        w.raw(",\"start\":");
        w.num(s);
        w.raw(",\"text\":");
        w.str(q.span.of(&doc.text));
        w.raw(",\"time\":");
        match &x.time {
            Some(t) => {
                let (s, e) = c.range(t.span);
                w.raw("{\"date\":");
                w.opt_str(t.date.as_deref());
                w.raw(",\"end\":");
                w.num(e);
                w.raw(",\"granularity\":");
                w.str(t.granularity.as_str());
                w.raw(",\"start\":");
                w.num(s);
                w.raw(",\"text\":");
                w.str(t.span.of(&doc.text));
                w.raw("}");
            }
            None => w.raw("null"),
        }
        w.raw("}");
    }
    w.raw("],\"text\":");
    w.str(&doc.text);
    if !doc.warnings.is_empty() {
        w.raw(",\"warnings\":[");
        for (i, x) in doc.warnings.iter().enumerate() {
            w.sep(i);
            w.str(x);
        }
        w.raw("]");
    }
    w.raw("}\n");
}

/// Appends JSON to a byte buffer (for [`write_json_line`]).
struct JsonOut<'a> {
    out: &'a mut Vec<u8>,
}

impl JsonOut<'_> {
    fn raw(&mut self, s: &str) {
        self.out.extend_from_slice(s.as_bytes());
    }
    /// The comma before every item of a list but its first.
    fn sep(&mut self, i: usize) {
        if i > 0 {
            self.out.push(b',');
        }
    }
    fn num(&mut self, n: usize) {
        push_decimal(self.out, n);
    }
    fn str(&mut self, s: &str) {
        push_json_str(self.out, s);
    }
    fn opt_str(&mut self, s: Option<&str>) {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }
    /// `["a", "b"]`.
    fn strs(&mut self, items: &[String]) {
        self.raw("[");
        for (i, x) in items.iter().enumerate() {
            self.sep(i);
            self.str(x);
        }
        self.raw("]");
    }
    /// `meta` as [`meta`] gives it, written without building its value.
    fn meta(&mut self, m: &whosaid_core::Meta) {
        self.raw("{\"authors\":");
        self.strs(&m.authors);
        self.raw(",\"crawled\":");
        self.opt_str(m.crawled.as_deref());
        self.raw(",\"credits\":");
        self.strs(&m.credits);
        // an object: keys in order, the last of equal keys winning (as [`date_source`])
        self.raw(",\"date_source\":{");
        let mut ds: Vec<&(String, String)> = m.date_source.iter().collect();
        ds.sort_by(|a, b| a.0.cmp(&b.0)); // stable: equal keys keep their order
        let mut first = true;
        for (i, (k, v)) in ds.iter().map(|x| (&x.0, &x.1)).enumerate() {
            if ds.get(i + 1).is_some_and(|next| &next.0 == k) {
                continue;
            }
            if !first {
                self.raw(",");
            }
            first = false;
            self.str(k);
            self.raw(":");
            self.str(v);
        }
        self.raw("},\"language\":");
        self.str(m.language.as_deref().unwrap_or("en"));
        self.raw(",\"modified\":");
        self.opt_str(m.modified.as_deref());
        self.raw(",\"origin\":");
        self.strs(&m.origin);
        self.raw(",\"published\":");
        self.opt_str(m.published.as_deref());
        self.raw(",\"publisher\":");
        self.opt_str(m.publisher.as_deref());
        self.raw(",\"title\":");
        self.opt_str(m.title.as_deref());
        self.raw(",\"url\":");
        self.opt_str(m.url.as_deref());
        self.raw("}");
    }
    /// As [`confidence`] writes it: the `f64` the rounded `f32` widens to (null if
    /// not finite, as serde_json writes both), without building a value.
    fn confidence(&mut self, c: f32) {
        let _ = serde_json::to_writer(&mut *self.out, &f64::from((c * 100.0).round() / 100.0));
    }
    /// `{"end": .., "start": .., "text": ..}`, as [`Conv::span`].
    fn span(&mut self, c: &Conv, s: Span) {
        let (a, b) = c.range(s);
        self.raw("{\"end\":");
        self.num(b);
        self.raw(",\"start\":");
        self.num(a);
        self.raw(",\"text\":");
        self.str(s.of(c.text));
        self.raw("}");
    }
    /// `[[start, end], ...]`, as [`Conv::pair`] for each.
    fn pairs(&mut self, c: &Conv, spans: &[Span]) {
        self.raw("[");
        for (i, &s) in spans.iter().enumerate() {
            self.sep(i);
            let (a, b) = c.range(s);
            self.raw("[");
            self.num(a);
            self.raw(",");
            self.num(b);
            self.raw("]");
        }
        self.raw("]");
    }
}

/// Appends `s` as a JSON string, byte for byte as serde_json writes it: `"` and
/// `\\` escaped, the control characters U+0000 to U+001F as `\b`, `\t`, `\n`,
/// `\f`, `\r` or `\u00xx`, everything else (U+007F and all non-ASCII) as it is.
/// Runs with nothing to escape (the article's text, the bulk of every record, is
/// mostly such runs) are found sixteen bytes at a time and copied whole.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut run = 0; // start of the bytes not yet copied
    loop {
        let i = next_to_escape(bytes, run);
        out.extend_from_slice(&bytes[run..i]);
        let Some(&c) = bytes.get(i) else {
            break;
        };
        push_escape(out, c);
        run = i + 1;
    }
    out.push(b'"');
}

/// Does JSON need byte `b` escaped?
#[inline]
fn needs_escape(b: u8) -> bool {
    matches!(b, b'"' | b'\\' | 0..=0x1F)
}

/// The index of the first byte at or after `i` that needs an escape, or the length.
#[inline]
fn next_to_escape(bytes: &[u8], mut i: usize) -> usize {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: SSE2 is part of the x86_64 baseline: every x86_64 CPU has it.
        i = unsafe { skip_plain_sse2(bytes, i) };
    }
    while i < bytes.len() && !needs_escape(bytes[i]) {
        i += 1;
    }
    i
}

/// From `i`, skips whole blocks of sixteen bytes with nothing to escape: the
/// index of the first byte to escape in a block, or where fewer than sixteen
/// bytes remain.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn skip_plain_sse2(bytes: &[u8], mut i: usize) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_max_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8,
    };
    let quote = _mm_set1_epi8(b'"' as i8);
    let backslash = _mm_set1_epi8(b'\\' as i8);
    let control = _mm_set1_epi8(0x1F);
    while i + 16 <= bytes.len() {
        // SAFETY: bytes[i..i + 16] is in bounds (the loop's test); the load is unaligned.
        let v = unsafe { _mm_loadu_si128(bytes.as_ptr().add(i).cast::<__m128i>()) };
        // a byte below 0x20 is one whose unsigned maximum with 0x1F is 0x1F
        let hit = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)),
            _mm_cmpeq_epi8(_mm_max_epu8(v, control), control),
        );
        let mask = _mm_movemask_epi8(hit) as u32;
        if mask != 0 {
            return i + mask.trailing_zeros() as usize;
        }
        i += 16;
    }
    i
}

/// Appends the escape of byte `c` (one that [`needs_escape`]), as serde_json writes it.
fn push_escape(out: &mut Vec<u8>, c: u8) {
    let short: &[u8] = match c {
        b'"' => b"\\\"",
        b'\\' => b"\\\\",
        0x08 => b"\\b",
        0x09 => b"\\t",
        0x0A => b"\\n",
        0x0C => b"\\f",
        0x0D => b"\\r",
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (hi, lo) = (HEX[usize::from(c >> 4)], HEX[usize::from(c & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', hi, lo]);
            return;
        }
    };
    out.extend_from_slice(short);
}

/// Appends `n` in decimal, as serde_json writes an unsigned integer.
fn push_decimal(out: &mut Vec<u8>, mut n: usize) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_core::{
        Addressee, Boilerplate, BoilerplateReason, Channel, ChannelFinding, DateBasis, Entity,
        EntityType, Event, Gender, Granularity, Quote, QuoteKind, Speaker, SpeakerResolution,
        TimeExpr,
    };

    /// `write_json_line` must give exactly the bytes of `to_json` printed on one line.
    fn same_bytes(d: &Document) {
        let mut line = Vec::new();
        write_json_line(d, &mut line);
        let want = format!("{}\n", to_json(d));
        assert_eq!(String::from_utf8(line).unwrap(), want);
    }

    #[test]
    fn json_line_is_the_json_record() {
        let texts = [
            "",
            "Plain words, nobody speaks.",
            "“We will win,” Trump said. The senator said the deal comes with a \
             two-year “pause” in the tax.\n\nHillary Clinton told reporters she was \
             “feeling great.” “It’s fine,” she said.",
            "Control \u{1} and \"quotes\" and \\ backslash\tand tab — “Ça va,” said Zoë \
             Müller of the Société Générale. 日本語 “テスト,” he said.",
        ];
        for t in texts {
            let mut d = Document::new("id \"1\"", t);
            whosaid_nlp::Analyzer::new(None).analyze(&mut d);
            same_bytes(&d);
        }
    }

    #[test]
    fn json_line_has_every_optional_field() {
        let t = "Zoë said “a” and “b” to Ünal.";
        let at = |w: &str| {
            let i = t.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let mut d = Document::new("x", t);
        whosaid_nlp::Analyzer::new(None).analyze(&mut d);
        d.meta.title = Some("A “title”\n".into());
        d.meta.authors = vec!["Ann".into()];
        d.meta.date_source = vec![
            ("published".into(), "url".into()),
            ("modified".into(), "json-ld".into()),
            ("published".into(), "input record".into()),
        ];
        d.meta.credits = vec!["By \"Ann\"".into()];
        d.meta.origin = vec!["AP".into(), "Reuters".into()];
        d.meta.crawled = Some("2016-09-01T00:00:00Z".into());
        d.meta.language = Some("fr".into());
        d.meta.publisher = Some("P".into());
        d.meta.url = Some("https://example.org/a".into());
        d.meta.published = Some("2016-09-01".into());
        d.meta.modified = Some("2016-09-02".into());
        d.boilerplate.push(Boilerplate {
            span: at("Zoë"),
            reason: BoilerplateReason::Chrome,
        });
        d.entities.push(Entity {
            id: format!("E{}", d.entities.len() + 1),
            name: "Zoë".into(),
            etype: EntityType::Person,
            gender: Gender::Unknown,
            kb_id: Some("Q1".into()),
            mentions: vec![],
        });
        let e = d.entities.len() - 1;
        d.events.push(Event {
            span: at("Zoë said"),
            trigger: at("said"),
            code: "say".into(),
            source: Some(e),
            target: None,
        });
        d.quotes.push(Quote {
            span: at("“a” and “b” to Ünal."),
            kind: QuoteKind::Mixed,
            fragments: vec![at("“a”"), at("“b”")],
            quoted: vec![at("“a”")],
            speaker: Some(Speaker {
                entity: Some(e),
                name: "Zoë".into(),
                etype: EntityType::Person,
                mention: Some(at("Zoë")),
                resolution: SpeakerResolution::Named,
            }),
            cue: Some(at("said")),
            confidence: 0.85,
            context: QuoteContext {
                addressee: Some(Addressee {
                    span: at("Ünal"),
                    entity: Some(e),
                }),
                channel: Some(ChannelFinding {
                    channel: Channel::Interview,
                    span: at("and"),
                }),
                time: Some(TimeExpr {
                    span: at("to"),
                    date: Some("2016-09".into()),
                    granularity: Granularity::Month,
                }),
                said_on: Some("2016-09".into()),
                date_basis: Some(DateBasis::Text),
            },
        });
        d.quotes.push(Quote {
            span: at("Zoë"),
            kind: QuoteKind::Indirect,
            fragments: vec![],
            quoted: vec![],
            speaker: Some(Speaker {
                entity: None,
                name: "someone".into(),
                etype: EntityType::Anonymous,
                mention: None,
                resolution: SpeakerResolution::Unresolved,
            }),
            cue: None,
            confidence: f32::NAN,
            context: QuoteContext {
                addressee: Some(Addressee {
                    span: at("b"),
                    entity: None,
                }),
                time: Some(TimeExpr {
                    span: at("a"),
                    date: None,
                    granularity: Granularity::Unresolved,
                }),
                ..Default::default()
            },
        });
        for c in [f32::INFINITY, 0.333, 1.0] {
            let mut q = d.quotes[d.quotes.len() - 1].clone();
            q.confidence = c;
            d.quotes.push(q);
        }
        d.warnings
            .push("quotation mark at byte 3 is never closed".into());
        same_bytes(&d);
    }

    /// `push_json_str` must write what serde_json writes, for every string.
    fn same_as_serde(s: &str) {
        let mut v = Vec::new();
        push_json_str(&mut v, s);
        assert_eq!(
            String::from_utf8(v).unwrap(),
            serde_json::to_string(s).unwrap(),
            "{s:?}"
        );
    }

    #[test]
    fn json_strings_as_serde_writes_them() {
        let every_control: String = (0u8..0x20).map(char::from).collect();
        for s in [
            "",
            "a",
            "plain ascii text longer than eight bytes",
            "\"",
            "\\",
            "\u{7f}\u{80}é—“quoted”\n",
            "tab\tthen twelve bytes\r\n\u{c}\u{8}",
            "1234567\"",
            "12345678\\",
            "日本語のテキスト\u{1}",
            every_control.as_str(),
        ] {
            same_as_serde(s);
        }
    }

    /// Every byte to escape at every position of strings up to 40 bytes long (both
    /// sides of each sixteen-byte block), alone and beside another.
    #[test]
    fn json_strings_at_every_position() {
        for len in 1..40 {
            for at in 0..len {
                for c in ['"', '\\', '\n', '\u{1}', '\u{1f}', '\u{7f}', 'é'] {
                    let mut s: String = "a".repeat(len);
                    s.replace_range(at..at + 1, &c.to_string());
                    same_as_serde(&s);
                    s.push('"');
                    same_as_serde(&s);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn json_strings_match_serde(s in "(.|[\\x00-\\x20\"\\\\\\x7f])*") {
            same_as_serde(&s);
        }
    }

    #[test]
    fn decimals() {
        for n in [0usize, 7, 10, 99, 100, 12345, usize::MAX] {
            let mut v = Vec::new();
            push_decimal(&mut v, n);
            assert_eq!(String::from_utf8(v).unwrap(), n.to_string());
        }
    }
}
