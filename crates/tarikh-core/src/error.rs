//! The one error type of `tarikh-core`.

use std::fmt;
use std::path::PathBuf;

/// Errors raised while loading a gazetteer or processing documents.
///
/// Messages are lower case and name the value at fault: the file, the line,
/// the entry id or the alias.
#[derive(Debug)]
pub enum Error {
    /// A file could not be opened or read.
    Io {
        /// The path that failed.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A gazetteer file or record is malformed.
    Parse {
        /// The file (or a description of the source, e.g. `<DataFrame>`).
        source: String,
        /// 1-based line number, when known.
        line: Option<u64>,
        /// What is wrong.
        message: String,
    },
    /// A gazetteer entry is invalid (bad kind, empty alias, bad coordinate...).
    InvalidEntry {
        /// The id of the offending entry.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// Two entries share an id.
    DuplicateId {
        /// The duplicated id.
        id: String,
        /// The file (or source description) and line of the second entry, when
        /// read from a file.
        at: Option<(String, u64)>,
    },
    /// The automaton could not be built.
    Build(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    /// Attach a source name and line number to an entry error.
    pub(crate) fn at(self, source: &str, line: u64) -> Error {
        match self {
            Error::InvalidEntry { id, message } => Error::Parse {
                source: source.to_string(),
                line: Some(line),
                message: format!("entry {id:?}: {message}"),
            },
            Error::DuplicateId { id, at: None } => Error::DuplicateId {
                id,
                at: Some((source.to_string(), line)),
            },
            other => other,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io { path, source } => write!(f, "{}: {}", path.display(), source),
            Error::Parse {
                source,
                line: Some(line),
                message,
            } => write!(f, "{source}, line {line}: {message}"),
            Error::Parse {
                source,
                line: None,
                message,
            } => write!(f, "{source}: {message}"),
            Error::InvalidEntry { id, message } => write!(f, "entry {id:?}: {message}"),
            Error::DuplicateId { id, at: None } => write!(f, "duplicate id {id:?}"),
            Error::DuplicateId {
                id,
                at: Some((source, line)),
            } => write!(f, "{source}, line {line}: duplicate id {id:?}"),
            Error::Build(msg) => write!(f, "cannot build the matcher: {msg}"),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The message of a caught panic, for the error of the document it stopped.
pub fn panic_message(p: &(dyn std::any::Any + Send)) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into())
}
