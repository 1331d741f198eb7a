//! `claimtag._claimtag`: the native half of the Python package.
//!
//! A thin shell over the core crate: documents cross the boundary as owned strings, the
//! annotating runs with the GIL released (on a rayon pool for `annotate_many`), and the
//! result comes back as the dict `json.loads` would make of the CLI's line (see `topy`).
//! Everything the user can get wrong raises `ClaimtagError` with the CLI's wording, and a
//! panic in the core becomes a `ClaimtagError` of kind `internal` instead of unwinding
//! into the interpreter.

mod topy;

use std::collections::{HashMap, VecDeque};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, channel};
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyString};
use rayon::prelude::*;
use serde_json::{Map, Value};

/// The CLI's allocator, for the same reason (see `src/main.rs`): it only serves the
/// Rust side, Python's objects keep CPython's allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    claimtag,
    ClaimtagError,
    PyValueError,
    "Bad input or configuration, worded as the claimtag CLI words it. `kind` says which: \
     `input` (text not a string, no text field), `encoding` (a lone surrogate), `config` \
     (unknown layer, unreadable or malformed lexicon) or `internal` (a bug: the core panicked)."
);

fn claimtag_error(py: Python<'_>, kind: &str, message: impl Into<String>) -> PyErr {
    let err = ClaimtagError::new_err(message.into());
    // Setting an attribute on a fresh exception object cannot fail short of memory
    // exhaustion, and then the exception itself still says what went wrong.
    let _ = err.value(py).setattr("kind", kind);
    err
}

/// A document as it crosses into Rust: everything owned, so the GIL can be released.
struct Item {
    doc: claimtag::Document,
    source: Option<String>,
    meta: Option<Map<String, Value>>,
}

/// What the core made of one document: the annotation, or the panic message.
type Outcome = Result<claimtag::Annotation, String>;

fn annotate_item(annotator: &claimtag::Annotator, item: Item) -> Outcome {
    let Item { doc, source, meta } = item;
    guarded(&doc.id, || annotator.annotate(&doc)).map(|mut annotation| {
        annotation.source = source;
        annotation.meta = meta;
        annotation
    })
}

/// Runs the core on one document; a panic becomes the message of an `internal` error
/// instead of unwinding into the interpreter.
fn guarded<T>(id: &str, run: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(run)).map_err(|payload| {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        format!("internal error while annotating document `{id}`: {what}")
    })
}

/// A panic inside the guard, for the test that a panic arrives as `ClaimtagError`: no
/// input is known to make the core panic, so the guard is exercised directly.
#[pyfunction]
fn _panic_through_guard(py: Python<'_>, message: String) -> PyResult<()> {
    let outcome: Outcome =
        py.detach(|| guarded("test", || -> claimtag::Annotation { panic!("{message}") }));
    outcome_to_python(py, &mut topy::Keys::default(), outcome).map(|_| ())
}

/// The text of a Python string as UTF-8, or the CLI's encoding message: a lone surrogate
/// is what a Python string holds where its bytes were not UTF-8 (`surrogateescape`), so it
/// is reported at the byte offset the CLI would give for those bytes.
fn text_of(py: Python<'_>, text: &Bound<'_, PyString>) -> PyResult<String> {
    match text.to_cow() {
        Ok(cow) => Ok(cow.into_owned()),
        Err(_) => {
            let (byte, char_index) = surrogate_position(text)?;
            Err(claimtag_error(
                py,
                "encoding",
                format!(
                    "invalid UTF-8 at byte {byte} (a lone surrogate at character {char_index}; \
                     text must be valid Unicode)"
                ),
            ))
        }
    }
}

fn surrogate_position(text: &Bound<'_, PyString>) -> PyResult<(usize, usize)> {
    let bytes = text.call_method1("encode", ("utf-8", "surrogatepass"))?;
    let bytes: Vec<u8> = bytes.extract()?;
    let byte = match std::str::from_utf8(&bytes) {
        Ok(_) => bytes.len(),
        Err(e) => e.valid_up_to(),
    };
    let char_index = std::str::from_utf8(&bytes[..byte]).map_or(0, |s| s.chars().count());
    Ok((byte, char_index))
}

/// A dict's `id` as the CLI reads it: a string, or a number written as its digits;
/// anything else (or nothing) gives the fallback.
fn id_of(value: Option<Bound<'_, PyAny>>, fallback: impl FnOnce() -> String) -> PyResult<String> {
    match value {
        Some(v) if v.is_instance_of::<PyString>() => Ok(v.extract()?),
        Some(v)
            if !v.is_instance_of::<pyo3::types::PyBool>()
                && (v.is_instance_of::<pyo3::types::PyInt>()
                    || v.is_instance_of::<pyo3::types::PyFloat>()) =>
        {
            Ok(v.str()?.extract()?)
        }
        _ => Ok(fallback()),
    }
}

/// Turns one input of `annotate_many` (a string, or a mapping with the id and text
/// fields) into an [`Item`]; `position` numbers the input from 0 for fallback ids and
/// messages.
fn item_of(
    py: Python<'_>,
    value: &Bound<'_, PyAny>,
    position: usize,
    fields: &Fields,
) -> PyResult<Item> {
    let fallback = || position.to_string();
    if let Ok(text) = value.cast::<PyString>() {
        return Ok(Item {
            doc: claimtag::Document::new(fallback(), text_of(py, text)?),
            source: fields.source.clone(),
            meta: None,
        });
    }
    let Ok(dict) = value.cast::<PyDict>() else {
        return Err(claimtag_error(
            py,
            "input",
            format!(
                "item {position}: not a string or a dict (got {})",
                value.get_type().name()?
            ),
        ));
    };
    let id = id_of(dict.get_item(&fields.id)?, fallback)?;
    let text = match dict.get_item(&fields.text)? {
        Some(text) => match text.cast::<PyString>() {
            Ok(text) => text_of(py, text).map_err(|e| prefixed(py, e, position))?,
            Err(_) => {
                return Err(claimtag_error(
                    py,
                    "input",
                    format!("item {position}: field `{}` is not a string", fields.text),
                ));
            }
        },
        None => {
            return Err(claimtag_error(
                py,
                "input",
                format!("item {position}: no `{}` field", fields.text),
            ));
        }
    };
    // The other fields in the order the CLI writes them: it removes the id and then the
    // text from the line's object with `swap_remove` (serde_json's `remove` under
    // `preserve_order`), which moves the last field into the gap.
    let mut order: Vec<Bound<'_, PyAny>> = dict.keys().iter().collect();
    for field in [&fields.id, &fields.text] {
        let at = order.iter().position(|k| {
            k.cast::<PyString>()
                .is_ok_and(|k| k.to_cow().is_ok_and(|k| k == *field))
        });
        if let Some(at) = at {
            order.swap_remove(at);
        }
    }
    let meta = if order.is_empty() {
        None
    } else {
        let rest = PyDict::new(py);
        for key in order {
            let value = dict.get_item(&key)?;
            rest.set_item(key, value)?;
        }
        Some(meta_of(py, rest.as_any())?)
    };
    Ok(Item {
        doc: claimtag::Document::new(id, text),
        source: fields.source.clone(),
        meta,
    })
}

/// The CLI's `line N: ` prefix, as `item N: ` for the N-th input.
fn prefixed(py: Python<'_>, err: PyErr, position: usize) -> PyErr {
    if err.is_instance_of::<ClaimtagError>(py) {
        let kind = err
            .value(py)
            .getattr("kind")
            .and_then(|k| k.extract::<String>())
            .unwrap_or_else(|_| "input".to_string());
        claimtag_error(py, &kind, format!("item {position}: {}", err.value(py)))
    } else {
        err
    }
}

/// Extra fields of an input dict, as the JSON object the CLI would carry to `meta`: what
/// `json.dumps` makes of them (so a value JSON cannot hold is refused as it would be).
fn meta_of(py: Python<'_>, rest: &Bound<'_, PyAny>) -> PyResult<Map<String, Value>> {
    let json = py
        .import("json")?
        .call_method1("dumps", (rest,))
        .map_err(|e| claimtag_error(py, "input", format!("meta fields are not JSON: {e}")))?;
    let json: String = json.extract()?;
    match serde_json::from_str(&json) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(claimtag_error(
            py,
            "input",
            "meta fields are not a JSON object",
        )),
        Err(e) => Err(claimtag_error(
            py,
            "input",
            format!("meta fields are not JSON: {e}"),
        )),
    }
}

/// Which dict fields hold the id and the text (the CLI's `--id-field`/`--text-field`),
/// and the `source` every output of the call carries.
#[derive(Clone)]
struct Fields {
    id: String,
    text: String,
    source: Option<String>,
}

fn layers_of(py: Python<'_>, layers: &Bound<'_, PyAny>) -> PyResult<claimtag::Layers> {
    let spec = if let Ok(s) = layers.cast::<PyString>() {
        s.to_cow()?.into_owned()
    } else {
        let mut names = Vec::new();
        for name in layers.try_iter()? {
            names.push(name?.extract::<String>()?);
        }
        if names.is_empty() {
            "none".to_string()
        } else {
            names.join(",")
        }
    };
    claimtag::Layers::parse(&spec).map_err(|e| claimtag_error(py, "config", e.to_string()))
}

fn lexicons_of(
    py: Python<'_>,
    lexicon: Option<&Bound<'_, PyAny>>,
) -> PyResult<Vec<claimtag::UserLexicon>> {
    let Some(lexicon) = lexicon else {
        return Ok(Vec::new());
    };
    if lexicon.is_none() {
        return Ok(Vec::new());
    }
    let one = |value: &Bound<'_, PyAny>| -> PyResult<claimtag::UserLexicon> {
        if value.is_instance_of::<PyDict>() {
            let json: String = py
                .import("json")?
                .call_method1("dumps", (value,))?
                .extract()?;
            return claimtag::UserLexicon::from_json(&json, "<dict>")
                .map_err(|e| claimtag_error(py, "config", e.to_string()));
        }
        let path: PathBuf = py
            .import("os")?
            .call_method1("fspath", (value,))?
            .extract()?;
        claimtag::UserLexicon::read(&path).map_err(|e| claimtag_error(py, "config", e.to_string()))
    };
    let is_single = lexicon.is_instance_of::<PyString>()
        || lexicon.is_instance_of::<PyDict>()
        || lexicon.hasattr("__fspath__")?;
    if is_single {
        return Ok(vec![one(lexicon)?]);
    }
    let mut lexicons = Vec::new();
    for value in lexicon.try_iter()? {
        lexicons.push(one(&value?)?);
    }
    Ok(lexicons)
}

/// The pool for a thread count, built once per count: `None` is rayon's global pool
/// (every core, as the CLI's default).
fn pool_for(py: Python<'_>, threads: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let Some(threads) = threads else {
        return Ok(None);
    };
    if threads == 0 {
        return Err(claimtag_error(py, "config", "threads must be at least 1"));
    }
    let mut pools = POOLS
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(pool) = pools.get(&threads) {
        return Ok(Some(pool.clone()));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(|i| format!("claimtag-{i}"))
        .build()
        .map_err(|e| claimtag_error(py, "internal", format!("cannot start threads: {e}")))?;
    let pool = Arc::new(pool);
    pools.insert(threads, pool.clone());
    Ok(Some(pool))
}

/// Annotates news text: sentences, entities, attributions (who says what) and hedges.
///
/// Build one and reuse it: construction compiles every word list (tens of milliseconds);
/// annotating is then thread-safe and runs without the GIL.
#[pyclass(module = "claimtag", name = "Annotator", frozen)]
struct Annotator {
    inner: Arc<claimtag::Annotator>,
    layers: claimtag::Layers,
    offsets: claimtag::OffsetUnit,
}

#[pymethods]
impl Annotator {
    #[new]
    #[pyo3(signature = (layers = None, lexicon = None, offsets = "codepoint"))]
    fn new(
        py: Python<'_>,
        layers: Option<&Bound<'_, PyAny>>,
        lexicon: Option<&Bound<'_, PyAny>>,
        offsets: &str,
    ) -> PyResult<Annotator> {
        let layers = match layers {
            Some(l) if !l.is_none() => layers_of(py, l)?,
            _ => claimtag::Layers::ALL,
        };
        let offsets = match offsets {
            "codepoint" => claimtag::OffsetUnit::Codepoint,
            "utf16" => claimtag::OffsetUnit::Utf16,
            other => {
                return Err(claimtag_error(
                    py,
                    "config",
                    format!("unknown offsets `{other}` (expected codepoint or utf16)"),
                ));
            }
        };
        let config = claimtag::Config {
            layers,
            user_lexicons: lexicons_of(py, lexicon)?,
            offsets,
        };
        let inner = py
            .detach(|| catch_unwind(|| claimtag::Annotator::new(config)))
            .map_err(|_| {
                claimtag_error(
                    py,
                    "internal",
                    "internal error while building the annotator",
                )
            })?
            .map_err(|e| claimtag_error(py, "config", e.to_string()))?;
        Ok(Annotator {
            inner: Arc::new(inner),
            layers,
            offsets,
        })
    }

    /// The layers this annotator writes, in pipeline order.
    #[getter]
    fn layers(&self) -> Vec<&'static str> {
        let l = self.layers;
        [
            (l.sentences, "sentences"),
            (l.entities, "entities"),
            (l.attributions, "attributions"),
            (l.hedges, "hedges"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect()
    }

    /// The unit of the offsets it writes: `codepoint` or `utf16`.
    #[getter]
    fn offsets(&self) -> &'static str {
        self.offsets.as_str()
    }

    /// Annotates one text; returns the document object the CLI writes for it.
    #[pyo3(signature = (text, id = None, *, source = None, meta = None))]
    fn annotate<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
        source: Option<String>,
        meta: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let Ok(text) = text.cast::<PyString>() else {
            return Err(claimtag_error(py, "input", "field `text` is not a string"));
        };
        let id = id_of(id.cloned(), || "0".to_string())?;
        let meta = match meta {
            Some(m) if !m.is_empty() => Some(meta_of(py, m.as_any())?),
            _ => None,
        };
        let item = Item {
            doc: claimtag::Document::new(id, text_of(py, text)?),
            source,
            meta,
        };
        let annotator = &*self.inner;
        let outcome = py.detach(|| annotate_item(annotator, item));
        outcome_to_python(py, &mut topy::Keys::default(), outcome)
    }

    /// Annotates many documents on the Rust thread pool; yields results in input order.
    #[pyo3(signature = (docs, threads = None, batch_size = 64, *, source = None, id_field = "id", text_field = "text"))]
    #[allow(clippy::too_many_arguments)]
    fn annotate_many(
        &self,
        py: Python<'_>,
        docs: &Bound<'_, PyAny>,
        threads: Option<usize>,
        batch_size: usize,
        source: Option<String>,
        id_field: &str,
        text_field: &str,
    ) -> PyResult<Stream> {
        if batch_size == 0 {
            return Err(claimtag_error(
                py,
                "config",
                "batch_size must be at least 1",
            ));
        }
        Ok(Stream {
            state: Mutex::new(StreamState {
                input: Some(docs.try_iter()?.unbind()),
                annotator: self.inner.clone(),
                pool: pool_for(py, threads)?,
                batch_size,
                fields: Fields {
                    id: id_field.to_string(),
                    text: text_field.to_string(),
                    source,
                },
                position: 0,
                in_flight: VecDeque::new(),
                ready: VecDeque::new(),
                failure: None,
                keys: topy::Keys::default(),
            }),
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "claimtag.Annotator(layers={:?}, offsets={:?})",
            self.layers(),
            self.offsets()
        )
    }
}

fn outcome_to_python<'py>(
    py: Python<'py>,
    keys: &mut topy::Keys,
    outcome: Outcome,
) -> PyResult<Bound<'py, PyAny>> {
    match outcome {
        Ok(annotation) => topy::to_python(py, keys, &annotation),
        Err(message) => Err(claimtag_error(py, "internal", message)),
    }
}

/// How many batches are queued on the pool while the caller consumes results: enough that
/// the pool never waits for Python to turn the previous batch into dicts, even when the
/// scheduler lets the consumer fall behind for a while.
const BATCHES_IN_FLIGHT: usize = 4;

struct StreamState {
    input: Option<Py<PyIterator>>,
    annotator: Arc<claimtag::Annotator>,
    pool: Option<Arc<rayon::ThreadPool>>,
    batch_size: usize,
    fields: Fields,
    /// Inputs read so far.
    position: usize,
    in_flight: VecDeque<Receiver<Vec<Outcome>>>,
    ready: VecDeque<Outcome>,
    /// A bad input met while reading ahead: raised once the documents before it are out.
    failure: Option<(usize, PyErr)>,
    keys: topy::Keys,
}

impl StreamState {
    /// Reads up to one batch from the input and sends it to the pool.
    fn submit_batch(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(input) = &self.input else {
            return Ok(());
        };
        let mut input = input.bind(py).clone();
        let mut batch = Vec::with_capacity(self.batch_size);
        while batch.len() < self.batch_size {
            match input.next() {
                None => {
                    self.input = None;
                    break;
                }
                Some(Err(e)) => {
                    self.failure = Some((self.position, e));
                    self.input = None;
                    break;
                }
                Some(Ok(value)) => match item_of(py, &value, self.position, &self.fields) {
                    Ok(item) => {
                        batch.push(item);
                        self.position += 1;
                    }
                    Err(e) => {
                        self.failure = Some((self.position, e));
                        self.input = None;
                        break;
                    }
                },
            }
        }
        if batch.is_empty() {
            return Ok(());
        }
        let (tx, rx) = channel();
        let annotator = self.annotator.clone();
        let job = move || {
            let outcomes: Vec<Outcome> = batch
                .into_par_iter()
                .map(|item| annotate_item(&annotator, item))
                .collect();
            // The receiver is gone only when the stream was dropped: nobody wants them.
            let _ = tx.send(outcomes);
        };
        match &self.pool {
            Some(pool) => pool.spawn(job),
            None => rayon::spawn(job),
        }
        self.in_flight.push_back(rx);
        Ok(())
    }

    fn next<'py>(&mut self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        loop {
            if let Some(outcome) = self.ready.pop_front() {
                return outcome_to_python(py, &mut self.keys, outcome).map(Some);
            }
            while self.input.is_some() && self.in_flight.len() < BATCHES_IN_FLIGHT {
                self.submit_batch(py)?;
            }
            let Some(rx) = self.in_flight.pop_front() else {
                return match self.failure.take() {
                    Some((_, e)) => Err(e),
                    None => Ok(None),
                };
            };
            let outcomes = py.detach(move || rx.recv());
            match outcomes {
                Ok(outcomes) => self.ready.extend(outcomes),
                Err(_) => {
                    return Err(claimtag_error(
                        py,
                        "internal",
                        "internal error: a worker thread stopped",
                    ));
                }
            }
            // Keep the pool busy while the caller turns this batch into dicts.
            while self.input.is_some() && self.in_flight.len() < BATCHES_IN_FLIGHT {
                self.submit_batch(py)?;
            }
        }
    }
}

/// The iterator `Annotator.annotate_many` returns: results in input order.
#[pyclass(module = "claimtag", name = "AnnotationStream")]
struct Stream {
    state: Mutex<StreamState>,
}

#[pymethods]
impl Stream {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut state = match self.state.try_lock() {
            Ok(state) => state,
            Err(_) => {
                return Err(claimtag_error(
                    py,
                    "input",
                    "this annotate_many iterator is already being read by another thread",
                ));
            }
        };
        state.next(py)
    }
}

/// The problems `claimtag validate` reports for a document given as JSON text, as
/// `(JSON pointer, message)` pairs.
#[pyfunction]
fn _validate_json(py: Python<'_>, json: &str) -> PyResult<Vec<(String, String)>> {
    let value: Value = serde_json::from_str(json)
        .map_err(|e| claimtag_error(py, "input", format!("not JSON: {e}")))?;
    py.detach(|| catch_unwind(|| claimtag::eval::validate::validate_document(&value)))
        .map_err(|_| claimtag_error(py, "internal", "internal error while validating"))
}

#[pymodule]
fn _claimtag(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add_class::<Annotator>()?;
    m.add_class::<Stream>()?;
    m.add("ClaimtagError", py.get_type::<ClaimtagError>())?;
    m.add("SCHEMA_VERSION", claimtag::model::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(_validate_json, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_through_guard, m)?)?;
    Ok(())
}
