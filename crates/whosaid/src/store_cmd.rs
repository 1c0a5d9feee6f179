//! The record commands: `ingest` articles into a store, then ask it
//! (`quotes`, `speakers`, `show`, `stats`), `export` it, and measure it
//! (`bench-store`). Every command takes `--db`: a SQLite file (default
//! `./whosaid.db`) or a `postgres://` URL.
//!
//! Ingest is a pipeline with bounded queues, so memory stays flat however many
//! articles pass: a reader thread turns inputs into documents; the main thread
//! drops articles already stored (by key, before analysing them), analyses the
//! rest in parallel (rayon, all cores) and builds their records; a writer
//! thread stores each batch in one transaction while the next is analysed.

pub mod bench;

use crate::{exit, output};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::Arc;
use std::time::{Duration, Instant};
use whosaid_core::Document;
use whosaid_extract::{InputOptions, SourceError};
use whosaid_nlp::Analyzer;
use whosaid_store::{NewArticle, QuoteQuery, Store};

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

/// Counters the pipeline stages share with the progress bar.
#[derive(Default)]
struct Counters {
    read: AtomicU64,
    stored: AtomicU64,
    duplicates: AtomicU64,
    errors: AtomicU64,
}

/// What one ingest did.
pub struct IngestSummary {
    pub read: u64,
    pub stored: u64,
    pub duplicates: u64,
    pub errors: u64,
    pub seconds: f64,
}

enum ToWriter {
    Articles(Vec<NewArticle>),
    Errors(Vec<(String, String)>),
}

/// How many articles the inputs hold, as far as a quick look can tell: the
/// lines of JSON Lines files, one for any other file (a WARC or feed holding
/// more just outgrows the bar, which then shows counts only). None for stdin.
fn expected_articles(inputs: &[String]) -> Option<u64> {
    fn walk(p: &Path) -> u64 {
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => std::fs::read_dir(p)
                .map(|rd| {
                    rd.flatten()
                        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                        .map(|e| walk(&e.path()))
                        .sum()
                })
                .unwrap_or(0),
            Ok(_) if whosaid_extract::is_jsonl(p) => std::fs::read(p)
                .map(|b| {
                    b.split(|&c| c == b'\n')
                        .filter(|l| !l.trim_ascii().is_empty())
                        .count() as u64
                })
                .unwrap_or(0),
            Ok(_) => 1,
            Err(_) => 0,
        }
    }
    if inputs.iter().any(|i| i == "-") {
        return None;
    }
    Some(inputs.iter().map(|i| walk(Path::new(i))).sum())
}

/// The record of an article without its text (kept once, in its own column).
fn record_without_text(doc: &Document) -> String {
    let mut v = output::to_json(doc);
    if let Some(o) = v.as_object_mut() {
        o.remove("text");
    }
    v.to_string()
}

/// The input an article came from, for its row and its errors: the input,
/// with the article's id when the input holds many (JSON Lines, WARC, feeds).
fn article_source(doc: &Document, input: &str) -> String {
    if input != "-" && doc.id == whosaid_extract::id_for_path(Path::new(input)) {
        input.to_string()
    } else {
        format!("{input}#{}", doc.id)
    }
}

/// Progress on stderr: a bar on a terminal, a line every 10 s otherwise.
struct Progress {
    start: Instant,
    total: Option<u64>,
    tty: bool,
    quiet: bool,
    last: Instant,
}

impl Progress {
    fn tick(&mut self, c: &Counters, force: bool) {
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
        let read = c.read.load(Ordering::Relaxed);
        let errors = c.errors.load(Ordering::Relaxed);
        let stored = c.stored.load(Ordering::Relaxed);
        let dup = c.duplicates.load(Ordering::Relaxed);
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

/// The ingest pipeline (also timed by `bench-store`).
pub fn run_ingest(
    inputs: &[String],
    opts: &InputOptions,
    analyzer: &Analyzer,
    db: &str,
    batch: usize,
    quiet: bool,
) -> Result<IngestSummary> {
    let batch = batch.max(1);
    // open (and migrate) before the threads start, so a bad --db fails at once
    let mut reader_store = open(db)?;
    let writer_store = open(db)?;
    let counters = Arc::new(Counters::default());
    let mut progress = Progress {
        start: Instant::now(),
        total: expected_articles(inputs),
        tty: std::io::stderr().is_terminal(),
        quiet,
        last: Instant::now(),
    };
    let (doc_tx, doc_rx) =
        mpsc::sync_channel::<(Result<Document, SourceError>, Arc<str>)>(batch * 2);
    let (w_tx, w_rx) = mpsc::sync_channel::<ToWriter>(2);

    let reader = {
        let inputs = inputs.to_vec();
        let opts = opts.clone();
        std::thread::spawn(move || {
            for input in &inputs {
                let name: Arc<str> = Arc::from(input.as_str());
                let mut gone = false;
                whosaid_extract::read_input(input, &opts, &mut |r| {
                    if !gone && doc_tx.send((r, name.clone())).is_err() {
                        gone = true;
                    }
                });
                if gone {
                    break;
                }
            }
        })
    };
    let writer = {
        let c = counters.clone();
        let mut store = writer_store;
        std::thread::spawn(move || -> Result<()> {
            for msg in w_rx {
                match msg {
                    ToWriter::Errors(errs) => {
                        for (input, msg) in errs {
                            store.record_error(&input, &msg)?;
                        }
                    }
                    ToWriter::Articles(arts) => {
                        if std::env::var_os("NOWRITE").is_none() {
                            write_batch(store.as_mut(), &arts, &c)?
                        }
                    }
                }
            }
            Ok(())
        })
    };

    let mut shown_errors = 0;
    let mut pending: Vec<(Result<Document, SourceError>, Arc<str>)> = Vec::with_capacity(batch);
    let mut open_input = true;
    let mut result: Result<()> = Ok(());
    while open_input || !pending.is_empty() {
        // fill a batch; flush a partial one when input pauses (stdin)
        while open_input && pending.len() < batch {
            let wait = if pending.is_empty() {
                Duration::from_millis(200)
            } else {
                Duration::from_millis(50)
            };
            match doc_rx.recv_timeout(wait) {
                Ok(x) => pending.push(x),
                Err(RecvTimeoutError::Timeout) => {
                    if !pending.is_empty() {
                        break;
                    }
                    progress.tick(&counters, false);
                }
                Err(RecvTimeoutError::Disconnected) => open_input = false,
            }
        }
        if pending.is_empty() {
            continue;
        }
        let mut docs: Vec<(Document, Arc<str>)> = Vec::with_capacity(pending.len());
        let mut errors = Vec::new();
        for (r, input) in pending.drain(..) {
            counters.read.fetch_add(1, Ordering::Relaxed);
            match r {
                Ok(d) => docs.push((d, input)),
                Err(e) => {
                    counters.errors.fetch_add(1, Ordering::Relaxed);
                    if shown_errors < 20 && !quiet {
                        progress.clear();
                        eprintln!("whosaid: error: {e}");
                        shown_errors += 1;
                    }
                    errors.push((e.input().to_string(), e.to_string()));
                }
            }
        }
        if !errors.is_empty() && w_tx.send(ToWriter::Errors(errors)).is_err() {
            break;
        }
        // skip what is stored already before paying for its analysis
        let keys: Vec<String> = docs
            .par_iter()
            .map(|(d, _)| whosaid_store::article_key(&d.text))
            .collect();
        let known: std::collections::HashSet<String> = match reader_store.known_keys(&keys) {
            Ok(k) => k.into_iter().collect(),
            Err(e) => {
                result = Err(e.into());
                break;
            }
        };
        let mut fresh: Vec<(Document, Arc<str>)> = Vec::with_capacity(docs.len());
        for ((d, input), k) in docs.into_iter().zip(&keys) {
            if known.contains(k) {
                counters.duplicates.fetch_add(1, Ordering::Relaxed);
            } else {
                fresh.push((d, input));
            }
        }
        let arts: Vec<NewArticle> = fresh
            .into_par_iter()
            .map(|(mut d, input)| {
                analyzer.analyze(&mut d);
                let record = record_without_text(&d);
                NewArticle::from_document(&d, &article_source(&d, &input), record)
            })
            .collect();
        if !arts.is_empty() && w_tx.send(ToWriter::Articles(arts)).is_err() {
            break;
        }
        progress.tick(&counters, false);
    }
    drop(doc_rx);
    drop(w_tx);
    let _ = reader.join();
    let written = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer stopped unexpectedly"))?;
    progress.tick(&counters, true);
    progress.clear();
    result?;
    written?;
    Ok(IngestSummary {
        read: counters.read.load(Ordering::Relaxed),
        stored: counters.stored.load(Ordering::Relaxed),
        duplicates: counters.duplicates.load(Ordering::Relaxed),
        errors: counters.errors.load(Ordering::Relaxed),
        seconds: progress.start.elapsed().as_secs_f64(),
    })
}

/// Stores a batch in one transaction; when that fails, article by article, so
/// one bad article is recorded with its error and the others are stored.
fn write_batch(store: &mut dyn Store, arts: &[NewArticle], c: &Counters) -> Result<()> {
    match store.ingest(arts) {
        Ok(out) => {
            c.stored.fetch_add(out.added as u64, Ordering::Relaxed);
            c.duplicates
                .fetch_add(out.duplicates as u64, Ordering::Relaxed);
            Ok(())
        }
        Err(_) if arts.len() > 1 => {
            for a in arts {
                write_batch(store, std::slice::from_ref(a), c)?;
            }
            Ok(())
        }
        Err(e) => {
            c.errors.fetch_add(1, Ordering::Relaxed);
            let input = arts.first().map(|a| a.source.as_str()).unwrap_or("?");
            store
                .record_error(input, &format!("cannot store: {e}"))
                .with_context(|| format!("{input}: cannot store the article ({e}) nor record why"))
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// Columns for people.
    Table,
    /// One JSON object a line.
    Jsonl,
}

fn list_format(f: Option<ListFormat>) -> ListFormat {
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
    /// Only articles published on or after this date (YYYY-MM-DD).
    #[arg(long)]
    since: Option<String>,
    /// Only articles published on or before this date (YYYY-MM-DD).
    #[arg(long)]
    until: Option<String>,
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

fn write_out(f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> Result<u8> {
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
        source: a.source,
        limit: a.limit,
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
                    "\n{}  {}  ({}, {})\n    {}\n    article {} ({}), chars {}..{}",
                    h.published.as_deref().unwrap_or("(undated)"),
                    h.speaker.as_deref().unwrap_or("(nobody named)"),
                    h.kind,
                    h.resolution.as_deref().unwrap_or("-"),
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
                "{:>6} {:>8}  {:<10} {:<10}  speaker",
                "quotes", "articles", "first", "last"
            )?;
        }
        for r in &rows {
            match format {
                ListFormat::Jsonl => writeln!(
                    out,
                    "{}",
                    serde_json::json!({"id": r.id, "name": r.name, "type": r.etype, "kb_id": r.kb_id,
                        "quotes": r.quotes, "articles": r.articles, "first": r.first, "last": r.last,
                        "aliases": r.aliases})
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
                        "{:>6} {:>8}  {:<10} {:<10}  {}{kb} ({}){aka}",
                        r.quotes,
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
                "entities": s.entities, "errors": s.errors, "schema_version": s.schema_version})
        ),
        StatsFormat::Table => {
            writeln!(
                out,
                "articles {}\nquotes   {}\nspeakers {}\nentities {}\nerrors   {}",
                s.articles, s.quotes, s.speakers, s.entities, s.errors
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
    eprintln!("whosaid export: {n} quotes written to {}", a.out);
    Ok(exit::OK)
}
