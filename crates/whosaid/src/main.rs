//! whosaid: who said what, to whom, and when.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod bench;
mod copies_bench;
mod copies_cmd;
mod extract_cmd;
mod input_args;
mod output;
mod serve_bench;
mod serve_cmd;
mod store_cmd;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid_core::Document;
use whosaid_nlp::{Analyzer, Kb};

/// Exit codes: what each means is part of the interface.
pub mod exit {
    /// Everything was read and analysed.
    pub const OK: u8 = 0;
    /// Nothing could be done (a bad knowledge base, an unreadable argument).
    pub const ERROR: u8 = 1;
    /// The command line is wrong (clap's own code).
    pub const USAGE: u8 = 2;
    /// Some inputs or records failed; the others were analysed and printed.
    pub const PARTIAL: u8 = 3;
}

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who said what, to whom, and when: attributed quotations, entities and clean text from news.",
    long_about = "whosaid reads news articles and finds every statement in them (direct quotations, \
quoted words inside reported speech), who said it (resolved through names, garbled spellings, \
pronouns and role nouns to one speaker), the people, organisations and places involved, and the \
boilerplate around the article (see-also inserts, site chrome, bylines, author bios, credit lines).",
    after_help = "Examples:\n  whosaid analyze article.txt                  a readable report\n  whosaid analyze article.txt --format json    the JSON output contract (code point offsets)\n  whosaid analyze many.jsonl --format jsonl    one {\"id\",\"text\"} a line in, one record a line out\n  cat article.txt | whosaid analyze -          read stdin\n  whosaid analyze article.txt --kb kb.jsonl    link entities to a knowledge base\n\nExit codes: 0 all analysed; 1 error, nothing done; 2 usage; 3 some inputs failed (the rest were analysed)."
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Analyse articles: statements and speakers, entities, boilerplate.
    #[command(
        after_help = "INPUT is a plain-text article, an HTML page, a WARC archive, a feed, an http(s) URL, a .jsonl file with one {\"id\", \"text\"} (or {\"id\", \"html\", \"url\"}) object a line, a folder (every file in it, recursively), or - for stdin.\nErrors name the input (and line) on stderr; other inputs go on."
    )]
    Analyze(AnalyzeArgs),
    /// Extract articles and metadata from pages, archives, feeds and URLs, without analysis.
    #[command(
        after_help = "INPUT is an HTML page (.html, .html.gz), a WARC/ARC archive (.warc, .warc.gz), a feed (RSS, Atom, JSON Feed), an http(s) URL, a .jsonl file ({\"id\",\"text\"} or {\"id\",\"html\",\"url\"} a line), a folder, or - for stdin.\nPrints {\"id\", \"text\", \"meta\"}. A page without an article is an error naming it and why; other inputs go on.\n`whosaid extract --bench [DIR]` measures pages per second on one thread."
    )]
    Extract(extract_cmd::ExtractArgs),
    /// Measure analysis speed (release builds only give meaningful figures).
    Bench(bench::BenchArgs),
    /// Analyse articles and keep what they say in a store (default ./whosaid.db).
    #[command(
        after_help = "INPUT as for analyze. Articles already in the store (same normalised text or URL) are skipped; bad inputs are recorded in the store and the rest go on.\nExit codes: 0 all stored; 1 error; 3 some inputs failed (recorded, the rest stored)."
    )]
    Ingest(store_cmd::IngestArgs),
    /// Search stored quotes by speaker, words, date and source.
    Quotes(store_cmd::QuotesArgs),
    /// The most quoted speakers, with counts and first/last dates.
    Speakers(store_cmd::SpeakersArgs),
    /// The stored record of one article (JSON).
    Show(store_cmd::ShowArgs),
    /// What the store holds: articles, quotes, speakers, entities, errors.
    Stats(store_cmd::StatsArgs),
    /// Write every stored quote to a Parquet, JSON Lines or CSV file.
    Export(store_cmd::ExportArgs),
    /// One line per stored article: the origin it copies (reprint, edited, spun) and the evidence.
    Copies(copies_cmd::CopiesArgs),
    /// A statement's history: first appearance, copies (altered words shown), independent sources.
    Trace(copies_cmd::TraceArgs),
    /// Measure ingest into SQLite and quote-search latency on a large store.
    BenchStore(store_cmd::bench::BenchStoreArgs),
    /// Measure copy-candidate lookup on a store of 1 M synthetic articles (SQLite or PostgreSQL).
    BenchCopies(copies_bench::BenchCopiesArgs),
    /// Serve the store: a JSON API (OpenAPI at /api/v1/openapi.json) and web pages.
    #[command(
        after_help = "Listens on 127.0.0.1:8080 unless --listen names another address. Reads need nothing; POST /api/v1/ingest needs Authorization: Bearer TOKEN (the token from --token-file or WHOSAID_TOKEN). Ctrl-C or SIGTERM finishes the requests in flight and exits 0. One line per request (method, path, status, ms) on stderr."
    )]
    Serve(serve_cmd::ServeArgs),
    /// Load-test `whosaid serve` on loopback: N clients, a mix of searches and pages.
    BenchServe(serve_bench::BenchServeArgs),
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// A report for people.
    Pretty,
    /// One JSON object (an array for several documents).
    Json,
    /// One JSON object a line.
    Jsonl,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Articles to analyse: files, folders, .jsonl batches, or - for stdin.
    #[arg(required = true)]
    inputs: Vec<String>,
    /// Output format [default: pretty on a terminal, json otherwise]
    #[arg(long, short)]
    format: Option<Format>,
    /// Knowledge base (JSON Lines: id, name, type, aliases, roles) to link entities to.
    #[arg(long, env = "WHOSAID_KB")]
    kb: Option<PathBuf>,
    #[command(flatten)]
    input: input_args::InputArgs,
    /// Worker threads for analysis (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Only quotations in quotation marks: skip reported speech ("X said that ...",
    /// "according to X"), which is found by default as `indirect` and `mixed` statements.
    /// A few quoted words that are no statement of their own ("a two-year “pause” in the
    /// tax") are then left out too.
    #[arg(long)]
    quotes_only: bool,
    /// Reported speech is on by default; kept so older scripts still run.
    #[arg(long, hide = true)]
    reported: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            });
        }
    };
    let r = match cli.cmd {
        Cmd::Analyze(a) => analyze(a),
        Cmd::Bench(b) => bench::run(b),
        Cmd::Ingest(a) => store_cmd::ingest(a),
        Cmd::Quotes(a) => store_cmd::quotes(a),
        Cmd::Speakers(a) => store_cmd::speakers(a),
        Cmd::Show(a) => store_cmd::show(a),
        Cmd::Stats(a) => store_cmd::stats(a),
        Cmd::Export(a) => store_cmd::export(a),
        Cmd::Copies(a) => copies_cmd::copies(a),
        Cmd::Trace(a) => copies_cmd::trace(a),
        Cmd::BenchStore(a) => store_cmd::bench::run(a),
        Cmd::BenchCopies(a) => copies_bench::run(a),
        Cmd::Extract(e) => extract_cmd::run(e),
        Cmd::Serve(a) => serve_cmd::run(a),
        Cmd::BenchServe(a) => serve_bench::run(a),
    };
    match r {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("whosaid: error: {e:#}");
            ExitCode::from(exit::ERROR)
        }
    }
}

/// Reads a knowledge base file, naming it in any error.
pub fn load_kb(path: &Path) -> Result<Kb> {
    let src = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read the knowledge base", path.display()))?;
    Ok(Kb::parse(&src, &path.display().to_string())?)
}

fn analyze(args: AnalyzeArgs) -> Result<u8> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
    // as many analysis threads as rayon would use (`--threads`, RAYON_NUM_THREADS, the cores)
    let workers = rayon::current_num_threads().max(1);
    let kb = args.kb.as_deref().map(load_kb).transpose()?;
    let format = args.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Pretty
    } else {
        Format::Json
    });
    let opts = args.input.options();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed = 0usize;
    let mut written = 0usize;
    let mut json_docs: Vec<serde_json::Value> = Vec::new();
    let mut write_err: Option<std::io::Error> = None;

    // Three stages that never wait for one another's batches: one thread reads and
    // parses the inputs, numbering each result; `workers` threads each take the next
    // few documents, analyse them and render their output; this thread writes the
    // outputs in input order as they come (a finished document waits only for those
    // before it). Documents travel in small chunks, so that threads wake each other
    // (a system call each time) once a chunk rather than once a document. Both
    // channels are bounded, so a slow reader of our output slows everything down
    // rather than filling memory.
    const CHUNK: usize = 8;
    let (work_tx, work_rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Read)>>(64);
    let work_rx = std::sync::Mutex::new(work_rx);
    let analyzer_cell = std::sync::OnceLock::new();
    std::thread::scope(|scope| {
        let (done_tx, done_rx) = std::sync::mpsc::sync_channel::<Vec<(usize, Done)>>(64);
        let inputs = &args.inputs;
        let opts = &opts;
        scope.spawn(move || {
            let mut seq = 0;
            let mut chunk = Vec::with_capacity(CHUNK);
            for input in inputs {
                whosaid_extract::read_input(input, opts, &mut |r| {
                    chunk.push((seq, r));
                    seq += 1;
                    if chunk.len() == CHUNK {
                        // the receiver goes only when the workers are done
                        let _ =
                            work_tx.send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)));
                    }
                });
            }
            if !chunk.is_empty() {
                let _ = work_tx.send(chunk);
            }
        });
        // the lexicons are built while the first inputs are read
        let analyzer: &Analyzer = analyzer_cell.get_or_init(|| {
            let mut analyzer = Analyzer::new(kb);
            analyzer.reported_speech = !args.quotes_only;
            analyzer
        });
        let work_rx = &work_rx;
        for _ in 0..workers {
            let done_tx = done_tx.clone();
            scope.spawn(move || loop {
                // the lock is held only to take the next chunk, never while analysing
                let next = work_rx.lock().map(|rx| rx.recv());
                let Ok(Ok(chunk)) = next else {
                    break;
                };
                let done = chunk
                    .into_iter()
                    .map(|(seq, r)| match r {
                        Ok(d) => (seq, render(analyzer, d, format)),
                        Err(e) => (seq, Done::Failed(e)),
                    })
                    .collect();
                if done_tx.send(done).is_err() {
                    break;
                }
            });
        }
        drop(done_tx);
        // outputs that came before their turn, by sequence number
        let mut waiting: std::collections::BTreeMap<usize, Done> = Default::default();
        let mut next = 0usize;
        for chunk in done_rx {
            waiting.extend(chunk);
            while let Some(done) = waiting.remove(&next) {
                next += 1;
                let r = match done {
                    Done::Failed(e) => {
                        failed += 1;
                        eprintln!("whosaid: error: {e}");
                        continue;
                    }
                    Done::Crashed(id) => {
                        eprintln!("whosaid: error: {id}: internal error while analysing this document (please report it)");
                        failed += 1;
                        continue;
                    }
                    Done::Bytes(b) => out.write_all(&b),
                    Done::Value(v) => {
                        json_docs.push(v);
                        Ok(())
                    }
                };
                if let Err(e) = r {
                    write_err.get_or_insert(e);
                }
                written += 1;
            }
        }
    });
    finish(Finish {
        out: &mut out,
        format,
        json_docs,
        write_err,
        opts: &opts,
        written,
        failed,
        verb: "analysed",
    })
}

/// Analyses one document and renders it in `format`, on the thread that called it.
/// A bug in analysis costs one document, never the run: it is reported with the
/// document's id and the others go on.
fn render(analyzer: &Analyzer, mut d: Document, format: Format) -> Done {
    if std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyzer.analyze(&mut d))).is_err()
    {
        return Done::Crashed(d.id);
    }
    match format {
        Format::Pretty => {
            let mut s = output::pretty(&d);
            s.push('\n');
            Done::Bytes(s.into_bytes())
        }
        Format::Jsonl => {
            let mut line = Vec::with_capacity(d.text.len() * 3);
            output::write_json_line(&d, &mut line);
            Done::Bytes(line)
        }
        Format::Json => Done::Value(output::to_json(&d)),
    }
}

/// One result of reading the inputs.
type Read = Result<Document, whosaid_extract::SourceError>;

/// What became of one input result, ready to print in input order.
enum Done {
    /// Its bytes (pretty or JSON Lines).
    Bytes(Vec<u8>),
    /// Its JSON value (`--format json`, printed as one array at the end).
    Value(serde_json::Value),
    /// It could not be read or parsed.
    Failed(whosaid_extract::SourceError),
    /// Analysis panicked on the document with this id.
    Crashed(String),
}

/// The end of a run that printed documents: the JSON array (for `--format json`),
/// write errors (a closed pipe is fine), the archive summary and the exit code.
pub(crate) struct Finish<'a> {
    out: &'a mut dyn Write,
    format: Format,
    json_docs: Vec<serde_json::Value>,
    write_err: Option<std::io::Error>,
    opts: &'a whosaid_extract::InputOptions,
    written: usize,
    failed: usize,
    verb: &'a str,
}

pub(crate) fn finish(mut f: Finish) -> Result<u8> {
    if f.format == Format::Json {
        let v = if f.json_docs.len() == 1 {
            f.json_docs.pop().expect("one")
        } else {
            serde_json::Value::Array(f.json_docs)
        };
        serde_json::to_writer_pretty(&mut f.out, &v)?;
        writeln!(f.out)?;
    }
    if let Some(e) = f.write_err {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Ok(exit::OK);
        }
        return Err(e).context("writing the output");
    }
    f.out.flush().ok();
    extract_cmd::report_archives(f.opts);
    if f.failed > 0 {
        eprintln!(
            "whosaid: {} documents {}, {} inputs failed",
            f.written, f.verb, f.failed
        );
        return Ok(if f.written > 0 {
            exit::PARTIAL
        } else {
            exit::ERROR
        });
    }
    Ok(exit::OK)
}
