//! `whosaid bench-copies`: the copy index at scale. Fills a store's band
//! and profile tables with synthetic articles (default 1 M), then times the
//! candidate lookup (`CopyIndex::candidates`, as copy detection calls it,
//! inside an ingest transaction) for new articles, on SQLite or PostgreSQL.
//!
//! The synthetic articles are anchor sequences (the names and numbers copy
//! detection keys on), hashed into band keys by `whosaid-link` itself, drawn
//! so that keys are shared the way news shares them:
//! - names and numbers follow a Zipf law over a large vocabulary, so the
//!   head ("Trump", "Clinton", "2016") recurs everywhere;
//! - one article in seven is a copy (cut and slightly reworded) of an earlier
//!   one, the source picked from earlier copies as often as from originals,
//!   so sets of copies grow heavy-tailed (a wire story copied hundreds of times);
//! - one in ten fills one of 200 templates (earnings reports, price postings:
//!   the same labels, a number after each from a small, skewed set), so the
//!   busiest templates' keys are shared by thousands of unrelated articles.
//!
//! New articles looked up: copies of stored ones (is their set among the
//! candidates?), template reports and fresh articles. Each stored article's
//! profile names its set (as its publisher), so the bench can tell whether a
//! copy's candidates hold a member of its set; the store's rows are otherwise
//! the real ones, written by the real ingest.

use crate::exit;
use anyhow::Result;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;
use whosaid_link::graph::{MAX_ARTICLES_PER_KEY, MAX_CANDIDATES};
use whosaid_link::Profile;
use whosaid_store::{CopyFeatures, CopyIndex, CopyLinker, NewArticle, StoreError};

#[derive(clap::Args)]
pub struct BenchCopiesArgs {
    /// The SQLite file to build (replaced), or a postgres:// URL (point it at an
    /// empty database or `?schema=`; nothing is dropped).
    #[arg(long, default_value = "target/bench-copies.db")]
    db: String,
    /// Synthetic articles to store before timing.
    #[arg(long, default_value_t = 1_000_000)]
    articles: u64,
    /// New articles whose candidates are timed.
    #[arg(long, default_value_t = 1000)]
    lookups: usize,
    /// Time lookups on the store left by an earlier `--keep` run (same
    /// `--articles`) instead of filling it again.
    #[arg(long)]
    reuse: bool,
    /// Keep the SQLite file afterwards.
    #[arg(long)]
    keep: bool,
}

/// SplitMix64: the same articles every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// A Zipf(1)-like rank in 1..=n: inverse transform of the continuous law.
    fn zipf(&mut self, n: u64) -> u64 {
        let u = self.unit();
        ((n as f64).powf(u)).floor().clamp(1.0, n as f64) as u64
    }
}

/// Names and numbers in the vocabulary.
const VOCABULARY: u64 = 2_000_000;
const TEMPLATES: u64 = 200;

/// One synthetic article: its anchors and the set it belongs to.
struct Synth {
    anchors: Vec<u32>,
    set: u64,
}

struct Generator {
    rng: Rng,
    /// A sample of stored articles (reservoir), to copy from.
    pool: Vec<(Vec<u32>, u64)>,
    seen: u64,
}

impl Generator {
    fn new(seed: u64) -> Generator {
        Generator {
            rng: Rng(seed),
            pool: Vec::new(),
            seen: 0,
        }
    }

    fn fresh(&mut self) -> Vec<u32> {
        let n = 15 + self.rng.below(106) as usize;
        (0..n).map(|_| self.rng.zipf(VOCABULARY) as u32).collect()
    }

    fn template(&mut self) -> Vec<u32> {
        let t = self.rng.zipf(TEMPLATES);
        // labels of the template, each followed by a number from a small,
        // skewed set ("1", "2", "1986" come back in every other report), so
        // the busiest templates' keys are shared by thousands
        let mut out = Vec::new();
        for label in 0..12u32 {
            out.push(3_000_000 + (t as u32) * 16 + label);
            out.push(4_000_000 + self.rng.zipf(40) as u32);
        }
        out
    }

    /// A copy of `source`: cut (a tail or a stretch dropped) and a few anchors changed.
    fn copy_of(&mut self, source: &[u32]) -> Vec<u32> {
        let keep = (source.len() as f64 * (0.5 + 0.5 * self.rng.unit())).ceil() as usize;
        let mut out: Vec<u32> = source[..keep.min(source.len())].to_vec();
        for a in out.iter_mut() {
            if self.rng.below(20) == 0 {
                *a = self.rng.zipf(VOCABULARY) as u32;
            }
        }
        out
    }

    /// The next stored article: a copy of an earlier one (1 in 7), a template
    /// report (1 in 10) or a fresh one; `id` names a fresh set.
    fn stored(&mut self, id: u64) -> Synth {
        let r = self.rng.below(70);
        let s = if r < 10 && !self.pool.is_empty() {
            let (src, set) = self.pool[self.rng.below(self.pool.len() as u64) as usize].clone();
            Synth {
                anchors: self.copy_of(&src),
                set,
            }
        } else if r < 17 {
            Synth {
                anchors: self.template(),
                set: id,
            }
        } else {
            Synth {
                anchors: self.fresh(),
                set: id,
            }
        };
        // reservoir of 20,000: copies are drawn from originals and copies alike
        self.seen += 1;
        if self.pool.len() < 20_000 {
            self.pool.push((s.anchors.clone(), s.set));
        } else {
            let j = self.rng.below(self.seen);
            if j < 20_000 {
                self.pool[j as usize] = (s.anchors.clone(), s.set);
            }
        }
        s
    }
}

fn features(s: &Synth) -> CopyFeatures {
    let p = Profile {
        anchors: s.anchors.clone(),
        ..Profile::default()
    };
    let bands = whosaid_link::bands::band_keys(&p);
    // the stored profile names the article's set (as its publisher) and
    // nothing else: the bench reads it only to check what the lookup found
    let profile = Profile {
        publisher: Some(format!("set{}", s.set)),
        ..Profile::default()
    }
    .encode();
    CopyFeatures {
        bands,
        profile,
        snapshot: None,
    }
}

fn article(id: String, f: CopyFeatures) -> NewArticle {
    NewArticle {
        key: id.clone(),
        doc_id: id.clone(),
        source: "bench-copies".into(),
        url: None,
        title: None,
        published: None,
        publisher: None,
        text: id,
        record: "{}".into(),
        entities: Vec::new(),
        mentions: Vec::new(),
        quotes: Vec::new(),
        copy: Some(f),
    }
}

/// What one lookup found, and how long it took.
struct Lookup {
    kind: &'static str,
    ms: f64,
    candidates: usize,
    /// For a copy: a member of its set among the candidates.
    found_set: Option<bool>,
}

/// Times the candidate lookup of each new article, in the real ingest
/// transaction, and checks its result; links nothing.
struct TimingLinker {
    expected: Mutex<HashMap<String, (&'static str, Option<u64>)>>,
    out: Mutex<Vec<Lookup>>,
}

impl CopyLinker for TimingLinker {
    fn link(
        &self,
        index: &mut dyn CopyIndex,
        article: i64,
        bands: &[i64],
    ) -> Result<(), StoreError> {
        let t = Instant::now();
        let cands = index.candidates(bands, article, MAX_CANDIDATES, MAX_ARTICLES_PER_KEY)?;
        let ms = t.elapsed().as_secs_f64() * 1000.0;
        let me = index
            .profile(article)?
            .and_then(|b| Profile::decode(&b).ok())
            .and_then(|p| p.publisher)
            .unwrap_or_default();
        let (kind, set) = self
            .expected
            .lock()
            .unwrap()
            .get(&me)
            .copied()
            .unwrap_or(("?", None));
        let found_set = match set {
            Some(set) => {
                let want = format!("set{set}");
                let mut found = false;
                for c in &cands {
                    let p = index.profile(*c)?.and_then(|b| Profile::decode(&b).ok());
                    if p.and_then(|p| p.publisher).as_deref() == Some(want.as_str()) {
                        found = true;
                        break;
                    }
                }
                Some(found)
            }
            None => None,
        };
        self.out.lock().unwrap().push(Lookup {
            kind,
            ms,
            candidates: cands.len(),
            found_set,
        });
        Ok(())
    }
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

pub fn run(a: BenchCopiesArgs) -> Result<u8> {
    if cfg!(debug_assertions) {
        eprintln!("whosaid bench-copies: a debug build: figures are not meaningful");
    }
    let pg = whosaid_store::is_postgres_url(&a.db);
    if !pg {
        if let Some(dir) = std::path::Path::new(&a.db)
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
        {
            std::fs::create_dir_all(dir)?;
        }
    }
    let remove = |db: &str| {
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{db}{suffix}"));
        }
    };
    let reuse = a.reuse && (pg || PathBuf::from(&a.db).exists());
    if !reuse && !pg {
        remove(&a.db);
    }
    let mut store = whosaid_store::open(&a.db)?;
    store.set_speaker_resolver(Some(Arc::new(whosaid_pipeline::speakers::Resolver)));
    store.set_copy_linker(None);
    println!("bench-copies: store {}", a.db);

    // the stored articles; the key frequencies of a sample of their keys
    let mut g = Generator::new(2026);
    let mut sample: HashMap<i64, u32> = HashMap::new();
    let fill = Instant::now();
    let mut batch = Vec::with_capacity(5000);
    for i in 0..a.articles {
        let s = g.stored(i);
        let f = features(&s);
        if i % 500 == 0 {
            for &b in &f.bands {
                sample.insert(b, 0);
            }
        }
        for b in &f.bands {
            if let Some(n) = sample.get_mut(b) {
                *n += 1;
            }
        }
        if !reuse {
            batch.push(article(format!("synthetic-{i}"), f));
            if batch.len() == 5000 {
                store.ingest(&batch)?;
                batch.clear();
                eprint!("\rbench-copies: stored {} articles", i + 1);
            }
        }
    }
    if !batch.is_empty() {
        store.ingest(&batch)?;
    }
    if !reuse {
        eprintln!();
        let secs = fill.elapsed().as_secs_f64();
        println!(
            "bench-copies: stored {} synthetic articles in {secs:.0} s ({:.0} articles/s, copy features only)",
            a.articles,
            a.articles as f64 / secs.max(1e-9)
        );
    }
    let mut counts: Vec<u32> = sample.values().copied().collect();
    counts.sort_unstable();
    let over = counts
        .iter()
        .filter(|&&n| n as usize > MAX_ARTICLES_PER_KEY)
        .count();
    println!(
        "bench-copies: articles per key, over {} sampled keys: median {}, p99 {}, max {}; {} keys ({:.2}%) shared by more than {} articles (read capped)",
        counts.len(),
        counts.get(counts.len() / 2).copied().unwrap_or(0),
        counts
            .get((counts.len() as f64 * 0.99) as usize)
            .copied()
            .unwrap_or(0),
        counts.last().copied().unwrap_or(0),
        over,
        100.0 * over as f64 / counts.len().max(1) as f64,
        MAX_ARTICLES_PER_KEY
    );

    // the new articles, each its own ingest so each lookup is timed alone
    let linker = Arc::new(TimingLinker {
        expected: Mutex::new(HashMap::new()),
        out: Mutex::new(Vec::new()),
    });
    store.set_copy_linker(Some(linker.clone()));
    let run_tag = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    for i in 0..a.lookups {
        let (kind, s) = match i % 5 {
            0 | 1 => {
                let (src, set) = g.pool[g.rng.below(g.pool.len() as u64) as usize].clone();
                (
                    "copy",
                    Synth {
                        anchors: g.copy_of(&src),
                        set,
                    },
                )
            }
            2 => (
                "template",
                Synth {
                    anchors: g.template(),
                    set: u64::MAX - i as u64,
                },
            ),
            _ => (
                "fresh",
                Synth {
                    anchors: g.fresh(),
                    set: u64::MAX - i as u64,
                },
            ),
        };
        // a set name of its own, so the linker knows which lookup it is
        let tag = format!("lookup{i}");
        let expected = (kind, (kind == "copy").then_some(s.set));
        linker
            .expected
            .lock()
            .unwrap()
            .insert(tag.clone(), expected);
        let mut f = features(&s);
        f.profile = Profile {
            publisher: Some(tag.clone()),
            ..Profile::default()
        }
        .encode();
        store.ingest(&[article(format!("{tag}-{run_tag}"), f)])?;
    }
    let out = std::mem::take(&mut *linker.out.lock().unwrap());
    let mut all: Vec<f64> = out.iter().map(|l| l.ms).collect();
    all.sort_by(f64::total_cmp);
    for kind in ["copy", "template", "fresh"] {
        let mine: Vec<&Lookup> = out.iter().filter(|l| l.kind == kind).collect();
        let mut ms: Vec<f64> = mine.iter().map(|l| l.ms).collect();
        ms.sort_by(f64::total_cmp);
        let cands =
            mine.iter().map(|l| l.candidates).sum::<usize>() as f64 / mine.len().max(1) as f64;
        let found = mine.iter().filter(|l| l.found_set == Some(true)).count();
        let asked = mine.iter().filter(|l| l.found_set.is_some()).count();
        println!(
            "bench-copies: lookup {kind:<8} n={:<5} p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms  {cands:.1} candidates{}",
            ms.len(),
            percentile(&ms, 0.5),
            percentile(&ms, 0.95),
            ms.last().copied().unwrap_or(f64::NAN),
            if asked > 0 {
                format!(", its set among them for {found} of {asked}")
            } else {
                String::new()
            }
        );
    }
    let st = store.stats()?;
    println!(
        "bench-copies: candidate lookup on {} articles: p50 {:.2} ms  p95 {:.2} ms  max {:.2} ms (n={})",
        st.articles,
        percentile(&all, 0.5),
        percentile(&all, 0.95),
        all.last().copied().unwrap_or(f64::NAN),
        all.len()
    );
    drop(store);
    if !pg {
        if let Ok(m) = std::fs::metadata(&a.db) {
            println!(
                "bench-copies: store file {:.0} MiB",
                m.len() as f64 / 1048576.0
            );
        }
        if !a.keep {
            remove(&a.db);
        }
    }
    Ok(exit::OK)
}
