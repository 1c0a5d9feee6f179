//! What people read: the pretty report. The JSON contract (`to_json`, and
//! `write_json_line` for JSON Lines) is built in `whosaid_pipeline::contract`,
//! shared with the store and the server.

use std::fmt::Write as _;
use whosaid_core::Document;
pub use whosaid_pipeline::contract::{to_json, write_json_line};

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
