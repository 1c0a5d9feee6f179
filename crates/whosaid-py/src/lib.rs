//! whosaid for Python: the native module `whosaid._whosaid`, re-exported by
//! the `whosaid` package (`python/whosaid/__init__.py`, which adds the
//! progress bar and the DataFrame on top).
//!
//! It runs the CLI's own code in-process: `whosaid_nlp::Analyzer` for the
//! analysis, `whosaid_extract` for pages and input checks, the JSON contract of
//! `whosaid_pipeline::contract` (an analysed document's record is built by
//! `record`, which mirrors it and is tested against it; `extract`'s record is
//! the contract's own), `whosaid_pipeline::ingest` and `whosaid_store` for the
//! record. Rust work
//! runs with the GIL released; a panic in it becomes a `RuntimeError` for its
//! document and never reaches the interpreter.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod convert;
mod dates;
mod many;
mod record;
mod stages;
mod store;

use convert::{source_err, text_arg, ToPy};
use pyo3::exceptions::{PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString};
use record::Analysed;
use serde_json::Value;
use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;
use whosaid_core::Document;
use whosaid_extract::page::PageSource;
use whosaid_extract::{SourceError, SourceOptions};
use whosaid_nlp::Analyzer;
use whosaid_pipeline::contract;

pyo3::create_exception!(
    whosaid,
    StoreError,
    pyo3::exceptions::PyException,
    "The store failed: it cannot be opened (a bad path or URL, a server that refuses), \
     or a query or write failed. The message is the CLI's."
);

/// The analyzers without a knowledge base, built once (the lexicons take a
/// few milliseconds) and shared by every call and thread.
fn default_analyzer(quotes_only: bool) -> Arc<Analyzer> {
    static FULL: OnceLock<Arc<Analyzer>> = OnceLock::new();
    static QUOTES: OnceLock<Arc<Analyzer>> = OnceLock::new();
    let cell = if quotes_only { &QUOTES } else { &FULL };
    Arc::clone(cell.get_or_init(|| Arc::new(build_analyzer(None, quotes_only))))
}

fn build_analyzer(kb: Option<whosaid_nlp::Kb>, quotes_only: bool) -> Analyzer {
    let mut a = Analyzer::new(kb);
    a.reported_speech = !quotes_only;
    a
}

/// A knowledge base of actors (JSON Lines: `id`, `name`, `type`, `aliases`,
/// `roles`), parsed once by `KB.load(path)` and reused by every call given
/// `kb=`. Entities found in a text link to its entries (`kb_id`).
#[pyclass(frozen, module = "whosaid", name = "KB")]
pub struct Kb {
    path: String,
    entries: usize,
    src: String,
    full: Arc<Analyzer>,
    /// Built on first use by a `quotes_only=True` call.
    quotes_only: OnceLock<Arc<Analyzer>>,
}

#[pymethods]
impl Kb {
    /// Reads and parses a knowledge base file. Raises `OSError` when the file
    /// cannot be read and `ValueError` naming the file and line of a bad record.
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Kb> {
        let name = path.display().to_string();
        py.detach(|| {
            let src = std::fs::read(&path)
                .map_err(|e| io_err(format!("{name}: cannot read the knowledge base"), &e))?;
            let src = String::from_utf8(src).map_err(|e| {
                PyValueError::new_err(format!(
                    "{name}: cannot read the knowledge base: invalid UTF-8 at byte offset {}",
                    e.utf8_error().valid_up_to()
                ))
            })?;
            let kb = whosaid_nlp::Kb::parse(&src, &name)
                .map_err(|e| PyValueError::new_err(e.to_string()))?;
            Ok(Kb {
                path: name.clone(),
                entries: kb.entries.len(),
                full: Arc::new(build_analyzer(Some(kb), false)),
                src,
                quotes_only: OnceLock::new(),
            })
        })
    }

    /// The file it was read from.
    #[getter]
    fn path(&self) -> &str {
        &self.path
    }

    fn __len__(&self) -> usize {
        self.entries
    }

    fn __repr__(&self) -> String {
        format!("<whosaid.KB {:?}: {} entries>", self.path, self.entries)
    }
}

impl Kb {
    fn analyzer(&self, quotes_only: bool) -> Arc<Analyzer> {
        if !quotes_only {
            return Arc::clone(&self.full);
        }
        Arc::clone(self.quotes_only.get_or_init(|| {
            // parsed fine once already, so it parses again
            let kb = whosaid_nlp::Kb::parse(&self.src, &self.path).ok();
            Arc::new(build_analyzer(kb, true))
        }))
    }
}

/// An `OSError` of the subclass Python uses for this kind of failure
/// (`FileNotFoundError`, `PermissionError` ...), with `msg: error` as its message.
pub(crate) fn io_err(msg: String, e: &std::io::Error) -> PyErr {
    use pyo3::exceptions::*;
    use std::io::ErrorKind as K;
    let m = format!("{msg}: {e}");
    match e.kind() {
        K::NotFound => PyFileNotFoundError::new_err(m),
        K::PermissionDenied => PyPermissionError::new_err(m),
        K::IsADirectory => PyIsADirectoryError::new_err(m),
        _ => PyOSError::new_err(m),
    }
}

/// The analyzer for a call: the KB's (given as `kb=`) or the default one.
pub(crate) fn analyzer_for(
    kb: Option<&Bound<'_, PyAny>>,
    quotes_only: bool,
) -> PyResult<Arc<Analyzer>> {
    match kb {
        None => Ok(default_analyzer(quotes_only)),
        Some(k) if k.is_none() => Ok(default_analyzer(quotes_only)),
        Some(k) => match k.cast::<Kb>() {
            Ok(kb) => Ok(kb.get().analyzer(quotes_only)),
            Err(_) => Err(PyTypeError::new_err(format!(
                "kb must be a whosaid.KB (load it once with whosaid.KB.load(path)), not {}",
                convert::type_name(k)
            ))),
        },
    }
}

/// What went wrong with one document: bad input (a `ValueError`) or a bug
/// (a panic inside analysis: a `RuntimeError`).
#[derive(Debug)]
pub(crate) enum DocError {
    Input(String),
    Internal(String),
}

impl DocError {
    fn message(&self) -> &str {
        match self {
            DocError::Input(m) | DocError::Internal(m) => m,
        }
    }
    fn into_py(self) -> PyErr {
        match self {
            DocError::Input(m) => PyValueError::new_err(m),
            DocError::Internal(m) => PyRuntimeError::new_err(m),
        }
    }
}

fn internal(id: &str) -> DocError {
    DocError::Internal(format!(
        "{id}: internal error while analysing this document (please report it)"
    ))
}

/// Analyses a document (and finds its code point offsets) for its record; a
/// panic costs this document only. `ascii`: its text is known to be ASCII
/// (then there are no offsets to find).
fn analyze_doc(
    analyzer: &Analyzer,
    mut doc: Document,
    ascii: bool,
) -> Result<Box<Analysed>, DocError> {
    stages::mark("released");
    match catch_unwind(AssertUnwindSafe(|| analyzer.analyze(&mut doc))) {
        Ok(()) => {
            stages::mark("analysis");
            let a = Box::new(if ascii {
                Analysed::ascii(doc)
            } else {
                Analysed::new(doc)
            });
            stages::mark("offsets");
            Ok(a)
        }
        Err(_) => Err(internal(&doc.id)),
    }
}

/// Whether `text`, read from the `str` `source`, is ASCII, known without a
/// scan: a `str` with as many code points as its UTF-8 has bytes (any other
/// character takes two bytes or more).
fn is_ascii(source: Option<&Bound<'_, PyString>>, text: &str) -> bool {
    source.and_then(|s| s.len().ok()) == Some(text.len())
}

/// The record of an analysed document as Python objects (`record`: the CLI's
/// JSON Lines record, built without the JSON). `text` is the `str` the
/// document's text was read from, if any: the record holds it instead of a
/// copy when it has the same length (it is the same text: nothing changes a
/// document's text). A panic here is a `RuntimeError`, as in analysis.
fn to_record<'py>(
    py: Python<'py>,
    a: &Analysed,
    text: Option<&Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    let text = text.filter(|t| t.len().ok() == Some(a.char_len()));
    catch_unwind(AssertUnwindSafe(|| record::to_py(py, a, text)))
        .unwrap_or_else(|_| Err(internal(&a.doc.id).into_py()))
}

/// Python objects of a JSON value (`extract`'s record).
fn value_to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    ToPy::default().value(py, v)
}

/// Analyses one article and returns its record, the JSON output contract as
/// Python objects: `id`, `meta`, `text`, `boilerplate`, `entities`, `quotes`,
/// `events`. Offsets are code point offsets into `text`, so
/// `text[q["start"]:q["end"]]` is the statement `q`.
///
/// `text` is a `str` or UTF-8 `bytes`; empty text, binary data (a NUL byte) and
/// invalid UTF-8 raise `ValueError` with the CLI's message. `id` names the
/// record (default `"text"`); `kb` is a `whosaid.KB`; `quotes_only` finds
/// quotations in quotation marks only, without reported speech.
#[pyfunction]
#[pyo3(signature = (text, *, id=None, kb=None, quotes_only=false))]
fn analyze<'py>(
    py: Python<'py>,
    text: &Bound<'py, PyAny>,
    id: Option<String>,
    kb: Option<&Bound<'py, PyAny>>,
    quotes_only: bool,
) -> PyResult<Bound<'py, PyAny>> {
    stages::mark("enter");
    let id = id.unwrap_or_else(|| "text".to_string());
    // an exact str (a subclass would come back as itself, not as the str json gives)
    let source = text.cast_exact::<PyString>().ok();
    let text = text_arg(text, &id, "text")?;
    let ascii = is_ascii(source, &text);
    stages::mark("text");
    let analyzer = analyzer_for(kb, quotes_only)?;
    stages::mark("analyzer");
    let a = py
        .detach(|| analyze_doc(&analyzer, Document::new(id, text), ascii))
        .map_err(DocError::into_py)?;
    stages::mark("reacquired");
    let rec = to_record(py, &a, source);
    stages::mark("record");
    drop(a);
    stages::mark("dropped");
    rec
}

/// An HTML page's bytes and the transport charset they are known to be in:
/// a `str` is already decoded, so its UTF-8 wins over the page's `<meta charset>`.
fn html_arg(html: &Bound<'_, PyAny>, input: &str) -> PyResult<(Vec<u8>, Option<&'static str>)> {
    if let Ok(s) = html.cast::<PyString>() {
        let s = s.to_cow().map_err(|_| {
            PyValueError::new_err(format!(
                "{input}: not valid Unicode text (a lone surrogate)"
            ))
        })?;
        Ok((s.into_owned().into_bytes(), Some("utf-8")))
    } else if let Ok(b) = html.cast::<PyBytes>() {
        Ok((b.as_bytes().to_vec(), None))
    } else {
        Err(PyTypeError::new_err(format!(
            "{input}: html must be str or bytes, not {}",
            convert::type_name(html)
        )))
    }
}

/// The article of a page: what `whosaid extract` and `analyze_html` read.
fn read_page(
    bytes: &[u8],
    charset: Option<&str>,
    id: String,
    url: Option<&str>,
    input: &str,
) -> Result<Document, SourceError> {
    let src = PageSource {
        input,
        id,
        url,
        charset,
        crawled: None,
    };
    whosaid_extract::page::read_html(bytes, &src, &SourceOptions::default())
}

/// The id and the name in errors of a page: `id`, else the last part of its URL.
fn page_names(id: Option<String>, url: Option<&str>) -> (String, String) {
    let id = id
        .or_else(|| url.map(whosaid_extract::web::url_id))
        .unwrap_or_else(|| "html".to_string());
    let input = url.map(str::to_string).unwrap_or_else(|| id.clone());
    (id, input)
}

/// Extracts the article from an HTML page (`str`, or `bytes` in any charset the
/// page declares), then analyses it: the record of `analyze`, with `meta` from
/// the page (title, authors, dates and where each came from, publisher, URL,
/// language). A page without an article (a listing, a paywall stub, a JavaScript
/// shell) raises `ValueError` saying why.
#[pyfunction]
#[pyo3(signature = (html, *, url=None, id=None, kb=None, quotes_only=false))]
fn analyze_html<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<String>,
    id: Option<String>,
    kb: Option<&Bound<'py, PyAny>>,
    quotes_only: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let (id, input) = page_names(id, url.as_deref());
    let (bytes, charset) = html_arg(html, &input)?;
    let analyzer = analyzer_for(kb, quotes_only)?;
    let a = py
        .detach(|| {
            let doc = read_page(&bytes, charset, id, url.as_deref(), &input)
                .map_err(|e| DocError::Input(e.to_string()))?;
            analyze_doc(&analyzer, doc, false)
        })
        .map_err(DocError::into_py)?;
    to_record(py, &a, None)
}

/// Extracts the article from an HTML page without analysing it:
/// `{"id", "text", "meta"}`, as `whosaid extract` prints it.
#[pyfunction]
#[pyo3(signature = (html, *, url=None, id=None))]
fn extract<'py>(
    py: Python<'py>,
    html: &Bound<'py, PyAny>,
    url: Option<String>,
    id: Option<String>,
) -> PyResult<Bound<'py, PyAny>> {
    let (id, input) = page_names(id, url.as_deref());
    let (bytes, charset) = html_arg(html, &input)?;
    let v = py
        .detach(|| {
            let doc = read_page(&bytes, charset, id, url.as_deref(), &input)?;
            Ok::<_, SourceError>(contract::extract_record(&doc))
        })
        .map_err(source_err)?;
    value_to_py(py, &v)
}

/// One input of `analyze_many`, ready for a worker.
enum Job {
    /// A text input: its id and text.
    Text(String, String),
    /// A text record, read from its dict.
    Doc(Box<Document>),
    /// A dict input as a JSON Lines record, its name and place.
    Record(Vec<u8>, usize),
}

/// What comes back for one input: its id and analysed document, or its error.
type Outcome = (String, Result<Box<Analysed>, DocError>);

fn run_job(analyzer: &Analyzer, job: Job) -> Outcome {
    match job {
        Job::Text(id, text) => (
            id.clone(),
            analyze_doc(analyzer, Document::new(id, text), false),
        ),
        Job::Doc(d) => (d.id.clone(), analyze_doc(analyzer, *d, false)),
        Job::Record(json, n) => match convert::record_document(&json, "item", n) {
            Ok(d) => (d.id.clone(), analyze_doc(analyzer, d, false)),
            Err(e) => (n.to_string(), Err(DocError::Input(e.to_string()))),
        },
    }
}

/// What to do with an input that cannot be analysed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    /// Raise its error in its place; the iteration ends there.
    Raise,
    /// Yield `{"id": ..., "error": message}` in its place and go on.
    Include,
}

struct ManyState {
    items: Py<PyIterator>,
    engine: many::Ordered<Job, Outcome>,
    /// Inputs read so far (the next input's place).
    read: usize,
    /// The input iterator is done (or raised: `deferred`).
    exhausted: bool,
    /// An exception the input iterator raised, and the place it is raised in.
    deferred: Option<PyErr>,
    on_error: OnError,
    /// The `str` each input in flight had as its text (None for bytes, pages
    /// and errors), in input order as the results come: a record holds it.
    texts: VecDeque<Option<Py<PyString>>>,
}

/// The iterator `analyze_many` returns: the records of the inputs, in input
/// order, while worker threads analyse the next ones with the GIL released.
#[pyclass(module = "whosaid", name = "AnalyzeMany")]
pub struct AnalyzeMany {
    state: Mutex<Option<ManyState>>,
    threads: usize,
}

impl ManyState {
    /// Reads inputs until the window is full or the input ends, converting
    /// each for a worker (bad ones get their error in their place).
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let mut it = self.items.bind(py).clone();
        while !self.exhausted && self.engine.has_room() {
            let item = match it.next() {
                None => {
                    self.exhausted = true;
                    break;
                }
                Some(Err(e)) => {
                    self.exhausted = true;
                    if e.is_instance_of::<pyo3::exceptions::PyKeyboardInterrupt>(py) {
                        return Err(e);
                    }
                    self.deferred = Some(e);
                    break;
                }
                Some(Ok(x)) => x,
            };
            let n = self.read;
            self.read += 1;
            match job_of(&item, n) {
                Ok((job, text)) => {
                    self.engine.submit(job);
                    self.texts.push_back(text.map(Bound::unbind));
                }
                Err(e) => {
                    let msg = e.value(py).to_string();
                    let err = if e.is_instance_of::<PyTypeError>(py) {
                        // a wrong type is the caller's bug, whatever `errors` says
                        self.exhausted = true;
                        self.deferred = Some(e);
                        break;
                    } else {
                        DocError::Input(msg)
                    };
                    self.engine.submit_ready((n.to_string(), Err(err)));
                    self.texts.push_back(None);
                }
            }
        }
        Ok(())
    }

    fn deliver<'py>(
        &mut self,
        py: Python<'py>,
        out: Result<Outcome, many::Panicked>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let text = self.texts.pop_front().flatten();
        let (id, r) = match out {
            Ok(o) => o,
            Err(many::Panicked) => ("?".to_string(), Err(internal("an input"))),
        };
        match r {
            Ok(a) => to_record(py, &a, text.as_ref().map(|t| t.bind(py))),
            Err(e) if self.on_error == OnError::Include => {
                let d = PyDict::new(py);
                d.set_item("id", id)?;
                d.set_item("error", e.message())?;
                Ok(d.into_any())
            }
            Err(e) => Err(e.into_py()),
        }
    }
}

/// The job of an input, and the `str` its text is read from (if it is one).
fn job_of<'py>(
    item: &Bound<'py, PyAny>,
    n: usize,
) -> PyResult<(Job, Option<Bound<'py, PyString>>)> {
    let name = format!("item:{n}");
    if let Ok(d) = item.cast::<PyDict>() {
        if let Some(doc) = convert::text_record(d, &name, &n.to_string())? {
            let text = d
                .get_item("text")?
                .and_then(|t| t.cast_into_exact::<PyString>().ok());
            return Ok((Job::Doc(Box::new(doc)), text));
        }
        let json = convert::record_json(d, &name, &n.to_string())?;
        return Ok((Job::Record(json, n), None));
    }
    if item.cast::<PyString>().is_ok() || item.cast::<PyBytes>().is_ok() {
        let text = text_arg(item, &name, "an input")?;
        let source = item.cast_exact::<PyString>().ok().cloned();
        return Ok((Job::Text(n.to_string(), text), source));
    }
    Err(PyTypeError::new_err(format!(
        "{name}: analyze_many takes str, bytes or dicts ({{\"id\", \"text\"}} or {{\"id\", \"html\", \"url\"}}), not {}",
        convert::type_name(item)
    )))
}

#[pymethods]
impl AnalyzeMany {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut guard = self.state.try_lock().map_err(|_| {
            PyRuntimeError::new_err("this analyze_many iterator is in use by another thread")
        })?;
        let Some(st) = guard.as_mut() else {
            return Ok(None);
        };
        loop {
            if let Err(e) = st.fill(py) {
                *guard = None; // stops and joins the workers
                return Err(e);
            }
            let engine = &mut st.engine;
            let next = match engine.wait(Duration::ZERO) {
                many::Next::Pending => py.detach(|| engine.wait(Duration::from_millis(50))),
                other => other,
            };
            match next {
                many::Next::Ready(out) => {
                    let r = st.deliver(py, out);
                    if r.is_err() {
                        *guard = None;
                    }
                    return r.map(Some);
                }
                many::Next::Idle if st.exhausted => {
                    let deferred = st.deferred.take();
                    *guard = None;
                    return match deferred {
                        Some(e) => Err(e),
                        None => Ok(None),
                    };
                }
                many::Next::Idle => {}
                many::Next::Pending => {
                    // Ctrl-C lands here within 50 ms: stop the workers, raise it
                    if let Err(e) = py.check_signals() {
                        *guard = None;
                        return Err(e);
                    }
                }
            }
        }
    }

    /// Stops the worker threads now; inputs not yet returned are dropped.
    fn close(&self) {
        if let Ok(mut g) = self.state.lock() {
            *g = None;
        }
    }

    /// How many worker threads analyse.
    #[getter]
    fn threads(&self) -> usize {
        self.threads
    }
}

/// Analyses many articles on all cores (or `threads`), streaming: returns an
/// iterator of records (as `analyze` returns them) in input order, reading the
/// input only a bounded window ahead, with the GIL released while Rust works.
///
/// Inputs are `str` or `bytes` texts (their id is their place, `"0"`, `"1"`
/// ...) or dicts `{"id", "text"}` / `{"id", "html", "url"}` (optional `title`,
/// `published`, `publisher`), as in the CLI's JSON Lines. An input that
/// cannot be analysed raises `ValueError` in its place, naming it (`item:3`,
/// counted from 0), and the iteration ends; with `errors="include"` it yields
/// `{"id": ..., "error": message}` instead and goes on. Ctrl-C stops the workers
/// and raises `KeyboardInterrupt`.
#[pyfunction]
#[pyo3(signature = (items, *, threads=None, kb=None, quotes_only=false, errors="raise"))]
fn analyze_many(
    items: &Bound<'_, PyAny>,
    threads: Option<usize>,
    kb: Option<&Bound<'_, PyAny>>,
    quotes_only: bool,
    errors: &str,
) -> PyResult<AnalyzeMany> {
    let on_error = match errors {
        "raise" => OnError::Raise,
        "include" => OnError::Include,
        other => {
            return Err(PyValueError::new_err(format!(
                "errors={other:?}: expected \"raise\" or \"include\""
            )))
        }
    };
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads=0: need at least one thread"));
    }
    if items.cast::<PyString>().is_ok() || items.cast::<PyBytes>().is_ok() {
        return Err(PyTypeError::new_err(
            "analyze_many takes an iterable of texts or records, not one text (use analyze)",
        ));
    }
    let iter = items.try_iter()?.unbind();
    let analyzer = analyzer_for(kb, quotes_only)?;
    let threads = threads.unwrap_or_else(|| {
        std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(1)
    });
    let engine = many::Ordered::new(threads, (threads * 32).max(64), move |job| {
        run_job(&analyzer, job)
    });
    Ok(AnalyzeMany {
        state: Mutex::new(Some(ManyState {
            items: iter,
            engine,
            read: 0,
            exhausted: false,
            deferred: None,
            on_error,
            texts: VecDeque::new(),
        })),
        threads,
    })
}

/// For `bench/bench.py`: the Rust analysis alone of `text`, `repeat` times, as
/// the seconds each took (a document made from a copy of the text, analysed
/// and dropped, as `whosaid bench` does; no record is built), with the GIL
/// released. The per-call overhead of `analyze` is measured against it, in the
/// same process and build.
#[pyfunction]
#[pyo3(signature = (text, repeat, *, kb=None, quotes_only=false))]
fn _analysis_seconds(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    repeat: usize,
    kb: Option<&Bound<'_, PyAny>>,
    quotes_only: bool,
) -> PyResult<Vec<f64>> {
    let text = text_arg(text, "text", "text")?;
    let analyzer = analyzer_for(kb, quotes_only)?;
    py.detach(|| {
        (0..repeat)
            .map(|_| {
                let copy = text.clone();
                let t = std::time::Instant::now();
                catch_unwind(AssertUnwindSafe(|| {
                    let mut doc = Document::new("text", copy);
                    analyzer.analyze(&mut doc);
                    drop(std::hint::black_box(doc));
                }))
                .map_err(|_| internal("text").into_py())?;
                Ok(t.elapsed().as_secs_f64())
            })
            .collect()
    })
}

/// For `bench/bench.py`: the record of `text` (analysed once, with the GIL
/// released) built `repeat` times back to back, as the seconds each build took
/// (each record is freed after its time is taken, as a caller frees it after
/// the call). What a record costs with the caches warm for it, against the
/// record stage inside `analyze`, which follows an analysis.
#[pyfunction]
#[pyo3(signature = (text, repeat, *, kb=None, quotes_only=false))]
fn _record_seconds(
    py: Python<'_>,
    text: &Bound<'_, PyAny>,
    repeat: usize,
    kb: Option<&Bound<'_, PyAny>>,
    quotes_only: bool,
) -> PyResult<Vec<f64>> {
    let source = text.cast_exact::<PyString>().ok();
    let text = text_arg(text, "text", "text")?;
    let ascii = is_ascii(source, &text);
    let analyzer = analyzer_for(kb, quotes_only)?;
    let a = py
        .detach(|| analyze_doc(&analyzer, Document::new("text", text), ascii))
        .map_err(DocError::into_py)?;
    (0..repeat)
        .map(|_| {
            let t = std::time::Instant::now();
            let rec = to_record(py, &a, source)?;
            let took = t.elapsed().as_secs_f64();
            drop(rec);
            Ok(took)
        })
        .collect()
}

/// For `bench/bench.py`: arms (or disarms) the stage timers of `analyze` on
/// the calling thread (`stages`).
#[pyfunction]
fn _stages(on: bool) {
    stages::arm(on);
}

/// For `bench/bench.py`: the stages of the `analyze` calls since the last
/// take, as (stage, nanoseconds since the stage before it); `enter` opens each call.
#[pyfunction]
fn _stages_take() -> Vec<(&'static str, u64)> {
    stages::take()
}

/// How many articles these inputs hold, as far as a quick look tells (the
/// lines of JSON Lines files, one per other file), for a progress bar.
#[pyfunction]
fn _expected_articles(paths: Vec<String>) -> Option<u64> {
    whosaid_pipeline::expected_articles(&paths)
}

#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("StoreError", m.py().get_type::<StoreError>())?;
    m.add_class::<Kb>()?;
    m.add_class::<AnalyzeMany>()?;
    m.add_class::<store::PyStore>()?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_html, m)?)?;
    m.add_function(wrap_pyfunction!(analyze_many, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(_expected_articles, m)?)?;
    m.add_function(wrap_pyfunction!(_analysis_seconds, m)?)?;
    m.add_function(wrap_pyfunction!(_record_seconds, m)?)?;
    m.add_function(wrap_pyfunction!(_stages, m)?)?;
    m.add_function(wrap_pyfunction!(_stages_take, m)?)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_in_analysis_is_an_error_for_its_document() {
        let e = catch_unwind(AssertUnwindSafe(|| -> Vec<u8> { panic!("boom") }))
            .map_err(|_| internal("doc-1"))
            .unwrap_err();
        assert!(
            matches!(&e, DocError::Internal(m) if m == "doc-1: internal error while analysing this document (please report it)")
        );
    }

    #[test]
    fn jobs_analyse_texts_and_records_with_the_clis_errors() {
        let a = build_analyzer(None, false);
        let (id, r) = run_job(
            &a,
            Job::Text("d".into(), "“We will talk,” said Antony Blinken.".into()),
        );
        assert_eq!(id, "d");
        let rec = r.ok().unwrap();
        let name = rec.doc.quotes[0].speaker.as_ref().map(|s| s.name.as_str());
        assert_eq!(name, Some("Antony Blinken"));
        let (id, r) = run_job(
            &a,
            Job::Record(b"{\"id\":\"x\",\"title\":\"t\"}".to_vec(), 4),
        );
        assert_eq!(id, "4");
        let Err(e) = r else {
            panic!("a record without text was analysed")
        };
        assert_eq!(
            e.message(),
            "item:4: the record has no \"text\" or \"html\" string"
        );
    }

    #[test]
    fn a_str_with_as_many_code_points_as_utf8_bytes_is_ascii() {
        Python::initialize();
        Python::attach(|py| {
            for (t, ascii) in [
                ("plain words", true),
                ("", true),
                ("Zoë", false),
                ("“x”", false),
                ("😀", false),
                ("\u{feff}BOM", false),
            ] {
                let s = PyString::new(py, t);
                assert_eq!(is_ascii(Some(&s), t), ascii, "{t:?}");
            }
            // bytes (no str) are scanned
            assert!(!is_ascii(None, "plain"));
        });
    }

    #[test]
    fn pages_are_named_by_id_then_url() {
        assert_eq!(
            page_names(None, Some("https://ex.org/a/story.html")),
            ("story".into(), "https://ex.org/a/story.html".into())
        );
        assert_eq!(page_names(Some("p".into()), None), ("p".into(), "p".into()));
        assert_eq!(page_names(None, None), ("html".into(), "html".into()));
    }
}
