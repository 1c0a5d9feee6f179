//! The record of an analysed document as Python objects, built straight from
//! the `Document`: the same dicts, keys (in the same order), lists, strings and
//! numbers as `json.loads` of the line `whosaid_pipeline::contract::write_json_line`
//! writes for the CLI's JSON Lines, without writing and parsing that JSON.
//!
//! Why not the JSON: writing a record and parsing it back cost about as much as
//! the analysis of a 3 KB article (bench/bench.py). Built here, a record costs
//! only its Python objects, and fewer of those:
//! - keys are interned once per process, and dicts of more than five keys are
//!   copies of a template holding their keys in order (no resizing, no hashing
//!   of keys), with only the non-null values set; a quote's template has its
//!   `kind` and a speaker's its `resolution` and `type` already set; smaller
//!   dicts are new ones filled in key order (cheaper than a copy);
//! - the words of closed vocabularies (kinds, types, resolutions, reasons,
//!   channels ...), offsets and confidences are made once per process, and
//!   entity ids and names once per record, so a speaker's entity and name on
//!   every quote are one object each (other strings seldom repeat: sharing them
//!   by content cost more in hashing than it saved, measured with callgrind);
//! - `text` is the caller's own `str` when the record's text is that string,
//!   and span texts are cut from it by code point (no UTF-8 to decode).
//!
//! What is left is CPython's own work: on a 3 KB article some 300 dict
//! insertions at about 200 instructions each are half of a record's
//! instructions (callgrind), and a record built back to back costs about a
//! fifth of the analysis (bench/bench.py); `marshal.loads` of the same record
//! takes twice as long.
//!
//! This mirrors `write_json_line` field by field; the tests below compare the two
//! on analysed documents and on one with every optional field set, so a field
//! added to the contract fails them until it is added here.

use pyo3::ffi;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock, TryLockError};
use whosaid_core::{CharOffsets, Document, Quote, Span};

/// An analysed document with its code point offsets (computed beside the
/// analysis, off the GIL), ready to become a record.
pub struct Analysed {
    pub doc: Document,
    pub offsets: CharOffsets,
}

impl Analysed {
    pub fn new(doc: Document) -> Self {
        let offsets = CharOffsets::new(&doc.text);
        Analysed { doc, offsets }
    }

    /// A document whose text is known to be ASCII (the caller's `str` has as
    /// many code points as its UTF-8 has bytes): every code point offset is its
    /// byte offset, so there is nothing to scan.
    pub fn ascii(doc: Document) -> Self {
        debug_assert!(doc.text.is_ascii());
        Analysed {
            doc,
            offsets: CharOffsets::new(""),
        }
    }

    /// The length of the text in code points (as Python counts a `str`).
    pub fn char_len(&self) -> usize {
        self.offsets.char_of(self.doc.text.len())
    }
}

/// The key lists of the template dicts of the large objects, in the
/// contract's order (sorted, as `serde_json::Map` keeps them). Optional keys
/// give a template for each case. Objects of five keys or fewer (spans,
/// speakers, entities, times ...) are new dicts filled in that order instead:
/// that fits a new dict's first key table and costs less than a copy.
const TOP: &[&str] = &[
    "boilerplate",
    "entities",
    "events",
    "id",
    "meta",
    "quotes",
    "text",
];
const TOP_WARNINGS: &[&str] = &[
    "boilerplate",
    "entities",
    "events",
    "id",
    "meta",
    "quotes",
    "text",
    "warnings",
];
const META: &[&str] = &[
    "authors",
    "crawled",
    "credits",
    "date_source",
    "language",
    "modified",
    "origin",
    "published",
    "publisher",
    "title",
    "url",
];
const EVENT: &[&str] = &["code", "end", "source", "start", "target", "trigger"];
/// The quote's keys; `fragments` (after `end`) and `quoted` (after `kind`) only
/// when not empty: [`quote_keys`] gives the four lists.
const QUOTE: &[&str] = &[
    "addressee",
    "channel",
    "channel_span",
    "confidence",
    "cue",
    "date_basis",
    "end",
    "kind",
    "said_on",
    "speaker",
    "start",
    "text",
    "time",
];

/// The quote keys with `fragments` and `quoted` as present.
fn quote_keys(fragments: bool, quoted: bool) -> Vec<&'static str> {
    let mut k = Vec::with_capacity(QUOTE.len() + 2);
    for &key in QUOTE {
        k.push(key);
        if key == "end" && fragments {
            k.push("fragments");
        }
        if key == "kind" && quoted {
            k.push("quoted");
        }
    }
    k
}

const SPEAKER: &[&str] = &["entity", "mention", "name", "resolution", "type"];

/// Which preset template: the quote's (by `fragments as usize * 2 + quoted
/// as usize`) or the speaker's, and the words preset in it, by address and
/// length as in [`Shared::words`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Preset {
    Quote(usize, (usize, usize)),
    Speaker((usize, usize), (usize, usize)),
}

fn word_key(w: &'static str) -> (usize, usize) {
    (w.as_ptr() as usize, w.len())
}

/// Python objects made once per process and shared by every record.
struct Shared {
    /// Template dicts by their key lists: every key set to None. Copied, never changed.
    top: [Py<PyDict>; 2],
    meta: Py<PyDict>,
    event: Py<PyDict>,
    /// Templates with words of closed vocabularies preset (a quote's `kind`,
    /// a speaker's `resolution` and `type`), made on first use: a copy of one
    /// needs those values set no more ([`Preset`]).
    presets: HashMap<Preset, Py<PyDict>>,
    /// Offsets below [`INT_CACHE`] as one `int` object each, made on first use:
    /// a record's offsets become a reference each instead of an allocation.
    ints: Vec<Option<Py<PyAny>>>,
    /// The words of closed vocabularies (`as_str` of the core's enums), by
    /// address and length (the same word at two addresses is one interned
    /// object all the same): no hashing of their bytes.
    words: HashMap<(usize, usize), Py<PyString>>,
    /// Confidences (two decimals: at most 101 values in 0..=1) as one `float`
    /// object each, by hundredths, with the exact value they hold.
    floats: Vec<Option<(f64, Py<PyAny>)>>,
}

fn template(py: Python<'_>, keys: &[&str]) -> PyResult<Py<PyDict>> {
    let d = PyDict::new(py);
    for k in keys {
        d.set_item(PyString::intern(py, k), py.None())?;
    }
    Ok(d.unbind())
}

impl Shared {
    fn new(py: Python<'_>) -> PyResult<Self> {
        Ok(Shared {
            top: [template(py, TOP)?, template(py, TOP_WARNINGS)?],
            meta: template(py, META)?,
            event: template(py, EVENT)?,
            presets: HashMap::default(),
            ints: Vec::new(),
            words: HashMap::default(),
            floats: Vec::new(),
        })
    }
}

/// Offsets below this share their `int` objects across records (as CPython
/// shares those below 257): a 64 K character article's at most, 512 KiB of
/// slots and the ints made.
const INT_CACHE: usize = 1 << 16;

/// Runs `f` with the shared objects (made on first use). A conversion that
/// starts while another holds them (a finaliser analysing during a conversion)
/// gets its own.
fn with_shared<T>(py: Python<'_>, f: impl FnOnce(&mut Shared) -> PyResult<T>) -> PyResult<T> {
    static SHARED: OnceLock<Mutex<Shared>> = OnceLock::new();
    let cell = match SHARED.get() {
        Some(c) => c,
        None => {
            let s = Shared::new(py)?;
            SHARED.get_or_init(|| Mutex::new(s))
        }
    };
    match cell.try_lock() {
        Ok(mut s) => f(&mut s),
        // a conversion that panicked left them as they were (templates are never
        // changed, a word is added whole or not at all)
        Err(TryLockError::Poisoned(p)) => f(&mut p.into_inner()),
        Err(TryLockError::WouldBlock) => f(&mut Shared::new(py)?),
    }
}

/// A new reference from the C API as a `Bound`, or the Python error it set.
#[inline]
fn own(py: Python<'_>, p: *mut ffi::PyObject) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: `p` is a new (owned) reference or null with an exception set,
    // as every C API function called below returns.
    unsafe { Bound::from_owned_ptr_or_err(py, p) }
}

#[inline]
fn new_str<'py>(py: Python<'py>, s: &str) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: a valid UTF-8 buffer of that length
    own(py, unsafe {
        ffi::PyUnicode_FromStringAndSize(s.as_ptr().cast(), s.len() as ffi::Py_ssize_t)
    })
}

#[inline]
fn new_int(py: Python<'_>, n: usize) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: plain value conversion
    own(py, unsafe { ffi::PyLong_FromSize_t(n) })
}

#[inline]
fn new_float(py: Python<'_>, x: f64) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: plain value conversion
    own(py, unsafe { ffi::PyFloat_FromDouble(x) })
}

/// `d[k] = v` (keys are interned strings: their hash is cached and a template's
/// slot is found by identity).
#[inline]
fn put(d: &Bound<'_, PyAny>, k: &Bound<'_, PyString>, v: &Bound<'_, PyAny>) -> PyResult<()> {
    // SAFETY: `d` is a dict (made here), `k` and `v` are live objects; SetItem
    // takes its own references
    if unsafe { ffi::PyDict_SetItem(d.as_ptr(), k.as_ptr(), v.as_ptr()) } < 0 {
        return Err(PyErr::fetch(d.py()));
    }
    Ok(())
}

/// A list of `n` items made by `item`.
fn list<'py>(
    py: Python<'py>,
    n: usize,
    mut item: impl FnMut(usize) -> PyResult<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: a new list of n empty slots, each filled once below with a
    // reference it takes over (PyList_SetItem steals); a list dropped half
    // filled skips its empty slots
    let l = own(py, unsafe { ffi::PyList_New(n as ffi::Py_ssize_t) })?;
    for i in 0..n {
        let x = item(i)?;
        if unsafe { ffi::PyList_SetItem(l.as_ptr(), i as ffi::Py_ssize_t, x.into_ptr()) } < 0 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(l)
}

/// A copy of a template dict: its keys, in order, each set to None.
#[inline]
fn copy<'py>(py: Python<'py>, t: &Py<PyDict>) -> PyResult<Bound<'py, PyAny>> {
    // SAFETY: `t` is a dict
    own(py, unsafe { ffi::PyDict_Copy(t.as_ptr()) })
}

/// A new empty dict (for a small one, filled in key order: cheaper than a
/// template's copy).
#[inline]
fn new_dict(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    // SAFETY: no arguments
    own(py, unsafe { ffi::PyDict_New() })
}

/// Builds one record.
struct Builder<'py, 'a, 's> {
    py: Python<'py>,
    doc: &'a Document,
    co: &'a CharOffsets,
    shared: &'s mut Shared,
    /// Entity ids and names made for this record, by entity: a speaker's
    /// entity and name on every quote are the entity's objects.
    ids: Vec<Option<Bound<'py, PyAny>>>,
    names: Vec<Option<Bound<'py, PyAny>>>,
    /// The last `said_on` made: statements of an article mostly share it.
    said_on: Option<(&'a str, Bound<'py, PyAny>)>,
    /// The caller's `str` the document's text was read from, if any: the
    /// texts of spans are cut from it by code point (a copy of its characters,
    /// no UTF-8 to decode).
    src: Option<&'a Bound<'py, PyString>>,
}

impl<'py, 'a> Builder<'py, 'a, '_> {
    fn none(&self) -> Bound<'py, PyAny> {
        self.py.None().into_bound(self.py)
    }

    /// An offset: below [`INT_CACHE`], one object per process.
    fn int(&mut self, n: usize) -> PyResult<Bound<'py, PyAny>> {
        if n >= INT_CACHE {
            return new_int(self.py, n);
        }
        let ints = &mut self.shared.ints;
        if n >= ints.len() {
            ints.resize_with((n + 1).next_power_of_two().max(1024), || None);
        }
        if let Some(o) = &ints[n] {
            return Ok(o.bind(self.py).clone());
        }
        let o = new_int(self.py, n)?;
        ints[n] = Some(o.clone().unbind());
        Ok(o)
    }

    /// A confidence: those of two decimals in 0..=1, one object per process.
    fn float(&mut self, c: f64) -> PyResult<Bound<'py, PyAny>> {
        let hundredths = (c * 100.0).round();
        if !(0.0..=100.0).contains(&hundredths) {
            return new_float(self.py, c);
        }
        let i = hundredths as usize;
        let floats = &mut self.shared.floats;
        if floats.is_empty() {
            floats.resize_with(101, || None);
        }
        if let Some((v, o)) = &floats[i] {
            if v.to_bits() == c.to_bits() {
                return Ok(o.bind(self.py).clone());
            }
            return new_float(self.py, c);
        }
        let o = new_float(self.py, c)?;
        floats[i] = Some((c, o.clone().unbind()));
        Ok(o)
    }

    fn opt_str(&self, s: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
        match s {
            Some(s) => new_str(self.py, s),
            None => Ok(self.none()),
        }
    }

    /// The text of a span. (Not shared by span or content: few repeat, and
    /// hashing costs about as much as making a short string.)
    fn text(&self, s: Span) -> PyResult<Bound<'py, PyAny>> {
        let (a, b) = self.range(s);
        self.text_at(s, a, b)
    }

    /// The text of a span at code points `a..b`.
    #[inline]
    fn text_at(&self, s: Span, a: usize, b: usize) -> PyResult<Bound<'py, PyAny>> {
        match self.src {
            // SAFETY: `src` is a live str of the document's text (same length
            // in code points), and `a..b` a range of code points within it
            Some(src) => own(self.py, unsafe {
                ffi::PyUnicode_Substring(src.as_ptr(), a as ffi::Py_ssize_t, b as ffi::Py_ssize_t)
            }),
            None => new_str(self.py, s.of(&self.doc.text)),
        }
    }

    fn fresh(&self, s: &str) -> PyResult<Bound<'py, PyAny>> {
        new_str(self.py, s)
    }

    /// A copy of the preset template `p`, made by `make` on first use.
    fn preset(
        &mut self,
        p: Preset,
        make: impl FnOnce(&mut Self) -> PyResult<Py<PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        if let Some(t) = self.shared.presets.get(&p) {
            return copy(self.py, t);
        }
        let t = make(self)?;
        let d = copy(self.py, &t);
        self.shared.presets.insert(p, t);
        d
    }

    /// A template dict of `keys`, every value None but these words.
    fn template(&mut self, keys: &[&str], words: &[(&str, &'static str)]) -> PyResult<Py<PyDict>> {
        let t = template(self.py, keys)?;
        for &(k, w) in words {
            t.bind(self.py)
                .set_item(PyString::intern(self.py, k), self.word(w))?;
        }
        Ok(t)
    }

    /// A word of a closed vocabulary: one object per process.
    fn word(&mut self, w: &'static str) -> Bound<'py, PyAny> {
        let py = self.py;
        self.shared
            .words
            .entry(word_key(w))
            .or_insert_with(|| PyString::intern(py, w).unbind())
            .bind(py)
            .clone()
            .into_any()
    }

    /// The id of entity `i`: one object per record.
    fn entity_id(&mut self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        if let Some(o) = &self.ids[i] {
            return Ok(o.clone());
        }
        let o = new_str(self.py, &self.doc.entities[i].id)?;
        self.ids[i] = Some(o.clone());
        Ok(o)
    }

    /// The name of entity `i`: one object per record.
    fn entity_name(&mut self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        if let Some(o) = &self.names[i] {
            return Ok(o.clone());
        }
        let o = new_str(self.py, &self.doc.entities[i].name)?;
        self.names[i] = Some(o.clone());
        Ok(o)
    }

    fn opt_entity(&mut self, i: Option<usize>) -> PyResult<Bound<'py, PyAny>> {
        match i {
            Some(i) => self.entity_id(i),
            None => Ok(self.none()),
        }
    }

    fn range(&self, s: Span) -> (usize, usize) {
        (self.co.char_of(s.start), self.co.char_of(s.end))
    }

    /// `{"end", "start", "text"}`.
    fn span(&mut self, s: Span) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let (a, b) = self.range(s);
        let d = new_dict(py)?;
        put(&d, intern!(py, "end"), &self.int(b)?)?;
        put(&d, intern!(py, "start"), &self.int(a)?)?;
        put(&d, intern!(py, "text"), &self.text_at(s, a, b)?)?;
        Ok(d)
    }

    fn opt_span(&mut self, s: Option<Span>) -> PyResult<Bound<'py, PyAny>> {
        match s {
            Some(s) => self.span(s),
            None => Ok(self.none()),
        }
    }

    /// `[[start, end], ...]`.
    fn pairs(&mut self, spans: &[Span]) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        list(py, spans.len(), |i| {
            let (a, b) = self.range(spans[i]);
            let pair = [self.int(a)?, self.int(b)?];
            list(py, 2, |j| Ok(pair[j].clone()))
        })
    }

    fn strings(&mut self, v: &'a [String]) -> PyResult<Bound<'py, PyAny>> {
        list(self.py, v.len(), |i| self.fresh(&v[i]))
    }

    fn record(&mut self, text: Option<&Bound<'py, PyString>>) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let doc = self.doc;
        let top = copy(py, &self.shared.top[usize::from(!doc.warnings.is_empty())])?;
        let boilerplate = list(py, doc.boilerplate.len(), |i| {
            let b = &doc.boilerplate[i];
            let (s, e) = self.range(b.span);
            let d = new_dict(py)?;
            put(&d, intern!(py, "end"), &self.int(e)?)?;
            put(&d, intern!(py, "reason"), &self.word(b.reason.as_str()))?;
            put(&d, intern!(py, "start"), &self.int(s)?)?;
            Ok(d)
        })?;
        put(&top, intern!(py, "boilerplate"), &boilerplate)?;
        let entities = list(py, doc.entities.len(), |i| self.entity(i))?;
        put(&top, intern!(py, "entities"), &entities)?;
        let events = list(py, doc.events.len(), |i| self.event(i))?;
        put(&top, intern!(py, "events"), &events)?;
        put(&top, intern!(py, "id"), &new_str(py, &doc.id)?)?;
        put(&top, intern!(py, "meta"), &self.meta()?)?;
        let quotes = list(py, doc.quotes.len(), |i| self.quote(&doc.quotes[i]))?;
        put(&top, intern!(py, "quotes"), &quotes)?;
        let text = match text {
            Some(t) => t.clone().into_any(),
            None => new_str(py, &doc.text)?,
        };
        put(&top, intern!(py, "text"), &text)?;
        if !doc.warnings.is_empty() {
            let w = self.strings(&doc.warnings)?;
            put(&top, intern!(py, "warnings"), &w)?;
        }
        Ok(top)
    }

    fn meta(&mut self) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let doc = self.doc;
        let m = &doc.meta;
        let d = copy(py, &self.shared.meta)?;
        put(&d, intern!(py, "authors"), &self.strings(&m.authors)?)?;
        if m.crawled.is_some() {
            put(
                &d,
                intern!(py, "crawled"),
                &self.opt_str(m.crawled.as_deref())?,
            )?;
        }
        put(&d, intern!(py, "credits"), &self.strings(&m.credits)?)?;
        // an object: sorted keys, the last of a repeated key wins
        let sources: BTreeMap<&str, &str> = m
            .date_source
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let ds = PyDict::new(py).into_any();
        for (k, v) in sources {
            let k = self.fresh(k)?;
            // SAFETY: `ds` is a dict; SetItem takes its own references
            if unsafe { ffi::PyDict_SetItem(ds.as_ptr(), k.as_ptr(), self.fresh(v)?.as_ptr()) } < 0
            {
                return Err(PyErr::fetch(py));
            }
        }
        put(&d, intern!(py, "date_source"), &ds)?;
        let language = m.language.as_deref().unwrap_or("en");
        put(&d, intern!(py, "language"), &self.fresh(language)?)?;
        for (k, v) in [
            (intern!(py, "modified"), &m.modified),
            (intern!(py, "published"), &m.published),
            (intern!(py, "publisher"), &m.publisher),
            (intern!(py, "title"), &m.title),
            (intern!(py, "url"), &m.url),
        ] {
            if let Some(v) = v {
                put(&d, k, &self.fresh(v)?)?;
            }
        }
        put(&d, intern!(py, "origin"), &self.strings(&m.origin)?)?;
        Ok(d)
    }

    fn entity(&mut self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let doc = self.doc;
        let e = &doc.entities[i];
        let d = new_dict(py)?;
        put(&d, intern!(py, "id"), &self.entity_id(i)?)?;
        if let Some(k) = &e.kb_id {
            put(&d, intern!(py, "kb_id"), &self.fresh(k)?)?;
        }
        let mentions = list(py, e.mentions.len(), |j| {
            self.span(doc.mentions[e.mentions[j]].span)
        })?;
        put(&d, intern!(py, "mentions"), &mentions)?;
        put(&d, intern!(py, "name"), &self.entity_name(i)?)?;
        put(&d, intern!(py, "type"), &self.word(e.etype.as_str()))?;
        Ok(d)
    }

    fn event(&mut self, i: usize) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let doc = self.doc;
        let ev = &doc.events[i];
        let (s, e) = self.range(ev.span);
        let d = copy(py, &self.shared.event)?;
        put(&d, intern!(py, "code"), &self.fresh(&ev.code)?)?;
        put(&d, intern!(py, "end"), &self.int(e)?)?;
        put(&d, intern!(py, "source"), &self.opt_entity(ev.source)?)?;
        put(&d, intern!(py, "start"), &self.int(s)?)?;
        put(&d, intern!(py, "target"), &self.opt_entity(ev.target)?)?;
        put(&d, intern!(py, "trigger"), &self.span(ev.trigger)?)?;
        Ok(d)
    }

    fn quote(&mut self, q: &'a Quote) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        let doc = self.doc;
        let x = &q.context;
        let (s, e) = self.range(q.span);
        let t = usize::from(!q.fragments.is_empty()) * 2 + usize::from(!q.quoted.is_empty());
        // every value left None in the template is the contract's null
        let kind = q.kind.as_str();
        let d = self.preset(Preset::Quote(t, word_key(kind)), |b| {
            let keys = quote_keys(t & 2 != 0, t & 1 != 0);
            b.template(&keys, &[("kind", kind)])
        })?;
        if let Some(a) = &x.addressee {
            let (s, e) = self.range(a.span);
            let o = new_dict(py)?;
            put(&o, intern!(py, "end"), &self.int(e)?)?;
            put(&o, intern!(py, "entity"), &self.opt_entity(a.entity)?)?;
            put(&o, intern!(py, "start"), &self.int(s)?)?;
            put(&o, intern!(py, "text"), &self.text(a.span)?)?;
            put(&d, intern!(py, "addressee"), &o)?;
        }
        if let Some(ch) = x.channel {
            put(&d, intern!(py, "channel"), &self.word(ch.channel.as_str()))?;
            put(&d, intern!(py, "channel_span"), &self.span(ch.span)?)?;
        }
        if let Some(c) = confidence(q.confidence) {
            put(&d, intern!(py, "confidence"), &self.float(c)?)?;
        }
        if q.cue.is_some() {
            put(&d, intern!(py, "cue"), &self.opt_span(q.cue)?)?;
        }
        if let Some(b) = x.date_basis {
            put(&d, intern!(py, "date_basis"), &self.word(b.as_str()))?;
        }
        put(&d, intern!(py, "end"), &self.int(e)?)?;
        if !q.fragments.is_empty() {
            put(&d, intern!(py, "fragments"), &self.pairs(&q.fragments)?)?;
        }
        if !q.quoted.is_empty() {
            put(&d, intern!(py, "quoted"), &self.pairs(&q.quoted)?)?;
        }
        if let Some(on) = &x.said_on {
            let o = match &self.said_on {
                Some((last, o)) if *last == on.as_str() => o.clone(),
                _ => {
                    let o = new_str(py, on)?;
                    self.said_on = Some((on, o.clone()));
                    o
                }
            };
            put(&d, intern!(py, "said_on"), &o)?;
        }
        if let Some(sp) = &q.speaker {
            let (r, t) = (sp.resolution.as_str(), sp.etype.as_str());
            let o = self.preset(Preset::Speaker(word_key(r), word_key(t)), |b| {
                b.template(SPEAKER, &[("resolution", r), ("type", t)])
            })?;
            put(&o, intern!(py, "entity"), &self.opt_entity(sp.entity)?)?;
            put(&o, intern!(py, "mention"), &self.opt_span(sp.mention)?)?;
            let name = match sp.entity {
                Some(i) if doc.entities[i].name == sp.name => self.entity_name(i)?,
                _ => new_str(py, &sp.name)?,
            };
            put(&o, intern!(py, "name"), &name)?;
            put(&d, intern!(py, "speaker"), &o)?;
        }
        put(&d, intern!(py, "start"), &self.int(s)?)?;
        put(&d, intern!(py, "text"), &self.text_at(q.span, s, e)?)?;
        if let Some(tm) = &x.time {
            let (s, e) = self.range(tm.span);
            let o = new_dict(py)?;
            put(&o, intern!(py, "date"), &self.opt_str(tm.date.as_deref())?)?;
            put(&o, intern!(py, "end"), &self.int(e)?)?;
            put(
                &o,
                intern!(py, "granularity"),
                &self.word(tm.granularity.as_str()),
            )?;
            put(&o, intern!(py, "start"), &self.int(s)?)?;
            put(&o, intern!(py, "text"), &self.text(tm.span)?)?;
            put(&d, intern!(py, "time"), &o)?;
        }
        Ok(d)
    }
}

/// A statement's confidence as the contract writes it: rounded to two
/// decimals, the `f32` widened as serde_json widens it; null when not finite.
fn confidence(c: f32) -> Option<f64> {
    serde_json::json!((c * 100.0).round() / 100.0).as_f64()
}

/// The record of an analysed document. `text`, when given, is the Python
/// string the document's text was read from (the same characters): the record
/// holds it rather than a copy.
pub fn to_py<'py>(
    py: Python<'py>,
    a: &Analysed,
    text: Option<&Bound<'py, PyString>>,
) -> PyResult<Bound<'py, PyAny>> {
    with_shared(py, |shared| {
        Builder {
            py,
            doc: &a.doc,
            co: &a.offsets,
            shared,
            ids: vec![None; a.doc.entities.len()],
            names: vec![None; a.doc.entities.len()],
            said_on: None,
            src: text,
        }
        .record(text)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use whosaid_core::{
        Addressee, Boilerplate, BoilerplateReason, Channel, ChannelFinding, DateBasis, Entity,
        EntityType, Event, Gender, Granularity, QuoteContext, QuoteKind, Speaker,
        SpeakerResolution, TimeExpr,
    };
    use whosaid_nlp::Analyzer;
    use whosaid_pipeline::contract::write_json_line;

    /// The record built here and `json.loads` of the CLI's JSON Lines record are
    /// equal, keys in the same order (`json.dumps` of each gives the same text),
    /// built from the document alone and with the caller's `str` of its text
    /// (span texts cut from it by code point).
    fn same_record(d: Document) {
        Python::initialize();
        Python::attach(|py| {
            let mut line = Vec::new();
            write_json_line(&d, &mut line);
            let json = py.import("json").unwrap();
            let want = json
                .call_method1("loads", (String::from_utf8(line).unwrap(),))
                .unwrap();
            let dumps = |o: &Bound<'_, PyAny>| -> String {
                json.call_method1("dumps", (o,)).unwrap().extract().unwrap()
            };
            let source = PyString::new(py, &d.text);
            // an ASCII text's record made without scanning it for offsets too
            let ascii = d.text.is_ascii().then(|| Analysed::ascii(d.clone()));
            let a = Analysed::new(d);
            for a in std::iter::once(&a).chain(ascii.as_ref()) {
                for text in [None, Some(&source)] {
                    let got = to_py(py, a, text).unwrap();
                    assert!(got.eq(&want).unwrap(), "{got} != {want}");
                    assert_eq!(dumps(&got), dumps(&want));
                }
            }
        });
    }

    #[test]
    fn records_are_the_json_lines_records() {
        let texts = [
            "",
            "Plain words, nobody speaks.",
            "“We will win,” Trump said. The senator said the deal comes with a \
             two-year “pause” in the tax.\n\nHillary Clinton told reporters on Monday she \
             was “feeling great.” “It’s fine,” she said in an interview.",
            "Control \u{1} and \"quotes\" and \\ backslash\tand tab — “Ça va,” said Zoë \
             Müller of the Société Générale. 日本語 “テスト,” he said. 😀 “Yes,” she \
             told CNN, “and no.”",
        ];
        for quotes_only in [false, true] {
            let mut a = Analyzer::new(None);
            a.reported_speech = !quotes_only;
            for t in texts {
                let mut d = Document::new("id \"1\"", t);
                d.meta.published = Some("2016-09-08".into());
                a.analyze(&mut d);
                same_record(d);
            }
        }
    }

    /// A document with every optional field of the contract set, some twice.
    fn every_field() -> Document {
        let t = "Zoë said “a” and “b” to Ünal. 😀 Then.";
        let at = |w: &str| {
            let i = t.find(w).unwrap();
            Span::new(i, i + w.len())
        };
        let mut d = Document::new("x", t);
        Analyzer::new(None).analyze(&mut d);
        let m = &mut d.meta;
        m.title = Some("A “title”\n".into());
        m.authors = vec!["Ann".into(), "Bo".into()];
        m.published = Some("2016-09-08".into());
        m.modified = Some("2016-09-09T10:00:00Z".into());
        m.publisher = Some("Pub".into());
        m.url = Some("https://ex.org/a".into());
        m.language = Some("de".into());
        m.crawled = Some("2016-09-10".into());
        m.credits = vec!["Reporting by Ann".into()];
        m.origin = vec!["CNN".into()];
        m.date_source = vec![
            ("published".into(), "url".into()),
            ("modified".into(), "json-ld".into()),
            ("published".into(), "meta".into()),
        ];
        d.boilerplate.push(Boilerplate {
            span: at("Then."),
            reason: BoilerplateReason::Chrome,
        });
        d.entities.push(Entity {
            id: format!("E{}", d.entities.len() + 1),
            name: "Zoë".into(),
            etype: EntityType::Person,
            gender: Gender::Unknown,
            kb_id: Some("Q1".into()),
            mentions: vec![],
        });
        let e = d.entities.len() - 1;
        d.events.push(Event {
            span: at("Zoë said"),
            trigger: at("said"),
            code: "say".into(),
            source: Some(e),
            target: None,
        });
        let speaker = Speaker {
            entity: Some(e),
            name: "Zoë".into(),
            etype: EntityType::Person,
            mention: Some(at("Zoë")),
            resolution: SpeakerResolution::Named,
        };
        d.quotes.push(Quote {
            span: at("“a” and “b” to Ünal."),
            kind: QuoteKind::Mixed,
            fragments: vec![at("“a”"), at("“b”")],
            quoted: vec![at("“a”")],
            speaker: Some(speaker.clone()),
            cue: Some(at("said")),
            confidence: 0.85,
            context: QuoteContext {
                addressee: Some(Addressee {
                    span: at("Ünal"),
                    entity: Some(e),
                }),
                channel: Some(ChannelFinding {
                    channel: Channel::Interview,
                    span: at("and"),
                }),
                time: Some(TimeExpr {
                    span: at("to"),
                    date: Some("2016-09".into()),
                    granularity: Granularity::Month,
                }),
                said_on: Some("2016-09".into()),
                date_basis: Some(DateBasis::Text),
            },
        });
        for (fragments, quoted) in [(true, false), (false, true)] {
            d.quotes.push(Quote {
                span: at("😀"),
                kind: QuoteKind::Direct,
                fragments: if fragments { vec![at("😀")] } else { vec![] },
                quoted: if quoted { vec![at("😀")] } else { vec![] },
                speaker: Some(speaker.clone()),
                cue: None,
                confidence: 1.0,
                context: QuoteContext::default(),
            });
        }
        d.quotes.push(Quote {
            span: at("Zoë"),
            kind: QuoteKind::Indirect,
            fragments: vec![],
            quoted: vec![],
            speaker: Some(Speaker {
                entity: None,
                name: "someone".into(),
                etype: EntityType::Anonymous,
                mention: None,
                resolution: SpeakerResolution::Unresolved,
            }),
            cue: None,
            confidence: f32::NAN,
            context: QuoteContext {
                addressee: Some(Addressee {
                    span: at("b"),
                    entity: None,
                }),
                time: Some(TimeExpr {
                    span: at("a"),
                    date: None,
                    granularity: Granularity::Unresolved,
                }),
                ..Default::default()
            },
        });
        d.quotes.push(Quote {
            speaker: None,
            ..d.quotes[0].clone()
        });
        d.warnings
            .push("quotation mark at byte 3 is never closed".into());
        d
    }

    #[test]
    fn offsets_share_their_ints_below_the_cache_bound_and_are_right_past_it() {
        Python::initialize();
        Python::attach(|py| {
            let a = Analyzer::new(None);
            let analysed = |filler: usize| {
                let t = format!(
                    "{}“We will win,” Trump said.",
                    "Words here. ".repeat(filler)
                );
                let mut d = Document::new("x", t);
                a.analyze(&mut d);
                d
            };
            fn start<'py>(r: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
                let q = r.get_item("quotes").unwrap().get_item(0).unwrap();
                q.get_item("start").unwrap()
            }
            // past CPython's own small ints, one object for every record
            let d = analysed(40);
            let one = to_py(py, &Analysed::new(d.clone()), None).unwrap();
            let two = to_py(py, &Analysed::new(d), None).unwrap();
            assert_eq!(start(&one).extract::<usize>().unwrap(), 480);
            assert!(start(&one).is(start(&two)));
            // past the bound, made for each record, and the record is still the CLI's
            let far = analysed(INT_CACHE / 12 + 10);
            let one = to_py(py, &Analysed::new(far.clone()), None).unwrap();
            assert!(start(&one).extract::<usize>().unwrap() > INT_CACHE);
            same_record(far);
        });
    }

    #[test]
    fn every_optional_field_is_as_in_the_json_lines_record() {
        let d = every_field();
        assert!(d.entities.iter().any(|e| e.kb_id.is_none()));
        same_record(d);
    }

    #[test]
    fn the_record_holds_the_callers_text_and_shares_repeated_strings() {
        Python::initialize();
        Python::attach(|py| {
            let d = every_field();
            // the quotes of the entity made last, one after the other
            let zoe = d.entities.len() - 1;
            let first = d
                .quotes
                .iter()
                .position(|q| q.speaker.as_ref().and_then(|s| s.entity) == Some(zoe));
            let first = first.unwrap();
            let text = PyString::new(py, &d.text);
            let rec = to_py(py, &Analysed::new(d), Some(&text)).unwrap();
            assert!(rec.get_item("text").unwrap().is(&text));
            let quotes = rec.get_item("quotes").unwrap();
            let name = |i: usize| {
                quotes
                    .get_item(i)
                    .unwrap()
                    .get_item("speaker")
                    .unwrap()
                    .get_item("name")
                    .unwrap()
            };
            assert_eq!(name(first).extract::<String>().unwrap(), "Zoë");
            assert!(name(first).is(name(first + 1)));
            // the closed vocabularies are one object per process
            let other = to_py(py, &Analysed::new(every_field()), None).unwrap();
            fn kind<'py>(r: &Bound<'py, PyAny>) -> Bound<'py, PyAny> {
                let q = r.get_item("quotes").unwrap().get_item(0).unwrap();
                q.get_item("kind").unwrap()
            }
            assert!(kind(&rec).is(kind(&other)));
            // and so are the confidences (two decimals)
            let conf = |r: &Bound<'_, PyAny>| {
                let q = r.get_item("quotes").unwrap().get_item(0).unwrap();
                q.get_item("confidence").unwrap().unbind()
            };
            assert!(conf(&rec).extract::<f64>(py).is_ok());
            assert!(conf(&rec).is(conf(&other)));
        });
    }
}
