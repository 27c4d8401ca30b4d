//! What stops a run (exit status 2), with the context a user needs to act on it.
//!
//! A bad record is never an `Error`: it goes to the rejects with its diagnostics. An `Error` is
//! what makes the whole run meaningless (an unreadable schema, an unwritable output folder, a
//! bad option), so nothing is committed when one happens.

use std::fmt;
use std::io;

#[derive(Debug)]
pub enum Error {
    /// The command line asks for something that cannot be done.
    Usage(String),
    /// A file or folder could not be opened, listed, read, written or moved.
    Io {
        /// What was being done, as a user would say it: `read`, `create`, `write`, `move`…
        action: &'static str,
        /// The file as shown to users (`schema/actors.csv`, `out/events.parquet`).
        path: String,
        source: io::Error,
    },
    /// A file of the schema folder is not what eventc expects: nothing can be checked against
    /// a broken codebook, dictionary or gazetteer.
    Schema {
        file: String,
        line: Option<u64>,
        message: String,
    },
    /// An input file or folder cannot be read as a whole (one bad record is a reject, not this).
    Input {
        file: String,
        line: Option<u64>,
        message: String,
    },
    /// An output could not be produced.
    Output { file: String, message: String },
}

impl Error {
    /// For `map_err`: an I/O error while doing `action` on `path`.
    pub fn io(action: &'static str, path: impl fmt::Display) -> impl FnOnce(io::Error) -> Error {
        let path = path.to_string();
        move |source| Error::Io {
            action,
            path,
            source,
        }
    }

    pub fn schema(file: impl fmt::Display, line: Option<u64>, message: impl fmt::Display) -> Error {
        Error::Schema {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }

    pub fn input(file: impl fmt::Display, line: Option<u64>, message: impl fmt::Display) -> Error {
        Error::Input {
            file: file.to_string(),
            line,
            message: message.to_string(),
        }
    }

    pub fn output(file: impl fmt::Display, message: impl fmt::Display) -> Error {
        Error::Output {
            file: file.to_string(),
            message: message.to_string(),
        }
    }

    /// A write to a closed pipe (`eventc dates X | head`): the reader has what it wanted, so
    /// the run ends quietly, as other Unix tools do.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

fn at(file: &str, line: Option<u64>) -> String {
    match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Usage(m) => f.write_str(m),
            Error::Io {
                action,
                path,
                source,
            } => write!(f, "cannot {action} {path}: {source}"),
            Error::Schema {
                file,
                line,
                message,
            } => write!(f, "{}: {message}", at(file, *line)),
            Error::Input {
                file,
                line,
                message,
            } => write!(f, "{}: {message}", at(file, *line)),
            Error::Output { file, message } => write!(f, "cannot write {file}: {message}"),
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

/// Writing to stdout: an error names stdout, so that a closed pipe is recognised.
pub fn stdout_error(source: io::Error) -> Error {
    Error::Io {
        action: "write to",
        path: "stdout".into(),
        source,
    }
}
