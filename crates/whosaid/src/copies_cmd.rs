//! `whosaid copies`: one line per stored article, with the origin it copies
//! and why; `whosaid trace`: one statement's history across outlets.

use crate::exit;
use crate::store_cmd::{list_format, write_out, DbArg, ListFormat};
use anyhow::{Context, Result};
use std::io::Write;
use whosaid_store::CopyRow;

#[derive(clap::Args)]
pub struct CopiesArgs {
    /// [default: table on a terminal, jsonl otherwise]
    #[arg(long, short)]
    format: Option<ListFormat>,
    /// Only articles that are copies.
    #[arg(long)]
    only_copies: bool,
    #[command(flatten)]
    db: DbArg,
}

/// A copy row as the JSON line `whosaid copies` prints.
pub fn copy_json(r: &CopyRow) -> serde_json::Value {
    let evidence: serde_json::Value = r
        .evidence
        .as_deref()
        .and_then(|e| serde_json::from_str(e).ok())
        .unwrap_or(serde_json::Value::Null);
    serde_json::json!({
        "id": r.doc_id, "article_id": r.article_id, "published": r.published, "source": r.source,
        "copy_of": r.origin_doc_id, "origin_article_id": r.origin_id, "relation": r.relation,
        "similarity": r.similarity.map(|s| (s * 1000.0).round() / 1000.0).unwrap_or(0.0),
        "evidence": evidence,
    })
}

pub fn copies(a: CopiesArgs) -> Result<u8> {
    let mut store = whosaid_store::open(&a.db.db)?;
    let format = list_format(a.format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut n, mut copies) = (0u64, 0u64);
    if format == ListFormat::Table {
        writeln!(
            out,
            "{:<40} {:<8} {:>5}  copy of",
            "article", "relation", "sim"
        )?;
    }
    let r = store.for_each_copy_row(&mut |r| {
        n += 1;
        copies += u64::from(r.origin_id.is_some());
        if a.only_copies && r.origin_id.is_none() {
            return Ok(());
        }
        let w = match format {
            ListFormat::Jsonl => writeln!(out, "{}", copy_json(r)),
            ListFormat::Table => writeln!(
                out,
                "{:<40} {:<8} {:>5}  {}",
                r.doc_id,
                r.relation.as_deref().unwrap_or("-"),
                r.similarity.map(|s| format!("{s:.2}")).unwrap_or_default(),
                r.origin_doc_id.as_deref().unwrap_or("")
            ),
        };
        w.map_err(|e| format!("writing the output: {e}"))
    });
    match r {
        Err(whosaid_store::StoreError::Other(m)) if m.contains("Broken pipe") => {
            return Ok(exit::OK)
        }
        r => r?,
    }
    out.flush().context("writing the output")?;
    if format == ListFormat::Table {
        eprintln!("whosaid copies: {n} articles, {copies} of them copies");
    }
    Ok(exit::OK)
}

#[derive(clap::Args)]
pub struct TraceArgs {
    /// The stored quote id (`quote_id` in `quotes` and `export`).
    quote_id: i64,
    #[command(flatten)]
    db: DbArg,
}

/// `whosaid trace`: a statement's history as JSON: first appearance, the
/// copies that repeat it (altered ones with the words that differ) and the
/// independent sources that carried the same words, with dates and outlets.
pub fn trace(a: TraceArgs) -> Result<u8> {
    let mut store = whosaid_store::open(&a.db.db)?;
    let family = store.statement_family(a.quote_id)?;
    let Some(first) = family.first() else {
        anyhow::bail!("{}: no quote with this id in {}", a.quote_id, a.db.db);
    };
    let text_of = |id: i64| {
        family
            .iter()
            .find(|h| h.quote_id == id)
            .map(|h| h.text.as_str())
    };
    let brief = |h: &whosaid_store::QuoteHit| {
        serde_json::json!({"quote_id": h.quote_id, "doc_id": h.doc_id, "source": h.source,
            "published": h.published, "speaker": h.speaker, "text": h.text,
            "start": h.start, "end": h.end})
    };
    let mut copies = Vec::new();
    let mut sources = Vec::new();
    for h in &family {
        match &h.origin {
            Some(o) => {
                let mut v = brief(h);
                v["origin_quote_id"] = o.quote_id.into();
                v["altered"] = h.altered.into();
                if h.altered == Some(true) {
                    if let Some(t) = text_of(o.quote_id) {
                        let (added, dropped) =
                            whosaid_link::statements::differing_words(&h.text, t);
                        v["words_added"] = added.into();
                        v["words_dropped"] = dropped.into();
                    }
                }
                copies.push(v);
            }
            None => sources.push(brief(h)),
        }
    }
    let v = serde_json::json!({
        "quote_id": a.quote_id,
        "first_appearance": brief(first),
        "copies": copies,
        "independent_sources": sources.len(),
        "sources": sources,
    });
    write_out(|out| {
        serde_json::to_writer_pretty(&mut *out, &v)?;
        writeln!(out)
    })
}
