//! `whosaid bench-store`: ingest throughput into SQLite (analysis included)
//! and quote-search latency on a large store.
//!
//! 1. Ingest the corpora into a fresh SQLite file with the real pipeline:
//!    articles per second, peak memory.
//! 2. Ingest them again: nothing is added (and how fast nothing is).
//! 3. Grow the store to `--quotes` quotes by storing the analysed corpora again
//!    under new ids (each copy a new article key; undated copies get dates
//!    spread over 1990-2024 so date filters have work to do), storage only.
//! 4. Time quote searches: by speaker (surnames of the most quoted), by words
//!    (drawn from stored quotes), and by speaker and date together.

use super::{run_ingest, IngestSummary};
use crate::exit;
use anyhow::Result;
use rayon::prelude::*;
use std::path::PathBuf;
use std::time::Instant;
use whosaid_extract::InputOptions;
use whosaid_nlp::Analyzer;
use whosaid_store::{NewArticle, QuoteQuery, Store};

#[derive(clap::Args)]
pub struct BenchStoreArgs {
    /// JSON Lines corpora [default: ../shared/data/corpora/{bbc/bbc,reuters21578/reuters21578}.jsonl]
    #[arg(long)]
    data: Vec<PathBuf>,
    /// The SQLite file to build (replaced), or a postgres:// URL (used as it is:
    /// point it at an empty database or `?schema=`; nothing is dropped).
    #[arg(long, default_value = "target/bench-store.db")]
    db: PathBuf,
    /// Grow the store to at least this many quotes before timing searches.
    #[arg(long, default_value_t = 1_000_000)]
    quotes: i64,
    /// Searches of each kind to time.
    #[arg(long, default_value_t = 200)]
    queries: usize,
    /// Keep the store file afterwards.
    #[arg(long)]
    keep: bool,
    /// Time searches on the store left by an earlier `--keep` run instead of building it again.
    #[arg(long)]
    reuse: bool,
}

/// Peak resident memory of this process so far, in MiB (Linux).
fn peak_rss_mib() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn remove_db(db: &std::path::Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
}

fn report(label: &str, s: &IngestSummary) {
    println!(
        "bench-store: {label}: {} articles in {:.2} s = {:.0} articles/s ({} stored, {} already stored, {} errors); peak RSS {:.0} MiB",
        s.read,
        s.seconds,
        s.read as f64 / s.seconds.max(1e-9),
        s.stored,
        s.duplicates,
        s.errors,
        peak_rss_mib().unwrap_or(f64::NAN)
    );
}

/// A small deterministic generator: the same queries every run.
struct Lcg(u64);
impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n.max(1)
    }
}

fn percentile(sorted_ms: &[f64], p: f64) -> f64 {
    if sorted_ms.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted_ms.len() as f64 - 1.0) * p).round() as usize;
    sorted_ms[i]
}

pub fn run(a: BenchStoreArgs) -> Result<u8> {
    let data = if a.data.is_empty() {
        vec![
            PathBuf::from("../shared/data/corpora/bbc/bbc.jsonl"),
            PathBuf::from("../shared/data/corpora/reuters21578/reuters21578.jsonl"),
        ]
    } else {
        a.data.clone()
    };
    if let Some(missing) = data.iter().find(|p| !p.exists()) {
        eprintln!(
            "whosaid bench-store: skipped: {} not found (the shared corpora are not in this checkout)",
            missing.display()
        );
        return Ok(exit::OK);
    }
    if cfg!(debug_assertions) {
        eprintln!("whosaid bench-store: a debug build: figures are not meaningful");
    }
    let db = a.db.display().to_string();
    let pg = whosaid_store::is_postgres_url(&db);
    if let Some(dir) = a.db.parent().filter(|d| !pg && !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let reuse = a.reuse && (pg || a.db.exists());
    if !reuse && !pg {
        remove_db(&a.db);
    }
    let inputs: Vec<String> = data.iter().map(|p| p.display().to_string()).collect();
    let analyzer = Analyzer::new(None);
    let opts = InputOptions::default();
    println!(
        "bench-store: {} threads, store {db}",
        rayon::current_num_threads()
    );

    // 1-2: the real pipeline, twice
    if !reuse {
        let first = run_ingest(&inputs, &opts, &analyzer, &db, 1000, false)?;
        report("ingest with analysis into a fresh store", &first);
        let second = run_ingest(&inputs, &opts, &analyzer, &db, 1000, false)?;
        report("the same inputs again", &second);
    }

    // 3: grow to the target size with copies under new ids
    let mut store = whosaid_store::open(&db)?;
    store.set_speaker_resolver(Some(std::sync::Arc::new(
        whosaid_pipeline::speakers::Resolver,
    )));
    let mut docs = Vec::new();
    for input in &inputs {
        whosaid_extract::read_input(input, &opts, &mut |r| {
            if let Ok(d) = r {
                docs.push(d);
            }
        });
    }
    let base: Vec<NewArticle> = docs
        .into_par_iter()
        .map(|mut d| {
            analyzer.analyze(&mut d);
            NewArticle::from_document(&d, "bench", whosaid_pipeline::record_without_text(&d))
        })
        .collect();
    let per_round: i64 = base.iter().map(|b| b.quotes.len() as i64).sum();
    let mut quotes = store.stats()?.quotes;
    let grow_start = Instant::now();
    let mut copies = 0usize;
    let mut round = 0;
    while quotes < a.quotes && per_round > 0 {
        round += 1;
        for chunk in base.chunks(2000) {
            let batch: Vec<NewArticle> = chunk
                .iter()
                .enumerate()
                .map(|(i, b)| {
                    let mut c = b.clone();
                    c.key = format!("{}~{round}", b.key);
                    c.doc_id = format!("{}~{round}", b.doc_id);
                    c.url = None;
                    // undated copies get dates spread over 1990-2024, so that
                    // date filters have work to do
                    if c.published.is_none() {
                        c.published = Some(format!(
                            "{:04}-{:02}-{:02}",
                            1990 + (round + i) % 35,
                            1 + i % 12,
                            1 + i % 28
                        ));
                    }
                    c
                })
                .collect();
            copies += store.ingest(&batch)?.added;
        }
        quotes = store.stats()?.quotes;
        eprint!("\rbench-store: growing: {quotes} quotes");
    }
    eprintln!();
    let grow_secs = grow_start.elapsed().as_secs_f64();
    let st = store.stats()?;
    println!(
        "bench-store: grew by {copies} article copies in {grow_secs:.1} s ({:.0} articles/s, storage only): {} articles, {} quotes, {} speakers, {} entities",
        copies as f64 / grow_secs.max(1e-9),
        st.articles,
        st.quotes,
        st.speakers,
        st.entities
    );

    // 4: searches
    let speakers = store.speakers(200)?;
    let surnames: Vec<String> = speakers
        .iter()
        .filter(|s| s.etype == "person")
        .filter_map(|s| s.name.split_whitespace().last().map(str::to_string))
        .collect();
    let words: Vec<String> = base
        .iter()
        .flat_map(|b| b.quotes.iter())
        .flat_map(|q| q.text.split(|c: char| !c.is_alphabetic()))
        .filter(|w| w.len() >= 6)
        .take(20_000)
        .map(str::to_lowercase)
        .collect();
    let mut rng = Lcg(42);
    let mut kinds: Vec<(&str, Vec<f64>)> = Vec::new();
    let time = |store: &mut Box<dyn Store>, q: &QuoteQuery| -> Result<f64> {
        let t = Instant::now();
        let hits = store.quotes(q)?;
        std::hint::black_box(hits);
        Ok(t.elapsed().as_secs_f64() * 1000.0)
    };
    let mut by_speaker = Vec::new();
    let mut by_words = Vec::new();
    let mut by_both = Vec::new();
    for _ in 0..a.queries {
        if !surnames.is_empty() {
            let name = surnames[rng.below(surnames.len())].clone();
            by_speaker.push(time(
                &mut store,
                &QuoteQuery {
                    speaker: Some(name.clone()),
                    limit: 20,
                    ..Default::default()
                },
            )?);
            by_both.push(time(
                &mut store,
                &QuoteQuery {
                    speaker: Some(name),
                    about: Some(words[rng.below(words.len())].clone()),
                    since: Some("2010-01-01".into()),
                    limit: 20,
                    ..Default::default()
                },
            )?);
        }
        if !words.is_empty() {
            let n = 1 + rng.below(2);
            let about: Vec<String> = (0..n)
                .map(|_| words[rng.below(words.len())].clone())
                .collect();
            by_words.push(time(
                &mut store,
                &QuoteQuery {
                    about: Some(about.join(" ")),
                    limit: 20,
                    ..Default::default()
                },
            )?);
        }
    }
    kinds.push(("--speaker SURNAME", by_speaker));
    kinds.push(("--about WORDS", by_words));
    kinds.push(("--speaker + --about + --since", by_both));
    let mut all = Vec::new();
    for (label, mut ms) in kinds {
        ms.sort_by(f64::total_cmp);
        println!(
            "bench-store: search {label:<30} n={:<4} p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(f64::NAN)
        );
        all.extend(ms);
    }
    all.sort_by(f64::total_cmp);
    println!(
        "bench-store: search all kinds on {} quotes: p50 {:.2} ms  p95 {:.2} ms",
        st.quotes,
        percentile(&all, 0.5),
        percentile(&all, 0.95)
    );
    if let Some(m) = std::fs::metadata(&a.db).ok().filter(|_| !pg) {
        println!(
            "bench-store: store file {:.0} MiB",
            m.len() as f64 / 1048576.0
        );
    }
    drop(store);
    if !a.keep && !pg {
        remove_db(&a.db);
    }
    Ok(exit::OK)
}
