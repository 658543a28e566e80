//! A plan roster read back: the output format of `solve`, or a plan made by hand.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Diagnostics, InputError};
use crate::input::columns;
use crate::input::records::{self, Cells};
use crate::instance::{Instance, PersonId};
use crate::plan::{Plan, Start};

/// The plan roster columns the reader needs.
const NEEDED: [&str; 3] = ["person_id", "host_school", "start_year"];

/// The header names a needed plan column goes by, lowercased: its English name, its Chinese
/// header as `roster.csv` writes it (`locales/report.toml`), and the staff column it matches
/// under its names in the roster (`id`, `工号`, `exchange_host`, `交流学校`,
/// `exchange_start`, `交流开始年份`, docs/COLUMNS.md). The CSV reader, given no required
/// column, names columns by the roster's table, so `工号` may come as `id`: both are here.
fn header_names(field: &str) -> Vec<String> {
    let staff = match field {
        "person_id" => "id",
        "host_school" => "exchange_host",
        _ => "exchange_start",
    };
    let zh = rust_i18n::t!(format!("report.col.{field}"), locale = "zh");
    let aliases = columns::COLUMNS
        .iter()
        .filter(|c| c.table == columns::Table::Staff && c.field == staff)
        .flat_map(|c| c.aliases.iter().copied());
    let mut names: Vec<String> = Vec::new();
    for n in [field, zh.as_ref(), staff].into_iter().chain(aliases) {
        let n = n.trim().to_lowercase();
        if !names.contains(&n) {
            names.push(n);
        }
    }
    names
}

/// The row's cell in the first of the columns `names` that the file has.
fn cell_of(cells: &Cells<'_>, names: &[String]) -> Option<String> {
    names.iter().find_map(|n| (cells.get)(n))
}

/// Reads a plan roster (SCENARIO.md output format; only `person_id`, `host_school` and
/// `start_year` are needed, so a hand-made plan works too). Headers in English or Chinese,
/// as `roster.csv` writes them in either language; other columns, such as the school names,
/// are ignored. A `.xlsx` plan is read from its first sheet, so `plan.xlsx` reads back too.
pub fn read_plan(inst: &Instance, path: &Path) -> Result<Plan, InputError> {
    let mut diags = Diagnostics::default();
    let people: HashMap<&str, PersonId> = inst
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.as_str(), PersonId(i as u32)))
        .collect();
    let names = NEEDED.map(header_names);
    let mut plan = Plan::default();
    let mut columns_ok = None;
    records::read_csv(path, &[], &mut diags, |cells, diags| {
        let ok = *columns_ok.get_or_insert_with(|| has_columns(cells, &names, path, diags));
        if ok {
            plan_row(inst, &people, path, cells, &names, diags, &mut plan);
        }
    });
    diags.into_result(plan)
}

/// Whether the file has every needed column; reported once (E1005) when not.
fn has_columns(
    cells: &Cells<'_>,
    names: &[Vec<String>; 3],
    path: &Path,
    diags: &mut Diagnostics,
) -> bool {
    let missing: Vec<String> = (NEEDED.iter().zip(names))
        .filter(|(_, n)| cell_of(cells, n).is_none())
        .map(|(f, n)| format!("{f} ({})", n[1..].join(", ")))
        .collect();
    if !missing.is_empty() {
        diags.push(
            "E1005",
            path,
            Some(1),
            format!("required column(s) missing: {}", missing.join("; ")),
            "add the column(s) to the header row, under one of the names shown",
        );
    }
    missing.is_empty()
}

/// One plan row into `plan`, or its problem into `diags`.
fn plan_row(
    inst: &Instance,
    people: &HashMap<&str, PersonId>,
    path: &Path,
    cells: &Cells<'_>,
    names: &[Vec<String>; 3],
    diags: &mut Diagnostics,
    plan: &mut Plan,
) {
    let line = Some(cells.src.line);
    let get = |n: &[String]| {
        cell_of(cells, n)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let person = get(&names[0]);
    let host = get(&names[1]);
    let year = get(&names[2]);
    let (Some(person), Some(host), Some(year)) = (person, host, year) else {
        diags.push(
            "E1032",
            path,
            line,
            "the row lacks person_id, host_school or start_year",
            "fill in all three",
        );
        return;
    };
    let Some(&p) = people.get(person.as_str()) else {
        diags.push(
            "E1031",
            path,
            line,
            format!("person `{person}` is not in the scenario's roster"),
            "correct the id, or check the plan against the scenario it was made for",
        );
        return;
    };
    let Some(h) = inst.school_by_id(&host) else {
        diags.push(
            "E1032",
            path,
            line,
            format!("host school `{host}` is not in the scenario"),
            "correct the school id",
        );
        return;
    };
    let Some(y) = columns::parse_whole(&year) else {
        diags.push(
            "E1012",
            path,
            line,
            format!("start_year `{year}` is not a whole number"),
            "write a school year such as 2027",
        );
        return;
    };
    plan.starts.push(Start {
        person: p,
        host: h,
        year: y,
    });
}
