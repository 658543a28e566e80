//! The scenario file: county, groups, schools, and where the roster and distances are.
//!
//! The files here import each other directly; this file names them, gives the paths the rest
//! of the crate uses, and reads the file with them.

mod groups_and_schools;
mod named_sheet;
mod raw_scenario;
mod scenario_section;
mod staff_and_distances;
mod table_reader;

use std::path::{Path, PathBuf};

use rust_i18n::t;

use crate::error::Diagnostics;
use crate::input::toml_with_lines;
pub use raw_scenario::{Located, RawGroup, RawScenario, RawSchool};

/// The top-level keys of a scenario file.
const TOP_KEYS: &[&str] = &["scenario", "groups", "schools", "staff", "distances"];

/// Reads the scenario file and the roster and distance files it names, and gives the
/// policy file it names (if it could be read that far). The scenario is `None` when the
/// scenario file itself has a problem; problems of roster or distance rows are in `diags`
/// beside a scenario without those rows, which must then not be planned (validation reports
/// its own problems too).
pub(crate) fn read(path: &Path, diags: &mut Diagnostics) -> (Option<RawScenario>, Option<PathBuf>) {
    let before = diags.0.len();
    let Some(top) = toml_with_lines::read_file(
        path,
        &t!("input.what.scenario_file"),
        &t!("input.scenario_path_fix"),
        diags,
    ) else {
        return (None, None);
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    let where_ = t!("input.where.scenario_file").into_owned();
    top.check_keys(TOP_KEYS, &where_, path, diags);
    let root = table_reader::TableReader {
        file: path,
        where_,
        table: &top,
    };
    let section = scenario_section::scenario_section(&root, dir, diags);
    let groups = groups_and_schools::groups(&root, diags);
    let schools = groups_and_schools::schools(&root, diags);
    // Problems of single roster or distance rows leave the rest of the scenario whole: it is
    // still handed on, so that validation reports its problems in the same run (an unknown
    // school on one row beside a bad yes/no on another).
    let scenario_clean = diags.0.len() == before;
    let (staff, staff_file) = staff_and_distances::staff(&root, &section, dir, before, diags);
    let distances = staff_and_distances::distances(&root, &section, dir, diags);
    if diags.0.len() != before {
        // Validation, which reports repeated ids too, may not run (the policy may fail);
        // `crate::load::instance` drops the repeats when it does.
        staff_and_distances::repeated_ids(&staff, diags);
    }
    let policy = section.policy.clone();
    let raw = scenario_clean.then(|| RawScenario {
        file: path.to_path_buf(),
        name: section.name,
        plan_year: section.plan_year,
        policy: section.policy,
        groups,
        schools,
        staff,
        distances,
        staff_file,
        distances_file: section.distances.as_ref().map(|f| dir.join(&f.text)),
        distances_complete: section.distances_complete,
        notices: std::mem::take(&mut diags.1),
        contact: section.contact,
    });
    (raw, policy)
}
