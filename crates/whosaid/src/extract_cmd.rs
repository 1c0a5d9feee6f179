//! `whosaid extract`: the article text and metadata of every input, without
//! analysis: `{"id", "text", "meta"}` as JSON (`--format jsonl`: one a line).
//! Same inputs as `analyze`: pages, archives, feeds, URLs, JSON Lines, folders.
//! `--bench` times extraction of in-memory pages instead (pages per second).

use crate::{exit, Format};
use anyhow::{Context, Result};
use serde_json::Value;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use whosaid_core::Document;
use whosaid_extract::{InputOptions, SourceOptions};

/// Options every command that reads web inputs shares.
#[derive(clap::Args, Clone)]
pub struct WebArgs {
    /// Allow fetching loopback, private and link-local addresses (refused by default).
    #[arg(long)]
    pub allow_private: bool,
    /// For feed items, fetch the linked page and extract it instead of using the item's content.
    #[arg(long)]
    pub fetch: bool,
    /// Seconds before a URL fetch gives up.
    #[arg(long, default_value_t = 20.0)]
    pub timeout: f64,
    /// Redirects a URL fetch follows.
    #[arg(long, default_value_t = 5)]
    pub max_redirects: u32,
}

impl WebArgs {
    pub fn options(&self) -> whosaid_extract::web::WebOptions {
        let mut w = whosaid_extract::web::WebOptions::default();
        w.fetch.allow_private = self.allow_private;
        w.fetch.timeout = Duration::from_secs_f64(self.timeout.clamp(0.1, 600.0));
        w.fetch.max_redirects = self.max_redirects;
        w.fetch_linked = self.fetch;
        w
    }
}

#[derive(clap::Args)]
pub struct ExtractArgs {
    /// Pages (.html, .html.gz), WARC archives, feeds, http(s) URLs, .jsonl batches, folders, or - for stdin.
    #[arg(required_unless_present = "bench")]
    inputs: Vec<String>,
    /// Output format [default: pretty on a terminal, json otherwise]
    #[arg(long, short)]
    format: Option<Format>,
    #[command(flatten)]
    input: crate::input_args::InputArgs,
    /// Measure extraction speed instead: a folder of .html/.html.gz pages
    /// (read and decompressed into memory first), one thread, pages per second.
    #[arg(long, value_name = "DIR")]
    bench: Option<Option<PathBuf>>,
    /// With --bench: run for at least this long.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
}

/// The extraction record of one document.
pub fn to_json(d: &Document) -> Value {
    whosaid_pipeline::contract::extract_record(d)
}

fn pretty(d: &Document) -> String {
    let m = &d.meta;
    let mut o = format!("== {} ==\n", d.id);
    let mut line = |k: &str, v: Option<&str>| {
        if let Some(v) = v {
            o.push_str(&format!("{k:<10} {v}\n"));
        }
    };
    line("title:", m.title.as_deref());
    line(
        "authors:",
        (!m.authors.is_empty())
            .then(|| m.authors.join(", "))
            .as_deref(),
    );
    line("published:", m.published.as_deref());
    line("modified:", m.modified.as_deref());
    line("crawled:", m.crawled.as_deref());
    line("publisher:", m.publisher.as_deref());
    line("url:", m.url.as_deref());
    line("language:", m.language.as_deref());
    o.push('\n');
    o.push_str(&d.text);
    o.push('\n');
    o
}

pub fn run(a: ExtractArgs) -> Result<u8> {
    if let Some(dir) = &a.bench {
        let dir = dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("../shared/data/extraction/scrapinghub/html"));
        return bench(&dir, a.seconds, a.input.max_doc_bytes);
    }
    let format = a.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Pretty
    } else {
        Format::Json
    });
    let opts = a.input.options();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let (mut failed, mut written) = (0usize, 0usize);
    let mut docs: Vec<Value> = Vec::new();
    let mut write_err: Option<std::io::Error> = None;
    for input in &a.inputs {
        whosaid_extract::read_input(input, &opts, &mut |r| match r {
            Ok(d) => {
                written += 1;
                let res = match format {
                    Format::Pretty => writeln!(out, "{}", pretty(&d)),
                    Format::Jsonl => writeln!(out, "{}", to_json(&d)),
                    Format::Json => {
                        docs.push(to_json(&d));
                        Ok(())
                    }
                };
                if let Err(e) = res {
                    write_err.get_or_insert(e);
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("whosaid: error: {e}");
            }
        });
    }
    crate::finish(crate::Finish {
        out: &mut out,
        format,
        json_docs: docs,
        write_err,
        opts: &opts,
        written,
        failed,
        verb: "extracted",
    })
}

/// One stderr line on what archives held, when any were read.
pub fn report_archives(opts: &InputOptions) {
    if let Ok(s) = opts.web.stats.lock() {
        if s.records > 0 {
            eprintln!(
                "whosaid: archives: {} records, {} HTML pages, {} other records skipped, {} broken",
                s.records, s.pages, s.skipped, s.errors
            );
        }
    }
}

/// Pages per second on one thread, pages decompressed in memory first.
fn bench(dir: &std::path::Path, seconds: f64, max: usize) -> Result<u8> {
    if !dir.exists() {
        eprintln!("whosaid extract --bench: skipped: {} not found (the shared evaluation data is not in this checkout)", dir.display());
        return Ok(exit::OK);
    }
    let mut pages: Vec<(String, Vec<u8>)> = Vec::new();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    paths.sort();
    for p in paths {
        let name = p.to_string_lossy().into_owned();
        if !(name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".html.gz")) {
            continue;
        }
        let raw = std::fs::read(&p).with_context(|| format!("{name}: cannot read"))?;
        let bytes = if name.ends_with(".gz") {
            whosaid_extract::web::gunzip(&raw)
                .with_context(|| format!("{name}: cannot decompress"))?
        } else {
            raw
        };
        pages.push((name, bytes));
    }
    if pages.is_empty() {
        anyhow::bail!("{}: no .html or .html.gz pages to measure", dir.display());
    }
    let opts = SourceOptions { max_doc_bytes: max };
    let bytes: usize = pages.iter().map(|p| p.1.len()).sum();
    let budget = Duration::from_secs_f64(seconds.max(0.1));
    let (mut rounds, mut ok, mut chars) = (0usize, 0usize, 0usize);
    let start = Instant::now();
    while rounds == 0 || start.elapsed() < budget {
        ok = 0;
        chars = 0;
        for (name, b) in &pages {
            if let Ok(d) = whosaid_extract::web::page_from_bytes(b, name, String::new(), &opts) {
                ok += 1;
                chars += d.text.len();
            }
        }
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let n = (pages.len() * rounds) as f64;
    println!(
        "bench-extract: {} pages ({:.1} MB) x {} rounds on 1 thread in {:.2} s: {:.0} pages/s, {:.1} MB/s ({} articles, {} bytes of text per round)",
        pages.len(),
        bytes as f64 / 1e6,
        rounds,
        secs,
        n / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        ok,
        chars
    );
    Ok(exit::OK)
}
