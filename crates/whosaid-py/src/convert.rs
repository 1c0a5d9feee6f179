//! Between Python and Rust: JSON values (`extract`'s record, the store's
//! answers) become Python dicts and lists, and Python inputs (`str`, `bytes`,
//! dicts) become documents, with the CLI's checks and messages. (An analysed
//! document's record is built by `record`.)

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyBytes, PyDict, PyFloat, PyInt, PyList, PyString};
use rustc_hash::FxHashMap as HashMap;
use serde_json::Value;
use whosaid_core::Document;
use whosaid_extract::{SourceError, SourceOptions};

/// Builds Python objects from JSON values. Object keys repeat in every record
/// (`start`, `end`, `text` ...), so each is made once and shared.
#[derive(Default)]
pub struct ToPy {
    keys: HashMap<String, Py<PyString>>,
    /// The last key seen in each of 64 slots (by length and end bytes): most
    /// lookups end here without hashing.
    recent: Vec<Option<(Box<str>, Py<PyString>)>>,
}

impl ToPy {
    pub fn value<'py>(&mut self, py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        Ok(match v {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            Value::Number(n) => {
                if let Some(i) = n.as_i64() {
                    i.into_pyobject(py)?.into_any()
                } else if let Some(u) = n.as_u64() {
                    u.into_pyobject(py)?.into_any()
                } else {
                    PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any()
                }
            }
            Value::String(s) => PyString::new(py, s).into_any(),
            Value::Array(a) => {
                let list = PyList::empty(py);
                for x in a {
                    list.append(self.value(py, x)?)?;
                }
                list.into_any()
            }
            Value::Object(o) => {
                let d = PyDict::new(py);
                for (k, x) in o {
                    d.set_item(self.key(py, k), self.value(py, x)?)?;
                }
                d.into_any()
            }
        })
    }

    pub fn key<'py>(&mut self, py: Python<'py>, k: &str) -> Bound<'py, PyString> {
        let b = k.as_bytes();
        let slot = (b.len() * 7
            + *b.first().unwrap_or(&0) as usize * 3
            + *b.last().unwrap_or(&0) as usize)
            % 64;
        if self.recent.is_empty() {
            self.recent.resize_with(64, || None);
        }
        if let Some((name, s)) = &self.recent[slot] {
            if &**name == k {
                return s.bind(py).clone();
            }
        }
        if let Some(s) = self.keys.get(k) {
            self.recent[slot] = Some((k.into(), s.clone_ref(py)));
            return s.bind(py).clone();
        }
        let s = PyString::intern(py, k);
        self.keys.insert(k.to_string(), s.clone().unbind());
        s
    }
}

/// A Python error for a source error: the CLI's message, as a `ValueError`
/// (bad input) or an `OSError` (a file that cannot be read).
pub fn source_err(e: SourceError) -> PyErr {
    match e {
        SourceError::Io { .. } => pyo3::exceptions::PyOSError::new_err(e.to_string()),
        _ => PyValueError::new_err(e.to_string()),
    }
}

/// The text of a `str` or `bytes` argument, checked as the CLI checks a file
/// (`input` names it in errors): not empty, not over the size cap, no NUL byte
/// (binary data), valid UTF-8. A `str` keeps every character, a leading BOM
/// too, so offsets are offsets into it; `bytes` lose a UTF-8 BOM, as files do.
pub fn text_arg(obj: &Bound<'_, PyAny>, input: &str, what: &str) -> PyResult<String> {
    let opts = SourceOptions::default();
    if let Ok(s) = obj.cast::<PyString>() {
        let text = s.to_cow().map_err(|_| {
            PyValueError::new_err(format!(
                "{input}: not valid Unicode text (a lone surrogate), so no UTF-8"
            ))
        })?;
        whosaid_extract::check_size(text.as_bytes(), input, &opts).map_err(source_err)?;
        if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
            return Err(source_err(SourceError::Binary {
                input: input.to_string(),
                offset,
            }));
        }
        return Ok(text.into_owned());
    }
    if let Ok(b) = obj.cast::<PyBytes>() {
        return whosaid_extract::decode_text(b.as_bytes().to_vec(), input, &opts)
            .map_err(source_err);
    }
    Err(PyTypeError::new_err(format!(
        "{input}: {what} must be str or bytes, not {}",
        type_name(obj)
    )))
}

pub fn type_name(obj: &Bound<'_, PyAny>) -> String {
    obj.get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".into())
}

/// The fields of an input record (`{"id", "text"}` or `{"id", "html", "url"}`,
/// with optional `title`, `url`, `published`/`date`, `publisher`/`source`),
/// read from a Python dict.
pub const RECORD_FIELDS: [&str; 9] = [
    "id",
    "text",
    "html",
    "url",
    "title",
    "published",
    "date",
    "publisher",
    "source",
];

/// A Python dict as an input record: the JSON Lines record of the CLI, so it
/// is read by the same code (`whosaid_extract::parse_jsonl_line`) with the same
/// checks. Unknown keys are ignored, as in JSON Lines input, and so are keys
/// set to None; without an id, the record's id is `default_id`.
pub fn record_json(d: &Bound<'_, PyDict>, input: &str, default_id: &str) -> PyResult<Vec<u8>> {
    let mut o = serde_json::Map::new();
    for k in RECORD_FIELDS {
        let Some(v) = d.get_item(k)?.filter(|v| !v.is_none()) else {
            continue;
        };
        let v = if let Ok(s) = v.cast::<PyString>() {
            Value::String(
                s.to_cow()
                    .map_err(|_| {
                        PyValueError::new_err(format!("{input}: \"{k}\" is not valid Unicode text"))
                    })?
                    .into_owned(),
            )
        } else if k == "text" || k == "html" {
            if let Ok(b) = v.cast::<PyBytes>() {
                let text = whosaid_extract::decode_text(
                    b.as_bytes().to_vec(),
                    input,
                    &SourceOptions::default(),
                )
                .map_err(source_err)?;
                Value::String(text)
            } else {
                return Err(bad_field(input, k, &v));
            }
        } else if k == "id" && v.cast::<PyInt>().is_ok() && v.cast::<PyBool>().is_err() {
            Value::Number(v.extract::<i64>()?.into())
        } else {
            return Err(bad_field(input, k, &v));
        };
        o.insert(k.to_string(), v);
    }
    o.entry("id")
        .or_insert_with(|| Value::String(default_id.to_string()));
    Ok(Value::Object(o).to_string().into_bytes())
}

fn bad_field(input: &str, k: &str, v: &Bound<'_, PyAny>) -> PyErr {
    let want = if k == "id" { "a str or int" } else { "a str" };
    PyTypeError::new_err(format!(
        "{input}: \"{k}\" must be {want}, not {}",
        type_name(v)
    ))
}

/// A record (see `record_json`) as a document, with the CLI's errors; `input`
/// names it and `n` is its place (1-based, as a line number).
pub fn record_document(json: &[u8], input: &str, n: usize) -> Result<Document, SourceError> {
    whosaid_extract::parse_jsonl_line(json, input, n, &SourceOptions::default())
}

/// A dict record with a `text` as a document, read straight from the dict (the
/// common case, without the JSON round trip of `record_json`): the same fields
/// and checks as a JSON Lines record (`title`, `url`, `published` or `date`,
/// `publisher` or `source`). None for a record without `text` (an `html` page).
pub fn text_record(
    d: &Bound<'_, PyDict>,
    input: &str,
    default_id: &str,
) -> PyResult<Option<Document>> {
    let Some(text) = d.get_item("text")?.filter(|t| !t.is_none()) else {
        return Ok(None);
    };
    let field = |k: &str| -> PyResult<Option<String>> {
        match d.get_item(k)?.filter(|v| !v.is_none()) {
            None => Ok(None),
            Some(v) => match v.cast::<PyString>() {
                Ok(s) => Ok(Some(s.to_cow()?.into_owned())),
                Err(_) => Err(bad_field(input, k, &v)),
            },
        }
    };
    let id = match d.get_item("id")?.filter(|v| !v.is_none()) {
        None => default_id.to_string(),
        Some(v) if v.cast::<PyString>().is_ok() => v.extract()?,
        Some(v) if v.cast::<PyInt>().is_ok() && v.cast::<PyBool>().is_err() => {
            v.extract::<i64>()?.to_string()
        }
        Some(v) => return Err(bad_field(input, "id", &v)),
    };
    // a str is taken as a JSON Lines record's text is (an empty one too); bytes are checked as a file
    let text = match text.cast::<PyString>() {
        Ok(s) => s
            .to_cow()
            .map_err(|_| {
                PyValueError::new_err(format!("{input}: \"text\" is not valid Unicode text"))
            })?
            .into_owned(),
        Err(_) if text.cast::<PyBytes>().is_ok() => text_arg(&text, input, "\"text\"")?,
        Err(_) => return Err(bad_field(input, "text", &text)),
    };
    let mut doc = Document::new(id, text);
    doc.meta.title = field("title")?;
    doc.meta.url = field("url")?;
    doc.meta.published = field("published")?.or(field("date")?);
    doc.meta.publisher = field("publisher")?.or(field("source")?);
    Ok(Some(doc))
}
