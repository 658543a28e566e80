//! The files `compare --out` writes: a folder per variant, `comparison.csv` and `.json`, and
//! `diff.csv`.

use super::across::WeightDiff;
use super::diff::PersonDiff;
use super::metrics::Metrics;
use super::result::VariantResult;
use super::solve_all::SolvedVariant;
use rust_i18n::t;

use crate::report::workbook::yes_no;
use crate::report::{roster_csv, status_word};
use crate::write::{CsvStyle, CsvTable};

/// A folder name for a variant: its number and label, with only safe characters.
pub(crate) fn slug(i: usize, label: &str) -> String {
    let clean: String = label
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || "-_.=".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    let mut squeezed = String::new();
    for c in clean.chars() {
        if !(c == '_' && squeezed.ends_with('_')) {
            squeezed.push(c);
        }
    }
    format!("{:02}-{}", i + 1, squeezed.trim_matches('_'))
}

/// The files of one variant's folder: as `solve` writes them, a roster only with a plan.
pub(crate) fn variant_files(o: &SolvedVariant) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let mut summary = serde_json::to_value(&o.summary).map_err(|e| e.to_string())?;
    summary["variant"] = serde_json::json!(o.variant);
    let mut files = vec![(
        "summary.json",
        serde_json::to_vec_pretty(&summary).map_err(|e| e.to_string())?,
    )];
    if let Some(plan) = o.plan() {
        files.push((
            "roster.csv",
            roster_csv(&o.inst, plan).map_err(|e| e.to_string())?,
        ));
    }
    Ok(files)
}

/// `comparison.json`: every variant with its folder, figures and broken rules, the diff,
/// and whether the objectives are comparable (`comparable`, `weights_differ`).
pub(crate) fn comparison_json(
    results: &[VariantResult],
    folders: &[String],
    metrics: &[Metrics],
    changes: &[PersonDiff],
    diffs: &[WeightDiff],
) -> Result<Vec<u8>, String> {
    let json = serde_json::json!({
        "provenance": super::result::provenance_of(results),
        "comparable": diffs.is_empty(),
        "weights_differ": diffs,
        "variants": results.iter().zip(metrics).zip(folders).map(|((r, m), folder)| serde_json::json!({
            "folder": folder,
            "variant": r.variant,
            "metrics": m,
            "broken": r.broken,
        })).collect::<Vec<_>>(),
        "diff": changes,
    });
    serde_json::to_vec_pretty(&json).map_err(|e| e.to_string())
}

/// `comparison.csv`: one row of [`Metrics`] per variant, headed by its field names in the
/// language in force (`compare.csv.*`), with the status and yes/no in words; the numbers as
/// serde writes them. `comparison.json` keeps the English names: it is for programs.
pub(crate) fn metrics_csv(ms: &[Metrics]) -> Result<Vec<u8>, String> {
    // The rows are serialized once as they are, then read back as text cells, so that the
    // columns stay the struct's fields, in order, without a second list of them here.
    let mut plain = CsvTable::with_field_names(CsvStyle::PLAIN);
    for m in ms {
        plain.serialize(m).map_err(|e| e.to_string())?;
    }
    let plain = plain.into_bytes().map_err(|e| e.to_string())?;
    let mut reader = csv::Reader::from_reader(plain.as_slice());
    let fields: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        // No variant, no row: the header alone, as before.
        Err(_) => Vec::new(),
    };
    let mut csv = CsvTable::new(CsvStyle::SPREADSHEET);
    if !ms.is_empty() {
        csv.record(fields.iter().map(|f| column(f)))
            .map_err(|e| e.to_string())?;
    }
    for row in reader.records() {
        let row = row.map_err(|e| e.to_string())?;
        let cells = fields
            .iter()
            .zip(row.iter())
            .map(|(f, cell)| match f.as_str() {
                "status" => status_word(cell),
                "objective_comparable" => yes_no(cell == "true"),
                _ => cell.to_string(),
            });
        csv.record(cells).map_err(|e| e.to_string())?;
    }
    csv.into_bytes().map_err(|e| e.to_string())
}

/// A column of `comparison.csv` or `diff.csv` in the language in force.
fn column(field: &str) -> String {
    t!(format!("compare.csv.{field}")).into_owned()
}

/// The columns of `diff.csv`: [`PersonDiff`]'s fields, written even when nothing changed.
const DIFF_COLUMNS: [&str; 7] = [
    "variant",
    "person_id",
    "name",
    "home_school",
    "first",
    "this",
    "change",
];

/// `diff.csv`: every [`PersonDiff`] of every variant against the first, its header and its
/// kind of change in the language in force.
pub(crate) fn diff_csv(changes: &[PersonDiff]) -> Result<Vec<u8>, String> {
    let mut csv = CsvTable::new(CsvStyle::SPREADSHEET);
    csv.record(DIFF_COLUMNS.map(column))
        .map_err(|e| e.to_string())?;
    for c in changes {
        csv.record([
            c.variant.clone(),
            c.person_id.clone(),
            c.name.clone(),
            c.home_school.clone(),
            c.first.clone(),
            c.this.clone(),
            change_word(c.change),
        ])
        .map_err(|e| e.to_string())?;
    }
    csv.into_bytes().map_err(|e| e.to_string())
}

/// The kind of a change (`other-year`, …) in the language in force.
pub(crate) fn change_word(change: &str) -> String {
    t!(format!("compare.change.{change}")).into_owned()
}
