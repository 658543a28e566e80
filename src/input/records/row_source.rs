//! Where a staff or distance row came from, for the messages about it.

use std::path::Path;
use std::sync::Arc;

/// The file named in messages about rows and scenarios built in code rather than read.
pub const IN_MEMORY: &str = "(in memory)";

/// Where a row came from, for error messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Src {
    /// The file the row was read from.
    pub file: Arc<Path>,
    /// Its line in that file.
    pub line: usize,
}

impl Src {
    /// Line `line` of `file`.
    pub fn new(file: impl AsRef<Path>, line: usize) -> Self {
        Src {
            file: Arc::from(file.as_ref()),
            line,
        }
    }

    /// A row built in code: [`IN_MEMORY`], line 0.
    pub fn in_memory() -> Self {
        Src::new(IN_MEMORY, 0)
    }
}
