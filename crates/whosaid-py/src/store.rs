//! `whosaid.Store`: the record (a SQLite file or a `postgres://` URL), filled
//! by the CLI's ingest pipeline and asked as `whosaid quotes`, `speakers`,
//! `show` and `stats` ask it, with the same messages. The Python class in
//! `whosaid/__init__.py` adds the progress bar and the DataFrame.

use crate::convert::{record_json, ToPy};
use crate::{analyzer_for, StoreError};
use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};
use serde_json::{json, Value};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use whosaid_extract::{InputOptions, SourceError};
use whosaid_pipeline::{Event, IngestOptions, Read};
use whosaid_store::{QuoteQuery, Store};

fn store_err(e: impl std::fmt::Display) -> PyErr {
    StoreError::new_err(e.to_string())
}

/// A store path or URL from a `str` or an `os.PathLike`.
fn db_arg(db: &Bound<'_, PyAny>) -> PyResult<String> {
    if let Ok(s) = db.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    let p: PathBuf = db.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "db must be a path or a postgres:// URL, not {}",
            crate::convert::type_name(db)
        ))
    })?;
    p.into_os_string().into_string().map_err(|p| {
        PyValueError::new_err(format!("{}: the path is not UTF-8", p.to_string_lossy()))
    })
}

/// A date filter: an ISO date string (checked as the CLI checks `--since`), or
/// a `datetime.date` / `datetime.datetime`.
fn date_arg(name: &str, d: Option<&Bound<'_, PyAny>>) -> PyResult<Option<String>> {
    let Some(d) = d.filter(|d| !d.is_none()) else {
        return Ok(None);
    };
    let s: String = if d.cast::<PyString>().is_ok() {
        d.extract()?
    } else if d.hasattr("isoformat")? {
        d.call_method0("isoformat")?.extract()?
    } else {
        return Err(PyTypeError::new_err(format!(
            "{name} must be a date (str like 2022-01-31, or datetime.date), not {}",
            crate::convert::type_name(d)
        )));
    };
    let b = s.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return Err(PyValueError::new_err(format!(
            "{name}={s:?}: expected a date like 2022-01-31"
        )));
    }
    Ok(Some(s))
}

/// The record of a whosaid store: a SQLite file (created on first use) or a
/// `postgres://` URL (`?schema=NAME` keeps the tables in their own schema).
/// Raises `whosaid.StoreError` when it cannot be opened.
#[pyclass(module = "whosaid", name = "Store", subclass)]
pub struct PyStore {
    db: String,
    inner: Mutex<Option<Box<dyn Store>>>,
}

impl PyStore {
    /// Runs `f` on the open store with the GIL released.
    fn with<T: Send>(
        &self,
        py: Python<'_>,
        f: impl FnOnce(&mut dyn Store) -> whosaid_store::Result<T> + Send,
    ) -> PyResult<T> {
        py.detach(|| {
            let mut g = self.inner.lock().map_err(|_| {
                store_err(format!(
                    "{}: the store is unusable after an earlier failure",
                    self.db
                ))
            })?;
            let s = g
                .as_mut()
                .ok_or_else(|| store_err(format!("{}: the store is closed", self.db)))?;
            f(s.as_mut()).map_err(store_err)
        })
    }
}

#[allow(clippy::too_many_arguments)]
fn query(
    speaker: Option<String>,
    about: Option<String>,
    since: Option<&Bound<'_, PyAny>>,
    until: Option<&Bound<'_, PyAny>>,
    source: Option<String>,
    kind: Option<String>,
    limit: Option<i64>,
) -> PyResult<QuoteQuery> {
    let limit = match limit {
        None => 1 << 40,
        Some(n) if n >= 1 => n as usize,
        Some(n) => {
            return Err(PyValueError::new_err(format!(
                "limit={n}: expected at least 1, or None for all"
            )))
        }
    };
    if let Some(k) = &kind {
        if !["direct", "mixed", "indirect"].contains(&k.as_str()) {
            return Err(PyValueError::new_err(format!(
                "kind={k:?}: expected \"direct\", \"mixed\" or \"indirect\""
            )));
        }
    }
    Ok(QuoteQuery {
        speaker,
        about,
        since: date_arg("since", since)?,
        until: date_arg("until", until)?,
        source,
        kind,
        limit,
        ..Default::default()
    })
}

/// One input of `ingest`, read from Python: a path (or URL) for
/// `whosaid_extract::read_input`, or a record.
enum Input {
    Path(String),
    Record(Result<Vec<u8>, String>, usize),
}

/// Reads the next few inputs from the Python iterator (holding the GIL only
/// for that), so the pipeline's reader thread hands them on without it.
fn next_inputs(items: &Py<PyAny>, n: &mut usize, max: usize) -> PyResult<Vec<Input>> {
    Python::attach(|py| {
        let mut out = Vec::new();
        for item in items.bind(py).try_iter()?.take(max) {
            let item = item?;
            let place = *n;
            *n += 1;
            if let Ok(d) = item.cast::<PyDict>() {
                let name = format!("record:{place}");
                let json =
                    record_json(d, &name, &place.to_string()).map_err(|e| e.value(py).to_string());
                out.push(Input::Record(json, place));
            } else {
                let p: PathBuf = item.extract().map_err(|_| {
                    PyTypeError::new_err(format!(
                        "ingest takes paths (str or os.PathLike: files, folders, .jsonl, URLs) or record dicts, not {}",
                        crate::convert::type_name(&item)
                    ))
                })?;
                out.push(Input::Path(p.to_string_lossy().into_owned()));
            }
        }
        Ok(out)
    })
}

#[pymethods]
impl PyStore {
    #[new]
    fn new(py: Python<'_>, db: &Bound<'_, PyAny>) -> PyResult<Self> {
        let db = db_arg(db)?;
        let s = py.detach(|| whosaid_store::open(&db)).map_err(store_err)?;
        Ok(PyStore {
            db,
            inner: Mutex::new(Some(s)),
        })
    }

    /// The path or URL it was opened with.
    #[getter]
    fn db(&self) -> &str {
        &self.db
    }

    fn __repr__(&self) -> String {
        format!("<whosaid.Store {:?}>", self.db)
    }

    /// Closes the connection; later calls raise `StoreError`.
    fn close(&self, py: Python<'_>) {
        py.detach(|| {
            if let Ok(mut g) = self.inner.lock() {
                *g = None;
            }
        })
    }

    fn __enter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, py: Python<'_>, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.close(py);
        false
    }

    /// Ingest through the CLI's pipeline (`whosaid.Store.ingest` wraps this
    /// with a progress bar). `on_progress(counts)` is called with
    /// `{"read", "stored", "duplicates", "errors"}` after each batch.
    #[pyo3(signature = (items, *, on_progress=None, kb=None, quotes_only=false, batch=1000))]
    fn _ingest<'py>(
        &self,
        py: Python<'py>,
        items: &Bound<'py, PyAny>,
        on_progress: Option<Py<PyAny>>,
        kb: Option<&Bound<'py, PyAny>>,
        quotes_only: bool,
        batch: usize,
    ) -> PyResult<Bound<'py, PyDict>> {
        if batch == 0 {
            return Err(PyValueError::new_err(
                "batch=0: need at least one article a batch",
            ));
        }
        let analyzer = analyzer_for(kb, quotes_only)?;
        // one path (or URL) alone is one input, not an iterable of characters
        let single = items.cast::<PyString>().is_ok() || items.hasattr("__fspath__")?;
        let items: Py<PyAny> = if single {
            PyList::new(py, [items])?.into_any().unbind()
        } else {
            items.try_iter()?.into_any().unbind()
        };
        let stop = AtomicBool::new(false);
        let mut raised: Option<PyErr> = None;
        let mut read_err: Option<PyErr> = None;
        let mut messages: Vec<String> = Vec::new();
        let db = self.db.clone();
        let opts = InputOptions::default();
        let summary = py.detach(|| {
            let read = |sink: &mut dyn FnMut(Read) -> bool| {
                let mut n = 0usize;
                while !stop.load(Ordering::Relaxed) {
                    let inputs = match next_inputs(&items, &mut n, 16) {
                        Ok(v) if v.is_empty() => return,
                        Ok(v) => v,
                        Err(e) => {
                            read_err = Some(e);
                            return;
                        }
                    };
                    for input in inputs {
                        let gone = match input {
                            Input::Path(p) => {
                                let mut gone = false;
                                whosaid_extract::read_input(&p, &opts, &mut |r| {
                                    if !gone && !sink((r, p.clone())) {
                                        gone = true;
                                    }
                                });
                                gone
                            }
                            Input::Record(json, place) => {
                                let name = "python".to_string();
                                let r = json
                                    .map_err(|msg| SourceError::Web { input: format!("record:{place}"), msg: strip_name(&msg, place) })
                                    .and_then(|j| crate::convert::record_document(&j, "record", place));
                                !sink((r, name))
                            }
                        };
                        if gone {
                            return;
                        }
                    }
                }
            };
            let mut on_event = |e: Event| match e {
                Event::Progress(c) => Python::attach(|py| {
                    let r = py.check_signals().and_then(|_| match &on_progress {
                        Some(cb) => cb
                            .call1(
                                py,
                                (json_dict(
                                    py,
                                    &json!({"read": c.read, "stored": c.stored, "duplicates": c.duplicates, "errors": c.errors}),
                                )?,),
                            )
                            .map(drop),
                        None => Ok(()),
                    });
                    if let Err(e) = r {
                        stop.store(true, Ordering::Relaxed);
                        raised.get_or_insert(e);
                    }
                }),
                Event::SourceError(e) => {
                    if messages.len() < 100 {
                        messages.push(e.to_string());
                    }
                }
            };
            whosaid_pipeline::ingest(read, &analyzer, &db, IngestOptions { batch, dry_run: false }, &mut on_event)
        });
        if let Some(e) = raised.or(read_err) {
            return Err(e);
        }
        let s = summary.map_err(store_err)?;
        let out = json_dict(
            py,
            &json!({"read": s.read, "stored": s.stored, "duplicates": s.duplicates, "errors": s.errors,
                    "seconds": s.seconds, "error_messages": messages}),
        )?;
        Ok(out)
    }

    /// Stored statements, newest first (best first with `about`), as dicts:
    /// `quote_id`, `article_id`, `doc_id`, `source`, `published`, `speaker_id`,
    /// `speaker`, `kb_id`, `resolution`, `kind`, `start`, `end` (code point
    /// offsets into the article's text), `text`, `cue`, `confidence`.
    ///
    /// `speaker` matches a name, alias or surname, garbled spellings too;
    /// `about` searches what was said (full text); `since` and `until` are ISO
    /// dates or `datetime.date`s, inclusive; `source` matches the publisher,
    /// site or input; `kind` is `direct`, `mixed` or `indirect`; `limit=None`
    /// gives every match.
    #[pyo3(signature = (speaker=None, about=None, since=None, until=None, source=None, kind=None, limit=None))]
    #[allow(clippy::too_many_arguments)]
    fn quotes<'py>(
        &self,
        py: Python<'py>,
        speaker: Option<String>,
        about: Option<String>,
        since: Option<&Bound<'py, PyAny>>,
        until: Option<&Bound<'py, PyAny>>,
        source: Option<String>,
        kind: Option<String>,
        limit: Option<i64>,
    ) -> PyResult<Bound<'py, PyList>> {
        let q = query(speaker, about, since, until, source, kind, limit)?;
        let rows: Vec<Value> = self.with(py, |s| {
            Ok(s.quotes(&q)?
                .iter()
                .map(whosaid_store::export::quote_json)
                .collect())
        })?;
        let mut to_py = ToPy::default();
        let list = PyList::empty(py);
        for r in &rows {
            list.append(to_py.value(py, r)?)?;
        }
        Ok(list)
    }

    /// `quotes(...)` as columns (`{name: [values]}`, `published` as
    /// microseconds since 1970 UTC or None), for `quotes_frame`.
    #[pyo3(signature = (speaker=None, about=None, since=None, until=None, source=None, kind=None, limit=None))]
    #[allow(clippy::too_many_arguments)]
    fn _quote_columns<'py>(
        &self,
        py: Python<'py>,
        speaker: Option<String>,
        about: Option<String>,
        since: Option<&Bound<'py, PyAny>>,
        until: Option<&Bound<'py, PyAny>>,
        source: Option<String>,
        kind: Option<String>,
        limit: Option<i64>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let q = query(speaker, about, since, until, source, kind, limit)?;
        let cols = self.with(py, |s| Ok(columns(&s.quotes(&q)?)))?;
        let mut to_py = ToPy::default();
        let d = PyDict::new(py);
        for (name, values) in cols {
            let list = PyList::empty(py);
            for v in &values {
                list.append(to_py.value(py, v)?)?;
            }
            d.set_item(name, list)?;
        }
        Ok(d)
    }

    /// The most quoted speakers, as `whosaid speakers` lists them: `id`, `name`,
    /// `type`, `kb_id`, `quotes`, `articles`, `first`, `last`, `aliases`.
    #[pyo3(signature = (top=20))]
    fn speakers<'py>(&self, py: Python<'py>, top: usize) -> PyResult<Bound<'py, PyList>> {
        let rows = self.with(py, |s| s.speakers(top))?;
        let list = PyList::empty(py);
        for r in rows {
            list.append(json_dict(
                py,
                &json!({"id": r.id, "name": r.name, "type": r.etype, "kb_id": r.kb_id,
                        "quotes": r.quotes, "articles": r.articles, "first": r.first, "last": r.last,
                        "aliases": r.aliases}),
            )?)?;
        }
        Ok(list)
    }

    /// A stored article by its store id or its input id, as `whosaid show`
    /// prints it: the record of `analyze` plus `store` (`article_id`, `source`,
    /// `url`, `title`, `published`, `ingested_at`). Raises `KeyError` when there
    /// is none.
    fn article<'py>(&self, py: Python<'py>, id: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
        let id: String = match id.extract::<i64>() {
            Ok(n) => n.to_string(),
            Err(_) => id.extract()?,
        };
        let row = self.with(py, |s| s.article(&id))?;
        let Some(row) = row else {
            return Err(PyKeyError::new_err(format!(
                "{id}: no article with this id in {}",
                self.db
            )));
        };
        let mut rec: serde_json::Map<String, Value> =
            serde_json::from_str(&row.record).map_err(|e| {
                store_err(format!(
                    "article {}: the stored record is not JSON ({e})",
                    row.id
                ))
            })?;
        rec.insert("text".into(), row.text.clone().into());
        rec.insert(
            "store".into(),
            json!({"article_id": row.id, "source": row.source, "url": row.url,
                   "title": row.title, "published": row.published, "ingested_at": row.ingested_at}),
        );
        ToPy::default().value(py, &Value::Object(rec))
    }

    /// What the store holds, as `whosaid stats --format json`: `articles`,
    /// `quotes`, `speakers`, `entities`, `errors`, `schema_version`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let s = self.with(py, |s| s.stats())?;
        json_dict(
            py,
            &json!({"articles": s.articles, "quotes": s.quotes, "speakers": s.speakers,
                    "entities": s.entities, "errors": s.errors, "schema_version": s.schema_version}),
        )
    }

    /// Inputs that could not be read or stored, as recorded: `{"input", "message"}`.
    #[pyo3(signature = (limit=20))]
    fn errors<'py>(&self, py: Python<'py>, limit: usize) -> PyResult<Bound<'py, PyList>> {
        let rows = self.with(py, |s| s.errors(limit))?;
        let list = PyList::empty(py);
        for r in rows {
            list.append(json_dict(
                py,
                &json!({"input": r.input, "message": r.message}),
            )?)?;
        }
        Ok(list)
    }
}

fn json_dict<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyDict>> {
    Ok(ToPy::default().value(py, v)?.cast_into::<PyDict>()?)
}

/// Quote rows as columns, named and ordered as the quote records
/// (`whosaid_store::export::quote_json`); `published` in microseconds UTC.
fn columns(hits: &[whosaid_store::QuoteHit]) -> Vec<(String, Vec<Value>)> {
    let mut cols: Vec<(String, Vec<Value>)> = Vec::new();
    for h in hits {
        let Value::Object(o) = whosaid_store::export::quote_json(h) else {
            continue;
        };
        if cols.is_empty() {
            cols = o
                .keys()
                .map(|k| (k.clone(), Vec::with_capacity(hits.len())))
                .collect();
        }
        for (name, col) in cols.iter_mut() {
            let v = o.get(name).cloned().unwrap_or(Value::Null);
            let v = if name == "published" {
                v.as_str()
                    .and_then(crate::dates::iso_to_micros)
                    .map_or(Value::Null, Value::from)
            } else {
                v
            };
            col.push(v);
        }
    }
    cols
}

/// A message from `record_json` without the `record:N: ` it starts with (the
/// error it becomes names the record again).
fn strip_name(msg: &str, place: usize) -> String {
    let prefix = format!("record:{place}: ");
    msg.strip_prefix(&prefix).unwrap_or(msg).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hit(published: Option<&str>) -> whosaid_store::QuoteHit {
        whosaid_store::QuoteHit {
            quote_id: 1,
            article_id: 2,
            doc_id: "d".into(),
            source: "s".into(),
            published: published.map(str::to_string),
            speaker_id: None,
            speaker: Some("Antony Blinken".into()),
            kb_id: None,
            resolution: Some("named".into()),
            kind: "direct".into(),
            start: 3,
            end: 9,
            text: "“Yes.”".into(),
            cue: Some("said".into()),
            confidence: 0.9,
            addressee_id: None,
            addressee: Some("reporters".into()),
            channel: None,
            time_text: None,
            said_on: published.map(str::to_string),
            date_basis: published.map(|_| "published".into()),
            origin: None,
            altered: None,
            independent_sources: 1,
        }
    }

    #[test]
    fn columns_follow_the_quote_records_with_published_in_microseconds() {
        let cols = columns(&[hit(Some("1970-01-02")), hit(None), hit(Some("soon"))]);
        let names: Vec<&str> = cols.iter().map(|c| c.0.as_str()).collect();
        let want: Vec<String> = match whosaid_store::export::quote_json(&hit(None)) {
            Value::Object(o) => o.keys().cloned().collect(),
            _ => unreachable!(),
        };
        assert_eq!(names, want);
        let published = &cols.iter().find(|c| c.0 == "published").unwrap().1;
        assert_eq!(
            published,
            &vec![json!(86_400_000_000i64), Value::Null, Value::Null]
        );
        let start = &cols.iter().find(|c| c.0 == "start").unwrap().1;
        assert_eq!(start, &vec![json!(3); 3]);
        assert!(columns(&[]).is_empty());
    }

    #[test]
    fn a_records_error_names_it_once() {
        assert_eq!(
            strip_name("record:3: \"text\" must be a str", 3),
            "\"text\" must be a str"
        );
        assert_eq!(strip_name("other", 3), "other");
    }
}
