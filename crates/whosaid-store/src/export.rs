//! Exports of the stored quotes for pandas, DuckDB and Spark: one row per
//! quote, the same columns in every format (see [`COLUMNS`]).
//!
//! Parquet is written with the `parquet` crate's own column writers, not
//! through Arrow: one flat table needs no Arrow arrays, and Arrow would double
//! the build. Rows go out in row groups of [`ROW_GROUP`], so memory stays flat
//! however large the store.

use crate::{QuoteHit, Result, Store, StoreError};
use parquet::basic::Compression;
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::parser::parse_message_type;
use std::io::Write;
use std::sync::Arc;

/// The exported columns, in order.
pub const COLUMNS: [&str; 26] = [
    "quote_id",
    "article_id",
    "doc_id",
    "source",
    "published",
    "speaker_id",
    "speaker",
    "kb_id",
    "resolution",
    "kind",
    "start",
    "end",
    "text",
    "cue",
    "confidence",
    "addressee_id",
    "addressee",
    "channel",
    "time_text",
    "said_on",
    "date_basis",
    "origin_doc_id",
    "origin_start",
    "origin_end",
    "altered",
    "independent_sources",
];

/// Rows per Parquet row group.
pub const ROW_GROUP: usize = 50_000;

/// One quote as a JSON object with the [`COLUMNS`] as keys, and where the
/// statement first appeared: `origin` (`{"doc_id", "start", "end"}` of the
/// same statement in the article this one copies, or null), `altered`
/// (words inside the quotation changed against the origin; null when not a
/// copy's quotation) and `independent_sources`.
pub fn quote_json(h: &QuoteHit) -> serde_json::Value {
    let origin = h.origin.as_ref().map(|o| {
        serde_json::json!({"doc_id": o.doc_id, "start": o.start, "end": o.end, "quote_id": o.quote_id})
    });
    serde_json::json!({
        "quote_id": h.quote_id, "article_id": h.article_id, "doc_id": h.doc_id, "source": h.source,
        "published": h.published, "speaker_id": h.speaker_id, "speaker": h.speaker, "kb_id": h.kb_id,
        "resolution": h.resolution, "kind": h.kind, "start": h.start, "end": h.end, "text": h.text,
        "cue": h.cue, "confidence": h.confidence, "addressee_id": h.addressee_id,
        "addressee": h.addressee, "channel": h.channel, "time_text": h.time_text,
        "said_on": h.said_on, "date_basis": h.date_basis,
        "origin": origin, "altered": h.altered, "independent_sources": h.independent_sources,
    })
}

fn io(e: std::io::Error) -> String {
    format!("writing the export: {e}")
}

/// One quote a line. Returns the number of quotes written.
pub fn write_jsonl(store: &mut dyn Store, out: &mut dyn Write) -> Result<u64> {
    let mut n = 0;
    store.for_each_quote(&mut |h| {
        n += 1;
        writeln!(out, "{}", quote_json(h)).map_err(io)
    })?;
    out.flush().map_err(|e| StoreError::Other(io(e)))?;
    Ok(n)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// RFC 4180 CSV with a header line; empty fields are nulls.
pub fn write_csv(store: &mut dyn Store, out: &mut dyn Write) -> Result<u64> {
    writeln!(out, "{}", csv_header()).map_err(|e| StoreError::Other(io(e)))?;
    let mut n = 0;
    store.for_each_quote(&mut |h| {
        n += 1;
        writeln!(out, "{}", csv_row(h)).map_err(io)
    })?;
    out.flush().map_err(|e| StoreError::Other(io(e)))?;
    Ok(n)
}

/// The CSV header line (no line end).
pub fn csv_header() -> String {
    COLUMNS.join(",")
}

/// One quote as a CSV line (no line end), the [`COLUMNS`] in order.
pub fn csv_row(h: &QuoteHit) -> String {
    let o = |s: &Option<String>| s.as_deref().map(csv_field).unwrap_or_default();
    let fields = [
        h.quote_id.to_string(),
        h.article_id.to_string(),
        csv_field(&h.doc_id),
        csv_field(&h.source),
        o(&h.published),
        h.speaker_id.map(|i| i.to_string()).unwrap_or_default(),
        o(&h.speaker),
        o(&h.kb_id),
        o(&h.resolution),
        csv_field(&h.kind),
        h.start.to_string(),
        h.end.to_string(),
        csv_field(&h.text),
        o(&h.cue),
        h.confidence.to_string(),
        h.addressee_id.map(|i| i.to_string()).unwrap_or_default(),
        o(&h.addressee),
        o(&h.channel),
        o(&h.time_text),
        o(&h.said_on),
        o(&h.date_basis),
        h.origin
            .as_ref()
            .map(|x| csv_field(&x.doc_id))
            .unwrap_or_default(),
        h.origin
            .as_ref()
            .map(|x| x.start.to_string())
            .unwrap_or_default(),
        h.origin
            .as_ref()
            .map(|x| x.end.to_string())
            .unwrap_or_default(),
        h.altered.map(|a| a.to_string()).unwrap_or_default(),
        h.independent_sources.to_string(),
    ];
    fields.join(",")
}

const PARQUET_SCHEMA: &str = "message quote {
    required int64 quote_id;
    required int64 article_id;
    required binary doc_id (STRING);
    required binary source (STRING);
    optional binary published (STRING);
    optional int64 speaker_id;
    optional binary speaker (STRING);
    optional binary kb_id (STRING);
    optional binary resolution (STRING);
    required binary kind (STRING);
    required int64 start;
    required int64 end;
    required binary text (STRING);
    optional binary cue (STRING);
    required double confidence;
    optional int64 addressee_id;
    optional binary addressee (STRING);
    optional binary channel (STRING);
    optional binary time_text (STRING);
    optional binary said_on (STRING);
    optional binary date_basis (STRING);
    optional binary origin_doc_id (STRING);
    optional int64 origin_start;
    optional int64 origin_end;
    optional boolean altered;
    required int64 independent_sources;
}";

fn pq(e: parquet::errors::ParquetError) -> StoreError {
    StoreError::Other(format!("writing Parquet: {e}"))
}

/// Snappy-compressed Parquet, one row group per [`ROW_GROUP`] quotes.
pub fn write_parquet<W: Write + Send>(store: &mut dyn Store, out: W) -> Result<u64> {
    let schema = Arc::new(parse_message_type(PARQUET_SCHEMA).map_err(pq)?);
    let props = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let mut writer = SerializedFileWriter::new(out, schema, props).map_err(pq)?;
    let mut rows: Vec<QuoteHit> = Vec::with_capacity(ROW_GROUP);
    let mut n = 0u64;
    let mut failure: Option<StoreError> = None;
    store
        .for_each_quote(&mut |h| {
            rows.push(h.clone());
            n += 1;
            if rows.len() >= ROW_GROUP {
                if let Err(e) = write_group(&mut writer, &rows) {
                    let msg = e.to_string();
                    failure = Some(e);
                    return Err(msg);
                }
                rows.clear();
            }
            Ok(())
        })
        .map_err(|e| failure.take().unwrap_or(e))?;
    if !rows.is_empty() {
        write_group(&mut writer, &rows)?;
    }
    writer.close().map_err(pq)?;
    Ok(n)
}

fn write_group<W: Write + Send>(w: &mut SerializedFileWriter<W>, rows: &[QuoteHit]) -> Result<()> {
    let mut g = w.next_row_group().map_err(pq)?;
    let ints = |f: &dyn Fn(&QuoteHit) -> i64| rows.iter().map(f).collect::<Vec<i64>>();
    let strs = |f: &dyn Fn(&QuoteHit) -> &str| {
        rows.iter()
            .map(|h| ByteArray::from(f(h).as_bytes().to_vec()))
            .collect::<Vec<_>>()
    };
    let opt_strs = |f: &dyn Fn(&QuoteHit) -> Option<&str>| {
        let vals: Vec<ByteArray> = rows
            .iter()
            .filter_map(|h| f(h).map(|s| ByteArray::from(s.as_bytes().to_vec())))
            .collect();
        let defs: Vec<i16> = rows.iter().map(|h| i16::from(f(h).is_some())).collect();
        (vals, defs)
    };
    macro_rules! column {
        ($ty:ty, $vals:expr, $defs:expr) => {{
            let mut c = g
                .next_column()
                .map_err(pq)?
                .ok_or_else(|| StoreError::Other("Parquet schema has too few columns".into()))?;
            c.typed::<$ty>()
                .write_batch(&$vals, $defs, None)
                .map_err(pq)?;
            c.close().map_err(pq)?;
        }};
    }
    column!(Int64Type, ints(&|h| h.quote_id), None);
    column!(Int64Type, ints(&|h| h.article_id), None);
    column!(ByteArrayType, strs(&|h| &h.doc_id), None);
    column!(ByteArrayType, strs(&|h| &h.source), None);
    let (v, d) = opt_strs(&|h| h.published.as_deref());
    column!(ByteArrayType, v, Some(&d));
    let sp: Vec<i64> = rows.iter().filter_map(|h| h.speaker_id).collect();
    let spd: Vec<i16> = rows
        .iter()
        .map(|h| i16::from(h.speaker_id.is_some()))
        .collect();
    column!(Int64Type, sp, Some(&spd));
    let (v, d) = opt_strs(&|h| h.speaker.as_deref());
    column!(ByteArrayType, v, Some(&d));
    let (v, d) = opt_strs(&|h| h.kb_id.as_deref());
    column!(ByteArrayType, v, Some(&d));
    let (v, d) = opt_strs(&|h| h.resolution.as_deref());
    column!(ByteArrayType, v, Some(&d));
    column!(ByteArrayType, strs(&|h| &h.kind), None);
    column!(Int64Type, ints(&|h| h.start), None);
    column!(Int64Type, ints(&|h| h.end), None);
    column!(ByteArrayType, strs(&|h| &h.text), None);
    let (v, d) = opt_strs(&|h| h.cue.as_deref());
    column!(ByteArrayType, v, Some(&d));
    let conf: Vec<f64> = rows.iter().map(|h| h.confidence).collect();
    column!(DoubleType, conf, None);
    let ad: Vec<i64> = rows.iter().filter_map(|h| h.addressee_id).collect();
    let add: Vec<i16> = rows
        .iter()
        .map(|h| i16::from(h.addressee_id.is_some()))
        .collect();
    column!(Int64Type, ad, Some(&add));
    for f in [
        (|h: &QuoteHit| h.addressee.as_deref()) as fn(&QuoteHit) -> Option<&str>,
        |h| h.channel.as_deref(),
        |h| h.time_text.as_deref(),
        |h| h.said_on.as_deref(),
        |h| h.date_basis.as_deref(),
    ] {
        let (v, d) = opt_strs(&f);
        column!(ByteArrayType, v, Some(&d));
    }
    // where the statement first appeared (a copy's quotation), flattened
    let (v, d) = opt_strs(&|h| h.origin.as_ref().map(|o| o.doc_id.as_str()));
    column!(ByteArrayType, v, Some(&d));
    let od: Vec<i16> = rows.iter().map(|h| i16::from(h.origin.is_some())).collect();
    let os: Vec<i64> = rows
        .iter()
        .filter_map(|h| h.origin.as_ref().map(|o| o.start))
        .collect();
    column!(Int64Type, os, Some(&od));
    let oe: Vec<i64> = rows
        .iter()
        .filter_map(|h| h.origin.as_ref().map(|o| o.end))
        .collect();
    column!(Int64Type, oe, Some(&od));
    let alt: Vec<bool> = rows.iter().filter_map(|h| h.altered).collect();
    let altd: Vec<i16> = rows
        .iter()
        .map(|h| i16::from(h.altered.is_some()))
        .collect();
    column!(BoolType, alt, Some(&altd));
    column!(Int64Type, ints(&|h| h.independent_sources), None);
    g.close().map_err(pq)?;
    Ok(())
}

/// The header of the edge list.
pub const EDGE_COLUMNS: [&str; 5] = ["source", "target", "count", "first", "last"];

/// One speaker-to-addressee edge: how often, first and last `said_on`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edge {
    pub speaker: String,
    pub addressee: String,
    pub count: u64,
    pub first: Option<String>,
    pub last: Option<String>,
}

/// Speaker-to-addressee edges of every statement with both (a stored speaker's
/// or addressee's canonical name, else the name in the article), most frequent
/// first, then by names.
pub fn edges(store: &mut dyn Store) -> Result<Vec<Edge>> {
    let mut by_pair: std::collections::HashMap<(String, String), Edge> =
        std::collections::HashMap::new();
    store.for_each_quote(&mut |h| {
        let (Some(sp), Some(to)) = (h.speaker.as_deref(), h.addressee.as_deref()) else {
            return Ok(());
        };
        let e = by_pair
            .entry((sp.to_string(), to.to_string()))
            .or_insert_with(|| Edge {
                speaker: sp.to_string(),
                addressee: to.to_string(),
                count: 0,
                first: None,
                last: None,
            });
        e.count += 1;
        if let Some(d) = &h.said_on {
            if !matches!(&e.first, Some(f) if f <= d) {
                e.first = Some(d.clone());
            }
            if !matches!(&e.last, Some(l) if l >= d) {
                e.last = Some(d.clone());
            }
        }
        Ok(())
    })?;
    let mut out: Vec<Edge> = by_pair.into_values().collect();
    out.sort_by(|a, b| {
        b.count
            .cmp(&a.count)
            .then_with(|| a.speaker.cmp(&b.speaker))
            .then_with(|| a.addressee.cmp(&b.addressee))
    });
    Ok(out)
}

/// The edge list as CSV (`source,target,count,first,last`), the header Gephi,
/// networkx (`pandas.read_csv` + `from_pandas_edgelist`) and igraph read as is.
/// Returns the number of edges written.
pub fn write_edges(store: &mut dyn Store, out: &mut dyn Write) -> Result<u64> {
    let edges = edges(store)?;
    let w = |out: &mut dyn Write, line: String| {
        writeln!(out, "{line}").map_err(|e| StoreError::Other(io(e)))
    };
    w(out, EDGE_COLUMNS.join(","))?;
    for e in &edges {
        let o = |s: &Option<String>| s.as_deref().map(csv_field).unwrap_or_default();
        w(
            out,
            format!(
                "{},{},{},{},{}",
                csv_field(&e.speaker),
                csv_field(&e.addressee),
                e.count,
                o(&e.first),
                o(&e.last)
            ),
        )?;
    }
    out.flush().map_err(|e| StoreError::Other(io(e)))?;
    Ok(edges.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_only_what_needs_it() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, \"b\""), "\"a, \"\"b\"\"\"");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }
}
