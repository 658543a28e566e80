//! Reading this year's files and writing next year's: the plan checked as far as rolling
//! needs, the roster found (a CSV file, a workbook or inline tables), and every output
//! written in one atomic step. A roster kept as a workbook rolls into a workbook
//! (`workbook.rs`); a CSV or inline roster into a CSV.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_i18n::t;

use super::paths::{absolute, normalize, output_names, relative_path};
use super::roster_file::{read_roster, Roster};
use super::roster_rules::{retired_csv, roll_table, Carried, RolledRoster};
use super::scenario_rewrite::rewrite_scenario;
use super::workbook::to_xlsx;
use crate::error::{Diagnostics, InputError};
use crate::instance::plan::Plan;
use crate::instance::Instance;
use crate::write::{folder_of, write_atomically};

/// Next year's scenario, ready to write.
#[derive(Debug, Clone)]
pub struct Rolled {
    /// The new plan year, `Y0 + 1`.
    pub plan_year: i32,
    /// The files, by name in the output folder: scenario, roster, retired list.
    pub files: Vec<(String, Vec<u8>)>,
    /// What happened to whom.
    pub roster: RolledRoster,
    /// The roster came from inline `[[staff]]` tables (now written to a file).
    pub was_inline: bool,
    /// A roster kept as `.xls` or `.ods`, rolled into `.xlsx`: (the roster's file name, the
    /// new roster's), for the message that says so.
    pub converted: Option<(String, String)>,
}

/// Checks the plan against the scenario as far as rolling needs: one start a person, none
/// before `Y0`, and a start in `Y0` only for someone at home that year and to another school
/// (else the new roster would contradict itself). All problems are E1032.
fn check_plan(inst: &Instance, plan: &Plan, plan_file: &Path) -> Result<Vec<Carried>, InputError> {
    let mut d = Diagnostics::default();
    let y0 = inst.plan_year;
    let mut seen = HashMap::new();
    let mut bad =
        |cause: Cow<str>, action: Cow<str>| d.push("E1032", plan_file, None, cause, action);
    for s in &plan.starts {
        let (p, host) = (inst.person(s.person), &inst.school(s.host).id);
        if seen.insert(s.person, ()).is_some() {
            bad(
                t!("tools.roll.two_starts", id = p.id),
                t!("tools.roll.two_starts_fix"),
            );
        }
        if s.year < y0 {
            bad(
                t!("tools.roll.start_before", id = p.id, year = s.year, y0 = y0),
                t!("tools.roll.start_before_fix"),
            );
        }
        if s.year == y0 && s.host == p.home {
            bad(
                t!("tools.roll.start_at_home", id = p.id, host = host),
                t!("tools.roll.start_at_home_fix"),
            );
        }
        if let Some(h) = inst.away_under_way(s.person, y0).filter(|_| s.year == y0) {
            let at = &inst.school(h).id;
            bad(
                t!(
                    "tools.roll.start_while_away",
                    id = p.id,
                    host = host,
                    y0 = y0,
                    at = at
                ),
                t!("tools.roll.start_while_away_fix"),
            );
        }
    }
    let carried = plan.starts.iter().map(|s| Carried {
        person: inst.person(s.person).id.clone(),
        host: inst.school(s.host).id.clone(),
        year: s.year,
    });
    d.into_result(carried.collect())
}

/// Reads the scenario file (and its roster) behind `inst`, and rolls both with the plan
/// carried out into the files of plan year `Y0 + 1` for folder `out` (names from
/// [`output_names`]). The policy of `inst` gives `term_years`. Nothing is written; no input
/// is changed. An output that would replace an input is refused (E1050).
pub fn prepare(
    scenario: &Path,
    inst: &Instance,
    plan: &Plan,
    plan_file: &Path,
    out: &Path,
) -> Result<Rolled, InputError> {
    let y0 = inst.plan_year;
    let carried = check_plan(inst, plan, plan_file)?;
    let toml = std::fs::read_to_string(scenario).map_err(|e| {
        let cause = t!("tools.roll.cannot_read_scenario", error = e);
        InputError::single("E1001", scenario, None, cause, t!("tools.roll.check_path"))
    })?;
    let mut roster = read_roster(scenario, &toml)?;
    let (rolled, bytes) = roll(&mut roster, scenario, y0, inst.policy.term_years, &carried)?;
    let [name_toml, name_csv, name_retired] = output_names(scenario, y0);
    // A workbook's roster rolls into a workbook of the same name with `.xlsx`.
    let name_roster = match &roster.sheet {
        Some(_) => format!(
            "{}.xlsx",
            name_csv.strip_suffix(".csv").unwrap_or(&name_csv)
        ),
        None => name_csv,
    };
    let (old_dir, new_dir) = (absolute(&folder_of(scenario)), absolute(out));
    let rebase = |p: &str| {
        if Path::new(p).is_absolute() || old_dir == new_dir {
            p.to_string()
        } else {
            relative_path(&new_dir, &normalize(&old_dir.join(p)))
        }
    };
    // The sheet keeps its name; the scenario names it when it named it before.
    let sheet = (roster.sheet.as_ref())
        .filter(|(_, named)| *named)
        .map(|(k, _)| k.name.as_str());
    let text = rewrite_scenario(&toml, y0, &name_roster, sheet, &rebase).map_err(|e| {
        InputError::single("E1002", scenario, None, e, t!("tools.roll.validate_first"))
    })?;
    let names = [&name_toml, &name_roster, &name_retired];
    let inputs = [Some(scenario), roster.file.as_deref(), Some(plan_file)];
    refuse_overwrite(out, &names, &inputs)?;
    let converted = (roster.file.as_deref())
        .filter(|_| roster.sheet.is_some())
        .filter(|f| {
            !f.extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
        })
        .map(|f| {
            let name = f.file_name().unwrap_or_default().to_string_lossy();
            (name.into_owned(), name_roster.clone())
        });
    Ok(Rolled {
        plan_year: y0 + 1,
        files: vec![
            (name_toml, text.into_bytes()),
            (name_roster, bytes),
            (name_retired, retired_csv(&rolled.retired)),
        ],
        roster: rolled,
        was_inline: roster.file.is_none(),
        converted,
    })
}

/// Rolls the roster a year on: what happened to whom, and the new roster file's bytes (a
/// workbook for a workbook, a CSV otherwise). A cell the rules cannot read is E1012 in the
/// roster's file; a workbook that cannot be written back, E1010.
fn roll(
    roster: &mut Roster,
    scenario: &Path,
    y0: i32,
    term_years: i32,
    carried: &[Carried],
) -> Result<(RolledRoster, Vec<u8>), InputError> {
    let in_file = roster.file.as_deref().unwrap_or(scenario);
    let fail =
        |code, e: String| InputError::single(code, in_file, None, e, t!("tools.roll.correct_cell"));
    let table = &mut roster.table;
    let mut rolled = roll_table(table, y0, term_years, carried).map_err(|e| fail("E1012", e))?;
    let Some((at, _)) = &roster.sheet else {
        rolled.csv = table.to_bytes().map_err(|e| fail("E1012", e))?;
        let csv = rolled.csv.clone();
        return Ok((rolled, csv));
    };
    let bytes = to_xlsx(table, at).map_err(|e| fail("E1010", e))?;
    Ok((rolled, bytes))
}

/// E1050 when an output file would be one of the inputs.
fn refuse_overwrite(
    out: &Path,
    names: &[&String],
    inputs: &[Option<&Path>],
) -> Result<(), InputError> {
    for n in names {
        let target = absolute(&out.join(n));
        if inputs.iter().flatten().any(|i| absolute(i) == target) {
            return Err(InputError::single(
                "E1050",
                &out.join(n),
                None,
                t!("tools.roll.overwrite"),
                t!("tools.roll.overwrite_fix"),
            ));
        }
    }
    Ok(())
}

/// Writes the rolled files into `out` in one atomic step: all appear, or none changes.
pub fn write(out: &Path, rolled: &Rolled) -> std::io::Result<Vec<PathBuf>> {
    let files: Vec<(&str, Vec<u8>)> = rolled
        .files
        .iter()
        .map(|(n, b)| (n.as_str(), b.clone()))
        .collect();
    write_atomically(out, &files, &[])
}
