//! The lock on an output folder, and the clean-up of what a killed run left in it.

use std::io;
use std::path::Path;

use super::journal::{self, CommitLock};
use super::names::{temp_prefix, LOCK_FILE};

/// A lock on an output folder for one run: a second run into the same folder is refused
/// while it is held, and the OS releases it when the process ends however it ends.
pub struct OutputLock {
    _file: std::fs::File,
}

impl OutputLock {
    /// Creates `dir` if needed and locks it; an error (kind `WouldBlock`) while another run
    /// holds it, and (kind `PermissionDenied`) when the folder or a file of the unit
    /// `names` it would replace is read-only: said before the work, not after it. Under the
    /// lock, what a killed run left is put right: its commit finished or undone (see
    /// `journal.rs`) and its temporary files removed.
    pub fn take(dir: &Path, names: &[&str]) -> io::Result<OutputLock> {
        std::fs::create_dir_all(dir)?;
        writable(dir, names)?;
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
        // A dead writer's commit first (forward needs its staged files), then what is left
        // of runs that never committed.
        {
            let _commit = CommitLock::take(dir)?;
            journal::settle(dir, names)?;
        }
        remove_leftovers(dir, names)?;
        Ok(OutputLock { _file: file })
    }
}

/// Refuses a folder, or a file of `names` in it, that is read-only: a run would otherwise
/// solve for minutes and then fail to write. The folder is also tried by creating a file
/// in it (permissions alone do not tell what a network share or an ACL allows).
fn writable(dir: &Path, names: &[&str]) -> io::Result<()> {
    let refuse = |p: &Path| {
        let file = p.display().to_string();
        io::Error::new(
            io::ErrorKind::PermissionDenied,
            rust_i18n::t!("tools.read_only", file = file).into_owned(),
        )
    };
    if std::fs::metadata(dir)?.permissions().readonly() {
        return Err(refuse(dir));
    }
    tempfile::tempfile_in(dir).map_err(|_| refuse(dir))?;
    for name in names {
        let p = dir.join(name);
        if std::fs::metadata(&p).is_ok_and(|m| m.is_file() && m.permissions().readonly()) {
            return Err(refuse(&p));
        }
    }
    Ok(())
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
