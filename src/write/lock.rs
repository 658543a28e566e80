//! The lock on an output folder, and the clean-up of what a killed run left in it.

use std::io;
use std::path::Path;

use super::atomic::{aside_name, temp_prefix};

/// A lock on an output folder for one run: a second run into the same folder is refused
/// while it is held, and the OS releases it when the process ends however it ends.
pub struct OutputLock {
    _file: std::fs::File,
}

/// The lock file's name in the output folder.
pub const LOCK_FILE: &str = ".rotation.lock";

impl OutputLock {
    /// Creates `dir` if needed and locks it; an error (kind `WouldBlock`) while another run
    /// holds it. Under the lock, what a killed run left of the unit `names` is cleaned up:
    /// its temporary files removed, and the old files it had set aside put back when its
    /// new `summary.json` never came (else removed).
    pub fn take(dir: &Path, names: &[&str]) -> io::Result<OutputLock> {
        std::fs::create_dir_all(dir)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        file.try_lock().map_err(|e| match e {
            std::fs::TryLockError::WouldBlock => io::Error::new(
                io::ErrorKind::WouldBlock,
                rust_i18n::t!("tools.folder_busy").into_owned(),
            ),
            std::fs::TryLockError::Error(e) => e,
        })?;
        remove_leftovers(dir, names)?;
        restore_aside(dir, names)?;
        Ok(OutputLock { _file: file })
    }
}

/// Removes the temporary files of `names` in `dir`: exactly the shape the atomic writes
/// stage them in (the prefix and six letters or digits), so that no file of the user's is
/// touched.
fn remove_leftovers(dir: &Path, names: &[&str]) -> io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file = entry.file_name();
        let file = file.to_string_lossy();
        let ours = names.iter().any(|n| {
            file.strip_prefix(&temp_prefix(n)).is_some_and(|rest| {
                rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric())
            })
        });
        if ours && entry.file_type()?.is_file() {
            std::fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// After a run killed inside [`super::write_unit`]: without a new `summary.json` the old unit is
/// put back and any part of the new one removed; with one, the old files go.
fn restore_aside(dir: &Path, names: &[&str]) -> io::Result<()> {
    let aside = |n: &str| dir.join(aside_name(n));
    if !names.iter().any(|n| aside(n).is_file()) {
        return Ok(());
    }
    let sealed = dir.join("summary.json").exists();
    for name in names {
        let (old, p) = (aside(name), dir.join(name));
        match (old.is_file(), sealed) {
            (true, true) => std::fs::remove_file(old)?,
            (true, false) => std::fs::rename(old, p)?,
            (false, false) if p.is_file() => std::fs::remove_file(p)?,
            _ => {}
        }
    }
    Ok(())
}
