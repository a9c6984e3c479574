//! tarikh-py: the extension module `tarikh._tarikh`. Glue only: it converts
//! Python arguments into owned Rust values, runs `tarikh-core` and
//! `tarikh-frame` with the GIL released, and hands tables back through the
//! Arrow C stream interface. The Python package `tarikh` wraps it.

mod arrow;
mod error;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyString};
use tarikh_core::extract::{DocInput, DocOutcome, Extractor, Stage};
use tarikh_core::{pool, Date, Format, Gazetteer, Kind, MatchMode, Matcher};
use tarikh_frame::DocRef;

use crate::arrow::ArrowFrame;
use crate::error::{core_err, frame_err, panic_err};

/// Run core work with the GIL released, as every call into core does, and
/// turn a panic (a bug) into a `TarikhError` naming `call`, never pyo3's
/// `PanicException`.
fn enter<T: Send>(py: Python<'_>, call: &str, f: impl FnOnce() -> T + Send) -> PyResult<T> {
    py.detach(|| catch_unwind(AssertUnwindSafe(f)))
        .map_err(|p| panic_err(call, p.as_ref()))
}

type MatcherCell = Arc<OnceLock<Arc<Matcher>>>;

fn builtin_cell() -> MatcherCell {
    static CELL: OnceLock<MatcherCell> = OnceLock::new();
    CELL.get_or_init(|| Arc::new(OnceLock::new())).clone()
}

/// A gazetteer plus its lazily built matcher (shared by copies until one of
/// them is modified).
#[pyclass(name = "Gazetteer", module = "tarikh._tarikh")]
pub struct PyGazetteer {
    gaz: Arc<Gazetteer>,
    matcher: MatcherCell,
}

impl PyGazetteer {
    fn wrap(gaz: Gazetteer) -> PyGazetteer {
        PyGazetteer {
            gaz: Arc::new(gaz),
            matcher: Arc::new(OnceLock::new()),
        }
    }

    fn modified(&mut self) -> &mut Gazetteer {
        self.matcher = Arc::new(OnceLock::new());
        Arc::make_mut(&mut self.gaz)
    }

    /// The matcher, built on first use with the GIL released.
    fn matcher(&self, py: Python<'_>) -> PyResult<Arc<Matcher>> {
        if let Some(m) = self.matcher.get() {
            return Ok(m.clone());
        }
        let gaz = self.gaz.clone();
        let built = enter(py, "building the matcher", || {
            Matcher::builder()
                .mode(MatchMode::LeftmostLongest)
                .build(gaz)
        })?
        .map_err(core_err)?;
        Ok(self.matcher.get_or_init(|| Arc::new(built)).clone())
    }
}

#[pymethods]
impl PyGazetteer {
    /// An empty gazetteer.
    #[new]
    fn new() -> Self {
        PyGazetteer::wrap(Gazetteer::new())
    }

    /// The built-in Sahel gazetteer (parsed once per process).
    #[staticmethod]
    fn builtin(py: Python<'_>) -> PyResult<Self> {
        let gaz = enter(py, "Gazetteer.builtin", Gazetteer::builtin)?;
        Ok(PyGazetteer {
            gaz,
            matcher: builtin_cell(),
        })
    }

    /// Read a gazetteer file; `format` is "csv", "tsv" or "jsonl", or None to
    /// follow the extension.
    #[staticmethod]
    #[pyo3(signature = (path, format=None))]
    fn from_path(py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<Self> {
        let format = match format {
            None => None,
            Some("csv") => Some(Format::Csv),
            Some("tsv") => Some(Format::Tsv),
            Some("jsonl") | Some("ndjson") => Some(Format::JsonLines),
            Some(other) => {
                return Err(PyValueError::new_err(format!(
                    "unknown format {other:?}: expected \"csv\", \"tsv\" or \"jsonl\""
                )))
            }
        };
        let gaz = enter(py, "Gazetteer.from_path", || match format {
            Some(f) => Gazetteer::from_path_as(&path, f),
            None => Gazetteer::from_path(&path),
        })?
        .map_err(core_err)?;
        Ok(PyGazetteer::wrap(gaz))
    }

    /// Parse JSON Lines text; `source` names it in error messages.
    #[staticmethod]
    fn from_jsonl_str(py: Python<'_>, data: &str, source: &str) -> PyResult<Self> {
        let mut gaz = Gazetteer::new();
        enter(py, "Gazetteer.from_jsonl_str", || {
            gaz.load_jsonl(data.as_bytes(), source)
        })?
        .map_err(core_err)?;
        Ok(PyGazetteer::wrap(gaz))
    }

    /// Parse CSV text; `source` names it in error messages.
    #[staticmethod]
    #[pyo3(signature = (data, source, delimiter=","))]
    fn from_csv_str(py: Python<'_>, data: &str, source: &str, delimiter: &str) -> PyResult<Self> {
        let &[d] = delimiter.as_bytes() else {
            return Err(PyValueError::new_err(
                "delimiter must be one ASCII character",
            ));
        };
        let mut gaz = Gazetteer::new();
        enter(py, "Gazetteer.from_csv_str", || {
            gaz.load_csv(data.as_bytes(), source, d)
        })?
        .map_err(core_err)?;
        Ok(PyGazetteer::wrap(gaz))
    }

    /// Add entries given as JSON Lines text (one object per line).
    fn add_jsonl(&mut self, py: Python<'_>, data: &str, source: &str) -> PyResult<()> {
        let mut extra = Gazetteer::new();
        enter(py, "Gazetteer.add", || {
            extra.load_jsonl(data.as_bytes(), source)
        })?
        .map_err(core_err)?;
        for e in extra.entries() {
            if self.gaz.get(&e.id).is_some() {
                return Err(core_err(tarikh_core::Error::DuplicateId {
                    id: e.id.clone(),
                    at: None,
                }));
            }
        }
        let gaz = self.modified();
        enter(py, "Gazetteer.add", || {
            extra.entries().iter().try_for_each(|e| gaz.add(e.clone()))
        })?
        .map_err(core_err)
    }

    /// Add every entry of `other`; on an id collision `other`'s entry wins.
    fn extend(slf: &Bound<'_, Self>, other: &Bound<'_, Self>) -> PyResult<()> {
        if slf.is(other) {
            return Ok(()); // every entry would replace itself
        }
        let other = other.borrow().gaz.clone();
        let mut this = slf.borrow_mut();
        let gaz = this.modified();
        enter(slf.py(), "Gazetteer.extend", || gaz.extend(&other))
    }

    /// A copy (sharing data until either is modified).
    fn copy(&self) -> Self {
        PyGazetteer {
            gaz: self.gaz.clone(),
            matcher: self.matcher.clone(),
        }
    }

    fn __len__(&self) -> usize {
        self.gaz.len()
    }

    fn __contains__(&self, id: &str) -> bool {
        self.gaz.get(id).is_some()
    }

    /// Number of entries of each kind.
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for k in Kind::ALL {
            let n = self.gaz.entries().iter().filter(|e| e.kind == k).count();
            if n > 0 {
                d.set_item(k.as_str(), n)?;
            }
        }
        Ok(d)
    }

    /// The entries as a table.
    fn to_frame(&self, py: Python<'_>) -> PyResult<ArrowFrame> {
        let gaz = self.gaz.clone();
        let df = enter(py, "Gazetteer.to_frame", || {
            tarikh_frame::gazetteer_frame(&gaz)
        })?
        .map_err(frame_err)?;
        Ok(ArrowFrame::new(df))
    }

    /// The entries an alias can mean, as a table.
    fn lookup(&self, py: Python<'_>, alias: &str) -> PyResult<ArrowFrame> {
        let gaz = self.gaz.clone();
        let df = enter(py, "Gazetteer.lookup", || {
            let mut sub = Gazetteer::new();
            for e in gaz.lookup(alias) {
                sub.upsert(e.clone()).expect("valid entries");
            }
            tarikh_frame::gazetteer_frame(&sub)
        })?
        .map_err(frame_err)?;
        Ok(ArrowFrame::new(df))
    }

    /// The gazetteer as JSON Lines bytes (the file format).
    fn to_jsonl_bytes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        let mut buf = Vec::new();
        let gaz = self.gaz.clone();
        enter(py, "Gazetteer.to_jsonl_bytes", || gaz.write_jsonl(&mut buf))?
            .map_err(|e| PyValueError::new_err(e.to_string()))?;
        Ok(PyBytes::new(py, &buf))
    }

    /// Whether this is the unmodified built-in gazetteer.
    fn is_builtin(&self, py: Python<'_>) -> PyResult<bool> {
        Ok(Arc::ptr_eq(
            &self.gaz,
            &enter(py, "Gazetteer.builtin", Gazetteer::builtin)?,
        ))
    }

    /// Build the matcher now (otherwise built on first use); returns the
    /// number of distinct patterns.
    fn compile(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.matcher(py)?.n_patterns())
    }

    /// Heap memory of the compiled matcher in bytes.
    fn matcher_memory(&self, py: Python<'_>) -> PyResult<usize> {
        Ok(self.matcher(py)?.memory_usage())
    }
}

/// Turn one Python value into a text or the reason it is not one.
fn text_of(v: &Bound<'_, PyAny>) -> Result<String, String> {
    if v.is_none() {
        return Err("text is null".into());
    }
    match v.cast::<PyString>() {
        Ok(s) => s
            .to_str()
            .map(str::to_string)
            .map_err(|e| format!("text is not valid Unicode: {e}")),
        Err(_) => {
            let t = v
                .get_type()
                .name()
                .map(|n| n.to_string())
                .unwrap_or_else(|_| "?".into());
            Err(format!("text is {t}, not str"))
        }
    }
}

/// Run the pipeline over documents. Returns the documents, mentions, events
/// and candidates tables.
#[pyfunction]
#[pyo3(signature = (gazetteer, doc_ids, texts, pub_dates=None, input_errors=None, threads=None, events=true, link=None))]
#[allow(clippy::too_many_arguments)] // the Python signature, one argument per column
fn extract(
    py: Python<'_>,
    gazetteer: PyRef<'_, PyGazetteer>,
    doc_ids: Vec<String>,
    texts: Vec<Bound<'_, PyAny>>,
    pub_dates: Option<Vec<Option<i32>>>,
    input_errors: Option<Vec<Option<String>>>,
    threads: Option<usize>,
    events: bool,
    link: Option<bool>,
) -> PyResult<(ArrowFrame, ArrowFrame, ArrowFrame, ArrowFrame)> {
    let stage = match (events, link.unwrap_or(events)) {
        (true, false) => {
            return Err(PyValueError::new_err(
                "events need linked mentions: link=False only goes with events=False",
            ))
        }
        (true, true) => Stage::Events,
        (false, true) => Stage::Linked,
        (false, false) => Stage::Mentions,
    };
    if doc_ids.len() != texts.len() {
        return Err(PyValueError::new_err(format!(
            "{} doc_ids for {} texts",
            doc_ids.len(),
            texts.len()
        )));
    }
    if let Some(d) = &pub_dates {
        if d.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} pub_dates for {} texts",
                d.len(),
                texts.len()
            )));
        }
    }
    let matcher = gazetteer.matcher(py)?;
    drop(gazetteer);
    let mut owned: Vec<Result<String, String>> = texts.iter().map(text_of).collect();
    if let Some(errs) = input_errors {
        if errs.len() != owned.len() {
            return Err(PyValueError::new_err(format!(
                "{} input_errors for {} texts",
                errs.len(),
                owned.len()
            )));
        }
        for (o, e) in owned.iter_mut().zip(errs) {
            if let Some(e) = e {
                *o = Err(e);
            }
        }
    }
    drop(texts);
    let tables = enter(py, "extract", move || {
        let ex = Extractor::new(matcher).with_stage(stage);
        let inputs: Vec<DocInput<'_>> = owned
            .iter()
            .enumerate()
            .map(|(i, t)| DocInput {
                text: t.as_deref().ok(),
                pub_date: pub_dates
                    .as_ref()
                    .and_then(|d| d[i])
                    .map(Date::from_days_since_epoch),
            })
            .collect();
        let docs: Vec<DocRef<'_>> = doc_ids
            .iter()
            .zip(&owned)
            .map(|(id, t)| DocRef {
                doc_id: id.as_str(),
                text: t.as_deref().ok(),
            })
            .collect();
        // the tables are built on the same pool: `threads=1` is one thread
        pool::install(threads, || {
            let mut outcomes: Vec<DocOutcome> = ex.process_batch(&inputs);
            for (o, t) in outcomes.iter_mut().zip(&owned) {
                if let Err(why) = t {
                    *o = Err(why.clone());
                }
            }
            tarikh_frame::tables(&docs, &outcomes, ex.gazetteer())
        })
    })?
    .map_err(frame_err)?;
    Ok((
        ArrowFrame::new(tables.documents),
        ArrowFrame::new(tables.mentions),
        ArrowFrame::new(tables.events),
        ArrowFrame::new(tables.candidates),
    ))
}

/// Date expressions in documents, resolved against per-document reference
/// dates (days since 1970-01-01).
#[pyfunction]
#[pyo3(signature = (doc_ids, texts, references=None, threads=None))]
fn find_dates(
    py: Python<'_>,
    doc_ids: Vec<String>,
    texts: Vec<Option<String>>,
    references: Option<Vec<Option<i32>>>,
    threads: Option<usize>,
) -> PyResult<ArrowFrame> {
    if doc_ids.len() != texts.len() || references.as_ref().is_some_and(|r| r.len() != texts.len()) {
        return Err(PyValueError::new_err(
            "doc_ids, texts and references must have the same length",
        ));
    }
    let df = enter(py, "find_dates", move || {
        use rayon::prelude::*;
        let found: Vec<Vec<tarikh_core::DateMention>> = pool::install(threads, || {
            texts
                .par_iter()
                .enumerate()
                .map(|(i, t)| {
                    let reference = references
                        .as_ref()
                        .and_then(|r| r[i])
                        .map(Date::from_days_since_epoch);
                    let Some(t) = t.as_deref() else {
                        return Vec::new();
                    };
                    // name the document a panic (a bug) happens on
                    catch_unwind(|| tarikh_core::find_dates(t, reference)).unwrap_or_else(|p| {
                        std::panic::panic_any(format!(
                            "document {:?}: {}",
                            doc_ids[i],
                            tarikh_core::error::panic_message(p.as_ref())
                        ))
                    })
                })
                .collect()
        });
        let docs: Vec<DocRef<'_>> = doc_ids
            .iter()
            .zip(&texts)
            .map(|(id, t)| DocRef {
                doc_id: id,
                text: t.as_deref(),
            })
            .collect();
        tarikh_frame::dates_frame(&docs, &found)
    })?
    .map_err(frame_err)?;
    Ok(ArrowFrame::new(df))
}

/// The normalised form of a string, as the matcher sees it.
#[pyfunction]
fn normalize(py: Python<'_>, text: &str) -> PyResult<String> {
    enter(py, "normalize", || {
        tarikh_core::normalize::normalize_key(text, tarikh_core::normalize::CaseMode::Fold)
    })
}

/// Panic inside [`enter`], as a bug in core would: lets the tests check
/// that a panic reaches Python as a `TarikhError`. Private, not re-exported
/// by the `tarikh` package.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, message: &str) -> PyResult<()> {
    enter(py, "_panic_for_tests", || panic!("{message}"))
}

#[pymodule]
fn _tarikh(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<PyGazetteer>()?;
    m.add_class::<ArrowFrame>()?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(find_dates, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add("TarikhError", py.get_type::<error::TarikhError>())?;
    m.add("GazetteerError", py.get_type::<error::GazetteerError>())?;
    m.add("DuplicateIdError", py.get_type::<error::DuplicateIdError>())?;
    m.add("MatcherError", py.get_type::<error::MatcherError>())?;
    m.add("FrameError", py.get_type::<error::FrameError>())?;
    Ok(())
}
