//! The one mapping from Rust errors to Python exceptions.

use pyo3::create_exception;
use pyo3::exceptions::{
    PyException, PyFileNotFoundError, PyIsADirectoryError, PyOSError, PyPermissionError,
};
use pyo3::PyErr;

create_exception!(
    tarikh,
    TarikhError,
    PyException,
    "Base class of every error raised by tarikh."
);
create_exception!(
    tarikh,
    GazetteerError,
    TarikhError,
    "A gazetteer file, record or entry is invalid."
);
create_exception!(
    tarikh,
    DuplicateIdError,
    GazetteerError,
    "Two gazetteer entries share an id."
);
create_exception!(
    tarikh,
    MatcherError,
    TarikhError,
    "The matcher could not be built."
);
create_exception!(
    tarikh,
    FrameError,
    TarikhError,
    "A result table could not be built."
);

/// Convert a core error.
pub fn core_err(e: tarikh_core::Error) -> PyErr {
    use tarikh_core::Error as E;
    match e {
        E::Io {
            ref path,
            ref source,
        } => {
            let msg = format!("{}: {}", path.display(), source);
            let p = path.display().to_string();
            match source.kind() {
                std::io::ErrorKind::NotFound => PyFileNotFoundError::new_err((2, msg, p)),
                std::io::ErrorKind::PermissionDenied => PyPermissionError::new_err((13, msg, p)),
                std::io::ErrorKind::IsADirectory => PyIsADirectoryError::new_err((21, msg, p)),
                _ => PyOSError::new_err(msg),
            }
        }
        E::DuplicateId { .. } => DuplicateIdError::new_err(e.to_string()),
        E::Parse { .. } | E::InvalidEntry { .. } => GazetteerError::new_err(e.to_string()),
        E::Build(_) => MatcherError::new_err(e.to_string()),
    }
}

/// The error for a panic caught in `call`: panics are bugs, and pyo3 would
/// raise them as `PanicException`, a `BaseException` that escapes
/// `except Exception`; a `TarikhError` names the call instead.
pub fn panic_err(call: &str, payload: &(dyn std::any::Any + Send)) -> PyErr {
    TarikhError::new_err(format!(
        "internal error in {call}: {} (a bug: please report it)",
        tarikh_core::error::panic_message(payload)
    ))
}

/// Convert a frame error.
pub fn frame_err(e: tarikh_frame::Error) -> PyErr {
    FrameError::new_err(e.to_string())
}
