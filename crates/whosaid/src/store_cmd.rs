//! The record commands: `ingest` articles into a store, then ask it
//! (`quotes`, `speakers`, `show`, `stats`), `export` it, and measure it
//! (`bench-store`). Every command takes `--db`: a SQLite file (default
//! `./whosaid.db`) or a `postgres://` URL.
//!
//! Ingest runs `whosaid_pipeline` (bounded queues, parallel analysis, one
//! transaction a batch); this module shows its progress.

pub mod bench;

use crate::exit;
use anyhow::{Context, Result};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use whosaid_extract::InputOptions;
use whosaid_nlp::Analyzer;
pub use whosaid_pipeline::IngestSummary;
use whosaid_pipeline::{Counts, Event, IngestOptions};
use whosaid_store::{QuoteQuery, Store};

#[derive(clap::Args, Clone)]
pub struct DbArg {
    /// The store: a SQLite file (created on first use) or a postgres:// URL
    /// (`?schema=NAME` keeps the tables in their own schema).
    #[arg(long, env = "WHOSAID_DB", default_value = whosaid_store::DEFAULT_DB)]
    pub db: String,
}

fn open(db: &str) -> Result<Box<dyn Store>> {
    Ok(whosaid_store::open(db)?)
}

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Articles: files, folders (recursive), .jsonl batches, or - for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    #[command(flatten)]
    db: DbArg,
    /// Knowledge base (JSON Lines) to link entities to.
    #[arg(long, env = "WHOSAID_KB")]
    kb: Option<PathBuf>,
    #[command(flatten)]
    input: crate::input_args::InputArgs,
    /// Articles per transaction.
    #[arg(long, default_value_t = 1000)]
    batch: usize,
    /// Worker threads for analysis (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

/// Progress on stderr: a bar on a terminal, a line every 10 s otherwise.
struct Progress {
    start: Instant,
    total: Option<u64>,
    tty: bool,
    quiet: bool,
    last: Instant,
    shown_errors: usize,
}

impl Progress {
    fn new(inputs: &[String], quiet: bool) -> Progress {
        Progress {
            start: Instant::now(),
            total: whosaid_pipeline::expected_articles(inputs),
            tty: std::io::stderr().is_terminal(),
            quiet,
            last: Instant::now(),
            shown_errors: 0,
        }
    }

    fn event(&mut self, e: Event) {
        match e {
            Event::Progress(c) => self.tick(&c, false),
            Event::SourceError(e) => {
                if self.shown_errors < 20 && !self.quiet {
                    self.clear();
                    eprintln!("whosaid: error: {e}");
                    self.shown_errors += 1;
                }
            }
        }
    }

    fn tick(&mut self, c: &Counts, force: bool) {
        if self.quiet {
            return;
        }
        let every = if self.tty {
            Duration::from_millis(200)
        } else {
            Duration::from_secs(10)
        };
        if !force && self.last.elapsed() < every {
            return;
        }
        self.last = Instant::now();
        let secs = self.start.elapsed().as_secs_f64().max(1e-6);
        let Counts {
            read,
            stored,
            duplicates: dup,
            errors,
        } = *c;
        let rate = read as f64 / secs;
        let bar = match self.total.filter(|&t| t > 0 && read <= t) {
            Some(t) => {
                let f = read as f64 / t as f64;
                let w = 24;
                let n = (f * w as f64) as usize;
                format!(
                    "[{}{}] {:>3.0}% ",
                    "#".repeat(n),
                    ".".repeat(w - n),
                    f * 100.0
                )
            }
            None => String::new(),
        };
        let line = format!(
            "{bar}{read} articles, {rate:.0} articles/s, {stored} stored, {dup} already stored, {errors} errors"
        );
        let mut err = std::io::stderr().lock();
        if self.tty {
            let _ = write!(err, "\r\x1b[2K{line}");
        } else {
            let _ = writeln!(err, "whosaid ingest: {line}");
        }
        let _ = err.flush();
    }
    fn clear(&self) {
        if self.tty && !self.quiet {
            eprint!("\r\x1b[2K");
        }
    }
}

pub fn ingest(a: IngestArgs) -> Result<u8> {
    if let Some(n) = a.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    let kb = a.kb.as_deref().map(crate::load_kb).transpose()?;
    let analyzer = Analyzer::new(kb);
    let opts = a.input.options();
    let s = run_ingest(&a.inputs, &opts, &analyzer, &a.db.db, a.batch, a.quiet)?;
    crate::extract_cmd::report_archives(&opts);
    let mut store = open(&a.db.db)?;
    let st = store.stats()?;
    eprintln!(
        "whosaid ingest: {} articles read in {:.1} s ({:.0} articles/s): {} stored, {} already in the store, {} errors",
        s.read,
        s.seconds,
        s.read as f64 / s.seconds.max(1e-6),
        s.stored,
        s.duplicates,
        s.errors
    );
    eprintln!(
        "whosaid ingest: {} now holds {} articles, {} quotes, {} speakers, {} entities, {} recorded errors",
        a.db.db, st.articles, st.quotes, st.speakers, st.entities, st.errors
    );
    Ok(if s.errors == 0 {
        exit::OK
    } else if s.read > s.errors {
        exit::PARTIAL
    } else {
        exit::ERROR
    })
}

/// The ingest pipeline with a progress display (also timed by `bench-store`).
pub fn run_ingest(
    inputs: &[String],
    opts: &InputOptions,
    analyzer: &Analyzer,
    db: &str,
    batch: usize,
    quiet: bool,
) -> Result<IngestSummary> {
    let mut progress = Progress::new(inputs, quiet);
    let o = IngestOptions {
        batch,
        dry_run: std::env::var_os("NOWRITE").is_some(),
    };
    let r =
        whosaid_pipeline::ingest_inputs(inputs, opts, analyzer, db, o, &mut |e| progress.event(e));
    if let Ok(s) = &r {
        let c = Counts {
            read: s.read,
            stored: s.stored,
            duplicates: s.duplicates,
            errors: s.errors,
        };
        progress.tick(&c, true);
    }
    progress.clear();
    Ok(r?)
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Columns for people.
    Table,
    /// One JSON object a line.
    Jsonl,
}

pub(crate) fn list_format(f: Option<ListFormat>) -> ListFormat {
    f.unwrap_or(if std::io::stdout().is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Jsonl
    })
}

#[derive(clap::Args)]
pub struct QuotesArgs {
    /// A speaker's name, alias or surname; garbled spellings match.
    #[arg(long)]
    speaker: Option<String>,
    /// Words said (full-text search, best matches first).
    #[arg(long)]
    about: Option<String>,
    /// Only statements made on or after this date (YYYY-MM-DD): the date the text
    /// gives for the statement ("said Wednesday"), else the article's publication date.
    #[arg(long)]
    since: Option<String>,
    /// Only statements made on or before this date (YYYY-MM-DD), dated as for --since.
    #[arg(long)]
    until: Option<String>,
    /// Only statements made to this addressee: a name, alias or garbled spelling of
    /// a stored one ("Blinken"), or words of the addressee ("reporters").
    #[arg(long)]
    to: Option<String>,
    /// Only statements made through this channel.
    #[arg(long, value_parser = CHANNELS)]
    channel: Option<String>,
    /// Only articles whose publisher, site or input contains this.
    #[arg(long)]
    source: Option<String>,
    #[arg(long, default_value_t = 20)]
    limit: usize,
    /// [default: table on a terminal, jsonl otherwise]
    #[arg(long, short)]
    format: Option<ListFormat>,
    #[command(flatten)]
    db: DbArg,
}

/// The channels of the output contract (`whosaid_core::Channel`), for `--channel`.
const CHANNELS: [&str; 14] = [
    "interview",
    "statement",
    "speech",
    "rally",
    "debate",
    "press-conference",
    "hearing",
    "social-media",
    "letter",
    "email",
    "broadcast",
    "court-filing",
    "report",
    "other",
];

fn check_date(flag: &str, d: &Option<String>) -> Result<()> {
    if let Some(d) = d {
        let b = d.as_bytes();
        let ok = b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit);
        anyhow::ensure!(ok, "--{flag} {d:?}: expected a date like 2022-01-31");
    }
    Ok(())
}

fn clip(s: &str, n: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= n {
        s
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

pub(crate) fn write_out(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<u8> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match f(&mut out).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(exit::OK),
        r => r.map(|_| exit::OK).context("writing the output"),
    }
}

pub fn quotes(a: QuotesArgs) -> Result<u8> {
    check_date("since", &a.since)?;
    check_date("until", &a.until)?;
    let mut store = open(&a.db.db)?;
    let hits = store.quotes(&QuoteQuery {
        speaker: a.speaker,
        about: a.about,
        since: a.since,
        until: a.until,
        to: a.to,
        channel: a.channel,
        source: a.source,
        limit: a.limit,
        ..Default::default()
    })?;
    let format = list_format(a.format);
    write_out(|out| {
        if format == ListFormat::Table {
            writeln!(out, "{} quotes", hits.len())?;
        }
        for h in &hits {
            match format {
                ListFormat::Jsonl => writeln!(out, "{}", whosaid_store::export::quote_json(h))?,
                ListFormat::Table => writeln!(
                    out,
                    "\n{}  {}{}  ({}, {}{})\n    {}\n    article {} ({}), chars {}..{}",
                    h.said_on
                        .as_deref()
                        .or(h.published.as_deref())
                        .unwrap_or("(undated)"),
                    h.speaker.as_deref().unwrap_or("(nobody named)"),
                    h.addressee
                        .as_deref()
                        .map(|t| format!(" to {t}"))
                        .unwrap_or_default(),
                    h.kind,
                    h.resolution.as_deref().unwrap_or("-"),
                    h.channel
                        .as_deref()
                        .map(|c| format!(", {c}"))
                        .unwrap_or_default(),
                    clip(&h.text, 200),
                    h.article_id,
                    h.doc_id,
                    h.start,
                    h.end
                )?,
            }
        }
        Ok(())
    })
}

#[derive(clap::Args)]
pub struct SpeakersArgs {
    /// How many speakers, most quoted first.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// [default: table on a terminal, jsonl otherwise]
    #[arg(long, short)]
    format: Option<ListFormat>,
    #[command(flatten)]
    db: DbArg,
}

pub fn speakers(a: SpeakersArgs) -> Result<u8> {
    let mut store = open(&a.db.db)?;
    let rows = store.speakers(a.top)?;
    let format = list_format(a.format);
    write_out(|out| {
        if format == ListFormat::Table {
            writeln!(
                out,
                "{:>6} {:>6} {:>8}  {:<10} {:<10}  speaker",
                "quotes", "copied", "articles", "first", "last"
            )?;
        }
        for r in &rows {
            match format {
                ListFormat::Jsonl => writeln!(
                    out,
                    "{}",
                    serde_json::json!({"id": r.id, "name": r.name, "type": r.etype, "kb_id": r.kb_id,
                        "quotes": r.quotes, "independent_quotes": r.quotes - r.copied,
                        "copied_quotes": r.copied, "articles": r.articles, "first": r.first,
                        "last": r.last, "aliases": r.aliases})
                )?,
                ListFormat::Table => {
                    let date = |d: &Option<String>| {
                        d.as_deref()
                            .map(|d| d.chars().take(10).collect::<String>())
                            .unwrap_or_else(|| "-".to_string())
                    };
                    let kb = r
                        .kb_id
                        .as_deref()
                        .map(|k| format!(" [{k}]"))
                        .unwrap_or_default();
                    let aliases: Vec<&str> = r
                        .aliases
                        .iter()
                        .map(String::as_str)
                        .filter(|x| *x != r.name)
                        .collect();
                    let aka = if aliases.is_empty() {
                        String::new()
                    } else {
                        format!(" — also {}", clip(&aliases.join(", "), 80))
                    };
                    writeln!(
                        out,
                        "{:>6} {:>6} {:>8}  {:<10} {:<10}  {}{kb} ({}){aka}",
                        r.quotes,
                        r.copied,
                        r.articles,
                        date(&r.first),
                        date(&r.last),
                        r.name,
                        r.etype
                    )?
                }
            }
        }
        Ok(())
    })
}

#[derive(clap::Args)]
pub struct ShowArgs {
    /// The article's store id, or the id it had in its input.
    article: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn show(a: ShowArgs) -> Result<u8> {
    let mut store = open(&a.db.db)?;
    let Some(row) = store.article(&a.article)? else {
        anyhow::bail!("{}: no article with this id in {}", a.article, a.db.db);
    };
    let mut rec: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&row.record)
        .with_context(|| format!("article {}: the stored record is not JSON", row.id))?;
    rec.insert("text".into(), row.text.clone().into());
    rec.insert(
        "store".into(),
        serde_json::json!({"article_id": row.id, "source": row.source, "url": row.url,
            "title": row.title, "published": row.published, "ingested_at": row.ingested_at}),
    );
    // where it came from and who copied it
    let (own, copies) = store.copy_rows(row.id)?;
    let copy_of = own
        .filter(|r| r.origin_id.is_some())
        .map(|r| crate::copies_cmd::copy_json(&r));
    let copies: Vec<serde_json::Value> = copies.iter().map(crate::copies_cmd::copy_json).collect();
    rec.insert(
        "copies".into(),
        serde_json::json!({"copy_of": copy_of, "copies": copies}),
    );
    write_out(|out| {
        serde_json::to_writer_pretty(&mut *out, &rec)?;
        writeln!(out)
    })
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StatsFormat {
    Table,
    Json,
}

#[derive(clap::Args)]
pub struct StatsArgs {
    #[arg(long, short, value_enum, default_value_t = StatsFormat::Table)]
    format: StatsFormat,
    #[command(flatten)]
    db: DbArg,
}

pub fn stats(a: StatsArgs) -> Result<u8> {
    let mut store = open(&a.db.db)?;
    let s = store.stats()?;
    let errors = store.errors(5)?;
    write_out(|out| match a.format {
        StatsFormat::Json => writeln!(
            out,
            "{}",
            serde_json::json!({"articles": s.articles, "quotes": s.quotes, "speakers": s.speakers,
                "entities": s.entities, "errors": s.errors, "schema_version": s.schema_version,
                "copies": s.copies, "independent_articles": s.articles - s.copies,
                "copied_quotes": s.copied_quotes, "independent_quotes": s.quotes - s.copied_quotes})
        ),
        StatsFormat::Table => {
            writeln!(
                out,
                "articles {} ({} copies of another stored article)\nquotes   {} ({} repeat a copied statement)\nspeakers {}\nentities {}\nerrors   {}",
                s.articles, s.copies, s.quotes, s.copied_quotes, s.speakers, s.entities, s.errors
            )?;
            for e in &errors {
                writeln!(out, "  {}: {}", e.input, clip(&e.message, 120))?;
            }
            Ok(())
        }
    })
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    Parquet,
    Jsonl,
    Csv,
    /// Speaker-to-addressee edges (CSV: source, target, count, first, last said_on).
    Edges,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    #[arg(long, short, value_enum)]
    format: ExportFormat,
    /// The file to write (- for stdout, not for parquet).
    #[arg(long, short)]
    out: String,
    #[command(flatten)]
    db: DbArg,
}

pub fn export(a: ExportArgs) -> Result<u8> {
    use whosaid_store::export;
    let mut store = open(&a.db.db)?;
    let n = if a.out == "-" {
        anyhow::ensure!(
            a.format != ExportFormat::Parquet,
            "--out -: Parquet needs a file, not stdout"
        );
        let stdout = std::io::stdout();
        let mut w = std::io::BufWriter::new(stdout.lock());
        match a.format {
            ExportFormat::Csv => export::write_csv(store.as_mut(), &mut w)?,
            ExportFormat::Edges => export::write_edges(store.as_mut(), &mut w)?,
            _ => export::write_jsonl(store.as_mut(), &mut w)?,
        }
    } else {
        // write beside the target, then rename: a failed export leaves no half file
        let tmp = format!("{}.partial", a.out);
        let f = std::fs::File::create(&tmp).with_context(|| format!("{tmp}: cannot create"))?;
        let mut w = std::io::BufWriter::new(f);
        let n = match a.format {
            ExportFormat::Csv => export::write_csv(store.as_mut(), &mut w),
            ExportFormat::Jsonl => export::write_jsonl(store.as_mut(), &mut w),
            ExportFormat::Parquet => export::write_parquet(store.as_mut(), &mut w),
            ExportFormat::Edges => export::write_edges(store.as_mut(), &mut w),
        }
        .with_context(|| format!("{}: export failed", a.out));
        let n = match n.and_then(|n| w.flush().map(|_| n).context("flushing")) {
            Ok(n) => n,
            Err(e) => {
                let _ = std::fs::remove_file(&tmp);
                return Err(e);
            }
        };
        drop(w);
        std::fs::rename(&tmp, &a.out).with_context(|| format!("{}: cannot write", a.out))?;
        n
    };
    let what = if a.format == ExportFormat::Edges {
        "speaker-to-addressee edges"
    } else {
        "quotes"
    };
    eprintln!("whosaid export: {n} {what} written to {}", a.out);
    Ok(exit::OK)
}
