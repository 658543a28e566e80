//! Atomic writes: every file is written whole beside its target and renamed into place, so
//! a reader never sees half a file; [`write_unit`] makes a set of files one unit.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

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

/// Writes a run's files into `dir` as one unit, `summary.json` last (it names the others'
/// checksums). Every old file of the unit (`files` and `remove`) is first set aside, then
/// the new files are renamed into place, the summary last, and only then are the old ones
/// deleted. So a folder holding a `summary.json` holds the files it names, never a new
/// roster beside an old summary; and when a step fails (Excel holding `plan.xlsx` open on
/// Windows), the new files are taken back and the old ones put back: the folder is as it
/// was. A run killed half-way leaves the old files set aside, for the next run to restore
/// ([`super::OutputLock::take`]).
pub fn write_unit(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    remove: &[&str],
) -> io::Result<Vec<PathBuf>> {
    let staged = stage(dir, files)?;
    let names: Vec<&str> = files
        .iter()
        .map(|f| f.0)
        .chain(remove.iter().copied())
        .collect();
    let mut aside = Vec::new();
    for name in &names {
        let (p, old) = (dir.join(name), dir.join(aside_name(name)));
        if p.exists() {
            if let Err(e) = std::fs::rename(&p, &old) {
                put_back(&aside);
                return Err(e);
            }
            aside.push((p, old));
        }
    }
    let mut written = Vec::new();
    for (tmp, target) in staged {
        if let Err(e) = tmp.persist(&target) {
            for done in &written {
                let _ = std::fs::remove_file(done);
            }
            put_back(&aside);
            return Err(e.error);
        }
        written.push(target);
    }
    for (_, old) in &aside {
        let _ = std::fs::remove_file(old);
    }
    Ok(written)
}

/// Moves the files set aside back to their names.
fn put_back(aside: &[(PathBuf, PathBuf)]) {
    for (p, old) in aside {
        let _ = std::fs::rename(old, p);
    }
}

/// Where [`write_unit`] sets the old version of `name` aside.
pub(super) fn aside_name(name: &str) -> String {
    format!(".{name}.previous")
}

/// The prefix of the temporary file a file called `name` is staged in.
pub(super) fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
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

/// The folder a file goes into (`.` for a bare file name).
pub fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
