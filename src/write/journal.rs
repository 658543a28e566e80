//! The commit of a unit of files, and putting a folder right after a run killed in it.
//!
//! [`super::write_unit`] sets the old files aside, writes the journal (which new file goes
//! where, which old one goes), renames the new files into place, deletes the old ones and
//! then the journal. The journal is the commit point: without it, what a killed run left
//! is rolled back (the old files put back, its temporary files removed); with it, rolled
//! forward (the remaining new files renamed into place). Every step holds the commit lock,
//! and so does every reader of the folder ([`settled`]), which first puts right what a dead
//! writer left: a command reading the folder sees the old unit or the new one, whole.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::names::{aside_name, folder_of, COMMIT_LOCK, JOURNAL, LOCK_FILE};

/// What a commit does, as the journal holds it: file names within the folder.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct Journal {
    /// Each new file: its staged (temporary) name and its name.
    pub(super) files: Vec<(String, String)>,
    /// Every name of the unit whose old file was set aside (new files and removed ones).
    pub(super) names: Vec<String>,
    /// The commit failed half-way (a rename refused): the unit is being taken back, and a
    /// kill during that is put right backwards too.
    #[serde(default)]
    pub(super) abort: bool,
}

/// The commit lock on a folder, held until dropped.
pub struct CommitLock {
    _file: File,
}

impl CommitLock {
    /// Waits for the commit lock of `dir` (held for milliseconds by a writer).
    pub(super) fn take(dir: &Path) -> io::Result<CommitLock> {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(COMMIT_LOCK))?;
        file.lock()?;
        Ok(CommitLock { _file: file })
    }
}

/// Writes the journal of a commit (whole, by a rename).
pub(super) fn write(dir: &Path, journal: &Journal) -> io::Result<()> {
    let bytes = serde_json::to_vec(journal).map_err(io::Error::other)?;
    let tmp = dir.join(format!("{JOURNAL}.new"));
    std::fs::write(&tmp, bytes)?;
    File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, dir.join(JOURNAL))
}

/// Puts `dir` right after a writer killed in a commit: forward when its journal was written,
/// back otherwise. `names` are the unit's names when the caller knows them (a writer);
/// without them (a reader) the files set aside are found by their shape.
pub(super) fn settle(dir: &Path, names: &[&str]) -> io::Result<()> {
    let _ = std::fs::remove_file(dir.join(format!("{JOURNAL}.new")));
    let journal = std::fs::read(dir.join(JOURNAL))
        .ok()
        .and_then(|b| serde_json::from_slice::<Journal>(&b).ok());
    match journal {
        Some(j) if j.abort => undo(dir, &j),
        Some(j) => {
            for (staged, name) in &j.files {
                let staged = dir.join(staged);
                if staged.is_file() {
                    std::fs::rename(staged, dir.join(name))?;
                }
            }
            for name in &j.names {
                let old = dir.join(aside_name(name));
                if old.is_file() {
                    std::fs::remove_file(old)?;
                }
            }
            std::fs::remove_file(dir.join(JOURNAL))
        }
        None => {
            let mut aside: Vec<String> = names.iter().map(|n| n.to_string()).collect();
            if names.is_empty() {
                aside = set_aside_in(dir)?;
            }
            for name in aside {
                let old = dir.join(aside_name(&name));
                if old.is_file() {
                    std::fs::rename(old, dir.join(name))?;
                }
            }
            Ok(())
        }
    }
}

/// Takes back a commit that failed half-way: every name of the unit gets its old file back,
/// or none when it had none (the new file is removed); staged files go; the journal last.
pub(super) fn undo(dir: &Path, j: &Journal) -> io::Result<()> {
    // Each name once: the old file comes back, then nothing may remove it as a new one.
    let names: std::collections::BTreeSet<&String> = (j.names.iter())
        .chain(j.files.iter().map(|(_, name)| name))
        .collect();
    for name in names {
        let (old, p) = (dir.join(aside_name(name)), dir.join(name));
        if old.is_file() {
            std::fs::rename(old, p)?;
        } else if j.files.iter().any(|(_, n)| n == name) && p.is_file() {
            // A new file without an old one: the unit had no such file before.
            std::fs::remove_file(p)?;
        }
    }
    for (staged, _) in &j.files {
        let _ = std::fs::remove_file(dir.join(staged));
    }
    std::fs::remove_file(dir.join(JOURNAL))
}

/// The names whose old file is set aside in `dir` (`.NAME.previous`).
fn set_aside_in(dir: &Path) -> io::Result<Vec<String>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let file = entry?.file_name().to_string_lossy().into_owned();
        if let Some(name) = file
            .strip_prefix('.')
            .and_then(|f| f.strip_suffix(".previous"))
        {
            if !name.is_empty() {
                out.push(name.to_string());
            }
        }
    }
    Ok(out)
}

/// A reader's hold on the folder of `file`: when it is an output folder of ours (it holds
/// our lock file), a dead writer's commit is put right first and no writer commits while
/// the hold lasts. `None` for any other folder, or one the reader may not change (then it
/// is read as it is).
pub fn settled(file: &Path) -> Option<CommitLock> {
    let dir: PathBuf = folder_of(file);
    if !dir.join(LOCK_FILE).is_file() {
        return None;
    }
    let lock = CommitLock::take(&dir).ok()?;
    settle(&dir, &[]).ok()?;
    Some(lock)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A commit killed while it was being taken back (a rename refused after the journal):
    /// the next reader or writer finishes taking it back. The old summary returns, and the
    /// new roster, which had no old version, goes.
    #[test]
    fn a_commit_killed_while_taken_back_is_taken_back_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join(aside_name("summary.json")), "old summary").unwrap();
        std::fs::write(d.join("summary.json"), "new summary").unwrap();
        std::fs::write(d.join("roster.csv"), "new roster").unwrap();
        std::fs::write(d.join(".plan.xlsx.abc123"), "staged").unwrap();
        let j = Journal {
            files: vec![
                (".roster.csv.x".into(), "roster.csv".into()),
                (".plan.xlsx.abc123".into(), "plan.xlsx".into()),
                (".summary.json.y".into(), "summary.json".into()),
            ],
            names: vec![
                "roster.csv".into(),
                "plan.xlsx".into(),
                "summary.json".into(),
            ],
            abort: true,
        };
        write(d, &j).unwrap();
        settle(d, &[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(d.join("summary.json")).unwrap(),
            "old summary"
        );
        assert!(!d.join("roster.csv").exists() && !d.join("plan.xlsx").exists());
        assert!(!d.join(".plan.xlsx.abc123").exists() && !d.join(JOURNAL).exists());
        assert!(!d.join(aside_name("summary.json")).exists());
    }
}
