//! The names of what the writes leave in an output folder, and of the folder of a file:
//! in one leaf file, so that the writers, the lock and the readers share them without
//! importing each other.

use std::path::{Path, PathBuf};

/// The lock file's name in the output folder.
pub const LOCK_FILE: &str = ".rotation.lock";

/// The journal's name in the folder.
pub(crate) const JOURNAL: &str = ".rotation.journal";

/// The lock every step of a commit, and every reader, holds: for milliseconds only.
pub(crate) const COMMIT_LOCK: &str = ".rotation.commit";

/// Where [`super::write_unit`] sets the old version of `name` aside.
pub(crate) fn aside_name(name: &str) -> String {
    format!(".{name}.previous")
}

/// The prefix of the temporary file a file called `name` is staged in.
pub(crate) fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
}

/// The folder a file goes into (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
