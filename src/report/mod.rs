//! Results for people and programs: `roster.csv` and the other output files (written
//! atomically), and the terminal text ([`render`]) in plain tables (`table.rs`).

mod render;
mod table;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::check::Violation;
use crate::instance::Instance;
use crate::plan::Plan;
use crate::rules::{Detail, Label};

pub use render::{render, render_baseline, render_violations};
use table::fmt_amount;
pub(crate) use table::{gap_text, opt_num, table};

/// One roster row per new start, in SCENARIO.md's column order.
pub fn roster_csv(inst: &Instance, plan: &Plan) -> io::Result<Vec<u8>> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "person_id",
        "name",
        "post",
        "backbone",
        "subject",
        "home_school",
        "host_school",
        "start_year",
        "end_year",
        "distance_km",
    ])?;
    for s in &plan.starts {
        let p = inst.person(s.person);
        let km = crate::candidates::distance_km(inst, s.person, s.host);
        w.write_record([
            p.id.clone(),
            p.name.clone(),
            p.post.as_str().to_string(),
            p.backbone.to_string(),
            inst.subjects[p.subject.ix()].clone(),
            inst.school(p.home).id.clone(),
            inst.school(s.host).id.clone(),
            s.year.to_string(),
            (s.year + inst.policy.term_years - 1).to_string(),
            format!("{km:.3}"),
        ])?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
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
    }
}

/// Writes the given files into `dir` so that either all appear complete or none changes: each
/// is written to a temporary file in the same folder and renamed into place at the end.
pub(crate) fn write_atomically(
    dir: &Path,
    files: &[(&str, Vec<u8>)],
    remove: &[&str],
) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut staged = Vec::new();
    for (name, bytes) in files {
        let mut tmp = tempfile::Builder::new()
            .prefix(&format!(".{name}."))
            .tempfile_in(dir)?;
        tmp.write_all(bytes)?;
        tmp.as_file().sync_all()?;
        staged.push((tmp, dir.join(name)));
    }
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
