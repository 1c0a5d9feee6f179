//! The ingest pipeline, written once for the CLI (`whosaid ingest`) and the
//! server (`POST /api/v1/ingest`): read inputs, skip articles already stored,
//! analyse the rest in parallel, build their records, write them in batches.
//!
//! It runs with bounded queues, so memory stays flat however many articles
//! pass: a reader thread turns inputs into documents; the calling thread drops
//! articles already stored (by key, before analysing them), analyses the rest
//! (rayon, all cores of the current pool) and builds their records; a writer
//! thread stores each batch in one transaction while the next is analysed.
//! Nothing is printed: the caller hears of progress and of unreadable inputs
//! through a callback.

pub mod contract;
pub mod copies;
pub mod speakers;

use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant};
use whosaid_core::Document;
use whosaid_extract::{InputOptions, SourceError};
use whosaid_nlp::Analyzer;
use whosaid_store::{CopyReader, NewArticle, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{input}: cannot store the article ({msg}) nor record why")]
    Unrecorded { input: String, msg: String },
    #[error("the store writer stopped unexpectedly")]
    WriterGone,
}

/// How many articles passed each stage so far.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    /// Documents read (and errors reading them).
    pub read: u64,
    /// Articles stored by this run.
    pub stored: u64,
    /// Articles already in the store (same normalised text or URL).
    pub duplicates: u64,
    /// Inputs that could not be read, and articles that could not be stored.
    pub errors: u64,
}

/// What the pipeline tells its caller while it runs.
pub enum Event<'a> {
    /// Counts so far; sent after each batch and while the input pauses.
    Progress(Counts),
    /// An input or record that could not be read (it is also recorded in the store).
    SourceError(&'a SourceError),
}

/// What one ingest did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct IngestSummary {
    pub read: u64,
    pub stored: u64,
    pub duplicates: u64,
    pub errors: u64,
    pub seconds: f64,
}

/// How to run the pipeline.
#[derive(Debug, Clone, Copy)]
pub struct IngestOptions {
    /// Articles per transaction.
    pub batch: usize,
    /// Analyse and build records but store nothing (to time the stages before the writer).
    pub dry_run: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            batch: 1000,
            dry_run: false,
        }
    }
}

#[derive(Default)]
struct Counters {
    read: AtomicU64,
    stored: AtomicU64,
    duplicates: AtomicU64,
    errors: AtomicU64,
}

impl Counters {
    fn snapshot(&self) -> Counts {
        Counts {
            read: self.read.load(Ordering::Relaxed),
            stored: self.stored.load(Ordering::Relaxed),
            duplicates: self.duplicates.load(Ordering::Relaxed),
            errors: self.errors.load(Ordering::Relaxed),
        }
    }
}

enum ToWriter {
    Articles(Vec<NewArticle>),
    Errors(Vec<(String, String)>),
}

/// One document read, or why it could not be, with the input it came from.
pub type Read = (Result<Document, SourceError>, String);

/// Ingests the inputs named on a command line (files, folders, JSON Lines,
/// URLs, `-` for stdin) into the store `db`.
pub fn ingest_inputs(
    inputs: &[String],
    opts: &InputOptions,
    analyzer: &Analyzer,
    db: &str,
    o: IngestOptions,
    on_event: &mut dyn FnMut(Event),
) -> Result<IngestSummary, PipelineError> {
    ingest(
        |sink: &mut dyn FnMut(Read) -> bool| {
            for input in inputs {
                let mut gone = false;
                whosaid_extract::read_input(input, opts, &mut |r| {
                    if !gone && !sink((r, input.clone())) {
                        gone = true;
                    }
                });
                if gone {
                    break;
                }
            }
        },
        analyzer,
        db,
        o,
        on_event,
    )
}

/// Ingests what `read` hands its sink (which returns false once the pipeline
/// stopped and wants no more) into the store `db`. `read` runs on its own thread.
pub fn ingest<R>(
    read: R,
    analyzer: &Analyzer,
    db: &str,
    o: IngestOptions,
    on_event: &mut dyn FnMut(Event),
) -> Result<IngestSummary, PipelineError>
where
    R: FnOnce(&mut dyn FnMut(Read) -> bool) + Send,
{
    let start = Instant::now();
    let batch = o.batch.max(1);
    // open (and migrate) before the threads start, so a bad db fails at once
    let mut reader_store = whosaid_store::open(db)?;
    let mut writer_store = whosaid_store::open(db)?;
    writer_store.set_copy_linker(Some(std::sync::Arc::new(copies::Linker)));
    writer_store.set_speaker_resolver(Some(std::sync::Arc::new(speakers::Resolver)));
    // one reader of copy candidates per analysis thread (none where the
    // store's writer reads them itself)
    let mut readers: Vec<Box<dyn CopyReader>> = Vec::new();
    for _ in 0..rayon::current_num_threads() {
        match reader_store.copy_reader()? {
            Some(r) => readers.push(r),
            None => break,
        }
    }
    let readers = Mutex::new(readers);
    let gate = WriterFirst::new(rayon::current_num_threads());
    let counters = Counters::default();
    let (doc_tx, doc_rx) = mpsc::sync_channel::<Read>(batch * 2);
    let (w_tx, w_rx) = mpsc::sync_channel::<ToWriter>(2);

    std::thread::scope(|s| {
        s.spawn(move || read(&mut |r| doc_tx.send(r).is_ok()));
        let writer = s.spawn(|| -> Result<(), PipelineError> {
            for msg in w_rx {
                match msg {
                    ToWriter::Errors(errs) => {
                        for (input, msg) in errs {
                            writer_store.record_error(&input, &msg)?;
                        }
                    }
                    ToWriter::Articles(arts) if !o.dry_run => {
                        gate.writer_busy(true);
                        let r = write_batch(writer_store.as_mut(), &arts, &counters);
                        gate.writer_busy(false);
                        r?
                    }
                    ToWriter::Articles(_) => {}
                }
            }
            Ok(())
        });

        let result = feed(
            &doc_rx,
            &w_tx,
            reader_store.as_mut(),
            &readers,
            &gate,
            analyzer,
            batch,
            &counters,
            on_event,
        );
        // stop the reader (its sends fail) and let the writer drain
        drop(doc_rx);
        drop(w_tx);
        let written = writer.join().map_err(|_| PipelineError::WriterGone)?;
        on_event(Event::Progress(counters.snapshot()));
        result?;
        written
    })?;
    let c = counters.snapshot();
    Ok(IngestSummary {
        read: c.read,
        stored: c.stored,
        duplicates: c.duplicates,
        errors: c.errors,
        seconds: start.elapsed().as_secs_f64(),
    })
}

/// The calling thread's part: batches from the reader, stored keys dropped,
/// the rest analysed and handed to the writer.
#[allow(clippy::too_many_arguments)]
fn feed(
    doc_rx: &mpsc::Receiver<Read>,
    w_tx: &mpsc::SyncSender<ToWriter>,
    store: &mut dyn Store,
    readers: &Mutex<Vec<Box<dyn CopyReader>>>,
    gate: &WriterFirst,
    analyzer: &Analyzer,
    batch: usize,
    counters: &Counters,
    on_event: &mut dyn FnMut(Event),
) -> Result<(), PipelineError> {
    let mut pending: Vec<Read> = Vec::with_capacity(batch);
    let mut open_input = true;
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
                    on_event(Event::Progress(counters.snapshot()));
                }
                Err(RecvTimeoutError::Disconnected) => open_input = false,
            }
        }
        if pending.is_empty() {
            continue;
        }
        let mut docs: Vec<(Document, String)> = Vec::with_capacity(pending.len());
        let mut errors = Vec::new();
        for (r, input) in pending.drain(..) {
            counters.read.fetch_add(1, Ordering::Relaxed);
            match r {
                Ok(d) => docs.push((d, input)),
                Err(e) => {
                    counters.errors.fetch_add(1, Ordering::Relaxed);
                    on_event(Event::SourceError(&e));
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
        let known: std::collections::HashSet<String> =
            store.known_keys(&keys)?.into_iter().collect();
        let mut fresh: Vec<(Document, String)> = Vec::with_capacity(docs.len());
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
                let _turn = gate.enter();
                analyzer.analyze(&mut d);
                let mut a = build_record(&d, &input);
                read_candidates(&mut a, readers);
                a
            })
            .collect();
        if !arts.is_empty() && w_tx.send(ToWriter::Articles(arts)).is_err() {
            break;
        }
        on_event(Event::Progress(counters.snapshot()));
    }
    Ok(())
}

/// The writer is the one stage that cannot run in parallel: while it stores a
/// batch, one analysis thread fewer runs, so that on a machine with as many
/// cores as analysis threads the writer has a core to itself instead of a
/// fair share beside them (two analysis threads and the writer on two cores
/// gave the writer two thirds of a core, and the ingest ran at the writer's
/// pace times 1.5). While the writer waits for a batch, every thread analyses.
struct WriterFirst {
    threads: usize,
    state: Mutex<Turns>,
    turn: Condvar,
}

#[derive(Default)]
struct Turns {
    analysing: usize,
    writer_busy: bool,
}

/// An analysis thread's turn, given back when dropped.
struct Turn<'a>(&'a WriterFirst);

impl WriterFirst {
    fn new(threads: usize) -> WriterFirst {
        WriterFirst {
            threads: threads.max(1),
            state: Mutex::new(Turns::default()),
            turn: Condvar::new(),
        }
    }

    fn limit(&self, t: &Turns) -> usize {
        if t.writer_busy {
            (self.threads - 1).max(1)
        } else {
            self.threads
        }
    }

    /// Waits until one more thread may analyse.
    fn enter(&self) -> Turn<'_> {
        let mut t = self.state.lock().unwrap_or_else(|e| e.into_inner());
        while t.analysing >= self.limit(&t) {
            t = self.turn.wait(t).unwrap_or_else(|e| e.into_inner());
        }
        t.analysing += 1;
        Turn(self)
    }

    fn writer_busy(&self, busy: bool) {
        let mut t = self.state.lock().unwrap_or_else(|e| e.into_inner());
        t.writer_busy = busy;
        if !busy {
            self.turn.notify_all();
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut t = self.0.state.lock().unwrap_or_else(|e| e.into_inner());
        t.analysing -= 1;
        self.0.turn.notify_one();
    }
}

/// The stored record of an analysed document read from `input`.
pub fn build_record(doc: &Document, input: &str) -> NewArticle {
    let mut a =
        NewArticle::from_document(doc, &article_source(doc, input), record_without_text(doc));
    let (bands, profile) = whosaid_link::features(doc);
    a.copy = Some(whosaid_store::CopyFeatures {
        bands,
        profile,
        snapshot: None,
    });
    a
}

/// Reads the article's copy candidates from the committed store beside the
/// analysis, when a reader is free (else, or when reading fails, the writer
/// reads them itself: the answer is the same).
fn read_candidates(a: &mut NewArticle, readers: &Mutex<Vec<Box<dyn CopyReader>>>) {
    let Some(copy) = a.copy.as_mut() else {
        return;
    };
    let Some(mut r) = readers.lock().ok().and_then(|mut v| v.pop()) else {
        return;
    };
    copy.snapshot = r
        .snapshot(&copy.bands, whosaid_link::graph::MAX_ARTICLES_PER_KEY)
        .ok();
    if let Ok(mut v) = readers.lock() {
        v.push(r);
    }
}

/// The record of an article without its text (kept once, in its own column).
pub fn record_without_text(doc: &Document) -> String {
    let mut v = contract::to_json(doc);
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

/// Stores a batch in one transaction; when that fails, article by article, so
/// one bad article is recorded with its error and the others are stored.
fn write_batch(
    store: &mut dyn Store,
    arts: &[NewArticle],
    c: &Counters,
) -> Result<(), PipelineError> {
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
                .map_err(|_| PipelineError::Unrecorded {
                    input: input.to_string(),
                    msg: e.to_string(),
                })
        }
    }
}

/// How many articles the inputs hold, as far as a quick look can tell: the
/// lines of JSON Lines files, one for any other file (a WARC or feed holding
/// more just outgrows a progress bar). None for stdin.
pub fn expected_articles(inputs: &[String]) -> Option<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_db(name: &str) -> String {
        let p =
            std::env::temp_dir().join(format!("whosaid-pipeline-{name}-{}.db", std::process::id()));
        for ext in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{ext}", p.display()));
        }
        p.display().to_string()
    }

    fn docs(n: usize) -> Vec<Read> {
        (0..n)
            .map(|i| {
                let text = format!("“We will talk, number {i},” said Antony Blinken on Monday.");
                (Ok(Document::new(format!("d{i}"), text)), "mem".to_string())
            })
            .collect()
    }

    #[test]
    fn stores_skips_duplicates_and_reports_progress() {
        let db = temp_db("dups");
        let analyzer = Analyzer::new(None);
        let o = IngestOptions {
            batch: 3,
            dry_run: false,
        };
        let mut events = 0;
        let mut last = Counts::default();
        let read = |items: Vec<Read>| {
            move |sink: &mut dyn FnMut(Read) -> bool| {
                for r in items {
                    sink(r);
                }
            }
        };
        let s = ingest(read(docs(7)), &analyzer, &db, o, &mut |e| {
            if let Event::Progress(c) = e {
                events += 1;
                last = c;
            }
        })
        .unwrap();
        assert_eq!((s.read, s.stored, s.duplicates, s.errors), (7, 7, 0, 0));
        assert!(events >= 3, "one progress event a batch at least");
        assert_eq!(last.stored, 7);
        let again = ingest(read(docs(7)), &analyzer, &db, o, &mut |_| {}).unwrap();
        assert_eq!((again.stored, again.duplicates), (0, 7));
        let mut store = whosaid_store::open(&db).unwrap();
        assert_eq!(store.stats().unwrap().articles, 7);
        assert!(store.stats().unwrap().quotes >= 7);
    }

    #[test]
    fn a_bad_record_is_reported_and_recorded_and_the_rest_stored() {
        let db = temp_db("bad");
        let analyzer = Analyzer::new(None);
        let mut items = docs(2);
        items.push((
            Err(SourceError::Empty {
                input: "empty.txt".into(),
            }),
            "empty.txt".into(),
        ));
        let mut seen = Vec::new();
        let s = ingest(
            move |sink: &mut dyn FnMut(Read) -> bool| {
                for r in items {
                    sink(r);
                }
            },
            &analyzer,
            &db,
            IngestOptions::default(),
            &mut |e| {
                if let Event::SourceError(e) = e {
                    seen.push(e.input().to_string())
                }
            },
        )
        .unwrap();
        assert_eq!((s.read, s.stored, s.errors), (3, 2, 1));
        assert_eq!(seen, ["empty.txt"]);
        let mut store = whosaid_store::open(&db).unwrap();
        assert_eq!(store.errors(10).unwrap()[0].input, "empty.txt");
    }

    #[test]
    fn an_analysis_thread_steps_aside_while_the_writer_stores() {
        let gate = WriterFirst::new(2);
        gate.writer_busy(true);
        let first = gate.enter();
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            s.spawn(|| {
                let _turn = gate.enter();
                tx.send(()).unwrap();
            });
            assert!(
                rx.recv_timeout(Duration::from_millis(200)).is_err(),
                "a second thread analysed beside the busy writer"
            );
            gate.writer_busy(false);
            rx.recv_timeout(Duration::from_secs(30))
                .expect("the second thread analyses once the writer waits");
        });
        drop(first);
        // a single analysis thread never waits for the writer
        let one = WriterFirst::new(1);
        one.writer_busy(true);
        let _a = one.enter();
    }

    #[test]
    fn a_bad_store_fails_at_once() {
        let analyzer = Analyzer::new(None);
        let r = ingest(
            |_: &mut dyn FnMut(Read) -> bool| {},
            &analyzer,
            "/nonexistent-dir/x/y.db",
            IngestOptions::default(),
            &mut |_| {},
        );
        assert!(matches!(r, Err(PipelineError::Store(_))));
    }
}
