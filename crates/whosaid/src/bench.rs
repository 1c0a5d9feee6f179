//! `whosaid bench`: analysis throughput in articles per second.
//!
//! Timing belongs here, in release builds, never in tests. The corpus is read
//! and parsed before the clock starts; the loop then analyses it repeatedly for
//! at least `--seconds` on the requested number of threads.

use crate::exit;
use anyhow::Result;
use rayon::prelude::*;
use std::io::{BufReader, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use whosaid_core::Document;
use whosaid_extract::SourceOptions;
use whosaid_nlp::Analyzer;

#[derive(clap::Args)]
pub struct BenchArgs {
    /// JSON Lines corpus of {"id", "text"} records [default: ../shared/data/polnear/dev.jsonl]
    #[arg(long)]
    data: Option<PathBuf>,
    /// Threads to analyse on.
    #[arg(long, default_value_t = 1)]
    threads: usize,
    /// Run for at least this long.
    #[arg(long, default_value_t = 5.0)]
    seconds: f64,
    /// Measure quotation finding alone, without reported speech.
    #[arg(long)]
    quotes_only: bool,
    /// Reported speech is measured by default; kept so older scripts still run.
    #[arg(long, hide = true)]
    reported: bool,
    /// Knowledge base to link against while measuring.
    #[arg(long)]
    kb: Option<PathBuf>,
}

pub fn run(a: BenchArgs) -> Result<u8> {
    let data = a
        .data
        .unwrap_or_else(|| PathBuf::from("../shared/data/polnear/dev.jsonl"));
    if !data.exists() {
        eprintln!("whosaid bench: skipped: {} not found (the shared evaluation data is not in this checkout)", data.display());
        return Ok(exit::OK);
    }
    let opts = SourceOptions::default();
    let name = data.display().to_string();
    let file = std::fs::File::open(&data)?;
    let docs: Vec<Document> = whosaid_extract::read_jsonl(BufReader::new(file), &name, &opts)
        .filter_map(Result::ok)
        .collect();
    if docs.is_empty() {
        anyhow::bail!("{name}: no documents to measure");
    }
    let kb = a.kb.as_deref().map(crate::load_kb).transpose()?;
    let mut analyzer = Analyzer::new(kb);
    analyzer.reported_speech = !a.quotes_only;
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.threads.max(1))
        .build()?;
    let budget = Duration::from_secs_f64(a.seconds.max(0.1));
    let mut rounds = 0usize;
    let mut quotes = 0usize;
    let cpu0 = process_cpu_seconds();
    let start = Instant::now();
    while rounds == 0 || start.elapsed() < budget {
        let mut batch = docs.clone();
        // (one thread analyses in this one: a pool's hand-off and wake-up per round
        // would be timed too, and on a one-article corpus it outweighs the analysis)
        if a.threads <= 1 {
            batch.iter_mut().for_each(|d| analyzer.analyze(d));
        } else {
            pool.install(|| batch.par_iter_mut().for_each(|d| analyzer.analyze(d)));
        }
        quotes = batch.iter().map(|d| d.quotes.len()).sum();
        rounds += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    let cpu = cpu0.zip(process_cpu_seconds()).map(|(a, b)| b - a);
    let n = (docs.len() * rounds) as f64;
    // On a busy machine wall time undercounts: articles per CPU-second is what one
    // core delivers (Linux only; the process's user+system time).
    // a closed pipe (`| head -1`) is not an error worth a panic
    let mut out = std::io::stdout().lock();
    if let Some(cpu) = cpu.filter(|c| *c > 0.0) {
        let _ = writeln!(
            out,
            "bench: {:.0} articles per CPU-second ({:.2} CPU-seconds)",
            n / cpu,
            cpu
        );
    }
    let _ = writeln!(
        out,
        "bench: {} docs x {} rounds on {} thread(s) in {:.2} s: {:.0} articles/s, {:.1} MB/s ({} statements per round)",
        docs.len(),
        rounds,
        a.threads.max(1),
        secs,
        n / secs,
        (bytes * rounds) as f64 / secs / 1e6,
        quotes
    );
    Ok(exit::OK)
}

/// User plus system CPU time of this process, from /proc (Linux); `None` elsewhere.
fn process_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // fields after the command name, which is in parentheses and may hold spaces
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = f.get(11)?.parse().ok()?;
    let stime: f64 = f.get(12)?.parse().ok()?;
    // clock ticks are 100 a second on every Linux this runs on
    Some((utime + stime) / 100.0)
}
