//! `whosaid copies`: one line per stored article, with the origin it copies
//! and why.

use crate::exit;
use crate::store_cmd::{list_format, DbArg, ListFormat};
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
