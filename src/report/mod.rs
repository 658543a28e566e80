//! Results for people and programs: `roster.csv`, `plan.xlsx` ([`workbook`]) and the other
//! output files (written atomically), and the terminal text ([`render`]) in plain tables
//! (`table.rs`).

pub mod html;
mod render;
mod table;
pub mod workbook;

use std::borrow::Cow;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::check::Violation;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::rules::{Detail, Label};
use crate::summary::{OutputFile, Summary};

pub use render::{render, render_baseline, render_violations};
pub(crate) use table::{fmt_amount, gap_text, opt_num, table};
pub use workbook::{plan_xlsx, ROSTER_COLUMNS};

/// One roster row per new start, in SCENARIO.md's column order with each school's name right
/// after its id ([`ROSTER_COLUMNS`]), headers and post and yes/no words in the language in
/// force ([`crate::lang::current`]; the plan reader reads either back), with a byte-order
/// mark and the user's text cells escaped ([`escape_cell`]).
pub fn roster_csv(inst: &Instance, plan: &Plan) -> io::Result<Vec<u8>> {
    let sheet = workbook::plan_sheet(inst, plan);
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&sheet.headers)?;
    for row in &sheet.rows {
        w.write_record(row.iter().map(|c| escape_cell(&c.text()).into_owned()))?;
    }
    let body = w
        .into_inner()
        .map_err(|e| io::Error::other(e.to_string()))?;
    Ok(with_bom(body))
}

/// The files a run with a plan writes: `roster.csv`, `plan.xlsx` ([`plan_xlsx`]) beside it,
/// and `summary.json`, ready to be written atomically together.
pub fn plan_files(
    inst: &Instance,
    plan: &Plan,
    summary: &Summary,
) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    seal(plan_data(inst, plan, summary)?, summary)
}

/// `roster.csv` and `plan.xlsx` of a plan.
pub fn plan_data(
    inst: &Instance,
    plan: &Plan,
    summary: &Summary,
) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    let xlsx = plan_xlsx(inst, plan, summary).map_err(|e| io::Error::other(e.to_string()))?;
    Ok(vec![
        ("roster.csv", roster_csv(inst, plan)?),
        ("plan.xlsx", xlsx),
    ])
}

/// `files` followed by `summary.json`, which names their sizes and checksums and so seals
/// the set (`solve` writes them as one unit).
pub fn seal(
    files: Vec<(&'static str, Vec<u8>)>,
    summary: &Summary,
) -> io::Result<Vec<(&'static str, Vec<u8>)>> {
    let mut sealed = summary.clone();
    sealed.files = files.iter().map(|(n, b)| OutputFile::of(n, b)).collect();
    let json = sealed.to_json()?;
    Ok(files.into_iter().chain([("summary.json", json)]).collect())
}

/// The page to show a plan or a comparison ([`html`]).
pub const REPORT_FILE: &str = "report.html";

/// The files that show a plan: a run without one removes them, lest an older run's plan
/// look like this one's.
pub const PLAN_OUTPUTS: &[&str] = &["roster.csv", "plan.xlsx"];

/// Every file `solve` writes.
pub const SOLVE_OUTPUTS: &[&str] = &["roster.csv", "plan.xlsx", "summary.json", REPORT_FILE];

/// The UTF-8 byte-order mark every CSV we write starts with: without it Excel on a Chinese
/// Windows reads the file as GBK and shows names as mojibake. Our readers skip it.
pub const BOM: &str = "\u{feff}";

/// `body` behind the [`BOM`].
pub fn with_bom(body: Vec<u8>) -> Vec<u8> {
    let mut out = BOM.as_bytes().to_vec();
    out.extend(body);
    out
}

/// The characters that make a spreadsheet read a cell as a formula (CSV injection).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell from the user's data as written to CSV: a cell a spreadsheet would run as a
/// formula gets a leading `'`, so `=HYPERLINK(..)` shows as text. A plain number (`-1`,
/// `+2.5`) stays as it is. A cell whose run of leading `'` stands before such a character
/// (`'=x`) gets one more, so that the reader, which strips one `'` only there
/// ([`crate::input::records::unescape_cell`]), gives back exactly what was written.
pub fn escape_cell(s: &str) -> Cow<'_, str> {
    let risky = s.starts_with(FORMULA_START) && !s.parse::<f64>().is_ok_and(f64::is_finite);
    let quoted = s.starts_with('\'') && s.trim_start_matches('\'').starts_with(FORMULA_START);
    if risky || quoted {
        Cow::Owned(format!("'{s}"))
    } else {
        Cow::Borrowed(s)
    }
}

/// A solver slack row as a violation in the checker's terms (for diagnosis and tests).
pub fn slack_violation(inst: &Instance, label: &Label, amount: f64) -> Violation {
    let school = inst.school(label.school).id.clone();
    let detail = match label.detail {
        Detail::None => None,
        Detail::Subject(k) => Some(inst.subjects[k.ix()].clone()),
        Detail::Member(m) => Some(inst.school(m).id.clone()),
        Detail::Surplus => Some("surplus".into()),
        Detail::Deficit => Some("deficit".into()),
    };
    let what = detail
        .as_ref()
        .map(|d| format!(" ({d})"))
        .unwrap_or_default();
    let message = format!(
        "{} at {school}{what} in {}: short by {}",
        label.rule.title(),
        label.year,
        fmt_amount(amount)
    );
    Violation {
        rule: label.rule,
        school: Some(school),
        detail,
        person: None,
        year: Some(label.year),
        amount,
        message,
        cause: None,
    }
}

/// Writes the given files into `dir`: each is written whole to a temporary file in the same
/// folder first, and all are renamed into place only once every one is written, in the
/// order given. Each file is atomic; the set is not (see [`write_unit`] for `solve`'s).
pub(crate) fn write_atomically(
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
/// ([`OutputLock::take`]).
pub(crate) fn write_unit(
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
fn aside_name(name: &str) -> String {
    format!(".{name}.previous")
}

/// The prefix of the temporary file a file called `name` is staged in.
fn temp_prefix(name: &str) -> String {
    format!(".{name}.")
}

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

/// Removes the temporary files of `names` in `dir`: exactly the shape [`stage`] makes (the
/// prefix and six letters or digits), so that no file of the user's is touched.
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

/// After a run killed inside [`write_unit`]: without a new `summary.json` the old unit is
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

/// A file's name without folder and extension, to label it in tables.
pub(crate) fn file_label(p: &Path) -> String {
    p.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}

/// The folder a file goes into (`.` for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}
