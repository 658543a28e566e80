//! The files a run writes for people: `roster.csv` beside `plan.xlsx`, sealed by
//! `summary.json`, and the names of every file `solve` owns in its folder.

use std::io;

use super::plan_xlsx::plan_xlsx;
use super::workbook::plan_sheet;
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::summary::{OutputFile, Summary};
use crate::write::{CsvStyle, CsvTable};

/// One roster row per new start, in SCENARIO.md's column order with each school's name right
/// after its id ([`super::ROSTER_COLUMNS`]), headers and post and yes/no words in the
/// language in force ([`crate::lang::current`]; the plan reader reads either back), with a
/// byte-order mark and the user's text cells escaped ([`crate::write::escape_cell`]).
pub fn roster_csv(inst: &Instance, plan: &Plan) -> io::Result<Vec<u8>> {
    let sheet = plan_sheet(inst, plan);
    let mut csv = CsvTable::new(CsvStyle::SPREADSHEET);
    // The headers are our own words; escaping leaves them as they are.
    csv.record(&sheet.headers)?;
    for row in &sheet.rows {
        csv.record(row.iter().map(|c| c.text()))?;
    }
    csv.into_bytes()
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

/// The page to show a plan or a comparison ([`super::html`]).
pub const REPORT_FILE: &str = "report.html";

/// The files that show a plan: a run without one removes them, lest an older run's plan
/// look like this one's.
pub const PLAN_OUTPUTS: &[&str] = &["roster.csv", "plan.xlsx"];

/// Every file `solve` writes.
pub const SOLVE_OUTPUTS: &[&str] = &["roster.csv", "plan.xlsx", "summary.json", REPORT_FILE];
