//! Atomic writes: every file is written whole beside its target and renamed into place, so
//! a reader never sees half a file; [`write_unit`] makes a set of files one unit.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use super::journal::{self, CommitLock, Journal};
use super::names::{aside_name, temp_prefix, JOURNAL};

/// Writes the given files into `dir`: each is written whole to a temporary file in the same
/// folder first, and all are renamed into place only once every one is written, in the
/// order given. Each file is atomic; the set is not (see [`write_unit`] for `solve`'s).
pub fn write_atomically(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    remove: &[&str],
) -> io::Result<Vec<PathBuf>> {
    let staged = stage(dir, files)?;
    for name in remove {
        let p = dir.join(name);
        if p.exists() {
            std::fs::remove_file(p)?;
        }
    }
    let mut written = Vec::new();
    for (tmp, target) in staged {
        tmp.persist(&target).map_err(|e| e.error)?;
        written.push(target);
    }
    Ok(written)
}

/// Each file written whole to a temporary file in `dir`, with its target.
fn stage(dir: &Path, files: &[(&str, Vec<u8>)]) -> io::Result<Vec<(NamedTempFile, PathBuf)>> {
    std::fs::create_dir_all(dir)?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let mut tmp = staging(&temp_prefix(name)).tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        staged.push((tmp, dir.join(name)));
    }
    Ok(staged)
}

/// Writes a run's files into `dir` as one unit. Every old file of the unit (`files` and
/// `remove`) is first set aside, then the journal is written (the commit), the new files
/// are renamed into place, the old ones deleted and the journal last (see
/// `journal.rs`). A run killed at any point leaves the old unit (no journal yet) or the new
/// one (journal written), as the next writer or any reader finds it after putting the
/// folder right. When a step before the commit fails (Excel holding `plan.xlsx` open on
/// Windows), the old files are put back: the folder is as it was.
pub fn write_unit(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    remove: &[&str],
) -> io::Result<Vec<PathBuf>> {
    let staged = stage(dir, files)?;
    let _commit = CommitLock::take(dir)?;
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.0)
        .chain(remove.iter().copied())
        .collect();
    let mut aside = Vec::new();
    for name in &names {
        let (p, old) = (dir.join(name), dir.join(aside_name(name)));
        if p.exists() {
            step();
            if let Err(e) = std::fs::rename(&p, &old) {
                put_back(&aside);
                return Err(e);
            }
            aside.push((p, old));
        }
    }
    let staged_name =
        |t: &NamedTempFile| (t.path().file_name()).map(|n| n.to_string_lossy().into_owned());
    let journal = Journal {
        files: (staged.iter())
            .filter_map(|(tmp, target)| Some((staged_name(tmp)?, file_name(target))))
            .collect(),
        names: names.iter().map(|n| n.to_string()).collect(),
        abort: false,
    };
    step();
    if let Err(e) = journal::write(dir, &journal) {
        put_back(&aside);
        return Err(e);
    }
    let mut written = Vec::new();
    for (tmp, target) in staged {
        step();
        if let Err(e) = tmp.persist(&target) {
            // Taken back through the journal, marked first: a kill during the undoing is
            // undone the same way by the next reader or writer.
            let abort = Journal {
                abort: true,
                ..journal
            };
            let undone = journal::write(dir, &abort).and_then(|()| journal::undo(dir, &abort));
            if undone.is_err() {
                for done in &written {
                    let _ = std::fs::remove_file(done);
                }
                put_back(&aside);
            }
            return Err(e.error);
        }
        written.push(target);
    }
    for (_, old) in &aside {
        step();
        let _ = std::fs::remove_file(old);
    }
    step();
    std::fs::remove_file(dir.join(JOURNAL))?;
    Ok(written)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Moves the files set aside back to their names.
fn put_back(aside: &[(PathBuf, PathBuf)]) {
    for (p, old) in aside {
        let _ = std::fs::rename(old, p);
    }
}

/// A pause between the steps of a commit, for tests that kill a run at each step:
/// `ROTATION_COMMIT_STEP_MS` milliseconds (none when unset, as for every user).
fn step() {
    static PAUSE: std::sync::OnceLock<Option<std::time::Duration>> = std::sync::OnceLock::new();
    let pause = PAUSE.get_or_init(|| {
        let ms = std::env::var("ROTATION_COMMIT_STEP_MS").ok()?;
        ms.parse().ok().map(std::time::Duration::from_millis)
    });
    if let Some(p) = pause {
        std::thread::sleep(*p);
    }
}

/// A temporary file beside the target. On Unix it is opened with mode 0666, which the OS
/// narrows by the user's umask (0644 typically), as for any file the user saves: tempfile's
/// default, 0600, would hide the plan from others in the office.
fn staging(prefix: &str) -> tempfile::Builder<'_, 'static> {
    let mut b = tempfile::Builder::new();
    b.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(0o666));
    }
    b
}
